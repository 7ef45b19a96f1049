/**
 * Generators of hostile input, one per class (issue 13 and reliability.md): broken encodings,
 * zip bombs, huge cells and lines, oversize configs. Everything is built in memory or streamed to
 * a temp file from a seed, so the suite needs no committed binaries and every case is reproducible.
 */
import iconv from "iconv-lite";

// ---------------------------------------------------------------------------------------------
// Encodings

export const CATALOG_HEADER = "handle,title,sku,price\n";

/** The title of row `i`: accents a Latin-1 or a mis-decode would mangle. */
export const latinTitle = (i: number): string => `Café Crème Niño ${i}`;
export const chineseTitle = (i: number): string => `蓝色衬衫朱镕基牌 ${i}`;

function catalogText(rows: number, title: (i: number) => string): string {
  let text = CATALOG_HEADER;
  for (let i = 1; i <= rows; i++) text += `p-${i},${title(i)},SKU-${i},12.50\n`;
  return text;
}

/** Where a fault goes: the first data row, inside the 64 KiB detection window, or far after it. */
export type Place = "start" | "middle" | "end";
export const PLACES: readonly Place[] = ["start", "middle", "end"];
/** 3,000 rows of about 40 bytes: row 800 is inside the first 64 KiB, row 2,990 well after it. */
export const FAULT_ROWS = 3000;
export const faultRow = (place: Place): number => (place === "start" ? 1 : place === "middle" ? 800 : 2990);

/** Byte offset of the first byte of data row `i`'s title in `bytes` (rows are "p-i,"). */
function titleOffset(bytes: Buffer, i: number): number {
  const at = bytes.indexOf(Buffer.from(`\np-${i},`));
  return at + `\np-${i},`.length;
}

/** A UTF-8 catalog in which one "é" of row `place` is a lone Latin-1 byte 0xE9. */
export function utf8WithStrayByte(place: Place): Buffer {
  const bytes = Buffer.from(catalogText(FAULT_ROWS, latinTitle), "utf8");
  const at = titleOffset(bytes, faultRow(place)) + 3; // "Caf" then é = C3 A9
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at + 2)]);
}

/** A GBK catalog in which one byte of row `place`'s title is 0xFF (never valid in GB18030). */
export function gbkWithBadByte(place: Place): Buffer {
  const bytes = Buffer.from(iconv.encode(catalogText(FAULT_ROWS, chineseTitle), "gbk"));
  const at = titleOffset(bytes, faultRow(place)) + 2; // second character's lead byte
  bytes[at] = 0xff;
  return bytes;
}

/** A Windows-1252 (Latin-1) catalog: neither UTF-8 nor GB18030. */
export function latin1Catalog(rows = 20): Buffer {
  return iconv.encode(catalogText(rows, latinTitle), "windows-1252");
}

/** UTF-16LE without a BOM (some tools save Excel's "Unicode text" so). */
export function utf16NoBom(rows = 20, encoding: "utf-16le" | "utf-16be" = "utf-16le"): Buffer {
  const le = iconv.encode(catalogText(rows, chineseTitle), "utf-16le");
  if (encoding === "utf-16le") return le;
  const be = Buffer.from(le);
  be.swap16();
  return be;
}

/** UTF-16LE cut after an odd number of bytes. */
export function utf16OddLength(rows = 20): Buffer {
  const b = utf16NoBom(rows);
  return Buffer.concat([b, Buffer.from([0x41])]);
}

/** Valid UTF-8 that carries U+FFFD: text damaged before the file was written. */
export function utf8WithReplacementChar(place: Place): Buffer {
  const text = catalogText(FAULT_ROWS, (i) => (i === faultRow(place) ? "Caf\uFFFD Cr\uFFFDme" : latinTitle(i)));
  return Buffer.from(text, "utf8");
}

/** GB18030 for the first 64 KiB, then UTF-8 (two exports pasted together). */
export function gbThenUtf8(): Buffer {
  const head = iconv.encode(catalogText(2000, chineseTitle), "gb18030");
  let tail = "";
  for (let i = 2001; i <= 2400; i++) tail += `p-${i},${latinTitle(i)},SKU-${i},12.50\n`;
  return Buffer.concat([head, Buffer.from(tail, "utf8")]);
}

/** A clean GB18030 catalog (the control: read exactly). */
export function gb18030Catalog(rows = FAULT_ROWS): Buffer {
  return iconv.encode(catalogText(rows, chineseTitle), "gb18030");
}

// ---------------------------------------------------------------------------------------------
// SSRF

/** Every spelling of a metadata address an attacker may put in a URL (URL host form). */
export const METADATA_LITERALS: readonly string[] = [
  "169.254.169.254",
  "169.254.170.2",
  "169.254.0.23",
  "100.100.100.200",
  "192.0.0.192",
  "168.63.129.16",
  "[fd00:ec2::254]",
  "[::ffff:a9fe:a9fe]",
  "[::a9fe:a9fe]",
  "[::ffff:0:a9fe:a9fe]",
  "[64:ff9b::a9fe:a9fe]",
  "[2002:a9fe:a9fe::]",
  "[::ffff:6464:64c8]",
  "[fe80::1]",
  "2852039166", // 169.254.169.254 as one decimal number
  "0xa9fea9fe",
  "0251.0376.0251.0376",
  "169.254.43518",
];
