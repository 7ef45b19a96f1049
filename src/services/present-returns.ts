/**
 * The returns audit as a document (table, csv, md, xlsx workbook, html) and as JSON.
 */

import type { z } from "zod";
import { createAttributeDictionary, type SizeFamily, sizeFamily } from "../core/attributes/index.js";
import { conform } from "../core/contract.js";
import { ALWAYS, type Chart, type Column, DETAIL, type ReportDocument, type Row, type Table } from "../core/report.js";
import type { GroupRow } from "../core/returns/audit.js";
import { REASONS } from "../core/returns/reasons.js";
import { countOf, formatInstant, formatNumber, formatPercent } from "../io/format.js";
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
  courier: "By courier",
};

const SIZE_FAMILY_TITLE: Record<SizeFamily | "other", { en: string; zh: string }> = {
  clothing: { en: "clothing sizes", zh: "服装尺码" },
  number: { en: "numeric sizes", zh: "数字尺码" },
  EU: { en: "shoe sizes, EU", zh: "鞋码（欧码）" },
  US: { en: "shoe sizes, US", zh: "鞋码（美码）" },
  UK: { en: "shoe sizes, UK", zh: "鞋码（英码）" },
  CN: { en: "shoe sizes, CN (mm)", zh: "鞋码（中国码）" },
  other: { en: "other sizes", zh: "其他尺码" },
};

/**
 * Return rate by size, one chart per size scale (clothing and shoe sizes never share an axis),
 * each in size order (XS < S < M, shoe sizes numerically) rather than by count. Sizes are read
 * through the size dictionary (加大码 is XL) but shown as the store wrote them.
 */
function sizeCharts(report: ReturnsAuditReport, zh: boolean): Chart[] {
  const dictionary = createAttributeDictionary();
  const sizes = report.bySize
    .filter((r) => r.key !== "(none)" && r.unitsSold >= report.minUnits)
    .map((row) => {
      const read = dictionary.standardize("size", row.key);
      const canonical = read.ok ? read.value : row.key;
      return { row, canonical, family: (read.ok ? sizeFamily(canonical) : undefined) ?? ("other" as const) };
    });
  const families = [...new Set(sizes.map((s) => s.family))].sort(
    (a, b) => Object.keys(SIZE_FAMILY_TITLE).indexOf(a) - Object.keys(SIZE_FAMILY_TITLE).indexOf(b),
  );
  const several = families.length > 1;
  return families
    .map((family) => {
      const group = sizes.filter((s) => s.family === family).sort((a, b) => dictionary.compare("size", a.canonical, b.canonical));
      const words = SIZE_FAMILY_TITLE[family];
      const base = zh ? "退货率（件数）按尺码" : "Return rate (units) by size";
      return {
        id: several ? `rate-by-size-${family.toLowerCase()}` : "rate-by-size",
        title: several ? `${base}: ${zh ? words.zh : words.en}` : base,
        kind: "bar" as const,
        unit: "percent" as const,
        x: group.map((s) => s.row.key),
        series: [{ name: zh ? "退货率" : "Return rate", values: group.map((s) => s.row.rateUnits) }],
        markLines: [{ name: zh ? "阈值" : "Threshold", value: report.threshold }],
      };
    })
    .filter((chart) => chart.x.length > 1 || several);
}

function groupTable(id: string, title: string, dimLabel: string, rows: GroupRow[], report: ReturnsAuditReport): Table {
  const columns: Column[] = [
    { key: "group", label: dimLabel, kind: "text", priority: ALWAYS },
    { key: "units_sold", label: "Units sold", kind: "integer" },
    { key: "units_returned", label: "Units returned", kind: "integer" },
    { key: "rate_units", label: "Rate (units)", kind: "percent", highlightAbove: report.threshold, priority: ALWAYS },
    { key: "ci_low", label: "95% low", kind: "percent", priority: DETAIL },
    { key: "rate_orders", label: "Rate (orders)", kind: "percent", priority: DETAIL },
    { key: "rate_value", label: "Rate (value)", kind: "percent", priority: DETAIL },
    { key: "refunds", label: "Refunds", kind: "money", currency: report.currency, priority: DETAIL },
    { key: "top_reason", label: "Top reason", kind: "text" },
    { key: "status", label: "Status", kind: "status", priority: ALWAYS },
    { key: "key", label: "key", kind: "text", machineOnly: true },
  ];
  return {
    id,
    title,
    columns,
    textRowLimit: 40,
    empty: "Nothing sold in this period.",
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

const FLAG_KIND: Record<string, string> = {
  high_return_rate: "high return rate",
  size_skew: "size skew",
  reason_concentration: "reason concentration",
};

/** "2 findings: high return rate A-1, size skew Dress (D-1) size M; returns 8.1% of units (threshold 15.0%)". */
export function returnsVerdict(report: ReturnsAuditReport): string {
  const rate = report.summary.rateUnits;
  const overall = `returns ${rate === null ? "n/a" : formatPercent(rate)} of units (threshold ${formatPercent(report.threshold)})`;
  const n = report.flags.length;
  if (n === 0) return `No findings; ${overall}.`;
  const shown = report.flags.slice(0, 2).map((f) => `${FLAG_KIND[f.kind] ?? f.kind} ${f.label}`);
  const more = n > shown.length ? `, and ${n - shown.length} more` : "";
  return `${n} finding${n === 1 ? "" : "s"}: ${shown.join(", ")}${more}; ${overall}.`;
}

/**
 * The breaches in one line, formatted as the tables: "2 SKUs above the 15.0% return threshold:
 * DR002-BEI-M 女士针织收腰连衣裙 30.3%, …", or undefined when nothing is above it beyond doubt.
 */
export function returnsBreachLine(report: ReturnsAuditReport): string | undefined {
  const high = report.flags.filter((f) => f.kind === "high_return_rate");
  const store = report.summary.status === "breach";
  if (high.length === 0 && !store) return undefined;
  const limit = formatPercent(report.threshold);
  const rate = (f: (typeof high)[number]) => (f.figures.rate == null ? "n/a" : formatPercent(f.figures.rate));
  const groups = high.map((f) => `${f.label} ${rate(f)}`);
  const storeRate = report.summary.rateUnits === null ? "n/a" : formatPercent(report.summary.rateUnits);
  const parts = [...(store ? [`the store as a whole ${storeRate}`] : []), ...groups];
  const dim = high[0]?.dimension ?? "group";
  const what = high.length > 0 ? `${high.length} ${dim === "sku" ? "SKU" : dim}${high.length === 1 ? "" : "s"}` : "the store";
  return `${what} above the ${limit} return threshold: ${parts.join(", ")}`;
}

export function returnsDocument(report: ReturnsAuditReport, opts: { lang?: "en" | "zh" } = {}): ReportDocument {
  const zh = opts.lang === "zh";
  const s = report.summary;
  const summary: Table = {
    id: "summary",
    title: "Summary",
    columns: [
      { key: "metric", label: "Metric", kind: "text", priority: ALWAYS },
      { key: "value", label: "Value", kind: "percent", priority: ALWAYS },
      { key: "detail", label: "Detail", kind: "text" },
      { key: "status", label: "Status", kind: "status", priority: ALWAYS },
    ],
    rows: [
      {
        cells: {
          metric: "Return rate (units)",
          value: s.rateUnits,
          detail: `${formatNumber(s.returnedUnits)} of ${formatNumber(s.unitsSold)} units`,
          status: s.status,
        },
        status: s.status === "breach" ? "breach" : "ok",
      },
      {
        cells: {
          metric: "Return rate (orders)",
          value: s.rateOrders,
          detail: `${formatNumber(s.returnedOrders)} of ${formatNumber(s.orders)} orders`,
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
        cells: { metric: "Refunds", value: s.refundValue, detail: countOf(s.returns, "return"), status: "info" },
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
    empty: "No returns in this period.",
    columns: [
      { key: "reason", label: "Reason", kind: "text", priority: ALWAYS },
      { key: "units", label: "Units returned", kind: "integer" },
      { key: "share", label: "Share of returns", kind: "percent", priority: ALWAYS },
      { key: "rate", label: "Of units sold", kind: "percent", priority: DETAIL },
      { key: "from_code", label: "By code", kind: "integer", priority: DETAIL },
      { key: "from_text", label: "By keyword", kind: "integer", priority: DETAIL },
      { key: "unmatched", label: "Unmatched", kind: "integer", priority: DETAIL },
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
      { key: "kind", label: "Finding", kind: "text", priority: ALWAYS },
      { key: "message", label: "What and what to do", kind: "text", priority: ALWAYS },
      { key: "key", label: "key", kind: "text", machineOnly: true },
    ],
    empty: `No findings: no group is above ${formatPercent(report.threshold)} beyond doubt.`,
    rows: report.flags.map((f) => ({
      cells: { kind: FLAG_KIND[f.kind] ?? f.kind.replace(/_/g, " "), message: f.message, key: f.key },
      status: f.kind === "high_return_rate" ? "breach" : "ok",
    })),
  });
  if (report.unmatched.length > 0) {
    tables.push({
      id: "unmatched",
      title: "Unmatched reasons (as written)",
      sheetName: "Unmatched reasons",
      columns: [
        { key: "text", label: "Reason text", kind: "text", priority: ALWAYS },
        { key: "returns", label: "Returns", kind: "integer", priority: ALWAYS },
      ],
      rows: report.unmatched.map((u) => ({ cells: { text: u.text, returns: u.returns } })),
    });
  }
  if (report.issues.length > 0) {
    tables.push({
      id: "issues",
      title: "Data issues",
      columns: [
        { key: "kind", label: "Issue", kind: "text", priority: ALWAYS },
        { key: "return_id", label: "Return", kind: "text" },
        { key: "order_id", label: "Order", kind: "text" },
        { key: "sku", label: "SKU", kind: "text" },
        { key: "quantity", label: "Qty", kind: "integer", priority: DETAIL },
        { key: "message", label: "Detail", kind: "text", priority: ALWAYS },
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
      title: `Return rate (units) ${dimTitle.replace(/^By /, "by ")}, top ${top.length} by units returned`,
      kind: "bar",
      unit: "percent",
      x: top.map((r) => r.key),
      series: [{ name: zh ? "退货率" : "Return rate", values: top.map((r) => r.rateUnits) }],
      markLines: [{ name: zh ? "阈值" : "Threshold", value: report.threshold }],
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
  charts.push(...sizeCharts(report, zh));
  const range = report.period.first === report.period.last ? report.period.first : `${report.period.first}..${report.period.last}`;
  const periodText = report.period.label === range ? range : `${range} (${report.period.label})`;
  return {
    title: `${zh ? "退货审计" : "Returns audit"} · ${report.store.name}`,
    verdict: returnsVerdict(report),
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
      ["Findings", report.flags.length === 0 ? "none" : formatNumber(report.flags.length)],
      ["Generated at", formatInstant(report.generatedAt, report.timezone)],
    ],
    tables,
    charts,
    notes: [
      ...report.warnings,
      "Rates: units = units returned / units sold; orders = orders with a return / orders; value = refunds / merchandise sales (items − discounts).",
      `Status: breach = above the threshold beyond doubt (95% lower bound above it); watch = above it but on too little evidence; low volume = fewer than ${report.minUnits} units sold (the minimum for a verdict).`,
      `Orders read: ${formatNumber(report.counts.ordersRead)}; returns read: ${formatNumber(report.counts.returnsRead)}.`,
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
