/**
 * The short message as text, in the markdown dialects of the chat services: WeCom and DingTalk
 * take common markdown (bold, lists, links), Feishu cards `lark_md`, Slack `mrkdwn` (*bold*,
 * <url|text>). The words around the items are in the run's language.
 */
import type { DigestMessage } from "../../core/digest/message.js";
import { type Locale, t } from "../../core/i18n/index.js";

export type Dialect = "markdown" | "lark" | "slack";

// Line breaks and other controls in a title would open a heading or a fake list item of their own.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/**
 * Words that notify a whole group when a robot posts them: Slack's `<!channel>`/`<!here>`/`<!everyone>`
 * and `<@U…>`, WeCom's `<@userid>`, Feishu's `<at id=all>`, and the `@all` / `@所有人` spellings people
 * type. A zero-width space after the `<` or the `@` leaves the text as it reads and the mention dead.
 */
const MENTION = /(<)(?=[@!]|at[\s>])|(@)(?=(?:all|everyone|channel|here|所有人|全体成员)(?![\p{L}\p{N}_]))/giu;
const ZWSP = "\u200b";

/**
 * Free text (titles of products, return reasons, competitor names) shown as itself in a chat
 * message: no control character, markup, link or mention from the data survives.
 */
export function escapeMarkdown(text: string, dialect: Dialect): string {
  const plain = text.replace(CONTROLS, " ").replace(MENTION, `$1$2${ZWSP}`);
  // Slack and Feishu read &, < and > as markup; WeCom and DingTalk read common markdown, where a
  // backslash makes any punctuation literal, plus the HTML tags (<font>, <@userid>) they render.
  if (dialect !== "markdown") return plain.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return plain.replace(/([\\`*[\]<>])/g, "\\$1");
}

function link(text: string, href: string, dialect: Dialect): string {
  return dialect === "slack" ? `<${href}|${text}>` : `[${text}](${href})`;
}

export function reportLine(msg: DigestMessage, lang: Locale, dialect: Dialect): string {
  const report = t(lang, "notify.full_report");
  if (msg.report.url) return `${report}: ${link(msg.report.url, msg.report.url, dialect)}`;
  if (msg.report.path) return `${report}: ${dialect === "slack" ? `\`${msg.report.path}\`` : escapeMarkdown(msg.report.path, dialect)}`;
  return "";
}

/** The body under the title: counts, items, what was left out, where the full report is. */
export function bodyText(msg: DigestMessage, lang: Locale, dialect: Dialect): string {
  const bold = (s: string) => (dialect === "slack" ? `*${s}*` : `**${s}**`);
  const parts: string[] = [];
  if (msg.allClear) parts.push(t(lang, "notify.all_clear"));
  else if (msg.counts.length > 0) parts.push(bold(msg.counts.map((c) => `${c.count} ${c.label}`).join(" · ")));
  for (const l of msg.lines) parts.push(`- ${escapeMarkdown(l.text, dialect)}`);
  if (msg.more > 0) parts.push(t(lang, "notify.more", { count: msg.more }));
  if (msg.stillOpen > 0) parts.push(t(lang, "notify.still_open", { count: msg.stillOpen }));
  if (msg.footnote) parts.push(escapeMarkdown(msg.footnote, dialect));
  const where = reportLine(msg, lang, dialect);
  if (where) parts.push(where);
  return parts.join("\n");
}

/** Title and body as one markdown text (WeCom, DingTalk). */
export function markdownMessage(msg: DigestMessage, lang: Locale): string {
  return `## ${escapeMarkdown(msg.title, "markdown")}\n${bodyText(msg, lang, "markdown")}`;
}
