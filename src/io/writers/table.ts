/**
 * Terminal rendering of a report: title, meta lines, one cli-table3 table per report table, notes.
 * Colour (ANSI) only when `color` is true: breach red, ok green, n/a dim, bold title and headers.
 * Control characters in the data are replaced, so a cell cannot inject terminal escape codes.
 */
import Table from "cli-table3";
import type { Column, ColumnKind, ReportDocument, Table as ReportTable, Row } from "../../core/report.js";
import { moreRowsNote, readableTable, terminalNotes } from "../../core/report.js";
import { formatCell } from "../format.js";

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(["integer", "number", "percent", "money", "duration"]);
const MIN_COL_WIDTH = 4;

const ansi = {
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  green: (s: string) => `\x1b[32m${s}\x1b[39m`,
};

// C0/C1 controls except newline; TAB becomes a space.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function sanitizeText(s: string): string {
  return s.replace(/\t/g, " ").replace(/\r\n?/g, "\n").replace(CONTROL, "\uFFFD");
}

/** Terminal columns a string occupies (East Asian wide characters count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function cellKind(row: Row, column: Column): ColumnKind {
  return row.kinds?.[column.key] ?? column.kind;
}

function statusColour(text: string): (s: string) => string {
  if (text === "breach") return ansi.red;
  if (text === "ok") return ansi.green;
  return ansi.dim;
}

function maxLineWidth(s: string): number {
  let w = 0;
  for (const line of s.split("\n")) w = Math.max(w, displayWidth(line));
  return w;
}

/** Shrinks the widest columns until the table fits `width` terminal columns. */
function fitWidths(natural: number[], width: number): number[] | undefined {
  const n = natural.length;
  const overhead = n + 1 + 2 * n; // borders + one space of padding on each side
  const budget = width - overhead;
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= budget) return undefined;
  const widths = [...natural];
  let excess = total - Math.max(budget, n * MIN_COL_WIDTH);
  while (excess > 0) {
    let widest = 0;
    for (let i = 1; i < n; i++) if ((widths[i] as number) > (widths[widest] as number)) widest = i;
    if ((widths[widest] as number) <= MIN_COL_WIDTH) break;
    widths[widest] = (widths[widest] as number) - 1;
    excess--;
  }
  return widths;
}

function renderOne(all: ReportTable, color: boolean, width: number | undefined): string {
  const { table, hidden } = readableTable(all);
  const head = table.columns.map((c) => sanitizeText(c.label));
  const body = table.rows.map((row) => table.columns.map((c) => sanitizeText(formatCell(row, c))));
  const natural = table.columns.map((_, i) => {
    let w = maxLineWidth(head[i] as string);
    for (const r of body) w = Math.max(w, maxLineWidth(r[i] as string));
    return Math.max(w, 1);
  });
  const fitted = width !== undefined && width > 0 ? fitWidths(natural, width) : undefined;
  const t = new Table({
    head: color ? head.map(ansi.bold) : head,
    style: { head: [], border: [], "padding-left": 1, "padding-right": 1, compact: true },
    ...(fitted ? { colWidths: fitted.map((w) => w + 2), wordWrap: true, wrapOnWordBoundary: false } : {}),
  });
  table.rows.forEach((row, r) => {
    t.push(
      table.columns.map((c, i) => {
        const kind = cellKind(row, c);
        let content = body[r]?.[i] ?? "";
        if (color && kind === "status") content = statusColour(content)(content);
        else if (color && content === "n/a" && row.cells[c.key] == null) content = ansi.dim(content);
        return { content, hAlign: NUMERIC_KINDS.has(kind) ? ("right" as const) : ("left" as const) };
      }),
    );
  });
  let out = t.toString();
  if (table.rows.length === 0) out += "\n(no rows)";
  if (hidden > 0) out += `\n${moreRowsNote(hidden)}`;
  return out;
}

export function renderTable(doc: ReportDocument, opts: { color?: boolean; width?: number } = {}): string {
  const color = opts.color === true;
  const parts: string[] = [];
  const title = sanitizeText(doc.title);
  parts.push(color ? ansi.bold(title) : title);
  if (doc.subtitle) parts.push(sanitizeText(doc.subtitle));
  for (const [label, value] of doc.meta) parts.push(`${sanitizeText(label)}: ${sanitizeText(value)}`);
  for (const table of doc.tables) {
    parts.push("");
    if (table.title) parts.push(color ? ansi.bold(sanitizeText(table.title)) : sanitizeText(table.title));
    parts.push(renderOne(table, color, opts.width));
  }
  const notes = terminalNotes(doc);
  if (notes.length > 0) {
    parts.push("");
    parts.push(color ? ansi.bold("Notes") : "Notes");
    for (const note of notes) parts.push(`- ${sanitizeText(note).replace(/\n/g, "\n  ")}`);
  }
  return `${parts.join("\n")}\n`;
}
