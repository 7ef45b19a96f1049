/**
 * Finds, parses and validates the config. Precedence for every setting: command-line flag >
 * MERCHOPS_* environment variable (both handled by commander) > config file > built-in default.
 * Every error names the file, the line and the key.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { literalWebhookToken } from "../core/digest/config.js";
import { ConfigError } from "../core/errors.js";
import { type Locale, type LocaleSources, messageOfSchemaText, msg, resolveLocale } from "../core/i18n/index.js";
import { configSchema, ENV_REF, type MerchopsConfig, SECRET_KEY, type StoreConfig } from "./schema.js";
import { ZOD_INVALID_INPUT, zodParseOptions } from "./zod-locale.js";

export const CONFIG_FILE_NAMES = ["merchops.config.yaml", "merchops.config.yml"];

/** The package root (where fixtures/ and templates/ live), from dist/config/load.js or src/config/load.ts. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const DEMO_STORE: StoreConfig = {
  platform: "local",
  seed: resolve(PACKAGE_ROOT, "fixtures", "demo-store"),
  followClock: true,
  timezone: "Asia/Shanghai",
  currency: "CNY",
};

export interface LoadedConfig {
  /** The file it came from; undefined when running on built-in defaults. */
  file: string | undefined;
  /** Directory relative paths in the config resolve against (the file's folder, else cwd). */
  baseDir: string;
  config: MerchopsConfig;
  stores: Record<string, StoreConfig>;
  defaultStore: string;
  /** Where a key sits in the file, for messages: "merchops.config.yaml:12". */
  where(path: (string | number)[]): string;
  /** The language the config was checked in (zod's phrases); sections validated later use it too. */
  locale?: Locale;
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] as number;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] as number;
      dp[j] = Math.min((dp[j] as number) + 1, (dp[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length] as number;
}

export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Keys a strict zod object accepts, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, path: (string | number)[]): string[] {
  let s: unknown = schema;
  for (const p of path) {
    const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; innerType?: unknown; valueType?: unknown } }).def;
    if (!def) return [];
    if (def.type === "optional") {
      s = def.innerType;
      const inner = (s as { def?: { shape?: Record<string, unknown> } }).def;
      s = inner?.shape?.[p as string] ?? (s as { def?: { valueType?: unknown } }).def?.valueType;
    } else if (def.shape) s = def.shape[p as string];
    else if (def.valueType) s = def.valueType;
    else return [];
  }
  for (;;) {
    const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; innerType?: unknown } }).def;
    if (def?.type === "optional") s = def.innerType;
    else return def?.shape ? Object.keys(def.shape) : [];
  }
}

/** Turns zod issues into one ConfigError (the first issue; the rest rarely help). */
export function configIssue(
  error: z.ZodError,
  schema: z.ZodType,
  where: (path: (string | number)[]) => string,
  prefix: (string | number)[] = [],
): ConfigError {
  const issue = error.issues[0];
  if (!issue) return new ConfigError(where(prefix), undefined, msg("config.not_valid"));
  const path = [...prefix, ...(issue.path as (string | number)[])];
  if (issue.code === "unrecognized_keys") {
    const keys = (issue as { keys: string[] }).keys;
    const first = keys[0] ?? "";
    const fullPath = [...path, first];
    const near = suggest(first, knownKeys(schema, issue.path as (string | number)[]));
    return new ConfigError(
      where(fullPath),
      fullPath.join("."),
      msg("config.unknown_key", { key: first }),
      near ? msg("config.did_you_mean", { name: near }) : msg("config.unknown_key_hint"),
    );
  }
  const key = path.join(".") || undefined;
  // The schema's own messages are catalog messages; zod's phrases are in the parse's language already.
  const problem = messageOfSchemaText(issue.message) ?? issue.message.replace(ZOD_INVALID_INPUT, "");
  return new ConfigError(where(path), key, problem, msg("config.fix_value"));
}

const RESERVED_KEYS = ["__proto__", "constructor", "prototype"];

/** Keys that would reach an object's prototype are refused anywhere in the file. */
function rejectReservedKeys(value: unknown, path: (string | number)[], where: (p: (string | number)[]) => string): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) rejectReservedKeys(v, [...path, i], where);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const k of Object.keys(value)) {
    const p = [...path, k];
    if (RESERVED_KEYS.includes(k))
      throw new ConfigError(where(p), p.join("."), msg("config.reserved_key", { key: k }), msg("config.rename_it"));
    rejectReservedKeys((value as Record<string, unknown>)[k], p, where);
  }
}

/** Rejects literal credentials anywhere under stores and couriers, without echoing them. */
function checkSecrets(value: unknown, path: (string | number)[], where: (p: (string | number)[]) => string): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkSecrets(v, [...path, i], where);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [k, v] of Object.entries(value)) {
    const p = [...path, k];
    if (typeof v === "string" && SECRET_KEY.test(k) && !ENV_REF.test(v.trim())) {
      throw new ConfigError(
        where(p),
        p.join("."),
        msg("config.literal_secret"),
        msg("config.move_to_env", {
          setting: `${k}: env:${String((path[0] === "prices" ? path[2] : path[1]) ?? "STORE")
            .toUpperCase()
            .replace(/[^A-Z0-9]/g, "_")}_${k.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`,
        }),
      );
    }
    checkSecrets(v, p, where);
  }
}

/** Calls visit on every string of a parsed config value, with its path. */
function eachString(value: unknown, path: (string | number)[], visit: (s: string, path: (string | number)[]) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) eachString(v, [...path, i], visit);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) eachString(v, [...path, k], visit);
}

/** Webhook URLs carry their token: under notify:, a URL with one is refused like any literal secret. */
function checkWebhookLiterals(value: unknown, path: (string | number)[], where: (p: (string | number)[]) => string): void {
  eachString(value, path, (s, at) => {
    if ((at[at.length - 1] === "webhook" && !ENV_REF.test(s.trim())) || literalWebhookToken(s)) {
      const name = String(at[2] ?? "CHANNEL")
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "_");
      throw new ConfigError(
        where(at),
        at.join("."),
        msg("config.literal_webhook"),
        msg("config.move_to_env", { setting: `${String(at[at.length - 1])}: env:${name}_WEBHOOK` }),
      );
    }
  });
}

/** user:password@ in an address is a literal secret too (and travels in logs and Referer headers). */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]*:[^/?#@\s]*@/i;

/** Rejects `https://user:pass@host` anywhere in the file, without echoing it. */
function checkUrlPasswords(value: unknown, path: (string | number)[], where: (p: (string | number)[]) => string): void {
  eachString(value, path, (s, at) => {
    if (URL_WITH_PASSWORD.test(s.trim())) {
      throw new ConfigError(where(at), at.join("."), msg("config.url_password"), msg("config.url_password_hint"));
    }
  });
}

/** Larger config files are refused before parsing. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadOptions {
  /** --config or MERCHOPS_CONFIG. */
  path?: string;
  cwd?: string;
  /**
   * --lang and the environment: with the file's own `lang:` (read before validation), they decide
   * the language of zod's phrases, and onLocale hears it first so a refused config is reported in it.
   */
  lang?: Omit<LocaleSources, "config">;
  onLocale?: (locale: Locale) => void;
}

/** The run's language as far as the raw file says: `lang:` when it is one we speak, else flag/env only. */
function languageOf(raw: object, opts: LoadOptions): Locale {
  const own = (raw as Record<string, unknown>).lang;
  return resolveLocale({ ...opts.lang, config: typeof own === "string" ? own : undefined });
}

export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd();
  let file: string | undefined;
  if (opts.path) {
    file = resolve(cwd, opts.path);
    if (!existsSync(file)) {
      throw new ConfigError(opts.path, undefined, msg("config.not_found"), msg("config.not_found_hint"));
    }
  } else {
    file = CONFIG_FILE_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
  }
  if (!file) {
    return {
      file: undefined,
      baseDir: cwd,
      config: {},
      stores: { demo: DEMO_STORE },
      defaultStore: "demo",
      where: () => "(defaults)",
      locale: resolveLocale({ ...opts.lang }),
    };
  }
  const shown = relative(cwd, file) || file;
  // A config is a page or two of YAML; parsing 10 MB took 7 s and 587 MB.
  const size = statSync(file).size;
  if (size > MAX_CONFIG_BYTES) {
    throw new ConfigError(shown, undefined, msg("config.too_large", { mb: (size / 1024 / 1024).toFixed(1) }), msg("config.too_large_hint"));
  }
  const text = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *base`) as YAML 1.1 and docker-compose users write them; what they merge is checked like the rest.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e?.linePos?.[0] ?? (e ? lineCounter.linePos(e.pos[0]) : undefined);
    throw new ConfigError(
      pos ? `${shown}:${pos.line}` : shown,
      undefined,
      msg("config.not_yaml", { detail: e?.message.split("\n")[0] ?? "parse error" }),
      msg("config.not_yaml_hint"),
    );
  }
  const where = (path: (string | number)[]): string => {
    // The line of the key itself (a block map's value starts on the next line), else the node's.
    for (let n = path.length; n > 0; n--) {
      const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n - 1]));
        const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
        if (range) return `${shown}:${lineCounter.linePos(range[0]).line}`;
      }
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return `${shown}:${lineCounter.linePos(node.range[0]).line}`;
    }
    return shown;
  };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 }) as unknown;
  } catch (e) {
    // A self-referencing alias (a: &a [*a]) or an alias bomb.
    throw new ConfigError(
      shown,
      undefined,
      msg("config.not_yaml", { detail: (e as Error).message.split("\n")[0] }),
      msg("config.alias_hint"),
    );
  }
  try {
    JSON.stringify(raw);
  } catch {
    throw new ConfigError(shown, undefined, msg("config.alias_self"), msg("config.alias_self_hint"));
  }
  if (raw === null || raw === undefined) {
    return {
      file,
      baseDir: dirname(file),
      config: {},
      stores: { demo: DEMO_STORE },
      defaultStore: "demo",
      where,
      locale: resolveLocale({ ...opts.lang }),
    };
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError(shown, undefined, msg("config.not_mapping"), msg("config.see_readme"));
  }
  // The language first: every refusal below is printed in it.
  const locale = languageOf(raw, opts);
  opts.onLocale?.(locale);
  rejectReservedKeys(raw, [], where);
  checkSecrets((raw as Record<string, unknown>).stores, ["stores"], where);
  checkSecrets((raw as Record<string, unknown>).couriers, ["couriers"], where);
  checkSecrets((raw as Record<string, unknown>).prices, ["prices"], where);
  checkSecrets((raw as Record<string, unknown>).notify, ["notify"], where);
  checkWebhookLiterals((raw as Record<string, unknown>).notify, ["notify"], where);
  checkUrlPasswords(raw, [], where);
  const parsed = configSchema.safeParse(raw, zodParseOptions(locale));
  if (!parsed.success) throw configIssue(parsed.error, configSchema, where);
  const config = parsed.data;
  const stores: Record<string, StoreConfig> = { demo: DEMO_STORE, ...(config.stores ?? {}) };
  const defaultStore = config.defaultStore ?? "demo";
  if (!stores[defaultStore]) {
    throw new ConfigError(
      where(["defaultStore"]),
      "defaultStore",
      msg("config.default_store_missing", { store: defaultStore }),
      msg("config.configured_stores", { stores: Object.keys(stores).join(", ") }),
    );
  }
  return { file, baseDir: dirname(file), config, stores, defaultStore, where, locale };
}

/**
 * Replaces env:NAME references with the variables' values, when an adapter is about to use them.
 * A missing variable is a configuration error naming the key, never the value.
 */
export function resolveEnvRefs(
  value: unknown,
  path: (string | number)[],
  loaded: LoadedConfig,
  env: NodeJS.ProcessEnv = process.env,
): unknown {
  if (typeof value === "string") {
    const m = ENV_REF.exec(value.trim());
    if (!m) return value;
    const name = m[1] as string;
    const v = env[name];
    if (v === undefined || v === "") {
      throw new ConfigError(loaded.where(path), path.join("."), msg("config.env_unset", { name }), msg("config.env_unset_hint", { name }));
    }
    return v;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnvRefs(v, [...path, i], loaded, env));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = resolveEnvRefs(v, [...path, k], loaded, env);
    return { ...out };
  }
  return value;
}
