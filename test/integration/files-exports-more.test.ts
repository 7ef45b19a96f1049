/**
 * More real export layouts (the second round of fixtures/exports, see its README): each fixture
 * reproduces a quirk met in a real public export, and each test checks what is read against a
 * count written here from the raw fixture rows.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runCli, tempDir } from "../helpers/cli.js";

const FIX = join(REPO, "fixtures", "exports");
const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Rec = Record<string, string>;
function rows(path: string): Rec[] {
  return parse(readFileSync(join(FIX, path), "utf-8"), { columns: true, skip_empty_lines: true, bom: true }) as Rec[];
}
/** Rows of an export in its own encoding; Taobao's ="…" ids unwrapped. */
function rowsIn(path: string, encoding: string): Rec[] {
  const text = iconv.decode(readFileSync(join(FIX, path)), encoding).replace(/="(\d+)"/g, "$1");
  return (parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Rec[]).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim(), v])),
  );
}
const cents = (s: string | undefined) => Math.round(Number(s ?? 0) * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A files store over `dir` (a fixture folder, or a folder made by the test), in its own config. */
function store(name: string, dir: string, extra = ""): string {
  const config = join(tmp.dir, `${name}.yaml`);
  writeFileSync(config, `timezone: UTC\ncurrency: USD\nstores:\n  ${name}: { platform: files, dir: ${JSON.stringify(dir)}${extra} }\n`);
  return config;
}

interface Kpi {
  value: Record<string, number | null>;
  note: Record<string, string | undefined>;
  stderr: string;
}
async function kpi(config: string, name: string, period: string): Promise<Kpi> {
  const r = await runCli(["kpi", "report", "--config", config, "--store", name, "--period", period, "--compare", "none", "--json"], {
    cwd: tmp.dir,
  });
  expect(r.exitCode, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as { rows: { id: string; value: number | null; note?: string }[] };
  return {
    value: Object.fromEntries(j.rows.map((x) => [x.id, x.value])),
    note: Object.fromEntries(j.rows.map((x) => [x.id, x.note])),
    stderr: r.stderr,
  };
}

describe("Shopify orders export as people have it", () => {
  it('a browser\'s second download, "orders_export (1).csv", is found; e-mails differing in case are one customer; draft orders without e-mail are noted', async () => {
    const file = "shopify-browser-copy/orders_export (1).csv";
    const all = rows(file);
    const firsts = all.filter((r) => r["Financial Status"]);
    // pending (cash on delivery) and authorized are orders placed, as in Shopify's reports: counted, not paying.
    const counted = firsts.filter((r) => !r["Cancelled at"]);
    const paid = counted.filter((r) => r["Financial Status"] === "paid");
    const withEmail = new Set(paid.filter((r) => r.Email).map((r) => r.Email?.toLowerCase()));
    const anonymous = paid.filter((r) => !r.Email).length;
    const config = store("copy", join(FIX, "shopify-browser-copy"), ", currency: PKR");
    const k = await kpi(config, "copy", "2024-03-01..2024-03-31");
    expect(k.value.orders).toBe(counted.length);
    // PKR is kept in whole rupees (ICU gives it 0 minor digits): "4750.00" is 4750.
    expect(k.value.gmv).toBe(sum(counted.map((r) => Number(r.Total))));
    // Jane.Doe@Example.com and jane.doe@example.com are one buyer; each draft order without e-mail is one.
    expect(withEmail.size).toBe(1);
    expect(k.value.paying_customers).toBe(withEmail.size + anonymous);
    // No refund in this export, yet refunds by refund date are not 0: a refund paid in March may
    // belong to an order placed before the export's first day. The export has no refund date.
    expect(k.value.refunds).toBeNull();
    expect(k.note.refunds).toMatch(/refunded_at/);
    expect(k.note.paying_customers).toBe(
      `${anonymous} paid order(s) have no customer key (e-mail or customer id): each counted as one customer`,
    );
    expect(k.stderr).not.toMatch(/not paid left out/);
  });

  it("two downloads in one folder (orders_export (1).csv and orders_export (2).csv): refused, naming both, never one read silently", async () => {
    const dir = join(tmp.dir, "two-downloads");
    mkdirSync(dir);
    copyFileSync(join(FIX, "shopify-browser-copy", "orders_export (1).csv"), join(dir, "orders_export (1).csv"));
    copyFileSync(join(FIX, "shopify-browser-copy", "orders_export (1).csv"), join(dir, "orders_export (2).csv"));
    const config = store("two", dir);
    const r = await runCli(["kpi", "report", "--config", config, "--store", "two", "--period", "2024-03-01..2024-03-31"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain("2 files could be the orders export: orders_export (1).csv, orders_export (2).csv");
    expect(r.stderr).toContain('files.orders: "orders_export (1).csv"');
  });

  it("each line wrapped in quotes by a re-save: refused on row 2 with the reason, not 'Created at is empty'", async () => {
    const config = store("quoted", join(FIX, "bad-quoted-lines"));
    const r = await runCli(["kpi", "report", "--config", config, "--store", "quoted", "--period", "2024-03-01..2024-03-31"], {
      cwd: tmp.dir,
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/orders_export\.csv, row 2: the whole row is one quoted cell \("#2006,,pending,/);
    expect(r.stderr).toContain("each line of the file was wrapped in quotes");
    expect(r.stderr).not.toMatch(/is empty/);
  });
});

describe("Taobao/Tmall 宝贝报表 line refunds", () => {
  it("退款金额 with 退款状态 退款成功 is a return of that line; a request still open or closed is not; 交易关闭 is not counted twice", async () => {
    const orders = rowsIn("tmall-line-refunds/ExportOrderList202403311800.csv", "gb18030");
    const items = rowsIn("tmall-line-refunds/ExportOrderDetailList202403311800.csv", "gb18030");
    const done = items.filter((i) => i.退款状态 === "退款成功" && Number(i.退款金额) > 0);
    const full = done.filter((i) => Number(i.退款金额) >= Number(i.价格) * Number(i.购买数量));
    const merchandise = sum(orders.map((o) => cents(o.买家应付货款)));
    const config = store("tmalllines", join(FIX, "tmall-line-refunds"), ", currency: CNY, timezone: Asia/Shanghai");
    const k = await kpi(config, "tmalllines", "2024-03-01..2024-03-31");
    expect(k.value.orders).toBe(orders.length);
    expect(k.value.return_rate_units).toBeCloseTo(sum(full.map((i) => Number(i.购买数量))) / sum(items.map((i) => Number(i.购买数量))), 10);
    expect(k.value.return_rate_value).toBeCloseTo(sum(done.map((i) => cents(i.退款金额))) / merchandise, 10);
    // Refunds read from an export have no refund date: n/a with a note, as for Shopify.
    expect(k.value.refunds).toBeNull();
    expect(k.stderr).toContain("2 line refund amount(s) whose 退款状态 does not say the refund was made");
    expect(k.stderr).toContain("1 partial refund(s)");
    const r = await runCli(
      [
        "returns",
        "audit",
        "--config",
        config,
        "--store",
        "tmalllines",
        "--period",
        "2024-03-01..2024-03-31",
        "--basis",
        "period",
        "--json",
      ],
      { cwd: tmp.dir },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const summary = (JSON.parse(r.stdout) as { summary: { returns: number; returned_units: number; refund_value: number } }).summary;
    expect(summary).toEqual(
      expect.objectContaining({
        returns: done.length,
        returned_units: sum(full.map((i) => Number(i.购买数量))),
        refund_value: sum(done.map((i) => cents(i.退款金额))),
      }),
    );
  });
});

describe("Etsy Sold Orders", () => {
  it("EtsySoldOrders2024.csv (tab-separated, 3/31/2024): Order Total as GMV, Buyer User ID as the customer, refunds and return rates n/a", async () => {
    const text = readFileSync(join(FIX, "etsy", "EtsySoldOrders2024.csv"), "utf-8");
    const all = parse(text, { columns: true, delimiter: "\t" }) as Rec[];
    const march = all.filter((r) => (r["Sale Date"] ?? "").startsWith("3/"));
    const config = store("etsy", join(FIX, "etsy"));
    const k = await kpi(config, "etsy", "2024-03-01..2024-03-31");
    expect(k.value.orders).toBe(march.length);
    // Order Total includes the sales tax Etsy collects, which the Sales Tax column leaves out.
    expect(k.value.gmv).toBe(sum(march.map((r) => cents(r["Order Total"]))));
    const buyers = new Set(march.filter((r) => r["Buyer User ID"]).map((r) => r["Buyer User ID"]));
    expect(k.value.paying_customers).toBe(buyers.size + march.filter((r) => !r["Buyer User ID"]).length);
    // Adjusted Order Total is 0 with no refund and after a full one: nothing is read, nothing is 0.
    for (const id of ["refunds", "return_rate_units", "return_rate_value"]) {
      expect(k.value[id], id).toBeNull();
      expect(k.note[id], id).toMatch(/refunded_amount/);
    }
  });

  it("an export that carries no refund at all (trimmed, no status): refunds and return rates n/a, never 0", async () => {
    const config = store("trimmed2", join(FIX, "shopify-trimmed"), ", currency: AUD");
    const k = await kpi(config, "trimmed2", "2000-01-01..2026-12-01");
    for (const id of ["refunds", "return_rate_units", "return_rate_value"]) expect(k.value[id], id).toBeNull();
    expect(k.note.return_rate_value).toMatch(/refunded_amount/);
  });
});

describe("a trimmed Shopify export with line quantities but no money columns", () => {
  it("units sold and units returned come from Lineitem quantity; every money figure stays n/a", async () => {
    const all = rows("shopify-no-money-lines/orders_export_1.csv");
    const first = new Map<string, Rec>();
    for (const r of all) if (!first.has(r.Name ?? "")) first.set(r.Name ?? "", r);
    const counted = new Set([...first].filter(([, r]) => !r["Cancelled at"]).map(([n]) => n));
    const refunded = new Set([...counted].filter((n) => first.get(n)?.["Financial Status"] === "refunded"));
    const units = (set: Set<string>) => sum(all.filter((r) => set.has(r.Name ?? "")).map((r) => Number(r["Lineitem quantity"])));
    const config = store("nomoney", join(FIX, "shopify-no-money-lines"), ", currency: CAD");
    const k = await kpi(config, "nomoney", "2024-03-01..2024-03-31");
    expect(k.value.orders).toBe(counted.size);
    expect(k.value.return_rate_units).toBeCloseTo(units(refunded) / units(counted), 10);
    for (const id of ["gmv", "aov", "return_rate_value"]) expect(k.value[id], id).toBeNull();
    expect(k.note.gmv).toMatch(/total/);
    expect(k.stderr).toContain("1 partial refund(s)");
  });
});

describe("WooCommerce order export (WebToffee layout) with refund_items", () => {
  it("each refund is dated (UTC): refunds by refund date are known, an April refund of a March order is not March's", async () => {
    const all = rows("woocommerce-webtoffee/order_export.csv");
    const counted = all.filter((r) => r.paid_date && r.status !== "pending");
    const refunds = all.flatMap((r) =>
      (r.refund_items ?? "")
        .split(";")
        .filter((e) => e.trim())
        .map((e) => Object.fromEntries(e.split("|").map((p) => [p.slice(0, p.indexOf(":")), p.slice(p.indexOf(":") + 1)]))),
    );
    const inMarch = refunds.filter((x) => (x.date ?? "").startsWith("2024-03"));
    const merchandise = sum(counted.map((r) => cents(r.order_subtotal) - cents(r.discount_total)));
    const config = store("webtoffee", join(FIX, "woocommerce-webtoffee"), ", currency: EUR");
    const k = await kpi(config, "webtoffee", "2024-03-01..2024-03-31");
    expect(k.value.orders).toBe(counted.length);
    expect(k.value.gmv).toBe(sum(counted.map((r) => cents(r.order_total))));
    expect(k.value.refunds).toBe(sum(inMarch.map((x) => cents(x.amount))));
    expect(k.value.net_sales).toBe((k.value.gmv as number) - (k.value.refunds as number));
    expect(k.value.return_rate_value).toBeCloseTo(sum(inMarch.map((x) => cents(x.amount))) / merchandise, 10);
    expect(k.value.paying_customers).toBe(new Set(counted.map((r) => r.customer_email?.toLowerCase())).size);
    const april = await kpi(config, "webtoffee", "2024-04-01..2024-04-30");
    expect(april.value.refunds).toBe(sum(refunds.filter((x) => (x.date ?? "").startsWith("2024-04")).map((x) => cents(x.amount))));
  });
});
