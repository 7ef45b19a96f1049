/**
 * The worksheet part a workbook's reader will read, found from xl/workbook.xml and its rels
 * without decompressing any sheet: for a workbook of more sheets than `limits.xlsxSheets`, the
 * reader then skips every other sheet unread (exceljs would otherwise spool each one to a temp
 * file before it knows which is wanted). The choice is the reader's own (xlsx-reader.ts
 * isWanted): the sheet named by `--sheet` (exact, else case-insensitive), else the first visible.
 *
 * The two small parts are read straight from the zip, bounded: each must expand to no more than
 * its directory claims (a forged part is refused as the streaming guard refuses it) and to no
 * more than PART_CAP.
 */
import type { FileHandle } from "node:fs/promises";
import { inflateRawSync } from "node:zlib";
import { msg } from "../core/i18n/index.js";
import { formatBytes, MB } from "./limits.js";
import { type ZipEntry, ZipLimitError } from "./zip-scan.js";

/** workbook.xml of 100,000 sheets is about 10 MB. */
const PART_CAP = 32 * MB;
const LOCAL_HEADER = 0x04034b50;

async function readPart(fh: FileHandle, entry: ZipEntry): Promise<string> {
  if (entry.uncompressed > PART_CAP || entry.compressed > PART_CAP) {
    throw new ZipLimitError(msg("io.limit.forged_part", { part: entry.name, declared: formatBytes(PART_CAP) }), "structure");
  }
  const head = Buffer.alloc(30);
  await fh.read(head, 0, 30, entry.offset);
  if (head.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipLimitError(msg("io.limit.directory_damaged"), "structure");
  const start = entry.offset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  const raw = Buffer.alloc(entry.compressed);
  await fh.read(raw, 0, entry.compressed, start);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      // One byte more than claimed: a part that expands further is forged.
      data = inflateRawSync(raw, { maxOutputLength: entry.uncompressed + 1 });
    } catch {
      throw new ZipLimitError(msg("io.limit.forged_part", { part: entry.name, declared: formatBytes(entry.uncompressed) }), "structure");
    }
  } else throw new ZipLimitError(msg("io.limit.directory_damaged"), "structure");
  if (data.length > entry.uncompressed) {
    throw new ZipLimitError(msg("io.limit.forged_part", { part: entry.name, declared: formatBytes(entry.uncompressed) }), "structure");
  }
  return data.toString("utf8");
}

const ELEMENT = (tag: string) => new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)>`, "g");
const ATTRIBUTE = /([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) out.set(m[1] as string, xmlText(m[2] ?? m[3] ?? ""));
  return out;
}

function xmlText(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (all, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
    if (e.startsWith("#x") || e.startsWith("#X")) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return named[e.toLowerCase()] ?? all;
  });
}

interface SheetRef {
  name: string;
  hidden: boolean;
  relId: string;
}

/** The sheet the reader wants, as isWanted picks it. */
function chooseSheet(sheets: readonly SheetRef[], wanted: string | undefined): SheetRef | undefined {
  if (wanted !== undefined) {
    const exact = sheets.find((s) => s.name === wanted);
    if (exact) return exact;
    const w = wanted.trim().toLowerCase();
    return sheets.find((s) => s.name.trim().toLowerCase() === w);
  }
  return sheets.find((s) => !s.hidden) ?? sheets[0];
}

/**
 * The zip path of the worksheet to read ("xl/worksheets/sheet3.xml"), or undefined when the
 * workbook's parts do not say (the caller then keeps its limit).
 */
export async function pickSheetPart(fh: FileHandle, entries: readonly ZipEntry[], wanted: string | undefined): Promise<string | undefined> {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ""), e]));
  const workbook = byName.get("xl/workbook.xml");
  const rels = byName.get("xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) return undefined;
  const sheets: SheetRef[] = [];
  for (const m of (await readPart(fh, workbook)).matchAll(ELEMENT("sheet"))) {
    const a = attributes(m[1] as string);
    const state = a.get("state");
    const relId = a.get("r:id") ?? [...a.entries()].find(([k]) => k.endsWith(":id"))?.[1];
    if (relId === undefined) continue;
    sheets.push({ name: a.get("name") ?? "", hidden: state === "hidden" || state === "veryHidden", relId });
  }
  const sheet = chooseSheet(sheets, wanted);
  if (!sheet) return undefined;
  for (const m of (await readPart(fh, rels)).matchAll(ELEMENT("Relationship"))) {
    const a = attributes(m[1] as string);
    if (a.get("Id") !== sheet.relId) continue;
    const target = a.get("Target") ?? "";
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
    return byName.has(path) ? path : undefined;
  }
  return undefined;
}
