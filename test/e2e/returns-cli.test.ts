/**
 * `merchops returns audit` as a user or cron runs it: exit codes, the xlsx/csv/html outputs, usage
 * errors, and bad input through a files store in a temp dir (reported, never silently dropped).
 */
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { type CsvRow, DEMO_DIR, readDemo } from "../helpers/demo-data.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const FULL = "2026-08-27..2026-11-24";

let n = 0;
/** A fresh folder with its own cwd (and so its own state store and locks). */
function freshDir(): string {
  const dir = join(tmp.dir, `run${++n}`);
  mkdirSync(dir);
  return dir;
}

interface Audit {
  summary: { returns: number; returned_units: number; rate_units: number | null; rate_orders: number | null; rate_value: number | null };
  by_sku: { key: string; rate_units: number | null; rate_value: number | null; returned_units: number }[];
  flags: { kind: string; key: string }[];
  issues: { kind: string; return_id: string; order_id: string; sku?: string; quantity: number; message: string }[];
  issue_counts: Record<string, number>;
  warnings: string[];
  counts: { orders_read: number; returns_read: number };
}

describe("exit codes on the demo store", () => {
  it("--fail-on-breach exits 4 when a SKU is above the threshold, naming it", async () => {
    const r = await runCli(["returns", "audit", "--period", FULL, "--json", "--fail-on-breach"], { cwd: freshDir() });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/DR002-BEI-M/);
    // The report is still written before the exit.
    const json = JSON.parse(r.stdout) as Audit;
    expect(json.flags.some((f) => f.kind === "high_return_rate" && f.key === "DR002-BEI-M")).toBe(true);
  });

  it("--fail-on-breach exits 0 with --threshold 90%", async () => {
    const r = await runCli(["returns", "audit", "--period", FULL, "--json", "--fail-on-breach", "--threshold", "90%"], { cwd: freshDir() });
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout) as Audit & { threshold: number };
    expect(json.threshold).toBeCloseTo(0.9, 12);
    expect(json.flags.filter((f) => f.kind === "high_return_rate")).toEqual([]);
  });

  it("without --fail-on-breach a breach still exits 0", async () => {
    const r = await runCli(["returns", "audit", "--period", FULL, "--json"], { cwd: freshDir() });
    expect(r.exitCode).toBe(0);
  });
});

describe("outputs", () => {
  it("xlsx: Summary, By SKU, By size, By reason and Flags sheets, frozen headers, conditional formatting on the rate", async () => {
    const dir = freshDir();
    const r = await runCli(["returns", "audit", "--period", FULL, "--format", "xlsx", "--out", "audit.xlsx"], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "audit.xlsx"));
    const names = wb.worksheets.map((w) => w.name);
    for (const name of ["Summary", "By SKU", "By size", "By reason", "Flags"]) {
      expect(names, name).toContain(name);
      const ws = wb.getWorksheet(name) as ExcelJS.Worksheet;
      expect(ws.views[0], name).toMatchObject({ state: "frozen", ySplit: 1 });
    }
    for (const name of ["By SKU", "By size"]) {
      const ws = wb.getWorksheet(name) as ExcelJS.Worksheet;
      const header = (ws.getRow(1).values as unknown[]).map((v) => (v === undefined || v === null ? "" : String(v)));
      const rateCol = header.indexOf("Rate (units)");
      expect(rateCol, `${name} has a Rate (units) column`).toBeGreaterThan(0);
      expect(header).toContain("Rate (orders)");
      expect(header).toContain("Rate (value)");
      const letter = ws.getColumn(rateCol).letter;
      const cf = (
        ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; operator?: string; formulae?: string[] }[] }[] }
      ).conditionalFormattings;
      const onRate = cf.filter((c) => c.ref.startsWith(`${letter}2:${letter}`));
      expect(onRate.length, `${name}: a rule on column ${letter}`).toBe(1);
      expect(onRate[0]?.rules[0]).toMatchObject({ type: "cellIs", operator: "greaterThan" });
      expect(Number(onRate[0]?.rules[0]?.formulae?.[0])).toBeCloseTo(0.15, 12);
      // The rule covers every data row.
      expect(onRate[0]?.ref).toBe(`${letter}2:${letter}${ws.rowCount}`);
    }
    // The planted SKU is in the By SKU sheet with its rate as a number.
    const bySku = wb.getWorksheet("By SKU") as ExcelJS.Worksheet;
    let found = false;
    bySku.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith("DR002-BEI-M")) {
        found = true;
        expect(typeof row.getCell(4).value).toBe("number");
        expect(row.getCell(4).value as number).toBeGreaterThan(0.15);
      }
    });
    expect(found).toBe(true);
    const flags = wb.getWorksheet("Flags") as ExcelJS.Worksheet;
    expect(flags.rowCount).toBeGreaterThan(1);
  });

  it("csv: the by-SKU table with its columns, one row per SKU", async () => {
    const dir = freshDir();
    const csv = await runCli(["returns", "audit", "--period", FULL, "--format", "csv"], { cwd: dir });
    expect(csv.exitCode, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split(/\r?\n/);
    const header = (lines[0] ?? "").split(",");
    for (const col of ["units_sold", "units_returned", "rate_units", "rate_orders", "rate_value", "status", "key"])
      expect(header, col).toContain(col);
    const json = JSON.parse((await runCli(["returns", "audit", "--period", FULL, "--json"], { cwd: dir })).stdout) as Audit;
    expect(lines.length - 1).toBe(json.by_sku.length);
    const keyAt = header.indexOf("key");
    expect(lines.slice(1).map((l) => l.split(",")[keyAt])).toContain("DR002-BEI-M");
  });

  it("csv --bom starts with a UTF-8 BOM (for Excel)", async () => {
    const r = await runCli(["returns", "audit", "--period", FULL, "--format", "csv", "--bom"], { cwd: freshDir() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.charCodeAt(0)).toBe(0xfeff);
  });

  it("html: charts as inline <svg>, no external URLs", async () => {
    const dir = freshDir();
    const r = await runCli(["returns", "audit", "--period", FULL, "--format", "html", "--out", "audit.html"], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const html = readFileSync(join(dir, "audit.html"), "utf8");
    expect(html).toMatch(/<svg[\s>]/);
    expect(html).toContain("DR002-BEI-M");
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
  });
});

function expectUsageError(r: { exitCode: number; stderr: string; stdout: string }, pattern: RegExp) {
  expect(r.exitCode).toBe(2);
  const errors = r.stderr.split("\n").filter((l) => l.startsWith("error:"));
  expect(errors.length, r.stderr).toBe(1);
  expect(errors[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(/);
  expect(r.stdout).toBe("");
}

describe("usage errors (exit 2)", () => {
  it("--by courier: a store with no parcels stored is told to sync them first", async () => {
    const r = await runCli(["returns", "audit", "--period", FULL, "--by", "courier"], { cwd: filesStore(() => undefined) });
    expectUsageError(r, /--by courier needs the store's shipments/);
    expect(r.stderr).toMatch(/shipments sync/);
  });

  it("--by something unknown", async () => {
    const r = await runCli(["returns", "audit", "--by", "weather"], { cwd: freshDir() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/weather/);
  });

  for (const bad of ["abc", "-5%", "15 percent"]) {
    it(`--threshold ${bad}`, async () => {
      expectUsageError(await runCli(["returns", "audit", "--period", FULL, "--threshold", bad], { cwd: freshDir() }), /--threshold/);
    });
  }

  it("--threshold 150% (a rate can never exceed 100%, so --fail-on-breach could never fire)", async () => {
    expectUsageError(
      await runCli(["returns", "audit", "--period", FULL, "--threshold", "150%", "--fail-on-breach"], { cwd: freshDir() }),
      /--threshold/,
    );
  });

  for (const bad of ["0", "abc", "2.5"]) {
    it(`--min-units ${bad}`, async () => {
      expectUsageError(await runCli(["returns", "audit", "--period", FULL, "--min-units", bad], { cwd: freshDir() }), /--min-units/);
    });
  }

  it("a bad --period", async () => {
    expectUsageError(await runCli(["returns", "audit", "--period", "last-fortnight-ish"], { cwd: freshDir() }), /--period/);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input through a files store
// ---------------------------------------------------------------------------------------------

/** A files store in a fresh folder: the demo's orders, lines and returns, with `mutate` applied. */
function filesStore(mutate: (dir: string) => void): string {
  const root = freshDir();
  const data = join(root, "exports");
  mkdirSync(data);
  for (const f of ["orders.csv", "order_lines.csv", "returns.csv"]) copyFileSync(join(DEMO_DIR, f), join(data, f));
  mutate(data);
  writeFileSync(
    join(root, "merchops.config.yaml"),
    [
      "defaultStore: client",
      "timezone: Asia/Shanghai",
      "currency: CNY",
      "stores:",
      "  client:",
      "    platform: files",
      "    dir: ./exports",
      "",
    ].join("\n"),
  );
  return root;
}

const ORDERS = readDemo("orders");
const LINES = readDemo("order_lines");
const RETURNS = readDemo("returns");
const returnedOrders = new Set(RETURNS.map((r) => r.order_id));

/** Real orders (fulfilled, not test, in the period) without returns, with one line of one unit. */
const quietOrders: { order: CsvRow; line: CsvRow }[] = (() => {
  const lines = new Map<string, CsvRow[]>();
  for (const l of LINES) lines.set(l.order_id as string, [...(lines.get(l.order_id as string) ?? []), l]);
  const out: { order: CsvRow; line: CsvRow }[] = [];
  for (const o of ORDERS) {
    const ls = lines.get(o.order_id as string) ?? [];
    const first = ls[0];
    if (
      o.status === "fulfilled" &&
      o.test === "false" &&
      !returnedOrders.has(o.order_id) &&
      ls.length === 1 &&
      first &&
      first.quantity === "1" &&
      (o.placed_at as string) < "2026-10-20"
    ) {
      out.push({ order: o, line: first });
    }
  }
  return out;
})();
function quiet(i: number): { order: CsvRow; line: CsvRow } {
  const q = quietOrders[i];
  if (!q) throw new Error("not enough candidate orders in the demo");
  return q;
}

/** One returns.csv row in the demo's columns. */
function returnRow(f: {
  id: string;
  order: string;
  sku: string;
  qty: number;
  refund: string;
  currency?: string;
  at: string;
  reason?: string;
}): string {
  return `\n${[f.id, f.order, f.sku, f.qty, f.refund, f.currency ?? "CNY", f.at, "", f.reason ?? "too small", "", "refunded"].join(",")}`;
}
function addReturns(dir: string, rows: string[]): void {
  const file = join(dir, "returns.csv");
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/\n+$/, ""));
  for (const r of rows) appendFileSync(file, r);
  appendFileSync(file, "\n");
}
/** The ISO instant one day before `iso` (an offset +08:00 timestamp), keeping the offset. */
function dayBefore(iso: string): string {
  const t = new Date(Date.parse(iso) - 24 * 3600 * 1000 + 8 * 3600 * 1000).toISOString();
  return `${t.slice(0, 19)}+08:00`;
}

async function auditFiles(root: string, ...args: string[]) {
  const r = await runCli(["returns", "audit", "--period", FULL, "--json", ...args], { cwd: root });
  return { ...r, json: r.exitCode === 0 ? (JSON.parse(r.stdout) as Audit) : undefined };
}

/** One bad return: exit 0, listed under issues with its kind, warned about with its count, not counted. */
function expectOneIssue(r: Awaited<ReturnType<typeof auditFiles>>, kind: string, returnId: string, warning: RegExp) {
  expect(r.exitCode, r.stderr).toBe(0);
  const json = r.json as Audit;
  expect(json.issues.map((i) => [i.kind, i.return_id])).toEqual([[kind, returnId]]);
  expect(json.issue_counts).toEqual({ [kind]: 1 });
  expect(json.counts.returns_read).toBe(RETURNS.length + 1);
  // Never silently dropped: every return read is counted or listed.
  expect(json.summary.returns + json.issues.length).toBe(json.counts.returns_read);
  expect(json.summary.returns).toBe(RETURNS.length);
  expect(r.stderr).toMatch(/warning: 1 return could not be counted/);
  expect(r.stderr).toMatch(warning);
  expect(json.warnings.some((w) => warning.test(w))).toBe(true);
}

describe("bad input through a files store (exit 0, reported, not counted)", () => {
  it("the unchanged demo files give no issues", async () => {
    const r = await auditFiles(filesStore(() => {}));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json?.issues).toEqual([]);
    expect(r.json?.summary.returns).toBe(RETURNS.length);
    expect(r.stderr).not.toMatch(/could not be counted/);
  });

  it("a return whose order is unknown", async () => {
    const root = filesStore((d) =>
      addReturns(d, [
        returnRow({ id: "R900001", order: "O999999", sku: "DR002-BEI-M", qty: 1, refund: "299.00", at: "2026-10-05T10:00:00+08:00" }),
      ]),
    );
    const r = await auditFiles(root);
    expectOneIssue(r, "unknown_order", "R900001", /1 unknown order/);
    expect(r.json?.issues[0]).toMatchObject({ order_id: "O999999", sku: "DR002-BEI-M", quantity: 1 });
    // The table lists it under Data issues.
    const table = await runCli(["returns", "audit", "--period", FULL], { cwd: root });
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain("Data issues");
    expect(table.stdout).toContain("R900001");
    // In Chinese: the issue's sentence and the warning that counts it (merchant ids as written).
    const zh = await runCli(["returns", "audit", "--period", FULL, "--lang", "zh", "--wide"], { cwd: root, env: { COLUMNS: "400" } });
    expect(zh.exitCode, zh.stderr).toBe(0);
    expect(zh.stdout).toContain("退货 R900001 对应的订单 O999999 不在店铺的订单中");
    expect(zh.stderr).toMatch(/1 条退货无法计入：订单不存在 1 条/);
    expect(zh.stdout + zh.stderr).not.toMatch(/which is not in|unknown order/);
  });

  it("a returned quantity above the ordered quantity", async () => {
    const { order, line } = quiet(0);
    const root = filesStore((d) =>
      addReturns(d, [
        returnRow({
          id: "R900002",
          order: order.order_id as string,
          sku: line.sku as string,
          qty: 2,
          refund: line.unit_price as string,
          at: "2026-10-25T10:00:00+08:00",
        }),
      ]),
    );
    const r = await auditFiles(root);
    expectOneIssue(r, "quantity_above_ordered", "R900002", /1 quantity above ordered/);
    const row = r.json?.by_sku.find((x) => x.key === line.sku);
    const expectedUnits = RETURNS.filter((x) => x.sku === line.sku).reduce((s, x) => s + Number(x.quantity), 0);
    expect(row?.returned_units ?? 0).toBe(expectedUnits);
  });

  it("a return dated before its order", async () => {
    const { order, line } = quiet(1);
    const root = filesStore((d) =>
      addReturns(d, [
        returnRow({
          id: "R900003",
          order: order.order_id as string,
          sku: line.sku as string,
          qty: 1,
          refund: line.unit_price as string,
          at: dayBefore(order.placed_at as string),
        }),
      ]),
    );
    expectOneIssue(await auditFiles(root), "returned_before_order", "R900003", /1 returned before order/);
  });

  it("a return in USD for a CNY order", async () => {
    const { order, line } = quiet(2);
    const root = filesStore((d) =>
      addReturns(d, [
        returnRow({
          id: "R900004",
          order: order.order_id as string,
          sku: line.sku as string,
          qty: 1,
          refund: "20.00",
          currency: "USD",
          at: "2026-10-25T10:00:00+08:00",
        }),
      ]),
    );
    const r = await auditFiles(root);
    expectOneIssue(r, "currency_mismatch", "R900004", /1 currency mismatch/);
    expect(r.json?.summary.rate_value).not.toBeNull();
  });

  it("an order in USD among CNY orders: no value rate for the store or its SKU, units still counted", async () => {
    const { order, line } = quiet(3);
    const root = filesStore((d) => {
      const file = join(d, "orders.csv");
      const lines = readFileSync(file, "utf8").split("\n");
      const at = lines.findIndex((l) => l.startsWith(`${order.order_id},`));
      expect(at).toBeGreaterThan(0);
      lines[at] = (lines[at] as string).replace(",CNY,", ",USD,");
      writeFileSync(file, lines.join("\n"));
    });
    const r = await auditFiles(root);
    expect(r.exitCode, r.stderr).toBe(0);
    const json = r.json as Audit;
    expect(json.issues).toEqual([]);
    expect(json.summary.rate_value).toBeNull();
    expect(json.summary.rate_units).not.toBeNull();
    expect(json.summary.rate_orders).not.toBeNull();
    const sku = json.by_sku.find((x) => x.key === line.sku);
    expect(sku?.rate_value).toBeNull();
    expect(sku?.rate_units).not.toBeNull();
    // SKUs sold only in CNY keep their value rate.
    expect(json.by_sku.find((x) => x.key === "DR002-BEI-M")?.rate_value).not.toBeNull();
    expect(r.stderr).toMatch(/warning: sales in (CNY, USD|USD, CNY)/);
  });

  it("several bad returns at once: the warning counts them all", async () => {
    const a = quiet(4);
    const b = quiet(5);
    const root = filesStore((d) =>
      addReturns(d, [
        returnRow({ id: "R900010", order: "O999998", sku: "X", qty: 1, refund: "1.00", at: "2026-10-05T10:00:00+08:00" }),
        returnRow({ id: "R900011", order: "O999997", sku: "X", qty: 1, refund: "1.00", at: "2026-10-05T10:00:00+08:00" }),
        returnRow({
          id: "R900012",
          order: a.order.order_id as string,
          sku: a.line.sku as string,
          qty: 3,
          refund: "1.00",
          at: "2026-10-25T10:00:00+08:00",
        }),
        returnRow({
          id: "R900013",
          order: b.order.order_id as string,
          sku: b.line.sku as string,
          qty: 1,
          refund: "1.00",
          at: dayBefore(b.order.placed_at as string),
        }),
      ]),
    );
    const r = await auditFiles(root);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json?.issue_counts).toEqual({ unknown_order: 2, quantity_above_ordered: 1, returned_before_order: 1 });
    expect(r.stderr).toMatch(/warning: 4 returns could not be counted: .*2 unknown order/);
    expect(r.json?.summary.returns).toBe(RETURNS.length);
  });

  it("a files store without a returns file whose orders carry no refunds: exit 3", async () => {
    // Refunds carried on an orders export are returns too (issue 12); these orders carry none.
    const root = filesStore((d) => rmSync(join(d, "returns.csv")));
    const r = await runCli(["returns", "audit", "--period", FULL, "--json"], { cwd: root });
    expect(r.exitCode).toBe(3);
    const errors = r.stderr.split("\n").filter((l) => l.startsWith("error:"));
    expect(errors.length, r.stderr).toBe(1);
    expect(errors[0]).toMatch(/has no returns at all/);
    // --json always prints a document, errors included (issue 19).
    const doc = JSON.parse(r.stdout) as { ok: boolean; exit_code: number; error: { message: string } };
    expect(doc.ok).toBe(false);
    expect(doc.exit_code).toBe(3);
    expect(doc.error.message).toMatch(/has no returns at all/);
  });
});
