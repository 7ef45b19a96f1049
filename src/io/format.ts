/**
 * Human formatting of report cells, shared by the text writers (table, md, html).
 * Machine formats (csv, json, xlsx) keep raw values and do not use this.
 */
import { type Locale, type MessageId, t } from "../core/i18n/index.js";
import type { CellValue, Column, ColumnKind, Row } from "../core/report.js";
import { minorDigits } from "../core/values.js";

/** Minor-unit digits of a currency (CNY 2, JPY 0, KWD 3): the same table the parsers use. */
export const currencyDigits = minorDigits;

const SYMBOLS: Record<string, string> = { CNY: "¥", USD: "$", EUR: "€", GBP: "£", JPY: "¥", HKD: "HK$", TWD: "NT$" };

/** Integer minor units -> decimal string in major units without float arithmetic: 129990 -> "1299.90". */
export function minorToDecimal(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = amount < 0;
  const abs = Math.round(Math.abs(amount)).toString();
  if (digits === 0) return (negative ? "-" : "") + abs;
  const padded = abs.padStart(digits + 1, "0");
  const s = `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return negative ? `-${s}` : s;
}

/** 129990 CNY -> "¥1,299.90". */
export function formatMoney(amount: number, currency: string): string {
  const dec = minorToDecimal(amount, currency);
  const negative = dec.startsWith("-");
  const [int = "0", frac] = (negative ? dec.slice(1) : dec).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sym = SYMBOLS[currency] ?? `${currency} `;
  return `${negative ? "-" : ""}${sym}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

export function formatNumber(n: number, digits = 2): string {
  const s = Number.isInteger(n) ? n.toString() : n.toFixed(digits);
  const [int = "0", frac] = s.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac !== undefined ? `${grouped}.${frac}` : grouped;
}

/**
 * An instant as the wall time people read in a zone, to the minute: "2026-11-21 04:48".
 * sv-SE writes that ISO-like form; the zone is named beside it, never guessed by the reader.
 */
export function formatLocalMinute(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);
}

/** Formats one value for people. null is "n/a": a metric whose inputs are missing, never 0. */
export function formatValue(
  value: CellValue,
  kind: ColumnKind,
  opts: { currency?: string; digits?: number; timezone?: string } = {},
): string {
  if (value === null || value === undefined) return "n/a";
  if (value instanceof Date) return opts.timezone ? formatLocalMinute(value, opts.timezone) : value.toISOString();
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  switch (kind) {
    case "money":
      return formatMoney(value, opts.currency ?? "CNY");
    case "percent":
      return formatPercent(value, opts.digits ?? 1);
    case "duration":
      return formatDuration(value);
    case "integer":
      return formatNumber(Math.round(value), 0);
    case "number":
      return formatNumber(value, opts.digits ?? 2);
    default:
      return String(value);
  }
}

/** Formats a row's cell, honouring the row's kind override and currency. */
export function formatCell(row: Row, column: Column): string {
  const kind = row.kinds?.[column.key] ?? column.kind;
  const currency = row.currency ?? column.currency;
  return formatValue(row.cells[column.key] ?? null, kind, {
    ...(currency ? { currency } : {}),
    ...(column.digits !== undefined ? { digits: column.digits } : {}),
    ...(column.timezone ? { timezone: column.timezone } : {}),
  });
}

/** Status words the writers know (kind "status" cells); each has its catalog entry status.<word>. */
const STATUS_WORDS: ReadonlySet<string> = new Set(["ok", "breach", "n/a", "info", "low volume", "watch"]);

/**
 * A cell as a person reads it in `locale` (table, md, html, the status cells of xlsx): the figure
 * formatted, a missing figure as the catalog's n/a, a boolean as yes/no and a status as its word.
 */
export function localCell(row: Row, column: Column, locale: Locale): string {
  const value = row.cells[column.key];
  if (value === null || value === undefined) return t(locale, "common.na");
  if (typeof value === "boolean") return t(locale, value ? "common.yes" : "common.no");
  const text = formatCell(row, column);
  const kind = row.kinds?.[column.key] ?? column.kind;
  return kind === "status" && STATUS_WORDS.has(text) ? t(locale, `status.${text}` as MessageId) : text;
}

/** A count with its noun, grouped and in the right number: "1 call", "1,234 calls", "2 boxes" (plural given). */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? singular : plural}`;
}

/** An instant as a wall clock in `timeZone`, to the minute: "2026-11-21 04:48". */
export function formatLocalTime(at: Date | string, timeZone: string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  return formatLocalMinute(d, timeZone);
}

/** The one format of instants people read: "2026-11-21 04:48 (Asia/Shanghai)". */
export function formatInstant(at: Date | string, timeZone = "UTC"): string {
  return `${formatLocalTime(at, timeZone)} (${timeZone})`;
}
