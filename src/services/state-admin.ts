/**
 * `merchops state ...`: the state store's own upkeep. status (backend, schema version, pending
 * migrations, locks held), migrate (explicit for Postgres; SQLite migrates on open), and copy
 * (a whole state from one store to another: into team mode, or back).
 */
import { existsSync } from "node:fs";
import { InputError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import { COPIED_TABLES, copyState, type TableCopy } from "../store/copy.js";
import { parseStateLocation, type StateLocation } from "../store/location.js";
import { heldLocks, hostName, type LockHolder } from "../store/lock.js";
import { LOCK_RELEASE_BOUND_SECONDS, type StateStatus, StateStore } from "../store/state-store.js";
import type { RunContext } from "./context.js";

export interface StateStatusReport extends StateStatus {
  locks: ({ store: string; job: string } & LockHolder)[];
  /** Postgres: a vanished host's locks are released within this many seconds. */
  lockReleaseBoundSeconds: number | null;
}

const who = () => `${hostName()} pid ${process.pid}`;

export async function stateStatus(ctx: RunContext): Promise<StateStatusReport> {
  const state = await StateStore.open(ctx.stateLocation(), { migrations: "none" });
  try {
    const status = await state.status();
    // Before migration 1 there is no locks table to read.
    const locks = status.version > 0 ? await heldLocks(state) : [];
    return { ...status, locks, lockReleaseBoundSeconds: state.backend === "postgres" ? LOCK_RELEASE_BOUND_SECONDS : null };
  } finally {
    await state.close();
  }
}

export interface StateMigrateReport {
  backend: StateStatus["backend"];
  location: string;
  from: number;
  to: number;
  applied: number[];
}

export async function stateMigrate(ctx: RunContext): Promise<StateMigrateReport> {
  const state = await StateStore.open(ctx.stateLocation(), { migrations: "none" });
  try {
    const r = await state.migrate(who());
    return { backend: state.backend, location: state.where, ...r };
  } finally {
    await state.close();
  }
}

export interface StateCopyReport {
  from: string;
  to: string;
  tables: TableCopy[];
  elapsedMs: number;
}

function openSource(location: StateLocation): Promise<StateStore> {
  // Opening a SQLite path that is not there would create an empty state: a typo must not copy nothing.
  if (location.backend === "sqlite" && location.path !== ":memory:" && !existsSync(location.path)) {
    throw new InputError({ file: location.path }, msg("state.copy_source_missing"), msg("state.copy_source_hint"));
  }
  return StateStore.open(location);
}

export async function stateCopy(ctx: RunContext, opts: { from: string; to: string }): Promise<StateCopyReport> {
  const started = Date.now();
  const source = await openSource(parseStateLocation(opts.from, process.cwd()));
  try {
    // The target is migrated here: copying into it is the explicit step that asks for it.
    const target = await StateStore.open(parseStateLocation(opts.to, process.cwd()), { migrations: "none" });
    try {
      await target.migrate(who());
      ctx.progress.start(msg("progress.state.copying", { n: COPIED_TABLES.length }));
      const tables = await copyState(source, target, (t) => {
        ctx.progress.update(msg("progress.state.copied", { table: t.table, n: t.rows }));
        ctx.checkInterrupted();
      });
      ctx.progress.done();
      return { from: source.where, to: target.where, tables, elapsedMs: Date.now() - started };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
