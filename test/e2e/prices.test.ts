/**
 * `merchops prices snapshot|report` as cron runs them: the built binary against fake storefronts on
 * 127.0.0.1, asserting stdout, stderr and exit codes (0, 2 for a private address without
 * --allow-private, 5 for a partial snapshot), and the report in table, json, xlsx and html.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStorefront, startShopifyStorefront, startWooStorefront } from "../fakes/storefronts.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { expectContract } from "../helpers/schemas.js";

const tmp = tempDir("merchops-prices-e2e-");
let shop: FakeStorefront;
let woo: FakeStorefront;

beforeAll(async () => {
  [shop, woo] = await Promise.all([startShopifyStorefront(), startWooStorefront()]);
  writeFileSync(
    join(tmp.dir, "merchops.config.yaml"),
    `prices:
  delayMs: 0
  mapping: { 跑步鞋: RN001 }
  sources:
    rival: { type: shopify, url: "${shop.url}", currency: CNY }
    woo: { type: woocommerce, url: "${woo.url}", retries: 0 }
`,
  );
});
afterAll(async () => {
  await Promise.all([shop.close(), woo.close()]);
  tmp.cleanup();
});

const cli = (args: string[], now = "2026-11-16T06:00:00+08:00") => runCli(args, { cwd: tmp.dir, env: { MERCHOPS_NOW: now } });

interface SnapshotJson {
  partial: boolean;
  snapshots: { query: string; entries: { source: string; price: number }[]; failures: { source: string }[] }[];
}

describe("prices (built binary)", () => {
  it("refuses the 127.0.0.1 storefronts without --allow-private: exit 2, nothing fetched", async () => {
    const before = shop.log.length + woo.log.length;
    const r = await cli(["prices", "snapshot", "--query", "连衣裙", "--json"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(r.stderr).toMatch(/--allow-private/);
    expect(shop.log.length + woo.log.length).toBe(before);
  });

  it("snapshots three queries with --allow-private (exit 0), then a week later the report shows the change", async () => {
    const first = await cli([
      "prices",
      "snapshot",
      "--query",
      "连衣裙",
      "--query",
      "跑步鞋",
      "--query",
      "羽绒服",
      "--allow-private",
      "--json",
    ]);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.exitCode).toBe(0);
    const json = expectContract<SnapshotJson>("prices-snapshot", first.stdout);
    expect(json.partial).toBe(false);
    expect(json.snapshots.map((s) => [s.query, s.entries.length])).toEqual([
      ["连衣裙", 10],
      ["跑步鞋", 10],
      ["羽绒服", 10],
    ]);

    const shoe = shop.products.filter((p) => p.title.includes("跑步鞋"))[0];
    if (!shoe) throw new Error("no shoe");
    const was = shoe.price;
    shoe.price = was - 5000;
    const second = await cli(["prices", "snapshot", "--query", "跑步鞋", "--allow-private", "--wide"], "2026-11-23T06:00:00+08:00");
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain("Competitor price snapshot");
    expect(second.stdout).toContain(shoe.title);

    const report = await cli(["prices", "report", "--query", "跑步鞋", "--json"], "2026-11-23T07:00:00+08:00");
    expect(report.exitCode).toBe(0);
    const r = expectContract<{
      queries: { ours: { handle: string; by: string }; changes: { kind: string; title: string; before: number; after: number }[] }[];
    }>("prices-report", report.stdout);
    expect(r.queries[0]?.ours).toMatchObject({ handle: "RN001", by: "mapping" });
    expect(r.queries[0]?.changes.map((c) => [c.kind, c.title, c.before, c.after])).toEqual([["price_down", shoe.title, was, was - 5000]]);

    const table = await cli(["prices", "report", "--wide"], "2026-11-23T07:00:00+08:00");
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/Where our prices stand/);
    expect(table.stdout).toMatch(/price down/);

    const html = await cli(["prices", "report", "--format", "html", "--out", "prices.html"], "2026-11-23T07:00:00+08:00");
    expect(html.exitCode).toBe(0);
    const page = readFileSync(join(tmp.dir, "prices.html"), "utf8");
    expect(page).toContain("Price history: 跑步鞋");
    expect(page).toMatch(/<svg[^>]*role="img"/);

    const xlsx = await cli(["prices", "report", "--out", "prices.xlsx"], "2026-11-23T07:00:00+08:00");
    expect(xlsx.exitCode).toBe(0);
    expect(existsSync(join(tmp.dir, "prices.xlsx"))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, "prices.xlsx"));
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(3);
  });

  it("one failing source: the partial snapshot is printed and stored, exit 5", async () => {
    woo.mode = "down";
    try {
      const r = await cli(["prices", "snapshot", "--query", "连衣裙", "--allow-private", "--json"], "2026-11-30T06:00:00+08:00");
      expect(r.exitCode).toBe(5);
      const json = JSON.parse(r.stdout) as SnapshotJson;
      expect(json.partial).toBe(true);
      expect(json.snapshots[0]?.failures.map((f) => f.source)).toEqual(["woo"]);
      expect(json.snapshots[0]?.entries.length).toBe(10);
      expect(new Set(json.snapshots[0]?.entries.map((e) => e.source))).toEqual(new Set(["rival"]));
      expect(r.stderr).toMatch(/1 of 2 sources failed \(woo\); the snapshot was stored/);
      const report = await cli(["prices", "report", "--query", "连衣裙", "--json"], "2026-11-30T07:00:00+08:00");
      expect(report.exitCode).toBe(0);
      const rep = JSON.parse(report.stdout) as { queries: { snapshots: number; changes: { source: string }[] }[] };
      // History keeps every attempt: the refused one (no offers), the first, and this partial one.
      expect(rep.queries[0]?.snapshots).toBe(3);
      expect(rep.queries[0]?.changes.filter((c) => c.source === "woo")).toEqual([]);
    } finally {
      woo.mode = "ok";
    }
  });

  it("--help shows examples and the exit codes", async () => {
    const r = await cli(["prices", "snapshot", "--help"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/--allow-private/);
    expect(r.stdout).toMatch(/5 at least one source failed/);
  });

  it("without --query: every query under prices.mapping; with no mapping either, exit 2 naming both ways", async () => {
    const mapped = await cli(["prices", "snapshot", "--allow-private", "--source", "rival", "--json"]);
    expect(mapped.exitCode, mapped.stderr).toBe(0);
    expect((JSON.parse(mapped.stdout) as SnapshotJson).snapshots.map((x) => x.query)).toEqual(["跑步鞋"]);

    const bare = tempDir("merchops-prices-nomap-");
    try {
      writeFileSync(join(bare.dir, "merchops.config.yaml"), `prices:\n  sources:\n    rival: { type: shopify, url: "${shop.url}" }\n`);
      const r = await runCli(["prices", "snapshot"], { cwd: bare.dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/--query/);
      expect(r.stderr).toMatch(/prices\.mapping/);
    } finally {
      bare.cleanup();
    }
  });
});
