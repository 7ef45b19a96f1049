/**
 * Logs go to stderr, results to stdout. --quiet keeps only errors: cron mails any output, so a
 * quiet run that went well prints nothing (its warnings are in the report's notes and JSON); a
 * --fail-on-breach exit prints its one summary line (src/cli.ts). --verbose adds debug lines. Every line
 * passes through the redactor, so a secret that reaches a message never reaches the terminal.
 */

import type { Logger } from "../adapters/platform.js";
import { boundEchoes } from "../core/echo.js";
import { paint } from "./terminal.js";

export type Redactor = (text: string) => string;

export interface CliLogger extends Logger {
  error(message: string): void;
}

export function createLogger(opts: {
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  redact: Redactor;
  write?: (s: string) => void;
}): CliLogger {
  const p = paint(opts.color);
  const out = opts.write ?? ((s: string) => process.stderr.write(s));
  const line = (s: string) => out(`${opts.redact(s)}\n`);
  return {
    info: (m) => {
      if (!opts.quiet) line(m);
    },
    warn: (m) => {
      if (!opts.quiet) line(`${p.yellow("warning:")} ${m}`);
    },
    debug: (m) => {
      if (opts.verbose) line(p.dim(m));
    },
    error: (m) => line(`${p.red("error:")} ${m}`),
  };
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
