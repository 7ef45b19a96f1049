/**
 * The consultant's path for the returns audit: a client's folder holding a Shopify-style
 * orders.xlsx (one row per line item, Chinese headers, Chinese status words) and a GB18030
 * returns.csv with Chinese headers gives the same audit as the same data in a local store.
 * Two shapes of orders.xlsx: order columns repeated on every line row with real Excel date cells,
 * and order columns on the first row of each order only with "2026/11/3 14:05:09" text dates.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { type CsvRow, DEMO_DIR, readDemo } from "../helpers/demo-data.js";
import { SOURCE_ZH, STATUS_ZH } from "../helpers/zh-export.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const RETURN_STATUS_ZH: Record<string, string> = { refunded: "退款成功", processing: "退款中" };

function wallClock(iso: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+08:00$/.exec(iso);
  if (!m) throw new Error(`unexpected timestamp ${iso}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return { y, mo, d, h, mi, s };
}
/** "2026-11-03T14:05:09+08:00" -> "2026/11/3 14:05:09": how a Chinese back office writes store time. */
function localText(iso: string): string {
  const t = wallClock(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.y}/${t.mo}/${t.d} ${p(t.h)}:${p(t.mi)}:${p(t.s)}`;
}
/** An Excel date cell: the wall-clock time in the UTC fields (Excel dates have no zone). */
function excelDate(iso: string): Date {
  const t = wallClock(iso);
  return new Date(Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s));
}
/** Spreadsheets hold numbers as numbers: "329.00" -> 329, "37" -> 37, "M" stays text. */
const num = (s: string | undefined) => (s === undefined || s === "" ? null : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);

const ORDER_HEADERS = [
  "订单编号",
  "下单时间",
  "订单状态",
  "币种",
  "买家会员名",
  "来源渠道",
  "商品总额",
  "优惠金额",
  "运费",
  "税费",
  "实付金额",
  "优惠券",
  "测试订单",
];
const LINE_HEADERS = ["商家编码", "商品名称", "商品id", "尺码", "颜色", "类目", "数量", "单价", "优惠分摊"];

async function writeOrdersXlsx(file: string, shape: "every-row" | "first-row"): Promise<void> {
  const linesOf = new Map<string, CsvRow[]>();
  for (const l of readDemo("order_lines")) {
    const list = linesOf.get(l.order_id as string) ?? [];
    list.push(l);
    linesOf.set(l.order_id as string, list);
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet("订单报表");
  ws.addRow([...ORDER_HEADERS, ...LINE_HEADERS]).commit();
  for (const o of readDemo("orders")) {
    const lines = linesOf.get(o.order_id as string) ?? [];
    expect(lines.length, `order ${o.order_id} has lines`).toBeGreaterThan(0);
    lines.forEach((l, i) => {
      const orderCells =
        shape === "every-row" || i === 0
          ? [
              o.order_id,
              shape === "every-row" ? excelDate(o.placed_at as string) : localText(o.placed_at as string),
              STATUS_ZH[o.status as string],
              o.currency,
              o.customer_id,
              SOURCE_ZH[o.source as string] ?? o.source,
              num(o.subtotal),
              num(o.discount),
              num(o.shipping),
              num(o.tax),
              num(o.total),
              o.coupon_code || null,
              o.test === "true" ? "是" : "否",
            ]
          : // Shopify repeats the order name on every line row and leaves the other order columns blank.
            [o.order_id, ...ORDER_HEADERS.slice(1).map(() => null)];
      const row = ws.addRow([
        ...orderCells,
        l.sku,
        l.title,
        l.product_id,
        num(l.size),
        l.colour,
        l.category,
        num(l.quantity),
        num(l.unit_price),
        num(l.discount),
      ]);
      if (shape === "every-row") row.getCell(2).numFmt = "yyyy-mm-dd hh:mm:ss";
      row.commit();
    });
  }
  ws.commit();
  await wb.commit();
}

function writeReturnsCsv(file: string): void {
  const rows = readDemo("returns").map((r) => ({
    退款编号: r.return_id,
    订单编号: r.order_id,
    商家编码: r.sku,
    退货数量: r.quantity,
    退款金额: r.refund_amount,
    申请时间: localText(r.requested_at as string),
    退款时间: r.refunded_at ? localText(r.refunded_at) : "",
    退款原因: r.reason,
    原因代码: r.reason_code,
    退款状态: RETURN_STATUS_ZH[r.status as string] ?? r.status,
  }));
  writeFileSync(file, iconv.encode(stringify(rows, { header: true }), "gb18030"));
}

beforeAll(async () => {
  for (const shape of ["every-row", "first-row"] as const) {
    const dir = join(tmp.dir, shape);
    mkdirSync(dir);
    await writeOrdersXlsx(join(dir, "orders.xlsx"), shape);
    writeReturnsCsv(join(dir, "returns.csv"));
  }
  writeFileSync(
    join(tmp.dir, "merchops.config.yaml"),
    [
      "timezone: Asia/Shanghai",
      "currency: CNY",
      "stores:",
      "  everyrow:",
      "    platform: files",
      "    dir: ./every-row",
      // 待付款 is left out as never paid unless the store says otherwise; the demo store's "pending"
      // is merchops' canonical pending (placed, counted), so the client's files say the same.
      "    mapping: { orders: { statuses: { 待付款: pending } } }",
      "  firstrow:",
      "    platform: files",
      "    dir: ./first-row",
      "    mapping: { orders: { statuses: { 待付款: pending } } }",
      "  mirror:",
      "    platform: local",
      `    seed: ${JSON.stringify(DEMO_DIR)}`,
      "",
    ].join("\n"),
  );
});

interface Audit {
  store: { name: string; platform: string };
  summary: { returns: number; rate_units: number; rate_value: number | null };
  rows: unknown[];
  by_sku: { key: string }[];
  by_size: unknown[];
  reasons: unknown[];
  unmatched_reasons: unknown[];
  flags: { kind: string; key: string }[];
  issues: unknown[];
  warnings: string[];
  counts: unknown;
}

async function audit(store: string, args: string[]): Promise<Audit> {
  const r = await runCli(["returns", "audit", "--store", store, "--json", ...args], { cwd: tmp.dir });
  expect(r.stderr).not.toMatch(/^error/m);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Audit;
}

const comparable = (a: Audit) => ({
  summary: a.summary,
  rows: a.rows,
  by_sku: a.by_sku,
  by_size: a.by_size,
  reasons: a.reasons,
  unmatched_reasons: a.unmatched_reasons,
  flags: a.flags,
  issues: a.issues,
  warnings: a.warnings,
  counts: a.counts,
});

describe("the client's folder is what the test says it is", () => {
  it("orders.xlsx with line columns and no separate lines file; returns.csv in GB18030 with Chinese headers", () => {
    for (const shape of ["every-row", "first-row"]) {
      const dir = join(tmp.dir, shape);
      expect(readdirSync(dir).sort()).toEqual(["orders.xlsx", "returns.csv"]);
      const bytes = readFileSync(join(dir, "returns.csv"));
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
      expect(iconv.decode(bytes, "gb18030").split("\n")[0]).toBe(
        "退款编号,订单编号,商家编码,退货数量,退款金额,申请时间,退款时间,退款原因,原因代码,退款状态",
      );
      expect(existsSync(join(dir, "order_lines.csv"))).toBe(false);
    }
  });
});

describe("files store (orders.xlsx + GB18030 returns.csv) vs the same data in a local store", () => {
  const runs: [string, string[]][] = [
    ["whole range, cohort, by sku", ["--period", "2026-08-27..2026-11-24"]],
    ["October, period basis, by size", ["--period", "2026-10-01..2026-10-31", "--basis", "period", "--by", "size"]],
    ["September, by variant", ["--period", "2026-09-01..2026-09-30", "--by", "variant"]],
  ];
  // Three CLI runs each parse the workbook: minutes on a loaded 2-core machine. Nothing here is
  // timed, so the timeout is a hang guard only.
  for (const [name, args] of runs) {
    it(`gives the same audit: ${name}`, { timeout: 300_000 }, async () => {
      const [everyRow, firstRow, mirror] = await Promise.all([audit("everyrow", args), audit("firstrow", args), audit("mirror", args)]);
      expect(everyRow.store.platform).toBe("files");
      expect(mirror.store.platform).toBe("local");
      // Not trivially equal: the audit found returns and the planted SKU.
      expect(mirror.summary.returns).toBeGreaterThan(100);
      expect(mirror.by_sku.some((r) => r.key === "DR002-BEI-M")).toBe(true);
      expect(mirror.rows.length).toBeGreaterThan(5);
      expect(comparable(everyRow)).toEqual(comparable(mirror));
      expect(comparable(firstRow)).toEqual(comparable(mirror));
    });
  }

  it("finds the planted problems in the client's files", async () => {
    const a = await audit("firstrow", ["--period", "2026-08-27..2026-11-24"]);
    expect(a.flags.some((f) => f.kind === "high_return_rate" && f.key === "DR002-BEI-M")).toBe(true);
    expect(a.flags.some((f) => f.kind === "size_skew" && f.key === "JW001|S")).toBe(true);
    expect(a.issues).toEqual([]);
  });
});
