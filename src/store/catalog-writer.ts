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
   * A staging area for a local store's checked products (optional: without it the import keeps
   * them in a temp file and writes each batch through writeBatch). Nothing in it is visible in the
   * catalog until `apply`; it goes away with the writer's connection.
   */
  openStage?(): Awaitable<CatalogStage>;
}

/**
 * How a staged product is applied: `new` ones (the check found no stored product) by set-based
 * statements, `recheck` ones looked up and planned again just before their batch, `bad` ones
 * (with an error) never; `journaled` ones a resumed run had already applied.
 */
export type StageState = "new" | "recheck" | "bad" | "journaled";

export interface StagedProduct {
  /** Index of its file among the inputs. */
  fi: number;
  handle: string;
  state: Exclude<StageState, "journaled">;
  values: { product: ProductValues; variants: VariantValues[] };
  /** The file row of each variant. */
  rows: readonly number[];
}

/** A staged product read back: `product` for the rechecked, `status` for the journaled. */
export interface StagedRecord {
  seq: number;
  fi: number;
  handle: string;
  state: StageState;
  rows: number[];
  skus: string[];
  product?: Product;
  status?: string;
}

export interface CatalogStage {
  /** Appends checked products in input order; they are numbered 1, 2, ... (seq). */
  add(products: readonly StagedProduct[]): Awaitable<void>;
  /** How many products are staged. */
  size(): Awaitable<number>;
  /** Marks the products of seq from..to the run has already journaled (resume); returns how many. */
  markJournaled(runId: number, from: number, to: number): Awaitable<number>;
  /** The products of seq from..to in order: every one with `all`, else all but the `new` ones. */
  records(runId: number, from: number, to: number, all: boolean): Awaitable<StagedRecord[]>;
  /**
   * Writes the `new` products of seq from..to and journals them as created, together with
   * `extra` (the rechecked ones, planned by the caller), in one transaction. Returns what the
   * set-based part created.
   */
  apply(runId: number, from: number, to: number, extra: CatalogWriteBatch): Awaitable<{ products: number; variants: number }>;
  /** Empties the stage. */
  clear(): Awaitable<void>;
}
