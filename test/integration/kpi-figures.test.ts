/**
 * The KPI figures of the demo store, checked against an independent computation written here
 * from the raw fixture CSVs (not against numbers copied from merchops' output).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { cents, readDemo } from "../helpers/demo-data.js";

interface Row {
  id: string;
  value: number | null;
  previous: number | null;
  status: string;
  threshold: { op: string; value: number } | null;
}

const FROM = Date.parse("2026-11-18T00:00:00+08:00");
const TO = Date.parse("2026-11-25T00:00:00+08:00");
const NOW = Date.parse("2026-11-25T09:00:00+08:00");
const inPeriod = (iso: string | undefined) => !!iso && Date.parse(iso) >= FROM && Date.parse(iso) < TO;
const dayIn = (d: string | undefined) => !!d && d >= "2026-11-18" && d <= "2026-11-24";
const t = (s: string | undefined) => Date.parse(s ?? "");

function expected() {
  const orders = readDemo("orders").filter((o) => o.status !== "cancelled" && o.test !== "true");
  const counted = orders.filter((o) => inPeriod(o.placed_at));
  const countedIds = new Set(counted.map((o) => o.order_id ?? ""));
  const gmv = counted.reduce((s, o) => s + cents(o.total), 0);
  const merchandise = counted.reduce((s, o) => s + cents(o.subtotal) - cents(o.discount), 0);
  const paying = new Set(counted.filter((o) => ["paid", "fulfilled", "refunded"].includes(o.status ?? "")).map((o) => o.customer_id));
  const paidGmv = counted.filter((o) => ["paid", "fulfilled", "refunded"].includes(o.status ?? "")).reduce((s, o) => s + cents(o.total), 0);
  const units = readDemo("order_lines")
    .filter((l) => countedIds.has(l.order_id ?? ""))
    .reduce((s, l) => s + Number(l.quantity), 0);

  const returns = readDemo("returns");
  const requested = returns.filter((r) => inPeriod(r.requested_at));
  const returnedUnits = requested.reduce((s, r) => s + Number(r.quantity), 0);
  const returnedValue = requested.reduce((s, r) => s + cents(r.refund_amount), 0);
  const refunds = returns.filter((r) => inPeriod(r.refunded_at)).reduce((s, r) => s + cents(r.refund_amount), 0);

  const traffic = readDemo("traffic").filter((x) => dayIn(x.date));
  const visitors = traffic.reduce((s, x) => s + Number(x.visitors), 0);
  const sessions = traffic.reduce((s, x) => s + Number(x.sessions), 0);
  const organic = traffic.filter((x) => x.source === "organic_search").reduce((s, x) => s + Number(x.sessions), 0);
  const spendOf = (src: string) => traffic.filter((x) => x.source === src).reduce((s, x) => s + cents(x.ad_spend), 0);
  const revenueOf = (src: string) => counted.filter((o) => o.source === src).reduce((s, o) => s + cents(o.total), 0);

  // New customers: first order ever (not cancelled or test) falls in the period, by its source.
  const first = new Map<string, { at: number; source: string }>();
  for (const o of orders) {
    const at = t(o.placed_at);
    if (at >= TO) continue;
    const f = first.get(o.customer_id ?? "");
    if (!f || at < f.at) first.set(o.customer_id ?? "", { at, source: o.source ?? "" });
  }
  const newFrom = (src: string) => [...first.values()].filter((f) => f.at >= FROM && f.at < TO && f.source === src).length;

  const tickets = readDemo("tickets").filter((t) => inPeriod(t.created_at));
  const chatSeconds = tickets
    .filter((x) => x.channel === "chat" && x.first_response_at)
    .map((x) => (t(x.first_response_at) - t(x.created_at)) / 1000)
    .sort((a, b) => a - b);
  const nearestRank = (p: number) => chatSeconds[Math.ceil(p * chatSeconds.length) - 1];
  const nonChat = tickets.filter((x) => x.channel !== "chat");
  const due = nonChat.filter((x) => x.first_response_at || NOW - t(x.created_at) > 24 * 3600 * 1000);
  const within = due.filter((x) => x.first_response_at && t(x.first_response_at) - t(x.created_at) <= 24 * 3600 * 1000);
  const rated = tickets.filter((x) => x.rating);
  const resolved = tickets.filter((x) => x.status === "resolved" || x.status === "closed");

  return {
    orders: counted.length,
    gmv,
    paying_customers: paying.size,
    visitors,
    sessions,
    // Daily UV cannot be de-duplicated across days, so buyers are counted per day too.
    conversion_rate:
      new Set(
        counted
          .filter((o) => ["paid", "fulfilled", "refunded"].includes(o.status ?? ""))
          .map((o) => `${new Date(t(o.placed_at) + 8 * 3600_000).toISOString().slice(0, 10)}|${o.customer_id}`),
      ).size / visitors,
    aov: gmv / counted.length,
    aov_per_customer: paidGmv / paying.size,
    uv_value: gmv / visitors,
    refunds,
    net_sales: gmv - refunds,
    return_rate_units: returnedUnits / units,
    return_rate_value: returnedValue / merchandise,
    organic_search_share: organic / sessions,
    ad_spend: spendOf("paid_search") + spendOf("social"),
    "roas:social": revenueOf("social") / spendOf("social"),
    "roas:paid_search": revenueOf("paid_search") / spendOf("paid_search"),
    roas: (revenueOf("social") + revenueOf("paid_search")) / (spendOf("social") + spendOf("paid_search")),
    "cac:paid_search": spendOf("paid_search") / newFrom("paid_search"),
    "cac:social": spendOf("social") / newFrom("social"),
    chat_first_response_median: nearestRank(0.5),
    chat_first_response_p90: nearestRank(0.9),
    ticket_first_response_within_target: within.length / due.length,
    resolution_rate: resolved.length / tickets.length,
    csat: rated.filter((x) => Number(x.rating) >= 4).length / rated.length,
  } as Record<string, number>;
}

describe("kpi report figures on the demo store (last 7 days)", () => {
  const tmp = tempDir();
  let rows: Map<string, Row>;

  beforeAll(async () => {
    const r = await runCli(["kpi", "report", "--period", "last-7-days", "--json"], { cwd: tmp.dir });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout) as { rows: Row[]; period: { first: string; last: string } };
    expect(json.period).toMatchObject({ first: "2026-11-18", last: "2026-11-24" });
    rows = new Map(json.rows.map((x) => [x.id, x]));
  });
  afterAll(() => tmp.cleanup());

  // Money leaves merchops as integer minor units: averages (AOV, UV value, CAC) are rounded.
  const MONEY_AVERAGES = new Set(["aov", "aov_per_customer", "uv_value", "cac:paid_search", "cac:social"]);
  const exp = Object.fromEntries(Object.entries(expected()).map(([id, v]) => [id, MONEY_AVERAGES.has(id) ? Math.round(v) : v]));
  for (const [id, value] of Object.entries(exp)) {
    it(`${id} = independent computation`, () => {
      const row = rows.get(id);
      expect(row, `row ${id}`).toBeDefined();
      expect(row?.value).not.toBeNull();
      expect(row?.value as number).toBeCloseTo(value, 9);
    });
  }

  it("judges each threshold from the value, in the stated direction", () => {
    for (const row of rows.values()) {
      if (row.value === null) expect(row.status).toBe("n/a");
      else if (!row.threshold) expect(row.status).toBe("info");
      else {
        const ok = row.threshold.op === ">=" ? row.value >= row.threshold.value : row.value <= row.threshold.value;
        expect(row.status, row.id).toBe(ok ? "ok" : "breach");
      }
    }
  });

  it("finds the planted breaches: social ROAS, chat p90, CSAT", () => {
    expect(rows.get("roas:social")?.status).toBe("breach");
    expect(rows.get("chat_first_response_p90")?.status).toBe("breach");
    expect(rows.get("csat")?.status).toBe("breach");
  });
});
