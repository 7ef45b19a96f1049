/**
 * The seam between `catalog import` and the state store: every read and write the import makes
 * there, batch by batch. The import journal (runs and their applied items) is kept for every store;
 * the catalog methods hold a `local` store's products (remote platforms take theirs through their
 * adapter, and the journal records what they answered).
 *
 * Methods return a value or a promise, so a backend over the network (PostgreSQL, issue 16) fits the
 * same contract as the embedded SQLite one (catalog-writer-sqlite.ts). A batch is the unit of
 * atomicity: what `writeBatch` is given lands with its journal entries, or none of it does.
 */
import type { Product } from "../core/model.js";
import type { ProductValues, VariantValues } from "./catalog-rows.js";

export type Awaitable<T> = T | Promise<T>;

/** What identifies an import: the same store, job and input (fingerprint) may be resumed. */
export interface ImportRunKey {
  store: string;
  job: string;
  /** Hash of the input files and mode (services/import-catalog.ts fingerprint). */
  fingerprint: string;
  mode: string;
}

export interface ImportRunStart {
  runId: number;
  /** True when an unfinished run of the same input was opened again (--resume). */
  resumed: boolean;
  /** An unfinished run of the same input that a fresh start leaves behind (told to the user). */
  unfinished?: number;
}

export type RunOutcome = "finished" | "interrupted" | "failed";

/** One product the run has dealt with, keyed by its handle in the input. */
export interface JournalEntry {
  key: string;
  /** The outcome word of the results file: created, updated, unchanged, deleted, skipped, failed. */
  status: string;
  remoteId: string | null;
  message: string | null;
}

/** One batch for a local store: products to write (whole: fields and set of variants), handles to delete. */
export interface CatalogWriteBatch {
  /**
   * `id` is the stored product's id (the handle for a new one). `isNew`: the plan found no stored
   * product, so there are no old variants to prune.
   */
  upserts: readonly { product: Product; id: string; isNew: boolean }[];
  deletes: readonly string[];
  /** Written in the same transaction as the products: a resumed run skips exactly these. */
  journal: readonly JournalEntry[];
}

export interface CatalogStoreWriter {
  /**
   * Opens the import's run: with `resume`, the newest unfinished run of the same input (marked
   * running again), else a new one. `now` is the start time in ms.
   */
  beginRun(key: ImportRunKey, resume: boolean, now: number): Awaitable<ImportRunStart>;
  /** The journaled status of each of these keys the run has already applied (resume info). */
  journaled(runId: number, keys: readonly string[]): Awaitable<Map<string, string>>;
  /** Journals a batch a remote platform has answered, in one transaction. */
  journalBatch(runId: number, entries: readonly JournalEntry[]): Awaitable<void>;
  /** Closes the run with its outcome; `now` in ms. */
  finishRun(runId: number, outcome: RunOutcome, now: number): Awaitable<void>;

  /** False when the local store holds no product: planning needs no lookups at all. */
  hasProducts(): Awaitable<boolean>;
  /** The local store's products having any of these handles, or a variant with any of these SKUs. */
  existingProducts(handles: readonly string[], skus: readonly string[]): Awaitable<Product[]>;
  /** Writes a planned batch to the local store and journals it, atomically. */
  writeBatch(runId: number, batch: CatalogWriteBatch): Awaitable<void>;
  /**
   * Runs a local store's whole import in one transaction (optional: without it the import keeps the
   * checked products in a temp file and writes them in journaled batches after the check). `body`
   * checks the input and writes each checked product as it goes, through `insertNew` and
   * `writeBatch`; the transaction commits when `body` resolves true and rolls back when it resolves
   * false or throws. Until then nobody else sees a row of it, and a refused, interrupted or killed
   * import leaves no trace (the run's journal rows included).
   */
  atomically?(body: () => Promise<boolean>): Promise<boolean>;
  /**
   * Inside `atomically`: the store's products as they were before the import began (the committed
   * ones), for the check's lookups, which must not see what the import has written so far.
   */
  committedProducts?(handles: readonly string[], skus: readonly string[]): Awaitable<Product[]>;
  /**
   * Inside `atomically`: inserts products the check found new to the store (nothing stored to
   * diff against or prune) as the rows they are. Not journaled: an import in one transaction is
   * never resumed, so item rows would only grow the state file by a row per product and import.
   */
  insertNew?(runId: number, products: readonly NewProductRows[]): Awaitable<void>;
}

/** A checked product new to the store, as its catalog rows (catalog-rows.ts). */
export interface NewProductRows {
  product: ProductValues;
  variants: readonly VariantValues[];
}
