/**
 * Products between merchops and Shopify: a GraphQL product node -> Product, a Product ->
 * ProductSetInput, and the comparison that decides "unchanged" without writing. Canonical option
 * axes ("colour", "size") become Shopify option names ("Color", "Size") and come back again.
 */
import { skuOf, variantLabel } from "../../../core/catalog/identity.js";
import type { Product, Variant } from "../../../core/model.js";
import { toDecimal, toMinor } from "./money.js";

// --- option names ------------------------------------------------------------------------------

const CANONICAL_BY_NAME: Record<string, string> = {
  color: "colour",
  colour: "colour",
  颜色: "colour",
  顏色: "colour",
  size: "size",
  尺码: "size",
  尺碼: "size",
};
const NAME_BY_CANONICAL: Record<string, string> = { colour: "Color" };

/** "colour" -> "Color", "size" -> "Size", "shoe_width" -> "Shoe width". */
export function shopifyOptionName(canonical: string): string {
  const known = NAME_BY_CANONICAL[canonical];
  if (known) return known;
  const words = canonical.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Color" / "Colour" / "颜色" -> "colour", "Size" / "尺码" -> "size", "Shoe width" -> "shoe_width". */
export function canonicalOptionName(name: string): string {
  const lower = name.trim().toLowerCase();
  return CANONICAL_BY_NAME[lower] ?? lower.replace(/\s+/g, "_");
}

/** Shopify's placeholder for a product without options. */
const DEFAULT_OPTION = { name: "Title", value: "Default Title" };

// --- reading -----------------------------------------------------------------------------------

export interface MoneyNode {
  amount: string;
  currencyCode?: string;
}

export interface VariantNode {
  id: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  inventoryQuantity: number | null;
  position?: number;
  selectedOptions: { name: string; value: string }[];
  inventoryItem?: {
    unitCost: MoneyNode | null;
    measurement?: { weight: { unit: string; value: number } | null } | null;
  } | null;
}

export interface ProductNode {
  id: string;
  handle: string;
  title: string;
  descriptionHtml: string | null;
  vendor: string | null;
  productType: string | null;
  tags: string[];
  status: string;
  updatedAt: string;
  options: { name: string; position: number }[];
  media?: { nodes: ({ image?: { url: string } | null } | null)[] };
  variants: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: VariantNode[] };
  /** The `shopify.color-pattern` metafield: a JSON list of metaobject ids. */
  colorPattern?: { value: string } | null;
}

const GRAMS_PER: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 };

function weightGrams(weight: { unit: string; value: number } | null | undefined): number | null {
  if (!weight || typeof weight.value !== "number") return null;
  const factor = GRAMS_PER[weight.unit] ?? 1;
  return Math.round(weight.value * factor);
}

const STATUS_FROM: Record<string, Product["status"]> = { ACTIVE: "active", DRAFT: "draft", ARCHIVED: "archived", UNLISTED: "unlisted" };

/** "gid://shopify/Product/123" -> "123": the short id users see in the Shopify admin. */
export function legacyId(gid: string): string {
  const slash = gid.lastIndexOf("/");
  return slash >= 0 ? gid.slice(slash + 1) : gid;
}

function isDefaultOnly(options: { name: string }[], variants: VariantNode[]): boolean {
  return (
    options.length <= 1 &&
    (options[0]?.name ?? DEFAULT_OPTION.name) === DEFAULT_OPTION.name &&
    variants.every((v) => v.selectedOptions.every((o) => o.name === DEFAULT_OPTION.name && o.value === DEFAULT_OPTION.value))
  );
}

/** A Shopify product (with all its variants already gathered) as merchops sees it. */
export function productFromNode(node: ProductNode, variants: VariantNode[], currency: string): Product {
  const plain = isDefaultOnly(node.options, variants);
  const axes = plain ? [] : [...node.options].sort((a, b) => a.position - b.position).map((o) => o.name);
  const images = (node.media?.nodes ?? []).map((m) => m?.image?.url).filter((u): u is string => typeof u === "string");
  const product: Product = {
    id: legacyId(node.id),
    handle: node.handle,
    title: node.title,
    status: STATUS_FROM[node.status] ?? "draft",
    options: axes.map(canonicalOptionName),
    updatedAt: new Date(node.updatedAt),
    variants: [...variants].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((v) => variantFromNode(v, plain, currency)),
  };
  if (node.descriptionHtml) product.description = node.descriptionHtml;
  if (node.vendor) product.vendor = node.vendor;
  if (node.productType) product.category = node.productType;
  if (node.tags.length > 0) product.tags = [...node.tags];
  if (images.length > 0) product.images = images;
  return product;
}

function variantFromNode(v: VariantNode, plain: boolean, currency: string): Variant {
  const options: Record<string, string> = {};
  if (!plain) for (const o of v.selectedOptions) options[canonicalOptionName(o.name)] = o.value;
  const variant: Variant = {
    // A variant without a SKU stays without one (Shopify does not require SKUs).
    ...(v.sku ? { sku: v.sku } : {}),
    options,
    price: toMinor(v.price, currency) ?? 0,
    compareAtPrice: toMinor(v.compareAtPrice, currency),
    cost: toMinor(v.inventoryItem?.unitCost?.amount, currency),
    currency,
    weightGrams: weightGrams(v.inventoryItem?.measurement?.weight),
    inventory: typeof v.inventoryQuantity === "number" ? v.inventoryQuantity : null,
  };
  if (v.barcode) variant.barcode = v.barcode;
  return variant;
}

// --- writing -----------------------------------------------------------------------------------

export interface WriteOptions {
  currency: string;
  /** Where inventory quantities are set; required when a variant carries inventory. */
  locationId?: string;
  /** Send the product's images (only when Shopify holds none: it re-hosts them, so URLs never match again). */
  withImages: boolean;
  /** Metafields to set with the product (the standard colour, see catalog.ts). */
  metafields?: { namespace: string; key: string; type: string; value: string }[];
}

// UNLISTED exists from Shopify's 2025 API versions; an older apiVersion refuses it, naming the product.
const STATUS_TO: Record<Product["status"], string> = { active: "ACTIVE", draft: "DRAFT", archived: "ARCHIVED", unlisted: "UNLISTED" };

/** The ProductSetInput that makes Shopify hold exactly this product (variants are replaced as a list). */
export function productSetInput(product: Product, opts: WriteOptions): Record<string, unknown> {
  const axes = product.options ?? [];
  const names = axes.length > 0 ? axes.map(shopifyOptionName) : [DEFAULT_OPTION.name];
  const valuesPerAxis = names.map(() => [] as string[]);
  for (const v of product.variants) {
    axes.forEach((axis, i) => {
      const value = v.options[axis] ?? "";
      const seen = valuesPerAxis[i] as string[];
      if (!seen.includes(value)) seen.push(value);
    });
  }
  if (axes.length === 0) valuesPerAxis[0] = [DEFAULT_OPTION.value];
  const input: Record<string, unknown> = {
    handle: product.handle,
    title: product.title,
    descriptionHtml: product.description ?? "",
    vendor: product.vendor ?? "",
    productType: product.category ?? "",
    tags: product.tags ?? [],
    status: STATUS_TO[product.status],
    productOptions: names.map((name, i) => ({ name, position: i + 1, values: (valuesPerAxis[i] ?? []).map((value) => ({ name: value })) })),
    variants: product.variants.map((v, position) => variantSetInput(v, axes, names, position, opts)),
  };
  if (opts.metafields && opts.metafields.length > 0) input.metafields = opts.metafields;
  if (opts.withImages && product.images && product.images.length > 0) {
    input.files = product.images.map((url) => ({ originalSource: url, contentType: "IMAGE" }));
  }
  return input;
}

function variantSetInput(v: Variant, axes: string[], names: string[], position: number, opts: WriteOptions): Record<string, unknown> {
  const optionValues =
    axes.length > 0
      ? axes.map((axis, i) => ({ optionName: names[i], name: v.options[axis] ?? "" }))
      : [{ optionName: DEFAULT_OPTION.name, name: DEFAULT_OPTION.value }];
  const inventoryItem: Record<string, unknown> = {};
  // Stock tracking is switched on by a quantity, never off by its absence (a sheet without a stock column).
  if (typeof v.inventory === "number") inventoryItem.tracked = true;
  inventoryItem.cost = v.cost === undefined || v.cost === null ? null : toDecimal(v.cost, opts.currency);
  inventoryItem.measurement = {
    weight: v.weightGrams === undefined || v.weightGrams === null ? null : { unit: "GRAMS", value: v.weightGrams },
  };
  const input: Record<string, unknown> = {
    position: position + 1,
    // Left out when the file has none: the store's own SKU (if any) is kept, never blanked.
    ...(skuOf(v) !== undefined ? { sku: skuOf(v) } : {}),
    barcode: v.barcode ?? null,
    price: toDecimal(v.price, opts.currency),
    compareAtPrice: v.compareAtPrice === undefined || v.compareAtPrice === null ? null : toDecimal(v.compareAtPrice, opts.currency),
    optionValues,
    inventoryItem,
  };
  if (typeof v.inventory === "number" && opts.locationId) {
    input.inventoryQuantities = [{ locationId: opts.locationId, name: "available", quantity: v.inventory }];
  }
  return input;
}

// --- comparing ---------------------------------------------------------------------------------

const same = <T>(a: T | undefined | null, b: T | undefined | null, empty: T) => (a ?? empty) === (b ?? empty);

/**
 * What differs between the product as wanted and as Shopify holds it ([] = unchanged). Images
 * are not compared: Shopify re-hosts them, so they are sent only to a product that has none.
 */
export function differences(want: Product, have: Product): string[] {
  const out: string[] = [];
  if (want.handle !== have.handle) out.push(`handle ${have.handle} -> ${want.handle}`);
  if (want.title !== have.title) out.push("title");
  if (!same(want.description, have.description, "")) out.push("description");
  if (!same(want.vendor, have.vendor, "")) out.push("vendor");
  if (!same(want.category, have.category, "")) out.push("category");
  if ((want.tags ?? []).join("\u0000") !== (have.tags ?? []).join("\u0000")) out.push("tags");
  if (want.status !== have.status) out.push("status");
  if ((want.options ?? []).join("\u0000") !== (have.options ?? []).join("\u0000")) out.push("options");
  if (want.variants.length !== have.variants.length) out.push(`variant count ${have.variants.length} -> ${want.variants.length}`);
  want.variants.forEach((w, i) => {
    const h = have.variants[i];
    if (!h) return;
    const diff = variantDifferences(w, h);
    if (diff.length > 0) out.push(`variant ${variantLabel(w)}: ${diff.join(", ")}`);
  });
  return out;
}

function variantDifferences(w: Variant, h: Variant): string[] {
  const out: string[] = [];
  const sku = skuOf(w);
  if (sku !== undefined && sku !== skuOf(h)) out.push(`sku ${skuOf(h) ?? "(none)"} -> ${sku}`);
  const keys = new Set([...Object.keys(w.options), ...Object.keys(h.options)]);
  for (const k of keys) if (w.options[k] !== h.options[k]) out.push(`option ${k}`);
  if (w.price !== h.price) out.push("price");
  if (!same(w.compareAtPrice, h.compareAtPrice, null)) out.push("compare-at price");
  if (!same(w.cost, h.cost, null)) out.push("cost");
  if (!same(w.barcode, h.barcode, "")) out.push("barcode");
  if (!same(w.weightGrams, h.weightGrams, null)) out.push("weight");
  // Stock is compared only when the sheet says how much there is.
  if (typeof w.inventory === "number" && w.inventory !== h.inventory) out.push("inventory");
  return out;
}
