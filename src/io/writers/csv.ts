/**
 * CSV rendering of ONE report table for pipelines (kpi-returns-pricing.md §5.2): RFC 4180 (CRLF,
 * quotes where needed) via csv-stringify, column KEYS as the header (stable across label changes),
 * machine values at the precision they mean: money as a decimal string in major units with the
 * currency's minor digits ("1299.90", JPY "500"), percentages as fractions to 4 decimals (0.0352 =
 * 3.52%), counts as integers, other numbers to the column's digits (default 2), durations in
 * seconds to 0.1 s; never a 17-digit float. Dates ISO 8601 with offset, booleans true/false, null
 * as an empty field, no thousands separators. String cells are formula-guarded.
 * `bom` prefixes a UTF-8 BOM so Excel shows Chinese text correctly.
 */
import { stringify } from "csv-stringify/sync";
import { isoWithOffset } from "../../core/contract.js";
import { UsageError } from "../../core/errors.js";
import { msg } from "../../core/i18n/index.js";
import type { CellValue, Column, ReportDocument, Row } from "../../core/report.js";
import { minorToDecimal } from "../format.js";
import { neutralizeFormula } from "../formula-guard.js";

/** Default currency when neither the row nor the column names one (as format.ts does). */
const DEFAULT_CURRENCY = "CNY";

/** Fraction digits a fraction keeps: 4 is 0.01 percentage point, finer than any threshold is set. */
const FRACTION_DIGITS = 4;
/** Durations are seconds; a tenth of one is finer than any response-time target. */
const DURATION_DIGITS = 1;

/** A number rounded to `digits` decimals, written without trailing zeros, exponent or "-0". */
export function roundedNumber(value: number, digits: number): string {
  const r = Number(value.toFixed(digits));
  return String(r === 0 ? 0 : r);
}

/** The decimals a number of this kind keeps in machine output. */
function machineDigits(kind: Column["kind"], column: Column): number | undefined {
  switch (kind) {
    case "integer":
      return 0;
    case "percent":
      return FRACTION_DIGITS;
    case "duration":
      return DURATION_DIGITS;
    case "number":
      return column.digits ?? 2;
    default:
      return undefined;
  }
}

export function csvValue(value: CellValue | undefined, row: Row, column: Column): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return neutralizeFormula(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : isoWithOffset(value, column.timezone);
  if (!Number.isFinite(value)) return "";
  const kind = row.kinds?.[column.key] ?? column.kind;
  if (kind === "money") return minorToDecimal(value, row.currency ?? column.currency ?? DEFAULT_CURRENCY);
  const digits = machineDigits(kind, column);
  return digits === undefined ? String(value) : roundedNumber(value, digits);
}

export function renderCsv(doc: ReportDocument, opts: { bom?: boolean; tableId?: string } = {}): string {
  const bom = opts.bom === true ? "\uFEFF" : "";
  let table = doc.tables[0];
  if (opts.tableId !== undefined) {
    table = doc.tables.find((t) => t.id === opts.tableId);
    if (table === undefined) {
      const ids = doc.tables.map((t) => t.id).join(", ");
      throw new UsageError(msg("io.no_table", { table: opts.tableId }), ids ? msg("io.tables_are", { ids }) : msg("io.no_tables"));
    }
  }
  if (table === undefined) return bom;
  const columns = table.columns;
  const records: string[][] = [columns.map((c) => neutralizeFormula(c.key))];
  for (const row of table.rows) records.push(columns.map((c) => csvValue(row.cells[c.key], row, c)));
  // csv-stringify only quotes the record delimiter itself (CRLF); a lone LF or CR must be quoted too.
  return bom + stringify(records, { record_delimiter: "windows", eof: true, quoted_match: /[\r\n]/ });
}
