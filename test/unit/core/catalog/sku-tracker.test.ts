import { describe, expect, it } from "vitest";
import { SkuTracker } from "../../../../src/core/catalog/index.js";

describe("SkuTracker at scale", () => {
  it("finds exactly the repeated SKUs among 200,000, ignoring case and width, naming the first place", () => {
    const t = new SkuTracker();
    const at = (row: number, file = "a.csv") => ({ file, row });
    for (let i = 0; i < 200_000; i++) expect(t.see(`SKU-${i}-红`, at(i + 2))).toBeUndefined();
    expect(t.size).toBe(200_000);
    // Same SKUs again in another case / full-width form: every one is a duplicate of its first row.
    const dup = t.see("sku-12345-红", at(9, "b.csv"));
    expect(dup?.message).toBe('SKU "sku-12345-红" is also used at a.csv, row 12347');
    expect(t.see("ＳＫＵ-7-红", at(10, "b.csv"))?.message).toContain("a.csv, row 9");
    // Near misses are not duplicates.
    expect(t.see("SKU-12345-红 ", at(11))).toBeDefined(); // trimmed: same SKU
    expect(t.see("SKU-12345-蓝", at(12))).toBeUndefined();
    expect(t.see("SKU-1234-红", at(13))).toBeDefined();
    expect(t.see("SKU-200000-红", at(14))).toBeUndefined();
    expect(t.size).toBe(200_002);
  });
});
