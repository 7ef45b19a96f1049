/**
 * Hostile input, round 2: a workbook of thousands of sheets (over limits.xlsxSheets only the wanted
 * sheet is read, instead of 23-46 s of spooling them all), and the classes tried and found handled,
 * kept here so they stay so.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { openTable, type ReadOptions } from "../../src/io/read-table.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { catalogRowXml, inlineCell, workbookParts, xlsxManySheets } from "./generators.js";

const t = tempDir("merchops-hostile-r2-");
afterAll(() => t.cleanup());

async function firstRows(path: string, opts: ReadOptions = {}): Promise<unknown[][]> {
  const table = await openTable(path, opts);
  const rows: unknown[][] = [];
  try {
    for await (const batch of table.batches()) for (const r of batch) rows.push(r.cells);
  } finally {
    await table.close();
  }
  return rows;
}

describe("a workbook of many sheets", () => {
  it("3,000 sheets: only the wanted sheet is read, found from the workbook's parts; the others are skipped unread (CLI exit 0)", async () => {
    const path = join(t.dir, "many.xlsx");
    writeFileSync(path, xlsxManySheets(3000));
    expect(await firstRows(path)).toEqual([["p-1", "Shirt", "SKU-1", "12.50"]]);
    const last = join(t.dir, "many-last.xlsx");
    writeFileSync(last, xlsxManySheets(3000, 2999));
    expect(await firstRows(last, { sheet: "catalog" })).toEqual([["p-1", "Shirt", "SKU-1", "12.50"]]);
    // The first visible sheet by default, as with fewer sheets: here a note sheet, not the catalog.
    expect(await firstRows(last)).toEqual([]);
    const r = await runCli(["catalog", "import", path, "--dry-run", "--store", "demo", "--json"], { cwd: t.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).products.create).toBe(1);
  });

  it("under the limit, the wanted sheet is read wherever it is stored; the limit can be raised", async () => {
    const path = join(t.dir, "some.xlsx");
    writeFileSync(path, xlsxManySheets(40, 39));
    expect(await firstRows(path, { sheet: "Catalog" })).toEqual([["p-1", "Shirt", "SKU-1", "12.50"]]);
    expect(await firstRows(path, { sheet: "Catalog", limits: { xlsxSheets: 40 } })).toHaveLength(1);
    // Over a lowered limit, the same sheet is still found and read alone.
    expect(await firstRows(path, { sheet: "Catalog", limits: { xlsxSheets: 39 } })).toHaveLength(1);
  });
});

describe("shared strings referenced out of range", () => {
  const cases: [string, string][] = [
    ["99999", "#99999"],
    ["-1", "#-1"],
    ["__proto__", "#NaN"],
  ];
  it.each(cases)("index %s is refused naming the cell, never read as an empty cell", async (index, shown) => {
    const path = join(t.dir, `sst-${index}.xlsx`);
    const sheetXml = catalogRowXml([
      inlineCell("A2", "p-1"),
      `<c r="B2" t="s"><v>${index}</v></c>`,
      inlineCell("C2", "S-1"),
      inlineCell("D2", "1.00"),
    ]);
    writeFileSync(path, workbookParts({ sst: ["a", "b"], sheetXml }));
    const err = await firstRows(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).location).toMatchObject({ row: 2, column: "title" });
    expect((err as InputError).message).toContain(`shared string ${shown}, but the workbook's table has 2`);
  });

  it("indexes inside the table still read (first, last)", async () => {
    const path = join(t.dir, "sst-ok.xlsx");
    const sheetXml = catalogRowXml([
      inlineCell("A2", "p-1"),
      `<c r="B2" t="s"><v>0</v></c>`,
      `<c r="C2" t="s"><v>1</v></c>`,
      inlineCell("D2", "1.00"),
    ]);
    writeFileSync(path, workbookParts({ sst: ["Shirt", "S-1"], sheetXml }));
    expect(await firstRows(path)).toEqual([["p-1", "Shirt", "S-1", "1.00"]]);
  });
});

describe("YAML merge keys in the config", () => {
  const configDir = (name: string, yaml: string) => {
    const dir = join(t.dir, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "merchops.config.yaml"), yaml);
    return dir;
  };

  it("<<: *base merges a store's settings (yaml's merge option on)", async () => {
    const dir = configDir(
      "merge",
      "stores:\n  shop: &base { platform: local, currency: CNY }\n  shop2:\n    <<: *base\n    currency: USD\ndefaultStore: shop2\n",
    );
    const r = await runCli(["adapters", "list", "--json"], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/shop2/);
  });

  it.each([
    ["through an alias", "stores:\n  shop: &evil { platform: local, __proto__: { platform: shopify } }\n  shop2:\n    <<: *evil\n"],
    ["inline", "stores:\n  shop2:\n    <<: { __proto__: { platform: shopify } }\n"],
    ["in a list", "stores:\n  shop2:\n    <<: [ { __proto__: { polluted: true } }, { platform: local } ]\n"],
  ])("a __proto__ key merged %s is refused (exit 2), the prototype untouched", async (name, yaml) => {
    const dir = configDir(`proto-${name.replace(/\W/g, "")}`, yaml);
    const r = await runCli(["adapters", "list"], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/"__proto__" is not an allowed key/);
  });

  it("a merge-key bomb (each level merging the one below nine times) is refused quickly (exit 2)", async () => {
    const levels = ["a0: &a0 { k: v }"];
    for (let i = 1; i < 25; i++)
      levels.push(
        `a${i}: &a${i}\n  <<: [${Array(9)
          .fill(`*a${i - 1}`)
          .join(", ")}]\n  x${i}: 1`,
      );
    const dir = configDir("merge-bomb", `${levels.join("\n")}\nstores:\n  shop: { platform: local }\n`);
    const r = await runCli(["adapters", "list"], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/alias/i);
  });
});

describe("a huge value quoted in the import's table", () => {
  it("a 50,000-digit price: exit 3 naming row and column; the table cell is cut to a few lines (it used to never end)", async () => {
    const dir = join(t.dir, "huge-price");
    mkdirSync(dir);
    writeFileSync(join(dir, "merchops.config.yaml"), "stores:\n  shop: { platform: local }\ndefaultStore: shop\n");
    writeFileSync(join(dir, "p.csv"), `handle,title,sku,price\nh1,T1,S1,${"9".repeat(50_000)}\n`);
    const r = await runCli(["catalog", "import", "p.csv", "--dry-run"], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/p\.csv, row 2, column "price": price "9{20,}… \(50,002 characters\)/);
    expect(r.stdout.length).toBeLessThan(20_000);
    expect(r.stdout).toContain("…");
  }, 60_000);
});
