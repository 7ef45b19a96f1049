/**
 * The KPI report as a document (for table, csv, md, xlsx, html) and as JSON (for machines).
 */
import type { MetricResult } from "../core/kpi/compute.js";
import { CONVERSION_FORMULAS } from "../core/kpi/definitions.js";
import type { Chart, ColumnKind, ReportDocument, Row, Tile } from "../core/report.js";
import type { KpiReport } from "./report-kpi.js";

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
    { key: "metric", label: zh ? "指标" : "Metric", kind: "text" as const },
    { key: "value", label: zh ? "本期" : "Value", kind: "number" as const },
    ...(report.previousPeriod
      ? [
          { key: "previous", label: zh ? "上期" : "Previous", kind: "number" as const },
          { key: "change", label: zh ? "变化" : "Change", kind: "percent" as const },
        ]
      : []),
    { key: "threshold", label: zh ? "阈值" : "Threshold", kind: "text" as const },
    { key: "status", label: zh ? "状态" : "Status", kind: "status" as const },
    { key: "note", label: zh ? "说明" : "Note", kind: "text" as const },
    { key: "id", label: "id", kind: "text" as const, machineOnly: true },
  ];
  const tables: ReportDocument["tables"] = [{ id: "kpis", title: zh ? "关键指标" : "KPIs", columns, rows }];
  if (opts.explain) {
    tables.push({
      id: "definitions",
      title: zh ? "指标定义" : "Definitions",
      columns: [
        { key: "id", label: "id", kind: "text" },
        { key: "metric", label: zh ? "指标" : "Metric", kind: "text" },
        { key: "formula", label: zh ? "公式" : "Formula", kind: "text" },
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
      [zh ? "超标" : "Breaches", breaches === 0 ? "none" : report.breaches.map((b) => b.id).join(", ")],
      [zh ? "生成时间" : "Generated at", report.generatedAt],
    ],
    tables,
    charts,
    notes: [
      ...(report.dataSource ? [`Data: ${report.dataSource.note}.`] : []),
      ...report.warnings,
      "n/a: the inputs of that metric are missing (see its note); it is never shown as 0.",
      "Change is relative to the previous period: (value − previous) / previous.",
      `Orders read: ${report.counts.ordersRead}; test orders ignored: ${report.counts.testOrdersSkipped}; cancelled orders ignored: ${report.counts.cancelledOrdersSkipped}.`,
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

/** The JSON document: every metric with its definition id, value, threshold and status. */
export function kpiJson(report: KpiReport): Record<string, unknown> {
  return {
    schema_version: report.schemaVersion,
    generated_at: report.generatedAt,
    store: report.store,
    tz: report.timezone,
    currency: report.currency,
    money_unit: "minor",
    period: report.period,
    previous_period: report.previousPeriod,
    conversion_basis: report.conversionBasis,
    definitions: Object.fromEntries(
      report.metrics.map((m) => [m.id, { label: m.label, label_zh: m.labelZh, unit: m.unit, formula: m.formula, basis: m.basis }]),
    ),
    thresholds: report.thresholds,
    breaches: report.breaches.map((m) => m.id),
    rows: report.metrics.map((m) => ({
      id: m.id,
      group: m.group,
      unit: m.unit,
      value: m.value,
      previous: m.previous,
      change: m.change,
      threshold: m.threshold,
      status: m.status,
      ...(m.note ? { note: m.note } : {}),
    })),
    daily: report.daily,
    sessions_by_source: report.sessionsBySource,
    counts: report.counts,
    ...(report.dataSource
      ? {
          data_source: {
            kind: report.dataSource.kind,
            sync_completed_at: report.dataSource.syncCompletedAt,
            waited_for_sync: report.dataSource.waitedForSync,
            note: report.dataSource.note,
          },
        }
      : {}),
    warnings: report.warnings,
  };
}
