/**
 * The attribute dictionary: the built-in attributes plus the user's `attributes:` config, compiled
 * once into Maps keyed by lookup key, so standardizing a cell is a memo hit or one or two Map
 * lookups. Nothing here is built from user keys on plain objects.
 */
import type { Message } from "../i18n/index.js";
import { BUILT_IN_SPECS } from "./builtins.js";
import { ATTRIBUTE_NAME_ALIASES, type AttributeExtension, type AttributesConfig } from "./config.js";
import { bilingualParts, collapseWhitespace, hasCjk, headerKey, lookupKey, withoutBracketedNotes } from "./normalize.js";
import { type Candidate, editDistance, suggest } from "./suggest.js";
import type { AttributeSpec, Labels, ParseContext } from "./types.js";
import { isParseFailure, type ParseFailure } from "./units.js";

export type LabelLanguage = keyof Labels;

export type StandardizeResult = { ok: true; value: string } | { ok: false; problem: string | Message; suggestions: string[] };

export interface AttributeDictionary {
  /** Canonical attribute for a column header, or undefined. Ignores case, spaces, full-width forms, a trailing ":". */
  attributeForHeader(header: string): string | undefined;
  /**
   * Standardizes one cell: ok with the canonical value, or a problem with up to 3 suggestions (closest
   * canonical values). An empty cell is the problem "empty". Results are shared: do not mutate them.
   */
  standardize(attribute: string, raw: string): StandardizeResult;
  /** Sort comparator for canonical values of one attribute (its order; numeric for units; else collation). */
  compare(attribute: string, a: string, b: string): number;
  /**
   * Canonical order of a product's option axes: colour, size, then the others alphabetically. Colour
   * first because Taobao/Tmall and most Shopify themes ask for the colour first (颜色分类, then 尺码),
   * and the picture usually changes with it.
   */
  compareAttributes(a: string, b: string): number;
  /** Human label of an attribute ("Size" / "尺码" / "尺碼"); `zh` is Simplified Chinese. */
  attributeLabel(attribute: string, lang: LabelLanguage): string;
  /** Human label of a canonical value ("One Size" -> "均码", "EU 42" -> "欧码42"); standardizes back to the value. */
  valueLabel(attribute: string, value: string, lang: LabelLanguage): string;
  /**
   * Canonical values for drop-down lists, in order. Empty for attributes whose values are open-ended
   * quantities (capacity, weight, dimensions) or free-form without a list.
   */
  values(attribute: string): string[];
  isFreeForm(attribute: string): boolean;
  names(): string[];
  /**
   * Canonical values of which `raw` looks like a typo of a spelling (加大吗 -> XL, "XLL" -> XL,
   * "gery" -> grey): one edit away (two for long words), in the same script. Much stricter than
   * `standardize`'s suggestions, which rank whatever is closest: a merchant's own word in another
   * language ("musta") is not a typo of anything ("mustard").
   */
  likelyTypos(attribute: string, raw: string): string[];
}

interface CompiledAttribute {
  name: string;
  labels: Labels;
  spec: AttributeSpec | undefined;
  keyOf: (key: string) => string;
  /** Lookup key of a synonym or a canonical value -> canonical value. */
  synonyms: Map<string, string>;
  candidates: Candidate[];
  values: string[];
  valueLabels: Map<string, Partial<Labels>>;
  ordered: boolean;
  listIndex: Map<string, number>;
  userOrder: Map<string, number>;
  freeForm: boolean;
  memo: Map<string, StandardizeResult>;
  ranks: Map<string, number[] | null>;
  context: ParseContext;
}

/** Distinct raw cells remembered per attribute; a sheet rarely has more than a few hundred. */
const MEMO_LIMIT = 50_000;
const EMPTY: StandardizeResult = Object.freeze({ ok: false, problem: "empty", suggestions: Object.freeze([]) as unknown as string[] });
const AXIS_PRIORITY = new Map([
  ["colour", 0],
  ["size", 1],
]);
const collator = new Intl.Collator(["zh-Hans", "en"], { numeric: true, sensitivity: "base" });
const identity = (key: string) => key;

/** "sky blue" -> "Sky blue"; "XL" stays. */
const sentenceCase = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

function compileBuiltIn(spec: AttributeSpec): CompiledAttribute {
  const attr: CompiledAttribute = {
    name: spec.name,
    labels: spec.labels,
    spec,
    keyOf: spec.keyOf ?? identity,
    synonyms: new Map(),
    candidates: [],
    values: [],
    valueLabels: new Map(),
    ordered: spec.ordered,
    listIndex: new Map(),
    userOrder: new Map(),
    freeForm: spec.freeForm ?? false,
    memo: new Map(),
    ranks: new Map(),
    context: { lookup: () => undefined, suggest: () => [] },
  };
  attr.context = parseContext(attr);
  for (const entry of spec.values) {
    addValue(attr, entry.value);
    attr.valueLabels.set(entry.value, { en: sentenceCase(entry.value), ...entry.labels });
    for (const synonym of entry.synonyms) {
      const key = attr.keyOf(lookupKey(synonym));
      const taken = attr.synonyms.get(key);
      // A built-in synonym naming two values is a bug in the tables, not a user error.
      if (taken !== undefined && taken !== entry.value)
        throw new Error(`${spec.name}: "${synonym}" maps to both ${taken} and ${entry.value}`);
      addSynonym(attr, key, entry.value);
    }
  }
  return attr;
}

function parseContext(attr: CompiledAttribute): ParseContext {
  return {
    lookup: (key) => attr.synonyms.get(attr.keyOf(key)),
    suggest: (key) => suggest(attr.keyOf(key), attr.candidates),
  };
}

function addValue(attr: CompiledAttribute, value: string): void {
  if (attr.listIndex.has(value)) return;
  attr.listIndex.set(value, attr.values.length);
  attr.values.push(value);
  addSynonym(attr, attr.keyOf(lookupKey(value)), value);
}

function addSynonym(attr: CompiledAttribute, key: string, canonical: string): void {
  if (key === "") return;
  if (attr.synonyms.get(key) !== canonical) attr.candidates.push({ key, canonical });
  attr.synonyms.set(key, canonical);
}

/** Text -> canonical value by synonym or parser, without memo, brackets or bilingual splitting. */
function resolve(attr: CompiledAttribute, text: string): string | ParseFailure | undefined {
  const key = attr.keyOf(lookupKey(text));
  const known = attr.synonyms.get(key);
  if (known !== undefined) return known;
  return attr.spec?.parse?.(key, attr.context);
}

function ok(value: string): StandardizeResult {
  return Object.freeze({ ok: true, value });
}
function fail(problem: string | Message, suggestions: string[]): StandardizeResult {
  return Object.freeze({ ok: false, problem, suggestions: Object.freeze(suggestions.slice(0, 3)) as string[] });
}

function computeStandard(attr: CompiledAttribute, raw: string): StandardizeResult {
  const trimmed = raw.trim();
  if (trimmed === "") return EMPTY;
  const direct = resolve(attr, trimmed);
  if (typeof direct === "string") return ok(direct);
  const stripped = withoutBracketedNotes(trimmed);
  if (stripped !== undefined && stripped !== "") {
    const withoutNotes = resolve(attr, stripped);
    if (typeof withoutNotes === "string") return ok(withoutNotes);
  }
  const parts = bilingualParts(stripped || trimmed);
  if (parts.length > 1) {
    const resolved = parts.map((part) => resolve(attr, part));
    const first = resolved[0];
    if (typeof first === "string" && resolved.every((r) => r === first)) return ok(first);
  }
  if (attr.freeForm) return ok(collapseWhitespace(trimmed));
  if (isParseFailure(direct)) return fail(direct.problem, direct.suggestions);
  const key = attr.keyOf(lookupKey(stripped || trimmed));
  return fail(
    `"${trimmed}" is not a known ${attr.labels.en.toLowerCase()}; if it is right, add it under attributes.${attr.name} in merchops.config.yaml`,
    suggest(key, attr.candidates),
  );
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function rankOf(attr: CompiledAttribute, value: string): number[] | null {
  let rank = attr.ranks.get(value);
  if (rank === undefined) {
    const listed = attr.ordered ? attr.listIndex.get(value) : undefined;
    rank = attr.spec?.rank?.(value) ?? (listed === undefined ? null : [listed]);
    attr.ranks.set(value, rank);
  }
  return rank;
}

/** Resolves a config value to a canonical value: an existing one (by synonym or parser) or a new one. */
function canonicalFor(attr: CompiledAttribute, text: string): string {
  const existing = resolve(attr, text);
  if (typeof existing === "string") return existing;
  const value = collapseWhitespace(text);
  addValue(attr, value);
  return value;
}

function applyExtension(attr: CompiledAttribute, ext: AttributeExtension, headers: Map<string, string>): void {
  if (ext.labels) attr.labels = { ...attr.labels, ...ext.labels };
  if (ext.freeForm !== undefined) attr.freeForm = ext.freeForm;
  const synonymMaps: Record<string, string>[] = [];
  if (Array.isArray(ext.values)) for (const v of ext.values) canonicalFor(attr, v);
  else if (ext.values) synonymMaps.push(ext.values);
  if (ext.synonyms) synonymMaps.push(ext.synonyms);
  for (const map of synonymMaps) {
    for (const [synonym, target] of Object.entries(map)) {
      const canonical = canonicalFor(attr, target);
      // The user's word wins over a built-in synonym it collides with.
      addSynonym(attr, attr.keyOf(lookupKey(synonym)), canonical);
    }
  }
  ext.order?.forEach((v, i) => {
    const canonical = canonicalFor(attr, v);
    if (!attr.userOrder.has(canonical)) attr.userOrder.set(canonical, i);
  });
  for (const header of ext.headers ?? []) headers.set(headerKey(header), attr.name);
}

function newAttribute(name: string, ext: AttributeExtension): CompiledAttribute {
  const en = ext.labels?.en ?? sentenceCase(name.replace(/[-_]+/g, " "));
  const zh = ext.labels?.zh ?? en;
  return {
    name,
    labels: { en, zh, "zh-Hant": ext.labels?.["zh-Hant"] ?? zh },
    spec: undefined,
    keyOf: identity,
    synonyms: new Map(),
    candidates: [],
    values: [],
    valueLabels: new Map(),
    ordered: false,
    listIndex: new Map(),
    userOrder: new Map(),
    freeForm: false,
    memo: new Map(),
    ranks: new Map(),
    context: { lookup: () => undefined, suggest: () => [] },
  };
}

function registerNameHeaders(attr: CompiledAttribute, headers: Map<string, string>): void {
  for (const word of [attr.name, attr.labels.en, attr.labels.zh, attr.labels["zh-Hant"]]) {
    const key = headerKey(word);
    if (!headers.has(key)) headers.set(key, attr.name);
  }
}

export function createAttributeDictionary(extensions: AttributesConfig = {}): AttributeDictionary {
  const attributes = new Map<string, CompiledAttribute>();
  const headers = new Map<string, string>();
  for (const spec of BUILT_IN_SPECS) {
    const attr = compileBuiltIn(spec);
    attributes.set(attr.name, attr);
    for (const header of spec.headers) {
      const key = headerKey(header);
      const taken = headers.get(key);
      if (taken !== undefined && taken !== spec.name) throw new Error(`header "${header}" names both ${taken} and ${spec.name}`);
      headers.set(key, spec.name);
    }
  }
  const entries = Object.entries(extensions).map(([name, ext]) => [ATTRIBUTE_NAME_ALIASES.get(name) ?? name, ext] as const);
  const added: CompiledAttribute[] = [];
  for (const [name, ext] of entries) {
    if (attributes.has(name)) continue;
    const attr = newAttribute(name, ext);
    attributes.set(name, attr);
    added.push(attr);
  }
  for (const [name, ext] of entries) {
    const attr = attributes.get(name);
    if (attr) applyExtension(attr, ext, headers);
  }
  // A new attribute is also found by its name and labels; built-ins list their headers explicitly
  // (the built-in "weight" must not claim a shipping "Weight" column).
  for (const attr of added) registerNameHeaders(attr, headers);

  const find = (name: string) => attributes.get(ATTRIBUTE_NAME_ALIASES.get(name) ?? name);

  const compare = (attribute: string, a: string, b: string): number => {
    if (a === b) return 0;
    const attr = find(attribute);
    if (!attr) return collator.compare(a, b);
    const ua = attr.userOrder.get(a);
    const ub = attr.userOrder.get(b);
    if (ua !== undefined || ub !== undefined) {
      if (ua !== undefined && ub !== undefined) return ua - ub;
      return ua !== undefined ? -1 : 1;
    }
    const ra = rankOf(attr, a);
    const rb = rankOf(attr, b);
    if (ra && rb) {
      const byRank = compareRanks(ra, rb);
      if (byRank !== 0) return byRank;
    } else if (ra || rb) {
      return ra ? -1 : 1;
    }
    return collator.compare(a, b) || (a < b ? -1 : 1);
  };

  return {
    attributeForHeader(header) {
      const found = headers.get(headerKey(header));
      if (found !== undefined) return found;
      const stripped = withoutBracketedNotes(header);
      return stripped ? headers.get(headerKey(stripped)) : undefined;
    },

    standardize(attribute, raw) {
      const attr = find(attribute);
      if (!attr) return fail(`"${attribute}" is not an attribute`, []);
      const text = typeof raw === "string" ? raw : String(raw ?? "");
      const memoized = attr.memo.get(text);
      if (memoized !== undefined) return memoized;
      const result = computeStandard(attr, text);
      if (attr.memo.size >= MEMO_LIMIT) attr.memo.clear();
      attr.memo.set(text, result);
      return result;
    },

    compare,

    compareAttributes(a, b) {
      const pa = AXIS_PRIORITY.get(ATTRIBUTE_NAME_ALIASES.get(a) ?? a) ?? 2;
      const pb = AXIS_PRIORITY.get(ATTRIBUTE_NAME_ALIASES.get(b) ?? b) ?? 2;
      if (pa !== pb) return pa - pb;
      return a < b ? -1 : a > b ? 1 : 0;
    },

    attributeLabel(attribute, lang) {
      return find(attribute)?.labels[lang] ?? attribute;
    },

    valueLabel(attribute, value, lang) {
      const attr = find(attribute);
      if (!attr) return value;
      return attr.valueLabels.get(value)?.[lang] ?? attr.spec?.label?.(value, lang) ?? value;
    },

    values(attribute) {
      const attr = find(attribute);
      if (!attr) return [];
      const list = [...attr.values];
      return attr.ordered || attr.userOrder.size > 0 ? list.sort((a, b) => compare(attr.name, a, b)) : list;
    },

    isFreeForm(attribute) {
      return find(attribute)?.freeForm ?? false;
    },

    names() {
      return [...attributes.keys()];
    },

    likelyTypos(attribute, raw) {
      const attr = find(attribute);
      if (!attr) return [];
      return typosOf(attr.keyOf(lookupKey(raw.trim())), attr.candidates);
    },
  };
}

/** Keys shorter than this have no typos: one edit turns "S" into "M". */
const MIN_TYPO_KEY = 2;
/** Keys at least this long may be two edits away. */
const TWO_EDIT_KEY = 7;

function typosOf(key: string, candidates: readonly Candidate[]): string[] {
  if (key.length < MIN_TYPO_KEY) return [];
  const cjk = hasCjk(key);
  const out: string[] = [];
  for (const c of candidates) {
    if (hasCjk(c.key) !== cjk || out.includes(c.canonical)) continue;
    const shorter = Math.min(key.length, c.key.length);
    if (shorter < MIN_TYPO_KEY) continue;
    const allowed = shorter >= TWO_EDIT_KEY ? 2 : 1;
    if (Math.abs(key.length - c.key.length) > allowed) continue;
    const d = editDistance(key, c.key);
    if (d > 0 && d <= allowed) out.push(c.canonical);
  }
  return out.slice(0, 3);
}
