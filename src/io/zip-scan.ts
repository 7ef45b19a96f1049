/**
 * Pre-scan of a zip's central directory (APPNOTE 4.3.12-4.3.16, ZIP64 included) before anything
 * is decompressed: the sizes every entry says it expands to, checked against the limits. A bomb
 * (a 1.3 MB workbook expanding to 1.15 GB) is refused in milliseconds, reading a few kilobytes.
 * The sizes are the archive's own claims; the streaming reader counts the real bytes against
 * them (see exceljs.ts), so an archive that lies is stopped too.
 */
import type { FileHandle } from "node:fs/promises";
import { english, type Message, msg } from "../core/i18n/index.js";
import { formatBytes, MAX_ZIP_ENTRIES, MB, RATIO_GRACE_BYTES, type ReadLimits } from "./limits.js";

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  /** Offset of the entry's local header, and its compression method (0 stored, 8 deflated). */
  offset: number;
  method: number;
}

/** A limit refusal; the reader turns it into an InputError naming the file. */
export class ZipLimitError extends Error {
  constructor(
    readonly text: Message,
    readonly limit: keyof ReadLimits | "entries" | "structure",
  ) {
    super(english(text));
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
/** The central directory of a workbook is a few kB; 64 MB would be 500,000 entries. */
const MAX_DIRECTORY_BYTES = 64 * MB;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

const u64 = (b: Buffer, at: number): number => Number(b.readBigUInt64LE(at));

/** Reads the central directory's entries (names and sizes). */
export async function readZipDirectory(fh: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(fileSize, 22 + 0xffff + 20);
  const tail = await readAt(fh, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw new ZipLimitError(msg("io.limit.no_directory"), "structure");
  let count = tail.readUInt16LE(eocd + 10);
  let size = tail.readUInt32LE(eocd + 12);
  let offset = tail.readUInt32LE(eocd + 16);
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const at = u64(tail, eocd - 20 + 8);
    const z = await readAt(fh, at, 56);
    if (z.length < 56 || z.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipLimitError(msg("io.limit.zip64_damaged"), "structure");
    count = u64(z, 32);
    size = u64(z, 40);
    offset = u64(z, 48);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new ZipLimitError(msg("io.limit.entries", { count }), "entries");
  }
  if (size > MAX_DIRECTORY_BYTES || offset + size > fileSize) {
    throw new ZipLimitError(msg("io.limit.directory_bounds"), "structure");
  }
  const dir = await readAt(fh, offset, size);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) {
      throw new ZipLimitError(msg("io.limit.directory_damaged"), "structure");
    }
    const method = dir.readUInt16LE(p + 10);
    let compressed = dir.readUInt32LE(p + 20);
    let uncompressed = dir.readUInt32LE(p + 24);
    let offset = dir.readUInt32LE(p + 42);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const name = dir.toString("utf8", p + 46, p + 46 + nameLength);
    // ZIP64 extended information: 8-byte sizes for the fields set to 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = dir.readUInt16LE(e);
      const len = dir.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed === 0xffffffff && q + 8 <= e + 4 + len) {
          uncompressed = u64(dir, q);
          q += 8;
        }
        if (compressed === 0xffffffff && q + 8 <= e + 4 + len) {
          compressed = u64(dir, q);
          q += 8;
        }
        if (offset === 0xffffffff && q + 8 <= e + 4 + len) offset = u64(dir, q);
      }
      e += 4 + len;
    }
    entries.push({ name, compressed, uncompressed, offset, method });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** A worksheet part (the sheets a workbook lists; chart sheets and drawings live elsewhere). */
const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/i;

/** How many worksheet parts the workbook holds. */
export function countWorksheets(entries: readonly ZipEntry[]): number {
  return entries.filter((e) => WORKSHEET.test(e.name)).length;
}

/**
 * Checks the claimed sizes and the number of sheets against the limits; returns the expanded size
 * of each part by name. `oneSheet`: only one sheet will be read (the others are skipped unread),
 * so their number is no limit.
 */
export function checkZipEntries(entries: readonly ZipEntry[], limits: ReadLimits, oneSheet = false): Map<string, number> {
  let total = 0;
  const sizes = new Map<string, number>();
  for (const entry of entries) {
    total += entry.uncompressed;
    sizes.set(entry.name, (sizes.get(entry.name) ?? 0) + entry.uncompressed);
    if (entry.uncompressed > RATIO_GRACE_BYTES) {
      const ratio = entry.uncompressed / Math.max(1, entry.compressed);
      if (ratio > limits.xlsxRatio) {
        throw new ZipLimitError(
          msg("io.limit.zip_bomb", {
            part: entry.name.slice(0, 80),
            ratio: Math.round(ratio),
            from: formatBytes(entry.compressed),
            to: formatBytes(entry.uncompressed),
            limit: String(limits.xlsxRatio),
          }),
          "xlsxRatio",
        );
      }
    }
  }
  const sheets = countWorksheets(entries);
  if (sheets > limits.xlsxSheets && !oneSheet) {
    throw new ZipLimitError(msg("io.limit.sheets", { sheets, limit: limits.xlsxSheets }), "xlsxSheets");
  }
  if (total > limits.xlsxExpandedMB * MB) {
    throw new ZipLimitError(msg("io.limit.expands", { size: formatBytes(total), mb: String(limits.xlsxExpandedMB) }), "xlsxExpandedMB");
  }
  return sizes;
}
