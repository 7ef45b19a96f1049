/**
 * Hostile class, round 3 (helper H): workbooks that real tools write and files that are not what
 * their names say. Excel's "Strict Open XML", the Open XML SDK's prefixed elements, phonetic guides
 * (Excel adds them to Japanese IME input), inline rich-text runs (LibreOffice, openpyxl), a chart
 * sheet or a hidden sheet first, a password-protected workbook (an OLE container, not a zip), a
 * legacy .xls named .xlsx, and .ods/.xlsb/.numbers/.zip/.gz given as inputs: each read as Excel
 * shows it, or refused (exit 3) naming what the file is and what to do.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { openTable } from "../../src/io/read-table.js";
import { MainPrefix, StringItems, type TextTransform } from "../../src/io/xlsx-strings.js";
import { localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { catalogSheet, cfbWithStreams, inlineCell, STRICT, TRANSITIONAL, workbookOf, zipOf } from "./generators.js";

const stores = localStores(["shop"]);
afterAll(() => stores.cleanup());

function write(name: string, bytes: Buffer | string): string {
  const p = join(stores.dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function readAll(path: string): Promise<unknown[][]> {
  const table = await openTable(path);
  const rows: unknown[][] = [table.header];
  for await (const batch of table.batches()) for (const r of batch) rows.push(r.cells);
  return rows;
}

async function refusal(path: string): Promise<string> {
  const err = await readAll(path).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  const e = err as InputError;
  return `${e.message} → ${e.hint ?? ""}`;
}

const HEADER = ["handle", "title", "sku", "price"];
const plainRow = catalogSheet([inlineCell("A2", "p-1"), inlineCell("B2", "Shirt"), inlineCell("C2", "S-1"), `<c r="D2"><v>12.5</v></c>`]);

describe("string items as Excel shows them", () => {
  it("a phonetic guide is no part of the value (shared and inline strings)", async () => {
    // Excel's own layout for 漢字 typed through a Japanese IME, and a run-split string with a guide.
    const sst = [
      `<t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/>`,
      `<r><t>東京</t></r><r><rPr><b/></rPr><t>都</t></r><rPh sb="0" eb="3"><t>トウキョウト</t></rPh>`,
    ];
    const sheet = catalogSheet([
      `<c r="A2" t="s"><v>1</v></c>`,
      `<c r="B2" t="inlineStr"><is><t>大阪</t><rPh sb="0" eb="2"><t>オオサカ</t></rPh></is></c>`,
      `<c r="C2" t="s"><v>0</v></c>`,
      `<c r="D2"><v>12.5</v></c>`,
    ]);
    const rows = await readAll(write("phonetic.xlsx", workbookOf([{ name: "Sheet1", xml: sheet }], { sst })));
    expect(rows).toEqual([HEADER, ["東京都", "大阪", "漢字", 12.5]]);
  });

  it("an inline string of several rich-text runs reads whole (was its last run)", async () => {
    const sheet = catalogSheet([
      inlineCell("A2", "p-1"),
      `<c r="B2" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>Sh</t></r><r><t xml:space="preserve">irt &amp; co</t></r></is></c>`,
      `<c r="C2" t="inlineStr"><is><r><t>S-</t></r><r><t>1</t></r></is></c>`,
      `<c r="D2"><v>12.5</v></c>`,
    ]);
    const rows = await readAll(write("runs.xlsx", workbookOf([{ name: "Sheet1", xml: sheet }])));
    expect(rows).toEqual([HEADER, ["p-1", "Shirt & co", "S-1", 12.5]]);
  });

  it.each([
    [
      "shared strings",
      () => new StringItems("si"),
      `<sst><si><t>a</t></si><si><r><t>Sh</t></r><r><t>irt</t></r></si><si><t>漢字</t><rPh><t>カンジ</t></rPh></si><si/></sst>`,
    ],
    [
      "inline strings",
      () => new StringItems("is"),
      `<row><c t="inlineStr"><is><r><t>Sh</t></r><r><t>irt</t></r></is></c><c><v>1</v></c></row>`,
    ],
    [
      "prefixed elements",
      () => new MainPrefix(),
      `<x:worksheet xmlns:x="${TRANSITIONAL.main}"><x:sheetData><x:row r="1"></x:row></x:sheetData></x:worksheet>`,
    ],
  ])("%s: the same text whatever the chunk boundaries", (_, make: () => TextTransform, xml) => {
    const whole = rewrite(make(), [xml]);
    for (let cut = 1; cut < xml.length; cut++) {
      expect(rewrite(make(), [xml.slice(0, cut), xml.slice(cut)])).toBe(whole);
    }
    expect(whole).not.toMatch(/カンジ|x:row/);
  });
});

function rewrite(t: TextTransform, chunks: string[]): string {
  let out = "";
  for (const c of chunks) out += t.push(c);
  return out + t.end();
}

describe("workbooks other tools write", () => {
  it("Strict Open XML (Excel's 'Save as Strict') reads like a transitional workbook", async () => {
    const sheet = catalogSheet([
      `<c r="A2" t="s"><v>0</v></c>`,
      inlineCell("B2", "Shirt"),
      inlineCell("C2", "S-1"),
      `<c r="D2"><v>12.5</v></c>`,
    ]);
    const rows = await readAll(write("strict.xlsx", workbookOf([{ name: "Sheet1", xml: sheet }], { ns: STRICT, sst: ["<t>p-1</t>"] })));
    expect(rows).toEqual([HEADER, ["p-1", "Shirt", "S-1", 12.5]]);
  });

  it("elements with a namespace prefix (the Open XML SDK's x:row, x:c) are read, not an empty sheet", async () => {
    const c = (ref: string, t: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${t}</x:t></x:is></x:c>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet xmlns:x="${TRANSITIONAL.main}"><x:sheetData><x:row r="1">${c("A1", "handle")}${c("B1", "title")}${c("C1", "sku")}${c("D1", "price")}</x:row><x:row r="2">${c("A2", "p-1")}${c("B2", "Shirt")}${c("C2", "S-1")}<x:c r="D2"><x:v>12.5</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const rows = await readAll(write("prefixed.xlsx", workbookOf([{ name: "Sheet1", xml }])));
    expect(rows).toEqual([HEADER, ["p-1", "Shirt", "S-1", 12.5]]);
  });

  it('WPS-style t="str" cells keep their text (leading zeros too)', async () => {
    const sheet = catalogSheet([
      `<c r="A2" t="str"><v>p-1</v></c>`,
      `<c r="B2" t="str"><v>Shirt</v></c>`,
      `<c r="C2" t="str"><v>00123</v></c>`,
      `<c r="D2"><v>12.5</v></c>`,
    ]);
    const rows = await readAll(write("wps-str.xlsx", workbookOf([{ name: "Sheet1", xml: sheet }])));
    expect(rows[1]).toEqual(["p-1", "Shirt", "00123", 12.5]);
  });

  it("a chart sheet first: the first worksheet is read (was 'the workbook has no worksheets')", async () => {
    const book = workbookOf([
      { name: "Chart1", chart: true },
      { name: "Products", xml: plainRow },
    ]);
    const table = await openTable(write("chart-first.xlsx", book));
    await table.close();
    expect(table.sheet).toBe("Products");
  });

  it("a hidden first sheet is passed over for the first visible one", async () => {
    const book = workbookOf([
      { name: "Lookup", state: "hidden", xml: `<row r="1">${inlineCell("A1", "junk")}</row>` },
      { name: "Products", xml: plainRow },
    ]);
    const table = await openTable(write("hidden-first.xlsx", book));
    await table.close();
    expect(table.sheet).toBe("Products");
  });
});

describe("files that are not what their names say", () => {
  it("a password-protected workbook (an OLE container) is refused as password-protected, not 'not a zip'", async () => {
    const text = await refusal(write("locked.xlsx", cfbWithStreams(["EncryptionInfo", "EncryptedPackage"])));
    expect(text).toMatch(/locked\.xlsx: the workbook is password-protected .*→ open it in Excel or WPS, remove the password/);
  });

  it("a legacy .xls named .xlsx is read as what it is", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADER, ["p-1", "Shirt", "S-1", 12.5]]), "Sheet1");
    const bytes = XLSX.write(wb, { type: "buffer", bookType: "xls" }) as Buffer;
    const table = await openTable(write("legacy.xlsx", bytes));
    const rows: unknown[][] = [];
    for await (const batch of table.batches()) for (const r of batch) rows.push(r.cells);
    expect(table.format).toBe("xls");
    expect(rows).toEqual([["p-1", "Shirt", "S-1", 12.5]]);
  });

  it.each([
    [
      "an .ods renamed .xlsx",
      "renamed.xlsx",
      () => zipOf({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" }),
      /OpenDocument spreadsheet/,
    ],
    [
      "an .xlsb renamed .xlsx",
      "binary.xlsx",
      () => zipOf({ "xl/workbook.bin": "x", "[Content_Types].xml": "<x/>" }),
      /Excel binary workbook \(\.xlsb\)/,
    ],
    ["a Numbers document renamed .xlsx", "apple.xlsx", () => zipOf({ "Index/Document.iwa": "x" }), /Apple Numbers/],
    ["a zip of CSVs named .xlsx", "bundle.xlsx", () => zipOf({ "a.csv": "handle\n" }), /compressed archive/],
    ["a zip named .csv", "zipped.csv", () => zipOf({ "a.csv": "handle\n" }), /not a text file: it is a zip archive/],
    ["a gzip named .csv", "packed.csv", () => Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), /gzip-compressed/],
    ["an .xls named .csv", "old.csv", () => cfbWithStreams(["Workbook"]), /old Excel workbook \(\.xls\)/],
    ["a PDF named .csv", "scan.csv", () => Buffer.from("%PDF-1.7\n"), /a PDF document/],
  ])("%s: refused naming what it is (was an encoding or 'no worksheets' error)", async (_, name, make, expected) => {
    expect(await refusal(write(name, make()))).toMatch(expected);
  });

  it.each([
    ["catalog.ods", /OpenDocument spreadsheet .*save it as Excel \(\.xlsx\) or CSV/],
    ["catalog.numbers", /Apple Numbers .*Export To/],
    ["catalog.xlsb", /\.xlsb.*Excel Workbook \(\*\.xlsx\)/],
    ["catalog.et", /WPS spreadsheet \(\.et\)/],
    ["catalog.csv.gz", /compressed archive.*extract it first/],
    ["catalog.zip", /compressed archive.*extract it first/],
  ])("%s given as the input: exit 3 naming the kind and the next step", async (name, expected) => {
    write(name, "whatever");
    const r = await runCli(["catalog", "import", name, "--dry-run"], { cwd: stores.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr.replace(/\s+/g, " ")).toMatch(expected);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
