/**
 * A streaming table writer for files too long to build in memory (an import's results file has
 * one row per input row: a million for a large catalog). Rows go to a temp file beside the
 * target, which is renamed over it only on `commit()`, so a crash or Ctrl-C never leaves half a
 * file; `abort()` removes the temp file. CSV (UTF-8 with BOM, so Excel shows Chinese) or XLSX by
 * the target's extension. Every string cell passes the formula-injection guard.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { open, rename, stat, unlink } from "node:fs/promises";
import { dirname, extname, resolve } from "node:path";
import { stringify } from "csv-stringify/sync";
import { InputError } from "../../core/errors.js";
import { msg } from "../../core/i18n/index.js";
import { neutralizeFormula } from "../formula-guard.js";
import { refuseInputAsOutput } from "../input-path.js";
import { removeStaleTemps, tempPathFor } from "../temp-files.js";
import { ColumnWidths, columnLetter, ERROR_FILL, ERROR_FONT, HEADER_FILL, printSetup } from "../xlsx-layout.js";

export type RowsCell = string | number | null | undefined;

export interface RowsWriter {
  readonly path: string;
  write(cells: readonly RowsCell[]): void;
  /** Waits for the stream to drain when it has buffered a lot (call between batches). */
  flush(): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export function rowsFileFormat(path: string): "csv" | "xlsx" | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  return undefined;
}

// Line breaks inside a cell must be quoted, or a reader sees a new record.
const CSV_OPTIONS = { record_delimiter: "\r\n", quoted_match: /[\r\n]/ } as const;

const guard = (c: RowsCell): string | number => (typeof c === "number" ? c : c == null ? "" : neutralizeFormula(String(c)));

async function checkTarget(path: string): Promise<void> {
  try {
    const st = await stat(dirname(resolve(path)));
    if (!st.isDirectory()) throw new InputError({ file: path }, msg("io.folder_not_dir"), msg("io.choose_other_path"));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file: path }, msg("io.folder_missing"), msg("io.dir_missing_hint", { dir: dirname(path) }));
  }
}

/**
 * The same rows as CSV to a stream (stdout for `-o -`), without a BOM: a pipe's reader is a
 * program, not Excel. Nothing to commit or undo: what was written is written.
 */
export function openCsvStreamWriter(write: (text: string) => void, header: readonly string[]): RowsWriter {
  write(stringify([header.map(guard)], CSV_OPTIONS));
  return {
    path: "-",
    write(cells) {
      write(stringify([cells.map(guard)], CSV_OPTIONS));
    },
    async flush() {},
    async commit() {},
    async abort() {},
  };
}

/** Characters an Excel cell holds: past it Excel "repairs" the file on opening and cuts the text. */
export const EXCEL_CELL_CHARS = 32_767;

/**
 * What an .xlsx does with a value longer than an Excel cell holds: "cut" (a results file: the text
 * ends with "…") or "refuse" (an export meant to be imported again: a cut description would be
 * imported cut, so the export stops naming the row and column, and CSV has no such limit).
 */
export type LongText = "cut" | "refuse";

function fitCell(cell: string | number, at: () => { row: number; column: string }, path: string, longText: LongText): string | number {
  if (typeof cell !== "string" || cell.length <= EXCEL_CELL_CHARS) return cell;
  if (longText === "cut") {
    let cut = cell.slice(0, EXCEL_CELL_CHARS - 1);
    // Never split a surrogate pair: half an emoji is no character.
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    return `${cut}…`;
  }
  const { row, column } = at();
  throw new InputError(
    { file: path, row, column },
    msg("hostile.out.cell_too_long", { chars: cell.length, limit: EXCEL_CELL_CHARS }),
    msg("hostile.out.cell_too_long_hint"),
  );
}

export async function openRowsWriter(
  path: string,
  header: readonly string[],
  sheetName = "Results",
  longText: LongText = "cut",
): Promise<RowsWriter> {
  const format = rowsFileFormat(path);
  if (!format) throw new InputError({ file: path }, msg("io.unsupported_out"), msg("io.unsupported_out_hint"));
  await checkTarget(path);
  await refuseInputAsOutput(path);
  const abs = resolve(path);
  await removeStaleTemps(abs);
  const tmp = tempPathFor(abs);
  let done = false;

  const finish = async (): Promise<void> => {
    const fh = await open(tmp, "r+");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, abs);
  };

  if (format === "csv") {
    const out: WriteStream = createWriteStream(tmp, { flags: "wx" });
    const failed = new Promise<never>((_, reject) => out.once("error", reject));
    failed.catch(() => undefined);
    out.write(`\uFEFF${stringify([header.map(guard)], CSV_OPTIONS)}`);
    return {
      path,
      write(cells) {
        out.write(stringify([cells.map(guard)], CSV_OPTIONS));
      },
      async flush() {
        if (out.writableNeedDrain) await Promise.race([new Promise<void>((r) => out.once("drain", () => r())), failed]);
      },
      async commit() {
        if (done) return;
        done = true;
        await Promise.race([new Promise<void>((r) => out.end(r)), failed]);
        await finish();
      },
      async abort() {
        if (done) return;
        done = true;
        out.destroy();
        await unlink(tmp).catch(() => undefined);
      },
    };
  }

  const { default: ExcelJS } = await import("../exceljs.js");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
  const sheet = new ResultsSheet(
    workbook,
    sheetName,
    header.map((h) => String(guard(h))),
  );
  let rows = 1;
  return {
    path,
    write(cells) {
      rows++;
      sheet.add(cells.map((c, i) => fitCell(guard(c), () => ({ row: rows, column: header[i] ?? columnLetter(i + 1) }), path, longText)));
    },
    async flush() {},
    async commit() {
      if (done) return;
      done = true;
      sheet.end();
      await workbook.commit();
      await finish();
    },
    async abort() {
      if (done) return;
      done = true;
      try {
        sheet.end();
        await workbook.commit();
      } catch {
        // The temp file goes either way.
      }
      await unlink(tmp).catch(() => undefined);
    },
  };
}

/** Rows read before the columns are sized: a stream cannot go back to widen a column. */
const SAMPLE_ROWS = 500;

type WorkbookWriter = InstanceType<typeof import("exceljs").stream.xlsx.WorkbookWriter>;
type WorksheetWriter = ReturnType<WorkbookWriter["addWorksheet"]>;

/**
 * One streamed sheet laid out for people: widths from the first rows' content, frozen header with
 * a filter, print setup, and rows whose "status" column says "error" filled red. The sheet is
 * created once the sample is in, since widths and the page orientation go in before any row.
 */
class ResultsSheet {
  private sheet: WorksheetWriter | undefined;
  private readonly sample: (string | number)[][] = [];
  private readonly statusColumn: number;

  constructor(
    private readonly workbook: WorkbookWriter,
    private readonly name: string,
    private readonly header: string[],
  ) {
    this.statusColumn = header.findIndex((h) => h.toLowerCase() === "status");
  }

  add(cells: (string | number)[]): void {
    if (this.sheet) {
      this.commitRow(this.sheet, cells);
      return;
    }
    this.sample.push(cells);
    if (this.sample.length >= SAMPLE_ROWS) this.start();
  }

  end(): void {
    this.start().commit();
  }

  private start(): WorksheetWriter {
    if (this.sheet) return this.sheet;
    const sizer = new ColumnWidths(this.header);
    for (const row of this.sample) {
      row.forEach((c, i) => {
        sizer.see(i, String(c));
      });
    }
    const widths = sizer.widths();
    const sheet = this.workbook.addWorksheet(this.name, {
      views: [{ state: "frozen", ySplit: 1 }],
      pageSetup: printSetup(widths),
      ...(this.header.length > 0 ? { autoFilter: `A1:${columnLetter(this.header.length)}1` } : {}),
    } as Parameters<WorkbookWriter["addWorksheet"]>[1]);
    sheet.columns = this.header.map((h, i) => ({ header: h, key: `c${i}`, width: widths[i] ?? 10 }));
    const head = sheet.getRow(1);
    head.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    });
    head.commit();
    this.sheet = sheet;
    for (const row of this.sample.splice(0)) this.commitRow(sheet, row);
    return sheet;
  }

  private commitRow(sheet: WorksheetWriter, cells: (string | number)[]): void {
    const row = sheet.addRow(cells);
    if (this.statusColumn >= 0 && cells[this.statusColumn] === "error") {
      for (let i = 1; i <= this.header.length; i++) {
        const cell = row.getCell(i);
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: ERROR_FILL } };
        cell.font = { color: { argb: ERROR_FONT } };
      }
    }
    row.commit();
  }
}
