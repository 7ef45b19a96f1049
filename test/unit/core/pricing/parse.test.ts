/** Competitor price text -> minor units: every case of issue 6 item 3 and the pitfalls of reference §3.4. */
import { describe, expect, it } from "vitest";
import { english, type Message } from "../../../../src/core/i18n/index.js";
import { decimalStringToMinor, formatMinor, parsePriceText, storeApiAmountToMinor } from "../../../../src/core/pricing/parse.js";

describe("parsePriceText", () => {
  it.each([
    ["¥1,299.00", {}, { min: 129900, max: 129900, currency: "CNY" }],
    ["￥ 4,234.35", {}, { min: 423435, max: 423435, currency: "CNY" }],
    ["1.299,00 €", {}, { min: 129900, max: 129900, currency: "EUR" }],
    ["$19.99", {}, { min: 1999, max: 1999, currency: "USD" }],
    ["US$19.99", {}, { min: 1999, max: 1999, currency: "USD" }],
    ["HK$88", {}, { min: 8800, max: 8800, currency: "HKD" }],
    ["1,600.00", { currency: "USD" }, { min: 160000, max: 160000, currency: "USD" }],
    ["179,95", { currency: "EUR" }, { min: 17995, max: 17995, currency: "EUR" }],
    ["1 770 €", {}, { min: 177000, max: 177000, currency: "EUR" }],
    ["1\u00a0770,50 €", {}, { min: 177050, max: 177050, currency: "EUR" }],
    [",89", { currency: "EUR" }, { min: 89, max: 89, currency: "EUR" }],
    ["1'299.00 CHF", {}, { min: 129900, max: 129900, currency: "CHF" }],
    ["299元", {}, { min: 29900, max: 29900, currency: "CNY" }],
    ["RMB 59.9", {}, { min: 5990, max: 5990, currency: "CNY" }],
    ["USD 12", {}, { min: 1200, max: 1200, currency: "USD" }],
    ["¥1000", { currency: "JPY" }, { min: 1000, max: 1000, currency: "JPY" }],
    ["1.299,-", { currency: "EUR" }, { min: 129900, max: 129900, currency: "EUR" }],
    ["¥99 - ¥199", {}, { min: 9900, max: 19900, currency: "CNY" }],
    ["$10.00–$20.00", {}, { min: 1000, max: 2000, currency: "USD" }],
    ["99~159", { currency: "CNY" }, { min: 9900, max: 15900, currency: "CNY" }],
    ["¥159 起", {}, { min: 15900, max: 15900, currency: "CNY" }],
    ["from $5", {}, { min: 500, max: 500, currency: "USD" }],
  ] as const)("%s", (text, hint, expected) => {
    expect(parsePriceText(text, hint)).toEqual(expected);
  });

  it("reads an ambiguous single mark by the source's hint: 1.015 is 1015 in a German shop, 1.015 (three decimals) nowhere", () => {
    expect(parsePriceText("1.015", { currency: "EUR", decimal: "," })).toEqual({ min: 101500, max: 101500, currency: "EUR" });
    expect(parsePriceText("1,015", { currency: "USD", decimal: "." })).toEqual({ min: 101500, max: 101500, currency: "USD" });
    // No hint: a mark followed by exactly three digits groups thousands (the common storefront case).
    expect(parsePriceText("1,015", { currency: "USD" })).toEqual({ min: 101500, max: 101500, currency: "USD" });
    expect(parsePriceText("12,5", { currency: "EUR" })).toEqual({ min: 1250, max: 1250, currency: "EUR" });
  });

  it("reads JSON numbers as decimals of the hinted currency, never through float arithmetic", () => {
    expect(parsePriceText(19.99, { currency: "USD" })).toEqual({ min: 1999, max: 1999, currency: "USD" });
    expect(parsePriceText(0.3, { currency: "USD" })).toEqual({ min: 30, max: 30, currency: "USD" });
    expect(parsePriceText(1299, { currency: "CNY" })).toEqual({ min: 129900, max: 129900, currency: "CNY" });
  });

  it.each([
    ["", {}, /shows no price/],
    ["Sold out", {}, /shows no price/],
    ["价格面议", {}, /shows no price/],
    ["12.50", {}, /names no currency/],
    ["$5 - 6 €", {}, /mixes USD and EUR/],
    ["19.999", { currency: "USD", decimal: "." }, /more decimals than USD/],
    ["1.2.3,4,5", { currency: "EUR" }, /separators after its decimal mark/],
  ] as const)("says what is wrong with %j", (text, hint, problem) => {
    const r = parsePriceText(text, hint);
    expect(r).toHaveProperty("problem");
    expect(english((r as { problem: Message }).problem)).toMatch(problem);
  });
});

describe("platform wire amounts", () => {
  it("Shopify /products.json decimal strings", () => {
    expect(decimalStringToMinor("7.99", "USD")).toBe(799);
    expect(decimalStringToMinor("19.0", "USD")).toBe(1900);
    expect(decimalStringToMinor("1000", "JPY")).toBe(1000);
    expect(decimalStringToMinor(null, "USD")).toBeNull();
    expect(decimalStringToMinor("", "USD")).toBeNull();
  });

  it("WooCommerce Store API minor-unit strings, rescaled to the currency's digits", () => {
    expect(storeApiAmountToMinor("1105", 2, "USD")).toBe(1105);
    expect(storeApiAmountToMinor("129900", 2, "CNY")).toBe(129900);
    expect(storeApiAmountToMinor("1000", 0, "USD")).toBe(100000);
    expect(storeApiAmountToMinor("100050", 2, "JPY")).toBe(1001);
    expect(storeApiAmountToMinor("", 2, "USD")).toBeNull();
    expect(storeApiAmountToMinor("12.50", 2, "USD")).toBeNull();
  });

  it("formats minor units back digit-wise", () => {
    expect(formatMinor(129900, "CNY")).toBe("1299.00");
    expect(formatMinor(5, "USD")).toBe("0.05");
    expect(formatMinor(1000, "JPY")).toBe("1000");
  });
});
