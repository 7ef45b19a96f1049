import { describe, expect, it } from "vitest";
import { draftToProduct, SkuTracker, validateProduct } from "../../../../src/core/catalog/index.js";
import type { ProductDraft } from "../../../../src/core/catalog/types.js";
import { dict, errors, product, runSheet } from "./sheet.js";

const validated = (csv: string, target?: "shopify" | "woocommerce" | "youzan" | "local") => {
  const r = runSheet(csv, { file: "v.csv" });
  return { r, issues: r.products.flatMap((p) => validateProduct(p, { dict, ...(target ? { target } : {}) })) };
};

describe("validateProduct", () => {
  it("a clean product has no issues", () => {
    const { r, issues } = validated("handle,title,sku,size,colour,price,compare at price\np,Tee,A,S,red,10,12\np,,B,M,red,10,10\n");
    expect(errors(r.issues)).toEqual([]);
    expect(issues).toEqual([]);
  });

  it("a variant missing an axis is an error naming its row and column", () => {
    const { issues } = validated("handle,title,sku,尺码,颜色,price\np,Tee,A,S,红,10\np,,B,M,,10\n");
    expect(errors(issues).map((i) => [i.at.row, i.at.column, i.message, i.sku])).toEqual([
      [3, "颜色", '颜色 is empty; every variant of "p" needs a colour', "B"],
    ]);
  });

  it("an axis value the dictionary does not know is kept (a warning by the parser), not reported as missing", () => {
    const { r, issues } = validated("handle,title,sku,size,price\np,Tee,A,S,10\np,,B,XLL,10\n");
    expect(r.issues.map((i) => [i.severity, i.at.row, i.at.column])).toEqual([["warning", 3, "size"]]);
    expect(issues).toEqual([]);
    expect(product(r, "p").options).toEqual(["size"]);
    expect(product(r, "p").variants.map((v) => v.options.size)).toEqual(["S", "XLL"]);
  });

  it("duplicate axis combinations (case-insensitive, after standardization) name both rows", () => {
    const { issues } = validated("handle,title,sku,size,colour,price\np,Tee,A,XL,Red,10\np,,B,S,red,10\np,,C,加大码,红色,10\n");
    expect(errors(issues).map((i) => [i.at.row, i.at.column, i.message])).toEqual([
      [4, "colour", 'rows 2 and 4 are the same variant of "p" (colour red, size XL)'],
    ]);
    // Free-form values compare ignoring case too.
    const shop = runSheet(
      ["Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price", "e,E,Format,PDF,E1,5", "e,,,pdf,E2,5"].join("\n"),
    );
    expect(validateProduct(product(shop, "e"), { dict }).map((i) => i.message)).toEqual([
      'rows 2 and 3 are the same variant of "e" (format pdf)',
    ]);
  });

  it("two variants with no options at all are the same variant", () => {
    const { issues } = validated("handle,title,sku,price\np,Tee,A,10\np,,B,10\n");
    expect(errors(issues).map((i) => i.message)).toEqual(['rows 2 and 3 are the same variant of "p" (no options)']);
  });

  it("a price of 0 and a compare-at below the price are warnings, as the platforms take them; the compare-at is not sent", () => {
    const { r, issues } = validated("handle,title,sku,size,price,原价\np,Tee,A,S,0,\np,,B,M,100,99.99\np,,C,L,100,100\n");
    expect(errors(r.issues)).toEqual([]);
    expect(errors(issues)).toEqual([]);
    expect([...r.issues, ...issues].map((i) => [i.severity, i.at.row, i.at.column, i.message])).toEqual([
      ["warning", 3, "原价", "compare-at price 99.99 is below the price 100.00: it is not sent (the store shows no sale)"],
      ["warning", 2, "price", "price is 0: the variant will be free"],
    ]);
    expect(product(r, "p").variants.map((v) => v.compareAtPrice)).toEqual([null, null, 10000]);
  });

  it("a missing title is an error; the title limit and the 3-axis limit follow the target", () => {
    const long = "x".repeat(120);
    const csv = `handle,title,sku,size,colour,material,flavour,price\np,,A,S,red,cotton,,10\nq,${long},B,S,red,cotton,vanilla,10\n`;
    const plain = validated(csv);
    expect(plain.issues.map((i) => [i.severity, i.handle, i.message])).toEqual([
      ["error", "p", 'product "p" has no title'],
      ["warning", "q", 'product "q" has 4 option axes (colour, size, flavour, material); Shopify allows 3'],
    ]);
    const shopify = validated(csv, "shopify").issues.filter((i) => i.handle === "q");
    expect(shopify.map((i) => i.severity)).toEqual(["error"]);
    const youzan = validated(csv, "youzan").issues.filter((i) => i.handle === "q");
    expect(youzan.map((i) => i.message)).toEqual([
      "title is 120 characters; youzan accepts at most 100",
      'product "q" has 4 option axes (colour, size, flavour, material); Shopify allows 3',
    ]);
  });
});

describe("SkuTracker", () => {
  it("names both places, across files, ignoring case and width", () => {
    const t = new SkuTracker();
    expect(t.see("AB-1", { file: "a.csv", row: 2 })).toBeUndefined();
    expect(t.see("CD-2", { file: "a.csv", row: 3 })).toBeUndefined();
    expect(t.see("ab-1", { file: "a.csv", row: 9 })?.message).toBe('SKU "ab-1" is also used at row 2');
    expect(t.see("ＣＤ-2", { file: "b.csv", row: 4 })).toMatchObject({
      severity: "error",
      at: { file: "b.csv", row: 4 },
      message: 'SKU "ＣＤ-2" is also used at a.csv, row 3',
      sku: "ＣＤ-2",
    });
    expect(t.see("", { file: "b.csv", row: 5 })).toBeUndefined();
    expect(t.size).toBe(2);
  });

  it("keeps rows beyond a million and many files apart", () => {
    const t = new SkuTracker();
    for (let f = 0; f < 3; f++) t.see(`S${f}`, { file: `f${f}.csv`, row: 1_500_000 + f });
    expect(t.see("s2", { file: "g.csv", row: 1 })?.message).toBe('SKU "s2" is also used at f2.csv, row 1500002');
  });
});

describe("draftToProduct", () => {
  it("gives the core Product: id = handle, options in axis order, no empty fields", () => {
    const r = runSheet(
      'handle,title,sku,颜色,尺码,price,原价,条码,重量,库存,tags\np,Tee,A,红,XL,10,12,0123,1kg,4,"a,b"\np,,B,蓝,S,11,,,,,\n',
    );
    const p = draftToProduct(product(r, "p"), "CNY");
    expect(p).toEqual({
      id: "p",
      handle: "p",
      title: "Tee",
      status: "active",
      tags: ["a", "b"],
      options: ["colour", "size"],
      variants: [
        {
          sku: "A",
          options: { colour: "red", size: "XL" },
          attributes: { colour: "red", size: "XL" },
          price: 1000,
          compareAtPrice: 1200,
          cost: null,
          currency: "CNY",
          barcode: "0123",
          weightGrams: 1000,
          inventory: 4,
        },
        {
          sku: "B",
          options: { colour: "blue", size: "S" },
          attributes: { colour: "blue", size: "S" },
          price: 1100,
          compareAtPrice: null,
          cost: null,
          currency: "CNY",
          weightGrams: null,
          inventory: null,
        },
      ],
    });
    expect(Object.keys(p.variants[0]?.options ?? {})).toEqual(["colour", "size"]);
  });

  it("works on a hand-built draft (no source columns)", () => {
    const draft: ProductDraft = {
      at: { file: "x", row: 2 },
      handle: "h",
      title: "H",
      status: "draft",
      options: ["size"],
      variants: [
        {
          at: { file: "x", row: 2 },
          sku: "1",
          options: {},
          price: 5,
          compareAtPrice: null,
          cost: null,
          currency: "CNY",
          weightGrams: null,
          inventory: null,
        },
      ],
    };
    expect(validateProduct(draft, { dict }).map((i) => [i.at.column, i.message])).toEqual([
      ["Size", 'Size is empty; every variant of "h" needs a size'],
    ]);
  });
});
