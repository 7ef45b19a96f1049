/**
 * The returns audit as a document (table, csv, md, xlsx workbook, html) and as JSON.
 */

import type { z } from "zod";
import { conform } from "../core/contract.js";
import type { Chart, Column, ReportDocument, Row, Table } from "../core/report.js";
import type { GroupRow } from "../core/returns/audit.js";
import { REASONS } from "../core/returns/reasons.js";
import type { ReturnsAuditReport } from "./audit-returns.js";
import { returnsAuditSchema } from "./schemas/index.js";

const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;
const DIM_TITLE: Record<string, string> = {
  sku: "By SKU",
  variant: "By variant",
  product: "By product",
  size: "By size",
  colour: "By colour",
  category: "By category",
  reason: "By reason",
};

function groupTable(id: string, title: string, dimLabel: string, rows: GroupRow[], report: ReturnsAuditReport): Table {
  const columns: Column[] = [
    { key: "group", label: dimLabel, kind: "text" },
    { key: "units_sold", label: "Units sold", kind: "integer" },
    { key: "units_returned", label: "Units returned", kind: "integer" },
    { key: "rate_units", label: "Rate (units)", kind: "percent", highlightAbove: report.threshold },
    { key: "ci_low", label: "95% low", kind: "percent" },
    { key: "rate_orders", label: "Rate (orders)", kind: "percent" },
    { key: "rate_value", label: "Rate (value)", kind: "percent" },
    { key: "refunds", label: "Refunds", kind: "money", currency: report.currency },
    { key: "top_reason", label: "Top reason", kind: "text" },
    { key: "status", label: "Status", kind: "status" },
    { key: "key", label: "key", kind: "text", machineOnly: true },
  ];
  return {
    id,
    title,
    columns,
    textRowLimit: 40,
    rows: rows.map(
      (r): Row => ({
        cells: {
          group: r.label,
          units_sold: r.unitsSold,
          units_returned: r.returnedUnits,
          rate_units: r.rateUnits,
          ci_low: r.low,
          rate_orders: r.rateOrders,
          rate_value: r.rateValue,
          refunds: r.refundValue,
          top_reason: r.topReason ? `${REASONS[r.topReason.category].label} ${Math.round(r.topReason.share * 100)}%` : "",
          status: r.status === "breach" ? "breach" : r.status === "low_volume" ? "low volume" : r.status,
          key: r.key,
        },
        status: r.status === "breach" ? "breach" : "ok",
      }),
    ),
  };
}

export function returnsDocument(report: ReturnsAuditReport, opts: { lang?: "en" | "zh" } = {}): ReportDocument {
  const zh = opts.lang === "zh";
  const s = report.summary;
  const summary: Table = {
    id: "summary",
    title: "Summary",
    columns: [
      { key: "metric", label: "Metric", kind: "text" },
      { key: "value", label: "Value", kind: "percent" },
      { key: "detail", label: "Detail", kind: "text" },
      { key: "status", label: "Status", kind: "status" },
    ],
    rows: [
      {
        cells: {
          metric: "Return rate (units)",
          value: s.rateUnits,
          detail: `${s.returnedUnits} of ${s.unitsSold} units`,
          status: s.status,
        },
        status: s.status === "breach" ? "breach" : "ok",
      },
      {
        cells: {
          metric: "Return rate (orders)",
          value: s.rateOrders,
          detail: `${s.returnedOrders} of ${s.orders} orders`,
          status: s.rateOrders === null ? "n/a" : "info",
        },
      },
      {
        cells: {
          metric: "Return rate (value)",
          value: s.rateValue,
          detail: `refunds over merchandise sales (items − discounts)`,
          status: s.rateValue === null ? "n/a" : "info",
        },
      },
      {
        cells: { metric: "Refunds", value: s.refundValue, detail: `${s.returns} returns`, status: "info" },
        kinds: { value: "money" },
        currency: report.currency,
      },
      {
        cells: {
          metric: "Returns not counted",
          value: report.issues.length,
          detail: "see Data issues",
          status: report.issues.length > 0 ? "n/a" : "ok",
        },
        kinds: { value: "integer" },
      },
    ],
  };
  const tables: Table[] = [summary];
  const dimTitle = DIM_TITLE[report.by] ?? `By ${report.by}`;
  if (report.by !== "reason") tables.push(groupTable(`by-${report.by}`, dimTitle, report.by, report.rows, report));
  if (report.by !== "sku") tables.push(groupTable("by-sku", "By SKU", "sku", report.bySku, report));
  if (report.by !== "size") tables.push(groupTable("by-size", "By size", "size", report.bySize, report));
  tables.push({
    id: "by-reason",
    title: "By reason",
    columns: [
      { key: "reason", label: "Reason", kind: "text" },
      { key: "units", label: "Units returned", kind: "integer" },
      { key: "share", label: "Share of returns", kind: "percent" },
      { key: "rate", label: "Of units sold", kind: "percent" },
      { key: "from_code", label: "By code", kind: "integer" },
      { key: "from_text", label: "By keyword", kind: "integer" },
      { key: "unmatched", label: "Unmatched", kind: "integer" },
      { key: "advice", label: "What to check", kind: "text" },
      { key: "category", label: "category", kind: "text", machineOnly: true },
    ],
    rows: report.reasons.map((r) => ({
      cells: {
        reason: zh ? r.labelZh : r.label,
        units: r.units,
        share: r.share,
        rate: r.rate,
        from_code: r.decidedBy.code,
        from_text: r.decidedBy.keyword,
        unmatched: r.decidedBy.none,
        advice: r.advice,
        category: r.category,
      },
    })),
  });
  tables.push({
    id: "flags",
    title: "Flags",
    columns: [
      { key: "kind", label: "Finding", kind: "text" },
      { key: "message", label: "What and what to do", kind: "text" },
      { key: "key", label: "key", kind: "text", machineOnly: true },
    ],
    rows: report.flags.map((f) => ({
      cells: { kind: f.kind.replace(/_/g, " "), message: f.message, key: f.key },
      status: f.kind === "high_return_rate" ? "breach" : "ok",
    })),
  });
  if (report.unmatched.length > 0) {
    tables.push({
      id: "unmatched",
      title: "Unmatched reasons (as written)",
      columns: [
        { key: "text", label: "Reason text", kind: "text" },
        { key: "returns", label: "Returns", kind: "integer" },
      ],
      rows: report.unmatched.map((u) => ({ cells: { text: u.text, returns: u.returns } })),
    });
  }
  if (report.issues.length > 0) {
    tables.push({
      id: "issues",
      title: "Data issues",
      columns: [
        { key: "kind", label: "Issue", kind: "text" },
        { key: "return_id", label: "Return", kind: "text" },
        { key: "order_id", label: "Order", kind: "text" },
        { key: "sku", label: "SKU", kind: "text" },
        { key: "quantity", label: "Qty", kind: "integer" },
        { key: "message", label: "Detail", kind: "text" },
      ],
      textRowLimit: 40,
      rows: report.issues.map((i) => ({
        cells: {
          kind: i.kind.replace(/_/g, " "),
          return_id: i.returnId,
          order_id: i.orderId,
          sku: i.sku ?? "",
          quantity: i.quantity,
          message: i.message,
        },
      })),
    });
  }
  const top = report.rows.filter((r) => r.status !== "low_volume").slice(0, 15);
  const charts: Chart[] = [];
  if (top.length > 0) {
    charts.push({
      id: "rate-by-group",
      title: `Return rate (units) ${dimTitle.toLowerCase()}, top ${top.length} by units returned; threshold ${pct(report.threshold)}`,
      kind: "bar",
      unit: "percent",
      x: top.map((r) => r.key),
      series: [
        { name: "Return rate", values: top.map((r) => r.rateUnits) },
        { name: "Threshold", values: top.map(() => report.threshold) },
      ],
    });
  }
  if (report.reasons.length > 0) {
    charts.push({
      id: "reasons",
      title: "Share of returned units by reason",
      kind: "bar",
      unit: "percent",
      x: report.reasons.map((r) => (zh ? r.labelZh : r.label)),
      series: [{ name: "Share", values: report.reasons.map((r) => r.share) }],
    });
  }
  const sizes = report.bySize.filter((r) => r.key !== "(none)" && r.unitsSold >= report.minUnits);
  if (sizes.length > 1) {
    charts.push({
      id: "rate-by-size",
      title: "Return rate (units) by size",
      kind: "bar",
      unit: "percent",
      x: sizes.map((r) => r.key),
      series: [{ name: "Return rate", values: sizes.map((r) => r.rateUnits) }],
    });
  }
  const range = report.period.first === report.period.last ? report.period.first : `${report.period.first}..${report.period.last}`;
  const periodText = report.period.label === range ? range : `${range} (${report.period.label})`;
  return {
    title: `${zh ? "退货审计" : "Returns audit"} · ${report.store.name}`,
    subtitle: `${periodText}, ${report.basis} basis, by ${report.by}`,
    meta: [
      ["Store", `${report.store.name} (${report.store.platform})`],
      ["Period", periodText],
      ["Basis", report.basisText],
      [
        "Threshold",
        `${pct(report.threshold)} of units; a group is flagged when its 95% Wilson lower bound is above it and it sold at least ${report.minUnits} units`,
      ],
      ["Return window", `${report.returnWindowDays} days`],
      ["Currency", report.currency],
      ["Findings", report.flags.length === 0 ? "none" : `${report.flags.length}`],
      ["Generated at", report.generatedAt],
    ],
    tables,
    charts,
    notes: [
      ...report.warnings,
      "Rates: units = units returned / units sold; orders = orders with a return / orders; value = refunds / merchandise sales (items − discounts).",
      "Status: breach = above the threshold beyond doubt (95% lower bound above it); watch = above it but on too little evidence; low volume = fewer units sold than --min-units.",
      `Orders read: ${report.counts.ordersRead}; returns read: ${report.counts.returnsRead}.`,
    ],
  };
}

/** The JSON document (docs/schemas/returns-audit.schema.json). */
export function returnsJson(report: ReturnsAuditReport): z.output<typeof returnsAuditSchema> {
  return conform(
    returnsAuditSchema,
    { ...report, tz: report.timezone, money_unit: "minor", unmatched_reasons: report.unmatched },
    { tz: report.timezone },
  );
}
