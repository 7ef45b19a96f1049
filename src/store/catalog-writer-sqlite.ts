/**
 * The embedded (SQLite) side of the catalog import seam (catalog-writer.ts): the journal in
 * import_runs / import_items, the catalog in products / variants through LocalData. Statements are
 * prepared once per writer and reused for every batch.
 */
import type Database from "better-sqlite3";
import type { Product } from "../core/model.js";
import {
  PRODUCT_COLUMNS,
  type ProductValues,
  productFromValues,
  productRow,
  VARIANT_COLUMNS,
  type VariantValues,
  variantRows,
} from "./catalog-rows.js";
import type {
  CatalogStage,
  CatalogStoreWriter,
  CatalogWriteBatch,
  ImportRunKey,
  ImportRunStart,
  JournalEntry,
  RunOutcome,
  StagedProduct,
  StagedRecord,
  StageState,
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

  private stage: SqliteStage | undefined;

  openStage(): CatalogStage {
    this.stage ??= new SqliteStage(
      this.state.db,
      this.store,
      (runId, batch) => this.write(runId, batch),
      (fn) => this.transaction(fn),
    );
    return this.stage;
  }

  /** One statement per batch: the entries travel as one JSON array (SQLite reads it natively). */
  private journal(runId: number, entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    this.sql.journal.run(runId, JSON.stringify(entries.map((e) => [e.key, e.status, e.remoteId, e.message])));
  }
}

/** The import's writer for a store kept in this state store: SQLite's own, or the one over any backend's SQL (Postgres). */
export function catalogWriterFor(state: StateStore, store: string): CatalogStoreWriter {
  return state.backend === "sqlite" ? new SqliteCatalogWriter(state, store) : new SqlCatalogWriter(state, store);
}

const STATE_CODES: Record<StageState, number> = { new: 0, recheck: 1, bad: 2, journaled: 3 };
const STATE_NAMES: StageState[] = ["new", "recheck", "bad", "journaled"];
/** Rows per multi-row INSERT while staging: one statement call binds this many products or variants. */
const STAGE_ROWS = 64;

/**
 * The stage as two TEMP tables of the connection (the temp file, never the state file): the
 * products' and variants' rows exactly as the catalog tables take them, numbered in input order.
 * Applying a batch is then INSERT ... SELECT in SQLite, with no per-row round trip to JavaScript.
 * A variant's number (vseq) grows with its product's (seq), so a range of products is a range of
 * variants.
 */
class SqliteStage implements CatalogStage {
  private seq = 0;
  private vseq = 0;
  /** Some staged variant names another product than the one it was staged with. */
  private foreign = false;
  private readonly multi = new Map<string, Database.Statement>();
  private readonly sql;

  constructor(
    private readonly db: Database.Database,
    private readonly store: string,
    private readonly write: (runId: number, batch: CatalogWriteBatch) => void,
    private readonly transaction: <T>(fn: () => T) => T,
  ) {
    const pCols = PRODUCT_COLUMNS.join(", ");
    const vCols = VARIANT_COLUMNS.join(", ");
    db.exec(`
      DROP TABLE IF EXISTS temp.catalog_stage_products;
      DROP TABLE IF EXISTS temp.catalog_stage_variants;
      CREATE TEMP TABLE catalog_stage_products (seq INTEGER PRIMARY KEY, fi INTEGER NOT NULL, state INTEGER NOT NULL,
        v_first INTEGER NOT NULL, v_last INTEGER NOT NULL, ${pCols});
      CREATE TEMP TABLE catalog_stage_variants (vseq INTEGER PRIMARY KEY, pseq INTEGER NOT NULL, src_row INTEGER NOT NULL, ${vCols});
    `);
    const variantsOf =
      "v.vseq BETWEEN (SELECT min(v_first) FROM temp.catalog_stage_products WHERE seq BETWEEN @from AND @to) AND (SELECT max(v_last) FROM temp.catalog_stage_products WHERE seq BETWEEN @from AND @to)";
    this.sql = {
      size: db.prepare("SELECT count(*) AS n FROM temp.catalog_stage_products"),
      markJournaled: db.prepare(
        `UPDATE temp.catalog_stage_products SET state = 3 WHERE seq BETWEEN @from AND @to AND state IN (0, 1)
           AND EXISTS (SELECT 1 FROM import_items i WHERE i.run_id = @runId AND i.key = handle)`,
      ),
      products: db.prepare(
        `SELECT p.*, i.status AS journaled FROM temp.catalog_stage_products p LEFT JOIN import_items i ON p.state = 3 AND i.run_id = @runId AND i.key = p.handle
          WHERE p.seq BETWEEN @from AND @to AND (@all OR p.state <> 0) ORDER BY p.seq`,
      ),
      variants: db.prepare(`SELECT v.* FROM temp.catalog_stage_variants v WHERE v.pseq = ? ORDER BY v.vseq`),
      variantRange: db.prepare(`SELECT v.* FROM temp.catalog_stage_variants v WHERE ${variantsOf} ORDER BY v.vseq`),
      insertProducts: db.prepare(
        `INSERT INTO products (store, ${pCols}) SELECT @store, ${pCols} FROM temp.catalog_stage_products WHERE seq BETWEEN @from AND @to AND state = 0`,
      ),
      insertVariants: db.prepare(
        `INSERT INTO variants (store, ${vCols}) SELECT @store, ${VARIANT_COLUMNS.map((c) => `v.${c}`).join(", ")}
           FROM temp.catalog_stage_variants v JOIN temp.catalog_stage_products p ON p.seq = v.pseq
          WHERE ${variantsOf} AND p.state = 0`,
      ),
      // A range of new products only (the usual case): their variants are a range too, no join.
      insertVariantRange: db.prepare(
        `INSERT INTO variants (store, ${vCols}) SELECT @store, ${vCols} FROM temp.catalog_stage_variants v WHERE ${variantsOf}`,
      ),
      others: db.prepare("SELECT count(*) AS n FROM temp.catalog_stage_products WHERE seq BETWEEN @from AND @to AND state <> 0"),
      journalNew: db.prepare(
        `INSERT INTO import_items (run_id, key, status, remote_id, message)
         SELECT @runId, handle, 'created', id, NULL FROM temp.catalog_stage_products WHERE seq BETWEEN @from AND @to AND state = 0
         ON CONFLICT (run_id, key) DO UPDATE SET status = excluded.status, remote_id = excluded.remote_id, message = excluded.message`,
      ),
      clear: db.prepare("DELETE FROM temp.catalog_stage_products"),
      clearVariants: db.prepare("DELETE FROM temp.catalog_stage_variants"),
    };
  }

  /** INSERT of `rows` rows of `width` values into a stage table, prepared once per shape. */
  private insertMany(table: string, width: number, rows: number): Database.Statement {
    const key = `${table}:${rows}`;
    let stmt = this.multi.get(key);
    if (!stmt) {
      const one = `(${Array(width).fill("?").join(", ")})`;
      stmt = this.db.prepare(`INSERT INTO temp.${table} VALUES ${Array(rows).fill(one).join(", ")}`);
      this.multi.set(key, stmt);
    }
    return stmt;
  }

  /** Binds flat values in statements of STAGE_ROWS rows (and one for the rest). */
  private insertFlat(table: string, width: number, values: unknown[]): void {
    const rows = values.length / width;
    const full = Math.floor(rows / STAGE_ROWS) * STAGE_ROWS;
    for (let r = 0; r < full; r += STAGE_ROWS)
      this.insertMany(table, width, STAGE_ROWS).run(values.slice(r * width, (r + STAGE_ROWS) * width));
    if (full < rows) this.insertMany(table, width, rows - full).run(values.slice(full * width));
  }

  add(products: readonly StagedProduct[]): void {
    const pValues: unknown[] = [];
    const vValues: unknown[] = [];
    for (const p of products) {
      const seq = ++this.seq;
      const first = this.vseq + 1;
      const id = p.values.product[0];
      for (const [i, v] of p.values.variants.entries()) {
        // A variant naming another product than its own: apply() leaves the foreign key check on.
        if (v[2] !== id) this.foreign = true;
        vValues.push(++this.vseq, seq, p.rows[i] ?? 0);
        for (const x of v) vValues.push(x);
      }
      pValues.push(seq, p.fi, STATE_CODES[p.state], first, this.vseq);
      for (const x of p.values.product) pValues.push(x);
    }
    this.insertFlat("catalog_stage_products", 5 + PRODUCT_COLUMNS.length, pValues);
    this.insertFlat("catalog_stage_variants", 3 + VARIANT_COLUMNS.length, vValues);
  }

  size(): number {
    return (this.sql.size.get() as { n: number }).n;
  }

  markJournaled(runId: number, from: number, to: number): number {
    return this.sql.markJournaled.run({ runId, from, to }).changes;
  }

  records(runId: number, from: number, to: number, all: boolean): StagedRecord[] {
    const rows = this.sql.products.all({ runId, from, to, all: all ? 1 : 0 }) as (Record<string, unknown> & StageRow)[];
    // Every product: the variants of the whole range in one query; a few: each product's own.
    const byProduct = new Map<number, Record<string, unknown>[]>();
    if (all) {
      for (const v of this.sql.variantRange.all({ from, to }) as Record<string, unknown>[]) {
        const list = byProduct.get(v.pseq as number);
        if (list) list.push(v);
        else byProduct.set(v.pseq as number, [v]);
      }
    }
    return rows.map((r) => {
      const vs = all ? (byProduct.get(r.seq) ?? []) : (this.sql.variants.all(r.seq) as Record<string, unknown>[]);
      const state = STATE_NAMES[r.state] as StageState;
      const rec: StagedRecord = {
        seq: r.seq,
        fi: r.fi,
        handle: r.handle,
        state,
        rows: vs.map((v) => v.src_row as number),
        skus: vs.map((v) => (v.sku as string | null) ?? ""),
      };
      if (state === "recheck") {
        rec.product = productFromValues(
          PRODUCT_COLUMNS.map((c) => r[c]) as ProductValues,
          vs.map((v) => VARIANT_COLUMNS.map((c) => v[c]) as VariantValues),
        );
      }
      if (r.journaled !== null) rec.status = r.journaled;
      return rec;
    });
  }

  apply(runId: number, from: number, to: number, extra: CatalogWriteBatch): { products: number; variants: number } {
    // A batch of new products only: each staged variant names its own staged product (checked as
    // they were staged, in add()), inserted by the same transaction, so the foreign key holds by
    // construction and SQLite's per-variant parent lookup is skipped (a fifth of the batch's CPU
    // at a million variants). Rechecked products and deletes are written with the check on, and
    // so is everything when a staged variant named another product.
    const setBased = extra.upserts.length === 0 && extra.deletes.length === 0 && !this.foreign;
    const fk = this.db.pragma("foreign_keys", { simple: true }) as number;
    // The pragma is a no-op inside a transaction: it is set around it.
    if (setBased && fk) this.db.pragma("foreign_keys = OFF");
    try {
      return this.transaction(() => {
        const range = { store: this.store, from, to };
        const products = this.sql.insertProducts.run(range).changes;
        const mixed = (this.sql.others.get({ from, to }) as { n: number }).n > 0;
        const variants = products > 0 ? (mixed ? this.sql.insertVariants : this.sql.insertVariantRange).run(range).changes : 0;
        if (products > 0) this.sql.journalNew.run({ runId, from, to });
        this.write(runId, extra);
        return { products, variants };
      });
    } finally {
      if (setBased && fk) this.db.pragma("foreign_keys = ON");
    }
  }

  clear(): void {
    this.sql.clear.run();
    this.sql.clearVariants.run();
    this.seq = 0;
    this.vseq = 0;
    this.foreign = false;
  }
}

interface StageRow {
  seq: number;
  fi: number;
  state: number;
  handle: string;
  journaled: string | null;
}
