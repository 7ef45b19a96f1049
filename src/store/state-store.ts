/**
 * The state store: the local stores' data, sync bookmarks, import journals, shipments, price
 * snapshots, locks and run history. Two backends behind one query surface (sql/types.ts):
 *
 * - SQLite (default, one machine): one file, default .merchops/state.db; migrations run on open in a
 *   transaction; `PRAGMA user_version` records how far a file has come.
 * - PostgreSQL (team mode: several hosts share one truth): migrations run only when asked
 *   (`merchops state migrate`), recorded in `schema_migrations`, under an advisory lock so two hosts
 *   migrating at once apply each migration once. A database behind on migrations is refused.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { InputError, UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import { noteOpenedState, sqliteFailure } from "./failures.js";
import type { StateLocation } from "./location.js";
import { MIGRATIONS, migrationSql } from "./migrations.js";
import { SqliteSql } from "./sql/sqlite.js";
import type { Sql } from "./sql/types.js";

export { LOCK_RELEASE_BOUND_SECONDS } from "./sql/keepalive.js";

/** Advisory lock key of the migration lock (any fixed bigint; the per-job locks hash their names). */
const MIGRATION_LOCK_KEY = "7346128450120371";

export interface StateStatus {
  backend: "sqlite" | "postgres";
  location: string;
  version: number;
  latest: number;
  pending: number;
}

export class StateStore {
  private constructor(
    readonly sql: Sql,
    readonly location: StateLocation,
  ) {}

  get backend(): "sqlite" | "postgres" {
    return this.location.backend;
  }

  /** Where the state is, for messages (a Postgres URL never holds a password). */
  get where(): string {
    return this.location.backend === "sqlite" ? this.location.path : this.location.display;
  }

  /** SQLite's own connection, for code that has not moved to `sql` yet (and tests). */
  get db(): Database.Database {
    if (this.sql instanceof SqliteSql) return this.sql.db;
    throw new Error("state.db is SQLite only: use state.sql");
  }

  /** Opens a SQLite state file, creating and migrating it as needed. */
  static openSqlite(path: string): StateStore {
    if (path !== ":memory:") {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (e) {
        throw new InputError({ file: path }, msg("state.mkdir_failed", { reason: (e as Error).message }), msg("state.mkdir_hint"));
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
      // A full or failing disk, or a lock, is said as such: "move it away" is advice for a damaged or foreign file only.
      const code = String((e as { code?: unknown }).code ?? "");
      const foreign = code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT");
      const known = foreign ? undefined : sqliteFailure(e, path);
      if (known) throw known;
      throw new InputError({ file: path }, msg("state.open_failed", { reason: (e as Error).message }), msg("state.open_hint"));
    }
    noteOpenedState(path);
    const store = new StateStore(new SqliteSql(db), { backend: "sqlite", path });
    store.migrateSqlite();
    return store;
  }

  /**
   * A second connection to this SQLite file, read only: it sees what is committed and never this
   * connection's open transaction (a catalog import checks its input against the store as it was
   * while it writes). Undefined for an in-memory file, which no other connection can open.
   */
  readOnlyTwin(): StateStore | undefined {
    if (this.location.backend !== "sqlite" || this.location.path === ":memory:") return undefined;
    const db = new Database(this.location.path, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    return new StateStore(new SqliteSql(db), this.location);
  }

  /**
   * Opens the state where `location` says. Postgres: `check` refuses a database behind on
   * migrations (the normal case); `none` opens it as it is (`state status`, `state migrate`).
   */
  static async open(location: StateLocation, opts: { migrations?: "check" | "none" } = {}): Promise<StateStore> {
    if (location.backend === "sqlite") return StateStore.openSqlite(location.path);
    // node-postgres loads only for a Postgres state: a SQLite run starts as fast as before.
    const { PostgresSql, connectPostgres } = await import("./sql/postgres.js");
    const client = await connectPostgres(location);
    const store = new StateStore(new PostgresSql(client, location.display), location);
    if (opts.migrations !== "none") {
      try {
        const { version, latest } = await store.status();
        if (version > latest) {
          throw new UsageError(msg("state.too_new", { where: location.display, version, latest }), msg("state.upgrade_hint"));
        }
        if (version < latest) {
          throw new UsageError(msg("state.behind", { where: location.display, version, latest }), msg("state.behind_hint"));
        }
      } catch (e) {
        await store.close();
        throw e;
      }
    }
    return store;
  }

  /** The schema version the store is at. */
  async schemaVersion(): Promise<number> {
    if (this.sql instanceof SqliteSql) return this.sql.db.pragma("user_version", { simple: true }) as number;
    const exists = await this.sql.get<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
    if (!exists?.t) return 0;
    const row = await this.sql.get<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
    return row?.v ?? 0;
  }

  async status(): Promise<StateStatus> {
    const version = await this.schemaVersion();
    return {
      backend: this.backend,
      location: this.where,
      version,
      latest: MIGRATIONS.length,
      pending: Math.max(0, MIGRATIONS.length - version),
    };
  }

  private migrateSqlite(): void {
    const db = this.db;
    const current = db.pragma("user_version", { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new InputError(
        { file: this.where },
        msg("state.too_new_here", { version: current, latest: MIGRATIONS.length }),
        msg("state.upgrade_hint"),
      );
    }
    // BEGIN IMMEDIATE: two processes opening a fresh file must not both run migration 1.
    const apply = db.transaction(() => {
      const now = db.pragma("user_version", { simple: true }) as number;
      for (let v = now; v < MIGRATIONS.length; v++) {
        db.exec(migrationSql(MIGRATIONS[v] as string, "sqlite"));
        db.pragma(`user_version = ${v + 1}`);
      }
    });
    if (current < MIGRATIONS.length) apply.immediate();
  }

  /**
   * Applies the pending migrations. Postgres: under a session advisory lock, so a second host
   * running it at the same time waits and then finds nothing to do; each migration commits with
   * its row in schema_migrations.
   */
  async migrate(by: string): Promise<{ from: number; to: number; applied: number[] }> {
    if (this.sql instanceof SqliteSql) {
      // Opening a SQLite store already migrated it.
      const v = await this.schemaVersion();
      return { from: v, to: v, applied: [] };
    }
    const sql = this.sql;
    await sql.run(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await sql.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version    INTEGER PRIMARY KEY,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
           applied_by TEXT NOT NULL
         )`,
      );
      const from = await this.schemaVersion();
      if (from > MIGRATIONS.length) {
        throw new UsageError(
          msg("state.too_new", { where: this.where, version: from, latest: MIGRATIONS.length }),
          msg("state.upgrade_hint"),
        );
      }
      const applied: number[] = [];
      for (let v = from; v < MIGRATIONS.length; v++) {
        await sql.transaction(async () => {
          await sql.exec(migrationSql(MIGRATIONS[v] as string, "postgres"));
          await sql.run("INSERT INTO schema_migrations (version, applied_by) VALUES (?, ?)", [v + 1, by]);
        });
        applied.push(v + 1);
      }
      return { from, to: MIGRATIONS.length, applied };
    } finally {
      await sql.run(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => undefined);
    }
  }

  /** Runs fn in one transaction: all of it lands or none. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.sql.transaction(fn);
  }

  async getMeta(store: string, key: string): Promise<string | undefined> {
    const row = await this.sql.get<{ value: string }>("SELECT value FROM meta WHERE store = ? AND key = ?", [store, key]);
    return row?.value;
  }

  async setMeta(store: string, key: string, value: string): Promise<void> {
    await this.sql.run(
      "INSERT INTO meta (store, key, value) VALUES (?, ?, ?) ON CONFLICT (store, key) DO UPDATE SET value = excluded.value",
      [store, key, value],
    );
  }

  /** A sync bookmark's value (JSON text), or undefined before the first sync. */
  async getBookmark(store: string, stream: string): Promise<string | undefined> {
    const row = await this.sql.get<{ value: string }>("SELECT value FROM sync_bookmarks WHERE store = ? AND stream = ?", [store, stream]);
    return row?.value;
  }

  async setBookmark(store: string, stream: string, value: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO sync_bookmarks (store, stream, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (store, stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [store, stream, value, Date.now()],
    );
  }

  /** A second connection of its own (Postgres), for a session advisory lock that must outlive transactions. */
  async openSession(): Promise<pg.Client> {
    if (this.location.backend !== "postgres") throw new Error("openSession is Postgres only");
    const { connectPostgres } = await import("./sql/postgres.js");
    return connectPostgres(this.location);
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}
