/**
 * GitHub-flavoured Markdown rendering of a report: `# title`, meta as a list, one pipe table per
 * report table (numeric columns right-aligned), notes as a list. Text is escaped the Markdown way,
 * with backslashes (CommonMark: any ASCII punctuation may be escaped), never HTML entities a reader
 * of the raw file would see as `&gt;=`: the characters that start emphasis, code, links, raw HTML or
 * entities (backslash, backtick, * _ ~ [ ] < &), the pipe that ends a table cell, and a block
 * marker (> # - + = 1.) where the text opens a block (a note, a title). Line breaks in a cell
 * become `<br>`, the one HTML GFM tables allow; control characters are dropped.
 */
import { type Locale, t } from "../../core/i18n/index.js";
import type { ColumnKind, ReportDocument, Table } from "../../core/report.js";
import { readableTable } from "../../core/report.js";
import { localCell } from "../format.js";

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(["integer", "number", "percent", "money", "duration"]);

// C0/C1 controls, and the bidi embeddings, overrides and isolates that reorder what a terminal or viewer shows (Trojan Source).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Inline punctuation Markdown reads as syntax anywhere in a line. */
const INLINE_SYNTAX = /[\\`*_~[\]<&|]/g;
/** What starts a block (quote, heading, list item, thematic break) when it opens the text. */
const BLOCK_START = /^(\s*)([>#+=-]|\d+(?=[.)]))/;

function escapeText(s: string): string {
  return s.replace(CONTROL, "").replace(/\t/g, " ").replace(INLINE_SYNTAX, "\\$&");
}

/** Escapes text for a table cell: Markdown syntax, the pipe, line breaks (a cell never opens a block). */
export function escapeCell(s: string): string {
  return s
    .split(/\r\n|\r|\n/)
    .map(escapeText)
    .join("<br>");
}

/** Escapes text inside a line (a meta label or value): on one line, Markdown syntax escaped. */
export function escapeInline(s: string): string {
  return escapeText(s.replace(/\r\n|\r|\n/g, " "));
}

/** Escapes text that opens a block (a title, a note after "- "): also a leading block marker. */
export function escapeBlock(s: string): string {
  return escapeInline(s).replace(BLOCK_START, (_, space: string, mark: string) =>
    /\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}

function renderTableMd(all: Table, locale: Locale): string {
  const { table, hidden } = readableTable(all);
  const lines: string[] = [];
  if (table.columns.length === 0) return "_No columns._";
  lines.push(`| ${table.columns.map((c) => escapeCell(c.label)).join(" | ")} |`);
  lines.push(`| ${table.columns.map((c) => (NUMERIC_KINDS.has(c.kind) ? "---:" : "---")).join(" | ")} |`);
  for (const row of table.rows) {
    const cells = table.columns.map((c) => {
      const text = escapeCell(localCell(row, c, locale));
      const kind = row.kinds?.[c.key] ?? c.kind;
      return kind === "status" && row.cells[c.key] === "breach" ? `**${text}**` : text;
    });
    lines.push(`| ${cells.join(" | ")} |`);
  }
  if (hidden > 0) lines.push("", `_${escapeInline(t(locale, "doc.more_rows", { hidden }))}_`);
  return lines.join("\n");
}

export function renderMarkdown(doc: ReportDocument): string {
  const locale = doc.locale ?? "en";
  const parts: string[] = [`# ${escapeBlock(doc.title)}`];
  if (doc.verdict) parts.push(`**${escapeInline(doc.verdict)}**`);
  if (doc.subtitle) parts.push(escapeBlock(doc.subtitle));
  if (doc.meta.length > 0) {
    parts.push(doc.meta.map(([label, value]) => `- **${escapeInline(label)}:** ${escapeInline(value)}`).join("\n"));
  }
  for (const table of doc.tables) {
    // Never an empty table: its one line saying there is none, or nothing.
    if (table.rows.length === 0) {
      if (table.empty) parts.push(`_${escapeInline(table.empty)}_`);
      continue;
    }
    if (table.title) parts.push(`## ${escapeBlock(table.title)}`);
    parts.push(renderTableMd(table, locale));
  }
  if (doc.notes.length > 0) {
    parts.push(`## ${escapeBlock(t(locale, "doc.notes"))}`);
    parts.push(doc.notes.map((n) => `- ${escapeBlock(n)}`).join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
}
