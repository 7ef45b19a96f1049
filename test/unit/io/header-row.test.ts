/** Header row detection: a dialect's test finds the header within the first 20 rows of CSV and XLSX files. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAttributeDictionary } from "../../../src/core/attributes/index.js";
import { catalogHeaderTest } from "../../../src/core/catalog/dialects.js";
import { openTable, type ReadOptions, type SourceRow } from "../../../src/io/read-table.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "merchops-header-row-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isHeaderRow = catalogHeaderTest(createAttributeDictionary());

async function read(path: string, opts: ReadOptions = { isHeaderRow }) {
  const table = await openTable(path, opts);
  const rows: SourceRow[] = [];
  for await (const batch of table.batches()) rows.push(...batch);
  return { table, rows };
}

function csv(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("catalogHeaderTest", () => {
  it("knows platform headers and supplier headers, not title lines or data", () => {
    expect(isHeaderRow(["Handle", "Title", "Body (HTML)", "Variant SKU"])).toBe(true);
    expect(isHeaderRow(["ID", "Type", "SKU", "Name", "Parent", "Regular price"])).toBe(true);
    expect(isHeaderRow(["商家编码", "商品名称", "尺码", "售价"])).toBe(true);
    expect(isHeaderRow([" sku ", "price (CNY)"])).toBe(true);
    expect(isHeaderRow(["2024 春季新品报价单", "", ""])).toBe(false);
    expect(isHeaderRow(["Supplier: Acme Ltd", "Date: 2024-03-01"])).toBe(false);
    expect(isHeaderRow(["TS-001", "Cotton tee", "M", "129"])).toBe(false);
    // A price and a size are column names, but nothing names the product: not enough on its own.
    expect(isHeaderRow(["price", "size"])).toBe(false);
  });
});

describe("header row in CSV", () => {
  it("skips a title line and notes above the header; rows keep the numbers a spreadsheet shows", async () => {
    const p = csv("title.csv", "Spring catalogue 2024,,\nprices in CNY,,\n\nsku,title,price\nA-1,Tee,129\nB-2,Cap,59\n");
    const { table, rows } = await read(p);
    expect(table.header).toEqual(["sku", "title", "price"]);
    expect(table.headerRow).toBe(4);
    expect(table.skippedAbove).toBe(2);
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [5, "A-1"],
      [6, "B-2"],
    ]);
  });

  it("trims padded header names", async () => {
    const { table } = await read(csv("padded.csv", "  Handle , Title ,Variant SKU \nh,T,S\n"));
    expect(table.header).toEqual(["Handle", "Title", "Variant SKU"]);
  });

  it("falls back to the first non-blank row when no row within 20 passes, keeping the held rows as data", async () => {
    const p = csv("custom.csv", "code,label\nA,x\nB,y\n");
    const { table, rows } = await read(p);
    expect(table.header).toEqual(["code", "label"]);
    expect(table.headerRow).toBe(1);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it("falls back after 20 rows without a header: the rows held become data", async () => {
    const lines = ["code,label", ...Array.from({ length: 30 }, (_, i) => `C${i},L${i}`)];
    const { table, rows } = await read(csv("long.csv", `${lines.join("\n")}\n`));
    expect(table.headerRow).toBe(1);
    expect(rows).toHaveLength(30);
    expect(rows[0]?.cells).toEqual(["C0", "L0"]);
    expect(rows[29]?.row).toBe(31);
  });

  it("a header below row 20 is not looked for: the first row is the header, and the real one a bad row", async () => {
    const notes = Array.from({ length: 20 }, (_, i) => `note ${i}`);
    await expect(read(csv("deep.csv", `${notes.join("\n")}\nsku,title\nA,B\n`))).rejects.toThrow(
      /row 21: 2 cells but the header has 1 columns/,
    );
  });

  it("without a test the first non-blank row is the header, as before", async () => {
    const { table } = await read(csv("plain.csv", "Report,2024\nsku,title\n"), {});
    expect(table.header).toEqual(["Report", "2024"]);
    expect(table.headerRow).toBe(1);
  });
});

describe("header row in XLSX", () => {
  it("skips a merged title row; held rows keep their types", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("商品");
    ws.addRow(["2024 春季新品报价单"]);
    ws.mergeCells("A1:D1");
    ws.addRow([]);
    ws.addRow([" 商家编码 ", "商品名称", "尺码", "售价"]);
    ws.addRow(["00123", "纯棉T恤", "加大码", 129]);
    const p = join(dir, "title.xlsx");
    await wb.xlsx.writeFile(p);
    const { table, rows } = await read(p);
    expect(table.header).toEqual(["商家编码", "商品名称", "尺码", "售价"]);
    expect(table.headerRow).toBe(3);
    expect(table.skippedAbove).toBe(1);
    expect(rows).toEqual([{ row: 4, cells: ["00123", "纯棉T恤", "加大码", 129] }]);
  });

  it("falls back to the first row, whose typed cells were held, and reads the rest as data", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.addRow(["code", "qty"]);
    ws.addRow(["A", 3]);
    const p = join(dir, "custom.xlsx");
    await wb.xlsx.writeFile(p);
    const { table, rows } = await read(p);
    expect(table.header).toEqual(["code", "qty"]);
    expect(rows).toEqual([{ row: 2, cells: ["A", 3] }]);
  });
});
