/**
 * A courier service stuck on one number (helper F, round 3): `shipments sync` of 50 open parcels
 * against the Kuaidi100 fake, which accepts the query for one of them and never answers. The other
 * 49 are tracked and stored, the stuck one is named (failed table and the exit-5 line), and the run
 * does not stop at it. Counted by the fake's queries; the per-request timeout is short.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseStateLocation } from "../../src/store/location.js";
import { ShipmentsData } from "../../src/store/shipments-data.js";
import { StateStore } from "../../src/store/state-store.js";
import { startFakeKuaidi100 } from "../fakes/kuaidi100.js";
import { cli, queryCount, statePath, writeConfig } from "../helpers/remote.js";

const root = mkdtempSync(join(tmpdir(), "merchops-faults-shipments-"));
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
  rmSync(root, { recursive: true, force: true });
});

describe("shipments sync: the courier service times out for 1 of 50 numbers", () => {
  it("49 tracked and stored, the one named, exit 5; each number asked once", { timeout: 120_000 }, async () => {
    const kd = await startFakeKuaidi100();
    closers.push(() => kd.close());
    const numbers = kd.seedShipments(50, "YT");
    const stuck = numbers[17] as string;
    kd.stall(stuck);
    const dir = mkdtempSync(join(root, "kd-"));
    mkdirSync(join(dir, ".merchops"));
    const state = await StateStore.open(parseStateLocation(statePath(dir), dir));
    await new ShipmentsData(state, "shop").upsert(
      numbers.map((n, i) => ({ trackingNumber: n, courier: "yto", orderId: `o${i}`, status: "in_transit" as const })),
      new Date("2026-03-01T00:00:00Z"),
    );
    await state.close();
    writeConfig(
      dir,
      { shop: { platform: "local" } },
      {
        couriers: {
          kuaidi100: {
            customer: "env:KD_CUSTOMER",
            key: "env:KD_KEY",
            baseUrl: kd.url,
            http: { timeoutMs: 400, retries: 1, backoffBaseMs: 1, backoffCapMs: 5 },
          },
        },
        shipments: { providers: { default: "kuaidi100" } },
      },
    );
    const r = await cli(["shipments", "sync", "--store", "shop", "--json"], {
      cwd: dir,
      env: { KD_CUSTOMER: kd.customer, KD_KEY: kd.key },
    });
    expect(r.exitCode, r.stderr).toBe(5);
    expect(r.stderr).toContain(
      `error: the courier service did not answer for 1 tracking number (${stuck}); the other 49 were tracked and stored`,
    );
    const json = JSON.parse(r.stdout) as { failed: { tracking_number?: string; trackingNumber?: string; error: string }[] };
    expect(json.failed).toHaveLength(1);
    expect(JSON.stringify(json.failed[0])).toContain(stuck);
    expect(json.failed[0]?.error).toMatch(/no response within 0\.4 s/);
    // Each number asked once: a Kuaidi100 query is a POST it counts, never repeated after a timeout.
    for (const n of numbers) expect(kd.queriesOf(n).length, n).toBe(n === stuck ? 0 : 1);
    expect(kd.stalled).toBe(1);
    const checked = queryCount(statePath(dir), "SELECT COUNT(*) FROM shipments WHERE store = 'shop' AND last_checked_at IS NOT NULL");
    expect(checked).toBe(49);
  });
});
