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
  /** What the user should do next, printed on its own line after the message. */
  readonly hint: string | undefined;
  /**
   * True when the command already printed its result document for this failure (a catalog import
   * report listing the errors): with --json, stdout then holds that document and nothing else.
   */
  reported = false;
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.hint = hint;
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
    problem: string,
    hint?: string,
  ) {
    super(`${file}${key ? `: ${key}` : ""}: ${problem}`, hint);
  }
}

export interface InputLocation {
  file: string;
  /** 1-based row as a spreadsheet program shows it (the header is row 1). */
  row?: number;
  column?: string;
}

export function formatLocation(loc: InputLocation): string {
  let s = loc.file;
  if (loc.row !== undefined) s += `, row ${loc.row}`;
  if (loc.column !== undefined) s += `, column "${loc.column}"`;
  return s;
}

/** Input data that cannot be used: missing file, bad cell, wrong encoding. Exit 3. */
export class InputError extends MerchopsError {
  readonly exitCode = ExitCode.inputRejected;
  constructor(
    readonly location: InputLocation,
    problem: string,
    hint?: string,
  ) {
    super(`${formatLocation(location)}: ${problem}`, hint);
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
