/**
 * What a path given as an input spreadsheet must be: a regular file. Checked before it is opened,
 * because opening a FIFO with no writer blocks forever (a cron job that never ends), a symlink loop
 * fails with ELOOP, and a directory or device is never a spreadsheet. Each case is refused with exit 3
 * and a message saying what the path is.
 */
import { type Stats, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import { InputError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";

function refusal(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const at = { file: path };
  if (code === "ENOENT" || code === "ENOTDIR") return new InputError(at, msg("hostile.path.not_found"), msg("hostile.path.not_found_hint"));
  if (code === "ELOOP") return new InputError(at, msg("hostile.path.loop"), msg("hostile.path.loop_hint"));
  if (code === "EACCES" || code === "EPERM") return new InputError(at, msg("hostile.path.permission"), msg("hostile.path.permission_hint"));
  return new InputError(at, msg("hostile.path.unreadable", { code: code ?? String(e) }), msg("hostile.path.unreadable_hint"));
}

function checkKind(path: string, st: Stats): Stats {
  if (st.isDirectory()) throw new InputError({ file: path }, msg("hostile.path.directory"), msg("hostile.path.directory_hint"));
  if (!st.isFile()) throw new InputError({ file: path }, msg("hostile.path.special"), msg("hostile.path.special_hint"));
  return st;
}

/** The input's stats when it is a regular file (symbolic links followed); an InputError otherwise. */
export async function checkInputFile(path: string): Promise<Stats> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (e) {
    throw refusal(path, e);
  }
  return checkKind(path, st);
}

/** checkInputFile for synchronous callers. */
export function checkInputFileSync(path: string): Stats {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw refusal(path, e);
  }
  return checkKind(path, st);
}
