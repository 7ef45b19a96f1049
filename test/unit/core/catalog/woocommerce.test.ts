import { describe, expect, it } from "vitest";
import { errors, product, runSheet } from "./sheet.js";

const HEADER =
  "ID,Type,SKU,Name,Published,Description,Stock,Weight (kg),Sale price,Regular price,Categories,Tags,Images,Parent,Brands,Attribute 1 name,Attribute 1 value(s),Attribute 1 visible,Attribute 1 global,Attribute 2 name,Attribute 2 value(s),Attribute 2 visible,Attribute 2 global";

const PARENT =
  '10,variable,woo-vneck-tee,V-Neck T-Shirt,1,Nice tee,,,,,"Clothing > Tshirts, Sale","summer, tees",https://x.test/vneck.jpg,,Woo,Color,"Blue, Green, Red",1,1,Size,"Large, Medium, Small",1,1';
const VARIATIONS = [
  "11,variation,woo-vneck-tee-red-l,V-Neck T-Shirt - Red,1,,5,0.2,18,20,,,https://x.test/red.jpg,woo-vneck-tee,,Color,Red,,1,Size,Large,,1",
  "12,variation,woo-vneck-tee-green-m,V-Neck T-Shirt - Green,1,,3,0.2,,20,,,,id:10,,Color,Green,,1,Size,Medium,,1",
  '13,"variation, virtual",woo-vneck-tee-blue-s,V-Neck T-Shirt - Blue,1,,0,0.25,,22.5,,,,woo-vneck-tee,,Color,Blue,,1,Size,Small,,1',
];
const SIMPLE = "20,simple,woo-beanie,Beanie,-1,,7,0.1,,18,Clothing > Accessories,,,,,Material,Cotton,1,0,,,,";

describe("WooCommerce product CSV", () => {
  const expectVneck = (csv: string) => {
    const r = runSheet(csv, { currency: "USD" });
    expect(r.mapping.dialect).toBe("woocommerce");
    expect(r.issues).toEqual([]);
    expect(r.products.map((p) => p.handle).sort()).toEqual(["beanie", "v-neck-t-shirt"]);
    const tee = product(r, "v-neck-t-shirt");
    expect(tee).toMatchObject({
      title: "V-Neck T-Shirt",
      description: "Nice tee",
      vendor: "Woo",
      category: "Clothing > Tshirts",
      tags: ["summer", "tees"],
      status: "active",
      options: ["colour", "size"],
      images: ["https://x.test/vneck.jpg"],
    });
    // Variations in file order; sale price present -> price = sale, compare-at = regular.
    expect(tee.variants.map((v) => [v.sku, v.options, v.price, v.compareAtPrice, v.inventory, v.weightGrams, v.image ?? null])).toEqual([
      ["woo-vneck-tee-red-l", { colour: "Red", size: "Large" }, 1800, 2000, 5, 200, "https://x.test/red.jpg"],
      ["woo-vneck-tee-green-m", { colour: "Green", size: "Medium" }, 2000, null, 3, 200, null],
      ["woo-vneck-tee-blue-s", { colour: "Blue", size: "Small" }, 2250, null, 0, 250, null],
    ]);
    // The store's words stay; the canonical values sit beside them, and the store's attribute names too.
    expect(tee.variants.map((v) => v.attributes)).toEqual([
      { colour: "red", size: "L" },
      { colour: "green", size: "M" },
      { colour: "blue", size: "S" },
    ]);
    expect(tee.optionNames).toEqual(["Color", "Size"]);
    const beanie = product(r, "beanie");
    expect(beanie).toMatchObject({ status: "draft", options: [], category: "Clothing > Accessories" });
    expect(beanie.variants.map((v) => [v.sku, v.options, v.price])).toEqual([["woo-beanie", {}, 1800]]);
    return r;
  };

  it("variable product with its variations after the parent", () => {
    expectVneck([HEADER, PARENT, ...VARIATIONS, SIMPLE].join("\n"));
  });

  it("variations before their parent work in whole-file mode", () => {
    expectVneck([HEADER, ...VARIATIONS, SIMPLE, PARENT].join("\n"));
  });

  it("streaming mode: simple products stream, variable products wait for the end of the file", () => {
    const r = runSheet([HEADER, SIMPLE, PARENT, ...VARIATIONS].join("\n"), { currency: "USD", streaming: true });
    expect(r.issues).toEqual([]);
    expect(r.emitted).toEqual([
      { handle: "beanie", afterRow: 2 },
      { handle: "v-neck-t-shirt", afterRow: Number.POSITIVE_INFINITY },
    ]);
    expect(product(r, "v-neck-t-shirt").variants).toHaveLength(3);
  });

  it("a variation whose parent is missing is an error naming the row and the parent reference", () => {
    const r = runSheet([HEADER, SIMPLE, VARIATIONS[0], VARIATIONS[1]].join("\n"), { file: "woo.csv", currency: "USD" });
    expect(errors(r.issues).map((i) => [i.at.file, i.at.row, i.at.column, i.message])).toEqual([
      ["woo.csv", 3, "Parent", 'the variation\'s parent "woo-vneck-tee" is not in the file'],
      ["woo.csv", 4, "Parent", 'the variation\'s parent "id:10" is not in the file'],
    ]);
  });

  it("a variation naming a simple product, or a value its parent does not list, is an error", () => {
    const other = "14,variation,woo-beanie-x,Beanie X,1,,1,,,18,,,,woo-beanie,,Material,Wool,,0,,,,";
    const purple = "15,variation,woo-vneck-tee-purple-l,V,1,,1,,,20,,,,woo-vneck-tee,,Color,Purple,,1,Size,Large,,1";
    const r = runSheet([HEADER, PARENT, SIMPLE, other, purple].join("\n"), { currency: "USD" });
    expect(errors(r.issues).map((i) => [i.at.row, i.at.column, i.message])).toEqual([
      [4, "Parent", 'the variation\'s parent "woo-beanie" (row 3) is a simple product, not a variable one'],
      [5, "Attribute 1 value(s)", 'colour "Purple" is not among the values its parent (row 2) lists in Attribute 1 value(s)'],
    ]);
  });

  it("variation cell errors name the product once so it can be left out", () => {
    const bad = "16,variation,woo-vneck-tee-x,V,1,,1,,,abc,,,,woo-vneck-tee,,Color,Red,,1,Size,XLL,,1";
    const r = runSheet([HEADER, bad, PARENT].join("\n"), { currency: "USD" });
    expect(errors(r.issues).map((i) => [i.at.row, i.at.column ?? null, i.handle ?? null])).toEqual([
      [2, "Regular price", null],
      [2, "Attribute 2 value(s)", "v-neck-t-shirt"],
      [2, null, "v-neck-t-shirt"],
    ]);
    // XLL itself is only unknown (kept, a warning that suggests the typo's fix).
    const warning = r.issues.find((i) => i.severity === "warning");
    expect([warning?.at.column, warning?.hint]).toEqual(["Attribute 2 value(s)", 'did you mean "XL", "XXL"?']);
  });
});
