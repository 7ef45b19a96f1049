/**
 * SIGTERM (as cron's timeout or systemd sends it) in the middle of an orders sync against the
 * WooCommerce fake: the run stops on the signal with exit 130, its stored batches and bookmark
 * consistent, its lock released (a second run is not told "locked"), and the next sync reads only
 * the rest. Where the signal lands is counted (the fake holds requests from the 13th on), never timed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CALM_HTTP, cli, queryCount, type RemoteFake, spawnCli, startRemote, statePath, writeConfig } from "../helpers/remote.js";

const ORDERS = 2_000;
const STORE_BATCH = 500;
const root = mkdtempSync(join(tmpdir(), "merchops-hostile-signals-"));
const fakes: RemoteFake[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  rmSync(root, { recursive: true, force: true });
});

describe("SIGTERM mid-sync", () => {
  it("exit 130, lock released, state consistent; the next sync reads the rest only", { timeout: 180_000 }, async () => {
    const f = await startRemote("woocommerce", { seed: 11 });
    fakes.push(f);
    const ids = f.seedOrders(ORDERS);
    const dir = mkdtempSync(join(root, "sync-"));
    writeConfig(dir, { shop: f.store(CALM_HTTP) });
    const db = statePath(dir);
    const stored = () => queryCount(db, "SELECT COUNT(*) FROM orders WHERE store = 'shop'");
    const args = ["orders", "sync", "--store", "shop", "--json"];

    const stalled = f.server.holdWhen(() => f.server.log.length >= 13);
    const child = spawnCli(args, { cwd: dir, env: f.env });
    const release = await Promise.race([stalled, child.then(() => undefined)]);
    expect(release, "the sync finished before the fake held it").toBeDefined();
    // Waits for the child's state (a stored batch), not for time: the fake holds it meanwhile.
    while (stored() < STORE_BATCH && child.exitCode === null) await new Promise((r) => setTimeout(r, 15));
    child.kill("SIGTERM");
    // The held request is answered as usual: the run decides what to do with it after the signal.
    release?.({ drop: false });
    const r = await child;
    expect(r.exitCode, String(r.stderr)).toBe(130);
    expect(String(r.stderr)).not.toMatch(/internal error|at \w+ \(/);
    const before = stored();
    expect(before).toBeGreaterThanOrEqual(STORE_BATCH);
    expect(before).toBeLessThan(ids.length);
    expect(queryCount(db, "SELECT COUNT(*) FROM locks")).toBe(0);

    const again = await cli(args, { cwd: dir, env: f.env });
    expect(again.exitCode, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout) as { created: number; stored_total: number };
    // Orders never paid (pending payment) are seeded but not stored: ids are those a sync stores.
    expect(report.stored_total).toBe(ids.length);
    expect(report.created).toBe(ids.length - before);
    expect(queryCount(db, "SELECT COUNT(DISTINCT id) FROM orders WHERE store = 'shop'")).toBe(ids.length);
  });
});
