/**
 * exceljs, with one fix: its streaming reader decodes each compressed chunk of a sheet to text
 * on its own, so a Chinese character whose UTF-8 bytes straddle two chunks becomes "��"
 * (exceljs issues #2063, #2084, #2316; unfixed in 4.4). The fix hands the reader text decoded by
 * one streaming decoder per part, so split sequences are joined. It patches WorkbookReader's
 * prototype, which works whichever module loaded exceljs first; every module here still imports
 * exceljs through this file so the patch is always in place before a workbook is read.
 */
import { createRequire } from "node:module";
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";

async function* utf8Text(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
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

function decoded(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const gen = utf8Text(source);
  const s = source as Partial<FileReadStream>;
  if (typeof s.destroy === "function" && typeof s.once === "function") {
    const spooled: SpooledSheet = { closeSpool: () => closeStream(s as FileReadStream) };
    Object.assign(gen, spooled);
  }
  return gen;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Uint8Array | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  __utf8Patched?: boolean;
}

const proto = (ExcelJS.stream.xlsx.WorkbookReader as unknown as { prototype: ReaderInternals }).prototype;
if (!proto.__utf8Patched) {
  const parseWorksheet = proto._parseWorksheet;
  proto._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
    return parseWorksheet.call(this, decoded(iterator), sheetNo);
  };
  const parseSharedStrings = proto._parseSharedStrings;
  proto._parseSharedStrings = function (this: ReaderInternals, entry) {
    // Node's stream decoder keeps a split character until its last byte arrives.
    entry.setEncoding("utf8");
    return parseSharedStrings.call(this, entry);
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
  __endPatched?: boolean;
}
const unzipper = createRequire(createRequire(import.meta.url).resolve("exceljs"))("unzipper") as {
  Parse: { prototype: ReadableInternals };
};
const parseProto = unzipper.Parse.prototype;
if (!parseProto.__endPatched) {
  const emit = parseProto.emit;
  parseProto.emit = function (this: ReadableInternals, event, ...args) {
    const state = this._readableState;
    // Node sets endEmitted before it emits its own 'end'; an 'end' before that is the early one.
    if (event === "end" && state && !state.endEmitted) return false;
    return emit.call(this, event, ...args);
  };
  parseProto.__endPatched = true;
}

export default ExcelJS;
