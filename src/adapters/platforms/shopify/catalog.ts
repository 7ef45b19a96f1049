/**
 * Products on Shopify: listing (a cheap page of ids, then the products whole in groups that fit
 * the 1000-point query cap), lookup by handle or SKU, upsert with productSet (keyed by handle; a
 * product already as wanted is "unchanged" and not written), and delete.
 *
 * Canonical colours travel as Shopify's standard `shopify.color-pattern` metafield (a list of references
 * to the store's `shopify--color-pattern` metaobjects, the Color values of its product taxonomy). Only
 * colours the store's taxonomy has are referenced; the others are said once and left out.
 */

import { presentSkus, variantLabel } from "../../../core/catalog/identity.js";
import { type Message, msg } from "../../../core/i18n/index.js";
import type { Product } from "../../../core/model.js";
import { AdapterError } from "../../../http/index.js";
import { CursorTrail } from "../../pagination.js";
import { resultWith, type UpsertResult } from "../../platform.js";
import { differences, legacyId, type ProductNode, productFromNode, productSetInput, type VariantNode } from "./products.js";
import {
  COLOR_PATTERNS,
  estimateCost,
  MAX_PAGE,
  MAX_QUERY_COST,
  PRODUCT_DELETE,
  PRODUCT_KEYS,
  PRODUCT_SET,
  PRODUCT_VARIANTS_PAGE,
  PRODUCTS_BY_IDS,
  productNodeCost,
} from "./queries.js";
import { mapLimit, type ShopifySession } from "./session.js";
import {
  colorPatternsAnswer,
  productDeleteAnswer,
  productKeysAnswer,
  productSetAnswer,
  productsByIdsAnswer,
  variantsPageAnswer,
} from "./wire.js";

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
interface ProductKey {
  id: string;
  handle: string;
  updatedAt: string;
  variantsCount?: { count: number } | null;
}
interface UserError {
  field?: string[] | null;
  message: string;
}

const MEDIA_FIRST = 10;
const COLOR_PATTERN = { namespace: "shopify", key: "color-pattern", type: "list.metaobject_reference" } as const;
/** Dictionary colour names the taxonomy spells another way. */
const TAXONOMY_SPELLING: Record<string, string> = { grey: "gray" };
const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
/** Largest variant page one product may ask for inside the query cap. */
const MAX_VARIANTS_FIRST = Math.min(MAX_PAGE, Math.floor((MAX_QUERY_COST - productNodeCost(0, MEDIA_FIRST)) / 5));
/** Search terms per lookup query: keeps the query string short. */
const TERMS_PER_QUERY = 100;

/** A search value in double quotes, so SKUs with spaces or colons stay one term. */
export function searchValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

const searchDate = (d: Date) => `'${d.toISOString().replace(/\.\d{3}Z$/, "Z")}'`;

export function formatUserErrors(errors: UserError[]): string {
  return errors.map((e) => (e.field && e.field.length > 0 ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ");
}

const isCostCap = (e: unknown) => e instanceof AdapterError && e.code === "MAX_COST_EXCEEDED";

export class ShopifyCatalog {
  constructor(private readonly s: ShopifySession) {}

  private trail(what: Message): CursorTrail {
    return new CursorTrail({ platform: "shopify", storeName: this.s.storeName, what });
  }

  /** One page of product keys matching a search. */
  private async keys(
    query: string | undefined,
    sortKey: string,
    after: string | null,
  ): Promise<{ nodes: ProductKey[]; pageInfo: PageInfo }> {
    const first = MAX_PAGE;
    const data = await this.s.gql.run<{ products: { nodes: ProductKey[]; pageInfo: PageInfo } }>(
      PRODUCT_KEYS,
      { first, after, query: query ?? null, sortKey },
      { schema: productKeysAnswer, estimate: estimateCost.productKeys(first), shape: `ProductKeys:${first}` },
    );
    return data.products;
  }

  /** Whole products for the keys, in the keys' order, fetched in groups that fit the query cap. */
  private async fetchWhole(keys: readonly ProductKey[]): Promise<Product[]> {
    const currency = await this.s.currency();
    const groups: { ids: string[]; variantsFirst: number }[] = [];
    let group: { ids: string[]; variantsFirst: number } | undefined;
    for (const key of keys) {
      const wanted = Math.max(1, Math.min(MAX_VARIANTS_FIRST, key.variantsCount?.count ?? 100));
      const variantsFirst = Math.max(group?.variantsFirst ?? 1, wanted);
      if (group && group.ids.length < MAX_PAGE && (group.ids.length + 1) * productNodeCost(variantsFirst, MEDIA_FIRST) <= MAX_QUERY_COST) {
        group.ids.push(key.id);
        group.variantsFirst = variantsFirst;
      } else {
        group = { ids: [key.id], variantsFirst: wanted };
        groups.push(group);
      }
    }
    const fetched = await mapLimit(groups, this.s.concurrency, (g) => this.fetchGroup(g.ids, g.variantsFirst));
    const byId = new Map<string, ProductNode>();
    for (const nodes of fetched) for (const n of nodes) byId.set(n.id, n);
    const out: Product[] = [];
    for (const key of keys) {
      const node = byId.get(key.id);
      if (!node) continue; // deleted between the two queries
      const variants = [...node.variants.nodes];
      let page = node.variants.pageInfo;
      const trail = this.trail(msg("adapter.listing.variants_of", { id: node.id }));
      while (page.hasNextPage) {
        const more = await this.variantsPage(node.id, trail.next(page.endCursor));
        variants.push(...more.nodes);
        page = more.pageInfo;
      }
      this.colorPatternOf.set(legacyId(node.id), node.colorPattern?.value ?? null);
      out.push(productFromNode(node, variants, currency));
    }
    return out;
  }

  private async fetchGroup(ids: string[], variantsFirst: number): Promise<ProductNode[]> {
    try {
      const data = await this.s.gql.run<{ nodes: (ProductNode | null)[] }>(
        PRODUCTS_BY_IDS,
        { ids, variantsFirst, mediaFirst: MEDIA_FIRST },
        {
          schema: productsByIdsAnswer,
          estimate: estimateCost.productsByIds(ids.length, variantsFirst, MEDIA_FIRST),
          shape: `ProductsByIds:${ids.length}:${variantsFirst}`,
        },
      );
      return data.nodes.filter((n): n is ProductNode => n !== null && typeof n === "object" && "handle" in n);
    } catch (e) {
      // Shopify prices queries its own way; when ours was too optimistic, halve and ask again.
      if (isCostCap(e) && (ids.length > 1 || variantsFirst > 10)) {
        if (ids.length === 1) return this.fetchGroup(ids, Math.floor(variantsFirst / 2));
        const half = Math.ceil(ids.length / 2);
        return [...(await this.fetchGroup(ids.slice(0, half), variantsFirst)), ...(await this.fetchGroup(ids.slice(half), variantsFirst))];
      }
      throw e;
    }
  }

  private async variantsPage(id: string, after: string | null): Promise<{ nodes: VariantNode[]; pageInfo: PageInfo }> {
    const first = MAX_VARIANTS_FIRST;
    const data = await this.s.gql.run<{ product: { variants: { nodes: VariantNode[]; pageInfo: PageInfo } } | null }>(
      PRODUCT_VARIANTS_PAGE,
      { id, first, after },
      { schema: variantsPageAnswer, estimate: estimateCost.productVariantsPage(first), shape: `ProductVariantsPage:${first}` },
    );
    return data.product?.variants ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
  }

  async *listProducts(query: { updatedSince?: Date }): AsyncGenerator<Product> {
    const search = query.updatedSince ? `updated_at:>=${searchDate(query.updatedSince)}` : undefined;
    const sortKey = query.updatedSince ? "UPDATED_AT" : "ID";
    let after: string | null = null;
    const trail = this.trail(msg("adapter.listing.products"));
    for (;;) {
      const page = await this.keys(search, sortKey, after);
      for (const p of await this.fetchWhole(page.nodes)) {
        if (query.updatedSince && p.updatedAt && p.updatedAt < query.updatedSince) continue;
        yield p;
      }
      if (!page.pageInfo.hasNextPage) return;
      after = trail.next(page.pageInfo.endCursor);
    }
  }

  /** Products whose handle, or any variant's SKU, is among the keys. */
  async lookupProducts(keys: { handles: readonly string[]; skus: readonly string[] }): Promise<Product[]> {
    const handles = new Set(keys.handles);
    const skus = new Set(keys.skus.filter((s) => s !== ""));
    const terms = [...[...handles].map((h) => `handle:${searchValue(h)}`), ...[...skus].map((s) => `sku:${searchValue(s)}`)];
    if (terms.length === 0) return [];
    const chunks: string[] = [];
    for (let i = 0; i < terms.length; i += TERMS_PER_QUERY) chunks.push(terms.slice(i, i + TERMS_PER_QUERY).join(" OR "));
    const found = new Map<string, ProductKey>();
    await mapLimit(chunks, this.s.concurrency, async (search) => {
      let after: string | null = null;
      const trail = this.trail(msg("adapter.listing.products_by_key"));
      for (;;) {
        const page = await this.keys(search, "ID", after);
        for (const k of page.nodes) found.set(k.id, k);
        if (!page.pageInfo.hasNextPage) return;
        after = trail.next(page.pageInfo.endCursor);
      }
    });
    // Shopify's search matches loosely (tokens, prefixes): keep only exact matches.
    const products = await this.fetchWhole([...found.values()]);
    return products.filter((p) => handles.has(p.handle) || presentSkus(p.variants).some((sku) => skus.has(sku)));
  }

  /** The stored `shopify.color-pattern` value of each product read, by product id. */
  private readonly colorPatternOf = new Map<string, string | null>();
  private colorIndex: Promise<Map<string, string>> | undefined;
  private readonly colorsSaid = new Set<string>();

  /** The store's colour taxonomy entries by folded label and handle -> metaobject id; read once. */
  private colours(): Promise<Map<string, string>> {
    this.colorIndex ??= (async () => {
      const index = new Map<string, string>();
      let after: string | null = null;
      const trail = this.trail(msg("adapter.listing.colour_metaobjects"));
      for (;;) {
        let data: { metaobjects: { pageInfo: PageInfo; nodes: { id: string; handle: string; label: { value: string } | null }[] } };
        try {
          data = await this.s.gql.run(
            COLOR_PATTERNS,
            { type: "shopify--color-pattern", first: MAX_PAGE, after },
            { schema: colorPatternsAnswer, estimate: 2 + MAX_PAGE * 2, shape: "ColorPatterns" },
          );
        } catch (e) {
          if (!(e instanceof AdapterError && e.code === "ACCESS_DENIED")) throw e;
          this.s.log.warn(msg("shopify.no_read_metaobjects", { store: this.s.storeName }));
          return index;
        }
        for (const n of data.metaobjects.nodes) {
          index.set(fold(n.handle), n.id);
          if (n.label?.value) index.set(fold(n.label.value), n.id);
        }
        if (!data.metaobjects.pageInfo.hasNextPage) return index;
        after = trail.next(data.metaobjects.pageInfo.endCursor);
      }
    })();
    this.colorIndex.catch(() => {
      this.colorIndex = undefined;
    });
    return this.colorIndex;
  }

  /** The color-pattern metafield for the product's canonical colours (those the taxonomy has), if any. */
  private async colourMetafield(p: Product): Promise<string | undefined> {
    const colours = [...new Set(p.variants.map((v) => v.attributes?.colour).filter((c): c is string => !!c))];
    if (colours.length === 0) return undefined;
    const index = await this.colours();
    const ids: string[] = [];
    for (const colour of colours) {
      const id = index.get(fold(colour)) ?? index.get(fold(TAXONOMY_SPELLING[fold(colour)] ?? ""));
      if (id) {
        if (!ids.includes(id)) ids.push(id);
      } else if (index.size > 0 && !this.colorsSaid.has(colour)) {
        this.colorsSaid.add(colour);
        this.s.log.warn(msg("shopify.colour_not_in_taxonomy", { store: this.s.storeName, colour }));
      }
    }
    return ids.length > 0 ? JSON.stringify(ids) : undefined;
  }

  async upsertProducts(batch: readonly Product[]): Promise<UpsertResult[]> {
    const results = new Array<UpsertResult | undefined>(batch.length);
    const seen = new Set<string>();
    batch.forEach((p, i) => {
      if (seen.has(p.handle))
        results[i] = resultWith({ key: p.handle, status: "failed" }, msg("adapter.shopify.handle_twice", { handle: p.handle }));
      seen.add(p.handle);
    });
    const currency = await this.s.currency();
    const existing = await this.lookupProducts({
      handles: batch.map((p) => p.handle),
      skus: batch.flatMap((p) => presentSkus(p.variants)),
    });
    const byHandle = new Map(existing.map((p) => [p.handle, p]));
    const bySku = new Map<string, Product>();
    for (const p of existing) for (const sku of presentSkus(p.variants)) bySku.set(sku, p);
    const needsLocation = batch.some((p) => p.variants.some((v) => typeof v.inventory === "number"));
    const locationId = needsLocation ? await this.s.locationId() : undefined;

    await mapLimit(batch, this.s.concurrency, async (want, i) => {
      if (results[i]) return;
      const key = want.handle;
      const foreign = want.variants.find((v) => v.currency !== currency);
      if (foreign) {
        results[i] = resultWith(
          { key, status: "failed" },
          msg("adapter.shopify.foreign_currency", { variant: variantLabel(foreign), currency: foreign.currency, shop: currency }),
        );
        return;
      }
      const owners = new Map<string, Product>();
      for (const sku of presentSkus(want.variants)) {
        const owner = bySku.get(sku);
        if (owner) owners.set(owner.handle, owner);
      }
      const have = byHandle.get(want.handle) ?? (owners.size === 1 ? [...owners.values()][0] : undefined);
      const clash = [...owners.values()].find((o) => o !== have);
      if (clash) {
        const sku = presentSkus(want.variants).find((s) => bySku.get(s) === clash) ?? "";
        results[i] = resultWith({ key, status: "failed" }, msg("adapter.shopify.sku_elsewhere", { sku, handle: clash.handle }));
        return;
      }
      const colour = await this.colourMetafield(want);
      const colourChanged = colour !== undefined && colour !== (have ? this.colorPatternOf.get(have.id) : undefined);
      if (have && differences(want, have).length === 0 && !colourChanged) {
        results[i] = { key, status: "unchanged", remoteId: have.id };
        return;
      }
      const input = productSetInput(want, {
        currency,
        withImages: !have || (have.images ?? []).length === 0,
        ...(locationId ? { locationId } : {}),
        ...(colour !== undefined ? { metafields: [{ ...COLOR_PATTERN, value: colour }] } : {}),
      });
      // Keyed by handle, productSet is a "make it so": sending it twice leaves the same product.
      const identifier = have && have.handle !== want.handle ? { id: `gid://shopify/Product/${have.id}` } : { handle: want.handle };
      const data = await this.s.gql.run<{ productSet: { product: { id: string } | null; userErrors: UserError[] } }>(
        PRODUCT_SET,
        { input, identifier, synchronous: true },
        { schema: productSetAnswer, estimate: estimateCost.mutation(), idempotent: true },
      );
      const payload = data.productSet;
      if (payload.userErrors.length > 0 || !payload.product) {
        const said = formatUserErrors(payload.userErrors);
        // Shopify's own words when it gives some.
        results[i] = said
          ? { key, status: "failed", message: said }
          : resultWith({ key, status: "failed" }, msg("adapter.shopify.no_product"));
        return;
      }
      results[i] = { key, status: have ? "updated" : "created", remoteId: legacyId(payload.product.id) };
    });
    return results.map((r, i) => r ?? resultWith({ key: batch[i]?.handle ?? "", status: "failed" }, msg("adapter.not_processed")));
  }

  async deleteProducts(handles: readonly string[]): Promise<UpsertResult[]> {
    const existing = await this.lookupProducts({ handles, skus: [] });
    const byHandle = new Map(existing.map((p) => [p.handle, p]));
    return mapLimit(handles, this.s.concurrency, async (handle): Promise<UpsertResult> => {
      const product = byHandle.get(handle);
      if (!product) return resultWith({ key: handle, status: "unchanged" }, msg("adapter.shopify.not_in_shop"));
      const data = await this.s.gql.run<{ productDelete: { deletedProductId: string | null; userErrors: UserError[] } }>(
        PRODUCT_DELETE,
        { input: { id: `gid://shopify/Product/${product.id}` } },
        { schema: productDeleteAnswer, estimate: estimateCost.mutation(), idempotent: true },
      );
      const errors = data.productDelete.userErrors;
      // A retried delete whose first answer was lost finds the product already gone: that is success.
      if (errors.length > 0 && !errors.every((e) => /does not exist/i.test(e.message))) {
        return { key: handle, status: "failed", remoteId: product.id, message: formatUserErrors(errors) };
      }
      return { key: handle, status: "deleted", remoteId: product.id };
    });
  }
}
