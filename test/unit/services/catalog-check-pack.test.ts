/**
 * The check worker's flat chunk format (catalog-check.ts packChunk / unpackChunk): what the main
 * thread rebuilds is exactly the chunk the worker checked, whatever the SKU spelling, issues and
 * product ids.
 */
import { describe, expect, it } from "vitest";
import type { CatalogIssue } from "../../../src/core/catalog/types.js";
import { type CheckedChunk, fromWire, packChunk, toWire, unpackChunk } from "../../../src/services/catalog-check.js";
import type { ProductValues, VariantValues } from "../../../src/store/catalog-rows.js";

const FILE = "/data/products.csv";
const product = (id: string, handle: string): ProductValues => [
  id,
  handle,
  "Tee",
  null,
  "Northfield",
  "Apparel",
  '["new"]',
  "active",
  '["Colour","Size"]',
  null,
  null,
  null,
];
const variant = (sku: string | null, productId: string, position: number): VariantValues => [
  `opt:black\u001fm${position}`,
  sku,
  productId,
  position,
  '{"Colour":"Black","Size":"M"}',
  null,
  10390,
  null,
  4156,
  "CNY",
  null,
  500,
  260,
  null,
  null,
];
const warning: CatalogIssue = { severity: "warning", at: { file: FILE, row: 3, column: "title" }, message: "title is long", handle: "b" };

const chunk: CheckedChunk = {
  fi: 1,
  rowsRead: 7,
  issues: [{ severity: "error", at: { file: FILE, row: 9 }, message: "price is empty" }],
  products: [
    {
      handle: "a",
      at: { file: FILE, row: 2 },
      rows: [2, 5],
      // As written: one with spaces the store trims, one empty (stored as null).
      skus: [" A-1 ", ""],
      issues: [],
      seo: [],
      values: { product: product("a", "a"), variants: [variant("A-1", "a", 0), variant(null, "a", 1)] },
    },
    {
      handle: "b",
      // A product whose first row is in another file (several inputs share a handle).
      at: { file: "/data/other.csv", row: 4, column: "handle" },
      rows: [3],
      skus: ["B-1"],
      issues: [{ ...warning, severity: "error", message: "SKU B-1 twice" }],
      seo: [warning],
      // A variant row whose product id is not the product's own (never in practice; must survive).
      values: { product: product("b", "b"), variants: [variant("B-1", "other", 0)] },
    },
  ],
};

describe("packChunk / unpackChunk", () => {
  it("gives back the same chunk", () => {
    const packed = packChunk(chunk, FILE);
    if (!packed) throw new Error("a chunk of table rows packs");
    // Structured clone as postMessage does it.
    const crossed = structuredClone(packed);
    expect(unpackChunk(crossed, FILE)).toEqual(chunk);
  });

  it("is flat: no object per product or variant", () => {
    const packed = packChunk(chunk, FILE);
    const objects = packed?.data.objects.filter((x) => !Array.isArray(x));
    // Only the CellRef of the product from another file.
    expect(objects).toEqual([{ file: "/data/other.csv", row: 4, column: "handle" }]);
  });

  it("refuses products without table rows (they travel as objects)", () => {
    const { values: _values, ...rest } = chunk.products[0] as CheckedChunk["products"][number];
    expect(packChunk({ ...chunk, products: [rest] }, FILE)).toBeUndefined();
  });
});

describe("toWire / fromWire", () => {
  it("gives back every value: strings of any script (empty, astral, CR/LF), numbers, null, undefined, objects", () => {
    const values = [
      "",
      "T-shirt 红色 / XL",
      "😀🇨🇳",
      "a\r\nb",
      0,
      -0.5,
      1e21,
      Number.NaN,
      null,
      undefined,
      { file: "x.csv", row: 2 },
      [1, 2],
      "end",
    ];
    const crossed = structuredClone(toWire(values));
    expect(fromWire(crossed)).toEqual(values);
  });
});
