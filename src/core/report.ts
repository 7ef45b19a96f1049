/**
 * A report as plain data: what every writer in src/io/writers renders (table, csv, md, xlsx, html).
 * Services build one of these from their results; writers know nothing about KPIs or returns.
 *
 * Cell values are raw: money as integer minor units (the column names the currency), percentages
 * as fractions (0.032 = 3.2%), durations in seconds, instants as Date. Writers format them.
 */
import type { Locale } from "./i18n/index.js";

export type CellValue = string | number | boolean | Date | null;

export type ColumnKind =
  | "text"
  | "integer"
  | "number"
  /** A fraction rendered as a percentage: 0.032 -> 3.2%. */
  | "percent"
  /** Integer minor units; `currency` on the column says which currency. */
  | "money"
  /** Seconds, rendered as 28 s / 4.5 min / 3.2 h. */
  | "duration"
  | "date"
  /** "ok" | "breach" | "n/a": writers colour it. */
  | "status";

export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
  /** For kind "money": the ISO 4217 code. */
  currency?: string;
  /**
   * For Date cells: the IANA zone they are shown in. People read the wall time there
   * ("2026-11-21 04:48"), machines ISO 8601 with its offset ("2026-11-21T04:48:10+08:00").
   */
  timezone?: string;
  /** Fraction digits for number/percent (defaults: number 2, percent 1). */
  digits?: number;
  /** Only for machine formats (csv, xlsx): a stable id column people need not read. */
  machineOnly?: boolean;
  /** Values above this are highlighted (xlsx: a conditional-formatting rule, live when edited). */
  highlightAbove?: number;
  /**
   * How much a reader needs this column when the terminal is narrow: 1 = always shown, higher
   * numbers are dropped first (3 before 2). Default 2. `--wide` and the file formats show all.
   */
  priority?: number;
  /**
   * A free-text remark column (a KPI's note): the terminal prints its non-empty cells as numbered
   * footnotes under the table instead of a column as wide as its longest note, and omits it when empty.
   */
  footnote?: boolean;
}

/**
 * The machine column holding a row's stable id (csv, xlsx): named "key" in every language, as the
 * JSON names it, so a script reads the same header whatever --lang the file was written in.
 */
export const KEY_COLUMN: Column = { key: "key", label: "key", kind: "text", machineOnly: true };

/** Columns people need at any width. */
export const ALWAYS = 1;
/** The default priority: shown unless the terminal is too narrow for it. */
export const USEFUL = 2;
/** Detail a narrow terminal drops first. */
export const DETAIL = 3;
/** Kept for the files; the first to go. */
export const MINOR = 4;

export const columnPriority = (c: Column): number => c.priority ?? USEFUL;

/** The columns a person reads (table, md, html). */
export function readableColumns(columns: Column[]): Column[] {
  return columns.filter((c) => !c.machineOnly);
}

/**
 * A table as a person reads it: no machine-only columns, no remark column without remarks, and at most `textRowLimit` rows (the
 * machine formats keep them all). `hidden` says how many rows were left out.
 */
export function readableTable(table: Table): { table: Table; hidden: number } {
  const limit = table.textRowLimit;
  const rows = limit !== undefined && table.rows.length > limit ? table.rows.slice(0, limit) : table.rows;
  // A remark column with no remark in any row says nothing: people never see it.
  const said = (c: Column) => !c.footnote || rows.some((r) => r.cells[c.key] != null && r.cells[c.key] !== "");
  const columns = readableColumns(table.columns).filter(said);
  return { table: { ...table, columns, rows }, hidden: table.rows.length - rows.length };
}

/** Notes as a terminal prints them: the document's notes, then its command-line hints. */
export function terminalNotes(doc: ReportDocument): string[] {
  return [...doc.notes, ...(doc.hints ?? [])];
}

/**
 * A row may mix kinds in one column (a KPI table has a money row and a percent row in the same
 * "value" column); `kinds` overrides a column's kind for this row only.
 */
export interface Row {
  cells: Record<string, CellValue>;
  kinds?: Record<string, ColumnKind>;
  /** Currency for money cells of this row when it differs from the column's. */
  currency?: string;
  /** Row-level status; writers highlight "breach" rows, and "error" rows (a problem that stopped something). */
  status?: "ok" | "breach" | "n/a" | "error";
  /** A row to draw the eye to that is no problem (the best seller): writers mark it apart from breaches. */
  highlight?: boolean;
}

export interface Table {
  id: string;
  title: string;
  /** The workbook's sheet name when the title is long ("Changes" for "Changes since the previous snapshot"); at most 31 characters. */
  sheetName?: string;
  columns: Column[];
  rows: Row[];
  /** Text formats (table, md, html) show at most this many rows; csv, xlsx and json show all. */
  textRowLimit?: number;
  /**
   * The one line text formats print instead of a table without rows ("No updates planned.").
   * Without it an empty table is left out of text formats altogether.
   */
  empty?: string;
}

export interface ChartSeries {
  name: string;
  /** One value per x label; null is a gap (no data), never drawn as 0. */
  values: (number | null)[];
}

/** A horizontal reference line across the plot (a threshold, our own price), labelled with its value. */
export interface ChartMarkLine {
  name: string;
  value: number;
}

export interface Chart {
  id: string;
  title: string;
  kind: "line" | "bar";
  /** How the y values are formatted (money in minor units, percent fractions, ...). */
  unit: ColumnKind;
  currency?: string;
  /**
   * Category labels, or with `xTime` ISO instants drawn on a time axis as wall-clock time in
   * `timeZone` (snapshots taken at irregular times keep their real spacing).
   */
  x: string[];
  xTime?: { timeZone: string };
  series: ChartSeries[];
  /** Thresholds and other reference values: drawn as lines, never as a second series of bars. */
  markLines?: ChartMarkLine[];
  /**
   * Whether the y axis may start above zero. Additive quantities (sales, counts, shares) start at
   * zero so bar and line heights compare; prices and rates that move in a narrow band may float.
   */
  floatingY?: boolean;
}

/** A headline figure at the top of a report: value, change vs the previous period, threshold status. */
export interface Tile {
  id: string;
  label: string;
  value: number | null;
  unit: ColumnKind;
  currency?: string;
  previous?: number | null;
  /** (value − previous) / previous; null when either is missing. */
  change?: number | null;
  /** Whether a rise is good (sales) or bad (return rate); decides the arrow colour. */
  higherIsBetter?: boolean;
  status: "ok" | "breach" | "n/a" | "info";
  /** The threshold as the table shows it (">= 3"); empty when the metric has none. */
  threshold?: string;
  note?: string;
}

export interface ReportDocument {
  /** The language of the words around the figures (writers' own words: Notes, n/a, statuses). */
  locale?: Locale;
  title: string;
  /**
   * The command's one-line verdict, formatted as the tables format it ("6 breaches: ROAS 2.60 < 3, …"),
   * printed first by the text formats.
   */
  verdict?: string;
  subtitle?: string;
  /** Run information shown above the tables: period, time zone, store, generated at ... */
  meta: [label: string, value: string][];
  /** Headline tiles shown first (html); the same figures are in the tables for other formats. */
  tiles?: Tile[];
  tables: Table[];
  charts: Chart[];
  /** Free-text notes (definitions, warnings) shown after the tables. */
  notes: string[];
  /**
   * Hints about the command line ("Run with --explain ...") for terminal formats only: a reader of
   * an HTML page or a workbook cannot act on them.
   */
  hints?: string[];
}
