/**
 * What every command does before calling its service: read the global options, load the config,
 * set up logging and progress, and build the run context. Kept here so commands stay thin.
 */
import type { Command } from "commander";
import { type LoadedConfig, loadConfig } from "../config/load.js";
import { ENV_REF } from "../config/schema.js";
import { UsageError } from "../core/errors.js";
import { type Locale, msg, resolveLocale } from "../core/i18n/index.js";
import { RunContext } from "../services/context.js";
import { chooseFormat, type Format } from "../services/output.js";
import { registerCredentialRefs } from "../ui/credentials.js";
import { setLocale } from "../ui/i18n.js";
import { type CliLogger, createLogger, createRedactor, registerSecrets, stderrWidth } from "../ui/logger.js";
import { createProgress } from "../ui/progress.js";
import { detectTerminal, type TerminalInfo } from "../ui/terminal.js";
import { runSignal } from "./signal.js";

export interface GlobalOptions {
  config?: string;
  store?: string;
  format?: string;
  out?: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  input?: boolean;
  lang?: string;
  now?: string;
  tz?: string;
  state?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  json?: boolean;
  allowInsecure?: boolean;
  wide?: boolean;
}

export interface CommandSetup {
  ctx: RunContext;
  globals: GlobalOptions;
  terminal: TerminalInfo;
  log: CliLogger;
  loaded: LoadedConfig;
  format: Format;
  lang: Locale;
}

/** Values of every env:NAME the config mentions: the redactor masks them wherever they appear. */
function referencedSecrets(loaded: LoadedConfig): string[] {
  const names = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      const m = ENV_REF.exec(v.trim());
      if (m?.[1]) names.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(loaded.config.stores);
  walk(loaded.config.couriers);
  walk(loaded.config.prices?.sources);
  walk(loaded.config.notify);
  return [...names].map((n) => process.env[n] ?? "").filter((s) => s.length > 0);
}

/** Each store's and courier's env:NAME settings, for the message of a refused credential (ui/credentials.ts). */
function registerCredentials(loaded: LoadedConfig): void {
  for (const [section, blocks] of [
    ["stores", loaded.config.stores],
    ["couriers", loaded.config.couriers],
  ] as const) {
    for (const [name, block] of Object.entries((blocks ?? {}) as Record<string, unknown>)) {
      const settings: string[] = [];
      const walk = (v: unknown, at: string) => {
        if (typeof v === "string") {
          const m = ENV_REF.exec(v.trim());
          if (m?.[1]) settings.push(`${at} = env:${m[1]}`);
        } else if (v && typeof v === "object" && !Array.isArray(v)) {
          for (const [k, inner] of Object.entries(v)) walk(inner, `${at}.${k}`);
        }
      };
      walk(block, `${section}.${name}`);
      registerCredentialRefs(`${section}.${name}`, settings);
    }
  }
}

export function parseNow(value: string | undefined): () => Date {
  if (!value) return () => new Date();
  const t = Date.parse(value);
  if (Number.isNaN(t)) {
    throw new UsageError(msg("usage.now_not_date", { value }), msg("usage.now_hint"));
  }
  return () => new Date(t);
}

export async function setup(cmd: Command): Promise<CommandSetup> {
  const globals = cmd.optsWithGlobals() as GlobalOptions;
  const terminal = detectTerminal({
    ...(globals.color === false ? { color: false } : {}),
    ...(globals.input === false ? { input: false } : {}),
    ...(globals.wide ? { wide: true } : {}),
  });
  let loaded: LoadedConfig | undefined;
  const redact = createRedactor(() => (loaded ? referencedSecrets(loaded) : []));
  const log = createLogger({
    quiet: Boolean(globals.quiet),
    verbose: Boolean(globals.verbose),
    color: terminal.color,
    redact,
    width: stderrWidth(Boolean(globals.wide)),
  });
  // The config's own `lang:` counts before validation: a refused config is reported in its language.
  loaded = loadConfig({
    ...(globals.config ? { path: globals.config } : {}),
    lang: { flag: globals.lang, env: process.env },
    onLocale: setLocale,
  });
  registerSecrets(referencedSecrets(loaded));
  registerCredentials(loaded);
  const lang = resolveLocale({ flag: globals.lang, config: loaded.config.lang, env: process.env });
  setLocale(lang);
  const format = globals.json ? "json" : chooseFormat(globals.format, globals.out);
  const ctx = await contextFor(loaded, globals, log, terminal);
  return { ctx, globals, terminal, log, loaded, format, lang };
}

/** The run context for a loaded config; init uses it again for the config it has just written. */
export async function contextFor(
  loaded: LoadedConfig,
  globals: GlobalOptions,
  log: CliLogger,
  terminal: TerminalInfo,
): Promise<RunContext> {
  const progress = await createProgress({ interactive: terminal.interactive, quiet: Boolean(globals.quiet) });
  const ctx = new RunContext({
    loaded,
    log,
    progress,
    now: parseNow(globals.now),
    ...(globals.tz ? { timezone: globals.tz } : {}),
    ...(globals.state ? { statePath: globals.state } : {}),
    ...(runSignal() ? { signal: runSignal() as AbortSignal } : {}),
    network: { allowInsecure: Boolean(globals.allowInsecure) },
    readOptions: {
      ...(globals.delimiter ? { delimiter: globals.delimiter } : {}),
      ...(globals.encoding ? { encoding: globals.encoding } : {}),
      ...(globals.sheet ? { sheet: globals.sheet } : {}),
      ...(loaded.config.limits ? { limits: loaded.config.limits } : {}),
    },
  });
  // The whole config is checked up front, also the stores this command does not open.
  await ctx.validateStores();
  return ctx;
}
