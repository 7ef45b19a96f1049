/**
 * `prices snapshot` and `prices report` through the services, against fake Shopify, WooCommerce and
 * JSON storefronts of 300 products each on 127.0.0.1: three queries, history, exactly the changes
 * the fakes were given, partial failures, and the bad inputs of issue 6.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { ExitCode, isMerchopsError } from "../../src/core/errors.js";
import { english } from "../../src/core/i18n/index.js";
import { RunContext, silentProgress } from "../../src/services/context.js";
import { pricesDocument } from "../../src/services/present-prices.js";
import { reportPrices } from "../../src/services/report-prices.js";
import { snapshotPrices } from "../../src/services/snapshot-prices.js";
import { type FakeStorefront, startJsonStorefront, startShopifyStorefront, startWooStorefront } from "../fakes/storefronts.js";
import { REPO } from "../helpers/cli.js";
import { closedPort } from "../helpers/remote.js";

const QUERIES = ["连衣裙", "跑步鞋", "羽绒服"];
let dir: string;
let shop: FakeStorefront;
let woo: FakeStorefront;
let feed: FakeStorefront;
let clock = new Date("2026-11-16T06:00:00+08:00");
const contexts: RunContext[] = [];

function config(extra = ""): string {
  return `prices:
  top: 10
  delayMs: 0
  mapping:
    跑步鞋: RN001
  sources:
    rival:
      type: shopify
      url: ${shop.url}
      currency: CNY
    woo:
      type: woocommerce
      url: ${woo.url}
      retries: 1
    feed:
      type: json
      url: ${feed.url}/api/search?q={query}
      currency: CNY
      fields: { list: data.items, title: name, url: link, price: price, compareAt: original_price, inStock: stock, promotion: promo }
${extra}`;
}

function context(opts: { allowPrivate?: boolean; configText?: string; sub?: string } = {}): RunContext {
  const where = opts.sub ? join(dir, opts.sub) : dir;
  if (opts.sub) mkdirSync(where, { recursive: true });
  writeFileSync(join(where, "merchops.config.yaml"), opts.configText ?? config());
  const ctx = new RunContext({
    loaded: loadConfig({ cwd: where }),
    log: { info: () => {}, warn: () => {}, debug: () => {} },
    progress: silentProgress,
    now: () => clock,
    statePath: join(where, "state.db"),
    network: { allowInsecure: false, allowPrivate: opts.allowPrivate ?? true },
  });
  contexts.push(ctx);
  return ctx;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "merchops-prices-"));
  [shop, woo, feed] = await Promise.all([startShopifyStorefront(), startWooStorefront(), startJsonStorefront()]);
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await Promise.all([shop.close(), woo.close(), feed.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** The first n products of a fake whose title contains the query, in its order: what the fake's search ranks first. */
const firstHits = (f: FakeStorefront, q: string, n = 10) => f.products.filter((p) => p.title.includes(q)).slice(0, n);

describe("prices snapshot and report against three storefronts", () => {
  it("takes top-10 snapshots for three queries, merged by turns across sources, stored as history", async () => {
    const ctx = context();
    const r = await snapshotPrices(ctx, { queries: QUERIES });
    expect(r.partial).toBe(false);
    expect(r.snapshots.map((s) => s.query)).toEqual(QUERIES);
    for (const s of r.snapshots) {
      expect(s.entries).toHaveLength(10);
      // Turns: rival #1, woo #1, feed #1, rival #2, ...
      expect(s.entries.slice(0, 6).map((e) => e.source)).toEqual(["rival", "woo", "feed", "rival", "woo", "feed"]);
      const rival = s.entries.filter((e) => e.source === "rival");
      const expected = firstHits(shop, s.query);
      expect(rival.map((e) => e.title)).toEqual(expected.slice(0, rival.length).map((p) => p.title));
      expect(rival.map((e) => e.price)).toEqual(expected.slice(0, rival.length).map((p) => p.price));
      const fromWoo = s.entries.filter((e) => e.source === "woo");
      expect(fromWoo.map((e) => e.price)).toEqual(
        firstHits(woo, s.query)
          .slice(0, fromWoo.length)
          .map((p) => p.price),
      );
      const fromFeed = s.entries.filter((e) => e.source === "feed");
      expect(fromFeed.map((e) => [e.price, e.inStock])).toEqual(
        firstHits(feed, s.query)
          .slice(0, fromFeed.length)
          .map((p) => [p.price, p.inStock]),
      );
      expect(new Set(s.entries.map((e) => e.currency))).toEqual(new Set(["CNY"]));
    }
    // Shopify: the shop's predictive search, one request per query, no /products.json scan.
    expect(shop.log.filter((l) => l.path === "/search/suggest.json").length).toBe(3);
    expect(shop.log.filter((l) => l.path === "/products.json").length).toBe(0);
    expect(r.snapshots[0]?.notes).toContain("rival: Shopify predictive search");
    await ctx.close();

    const db = new Database(join(dir, "state.db"), { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM price_snapshots").get() as { n: number }).n).toBe(3);
    expect((db.prepare("SELECT COUNT(*) AS n FROM price_entries").get() as { n: number }).n).toBe(30);
    db.close();
  });

  it("a shop without predictive search (404, or 417 for the language) is scanned through /products.json, and says so", async () => {
    for (const mode of ["off", "unsupported"] as const) {
      shop.predictive = mode;
      const before = shop.log.length;
      try {
        const ctx = context({ sub: `no-predictive-${mode}` });
        const r = await snapshotPrices(ctx, { queries: ["连衣裙"], sources: ["rival"] });
        const rival = r.snapshots[0]?.entries ?? [];
        expect(rival.map((e) => e.title)).toEqual(firstHits(shop, "连衣裙").map((p) => p.title));
        const seen = shop.log.slice(before);
        expect(seen.filter((l) => l.path === "/search/suggest.json")).toHaveLength(1);
        // Shopify's 300 products span two pages of 250.
        expect(seen.filter((l) => l.path === "/products.json").length).toBeGreaterThanOrEqual(2);
        expect(r.snapshots[0]?.notes[0]).toMatch(
          new RegExp(`^rival: our search of /products.json \\(predictive search answered ${mode === "off" ? 404 : 417}\\)$`),
        );
      } finally {
        shop.predictive = "on";
      }
    }
  });

  it("more than predictive search's 10 asked: the /products.json scan, and the note says why", async () => {
    const ctx = context({ sub: "top-12" });
    const r = await snapshotPrices(ctx, { queries: ["连衣裙"], sources: ["rival"], top: 12 });
    expect(r.snapshots[0]?.entries).toHaveLength(12);
    expect(r.snapshots[0]?.notes).toEqual(["rival: our search of /products.json (more than 10 asked)"]);
  });

  it("after the fakes change prices and promotions, a second snapshot and the report show exactly those changes", async () => {
    // What changes, on each storefront, for "连衣裙" (the first ten hits are the snapshot's candidates).
    const dresses = firstHits(shop, "连衣裙");
    const rivalDown = dresses[0];
    const rivalUp = dresses[1];
    const rivalPromo = dresses[2];
    const wooDresses = firstHits(woo, "连衣裙");
    const wooSale = wooDresses[0];
    const feedDresses = firstHits(feed, "连衣裙");
    const feedPromo = feedDresses[0];
    if (!rivalDown || !rivalUp || !rivalPromo || !wooSale || !feedPromo) throw new Error("fixture too small");
    const before = { down: rivalDown.price, up: rivalUp.price, wooSale: wooSale.price };
    rivalDown.price = Math.round(rivalDown.price * 0.9);
    rivalUp.price = rivalUp.price + 3000;
    rivalPromo.compareAt = rivalPromo.price + 10000;
    wooSale.compareAt = wooSale.price;
    wooSale.price = wooSale.price - 2000;
    feedPromo.promotion = "满199减20，第二件半价";
    // Rival's 4th dress leaves the storefront; its 11th enters (rival contributes ranks 1..4 of 10).
    const rivalLeaving = dresses[3];
    shop.products = shop.products.filter((p) => p !== rivalLeaving);
    const rivalEntering = firstHits(shop, "连衣裙")[3];

    clock = new Date("2026-11-23T06:00:00+08:00");
    const ctx = context();
    const r = await snapshotPrices(ctx, { queries: QUERIES });
    expect(r.partial).toBe(false);
    const report = await reportPrices(ctx, {});
    expect(report.queries.map((q) => q.query).sort()).toEqual([...QUERIES].sort());
    const dress = report.queries.find((q) => q.query === "连衣裙");
    const summary = dress?.changes.map((c) => [c.kind, c.source, c.title]).sort();
    expect(summary).toEqual(
      [
        ["price_down", "rival", rivalDown.title],
        ["price_up", "rival", rivalUp.title],
        ["promotion_started", "rival", rivalPromo.title],
        ["price_down", "woo", wooSale.title],
        ["promotion_started", "woo", wooSale.title],
        ["promotion_started", "feed", feedPromo.title],
        ["dropped_out", "rival", rivalLeaving?.title],
        ["new_entrant", "rival", rivalEntering?.title],
      ].sort(),
    );
    const down = dress?.changes.find((c) => c.kind === "price_down" && c.source === "rival");
    expect(down?.before).toBe(before.down);
    expect(down?.changePct).toBeCloseTo((rivalDown.price - before.down) / before.down, 10);
    const up = dress?.changes.find((c) => c.kind === "price_up");
    expect(up?.after).toBe(before.up + 3000);
    const wooDown = dress?.changes.find((c) => c.kind === "price_down" && c.source === "woo");
    expect([wooDown?.before, wooDown?.after]).toEqual([before.wooSale, before.wooSale - 2000]);
    const feedStarted = dress?.changes.find((c) => c.kind === "promotion_started" && c.source === "feed");
    expect(feedStarted?.promotionAfter).toBe("满199减20，第二件半价");
    const parsed = dress?.entries.find((e) => e.title === feedPromo.title)?.promotionParsed;
    expect(parsed).toEqual([
      { kind: "threshold", threshold: 19900, amount: 2000 },
      { kind: "nth_item", n: 2, percentOff: 50 },
    ]);
    // The other two queries changed nothing.
    expect(report.queries.filter((q) => q.query !== "连衣裙").flatMap((q) => q.changes)).toEqual([]);
    expect(dress?.history).toHaveLength(2);
  });

  it("reports our price index against the in-stock offers, with the mapping or a title match", async () => {
    const ctx = context();
    const report = await reportPrices(ctx, {});
    const shoes = report.queries.find((q) => q.query === "跑步鞋");
    expect(shoes?.ours).toMatchObject({ handle: "RN001", by: "mapping", confidence: 1, price: 39900 });
    const latest = shoes?.entries ?? [];
    const inStock = latest
      .filter((e) => e.inStock && e.price !== null)
      .map((e) => e.price as number)
      .sort((a, b) => a - b);
    const mid =
      inStock.length % 2
        ? (inStock[(inStock.length - 1) / 2] as number)
        : ((inStock[inStock.length / 2 - 1] as number) + (inStock[inStock.length / 2] as number)) / 2;
    expect(shoes?.index.offers).toBe(inStock.length);
    expect(shoes?.index.indexVsMedian).toBeCloseTo((39900 / mid) * 100, 8);
    expect(shoes?.index.indexVsMin).toBeCloseTo((39900 / (inStock[0] as number)) * 100, 8);
    expect(shoes?.index.ourRank).toBe(1 + inStock.filter((p) => p < 39900).length);
    const dress = report.queries.find((q) => q.query === "连衣裙");
    expect(dress?.ours?.by).toBe("title");
    expect(dress?.ours?.handle).toMatch(/^DR00\d$/);
    expect(dress?.ours?.confidence).toBeGreaterThanOrEqual(0.5);
    const doc = pricesDocument(report);
    expect(doc.charts.map((c) => c.title)).toEqual(report.queries.map((q) => `Price history: ${q.query}`));
    expect(doc.charts[0]?.x).toHaveLength(2);
  });

  it("one failing source does not lose the others: the snapshot is stored with the failure", async () => {
    woo.mode = "down";
    try {
      clock = new Date("2026-11-30T06:00:00+08:00");
      const ctx = context();
      const r = await snapshotPrices(ctx, { queries: ["连衣裙"], sources: ["rival", "woo"] });
      expect(r.partial).toBe(true);
      const s = r.snapshots[0];
      expect(s?.failures.map((f) => [f.source, f.kind])).toEqual([["woo", "remote"]]);
      expect(s?.failures[0]?.message).toMatch(/503/);
      expect(s?.entries.every((e) => e.source === "rival")).toBe(true);
      expect(s?.entries).toHaveLength(10);
      // The report leaves the failed source out of the changes: nothing of woo "dropped out".
      const report = await reportPrices(ctx, { query: "连衣裙" });
      expect(report.queries[0]?.changes.filter((c) => c.source === "woo")).toEqual([]);
      expect(report.warnings.map(english).join("\n")).toMatch(/lacks woo/);
    } finally {
      woo.mode = "ok";
    }
  });
});

describe("spreadsheet source", () => {
  it("reads the competitors template: text prices, compare-at, stock words and promotions", async () => {
    const file = join(REPO, "templates", "competitors", "competitors.xlsx");
    const ctx = context({
      sub: "sheet",
      configText: `prices:\n  sources:\n    manual: { type: spreadsheet, file: ${JSON.stringify(file)}, currency: CNY }\n`,
    });
    const r = await snapshotPrices(ctx, { queries: ["夏季连衣裙"] });
    expect(r.snapshots[0]?.entries.map((e) => [e.rank, e.competitor, e.price, e.compareAt, e.inStock, e.promotionParsed])).toEqual([
      [1, "示例竞品店", 129900, 159900, true, [{ kind: "threshold", threshold: 19900, amount: 2000 }]],
      [2, "另一家店", 25900, null, false, [{ kind: "nth_item", n: 2, percentOff: 50 }]],
    ]);
  });
});

describe("bad input", () => {
  async function failure(p: Promise<unknown>): Promise<{ exitCode: number; message: string; hint: string | undefined }> {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    if (!isMerchopsError(e)) throw new Error(`expected a merchops error, got ${String(e)}`);
    return { exitCode: e.exitCode, message: e.message, hint: e.hint };
  }

  it("an unreachable source is a remote failure of that source", async () => {
    const port = await closedPort();
    const ctx = context({
      sub: "unreachable",
      configText: `prices:\n  delayMs: 0\n  sources:\n    gone: { type: woocommerce, url: "http://127.0.0.1:${port}", retries: 1 }\n    rival: { type: shopify, url: "${shop.url}", currency: CNY }\n`,
    });
    const r = await snapshotPrices(ctx, { queries: ["跑步鞋"] });
    expect(r.snapshots[0]?.failures[0]).toMatchObject({ source: "gone", kind: "remote" });
    expect(r.snapshots[0]?.failures[0]?.message).toMatch(/unreachable|connection refused/);
    expect(r.snapshots[0]?.entries.length).toBe(10);
  }, 30_000);

  it("an HTML page where JSON was expected is reported as such", async () => {
    feed.mode = "malformed";
    try {
      const ctx = context({ sub: "malformed" });
      const r = await snapshotPrices(ctx, { queries: ["羽绒服"], sources: ["feed"] });
      expect(r.snapshots[0]?.failures[0]?.message).toMatch(/HTML page instead of JSON/);
      expect(r.snapshots[0]?.entries).toEqual([]);
    } finally {
      feed.mode = "ok";
    }
  });

  it("no results: stored as an empty snapshot with a warning", async () => {
    const ctx = context({ sub: "none" });
    const r = await snapshotPrices(ctx, { queries: ["无此商品xyz"] });
    expect(r.partial).toBe(false);
    expect(r.snapshots[0]?.entries).toEqual([]);
    expect(english(r.warnings[0] ?? "")).toMatch(/no competitor offers for "无此商品xyz"/);
  });

  it("a query with no match in our catalog: the report says so and names the mapping", async () => {
    const ctx = context({ sub: "none" });
    const report = await reportPrices(ctx, { query: "无此商品xyz" });
    expect(report.queries[0]?.ours).toBeNull();
    expect(report.queries[0]?.index.indexVsMedian).toBeNull();
    expect(report.warnings.map(english).join("\n")).toMatch(/no product in store demo matches "无此商品xyz".*prices\.mapping/);
  });

  it("a private address without --allow-private is refused before any request reaches it", async () => {
    const before = shop.log.length;
    const ctx = context({ sub: "private", allowPrivate: false });
    const r = await snapshotPrices(ctx, { queries: ["连衣裙"], sources: ["rival", "feed"] });
    expect(r.snapshots[0]?.failures.map((f) => [f.source, f.kind])).toEqual([
      ["rival", "usage"],
      ["feed", "usage"],
    ]);
    expect(r.snapshots[0]?.failures[0]?.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(r.snapshots[0]?.failures[0]?.hint).toMatch(/--allow-private/);
    expect(shop.log.length).toBe(before);
  });

  it("unknown sources, no sources and an empty query are usage errors", async () => {
    const ctx = context({ sub: "usage" });
    expect((await failure(snapshotPrices(ctx, { queries: ["x"], sources: ["nope"] }))).message).toMatch(/unknown source "nope"/);
    expect((await failure(snapshotPrices(ctx, { queries: [" "] }))).exitCode).toBe(ExitCode.usage);
    const bare = context({ sub: "bare", configText: "timezone: Asia/Shanghai\n" });
    expect((await failure(snapshotPrices(bare, { queries: ["x"] }))).message).toMatch(/no competitor sources configured/);
    expect((await failure(reportPrices(bare, {}))).message).toMatch(/no price snapshots/);
  });
});
