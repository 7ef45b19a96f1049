/**
 * Every HTML report the CLI writes (kpi, returns audit, prices report, shipments status, digest),
 * opened in headless Chromium. A probe measures the laid-out page: chart titles, data marks with a
 * real box on the page (at least one per data point), threshold lines, labels in order, and CJK
 * text drawn in real glyphs rather than tofu; a screenshot shows the series colours painted.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHART_PALETTE } from "../../src/ui/html.js";
import { type FakeStorefront, startShopifyStorefront } from "../fakes/storefronts.js";
import { assertNotBlank, findChromium, MISSING_CHROMIUM, type PageProbe, probePage, screenshot } from "../helpers/chromium.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { loadExpected } from "../helpers/shipments.js";

const tmp = tempDir("merchops-html-");
let shop: FakeStorefront;
const SNAPSHOTS = ["2026-11-03T06:00:00+08:00", "2026-11-10T06:00:00+08:00", "2026-11-17T06:00:00+08:00", "2026-11-24T06:00:00+08:00"];

/** Runs the CLI; exit 4 (breaches found) is a report like any other here. */
const cli = async (args: string[], env: Record<string, string> = {}, cwd = tmp.dir) => {
  const r = await runCli(args, { cwd, env });
  expect([0, 4], `merchops ${args.join(" ")}\n${r.stderr}`).toContain(r.exitCode);
  return r;
};
const page = (name: string) => join(tmp.dir, `${name}.html`);
/** A folder of its own, for a run whose state must not see another's (a digest reports a finding as new once). */
const freshDir = (name: string) => {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  return dir;
};
const html = (name: string) => readFileSync(page(name), "utf8");
const chart = (p: PageProbe, id: string) => {
  const c = p.charts.find((x) => x.id === id);
  if (!c) throw new Error(`no chart ${id} in ${p.title}: ${p.charts.map((x) => x.id).join(", ")}`);
  return c;
};
/** Visible text of a page, tags and the style sheet removed. */
const visibleText = (markup: string) => markup.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");

beforeAll(async () => {
  // Never skip: a missing browser must be visible as a failure with the fix in the message.
  if (findChromium() === null) throw new Error(MISSING_CHROMIUM);
  shop = await startShopifyStorefront();
  // Prices need a competitor source: their own folder, so the others run on the demo store's defaults.
  const pricesDir = join(tmp.dir, "prices");
  mkdirSync(pricesDir);
  writeFileSync(
    join(pricesDir, "merchops.config.yaml"),
    `prices:\n  delayMs: 0\n  mapping: { 跑步鞋: RN001 }\n  sources:\n    rival: { type: shopify, url: "${shop.url}", currency: CNY }\n`,
  );
  const out = (name: string) => ["--format", "html", "--out", page(name)];
  await cli(["kpi", "report", "--period", "last-30-days", ...out("kpi")]);
  await cli(["kpi", "report", "--period", "last-30-days", "--lang", "zh", ...out("kpi-zh")]);
  await cli(["returns", "audit", ...out("returns")]);
  await cli(["returns", "audit", "--lang", "zh", ...out("returns-zh")]);
  const shoes = shop.products.filter((p) => p.title.includes("跑步鞋"));
  for (const [i, now] of SNAPSHOTS.entries()) {
    for (const p of shoes) p.price += (i % 2 === 0 ? -1 : 1) * 500; // prices move between snapshots
    await cli(["prices", "snapshot", "--query", "跑步鞋", "--allow-private", "--quiet"], { MERCHOPS_NOW: now }, pricesDir);
  }
  await cli(["prices", "report", ...out("prices")], {}, pricesDir);
  await cli(["prices", "report", "--lang", "zh", ...out("prices-zh")], {}, pricesDir);
  const asOf = ["--now", loadExpected().asOf];
  await cli(["shipments", "sync", ...asOf, "--quiet"]);
  await cli(["shipments", "status", ...asOf, ...out("shipments")]);
  await cli(["digest", ...out("digest")]);
  await cli(["digest", "--lang", "zh", ...out("digest-zh")], {}, freshDir("digest-zh"));
}, 300_000);

afterAll(async () => {
  await shop?.close();
  // MERCHOPS_KEEP_SCREENSHOTS=dir keeps every page and its screenshot for a person to look at.
  const keep = process.env.MERCHOPS_KEEP_SCREENSHOTS;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    for (const f of readdirSync(tmp.dir).filter((n) => /\.(html|png)$/.test(n))) copyFileSync(join(tmp.dir, f), join(keep, f));
  }
  tmp.cleanup();
});

describe("HTML reports in headless Chromium", () => {
  it("kpi report: tiles first, then the daily charts with a mark per day", { timeout: 300_000 }, async () => {
    const p = await probePage(page("kpi"));
    expect(p.tiles).toBeGreaterThanOrEqual(8);
    expect(html("kpi").indexOf('class="tiles"')).toBeLessThan(html("kpi").indexOf("<table"));
    for (const [id, title] of [
      ["gmv-daily", "GMV per day"],
      ["orders-daily", "Orders per day"],
      ["visitors-daily", "Visitors per day"],
      ["conversion-daily", "Conversion rate per day"],
    ] as const) {
      const c = chart(p, id);
      expect(c.title).toBe(title);
      expect(c.marks, `${id}: one mark per day`).toBeGreaterThanOrEqual(30);
      expect(c.width).toBeGreaterThan(600);
    }
    // Visitors have their own chart: nothing divides them to fit the orders axis.
    expect(visibleText(html("kpi"))).not.toMatch(/÷\s*10/);
    expect(chart(p, "conversion-daily").markLines).toBeGreaterThanOrEqual(1);
    // Additive figures start at zero.
    expect(chart(p, "gmv-daily").texts).toContain("¥0");
    expect(chart(p, "orders-daily").texts).toContain("0");
    expect(visibleText(html("kpi"))).not.toMatch(/--explain|Run with/);

    const png = join(tmp.dir, "kpi.png");
    await screenshot(page("kpi"), png, "1200,4200");
    const stats = assertNotBlank(png, { expectColours: [CHART_PALETTE[0]], minColourPixels: 500 });
    const box = stats.colours[CHART_PALETTE[0]]?.box;
    expect(box, "the GMV line is drawn").toBeTruthy();
    if (box) expect(box.right - box.left).toBeGreaterThan(stats.width * 0.4);
  });

  it("kpi report in Chinese: CJK titles drawn in real glyphs, no tofu", { timeout: 300_000 }, async () => {
    const p = await probePage(page("kpi-zh"));
    expect(chart(p, "gmv-daily").title).toBe("每日成交额");
    expect(chart(p, "gmv-daily").marks).toBeGreaterThanOrEqual(30);
    expect(p.cjk.chars).toBeGreaterThanOrEqual(8);
    expect(p.cjk.tofu, "CJK characters drawn as .notdef boxes: install fonts-noto-cjk").toBe(0);
    expect(p.cjk.distinctGlyphs).toBe(p.cjk.chars);
    // Every chart title in Chinese, drawn with its marks; the page and its charts in a CJK font stack.
    for (const [id, title] of [
      ["gmv-daily", "每日成交额"],
      ["orders-daily", "每日订单数"],
      ["visitors-daily", "每日访客数"],
      ["conversion-daily", "每日转化率"],
    ] as const) {
      expect(chart(p, id).title).toBe(title);
      expect(chart(p, id).marks, `${id}: one mark per day`).toBeGreaterThanOrEqual(30);
    }
    expect(chart(p, "conversion-daily").texts).toEqual(expect.arrayContaining([expect.stringMatching(/^阈值 /)]));
    expect(p.lang).toBe("zh-Hans");
    expect(p.font).toMatch(/^"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei"/);
    expect(html("kpi-zh")).toContain("font-family:'Noto Sans CJK SC'");
    expect(visibleText(html("kpi-zh"))).not.toMatch(/\b(threshold|no data|Notes)\b/);
  });

  it("returns audit: threshold line, every reason whole, sizes in size order", { timeout: 300_000 }, async () => {
    const json = JSON.parse((await cli(["returns", "audit", "--json"])).stdout) as {
      rows: { status: string }[];
      reasons: unknown[];
    };
    const p = await probePage(page("returns"));
    const top = chart(p, "rate-by-group");
    expect(top.title).toMatch(/^Return rate \(units\) by SKU/);
    expect(top.marks).toBeGreaterThanOrEqual(Math.min(15, json.rows.filter((r) => r.status !== "low_volume").length));
    expect(top.markLines, "the threshold is one line").toBe(1);
    expect(top.texts).toContain("Threshold 15.0%");

    const reasons = chart(p, "reasons");
    expect(reasons.marks).toBe(json.reasons.length);
    expect(reasons.texts).toEqual(expect.arrayContaining(["Quality / defect", "Not as described", "Damaged in transit"]));
    expect(reasons.texts.join("|")).not.toContain("…");

    const clothing = chart(p, "rate-by-size-clothing").texts.filter((t) => /^(X*S|M|X*L|\dXL)$/.test(t));
    expect(clothing).toEqual(["XS", "S", "M", "L", "XL", "XXL"]);
    const numeric = chart(p, "rate-by-size-number").texts.filter((t) => /^\d{2}$/.test(t) && Number(t) >= 30);
    expect(numeric.length).toBeGreaterThanOrEqual(5);
    expect(numeric).toEqual([...numeric].sort((a, b) => Number(a) - Number(b)));
    expect(chart(p, "rate-by-size-number").texts).not.toContain("XL");
    expect(visibleText(html("returns"))).not.toMatch(/\s--[a-z]/);
  });

  it("returns audit in Chinese: no tofu", { timeout: 300_000 }, async () => {
    const p = await probePage(page("returns-zh"));
    expect(p.title).toMatch(/^退货审计/);
    expect(p.cjk.tofu).toBe(0);
    expect(p.charts.length).toBeGreaterThanOrEqual(3);
    const top = chart(p, "rate-by-group");
    expect(top.title).toMatch(/^按SKU的退货率（件数）/);
    expect(top.marks).toBeGreaterThanOrEqual(10);
    expect(top.texts).toContain("阈值 15.0%");
    const reasons = chart(p, "reasons");
    expect(reasons.title).toBe("各原因占退货件数的比例");
    expect(reasons.texts).toEqual(expect.arrayContaining(["质量问题", "与描述不符"]));
    expect(chart(p, "rate-by-size-clothing").title).toBe("各尺码的退货率（件数）：服装尺码");
  });

  it("prices report and the digest in Chinese: titles, lines and notes in Chinese", { timeout: 300_000 }, async () => {
    const prices = await probePage(page("prices-zh"));
    const history = chart(prices, "history-1");
    expect(history.title).toBe("价格走势：跑步鞋");
    expect(history.marks).toBeGreaterThanOrEqual(2 * SNAPSHOTS.length);
    expect(history.texts.some((t) => /^我方（当前） ¥/.test(t))).toBe(true);
    expect(html("prices-zh")).toContain('<p class="chart-note">时间为 Asia/Shanghai 时区</p>');
    expect(prices.cjk.tofu).toBe(0);
    const digest = await probePage(page("digest-zh"));
    expect(digest.title).toMatch(/^merchops 日报 /);
    expect(digest.lang).toBe("zh-Hans");
    expect(digest.tables).toEqual(expect.arrayContaining(["新问题", "各部分"]));
    expect(digest.cjk.tofu).toBe(0);
  });

  it("prices report: history on a time axis in the store's zone, our price a line", { timeout: 300_000 }, async () => {
    const p = await probePage(page("prices"));
    const history = chart(p, "history-1");
    expect(history.title).toBe("Price history: 跑步鞋");
    expect(history.marks, "min and median at every snapshot").toBeGreaterThanOrEqual(2 * SNAPSHOTS.length);
    expect(history.markLines, "ours (now)").toBe(1);
    expect(history.texts.some((t) => /^ours \(now\) ¥/.test(t))).toBe(true);
    // Dates on the axis are local days ("11-17"), never cut UTC stamps.
    expect(history.texts.some((t) => /^11-\d\d$/.test(t))).toBe(true);
    expect(history.texts.join("|")).not.toMatch(/\d\d:\d\dZ|T\d\d:/);
    expect(html("prices")).toContain('<p class="chart-note">Times in Asia/Shanghai</p>');
    expect(p.cjk.tofu).toBe(0);

    const png = join(tmp.dir, "prices.png");
    await screenshot(page("prices"), png, "1200,3000");
    assertNotBlank(png, { expectColours: [CHART_PALETTE[0], CHART_PALETTE[1]], minColourPixels: 200 });
  });

  it("shipments status (on-time chart per courier) and the digest: laid out, nothing blank", { timeout: 300_000 }, async () => {
    const json = JSON.parse((await cli(["shipments", "status", "--now", loadExpected().asOf, "--json"])).stdout) as {
      by_courier?: unknown[];
      byCourier?: unknown[];
    };
    const shipments = await probePage(page("shipments"));
    expect(shipments.tables.length).toBeGreaterThanOrEqual(1);
    expect(shipments.noData).toEqual([]);
    const onTime = chart(shipments, "on-time-by-courier");
    expect(onTime.title).toBe("On-time delivery by courier");
    expect(onTime.marks).toBe((json.by_courier ?? json.byCourier ?? []).length);
    expect(onTime.texts).toContain("SF Express");
    const digest = await probePage(page("digest"));
    expect(digest.title).toMatch(/digest/i);
    expect(digest.tables.length).toBeGreaterThanOrEqual(1);
    for (const name of ["shipments", "digest"]) {
      const png = join(tmp.dir, `${name}.png`);
      await screenshot(page(name), png, "1200,1600");
      assertNotBlank(png);
    }
  });

  it("every page, screenshotted whole, shows text and colour", { timeout: 300_000 }, async () => {
    for (const name of ["kpi-zh", "returns", "returns-zh"]) {
      const png = join(tmp.dir, `${name}.png`);
      await screenshot(page(name), png, "1200,6000");
      assertNotBlank(png, { expectColours: [CHART_PALETTE[0]], minColourPixels: 500 });
    }
  });
});
