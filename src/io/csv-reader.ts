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
import type { ReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { parse as createParser } from "csv-parse";
import { InputError, UsageError } from "../core/errors.js";
import { batchesOf } from "./batches.js";
import {
  bomLengthFor,
  createDecoder,
  decodeBuffer,
  detectEncoding,
  encodedLength,
  incompleteUtf8Tail,
  normalizeEncodingLabel,
  SNIFF_BYTES,
  type StreamDecoder,
  suggestEncoding,
  Utf8Validator,
} from "./encoding.js";

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
  /** XLSX: the sheet to read (default: the first worksheet). */
  sheet?: string;
  /** Data rows per batch (default 2000; the last batch may be smaller). */
  batchSize?: number;
  /**
   * For exports that print title rows above the header (生意参谋: shop name, date range): the
   * header is the first row this accepts, within the first TITLE_ROWS_MAX rows; rows above it
   * are skipped.
   */
  isHeader?: (cells: readonly string[]) => boolean;
  /** Read a quote inside an unquoted field literally (Taobao's ="1930679858170647" ids). */
  relaxQuotes?: boolean;
}

/** How many rows above the header `isHeader` may skip. */
export const TITLE_ROWS_MAX = 10;

/** Whether a record above the header is a title row to skip (throws when the header never comes). */
export function skipAsTitle(opts: ReadOptions, cells: readonly string[], row: number, file: string): boolean {
  if (!opts.isHeader || opts.isHeader(cells)) return false;
  if (row > TITLE_ROWS_MAX) {
    throw new InputError(
      { file, row },
      `no header row among the first ${TITLE_ROWS_MAX} rows`,
      "the export's header row (统计日期, 访客数, ...) must be in the first rows",
    );
  }
  return true;
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

// Small batches keep rows young: larger ones get promoted to the old heap and inflate peak RSS
// (1M orders: 2000 -> 310 MB, 500 -> ~270 MB, at the same speed).
export const DEFAULT_BATCH_SIZE = 500;

/** A record longer than this is almost certainly an unclosed quote swallowing the file. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;
/** Cells with U+FFFD tolerated before a legacy decode is declared wrong. */
const MAX_UNDECODABLE_CELLS = 3;
const RESERVED_HEADERS = new Set(["__proto__", "constructor", "prototype"]);

// ---------------------------------------------------------------------------------------------
// Helpers shared with the xlsx reader

/** Opens an input file for reading, turning the usual failures into InputErrors. */
export async function openInput(path: string): Promise<FileHandle> {
  try {
    const fh = await open(path, "r");
    const st = await fh.stat().catch(async (e: unknown) => {
      await fh.close();
      throw e;
    });
    if (st.isDirectory()) {
      await fh.close();
      throw new InputError({ file: path }, "is a directory, not a file", "pass the path of a .csv or .xlsx file");
    }
    return fh;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new InputError(
        { file: path },
        "file not found",
        "check the path and the file name (relative paths start from the current directory)",
      );
    }
    if (code === "EISDIR") {
      throw new InputError({ file: path }, "is a directory, not a file", "pass the path of a .csv or .xlsx file");
    }
    if (code === "EACCES" || code === "EPERM") {
      throw new InputError({ file: path }, "permission denied", "check the file's permissions");
    }
    throw e;
  }
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
  columnLabel: (index: number) => string = (i) => `column ${i + 1}`,
): string[] {
  const header = raw.map((c) => c.trim());
  while (header.length > 0 && header[header.length - 1] === "") header.pop();
  const seen = new Map<string, number>();
  for (let i = 0; i < header.length; i++) {
    const name = header[i] as string;
    if (name === "") continue;
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.has(key)) {
      throw new InputError({ ...loc, column: name }, `column name "${name}" is not allowed (${columnLabel(i)})`, "rename the column");
    }
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError(
        { ...loc, column: name },
        `duplicate column name: "${header[first]}" (${columnLabel(first)}) and "${name}" (${columnLabel(i)})`,
        "rename or delete one of the two columns; names are compared ignoring case and surrounding spaces",
      );
    }
    seen.set(key, i);
  }
  return header;
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
    throw new UsageError(`invalid delimiter ${JSON.stringify(d)}`, 'use ",", ";", "tab" or another single character');
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

    let encoding: string;
    let skip: number;
    if (opts.encoding !== undefined) {
      encoding = normalizeEncodingLabel(opts.encoding);
      skip = bomLengthFor(encoding, head);
    } else {
      const d = detectEncoding(head, complete);
      encoding = d.encoding;
      skip = d.bomLength;
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
      encoding,
      delimiter,
      batchSize: opts.batchSize && opts.batchSize > 0 ? opts.batchSize : DEFAULT_BATCH_SIZE,
      opts,
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
  encoding: string;
  delimiter: string;
  batchSize: number;
  opts: ReadOptions;
}

async function startCsv(setup: CsvSetup): Promise<OpenedTable> {
  const { file, stream, encoding, delimiter, batchSize } = setup;
  const utf8 = encoding === "utf-8";
  const validator = utf8 ? new Utf8Validator() : undefined;
  const decoder: StreamDecoder | undefined = utf8 ? undefined : createDecoder(encoding);
  const core = (
    createParser({
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      // Taobao/Tmall write ids as ="1930679858170647" (unquoted, so Excel keeps the digits); for
      // such exports a quote inside an unquoted field is read literally, as Excel does.
      relax_quotes: setup.opts.relaxQuotes === true,
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
  let width = 0;
  let pending: SourceRow[] = [];
  let ended = false;
  let closed = false;
  let countingOnly = false;
  let lastByte = -1;
  // Legacy decodes: cells containing U+FFFD (undecodable bytes).
  let sawReplacement = false;
  let badCells = 0;
  let firstBad: { row: number; column: string } | undefined;

  const onRecord = (rec: string[]): void => {
    const row = ++rowNo;
    if (countingOnly) return;
    if (sawReplacement) scanReplacement(rec, row);
    if (isBlankRecord(rec)) return;
    if (header === undefined) {
      if (skipAsTitle(setup.opts, rec, row, file)) return;
      header = checkHeader(rec, { file, row });
      width = header.length;
      return;
    }
    const n = rec.length;
    if (n !== width) {
      if (n < width) {
        const cells = rec as RawCell[];
        for (let i = n; i < width; i++) cells.push(null);
      } else {
        for (let i = width; i < n; i++) {
          const c = rec[i] as string;
          if (c.length !== 0 && c.trim() !== "") {
            throw new InputError(
              { file, row },
              `${n} cells but the header has ${width} columns (extra value ${JSON.stringify(c.length > 40 ? `${c.slice(0, 40)}…` : c)} in column ${i + 1})`,
              `a value containing the delimiter (${delimiterName(delimiter)}) must be wrapped in double quotes; if the delimiter is wrong, pass --delimiter`,
            );
          }
        }
        rec.length = width;
      }
    }
    pending.push({ row, cells: rec });
  };

  const scanReplacement = (rec: string[], row: number): void => {
    for (let i = 0; i < rec.length; i++) {
      if ((rec[i] as string).includes("\uFFFD")) {
        badCells++;
        const column = header === undefined ? `#${i + 1}` : columnDisplayName(header, i);
        firstBad ??= { row, column };
        if (header === undefined) throw undecodable();
      }
    }
  };

  const undecodable = (): InputError => {
    const where = firstBad ?? { row: rowNo, column: "" };
    return new InputError(
      { file, row: where.row, ...(where.column ? { column: where.column } : {}) },
      `${badCells} cell${badCells === 1 ? "" : "s"} could not be decoded as ${encoding}: wrong encoding?`,
      `try ${suggestEncoding(encoding)}`,
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
  let carry: Buffer | undefined;

  const splitRecord = (data: Buffer, start: number, end: number): void => {
    const rec: string[] = [];
    let a = start;
    for (;;) {
      const i = data.indexOf(delimiterByte, a);
      if (i === -1 || i >= end) break;
      rec.push(data.toString("utf8", a, i));
      a = i + 1;
    }
    rec.push(data.toString("utf8", a, end));
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
            text += data.toString("utf8", from, q + 1);
            from = q + 2;
            continue;
          }
          text += data.toString("utf8", from, q);
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
      rec.push(data.toString("utf8", a, stop));
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
    const data = carry ? Buffer.concat([carry, buf]) : buf;
    carry = undefined;
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
    carry = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
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
    if (!fast || !carry) return;
    const data = carry;
    carry = undefined;
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
    if (badCells > MAX_UNDECODABLE_CELLS) throw undecodable();
  };

  const parseError = (err: Error, buf: Buffer | undefined): InputError => {
    const code = (err as { code?: string }).code ?? "";
    const row = rowNo + 1; // the record being parsed
    const reason = err.message.replace(/\s+at line \d+/, "");
    if (code === "CSV_MAX_RECORD_SIZE") {
      return new InputError(
        { file, row },
        `a single row is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB: probably a quote that is never closed`,
        quotingHint(buf),
      );
    }
    if (/QUOTE/.test(code)) return new InputError({ file, row }, `cannot parse the CSV: ${reason}`, quotingHint(buf));
    return new InputError({ file, row }, `cannot parse the CSV: ${reason}`);
  };

  /** Invalid UTF-8: count the records before the bad byte to name the row it is in. */
  const utf8Error = (validPrefix: Buffer | undefined): InputError => {
    countingOnly = true;
    let inQuote = false;
    try {
      // In fast mode csv-parse has seen nothing yet: it starts at the record boundary after rowNo.
      const prefix = fast && carry ? Buffer.concat([carry, validPrefix ?? Buffer.alloc(0)]) : validPrefix;
      if (prefix !== undefined && prefix.length > 0) {
        core.parse(prefix, false, onRecord, noop);
        lastByte = prefix[prefix.length - 1] as number;
      }
      inQuote = core.parse(undefined, true, onRecord, noop) !== undefined;
    } catch {
      inQuote = true;
    }
    const atBoundary = lastByte === -1 || lastByte === 0x0a || lastByte === 0x0d;
    const row = inQuote || atBoundary ? rowNo + 1 : rowNo;
    return new InputError({ file, row }, "not valid UTF-8", `try ${suggestEncoding("utf-8")}`);
  };

  /** Reads and parses one chunk; false at the end of the file. */
  const pull = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      if (validator?.endsInsideCharacter()) throw utf8Error(undefined);
      fastFinish();
      if (decoder) {
        const rest = decoder.end();
        if (rest.length > 0) {
          if (!sawReplacement && rest.includes("\uFFFD")) sawReplacement = true;
          feed(Buffer.from(rest, "utf8"), false);
        }
      }
      feed(undefined, true);
      if (badCells > MAX_UNDECODABLE_CELLS) throw undecodable();
      return false;
    }
    const chunk = next.value;
    if (validator) {
      const bad = validator.check(chunk);
      if (bad !== -1) throw utf8Error(chunk.subarray(0, bad));
      feedUtf8(chunk);
    } else if (decoder) {
      const text = decoder.write(chunk);
      if (!sawReplacement && text.includes("\uFFFD")) sawReplacement = true;
      feed(Buffer.from(text, "utf8"), false);
    }
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
  } catch (e) {
    await close();
    throw e;
  }
  if (header === undefined) {
    await close();
    throw new InputError({ file }, "empty file: no header row", "the first row must name the columns");
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
    encoding,
    delimiter,
    batches,
    close,
  };
}

function delimiterName(d: string): string {
  if (d === "\t") return "TAB";
  return `"${d}"`;
}
