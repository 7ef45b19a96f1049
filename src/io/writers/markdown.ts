/**
 * GitHub-flavoured Markdown rendering of a report: `# title`, meta as a list, one pipe table per
 * report table (numeric columns right-aligned), notes as a list. Cell text is escaped: `|` becomes
 * `\|`, line breaks `<br>`, and `& < >` entities so data cannot inject HTML.
 */
import type { ColumnKind, ReportDocument, Table } from "../../core/report.js";
import { moreRowsNote, readableTable } from "../../core/report.js";
import { formatCell } from "../format.js";

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(["integer", "number", "percent", "money", "duration"]);

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function escapeHtml(s: string): string {
  return s.replace(CONTROL, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes text for a table cell: pipes, line breaks and HTML. */
export function escapeCell(s: string): string {
  return escapeHtml(s)
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r\n|\r|\n/g, "<br>")
    .replace(/\t/g, " ");
}

/** Escapes one line of running text (title, meta, notes). */
function escapeInline(s: string): string {
  return escapeHtml(s)
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/\t/g, " ");
}

function renderTableMd(all: Table): string {
  const { table, hidden } = readableTable(all);
  const lines: string[] = [];
  if (table.columns.length === 0) return "_No columns._";
  lines.push(`| ${table.columns.map((c) => escapeCell(c.label)).join(" | ")} |`);
  lines.push(`| ${table.columns.map((c) => (NUMERIC_KINDS.has(c.kind) ? "---:" : "---")).join(" | ")} |`);
  for (const row of table.rows) {
    const cells = table.columns.map((c) => {
      const text = escapeCell(formatCell(row, c));
      const kind = row.kinds?.[c.key] ?? c.kind;
      return kind === "status" && text === "breach" ? "**breach**" : text;
    });
    lines.push(`| ${cells.join(" | ")} |`);
  }
  if (hidden > 0) lines.push("", `_${escapeInline(moreRowsNote(hidden))}_`);
  return lines.join("\n");
}

export function renderMarkdown(doc: ReportDocument): string {
  const parts: string[] = [`# ${escapeInline(doc.title)}`];
  if (doc.verdict) parts.push(`**${escapeInline(doc.verdict)}**`);
  if (doc.subtitle) parts.push(escapeInline(doc.subtitle));
  if (doc.meta.length > 0) {
    parts.push(doc.meta.map(([label, value]) => `- **${escapeInline(label)}:** ${escapeInline(value)}`).join("\n"));
  }
  for (const table of doc.tables) {
    // Never an empty table: its one line saying there is none, or nothing.
    if (table.rows.length === 0) {
      if (table.empty) parts.push(`_${escapeInline(table.empty)}_`);
      continue;
    }
    if (table.title) parts.push(`## ${escapeInline(table.title)}`);
    parts.push(renderTableMd(table));
  }
  if (doc.notes.length > 0) {
    parts.push("## Notes");
    parts.push(doc.notes.map((n) => `- ${escapeInline(n)}`).join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
}
