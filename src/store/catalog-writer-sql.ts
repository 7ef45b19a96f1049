/**
 * The catalog import seam (catalog-writer.ts) over the backend-neutral query surface: what a
 * PostgreSQL state uses. The journal through ImportJournal, the catalog through LocalData's batch
 * writers; each batch is one transaction with its journal entries, so a batch lands whole or not at
 * all, also when the connection dies mid-batch. No stage: the import keeps checked products in its
 * temp file and sends each batch through writeBatch (one multi-row statement per table).
 */
import type { Product } from "../core/model.js";
import type { CatalogStoreWriter, CatalogWriteBatch, ImportRunKey, ImportRunStart, JournalEntry, RunOutcome } from "./catalog-writer.js";
import { ImportJournal } from "./import-journal.js";
import { LocalData } from "./local-data.js";
import type { StateStore } from "./state-store.js";

export class SqlCatalogWriter implements CatalogStoreWriter {
  private readonly data: LocalData;
  private readonly journal: ImportJournal;

  constructor(
    private readonly state: StateStore,
    readonly store: string,
  ) {
    this.data = new LocalData(state, store);
    this.journal = new ImportJournal(state);
  }

  async beginRun(key: ImportRunKey, resume: boolean, now: number): Promise<ImportRunStart> {
    const previous = await this.journal.unfinished(key.store, key.job, key.fingerprint);
    if (resume && previous !== undefined) {
      await this.journal.reopen(previous);
      return { runId: previous, resumed: true };
    }
    const runId = await this.journal.start(key.store, key.job, key.fingerprint, key.mode, now);
    return { runId, resumed: false, ...(previous !== undefined ? { unfinished: previous } : {}) };
  }

  async journaled(runId: number, keys: readonly string[]): Promise<Map<string, string>> {
    const done = await this.journal.done(runId, keys);
    return new Map([...done].map(([k, v]) => [k, v.status]));
  }

  journalBatch(runId: number, entries: readonly JournalEntry[]): Promise<void> {
    return this.state.transaction(() => this.journal.record(runId, entries));
  }

  finishRun(runId: number, outcome: RunOutcome, now: number): Promise<void> {
    return this.journal.finish(runId, outcome, now);
  }

  hasProducts(): Promise<boolean> {
    return this.data.hasProducts();
  }

  existingProducts(handles: readonly string[], skus: readonly string[]): Promise<Product[]> {
    return this.data.lookupProducts(handles, skus);
  }

  writeBatch(runId: number, batch: CatalogWriteBatch): Promise<void> {
    return this.state.transaction(async () => {
      await this.data.writeProducts(batch.upserts);
      for (const handle of batch.deletes) await this.data.deleteProduct(handle);
      await this.journal.record(runId, batch.journal);
    });
  }
}
