/**
 * `prices snapshot` with taobao, jd and pdd sources against fakes of the three affiliate APIs on
 * 127.0.0.1 (test/fakes/marketplaces: signatures checked there from the platforms' documentation),
 * plus a spreadsheet source: the marketplaces' own ranking by sales, coupons and prices after
 * coupon, clean item URLs, paging, rate limits retried within the source's retries, and each
 * platform's documented errors as a partial snapshot (exit 5) with the other sources stored.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { ExitCode, isMerchopsError } from "../../src/core/errors.js";
import { RunContext, silentProgress } from "../../src/services/context.js";
import { reportPrices } from "../../src/services/report-prices.js";
import { snapshotPrices } from "../../src/services/snapshot-prices.js";
import { marketCatalog, searchGoods } from "../fakes/marketplaces/catalog.js";
import { credentialsEnv } from "../fakes/marketplaces/gateway.js";
import { type FakeJd, startFakeJd } from "../fakes/marketplaces/jd/index.js";
import { type FakePdd, startFakePdd } from "../fakes/marketplaces/pdd/index.js";
import { type FakeTaobao, startFakeTaobao } from "../fakes/marketplaces/taobao/index.js";

let dir: string;
let tb: FakeTaobao;
let jd: FakeJd;
let pdd: FakePdd;
const clock = new Date("2026-12-07T02:00:00Z");
const contexts: RunContext[] = [];
const ENV_NAMES = ["TB_KEY", "TB_SECRET", "TB_ADZONE", "JD_KEY", "JD_SECRET", "PDD_ID", "PDD_SECRET", "PDD_PID"];

function config(over: { tb?: string; jd?: string; pdd?: string; extra?: string } = {}): string {
  return `prices:
  top: 10
  delayMs: 0
  sources:
    tb:
      type: taobao
      appKey: env:TB_KEY
      appSecret: env:TB_SECRET
      adzoneId: env:TB_ADZONE
      gateway: ${tb.url}/router/rest
      retries: 2
${over.tb ?? ""}    jd:
      type: jd
      appKey: env:JD_KEY
      appSecret: env:JD_SECRET
      gateway: ${jd.url}/routerjson
      retries: 2
${over.jd ?? ""}    pdd:
      type: pdd
      appKey: env:PDD_ID
      appSecret: env:PDD_SECRET
      pid: env:PDD_PID
      gateway: ${pdd.url}/api/router
      retries: 2
${over.pdd ?? ""}    manual:
      type: spreadsheet
      file: competitors.csv
${over.extra ?? ""}`;
}

function context(configText = config()): RunContext {
  const where = mkdtempSync(join(dir, "run-"));
  writeFileSync(join(where, "merchops.config.yaml"), configText);
  writeFileSync(
    join(where, "competitors.csv"),
    "query,rank,competitor,title,url,price,promotion\n连衣裙,1,线下店,手工连衣裙,https://shop.example/p/1,¥199,满199减20\n连衣裙,2,线下店,真丝连衣裙,https://shop.example/p/2,¥599,\n",
  );
  const ctx = new RunContext({
    loaded: loadConfig({ cwd: where }),
    log: { info: () => {}, warn: () => {}, debug: () => {} },
    progress: silentProgress,
    now: () => clock,
    statePath: join(where, "state.db"),
    network: { allowInsecure: false, allowPrivate: true },
  });
  contexts.push(ctx);
  return ctx;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "merchops-markets-"));
  [tb, jd, pdd] = await Promise.all([
    startFakeTaobao(),
    startFakeJd({ goods: marketCatalog("京", 2, 45) }),
    startFakePdd({ now: () => clock.getTime() }),
  ]);
  Object.assign(process.env, credentialsEnv(tb, jd, pdd));
});
afterEach(() => {
  tb.rateLimitNext(0);
  tb.setSessionInvalid(false);
  jd.rateLimitNext(0);
  jd.setNoPermission(false);
  pdd.rateLimitNext(0);
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await Promise.all([tb.close(), jd.close(), pdd.close()]);
  for (const n of ENV_NAMES) delete process.env[n];
  rmSync(dir, { recursive: true, force: true });
});

describe("taobao, jd and pdd sources", () => {
  it("each marketplace's TOP10 by sales, merged by turns with a spreadsheet: coupons, price after coupon, sales, shops, clean URLs", async () => {
    const r = await snapshotPrices(context(), { queries: ["连衣裙"] });
    expect(r.partial).toBe(false);
    const [snap] = r.snapshots;
    expect(snap?.entries).toHaveLength(10);
    expect(snap?.entries.map((e) => e.source).slice(0, 8)).toEqual(["tb", "jd", "pdd", "manual", "tb", "jd", "pdd", "manual"]);
    // Each source's offers in the marketplace's order: by sales, highest first.
    const tbTop = searchGoods(tb.goods, "连衣裙", "sales");
    const tbEntries = snap?.entries.filter((e) => e.source === "tb") ?? [];
    expect(tbEntries.map((e) => e.title)).toEqual(tbTop.slice(0, tbEntries.length).map((g) => g.title));
    const first = tbEntries[0];
    const g = tbTop[0];
    if (!first || !g) throw new Error("no taobao entry");
    expect(first.competitor).toBe(g.shop);
    expect(first.price).toBe(g.price);
    expect(first.sales).toBe(g.sales);
    expect(first.url).toBe(`https://${g.tmall ? "detail.tmall.com" : "item.taobao.com"}/item.htm?id=${g.id}`);
    expect(first.url).not.toContain("s.click");
    if (g.coupon > 0) {
      expect(first.coupon).toEqual({ amount: g.coupon, threshold: g.threshold });
      expect(first.finalPrice).toBe(g.price >= g.threshold ? g.price - g.coupon : g.price);
      expect(first.promotionParsed[0]).toMatchObject(g.threshold > 0 ? { kind: "threshold" } : { kind: "amount" });
    }
    const jdEntry = snap?.entries.find((e) => e.source === "jd");
    const jdGood = searchGoods(jd.goods, "连衣裙", "sales")[0];
    expect(jdEntry?.url).toBe(`https://item.jd.com/${jdGood?.id}.html`);
    expect(jdEntry?.sales).toBe(jdGood?.sales);
    const pddEntry = snap?.entries.find((e) => e.source === "pdd");
    const pddGood = searchGoods(pdd.goods, "连衣裙", "sales")[0];
    expect(pddEntry?.url).toBe(`https://jinbao.pinduoduo.com/goods-detail?s=E9fake${pddGood?.id}_JQ`);
    expect(pddEntry?.salesText).toMatch(/万\+|\d/);
    expect(pddEntry?.sales).toBeGreaterThan(0);
    expect(snap?.notes).toEqual(expect.arrayContaining(["tb: Taobao/Tmall (淘宝联盟), by sales", "pdd: Pinduoduo (多多进宝), by sales"]));
    // Every request reached the fakes signed correctly.
    expect(tb.stats.badSign + jd.stats.badSign + pdd.stats.badSign).toBe(0);
  });

  it("sorted by price when configured: the lowest prices first", async () => {
    const r = await snapshotPrices(context(config({ jd: "      sort: price\n" })), { queries: ["连衣裙"], sources: ["jd"], top: 5 });
    const prices = r.snapshots[0]?.entries.map((e) => e.price as number) ?? [];
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices[0]).toBe(searchGoods(jd.goods, "连衣裙", "price_asc")[0]?.price);
  });

  it("pages like the real APIs: a top 40 from JD takes two pages of 30", async () => {
    const before = jd.stats.requests;
    const r = await snapshotPrices(context(), { queries: ["连衣裙"], sources: ["jd"], top: 40 });
    expect(r.snapshots[0]?.entries).toHaveLength(40); // the fake sells 45 dresses
    expect(jd.stats.requests - before).toBe(2);
    const pages = jd.stats.params.slice(-2).map((p) => JSON.parse(p["360buy_param_json"] as string).goodsReqDTO.pageIndex);
    expect(pages).toEqual([1, 2]);
  });

  it("a rate-limited source is retried within its retries and then succeeds", async () => {
    tb.rateLimitNext(2);
    pdd.rateLimitNext(1);
    const r = await snapshotPrices(context(), { queries: ["连衣裙"], sources: ["tb", "pdd"] });
    expect(r.partial).toBe(false);
    expect(tb.stats.rateLimited).toBeGreaterThanOrEqual(2);
    expect(r.snapshots[0]?.entries.length).toBe(10);
  });

  it("a source still rate limited after its retries is reported; the others are stored (exit 5)", async () => {
    const before = tb.stats.requests;
    tb.rateLimitNext(10);
    const r = await snapshotPrices(context(), { queries: ["连衣裙"] });
    expect(r.partial).toBe(true);
    expect(tb.stats.requests - before).toBe(3); // the first try and its 2 retries
    const [failure] = r.snapshots[0]?.failures ?? [];
    expect(failure).toMatchObject({ source: "tb", kind: "remote" });
    expect(failure?.message).toMatch(/rate limited.*code 7.*App Call Limited/);
    expect(r.snapshots[0]?.entries.some((e) => e.source === "jd")).toBe(true);
    expect(r.snapshots[0]?.entries.some((e) => e.source === "manual")).toBe(true);
  });

  it("a bad signature (wrong secret) is the platform's documented error, not retried", async () => {
    process.env.JD_SECRET = "not-the-secret";
    process.env.PDD_SECRET = "not-the-secret";
    process.env.TB_SECRET = "not-the-secret";
    try {
      const r = await snapshotPrices(context(), { queries: ["连衣裙"] });
      const failures = r.snapshots[0]?.failures ?? [];
      expect(failures.map((f) => f.source).sort()).toEqual(["jd", "pdd", "tb"]);
      expect(failures.find((f) => f.source === "tb")?.message).toMatch(/signature was refused.*code 25/);
      expect(failures.find((f) => f.source === "jd")?.message).toMatch(/signature was refused/);
      expect(failures.find((f) => f.source === "pdd")?.message).toMatch(/signature was refused.*20004/);
      // The manual source is still stored.
      expect(r.snapshots[0]?.entries.map((e) => e.source)).toEqual(["manual", "manual"]);
      // Secrets never in a message.
      for (const f of failures) expect(f.message).not.toContain("not-the-secret");
    } finally {
      process.env.JD_SECRET = jd.appSecret;
      process.env.PDD_SECRET = pdd.clientSecret;
      process.env.TB_SECRET = tb.appSecret;
    }
  });

  it("an invalid session or pid is reported with what to check", async () => {
    tb.setSessionInvalid(true);
    jd.setNoPermission(true);
    process.env.PDD_PID = "99999_11111";
    try {
      const r = await snapshotPrices(context(), { queries: ["连衣裙"] });
      const failures = r.snapshots[0]?.failures ?? [];
      expect(failures.find((f) => f.source === "tb")?.message).toMatch(/Invalid session.*code 27/);
      expect(failures.find((f) => f.source === "jd")?.hint).toMatch(/advanced API/);
      const p = failures.find((f) => f.source === "pdd");
      expect(p?.message).toMatch(/60001/);
      expect(p?.hint).toMatch(/check pid/);
    } finally {
      process.env.PDD_PID = "12345678_98765432";
    }
  });

  it("a missing credential variable is a config error naming the key, not the value", async () => {
    delete process.env.TB_SECRET;
    try {
      const r = await snapshotPrices(context(), { queries: ["连衣裙"], sources: ["tb", "jd"] });
      const f = r.snapshots[0]?.failures.find((x) => x.source === "tb");
      expect(f).toMatchObject({ kind: "usage" });
      expect(f?.message).toMatch(/TB_SECRET is not set/);
    } finally {
      process.env.TB_SECRET = tb.appSecret;
    }
  });

  it("a secret written in the config is refused", () => {
    const where = mkdtempSync(join(dir, "bad-"));
    writeFileSync(join(where, "merchops.config.yaml"), config().replace("appSecret: env:TB_SECRET", "appSecret: abcdef123"));
    let error: unknown;
    try {
      loadConfig({ cwd: where });
    } catch (e) {
      error = e;
    }
    expect(isMerchopsError(error) && error.exitCode).toBe(ExitCode.usage);
    expect(String((error as Error).message)).not.toContain("abcdef123");
  });

  it("the report's index is on the price a buyer pays and names the best seller", async () => {
    const ctx = context();
    await snapshotPrices(ctx, { queries: ["连衣裙"] });
    const report = await reportPrices(ctx, { query: "连衣裙" });
    const q = report.queries[0];
    const paid = (q?.entries ?? []).map((e) => e.finalPrice ?? e.price).filter((p): p is number => p !== null);
    expect(q?.index.min).toBe(Math.min(...paid));
    const top = Math.max(...(q?.entries ?? []).map((e) => e.sales ?? -1));
    expect(q?.bestSeller?.sales).toBe(top);
    // The marketplace's own rank is kept beside the merged one.
    expect(q?.entries.filter((e) => e.source === "tb").map((e) => e.sourceRank)).toEqual([1, 2, 3]);
  });
});
