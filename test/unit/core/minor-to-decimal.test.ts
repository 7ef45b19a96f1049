import { describe, expect, it } from "vitest";
import { minorToDecimal, parseMoney } from "../../../src/core/values.js";

describe("minorToDecimal", () => {
  it("writes minor units with the currency's digits, digit by digit", () => {
    expect(minorToDecimal(12900, "CNY")).toBe("129.00");
    expect(minorToDecimal(5, "USD")).toBe("0.05");
    expect(minorToDecimal(-1999, "EUR")).toBe("-19.99");
    expect(minorToDecimal(1500, "JPY")).toBe("1500");
    expect(minorToDecimal(1500, "KWD")).toBe("1.500");
    expect(minorToDecimal(900719925474099, "CNY")).toBe("9007199254740.99");
  });

  it("is what parseMoney reads back, for every amount of a sweep", () => {
    for (const currency of ["CNY", "JPY", "KWD"]) {
      for (let minor = -2_050; minor <= 2_050; minor += 41) expect(parseMoney(minorToDecimal(minor, currency), currency)).toBe(minor);
    }
  });
});
