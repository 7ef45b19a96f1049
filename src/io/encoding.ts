/**
 * Text encoding of input files: BOM sniffing, detection and streaming decoders.
 *
 * Detection (reliability.md §2): a BOM (UTF-8, UTF-16LE, UTF-16BE) wins; otherwise the first
 * 64 KiB must be strict UTF-8 (a multibyte character cut by the end of the prefix is ignored);
 * otherwise the file is GB18030, the superset of GBK and GB2312 that Chinese Excel and WPS write
 * as "CSV (逗号分隔)". GB2312 is never used as a label: it fails on characters outside GB2312.
 *
 * UTF-8 is validated byte-wise (fatal semantics) as the file streams; legacy encodings go through
 * iconv-lite, which replaces undecodable bytes with U+FFFD silently, so callers count those.
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { UsageError } from "../core/errors.js";

/** How many bytes of the file the detector looks at. */
export const SNIFF_BYTES = 64 * 1024;

export type Bom = { encoding: "utf-8" | "utf-16le" | "utf-16be"; length: number };

export function detectBom(buf: Uint8Array): Bom | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** Length of the UTF-8 sequence a lead byte starts (1 for ASCII or an invalid lead). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

/**
 * Number of bytes at the end of `buf` that start a multibyte UTF-8 character but do not finish
 * it (0-3). Such a tail is valid if the next chunk completes it.
 */
export function incompleteUtf8Tail(buf: Uint8Array, from = 0): number {
  const len = buf.length;
  for (let i = len - 1; i >= Math.max(from, len - 3); i--) {
    const b = buf[i] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (b < 0xc2 || b > 0xf4) return 0; // ASCII or a byte that never starts a UTF-8 character
    return len - i < sequenceLength(b) ? len - i : 0;
  }
  return 0;
}

/**
 * Index of the first byte of the first invalid UTF-8 sequence in `buf`, or -1 when it is valid
 * (WHATWG rules: no overlongs, no surrogates, nothing above U+10FFFF). Only used on the error path;
 * the hot path uses buffer.isUtf8.
 */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const len = buf.length;
  let i = 0;
  while (i < len) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= len) return i; // truncated at the end
    const second = buf[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = buf[i + k] as number;
      if ((c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Strict UTF-8 over a prefix; `complete` is false when the prefix may end inside a character. */
export function isUtf8Prefix(buf: Uint8Array, complete: boolean): boolean {
  const end = complete ? buf.length : buf.length - incompleteUtf8Tail(buf);
  return isUtf8(buf.subarray(0, end));
}

/**
 * Validates a UTF-8 byte stream chunk by chunk. A character split across chunks is carried over.
 */
export class Utf8Validator {
  private carry: Buffer | undefined;

  /**
   * Returns -1 when the chunk is valid so far, else the index in `chunk` before which everything
   * is valid (0 when the bad sequence started in the previous chunk's carried tail).
   */
  check(chunk: Buffer): number {
    let start = 0;
    if (this.carry !== undefined) {
      const carry = this.carry;
      const total = sequenceLength(carry[0] as number);
      const need = total - carry.length;
      const joined = Buffer.concat([carry, chunk.subarray(0, need)]);
      if (joined.length < total) {
        // A tiny chunk that still does not finish the character; check what we have.
        if (firstInvalidUtf8Prefix(joined)) return 0;
        this.carry = joined;
        return -1;
      }
      if (!isUtf8(joined)) return 0;
      this.carry = undefined;
      start = need;
    }
    const tail = incompleteUtf8Tail(chunk, start);
    const end = chunk.length - tail;
    const body = chunk.subarray(start, end);
    if (!isUtf8(body)) return start + Math.max(0, firstInvalidUtf8(body));
    this.carry = tail > 0 ? Buffer.from(chunk.subarray(end)) : undefined;
    return -1;
  }

  /** True when the stream ended in the middle of a character. */
  endsInsideCharacter(): boolean {
    return this.carry !== undefined;
  }
}

/** True when a partial sequence (lead + some continuation bytes) can no longer become valid. */
function firstInvalidUtf8Prefix(partial: Buffer): boolean {
  const lead = partial[0] as number;
  if (lead < 0xc2 || lead > 0xf4) return true;
  for (let k = 1; k < partial.length; k++) {
    const c = partial[k] as number;
    if ((c & 0xc0) !== 0x80) return true;
    if (k === 1) {
      if (lead === 0xe0 && c < 0xa0) return true;
      if (lead === 0xed && c > 0x9f) return true;
      if (lead === 0xf0 && c < 0x90) return true;
      if (lead === 0xf4 && c > 0x8f) return true;
    }
  }
  return false;
}

export function isUtf8Label(label: string): boolean {
  const l = label.toLowerCase().replace(/[-_\s]/g, "");
  return l === "utf8" || l === "unicode11utf8" || l === "utf8bom" || l === "utf8sig";
}

/**
 * Normalises a user-given encoding label (`--encoding`): "utf-8" for the UTF-8 spellings, the
 * lowercased label otherwise. Unknown labels are a usage error.
 */
export function normalizeEncodingLabel(label: string): string {
  const trimmed = label.trim();
  if (isUtf8Label(trimmed)) return "utf-8";
  const lower = trimmed.toLowerCase();
  if (lower === "" || !iconv.encodingExists(lower)) {
    throw new UsageError(
      `unknown encoding "${label}"`,
      "use an encoding name such as utf-8, gb18030, gbk, big5, utf-16le, utf-16be or shift_jis",
    );
  }
  return lower;
}

/** Decodes a whole buffer (used for the sniffing prefix). */
export function decodeBuffer(buf: Buffer, encoding: string): string {
  if (encoding === "utf-8") return buf.toString("utf8");
  return iconv.decode(buf, encoding, { stripBOM: false });
}

/** Bytes of `text` in `encoding` (to skip an Excel "sep=;" line at the byte level). */
export function encodedLength(text: string, encoding: string): number {
  if (encoding === "utf-8") return Buffer.byteLength(text, "utf8");
  return iconv.encode(text, encoding).length;
}

export interface StreamDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** A streaming decoder: multibyte characters split across chunks survive. */
export function createDecoder(encoding: string): StreamDecoder {
  const d = iconv.getDecoder(encoding, { stripBOM: false });
  return {
    write: (chunk) => d.write(chunk),
    end: () => d.end() ?? "",
  };
}

/** The BOM that belongs to a forced encoding, if the file starts with it. */
export function bomLengthFor(encoding: string, buf: Uint8Array): number {
  const bom = detectBom(buf);
  if (bom === undefined) return 0;
  const canon = encoding.replace(/[-_]/g, "");
  if (bom.encoding === "utf-8" && encoding === "utf-8") return bom.length;
  if (bom.encoding === "utf-16le" && (canon === "utf16le" || canon === "ucs2")) return bom.length;
  if (bom.encoding === "utf-16be" && canon === "utf16be") return bom.length;
  return 0;
}

export interface DetectedEncoding {
  encoding: string;
  /** Bytes of BOM to skip at the start of the file. */
  bomLength: number;
}

/**
 * Picks the encoding of a file from its first bytes. `complete` says the prefix is the whole file
 * (then a character cut at the end is an error, not an artefact of the prefix).
 */
export function detectEncoding(prefix: Buffer, complete: boolean): DetectedEncoding {
  const bom = detectBom(prefix);
  if (bom !== undefined) return { encoding: bom.encoding, bomLength: bom.length };
  if (isUtf8Prefix(prefix, complete)) return { encoding: "utf-8", bomLength: 0 };
  return { encoding: "gb18030", bomLength: 0 };
}

/** Which encoding to suggest when `tried` produced garbage. */
export function suggestEncoding(tried: string): string {
  if (tried === "utf-8") return "--encoding gb18030 (or --encoding big5 for Traditional Chinese)";
  if (tried === "big5" || tried === "cp950") return "--encoding gb18030 (or --encoding utf-8)";
  if (tried.startsWith("utf-16") || tried.startsWith("utf16")) return "--encoding utf-8 (or --encoding gb18030)";
  return "--encoding big5, --encoding shift_jis or --encoding utf-8";
}
