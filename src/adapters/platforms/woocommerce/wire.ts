/**
 * WooCommerce wire-format helpers: money strings <-> integer minor units (digit-wise, never floats),
 * weights in the store's unit <-> grams, option names <-> canonical axes, HTML entities in names,
 * dates without a zone (`*_gmt` fields are UTC), and the shapes of the REST v3 records we read.
 */
import { isProblem, minorDigits, minorToDecimal, parseMoney } from "../../../core/values.js";

/** "19.99" -> 1999 (USD). Empty -> null. Throws on text that is not an amount. */
export function toMinor(value: string | number | null | undefined, currency: string): number | null {
  if (value === null || value === undefined || value === "") return null;
  const parsed = parseMoney(typeof value === "number" ? String(value) : value, currency);
  if (isProblem(parsed)) throw new Error(`WooCommerce sent an amount merchops cannot read: ${parsed.problem}`);
  return parsed;
}

/** 1999 -> "19.99" (USD); 1999 -> "1999" (JPY). */
export function toDecimal(minor: number, currency: string): string {
  return minorToDecimal(minor, currency);
}

/**
 * A Store API amount ("1105" with currency_minor_unit 2) in the minor units of `currency`. The store's
 * minor unit normally equals the currency's; when it does not, scale exactly (rounding half up when the
 * store shows more digits than the currency has).
 */
export function storeAmountToMinor(amount: string | null | undefined, storeMinorUnit: number, currency: string): number | null {
  if (amount === null || amount === undefined || amount === "" || !/^-?\d+$/.test(amount)) return null;
  const digits = minorDigits(currency);
  const n = Number(amount);
  if (storeMinorUnit === digits) return n;
  if (storeMinorUnit < digits) return n * 10 ** (digits - storeMinorUnit);
  const factor = 10 ** (storeMinorUnit - digits);
  return Math.sign(n) * Math.floor((Math.abs(n) + factor / 2) / factor);
}

export type WeightUnit = "g" | "kg";

/** 1500 g -> "1.5" (kg) or "1500" (g). */
export function gramsToWeight(grams: number | null | undefined, unit: WeightUnit): string {
  if (grams === null || grams === undefined) return "";
  if (unit === "g") return String(grams);
  const s = String(Math.abs(Math.round(grams))).padStart(4, "0");
  const frac = s.slice(-3).replace(/0+$/, "");
  return `${grams < 0 ? "-" : ""}${s.slice(0, -3)}${frac ? `.${frac}` : ""}`;
}

/** "1.5" (kg) -> 1500; "0.2505" kg -> 251 (half up); "" -> null; garbage -> null. */
export function weightToGrams(value: string | null | undefined, unit: WeightUnit): number | null {
  if (value === null || value === undefined) return null;
  const m = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(String(value));
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return null;
  const shift = unit === "kg" ? 3 : 0;
  const frac = m[2] ?? "";
  const kept = `${frac}${"0".repeat(shift)}`.slice(0, shift);
  const next = frac.length > shift ? Number(frac[shift]) : 0;
  const grams = Number(m[1] || "0") * 10 ** shift + Number(kept || "0");
  return next >= 5 ? grams + 1 : grams;
}

const AXIS_NAMES: Record<string, string> = { colour: "Color", color: "Color", size: "Size" };
const AXIS_FROM_PLATFORM: Record<string, string> = {
  color: "colour",
  colour: "colour",
  颜色: "colour",
  顏色: "colour",
  size: "size",
  尺码: "size",
  尺碼: "size",
};

/** Canonical axis -> the attribute name shown in WooCommerce: colour -> "Color", shoe_width -> "Shoe width". */
export function axisToAttributeName(axis: string): string {
  const known = AXIS_NAMES[axis.toLowerCase()];
  if (known) return known;
  const words = axis.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A WooCommerce attribute name (or `pa_` taxonomy slug) -> canonical axis: Color/Colour/颜色 -> "colour". */
export function attributeNameToAxis(name: string): string {
  const plain = name.replace(/^pa_/, "").trim().toLowerCase();
  return AXIS_FROM_PLATFORM[plain] ?? plain.replace(/\s+/g, "_");
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};

/** WordPress stores names HTML-escaped ("A &amp; B"); decode the common entities and numeric ones. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[body.toLowerCase()] ?? all;
  });
}

/** "2026-03-01T10:00:00" from a `*_gmt` field -> Date (UTC). */
export function gmtDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Date -> "2026-03-01T10:00:00" for `after`/`before`/`modified_after` with dates_are_gmt=true. */
export function gmtParam(d: Date): string {
  return d.toISOString().slice(0, 19);
}

export interface WooTermRef {
  id: number;
  name: string;
  slug: string;
}

export interface WooAttributeOut {
  id: number;
  name: string;
  position: number;
  visible: boolean;
  variation: boolean;
  options: string[];
}

export interface WooProductOut {
  id: number;
  name: string;
  slug: string;
  type: string;
  status: string;
  description: string;
  sku: string;
  global_unique_id?: string;
  regular_price: string;
  sale_price: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  weight: string;
  categories: WooTermRef[];
  tags: WooTermRef[];
  brands?: WooTermRef[];
  images: { id?: number; src: string }[];
  attributes: WooAttributeOut[];
  variations: number[];
  date_modified_gmt: string;
}

export interface WooVariationOut {
  id: number;
  sku: string;
  global_unique_id?: string;
  regular_price: string;
  sale_price: string;
  manage_stock: boolean | "parent";
  stock_quantity: number | null;
  weight: string;
  image: { id?: number; src: string } | null;
  attributes: { id: number; name: string; option: string }[];
}

export interface WooTermOut {
  id: number;
  name: string;
  slug: string;
  parent?: number;
}

/** A per-item failure inside a batch answer. */
export interface WooItemError {
  id: number;
  error: { code: string; message: string; data?: { status?: number } };
}

export const isItemError = (x: unknown): x is WooItemError =>
  typeof x === "object" && x !== null && typeof (x as { error?: unknown }).error === "object" && (x as { error?: unknown }).error !== null;
