/**
 * Bad input, each case: one clear line naming the file/row/column or config key, the documented
 * exit code, no stack trace, nothing half-written.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { DEMO_DIR } from "../helpers/demo-data.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let n = 0;
/** A files store in a fresh folder: the demo's files, with `mutate` applied to them. */
function filesStore(mutate: (dir: string) => void, extraConfig = ""): string {
  const root = join(tmp.dir, `case${++n}`);
  const data = join(root, "exports");
  mkdirSync(data, { recursive: true });
  for (const f of ["orders.csv", "order_lines.csv", "returns.csv", "traffic.csv", "tickets.csv"])
    copyFileSync(join(DEMO_DIR, f), join(data, f));
  mutate(data);
  writeFileSync(
    join(root, "merchops.config.yaml"),
    `defaultStore: client\ntimezone: Asia/Shanghai\nstores:\n  client:\n    platform: files\n    dir: ./exports\n${extraConfig}`,
  );
  return root;
}

function expectOneClearError(r: { exitCode: number; stderr: string; stdout: string }, code: number, pattern: RegExp) {
  expect(r.exitCode).toBe(code);
  const lines = r.stderr.trim().split("\n");
  const error = lines.find((l) => l.startsWith("error:"));
  expect(error, r.stderr).toBeDefined();
  expect(error).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(/); // no stack trace
  expect(lines.filter((l) => l.startsWith("error:")).length).toBe(1);
  expect(r.stdout).toBe("");
}

const OUT = "out.html";
async function report(cwd: string, ...args: string[]) {
  const r = await runCli(["kpi", "report", "--period", "last-30-days", "--out", OUT, ...args], { cwd });
  if (r.exitCode !== 0) expect(existsSync(join(cwd, OUT)), "no half-written output").toBe(false);
  return r;
}

const csvEdit = (file: string, fn: (lines: string[]) => string[]) => {
  const lines = readFileSync(file, "utf8").split("\n");
  writeFileSync(file, fn(lines).join("\n"));
};

describe("bad input", () => {
  it("missing file: names the folder and what was looked for (exit 3)", async () => {
    const root = filesStore((d) => writeFileSync(join(d, "orders.csv.bak"), ""), "");
    const fs = await import("node:fs");
    fs.rmSync(join(root, "exports", "orders.csv"));
    expectOneClearError(await report(root), 3, /no orders file in .*exports.*orders\.csv/);
  });

  it("empty file (exit 3)", async () => {
    const root = filesStore((d) => writeFileSync(join(d, "orders.csv"), ""));
    expectOneClearError(await report(root), 3, /orders\.csv.*empty/);
  });

  it("missing required column: names the column (exit 3)", async () => {
    const root = filesStore((d) =>
      csvEdit(join(d, "orders.csv"), (l) =>
        l.map((x) =>
          x
            .split(",")
            .filter((_, i) => i !== 1)
            .join(","),
        ),
      ),
    );
    expectOneClearError(await report(root), 3, /orders\.csv, row 1: missing required column "placed_at"/);
  });

  it("unparseable date: names file, row and column (exit 3)", async () => {
    const root = filesStore((d) =>
      csvEdit(join(d, "orders.csv"), (l) => l.map((x, i) => (i === 5 ? x.replace(/,2026-[^,]+,/, ",next tuesday,") : x))),
    );
    expectOneClearError(await report(root), 3, /orders\.csv, row 6, column "placed_at": "next tuesday" is not a date-time/);
  });

  it("negative quantity: names file, row and column (exit 3)", async () => {
    const root = filesStore((d) =>
      csvEdit(join(d, "order_lines.csv"), (l) => {
        const quantity = (l[0] as string).split(",").indexOf("quantity");
        return l.map((x, i) =>
          i === 3
            ? x
                .split(",")
                .map((c, j) => (j === quantity ? "-2" : c))
                .join(",")
            : x,
        );
      }),
    );
    expectOneClearError(await report(root), 3, /order_lines\.csv, row 4, column "quantity": -2 is negative/);
  });

  it("a forced wrong encoding is refused, not turned into mojibake (exit 3)", async () => {
    const root = filesStore((d) => {
      const text = readFileSync(join(DEMO_DIR, "order_lines.csv"), "utf8");
      writeFileSync(join(d, "order_lines.csv"), iconv.encode(text, "gb18030"));
    });
    expectOneClearError(await report(root, "--encoding", "utf-8"), 3, /order_lines\.csv.*(UTF-8|utf-8)/);
  });

  it("unknown config key: names the key and suggests the right one (exit 2)", async () => {
    const root = filesStore(() => {}, "defaultStor: client\n");
    const r = await report(root);
    expectOneClearError(r, 2, /merchops\.config\.yaml:\d+: defaultStor: unknown key "defaultStor"/);
    expect(r.stderr).toContain('did you mean "defaultStore"');
  });

  it("literal secret in config: refused without echoing it (exit 2)", async () => {
    const root = filesStore(() => {}, "  shop:\n    platform: local\n    token: shpat_0123456789abcdef\n");
    const r = await report(root);
    expectOneClearError(r, 2, /stores\.shop\.token: a secret is written in the config file/);
    expect(r.stderr).not.toContain("shpat_0123456789abcdef");
    expect(r.stderr).toContain("env:");
  });

  it("unknown store name (exit 2)", async () => {
    const root = filesStore(() => {});
    expectOneClearError(await report(root, "--store", "clinet"), 2, /unknown store "clinet"/);
  });

  it("a missing env: credential names the variable, not a value (exit 2)", async () => {
    const plugin = join(import.meta.dirname, "..", "fixtures", "plugins", "example-platform.mjs");
    const root = filesStore(
      () => {},
      `  erp:\n    platform: example-erp\n    token: env:MERCHOPS_TEST_NOT_SET\nplugins:\n  - ${JSON.stringify(plugin)}\n`,
    );
    expectOneClearError(
      await report(root, "--store", "erp"),
      2,
      /stores\.erp\.token: environment variable MERCHOPS_TEST_NOT_SET is not set/,
    );
  });
});
