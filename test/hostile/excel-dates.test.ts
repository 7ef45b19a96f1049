/**
 * Excel date serials at the edges (issue 13 round 2): the 1900 system's days 1-59 (counted from
 * 1900-01-01, one day off under the usual 1899-12-30 epoch), serial 60 (the phantom 1900-02-29
 * kept from Lotus 1-2-3), a time of day alone, a negative serial (##### in Excel), one past
 * 9999-12-31, and the 1904 system. Read from .xlsx (exceljs) and .xls (SheetJS) alike: the right
 * wall-clock date, or exit-3 material naming file, row and column.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { english } from "../../src/core/i18n/index.js";
import { excelSerialToDate } from "../../src/io/excel-dates.js";
import { openTable } from "../../src/io/read-table.js";
import { tempDir } from "../helpers/cli.js";

const t = tempDir("merchops-hostile-dates-");
afterAll(() => t.cleanup());

/** A one-column sheet "placed_at" holding `serial` formatted as a date-time. */
async function xlsxWith(serial: number, date1904 = false): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("orders");
  ws.addRow(["order_id", "placed_at"]);
  const row = ws.addRow(["O1", serial]);
  row.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
  const path = join(t.dir, `s-${serial}-${date1904 ? 1904 : 1900}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

function xlsWith(serial: number): string {
  const ws = XLSX.utils.aoa_to_sheet([
    ["order_id", "placed_at"],
    ["O1", { t: "n", v: serial, z: "yyyy-mm-dd hh:mm" }],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "orders");
  const path = join(t.dir, `s-${serial}.xls`);
  writeFileSync(path, XLSX.write(wb, { type: "buffer", bookType: "biff8" }));
  return path;
}

async function firstCell(path: string): Promise<unknown> {
  const table = await openTable(path);
  try {
    for await (const batch of table.batches()) return batch[0]?.cells[1];
    return undefined;
  } finally {
    await table.close();
  }
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 16) : v);

// As Excel shows them (Excel for Windows, 1900 date system).
const GOOD: [number, string][] = [
  [1, "1900-01-01T00:00"],
  [59, "1900-02-28T00:00"],
  [59.5, "1900-02-28T12:00"],
  [61, "1900-03-01T00:00"],
  [0.75, "1899-12-30T18:00"], // a time of day alone: its date part is the epoch, as every reader has it
  [46346.25, "2026-11-20T06:00"],
  [2958465, "9999-12-31T00:00"],
];
const BAD: [number, RegExp][] = [
  [60, /date serial 60 is 1900-02-29, a day that never existed/],
  [60.5, /date serial 60\.5 is 1900-02-29/],
  [-5, /date serial -5 is before Excel's first date/],
  [2958466, /date serial 2958466 is after 9999-12-31/],
];

describe("Excel date serials", () => {
  it.each(GOOD)("serial %d reads as %s (.xlsx and .xls)", async (serial, shown) => {
    expect(iso(await firstCell(await xlsxWith(serial)))).toBe(shown);
    expect(iso(await firstCell(xlsWith(serial)))).toBe(shown);
  });

  it.each(BAD)("serial %d is refused naming file, row and column (.xlsx and .xls)", async (serial, problem) => {
    const x = await firstCell(await xlsxWith(serial)).catch((e: unknown) => e);
    expect(x).toBeInstanceOf(InputError);
    expect((x as InputError).message).toMatch(problem);
    expect((x as InputError).location).toMatchObject({ row: 2, column: "placed_at" });
    const b = await firstCell(xlsWith(serial)).catch((e: unknown) => e);
    expect(b).toBeInstanceOf(InputError);
    expect((b as InputError).message).toMatch(problem);
    expect((b as InputError).location).toMatchObject({ row: 2, column: "B" });
  });

  it("the 1904 date system: day 0 is 1904-01-01, and it has no phantom day", async () => {
    expect(iso(await firstCell(await xlsxWith(0, true)))).toBe("1904-01-01T00:00");
    expect(iso(await firstCell(await xlsxWith(60, true)))).toBe("1904-03-01T00:00");
    expect(iso(await firstCell(await xlsxWith(44884.25, true)))).toBe("2026-11-20T06:00");
  });

  it("the converter on its own, with the problem in words", () => {
    const r = excelSerialToDate(60, false);
    expect(r instanceof Date ? r : english(r.problem)).toMatch(/1900-02-29/);
    expect(excelSerialToDate(Number.NaN, false)).not.toBeInstanceOf(Date);
  });
});
