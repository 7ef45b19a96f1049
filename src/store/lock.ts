/**
 * Per-store, per-job locks in the state store, so two cron runs of one job on one store never
 * interleave. A lock row names its holder (host, pid, command, start time) for the exit-6 message.
 *
 * - SQLite (one machine): the row is the lock. A holder that died (its pid is gone on this host, or
 *   its heartbeat stopped) is taken over rather than blocking forever.
 * - Postgres (several hosts): a session advisory lock per (store, job) on a connection of its own is
 *   the lock; the row only describes the holder. When the holder's session ends (the process exits
 *   or is killed: at once; its host vanishes: within LOCK_RELEASE_BOUND_SECONDS, by TCP keepalive),
 *   Postgres releases the lock, and the next run overwrites the stale row.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type pg from "pg";
import { InterruptedError, LockHeldError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";
import type { StateStore } from "./state-store.js";

const HEARTBEAT_MS = 15_000;
/** A holder on another host whose heartbeat is older than this is presumed dead (SQLite only). */
const STALE_MS = 120_000;

/** This host's name in lock rows: MERCHOPS_HOSTNAME overrides it (containers share generated names). */
export function hostName(): string {
  return process.env.MERCHOPS_HOSTNAME || hostname();
}

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  acquiredAt: Date;
}

export interface HeldLock {
  readonly holder: LockHolder;
  release(): Promise<void>;
}

interface LockRow {
  holder_pid: number;
  holder_host: string;
  holder_cmd: string;
  acquired_at: number;
  heartbeat_at: number;
  token: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holderAlive(row: LockRow, now: number): boolean {
  if (row.holder_host === hostName()) return processAlive(row.holder_pid);
  return now - row.heartbeat_at < STALE_MS;
}

const holderOf = (row: LockRow): LockHolder => ({
  pid: row.holder_pid,
  host: row.holder_host,
  command: row.holder_cmd,
  acquiredAt: new Date(row.acquired_at),
});

export function describeHolder(h: LockHolder): Message {
  return msg("lock.holder", { pid: h.pid, host: h.host, command: h.command, since: h.acquiredAt.toISOString() });
}

const UPSERT_ROW = `INSERT INTO locks (store, job, holder_pid, holder_host, holder_cmd, acquired_at, heartbeat_at, token)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (store, job) DO UPDATE SET holder_pid = excluded.holder_pid, holder_host = excluded.holder_host,
    holder_cmd = excluded.holder_cmd, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, token = excluded.token`;

type Attempt = { lock?: HeldLock; holder?: LockHolder };

function tryAcquireSqlite(state: StateStore, store: string, job: string, command: string): Attempt {
  const now = Date.now();
  const token = randomUUID();
  const db = state.db;
  const result = db
    .transaction((): Attempt => {
      const row = db.prepare("SELECT * FROM locks WHERE store = ? AND job = ?").get(store, job) as LockRow | undefined;
      if (row && holderAlive(row, now)) return { holder: holderOf(row) };
      db.prepare(UPSERT_ROW).run(store, job, process.pid, hostName(), command, now, now, token);
      return {};
    })
    .immediate();
  if (result.holder) return result;
  const heartbeat = setInterval(() => {
    state.sql
      .run("UPDATE locks SET heartbeat_at = ? WHERE store = ? AND job = ? AND token = ?", [Date.now(), store, job, token])
      // The database may be closing during shutdown; the next run judges liveness by pid anyway.
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    lock: {
      holder: { pid: process.pid, host: hostName(), command, acquiredAt: new Date(now) },
      async release() {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        if (db.open) db.prepare("DELETE FROM locks WHERE store = ? AND job = ? AND token = ?").run(store, job, token);
      },
    },
  };
}

/** The advisory lock key of (store, job): a 64-bit hash of both names. */
const ADVISORY_KEY = "hashtextextended($1, 0)";
const keyText = (store: string, job: string) => JSON.stringify(["merchops", store, job]);

async function tryAcquirePostgres(state: StateStore, store: string, job: string, command: string): Promise<Attempt> {
  const session: pg.Client = await state.openSession();
  const key = keyText(store, job);
  try {
    const got = await session.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${ADVISORY_KEY}) AS ok`, [key]);
    if (!got.rows[0]?.ok) {
      const row = await session.query<LockRow>("SELECT * FROM locks WHERE store = $1 AND job = $2", [store, job]);
      await session.end();
      const r = row.rows[0];
      // The holder took the lock and has not written its row yet: a run that is starting.
      return { holder: r ? holderOf(r) : { pid: 0, host: "another host", command: "a run that is starting", acquiredAt: new Date() } };
    }
    const now = Date.now();
    const token = randomUUID();
    let n = 0;
    await session.query(
      UPSERT_ROW.replace(/\?/g, () => `$${++n}`),
      [store, job, process.pid, hostName(), command, now, now, token],
    );
    let released = false;
    return {
      lock: {
        holder: { pid: process.pid, host: hostName(), command, acquiredAt: new Date(now) },
        async release() {
          if (released) return;
          released = true;
          try {
            await session.query("DELETE FROM locks WHERE store = $1 AND job = $2 AND token = $3", [store, job, token]);
            await session.query(`SELECT pg_advisory_unlock(${ADVISORY_KEY})`, [key]);
          } catch {
            // A dead session has released the lock already.
          }
          await session.end().catch(() => undefined);
        },
      },
    };
  } catch (e) {
    await session.end().catch(() => undefined);
    throw e;
  }
}

export interface AcquireOptions {
  /** Seconds to wait for the holder to finish; undefined = fail at once. */
  waitSeconds?: number;
  command: string;
  signal?: AbortSignal;
  onWait?: (holder: LockHolder) => void;
}

/** Takes the lock for (store, job), or throws LockHeldError naming the holder. */
export async function acquireLock(state: StateStore, store: string, job: string, opts: AcquireOptions): Promise<HeldLock> {
  const deadline = opts.waitSeconds === undefined ? 0 : Date.now() + opts.waitSeconds * 1000;
  let told = false;
  for (;;) {
    const { lock, holder } =
      state.backend === "postgres"
        ? await tryAcquirePostgres(state, store, job, opts.command)
        : tryAcquireSqlite(state, store, job, opts.command);
    if (lock) return lock;
    const h = holder as LockHolder;
    if (opts.signal?.aborted) throw new InterruptedError(msg("lock.interrupted", { job, store }));
    if (Date.now() >= deadline) {
      throw new LockHeldError(
        msg("lock.held", { job, store, holder: describeHolder(h) }),
        msg(opts.waitSeconds === undefined ? "lock.held_hint" : "lock.still_held_hint"),
      );
    }
    if (!told) {
      opts.onWait?.(h);
      told = true;
    }
    await new Promise((r) => setTimeout(r, state.backend === "postgres" ? 500 : 200));
  }
}

/** The locks held now, with their holders (for `state status`). */
export async function heldLocks(state: StateStore): Promise<({ store: string; job: string } & LockHolder)[]> {
  const rows = await state.sql.all<LockRow & { store: string; job: string }>("SELECT * FROM locks ORDER BY store, job");
  const now = Date.now();
  const out: ({ store: string; job: string } & LockHolder)[] = [];
  for (const r of rows) {
    let alive: boolean;
    if (state.backend === "postgres") {
      // A row outlives a killed holder: the lock is held only while Postgres says its session holds it.
      const held = await state.sql.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted
           AND ((classid::bigint << 32) | objid::bigint) = (hashtextextended(?, 0))`,
        [keyText(r.store, r.job)],
      );
      alive = (held?.n ?? 0) > 0;
    } else alive = holderAlive(r, now);
    if (alive) out.push({ store: r.store, job: r.job, ...holderOf(r) });
  }
  return out;
}
