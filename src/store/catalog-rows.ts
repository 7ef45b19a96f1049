/**
 * A catalog product as the rows of the local store's tables, and back: the one place that knows
 * how a Product's fields become columns (LocalData writes them; catalog import builds them off the
 * main thread and stages them; reading turns them into a Product again).
 */
import { optionsKey, skuOf } from "../core/catalog/identity.js";
import type { Product, Variant } from "../core/model.js";

/** products columns after `store`, in PRODUCT_COLUMNS order. */
export type ProductValues = [
  id: string,
  handle: string,
  title: string,
  description: string | null,
  vendor: string | null,
  category: string | null,
  tags: string | null,
  status: string,
  options: string | null,
  images: string | null,
  updatedAt: number | null,
  optionNames: string | null,
];
/** variants columns after `store`, in VARIANT_COLUMNS order. */
export type VariantValues = [
  okey: string,
  sku: string | null,
  productId: string,
  position: number,
  options: string,
  attributes: string | null,
  price: number,
  compareAt: number | null,
  cost: number | null,
  currency: string,
  barcode: string | null,
  weightGrams: number | null,
  inventory: number | null,
  image: string | null,
  costDecimal: string | null,
];

export const PRODUCT_COLUMNS = [
  "id",
  "handle",
  "title",
  "description",
  "vendor",
  "category",
  "tags",
  "status",
  "options",
  "images",
  "updated_at",
  "option_names",
] as const;
export const VARIANT_COLUMNS = [
  "okey",
  "sku",
  "product_id",
  "position",
  "options",
  "attributes",
  "price",
  "compare_at",
  "cost",
  "currency",
  "barcode",
  "weight_grams",
  "inventory",
  "image",
  "cost_decimal",
] as const;

/**
 * A variant's row key within its product: its option values, unique in a product (see migration 4),
 * joined by U+001F: PostgreSQL text cannot hold the U+0000 that optionsKey joins them by (migration 11).
 */
export function variantKey(v: Pick<Variant, "options">): string {
  // Joined by U+001F directly: a U+0000 left is inside a value, replaced the same way.
  const key = optionsKey(v.options, "\u001f");
  return `opt:${key.includes("\u0000") ? key.replaceAll("\u0000", "\u001f") : key}`;
}

const jsonList = (xs: readonly string[] | undefined): string | null => (xs && xs.length > 0 ? JSON.stringify(xs) : null);

export function productRow(p: Product, id: string): ProductValues {
  return [
    id,
    p.handle,
    p.title,
    p.description ?? null,
    p.vendor ?? null,
    p.category ?? null,
    jsonList(p.tags),
    p.status,
    jsonList(p.options),
    jsonList(p.images),
    p.updatedAt ? p.updatedAt.getTime() : null,
    jsonList(p.optionNames),
  ];
}

/** The product's variants as rows, in order (position is the index). */
export function variantRows(p: Product, id: string): VariantValues[] {
  return p.variants.map((x, position) => [
    variantKey(x),
    skuOf(x) ?? null,
    id,
    position,
    JSON.stringify(x.options),
    x.attributes && Object.keys(x.attributes).length > 0 ? JSON.stringify(x.attributes) : null,
    x.price,
    x.compareAtPrice ?? null,
    x.cost ?? null,
    x.currency,
    x.barcode ?? null,
    x.weightGrams ?? null,
    x.inventory ?? null,
    x.image ?? null,
    x.costDecimal ?? null,
  ]);
}

/** Rows built by productRow / variantRows, as a Product again (what the store would read back). */
export function productFromValues(p: ProductValues, vs: readonly VariantValues[]): Product {
  const named = <T>(cols: readonly string[], values: readonly unknown[]) => Object.fromEntries(cols.map((c, i) => [c, values[i]])) as T;
  return toProduct(
    named<ProductRow>(PRODUCT_COLUMNS, p),
    vs.map((v) => named<VariantRow>(VARIANT_COLUMNS, v)),
  );
}

export interface ProductRow {
  id: string;
  handle: string;
  title: string;
  description: string | null;
  vendor: string | null;
  category: string | null;
  tags: string | null;
  status: Product["status"];
  options: string | null;
  images: string | null;
  updated_at: number | null;
  option_names: string | null;
}

export interface VariantRow {
  sku: string | null;
  product_id: string;
  options: string;
  attributes: string | null;
  price: number;
  compare_at: number | null;
  cost: number | null;
  currency: string;
  barcode: string | null;
  weight_grams: number | null;
  inventory: number | null;
  image: string | null;
  cost_decimal: string | null;
}

export function toProduct(p: ProductRow, vs: VariantRow[]): Product {
  const prod: Product = {
    id: p.id,
    handle: p.handle,
    title: p.title,
    status: p.status,
    variants: vs.map((v) => {
      const variant: Variant = {
        options: JSON.parse(v.options) as Record<string, string>,
        price: v.price,
        compareAtPrice: v.compare_at,
        cost: v.cost,
        currency: v.currency,
        weightGrams: v.weight_grams,
        inventory: v.inventory,
      };
      if (v.sku !== null) variant.sku = v.sku;
      if (v.attributes !== null) variant.attributes = JSON.parse(v.attributes) as Record<string, string>;
      if (v.barcode !== null) variant.barcode = v.barcode;
      if (v.image !== null) variant.image = v.image;
      if (v.cost_decimal !== null) variant.costDecimal = v.cost_decimal;
      return variant;
    }),
  };
  if (p.description !== null) prod.description = p.description;
  if (p.vendor !== null) prod.vendor = p.vendor;
  if (p.category !== null) prod.category = p.category;
  if (p.tags !== null) prod.tags = JSON.parse(p.tags) as string[];
  if (p.images !== null) prod.images = JSON.parse(p.images) as string[];
  if (p.updated_at !== null) prod.updatedAt = new Date(p.updated_at);
  if (p.option_names !== null) prod.optionNames = JSON.parse(p.option_names) as string[];
  // Seeded products predate stored axes: derive them from the variants, in a stable order.
  if (p.options !== null) prod.options = JSON.parse(p.options) as string[];
  else {
    const axes = new Set<string>();
    for (const v of prod.variants) for (const k of Object.keys(v.options)) axes.add(k);
    if (axes.size > 0) prod.options = [...axes].sort();
  }
  return prod;
}
