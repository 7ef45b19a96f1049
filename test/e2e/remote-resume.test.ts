/**
 * Crash safety of the built CLI against each fake platform: a catalog import of 2,000 products x 3
 * variants, under the faults, SIGKILLed once the journal in the state store shows a few
 * batches applied, then run again with --resume, must leave the fake exactly as the input (nothing
 * lost, nothing duplicated, the journaled products skipped); an orders sync of 20,000 orders
 * SIGKILLed midway must resume from its bookmark and store only the rest. Progress is read from
 * the child's state store (read-only) while it runs; the kill is the real thing (no cleanup runs).
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

const PRODUCTS = 2_000;
const VARIANTS = PRODUCTS * 3;
const ORDERS = 20_000;
const BATCH = 200;
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
  it("a catalog import SIGKILLed midway and run again with --resume leaves the fake exactly as the input", {
    timeout: 150_000,
  }, async () => {
    expect(expected.length).toBe(PRODUCTS);
    const f = await remote(platform, { faults: FAULTS });
    const dir = mkdtempSync(join(root, `import-${platform}-`));
    writeConfig(dir, { shop: f.store(FAULT_HTTP) }, { catalog: { batchSize: BATCH } });
    const db = statePath(dir);
    const journaled = () => queryCount(db, "SELECT COUNT(*) FROM import_items");
    const args = ["catalog", "import", csv, "--store", "shop", "--json", "--verbose"];

    // Killed once the store holds a good third of the products: whatever the journal says by then.
    const killed = await killMidway(args, { cwd: dir, env: f.env }, () => f.productCount(), 700);
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

  it("an orders sync SIGKILLed midway resumes from its bookmark: the rest only, 20,000 in all", { timeout: 300_000 }, async () => {
    const f = await remote(platform, { seed: 8 });
    const ids = f.seedOrders(ORDERS);
    const dir = mkdtempSync(join(root, `sync-${platform}-`));
    writeConfig(dir, { shop: f.store(CALM_HTTP) });
    const db = statePath(dir);
    const stored = () => queryCount(db, "SELECT COUNT(*) FROM orders WHERE store = 'shop'");
    const args = ["orders", "sync", "--store", "shop", "--json", "--verbose"];

    const killed = await killMidway(args, { cwd: dir, env: f.env }, stored, 1_000);
    expect(killed.killed).toBe(true);
    const before = killed.progressAfter;
    expect(before).toBeGreaterThanOrEqual(1_000);
    expect(before).toBeLessThan(ORDERS);
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
    expect(report, `resumed after ${before} of ${ORDERS} orders were stored`).toMatchObject({
      from: savedAt,
      created: ORDERS - before,
      updated: 0,
      fetched: ORDERS - before,
      stored_total: ORDERS,
    });

    const all = readState(db, (d) => d.prepare("SELECT id FROM orders WHERE store = 'shop'").pluck().all() as string[], []);
    expect(all.length).toBe(ORDERS);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(leakedSecrets([killed.result, resumed], dir, f.secrets())).toEqual([]);
  });
});
