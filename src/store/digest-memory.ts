/**
 * What the morning digest already reported, per store: a finding is "new" the first time a digest
 * reports it and "still open" afterwards. Keys are the findings' stable identities (see
 * core/digest/findings.ts); the memory never stores figures, so a finding's numbers may move
 * without making it new again.
 */
import type { StateStore } from "./state-store.js";

export class DigestMemory {
  constructor(
    private readonly state: StateStore,
    private readonly store: string,
  ) {}

  /** The keys among `keys` that an earlier digest reported. */
  async reported(keys: readonly string[]): Promise<Set<string>> {
    const rows = await this.state.sql.all<{ key: string }>(
      "SELECT d.key FROM json_each(?) j CROSS JOIN digest_findings d WHERE d.store = ? AND d.key = j.value",
      [JSON.stringify(keys), this.store],
    );
    return new Set(rows.map((r) => r.key));
  }

  /** Records the findings of a digest that reached its readers; first_reported is kept for known ones. */
  async remember(findings: readonly { key: string; section: string }[], at: Date): Promise<void> {
    const t = at.getTime();
    await this.state.sql.runMany(
      `INSERT INTO digest_findings (store, key, section, first_reported, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (store, key) DO UPDATE SET last_seen = excluded.last_seen`,
      findings.map((f) => [this.store, f.key, f.section, t, t]),
      { key: (r) => String(r[1]) },
    );
  }

  /**
   * Forgets the findings of these sections that are no longer there (resolved), so one that
   * comes back is new again. Only sections that ran are passed: an n/a section forgets nothing.
   */
  async forgetResolved(sections: readonly string[], current: readonly string[]): Promise<number> {
    if (sections.length === 0) return 0;
    const keep = new Set(current);
    const rows = await this.state.sql.all<{ key: string }>(
      "SELECT key FROM digest_findings WHERE store = ? AND section IN (SELECT value FROM json_each(?))",
      [this.store, JSON.stringify(sections)],
    );
    const gone = rows.map((r) => r.key).filter((k) => !keep.has(k));
    if (gone.length > 0)
      await this.state.sql.run("DELETE FROM digest_findings WHERE store = ? AND key IN (SELECT value FROM json_each(?))", [
        this.store,
        JSON.stringify(gone),
      ]);
    return gone.length;
  }

  /** When the last digest of this store ran (null: never). */
  async lastDigestAt(): Promise<Date | null> {
    const row = await this.state.sql.get<{ at: number | null }>("SELECT MAX(last_seen) AS at FROM digest_findings WHERE store = ?", [
      this.store,
    ]);
    return row?.at ? new Date(row.at) : null;
  }
}

export interface SyncRun {
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
  /** The last run's start, and its completion: null while it runs, or when it failed or was killed. */
  runStartedAt: Date | null;
  runCompletedAt: Date | null;
}

/**
 * The one record of each store's syncs (migration 12): the last run (started, completed) for the
 * reports that read the synced data, and the last success and failure for the digest's staleness
 * checks.
 */
export class SyncRuns {
  constructor(private readonly state: StateStore) {}

  async started(store: string, stream: string, at: Date): Promise<void> {
    await this.state.sql.run(
      `INSERT INTO sync_runs (store, stream, run_started_at, run_completed_at) VALUES (?, ?, ?, NULL)
       ON CONFLICT (store, stream) DO UPDATE SET run_started_at = excluded.run_started_at, run_completed_at = NULL`,
      [store, stream, at.getTime()],
    );
  }

  async succeeded(store: string, stream: string, at: Date): Promise<void> {
    await this.state.sql.run(
      `INSERT INTO sync_runs (store, stream, last_success_at, run_completed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (store, stream) DO UPDATE SET last_success_at = excluded.last_success_at, run_completed_at = excluded.run_completed_at`,
      [store, stream, at.getTime(), at.getTime()],
    );
  }

  async failed(store: string, stream: string, at: Date, error: string): Promise<void> {
    await this.state.sql.run(
      `INSERT INTO sync_runs (store, stream, last_failure_at, last_error) VALUES (?, ?, ?, ?)
       ON CONFLICT (store, stream) DO UPDATE SET last_failure_at = excluded.last_failure_at, last_error = excluded.last_error`,
      [store, stream, at.getTime(), error.slice(0, 500)],
    );
  }

  async get(store: string, stream: string): Promise<SyncRun | null> {
    const row = await this.state.sql.get<{
      last_success_at: number | null;
      last_failure_at: number | null;
      last_error: string | null;
      run_started_at: number | null;
      run_completed_at: number | null;
    }>(
      "SELECT last_success_at, last_failure_at, last_error, run_started_at, run_completed_at FROM sync_runs WHERE store = ? AND stream = ?",
      [store, stream],
    );
    if (!row) return null;
    const at = (ms: number | null) => (ms !== null ? new Date(ms) : null);
    return {
      lastSuccessAt: at(row.last_success_at),
      lastFailureAt: at(row.last_failure_at),
      lastError: row.last_error,
      runStartedAt: at(row.run_started_at),
      runCompletedAt: at(row.run_completed_at),
    };
  }
}
