/**
 * The check worker's flat chunk format (catalog-check.ts packChunk / unpackChunk): the worker packs
 * the checked Products' fields, and what the main thread rebuilds is exactly the chunk in the table
 * rows shape the in-process check makes (productRow / variantRows), whatever the SKU spelling,
 * options, attributes, issues and missing fields.
 */
import { describe, expect, it } from "vitest";
import type { CatalogIssue } from "../../../src/core/catalog/types.js";
import type { Product } from "../../../src/core/model.js";
import { type CheckedChunk, type CheckedProduct, packChunk, unpackChunk } from "../../../src/services/catalog-check.js";
import { productRow, variantRows } from "../../../src/store/catalog-rows.js";

const FILE = "/data/products.csv";
const warning: CatalogIssue = { severity: "warning", at: { file: FILE, row: 3, column: "title" }, message: "title is long", handle: "b" };

const tee: Product = {
  handle: "a",
  title: "Tee",
  vendor: "Northfield",
  category: "Apparel",
  tags: ["new"],
  status: "active",
  options: ["colour", "size"],
  optionNames: ["Colour", "Size"],
  variants: [
    // As written: spaces the store trims; canonical attributes beside the display values.
    {
      sku: " A-1 ",
      options: { colour: "Black", size: "M" },
      attributes: { colour: "black", size: "M" },
      price: 10390,
      compareAtPrice: null,
      cost: 4156,
      costDecimal: "41.5612",
      currency: "CNY",
      weightGrams: 500,
      inventory: 260,
    },
    // No SKU, an option name with a separator in it and an integer-like one (JSON key order), empty attributes.
    {
      options: { "2": "x", "Fit\u0000Type": "Slim" },
      attributes: {},
      price: 0,
      currency: "CNY",
      barcode: "690123",
      image: "https://img/a.jpg",
    },
  ],
};
const hat: Product = {
  handle: "b",
  title: "帽子",
  status: "draft",
  options: [],
  variants: [{ sku: "B-1", options: {}, price: 1, currency: "CNY", weightGrams: null, inventory: null }],
};

const checked = (p: Product, rest: Omit<CheckedProduct, "handle" | "product">): CheckedProduct => ({
  handle: p.handle,
  ...rest,
  product: p,
});
/** What the main thread must rebuild: the products as table rows, without the Product objects. */
const asRows = (c: CheckedChunk): CheckedChunk => ({
  ...c,
  products: c.products.map(({ product, ...rest }) => ({
    ...rest,
    values: { product: productRow(product as Product, rest.handle), variants: variantRows(product as Product, rest.handle) },
  })),
});

const chunk: CheckedChunk = {
  fi: 1,
  rowsRead: 7,
  issues: [{ severity: "error", at: { file: FILE, row: 9 }, message: "price is empty" }],
  products: [
    checked(tee, { at: { file: FILE, row: 2 }, rows: [2, 5], skus: [" A-1 ", ""], issues: [], seo: [] }),
    // A product whose first row is in another file (several inputs share a handle).
    checked(hat, {
      at: { file: "/data/other.csv", row: 4, column: "handle" },
      rows: [3],
      skus: ["B-1"],
      issues: [{ ...warning, severity: "error", message: "SKU B-1 twice" }],
      seo: [warning],
    }),
  ],
};

describe("packChunk / unpackChunk", () => {
  it("gives back the chunk as the table rows the in-process check makes", () => {
    const packed = packChunk(chunk, FILE);
    if (!packed) throw new Error("a chunk of products packs");
    // Structured clone as postMessage does it.
    const crossed = structuredClone(packed);
    const back = unpackChunk(crossed, FILE);
    expect(back).toEqual(asRows(chunk));
    // Byte for byte, key order included (the JSON columns are compared as strings by later imports).
    expect(JSON.stringify(back)).toBe(JSON.stringify(asRows(chunk)));
  });

  it("is flat: no object per product or variant", () => {
    const packed = packChunk(chunk, FILE);
    const objects = packed?.data.filter((x) => typeof x === "object" && x !== null && !Array.isArray(x));
    // Only the CellRef of the product from another file.
    expect(objects).toEqual([{ file: "/data/other.csv", row: 4, column: "handle" }]);
  });

  it("refuses checked products without their Product (table rows travel as they are)", () => {
    const { product: _product, ...rest } = chunk.products[0] as CheckedProduct;
    expect(packChunk({ ...chunk, products: [rest] }, FILE)).toBeUndefined();
  });
});
