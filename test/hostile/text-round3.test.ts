/**
 * Hostile class, round 3 (helper H): text-level hostility inside otherwise fine files. SKUs that
 * differ only by Unicode form, an invisible character, a no-break or ideographic space, trailing
 * space or case are one SKU to whoever reads the sheet (and to WooCommerce's case- and accent-
 * insensitive SKU lookup): never merged silently, refused naming both rows, the invisible
 * character shown. Excel error values (#N/A, #REF!, #DIV/0!) are no values: refused naming the
 * cell where the row needs them, blank with a warning in a descriptive column, never stored as
 * text or 0. Numbers written in a convention that cannot be read exactly are refused naming the
 * cell. A header repeated mid-file (two exports joined) is named as such.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { catalogRowXml, inlineCell, workbookOf } from "./generators.js";

const stores = localStores(["shop"]);
afterAll(() => stores.cleanup());

interface JsonIssue {
  severity: string;
  row: number | null;
  column: string | null;
  message: string;
}

async function importJson(name: string, content: string | Buffer): Promise<{ exitCode: number; issues: JsonIssue[]; stderr: string }> {
  writeFileSync(join(stores.dir, name), content);
  const r = await runCli(["catalog", "import", name, "--dry-run", "--json"], { cwd: stores.dir });
  const issues = (JSON.parse(r.stdout) as { issues?: JsonIssue[] }).issues ?? [];
  return { exitCode: r.exitCode, issues: issues.filter((i) => !/description is empty/.test(i.message)), stderr: r.stderr };
}

const HEADER = "handle,title,sku,price\n";

describe("SKUs that look the same", () => {
  it.each([
    ["NFC and NFD", "Caf\u00e9-1", "Cafe\u0301-1", "is also used at row 2"],
    ["a zero-width space inside", "S-1", "S\u200b-1", 'SKU "S<U+200B>-1" is also used at row 2'],
    ["a BOM at the end", "S-1", "S-1\ufeff", 'SKU "S-1" is also used at row 2'],
    ["a no-break space before", "S-1", "\u00a0S-1", 'SKU "S-1" is also used at row 2'],
    ["an ideographic space after", "S-1", "S-1\u3000", 'SKU "S-1" is also used at row 2'],
    ["a trailing space", "S-1", "S-1 ", 'SKU "S-1" is also used at row 2'],
    ["case", "s-1", "S-1", 'SKU "S-1" is also used at row 2'],
  ])("%s: refused naming both rows (exit 3), never two SKUs nor one merged silently", async (_, a, b, message) => {
    const r = await importJson("same.csv", `${HEADER}p-1,Shirt,${a},10\np-2,Shirt 2,${b},11\n`);
    expect(r.exitCode).toBe(3);
    expect(r.issues).toContainEqual(
      expect.objectContaining({ severity: "error", row: 3, column: "sku", message: expect.stringContaining(message) }),
    );
  });

  it("an invisible character in a SKU is a warning naming it even when the SKU is unique", async () => {
    const r = await importJson("zw.csv", `${HEADER}p-1,Shirt,AB\u200d12,10\n`);
    expect(r.exitCode).toBe(0);
    expect(r.issues).toEqual([
      expect.objectContaining({
        severity: "warning",
        row: 2,
        column: "sku",
        message: expect.stringMatching(/SKU "AB<U\+200D>12" holds an invisible character \(U\+200D\)/),
      }),
    ]);
  });
});

describe("Excel error values", () => {
  it.each([
    ["#N/A in the SKU", "p-1,Shirt,#N/A,10", 2, "sku", "#N/A"],
    ["#REF! in the price", "p-1,Shirt,S-1,#REF!", 2, "price", "#REF!"],
    ["#DIV/0! in the price", "p-1,Shirt,S-1,#DIV/0!", 2, "price", "#DIV/0!"],
    ["#NAME? in the title", "p-1,#NAME?,S-1,10", 2, "title", "#NAME?"],
    ["#VALUE! in the handle", "#VALUE!,Shirt,S-1,10", 2, "handle", "#VALUE!"],
  ])("%s of a CSV saved from Excel: exit 3 naming the cell, nothing stored", async (_, row, at, column, value) => {
    const r = await importJson("errors.csv", `${HEADER}${row}\n`);
    expect(r.exitCode).toBe(3);
    const mine = r.issues.filter((i) => i.column === column);
    expect(mine[0]).toMatchObject({
      severity: "error",
      row: at,
      message: `the cell shows the Excel error ${value}: the formula behind it failed, so the cell holds no value`,
    });
    // One complaint for the cell: no "price is empty" or "not an amount" after it.
    expect(mine.slice(1).map((i) => i.message)).not.toContainEqual(expect.stringMatching(/is empty|not an amount|#/));
  });

  it('error cells of a workbook (t="e", with and without their formula) are named with their own text, never #N/A for all', async () => {
    const sheet = catalogRowXml([
      inlineCell("A2", "p-1"),
      inlineCell("B2", "Shirt"),
      `<c r="C2" t="e"><f>VLOOKUP(A2,Codes!A:B,2,FALSE)</f><v>#REF!</v></c>`,
      `<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`,
    ]);
    const r = await importJson("errors.xlsx", workbookOf([{ name: "Sheet1", xml: sheet }]));
    expect(r.exitCode).toBe(3);
    expect(r.issues.map((i) => [i.column, i.message.slice(0, 40)])).toEqual([
      ["sku", "the cell shows the Excel error #REF!: th"],
      ["price", "the cell shows the Excel error #DIV/0!: "],
    ]);
  });

  it("an error in a descriptive column (barcode) is read as blank with a warning", async () => {
    const r = await importJson("barcode.csv", "handle,title,sku,price,barcode\np-1,Shirt,S-1,10,#N/A\n");
    expect(r.exitCode).toBe(0);
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: "warning", column: "barcode", message: expect.stringContaining("#N/A") }),
    ]);
  });
});

describe("numbers in conventions that cannot be read exactly", () => {
  it.each([
    ["thin-space thousands", "1\u202f234,56"],
    ["no-break-space thousands", "1\u00a0234,56"],
    ["Swiss apostrophe", "1'234.50"],
    ["Indian grouping", "1,23,456.00"],
    ["accounting negative", "(12.00)"],
    ["trailing minus", "12.00-"],
    ["a percentage", "12.5 %"],
  ])("%s: refused naming row and column (never misread)", async (_, price) => {
    const r = await importJson("numbers.csv", `${HEADER}p-1,Shirt,S-1,"${price}"\n`);
    expect(r.exitCode).toBe(3);
    expect(r.issues).toContainEqual(
      expect.objectContaining({ severity: "error", row: 2, column: "price", message: expect.stringContaining(price) }),
    );
  });

  it.each([
    ["decimal comma", "12,5", "12.50"],
    ["dot thousands, comma decimals", "1.234,56", "1234.56"],
    ["comma thousands, dot decimals", "1,234.56", "1234.56"],
  ])("%s: read exactly", async (_, price, stored) => {
    writeFileSync(join(stores.dir, "read.csv"), `${HEADER}p-9,Shirt,S-9,"${price}"\n`);
    expect((await runCli(["catalog", "import", "read.csv", "-q"], { cwd: stores.dir })).exitCode).toBe(0);
    const out = await runCli(["catalog", "export", "-o", "-", "-q"], { cwd: stores.dir });
    expect(out.stdout).toMatch(new RegExp(`p-9,Shirt,.*,S-9,${stored.replace(".", "\\.")},`));
  });
});

describe("structure", () => {
  it("a header repeated mid-file (two exports joined) is named as such, not 'price \"price\" is not an amount'", async () => {
    const r = await importJson("joined.csv", `${HEADER}p-1,Shirt,S-1,10\n${HEADER}p-2,Shirt 2,S-2,11\n`);
    expect(r.exitCode).toBe(3);
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: "error", row: 3, message: expect.stringMatching(/repeats the header row/) }),
    ]);
  });

  it("an xlsx with the header typed twice right under itself: the second row skipped with a warning naming it (a bilingual header)", async () => {
    const xml = `<row r="1">${["Handle", "Title", "SKU", "Price"].map((t, i) => inlineCell(`${"ABCD"[i]}1`, t)).join("")}</row>${catalogRowXml([inlineCell("A2", "handle"), inlineCell("B2", "title"), inlineCell("C2", "sku"), inlineCell("D2", "price")]).replace(/<row r="1">.*?<\/row>/, "")}`;
    const r = await importJson("two-headers.xlsx", workbookOf([{ name: "Sheet1", xml }]));
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: "warning", row: 2, message: expect.stringMatching(/second header row .*skipped/) }),
    ]);
  });

  it("an export pasted twice: each repeated row named with the row it repeats", async () => {
    const rows = "p-1,Shirt,S-1,10\np-2,Shirt 2,S-2,11\n";
    const r = await importJson("twice.csv", `${HEADER}${rows}${rows}`);
    expect(r.exitCode).toBe(3);
    expect(r.issues.filter((i) => i.column === "sku").map((i) => [i.row, i.message])).toEqual([
      [4, 'SKU "S-1" is also used at row 2'],
      [5, 'SKU "S-2" is also used at row 3'],
    ]);
  });

  it.each([
    ["more cells than the header", `${HEADER}p-1,Shirt,S-1,10,extra\n`, /row 2: 5 cells but the header has 4 columns/],
    [
      "two columns named alike",
      "handle,title,sku,price,price\np-1,Shirt,S-1,10,12\n",
      /columns "price" \(column 4\) and "price" \(column 5\) both give price/,
    ],
  ])("%s: exit 3 naming the row or the columns", async (_, text, expected) => {
    writeFileSync(join(stores.dir, "ragged.csv"), text);
    const r = await runCli(["catalog", "import", "ragged.csv", "--dry-run"], { cwd: stores.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(expected);
  });
});
