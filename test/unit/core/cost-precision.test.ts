/** Wholesale money keeps up to 4 decimals (issue 19); sale prices keep the currency's minor unit. */
import { describe, expect, it } from "vitest";
import { english } from "../../../src/core/i18n/index.js";
import { isProblem, parseCost, parseMoney } from "../../../src/core/values.js";
import { product, runSheet } from "./catalog/sheet.js";

describe("cost precision", () => {
  it.each([
    ["12.5", { minor: 1250 }],
    ["0.714", { minor: 71, decimal: "0.714" }],
    ["182.7145", { minor: 18271, decimal: "182.7145" }],
    ["3.9000", { minor: 390 }],
    ["0.7140", { minor: 71, decimal: "0.714" }],
    [0.714, { minor: 71, decimal: "0.714" }],
    ["¥1.2345", { minor: 123, decimal: "1.2345" }],
  ] as const)("%s -> %o", (raw, expected) => {
    expect(parseCost(raw, "CNY")).toEqual(expected);
  });

  it("refuses a fifth decimal and keeps prices to the minor unit", () => {
    const five = parseCost("0.71435", "CNY");
    expect(isProblem(five) && english(five.problem)).toContain("more than 4 decimals");
    expect(isProblem(parseMoney("0.714", "CNY"))).toBe(true);
    expect(parseCost("1.234", "JPY")).toEqual({ minor: 1, decimal: "1.234" });
  });

  it("a wholesale sheet's cost keeps its decimals on the variant", () => {
    const r = runSheet(["商品编码,名称,进货价,基本售价", "W-1,螺丝,0.714,1.5", "W-2,螺母,0.3,0.8"].join("\n"));
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    const v = product(r, "螺丝").variants[0];
    expect([v?.cost, v?.costDecimal, v?.price]).toEqual([71, "0.714", 150]);
    const w = product(r, "螺母").variants[0];
    expect([w?.cost, w?.costDecimal]).toEqual([30, undefined]);
  });
});
