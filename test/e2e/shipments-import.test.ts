/**
 * `shipments import` end to end on the demo store: the good warehouse sheets (Chinese CSV, English
 * XLSX) dry, for real and again; the orders they fulfil, the parcels they record, the results file;
 * then each bad sheet (exit 3, the row and column EXPECTED.json names, nothing sent) and
 * `--max-errors 1` (the valid rows sent, still exit 3).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { expectContract } from "../helpers/schemas.js";
import {
  badSheet,
  compactNumber,
  countOrdersWithStatus,
  errorLines,
  freshDir,
  goodSheet,
  type ImportJson,
  loadExpected,
  orderStatuses,
  readSheetCsv,
  recordsOf,
  type ShipmentsJson,
  STACK_FRAME,
  shanghaiMs,
  shipmentsFixture,
  storedShipments,
  withState,
  worksheetRows,
  xlsxShanghaiMs,
} from "../helpers/shipments.js";

const expected = loadExpected();
// The demo follows the clock; on the as-of day its instants are the fixtures' own.
const AS_OF = ["--now", expected.asOf];

const tmp = tempDir("merchops-shipments-import-");
afterAll(() => tmp.cleanup());

const run = (cwd: string, args: string[]) => runCli([...args, ...AS_OF], { cwd });
const importSheet = (cwd: string, name: string, ...flags: string[]) => run(cwd, ["shipments", "import", shipmentsFixture(name), ...flags]);
/** Parcels the store holds, read from its state store. */
const storedCount = (cwd: string): number =>
  withState(cwd, (db) => (db.prepare("SELECT COUNT(*) AS n FROM shipments WHERE store = 'demo'").get() as { n: number }).n);
async function total(cwd: string): Promise<number> {
  const r = await run(cwd, ["shipments", "status", "--json"]);
  expect(r.exitCode).toBe(0);
  return (JSON.parse(r.stdout) as ShipmentsJson).total;
}

/** One parcel per tracking number, from the sheet itself: order, lines, units and ship time. */
interface SheetParcel {
  order: string;
  lines: number;
  units: number;
  shippedAt: number;
}
function parcelsOf(rows: { number: string; order: string; quantity: number; shippedAt: number }[]): Map<string, SheetParcel> {
  const out = new Map<string, SheetParcel>();
  for (const r of rows) {
    const p = out.get(r.number) ?? { order: r.order, lines: 0, units: 0, shippedAt: r.shippedAt };
    p.lines++;
    p.units += r.quantity;
    out.set(r.number, p);
  }
  return out;
}
const zhParcels = () =>
  parcelsOf(
    readSheetCsv("warehouse-zh.csv").map((r) => ({
      number: compactNumber(r.快递单号),
      order: r.订单号 as string,
      quantity: Number(r.数量),
      shippedAt: shanghaiMs(r.发货时间 as string),
    })),
  );
const enParcels = async () =>
  parcelsOf(
    recordsOf(await worksheetRows(shipmentsFixture("warehouse-en.xlsx"))).map((r) => ({
      number: compactNumber(r["Tracking Number"]),
      order: String(r["Order Number"]),
      quantity: Number(r.Quantity),
      shippedAt: xlsxShanghaiMs(r["Shipped At"] as Date),
    })),
  );

describe("shipments import: the good warehouse sheets into the demo store", () => {
  const cwd = freshDir(tmp.dir, "good");
  const zh = goodSheet(expected, "warehouse-zh.csv");
  const en = goodSheet(expected, "warehouse-en.xlsx");
  let fulfilledBefore: number;

  beforeAll(async () => {
    // Seeds the demo store.
    expect(await total(cwd)).toBe(expected.shipments);
    fulfilledBefore = countOrdersWithStatus(cwd, "fulfilled");
  });

  it("--dry-run checks every row, sends nothing, and writes what it would do", async () => {
    const results = join(cwd, "dry.csv");
    const r = await importSheet(cwd, "warehouse-zh.csv", "--dry-run", "--json", "--results", results);
    expect(r.exitCode).toBe(0);
    const json = expectContract<ImportJson>("shipments-import", r.stdout);
    expect(json).toMatchObject({
      dry_run: true,
      applied: false,
      rows: zh.rows,
      shipments: zh.shipments,
      created: zh.shipments,
      error_count: 0,
    });
    expect(await total(cwd)).toBe(expected.shipments);
    expect(new Set(orderStatuses(cwd, zh.orders).values())).toEqual(new Set(["paid"]));
    const rows = readResults(results);
    expect(rows).toHaveLength(zh.rows);
    expect(new Set(rows.map((x) => x.status))).toEqual(new Set(["would create"]));
  });

  it("for real: every parcel created, its orders fulfilled, one results row per sheet row", async () => {
    const results = join(cwd, "out.xlsx");
    const r = await importSheet(cwd, "warehouse-zh.csv", "--json", "--results", results);
    expect(r.exitCode).toBe(0);
    const json = expectContract<ImportJson>("shipments-import", r.stdout);
    expect(json).toMatchObject({
      dry_run: false,
      applied: true,
      rows: zh.rows,
      shipments: zh.shipments,
      created: zh.shipments,
      unchanged: 0,
    });
    expect(json.error_count).toBe(0);
    expect(await total(cwd)).toBe(expected.shipments + zh.shipments);

    const statuses = orderStatuses(cwd, zh.orders);
    expect(statuses.size).toBe(zh.orders.length);
    expect(new Set(statuses.values())).toEqual(new Set(["fulfilled"]));
    expect(countOrdersWithStatus(cwd, "fulfilled")).toBe(fulfilledBefore + zh.orders.length);

    const rows = recordsOf(await worksheetRows(results));
    const sheet = readSheetCsv("warehouse-zh.csv");
    expect(rows).toHaveLength(zh.rows);
    expect(rows.map((x) => Number(x.row))).toEqual(sheet.map((_, i) => i + 2));
    expect(rows.map((x) => compactNumber(x.tracking_number))).toEqual(sheet.map((s) => compactNumber(s.快递单号)));
    expect(new Set(rows.map((x) => x.status))).toEqual(new Set(["created"]));
  });

  it("records each parcel with its order, courier, lines and ship time from the sheet", () => {
    const parcels = zhParcels();
    expect(parcels.size).toBe(zh.shipments);
    const stored = storedShipments(cwd, [...parcels.keys()]);
    expect(stored.size).toBe(zh.shipments);
    const couriers: Record<string, number> = {};
    let lines = 0;
    let units = 0;
    for (const [number, p] of parcels) {
      const s = stored.get(number);
      expect(s?.order_id, number).toBe(p.order);
      expect(s?.shipped_at, number).toBe(p.shippedAt);
      const stock = JSON.parse(s?.lines ?? "[]") as { sku: string; quantity: number }[];
      expect(stock).toHaveLength(p.lines);
      expect(stock.reduce((n, l) => n + l.quantity, 0)).toBe(p.units);
      lines += stock.length;
      units += stock.reduce((n, l) => n + l.quantity, 0);
      couriers[s?.courier as string] = (couriers[s?.courier as string] ?? 0) + 1;
    }
    expect(couriers).toEqual(zh.couriers);
    expect({ lines, units }).toEqual({ lines: zh.lines, units: zh.units });
  });

  it("the same sheet again: everything unchanged, exit 0", async () => {
    const r = await importSheet(cwd, "warehouse-zh.csv", "--json");
    expect(r.exitCode).toBe(0);
    const json = expectContract<ImportJson>("shipments-import", r.stdout);
    expect(json).toMatchObject({ applied: true, shipments: zh.shipments, created: 0, unchanged: zh.shipments, failed: 0, error_count: 0 });
    expect(await total(cwd)).toBe(expected.shipments + zh.shipments);
  });

  it("the English XLSX: carriers by English name, spaced numbers, wall-clock times", async () => {
    const r = await importSheet(cwd, "warehouse-en.xlsx", "--json");
    expect(r.exitCode).toBe(0);
    const json = expectContract<ImportJson>("shipments-import", r.stdout);
    expect(json).toMatchObject({ applied: true, rows: en.rows, shipments: en.shipments, created: en.shipments, error_count: 0 });
    expect(await total(cwd)).toBe(expected.shipments + zh.shipments + en.shipments);
    expect(new Set(orderStatuses(cwd, en.orders).values())).toEqual(new Set(["fulfilled"]));
    expect(countOrdersWithStatus(cwd, "fulfilled")).toBe(fulfilledBefore + zh.orders.length + en.orders.length);

    const parcels = await enParcels();
    const stored = storedShipments(cwd, [...parcels.keys()]);
    expect(stored.size).toBe(en.shipments);
    const couriers: Record<string, number> = {};
    let units = 0;
    for (const [number, p] of parcels) {
      const s = stored.get(number);
      expect(s?.order_id, number).toBe(p.order);
      expect(s?.shipped_at, number).toBe(p.shippedAt);
      units += (JSON.parse(s?.lines ?? "[]") as { quantity: number }[]).reduce((n, l) => n + l.quantity, 0);
      couriers[s?.courier as string] = (couriers[s?.courier as string] ?? 0) + 1;
    }
    expect(couriers).toEqual(en.couriers);
    expect(units).toBe(en.units);
  });
});

/** A results CSV as records (BOM-tolerant). */
function readResults(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

const BAD_SHEETS = ["bad-unknown-courier.csv", "bad-malformed-number.csv", "bad-order-not-found.csv", "bad-duplicate-number.csv"] as const;

/** The orders a bad sheet holds back (the error row and, for a duplicate, the first row with the number) and the ones it may send. */
function ordersOf(name: string): { held: string[]; valid: string[] } {
  const { error } = badSheet(expected, name);
  const heldRows = new Set([error.row, ...(error.firstRow ? [error.firstRow] : [])]);
  const rows = readSheetCsv(name).map((r, i) => ({ row: i + 2, order: r.订单号 as string }));
  return {
    held: rows.filter((r) => heldRows.has(r.row)).map((r) => r.order),
    valid: rows.filter((r) => !heldRows.has(r.row)).map((r) => r.order),
  };
}

describe("shipments import: bad sheets", () => {
  const cwd = freshDir(tmp.dir, "bad");
  beforeAll(async () => {
    // Seeds the demo store; from here the state store is read directly (quicker than a CLI run per check).
    expect(await total(cwd)).toBe(expected.shipments);
  });

  it.each(BAD_SHEETS)("%s: exit 3, one error naming the file, row and column, a hint, nothing sent", async (name) => {
    const { error } = badSheet(expected, name);
    const r = await importSheet(cwd, name);
    expect(r.exitCode).toBe(3);
    const errors = errorLines(r.stderr);
    expect(errors).toHaveLength(1);
    const [e] = errors;
    expect(e?.error).toContain(name);
    expect(e?.error).toContain(`row ${error.row}`);
    expect(e?.error).toContain(`column "${error.column}"`);
    expect(e?.error).toContain(error.value);
    expect(e?.error).toContain("nothing was sent");
    if (error.firstRow) expect(e?.error).toContain(`row ${error.firstRow}`);
    expect(e?.next).toMatch(/^\s+→ \S/);
    if (error.suggestion) expect(e?.next).toContain(error.suggestion);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stdout).not.toMatch(STACK_FRAME);

    expect(storedCount(cwd)).toBe(expected.shipments);
    const { held, valid } = ordersOf(name);
    const statuses = orderStatuses(cwd, [...held, ...valid]);
    for (const order of valid) expect(statuses.get(order), order).toBe("paid");
  });

  it.each(BAD_SHEETS)("%s --max-errors 1: the valid rows are sent, the bad ones held back, still exit 3", async (name) => {
    const bad = badSheet(expected, name);
    const before = storedCount(cwd);
    const r = await importSheet(cwd, name, "--max-errors", "1", "--json");
    expect(r.exitCode).toBe(3);
    const json = expectContract<ImportJson>("shipments-import", r.stdout);
    expect(json).toMatchObject({ applied: true, created: bad.validShipments, error_count: 1 });
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain("the other rows were sent");
    expect(storedCount(cwd)).toBe(before + bad.validShipments);

    const { held, valid } = ordersOf(name);
    expect(valid).toHaveLength(bad.validShipments);
    const statuses = orderStatuses(cwd, [...held, ...valid]);
    for (const order of valid) expect(statuses.get(order), order).toBe("fulfilled");
    // An order that is not in the store has no status at all.
    for (const order of held) expect(statuses.get(order) ?? "absent", order).not.toBe("fulfilled");
  });

  it.each(BAD_SHEETS)("%s --results: one row per sheet row, the bad row marked error", async (name) => {
    const { error } = badSheet(expected, name);
    const results = join(freshDir(tmp.dir, "results"), "results.csv");
    const r = await importSheet(cwd, name, "--dry-run", "--results", results);
    expect(r.exitCode).toBe(3);
    const rows = readResults(results);
    expect(rows.map((x) => Number(x.row)).sort((a, b) => a - b)).toEqual(readSheetCsv(name).map((_, i) => i + 2));
    expect(rows.find((x) => Number(x.row) === error.row)?.status).toBe("error");
  });
});
