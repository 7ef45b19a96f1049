/**
 * Opens a spreadsheet-like input file (CSV/TSV/TXT, XLSX or legacy XLS) as a header plus batches of raw rows.
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
import { msg } from "../core/i18n/index.js";
import { type OpenedTable, openCsv, type ReadOptions } from "./csv-reader.js";
import { knownUnsupported } from "./file-kind.js";

// The reader types live in csv-reader.ts only to keep src/io free of import cycles (the readers
// need them, and dependency-cruiser counts type imports); this module is their public home.
export type { HeaderRowTest, OpenedTable, RawCell, ReadOptions, SourceRow } from "./csv-reader.js";
export { DEFAULT_BATCH_SIZE, HEADER_SEARCH_ROWS } from "./csv-reader.js";

const CSV_EXTENSIONS = new Set([".csv", ".tsv", ".txt"]);
const XLSX_EXTENSIONS = new Set([".xlsx", ".xlsm"]);

export async function openTable(path: string, opts: ReadOptions = {}): Promise<OpenedTable> {
  const ext = extname(path).toLowerCase();
  if (CSV_EXTENSIONS.has(ext)) return openCsv(path, opts);
  // exceljs is large: loaded only when a workbook is read.
  if (XLSX_EXTENSIONS.has(ext)) return (await import("./xlsx-reader.js")).openXlsx(path, opts);
  // SheetJS is large too, and only .xls needs it.
  if (ext === ".xls") return (await import("./xls-reader.js")).openXls(path, opts);
  const known = knownUnsupported(path, ext);
  if (known) throw known;
  throw new InputError({ file: path }, ext ? msg("io.unsupported_ext", { ext }) : msg("io.no_ext"), msg("io.supported_types"));
}
