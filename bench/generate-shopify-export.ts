/**
 * A Shopify-layout orders export for the bench: orders_export_1.csv with the 2026 header (80
 * columns), one row per line item, order columns on the first row of each order, line rows with
 * only Name, Email, Created at and the line columns, as Shopify writes them. Financial statuses,
 * cancellations and refunded amounts in the proportions of a real store. Fixed seed.
 *
 *   tsx bench/generate-shopify-export.ts <dir> [orders] [seed]
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

export const SHOPIFY_HEADER =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References";

const COLS = SHOPIFY_HEADER.split(",");
const at = (name: string) => COLS.indexOf(name);

/** mulberry32: a small seeded PRNG, so the file is the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const money = (cents: number) => (cents / 100).toFixed(2);
const pad = (n: number) => String(n).padStart(2, "0");

export async function generateShopifyExport(dir: string, orders: number, seed: number, endDay: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "orders_export_1.csv");
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write(`${SHOPIFY_HEADER}\n`);
  const rand = rng(seed);
  const end = Date.parse(`${endDay}T23:59:59+08:00`);
  const span = 90 * 86_400_000;
  const customers = Math.max(1, Math.floor(orders * 0.3));
  for (let i = 0; i < orders; i++) {
    // Shopify lists the newest order first.
    const t = end - Math.floor((i / orders) * span) - Math.floor(rand() * 60_000);
    const d = new Date(t + 8 * 3_600_000);
    const created = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800`;
    const name = `#${1_000_000 + orders - i}`;
    const email = `c${Math.floor(rand() * customers)}@example.com`;
    const r = rand();
    const nLines = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
    const lines: { sku: string; qty: number; price: number }[] = [];
    for (let l = 0; l < nLines; l++) {
      const sku = rand() < 0.03 ? "" : `SKU-${Math.floor(rand() * 5000)}`;
      lines.push({ sku, qty: 1 + Math.floor(rand() * 3), price: 500 + Math.floor(rand() * 20000) });
    }
    const gross = lines.reduce((s, l) => s + l.qty * l.price, 0);
    const discount = rand() < 0.2 ? Math.floor(gross * 0.1) : 0;
    const shipping = rand() < 0.5 ? 500 : 0;
    const taxes = Math.floor((gross - discount) * 0.06);
    const total = gross - discount + shipping + taxes;
    const s = rand();
    const status =
      s < 0.85 ? "paid" : s < 0.9 ? "pending" : s < 0.93 ? "refunded" : s < 0.95 ? "partially_refunded" : s < 0.97 ? "voided" : "expired";
    const cancelled = status === "voided" || (status === "refunded" && rand() < 0.5) ? created : "";
    const refunded = status === "refunded" ? total : status === "partially_refunded" ? Math.floor(total / 3) : 0;
    for (let l = 0; l < nLines; l++) {
      const line = lines[l] as (typeof lines)[number];
      const row = new Array<string>(COLS.length).fill("");
      row[at("Name")] = name;
      row[at("Email")] = email;
      row[at("Created at")] = created;
      row[at("Lineitem quantity")] = String(line.qty);
      row[at("Lineitem name")] = line.sku ? `Product ${line.sku}` : "Custom item";
      row[at("Lineitem price")] = money(line.price);
      row[at("Lineitem sku")] = line.sku;
      row[at("Lineitem requires shipping")] = "true";
      row[at("Lineitem taxable")] = "true";
      row[at("Lineitem fulfillment status")] = "pending";
      row[at("Vendor")] = "ACME";
      row[at("Lineitem discount")] = "0.00";
      if (l === 0) {
        row[at("Financial Status")] = status;
        row[at("Paid at")] = status === "paid" || status === "refunded" || status === "partially_refunded" ? created : "";
        row[at("Fulfillment Status")] = "unfulfilled";
        row[at("Accepts Marketing")] = "no";
        row[at("Currency")] = "CNY";
        row[at("Subtotal")] = money(gross - discount);
        row[at("Shipping")] = money(shipping);
        row[at("Taxes")] = money(taxes);
        row[at("Total")] = money(total);
        row[at("Discount Amount")] = money(discount);
        row[at("Shipping Method")] = "Standard";
        row[at("Billing Zip")] = "'200001";
        row[at("Cancelled at")] = cancelled;
        row[at("Payment Method")] = "Shopify Payments";
        row[at("Refunded Amount")] = money(refunded);
        row[at("Outstanding Balance")] = "0.00";
        row[at("Id")] = String(5_000_000_000 + i);
        row[at("Risk Level")] = "Low";
        row[at("Source")] = "web";
        row[at("Payment References")] = `${name}.1`;
      }
      await write(`${row.join(",")}\n`);
    }
  }
  out.end();
  await once(out, "finish");
  return file;
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url.endsWith(invokedPath.replace(/\\/g, "/"))) {
  const [dir, ordersArg, seedArg] = process.argv.slice(2);
  if (!dir) throw new Error("usage: tsx bench/generate-shopify-export.ts <dir> [orders] [seed]");
  await generateShopifyExport(dir, Number(ordersArg ?? 1_000_000), Number(seedArg ?? 20261124), "2026-11-24");
}
