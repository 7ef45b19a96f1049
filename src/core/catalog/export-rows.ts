/**
 * Products as spreadsheet rows for `catalog export`, in three dialects: the native merchops
 * template (one row per variant, en or zh headers), Shopify's current product CSV (rows grouped by
 * handle, image-only rows for extra images) and WooCommerce's exporter layout (a variable parent
 * and its variation rows, or one simple row). Cells are raw strings: money as decimal text with
 * the currency's digits, option values canonical so a re-import gives the same product. The
 * writer, not this file, guards against formula injection.
 *
 * Headers come first (`exportHeaders`), rows per product after (`productRows`); both take the same
 * `axes`: every option axis of the export, in the dictionary's order (`orderAxes`).
 */
import type { AttributeDictionary } from "../attributes/index.js";
import type { Product, Variant } from "../model.js";
import { minorToDecimal } from "../values.js";
import { TAOBAO_EXPORT_FIELDS, taobaoRow } from "./taobao-export.js";
import type { CatalogDialect } from "./types.js";

export type ExportLang = "en" | "zh";

export interface ExportRowOptions {
  lang: ExportLang;
  dict: AttributeDictionary;
  /** The store's currency: used when a variant carries none. */
  currency: string;
  /** The axes given to `exportHeaders`; defaults to the product's own (right for Shopify, and for one product). */
  axes?: readonly string[];
}

// --- Headers -------------------------------------------------------------------------------------

/** The merchops template's columns before the attribute columns, in both languages. */
export const NATIVE_HEADERS: Record<ExportLang, readonly string[]> = {
  en: [
    "handle",
    "title",
    "description",
    "vendor",
    "category",
    "tags",
    "status",
    "sku",
    "price",
    "compare_at_price",
    "cost",
    "currency",
    "barcode",
    "weight",
    "inventory",
    "image",
    "product_image",
  ],
  zh: [
    "款号",
    "商品名称",
    "商品描述",
    "品牌",
    "类目",
    "标签",
    "状态",
    "商家编码",
    "售价",
    "划线价",
    "成本价",
    "币种",
    "条码",
    "重量",
    "库存",
    "图片",
    "主图",
  ],
};

/** Shopify's current (2024+) product CSV header, exactly as its template writes it. */
export const SHOPIFY_HEADERS: readonly string[] = [
  "Title",
  "URL handle",
  "Description",
  "Vendor",
  "Product category",
  "Type",
  "Tags",
  "Published on online store",
  "Status",
  "SKU",
  "Barcode",
  "Option1 name",
  "Option1 value",
  "Option1 Linked To",
  "Option2 name",
  "Option2 value",
  "Option2 Linked To",
  "Option3 name",
  "Option3 value",
  "Option3 Linked To",
  "Price",
  "Compare-at price",
  "Cost per item",
  "Charge tax",
  "Tax code",
  "Inventory tracker",
  "Inventory quantity",
  "Continue selling when out of stock",
  "Weight value (grams)",
  "Weight unit for display",
  "Requires shipping",
  "Fulfillment service",
  "Product image URL",
  "Image position",
  "Image alt text",
  "Variant image URL",
  "Gift card",
  "SEO title",
  "SEO description",
  "Color (product.metafields.shopify.color-pattern)",
  "Google Shopping / Google product category",
  "Google Shopping / Gender",
  "Google Shopping / Age group",
  "Google Shopping / Manufacturer part number (MPN)",
  "Google Shopping / Ad group name",
  "Google Shopping / Ads labels",
  "Google Shopping / Condition",
  "Google Shopping / Custom product",
  "Google Shopping / Custom label 0",
  "Google Shopping / Custom label 1",
  "Google Shopping / Custom label 2",
  "Google Shopping / Custom label 3",
  "Google Shopping / Custom label 4",
];

/**
 * WooCommerce's exporter columns (its default English labels), then "Attribute N ..." per axis.
 * Weight is in kg, WooCommerce's default store unit; `GTIN, UPC, EAN, or ISBN` and `Brands` (recent
 * exports) carry the barcode and the vendor, `Cost of goods` (with COGS on) the cost.
 */
export const WOOCOMMERCE_HEADERS: readonly string[] = [
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
  "Upsells",
  "Cross-sells",
  "Grouped products",
  "External URL",
  "Button text",
  "Position",
  "Brands",
  "Cost of goods",
];

const WOO_ATTRIBUTE_FIELDS = ["name", "value(s)", "visible", "global"] as const;

/** The header row of an export whose products use `axes` (see `orderAxes`). */
export function exportHeaders(dialect: CatalogDialect, axes: readonly string[], lang: ExportLang, dict: AttributeDictionary): string[] {
  switch (dialect) {
    case "native":
      return [...NATIVE_HEADERS[lang], ...axes.map((a) => dict.attributeLabel(a, lang))];
    case "shopify":
      return [...SHOPIFY_HEADERS];
    case "woocommerce":
      return [...WOOCOMMERCE_HEADERS, ...axes.flatMap((_, i) => WOO_ATTRIBUTE_FIELDS.map((f) => `Attribute ${i + 1} ${f}`))];
    case "taobao":
      return [...TAOBAO_EXPORT_FIELDS];
  }
}

/** Every axis of the products seen, once, in the dictionary's axis order. */
export function orderAxes(axes: Iterable<string>, dict: AttributeDictionary): string[] {
  return [...new Set(axes)].sort((a, b) => dict.compareAttributes(a, b));
}

// --- Rows ----------------------------------------------------------------------------------------

/** The rows of one product, aligned with `exportHeaders(dialect, opts.axes ?? p.options, opts.lang, opts.dict)`. */
export function productRows(p: Product, dialect: CatalogDialect, opts: ExportRowOptions): string[][] {
  switch (dialect) {
    case "native":
      return nativeRows(p, opts);
    case "shopify":
      return shopifyRows(p, opts);
    case "woocommerce":
      return wooRows(p, opts);
    case "taobao":
      return [taobaoRow(p, opts.currency)];
  }
}

const ZH_STATUS: Record<Product["status"], string> = { active: "上架", draft: "草稿", archived: "归档", unlisted: "未列出" };

function nativeRows(p: Product, opts: ExportRowOptions): string[][] {
  const axes = opts.axes ?? p.options ?? [];
  for (const a of p.options ?? []) if (!axes.includes(a)) throw new Error(`export axes miss "${a}" of product ${p.handle}`);
  const product = [
    p.handle,
    p.title,
    p.description ?? "",
    p.vendor ?? "",
    p.category ?? "",
    (p.tags ?? []).join(", "),
    opts.lang === "zh" ? ZH_STATUS[p.status] : p.status,
  ];
  // Product images, one per row; when they outnumber the variants the last row takes the rest,
  // space-separated (a URL holds no raw space).
  const images = p.images ?? [];
  const imageCell = (i: number): string => (i < p.variants.length - 1 ? (images[i] ?? "") : images.slice(i).join(" "));
  return p.variants.map((v, i) => {
    const currency = v.currency || opts.currency;
    return [
      ...product,
      v.sku ?? "",
      moneyText(v.price, currency),
      optionalMoney(v.compareAtPrice, currency),
      costText(v, currency),
      currency,
      v.barcode ?? "",
      isNumber(v.weightGrams) ? `${v.weightGrams}g` : "",
      isNumber(v.inventory) ? String(v.inventory) : "",
      v.image ?? "",
      imageCell(i),
      ...axes.map((a) => {
        const value = v.options[a];
        if (value === undefined) return "";
        return opts.lang === "zh" ? opts.dict.valueLabel(a, value, "zh") : value;
      }),
    ];
  });
}

/** The store's own name of an option axis when the product carries it, else the dictionary's English label. */
function optionName(p: Product, axis: string, dict: AttributeDictionary): string {
  const own = p.optionNames?.[(p.options ?? []).indexOf(axis)];
  return own !== undefined && own.trim() !== "" ? own : dict.attributeLabel(axis, "en");
}

const SHOPIFY_COLUMN = new Map(SHOPIFY_HEADERS.map((h, i) => [h, i]));
const SHOPIFY_MAX_OPTIONS = 3;

function shopifyRows(p: Product, opts: ExportRowOptions): string[][] {
  const axes = p.options ?? [];
  if (axes.length > SHOPIFY_MAX_OPTIONS) throw new Error(`product ${p.handle} has ${axes.length} options; Shopify takes 3`);
  const rows: string[][] = [];
  const images = p.images ?? [];
  p.variants.forEach((v, index) => {
    const row = blank(SHOPIFY_HEADERS.length);
    const set = (header: string, value: string) => {
      row[SHOPIFY_COLUMN.get(header) ?? -1] = value;
    };
    const currency = v.currency || opts.currency;
    set("URL handle", p.handle);
    if (index === 0) {
      set("Title", p.title);
      set("Description", p.description ?? "");
      set("Vendor", p.vendor ?? "");
      // Shopify's "Product category" takes only its own taxonomy; "Type" is free text, so our path goes there.
      set("Type", p.category ?? "");
      set("Tags", (p.tags ?? []).join(", "));
      // Shopify's own export writes TRUE for an unlisted product: it is on the online store, unlisted.
      set("Published on online store", p.status === "active" || p.status === "unlisted" ? "TRUE" : "FALSE");
      set("Status", p.status);
      set("Gift card", "FALSE");
      if (images[0] !== undefined) {
        set("Product image URL", images[0]);
        set("Image position", "1");
      }
    }
    if (axes.length === 0) {
      if (index === 0) set("Option1 name", "Title");
      set("Option1 value", "Default Title");
    }
    axes.forEach((axis, i) => {
      if (index === 0) set(`Option${i + 1} name`, optionName(p, axis, opts.dict));
      set(`Option${i + 1} value`, v.options[axis] ?? "");
    });
    set("SKU", v.sku ?? "");
    set("Barcode", v.barcode ?? "");
    set("Price", moneyText(v.price, currency));
    set("Compare-at price", optionalMoney(v.compareAtPrice, currency));
    set("Cost per item", costText(v, currency));
    if (isNumber(v.inventory)) {
      set("Inventory tracker", "shopify");
      set("Inventory quantity", String(v.inventory));
    }
    if (isNumber(v.weightGrams)) {
      set("Weight value (grams)", String(v.weightGrams));
      set("Weight unit for display", "g");
    }
    set("Fulfillment service", "manual");
    set("Variant image URL", v.image ?? "");
    rows.push(row);
  });
  images.slice(1).forEach((url, i) => {
    const row = blank(SHOPIFY_HEADERS.length);
    row[SHOPIFY_COLUMN.get("URL handle") ?? -1] = p.handle;
    row[SHOPIFY_COLUMN.get("Product image URL") ?? -1] = url;
    row[SHOPIFY_COLUMN.get("Image position") ?? -1] = String(i + 2);
    rows.push(row);
  });
  return rows;
}

const WOO_COLUMN = new Map(WOOCOMMERCE_HEADERS.map((h, i) => [h, i]));
/**
 * WooCommerce's Published: 1 publish, 0 private, -1 draft. Archived products are the private ones;
 * unlisted ones are published with catalog visibility "hidden" (sold by link, not in shop or search).
 */
const WOO_PUBLISHED: Record<Product["status"], string> = { active: "1", draft: "-1", archived: "0", unlisted: "1" };

function wooRows(p: Product, opts: ExportRowOptions): string[][] {
  const axes = p.options ?? [];
  const slots = (opts.axes ?? axes).length;
  if (axes.length > slots) throw new Error(`export has ${slots} attribute slot(s); product ${p.handle} needs ${axes.length}`);
  const width = WOOCOMMERCE_HEADERS.length + slots * WOO_ATTRIBUTE_FIELDS.length;
  const attributeCell = (row: string[], slot: number, field: (typeof WOO_ATTRIBUTE_FIELDS)[number], value: string) => {
    row[WOOCOMMERCE_HEADERS.length + slot * WOO_ATTRIBUTE_FIELDS.length + WOO_ATTRIBUTE_FIELDS.indexOf(field)] = value;
  };
  const productCells = (row: string[], type: string, sku: string) => {
    const set = setter(row);
    set("Type", type);
    set("SKU", sku);
    set("Name", p.title);
    set("Published", WOO_PUBLISHED[p.status]);
    set("Is featured?", "0");
    set("Visibility in catalog", p.status === "unlisted" ? "hidden" : "visible");
    set("Description", p.description ?? "");
    set("Tax status", "taxable");
    set("Allow customer reviews?", "1");
    set("Categories", p.category ?? "");
    set("Tags", (p.tags ?? []).join(", "));
    set("Position", "0");
    set("Brands", p.vendor ?? "");
  };
  const variantCells = (row: string[], v: Variant) => {
    const set = setter(row);
    const currency = v.currency || opts.currency;
    set("GTIN, UPC, EAN, or ISBN", v.barcode ?? "");
    set("In stock?", isNumber(v.inventory) && v.inventory <= 0 ? "0" : "1");
    set("Stock", isNumber(v.inventory) ? String(v.inventory) : "");
    set("Backorders allowed?", "0");
    set("Sold individually?", "0");
    set("Weight (kg)", isNumber(v.weightGrams) ? kilograms(v.weightGrams) : "");
    // A compare-at price above the price is WooCommerce's sale: regular = compare-at, sale = price.
    if (isNumber(v.compareAtPrice) && v.compareAtPrice > v.price) {
      set("Regular price", moneyText(v.compareAtPrice, currency));
      set("Sale price", moneyText(v.price, currency));
    } else {
      set("Regular price", moneyText(v.price, currency));
    }
    set("Cost of goods", costText(v, currency));
  };

  const only = p.variants[0];
  if (axes.length === 0 && p.variants.length === 1 && only) {
    const row = blank(width);
    productCells(row, "simple", only.sku ?? "");
    variantCells(row, only);
    setter(row)("Images", [...(p.images ?? []), ...(only.image && !p.images?.includes(only.image) ? [only.image] : [])].join(", "));
    return [row];
  }

  const parent = blank(width);
  productCells(parent, "variable", p.handle);
  setter(parent)("Images", (p.images ?? []).join(", "));
  setter(parent)("In stock?", "1");
  axes.forEach((axis, slot) => {
    const values = [...new Set(p.variants.map((v) => v.options[axis]).filter((x): x is string => x !== undefined && x !== ""))];
    values.sort((a, b) => opts.dict.compare(axis, a, b));
    attributeCell(parent, slot, "name", optionName(p, axis, opts.dict));
    attributeCell(parent, slot, "value(s)", values.join(", "));
    attributeCell(parent, slot, "visible", "1");
    attributeCell(parent, slot, "global", "0");
  });
  const rows = [parent];
  for (const v of p.variants) {
    const row = blank(width);
    const set = setter(row);
    const values = axes.map((a) => v.options[a] ?? "");
    set("Type", "variation");
    set("SKU", v.sku ?? "");
    set("Name", values.length > 0 ? `${p.title} - ${values.join(", ")}` : p.title);
    set("Published", "1");
    set("Is featured?", "0");
    set("Visibility in catalog", "visible");
    set("Tax status", "taxable");
    set("Tax class", "parent");
    set("Allow customer reviews?", "0");
    set("Images", v.image ?? "");
    set("Parent", p.handle);
    set("Position", "0");
    variantCells(row, v);
    axes.forEach((axis, slot) => {
      attributeCell(row, slot, "name", opts.dict.attributeLabel(axis, "en"));
      attributeCell(row, slot, "value(s)", v.options[axis] ?? "");
      attributeCell(row, slot, "global", "0");
    });
    rows.push(row);
  }
  return rows;
}

function setter(row: string[]): (header: string, value: string) => void {
  return (header, value) => {
    const i = WOO_COLUMN.get(header);
    if (i === undefined) throw new Error(`no WooCommerce column "${header}"`);
    row[i] = value;
  };
}

// --- Cells ---------------------------------------------------------------------------------------

/** Integer minor units -> decimal text with the currency's digits, digit-wise: 12900 CNY -> "129.00", 500 JPY -> "500". */
export function moneyText(amount: number, currency: string): string {
  return minorToDecimal(amount, currency);
}

const optionalMoney = (amount: number | null | undefined, currency: string): string =>
  isNumber(amount) ? moneyText(amount, currency) : "";
/** A cost with the precision it came with (up to 4 decimals), else in the currency's minor unit. */
const costText = (v: Variant, currency: string): string => v.costDecimal ?? optionalMoney(v.cost, currency);
const isNumber = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);
const blank = (n: number): string[] => new Array<string>(n).fill("");

/** Grams -> kilograms as short decimal text without float noise: 500 -> "0.5", 1250 -> "1.25", 12000 -> "12". */
function kilograms(grams: number): string {
  if (!Number.isInteger(grams)) return String(Number((grams / 1000).toPrecision(12)));
  const negative = grams < 0;
  const padded = Math.abs(grams).toString().padStart(4, "0");
  const int = padded.slice(0, -3).replace(/^0+(?=\d)/, "");
  const frac = padded.slice(-3).replace(/0+$/, "");
  return `${negative ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}
