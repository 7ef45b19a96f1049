/**
 * `merchops returns audit` on the demo store: the planted problems are found (the flags, not only
 * rows), and every figure checked equals an independent computation written here from the raw
 * fixture CSVs (orders, order_lines, returns), never numbers copied from merchops' output.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { type CsvRow, cents, readDemo } from "../helpers/demo-data.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const FULL = "2026-08-27..2026-11-24";

interface GroupRow {
  key: string;
  label: string;
  units_sold: number;
  orders_sold: number;
  returned_units: number;
  returned_orders: number;
  merchandise: number;
  refund_value: number;
  rate_units: number | null;
  rate_orders: number | null;
  rate_value: number | null;
  low: number | null;
  high: number | null;
  status: string;
  top_reason: { category: string; share: number } | null;
}
interface Flag {
  kind: string;
  dimension: string;
  key: string;
  label: string;
  message: string;
  advice: string;
  figures: Record<string, number>;
}
interface Audit {
  basis: string;
  basis_text: string;
  period: { first: string; last: string };
  money_unit: string;
  summary: {
    orders: number;
    units_sold: number;
    merchandise: number;
    returns: number;
    returned_units: number;
    returned_orders: number;
    refund_value: number;
    rate_units: number | null;
    rate_orders: number | null;
    rate_value: number | null;
    status: string;
  };
  rows: GroupRow[];
  by_sku: GroupRow[];
  by_size: GroupRow[];
  reasons: {
    category: string;
    units: number;
    returns: number;
    share: number;
    decided_by: { code: number; keyword: number; none: number };
  }[];
  unmatched_reasons: { text: string; returns: number }[];
  flags: Flag[];
  issues: { kind: string }[];
  warnings: string[];
  counts: { orders_read: number; returns_read: number };
}

async function audit(...args: string[]): Promise<Audit> {
  const r = await runCli(["returns", "audit", "--json", ...args], { cwd: tmp.dir });
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Audit;
}

// ---------------------------------------------------------------------------------------------
// The independent computation
// ---------------------------------------------------------------------------------------------

/** The store's calendar day of an instant written with the store's +08:00 offset. */
function day(iso: string | undefined): string {
  const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}\+08:00$/.exec(iso ?? "");
  if (!m?.[1]) throw new Error(`unexpected timestamp ${iso}`);
  return m[1];
}

interface Acc {
  unitsSold: number;
  orders: Set<string>;
  merchandise: number;
  returnedUnits: number;
  returnedOrders: Set<string>;
  refund: number;
  returns: number;
}
const acc = (): Acc => ({
  unitsSold: 0,
  orders: new Set(),
  merchandise: 0,
  returnedUnits: 0,
  returnedOrders: new Set(),
  refund: 0,
  returns: 0,
});

const ORDERS = readDemo("orders");
const LINES = readDemo("order_lines");
const RETURNS = readDemo("returns");

interface Expected {
  total: Acc;
  bySku: Map<string, Acc>;
  bySize: Map<string, Acc>;
  /** product|size -> figures, for the size-skew check. */
  byProductSize: Map<string, Acc>;
}

/**
 * cohort: sales = lines of orders placed in [first, last] (store days), not cancelled, not test;
 * returns = every return of those orders. period: the same sales; returns = returns requested in
 * [first, last] whose order is a real order (not cancelled, not test).
 */
function expected(first: string, last: string, basis: "cohort" | "period"): Expected {
  const inP = (d: string) => d >= first && d <= last;
  const real = new Map<string, CsvRow>();
  for (const o of ORDERS) if (o.status !== "cancelled" && o.test !== "true") real.set(o.order_id as string, o);
  const sold = new Set([...real.values()].filter((o) => inP(day(o.placed_at))).map((o) => o.order_id as string));
  const linesOf = new Map<string, CsvRow[]>();
  for (const l of LINES) {
    const list = linesOf.get(l.order_id as string) ?? [];
    list.push(l);
    linesOf.set(l.order_id as string, list);
  }
  const e: Expected = { total: acc(), bySku: new Map(), bySize: new Map(), byProductSize: new Map() };
  const get = (m: Map<string, Acc>, k: string) => {
    let a = m.get(k);
    if (!a) {
      a = acc();
      m.set(k, a);
    }
    return a;
  };
  for (const id of sold) {
    for (const l of linesOf.get(id) ?? []) {
      const q = Number(l.quantity);
      const merch = cents(l.unit_price) * q - cents(l.discount);
      for (const a of [
        e.total,
        get(e.bySku, l.sku as string),
        get(e.bySize, l.size || "(none)"),
        get(e.byProductSize, `${l.product_id}|${l.size}`),
      ]) {
        a.unitsSold += q;
        a.orders.add(id);
        a.merchandise += merch;
      }
    }
  }
  for (const r of RETURNS) {
    const id = r.order_id as string;
    const counts = basis === "cohort" ? sold.has(id) : real.has(id) && inP(day(r.requested_at));
    if (!counts) continue;
    const l = (linesOf.get(id) ?? []).find((x) => x.sku === r.sku);
    if (!l) throw new Error(`return ${r.return_id}: SKU ${r.sku} not in order ${id}`);
    const q = Number(r.quantity);
    for (const a of [
      e.total,
      get(e.bySku, l.sku as string),
      get(e.bySize, l.size || "(none)"),
      get(e.byProductSize, `${l.product_id}|${l.size}`),
    ]) {
      a.returnedUnits += q;
      a.returnedOrders.add(id);
      a.refund += cents(r.refund_amount);
      a.returns++;
    }
  }
  return e;
}

function expectRow(row: GroupRow | undefined, a: Acc | undefined, what: string) {
  expect(row, what).toBeDefined();
  expect(a, what).toBeDefined();
  if (!row || !a) return;
  expect(row.units_sold, `${what} units sold`).toBe(a.unitsSold);
  expect(row.orders_sold, `${what} orders`).toBe(a.orders.size);
  expect(row.returned_units, `${what} units returned`).toBe(a.returnedUnits);
  expect(row.returned_orders, `${what} orders returned`).toBe(a.returnedOrders.size);
  expect(row.merchandise, `${what} merchandise`).toBe(a.merchandise);
  expect(row.refund_value, `${what} refunds`).toBe(a.refund);
  if (a.unitsSold > 0) {
    expect(row.rate_units, `${what} rate units`).toBeCloseTo(a.returnedUnits / a.unitsSold, 12);
    expect(row.rate_orders, `${what} rate orders`).toBeCloseTo(a.returnedOrders.size / a.orders.size, 12);
    expect(row.rate_value, `${what} rate value`).toBeCloseTo(a.refund / a.merchandise, 12);
  } else {
    expect(row.rate_units, `${what} rate units`).toBeNull();
  }
}

// ---------------------------------------------------------------------------------------------

describe("returns audit on the demo store, cohort basis, whole range", () => {
  let json: Audit;
  let exp: Expected;
  beforeAll(async () => {
    json = await audit("--period", FULL);
    exp = expected("2026-08-27", "2026-11-24", "cohort");
  });

  it("the fixtures are as the independent computation assumes (all valid, one currency)", () => {
    expect(new Set(ORDERS.map((o) => o.currency))).toEqual(new Set(["CNY"]));
    expect(new Set(RETURNS.map((r) => r.currency))).toEqual(new Set(["CNY"]));
    expect(json.issues).toEqual([]);
    expect(json.counts).toEqual({ orders_read: ORDERS.length, returns_read: RETURNS.length });
    expect(json.money_unit).toBe("minor");
  });

  it("flags the planted high-return SKU, DR002-BEI-M, mostly not as described", () => {
    const flag = json.flags.find((f) => f.kind === "high_return_rate" && f.key === "DR002-BEI-M");
    expect(flag, JSON.stringify(json.flags.map((f) => [f.kind, f.key]))).toBeDefined();
    expect(flag?.dimension).toBe("sku");
    expect(flag?.message).toMatch(/not as described/);
    expect(flag?.advice).toBe("check the description and photos");
    const a = exp.bySku.get("DR002-BEI-M") as Acc;
    expect(flag?.figures.rate).toBeCloseTo(a.returnedUnits / a.unitsSold, 12);
    expect(flag?.figures.units_sold).toBe(a.unitsSold);
    expect(flag?.figures.returned_units).toBe(a.returnedUnits);
    expect(flag?.figures.low).toBeGreaterThan(0.15);
    expect(json.by_sku.find((r) => r.key === "DR002-BEI-M")?.status).toBe("breach");
    expect(json.by_sku.find((r) => r.key === "DR002-BEI-M")?.top_reason?.category).toBe("not_as_described");
  });

  it("flags the planted size skew, JW001 size S, saying check the size chart", () => {
    const flag = json.flags.find((f) => f.kind === "size_skew" && f.key === "JW001|S");
    expect(flag, JSON.stringify(json.flags.map((f) => [f.kind, f.key]))).toBeDefined();
    expect(flag?.message).toMatch(/check the size chart/);
    expect(flag?.advice).toBe("check the size chart");
    // Independent: the size's rate against the product's other sizes.
    const s = exp.byProductSize.get("JW001|S") as Acc;
    let soldRest = 0;
    let returnedRest = 0;
    for (const [k, a] of exp.byProductSize) {
      if (k.startsWith("JW001|") && k !== "JW001|S") {
        soldRest += a.unitsSold;
        returnedRest += a.returnedUnits;
      }
    }
    const rate = s.returnedUnits / s.unitsSold;
    const rest = returnedRest / soldRest;
    expect(flag?.figures.rate).toBeCloseTo(rate, 12);
    expect(flag?.figures.other_sizes_rate).toBeCloseTo(rest, 12);
    expect(flag?.figures.ratio).toBeCloseTo(rate / rest, 12);
    expect(rate / rest).toBeGreaterThan(2);
  });

  it("no high-return finding for a SKU whose independent rate is below 15%", () => {
    const below = [...exp.bySku].filter(([, a]) => a.unitsSold > 0 && a.returnedUnits / a.unitsSold < 0.15).map(([k]) => k);
    expect(below.length).toBeGreaterThan(400);
    const flagged = new Set(json.flags.filter((f) => f.kind === "high_return_rate").map((f) => f.key));
    expect(below.filter((k) => flagged.has(k))).toEqual([]);
    // And every finding is above 15% independently, with at least --min-units (30) sold.
    for (const k of flagged) {
      const a = exp.bySku.get(k) as Acc;
      expect(a.returnedUnits / a.unitsSold, k).toBeGreaterThan(0.15);
      expect(a.unitsSold, k).toBeGreaterThanOrEqual(30);
    }
  });

  it("the summary's three rates equal the independent cohort computation", () => {
    const t = exp.total;
    const s = json.summary;
    expect(s.orders).toBe(t.orders.size);
    expect(s.units_sold).toBe(t.unitsSold);
    expect(s.merchandise).toBe(t.merchandise);
    expect(s.returns).toBe(t.returns);
    expect(s.returned_units).toBe(t.returnedUnits);
    expect(s.returned_orders).toBe(t.returnedOrders.size);
    expect(s.refund_value).toBe(t.refund);
    expect(s.rate_units).toBeCloseTo(t.returnedUnits / t.unitsSold, 12);
    expect(s.rate_orders).toBeCloseTo(t.returnedOrders.size / t.orders.size, 12);
    expect(s.rate_value).toBeCloseTo(t.refund / t.merchandise, 12);
    expect(s.status).toBe(t.returnedUnits / t.unitsSold > 0.15 ? "breach" : "ok");
    expect(json.basis).toBe("cohort");
    expect(json.basis_text).toMatch(/^cohort/);
  });

  it("by-SKU rows of the planted SKUs and ordinary SKUs equal the independent figures", () => {
    const byKey = new Map(json.by_sku.map((r) => [r.key, r]));
    // The best seller and a SKU that sold without any return, beside the planted ones.
    const bestSeller = [...exp.bySku].sort((a, b) => b[1].unitsSold - a[1].unitsSold)[0]?.[0] as string;
    const noReturns = [...exp.bySku]
      .filter(([, a]) => a.returnedUnits === 0 && a.unitsSold > 0)
      .sort((a, b) => b[1].unitsSold - a[1].unitsSold)[0]?.[0] as string;
    for (const sku of ["DR002-BEI-M", "JW001-BLK-S", bestSeller, noReturns]) expectRow(byKey.get(sku), exp.bySku.get(sku), sku);
    expect(byKey.get(noReturns)?.rate_units).toBe(0);
  });

  it("every by-SKU row equals the independent figures, and no SKU is missing or extra", () => {
    expect(new Set(json.by_sku.map((r) => r.key))).toEqual(new Set(exp.bySku.keys()));
    for (const r of json.by_sku) expectRow(r, exp.bySku.get(r.key), r.key);
  });

  it("by-size rows equal the independent figures", () => {
    const byKey = new Map(json.by_size.map((r) => [r.key, r]));
    expectRow(byKey.get("S"), exp.bySize.get("S"), "size S");
    expect(new Set(json.by_size.map((r) => r.key))).toEqual(new Set(exp.bySize.keys()));
    for (const r of json.by_size) expectRow(r, exp.bySize.get(r.key), `size ${r.key}`);
  });

  it("the by-reason table adds up to the counted returned units and returns", () => {
    const units = json.reasons.reduce((s, r) => s + r.units, 0);
    const returns = json.reasons.reduce((s, r) => s + r.returns, 0);
    expect(units).toBe(exp.total.returnedUnits);
    expect(returns).toBe(exp.total.returns);
    for (const r of json.reasons) expect(r.decided_by.code + r.decided_by.keyword + r.decided_by.none, r.category).toBe(r.returns);
    expect(json.reasons.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
    // Returns carrying a platform code (other than OTHER) are decided by it.
    const coded = RETURNS.filter((r) => r.reason_code && r.reason_code !== "OTHER").length;
    expect(json.reasons.reduce((s, r) => s + r.decided_by.code, 0)).toBe(coded);
  });

  it("unmatched reason text is kept verbatim and shown", () => {
    const other = json.reasons.find((r) => r.category === "other");
    expect(other).toBeDefined();
    const listed = json.unmatched_reasons.reduce((s, u) => s + u.returns, 0);
    expect(listed).toBe(other?.decided_by.none);
    for (const u of json.unmatched_reasons) {
      const n = RETURNS.filter((r) => r.reason?.trim() === u.text).length;
      expect(n, u.text).toBeGreaterThanOrEqual(u.returns);
    }
  });

  it("warns that the cohort is younger than the return window", () => {
    expect(json.warnings.some((w) => /30-day return window/.test(w))).toBe(true);
  });
});

describe("maturity warning", () => {
  it("is absent for a period older than the return window", async () => {
    const json = await audit("--period", "2026-08-27..2026-09-30");
    expect(json.warnings.filter((w) => /return window/.test(w))).toEqual([]);
  });

  it("follows returns.windowDays in the config", async () => {
    const { writeFileSync, mkdirSync } = await import("node:fs");
    const { join } = await import("node:path");
    const dir = join(tmp.dir, "window");
    mkdirSync(dir);
    writeFileSync(join(dir, "merchops.config.yaml"), "returns:\n  windowDays: 90\n");
    const r = await runCli(["returns", "audit", "--json", "--period", "2026-08-27..2026-09-30"], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as Audit & { return_window_days: number };
    expect(json.return_window_days).toBe(90);
    expect(json.warnings.some((w) => /90-day return window/.test(w))).toBe(true);
    expect(r.stderr).toMatch(/warning: .*90-day return window/);
  });

  it("is present for a period ending inside the window, absent for one ending before it", async () => {
    const younger = await audit("--period", "2026-10-01..2026-10-27");
    expect(younger.warnings.some((w) => /orders placed since 2026-10-26 can still be returned/.test(w))).toBe(true);
    const older = await audit("--period", "2026-10-01..2026-10-25");
    expect(older.warnings.filter((w) => /return window/.test(w))).toEqual([]);
  });

  it("is present when the period ends on the first day whose orders can still be returned", async () => {
    // Now is 2026-11-25 09:00 (+08:00). An order placed late on 2026-10-26 has 30 days, until late on
    // 2026-11-25: it can still be returned, as the warning's own text says ("orders placed since
    // 2026-10-26 can still be returned"), so a cohort ending 2026-10-26 is immature.
    const boundary = await audit("--period", "2026-10-01..2026-10-26");
    expect(boundary.warnings.filter((w) => /return window/.test(w)).length).toBe(1);
  });

  it("is not given on the period basis (returns requested in the period are final)", async () => {
    const json = await audit("--period", FULL, "--basis", "period");
    expect(json.warnings.filter((w) => /return window/.test(w))).toEqual([]);
  });
});

describe("period basis", () => {
  for (const [first, last] of [
    ["2026-08-27", "2026-11-24"],
    ["2026-10-01", "2026-10-31"],
  ] as const) {
    it(`${first}..${last}: figures equal the independent period-basis computation`, async () => {
      const json = await audit("--period", `${first}..${last}`, "--basis", "period");
      const exp = expected(first, last, "period");
      expect(json.basis).toBe("period");
      expect(json.basis_text).toMatch(/^period/);
      const t = exp.total;
      expect(json.summary.orders).toBe(t.orders.size);
      expect(json.summary.units_sold).toBe(t.unitsSold);
      expect(json.summary.returns).toBe(t.returns);
      expect(json.summary.returned_units).toBe(t.returnedUnits);
      expect(json.summary.returned_orders).toBe(t.returnedOrders.size);
      expect(json.summary.refund_value).toBe(t.refund);
      expect(json.summary.rate_units).toBeCloseTo(t.returnedUnits / t.unitsSold, 12);
      expect(json.summary.rate_orders).toBeCloseTo(t.returnedOrders.size / t.orders.size, 12);
      expect(json.summary.rate_value).toBeCloseTo(t.refund / t.merchandise, 12);
      expect(new Set(json.by_sku.map((r) => r.key))).toEqual(new Set(exp.bySku.keys()));
      for (const r of json.by_sku) expectRow(r, exp.bySku.get(r.key), r.key);
      for (const r of json.by_size) expectRow(r, exp.bySize.get(r.key), `size ${r.key}`);
      expect(json.reasons.reduce((s, r) => s + r.units, 0)).toBe(t.returnedUnits);
    });
  }

  it("October: the period basis counts returns of September orders, the cohort basis does not", async () => {
    const period = expected("2026-10-01", "2026-10-31", "period");
    const cohort = expected("2026-10-01", "2026-10-31", "cohort");
    const fromSeptember = RETURNS.filter((r) => {
      const o = ORDERS.find((x) => x.order_id === r.order_id);
      return day(r.requested_at).startsWith("2026-10") && day(o?.placed_at).startsWith("2026-09");
    }).length;
    expect(fromSeptember).toBeGreaterThan(0);
    const json = await audit("--period", "2026-10-01..2026-10-31");
    expect(json.basis).toBe("cohort");
    expect(json.summary.returns).toBe(cohort.total.returns);
    expect(json.summary.returns).not.toBe(period.total.returns);
  });
});

describe("the basis is printed in the table", () => {
  it("cohort by default, period when asked", async () => {
    const cohort = await runCli(["returns", "audit", "--period", FULL], { cwd: tmp.dir });
    expect(cohort.exitCode, cohort.stderr).toBe(0);
    expect(cohort.stdout).toMatch(/Basis: cohort: returns of the orders placed in the period/);
    for (const rate of ["Return rate (units)", "Return rate (orders)", "Return rate (value)"]) expect(cohort.stdout).toContain(rate);
    const period = await runCli(["returns", "audit", "--period", FULL, "--basis", "period"], { cwd: tmp.dir });
    expect(period.exitCode, period.stderr).toBe(0);
    expect(period.stdout).toMatch(/Basis: period: returns requested in the period/);
    expect(period.stdout).toContain("period basis");
  });
});
