/**
 * Attribute values through the dictionary, cached: a million-row sheet holds a few dozen distinct
 * sizes and colours, so each distinct (attribute, raw value) is standardized once. Option names
 * from Shopify and WooCommerce sheets ("Size", "Farbe", "Format") resolve to a canonical attribute
 * when the dictionary knows the word, otherwise to a free-form attribute keyed by the name in
 * lowercase ("Format" -> "format"), whose values are kept as written.
 *
 * Standardization adds, it never blocks. Every value keeps a display form (what the store shows)
 * and, when the dictionary recognises it, a canonical value beside it:
 * - "values" (supplier sheets by default): a recognised value is shown in its canonical form
 *   (加大码 -> XL), as the seed's 规格参数标准化 asks;
 * - "keep" (platform exports by default): the merchant's words are shown as written, so a
 *   re-imported export never renames its variants;
 * - a colour the dictionary does not know as a whole but whose words name one colour family
 *   ("Bark Grey" -> grey, 宝石红 -> red) gets that family as canonical value and keeps its words;
 * - any other unknown value is kept as written, with a warning (an error under strict
 *   attributes); suggestions only where it looks like a typo of a known value.
 */
import type { AttributeDictionary } from "../attributes/index.js";
import { type Message, msg } from "../i18n/index.js";
import { RESERVED_KEYS } from "./text.js";
import type { CatalogDialect } from "./types.js";

/** How display values are written: canonical form ("values") or the file's words ("keep"). */
export type StandardizeMode = "values" | "keep";

export interface Standardized {
  /** The value the store shows. */
  display: string;
  /** The canonical value, when the dictionary recognises the value (or its colour family). */
  canonical?: string;
  /** Set when the dictionary defines the attribute but does not know the value. */
  unknown?: { problem: string | Message; suggestions: string[] };
}

/** Distinct values cached per attribute; beyond this a free-text column stops being cached. */
const MAX_CACHED_PER_ATTRIBUTE = 20_000;
/** Attributes whose unknown values may still name a family by one of their words. */
const FAMILY_ATTRIBUTES = new Set(["colour"]);
const WORD_SEPARATORS = /[\s/,&+|·-]+/;
const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/;

export class Standardizer {
  private readonly cache = new Map<string, Map<string, Standardized>>();
  private readonly known: ReadonlySet<string>;
  private readonly names = new Map<string, string | undefined>();

  constructor(
    readonly dict: AttributeDictionary,
    readonly mode: StandardizeMode,
  ) {
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

  /** One cell's value (already trimmed by the caller). */
  value(attr: string, raw: string): Standardized {
    let values = this.cache.get(attr);
    if (!values) {
      values = new Map();
      this.cache.set(attr, values);
    }
    let result = values.get(raw);
    if (result === undefined) {
      result = this.compute(attr, raw);
      if (values.size < MAX_CACHED_PER_ATTRIBUTE) values.set(raw, result);
    }
    return result;
  }

  private compute(attr: string, raw: string): Standardized {
    const written = raw.trim();
    if (!this.isKnown(attr)) {
      // A free-form attribute of the file's own ("Format"): its words are its values.
      const canonical = written.normalize("NFKC");
      return { display: this.mode === "values" ? canonical : written, canonical };
    }
    const r = this.dict.standardize(attr, written);
    if (r.ok) return { display: this.mode === "values" ? r.value : written, canonical: r.value };
    const family = FAMILY_ATTRIBUTES.has(attr) ? this.familyOf(attr, written) : undefined;
    if (family !== undefined) return { display: written, canonical: family };
    return { display: written, unknown: { problem: r.problem, suggestions: this.dict.likelyTypos(attr, written) } };
  }

  /**
   * The one family the value's words name: "Bark Grey" -> grey, "Heather Navy" -> navy, 宝石红 ->
   * red (Chinese puts the colour last: the longest known ending wins). Two different families
   * ("White/Gray", "Navy & Red Stripe") make "multicolour"; none, undefined.
   */
  private familyOf(attr: string, text: string): string | undefined {
    if (CJK_CHAR.test(text) && !/\s/.test(text)) {
      for (let i = 1; i < text.length; i++) {
        const r = this.dict.standardize(attr, text.slice(i));
        if (r.ok) return r.value;
      }
      return undefined;
    }
    const found = new Set<string>();
    for (const word of text.split(WORD_SEPARATORS)) {
      if (word === "") continue;
      const r = this.dict.standardize(attr, word);
      if (r.ok) found.add(r.value);
    }
    if (found.size === 0) return undefined;
    if (found.size === 1) return [...found][0];
    return this.dict.standardize(attr, "multicolour").ok ? "multicolour" : undefined;
  }
}

const shared = new WeakMap<AttributeDictionary, Map<StandardizeMode, Standardizer>>();

/** One standardizer (and cache) per dictionary and mode, shared by the row parsers and assemblers of a run. */
export function standardizerFor(dict: AttributeDictionary, mode: StandardizeMode = "values"): Standardizer {
  let byMode = shared.get(dict);
  if (!byMode) {
    byMode = new Map();
    shared.set(dict, byMode);
  }
  let s = byMode.get(mode);
  if (!s) {
    s = new Standardizer(dict, mode);
    byMode.set(mode, s);
  }
  return s;
}

/** "did you mean" for a value that looks like a typo of a known one. */
export function refusalHint(suggestions: readonly string[]): Message | undefined {
  if (suggestions.length === 0) return undefined;
  return msg("catalog.dict.did_you_mean", {
    values: suggestions
      .slice(0, 3)
      .map((s) => `"${s}"`)
      .join(", "),
  });
}

/** What a value's standardization has to say: an unknown value (a warning, or an error when strict). */
export interface ValueIssue {
  severity: "error" | "warning";
  message: string | Message;
  hint?: string | Message;
}

/**
 * The values of one file's option cells into variants: the display value into `options`, the
 * canonical one into `holder.attributes`. An unknown value is reported once per file (the same
 * "Bark Grey" on a thousand rows is one warning); under strict attributes on every row, as an error.
 */
export class AttributeValues {
  private readonly reported = new Set<string>();

  constructor(
    readonly standardizer: Standardizer,
    private readonly strict: boolean,
  ) {}

  put(
    options: Record<string, string>,
    holder: { attributes?: Record<string, string>; written?: Record<string, string> },
    attr: string,
    raw: string,
  ): ValueIssue | undefined {
    const r = this.standardizer.value(attr, raw);
    options[attr] = r.display;
    const written = raw.trim();
    if (r.display !== written) {
      holder.written ??= {};
      holder.written[attr] = written;
    }
    if (r.canonical !== undefined) {
      holder.attributes ??= {};
      holder.attributes[attr] = r.canonical;
    }
    if (r.unknown === undefined) return undefined;
    const hint = refusalHint(r.unknown.suggestions);
    if (this.strict) {
      return { severity: "error", message: r.unknown.problem, hint: hint ?? msg("catalog.dict.strict_hint") };
    }
    const key = `${attr}\u0000${r.display}`;
    if (this.reported.has(key)) return undefined;
    this.reported.add(key);
    const issue: ValueIssue = { severity: "warning", message: unknownValueMessage(r.display, attr) };
    if (hint) issue.hint = hint;
    return issue;
  }
}

/** The warning for a value the dictionary does not know: it is kept as written. */
export function unknownValueMessage(value: string, attr: string): Message {
  return msg("catalog.dict.unknown", { attr, value });
}

/** The default display mode of a dialect: supplier sheets are standardized, platform exports kept. */
export function defaultStandardizeMode(dialect: CatalogDialect): StandardizeMode {
  return dialect === "native" ? "values" : "keep";
}
