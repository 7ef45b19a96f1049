/**
 * Logs go to stderr, results to stdout. --quiet keeps only errors: cron mails any output, so a
 * quiet run that went well prints nothing (its warnings are in the report's notes and JSON); a
 * --fail-on-breach exit prints its one summary line (src/cli.ts). --verbose adds debug lines. Every line
 * passes through the redactor, so a secret that reaches a message never reaches the terminal.
 */

import type { Logger } from "../adapters/platform.js";
import { boundEchoes, neutralizeControls } from "../core/echo.js";
import type { Message } from "../core/i18n/index.js";
import { tr } from "./i18n.js";
import { hangingLine } from "./layout.js";
import { paint, terminalWidth } from "./terminal.js";

export type Redactor = (text: string) => string;

export interface CliLogger extends Logger {
  error(message: Message | string): void;
}

export function createLogger(opts: {
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  redact: Redactor;
  write?: (s: string) => void;
  /** Display columns stderr lines wrap at (stderrWidth()); undefined keeps each line whole. */
  width?: number | undefined;
}): CliLogger {
  const p = paint(opts.color);
  // The message, not the line: the line's own colours are escape codes too.
  const text = (m: Message | string) => neutralizeControls(tr.text(m));
  const out = opts.write ?? ((s: string) => process.stderr.write(s));
  const line = (s: string) => out(`${opts.redact(s)}\n`);
  const prefixed = (id: "cli.warning_line" | "cli.error_line", m: Message | string, colour: (s: string) => string) =>
    prefixedLine(id, opts.redact(text(m)), opts.width, colour);
  return {
    info: (m) => {
      if (!opts.quiet) line(hangingLine("", opts.redact(text(m)), opts.width));
    },
    warn: (m) => {
      if (!opts.quiet) line(prefixed("cli.warning_line", m, p.yellow));
    },
    debug: (m) => {
      if (opts.verbose) line(p.dim(text(m)));
    },
    error: (m) => line(prefixed("cli.error_line", m, p.red)),
  };
}

/**
 * "warning: …" / "错误：…" with the text wrapped to `width`, continuation lines under the text. The
 * prefix is coloured apart from the message: the line is rendered with a marker, then the prefix painted.
 */
export function prefixedLine(
  id: "cli.warning_line" | "cli.error_line",
  message: string,
  width: number | undefined,
  colour: (s: string) => string = (s) => s,
): string {
  const [before = "", after = ""] = tr(id, { message: "\u0000" }).split("\u0000");
  return hangingLine(`${colour(before.trimEnd())}${before.endsWith(" ") ? " " : ""}`, `${message}${after}`, width);
}

/** A hint under an error ("  → run again later"), wrapped like it. */
export function hintLine(hint: string, width: number | undefined): string {
  return hangingLine("  → ", hint, width);
}

/**
 * The width stderr lines wrap at: stderr's terminal, else COLUMNS (the tables' own helper). When
 * neither says (stderr piped into a log file or a cron mail), lines stay whole: a log is grepped for
 * a message, and a mailer wraps its own lines. None with --wide.
 */
export function stderrWidth(
  wide: boolean,
  env: NodeJS.ProcessEnv = process.env,
  stream: { isTTY?: boolean; columns?: number } = process.stderr,
): number | undefined {
  if (wide) return undefined;
  const columns = Number(env.COLUMNS);
  const known = (stream.isTTY && (stream.columns ?? 0) > 0) || (Number.isInteger(columns) && columns > 0);
  return known ? terminalWidth(env, stream) : undefined;
}

/**
 * Masks the values of environment variables that config refers to as env:NAME, and anything
 * that looks like a bearer token or a signed query parameter.
 */
export function createRedactor(secretValues: () => string[]): Redactor {
  return (text) => {
    let out = text;
    for (const v of secretValues()) {
      if (v.length >= 4) out = out.split(v).join("***");
    }
    return boundEchoes(out)
      .replace(
        /(authorization|x-api-key|x-shopify-access-token|api[_-]?key|token|secret|sign|password)(["']?\s*[:=]\s*["']?)([^\s"'&,;]+)/gi,
        "$1$2***",
      )
      .replace(/Bearer\s+[A-Za-z0-9._~+/-]+=*/g, "Bearer ***");
  };
}

/** Secret values the run knows of (the config's env references), for output outside the logger. */
const knownSecrets = new Set<string>();

export function registerSecrets(values: readonly string[]): void {
  for (const v of values) if (v.length >= 4) knownSecrets.add(v);
}

/**
 * Masks every registered secret value: the CLI passes error messages and stacks through it. Only
 * values, not `key: word` patterns: error messages talk about keys ("token: a secret is written
 * in the config file") and must stay readable.
 */
export const redactKnownSecrets: Redactor = (text) => {
  let out = text;
  for (const v of knownSecrets) out = out.split(v).join("***");
  return out;
};
