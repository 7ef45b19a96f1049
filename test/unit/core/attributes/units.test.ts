import { describe, expect, it } from "vitest";
import { parseWeightGrams } from "../../../../src/core/attributes/index.js";
import { english } from "../../../../src/core/i18n/index.js";
import { isProblem } from "../../../../src/core/values.js";

const POUND = 453.59237;
const OUNCE = POUND / 16;

// The shipping-weight column: any common spelling -> grams; anything doubtful is a problem.
describe("parseWeightGrams", () => {
  it.each([
    ["0.5kg", 500],
    ["0.5 KG", 500],
    ["1.1kg", 1100],
    ["500g", 500],
    ["500 克", 500],
    ["1斤", 500],
    ["1.5斤", 750],
    ["3两", 150],
    ["2公斤", 2000],
    ["2 lb", Math.round(2 * POUND * 1000) / 1000],
    ["8oz", Math.round(8 * OUNCE * 1000) / 1000],
    ["250mg", 0.25],
    ["500", 500],
    ["1,200g", 1200],
    ["０．５ｋｇ", 500],
  ])("%s -> %d g", (raw, grams) => {
    expect(parseWeightGrams(raw)).toBe(grams);
  });

  it("takes spreadsheet numbers as grams", () => {
    expect(parseWeightGrams(500)).toBe(500);
    expect(parseWeightGrams(0)).toBe(0);
    expect(parseWeightGrams(12.5)).toBe(12.5);
  });

  it.each(["", "  ", "abc", "5 stone", "500g*4", "-5g", "1..5kg"])("rejects %j", (raw) => {
    const result = parseWeightGrams(raw);
    expect(isProblem(result), JSON.stringify(result)).toBe(true);
  });

  it("rejects negative and non-finite numbers", () => {
    for (const n of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(isProblem(parseWeightGrams(n))).toBe(true);
  });

  it("names what it expects", () => {
    const r = parseWeightGrams("heavy");
    expect(typeof r === "number" ? "" : english(r.problem)).toContain("a bare number is grams");
  });
});
