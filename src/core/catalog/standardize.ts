/**
 * Attribute values through the dictionary, cached: a million-row sheet holds a few dozen distinct
 * sizes and colours, so each distinct (attribute, raw value) is standardized once. Option names
 * from Shopify and WooCommerce sheets ("Size", "Farbe", "Format") resolve to a canonical attribute
 * when the dictionary knows the word, otherwise to a free-form attribute keyed by the name in
 * lowercase ("Format" -> "format"), whose values are kept as written.
 */
import type { AttributeDictionary } from "../attributes/index.js";
import { RESERVED_KEYS } from "./text.js";

export type Standardized = { ok: true; value: string } | { ok: false; problem: string; suggestions: string[] };

/** Distinct values cached per attribute; beyond this a free-text column stops being cached. */
const MAX_CACHED_PER_ATTRIBUTE = 20_000;

export class Standardizer {
  private readonly cache = new Map<string, Map<string, Standardized>>();
  private readonly known: ReadonlySet<string>;
  private readonly names = new Map<string, string | undefined>();

  constructor(readonly dict: AttributeDictionary) {
    this.known = new Set(dict.names());
  }

  /** True when the dictionary defines the attribute (its values are standardized). */
  isKnown(attr: string): boolean {
    return this.known.has(attr);
  }

  /**
   * The attribute an option name means: the dictionary's, else the name itself in lowercase (a
   * free-form attribute). undefined for an empty name or one that cannot be a key (`__proto__`).
   */
  attributeForName(name: string): string | undefined {
    if (this.names.has(name)) return this.names.get(name);
    let attr = this.dict.attributeForHeader(name);
    if (attr === undefined) {
      const custom = name.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
      attr = custom === "" ? undefined : custom;
    }
    if (attr !== undefined && RESERVED_KEYS.has(attr)) attr = undefined;
    if (this.names.size < MAX_CACHED_PER_ATTRIBUTE) this.names.set(name, attr);
    return attr;
  }

  value(attr: string, raw: string): Standardized {
    let values = this.cache.get(attr);
    if (!values) {
      values = new Map();
      this.cache.set(attr, values);
    }
    let result = values.get(raw);
    if (result === undefined) {
      if (this.isKnown(attr)) {
        const r = this.dict.standardize(attr, raw);
        result = r.ok ? { ok: true, value: r.value } : { ok: false, problem: r.problem, suggestions: [...r.suggestions] };
      } else {
        result = { ok: true, value: raw.normalize("NFKC").trim() };
      }
      if (values.size < MAX_CACHED_PER_ATTRIBUTE) values.set(raw, result);
    }
    return result;
  }
}

const shared = new WeakMap<AttributeDictionary, Standardizer>();

/** One standardizer (and cache) per dictionary, shared by the row parsers and assemblers of a run. */
export function standardizerFor(dict: AttributeDictionary): Standardizer {
  let s = shared.get(dict);
  if (!s) {
    s = new Standardizer(dict);
    shared.set(dict, s);
  }
  return s;
}

/** "did you mean" for a value the dictionary refused (its problem already says how to add a synonym). */
export function refusalHint(suggestions: readonly string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  return `did you mean ${suggestions
    .slice(0, 3)
    .map((s) => `"${s}"`)
    .join(", ")}?`;
}

// Variants whose value for an axis was present but refused: the refusal is already reported, so
// validation does not report the same cell again as a missing axis.
const refusedAxes = new WeakMap<object, string[]>();

export function markRefusedAxes(variant: object, attrs: readonly string[]): void {
  if (attrs.length === 0) return;
  const list = refusedAxes.get(variant);
  if (list) list.push(...attrs);
  else refusedAxes.set(variant, [...attrs]);
}

export function wasAxisRefused(variant: object, attr: string): boolean {
  return refusedAxes.get(variant)?.includes(attr) ?? false;
}
