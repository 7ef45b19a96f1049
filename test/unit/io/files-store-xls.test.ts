/** The files store finds and reads legacy .xls exports (生意参谋 and other back offices still write them). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { afterAll, describe, expect, it } from "vitest";
import { findDatasetFile } from "../../../src/adapters/platforms/files/dataset.js";
import { openTable, type SourceRow } from "../../../src/io/read-table.js";

const dir = mkdtempSync(join(tmpdir(), "merchops-files-xls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("files store and .xls", () => {
  it("finds ExportOrderList*.xls and reads it through the shared reader", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ["订单编号", "买家应付货款", "订单状态"],
        ["1234567890123", "129.90", "交易成功"],
      ]),
      "Sheet1",
    );
    writeFileSync(join(dir, "ExportOrderList202409011200.xls"), XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer);
    const file = findDatasetFile(dir, "orders");
    expect(file).toBe(join(dir, "ExportOrderList202409011200.xls"));
    const table = await openTable(file as string);
    const rows: SourceRow[] = [];
    for await (const b of table.batches()) rows.push(...b);
    expect(table.format).toBe("xls");
    expect(table.header).toEqual(["订单编号", "买家应付货款", "订单状态"]);
    expect(rows).toEqual([{ row: 2, cells: ["1234567890123", "129.90", "交易成功"] }]);
  });
});
