/**
 * XLSX rendering of a report (kpi-returns-pricing.md §5.1), with exceljs.
 *
 * One sheet per table, named by its short sheet name (Summary, Changes, Offers ...) or its title
 * (sanitised: none of []:*?/\ , unique, at most 31 characters, cut at a word), a frozen header
 * row with an autofilter, column widths from the content (CJK counts double), breach and error
 * rows filled red, a print setup (one page wide, landscape when wide, header repeated), and a
 * final "Run info" sheet with the title, meta pairs and notes.
 *
 * Values stay machine values with a number format, never pre-formatted strings: money as a number
 * in major units (minor / 10^digits) with a currency format, percentages as fractions with "0.0%",
 * durations as seconds with a `0" s"` format (the value stays seconds), dates as Date (exceljs
 * writes a Date's UTC fields, so times show in UTC), booleans as booleans. Rows with status
 * "breach" get a light red fill; status cells are coloured. No cell is ever written as a formula,
 * and string cells are formula-guarded.
 */
import type { Workbook, Worksheet, CellValue as XCellValue } from "exceljs";
import { type Locale, type Translator, translator } from "../core/i18n/index.js";
import type { CellValue, Column, ColumnKind, ReportDocument, Row, Table } from "../core/report.js";
import { offsetMs } from "../core/time.js";
import ExcelJS from "../io/exceljs.js";
import { currencyDigits, formatCell, formatMoney, localCell } from "../io/format.js";
import { neutralizeFormula } from "../io/formula-guard.js";
import { ColumnWidths, ERROR_FILL, ERROR_FONT, HEADER_FILL, printSetup } from "../io/xlsx-layout.js";

const DEFAULT_CURRENCY = "CNY";
const MAX_CELL_CHARS = 32767;
const BREACH_FILL = ERROR_FILL;
/** The best seller and other rows to notice that are no problem: light yellow. */
const HIGHLIGHT_FILL = "FFFFF2CC";
const STATUS_FONT: Record<string, { argb: string; bold?: boolean }> = {
  breach: { argb: "FF9C0006", bold: true },
  ok: { argb: "FF006100" },
  "n/a": { argb: "FF808080" },
};

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

function truncateUnits(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1); // do not split a surrogate pair
  return cut;
}

/** Sheet names Excel accepts: no []:*?/\ , no leading/trailing apostrophe, 1-31 chars, unique. */
export function sheetNamer(reserved: string[] = []): (wanted: string) => string {
  const used = new Set(reserved.map((n) => n.toLowerCase()));
  used.add("history"); // reserved by Excel
  return (wanted) => {
    const base =
      shortenAtWord(
        wanted
          .replace(INVALID_SHEET_CHARS, " ")
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are invalid in names
          .replace(/[\u0000-\u001f\u007f]/g, " ")
          .replace(/\s+/g, " ")
          .trim()
          .replace(/^'+|'+$/g, "")
          .trim(),
        31,
      ).trim() || "Sheet";
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = truncateUnits(base, 31 - suffix.length).trimEnd() + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  };
}

/** At most `max` characters, cut at the last space when there is one: "Unmatched reasons (as" not "Unmatched reasons (as writ". */
function shortenAtWord(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = truncateUnits(s, max);
  if (s[cut.length] === " ") return cut;
  const space = cut.lastIndexOf(" ");
  return space >= max / 2 ? cut.slice(0, space) : cut;
}

function currencySymbol(currency: string): string {
  const sample = formatMoney(0, currency);
  const at = sample.search(/\d/);
  return at > 0 ? sample.slice(0, at) : `${currency} `;
}

function decimals(digits: number): string {
  return digits > 0 ? `.${"0".repeat(digits)}` : "";
}

export function moneyFormat(currency: string): string {
  const sym = currencySymbol(currency).replace(/"/g, "");
  const num = `#,##0${decimals(currencyDigits(currency))}`;
  return `"${sym}"${num};-"${sym}"${num}`;
}

interface XlsxValue {
  value: XCellValue;
  numFmt?: string;
}

function guardString(s: string): string {
  // XML turns a raw CR into LF on reading, so write the line break Excel would read anyway.
  const g = neutralizeFormula(s).replace(/\r\n?/g, "\n");
  return g.length > MAX_CELL_CHARS ? `${truncateUnits(g, MAX_CELL_CHARS - 1)}…` : g;
}

function xlsxValue(value: CellValue | undefined, row: Row, column: Column): XlsxValue {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === "string") return { value: guardString(value) };
  if (typeof value === "boolean") return { value };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { value: null };
    // A spreadsheet date has no zone: it holds the wall time people read in the column's zone.
    if (column.timezone) value = new Date(value.getTime() + offsetMs(value.getTime(), column.timezone));
    const hasTime = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() + value.getUTCMilliseconds() > 0;
    return { value, numFmt: hasTime ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd" };
  }
  if (!Number.isFinite(value)) return { value: null };
  const kind: ColumnKind = row.kinds?.[column.key] ?? column.kind;
  switch (kind) {
    case "money": {
      const currency = row.currency ?? column.currency ?? DEFAULT_CURRENCY;
      return { value: value / 10 ** currencyDigits(currency), numFmt: moneyFormat(currency) };
    }
    case "percent":
      return { value, numFmt: `0${decimals(column.digits ?? 1)}%` };
    case "duration":
      return { value, numFmt: Number.isInteger(value) ? '#,##0" s"' : '#,##0.0" s"' };
    case "integer":
      return { value, numFmt: "#,##0" };
    case "number":
      return { value, numFmt: Number.isInteger(value) && column.digits === undefined ? "#,##0" : `#,##0${decimals(column.digits ?? 2)}` };
    default:
      return { value };
  }
}

function addTableSheet(wb: Workbook, name: string, table: Table, locale: Locale): { hasDates: boolean } {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  const cols = table.columns;
  let hasDates = false;
  const sizer = new ColumnWidths(cols.map((c) => c.label));
  const header = ws.getRow(1);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = guardString(c.label);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: "middle" };
  });

  table.rows.forEach((row, r) => {
    const xrow = ws.getRow(r + 2);
    const problem = row.status === "breach" || row.status === "error";
    cols.forEach((c, i) => {
      const raw = row.cells[c.key];
      const kind = row.kinds?.[c.key] ?? c.kind;
      // A status is a word people filter on: in the workbook's language (its colour from the raw status).
      const { value, numFmt } =
        kind === "status" && typeof raw === "string" ? { value: localCell(row, c, locale) } : xlsxValue(raw, row, c);
      const cell = xrow.getCell(i + 1);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
      if (raw instanceof Date) hasDates = true;
      if (problem) {
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: BREACH_FILL } };
        if (row.status === "error") cell.font = { color: { argb: ERROR_FONT } };
      } else if (row.highlight) {
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HIGHLIGHT_FILL } };
        cell.font = { bold: true };
      }
      if (kind === "status" && typeof raw === "string") {
        const font = STATUS_FONT[raw];
        if (font) cell.font = { color: { argb: font.argb }, ...(font.bold ? { bold: true } : {}) };
      }
      sizer.see(i, typeof value === "string" ? value : formatCell(row, c));
    });
  });

  const widths = sizer.widths();
  cols.forEach((_, i) => {
    ws.getColumn(i + 1).width = widths[i];
  });
  wrapLongText(ws, table, sizer);
  ws.pageSetup = printSetup(widths);
  if (cols.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  }
  cols.forEach((c, i) => {
    if (c.highlightAbove === undefined || table.rows.length === 0) return;
    const letter = ws.getColumn(i + 1).letter;
    ws.addConditionalFormatting({
      ref: `${letter}2:${letter}${table.rows.length + 1}`,
      rules: [
        {
          type: "cellIs",
          operator: "greaterThan",
          formulae: [String(c.highlightAbove)],
          priority: 1,
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: BREACH_FILL } },
            font: { color: { argb: ERROR_FONT }, bold: true },
          },
        },
      ],
    });
  });
  return { hasDates };
}

/** Text longer than its column (or on several lines) wraps inside it instead of running off the printed page. */
function wrapLongText(ws: Worksheet, table: Table, sizer: ColumnWidths): void {
  table.columns.forEach((c, i) => {
    const overflows = sizer.overflows(i);
    table.rows.forEach((row, r) => {
      const raw = row.cells[c.key];
      if (typeof raw !== "string" || !(overflows || raw.includes("\n"))) return;
      ws.getRow(r + 2).getCell(i + 1).alignment = { wrapText: true, vertical: "top" };
    });
  });
}

function addRunInfo(wb: Workbook, doc: ReportDocument, hasDates: boolean, tr: Translator): void {
  const ws = wb.addWorksheet(tr("xlsx.run_info"));
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 90;
  ws.pageSetup = printSetup([24, 90]);
  const add = (label: string, value: string, bold = false): void => {
    const row = ws.addRow([guardString(label), guardString(value)]);
    if (bold) row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
  };
  add(tr("xlsx.report"), doc.title, true);
  if (doc.subtitle) add(tr("xlsx.subtitle"), doc.subtitle, true);
  for (const [label, value] of doc.meta) add(label, value, true);
  if (hasDates) add(tr("xlsx.dates"), tr("xlsx.dates_utc"), true);
  add(tr("xlsx.generated_by"), "merchops", true);
  if (doc.notes.length > 0) {
    ws.addRow([]);
    const notesTitle = ws.addRow([tr("doc.notes")]);
    notesTitle.getCell(1).font = { bold: true };
    for (const note of doc.notes) {
      const row = ws.addRow(["", guardString(note)]);
      row.getCell(2).alignment = { wrapText: true, vertical: "top" };
    }
  }
}

export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "merchops";
  wb.lastModifiedBy = "merchops";
  wb.created = new Date();
  const tr = translator(doc.locale ?? "en");
  const nameFor = sheetNamer([tr("xlsx.run_info")]);
  let hasDates = false;
  for (const table of doc.tables) {
    const res = addTableSheet(wb, nameFor(table.sheetName ?? (table.title || table.id)), table, tr.locale);
    hasDates ||= res.hasDates;
  }
  addRunInfo(wb, doc, hasDates, tr);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
