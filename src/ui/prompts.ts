/**
 * Interactive questions, only on a terminal (commands check first). Prompts go to stderr so a
 * command's stdout stays data. Every typed answer is checked as it is entered (the checks in
 * core/setup-checks, the same the flags go through): a bad answer re-asks that question only, with
 * the text kept to edit, or, when one value is close ("Asia/Shanghia"), with it as the default.
 * Defaults are shown as inquirer's "(default)"; examples are dim placeholders, never pre-filled.
 */

import { neutralizeControls } from "../core/echo.js";
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
import type { MappingColumn, MappingQuestion } from "../services/catalog-mapping.js";
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
    process.stderr.write(`\u001b[1A\u001b[2K${p.red("✖")} ${c.error}\n  ${c.hint}\n`);
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

/** A sample value as the list shows it: one line, at most 24 characters. */
function shortSample(v: string): string {
  const line = v.replace(/\s+/g, " ");
  return line.length > 24 ? `${line.slice(0, 23)}…` : line;
}

function columnMessage(c: MappingColumn): string {
  // Headers and samples come from the file: no escape codes reach the terminal.
  return neutralizeControls(
    c.samples.length > 0
      ? `Column "${c.header}" (e.g. ${c.samples.map(shortSample).join(" | ")})`
      : `Column "${c.header}" (empty in the first rows)`,
  );
}

const IGNORE = "ignore";

/**
 * Asks, for each unrecognised column, which catalog field it holds. The likeliest field is
 * preselected ("ignore this column", always first, when nothing fits); fields another column gives
 * are shown but cannot be chosen, so two answers never collide and no answer is thrown away. A
 * review at the end lets one answer be changed without asking the others again.
 */
export async function askColumnMapping(file: string, q: MappingQuestion): Promise<Record<string, string>> {
  const { select } = await import("@inquirer/prompts");
  const answers = new Map<string, string>();
  const nameOf = new Map(q.choices.map((c) => [c.value as string, c.name]));
  nameOf.set(IGNORE, "ignore this column");
  process.stderr.write(`${file}: ${q.columns.length} column(s) not recognised; say what each holds\n`);
  if (q.missing.length > 0) process.stderr.write(`required, and no column gives it yet: ${q.missing.join("; ")}\n`);

  /** Which column holds a field: a recognised one, or another answer. */
  const holder = (field: string, except: string): string | undefined =>
    q.taken[field] ?? [...answers].find(([h, f]) => h !== except && f === field)?.[0];

  const ask = async (c: MappingColumn, current: string): Promise<string> =>
    select<string>(
      {
        message: columnMessage(c),
        choices: [
          { name: "ignore this column", value: IGNORE },
          ...q.choices.map((choice) => {
            const by = holder(choice.value, c.header);
            return {
              name: choice.name,
              value: choice.value as string,
              ...(choice.description ? { description: choice.description } : {}),
              ...(by !== undefined ? { disabled: `(column "${by}")` } : {}),
            };
          }),
        ],
        default: holder(current, c.header) === undefined ? current : IGNORE,
        pageSize: 12,
      },
      CONTEXT,
    );

  for (const c of q.columns) answers.set(c.header, await ask(c, c.guess));
  // A review: Enter keeps every answer; choosing a column asks only that one again.
  for (;;) {
    const DONE = "\u0000done";
    const pick = await select<string>(
      {
        message: "Use these answers?",
        choices: [
          { name: "yes, import with them", value: DONE },
          ...q.columns.map((c) => ({
            name: `change "${c.header}" (now: ${nameOf.get(answers.get(c.header) ?? IGNORE)})`,
            value: c.header,
          })),
        ],
        default: DONE,
      },
      CONTEXT,
    );
    if (pick === DONE) break;
    const column = q.columns.find((c) => c.header === pick) as MappingColumn;
    answers.set(column.header, await ask(column, answers.get(column.header) ?? IGNORE));
  }
  return Object.fromEntries(answers);
}
