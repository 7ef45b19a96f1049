/** The catalog template workbook: byte-stable and committed, drop-downs from the dictionary, money and text formats, instructions. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { catalogTemplateXlsx } from "../../../scripts/generate-templates.js";
import { createAttributeDictionary } from "../../../src/core/attributes/index.js";
import { REPO } from "../../helpers/cli.js";

describe("templates/catalog/catalog.xlsx", () => {
  it("is what the generator writes, byte for byte, on every run", async () => {
    const a = await catalogTemplateXlsx();
    const b = await catalogTemplateXlsx();
    expect(a.equals(b)).toBe(true);
    expect(a.equals(readFileSync(join(REPO, "templates", "catalog", "catalog.xlsx"))), "run npm run templates").toBe(true);
  });

  it("has a Products sheet with drop-downs of canonical values, money as 0.00 and SKU/barcode as text", async () => {
    const dict = createAttributeDictionary();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(REPO, "templates", "catalog", "catalog.xlsx")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Products", "visible"],
      ["Lists", "hidden"],
      ["说明 Instructions", "visible"],
    ]);
    const ws = wb.getWorksheet("Products") as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    expect(header.slice(0, 16)).toEqual(
      "handle,title,description,vendor,category,tags,status,sku,price,compare_at_price,cost,currency,barcode,weight,inventory,image".split(
        ",",
      ),
    );
    expect(ws.getCell(2, col("price")).numFmt).toBe("0.00");
    expect(ws.getCell(2, col("price")).value).toBe(79);
    expect(ws.getCell(2, col("sku")).numFmt).toBe("@");
    expect(ws.getCell(2, col("barcode")).numFmt).toBe("@");

    const lists = wb.getWorksheet("Lists") as ExcelJS.Worksheet;
    for (const axis of ["colour", "size"]) {
      const label = dict.attributeLabel(axis, "en");
      const cell = ws.getCell(100, col(label)) as ExcelJS.Cell & { dataValidation?: ExcelJS.DataValidation };
      expect(cell.dataValidation?.type, label).toBe("list");
      const [sheet, range] = String(cell.dataValidation?.formulae?.[0] ?? "").split("!");
      expect(sheet).toBe("Lists");
      const [from, to] = (range as string).replaceAll("$", "").split(":");
      const first = lists.getCell(from as string);
      const values: string[] = [];
      for (let r = Number(first.row); r <= Number(lists.getCell(to as string).row); r++)
        values.push(String(lists.getCell(r, Number(first.col)).value));
      expect(values, label).toEqual(dict.values(axis));
    }
    const notes = wb.getWorksheet("说明 Instructions") as ExcelJS.Worksheet;
    const described = new Set<string>();
    notes.eachRow((row) => described.add(String(row.getCell(1).value ?? "")));
    for (const h of header) expect(described.has(h), h).toBe(true);
  });
});
