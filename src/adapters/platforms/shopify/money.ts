/**
 * Shopify money <-> merchops minor units, digit by digit: Shopify sends decimal strings ("19.99",
 * "19.0", "0.00") and takes them back the same way; a float never holds the amount.
 */
import { minorDigits, minorToDecimal } from "../../../core/values.js";

/**
 * "19.99" in USD -> 1999; "19.0" -> 1900; "1000" in JPY -> 1000. Digits beyond the currency's
 * precision are rounded half up (Shopify does not send them, but a Decimal may carry them).
 * Returns null for anything that is not a plain decimal.
 */
export function toMinor(amount: string | number | null | undefined, currency: string): number | null {
  if (amount === null || amount === undefined) return null;
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || ((m[2] ?? "") === "" && (m[3] ?? "") === "")) return null;
  const [, sign, int = "", frac = ""] = m;
  const digits = minorDigits(currency);
  const kept = (frac + "0".repeat(digits)).slice(0, digits);
  let minor = Number(int || "0") * 10 ** digits + Number(kept || "0");
  const next = frac.charCodeAt(digits);
  if (next >= 53 /* "5" */ && next <= 57) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return sign === "-" && minor !== 0 ? -minor : minor;
}

/** 1999 in USD -> "19.99"; 1000 in JPY -> "1000"; -5 in USD -> "-0.05". */
export function toDecimal(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an amount in minor units: ${minor}`);
  return minorToDecimal(minor, currency);
}
