/**
 * Interactive questions, only on a terminal (commands check first). Prompts go to stderr so a
 * command's stdout stays data. Every typed answer is checked as it is entered (the checks in
 * core/setup-checks, the same the flags go through): a bad answer re-asks that question only, with
 * the text kept to edit, or, when one value is close ("Asia/Shanghia"), with it as the default.
 * Defaults are shown as inquirer's "(default)"; examples are dim placeholders, never pre-filled.
 */
import {
  type Check,
  checkCurrency,
  checkEnvName,
  checkKdtId,
  checkPresent,
  checkShopifyDomain,
  checkSiteUrl,
  checkStoreName,
  checkTimeZone,
} from "../core/setup-checks.js";
import { paint } from "./terminal.js";

export interface InitDefaults {
  storeName?: string | undefined;
  platform?: "files" | "local" | "shopify" | "woocommerce" | "youzan" | undefined;
  dir?: string | undefined;
  address?: string | undefined;
  tokenEnv?: string | undefined;
  keyEnv?: string | undefined;
  secretEnv?: string | undefined;
  clientId?: string | undefined;
  kdtId?: string | undefined;
  timezone: string;
  currency: string;
}

export interface PromptUi {
  color: boolean;
}

export interface InitPromptUi extends PromptUi {
  /** Time zone and currency are asked unless given as flags (their defaults are still shown). */
  ask: { timezone: boolean; currency: boolean };
}

const CONTEXT = { output: process.stderr };

interface CheckedQuestion {
  message: string;
  default?: string | undefined;
  /** Shown dim while nothing is typed; never submitted. */
  example?: string;
  check: (value: string) => Check;
}

/** One question, asked until its answer passes the check; returns the (normalized) answer. */
export async function askChecked(q: CheckedQuestion, ui: PromptUi): Promise<string> {
  const { input } = await import("@inquirer/prompts");
  const p = paint(ui.color);
  let def = q.default;
  for (;;) {
    const placeholder = def === undefined && q.example ? `e.g. ${q.example}` : undefined;
    const raw = await input(
      {
        message: q.message,
        ...(def !== undefined ? { default: def } : {}),
        ...(placeholder
          ? { transformer: (v: string, { isFinal }: { isFinal: boolean }) => (v === "" && !isFinal ? p.dim(placeholder) : v) }
          : {}),
        // Refused in place (the text stays to edit) unless a near value can be offered as the next default.
        validate: (v: string) => {
          const c = q.check(v);
          return c.ok || c.suggestion !== undefined ? true : `${c.error}; ${c.hint}`;
        },
      },
      CONTEXT,
    );
    const c = q.check(raw);
    if (c.ok) return c.value;
    // Inquirer has drawn the answer as accepted: replace that line by the refusal.
    process.stderr.write(`\u001b[1A\u001b[2K${p.red("✖")} ${q.message}: ${c.error}; ${c.hint}\n`);
    def = c.suggestion;
  }
}

type Platform = NonNullable<InitDefaults["platform"]>;

export async function askInit(known: InitDefaults, ui: InitPromptUi): Promise<InitDefaults> {
  const { select } = await import("@inquirer/prompts");
  const a: InitDefaults = { ...known };
  a.storeName ??= await askChecked({ message: "Store name", default: "main", check: checkStoreName }, ui);
  const envPrefix = a.storeName.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const platform: Platform =
    a.platform ??
    (await select<Platform>(
      {
        message: "Where is the data?",
        choices: [
          { name: "A folder of exported spreadsheets (files)", value: "files" },
          { name: "The embedded local store (local)", value: "local" },
          { name: "Shopify (Admin API access token)", value: "shopify" },
          { name: "WooCommerce (REST API consumer key and secret)", value: "woocommerce" },
          { name: "Youzan 有赞 (app client id and secret)", value: "youzan" },
        ],
      },
      CONTEXT,
    ));
  a.platform = platform;
  if (platform === "files")
    a.dir ??= await askChecked({ message: "Folder of exports", default: "./exports", check: checkPresent("folder", "./exports") }, ui);
  if (platform === "shopify") {
    a.address ??= await askChecked({ message: "Shop domain", example: "acme.myshopify.com", check: checkShopifyDomain }, ui);
    a.tokenEnv ??= await askChecked(
      { message: "Name of the env var that will hold the access token", default: `${envPrefix}_SHOPIFY_TOKEN`, check: checkEnvName },
      ui,
    );
  }
  if (platform === "woocommerce") {
    a.address ??= await askChecked({ message: "Site address", example: "https://shop.example", check: checkSiteUrl }, ui);
    a.keyEnv ??= await askChecked(
      { message: "Name of the env var that will hold the consumer key", default: `${envPrefix}_WC_KEY`, check: checkEnvName },
      ui,
    );
  }
  if (platform === "youzan") {
    a.clientId ??= await askChecked(
      { message: "App client id", example: "a1b2c3d4e5", check: checkPresent("client id", "a1b2c3d4e5") },
      ui,
    );
    a.kdtId ??= await askChecked({ message: "Shop id (kdt_id)", example: "44001234", check: checkKdtId }, ui);
  }
  if (platform === "woocommerce" || platform === "youzan") {
    const youzan = platform === "youzan";
    a.secretEnv ??= await askChecked(
      {
        message: `Name of the env var that will hold the ${youzan ? "client secret" : "consumer secret"}`,
        default: `${envPrefix}_${youzan ? "YOUZAN_CLIENT_SECRET" : "WC_SECRET"}`,
        check: checkEnvName,
      },
      ui,
    );
  }
  if (ui.ask.timezone) a.timezone = await askChecked({ message: "Time zone", default: known.timezone, check: checkTimeZone }, ui);
  if (ui.ask.currency) a.currency = await askChecked({ message: "Currency", default: known.currency, check: checkCurrency }, ui);
  return a;
}

export type FolderChoice = "files-store" | "files-store-zh" | "empty";

/** The exports folder does not exist yet: create it empty, or with a template to fill in. */
export async function askFolderSetup(dir: string): Promise<FolderChoice> {
  const { select } = await import("@inquirer/prompts");
  return select<FolderChoice>(
    {
      message: `${dir} does not exist yet. Create it`,
      choices: [
        { name: "with the files-store template (one CSV per dataset, English headers)", value: "files-store" },
        { name: "with the files-store-zh template (Chinese headers)", value: "files-store-zh" },
        { name: "empty (I will put my exports in it)", value: "empty" },
      ],
    },
    CONTEXT,
  );
}

/** Asks, for each unrecognised header, which catalog field it holds. */
export async function askColumnMapping(
  file: string,
  unmatched: readonly string[],
  choices: readonly { value: string; label: string }[],
): Promise<Record<string, string>> {
  const { default: inquirer } = await import("inquirer");
  const prompt = inquirer.createPromptModule({ output: process.stderr });
  const out = new Map<string, string>();
  process.stderr.write(
    `${file}: ${unmatched.length} column(s) not recognised; say what each holds (save the answers with --save-mapping)\n`,
  );
  for (const header of unmatched) {
    const { field } = await prompt<{ field: string }>([
      {
        type: "list",
        name: "field",
        message: `Column "${header}"`,
        choices: choices.map((c) => ({ name: c.label, value: c.value })),
        pageSize: 15,
      },
    ]);
    out.set(header, field);
  }
  return Object.fromEntries(out);
}
