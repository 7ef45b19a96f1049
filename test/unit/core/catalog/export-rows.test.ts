/**
 * Export rows per dialect: headers checked against the reference strings (platforms.md §2.2 C,
 * §3.6), rows against values worked out by hand. The dictionary is a small stand-in so these
 * tests say what export does with labels, whatever the real dictionary holds.
 */
import { describe, expect, it } from "vitest";
import type { AttributeDictionary } from "../../../../src/core/attributes/index.js";
import { exportHeaders, moneyText, orderAxes, productRows } from "../../../../src/core/catalog/export-rows.js";
import type { Product } from "../../../../src/core/model.js";

const SIZES = ["S", "M", "L", "XL"];
const LABELS: Record<string, { en: string; zh: string }> = { size: { en: "Size", zh: "尺码" }, colour: { en: "Color", zh: "颜色" } };
const ZH_VALUES: Record<string, string> = { red: "红色", navy: "藏青", burgundy: "酒红" };

const dict: AttributeDictionary = {
  attributeForHeader: () => undefined,
  standardize: (_a, raw) => ({ ok: true, value: raw }),
  compare: (a, x, y) => (a === "size" ? SIZES.indexOf(x) - SIZES.indexOf(y) : x.localeCompare(y)),
  compareAttributes: (a, b) => (a === b ? 0 : a === "colour" ? -1 : b === "colour" ? 1 : a.localeCompare(b)),
  attributeLabel: (a, lang) => LABELS[a]?.[lang === "en" ? "en" : "zh"] ?? a,
  valueLabel: (a, v, lang) => (a === "colour" && lang !== "en" ? (ZH_VALUES[v] ?? v) : v),
  values: (a) => (a === "size" ? SIZES : ["red", "navy", "burgundy"]),
  isFreeForm: () => false,
  names: () => ["colour", "size"],
  likelyTypos: () => [],
};

/** The Shopify 2024+ header (platforms.md §2.2 C), verbatim. */
const SHOPIFY_C =
  "Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Inventory tracker,Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,SEO title,SEO description,Color (product.metafields.shopify.color-pattern),Google Shopping / Google product category,Google Shopping / Gender,Google Shopping / Age group,Google Shopping / Manufacturer part number (MPN),Google Shopping / Ad group name,Google Shopping / Ads labels,Google Shopping / Condition,Google Shopping / Custom product,Google Shopping / Custom label 0,Google Shopping / Custom label 1,Google Shopping / Custom label 2,Google Shopping / Custom label 3,Google Shopping / Custom label 4";

const tee = (): Product => ({
  id: "1",
  handle: "cotton-tee",
  title: "纯棉T恤",
  description: "Soft.",
  vendor: "Acme",
  category: "服装 > 男装 > T恤",
  tags: ["summer", "cotton"],
  status: "active",
  options: ["colour", "size"],
  images: ["https://img/a.jpg", "https://img/b.jpg", "https://img/c.jpg"],
  variants: [
    {
      sku: "SUP-1",
      options: { colour: "red", size: "L" },
      price: 12900,
      compareAtPrice: 15900,
      cost: 4550,
      currency: "CNY",
      barcode: "6901234567892",
      weightGrams: 500,
      inventory: 7,
    },
    { sku: "SUP-2", options: { colour: "navy", size: "M" }, price: 12900, currency: "CNY", inventory: 0, image: "https://img/v.jpg" },
    { sku: "SUP-3", options: { colour: "red", size: "S" }, price: 12900, compareAtPrice: 12900, currency: "CNY", weightGrams: 1250 },
  ],
});

/** Rows as header -> cell maps, for readable assertions (headers are unique in every dialect). */
function asRecords(headers: string[], rows: string[][]): Record<string, string>[] {
  return rows.map((r) => {
    expect(r).toHaveLength(headers.length);
    return Object.fromEntries(headers.map((h, i) => [h, r[i] as string]));
  });
}

describe("moneyText", () => {
  it("writes minor units digit-wise with the currency's digits", () => {
    expect(moneyText(12900, "CNY")).toBe("129.00");
    expect(moneyText(5, "USD")).toBe("0.05");
    expect(moneyText(-1999, "EUR")).toBe("-19.99");
    expect(moneyText(1500, "JPY")).toBe("1500");
    expect(moneyText(1500, "KWD")).toBe("1.500");
    expect(moneyText(900719925474099, "CNY")).toBe("9007199254740.99");
  });
});

describe("native", () => {
  it("en: the template headers, then one column per axis; one row per variant", () => {
    const axes = orderAxes(["size", "colour", "size"], dict);
    expect(axes).toEqual(["colour", "size"]);
    const headers = exportHeaders("native", axes, "en", dict);
    expect(headers.join(",")).toBe(
      "handle,title,description,vendor,category,tags,status,sku,price,compare_at_price,cost,currency,barcode,weight,inventory,image,product_image,Color,Size",
    );
    const rows = productRows(tee(), "native", { lang: "en", dict, currency: "CNY", axes });
    expect(rows).toEqual([
      [
        "cotton-tee",
        "纯棉T恤",
        "Soft.",
        "Acme",
        "服装 > 男装 > T恤",
        "summer, cotton",
        "active",
        "SUP-1",
        "129.00",
        "159.00",
        "45.50",
        "CNY",
        "6901234567892",
        "500g",
        "7",
        "",
        "https://img/a.jpg",
        "red",
        "L",
      ],
      [
        "cotton-tee",
        "纯棉T恤",
        "Soft.",
        "Acme",
        "服装 > 男装 > T恤",
        "summer, cotton",
        "active",
        "SUP-2",
        "129.00",
        "",
        "",
        "CNY",
        "",
        "",
        "0",
        "https://img/v.jpg",
        "https://img/b.jpg",
        "navy",
        "M",
      ],
      [
        "cotton-tee",
        "纯棉T恤",
        "Soft.",
        "Acme",
        "服装 > 男装 > T恤",
        "summer, cotton",
        "active",
        "SUP-3",
        "129.00",
        "129.00",
        "",
        "CNY",
        "",
        "1250g",
        "",
        "",
        "https://img/c.jpg",
        "red",
        "S",
      ],
    ]);
  });

  it("zh: Chinese headers and labels; an axis the product lacks stays empty", () => {
    const axes = ["colour", "material", "size"];
    const headers = exportHeaders("native", axes, "zh", dict);
    expect(headers.join(",")).toBe(
      "款号,商品名称,商品描述,品牌,类目,标签,状态,商家编码,售价,划线价,成本价,币种,条码,重量,库存,图片,主图,颜色,material,尺码",
    );
    const [first] = asRecords(headers, productRows({ ...tee(), status: "draft" }, "native", { lang: "zh", dict, currency: "CNY", axes }));
    expect(first).toMatchObject({ 状态: "草稿", 颜色: "红色", material: "", 尺码: "L", 售价: "129.00" });
  });

  it("refuses (as a bug) axes that miss one of the product's", () => {
    expect(() => productRows(tee(), "native", { lang: "en", dict, currency: "CNY", axes: ["size"] })).toThrow(/miss "colour"/);
  });
});

describe("shopify", () => {
  const headers = exportHeaders("shopify", [], "en", dict);

  it("the header is the current dialect, exactly", () => {
    expect(headers.join(",")).toBe(SHOPIFY_C);
    expect(headers).toHaveLength(53);
  });

  it("rows grouped by handle: product fields on the first, option values on every row, image rows after", () => {
    const rows = asRecords(headers, productRows(tee(), "shopify", { lang: "en", dict, currency: "CNY" }));
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r["URL handle"])).toEqual(Array(5).fill("cotton-tee"));
    expect(rows[0]).toMatchObject({
      Title: "纯棉T恤",
      Description: "Soft.",
      Vendor: "Acme",
      Type: "服装 > 男装 > T恤",
      "Product category": "",
      Tags: "summer, cotton",
      "Published on online store": "TRUE",
      Status: "active",
      SKU: "SUP-1",
      Barcode: "6901234567892",
      "Option1 name": "Color",
      "Option1 value": "red",
      "Option2 name": "Size",
      "Option2 value": "L",
      "Option3 name": "",
      Price: "129.00",
      "Compare-at price": "159.00",
      "Cost per item": "45.50",
      "Inventory tracker": "shopify",
      "Inventory quantity": "7",
      "Weight value (grams)": "500",
      "Weight unit for display": "g",
      "Product image URL": "https://img/a.jpg",
      "Image position": "1",
    });
    expect(rows[1]).toMatchObject({
      Title: "",
      Status: "",
      "Option1 name": "",
      "Option1 value": "navy",
      "Option2 value": "M",
      SKU: "SUP-2",
    });
    expect(rows[1]?.["Variant image URL"]).toBe("https://img/v.jpg");
    expect(rows[1]?.["Product image URL"]).toBe("");
    // Image-only rows: handle + image, nothing of a variant.
    for (const [i, url] of [
      [3, "https://img/b.jpg"],
      [4, "https://img/c.jpg"],
    ] as const) {
      const filled = Object.entries(rows[i] ?? {}).filter(([, v]) => v !== "");
      expect(Object.fromEntries(filled)).toEqual({ "URL handle": "cotton-tee", "Product image URL": url, "Image position": String(i - 1) });
    }
  });

  it("no options -> Title / Default Title; status lowercase and unpublished when not active", () => {
    const single: Product = {
      id: "2",
      handle: "gift",
      title: "Gift card",
      status: "archived",
      variants: [{ sku: "SUP-G", options: {}, price: 5000, currency: "CNY" }],
    };
    const [row] = asRecords(headers, productRows(single, "shopify", { lang: "en", dict, currency: "CNY" }));
    expect(row).toMatchObject({
      "Option1 name": "Title",
      "Option1 value": "Default Title",
      Status: "archived",
      "Published on online store": "FALSE",
    });
  });

  it("unlisted (Shopify 2025): Status unlisted, published on the online store, as Shopify's own export writes it", () => {
    const hidden: Product = {
      id: "3",
      handle: "wash",
      title: "Wash",
      status: "unlisted",
      variants: [{ sku: "", options: {}, price: 1490, currency: "CNY" }],
    };
    const [row] = asRecords(headers, productRows(hidden, "shopify", { lang: "en", dict, currency: "CNY" }));
    expect(row).toMatchObject({ Status: "unlisted", "Published on online store": "TRUE" });
  });
});

describe("woocommerce", () => {
  /** The exporter's default columns (platforms.md §3.6), with our units and the recent GTIN / COGS columns. */
  const WOO =
    "ID,Type,SKU,GTIN, UPC, EAN, or ISBN,Name,Published,Is featured?,Visibility in catalog,Short description,Description,Date sale price starts,Date sale price ends,Tax status,Tax class,In stock?,Stock,Backorders allowed?,Low stock amount,Sold individually?,Weight (kg),Length (cm),Width (cm),Height (cm),Allow customer reviews?,Purchase note,Sale price,Regular price,Categories,Tags,Shipping class,Images,Download limit,Download expiry days,Parent,Upsells,Cross-sells,Grouped products,External URL,Button text,Position,Brands,Cost of goods";

  it("headers: the exporter's columns, then four per attribute slot", () => {
    const headers = exportHeaders("woocommerce", ["colour", "size"], "en", dict);
    expect(headers.join(",")).toBe(
      `${WOO},Attribute 1 name,Attribute 1 value(s),Attribute 1 visible,Attribute 1 global,Attribute 2 name,Attribute 2 value(s),Attribute 2 visible,Attribute 2 global`,
    );
  });

  it("a variable parent (SKU = handle, all values) then variations naming it", () => {
    const axes = ["colour", "size"];
    const headers = exportHeaders("woocommerce", axes, "en", dict);
    const rows = asRecords(headers, productRows(tee(), "woocommerce", { lang: "en", dict, currency: "CNY", axes }));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      Type: "variable",
      SKU: "cotton-tee",
      Name: "纯棉T恤",
      Published: "1",
      Categories: "服装 > 男装 > T恤",
      Tags: "summer, cotton",
      Brands: "Acme",
      Images: "https://img/a.jpg, https://img/b.jpg, https://img/c.jpg",
      Parent: "",
      "Regular price": "",
      "Attribute 1 name": "Color",
      "Attribute 1 value(s)": "navy, red",
      "Attribute 1 visible": "1",
      "Attribute 1 global": "0",
      "Attribute 2 name": "Size",
      "Attribute 2 value(s)": "S, M, L",
    });
    expect(rows.slice(1).map((r) => [r.Type, r.SKU, r.Parent, r["Attribute 1 value(s)"], r["Attribute 2 value(s)"]])).toEqual([
      ["variation", "SUP-1", "cotton-tee", "red", "L"],
      ["variation", "SUP-2", "cotton-tee", "navy", "M"],
      ["variation", "SUP-3", "cotton-tee", "red", "S"],
    ]);
    // A compare-at above the price is a sale; equal is no sale.
    expect(rows[1]).toMatchObject({
      "Regular price": "159.00",
      "Sale price": "129.00",
      "Weight (kg)": "0.5",
      Stock: "7",
      "In stock?": "1",
    });
    expect(rows[1]?.["GTIN, UPC, EAN, or ISBN"]).toBe("6901234567892");
    expect(rows[1]?.["Cost of goods"]).toBe("45.50");
    expect(rows[2]).toMatchObject({
      "Regular price": "129.00",
      "Sale price": "",
      Stock: "0",
      "In stock?": "0",
      Images: "https://img/v.jpg",
    });
    expect(rows[3]).toMatchObject({ "Regular price": "129.00", "Sale price": "", "Weight (kg)": "1.25" });
  });

  it("one variant and no axes -> one simple row with the variant's SKU", () => {
    const headers = exportHeaders("woocommerce", ["colour"], "en", dict);
    const single: Product = {
      id: "2",
      handle: "mug",
      title: "Mug",
      status: "draft",
      images: ["https://img/m.jpg"],
      variants: [{ sku: "SUP-M", options: {}, price: 3900, compareAtPrice: 4900, currency: "CNY", weightGrams: 12000 }],
    };
    const rows = asRecords(headers, productRows(single, "woocommerce", { lang: "en", dict, currency: "CNY", axes: ["colour"] }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Type: "simple",
      SKU: "SUP-M",
      Published: "-1",
      "Regular price": "49.00",
      "Sale price": "39.00",
      "Weight (kg)": "12",
      Images: "https://img/m.jpg",
      "Attribute 1 name": "",
    });
  });

  it("unlisted -> published, catalog visibility hidden (sold by link, shown in neither shop nor search)", () => {
    const headers = exportHeaders("woocommerce", [], "en", dict);
    const hidden: Product = {
      id: "3",
      handle: "wash",
      title: "Wash",
      status: "unlisted",
      variants: [{ sku: "W-1", options: {}, price: 1490, currency: "CNY" }],
    };
    const [row] = asRecords(headers, productRows(hidden, "woocommerce", { lang: "en", dict, currency: "CNY", axes: [] }));
    expect(row).toMatchObject({ Published: "1", "Visibility in catalog": "hidden" });
  });
});
