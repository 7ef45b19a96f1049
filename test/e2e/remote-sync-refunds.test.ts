/**
 * Remote stores through the built CLI, for what a platform's answers and a concurrent sync can do to a
 * report:
 * - an order line without its name (a plugin, a proxy, an API change) fails `orders sync` with exit 5
 *   naming the request and the field, on every platform — never "internal error" (exit 1);
 * - refunds arrive with their orders: `kpi report` on a synced store makes no request to the platform;
 * - a `kpi report` started while an `orders sync` of the same store runs waits for it (ordered by
 *   counted events on the fake, never by timing) and says so; its figures equal a report after the sync.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import {
  CALM_HTTP,
  cli,
  leakedSecrets,
  type RemoteFake,
  type RemotePlatform,
  spawnCli,
  startRemote,
  statePath,
  writeConfig,
} from "../helpers/remote.js";

const root = mkdtempSync(join(tmpdir(), "merchops-sync-refunds-"));
const fakes: RemoteFake[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  rmSync(root, { recursive: true, force: true });
});

async function remote(platform: RemotePlatform): Promise<RemoteFake> {
  const f = await startRemote(platform);
  fakes.push(f);
  return f;
}

function setUp(name: string, f: RemoteFake): string {
  const dir = mkdtempSync(join(root, `${name}-`));
  writeConfig(dir, { shop: f.store({ ...CALM_HTTP, retries: 1 }) });
  return dir;
}

/** Where each platform puts an order line's name, in its list answer, and what the error calls it. */
const LINE_NAME: Record<RemotePlatform, { path: RegExp; field: string; message: RegExp }> = {
  woocommerce: {
    path: /\/wc\/v3\/orders$/,
    field: "[].line_items[].name",
    message: /\[woocommerce:shop\] unexpected response from GET \/orders: line_items\[0\]\.name is missing \(order \d+\)/,
  },
  shopify: {
    path: /graphql\.json$/,
    field: "data.orders.nodes[].lineItems.nodes[].name",
    message: /\[shopify:shop\] unexpected response from Orders: orders\.nodes\[0\]\.lineItems\.nodes\[0\]\.name is missing/,
  },
  youzan: {
    path: /youzan\.trades\.sold\.get/,
    field: "data.full_order_info_list[].full_order_info.orders[].title",
    message: /\[youzan:shop\] unexpected response from youzan\.trades\.sold\.get 4\.0\.0: orders\[0\]\.title is missing \(trade E\w+\)/,
  },
};

describe.each(["woocommerce", "shopify", "youzan"] as const)("%s: an order line without its name", (platform) => {
  it("orders sync exits 5 naming the request and the field, not 'internal error'", async () => {
    const f = await remote(platform);
    f.seedOrders(20);
    const dir = setUp(`noname-${platform}`, f);
    const shape = LINE_NAME[platform];
    f.server.setShapeFault({ path: shape.path, omit: [shape.field] });
    const sync = await cli(["orders", "sync", "--store", "shop", "--verbose"], { cwd: dir, env: f.env });
    expect(sync.exitCode, sync.stderr).toBe(5);
    expect(sync.stderr).toMatch(shape.message);
    expect(sync.stderr).not.toMatch(/internal error|TypeError|Cannot read/);
    expect(leakedSecrets([sync], dir, f.secrets())).toEqual([]);
  });
});

interface KpiJson {
  rows: { id: string; value: number | null; note?: string }[];
  data_source?: { kind: string; waited_for_sync: boolean; sync_completed_at: string | null; note: string };
}

const kpiArgs = ["kpi", "report", "--store", "shop", "--period", "2026-06-01..2026-09-30", "--compare", "none", "--json"];
const rate = (r: KpiJson) => r.rows.find((m) => m.id === "return_rate_units")?.value;

describe.each(["woocommerce", "shopify"] as const)("%s: refunds synced with orders", (platform) => {
  it("kpi report asks the platform nothing; one started during a sync waits for it and says so", { timeout: 300_000 }, async () => {
    const f = await remote(platform);
    f.seedOrders(600);
    const dir = setUp(`refunds-${platform}`, f);

    const first = await cli(["orders", "sync", "--store", "shop"], { cwd: dir, env: f.env });
    expect(first.exitCode, first.stderr).toBe(0);
    const before = f.server.log.length;
    const settled = await cli(kpiArgs, { cwd: dir, env: f.env });
    expect(settled.exitCode, settled.stderr).toBe(0);
    // Orders and refunds both come from the state store: not one request reaches the platform.
    expect(f.server.log.length).toBe(before);
    const settledReport = JSON.parse(settled.stdout) as KpiJson;
    expect(rate(settledReport)).toBeGreaterThan(0);
    expect(settledReport.data_source).toMatchObject({ kind: "synced", waited_for_sync: false });
    expect(settledReport.data_source?.note).toMatch(/as of the orders sync completed at/);
    const audit = await cli(["returns", "audit", "--store", "shop", "--period", "2026-06-01..2026-09-30", "--json"], {
      cwd: dir,
      env: f.env,
    });
    expect(audit.exitCode, audit.stderr).toBe(0);
    expect(f.server.log.length).toBe(before);

    // A backfill sync held on its first request, then a report: it must wait for the sync, not read mid-way.
    const release = f.server.hold();
    const seen = f.server.log.length;
    const sync = spawnCli(["orders", "sync", "--store", "shop", "--since", "2025-01-01"], { cwd: dir, env: f.env });
    await until(() => f.server.log.length > seen);
    const report = spawnCli([...kpiArgs, "--verbose"], { cwd: dir, env: f.env });
    let stderr = "";
    report.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await until(() => /waiting for the lock on "orders sync"/.test(stderr));
    release();
    const [s, r] = await Promise.all([sync, report]);
    expect(s.exitCode, String(s.stderr)).toBe(0);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const during = JSON.parse(String(r.stdout)) as KpiJson;
    expect(during.data_source).toMatchObject({ kind: "synced", waited_for_sync: true });
    expect(during.data_source?.note).toMatch(/the report waited for it to finish/);
    expect(during.rows).toEqual(settledReport.rows);
  });
});

describe("a state synced before refunds travelled with orders", () => {
  it("kpi report shows return rates n/a with the sync to run, returns audit refuses with it; never 0%", { timeout: 300_000 }, async () => {
    const f = await remote("woocommerce");
    f.seedOrders(200);
    const dir = setUp("old-state", f);
    expect((await cli(["orders", "sync", "--store", "shop"], { cwd: dir, env: f.env })).exitCode).toBe(0);
    // What an earlier merchops left: orders without their refunds, and no refunds bookmark.
    const db = new Database(statePath(dir));
    db.prepare("DELETE FROM returns").run();
    db.prepare("DELETE FROM sync_bookmarks WHERE stream = 'refunds'").run();
    db.close();
    const kpi = await cli(kpiArgs, { cwd: dir, env: f.env });
    expect(kpi.exitCode, kpi.stderr).toBe(0);
    const report = JSON.parse(kpi.stdout) as KpiJson;
    const row = report.rows.find((m) => m.id === "return_rate_units");
    expect(row?.value).toBeNull();
    expect(row?.note).toMatch(/orders sync --store shop --since \d{4}-\d{2}-\d{2}/);
    const audit = await cli(["returns", "audit", "--store", "shop", "--period", "2026-06-01..2026-09-30"], { cwd: dir, env: f.env });
    expect(audit.exitCode).toBe(2);
    expect(audit.stderr).toMatch(/no refunds synced yet/);
    // The backfill it names fixes it.
    expect((await cli(["orders", "sync", "--store", "shop", "--since", "2025-01-01"], { cwd: dir, env: f.env })).exitCode).toBe(0);
    const after = JSON.parse((await cli(kpiArgs, { cwd: dir, env: f.env })).stdout) as KpiJson;
    expect(rate(after)).toBeGreaterThan(0);
  });
});

/** Polls a condition on counted state (requests seen, lines printed); gives up after 60 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 6000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error("condition not reached");
}
