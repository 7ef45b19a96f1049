/**
 * The digest's pure parts: shortening a message to a channel's limit (never refusing it), the
 * findings built from report results (sync staleness, price changes), the digest memory and the
 * config rules for notify: (webhook URLs only as env references).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { markdownMessage } from "../../../../src/adapters/notify/render.js";
import { loadConfig } from "../../../../src/config/load.js";
import { type PricedQuery, priceFindings, syncFinding } from "../../../../src/core/digest/findings.js";
import { type DigestMessage, fitMessage, topLines, utf8Bytes } from "../../../../src/core/digest/message.js";
import { ConfigError } from "../../../../src/core/errors.js";
import type { PriceIndex } from "../../../../src/core/pricing/snapshot.js";
import { DigestMemory, SyncRuns } from "../../../../src/store/digest-memory.js";
import { StateStore } from "../../../../src/store/state-store.js";

const msg = (n: number): DigestMessage => ({
  title: "merchops 日报 2026-11-24（demo）：有新问题",
  allClear: false,
  counts: [{ label: "项退货问题", count: n }],
  lines: Array.from({ length: n }, (_, i) => ({ text: `第 ${i + 1} 项：连衣裙退货率 30.3%，高于 15%`, section: "returns", store: "demo" })),
  more: 0,
  stillOpen: 0,
  report: { url: "https://reports.example.com/digest/index.html" },
});

describe("fitMessage", () => {
  const render = (m: DigestMessage) => markdownMessage(m, "zh");

  it("keeps a message that fits as it is", () => {
    const r = fitMessage(msg(3), render, utf8Bytes, 4096);
    expect(r.shortened).toBe(false);
    expect(r.message.lines).toHaveLength(3);
  });

  it("drops items from the end, counting them, until it fits; the report link stays", () => {
    const r = fitMessage(msg(200), render, utf8Bytes, 4096);
    expect(r.shortened).toBe(true);
    expect(utf8Bytes(r.rendered)).toBeLessThanOrEqual(4096);
    expect(r.message.lines.length + r.message.more).toBe(200);
    expect(r.rendered).toContain("https://reports.example.com/digest/index.html");
    expect(r.rendered).toContain(`另有 ${r.message.more} 项未列出`);
  });

  it("measures bytes, not characters: Chinese text is three bytes a character", () => {
    const r = fitMessage(msg(200), render, utf8Bytes, 1000);
    expect(utf8Bytes(r.rendered)).toBeLessThanOrEqual(1000);
    expect([...r.rendered].length).toBeLessThan(1000);
  });

  it("never refuses: a limit too small for any item still sends the title and the link", () => {
    const r = fitMessage(msg(5), render, utf8Bytes, 150);
    expect(r.message.lines).toHaveLength(0);
    expect(r.rendered).toContain("https://reports.example.com/digest/index.html");
  });

  it("topLines keeps five and counts the rest", () => {
    const t = topLines(msg(8));
    expect(t.lines).toHaveLength(5);
    expect(t.more).toBe(3);
  });
});

describe("syncFinding", () => {
  const now = new Date("2026-11-25T08:00:00Z");
  const h = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

  it("fresh: no finding", () => {
    expect(syncFinding("shop", { lastSuccessAt: h(2), lastFailureAt: null, lastError: null }, now, 24)).toBeNull();
  });

  it("stale: older than the limit, keyed by the last success so it is new once per stretch", () => {
    const f = syncFinding("shop", { lastSuccessAt: h(30), lastFailureAt: null, lastError: null }, now, 24);
    expect(f).toMatchObject({ kind: "stale", ageHours: 30, key: `sync:orders:stale-since:${h(30).toISOString()}` });
  });

  it("failed since the last success: the error is kept", () => {
    const f = syncFinding("shop", { lastSuccessAt: h(30), lastFailureAt: h(1), lastError: "[shopify:shop] 401" }, now, 24);
    expect(f).toMatchObject({ kind: "failed", error: "[shopify:shop] 401" });
  });

  it("never synced: a finding, with n/a age (never 0)", () => {
    expect(syncFinding("shop", null, now, 24)).toMatchObject({ kind: "never", ageHours: null, lastSuccessAt: null });
  });
});

describe("priceFindings", () => {
  const index = (ourRank: number | null, cheapest: string | null, min: number | null): PriceIndex => ({
    offers: 5,
    min,
    median: 10000,
    max: 20000,
    indexVsMedian: null,
    indexVsMin: null,
    gapToMin: null,
    ourRank,
    cheapest: cheapest ? { competitor: cheapest, title: `${cheapest} dress` } : null,
    excluded: { outOfStock: 0, noPrice: 0, otherCurrency: 0 },
  });
  const q = (before: PriceIndex | null, now: PriceIndex, product: string | null = "Knit dress"): PricedQuery => ({
    query: "连衣裙",
    product,
    currency: "CNY",
    latest: { id: 7, takenAt: "2026-11-24T02:00:00.000Z" },
    baselineIndex: before,
    index: now,
    cheapestPrice: now.min,
  });

  it("a new cheapest competitor and a worse rank are two findings, keyed by the snapshot", () => {
    const f = priceFindings("demo", [q(index(1, "rival", 9900), index(3, "newshop", 8900))]);
    expect(f.map((x) => x.kind)).toEqual(["new_cheapest", "rank_worse"]);
    expect(f[0]).toMatchObject({ competitor: "newshop", price: 8900, key: "prices:连衣裙:new_cheapest:7" });
    expect(f[1]).toMatchObject({ rankBefore: 1, rankAfter: 3 });
  });

  it("nothing on the first snapshot, for unmatched queries, or when nothing changed", () => {
    expect(priceFindings("demo", [q(null, index(3, "x", 1))])).toEqual([]);
    expect(priceFindings("demo", [q(index(1, "a", 1), index(3, "b", 1), null)])).toEqual([]);
    expect(priceFindings("demo", [q(index(2, "a", 1), index(2, "a", 1))])).toEqual([]);
  });
});

describe("state: digest memory and sync runs", () => {
  it("a finding is new until a digest remembers it; sync runs keep success and failure apart", async () => {
    const state = StateStore.openSqlite(":memory:");
    const memory = new DigestMemory(state, "shop");
    expect((await memory.reported(["kpi:roas:2026-11-24..2026-11-24"])).size).toBe(0);
    await memory.remember([{ key: "kpi:roas:2026-11-24..2026-11-24", section: "kpi" }], new Date("2026-11-25T01:00:00Z"));
    expect([...(await memory.reported(["kpi:roas:2026-11-24..2026-11-24", "kpi:csat:2026-11-24..2026-11-24"]))]).toEqual([
      "kpi:roas:2026-11-24..2026-11-24",
    ]);
    expect((await new DigestMemory(state, "other").reported(["kpi:roas:2026-11-24..2026-11-24"])).size).toBe(0);
    // Resolved (absent from a digest whose section ran): forgotten, so a recurrence is new again.
    await memory.remember([{ key: "returns:high_return_rate:sku:A", section: "returns" }], new Date("2026-11-25T01:00:00Z"));
    expect(await memory.forgetResolved(["kpi"], [])).toBe(1);
    expect((await memory.reported(["kpi:roas:2026-11-24..2026-11-24", "returns:high_return_rate:sku:A"])).size).toBe(1);
    const runs = new SyncRuns(state);
    await runs.succeeded("shop", "orders", new Date("2026-11-24T00:00:00Z"));
    await runs.failed("shop", "orders", new Date("2026-11-25T00:00:00Z"), "boom");
    expect(await runs.get("shop", "orders")).toEqual({
      lastSuccessAt: new Date("2026-11-24T00:00:00Z"),
      lastFailureAt: new Date("2026-11-25T00:00:00Z"),
      lastError: "boom",
      runStartedAt: null,
      runCompletedAt: new Date("2026-11-24T00:00:00Z"),
    });
    state.close();
  });
});

describe("notify: config", () => {
  const root = mkdtempSync(join(tmpdir(), "merchops-notify-config-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const load = (text: string) => {
    const dir = join(root, `c${++n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "merchops.config.yaml"), text);
    return loadConfig({ cwd: dir });
  };
  const refusal = (text: string): ConfigError => {
    try {
      load(text);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return e as ConfigError;
    }
    throw new Error("expected a ConfigError");
  };

  it("accepts channels with env references and groups", () => {
    const l = load(`notify:
  reportUrl: https://reports.example.com/merchops
  channels:
    w: { type: wecom, key: env:WECOM_KEY }
    d: { type: dingtalk, accessToken: env:DING_TOKEN, secret: env:DING_SECRET, keyword: 日报 }
    f: { type: feishu, webhook: env:FEISHU_HOOK }
    s: { type: slack, webhook: env:SLACK_HOOK }
    m: { type: email, host: smtp.example.com, user: ops, password: env:SMTP_PASSWORD, from: a@example.com, to: [b@example.com] }
  groups:
    team: [w, d, f, s, m]
`);
    expect(Object.keys(l.config.notify?.channels ?? {})).toEqual(["w", "d", "f", "s", "m"]);
  });

  it.each([
    ["a Slack webhook URL", "s: { type: slack, webhook: https://hooks.slack.com/services/T1/B2/tok3n }", "tok3n"],
    ["a WeCom key", "w: { type: wecom, key: 693a91f6-7xxx }", "693a91f6-7xxx"],
    ["a DingTalk token", "d: { type: dingtalk, accessToken: abcdef123456 }", "abcdef123456"],
    [
      "a token in an endpoint",
      "w: { type: wecom, key: env:K, endpoint: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=zz9zz }",
      "zz9zz",
    ],
  ])("refuses %s written in the file, without echoing it", (_what, line, secret) => {
    const e = refusal(`notify:\n  channels:\n    ${line}\n`);
    expect(e.message).toMatch(/env:NAME/);
    expect(`${e.message} ${e.hint}`).not.toContain(secret);
  });

  it("an unknown channel type names the key", () => {
    const e = refusal("notify:\n  channels:\n    x: { type: teams, webhook: env:X }\n");
    expect(e.message).toMatch(/notify\.channels\.x/);
  });
});
