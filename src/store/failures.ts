/**
 * SQLite failures of the state store as the user's problem, not merchops' bug: a damaged file, a
 * full disk, a disk error, a lock another program keeps, a read-only file. better-sqlite3 throws
 * them from any query (a damaged page is found when it is read, mid-report), so the CLI maps what
 * reaches it; each names the state file and what to do, and never advises moving away a file
 * that is only on a full or failing disk.
 */
import { InputError, LockHeldError, type MerchopsError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";

/** The SQLite state files this process opened, newest last (for the file a failure names). */
const opened: string[] = [];

export function noteOpenedState(path: string): void {
  if (!opened.includes(path)) opened.push(path);
}

interface SqliteFailure {
  name: string;
  code?: unknown;
  message: string;
}

function isSqliteFailure(e: unknown): e is SqliteFailure {
  return e instanceof Error && e.name === "SqliteError" && typeof (e as SqliteFailure).code === "string";
}

/** The failure as an error naming `file`, or undefined when `e` is not one of SQLite's. */
export function sqliteFailure(e: unknown, file: string): MerchopsError | undefined {
  if (!isSqliteFailure(e)) return undefined;
  const code = String(e.code);
  const detail = e.message.split("\n")[0] ?? code;
  if (code === "SQLITE_CORRUPT" || code.startsWith("SQLITE_CORRUPT_") || code === "SQLITE_NOTADB") {
    return new InputError({ file }, msg("hostile.state.corrupt", { detail }), msg("hostile.state.corrupt_hint", { file }));
  }
  if (code === "SQLITE_FULL" || code === "SQLITE_IOERR" || code.startsWith("SQLITE_IOERR_")) {
    return new InputError({ file }, msg("hostile.state.disk", { detail }), msg("hostile.state.disk_hint"));
  }
  if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED" || code.startsWith("SQLITE_LOCKED_")) {
    return new LockHeldError(msg("hostile.state.busy", { file, detail }), msg("hostile.state.busy_hint"));
  }
  if (code === "SQLITE_READONLY" || code.startsWith("SQLITE_READONLY_") || code === "SQLITE_CANTOPEN" || code === "SQLITE_PERM") {
    return new InputError({ file }, msg("hostile.state.readonly", { detail }), msg("hostile.state.readonly_hint"));
  }
  return undefined;
}

/** A SQLite failure that reached the CLI, naming the state file last opened. */
export function stateFailure(e: unknown): MerchopsError | undefined {
  const file = opened.at(-1);
  return file === undefined ? undefined : sqliteFailure(e, file);
}
