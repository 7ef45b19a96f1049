/**
 * Lookup keys: how a header or a value is compared with the dictionaries. NFKC folds full-width
 * forms (ＸＬ, ：, ％) onto ASCII; case, whitespace, "_" and "-" between words never distinguish
 * two values. A "-" before a digit stays unless it follows a letter ("EU-42"): "-5g" and "1-2kg"
 * must not become 5g and 12kg.
 */

const IGNORED = /[\s_\u00b7\u30fb]+|-(?!\d)|(?<=[^\d\s])-(?=\d)/g;

/** "X-Large" -> "xlarge", "ＸＬ 码" -> "xl码", "Clothing size" -> "clothingsize". */
export function lookupKey(raw: string): string {
  return raw.normalize("NFKC").toLowerCase().replace(IGNORED, "");
}

const TRAILING_COLON = /:+$/;
const REQUIRED_MARK = /^\*+|\*+$/g;

/** A header's key: also ignores a trailing ":" and the "*" templates put on required columns. */
export function headerKey(raw: string): string {
  return lookupKey(raw).replace(TRAILING_COLON, "").replace(REQUIRED_MARK, "");
}

const BRACKETED = /[(（[【{<《][^)）\]】}>》]*[)）\]】}>》]/g;

/** "红色（现货）" -> "红色": the text without bracketed notes, or undefined when there were none. */
export function withoutBracketedNotes(raw: string): string | undefined {
  const stripped = raw.replace(BRACKETED, " ").trim();
  return stripped === raw.trim() ? undefined : stripped;
}

const MULTI_SPACE = /\s+/g;

/** Free-form values keep the user's text, trimmed and with whitespace collapsed. */
export function collapseWhitespace(raw: string): string {
  return raw.trim().replace(MULTI_SPACE, " ");
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
export const hasCjk = (s: string): boolean => CJK.test(s);

const ALTERNATIVES = /[/|｜]/;
const SCRIPT_BOUNDARY = /(?<=[\u3400-\u9fff])\s*(?=[A-Za-z])|(?<=[A-Za-z])\s*(?=[\u3400-\u9fff])/;

/** "红色/Red", "红色 Red", "Red|红": the same value written twice, in two languages. */
export function bilingualParts(raw: string): string[] {
  const bySeparator = raw.split(ALTERNATIVES);
  const parts = bySeparator.length > 1 ? bySeparator : raw.split(SCRIPT_BOUNDARY);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Drops `suffix` from the end of `key` when something is left: "红色" -> "红", but "色" stays. */
export function dropSuffix(key: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    if (key.length > suffix.length && key.endsWith(suffix)) return key.slice(0, -suffix.length);
  }
  return key;
}
