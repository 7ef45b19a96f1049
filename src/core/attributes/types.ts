/**
 * How a built-in attribute is described: labels, header synonyms, canonical values with their
 * synonyms, and for open-ended values (shoe sizes, quantities) a parser and an ordering key.
 */
import type { ParseFailure } from "./units.js";

export interface Labels {
  en: string;
  /** Simplified Chinese. */
  zh: string;
  /** Traditional Chinese. */
  "zh-Hant": string;
}

export interface ValueEntry {
  /** The canonical value, as stored and exported. */
  value: string;
  /** Display labels; missing ones fall back to the canonical value. */
  labels?: Partial<Labels>;
  /** Other spellings, in any script; matched by lookup key. */
  synonyms: readonly string[];
}

/** What a parser may ask the dictionary: a key's canonical value, and the closest ones to an unknown key. */
export interface ParseContext {
  lookup(key: string): string | undefined;
  suggest(key: string): string[];
}

export interface AttributeSpec {
  name: string;
  labels: Labels;
  headers: readonly string[];
  values: readonly ValueEntry[];
  /** Whether `values` are listed in their natural order (XS < S < M). */
  ordered: boolean;
  /** Applied to every lookup key of this attribute, on both sides: e.g. colour drops a trailing 色. */
  keyOf?: (key: string) => string;
  /** Open-ended values (shoe sizes, quantities): canonical text, a failure, or undefined when not of this shape. */
  parse?: (key: string, context: ParseContext) => string | ParseFailure | undefined;
  /** Ordering key of a canonical value the value list does not rank. */
  rank?: (value: string) => number[] | undefined;
  /** Label of a canonical value the value list does not hold ("EU 42" -> "欧码42"). */
  label?: (value: string, lang: keyof Labels) => string | undefined;
  freeForm?: boolean;
}

/** One entry in a few words: value, zh-Hans label, zh-Hant label (or ""), synonyms. */
export function entry(value: string, zh: string, zhHant: string, synonyms: readonly string[], en?: string): ValueEntry {
  const labels: Partial<Labels> = { zh, "zh-Hant": zhHant || zh };
  if (en !== undefined) labels.en = en;
  return { value, labels, synonyms: [zh, ...(zhHant ? [zhHant] : []), ...synonyms] };
}
