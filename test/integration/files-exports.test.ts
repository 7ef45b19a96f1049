/**
 * Real export layouts (fixtures/exports, written to reproduce the public exports listed in its
 * README) read by a `files` store with at most a `files:` name, the store's currency and time
 * zone, or a `mapping:` for Olist and UCI. Each store's orders, GMV, paying customers and return
 * rates are checked against a computation written here from the raw fixture rows, and
 * `kpi report` and `returns audit` must agree on return rates.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, runCli, tempDir } from "../helpers/cli.js";

const FIX = join(REPO, "fixtures", "exports");
const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Rec = Record<string, string>;
function rows(path: string, encoding = "utf-8"): Rec[] {
  const text = iconv.decode(readFileSync(join(FIX, path)), encoding);
  return parse(text, { columns: true, skip_empty_lines: true, relax_quotes: true, bom: true }) as Rec[];
}
const cents = (s: string | undefined) => Math.round(Number(s ?? 0) * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const idOf = (s: string) => s.replace(/^="(.*)"$/, "$1");

const MARCH = "2024-03-01..2024-03-31";

beforeAll(() => {
  const d = (name: string) => JSON.stringify(join(FIX, name));
  const config = [
    "timezone: UTC",
    "currency: USD",
    "stores:",
    `  shop26: { platform: files, dir: ${d("shopify-2026")} }`,
    `  shop19: { platform: files, dir: ${d("shopify-2019-excel-dmy")}, currency: GBP }`,
    `  trimmed: { platform: files, dir: ${d("shopify-trimmed")}, currency: AUD }`,
    `  nototal: { platform: files, dir: ${d("shopify-no-total")} }`,
    `  woo: { platform: files, dir: ${d("woocommerce-csv")}, currency: EUR }`,
    `  wooa: { platform: files, dir: ${d("woocommerce-analytics")} }`,
    `  tmall: { platform: files, dir: ${d("tmall")}, currency: CNY, timezone: Asia/Shanghai }`,
    `  jd: { platform: files, dir: ${d("jd")}, currency: CNY, timezone: Asia/Shanghai }`,
    `  douyin: { platform: files, dir: ${d("douyin")}, currency: CNY, timezone: Asia/Shanghai }`,
    `  pdd: { platform: files, dir: ${d("pinduoduo")}, currency: CNY, timezone: Asia/Shanghai }`,
    `  youzan: { platform: files, dir: ${d("youzan")}, currency: CNY, timezone: Asia/Shanghai }`,
    "  uci:",
    "    platform: files",
    `    dir: ${d("uci-online-retail")}`,
    "    currency: GBP",
    "    files: { orders: Online Retail.csv }",
    "    mapping:",
    "      orders:",
    "        columns: { order_id: InvoiceNo, placed_at: InvoiceDate, customer_id: CustomerID, sku: StockCode, quantity: Quantity, unit_price: UnitPrice, title: Description }",
    "        negativeLines: returns",
    "  olist:",
    "    platform: files",
    `    dir: ${d("olist")}`,
    "    currency: BRL",
    "    timezone: America/Sao_Paulo",
    "    files: { orders: olist_orders_dataset.csv, order_lines: olist_order_items_dataset.csv, tickets: olist_order_reviews_dataset.csv }",
    "    mapping:",
    "      orders:",
    "        columns: { order_id: order_id, placed_at: order_purchase_timestamp, status: order_status, customer_id: customer_id }",
    "        statuses: { delivered: fulfilled, shipped: fulfilled, invoiced: paid, processing: paid, approved: paid, created: unpaid, canceled: cancelled, unavailable: cancelled }",
    "      order_lines:",
    "        columns: { order_id: order_id, line_id: order_item_id, sku: product_id, unit_price: price, shipping: freight_value }",
    "        defaults: { quantity: 1 }",
    "      tickets:",
    "        columns: { ticket_id: review_id, created_at: review_creation_date, rating: review_score, order_id: order_id }",
    "",
  ].join("\n");
  writeFileSync(join(tmp.dir, "merchops.config.yaml"), config);
});

interface Kpi {
  value: Record<string, number | null>;
  note: Record<string, string | undefined>;
  counts: Record<string, number>;
  warnings: string[];
  stderr: string;
}
async function kpi(store: string, period = MARCH): Promise<Kpi> {
  const r = await runCli(["kpi", "report", "--store", store, "--period", period, "--compare", "none", "--json"], { cwd: tmp.dir });
  expect(r.exitCode, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as {
    rows: { id: string; value: number | null; note?: string; missing?: string }[];
    counts: Record<string, number>;
    warnings: string[];
  };
  return {
    value: Object.fromEntries(j.rows.map((x) => [x.id, x.value])),
    note: Object.fromEntries(j.rows.map((x) => [x.id, x.note ?? x.missing])),
    counts: j.counts,
    warnings: j.warnings,
    stderr: r.stderr,
  };
}
async function audit(store: string, period = MARCH): Promise<{ rate_units: number | null; rate_value: number | null; returns: number }> {
  const r = await runCli(["returns", "audit", "--store", store, "--period", period, "--basis", "period", "--json"], { cwd: tmp.dir });
  expect(r.exitCode, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { summary: { rate_units: number | null; rate_value: number | null; returns: number } }).summary;
}

/** Both reports give the same return rates on one store, period basis. */
async function sameReturnRates(store: string, k: Kpi): Promise<void> {
  const a = await audit(store);
  expect(a.rate_units ?? null).toBe(k.value.return_rate_units ?? null);
  if (k.value.return_rate_value !== null) expect(a.rate_value).toBeCloseTo(k.value.return_rate_value as number, 10);
}

describe("Shopify orders export", () => {
  it("2026 generation, orders_export_1.csv: custom items without SKU, cancelled, expired, pending, refunds", async () => {
    const all = rows("shopify-2026/orders_export_1.csv");
    const firsts = all.filter((r) => r["Financial Status"]);
    // pending (cash on delivery) and authorized are orders placed, as in Shopify's reports: counted, not paying.
    const counted = firsts.filter((r) => !r["Cancelled at"] && !["voided", "expired"].includes(r["Financial Status"] ?? ""));
    const ids = new Set(counted.map((r) => r.Name));
    const paid = counted.filter((r) => ["paid", "partially_paid", "partially_refunded", "refunded"].includes(r["Financial Status"] ?? ""));
    const units = sum(all.filter((r) => ids.has(r.Name)).map((r) => Number(r["Lineitem quantity"])));
    const refundedUnits = sum(
      all
        .filter((r) => ids.has(r.Name) && firsts.find((f) => f.Name === r.Name)?.["Financial Status"] === "refunded")
        .map((r) => Number(r["Lineitem quantity"])),
    );
    const merchandise = sum(counted.map((r) => cents(r.Subtotal) - cents(r["Discount Amount"])));
    const k = await kpi("shop26");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r.Total))));
    expect(k.value.paying_customers).toBe(new Set(paid.map((r) => r.Email?.toLowerCase())).size);
    expect(k.value.return_rate_units).toBeCloseTo(refundedUnits / units, 10);
    expect(k.value.return_rate_value).toBeCloseTo(sum(counted.map((r) => cents(r["Refunded Amount"]))) / merchandise, 10);
    // The export has no refund date: refunds are n/a with a note, never 0.
    expect(k.value.refunds).toBeNull();
    expect(k.note.refunds).toMatch(/refunded_at/);
    expect(k.stderr).toMatch(/1 partial refund/);
    await sameReturnRates("shop26", k);
  });

  it("2019 generation re-saved by Excel with day-first dates (31/03/2024 22:36)", async () => {
    const all = rows("shopify-2019-excel-dmy/orders_export.csv");
    const firsts = all.filter((r) => r["Financial Status"]);
    const march = (s: string | undefined) => /^\d{2}\/03\/2024/.test(s ?? "");
    const counted = firsts.filter((r) => march(r["Created at"]) && !r["Cancelled at"]);
    const k = await kpi("shop19");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r.Total))));
    expect(k.value.paying_customers).toBe(new Set(counted.map((r) => r.Email)).size);
  });

  it("a trimmed export: totals read, paying customers n/a (no customer column)", async () => {
    const all = rows("shopify-trimmed/orders_export.csv");
    const k = await kpi("trimmed");
    expect(k.value.orders).toBe(all.length);
    expect(k.value.gmv).toBe(sum(all.map((r) => cents(r.Total))));
    expect(k.value.paying_customers).toBeNull();
    expect(k.note.paying_customers).toMatch(/customer_id/);
  });

  it("an export without total or subtotal: GMV and AOV n/a, never a negative sum of discounts", async () => {
    const k = await kpi("nototal");
    expect(k.value.orders).toBe(rows("shopify-no-total/orders_export.csv").length);
    expect(k.value.gmv).toBeNull();
    expect(k.value.aov).toBeNull();
    expect(k.note.gmv).toMatch(/total/);
  });
});

describe("refunds on orders and a returns file", () => {
  it("the returns file takes precedence for the orders it covers: nothing counted twice", async () => {
    const dir = join(tmp.dir, "shop-with-returns");
    mkdirSync(dir);
    writeFileSync(join(dir, "orders_export_1.csv"), readFileSync(join(FIX, "shopify-2026", "orders_export_1.csv")));
    // #1006 is refunded on the export (12.00, 1 unit) and in the returns file, with its dates.
    writeFileSync(
      join(dir, "returns.csv"),
      "return_id,order_id,sku,quantity,refund_amount,requested_at,refunded_at,reason\nR1,#1006,MUG-1,1,12.00,2024-03-12 10:00:00,2024-03-13 10:00:00,broken\n",
    );
    writeFileSync(
      join(tmp.dir, "withret.yaml"),
      `timezone: UTC\ncurrency: USD\nstores:\n  withret: { platform: files, dir: ${JSON.stringify(dir)} }\n`,
    );
    const r = await runCli(
      ["returns", "audit", "--config", "withret.yaml", "--store", "withret", "--period", MARCH, "--basis", "period", "--json"],
      { cwd: tmp.dir },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const summary = (JSON.parse(r.stdout) as { summary: { returns: number; returned_units: number; refund_value: number } }).summary;
    // R1 for #1006 (from the file) and #1004's partial refund (from the export): 2 returns, 1 unit, 22.00.
    expect(summary).toMatchObject({ returns: 2, returned_units: 1, refund_value: 2200 });
  });
});

describe("WooCommerce", () => {
  it("Customer/Order CSV Export: order_total, guests with customer_id 0 keyed by e-mail, pending payment left out", async () => {
    const all = rows("woocommerce-csv/orders.csv");
    // WooCommerce Analytics leaves out pending, failed and cancelled; on-hold is an order placed.
    const counted = all.filter((r) => !["pending", "failed", "cancelled"].includes(r.status ?? ""));
    const paid = counted.filter((r) => ["processing", "completed", "refunded"].includes(r.status ?? ""));
    const key = (r: Rec) => (r.customer_id && r.customer_id !== "0" ? r.customer_id : r.billing_email?.toLowerCase());
    const k = await kpi("woo");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r.order_total))));
    expect(k.value.paying_customers).toBe(new Set(paid.map(key)).size);
    expect(k.stderr).toMatch(/1 order not paid left out of orders and GMV \(status: "pending" ×1\)/);
  });

  it("Analytics orders CSV: Net sales as GMV, Pending payment left out", async () => {
    const all = rows("woocommerce-analytics/orders.csv");
    const counted = all.filter((r) => !["Pending payment", "Failed", "Cancelled"].includes(r.Status ?? ""));
    const paid = counted.filter((r) => ["Processing", "Completed", "Refunded"].includes(r.Status ?? ""));
    const k = await kpi("wooa");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r["Net sales"]))));
    expect(k.value.paying_customers).toBe(new Set(paid.map((r) => r.Customer)).size);
  });
});

describe("Chinese platforms", () => {
  it('Tmall 订单报表 + 宝贝报表 (GBK, ="id"): unpaid left out, 交易关闭 after payment is a refund, 生意参谋 traffic', async () => {
    const orders = rows("tmall/ExportOrderList202403311200.csv", "gb18030");
    const items = rows("tmall/ExportOrderDetailList202403311200.csv", "gb18030");
    const paidAt = (r: Rec) => (r["订单付款时间 "] ?? "").trim();
    const counted = orders.filter((r) => paidAt(r) !== "" && r.订单状态 !== "交易被淘宝关闭");
    const refunded = counted.filter((r) => r.订单状态 === "交易关闭");
    const ids = new Set(counted.map((r) => idOf(r.订单编号 ?? "")));
    const unitsOf = (set: Set<string>) => sum(items.filter((i) => set.has(idOf(i.订单编号 ?? ""))).map((i) => Number(i.购买数量)));
    const k = await kpi("tmall");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r.总金额))));
    expect(k.value.paying_customers).toBe(new Set(counted.map((r) => r.买家会员名)).size);
    expect(k.value.return_rate_units).toBeCloseTo(unitsOf(new Set(refunded.map((r) => idOf(r.订单编号 ?? "")))) / unitsOf(ids), 10);
    expect(k.value.visitors).toBe(1200 + 1000 + 800);
    expect(k.stderr).toMatch(/not paid left out of orders and GMV \(订单状态: "等待买家付款" ×1\)/);
    await sameReturnRates("tmall", k);
  });

  it("JD: order columns repeated on every item row; 等待付款 left out; 已取消 cancelled", async () => {
    const all = rows("jd/orders.csv", "gb18030");
    const byOrder = new Map(all.map((r) => [r.订单号, r]));
    const counted = [...byOrder.values()].filter((r) => r.付款确认时间 && r.订单状态 !== "已取消");
    const k = await kpi("jd");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r.应付金额))));
    expect(k.value.paying_customers).toBe(new Set(counted.map((r) => r.下单帐号)).size);
  });

  it("抖店: one row per 子订单, each with its own 订单应付金额: the order is their sum", async () => {
    const all = rows("douyin/orders.csv");
    const paid = all.filter((r) => r.支付完成时间);
    const k = await kpi("douyin");
    expect(k.value.orders).toBe(new Set(paid.map((r) => r.主订单编号)).size);
    expect(k.value.gmv).toBe(sum(paid.map((r) => cents(r.订单应付金额))));
    expect(k.value.paying_customers).toBeNull();
  });

  it("拼多多: 用户实付金额 as GMV, 已取消 left out, 退款成功 a return", async () => {
    const all = rows("pinduoduo/orders.csv");
    const counted = all.filter((r) => r.订单状态 !== "已取消");
    const refunded = counted.filter((r) => (r.订单状态 ?? "").endsWith("退款成功"));
    const units = sum(counted.map((r) => Number(r["商品数量(件)"])));
    const k = await kpi("pdd");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r["用户实付金额(元)"]))));
    expect(k.value.return_rate_units).toBeCloseTo(sum(refunded.map((r) => Number(r["商品数量(件)"]))) / units, 10);
    await sameReturnRates("pdd", k);
  });

  it("有赞: 待付款 left out, 交易关闭 after payment refunded", async () => {
    const all = rows("youzan/orders.csv");
    const counted = all.filter((r) => r.买家付款时间);
    const k = await kpi("youzan");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r.订单实付金额))));
    expect(k.value.paying_customers).toBe(new Set(counted.map((r) => r.买家手机号)).size);
    const merchandise = sum(counted.map((r) => cents(r.商品金额合计) - cents(r.店铺优惠合计)));
    const refunded = sum(counted.filter((r) => r.订单状态 === "交易关闭").map((r) => cents(r.订单实付金额)));
    expect(k.value.return_rate_value).toBeCloseTo(refunded / merchandise, 10);
    await sameReturnRates("youzan", k);
  });
});

/** DuckDB over the same fixture files: the independent computation for Olist and UCI. */
async function duck<T>(sql: string): Promise<T> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    const row = reader.getRowObjectsJS()[0] ?? {};
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])) as T;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
const lit = (p: string) => `'${join(FIX, p).replaceAll("'", "''")}'`;

describe("public data sets read with a mapping only", () => {
  it("Olist: orders, GMV, AOV, paying customers, CSAT, cancellation and return rates match DuckDB", async () => {
    const d = await duck<Record<string, number>>(`
      WITH o AS (SELECT * FROM read_csv(${lit("olist/olist_orders_dataset.csv")}, header = true, all_varchar = true)),
      i AS (SELECT order_id, CAST(price AS DECIMAL(18,2)) AS price, CAST(freight_value AS DECIMAL(18,2)) AS freight
            FROM read_csv(${lit("olist/olist_order_items_dataset.csv")}, header = true, all_varchar = true)),
      r AS (SELECT CAST(review_score AS INT) AS score, review_creation_date AS created
            FROM read_csv(${lit("olist/olist_order_reviews_dataset.csv")}, header = true, all_varchar = true)),
      counted AS (SELECT * FROM o WHERE order_status NOT IN ('canceled', 'unavailable', 'created')
                  AND order_purchase_timestamp >= '2017-10-01' AND order_purchase_timestamp < '2017-11-01')
      SELECT (SELECT count(*) FROM counted) AS orders,
             (SELECT CAST(sum(price + freight) * 100 AS BIGINT) FROM i WHERE order_id IN (SELECT order_id FROM counted)) AS gmv,
             (SELECT count(DISTINCT customer_id) FROM counted) AS paying,
             (SELECT count(*) FROM o WHERE order_status IN ('canceled', 'unavailable')) AS cancelled,
             (SELECT count(*) FROM o) AS all_orders,
             (SELECT count(*) FILTER (WHERE score >= 4) / count(*) FROM r WHERE created >= '2017-10-01' AND created < '2017-11-01') AS csat`);
    const k = await kpi("olist", "2017-10-01..2017-10-31");
    expect(k.value.orders).toBe(d.orders);
    expect(k.value.gmv).toBe(d.gmv);
    expect(k.value.aov).toBe(Math.round((d.gmv as number) / (d.orders as number)));
    expect(k.value.paying_customers).toBe(d.paying);
    expect(k.value.csat).toBeCloseTo(d.csat as number, 10);
    expect((k.counts.cancelled_orders_skipped as number) / (k.counts.orders_read as number)).toBeCloseTo(
      (d.cancelled as number) / (d.all_orders as number),
      10,
    );
    // No returns: 0 in the KPI report; the audit refuses a store without returns (exit 3).
    expect(k.value.return_rate_units).toBe(0);
  });

  it("UCI Online Retail: invoices of several lines are one order each; C invoices are returns of orders not in the data", async () => {
    const d = await duck<Record<string, number>>(`
      WITH x AS (SELECT InvoiceNo AS inv, CAST(Quantity AS INT) AS q, CAST(UnitPrice AS DECIMAL(18,2)) AS p, CustomerID AS c
                 FROM read_csv(${lit("uci-online-retail/Online Retail.csv")}, header = true, all_varchar = true)),
      orders AS (SELECT inv, any_value(c) AS c, sum(q * p) AS total FROM x WHERE NOT starts_with(inv, 'C') GROUP BY inv)
      SELECT count(*) AS orders, CAST(sum(total) * 100 AS BIGINT) AS gmv,
             count(DISTINCT coalesce('c:' || c, 'o:' || inv)) AS paying,
             (SELECT count(*) FROM x WHERE starts_with(inv, 'C') AND substr(inv, 2) IN (SELECT inv FROM orders)) AS linked_returns,
             (SELECT count(*) FROM x WHERE starts_with(inv, 'C')) AS credit_lines
      FROM orders`);
    const k = await kpi("uci", "2010-12-01..2010-12-31");
    expect(k.value.orders).toBe(d.orders);
    expect(k.value.gmv).toBe(d.gmv);
    expect(k.value.aov).toBe(Math.round((d.gmv as number) / (d.orders as number)));
    expect(k.value.paying_customers).toBe(d.paying);
    // No credit note names an invoice of the file: by the one rule, none counts, and a warning says how many.
    expect(d.linked_returns).toBe(0);
    expect(k.value.return_rate_units).toBe(0);
    expect(k.stderr).toContain(`${d.credit_lines} return(s) name orders that are not in the store's orders`);
    const a = await runCli(["returns", "audit", "--store", "uci", "--period", "2010-12-01..2010-12-31", "--json"], { cwd: tmp.dir });
    expect(a.stderr).toMatch(
      new RegExp(`${Number(d.credit_lines).toLocaleString("en")} returns? could not be counted: .*${d.credit_lines} unknown order`),
    );
  });
});

describe("inspect, check and init on a folder of exports", () => {
  it("files inspect names the datasets, the profiles and the columns, with a preview", async () => {
    const r = await runCli(["files", "inspect", join(FIX, "tmall"), "--json"], { cwd: tmp.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const found = (
      JSON.parse(r.stdout) as {
        datasets: {
          dataset: string;
          profile?: { id: string };
          columns: { key: string; header: string | null }[];
          preview: Record<string, string>[];
        }[];
      }
    ).datasets;
    expect(found.map((d) => [d.dataset, d.profile?.id])).toEqual([
      ["orders", "tmall-order-report"],
      ["order_lines", "tmall-item-report"],
      ["traffic", "sycm-traffic"],
    ]);
    expect(found[0]?.columns.find((c) => c.key === "total")?.header).toBe("总金额");
    expect(found[0]?.preview[0]?.order_id).toBe("1930679858170647");
  });

  it("adapters check opens each dataset; a folder with nothing readable exits 3", async () => {
    const ok = await runCli(["adapters", "check", "tmall", "--json"], { cwd: tmp.dir });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("3 row(s) sampled");
    const dir = join(tmp.dir, "unreadable");
    mkdirSync(dir);
    writeFileSync(join(dir, "orders.csv"), "x,y\n1,2\n");
    writeFileSync(join(tmp.dir, "bad.yaml"), `timezone: UTC\ncurrency: USD\nstores:\n  bad: { platform: files, dir: ./unreadable }\n`);
    const bad = await runCli(["adapters", "check", "bad", "--config", "bad.yaml"], { cwd: tmp.dir });
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('missing required columns "order_id", "placed_at"');
  });

  it("init for a files store writes the files found and their export profiles", async () => {
    const dir = join(tmp.dir, "init");
    mkdirSync(dir);
    const r = await runCli(
      [
        "init",
        "--store-name",
        "client",
        "--platform",
        "files",
        "--dir",
        join(FIX, "shopify-2026"),
        "--timezone",
        "UTC",
        "--currency",
        "USD",
        "--no-input",
      ],
      { cwd: dir },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const text = readFileSync(join(dir, "merchops.config.yaml"), "utf8");
    expect(text).toContain("orders: orders_export_1.csv");
    expect(text).toContain("profile: shopify-orders");
  });
});
