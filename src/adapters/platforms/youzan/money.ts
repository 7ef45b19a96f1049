/**
 * Youzan amounts: trades carry yuan decimal strings ("129.90", sometimes JSON numbers), items carry
 * integer 分. Both become integer minor units digit by digit; a float never holds the amount.
 */
import { isProblem, minorToDecimal, parseMoney } from "../../../core/values.js";

/** "19.99" (or 19.99 as JSON gave it) -> 1999 for a two-digit currency; undefined when it is not an amount. */
export function toMinor(value: string | number, currency: string): number | undefined {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const minor = parseMoney(text, currency);
  return isProblem(minor) ? undefined : minor;
}

/** 1999 -> "19.99" for a two-digit currency, 500 -> "500" for JPY. */
export function toDecimal(minor: number, currency: string): string {
  return minorToDecimal(minor, currency);
}
