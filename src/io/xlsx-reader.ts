/**
 * Streaming XLSX reader behind `openTable` (read-table.ts), on exceljs' WorkbookReader.
 *
 * Cells keep their type: string, number, boolean, Date. Rich text becomes its plain text, a
 * hyperlink its text, a formula its cached result (never evaluated), an error value (#N/A, #DIV/0!)
 * null. A formula without a cached result (a generated file never opened in Excel) is an error.
 *
 * Dates: exceljs turns a date-formatted serial into a Date whose UTC fields are the wall-clock
 * time shown in Excel (serials have no time zone). We keep that Date as it is: consumers that
 * need an instant read its UTC fields as local time in the store's time zone.
 *
 * Caveats of exceljs' streaming reader: worksheets stored before sharedStrings.xml (the order Excel
 * writes) are spooled to temp files first; merged cells are not expanded (only the top-left cell
 * has the value); a formula's boolean result comes back as 1/0.
 */

import type { ReadStream } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { InputError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import { batchesOf } from "./batches.js";
import { cfbKind, cfbStreamNames } from "./cfb.js";
import {
  checkHeader,
  columnDisplayName,
  columnLetter,
  DEFAULT_BATCH_SIZE,
  type HeaderDecision,
  HeaderFinder,
  headerCellText,
  isBlankRecord,
  type OpenedTable,
  openInput,
  type RawCell,
  type ReadOptions,
  type SourceRow,
} from "./csv-reader.js";
import { excelSerialToDate, serialOfExceljsDate } from "./excel-dates.js";
import ExcelJS, { guardReader, type MissingSharedString, onlyWorksheet, type SpooledSheet, XlsxLimitError } from "./exceljs.js";
import { refuseBinaryText, refuseForeignZip } from "./file-kind.js";
import { LIMIT_KEYS, limitHint, type ReadLimits, resolveLimits } from "./limits.js";
import { pickSheetPart } from "./xlsx-sheet-pick.js";
import { checkZipEntries, countWorksheets, readZipDirectory, ZipLimitError } from "./zip-scan.js";

const MAX_ROWS = 1_048_576;

/** Same test exceljs uses to decide that a number format is a date format. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(f);
}

// Minimal structural types for exceljs' streaming reader (its .d.ts is loose here).
interface XCell {
  type: number;
  value: unknown;
  numFmt?: string;
  result?: unknown;
}
interface XRow {
  number: number;
  eachCell(cb: (cell: XCell, col: number) => void): void;
}
interface XWorksheetReader {
  id: number | string;
  name: string;
  iterator?: unknown;
  parse(): AsyncIterator<{ eventType: string; value: unknown }[]>;
}
interface XSheetModel {
  name: string;
  state?: string;
  rId?: string;
}
interface XWorkbookReader extends AsyncIterable<XWorksheetReader> {
  model?: { sheets?: XSheetModel[] };
  workbookRels?: { Id?: string; Type?: string; Target?: string }[];
  properties?: { model?: { date1904?: boolean } };
}

const VT = ExcelJS.ValueType;

function richTextToString(v: unknown): string {
  const runs = (v as { richText?: { text?: string | null }[] }).richText ?? [];
  let s = "";
  for (const r of runs) s += r.text ?? "";
  return s;
}

function noop(): void {}

/** "zip" for an Open XML package, "xls" for a legacy workbook named .xlsx; anything else is refused for what it is. */
async function sniff(fh: FileHandle, file: string): Promise<"zip" | "xls"> {
  const buf = Buffer.alloc(8);
  const { bytesRead } = await fh.read(buf, 0, 8, 0);
  if (bytesRead === 0) throw new InputError({ file }, msg("io.empty_file"), msg("io.no_content"));
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return "zip";
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
    // An OLE compound file: Excel's container for a password-protected .xlsx, or a real .xls renamed.
    const kind = cfbKind(await cfbStreamNames(fh));
    if (kind === "encrypted") throw new InputError({ file }, msg("hostile.xlsx.encrypted"), msg("hostile.xlsx.encrypted_hint"));
    if (kind === "xls") return "xls";
    throw new InputError({ file }, msg("io.xlsx_is_binary"), msg("io.xlsx_is_binary_hint"));
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) refuseBinaryText(file, buf);
  if (buf[0] === 0x25 && buf[1] === 0x50 && buf[2] === 0x44 && buf[3] === 0x46) refuseBinaryText(file, buf);
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff) || (buf[0] === 0xef && buf[1] === 0xbb)) {
    throw new InputError({ file }, msg("io.xlsx_is_text"), msg("io.xlsx_is_text_hint"));
  }
  throw new InputError({ file }, msg("io.xlsx_not_zip"), msg("io.xlsx_not_zip_hint"));
}

export async function openXlsx(path: string, opts: ReadOptions = {}): Promise<OpenedTable> {
  const file = path;
  const fh = await openInput(path);
  const limits = resolveLimits(opts.limits);
  let declared: Map<string, number>;
  let onlySheet: string | undefined;
  try {
    if ((await sniff(fh, file)) === "xls") {
      // A legacy workbook with a new name reads as what it is (Excel opens it too, after a warning).
      await fh.close();
      return (await import("./xls-reader.js")).openXls(path, opts);
    }
    // Before anything is decompressed: the sizes the archive claims, against the limits.
    const entries = await readZipDirectory(fh, (await fh.stat()).size);
    // More sheets than the limit: only the wanted one is read, found from the workbook's own parts.
    if (countWorksheets(entries) > limits.xlsxSheets) onlySheet = await pickSheetPart(fh, entries, opts.sheet);
    declared = checkZipEntries(entries, limits, onlySheet !== undefined);
    refuseForeignZip(file, declared.keys());
  } catch (e) {
    await fh.close().catch(noop);
    throw limitError(file, e, limits);
  }
  const stream: ReadStream = fh.createReadStream({ start: 0, autoClose: true });
  if (onlySheet !== undefined) onlyWorksheet(stream, onlySheet);
  const batchSize = opts.batchSize && opts.batchSize > 0 ? opts.batchSize : DEFAULT_BATCH_SIZE;

  const wb = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  }) as unknown as XWorkbookReader;
  guardReader(wb, { limits, declared });

  let closed = false;
  let sheets: AsyncIterator<XWorksheetReader> | undefined;
  let sheet: XWorksheetReader | undefined;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    // A sheet stored before sharedStrings.xml was spooled to a temp file; exceljs deletes each
    // spool file when its iterator moves on, so walk the remaining (already spooled) sheets.
    if (sheet !== undefined && sheets !== undefined && isSpooled(sheet.iterator)) {
      await sheet.iterator.closeSpool();
      try {
        while (true) {
          const next = await sheets.next();
          if (next.done) break;
          await release(next.value);
        }
      } catch {
        // closing anyway
      }
    }
    if (!stream.closed) {
      await new Promise<void>((resolve) => {
        stream.once("close", () => resolve());
        stream.destroy();
      });
    }
  };

  const wrap = (e: unknown): unknown => {
    if (e instanceof InputError) return e;
    if (e instanceof XlsxLimitError || e instanceof ZipLimitError) return limitError(file, e, limits);
    const detail = e instanceof Error ? e.message : String(e);
    return new InputError({ file }, msg("io.cannot_read_workbook", { detail }), msg("io.save_again_xlsx"));
  };

  // 1. Find the sheet.
  const seen: string[] = [];
  try {
    sheets = wb[Symbol.asyncIterator]();
    while (true) {
      const next = await sheets.next();
      if (next.done) break;
      const ws = next.value;
      seen.push(ws.name);
      if (isWanted(ws, wb, opts.sheet)) {
        sheet = ws;
        break;
      }
      await release(ws);
    }
  } catch (e) {
    await close();
    throw wrap(e);
  }
  if (sheet === undefined) {
    await close();
    const names = wb.model?.sheets?.map((s) => s.name) ?? seen;
    if (opts.sheet !== undefined) {
      throw new InputError(
        { file },
        msg("io.no_sheet", { sheet: opts.sheet }),
        names.length > 0 ? msg("io.sheets_are", { names: names.map((n) => `"${n}"`).join(", ") }) : msg("io.no_worksheets"),
      );
    }
    throw new InputError({ file }, msg("io.empty_file"), msg("io.no_worksheets"));
  }
  const sheetName = sheet.name;
  const date1904 = wb.properties?.model?.date1904 === true;

  // 2. Stream its rows.
  const events = sheet.parse();
  let header: string[] | undefined;
  let headerRow = 0;
  let skippedAbove = 0;
  const finder = new HeaderFinder(opts.isHeaderRow);
  let width = 0;
  let pending: SourceRow[] = [];
  let ended = false;

  const cellValue = (cell: XCell, row: number, col: number): RawCell => {
    missingSharedString(cell.value, row, col);
    switch (cell.type) {
      case VT.Null:
      case VT.Merge:
        return null;
      case VT.String:
        return checkedText(cell.value as string, row, col);
      case VT.Number: {
        const n = cell.value as number;
        return Number.isNaN(n) ? null : n;
      }
      case VT.Boolean:
        return cell.value as boolean;
      case VT.Date:
        // exceljs converted the serial with one epoch for all; convert it again the way Excel counts.
        return dateOf(serialOfExceljsDate(cell.value as Date, date1904), row, col);
      case VT.RichText:
        return checkedText(richTextToString(cell.value), row, col);
      case VT.Hyperlink: {
        const text = (cell.value as { text?: unknown }).text;
        if (typeof text === "string") return text;
        if (text && typeof text === "object") return richTextToString(text);
        return null;
      }
      case VT.Error:
        // Kept as Excel shows it (#REF!, #DIV/0!), so a column that needs a number says so
        // instead of reading a broken cell as empty.
        return errorText(cell.value);
      case VT.Formula:
        return formulaResult(cell, cell.result, row, col);
      default: {
        // exceljs files a shared-formula child (empty formula text) as a JSON value.
        const v = cell.value as { formula?: unknown; sharedFormula?: unknown; result?: unknown } | null;
        if (v && typeof v === "object" && ("result" in v || "formula" in v || "sharedFormula" in v)) {
          return formulaResult(cell, v.result, row, col);
        }
        if (v && typeof v === "object" && "sharedString" in v) {
          throw new InputError(
            { file, row, column: header ? columnDisplayName(header, col) : columnLetter(col) },
            msg("io.no_shared_strings"),
            msg("io.save_again_xlsx"),
          );
        }
        return null;
      }
    }
  };

  /** U+FFFD in a cell is text damaged before the workbook was saved: never stored. */
  const checkedText = (v: string, row: number, col: number): string => {
    if (!v.includes("\uFFFD")) return v;
    throw new InputError(
      { file, row, column: header ? columnDisplayName(header, col) : columnLetter(col) },
      msg("io.replacement_char_workbook"),
      msg("io.retype_damaged"),
    );
  };

  /** A table that exists but has no such entry: a damaged or forged workbook, never an empty cell. */
  const missingSharedString = (v: unknown, row: number, col: number): void => {
    const m = v as Partial<MissingSharedString> | null;
    if (!m || typeof m !== "object" || typeof m.sharedStrings !== "number") return;
    throw new InputError(
      { file, row, column: header ? columnDisplayName(header, col) : columnLetter(col) },
      msg("hostile.xlsx.shared_string_missing", { index: String(m.sharedString), count: m.sharedStrings }),
      msg("io.save_again_xlsx"),
    );
  };

  /** A date serial as Excel shows it; one that is no date (##### in Excel, the phantom 1900-02-29) is refused. */
  const dateOf = (serial: number, row: number, col: number): Date => {
    const d = excelSerialToDate(serial, date1904);
    if (d instanceof Date) return d;
    throw new InputError(
      { file, row, column: header ? columnDisplayName(header, col) : columnLetter(col) },
      d.problem,
      msg("hostile.date.serial_hint"),
    );
  };

  const errorText = (v: unknown): string => {
    const e = v && typeof v === "object" ? (v as { error?: unknown }).error : undefined;
    return typeof e === "string" ? e : "#ERROR!";
  };

  const formulaResult = (cell: XCell, result: unknown, row: number, col: number): RawCell => {
    if (result === undefined || result === null) {
      throw new InputError(
        { file, row, column: header ? columnDisplayName(header, col) : columnLetter(col) },
        msg("io.formula_no_value"),
        msg("io.formula_no_value_hint"),
      );
    }
    if (typeof result === "number") {
      if (Number.isNaN(result)) return "#N/A"; // an error result
      return isDateFormat(cell.numFmt) ? dateOf(result, row, col) : result;
    }
    if (result instanceof Date) return dateOf(serialOfExceljsDate(result, date1904), row, col);
    if (typeof result === "string" || typeof result === "boolean") return result;
    if (typeof result === "object" && "error" in (result as object)) return errorText(result);
    if (typeof result === "object" && "richText" in (result as object)) return richTextToString(result);
    return null;
  };

  const takeHeader = (d: HeaderDecision): void => {
    header = checkHeader(
      d.cells.map((c) => headerCellText(c)),
      { file, row: d.row },
      (i) => msg("values.column_letter", { letter: columnLetter(i) }),
      opts.duplicateHeaders,
    );
    width = header.length;
    headerRow = d.row;
    skippedAbove = d.skipped;
    for (const held of d.rest)
      acceptData(
        held.row,
        held.cells.map((v, i) => [i, v] as const),
      );
  };

  const onRow = (r: XRow): void => {
    const row = r.number;
    if (row > MAX_ROWS) throw new InputError({ file, row }, msg("io.row_beyond_limit", { limit: MAX_ROWS }), msg("io.damaged"));
    if (header === undefined) {
      // Until the header is known a row keeps its typed cells: it may turn out to be data.
      const raw: RawCell[] = [];
      r.eachCell((cell, colNo) => {
        const v = cellValue(cell, row, colNo - 1);
        while (raw.length < colNo - 1) raw.push(null);
        raw[colNo - 1] = v;
      });
      if (isBlankRecord(raw)) return;
      const d = finder.offer(row, raw);
      if (d) takeHeader(d);
      return;
    }
    const values: (readonly [number, RawCell])[] = [];
    r.eachCell((cell, colNo) => {
      values.push([colNo - 1, cellValue(cell, row, colNo - 1)]);
    });
    acceptData(row, values);
  };

  const acceptData = (row: number, values: readonly (readonly [number, RawCell])[]): void => {
    const cells: RawCell[] = new Array<RawCell>(width).fill(null);
    let blank = true;
    for (const [i, v] of values) {
      if (v === null) continue;
      if (i >= width) {
        if (typeof v === "string" && v.trim() === "") continue;
        throw new InputError(
          { file, row },
          msg("io.stray_value", { column: columnLetter(i), last: columnLetter(width - 1) }),
          msg("io.stray_value_hint"),
        );
      }
      cells[i] = v;
      if (blank && !(typeof v === "string" && v.trim() === "")) blank = false;
    }
    if (!blank) pending.push({ row, cells });
  };

  const pull = async (): Promise<boolean> => {
    if (ended) return false;
    let next: IteratorResult<{ eventType: string; value: unknown }[]>;
    try {
      next = await events.next();
    } catch (e) {
      ended = true;
      throw wrap(e);
    }
    if (next.done) {
      ended = true;
      return false;
    }
    for (const ev of next.value) if (ev.eventType === "row") onRow(ev.value as XRow);
    return true;
  };

  try {
    while (header === undefined && (await pull())) {}
    if (header === undefined) {
      const d = finder.settle();
      if (d) takeHeader(d);
    }
  } catch (e) {
    await close();
    throw e;
  }
  if (header === undefined) {
    await close();
    throw new InputError({ file }, msg("io.empty_sheet", { sheet: sheetName }), msg("io.first_row_names_columns"));
  }

  const batches = batchesOf(
    {
      take: () => {
        const rows = pending;
        pending = [];
        return rows;
      },
      waiting: () => pending.length,
      pull: async () => {
        if (ended || closed) return false;
        await pull();
        return true;
      },
      close,
    },
    batchSize,
  );

  return { file, format: "xlsx", header, headerRow, skippedAbove, sheet: sheetName, batches, close };
}

/** A limit or structure refusal as an InputError: the limit, its value and the config key to raise it. */
function limitError(file: string, e: unknown, limits: ReadLimits): unknown {
  if (!(e instanceof XlsxLimitError || e instanceof ZipLimitError)) return e;
  const key = e.limit;
  if (key in LIMIT_KEYS) {
    const k = key as keyof ReadLimits;
    return new InputError({ file }, msg("io.limit.with_key", { problem: e.text, key: LIMIT_KEYS[k] }), limitHint(k, limits[k]));
  }
  return new InputError({ file }, e.text, msg("io.save_again_stranger"));
}

function isSpooled(it: unknown): it is SpooledSheet {
  return typeof it === "object" && it !== null && typeof (it as { closeSpool?: unknown }).closeSpool === "function";
}

/**
 * Skips a sheet: closes its spooled temp-file stream before exceljs is asked for the next sheet
 * (which deletes the file); an unread zip entry is drained by exceljs.
 */
async function release(ws: XWorksheetReader): Promise<void> {
  if (isSpooled(ws.iterator)) await ws.iterator.closeSpool();
}

function isWanted(ws: XWorksheetReader, wb: XWorkbookReader, wanted: string | undefined): boolean {
  if (wanted !== undefined) {
    if (ws.name === wanted) return true;
    const w = wanted.trim().toLowerCase();
    // Accept a case-insensitive match only when no sheet has the exact name.
    const exact = wb.model?.sheets?.some((s) => s.name === wanted) ?? false;
    return !exact && ws.name.trim().toLowerCase() === w;
  }
  const sheets = wb.model?.sheets?.filter((s) => !isChartSheet(s, wb));
  if (!sheets || sheets.length === 0) return true;
  const first = sheets.find((s) => s.state !== "hidden" && s.state !== "veryHidden") ?? sheets[0];
  return first === undefined || first.name === ws.name;
}

/** A chart sheet (a tab holding only a chart, first in many report workbooks) has no cells: never "the first sheet". */
function isChartSheet(sheet: XSheetModel, wb: XWorkbookReader): boolean {
  const rel = wb.workbookRels?.find((r) => r.Id === sheet.rId);
  return rel !== undefined && (/\/chartsheet$/.test(rel.Type ?? "") || (rel.Target ?? "").includes("chartsheets/"));
}
