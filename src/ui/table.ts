/**
 * Terminal rendering of a report: the verdict first, then title, meta lines, one boxed table per
 * report table, notes. Everything fits `width` display columns (src/ui/layout.ts decides which
 * columns show and how wide); `width` undefined (--wide) prints every column in full.
 *
 * A remark column (`footnote`) becomes numbered footnotes under its table. A table without rows
 * prints its one `empty` line, or nothing. Colour (ANSI) only when `color` is true: breach red,
 * ok green, n/a dim, bold title and headers. Control characters in the data are replaced, so a
 * cell cannot inject terminal escape codes.
 */

import Table from "cli-table3";
import { neutralizeControls } from "../core/echo.js";
import { type Locale, t } from "../core/i18n/index.js";
import type { Column, ColumnKind, ReportDocument, Table as ReportTable, Row } from "../core/report.js";
import { columnPriority, readableTable, terminalNotes } from "../core/report.js";
import { formatCell, localCell } from "../io/format.js";
import { blockWidth, type LayoutColumn, layoutColumns, oneLine, wrapHanging, wrapText } from "./layout.js";

export { displayWidth } from "./layout.js";

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(["integer", "number", "percent", "money", "duration"]);

const ansi = {
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  green: (s: string) => `\x1b[32m${s}\x1b[39m`,
};

/** Controls and bidi overrides in the data are replaced (core/echo.ts); TAB becomes a space. */
export const sanitizeText = neutralizeControls;

export interface TableRenderOptions {
  color?: boolean;
  /** Terminal width in display columns; undefined prints every column at full width (--wide). */
  width?: number;
}

function cellKind(row: Row, column: Column): ColumnKind {
  return row.kinds?.[column.key] ?? column.kind;
}

function statusColour(text: string): (s: string) => string {
  if (text === "breach") return ansi.red;
  if (text === "ok") return ansi.green;
  return ansi.dim;
}

/** Colours each line on its own, so a wrapped cell keeps its colour on every line. */
const paintLines = (text: string, paint: (s: string) => string) => text.split("\n").map(paint).join("\n");

/** Superscript-free footnote marks that read the same in every terminal and font: [1], [2] … */
const mark = (n: number) => `[${n}]`;

interface Footnotes {
  /** Per row, the footnote numbers its remark cells refer to. */
  marks: number[][];
  lines: string[];
}

/** Numbers the distinct remarks of the footnote columns; one remark said by several rows is one footnote. */
function footnotesOf(table: ReportTable, columns: Column[]): Footnotes {
  const numbers = new Map<string, number>();
  const marks = table.rows.map((row) =>
    columns.flatMap((c) => {
      const text = sanitizeText(formatCell(row, c)).trim();
      if (text === "" || row.cells[c.key] == null) return [];
      let n = numbers.get(text);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(text, n);
      }
      return [n];
    }),
  );
  return { marks, lines: [...numbers.keys()].map((text, i) => `${mark(i + 1)} ${text}`) };
}

function hiddenLine(labels: string[], locale: Locale): string {
  return t(locale, "doc.hidden_columns", { count: labels.length, labels: labels.join(locale === "en" ? ", " : "、") });
}

/**
 * Lines one table cell may take. cli-table3 draws a cell in time cubic in its lines (a 2,000-digit
 * price quoted in an error took 23 s, a 50,000-digit one never ended), and nobody reads a taller
 * cell in a terminal: the rest is cut to "…"; the JSON, CSV and results files keep the whole value.
 */
export const MAX_CELL_LINES = 12;

/** Characters of one cell measured and wrapped at all: more than MAX_CELL_LINES lines of the widest terminal. */
const MAX_CELL_CHARS = 2_000;

/** Measuring a cell's width costs per character: a megabyte cell took minutes before it was cut here. */
function longCellCut(text: string): string {
  return text.length <= MAX_CELL_CHARS ? text : `${text.slice(0, MAX_CELL_CHARS)}…`;
}

function tallCellClipped(raw: string, width: number): string {
  // Cut before wrapping too: a megabyte of text is never wrapped only to be thrown away.
  const room = Math.max(1, width) * MAX_CELL_LINES * 2;
  const lines = wrapText(raw.length > room ? raw.slice(0, room) : raw, width).split("\n");
  if (lines.length <= MAX_CELL_LINES && raw.length <= room) return lines.join("\n");
  return [...lines.slice(0, MAX_CELL_LINES - 1), "…"].join("\n");
}

function renderOne(all: ReportTable, opts: TableRenderOptions, locale: Locale = "en"): string {
  const color = opts.color === true;
  const { table, hidden: hiddenRows } = readableTable(all);
  const remarkColumns = table.columns.filter((c) => c.footnote);
  const columns = table.columns.filter((c) => !c.footnote);
  const notes = footnotesOf(table, remarkColumns);
  const head = columns.map((c) => sanitizeText(c.label));
  const body = table.rows.map((row, r) =>
    columns.map((c, i) => {
      const text = longCellCut(sanitizeText(localCell(row, c, locale)));
      // The footnote mark goes after the row's first cell, where the eye starts.
      const marks = i === 0 ? (notes.marks[r] ?? []) : [];
      return marks.length > 0 ? `${text} ${marks.map(mark).join("")}` : text;
    }),
  );
  const layoutCols: LayoutColumn[] = columns.map((c) => ({
    label: c.label,
    priority: columnPriority(c),
    nowrap: NUMERIC_KINDS.has(c.kind) || c.kind === "status",
  }));
  const layout = layoutColumns(layoutCols, body, opts.width);
  const grid = new Table({
    head: layout.shown.map((i) => {
      const label = wrapText(head[i] as string, layout.widths[layout.shown.indexOf(i)] as number);
      return color ? paintLines(label, ansi.bold) : label;
    }),
    colWidths: layout.widths.map((w) => w + 2),
    wordWrap: false,
    style: { head: [], border: [], "padding-left": 1, "padding-right": 1, compact: true },
  });
  table.rows.forEach((row, r) => {
    grid.push(
      layout.shown.map((i, k) => {
        const c = columns[i] as Column;
        const kind = cellKind(row, c);
        const raw = body[r]?.[i] ?? "";
        let content = tallCellClipped(raw, layout.widths[k] as number);
        if (color && kind === "status") content = paintLines(content, statusColour(String(row.cells[c.key] ?? "n/a")));
        else if (color && row.cells[c.key] == null) content = ansi.dim(content);
        return { content, hAlign: NUMERIC_KINDS.has(kind) ? ("right" as const) : ("left" as const) };
      }),
    );
  });
  const out = [grid.toString()];
  const tableWidth = blockWidth(out[0] as string);
  const noteWidth = opts.width ?? Math.max(tableWidth, 80);
  for (const line of notes.lines) out.push(wrapHanging(line, noteWidth, line.indexOf(" ") + 1));
  const dim = color ? ansi.dim : (s: string) => s;
  if (layout.hidden.length > 0) {
    out.push(
      dim(
        wrapText(
          hiddenLine(
            layout.hidden.map((i) => head[i] as string),
            locale,
          ),
          noteWidth,
        ),
      ),
    );
  }
  if (hiddenRows > 0) out.push(wrapText(t(locale, "doc.more_rows", { hidden: hiddenRows }), noteWidth));
  return out.join("\n");
}

/** A running line of text (verdict, title, meta, note) wrapped to the width, continuation indented. */
function line(text: string, width: number | undefined, indent = 0): string {
  const clean = sanitizeText(text);
  return width === undefined ? clean.replace(/\n/g, `\n${" ".repeat(indent)}`) : wrapHanging(clean, width, indent);
}

export function renderTable(doc: ReportDocument, opts: TableRenderOptions = {}): string {
  const color = opts.color === true;
  const bold = color ? ansi.bold : (s: string) => s;
  const width = opts.width;
  const parts: string[] = [];
  // One line, as its name says: the items that fit, then "…" (the meta lines and tables have them all).
  if (doc.verdict) parts.push(bold(width === undefined ? sanitizeText(doc.verdict) : oneLine(sanitizeText(doc.verdict), width)));
  parts.push(bold(line(doc.title, width)));
  if (doc.subtitle) parts.push(line(doc.subtitle, width));
  const locale = doc.locale ?? "en";
  for (const [label, value] of doc.meta) parts.push(line(t(locale, "doc.meta_line", { label, value }), width, 2));
  for (const table of doc.tables) {
    // Never an empty table: its one line saying there is none, or nothing at all.
    if (table.rows.length === 0) {
      if (table.empty) parts.push("", line(table.empty, width));
      continue;
    }
    parts.push("");
    if (table.title) parts.push(bold(line(table.title, width)));
    parts.push(renderOne(table, opts, locale));
  }
  const notes = terminalNotes(doc);
  if (notes.length > 0) {
    parts.push("", bold(t(locale, "doc.notes")));
    for (const note of notes) parts.push(line(`- ${note}`, width, 2));
  }
  return `${parts.join("\n")}\n`;
}
