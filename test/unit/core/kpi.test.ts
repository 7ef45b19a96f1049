import { describe, expect, it } from "vitest";
import { english, type Message } from "../../../src/core/i18n/index.js";
import { type AccumulatorWindows, KpiAccumulator } from "../../../src/core/kpi/accumulator.js";
import { type ComputeOptions, computeMetrics, type MetricResult, percentile } from "../../../src/core/kpi/compute.js";
import { DEFAULT_THRESHOLDS } from "../../../src/core/kpi/definitions.js";
import type { Order, OrderLine, ReturnRecord, Ticket, TrafficDay } from "../../../src/core/model.js";

/** A metric's note as English text (notes are catalog messages). */
const noteOf = (m: { note?: Message | string }) => (m.note === undefined ? undefined : english(m.note));

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-25T09:00:00+08:00").getTime();

function accumulator(over: Partial<AccumulatorWindows> = {}): KpiAccumulator {
  return new KpiAccumulator({
    tz: TZ,
    current: { first: "2026-11-18", last: "2026-11-24" },
    previous: { first: "2026-11-11", last: "2026-11-17" },
    trend: { first: "2026-11-18", last: "2026-11-24" },
    ticketTargetSeconds: 24 * 3600,
    nowMs: NOW,
    ...over,
  });
}

let seq = 0;
type OrderSpec = Partial<Omit<Order, "placedAt">> & { at: string };
function order(spec: OrderSpec): Order {
  const { at, lines: given, ...rest } = spec;
  const lines: OrderLine[] = given ?? [{ sku: "A", quantity: 1, unitPrice: 10000, discount: 0 }];
  const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const discountTotal = lines.reduce((s, l) => s + l.discount, 0);
  return {
    id: `O${++seq}`,
    placedAt: new Date(at),
    currency: "CNY",
    status: "paid",
    test: false,
    subtotal,
    discountTotal,
    shippingTotal: 0,
    taxTotal: 0,
    total: subtotal - discountTotal,
    lines,
    ...rest,
  };
}

function ret(at: string, quantity: number, refundAmount: number, more: Partial<ReturnRecord> = {}): ReturnRecord {
  return { id: `R${++seq}`, orderId: "O1", quantity, refundAmount, currency: "CNY", requestedAt: new Date(at), ...more };
}

function traffic(date: string, source: TrafficDay["source"], visitors: number | null, more: Partial<TrafficDay> = {}): TrafficDay {
  return {
    date,
    source,
    pageViews: visitors === null ? null : visitors * 4,
    visitors,
    sessions: visitors === null ? null : visitors + 10,
    adSpend: null,
    ...more,
  };
}

function ticket(channel: Ticket["channel"], created: string, responseSeconds: number | null, more: Partial<Ticket> = {}): Ticket {
  const createdAt = new Date(created);
  return {
    id: `T${++seq}`,
    channel,
    createdAt,
    firstResponseAt: responseSeconds === null ? null : new Date(createdAt.getTime() + responseSeconds * 1000),
    resolvedAt: null,
    status: "open",
    rating: null,
    ...more,
  };
}

const OPTS: ComputeOptions = { thresholds: DEFAULT_THRESHOLDS, conversionBasis: "buyers-per-visitor", currency: "CNY", paidChannels: [] };

/** finish() + computeMetrics, returning a lookup by metric id. */
function report(a: KpiAccumulator, opts: Partial<ComputeOptions> = {}): (id: string) => MetricResult {
  a.finish();
  const results = computeMetrics(a.current, a.previous, { ...OPTS, ...opts });
  return (id) => {
    const r = results.find((m) => m.id === id);
    if (!r) throw new Error(`no metric ${id}; have ${results.map((m) => m.id).join(", ")}`);
    return r;
  };
}

/** Nearest-rank percentile, written here independently of src/. */
function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.ceil(p * sorted.length) - 1] as number;
}

// Which orders count and where they land: store-zone days, no test or cancelled orders.
describe("order bucketing", () => {
  it("routes orders by their day in the store's zone and leaves test and cancelled orders out", () => {
    const a = accumulator();
    a.addOrder(order({ at: "2026-11-18T00:10:00+08:00", customerId: "a" })); // current (16:10 UTC the day before)
    a.addOrder(order({ at: "2026-11-17T23:50:00+08:00", customerId: "b" })); // previous
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: "c", test: true }));
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: "d", status: "cancelled" }));
    a.addOrder(order({ at: "2026-11-20T11:00:00+08:00", customerId: "e", status: "pending" }));
    const m = report(a);
    expect(m("orders").value).toBe(2); // a and the pending order
    expect(m("orders").previous).toBe(1);
    expect(m("paying_customers").value).toBe(1); // pending is not paid
    expect(m("gmv").value).toBe(20000);
    expect(a.skippedTestOrders).toBe(1);
    expect(a.skippedCancelledOrders).toBe(1);
    expect(a.daily.get("2026-11-18")?.orders).toBe(1);
    expect(a.daily.has("2026-11-17")).toBe(false);
  });
});

// Missing inputs give null ("n/a") with a reason, never a misleading 0.
describe("n/a when inputs are missing", () => {
  it("no traffic: conversion, UV value and organic share are null with a reason", () => {
    const a = accumulator();
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: "a" }));
    const m = report(a);
    for (const id of ["conversion_rate", "uv_value", "organic_search_share", "visitors", "page_views", "sessions"]) {
      expect(m(id).value, id).toBeNull();
      expect(m(id).status, id).toBe("n/a");
      expect(noteOf(m(id)), id).toMatch(/no traffic/);
    }
    expect(m("orders").value).toBe(1);
  });

  it("traffic without a visitors column: visitors-based metrics are null, sessions-based conversion is not", () => {
    const build = () => {
      const a = accumulator();
      a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: "a" }));
      a.addTraffic({ date: "2026-11-20", source: "all", pageViews: 400, visitors: null, sessions: 50, adSpend: null });
      return a;
    };
    const m = report(build());
    expect(m("visitors").value).toBeNull();
    expect(noteOf(m("visitors"))).toMatch(/no visitor column/);
    expect(m("conversion_rate").value).toBeNull();
    expect(m("uv_value").value).toBeNull();
    expect(noteOf(m("organic_search_share"))).toMatch(/not broken down by source/);
    expect(m("sessions").value).toBe(50);
    expect(report(build(), { conversionBasis: "orders-per-session" })("conversion_rate").value).toBeCloseTo(1 / 50, 12);
  });

  it("a store that cannot provide returns has null return rates and refunds, not 0", () => {
    const a = accumulator();
    a.addOrder(
      order({ at: "2026-11-20T10:00:00+08:00", customerId: "a", lines: [{ sku: "A", quantity: 4, unitPrice: 5000, discount: 0 }] }),
    );
    const reason = "no returns file in the folder";
    const m = report(a, { unavailable: { returns: reason } });
    for (const id of ["return_rate_units", "return_rate_value", "refunds", "net_sales"]) {
      expect(m(id).value, id).toBeNull();
      expect(m(id).previous, id).toBeNull();
      expect(m(id).status, id).toBe("n/a");
      expect(noteOf(m(id)), id).toBe(reason);
    }
    // The same data from a store that has returns (just none in the period) is a real 0%.
    const b = accumulator();
    b.addOrder(
      order({ at: "2026-11-20T10:00:00+08:00", customerId: "a", lines: [{ sku: "A", quantity: 4, unitPrice: 5000, discount: 0 }] }),
    );
    const n = report(b);
    expect(n("return_rate_units").value).toBe(0);
    expect(n("return_rate_units").status).toBe("ok");
    expect(n("net_sales").value).toBe(20000);
  });

  it("zero orders: orders is 0, AOV and 客单价 are null", () => {
    const a = accumulator();
    a.addTraffic(traffic("2026-11-20", "organic_search", 100));
    const m = report(a);
    expect(m("orders").value).toBe(0);
    expect(m("gmv").value).toBe(0);
    expect(m("aov").value).toBeNull();
    expect(noteOf(m("aov"))).toMatch(/no orders/);
    expect(m("aov_per_customer").value).toBeNull();
    expect(m("conversion_rate").value).toBe(0);
    expect(m("return_rate_units").value).toBeNull();
  });

  it("mixed currencies: money metrics are null, counts still count", () => {
    const a = accumulator();
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: "a" }));
    a.addOrder(order({ at: "2026-11-21T10:00:00+08:00", customerId: "b", currency: "USD" }));
    const m = report(a);
    for (const id of ["gmv", "aov", "aov_per_customer", "net_sales", "refunds", "return_rate_value"]) {
      expect(m(id).value, id).toBeNull();
      expect(noteOf(m(id)), id).toMatch(/mixed currencies \(CNY, USD\)/);
    }
    expect(m("orders").value).toBe(2);
    expect(m("paying_customers").value).toBe(2);
    expect(m("return_rate_units").value).toBe(0);
  });

  it("a refund in another currency makes the period's money metrics null too", () => {
    const a = accumulator();
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: "a" }));
    a.addReturn(ret("2026-11-21T10:00:00+08:00", 1, 900, { currency: "HKD", refundedAt: new Date("2026-11-22T10:00:00+08:00") }));
    const m = report(a);
    expect(m("gmv").value).toBeNull();
    expect(noteOf(m("gmv"))).toMatch(/HKD/);
  });

  it("orders without customer ids: CAC is null with the reason, ROAS still computes", () => {
    const a = accumulator();
    a.addTraffic(traffic("2026-11-20", "paid_search", 100, { adSpend: 5000, currency: "CNY" }));
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", source: "paid_search" }));
    a.addOrder(order({ at: "2026-11-21T10:00:00+08:00", source: "paid_search" }));
    const m = report(a, { paidChannels: ["paid_search"] });
    for (const id of ["cac", "cac:paid_search"]) {
      expect(m(id).value, id).toBeNull();
      expect(noteOf(m(id)), id).toMatch(/customer id/);
    }
    expect(m("roas").value).toBe(20000 / 5000);
    expect(m("ad_spend").value).toBe(5000);
  });

  it("with customer ids, CAC is paid spend over new paid-channel customers", () => {
    const a = accumulator();
    a.addTraffic(traffic("2026-11-20", "paid_search", 100, { adSpend: 5000, currency: "CNY" }));
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", source: "paid_search", customerId: "x" }));
    a.addOrder(order({ at: "2026-11-21T10:00:00+08:00", source: "paid_search", customerId: "y" }));
    a.addOrder(order({ at: "2026-11-21T11:00:00+08:00", source: "organic_search", customerId: "z" }));
    const m = report(a, { paidChannels: ["paid_search"] });
    expect(m("cac").value).toBe(2500);
    expect(m("cac:paid_search").value).toBe(2500);
    expect(m("roas:paid_search").value).toBe(4);
  });
});

// Support metrics: nearest-rank chat percentiles, tickets judged only once due.
describe("support", () => {
  it("chat first response median and p90 are nearest-rank over answered chats", () => {
    const seconds = [12, 3, 45, 7, 30, 9, 61, 15, 22, 5, 18];
    const a = accumulator();
    seconds.forEach((s, i) => {
      a.addTicket(ticket("chat", `2026-11-2${i % 5}T10:00:00+08:00`, s));
    });
    a.addTicket(ticket("chat", "2026-11-20T11:00:00+08:00", null)); // unanswered: left out
    a.addTicket(ticket("chat", "2026-11-12T11:00:00+08:00", 999)); // previous period
    const m = report(a);
    expect(m("chat_first_response_median").value).toBe(nearestRank(seconds, 0.5));
    expect(m("chat_first_response_median").value).toBe(15);
    expect(m("chat_first_response_p90").value).toBe(nearestRank(seconds, 0.9));
    expect(m("chat_first_response_p90").value).toBe(45);
    expect(m("chat_first_response_p90").status).toBe("breach"); // target 30 s
    expect(m("chat_first_response_p90").previous).toBe(999);
    expect(a.unansweredChats).toBe(1);
  });

  it("percentile() is nearest-rank and null on nothing", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(percentile(ten, 0.5)).toBe(5);
    expect(percentile(ten, 0.9)).toBe(9);
    expect(percentile(ten, 1)).toBe(10);
    expect(percentile(ten, 0)).toBe(1);
  });

  it("tickets not yet due are left out; unanswered ones past the target count late", () => {
    const a = accumulator();
    a.addTicket(ticket("ticket", "2026-11-24T20:00:00+08:00", null)); // 13 h old at NOW: not yet due
    a.addTicket(ticket("ticket", "2026-11-20T10:00:00+08:00", null)); // overdue, unanswered: late
    a.addTicket(ticket("email", "2026-11-19T10:00:00+08:00", 2 * 3600)); // within
    a.addTicket(ticket("ticket", "2026-11-19T10:00:00+08:00", 24 * 3600)); // exactly the target: within
    a.addTicket(ticket("phone", "2026-11-19T10:00:00+08:00", 30 * 3600)); // answered late
    const m = report(a);
    expect(a.ticketsNotYetDue).toBe(1);
    expect(a.current.ticketsDue).toBe(4);
    expect(m("ticket_first_response_within_target").value).toBe(2 / 4);
    expect(m("ticket_first_response_within_target").status).toBe("breach");
  });

  it("a recent ticket already answered within the target counts as on time", () => {
    const a = accumulator();
    a.addTicket(ticket("ticket", "2026-11-24T20:00:00+08:00", 600));
    const m = report(a);
    expect(a.ticketsNotYetDue).toBe(0);
    expect(m("ticket_first_response_within_target").value).toBe(1);
  });

  it("resolution rate and CSAT over chats and tickets", () => {
    const a = accumulator();
    a.addTicket(ticket("chat", "2026-11-20T10:00:00+08:00", 5, { status: "resolved", rating: 5 }));
    a.addTicket(ticket("ticket", "2026-11-20T10:00:00+08:00", 60, { status: "closed", rating: 4 }));
    a.addTicket(ticket("ticket", "2026-11-20T10:00:00+08:00", 60, { status: "pending", rating: 2 }));
    a.addTicket(ticket("email", "2026-11-20T10:00:00+08:00", 60, { status: "open" }));
    const m = report(a);
    expect(m("resolution_rate").value).toBe(2 / 4);
    expect(m("csat").value).toBe(2 / 3);
  });

  it("no conversations at all: support metrics are null with reasons", () => {
    const m = report(accumulator());
    for (const id of [
      "chat_first_response_median",
      "chat_first_response_p90",
      "ticket_first_response_within_target",
      "resolution_rate",
      "csat",
    ]) {
      expect(m(id).value, id).toBeNull();
      expect(noteOf(m(id)), id).toBeTruthy();
    }
  });
});

// A day's "all" row is the de-duplicated total and beats the sum of its sources.
describe("traffic totals", () => {
  it("uses the 'all' row where a day has one, whatever the row order, and sums sources elsewhere", () => {
    const a = accumulator();
    // 2026-11-20: sources overlap (600 + 600 visitors), the back office's de-duplicated total is 1000.
    a.addTraffic({ date: "2026-11-20", source: "organic_search", pageViews: 3000, visitors: 600, sessions: 700, adSpend: null });
    a.addTraffic({
      date: "2026-11-20",
      source: "paid_search",
      pageViews: 3000,
      visitors: 600,
      sessions: 700,
      adSpend: 10000,
      currency: "CNY",
    });
    a.addTraffic({ date: "2026-11-20", source: "all", pageViews: 5000, visitors: 1000, sessions: 1200, adSpend: null });
    // 2026-11-21: no "all" row.
    a.addTraffic({ date: "2026-11-21", source: "organic_search", pageViews: 1000, visitors: 300, sessions: 350, adSpend: null });
    a.addTraffic({ date: "2026-11-21", source: "social", pageViews: 800, visitors: 200, sessions: 250, adSpend: null });
    for (const c of ["a", "b", "c"]) a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: c }));
    const m = report(a);
    expect(m("visitors").value).toBe(1000 + 500);
    expect(m("page_views").value).toBe(5000 + 1800);
    expect(m("sessions").value).toBe(1200 + 600);
    expect(m("organic_search_share").value).toBeCloseTo((700 + 350) / (700 + 700 + 350 + 250), 12);
    expect(m("conversion_rate").value).toBeCloseTo(3 / 1500, 12);
    expect(m("uv_value").value).toBeCloseTo(30000 / 1500, 12);
    expect(m("ad_spend").value).toBe(10000);
    expect(a.daily.get("2026-11-20")?.trafficTotals()?.visitors).toBe(1000);
  });
});

// A new customer is one whose first order ever (not cancelled, not a test) falls in the period.
describe("new customers", () => {
  it("counts a customer once, in the bucket of the first order ever, however orders arrive", () => {
    const a = accumulator();
    a.addOrder(order({ at: "2026-11-01T10:00:00+08:00", customerId: "a" })); // a: first order before both periods
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: "a" }));
    a.addOrder(order({ at: "2026-11-19T10:00:00+08:00", customerId: "b", source: "paid_search" })); // b: new, twice the same day
    a.addOrder(order({ at: "2026-11-19T12:00:00+08:00", customerId: "b", source: "paid_search" }));
    a.addOrder(order({ at: "2026-11-22T10:00:00+08:00", customerId: "b" }));
    a.addOrder(order({ at: "2026-11-21T10:00:00+08:00", customerId: "c" })); // c: its earlier order arrives later
    a.addOrder(order({ at: "2026-10-01T10:00:00+08:00", customerId: "c" }));
    a.addOrder(order({ at: "2026-11-12T10:00:00+08:00", customerId: "d" })); // d: new in the previous period
    a.addOrder(order({ at: "2026-11-23T10:00:00+08:00", customerId: "d" }));
    a.addOrder(order({ at: "2026-11-01T10:00:00+08:00", customerId: "e", status: "cancelled" })); // e: a cancelled order does not count
    a.addOrder(order({ at: "2026-11-24T10:00:00+08:00", customerId: "e", source: "organic_search" }));
    a.finish();
    expect(a.current.newCustomers).toBe(2); // b, e
    expect(a.previous.newCustomers).toBe(1); // d
    expect(a.current.newCustomersBySource.get("paid_search")).toBe(1);
    expect(a.current.newCustomersBySource.get("organic_search")).toBe(1);
    expect(a.daily.get("2026-11-19")?.newCustomers).toBe(1);
    expect(a.daily.get("2026-11-21")?.newCustomers ?? 0).toBe(0);
    expect(a.daily.get("2026-11-24")?.newCustomers).toBe(1);
  });
});

// Thresholds are judged inclusively at a fixed precision: the boundary is ok, float noise never breaches.
describe("threshold judging", () => {
  function returnsScenario(sold: number, returned: number): (id: string) => MetricResult {
    const a = accumulator();
    a.addOrder(
      order({ at: "2026-11-20T10:00:00+08:00", customerId: "a", lines: [{ sku: "A", quantity: sold, unitPrice: 1000, discount: 0 }] }),
    );
    a.addReturn(ret("2026-11-21T10:00:00+08:00", returned, returned * 1000));
    return report(a);
  }

  it("exactly 15% returned is ok; 16% is a breach", () => {
    const ok = returnsScenario(20, 3);
    expect(ok("return_rate_units").value).toBe(0.15);
    expect(ok("return_rate_units").status).toBe("ok");
    expect(ok("return_rate_value").status).toBe("ok");
    const bad = returnsScenario(25, 4);
    expect(bad("return_rate_units").status).toBe("breach");
    expect(bad("return_rate_units").threshold).toEqual({ op: "<=", value: 0.15, key: "returnRateMax" });
  });

  it("a threshold carrying float noise (0.1 * 7) does not turn an exact 70% into a breach", () => {
    const a = accumulator();
    for (let i = 0; i < 10; i++) a.addTicket(ticket("chat", "2026-11-20T10:00:00+08:00", 5, { rating: i < 7 ? 5 : 1, status: "resolved" }));
    const csatMin = 0.1 * 7;
    expect(csatMin).not.toBe(0.7); // 0.7000000000000001
    const m = report(a, { thresholds: { ...DEFAULT_THRESHOLDS, csatMin } });
    expect(m("csat").value).toBe(0.7);
    expect(m("csat").status).toBe("ok");
  });

  it("conversion at exactly the 3% minimum is ok, just under is a breach; metrics without a threshold are info", () => {
    const make = (buyers: number) => {
      const a = accumulator();
      a.addTraffic(traffic("2026-11-20", "all", 100));
      for (let i = 0; i < buyers; i++) a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: `c${i}` }));
      return report(a);
    };
    expect(make(3)("conversion_rate").status).toBe("ok");
    expect(make(2)("conversion_rate").status).toBe("breach");
    expect(make(3)("gmv").status).toBe("info");
  });

  it("change against the previous period is relative, and null when the previous value is 0", () => {
    const a = accumulator();
    a.addOrder(order({ at: "2026-11-12T10:00:00+08:00", customerId: "a" }));
    a.addOrder(order({ at: "2026-11-20T10:00:00+08:00", customerId: "a" }));
    a.addOrder(order({ at: "2026-11-21T10:00:00+08:00", customerId: "b" }));
    const m = report(a);
    expect(m("orders").change).toBe(1);
    expect(m("return_rate_units").previous).toBe(0);
    expect(m("return_rate_units").change).toBeNull();
  });
});
