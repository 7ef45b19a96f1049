/**
 * CSV/formula injection guard (OWASP "CSV Injection", ASVS 1.2.10; reliability.md §3.1).
 *
 * A spreadsheet evaluates a cell that starts with = + - @ (and, after trimming, TAB or CR) as a
 * formula, even when the CSV field is quoted. Writers pass every *string* cell through
 * `neutralizeFormula`, which prefixes a single quote so the cell shows as text. Numbers are never
 * touched, and neither are strings that are plain numbers ("-12.5", "+3", "1e5", "-3.2%"): a
 * spreadsheet reads those as numbers, not formulas, and quoting them would corrupt negative
 * amounts. Anything else starting with a trigger gets the quote, including phone numbers written
 * "+86 138 ..." (they show as text, which is what they are). Nothing is stripped: the data stays.
 */

const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r", "\0"]);
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?%?$/;

export function neutralizeFormula(s: string): string {
  if (s.length === 0) return s;
  if (!TRIGGERS.has(s.charAt(0))) return s;
  if (PLAIN_NUMBER.test(s)) return s;
  return `'${s}`;
}
