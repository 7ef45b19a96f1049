/**
 * The import journal: one row per import run (catalog or shipments), one per item it applied, so
 * an interrupted run is resumed (`--resume`) by skipping exactly what was applied. Item rows are
 * written in the same transaction as the local write they describe, or right after a remote
 * batch answered.
 */
import type { StateStore } from "./state-store.js";

export type RunStatus = "running" | "interrupted" | "failed" | "finished";

export interface JournalItem {
  key: string;
  status: string;
  remoteId?: string | null;
  message?: string | null;
}

export class ImportJournal {
  constructor(private readonly state: StateStore) {}

  /** The newest run of this input that did not finish, if any. */
  async unfinished(store: string, job: string, fingerprint: string): Promise<number | undefined> {
    const row = await this.state.sql.get<{ id: number }>(
      "SELECT id FROM import_runs WHERE store = ? AND job = ? AND fingerprint = ? AND status IN ('running', 'interrupted', 'failed') ORDER BY id DESC LIMIT 1",
      [store, job, fingerprint],
    );
    return row?.id;
  }

  async start(store: string, job: string, fingerprint: string, mode: string, at = Date.now()): Promise<number> {
    const row = await this.state.sql.get<{ id: number }>(
      "INSERT INTO import_runs (store, job, fingerprint, mode, started_at, status) VALUES (?, ?, ?, ?, ?, 'running') RETURNING id",
      [store, job, fingerprint, mode, at],
    );
    return Number(row?.id);
  }

  async reopen(runId: number): Promise<void> {
    await this.state.sql.run("UPDATE import_runs SET status = 'running' WHERE id = ?", [runId]);
  }

  async finish(runId: number, status: Exclude<RunStatus, "running">, at = Date.now()): Promise<void> {
    await this.state.sql.run("UPDATE import_runs SET status = ?, finished_at = ? WHERE id = ?", [status, at, runId]);
  }

  /** What the run already applied, among these keys. */
  async done(runId: number, keys: readonly string[]): Promise<Map<string, { status: string; message: string | null }>> {
    if (keys.length === 0) return new Map();
    const rows = await this.state.sql.all<{ key: string; status: string; message: string | null }>(
      "SELECT i.key, i.status, i.message FROM json_each(?) j CROSS JOIN import_items i WHERE i.run_id = ? AND i.key = j.value",
      [JSON.stringify(keys), runId],
    );
    return new Map(rows.map((r) => [r.key, { status: r.status, message: r.message }]));
  }

  async record(runId: number, items: readonly JournalItem[]): Promise<void> {
    await this.state.sql.runMany(
      "INSERT INTO import_items (run_id, key, status, remote_id, message) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET status = excluded.status, remote_id = excluded.remote_id, message = excluded.message",
      items.map((i) => [runId, i.key, i.status, i.remoteId ?? null, i.message ?? null]),
      { key: (r) => String(r[1]) },
    );
  }
}
