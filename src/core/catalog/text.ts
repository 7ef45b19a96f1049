/**
 * Small text rules shared by the catalog dialects: reading a cell as text, handles, tag lists,
 * category paths, status words and identifiers that Excel may have mangled.
 */
import { type Message, msg } from "../i18n/index.js";
import type { Product } from "../model.js";

export type Cell = string | number | boolean | Date | null | undefined;

/** A cell as trimmed text; numbers through their shortest decimal form, dates as ISO 8601. */
/** What a spreadsheet writer's formula guard adds: a quote before = + - @ TAB or CR. */
const GUARDED = /^'[=+\-@\t\r]/;

export function cellText(cell: Cell): string {
  if (typeof cell === "string") {
    // Most cells need no trimming; checking the ends avoids a copy per cell.
    const n = cell.length;
    if (n === 0) return "";
    // Undo the formula-injection guard (ours or Excel's convention), so an export re-imports as it was.
    if (cell.charCodeAt(0) === 0x27 && GUARDED.test(cell)) return cellText(cell.slice(1));
    const first = cell.charCodeAt(0);
    const last = cell.charCodeAt(n - 1);
    return first <= 32 || last <= 32 || first === 0x3000 || last === 0x3000 || first === 0xa0 || last === 0xa0 ? cell.trim() : cell;
  }
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return Number.isNaN(cell.getTime()) ? "" : cell.toISOString();
}

/** Characters that show as nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen, bidi marks. */
export const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "g");

/** The value with its invisible characters made visible as <U+200B>, so a message shows where they are. */
export function shownInvisible(value: string): string {
  if (!INVISIBLE.test(value)) return value;
  return value.replace(INVISIBLE_ALL, (c) => `<U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}>`);
}

export const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const NON_HANDLE_CHARS = /[^\p{L}\p{N}]+/gu;
// Real handles keep underscores and double dashes ("untitled-nov5_04-35"): a store's handle is its key.
const ASCII_HANDLE = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

/**
 * A handle from a title or a handle cell: NFKC, lowercase, letters and digits of any script kept
 * (Shopify handles allow Unicode, so 纯棉T恤 stays readable), everything else collapsed into "-".
 * Already-clean handles ("t-shirt-001") come back unchanged, so a round trip keeps handles.
 */
export function handleFromText(text: string): string {
  if (ASCII_HANDLE.test(text)) return text;
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(NON_HANDLE_CHARS, "-")
    .replace(/^-+|-+$/g, "");
}

const TAG_SEPARATORS = /[,，、;；]/;

/** "cotton, summer、新品" -> ["cotton", "summer", "新品"]: trimmed, empty and repeated tags dropped. */
export function splitTags(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(TAG_SEPARATORS)) {
    const tag = part.trim();
    if (tag !== "" && !out.includes(tag)) out.push(tag);
  }
  return out;
}

const CATEGORY_SEPARATORS = /\s*[>＞›»]\s*/;

/**
 * "服装>男装 > T恤" -> "服装 > 男装 > T恤". Only ">" (and its full-width and guillemet forms)
 * separates levels: a "/" belongs to the name, as in Taobao's top category "女装/女士精品".
 */
export function normalizeCategory(text: string): string {
  const levels = text
    .split(CATEGORY_SEPARATORS)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return levels.join(" > ");
}

const STATUS_WORDS = new Map<string, Product["status"]>();
for (const [status, words] of [
  // 京东 writes 上柜 / 下柜 (on and off the shelf); 拼多多 在售中, 抖店 售卖中.
  [
    "active",
    [
      "active",
      "上架",
      "在售",
      "在售中",
      "售卖中",
      "售賣中",
      "已上架",
      "出售中",
      "销售中",
      "銷售中",
      "上柜",
      "上櫃",
      "published",
      "publish",
      "online",
      "启用",
      "啟用",
    ],
  ],
  ["draft", ["draft", "下架", "已下架", "下柜", "下櫃", "草稿", "仓库中", "倉庫中", "未上架", "待上架", "unpublished", "offline", "停用"]],
  ["archived", ["archived", "归档", "歸檔", "已归档", "已歸檔", "archive"]],
  // Shopify 2025: sold by its link, hidden from search and collections (its zh-CN admin: 未列出).
  ["unlisted", ["unlisted", "未列出"]],
] as const) {
  for (const w of words) STATUS_WORDS.set(w, status);
}

/** Status words of the native template and the platforms; undefined when the word is unknown. */
export function parseStatus(text: string): Product["status"] | undefined {
  return STATUS_WORDS.get(text.normalize("NFKC").trim().toLowerCase());
}

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;

const IDENTIFIER_NAMES: Record<string, Message> = {
  SKU: msg("catalog.id.sku"),
  barcode: msg("catalog.id.barcode"),
  "order number": msg("catalog.id.order_number"),
  "tracking number": msg("catalog.id.tracking_number"),
};

/** The identifier's name in the run's language (an unknown one as written). */
export function identifierName(what: string): Message | string {
  return IDENTIFIER_NAMES[what] ?? what;
}

/**
 * An identifier cell (SKU, barcode) as text. A string in scientific notation ("6.90123E+12") is
 * the trace of Excel showing a long number in General format: once saved as CSV the digits are
 * gone, so it is refused with the fix. A number too large to be exact is refused the same way.
 */
export function identifierCell(cell: Cell, what: string): { value: string } | { problem: Message; hint: Message; lost: true } {
  const name = identifierName(what);
  if (typeof cell === "number") {
    if (Number.isSafeInteger(cell) || (Number.isFinite(cell) && !Number.isInteger(cell) && Math.abs(cell) < 1e15)) {
      return { value: String(cell) };
    }
    return {
      problem: msg("catalog.id.lost_digits", { what: name, value: String(cell) }),
      hint: msg("catalog.id.lost_digits_hint", { what: name }),
      lost: true,
    };
  }
  if (cell instanceof Date) {
    // A date-formatted cell under an identifier: what was typed (45123, 3-12) is gone, and the
    // ISO text of the date would become the SKU.
    const day = Number.isNaN(cell.getTime()) ? msg("catalog.id.invalid_date") : cell.toISOString().slice(0, 10);
    return {
      problem: msg("catalog.id.date", { what: name, day }),
      hint: msg("catalog.id.text_hint", { what: name }),
      lost: true,
    };
  }
  const text = cellText(cell);
  if (text.length > 4 && SCIENTIFIC.test(text)) {
    return {
      problem: msg("catalog.id.scientific", { what: name, value: text }),
      hint: msg("catalog.id.text_hint", { what: name }),
      lost: true,
    };
  }
  return { value: text };
}
