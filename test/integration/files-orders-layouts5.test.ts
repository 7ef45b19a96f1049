/**
 * Order export layouts of the fifth round (fixtures/exports/README.md, "Fifth round"): PrestaShop's
 * Orders > Export in its English and French back office, checked against a count written here from
 * the raw fixture rows; and files that list money movements rather than orders (Stripe, PayPal,
 * Amazon's Date Range Report, Square, Shopify Payments), each refused naming what it is.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runCli, tempDir } from "../helpers/cli.js";

const FIX = join(REPO, "fixtures", "exports");
const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Rec = Record<string, string>;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A files store on one fixture folder; the file is found by its own name (no `files:` line). */
function store(name: string, folder: string, extra = ""): string {
  const config = join(tmp.dir, `${name}.yaml`);
  writeFileSync(
    config,
    `timezone: Europe/Paris\ncurrency: EUR\nstores:\n  ${name}: { platform: files, dir: ${JSON.stringify(join(FIX, folder))}${extra} }\n`,
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

async function kpi(config: string, name: string) {
  const r = await report(config, name);
  expect(r.exitCode, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as { rows: { id: string; value: number | null; note?: string }[] };
  return {
    value: Object.fromEntries(j.rows.map((x) => [x.id, x.value])),
    note: Object.fromEntries(j.rows.map((x) => [x.id, x.note])),
    stderr: r.stderr,
  };
}

/** PrestaShop's states that mean a payment was received (its "logable" states), by language. */
const PAID_EN = [
  "Payment accepted",
  "Remote payment accepted",
  "Processing in progress",
  "On backorder (paid)",
  "Shipped",
  "Delivered",
  "Refunded",
];
const PAID_FR = ["Paiement accepté", "Expédié", "Livré", "Remboursé"];

/** "€1,249.90" (English) or "1 249,90 €" (French, narrow no-break spaces) in cents, parsed here on its own. */
function euroCents(text: string, decimalComma: boolean): number {
  const digits = text.replace(/[€\s\u00a0\u202f]/g, "");
  const plain = decimalComma ? digits.replace(/\./g, "").replace(",", ".") : digits.replace(/,/g, "");
  return Math.round(Number(plain) * 100);
}

describe("PrestaShop orders export", () => {
  it("English back office: `;`, €1,249.90 totals, the default order states; waiting for a cheque, a wire or COD and a payment error left out; Customer is not a key", async () => {
    const file = "prestashop/order_2024-03-31_101512.csv";
    const all = parse(readFileSync(join(FIX, file), "utf-8"), { columns: true, delimiter: ";" }) as Rec[];
    const counted = all.filter((r) => PAID_EN.includes(r.Status as string));
    const k = await kpi(store("ps", "prestashop"), "ps");
    expect(counted.length).toBe(7);
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => euroCents(r.Total as string, false))));
    // "J. DUPONT" is an initial and a last name: two buyers could share it, so no paying customers.
    expect(k.value.paying_customers).toBeNull();
    expect(k.note.paying_customers).toMatch(/customer_id/);
    // A Refunded state without an amount: refunds n/a, never 0.
    expect(k.value.refunds).toBeNull();
    expect(k.stderr).toContain(
      '5 orders not paid left out of orders and GMV (Status: "Awaiting check payment" ×1, "Awaiting bank wire payment" ×1, "Awaiting Cash On Delivery validation" ×1, "Payment error" ×1, "On backorder (not paid)" ×1)',
    );
    expect(k.stderr).toContain('mapping.orders.statuses: { "Awaiting check payment": paid }');
  });

  it("French back office: labels and states in French, `1 249,90 €` refused until decimalComma, then read exactly", async () => {
    const file = "prestashop-fr/order_2024-03-31_101512.csv";
    const refused = await report(store("psfr", "prestashop-fr"), "psfr");
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain('column "Total": "54,00\u202f€" is not an amount');
    expect(refused.stderr).toContain("mapping.orders.decimalComma: true");

    const all = parse(readFileSync(join(FIX, file), "utf-8"), { columns: true, delimiter: ";" }) as Rec[];
    const counted = all.filter((r) => PAID_FR.includes(r.État as string));
    const k = await kpi(store("psfr2", "prestashop-fr", ", mapping: { orders: { decimalComma: true } }"), "psfr2");
    expect(counted.length).toBe(4);
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => euroCents(r.Total as string, true))));
    expect(k.stderr).toContain(
      '3 orders not paid left out of orders and GMV (État: "En attente de paiement par chèque" ×1, "En attente de virement bancaire" ×1, "Erreur de paiement" ×1)',
    );
  });

  it("files inspect names the layout", async () => {
    const r = await runCli(["files", "inspect", join(FIX, "prestashop")], { cwd: tmp.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.replace(/\s+/g, " ")).toContain("(PrestaShop orders export");
  });
});

describe("money movements given as the orders file are refused, naming what they are", () => {
  it.each([
    ["stripe-payments", "Stripe payments export", 1],
    ["paypal-activity", "PayPal activity download", 1],
    ["square-transactions", "Square transactions download", 1],
    ["square-items", "Square item sales download", 1],
    ["shopify-payouts", "Shopify Payments transactions export", 1],
  ])("%s: a %s", async (folder, layout, row) => {
    const file = readdirName(folder);
    const r = await report(
      store(folder.replace(/-/g, ""), folder, `, files: { orders: ${JSON.stringify(file)} }`),
      folder.replace(/-/g, ""),
    );
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`${file}, row ${row}: this is a ${layout}: one row per payment, refund, fee or transfer`);
    expect(r.stderr).toContain("give the shop's own orders export as the orders file");
    // Nothing is computed from it: the JSON is the error, with no KPI rows.
    expect(r.stdout).not.toContain('"rows"');
  });

  it("Amazon's Date Range Report: refused on its header line (8, under seven lines of notes), pointing at the All Orders report", async () => {
    const file = "2024Mar1-2024Mar31CustomTransaction.csv";
    const r = await report(store("amzdr", "amazon-date-range", `, files: { orders: ${JSON.stringify(file)} }`), "amzdr");
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`${file}, row 8: this is Amazon's Date Range Report`);
    expect(r.stderr).toContain("give the All Orders report as the orders file");
  });

  it("read anyway when the store maps its columns on purpose", async () => {
    const file = "unified_payments.csv";
    const mapping = `, files: { orders: ${JSON.stringify(file)} }, mapping: { orders: { columns: { order_id: id, placed_at: "Created date (UTC)", total: Amount }, statuses: { Paid: paid, Refunded: refunded, Failed: unpaid } } }`;
    const k = await kpi(store("stripemapped", "stripe-payments", mapping), "stripemapped");
    expect(k.value.orders).toBe(2);
  });
});

function readdirName(folder: string): string {
  return readdirSync(join(FIX, folder))[0] as string;
}

describe("an export a spreadsheet saved as one column", () => {
  it("a header that is one cell holding the whole line (a Spanish Excel's `;` after it) is refused saying what happened, not as missing columns", async () => {
    const r = await report(store("onecol", "shopify-excel-one-column"), "onecol");
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(
      'orders_export.csv, row 1: the header is one cell holding a whole line ("Name,Email,Financial Status,Paid at,Fulf…"), separated from the rest by ";"',
    );
    expect(r.stderr).toContain("give the file as the platform exported it");
    expect(r.stderr).not.toContain("missing required column");
  });
});

describe("Etsy Sold Orders generations", () => {
  const orders = (folder: string) => parse(readFileSync(join(FIX, folder, "EtsySoldOrders2024.csv"), "utf-8"), { columns: true }) as Rec[];
  const cents = (s: string | undefined) => Math.round(Number(s ?? "0") * 100);
  const inMarch = (rows: Rec[], date: (r: Rec) => Date) => rows.filter((r) => date(r).getUTCMonth() === 2);

  it("a download shared with the buyer columns cut out is still Etsy's: Order Total is GMV, paying customers n/a", async () => {
    const rows = inMarch(orders("etsy-trimmed"), (r) => new Date(`${r["Sale Date"]} UTC`));
    const k = await kpi(store("etsytrim", "etsy-trimmed", ", currency: USD"), "etsytrim");
    expect(rows.length).toBe(3);
    expect(k.value.orders).toBe(rows.length);
    expect(k.value.gmv).toBe(sum(rows.map((r) => cents(r["Order Total"]))));
    expect(k.value.paying_customers).toBeNull();
    expect(k.note.paying_customers).toMatch(/customer_id/);
  });

  it("the British English download (Delivery, Sales tax, Order total): read as the Sold Orders export, buyers by Buyer User ID", async () => {
    const rows = orders("etsy-uk");
    const k = await kpi(store("etsyuk", "etsy-uk", ", currency: CAD"), "etsyuk");
    expect(k.value.orders).toBe(rows.length);
    expect(k.value.gmv).toBe(sum(rows.map((r) => cents(r["Order total"]))));
    const keyed = new Set(rows.filter((r) => r["Buyer User ID"]).map((r) => r["Buyer User ID"]));
    const unkeyed = rows.filter((r) => !r["Buyer User ID"]).length;
    expect(k.value.paying_customers).toBe(keyed.size + unkeyed);
    const inspect = await runCli(["files", "inspect", join(FIX, "etsy-uk")], { cwd: tmp.dir });
    expect(inspect.stdout.replace(/\s+/g, " ")).toContain("(Etsy Sold Orders");
    // Delivery is the shipping charged: read as shipping.
    expect(inspect.stdout).toMatch(/shipping\s+│\s+Delivery\s/);
  });
});

describe("WooCommerce post statuses in any layout", () => {
  it("wc-completed, wc-on-hold ... are read as WooCommerce reads them: pending and checkout drafts never paid, on-hold placed, failed cancelled", async () => {
    const rows = parse(readFileSync(join(FIX, "status-woo-slugs/orders.csv"), "utf-8"), { columns: true }) as Rec[];
    const counted = rows.filter((r) =>
      ["wc-completed", "wc-processing", "wc-on-hold", "wc-refunded"].includes(r["Order Status"] as string),
    );
    const k = await kpi(store("wooslugs", "status-woo-slugs", ", currency: USD"), "wooslugs");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => Math.round(Number(r["Order Total"]) * 100))));
    expect(k.stderr).toContain('2 orders not paid left out of orders and GMV (Order Status: "wc-pending" ×1, "wc-checkout-draft" ×1)');
  });
});
