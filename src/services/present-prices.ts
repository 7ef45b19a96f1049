/**
 * Price snapshots and the price report as documents (table, csv, md, xlsx, html with a price-history
 * chart per query) and as JSON.
 */

import type { z } from "zod";
import { conform } from "../core/contract.js";
import { couponText } from "../core/pricing/marketplace.js";
import { describePromotion } from "../core/pricing/promotion.js";
import { bestSeller, type SnapshotEntry } from "../core/pricing/snapshot.js";
import { ALWAYS, type Chart, type Column, DETAIL, MINOR, type ReportDocument, type Row, type Table, USEFUL } from "../core/report.js";
import { countOf, formatInstant, formatNumber } from "../io/format.js";
import type { PricesReport } from "./report-prices.js";
import { pricesReportSchema, pricesSnapshotSchema } from "./schemas/index.js";
import type { SnapshotPricesResult } from "./snapshot-prices.js";

/** Snapshot times: the store's wall clock when the report knows its zone, else UTC (zone named). */
const minute = (iso: string, timeZone = "UTC") => formatInstant(iso, timeZone);

function entryColumns(currency: string | undefined): Column[] {
  return [
    { key: "query", label: "Query", kind: "text", priority: ALWAYS },
    { key: "rank", label: "#", kind: "integer", priority: ALWAYS },
    { key: "source_rank", label: "Source #", kind: "integer", priority: DETAIL },
    { key: "competitor", label: "Competitor", kind: "text", priority: ALWAYS },
    { key: "title", label: "Title", kind: "text", priority: ALWAYS },
    { key: "price", label: "Price", kind: "money", ...(currency ? { currency } : {}), priority: ALWAYS },
    { key: "final_price", label: "After coupon", kind: "money", ...(currency ? { currency } : {}), priority: USEFUL },
    { key: "coupon", label: "Coupon", kind: "text", priority: DETAIL },
    { key: "sales", label: "Sales", kind: "text", priority: USEFUL },
    { key: "best_seller", label: "Best seller", kind: "text", priority: USEFUL },
    { key: "price_max", label: "Up to", kind: "money", ...(currency ? { currency } : {}), priority: MINOR },
    { key: "compare_at", label: "Compare at", kind: "money", ...(currency ? { currency } : {}), priority: MINOR },
    { key: "in_stock", label: "In stock", kind: "text", priority: DETAIL },
    { key: "promotion", label: "Promotion", kind: "text", priority: DETAIL },
    { key: "promotion_parsed", label: "Promotion (parsed)", kind: "text", priority: MINOR },
    { key: "source", label: "Source", kind: "text", priority: DETAIL },
    { key: "url", label: "URL", kind: "text", machineOnly: true },
    { key: "currency", label: "Currency", kind: "text", machineOnly: true },
    { key: "sales_volume", label: "Sales (at least)", kind: "integer", machineOnly: true },
  ];
}

/** Rows of one query's entries, the best seller among them highlighted. */
function entryRows(query: string, entries: readonly SnapshotEntry[]): Row[] {
  const best = bestSeller(entries);
  return entries.map((e) => entryRow(query, e, e === best));
}

function entryRow(query: string, e: SnapshotEntry, best: boolean): Row {
  return {
    cells: {
      query,
      rank: e.rank,
      source_rank: e.sourceRank,
      competitor: e.competitor,
      title: e.title,
      price: e.price,
      final_price: e.finalPrice,
      coupon: e.coupon ? couponText(e.coupon, e.currency).replace(/^券 /, "") : "",
      sales: e.salesText ?? (e.sales !== null ? String(e.sales) : ""),
      best_seller: best ? "★ best seller" : "",
      sales_volume: e.sales,
      price_max: e.priceMax,
      compare_at: e.compareAt,
      in_stock: e.inStock,
      promotion: e.promotion ?? "",
      promotion_parsed: e.promotionParsed.map((p) => describePromotion(p, e.currency)).join("; "),
      source: e.source,
      url: e.url,
      currency: e.currency,
    },
    currency: e.currency,
    ...(best ? { highlight: true } : {}),
  };
}

function failureNotes(failures: { source: string; message: string; hint?: string }[]): string[] {
  return failures.map((f) => `FAILED ${f.source}: ${f.message}${f.hint ? ` (${f.hint})` : ""}`);
}

/** "Stored 24 offers for 3 queries from 2 sources." or, partial, which sources failed. */
export function snapshotVerdict(r: SnapshotPricesResult): string {
  const offers = r.snapshots.reduce((n, s) => n + s.entries.length, 0);
  const sources = new Set(r.snapshots.flatMap((s) => s.sources)).size;
  const stored = `${countOf(offers, "offer")} for ${countOf(r.snapshots.length, "query", "queries")} from ${countOf(sources, "source")}`;
  if (!r.partial) return `Stored ${stored}.`;
  const failed = new Set(r.snapshots.flatMap((s) => s.failures.map((f) => f.source)));
  return `PARTIAL: ${countOf(failed.size, "source")} failed (${[...failed].join(", ")}); stored ${stored}.`;
}

export function snapshotDocument(r: SnapshotPricesResult): ReportDocument {
  const currency = r.snapshots.flatMap((s) => s.entries)[0]?.currency;
  const failures = r.snapshots.flatMap((s) => s.failures.map((f) => ({ ...f, message: `"${s.query}": ${f.message}` })));
  return {
    title: "Competitor price snapshot",
    verdict: snapshotVerdict(r),
    meta: [
      ["Queries", r.snapshots.map((s) => s.query).join(", ")],
      ["Taken at", r.snapshots[0] ? minute(r.snapshots[0].takenAt) : ""],
      ["Sources", [...new Set(r.snapshots.flatMap((s) => s.sources))].join(", ")],
      ["Status", r.partial ? "PARTIAL: some sources failed (exit 5); the others' offers are stored" : "complete"],
    ],
    tables: [
      {
        id: "offers",
        sheetName: "Offers",
        title: "Top offers",
        empty: "No offers found.",
        columns: entryColumns(currency),
        rows: r.snapshots.flatMap((s) => entryRows(s.query, s.entries)),
      },
    ],
    charts: [],
    notes: [...failureNotes(failures), ...r.snapshots.flatMap((s) => s.notes.map((n) => `"${s.query}": ${n}`)), ...r.warnings],
  };
}

/** The JSON document (docs/schemas/prices-snapshot.schema.json). */
export function snapshotJson(r: SnapshotPricesResult, tz?: string): z.output<typeof pricesSnapshotSchema> {
  return conform(pricesSnapshotSchema, r, tz ? { tz } : {});
}

const CHANGE_LABEL: Record<string, string> = {
  new_entrant: "new entrant",
  dropped_out: "dropped out",
  price_up: "price up",
  price_down: "price down",
  promotion_started: "promotion started",
  promotion_ended: "promotion ended",
  promotion_changed: "promotion changed",
};

/** "3 queries: dearer than the median for 1, cheaper for 1, 1 not matched; 5 changes since the previous snapshot." */
export function pricesVerdict(r: PricesReport): string {
  const idx = r.queries.map((q) => q.index.indexVsMedian);
  const dearer = idx.filter((i) => i !== null && i > 100).length;
  const cheaper = idx.filter((i) => i !== null && i < 100).length;
  const level = idx.filter((i) => i === 100).length;
  const unknown = idx.filter((i) => i === null).length;
  const parts = [
    ...(dearer > 0 ? [`dearer than the median for ${formatNumber(dearer)}`] : []),
    ...(cheaper > 0 ? [`cheaper for ${formatNumber(cheaper)}`] : []),
    ...(level > 0 ? [`level for ${formatNumber(level)}`] : []),
    ...(unknown > 0 ? [`no index for ${formatNumber(unknown)}`] : []),
  ];
  const changes = r.queries.reduce((n, q) => n + q.changes.length, 0);
  const changed = changes === 0 ? "no changes" : countOf(changes, "change");
  return `${countOf(r.queries.length, "query", "queries")}: ${parts.join(", ") || "none"}; ${changed} since the previous snapshot.`;
}

export function pricesDocument(r: PricesReport): ReportDocument {
  const currency = r.queries[0]?.ours?.currency ?? r.store.currency;
  const summary: Table = {
    id: "summary",
    sheetName: "Summary",
    title: "Where our prices stand (index = ours / what buyers pay competitors × 100; above 100 = we are dearer)",
    columns: [
      { key: "query", label: "Query", kind: "text", priority: ALWAYS },
      { key: "ours", label: "Our product", kind: "text", priority: USEFUL },
      { key: "match", label: "Matched by", kind: "text", priority: DETAIL },
      { key: "our_price", label: "Our price", kind: "money", currency, priority: ALWAYS },
      { key: "offers", label: "Offers in stock", kind: "integer", priority: DETAIL },
      { key: "min", label: "Min", kind: "money", currency, priority: USEFUL },
      { key: "median", label: "Median", kind: "money", currency, priority: ALWAYS },
      { key: "max", label: "Max", kind: "money", currency, priority: DETAIL },
      { key: "index_median", label: "Index vs median", kind: "number", digits: 1, priority: ALWAYS },
      { key: "index_min", label: "Index vs min", kind: "number", digits: 1, priority: USEFUL },
      { key: "gap_min", label: "Gap to min", kind: "percent", priority: DETAIL },
      { key: "our_rank", label: "Our rank", kind: "integer", priority: USEFUL },
      { key: "cheapest", label: "Cheapest", kind: "text", priority: DETAIL },
      { key: "best_seller", label: "Best seller", kind: "text", priority: DETAIL },
      { key: "changes", label: "Changes", kind: "integer", priority: DETAIL },
      { key: "taken_at", label: "Latest snapshot", kind: "date", timezone: r.timezone, priority: MINOR },
    ],
    rows: r.queries.map((q) => ({
      cells: {
        query: q.query,
        ours: q.ours ? `${q.ours.title} (${q.ours.handle})` : "no match",
        match: q.ours ? (q.ours.by === "title" ? `title, confidence ${q.ours.confidence.toFixed(2)}` : q.ours.by) : "",
        our_price: q.ours?.price ?? null,
        offers: q.index.offers,
        min: q.index.min,
        median: q.index.median === null ? null : Math.round(q.index.median),
        max: q.index.max,
        index_median: q.index.indexVsMedian,
        index_min: q.index.indexVsMin,
        gap_min: q.index.gapToMin,
        our_rank: q.index.ourRank,
        cheapest: q.index.cheapest ? `${q.index.cheapest.competitor}: ${q.index.cheapest.title}` : "",
        best_seller: q.bestSeller
          ? `${q.bestSeller.competitor}: ${q.bestSeller.title} (${q.bestSeller.salesText ?? q.bestSeller.sales})`
          : "",
        changes: q.changes.length,
        taken_at: new Date(q.latest.takenAt),
      },
      ...(q.ours ? { currency: q.ours.currency } : {}),
      status: q.ours ? "ok" : "n/a",
    })),
  };
  const changes: Table = {
    id: "changes",
    sheetName: "Changes",
    title: "Changes since the previous snapshot",
    empty: "No changes since the previous snapshot.",
    columns: [
      { key: "query", label: "Query", kind: "text", priority: ALWAYS },
      { key: "change", label: "Change", kind: "text", priority: ALWAYS },
      { key: "competitor", label: "Competitor", kind: "text", priority: ALWAYS },
      { key: "title", label: "Title", kind: "text", priority: USEFUL },
      { key: "before", label: "Before", kind: "money", currency, priority: ALWAYS },
      { key: "after", label: "After", kind: "money", currency, priority: ALWAYS },
      { key: "change_pct", label: "Change %", kind: "percent", priority: USEFUL },
      { key: "promotion_before", label: "Promotion before", kind: "text", priority: DETAIL },
      { key: "promotion_after", label: "Promotion after", kind: "text", priority: DETAIL },
      { key: "source", label: "Source", kind: "text", priority: DETAIL },
      { key: "url", label: "URL", kind: "text", machineOnly: true },
    ],
    rows: r.queries.flatMap((q) =>
      q.changes.map((c) => ({
        cells: {
          query: q.query,
          change: CHANGE_LABEL[c.kind] ?? c.kind,
          competitor: c.competitor,
          title: c.title,
          before: c.before,
          after: c.after,
          change_pct: c.changePct,
          promotion_before: c.promotionBefore ?? "",
          promotion_after: c.promotionAfter ?? "",
          source: c.source,
          url: c.url,
        },
      })),
    ),
  };
  const offers: Table = {
    id: "offers",
    sheetName: "Offers",
    title: "Latest offers",
    empty: "No offers in the latest snapshots.",
    columns: entryColumns(currency),
    rows: r.queries.flatMap((q) => entryRows(q.query, q.entries)),
    textRowLimit: 40,
  };
  const charts: Chart[] = r.queries.map((q, i) => ({
    id: `history-${i + 1}`,
    title: `Price history: ${q.query}`,
    kind: "line",
    unit: "money",
    currency: q.history[0]?.currency ?? currency,
    // Snapshot instants on a time axis in the store's zone: irregular gaps keep their real width.
    x: q.history.map((h) => h.takenAt),
    xTime: { timeZone: r.timezone },
    series: [
      { name: "competitor min", values: q.history.map((h) => h.min) },
      { name: "competitor median", values: q.history.map((h) => (h.median === null ? null : Math.round(h.median))) },
    ],
    // Our price is today's, not a history: a reference line, not a flat series.
    markLines: q.ours?.price != null ? [{ name: "ours (now)", value: q.ours.price }] : [],
    // Prices move in a narrow band; from zero every move would look flat.
    floatingY: true,
  }));
  return {
    title: "Competitor price report",
    verdict: pricesVerdict(r),
    meta: [
      ["Store", `${r.store.name} (${r.store.platform})`],
      ["Queries", formatNumber(r.queries.length)],
      ["Since", r.since ? minute(r.since, r.timezone) : "previous snapshot"],
      ["Generated at", minute(r.generatedAt, r.timezone)],
    ],
    tables: [summary, changes, offers],
    charts,
    notes: [
      "Index vs median = our price / median of what a buyer pays for the in-stock offers in our currency × 100 (after coupon where the marketplace states one, else the price); vs min likewise. Rank 1 = cheapest, ties share a rank.",
      "Best seller = the highest sales volume shown among the latest offers (★). Marketplaces count differently: Taobao volume and JD inOrderCount30Days are 30 days; Pinduoduo's sales_tip is all time, rounded down (10万+).",
      ...r.queries.flatMap((q) => q.notes.map((n) => `"${q.query}": ${n}`)),
      "Changes compare offers by source and URL; a source that failed in either snapshot is left out (a failed fetch is not a change).",
      ...r.warnings,
    ],
  };
}

/** The JSON document (docs/schemas/prices-report.schema.json). */
export function pricesJson(r: PricesReport): z.output<typeof pricesReportSchema> {
  return conform(pricesReportSchema, { ...r, tz: r.timezone }, { tz: r.timezone });
}
