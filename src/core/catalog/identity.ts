/**
 * Which variant is which. A variant is known by its SKU when it has one; a variant without a SKU
 * is known by its product's handle plus its option values, the way Shopify matches the rows of a
 * product CSV (and WooCommerce its variations). Everything that pairs a file's variants with a
 * store's (the plan, the local store, remote adapters) goes through here, so the rule is one.
 *
 * Option values compare after NFKC, trimming and lowercasing: platforms treat "Red" and "red" as
 * one value of an option.
 */
import type { Variant } from "../model.js";

type Identified = Pick<Variant, "sku" | "options">;

/** The SKU, trimmed; undefined when absent or blank. */
export function skuOf(v: Pick<Variant, "sku">): string | undefined {
  const s = v.sku?.trim();
  return s ? s : undefined;
}

/** The SKUs present among the variants (for look-ups by SKU). */
export function presentSkus(variants: readonly Pick<Variant, "sku">[]): string[] {
  const out: string[] = [];
  for (const v of variants) {
    const s = skuOf(v);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The option values as one comparable string: axes sorted, values folded. "" for no options. */
export function optionsKey(options: Readonly<Record<string, string>>, separator = "\u0000"): string {
  return sortedInPlace(Object.keys(options), (a, b) => (a > b ? 1 : 0))
    .map((k) => `${k}=${fold(options[k] ?? "")}`)
    .join(separator);
}

/**
 * Stable insertion sort, in place: what sort() does for a handful of items, without the work
 * arrays sort() allocates on every call (a variant's two or three axes, a million times over:
 * a quarter of a gigabyte). `after(a, b) > 0` when a goes after b.
 */
export function sortedInPlace<T>(items: T[], after: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    let j = i - 1;
    for (; j >= 0 && after(items[j] as T, item) > 0; j--) items[j + 1] = items[j] as T;
    items[j + 1] = item;
  }
  return items;
}

/**
 * A variant's identity within a store: "sku:<SKU>" when it has a SKU, else
 * "opt:<handle>\u0001<option values>". Two variants with the same identity are the same variant.
 */
export function variantIdentity(handle: string, v: Identified): string {
  const sku = skuOf(v);
  return sku !== undefined ? `sku:${sku}` : `opt:${handle}\u0001${optionsKey(v.options)}`;
}

/** How a variant is named in messages: its SKU, else its option values ("Color Red / Size M"), else "default variant". */
export function variantLabel(v: Identified): string {
  const sku = skuOf(v);
  if (sku !== undefined) return sku;
  const parts = Object.keys(v.options).map((k) => `${k} ${v.options[k]}`);
  return parts.length > 0 ? `(${parts.join(", ")})` : "(default variant)";
}

/**
 * Pairs each incoming variant with a store variant of the same product: by SKU first, then, for
 * the rest, by option values among the store variants not yet paired. Returns, per incoming
 * index, the index of its store variant, or -1 for a new variant.
 *
 * A SKU identifies a variant only when it names one variant on each side: Shopify lets several
 * variants share a SKU, and those pair by options. An incoming variant with a SKU the store does
 * not hold still pairs by options with a store variant that has no SKU or the same one (the
 * merchant has just given it one), never with one that has another SKU (a different variant, or
 * a SKU change the merchant must make on purpose).
 */
export function matchVariants(existing: readonly Identified[], incoming: readonly Identified[]): number[] {
  const out = new Array<number>(incoming.length).fill(-1);
  const taken = new Uint8Array(existing.length);
  const storeSkus = uniqueSkus(existing);
  const fileSkus = uniqueSkus(incoming);
  incoming.forEach((v, i) => {
    const s = skuOf(v);
    if (s === undefined || fileSkus.get(s) === -2) return;
    const j = storeSkus.get(s);
    if (j !== undefined && j >= 0) {
      out[i] = j;
      taken[j] = 1;
    }
  });
  const byOptions = new Map<string, number[]>();
  existing.forEach((v, j) => {
    if (taken[j]) return;
    const k = optionsKey(v.options);
    const list = byOptions.get(k);
    if (list) list.push(j);
    else byOptions.set(k, [j]);
  });
  incoming.forEach((v, i) => {
    if (out[i] !== -1) return;
    const sku = skuOf(v);
    const list = byOptions.get(optionsKey(v.options));
    if (!list) return;
    const at = list.findIndex((j) => {
      if (taken[j]) return false;
      const theirs = skuOf(existing[j] as Identified);
      return sku === undefined || theirs === undefined || theirs === sku;
    });
    if (at < 0) return;
    const j = list[at] as number;
    out[i] = j;
    taken[j] = 1;
  });
  return out;
}

/** SKU -> index of the one variant that has it, or -2 when several share it. */
function uniqueSkus(variants: readonly Identified[]): Map<string, number> {
  const m = new Map<string, number>();
  variants.forEach((v, i) => {
    const s = skuOf(v);
    if (s !== undefined) m.set(s, m.has(s) ? -2 : i);
  });
  return m;
}

// Anything outside printable ASCII may change under NFKC.
const NON_ASCII = /[^ -~]/;

// Called for every option value of every variant a store writes: NFKC only when it can change something.
function fold(s: string): string {
  return (NON_ASCII.test(s) ? s.normalize("NFKC") : s).trim().toLowerCase();
}
