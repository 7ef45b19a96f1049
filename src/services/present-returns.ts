/**
 * The returns audit as a document (table, csv, md, xlsx workbook, html) and as JSON.
 */

import type { z } from "zod";
import { createAttributeDictionary, type SizeFamily, sizeFamily } from "../core/attributes/index.js";
import { conform } from "../core/contract.js";
import { english, type Locale, type MessageId, type Translator, translator } from "../core/i18n/index.js";
import { ALWAYS, type Chart, type Column, DETAIL, KEY_COLUMN, type ReportDocument, type Row, type Table } from "../core/report.js";
import { type GroupRow, NO_VALUE } from "../core/returns/audit.js";
import { formatInstant, formatNumber, formatPercent } from "../io/format.js";
import type { ReturnsAuditReport } from "./audit-returns.js";
import { periodName } from "./present-kpi.js";
import { courierLabel } from "./present-shipments.js";
import { returnsAuditSchema } from "./schemas/index.js";

const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;

const SIZE_FAMILIES: readonly (SizeFamily | "other")[] = ["clothing", "number", "EU", "US", "UK", "CN", "other"];

/**
 * Return rate by size, one chart per size scale (clothing and shoe sizes never share an axis),
 * each in size order (XS < S < M, shoe sizes numerically) rather than by count. Sizes are read
 * through the size dictionary (加大码 is XL) but shown as the store wrote them.
 */
function sizeCharts(report: ReturnsAuditReport, tr: Translator): Chart[] {
  const dictionary = createAttributeDictionary();
  const sizes = report.bySize
    .filter((r) => r.key !== "(none)" && r.unitsSold >= report.minUnits)
    .map((row) => {
      const read = dictionary.standardize("size", row.key);
      const canonical = read.ok ? read.value : row.key;
      return { row, canonical, family: (read.ok ? sizeFamily(canonical) : undefined) ?? ("other" as const) };
    });
  const families = [...new Set(sizes.map((s) => s.family))].sort((a, b) => SIZE_FAMILIES.indexOf(a) - SIZE_FAMILIES.indexOf(b));
  const several = families.length > 1;
  return families
    .map((family) => {
      const group = sizes.filter((s) => s.family === family).sort((a, b) => dictionary.compare("size", a.canonical, b.canonical));
      const base = tr("returns.chart.by_size");
      return {
        id: several ? `rate-by-size-${family.toLowerCase()}` : "rate-by-size",
        title: several ? tr("returns.chart.by_size_family", { base, family: tr(`returns.size_family.${family}`) }) : base,
        kind: "bar" as const,
        unit: "percent" as const,
        x: group.map((s) => s.row.key),
        series: [{ name: tr("returns.series.rate"), values: group.map((s) => s.row.rateUnits) }],
        markLines: [{ name: tr("returns.series.threshold"), value: report.threshold }],
      };
    })
    .filter((chart) => chart.x.length > 1 || several);
}

/** A group as people name it: a courier by its name in the run's language, "no value" in words. */
function groupLabel(tr: Translator, dim: string, r: GroupRow): string {
  if (r.key === NO_VALUE) return tr(dim === "courier" ? "returns.group.no_shipment" : "returns.group.none");
  return dim === "courier" ? courierLabel(r.key, tr) : r.label;
}

function groupTable(tr: Translator, id: string, title: string, dim: string, rows: GroupRow[], report: ReturnsAuditReport): Table {
  const dimLabel = dimWord(tr, dim);
  const columns: Column[] = [
    { key: "group", label: dimLabel, kind: "text", priority: ALWAYS },
    { key: "units_sold", label: tr("returns.col.units_sold"), kind: "integer" },
    { key: "units_returned", label: tr("returns.col.units_returned"), kind: "integer" },
    { key: "rate_units", label: tr("returns.col.rate_units"), kind: "percent", highlightAbove: report.threshold, priority: ALWAYS },
    { key: "ci_low", label: tr("returns.col.ci_low"), kind: "percent", priority: DETAIL },
    { key: "rate_orders", label: tr("returns.col.rate_orders"), kind: "percent", priority: DETAIL },
    { key: "rate_value", label: tr("returns.col.rate_value"), kind: "percent", priority: DETAIL },
    { key: "refunds", label: tr("returns.col.refunds"), kind: "money", currency: report.currency, priority: DETAIL },
    { key: "top_reason", label: tr("returns.col.top_reason"), kind: "text" },
    { key: "status", label: tr("returns.col.status"), kind: "status", priority: ALWAYS },
    KEY_COLUMN,
  ];
  return {
    id,
    title,
    columns,
    textRowLimit: 40,
    empty: tr("returns.empty.sold"),
    rows: rows.map(
      (r): Row => ({
        cells: {
          group: groupLabel(tr, dim, r),
          units_sold: r.unitsSold,
          units_returned: r.returnedUnits,
          rate_units: r.rateUnits,
          ci_low: r.low,
          rate_orders: r.rateOrders,
          rate_value: r.rateValue,
          refunds: r.refundValue,
          top_reason: r.topReason ? `${tr(`returns.reason.${r.topReason.category}`)} ${Math.round(r.topReason.share * 100)}%` : "",
          status: r.status === "breach" ? "breach" : r.status === "low_volume" ? "low volume" : r.status,
          key: r.key,
        },
        status: r.status === "breach" ? "breach" : "ok",
      }),
    ),
  };
}

const flagKind = (tr: Translator, kind: string) =>
  kind === "high_return_rate" || kind === "size_skew" || kind === "reason_concentration"
    ? tr(`returns.kind.${kind}`)
    : kind.replace(/_/g, " ");

const DIMS = new Set(["sku", "variant", "product", "size", "colour", "category", "reason", "courier"]);
const dimWord = (tr: Translator, dim: string) => (DIMS.has(dim) ? tr(`returns.dim.${dim}` as MessageId) : dim);

/** "2 findings: high return rate A-1, size skew Dress (D-1) size M; returns 8.1% of units (threshold 15.0%)". */
export function returnsVerdict(report: ReturnsAuditReport, lang: Locale = "en"): string {
  const tr = translator(lang);
  const rate = report.summary.rateUnits;
  const overall = tr("returns.overall", {
    rate: rate === null ? tr("common.na") : formatPercent(rate),
    threshold: formatPercent(report.threshold),
  });
  const n = report.flags.length;
  if (n === 0) return tr("returns.verdict.none", { overall });
  const shown = report.flags.slice(0, 2).map((f) => `${flagKind(tr, f.kind)} ${f.label}`);
  const more = n > shown.length ? tr("returns.verdict.more", { count: n - shown.length }) : "";
  return tr("returns.verdict.findings", { count: n, shown: shown.join(lang === "en" ? ", " : "，"), more, overall });
}

/**
 * The breaches in one line, formatted as the tables: "2 SKUs above the 15.0% return threshold:
 * DR002-BEI-M 女士针织收腰连衣裙 30.3%, …", or undefined when nothing is above it beyond doubt.
 */
export function returnsBreachLine(report: ReturnsAuditReport, lang: Locale = "en"): string | undefined {
  const tr = translator(lang);
  const high = report.flags.filter((f) => f.kind === "high_return_rate");
  const store = report.summary.status === "breach";
  if (high.length === 0 && !store) return undefined;
  const limit = formatPercent(report.threshold);
  const rate = (f: (typeof high)[number]) => (f.figures.rate == null ? tr("common.na") : formatPercent(f.figures.rate));
  const groups = high.map((f) => `${f.label} ${rate(f)}`);
  const storeRate = report.summary.rateUnits === null ? tr("common.na") : formatPercent(report.summary.rateUnits);
  const parts = [...(store ? [tr("returns.breach.store", { rate: storeRate })] : []), ...groups].join(lang === "en" ? ", " : "，");
  const dim = high[0]?.dimension ?? "sku";
  if (high.length === 0) return tr("returns.breach.store_only", { limit, parts });
  const one = dim === "sku" ? "SKU" : dimWord(tr, dim);
  const dims = DIMS.has(dim) ? tr(`returns.dims.${dim}` as MessageId) : dim;
  return tr("returns.breach.groups", { count: high.length, dim: one, dims, limit, parts });
}

export function returnsDocument(report: ReturnsAuditReport, opts: { lang?: Locale } = {}): ReportDocument {
  const lang = opts.lang ?? "en";
  const tr = translator(lang);
  const s = report.summary;
  const summary: Table = {
    id: "summary",
    title: tr("returns.table.summary"),
    columns: [
      { key: "metric", label: tr("returns.col.metric"), kind: "text", priority: ALWAYS },
      { key: "value", label: tr("returns.col.value"), kind: "percent", priority: ALWAYS },
      { key: "detail", label: tr("returns.col.detail"), kind: "text" },
      { key: "status", label: tr("returns.col.status"), kind: "status", priority: ALWAYS },
    ],
    rows: [
      {
        cells: {
          metric: tr("returns.metric.rate_units"),
          value: s.rateUnits,
          detail: tr("returns.detail.units", { returned: s.returnedUnits, sold: s.unitsSold }),
          status: s.status,
        },
        status: s.status === "breach" ? "breach" : "ok",
      },
      {
        cells: {
          metric: tr("returns.metric.rate_orders"),
          value: s.rateOrders,
          detail: tr("returns.detail.orders", { returned: s.returnedOrders, orders: s.orders }),
          status: s.rateOrders === null ? "n/a" : "info",
        },
      },
      {
        cells: {
          metric: tr("returns.metric.rate_value"),
          value: s.rateValue,
          detail: tr("returns.detail.value"),
          status: s.rateValue === null ? "n/a" : "info",
        },
      },
      {
        cells: {
          metric: tr("returns.metric.refunds"),
          value: s.refundValue,
          detail: tr("returns.detail.returns", { count: s.returns }),
          status: "info",
        },
        kinds: { value: "money" },
        currency: report.currency,
      },
      {
        cells: {
          metric: tr("returns.metric.not_counted"),
          value: report.issues.length,
          detail: tr("returns.detail.see_issues"),
          status: report.issues.length > 0 ? "n/a" : "ok",
        },
        kinds: { value: "integer" },
      },
    ],
  };
  const tables: Table[] = [summary];
  const by = (dim: string) => (DIMS.has(dim) ? tr(`returns.title_by.${dim}` as MessageId) : tr("returns.by", { dim }));
  const dimTitle = by(report.by);
  if (report.by !== "reason") tables.push(groupTable(tr, `by-${report.by}`, dimTitle, report.by, report.rows, report));
  if (report.by !== "sku") tables.push(groupTable(tr, "by-sku", by("sku"), "sku", report.bySku, report));
  if (report.by !== "size") tables.push(groupTable(tr, "by-size", by("size"), "size", report.bySize, report));
  tables.push({
    id: "by-reason",
    title: tr("returns.table.by_reason"),
    empty: tr("returns.empty.returns"),
    columns: [
      { key: "reason", label: tr("returns.col.reason"), kind: "text", priority: ALWAYS },
      { key: "units", label: tr("returns.col.units_returned"), kind: "integer" },
      { key: "share", label: tr("returns.col.share"), kind: "percent", priority: ALWAYS },
      { key: "rate", label: tr("returns.col.of_sold"), kind: "percent", priority: DETAIL },
      { key: "from_code", label: tr("returns.col.by_code"), kind: "integer", priority: DETAIL },
      { key: "from_text", label: tr("returns.col.by_keyword"), kind: "integer", priority: DETAIL },
      { key: "unmatched", label: tr("returns.col.unmatched"), kind: "integer", priority: DETAIL },
      { key: "advice", label: tr("returns.col.advice"), kind: "text" },
      { key: "category", label: tr("returns.dim.category"), kind: "text", machineOnly: true },
    ],
    rows: report.reasons.map((r) => ({
      cells: {
        reason: tr(`returns.reason.${r.category}` as MessageId),
        units: r.units,
        share: r.share,
        rate: r.rate,
        from_code: r.decidedBy.code,
        from_text: r.decidedBy.keyword,
        unmatched: r.decidedBy.none,
        advice: tr(`returns.advice.${r.category}` as MessageId),
        category: r.category,
      },
    })),
  });
  tables.push({
    id: "flags",
    title: tr("returns.table.flags"),
    columns: [
      { key: "kind", label: tr("returns.col.finding"), kind: "text", priority: ALWAYS },
      { key: "message", label: tr("returns.col.what"), kind: "text", priority: ALWAYS },
      KEY_COLUMN,
    ],
    empty: tr("returns.empty.flags", { threshold: formatPercent(report.threshold) }),
    rows: report.flags.map((f) => ({
      cells: { kind: flagKind(tr, f.kind), message: tr.text(f.text), key: f.key },
      status: f.kind === "high_return_rate" ? "breach" : "ok",
    })),
  });
  if (report.unmatched.length > 0) {
    tables.push({
      id: "unmatched",
      title: tr("returns.table.unmatched"),
      sheetName: tr("returns.sheet.unmatched"),
      columns: [
        { key: "text", label: tr("returns.col.reason_text"), kind: "text", priority: ALWAYS },
        { key: "returns", label: tr("returns.col.returns"), kind: "integer", priority: ALWAYS },
      ],
      rows: report.unmatched.map((u) => ({ cells: { text: u.text, returns: u.returns } })),
    });
  }
  if (report.issues.length > 0) {
    tables.push({
      id: "issues",
      title: tr("returns.table.issues"),
      columns: [
        { key: "kind", label: tr("returns.col.issue"), kind: "text", priority: ALWAYS },
        { key: "return_id", label: tr("returns.col.return"), kind: "text" },
        { key: "order_id", label: tr("returns.col.order"), kind: "text" },
        { key: "sku", label: "SKU", kind: "text" },
        { key: "quantity", label: tr("returns.col.qty"), kind: "integer", priority: DETAIL },
        { key: "message", label: tr("returns.col.detail"), kind: "text", priority: ALWAYS },
      ],
      textRowLimit: 40,
      rows: report.issues.map((i) => ({
        cells: {
          kind: tr(`returns.issue.${i.kind}`),
          return_id: i.returnId,
          order_id: i.orderId,
          sku: i.sku ?? "",
          quantity: i.quantity,
          message: tr.text(i.text),
        },
      })),
    });
  }
  const top = report.rows.filter((r) => r.status !== "low_volume").slice(0, 15);
  const charts: Chart[] = [];
  if (top.length > 0) {
    charts.push({
      id: "rate-by-group",
      title: tr("returns.chart.rate_by_group", { dim: dimWord(tr, report.by), count: top.length, threshold: pct(report.threshold) }),
      kind: "bar",
      unit: "percent",
      x: top.map((r) => r.key),
      series: [{ name: tr("returns.series.rate"), values: top.map((r) => r.rateUnits) }],
      markLines: [{ name: tr("returns.series.threshold"), value: report.threshold }],
    });
  }
  if (report.reasons.length > 0) {
    charts.push({
      id: "reasons",
      title: tr("returns.chart.reasons"),
      kind: "bar",
      unit: "percent",
      x: report.reasons.map((r) => tr(`returns.reason.${r.category}` as MessageId)),
      series: [{ name: tr("returns.series.share"), values: report.reasons.map((r) => r.share) }],
    });
  }
  charts.push(...sizeCharts(report, tr));
  const range = report.period.first === report.period.last ? report.period.first : `${report.period.first}..${report.period.last}`;
  const periodText = report.period.label === range ? range : tr("period.labelled", { range, label: periodName(tr, report.period.label) });
  return {
    locale: lang,
    title: tr("returns.title", { store: report.store.name }),
    verdict: returnsVerdict(report, lang),
    subtitle: tr("returns.subtitle", { period: periodText, basis: report.basis, dim: dimWord(tr, report.by) }),
    meta: [
      [tr("returns.meta.store"), `${report.store.name} (${report.store.platform})`],
      [tr("returns.meta.period"), periodText],
      [tr("returns.meta.basis"), tr(report.basis === "cohort" ? "returns.basis.cohort" : "returns.basis.period")],
      [tr("returns.meta.threshold"), tr("returns.meta.threshold_value", { threshold: pct(report.threshold), min: report.minUnits })],
      [tr("returns.meta.window"), tr("returns.meta.window_value", { days: report.returnWindowDays })],
      [tr("returns.meta.currency"), report.currency],
      [tr("returns.meta.findings"), report.flags.length === 0 ? tr("common.none") : formatNumber(report.flags.length)],
      [tr("returns.meta.generated"), formatInstant(report.generatedAt, report.timezone)],
    ],
    tables,
    charts,
    notes: [
      ...report.warnings.map((w) => tr.text(w)),
      tr("returns.note.rates"),
      tr("returns.note.status", { minUnits: report.minUnits }),
      tr("returns.note.counts", { orders: report.counts.ordersRead, returns: report.counts.returnsRead }),
    ],
  };
}

/** The JSON document (docs/schemas/returns-audit.schema.json). */
export function returnsJson(report: ReturnsAuditReport): z.output<typeof returnsAuditSchema> {
  return conform(
    returnsAuditSchema,
    {
      ...report,
      // The catalog messages stay out of the JSON: message and advice carry the English.
      flags: report.flags.map(({ text: _text, adviceText: _advice, ...f }) => f),
      warnings: report.warnings.map(english),
      tz: report.timezone,
      money_unit: "minor",
      unmatched_reasons: report.unmatched,
    },
    { tz: report.timezone },
  );
}
