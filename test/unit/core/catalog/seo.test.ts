/** SEO warnings: platform title limits, search-result width, empty description, missing keywords. */
import { describe, expect, it } from "vitest";
import { displayWidth, seoWarnings } from "../../../../src/core/catalog/seo.js";
import type { Product } from "../../../../src/core/model.js";

const product = (title: string, description?: string): Product => ({
  id: "p",
  handle: "p",
  title,
  description,
  status: "active",
  variants: [{ sku: "S", options: {}, price: 100, currency: "CNY" }],
});

const fields = (p: Product, target: "shopify" | "woocommerce" | "youzan" | "local", keywords?: string[]) =>
  seoWarnings(p, { target, keywords }).map((w) => w.field);

describe("seoWarnings", () => {
  it("a short title with a description and its keywords has no warning", () => {
    const p = product("纯棉圆领T恤 男款", "100% cotton, 纯棉面料");
    for (const target of ["shopify", "woocommerce", "youzan", "local"] as const) {
      expect(seoWarnings(p, { target, keywords: ["纯棉", "COTTON"] }), target).toEqual([]);
    }
  });

  it("titles over a platform's limit say so; under it, over 70 wide is the search-result hint", () => {
    const latin256 = "a".repeat(256);
    const shopify = seoWarnings(product(latin256, "d"), { target: "shopify" });
    expect(shopify).toHaveLength(1);
    expect(shopify[0]?.message).toMatch(/256 characters; Shopify takes at most 255/);
    // WooCommerce has no hard limit: the same title only gets the width hint.
    expect(seoWarnings(product(latin256, "d"), { target: "woocommerce" })[0]?.message).toMatch(/is 256 wide.*about 70/);
    // Youzan stops at 100 characters.
    expect(seoWarnings(product("衣".repeat(101), "d"), { target: "youzan" })[0]?.message).toMatch(
      /101 characters; Youzan takes at most 100/,
    );
    expect(seoWarnings(product("衣".repeat(100), "d"), { target: "youzan" })[0]?.message).toMatch(/is 200 wide/);
  });

  it("Chinese characters count two toward the 70-wide guidance", () => {
    expect(fields(product("衣".repeat(35), "d"), "local")).toEqual([]);
    expect(fields(product("衣".repeat(36), "d"), "local")).toEqual(["title"]);
    expect(fields(product("a".repeat(70), "d"), "local")).toEqual([]);
    expect(fields(product("a".repeat(71), "d"), "local")).toEqual(["title"]);
    expect(displayWidth("Ｔ恤 tee")).toBe(2 + 2 + 4);
  });

  it("an empty or blank description is a warning", () => {
    expect(fields(product("Tee"), "shopify")).toEqual(["description"]);
    expect(fields(product("Tee", "  \n "), "shopify")).toEqual(["description"]);
  });

  it("keywords are looked for in title and description, ignoring case and full-width forms", () => {
    const p = product("Ｃｏｔｔｏｎ Tee", "Soft. 透气");
    expect(seoWarnings(p, { target: "local", keywords: ["cotton", "透气", " "] })).toEqual([]);
    const missing = seoWarnings(p, { target: "local", keywords: ["linen", "纯棉", "tee"] });
    expect(missing).toMatchObject([{ field: "title", message: 'title and description lack the keywords "linen", "纯棉"' }]);
  });
});
