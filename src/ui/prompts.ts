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
import { tr } from "./i18n.js";
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

/** Inquirer's key help line ("↑↓ navigate • ⏎ select") in the run's language. */
const KEY_ACTIONS: Record<string, "prompt.key.navigate" | "prompt.key.select"> = {
  navigate: "prompt.key.navigate",
  select: "prompt.key.select",
};
const SELECT_THEME = {
  style: {
    keysHelpTip: (keys: [key: string, action: string][]) => {
      const p = paint(process.stderr.isTTY === true && !process.env.NO_COLOR);
      return keys
        .map(([key, action]) => {
          const id = KEY_ACTIONS[action];
          return `${p.bold(key)} ${p.dim(id ? tr(id) : action)}`;
        })
        .join(p.dim(" • "));
    },
  },
};

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
    const placeholder = def === undefined && q.example ? tr("setup.example", { example: q.example }) : undefined;
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
          return c.ok || c.suggestion !== undefined ? true : tr("prompt.refused", { error: c.error, hint: c.hint });
        },
      },
      CONTEXT,
    );
    const c = q.check(raw);
    if (c.ok) return c.value;
    // Inquirer has drawn the answer as accepted: replace that line by the refusal.
    process.stderr.write(`\u001b[1A\u001b[2K${p.red("✖")} ${tr.text(c.error)}\n  ${tr.text(c.hint)}\n`);
    def = c.suggestion;
  }
}

type Platform = NonNullable<InitDefaults["platform"]>;

export async function askInit(known: InitDefaults, ui: InitPromptUi): Promise<InitDefaults> {
  const { select } = await import("@inquirer/prompts");
  const a: InitDefaults = { ...known };
  a.storeName ??= await askChecked({ message: tr("prompt.init.store_name"), default: "main", check: checkStoreName }, ui);
  const envPrefix = a.storeName.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const platform: Platform =
    a.platform ??
    (await select<Platform>(
      {
        message: tr("prompt.init.platform"),
        choices: [
          { name: tr("prompt.init.platform.files"), value: "files" },
          { name: tr("prompt.init.platform.local"), value: "local" },
          { name: tr("prompt.init.platform.shopify"), value: "shopify" },
          { name: tr("prompt.init.platform.woocommerce"), value: "woocommerce" },
          { name: tr("prompt.init.platform.youzan"), value: "youzan" },
        ],
        theme: SELECT_THEME,
      },
      CONTEXT,
    ));
  a.platform = platform;
  if (platform === "files")
    a.dir ??= await askChecked({ message: tr("prompt.init.dir"), default: "./exports", check: checkPresent("folder", "./exports") }, ui);
  if (platform === "shopify") {
    a.address ??= await askChecked({ message: tr("prompt.init.shop"), example: "acme.myshopify.com", check: checkShopifyDomain }, ui);
    a.tokenEnv ??= await askChecked(
      { message: tr("prompt.init.env.token"), default: `${envPrefix}_SHOPIFY_TOKEN`, check: checkEnvName },
      ui,
    );
  }
  if (platform === "woocommerce") {
    a.address ??= await askChecked({ message: tr("prompt.init.site"), example: "https://shop.example", check: checkSiteUrl }, ui);
    a.keyEnv ??= await askChecked({ message: tr("prompt.init.env.key"), default: `${envPrefix}_WC_KEY`, check: checkEnvName }, ui);
  }
  if (platform === "youzan") {
    a.clientId ??= await askChecked(
      { message: tr("prompt.init.client_id"), example: "a1b2c3d4e5", check: checkPresent("client_id", "a1b2c3d4e5") },
      ui,
    );
    a.kdtId ??= await askChecked({ message: tr("prompt.init.kdt_id"), example: "44001234", check: checkKdtId }, ui);
  }
  if (platform === "woocommerce" || platform === "youzan") {
    const youzan = platform === "youzan";
    a.secretEnv ??= await askChecked(
      {
        message: tr(youzan ? "prompt.init.env.client_secret" : "prompt.init.env.secret"),
        default: `${envPrefix}_${youzan ? "YOUZAN_CLIENT_SECRET" : "WC_SECRET"}`,
        check: checkEnvName,
      },
      ui,
    );
  }
  if (ui.ask.timezone)
    a.timezone = await askChecked({ message: tr("prompt.init.timezone"), default: known.timezone, check: checkTimeZone }, ui);
  if (ui.ask.currency)
    a.currency = await askChecked({ message: tr("prompt.init.currency"), default: known.currency, check: checkCurrency }, ui);
  return a;
}

export type FolderChoice = "files-store" | "files-store-zh" | "empty";

/** The exports folder does not exist yet: create it empty, or with a template to fill in. */
export async function askFolderSetup(dir: string): Promise<FolderChoice> {
  const { select } = await import("@inquirer/prompts");
  return select<FolderChoice>(
    {
      message: tr("prompt.folder", { dir }),
      choices: [
        { name: tr("prompt.folder.files_store"), value: "files-store" },
        { name: tr("prompt.folder.files_store_zh"), value: "files-store-zh" },
        { name: tr("prompt.folder.empty"), value: "empty" },
      ],
      theme: SELECT_THEME,
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
      ? tr("prompt.mapping.column", { header: c.header, samples: c.samples.map(shortSample).join(" | ") })
      : tr("prompt.mapping.column_empty", { header: c.header }),
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
  nameOf.set(IGNORE, tr("prompt.mapping.ignore"));
  process.stderr.write(`${tr("prompt.mapping.intro", { file, count: q.columns.length })}\n`);
  if (q.missing.length > 0) process.stderr.write(`${tr("prompt.mapping.missing", { fields: q.missing.join("; ") })}\n`);

  /** Which column holds a field: a recognised one, or another answer. */
  const holder = (field: string, except: string): string | undefined =>
    q.taken[field] ?? [...answers].find(([h, f]) => h !== except && f === field)?.[0];

  const ask = async (c: MappingColumn, current: string): Promise<string> =>
    select<string>(
      {
        message: columnMessage(c),
        choices: [
          { name: tr("prompt.mapping.ignore"), value: IGNORE },
          ...q.choices.map((choice) => {
            const by = holder(choice.value, c.header);
            return {
              name: choice.name,
              value: choice.value as string,
              ...(choice.description ? { description: tr.text(choice.description) } : {}),
              ...(by !== undefined ? { disabled: tr("prompt.mapping.given_by", { column: by }) } : {}),
            };
          }),
        ],
        default: holder(current, c.header) === undefined ? current : IGNORE,
        pageSize: 12,
        theme: SELECT_THEME,
      },
      CONTEXT,
    );

  for (const c of q.columns) answers.set(c.header, await ask(c, c.guess));
  // A review: Enter keeps every answer; choosing a column asks only that one again.
  for (;;) {
    const DONE = "\u0000done";
    const pick = await select<string>(
      {
        message: tr("prompt.mapping.review"),
        choices: [
          { name: tr("prompt.mapping.review_yes"), value: DONE },
          ...q.columns.map((c) => ({
            name: tr("prompt.mapping.review_change", { header: c.header, now: nameOf.get(answers.get(c.header) ?? IGNORE) }),
            value: c.header,
          })),
        ],
        default: DONE,
        theme: SELECT_THEME,
      },
      CONTEXT,
    );
    if (pick === DONE) break;
    const column = q.columns.find((c) => c.header === pick) as MappingColumn;
    answers.set(column.header, await ask(column, answers.get(column.header) ?? IGNORE));
  }
  return Object.fromEntries(answers);
}
