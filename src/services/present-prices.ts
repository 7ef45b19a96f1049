/**
 * Price snapshots and the price report as documents (table, csv, md, xlsx, html with a price-history
 * chart per query) and as JSON.
 */

import type { z } from "zod";
import { conform } from "../core/contract.js";
import { boundEchoes } from "../core/echo.js";
import { english, type Locale, type Message, type MessageId, type Translator, translator } from "../core/i18n/index.js";
import { couponText } from "../core/pricing/marketplace.js";
import { promotionMessage } from "../core/pricing/promotion.js";
import { bestSeller, type SnapshotEntry } from "../core/pricing/snapshot.js";
import { ALWAYS, type Chart, type Column, DETAIL, MINOR, type ReportDocument, type Row, type Table, USEFUL } from "../core/report.js";
import { formatInstant, formatNumber } from "../io/format.js";
import type { PricesReport } from "./report-prices.js";
import { pricesReportSchema, pricesSnapshotSchema } from "./schemas/index.js";
import type { SnapshotPricesResult } from "./snapshot-prices.js";

/** Snapshot times: the store's wall clock when the report knows its zone, else UTC (zone named). */
const minute = (iso: string, timeZone = "UTC") => formatInstant(iso, timeZone);

function entryColumns(tr: Translator, currency: string | undefined): Column[] {
  return [
    { key: "query", label: tr("prices.col.query"), kind: "text", priority: ALWAYS },
    { key: "rank", label: "#", kind: "integer", priority: ALWAYS },
    { key: "source_rank", label: tr("prices.col.source_rank"), kind: "integer", priority: DETAIL },
    { key: "competitor", label: tr("prices.col.competitor"), kind: "text", priority: ALWAYS },
    { key: "title", label: tr("prices.col.title"), kind: "text", priority: ALWAYS },
    { key: "price", label: tr("prices.col.price"), kind: "money", ...(currency ? { currency } : {}), priority: ALWAYS },
    { key: "final_price", label: tr("prices.col.after_coupon"), kind: "money", ...(currency ? { currency } : {}), priority: USEFUL },
    { key: "coupon", label: tr("prices.col.coupon"), kind: "text", priority: DETAIL },
    { key: "sales", label: tr("prices.col.sales"), kind: "text", priority: USEFUL },
    { key: "best_seller", label: tr("prices.col.best_seller"), kind: "text", priority: USEFUL },
    { key: "price_max", label: tr("prices.col.up_to"), kind: "money", ...(currency ? { currency } : {}), priority: MINOR },
    { key: "compare_at", label: tr("prices.col.compare_at"), kind: "money", ...(currency ? { currency } : {}), priority: MINOR },
    { key: "in_stock", label: tr("prices.col.in_stock"), kind: "text", priority: DETAIL },
    { key: "promotion", label: tr("prices.col.promotion"), kind: "text", priority: DETAIL },
    { key: "promotion_parsed", label: tr("prices.col.promotion_parsed"), kind: "text", priority: MINOR },
    { key: "source", label: tr("prices.col.source"), kind: "text", priority: DETAIL },
    { key: "url", label: "URL", kind: "text", machineOnly: true },
    { key: "currency", label: tr("prices.col.currency"), kind: "text", machineOnly: true },
    { key: "sales_volume", label: tr("prices.col.sales_volume"), kind: "integer", machineOnly: true },
  ];
}

/** Rows of one query's entries, the best seller among them highlighted. */
function entryRows(tr: Translator, query: string, entries: readonly SnapshotEntry[]): Row[] {
  const best = bestSeller(entries);
  return entries.map((e) => entryRow(tr, query, e, e === best));
}

function entryRow(tr: Translator, query: string, e: SnapshotEntry, best: boolean): Row {
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
      best_seller: best ? tr("prices.best_seller") : "",
      sales_volume: e.sales,
      price_max: e.priceMax,
      compare_at: e.compareAt,
      in_stock: e.inStock,
      promotion: e.promotion ?? "",
      promotion_parsed: e.promotionParsed.map((p) => tr.text(promotionMessage(p, e.currency))).join(tr.locale === "en" ? "; " : "；"),
      source: e.source,
      url: e.url,
      currency: e.currency,
    },
    currency: e.currency,
    ...(best ? { highlight: true } : {}),
  };
}

/** A source's failure in the run's language when this run saw it (a stored one is English); bounded like any echo. */
function failureNotes(
  tr: Translator,
  failures: { source: string; message: string; hint?: string; hintText?: Message | string }[],
): string[] {
  return failures.map((f) => {
    const hint = f.hintText ?? f.hint;
    return hint !== undefined
      ? tr("prices.failed_note_hint", { source: f.source, message: f.message, hint: boundEchoes(tr.text(hint)) })
      : tr("prices.failed_note", { source: f.source, message: f.message });
  });
}

/** A note or warning about one query: the query in quotes, then what was found. */
const queryNote = (tr: Translator, query: string, note: Message | string) => tr("prices.query_note", { query, note: tr.text(note) });

/** "Stored 24 offers for 3 queries from 2 sources." or, partial, which sources failed. */
export function snapshotVerdict(r: SnapshotPricesResult, lang: Locale = "en"): string {
  const tr = translator(lang);
  const offers = r.snapshots.reduce((n, s) => n + s.entries.length, 0);
  const sources = new Set(r.snapshots.flatMap((s) => s.sources)).size;
  const counts = { offers, queries: r.snapshots.length, sources };
  if (!r.partial) return tr("prices.verdict.stored", counts);
  const failed = new Set(r.snapshots.flatMap((s) => s.failures.map((f) => f.source)));
  return tr("prices.verdict.partial", { ...counts, failed: failed.size, names: [...failed].join(", ") });
}

export function snapshotDocument(r: SnapshotPricesResult, lang: Locale = "en"): ReportDocument {
  const tr = translator(lang);
  const currency = r.snapshots.flatMap((s) => s.entries)[0]?.currency;
  const failures = r.snapshots.flatMap((s) =>
    s.failures.map((f) => ({ ...f, message: queryNote(tr, s.query, f.text === undefined ? f.message : boundEchoes(tr.text(f.text))) })),
  );
  return {
    locale: lang,
    title: tr("prices.snapshot.title"),
    verdict: snapshotVerdict(r, lang),
    meta: [
      [tr("prices.meta.queries"), r.snapshots.map((s) => s.query).join(", ")],
      [tr("prices.meta.taken_at"), r.snapshots[0] ? minute(r.snapshots[0].takenAt) : ""],
      [tr("prices.meta.sources"), [...new Set(r.snapshots.flatMap((s) => s.sources))].join(", ")],
      [tr("prices.meta.status"), r.partial ? tr("prices.status.partial") : tr("prices.status.complete")],
    ],
    tables: [
      {
        id: "offers",
        sheetName: tr("prices.sheet.offers"),
        title: tr("prices.table.top_offers"),
        empty: tr("prices.empty.offers"),
        columns: entryColumns(tr, currency),
        rows: r.snapshots.flatMap((s) => entryRows(tr, s.query, s.entries)),
      },
    ],
    charts: [],
    notes: [
      ...failureNotes(tr, failures),
      ...r.snapshots.flatMap((s) => s.notes.map((n) => queryNote(tr, s.query, n))),
      ...r.warnings.map((w) => tr.text(w)),
    ],
  };
}

/** The JSON document (docs/schemas/prices-snapshot.schema.json). */
export function snapshotJson(r: SnapshotPricesResult, tz?: string): z.output<typeof pricesSnapshotSchema> {
  return conform(pricesSnapshotSchema, { ...r, warnings: r.warnings.map(english) }, tz ? { tz } : {});
}

const CHANGE_KINDS = new Set([
  "new_entrant",
  "dropped_out",
  "price_up",
  "price_down",
  "promotion_started",
  "promotion_ended",
  "promotion_changed",
]);
const changeText = (tr: Translator, kind: string) => (CHANGE_KINDS.has(kind) ? tr(`prices.change.${kind}` as MessageId) : kind);

function matchText(tr: Translator, ours: { by: string; confidence: number }): string {
  if (ours.by === "title") return tr("prices.match.title", { confidence: ours.confidence.toFixed(2) });
  return ours.by === "mapping" || ours.by === "sku" || ours.by === "handle" ? tr(`prices.match.${ours.by}`) : ours.by;
}

/** "3 queries: dearer than the median for 1, cheaper for 1, 1 not matched; 5 changes since the previous snapshot." */
export function pricesVerdict(r: PricesReport, lang: Locale = "en"): string {
  const tr = translator(lang);
  const idx = r.queries.map((q) => q.index.indexVsMedian);
  const dearer = idx.filter((i) => i !== null && i > 100).length;
  const cheaper = idx.filter((i) => i !== null && i < 100).length;
  const level = idx.filter((i) => i === 100).length;
  const unknown = idx.filter((i) => i === null).length;
  const parts = [
    ...(dearer > 0 ? [tr("prices.verdict.dearer", { n: dearer })] : []),
    ...(cheaper > 0 ? [tr("prices.verdict.cheaper", { n: cheaper })] : []),
    ...(level > 0 ? [tr("prices.verdict.level", { n: level })] : []),
    ...(unknown > 0 ? [tr("prices.verdict.unknown", { n: unknown })] : []),
  ];
  const changes = r.queries.reduce((n, q) => n + q.changes.length, 0);
  const sep = lang === "en" ? ", " : "，";
  return tr("prices.verdict.report", { queries: r.queries.length, parts: parts.join(sep) || tr("common.none"), changes });
}

export function pricesDocument(r: PricesReport, lang: Locale = "en"): ReportDocument {
  const tr = translator(lang);
  const currency = r.queries[0]?.ours?.currency ?? r.store.currency;
  const summary: Table = {
    id: "summary",
    sheetName: tr("prices.sheet.summary"),
    title: tr("prices.table.summary"),
    columns: [
      { key: "query", label: tr("prices.col.query"), kind: "text", priority: ALWAYS },
      { key: "ours", label: tr("prices.col.our_product"), kind: "text", priority: USEFUL },
      { key: "match", label: tr("prices.col.matched_by"), kind: "text", priority: DETAIL },
      { key: "our_price", label: tr("prices.col.our_price"), kind: "money", currency, priority: ALWAYS },
      { key: "offers", label: tr("prices.col.offers"), kind: "integer", priority: DETAIL },
      { key: "min", label: tr("prices.col.min"), kind: "money", currency, priority: USEFUL },
      { key: "median", label: tr("prices.col.median"), kind: "money", currency, priority: ALWAYS },
      { key: "max", label: tr("prices.col.max"), kind: "money", currency, priority: DETAIL },
      { key: "index_median", label: tr("prices.col.index_median"), kind: "number", digits: 1, priority: ALWAYS },
      { key: "index_min", label: tr("prices.col.index_min"), kind: "number", digits: 1, priority: USEFUL },
      { key: "gap_min", label: tr("prices.col.gap_min"), kind: "percent", priority: DETAIL },
      { key: "our_rank", label: tr("prices.col.our_rank"), kind: "integer", priority: USEFUL },
      { key: "cheapest", label: tr("prices.col.cheapest"), kind: "text", priority: DETAIL },
      { key: "best_seller", label: tr("prices.col.best_seller"), kind: "text", priority: DETAIL },
      { key: "changes", label: tr("prices.col.changes"), kind: "integer", priority: DETAIL },
      { key: "taken_at", label: tr("prices.col.latest"), kind: "date", timezone: r.timezone, priority: MINOR },
    ],
    rows: r.queries.map((q) => ({
      cells: {
        query: q.query,
        ours: q.ours ? `${q.ours.title} (${q.ours.handle})` : tr("prices.no_match"),
        match: q.ours ? matchText(tr, q.ours) : "",
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
    sheetName: tr("prices.sheet.changes"),
    title: tr("prices.table.changes"),
    empty: tr("prices.empty.changes"),
    columns: [
      { key: "query", label: tr("prices.col.query"), kind: "text", priority: ALWAYS },
      { key: "change", label: tr("prices.col.change"), kind: "text", priority: ALWAYS },
      { key: "competitor", label: tr("prices.col.competitor"), kind: "text", priority: ALWAYS },
      { key: "title", label: tr("prices.col.title"), kind: "text", priority: USEFUL },
      { key: "before", label: tr("prices.col.before"), kind: "money", currency, priority: ALWAYS },
      { key: "after", label: tr("prices.col.after"), kind: "money", currency, priority: ALWAYS },
      { key: "change_pct", label: tr("prices.col.change_pct"), kind: "percent", priority: USEFUL },
      { key: "promotion_before", label: tr("prices.col.promotion_before"), kind: "text", priority: DETAIL },
      { key: "promotion_after", label: tr("prices.col.promotion_after"), kind: "text", priority: DETAIL },
      { key: "source", label: tr("prices.col.source"), kind: "text", priority: DETAIL },
      { key: "url", label: "URL", kind: "text", machineOnly: true },
    ],
    rows: r.queries.flatMap((q) =>
      q.changes.map((c) => ({
        cells: {
          query: q.query,
          change: changeText(tr, c.kind),
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
    sheetName: tr("prices.sheet.offers"),
    title: tr("prices.table.latest_offers"),
    empty: tr("prices.empty.latest"),
    columns: entryColumns(tr, currency),
    rows: r.queries.flatMap((q) => entryRows(tr, q.query, q.entries)),
    textRowLimit: 40,
  };
  const charts: Chart[] = r.queries.map((q, i) => ({
    id: `history-${i + 1}`,
    title: tr("prices.chart.history", { query: q.query }),
    kind: "line",
    unit: "money",
    currency: q.history[0]?.currency ?? currency,
    // Snapshot instants on a time axis in the store's zone: irregular gaps keep their real width.
    x: q.history.map((h) => h.takenAt),
    xTime: { timeZone: r.timezone },
    series: [
      { name: tr("prices.series.min"), values: q.history.map((h) => h.min) },
      { name: tr("prices.series.median"), values: q.history.map((h) => (h.median === null ? null : Math.round(h.median))) },
      ...(q.ours?.price != null ? [{ name: tr("prices.series.ours"), values: q.history.map(() => q.ours?.price ?? null) }] : []),
    ],
    // Our price is today's, not a history: a reference line, not a flat series.
    markLines: q.ours?.price != null ? [{ name: tr("prices.series.ours"), value: q.ours.price }] : [],
    // Prices move in a narrow band; from zero every move would look flat.
    floatingY: true,
  }));
  return {
    locale: lang,
    title: tr("prices.report.title"),
    verdict: pricesVerdict(r, lang),
    meta: [
      [tr("prices.meta.store"), `${r.store.name} (${r.store.platform})`],
      [tr("prices.meta.queries"), formatNumber(r.queries.length)],
      [tr("prices.meta.since"), r.since ? minute(r.since, r.timezone) : tr("prices.meta.previous_snapshot")],
      [tr("prices.meta.generated_at"), minute(r.generatedAt, r.timezone)],
    ],
    tables: [summary, changes, offers],
    charts,
    notes: [
      tr("prices.note.index"),
      tr("prices.note.best_seller"),
      ...r.queries.flatMap((q) => q.notes.map((n) => queryNote(tr, q.query, n))),
      tr("prices.note.changes"),
      ...r.warnings.map((w) => tr.text(w)),
    ],
  };
}

/** The JSON document (docs/schemas/prices-report.schema.json). */
export function pricesJson(r: PricesReport): z.output<typeof pricesReportSchema> {
  return conform(
    pricesReportSchema,
    { ...r, tz: r.timezone, warnings: r.warnings.map(english), queries: r.queries.map((q) => ({ ...q, notes: q.notes.map(english) })) },
    { tz: r.timezone },
  );
}
