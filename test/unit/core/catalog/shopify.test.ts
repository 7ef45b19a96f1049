import { describe, expect, it } from "vitest";
import { errors, product, runSheet } from "./sheet.js";

// Shopify's own sample (legacy header set, reference/platforms.md §2.3 [F1]), trimmed to the
// columns that matter plus a few it ignores.
const LEGACY = [
  "Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Variant Compare At Price,Variant Barcode,Image Src,Image Position,Variant Image,Cost per item,Status",
  'example-shirt,Example Shirt,<p>Soft</p>,Acme,Apparel & Accessories > Clothing > Clothing Tops > T-Shirts,Shirts,"cotton, summer",TRUE,Color,Green,Size,S,,,SRT_COT_111,200,10,29.00,35.00,,https://x.test/shirt.jpg,1,,12.50,active',
  "example-shirt,,,,,,,,,Green,,M,,,SRT_COT_112,200,10,29.00,35.00,,,,,12.50,",
  "example-shirt,,,,,,,,,Blue,,S,,,SRT_COT_211,200,0,29.00,,,https://x.test/shirt-2.jpg,2,https://x.test/blue.jpg,12.50,",
  "example-pants,Example Pants,,Acme,,Pants,,FALSE,Size,28,,,,,PANTS-28,500,5,49.99,,,https://x.test/p1.jpg,1,,,draft",
  "example-pants,,,,,,,,,30,,,,,PANTS-30,500,5,49.99,,,,,,,",
  "example-pants,,,,,,,,,,,,,,,,,,,,https://x.test/p2.jpg,2,,,",
  "example-hat,Example Hat,,Acme,,Hats,,TRUE,Title,Default Title,,,,,HAT-1,100,1,15.00,,0012345678905,,,,,archived",
].join("\n");

// The 2024+ header set: follow-on rows leave Title blank and repeat URL handle.
const CURRENT = [
  "Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Price,Compare-at price,Cost per item,Inventory quantity,Weight value (grams),Product image URL,Variant image URL",
  "The Band,the-band,Tee,Band Co,,T-Shirts,,TRUE,active,BAND-S-BLK,,Size,S,,Color,Black,product.metafields.shopify.color-pattern,25.00,,,5,180,https://x.test/band.jpg,",
  ",the-band,,,,,,,,BAND-M-BLK,,,M,,,Black,,25.00,,,5,180,,",
  ",the-band,,,,,,,,BAND-S-WHT,,,S,,,White,,25.00,,,5,180,,",
  "eBook,ebook,,Music Man,,,,TRUE,active,EB-PDF,,Format,PDF,,,,,9.99,,,0,0,,",
  ",ebook,,,,,,,,EB-AUDIO,,,Audio,,,,,14.99,,,0,0,,",
].join("\n");

describe("Shopify product CSV", () => {
  it("legacy headers: groups by handle, options through the dictionary, image rows, Default Title", () => {
    const r = runSheet(LEGACY, { currency: "USD" });
    expect(r.mapping.dialect).toBe("shopify");
    expect(r.issues).toEqual([]);
    expect(r.products.map((p) => p.handle)).toEqual(["example-shirt", "example-pants", "example-hat"]);

    const shirt = product(r, "example-shirt");
    expect(shirt).toMatchObject({
      title: "Example Shirt",
      description: "<p>Soft</p>",
      vendor: "Acme",
      category: "Apparel & Accessories > Clothing > Clothing Tops > T-Shirts",
      tags: ["cotton", "summer"],
      status: "active",
      options: ["colour", "size"],
      images: ["https://x.test/shirt.jpg", "https://x.test/shirt-2.jpg"],
    });
    expect(
      shirt.variants.map((v) => [v.sku, v.options, v.price, v.compareAtPrice, v.cost, v.weightGrams, v.inventory, v.image ?? null]),
    ).toEqual([
      ["SRT_COT_111", { colour: "Green", size: "S" }, 2900, 3500, 1250, 200, 10, null],
      ["SRT_COT_112", { colour: "Green", size: "M" }, 2900, 3500, 1250, 200, 10, null],
      ["SRT_COT_211", { colour: "Blue", size: "S" }, 2900, null, 1250, 200, 0, "https://x.test/blue.jpg"],
    ]);
    // The store's words are kept (a platform export is not renamed); the canonical values sit beside them.
    expect(shirt.variants.map((v) => v.attributes)).toEqual([
      { colour: "green", size: "S" },
      { colour: "green", size: "M" },
      { colour: "blue", size: "S" },
    ]);
    expect(shirt.optionNames).toEqual(["Color", "Size"]);
    expect(shirt.axisColumns.get("colour")).toBe("Option1 Value");

    const pants = product(r, "example-pants");
    // No Product Category: the Type column stands in; Status wins over Published.
    expect(pants).toMatchObject({
      category: "Pants",
      status: "draft",
      options: ["size"],
      images: ["https://x.test/p1.jpg", "https://x.test/p2.jpg"],
    });
    expect(pants.variants.map((v) => v.options.size)).toEqual(["28", "30"]);

    const hat = product(r, "example-hat");
    expect(hat).toMatchObject({ status: "archived", options: [] });
    expect(hat.variants.map((v) => [v.sku, v.options, v.barcode])).toEqual([["HAT-1", {}, "0012345678905"]]);
  });

  it("2024+ headers: blank titles on follow-on rows, an unknown option name becomes a free-form attribute", () => {
    const r = runSheet(CURRENT, { currency: "USD" });
    expect(r.mapping.dialect).toBe("shopify");
    expect(r.issues).toEqual([]);
    const band = product(r, "the-band");
    expect(band.title).toBe("The Band");
    expect(band.category).toBe("T-Shirts");
    // Option1 is Size, Option2 Color: the store's order is kept so an export writes them back in place.
    expect(band.options).toEqual(["size", "colour"]);
    expect(band.optionNames).toEqual(["Size", "Color"]);
    expect(band.variants.map((v) => v.options)).toEqual([
      { size: "S", colour: "Black" },
      { size: "M", colour: "Black" },
      { size: "S", colour: "White" },
    ]);
    expect(band.variants.map((v) => v.attributes?.colour)).toEqual(["black", "black", "white"]);
    const ebook = product(r, "ebook");
    expect(ebook.options).toEqual(["format"]);
    expect(ebook.variants.map((v) => [v.options.format, v.price])).toEqual([
      ["PDF", 999],
      ["Audio", 1499],
    ]);
  });

  it("an option value with no option name on the product's first row is an error naming row and column", () => {
    const r = runSheet(
      [
        "Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Price",
        "tee,Tee,Size,S,,Red,T-1,10",
        "tee,,,M,Color,Blue,T-2,10",
      ].join("\n"),
      { file: "shop.csv" },
    );
    expect(errors(r.issues).map((i) => [i.at.row, i.at.column, i.message, i.handle])).toEqual([
      [2, "Option2 Value", 'option value "Red" has no option name: Option2 Name is empty on the product\'s first row (row 2)', "tee"],
      [3, "Option2 Value", 'option value "Blue" has no option name: Option2 Name is empty on the product\'s first row (row 2)', "tee"],
    ]);
    expect(product(r, "tee").options).toEqual(["size"]);
  });

  it("an unknown option value is kept with one warning per value, suggesting only a likely typo", () => {
    const r = runSheet(
      [
        "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price",
        "tee,Tee,Color,Bluee,T-1,10",
        "tee,,,musta,T-2,10",
        "tee,,,Bark Grey,T-3,10",
        "cap,Cap,Color,Bluee,C-1,10",
      ].join("\n"),
    );
    expect(errors(r.issues)).toEqual([]);
    const tee = product(r, "tee");
    expect(tee.variants.map((v) => [v.options.colour, v.attributes?.colour])).toEqual([
      ["Bluee", undefined],
      ["musta", undefined],
      ["Bark Grey", "grey"],
    ]);
    expect(r.issues.map((i) => [i.severity, i.at.row, i.at.column, i.hint])).toEqual([
      ["warning", 2, "Option1 Value", 'did you mean "blue"?'],
      ["warning", 3, "Option1 Value", undefined],
    ]);
    expect(r.issues[0]?.message).toBe(
      'colour "Bluee" is not in the attribute dictionary: kept as written, with no canonical colour (add it under attributes.colour in merchops.config.yaml to standardize it)',
    );
  });
});
