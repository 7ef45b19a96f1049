/**
 * exceljs, with one fix: its streaming reader decodes each compressed chunk of a sheet to text
 * on its own, so a Chinese character whose UTF-8 bytes straddle two chunks becomes "��"
 * (exceljs issues #2063, #2084, #2316; unfixed in 4.4). The fix hands the reader text decoded by
 * one streaming decoder per part, so split sequences are joined. It patches WorkbookReader's
 * prototype, which works whichever module loaded exceljs first; every module here still imports
 * exceljs through this file so the patch is always in place before a workbook is read.
 *
 * The same hook guards hostile workbooks (issue 13): each part's real bytes are counted against
 * the size its zip directory claimed (pre-checked against the limits by zip-scan.ts), a cell or a
 * row longer than its limit stops the read before V8's "Invalid string length", invalid UTF-8 is
 * an error instead of U+FFFD, and cells without an r= attribute get one.
 */
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { english, type Message, msg } from "../core/i18n/index.js";
import { formatBytes, MB, type ReadLimits } from "./limits.js";
import { MainPrefix, StringItems, type TextTransform } from "./xlsx-strings.js";

/** A streaming limit was hit; the reader turns it into an InputError naming the file and the config key. */
export class XlsxLimitError extends Error {
  constructor(
    readonly text: Message,
    readonly limit: keyof ReadLimits | "structure",
  ) {
    super(english(text));
  }
}

/** What openXlsx attaches to its WorkbookReader: the limits and the sizes the zip directory claims. */
export interface ReaderGuard {
  limits: ReadLimits;
  declared: Map<string, number>;
}

const A = 65;

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - A + 1);
  return n;
}

function columnLetters(n: number): string {
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(A + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const ROW_OR_CELL = /<(row|c)(?=[\s/>])([^>]*)>/g;
const R_ATTR = /\sr="([^"]*)"/;

/**
 * Gives every <row> and <c> an r= attribute: the OOXML schema makes it optional (the position
 * follows from the order), some generators omit it, and exceljs' streaming reader needs it.
 */
class CellRefs implements TextTransform {
  private row = 0;
  /** Column of the last cell (1-based), or the ref it had, parsed only when a later cell needs it. */
  private col = 0;
  private lastRef: string | undefined;
  private tail = "";

  push(text: string): string {
    let s = this.tail + text;
    const lt = s.lastIndexOf("<");
    if (lt !== -1 && s.indexOf(">", lt) === -1) {
      this.tail = s.slice(lt);
      s = s.slice(0, lt);
    } else this.tail = "";
    return s.replace(ROW_OR_CELL, (whole: string, name: string, rawAttrs: string) => {
      // An error cell with a formula: exceljs parses its saved "#REF!" as a number (NaN). As a
      // string result it keeps its text, which the catalog refuses naming the cell.
      const attrs = name === "c" && rawAttrs.includes('t="e"') ? rawAttrs.replace(' t="e"', ' t="str"') : rawAttrs;
      const tag = attrs === rawAttrs ? whole : `<c${attrs}>`;
      const r = R_ATTR.exec(attrs);
      if (name === "row") {
        this.row = r ? Number.parseInt(r[1] as string, 10) : this.row + 1;
        this.col = 0;
        this.lastRef = undefined;
        return r ? tag : `<row r="${this.row}"${attrs}>`;
      }
      if (r) {
        this.lastRef = r[1];
        return tag;
      }
      if (this.lastRef !== undefined) {
        this.col = columnNumber(/^[A-Z]+/.exec(this.lastRef)?.[0] ?? "");
        this.lastRef = undefined;
      }
      this.col++;
      return `<c r="${columnLetters(this.col)}${this.row}"${attrs}>`;
    });
  }

  end(): string {
    const rest = this.tail;
    this.tail = "";
    return rest;
  }
}

/**
 * Counts a part's bytes against what the zip directory claimed (a lying archive is stopped), and
 * caps runs of text without markup (one cell) and rows while streaming, before exceljs or saxes
 * concatenate them into strings V8 cannot hold.
 */
class PartGuard {
  private bytes = 0;
  private sinceTag = 0;
  private sinceRow = 0;
  private readonly declared: number | undefined;

  constructor(
    private readonly guard: ReaderGuard | undefined,
    private readonly part: string,
    private readonly rows: boolean,
  ) {
    this.declared = guard?.declared.get(part);
  }

  countBytes(n: number): void {
    this.bytes += n;
    if (this.declared !== undefined && this.bytes > this.declared) {
      throw new XlsxLimitError(msg("io.limit.forged_part", { part: this.part, declared: formatBytes(this.declared) }), "structure");
    }
    const limits = this.guard?.limits;
    if (this.declared === undefined && limits && this.bytes > limits.xlsxExpandedMB * MB) {
      throw new XlsxLimitError(msg("io.limit.part_expands", { part: this.part, mb: String(limits.xlsxExpandedMB) }), "xlsxExpandedMB");
    }
  }

  checkText(text: string): void {
    const limits = this.guard?.limits;
    if (!limits) return;
    const first = text.indexOf("<");
    if (first === -1) this.sinceTag += text.length;
    else {
      if (this.sinceTag + first > limits.cellChars) this.cellTooLong();
      this.sinceTag = text.length - text.lastIndexOf("<") - 1;
    }
    if (this.sinceTag > limits.cellChars) this.cellTooLong();
    if (!this.rows) return;
    const row = text.lastIndexOf("<row");
    this.sinceRow = row === -1 ? this.sinceRow + text.length : text.length - row;
    if (this.sinceRow > limits.rowMB * MB) {
      throw new XlsxLimitError(msg("io.limit.row_long", { part: this.part, mb: String(limits.rowMB) }), "rowMB");
    }
  }

  /** Invalid UTF-8 in the XML would become U+FFFD in a cell: refuse it instead. */
  decode(decoder: InstanceType<typeof TextDecoder>, chunk: Uint8Array | undefined): string {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new XlsxLimitError(msg("io.limit.bad_utf8", { part: this.part, byte: String(this.bytes) }), "structure");
    }
  }

  private cellTooLong(): never {
    const limit = this.guard?.limits.cellChars ?? 0;
    throw new XlsxLimitError(msg("io.limit.cell_long", { part: this.part, limit }), "cellChars");
  }
}

async function* guardedText(
  chunks: AsyncIterable<Uint8Array | string>,
  guard: PartGuard,
  transforms: readonly TextTransform[],
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of chunks) {
    let text: string;
    if (typeof chunk === "string") {
      guard.countBytes(Buffer.byteLength(chunk));
      text = chunk;
    } else {
      guard.countBytes(chunk.length);
      text = guard.decode(decoder, chunk);
    }
    guard.checkText(text);
    for (const t of transforms) text = t.push(text);
    if (text) yield text;
  }
  let tail = guard.decode(decoder, undefined);
  for (const t of transforms) tail = t.push(tail) + t.end();
  if (tail) yield tail;
}

/** A sheet exceljs spooled to a temp file: its read stream, which the decoded text stream can close. */
export interface SpooledSheet {
  /** Closes the temp file's read stream; resolves once its file descriptor is closed. */
  closeSpool(): Promise<void>;
}

interface FileReadStream {
  closed?: boolean;
  destroy(): void;
  once(event: string, cb: (...args: unknown[]) => void): unknown;
  on(event: string, cb: (...args: unknown[]) => void): unknown;
}

/**
 * Closes a spooled sheet's read stream and waits until it is closed. exceljs unlinks the temp file
 * as soon as the reader moves past the sheet; a stream destroyed while its open() is still pending
 * would then open a deleted file and emit an unhandled ENOENT 'error' (the intermittent crash after
 * an import error). Waiting for 'close' orders open -> close -> unlink; the listener also keeps
 * any late error handled.
 */
function closeStream(s: FileReadStream): Promise<void> {
  s.on("error", () => {});
  if (s.closed === true) return Promise.resolve();
  return new Promise<void>((resolve) => {
    s.once("close", () => resolve());
    s.destroy();
  });
}

/** The decoded, guarded text of a part; a spooled sheet's stream stays closable through closeSpool(). */
function decoded(
  source: AsyncIterable<Uint8Array | string>,
  guard: PartGuard,
  transforms: readonly TextTransform[],
): AsyncGenerator<string> {
  const gen = guardedText(source, guard, transforms);
  const s = source as Partial<FileReadStream>;
  if (typeof s.destroy === "function" && typeof s.once === "function") {
    const spooled: SpooledSheet = { closeSpool: () => closeStream(s as FileReadStream) };
    Object.assign(gen, spooled);
  }
  return gen;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Uint8Array | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable | AsyncIterable<string>): AsyncGenerator<unknown>;
  sharedStrings?: unknown[];
  __utf8Patched?: boolean;
  __merchopsGuard?: ReaderGuard;
}

/**
 * A cell's shared-string index past the table (or negative) would read as an empty cell: exceljs
 * looks it up without a check. The table answers such an index with a marker the xlsx reader
 * refuses, naming the cell.
 */
export interface MissingSharedString {
  sharedString: number;
  sharedStrings: number;
}

/** What `table[parseInt(text)]` looks up: an integer, or NaN for text that is none. */
const INDEX_KEY = /^(?:-?\d+|NaN)$/;

function checkedStrings(table: unknown[]): unknown[] {
  return new Proxy(table, {
    get(target, key, receiver) {
      const found = Reflect.get(target, key, receiver);
      // Only a miss pays for the test: every string cell of a sheet comes through here.
      if (found !== undefined || typeof key !== "string" || !INDEX_KEY.test(key)) return found;
      return { sharedString: Number(key), sharedStrings: target.length } satisfies MissingSharedString;
    },
  });
}

/** Attaches the limits and the claimed part sizes to a WorkbookReader before it is read. */
export function guardReader(reader: unknown, guard: ReaderGuard): void {
  (reader as ReaderInternals).__merchopsGuard = guard;
}

const proto = (ExcelJS.stream.xlsx.WorkbookReader as unknown as { prototype: ReaderInternals }).prototype;
if (!proto.__utf8Patched) {
  const parseWorksheet = proto._parseWorksheet;
  proto._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
    const guard = new PartGuard(this.__merchopsGuard, `xl/worksheets/sheet${sheetNo}.xml`, true);
    return parseWorksheet.call(this, decoded(iterator, guard, [new MainPrefix(), new StringItems("is"), new CellRefs()]), sheetNo);
  };
  const parseSharedStrings = proto._parseSharedStrings;
  proto._parseSharedStrings = function (this: ReaderInternals, entry) {
    const guard = new PartGuard(this.__merchopsGuard, "xl/sharedStrings.xml", false);
    // exceljs iterates the entry through its iterateStream (an EventEmitter interface): hand it a
    // Readable of guarded text. Readable.from keeps the backpressure of the async generator.
    const text = Readable.from(decoded(entry as AsyncIterable<Uint8Array>, guard, [new MainPrefix(), new StringItems("si")]), {
      objectMode: false,
      encoding: "utf8",
    });
    const strings = parseSharedStrings.call(this, text);
    const reader = this;
    return (async function* () {
      yield* strings;
      if (Array.isArray(reader.sharedStrings)) reader.sharedStrings = checkedStrings(reader.sharedStrings);
    })();
  };
  proto.__utf8Patched = true;
}

/**
 * unzipper's Parse (the zip reader under exceljs' streaming reader) emits 'end' by hand as soon
 * as the whole file has been written into it, even while entries it already pushed are still
 * waiting in its readable buffer. exceljs pauses that stream while it spools a worksheet to a temp
 * file, so when the last entries arrive during a spool (Excel and exceljs write xl/workbook.xml
 * last), the early 'end' makes exceljs stop before reading them: "Cannot read properties of
 * undefined (reading 'sheets')", now and then. The early 'end' is dropped: Node emits the real one
 * once the end of the zip has been parsed and every entry read (a truncated zip is an 'error').
 */
interface ReadableInternals {
  _readableState?: { length: number; ended: boolean; endEmitted: boolean };
  emit(event: string | symbol, ...args: unknown[]): boolean;
  push(chunk: unknown): boolean;
  __endPatched?: boolean;
  /** The only worksheet part to hand to exceljs (onlyWorksheet): the others are drained unread. */
  __onlySheet?: string;
}
interface ZipEntryStream {
  path?: string;
  autodrain(): unknown;
}
const unzipper = createRequire(createRequire(import.meta.url).resolve("exceljs"))("unzipper") as {
  Parse: { prototype: ReadableInternals };
};
const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+[.]xml$/;
const ONLY_SHEET = Symbol("merchops.onlySheet");
const parseProto = unzipper.Parse.prototype;
if (!parseProto.__endPatched) {
  const emit = parseProto.emit;
  parseProto.emit = function (this: ReadableInternals, event, ...args) {
    const state = this._readableState;
    // Node sets endEmitted before it emits its own 'end'; an 'end' before that is the early one.
    if (event === "end" && state && !state.endEmitted) return false;
    // exceljs pipes the workbook's stream into its zip parser: the stream says which sheet to keep.
    if (event === "pipe") {
      const only = (args[0] as { [ONLY_SHEET]?: string } | undefined)?.[ONLY_SHEET];
      if (only !== undefined) this.__onlySheet = only;
    }
    return emit.call(this, event, ...args);
  };
  const push = parseProto.push;
  parseProto.push = function (this: ReadableInternals, chunk) {
    const entry = chunk as ZipEntryStream | null;
    // Drained before unzipper sets up its inflater, so a skipped sheet is never decompressed.
    if (this.__onlySheet !== undefined && entry?.path !== undefined && WORKSHEET_PART.test(entry.path) && entry.path !== this.__onlySheet) {
      entry.autodrain();
      return true;
    }
    return push.call(this, chunk);
  };
  parseProto.__endPatched = true;
}

/**
 * Makes the WorkbookReader reading `stream` see only the worksheet part `part` (pickSheetPart):
 * a workbook of thousands of sheets is read without spooling or decompressing the others.
 */
export function onlyWorksheet(stream: object, part: string): void {
  (stream as { [ONLY_SHEET]?: string })[ONLY_SHEET] = part;
}

export default ExcelJS;
