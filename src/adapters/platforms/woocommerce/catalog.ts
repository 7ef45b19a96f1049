/**
 * WooCommerce products: reading (products + their variations, category paths) and the idempotent
 * upsert. An upsert works in rounds: look every pending product up (by slug, then by product SKU),
 * compare with what it should be, and send only the differences through the batch endpoints
 * (<= 100 items). A create whose outcome is unknown (timeout, dropped answer, 5xx) is never simply
 * sent again: the next round looks the product up first, so a product the store did create is
 * updated, not duplicated.
 */

import { z } from "zod";
import { presentSkus, skuOf, variantLabel } from "../../../core/catalog/identity.js";
import { english, type Message, msg } from "../../../core/i18n/index.js";
import type { Product, Variant } from "../../../core/model.js";
import { AdapterError } from "../../../http/index.js";
import { resultFrom, resultWith, type UpsertResult } from "../../platform.js";
import type { WooRest } from "./rest.js";
import {
  attributeNameToAxis,
  axisToAttributeName,
  decodeEntities,
  gmtDate,
  gmtParam,
  gramsToWeight,
  isItemError,
  toDecimal,
  toMinor,
  type WeightUnit,
  type WooProductOut,
  type WooTermOut,
  type WooVariationOut,
  weightToGrams,
  wooProductSchema,
  wooTermSchema,
  wooVariationSchema,
} from "./wire.js";

/** A product that cannot be written as given (no handle, a variant in another currency): fails that product only. */
class Unwritable extends Error {
  constructor(readonly text: Message) {
    super(english(text));
  }
}

const BATCH_LIMIT = 100;
const MAX_ROUNDS = 6;
/** A product whose items the store refused this many times is reported failed (a real refusal, not a glitch). */
const MAX_ITEM_REFUSALS = 2;

type Taxonomy = "categories" | "tags" | "brands";

const productList = z.array(wooProductSchema);
/** A batch answer: per kind, the written records or inline `{id, error}` items (checked one by one). */
const batchAnswer = z
  .object({ create: z.array(z.unknown()).optional(), update: z.array(z.unknown()).optional(), delete: z.array(z.unknown()).optional() })
  .optional();
const createdItem = z.object({ id: z.number() });

export interface CatalogOptions {
  rest: WooRest;
  currency: string;
  weightUnit: WeightUnit;
  /** Parallel look-ups and per-product variation batches. */
  parallel: number;
  /** Says once what the adapter did differently on this site (an older WooCommerce). */
  warn(message: Message | string): void;
}

/** The product attribute that carries the brand on a site without the brands taxonomy (before 9.6). */
export const BRAND_ATTRIBUTE = "Brand";

/**
 * Where a variant's canonical attributes travel on WooCommerce: one meta entry on the variation (or the
 * simple product), a JSON object string such as `{"colour":"grey","size":"XL"}`. WooCommerce's own
 * attributes keep the merchant's display values; the meta is read back on export and round trips.
 */
export const CANONICAL_META = "merchops_canonical";

/** `{size: "XL", colour: "grey"}` -> '{"colour":"grey","size":"XL"}' (sorted, so equal objects compare equal). */
function canonicalText(attributes: Record<string, string> | undefined): string | undefined {
  if (!attributes || Object.keys(attributes).length === 0) return undefined;
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(attributes)
        .sort()
        .map((k) => [k, attributes[k]]),
    ),
  );
}

/** The meta entry to send for these attributes (none when there are none). */
function canonicalMeta(v: Variant): { meta_data?: { key: string; value: string }[] } {
  const text = canonicalText(v.attributes);
  return text === undefined ? {} : { meta_data: [{ key: CANONICAL_META, value: text }] };
}

/** The canonical attributes a record carries in its meta, when they read as a flat object of strings. */
function canonicalFrom(meta: readonly { key: string; value: unknown }[] | undefined): Record<string, string> | undefined {
  const raw = meta?.find((m) => m.key === CANONICAL_META)?.value;
  if (typeof raw !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string");
    return entries.length ? Object.fromEntries(entries) : undefined;
  } catch {
    return undefined;
  }
}

/** Our meta entry as the store holds it, in the terms canonicalMeta() sends. */
function metaView(meta: readonly { key: string; value: unknown }[] | undefined): { meta_data?: { key: string; value: unknown }[] } {
  const found = meta?.find((m) => m.key === CANONICAL_META);
  return found ? { meta_data: [{ key: found.key, value: found.value }] } : {};
}

/** Runs fn over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Errors that no amount of looking up and retrying will fix: credentials, permissions, a missing route. */
export function isFatal(e: unknown): boolean {
  return e instanceof AdapterError && (e.status === 401 || e.status === 403 || (e.status === 404 && /rest_no_route/.test(e.message)));
}

interface Remote {
  product: WooProductOut;
  variations: WooVariationOut[];
}

/** What a product should look like on WooCommerce, as comparable plain values. */
interface Desired {
  product: Record<string, unknown>;
  variations: Record<string, unknown>[] | null;
}

export function createCatalog(opts: CatalogOptions) {
  const { rest, currency, weightUnit } = opts;

  // --- terms (categories, tags, brands), loaded once, created on demand
  const termCache = new Map<Taxonomy, Promise<Map<number, WooTermOut>>>();
  const termCreation = new Map<string, Promise<number>>();
  const loadTerms = (tax: Taxonomy) => {
    let p = termCache.get(tax);
    if (!p) {
      p = (async () => {
        const map = new Map<number, WooTermOut>();
        for await (const page of rest.pages(wooTermSchema, `wc/v3/products/${tax}`, {})) {
          for (const t of page) map.set(t.id, { ...t, name: decodeEntities(t.name) });
        }
        return map;
      })();
      p.catch(() => termCache.delete(tax));
      termCache.set(tax, p);
    }
    return p;
  };
  const findTerm = (terms: Map<number, WooTermOut>, name: string, parent: number) => {
    for (const t of terms.values()) if (t.name === name && (t.parent ?? 0) === parent) return t.id;
    return undefined;
  };
  /** The id of the term `name` under `parent`, creating it when missing; term_exists means a retry already made it. */
  const ensureTerm = (tax: Taxonomy, name: string, parent: number): Promise<number> => {
    const k = `${tax}\u0000${parent}\u0000${name}`;
    let p = termCreation.get(k);
    if (!p) {
      p = (async () => {
        const terms = await loadTerms(tax);
        const known = findTerm(terms, name, parent);
        if (known !== undefined) return known;
        try {
          const created = await rest.post(wooTermSchema, `wc/v3/products/${tax}`, tax === "tags" ? { name } : { name, parent }, {
            idempotent: true,
          });
          terms.set(created.id, { ...created, name: decodeEntities(created.name), parent });
          return created.id;
        } catch (e) {
          if (!(e instanceof AdapterError && e.status === 400 && /term_exists/.test(e.message))) throw e;
          for await (const page of rest.pages(wooTermSchema, `wc/v3/products/${tax}`, { search: name })) {
            for (const t of page) terms.set(t.id, { ...t, name: decodeEntities(t.name) });
          }
          const found = findTerm(terms, name, parent);
          if (found === undefined) throw e;
          return found;
        }
      })();
      p.catch(() => termCreation.delete(k));
      termCreation.set(k, p);
    }
    return p;
  };
  /**
   * Whether the site has the brands taxonomy (WooCommerce 9.6+). Asked once: a 404 rest_no_route on
   * `/products/brands` means an older site, where the brand travels as a "Brand" attribute instead.
   */
  let brandsProbe: Promise<boolean> | undefined;
  const hasBrands = () => {
    brandsProbe ??= loadTerms("brands").then(
      () => true,
      (e) => {
        if (!(e instanceof AdapterError && e.status === 404 && /rest_no_route/.test(e.message))) {
          brandsProbe = undefined;
          throw e;
        }
        opts.warn(msg("adapter.woo.no_brands", { attribute: BRAND_ATTRIBUTE }));
        return false;
      },
    );
    return brandsProbe;
  };
  const categoryPath = (terms: Map<number, WooTermOut>, id: number): string[] => {
    const path: string[] = [];
    for (let t = terms.get(id), guard = 0; t && guard < 20; t = terms.get(t.parent ?? 0), guard++) path.unshift(t.name);
    return path;
  };

  // --- reading
  async function variationsOf(productId: number): Promise<WooVariationOut[]> {
    const out: WooVariationOut[] = [];
    for await (const page of rest.pages(
      wooVariationSchema,
      `wc/v3/products/${productId}/variations`,
      { order: "asc", orderby: "id" },
      "variation",
    ))
      out.push(...page);
    return out;
  }

  const moneyPair = (regular: string, sale: string): Pick<Variant, "price" | "compareAtPrice"> => {
    const r = toMinor(regular, currency);
    const s = toMinor(sale, currency);
    if (s !== null && (r === null || s < r)) return { price: s, compareAtPrice: r };
    return { price: r ?? s ?? 0, compareAtPrice: null };
  };

  async function toProduct(p: WooProductOut, variations: WooVariationOut[]): Promise<Product> {
    const axisAttributes = [...p.attributes].filter((a) => a.variation).sort((a, b) => a.position - b.position);
    const axes = axisAttributes.map((a) => attributeNameToAxis(a.name));
    const variant = (v: WooProductOut | WooVariationOut, options: Record<string, string>, image?: string): Variant => {
      const out: Variant = {
        ...(v.sku ? { sku: v.sku } : {}),
        options,
        ...moneyPair(v.regular_price, v.sale_price),
        currency,
        weightGrams: weightToGrams(v.weight, weightUnit),
        inventory: v.manage_stock === true ? (v.stock_quantity ?? 0) : null,
      };
      if (v.global_unique_id) out.barcode = v.global_unique_id;
      if (image) out.image = image;
      const canonical = canonicalFrom(v.meta_data);
      if (canonical) out.attributes = canonical;
      return out;
    };
    const variants: Variant[] =
      p.type === "variable"
        ? variations.map((v) => {
            const options: Record<string, string> = {};
            for (const a of v.attributes) options[attributeNameToAxis(a.name)] = a.option;
            return variant(v, options, v.image?.src);
          })
        : [variant(p, {})];
    const product: Product = {
      id: String(p.id),
      handle: p.slug,
      title: decodeEntities(p.name),
      status: wooStatusOf(p.status, p.catalog_visibility),
      variants,
    };
    if (p.description) product.description = p.description;
    const brand = p.brands?.[0]?.name ?? p.attributes.find((a) => !a.variation && a.name === BRAND_ATTRIBUTE)?.options[0];
    if (brand) product.vendor = decodeEntities(brand);
    if (p.categories.length) {
      const terms = await loadTerms("categories");
      const paths = p.categories.map((c) => categoryPath(terms, c.id)).sort((a, b) => b.length - a.length);
      const deepest = paths[0];
      if (deepest?.length) product.category = deepest.join(" > ");
    }
    if (p.tags.length) product.tags = p.tags.map((t) => decodeEntities(t.name));
    if (axes.length) product.options = axes;
    if (p.images.length) product.images = p.images.map((i) => i.src);
    const updated = gmtDate(p.date_modified_gmt);
    if (updated) product.updatedAt = updated;
    return product;
  }

  async function* listProducts(query: { updatedSince?: Date }): AsyncGenerator<Product> {
    const params = {
      orderby: "id",
      order: "asc",
      ...(query.updatedSince ? { modified_after: gmtParam(new Date(query.updatedSince.getTime() - 1000)), dates_are_gmt: true } : {}),
    };
    for await (const page of rest.pages(wooProductSchema, "wc/v3/products", params, "product")) {
      const wanted = page.filter(
        (p) => !query.updatedSince || (gmtDate(p.date_modified_gmt)?.getTime() ?? 0) >= query.updatedSince.getTime(),
      );
      // One page at a time: its variations are fetched side by side, so memory stays at one page.
      const variations = await mapLimit(wanted, opts.parallel, (p) => (p.type === "variable" ? variationsOf(p.id) : Promise.resolve([])));
      for (let k = 0; k < wanted.length; k++) yield await toProduct(wanted[k] as WooProductOut, variations[k] as WooVariationOut[]);
    }
  }

  /** The product with this slug, else the one carrying one of these product-level SKUs. */
  async function lookupOne(handle: string, skus: readonly string[]): Promise<Remote | undefined> {
    let found = (await rest.get(productList, "wc/v3/products", { slug: handle, per_page: 1 }))[0];
    if (!found && skus.length) {
      found = (await rest.get(productList, "wc/v3/products", { sku: skus.slice(0, 50).join(","), per_page: 10 }))[0];
    }
    if (!found) return undefined;
    return { product: found, variations: found.type === "variable" ? await variationsOf(found.id) : [] };
  }

  async function lookupProducts(keys: { handles: readonly string[]; skus: readonly string[] }): Promise<Product[]> {
    const byId = new Map<number, Remote>();
    await mapLimit(keys.handles, opts.parallel, async (handle) => {
      const r = await lookupOne(handle, []);
      if (r) byId.set(r.product.id, r);
    });
    for (let i = 0; i < keys.skus.length; i += 50) {
      const found = await rest.get(productList, "wc/v3/products", { sku: keys.skus.slice(i, i + 50).join(","), per_page: 100 });
      for (const p of found)
        if (!byId.has(p.id)) byId.set(p.id, { product: p, variations: p.type === "variable" ? await variationsOf(p.id) : [] });
    }
    return Promise.all([...byId.values()].map((r) => toProduct(r.product, r.variations)));
  }

  // --- writing
  function priceFields(v: Variant): { regular_price: string; sale_price: string } {
    if (v.compareAtPrice !== null && v.compareAtPrice !== undefined && v.compareAtPrice > v.price) {
      return { regular_price: toDecimal(v.compareAtPrice, currency), sale_price: toDecimal(v.price, currency) };
    }
    return { regular_price: toDecimal(v.price, currency), sale_price: "" };
  }
  const stockFields = (v: Variant) =>
    v.inventory === null || v.inventory === undefined ? { manage_stock: false } : { manage_stock: true, stock_quantity: v.inventory };

  const skuField = (v: Variant) => (skuOf(v) !== undefined ? { sku: skuOf(v) } : {});

  /** Validates a product and resolves its terms; throws Unwritable (a per-product failure) when it cannot be written. */
  async function desiredOf(p: Product): Promise<Desired> {
    if (!p.handle) throw new Unwritable(msg("adapter.woo.no_handle"));
    if (p.variants.length === 0) throw new Unwritable(msg("adapter.woo.no_variants"));
    const axes = p.options ?? [];
    const seen = new Set<string>();
    for (const v of p.variants) {
      const variant = variantLabel(v);
      if (v.currency !== currency)
        throw new Unwritable(msg("adapter.woo.foreign_currency", { variant, currency: v.currency, shop: currency }));
      const combo = axes.map((a) => v.options[a] ?? "").join("\u0000");
      if (axes.some((a) => !v.options[a]))
        throw new Unwritable(msg("adapter.woo.option_missing", { variant, axes: axes.filter((a) => !v.options[a]).join(", ") }));
      if (seen.has(combo))
        throw new Unwritable(msg("adapter.woo.options_shared", { options: axes.map((a) => `${a}=${v.options[a]}`).join(", ") }));
      seen.add(combo);
    }
    if (axes.length === 0 && p.variants.length > 1) throw new Unwritable(msg("adapter.woo.no_axes"));
    const product: Record<string, unknown> = {
      name: p.title,
      slug: p.handle,
      status: p.status === "active" || p.status === "unlisted" ? "publish" : p.status === "archived" ? "private" : "draft",
      ...(p.status === "unlisted" ? { catalog_visibility: "hidden" } : {}),
      description: p.description ?? "",
      images: (p.images ?? []).map((src) => ({ src })),
    };
    const categoryPathNames = (p.category ?? "")
      .split(">")
      .map((s) => s.trim())
      .filter(Boolean);
    let parent = 0;
    for (const name of categoryPathNames) parent = await ensureTerm("categories", name, parent);
    product.categories = parent ? [{ id: parent }] : [];
    product.tags = await Promise.all([...new Set(p.tags ?? [])].map(async (t) => ({ id: await ensureTerm("tags", t, 0) })));
    const brands = await hasBrands();
    if (brands) product.brands = p.vendor ? [{ id: await ensureTerm("brands", p.vendor, 0) }] : [];
    const brandAttribute =
      !brands && p.vendor ? [{ name: BRAND_ATTRIBUTE, position: axes.length, visible: true, variation: false, options: [p.vendor] }] : [];
    if (axes.length === 0) {
      const v = p.variants[0] as Variant;
      Object.assign(product, {
        type: "simple",
        // No SKU in the file: the store's own (if any) is kept, never blanked.
        ...skuField(v),
        global_unique_id: v.barcode ?? "",
        weight: gramsToWeight(v.weightGrams, weightUnit),
        ...priceFields(v),
        ...stockFields(v),
        attributes: brandAttribute,
        ...canonicalMeta(v),
      });
      return { product, variations: null };
    }
    Object.assign(product, {
      type: "variable",
      sku: "",
      global_unique_id: "",
      weight: "",
      manage_stock: false,
      attributes: [
        ...axes.map((axis, position) => ({
          name: axisToAttributeName(axis),
          position,
          visible: true,
          variation: true,
          options: [...new Set(p.variants.map((v) => v.options[axis] as string))],
        })),
        ...brandAttribute,
      ],
    });
    const variations = p.variants.map((v) => ({
      ...skuField(v),
      global_unique_id: v.barcode ?? "",
      weight: gramsToWeight(v.weightGrams, weightUnit),
      ...priceFields(v),
      ...stockFields(v),
      image: v.image ? { src: v.image } : null,
      attributes: axes.map((axis) => ({ name: axisToAttributeName(axis), option: v.options[axis] as string })),
      ...canonicalMeta(v),
    }));
    return { product, variations };
  }

  /** The remote product in the same terms as desiredOf(), for comparison. */
  function productView(r: WooProductOut): Record<string, unknown> {
    const view: Record<string, unknown> = {
      name: decodeEntities(r.name),
      slug: r.slug,
      status: r.status,
      description: r.description,
      images: r.images.map((i) => ({ src: i.src })),
      categories: r.categories.map((c) => ({ id: c.id })),
      tags: r.tags.map((t) => ({ id: t.id })),
      brands: (r.brands ?? []).map((b) => ({ id: b.id })),
      type: r.type,
      sku: r.sku,
      global_unique_id: r.global_unique_id ?? "",
      weight: r.weight,
      manage_stock: r.manage_stock === true,
      attributes: [...r.attributes]
        .sort((a, b) => a.position - b.position)
        .map((a) => ({ name: a.name, position: a.position, visible: a.visible, variation: a.variation, options: a.options })),
    };
    Object.assign(view, metaView(r.meta_data));
    if (r.type !== "variable") {
      view.regular_price = r.regular_price;
      view.sale_price = r.sale_price;
      if (r.manage_stock === true) view.stock_quantity = r.stock_quantity;
    }
    return view;
  }
  function variationView(v: WooVariationOut): Record<string, unknown> {
    const view: Record<string, unknown> = {
      sku: v.sku,
      global_unique_id: v.global_unique_id ?? "",
      weight: v.weight,
      regular_price: v.regular_price,
      sale_price: v.sale_price,
      manage_stock: v.manage_stock === true,
      image: v.image?.src ? { src: v.image.src } : null,
      attributes: v.attributes.map((a) => ({ name: a.name, option: a.option })),
    };
    if (v.manage_stock === true) view.stock_quantity = v.stock_quantity;
    Object.assign(view, metaView(v.meta_data));
    return view;
  }
  const sameValue = (a: unknown, b: unknown, field: string) => {
    if (field === "categories" || field === "tags" || field === "brands") {
      const ids = (x: unknown) => ((x as { id: number }[]) ?? []).map((t) => t.id).sort((m, n) => m - n);
      return JSON.stringify(ids(a)) === JSON.stringify(ids(b));
    }
    return JSON.stringify(a) === JSON.stringify(b);
  };
  /** Fields of `desired` that differ from `view`, or null when none do. */
  function changes(desired: Record<string, unknown>, view: Record<string, unknown>): Record<string, unknown> | null {
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(desired)) if (!sameValue(value, view[field], field)) out[field] = value;
    return Object.keys(out).length ? out : null;
  }

  interface VariationJob {
    create: Record<string, unknown>[];
    update: Record<string, unknown>[];
    delete: number[];
  }
  function variationJob(desired: Record<string, unknown>[], remote: WooVariationOut[]): VariationJob | null {
    const job: VariationJob = { create: [], update: [], delete: [] };
    const unmatched = new Map(remote.map((v) => [v.id, v]));
    const optionsKey = (attrs: unknown) =>
      JSON.stringify(
        ((attrs as { name: string; option: string }[]) ?? [])
          .map((a) => [a.name.toLowerCase(), a.option])
          .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
    const pending: Record<string, unknown>[] = [];
    for (const d of desired) {
      const bySku = [...unmatched.values()].find((v) => v.sku !== "" && v.sku === d.sku);
      if (bySku) {
        unmatched.delete(bySku.id);
        const diff = changes(d, variationView(bySku));
        if (diff) job.update.push({ id: bySku.id, ...diff });
      } else pending.push(d);
    }
    for (const d of pending) {
      const byOptions = [...unmatched.values()].find((v) => optionsKey(v.attributes) === optionsKey(d.attributes));
      if (byOptions) {
        unmatched.delete(byOptions.id);
        const diff = changes(d, variationView(byOptions));
        if (diff) job.update.push({ id: byOptions.id, ...diff });
      } else job.create.push(d);
    }
    job.delete.push(...unmatched.keys());
    return job.create.length || job.update.length || job.delete.length ? job : null;
  }

  /** Sends a variation job in chunks of <= 100 items; returns per-item error messages (empty = all applied). */
  async function runVariationJob(productId: number, job: VariationJob): Promise<string[]> {
    const errors: string[] = [];
    // Deletes first: a SKU may move from a removed variation to a new one.
    const items: { kind: keyof VariationJob; item: unknown }[] = [
      ...job.delete.map((item) => ({ kind: "delete" as const, item })),
      ...job.update.map((item) => ({ kind: "update" as const, item })),
      ...job.create.map((item) => ({ kind: "create" as const, item })),
    ];
    for (let i = 0; i < items.length; i += BATCH_LIMIT) {
      const chunk = items.slice(i, i + BATCH_LIMIT);
      const body: Record<string, unknown[]> = {};
      for (const { kind, item } of chunk) {
        const list = body[kind] ?? [];
        list.push(item);
        body[kind] = list;
      }
      const res = await rest.post(batchAnswer, `wc/v3/products/${productId}/variations/batch`, body, {
        idempotent: !body.create,
      });
      for (const kind of ["create", "update", "delete"] as const) {
        for (const r of res?.[kind] ?? []) {
          if (!isItemError(r)) continue;
          // Deleting what is already gone is what we wanted.
          if (kind === "delete" && /invalid_id/.test(r.error.code)) continue;
          errors.push(`${r.error.code}: ${r.error.message}`);
        }
      }
    }
    return errors;
  }

  async function upsertProducts(batch: readonly Product[]): Promise<UpsertResult[]> {
    const results: (UpsertResult | undefined)[] = new Array(batch.length);
    const desired: (Desired | undefined)[] = await Promise.all(
      batch.map(async (p, i) => {
        try {
          return await desiredOf(p);
        } catch (e) {
          if (e instanceof AdapterError) throw e;
          const problem = e instanceof Unwritable ? e.text : (e as Error).message;
          results[i] = resultWith({ key: p.handle, status: "failed" }, msg("adapter.woo.product_refused", { handle: p.handle, problem }));
          return undefined;
        }
      }),
    );
    const firstStatus = new Map<number, "created" | "updated">();
    const refusals = new Map<number, string[]>();
    const done = (i: number, remoteId: number) => {
      results[i] = { key: (batch[i] as Product).handle, status: firstStatus.get(i) ?? "unchanged", remoteId: String(remoteId) };
    };
    const refuse = (i: number, messages: string[], next: Set<number>) => {
      const all = [...(refusals.get(i) ?? []), ...messages];
      refusals.set(i, all);
      if (all.length >= MAX_ITEM_REFUSALS) {
        results[i] = { key: (batch[i] as Product).handle, status: "failed", message: messages.join("; ") };
      } else next.add(i);
    };

    let pending = desired.flatMap((d, i) => (d ? [i] : []));
    let lastError: unknown;
    for (let round = 0; pending.length > 0 && round < MAX_ROUNDS; round++) {
      const next = new Set<number>();
      const ambiguous = (indices: number[], e: unknown) => {
        if (isFatal(e)) throw e;
        lastError = e;
        for (const i of indices) next.add(i);
      };
      const remotes = new Map<number, Remote | undefined>();
      await mapLimit(pending, opts.parallel, async (i) => {
        const p = batch[i] as Product;
        try {
          remotes.set(i, await lookupOne(p.handle, p.options?.length ? [] : presentSkus(p.variants)));
        } catch (e) {
          ambiguous([i], e);
        }
      });

      const creates: number[] = [];
      const updates: { i: number; id: number; fields: Record<string, unknown> }[] = [];
      const variationJobs = new Map<number, { productId: number; job: VariationJob }>();
      for (const i of pending) {
        if (!remotes.has(i)) continue;
        const want = desired[i] as Desired;
        const remote = remotes.get(i);
        if (!remote) {
          if (!firstStatus.has(i)) firstStatus.set(i, "created");
          creates.push(i);
          continue;
        }
        const fields = changes(want.product, productView(remote.product));
        const job = variationJob(want.variations ?? [], remote.variations);
        if (!fields && !job) {
          done(i, remote.product.id);
          continue;
        }
        if (!firstStatus.has(i)) firstStatus.set(i, "updated");
        if (fields) updates.push({ i, id: remote.product.id, fields });
        if (job) variationJobs.set(i, { productId: remote.product.id, job });
      }

      // A product turning simple keeps its old variations' SKUs until they are deleted: delete them first.
      const early = [...variationJobs].filter(([i]) => !(desired[i] as Desired).variations);
      const late = [...variationJobs].filter(([i]) => (desired[i] as Desired).variations);
      const failedVariations = new Set<number>();
      const runJobs = (jobs: typeof early) =>
        mapLimit(jobs, opts.parallel, async ([i, { productId, job }]) => {
          try {
            const errors = await runVariationJob(productId, job);
            if (errors.length) {
              failedVariations.add(i);
              refuse(i, errors, next);
            }
          } catch (e) {
            failedVariations.add(i);
            ambiguous([i], e);
          }
        });
      await runJobs(early);

      const finished = new Map<number, number>();
      for (let c = 0; c < updates.length; c += BATCH_LIMIT) {
        const chunk = updates.slice(c, c + BATCH_LIMIT);
        try {
          const res = await rest.post(
            batchAnswer,
            "wc/v3/products/batch",
            { update: chunk.map((u) => ({ id: u.id, ...u.fields })) },
            { idempotent: true },
          );
          chunk.forEach((u, k) => {
            const r = res?.update?.[k];
            if (isItemError(r)) refuse(u.i, [`${r.error.code}: ${r.error.message}`], next);
            else finished.set(u.i, u.id);
          });
        } catch (e) {
          ambiguous(
            chunk.map((u) => u.i),
            e,
          );
        }
      }
      for (let c = 0; c < creates.length; c += BATCH_LIMIT) {
        const chunk = creates.slice(c, c + BATCH_LIMIT);
        try {
          const res = await rest.post(batchAnswer, "wc/v3/products/batch", {
            create: chunk.map((i) => (desired[i] as Desired).product),
          });
          chunk.forEach((i, k) => {
            const item = res?.create?.[k];
            if (!item || isItemError(item)) {
              refuse(i, [isItemError(item) ? `${item.error.code}: ${item.error.message}` : "no answer for this item"], next);
              return;
            }
            const r = createdItem.safeParse(item).data;
            if (!r) {
              refuse(i, ["the answer for this item has no product id"], next);
              return;
            }
            const variations = (desired[i] as Desired).variations;
            if (variations?.length) variationJobs.set(i, { productId: r.id, job: { create: variations, update: [], delete: [] } });
            finished.set(i, r.id);
          });
        } catch (e) {
          ambiguous(chunk, e);
        }
      }
      const forCreated = creates.flatMap((i) => {
        const job = variationJobs.get(i);
        return job && finished.has(i) ? [[i, job] as (typeof late)[number]] : [];
      });
      await runJobs([...late, ...forCreated]);

      for (const i of pending) {
        if (next.has(i) || results[i]) continue;
        const id = finished.get(i) ?? variationJobs.get(i)?.productId;
        if (id !== undefined && !failedVariations.has(i)) done(i, id);
      }
      pending = [...next].filter((i) => !results[i]);
    }
    if (pending.length) {
      if (pending.length === desired.filter(Boolean).length && lastError) throw lastError;
      for (const i of pending) {
        const key = (batch[i] as Product).handle;
        const refused = refusals.get(i);
        // The last failure, else WooCommerce's own refusals of this product.
        results[i] =
          lastError instanceof Error
            ? resultFrom({ key, status: "failed" }, lastError)
            : refused
              ? { key, status: "failed", message: refused.join("; ") }
              : resultWith({ key, status: "failed" }, msg("adapter.woo.not_confirmed"));
      }
    }
    return results as UpsertResult[];
  }

  async function deleteProducts(handles: readonly string[]): Promise<UpsertResult[]> {
    const found = await mapLimit(
      handles,
      opts.parallel,
      async (h) => (await rest.get(productList, "wc/v3/products", { slug: h, per_page: 1 }))[0],
    );
    const results: UpsertResult[] = handles.map((key, i) =>
      found[i] ? { key, status: "deleted", remoteId: String(found[i]?.id) } : { key, status: "unchanged" },
    );
    const ids = found.flatMap((p) => (p ? [p.id] : []));
    for (let c = 0; c < ids.length; c += BATCH_LIMIT) {
      // Batch deletes are forced (permanent); deleting an already-deleted id is an inline invalid_id error, which is fine.
      const res = await rest.post(batchAnswer, "wc/v3/products/batch", { delete: ids.slice(c, c + BATCH_LIMIT) }, { idempotent: true });
      for (const r of res?.delete ?? []) {
        if (!isItemError(r) || /invalid_id/.test(r.error.code)) continue;
        const k = results.findIndex((x) => x.remoteId === String(r.id));
        if (k >= 0) results[k] = { key: handles[k] as string, status: "failed", message: `${r.error.code}: ${r.error.message}` };
      }
    }
    return results;
  }

  return { listProducts, lookupProducts, upsertProducts, deleteProducts };
}

/** publish + catalog visibility hidden is sold by its link but shown nowhere: the unlisted status. */
function wooStatusOf(status: string, visibility: string | undefined): Product["status"] {
  if (status === "publish") return visibility === "hidden" ? "unlisted" : "active";
  return status === "private" ? "archived" : "draft";
}
