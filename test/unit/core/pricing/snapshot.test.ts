/** Merging, price index, change detection and matching our product. */
import { describe, expect, it } from "vitest";
import { matchOurProduct, type OurProduct, tokens } from "../../../../src/core/pricing/match.js";
import {
  changesSinceLastGood,
  detectChanges,
  impliedPromotion,
  median,
  mergeTopN,
  offerKey,
  parseInStock,
  priceIndex,
  readPath,
  type SnapshotEntry,
  type SourceOffer,
} from "../../../../src/core/pricing/snapshot.js";

const offer = (title: string, price: number | null, over: Partial<SourceOffer> = {}): SourceOffer => ({
  title,
  url: `https://shop.example/products/${encodeURIComponent(title)}`,
  price,
  compareAt: null,
  currency: "CNY",
  inStock: true,
  ...over,
});

const entry = (source: string, title: string, price: number | null, over: Partial<SnapshotEntry> = {}): SnapshotEntry => ({
  rank: 1,
  source,
  sourceRank: 1,
  competitor: source,
  title,
  url: `https://${source}.example/p/${title}`,
  price,
  priceMax: null,
  compareAt: null,
  currency: "CNY",
  inStock: true,
  promotion: null,
  promotionParsed: [],
  coupon: null,
  finalPrice: null,
  sales: null,
  salesText: null,
  ...over,
});

describe("mergeTopN", () => {
  it("takes turns between sources (every #1, then every #2), skips duplicates, and stops at N", () => {
    const a = ["a1", "a2", "a3", "a4"].map((t) => offer(t, 100, { url: `https://a.example/${t}` }));
    const b = ["b1", "b2"].map((t) => offer(t, 100, { url: `https://b.example/${t}` }));
    // c's #1 is a's #2 with tracking parameters: one offer.
    const c = [offer("dup", 100, { url: "https://A.example/a2/?utm_source=x" }), offer("c2", 100, { url: "https://c.example/c2" })];
    const merged = mergeTopN(
      [
        { source: "a", competitor: "A", offers: a },
        { source: "b", competitor: "B", offers: b },
        { source: "c", competitor: "C", offers: c },
      ],
      6,
    );
    expect(merged.map((e) => e.title)).toEqual(["a1", "b1", "dup", "b2", "c2", "a3"]);
    expect(merged.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(merged.map((e) => e.sourceRank)).toEqual([1, 1, 1, 2, 2, 3]);
    // a2 never appears: c took it first at rank 3 (its #1), a offered it as its #2 later.
    expect(merged.some((e) => e.title === "a2")).toBe(false);
  });

  it("derives a promotion from a compare-at price and parses stated ones", () => {
    const [implied, stated] = mergeTopN(
      [{ source: "s", competitor: "S", offers: [offer("x", 25900, { compareAt: 35900 }), offer("y", 100, { promotion: "满199减20" })] }],
      10,
    );
    expect(implied?.promotion).toBe(`-${Math.floor((10000 * 100) / 35900)}%`);
    expect(implied?.promotionParsed).toEqual([{ kind: "percent", percentOff: 27 }]);
    expect(stated?.promotionParsed).toEqual([{ kind: "threshold", threshold: 19900, amount: 2000 }]);
    expect(impliedPromotion(100, 100)).toBeNull();
  });
});

describe("priceIndex", () => {
  it("compares ours with the in-stock offers in our currency: median, min, rank, gap", () => {
    const entries = [
      entry("a", "1", 20000),
      entry("a", "2", 30000),
      entry("b", "3", 25000),
      entry("b", "4", 10000, { inStock: false }),
      entry("c", "5", null),
      entry("c", "6", 999, { currency: "USD" }),
      entry("d", "7", 40000),
    ];
    const ours = 28000;
    const usable = [20000, 30000, 25000, 40000];
    const med = (25000 + 30000) / 2;
    const idx = priceIndex(ours, "CNY", entries);
    expect(idx.offers).toBe(usable.length);
    expect(idx.median).toBe(med);
    expect(idx.min).toBe(20000);
    expect(idx.max).toBe(40000);
    expect(idx.indexVsMedian).toBeCloseTo((ours / med) * 100, 10);
    expect(idx.indexVsMin).toBeCloseTo((ours / 20000) * 100, 10);
    expect(idx.gapToMin).toBeCloseTo((ours - 20000) / 20000, 10);
    expect(idx.ourRank).toBe(3); // 20000 and 25000 are cheaper
    expect(idx.cheapest).toEqual({ competitor: "a", title: "1" });
    expect(idx.excluded).toEqual({ outOfStock: 1, noPrice: 1, otherCurrency: 1 });
  });

  it("ties share a rank; no offers and no price give n/a", () => {
    expect(priceIndex(20000, "CNY", [entry("a", "1", 20000), entry("b", "2", 30000)]).ourRank).toBe(1);
    const none = priceIndex(20000, "CNY", []);
    expect([none.median, none.indexVsMedian, none.ourRank]).toEqual([null, null, 1]);
    expect(priceIndex(null, "CNY", [entry("a", "1", 100)]).indexVsMedian).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });
});

describe("detectChanges", () => {
  const before = [
    entry("s", "kept", 10000, { rank: 1 }),
    entry("s", "cheaper", 20000, { rank: 2 }),
    entry("s", "dearer", 20000, { rank: 3 }),
    entry("s", "promo-on", 5000, { rank: 4 }),
    entry("s", "promo-off", 5000, { rank: 5, promotion: "8折" }),
    entry("s", "gone", 5000, { rank: 6 }),
    entry("t", "failed-later", 5000, { rank: 7 }),
  ];
  const after = [
    entry("s", "kept", 10000, { rank: 1 }),
    entry("s", "cheaper", 18000, { rank: 2 }),
    entry("s", "dearer", 23000, { rank: 3 }),
    entry("s", "promo-on", 5000, { rank: 4, promotion: "满199减20" }),
    entry("s", "promo-off", 5000, { rank: 5 }),
    entry("s", "newcomer", 7000, { rank: 6 }),
  ];

  it("reports each kind once, with the percentage change", () => {
    const changes = detectChanges(before, after, { failedSources: ["t"] });
    const summary = changes.map((c) => [c.kind, c.title]);
    expect(summary).toEqual([
      ["price_down", "cheaper"],
      ["price_up", "dearer"],
      ["promotion_started", "promo-on"],
      ["promotion_ended", "promo-off"],
      ["new_entrant", "newcomer"],
      ["dropped_out", "gone"],
    ]);
    expect(changes.find((c) => c.title === "cheaper")?.changePct).toBeCloseTo(-0.1, 10);
    expect(changes.find((c) => c.title === "dearer")?.changePct).toBeCloseTo(0.15, 10);
  });

  it("a source that failed is not 'dropped out'", () => {
    const withoutFailure = detectChanges(before, after);
    expect(withoutFailure.some((c) => c.title === "failed-later" && c.kind === "dropped_out")).toBe(true);
    expect(detectChanges(before, after, { failedSources: ["t"] }).some((c) => c.title === "failed-later")).toBe(false);
  });
});

describe("changesSinceLastGood", () => {
  const snap = (id: number, failed: string[], entries: SnapshotEntry[]) => ({ id, sources: ["s", "t"], failedSources: failed, entries });
  it("compares each source with its last good snapshot, skipping a failed one in between", () => {
    const week1 = snap(1, [], [entry("s", "x", 100), entry("t", "y", 200)]);
    const week2 = snap(2, ["t"], [entry("s", "x", 110)]);
    const week3 = snap(3, [], [entry("s", "x", 110), entry("t", "y", 180)]);
    const r = changesSinceLastGood([week1, week2, week3]);
    // s: week2 -> week3 unchanged; t: week1 -> week3 (week2 failed), down 200 -> 180.
    expect(r.changes.map((c) => [c.kind, c.source, c.before, c.after])).toEqual([["price_down", "t", 200, 180]]);
    expect(r.baselineIds).toEqual([1, 2]);
    expect(changesSinceLastGood([week1, week2, week3], "earliest").changes.map((c) => [c.kind, c.source])).toEqual([
      ["price_down", "t"],
      ["price_up", "s"],
    ]);
    // t failing now: no changes for t at all.
    expect(changesSinceLastGood([week1, week2]).changes.map((c) => [c.kind, c.source])).toEqual([["price_up", "s"]]);
  });
});

describe("matchOurProduct", () => {
  const ours: OurProduct[] = [
    { handle: "DR001", title: "女士法式碎花雪纺连衣裙", skus: ["DR001-S"], price: 25900, currency: "CNY" },
    { handle: "DR002", title: "女士针织收腰连衣裙", skus: ["DR002-S"], price: 29900, currency: "CNY" },
    { handle: "RN001", title: "男士轻量透气跑步鞋", skus: ["RN001-42"], price: 39900, currency: "CNY" },
  ];

  it("the mapping wins, by handle or SKU", () => {
    expect(matchOurProduct("连衣裙", ours, { mapping: { 连衣裙: "DR002" } }).match).toMatchObject({
      by: "mapping",
      confidence: 1,
      product: { handle: "DR002" },
    });
    expect(matchOurProduct("鞋", ours, { mapping: { 鞋: "rn001-42" } }).match?.product.handle).toBe("RN001");
    const missing = matchOurProduct("鞋", ours, { mapping: { 鞋: "NOPE" } });
    expect(missing.match).toBeNull();
    expect(missing.mappedTo).toBe("NOPE");
  });

  it("a SKU as the query matches exactly", () => {
    expect(matchOurProduct("DR001-S", ours).match).toMatchObject({ by: "sku", product: { handle: "DR001" } });
  });

  it("by title, preferring the product most like the competitors' titles, with a confidence", () => {
    const m = matchOurProduct("连衣裙", ours, { competitorTitles: ["碎花雪纺连衣裙 夏季", "法式碎花连衣裙"] });
    expect(m.match?.by).toBe("title");
    expect(m.match?.product.handle).toBe("DR001");
    expect(m.match?.confidence).toBeGreaterThan(0.7);
    expect(m.match?.confidence).toBeLessThanOrEqual(1);
  });

  it("no match below the threshold", () => {
    const m = matchOurProduct("蓝牙耳机", ours);
    expect(m.match).toBeNull();
    expect(tokens("夏季连衣裙")).toEqual(new Set(["夏季", "季连", "连衣", "衣裙"]));
  });
});

describe("helpers", () => {
  it("readPath reads own properties only", () => {
    const doc = JSON.parse('{"data":{"items":[{"p":{"amount":"9.90"}}]},"__proto__":{"x":1}}');
    expect(readPath(doc, "data.items.0.p.amount")).toBe("9.90");
    expect(readPath(doc, "__proto__.x")).toBeUndefined();
    expect(readPath(doc, "data.constructor")).toBeUndefined();
    expect(readPath(doc, "")).toBe(doc);
  });

  it("parseInStock and offerKey", () => {
    expect([parseInStock("有货"), parseInStock("缺货"), parseInStock("sold out"), parseInStock(0), parseInStock(undefined, false)]).toEqual(
      [true, false, false, false, false],
    );
    expect(offerKey("https://Shop.example/p/a/?x=1#y")).toBe(offerKey("https://shop.example/p/a"));
  });
});
