/**
 * Column mappings for `catalog import --mapping / --save-mapping`: a YAML file of
 * `header: field`, where field is a catalog field (sku, title, price ...), `attr:<name>` or just an
 * attribute name (size, colour), or `ignore`.
 */
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { type AttributesConfig, createAttributeDictionary } from "../core/attributes/index.js";
import type { HeaderMapping } from "../core/catalog/dialects.js";
import { fieldName, guessField } from "../core/catalog/guess-field.js";
import type { CatalogField } from "../core/catalog/types.js";
import { InputError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { RawCell } from "../io/csv-reader.js";
import { checkInputFileSync } from "../io/input-path.js";
import { openTable, type ReadOptions } from "../io/read-table.js";

export const PLAIN_FIELDS = [
  "handle",
  "title",
  "description",
  "vendor",
  "category",
  "tags",
  "status",
  "sku",
  "price",
  "compareAtPrice",
  "cost",
  "currency",
  "barcode",
  "weight",
  "inventory",
  "image",
  "productImage",
  "ignore",
] as const;

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

export interface MappingChoice {
  value: CatalogField;
  /** The snake_case name the templates and mapping files use ("compare_at_price"). */
  name: string;
  /** What the field is, for the list ("variant option: 尺码"). */
  description?: Message;
}

/** The net weight attribute is shown under this name: "weight" is the variant's shipping weight. */
const NET_WEIGHT = "net_weight";

const PLAIN = new Set<string>(PLAIN_FIELDS);

/** A field's name in the prompt and in mapping files; dialect fields (shopify:type) as they are. */
function choiceName(field: CatalogField): string {
  if (field === "attr:weight") return NET_WEIGHT;
  return PLAIN.has(field) || field.startsWith("attr:") ? fieldName(field) : field;
}

/** The fields a column can be mapped to, for the interactive question: each once, by its template name. */
export function mappingChoices(attributes?: AttributesConfig): MappingChoice[] {
  const dict = createAttributeDictionary(attributes);
  const plain = PLAIN_FIELDS.filter((f) => f !== "ignore").map((f) => ({ value: f as CatalogField, name: fieldName(f) }));
  const attrs = dict.names().map((n) => ({
    value: `attr:${n}` as CatalogField,
    name: choiceName(`attr:${n}`),
    description: msg("catalog.mapping.variant_option", { en: dict.attributeLabel(n, "en"), zh: dict.attributeLabel(n, "zh") }),
  }));
  return [...plain, ...attrs];
}

/** One column the prompt asks about. */
export interface MappingColumn {
  header: string;
  /** Up to 3 values from the first rows, for the user to recognise the column. */
  samples: string[];
  /** The likeliest field, preselected; "ignore" when nothing fits. */
  guess: CatalogField;
}

export interface MappingQuestion {
  columns: MappingColumn[];
  choices: MappingChoice[];
  /** Field -> header of the column that already gives it: those fields are not offered again. */
  taken: Record<string, string>;
  /** Required columns no recognised column gives yet ('"SKU" (or 商家编码 / 商家編碼 / 货号)'). */
  missing: string[];
}

const REQUIRED_MISSING = "required column missing: ";

const SAMPLE_COUNT = 3;
/** Rows read at most to find the samples: a sparse column shows fewer rather than reading the whole file. */
const SAMPLE_ROWS = 200;

function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** The first distinct non-empty values of some columns of a table. */
export async function sampleColumns(file: string, readOptions: ReadOptions, headers: readonly string[]): Promise<Map<string, string[]>> {
  const table = await openTable(file, readOptions);
  const index = new Map(headers.map((h) => [h, table.header.findIndex((x) => x.trim() === h)]));
  const out = new Map(headers.map((h) => [h, [] as string[]]));
  let rows = 0;
  try {
    outer: for await (const batch of table.batches()) {
      for (const row of batch) {
        for (const [h, i] of index) {
          const seen = out.get(h) as string[];
          const v = i >= 0 ? cellText(row.cells[i] ?? null) : "";
          if (v !== "" && seen.length < SAMPLE_COUNT && !seen.includes(v)) seen.push(v);
        }
        if (++rows >= SAMPLE_ROWS || [...out.values()].every((v) => v.length >= SAMPLE_COUNT)) break outer;
      }
    }
  } finally {
    await table.close();
  }
  return out;
}

/** What to ask about a file's unrecognised columns: their samples, a guess each, and the fields already given. */
export async function mappingQuestion(
  file: string,
  readOptions: ReadOptions,
  mapping: HeaderMapping,
  attributes: AttributesConfig | undefined,
): Promise<MappingQuestion> {
  const dict = createAttributeDictionary(attributes);
  const choices = mappingChoices(attributes);
  const taken: Record<string, string> = {};
  for (const c of mapping.columns) if (c.field !== "ignore" && !(c.field in taken)) taken[c.field] = c.header;
  const samples = await sampleColumns(file, readOptions, mapping.unmatched);
  const fields = choices.map((c) => c.value);
  const guessed = new Set(Object.keys(taken));
  const columns = mapping.unmatched.map((header) => {
    const s = samples.get(header) ?? [];
    // Each guess is taken from the next column's candidates: two columns are never preselected to one field.
    const guess = guessField(header, s, dict, fields, guessed);
    if (guess !== "ignore") guessed.add(guess);
    return { header, samples: s, guess };
  });
  const missing = mapping.problems
    .filter((p) => p.message.startsWith(REQUIRED_MISSING))
    .map((p) => p.message.slice(REQUIRED_MISSING.length));
  return { columns, choices, taken, missing };
}

export function readMapping(path: string): Record<string, CatalogField> {
  let text: string;
  // A FIFO would block readFileSync for ever.
  checkInputFileSync(path);
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError({ file: path }, msg("catalog.mapping.not_found"), msg("catalog.mapping.not_found_hint"));
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new InputError(
      { file: path },
      msg("catalog.mapping.not_yaml", { detail: (e as Error).message.split("\n")[0] }),
      msg("catalog.mapping.not_yaml_hint"),
    );
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError({ file: path }, msg("catalog.mapping.not_map"), msg("catalog.mapping.not_map_hint"));
  }
  // Template names (compare_at_price) and the older camelCase ones (compareAtPrice) both name a field.
  const known = new Map<string, string>(PLAIN_FIELDS.flatMap((f) => [[f, f] as [string, string], [fieldName(f), f] as [string, string]]));
  known.set(NET_WEIGHT, "attr:weight");
  const out = new Map<string, CatalogField>();
  for (const [header, value] of Object.entries(doc as Record<string, unknown>)) {
    if (RESERVED.has(header))
      throw new InputError({ file: path }, msg("catalog.mapping.header_reserved", { header }), msg("catalog.mapping.remove_line"));
    if (typeof value !== "string" || value.trim() === "") {
      throw new InputError({ file: path }, msg("catalog.mapping.field_not_word", { header }), msg("catalog.mapping.fix_line"));
    }
    const v = value.trim();
    const field = known.get(v) ?? (v.startsWith("attr:") ? v : `attr:${v}`);
    out.set(header, field as CatalogField);
  }
  return Object.fromEntries(out);
}

/** Writes header: field with the fields' template names, as readMapping reads them back. */
export async function writeMapping(path: string, mapping: Record<string, string>): Promise<void> {
  const named = Object.fromEntries(Object.entries(mapping).map(([h, f]) => [h, choiceName(f as CatalogField)]));
  await writeFileAtomic(path, `# merchops catalog import --mapping ${path}\n${stringify(named)}`);
}
