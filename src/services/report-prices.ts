/**
 * `merchops prices report`: for each query with snapshots, our matched product (config mapping,
 * SKU, or title similarity with a confidence) against the in-stock competitor offers of the latest
 * snapshot — price index vs median and vs min, our rank, offers — the changes since the previous
 * snapshot (or since --since), and the price history for a chart.
 */

import { presentSkus } from "../core/catalog/identity.js";
import { UsageError } from "../core/errors.js";
import { english, type Message, msg } from "../core/i18n/index.js";
import { matchOurProduct, type OurProduct, type ProductMatch } from "../core/pricing/match.js";
import type { Promotion } from "../core/pricing/promotion.js";
import {
  bestSeller,
  buyerPrice,
  changesSinceLastGood,
  median,
  type PriceChange,
  type PriceIndex,
  priceIndex,
  type SnapshotEntry,
} from "../core/pricing/snapshot.js";
import { isValidDay, startOfDay } from "../core/time.js";
import type { StateStore } from "../store/state-store.js";
import type { RunContext } from "./context.js";
import { pricesSettings, type SourceFailure } from "./snapshot-prices.js";

export interface ReportPricesOptions {
  store?: string;
  query?: string;
  /** YYYY-MM-DD (in the store's time zone) or an ISO instant: history from then; changes against the first snapshot since. */
  since?: string;
}

export interface StoredSnapshot {
  id: number;
  query: string;
  takenAt: Date;
  top: number;
  sources: string[];
  failures: SourceFailure[];
  /** How each source searched ("rival: Shopify predictive search"), as the snapshot noted. */
  notes: string[];
  entries: SnapshotEntry[];
}

export interface QueryReport {
  query: string;
  snapshots: number;
  latest: { id: number; takenAt: string; failedSources: string[] };
  /** The latest snapshot changes were measured against (each source against its last good one). */
  baseline: { id: number; takenAt: string } | null;
  ours: {
    handle: string;
    title: string;
    price: number | null;
    currency: string;
    by: ProductMatch["by"];
    confidence: number;
  } | null;
  /** Why there is no match: the best candidate and its confidence, or the mapping that named nothing. */
  noMatch?: string;
  /** Index on the price a buyer pays (after coupon where a source states one). */
  index: PriceIndex;
  /** The best seller of the latest TOP N: the highest sales volume shown; null when no source shows sales. */
  bestSeller: SnapshotEntry | null;
  /** How sources searched in the latest snapshot. */
  notes: string[];
  /** The index at the baseline snapshot (same product, same rules): what the digest compares rank and cheapest with. */
  baselineIndex: PriceIndex | null;
  changes: PriceChange[];
  entries: SnapshotEntry[];
  history: { takenAt: string; offers: number; min: number | null; median: number | null; currency: string }[];
}

export interface PricesReport {
  schemaVersion: 1;
  generatedAt: string;
  store: { name: string; platform: string; currency: string };
  /** The store's time zone: days and instants are read and shown in it. */
  timezone: string;
  since: string | null;
  queries: QueryReport[];
  warnings: (Message | string)[];
}

interface EntryRow {
  snapshot_id: number;
  rank: number;
  source: string;
  competitor: string | null;
  title: string;
  url: string;
  price: number | null;
  price_max: number | null;
  compare_at: number | null;
  currency: string;
  in_stock: number;
  promotion: string | null;
  promotion_parsed: string | null;
  coupon_amount: number | null;
  coupon_threshold: number | null;
  final_price: number | null;
  sales: number | null;
  sales_text: string | null;
  source_rank: number | null;
}

export async function loadSnapshots(state: StateStore, opts: { query?: string; sinceMs?: number } = {}): Promise<StoredSnapshot[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (opts.query !== undefined) {
    where.push("query = ?");
    params.push(opts.query);
  }
  if (opts.sinceMs !== undefined) {
    where.push("taken_at >= ?");
    params.push(opts.sinceMs);
  }
  const rows = (await state.sql.all(
    `SELECT id, query, taken_at, top, sources, failures, notes FROM price_snapshots ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY query, taken_at, id`,
    params,
  )) as {
    id: number;
    query: string;
    taken_at: number;
    top: number;
    sources: string;
    failures: string | null;
    notes: string | null;
  }[];
  // Every entry of these snapshots in one query, grouped by snapshot.
  const entryRows = await state.sql.all<EntryRow>(
    `SELECT snapshot_id, rank, source, competitor, title, url, price, price_max, compare_at, currency, in_stock, promotion, promotion_parsed,
            coupon_amount, coupon_threshold, final_price, sales, sales_text, source_rank
       FROM price_entries WHERE snapshot_id IN (SELECT value FROM json_each(?)) ORDER BY snapshot_id, rank`,
    [JSON.stringify(rows.map((r) => r.id))],
  );
  const entriesOf = new Map<number, EntryRow[]>();
  for (const e of entryRows) {
    const list = entriesOf.get(e.snapshot_id);
    if (list) list.push(e);
    else entriesOf.set(e.snapshot_id, [e]);
  }
  return rows.map((r) => ({
    id: r.id,
    query: r.query,
    takenAt: new Date(r.taken_at),
    top: r.top,
    sources: JSON.parse(r.sources) as string[],
    failures: r.failures ? (JSON.parse(r.failures) as SourceFailure[]) : [],
    notes: r.notes ? (JSON.parse(r.notes) as string[]) : [],
    entries: (entriesOf.get(r.id) ?? []).map((e) => ({
      rank: e.rank,
      source: e.source,
      sourceRank: e.source_rank,
      competitor: e.competitor ?? e.source,
      title: e.title,
      url: e.url,
      price: e.price,
      priceMax: e.price_max,
      compareAt: e.compare_at,
      currency: e.currency,
      inStock: e.in_stock === 1,
      promotion: e.promotion,
      promotionParsed: e.promotion_parsed ? (JSON.parse(e.promotion_parsed) as Promotion[]) : [],
      coupon: e.coupon_amount !== null ? { amount: e.coupon_amount, threshold: e.coupon_threshold ?? 0 } : null,
      finalPrice: e.final_price,
      sales: e.sales,
      salesText: e.sales_text,
    })),
  }));
}

function parseSince(since: string, tz: string): number {
  if (isValidDay(since)) return startOfDay(since, tz);
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new UsageError(msg("usage.since_invalid", { value: since }), msg("usage.since_hint"));
  return t;
}

export async function reportPrices(ctx: RunContext, opts: ReportPricesOptions): Promise<PricesReport> {
  const store = await ctx.openStore(opts.store, ["catalog.read"]);
  const sinceMs = opts.since !== undefined ? parseSince(opts.since, store.timezone) : undefined;
  const state = await ctx.state();
  const all = await loadSnapshots(state, {
    ...(opts.query !== undefined ? { query: opts.query } : {}),
    ...(sinceMs !== undefined ? { sinceMs } : {}),
  });
  if (all.length === 0) {
    const since = sinceMs !== undefined ? opts.since : undefined;
    const query = opts.query;
    const what =
      query !== undefined && since !== undefined
        ? msg("prices.no_snapshots_query_since", { query, since })
        : query !== undefined
          ? msg("prices.no_snapshots_query", { query })
          : since !== undefined
            ? msg("prices.no_snapshots_since", { since })
            : msg("prices.no_snapshots_all");
    throw new UsageError(what, msg("prices.no_snapshots_hint", { query: query ?? "夏季连衣裙" }));
  }

  ctx.progress.start(msg("progress.prices.catalog", { store: store.name }));
  const ours: OurProduct[] = [];
  for await (const p of store.adapter.listProducts?.({}) ?? []) {
    if (p.status !== "active") continue;
    const prices = p.variants.map((v) => v.price).filter((x) => Number.isSafeInteger(x) && x > 0);
    ours.push({
      handle: p.handle,
      title: p.title,
      skus: presentSkus(p.variants),
      price: prices.length ? Math.min(...prices) : null,
      currency: p.variants[0]?.currency ?? store.currency,
    });
  }
  ctx.progress.done(msg("progress.prices.catalog_done", { store: store.name, n: ours.length }));

  const mapping = pricesSettings(ctx).mapping ?? {};
  const byQuery = new Map<string, StoredSnapshot[]>();
  for (const s of all) byQuery.set(s.query, [...(byQuery.get(s.query) ?? []), s]);
  const warnings: (Message | string)[] = [];
  const queries: QueryReport[] = [];
  for (const [query, snaps] of byQuery) {
    const latest = snaps[snaps.length - 1] as StoredSnapshot;
    const failedNow = latest.failures.map((f) => f.source);
    const { changes, baselineIds } = changesSinceLastGood(
      snaps.map((x) => ({ id: x.id, sources: x.sources, failedSources: x.failures.map((f) => f.source), entries: x.entries })),
      sinceMs !== undefined ? "earliest" : "previous",
    );
    const baseline = baselineIds.length ? (snaps.find((x) => x.id === baselineIds[baselineIds.length - 1]) ?? null) : null;
    const found = matchOurProduct(query, ours, { mapping, competitorTitles: latest.entries.map((e) => e.title) });
    let noMatch: string | undefined;
    if (!found.match) {
      const why = found.mappedTo
        ? msg("prices.warn.mapped_missing", { mapped: found.mappedTo, query, store: store.name })
        : found.best
          ? msg("prices.warn.no_product_closest", {
              query,
              store: store.name,
              closest: found.best.product.title,
              confidence: String(found.best.confidence),
            })
          : msg("prices.warn.no_product", { query, store: store.name });
      noMatch = english(why);
      warnings.push(msg("prices.warn.no_match", { noMatch: why, query }));
    } else if (found.match.product.currency !== store.currency && found.match.product.price !== null) {
      warnings.push(msg("prices.warn.currency", { query, currency: found.match.product.currency }));
    }
    const ourCurrency = found.match?.product.currency ?? store.currency;
    const index = priceIndex(found.match?.product.price ?? null, ourCurrency, latest.entries);
    if (latest.failures.length > 0) warnings.push(msg("prices.warn.failed_now", { query, sources: failedNow.join(", ") }));
    if (index.excluded.otherCurrency > 0)
      warnings.push(msg("prices.warn.other_currency", { query, count: index.excluded.otherCurrency, currency: ourCurrency }));
    queries.push({
      query,
      snapshots: snaps.length,
      latest: { id: latest.id, takenAt: latest.takenAt.toISOString(), failedSources: failedNow },
      baseline: baseline ? { id: baseline.id, takenAt: baseline.takenAt.toISOString() } : null,
      ours: found.match
        ? {
            handle: found.match.product.handle,
            title: found.match.product.title,
            price: found.match.product.price,
            currency: found.match.product.currency,
            by: found.match.by,
            confidence: found.match.confidence,
          }
        : null,
      ...(noMatch ? { noMatch } : {}),
      index,
      bestSeller: bestSeller(latest.entries),
      notes: latest.notes,
      baselineIndex: baseline ? priceIndex(found.match?.product.price ?? null, ourCurrency, baseline.entries) : null,
      changes,
      entries: latest.entries,
      history: snaps.map((s) => {
        const prices = s.entries
          .filter((e) => e.inStock && buyerPrice(e) !== null && e.currency === ourCurrency)
          .map((e) => buyerPrice(e) as number);
        return {
          takenAt: s.takenAt.toISOString(),
          offers: prices.length,
          min: prices.length ? Math.min(...prices) : null,
          median: median(prices),
          currency: ourCurrency,
        };
      }),
    });
  }
  return {
    schemaVersion: 1,
    generatedAt: ctx.now().toISOString(),
    store: { name: store.name, platform: store.platform, currency: store.currency },
    timezone: store.timezone,
    since: sinceMs !== undefined ? new Date(sinceMs).toISOString() : null,
    queries,
    warnings,
  };
}
