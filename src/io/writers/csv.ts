/**
 * CSV rendering of ONE report table for pipelines (kpi-returns-pricing.md §5.2): RFC 4180 (CRLF,
 * quotes where needed) via csv-stringify, column KEYS as the header (stable across label changes),
 * raw machine values: money as a decimal string in major units ("1299.90"), percentages as
 * fractions (0.032), durations in seconds, dates ISO 8601 (UTC, "Z"), booleans true/false,
 * null as an empty field, no thousands separators. String cells are formula-guarded.
 * `bom` prefixes a UTF-8 BOM so Excel shows Chinese text correctly.
 */
import { stringify } from "csv-stringify/sync";
import { UsageError } from "../../core/errors.js";
import type { CellValue, Column, ReportDocument, Row } from "../../core/report.js";
import { minorToDecimal } from "../format.js";
import { neutralizeFormula } from "../formula-guard.js";

/** Default currency when neither the row nor the column names one (as format.ts does). */
const DEFAULT_CURRENCY = "CNY";

export function csvValue(value: CellValue | undefined, row: Row, column: Column): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return neutralizeFormula(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (!Number.isFinite(value)) return "";
  const kind = row.kinds?.[column.key] ?? column.kind;
  if (kind === "money") return minorToDecimal(value, row.currency ?? column.currency ?? DEFAULT_CURRENCY);
  return String(value);
}

export function renderCsv(doc: ReportDocument, opts: { bom?: boolean; tableId?: string } = {}): string {
  const bom = opts.bom === true ? "\uFEFF" : "";
  let table = doc.tables[0];
  if (opts.tableId !== undefined) {
    table = doc.tables.find((t) => t.id === opts.tableId);
    if (table === undefined) {
      throw new UsageError(`no table "${opts.tableId}" in this report`, `tables: ${doc.tables.map((t) => t.id).join(", ") || "(none)"}`);
    }
  }
  if (table === undefined) return bom;
  const columns = table.columns;
  const records: string[][] = [columns.map((c) => neutralizeFormula(c.key))];
  for (const row of table.rows) records.push(columns.map((c) => csvValue(row.cells[c.key], row, c)));
  // csv-stringify only quotes the record delimiter itself (CRLF); a lone LF or CR must be quoted too.
  return bom + stringify(records, { record_delimiter: "windows", eof: true, quoted_match: /[\r\n]/ });
}
