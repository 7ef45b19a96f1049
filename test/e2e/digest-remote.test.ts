/**
 * The digest's sync section on a remote store (the WooCommerce fake): never synced, fresh after
 * `orders sync`, stale past digest.syncMaxAgeHours, and a failed sync named with its error while
 * the stale finding stays the same finding (reported once).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CALM_HTTP, cli, leakedSecrets, startRemote, writeConfig } from "../helpers/remote.js";

const root = mkdtempSync(join(tmpdir(), "merchops-digest-remote-"));
let close: (() => Promise<void>) | undefined;
afterAll(async () => {
  await close?.();
  rmSync(root, { recursive: true, force: true });
});

interface Finding {
  key: string;
  section: string;
  is_new: boolean;
  kind?: string;
  error?: string;
  age_hours?: number | null;
}

const T = Date.parse("2026-11-25T08:00:00+08:00");
const at = (hours: number) => new Date(T + hours * 3_600_000).toISOString();

describe("digest: orders sync of a remote store", () => {
  it("never, fresh, stale, then failed: each reported once", { timeout: 300_000 }, async () => {
    const f = await startRemote("woocommerce", { seed: 3 });
    close = () => f.close();
    f.seedOrders(50);
    const dir = mkdtempSync(join(root, "wc-"));
    writeConfig(dir, { shop: f.store(CALM_HTTP) }, { digest: { syncMaxAgeHours: 24 } });
    const digest = async (hours: number) => {
      const r = await cli(["digest", "--store", "shop", "--json", "--now", at(hours)], { cwd: dir, env: f.env });
      const json = JSON.parse(r.stdout) as { stores: { findings: Finding[]; sections: { section: string; status: string }[] }[] };
      return { exitCode: r.exitCode, r, sync: json.stores[0]?.findings.filter((x) => x.section === "sync") ?? [], json };
    };

    const never = await digest(0);
    expect(never.exitCode).toBe(4);
    expect(never.sync).toMatchObject([{ kind: "never", is_new: true, age_hours: null }]);

    const synced = await cli(["orders", "sync", "--store", "shop", "--quiet", "--now", at(1)], { cwd: dir, env: f.env });
    expect(synced.exitCode).toBe(0);
    const fresh = await digest(3);
    expect(fresh.sync).toEqual([]);
    expect(fresh.json.stores[0]?.sections.find((s) => s.section === "sync")?.status).toBe("ok");

    const stale = await digest(30);
    expect(stale.sync).toMatchObject([{ kind: "stale", is_new: true, age_hours: 29 }]);

    f.breakResponses("json");
    const failedSync = await cli(["orders", "sync", "--store", "shop", "--quiet", "--now", at(31)], { cwd: dir, env: f.env });
    expect(failedSync.exitCode).toBe(5);
    const failed = await digest(32);
    expect(failed.sync).toMatchObject([{ kind: "failed", is_new: false, error: expect.stringMatching(/malformed JSON/) }]);
    expect(leakedSecrets([never.r, stale.r, failed.r, synced, failedSync], dir, f.secrets())).toEqual([]);
  });
});
