/**
 * Per-store, per-job locks in the state store, so two cron runs of one job on one store never
 * interleave. A lock row names its holder; a holder that died (its pid is gone on this host, or
 * its heartbeat stopped) is taken over rather than blocking forever.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { InterruptedError, LockHeldError } from "../core/errors.js";
import type { StateStore } from "./state-store.js";

const HEARTBEAT_MS = 15_000;
/** A holder on another host whose heartbeat is older than this is presumed dead. */
const STALE_MS = 120_000;

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  acquiredAt: Date;
}

export interface HeldLock {
  readonly holder: LockHolder;
  release(): void;
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
  if (row.holder_host === hostname()) return processAlive(row.holder_pid);
  return now - row.heartbeat_at < STALE_MS;
}

export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on ${h.host} (${h.command}), since ${h.acquiredAt.toISOString()}`;
}

function tryAcquire(state: StateStore, store: string, job: string, command: string): { lock?: HeldLock; holder?: LockHolder } {
  const now = Date.now();
  const token = randomUUID();
  const result = state.transaction(() => {
    const row = state.db.prepare("SELECT * FROM locks WHERE store = ? AND job = ?").get(store, job) as LockRow | undefined;
    if (row && holderAlive(row, now)) {
      return { holder: { pid: row.holder_pid, host: row.holder_host, command: row.holder_cmd, acquiredAt: new Date(row.acquired_at) } };
    }
    state.db
      .prepare(
        `INSERT INTO locks (store, job, holder_pid, holder_host, holder_cmd, acquired_at, heartbeat_at, token)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (store, job) DO UPDATE SET holder_pid = excluded.holder_pid, holder_host = excluded.holder_host,
           holder_cmd = excluded.holder_cmd, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, token = excluded.token`,
      )
      .run(store, job, process.pid, hostname(), command, now, now, token);
    return {};
  });
  if (result.holder) return result;
  const heartbeat = setInterval(() => {
    try {
      state.db.prepare("UPDATE locks SET heartbeat_at = ? WHERE store = ? AND job = ? AND token = ?").run(Date.now(), store, job, token);
    } catch {
      // The database may be closing during shutdown; the next run judges liveness by pid anyway.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    lock: {
      holder: { pid: process.pid, host: hostname(), command, acquiredAt: new Date(now) },
      release() {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        if (state.db.open) state.db.prepare("DELETE FROM locks WHERE store = ? AND job = ? AND token = ?").run(store, job, token);
      },
    },
  };
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
    const { lock, holder } = tryAcquire(state, store, job, opts.command);
    if (lock) return lock;
    const h = holder as LockHolder;
    if (opts.signal?.aborted) throw new InterruptedError(`interrupted while waiting for the "${job}" lock on store "${store}"`);
    if (Date.now() >= deadline) {
      throw new LockHeldError(
        `another "${job}" run on store "${store}" holds the lock: ${describeHolder(h)}`,
        opts.waitSeconds === undefined
          ? "wait for it to finish, or pass --wait [seconds] to queue behind it"
          : "it is still running; raise --wait or check that process",
      );
    }
    if (!told) {
      opts.onWait?.(h);
      told = true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
