/**
 * Opens a spreadsheet-like input file (CSV/TSV/TXT or XLSX) as a header plus batches of raw rows.
 * Everything above this layer (adapters, importers) works on `OpenedTable` and never touches
 * bytes, encodings, delimiters or zip files.
 *
 * Cell values are raw: CSV cells are strings exactly as written ("00123" stays "00123"; an empty
 * field is ""), cells missing from a short CSV row are null. XLSX cells keep their type (string,
 * number, boolean, Date); empty cells are null. Consumers treat "" and null alike as blank.
 * Every data row has exactly `header.length` cells.
 */
import { extname } from "node:path";
import { InputError } from "../core/errors.js";
import { openCsv } from "./csv-reader.js";
import { openXlsx } from "./xlsx-reader.js";

export type RawCell = string | number | boolean | Date | null;

export interface SourceRow {
  /**
   * 1-based row as a spreadsheet shows it: the header is row 1, the first data row is 2. For CSV
   * it is the record number + 1 (a quoted newline does not shift it); for XLSX the sheet's row.
   */
  row: number;
  cells: RawCell[];
}

export interface ReadOptions {
  /** CSV: force an encoding (any iconv-lite label: gb18030, gbk, big5, utf-16le, shift_jis ...). */
  encoding?: string;
  /** CSV: force the delimiter ("," ";" "\t"; "tab", "\\t", "comma", "semicolon" are accepted). */
  delimiter?: string;
  /** XLSX: the sheet to read (default: the first worksheet). */
  sheet?: string;
  /** Data rows per batch (default 2000; batches can be somewhat larger). */
  batchSize?: number;
}

export interface OpenedTable {
  /** The path as given (for messages). */
  file: string;
  format: "csv" | "xlsx";
  /** Trimmed header cells (one BOM stripped; trailing empty header cells dropped). */
  header: string[];
  /** CSV: the encoding used ("utf-8", "utf-16le", "gb18030", or the forced one). */
  encoding?: string;
  /** CSV: the delimiter used. */
  delimiter?: string;
  /** XLSX: the name of the sheet read. */
  sheet?: string;
  /** Data rows in batches for throughput. Can be iterated once; finishing or breaking closes the file. */
  batches(): AsyncIterable<SourceRow[]>;
  /** Idempotent; releases file handles when the consumer stops early. */
  close(): Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 2000;

const CSV_EXTENSIONS = new Set([".csv", ".tsv", ".txt"]);
const XLSX_EXTENSIONS = new Set([".xlsx", ".xlsm"]);

export async function openTable(path: string, opts: ReadOptions = {}): Promise<OpenedTable> {
  const ext = extname(path).toLowerCase();
  if (CSV_EXTENSIONS.has(ext)) return openCsv(path, opts);
  if (XLSX_EXTENSIONS.has(ext)) return openXlsx(path, opts);
  if (ext === ".xls") {
    throw new InputError(
      { file: path },
      "old binary Excel format: open it in Excel or WPS and save as .xlsx (or CSV)",
      "File > Save As > Excel Workbook (*.xlsx) or CSV UTF-8",
    );
  }
  throw new InputError(
    { file: path },
    `unsupported file type${ext ? ` "${ext}"` : " (no extension)"}`,
    "supported: .csv, .tsv, .txt (delimited text) and .xlsx, .xlsm (Excel workbooks)",
  );
}
