/**
 * The HTML writer: one self-contained, print-friendly document (inline CSS, charts rendered to SVG
 * on the server by ECharts, no scripts, no external assets) so a report still opens from a cron
 * mail attachment offline. Command-line hints (doc.hints) stay out: a reader cannot act on them.
 */
import { type Locale, type Translator, translator } from "../core/i18n/index.js";
import type { Chart, Column, ColumnKind, ReportDocument, Row, Table, Tile } from "../core/report.js";
import { readableTable } from "../core/report.js";
import { formatCell, formatPercent, formatValue, localCell } from "../io/format.js";
import { chartSvg, fontStack } from "./charts.js";

export { CHART_PALETTE } from "./charts.js";

export type HtmlLang = Locale;

export interface HtmlOptions {
  lang?: HtmlLang;
}

type Status = "ok" | "breach" | "n/a";

/**
 * The page's lang attribute: the script subtag tells a browser which CJK glyphs to pick (Simplified
 * or Traditional forms of the same code point), and so which font of the stack draws them.
 */
function htmlLang(locale: Locale): string {
  return locale === "en" ? "en" : locale;
}

export function renderHtml(doc: ReportDocument, opts: HtmlOptions = {}): string {
  const lang = opts.lang ?? doc.locale ?? "en";
  const tr = translator(lang);
  const body = [
    renderHeader(doc),
    renderTiles(doc.tiles ?? [], tr),
    ...doc.tables.map((t) => renderTable(t, tr)),
    ...doc.charts.map((c) => renderChart(c, tr)),
    renderNotes(doc.notes, tr),
  ].join("\n");
  return `<!DOCTYPE html>
<html lang="${htmlLang(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${css(lang)}</style>
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
  // The report's one-line verdict, in the tables' words, before anything else is read.
  if (doc.verdict) parts.push(`<p class="verdict">${esc(doc.verdict)}</p>`);
  if (doc.subtitle) parts.push(`<p class="subtitle">${esc(doc.subtitle)}</p>`);
  if (doc.meta.length > 0) {
    const items = doc.meta.map(([label, value]) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`).join("");
    parts.push(`<dl class="meta">${items}</dl>`);
  }
  return `<header>\n${parts.join("\n")}\n</header>`;
}

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(["integer", "number", "percent", "money", "duration"]);

function renderTable(all: Table, tr: Translator): string {
  // Never an empty table: the line saying there is none ("No updates planned.").
  if (all.rows.length === 0 && all.empty) {
    return `<section class="report-table" id="${esc(`table-${all.id}`)}">
<h2>${esc(all.title)}</h2>
<p class="empty">${esc(all.empty)}</p>
</section>`;
  }
  const { table, hidden } = readableTable(all);
  const head = table.columns.map((c) => `<th scope="col"${NUMERIC_KINDS.has(c.kind) ? ' class="num"' : ""}>${esc(c.label)}</th>`).join("");
  const rows =
    table.rows.length > 0
      ? table.rows.map((r) => renderRow(r, table.columns, tr)).join("\n")
      : `<tr><td class="empty" colspan="${Math.max(1, table.columns.length)}">${esc(tr("doc.no_data"))}</td></tr>`;
  return `<section class="report-table" id="${esc(`table-${table.id}`)}">
<h2>${esc(table.title)}</h2>
<div class="table-wrap"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>${hidden > 0 ? `\n<p class="more">${esc(tr("html.more_rows", { hidden }))}</p>` : ""}
</section>`;
}

function renderRow(row: Row, columns: Column[], tr: Translator): string {
  const cells = columns.map((c) => renderCell(row, c, tr)).join("");
  if (isBreachRow(row, columns)) return `<tr class="breach">${cells}</tr>`;
  return row.highlight ? `<tr class="highlight">${cells}</tr>` : `<tr>${cells}</tr>`;
}

function renderCell(row: Row, column: Column, tr: Translator): string {
  const kind = row.kinds?.[column.key] ?? column.kind;
  const text = localCell(row, column, tr.locale);
  if (kind === "status") return `<td>${renderBadge(toStatus(formatCell(row, column)), text)}</td>`;
  const cls = NUMERIC_KINDS.has(kind) ? ' class="num"' : "";
  return `<td${cls}>${esc(text)}</td>`;
}

/** A status as a coloured badge; `text` is its word in the page's language (other statuses are grey). */
function renderBadge(status: Status | null, text: string): string {
  const cls = status === null || status === "n/a" ? "na" : status;
  return `<span class="badge badge-${cls}">${esc(text)}</span>`;
}

function toStatus(text: string): Status | null {
  const t = text.trim().toLowerCase();
  return t === "ok" || t === "breach" || t === "n/a" ? t : null;
}

/** The row's own status wins; otherwise a status cell saying "breach" marks the row. */
function isBreachRow(row: Row, columns: Column[]): boolean {
  if (row.status) return row.status === "breach" || row.status === "error";
  return columns.some((c) => (row.kinds?.[c.key] ?? c.kind) === "status" && toStatus(formatCell(row, c)) === "breach");
}

function renderNotes(notes: string[], tr: Translator): string {
  if (notes.length === 0) return "";
  const items = notes.map((n) => `<li>${esc(n)}</li>`).join("\n");
  return `<section class="notes">\n<h2>${esc(tr("doc.notes"))}</h2>\n<ul>\n${items}\n</ul>\n</section>`;
}

// ---------------------------------------------------------------------------------------------
// Tiles and charts

function renderTiles(tiles: Tile[], tr: Translator): string {
  if (tiles.length === 0) return "";
  return `<section class="tiles">\n${tiles.map((t) => renderTile(t, tr)).join("\n")}\n</section>`;
}

function renderTile(t: Tile, tr: Translator): string {
  const status: Status = t.status === "info" ? "ok" : t.status;
  const value = t.value === null ? tr("common.na") : formatValue(t.value, t.unit, t.currency ? { currency: t.currency } : {});
  const badge = t.status === "info" ? "" : renderBadge(t.status, tr(`status.${t.status}`));
  const threshold = t.threshold ? `<span class="tile-threshold">${esc(tr("html.threshold", { threshold: t.threshold }))}</span>` : "";
  return `<div class="tile tile-${status === "n/a" ? "na" : status}" id="${esc(`tile-${t.id}`)}">
<div class="tile-label">${esc(t.label)}</div>
<div class="tile-value">${esc(value)}</div>
<div class="tile-foot">${renderChange(t, tr)}${badge}${threshold}</div>
</div>`;
}

/** ▲ / ▼ / ▬ with the relative change; green when the move is good for the store, red when bad. */
function renderChange(t: Tile, tr: Translator): string {
  if (t.change === undefined) return "";
  if (t.change === null || !Number.isFinite(t.change)) return `<span class="change change-na">${esc(tr("html.no_change"))}</span>`;
  const arrow = t.change > 0 ? "▲" : t.change < 0 ? "▼" : "▬";
  const good = t.higherIsBetter === undefined || t.change === 0 ? "flat" : t.change > 0 === t.higherIsBetter ? "good" : "bad";
  const sign = t.change > 0 ? "+" : "";
  return `<span class="change change-${good}" title="${esc(tr("html.vs_previous"))}">${arrow} ${esc(sign + formatPercent(t.change))}</span>`;
}

function renderChart(chart: Chart, tr: Translator): string {
  const zone = chart.xTime ? `<p class="chart-note">${esc(tr("html.times_in", { zone: chart.xTime.timeZone }))}</p>` : "";
  const figcaption = `<figcaption><h2>${esc(chart.title)}</h2>${zone}</figcaption>`;
  const id = esc(`chart-${chart.id}`);
  const svg = chartSvg(chart, tr.locale);
  if (svg === null) return `<figure class="chart" id="${id}">\n${figcaption}\n<p class="no-data">${esc(tr("doc.no_data"))}</p>\n</figure>`;
  return `<figure class="chart chart-${chart.kind}" id="${id}">
${figcaption}
<div class="chart-wrap">${svg.replace(/^<svg\b/, `<svg role="img" aria-label="${esc(chart.title)}"`)}</div>
</figure>`;
}

// ---------------------------------------------------------------------------------------------

/** The stylesheet, its fonts those of the page's language (CJK first for Chinese: see fontStack). */
const css = (locale: Locale): string => CSS.replace("FONT_STACK", fontStack(locale, '"'));

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --ok: #116329; --ok-bg: #dafbe1; --breach: #a40e26; --breach-bg: #ffebe9; --breach-row: #fff5f4;
  --na: #59636e; --na-bg: #eaeef2; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: var(--fg);
  font: 14px/1.5 FONT_STACK; }
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
/* Chinese text may break between any two characters: without a floor a title column shrinks to one per line. */
td:not(.num) { min-width: 5em; }
tr.breach td { background: var(--breach-row); }
tr.highlight td { background: #fff8c5; font-weight: 600; }
tr.breach td:first-child { box-shadow: inset 3px 0 0 var(--breach); }
td.empty { color: var(--muted); font-style: italic; text-align: center; }
p.empty { color: var(--muted); font-style: italic; }
.verdict { font-size: 18px; font-weight: 600; margin: 4px 0 8px; }
.badge { display: inline-block; min-width: 3.5em; padding: 0 8px; border: 1px solid; border-radius: 999px;
  font-size: 12px; font-weight: 600; line-height: 20px; text-align: center; white-space: nowrap; }
.badge-ok { color: var(--ok); background: var(--ok-bg); border-color: #4ac26b; }
.badge-breach { color: #fff; background: #cf222e; border-color: #cf222e; }
.badge-na { color: var(--na); background: var(--na-bg); border-color: #afb8c1; }
.chart-wrap { overflow-x: auto; }
figure.chart { margin-left: 0; margin-right: 0; }
figure.chart svg { display: block; width: 100%; min-width: 560px; height: auto; }
.chart-note { color: var(--muted); font-size: 13px; margin: -6px 0 8px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fff; }
.tile-breach { border-color: #cf222e; box-shadow: inset 4px 0 0 #cf222e; }
.tile-label { color: var(--muted); font-size: 13px; }
.tile-value { font-size: 22px; font-weight: 600; line-height: 1.3; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tile-foot { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; font-size: 12px; color: var(--muted); }
.change { font-weight: 600; white-space: nowrap; }
.change-good { color: var(--ok); }
.change-bad { color: var(--breach); }
.change-flat, .change-na { color: var(--muted); font-weight: 400; }
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
  tr, figure.chart, dl.meta, .tile { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;
