/**
 * `merchops init`: writes a starting merchops.config.yaml from a few answers. Plain data in
 * (the answers), a file out; prompting is the command's business.
 */
import { existsSync, mkdirSync } from "node:fs";
import { basename, resolve } from "node:path";
import { stringify } from "yaml";
import { loadConfig } from "../config/load.js";
import { InputError, UsageError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";
import {
  type Check,
  checkCurrency,
  checkEnvName,
  checkKdtId,
  checkShopifyDomain,
  checkSiteUrl,
  checkStoreName,
  checkTimeZone,
} from "../core/setup-checks.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { RunContext } from "./context.js";

export const INIT_PLATFORMS = ["files", "local", "shopify", "woocommerce", "youzan"] as const;
export type InitPlatform = (typeof INIT_PLATFORMS)[number];

export interface InitAnswers {
  storeName: string;
  platform: InitPlatform;
  /** For a files store: the folder of exports. */
  dir?: string;
  /** Shopify: the shop's domain (acme.myshopify.com); WooCommerce: the site's address. */
  address?: string;
  /** Names of the environment variables holding the secrets (never the secrets themselves). */
  tokenEnv?: string;
  keyEnv?: string;
  secretEnv?: string;
  /** Youzan: the app's client id and the shop (kdt) id — identifiers, not secrets. */
  clientId?: string;
  kdtId?: string;
  timezone: string;
  currency: string;
}

/** The environment variables a store's config refers to, to tell the user what to export. */
export function envVarsFor(a: InitAnswers): string[] {
  return [a.tokenEnv, a.keyEnv, a.secretEnv].filter((x): x is string => Boolean(x));
}

/** Defaults for the env var names, from the store name: SHOP -> SHOP_SHOPIFY_TOKEN. */
export function defaultEnvNames(a: Pick<InitAnswers, "storeName" | "platform">): Partial<InitAnswers> {
  const p = a.storeName.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  if (a.platform === "shopify") return { tokenEnv: `${p}_SHOPIFY_TOKEN` };
  if (a.platform === "woocommerce") return { keyEnv: `${p}_WC_KEY`, secretEnv: `${p}_WC_SECRET` };
  if (a.platform === "youzan") return { secretEnv: `${p}_YOUZAN_CLIENT_SECRET` };
  return {};
}

/** Flag names, for the errors of answers given as flags. */
const FLAG_OF = {
  storeName: "--store-name",
  address: "--address",
  tokenEnv: "--token-env",
  keyEnv: "--key-env",
  secretEnv: "--secret-env",
  kdtId: "--kdt-id",
  timezone: "--timezone",
  currency: "--currency",
} as const;

function accept(flag: string, check: Check): string {
  if (check.ok) return check.value;
  throw new UsageError(msg("init.flag_problem", { flag, problem: check.error }), check.hint);
}

/**
 * Checks the answers with the same rules the prompts apply as the user types and returns them with
 * case and framing normalized ("usd" -> USD); throws a UsageError naming the first bad one.
 */
export function validateAnswers(a: InitAnswers): InitAnswers {
  const out: InitAnswers = { ...a, storeName: accept(FLAG_OF.storeName, checkStoreName(a.storeName)) };
  if (a.platform === "files" && !a.dir) throw new UsageError(msg("init.needs_dir"), msg("init.pass", { flag: "--dir ./client-exports" }));
  if ((a.platform === "shopify" || a.platform === "woocommerce") && !a.address) {
    throw new UsageError(
      msg("init.needs_address", { platform: a.platform === "shopify" ? "Shopify" : "WooCommerce" }),
      msg("init.pass", { flag: a.platform === "shopify" ? "--address acme.myshopify.com" : "--address https://shop.example" }),
    );
  }
  if (a.address !== undefined && a.platform === "shopify") out.address = accept(FLAG_OF.address, checkShopifyDomain(a.address));
  if (a.address !== undefined && a.platform === "woocommerce") out.address = accept(FLAG_OF.address, checkSiteUrl(a.address));
  if (a.platform === "youzan" && (!a.clientId || !a.kdtId))
    throw new UsageError(msg("init.needs_youzan"), msg("init.pass", { flag: "--client-id / --kdt-id" }));
  if (a.kdtId !== undefined) out.kdtId = accept(FLAG_OF.kdtId, checkKdtId(a.kdtId));
  for (const key of ["tokenEnv", "keyEnv", "secretEnv"] as const) {
    const v = a[key];
    if (v === undefined) continue;
    const check = checkEnvName(v);
    if (!check.ok) throw new UsageError(msg("init.flag_env_bad", { flag: FLAG_OF[key], name: v }), check.hint);
    out[key] = check.value;
  }
  out.timezone = accept(FLAG_OF.timezone, checkTimeZone(a.timezone));
  out.currency = accept(FLAG_OF.currency, checkCurrency(a.currency));
  return out;
}

/** What init learned by inspecting a files store's folder: file names, profiles, what to map. */
export interface FilesFindings {
  files: Record<string, string>;
  mapping: Record<string, { profile: string }>;
  /** Commented config lines for what could not be mapped. */
  todo: string[];
}

/** Inspects the folder of a files store: each dataset's file and the export profile recognized. */
export async function inspectFilesFolder(dir: string, a: InitAnswers): Promise<FilesFindings | undefined> {
  if (!existsSync(dir)) return undefined;
  const { inspectPath } = await import("../adapters/platforms/files/inspect.js");
  const found = await inspectPath(dir, { timezone: a.timezone, currency: a.currency });
  const out: FilesFindings = { files: {}, mapping: {}, todo: [] };
  for (const d of found) {
    out.files[d.dataset] = basename(d.file);
    if (d.profile) out.mapping[d.dataset] = { profile: d.profile.id };
    if (d.problem) out.todo.push(`${d.dataset}: ${d.problem}`);
    if (d.suggestion) out.todo.push(...d.suggestion.split("\n"));
  }
  return out;
}

export function configText(a: InitAnswers, findings?: FilesFindings): string {
  const store: Record<string, unknown> = { platform: a.platform };
  const env = { ...defaultEnvNames(a), ...Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) } as InitAnswers;
  if (a.platform === "files") {
    store.dir = a.dir;
    // The files found and the export profile of each, written down so a later export with other
    // headers is an error rather than a different reading.
    if (findings && Object.keys(findings.files).length > 0) store.files = findings.files;
    if (findings && Object.keys(findings.mapping).length > 0) store.mapping = findings.mapping;
  }
  if (a.platform === "shopify") Object.assign(store, { shop: a.address, token: `env:${env.tokenEnv}` });
  if (a.platform === "woocommerce") Object.assign(store, { url: a.address, key: `env:${env.keyEnv}`, secret: `env:${env.secretEnv}` });
  if (a.platform === "youzan") Object.assign(store, { clientId: a.clientId, clientSecret: `env:${env.secretEnv}`, kdtId: a.kdtId });
  const body = stringify(
    { defaultStore: a.storeName, timezone: a.timezone, currency: a.currency, stores: { [a.storeName]: store } },
    { lineWidth: 0 },
  );
  const todo =
    findings && findings.todo.length > 0
      ? `# To map what merchops could not read (merchops files inspect ${a.dir} shows the headers):\n${findings.todo.map((l) => `#   ${l}`).join("\n")}\n`
      : "";
  return `# merchops configuration (see the README's Config section).
# Secrets never go in this file: write token: env:NAME and export NAME in the environment.
${body}${todo}
# kpi:
#   thresholds: { conversionRateMin: 0.03, roasMin: 3, csatMin: 0.95 }
# returns:
#   threshold: 0.15
#   windowDays: 30
`;
}

/** Writes the config atomically and checks it loads; returns the path written. */
export async function writeInitialConfig(cwd: string, given: InitAnswers, opts: { force: boolean }): Promise<string> {
  const answers = validateAnswers(given);
  const path = configPathFor(cwd, opts);
  const full = {
    ...defaultEnvNames(answers),
    ...Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)),
  } as InitAnswers;
  const findings = full.platform === "files" && full.dir ? await inspectFilesFolder(resolve(cwd, full.dir), full) : undefined;
  await writeFileAtomic(path, configText(full, findings));
  // Loading checks the file; the env vars it names need not be set yet (the user is told to).
  loadConfig({ path, cwd });
  return path;
}

/** Refuses early when a config is already there, before anything (a folder) is created. */
export function configPathFor(cwd: string, opts: { force: boolean }): string {
  const path = resolve(cwd, "merchops.config.yaml");
  if (existsSync(path) && !opts.force) throw new UsageError(msg("init.config_exists", { path }), msg("init.config_exists_hint"));
  return path;
}

export type FolderSetup = "files-store" | "files-store-zh" | "empty";

export function folderExists(cwd: string, dir: string): boolean {
  return existsSync(resolve(cwd, dir));
}

/** Creates a files store's folder, empty or with a template's files to fill in. */
export async function prepareExportsFolder(cwd: string, dir: string, setup: FolderSetup): Promise<{ dir: string; files: string[] }> {
  const full = resolve(cwd, dir);
  if (setup === "empty") {
    try {
      mkdirSync(full, { recursive: true });
    } catch (e) {
      throw new InputError({ file: full }, msg("init.cannot_create", { detail: (e as Error).message }), msg("init.cannot_create_hint"));
    }
    return { dir: full, files: [] };
  }
  const { copyTemplate } = await import("./templates.js");
  return copyTemplate(setup, full, { force: false });
}

/** What init says about the store it wrote, from `adapters check`. */
export interface NewStoreCheck {
  ok: boolean;
  message: Message | string;
  /** What to do next, one short line each: a command that works on the store as it is now. */
  next: Message[];
}

export async function checkNewStore(ctx: RunContext, a: InitAnswers): Promise<NewStoreCheck> {
  const { checkStores } = await import("./check-stores.js");
  const [c] = await checkStores(ctx, { store: a.storeName });
  if (!c) return { ok: false, message: msg("init.store_not_found"), next: [msg("init.next.check")] };
  if (c.ok) return { ok: true, message: c.message, next: [msg("init.next.try")] };
  const next =
    a.platform === "files"
      ? [msg("init.next.put_exports", { dir: a.dir }), msg("init.next.template", { dir: a.dir }), msg("init.next.then_check")]
      : [msg("init.next.fix")];
  return { ok: false, message: c.message, next };
}
