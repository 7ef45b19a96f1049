/** Order-level discounts are shared across lines, so the audit's value rate matches the KPI report. */
import { describe, expect, it } from "vitest";
import type { Order } from "../../../src/core/model.js";
import { lineNetValues, ReturnsAudit, sizeSkewFlags } from "../../../src/core/returns/audit.js";

const FLAG_SETTINGS = { threshold: 0.15, minUnits: 30, sizeSkewRatio: 2, reasonShare: 0.5 };

const order = (discountTotal: number, lines: [number, number, number][]): Order => ({
  id: "A1",
  placedAt: new Date("2026-11-03T10:00:00+08:00"),
  currency: "CNY",
  status: "paid",
  test: false,
  subtotal: lines.reduce((s, [p, q]) => s + p * q, 0),
  discountTotal,
  shippingTotal: 0,
  taxTotal: 0,
  total: 0,
  lines: lines.map(([unitPrice, quantity, discount], i) => ({ sku: `S${i}`, unitPrice, quantity, discount })),
});

describe("lineNetValues", () => {
  it("leaves lines alone when the order discount is already on the lines", () => {
    expect(
      lineNetValues(
        order(500, [
          [10000, 1, 500],
          [5000, 1, 0],
        ]),
      ),
    ).toEqual([9500, 5000]);
  });

  it("shares the rest of an order discount by value, in whole minor units that add up", () => {
    const net = lineNetValues(
      order(1000, [
        [10000, 1, 0],
        [5000, 1, 0],
      ]),
    );
    expect(net.reduce((a, b) => a + b, 0)).toBe(15000 - 1000);
    expect(net).toEqual([10000 - 667, 5000 - 333]);
  });

  it("splits an odd remainder without losing a fen", () => {
    const net = lineNetValues(
      order(100, [
        [3333, 1, 0],
        [3333, 1, 0],
        [3334, 1, 0],
      ]),
    );
    expect(net.reduce((a, b) => a + b, 0)).toBe(10000 - 100);
  });
});

describe("size skew when the other sizes have no returns", () => {
  it("is flagged, not skipped", () => {
    const audit = new ReturnsAudit({
      tz: "Asia/Shanghai",
      period: { first: "2026-11-01", last: "2026-11-30" },
      basis: "cohort",
      currency: "CNY",
      rules: { rules: [] },
      dimensions: ["sku", "size"],
    });
    const mk = (id: string, size: string): Order => ({
      ...order(0, [[1000, 1, 0]]),
      id,
      lines: [{ sku: `P-${size}`, productId: "P", options: { size }, unitPrice: 1000, quantity: 1, discount: 0 }],
    });
    let n = 0;
    const orders: Order[] = [];
    for (const size of ["S", "M", "L"]) for (let i = 0; i < 100; i++) orders.push(mk(`O${n++}`, size));
    for (let i = 100; i < 140; i++) {
      audit.addReturn({
        id: `R${i}`,
        orderId: `O${i}`,
        sku: "P-M",
        quantity: 1,
        refundAmount: 1000,
        currency: "CNY",
        requestedAt: new Date("2026-11-10T10:00:00+08:00"),
      });
    }
    for (const o of orders) audit.addOrder(o);
    audit.finish();
    const flags = sizeSkewFlags(audit, FLAG_SETTINGS);
    expect(flags.map((f) => f.key)).toEqual(["P|M"]);
    expect(flags[0]?.figures.ratio).toBeNull();
    expect(flags[0]?.message).toContain("while the product's other sizes are not");
  });
});
