import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import { openTable, type ReadOptions, type SourceRow } from "../../../src/io/read-table.js";

let dir: string;
let workbookPath: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "merchops-xlsx-"));
  workbookPath = await writeWorkbook("orders.xlsx", (wb) => {
    const ws = wb.addWorksheet("Orders");
    ws.addRow(["SKU", "Name", "Qty", "Price", "Placed at", "Total", "Zero", "Note", "Link", "Err", "Paid"]);
    ws.addRow([
      "00123",
      "蓝色衬衫",
      3,
      12.5,
      new Date(Date.UTC(2024, 2, 1, 10, 30, 0)),
      { formula: "C2*D2", result: 37.5 },
      { formula: "C2-3", result: 0 },
      { richText: [{ text: "Hello " }, { font: { bold: true }, text: "World" }] },
      { text: "our site", hyperlink: "https://example.com" },
      { error: "#N/A" },
      true,
    ]);
    ws.getCell("E2").numFmt = "yyyy-mm-dd hh:mm";
    // row 3 left empty, row 4 has data: its real row number must come through
    ws.getRow(4).values = ["00124", "短", 1, 2, null, { formula: "C4*D4", result: 2 }, null, "x", null, null, false];
    // trailing formatted-but-empty rows are ignored
    ws.getRow(8).getCell(1).numFmt = "0.00";
    ws.getRow(9).getCell(2).value = "";

    const returns = wb.addWorksheet("Returns");
    returns.addRow(["order_id", "reason"]);
    returns.addRow(["A-1", "size"]);
    returns.addRow(["A-2", "damaged"]);
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function writeWorkbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const p = join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

async function readAll(path: string, opts?: ReadOptions) {
  const table = await openTable(path, opts);
  const rows: SourceRow[] = [];
  for await (const batch of table.batches()) rows.push(...batch);
  return { table, rows };
}

async function inputError(fn: () => Promise<unknown>): Promise<InputError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`expected an InputError, got ${String(e)}`);
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

describe("xlsx reader", () => {
  it("reads the first sheet with typed cells and real row numbers", async () => {
    const { table, rows } = await readAll(workbookPath);
    expect(table.format).toBe("xlsx");
    expect(table.sheet).toBe("Orders");
    expect(table.header).toEqual(["SKU", "Name", "Qty", "Price", "Placed at", "Total", "Zero", "Note", "Link", "Err", "Paid"]);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    const cells = rows[0]?.cells ?? [];
    expect(cells[0]).toBe("00123");
    expect(cells[1]).toBe("蓝色衬衫");
    expect(cells[2]).toBe(3);
    expect(cells[3]).toBe(12.5);
    expect(cells[4]).toBeInstanceOf(Date);
    // wall-clock time carried in the UTC fields
    expect((cells[4] as Date).toISOString()).toBe("2024-03-01T10:30:00.000Z");
    expect(cells[5]).toBe(37.5); // formula -> cached result
    expect(cells[6]).toBe(0); // a zero result is a value, not a missing one
    expect(cells[7]).toBe("Hello World"); // rich text -> plain text
    expect(cells[8]).toBe("our site"); // hyperlink -> its text
    expect(cells[9]).toBe("#N/A"); // an error cell keeps its text, so a number column refuses it
    expect(cells[10]).toBe(true);
    expect(rows[1]?.cells).toEqual(["00124", "短", 1, 2, null, 2, null, "x", null, null, false]);
    for (const r of rows) expect(r.cells).toHaveLength(table.header.length);
  });

  it("selects a sheet by name", async () => {
    const { table, rows } = await readAll(workbookPath, { sheet: "Returns" });
    expect(table.sheet).toBe("Returns");
    expect(table.header).toEqual(["order_id", "reason"]);
    expect(rows).toEqual([
      { row: 2, cells: ["A-1", "size"] },
      { row: 3, cells: ["A-2", "damaged"] },
    ]);
  });

  it("lists the sheet names for an unknown sheet", async () => {
    const err = await inputError(() => openTable(workbookPath, { sheet: "Refunds" }));
    expect(err.message).toContain('no sheet named "Refunds"');
    expect(err.hint).toContain('"Orders"');
    expect(err.hint).toContain('"Returns"');
  });

  it("rejects a formula without a saved value", async () => {
    const p = await writeWorkbook("nocache.xlsx", (wb) => {
      const ws = wb.addWorksheet("S");
      ws.addRow(["a", "b"]);
      ws.addRow([2, { formula: "A2*2" }]);
    });
    const err = await inputError(() => readAll(p));
    expect(err.message).toMatch(/formula without a saved value: open and save the file in Excel/);
    expect(err.location.row).toBe(2);
    expect(err.location.column).toBe("b");
  });

  it("rejects a duplicate header and reserved names", async () => {
    const dup = await writeWorkbook("dup.xlsx", (wb) => {
      wb.addWorksheet("S").addRow(["SKU", "qty", "sku"]);
    });
    const err = await inputError(() => openTable(dup));
    expect(err.message).toMatch(/duplicate column name: "SKU" \(column A\) and "sku" \(column C\)/);
    expect(err.location.row).toBe(1);
    const proto = await writeWorkbook("proto.xlsx", (wb) => {
      wb.addWorksheet("S").addRow(["sku", "__proto__"]);
    });
    expect((await inputError(() => openTable(proto))).message).toMatch(/not allowed/);
  });

  it("rejects a value to the right of the last named column", async () => {
    const p = await writeWorkbook("stray.xlsx", (wb) => {
      const ws = wb.addWorksheet("S");
      ws.addRow(["a", "b"]);
      ws.addRow([1, 2, "stray"]);
    });
    const err = await inputError(() => readAll(p));
    expect(err.location.row).toBe(2);
    expect(err.message).toMatch(/column C/);
  });

  it("reports an empty sheet and files that are not workbooks", async () => {
    const empty = await writeWorkbook("empty.xlsx", (wb) => {
      wb.addWorksheet("Blank");
    });
    expect((await inputError(() => openTable(empty))).message).toMatch(/empty file: no header row/);

    const text = join(dir, "renamed.xlsx");
    writeFileSync(text, Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x09, 0x00]));
    expect((await inputError(() => openTable(text))).message).toMatch(/not an Excel workbook/);

    const ole = join(dir, "old.xlsx");
    writeFileSync(ole, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect((await inputError(() => openTable(ole))).message).toMatch(/old binary Excel format/);

    const missing = await inputError(() => openTable(join(dir, "nope.xlsx")));
    expect(missing.message).toMatch(/file not found/);
  });

  it("reads big sheets in batches and can stop early", async () => {
    const p = await writeWorkbook("big.xlsx", (wb) => {
      const ws = wb.addWorksheet("S");
      ws.addRow(["id", "v"]);
      for (let i = 0; i < 3000; i++) ws.addRow([`id-${i}`, i]);
    });
    const table = await openTable(p, { batchSize: 500 });
    const sizes: number[] = [];
    let last = 1;
    for await (const batch of table.batches()) {
      sizes.push(batch.length);
      for (const r of batch) expect(r.row).toBe(++last);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);

    const t2 = await openTable(p, { batchSize: 100 });
    for await (const _ of t2.batches()) break;
    await t2.close();
    await t2.close();
  });

  it("leaves none of exceljs' spooled worksheet temp files behind", async () => {
    const spooled = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    await vi.waitFor(() => expect(spooled().length).toBe(0), { timeout: 10_000, interval: 20 });
    const before = 0;
    await readAll(workbookPath);
    await readAll(workbookPath, { sheet: "Returns" });
    const t = await openTable(workbookPath);
    await t.close();
    await inputError(() => openTable(workbookPath, { sheet: "Nope" }));
    // exceljs' temp-file package unlinks asynchronously
    await vi.waitFor(() => expect(spooled().length).toBe(before), { timeout: 10_000, interval: 20 });
  });
});
