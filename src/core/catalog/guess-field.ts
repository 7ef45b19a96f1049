/**
 * The likeliest catalog field for a column no dialect recognised, from its header and a few of its
 * values, for the mapping prompt to preselect. Only a preselection: the user confirms it, so a wrong
 * guess costs a keypress, and "ignore" is the answer when nothing fits (a stray Enter then drops a
 * column rather than feeding a wrong field). Fields other columns already give are never guessed.
 */
import type { AttributeDictionary } from "../attributes/index.js";
import { editDistance } from "../attributes/suggest.js";
import { headerKey } from "./dialects.js";
import type { CatalogField } from "./types.js";

/** The name a field has in the templates and in mapping files: snake_case ("compare_at_price"). */
export function fieldName(field: CatalogField): string {
  return field.startsWith("attr:") ? field.slice(5) : field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const URL = /^https?:\/\/\S+$/i;
const BARCODE = /^(\d{8}|\d{12,14})$/;
const AMOUNT = /^[¥￥$€£]?\s?\d{1,3}(,?\d{3})*(\.\d{1,2})?$/;
const INTEGER = /^\d+$/;
const WEIGHT = /^\d+(\.\d+)?\s?(g|kg|克|千克|公斤|斤|两|lb|oz)$/i;
const STATUS = /^(active|draft|archived|上架|下架|在售|草稿)$/i;

/** Fields guessed from the shape of the values, in order of preference when one is taken. */
function byShape(samples: readonly string[]): CatalogField[] {
  const all = (re: RegExp) => samples.length > 0 && samples.every((s) => re.test(s));
  if (all(URL)) return ["image", "productImage"];
  if (all(BARCODE)) return ["barcode"];
  if (all(WEIGHT)) return ["weight"];
  if (all(STATUS)) return ["status"];
  if (all(/^[A-Z]{3}$/)) return ["currency"];
  if (all(INTEGER)) return ["inventory"];
  if (all(AMOUNT)) return ["price", "compareAtPrice", "cost"];
  return [];
}

/** Words a header may hold for each field: its snake_case name, spaced, and the attributes' labels. */
function headerWords(dict: AttributeDictionary, fields: readonly CatalogField[]): [CatalogField, string[]][] {
  return fields.map((f) => {
    if (!f.startsWith("attr:")) return [f, [headerKey(fieldName(f))]];
    const name = f.slice(5);
    const labels = (["en", "zh", "zh-Hant"] as const).map((l) => headerKey(dict.attributeLabel(name, l)));
    return [f, [...new Set([headerKey(name), ...labels])]];
  });
}

function headerMatches(key: string, word: string): boolean {
  if (word.length < 2) return false;
  const cjk = /[\u3400-\u9fff]/.test(word);
  if (cjk ? key.includes(word) : new RegExp(`(^|[^a-z])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^a-z]|$)`).test(key)) return true;
  // A typo of the whole header: one edit for short words, two for longer.
  return !cjk && word.length >= 4 && editDistance(key, word) <= (word.length > 6 ? 2 : 1);
}

/**
 * @param fields the fields a column may be mapped to (the prompt's list), "ignore" aside
 * @param taken fields other columns already give
 */
export function guessField(
  header: string,
  samples: readonly string[],
  dict: AttributeDictionary,
  fields: readonly CatalogField[],
  taken: ReadonlySet<string>,
): CatalogField {
  const free = fields.filter((f) => !taken.has(f) && f !== "ignore");
  const key = headerKey(header);
  for (const [field, words] of headerWords(dict, free)) if (words.some((w) => headerMatches(key, w))) return field;
  const values = samples.map((s) => s.trim()).filter((s) => s !== "");
  const shaped = byShape(values).find((f) => free.includes(f));
  if (shaped) return shaped;
  // Values an attribute's list knows (S/M/L, 红色): that attribute. Free-form attributes take anything, and
  // the net weight is told from the shipping weight only by its header, so neither is guessed from values.
  if (values.length > 0) {
    for (const f of free) {
      if (!f.startsWith("attr:")) continue;
      const name = f.slice(5);
      if (name === "weight" || dict.isFreeForm(name)) continue;
      if (values.every((v) => dict.standardize(name, v).ok)) return f;
    }
  }
  return "ignore";
}
