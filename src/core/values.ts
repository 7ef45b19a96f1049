/**
 * Parsing of single cell values as spreadsheets export them. Each parser returns the value or a
 * `Problem` (a sentence saying what is wrong and what is expected), so the caller can name the
 * file, row and column. No floats ever hold money: amounts are parsed as decimal strings.
 */
import { type Message, msg } from "./i18n/index.js";
import { type Day, isValidDay, zonedToInstant } from "./time.js";

/** What is wrong with a cell, as a message: the caller adds where it is, the printer the language. */
export interface Problem {
  problem: Message;
}
export const isProblem = (v: unknown): v is Problem => typeof v === "object" && v !== null && !(v instanceof Date) && "problem" in v;

const SCIENTIFIC = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;

/** Minor-unit digits by currency; ICU knows them all. */
const digitsCache = new Map<string, number>();
export function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/**
 * Integer minor units -> decimal text with the currency's digits, digit by digit (a float never
 * holds the amount): 12900 CNY -> "129.00", 500 JPY -> "500", -5 USD -> "-0.05".
 */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = String(Math.round(Math.abs(minor)));
  if (digits === 0) return `${negative ? "-" : ""}${abs}`;
  const padded = abs.padStart(digits + 1, "0");
  return `${negative ? "-" : ""}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

let knownCurrencies: Set<string> | undefined;

/** An ISO 4217 code ICU knows (Intl alone accepts any three letters, RMB included). */
export function isCurrencyCode(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return knownCurrencies.has(code);
}

const CURRENCY_WORD = /^([A-Za-z]{3})\s*|\s*([A-Za-z]{3})$/;

/**
 * "129.9", "¥1,299.00", "-20", "1 299,50" (with decimalComma) -> integer minor units.
 * Spreadsheet numbers arrive as JS numbers; they are converted through their shortest decimal
 * representation, which is exact for any amount a spreadsheet can hold with cents.
 */
/** "129.90", "-20", "7": plain ASCII amounts, the shape of nearly every cell; null otherwise. */
function plainAmount(s: string, digits: number): number | null {
  const n = s.length;
  if (n === 0 || n > 16) return null;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let int = 0;
  let seen = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return null;
    int = int * 10 + (c - 48);
    seen = true;
  }
  let frac = 0;
  let fracDigits = 0;
  if (i < n) {
    for (i++; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57 || fracDigits === digits) return null;
      frac = frac * 10 + (c - 48);
      fracDigits++;
      seen = true;
    }
  }
  if (!seen) return null;
  const minor = int * 10 ** digits + frac * 10 ** (digits - fracDigits);
  if (!Number.isSafeInteger(minor)) return null;
  return negative ? -minor : minor;
}

/** Symbols that name one currency exactly: "US$12.00" is USD whatever the column says. */
const SYMBOL_PREFIXES: Record<string, string> = {
  US$: "USD",
  CA$: "CAD",
  C$: "CAD",
  AU$: "AUD",
  A$: "AUD",
  NZ$: "NZD",
  HK$: "HKD",
  S$: "SGD",
  NT$: "TWD",
  R$: "BRL",
  MX$: "MXN",
};
const SYMBOL_PREFIX = /^[+-]?(US|CA|C|AU|A|NZ|HK|S|NT|R|MX)\$/i;

/** Currencies written with each bare symbol (a "$" cell may be any dollar or peso, never euros). */
const SYMBOL_CURRENCIES: Record<string, readonly string[]> = {
  "€": ["EUR"],
  "£": ["GBP", "GIP", "FKP", "SHP", "EGP", "SSP", "SYP", "LBP"],
  "¥": ["CNY", "JPY"],
  "￥": ["CNY", "JPY"],
  元: ["CNY", "TWD", "HKD", "MOP"],
  $: [
    "USD",
    "CAD",
    "AUD",
    "NZD",
    "HKD",
    "SGD",
    "TWD",
    "MXN",
    "ARS",
    "CLP",
    "COP",
    "UYU",
    "BRL",
    "NAD",
    "BSD",
    "BBD",
    "BZD",
    "BMD",
    "BND",
    "KYD",
    "FJD",
    "GYD",
    "JMD",
    "LRD",
    "SBD",
    "SRD",
    "TTD",
    "XCD",
    "CUP",
    "DOP",
    "MOP",
    "NIO",
    "ZWL",
    "KID",
    "TVD",
  ],
};

/**
 * A currency symbol in the cell that cannot be the column's currency ("€20.00" in a USD column,
 * "US$5" in a CAD one): the amount is in another currency, and adding it would be silently wrong.
 */
function currencySymbolProblem(s: string, currency: string): Problem | undefined {
  const prefix = SYMBOL_PREFIX.exec(s);
  if (prefix) {
    const named = SYMBOL_PREFIXES[`${(prefix[1] as string).toUpperCase()}$`] as string;
    return named === currency ? undefined : { problem: msg("values.other_currency", { value: s, named, currency }) };
  }
  for (const ch of s) {
    const allowed = SYMBOL_CURRENCIES[ch];
    if (allowed && !allowed.includes(currency)) return { problem: msg("values.other_symbol", { value: s, symbol: ch, currency }) };
  }
  return undefined;
}

export function parseMoney(raw: string | number, currency: string, decimalComma = false): number | Problem {
  const digits = minorDigits(currency);
  if (typeof raw === "string" && !decimalComma) {
    const plain = plainAmount(raw, digits);
    if (plain !== null) return plain;
  }
  // A formula cell holds 0.30000000000000004 where Excel shows 0.3: read numbers at Excel's 15 digits.
  let s = typeof raw === "number" ? String(Number(raw.toPrecision(15))) : raw.normalize("NFKC").trim();
  if (s === "") return { problem: msg("values.amount_empty") };
  if (SCIENTIFIC.test(s)) {
    if (typeof raw !== "number") return { problem: msg("values.amount_scientific", { value: s }) };
    s = raw.toFixed(digits);
  }
  const code = CURRENCY_WORD.exec(s);
  if (code) {
    const word = (code[1] ?? code[2] ?? "").toUpperCase();
    const same = word === currency || (word === "RMB" && currency === "CNY");
    if (!same) {
      return isCurrencyCode(word)
        ? { problem: msg("values.other_currency", { value: s, named: word, currency }) }
        : { problem: msg("values.not_amount", { value: s }) };
    }
    s = s.replace(CURRENCY_WORD, "");
  }
  const symbol = currencySymbolProblem(s, currency);
  if (symbol) return symbol;
  s = s.replace(SYMBOL_PREFIX, "").replace(/[¥￥$€£元\s\u00a0]/g, "");
  if (decimalComma) s = s.replace(/\./g, "").replace(",", ".");
  else s = s.replace(/,(?=\d{3}(\D|$))/g, "");
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) {
    return { problem: msg("values.not_amount", { value: typeof raw === "number" ? String(raw) : raw.trim() }) };
  }
  const [, sign, int = "", frac = ""] = m;
  if (frac.length > digits && /[1-9]/.test(frac.slice(digits))) {
    return { problem: msg("values.too_many_decimals", { value: String(raw), currency, digits: String(digits) }) };
  }
  const minor = Number(int || "0") * 10 ** digits + Number((frac + "0".repeat(digits)).slice(0, digits) || "0");
  if (!Number.isSafeInteger(minor)) return { problem: msg("values.too_large", { value: String(raw) }) };
  return sign === "-" ? -minor : minor;
}

export function parseInteger(raw: string | number): number | Problem {
  if (typeof raw === "number") {
    return Number.isInteger(raw) ? raw : { problem: msg("values.not_whole_number_cell", { value: String(raw) }) };
  }
  const s = raw
    .normalize("NFKC")
    .trim()
    .replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^[+-]?\d+(\.0+)?$/.test(s)) return { problem: msg("values.not_whole_number", { value: raw.trim() }) };
  const n = Number.parseInt(s, 10);
  return Number.isSafeInteger(n) ? n : { problem: msg("values.too_large", { value: String(raw) }) };
}

/** The most decimals a cost keeps: wholesale sheets price small parts to 0.1 fen (0.714, 182.7145). */
export const COST_MAX_DECIMALS = 4;

/**
 * A cost (or another wholesale money field): up to 4 decimals, whatever the currency's minor unit.
 * `minor` is the amount in minor units, rounded half up; `decimal` is the amount as written, given
 * only when it has more decimals than the minor unit, so the precision it came with is kept.
 */
export function parseCost(raw: string | number, currency: string): { minor: number; decimal?: string } | Problem {
  const money = parseMoney(raw, currency);
  if (!isProblem(money)) return { minor: money };
  const digits = minorDigits(currency);
  const s =
    typeof raw === "number"
      ? String(Number(raw.toPrecision(15)))
      : raw
          .normalize("NFKC")
          .trim()
          .replace(/[¥￥$€£元\s\u00a0]/g, "");
  const m = /^(\d+)\.(\d+)$/.exec(s);
  if (!m || (m[2] as string).length <= digits) return money;
  const frac = (m[2] as string).replace(/0+$/, "");
  if (frac.length > COST_MAX_DECIMALS) {
    return { problem: msg("values.cost_decimals", { value: s, max: String(COST_MAX_DECIMALS) }) };
  }
  if (frac.length <= digits) return money;
  const scaled = Number(`${m[1]}${frac}`);
  const minor = Math.round(scaled / 10 ** (frac.length - digits));
  if (!Number.isSafeInteger(minor) || !Number.isSafeInteger(scaled)) return { problem: msg("values.too_large", { value: s }) };
  return { minor, decimal: `${Number(m[1])}.${frac}` };
}

/**
 * A stock count. Wholesale sheets hold fractional stock (10.8: a case split, a weight-sold unit):
 * it is rounded down to whole units, and `roundedFrom` says so for a warning. Anything else that
 * is not a number is a problem.
 */
export function parseStock(raw: string | number): { value: number; roundedFrom?: string } | Problem {
  const whole = parseInteger(raw);
  if (!isProblem(whole)) return { value: whole };
  const s =
    typeof raw === "number"
      ? String(raw)
      : raw
          .normalize("NFKC")
          .trim()
          .replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^\+?\d+\.\d+$/.test(s)) return whole;
  const n = Math.floor(Number(s));
  return Number.isSafeInteger(n) ? { value: n, roundedFrom: s } : { problem: msg("values.too_large", { value: s }) };
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "是", "是的", "true."]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "否", "", "不是"]);

export function parseBoolean(raw: string | number | boolean): boolean | Problem {
  if (typeof raw === "boolean") return raw;
  const s = String(raw).trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return { problem: msg("values.not_boolean", { value: String(raw) }) };
}

export function parseRating(raw: string | number): number | Problem {
  const n = typeof raw === "number" ? raw : Number(String(raw).normalize("NFKC").trim());
  if (!Number.isInteger(n) || n < 1 || n > 5) return { problem: msg("values.not_rating", { value: String(raw) }) };
  return n;
}

const LOCAL_DATETIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.(\d{1,6}))?)?秒?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An instant from "2026-11-03T14:05:09+08:00", "2026-11-03 14:05:09" (wall clock in tz),
 * "2026/11/3 14:05", "2026年11月3日 14:05" or a spreadsheet Date (exceljs gives the wall clock as a
 * UTC Date, which is read back in tz).
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit2 = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

/**
 * The two shapes machine exports use: "2026-11-03T14:05:09+08:00" (or Z) and "2026-11-03 14:05:09"
 * (store time), read without a regular expression. Anything else returns null for the full parser.
 */
function fixedWidthDateTime(s: string, tz: string): number | null {
  const n = s.length;
  if (
    (n !== 19 && n !== 20 && n !== 25) ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return null;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return null;
  const year = digit2(s, 0) * 100 + digit2(s, 2);
  const month = digit2(s, 5);
  const day = digit2(s, 8);
  const hour = digit2(s, 11);
  const minute = digit2(s, 14);
  const second = digit2(s, 17);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return null;
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  if (day > (DAYS_IN_MONTH[month - 1] as number) + (leap ? 1 : 0)) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (n === 19) return zonedToInstant(year, month, day, hour, minute, second, 0, tz);
  if (n === 20) return s.charCodeAt(19) === 90 ? wall : null;
  const sign = s.charCodeAt(19);
  const oh = digit2(s, 20);
  const om = digit2(s, 23);
  if ((sign !== 43 && sign !== 45) || s.charCodeAt(22) !== 58 || oh < 0 || om < 0 || oh > 14 || om > 59) return null;
  const offset = (oh * 60 + om) * 60_000;
  return sign === 43 ? wall - offset : wall + offset;
}

export function parseDateTime(raw: string | number | Date, tz: string): Date | Problem {
  if (typeof raw === "string") {
    const fast = fixedWidthDateTime(raw, tz);
    if (fast !== null) return new Date(fast);
  }
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { problem: msg("values.invalid_date") };
    return new Date(
      zonedToInstant(
        raw.getUTCFullYear(),
        raw.getUTCMonth() + 1,
        raw.getUTCDate(),
        raw.getUTCHours(),
        raw.getUTCMinutes(),
        raw.getUTCSeconds(),
        raw.getUTCMilliseconds(),
        tz,
      ),
    );
  }
  if (typeof raw === "number") return { problem: msg("values.number_not_datetime", { value: String(raw) }) };
  const s = raw.normalize("NFKC").trim();
  const m = LOCAL_DATETIME.exec(s);
  if (m) {
    const [, y, mo, d, h = "0", mi = "0", se = "0", frac = "", zone] = m;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Number(se);
    const ms = frac ? Number(frac.padEnd(3, "0").slice(0, 3)) : 0;
    const dayStr = `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (!isValidDay(dayStr) || hour > 23 || minute > 59 || second > 59) {
      return { problem: msg("values.not_real_datetime", { value: raw.trim() }) };
    }
    if (zone) {
      const base = Date.UTC(year, month - 1, day, hour, minute, second, ms);
      if (zone === "Z") return new Date(base);
      const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
      if (!zm || Number(zm[2]) > 14 || Number(zm[3]) > 59) return { problem: msg("values.bad_utc_offset", { value: raw.trim() }) };
      const sign = zm[1] === "-" ? -1 : 1;
      const off = sign * (Number(zm?.[2]) * 60 + Number(zm?.[3])) * 60_000;
      return new Date(base - off);
    }
    return new Date(zonedToInstant(year, month, day, hour, minute, second, ms, tz));
  }
  return { problem: msg("values.not_datetime", { value: raw.trim() }) };
}

/** A calendar day from "2026-11-03", "2026/11/3", "2026年11月3日" or a spreadsheet Date. */
export function parseDay(raw: string | number | Date): Day | Problem {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { problem: msg("values.invalid_date") };
    return raw.toISOString().slice(0, 10);
  }
  if (typeof raw === "number") return { problem: msg("values.number_not_day", { value: String(raw) }) };
  const s = raw.normalize("NFKC").trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) {
    const day = `${m[1]}-${String(Number(m[2])).padStart(2, "0")}-${String(Number(m[3])).padStart(2, "0")}`;
    if (isValidDay(day)) return day;
  }
  return { problem: msg("values.not_day", { value: raw.trim() }) };
}

/** Identifiers stay text; a number in scientific notation means Excel already destroyed it. */
export function parseIdentifier(raw: string | number): string | Problem {
  if (typeof raw === "number") {
    if (!Number.isSafeInteger(raw)) {
      return { problem: msg("values.id_lost_digits", { value: String(raw) }) };
    }
    return String(raw);
  }
  const s = raw.trim();
  if (SCIENTIFIC.test(s)) {
    return { problem: msg("values.id_scientific", { value: s }) };
  }
  return s;
}

/**
 * Dates written with the day and month as small numbers (31/12/2023 22:36, 12/1/2010 8:26,
 * 01-12-2010 9.37): Excel re-saves and ERPs write them in the locale's order, so the order is
 * read from config or from the column as a whole, never guessed from one cell.
 */
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[T\s]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp][Mm])?)?$/;

export type NumericDateOrder = "DMY" | "MDY";

/** What one cell says about the column's order: DMY/MDY when it can only be read one way, "either" when both, null when it is not such a date. */
export function numericDateEvidence(raw: string): NumericDateOrder | "either" | null {
  const m = NUMERIC_DATE.exec(raw.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && b <= 12) return "DMY";
  if (b > 12 && a <= 12) return "MDY";
  return "either";
}

/** Rewrites a numeric date in the given order as YYYY-MM-DD HH:MM:SS; undefined when it is not one. */
export function reorderNumericDate(raw: string, order: NumericDateOrder): string | undefined {
  const m = NUMERIC_DATE.exec(raw.trim());
  if (!m) return undefined;
  const [, p1, p2, y, h = "0", mi = "0", s = "0", ampm] = m;
  const day = order === "DMY" ? p1 : p2;
  const month = order === "DMY" ? p2 : p1;
  const year = (y as string).length === 2 ? `20${y}` : (y as string);
  let hour = Number(h);
  if (ampm) {
    const pm = ampm.toLowerCase() === "pm";
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  const pad = (v: string | number) => String(v).padStart(2, "0");
  return `${year}-${pad(month as string)}-${pad(day as string)} ${pad(hour)}:${pad(mi)}:${pad(s)}`;
}
