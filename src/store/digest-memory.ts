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
  reported(keys: readonly string[]): Set<string> {
    const known = new Set<string>();
    const stmt = this.state.db.prepare("SELECT 1 FROM digest_findings WHERE store = ? AND key = ?");
    for (const k of keys) if (stmt.get(this.store, k)) known.add(k);
    return known;
  }

  /** Records the findings of a digest that reached its readers; first_reported is kept for known ones. */
  remember(findings: readonly { key: string; section: string }[], at: Date): void {
    const stmt = this.state.db.prepare(
      `INSERT INTO digest_findings (store, key, section, first_reported, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (store, key) DO UPDATE SET last_seen = excluded.last_seen`,
    );
    const t = at.getTime();
    this.state.transaction(() => {
      for (const f of findings) stmt.run(this.store, f.key, f.section, t, t);
    });
  }

  /**
   * Forgets the findings of these sections that are no longer there (resolved), so one that
   * comes back is new again. Only sections that ran are passed: an n/a section forgets nothing.
   */
  forgetResolved(sections: readonly string[], current: readonly string[]): number {
    if (sections.length === 0) return 0;
    const keep = new Set(current);
    const rows = this.state.db
      .prepare(`SELECT key FROM digest_findings WHERE store = ? AND section IN (${sections.map(() => "?").join(", ")})`)
      .all(this.store, ...sections) as { key: string }[];
    const gone = rows.map((r) => r.key).filter((k) => !keep.has(k));
    const del = this.state.db.prepare("DELETE FROM digest_findings WHERE store = ? AND key = ?");
    this.state.transaction(() => {
      for (const k of gone) del.run(this.store, k);
    });
    return gone.length;
  }

  /** When the last digest of this store ran (null: never). */
  lastDigestAt(): Date | null {
    const row = this.state.db.prepare("SELECT MAX(last_seen) AS at FROM digest_findings WHERE store = ?").get(this.store) as
      | { at: number | null }
      | undefined;
    return row?.at ? new Date(row.at) : null;
  }
}

export interface SyncRun {
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
}

/** The outcome of each store's last orders (or other stream) sync, for staleness checks. */
export class SyncRuns {
  constructor(private readonly state: StateStore) {}

  succeeded(store: string, stream: string, at: Date): void {
    this.state.db
      .prepare(
        `INSERT INTO sync_runs (store, stream, last_success_at) VALUES (?, ?, ?)
         ON CONFLICT (store, stream) DO UPDATE SET last_success_at = excluded.last_success_at`,
      )
      .run(store, stream, at.getTime());
  }

  failed(store: string, stream: string, at: Date, error: string): void {
    this.state.db
      .prepare(
        `INSERT INTO sync_runs (store, stream, last_failure_at, last_error) VALUES (?, ?, ?, ?)
         ON CONFLICT (store, stream) DO UPDATE SET last_failure_at = excluded.last_failure_at, last_error = excluded.last_error`,
      )
      .run(store, stream, at.getTime(), error.slice(0, 500));
  }

  get(store: string, stream: string): SyncRun | null {
    const row = this.state.db
      .prepare("SELECT last_success_at, last_failure_at, last_error FROM sync_runs WHERE store = ? AND stream = ?")
      .get(store, stream) as { last_success_at: number | null; last_failure_at: number | null; last_error: string | null } | undefined;
    if (!row) return null;
    return {
      lastSuccessAt: row.last_success_at !== null ? new Date(row.last_success_at) : null,
      lastFailureAt: row.last_failure_at !== null ? new Date(row.last_failure_at) : null,
      lastError: row.last_error,
    };
  }
}
