/**
 * 1688 and wholesale 尺码 matrices: one row per colour, the sizes as columns (货号, 颜色, S, M, L, XL,
 * 批发价), each cell the quantity of that colour in that size. Read as one variant per filled cell:
 * the size from the column's header, the stock from the cell. An empty cell is a size the colour
 * is not offered in (no variant); 0 is a variant out of stock. Said once per file, with a warning,
 * because a seller may mean otherwise.
 *
 * Recognised only where nothing else could be meant: a native sheet with a colour column and no
 * size or stock column of its own, and at least two neighbouring columns whose headers are all
 * sizes the dictionary knows (S, M, L, XL, 均码, 110, 36 ...).
 */
import { english, msg } from "../i18n/index.js";
import { SIZE_MATRIX_FIELD } from "./cn-size-columns.js";
import { isTotalsWord } from "./cn-values.js";
import type { HeaderMapping, MappedColumn } from "./dialects.js";
import { type Cell, cellText } from "./text.js";
import type { CatalogIssue } from "./types.js";

export interface MatrixExpansion {
  rows: Cell[][];
  issues: CatalogIssue[];
}

/**
 * Turns each colour row into one row per filled size cell, in a layout with two columns added
 * after the file's own: the size (from the header) and the stock (from the cell). Used where a
 * 淘宝助理 file uses TaobaoExpander (the import reads `mapping` and feeds `expand`'s rows).
 */
export class SizeMatrixExpander {
  readonly mapping: HeaderMapping;
  private readonly matrix: { index: number; size: string }[];
  private readonly file: string;
  private readonly width: number;
  private told = false;
  private readonly sku: { index: number; header: string } | undefined;
  /** The code and name columns, where a 合计 row says what it is. */
  private readonly identifying: number[];
  private toldSku = false;

  constructor(mapping: HeaderMapping, header: readonly string[], file: string) {
    this.file = file;
    this.width = header.length;
    this.matrix = mapping.columns.filter((c) => c.field === SIZE_MATRIX_FIELD).map((c) => ({ index: c.index, size: c.header.trim() }));
    const sku = mapping.columns.find((c) => c.field === "sku");
    this.identifying = mapping.columns.filter((c) => c.field === "handle" || c.field === "sku" || c.field === "title").map((c) => c.index);
    this.sku = sku ? { index: sku.index, header: sku.header } : undefined;
    const sizeHeader = this.matrix.map((m) => m.size).join(" / ");
    const columns: MappedColumn[] = mapping.columns.filter((c) => c.field !== SIZE_MATRIX_FIELD);
    columns.push({ index: this.width, header: sizeHeader, field: "attr:size" });
    columns.push({ index: this.width + 1, header: sizeHeader, field: "inventory" });
    this.mapping = { ...mapping, columns };
  }

  expand(cells: readonly Cell[], row: number): MatrixExpansion {
    const issues: CatalogIssue[] = [];
    const base: Cell[] = [];
    for (let i = 0; i < this.width; i++) base.push(cells[i] ?? null);
    // A 合计 row under the matrix (its cells the column totals) goes on as one row: the row parser skips it.
    if (this.identifying.some((i) => isTotalsWord(cellText(cells[i])))) return { rows: [[...base, null, null]], issues };
    const rows: Cell[][] = [];
    for (const m of this.matrix) {
      const cell = cells[m.index];
      if (cellText(cell) === "") continue;
      rows.push([...base, m.size, cell ?? null]);
    }
    // A code on a colour row names the colour, not each size: one SKU on several variants would be
    // refused as shared, and a made-up one per size would be a guess. The sizes go without SKU.
    const code = this.sku ? cellText(cells[this.sku.index]) : "";
    if (this.sku && code !== "" && rows.length > 1) {
      for (const r of rows) r[this.sku.index] = null;
      if (!this.toldSku) {
        this.toldSku = true;
        issues.push({
          ...this.issue(row, msg("data_zh.matrix.row_code", { code, column: this.sku.header }), "warning"),
          at: { file: this.file, row, column: this.sku.header },
        });
      }
    }
    const sizes = this.matrix.map((m) => m.size).join(", ");
    if (rows.length > 0 && !this.told) {
      this.told = true;
      issues.push(this.issue(row, msg("data_zh.matrix.read", { sizes }), "warning"));
    }
    if (rows.length === 0 && base.some((c) => cellText(c) !== "")) {
      issues.push(this.issue(row, msg("data_zh.matrix.empty_row", { sizes }), "warning"));
    }
    return { rows, issues };
  }

  private issue(row: number, message: ReturnType<typeof msg>, severity: "error" | "warning"): CatalogIssue {
    const column = this.matrix.map((m) => m.size).join(" / ");
    return { severity, at: { file: this.file, row, column }, message: english(message), text: message };
  }
}

/** The expander a native mapping needs, if its sheet is a size matrix. */
export function sizeMatrixExpander(mapping: HeaderMapping, header: readonly string[], file: string): SizeMatrixExpander | undefined {
  return mapping.dialect === "native" && mapping.columns.some((c) => c.field === SIZE_MATRIX_FIELD)
    ? new SizeMatrixExpander(mapping, header, file)
    : undefined;
}
