/** 规格 / spec values read one by one (issue 19): the canonical attributes beside the value as written. */
import { describe, expect, it } from "vitest";
import { createAttributeDictionary, readSpec } from "../../../../src/core/attributes/index.js";

const dict = createAttributeDictionary();
const size = (raw: string) => {
  const r = dict.standardize("size", raw);
  return r.ok ? r.value : undefined;
};

describe("spec values", () => {
  it.each([
    ["400g", { weight: "400 g" }],
    ["0.5kg", { weight: "500 g" }],
    ["2斤", { weight: "1000 g" }],
    ["500ml", { capacity: "500 ml" }],
    ["1.5L", { capacity: "1500 ml" }],
    ["15支", { "pack size": "15" }],
    ["5.8g*15支", { weight: "5.8 g", "pack size": "15" }],
    ["250ml×12瓶", { capacity: "250 ml", "pack size": "12" }],
    ["M", { size: "M" }],
    ["加大码", { size: "XL" }],
    ["20.8", {}],
    ["A4 80g 500张", {}],
    ["", {}],
  ])("%s -> %o", (raw, expected) => {
    expect(readSpec(raw, size)).toEqual(expected);
  });

  it("规格 is a header of spec, not of size", () => {
    expect(dict.attributeForHeader("规格")).toBe("spec");
    expect(dict.attributeForHeader("規格")).toBe("spec");
    expect(dict.attributeForHeader("尺码")).toBe("size");
    expect(dict.isFreeForm("spec")).toBe(true);
  });
});
