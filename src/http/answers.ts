/**
 * What an answer really is when it is not the JSON it claims to be: an HTML page (a Wi-Fi or proxy
 * login, a firewall's bot check, a maintenance page), JSON cut short on the way, a damaged
 * compressed stream. Pure: reads the text and headers only.
 */

/** Text of an HTML page's <title>, "" for a page without one, undefined when the text is not HTML. */
export function htmlPageTitle(text: string): string | undefined {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (!/^<(!doctype html|html|head|body|!--|meta|title)\b/.test(head)) return undefined;
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text.slice(0, 65536));
  if (!m?.[1]) return "";
  // Only the words: tags, entities and control characters of a hostile page stay out of our message.
  const words = m[1]
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " })[e] ?? " ")
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return words.length > 100 ? `${words.slice(0, 99)}…` : words;
}

/**
 * A bot check in front of a site (Cloudflare's challenge, and the pages other firewalls show): the
 * platform never saw the request, so the platform's own hints (scopes, credentials) would mislead.
 */
export function isFirewallPage(headers: Record<string, string>, title: string): boolean {
  if (headers["cf-mitigated"] === "challenge") return true;
  return /^(just a moment|attention required|access denied|checking your browser|ddos-guard|请稍候|访问被拒绝)/i.test(title);
}

/** JSON that starts as JSON but does not parse: cut short or damaged on the way, not a wrong page. */
export function looksLikeCutJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/** zlib's failures on a damaged gzip / deflate / brotli answer. */
export function isCompressionFailure(code: string, message: string): boolean {
  return (
    /^Z_(DATA|BUF|STREAM)_ERROR$|^ERR__?BROTLI/.test(code) ||
    /incorrect header check|unexpected end of file|invalid (block|distance|code)/i.test(message)
  );
}
