import { UsageError } from "./errors.js";
import { english, type Message, msg } from "./i18n/index.js";
import { addDays, type Day, daysBetween, isoWeekday, isValidDay, parseDay, startOfDay } from "./time.js";

/** An inclusive range of calendar days in the store's time zone. */
export interface Period {
  first: Day;
  last: Day;
  /** How the user asked for it ("yesterday", "last-7-days", "2026-11-01..2026-11-07"). */
  label: string;
}

export const PERIOD_KEYWORDS = [
  "yesterday",
  "today",
  "last-7-days",
  "last-30-days",
  "last-90-days",
  "this-week",
  "last-week",
  "this-month",
  "last-month",
] as const;

export const PERIOD_SYNTAX = `${PERIOD_KEYWORDS.join("|")}|YYYY-MM-DD|FROM..TO`;

/** Thrown by parsePeriod; the command layer turns it into a usage error (its text in the run's language). */
export class PeriodSyntaxError extends Error {
  constructor(readonly text: Message) {
    super(english(text));
  }
}

/** The usage error a bad --period is: what is wrong, and the syntax. */
export function periodError(e: PeriodSyntaxError): UsageError {
  return new UsageError(msg("usage.period_invalid", { problem: e.text }), msg("usage.period_hint", { syntax: PERIOD_SYNTAX }));
}

function monthStart(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

function monthEnd(day: Day): Day {
  const { year, month } = parseDay(day);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Resolves a period expression against today's date in the store's time zone. */
export function parsePeriod(spec: string, today: Day): Period {
  const s = spec.trim();
  const yesterday = addDays(today, -1);
  switch (s) {
    case "yesterday":
      return { first: yesterday, last: yesterday, label: s };
    case "today":
      return { first: today, last: today, label: s };
    case "last-7-days":
      return { first: addDays(today, -7), last: yesterday, label: s };
    case "last-30-days":
      return { first: addDays(today, -30), last: yesterday, label: s };
    case "last-90-days":
      return { first: addDays(today, -90), last: yesterday, label: s };
    case "this-week":
      return { first: addDays(today, 1 - isoWeekday(today)), last: today, label: s };
    case "last-week": {
      const monday = addDays(today, 1 - isoWeekday(today) - 7);
      return { first: monday, last: addDays(monday, 6), label: s };
    }
    case "this-month":
      return { first: monthStart(today), last: today, label: s };
    case "last-month": {
      const prev = addDays(monthStart(today), -1);
      return { first: monthStart(prev), last: prev, label: s };
    }
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s);
  if (range) {
    const [, from = "", to = ""] = range;
    if (!isValidDay(from) || !isValidDay(to)) throw new PeriodSyntaxError(msg("period.no_such_day", { spec }));
    if (to < from) throw new PeriodSyntaxError(msg("period.ends_before", { spec }));
    return { first: from, last: to, label: s };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    if (!isValidDay(s)) throw new PeriodSyntaxError(msg("period.not_a_day", { spec }));
    return { first: s, last: s, label: s };
  }
  throw new PeriodSyntaxError(msg("period.not_a_period", { spec }));
}

export function periodLength(p: Period): number {
  return daysBetween(p.first, p.last) + 1;
}

/**
 * The period to compare with: the same number of days just before. A calendar month compares
 * with the previous calendar month (the same days of it for a month in progress).
 */
export function previousPeriod(p: Period): Period {
  const wholeMonth = p.first === monthStart(p.first) && p.last === monthEnd(p.first);
  const monthToDate = p.label === "this-month";
  if (wholeMonth || monthToDate) {
    const prevLast = addDays(p.first, -1);
    const prevFirst = monthStart(prevLast);
    const span = daysBetween(p.first, p.last);
    // Days compare as strings: YYYY-MM-DD sorts chronologically (Math.min does not apply).
    const sameDays = addDays(prevFirst, span);
    // biome-ignore lint/complexity/useMathMinMax: strings, not numbers
    const clipped = sameDays < prevLast ? sameDays : prevLast;
    return { first: prevFirst, last: wholeMonth ? prevLast : clipped, label: "previous" };
  }
  const n = periodLength(p);
  return { first: addDays(p.first, -n), last: addDays(p.first, -1), label: "previous" };
}

/** Half-open instant range [from, to) covering the period in tz. */
export function periodInstants(p: Period, tz: string): { from: number; to: number } {
  return { from: startOfDay(p.first, tz), to: startOfDay(addDays(p.last, 1), tz) };
}
