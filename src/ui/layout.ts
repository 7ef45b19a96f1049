/**
 * The terminal table layout engine, pure: given the columns, their cell texts and the terminal
 * width, decide which columns to show and how wide each is. Low-priority columns drop first, text
 * columns wrap inside their width, numbers never wrap (a wrapped figure is misread).
 *
 * Widths are display columns: East Asian wide characters count 2 (string-width), so a Chinese
 * table lines up and fits like an English one.
 */
import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";

export interface LayoutColumn {
  label: string;
  /** 1 = always shown; higher numbers are dropped first. */
  priority: number;
  /** Figures and statuses: kept on one line while any text column can still give way. */
  nowrap: boolean;
}

export interface Layout {
  /** Indexes of the columns shown, in their original order. */
  shown: number[];
  /** Content width of each shown column (without padding and borders), same order as `shown`. */
  widths: number[];
  /** Indexes of the columns left out to fit. */
  hidden: number[];
}

/** A text column is never made narrower than this while it is wider (unless nothing else fits). */
const MIN_TEXT = 14;
/** Longest word kept whole in a narrow column; longer ones (URLs, ids) break anyway. */
const MAX_WORD = 20;
/** Priority from which a column is detail: dropped before any other column wraps. */
const DETAIL = 3;
/** The narrowest any column gets when nothing else is left to give. */
const FLOOR = 3;

/** Terminal columns a string occupies (CJK 2, combining marks 0, ANSI codes 0). */
export function displayWidth(s: string): number {
  return stringWidth(s);
}

/** The widest line of a multi-line text. */
export function blockWidth(s: string): number {
  let w = 0;
  for (const line of s.split("\n")) w = Math.max(w, displayWidth(line));
  return w;
}

function longestWord(s: string): number {
  let w = 0;
  for (const word of s.split(/\s+/)) w = Math.max(w, displayWidth(word));
  return w;
}

/** Borders and padding of a boxed table with `n` columns: "│ a │ b │" is 3 per column plus 1. */
export const tableOverhead = (n: number): number => 3 * n + 1;

/** Wraps text to `width` columns: at spaces where it can, inside a word (or between CJK characters) where it must. */
export function wrapText(text: string, width: number): string {
  if (width <= 0) return text;
  return text
    .split("\n")
    .map((line) => (displayWidth(line) <= width ? line : wrapAnsi(line, width, { hard: true, trim: true })))
    .join("\n");
}

/**
 * Fits a list-like line ("6 breaches: ROAS 2.60 < 3, CSAT 81.0% < 95%, …") on one line of
 * `width`: whole items up to the last ", " that fits, then "…"; a line with no such break is cut.
 */
export function oneLine(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const ellipsis = ", …";
  let cut = text.lastIndexOf(", ");
  while (cut > 0 && displayWidth(text.slice(0, cut)) + displayWidth(ellipsis) > width) cut = text.lastIndexOf(", ", cut - 1);
  if (cut > 0) return `${text.slice(0, cut)}${ellipsis}`;
  let out = "";
  for (const ch of text) {
    if (displayWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/** Wraps running text (a note, a meta line) with a hanging indent for its continuation lines. */
export function wrapHanging(text: string, width: number, indent: number): string {
  return wrapText(text, Math.max(1, width - indent))
    .split("\n")
    .map((l, i) => (i === 0 ? l : `${" ".repeat(indent)}${l}`))
    .join("\n");
}

interface Measured {
  /** Widest line of header and cells. */
  natural: number;
  /** Widest cell line: narrower than this, data wraps (a header wrapping costs less). */
  body: number;
  min: number;
}

function measure(columns: LayoutColumn[], cells: string[][]): Measured[] {
  return columns.map((c, i) => {
    const headWord = longestWord(c.label);
    let cellsWidth = 1;
    let word = headWord;
    for (const row of cells) {
      const text = row[i] ?? "";
      cellsWidth = Math.max(cellsWidth, blockWidth(text));
      word = Math.max(word, longestWord(text));
    }
    const natural = Math.max(cellsWidth, blockWidth(c.label));
    // A figure stays on one line; its header may wrap between words ("Units" / "returned").
    const min = c.nowrap
      ? Math.max(cellsWidth, Math.min(headWord, natural))
      : Math.min(natural, Math.max(MIN_TEXT, Math.min(word, MAX_WORD)));
    return { natural, body: cellsWidth, min };
  });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The next column to drop: the highest priority number, the rightmost among equals; never one below `from`. */
function nextToDrop(columns: LayoutColumn[], shown: number[], from = 2): number | undefined {
  let pick: number | undefined;
  for (const i of shown) {
    const p = columns[i]?.priority ?? 2;
    if (p < from) continue;
    if (pick === undefined || p >= (columns[pick]?.priority ?? 2)) pick = i;
  }
  return pick;
}

/**
 * Gives `extra` columns of room to the columns that want more, smallest want first: a short
 * column gets its whole width before a long text column takes the rest (max-min fairness).
 */
function share(base: number[], want: number[], extra: number): number[] {
  const out = [...base];
  const order = want.map((w, i) => ({ w, i })).filter((x) => x.w > 0);
  order.sort((a, b) => a.w - b.w);
  let left = extra;
  for (let k = 0; k < order.length; k++) {
    const { w, i } = order[k] as { w: number; i: number };
    const fair = Math.floor(left / (order.length - k));
    const give = Math.min(w, fair);
    out[i] = (out[i] as number) + give;
    left -= give;
  }
  // Rounding leftovers go to the columns still short of their natural width, left to right.
  for (let k = 0; left > 0 && k < order.length; k++) {
    const { w, i } = order[k] as { w: number; i: number };
    if ((out[i] as number) - (base[i] as number) < w) {
      out[i] = (out[i] as number) + 1;
      left--;
    }
  }
  return out;
}

/** Narrows the widest columns one step at a time, down to FLOOR, until the widths fit `budget`. */
function squeeze(widths: number[], budget: number): number[] {
  const out = [...widths];
  let excess = sum(out) - budget;
  while (excess > 0) {
    let widest = 0;
    for (let i = 1; i < out.length; i++) if ((out[i] as number) > (out[widest] as number)) widest = i;
    if ((out[widest] as number) <= FLOOR) break;
    out[widest] = (out[widest] as number) - 1;
    excess--;
  }
  return out;
}

/**
 * Chooses the columns and their widths for `width` terminal columns; `width` undefined (--wide)
 * shows every column at its natural width.
 */
export function layoutColumns(columns: LayoutColumn[], cells: string[][], width: number | undefined): Layout {
  const m = measure(columns, cells);
  let shown = columns.map((_, i) => i);
  const natural = (idx: number[]) => idx.map((i) => (m[i] as Measured).natural);
  const mins = (idx: number[]) => idx.map((i) => (m[i] as Measured).min);
  if (width === undefined || sum(natural(shown)) + tableOverhead(shown.length) <= width) {
    return { shown, widths: natural(shown), hidden: [] };
  }
  const hidden: number[] = [];
  while (sum(mins(shown)) + tableOverhead(shown.length) > width) {
    const drop = nextToDrop(columns, shown);
    if (drop === undefined) break;
    hidden.push(drop);
    shown = shown.filter((i) => i !== drop);
  }
  for (;;) {
    const widths = fitWidths(m, shown, width);
    // Detail columns are a luxury: they go before any other column has to wrap.
    const wraps = shown.some((i, k) => (widths[k] as number) < (m[i] as Measured).body);
    const drop = wraps ? nextToDrop(columns, shown, DETAIL) : undefined;
    if (drop === undefined) return { shown, widths, hidden: hidden.sort((a, b) => a - b) };
    hidden.push(drop);
    shown = shown.filter((i) => i !== drop);
  }
}

/** Widths of the `shown` columns in `width`: their minimum, plus the room left shared out. */
function fitWidths(m: Measured[], shown: number[], width: number): number[] {
  const budget = width - tableOverhead(shown.length);
  const base = shown.map((i) => (m[i] as Measured).min);
  if (sum(base) > budget) return squeeze(base, budget);
  const want = shown.map((i) => (m[i] as Measured).natural - (m[i] as Measured).min);
  return share(base, want, budget - sum(base));
}

/*
 * Running prose for stderr (a warning, an error and its hint): wrapped at the terminal's width like
 * the tables, but never inside a file path, a URL or a --flag, which a reader copies whole. Breaks
 * fall at spaces, and between Chinese characters (which have none), not before closing punctuation
 * (，。：) nor after opening (（“), as Chinese typesetting does.
 */
const CLOSING = new Set([..."，。、：；！？）」』”’》〉】…,.:;!?)]"]);
const OPENING = new Set([...("（「『“‘《〈【([" + '"')]);

/** A character that stands alone for line breaking: East Asian wide characters and CJK punctuation. */
function isCjkUnit(ch: string): boolean {
  return displayWidth(ch) === 2 || /[“”‘’\u3000-\u303f\uff00-\uffef]/.test(ch);
}

/** A run of text that is copied whole: a path, a URL, a --flag (with its value). */
function isProtected(run: string): boolean {
  return run.includes("/") || run.includes("\\") || run.startsWith("-");
}

/** The line's tokens: space runs, single CJK units, and runs of everything else. */
function proseTokens(line: string): string[] {
  const out: string[] = [];
  let run = "";
  let space = false;
  const flush = () => {
    if (run !== "") out.push(run);
    run = "";
  };
  for (const ch of line) {
    const isSpace = ch === " " || ch === "\t";
    if (isSpace !== space) flush();
    space = isSpace;
    if (!isSpace && isCjkUnit(ch)) {
      flush();
      out.push(ch);
    } else run += ch;
  }
  flush();
  return out;
}

/** Pieces that stay on one line: tokens glued where no break is allowed; `space` is the space before. */
function proseSegments(line: string): { space: string; text: string }[] {
  const segments: { space: string; text: string }[] = [];
  let space = "";
  let prev: string | undefined;
  for (const token of proseTokens(line)) {
    if (token.trim() === "") {
      space = token;
      prev = undefined;
      continue;
    }
    const last = segments[segments.length - 1];
    const glued =
      last !== undefined &&
      space === "" &&
      prev !== undefined &&
      !((isCjkUnit(token[0] as string) || isCjkUnit(prev.slice(-1))) && !CLOSING.has(token[0] as string) && !OPENING.has(prev.slice(-1)));
    // A flag keeps its value: "--max-errors 5" is copied whole.
    const flagValue =
      last !== undefined && space === " " && /^--[\w-]+$/.test(last.text) && !token.startsWith("-") && !isCjkUnit(token[0] as string);
    if (glued) last.text += token;
    else if (flagValue) last.text += ` ${token}`;
    else segments.push({ space, text: token });
    space = "";
    prev = token;
  }
  return segments;
}

/** A run wider than the line, cut at the width (only runs that are not paths, URLs or flags). */
function hardSplit(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of text) {
    if (cur !== "" && displayWidth(cur + ch) > width) {
      out.push(cur);
      cur = "";
    }
    cur += ch;
  }
  if (cur !== "") out.push(cur);
  return out;
}

/** Wraps one paragraph of prose to `width`; a path, URL or flag longer than the line stays whole. */
export function wrapProse(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    if (width <= 0 || displayWidth(paragraph) <= width) {
      lines.push(paragraph);
      continue;
    }
    let cur = "";
    const start = lines.length;
    for (const seg of proseSegments(paragraph)) {
      const w = displayWidth(seg.text);
      if (cur === "" && lines.length === start) cur = seg.space + seg.text;
      else if (displayWidth(cur) + displayWidth(seg.space) + w <= width) cur += seg.space + seg.text;
      else {
        lines.push(cur);
        cur = seg.text;
      }
      if (displayWidth(cur) > width && !isProtected(seg.text) && !/\s/.test(cur.trimStart())) {
        const pieces = hardSplit(cur, width);
        lines.push(...pieces.slice(0, -1));
        cur = pieces[pieces.length - 1] ?? "";
      }
    }
    lines.push(cur);
  }
  return lines;
}

/**
 * A stderr line: `lead` ("warning: ", "警告：", "  → ") then the text wrapped to `width`, its
 * continuation lines indented under the text. Without a width (--wide) the line stays whole.
 */
export function hangingLine(lead: string, text: string, width: number | undefined): string {
  if (width === undefined) return `${lead}${text}`;
  const indent = displayWidth(lead);
  const room = Math.max(20, width - indent);
  return wrapProse(text, room)
    .map((l, i) => (i === 0 ? `${lead}${l}` : `${" ".repeat(indent)}${l}`))
    .join("\n");
}
