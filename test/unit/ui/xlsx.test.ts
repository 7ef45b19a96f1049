/**
 * Workbooks people print: report workbooks (src/ui/xlsx.ts) and the streamed results file of
 * `catalog import --results` / `shipments import --results` (io/writers/rows-file.ts), read back
 * with exceljs: widths from content (CJK double), frozen header, filter, error rows filled, print
 * setup, sheet names as documented.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Workbook, Worksheet } from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { ReportDocument, Table } from "../../../src/core/report.js";
import ExcelJS from "../../../src/io/exceljs.js";
import { openRowsWriter } from "../../../src/io/writers/rows-file.js";
import { displayWidth, ERROR_FILL } from "../../../src/io/xlsx-layout.js";
import { renderXlsx, sheetNamer } from "../../../src/ui/xlsx.js";

const dir = mkdtempSync(join(tmpdir(), "merchops-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(buffer: Buffer): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: Workbook, name: string): Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(", ")}`);
  return ws;
}

const fillOf = (ws: Worksheet, row: number, col: number) =>
  (ws.getRow(row).getCell(col).fill as { fgColor?: { argb?: string } })?.fgColor?.argb;

function table(over: Partial<Table>): Table {
  return {
    id: "t",
    title: "Table",
    columns: [
      { key: "a", label: "A", kind: "text" },
      { key: "n", label: "N", kind: "integer" },
    ],
    rows: [{ cells: { a: "x", n: 1 } }],
    ...over,
  };
}

const doc = (tables: Table[]): ReportDocument => ({ title: "Report", meta: [], tables, charts: [], notes: [] });

describe("report workbooks", () => {
  it("names sheets by their short documented names, never cut mid-word", async () => {
    const wb = await load(
      await renderXlsx(
        doc([
          table({
            id: "summary",
            sheetName: "Summary",
            title: "Where our prices stand (index = ours / what buyers pay competitors × 100)",
          }),
          table({ id: "changes", sheetName: "Changes", title: "Changes since the previous snapshot" }),
          table({ id: "offers", sheetName: "Offers", title: "Latest offers" }),
          table({ id: "long", title: "Unmatched return reasons as the customers wrote them" }),
        ]),
      ),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", "Changes", "Offers", "Unmatched return reasons as the", "Run info"]);
    const name = sheetNamer();
    expect(name("Not found or refused by the provider")).toBe("Not found or refused by the");
    expect(name("x".repeat(40))).toHaveLength(31);
  });

  it("sets a print setup: one page wide, header repeated, landscape only when wide", async () => {
    const wide = table({
      id: "wide",
      sheetName: "Wide",
      columns: Array.from({ length: 12 }, (_, i) => ({ key: `c${i}`, label: `Column number ${i}`, kind: "text" as const })),
      rows: [{ cells: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`c${i}`, "some words here"])) }],
    });
    const wb = await load(await renderXlsx(doc([table({ sheetName: "Narrow" }), wide])));
    for (const name of ["Narrow", "Wide", "Run info"]) {
      const ps = sheet(wb, name).pageSetup;
      expect(ps.fitToPage, name).toBe(true);
      expect(ps.fitToWidth, name).toBe(1);
      expect(ps.fitToHeight, name).toBe(0);
      expect(ps.paperSize, name).toBe(9);
      expect(ps.margins?.left, name).toBeGreaterThan(0);
    }
    expect(sheet(wb, "Narrow").pageSetup.orientation).toBe("portrait");
    expect(sheet(wb, "Wide").pageSetup.orientation).toBe("landscape");
    expect(sheet(wb, "Wide").pageSetup.printTitlesRow).toBe("1:1");
  });

  it("sizes columns by display width: CJK counts double, long text wraps at a cap", async () => {
    const t = table({
      sheetName: "Widths",
      columns: [
        { key: "zh", label: "商品", kind: "text" },
        { key: "en", label: "Product", kind: "text" },
        { key: "long", label: "Message", kind: "text" },
      ],
      rows: [{ cells: { zh: "经典低帮帆布鞋男女款", en: "Classic low", long: "word ".repeat(40).trim() } }],
    });
    const ws = sheet(await load(await renderXlsx(doc([t]))), "Widths");
    expect(displayWidth("经典低帮帆布鞋男女款")).toBe(20);
    expect(ws.getColumn(1).width ?? 0).toBeGreaterThanOrEqual(20);
    expect(ws.getColumn(2).width ?? 0).toBeLessThan(ws.getColumn(1).width ?? 0);
    expect(ws.getColumn(3).width).toBe(60);
    expect(ws.getRow(2).getCell(3).alignment?.wrapText).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:C1");
  });

  it("fills error and breach rows red, leaves the others", async () => {
    const t = table({
      sheetName: "Issues",
      rows: [
        { cells: { a: "bad", n: 1 }, status: "error" },
        { cells: { a: "warn", n: 2 } },
        { cells: { a: "over", n: 3 }, status: "breach" },
      ],
    });
    const ws = sheet(await load(await renderXlsx(doc([t]))), "Issues");
    expect(fillOf(ws, 2, 1)).toBe(ERROR_FILL);
    expect(fillOf(ws, 2, 2)).toBe(ERROR_FILL);
    expect(fillOf(ws, 3, 1)).toBeUndefined();
    expect(fillOf(ws, 4, 1)).toBe(ERROR_FILL);
  });
});

describe("the streamed results file", () => {
  it("is laid out for people: widths, frozen header, filter, errors filled, print setup", async () => {
    const path = join(dir, "results.xlsx");
    const w = await openRowsWriter(path, ["file", "row", "handle", "sku", "status", "message"]);
    w.write(["supplier.xlsx", 2, "canvas-low", "SN001-WHT-40", "created", ""]);
    w.write(["supplier.xlsx", 3, "经典低帮帆布鞋", "SN001-BLK-41", "error", "price: 12,9 is not a number (use a dot: 12.9)"]);
    for (let i = 0; i < 600; i++) w.write(["supplier.xlsx", 4 + i, `p-${i}`, `SKU-${i}`, "unchanged", ""]);
    await w.commit();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = sheet(wb, "Results");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:F1");
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    // The handle column holds 7 CJK characters (14 display columns): wider than its header.
    expect(ws.getColumn(3).width ?? 0).toBeGreaterThanOrEqual(14);
    expect(ws.getColumn(6).width ?? 0).toBeGreaterThanOrEqual(displayWidth("price: 12,9 is not a number (use a dot: 12.9)"));
    expect(fillOf(ws, 3, 1)).toBe(ERROR_FILL);
    expect(fillOf(ws, 3, 6)).toBe(ERROR_FILL);
    expect(fillOf(ws, 2, 1)).toBeUndefined();
    expect(ws.rowCount).toBe(603);
    expect(ws.getRow(603).getCell(3).value).toBe("p-599");
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1", paperSize: 9 });
  });

  it("writes a header-only sheet when there are no rows", async () => {
    const path = join(dir, "empty.xlsx");
    const w = await openRowsWriter(path, ["file", "row", "status"]);
    await w.commit();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(sheet(wb, "Results").getRow(1).getCell(3).value).toBe("status");
  });
});
