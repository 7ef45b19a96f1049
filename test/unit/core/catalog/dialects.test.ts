import { describe, expect, it } from "vitest";
import { detectDialect, mapHeaders } from "../../../../src/core/catalog/index.js";
import { dict } from "./sheet.js";

// Header rows exactly as the platforms write them (reference/platforms.md §2.2, §3.6).
const SHOPIFY_2023 =
  "Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Google Shopping / Google Product Category,Google Shopping / Gender,Google Shopping / Age Group,Google Shopping / MPN,Google Shopping / Condition,Google Shopping / Custom Product,Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Included / United States,Price / United States,Compare At Price / United States,Included / International,Price / International,Compare At Price / International,Status".split(
    ",",
  );
const SHOPIFY_2019 =
  "Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Google Shopping / Google Product Category,Google Shopping / Gender,Google Shopping / Age Group,Google Shopping / MPN,Google Shopping / AdWords Grouping,Google Shopping / AdWords Labels,Google Shopping / Condition,Google Shopping / Custom Product,Google Shopping / Custom Label 0,Google Shopping / Custom Label 1,Google Shopping / Custom Label 2,Google Shopping / Custom Label 3,Google Shopping / Custom Label 4,Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item".split(
    ",",
  );
const SHOPIFY_2024 =
  "Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Unit price total measure,Unit price total measure unit,Unit price base measure,Unit price base measure unit,Inventory tracker,Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,SEO title,SEO description,Color (product.metafields.shopify.color-pattern),Google Shopping / Google product category,Google Shopping / Gender,Google Shopping / Age group,Google Shopping / Manufacturer part number (MPN),Google Shopping / Ad group name,Google Shopping / Ads labels,Google Shopping / Condition,Google Shopping / Custom product,Google Shopping / Custom label 0,Google Shopping / Custom label 1,Google Shopping / Custom label 2,Google Shopping / Custom label 3,Google Shopping / Custom label 4,Price / International,Compare-at price / International".split(
    ",",
  );
const WOO = [
  "ID",
  "Type",
  "SKU",
  "GTIN, UPC, EAN, or ISBN",
  "Name",
  "Published",
  "Is featured?",
  "Visibility in catalog",
  "Short description",
  "Description",
  "Date sale price starts",
  "Date sale price ends",
  "Tax status",
  "Tax class",
  "In stock?",
  "Stock",
  "Backorders allowed?",
  "Low stock amount",
  "Sold individually?",
  "Weight (kg)",
  "Length (cm)",
  "Width (cm)",
  "Height (cm)",
  "Allow customer reviews?",
  "Purchase note",
  "Sale price",
  "Regular price",
  "Categories",
  "Tags",
  "Shipping class",
  "Images",
  "Download limit",
  "Download expiry days",
  "Parent",
  "Grouped products",
  "Upsells",
  "Cross-sells",
  "External URL",
  "Button text",
  "Position",
  "Brands",
  "Attribute 1 name",
  "Attribute 1 value(s)",
  "Attribute 1 visible",
  "Attribute 1 global",
  "Attribute 2 name",
  "Attribute 2 value(s)",
  "Attribute 2 visible",
  "Attribute 2 global",
  "Meta: _wpcom_is_markdown",
  "Download 1 ID",
  "Download 1 name",
  "Download 1 URL",
];

const fieldOf = (mapping: ReturnType<typeof mapHeaders>, header: string) => mapping.columns.find((c) => c.header === header)?.field;

describe("detectDialect", () => {
  it("recognises each Shopify header set, WooCommerce, and falls back to native", () => {
    expect(detectDialect(SHOPIFY_2023)).toBe("shopify");
    expect(detectDialect(SHOPIFY_2019)).toBe("shopify");
    expect(detectDialect(SHOPIFY_2024)).toBe("shopify");
    expect(detectDialect(WOO)).toBe("woocommerce");
    expect(detectDialect(["款号", "商品名称", "商家编码", "尺码", "颜色", "售价"])).toBe("native");
    // The native template's English headers include "handle" but none of Shopify's variant columns.
    expect(detectDialect(["handle", "title", "sku", "size", "price"])).toBe("native");
  });
});

describe("mapHeaders: Shopify", () => {
  it.each([
    ["2019", SHOPIFY_2019],
    ["2023", SHOPIFY_2023],
    ["2024+", SHOPIFY_2024],
  ])("maps every column of the %s header set, none left unmatched", (_name, headers) => {
    const m = mapHeaders(headers, { dict, file: "s.csv" });
    expect(m.dialect).toBe("shopify");
    expect(m.unmatched).toEqual([]);
    expect(m.problems).toEqual([]);
    const fields = new Map(m.columns.map((c) => [c.field, c.header]));
    for (const f of [
      "handle",
      "title",
      "description",
      "sku",
      "price",
      "compareAtPrice",
      "barcode",
      "inventory",
      "weight",
      "cost",
    ] as const) {
      expect(fields.has(f), `${f} mapped`).toBe(true);
    }
    expect(fields.get("shopify:option1Name")).toMatch(/^Option1 [Nn]ame$/);
    expect(fields.get("shopify:option3Value")).toMatch(/^Option3 [Vv]alue$/);
  });

  it("maps the 2023 and 2024 spellings of the same columns to the same fields", () => {
    const a = mapHeaders(SHOPIFY_2023, { dict });
    const c = mapHeaders(SHOPIFY_2024, { dict });
    expect(fieldOf(a, "Variant Compare At Price")).toBe("compareAtPrice");
    expect(fieldOf(c, "Compare-at price")).toBe("compareAtPrice");
    expect(fieldOf(a, "Handle")).toBe("handle");
    expect(fieldOf(c, "URL handle")).toBe("handle");
    expect(fieldOf(a, "Image Src")).toBe("productImage");
    expect(fieldOf(c, "Product image URL")).toBe("productImage");
    expect(fieldOf(c, "Price / International")).toBe("ignore");
    expect(fieldOf(c, "Color (product.metafields.shopify.color-pattern)")).toBe("ignore");
    expect(c.columns.find((x) => x.field === "weight")?.unit).toBe("g");
  });

  it("requires the handle column", () => {
    const m = mapHeaders(["Title", "Option1 Name", "Option1 Value", "Variant SKU", "Variant Price"], {
      dict,
      dialect: "shopify",
      file: "s.csv",
    });
    expect(m.problems.map((p) => p.message)).toEqual([expect.stringContaining('required column missing: "Handle"')]);
  });
});

describe("mapHeaders: WooCommerce", () => {
  it("maps the exporter's columns, attribute slots and the weight unit", () => {
    const m = mapHeaders(WOO, { dict });
    expect(m.dialect).toBe("woocommerce");
    expect(m.unmatched).toEqual([]);
    expect(m.problems).toEqual([]);
    expect(fieldOf(m, "Attribute 2 name")).toBe("woo:attrName:2");
    expect(fieldOf(m, "Attribute 2 value(s)")).toBe("woo:attrValues:2");
    expect(fieldOf(m, "Attribute 1 global")).toBe("ignore");
    expect(fieldOf(m, "Parent")).toBe("woo:parent");
    expect(fieldOf(m, "GTIN, UPC, EAN, or ISBN")).toBe("barcode");
    expect(m.columns.find((c) => c.header === "Weight (kg)")).toMatchObject({ field: "weight", unit: "kg" });
  });
});

describe("mapHeaders: native", () => {
  it.each([
    [
      "zh-Hans",
      [
        "款号",
        "商品名称",
        "商品描述",
        "品牌",
        "类目",
        "标签",
        "状态",
        "商家编码",
        "售价",
        "原价",
        "成本价",
        "币种",
        "条形码",
        "重量",
        "库存",
        "图片",
        "尺码",
        "颜色",
      ],
    ],
    [
      "zh-Hant",
      [
        "款號",
        "商品名稱",
        "商品描述",
        "品牌",
        "類目",
        "標籤",
        "狀態",
        "商家編碼",
        "售價",
        "原價",
        "成本價",
        "幣別",
        "條碼",
        "重量",
        "庫存",
        "圖片",
        "尺碼",
        "顏色",
      ],
    ],
    [
      "en",
      [
        "Handle",
        "Title",
        "Description",
        "Brand",
        "Category",
        "Tags",
        "Status",
        "SKU",
        "Price",
        "compare_at_price",
        "Cost",
        "Currency",
        "EAN",
        "Weight",
        "Stock",
        "Image",
        "Size",
        "Colour",
      ],
    ],
  ])("maps the %s template headers to the same fields", (_lang, headers) => {
    const m = mapHeaders(headers, { dict });
    expect(m.dialect).toBe("native");
    expect(m.unmatched).toEqual([]);
    expect(m.problems).toEqual([]);
    expect(m.columns.map((c) => c.field)).toEqual([
      "handle",
      "title",
      "description",
      "vendor",
      "category",
      "tags",
      "status",
      "sku",
      "price",
      "compareAtPrice",
      "cost",
      "currency",
      "barcode",
      "weight",
      "inventory",
      "image",
      "attr:size",
      "attr:colour",
    ]);
  });

  it("matches ignoring case, width, spaces, required-field stars and a unit in brackets", () => {
    const m = mapHeaders(["ＳＫＵ", " Title ", "Compare-At Price", "售价*", "重量(kg)", "Random column"], { dict });
    expect(m.columns.map((c) => c.field)).toEqual(["sku", "title", "compareAtPrice", "price", "weight"]);
    expect(m.columns.find((c) => c.field === "weight")?.unit).toBe("kg");
    expect(m.unmatched).toEqual(["Random column"]);
  });

  it("reports reserved names, two columns for one field and missing required columns", () => {
    const m = mapHeaders(["__proto__", "SKU", "尺码", "Size", "constructor"], { dict, file: "a.csv" });
    const messages = m.problems.map((p) => p.message);
    expect(messages).toContain('column name "__proto__" is not allowed (column 1)');
    expect(messages).toContain('column name "constructor" is not allowed (column 5)');
    expect(messages).toContain('columns "尺码" (column 3) and "Size" (column 4) both give the attribute size');
    expect(messages.filter((x) => x.startsWith("required column missing"))).toHaveLength(2); // price; title or handle
    expect(m.problems.every((p) => p.severity === "error" && p.at.file === "a.csv" && p.at.row === 1)).toBe(true);
    expect(m.columns.some((c) => c.header === "__proto__")).toBe(false);
  });

  it("lets a user mapping override detection and claim unmatched columns", () => {
    const m = mapHeaders(["编码", "名字", "售价", "口径"], {
      dict,
      userMapping: { 编码: "sku", 名字: "title", 口径: "attr:size" },
    });
    expect(m.unmatched).toEqual([]);
    expect(m.problems).toEqual([]);
    expect(m.columns.map((c) => [c.header, c.field])).toEqual([
      ["编码", "sku"],
      ["名字", "title"],
      ["售价", "price"],
      ["口径", "attr:size"],
    ]);
  });
});
