/**
 * Copies a whole state from one store to another (SQLite -> Postgres to move into team mode, or
 * back), table by table. Each table is copied in ONE transaction of the target with its progress
 * row, so a stopped copy resumes with the first table not done, and never leaves half a table.
 * Each table is verified by its row count and an order-independent checksum (the sum of each row's
 * hash, so the two databases' sort orders of text need not agree), computed on the source while
 * reading and on the target by reading back.
 */
import { createHash } from "node:crypto";
import { UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import type { StateStore } from "./state-store.js";

/** Every table of the state, parents before children (foreign keys), each with its primary key. Locks are not copied: holders are processes. */
export const COPIED_TABLES: readonly { name: string; key: readonly string[]; identity?: string }[] = [
  { name: "meta", key: ["store", "key"] },
  { name: "sync_bookmarks", key: ["store", "stream"] },
  { name: "sync_runs", key: ["store", "stream"] },
  { name: "products", key: ["store", "id"] },
  { name: "variants", key: ["store", "product_id", "okey"] },
  { name: "orders", key: ["store", "id"] },
  { name: "order_lines", key: ["store", "order_id", "line_no"] },
  { name: "returns", key: ["store", "id"] },
  { name: "traffic", key: ["store", "day", "source"] },
  { name: "tickets", key: ["store", "id"] },
  { name: "kpi_history", key: ["store", "period_first", "period_last", "metric"] },
  { name: "import_runs", key: ["id"], identity: "id" },
  { name: "import_items", key: ["run_id", "key"] },
  { name: "shipments", key: ["store", "tracking_number"] },
  { name: "shipment_events", key: ["store", "tracking_number", "at", "description"] },
  { name: "courier_queries", key: ["provider", "tracking_number"] },
  { name: "price_snapshots", key: ["id"], identity: "id" },
  { name: "price_entries", key: ["snapshot_id", "source", "url"] },
  { name: "digest_findings", key: ["store", "key"] },
];

const PAGE = 5_000;
const MASK = (1n << 64n) - 1n;

export interface TableCopy {
  table: string;
  rows: number;
  checksum: string;
  /** Done by an earlier run of the same copy. */
  skipped: boolean;
}

type Row = Record<string, unknown>;

function rowHash(row: Row, columns: readonly string[]): bigint {
  const h = createHash("sha256")
    .update(JSON.stringify(columns.map((c) => row[c] ?? null)))
    .digest();
  return h.readBigUInt64BE(0);
}

/** Reads a table in primary-key pages (keyset: no offset scans), calling back per page. */
async function eachPage(state: StateStore, table: string, key: readonly string[], fn: (rows: Row[]) => Promise<void>): Promise<void> {
  const order = key.join(", ");
  const tuple = `(${key.join(", ")})`;
  const marks = `(${key.map(() => "?").join(", ")})`;
  let after: unknown[] | undefined;
  for (;;) {
    const rows = await state.sql.all<Row>(
      after
        ? `SELECT * FROM ${table} WHERE ${tuple} > ${marks} ORDER BY ${order} LIMIT ${PAGE}`
        : `SELECT * FROM ${table} ORDER BY ${order} LIMIT ${PAGE}`,
      after ?? [],
    );
    if (rows.length === 0) return;
    await fn(rows);
    const last = rows[rows.length - 1] as Row;
    after = key.map((k) => last[k]);
    if (rows.length < PAGE) return;
  }
}

/** Row count and checksum of a table as it stands. */
export async function tableDigest(state: StateStore, table: (typeof COPIED_TABLES)[number]): Promise<{ rows: number; checksum: string }> {
  let rows = 0;
  let sum = 0n;
  let columns: string[] | undefined;
  await eachPage(state, table.name, table.key, async (page) => {
    columns ??= Object.keys(page[0] as Row).sort();
    for (const r of page) sum = (sum + rowHash(r, columns)) & MASK;
    rows += page.length;
  });
  return { rows, checksum: sum.toString(16).padStart(16, "0") };
}

async function targetHoldsData(target: StateStore, source: string): Promise<string | undefined> {
  const progress = await target.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM state_copy_progress WHERE source = ?", [source]);
  if ((progress?.n ?? 0) > 0) return undefined;
  for (const t of COPIED_TABLES) {
    if (await target.sql.get(`SELECT 1 AS x FROM ${t.name} LIMIT 1`)) return t.name;
  }
  return undefined;
}

/**
 * Copies every table of `source` into `target` (both at the latest schema version). `onTable` is
 * told of each table as it is done.
 */
export async function copyState(source: StateStore, target: StateStore, onTable?: (t: TableCopy) => void): Promise<TableCopy[]> {
  const sourceId = source.where;
  const busy = await targetHoldsData(target, sourceId);
  if (busy) {
    throw new UsageError(
      msg("state.copy_target_busy", { target: target.where, table: busy, source: sourceId }),
      msg("state.copy_target_hint"),
    );
  }
  const out: TableCopy[] = [];
  for (const table of COPIED_TABLES) {
    const done = await target.sql.get<{ rows_copied: number; checksum: string }>(
      "SELECT rows_copied, checksum FROM state_copy_progress WHERE source = ? AND tbl = ?",
      [sourceId, table.name],
    );
    if (done) {
      const t = { table: table.name, rows: done.rows_copied, checksum: done.checksum, skipped: true };
      out.push(t);
      onTable?.(t);
      continue;
    }
    const t = await copyTable(source, target, table, sourceId);
    out.push(t);
    onTable?.(t);
  }
  return out;
}

async function copyTable(
  source: StateStore,
  target: StateStore,
  table: (typeof COPIED_TABLES)[number],
  sourceId: string,
): Promise<TableCopy> {
  return target.transaction(async () => {
    // A table left half-copied by a stopped run was rolled back; this clears what an earlier copy left of it, if anything.
    await target.sql.run(`DELETE FROM ${table.name}`);
    let rows = 0;
    let sum = 0n;
    let columns: string[] | undefined;
    await eachPage(source, table.name, table.key, async (page) => {
      columns ??= Object.keys(page[0] as Row).sort();
      const cols = columns;
      for (const r of page) sum = (sum + rowHash(r, cols)) & MASK;
      await target.sql.runMany(
        `INSERT INTO ${table.name} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
        page.map((r) => cols.map((c) => r[c] ?? null)),
      );
      rows += page.length;
    });
    const checksum = sum.toString(16).padStart(16, "0");
    // Postgres: an identity column copied with its values must go on after the largest one.
    if (table.identity && target.backend === "postgres") {
      await target.sql.get(
        `SELECT setval(pg_get_serial_sequence('${table.name}', '${table.identity}'), GREATEST(COALESCE((SELECT MAX(${table.identity}) FROM ${table.name}), 0), 1))`,
      );
    }
    const back = await tableDigest(target, table);
    if (back.rows !== rows || back.checksum !== checksum) {
      throw new Error(
        `state copy: table ${table.name} reads back differently (${back.rows} rows, checksum ${back.checksum}; the source has ${rows}, ${checksum}); nothing of it was kept`,
      );
    }
    await target.sql.run("INSERT INTO state_copy_progress (source, tbl, rows_copied, checksum, copied_at) VALUES (?, ?, ?, ?, ?)", [
      sourceId,
      table.name,
      rows,
      checksum,
      Date.now(),
    ]);
    return { table: table.name, rows, checksum, skipped: false };
  });
}
