/**
 * A credential revoked mid-run (helper F, round 3): a WooCommerce REST key deleted in wp-admin (or
 * a rotated secret) while an orders sync is on page 8 of 10. Exit 5 naming the credential's
 * settings and variables (never its value), the batch stored before kept, and once a working key
 * is back the next sync reads only the rest. Counted by the fake's pages, never timed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FakeWoo } from "../fakes/woocommerce.js";
import { cli, leakedSecrets, queryCount, type RemoteFake, startRemote, statePath, writeConfig } from "../helpers/remote.js";

const ORDERS = 1_000; // 10 pages of 100; the sync stores in batches of 500
const root = mkdtempSync(join(tmpdir(), "merchops-faults-credential-"));
const fakes: RemoteFake[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  rmSync(root, { recursive: true, force: true });
});

describe("a key revoked on page 8 of 10", () => {
  it("exit 5 naming the credential, 500 orders kept; with the key back, the next sync reads the other 500", {
    timeout: 180_000,
  }, async () => {
    const f = await startRemote("woocommerce", { seed: 5 });
    fakes.push(f);
    f.seedOrders(ORDERS);
    const woo = f.server as FakeWoo;
    const dir = mkdtempSync(join(root, "woo-"));
    writeConfig(dir, { shop: f.store({ timeoutMs: 5_000, retries: 2, backoffBaseMs: 1, backoffCapMs: 5 }) });
    const stored = () => queryCount(statePath(dir), "SELECT COUNT(*) FROM orders WHERE store = 'shop'");
    const keys = [...woo.state.keys];
    let pages = 0;
    woo.setShapeFault({
      path: /\/wc\/v3\/orders$/,
      rewrite: (body: unknown) => {
        // Page 7 is answered; the key is gone before page 8 arrives.
        if (++pages === 7) woo.state.keys.splice(0);
        return body;
      },
    });
    const broken = await cli(["orders", "sync", "--store", "shop"], { cwd: dir, env: f.env });
    expect(broken.exitCode, broken.stderr).toBe(5);
    expect(broken.stderr).toMatch(/^error: \[woocommerce:shop\] 401 /m);
    expect(broken.stderr).toMatch(/the credential comes from stores\.shop\.\w+ = env:E2E_WC_/);
    expect(pages).toBe(7);
    expect(stored()).toBe(500);

    woo.state.keys.push(...keys);
    woo.setShapeFault(undefined);
    const resumed = await cli(["orders", "sync", "--store", "shop", "--json"], { cwd: dir, env: f.env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ created: 500, stored_total: ORDERS });
    expect(stored()).toBe(ORDERS);
    expect(leakedSecrets([broken, resumed], dir, f.secrets())).toEqual([]);
  });
});
