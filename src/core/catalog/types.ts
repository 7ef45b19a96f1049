/**
 * The shapes a catalog import passes between its stages: spreadsheet rows become drafts (parsed,
 * standardized, still carrying where each value came from), drafts are validated, then planned
 * against what the store holds. Money is integer minor units, as everywhere.
 */
import type { Message } from "../i18n/message.js";
import type { Minor, Product } from "../model.js";

/** Where a value came from: the file, the 1-based row a spreadsheet shows, and the column header. */
export interface CellRef {
  file: string;
  row: number;
  column?: string;
}

/** taobao: a 淘宝助理 item CSV (core/catalog/taobao.ts). */
export type CatalogDialect = "native" | "shopify" | "woocommerce" | "taobao";

/** A field of the catalog model a column can feed, or a variant attribute ("attr:size"), or nothing. */
export type CatalogField =
  | "handle"
  | "title"
  | "description"
  | "vendor"
  | "category"
  | "tags"
  | "status"
  | "sku"
  | "price"
  | "compareAtPrice"
  | "cost"
  | "currency"
  | "barcode"
  | "weight"
  | "inventory"
  | "image"
  | "productImage"
  | `attr:${string}`
  | "ignore";

export interface VariantDraft {
  at: CellRef;
  /** "" when the row has no SKU (allowed: the variant is then known by handle + option values). */
  sku: string;
  /**
   * Canonical attribute -> the value the store will show: the merchant's own words for platform
   * exports, the canonical value for supplier sheets (see `--standardize`).
   */
  options: Record<string, string>;
  /** Canonical attribute -> canonical value, for the values the dictionary recognises. */
  attributes?: Record<string, string>;
  /**
   * Canonical attribute -> the value as the file wrote it, where `options` shows another form
   * (supplier sheets show canonical values): kept so that two words of one product that
   * standardize alike (中灰色, 灰色 -> grey) can be shown as written instead of merging two variants.
   */
  written?: Record<string, string>;
  /** null when the cell was empty or unparseable (the issue is reported separately). */
  price: Minor | null;
  compareAtPrice: Minor | null;
  cost: Minor | null;
  /** The cost as written when it has more decimals than the currency's minor unit ("0.714"); `cost` is it rounded. */
  costDecimal?: string;
  currency: string;
  barcode?: string;
  weightGrams: number | null;
  inventory: number | null;
  image?: string;
}

export interface ProductDraft {
  /** First row of the product in its file. */
  at: CellRef;
  handle: string;
  title: string;
  description?: string;
  vendor?: string;
  category?: string;
  tags?: string[];
  status: Product["status"];
  images?: string[];
  /** Option axes in canonical order. */
  options: string[];
  /** The file's own names of the axes, same order as `options` ("Color"), when it names them. */
  optionNames?: string[];
  variants: VariantDraft[];
}

export interface CatalogIssue {
  severity: "error" | "warning";
  at: CellRef;
  /** English, as the JSON document and the results file carry it. */
  message: string;
  hint?: string;
  /** The same as catalog messages, rendered in the run's language where a person reads them (absent: `message` as it is). */
  text?: Message;
  hintText?: Message;
  handle?: string;
  sku?: string;
}

export type ImportMode = "upsert" | "create" | "update" | "replace" | "delete";

export type PlannedAction = "create" | "update" | "unchanged" | "delete" | "skip";

/** What the import will do with one product. */
export interface ProductPlan {
  handle: string;
  action: PlannedAction;
  /** The product as the store should hold it afterwards (absent for delete/skip). */
  desired?: Product;
  /** For updates: which fields change ("title", "variant SKU-1 price 12900 -> 11900", ...). */
  changes: string[];
  variantCounts: { create: number; update: number; unchanged: number; delete: number };
  /** Why a product is skipped (e.g. exists in create mode). */
  reason?: string;
}
