/**
 * The KPI report as a document (for table, csv, md, xlsx, html) and as JSON (for machines).
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import { CATALOGS, english, type Locale, type MessageId, type Translator, translator } from "../core/i18n/index.js";
import type { MetricResult } from "../core/kpi/compute.js";
import { TRAFFIC_SOURCES } from "../core/model.js";
import { ALWAYS, type Chart, type ColumnKind, DETAIL, type ReportDocument, type Row, type Tile } from "../core/report.js";
import { formatInstant, formatValue } from "../io/format.js";
import type { KpiReport } from "./report-kpi.js";
import { kpiReportSchema } from "./schemas/index.js";

const KIND: Record<MetricResult["unit"], ColumnKind> = {
  integer: "integer",
  money: "money",
  percent: "percent",
  ratio: "number",
  duration: "duration",
};

function thresholdText(m: MetricResult): string {
  if (!m.threshold) return "";
  const v = m.threshold.value;
  const shown = m.unit === "percent" ? `${+(v * 100).toFixed(2)}%` : m.unit === "duration" ? `${v} s` : String(v);
  return `${m.threshold.op} ${shown}`;
}

function periodText(p: { first: string; last: string }): string {
  return p.first === p.last ? p.first : `${p.first}..${p.last}`;
}

/** A period's name as people say it: "yesterday" / 昨天, "last 30 days" / 近30天; a range stays a range. */
export function periodName(tr: Translator, label: string): string {
  const days = /^last-(\d+)-days$/.exec(label);
  if (days) return tr("period.last-days", { days: days[1] });
  const known = ["yesterday", "today", "this-week", "last-week", "this-month", "last-month"];
  return known.includes(label) ? tr(`period.${label}` as MessageId) : label;
}

/** "2026-11-18..2026-11-24 (last 7 days)"; a period asked for as a range is not repeated. */
function labelled(tr: Translator, p: { first: string; last: string; label: string }): string {
  const range = periodText(p);
  return p.label === range ? range : tr("period.labelled", { range, label: periodName(tr, p.label) });
}

/** The title says what the period is: a daily report for one day, weekly, monthly, or "last 30 days". */
function kpiTitle(tr: Translator, report: KpiReport): string {
  const p = report.period;
  const days = /^last-(\d+)-days$/.exec(p.label);
  const kind = p.first === p.last ? "day" : /week/.test(p.label) ? "week" : /month/.test(p.label) ? "month" : days ? "last" : "range";
  return tr("kpi.title", { kind, days: days?.[1] ?? "", range: periodText(p), store: report.store.name });
}

/** A metric's name; a per-channel one names its channel in words ("ROAS (social)" / 广告投产比（社交媒体）). */
export function metricLabel(tr: Translator, m: { id: string; label: string; labelZh: string }): string {
  const [base, channel] = m.id.split(":");
  const key = `kpi.metric.${base}` as MessageId;
  const own = CATALOGS.en[key] !== undefined ? tr(key) : tr.locale === "en" ? m.label : m.labelZh;
  if (!channel) return own;
  const name = channelName(tr, channel);
  return tr("kpi.channel_label", {
    label: tr(base === "roas" ? "kpi.metric_channel.roas" : "kpi.metric_channel.cac"),
    channel: name,
  });
}

/** A traffic source in words ("paid search" / 付费搜索); one we do not know as it is. */
function channelName(tr: Translator, channel: string): string {
  return (TRAFFIC_SOURCES as readonly string[]).includes(channel) ? tr(`channel.${channel}` as MessageId) : channel;
}

/**
 * A metric's formula or date basis in the run's language (`--explain`): the catalog's text for the
 * metric; a metric the catalog does not know keeps its definition's English.
 */
function definitionText(tr: Translator, m: MetricResult, part: "formula" | "basis_of", conversionBasis: string): string {
  const [base, channel] = m.id.split(":");
  if (part === "formula" && base === "conversion_rate") return tr(`kpi.basis.${conversionBasis}` as MessageId);
  const key = `kpi.${part}.${channel ? `${base}_channel` : base}` as MessageId;
  if (CATALOGS.en[key] === undefined) return part === "formula" ? m.formula : m.basis;
  return tr(key, { channel: channel ? channelName(tr, channel) : "", orders: tr("kpi.basis_of.orders_placed") });
}

const BROKEN_OP: Record<string, string> = { ">=": "<", "<=": ">" };

/** One breach as the table shows it: "ROAS 2.60 < 3", "Return rate 18.2% > 15%" (labels, not ids). */
export function breachText(m: MetricResult, currency: string, lang: Locale = "en"): string {
  const label = metricLabel(translator(lang), m);
  const value = formatValue(m.value, KIND[m.unit], { currency });
  if (!m.threshold) return `${label} ${value}`;
  return `${label} ${value} ${BROKEN_OP[m.threshold.op] ?? "vs"} ${thresholdText(m).replace(/^\S+ /, "")}`;
}

/** The breaches in one line: "2 breaches: ROAS 2.60 < 3, Return rate 18.2% > 15%". */
export function kpiBreachLine(report: KpiReport, lang: Locale = "en"): string {
  const items = report.breaches.map((b) => breachText(b, report.currency, lang)).join(lang === "en" ? ", " : "，");
  return translator(lang)("kpi.breach_line", { count: report.breaches.length, items });
}

/** The report's one-line verdict: "2 breaches: ROAS 2.60 < 3, Return rate 18.2% > 15%", or that there are none. */
export function kpiVerdict(report: KpiReport, lang: Locale = "en"): string {
  const tr = translator(lang);
  const missing = report.metrics.filter((m) => m.status === "n/a").length;
  const na = missing > 0 ? tr("kpi.verdict.na", { count: missing }) : "";
  if (report.breaches.length === 0) return tr("kpi.verdict.none", { na });
  return tr("kpi.verdict.breaches", { line: kpiBreachLine(report, lang), na });
}

export function kpiDocument(report: KpiReport, opts: { explain?: boolean; lang?: Locale } = {}): ReportDocument {
  const lang = opts.lang ?? "en";
  const tr = translator(lang);
  const rows: Row[] = report.metrics.map((m) => ({
    cells: {
      metric: metricLabel(tr, m),
      id: m.id,
      value: m.value,
      previous: m.previous,
      change: m.change,
      threshold: thresholdText(m),
      status: m.status,
      note: m.note ? tr.text(m.note) : "",
    },
    kinds: { value: KIND[m.unit], previous: KIND[m.unit] },
    currency: report.currency,
    status: m.status === "info" ? "ok" : m.status,
  }));
  const columns = [
    { key: "metric", label: tr("kpi.col.metric"), kind: "text" as const, priority: ALWAYS },
    { key: "value", label: tr("kpi.col.value"), kind: "number" as const, priority: ALWAYS },
    ...(report.previousPeriod
      ? [
          { key: "previous", label: tr("kpi.col.previous"), kind: "number" as const, priority: DETAIL },
          { key: "change", label: tr("kpi.col.change"), kind: "percent" as const },
        ]
      : []),
    { key: "threshold", label: tr("kpi.col.threshold"), kind: "text" as const },
    { key: "status", label: tr("kpi.col.status"), kind: "status" as const, priority: ALWAYS },
    { key: "note", label: tr("kpi.col.note"), kind: "text" as const, footnote: true },
    { key: "id", label: "id", kind: "text" as const, machineOnly: true },
  ];
  const tables: ReportDocument["tables"] = [{ id: "kpis", title: tr("kpi.table.kpis"), columns, rows }];
  if (opts.explain) {
    tables.push({
      id: "definitions",
      title: tr("kpi.table.definitions"),
      columns: [
        { key: "id", label: "id", kind: "text", priority: DETAIL },
        { key: "metric", label: tr("kpi.col.metric"), kind: "text", priority: ALWAYS },
        { key: "formula", label: tr("kpi.col.formula"), kind: "text", priority: ALWAYS },
        { key: "basis", label: tr("kpi.col.basis"), kind: "text" },
      ],
      rows: report.metrics.map((m) => ({
        cells: {
          id: m.id,
          metric: metricLabel(tr, m),
          formula: definitionText(tr, m, "formula", report.conversionBasis),
          basis: definitionText(tr, m, "basis_of", report.conversionBasis),
        },
      })),
    });
  }
  const charts = dailyCharts(report, tr);
  if (report.sessionsBySource.length > 0) {
    charts.push({
      id: "traffic-sources",
      title: tr("kpi.chart.sessions"),
      kind: "bar",
      unit: "integer",
      x: report.sessionsBySource.map((s) => channelName(tr, s.source)),
      series: [
        { name: periodText(report.period), values: report.sessionsBySource.map((s) => s.current) },
        ...(report.previousPeriod
          ? [{ name: periodText(report.previousPeriod), values: report.sessionsBySource.map((s) => s.previous) }]
          : []),
      ],
    });
  }
  const breaches = report.breaches.length;
  return {
    locale: lang,
    title: kpiTitle(tr, report),
    verdict: kpiVerdict(report, lang),
    subtitle: report.previousPeriod
      ? tr("kpi.vs", { period: labelled(tr, report.period), previous: periodText(report.previousPeriod) })
      : labelled(tr, report.period),
    tiles: kpiTiles(report, tr),
    meta: [
      [tr("kpi.meta.store"), `${report.store.name} (${report.store.platform})`],
      [tr("kpi.meta.period"), labelled(tr, report.period)],
      [tr("kpi.meta.compared"), report.previousPeriod ? periodText(report.previousPeriod) : tr("common.none")],
      ...(report.sources && report.sources.length > 0 ? [[tr("kpi.meta.sources"), report.sources.join("; ")] as [string, string]] : []),
      [tr("kpi.meta.timezone"), report.timezone],
      [tr("kpi.meta.currency"), report.currency],
      [tr("kpi.meta.conversion"), tr(`kpi.basis.${report.conversionBasis}`)],
      [
        tr("kpi.meta.breaches"),
        breaches === 0 ? tr("common.none") : report.breaches.map((b) => metricLabel(tr, b)).join(lang === "en" ? ", " : "、"),
      ],
      [tr("kpi.meta.generated"), formatInstant(report.generatedAt, report.timezone)],
    ],
    tables,
    charts,
    notes: [
      ...(report.dataSource ? [tr("kpi.note.data", { note: report.dataSource.note })] : []),
      ...report.warnings.map((w) => tr.text(w)),
      tr("kpi.note.na"),
      tr("kpi.note.change"),
      tr("kpi.note.counts", {
        read: report.counts.ordersRead,
        test: report.counts.testOrdersSkipped,
        cancelled: report.counts.cancelledOrdersSkipped,
      }),
    ],
    hints: opts.explain ? [] : [tr("kpi.note.explain")],
  };
}

/** Metrics a reader looks at first; every metric with a threshold joins them as a tile. */
const HEADLINE = new Set(["gmv", "net_sales", "orders", "visitors", "conversion_rate", "aov", "return_rate_units", "roas"]);
/** Without a threshold to say which way is good, these are the metrics where less is better. */
const LOWER_IS_BETTER = new Set([
  "refunds",
  "return_rate_units",
  "return_rate_value",
  "cac",
  "chat_first_response_median",
  "chat_first_response_p90",
]);

function kpiTiles(report: KpiReport, tr: Translator): Tile[] {
  return report.metrics
    .filter((m) => HEADLINE.has(m.id) || m.threshold !== null)
    .map((m) => ({
      id: m.id,
      label: metricLabel(tr, m),
      value: m.value,
      unit: KIND[m.unit],
      currency: report.currency,
      ...(report.previousPeriod ? { previous: m.previous, change: m.change } : {}),
      higherIsBetter: m.threshold ? m.threshold.op === ">=" : !LOWER_IS_BETTER.has(m.id),
      status: m.status,
      threshold: thresholdText(m).replace(">=", "≥").replace("<=", "≤"),
      ...(m.note ? { note: english(m.note) } : {}),
    }));
}

/**
 * Money, orders and visitors per day, each on its own axis from zero (visitors outnumber orders
 * a hundredfold: on one axis the orders line would lie flat); conversion against its band.
 */
function dailyCharts(report: KpiReport, tr: Translator): Chart[] {
  const x = report.daily.map((d) => d.day.slice(5));
  const conversion = report.metrics.find((m) => m.id === "conversion_rate");
  const band = [
    ...(conversion?.threshold ? [{ name: tr("kpi.series.threshold"), value: conversion.threshold.value }] : []),
    { name: tr("kpi.series.band_top"), value: report.thresholds.conversionRateMax },
  ];
  return [
    {
      id: "gmv-daily",
      title: tr("kpi.chart.gmv"),
      kind: "line",
      unit: "money",
      currency: report.currency,
      x,
      series: [{ name: "GMV", values: report.daily.map((d) => d.gmv) }],
    },
    {
      id: "orders-daily",
      title: tr("kpi.chart.orders"),
      kind: "bar",
      unit: "integer",
      x,
      series: [{ name: tr("kpi.series.orders"), values: report.daily.map((d) => d.orders) }],
    },
    {
      id: "visitors-daily",
      title: tr("kpi.chart.visitors"),
      kind: "line",
      unit: "integer",
      x,
      series: [{ name: tr("kpi.series.visitors"), values: report.daily.map((d) => d.visitors) }],
    },
    {
      id: "conversion-daily",
      title: tr("kpi.chart.conversion"),
      kind: "line",
      unit: "percent",
      x,
      series: [{ name: tr("kpi.series.conversion"), values: report.daily.map((d) => d.conversionRate) }],
      markLines: band,
    },
  ];
}

/** The JSON document: every metric with its definition, value, threshold and status (docs/schemas/kpi-report.schema.json). */
export function kpiJson(report: KpiReport): z.output<typeof kpiReportSchema> {
  return conform(
    kpiReportSchema,
    {
      ...report,
      tz: report.timezone,
      money_unit: "minor",
      warnings: report.warnings.map(english),
      definitions: Object.fromEntries(report.metrics.map((m) => [m.id, m])),
      breaches: report.breaches.map((m) => m.id),
      rows: report.metrics.map((m) => ({ ...m, ...(m.note !== undefined ? { note: english(m.note) } : {}) })),
    },
    { tz: report.timezone },
  );
}
