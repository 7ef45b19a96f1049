/**
 * Parsed rows, in file order -> complete product drafts.
 *
 * Whole-file mode buffers every product, so rows may come in any order (WooCommerce variations
 * before their parent included). Streaming mode, for files too large to hold, emits a native or
 * Shopify product as soon as a row of another product arrives; rows of a finished product that
 * reappear later are refused ("sort the sheet by handle"), since only their handles are kept.
 * WooCommerce exports list variations wherever their IDs fall, so in streaming mode simple
 * products stream and variable products wait for the end of the file.
 *
 * Shopify option names live on a product's first row: the assembler resolves each row's option
 * values against them (Size -> size, Color -> colour; an unknown name becomes a free-form
 * attribute keyed by its lowercase name; Title = Default Title means no options).
 */
import type { AttributeDictionary } from "../attributes/index.js";
import { type Message, msg } from "../i18n/index.js";
import { stripRequiredMarkers } from "./dialects.js";
import { sortedInPlace } from "./identity.js";
import { catalogIssue } from "./issue.js";
import type { ParsedRow, ProductFields, WooRowInfo } from "./rows.js";
import { AttributeValues, defaultStandardizeMode, type StandardizeMode, type Standardizer, standardizerFor } from "./standardize.js";
import { handleFromText } from "./text.js";
import type { CatalogDialect, CatalogIssue, ProductDraft, VariantDraft } from "./types.js";

/** A draft with where each option axis came from (the header), for validation messages. */
export interface AssembledProduct extends ProductDraft {
  axisColumns: ReadonlyMap<string, string>;
  /** Field ("title", "price", ...) -> header of its column in the product's file. */
  fieldColumns: ReadonlyMap<string, string>;
}

export interface ProductAssemblerOptions {
  dialect: CatalogDialect;
  streaming: boolean;
  dict: AttributeDictionary;
  /** The file (informational: locations come from the rows). */
  file?: string;
  /** As the row parser's (`RowParserContext`): display values canonical or as written; unknown values errors. */
  standardize?: StandardizeMode;
  strictAttributes?: boolean;
}

interface Builder {
  draft: AssembledProduct;
  axisColumns: Map<string, string>;
  lastRow: number;
  hasStatus: boolean;
  /** Shopify: the attribute of each option slot, from the product's first row (undefined = no name). */
  optionAttrs?: (string | undefined)[];
  /** Attribute -> the file's own name for it ("Color"), in order of first appearance. */
  optionNames: Map<string, string>;
  /** WooCommerce product rows. */
  woo?: { info: WooRowInfo; listed: Map<string, Set<string>>; listedColumn: Map<string, string> };
  /** WooCommerce: the first variation row whose errors were re-issued under this product's handle. */
  flaggedRow?: number;
}

interface PendingVariation {
  row: ParsedRow;
  info: WooRowInfo;
  variant: VariantDraft;
}

export class ProductAssembler {
  private readonly dialect: CatalogDialect;
  private readonly streaming: boolean;
  private readonly standardizer: Standardizer;
  private readonly values: AttributeValues;
  private readonly dict: AttributeDictionary;
  private readonly open = new Map<string, Builder>();
  /** Streaming: handle -> first and last row of products already emitted. */
  private readonly finished = new Map<string, { first: number; last: number }>();
  private current: Builder | undefined;
  private pendingIssues: CatalogIssue[] = [];
  // WooCommerce
  /** Variable products by "id:N" and lowercase SKU. */
  private readonly wooRefs = new Map<string, Builder>();
  /** Simple products by the same keys: a variation naming one is refused with a clear reason. */
  private readonly simpleRefs = new Map<string, { row: number; handle: string }>();
  private readonly usedHandles = new Set<string>();
  private pendingVariations: PendingVariation[] = [];

  constructor(opts: ProductAssemblerOptions) {
    this.dialect = opts.dialect;
    this.streaming = opts.streaming;
    this.dict = opts.dict;
    this.standardizer = standardizerFor(opts.dict, opts.standardize ?? defaultStandardizeMode(opts.dialect));
    this.values = new AttributeValues(this.standardizer, opts.strictAttributes ?? false);
  }

  /** Problems found while grouping (rows apart, orphan variations, option names); cleared by drainIssues. */
  get issues(): readonly CatalogIssue[] {
    return this.pendingIssues;
  }

  drainIssues(): CatalogIssue[] {
    const out = this.pendingIssues;
    this.pendingIssues = [];
    return out;
  }

  /** Feeds one row; returns the products it completed (always [] in whole-file mode). */
  add(row: ParsedRow): ProductDraft[] {
    if (row.dialect === "woocommerce") return this.addWoo(row);
    if (row.key === "") return [];
    const out: ProductDraft[] = [];
    let b = this.open.get(row.key);
    if (!b) {
      if (this.streaming) {
        const done = this.finished.get(row.key);
        if (done) {
          this.issue(row, undefined, this.apartMessage(row.key, done, row.at.row), msg("catalog.product.apart_hint"));
          return out;
        }
        if (this.current) {
          out.push(this.complete(this.current));
          this.finished.set(this.current.draft.handle, { first: this.current.draft.at.row, last: this.current.lastRow });
          this.open.delete(this.current.draft.handle);
        }
      }
      b = this.newBuilder(row, row.key);
      this.open.set(row.key, b);
      this.current = b;
      if (row.dialect === "shopify") {
        b.optionAttrs = this.shopifyOptionNames(row);
        this.recordShopifyNames(b, row);
      }
    }
    b.lastRow = row.at.row;
    mergeProduct(b, row.product);
    if (row.variant) {
      if (row.dialect === "shopify") this.resolveShopifyOptions(b, row, row.variant);
      else for (const [attr, header] of row.axisColumns) if (!b.axisColumns.has(attr)) b.axisColumns.set(attr, header);
      b.draft.variants.push(row.variant);
    }
    return out;
  }

  /** Ends the input: returns every product not yet returned, in order of first appearance. */
  finish(): ProductDraft[] {
    if (this.dialect === "woocommerce" || this.pendingVariations.length > 0) this.attachPendingVariations(true);
    const out: ProductDraft[] = [];
    for (const b of this.open.values()) {
      if (this.unsellableVariable(b)) continue;
      out.push(this.complete(b));
    }
    this.open.clear();
    this.current = undefined;
    return out;
  }

  /**
   * A WooCommerce variable product with no variation (or none with a price) in the file: the shop
   * keeps such a product (WooCommerce's own sample data has two) but cannot sell it. It is left
   * out with a warning, not refused.
   */
  private unsellableVariable(b: Builder): boolean {
    if (b.woo?.info.kind !== "variable" || b.draft.variants.length > 0) return false;
    const i = catalogIssue(
      "warning",
      { file: b.draft.at.file, row: b.draft.at.row },
      msg("data.woo.no_variations", { handle: b.draft.handle }),
      msg("data.woo.no_variations_hint"),
    );
    i.handle = b.draft.handle;
    this.pendingIssues.push(i);
    return true;
  }

  private newBuilder(row: ParsedRow, handle: string): Builder {
    return {
      draft: {
        at: { file: row.at.file, row: row.at.row },
        handle,
        title: "",
        status: "active",
        options: [],
        variants: [],
        axisColumns: new Map(),
        fieldColumns: row.fieldColumns,
      },
      axisColumns: new Map(),
      lastRow: row.at.row,
      hasStatus: false,
      optionNames: new Map(),
    };
  }

  private complete(b: Builder): ProductDraft {
    const d = b.draft;
    if (!b.optionAttrs) {
      const axes = new Set<string>();
      for (const v of d.variants) for (const attr of Object.keys(v.options)) axes.add(attr);
      d.options = sortedInPlace([...axes], (a, c) => this.dict.compareAttributes(a, c));
      // A WooCommerce parent lists its attributes in the store's order: keep it, as for Shopify.
      const listed = b.woo ? [...b.woo.listed.keys()] : [];
      if (listed.length > 0) {
        const rank = (a: string) => (listed.includes(a) ? listed.indexOf(a) : listed.length);
        d.options.sort((a, c) => rank(a) - rank(c));
      }
    } else {
      // The store's own option order (Option1, Option2, ...): an export writes them back in place.
      d.options = b.optionAttrs.filter((a): a is string => a !== undefined);
    }
    if (b.optionNames.size > 0 && d.options.every((a) => b.optionNames.has(a))) {
      d.optionNames = d.options.map((a) => b.optionNames.get(a) as string);
    }
    d.axisColumns = b.axisColumns;
    this.keepWrittenWhereMerged(d, b.axisColumns);
    if (this.dialect === "native") this.styleCodeAsNoSku(d);
    return d;
  }

  /**
   * Wholesale sheets (1688 and the like) write the article number (货号) on every colour and
   * size row of it: one code on all variants of a product, each variant told apart by its
   * options. That code names the product, not a variant, so the variants are read without a
   * SKU (known by their options, as SKU-less variants are), with a warning, instead of being
   * refused as one SKU used several times. A code shared by only some variants stays an error.
   */
  private styleCodeAsNoSku(d: AssembledProduct): void {
    const [first] = d.variants;
    if (!first || d.variants.length < 2 || first.sku === "" || d.options.length === 0) return;
    const code = first.sku;
    const column = d.fieldColumns?.get("sku") ?? "sku";
    // Only under an article-number header: merchops' own "sku" column is each variant's code.
    if (!ARTICLE_NUMBER.test(stripRequiredMarkers(column.normalize("NFKC"))) || !d.variants.every((v) => v.sku === code)) return;
    for (const v of d.variants) v.sku = "";
    this.pendingIssues.push({
      ...catalogIssue(
        "warning",
        { file: first.at.file, row: first.at.row, column },
        msg("catalog.product.article_number", { column, code, count: d.variants.length, handle: d.handle }),
        msg("catalog.product.article_number_hint"),
      ),
      handle: d.handle,
    });
  }

  /**
   * A supplier sheet shows canonical values (加大码 -> XL), but two words of one product may
   * standardize alike (中灰色 and 灰色 are both grey; a paint range has dozens of greys). Their
   * variants are different, so that product shows those options as written, with a warning,
   * instead of two variants of one combination. Variants equal as written are left to validation.
   */
  private keepWrittenWhereMerged(d: ProductDraft, axisColumns: ReadonlyMap<string, string>): void {
    if (d.variants.length < 2 || !d.variants.some((v) => v.written !== undefined)) return;
    const combo = (v: VariantDraft, written: boolean) =>
      d.options.map((a) => ((written ? v.written?.[a] : undefined) ?? v.options[a] ?? "").toLowerCase()).join("\u0000");
    const byShown = new Map<string, VariantDraft>();
    const merged = new Set<string>();
    let example: [VariantDraft, VariantDraft] | undefined;
    for (const v of d.variants) {
      const shown = combo(v, false);
      const twin = byShown.get(shown);
      if (!twin) {
        byShown.set(shown, v);
        continue;
      }
      if (combo(twin, true) === combo(v, true)) continue;
      const differing = d.options.filter((a) => (twin.written?.[a] ?? twin.options[a]) !== (v.written?.[a] ?? v.options[a]));
      // A translation (Red and 红色, XL and 加大码) is one value written twice: left to validation.
      if (!differing.every((a) => sameScript(twin.written?.[a] ?? twin.options[a] ?? "", v.written?.[a] ?? v.options[a] ?? ""))) continue;
      for (const a of differing) merged.add(a);
      example ??= [twin, v];
    }
    if (!example) return;
    for (const v of d.variants) {
      for (const a of merged) {
        const w = v.written?.[a];
        if (w !== undefined) v.options[a] = w;
      }
    }
    const [first, second] = example;
    const attr = [...merged][0] as string;
    const shownAs = first.attributes?.[attr] ?? "";
    this.pendingIssues.push({
      ...catalogIssue(
        "warning",
        { file: second.at.file, row: second.at.row, column: axisColumns.get(attr) ?? attr },
        msg("catalog.product.kept_written", {
          attrs: [...merged].join(", "),
          handle: d.handle,
          first: first.options[attr],
          firstRow: first.at.row,
          second: second.options[attr],
          secondRow: second.at.row,
          shownAs,
        }),
        msg("catalog.product.kept_written_hint"),
      ),
      handle: d.handle,
    });
  }

  private apartMessage(handle: string, done: { first: number; last: number }, row: number): Message {
    const params = { handle, first: done.first, last: done.last, row };
    return msg(done.first === done.last ? "catalog.product.apart_one" : "catalog.product.apart_many", params);
  }

  private issue(row: ParsedRow, column: string | undefined, message: Message, hint?: Message, handle?: string): void {
    const at = column === undefined ? { file: row.at.file, row: row.at.row } : { file: row.at.file, row: row.at.row, column };
    const i = catalogIssue("error", at, message, hint);
    const h = handle ?? row.key;
    if (h) i.handle = h;
    if (row.variant?.sku) i.sku = row.variant.sku;
    this.pendingIssues.push(i);
  }

  // ---------------------------------------------------------------------------------------------
  // Shopify options

  private shopifyOptionNames(row: ParsedRow): (string | undefined)[] {
    const cells = row.shopifyOptions ?? [];
    const attrs: (string | undefined)[] = [];
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (!c || c.name === "") {
        attrs.push(undefined);
        continue;
      }
      if (c.name.toLowerCase() === "title" && (c.value === "" || c.value.toLowerCase() === "default title")) {
        attrs.push(undefined);
        continue;
      }
      const attr = this.standardizer.attributeForName(c.name);
      if (attr === undefined) {
        this.issue(
          row,
          c.nameColumn,
          msg("catalog.product.option_name_bad", { name: c.name }),
          msg("catalog.product.option_name_bad_hint"),
        );
        attrs.push(undefined);
        continue;
      }
      const twin = attrs.indexOf(attr);
      if (twin >= 0) {
        this.issue(
          row,
          c.nameColumn,
          msg("catalog.product.option_twice", {
            first: cells[twin]?.name,
            firstColumn: cells[twin]?.nameColumn,
            second: c.name,
            secondColumn: c.nameColumn,
            attr,
          }),
          msg("catalog.product.option_twice_hint"),
        );
        attrs.push(undefined);
        continue;
      }
      attrs.push(attr);
    }
    return attrs;
  }

  /** The names the product's first row gives its options ("Color"), by attribute. */
  private recordShopifyNames(b: Builder, row: ParsedRow): void {
    const cells = row.shopifyOptions ?? [];
    (b.optionAttrs ?? []).forEach((attr, i) => {
      const name = cells[i]?.name;
      if (attr !== undefined && name) b.optionNames.set(attr, name);
    });
  }

  private resolveShopifyOptions(b: Builder, row: ParsedRow, variant: VariantDraft): void {
    const cells = row.shopifyOptions ?? [];
    const attrs = b.optionAttrs ?? [];
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (!c || c.value === "") continue;
      const attr = attrs[i];
      if (attr === undefined) {
        if (c.value.toLowerCase() === "default title") continue;
        const first = b.draft.at.row;
        this.issue(
          row,
          c.valueColumn,
          msg("catalog.product.option_unnamed", { value: c.value, nameColumn: c.nameColumn, first }),
          msg("catalog.product.option_unnamed_hint", { nameColumn: c.nameColumn, first }),
        );
        continue;
      }
      if (!b.axisColumns.has(attr)) b.axisColumns.set(attr, c.valueColumn);
      const problem = this.values.put(variant.options, variant, attr, c.value);
      if (problem) {
        const i2 = catalogIssue(
          problem.severity,
          { file: row.at.file, row: row.at.row, column: c.valueColumn },
          problem.message,
          problem.hint,
        );
        if (row.key) i2.handle = row.key;
        if (variant.sku) i2.sku = variant.sku;
        this.pendingIssues.push(i2);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // WooCommerce

  private addWoo(row: ParsedRow): ProductDraft[] {
    const info = row.woo;
    if (!info || info.kind === "unsupported") return [];
    if (info.kind === "variation") {
      if (!row.variant || info.parent === "") return [];
      this.pendingVariations.push({ row, info, variant: row.variant });
      return [];
    }
    const handle = this.wooHandle(row, info);
    row.key = handle;
    const b = this.newBuilder(row, handle);
    mergeProduct(b, row.product);
    if (info.kind === "simple") {
      const simple = { row: row.at.row, handle };
      if (info.id !== "") this.simpleRefs.set(`id:${info.id}`, simple);
      if (info.sku !== "") this.simpleRefs.set(info.sku.toLowerCase(), simple);
      // No variant: the row has no price, which the row parser has warned about; the product is left out.
      if (!row.variant) return [];
      b.draft.variants.push(row.variant);
      if (this.streaming) return [this.complete(b)];
      this.open.set(handle, b);
      return [];
    }
    const listed = new Map<string, Set<string>>();
    const listedColumn = new Map<string, string>();
    for (const a of info.attributes) {
      const values = new Set<string>();
      // A variation may spell a listed value another way ("Gray" for "Grey"): the canonical value matches too.
      for (const raw of a.values) for (const key of this.listingKeys(a.attr, raw)) values.add(key);
      listed.set(a.attr, values);
      listedColumn.set(a.attr, a.column);
      b.optionNames.set(a.attr, a.name);
    }
    b.woo = { info, listed, listedColumn };
    this.open.set(handle, b);
    if (info.id !== "") this.wooRefs.set(`id:${info.id}`, b);
    if (info.sku !== "") this.wooRefs.set(info.sku.toLowerCase(), b);
    return [];
  }

  /** How a value is found in a parent's list: as written (folded) and by its canonical value. */
  private listingKeys(attr: string, raw: string): string[] {
    const r = this.standardizer.value(attr, raw);
    const keys = [`=${r.display.normalize("NFKC").toLowerCase()}`];
    if (r.canonical !== undefined) keys.push(`~${r.canonical}`);
    return keys;
  }

  private wooHandle(row: ParsedRow, info: WooRowInfo): string {
    const base = handleFromText(row.product.title ?? "") || handleFromText(info.sku) || (info.id ? `id-${info.id}` : `row-${row.at.row}`);
    let handle = base;
    // WordPress makes slugs unique the same way: "hoodie", "hoodie-2", ...
    for (let n = 2; this.usedHandles.has(handle) || this.open.has(handle); n++) handle = `${base}-${n}`;
    this.usedHandles.add(handle);
    return handle;
  }

  private attachPendingVariations(final: boolean): void {
    const pending = this.pendingVariations;
    this.pendingVariations = [];
    for (const p of pending) {
      const ref = p.info.parent.trim();
      const key = /^id:\s*\d+$/i.test(ref) ? `id:${ref.slice(3).trim()}` : ref.toLowerCase();
      const parent = this.wooRefs.get(key);
      if (!parent) {
        const simple = this.simpleRefs.get(key);
        if (!final && !simple) {
          this.pendingVariations.push(p);
          continue;
        }
        if (simple) {
          this.issue(
            p.row,
            p.info.parentColumn,
            msg("catalog.product.parent_simple", { ref, row: simple.row }),
            msg("catalog.product.parent_simple_hint"),
            simple.handle,
          );
          continue;
        }
        this.issue(
          p.row,
          p.info.parentColumn,
          msg("catalog.product.parent_missing", { ref }),
          msg("catalog.product.parent_missing_hint"),
          "",
        );
        continue;
      }
      const handle = parent.draft.handle;
      p.row.key = handle;
      const woo = parent.woo as NonNullable<Builder["woo"]>;
      for (const a of p.info.attributes) {
        const listed = woo.listed.get(a.attr);
        const value = a.values[0] ?? "";
        if (listed && listed.size > 0 && !this.listingKeys(a.attr, value).some((k) => listed.has(k))) {
          this.issue(
            p.row,
            a.column,
            msg("catalog.product.value_not_listed", {
              attr: a.attr,
              value,
              row: parent.draft.at.row,
              column: woo.listedColumn.get(a.attr),
            }),
            msg("catalog.product.value_not_listed_hint"),
            handle,
          );
        }
        if (!parent.axisColumns.has(a.attr)) parent.axisColumns.set(a.attr, a.column);
      }
      for (const [attr, header] of p.row.axisColumns) if (!parent.axisColumns.has(attr)) parent.axisColumns.set(attr, header);
      parent.draft.variants.push(p.variant);
      // The row's own errors were reported before its product was known: name the product once,
      // so whoever leaves out products with errors leaves this one out too.
      if (!parent.flaggedRow && p.row.issues.some((i) => i.severity === "error" && i.handle === undefined)) {
        parent.flaggedRow = p.row.at.row;
        this.issue(
          p.row,
          undefined,
          msg("catalog.product.variation_errors", { handle, row: p.row.at.row }),
          msg("catalog.product.variation_errors_hint", { row: p.row.at.row }),
          handle,
        );
      }
      if (p.row.at.row > parent.lastRow) parent.lastRow = p.row.at.row;
    }
    // Variations attach in file order, whatever the parent's position.
    if (final) for (const b of this.open.values()) if (b.woo) b.draft.variants.sort((x, y) => x.at.row - y.at.row);
  }
}

function mergeProduct(b: Builder, p: ProductFields): void {
  const d = b.draft;
  if (p.title && !d.title) d.title = p.title;
  if (p.description && d.description === undefined) d.description = p.description;
  if (p.vendor && d.vendor === undefined) d.vendor = p.vendor;
  if (p.category && d.category === undefined) d.category = p.category;
  if (p.tags && d.tags === undefined) d.tags = p.tags;
  if (p.status && !b.hasStatus) {
    d.status = p.status;
    b.hasStatus = true;
  }
  if (p.images) {
    d.images ??= [];
    for (const url of p.images) if (!d.images.includes(url)) d.images.push(url);
  }
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Both values in Chinese script, or both not: two words of one language. */
function sameScript(a: string, b: string): boolean {
  return CJK.test(a) === CJK.test(b);
}

/** Headers that name an article (style) number in wholesale sheets, though they are read as the SKU column. */
const ARTICLE_NUMBER = /^(商品)?(货号|貨號)$|^(article|art\.?) ?(no\.?|number)$/i;
