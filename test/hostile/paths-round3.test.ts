/**
 * Hostile class, round 3 (helper H): file names and output paths as data. Linux allows any byte
 * but "/" and NUL in a name: a newline, ESC, a bidi override, `%` and bytes that are not UTF-8
 * are printed as escapes (one name, one line); an output path that is one of the run's inputs
 * (the same name, a hard link, a symbolic link) is refused before anything is written, so the
 * merchant's file is never replaced by a report; a missing folder for --out or --results is exit 3.
 */
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogSnapshot, localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { TERMINAL_UNSAFE } from "./generators.js";

const stores = localStores(["shop"]);
afterAll(() => stores.cleanup());

const CATALOG = "handle,title,sku,price,description\np-1,Shirt,S-1,12.50,A shirt\n";
const BAD = "handle,title,sku,price,description\np-1,Shirt,S-1,abc,A shirt\n";

function file(name: string | Buffer, text = CATALOG): string {
  const dir = join(stores.dir, "in");
  mkdirSync(dir, { recursive: true });
  const p = Buffer.isBuffer(name) ? Buffer.concat([Buffer.from(`${dir}/`), name]) : join(dir, name);
  writeFileSync(p, text);
  return typeof p === "string" ? p : p.toString("latin1");
}

describe("file names as data", () => {
  it.each([
    ["a newline", "new\nline.csv", "new\\nline.csv"],
    ["escape codes", "esc\u001b[31mred\u001b[0m.csv", "esc\\u{1B}[31mred\\u{1B}[0m.csv"],
    ["a bidi override", "invoice\u202Egpj.csv", "invoice\\u{202E}gpj.csv"],
    ["printf directives", "100%s%n%d.csv", "100%s%n%d.csv"],
  ])("%s in the input's name: printed as escapes, on one line, in the error and the report", async (_, name, shown) => {
    file(name, BAD);
    const r = await runCli(["catalog", "import", join("in", name), "--dry-run"], { cwd: stores.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`error: in/${shown}, row 2, column "price"`);
    expect(r.stdout).toContain(`Files: in/${shown} (native, 1 row)`);
    expect(r.stdout + r.stderr).not.toMatch(TERMINAL_UNSAFE);
  });

  it("a very long name is shortened in messages, never a wall of text", async () => {
    const name = `${"x".repeat(240)}.csv`;
    file(name, BAD);
    const r = await runCli(["catalog", "import", join("in", name), "--dry-run"], { cwd: stores.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/… \(\d{3} characters\)/);
    expect(r.stderr).not.toContain("x".repeat(100));
  });

  it("a name with bytes that are not UTF-8: exit 3 saying so and how to rename it (not a bare 'file not found')", async () => {
    // GBK bytes of 商品 in a name, as an archive made on Chinese Windows unpacks on Linux.
    const path = file(Buffer.from([0xc9, 0xcc, 0xc6, 0xb7, 0x2e, 0x63, 0x73, 0x76]));
    expect(existsSync(Buffer.from(path, "latin1"))).toBe(true);
    const r = await runCli(["catalog", "import", "in/\uFFFD\uFFFD\uFFFD\uFFFD.csv", "--dry-run"], { cwd: stores.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/not UTF-8 .*\n.*rename the file to a UTF-8 name/);
  });
});

describe("an output over an input", () => {
  it.each([
    ["--results the input itself", (p: string) => ["--results", p]],
    ["-o the input itself", (p: string) => ["-o", p]],
    ["--save-mapping the input itself", (p: string) => ["--save-mapping", p]],
  ])("%s: refused before anything is read or written, the input intact", async (_, flags) => {
    const input = file("own.csv");
    const r = await runCli(["catalog", "import", input, ...flags(input)], { cwd: stores.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/own\.csv: is one of the files this run reads; .*nothing was written to it/);
    expect(readFileSync(input, "utf8")).toBe(CATALOG);
    expect(catalogSnapshot(stores.dir, "shop")).not.toMatch(/"sku":"S-1"/);
  });

  it("a hard link and a symbolic link to the input count as the input", async () => {
    const input = file("linked.csv");
    const hard = join(stores.dir, "in", "hard.csv");
    const soft = join(stores.dir, "in", "soft.xlsx");
    linkSync(input, hard);
    symlinkSync(input, soft);
    for (const out of [hard, soft]) {
      const r = await runCli(["catalog", "import", input, "--results", out], { cwd: stores.dir });
      expect(r.exitCode).toBe(3);
      expect(readFileSync(input, "utf8")).toBe(CATALOG);
    }
  });

  it("another file is written as before", async () => {
    const input = file("fine.csv");
    const r = await runCli(["catalog", "import", input, "--dry-run", "--results", join(stores.dir, "in", "fine-results.csv")], {
      cwd: stores.dir,
    });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(stores.dir, "in", "fine-results.csv"), "utf8")).toMatch(/fine\.csv,2,p-1,S-1/);
  });
});

describe("output folders", () => {
  it.each([
    ["--results", "missing/sub/results.csv"],
    ["-o", "missing/sub/report.csv"],
  ])("%s into a folder that does not exist: exit 3 naming it and mkdir -p", async (flag, out) => {
    const input = file("catalog.csv");
    const r = await runCli(["catalog", "import", input, "--dry-run", flag, out], { cwd: stores.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/missing\/sub/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it.skipIf(process.getuid?.() === 0)("--results into a read-only folder: exit 3, permission named", async () => {
    const input = file("catalog.csv");
    const ro = join(stores.dir, "read-only");
    mkdirSync(ro, { recursive: true });
    chmodSync(ro, 0o555);
    const r = await runCli(["catalog", "import", input, "--dry-run", "--results", join(ro, "r.csv")], { cwd: stores.dir });
    chmodSync(ro, 0o755);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
