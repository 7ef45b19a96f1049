/**
 * The `attributes:` section of merchops.config.yaml: extra header and value synonyms for the
 * built-in attributes, and new attributes (closed lists or free-form). Keys are user text, so every
 * map refuses `__proto__`, `constructor` and `prototype`; the dictionary itself only uses Maps.
 */
import { z } from "zod";
import { msg, schemaMessage } from "../i18n/index.js";

/** Built-in attribute names (kept here so the schema can tell an extension from a new attribute). */
export const BUILT_IN_ATTRIBUTES = ["colour", "size", "material", "flavour", "capacity", "weight", "dimensions"] as const;
export type BuiltInAttribute = (typeof BUILT_IN_ATTRIBUTES)[number];

/** US spellings accepted as config keys for the built-in attributes. */
export const ATTRIBUTE_NAME_ALIASES: ReadonlyMap<string, BuiltInAttribute> = new Map([
  ["color", "colour"],
  ["flavor", "flavour"],
]);

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const safeKey = z
  .string()
  .trim()
  .min(1, schemaMessage(msg("values.config.empty")))
  .refine((k) => !FORBIDDEN_KEYS.has(k), { message: schemaMessage(msg("values.attr.reserved_word")) });

/** Checked in superRefine rather than as the record's key schema, whose failures zod reports only as "Invalid key". */
const ATTRIBUTE_NAME = /^[a-z][a-z0-9_-]*$/;

const text = z
  .string()
  .trim()
  .min(1, schemaMessage(msg("values.config.empty")));

const attributeExtensionSchema = z
  .object({
    /** Display names: `zh` is Simplified Chinese, `zh-Hant` Traditional. */
    labels: z.object({ en: text.optional(), zh: text.optional(), "zh-Hant": text.optional() }).strict().optional(),
    /** More column headers that name this attribute (they win over a built-in attribute's header). */
    headers: z.array(text).optional(),
    /** Canonical values (a list), or a map of synonym -> canonical value. */
    values: z.union([z.array(text), z.record(safeKey, text)]).optional(),
    /** More value synonyms: synonym -> canonical value (an existing one or a new one). */
    synonyms: z.record(safeKey, text).optional(),
    /** Sort order: the listed values come first, in this order; the others follow in the built-in order. */
    order: z.array(text).optional(),
    /** Any value is accepted (trimmed, whitespace collapsed); known synonyms still map to their canonical value. */
    freeForm: z.boolean().optional(),
  })
  .strict();

/**
 * YAML parsers keep a `__proto__` key as an own property, and a zod record silently drops it; a
 * config that says `__proto__:` anywhere is refused instead of half-read.
 */
function reservedKeyPaths(value: unknown, path: (string | number)[] = [], found: (string | number)[][] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null || path.length > 4) return found;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) found.push([...path, key]);
    else reservedKeyPaths((value as Record<string, unknown>)[key], [...path, key], found);
  }
  return found;
}

const attributesRecordSchema = z.record(z.string(), attributeExtensionSchema).superRefine((config, ctx) => {
  for (const [name, ext] of Object.entries(config)) {
    if (!ATTRIBUTE_NAME.test(name)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: schemaMessage(msg("values.attr.bad_name")),
      });
      continue;
    }
    const builtIn = (BUILT_IN_ATTRIBUTES as readonly string[]).includes(name) || ATTRIBUTE_NAME_ALIASES.has(name);
    if (builtIn || ext.freeForm) continue;
    const hasValues = Array.isArray(ext.values) ? ext.values.length > 0 : Object.keys(ext.values ?? {}).length > 0;
    if (!hasValues && Object.keys(ext.synonyms ?? {}).length === 0) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: schemaMessage(msg("values.attr.needs_values", { name })),
      });
    }
  }
});

export type AttributeExtension = z.infer<typeof attributeExtensionSchema>;
export type AttributesConfig = z.infer<typeof attributesRecordSchema>;

export const attributesConfigSchema: z.ZodType<AttributesConfig> = z.preprocess((input, ctx) => {
  for (const path of reservedKeyPaths(input)) {
    ctx.addIssue({
      code: "custom",
      path,
      message: schemaMessage(msg("values.attr.reserved_key", { key: String(path[path.length - 1]) })),
      input,
    });
  }
  return input;
}, attributesRecordSchema);
