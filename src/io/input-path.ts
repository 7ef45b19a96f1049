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
  // Node reads the command line as UTF-8: a name with other bytes arrives with U+FFFD and cannot be opened.
  if (code === "ENOENT" && path.includes("\uFFFD"))
    return new InputError(at, msg("hostile.path.not_utf8"), msg("hostile.path.not_utf8_hint"));
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

/**
 * The spreadsheets this run reads, by device and inode: an output path that is one of them (the
 * same name, a hard link or a symbolic link to it) would replace the merchant's file with a report
 * (`catalog import in.csv --results in.csv` did). Outputs ask `refuseInputAsOutput` first.
 */
const dataInputs = new Set<string>();

const identity = (st: Stats): string => `${st.dev}:${st.ino}`;

/** checkInputFile for a spreadsheet this run reads: remembered so that no output replaces it. */
export async function checkDataInput(path: string): Promise<Stats> {
  const st = await checkInputFile(path);
  dataInputs.add(identity(st));
  return st;
}

/** checkDataInput for synchronous callers. */
export function checkDataInputSync(path: string): Stats {
  const st = checkInputFileSync(path);
  dataInputs.add(identity(st));
  return st;
}

/** Refuses an output path that is a spreadsheet this run reads (exit 3); a new or other file passes. */
export async function refuseInputAsOutput(path: string): Promise<void> {
  if (dataInputs.size === 0) return;
  let st: Stats;
  try {
    st = await stat(path);
  } catch {
    return;
  }
  if (dataInputs.has(identity(st))) {
    throw new InputError({ file: path }, msg("hostile.out.is_input"), msg("hostile.out.is_input_hint"));
  }
}

/**
 * Before a run does any work: none of `outputs` is one of `inputs` (so an import is not applied
 * and then unable to write its report). Inputs that do not exist are left to the reader to name.
 */
export async function refuseOutputsOverInputs(inputs: readonly string[], outputs: readonly (string | undefined)[]): Promise<void> {
  for (const f of inputs) {
    try {
      dataInputs.add(identity(await stat(f)));
    } catch {
      // named by the reader
    }
  }
  for (const o of outputs) if (o !== undefined && o !== "-") await refuseInputAsOutput(o);
}
