/**
 * Chinese sellers' sheets of the fifth round end to end (fixtures/catalog/cn/README.md, files 37-47):
 * a GBK 报价单 and a 1688 尺码 matrix import with warnings only, in English and in Chinese runs;
 * 面议 and a two-row header are refused naming the cell (exit 3, nothing written).
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, importCatalog, importOk, localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";

const t = localStores(["shop"]);
const cwd = t.dir;
afterAll(() => t.cleanup());

const cn = (name: string) => fixture(join("cn", name));

describe("sellers' sheets as they are", () => {
  it("a GBK 报价单 and a 1688 尺码 matrix dry-run with no error", async () => {
    const quote = await importOk(cwd, [cn("supplier-quote-gbk.csv"), "--dry-run"]);
    expect([quote.error_count, quote.products.create, quote.variants.create]).toEqual([0, 2, 4]);
    const matrix = await importOk(cwd, [cn("supplier-1688-size-matrix.xlsx"), "--dry-run"]);
    expect([matrix.error_count, matrix.products.create, matrix.variants.create]).toEqual([0, 2, 8]);
  });

  it("says what it skipped and why in a zh run", async () => {
    const r = await runCli(["catalog", "import", cn("supplier-1688-size-matrix.xlsx"), "--dry-run", "--lang", "zh"], {
      cwd,
      env: { COLUMNS: "1000" },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain("尺码横排（S, M, L, XL, 2XL）");
    expect(r.stdout).toContain("合计行（货号 列为“合计”），不是商品：已跳过");
  });

  it("面议 and a two-row header are refused naming the cell, nothing written", async () => {
    const unpriced = await importCatalog(cwd, [cn("supplier-quote-unpriced.csv")]);
    expect(unpriced.r.exitCode).toBe(3);
    expect(unpriced.json?.issues.find((i) => i.severity === "error")).toMatchObject({ row: 2, column: "零售价" });
    const twoRows = await importCatalog(cwd, [cn("supplier-quote-two-row-header.xlsx")]);
    expect(twoRows.r.exitCode).toBe(3);
    expect(twoRows.json?.issues.find((i) => i.severity === "error")).toMatchObject({ row: 3, column: "价格" });
    const after = await importOk(cwd, [cn("supplier-quote-gbk.csv"), "--dry-run"]);
    expect(after.products.create).toBe(2);
  });
});
