/** Shopify update sheets (product columns only) and files without a status column: what the plan keeps. */
import { describe, expect, it } from "vitest";
import { createAttributeDictionary } from "../../../../src/core/attributes/index.js";
import { detectDialect, mapHeaders, planOptionsFor } from "../../../../src/core/catalog/index.js";
import { planProduct } from "../../../../src/core/catalog/plan.js";
import type { Product } from "../../../../src/core/model.js";

const dict = createAttributeDictionary();
const options = (headers: string[]) => planOptionsFor(mapHeaders(headers, { dict }));

const stored = (): Product => ({
  id: "1",
  handle: "tee",
  title: "Tee",
  description: "Soft.",
  status: "archived",
  options: ["size"],
  tags: ["old"],
  variants: [
    { sku: "T-S", options: { size: "S" }, price: 2500, currency: "USD" },
    { sku: "T-M", options: { size: "M" }, price: 2500, currency: "USD" },
  ],
});
const sheetRow = (extra: Partial<Product>): Product => ({ id: "tee", handle: "tee", title: "", status: "active", variants: [], ...extra });

describe("update sheets are Shopify's", () => {
  it.each([
    [["Handle", "Title", "Body (HTML)"]],
    [["Handle", "Tags"]],
    [["Handle", "Vendor", "Type"]],
    [["Handle ", "SEO Title", "SEO Description"]],
    [["Handle", "Tags", "Published", "Status"]],
  ])("%j: shopify, product fields only", (headers) => {
    expect(detectDialect(headers)).toBe("shopify");
    expect(options(headers).productUpdate).toBe(true);
  });

  it("a supplier sheet with handle, SKU and price stays native; a Shopify export with variants is no update sheet", () => {
    expect(detectDialect(["handle", "title", "sku", "price"])).toBe("native");
    expect(detectDialect(["Handle", "Tags", "Colour"])).toBe("native");
    expect(options(["Handle", "Title", "Variant SKU", "Variant Price"]).productUpdate).toBe(false);
    expect(options(["Handle", "Title", "Variant Inventory Qty"]).productUpdate).toBe(false);
  });
});

describe("planProduct with what the file gives", () => {
  it("an update sheet changes the given fields and keeps the variants and the status, whatever the mode", () => {
    for (const mode of ["upsert", "update", "replace"] as const) {
      const plan = planProduct(sheetRow({ tags: ["new"] }), stored(), mode, options(["Handle", "Tags"]));
      expect(plan.action).toBe("update");
      expect(plan.desired?.variants.map((v) => v.sku)).toEqual(["T-S", "T-M"]);
      expect([plan.desired?.status, plan.desired?.title, plan.desired?.description, plan.desired?.tags]).toEqual([
        "archived",
        "Tee",
        "Soft.",
        ["new"],
      ]);
      expect(plan.variantCounts).toEqual({ create: 0, update: 0, unchanged: 2, delete: 0 });
    }
  });

  it("a Status column still sets the status; without one (a stock sheet) the store's stays", () => {
    const withStatus = planProduct(sheetRow({ status: "active" }), stored(), "upsert", options(["Handle", "Status"]));
    expect(withStatus.desired?.status).toBe("active");
    const stock = planProduct(
      sheetRow({
        title: "Tee",
        options: ["size"],
        variants: [{ sku: "T-S", options: { size: "S" }, price: 0, currency: "USD", inventory: 9 }],
      }),
      stored(),
      "upsert",
      options(["Handle", "Variant SKU", "Variant Inventory Qty"]),
    );
    expect([stock.desired?.status, stock.desired?.variants[0]?.price, stock.desired?.variants[0]?.inventory]).toEqual([
      "archived",
      2500,
      9,
    ]);
  });
});
