/**
 * The workbooks the CLI writes, read back as a person would meet them: the `--results` file of
 * `catalog import` (errors filled red) and a report workbook (`returns audit --format xlsx`) with
 * the documented sheet names, both with frozen header, filter, widths and a print setup.
 */
import { join } from "node:path";
import type { Worksheet } from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import ExcelJS from "../../src/io/exceljs.js";
import { ERROR_FILL } from "../../src/io/xlsx-layout.js";
import { REPO, runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir("merchops-workbooks-");
afterAll(() => tmp.cleanup());

async function read(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function expectPrintable(ws: Worksheet, columns: number): void {
  expect(ws.views[0], ws.name).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(ws.autoFilter, ws.name).toBeTruthy();
  expect(ws.pageSetup, ws.name).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" });
  for (let c = 1; c <= columns; c++) expect(ws.getColumn(c).width ?? 0, `${ws.name} column ${c}`).toBeGreaterThanOrEqual(10);
}

describe("workbooks people print", () => {
  it("catalog import --results: error rows filled red, laid out for print", { timeout: 300_000 }, async () => {
    const out = join(tmp.dir, "results.xlsx");
    const input = join(REPO, "fixtures", "catalog", "bad", "duplicate-sku.csv");
    const r = await runCli(["catalog", "import", input, "--dry-run", "--results", out], { cwd: tmp.dir });
    expect(r.exitCode).toBe(3);
    const ws = (await read(out)).getWorksheet("Results") as Worksheet;
    expectPrintable(ws, 6);
    expect(ws.autoFilter).toBe("A1:F1");
    // The file column holds a long path: its width follows the content, not the header.
    expect(ws.getColumn(1).width ?? 0).toBeGreaterThan(30);
    let errors = 0;
    ws.eachRow((row, n) => {
      if (n === 1 || row.getCell(5).value !== "error") return;
      errors++;
      expect((row.getCell(1).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(ERROR_FILL);
    });
    expect(errors).toBeGreaterThan(0);
  });

  it("returns audit --format xlsx: the documented sheet names, each printable", { timeout: 300_000 }, async () => {
    const out = join(tmp.dir, "audit.xlsx");
    const r = await runCli(["returns", "audit", "--format", "xlsx", "--out", out], { cwd: tmp.dir });
    expect(r.exitCode).toBe(0);
    const wb = await read(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 5)).toEqual(["Summary", "By SKU", "By size", "By reason", "Flags"]);
    expect(names.at(-1)).toBe("Run info");
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    const bySku = wb.getWorksheet("By SKU") as Worksheet;
    expectPrintable(bySku, 10);
    expect(bySku.pageSetup.orientation).toBe("landscape");
  });
});
