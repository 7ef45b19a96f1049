/**
 * The morning digest's findings: what needs attention today, one per subject, each with a stable
 * key so the digest can tell a new finding from one it already reported. Built from the results
 * the report services already computed (KPI metrics, returns flags, SLA breaches, price indexes,
 * sync runs): no figure is computed here a second way.
 */
import type { Message } from "../i18n/index.js";
import type { MetricResult } from "../kpi/compute.js";
import type { PriceIndex } from "../pricing/snapshot.js";
import type { Flag } from "../returns/audit.js";
import type { SlaBreach } from "../shipments/sla.js";

export const DIGEST_SECTIONS = ["kpi", "returns", "shipments", "prices", "sync"] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

interface FindingBase {
  /** Stable identity: section, subject and, where a finding recurs, its period or snapshot. */
  key: string;
  store: string;
  /** True when no earlier digest reported this key. */
  isNew: boolean;
}

export interface KpiFinding extends FindingBase {
  section: "kpi";
  metric: string;
  label: string;
  labelZh: string;
  unit: MetricResult["unit"];
  value: number | null;
  threshold: { op: ">=" | "<="; value: number };
  previous: number | null;
  change: number | null;
  period: { first: string; last: string };
}

export interface ReturnsFinding extends FindingBase {
  section: "returns";
  kind: Flag["kind"];
  dimension: string;
  subject: string;
  message: string;
  advice: string;
  /** The flag as a catalog message, and its advice: the digest renders them in the run's language. */
  text?: Message;
  adviceText?: Message;
  /** The flag's headline rate (returned units / units sold), when it has one. */
  rate: number | null;
}

export interface ShipmentFinding extends FindingBase {
  section: "shipments";
  trackingNumber: string;
  orderId: string;
  courier: string;
  status: string;
  rule: SlaBreach["rule"];
  /** The figure and the rule's limit, in the rule's unit (hours; days for delivery). */
  actual?: number;
  limit?: number;
  message: string;
}

export interface PriceFinding extends FindingBase {
  section: "prices";
  query: string;
  product: string;
  kind: "new_cheapest" | "rank_worse";
  /** new_cheapest: the competitor now cheapest, and its price in minor units. */
  competitor?: string;
  price?: number | null;
  currency: string;
  rankBefore?: number | null;
  rankAfter?: number | null;
  takenAt: string;
}

export interface SyncFinding extends FindingBase {
  section: "sync";
  kind: "stale" | "failed" | "never";
  lastSuccessAt: string | null;
  ageHours: number | null;
  maxAgeHours: number;
  error?: string;
}

export type Finding = KpiFinding | ReturnsFinding | ShipmentFinding | PriceFinding | SyncFinding;

export function kpiFindings(store: string, period: { first: string; last: string }, breaches: readonly MetricResult[]): KpiFinding[] {
  return breaches
    .filter((m) => m.status === "breach" && m.threshold)
    .map((m) => ({
      section: "kpi",
      // A breach recurs daily: yesterday's ROAS and today's are two findings.
      key: `kpi:${m.id}:${period.first}..${period.last}`,
      store,
      isNew: true,
      metric: m.id,
      label: m.label,
      labelZh: m.labelZh,
      unit: m.unit,
      value: m.value,
      threshold: { op: m.threshold?.op ?? ">=", value: m.threshold?.value ?? 0 },
      previous: m.previous,
      change: m.change,
      period: { first: period.first, last: period.last },
    }));
}

export function returnsFindings(store: string, flags: readonly Flag[]): ReturnsFinding[] {
  return flags.map((f) => ({
    section: "returns",
    // The same SKU above the threshold tomorrow is the same finding, not a new one.
    key: `returns:${f.kind}:${f.dimension}:${f.key}`,
    store,
    isNew: true,
    kind: f.kind,
    dimension: f.dimension,
    subject: f.label,
    message: f.message,
    advice: f.advice,
    text: f.text,
    adviceText: f.adviceText,
    rate: typeof f.figures.rate === "number" ? f.figures.rate : null,
  }));
}

export interface DelayedParcel {
  trackingNumber: string;
  orderId: string;
  courier: string;
  status: string;
  breaches: readonly SlaBreach[];
}

export function shipmentFindings(store: string, delayed: readonly DelayedParcel[]): ShipmentFinding[] {
  const out: ShipmentFinding[] = [];
  for (const d of delayed) {
    for (const b of d.breaches) {
      out.push({
        section: "shipments",
        // A parcel becomes late once per rule: stuck after a late first scan is news again.
        key: `shipments:${d.trackingNumber}:${b.rule}`,
        store,
        isNew: true,
        trackingNumber: d.trackingNumber,
        orderId: d.orderId,
        courier: d.courier,
        status: d.status,
        rule: b.rule,
        actual: b.actual,
        limit: b.limit,
        message: b.message,
      });
    }
  }
  return out;
}

export interface PricedQuery {
  query: string;
  /** Our matched product; queries without one are not ours to compare. */
  product: string | null;
  currency: string;
  latest: { id: number; takenAt: string };
  /** The index at the snapshot changes are measured against; null on the first snapshot. */
  baselineIndex: PriceIndex | null;
  index: PriceIndex;
  cheapestPrice: number | null;
}

export function priceFindings(store: string, queries: readonly PricedQuery[]): PriceFinding[] {
  const out: PriceFinding[] = [];
  for (const q of queries) {
    if (!q.product || !q.baselineIndex) continue;
    const before = q.baselineIndex;
    const now = q.index;
    const base = { store, isNew: true, query: q.query, product: q.product, currency: q.currency, takenAt: q.latest.takenAt } as const;
    const cheapestNow = now.cheapest ? `${now.cheapest.competitor}\u0000${now.cheapest.title}` : null;
    const cheapestBefore = before.cheapest ? `${before.cheapest.competitor}\u0000${before.cheapest.title}` : null;
    if (now.cheapest && cheapestNow !== cheapestBefore) {
      out.push({
        ...base,
        section: "prices",
        kind: "new_cheapest",
        key: `prices:${q.query}:new_cheapest:${q.latest.id}`,
        competitor: now.cheapest.competitor,
        price: q.cheapestPrice,
      });
    }
    if (now.ourRank !== null && before.ourRank !== null && now.ourRank > before.ourRank) {
      out.push({
        ...base,
        section: "prices",
        kind: "rank_worse",
        key: `prices:${q.query}:rank_worse:${q.latest.id}`,
        rankBefore: before.ourRank,
        rankAfter: now.ourRank,
      });
    }
  }
  return out;
}

/**
 * A remote store's orders sync: stale when the last success is older than `maxAgeHours`, failed
 * when the last attempt after it failed, never when it never succeeded.
 */
export function syncFinding(
  store: string,
  run: { lastSuccessAt: Date | null; lastFailureAt: Date | null; lastError: string | null } | null,
  now: Date,
  maxAgeHours: number,
): SyncFinding | null {
  const success = run?.lastSuccessAt ?? null;
  const ageHours = success ? Math.round(((now.getTime() - success.getTime()) / 3_600_000) * 10) / 10 : null;
  const base = { section: "sync" as const, store, isNew: true, lastSuccessAt: success?.toISOString() ?? null, ageHours, maxAgeHours };
  const failedSince = run?.lastFailureAt && (!success || run.lastFailureAt > success);
  if (!success) {
    return {
      ...base,
      kind: failedSince ? "failed" : "never",
      key: `sync:orders:never`,
      ...(run?.lastError ? { error: run.lastError } : {}),
    };
  }
  if (ageHours !== null && ageHours > maxAgeHours) {
    // One finding per stale stretch: it is new again only after a success moved the mark.
    return {
      ...base,
      kind: failedSince ? "failed" : "stale",
      key: `sync:orders:stale-since:${success.toISOString()}`,
      ...(failedSince && run?.lastError ? { error: run.lastError } : {}),
    };
  }
  return null;
}

export function sortFindings<T extends Finding>(findings: T[]): T[] {
  const order = new Map(DIGEST_SECTIONS.map((s, i) => [s, i]));
  return [...findings].sort(
    (a, b) => Number(b.isNew) - Number(a.isNew) || (order.get(a.section) ?? 0) - (order.get(b.section) ?? 0) || a.key.localeCompare(b.key),
  );
}
