/**
 * Order export layouts of the fourth round (fixtures/exports/README.md, "Fourth round"): eBay's
 * Orders report and Magento's orders grid, each checked against a count written here from the raw
 * fixture rows.
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
const cents = (s: string | undefined) => Math.round(Number((s ?? "0").replace(/[$,]/g, "")) * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function store(name: string, file: string): string {
  const config = join(tmp.dir, `${name}.yaml`);
  const dir = join(FIX, file.slice(0, file.lastIndexOf("/")));
  const base = file.slice(file.lastIndexOf("/") + 1);
  writeFileSync(
    config,
    `timezone: UTC\ncurrency: USD\nstores:\n  ${name}: { platform: files, dir: ${JSON.stringify(dir)}, files: { orders: ${JSON.stringify(base)} } }\n`,
  );
  return config;
}

async function kpi(config: string, name: string) {
  const r = await runCli(
    ["kpi", "report", "--config", config, "--store", name, "--period", "2024-03-01..2024-03-31", "--compare", "none", "--json"],
    {
      cwd: tmp.dir,
    },
  );
  expect(r.exitCode, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as { rows: { id: string; value: number | null; note?: string }[] };
  return {
    value: Object.fromEntries(j.rows.map((x) => [x.id, x.value])),
    note: Object.fromEntries(j.rows.map((x) => [x.id, x.note])),
    stderr: r.stderr,
  };
}

describe("eBay Orders report", () => {
  const file = "ebay-orders/eBay-OrdersReport-Mar-31-2024.csv";
  it("header on line 2 under bare commas, a padding row, the footer; a multi-item order's summary row counted once, never as an item; a commitment never paid left out", async () => {
    // The table: line 2 is the header; rows with a Sales Record Number and a Sale Date are order rows.
    const lines = readFileSync(join(FIX, file), "utf-8").split("\n").slice(1).join("\n");
    const all = (parse(lines, { columns: true, relax_column_count: true, skip_empty_lines: true }) as Rec[]).filter((r) => r["Sale Date"]);
    const groups = new Map<string, Rec[]>();
    for (const r of all) groups.set(r["Sales Record Number"] as string, [...(groups.get(r["Sales Record Number"] as string) ?? []), r]);
    const paid = [...groups.values()].filter((g) => g.some((r) => r["Paid On Date"]));
    // The order's money is on its summary row (no Item Number) when it has one, else on its only row.
    const orderRow = (g: Rec[]) => g.find((r) => !r["Item Number"]) ?? (g[0] as Rec);
    const k = await kpi(store("ebay", file), "ebay");
    expect(k.value.orders).toBe(paid.length);
    expect(k.value.gmv).toBe(sum(paid.map((g) => cents(orderRow(g)["Total Price"]))));
    expect(k.value.paying_customers).toBe(new Set(paid.map((g) => orderRow(g)["Buyer Username"])).size);
    // Units are the items', never the summary row's total quantity on top of them.
    const units = sum(paid.flatMap((g) => g.filter((r) => r["Item Number"]).map((r) => Number(r.Quantity))));
    expect(units).toBe(6);
    // No refund column in the report: n/a with a note, never 0.
    expect(k.value.refunds).toBeNull();
    expect(k.value.return_rate_value).toBeNull();
    expect(k.stderr).toContain(
      "2 rows of totals or notes (5 record(s) downloaded from Mar-01-24 to Mar-31-24, Seller ID : acme-pottery) left out",
    );
    expect(k.stderr).toContain("1 order not paid left out of orders and GMV (Paid On Date ∅ ×1)");
  });

  it("an order whose Paid On Date is on its item rows, not its summary row, is paid (any row decides)", async () => {
    const text = readFileSync(join(FIX, file), "utf-8");
    const lines = text.split("\n");
    const header = (parse(lines[1] as string) as string[][])[0] as string[];
    const paidCol = header.indexOf("Paid On Date");
    const moved = lines.map((line) => {
      const cells = (parse(line, { relax_column_count: true }) as string[][])[0] ?? [];
      if (cells[0] !== "1002") return line;
      // The summary row (no Item Number) loses its Paid On Date; the item rows get it.
      cells[paidCol] = cells[header.indexOf("Item Number")] ? "Mar-06-24" : "";
      return cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
    });
    const dir = join(tmp.dir, "ebay-paid-items");
    (await import("node:fs")).mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "eBay-OrdersReport-Mar-31-2024.csv"), moved.join("\n"));
    const config = join(tmp.dir, "ebaypaid.yaml");
    writeFileSync(config, `timezone: UTC\ncurrency: USD\nstores:\n  ebaypaid: { platform: files, dir: ${JSON.stringify(dir)} }\n`);
    const a = await kpi(config, "ebaypaid");
    const b = await kpi(store("ebayorig", file), "ebayorig");
    expect(a.value.orders).toBe(b.value.orders);
    expect(a.value.gmv).toBe(b.value.gmv);
  });

  it("item rows that carry their own Total Price under a summary row do not make it two orders: the summary's total counts", async () => {
    const text = readFileSync(join(FIX, file), "utf-8");
    const lines = text.split("\n");
    const header = (parse(lines[1] as string) as string[][])[0] as string[];
    const at = (name: string) => header.indexOf(name);
    const edited = lines.map((line) => {
      const cells = (parse(line, { relax_column_count: true }) as string[][])[0] ?? [];
      if (cells[0] !== "1002" || !cells[at("Item Number")]) return line;
      cells[at("Total Price")] = cells[at("Sold For")] as string;
      return cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
    });
    const dir = join(tmp.dir, "ebay-item-totals");
    (await import("node:fs")).mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "eBay-OrdersReport-Mar-31-2024.csv"), edited.join("\n"));
    const config = join(tmp.dir, "ebaytot.yaml");
    writeFileSync(config, `timezone: UTC\ncurrency: USD\nstores:\n  ebaytot: { platform: files, dir: ${JSON.stringify(dir)} }\n`);
    const a = await kpi(config, "ebaytot");
    const b = await kpi(store("ebayorig2", file), "ebayorig2");
    expect(a.value.orders).toBe(b.value.orders);
    expect(a.value.gmv).toBe(b.value.gmv);
  });

  it("files inspect names the profile", async () => {
    const r = await runCli(["files", "inspect", join(FIX, "ebay-orders")], { cwd: tmp.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    // Wrapped to the terminal width: the words are compared without line breaks.
    expect(r.stdout.replace(/\s+/g, " ")).toContain("(eBay Orders report)");
  });
});

describe("Magento orders grid export", () => {
  it("Grand Total (Purchased) with $ signs, May 31, 2024 10:15:22 AM dates, a multi-line Purchase Point; Pending (not invoiced) and Pending Payment left out; Closed a full refund, Total Refunded read", async () => {
    const all = parse(readFileSync(join(FIX, "magento/export.csv"), "utf-8"), { columns: true }) as Rec[];
    const counted = all.filter((r) => ["Processing", "Complete", "Closed"].includes(r.Status as string));
    const k = await kpi(store("mag", "magento/export.csv"), "mag");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r["Grand Total (Purchased)"]))));
    expect(k.value.paying_customers).toBe(new Set(counted.map((r) => r["Customer Email"]?.toLowerCase())).size);
    const refunded = sum(counted.map((r) => cents(r["Total Refunded"])));
    const merchandise = sum(counted.map((r) => cents(r.Subtotal)));
    expect(k.value.return_rate_value).toBeCloseTo(refunded / merchandise, 10);
    expect(k.stderr).toContain('2 orders not paid left out of orders and GMV (Status: "Pending" ×1, "Pending Payment" ×1)');
    expect(k.stderr).toContain('mapping.orders.statuses: { "Pending": paid }');
  });

  it("a status Magento lets each shop define (On Hold) is refused naming the cell, not counted by guess", async () => {
    const dir = join(tmp.dir, "mag-hold");
    const text = readFileSync(join(FIX, "magento/export.csv"), "utf-8").replace('"Processing"', '"On Hold"');
    (await import("node:fs")).mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "export.csv"), text);
    const config = join(tmp.dir, "hold.yaml");
    writeFileSync(
      config,
      `timezone: UTC\ncurrency: USD\nstores:\n  hold: { platform: files, dir: ${JSON.stringify(dir)}, files: { orders: export.csv } }\n`,
    );
    const r = await runCli(["kpi", "report", "--config", config, "--store", "hold", "--period", "2024-03-01..2024-03-31"], {
      cwd: tmp.dir,
    });
    expect(r.exitCode).toBe(3);
    // Row 3 is the second order: the first one's Purchase Point spans three lines.
    expect(r.stderr).toContain('export.csv, row 3, column "Status": "On Hold" means different things on different platforms');
  });
});

describe("a Shopify export re-saved by a German Excel", () => {
  it("semicolons, BOM, CRLF, 04.03.2024 10:00 and 1.234,56: refused naming the orders setting, then read as the original", async () => {
    const dir = join(FIX, "shopify-excel-de");
    const config = join(tmp.dir, "de.yaml");
    const original = join(FIX, "shopify-2026");
    writeFileSync(
      config,
      [
        "timezone: UTC",
        "currency: USD",
        "stores:",
        `  de: { platform: files, dir: ${JSON.stringify(dir)} }`,
        `  de2: { platform: files, dir: ${JSON.stringify(dir)}, mapping: { orders: { decimalComma: true } } }`,
        `  orig: { platform: files, dir: ${JSON.stringify(original)} }`,
        "",
      ].join("\n"),
    );
    const r = await runCli(["kpi", "report", "--config", config, "--store", "de", "--period", "2024-03-01..2024-03-31"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(3);
    // The line columns of a Shopify file are set under orders (there is no order_lines file).
    expect(r.stderr).toContain("mapping.orders.decimalComma: true");
    expect(r.stderr).not.toContain("mapping.order_lines");
    const de = await kpi(config, "de2");
    const orig = await kpi(config, "orig");
    for (const id of ["orders", "gmv", "paying_customers", "return_rate_value", "return_rate_units"])
      expect(de.value[id]).toEqual(orig.value[id]);
  });
});

describe("Wix Stores orders export", () => {
  it("one row per item, the delivery columns written twice (not read: fine), Dec 8, 2024 dates; Not paid left out; Refunded and Partially refunded with Refunded amount", async () => {
    const all = parse(readFileSync(join(FIX, "wix/orders.csv"), "utf-8"), { columns: false }) as string[][];
    const header = all[0] as string[];
    const col = (name: string) => header.indexOf(name);
    const byOrder = new Map<string, string[]>();
    for (const r of all.slice(1)) if (!byOrder.has(r[col("Order number")] as string)) byOrder.set(r[col("Order number")] as string, r);
    const counted = [...byOrder.values()].filter((r) => r[col("Payment status")] !== "Not paid");
    const k = await kpi(store("wix", "wix/orders.csv"), "wix");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r[col("Total")]))));
    expect(k.value.paying_customers).toBe(new Set(counted.map((r) => r[col("Contact email")]?.toLowerCase())).size);
    const units = sum(
      all
        .slice(1)
        .filter((r) => r[col("Payment status")] !== "Not paid")
        .map((r) => Number(r[col("Qty")])),
    );
    const refundedUnits = sum(counted.filter((r) => r[col("Payment status")] === "Refunded").map((r) => Number(r[col("Qty")])));
    expect(k.value.return_rate_units).toBeCloseTo(refundedUnits / units, 10);
    expect(k.stderr).toContain('1 order not paid left out of orders and GMV (Payment status: "Not paid" ×1)');
  });

  it("a column merchops reads, written twice, is refused naming both: which one to read would be a guess", async () => {
    const dir = join(tmp.dir, "wix-twice");
    const text = readFileSync(join(FIX, "wix/orders.csv"), "utf-8").replace('"Gift card amount"', '"Total"');
    (await import("node:fs")).mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "orders.csv"), text);
    const config = join(tmp.dir, "twice.yaml");
    writeFileSync(config, `timezone: UTC\ncurrency: USD\nstores:\n  twice: { platform: files, dir: ${JSON.stringify(dir)} }\n`);
    const r = await runCli(["kpi", "report", "--config", config, "--store", "twice", "--period", "2024-03-01..2024-03-31"], {
      cwd: tmp.dir,
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('duplicate column name: "Total" (column 41) and "Total" (column 44)');
  });
});
