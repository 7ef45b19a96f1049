/**
 * SEO and listing checks of one product for the platform it goes to: title over the platform's
 * limit or too long for a search result, empty description, configured keywords missing. These
 * are warnings, never errors: the product imports either way.
 *
 * Two kinds of length. Platform limits count characters (code points): Shopify's title takes 255,
 * Youzan's 商品名称 100 (the back office's cap; the API reference does not state one), WooCommerce
 * none. The search-result guidance (about 70) counts display width, a Chinese or full-width
 * character as two, because search engines cut titles by pixels and a CJK character is about two
 * Latin ones wide. A long description is no SEO problem (the snippet comes from the SEO
 * description), so only an empty one is reported.
 */
import { english, type Message, msg } from "../i18n/index.js";
import type { Product } from "../model.js";

export type SeoTarget = "shopify" | "woocommerce" | "youzan" | "local";

export interface SeoWarning {
  /** English (JSON, results file); `text` is the same as a catalog message. */
  message: string;
  text: Message;
  /** The product field the warning is about ("title", "description"). */
  field: string;
}

const TITLE_LIMIT: Record<SeoTarget, number | undefined> = { shopify: 255, youzan: 100, woocommerce: undefined, local: undefined };
const PLATFORM_NAME: Record<SeoTarget, string | Message> = {
  shopify: "Shopify",
  youzan: "Youzan",
  woocommerce: "WooCommerce",
  local: msg("catalog.seo.local_store"),
};

const warning = (field: string, text: Message): SeoWarning => ({ field, message: english(text), text });
/** Display width a search result shows of a title. */
export const SEO_TITLE_WIDTH = 70;

export function seoWarnings(
  p: Pick<Product, "title" | "description">,
  opts: { target: SeoTarget; keywords?: readonly string[] },
): SeoWarning[] {
  const warnings: SeoWarning[] = [];
  const title = p.title.trim();
  const characters = [...title].length;
  const limit = TITLE_LIMIT[opts.target];
  if (limit !== undefined && characters > limit) {
    warnings.push(warning("title", msg("catalog.seo.title_too_long", { characters, platform: PLATFORM_NAME[opts.target], limit })));
  } else {
    const width = displayWidth(title);
    if (width > SEO_TITLE_WIDTH) {
      warnings.push(warning("title", msg("catalog.seo.title_too_wide", { width, limit: SEO_TITLE_WIDTH })));
    }
  }
  if (!p.description || p.description.trim() === "") {
    warnings.push(warning("description", msg("catalog.seo.description_empty")));
  }
  const keywords = (opts.keywords ?? []).map((k) => k.trim()).filter((k) => k !== "");
  if (keywords.length > 0) {
    const text = searchable(`${p.title}\n${p.description ?? ""}`);
    const missing = keywords.filter((k) => !text.includes(searchable(k)));
    if (missing.length > 0) {
      const listed = missing.map((k) => `"${k}"`).join(", ");
      warnings.push(warning("title", msg("catalog.seo.keywords_missing", { count: missing.length, keywords: listed })));
    }
  }
  return warnings;
}

/** Case, full-width forms and runs of spaces do not count when looking for a keyword. */
function searchable(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ");
}

/** East Asian wide and full-width characters count two, everything else one. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) || // Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B+
  );
}
