/**
 * What a Shopify shop's public storefront shows, from `/products.json?limit=250&page=N` (no
 * credentials). Shopify documents no public search endpoint in our references, so the search is
 * ours: every published product is read (up to MAX_PAGES pages) and ranked by where the query's
 * words appear (title first, then tags, type and vendor), ties in the storefront's own order.
 */
import type { HttpClient } from "../../../http/index.js";
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

export async function searchStorefront(
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
