/**
 * Product-level rules on assembled drafts (cell-level problems were reported by the row parser):
 * every variant carries every axis, axis combinations are unique (case-insensitively, by the values
 * the store will show), a title, the target platform's limits; a price of 0 is a warning. Plus
 * the run-wide SKU tracker, and the conversion of a valid draft into the core Product.
 */
import type { AttributeDictionary } from "../attributes/index.js";
import { english, type Localized, localized, type Message, msg } from "../i18n/index.js";
import type { Product, Variant } from "../model.js";
import type { AssembledProduct } from "./assemble.js";
import { INVISIBLE, shownInvisible } from "./text.js";
import type { CatalogDialect, CatalogIssue, CellRef, ProductDraft, VariantDraft } from "./types.js";

export type ValidationTarget = "shopify" | "woocommerce" | "youzan" | "local";

export interface ValidateOptions {
  target?: ValidationTarget;
  dict: AttributeDictionary;
  /** A file of product columns only (mappingIsProductUpdate): no title or variants needed, the store has them. */
  productUpdate?: boolean;
}

/** Longest product title each platform accepts (characters). */
const TITLE_LIMITS: Partial<Record<ValidationTarget, number>> = { shopify: 255, youzan: 100 };
const SHOPIFY_MAX_OPTIONS = 3;

export function validateProduct(p: ProductDraft, opts: ValidateOptions): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const assembled = p as Partial<AssembledProduct>;
  const axisColumn = (attr: string) => assembled.axisColumns?.get(attr) ?? opts.dict.attributeLabel(attr, "en");
  // Axes by their ids in English (as the config names them), by their dictionary labels in Chinese.
  const axisNames = (attrs: readonly string[]): Localized =>
    localized({
      en: attrs.join(", "),
      "zh-Hans": attrs.map((a) => opts.dict.attributeLabel(a, "zh")).join("、"),
      "zh-Hant": attrs.map((a) => opts.dict.attributeLabel(a, "zh-Hant")).join("、"),
    });
  const fieldColumn = (field: string, fallback: string) => assembled.fieldColumns?.get(field) ?? fallback;
  const add = (severity: CatalogIssue["severity"], at: CellRef, text: Message, hintText?: Message, sku?: string) => {
    const i: CatalogIssue = { severity, at, message: english(text), text, handle: p.handle };
    if (hintText) {
      i.hint = english(hintText);
      i.hintText = hintText;
    }
    if (sku) i.sku = sku;
    issues.push(i);
  };
  const titleAt = { file: p.at.file, row: p.at.row, column: fieldColumn("title", "title") };

  if (p.title.trim() === "") {
    if (!opts.productUpdate) add("error", titleAt, msg("catalog.check.no_title", { handle: p.handle }), msg("catalog.check.no_title_hint"));
  } else {
    const limit = opts.target ? TITLE_LIMITS[opts.target] : undefined;
    const length = [...p.title].length;
    if (limit !== undefined && length > limit) {
      add(
        "error",
        titleAt,
        msg("catalog.check.title_too_long", { length, target: opts.target ?? "", limit }),
        msg("catalog.check.shorten_title"),
      );
    }
  }
  if (p.variants.length === 0 && !opts.productUpdate) {
    add(
      "error",
      { file: p.at.file, row: p.at.row },
      msg("catalog.check.no_variants", { handle: p.handle }),
      msg("catalog.check.no_variants_hint"),
    );
  }
  if (p.options.length > SHOPIFY_MAX_OPTIONS) {
    const severity = opts.target === "shopify" ? "error" : "warning";
    add(
      severity,
      { file: p.at.file, row: p.at.row },
      msg("catalog.check.too_many_axes", {
        handle: p.handle,
        count: p.options.length,
        axes: axisNames(p.options),
        max: SHOPIFY_MAX_OPTIONS,
      }),
      msg("catalog.check.too_many_axes_hint"),
    );
  }

  const combinations = new Map<string, VariantDraft>();
  for (const v of p.variants) {
    let complete = true;
    for (const attr of p.options) {
      if (v.options[attr] !== undefined) continue;
      complete = false;
      const column = axisColumn(attr);
      add(
        "error",
        { file: v.at.file, row: v.at.row, column },
        msg("catalog.check.axis_empty", { column, handle: p.handle, attr: axisNames([attr]) }),
        msg("catalog.check.axis_empty_hint", { axes: axisNames(p.options) }),
        v.sku,
      );
    }
    if (complete) {
      const key = p.options.map((a) => (v.options[a] as string).toLowerCase()).join("\u0000");
      const twin = combinations.get(key);
      if (twin) {
        const shown = p.options.length === 0 ? msg("catalog.check.no_options") : p.options.map((a) => `${a} ${v.options[a]}`).join(", ");
        add(
          "error",
          { file: v.at.file, row: v.at.row, ...(p.options.length > 0 ? { column: axisColumn(p.options[0] as string) } : {}) },
          msg("catalog.check.same_variant", { first: twin.at.row, second: v.at.row, handle: p.handle, options: shown }),
          msg(p.options.length === 0 ? "catalog.check.same_variant_no_options_hint" : "catalog.check.same_variant_hint"),
          v.sku,
        );
      } else combinations.set(key, v);
    }
    // The platforms take a price of 0 (free samples, gifts); a negative one is refused by the parser.
    if (v.price !== null && v.price === 0) {
      add(
        "warning",
        { file: v.at.file, row: v.at.row, column: fieldColumn("price", "price") },
        msg("catalog.check.price_zero"),
        msg("catalog.check.price_zero_hint"),
        v.sku,
      );
    }
  }
  return issues;
}

const NON_ASCII = /[^\u0020-\u007e]/;
/** Zero-width and other invisible characters: "S\u200B-1" is "S-1" to whoever reads the sheet. */
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "g");

/**
 * SKUs seen in the run, across files: one Map entry (key -> file and row packed in a number) per
 * SKU, so a million SKUs cost a Map and their strings, no object each. SKUs compare trimmed,
 * NFKC-folded and case-insensitively: "ab-1" and "AB-1" are one SKU to most stores.
 */
/**
 * SKUs seen in a run, for the uniqueness check across files. A million SKUs in a Map would be a
 * million heap objects that every major GC walks; here the normalized keys live as UTF-8 bytes in
 * one growing arena with an open-addressing index in typed arrays, which the GC never looks
 * into. Comparisons are exact (bytes), not by hash alone.
 */
export class SkuTracker {
  private arena = new Uint8Array(1 << 20);
  private used = 0;
  private offsets = new Uint32Array(1 << 14);
  private lengths = new Uint32Array(1 << 14);
  private hashes = new Uint32Array(1 << 14);
  /** file index * 2^32 + row, per entry. */
  private places = new Float64Array(1 << 14);
  private count = 0;
  /** Entry index + 1 per slot; 0 = empty. Kept at most half full. */
  private slots = new Int32Array(1 << 15);
  private readonly encoder = new TextEncoder();
  private readonly files: string[] = [];
  private lastFile = "";
  private lastFileIndex = -1;

  /** Records the SKU; returns an error naming both places when it was seen before. Empty SKUs are ignored. */
  see(sku: string, at: CellRef): CatalogIssue | undefined {
    const trimmed = sku.trim();
    if (trimmed === "") return undefined;
    const key = NON_ASCII.test(trimmed) ? trimmed.replace(INVISIBLE_ALL, "").normalize("NFKC").toLowerCase() : trimmed.toLowerCase();
    // Encode into the arena's free space; the bytes become the entry if the key is new.
    if (this.arena.length - this.used < key.length * 3) this.growArena(key.length * 3);
    const { written } = this.encoder.encodeInto(key, this.arena.subarray(this.used));
    const len = written ?? 0;
    let h = 0x811c9dc5;
    for (let i = this.used; i < this.used + len; i++) h = Math.imul(h ^ (this.arena[i] as number), 0x01000193);
    h >>>= 0;
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const e = this.slots[slot] as number;
      if (e === 0) break;
      const idx = e - 1;
      if (this.hashes[idx] === h && this.lengths[idx] === len && this.sameBytes(this.offsets[idx] as number, this.used, len)) {
        const previous = this.places[idx] as number;
        const file = this.files[Math.floor(previous / 2 ** 32)] as string;
        const row = previous % 2 ** 32;
        const where = file === at.file ? msg("catalog.check.row", { row }) : msg("loc.row", { file, row: String(row) });
        const text = msg("catalog.check.sku_twice", { sku: shownInvisible(trimmed), where });
        const hintText = msg("catalog.check.sku_twice_hint");
        return { severity: "error", at, message: english(text), text, hint: english(hintText), hintText, sku: trimmed };
      }
      slot = (slot + 1) & mask;
    }
    if (this.count === this.offsets.length) this.growEntries();
    const idx = this.count++;
    this.offsets[idx] = this.used;
    this.lengths[idx] = len;
    this.hashes[idx] = h;
    this.places[idx] = this.fileIndex(at.file) * 2 ** 32 + at.row;
    this.used += len;
    this.slots[slot] = idx + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return undefined;
  }

  get size(): number {
    return this.count;
  }

  private sameBytes(a: number, b: number, len: number): boolean {
    const arena = this.arena;
    for (let i = 0; i < len; i++) if (arena[a + i] !== arena[b + i]) return false;
    return true;
  }

  private growArena(need: number): void {
    const next = new Uint8Array(Math.max(this.arena.length * 2, this.used + need + 1024));
    next.set(this.arena.subarray(0, this.used));
    this.arena = next;
  }

  private growEntries(): void {
    const n = this.offsets.length * 2;
    const grow = <T extends Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.offsets = grow(this.offsets, (k) => new Uint32Array(k));
    this.lengths = grow(this.lengths, (k) => new Uint32Array(k));
    this.hashes = grow(this.hashes, (k) => new Uint32Array(k));
    this.places = grow(this.places, (k) => new Float64Array(k));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let idx = 0; idx < this.count; idx++) {
      let slot = (this.hashes[idx] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = idx + 1;
    }
    this.slots = slots;
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

/**
 * A SKU seen twice (`SkuTracker.see`). Shopify lets several variants share a SKU and its exports
 * have them, so in a Shopify file it is a warning (those variants are then told apart by their
 * options), unless the target is WooCommerce, which refuses duplicate SKUs. In supplier sheets and
 * WooCommerce files it stays an error: there it is a copy-paste slip.
 */
export function sharedSkuIssue(dup: CatalogIssue, handle: string, dialect: CatalogDialect, target?: ValidationTarget): CatalogIssue {
  const issue = { ...dup, handle: dup.handle ?? handle };
  if (dialect !== "shopify" || target === "woocommerce") return issue;
  const text = msg("catalog.check.sku_shared_shopify", { problem: dup.text ?? dup.message });
  const hintText = msg("catalog.check.sku_shared_shopify_hint");
  return { ...issue, severity: "warning", message: english(text), text, hint: english(hintText), hintText };
}

/** The core Product a valid draft describes; its id is its handle. */
export function draftToProduct(p: ProductDraft, currency: string): Product {
  const product: Product = { id: p.handle, handle: p.handle, title: p.title, status: p.status, options: [...p.options], variants: [] };
  if (p.description !== undefined) product.description = p.description;
  if (p.vendor !== undefined) product.vendor = p.vendor;
  if (p.category !== undefined) product.category = p.category;
  if (p.tags !== undefined && p.tags.length > 0) product.tags = [...p.tags];
  if (p.images !== undefined && p.images.length > 0) product.images = [...p.images];
  if (p.optionNames !== undefined && p.optionNames.length === p.options.length) product.optionNames = [...p.optionNames];
  for (const v of p.variants) {
    const options: Record<string, string> = {};
    let attributes: Record<string, string> | undefined;
    for (const attr of p.options) {
      const value = v.options[attr];
      if (value !== undefined) options[attr] = value;
      const canonical = v.attributes?.[attr];
      if (canonical !== undefined) {
        attributes ??= {};
        attributes[attr] = canonical;
      }
    }
    const variant: Variant = {
      options,
      price: v.price ?? 0,
      compareAtPrice: v.compareAtPrice,
      cost: v.cost,
      currency: v.currency || currency,
      weightGrams: v.weightGrams,
      inventory: v.inventory,
    };
    if (v.sku.trim() !== "") variant.sku = v.sku;
    if (attributes !== undefined) variant.attributes = attributes;
    if (v.barcode !== undefined) variant.barcode = v.barcode;
    if (v.image !== undefined) variant.image = v.image;
    if (v.costDecimal !== undefined) variant.costDecimal = v.costDecimal;
    product.variants.push(variant);
  }
  return product;
}
