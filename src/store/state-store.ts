/**
 * The embedded state store: one SQLite file (default .merchops/state.db) holding the local stores'
 * data, sync bookmarks, locks and run history. Schema changes are numbered migrations applied in
 * a transaction; `PRAGMA user_version` records how far a file has come.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { InputError } from "../core/errors.js";
import { MIGRATIONS } from "./migrations.js";

export class StateStore {
  private constructor(
    readonly db: Database.Database,
    readonly path: string,
  ) {}

  static open(path: string): StateStore {
    if (path !== ":memory:") {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (e) {
        throw new InputError(
          { file: path },
          `cannot create the state store's directory: ${(e as Error).message}`,
          "set `state:` in the config or MERCHOPS_STATE to a writable path",
        );
      }
    }
    let db: Database.Database;
    try {
      db = new Database(path);
      // WAL lets a report read while a sync writes; busy_timeout rides out short write locks.
      db.pragma("journal_mode = WAL");
      db.pragma("busy_timeout = 5000");
      db.pragma("foreign_keys = ON");
      db.pragma("synchronous = NORMAL");
    } catch (e) {
      throw new InputError(
        { file: path },
        `cannot open the state store: ${(e as Error).message}`,
        "is it a merchops state file? move it away to start afresh",
      );
    }
    const store = new StateStore(db, path);
    store.migrate();
    return store;
  }

  get schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  private migrate(): void {
    const current = this.schemaVersion;
    if (current > MIGRATIONS.length) {
      throw new InputError(
        { file: this.path },
        `the state store has schema version ${current}, newer than this merchops knows (${MIGRATIONS.length})`,
        "upgrade merchops",
      );
    }
    // BEGIN IMMEDIATE: two processes opening a fresh file must not both run migration 1.
    const apply = this.db.transaction(() => {
      const now = this.db.pragma("user_version", { simple: true }) as number;
      for (let v = now; v < MIGRATIONS.length; v++) {
        this.db.exec(MIGRATIONS[v] as string);
        this.db.pragma(`user_version = ${v + 1}`);
      }
    });
    if (current < MIGRATIONS.length) apply.immediate();
  }

  /** Runs fn in one transaction (BEGIN IMMEDIATE): all of it lands or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  getMeta(store: string, key: string): string | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE store = ? AND key = ?").get(store, key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(store: string, key: string, value: string): void {
    this.db
      .prepare("INSERT INTO meta (store, key, value) VALUES (?, ?, ?) ON CONFLICT (store, key) DO UPDATE SET value = excluded.value")
      .run(store, key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
