/**
 * Team mode bench (`npx tsx bench/team-mode.ts`; never part of `npm test`): the same work with the
 * state on SQLite and on PostgreSQL, side by side, one JSON line per figure.
 *
 *   kpi_report_pg_vs_sqlite   `kpi report` of a local store holding BENCH_ORDERS orders (default
 *                             1,000,000; two lines each), read from each state. Goal: <= 1.5x.
 *   catalog_import_pg_vs_sqlite  `catalog import` of a BENCH_VARIANTS-variant native CSV (default
 *                             1,000,000) into a fresh local store in each state. Goal: <= 2x.
 *
 * BENCH_ONLY=kpi or BENCH_ONLY=catalog runs one of the two.
 * PostgreSQL: BENCH_PG_URL (an empty, migrated-or-fresh database), else a throwaway cluster started
 * like the tests' (test/helpers/pg-cluster.ts). The orders are written once per state (not timed).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { writeNativeCatalogCsv } from "../scripts/lib/catalog-bench-data.js";
import type { Order } from "../src/core/model.js";
import { LocalData } from "../src/store/local-data.js";
import { parseStateLocation } from "../src/store/location.js";
import { StateStore } from "../src/store/state-store.js";
import { startCluster } from "../test/helpers/pg-cluster.js";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "merchops.js");
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 1_000_000);
const NOW = "2026-11-25T12:00:00+08:00";
const END = Date.parse("2026-11-24T23:59:00+08:00");

function orders(from: number, n: number): Order[] {
  const out: Order[] = [];
  for (let i = from; i < from + n; i++) {
    // A year of orders ending on the data's last day, evenly spread; every 40th refunded.
    const placedAt = new Date(END - Math.floor(((ORDERS - i) / ORDERS) * 365 * 86_400_000));
    const price = 5_000 + (i % 97) * 100;
    out.push({
      id: `o${i}`,
      number: `#${100000 + i}`,
      placedAt,
      currency: "CNY",
      status: i % 40 === 0 ? "refunded" : "paid",
      test: false,
      customerId: `c${i % 150_000}`,
      source: ["direct", "paid_search", "social"][i % 3] as string,
      subtotal: price * 2,
      discountTotal: 0,
      shippingTotal: 800,
      taxTotal: 0,
      total: price * 2 + 800,
      lines: [
        { sku: `SKU-${i % 5_000}`, quantity: 1, unitPrice: price, discount: 0, category: "服装" },
        { sku: `SKU-${(i * 7) % 5_000}`, quantity: 1, unitPrice: price, discount: 0, category: "配饰" },
      ],
    });
  }
  return out;
}

async function fill(state: StateStore): Promise<void> {
  const data = new LocalData(state, "bench");
  for (let i = 0; i < ORDERS; i += 10_000) {
    await state.transaction(() => data.insertOrders(orders(i, Math.min(10_000, ORDERS - i))));
  }
  await state.setMeta("bench", "seeded_from", "bench");
}

function timed(args: string[], cwd: string, env: Record<string, string>): number {
  const t0 = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, MERCHOPS_NOW: NOW, NO_COLOR: "1", ...env },
      stdio: "pipe",
    });
  } catch (e) {
    // Exit 4 (a threshold breached) is a finished report.
    if ((e as { status?: number }).status !== 4) throw e;
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function freshDb(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "merchops-bench-team-"));
  const cluster = process.env.BENCH_PG_URL ? undefined : await startCluster();
  const admin = process.env.BENCH_PG_URL ?? (cluster?.adminUrl as string);
  try {
    writeFileSync(
      join(dir, "merchops.config.yaml"),
      `timezone: Asia/Shanghai\ncurrency: CNY\ndefaultStore: bench\nstores:\n  bench: { platform: local }\n`,
    );
    if (process.env.BENCH_ONLY !== "catalog") await kpiFigure(dir, admin);
    if (process.env.BENCH_ONLY !== "kpi") await catalogFigure(dir, admin);
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** KPI report over the same orders in each state. */
async function kpiFigure(dir: string, admin: string): Promise<void> {
  {
    const sqlitePath = join(dir, "kpi.db");
    const sqlite = StateStore.openSqlite(sqlitePath);
    await fill(sqlite);
    await sqlite.close();
    const kpiUrl = await freshDb(admin, "bench_kpi");
    const pgState = await StateStore.open(parseStateLocation(kpiUrl, dir), { migrations: "none" });
    await pgState.migrate("bench");
    await fill(pgState);
    await pgState.sql.exec("VACUUM ANALYZE");
    await pgState.close();
    const kpi = { sqlite: [] as number[], postgres: [] as number[] };
    for (let r = 0; r < 2; r++) {
      kpi.sqlite.push(timed(["kpi", "report", "--quiet", "--json"], dir, { MERCHOPS_STATE: sqlitePath }));
      kpi.postgres.push(timed(["kpi", "report", "--quiet", "--json"], dir, { MERCHOPS_STATE: kpiUrl }));
    }
    const best = (xs: number[]) => Math.min(...xs);
    console.log(
      JSON.stringify({
        figure: "kpi_report_pg_vs_sqlite",
        orders: ORDERS,
        ratio: +(best(kpi.postgres) / best(kpi.sqlite)).toFixed(2),
        goal: 1.5,
        ms: kpi,
      }),
    );
  }
}

/** Catalog import of the same file into a fresh local store in each state. */
async function catalogFigure(dir: string, admin: string): Promise<void> {
  {
    const csv = join(dir, "catalog.csv");
    await writeNativeCatalogCsv(csv, VARIANTS, 20260601);
    const importDir = join(dir, "import");
    mkdirSync(importDir);
    writeFileSync(
      join(importDir, "merchops.config.yaml"),
      `timezone: Asia/Shanghai\ncurrency: CNY\ndefaultStore: shop\nstores:\n  shop: { platform: local }\n`,
    );
    const importUrl = await freshDb(admin, "bench_import");
    execFileSync(process.execPath, [BIN, "state", "migrate", "--quiet"], {
      cwd: importDir,
      env: { ...process.env, MERCHOPS_STATE: importUrl },
    });
    const imp = {
      sqlite: timed(["catalog", "import", csv, "--quiet", "--json"], importDir, { MERCHOPS_STATE: join(importDir, "import.db") }),
      postgres: timed(["catalog", "import", csv, "--quiet", "--json"], importDir, { MERCHOPS_STATE: importUrl }),
    };
    console.log(
      JSON.stringify({
        figure: "catalog_import_pg_vs_sqlite",
        variants: VARIANTS,
        ratio: +(imp.postgres / imp.sqlite).toFixed(2),
        goal: 2,
        ms: imp,
      }),
    );
  }
}

await main();
