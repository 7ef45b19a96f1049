import { shownPath } from "./echo.js";
import { english, type Message, msg } from "./i18n/index.js";

/**
 * Typed errors. Everything below src/cli.ts throws one of these; only cli.ts turns them into an
 * exit code and a message. An expected error carries a message for the user and the next step;
 * anything else reaching cli.ts is a bug and exits 1.
 */

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  inputRejected: 3,
  thresholdBreached: 4,
  remoteFailed: 5,
  locked: 6,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class MerchopsError extends Error {
  abstract readonly exitCode: ExitCodeValue;
  /** What the user should do next, printed on its own line after the message (English). */
  readonly hint: string | undefined;
  /** The message as catalog id + params (or a final text): the CLI renders it in the run's language. */
  readonly text: Message | string;
  readonly hintText: Message | string | undefined;
  /**
   * True when the command already printed its result document for this failure (a catalog import
   * report listing the errors): with --json, stdout then holds that document and nothing else.
   */
  reported = false;
  constructor(message: string | Message, hint?: string | Message, options?: { cause?: unknown }) {
    // Error.message stays English: stacks, logs and the JSON error document are read by people who grep.
    super(english(message), options);
    this.name = new.target.name;
    this.text = message;
    this.hintText = hint;
    this.hint = hint === undefined ? undefined : english(hint);
  }
}

/** Wrong flags or arguments, unknown store, missing capability. Exit 2. */
export class UsageError extends MerchopsError {
  readonly exitCode = ExitCode.usage;
}

/** A config file problem: names the file and the key. Exit 2. */
export class ConfigError extends MerchopsError {
  readonly exitCode = ExitCode.usage;
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    problem: string | Message,
    hint?: string | Message,
  ) {
    super(key ? msg("error.config_key", { file, key, problem }) : msg("error.config", { file, problem }), hint);
  }
}

export interface InputLocation {
  file: string;
  /** 1-based row as a spreadsheet program shows it (the header is row 1). */
  row?: number;
  column?: string;
}

export function formatLocation(loc: InputLocation): string {
  return english(locationMessage(loc));
}

/** "orders.csv, row 3, column "SKU"" as a message, so the words around the names are translated. */
export function locationMessage(loc: InputLocation): Message | string {
  const file = shownPath(loc.file);
  let where: Message | string = file;
  if (loc.row !== undefined) where = msg("loc.row", { file, row: String(loc.row) });
  if (loc.column !== undefined) where = msg("loc.column", { where, column: loc.column });
  return where;
}

/** Input data that cannot be used: missing file, bad cell, wrong encoding. Exit 3. */
export class InputError extends MerchopsError {
  readonly exitCode = ExitCode.inputRejected;
  constructor(
    readonly location: InputLocation,
    /** What is wrong, without the location (a list of problems groups by it). */
    readonly problem: string | Message,
    hint?: string | Message,
  ) {
    super(msg("error.input", { where: locationMessage(location), problem }), hint);
  }
}

/** A report found a metric past its threshold and --fail-on-breach was given. Exit 4. */
export class ThresholdBreachedError extends MerchopsError {
  readonly exitCode = ExitCode.thresholdBreached;
}

/** A remote system refused or could not be reached after retries. Exit 5. */
export class RemoteError extends MerchopsError {
  readonly exitCode = ExitCode.remoteFailed;
}

/** Another run holds the lock for this store and job. Exit 6. */
export class LockHeldError extends MerchopsError {
  readonly exitCode = ExitCode.locked;
}

/** The user pressed Ctrl-C or the process got SIGTERM. Exit 130. */
export class InterruptedError extends MerchopsError {
  readonly exitCode = ExitCode.interrupted;
}

export function isMerchopsError(e: unknown): e is MerchopsError {
  return e instanceof MerchopsError;
}
