/**
 * Turns accumulated buckets into metric values. A metric whose inputs are missing is null ("n/a")
 * with a reason, never 0: a store without a traffic export has no conversion rate, not 0%.
 */
import { type Message, msg } from "../i18n/index.js";
import type { Bucket } from "./accumulator.js";
import {
  type ConversionBasis,
  channelDefinitions,
  type MetricDefinition,
  metricDefinitions,
  type ThresholdRule,
  type Thresholds,
} from "./definitions.js";

export type MetricStatus = "ok" | "breach" | "n/a" | "info";

export interface MetricValue {
  value: number | null;
  /** Why the value is null. */
  missing?: Message | string;
  /** What a reader must know about a value that is there (part of its input was missing). */
  note?: Message | string;
}

export interface MetricResult {
  id: string;
  label: string;
  labelZh: string;
  unit: MetricDefinition["unit"];
  group: MetricDefinition["group"];
  value: number | null;
  previous: number | null;
  /** Relative change (value − previous) / |previous|; null when either side is missing or previous is 0. */
  change: number | null;
  threshold: ThresholdRule | null;
  /** ok / breach against the threshold; n/a when the value is missing; info when no threshold applies. */
  status: MetricStatus;
  /** Why the value is n/a: a catalog message, rendered in the report's language. */
  note?: Message | string;
  formula: string;
  basis: string;
}

export interface ComputeOptions {
  thresholds: Thresholds;
  conversionBasis: ConversionBasis;
  currency: string;
  /** Sources whose ad spend makes them paid channels (union over both periods). */
  paidChannels: string[];
  /** Datasets the store cannot provide at all, with the reason: their metrics are n/a. */
  unavailable?: Partial<Record<"traffic" | "returns" | "support" | "logistics", Message | string>>;
  /** Single metrics whose inputs the source lacks (a column missing from an export), with why. */
  unavailableMetrics?: Record<string, Message | string>;
}

const DATASET_OF: Record<string, "traffic" | "returns" | "support" | "logistics" | undefined> = {
  on_time_delivery_rate: "logistics",
  page_views: "traffic",
  visitors: "traffic",
  sessions: "traffic",
  organic_search_share: "traffic",
  conversion_rate: "traffic",
  uv_value: "traffic",
  ad_spend: "traffic",
  roas: "traffic",
  cac: "traffic",
  refunds: "returns",
  net_sales: "returns",
  return_rate_units: "returns",
  return_rate_value: "returns",
  chat_first_response_median: "support",
  chat_first_response_p90: "support",
  ticket_first_response_within_target: "support",
  resolution_rate: "support",
  csat: "support",
};

/** Which metrics a missing source field takes away. */
export const METRICS_OF_FIELD: Record<string, string[]> = {
  "orders.total": ["gmv", "net_sales", "aov", "aov_per_customer", "uv_value", "roas", "return_rate_value"],
  "orders.customer_id": ["paying_customers", "aov_per_customer", "cac"],
  "orders.refunded_at": ["refunds", "net_sales"],
  // An orders export that carries no refund at all (no refunded amount, no status): refunds and
  // return rates are unknown, not 0.
  "orders.refunded_amount": ["refunds", "net_sales", "return_rate_units", "return_rate_value"],
  "returns.refunded_at": ["refunds", "net_sales"],
  "tickets.first_response_at": ["chat_first_response_median", "chat_first_response_p90", "ticket_first_response_within_target"],
  "tickets.status": ["resolution_rate"],
  "tickets.rating": ["csat"],
};

function unavailableReason(id: string, opts: ComputeOptions): Message | string | undefined {
  const ds = DATASET_OF[id] ?? DATASET_OF[id.split(":")[0] as string];
  return ds ? opts.unavailable?.[ds] : undefined;
}

const ratio = (num: number, den: number, missing: Message): MetricValue => (den > 0 ? { value: num / den } : { value: null, missing });

/** Nearest-rank percentile (p in 0..1) of unsorted values. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

/**
 * Distinct paying customers. A paid order without a customer key (a Shopify draft order with no
 * e-mail, a guest without an id) is one payer of its own: left out, the count would be too low;
 * counted, it may be too high when one person placed several. The note says how many.
 */
function payingCustomers(b: Bucket): MetricValue {
  const anonymous = b.payingCustomers.anonymousCount;
  const value = b.payingCustomers.size;
  if (anonymous === 0) return { value };
  return { value, note: `${anonymous} paid order(s) have no customer key (e-mail or customer id): each counted as one customer` };
}

/** The values of every metric for one bucket. */
export function metricValues(b: Bucket, opts: ComputeOptions): Map<string, MetricValue> {
  const v = new Map<string, MetricValue>();
  const traffic = b.trafficTotals();
  const noTraffic = msg("kpi.missing.no_traffic");
  const foreign = [...b.currencies].filter((c) => c !== opts.currency);
  const moneyMissing =
    foreign.length > 0 ? msg("kpi.missing.mixed_currencies", { currencies: [opts.currency, ...foreign].join(", ") }) : undefined;
  const money = (value: MetricValue): MetricValue => (moneyMissing ? { value: null, missing: moneyMissing } : value);
  const adForeign = [...b.adCurrencies].filter((c) => c !== opts.currency);
  const adMissing =
    adForeign.length > 0 ? msg("kpi.missing.ad_currency", { ad: adForeign.join(", "), currency: opts.currency }) : undefined;

  const field = (has: boolean | undefined, value: number, what: string): MetricValue =>
    traffic && has ? { value } : { value: null, missing: traffic ? msg("kpi.missing.no_column", { what }) : noTraffic };
  v.set("page_views", field(traffic?.hasPageViews, traffic?.pageViews ?? 0, "pv"));
  v.set("visitors", field(traffic?.hasVisitors, traffic?.visitors ?? 0, "visitor"));
  v.set("sessions", field(traffic?.hasSessions, traffic?.sessions ?? 0, "session"));

  const organic = b.bySource.get("organic_search");
  if (!traffic || b.bySource.size === 0) {
    v.set("organic_search_share", { value: null, missing: traffic ? msg("kpi.missing.no_sources") : noTraffic });
  } else {
    const useSessions = [...b.bySource.values()].some((s) => s.hasSessions);
    let total = 0;
    for (const s of b.bySource.values()) total += useSessions ? s.sessions : s.visitors;
    const org = organic ? (useSessions ? organic.sessions : organic.visitors) : 0;
    v.set("organic_search_share", ratio(org, total, msg("kpi.missing.no_visits")));
  }

  v.set("orders", { value: b.orders });
  v.set("paying_customers", payingCustomers(b));

  const visitors = v.get("visitors")?.value ?? null;
  const sessions = v.get("sessions")?.value ?? null;
  let conversion: MetricValue;
  switch (opts.conversionBasis) {
    case "buyers-per-visitor":
      conversion =
        visitors === null
          ? { value: null, missing: v.get("visitors")?.missing ?? noTraffic }
          : ratio(b.payerDays(), visitors, msg("kpi.missing.no_visitors"));
      break;
    case "orders-per-visitor":
      conversion =
        visitors === null
          ? { value: null, missing: v.get("visitors")?.missing ?? noTraffic }
          : ratio(b.orders, visitors, msg("kpi.missing.no_visitors"));
      break;
    case "orders-per-session":
      conversion =
        sessions === null
          ? { value: null, missing: v.get("sessions")?.missing ?? noTraffic }
          : ratio(b.orders, sessions, msg("kpi.missing.no_sessions"));
      break;
  }
  v.set("conversion_rate", conversion);

  v.set("gmv", money({ value: b.gmv }));
  v.set("refunds", money({ value: b.refunds }));
  v.set("net_sales", money({ value: b.gmv - b.refunds }));
  v.set("aov", money(ratio(b.gmv, b.orders, msg("kpi.missing.no_orders"))));
  v.set("aov_per_customer", money(ratio(b.paidGmv, b.payingCustomers.size, msg("kpi.missing.no_paying"))));
  v.set(
    "uv_value",
    money(
      visitors === null
        ? { value: null, missing: v.get("visitors")?.missing ?? noTraffic }
        : ratio(b.gmv, visitors, msg("kpi.missing.no_visitors")),
    ),
  );
  v.set("return_rate_units", ratio(b.returnedUnits, b.units, msg("kpi.missing.no_units")));
  v.set("return_rate_value", money(ratio(b.returnedValue, b.merchandise, msg("kpi.missing.no_sales"))));

  // Marketing: paid channels are the sources with ad spend in either period.
  let spend = 0;
  let hasSpend = false;
  for (const s of b.bySource.values()) {
    if (s.hasAdSpend) {
      spend += s.adSpend;
      hasSpend = true;
    }
  }
  const noSpend = traffic ? msg("kpi.missing.no_ad_spend_column") : noTraffic;
  v.set("ad_spend", adMissing ? { value: null, missing: adMissing } : hasSpend ? { value: spend } : { value: null, missing: noSpend });
  const attribution = b.orders > 0 && b.ordersWithSource === 0 ? msg("kpi.missing.no_attribution") : undefined;
  const noCustomerIds = b.orders > 0 && b.ordersWithCustomer === 0 ? msg("kpi.missing.no_customer_ids") : undefined;
  let paidRevenue = 0;
  let paidNew = 0;
  for (const ch of opts.paidChannels) {
    const s = b.bySource.get(ch);
    const chSpend = s?.hasAdSpend ? s.adSpend : 0;
    const revenue = b.revenueBySource.get(ch) ?? 0;
    const newCustomers = b.newCustomersBySource.get(ch) ?? 0;
    paidRevenue += revenue;
    paidNew += newCustomers;
    const roas: MetricValue = adMissing
      ? { value: null, missing: adMissing }
      : moneyMissing
        ? { value: null, missing: moneyMissing }
        : attribution
          ? { value: null, missing: attribution }
          : ratio(revenue, chSpend, msg("kpi.missing.no_spend_on", { channel: ch }));
    v.set(`roas:${ch}`, roas);
    v.set(
      `cac:${ch}`,
      adMissing
        ? { value: null, missing: adMissing }
        : attribution
          ? { value: null, missing: attribution }
          : noCustomerIds
            ? { value: null, missing: noCustomerIds }
            : chSpend === 0
              ? { value: null, missing: msg("kpi.missing.no_spend_on", { channel: ch }) }
              : ratio(chSpend, newCustomers, msg("kpi.missing.no_new_from", { channel: ch })),
    );
  }
  const blendedMissing = adMissing ?? moneyMissing ?? attribution ?? (hasSpend ? undefined : noSpend);
  v.set("roas", blendedMissing ? { value: null, missing: blendedMissing } : ratio(paidRevenue, spend, msg("kpi.missing.no_spend")));
  v.set(
    "cac",
    blendedMissing
      ? { value: null, missing: blendedMissing }
      : noCustomerIds
        ? { value: null, missing: noCustomerIds }
        : ratio(spend, paidNew, msg("kpi.missing.no_new_paid")),
  );

  // Support.
  v.set("chat_first_response_median", { value: percentile(b.chatResponseSeconds, 0.5), missing: msg("kpi.missing.no_chats") });
  v.set("chat_first_response_p90", { value: percentile(b.chatResponseSeconds, 0.9), missing: msg("kpi.missing.no_chats") });
  v.set("ticket_first_response_within_target", ratio(b.ticketsWithinTarget, b.ticketsDue, msg("kpi.missing.no_tickets_due")));
  v.set("resolution_rate", ratio(b.resolved, b.conversations, msg("kpi.missing.no_conversations")));
  v.set("csat", ratio(b.satisfied, b.ratings, msg("kpi.missing.no_ratings")));
  v.set("on_time_delivery_rate", ratio(b.deliveriesOnTime, b.deliveriesJudged, msg("kpi.missing.no_deliveries")));
  return v;
}

function judge(value: number | null, rule: ThresholdRule | null): MetricStatus {
  if (value === null) return "n/a";
  if (!rule) return "info";
  // Compare at a fixed precision so 0.15 computed as 0.15000000000000002 is not a breach.
  const a = Math.round(value * 1e9);
  const b = Math.round(rule.value * 1e9);
  return (rule.op === ">=" ? a >= b : a <= b) ? "ok" : "breach";
}

/** Every metric of the report, current against previous. */
export function computeMetrics(current: Bucket, previous: Bucket | null, opts: ComputeOptions): MetricResult[] {
  const defs = [...metricDefinitions(opts.conversionBasis)];
  // Per-channel rows go right after the blended ROAS/CAC rows.
  const at = defs.findIndex((d) => d.id === "cac") + 1;
  defs.splice(at, 0, ...opts.paidChannels.flatMap(channelDefinitions));
  const cur = metricValues(current, opts);
  const prev = previous ? metricValues(previous, opts) : null;
  return defs.map((d) => {
    const absent = opts.unavailableMetrics?.[d.id] ?? unavailableReason(d.id, opts);
    const c = absent ? { value: null, missing: absent } : (cur.get(d.id) ?? { value: null, missing: msg("kpi.missing.not_computed") });
    const p = absent ? undefined : prev?.get(d.id);
    // Money is integer minor units everywhere it leaves the core, averages included.
    const round = (x: number | null) => (x !== null && d.unit === "money" ? Math.round(x) : x);
    const value = round(c.value);
    const previousValue = round(p?.value ?? null);
    const threshold = d.threshold ? d.threshold(opts.thresholds) : null;
    const change =
      value !== null && previousValue !== null && previousValue !== 0 ? (value - previousValue) / Math.abs(previousValue) : null;
    const result: MetricResult = {
      id: d.id,
      label: d.label,
      labelZh: d.labelZh,
      unit: d.unit,
      group: d.group,
      value,
      previous: previousValue,
      change,
      threshold,
      status: judge(value, threshold),
      formula: d.formula,
      basis: d.basis,
    };
    if (value === null && c.missing) result.note = c.missing;
    else if (value !== null && c.note) result.note = c.note;
    return result;
  });
}
