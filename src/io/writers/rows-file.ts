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
import { neutralizeFormula } from "../formula-guard.js";
import { removeStaleTemps, tempPathFor } from "../temp-files.js";

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
    if (!st.isDirectory()) throw new InputError({ file: path }, "the folder is not a directory", "choose another path");
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file: path }, "the folder does not exist", `create it first (mkdir -p ${dirname(path)}) or choose another path`);
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
  if (!format) throw new InputError({ file: path }, "unsupported file type", "name the file .csv or .xlsx");
  await checkTarget(path);
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
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((h) => ({ header: guard(h) as string, key: h, width: Math.min(40, Math.max(10, h.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    path,
    write(cells) {
      sheet.addRow(cells.map(guard)).commit();
    },
    async flush() {},
    async commit() {
      if (done) return;
      done = true;
      sheet.commit();
      await workbook.commit();
      await finish();
    },
    async abort() {
      if (done) return;
      done = true;
      try {
        sheet.commit();
        await workbook.commit();
      } catch {
        // The temp file goes either way.
      }
      await unlink(tmp).catch(() => undefined);
    },
  };
}
