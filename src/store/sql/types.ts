/**
 * The one query surface both state backends offer. Statements are written once, in SQLite's
 * spelling with `?` placeholders; the Postgres executor translates the few differences
 * (placeholders, `json_each(?)`, `INDEXED BY`) so services never branch on the backend.
 */
export type Dialect = "sqlite" | "postgres";
export type Params = readonly unknown[];

export interface RunManyOptions {
  /** Rows with the same key collapse to the last one (an upsert of one key twice in one statement is an error in Postgres). */
  key?: (row: Params) => string;
}

export interface Sql {
  readonly dialect: Dialect;
  all<T>(text: string, params?: Params): Promise<T[]>;
  get<T>(text: string, params?: Params): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(text: string, params?: Params): Promise<number>;
  /**
   * One `INSERT ... VALUES (?, ...)` for many rows: SQLite reuses the prepared statement row by
   * row (as fast as a loop of run()), Postgres sends multi-row VALUES in chunks: a batch is one
   * round trip, not one per row.
   */
  runMany(text: string, rows: readonly Params[], opts?: RunManyOptions): Promise<void>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs fn in one transaction: all of it lands or none. Nested calls join the outer one;
   * statements from other async work wait until it ends, so nothing foreign slips into it.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Keeps the last row of each key, in first-seen order. */
export function lastPerKey(rows: readonly Params[], key: ((row: Params) => string) | undefined): readonly Params[] {
  if (!key) return rows;
  const byKey = new Map<string, Params>();
  for (const r of rows) {
    const k = key(r);
    byKey.delete(k);
    byKey.set(k, r);
  }
  return byKey.size === rows.length ? rows : [...byKey.values()];
}
