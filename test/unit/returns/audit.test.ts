/**
 * The returns audit on small hand-built orders and returns: basis, data issues, the three rates,
 * the Wilson-bounded status and the findings. Expected figures are worked out by hand from the
 * rows each test builds.
 */
import { describe, expect, it } from "vitest";
import type { Order, OrderLine, ReturnRecord } from "../../../src/core/model.js";
import {
  type Basis,
  type FlagSettings,
  groupRow,
  highRateFlags,
  type LineDimension,
  ReturnsAudit,
  reasonConcentrationFlags,
  sizeSkewFlags,
} from "../../../src/core/returns/audit.js";
import { buildRules } from "../../../src/core/returns/reasons.js";

const TZ = "Asia/Shanghai";
const OCTOBER = { first: "2026-10-01", last: "2026-10-31" };
const FLAGS: FlagSettings = { threshold: 0.15, minUnits: 30, sizeSkewRatio: 2, reasonShare: 0.5 };

interface LineSpec {
  sku: string;
  qty?: number;
  price?: number;
  discount?: number;
  product?: string;
  size?: string;
}

function line(l: LineSpec): OrderLine {
  const out: OrderLine = {
    sku: l.sku,
    quantity: l.qty ?? 1,
    unitPrice: l.price ?? 10000,
    discount: l.discount ?? 0,
    title: `title of ${l.product ?? l.sku}`,
  };
  if (l.product) out.productId = l.product;
  if (l.size) out.options = { size: l.size };
  return out;
}

function order(id: string, at: string, lines: LineSpec[], more: Partial<Order> = {}): Order {
  const ls = lines.map(line);
  const subtotal = ls.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const discountTotal = ls.reduce((s, l) => s + l.discount, 0);
  return {
    id,
    placedAt: new Date(at),
    currency: "CNY",
    status: "fulfilled",
    test: false,
    subtotal,
    discountTotal,
    shippingTotal: 0,
    taxTotal: 0,
    total: subtotal - discountTotal,
    lines: ls,
    ...more,
  };
}

function ret(
  id: string,
  orderId: string,
  sku: string | undefined,
  qty: number,
  refund: number,
  at: string,
  more: Partial<ReturnRecord> = {},
): ReturnRecord {
  const r: ReturnRecord = { id, orderId, quantity: qty, refundAmount: refund, currency: "CNY", requestedAt: new Date(at), ...more };
  if (sku !== undefined) r.sku = sku;
  return r;
}

function run(
  orders: Order[],
  returns: ReturnRecord[],
  opts: { basis?: Basis; period?: { first: string; last: string }; dimensions?: LineDimension[] } = {},
): ReturnsAudit {
  const a = new ReturnsAudit({
    tz: TZ,
    period: opts.period ?? OCTOBER,
    basis: opts.basis ?? "cohort",
    currency: "CNY",
    rules: buildRules(),
    dimensions: opts.dimensions ?? ["sku", "size", "product"],
  });
  for (const r of returns) a.addReturn(r);
  for (const o of orders) a.addOrder(o);
  a.finish();
  return a;
}

function rowOf(a: ReturnsAudit, dim: LineDimension, key: string, f: FlagSettings = FLAGS) {
  const g = a.groupsOf(dim).get(key);
  if (!g) throw new Error(`no ${dim} group ${key}; have ${[...a.groupsOf(dim).keys()].join(", ")}`);
  return groupRow(key, g, f);
}

/** n orders of one unit each of `sku`; the first `returned` of them returned with `reason`. */
function oneUnitOrders(
  prefix: string,
  sku: string,
  n: number,
  returned: number,
  reasonOf: (i: number) => string,
  spec: Partial<LineSpec> = {},
) {
  const orders: Order[] = [];
  const returns: ReturnRecord[] = [];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    orders.push(order(`${prefix}${i}`, `2026-10-${day}T12:00:00+08:00`, [{ sku, ...spec }]));
    if (i < returned)
      returns.push(ret(`R${prefix}${i}`, `${prefix}${i}`, sku, 1, 10000, `2026-10-${day}T20:00:00+08:00`, { reason: reasonOf(i) }));
  }
  return { orders, returns };
}

describe("cohort vs period basis", () => {
  // A: placed in September, returned in October. B: placed in October, returned in November.
  // C: placed and returned in October. D: 00:10 on 1 October in Shanghai (still 30 September in
  // UTC). F: 00:30 on 1 November in Shanghai (still 31 October in UTC).
  const orders = [
    order("A", "2026-09-20T10:00:00+08:00", [{ sku: "X" }]),
    order("B", "2026-10-10T10:00:00+08:00", [{ sku: "X", qty: 2, discount: 2000 }]),
    order("C", "2026-10-12T10:00:00+08:00", [{ sku: "X" }]),
    order("D", "2026-10-01T00:10:00+08:00", [{ sku: "Y" }]),
    order("F", "2026-11-01T00:30:00+08:00", [{ sku: "Y" }]),
  ];
  const returns = [
    ret("RA", "A", "X", 1, 10000, "2026-10-05T10:00:00+08:00"),
    ret("RB", "B", "X", 1, 9000, "2026-11-05T10:00:00+08:00"),
    ret("RC", "C", "X", 1, 10000, "2026-10-20T10:00:00+08:00"),
  ];

  it("sales are the orders placed in the period, by the store's calendar day", () => {
    for (const basis of ["cohort", "period"] as const) {
      const a = run(orders, returns, { basis });
      expect(a.totals.orders, basis).toBe(3); // B, C, D
      expect(a.totals.unitsSold, basis).toBe(4);
      expect(a.totals.merchandise, basis).toBe(2 * 10000 - 2000 + 10000 + 10000);
      expect(a.groupsOf("sku").get("Y")?.unitsSold, basis).toBe(1); // D in, F out
      expect(a.ordersRead).toBe(5);
      expect(a.issues).toEqual([]);
    }
  });

  it("cohort: returns of the orders placed in the period, whenever requested", () => {
    const a = run(orders, returns, { basis: "cohort" });
    expect(a.totals.returns).toBe(2); // RB, RC; not RA (its order is from September)
    expect(a.totals.returnedUnits).toBe(2);
    expect(a.totals.refundValue).toBe(19000);
    expect(a.returnedOrderCount).toBe(2);
    const x = rowOf(a, "sku", "X");
    expect(x.unitsSold).toBe(3);
    expect(x.ordersSold).toBe(2);
    expect(x.returnedUnits).toBe(2);
    expect(x.returnedOrders).toBe(2);
    expect(x.rateUnits).toBeCloseTo(2 / 3, 12);
    expect(x.rateOrders).toBeCloseTo(2 / 2, 12);
    expect(x.rateValue).toBeCloseTo(19000 / 28000, 12);
  });

  it("period: returns requested in the period, including one for an order placed before it", () => {
    const a = run(orders, returns, { basis: "period" });
    expect(a.totals.returns).toBe(2); // RA, RC; not RB (requested in November)
    expect(a.totals.refundValue).toBe(20000);
    expect(a.returnedOrderCount).toBe(2);
    const x = rowOf(a, "sku", "X");
    expect(x.unitsSold).toBe(3);
    expect(x.returnedUnits).toBe(2);
    expect(x.refundValue).toBe(20000);
    expect(x.rateValue).toBeCloseTo(20000 / 28000, 12);
  });

  it("period: a group with returns but no sales in the period has no rate", () => {
    const a = run(
      [order("S", "2026-09-28T10:00:00+08:00", [{ sku: "Z" }]), order("T", "2026-10-03T10:00:00+08:00", [{ sku: "X" }])],
      [ret("RS", "S", "Z", 1, 10000, "2026-10-02T10:00:00+08:00")],
      { basis: "period" },
    );
    const z = rowOf(a, "sku", "Z");
    expect(z.unitsSold).toBe(0);
    expect(z.returnedUnits).toBe(1);
    expect(z.rateUnits).toBeNull();
    expect(z.rateOrders).toBeNull();
    expect(z.rateValue).toBeNull();
    expect(z.status).toBe("low_volume");
    // The same return is not counted on the cohort basis.
    expect(
      run([order("S", "2026-09-28T10:00:00+08:00", [{ sku: "Z" }])], [ret("RS", "S", "Z", 1, 10000, "2026-10-02T10:00:00+08:00")], {
        basis: "cohort",
      }).totals.returns,
    ).toBe(0);
  });

  it("test orders and cancelled orders are not sales", () => {
    const a = run(
      [
        order("T1", "2026-10-05T10:00:00+08:00", [{ sku: "X" }], { test: true }),
        order("K1", "2026-10-05T10:00:00+08:00", [{ sku: "X" }], { status: "cancelled" }),
        order("P1", "2026-10-05T10:00:00+08:00", [{ sku: "X" }]),
      ],
      [],
    );
    expect(a.totals.orders).toBe(1);
    expect(rowOf(a, "sku", "X").unitsSold).toBe(1);
  });
});

describe("data issues: reported, never counted", () => {
  // One order: 2 of X and 1 of Y, placed 10 October.
  const base = () => order("O1", "2026-10-10T10:00:00+08:00", [{ sku: "X", qty: 2 }, { sku: "Y" }]);
  const at = "2026-10-15T10:00:00+08:00";

  function expectNothingCounted(a: ReturnsAudit) {
    expect(a.totals.returns).toBe(0);
    expect(a.totals.returnedUnits).toBe(0);
    expect(a.totals.refundValue).toBe(0);
    expect(a.returnedOrderCount).toBe(0);
    for (const g of a.groupsOf("sku").values()) expect(g.returnedUnits).toBe(0);
    expect([...a.reasonTotals.values()]).toEqual([]);
  }

  it("a return whose order is unknown (after finish)", () => {
    const a = new ReturnsAudit({ tz: TZ, period: OCTOBER, basis: "cohort", currency: "CNY", rules: buildRules(), dimensions: ["sku"] });
    a.addReturn(ret("R1", "O-MISSING", "X", 3, 30000, at));
    a.addOrder(base());
    expect(a.issues).toEqual([]); // not known yet: the order could still come
    a.finish();
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ kind: "unknown_order", returnId: "R1", orderId: "O-MISSING", sku: "X", quantity: 3 });
    expect(a.issues[0]?.message).toContain("O-MISSING");
    expect(a.returnsRead).toBe(1);
    expectNothingCounted(a);
    a.finish();
    expect(a.issues).toHaveLength(1); // finishing twice does not report it twice
  });

  it("a returned quantity above the ordered quantity", () => {
    const a = run([base()], [ret("R1", "O1", "X", 3, 30000, at)]);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ kind: "quantity_above_ordered", returnId: "R1", orderId: "O1", sku: "X", quantity: 3 });
    expectNothingCounted(a);
  });

  it("two returns that together exceed the ordered quantity: the one that crosses it is the issue", () => {
    const a = run([base()], [ret("R1", "O1", "X", 1, 10000, at), ret("R2", "O1", "X", 2, 20000, "2026-10-16T10:00:00+08:00")]);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ kind: "quantity_above_ordered", returnId: "R2", quantity: 2 });
    expect(a.issues[0]?.message).toMatch(/\b3\b.*\b2 ordered/);
    expect(a.totals.returns).toBe(1);
    expect(a.totals.returnedUnits).toBe(1);
    expect(a.totals.refundValue).toBe(10000);
    expect(rowOf(a, "sku", "X").returnedUnits).toBe(1);
  });

  it("returns up to the ordered quantity are fine, also when the SKU is on two lines of the order", () => {
    const o = order("O2", "2026-10-10T10:00:00+08:00", [{ sku: "X" }, { sku: "X" }]);
    const a = run([o], [ret("R1", "O2", "X", 1, 10000, at), ret("R2", "O2", "X", 1, 10000, at)]);
    expect(a.issues).toEqual([]);
    expect(a.totals.returnedUnits).toBe(2);
    const x = rowOf(a, "sku", "X");
    expect(x.unitsSold).toBe(2);
    expect(x.ordersSold).toBe(1);
    expect(x.returnedOrders).toBe(1);
  });

  it("a return dated before its order", () => {
    const a = run([base()], [ret("R1", "O1", "X", 1, 10000, "2026-10-10T09:59:59+08:00")]);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ kind: "returned_before_order", returnId: "R1", orderId: "O1" });
    expectNothingCounted(a);
  });

  it("a return in another currency than its order", () => {
    const a = run([base()], [ret("R1", "O1", "X", 1, 1500, at, { currency: "USD" })]);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ kind: "currency_mismatch", returnId: "R1", orderId: "O1" });
    expect(a.issues[0]?.message).toMatch(/USD.*CNY/);
    expectNothingCounted(a);
    expect(a.totals.currencies.has("USD")).toBe(false);
  });

  it("a return naming a SKU the order does not contain", () => {
    const a = run([base()], [ret("R1", "O1", "Q", 1, 10000, at)]);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ kind: "sku_not_in_order", returnId: "R1", sku: "Q" });
    expectNothingCounted(a);
  });

  it("a return without a SKU: counted on a one-line order, an issue on a many-line order", () => {
    const single = order("O3", "2026-10-10T10:00:00+08:00", [{ sku: "Y" }]);
    const a = run([base(), single], [ret("R1", "O1", undefined, 1, 10000, at), ret("R2", "O3", undefined, 1, 10000, at)]);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ kind: "sku_not_in_order", returnId: "R1" });
    expect(a.issues[0]?.sku).toBeUndefined();
    expect(a.totals.returns).toBe(1);
    expect(rowOf(a, "sku", "Y").returnedUnits).toBe(1);
  });

  it("issues are found on the period basis too, and left out of its rates", () => {
    const a = run(
      [base()],
      [ret("R1", "O1", "X", 3, 30000, at), ret("R2", "O-MISSING", "X", 1, 10000, at), ret("R3", "O1", "Y", 1, 10000, at)],
      { basis: "period" },
    );
    expect(a.issues.map((i) => i.kind).sort()).toEqual(["quantity_above_ordered", "unknown_order"]);
    expect(a.totals.returns).toBe(1);
    expect(a.totals.returnedUnits).toBe(1);
  });

  for (const basis of ["cohort", "period"] as const) {
    it(`${basis}: a return of a cancelled order placed in the period is counted or listed, never silently dropped`, () => {
      // Taobao closes an order (交易关闭 = cancelled) once it is refunded in full after a return.
      const closed = order("K1", "2026-10-10T10:00:00+08:00", [{ sku: "X" }], { status: "cancelled" });
      const a = run([closed, base()], [ret("RK", "K1", "X", 1, 10000, at)], { basis });
      expect(a.totals.returns + a.issues.length).toBe(1);
    });
  }

  it("every return read is either counted or an issue (nothing vanishes)", () => {
    const returns = [
      ret("R1", "O1", "X", 1, 10000, at),
      ret("R2", "O1", "X", 5, 10000, at),
      ret("R3", "NOPE", "X", 1, 10000, at),
      ret("R4", "O1", "Y", 1, 10000, "2026-10-01T00:00:00+08:00"),
      ret("R5", "O1", "Y", 1, 10000, at, { currency: "HKD" }),
      ret("R6", "O1", "Z", 1, 10000, at),
      ret("R7", "O1", "Y", 1, 10000, at),
    ];
    const a = run([base()], returns);
    expect(a.totals.returns + a.issues.length).toBe(returns.length);
    expect(a.issues.map((i) => i.returnId).sort()).toEqual(["R2", "R3", "R4", "R5", "R6"]);
  });
});

describe("the three rates", () => {
  it("mixed currencies in a group's sales: no value rate for it; units and orders still there", () => {
    const a = run(
      [
        order("O1", "2026-10-10T10:00:00+08:00", [{ sku: "X" }, { sku: "Y" }]),
        order("O2", "2026-10-11T10:00:00+08:00", [{ sku: "X", price: 1500 }], { currency: "USD" }),
      ],
      [ret("R1", "O1", "X", 1, 10000, "2026-10-15T10:00:00+08:00"), ret("R2", "O1", "Y", 1, 5000, "2026-10-15T10:00:00+08:00")],
    );
    const x = rowOf(a, "sku", "X");
    expect(x.rateValue).toBeNull();
    expect(x.rateUnits).toBeCloseTo(1 / 2, 12);
    expect(x.rateOrders).toBeCloseTo(1 / 2, 12);
    const y = rowOf(a, "sku", "Y");
    expect(y.rateValue).toBeCloseTo(5000 / 10000, 12);
    expect([...a.totals.currencies].sort()).toEqual(["CNY", "USD"]);
  });

  it("value is refunds over merchandise after line discounts", () => {
    const a = run(
      [order("O1", "2026-10-10T10:00:00+08:00", [{ sku: "X", qty: 3, price: 12990, discount: 2970 }])],
      [ret("R1", "O1", "X", 1, 12000, "2026-10-15T10:00:00+08:00")],
    );
    const x = rowOf(a, "sku", "X");
    expect(x.merchandise).toBe(3 * 12990 - 2970);
    expect(x.rateValue).toBeCloseTo(12000 / (3 * 12990 - 2970), 12);
    expect(x.rateUnits).toBeCloseTo(1 / 3, 12);
  });

  it("the orders rate counts an order once per group", () => {
    // One order: two lines of size M (two SKUs) and one line of size L; both M lines returned.
    const a = run(
      [
        order("O1", "2026-10-10T10:00:00+08:00", [
          { sku: "P-RED-M", size: "M", product: "P" },
          { sku: "P-BLU-M", size: "M", product: "P" },
          { sku: "P-RED-L", size: "L", product: "P" },
        ]),
        order("O2", "2026-10-11T10:00:00+08:00", [{ sku: "P-RED-M", size: "M", product: "P" }]),
      ],
      [
        ret("R1", "O1", "P-RED-M", 1, 10000, "2026-10-15T10:00:00+08:00"),
        ret("R2", "O1", "P-BLU-M", 1, 10000, "2026-10-16T10:00:00+08:00"),
      ],
    );
    const m = rowOf(a, "size", "M");
    expect(m.unitsSold).toBe(3);
    expect(m.ordersSold).toBe(2);
    expect(m.returnedUnits).toBe(2);
    expect(m.returnedOrders).toBe(1);
    expect(m.rateOrders).toBeCloseTo(1 / 2, 12);
    const p = rowOf(a, "product", "P");
    expect(p.ordersSold).toBe(2);
    expect(p.returnedOrders).toBe(1);
    expect(a.totals.orders).toBe(2);
    expect(a.returnedOrderCount).toBe(1);
  });
});

describe("status and high-return findings", () => {
  it("1 return of 2 units sold is not a breach, even with --min-units 1", () => {
    const a = run(
      [order("O1", "2026-10-10T10:00:00+08:00", [{ sku: "X", qty: 2 }])],
      [ret("R1", "O1", "X", 1, 10000, "2026-10-15T10:00:00+08:00")],
    );
    const f = { ...FLAGS, minUnits: 1 };
    const x = rowOf(a, "sku", "X", f);
    expect(x.rateUnits).toBe(0.5);
    expect(x.low).toBeCloseTo(0.0945, 4);
    expect(x.high).toBeCloseTo(0.9055, 4);
    expect(x.status).toBe("watch");
    expect(highRateFlags("sku", [x], f)).toEqual([]);
  });

  it("below --min-units a group is low volume and not judged, whatever its rate", () => {
    const { orders, returns } = oneUnitOrders("L", "X", 5, 5, () => "质量有问题");
    const a = run(orders, returns);
    const x = rowOf(a, "sku", "X", FLAGS);
    expect(x.rateUnits).toBe(1);
    expect(x.status).toBe("low_volume");
    expect(highRateFlags("sku", [x], FLAGS)).toEqual([]);
    // The same group judged with --min-units 5 is a breach: 5 of 5 has a lower bound of ~57%.
    const judged = rowOf(a, "sku", "X", { ...FLAGS, minUnits: 5 });
    expect(judged.status).toBe("breach");
    expect(highRateFlags("sku", [judged], { ...FLAGS, minUnits: 5 })).toHaveLength(1);
  });

  it("a group clearly above the threshold is a breach, flagged with its top reason and advice", () => {
    // 40 sold, 20 returned: 12 "颜色和图片不一样" (not as described), 8 "too small".
    const { orders, returns } = oneUnitOrders("B", "X", 40, 20, (i) => (i < 12 ? "颜色和图片不一样" : "too small"));
    const more = oneUnitOrders("N", "Y", 40, 2, () => "too small");
    const a = run([...orders, ...more.orders], [...returns, ...more.returns]);
    const x = rowOf(a, "sku", "X");
    const y = rowOf(a, "sku", "Y");
    expect(x.status).toBe("breach");
    expect(x.topReason).toEqual({ category: "not_as_described", share: 12 / 20 });
    expect(x.low).toBeGreaterThan(0.15);
    expect(y.status).toBe("ok");
    const flags = highRateFlags("sku", [x, y], FLAGS);
    expect(flags).toHaveLength(1);
    const f = flags[0];
    expect(f?.kind).toBe("high_return_rate");
    expect(f?.key).toBe("X");
    expect(f?.advice).toBe("check the description and photos");
    expect(f?.message).toContain("50.0% of units returned (20 of 40");
    expect(f?.message).toContain("60.0% not as described");
    expect(f?.message).not.toContain("mixed");
    expect(f?.figures).toMatchObject({ rate: 0.5, unitsSold: 40, returnedUnits: 20, threshold: 0.15 });
    expect(f?.figures.low).toBe(x.low);
  });

  it("a rate above the threshold on thin evidence is 'watch', not a finding", () => {
    // 6 of 30 = 20% > 15%, but the 95% lower bound is ~9.5%.
    const { orders, returns } = oneUnitOrders("W", "X", 30, 6, () => "too small");
    const x = rowOf(run(orders, returns), "sku", "X");
    expect(x.rateUnits).toBeCloseTo(0.2, 12);
    expect(x.low).toBeLessThan(0.15);
    expect(x.status).toBe("watch");
    expect(highRateFlags("sku", [x], FLAGS)).toEqual([]);
  });

  it("mixed reasons are said to be mixed", () => {
    const { orders, returns } = oneUnitOrders("M", "X", 40, 20, (i) => ["too small", "太大了", "质量有问题", "不想要了"][i % 4] as string);
    const x = rowOf(run(orders, returns), "sku", "X");
    const f = highRateFlags("sku", [x], FLAGS)[0];
    expect(f?.message).toContain("(reasons are mixed)");
  });

  it("reason concentration: one reason at least half of a group's returns", () => {
    const { orders, returns } = oneUnitOrders("C", "X", 40, 20, (i) => (i < 15 ? "颜色和图片不一样" : "too small"));
    const a = run(orders, returns);
    const g = a.groupsOf("sku").get("X");
    const flags = reasonConcentrationFlags({ dimension: "sku", key: "X", label: "sku X" }, g?.reasons ?? new Map(), 20, FLAGS);
    expect(flags).toHaveLength(1);
    expect(flags[0]?.kind).toBe("reason_concentration");
    expect(flags[0]?.figures.share).toBeCloseTo(15 / 20, 12);
    expect(flags[0]?.advice).toBe("check the description and photos");
  });
});

describe("size skew", () => {
  function product(sReasons: (i: number) => string, sReturned = 20, sSold = 40) {
    const s = oneUnitOrders("S", "P-S", sSold, sReturned, sReasons, { product: "P", size: "S" });
    const m = oneUnitOrders("M", "P-M", 40, 2, () => "changed my mind", { product: "P", size: "M" });
    const l = oneUnitOrders("L", "P-L", 40, 2, () => "不想要了", { product: "P", size: "L" });
    return run([...s.orders, ...m.orders, ...l.orders], [...s.returns, ...m.returns, ...l.returns]);
  }

  it("a size returned far more than the product's other sizes, mostly for size: check the size chart", () => {
    const a = product((i) => (i < 14 ? "尺码偏小" : "质量有问题"));
    const flags = sizeSkewFlags(a, FLAGS);
    expect(flags).toHaveLength(1);
    const f = flags[0];
    expect(f?.kind).toBe("size_skew");
    expect(f?.key).toBe("P|S");
    expect(f?.advice).toBe("check the size chart");
    // 20/40 against (2+2)/(40+40)
    expect(f?.figures.rate).toBeCloseTo(0.5, 12);
    expect(f?.figures.otherSizesRate).toBeCloseTo(4 / 80, 12);
    expect(f?.figures.ratio).toBeCloseTo(0.5 / (4 / 80), 12);
    expect(f?.figures.sizeReasonShare).toBeCloseTo(14 / 20, 12);
    expect(f?.message).toContain("10.0x");
    expect(f?.message).toContain("check the size chart");
  });

  it("the advice follows what customers said: not the size chart when they do not speak of size", () => {
    const a = product(() => "颜色和图片不一样");
    const f = sizeSkewFlags(a, FLAGS)[0];
    expect(f?.key).toBe("P|S");
    expect(f?.advice).not.toContain("size chart");
    expect(f?.advice).toContain("check the description and photos");
  });

  it("no finding when the size's interval overlaps the other sizes' (ratio alone is not enough)", () => {
    // 6/40 = 15% vs 4/80 = 5%: 3x, but the intervals overlap.
    const a = product(() => "尺码偏小", 6);
    expect(sizeSkewFlags(a, FLAGS)).toEqual([]);
  });

  it("no finding for a size that sold fewer than --min-units", () => {
    const a = product(() => "尺码偏小", 20, 25);
    expect(sizeSkewFlags(a, FLAGS)).toEqual([]);
    expect(sizeSkewFlags(a, { ...FLAGS, minUnits: 20 })).toHaveLength(1);
  });
});

describe("reasons", () => {
  it("totals by category, how each was decided, and unmatched text kept verbatim", () => {
    const o = order("O1", "2026-10-10T10:00:00+08:00", [{ sku: "X", qty: 10 }]);
    const at = "2026-10-15T10:00:00+08:00";
    const a = run(
      [o],
      [
        ret("R1", "O1", "X", 2, 1, at, { reason: "太大了", reasonCode: "SIZE_TOO_SMALL" }),
        ret("R2", "O1", "X", 1, 1, at, { reason: "尺码偏小" }),
        ret("R3", "O1", "X", 1, 1, at, { reason: "  看心情  " }),
        ret("R4", "O1", "X", 1, 1, at, { reason: "看心情" }),
        ret("R5", "O1", "X", 1, 1, at, { reasonCode: "OTHER" }),
      ],
    );
    expect(a.reasonTotals.get("too_small")).toEqual({
      category: "too_small",
      units: 3,
      returns: 2,
      decidedBy: { code: 1, keyword: 1, none: 0 },
    });
    expect(a.reasonTotals.get("other")).toEqual({ category: "other", units: 3, returns: 3, decidedBy: { code: 0, keyword: 0, none: 3 } });
    expect(a.reasonTotals.has("too_large")).toBe(false);
    expect([...a.unmatchedText]).toEqual([["看心情", 2]]);
    expect(a.groupsOf("sku").get("X")?.reasons.get("too_small")).toBe(3);
  });
});
