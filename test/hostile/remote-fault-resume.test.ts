/**
 * Hostile class: a remote fault mid-run (helper H, item 3). An orders sync whose connection is reset
 * on every answer from the 8th orders page on (counted, not timed) gives up after its bounded retries
 * with exit 5 and one readable error line; what it stored before stays, and the KPI report built on it
 * says the last sync did not complete; once the fault passes, the next sync reads only the rest and the
 * report says the data is complete. No secret is printed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, leakedSecrets, queryCount, type RemoteFake, startRemote, statePath, writeConfig } from "../helpers/remote.js";

const ORDERS = 1_200; // 12 pages of 100; the sync stores in batches of 500
const root = mkdtempSync(join(tmpdir(), "merchops-fault-resume-"));
const fakes: RemoteFake[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  rmSync(root, { recursive: true, force: true });
});

interface KpiJson {
  data_source: { note: string; sync_completed_at: string | null };
}

describe("orders sync: a fault mid-run, then a resume", () => {
  it("exit 5 with what was stored kept, the KPI report says partial; the next sync completes from there", {
    timeout: 240_000,
  }, async () => {
    const f = await startRemote("woocommerce", { seed: 11 });
    fakes.push(f);
    // Orders never paid (pending payment) are seeded but not stored: ids are those a sync stores.
    const ids = f.seedOrders(ORDERS);
    const dir = mkdtempSync(join(root, "woo-"));
    writeConfig(dir, { shop: f.store({ timeoutMs: 5_000, retries: 2, backoffBaseMs: 1, backoffCapMs: 5 }) });
    const db = statePath(dir);
    const stored = () => queryCount(db, "SELECT COUNT(*) FROM orders WHERE store = 'shop'");
    const sync = ["orders", "sync", "--store", "shop", "--json"];
    const kpi = ["kpi", "report", "--store", "shop", "--period", "2026-09-01..2026-09-30", "--compare", "none", "--json"];

    f.server.setWireFault({ kind: "resetMidBody", path: /\/wc\/v3\/orders$/, skip: 7 });
    const broken = await cli(sync, { cwd: dir, env: f.env });
    expect(broken.exitCode, broken.stderr).toBe(5);
    const errors = broken.stderr.split("\n").filter((l) => l.startsWith("error"));
    expect(errors).toEqual([expect.stringMatching(/^error: \[woocommerce:shop\] unreachable after 3 attempts: connection dropped/)]);
    const before = stored();
    expect(before).toBe(500);

    const partial = await cli(kpi, { cwd: dir, env: f.env });
    expect(partial.exitCode, partial.stderr).toBe(0);
    const partialReport = JSON.parse(partial.stdout) as KpiJson;
    expect(partialReport.data_source.sync_completed_at).toBeNull();
    expect(partialReport.data_source.note).toMatch(
      /did not complete: orders and refunds up to its last stored batch; run orders sync again/,
    );

    f.server.setWireFault(undefined);
    const resumed = await cli(sync, { cwd: dir, env: f.env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ created: ids.length - before, stored_total: ids.length });
    expect(stored()).toBe(ids.length);

    const complete = JSON.parse((await cli(kpi, { cwd: dir, env: f.env })).stdout) as KpiJson;
    expect(complete.data_source.sync_completed_at).not.toBeNull();
    expect(leakedSecrets([broken, partial, resumed], dir, f.secrets())).toEqual([]);
  });
});

describe("a refused credential names where it comes from", () => {
  it.each(["woocommerce", "shopify"] as const)(
    "%s: a wrong credential (401) exits 5 naming the settings and variables, never the value",
    { timeout: 120_000 },
    async (platform) => {
      const f = await startRemote(platform, { wrongCredential: true });
      fakes.push(f);
      const dir = mkdtempSync(join(root, `auth-${platform}-`));
      writeConfig(dir, { shop: f.store({ timeoutMs: 5_000, retries: 1, backoffBaseMs: 1, backoffCapMs: 5 }) });
      const r = await cli(["orders", "sync", "--store", "shop"], { cwd: dir, env: f.env });
      expect(r.exitCode, r.stderr).toBe(5);
      const refs = Object.keys(f.env).map((name) => `env:${name}`);
      const line = r.stderr.split("\n").find((l) => l.includes("the credential comes from"));
      expect(line, r.stderr).toMatch(/^ {2}→ the credential comes from stores\.shop\.\w+ = env:E2E_/);
      for (const ref of refs) expect(line).toContain(ref);
      expect(leakedSecrets([r], dir, f.secrets())).toEqual([]);
    },
  );
});
