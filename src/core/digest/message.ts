/**
 * The short message a digest sends to a chat: a title, the counts, the top items and where the
 * full report is. Each channel draws it in its own format (WeCom and DingTalk markdown, a Feishu
 * card, Slack blocks, an e-mail), and `fitMessage` shortens it to the channel's size limit: a
 * message over the limit is shortened, never rejected.
 */

export interface MessageLine {
  /** One finding in a sentence (markdown-safe plain text). */
  text: string;
  section: string;
  store: string;
}

export interface DigestMessage {
  title: string;
  /** True when nothing needs attention: the message says so in one line. */
  allClear: boolean;
  /** "2 KPI breaches", "1 late parcel" ...: only sections with new findings. */
  counts: { label: string; count: number }[];
  /** The top items, most urgent first (at most `top`, 5 by default). */
  lines: MessageLine[];
  /** New findings not listed. */
  more: number;
  /** Findings reported by earlier digests and still open. */
  stillOpen: number;
  /** Where the full report is: a URL (notify.reportUrl) or a path on this machine. */
  report: { url?: string; path?: string };
  /** A sentence naming what the message could not show. */
  footnote?: string;
}

export const TOP_ITEMS = 5;

/** Keeps the first `top` lines; the rest are counted in `more`. */
export function topLines(msg: DigestMessage, top = TOP_ITEMS): DigestMessage {
  if (msg.lines.length <= top) return msg;
  return { ...msg, lines: msg.lines.slice(0, top), more: msg.more + msg.lines.length - top };
}

const ELLIPSIS = "…";

/** Cuts text to at most `max` characters (code points), ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join("")}${ELLIPSIS}`;
}

const encoder = new TextEncoder();
export const utf8Bytes = (s: string): number => encoder.encode(s).length;

/**
 * The longest version of `msg` whose rendering fits `limit` (as `measure` counts it): first the
 * lines are shortened, then dropped from the end (counted in `more`), then the title clipped. The
 * last resort, title and report location only, is kept however small the limit.
 */
export function fitMessage<R>(
  msg: DigestMessage,
  render: (m: DigestMessage) => R,
  measure: (rendered: R) => number,
  limit: number,
): { message: DigestMessage; rendered: R; shortened: boolean } {
  const fits = (m: DigestMessage) => {
    const r = render(m);
    return measure(r) <= limit ? r : undefined;
  };
  const first = fits(msg);
  if (first !== undefined) return { message: msg, rendered: first, shortened: false };
  let m: DigestMessage = { ...msg, lines: msg.lines.map((l) => ({ ...l, text: clip(l.text, 160) })) };
  let r = fits(m);
  while (r === undefined && m.lines.length > 0) {
    m = { ...m, lines: m.lines.slice(0, -1), more: m.more + 1 };
    r = fits(m);
  }
  if (r === undefined) {
    m = { ...m, counts: [], footnote: undefined, title: clip(m.title, 60) };
    r = fits(m);
  }
  if (r === undefined) {
    m = { ...m, title: clip(m.title, 20) };
    r = render(m);
  }
  return { message: m, rendered: r, shortened: true };
}
