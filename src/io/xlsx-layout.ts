/**
 * How a worksheet we write looks on screen and on paper, shared by the report workbooks
 * (src/ui/xlsx.ts) and the streaming results files (io/writers/rows-file.ts): column widths from
 * the content in display columns (CJK counts 2), a frozen header with a filter, error rows filled,
 * and a print setup that fits the width of one page, landscape when the sheet is wide, with the
 * header row repeated on every page.
 */
import type { PageSetup } from "exceljs";

/** Light red of Excel's "bad" style: rows that are errors or breaches. */
export const ERROR_FILL = "FFFFC7CE";
export const ERROR_FONT = "FF9C0006";
export const HEADER_FILL = "FFF2F2F2";

/**
 * Column widths in characters: a column never shrinks below a short number, nor grows past a
 * paragraph. (exceljs drops a width of exactly 9 as its "default", and Excel's default is 8.43.)
 */
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;
/** Room for the filter drop-down button beside a header label. */
const FILTER_BUTTON = 3;
/** Past this many characters of total width a portrait A4 page would shrink the text unreadably. */
const PORTRAIT_MAX_WIDTH = 100;

/** Display columns of a string: East Asian wide and full-width characters take 2 (UAX #11, W and F). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    w +=
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) ||
        (cp >= 0x1f300 && cp <= 0x1faff) ||
        (cp >= 0x20000 && cp <= 0x3fffd))
        ? 2
        : 1;
  }
  return w;
}

/** Widest line of a cell's text (a wrapped cell is as wide as its longest line). */
export function cellWidth(text: string): number {
  return text.split("\n").reduce((m, line) => Math.max(m, displayWidth(line)), 0);
}

/** Tracks the widest content of each column; `widths()` gives Excel column widths. */
export class ColumnWidths {
  private readonly widest: number[];

  constructor(header: readonly string[]) {
    this.widest = header.map((h) => cellWidth(h) + FILTER_BUTTON);
  }

  /** `shown` is the text as Excel displays it (formatted number, date ...). */
  see(column: number, shown: string): void {
    // A little padding: Excel's width unit is a digit of the default font, and bold or CJK glyphs run wider.
    this.widest[column] = Math.max(this.widest[column] ?? 0, cellWidth(shown) + 2);
  }

  /** Whether the column's content is wider than the widest column we make (its text should wrap). */
  overflows(column: number): boolean {
    return (this.widest[column] ?? 0) > MAX_WIDTH;
  }

  widths(): number[] {
    return this.widest.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(w))));
  }
}

/**
 * Fit all columns on one page width (as many pages down as needed), landscape when the columns
 * are wide, A4 with narrow margins, header row repeated on each printed page.
 */
export function printSetup(widths: readonly number[]): Partial<PageSetup> {
  const total = widths.reduce((a, b) => a + b, 0);
  return {
    paperSize: 9, // A4
    orientation: total > PORTRAIT_MAX_WIDTH ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "1:1",
    horizontalCentered: false,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** Column letter(s) of a 1-based column number: 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
