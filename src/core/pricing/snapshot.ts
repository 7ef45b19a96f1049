/**
 * The competitor snapshot model and what is computed from it: merging the sources' own top lists
 * into one top N, the price index of our product against the in-stock offers, and the changes
 * between two snapshots of the same query.
 */
import { type Coupon, priceAfterCoupon } from "./marketplace.js";
import { type Promotion, parsePromotion } from "./promotion.js";

export interface SnapshotEntry {
  /** 1-based position in the merged top N. */
  rank: number;
  /** The configured source's name. */
  source: string;
  /** Position in the source's own order (a marketplace's TOP10 rank); null for snapshots stored before it was kept. */
  sourceRank: number | null;
  competitor: string;
  title: string;
  url: string;
  /** Lowest price shown, minor units; null when the source shows none. */
  price: number | null;
  /** Highest price of a range (variant products); null for a single price. */
  priceMax: number | null;
  compareAt: number | null;
  currency: string;
  inStock: boolean;
  /** As shown (or derived from a compare-at price: "-20%"). */
  promotion: string | null;
  promotionParsed: Promotion[];
  /** The coupon a buyer can claim (marketplaces), null when none is shown. */
  coupon: Coupon | null;
  /** What one item costs after the coupon (the marketplace's own figure, or price − coupon when one item reaches its threshold); null when the source states no coupon price. */
  finalPrice: number | null;
  /** Sales volume as a lower bound ("10万+" -> 100000); null when the source shows none. */
  sales: number | null;
  /** Sales volume as shown ("10万+", "月销 475"). */
  salesText: string | null;
}

/** What a buyer pays for one item: the price after coupon where known, else the price. */
export function buyerPrice(e: Pick<SnapshotEntry, "price" | "finalPrice">): number | null {
  return e.finalPrice ?? e.price;
}

/** What a source answered, in its own order, before merging. */
export interface SourceOffer {
  title: string;
  url: string;
  price: number | null;
  priceMax?: number | null;
  compareAt: number | null;
  currency: string;
  inStock: boolean;
  promotion?: string | null;
  competitor?: string;
  /** The coupon; null when the source states there is none, absent when it cannot say (storefronts). */
  coupon?: Coupon | null;
  /** The marketplace's own price after coupon; computed from `coupon` when absent. */
  finalPrice?: number | null;
  sales?: number | null;
  salesText?: string | null;
}

/** Query parameters that name the product itself (item.htm?id=..., goods.html?goods_id=...), unlike tracking ones. */
const ID_PARAMS = ["id", "goods_id", "goods_sign", "s"];

/**
 * "https://Shop.example/products/a/?utm=x#top" and "https://shop.example/products/a" are one offer;
 * "https://detail.tmall.com/item.htm?id=1" and "...?id=2" are two (the id is the product).
 */
export function offerKey(url: string): string {
  try {
    const u = new URL(url);
    const ids = ID_PARAMS.filter((k) => u.searchParams.has(k)).map((k) => `${k}=${u.searchParams.get(k)}`);
    return `${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, "")}${ids.length ? `?${ids.join("&")}` : ""}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

/**
 * A promotion a storefront implies without words: a compare-at price above the price reads as
 * "-N%" (rounded down, so 259 vs 359 is -27%, never an overstated discount).
 */
export function impliedPromotion(price: number | null, compareAt: number | null): string | null {
  if (price === null || compareAt === null || compareAt <= price) return null;
  return `-${Math.floor(((compareAt - price) * 100) / compareAt)}%`;
}

/**
 * The merging rule: sources rank by different relevance scores that cannot be compared, so the
 * top N takes turns: every source's #1 (in the order the sources were named), then every #2, and
 * so on, skipping an offer already taken (same host and path), until N entries. A source with
 * fewer results simply stops contributing.
 */
export function mergeTopN(
  bySource: readonly { source: string; competitor: string; offers: readonly SourceOffer[] }[],
  top: number,
): SnapshotEntry[] {
  const out: SnapshotEntry[] = [];
  const seen = new Set<string>();
  const longest = Math.max(0, ...bySource.map((s) => s.offers.length));
  for (let i = 0; i < longest && out.length < top; i++) {
    for (const s of bySource) {
      if (out.length >= top) break;
      const o = s.offers[i];
      if (!o) continue;
      const key = offerKey(o.url);
      if (seen.has(key)) continue;
      seen.add(key);
      const promotion = o.promotion?.trim() || impliedPromotion(o.price, o.compareAt);
      out.push({
        rank: out.length + 1,
        source: s.source,
        sourceRank: i + 1,
        competitor: o.competitor ?? s.competitor,
        title: o.title,
        url: o.url,
        price: o.price,
        priceMax: o.priceMax !== undefined && o.priceMax !== null && o.priceMax !== o.price ? o.priceMax : null,
        compareAt: o.compareAt,
        currency: o.currency,
        inStock: o.inStock,
        promotion: promotion || null,
        promotionParsed: parsePromotion(promotion, o.currency),
        coupon: o.coupon ?? null,
        // coupon null = the source states there is none (the price is what a buyer pays); undefined = it cannot say.
        finalPrice: o.finalPrice ?? (o.coupon !== undefined ? priceAfterCoupon(o.price, o.coupon) : null),
        sales: o.sales ?? null,
        salesText: o.salesText ?? null,
      });
    }
  }
  return out;
}

/** Median of sorted-or-not integers; the mean of the two middle values for an even count (may be fractional). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface PriceIndex {
  /** In-stock offers with a price in our currency. */
  offers: number;
  min: number | null;
  median: number | null;
  max: number | null;
  /** ours / median × 100: above 100 = we are dearer than the typical offer. */
  indexVsMedian: number | null;
  /** ours / min × 100. */
  indexVsMin: number | null;
  /** (ours − min) / min, a fraction. */
  gapToMin: number | null;
  /** 1 = cheapest among the offers and us; ties share a rank. */
  ourRank: number | null;
  cheapest: { competitor: string; title: string } | null;
  /** Offers left out: out of stock, no price, another currency. */
  excluded: { outOfStock: number; noPrice: number; otherCurrency: number };
}

/**
 * Where our price stands among the in-stock offers in our currency (reference §3.2: orientation
 * ours / market), on the price a buyer pays: after the coupon where the source states one.
 */
export function priceIndex(ourPrice: number | null, currency: string, entries: readonly SnapshotEntry[]): PriceIndex {
  const excluded = { outOfStock: 0, noPrice: 0, otherCurrency: 0 };
  const usable: SnapshotEntry[] = [];
  for (const e of entries) {
    if (!e.inStock) excluded.outOfStock++;
    else if (buyerPrice(e) === null) excluded.noPrice++;
    else if (e.currency !== currency) excluded.otherCurrency++;
    else usable.push(e);
  }
  const prices = usable.map((e) => buyerPrice(e) as number);
  const min = prices.length ? Math.min(...prices) : null;
  const max = prices.length ? Math.max(...prices) : null;
  const med = median(prices);
  const cheapest = min === null ? undefined : usable.find((e) => buyerPrice(e) === min);
  const ours = ourPrice !== null && ourPrice > 0 ? ourPrice : null;
  return {
    offers: usable.length,
    min,
    median: med,
    max,
    indexVsMedian: ours !== null && med ? (ours / med) * 100 : null,
    indexVsMin: ours !== null && min ? (ours / min) * 100 : null,
    gapToMin: ours !== null && min ? (ours - min) / min : null,
    ourRank: ours !== null ? 1 + prices.filter((p) => p < ours).length : null,
    cheapest: cheapest ? { competitor: cheapest.competitor, title: cheapest.title } : null,
    excluded,
  };
}

/**
 * The best seller among the entries: the highest sales volume (a lower bound, as shown). Null when
 * no entry shows sales; ties go to the better rank. Volumes of different marketplaces count
 * different windows (Taobao and JD 30 days, Pinduoduo all time), which the report says.
 */
export function bestSeller(entries: readonly SnapshotEntry[]): SnapshotEntry | null {
  let best: SnapshotEntry | null = null;
  for (const e of entries) {
    if (e.sales === null) continue;
    if (best === null || e.sales > (best.sales as number)) best = e;
  }
  return best;
}

export type ChangeKind =
  | "new_entrant"
  | "dropped_out"
  | "price_up"
  | "price_down"
  | "promotion_started"
  | "promotion_ended"
  | "promotion_changed";

export interface PriceChange {
  kind: ChangeKind;
  source: string;
  competitor: string;
  title: string;
  url: string;
  before: number | null;
  after: number | null;
  /** (after − before) / before for price changes, a fraction. */
  changePct: number | null;
  promotionBefore: string | null;
  promotionAfter: string | null;
  rankBefore: number | null;
  rankAfter: number | null;
}

/**
 * What changed between two snapshots of one query, entry by entry (same source and offer key).
 * A source that failed in either snapshot contributes nothing: a failed fetch is not "dropped
 * out", nor its return a "new entrant" (reference §3.3, Discount-Bandit #108).
 */
export function detectChanges(
  previous: readonly SnapshotEntry[],
  current: readonly SnapshotEntry[],
  opts: { failedSources?: readonly string[] } = {},
): PriceChange[] {
  const failed = new Set(opts.failedSources ?? []);
  const key = (e: SnapshotEntry) => `${e.source}\u0000${offerKey(e.url)}`;
  const before = new Map(previous.filter((e) => !failed.has(e.source)).map((e) => [key(e), e]));
  const after = new Map(current.filter((e) => !failed.has(e.source)).map((e) => [key(e), e]));
  const changes: PriceChange[] = [];
  const change = (kind: ChangeKind, b: SnapshotEntry | undefined, a: SnapshotEntry | undefined): PriceChange => {
    const e = (a ?? b) as SnapshotEntry;
    const priceBefore = b?.price ?? null;
    const priceAfter = a?.price ?? null;
    return {
      kind,
      source: e.source,
      competitor: e.competitor,
      title: e.title,
      url: e.url,
      before: priceBefore,
      after: priceAfter,
      changePct: priceBefore !== null && priceAfter !== null && priceBefore > 0 ? (priceAfter - priceBefore) / priceBefore : null,
      promotionBefore: b?.promotion ?? null,
      promotionAfter: a?.promotion ?? null,
      rankBefore: b?.rank ?? null,
      rankAfter: a?.rank ?? null,
    };
  };
  for (const [k, a] of after) {
    const b = before.get(k);
    if (!b) {
      changes.push(change("new_entrant", undefined, a));
      continue;
    }
    if (b.price !== null && a.price !== null && b.currency === a.currency && a.price !== b.price) {
      changes.push(change(a.price > b.price ? "price_up" : "price_down", b, a));
    }
    if (!b.promotion && a.promotion) changes.push(change("promotion_started", b, a));
    else if (b.promotion && !a.promotion) changes.push(change("promotion_ended", b, a));
    else if (b.promotion && a.promotion && b.promotion !== a.promotion) changes.push(change("promotion_changed", b, a));
  }
  for (const [k, b] of before) if (!after.has(k)) changes.push(change("dropped_out", b, undefined));
  return sortChanges(changes);
}

const CHANGE_ORDER: Record<ChangeKind, number> = {
  price_down: 0,
  price_up: 1,
  promotion_started: 2,
  promotion_changed: 3,
  promotion_ended: 4,
  new_entrant: 5,
  dropped_out: 6,
};

export function sortChanges(changes: PriceChange[]): PriceChange[] {
  return changes.sort(
    (x, y) =>
      CHANGE_ORDER[x.kind] - CHANGE_ORDER[y.kind] ||
      x.source.localeCompare(y.source) ||
      (x.rankAfter ?? x.rankBefore ?? 0) - (y.rankAfter ?? y.rankBefore ?? 0),
  );
}

export interface SnapshotForChanges {
  id: number;
  sources: readonly string[];
  failedSources: readonly string[];
  entries: readonly SnapshotEntry[];
}

/**
 * Changes of the latest snapshot (the last one) source by source, each against that source's
 * last good snapshot before it (`previous`) or its first good one (`earliest`, for --since): a
 * source that failed last week is compared with the week before, never with its failure. A source
 * failing now contributes nothing. Returns the changes and the snapshot ids used as baselines.
 */
export function changesSinceLastGood(
  snapshots: readonly SnapshotForChanges[],
  baseline: "previous" | "earliest" = "previous",
): { changes: PriceChange[]; baselineIds: number[] } {
  const latest = snapshots[snapshots.length - 1];
  if (!latest) return { changes: [], baselineIds: [] };
  const earlier = snapshots.slice(0, -1);
  const changes: PriceChange[] = [];
  const baselineIds = new Set<number>();
  for (const source of latest.sources) {
    if (latest.failedSources.includes(source)) continue;
    const good = earlier.filter((s) => s.sources.includes(source) && !s.failedSources.includes(source));
    const base = baseline === "earliest" ? good[0] : good[good.length - 1];
    if (!base) continue;
    baselineIds.add(base.id);
    changes.push(
      ...detectChanges(
        base.entries.filter((e) => e.source === source),
        latest.entries.filter((e) => e.source === source),
      ),
    );
  }
  return { changes: sortChanges(changes), baselineIds: [...baselineIds].sort((a, b) => a - b) };
}

/**
 * Reads a dotted path ("data.items", "price.amount", "offers.0.price") from a parsed JSON value.
 * Own properties only: "__proto__" and friends never resolve.
 */
export function readPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === "") return value;
  let cur: unknown = value;
  for (const k of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    if (k === "__proto__" || k === "constructor" || k === "prototype") return undefined;
    if (!Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** "yes", "true", "1", "有货", "in stock", true, 1 -> true; "no", "0", "缺货", "sold out" -> false; else the fallback. */
export function parseInStock(value: unknown, fallback = true): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value > 0;
  if (typeof value !== "string") return fallback;
  const s = value.trim().toLowerCase();
  if (["yes", "y", "true", "1", "有货", "有", "是", "in stock", "instock", "in_stock", "available"].includes(s)) return true;
  if (["no", "n", "false", "0", "缺货", "无货", "无", "否", "售罄", "out of stock", "outofstock", "out_of_stock", "sold out"].includes(s))
    return false;
  return fallback;
}
