/**
 * Price snapshots and the price report as documents (table, csv, md, xlsx, html with a price-history
 * chart per query) and as JSON.
 */

import type { z } from "zod";
import { conform } from "../core/contract.js";
import { couponText } from "../core/pricing/marketplace.js";
import { describePromotion } from "../core/pricing/promotion.js";
import { bestSeller, type SnapshotEntry } from "../core/pricing/snapshot.js";
import type { Chart, Column, ReportDocument, Row, Table } from "../core/report.js";
import type { PricesReport } from "./report-prices.js";
import { pricesReportSchema, pricesSnapshotSchema } from "./schemas/index.js";
import type { SnapshotPricesResult } from "./snapshot-prices.js";

const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")}Z`;

function entryColumns(currency: string | undefined): Column[] {
  return [
    { key: "query", label: "Query", kind: "text" },
    { key: "rank", label: "#", kind: "integer" },
    { key: "source_rank", label: "Source #", kind: "integer" },
    { key: "competitor", label: "Competitor", kind: "text" },
    { key: "title", label: "Title", kind: "text" },
    { key: "price", label: "Price", kind: "money", ...(currency ? { currency } : {}) },
    { key: "final_price", label: "After coupon", kind: "money", ...(currency ? { currency } : {}) },
    { key: "coupon", label: "Coupon", kind: "text" },
    { key: "sales", label: "Sales", kind: "text" },
    { key: "best_seller", label: "Best seller", kind: "text" },
    { key: "price_max", label: "Up to", kind: "money", ...(currency ? { currency } : {}) },
    { key: "compare_at", label: "Compare at", kind: "money", ...(currency ? { currency } : {}) },
    { key: "in_stock", label: "In stock", kind: "text" },
    { key: "promotion", label: "Promotion", kind: "text" },
    { key: "promotion_parsed", label: "Promotion (parsed)", kind: "text" },
    { key: "source", label: "Source", kind: "text" },
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
      in_stock: e.inStock ? "yes" : "no",
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

export function snapshotDocument(r: SnapshotPricesResult): ReportDocument {
  const currency = r.snapshots.flatMap((s) => s.entries)[0]?.currency;
  const failures = r.snapshots.flatMap((s) => s.failures.map((f) => ({ ...f, message: `"${s.query}": ${f.message}` })));
  return {
    title: "Competitor price snapshot",
    meta: [
      ["Queries", r.snapshots.map((s) => s.query).join(", ")],
      ["Taken at", r.snapshots[0] ? minute(r.snapshots[0].takenAt) : ""],
      ["Sources", [...new Set(r.snapshots.flatMap((s) => s.sources))].join(", ")],
      ["Status", r.partial ? "PARTIAL: some sources failed (exit 5); the others' offers are stored" : "complete"],
    ],
    tables: [
      {
        id: "offers",
        title: "Top offers",
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

export function pricesDocument(r: PricesReport): ReportDocument {
  const currency = r.queries[0]?.ours?.currency ?? r.store.currency;
  const summary: Table = {
    id: "summary",
    title: "Where our prices stand (index = ours / what buyers pay competitors × 100; above 100 = we are dearer)",
    columns: [
      { key: "query", label: "Query", kind: "text" },
      { key: "ours", label: "Our product", kind: "text" },
      { key: "match", label: "Matched by", kind: "text" },
      { key: "our_price", label: "Our price", kind: "money", currency },
      { key: "offers", label: "Offers in stock", kind: "integer" },
      { key: "min", label: "Min", kind: "money", currency },
      { key: "median", label: "Median", kind: "money", currency },
      { key: "max", label: "Max", kind: "money", currency },
      { key: "index_median", label: "Index vs median", kind: "number", digits: 1 },
      { key: "index_min", label: "Index vs min", kind: "number", digits: 1 },
      { key: "gap_min", label: "Gap to min", kind: "percent" },
      { key: "our_rank", label: "Our rank", kind: "integer" },
      { key: "cheapest", label: "Cheapest", kind: "text" },
      { key: "best_seller", label: "Best seller", kind: "text" },
      { key: "changes", label: "Changes", kind: "integer" },
      { key: "taken_at", label: "Latest snapshot", kind: "date", timezone: r.timezone },
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
    title: "Changes since the previous snapshot",
    columns: [
      { key: "query", label: "Query", kind: "text" },
      { key: "change", label: "Change", kind: "text" },
      { key: "competitor", label: "Competitor", kind: "text" },
      { key: "title", label: "Title", kind: "text" },
      { key: "before", label: "Before", kind: "money", currency },
      { key: "after", label: "After", kind: "money", currency },
      { key: "change_pct", label: "Change %", kind: "percent" },
      { key: "promotion_before", label: "Promotion before", kind: "text" },
      { key: "promotion_after", label: "Promotion after", kind: "text" },
      { key: "source", label: "Source", kind: "text" },
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
    title: "Latest offers",
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
    x: q.history.map((h) => minute(h.takenAt)),
    series: [
      { name: "competitor min", values: q.history.map((h) => h.min) },
      { name: "competitor median", values: q.history.map((h) => (h.median === null ? null : Math.round(h.median))) },
      ...(q.ours?.price != null ? [{ name: "ours (now)", values: q.history.map(() => q.ours?.price ?? null) }] : []),
    ],
  }));
  return {
    title: "Competitor price report",
    meta: [
      ["Store", `${r.store.name} (${r.store.platform})`],
      ["Queries", String(r.queries.length)],
      ["Since", r.since ? minute(r.since) : "previous snapshot"],
      ["Generated at", minute(r.generatedAt)],
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
