/**
 * `merchops init`: writes a starting merchops.config.yaml from a few answers. Plain data in
 * (the answers), a file out; prompting is the command's business.
 */
import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import { stringify } from "yaml";
import { loadConfig } from "../config/load.js";
import { UsageError } from "../core/errors.js";
import { isValidTimeZone } from "../core/time.js";
import { isCurrencyCode } from "../core/values.js";
import { writeFileAtomic } from "../io/atomic-write.js";

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

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

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

export function validateAnswers(a: InitAnswers): void {
  if (!/^[A-Za-z0-9_-]+$/.test(a.storeName))
    throw new UsageError(`store name "${a.storeName}" has characters other than letters, digits, - and _`, "e.g. --store-name client");
  if (a.storeName === "demo") throw new UsageError('"demo" is the built-in demo store', "pick another --store-name");
  if (a.platform === "files" && !a.dir) throw new UsageError("a files store needs the folder of exports", "pass --dir ./client-exports");
  if ((a.platform === "shopify" || a.platform === "woocommerce") && !a.address) {
    throw new UsageError(
      `a ${a.platform} store needs its address`,
      a.platform === "shopify" ? "pass --address acme.myshopify.com" : "pass --address https://shop.example",
    );
  }
  if (a.platform === "youzan" && (!a.clientId || !a.kdtId))
    throw new UsageError("a youzan store needs the app's client id and the shop id", "pass --client-id and --kdt-id");
  for (const [flag, v] of [
    ["--token-env", a.tokenEnv],
    ["--key-env", a.keyEnv],
    ["--secret-env", a.secretEnv],
  ] as const) {
    if (v !== undefined && !ENV_NAME.test(v))
      throw new UsageError(`${flag} "${v}" is not an environment variable name`, "use letters, digits and _, e.g. SHOP_TOKEN");
  }
  if (!isValidTimeZone(a.timezone)) throw new UsageError(`unknown time zone "${a.timezone}"`, "use an IANA name such as Asia/Shanghai");
  if (!isCurrencyCode(a.currency)) throw new UsageError(`"${a.currency}" is not an ISO 4217 currency code`, "use e.g. CNY or USD");
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
export async function writeInitialConfig(cwd: string, answers: InitAnswers, opts: { force: boolean }): Promise<string> {
  validateAnswers(answers);
  const path = resolve(cwd, "merchops.config.yaml");
  if (existsSync(path) && !opts.force) throw new UsageError(`${path} already exists`, "pass --force to replace it, or edit it by hand");
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
