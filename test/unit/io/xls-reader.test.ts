/**
 * Legacy .xls (BIFF8) through openTable. The workbooks are written here with SheetJS in the layouts
 * of the real exports studied for issue 19 (fixtures/catalog/cn/README.md): a 进销存 商品资料.xls
 * whose numbers are stored as text and whose sheet ends in hundreds of blank formatted rows, a
 * back-office export with a title row, dates and error cells, and files that only pretend to be .xls.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import { openTable, type SourceRow } from "../../../src/io/read-table.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "merchops-xls-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeXls(name: string, sheets: [string, unknown[][]][], hidden: string[] = []): string {
  const wb = XLSX.utils.book_new();
  for (const [sheetName, rows] of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows, { cellDates: false }), sheetName);
  wb.Workbook = { Sheets: wb.SheetNames.map((n) => ({ name: n, Hidden: hidden.includes(n) ? 1 : 0 })) };
  const p = join(dir, name);
  writeFileSync(p, XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer);
  return p;
}

async function readAll(path: string, sheet?: string) {
  const table = await openTable(path, sheet ? { sheet } : {});
  const rows: SourceRow[] = [];
  for await (const batch of table.batches()) rows.push(...batch);
  return { table, rows };
}

async function inputError(fn: () => Promise<unknown>): Promise<InputError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("legacy .xls reader", () => {
  it("reads a 进销存 商品资料.xls: text numbers stay text, blank tail rows are skipped", async () => {
    const rows: unknown[][] = [
      ["条码", "名称", "货号", "规格", "型号", "进价", "售价", "单位", "备注一"],
      ["CLY-02-CAS-01", "Colony Castaway车架20.8喷绿", "", "20.8", "", "0", "2280", "只", ""],
      ["6946087327811", "海信35W/12FZBPJ3", "外机变频", null, null, "0", "2399", null, "要配套"],
    ];
    for (let i = 0; i < 300; i++) rows.push([null, null, null, null, null, null, null, null, null]);
    const p = writeXls("商品资料.xls", [
      ["Sheet1", rows],
      ["Sheet2", []],
    ]);
    const { table, rows: read } = await readAll(p);
    expect(table.format).toBe("xls");
    expect(table.sheet).toBe("Sheet1");
    expect(table.header).toEqual(["条码", "名称", "货号", "规格", "型号", "进价", "售价", "单位", "备注一"]);
    expect(read).toHaveLength(2);
    expect(read[0]).toEqual({ row: 2, cells: ["CLY-02-CAS-01", "Colony Castaway车架20.8喷绿", "", "20.8", "", "0", "2280", "只", ""] });
    expect(read[1]?.row).toBe(3);
    expect(read[1]?.cells[0]).toBe("6946087327811");
    expect(read[1]?.cells[3]).toBeNull();
  });

  it("keeps numbers, booleans, dates (wall-clock in UTC fields) and error cells", async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["SKU", "Price", "Active", "Listed", "Check"],
      ["A-1", 12.5, true, 45292.5, 1],
    ]);
    (ws.D2 as XLSX.CellObject).z = "yyyy-mm-dd hh:mm";
    ws.E2 = { t: "e", v: 0x2a, w: "#N/A" };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "Data");
    const p = join(dir, "typed.xls");
    writeFileSync(p, XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer);
    const { rows } = await readAll(p);
    const cells = rows[0]?.cells ?? [];
    expect(cells.slice(0, 3)).toEqual(["A-1", 12.5, true]);
    expect(cells[3]).toBeInstanceOf(Date);
    expect((cells[3] as Date).toISOString()).toBe("2024-01-01T12:00:00.000Z");
    expect(cells[4]).toBe("#N/A");
  });

  it("reads the first visible sheet, or the one asked for", async () => {
    const p = writeXls(
      "sheets.xls",
      [
        ["说明", [["这是说明页"]]],
        [
          "商品",
          [
            ["商品编码", "名称"],
            ["A-1", "衬衫"],
          ],
        ],
      ],
      ["说明"],
    );
    expect((await readAll(p)).table.sheet).toBe("商品");
    expect((await readAll(p, "说明")).table.header).toEqual(["这是说明页"]);
    const err = await inputError(() => openTable(p, { sheet: "库存" }));
    expect(err.message).toContain('no sheet named "库存"');
    expect(err.hint).toContain('"商品"');
  });

  it("refuses a value right of the last named column, naming row and column", async () => {
    const p = writeXls("stray.xls", [
      [
        "Sheet1",
        [
          ["SKU", "Price"],
          ["A-1", 1, "stray"],
        ],
      ],
    ]);
    const err = await inputError(() => readAll(p));
    expect(err.location.row).toBe(2);
    expect(err.message).toContain("column C");
  });

  it("says what a file named .xls really is", async () => {
    const html = join(dir, "export.xls");
    writeFileSync(html, "<html><body><table><tr><td>商品编码</td></tr></table></body></html>");
    expect((await inputError(() => openTable(html))).message).toMatch(/web page or XML spreadsheet/);

    const zip = join(dir, "really.xls");
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    expect((await inputError(() => openTable(zip))).message).toMatch(/really an \.xlsx workbook/);

    const empty = join(dir, "empty.xls");
    writeFileSync(empty, "");
    expect((await inputError(() => openTable(empty))).message).toMatch(/empty file/);

    const damaged = join(dir, "damaged.xls");
    writeFileSync(damaged, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 7)]));
    expect((await inputError(() => openTable(damaged))).message).toMatch(/cannot read the workbook/);
  });
});

describe("legacy .xls header row", () => {
  it("finds the header below a title row when the caller says what a header looks like", async () => {
    const p = writeXls("titled.xls", [
      [
        "商品",
        [["2024年秋季商品资料（请勿修改表头）"], [], ["款式编码", "商品编码", "名称", "基本售价"], ["K-1", "K-1-01", "外套", "199"]],
      ],
    ]);
    const table = await openTable(p, { isHeaderRow: (cells) => cells.includes("商品编码") });
    const rows: SourceRow[] = [];
    for await (const b of table.batches()) rows.push(...b);
    expect(table.header).toEqual(["款式编码", "商品编码", "名称", "基本售价"]);
    expect(table.headerRow).toBe(3);
    expect(table.skippedAbove).toBe(1);
    expect(rows).toEqual([{ row: 4, cells: ["K-1", "K-1-01", "外套", "199"] }]);
  });
});
