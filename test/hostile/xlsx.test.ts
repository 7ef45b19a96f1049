/**
 * Hostile class: zip-bomb and oversize XLSX (issue 13 item 3). The central directory is checked
 * before anything is decompressed; cells and rows are capped while streaming; a forged directory
 * is caught by counting; cells without r= are read. Each refusal names the limit and its config key.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { openTable, type ReadOptions } from "../../src/io/read-table.js";
import { importCatalog, localStores, storedVariants } from "../helpers/catalog.js";
import { tempDir } from "../helpers/cli.js";
import { xlsxBomb, xlsxHugeCell, xlsxLongCell, xlsxLyingSizes, xlsxWithoutRefs } from "./generators.js";

const t = tempDir("merchops-hostile-xlsx-");
afterAll(() => t.cleanup());

function write(name: string, bytes: Buffer): string {
  const p = join(t.dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function readAll(path: string, opts: ReadOptions = {}): Promise<unknown[][]> {
  const table = await openTable(path, opts);
  const rows: unknown[][] = [table.header];
  for await (const batch of table.batches()) for (const r of batch) rows.push(r.cells);
  return rows;
}

async function refusal(path: string, opts: ReadOptions = {}): Promise<InputError> {
  try {
    await readAll(path, opts);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("hostile XLSX", () => {
  it("a zip bomb is refused from its central directory, naming the ratio limit and its key", async () => {
    const p = write("bomb.xlsx", xlsxBomb(200));
    const err = await refusal(p);
    expect(err.message).toMatch(
      /zip bomb: part "xl\/worksheets\/sheet1.xml" expands [\d,]+ times .* over the limit of 200 times \(limits\.xlsxRatio\)/,
    );
    expect(err.hint).toMatch(/limits\.xlsxRatio \(now 200\)/);
  });

  it("the total expanded size has its own limit", async () => {
    const p = write("big.xlsx", xlsxBomb(60));
    const err = await refusal(p, { limits: { xlsxRatio: 1e9, xlsxExpandedMB: 50 } });
    expect(err.message).toMatch(/expands to [\d.]+ MB, over the limit of 50 MB \(limits\.xlsxExpandedMB\)/);
  });

  it("one huge cell: refused by the ratio, and by the streaming cell cap when the ratio is raised (no 'Invalid string length')", async () => {
    const p = write("huge-cell.xlsx", xlsxHugeCell(64));
    expect((await refusal(p)).message).toMatch(/limits\.xlsxRatio/);
    const err = await refusal(p, { limits: { xlsxRatio: 1e9 } });
    expect(err.message).toMatch(/a cell of "xl\/worksheets\/sheet1.xml" is longer than 1,000,000 characters .*\(limits\.cellChars\)/);
  });

  it("a long cell that compresses poorly is stopped by the streaming cap", async () => {
    const p = write("long-cell.xlsx", xlsxLongCell(1_200_000));
    const err = await refusal(p);
    expect(err.message).toMatch(/limits\.cellChars/);
    expect(err.hint).toMatch(/limits\.cellChars \(now 1000000\)/);
    expect(await readAll(p, { limits: { cellChars: 2_000_000 } })).toHaveLength(2);
  });

  it("a row longer than limits.rowMB is refused while streaming", async () => {
    const p = write("long-row.xlsx", xlsxLongCell(1_500_000));
    const err = await refusal(p, { limits: { rowMB: 1, cellChars: 5_000_000 } });
    expect(err.message).toMatch(/a row of .* is longer than 1 MB \(limits\.rowMB\)/);
  });

  it("a forged directory (claims 10 kB, expands to 20 MB) is stopped by counting the real bytes", async () => {
    const p = write("forged.xlsx", xlsxLyingSizes(20));
    const err = await refusal(p);
    expect(err.message).toMatch(/expands beyond the 10.0 kB|expands beyond the 10 kB/);
    expect(err.message).toMatch(/forged/);
  });

  it("a truncated workbook (no central directory) is refused as damaged", async () => {
    const whole = xlsxWithoutRefs([["sku"], ["A1"]]);
    const p = write("cut.xlsx", whole.subarray(0, whole.length - 30));
    expect((await refusal(p)).message).toMatch(/no central directory|damaged/);
  });

  it("reads cells and rows without r= attributes, keeping empty cells in place", async () => {
    const p = write(
      "no-refs.xlsx",
      xlsxWithoutRefs([
        ["handle", "title", "sku"],
        ["p-1", "", "SKU-1"],
        ["p-2", "Hat", "SKU-2"],
      ]),
    );
    expect(await readAll(p)).toEqual([
      ["handle", "title", "sku"],
      ["p-1", null, "SKU-1"],
      ["p-2", "Hat", "SKU-2"],
    ]);
  });
});

describe("hostile XLSX through the CLI", () => {
  const stores = localStores(["shop"]);
  afterAll(() => stores.cleanup());

  it("a bomb is refused with exit 3 before anything is stored; a config override reaches the reader", async () => {
    writeFileSync(join(stores.dir, "bomb.xlsx"), xlsxHugeCell(64));
    const { r } = await importCatalog(stores.dir, ["bomb.xlsx", "--store", "shop"]);
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/zip bomb: .*\(limits\.xlsxRatio\)/);
    expect(r.stderr).toMatch(/raise limits\.xlsxRatio \(now 200\) in merchops\.config\.yaml/);
    expect(storedVariants(stores.dir, "shop").size).toBe(0);

    const config = join(stores.dir, "merchops.config.yaml");
    writeFileSync(config, `${readFileSync(config, "utf8")}limits:\n  xlsxRatio: 100000000\n`);
    const again = await importCatalog(stores.dir, ["bomb.xlsx", "--store", "shop"]);
    expect(again.r.exitCode, again.r.stderr).toBe(3);
    expect(again.r.stderr).toMatch(/limits\.cellChars/);
  });
});
