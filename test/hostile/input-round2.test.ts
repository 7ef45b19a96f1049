/**
 * Hostile input, round 2: a workbook of thousands of sheets (bounded by limits.xlsxSheets instead
 * of 23-46 s of spooling), and the classes tried and found handled, kept here so they stay so.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { openTable, type ReadOptions } from "../../src/io/read-table.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { xlsxManySheets } from "./generators.js";

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
  it("3,000 sheets are refused before anything is decompressed, naming the limit and its key (CLI exit 3)", async () => {
    const path = join(t.dir, "many.xlsx");
    writeFileSync(path, xlsxManySheets(3000));
    const err = await firstRows(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/the workbook has 3,000 sheets, over the limit of 500 .*\(limits\.xlsxSheets\)/);
    expect((err as InputError).hint).toMatch(/raise limits\.xlsxSheets \(now 500\)/);
    const r = await runCli(["catalog", "import", path, "--dry-run", "--store", "demo"], { cwd: t.dir });
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/limits\.xlsxSheets/);
  });

  it("under the limit, the wanted sheet is read wherever it is stored; the limit can be raised", async () => {
    const path = join(t.dir, "some.xlsx");
    writeFileSync(path, xlsxManySheets(40, 39));
    expect(await firstRows(path, { sheet: "Catalog" })).toEqual([["p-1", "Shirt", "SKU-1", "12.50"]]);
    expect(await firstRows(path, { sheet: "Catalog", limits: { xlsxSheets: 40 } })).toHaveLength(1);
    await expect(firstRows(path, { limits: { xlsxSheets: 39 } })).rejects.toThrow(/40 sheets/);
  });
});
