/**
 * Hostile class: paths that are not files (a FIFO with no writer, a symlink loop, a directory), rows
 * wider than any spreadsheet, and cells that drive the terminal (escape codes, CR, bidi overrides).
 * Each is refused with exit 3 naming the file, or printed with the dangerous characters replaced.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAttributeDictionary } from "../../src/core/attributes/index.js";
import { mapHeaders } from "../../src/core/catalog/index.js";
import { neutralizeControls } from "../../src/core/echo.js";
import { InputError } from "../../src/core/errors.js";
import { escapeCell } from "../../src/io/writers/markdown.js";
import { type CheckEnv, checkedChunks } from "../../src/services/catalog-check.js";
import { localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { CATALOG_HEADER, TERMINAL_ATTACKS, TERMINAL_UNSAFE, wideHeaderCsv } from "./generators.js";

const stores = localStores(["shop"]);
afterAll(() => stores.cleanup());
const cwd = stores.dir;

const importCatalog = (file: string, ...args: string[]) => runCli(["catalog", "import", file, "--dry-run", ...args], { cwd });
const importShipments = (file: string) => runCli(["shipments", "import", file, "--dry-run"], { cwd });

describe("paths that are not regular files", () => {
  mkdirSync(join(cwd, "folder.csv"));
  execFileSync("mkfifo", [join(cwd, "pipe.csv")]);
  symlinkSync("loop-b.csv", join(cwd, "loop-a.csv"));
  symlinkSync("loop-a.csv", join(cwd, "loop-b.csv"));

  // A FIFO with no writer blocked open() for ever: the run never ended.
  it.each([
    ["catalog import", importCatalog],
    ["shipments import", importShipments],
  ])("%s: a FIFO, a symlink loop and a directory are refused (exit 3), naming what the path is", async (_, run) => {
    const fifo = await run("pipe.csv");
    expect(fifo.exitCode, fifo.stderr).toBe(3);
    expect(fifo.stderr).toContain("pipe.csv: is not a regular file (a pipe, socket or device)");
    const loop = await run("loop-a.csv");
    expect(loop.exitCode, loop.stderr).toBe(3);
    expect(loop.stderr).toContain("loop-a.csv: the path goes round a loop of symbolic links");
    const dir = await run("folder.csv");
    expect(dir.exitCode, dir.stderr).toBe(3);
    expect(dir.stderr).toContain("folder.csv: is a directory, not a file");
    const missing = await run("no-such.csv");
    expect(missing.exitCode, missing.stderr).toBe(3);
    expect(missing.stderr).toContain("no-such.csv: file not found");
  });

  it("a FIFO or a directory given as --mapping is refused (exit 3), not read for ever", async () => {
    writeFileSync(join(cwd, "odd.csv"), `${CATALOG_HEADER.trimEnd()},weird\np-1,Shirt,S-1,12.50,x\n`);
    const fifo = await importCatalog("odd.csv", "--mapping", "pipe.csv");
    expect(fifo.exitCode, fifo.stderr).toBe(3);
    expect(fifo.stderr).toContain("pipe.csv: is not a regular file");
    const dir = await importCatalog("odd.csv", "--mapping", "folder.csv");
    expect(dir.exitCode, dir.stderr).toBe(3);
    expect(dir.stderr).toContain("folder.csv: is a directory, not a file");
  });

  it("a file name with spaces and non-Latin letters is read", async () => {
    const name = "my file ünï 衬衫.csv";
    writeFileSync(join(cwd, name), `${CATALOG_HEADER}p-1,Shirt,S-1,12.50\n`);
    const r = await importCatalog(name);
    expect(r.exitCode, r.stderr).toBe(0);
  });
});

describe("rows wider than a spreadsheet", () => {
  it("a first row of 20,000 cells is refused at once (exit 3), not mapped column by column", async () => {
    writeFileSync(join(cwd, "wide.csv"), wideHeaderCsv(20_000));
    const r = await importCatalog("wide.csv");
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stderr).toContain("wide.csv, row 1: 20,000 cells in one row, more columns than a spreadsheet can have (16,384");
  });
});

describe("terminal injection", () => {
  it("neutralizeControls replaces escape, C1, CR, backspace and bidi controls, keeps newlines and text", () => {
    for (const attack of TERMINAL_ATTACKS) expect(neutralizeControls(attack)).not.toMatch(TERMINAL_UNSAFE);
    expect(neutralizeControls("a\tb\r\nc 衬衫 ü")).toBe("a b\nc 衬衫 ü");
    expect(neutralizeControls("\x1b[31mred")).toBe("\uFFFD[31mred");
    // Markdown (stdout by default) drops them.
    for (const attack of TERMINAL_ATTACKS) expect(escapeCell(attack)).not.toMatch(TERMINAL_UNSAFE);
  });

  it("escape codes and bidi overrides in cells never reach stderr or the table raw, in English and Chinese", async () => {
    const rows = TERMINAL_ATTACKS.map((a, i) => `p-${i},Title ${a},SKU-${i}${a},${a}`).join("\n");
    writeFileSync(join(cwd, "ansi.csv"), `${CATALOG_HEADER}${rows}\n`);
    for (const lang of ["en", "zh"]) {
      const r = await importCatalog("ansi.csv", "--lang", lang, "--max-errors", "100");
      expect(r.exitCode, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/ansi\.csv/);
      expect(r.stdout).toMatch(/ansi\.csv/);
      expect(r.stderr).not.toMatch(TERMINAL_UNSAFE);
      expect(r.stdout).not.toMatch(TERMINAL_UNSAFE);
      expect(r.stderr).toContain("\uFFFD[2J\uFFFD[H");
    }
  });
});

describe("a file that changes while it is read", () => {
  const dict = createAttributeDictionary(undefined);
  const env = (file: string, header: string[]): CheckEnv => ({
    inputs: [{ file, mapping: mapHeaders(header, { dict, file }) }],
    strictAttributes: false,
    attributes: undefined,
    readOptions: {},
    currency: "CNY",
    timezone: "UTC",
    target: "local",
    keywords: [],
    chunkSize: 10,
    shape: "products",
  });
  const drain = async (e: CheckEnv, between?: () => void) => {
    for await (const _ of checkedChunks(e)) between?.();
  };
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `p-${i},Shirt ${i},S-${i},12.50`).join("\n");
  process.env.MERCHOPS_CHECK_WORKER = "0";

  it("a column inserted after the header was mapped: refused, never read under the wrong fields", async () => {
    const file = join(cwd, "moved.csv");
    writeFileSync(file, `handle,vendor,title,sku,price\np-1,Acme,Shirt,S-1,12.50\n`);
    const err = await drain(env(file, ["handle", "title", "sku", "price"])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${file}, row 1: the file changed while merchops was reading it`);
  });

  it("rows appended while the rows are read: refused at the end of the read", async () => {
    const file = join(cwd, "growing.csv");
    writeFileSync(file, `${CATALOG_HEADER}${rows(2_000)}\n`);
    let appended = false;
    const err = await drain(env(file, ["handle", "title", "sku", "price"]), () => {
      if (!appended) appendFileSync(file, "p-x,Late,S-x,1.00\n");
      appended = true;
    }).catch((e: unknown) => e);
    expect(appended).toBe(true);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${file}: the file changed while merchops was reading it`);
  });
});
