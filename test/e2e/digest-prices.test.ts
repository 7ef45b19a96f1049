/**
 * The digest's competitor-prices section: two snapshots of a mapped query (fake storefronts on
 * 127.0.0.1) where a competitor drops below everyone — a new cheapest competitor and our rank
 * worse, both from the prices report's own index — reported once.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStorefront, startShopifyStorefront } from "../fakes/storefronts.js";
import { runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir("merchops-digest-prices-");
let shop: FakeStorefront;

beforeAll(async () => {
  shop = await startShopifyStorefront();
  writeFileSync(
    join(tmp.dir, "merchops.config.yaml"),
    `prices:\n  delayMs: 0\n  mapping: { 跑步鞋: RN001 }\n  sources:\n    rival: { type: shopify, url: "${shop.url}", currency: CNY }\n`,
  );
});
afterAll(async () => {
  await shop.close();
  tmp.cleanup();
});

const cli = (args: string[], now: string) => runCli(args, { cwd: tmp.dir, env: { MERCHOPS_NOW: now } });

interface Finding {
  section: string;
  kind?: string;
  is_new: boolean;
  competitor?: string;
  rank_before?: number;
  rank_after?: number;
  text: string;
}

describe("digest: competitor prices", () => {
  it("a new cheapest competitor and our rank worse, reported once", async () => {
    const snap = (now: string) => cli(["prices", "snapshot", "--query", "跑步鞋", "--allow-private", "--quiet"], now);
    expect((await snap("2026-11-16T06:00:00+08:00")).exitCode).toBe(0);
    const shoes = shop.products.filter((p) => p.title.includes("跑步鞋")).sort((a, b) => b.price - a.price);
    const dearest = shoes[0];
    if (!dearest) throw new Error("no shoe");
    dearest.price = 100; // ¥1.00: below every offer and below ours
    expect((await snap("2026-11-23T06:00:00+08:00")).exitCode).toBe(0);

    const first = await cli(["digest", "--json"], "2026-11-23T09:00:00+08:00");
    const prices = (JSON.parse(first.stdout) as { stores: { findings: Finding[] }[] }).stores[0]?.findings.filter(
      (f) => f.section === "prices",
    );
    expect(prices?.map((f) => f.kind).sort()).toEqual(["new_cheapest", "rank_worse"]);
    const cheapest = prices?.find((f) => f.kind === "new_cheapest");
    expect(cheapest?.text).toMatch(/new cheapest competitor .* at ¥1\.00/);
    const rank = prices?.find((f) => f.kind === "rank_worse");
    expect((rank?.rank_after ?? 0) > (rank?.rank_before ?? 0)).toBe(true);

    const again = await cli(["digest", "--json"], "2026-11-23T10:00:00+08:00");
    const later = (JSON.parse(again.stdout) as { stores: { findings: Finding[] }[] }).stores[0]?.findings.filter(
      (f) => f.section === "prices",
    );
    expect(later?.every((f) => !f.is_new)).toBe(true);
  });
});
