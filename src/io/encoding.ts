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
import { msg } from "../core/i18n/index.js";

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

  /** Bytes of an unfinished character carried from the previous chunk. */
  get carried(): number {
    return this.carry?.length ?? 0;
  }

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
    throw new UsageError(msg("io.unknown_encoding", { label }), msg("io.unknown_encoding_hint"));
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

/**
 * Why a file is read as UTF-8 although its first bytes are not valid UTF-8: the streaming
 * validator then stops at the first bad byte (naming its row and offset), and the hint says what
 * the detector saw. `damaged-utf8`: nearly everything is UTF-8, so the bad bytes are damage, not
 * another encoding. `unknown-8bit`: neither UTF-8 nor plausible GB18030 (Latin-1, Big5, ...).
 */
export type EncodingFault = "damaged-utf8" | "unknown-8bit";

export interface DetectedEncoding {
  encoding: string;
  /** Bytes of BOM to skip at the start of the file. */
  bomLength: number;
  /** True when no BOM settled it: later bytes may still contradict the guess. */
  guessed?: boolean;
  fault?: EncodingFault;
  /** The prefix held UTF-8 characters: a bad byte later on is damage, not another encoding. */
  utf8Text?: boolean;
}

/**
 * UTF-16 without a BOM (Excel's "Unicode text" saved by other tools): ASCII characters — the
 * delimiters, digits, line breaks — have a NUL high byte, so NULs pile up on one parity. Text in
 * an 8-bit encoding has no NULs at all.
 */
export function detectUtf16ByNuls(prefix: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(prefix.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (prefix[i] === 0) even++;
    if (prefix[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (pairs < 2) return undefined;
  if (odd >= 2 && odd * 8 >= pairs && even * 10 <= odd) return "utf-16le";
  if (even >= 2 && even * 8 >= pairs && odd * 10 <= even) return "utf-16be";
  return undefined;
}

/** Valid multibyte UTF-8 characters and invalid sequences in `buf` (a cut tail is not counted). */
export function utf8Stats(buf: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  const end = buf.length - incompleteUtf8Tail(buf);
  while (i < end) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const bad = firstInvalidUtf8(buf.subarray(i, Math.min(end, i + 4)));
    if (bad === 0) {
      invalid++;
      i++;
      continue;
    }
    multibyte++;
    i += sequenceLength(b);
  }
  return { multibyte, invalid };
}

/**
 * Length of the GB18030 sequence at `i`: 1, 2 or 4; 0 when invalid; -1 when `buf` ends inside it.
 * 0x80 is accepted as a single byte (the euro sign of Windows code page 936, as iconv-lite reads it).
 */
export function gb18030SequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i] as number;
  if (b <= 0x80) return 1;
  if (b === 0xff) return 0;
  if (i + 1 >= buf.length) return -1;
  const t = buf[i + 1] as number;
  if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) return 2;
  if (t < 0x30 || t > 0x39) return 0;
  if (i + 2 >= buf.length) return -1;
  const t3 = buf[i + 2] as number;
  if (t3 < 0x81 || t3 > 0xfe) return 0;
  if (i + 3 >= buf.length) return -1;
  const t4 = buf[i + 3] as number;
  return t4 >= 0x30 && t4 <= 0x39 ? 4 : 0;
}

export interface Gb18030Profile {
  /** Two-byte characters, and those of them whose second byte is ASCII (rare in real GBK text). */
  double: number;
  asciiTrail: number;
  four: number;
  invalid: number;
}

export function gb18030Profile(buf: Uint8Array, complete: boolean): Gb18030Profile {
  const p: Gb18030Profile = { double: 0, asciiTrail: 0, four: 0, invalid: 0 };
  let i = 0;
  while (i < buf.length) {
    const len = gb18030SequenceLength(buf, i);
    if (len === -1) {
      if (complete) p.invalid++;
      break;
    }
    if (len === 0) {
      p.invalid++;
      i++;
      continue;
    }
    if (len === 2) {
      p.double++;
      if ((buf[i + 1] as number) < 0x80) p.asciiTrail++;
    } else if (len === 4) p.four++;
    i += len;
  }
  return p;
}

/**
 * Latin-1 read as GBK pairs an accented letter with the ASCII letter after it ("è" + "m" -> one
 * GBK character). Real Chinese text almost never has an ASCII second byte, so more than a quarter
 * of them means the guess would mis-decode.
 */
function plausibleGb18030(p: Gb18030Profile): boolean {
  const chars = p.double + p.four;
  return chars > 0 && p.asciiTrail * 4 <= p.double && p.invalid === 0;
}

/** A GB18030 file with a few damaged bytes: decode it as GB18030 so the error names those bytes. */
function damagedGb18030(p: Gb18030Profile): boolean {
  return p.invalid > 0 && p.double + p.four >= 4 * p.invalid && p.asciiTrail * 4 <= p.double;
}

/**
 * Picks the encoding of a file from its first bytes. `complete` says the prefix is the whole file
 * (then a character cut at the end is an error, not an artefact of the prefix). One decision holds
 * for the whole file: a guess is never silently revised later (see csv-reader).
 */
export function detectEncoding(prefix: Buffer, complete: boolean): DetectedEncoding {
  const bom = detectBom(prefix);
  if (bom !== undefined) return { encoding: bom.encoding, bomLength: bom.length };
  const utf16 = detectUtf16ByNuls(prefix);
  if (utf16 !== undefined) return { encoding: utf16, bomLength: 0, guessed: true };
  if (isUtf8Prefix(prefix, complete)) {
    const utf8Text = prefix.some((b) => b >= 0xc2);
    return { encoding: "utf-8", bomLength: 0, guessed: true, ...(utf8Text ? { utf8Text } : {}) };
  }
  const u = utf8Stats(prefix);
  // One stray byte among many UTF-8 characters is damage: read as GB18030 the whole file would be mojibake.
  if (u.multibyte > 0 && u.multibyte >= 4 * u.invalid) return { encoding: "utf-8", bomLength: 0, guessed: true, fault: "damaged-utf8" };
  const gb = gb18030Profile(prefix, complete);
  if (plausibleGb18030(gb) || damagedGb18030(gb)) return { encoding: "gb18030", bomLength: 0, guessed: true };
  return { encoding: "utf-8", bomLength: 0, guessed: true, fault: "unknown-8bit" };
}

/**
 * Validates a GB18030 byte stream chunk by chunk, so a bad byte is named by its exact offset
 * before iconv-lite turns it into U+FFFD.
 */
export class Gb18030Validator {
  private carry: Buffer | undefined;

  /** Bytes of an unfinished sequence carried from the previous chunk. */
  get carried(): number {
    return this.carry?.length ?? 0;
  }

  /** -1 when valid so far, else the index in carry + chunk of the first bad byte. */
  check(chunk: Buffer): number {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    let i = 0;
    while (i < data.length) {
      if ((data[i] as number) < 0x80) {
        i++;
        continue;
      }
      const len = gb18030SequenceLength(data, i);
      if (len === 0) return i;
      if (len === -1) {
        this.carry = Buffer.from(data.subarray(i));
        return -1;
      }
      i += len;
    }
    return -1;
  }

  endsInsideCharacter(): boolean {
    return this.carry !== undefined;
  }
}

/** True for the labels iconv-lite decodes with its GB18030 table (GBK is a subset). */
export function isGbFamily(encoding: string): boolean {
  const l = encoding.replace(/[-_]/g, "");
  return l === "gb18030" || l === "gbk" || l === "cp936" || l === "gb2312" || l === "euccn";
}

/** What to tell a user whose file has bytes that the chosen encoding cannot read. */
export function faultHint(fault: EncodingFault | undefined, offset: number): string {
  if (fault === "damaged-utf8") {
    return `the rest of the file is UTF-8, so the byte at offset ${offset} is damage: fix that cell (or save the file again as "CSV UTF-8"); pass --encoding gb18030 only if the whole file really is GB18030`;
  }
  if (fault === "unknown-8bit") {
    return 'the file is neither UTF-8 nor GB18030: pass --encoding windows-1252 (Western European, Latin-1), --encoding big5 (Traditional Chinese) or --encoding gb18030, or save it as "CSV UTF-8"';
  }
  return `try ${suggestEncoding("utf-8")}`;
}

/** Which encoding to suggest when `tried` produced garbage. */
export function suggestEncoding(tried: string): string {
  if (tried === "utf-8") return "--encoding gb18030 (or --encoding big5 for Traditional Chinese)";
  if (tried === "big5" || tried === "cp950") return "--encoding gb18030 (or --encoding utf-8)";
  if (tried.startsWith("utf-16") || tried.startsWith("utf16")) return "--encoding utf-8 (or --encoding gb18030)";
  return "--encoding big5, --encoding shift_jis or --encoding utf-8";
}
