/**
 * Crash safety of the built CLI against each fake platform: a catalog import of 1,000 products x 3
 * variants in batches of 100, under the issue's faults, SIGKILLed once the fake holds a good third of
 * them, then run again with --resume, must leave the fake exactly as the input (nothing lost, nothing
 * duplicated, the journaled products skipped); an orders sync of 4,000 orders (dozens of pages)
 * SIGKILLed after a few pages must resume from its bookmark and store only the rest. Where the child
 * dies is a counted event, not a timer: the fake holds every request from that point (killMidway),
 * so a slow or fast machine kills at the same place. The kill is the real thing (no cleanup runs).
 * The figures at the issue's full volume (2,000 x 3, 20,000 orders) are bench/'s job.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeNativeCatalogCsv } from "../../scripts/lib/catalog-bench-data.js";
import {
  CALM_HTTP,
  cli,
  expectedCatalog,
  FAULT_HTTP,
  faultMix,
  killMidway,
  leakedSecrets,
  queryCount,
  REMOTE_PLATFORMS,
  type RemoteFake,
  readState,
  type ShopProduct,
  startRemote,
  statePath,
  writeConfig,
} from "../helpers/remote.js";

const PRODUCTS = 1_000;
const VARIANTS = PRODUCTS * 3;
const ORDERS = 4_000;
const BATCH = 100;
/**
 * The request at which the fake holds an orders sync, counted from a whole sync of ORDERS with these
 * fakes (80 requests on WooCommerce with its refunds, 70 on Youzan, 500 on Shopify): late enough that
 * one of the sync's store batches (500 orders) is in (Youzan reads a time window whole before it
 * yields, hence later), early enough that most is still to come.
 */
const SYNC_STALL_AT: Record<(typeof REMOTE_PLATFORMS)[number], number> = { woocommerce: 26, youzan: 40, shopify: 166 };
const SYNC_STORE_BATCH = 500;
const FAULTS = faultMix(29);

const root = mkdtempSync(join(tmpdir(), "merchops-resume-"));
const csv = join(root, "catalog.csv");
let expected: ShopProduct[];
const fakes: RemoteFake[] = [];

beforeAll(async () => {
  await writeNativeCatalogCsv(csv, VARIANTS, 20260602);
  expected = expectedCatalog(csv);
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  rmSync(root, { recursive: true, force: true });
});

async function remote(platform: (typeof REMOTE_PLATFORMS)[number], opts: Parameters<typeof startRemote>[1] = {}) {
  const f = await startRemote(platform, opts);
  fakes.push(f);
  return f;
}

const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("error"));

describe.each(REMOTE_PLATFORMS)("%s", (platform) => {
  // The timeouts are hang guards only: nothing below waits for a clock.
  it("a catalog import SIGKILLed midway and run again with --resume leaves the fake exactly as the input", {
    timeout: 300_000,
  }, async () => {
    expect(expected.length).toBe(PRODUCTS);
    const f = await remote(platform, { faults: FAULTS });
    const dir = mkdtempSync(join(root, `import-${platform}-`));
    writeConfig(dir, { shop: f.store(FAULT_HTTP) }, { catalog: { batchSize: BATCH } });
    const db = statePath(dir);
    const journaled = () => queryCount(db, "SELECT COUNT(*) FROM import_items");
    const args = ["catalog", "import", csv, "--store", "shop", "--json", "--verbose"];

    // Killed once the store holds a good third of the products: whatever the journal says by then.
    const third = Math.ceil(PRODUCTS / 3);
    const stall = { fake: f.server, when: () => f.productCount() >= third };
    const killed = await killMidway(args, { cwd: dir, env: f.env }, stall, () => f.productCount(), third);
    expect(killed.killed).toBe(true);
    const heldAtKill = f.productCount();
    expect(heldAtKill).toBeLessThan(PRODUCTS);
    const skipped = journaled();
    expect(skipped).toBeLessThan(PRODUCTS);
    expect(queryCount(db, "SELECT COUNT(*) FROM import_runs WHERE status = 'running'")).toBe(1);
    // Batches of catalog.batchSize are journaled as they finish, so most of what the store holds is on record.
    expect
      .soft(skipped, `journal rows when killed with ${heldAtKill} products in the store (catalog.batchSize ${BATCH})`)
      .toBeGreaterThanOrEqual(heldAtKill - 2 * BATCH);

    const resumed = await cli([...args, "--resume"], { cwd: dir, env: f.env });
    expect(errorLines(resumed.stderr)).toEqual([]);
    expect(resumed.exitCode).toBe(0);
    const report = JSON.parse(resumed.stdout) as {
      applied: boolean;
      resumed_run: number | null;
      resumed_skipped: number;
      products: Record<string, number>;
    };
    expect(report.applied).toBe(true);
    expect(report.resumed_run).toBe(1);
    expect(report.resumed_skipped).toBe(skipped);
    // What the killed batch got through is found and finished or left alone, never created twice.
    const { create = 0, update = 0, unchanged = 0, error = -1 } = report.products;
    expect(error).toBe(0);
    expect(create + update + unchanged).toBe(PRODUCTS - skipped);
    expect(create).toBeLessThanOrEqual(PRODUCTS - heldAtKill);
    expect(queryCount(db, "SELECT COUNT(*) FROM import_items")).toBe(PRODUCTS);
    expect(queryCount(db, "SELECT COUNT(*) FROM import_runs WHERE status = 'finished'")).toBe(1);

    const held = f.products();
    expect(held.length).toBe(PRODUCTS);
    expect(new Set(held.flatMap((p) => p.variants.map((v) => v.sku))).size).toBe(VARIANTS);
    expect(held).toEqual(expected);
    expect(leakedSecrets([killed.result, resumed], dir, f.secrets())).toEqual([]);
  });

  it("an orders sync SIGKILLed midway resumes from its bookmark: the rest only, 4,000 in all", { timeout: 180_000 }, async () => {
    const f = await remote(platform, { seed: 8 });
    const ids = f.seedOrders(ORDERS);
    const dir = mkdtempSync(join(root, `sync-${platform}-`));
    writeConfig(dir, { shop: f.store(CALM_HTTP) });
    const db = statePath(dir);
    const stored = () => queryCount(db, "SELECT COUNT(*) FROM orders WHERE store = 'shop'");
    const args = ["orders", "sync", "--store", "shop", "--json", "--verbose"];

    // Held from a counted request on: killed once a store batch of the pages answered before it is in.
    const stall = { fake: f.server, when: () => f.server.log.length >= SYNC_STALL_AT[platform] };
    const killed = await killMidway(args, { cwd: dir, env: f.env }, stall, stored, SYNC_STORE_BATCH);
    expect(killed.killed).toBe(true);
    const before = killed.progressAfter;
    expect(before).toBeGreaterThanOrEqual(SYNC_STORE_BATCH);
    expect(before).toBeLessThan(ids.length);
    const bookmark = readState(
      db,
      (d) => d.prepare("SELECT value FROM sync_bookmarks WHERE store = 'shop' AND stream = 'orders'").pluck().get() as string | undefined,
      undefined,
    );
    expect(bookmark).toBeDefined();
    const savedAt = (JSON.parse(bookmark as string) as { at: string }).at;

    const resumed = await cli(args, { cwd: dir, env: f.env });
    expect(errorLines(resumed.stderr)).toEqual([]);
    expect(resumed.exitCode).toBe(0);
    const report = JSON.parse(resumed.stdout) as Record<string, unknown>;
    // Nothing the killed run stored is read again, and nothing it did not store is skipped.
    // (The JSON says the instant to the second, with the store's offset.)
    expect(Date.parse(String(report.from))).toBe(Math.floor(Date.parse(savedAt) / 1000) * 1000);
    // Orders never paid are seeded but not stored: the ids are those a sync stores.
    expect(report, `resumed after ${before} of ${ids.length} orders were stored`).toMatchObject({
      created: ids.length - before,
      updated: 0,
      fetched: ids.length - before,
      stored_total: ids.length,
    });

    const all = readState(db, (d) => d.prepare("SELECT id FROM orders WHERE store = 'shop'").pluck().all() as string[], []);
    expect(all.length).toBe(ids.length);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(leakedSecrets([killed.result, resumed], dir, f.secrets())).toEqual([]);
  });
});
