/**
 * WooCommerce wire-format helpers: money strings <-> integer minor units (digit-wise, never floats),
 * weights in the store's unit <-> grams, option names <-> canonical axes, HTML entities in names,
 * dates without a zone (`*_gmt` fields are UTC), and the shapes of the REST v3 records we read.
 */
import { z } from "zod";
import { english } from "../../../core/i18n/index.js";
import { isProblem, minorDigits, minorToDecimal, parseMoney } from "../../../core/values.js";

/** "19.99" -> 1999 (USD). Empty -> null. Throws on text that is not an amount. */
export function toMinor(value: string | number | null | undefined, currency: string): number | null {
  if (value === null || value === undefined || value === "") return null;
  const parsed = parseMoney(typeof value === "number" ? String(value) : value, currency);
  if (isProblem(parsed)) throw new Error(`WooCommerce sent an amount merchops cannot read: ${english(parsed.problem)}`);
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

// --- the REST v3 records we read. Lenient on extra fields (dropped), strict on the ones we use; the
// fields WooCommerce itself may leave out (brands before 9.6, global_unique_id before 9.2) are optional.

const termRef = z.object({ id: z.number(), name: z.string(), slug: z.string() });
export type WooTermRef = z.infer<typeof termRef>;

const attributeOut = z.object({
  id: z.number(),
  name: z.string(),
  position: z.number(),
  visible: z.boolean(),
  variation: z.boolean(),
  options: z.array(z.string()),
});
export type WooAttributeOut = z.infer<typeof attributeOut>;

const image = z.object({ id: z.number().optional(), src: z.string() });

export const wooProductSchema = z.object({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  type: z.string(),
  status: z.string(),
  /** "visible", "catalog", "search" or "hidden"; hidden and published is Shopify's unlisted. */
  catalog_visibility: z.string().optional(),
  description: z.string(),
  sku: z.string(),
  global_unique_id: z.string().optional(),
  regular_price: z.string(),
  sale_price: z.string(),
  manage_stock: z.boolean(),
  stock_quantity: z.number().nullable(),
  weight: z.string(),
  categories: z.array(termRef),
  tags: z.array(termRef),
  brands: z.array(termRef).optional(),
  images: z.array(image),
  attributes: z.array(attributeOut),
  variations: z.array(z.number()),
  date_modified_gmt: z.string().nullable(),
  meta_data: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
});
export type WooProductOut = z.infer<typeof wooProductSchema>;

export const wooVariationSchema = z.object({
  id: z.number(),
  sku: z.string(),
  global_unique_id: z.string().optional(),
  regular_price: z.string(),
  sale_price: z.string(),
  manage_stock: z.union([z.boolean(), z.literal("parent")]),
  stock_quantity: z.number().nullable(),
  weight: z.string(),
  image: image.nullable(),
  attributes: z.array(z.object({ id: z.number(), name: z.string(), option: z.string() })),
  meta_data: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
});
export type WooVariationOut = z.infer<typeof wooVariationSchema>;

export const wooTermSchema = z.object({ id: z.number(), name: z.string(), slug: z.string(), parent: z.number().optional() });
export type WooTermOut = z.infer<typeof wooTermSchema>;

const amount = z.string();

export const wooOrderSchema = z.object({
  id: z.number(),
  number: z.string().optional(),
  status: z.string(),
  currency: z.string(),
  date_created_gmt: z.string(),
  date_modified_gmt: z.string().nullable().optional(),
  discount_total: amount,
  shipping_total: amount,
  total: amount,
  total_tax: amount,
  customer_id: z.number(),
  billing: z.object({ email: z.string().nullable().optional() }).optional(),
  line_items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      product_id: z.number(),
      variation_id: z.number(),
      quantity: z.number(),
      subtotal: amount,
      total: amount,
      // A line whose product was deleted has no SKU; some versions send null.
      sku: z.string().nullable().optional(),
    }),
  ),
  coupon_lines: z.array(z.object({ code: z.string() })).optional(),
  refunds: z.array(z.object({ id: z.number(), reason: z.string().nullable(), total: amount })).optional(),
  meta_data: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
});
export type WooOrderOut = z.infer<typeof wooOrderSchema>;

export const wooRefundSchema = z.object({
  id: z.number(),
  /** Present on /wc/v3/refunds (9.0+), not on /orders/{id}/refunds. */
  parent_id: z.number().optional(),
  date_created_gmt: z.string(),
  amount: amount,
  reason: z.string().nullable(),
  line_items: z.array(
    z.object({ id: z.number(), sku: z.string().nullable().optional(), quantity: z.number(), total: amount, total_tax: amount }),
  ),
});
export type WooRefundOut = z.infer<typeof wooRefundSchema>;

/** A per-item failure inside a batch answer. */
export interface WooItemError {
  id: number;
  error: { code: string; message: string; data?: { status?: number } };
}

export const isItemError = (x: unknown): x is WooItemError =>
  typeof x === "object" && x !== null && typeof (x as { error?: unknown }).error === "object" && (x as { error?: unknown }).error !== null;
