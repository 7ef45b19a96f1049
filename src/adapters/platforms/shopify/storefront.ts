/**
 * What a Shopify shop's public storefront shows for a search, no credentials. First the shop's own
 * predictive search (`/search/suggest.json?q=…&resources[type]=product&resources[limit]=10`): one
 * request, the shop's own ranking. Where the theme does not serve it (404, 417 for a language it
 * cannot search, other 4xx) or it finds nothing, or more than 10 are asked, our own search: every
 * published product from `/products.json?limit=250&page=N` (up to MAX_PAGES pages) ranked by where
 * the query's words appear (title first, then tags, type and vendor), ties in the storefront's order.
 * Each product says which was used (`searchedBy`).
 */
import { AdapterError, type HttpClient } from "../../../http/index.js";
import type { PublicProduct } from "../../platform.js";
import { toMinor } from "./money.js";

interface PublicVariant {
  price: string | null;
  compare_at_price: string | null;
  available?: boolean;
}
interface PublicProductJson {
  id: number;
  title: string;
  handle: string;
  vendor?: string;
  product_type?: string;
  tags?: string[] | string;
  variants?: PublicVariant[];
}

const PAGE_SIZE = 250;
const MAX_PAGES = 40;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s,;/|]+/)
    .filter((w) => w !== "");
}

/** How well a product answers the query; 0 = not at all. */
export function relevance(query: string, p: PublicProductJson): number {
  const q = query.trim().toLowerCase();
  if (q === "") return 1;
  const title = p.title.toLowerCase();
  const tags = (Array.isArray(p.tags) ? p.tags : (p.tags ?? "").split(",")).map((t) => t.trim().toLowerCase());
  const type = (p.product_type ?? "").toLowerCase();
  const vendor = (p.vendor ?? "").toLowerCase();
  let score = title.includes(q) ? 10 : 0;
  let matched = 0;
  const terms = words(q);
  for (const w of terms) {
    let hit = false;
    if (title.includes(w)) {
      score += 3;
      hit = true;
    }
    if (tags.some((t) => t.includes(w))) {
      score += 2;
      hit = true;
    }
    if (type.includes(w)) {
      score += 1;
      hit = true;
    }
    if (vendor.includes(w)) {
      score += 1;
      hit = true;
    }
    if (hit) matched++;
  }
  // Every word must appear somewhere, as a storefront search requires.
  return matched === terms.length ? score : 0;
}

export function publicProduct(p: PublicProductJson, base: string, currency: string): Omit<PublicProduct, "rank"> {
  const variants = (p.variants ?? [])
    .map((v) => ({ price: toMinor(v.price, currency), compareAt: toMinor(v.compare_at_price, currency), available: v.available !== false }))
    .filter((v): v is { price: number; compareAt: number | null; available: boolean } => v.price !== null);
  const cheapest = variants.reduce<(typeof variants)[number] | undefined>(
    (m, v) => (m === undefined || v.price < m.price ? v : m),
    undefined,
  );
  const highest = variants.reduce((m, v) => Math.max(m, v.price), Number.NEGATIVE_INFINITY);
  const out: Omit<PublicProduct, "rank"> = {
    title: p.title,
    url: `${base}/products/${encodeURIComponent(p.handle)}`,
    price: cheapest?.price ?? null,
    compareAtPrice: cheapest && cheapest.compareAt !== null && cheapest.compareAt > cheapest.price ? cheapest.compareAt : null,
    currency,
    inStock: variants.some((v) => v.available),
  };
  if (cheapest && highest > cheapest.price) out.priceMax = highest;
  if (p.vendor) out.vendor = p.vendor;
  return out;
}

/** Predictive search answers at most this many products. */
export const PREDICTIVE_LIMIT = 10;
export const PREDICTIVE = "Shopify predictive search";

interface PredictiveProductJson {
  title?: string;
  handle?: string;
  url?: string;
  available?: boolean;
  vendor?: string;
  price?: string | number;
  price_min?: string | number;
  price_max?: string | number;
  compare_at_price_min?: string | number;
}

function predictiveProduct(p: PredictiveProductJson, base: string, currency: string, rank: number): PublicProduct | null {
  if (!p.title || (!p.handle && !p.url)) return null;
  // The url carries Shopify's search tracking (_pos, _sid, _ss): the product page is its path.
  const path = p.handle ? `/products/${encodeURIComponent(p.handle)}` : new URL(p.url as string, base).pathname;
  const price = toMinor(p.price_min ?? p.price ?? null, currency);
  const max = toMinor(p.price_max ?? null, currency);
  const compareAt = toMinor(p.compare_at_price_min ?? null, currency);
  return {
    title: p.title,
    url: `${base}${path}`,
    price,
    ...(max !== null && price !== null && max > price ? { priceMax: max } : {}),
    compareAtPrice: compareAt !== null && price !== null && compareAt > price ? compareAt : null,
    currency,
    inStock: p.available !== false,
    rank,
    ...(p.vendor ? { vendor: p.vendor } : {}),
    searchedBy: PREDICTIVE,
  };
}

/**
 * The shop's predictive search, or why it cannot be used (a reason for the fallback). A failure
 * that is not the endpoint's absence (429 after retries, 5xx, the network) is thrown: the scan
 * would meet it too.
 */
async function predictiveSearch(
  http: HttpClient,
  base: string,
  currency: string,
  query: { query: string; limit: number },
): Promise<PublicProduct[] | { unavailable: string }> {
  let data: unknown;
  try {
    const res = await http.get<unknown>("/search/suggest.json", {
      q: query.query,
      "resources[type]": "product",
      "resources[limit]": Math.min(PREDICTIVE_LIMIT, query.limit),
    });
    data = res.data;
  } catch (e) {
    if (e instanceof AdapterError && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 429)
      return { unavailable: `predictive search answered ${e.status}` };
    throw e;
  }
  const products = (data as { resources?: { results?: { products?: unknown } } } | undefined)?.resources?.results?.products;
  if (!Array.isArray(products)) return { unavailable: "predictive search answered without a product list" };
  const out = products
    .map((p, i) => predictiveProduct((p ?? {}) as PredictiveProductJson, base, currency, i + 1))
    .filter((p): p is PublicProduct => p !== null);
  // Some languages are tokenised poorly by predictive search: an empty answer gets the scan's second look.
  return out.length > 0 ? out : { unavailable: "predictive search found nothing" };
}

export async function searchStorefront(
  http: HttpClient,
  base: string,
  currency: string,
  query: { query: string; limit: number },
): Promise<PublicProduct[]> {
  let reason = `more than ${PREDICTIVE_LIMIT} asked`;
  if (query.limit <= PREDICTIVE_LIMIT) {
    const predicted = await predictiveSearch(http, base, currency, query);
    if (Array.isArray(predicted)) return predicted;
    reason = predicted.unavailable;
  }
  const scanned = await scanProducts(http, base, currency, query);
  const searchedBy = `our search of /products.json (${reason})`;
  return scanned.map((p) => ({ ...p, searchedBy }));
}

async function scanProducts(
  http: HttpClient,
  base: string,
  currency: string,
  query: { query: string; limit: number },
): Promise<PublicProduct[]> {
  const seen = new Set<number>();
  const scored: { product: PublicProductJson; score: number; order: number }[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await http.get<{ products?: PublicProductJson[] }>("/products.json", { limit: PAGE_SIZE, page });
    const products = Array.isArray(res.data?.products) ? res.data.products : [];
    let fresh = 0;
    for (const p of products) {
      // Some storefronts repeat pages past the end: count only products not seen before.
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      fresh++;
      const score = relevance(query.query, p);
      if (score > 0) scored.push({ product: p, score, order: scored.length });
    }
    if (products.length < PAGE_SIZE || fresh === 0) break;
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, Math.max(0, query.limit)).map((s, i) => ({ ...publicProduct(s.product, base, currency), rank: i + 1 }));
}
