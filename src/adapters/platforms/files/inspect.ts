/**
 * What a files store would read from a folder (or one file): per dataset the file, the export
 * profile recognized, each merchops column and the header it is read from, what cannot be mapped
 * (with the config that would map it), and the first rows as they will be read.
 */
import { statSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { DatasetMapping, FilesMapping } from "../../../config/files-mapping.js";
import { InputError } from "../../../core/errors.js";
import { msg } from "../../../core/i18n/index.js";
import { DATASETS, type DatasetName } from "./columns.js";
import { Dataset, findDatasetFile } from "./dataset.js";
import { PROFILES } from "./profiles.js";

export interface DatasetInspection {
  dataset: DatasetName;
  file: string;
  /** The export profile recognized from the headers, when one is. */
  profile?: { id: string; label: string; note?: string };
  /** merchops column -> the header it is read from. */
  columns: { key: string; header: string | null; required: boolean }[];
  /** Headers no column reads. */
  unused: string[];
  /** The problem opening it, when it cannot be read as this dataset. */
  problem?: string;
  hint?: string;
  /** Config lines that would map what is missing. */
  suggestion?: string;
  /** Up to 5 rows: column key -> the cell as read (text). */
  preview: Record<string, string>[];
}

const PREVIEW_ROWS = 5;

export interface InspectOptions {
  timezone: string;
  currency: string;
  encoding?: string;
  mapping?: FilesMapping;
}

export async function inspectPath(path: string, opts: InspectOptions): Promise<DatasetInspection[]> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError({ file: path }, msg("files.inspect_not_found"), msg("files.inspect_not_found_hint"));
  }
  const targets: [DatasetName, string][] = [];
  if (isDir) {
    for (const name of Object.keys(DATASETS) as DatasetName[]) {
      const file = findDatasetFile(path, name);
      if (file) targets.push([name, file]);
    }
  } else {
    targets.push([await guessDataset(path, opts), path]);
  }
  const out: DatasetInspection[] = [];
  for (const [name, file] of targets) out.push(await inspectDataset(name, file, opts));
  return out;
}

/** One file: the dataset whose profile or required columns its header fits (orders by default). */
async function guessDataset(file: string, opts: InspectOptions): Promise<DatasetName> {
  const lower = basename(file).toLowerCase();
  for (const name of Object.keys(DATASETS) as DatasetName[]) {
    if (findDatasetFile(dirname(file), name) === file) return name;
  }
  for (const name of ["orders", "order_lines", "returns", "traffic", "tickets", "products"] as DatasetName[]) {
    try {
      const ds = await Dataset.open(DATASETS[name], file, { timezone: opts.timezone, currency: opts.currency, ...encodingOf(opts) });
      await ds.close();
      return name;
    } catch {
      // not this dataset
    }
  }
  return lower.includes("return") || lower.includes("退") ? "returns" : "orders";
}

const encodingOf = (opts: InspectOptions) => (opts.encoding ? { encoding: opts.encoding } : {});

async function inspectDataset(name: DatasetName, file: string, opts: InspectOptions): Promise<DatasetInspection> {
  const spec = DATASETS[name];
  const mapping: DatasetMapping | undefined = opts.mapping?.[name];
  const base = { dataset: name, file, columns: [], unused: [], preview: [] };
  let ds: Dataset;
  try {
    ds = await Dataset.open(spec, file, {
      timezone: opts.timezone,
      currency: opts.currency,
      ...encodingOf(opts),
      ...(mapping ? { mapping } : {}),
    });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const missingKey = /missing required column[s]? "([a-z_]+)"/.exec(e.message)?.[1];
    return {
      ...base,
      problem: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(missingKey ? { suggestion: `mapping:\n  ${name}:\n    columns: { ${missingKey}: "<header in the file>" }` } : {}),
    };
  }
  try {
    const columns = spec.columns.map((c) => ({ key: c.key, header: ds.header(c.key) ?? null, required: c.required }));
    const lines = name === "orders" ? Dataset.remap(DATASETS.order_lines, ds) : undefined;
    if (lines) {
      for (const c of DATASETS.order_lines.columns) {
        const h = lines.header(c.key);
        if (h && !columns.some((x) => x.key === c.key)) columns.push({ key: c.key, header: h, required: false });
      }
    }
    const read = new Set(columns.map((c) => c.header).filter((h): h is string => h !== null));
    const unused = ds.table.header.filter((h) => !read.has(h) && h !== "");
    const preview: Record<string, string>[] = [];
    for await (const batch of ds.batches()) {
      for (const row of batch.slice(0, PREVIEW_ROWS)) {
        const cells: Record<string, string> = {};
        for (const c of columns) {
          if (!c.header) continue;
          const v = (ds.has(c.key) ? ds : lines)?.rawText(row, c.key);
          if (v !== undefined) cells[c.key] = v;
        }
        preview.push(cells);
      }
      break;
    }
    const absent = columns.filter((c) => c.header === null && !c.required).map((c) => c.key);
    const result: DatasetInspection = { ...base, columns, unused, preview };
    if (ds.profile) result.profile = { id: ds.profile.id, label: ds.profile.label, ...(ds.profile.note ? { note: ds.profile.note } : {}) };
    if (!ds.profile && unused.length > 0 && absent.length > 0) {
      const pairs = absent.slice(0, 4).map((k) => `${k}: "<one of: ${unused.slice(0, 3).join(", ")}>"`);
      result.suggestion = `mapping:\n  ${name}:\n    columns: { ${pairs.join(", ")} }`;
    }
    return result;
  } finally {
    await ds.close();
  }
}

/** The profiles, for `files inspect --profiles` and the README. */
export function profileList(): { id: string; label: string; dataset: string; signature: string }[] {
  return PROFILES.map((p) => ({
    id: p.id,
    label: p.label,
    dataset: p.dataset,
    signature: [...p.signature, ...(p.anyOf ? [`(${p.anyOf.join(" | ")})`] : [])].join(", "),
  }));
}
