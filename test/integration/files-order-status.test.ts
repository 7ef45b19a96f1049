/**
 * What an order's status means for orders and GMV (fixtures/exports/README.md, "Fourth round"):
 * an order not paid is not GMV; a word whose meaning differs between platforms ("Pending") and an
 * empty status cell are refused naming file, row, column and value, never counted by guess; the
 * store's config says what they mean.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runCli, tempDir } from "../helpers/cli.js";

const FIX = join(REPO, "fixtures", "exports");
const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Rec = Record<string, string>;
const rows = (path: string): Rec[] => parse(readFileSync(join(FIX, path), "utf-8"), { columns: true, skip_empty_lines: true }) as Rec[];
const cents = (s: string | undefined) => Math.round(Number(s ?? "0") * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function store(name: string, folder: string, currency: string, mapping = ""): string {
  const config = join(tmp.dir, `${name}.yaml`);
  const extra = mapping ? `, mapping: { orders: { ${mapping} } }` : "";
  writeFileSync(
    config,
    `timezone: UTC\ncurrency: ${currency}\nstores:\n  ${name}: { platform: files, dir: ${JSON.stringify(join(FIX, folder))}${extra} }\n`,
  );
  return config;
}

async function report(config: string, name: string) {
  return runCli(
    ["kpi", "report", "--config", config, "--store", name, "--period", "2024-03-01..2024-03-31", "--compare", "none", "--json"],
    {
      cwd: tmp.dir,
    },
  );
}

function values(stdout: string): Record<string, number | null> {
  const j = JSON.parse(stdout) as { rows: { id: string; value: number | null }[] };
  return Object.fromEntries(j.rows.map((x) => [x.id, x.value]));
}

describe("order statuses in a sheet no profile knows", () => {
  it('"Pending" and an empty status are refused naming file, row, column and value', async () => {
    const r = await report(store("amb", "status-ambiguous", "USD"), "amb");
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('column "Status": "Pending" means different things on different platforms');
    expect(r.stderr).toMatch(/not read by guess: rows 3 and 6/);
    expect(r.stderr).toContain('mapping.orders.statuses: { "Pending": awaiting }');
    expect(r.stderr).toMatch(/column "Status": is empty: the order could be a sale, a draft or a cancellation.*: row 5/);
    expect(r.stderr).toContain("mapping.orders.emptyStatus: paid");
  });

  it("once the config says what they mean, they are read: Pending left out as waiting for payment, empty counted as paid", async () => {
    const all = rows("status-ambiguous/orders.csv");
    const counted = all.filter((x) => x.Status !== "Pending");
    const r = await report(store("ambok", "status-ambiguous", "USD", "statuses: { Pending: awaiting }, emptyStatus: paid"), "ambok");
    expect(r.exitCode, r.stderr).toBe(0);
    const v = values(r.stdout);
    expect(v.orders).toBe(counted.length);
    expect(v.gmv).toBe(sum(counted.map((x) => cents(x.Total))));
    expect(r.stderr).toContain('2 orders not paid left out of orders and GMV (Status: "Pending" ×2)');
    expect(r.stderr).toContain('to count them anyway: mapping.orders.statuses: { "Pending": paid }');
  });

  it("Pending mapped to paid (a cash-on-delivery shop) counts", async () => {
    const all = rows("status-ambiguous/orders.csv");
    const r = await report(store("cod", "status-ambiguous", "USD", "statuses: { Pending: paid }, emptyStatus: paid"), "cod");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(values(r.stdout).gmv).toBe(sum(all.map((x) => cents(x.Total))));
  });

  it("words that say the order is not paid (待付款, 等待付款, Awaiting payment) are left out with their counts", async () => {
    const all = rows("status-unpaid-words/orders.csv");
    const counted = all.filter((x) => ["已付款", "交易成功"].includes(x.订单状态 ?? ""));
    const r = await report(store("words", "status-unpaid-words", "CNY"), "words");
    expect(r.exitCode, r.stderr).toBe(0);
    const v = values(r.stdout);
    expect(v.orders).toBe(counted.length);
    expect(v.gmv).toBe(sum(counted.map((x) => cents(x.订单金额))));
    expect(v.paying_customers).toBe(new Set(counted.map((x) => x.买家会员名)).size);
    expect(r.stderr).toContain(
      '4 orders not paid left out of orders and GMV (订单状态: "待付款" ×2, "等待付款" ×1, "Awaiting payment" ×1)',
    );
    // Never paid is not "waiting": no line offering to count them.
    expect(r.stderr).not.toContain("to count them anyway");
  });

  it("a Payment Status column beside the Order Status read is refused: unpaid orders would count as sales; read as the status, they are left out", async () => {
    const r = await report(store("paycol", "status-payment-column", "USD"), "paycol");
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(
      'column "Payment Status": the column "Payment Status" says whether each order was paid, and nothing reads it',
    );
    expect(r.stderr).toContain('mapping.orders.columns: { status: "Payment Status" }');
    const all = rows("status-payment-column/orders.csv");
    const paid = all.filter((x) => x["Payment Status"] === "Paid");
    const ok = await report(store("paycol2", "status-payment-column", "USD", 'columns: { status: "Payment Status" }'), "paycol2");
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(values(ok.stdout).orders).toBe(paid.length);
    expect(values(ok.stdout).gmv).toBe(sum(paid.map((x) => cents(x.Total))));
  });
});
