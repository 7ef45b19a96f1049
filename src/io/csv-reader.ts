/**
 * Streaming CSV/TSV reader behind `openTable` (read-table.ts).
 *
 * The file is never read whole: the first 64 KiB are sniffed for the encoding, an Excel `sep=;`
 * line and the delimiter, then the file streams through a validator (UTF-8) or a streaming
 * decoder (legacy encodings) into csv-parse's synchronous parser core, chunk by chunk. Records go
 * straight into batches: no promise, object or copy per row, no casting (cells stay strings, so
 * leading zeros survive).
 *
 * Row numbers are record numbers: the header record is row 1 whatever its physical lines, so a
 * quoted newline does not shift later rows, and empty lines count as (skipped) rows the way a
 * spreadsheet shows them. An Excel `sep=` line is not a row (Excel hides it too).
 */
import { isUtf8 } from "node:buffer";
import type { ReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { parse as createParser } from "csv-parse";
import { echoValue } from "../core/echo.js";
import { InputError, UsageError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";
import { batchesOf } from "./batches.js";
import {
  bomLengthFor,
  createDecoder,
  decodeBuffer,
  detectEncoding,
  type EncodingFault,
  encodedLength,
  faultHint,
  Gb18030Validator,
  incompleteUtf8Tail,
  isGbFamily,
  normalizeEncodingLabel,
  SNIFF_BYTES,
  type StreamDecoder,
  suggestEncoding,
  Utf8Validator,
} from "./encoding.js";
import { refuseBinaryText } from "./file-kind.js";
import { checkDataInput } from "./input-path.js";
import { LIMIT_KEYS, limitHint, MAX_COLUMNS, MB, type ReadLimits, resolveLimits } from "./limits.js";

// ---------------------------------------------------------------------------------------------
// Reader types, re-exported by read-table.ts (their documented home)

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
  /** XLSX and XLS: the sheet to read (default: the first visible worksheet). */
  sheet?: string;
  /** Data rows per batch (default 2000; the last batch may be smaller). */
  batchSize?: number;
  /**
   * Recognises the header row among the first HEADER_SEARCH_ROWS rows, for files with a title
   * line or notes above it. Gets the row's cells as trimmed text. Without it, or when no row
   * within the limit passes, the first non-blank row is the header (as before).
   */
  isHeaderRow?: HeaderRowTest;
  /** Size limits (config `limits:`); the defaults are in limits.ts. */
  limits?: Partial<ReadLimits>;
  /**
   * Two columns of one name are refused by default. A reader that names its columns itself
   * and refuses two columns for one field (catalog import's header mapping) passes "allow": a
   * WooCommerce zh_CN export names both Upsells and Cross-sells 交叉销售, columns nobody reads.
   */
  duplicateHeaders?: "refuse" | "allow";
}

/** True when a row's cells (trimmed text) are the file's column names. Dialects supply one. */
export type HeaderRowTest = (cells: readonly string[]) => boolean;

/** How far down `isHeaderRow` looks: title lines and notes above a header are a few rows at most. */
export const HEADER_SEARCH_ROWS = 20;

export interface OpenedTable {
  /** The path as given (for messages). */
  file: string;
  format: "csv" | "xlsx" | "xls";
  /** Trimmed header cells (one BOM stripped; trailing empty header cells dropped). */
  header: string[];
  /** The row the header is on (1 unless blank rows, or rows `isHeaderRow` passed over, precede it). */
  headerRow: number;
  /** Non-blank rows above the header that were skipped (a title line, notes): for a note to the user. */
  skippedAbove: number;
  /** CSV: the encoding used ("utf-8", "utf-16le", "gb18030", or the forced one). */
  encoding?: string;
  /** CSV: the delimiter used. */
  delimiter?: string;
  /** XLSX and XLS: the name of the sheet read. */
  sheet?: string;
  /** Data rows in batches for throughput. Can be iterated once; finishing or breaking closes the file. */
  batches(): AsyncIterable<SourceRow[]>;
  /** Idempotent; releases file handles when the consumer stops early. */
  close(): Promise<void>;
}

// Small batches keep rows young: larger ones get promoted to the old heap and inflate peak RSS
// (1M orders: 2000 -> 310 MB, 500 -> ~270 MB, at the same speed).
export const DEFAULT_BATCH_SIZE = 500;

/** U+FFFD in UTF-8: a file that carries text damaged before it was saved. */
const REPLACEMENT_UTF8 = Buffer.from([0xef, 0xbf, 0xbd]);
/** A UTF-16 surrogate without its partner: Node would write it out as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** UTF-8 characters on one line of a file guessed to be GB18030 that prove the guess wrong. */
const UTF8_LINE_CHARS = 3;
const RESERVED_HEADERS = new Set(["__proto__", "constructor", "prototype"]);

// ---------------------------------------------------------------------------------------------
// Helpers shared with the xlsx reader

/** Opens an input file for reading, turning the usual failures into InputErrors. */
export async function openInput(path: string): Promise<FileHandle> {
  // Before open(): a FIFO would block it forever.
  await checkDataInput(path);
  try {
    const fh = await open(path, "r");
    const st = await fh.stat().catch(async (e: unknown) => {
      await fh.close();
      throw e;
    });
    if (st.isDirectory()) {
      await fh.close();
      throw new InputError({ file: path }, msg("io.is_directory"), msg("io.pass_a_file"));
    }
    return fh;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new InputError({ file: path }, msg("io.not_found"), msg("io.not_found_hint"));
    }
    if (code === "EISDIR") {
      throw new InputError({ file: path }, msg("io.is_directory"), msg("io.pass_a_file"));
    }
    if (code === "EACCES" || code === "EPERM") {
      throw new InputError({ file: path }, msg("io.permission_denied"), msg("io.check_permissions"));
    }
    throw e;
  }
}

/** A row wider than any spreadsheet, before it is taken for the header. */
export function tooManyColumns(file: string, row: number, cells: number): InputError {
  return new InputError({ file, row }, msg("hostile.columns.too_many", { cells, max: MAX_COLUMNS }), msg("hostile.columns.too_many_hint"));
}

/** True when every cell is empty or whitespace. */
export function isBlankRecord(cells: readonly RawCell[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null || c === undefined) continue;
    if (typeof c !== "string") return false;
    if (c.length !== 0 && (c.charCodeAt(0) > 32 || c.trim() !== "")) return false;
  }
  return true;
}

/**
 * Trims header cells, drops trailing empty ones, rejects reserved names and duplicates (compared
 * trimmed and case-insensitively). Empty names in the middle are allowed (an unnamed column).
 */
export function checkHeader(
  raw: readonly string[],
  loc: { file: string; row: number },
  columnLabel: (index: number) => Message = (i) => msg("values.column_number", { n: String(i + 1) }),
  duplicates: "refuse" | "allow" = "refuse",
): string[] {
  // A byte-order mark can sit on the first name when junk lines precede the header.
  const header = raw.map((c) => c.replace(/^\uFEFF/, "").trim());
  while (header.length > 0 && header[header.length - 1] === "") header.pop();
  const seen = new Map<string, number>();
  for (let i = 0; i < header.length; i++) {
    const name = header[i] as string;
    if (name === "") continue;
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.has(key)) {
      throw new InputError(
        { ...loc, column: name },
        msg("io.column_not_allowed", { name: echoValue(name), column: columnLabel(i) }),
        msg("io.rename_column"),
      );
    }
    const first = seen.get(key);
    if (first !== undefined && duplicates === "refuse") {
      throw new InputError(
        { ...loc, column: name },
        msg("io.duplicate_column", {
          first: echoValue(header[first] as string),
          firstColumn: columnLabel(first),
          second: echoValue(name),
          secondColumn: columnLabel(i),
        }),
        msg("io.duplicate_column_hint"),
      );
    }
    seen.set(key, i);
  }
  return header;
}

/** A1-style column letters: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A non-blank row read before the header is known. */
interface HeldRow {
  row: number;
  cells: RawCell[];
}

/** The header row once decided, and the rows after it that were held while looking. */
export interface HeaderDecision {
  row: number;
  cells: RawCell[];
  /** Rows between the header and the point of decision: data rows. */
  rest: HeldRow[];
  /** Non-blank rows above the header. */
  skipped: number;
}

/**
 * Finds the header among the first HEADER_SEARCH_ROWS rows. Without a test the first non-blank
 * row is the header at once. With one, the first row that passes is; rows before it are skipped.
 * When none passes by the limit (or the end of the file), the first non-blank row is the header
 * after all and the rows held since are data: the caller's own header checks then say what is
 * wrong, naming that row.
 */
export class HeaderFinder {
  private held: HeldRow[] = [];

  constructor(private readonly test: HeaderRowTest | undefined) {}

  /** Offers a non-blank row; returns the decision once there is one. */
  offer(row: number, cells: RawCell[]): HeaderDecision | undefined {
    if (this.test === undefined) return { row, cells, rest: [], skipped: 0 };
    if (this.test(cells.map(headerCellText))) return { row, cells, rest: [], skipped: this.held.length };
    this.held.push({ row, cells });
    return row >= HEADER_SEARCH_ROWS ? this.settle() : undefined;
  }

  /** Past the limit or at the end of the file: the first row held, if any. */
  settle(): HeaderDecision | undefined {
    const [first, ...rest] = this.held;
    this.held = [];
    return first === undefined ? undefined : { row: first.row, cells: first.cells, rest, skipped: 0 };
  }

  /** True while rows are held (the decision is still open). */
  get holding(): boolean {
    return this.held.length > 0;
  }
}

/** A header cell as text: strings trimmed, dates as their day, other values as written. */
export function headerCellText(v: RawCell | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

export function columnDisplayName(header: readonly string[], index: number): string {
  const name = header[index];
  return name !== undefined && name !== "" ? name : `#${index + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Dialect

export function normalizeDelimiter(d: string): string {
  const l = d.toLowerCase();
  if (d === "\t" || d === "\\t" || l === "tab") return "\t";
  if (l === "comma") return ",";
  if (l === "semicolon") return ";";
  if (l === "pipe") return "|";
  if (d.length === 0 || /["\r\n]/.test(d)) {
    throw new UsageError(msg("io.bad_delimiter", { value: JSON.stringify(d) }), msg("io.bad_delimiter_hint"));
  }
  return d;
}

const CANDIDATES = [",", ";", "\t"] as const;
const SNIFF_RECORDS = 20;

/**
 * Picks "," ";" or TAB: the header line must contain the delimiter, and the data lines should have
 * the same count (counted outside quotes, over the first ~20 records). Ties go to "," (or TAB for
 * UTF-16 "Unicode text" exports and .tsv files).
 */
export function detectDelimiter(text: string, complete: boolean, preferTab: boolean): string {
  const counts: [number, number, number][] = [];
  let cur: [number, number, number] = [0, 0, 0];
  let inQuote = false;
  let content = false;
  for (let i = 0; i < text.length && counts.length <= SNIFF_RECORDS; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) {
      inQuote = !inQuote;
      content = true;
    } else if (inQuote) {
      // inside a quoted field nothing counts
    } else if (ch === 44) cur[0]++;
    else if (ch === 59) cur[1]++;
    else if (ch === 9) cur[2]++;
    else if (ch === 10 || ch === 13) {
      if (content) counts.push(cur);
      cur = [0, 0, 0];
      content = false;
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
    } else if (ch > 32) content = true;
  }
  if (complete && content && counts.length <= SNIFF_RECORDS) counts.push(cur);
  const order = preferTab ? [2, 0, 1] : [0, 1, 2];
  let best = -1;
  let bestScore = 0;
  const head = counts[0];
  if (head !== undefined) {
    for (const k of order) {
      const h = head[k] as number;
      if (h === 0) continue;
      const data = counts.slice(1);
      const same = data.filter((c) => c[k] === h).length;
      const score = (data.length === 0 ? 1 : same / data.length) * 1000 + Math.min(h, 100);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
  }
  return CANDIDATES[best === -1 ? (order[0] as number) : best] as string;
}

const SEP_LINE = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/i;

// ---------------------------------------------------------------------------------------------
// The reader

/** csv-parse's synchronous core, which its stream and sync APIs both drive. */
interface ParserCore {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

function noop(): void {}

/**
 * A cell's bytes as text: Buffer's own utf8Slice, which toString("utf8", a, b) ends in after
 * checking its arguments and looking up the encoding again; the fast path decodes every cell of
 * the file (a million-row catalog: 18 million calls, and the wrapper took more time than the
 * decoding). Not in Node's types; toString where a runtime lacks it.
 */
const nativeUtf8Slice = (Buffer.prototype as Buffer & { utf8Slice?: (start: number, end: number) => string }).utf8Slice;
const utf8Slice: (data: Buffer, start: number, end: number) => string =
  typeof nativeUtf8Slice === "function"
    ? (data, start, end) => (nativeUtf8Slice as (start: number, end: number) => string).call(data, start, end)
    : (data, start, end) => data.toString("utf8", start, end);

function quotingHint(buf: Buffer | undefined): string {
  if (buf?.includes("\u201c") || buf?.includes("\u201d")) {
    return 'the file contains curly quotes (“ ”), which CSV does not treat as quotes; a field containing a straight quote (") must be wrapped in quotes with the quote doubled ("")';
  }
  return 'a field containing the delimiter, a quote or a line break must be wrapped in double quotes, with quotes inside it doubled ("")';
}

export async function openCsv(path: string, opts: ReadOptions = {}): Promise<OpenedTable> {
  const fh = await openInput(path);
  let stream: ReadStream | undefined;
  try {
    // 1. Sniff the first 64 KiB.
    const prefix = Buffer.alloc(SNIFF_BYTES);
    let got = 0;
    while (got < SNIFF_BYTES) {
      const { bytesRead } = await fh.read(prefix, got, SNIFF_BYTES - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const head = prefix.subarray(0, got);
    const complete = got < SNIFF_BYTES;
    // A workbook, an archive or a PDF named .csv would be refused as an encoding it is not.
    if (opts.encoding === undefined) refuseBinaryText(path, head);

    let encoding: string;
    let skip: number;
    let guessed = false;
    let fault: EncodingFault | undefined;
    if (opts.encoding !== undefined) {
      encoding = normalizeEncodingLabel(opts.encoding);
      skip = bomLengthFor(encoding, head);
    } else {
      const d = detectEncoding(head, complete);
      encoding = d.encoding;
      skip = d.bomLength;
      guessed = d.guessed === true;
      fault = d.fault ?? (d.utf8Text ? "damaged-utf8" : undefined);
    }

    const sniffBytes = head.subarray(skip, encoding === "utf-8" && !complete ? got - incompleteUtf8Tail(head) : got);
    let text = decodeBuffer(sniffBytes, encoding);
    let sepDelimiter: string | undefined;
    const sep = SEP_LINE.exec(text);
    if (sep) {
      sepDelimiter = sep[1];
      skip += encodedLength(sep[0], encoding);
      text = text.slice(sep[0].length);
    }
    const isUtf16 = encoding.startsWith("utf-16") || encoding.startsWith("utf16") || encoding === "ucs2";
    const preferTab = isUtf16 || path.toLowerCase().endsWith(".tsv");
    const delimiter =
      opts.delimiter !== undefined ? normalizeDelimiter(opts.delimiter) : (sepDelimiter ?? detectDelimiter(text, complete, preferTab));

    // 2. Stream the rest.
    stream = fh.createReadStream({ start: skip, highWaterMark: SNIFF_BYTES, autoClose: true });
    return await startCsv({
      file: path,
      stream,
      start: skip,
      encoding,
      guessed,
      ...(fault ? { fault } : {}),
      delimiter,
      batchSize: opts.batchSize && opts.batchSize > 0 ? opts.batchSize : DEFAULT_BATCH_SIZE,
      isHeaderRow: opts.isHeaderRow,
      duplicateHeaders: opts.duplicateHeaders ?? "refuse",
      rowMB: resolveLimits(opts.limits).rowMB,
    });
  } catch (e) {
    if (stream) stream.destroy();
    else await fh.close().catch(noop);
    throw e;
  }
}

interface CsvSetup {
  file: string;
  stream: ReadStream;
  /** Byte offset in the file of the stream's first byte (after a BOM or a sep= line). */
  start: number;
  encoding: string;
  /** The encoding was detected, not forced: a later contradiction stops the run. */
  guessed: boolean;
  fault?: EncodingFault;
  delimiter: string;
  batchSize: number;
  isHeaderRow: HeaderRowTest | undefined;
  duplicateHeaders: "refuse" | "allow";
  /** A record longer than this is almost certainly an unclosed quote swallowing the file (limits.rowMB). */
  rowMB: number;
}

async function startCsv(setup: CsvSetup): Promise<OpenedTable> {
  const { file, stream, encoding, delimiter, batchSize } = setup;
  const MAX_RECORD_CHARS = setup.rowMB * MB;
  const utf8 = encoding === "utf-8";
  const utf16 = /^(utf-?16|ucs-?2)/.test(encoding);
  const validator = utf8 ? new Utf8Validator() : undefined;
  const gbValidator = isGbFamily(encoding) ? new Gb18030Validator() : undefined;
  const decoder: StreamDecoder | undefined = utf8 ? undefined : createDecoder(encoding);
  const core = (
    createParser({
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      // Stray quotes read the way Excel and LibreOffice read them instead of failing: a quote that
      // does not open a field is a character of it (12" ruler, "Tee" big, a, "b); Taobao/Tmall
      // write ids as ="1930679858170647" unquoted, so Excel keeps the digits. No trimming
      // here: the fast path below splits exactly as csv-parse does, and cells are trimmed later.
      relax_quotes: true,
      skip_empty_lines: false,
      bom: false,
      max_record_size: MAX_RECORD_CHARS,
    }) as unknown as { api?: ParserCore }
  ).api;
  if (core === undefined || typeof core.parse !== "function") {
    throw new Error("csv-parse: the parser core (Parser#api) is missing; check the csv-parse version");
  }
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;

  // Parse state, shared with the record callback.
  let rowNo = 0; // row of the last record seen (the header record is row 1 unless blank lines precede it)
  let header: string[] | undefined;
  let headerRow = 0;
  let skippedAbove = 0;
  const finder = new HeaderFinder(setup.isHeaderRow);
  let width = 0;
  let pending: SourceRow[] = [];
  let ended = false;
  let closed = false;
  let countingOnly = false;
  let lastByte = -1;
  // Byte offset in the file of the chunk being read.
  let chunkStart = setup.start;
  // A chunk held U+FFFD (or, in UTF-16, a lone surrogate): its records are scanned for the cell.
  let sawReplacement = false;
  let replacementOffset = 0;
  let lastTwo: Buffer = Buffer.alloc(0);

  const takeHeader = (d: HeaderDecision): void => {
    header = checkHeader(d.cells as string[], { file, row: d.row }, undefined, setup.duplicateHeaders);
    width = header.length;
    headerRow = d.row;
    skippedAbove = d.skipped;
    for (const r of d.rest) acceptData(r.cells as string[], r.row);
  };

  const onRecord = (rec: string[]): void => {
    const row = ++rowNo;
    if (countingOnly) return;
    if (sawReplacement) scanReplacement(rec, row);
    if (isBlankRecord(rec)) return;
    if (header === undefined) {
      if (rec.length > MAX_COLUMNS) throw tooManyColumns(file, row, rec.length);
      const d = finder.offer(row, rec);
      if (d) takeHeader(d);
      return;
    }
    acceptData(rec, row);
  };

  const acceptData = (rec: string[], row: number): void => {
    const n = rec.length;
    if (n !== width) {
      if (n < width) {
        if (n === 1) refuseWholeRowCell(rec[0] as string, row);
        const cells = rec as RawCell[];
        for (let i = n; i < width; i++) cells.push(null);
      } else {
        for (let i = width; i < n; i++) {
          const c = rec[i] as string;
          if (c.length !== 0 && c.trim() !== "") {
            throw new InputError(
              { file, row },
              msg("io.extra_cells", {
                cells: n,
                width,
                value: JSON.stringify(c.length > 40 ? `${c.slice(0, 40)}…` : c),
                column: i + 1,
              }),
              msg("io.extra_cells_hint", { delimiter: delimiterName(delimiter) }),
            );
          }
        }
        rec.length = width;
      }
    }
    pending.push({ row, cells: rec });
  };

  /**
   * A row that is one quoted cell holding the whole line ("#1053,a@b.com,paid,...") under a header
   * of many columns: the file was re-saved with each line wrapped in quotes (a spreadsheet that
   * opened it as one column). Read as is, every column but the first would be empty.
   */
  const refuseWholeRowCell = (cell: string, row: number): void => {
    if (width < 3) return;
    let seps = 0;
    for (let i = cell.indexOf(delimiter); i !== -1; i = cell.indexOf(delimiter, i + 1)) seps++;
    if (seps < Math.max(2, Math.floor((width - 1) / 2))) return;
    throw new InputError(
      { file, row },
      msg("io.quoted_row", { cell: JSON.stringify(`${cell.slice(0, 30)}…`), width }),
      msg("io.quoted_row_hint"),
    );
  };

  /** The first cell holding text that must never be stored stops the run, naming it. */
  const scanReplacement = (rec: string[], row: number): void => {
    for (let i = 0; i < rec.length; i++) {
      const cell = rec[i] as string;
      if (cell.includes("\uFFFD") || (utf16 && LONE_SURROGATE.test(cell))) {
        const column = header === undefined ? `#${i + 1}` : columnDisplayName(header, i);
        throw undecodable({ row, column });
      }
    }
  };

  const undecodable = (where: { row: number; column?: string }): InputError => {
    const loc = { file, row: where.row, ...(where.column ? { column: where.column } : {}) };
    if (utf8) {
      return new InputError(loc, msg("io.replacement_char", { offset: replacementOffset }), msg("io.retype_damaged"));
    }
    return new InputError(
      loc,
      msg("io.undecodable", { encoding, offset: replacementOffset }),
      msg("io.try_encoding", { suggestion: suggestEncoding(encoding) }),
    );
  };

  /*
   * Fast path. Most exports are UTF-8 with simple quoting: fields that hold the delimiter are
   * wrapped in quotes, but no field spans lines. For them, splitting records on LF and cells on
   * the delimiter straight from the bytes is several times quicker than the full RFC 4180 state
   * machine. Anything else (a line break or a lone CR inside quotes, a stray quote in an unquoted
   * field, text after a closing quote) hands everything from that record on to csv-parse, for
   * good, so its rules and its error messages apply.
   */
  const delimiterByte = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  let fast = utf8 && delimiterByte > 0 && delimiterByte < 0x80 && delimiterByte !== 0x22;
  // The incomplete last record, as the chunks it came in: joined once, when its line ends, so a
  // huge line costs linear time (joining on every chunk was quadratic: 17 MB took 21 s).
  const carryParts: Buffer[] = [];
  let carryLength = 0;
  const takeCarry = (more?: Buffer): Buffer | undefined => {
    if (carryLength === 0) return more;
    const joined = Buffer.concat(more ? [...carryParts, more] : carryParts);
    carryParts.length = 0;
    carryLength = 0;
    return joined;
  };

  const splitRecord = (data: Buffer, start: number, end: number): void => {
    const rec: string[] = [];
    let a = start;
    for (;;) {
      const i = data.indexOf(delimiterByte, a);
      if (i === -1 || i >= end) break;
      rec.push(utf8Slice(data, a, i));
      a = i + 1;
    }
    rec.push(utf8Slice(data, a, end));
    onRecord(rec);
  };

  /**
   * A record with quoted fields, all on one line [start, end). Returns false, having emitted
   * nothing, when the quoting is anything but simple.
   */
  const splitQuotedRecord = (data: Buffer, start: number, end: number): boolean => {
    const rec: string[] = [];
    let a = start;
    for (;;) {
      if (a < end && data[a] === 0x22) {
        let text = "";
        let from = a + 1;
        for (;;) {
          const q = data.indexOf(0x22, from);
          if (q === -1 || q >= end) return false;
          if (q + 1 < end && data[q + 1] === 0x22) {
            text += utf8Slice(data, from, q + 1);
            from = q + 2;
            continue;
          }
          text += utf8Slice(data, from, q);
          a = q + 1;
          break;
        }
        rec.push(text);
        if (a === end) break;
        if (data[a] !== delimiterByte) return false;
        a++;
        if (a === end) {
          rec.push("");
          break;
        }
        continue;
      }
      const i = data.indexOf(delimiterByte, a);
      const stop = i === -1 || i >= end ? end : i;
      const q = data.indexOf(0x22, a);
      if (q !== -1 && q < stop) return false;
      rec.push(utf8Slice(data, a, stop));
      if (stop === end) break;
      a = stop + 1;
      if (a === end) {
        rec.push("");
        break;
      }
    }
    onRecord(rec);
    return true;
  };

  /**
   * Splits the whole records of carry + buf. Returns undefined when it took them all (an
   * incomplete last record waits in `carry`), or the bytes from the first record it cannot take,
   * for csv-parse.
   */
  const fastFeed = (buf: Buffer): Buffer | undefined => {
    if (buf.indexOf(0x0a) === -1) {
      // No line ends here: nothing to split yet.
      carryParts.push(buf);
      carryLength += buf.length;
      return carryLength > MAX_RECORD_CHARS ? takeCarry() : undefined;
    }
    const data = takeCarry(buf) as Buffer;
    let start = 0;
    let nextQuote = data.indexOf(0x22);
    let nextCr = data.indexOf(0x0d);
    for (;;) {
      const nl = data.indexOf(0x0a, start);
      if (nl === -1) break;
      const end = nl > start && data[nl - 1] === 0x0d ? nl - 1 : nl;
      if (nextCr !== -1 && nextCr < end) return data.subarray(start);
      if (nextQuote !== -1 && nextQuote < nl) {
        if (!splitQuotedRecord(data, start, end)) return data.subarray(start);
        nextQuote = data.indexOf(0x22, nl);
      } else splitRecord(data, start, end);
      start = nl + 1;
      if (nextCr !== -1 && nextCr < start) nextCr = data.indexOf(0x0d, start);
    }
    if (data.length - start > MAX_RECORD_CHARS) return data.subarray(start);
    if (start < data.length) {
      carryParts.push(Buffer.from(data.subarray(start)));
      carryLength = data.length - start;
    }
    return undefined;
  };

  const feedUtf8 = (chunk: Buffer): void => {
    if (fast) {
      const rest = fastFeed(chunk);
      if (rest === undefined) return;
      fast = false;
      feed(rest, false);
      return;
    }
    feed(chunk, false);
  };

  /** End of file in fast mode: the last record may lack its newline. */
  const fastFinish = (): void => {
    if (!fast || carryLength === 0) return;
    const data = takeCarry() as Buffer;
    if (data.length === 1 && data[0] === 0x0d) return;
    if (data.indexOf(0x0d) !== -1) {
      // A lone CR (at the very end it cannot start a CRLF any more): csv-parse's rules.
      fast = false;
      feed(data, false);
      return;
    }
    if (data.indexOf(0x22) === -1) splitRecord(data, 0, data.length);
    else if (!splitQuotedRecord(data, 0, data.length)) {
      fast = false;
      feed(data, false);
    }
  };

  const feed = (buf: Buffer | undefined, end: boolean): void => {
    let err: Error | undefined;
    try {
      err = core.parse(buf, end, onRecord, noop);
    } finally {
      if (buf !== undefined && buf.length > 0) lastByte = buf[buf.length - 1] as number;
    }
    if (err !== undefined) throw parseError(err, buf);
  };

  const parseError = (err: Error, buf: Buffer | undefined): InputError => {
    const code = (err as { code?: string }).code ?? "";
    const row = rowNo + 1; // the record being parsed
    const reason = err.message.replace(/\s+at line \d+/, "");
    if (code === "CSV_MAX_RECORD_SIZE") {
      return new InputError(
        { file, row },
        msg("io.row_too_long", { mb: setup.rowMB, key: LIMIT_KEYS.rowMB }),
        `${quotingHint(buf)}; ${limitHint("rowMB", setup.rowMB)}`,
      );
    }
    if (/QUOTE/.test(code)) return new InputError({ file, row }, msg("io.cannot_parse_csv", { reason }), quotingHint(buf));
    return new InputError({ file, row }, msg("io.cannot_parse_csv", { reason }));
  };

  /**
   * Bytes the encoding cannot read at file offset `offset`: count the records before them (their
   * text is `validText`, UTF-8 bytes) to name the row they are in.
   */
  const rowBefore = (validText: Buffer | undefined): number => {
    countingOnly = true;
    let inQuote = false;
    try {
      // In fast mode csv-parse has seen nothing yet: it starts at the record boundary after rowNo.
      const prefix = fast && carryLength > 0 ? takeCarry(validText ?? Buffer.alloc(0)) : validText;
      if (prefix !== undefined && prefix.length > 0) {
        core.parse(prefix, false, onRecord, noop);
        lastByte = prefix[prefix.length - 1] as number;
      }
      inQuote = core.parse(undefined, true, onRecord, noop) !== undefined;
    } catch {
      inQuote = true;
    }
    const atBoundary = lastByte === -1 || lastByte === 0x0a || lastByte === 0x0d;
    return inQuote || atBoundary ? rowNo + 1 : rowNo;
  };

  const utf8Error = (validPrefix: Buffer | undefined, offset: number): InputError => {
    const row = rowBefore(validPrefix);
    return new InputError({ file, row }, msg("io.not_utf8", { offset }), faultHint(setup.fault, offset));
  };

  const legacyError = (validText: string, offset: number, problem: string | Message, hint: string | Message): InputError => {
    const row = rowBefore(Buffer.from(validText, "utf8"));
    return new InputError({ file, row }, msg("io.at_byte", { problem, offset }), hint);
  };

  /** Checks one raw chunk of a legacy-encoded file before it is decoded; decodes it. */
  const decodeChecked = (chunk: Buffer, dec: StreamDecoder): string => {
    if (gbValidator) {
      const before = gbValidator.carried;
      const bad = gbValidator.check(chunk);
      if (bad !== -1) {
        const valid = dec.write(chunk.subarray(0, Math.max(0, bad - before)));
        const offset = chunkStart - before + bad;
        const hint = setup.guessed
          ? `the rest of the file reads as GB18030, so the byte at offset ${offset} is damage: fix that cell; if the file is in another encoding, pass it (--encoding big5, --encoding windows-1252, --encoding utf-8)`
          : `try ${suggestEncoding(encoding)}`;
        throw legacyError(valid, offset, `not valid ${encoding}`, hint);
      }
      const utf8Line = setup.guessed ? firstUtf8Line(chunk) : -1;
      if (utf8Line !== -1) {
        throw legacyError(
          dec.write(chunk.subarray(0, utf8Line)),
          chunkStart + utf8Line,
          "the file was detected as GB18030 but this line reads as UTF-8 (mixed encodings)",
          "save the whole file in one encoding (CSV UTF-8 is best); or pass --encoding gb18030 to read it all as GB18030",
        );
      }
    }
    const text = dec.write(chunk);
    if (!sawReplacement) {
      const at = text.indexOf("\uFFFD");
      const lone = utf16 && at === -1 ? LONE_SURROGATE.exec(text) : null;
      if (at !== -1 || lone) {
        sawReplacement = true;
        // Exact for one-byte encodings, within a character for the others.
        replacementOffset = chunkStart + encodedLength(text.slice(0, at !== -1 ? at : (lone?.index ?? 0)), encoding);
      }
    }
    return text;
  };

  /** U+FFFD written in UTF-8 (EF BF BD), also when a chunk boundary splits it. */
  const findReplacement = (chunk: Buffer): void => {
    if (sawReplacement) return;
    let at = chunk.indexOf(REPLACEMENT_UTF8);
    if (at === -1 && lastTwo.length > 0) {
      const seam = Buffer.concat([lastTwo, chunk.subarray(0, 2)]).indexOf(REPLACEMENT_UTF8);
      if (seam !== -1) at = seam - lastTwo.length;
    }
    if (at !== -1) {
      sawReplacement = true;
      replacementOffset = chunkStart + at;
    }
    lastTwo = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 2)));
  };

  /** Reads and parses one chunk; false at the end of the file. */
  const pull = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      if (validator?.endsInsideCharacter()) throw utf8Error(undefined, chunkStart - validator.carried);
      if (gbValidator?.endsInsideCharacter()) {
        throw legacyError(
          "",
          chunkStart - gbValidator.carried,
          `the file ends inside a ${encoding} character`,
          "the file is cut short: export it again",
        );
      }
      if (utf16 && (chunkStart - setup.start) % 2 === 1) {
        throw legacyError("", chunkStart - 1, `odd number of bytes in a ${encoding} file`, "the file is cut short: export it again");
      }
      fastFinish();
      if (decoder) {
        const rest = decoder.end();
        if (rest.length > 0) {
          if (!sawReplacement && (rest.includes("\uFFFD") || (utf16 && LONE_SURROGATE.test(rest)))) {
            sawReplacement = true;
            replacementOffset = chunkStart;
          }
          feed(Buffer.from(rest, "utf8"), false);
        }
      }
      feed(undefined, true);
      return false;
    }
    const chunk = next.value;
    if (validator) {
      const before = validator.carried;
      const bad = validator.check(chunk);
      if (bad !== -1) throw utf8Error(chunk.subarray(0, bad), bad === 0 ? chunkStart - before : chunkStart + bad);
      findReplacement(chunk);
      feedUtf8(chunk);
    } else if (decoder) {
      feed(Buffer.from(decodeChecked(chunk, decoder), "utf8"), false);
    }
    chunkStart += chunk.length;
    return true;
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    ended = true;
    if (!stream.closed) {
      await new Promise<void>((resolve) => {
        stream.once("close", () => resolve());
        stream.destroy();
      });
    }
  };

  // Read up to the header row.
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
    throw new InputError({ file }, msg("io.empty_file"), msg("io.first_row_names_columns"));
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
        if (ended) return false;
        await pull();
        return true;
      },
      close,
    },
    batchSize,
  );

  return {
    file,
    format: "csv",
    header,
    headerRow,
    skippedAbove,
    encoding,
    delimiter,
    batches,
    close,
  };
}

/**
 * Start of the first line of a GB18030-guessed chunk that is valid UTF-8 with several multibyte
 * characters, or -1. Chinese text in GBK almost never forms valid UTF-8 three characters in a row,
 * so such a line is UTF-8 pasted into the file, and decoding it as GB18030 would store mojibake
 * ("Café" -> "Caf茅"). A file that really is GB18030 throughout can be forced with --encoding.
 */
function firstUtf8Line(chunk: Buffer): number {
  let start = 0;
  while (start < chunk.length) {
    let end = chunk.indexOf(0x0a, start);
    if (end === -1) end = chunk.length;
    let leads = 0;
    for (let i = start; i < end; i++) if ((chunk[i] as number) >= 0xc2) leads++;
    if (leads >= UTF8_LINE_CHARS && isUtf8(chunk.subarray(start, end))) return start;
    start = end + 1;
  }
  return -1;
}

function delimiterName(d: string): string {
  if (d === "\t") return "TAB";
  return `"${d}"`;
}
