/**
 * The embedded (SQLite) side of the catalog import seam (catalog-writer.ts): the journal in
 * import_runs / import_items, the catalog in products / variants through LocalData. Statements are
 * prepared once per writer and reused for every batch.
 */
import type Database from "better-sqlite3";
import type { Product } from "../core/model.js";
import { PRODUCT_COLUMNS, productRow, VARIANT_COLUMNS, variantRows } from "./catalog-rows.js";
import type {
  CatalogStoreWriter,
  CatalogWriteBatch,
  ImportRunKey,
  ImportRunStart,
  JournalEntry,
  NewProductRows,
  RunOutcome,
} from "./catalog-writer.js";
import { SqlCatalogWriter } from "./catalog-writer-sql.js";
import { LocalData } from "./local-data.js";
import type { StateStore } from "./state-store.js";

export class SqliteCatalogWriter implements CatalogStoreWriter {
  private readonly data: LocalData;
  private readonly sql;

  constructor(
    private readonly state: StateStore,
    readonly store: string,
  ) {
    this.data = new LocalData(state, store);
    if (state.location.backend === "sqlite" && state.location.path !== ":memory:") this.atomically = (body) => this.runAtomically(body);
    const db = state.db;
    this.sql = {
      unfinished: db.prepare(
        "SELECT id FROM import_runs WHERE store = ? AND job = ? AND fingerprint = ? AND status IN ('running', 'interrupted', 'failed') ORDER BY id DESC LIMIT 1",
      ),
      reopen: db.prepare("UPDATE import_runs SET status = 'running' WHERE id = ?"),
      start: db.prepare("INSERT INTO import_runs (store, job, fingerprint, mode, started_at, status) VALUES (?, ?, ?, ?, ?, 'running')"),
      finish: db.prepare("UPDATE import_runs SET status = ?, finished_at = ? WHERE id = ?"),
      journaled: db.prepare("SELECT key, status FROM import_items WHERE run_id = ? AND key IN (SELECT value FROM json_each(?))"),
      journal: db.prepare(
        `INSERT INTO import_items (run_id, key, status, remote_id, message)
         SELECT ?, j.value ->> '$[0]', j.value ->> '$[1]', j.value ->> '$[2]', j.value ->> '$[3]' FROM json_each(?) j WHERE true
         ON CONFLICT (run_id, key) DO UPDATE SET status = excluded.status, remote_id = excluded.remote_id, message = excluded.message`,
      ),
      anyProduct: db.prepare("SELECT EXISTS (SELECT 1 FROM products WHERE store = ?) AS any"),
      // The catalog rows, written synchronously inside one SQLite transaction per batch (LocalData's
      // async writers serve the other backends; here a batch never waits on the event loop).
      product: db.prepare(
        `INSERT INTO products (store, ${PRODUCT_COLUMNS.join(", ")}) VALUES (${["?", ...PRODUCT_COLUMNS.map(() => "?")].join(", ")})
         ON CONFLICT (store, id) DO UPDATE SET ${PRODUCT_COLUMNS.filter((c) => c !== "id")
           .map((c) => `${c} = excluded.${c}`)
           .join(", ")}`,
      ),
      prune: db.prepare("DELETE FROM variants WHERE store = ? AND product_id = ? AND okey NOT IN (SELECT value FROM json_each(?))"),
      variant: db.prepare(
        `INSERT INTO variants (store, ${VARIANT_COLUMNS.join(", ")}) VALUES (${["?", ...VARIANT_COLUMNS.map(() => "?")].join(", ")})
         ON CONFLICT (store, product_id, okey) DO UPDATE SET ${VARIANT_COLUMNS.filter((c) => c !== "okey" && c !== "product_id")
           .map((c) => `${c} = excluded.${c}`)
           .join(", ")}`,
      ),
      productByHandle: db.prepare("SELECT id FROM products WHERE store = ? AND handle = ?"),
      deleteVariants: db.prepare("DELETE FROM variants WHERE store = ? AND product_id = ?"),
      deleteProduct: db.prepare("DELETE FROM products WHERE store = ? AND id = ?"),
    };
  }

  /** BEGIN IMMEDIATE ... COMMIT around a synchronous body. */
  private transaction<T>(fn: () => T): T {
    return this.state.db.transaction(fn).immediate();
  }

  beginRun(key: ImportRunKey, resume: boolean, now: number): ImportRunStart {
    const previous = this.sql.unfinished.get(key.store, key.job, key.fingerprint) as { id: number } | undefined;
    if (resume && previous) {
      this.sql.reopen.run(previous.id);
      return { runId: previous.id, resumed: true };
    }
    const runId = Number(this.sql.start.run(key.store, key.job, key.fingerprint, key.mode, now).lastInsertRowid);
    return { runId, resumed: false, ...(previous ? { unfinished: previous.id } : {}) };
  }

  journaled(runId: number, keys: readonly string[]): Map<string, string> {
    const rows = this.sql.journaled.all(runId, JSON.stringify(keys)) as { key: string; status: string }[];
    return new Map(rows.map((r) => [r.key, r.status]));
  }

  journalBatch(runId: number, entries: readonly JournalEntry[]): void {
    this.transaction(() => this.journal(runId, entries));
  }

  finishRun(runId: number, outcome: RunOutcome, now: number): void {
    this.sql.finish.run(outcome, now, runId);
  }

  hasProducts(): boolean {
    return (this.sql.anyProduct.get(this.store) as { any: number }).any === 1;
  }

  existingProducts(handles: readonly string[], skus: readonly string[]): Promise<Product[]> {
    return this.data.lookupProducts(handles, skus);
  }

  writeBatch(runId: number, batch: CatalogWriteBatch): void {
    this.transaction(() => this.write(runId, batch));
  }

  private write(runId: number, batch: CatalogWriteBatch): void {
    for (const u of batch.upserts) {
      this.sql.product.run(this.store, ...productRow(u.product, u.id));
      const rows = variantRows(u.product, u.id);
      // A product just created has no variants to prune.
      if (!u.isNew) this.sql.prune.run(this.store, u.id, JSON.stringify(rows.map((r) => r[0])));
      for (const r of rows) this.sql.variant.run(this.store, ...r);
    }
    for (const handle of batch.deletes) {
      const row = this.sql.productByHandle.get(this.store, handle) as { id: string } | undefined;
      if (!row) continue;
      this.sql.deleteVariants.run(this.store, row.id);
      this.sql.deleteProduct.run(this.store, row.id);
    }
    this.journal(runId, batch.journal);
  }

  /**
   * The whole import in one transaction (catalog-writer.ts). Absent for an in-memory state, which no
   * second connection can read as it was: that import writes its batches after the check.
   */
  readonly atomically?: (body: () => Promise<boolean>) => Promise<boolean>;
  /** The read-only connection of an open `atomically`, for the check's lookups. */
  private committed: LocalData | undefined;
  private twin: StateStore | undefined;
  private readonly multi = new Map<string, Database.Statement>();

  private async runAtomically(body: () => Promise<boolean>): Promise<boolean> {
    const db = this.state.db;
    // Every variant this import writes names its own product (insertNew checks it, write() builds
    // it so), so SQLite's parent lookup per variant row is skipped (a fifth of the insert CPU at a
    // million variants). The pragma is a no-op inside a transaction: it is set around it.
    const fk = (db.pragma("foreign_keys", { simple: true }) as number) === 1;
    this.twin = this.state.readOnlyTwin();
    this.committed = this.twin ? new LocalData(this.twin, this.store) : undefined;
    if (fk) db.pragma("foreign_keys = OFF");
    const cache = db.pragma("cache_size", { simple: true }) as number;
    db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    try {
      // Through the state's own transaction: a statement of another task on this connection (the
      // lock heartbeat) waits for the end instead of landing in the import's transaction.
      return await this.state.sql.transaction(async () => {
        if (await body()) return true;
        throw ROLL_BACK;
      });
    } catch (e) {
      if (e === ROLL_BACK) return false;
      throw e;
    } finally {
      if (fk) db.pragma("foreign_keys = ON");
      db.pragma(`cache_size = ${cache}`);
      this.committed = undefined;
      await this.twin?.close();
      this.twin = undefined;
    }
  }

  committedProducts(handles: readonly string[], skus: readonly string[]): Promise<Product[]> {
    return (this.committed ?? this.data).lookupProducts(handles, skus);
  }

  insertNew(_runId: number, products: readonly NewProductRows[]): void {
    this.transaction(() => {
      const productRows = new RowInserter(this, "products", PRODUCT_COLUMNS);
      const variantRows = new RowInserter(this, "variants", VARIANT_COLUMNS);
      for (const p of products) {
        const id = p.product[0];
        productRows.add(p.product);
        for (const v of p.variants) {
          // The foreign key is off for the import (runAtomically): a variant must name its own product.
          if (v[2] !== id) throw new Error(`catalog import: a variant of product "${id}" names product "${String(v[2])}"`);
          variantRows.add(v);
        }
      }
      productRows.flush();
      variantRows.flush();
    });
  }

  /** INSERT of `rows` rows of the store and `columns`, prepared once per shape. */
  insertMany(table: string, columns: readonly string[], rows: number): Database.Statement {
    const key = `${table}:${rows}`;
    let stmt = this.multi.get(key);
    if (!stmt) {
      const one = `(${Array(columns.length + 1)
        .fill("?")
        .join(", ")})`;
      stmt = this.state.db.prepare(`INSERT INTO ${table} (store, ${columns.join(", ")}) VALUES ${Array(rows).fill(one).join(", ")}`);
      this.multi.set(key, stmt);
    }
    return stmt;
  }

  /** One statement per batch: the entries travel as one JSON array (SQLite reads it natively). */
  private journal(runId: number, entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    this.sql.journal.run(runId, JSON.stringify(entries.map((e) => [e.key, e.status, e.remoteId, e.message])));
  }
}

/**
 * The page cache of an import's transaction, in KiB: past it, the pages the import has written
 * spill to the WAL. better-sqlite3's default (16 MB) held the peak RSS of a million-variant import
 * at 297-299 MB (3 runs); 6 MB, 258 and 276 MB, the main thread's CPU within the noise of the
 * loaded machine (10.6-11.7 s against 11.5-12.7 s during the check).
 */
const IMPORT_CACHE_KIB = 6000;

/** Rows per multi-row INSERT of new products: one statement call binds this many products or variants. */
const INSERT_ROWS = 64;

/**
 * Rows of one table bound straight into a multi-row INSERT's arguments (the store, then the row's
 * values), the statement run each time INSERT_ROWS rows are in: no copy of the rows in between.
 */
class RowInserter {
  private readonly args: unknown[];
  private filled = 0;

  constructor(
    private readonly writer: SqliteCatalogWriter,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.args = new Array(INSERT_ROWS * (columns.length + 1));
  }

  add(values: readonly unknown[]): void {
    const args = this.args;
    let n = this.filled;
    args[n++] = this.writer.store;
    for (let i = 0; i < values.length; i++) args[n++] = values[i];
    this.filled = n;
    if (n === args.length) {
      this.writer.insertMany(this.table, this.columns, INSERT_ROWS).run(args);
      this.filled = 0;
    }
  }

  flush(): void {
    if (this.filled === 0) return;
    const rows = this.filled / (this.columns.length + 1);
    this.writer.insertMany(this.table, this.columns, rows).run(this.args.slice(0, this.filled));
    this.filled = 0;
  }
}
/** Thrown through the state's transaction to roll it back when the import is refused. */
const ROLL_BACK = Symbol("roll back the catalog import");

/** The import's writer for a store kept in this state store: SQLite's own, or the one over any backend's SQL (Postgres). */
export function catalogWriterFor(state: StateStore, store: string): CatalogStoreWriter {
  return state.backend === "sqlite" ? new SqliteCatalogWriter(state, store) : new SqlCatalogWriter(state, store);
}
