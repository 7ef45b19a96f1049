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

export async function openRowsWriter(path: string, header: readonly string[], sheetName = "Results"): Promise<RowsWriter> {
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
  return {
    path,
    write(cells) {
      sheet.add(cells.map(guard));
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
