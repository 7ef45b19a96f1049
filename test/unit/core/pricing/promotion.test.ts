/** Promotion text -> structured offers. */
import { describe, expect, it } from "vitest";
import { describePromotion, parsePromotion } from "../../../../src/core/pricing/promotion.js";

describe("parsePromotion", () => {
  it.each([
    ["满199减20", [{ kind: "threshold", threshold: 19900, amount: 2000 }]],
    ["每满300减50", [{ kind: "threshold", threshold: 30000, amount: 5000, repeat: true }]],
    ["满 ¥199 减 ¥20", [{ kind: "threshold", threshold: 19900, amount: 2000 }]],
    ["满199元减20元", [{ kind: "threshold", threshold: 19900, amount: 2000 }]],
    ["第二件半价", [{ kind: "nth_item", n: 2, percentOff: 50 }]],
    ["第2件8折", [{ kind: "nth_item", n: 2, percentOff: 20 }]],
    ["第二件0元", [{ kind: "nth_item", n: 2, percentOff: 100 }]],
    ["8折", [{ kind: "percent", percentOff: 20 }]],
    ["8.5折", [{ kind: "percent", percentOff: 15 }]],
    ["85折", [{ kind: "percent", percentOff: 15 }]],
    ["限时9.5折", [{ kind: "percent", percentOff: 5 }]],
    ["20% off", [{ kind: "percent", percentOff: 20 }]],
    ["-15%", [{ kind: "percent", percentOff: 15 }]],
    ["Buy 2 get 1 free", [{ kind: "bundle", buy: 2, get: 1 }]],
    ["buy one get one", [{ kind: "bundle", buy: 1, get: 1 }]],
    ["买二送一", [{ kind: "bundle", buy: 2, get: 1 }]],
    ["买3送1", [{ kind: "bundle", buy: 3, get: 1 }]],
    ["立减30", [{ kind: "amount", amount: 3000 }]],
    ["$5 off", [{ kind: "amount", amount: 500 }]],
    ["Spend $100, get $10 off", [{ kind: "threshold", threshold: 10000, amount: 1000 }]],
    ["包邮", [{ kind: "free_shipping" }]],
  ] as const)("%s", (text, expected) => {
    expect(parsePromotion(text, "CNY")).toEqual(expected);
  });

  it("reads several offers in one text, in order", () => {
    expect(parsePromotion("满199减20，第二件半价，包邮", "CNY")).toEqual([
      { kind: "threshold", threshold: 19900, amount: 2000 },
      { kind: "nth_item", n: 2, percentOff: 50 },
      { kind: "free_shipping" },
    ]);
  });

  it("parses nothing from words that state no offer, nor from impossible discounts", () => {
    expect(parsePromotion("Sale", "USD")).toEqual([]);
    expect(parsePromotion("新品上市", "CNY")).toEqual([]);
    expect(parsePromotion("100% cotton", "USD")).toEqual([]);
    expect(parsePromotion("10折", "CNY")).toEqual([]);
    expect(parsePromotion(null, "CNY")).toEqual([]);
  });

  it("uses the currency's minor digits for amounts", () => {
    expect(parsePromotion("满1000减100", "JPY")).toEqual([{ kind: "threshold", threshold: 1000, amount: 100 }]);
  });

  it("describes offers in words", () => {
    expect(describePromotion({ kind: "threshold", threshold: 19900, amount: 2000 }, "CNY")).toBe("spend 199.00 save 20.00");
    expect(describePromotion({ kind: "nth_item", n: 2, percentOff: 50 }, "CNY")).toBe("item 2 50% off");
    expect(describePromotion({ kind: "bundle", buy: 2, get: 1 }, "CNY")).toBe("buy 2 get 1");
  });
});
