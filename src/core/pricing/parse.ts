/**
 * Competitor prices as storefronts show them, to integer minor units: "¥1,299.00", "1.299,00 €",
 * "$19.99", "1 770 €", ",89", "¥99 - ¥199" (a range of variant prices), Shopify's decimal strings
 * ("7.99") and the WooCommerce Store API's minor-unit strings ("1105" with currency_minor_unit 2).
 * The raw text is kept by the caller next to the result (reference: kpi-returns-pricing.md §3.4).
 */
import { type Message, msg } from "../i18n/index.js";
import { isCurrencyCode, minorDigits, minorToDecimal } from "../values.js";

export interface ParsedPrice {
  /** The lowest price shown, minor units. */
  min: number;
  /** The highest price of a range; equal to min for a single price. */
  max: number;
  currency: string;
}

export interface PriceProblem {
  problem: Message;
}

export const isPriceProblem = (v: unknown): v is PriceProblem => typeof v === "object" && v !== null && "problem" in v;

export interface PriceHint {
  /** The source's currency: used when the text has no symbol, and to read "$" and "¥" (USD/CAD, CNY/JPY). */
  currency?: string;
  /** Which mark separates decimals when the text alone cannot tell ("1.299" in a German shop is 1299). */
  decimal?: "." | ",";
}

/** Multi-character prefixes first: "US$" must not read as "$". */
const SYMBOLS: [symbol: string, currency: string][] = [
  ["US$", "USD"],
  ["HK$", "HKD"],
  ["NT$", "TWD"],
  ["C$", "CAD"],
  ["A$", "AUD"],
  ["S$", "SGD"],
  ["RMB", "CNY"],
  ["¥", "CNY"],
  ["￥", "CNY"],
  ["元", "CNY"],
  ["$", "USD"],
  ["€", "EUR"],
  ["£", "GBP"],
  ["₩", "KRW"],
  ["₹", "INR"],
  ["円", "JPY"],
];

/** The currency a symbol names, where a hint may refine an ambiguous symbol ("¥" is JPY in a Japanese shop). */
function symbolCurrency(symbol: string, hint: string | undefined): string {
  const named = SYMBOLS.find(([s]) => s === symbol)?.[1] ?? "";
  if (hint && (symbol === "$" || symbol === "¥" || symbol === "￥")) {
    if (symbol === "$" && hint !== "EUR" && hint !== "GBP" && hint !== "CNY" && hint !== "JPY") return hint;
    if ((symbol === "¥" || symbol === "￥") && (hint === "JPY" || hint === "CNY")) return hint;
  }
  return named;
}

/** Finds and removes the currency marks of one amount; returns the currency named (or undefined) and the rest. */
function stripCurrency(text: string, hint: string | undefined): { currency: string | undefined; rest: string } | PriceProblem {
  let rest = text;
  let currency: string | undefined;
  const note = (c: string): PriceProblem | undefined => {
    if (currency !== undefined && currency !== c) return { problem: msg("prices.parse.two_currencies", { text, a: currency, b: c }) };
    currency = c;
    return undefined;
  };
  const code = /(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/.exec(rest);
  if (code?.[1] && code[1] !== "RMB" && isCurrencyCode(code[1])) {
    const clash = note(code[1]);
    if (clash) return clash;
    rest = rest.replace(code[1], " ");
  }
  for (const [symbol] of SYMBOLS) {
    if (!rest.includes(symbol)) continue;
    const clash = note(symbolCurrency(symbol, hint));
    if (clash) return clash;
    rest = rest.split(symbol).join(" ");
  }
  return { currency, rest };
}

/**
 * Digits with separators -> minor units. Rules, in order:
 * 1. spaces, NBSP, thin spaces and apostrophes group thousands ("1 770", "1'299.00");
 * 2. with both "." and ",", the last one is the decimal mark ("1,299.00", "1.299,00");
 * 3. one mark appearing twice or more groups thousands ("1,299,000");
 * 4. one mark appearing once: the hint decides; else it is decimal unless exactly three digits
 *    follow it and the currency has fewer than three minor digits ("1,299" = 1299; "179,95" = 179.95;
 *    ",89" = 0.89).
 */
function amountToMinor(raw: string, currency: string, decimalHint: "." | "," | undefined): number | PriceProblem {
  const digits = minorDigits(currency);
  const s = raw.replace(/[\s\u00a0\u2009\u202f'’]/g, "");
  if (!/^\d*[.,]?[\d.,]*$/.test(s) || !/\d/.test(s)) return { problem: msg("prices.parse.not_price", { text: raw.trim() }) };
  const dots = s.split(".").length - 1;
  const commas = s.split(",").length - 1;
  let decimalMark: "." | "," | undefined;
  if (dots > 0 && commas > 0) decimalMark = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
  else if (dots + commas === 1) {
    const mark = dots === 1 ? "." : ",";
    const after = s.length - s.indexOf(mark) - 1;
    if (decimalHint !== undefined) decimalMark = decimalHint === mark ? mark : undefined;
    else decimalMark = after === 3 && digits < 3 && s.indexOf(mark) > 0 ? undefined : mark;
  }
  let int = s;
  let frac = "";
  if (decimalMark !== undefined) {
    const at = s.lastIndexOf(decimalMark);
    int = s.slice(0, at);
    frac = s.slice(at + 1);
    if (/[.,]/.test(frac) || int.includes(decimalMark)) return { problem: msg("prices.parse.after_decimal", { text: raw.trim() }) };
  }
  int = int.replace(/[.,]/g, "");
  if (frac.length > digits && /[1-9]/.test(frac.slice(digits))) {
    return { problem: msg("prices.parse.too_many_decimals", { text: raw.trim(), currency, digits: String(digits) }) };
  }
  const minor = Number(int || "0") * 10 ** digits + Number((frac + "0".repeat(digits)).slice(0, digits) || "0");
  if (!Number.isSafeInteger(minor)) return { problem: msg("prices.parse.too_large", { text: raw.trim() }) };
  return minor;
}

const RANGE_SEPARATOR = /\s*(?:[-–—~～至]|\bto\b)\s*/;

/**
 * A price as displayed -> its minimum and maximum in minor units. A number from a JSON feed is read
 * as a decimal in the hinted currency (19.99 -> 1999). Free text around the price ("from", "起")
 * is ignored; text with no digits is a problem ("Sold out", "").
 */
export function parsePriceText(raw: string | number, hint: PriceHint = {}): ParsedPrice | PriceProblem {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || raw < 0) return { problem: msg("prices.parse.number_not_price", { value: String(raw) }) };
    const currency = hint.currency ?? "";
    if (!currency) return { problem: msg("prices.parse.number_no_currency", { value: String(raw) }) };
    const minor = amountToMinor(String(Number(raw.toPrecision(15))), currency, ".");
    return typeof minor === "number" ? { min: minor, max: minor, currency } : minor;
  }
  const text = raw
    .normalize("NFKC")
    .replace(/^\s*(from|ab|à partir de|起价|低至)\s*/i, "")
    .replace(/\s*(起|起售|起价)\s*$/, "");
  if (!/\d/.test(text)) return { problem: msg("prices.parse.no_price", { text: raw.trim() }) };
  // "-" inside "1.299,-" (a German whole-euro price) is not a range.
  const cleaned = text.replace(/,-(?=\s|$|\D)/g, ",00");
  const parts = cleaned
    .split(RANGE_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0 || parts.length > 2) return { problem: msg("prices.parse.not_price", { text: raw.trim() }) };
  const amounts: number[] = [];
  let currency: string | undefined;
  for (const part of parts) {
    const stripped = stripCurrency(part, hint.currency);
    if (isPriceProblem(stripped)) return stripped;
    if (stripped.currency !== undefined) {
      if (currency !== undefined && currency !== stripped.currency)
        return { problem: msg("prices.parse.mixes", { text: raw.trim(), a: currency, b: stripped.currency }) };
      currency = stripped.currency;
    }
  }
  currency ??= hint.currency;
  if (!currency) return { problem: msg("prices.parse.no_currency", { text: raw.trim() }) };
  for (const part of parts) {
    const stripped = stripCurrency(part, hint.currency) as { rest: string };
    const minor = amountToMinor(stripped.rest, currency, hint.decimal);
    if (isPriceProblem(minor)) return minor;
    amounts.push(minor);
  }
  const min = Math.min(...amounts);
  const max = Math.max(...amounts);
  return { min, max, currency };
}

/** Shopify /products.json: a decimal string in the shop's currency ("7.99", "1000"); null for none. */
export function decimalStringToMinor(amount: string | null | undefined, currency: string): number | null {
  if (amount === null || amount === undefined || amount.trim() === "") return null;
  const minor = amountToMinor(amount.trim(), currency, ".");
  return typeof minor === "number" ? minor : null;
}

/**
 * WooCommerce Store API: an integer string in the store's minor unit ("1105" with minorUnit 2 is
 * 11.05), converted to the currency's own minor digits (a store may send JPY with minorUnit 2).
 */
export function storeApiAmountToMinor(amount: string | null | undefined, minorUnit: number, currency: string): number | null {
  if (amount === null || amount === undefined || !/^\d+$/.test(amount.trim())) return null;
  const n = Number(amount.trim());
  const digits = minorDigits(currency);
  if (minorUnit === digits) return n;
  if (minorUnit < digits) return n * 10 ** (digits - minorUnit);
  const factor = 10 ** (minorUnit - digits);
  return Math.floor((n + factor / 2) / factor);
}

/** 129900 CNY -> "1299.00"; 1000 JPY -> "1000". */
export function formatMinor(minor: number, currency: string): string {
  return minorToDecimal(minor, currency);
}
