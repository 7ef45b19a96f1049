/**
 * exceljs' streaming reader split UTF-8 characters that straddle two compressed chunks into
 * "��" (its issues #2063/#2084). src/io/exceljs.ts replaces the decoder; this holds it to that.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { openTable } from "../../../src/io/read-table.js";
import { tempDir } from "../../helpers/cli.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe("xlsx streaming reader and multi-byte text", () => {
  it("reads 20,000 rows of Chinese text without a replacement character", async () => {
    const path = join(tmp.dir, "zh.xlsx");
    const colours = ["白色", "酒红色", "藏青", "卡其色", "浅灰色", "米白"];
    const sizes = ["加大码", "均码", "小码", "中码"];
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = wb.addWorksheet("商品");
    ws.addRow(["商品名称", "颜色", "尺码"]).commit();
    const expected: string[][] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [`夏季纯棉连衣裙第${i}号`, colours[i % colours.length] as string, sizes[i % sizes.length] as string];
      expected.push(row);
      ws.addRow(row).commit();
    }
    ws.commit();
    await wb.commit();

    const table = await openTable(path);
    const seen: string[][] = [];
    for await (const batch of table.batches()) for (const r of batch) seen.push(r.cells.map((c) => String(c)));
    expect(seen.length).toBe(expected.length);
    const broken = seen.filter((r) => r.some((c) => c.includes("\uFFFD")));
    expect(broken).toEqual([]);
    expect(seen).toEqual(expected);
  });
});
