/**
 * Column mappings for `catalog import --mapping / --save-mapping`: a YAML file of
 * `header: field`, where field is a catalog field (sku, title, price ...), `attr:<name>` or just an
 * attribute name (size, colour), or `ignore`.
 */
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { type AttributesConfig, createAttributeDictionary } from "../core/attributes/index.js";
import type { CatalogField } from "../core/catalog/types.js";
import { InputError } from "../core/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";

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

/** The fields a column can be mapped to, for the interactive question. */
export function mappingChoices(attributes?: AttributesConfig): { value: CatalogField; label: string }[] {
  const dict = createAttributeDictionary(attributes);
  return [
    ...PLAIN_FIELDS.filter((f) => f !== "ignore").map((f) => ({ value: f as CatalogField, label: f })),
    ...dict.names().map((n) => ({ value: `attr:${n}` as CatalogField, label: `${n} (variant option: ${dict.attributeLabel(n, "zh")})` })),
    { value: "ignore" as CatalogField, label: "ignore this column" },
  ];
}

export function readMapping(path: string): Record<string, CatalogField> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError({ file: path }, "mapping file not found", "check the --mapping path");
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new InputError({ file: path }, `not valid YAML: ${(e as Error).message.split("\n")[0]}`, 'write one "header: field" per line');
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError({ file: path }, "expected a map of header: field", 'e.g.  "货品名": title');
  }
  const known = new Set<string>(PLAIN_FIELDS);
  const out = new Map<string, CatalogField>();
  for (const [header, value] of Object.entries(doc as Record<string, unknown>)) {
    if (RESERVED.has(header)) throw new InputError({ file: path }, `header "${header}" is not allowed`, "remove that line");
    if (typeof value !== "string" || value.trim() === "") {
      throw new InputError({ file: path }, `"${header}": the field must be a word such as title, sku, size or ignore`, "fix that line");
    }
    const v = value.trim();
    const field = known.has(v) || v.startsWith("attr:") ? v : `attr:${v}`;
    out.set(header, field as CatalogField);
  }
  return Object.fromEntries(out);
}

export async function writeMapping(path: string, mapping: Record<string, string>): Promise<void> {
  await writeFileAtomic(path, `# merchops catalog import --mapping ${path}\n${stringify(mapping)}`);
}
