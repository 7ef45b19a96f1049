/**
 * Legacy Excel 97-2003 workbooks (.xls, BIFF8) behind `openTable` (read-table.ts), on SheetJS CE
 * (published on npm as @e965/xlsx, Apache-2.0). Many ERP and back-office exports (生意参谋, 聚水潭,
 * 管家婆, 进销存 tools) still write .xls.
 *
 * A BIFF file is a compound document with no streaming layout, so it is read whole; the format's own
 * bounds keep that small: at most 65,536 rows and 256 columns per sheet. A sheet that claims more is
 * damaged and refused.
 *
 * Cells come out as the xlsx reader gives them: text, number, boolean; a date-formatted number as a
 * Date carrying Excel's wall-clock time in its UTC fields; a formula its cached result; an error
 * cell its text (#N/A). Numbers stored as text ("2280", common in these exports) stay text.
 */
import { readFile } from "node:fs/promises";
import * as XLSX from "@e965/xlsx";
import { InputError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";
import { batchesOf } from "./batches.js";
import {
  checkHeader,
  columnLetter,
  DEFAULT_BATCH_SIZE,
  type HeaderDecision,
  HeaderFinder,
  headerCellText,
  isBlankRecord,
  type OpenedTable,
  type RawCell,
  type ReadOptions,
  type SourceRow,
} from "./csv-reader.js";
import { excelSerialToDate } from "./excel-dates.js";
import { checkDataInput } from "./input-path.js";

/** BIFF8 limits: 65,536 rows, 256 columns (IV). */
export const XLS_MAX_ROWS = 65_536;
export const XLS_MAX_COLUMNS = 256;
// The largest BIFF8 sheets Excel writes stay well under this; a bigger file is not a real .xls.
const MAX_BYTES = 256 * 1024 * 1024;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function openXls(path: string, opts: ReadOptions = {}): Promise<OpenedTable> {
  const file = path;
  const buf = await readBounded(file);
  const wb = parseWorkbook(buf, file);
  const sheetName = pickSheet(wb, opts.sheet, file);
  const sheet = wb.Sheets[sheetName];
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  const rows = sheetRows(sheet, file, date1904);

  const finder = new HeaderFinder(opts.isHeaderRow);
  let decision: HeaderDecision | undefined;
  let next = 0;
  for (; next < rows.length && decision === undefined; next++) {
    const r = rows[next] as SourceRow;
    if (!isBlankRecord(r.cells)) decision = finder.offer(r.row, r.cells);
  }
  decision ??= finder.settle();
  if (decision === undefined) {
    throw new InputError({ file }, msg("io.empty_sheet", { sheet: sheetName }), msg("io.first_row_names_columns"));
  }
  const header = checkHeader(
    decision.cells.map((c) => headerCellText(c)),
    { file, row: decision.row },
    (i) => msg("values.column_letter", { letter: columnLetter(i) }),
    opts.duplicateHeaders,
  );
  const width = header.length;
  // Rows held while the header was looked for are data; after them, the rest of the sheet.
  let pending: SourceRow[] = decision.rest.map((r) => ({ row: r.row, cells: toWidth(r, width, file) }));

  let closed = false;
  const batchSize = opts.batchSize && opts.batchSize > 0 ? opts.batchSize : DEFAULT_BATCH_SIZE;
  const pull = async (): Promise<boolean> => {
    if (closed || next >= rows.length) return false;
    const end = Math.min(rows.length, next + batchSize);
    for (; next < end; next++) {
      const r = rows[next] as SourceRow;
      if (isBlankRecord(r.cells)) continue;
      pending.push({ row: r.row, cells: toWidth(r, width, file) });
    }
    return true;
  };
  const close = async (): Promise<void> => {
    closed = true;
    rows.length = 0;
  };
  const batches = batchesOf(
    {
      take: () => {
        const out = pending;
        pending = [];
        return out;
      },
      waiting: () => pending.length,
      pull,
      close,
    },
    batchSize,
  );
  return { file, format: "xls", header, headerRow: decision.row, skippedAbove: decision.skipped, sheet: sheetName, batches, close };
}

async function readBounded(file: string): Promise<Buffer> {
  const size = (await checkDataInput(file)).size;
  if (size === 0) throw new InputError({ file }, msg("io.empty_file"), msg("io.no_content"));
  if (size > MAX_BYTES) {
    throw new InputError({ file }, msg("io.xls_too_large", { size }), msg("io.xls_too_large_hint"));
  }
  const buf = await readFile(file);
  if (!OLE_SIGNATURE.every((b, i) => buf[i] === b)) throw notBiff(buf, file);
  return buf;
}

/** What a file named .xls really is when it is not a BIFF workbook: the usual "Excel export" impostors. */
function notBiff(buf: Buffer, file: string): InputError {
  if (buf[0] === 0x50 && buf[1] === 0x4b) {
    return new InputError({ file }, msg("io.xls_is_xlsx"), msg("io.xls_is_xlsx_hint"));
  }
  const head = buf.subarray(0, 512).toString("latin1").toLowerCase();
  if (head.includes("<html") || head.includes("<table") || head.includes("<?xml")) {
    return new InputError({ file }, msg("io.xls_is_html"), msg("io.xls_is_html_hint"));
  }
  return new InputError({ file }, msg("io.xls_not_biff"), msg("io.xls_not_biff_hint"));
}

function parseWorkbook(buf: Buffer, file: string): XLSX.WorkBook {
  try {
    // dense: rows as arrays (less memory than one object per cell); cellDates off: dates are
    // built here from the serial so they carry Excel's wall-clock time like the xlsx reader's.
    return XLSX.read(buf, {
      type: "buffer",
      dense: true,
      cellDates: false,
      cellNF: true,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(detail)) return fail(file, msg("io.xls_password"), msg("io.xls_password_hint"));
    return fail(file, msg("io.cannot_read_workbook", { detail }), msg("io.save_as_xlsx"));
  }
}

function fail(file: string, message: Message, hint: Message): never {
  throw new InputError({ file }, message, hint);
}

function pickSheet(wb: XLSX.WorkBook, wanted: string | undefined, file: string): string {
  const names = wb.SheetNames;
  if (wanted !== undefined) {
    if (names.includes(wanted)) return wanted;
    const w = wanted.trim().toLowerCase();
    const loose = names.find((n) => n.trim().toLowerCase() === w);
    if (loose !== undefined) return loose;
    throw new InputError(
      { file },
      msg("io.no_sheet", { sheet: wanted }),
      names.length > 0 ? msg("io.sheets_are", { names: names.map((n) => `"${n}"`).join(", ") }) : msg("io.no_worksheets"),
    );
  }
  const props = wb.Workbook?.Sheets ?? [];
  const visible = names.find((_name, i) => (props[i]?.Hidden ?? 0) === 0) ?? names[0];
  if (visible === undefined) throw new InputError({ file }, msg("io.empty_file"), msg("io.no_worksheets"));
  return visible;
}

interface DenseSheet {
  "!data"?: (XLSX.CellObject | undefined)[][];
  "!ref"?: string;
}

function sheetRows(sheet: XLSX.WorkSheet | undefined, file: string, date1904: boolean): SourceRow[] {
  const dense = sheet as DenseSheet | undefined;
  const data = dense?.["!data"] ?? [];
  if (data.length > XLS_MAX_ROWS) {
    throw new InputError({ file, row: data.length }, msg("io.xls_row_beyond_limit", { limit: XLS_MAX_ROWS }), msg("io.damaged"));
  }
  const rows: SourceRow[] = [];
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) continue;
    if (src.length > XLS_MAX_COLUMNS) {
      throw new InputError({ file, row: r + 1 }, msg("io.xls_too_many_columns", { limit: XLS_MAX_COLUMNS }), msg("io.damaged"));
    }
    const cells: RawCell[] = new Array<RawCell>(src.length).fill(null);
    for (let c = 0; c < src.length; c++) {
      const v = cellValue(src[c], date1904);
      // A serial that is no date (##### in Excel, the phantom 1900-02-29) is refused where it is.
      if (v !== null && typeof v === "object" && !(v instanceof Date)) {
        throw new InputError({ file, row: r + 1, column: columnLetter(c) }, v.problem, msg("hostile.date.serial_hint"));
      }
      cells[c] = v;
    }
    rows.push({ row: r + 1, cells });
  }
  return rows;
}

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): RawCell | { problem: Message } {
  if (!cell) return null;
  switch (cell.t) {
    case "s":
      return typeof cell.v === "string" ? cell.v : cell.v == null ? null : String(cell.v);
    case "n": {
      const n = cell.v as number;
      if (typeof n !== "number" || Number.isNaN(n)) return null;
      return cell.z !== undefined && XLSX.SSF.is_date(cell.z) ? excelSerialToDate(n, date1904) : n;
    }
    case "b":
      return cell.v === true;
    case "d":
      return cell.v instanceof Date ? cell.v : null;
    case "e":
      // Kept as Excel shows it, so a column that needs a number names the broken cell.
      return typeof cell.w === "string" && cell.w !== "" ? cell.w : "#ERROR!";
    default:
      return null;
  }
}

/** A data row cut or padded to the header's width; a value right of the last named column is refused. */
function toWidth(r: SourceRow, width: number, file: string): RawCell[] {
  const cells = r.cells;
  for (let i = width; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || (typeof v === "string" && v.trim() === "")) continue;
    throw new InputError(
      { file, row: r.row },
      msg("io.stray_value", { column: columnLetter(i), last: columnLetter(width - 1) }),
      msg("io.stray_value_hint"),
    );
  }
  if (cells.length === width) return cells;
  const out = cells.slice(0, width);
  while (out.length < width) out.push(null);
  return out;
}
