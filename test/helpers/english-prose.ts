/**
 * Finds English prose in output meant to be Chinese (--lang zh): what is left of a line once the
 * spans that stay as written are removed (paths, commands, flags, ids, quoted merchant values) and
 * the allowed words (names, units). Shared by the lang-zh e2e tests.
 */

/** Words that stay as they are in Chinese output: names, ids, units and the words of commands. */
export const ALLOWED_WORDS = new Set(
  [
    // stores, platforms, providers and proper names
    "demo",
    "local",
    "files",
    "file",
    "shopify",
    "woocommerce",
    "youzan",
    "kuaidi",
    "seventeen",
    "track",
    "aftership",
    "express",
    "Asia",
    "Shanghai",
    "EMS",
    "Express",
    "Excel",
    // units and formats
    "min",
    "csv",
    "xlsx",
    "json",
    "html",
    "yaml",
    "utf",
    // the demo store's own data (product titles, SKUs and reasons are the merchant's values)
  ].map((w) => w.toLowerCase()),
);

/** Spans removed before looking for words: paths, commands, flags, urls, ids, quoted merchant values. */
export const ALLOWED_SPANS: RegExp[] = [
  /https?:\/\/\S+/g,
  /(?:\.{0,2}\/|[A-Za-z]:\\)?[\w.-]+(?:\/[\w.@-]+)+/g, // paths such as fixtures/demo-store, Asia/Shanghai
  /[\w.-]+\.(?:csv|xlsx|json|yaml|yml|html|md|db)\b/g,
  /`[^`]*`/g,
  /merchops(?: [a-z-]+)*/g,
  /--[a-z-]+(?: [\w.%-]+)?/g,
  /"[^"]*"|“[^”]*”/g,
  /\b[A-Z0-9][A-Z0-9_-]*\b/g, // ids, SKUs, metric abbreviations (GMV, ROAS, SKU)
  /\b[a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)+/g, // dotted config keys as the file spells them (prices.sources.manual.file)
  /\b[a-z]+_[a-z_]+\b/g, // config keys and statuses in machine form
  /(?:期望|实际接收) [a-z]+/g, // zod's type names in its zh-CN phrases ("期望 number"), as zod writes them
];

/**
 * The English words left on a line once the allowed spans and words are removed. `quoted`: the
 * other side's own words that a message quotes as they were written (a platform's error text).
 */
export function englishWords(line: string, quoted: readonly RegExp[] = []): string[] {
  let rest = line;
  for (const re of [...quoted, ...ALLOWED_SPANS]) rest = rest.replace(re, " ");
  return (rest.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w.toLowerCase()));
}

/** The lines of `text` that still hold English prose. */
export function offenders(text: string, quoted: readonly RegExp[] = []): string[] {
  return text.split("\n").filter((l) => englishWords(l, quoted).length > 0);
}
