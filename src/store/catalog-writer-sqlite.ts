/**
 * The embedded (SQLite) side of the catalog import seam (catalog-writer.ts): the journal in
 * import_runs / import_items, the catalog in products / variants through LocalData. Statements are
 * prepared once per writer and reused for every batch.
 */
import type { Product } from "../core/model.js";
import type { CatalogStoreWriter, CatalogWriteBatch, ImportRunKey, ImportRunStart, JournalEntry, RunOutcome } from "./catalog-writer.js";
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
    };
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
    this.state.transaction(() => this.journal(runId, entries));
  }

  finishRun(runId: number, outcome: RunOutcome, now: number): void {
    this.sql.finish.run(outcome, now, runId);
  }

  hasProducts(): boolean {
    return (this.sql.anyProduct.get(this.store) as { any: number }).any === 1;
  }

  existingProducts(handles: readonly string[], skus: readonly string[]): Product[] {
    return this.data.lookupProducts(handles, skus);
  }

  writeBatch(runId: number, batch: CatalogWriteBatch): void {
    this.state.transaction(() => {
      for (const u of batch.upserts) this.data.writeProduct(u.product, u.id, u.isNew);
      for (const handle of batch.deletes) this.data.deleteProduct(handle);
      this.journal(runId, batch.journal);
    });
  }

  /** One statement per batch: the entries travel as one JSON array (SQLite reads it natively). */
  private journal(runId: number, entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    this.sql.journal.run(runId, JSON.stringify(entries.map((e) => [e.key, e.status, e.remoteId, e.message])));
  }
}

/** The import's writer for a store kept in this state store. */
export function catalogWriterFor(state: StateStore, store: string): CatalogStoreWriter {
  return new SqliteCatalogWriter(state, store);
}
