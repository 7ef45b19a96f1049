/**
 * What a files store refuses, and how: every problem of a file in one run, grouped by kind with
 * the config line that fixes it (exit 3); an order id on non-adjacent rows or with conflicting
 * order columns named with both rows; negative lines and ambiguous day/month dates refused until
 * the config says how to read them; "NA" is no customer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let n = 0;
/** A store folder with one orders.csv and a config; returns the store's folder name. */
function store(csv: string, mapping = ""): string {
  const name = `s${++n}`;
  mkdirSync(join(tmp.dir, name));
  writeFileSync(join(tmp.dir, name, "orders.csv"), csv);
  writeFileSync(
    join(tmp.dir, `${name}.yaml`),
    ["timezone: UTC", "currency: USD", "stores:", `  ${name}:`, "    platform: files", `    dir: ./${name}`, mapping, ""].join("\n"),
  );
  return name;
}
const kpi = (name: string) =>
  runCli(
    ["kpi", "report", "--config", `${name}.yaml`, "--store", name, "--period", "2024-03-01..2024-03-31", "--compare", "none", "--json"],
    {
      cwd: tmp.dir,
    },
  );

describe("files store input problems", () => {
  it("reports every bad row at once, grouped by kind, with the config line that fixes each, then exits 3", async () => {
    const rows = ["order_id,placed_at,status,total"];
    for (let i = 1; i <= 41; i++) rows.push(`A${i},2024-03-0${(i % 9) + 1} 10:00:00,${i % 2 ? "invoiced" : "paid"},10.00`);
    rows.push("B1,2024-03-02 10:00:00,on the moon,10.00");
    rows.push("B2,yesterday,paid,10.00");
    const r = await kpi(store(`${rows.join("\n")}\n`));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('"invoiced" is not a known status: rows 2, 4 and 19 more');
    expect(r.stderr).toContain('mapping.orders.statuses: { "invoiced": paid }');
    expect(r.stderr).toContain('"on the moon" is not a known status: row 43');
    expect(r.stderr).toMatch(/"yesterday" is not a date-time.*row 44/);
    expect(r.stderr).toContain("23 problems of 3 kinds");
  });

  it("the status mapping in config fixes them", async () => {
    const r = await kpi(
      store(
        "order_id,placed_at,status,total\nA1,2024-03-01 10:00:00,invoiced,10.00\nA2,2024-03-02 10:00:00,unavailable,99.00\n",
        "    mapping:\n      orders:\n        statuses: { invoiced: paid, unavailable: cancelled }",
      ),
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { id: string; value: number }[] }).rows;
    expect(rows.find((x) => x.id === "gmv")?.value).toBe(1000);
    expect(rows.find((x) => x.id === "orders")?.value).toBe(1);
  });

  it("an order id on non-adjacent rows is an error naming both rows, never two orders", async () => {
    const csv =
      "order_id,placed_at,sku,quantity,unit_price\nA1,2024-03-01 10:00:00,X,1,5.00\nA2,2024-03-01 11:00:00,X,1,5.00\nA1,2024-03-01 10:00:00,Y,1,5.00\n";
    const r = await kpi(store(csv));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('row 4, column "order_id": order A1 appears again: its rows are not together (first seen on row 2)');
  });

  it("an order id with conflicting order columns is an error naming both rows", async () => {
    const csv =
      "order_id,placed_at,total,sku,quantity,unit_price\nA1,2024-03-01 10:00:00,10.00,X,1,5.00\nA1,2024-03-01 10:00:00,12.00,Y,1,5.00\n";
    const r = await kpi(store(csv));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('order A1 has "10.00" here on row 2 and "12.00" on row 3');
  });

  it("a 2-line order is one order: GMV counts its total once", async () => {
    const csv = "order_id,placed_at,total,sku,quantity,unit_price\nA1,2024-03-01 10:00:00,10.00,X,1,5.00\nA1,,,Y,1,5.00\n";
    const r = await kpi(store(csv));
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { id: string; value: number }[] }).rows;
    expect(rows.find((x) => x.id === "orders")?.value).toBe(1);
    expect(rows.find((x) => x.id === "gmv")?.value).toBe(1000);
  });

  it("negative quantities are refused until negativeLines says what they are", async () => {
    const csv =
      "order_id,placed_at,sku,quantity,unit_price,customer_id\nA1,2024-03-01 10:00:00,X,3,5.00,c1\nC1,2024-03-02 10:00:00,X,-1,5.00,c1\n";
    const refused = await kpi(store(csv));
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain("mapping.orders.negativeLines: returns");
    const read = await kpi(store(csv, "    mapping:\n      orders:\n        negativeLines: adjustments"));
    expect(read.exitCode, read.stderr).toBe(0);
    const rows = (JSON.parse(read.stdout) as { rows: { id: string; value: number }[] }).rows;
    expect(rows.find((x) => x.id === "orders")?.value).toBe(1);
    expect(rows.find((x) => x.id === "gmv")?.value).toBe(1500);
  });

  it("day/month dates: read when the column tells, refused when it cannot, read with dateOrder", async () => {
    const ambiguous = "order_id,placed_at,total\nA1,03/04/2024 10:00,10.00\nA2,05/03/2024 10:00,10.00\n";
    const r = await kpi(store(ambiguous));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain("dateOrder: DMY or MDY");
    const dmy = await kpi(store(ambiguous, "    mapping:\n      orders:\n        dateOrder: DMY"));
    expect(dmy.exitCode, dmy.stderr).toBe(0);
    // 05/03 day-first is 5 March: one order in March.
    const rows = (JSON.parse(dmy.stdout) as { rows: { id: string; value: number }[] }).rows;
    expect(rows.find((x) => x.id === "orders")?.value).toBe(1);
    const told = await kpi(store("order_id,placed_at,total\nA1,31/03/2024 22:36,10.00\nA2,05/03/2024 10:00,10.00\n"));
    expect(told.exitCode, told.stderr).toBe(0);
    expect((JSON.parse(told.stdout) as { rows: { id: string; value: number }[] }).rows.find((x) => x.id === "orders")?.value).toBe(2);
  });

  it('"NA" and other missing markers are no customer', async () => {
    const csv =
      "order_id,placed_at,total,customer_id\nA1,2024-03-01 10:00:00,10.00,NA\nA2,2024-03-02 10:00:00,10.00,NA\nA3,2024-03-03 10:00:00,10.00,-\n";
    const r = await kpi(store(csv, "    mapping:\n      orders:\n        missing: ['-']"));
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { id: string; value: number }[] }).rows;
    // Each order without a customer counts as its own payer: 3, not 1 customer "NA" plus 1 "-".
    expect(rows.find((x) => x.id === "paying_customers")?.value).toBe(3);
  });
});
