/**
 * Which of our products a competitor query is about: the config mapping (query -> handle or SKU)
 * first, then a SKU equal to the query, then title similarity with a confidence. Titles are
 * compared as sets of tokens: latin words, and character pairs (bigrams) for Chinese, which has
 * no spaces ("夏季连衣裙" -> 夏季, 季连, 连衣, 衣裙).
 */

export interface OurProduct {
  handle: string;
  title: string;
  skus: string[];
  /** Lowest variant price, minor units. */
  price: number | null;
  currency: string;
}

export interface ProductMatch {
  product: OurProduct;
  by: "mapping" | "sku" | "title";
  /** 1 for the mapping and a SKU; the similarity score for a title match (0..1). */
  confidence: number;
}

/** Below this a title match is no match: the report says so instead of comparing unrelated goods. */
export const MIN_TITLE_CONFIDENCE = 0.5;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function tokens(text: string): Set<string> {
  const out = new Set<string>();
  const s = text.normalize("NFKC").toLowerCase();
  for (const run of s.split(/[^\p{L}\p{N}]+/u)) {
    if (run === "") continue;
    // Split a mixed run ("t恤") into latin and CJK parts.
    for (const part of run.match(/[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+/g) ?? []) {
      if (CJK.test(part)) {
        if (part.length === 1) out.add(part);
        for (let i = 0; i + 1 < part.length; i++) out.add(part.slice(i, i + 2));
      } else out.add(part);
    }
  }
  return out;
}

/** Share of the query's tokens found in the title (0..1). */
export function containment(query: Set<string>, title: Set<string>): number {
  if (query.size === 0) return 0;
  let hit = 0;
  for (const t of query) if (title.has(t)) hit++;
  return hit / query.size;
}

/** Dice coefficient of two token sets (0..1). */
export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return 0;
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return (2 * both) / (a.size + b.size);
}

/**
 * Our product for a query. A title match scores 0.7 × (share of the query's tokens in our title)
 * + 0.3 × (best Dice similarity of our title to a competitor's title in the snapshot), so among
 * five dresses the one most like what competitors rank for wins. Returns null below
 * MIN_TITLE_CONFIDENCE, with the best candidate for the message.
 */
export function matchOurProduct(
  query: string,
  ours: readonly OurProduct[],
  opts: { mapping?: Readonly<Record<string, string>>; competitorTitles?: readonly string[] } = {},
): { match: ProductMatch | null; best: { product: OurProduct; confidence: number } | null; mappedTo?: string } {
  const mapped = opts.mapping && Object.hasOwn(opts.mapping, query) ? opts.mapping[query] : undefined;
  if (mapped !== undefined) {
    const key = mapped.trim().toLowerCase();
    const product = ours.find((p) => p.handle.toLowerCase() === key) ?? ours.find((p) => p.skus.some((s) => s.toLowerCase() === key));
    return product ? { match: { product, by: "mapping", confidence: 1 }, best: null } : { match: null, best: null, mappedTo: mapped };
  }
  const q = query.trim().toLowerCase();
  const bySku = ours.find((p) => p.skus.some((s) => s.toLowerCase() === q) || p.handle.toLowerCase() === q);
  if (bySku) return { match: { product: bySku, by: "sku", confidence: 1 }, best: null };

  const queryTokens = tokens(query);
  const competitorTokens = (opts.competitorTitles ?? []).map(tokens);
  let best: { product: OurProduct; confidence: number } | null = null;
  for (const p of ours) {
    const t = tokens(p.title);
    const contained = containment(queryTokens, t);
    if (contained === 0) continue;
    const likeCompetitors = competitorTokens.reduce((m, c) => Math.max(m, dice(t, c)), 0);
    const confidence = Math.round((0.7 * contained + 0.3 * likeCompetitors) * 100) / 100;
    if (!best || confidence > best.confidence) best = { product: p, confidence };
  }
  if (best && best.confidence >= MIN_TITLE_CONFIDENCE)
    return { match: { product: best.product, by: "title", confidence: best.confidence }, best };
  return { match: null, best };
}
