/**
 * The spreadsheet templates shipped in templates/: list them, copy one into a folder to fill in.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { z } from "zod";
import { PACKAGE_ROOT, suggest } from "../config/load.js";
import { conform } from "../core/contract.js";
import { InputError, UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { templatesListSchema } from "./schemas/index.js";

export const TEMPLATES_DIR = join(PACKAGE_ROOT, "templates");

const DESCRIPTIONS: Record<string, string> = {
  catalog:
    "The catalog import sheet: catalog.xlsx (drop-down lists for colour and size, money and text formats, instructions in Chinese and English) and catalog.csv (UTF-8 with BOM), two example rows",
  "files-store":
    "A files store to fill in: one CSV per dataset (orders, order lines, returns, traffic, tickets, products), English headers",
  "files-store-zh": "The same with Chinese headers (UTF-8 with BOM for Excel)",
  competitors:
    "Competitor offers collected by hand for `prices snapshot` (a spreadsheet source): competitors.xlsx and competitors.csv, one row per offer and query",
  shipments:
    "The warehouse sheet for `shipments import`: shipments.xlsx (courier drop-down, text formats, instructions in Chinese and English) and shipments.csv (UTF-8 with BOM); one row per parcel or per SKU in a parcel",
};

export interface TemplateInfo {
  name: string;
  files: string[];
  description: string;
}

export function listTemplates(): TemplateInfo[] {
  if (!existsSync(TEMPLATES_DIR)) return [];
  return readdirSync(TEMPLATES_DIR)
    .filter((n) => statSync(join(TEMPLATES_DIR, n)).isDirectory())
    .sort()
    .map((name) => ({ name, files: readdirSync(join(TEMPLATES_DIR, name)).sort(), description: DESCRIPTIONS[name] ?? "" }));
}

/** Copies a template's files into `target`; never overwrites a file unless forced. */
export async function copyTemplate(name: string, target: string, opts: { force: boolean }): Promise<{ dir: string; files: string[] }> {
  const all = listTemplates();
  const t = all.find((x) => x.name === name);
  if (!t) {
    const near = suggest(
      name,
      all.map((x) => x.name),
    );
    throw new UsageError(
      msg("templates.unknown", { name, names: all.map((x) => x.name).join(", ") }),
      near ? msg("setup.did_you_mean", { value: near }) : msg("templates.run_list"),
    );
  }
  const dir = resolve(target);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(
      { file: dir },
      msg("init.cannot_create", {
        detail: (e as NodeJS.ErrnoException).code === "EEXIST" ? msg("templates.file_has_name") : (e as Error).message,
      }),
      msg("templates.name_another"),
    );
  }
  const clashes = t.files.filter((f) => existsSync(join(dir, f)));
  if (clashes.length > 0 && !opts.force) {
    throw new InputError({ file: join(dir, clashes[0] as string) }, msg("templates.exists"), msg("templates.exists_hint"));
  }
  for (const f of t.files) await writeFileAtomic(join(dir, f), readFileSync(join(TEMPLATES_DIR, name, f)));
  return { dir, files: t.files };
}

/** The JSON document (docs/schemas/templates-list.schema.json). */
export function templatesJson(list: readonly TemplateInfo[]): z.output<typeof templatesListSchema> {
  return conform(templatesListSchema, { templates: list });
}
