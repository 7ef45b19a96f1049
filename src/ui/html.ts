/**
 * The HTML writer: one self-contained, print-friendly document (inline CSS, server-side SVG charts,
 * no scripts, no external assets) so a report still opens from a cron mail attachment offline.
 */
import type { Chart, ChartSeries, Column, ColumnKind, ReportDocument, Row, Table } from "../core/report.js";
import { moreRowsNote, readableTable } from "../core/report.js";
import { formatCell, formatMoney, formatNumber, formatPercent, formatValue } from "../io/format.js";

export type HtmlLang = "en" | "zh";

export interface HtmlOptions {
  lang?: HtmlLang;
}

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies; yellow last (weak on white). */
export const CHART_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"] as const;

type Status = "ok" | "breach" | "n/a";

interface Messages {
  htmlLang: string;
  noData: string;
  notes: string;
  status: Record<Status, string>;
}

const MESSAGES: Record<HtmlLang, Messages> = {
  en: { htmlLang: "en", noData: "no data", notes: "Notes", status: { ok: "ok", breach: "breach", "n/a": "n/a" } },
  zh: { htmlLang: "zh-CN", noData: "无数据", notes: "说明", status: { ok: "正常", breach: "超限", "n/a": "无数据" } },
};

export function renderHtml(doc: ReportDocument, opts: HtmlOptions = {}): string {
  const m = MESSAGES[opts.lang ?? "en"];
  const body = [
    renderHeader(doc),
    ...doc.tables.map((t) => renderTable(t, m)),
    ...doc.charts.map((c) => renderChart(c, m)),
    renderNotes(doc.notes, m),
  ].join("\n");
  return `<!DOCTYPE html>
<html lang="${m.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = escapeHtml;

// ---------------------------------------------------------------------------------------------
// Header, tables, notes

function renderHeader(doc: ReportDocument): string {
  const parts = [`<h1>${esc(doc.title)}</h1>`];
  if (doc.subtitle) parts.push(`<p class="subtitle">${esc(doc.subtitle)}</p>`);
  if (doc.meta.length > 0) {
    const items = doc.meta.map(([label, value]) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`).join("");
    parts.push(`<dl class="meta">${items}</dl>`);
  }
  return `<header>\n${parts.join("\n")}\n</header>`;
}

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(["integer", "number", "percent", "money", "duration"]);

function renderTable(all: Table, m: Messages): string {
  const { table, hidden } = readableTable(all);
  const head = table.columns.map((c) => `<th scope="col"${NUMERIC_KINDS.has(c.kind) ? ' class="num"' : ""}>${esc(c.label)}</th>`).join("");
  const rows =
    table.rows.length > 0
      ? table.rows.map((r) => renderRow(r, table.columns, m)).join("\n")
      : `<tr><td class="empty" colspan="${Math.max(1, table.columns.length)}">${esc(m.noData)}</td></tr>`;
  return `<section class="report-table" id="${esc(`table-${table.id}`)}">
<h2>${esc(table.title)}</h2>
<div class="table-wrap"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>${hidden > 0 ? `\n<p class="more">${esc(moreRowsNote(hidden))}</p>` : ""}
</section>`;
}

function renderRow(row: Row, columns: Column[], m: Messages): string {
  const cells = columns.map((c) => renderCell(row, c, m)).join("");
  if (isBreachRow(row, columns)) return `<tr class="breach">${cells}</tr>`;
  return row.highlight ? `<tr class="highlight">${cells}</tr>` : `<tr>${cells}</tr>`;
}

function renderCell(row: Row, column: Column, m: Messages): string {
  const kind = row.kinds?.[column.key] ?? column.kind;
  if (kind === "status") return `<td>${renderBadge(formatCell(row, column), m)}</td>`;
  const cls = NUMERIC_KINDS.has(kind) ? ' class="num"' : "";
  return `<td${cls}>${esc(formatCell(row, column))}</td>`;
}

function renderBadge(text: string, m: Messages): string {
  const status = toStatus(text);
  if (status === null) return `<span class="badge badge-na">${esc(text)}</span>`;
  const cls = status === "n/a" ? "na" : status;
  return `<span class="badge badge-${cls}">${esc(m.status[status])}</span>`;
}

function toStatus(text: string): Status | null {
  const t = text.trim().toLowerCase();
  return t === "ok" || t === "breach" || t === "n/a" ? t : null;
}

/** The row's own status wins; otherwise a status cell saying "breach" marks the row. */
function isBreachRow(row: Row, columns: Column[]): boolean {
  if (row.status) return row.status === "breach";
  return columns.some((c) => (row.kinds?.[c.key] ?? c.kind) === "status" && toStatus(formatCell(row, c)) === "breach");
}

function renderNotes(notes: string[], m: Messages): string {
  if (notes.length === 0) return "";
  const items = notes.map((n) => `<li>${esc(n)}</li>`).join("\n");
  return `<section class="notes">\n<h2>${esc(m.notes)}</h2>\n<ul>\n${items}\n</ul>\n</section>`;
}

// ---------------------------------------------------------------------------------------------
// Charts

const VIEW_W = 960;
const VIEW_H = 360;
const MARGIN = { top: 14, right: 16, bottom: 36 } as const;
const AXIS_FONT = 12;
const MAX_X_LABEL_CHARS = 14;

interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  lo: number;
  hi: number;
  /** Width of one x slot; points sit at slot centres so one x value still gets a sensible position. */
  band: number;
}

function renderChart(chart: Chart, m: Messages): string {
  const series = chart.series.map((s) => ({ name: s.name, values: cleanValues(s, chart.x.length) }));
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const figcaption = `<figcaption><h2>${esc(chart.title)}</h2></figcaption>`;
  const id = esc(`chart-${chart.id}`);
  if (values.length === 0) {
    return `<figure class="chart" id="${id}">\n${figcaption}\n<p class="no-data">${esc(m.noData)}</p>\n</figure>`;
  }

  const ticks = niceTicks(domainOf(values, chart.kind === "bar"), chart.unit);
  const labels = tickLabels(ticks, chart);
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const left = Math.ceil(Math.max(...labels.map((l) => textWidth(l, AXIS_FONT)))) + 14;
  const width = VIEW_W - left - MARGIN.right;
  const frame: Frame = {
    left,
    top: MARGIN.top,
    width,
    height: VIEW_H - MARGIN.top - MARGIN.bottom,
    lo,
    hi,
    band: width / Math.max(1, chart.x.length),
  };

  const marks = chart.kind === "bar" ? renderBars(series, chart, frame) : series.map((s, i) => renderLine(s, i, chart, frame)).join("\n");
  const svg = `<svg viewBox="0 0 ${VIEW_W} ${VIEW_H}" role="img" aria-label="${esc(chart.title)}">
<title>${esc(chart.title)}</title>
${renderYAxis(ticks, labels, frame)}
${renderXAxis(chart.x, frame)}
${marks}
</svg>`;
  return `<figure class="chart chart-${chart.kind}" id="${id}">\n${figcaption}\n<div class="chart-wrap">${svg}</div>\n${renderLegend(series)}\n</figure>`;
}

/** Aligns values to the x labels; anything non-finite is a gap, like null. */
function cleanValues(series: ChartSeries, n: number): (number | null)[] {
  return Array.from({ length: n }, (_, i) => {
    const v = series.values[i];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  });
}

function domainOf(values: number[], includeZero: boolean): [number, number] {
  // reduce, not Math.min(...values): spreading a long series can overflow the call stack.
  let min = values.reduce((a, b) => Math.min(a, b));
  let max = values.reduce((a, b) => Math.max(a, b));
  // Bars are lengths from zero; a line may float so small moves stay visible.
  if (includeZero) {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  return [min, max];
}

/** 4–6 round tick values covering [min, max]; a flat series gets a band around its value. */
function niceTicks([min, max]: [number, number], unit: ColumnKind): number[] {
  if (min === max) {
    const pad = min !== 0 ? Math.abs(min) * 0.1 : unit === "percent" ? 0.01 : 1;
    min = min === 0 ? 0 : min - pad;
    max += pad;
  }
  const candidates = [4, 5, 3].map((intervals) => ticksWithStep(min, max, niceStep((max - min) / intervals, unit)));
  return candidates.find((t) => t.length >= 4 && t.length <= 6) ?? candidates[0] ?? [min, max];
}

function ticksWithStep(min: number, max: number, step: number): number[] {
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // toPrecision drops float noise (0.30000000000000004); + 0 turns -0 into 0.
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)) + 0);
  return ticks;
}

/** Steps a reader expects on a time axis: 15 s, 5 min, 30 min, 6 h, 1 d ... */
const DURATION_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

function niceStep(rough: number, unit: ColumnKind): number {
  if (unit === "duration") {
    const step = DURATION_STEPS.find((s) => s >= rough);
    if (step !== undefined) return step;
    return niceStep(rough / 86400, "number") * 86400;
  }
  const mag = 10 ** Math.floor(Math.log10(rough));
  const norm = rough / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  // Counts and minor units are whole numbers: fractional ticks would repeat labels after rounding.
  return unit === "integer" || unit === "money" ? Math.max(1, Math.ceil(step)) : step;
}

function tickLabels(ticks: number[], chart: Chart): string[] {
  const step = ticks.length > 1 ? Math.abs((ticks[1] ?? 0) - (ticks[0] ?? 0)) : 1;
  switch (chart.unit) {
    case "money": {
      const labels = ticks.map((t) => formatMoney(t, chart.currency ?? "CNY"));
      // "¥1,000.00 ¥2,000.00" reads as noise on an axis; drop the fraction when every tick is whole.
      return labels.every((l) => /\.0+$/.test(l)) ? labels.map((l) => l.replace(/\.0+$/, "")) : labels;
    }
    case "percent":
      return ticks.map((t) => formatPercent(t, decimalsOf(step * 100)));
    case "duration":
      return durationLabels(ticks, step);
    case "integer":
      return ticks.map((t) => formatNumber(Math.round(t), 0));
    default:
      return ticks.map((t) => formatNumber(t, decimalsOf(step)));
  }
}

/**
 * One time unit per axis ("0 min, 30 min, 60 min, 90 min"), picked with formatDuration's thresholds,
 * because formatDuration per tick would mix units and decimals along one axis.
 */
function durationLabels(ticks: number[], step: number): string[] {
  const top = Math.max(...ticks.map(Math.abs));
  const [size, suffix] = top < 120 ? [1, "s"] : top < 7200 ? [60, "min"] : top < 172800 ? [3600, "h"] : [86400, "d"];
  const digits = decimalsOf(step / size);
  return ticks.map((t) => `${formatNumber(t / size, Math.min(digits, 2))} ${suffix}`);
}

/** Fraction digits needed to show a tick step exactly: 0.25 -> 2, 5 -> 0. */
function decimalsOf(step: number): number {
  const s = String(Number(step.toPrecision(6)));
  if (s.includes("e")) return 8;
  return s.split(".")[1]?.length ?? 0;
}

function yOf(v: number, f: Frame): number {
  return f.top + f.height - ((v - f.lo) / (f.hi - f.lo)) * f.height;
}

function xOf(i: number, f: Frame): number {
  return f.left + f.band * (i + 0.5);
}

function renderYAxis(ticks: number[], labels: string[], f: Frame): string {
  const right = f.left + f.width;
  const lines = ticks.map((t, i) => {
    const y = r(yOf(t, f));
    const cls = t === 0 ? "zero" : "grid";
    return `<line class="${cls}" x1="${f.left}" x2="${r(right)}" y1="${y}" y2="${y}"/><text class="y-label" x="${f.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${esc(labels[i] ?? "")}</text>`;
  });
  return `<g class="y-axis">${lines.join("")}</g>`;
}

function renderXAxis(xLabels: string[], f: Frame): string {
  const base = r(f.top + f.height);
  const shown = xLabels.map((l) => truncate(l, MAX_X_LABEL_CHARS));
  const widest = Math.max(1, ...shown.map((l) => textWidth(l, AXIS_FONT)));
  // Show every k-th label so neighbours keep at least a small gap between them.
  const every = Math.max(1, Math.ceil((widest + 16) / f.band));
  const labels = shown.map((label, i) => {
    if (i % every !== 0) return "";
    const tip = label !== xLabels[i] ? `<title>${esc(xLabels[i] ?? "")}</title>` : "";
    // Pull edge labels inside the viewBox instead of letting them clip.
    const half = textWidth(label, AXIS_FONT) / 2;
    const x = Math.min(Math.max(xOf(i, f), half + 2), VIEW_W - half - 2);
    return `<text class="x-label" x="${r(x)}" y="${r(base + 20)}" text-anchor="middle">${tip}${esc(label)}</text>`;
  });
  const axis = `<line class="axis" x1="${f.left}" x2="${r(f.left + f.width)}" y1="${base}" y2="${base}"/>`;
  return `<g class="x-axis">${axis}${labels.join("")}</g>`;
}

function renderLine(s: { name: string; values: (number | null)[] }, index: number, chart: Chart, f: Frame): string {
  const colour = seriesColour(index);
  // Each run of consecutive values is its own polyline: a null breaks the line instead of dropping to 0.
  const lines = segments(s.values).map((seg) => {
    const points = seg.map(([i, v]) => `${r(xOf(i, f))},${r(yOf(v, f))}`).join(" ");
    return `<polyline class="series-line" points="${points}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`;
  });
  // Dots crowd into a thick bar on long series; isolated points keep theirs, having no line.
  const dense = f.band < 12;
  const dots = s.values.map((v, i) =>
    v === null || (dense && !isIsolated(s.values, i))
      ? ""
      : `<circle cx="${r(xOf(i, f))}" cy="${r(yOf(v, f))}" r="3.5" fill="${colour}"><title>${esc(pointTip(s.name, chart, i, v))}</title></circle>`,
  );
  return `<g class="series" data-series="${esc(s.name)}">${lines.join("")}${dots.join("")}</g>`;
}

function isIsolated(values: (number | null)[], i: number): boolean {
  return (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null;
}

/** Runs of consecutive non-null points, as [index, value] pairs; single points only get a dot. */
function segments(values: (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let current: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) runs.push(current);
      current = [];
    } else {
      current.push([i, v]);
    }
  });
  if (current.length > 0) runs.push(current);
  return runs.filter((run) => run.length > 1);
}

function renderBars(series: { name: string; values: (number | null)[] }[], chart: Chart, f: Frame): string {
  const group = f.band * 0.8;
  const barW = group / Math.max(1, series.length);
  const zero = yOf(Math.min(Math.max(0, f.lo), f.hi), f);
  const groups = series.map((s, si) => {
    const colour = seriesColour(si);
    const bars = s.values.map((v, i) => {
      if (v === null) return "";
      const x = xOf(i, f) - group / 2 + si * barW;
      const y = yOf(v, f);
      // Keep a zero value visible as a hairline rather than nothing.
      const h = Math.max(Math.abs(zero - y), 1);
      const top = v >= 0 ? Math.min(y, zero - h) : zero;
      return `<rect x="${r(x)}" y="${r(top)}" width="${r(Math.max(barW - 1, 1))}" height="${r(h)}" fill="${colour}"><title>${esc(pointTip(s.name, chart, i, v))}</title></rect>`;
    });
    return `<g class="series" data-series="${esc(s.name)}">${bars.join("")}</g>`;
  });
  return groups.join("\n");
}

function renderLegend(series: { name: string }[]): string {
  const items = series.map((s, i) => `<li><span class="swatch" style="background:${seriesColour(i)}"></span>${esc(s.name)}</li>`);
  return `<ul class="legend">${items.join("")}</ul>`;
}

function pointTip(name: string, chart: Chart, i: number, v: number): string {
  const value = formatValue(v, chart.unit, chart.currency ? { currency: chart.currency } : {});
  return `${name} · ${chart.x[i] ?? ""}: ${value}`;
}

function seriesColour(index: number): string {
  return CHART_PALETTE[index % CHART_PALETTE.length] ?? "#000000";
}

/** Rough rendered width; wide (CJK) characters take a full em. */
function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return em * fontSize;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------------

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --ok: #116329; --ok-bg: #dafbe1; --breach: #a40e26; --breach-bg: #ffebe9; --breach-row: #fff5f4;
  --na: #59636e; --na-bg: #eaeef2; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 28px 24px 40px; }
header { margin: 0 0 24px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 18px; line-height: 1.3; margin: 0 0 10px; }
.subtitle { color: var(--muted); font-size: 16px; margin: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 20px; margin: 16px 0 0;
  padding: 12px 16px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
section, figure.chart { margin: 0 0 32px; }
.table-wrap { overflow-x: auto; }
p.more { color: #555; font-size: 13px; margin: 6px 0 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 7px 12px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; border-bottom-width: 2px; white-space: nowrap; }
.num { text-align: right; white-space: nowrap; }
tr.breach td { background: var(--breach-row); }
tr.highlight td { background: #fff8c5; font-weight: 600; }
tr.breach td:first-child { box-shadow: inset 3px 0 0 var(--breach); }
td.empty { color: var(--muted); font-style: italic; text-align: center; }
.badge { display: inline-block; min-width: 3.5em; padding: 0 8px; border: 1px solid; border-radius: 999px;
  font-size: 12px; font-weight: 600; line-height: 20px; text-align: center; white-space: nowrap; }
.badge-ok { color: var(--ok); background: var(--ok-bg); border-color: #4ac26b; }
.badge-breach { color: #fff; background: #cf222e; border-color: #cf222e; }
.badge-na { color: var(--na); background: var(--na-bg); border-color: #afb8c1; }
.chart-wrap { overflow-x: auto; }
figure.chart svg { display: block; width: 100%; min-width: 560px; height: auto; }
figure.chart text { font-size: ${AXIS_FONT}px; fill: var(--muted); font-family: inherit; }
figure.chart .grid { stroke: #e6e9ec; stroke-width: 1; }
figure.chart .zero, figure.chart .axis { stroke: #8c959f; stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; margin: 6px 0 0; padding: 0; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; border-radius: 2px; vertical-align: -1px; }
.no-data { margin: 0; padding: 32px; border: 1px dashed var(--line); border-radius: 6px; color: var(--muted);
  font-style: italic; text-align: center; }
.notes ul { margin: 0; padding-left: 20px; color: var(--fg); }
.notes li { margin: 2px 0; }
@media print {
  @page { margin: 12mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  tr, figure.chart, dl.meta { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;
