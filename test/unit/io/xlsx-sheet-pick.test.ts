/**
 * Over limits.xlsxSheets the xlsx reader reads only the wanted sheet, found from xl/workbook.xml and
 * its rels (pickSheetPart); those two parts are read bounded, so a forged one is refused.
 */
import { writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pickSheetPart } from "../../../src/io/xlsx-sheet-pick.js";
import { readZipDirectory } from "../../../src/io/zip-scan.js";
import { tempDir } from "../../helpers/cli.js";
import { buildZip, type ZipPart } from "../../hostile/generators.js";

const t = tempDir("merchops-sheet-pick-");
afterAll(() => t.cleanup());

const workbook = (sheets: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`;
const rels = (targets: [string, string][]) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${targets.map(([id, target]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target}"/>`).join("")}</Relationships>`;

async function pick(parts: ZipPart[], wanted?: string): Promise<string | undefined> {
  const path = join(t.dir, `wb-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, buildZip(parts));
  const fh = await open(path, "r");
  try {
    return await pickSheetPart(fh, await readZipDirectory(fh, (await fh.stat()).size), wanted);
  } finally {
    await fh.close();
  }
}

const SHEETS =
  '<sheet name="Notes" sheetId="1" state="hidden" r:id="rId1"/><sheet name="Katalog &amp; Preise" sheetId="2" r:id="rId2"/><sheet name="Archiv" sheetId="3" r:id="rId3"/>';
const RELS = rels([
  ["rId1", "worksheets/sheet1.xml"],
  ["rId2", "worksheets/sheet7.xml"],
  ["rId3", "/xl/worksheets/sheet3.xml"],
]);
const parts = (workbookXml = workbook(SHEETS), extra: Partial<ZipPart> = {}): ZipPart[] => [
  { name: "xl/workbook.xml", data: workbookXml, ...extra },
  { name: "xl/_rels/workbook.xml.rels", data: RELS },
  ...["sheet1", "sheet7", "sheet3"].map((s) => ({ name: `xl/worksheets/${s}.xml`, data: "<worksheet/>" })),
];

describe("pickSheetPart", () => {
  it("the first visible sheet by default, through its relationship (not its position)", async () => {
    expect(await pick(parts())).toBe("xl/worksheets/sheet7.xml");
  });

  it("a sheet by name: exact, else case-insensitive; an absolute target; a name the workbook lacks", async () => {
    expect(await pick(parts(), "Katalog & Preise")).toBe("xl/worksheets/sheet7.xml");
    expect(await pick(parts(), "archiv")).toBe("xl/worksheets/sheet3.xml");
    expect(await pick(parts(), "Notes")).toBe("xl/worksheets/sheet1.xml");
    expect(await pick(parts(), "Lager")).toBeUndefined();
  });

  it("a workbook.xml that expands past what its directory claims is refused as forged", async () => {
    await expect(pick(parts(undefined, { claimUncompressed: 40 }))).rejects.toThrow(/forged/);
  });
});
