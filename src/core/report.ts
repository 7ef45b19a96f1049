/**
 * A report as plain data: what every writer in src/io/writers renders (table, csv, md, xlsx, html).
 * Services build one of these from their results; writers know nothing about KPIs or returns.
 *
 * Cell values are raw: money as integer minor units (the column names the currency), percentages
 * as fractions (0.032 = 3.2%), durations in seconds, instants as Date. Writers format them.
 */

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
}

/** The columns a person reads (table, md, html). */
export function readableColumns(columns: Column[]): Column[] {
  return columns.filter((c) => !c.machineOnly);
}

/**
 * A table as a person reads it: no machine-only columns, and at most `textRowLimit` rows (the
 * machine formats keep them all). `hidden` says how many rows were left out.
 */
export function readableTable(table: Table): { table: Table; hidden: number } {
  const limit = table.textRowLimit;
  const rows = limit !== undefined && table.rows.length > limit ? table.rows.slice(0, limit) : table.rows;
  return { table: { ...table, columns: readableColumns(table.columns), rows }, hidden: table.rows.length - rows.length };
}

export const moreRowsNote = (hidden: number): string =>
  `… ${hidden} more row${hidden === 1 ? "" : "s"}: all rows are in --format csv, xlsx or json`;

/**
 * A row may mix kinds in one column (a KPI table has a money row and a percent row in the same
 * "value" column); `kinds` overrides a column's kind for this row only.
 */
export interface Row {
  cells: Record<string, CellValue>;
  kinds?: Record<string, ColumnKind>;
  /** Currency for money cells of this row when it differs from the column's. */
  currency?: string;
  /** Row-level status; writers highlight "breach" rows. */
  status?: "ok" | "breach" | "n/a";
  /** A row to draw the eye to that is no problem (the best seller): writers mark it apart from breaches. */
  highlight?: boolean;
}

export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
  /** Text formats (table, md, html) show at most this many rows; csv, xlsx and json show all. */
  textRowLimit?: number;
}

export interface ChartSeries {
  name: string;
  /** One value per x label; null is a gap (no data), never drawn as 0. */
  values: (number | null)[];
}

export interface Chart {
  id: string;
  title: string;
  kind: "line" | "bar";
  /** How the y values are formatted (money in minor units, percent fractions, ...). */
  unit: ColumnKind;
  currency?: string;
  x: string[];
  series: ChartSeries[];
}

export interface ReportDocument {
  title: string;
  subtitle?: string;
  /** Run information shown above the tables: period, time zone, store, generated at ... */
  meta: [label: string, value: string][];
  tables: Table[];
  charts: Chart[];
  /** Free-text notes (definitions, warnings) shown after the tables. */
  notes: string[];
}
