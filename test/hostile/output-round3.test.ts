/**
 * Hostile OUTPUT, round 3 (helper H): merchant values an Excel cell cannot hold, and identifiers
 * Excel would mangle. A catalog export to .xlsx with a 40,000-character description is refused
 * naming row and column (Excel would cut it on opening and a re-import would store it cut; the
 * same export to .csv works); a results file cuts such a value with "…". SKU "00123" and a
 * 13-digit barcode stay text: as written in CSV (as the platforms' own exports write them) and as
 * text cells in .xlsx, never numbers.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXCEL_CELL_CHARS, openRowsWriter } from "../../src/io/writers/rows-file.js";
import { localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";

const stores = localStores(["shop"]);
afterAll(() => stores.cleanup());

const LONG = "Ä".repeat(40_000);

beforeAll(async () => {
  writeFileSync(
    join(stores.dir, "catalog.csv"),
    `handle,title,sku,price,barcode,description\np-1,Shirt,00123,10,6901234567890,${LONG}\np-2,Socks,S-2,5,0012345678905,Short\n`,
  );
  const r = await runCli(["catalog", "import", "catalog.csv", "-q"], { cwd: stores.dir });
  expect(r.exitCode).toBe(0);
});

describe("values longer than an Excel cell", () => {
  it.each(["native", "shopify", "woocommerce"])("%s export to .xlsx: exit 3 naming row and column, no file left", async (layout) => {
    const out = `export-${layout}.xlsx`;
    const r = await runCli(["catalog", "export", "--to-format", layout, "-o", out], { cwd: stores.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(
      /row 2, column "[^"]*(description|Body|Description)[^"]*": 40,000 characters, more than an Excel cell holds \(32,767\)/,
    );
    expect(r.stderr).toMatch(/export to \.csv instead/);
    expect(existsSync(join(stores.dir, out))).toBe(false);
  });

  it("the same export to .csv keeps the whole text", async () => {
    const r = await runCli(["catalog", "export", "-o", "export.csv"], { cwd: stores.dir });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(stores.dir, "export.csv"), "utf8")).toContain(LONG);
  });

  it("a results file cuts such a value with an ellipsis, inside the limit", async () => {
    const path = join(stores.dir, "results.xlsx");
    const w = await openRowsWriter(path, ["file", "message"]);
    w.write(["a.csv", "x".repeat(EXCEL_CELL_CHARS + 10)]);
    w.write(["a.csv", `${"y".repeat(EXCEL_CELL_CHARS - 1)}😀`]);
    await w.commit();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    const first = String(ws?.getCell("B2").value);
    const second = String(ws?.getCell("B3").value);
    expect(first).toHaveLength(EXCEL_CELL_CHARS);
    expect(first.endsWith("x…")).toBe(true);
    // Never half an emoji.
    expect(second.endsWith("y…")).toBe(true);
  });
});

describe("identifiers Excel would turn into numbers", () => {
  it('CSV exports write SKU 00123 and barcodes as written (no quote mark, no ="..."), as the platforms\' exports do', async () => {
    for (const layout of ["native", "shopify", "woocommerce"]) {
      const out = `ids-${layout}.csv`;
      expect((await runCli(["catalog", "export", "--to-format", layout, "-o", out, "-q"], { cwd: stores.dir })).exitCode).toBe(0);
      const text = readFileSync(join(stores.dir, out), "utf8");
      expect(text).toMatch(/,00123,/);
      expect(text).toMatch(/,6901234567890,|,6901234567890\r?\n/);
      expect(text).toMatch(/0012345678905/);
      expect(text).not.toMatch(/'00123|="00123"|6\.9\d*E\+12/);
    }
  });

  it("xlsx exports store them as text cells: leading zeros and all 13 digits kept", async () => {
    // A store of its own: this file's store holds a description too long for an xlsx.
    const other = localStores(["ids"]);
    try {
      writeFileSync(join(other.dir, "ids.csv"), "handle,title,sku,price,barcode\np-3,Cap,00042,5,0012345678905\n");
      expect((await runCli(["catalog", "import", "ids.csv", "-q"], { cwd: other.dir })).exitCode).toBe(0);
      expect((await runCli(["catalog", "export", "-o", "ids.xlsx", "-q"], { cwd: other.dir })).exitCode).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(other.dir, "ids.xlsx"));
      const ws = wb.worksheets[0];
      const header = (ws?.getRow(1).values as unknown[]) ?? [];
      const cell = (name: string) => ws?.getRow(2).getCell(header.indexOf(name)).value;
      expect(cell("sku")).toBe("00042");
      expect(cell("barcode")).toBe("0012345678905");
    } finally {
      other.cleanup();
    }
  });
});
