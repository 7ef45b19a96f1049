import { describe, expect, it } from "vitest";
import { couponText, parseSalesVolume, priceAfterCoupon } from "../../../src/core/pricing/marketplace.js";
import { parsePromotion } from "../../../src/core/pricing/promotion.js";

describe("priceAfterCoupon", () => {
  it("takes the coupon off when one item reaches the threshold", () => {
    expect(priceAfterCoupon(25900, { amount: 2000, threshold: 19900 })).toBe(23900);
    expect(priceAfterCoupon(19900, { amount: 2000, threshold: 19900 })).toBe(17900);
  });
  it("keeps the price when one item does not reach the threshold, or there is no coupon", () => {
    expect(priceAfterCoupon(9900, { amount: 2000, threshold: 19900 })).toBe(9900);
    expect(priceAfterCoupon(9900, null)).toBe(9900);
  });
  it("a coupon without threshold always applies, never below 0; no price stays unknown", () => {
    expect(priceAfterCoupon(500, { amount: 800, threshold: 0 })).toBe(0);
    expect(priceAfterCoupon(null, { amount: 800, threshold: 0 })).toBeNull();
  });
});

describe("couponText", () => {
  it("words the coupon as the promotions parser reads it", () => {
    expect(couponText({ amount: 2000, threshold: 19900 }, "CNY")).toBe("券 满199减20");
    expect(couponText({ amount: 550, threshold: 0 }, "CNY")).toBe("券 立减5.5");
    expect(parsePromotion(couponText({ amount: 2000, threshold: 19900 }, "CNY"), "CNY")).toEqual([
      { kind: "threshold", threshold: 19900, amount: 2000 },
    ]);
    expect(parsePromotion(couponText({ amount: 550, threshold: 0 }, "CNY"), "CNY")).toEqual([{ kind: "amount", amount: 550 }]);
  });
});

describe("parseSalesVolume", () => {
  it("reads the marketplaces' sales texts as a lower bound", () => {
    expect(parseSalesVolume(475)).toBe(475);
    expect(parseSalesVolume("475")).toBe(475);
    expect(parseSalesVolume("1000+")).toBe(1000);
    expect(parseSalesVolume("1.2万")).toBe(12000);
    expect(parseSalesVolume("10万+")).toBe(100000);
    expect(parseSalesVolume("已售3万+件")).toBe(30000);
    expect(parseSalesVolume("1亿+")).toBe(100000000);
  });
  it("no number: null, never 0", () => {
    expect(parseSalesVolume("")).toBeNull();
    expect(parseSalesVolume("热销")).toBeNull();
    expect(parseSalesVolume(undefined)).toBeNull();
  });
});
