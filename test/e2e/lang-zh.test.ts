/**
 * Every main command on the demo store with --lang zh: no line of stdout or stderr may be English
 * prose. Ids, SKUs, file paths, units, commands, option names and proper names are allowed
 * (the explicit allowlist below); everything else a person reads must come from the zh catalog.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/ui/layout.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { englishWords, offenders } from "../helpers/english-prose.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
function freshDir(): string {
  const dir = join(tmp.dir, `run${++n}`);
  mkdirSync(dir);
  return dir;
}

const FIXTURES = join(import.meta.dirname, "../../fixtures");

const COMMANDS: { name: string; args: string[]; env?: Record<string, string> }[] = [
  { name: "kpi report", args: ["kpi", "report"] },
  { name: "kpi report, 30 days", args: ["kpi", "report", "--period", "last-30-days"] },
  { name: "kpi report --explain", args: ["kpi", "report", "--explain"] },
  { name: "returns audit", args: ["returns", "audit"] },
  { name: "shipments sync", args: ["shipments", "sync"] },
  { name: "shipments status", args: ["shipments", "status"] },
  { name: "prices report (no snapshots yet)", args: ["prices", "report"] },
  { name: "prices snapshot", args: ["prices", "snapshot", "--query", "连衣裙"] },
  { name: "returns audit --by courier", args: ["returns", "audit", "--by", "courier"] },
  { name: "digest --format md", args: ["digest", "--format", "md"] },
  { name: "a bad period", args: ["returns", "audit", "--period", "2026-13-01"] },
  { name: "catalog import --dry-run", args: ["catalog", "import", join(FIXTURES, "catalog/supplier-zh-utf8.csv"), "--dry-run"] },
  // Row checks of the catalog (core/catalog): errors and warnings of files that have them.
  ...[
    "bad/duplicate-sku.csv",
    "bad/negative-price.csv",
    "bad/shopify-option-value-without-name.csv",
    "bad/woocommerce-missing-parent.csv",
    "bad/proto-header.csv",
    "bad/missing-axis.csv",
    "bad/price-abc.csv",
    "cn/taobao-v4-gbk.csv",
    "cn/supplier-1688-article-no.csv",
    "real-world/shopify-empty-handles.csv",
    "real-world/shopify-excel-mangled.csv",
    "real-world/woocommerce-zh-cn-localized.csv",
  ].map((f) => ({
    name: `catalog import --dry-run ${f}`,
    args: ["catalog", "import", join(FIXTURES, "catalog", f), "--dry-run"],
    // Wide enough that no cell wraps: the checker removes quoted merchant values, which a wrap would cut.
    env: { COLUMNS: "1000" },
  })),
  { name: "digest", args: ["digest"] },
  {
    name: "init",
    args: [
      "init",
      "--store-name",
      "shop",
      "--platform",
      "files",
      "--dir",
      "./exports",
      "--template",
      "files-store",
      "--timezone",
      "Asia/Shanghai",
      "--currency",
      "CNY",
    ],
  },
  { name: "init, a bad store name", args: ["init", "--store-name", "my shop", "--platform", "local", "--timezone", "UTC"] },
  {
    name: "init, shopify without its token",
    args: [
      "init",
      "--store-name",
      "shop",
      "--platform",
      "shopify",
      "--address",
      "acme.myshopify.com",
      "--timezone",
      "UTC",
      "--currency",
      "USD",
    ],
  },
  { name: "an unknown store", args: ["kpi", "report", "--store", "nosuch"] },
];

describe("--lang zh speaks Chinese", () => {
  it("finds English where there is some (the checker itself)", () => {
    expect(englishWords("Shipments sync")).toEqual(["Shipments", "sync"]);
    expect(englishWords("店铺：demo (local)，见 fixtures/demo-store 与 --format csv")).toEqual([]);
  });

  for (const c of COMMANDS) {
    it(`${c.name}: no English prose on stdout or stderr`, async () => {
      const r = await runCli([...c.args, "--lang", "zh"], { cwd: freshDir(), env: c.env });
      expect(offenders(r.stdout), "stdout").toEqual([]);
      expect(offenders(r.stderr), "stderr").toEqual([]);
    });
  }

  // Cell values the parsers refuse (core/values.ts, core/attributes/units.ts), each named in Chinese:
  // another currency's symbol or code, scientific notation, a stock that is not a whole number, a
  // weight with no known unit, a cost with a fifth decimal. A decimal-comma price (1.299,50) is read.
  it("value errors of a catalog file are Chinese, each on its cell", async () => {
    // Hand-written (not the catalog fixture generator's): one bad value per cell.
    const file = join(import.meta.dirname, "../fixtures/catalog/value-errors.csv");
    const r = await runCli(["catalog", "import", file, "--dry-run", "--lang", "zh"], { cwd: freshDir(), env: { COLUMNS: "400" } });
    expect(offenders(r.stdout), "stdout").toEqual([]);
    expect(offenders(r.stderr), "stderr").toEqual([]);
    for (const line of [
      "第 3 行，“售价”列 │ 售价“€20.00”带有货币符号 €，不是 CNY；这一列的币种是 CNY",
      "第 4 行，“售价”列 │ 售价“US$5.00”是 USD 金额，而这一列的币种是 CNY",
      "第 5 行，“库存”列 │ 库存“abc”不是整数",
      "第 5 行，“重量”列 │ 重量“三斤”不是重量；应为数字加单位（g、kg、斤、两、lb 或 oz；只写数字按克计）",
      "第 6 行，“成本价”列 │ 成本“0.71435”的小数超过 4 位；成本最多保留 4 位小数",
      "第 7 行，“售价”列 │ 售价“6.9E+12”是科学计数法；应填写金额，例如 129.90",
      "第 7 行，“库存”列 │ 库存“1e3”不是整数",
    ]) {
      expect(r.stdout.replace(/ +│ +/g, " │ ")).toContain(line);
    }
    // Row 2's decimal-comma price is read, not refused.
    expect(r.stdout).not.toContain("第 2 行，“售价”列");
  });

  // A value the files store refuses (core/values.ts through the files adapter): the cell named, the problem in Chinese.
  it("a files-store amount in another currency is refused in Chinese", async () => {
    const dir = freshDir();
    const exportDir = join(FIXTURES, "exports/bad-symbols");
    writeFileSync(
      join(dir, "merchops.config.yaml"),
      `timezone: UTC\ncurrency: USD\nstores:\n  sym: { platform: files, dir: ${JSON.stringify(exportDir)}, files: { orders: orders.csv } }\n`,
    );
    const r = await runCli(["kpi", "report", "--store", "sym", "--period", "2024-03-01..2024-03-31", "--lang", "zh"], { cwd: dir });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain("orders.csv，第 3 行，“Total”列：“€95.00”带有货币符号 €，不是 USD；这一列的币种是 USD");
    expect(offenders(r.stderr)).toEqual([]);
  });

  // A refused config: zod's own phrase in Chinese (its zh-CN locale), the key path as written.
  it("a bad config is reported in Chinese, zod's phrase included; English unchanged", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "merchops.config.yaml"), "stores:\n  shop:\n    platform: local\n    timezone: 12\n");
    const zh = await runCli(["kpi", "report", "--lang", "zh"], { cwd: dir });
    expect(zh.exitCode).toBe(2);
    expect(zh.stderr).toContain("错误：merchops.config.yaml:4：stores.shop.timezone：期望 string，实际接收 数字");
    // zod's type names (string, number) and the README's section name stay as written; its phrases do not.
    expect(zh.stderr).not.toMatch(/expected|received|Invalid/);
    const en = await runCli(["kpi", "report", "--lang", "en"], { cwd: dir });
    expect(en.stderr).toContain("error: merchops.config.yaml:4: stores.shop.timezone: expected string, received number");
  });

  // The files people open: every word of the page or workbook (sheet names included) from the zh catalog.
  // Workbooks keep their machine columns (the "key" id column, metric ids) as the JSON names them.
  const MACHINE_COLUMNS = /^[a-z_0-9]+(:\S+)?$/;
  for (const c of [
    { name: "kpi report", args: ["kpi", "report", "--period", "last-7-days"] },
    { name: "returns audit", args: ["returns", "audit"] },
    { name: "digest", args: ["digest"] },
    { name: "prices report", args: ["prices", "report"], snapshot: true },
  ]) {
    it(`${c.name}: the html page and the xlsx workbook are Chinese`, async () => {
      const dir = freshDir();
      if (c.snapshot) await runCli(["prices", "snapshot", "--query", "连衣裙", "--query", "跑步鞋", "--lang", "zh"], { cwd: dir });
      const page = join(dir, "report.html");
      const book = join(dir, "report.xlsx");
      for (const out of [page, book]) {
        const r = await runCli([...c.args, "--lang", "zh", "--out", out], { cwd: dir });
        expect([0, 4], r.stderr).toContain(r.exitCode);
        expect(offenders(r.stderr), "stderr").toEqual([]);
      }
      const markup = readFileSync(page, "utf8");
      expect(markup).toContain('<html lang="zh-Hans">');
      const text = markup
        .replace(/<style>[\s\S]*?<\/style>/, "")
        .replace(/<[^>]+>/g, "\n")
        .replace(/&[a-z]+;|&#\d+;/g, " ");
      expect(offenders(text), "html").toEqual([]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(book);
      const cells: string[] = [];
      wb.eachSheet((ws) => {
        cells.push(ws.name);
        ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === "string" && cells.push(cell.value))));
      });
      expect(cells).toContain("运行信息");
      // Merchant data is theirs (the demo's product titles say "Polo衫"); ids and machine columns stay.
      const words = cells.filter((v) => !MACHINE_COLUMNS.test(v)).map((v) => v.replace(/Polo/g, " "));
      expect(offenders(words.join("\n")), "xlsx").toEqual([]);
    });
  }

  it("LANG=zh_CN.UTF-8 is a hint when neither --lang, MERCHOPS_LANG nor the config says", async () => {
    const r = await runCli(["kpi", "report", "--now", "not-a-date"], { cwd: freshDir(), env: { LANG: "zh_CN.UTF-8" } });
    expect(r.stderr).toContain("不是日期时间");
  });

  it("LANG=zh_TW.UTF-8 gives Traditional Chinese", async () => {
    const r = await runCli(["kpi", "report", "--now", "not-a-date"], { cwd: freshDir(), env: { LC_ALL: "zh_TW.UTF-8" } });
    expect(r.stderr).toContain("不是日期時間");
  });

  it("--help in zh", async () => {
    const r = await runCli(["kpi", "report", "--help", "--lang", "zh"], { cwd: freshDir() });
    expect(r.stdout).toContain("用法：");
    expect(r.stdout).toContain("报告一个统计期");
  });
});

/**
 * The operations core under --lang zh (issue 14 item 2): the shipments sheet's row problems, the
 * prices config and a competitor sheet whose prices cannot be read, the returns, digest and SLA
 * configs. Each run is also made at COLUMNS=80, where no line may be wider than 80 display columns.
 * The sheets are this repo's own (fixtures/shipments/bad-*-zh.csv), copied next to the config so
 * that paths stay short.
 */
describe("--lang zh: shipments, prices, returns and digest problems", () => {
  const SHIPMENTS = join(FIXTURES, "shipments");
  const NOW = ["--now", "2026-11-25T00:00:00+08:00"];

  interface Case {
    name: string;
    args: string[];
    exit: number;
    /** Files written into the run's folder first (name -> content); a sheet is copied from fixtures/shipments. */
    files?: Record<string, string>;
    sheet?: string;
    says: string[];
  }
  const CASES: Case[] = [
    {
      name: "shipments import: a sheet with bad rows",
      sheet: "bad-many-rows-zh.csv",
      args: ["shipments", "import", "bad-many-rows-zh.csv", "--dry-run", ...NOW],
      exit: 3,
      says: [
        "未知的快递公司“顺风快递”",
        "没有快递公司",
        "没有订单号",
        "含有字母和数字以外的字符",
        "填了数量（2）却没有 SKU",
        "2 个 SKU 只填了一个数量",
        "“RR123456789CN”的校验位不对",
        "有 4 位；运单号应为 5 到 50 位",
        "数量 0 至少应为 1",
        "一个包裹不能同时发订单 O113843 和 O113844",
        "店铺“demo”里没有订单 O999999",
      ],
    },
    {
      name: "shipments import: a sheet without its tracking-number column",
      sheet: "bad-missing-column-zh.csv",
      args: ["shipments", "import", "bad-missing-column-zh.csv", "--dry-run", ...NOW],
      exit: 3,
      says: ["bad-missing-column-zh.csv"],
    },
    {
      name: "prices snapshot: a bad prices config",
      files: { "merchops.config.yaml": "prices:\n  delayMs: 0\n  sources:\n    rival_sheet: { type: spreadsheet }\n" },
      args: ["prices", "snapshot", "--query", "连衣裙"],
      exit: 2,
      says: ["`spreadsheet` 类型的来源需要填写 `file`"],
    },
    {
      name: "prices snapshot: a source that is not a marketplace given an app key",
      files: {
        "merchops.config.yaml":
          "prices:\n  delayMs: 0\n  sources:\n    rival_sheet: { type: spreadsheet, file: competitors.csv, appKey: env:KEY }\n",
      },
      args: ["prices", "snapshot", "--query", "连衣裙"],
      exit: 2,
      says: ["只有 `taobao`、`jd` 和 `pdd` 类型的来源才能设置 `appKey`"],
    },
    {
      name: "prices snapshot: a competitor sheet with a price that is none",
      files: {
        "merchops.config.yaml": "prices:\n  delayMs: 0\n  sources:\n    rival_sheet: { type: spreadsheet, file: competitors.csv }\n",
        "competitors.csv":
          "query,rank,competitor,title,url,price,compare_at_price,currency,in_stock,promotion\n" +
          "连衣裙,1,森屿女装旗舰店,法式碎花雪纺连衣裙,https://competitor.example/senyu/dress-101,面议,299.00,CNY,yes,满199减20\n",
      },
      args: ["prices", "snapshot", "--query", "连衣裙"],
      exit: 5,
      says: ["“面议”里没有价格"],
    },
    {
      name: "prices snapshot: a compare-at price in two currencies",
      files: {
        "merchops.config.yaml": "prices:\n  delayMs: 0\n  sources:\n    rival_sheet: { type: spreadsheet, file: competitors.csv }\n",
        "competitors.csv":
          "query,rank,competitor,title,url,price,compare_at_price,currency,in_stock,promotion\n" +
          "连衣裙,1,初语官方店,碎花连衣裙,https://competitor.example/chuyu/dress-7,¥99 - ¥199,¥199 - €259,CNY,yes,限时特惠 送运费险\n",
      },
      args: ["prices", "snapshot", "--query", "连衣裙"],
      exit: 5,
      says: ["“¥199 - €259”混用了 CNY 和 EUR"],
    },
    {
      name: "returns audit: a return window below zero",
      files: { "merchops.config.yaml": "returns:\n  windowDays: -3\n" },
      args: ["returns", "audit"],
      exit: 2,
      says: ["returns.windowDays"],
    },
    {
      name: "returns audit: a period that is none",
      files: { "merchops.config.yaml": "returns:\n  period: last-fortnight\n" },
      args: ["returns", "audit"],
      exit: 2,
      says: ["不是有效的时间段"],
    },
    {
      name: "digest: a period that is none",
      files: { "merchops.config.yaml": "digest:\n  period: every-tuesday\n" },
      args: ["digest"],
      exit: 2,
      says: ["不是有效的时间段"],
    },
    {
      name: "digest: a WeCom robot given both its key and its webhook",
      files: {
        "merchops.config.yaml": "notify:\n  channels:\n    ops: { type: wecom, key: env:WECOM_KEY, webhook: env:WECOM_HOOK }\n",
      },
      args: ["digest"],
      exit: 2,
      says: ["`key` 和 `webhook` 请只填其中一个"],
    },
    {
      name: "shipments sync --fail-on-breach: an SLA region without a name",
      files: { "merchops.config.yaml": 'shipments:\n  sla:\n    sf:\n      regions:\n        " ": { deliveryDays: 3 }\n' },
      args: ["shipments", "sync", "--fail-on-breach"],
      exit: 2,
      says: ["“ ”不是地区名称"],
    },
    {
      name: "shipments sync --fail-on-breach: an SLA limit below zero",
      files: { "merchops.config.yaml": "shipments:\n  sla:\n    default: { deliveryDays: -2 }\n" },
      args: ["shipments", "sync", "--fail-on-breach"],
      exit: 2,
      says: ["shipments.sla.default.deliveryDays"],
    },
  ];

  async function run(c: Case, columns: number) {
    const dir = freshDir();
    for (const [name, content] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), content);
    if (c.sheet) copyFileSync(join(SHIPMENTS, c.sheet), join(dir, c.sheet));
    return runCli([...c.args, "--lang", "zh"], { cwd: dir, env: { COLUMNS: String(columns) } });
  }

  for (const c of CASES) {
    it(`${c.name}: Chinese only, exit ${c.exit}`, async () => {
      // Wide enough that no cell wraps: the checker removes quoted merchant values, which a wrap would cut.
      const r = await run(c, 400);
      expect(r.exitCode, r.stderr).toBe(c.exit);
      expect(offenders(r.stdout), "stdout").toEqual([]);
      expect(offenders(r.stderr), "stderr").toEqual([]);
      for (const text of c.says) expect(r.stdout + r.stderr).toContain(text);
    });
    it(`${c.name}: no line wider than 80 columns at COLUMNS=80`, async () => {
      const r = await run(c, 80);
      expect(r.exitCode, r.stderr).toBe(c.exit);
      const over = [...r.stdout.split("\n"), ...r.stderr.split("\n")].filter((l) => displayWidth(l) > 80);
      expect(over).toEqual([]);
    });
  }
});
