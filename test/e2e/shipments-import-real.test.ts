/**
 * `shipments import` on a real template's layout, end to end on the demo store: the template's
 * title and instruction rows above the header, order numbers written with Shopify's "#", a 合计
 * row, and a courier written as a service name: all read, the totals row listed as skipped.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { freshDir, type ImportJson, loadExpected, type ShipmentsJson } from "../helpers/shipments.js";

const expected = loadExpected();
const AS_OF = ["--now", expected.asOf];
const tmp = tempDir("merchops-shipments-real-");
afterAll(() => tmp.cleanup());

const run = (cwd: string, args: string[]) => runCli([...args, ...AS_OF], { cwd });

// Parcels of the generated demo sheet (fixtures/shipments/warehouse-zh.csv rows 2, 5 and 9), in a 抖店-style template.
const SHEET = [
  "批量发货模板,,,",
  "填写说明：订单编号必填；一个订单多个包裹请分行填写,,,",
  "订单编号,物流公司,物流单号,商家编码",
  "#O113833,中通快递,75310551757565,TS001-BLK-XXL",
  "O113835,顺丰标快,SF1957532017809,HK001-GRY-42",
  "#O113839,韵达,463917634748757,LF001-BRN-45",
  "合计,,,3",
].join("\n");

describe("shipments import: a real template's layout", () => {
  const cwd = freshDir(tmp.dir, "real");
  const file = join(cwd, "发货单.csv");

  beforeAll(async () => {
    writeFileSync(file, `${SHEET}\n`);
    // Seeds the demo store.
    const r = await run(cwd, ["shipments", "status", "--json"]);
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as ShipmentsJson).total).toBe(expected.shipments);
  });

  it("reads past the title rows, finds #-written orders, skips the 合计 row and warns about the service name", async () => {
    const results = join(cwd, "dry.csv");
    const r = await run(cwd, ["shipments", "import", file, "--dry-run", "--json", "--results", results]);
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout) as ImportJson;
    expect(json).toMatchObject({ rows: 3, shipments: 3, created: 3, error_count: 0, warning_count: 1 });
    const rows = parse(readFileSync(results), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.row, x.order, x.courier, x.status])).toEqual([
      ["4", "#O113833", "zto", "would create"],
      ["5", "O113835", "sf", "would create"],
      ["6", "#O113839", "yunda", "would create"],
      ["7", "", "", "skipped"],
    ]);
  });
});
