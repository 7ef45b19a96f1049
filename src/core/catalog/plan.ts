/**
 * The import plan: what one product of the file does to the store under each mode (create, update,
 * leave unchanged, delete, skip), the product the store should hold afterwards, and the changed
 * fields in words for the dry run. Pure: the service looks `existing` up (by handle, else by SKU).
 *
 * Comparison rules, shared by the plan and `productsEqual`:
 * - undefined, null, "" (or only spaces) and [] all mean "no value";
 * - tags compare as sets (order and repeats do not count: platforms store them as sets);
 * - option axes compare as sets, and a variant's options by key, so key order never counts;
 * - images compare as lists (the first is the main image);
 * - variants pair by SKU, then by option values (`matchVariants`); their order does not count;
 * - `id` and `updatedAt` are the store's bookkeeping and never count.
 *
 * The handle is the product's key and its URL: a product found by SKU under another handle keeps
 * the store's handle (a rename would break links), so re-imports of sheets whose handles are
 * derived from titles (WooCommerce simple products) leave the product unchanged.
 */
import type { Product, Variant } from "../model.js";
import { moneyText } from "./export-rows.js";
import { matchVariants, optionsKey, variantLabel } from "./identity.js";
import type { ImportMode, ProductPlan } from "./types.js";

type Counts = ProductPlan["variantCounts"];

const zeroCounts = (): Counts => ({ create: 0, update: 0, unchanged: 0, delete: 0 });

export interface PlanOptions {
  /** False when the file has no price column: the store's prices stay (see mappingGivesPrices). */
  pricesInFile?: boolean;
  /** False when the file has no status column (Status, Published): the store's status stays. */
  statusInFile?: boolean;
  /**
   * A file of product columns only (a Shopify update sheet, see mappingIsProductUpdate): it updates
   * the given fields of a product the store has and keeps its variants, in every mode (replace
   * would otherwise take the file's variants, none).
   */
  productUpdate?: boolean;
}

export function planProduct(input: Product, existing: Product | undefined, mode: ImportMode, options: PlanOptions = {}): ProductPlan {
  const handle = input.handle;
  if (mode === "delete") {
    if (!existing) return skip(handle, "not in the store");
    return { handle, action: "delete", changes: [], variantCounts: { ...zeroCounts(), delete: existing.variants.length } };
  }
  if (!existing) {
    if (mode === "update") return skip(handle, "not in the store; use --mode upsert or create");
    return { handle, action: "create", desired: input, changes: [], variantCounts: { ...zeroCounts(), create: input.variants.length } };
  }
  if (mode === "create") return skip(handle, "exists; use --mode upsert or update");

  const replacing = mode === "replace" && options.productUpdate !== true;
  const desired = mergeProduct(existing, input, replacing, options.pricesInFile ?? true);
  if (options.statusInFile === false) desired.status = existing.status;
  const conflict = replacing ? undefined : mergeConflict(existing, input, desired);
  if (conflict) return skip(handle, conflict);

  const counts = zeroCounts();
  const pairs = matchVariants(existing.variants, desired.variants);
  desired.variants.forEach((v, i) => {
    const old = existing.variants[pairs[i] as number];
    if (!old) counts.create++;
    else if (variantChanges(old, v).length > 0) counts.update++;
    else counts.unchanged++;
  });
  counts.delete = existing.variants.length - pairs.filter((j) => j >= 0).length;

  const changes = productChanges(existing, desired);
  return { handle, action: changes.length > 0 ? "update" : "unchanged", desired, changes, variantCounts: counts };
}

/** True when the store would hold the same product (see the comparison rules above). */
export function productsEqual(a: Product, b: Product): boolean {
  return productChanges(a, b).length === 0;
}

/** The differences from `before` to `after`, one human line per product field and per variant. */
export function productChanges(before: Product, after: Product): string[] {
  const lines: string[] = [];
  const text = (field: string, a: string | undefined, b: string | undefined) => {
    if (!sameText(a, b)) lines.push(`${field}: ${quoted(a)} -> ${quoted(b)}`);
  };
  text("handle", before.handle, after.handle);
  text("title", before.title, after.title);
  text("description", before.description, after.description);
  text("vendor", before.vendor, after.vendor);
  text("category", before.category, after.category);
  if (before.status !== after.status) lines.push(`status: ${before.status} -> ${after.status}`);

  const axesBefore = list(before.options);
  const axesAfter = list(after.options);
  if (!sameSet(axesBefore, axesAfter)) lines.push(`options: ${axesText(axesBefore)} -> ${axesText(axesAfter)}`);

  const tagsBefore = new Set(list(before.tags).map((t) => t.trim()));
  const tagsAfter = new Set(list(after.tags).map((t) => t.trim()));
  const added = [...tagsAfter].filter((t) => !tagsBefore.has(t));
  const removed = [...tagsBefore].filter((t) => !tagsAfter.has(t));
  if (added.length > 0 || removed.length > 0) {
    const parts = [...added.map((t) => `+${t}`), ...removed.map((t) => `-${t}`)];
    lines.push(`tags: ${parts.join(", ")}`);
  }

  const imagesBefore = list(before.images);
  const imagesAfter = list(after.images);
  if (imagesBefore.join("\n") !== imagesAfter.join("\n")) lines.push(`images: ${imagesText(imagesBefore, imagesAfter)}`);

  const pairs = matchVariants(before.variants, after.variants);
  const kept = new Set<number>();
  after.variants.forEach((v, i) => {
    const j = pairs[i] as number;
    const was = before.variants[j];
    if (!was) {
      lines.push(`variant ${variantLabel(v)}: new`);
      return;
    }
    kept.add(j);
    const diff = variantChanges(was, v);
    if (diff.length > 0) lines.push(`variant ${variantLabel(v)}: ${diff.join(", ")}`);
  });
  before.variants.forEach((v, j) => {
    if (!kept.has(j)) lines.push(`variant ${variantLabel(v)}: removed`);
  });
  return lines;
}

/** Field-by-field differences of two variants paired by `matchVariants`, e.g. "price 129.00 -> 119.00". */
function variantChanges(a: Variant, b: Variant): string[] {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(a.options), ...Object.keys(b.options)])].sort();
  for (const k of keys) {
    const x = a.options[k];
    const y = b.options[k];
    if (!sameText(x, y)) out.push(`${k} ${plain(x)} -> ${plain(y)}`);
  }
  if (!sameText(a.sku, b.sku)) out.push(`SKU ${plain(a.sku)} -> ${plain(b.sku)}`);
  if (a.currency !== b.currency) out.push(`currency ${a.currency} -> ${b.currency}`);
  const money = (label: string, x: number | null | undefined, y: number | null | undefined) => {
    if (!sameNumber(x, y)) out.push(`${label} ${moneyOrNone(x, a.currency)} -> ${moneyOrNone(y, b.currency)}`);
  };
  money("price", a.price, b.price);
  money("compare-at price", a.compareAtPrice, b.compareAtPrice);
  money("cost", a.cost, b.cost);
  if (a.costDecimal !== b.costDecimal && sameNumber(a.cost, b.cost)) {
    out.push(`cost ${a.costDecimal ?? moneyOrNone(a.cost, a.currency)} -> ${b.costDecimal ?? moneyOrNone(b.cost, b.currency)}`);
  }
  if (!sameText(a.barcode, b.barcode)) out.push(`barcode ${plain(a.barcode)} -> ${plain(b.barcode)}`);
  if (!sameNumber(a.weightGrams, b.weightGrams)) out.push(`weight ${grams(a.weightGrams)} -> ${grams(b.weightGrams)}`);
  if (!sameNumber(a.inventory, b.inventory)) out.push(`inventory ${plain(a.inventory)} -> ${plain(b.inventory)}`);
  if (!sameText(a.image, b.image)) out.push(`image ${quoted(a.image)} -> ${quoted(b.image)}`);
  return out;
}

/**
 * The store's product with the file's values over it (its id and handle stay). Product fields the file leaves empty keep the
 * store's value. Upsert and update merge variants by SKU (a variant's empty fields keep the store's
 * value too, so a sheet without a cost column never wipes costs) and keep the store's other
 * variants; replace takes the file's variants exactly as they are.
 */
function mergeProduct(existing: Product, input: Product, replacing: boolean, pricesInFile: boolean): Product {
  const desired: Product = { ...existing, variants: [] };
  if (hasText(input.title)) desired.title = input.title;
  if (hasText(input.description)) desired.description = input.description;
  if (hasText(input.vendor)) desired.vendor = input.vendor;
  if (hasText(input.category)) desired.category = input.category;
  if (list(input.tags).length > 0) desired.tags = input.tags;
  desired.status = input.status;
  if (list(input.options).length > 0 || replacing) desired.options = input.options;
  if (list(input.images).length > 0) desired.images = input.images;

  if (replacing) {
    desired.variants = input.variants;
    return desired;
  }
  // A file without option columns (a sheet of prices, say) keeps the store's option values.
  const fileHasAxes = list(input.options).length > 0;
  const pairs = matchVariants(existing.variants, input.variants);
  const fromFile = new Set<number>();
  input.variants.forEach((v, i) => {
    const j = pairs[i] as number;
    const was = existing.variants[j];
    if (was) fromFile.add(j);
    desired.variants.push(was ? mergeVariant(was, v, fileHasAxes, pricesInFile) : v);
  });
  existing.variants.forEach((v, j) => {
    if (!fromFile.has(j)) desired.variants.push(v);
  });
  return desired;
}

function mergeVariant(was: Variant, v: Variant, fileHasAxes: boolean, pricesInFile: boolean): Variant {
  const options = fileHasAxes || Object.keys(v.options).length > 0 ? v.options : was.options;
  // A file without a price column (a stock sheet) never overwrites prices with 0.00.
  const out: Variant = pricesInFile ? { ...was, options, price: v.price, currency: v.currency } : { ...was, options };
  // A variant the file leaves without a SKU keeps the store's (Shopify's import does the same).
  if (hasText(v.sku)) out.sku = v.sku;
  if (v.attributes !== undefined || options !== was.options) {
    if (v.attributes !== undefined) out.attributes = v.attributes;
    else delete out.attributes;
  }
  if (hasNumber(v.compareAtPrice)) out.compareAtPrice = v.compareAtPrice;
  if (hasNumber(v.cost)) {
    out.cost = v.cost;
    // The precision comes with the cost: a cost written with 2 decimals drops the old 4.
    if (v.costDecimal !== undefined) out.costDecimal = v.costDecimal;
    else delete out.costDecimal;
  }
  if (hasText(v.barcode)) out.barcode = v.barcode;
  if (hasNumber(v.weightGrams)) out.weightGrams = v.weightGrams;
  if (hasNumber(v.inventory)) out.inventory = v.inventory;
  if (hasText(v.image)) out.image = v.image;
  return out;
}

/**
 * A merge that would leave the store with an inconsistent product: kept store variants on other
 * axes than the file's, or two variants with the same option values. Replace mode has neither.
 */
function mergeConflict(existing: Product, input: Product, desired: Product): string | undefined {
  const axes = list(desired.options);
  const offAxes = desired.variants.filter((v) => !sameSet(Object.keys(v.options), axes));
  if (offAxes.length > 0) {
    // mergeProduct puts the file's variants first, then the store's others.
    const fromFile = new Set(desired.variants.slice(0, input.variants.length));
    const kept = offAxes.filter((v) => !fromFile.has(v));
    const first = offAxes[0] as Variant;
    return kept.length > 0
      ? `options change from ${axesText(list(existing.options))} to ${axesText(axes)} and ${kept.length} variant(s) in the store ` +
          `are not in the file (${variantLabel(kept[0] as Variant)}); use --mode replace`
      : `variant ${variantLabel(first)} has options ${axesText(Object.keys(first.options).sort())}, the product ${axesText(axes)}; use --mode replace`;
  }
  const seen = new Map<string, string>();
  for (const v of desired.variants) {
    const key = optionsKey(v.options);
    const other = seen.get(key);
    if (other !== undefined) {
      return `variants ${other} and ${variantLabel(v)} would have the same options (${comboText(v.options)}); use --mode replace`;
    }
    seen.set(key, variantLabel(v));
  }
  return undefined;
}

function skip(handle: string, reason: string): ProductPlan {
  return { handle, action: "skip", changes: [], variantCounts: zeroCounts(), reason };
}

// --- Values ---------------------------------------------------------------------------------------

const hasText = (s: string | null | undefined): s is string => typeof s === "string" && s.trim() !== "";
const hasNumber = (n: number | null | undefined): n is number => typeof n === "number";
const list = <T>(xs: readonly T[] | null | undefined): T[] => (xs ? [...xs] : []);

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return hasText(a) ? hasText(b) && a === b : !hasText(b);
}

function sameNumber(a: number | null | undefined, b: number | null | undefined): boolean {
  return hasNumber(a) ? hasNumber(b) && a === b : !hasNumber(b);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

function comboText(options: Record<string, string>): string {
  return Object.keys(options)
    .sort()
    .map((k) => `${k} ${options[k]}`)
    .join(", ");
}

const NONE = "(none)";
const ELLIPSIS_AT = 60;

function quoted(s: string | null | undefined): string {
  if (!hasText(s)) return NONE;
  const one = s.replace(/\s+/g, " ");
  return JSON.stringify(one.length > ELLIPSIS_AT ? `${one.slice(0, ELLIPSIS_AT - 1)}…` : one);
}

const plain = (v: string | number | null | undefined): string => (v === undefined || v === null || v === "" ? NONE : String(v));
const grams = (g: number | null | undefined): string => (hasNumber(g) ? `${g} g` : NONE);
const moneyOrNone = (amount: number | null | undefined, currency: string): string =>
  hasNumber(amount) ? moneyText(amount, currency) : NONE;
const axesText = (axes: readonly string[]): string => (axes.length > 0 ? axes.join(", ") : NONE);

function imagesText(before: string[], after: string[]): string {
  const had = new Set(before);
  const has = new Set(after);
  const added = after.filter((u) => !had.has(u)).length;
  const removed = before.filter((u) => !has.has(u)).length;
  if (added === 0 && removed === 0) return before[0] !== after[0] ? "main image changed" : "order changed";
  return `${before.length} -> ${after.length} (${added} added, ${removed} removed)`;
}
