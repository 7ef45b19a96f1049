/**
 * Team mode end to end: the built CLI as several "hosts" (processes with their own
 * MERCHOPS_HOSTNAME) sharing one PostgreSQL state (the test cluster of test/pg-global-setup.ts).
 * Every wait here is on a counted event (a request the fake holds, a row in the database, a line on
 * stderr), never on a clock.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { writeNativeCatalogCsv } from "../../scripts/lib/catalog-bench-data.js";
import { LockHeldError } from "../../src/core/errors.js";
import { parseStateLocation } from "../../src/store/location.js";
import { acquireLock } from "../../src/store/lock.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { ShipmentsData } from "../../src/store/shipments-data.js";
import { StateStore } from "../../src/store/state-store.js";
import { startFakeKuaidi100 } from "../fakes/kuaidi100.js";
import { REPO } from "../helpers/cli.js";
import { adminQuery, freshDatabase } from "../helpers/pg.js";
import { CALM_HTTP, cli, type RemoteFake, spawnCli, startRemote, writeConfig } from "../helpers/remote.js";

const root = mkdtempSync(join(tmpdir(), "merchops-team-"));
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
  rmSync(root, { recursive: true, force: true });
});

const host = (name: string, env: Record<string, string> = {}) => ({ ...env, MERCHOPS_HOSTNAME: name });

async function migratedState(prefix: string): Promise<string> {
  const url = await freshDatabase(prefix);
  const s = await StateStore.open(parseStateLocation(url, root), { migrations: "none" });
  await s.migrate("test");
  await s.close();
  return url;
}

/** Tracks whether a spawned child has ended (its exitCode stays null while it runs). */
function watch<T extends Promise<unknown>>(child: T): { child: T; ended: () => boolean } {
  let ended = false;
  void child.finally(() => {
    ended = true;
  });
  return { child, ended: () => ended };
}

async function until(check: () => Promise<boolean>, _what: string): Promise<void> {
  // Polls a counted condition; the test's own timeout is the hang guard.
  for (;;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("team mode: state on PostgreSQL", () => {
  it("a database behind on migrations is refused (exit 2, naming state migrate); two hosts migrate at once; status tells", async () => {
    const url = await freshDatabase("cli_migrate");
    const dir = mkdtempSync(join(root, "migrate-"));
    writeConfig(dir, { shop: { platform: "local", seed: join(REPO, "fixtures", "demo-store") } }, { state: url });
    const refused = await cli(["kpi", "report", "--store", "shop"], { cwd: dir, env: host("host-a") });
    expect(refused.exitCode, refused.stderr).toBe(2);
    expect(refused.stderr).toContain("merchops state migrate");
    const before = await cli(["state", "status", "--json"], { cwd: dir, env: host("host-a") });
    expect(JSON.parse(before.stdout)).toMatchObject({ backend: "postgres", version: 0, pending: MIGRATIONS.length, locks: [] });
    const [a, b] = await Promise.all([
      cli(["state", "migrate", "--json"], { cwd: dir, env: host("host-a") }),
      cli(["state", "migrate", "--json"], { cwd: dir, env: host("host-b") }),
    ]);
    expect(a.exitCode, a.stderr).toBe(0);
    expect(b.exitCode, b.stderr).toBe(0);
    const applied = [...JSON.parse(a.stdout).applied, ...JSON.parse(b.stdout).applied].sort((x: number, y: number) => x - y);
    expect(applied).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const after = await cli(["state", "status", "--json"], { cwd: dir, env: host("host-a") });
    expect(JSON.parse(after.stdout)).toMatchObject({ version: MIGRATIONS.length, pending: 0, lock_release_bound_seconds: 25 });
    expect(after.stdout).not.toMatch(/password/);
  });

  it("orders sync on two hosts: exactly one runs, the other exits 6 naming host and pid; kpi report during the sync reads the completed sync", async () => {
    const f: RemoteFake = await startRemote("woocommerce");
    closers.push(() => f.close());
    // The ids a sync stores: WooCommerce's never-paid orders (pending payment) are seeded but are not orders.
    const ids = f.seedOrders(1_500);
    const url = await migratedState("orders");
    const dirA = mkdtempSync(join(root, "host-a-"));
    const dirB = mkdtempSync(join(root, "host-b-"));
    for (const d of [dirA, dirB]) writeConfig(d, { shop: f.store(CALM_HTTP) }, { state: url });

    // Host A syncs; the fake holds its eighth orders page (100 a page), so A is mid-sync with one batch of 500 stored.
    let pages = 0;
    const held = f.server.holdWhen((req) => req.path.includes("/orders") && ++pages >= 8);
    const syncA = spawnCli(["orders", "sync", "--store", "shop"], { cwd: dirA, env: host("host-a", f.env) });
    const release = await held;
    const storedCount = async () =>
      Number((await adminQuery<{ n: string }>(url, "SELECT COUNT(*) AS n FROM orders WHERE store = 'shop'"))[0]?.n);
    await until(async () => (await storedCount()) >= 500, "A stored its first batch");
    const b = await cli(["orders", "sync", "--store", "shop"], { cwd: dirB, env: host("host-b", f.env) });
    expect(b.exitCode, b.stderr).toBe(6);
    expect(b.stderr).toMatch(new RegExp(`pid ${syncA.pid} on host-a \\(merchops orders sync\\)`));

    // A report on host B now waits for A's sync, then reads what it completed.
    const report = spawnCli(["kpi", "report", "--store", "shop", "--json", "--period", "last-30-days"], {
      cwd: dirB,
      env: host("host-b", f.env),
    });
    let waitingSeen = false;
    report.stderr?.on("data", (d: Buffer) => {
      if (/waiting for the lock/.test(String(d))) waitingSeen = true;
    });
    await until(async () => waitingSeen, "the report waits for the sync");
    release({});
    const a = await syncA;
    expect(a.exitCode, String(a.stderr)).toBe(0);
    const r = await report;
    expect([0, 4]).toContain(r.exitCode);
    const json = JSON.parse(String(r.stdout));
    const run = (
      await adminQuery<{ done: string | null }>(
        url,
        "SELECT run_completed_at AS done FROM sync_runs WHERE store = 'shop' AND stream = 'orders'",
      )
    )[0];
    expect(run?.done).not.toBeNull();
    expect(JSON.stringify(json)).toContain(new Date(Number(run?.done)).toISOString());
    expect(await storedCount()).toBe(ids.length);
    // The next run on host B starts from A's bookmark: nothing new.
    const again = await cli(["orders", "sync", "--store", "shop", "--json"], { cwd: dirB, env: host("host-b", f.env) });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ fetched: 0, stored_total: ids.length });
  });

  it("shipments sync on two hosts against the Kuaidi100 fake: no number is asked twice within 30 minutes", async () => {
    const kd = await startFakeKuaidi100();
    closers.push(() => kd.close());
    const numbers = kd.seedShipments(30, "YT");
    const url = await migratedState("kd100");
    // Two stores ship the same parcels (one agency, two shops sharing a warehouse): their syncs run at once.
    const state = await StateStore.open(parseStateLocation(url, root));
    for (const store of ["shop1", "shop2"]) {
      await new ShipmentsData(state, store).upsert(
        numbers.map((n, i) => ({ trackingNumber: n, courier: "yto", orderId: `o${i}`, status: "in_transit" as const })),
        new Date(),
      );
    }
    await state.close();
    const env = { KD_CUSTOMER: kd.customer, KD_KEY: kd.key };
    const dir = mkdtempSync(join(root, "kd-"));
    writeConfig(
      dir,
      { shop1: { platform: "local" }, shop2: { platform: "local" } },
      {
        state: url,
        couriers: { kuaidi100: { customer: "env:KD_CUSTOMER", key: "env:KD_KEY", baseUrl: kd.url } },
        shipments: { providers: { default: "kuaidi100" } },
      },
    );
    const [a, b] = await Promise.all([
      cli(["shipments", "sync", "--store", "shop1", "--json"], { cwd: dir, env: host("host-a", env) }),
      cli(["shipments", "sync", "--store", "shop2", "--json"], { cwd: dir, env: host("host-b", env) }),
    ]);
    expect(a.exitCode, a.stderr).not.toBe(1);
    expect(b.exitCode, b.stderr).not.toBe(1);
    // Host A again, at once: every number was just asked, so all are deferred.
    const c = await cli(["shipments", "sync", "--store", "shop1", "--json"], { cwd: dir, env: host("host-a", env) });
    expect(c.exitCode, c.stderr).not.toBe(1);
    for (const n of numbers) expect(kd.queriesOf(n)).toHaveLength(1);
    expect(kd.stats.locked).toBe(0);
    expect(kd.minRequeryGapMs()).toBe(Number.POSITIVE_INFINITY);
    const asked = (await adminQuery<{ n: string }>(url, "SELECT COUNT(*) AS n FROM courier_queries WHERE provider = 'kuaidi100'"))[0];
    expect(Number(asked?.n)).toBe(30);
  });

  it("a lock whose holder process is killed is free again at once (its session ended); a live one names its holder", async () => {
    const url = await migratedState("lockkill");
    const script = `
      const { StateStore } = await import(${JSON.stringify(join(REPO, "dist", "store", "state-store.js"))});
      const { parseStateLocation } = await import(${JSON.stringify(join(REPO, "dist", "store", "location.js"))});
      const { acquireLock } = await import(${JSON.stringify(join(REPO, "dist", "store", "lock.js"))});
      const state = await StateStore.open(parseStateLocation(process.argv[1], "/"));
      await acquireLock(state, "shop", "orders sync", { command: "merchops orders sync (holder)" });
      process.stdout.write("held\\n");
      setInterval(() => {}, 1000);`;
    const holder = execa("node", ["--input-type=module", "-e", script, url], { reject: false, env: { MERCHOPS_HOSTNAME: "host-gone" } });
    let heldSeen = false;
    holder.stdout?.on("data", (d: Buffer) => {
      if (String(d).includes("held")) heldSeen = true;
    });
    await until(async () => heldSeen, "the holder has the lock");
    const state = await StateStore.open(parseStateLocation(url, root));
    try {
      const err = await acquireLock(state, "shop", "orders sync", { command: "merchops orders sync" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LockHeldError);
      expect((err as LockHeldError).message).toContain(`pid ${holder.pid} on host-gone (merchops orders sync (holder))`);
      holder.kill("SIGKILL");
      await holder;
      // The server sees the socket close and ends the session: the lock is free, the stale row is overwritten.
      const lock = await acquireLock(state, "shop", "orders sync", { command: "merchops orders sync (next)", waitSeconds: 60 });
      expect(lock.holder.pid).toBe(process.pid);
      const row = await state.sql.get<{ holder_cmd: string }>("SELECT holder_cmd FROM locks WHERE store = 'shop' AND job = 'orders sync'");
      expect(row?.holder_cmd).toBe("merchops orders sync (next)");
      await lock.release();
    } finally {
      await state.close();
    }
  });
});

describe("state copy", () => {
  it("SQLite -> PostgreSQL -> SQLite: counts and checksums match, reports read the same; a stopped copy goes on with the next table", async () => {
    const dir = mkdtempSync(join(root, "copy-"));
    // The demo store, seeded into the default SQLite state by a first report.
    const seeded = await cli(["kpi", "report", "--json"], { cwd: dir, env: {} });
    expect([0, 4]).toContain(seeded.exitCode);
    const sqlite = join(dir, ".merchops", "state.db");
    const url = await freshDatabase("copy");

    // A first copy stopped after a few tables (killed once the target recorded three), then run again.
    const first = spawnCli(["state", "copy", "--from", sqlite, "--to", url], { cwd: dir, env: {} });
    const firstRun = watch(first);
    const doneTables = async () => {
      try {
        return Number((await adminQuery<{ n: string }>(url, "SELECT COUNT(*) AS n FROM state_copy_progress"))[0]?.n);
      } catch {
        return 0; // not migrated yet
      }
    };
    await until(async () => (await doneTables()) >= 3 || firstRun.ended(), "three tables copied");
    first.kill("SIGKILL");
    await first;
    const before = await doneTables();
    const r = await cli(["state", "copy", "--from", sqlite, "--to", url, "--json"], { cwd: dir, env: {} });
    expect(r.exitCode, r.stderr).toBe(0);
    const copied = JSON.parse(r.stdout) as { tables: { table: string; rows: number; checksum: string; resumed: boolean }[] };
    expect(copied.tables.filter((t) => t.resumed)).toHaveLength(before);
    const orders = copied.tables.find((t) => t.table === "orders");
    expect(orders?.rows).toBe(14_000);

    // Back into a new SQLite file: the same rows and checksums.
    const back = join(dir, "back", "state.db");
    const b = await cli(["state", "copy", "--from", url, "--to", back, "--json"], { cwd: dir, env: {} });
    expect(b.exitCode, b.stderr).toBe(0);
    const backTables = (JSON.parse(b.stdout) as typeof copied).tables;
    expect(backTables.map((t) => [t.table, t.rows, t.checksum])).toEqual(copied.tables.map((t) => [t.table, t.rows, t.checksum]));

    // The same report from the SQLite state and from the PostgreSQL copy.
    const report = async (state: string) => {
      const out = await cli(["kpi", "report", "--json", "--state", state], { cwd: dir, env: {} });
      expect([0, 4], out.stderr).toContain(out.exitCode);
      const json = JSON.parse(out.stdout) as Record<string, unknown>;
      return JSON.stringify(json.metrics);
    };
    expect(await report(url)).toBe(await report(sqlite));

    // A target that holds other data is refused.
    const again = await cli(["state", "copy", "--from", back, "--to", url], { cwd: dir, env: {} });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already holds data/);
  });
});

describe("catalog import into a local store kept on PostgreSQL", () => {
  const VARIANTS = 9_000;
  let csv: string;
  let products = 0;
  const setup = async (prefix: string) => {
    if (!csv) {
      csv = join(root, "catalog.csv");
      const made = await writeNativeCatalogCsv(csv, VARIANTS, 777);
      products = made.products;
    }
    const url = await migratedState(prefix);
    const dir = mkdtempSync(join(root, `${prefix}-`));
    // Small batches: many journaled checkpoints, so the import is stopped between two of them.
    writeConfig(dir, { shop: { platform: "local" } }, { state: url, catalog: { batchSize: 50 } });
    return { url, dir };
  };
  const count = async (url: string, sql: string) => Number((await adminQuery<{ n: string }>(url, sql))[0]?.n ?? 0);
  const journaled = (url: string) => count(url, "SELECT COUNT(*) AS n FROM import_items").catch(() => 0);
  /** Every product written is journaled with it, and nothing else: no half batch. */
  const consistent = async (url: string) => {
    const stored = await count(url, "SELECT COUNT(*) AS n FROM products WHERE store = 'shop'");
    const created = await count(url, "SELECT COUNT(*) AS n FROM import_items WHERE status = 'created'");
    expect(stored).toBe(created);
    return stored;
  };

  it("killed on host A, resumed on host B: the store ends with exactly the input", async () => {
    const { url, dir } = await setup("import_kill");
    const a = spawnCli(["catalog", "import", csv, "--store", "shop"], { cwd: dir, env: host("host-a") });
    const running = watch(a);
    await until(async () => (await journaled(url)) > 0 || running.ended(), "a journaled batch");
    expect(running.ended()).toBe(false);
    a.kill("SIGKILL");
    await a;
    const before = await consistent(url);
    expect(before).toBeLessThan(products);
    const b = await cli(["catalog", "import", csv, "--store", "shop", "--resume", "--json"], { cwd: dir, env: host("host-b") });
    expect(b.exitCode, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ resumed_skipped: before });
    expect(await count(url, "SELECT COUNT(*) AS n FROM products WHERE store = 'shop'")).toBe(products);
    expect(await count(url, "SELECT COUNT(*) AS n FROM variants WHERE store = 'shop'")).toBe(VARIANTS);
  });

  it("its database connection terminated mid-import: exit 5 with a clear message, nothing half-committed, --resume continues", async () => {
    const { url, dir } = await setup("import_term");
    const a = spawnCli(["catalog", "import", csv, "--store", "shop"], { cwd: dir, env: host("host-a") });
    const running = watch(a);
    await until(async () => (await journaled(url)) > 0 || running.ended(), "a journaled batch");
    expect(running.ended()).toBe(false);
    await adminQuery(
      url,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'merchops'",
    );
    const r = await a;
    expect(r.exitCode, String(r.stderr)).toBe(5);
    // The server's FATAL or the socket closing, whichever the client saw first.
    expect(String(r.stderr)).toMatch(
      /state store on PostgreSQL \(postgres:\/\/merchops@[^)]*\) failed: (terminating connection due to administrator command|Connection terminated unexpectedly)/,
    );
    expect(String(r.stderr)).toMatch(/--resume continues/);
    expect(String(r.stderr)).not.toMatch(/\n\s+at /);
    const before = await consistent(url);
    expect(before).toBeLessThan(products);
    const again = await cli(["catalog", "import", csv, "--store", "shop", "--resume", "--json"], { cwd: dir, env: host("host-a") });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(await count(url, "SELECT COUNT(*) AS n FROM products WHERE store = 'shop'")).toBe(products);
    expect(await count(url, "SELECT COUNT(*) AS n FROM variants WHERE store = 'shop'")).toBe(VARIANTS);
  });
});
