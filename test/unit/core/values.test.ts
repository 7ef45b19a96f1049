import { describe, expect, it } from "vitest";
import { english, msg, t } from "../../../src/core/i18n/index.js";
import {
  isCurrencyCode,
  isProblem,
  minorDigits,
  type Problem,
  parseBoolean,
  parseDateTime,
  parseDay,
  parseIdentifier,
  parseInteger,
  parseMoney,
  parseRating,
} from "../../../src/core/values.js";

/** The problem sentence of a rejected value (fails the test when the value was accepted). */
function problemOf(v: unknown): string {
  expect(isProblem(v), `expected a problem, got ${JSON.stringify(v)}`).toBe(true);
  return english((v as Problem).problem);
}
const iso = (v: Date | Problem) => {
  expect(v).toBeInstanceOf(Date);
  return (v as Date).toISOString();
};

// Amounts become integer minor units by decimal-string arithmetic; anything doubtful is a problem.
describe("parseMoney", () => {
  it.each([
    ["129.9", 12990],
    ["129.90", 12990],
    ["129", 12900],
    ["0.05", 5],
    [".5", 50],
    ["¥1,299.00", 129900],
    ["￥1,299.00", 129900],
    ["-20", -2000],
    ["+5", 500],
    ["-¥20.00", -2000],
    ["129.90元", 12990],
    ["CNY 129.90", 12990],
    ["129.90 CNY", 12990],
    ["  129.90  ", 12990],
    ["１２９．９０", 12990],
    ["129.900", 12990],
  ])("%j CNY -> %i", (raw, minor) => {
    expect(parseMoney(raw, "CNY")).toBe(minor);
  });

  it("accepts the column's own currency code or symbol around the amount", () => {
    expect(parseMoney("$1,234,567.89", "USD")).toBe(123456789);
    expect(parseMoney("usd 19.99", "USD")).toBe(1999);
    expect(parseMoney("€12.50", "EUR")).toBe(1250);
  });

  it("refuses an amount written in another currency than the column's, rather than relabelling it", () => {
    expect(problemOf(parseMoney("129.90 USD", "CNY"))).toMatch(/USD/);
    expect(problemOf(parseMoney("USD 129.90", "CNY"))).toMatch(/USD/);
  });

  it("reads a decimal comma when asked to", () => {
    expect(parseMoney("1 299,50", "EUR", true)).toBe(129950);
    expect(parseMoney("1.299,50", "EUR", true)).toBe(129950);
    expect(parseMoney("1\u00a0234\u00a0567,89", "EUR", true)).toBe(123456789);
    expect(parseMoney("12,5", "EUR", true)).toBe(1250);
  });

  it("without decimalComma, a comma that is not a thousands separator is refused", () => {
    problemOf(parseMoney("1,29", "CNY"));
    problemOf(parseMoney("12,5", "CNY"));
  });

  it("uses the currency's minor digits: JPY has none, KWD three", () => {
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("CNY")).toBe(2);
    expect(minorDigits("KWD")).toBe(3);
    expect(parseMoney("1,299", "JPY")).toBe(1299);
    expect(parseMoney("¥1299", "JPY")).toBe(1299);
    expect(parseMoney("1299.00", "JPY")).toBe(1299);
    expect(problemOf(parseMoney("1299.5", "JPY"))).toMatch(/more decimals than JPY allows \(0\)/);
    expect(parseMoney("1.234", "KWD")).toBe(1234);
  });

  it("refuses more decimals than the currency has, instead of rounding", () => {
    expect(problemOf(parseMoney("129.999", "CNY"))).toMatch(/more decimals than CNY allows \(2\)/);
    problemOf(parseMoney("0.001", "USD"));
    problemOf(parseMoney(129.999, "CNY"));
  });

  it("refuses scientific notation in text: Excel already lost the digits", () => {
    expect(problemOf(parseMoney("6.9E+12", "CNY"))).toMatch(/scientific notation/);
    problemOf(parseMoney("1e3", "CNY"));
  });

  it.each(["", "   ", "abc", "12.34.56", "-", "1 2 3,4.5", "12abc", "¥"])("refuses %j", (raw) => {
    problemOf(parseMoney(raw, "CNY"));
  });

  it("refuses amounts too large to hold exactly", () => {
    expect(problemOf(parseMoney("99999999999999999", "CNY"))).toMatch(/too large/);
    problemOf(parseMoney(1e21, "CNY"));
  });

  it("takes spreadsheet numbers through their decimal form", () => {
    expect(parseMoney(129.9, "CNY")).toBe(12990);
    expect(parseMoney(19.99, "USD")).toBe(1999);
    expect(parseMoney(-20, "CNY")).toBe(-2000);
    expect(parseMoney(1299, "JPY")).toBe(1299);
    expect(parseMoney(6.9e12, "CNY")).toBe(690_000_000_000_000);
    expect(parseMoney(0.07, "CNY")).toBe(7);
  });

  it("takes spreadsheet numbers carrying binary float noise (=0.1+0.2 in a cell) as the amount shown", () => {
    // Excel keeps 15 significant digits and shows 0.3; the cell holds 0.30000000000000004.
    expect(parseMoney(0.1 + 0.2, "CNY")).toBe(30);
    expect(parseMoney(1.1 * 3, "CNY")).toBe(330);
    expect(parseMoney(129.9 * 3, "CNY")).toBe(38970);
  });
});

// Whole numbers, yes/no words (incl. 是/否) and 1-5 ratings, each with a problem for anything else.
describe("parseInteger, parseBoolean, parseRating", () => {
  it("parseInteger", () => {
    expect(parseInteger("12")).toBe(12);
    expect(parseInteger(" 1,234 ")).toBe(1234);
    expect(parseInteger("12.0")).toBe(12);
    expect(parseInteger("-3")).toBe(-3);
    expect(parseInteger("１２")).toBe(12);
    expect(parseInteger(7)).toBe(7);
    expect(problemOf(parseInteger("12.5"))).toMatch(/whole number/);
    expect(problemOf(parseInteger(12.5))).toMatch(/whole number/);
    problemOf(parseInteger(""));
    problemOf(parseInteger("abc"));
    problemOf(parseInteger("1e3"));
    expect(problemOf(parseInteger("9007199254740993"))).toMatch(/too large/);
  });

  it("parseBoolean", () => {
    for (const t of ["true", "TRUE", "yes", "Y", "1", "是", "是的", " true "]) expect(parseBoolean(t), t).toBe(true);
    for (const f of ["false", "No", "n", "0", "否", "不是", ""]) expect(parseBoolean(f), f).toBe(false);
    expect(parseBoolean(true)).toBe(true);
    expect(parseBoolean(false)).toBe(false);
    expect(parseBoolean(1)).toBe(true);
    expect(parseBoolean(0)).toBe(false);
    expect(problemOf(parseBoolean("maybe"))).toMatch(/是\/否/);
    problemOf(parseBoolean(2));
  });

  it("parseRating", () => {
    expect(parseRating("5")).toBe(5);
    expect(parseRating(" 1 ")).toBe(1);
    expect(parseRating("５")).toBe(5);
    expect(parseRating(3)).toBe(3);
    for (const bad of ["0", "6", "4.5", "", "good", 4.5, 0, -1]) problemOf(parseRating(bad));
  });
});

// Date-times: offsets are honoured, local wall clocks are read in the store's zone, impossible days refused.
describe("parseDateTime", () => {
  it("ISO 8601 with an offset or Z, whatever the store zone", () => {
    expect(iso(parseDateTime("2026-11-03T14:05:09+08:00", "Europe/Berlin"))).toBe("2026-11-03T06:05:09.000Z");
    expect(iso(parseDateTime("2026-11-03T06:05:09Z", "Asia/Shanghai"))).toBe("2026-11-03T06:05:09.000Z");
    expect(iso(parseDateTime("2026-11-03T14:05:09-05:00", "Asia/Shanghai"))).toBe("2026-11-03T19:05:09.000Z");
    expect(iso(parseDateTime("2026-11-03T14:05:09+0545", "UTC"))).toBe("2026-11-03T08:20:09.000Z");
    expect(iso(parseDateTime("2026-11-03T14:05:09.5Z", "UTC"))).toBe("2026-11-03T14:05:09.500Z");
  });

  it("a local wall clock is read in the store's zone", () => {
    expect(iso(parseDateTime("2026-11-03 14:05:09", "Asia/Shanghai"))).toBe("2026-11-03T06:05:09.000Z");
    expect(iso(parseDateTime("2026-11-03 14:05:09", "Europe/Berlin"))).toBe("2026-11-03T13:05:09.000Z");
    expect(iso(parseDateTime("2026-07-03 14:05:09", "Europe/Berlin"))).toBe("2026-07-03T12:05:09.000Z");
    expect(iso(parseDateTime("2026-11-03 14:05:09", "Asia/Kolkata"))).toBe("2026-11-03T08:35:09.000Z");
    expect(iso(parseDateTime("2026-11-03", "Asia/Shanghai"))).toBe("2026-11-02T16:00:00.000Z");
  });

  it("back-office spellings: 2026/11/3 14:05 and 2026年11月3日 14:05", () => {
    expect(iso(parseDateTime("2026/11/3 14:05", "Asia/Shanghai"))).toBe("2026-11-03T06:05:00.000Z");
    expect(iso(parseDateTime("2026年11月3日 14:05", "Asia/Shanghai"))).toBe("2026-11-03T06:05:00.000Z");
    expect(iso(parseDateTime("2026.11.03 09:05:01", "Asia/Shanghai"))).toBe("2026-11-03T01:05:01.000Z");
    expect(iso(parseDateTime("２０２６/１１/３ １４:０５", "Asia/Shanghai"))).toBe("2026-11-03T06:05:00.000Z");
  });

  it("a spreadsheet Date carries the wall clock in its UTC fields, read back in the zone", () => {
    const cell = new Date(Date.UTC(2026, 10, 3, 14, 5, 9));
    expect(iso(parseDateTime(cell, "Asia/Shanghai"))).toBe("2026-11-03T06:05:09.000Z");
    expect(iso(parseDateTime(cell, "America/New_York"))).toBe("2026-11-03T19:05:09.000Z");
    expect(iso(parseDateTime(cell, "UTC"))).toBe("2026-11-03T14:05:09.000Z");
    problemOf(parseDateTime(new Date(Number.NaN), "UTC"));
  });

  it.each([
    "2026-02-30 10:00",
    "2026-02-29 10:00",
    "2026-13-01 10:00",
    "2026-11-03 24:00",
    "2026-11-03 14:60",
    "2026-11-03 14:05:60",
    "2026-02-30T10:00:00Z",
  ])("refuses the impossible %j", (raw) => {
    expect(problemOf(parseDateTime(raw, "Asia/Shanghai"))).toMatch(/not a real date-time/);
  });

  it.each(["yesterday", "", "11/03/2026 14:05", "2026-11-03 2pm", "20261103"])("refuses %j as not a date-time", (raw) => {
    problemOf(parseDateTime(raw, "Asia/Shanghai"));
  });

  it("refuses a bare number (an Excel serial read as a number)", () => {
    expect(problemOf(parseDateTime(46329.5, "Asia/Shanghai"))).toMatch(/number, not a date-time/);
  });
});

// Calendar days and identifiers: text stays text, Excel-mangled values are refused.
describe("parseDay and parseIdentifier", () => {
  it("parseDay", () => {
    expect(parseDay("2026-11-03")).toBe("2026-11-03");
    expect(parseDay(" 2026/11/3 ")).toBe("2026-11-03");
    expect(parseDay("2026年11月3日")).toBe("2026-11-03");
    expect(parseDay("2028-02-29")).toBe("2028-02-29");
    expect(parseDay(new Date(Date.UTC(2026, 10, 3)))).toBe("2026-11-03");
    for (const bad of ["2026-02-30", "2026-02-29", "2026-11", "03/11/2026", "", "2026-11-03 10:00"]) problemOf(parseDay(bad));
    problemOf(parseDay(46329));
    problemOf(parseDay(new Date(Number.NaN)));
  });

  it("parseIdentifier keeps leading zeros and refuses scientific notation", () => {
    expect(parseIdentifier("00123")).toBe("00123");
    expect(parseIdentifier(" SKU-001 ")).toBe("SKU-001");
    expect(parseIdentifier("E20241103001")).toBe("E20241103001");
    expect(parseIdentifier(20241103001)).toBe("20241103001");
    expect(problemOf(parseIdentifier("6.9E+12"))).toMatch(/scientific notation/);
    problemOf(parseIdentifier("1.23457e+17"));
    expect(problemOf(parseIdentifier(1.2345e19))).toMatch(/lost digits/);
    problemOf(parseIdentifier(12.5));
  });

  it("isCurrencyCode", () => {
    expect(isCurrencyCode("CNY")).toBe(true);
    expect(isCurrencyCode("JPY")).toBe(true);
    expect(isCurrencyCode("cny")).toBe(false);
    // Intl formats any well-formed code; only ISO 4217 codes are currencies.
    expect(isCurrencyCode("RMB")).toBe(false);
    expect(isCurrencyCode("XYZ")).toBe(false);
    expect(isCurrencyCode("CN")).toBe(false);
  });
});

// A symbol that cannot be the column's currency is an amount in another currency: never added.
describe("parseMoney: currency symbols in cells", () => {
  it.each([
    ["$1,234.56", "USD", 123456],
    ["US$12.00", "USD", 1200],
    ["CA$5.50", "CAD", 550],
    ["€20.00", "EUR", 2000],
    ["£9.99", "GBP", 999],
    ["¥1,299", "JPY", 1299],
    ["¥129.90", "CNY", 12990],
    ["$15.00", "MXN", 1500],
  ])("%s in a %s column is read", (raw, currency, minor) => {
    expect(parseMoney(raw, currency)).toBe(minor);
  });
  it.each([
    ["€20.00", "USD", "the symbol €"],
    ["$20.00", "EUR", "the symbol $"],
    ["£9.99", "USD", "the symbol £"],
    ["¥100", "USD", "the symbol ¥"],
    ["US$5.00", "CAD", "is in USD"],
    ["C$5.00", "USD", "is in CAD"],
  ])("%s in a %s column is refused (%s)", (raw, currency, words) => {
    expect(problemOf(parseMoney(raw, currency))).toContain(words);
  });
});

// A problem is a message: the caller wraps it with the file, row and column, the printer picks the language.
describe("problems are messages", () => {
  it("renders the same problem in English and Chinese, nested in the row's sentence", () => {
    const p = parseMoney("€20.00", "USD") as Problem;
    expect(english(p.problem)).toBe('"€20.00" has the symbol €, which is not USD; this column is in USD');
    expect(t("zh-Hans", p.problem.id, p.problem.params)).toBe("“€20.00”带有货币符号 €，不是 USD；这一列的币种是 USD");
    const where = msg("error.input", { where: "a.csv, row 3", problem: p.problem });
    expect(t("zh-Hans", where.id, where.params)).toBe("a.csv, row 3：“€20.00”带有货币符号 €，不是 USD；这一列的币种是 USD");
  });

  it("keeps the merchant's digits as written (no grouping of a number cell)", () => {
    expect(english((parseInteger(12345.5) as Problem).problem)).toBe("12345.5 is not a whole number");
    expect(english((parseMoney("1299.5", "JPY") as Problem).problem)).toBe('"1299.5" has more decimals than JPY allows (0)');
  });
});
