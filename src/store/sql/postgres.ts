/**
 * The Postgres executor over node-postgres: one connection per process (a CLI run is one job), so
 * a transaction is BEGIN ... COMMIT on that connection. Statements arrive in SQLite's spelling and
 * are translated once per text (see translate()).
 */
import pg from "pg";
import { RemoteError } from "../../core/errors.js";
import { msg } from "../../core/i18n/index.js";
import type { StateLocation } from "../location.js";
import { PG_KEEPALIVE } from "./keepalive.js";
import { Serial } from "./serial.js";
import { lastPerKey, type Params, type RunManyOptions, type Sql } from "./types.js";

/** Postgres caps one statement at 65,535 parameters; smaller chunks also keep each round trip short. */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 1_000;

const translated = new Map<string, string>();

/**
 * SQLite spelling -> Postgres: `?` -> `$n`; `json_each(?) alias` -> a jsonb array's elements as a
 * `value` column; `INDEXED BY` (a SQLite planner hint) dropped; `INSERT OR IGNORE` -> ON CONFLICT
 * DO NOTHING. Statements never hold `?` inside string literals.
 */
export function translate(text: string): string {
  let out = translated.get(text);
  if (out !== undefined) return out;
  out = text
    .replace(/json_each\(\?\)(?:\s+(?!WHERE|CROSS|ORDER|JOIN|UNION|ON|LIMIT)(\w+))?/gi, (_m, alias: string | undefined) => {
      return `jsonb_array_elements_text(?::jsonb) AS ${alias ?? "json_each"}(value)`;
    })
    .replace(/\s+INDEXED BY \w+/gi, "");
  let ignore = false;
  out = out.replace(/INSERT OR IGNORE INTO/gi, () => {
    ignore = true;
    return "INSERT INTO";
  });
  if (ignore) out = `${out.trimEnd()} ON CONFLICT DO NOTHING`;
  let n = 0;
  out = out.replace(/\?/g, () => `$${++n}`);
  translated.set(text, out);
  return out;
}

/** int8 (COUNT, BIGINT columns: epoch milliseconds) and numeric (SUM) as JS numbers: all fit in 2^53. */
export const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/** A dropped connection or a terminated backend is the remote system failing (exit 5), named. */
export function pgFailure(e: unknown, where: string): unknown {
  const err = e as { code?: string; message?: string };
  const dropped =
    err.code === "57P01" ||
    err.code === "57P02" ||
    err.code === "57P03" ||
    err.code === "08006" ||
    err.code === "08003" ||
    err.code === "ECONNRESET" ||
    err.code === "ECONNREFUSED" ||
    /Connection terminated|not queryable|Client was closed/i.test(err.message ?? "");
  if (!dropped) return e;
  return new RemoteError(msg("state.pg_failed", { where, reason: err.message ?? String(e) }), msg("state.pg_failed_hint"));
}

export class PostgresSql implements Sql {
  readonly dialect = "postgres" as const;
  private readonly serial = new Serial();
  private broken: unknown;

  constructor(
    readonly client: pg.Client,
    readonly where: string,
  ) {
    // A backend that dies between statements is reported by the next statement, not as an unhandled event.
    client.on("error", (e) => {
      this.broken = e;
    });
  }

  private async query<T>(text: string, params: Params): Promise<pg.QueryResult & { rows: T[] }> {
    if (this.broken) throw pgFailure(this.broken, this.where);
    try {
      return (await this.client.query(translate(text), params as unknown[])) as pg.QueryResult & { rows: T[] };
    } catch (e) {
      throw pgFailure(e, this.where);
    }
  }

  all<T>(text: string, params: Params = []): Promise<T[]> {
    return this.serial.outside(async () => (await this.query<T>(text, params)).rows);
  }

  get<T>(text: string, params: Params = []): Promise<T | undefined> {
    return this.serial.outside(async () => (await this.query<T>(text, params)).rows[0]);
  }

  run(text: string, params: Params = []): Promise<number> {
    return this.serial.outside(async () => (await this.query(text, params)).rowCount ?? 0);
  }

  runMany(text: string, rows: readonly Params[], opts: RunManyOptions = {}): Promise<void> {
    return this.serial.outside(async () => {
      const unique = lastPerKey(rows, opts.key);
      if (unique.length === 0) return;
      const m = /VALUES\s*\(([?,\s]+)\)/i.exec(text);
      if (!m) throw new Error(`runMany needs INSERT ... VALUES (?, ...): ${text.slice(0, 80)}`);
      const width = (m[1] as string).split(",").length;
      const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / width)));
      const tuple = `(${Array(width).fill("?").join(", ")})`;
      for (let i = 0; i < unique.length; i += per) {
        const chunk = unique.slice(i, i + per);
        const values = Array(chunk.length).fill(tuple).join(", ");
        const sql = `${text.slice(0, m.index)}VALUES ${values}${text.slice(m.index + m[0].length)}`;
        await this.query(sql, chunk.flat());
      }
    });
  }

  exec(script: string): Promise<void> {
    return this.serial.outside(async () => {
      await this.query(script, []);
    });
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.serial.inTransaction) return fn();
    return this.serial.exclusive(async () => {
      await this.query("BEGIN", []);
      try {
        const out = await fn();
        await this.query("COMMIT", []);
        return out;
      } catch (e) {
        // A dead connection has rolled back on the server already.
        await this.client.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** Connects with keepalives set on both ends (see PG_KEEPALIVE); a refused connection is exit 5, named. */
export async function connectPostgres(location: Extract<StateLocation, { backend: "postgres" }>): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: location.connectionString,
    ...(location.password !== undefined ? { password: location.password } : {}),
    types: pgTypes,
    application_name: "merchops",
    keepAlive: true,
    keepAliveInitialDelayMillis: PG_KEEPALIVE.idle * 1000,
    options: `-c tcp_keepalives_idle=${PG_KEEPALIVE.idle} -c tcp_keepalives_interval=${PG_KEEPALIVE.interval} -c tcp_keepalives_count=${PG_KEEPALIVE.count}`,
    connectionTimeoutMillis: 15_000,
  });
  // Errors after connect are surfaced by the next query (PostgresSql); an unhandled 'error' would crash.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    // Refused or dropped while connecting: nothing ran yet, so no "batch rolled back", only where and why.
    const err = e as { code?: string; message?: string };
    throw new RemoteError(
      msg("state.pg_connect_failed", { where: location.display, reason: err.message ?? String(e) }),
      msg(err.code === "28P01" || err.code === "28000" ? "state.pg_auth_hint" : "state.pg_connect_hint"),
    );
  }
  return client;
}
