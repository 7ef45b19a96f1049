/**
 * The stream names of an OLE compound file (CFB, [MS-CFB]): enough to tell what a file that starts
 * with D0 CF 11 E0 is. Excel stores a password-protected .xlsx in one ("EncryptionInfo",
 * "EncryptedPackage"), a legacy .xls is one ("Workbook", or "Book" before Excel 97), and so are
 * Word and other old Office files. Only the directory is read, sector by sector, bounded.
 */
import type { FileHandle } from "node:fs/promises";

const END_OF_CHAIN = 0xfffffffe;
/** A directory longer than this is no spreadsheet's: stop reading it. */
const MAX_DIRECTORY_SECTORS = 64;
const HEADER_FAT_SECTORS = 109;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The names in the compound file's directory ([] when the header or the directory is damaged). */
export async function cfbStreamNames(fh: FileHandle): Promise<string[]> {
  const header = await readAt(fh, 0, 512);
  if (header.length < 512) return [];
  const shift = header.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift;
  const sectorAt = (n: number) => (n + 1) * size;
  const fatCache = new Map<number, Buffer>();
  /** The next sector of a chain, through the FAT sectors the header lists (the first 109). */
  const next = async (sector: number): Promise<number> => {
    const perFat = size / 4;
    const fatIndex = Math.floor(sector / perFat);
    if (fatIndex >= HEADER_FAT_SECTORS) return END_OF_CHAIN;
    let fat = fatCache.get(fatIndex);
    if (!fat) {
      const fatSector = header.readUInt32LE(76 + fatIndex * 4);
      fat = await readAt(fh, sectorAt(fatSector), size);
      fatCache.set(fatIndex, fat);
    }
    const at = (sector % perFat) * 4;
    return at + 4 <= fat.length ? fat.readUInt32LE(at) : END_OF_CHAIN;
  };
  const names: string[] = [];
  let sector = header.readUInt32LE(48);
  for (let n = 0; n < MAX_DIRECTORY_SECTORS && sector < END_OF_CHAIN - 5; n++) {
    const dir = await readAt(fh, sectorAt(sector), size);
    for (let at = 0; at + 128 <= dir.length; at += 128) {
      const length = dir.readUInt16LE(at + 64);
      if (length < 2 || length > 64) continue;
      names.push(dir.subarray(at, at + length - 2).toString("utf16le"));
    }
    sector = await next(sector);
  }
  return names;
}

/** What a compound file is, by its streams. */
export function cfbKind(names: readonly string[]): "encrypted" | "xls" | "other" {
  if (names.includes("EncryptedPackage") || names.includes("EncryptionInfo")) return "encrypted";
  if (names.includes("Workbook") || names.includes("Book")) return "xls";
  return "other";
}
