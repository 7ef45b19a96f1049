/**
 * Quantities with units: weights (g, kg, 斤, 两, lb, oz), volumes (ml, L, fl oz) and lengths
 * (mm, cm, m, in). Canonical texts use one unit per kind — grams, millilitres, millimetres — so
 * values compare as numbers and "500g", "0.5kg" and "1斤" are the same variant.
 */
import { type Localized, localized, type Message, msg } from "../i18n/index.js";
import { lookupKey } from "./normalize.js";

/** A failed parse: what is wrong, and canonical values the user may have meant. */
export interface ParseFailure {
  problem: Message;
  suggestions: string[];
}
export const isParseFailure = (v: unknown): v is ParseFailure => typeof v === "object" && v !== null && "problem" in v;

/** Grams per unit. 斤 and 两 are the market units of mainland China (500 g, 50 g). */
export const WEIGHT_UNITS: ReadonlyMap<string, number> = new Map([
  ["g", 1],
  ["gr", 1],
  ["gram", 1],
  ["grams", 1],
  ["克", 1],
  ["公克", 1],
  ["mg", 0.001],
  ["毫克", 0.001],
  ["kg", 1000],
  ["kgs", 1000],
  ["kilo", 1000],
  ["kilogram", 1000],
  ["kilograms", 1000],
  ["千克", 1000],
  ["公斤", 1000],
  ["斤", 500],
  ["市斤", 500],
  ["两", 50],
  ["兩", 50],
  ["lb", 453.59237],
  ["lbs", 453.59237],
  ["pound", 453.59237],
  ["pounds", 453.59237],
  ["磅", 453.59237],
  ["oz", 28.349523125],
  ["ounce", 28.349523125],
  ["ounces", 28.349523125],
  ["盎司", 28.349523125],
]);

/** Millilitres per unit; a bare "oz" on a capacity is a US fluid ounce. */
export const VOLUME_UNITS: ReadonlyMap<string, number> = new Map([
  ["ml", 1],
  ["毫升", 1],
  ["cc", 1],
  ["cl", 10],
  ["dl", 100],
  ["l", 1000],
  ["lt", 1000],
  ["ltr", 1000],
  ["litre", 1000],
  ["litres", 1000],
  ["liter", 1000],
  ["liters", 1000],
  ["升", 1000],
  ["公升", 1000],
  ["floz", 29.5735295625],
  ["fl.oz", 29.5735295625],
  ["fl.oz.", 29.5735295625],
  ["oz", 29.5735295625],
  ["盎司", 29.5735295625],
]);

/** Millimetres per unit. */
export const LENGTH_UNITS: ReadonlyMap<string, number> = new Map([
  ["mm", 1],
  ["毫米", 1],
  ["cm", 10],
  ["厘米", 10],
  ["公分", 10],
  ["m", 1000],
  ["米", 1000],
  ["in", 25.4],
  ["inch", 25.4],
  ["inches", 25.4],
  ['"', 25.4],
  ["英寸", 25.4],
  ["ft", 304.8],
  ["feet", 304.8],
]);

/** Counting words after a pack size: "500ml*12瓶", "250g x 4 pcs". */
const PACK_WORDS = new Set([
  "",
  "瓶",
  "袋",
  "包",
  "盒",
  "罐",
  "听",
  "聽",
  "支",
  "个",
  "個",
  "只",
  "片",
  "条",
  "條",
  "粒",
  "桶",
  "杯",
  "枚",
  "件",
  "pc",
  "pcs",
  "pack",
  "packs",
  "bottle",
  "bottles",
  "can",
  "cans",
  "bag",
  "bags",
  "box",
  "boxes",
]);

/**
 * Rounds to the precision a label carries: whole units from 100 up, one decimal from 10, two below.
 * Idempotent, so a canonical text parses back to itself.
 */
export function roundAmount(n: number): number {
  if (n >= 100) return Math.round(n);
  if (n >= 10) return Math.round(n * 10) / 10;
  return Math.round(n * 100) / 100;
}

const THOUSANDS = /(\d),(?=\d{3}(?!\d))/g;
/** number, unit, then an optional pack: "×12瓶". Applied to a lookup key (no spaces, lowercase). */
const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)([^\d*x×]*)(?:[*x×](\d+)([^\d]*))?$/;
const PER_PACKAGE = /\/[^/]*$/;

interface Quantity {
  /** In the base unit (g, ml). */
  amount: number;
  /** Items in a pack; 1 without one. */
  count: number;
  /** The unit as written; "" when bare. */
  unit: string;
}

function parseQuantity(
  key: string,
  units: ReadonlyMap<string, number>,
  kind: string,
  examples: Localized,
): Quantity | ParseFailure | undefined {
  const m = QUANTITY.exec(key.replace(THOUSANDS, "$1"));
  if (!m) return undefined;
  let unit = m[2] ?? "";
  // "500g/袋": a unit per package is still the unit.
  if (!units.has(unit) && unit.includes("/") && PACK_WORDS.has(unit.slice(unit.indexOf("/") + 1))) unit = unit.replace(PER_PACKAGE, "");
  const factor = unit === "" ? 1 : units.get(unit);
  if (factor === undefined) return { problem: msg("catalog.attr.bad_unit", { unit: m[2], kind, examples }), suggestions: [] };
  if (m[3] !== undefined && !PACK_WORDS.has(m[4] ?? "")) return undefined;
  const count = m[3] === undefined ? 1 : Number(m[3]);
  if (count < 1) return { problem: msg("catalog.attr.bad_pack", { count }), suggestions: [] };
  return { amount: Number(m[1]) * factor, count, unit };
}

/** "g, kg, 斤, 两, lb or oz" / "g、kg、斤、两、lb 或 oz": the units a message suggests, in the run's language. */
function unitChoices(units: readonly string[], hant: readonly string[] = units): Localized {
  const list = (u: readonly string[], sep: string, or: string) => `${u.slice(0, -1).join(sep)}${or}${u[u.length - 1]}`;
  return localized({ en: list(units, ", ", " or "), "zh-Hans": list(units, "、", " 或 "), "zh-Hant": list(hant, "、", " 或 ") });
}

const WEIGHT_EXAMPLES = unitChoices(["g", "kg", "斤", "两", "lb", "oz"], ["g", "kg", "斤", "兩", "lb", "oz"]);
const VOLUME_EXAMPLES = unitChoices(["ml", "L", "fl oz"]);

const formatNumber = (n: number): string => String(roundAmount(n));

function canonicalQuantity(q: Quantity, unit: string): string {
  const base = `${formatNumber(q.amount)} ${unit}`;
  return q.count === 1 ? base : `${base} × ${q.count}`;
}

/**
 * A net weight cell -> canonical grams: "0.5kg", "500g", "1斤" -> "500 g"; "250g*4袋" -> "250 g × 4".
 * A bare number is grams. undefined when the text is not shaped like a quantity at all.
 */
export function standardizeWeight(key: string): string | ParseFailure | undefined {
  const q = parseQuantity(key, WEIGHT_UNITS, "weight", WEIGHT_EXAMPLES);
  if (q === undefined || isParseFailure(q)) return q;
  if (!(roundAmount(q.amount) > 0)) return { problem: msg("catalog.attr.weight_zero"), suggestions: [] };
  return canonicalQuantity(q, "g");
}

/** A capacity cell -> canonical millilitres: "1.5L" -> "1500 ml", "12 fl oz" -> "355 ml". A bare number is ml. */
export function standardizeCapacity(key: string): string | ParseFailure | undefined {
  const q = parseQuantity(key, VOLUME_UNITS, "volume", VOLUME_EXAMPLES);
  if (q === undefined || isParseFailure(q)) return q;
  if (!(roundAmount(q.amount) > 0)) return { problem: msg("catalog.attr.capacity_zero"), suggestions: [] };
  return canonicalQuantity(q, "ml");
}

/** Ordering key of a canonical weight or capacity: amount per item, then items per pack. */
export function quantityRank(canonical: string): number[] | undefined {
  const m = QUANTITY.exec(lookupKey(canonical));
  if (!m) return undefined;
  return [Number(m[1]), m[3] === undefined ? 1 : Number(m[3])];
}

const LENGTH_UNIT = '(mm|cm|m|inches|inch|in|ft|feet|"|毫米|厘米|公分|米|英寸)';
const NUM = "(\\d+(?:\\.\\d+)?|\\.\\d+)";
const DIMENSIONS = new RegExp(`^${NUM}${LENGTH_UNIT}?[x×*]${NUM}${LENGTH_UNIT}?(?:[x×*]${NUM}${LENGTH_UNIT}?)?$`);
const DIMENSION_LABELS = /(长|長|宽|寬|高|厚|深|length|width|height|depth|[lwhd](?=\d))[:=]?/g;

/**
 * "30x20x10cm", "300*200*100mm", "12 x 8 in", "长30cm×宽20cm×高10cm" -> "300 × 200 × 100 mm".
 * A number without a unit takes the unit of the last number that has one; no unit at all is a
 * problem (cm and mm are both common), with the cm reading as the suggestion.
 */
export function standardizeDimensions(key: string): string | ParseFailure | undefined {
  const m = DIMENSIONS.exec(key.replace(THOUSANDS, "$1").replace(DIMENSION_LABELS, ""));
  if (!m) return undefined;
  const numbers: number[] = [];
  const units: (string | undefined)[] = [];
  for (let i = 1; i < m.length; i += 2) {
    if (m[i] === undefined) continue;
    numbers.push(Number(m[i]));
    units.push(m[i + 1]);
  }
  const lastUnit = units.findLast((u) => u !== undefined);
  const format = (factors: number[]) => `${numbers.map((n, i) => formatNumber(n * (factors[i] ?? 1))).join(" × ")} mm`;
  if (lastUnit === undefined) {
    return {
      problem: msg("catalog.attr.dimensions_no_unit", { value: numbers.join(" × ") }),
      suggestions: [format(numbers.map(() => 10))],
    };
  }
  const factors = units.map((u) => LENGTH_UNITS.get(u ?? lastUnit) ?? 1);
  if (numbers.some((n, i) => !(roundAmount(n * (factors[i] ?? 1)) > 0)))
    return { problem: msg("catalog.attr.dimensions_zero"), suggestions: [] };
  return format(factors);
}

/** Ordering key of canonical dimensions: length, then width, then height. */
export function dimensionsRank(canonical: string): number[] | undefined {
  const m = DIMENSIONS.exec(lookupKey(canonical));
  if (!m) return undefined;
  const rank: number[] = [];
  for (let i = 1; i < m.length; i += 2) if (m[i] !== undefined) rank.push(Number(m[i]));
  return rank;
}

/**
 * The shipping-weight column of a catalog -> grams: "0.5kg" -> 500, "500g", "1斤" -> 500, "2 lb".
 * A bare number (or a spreadsheet number) is grams. Rounded to the milligram, which also hides
 * binary noise such as 1.1 * 1000 = 1100.0000000000002.
 */
export function parseWeightGrams(raw: string | number): number | { problem: Message } {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || raw < 0) return { problem: msg("catalog.attr.weight_number_bad", { value: String(raw) }) };
    return Math.round(raw * 1000) / 1000;
  }
  const key = lookupKey(raw);
  if (key === "") return { problem: msg("catalog.attr.weight_empty") };
  const q = parseQuantity(key, WEIGHT_UNITS, "weight", WEIGHT_EXAMPLES);
  if (q === undefined || isParseFailure(q) || q.count !== 1) {
    return { problem: msg("catalog.attr.weight_bad", { value: raw.trim(), examples: WEIGHT_EXAMPLES }) };
  }
  return Math.round(q.amount * 1000) / 1000;
}
