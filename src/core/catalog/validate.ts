/**
 * Product-level rules on assembled drafts (cell-level problems were reported by the row parser):
 * every variant carries every axis, axis combinations are unique (case-insensitively, after
 * standardization), price > 0, compare-at >= price, a title, the target platform's limits. Plus
 * the run-wide SKU tracker, and the conversion of a valid draft into the core Product.
 */
import type { AttributeDictionary } from "../attributes/index.js";
import type { Product, Variant } from "../model.js";
import type { AssembledProduct } from "./assemble.js";
import { wasAxisRefused } from "./standardize.js";
import type { CatalogIssue, CellRef, ProductDraft, VariantDraft } from "./types.js";

export type ValidationTarget = "shopify" | "woocommerce" | "youzan" | "local";

export interface ValidateOptions {
  target?: ValidationTarget;
  dict: AttributeDictionary;
}

/** Longest product title each platform accepts (characters). */
const TITLE_LIMITS: Partial<Record<ValidationTarget, number>> = { shopify: 255, youzan: 100 };
const SHOPIFY_MAX_OPTIONS = 3;

export function validateProduct(p: ProductDraft, opts: ValidateOptions): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const assembled = p as Partial<AssembledProduct>;
  const axisColumn = (attr: string) => assembled.axisColumns?.get(attr) ?? opts.dict.attributeLabel(attr, "en");
  const fieldColumn = (field: string, fallback: string) => assembled.fieldColumns?.get(field) ?? fallback;
  const add = (severity: CatalogIssue["severity"], at: CellRef, message: string, hint?: string, sku?: string) => {
    const i: CatalogIssue = { severity, at, message, handle: p.handle };
    if (hint) i.hint = hint;
    if (sku) i.sku = sku;
    issues.push(i);
  };
  const titleAt = { file: p.at.file, row: p.at.row, column: fieldColumn("title", "title") };

  if (p.title.trim() === "") {
    add("error", titleAt, `product "${p.handle}" has no title`, "fill in the title on the product's first row");
  } else {
    const limit = opts.target ? TITLE_LIMITS[opts.target] : undefined;
    const length = [...p.title].length;
    if (limit !== undefined && length > limit) {
      add("error", titleAt, `title is ${length} characters; ${opts.target} accepts at most ${limit}`, "shorten the title");
    }
  }
  if (p.variants.length === 0) {
    add(
      "error",
      { file: p.at.file, row: p.at.row },
      `product "${p.handle}" has no variants`,
      "add at least one row with a SKU and a price",
    );
  }
  if (p.options.length > SHOPIFY_MAX_OPTIONS) {
    const severity = opts.target === "shopify" ? "error" : "warning";
    add(
      severity,
      { file: p.at.file, row: p.at.row },
      `product "${p.handle}" has ${p.options.length} option axes (${p.options.join(", ")}); Shopify allows ${SHOPIFY_MAX_OPTIONS}`,
      "merge or drop an axis before importing into Shopify",
    );
  }

  const combinations = new Map<string, VariantDraft>();
  for (const v of p.variants) {
    let complete = true;
    for (const attr of p.options) {
      if (v.options[attr] !== undefined) continue;
      complete = false;
      if (wasAxisRefused(v, attr)) continue;
      const column = axisColumn(attr);
      add(
        "error",
        { file: v.at.file, row: v.at.row, column },
        `${column} is empty; every variant of "${p.handle}" needs a ${attr}`,
        `every variant of a product needs a value for each of its options (${p.options.join(", ")})`,
        v.sku,
      );
    }
    if (complete) {
      const key = p.options.map((a) => (v.options[a] as string).toLowerCase()).join("\u0000");
      const twin = combinations.get(key);
      if (twin) {
        const shown = p.options.length === 0 ? "no options" : p.options.map((a) => `${a} ${v.options[a]}`).join(", ");
        add(
          "error",
          { file: v.at.file, row: v.at.row, ...(p.options.length > 0 ? { column: axisColumn(p.options[0] as string) } : {}) },
          `rows ${twin.at.row} and ${v.at.row} are the same variant of "${p.handle}" (${shown})`,
          p.options.length === 0
            ? "give the variants an option column (e.g. size) or make them separate products"
            : "each variant needs its own combination of options; fix or delete one row",
          v.sku,
        );
      } else combinations.set(key, v);
    }
    if (v.price !== null && v.price <= 0) {
      add(
        "error",
        { file: v.at.file, row: v.at.row, column: fieldColumn("price", "price") },
        "price must be greater than 0",
        "write the selling price",
        v.sku,
      );
    }
    if (v.price !== null && v.compareAtPrice !== null && v.compareAtPrice < v.price) {
      add(
        "error",
        { file: v.at.file, row: v.at.row, column: fieldColumn("compareAtPrice", "compare-at price") },
        `compare-at price ${formatMinor(v.compareAtPrice, v.currency)} is below the price ${formatMinor(v.price, v.currency)}`,
        "the compare-at (original) price must be at least the price; leave it empty when there is no discount",
        v.sku,
      );
    }
  }
  return issues;
}

function formatMinor(amount: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {}
  return (amount / 10 ** digits).toFixed(digits);
}

const NON_ASCII = /[^\u0020-\u007e]/;

/**
 * SKUs seen in the run, across files: one Map entry (key -> file and row packed in a number) per
 * SKU, so a million SKUs cost a Map and their strings, no object each. SKUs compare trimmed,
 * NFKC-folded and case-insensitively: "ab-1" and "AB-1" are one SKU to most stores.
 */
export class SkuTracker {
  private readonly seen = new Map<string, number>();
  private readonly files: string[] = [];
  private lastFile = "";
  private lastFileIndex = -1;

  /** Records the SKU; returns an error naming both places when it was seen before. Empty SKUs are ignored. */
  see(sku: string, at: CellRef): CatalogIssue | undefined {
    const trimmed = sku.trim();
    if (trimmed === "") return undefined;
    const key = NON_ASCII.test(trimmed) ? trimmed.normalize("NFKC").toLowerCase() : trimmed.toLowerCase();
    const previous = this.seen.get(key);
    if (previous !== undefined) {
      const file = this.files[Math.floor(previous / 2 ** 32)] as string;
      const row = previous % 2 ** 32;
      const where = file === at.file ? `row ${row}` : `${file}, row ${row}`;
      return {
        severity: "error",
        at,
        message: `SKU "${trimmed}" is also used at ${where}`,
        hint: "each variant needs its own SKU (SKUs are compared ignoring case)",
        sku: trimmed,
      };
    }
    this.seen.set(key, this.fileIndex(at.file) * 2 ** 32 + at.row);
    return undefined;
  }

  get size(): number {
    return this.seen.size;
  }

  private fileIndex(file: string): number {
    if (file === this.lastFile && this.lastFileIndex >= 0) return this.lastFileIndex;
    let i = this.files.indexOf(file);
    if (i < 0) i = this.files.push(file) - 1;
    this.lastFile = file;
    this.lastFileIndex = i;
    return i;
  }
}

/** The core Product a valid draft describes; its id is its handle. */
export function draftToProduct(p: ProductDraft, currency: string): Product {
  const product: Product = { id: p.handle, handle: p.handle, title: p.title, status: p.status, options: [...p.options], variants: [] };
  if (p.description !== undefined) product.description = p.description;
  if (p.vendor !== undefined) product.vendor = p.vendor;
  if (p.category !== undefined) product.category = p.category;
  if (p.tags !== undefined && p.tags.length > 0) product.tags = [...p.tags];
  if (p.images !== undefined && p.images.length > 0) product.images = [...p.images];
  for (const v of p.variants) {
    const options: Record<string, string> = {};
    for (const attr of p.options) {
      const value = v.options[attr];
      if (value !== undefined) options[attr] = value;
    }
    const variant: Variant = {
      sku: v.sku,
      options,
      price: v.price ?? 0,
      compareAtPrice: v.compareAtPrice,
      cost: v.cost,
      currency: v.currency || currency,
      weightGrams: v.weightGrams,
      inventory: v.inventory,
    };
    if (v.barcode !== undefined) variant.barcode = v.barcode;
    if (v.image !== undefined) variant.image = v.image;
    product.variants.push(variant);
  }
  return product;
}
