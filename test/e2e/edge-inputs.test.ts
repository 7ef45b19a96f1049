/**
 * Inputs found in review: exports missing optional columns (n/a, not 0), Shopify rows of one order
 * apart (an error, not a second order), Excel error cells, recursive YAML, a bad period in config,
 * money in JSON as integers, the store-wide audit judged on evidence.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { DEMO_DIR, readDemo } from "../helpers/demo-data.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

function store(files: Record<string, string | Buffer>, copy: string[] = []): string {
  const root = join(tmp.dir, `s${++n}`);
  mkdirSync(join(root, "ex"), { recursive: true });
  for (const f of copy) copyFileSync(join(DEMO_DIR, f), join(root, "ex", f));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(root, "ex", name), data);
  writeFileSync(
    join(root, "merchops.config.yaml"),
    "defaultStore: c\ntimezone: Asia/Shanghai\nstores:\n  c:\n    platform: files\n    dir: ./ex\n",
  );
  return root;
}

type Row = { id: string; value: number | null; status: string; note?: string; unit: string; previous: number | null };

describe("edge inputs", () => {
  it("an export without refunded_at, first_response_at, status or rating gives n/a for those metrics, not 0", async () => {
    const returns = readDemo("returns").map(({ refunded_at: _, ...r }) => r);
    const tickets = readDemo("tickets").map((t) => ({ ticket_id: t.ticket_id, created_at: t.created_at, channel: t.channel }));
    const root = store({ "returns.csv": stringify(returns, { header: true }), "tickets.csv": stringify(tickets, { header: true }) }, [
      "orders.csv",
      "order_lines.csv",
      "traffic.csv",
    ]);
    const r = await runCli(["kpi", "report", "--json", "--fail-on-breach"], { cwd: root });
    const rows = new Map((JSON.parse(r.stdout) as { rows: Row[] }).rows.map((x) => [x.id, x]));
    for (const id of [
      "refunds",
      "net_sales",
      "chat_first_response_median",
      "chat_first_response_p90",
      "ticket_first_response_within_target",
      "resolution_rate",
      "csat",
    ]) {
      expect(rows.get(id)?.value, id).toBeNull();
      expect(rows.get(id)?.status, id).toBe("n/a");
      expect(rows.get(id)?.note, id).toMatch(/export has no \w+ column/);
    }
    expect(rows.get("gmv")?.value).toBeGreaterThan(0);
  });

  it("Shopify-style rows of one order that are not together are refused (exit 3), not counted twice", async () => {
    const header = "Name,Created at,Financial Status,Lineitem sku,Lineitem quantity,Lineitem price,Total\n";
    const rows = [
      "#1,2026-11-24 10:00:00,paid,S1,1,10.00,30.00",
      "#2,2026-11-24 11:00:00,paid,S2,1,5.00,5.00",
      "#1,2026-11-24 10:00:00,paid,S3,1,20.00,30.00",
    ];
    const root = store({ "orders_export.csv": header + rows.join("\n") });
    const r = await runCli(["kpi", "report", "--json"], { cwd: root });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(
      /orders_export\.csv, row 4, column "Name": order #1 appears again: its rows are not together \(first seen on row 2\)/,
    );
  });

  it("an Excel error cell in a number column is an input error naming the cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("traffic");
    ws.addRow(["date", "source", "visitors", "sessions"]);
    ws.addRow(["2026-11-24", "organic_search", 100, 120]);
    ws.addRow(["2026-11-24", "paid_search", { error: "#REF!" }, 50]);
    const root = store({ "traffic.xlsx": Buffer.from(await wb.xlsx.writeBuffer()) }, ["orders.csv", "order_lines.csv"]);
    const r = await runCli(["kpi", "report", "--json"], { cwd: root });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/traffic\.xlsx, row 3, column "visitors": "#REF!" is not a whole number/);
  });

  it("a recursive YAML alias and a bad period in config are configuration errors (exit 2)", async () => {
    const root = store({}, ["orders.csv"]);
    writeFileSync(join(root, "merchops.config.yaml"), "a: &a [*a]\n");
    const loop = await runCli(["kpi", "report"], { cwd: root });
    expect(loop.exitCode).toBe(2);
    expect(loop.stderr).toMatch(/merchops\.config\.yaml: not valid YAML/);
    writeFileSync(join(root, "merchops.config.yaml"), "kpi:\n  period: lastweek\n");
    const period = await runCli(["kpi", "report"], { cwd: root });
    expect(period.exitCode).toBe(2);
    expect(period.stderr).toMatch(/merchops\.config\.yaml:2: kpi\.period: is not a period/);
  });

  it("money in the KPI JSON is integer minor units, averages included", async () => {
    const r = await runCli(["kpi", "report", "--json", "--period", "last-7-days"], { cwd: tmp.dir });
    const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows.filter((x) => x.unit === "money");
    expect(rows.length).toBeGreaterThan(5);
    for (const x of rows) {
      if (x.value !== null) expect(Number.isInteger(x.value), x.id).toBe(true);
      if (x.previous !== null) expect(Number.isInteger(x.previous), x.id).toBe(true);
    }
  });

  it("the store-wide audit is a breach only on evidence: 1 return of 3 units is 'watch' and --fail-on-breach exits 0", async () => {
    const orders = "order_id,placed_at,status\nA,2026-10-01 10:00:00,paid\nB,2026-10-01 11:00:00,paid\nC,2026-10-01 12:00:00,paid\n";
    const lines = "order_id,sku,quantity,unit_price\nA,S1,1,10.00\nB,S1,1,10.00\nC,S1,1,10.00\n";
    const returns = "return_id,order_id,sku,quantity,refund_amount,requested_at\nR1,A,S1,1,10.00,2026-10-05 10:00:00\n";
    const root = store({ "orders.csv": orders, "order_lines.csv": lines, "returns.csv": returns });
    const r = await runCli(["returns", "audit", "--period", "2026-10-01..2026-10-31", "--json", "--fail-on-breach"], { cwd: root });
    expect(r.exitCode).toBe(0);
    const summary = (JSON.parse(r.stdout) as { summary: { status: string; rate_units: number } }).summary;
    expect(summary.rate_units).toBeCloseTo(1 / 3, 9);
    expect(summary.status).toBe("watch");
  });

  it("--delimiter reads a pipe-separated export the detector does not guess", async () => {
    const orders = "order_id|placed_at|status|total\nA|2026-11-24 10:00:00|paid|12.50\nB|2026-11-24 11:00:00|paid|7.50\n";
    const root = store({ "orders.csv": orders });
    const r = await runCli(["kpi", "report", "--json", "--delimiter", "|"], { cwd: root });
    expect(r.exitCode).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows;
    expect(rows.find((x) => x.id === "orders")?.value).toBe(2);
    expect(rows.find((x) => x.id === "gmv")?.value).toBe(2000);
  });

  it("templates copy onto a file is an input error (exit 3), not a crash", async () => {
    writeFileSync(join(tmp.dir, "afile"), "x");
    const r = await runCli(["templates", "copy", "files-store", "afile"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/a file has that name/);
    expect(readFileSync(join(tmp.dir, "afile"), "utf8")).toBe("x");
  });
});
