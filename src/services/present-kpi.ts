/**
 * The KPI report as a document (for table, csv, md, xlsx, html) and as JSON (for machines).
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import type { MetricResult } from "../core/kpi/compute.js";
import { CONVERSION_FORMULAS } from "../core/kpi/definitions.js";
import { ALWAYS, type Chart, type ColumnKind, DETAIL, type ReportDocument, type Row, type Tile } from "../core/report.js";
import { formatInstant, formatNumber, formatValue } from "../io/format.js";
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

/** "2026-11-18..2026-11-24 (last-7-days)"; a period asked for as a range is not repeated. */
function labelled(p: { first: string; last: string; label: string }): string {
  const range = periodText(p);
  return p.label === range ? range : `${range} (${p.label})`;
}

const BROKEN_OP: Record<string, string> = { ">=": "<", "<=": ">" };

/** One breach as the table shows it: "ROAS 2.60 < 3", "Return rate 18.2% > 15%" (labels, not ids). */
export function breachText(m: MetricResult, currency: string, lang: "en" | "zh" = "en"): string {
  const label = lang === "zh" ? m.labelZh : m.label;
  const value = formatValue(m.value, KIND[m.unit], { currency });
  if (!m.threshold) return `${label} ${value}`;
  return `${label} ${value} ${BROKEN_OP[m.threshold.op] ?? "vs"} ${thresholdText(m).replace(/^\S+ /, "")}`;
}

/** The breaches in one line: "2 breaches: ROAS 2.60 < 3, Return rate 18.2% > 15%". */
export function kpiBreachLine(report: KpiReport, lang: "en" | "zh" = "en"): string {
  const n = report.breaches.length;
  return `${n} breach${n === 1 ? "" : "es"}: ${report.breaches.map((b) => breachText(b, report.currency, lang)).join(", ")}`;
}

/** The report's one-line verdict: "2 breaches: ROAS 2.60 < 3, Return rate 18.2% > 15%", or that there are none. */
export function kpiVerdict(report: KpiReport, lang: "en" | "zh" = "en"): string {
  const n = report.breaches.length;
  const missing = report.metrics.filter((m) => m.status === "n/a").length;
  const na = missing > 0 ? `; ${missing} KPI${missing === 1 ? "" : "s"} n/a (inputs missing)` : "";
  if (n === 0) return `No breaches${na}.`;
  return `${kpiBreachLine(report, lang)}${na}.`;
}

export function kpiDocument(report: KpiReport, opts: { explain?: boolean; lang?: "en" | "zh" } = {}): ReportDocument {
  const zh = opts.lang === "zh";
  const rows: Row[] = report.metrics.map((m) => ({
    cells: {
      metric: zh ? m.labelZh : m.label,
      id: m.id,
      value: m.value,
      previous: m.previous,
      change: m.change,
      threshold: thresholdText(m),
      status: m.status,
      note: m.note ?? "",
    },
    kinds: { value: KIND[m.unit], previous: KIND[m.unit] },
    currency: report.currency,
    status: m.status === "info" ? "ok" : m.status,
  }));
  const columns = [
    { key: "metric", label: zh ? "指标" : "Metric", kind: "text" as const, priority: ALWAYS },
    { key: "value", label: zh ? "本期" : "Value", kind: "number" as const, priority: ALWAYS },
    ...(report.previousPeriod
      ? [
          { key: "previous", label: zh ? "上期" : "Previous", kind: "number" as const, priority: DETAIL },
          { key: "change", label: zh ? "变化" : "Change", kind: "percent" as const },
        ]
      : []),
    { key: "threshold", label: zh ? "阈值" : "Threshold", kind: "text" as const },
    { key: "status", label: zh ? "状态" : "Status", kind: "status" as const, priority: ALWAYS },
    { key: "note", label: zh ? "说明" : "Note", kind: "text" as const, footnote: true },
    { key: "id", label: "id", kind: "text" as const, machineOnly: true },
  ];
  const tables: ReportDocument["tables"] = [{ id: "kpis", title: zh ? "关键指标" : "KPIs", columns, rows }];
  if (opts.explain) {
    tables.push({
      id: "definitions",
      title: zh ? "指标定义" : "Definitions",
      columns: [
        { key: "id", label: "id", kind: "text", priority: DETAIL },
        { key: "metric", label: zh ? "指标" : "Metric", kind: "text", priority: ALWAYS },
        { key: "formula", label: zh ? "公式" : "Formula", kind: "text", priority: ALWAYS },
        { key: "basis", label: zh ? "口径" : "Basis", kind: "text" },
      ],
      rows: report.metrics.map((m) => ({ cells: { id: m.id, metric: zh ? m.labelZh : m.label, formula: m.formula, basis: m.basis } })),
    });
  }
  const charts = dailyCharts(report, zh);
  if (report.sessionsBySource.length > 0) {
    charts.push({
      id: "traffic-sources",
      title: zh ? "流量来源（访问次数）" : "Sessions by source",
      kind: "bar",
      unit: "integer",
      x: report.sessionsBySource.map((s) => s.source),
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
    title: zh ? `经营指标日报 · ${report.store.name}` : `KPI report · ${report.store.name}`,
    verdict: kpiVerdict(report, opts.lang),
    subtitle: `${labelled(report.period)}${report.previousPeriod ? ` vs ${periodText(report.previousPeriod)}` : ""}`,
    tiles: kpiTiles(report, zh),
    meta: [
      [zh ? "店铺" : "Store", `${report.store.name} (${report.store.platform})`],
      [zh ? "统计期" : "Period", labelled(report.period)],
      [zh ? "对比期" : "Compared with", report.previousPeriod ? periodText(report.previousPeriod) : "none"],
      ...(report.sources && report.sources.length > 0
        ? [[zh ? "数据来源" : "Read from", report.sources.join("; ")] as [string, string]]
        : []),
      [zh ? "时区" : "Time zone", report.timezone],
      [zh ? "币种" : "Currency", report.currency],
      [zh ? "转化率口径" : "Conversion basis", `${report.conversionBasis}: ${CONVERSION_FORMULAS[report.conversionBasis]}`],
      [zh ? "超标" : "Breaches", breaches === 0 ? "none" : report.breaches.map((b) => (zh ? b.labelZh : b.label)).join(", ")],
      [zh ? "生成时间" : "Generated at", formatInstant(report.generatedAt, report.timezone)],
    ],
    tables,
    charts,
    notes: [
      ...(report.dataSource ? [`Data: ${report.dataSource.note}.`] : []),
      ...report.warnings,
      "n/a: the inputs of that metric are missing (see its note); it is never shown as 0.",
      "Change is relative to the previous period: (value − previous) / previous.",
      `Orders read: ${formatNumber(report.counts.ordersRead)}; test orders ignored: ${formatNumber(report.counts.testOrdersSkipped)}; cancelled orders ignored: ${formatNumber(report.counts.cancelledOrdersSkipped)}.`,
    ],
    hints: opts.explain ? [] : ["Run with --explain for each metric's definition."],
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

function kpiTiles(report: KpiReport, zh: boolean): Tile[] {
  return report.metrics
    .filter((m) => HEADLINE.has(m.id) || m.threshold !== null)
    .map((m) => ({
      id: m.id,
      label: zh ? m.labelZh : m.label,
      value: m.value,
      unit: KIND[m.unit],
      currency: report.currency,
      ...(report.previousPeriod ? { previous: m.previous, change: m.change } : {}),
      higherIsBetter: m.threshold ? m.threshold.op === ">=" : !LOWER_IS_BETTER.has(m.id),
      status: m.status,
      threshold: thresholdText(m).replace(">=", "≥").replace("<=", "≤"),
      ...(m.note ? { note: m.note } : {}),
    }));
}

/**
 * Money, orders and visitors per day, each on its own axis from zero (visitors outnumber orders
 * a hundredfold: on one axis the orders line would lie flat); conversion against its band.
 */
function dailyCharts(report: KpiReport, zh: boolean): Chart[] {
  const x = report.daily.map((d) => d.day.slice(5));
  const conversion = report.metrics.find((m) => m.id === "conversion_rate");
  const band = [
    ...(conversion?.threshold ? [{ name: zh ? "阈值" : "Threshold", value: conversion.threshold.value }] : []),
    { name: zh ? "正常区间上限" : "Normal band top", value: report.thresholds.conversionRateMax },
  ];
  return [
    {
      id: "gmv-daily",
      title: zh ? "每日成交额" : "GMV per day",
      kind: "line",
      unit: "money",
      currency: report.currency,
      x,
      series: [{ name: "GMV", values: report.daily.map((d) => d.gmv) }],
    },
    {
      id: "orders-daily",
      title: zh ? "每日订单数" : "Orders per day",
      kind: "bar",
      unit: "integer",
      x,
      series: [{ name: zh ? "订单" : "Orders", values: report.daily.map((d) => d.orders) }],
    },
    {
      id: "visitors-daily",
      title: zh ? "每日访客数" : "Visitors per day",
      kind: "line",
      unit: "integer",
      x,
      series: [{ name: zh ? "访客" : "Visitors", values: report.daily.map((d) => d.visitors) }],
    },
    {
      id: "conversion-daily",
      title: zh ? "每日转化率" : "Conversion rate per day",
      kind: "line",
      unit: "percent",
      x,
      series: [{ name: zh ? "转化率" : "Conversion", values: report.daily.map((d) => d.conversionRate) }],
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
      definitions: Object.fromEntries(report.metrics.map((m) => [m.id, m])),
      breaches: report.breaches.map((m) => m.id),
      rows: report.metrics,
    },
    { tz: report.timezone },
  );
}
