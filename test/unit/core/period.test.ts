import { describe, expect, it } from "vitest";
import {
  PERIOD_KEYWORDS,
  type Period,
  PeriodSyntaxError,
  parsePeriod,
  periodInstants,
  periodLength,
  previousPeriod,
} from "../../../src/core/period.js";

const span = (p: Period) => [p.first, p.last];
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

// Every keyword resolves to the right inclusive days against a fixed "today".
describe("parsePeriod keywords", () => {
  // 2026-11-25 is a Wednesday.
  const today = "2026-11-25";

  it.each([
    ["yesterday", "2026-11-24", "2026-11-24"],
    ["today", "2026-11-25", "2026-11-25"],
    ["last-7-days", "2026-11-18", "2026-11-24"],
    ["last-30-days", "2026-10-26", "2026-11-24"],
    ["this-week", "2026-11-23", "2026-11-25"],
    ["last-week", "2026-11-16", "2026-11-22"],
    ["this-month", "2026-11-01", "2026-11-25"],
    ["last-month", "2026-10-01", "2026-10-31"],
  ])("%s on a Wednesday -> %s..%s", (spec, first, last) => {
    const p = parsePeriod(spec, today);
    expect(span(p)).toEqual([first, last]);
    expect(p.label).toBe(spec);
  });

  it("covers every documented keyword", () => {
    for (const k of PERIOD_KEYWORDS) expect(() => parsePeriod(k, today)).not.toThrow();
    expect(periodLength(parsePeriod("last-7-days", today))).toBe(7);
    expect(periodLength(parsePeriod("last-30-days", today))).toBe(30);
  });

  it("trims surrounding spaces", () => {
    expect(span(parsePeriod("  yesterday \n", today))).toEqual(["2026-11-24", "2026-11-24"]);
  });

  it("crosses month and year boundaries", () => {
    expect(span(parsePeriod("yesterday", "2026-03-01"))).toEqual(["2026-02-28", "2026-02-28"]);
    expect(span(parsePeriod("yesterday", "2027-01-01"))).toEqual(["2026-12-31", "2026-12-31"]);
    expect(span(parsePeriod("last-7-days", "2027-01-03"))).toEqual(["2026-12-27", "2027-01-02"]);
    expect(span(parsePeriod("last-month", "2027-01-05"))).toEqual(["2026-12-01", "2026-12-31"]);
    expect(span(parsePeriod("last-month", "2026-03-31"))).toEqual(["2026-02-01", "2026-02-28"]);
    expect(span(parsePeriod("this-month", "2026-11-01"))).toEqual(["2026-11-01", "2026-11-01"]);
    // 2027-01-01 is a Friday: its week began in 2026.
    expect(span(parsePeriod("this-week", "2027-01-01"))).toEqual(["2026-12-28", "2027-01-01"]);
  });

  it("knows the leap day 2028-02-29", () => {
    expect(span(parsePeriod("yesterday", "2028-03-01"))).toEqual(["2028-02-29", "2028-02-29"]);
    expect(span(parsePeriod("last-month", "2028-03-15"))).toEqual(["2028-02-01", "2028-02-29"]);
    expect(span(parsePeriod("today", "2028-02-29"))).toEqual(["2028-02-29", "2028-02-29"]);
    expect(periodLength(parsePeriod("last-30-days", "2028-03-01"))).toBe(30);
    expect(parsePeriod("last-30-days", "2028-03-01").first).toBe("2028-01-31");
  });

  it("this-week and last-week on a Monday (2026-11-23)", () => {
    expect(span(parsePeriod("this-week", "2026-11-23"))).toEqual(["2026-11-23", "2026-11-23"]);
    expect(span(parsePeriod("last-week", "2026-11-23"))).toEqual(["2026-11-16", "2026-11-22"]);
  });

  it("this-week and last-week on a Sunday (2026-11-29): ISO weeks start on Monday", () => {
    expect(span(parsePeriod("this-week", "2026-11-29"))).toEqual(["2026-11-23", "2026-11-29"]);
    expect(span(parsePeriod("last-week", "2026-11-29"))).toEqual(["2026-11-16", "2026-11-22"]);
  });
});

// Explicit days and ranges are checked against the calendar, never silently rolled over.
describe("parsePeriod days and FROM..TO", () => {
  const today = "2026-11-25";

  it("accepts a single day and an inclusive range", () => {
    expect(span(parsePeriod("2026-11-03", today))).toEqual(["2026-11-03", "2026-11-03"]);
    const p = parsePeriod("2026-11-01..2026-11-07", today);
    expect(span(p)).toEqual(["2026-11-01", "2026-11-07"]);
    expect(p.label).toBe("2026-11-01..2026-11-07");
    expect(periodLength(p)).toBe(7);
    expect(span(parsePeriod("2028-02-29..2028-02-29", today))).toEqual(["2028-02-29", "2028-02-29"]);
    expect(span(parsePeriod("2026-12-25..2027-01-05", today))).toEqual(["2026-12-25", "2027-01-05"]);
  });

  it.each(["2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-02-30..2026-03-02", "2026-03-01..2026-02-30"])(
    "rejects the day that does not exist in %s",
    (spec) => {
      expect(() => parsePeriod(spec, today)).toThrow(PeriodSyntaxError);
    },
  );

  it("rejects a range that ends before it starts, and says so", () => {
    expect(() => parsePeriod("2026-11-07..2026-11-01", today)).toThrow(/ends before it starts/);
  });

  it.each([
    "",
    "last-7-day",
    "lastweek",
    "2026-11-1",
    "2026/11/01",
    "2026-11-01..",
    "..2026-11-01",
    "2026-11-01...2026-11-02",
    "yesterday..today",
  ])("rejects %j as not a period", (spec) => {
    expect(() => parsePeriod(spec, today)).toThrow(PeriodSyntaxError);
  });
});

// The comparison period: same length just before, except calendar months compare with calendar months.
describe("previousPeriod", () => {
  const prev = (spec: string, today = "2026-11-25") => span(previousPeriod(parsePeriod(spec, today)));

  it("takes the same number of days just before", () => {
    expect(prev("yesterday")).toEqual(["2026-11-23", "2026-11-23"]);
    expect(prev("last-7-days")).toEqual(["2026-11-11", "2026-11-17"]);
    expect(prev("last-30-days")).toEqual(["2026-09-26", "2026-10-25"]);
    expect(prev("last-week")).toEqual(["2026-11-09", "2026-11-15"]);
    expect(prev("2026-01-15..2026-02-14")).toEqual(["2025-12-15", "2026-01-14"]);
    expect(prev("2026-03-01..2026-03-10")).toEqual(["2026-02-19", "2026-02-28"]);
    const p = previousPeriod(parsePeriod("2026-11-01..2026-11-07", "2026-11-25"));
    expect(periodLength(p)).toBe(7);
    expect(p.label).toBe("previous");
  });

  it("compares a whole calendar month with the whole previous month, whatever their lengths", () => {
    expect(prev("last-month")).toEqual(["2026-09-01", "2026-09-30"]); // 31 -> 30 days
    expect(prev("2026-12-01..2026-12-31")).toEqual(["2026-11-01", "2026-11-30"]); // 31 -> 30
    expect(prev("2026-03-01..2026-03-31")).toEqual(["2026-02-01", "2026-02-28"]); // 31 -> 28
    expect(prev("2028-03-01..2028-03-31")).toEqual(["2028-02-01", "2028-02-29"]); // 31 -> 29 (leap)
    expect(prev("2026-02-01..2026-02-28")).toEqual(["2026-01-01", "2026-01-31"]); // 28 -> 31
    expect(prev("2027-01-01..2027-01-31")).toEqual(["2026-12-01", "2026-12-31"]); // across the year
    expect(prev("last-month", "2026-04-10")).toEqual(["2026-02-01", "2026-02-28"]);
  });

  it("compares a month in progress with the same days of the previous month, clipped to its end", () => {
    expect(prev("this-month", "2026-11-25")).toEqual(["2026-10-01", "2026-10-25"]);
    expect(prev("this-month", "2026-03-15")).toEqual(["2026-02-01", "2026-02-15"]);
    expect(prev("this-month", "2026-03-30")).toEqual(["2026-02-01", "2026-02-28"]);
    expect(prev("this-month", "2028-03-30")).toEqual(["2028-02-01", "2028-02-29"]);
    expect(prev("this-month", "2026-05-31")).toEqual(["2026-04-01", "2026-04-30"]);
    expect(prev("this-month", "2026-11-01")).toEqual(["2026-10-01", "2026-10-01"]);
    expect(prev("this-month", "2027-01-20")).toEqual(["2026-12-01", "2026-12-20"]);
  });
});

// A period becomes the half-open instant range of its days in the store's zone, DST included.
describe("periodInstants", () => {
  it("Asia/Shanghai: days start at 16:00 UTC the day before", () => {
    const r = periodInstants(parsePeriod("yesterday", "2026-11-25"), "Asia/Shanghai");
    expect(iso(r.from)).toBe("2026-11-23T16:00:00.000Z");
    expect(iso(r.to)).toBe("2026-11-24T16:00:00.000Z");
    const week = periodInstants(parsePeriod("last-7-days", "2026-11-25"), "Asia/Shanghai");
    expect(iso(week.from)).toBe("2026-11-17T16:00:00.000Z");
    expect(iso(week.to)).toBe("2026-11-24T16:00:00.000Z");
    expect(week.to - week.from).toBe(7 * 24 * HOUR);
  });

  it("UTC is the identity", () => {
    const r = periodInstants(parsePeriod("2028-02-29", "2028-03-01"), "UTC");
    expect(iso(r.from)).toBe("2028-02-29T00:00:00.000Z");
    expect(iso(r.to)).toBe("2028-03-01T00:00:00.000Z");
  });

  it("Europe/Berlin 2026-03-29 is a 23-hour day, 2026-10-25 a 25-hour day", () => {
    const spring = periodInstants(parsePeriod("2026-03-29", "2026-11-25"), "Europe/Berlin");
    expect(iso(spring.from)).toBe("2026-03-28T23:00:00.000Z");
    expect(iso(spring.to)).toBe("2026-03-29T22:00:00.000Z");
    expect(spring.to - spring.from).toBe(23 * HOUR);
    const autumn = periodInstants(parsePeriod("2026-10-25", "2026-11-25"), "Europe/Berlin");
    expect(iso(autumn.from)).toBe("2026-10-24T22:00:00.000Z");
    expect(iso(autumn.to)).toBe("2026-10-25T23:00:00.000Z");
    expect(autumn.to - autumn.from).toBe(25 * HOUR);
    const week = periodInstants(parsePeriod("2026-03-23..2026-03-29", "2026-11-25"), "Europe/Berlin");
    expect(week.to - week.from).toBe(7 * 24 * HOUR - HOUR);
  });

  it("America/New_York: 2026-03-08 has 23 hours, 2026-11-01 has 25", () => {
    const spring = periodInstants(parsePeriod("2026-03-08", "2026-11-25"), "America/New_York");
    expect(iso(spring.from)).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(spring.to)).toBe("2026-03-09T04:00:00.000Z");
    const autumn = periodInstants(parsePeriod("2026-11-01", "2026-11-25"), "America/New_York");
    expect(iso(autumn.from)).toBe("2026-11-01T04:00:00.000Z");
    expect(iso(autumn.to)).toBe("2026-11-02T05:00:00.000Z");
    expect(autumn.to - autumn.from).toBe(25 * HOUR);
  });

  it("a day whose midnight is skipped (America/Santiago 2026-09-06) starts at its first real instant", () => {
    // Clocks jump from 00:00 -04 to 01:00 -03 at 04:00 UTC: the day begins then, not an hour earlier.
    const r = periodInstants(parsePeriod("2026-09-06", "2026-11-25"), "America/Santiago");
    expect(iso(r.from)).toBe("2026-09-06T04:00:00.000Z");
    expect(iso(r.to)).toBe("2026-09-07T03:00:00.000Z");
  });
});
