/**
 * Chinese order exports of the fifth round (fixtures/exports/README.md, "Fifth round"): 拼多多 and
 * 抖店 after-sale columns, 快手小店, and an ERP's merged orders refused. Each store's orders, GMV and
 * return rates are checked against a count written here from the raw fixture rows.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, runCli, tempDir } from "../helpers/cli.js";

const FIX = join(REPO, "fixtures", "exports");
const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Rec = Record<string, string>;
function table(path: string, encoding = "utf-8"): Rec[] {
  const text = iconv.decode(readFileSync(join(FIX, path)), encoding);
  // Cells as the seller sees them: the tab and the ="…" guard Excel hides, `-` meaning nothing.
  const seen = (v: string) => (v.trim() === "-" ? "" : v.trim().replace(/^="(.*)"$/, "$1"));
  return (parse(text, { columns: true, bom: true, relax_quotes: true }) as Rec[]).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, seen(v)])),
  );
}
const cents = (s: string | undefined) => Math.round(Number((s ?? "0").replace(/[¥,]/g, "")) * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const STORES = {
  pdd: "pinduoduo-aftersale",
  dy: "douyin-suborders",
  ks: "kuaishou",
  wdt: "wangdiantong",
  tm: "tmall-items-as-orders",
};

beforeAll(() => {
  const lines = Object.entries(STORES).map(
    ([name, dir]) => `  ${name}: { platform: files, dir: ${JSON.stringify(join(FIX, dir))}, currency: CNY, timezone: Asia/Shanghai }`,
  );
  writeFileSync(join(tmp.dir, "merchops.config.yaml"), ["timezone: UTC", "currency: USD", "stores:", ...lines, ""].join("\n"));
});

async function kpi(store: string, extra: string[] = []) {
  const r = await runCli(
    ["kpi", "report", "--store", store, "--period", "2024-03-01..2024-03-31", "--compare", "none", "--json", ...extra],
    { cwd: tmp.dir },
  );
  expect(r.exitCode, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as { rows: { id: string; value: number | null }[] };
  return { value: Object.fromEntries(j.rows.map((x) => [x.id, x.value])), stderr: r.stderr };
}

describe("Chinese order exports, fifth round", () => {
  it("拼多多 with 售后状态 (GB18030): 已收货 + 退款成功 a refund, 售后处理中 not yet, 未发货退款成功 and 已取消，退款成功 refunds, 待支付 without any time left out", async () => {
    const all = table("pinduoduo-aftersale/orders.csv", "gb18030");
    const paid = all.filter((r) => r.订单状态 !== "待支付");
    const refunded = paid.filter((r) => r.售后状态 === "退款成功");
    const units = (rs: Rec[]) => sum(rs.map((r) => Number(r["商品数量(件)"])));
    const merchandise = sum(paid.map((r) => cents(r["商品总价(元)"]) - cents(r["店铺优惠折扣(元)"])));
    const k = await kpi("pdd");
    expect(k.value.orders).toBe(paid.length);
    // GMV is what buyers paid: platform discounts are not the shop's sales.
    expect(k.value.gmv).toBe(sum(paid.map((r) => cents(r["用户实付金额(元)"]))));
    expect(k.value.return_rate_units).toBeCloseTo(units(refunded) / units(paid), 10);
    expect(k.value.return_rate_value).toBeCloseTo(sum(refunded.map((r) => cents(r["用户实付金额(元)"]))) / merchandise, 10);
    expect(k.stderr).toContain('1 order not paid left out of orders and GMV (订单状态: "待支付" ×1)');
    expect(k.stderr).toMatch(/1 line refund amount\(s\) whose refund status does not say/);
  });

  it("抖店 子订单 rows: tab-guarded ids, '-' cells, a refunded 子订单 closed beside a completed one, 已关闭 with '-' never paid, 退款中 not yet a refund", async () => {
    const all = table("douyin-suborders/orders.csv");
    expect(all[0]?.主订单编号).toBe("6930000000000000101");
    const byOrder = new Map<string, Rec[]>();
    for (const r of all) byOrder.set(r.主订单编号 as string, [...(byOrder.get(r.主订单编号 as string) ?? []), r]);
    // Never paid: every row closed and no after-sale.
    const paid = [...byOrder.values()].filter((rs) => rs.some((r) => r.订单状态 !== "已关闭" || r.售后状态 === "退款成功"));
    const rows = paid.flat();
    const done = rows.filter((r) => r.售后状态 === "退款成功");
    const units = (rs: Rec[]) => sum(rs.map((r) => Number(r.商品数量)));
    const k = await kpi("dy");
    expect(k.value.orders).toBe(paid.length);
    expect(k.value.gmv).toBe(sum(paid.map((rs) => cents(rs[0]?.订单应付金额))));
    expect(k.value.return_rate_units).toBeCloseTo(units(done) / units(rows), 10);
    expect(k.value.return_rate_value).toBeCloseTo(
      sum(done.map((r) => cents(r.商品金额))) / sum(rows.map((r) => cents(r.商品单价) * Number(r.商品数量))),
      10,
    );
    expect(k.stderr).toMatch(/1 line refund amount\(s\) whose refund status does not say/);
  });

  it("快手小店: ¥1,289.00, 2024/03/01 dates, 交易关闭 with 退款成功 a refund and without it never paid, 待付款 left out", async () => {
    const all = table("kuaishou/orders.csv");
    const paid = all.filter((r) => r.订单支付时间 !== "");
    const refunded = paid.filter((r) => r.售后状态 === "退款成功");
    const units = (rs: Rec[]) => sum(rs.map((r) => Number(r.成交数量)));
    const k = await kpi("ks");
    expect(k.value.orders).toBe(paid.length);
    expect(k.value.gmv).toBe(sum(paid.map((r) => cents(r.实付款))));
    expect(k.value.return_rate_units).toBeCloseTo(units(refunded) / units(paid), 10);
    expect(k.stderr).toContain('1 order not paid left out of orders and GMV (订单状态: "待付款" ×1)');
  });

  it("Taobao/Tmall 宝贝报表 given as the orders file: the order is the sum of what buyers paid for its 子订单 (never 价格 × 购买数量), a 交易关闭 子订单 with 退款成功 refunded beside a completed one, 无退款申请 read as no refund", async () => {
    const all = table("tmall-items-as-orders/orders.csv", "gb18030");
    const paid = all.filter((r) => r.订单付款时间 !== "");
    const done = paid.filter((r) => r.退款状态 === "退款成功");
    const units = (rs: Rec[]) => sum(rs.map((r) => Number(r.购买数量)));
    const k = await kpi("tm");
    expect(k.value.orders).toBe(new Set(paid.map((r) => r.主订单编号)).size);
    expect(k.value.gmv).toBe(sum(paid.map((r) => cents(r.买家实际支付金额))));
    expect(k.value.gmv).not.toBe(sum(paid.map((r) => cents(r.价格) * Number(r.购买数量))));
    expect(k.value.return_rate_units).toBeCloseTo(units(done) / units(paid), 10);
    expect(k.value.return_rate_value).toBeCloseTo(
      sum(done.map((r) => cents(r.退款金额))) / sum(paid.map((r) => cents(r.买家实际支付金额))),
      10,
    );
    expect(k.stderr).toContain('1 order not paid left out of orders and GMV (订单状态: "等待买家付款" ×1)');
    expect(k.stderr).toMatch(/1 line refund amount\(s\) whose refund status does not say/);
  });

  it("an after-sale word the export is not known to write is refused naming the cell, and read once the config says what it means", async () => {
    const dir = join(tmp.dir, "pdd-new-word");
    const text = iconv.decode(readFileSync(join(FIX, "pinduoduo-aftersale/orders.csv")), "gb18030").replace("售后处理中", "退货退款中");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "orders.csv"), iconv.encode(text, "gb18030"));
    const config = (mapping: string) =>
      `timezone: UTC\nstores:\n  x: { platform: files, dir: ${JSON.stringify(dir)}, currency: CNY, timezone: Asia/Shanghai${mapping} }\n`;
    writeFileSync(join(tmp.dir, "new-word.yaml"), config(""));
    const bad = await runCli(["kpi", "report", "--config", "new-word.yaml", "--store", "x", "--period", "2024-03-01..2024-03-31"], {
      cwd: tmp.dir,
    });
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('row 4, column "售后状态": "退货退款中" is not an after-sale state');
    expect(bad.stderr).toContain('mapping.orders.statuses: { "退货退款中": refunded }');
    writeFileSync(join(tmp.dir, "new-word.yaml"), config(', mapping: { orders: { statuses: { "退货退款中": paid } } }'));
    const ok = await runCli(["kpi", "report", "--config", "new-word.yaml", "--store", "x", "--period", "2024-03-01..2024-03-31"], {
      cwd: tmp.dir,
    });
    expect(ok.exitCode, ok.stderr).toBe(0);
  });

  it("旺店通 订单明细 (an ERP's merged orders) is refused naming what to give instead", async () => {
    const r = await runCli(["kpi", "report", "--store", "wdt", "--period", "2024-03-01..2024-03-31"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain("旺店通 订单明细");
    expect(r.stderr).toContain("mapping.orders.columns");
  });
});
