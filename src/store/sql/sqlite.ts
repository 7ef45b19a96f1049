/**
 * The SQLite executor over better-sqlite3. Its calls are synchronous; the promises only give both
 * backends one surface. Prepared statements are cached by text, so a statement in a loop is
 * prepared once, as the hand-written code before it did.
 */
import type Database from "better-sqlite3";
import { Serial } from "./serial.js";
import { lastPerKey, type Params, type RunManyOptions, type Sql } from "./types.js";

export class SqliteSql implements Sql {
  readonly dialect = "sqlite" as const;
  private readonly cache = new Map<string, Database.Statement>();
  private readonly serial = new Serial();

  constructor(readonly db: Database.Database) {}

  private stmt(text: string): Database.Statement {
    let s = this.cache.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.cache.set(text, s);
    }
    return s;
  }

  all<T>(text: string, params: Params = []): Promise<T[]> {
    return this.serial.outside(() => this.stmt(text).all(...params) as T[]);
  }

  get<T>(text: string, params: Params = []): Promise<T | undefined> {
    return this.serial.outside(() => this.stmt(text).get(...params) as T | undefined);
  }

  run(text: string, params: Params = []): Promise<number> {
    return this.serial.outside(() => this.stmt(text).run(...params).changes);
  }

  runMany(text: string, rows: readonly Params[], opts: RunManyOptions = {}): Promise<void> {
    return this.serial.outside(() => {
      const s = this.stmt(text);
      for (const r of lastPerKey(rows, opts.key)) s.run(...r);
    });
  }

  exec(script: string): Promise<void> {
    return this.serial.outside(() => {
      this.db.exec(script);
    });
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.serial.inTransaction) return fn();
    return this.serial.exclusive(async () => {
      // IMMEDIATE: take the write lock now, so two processes never both read-then-write.
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const out = await fn();
        this.db.exec("COMMIT");
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
