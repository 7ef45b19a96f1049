/**
 * Renders a report to HTML, opens it in headless Chromium and checks the screenshot is a real page:
 * text and colours present, chart series drawn across the chart area. Catches broken CSS/SVG that
 * string assertions on the markup cannot see.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDocument } from "../../src/core/report.js";
import { CHART_PALETTE, renderHtml } from "../../src/ui/html.js";
import { assertNotBlank, findChromium, MISSING_CHROMIUM, screenshot } from "../helpers/chromium.js";

const days = ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07"];

const doc: ReportDocument = {
  title: "KPI report — demo store",
  subtitle: "Daily KPIs against thresholds",
  meta: [
    ["Period", "2024-03-01 .. 2024-03-07"],
    ["Time zone", "Asia/Shanghai"],
    ["Generated at", "2024-03-08T06:00:00+08:00"],
  ],
  tables: [
    {
      id: "kpis",
      title: "KPIs",
      columns: [
        { key: "kpi", label: "KPI", kind: "text" },
        { key: "value", label: "Value", kind: "number" },
        { key: "threshold", label: "Threshold", kind: "number" },
        { key: "status", label: "Status", kind: "status" },
      ],
      rows: [
        {
          cells: { kpi: "Net sales", value: 12_999_050, threshold: 10_000_000, status: "ok" },
          kinds: { value: "money", threshold: "money" },
          currency: "CNY",
          status: "ok",
        },
        {
          cells: { kpi: "AOV", value: 25_990, threshold: 30_000, status: "breach" },
          kinds: { value: "money", threshold: "money" },
          currency: "CNY",
          status: "breach",
        },
        {
          cells: { kpi: "Return rate", value: 0.084, threshold: 0.06, status: "breach" },
          kinds: { value: "percent", threshold: "percent" },
          status: "breach",
        },
        {
          cells: { kpi: "Conversion rate", value: null, threshold: 0.02, status: "n/a" },
          kinds: { value: "percent", threshold: "percent" },
          status: "n/a",
        },
        {
          cells: { kpi: "First reply time", value: 5_400, threshold: 7_200, status: "ok" },
          kinds: { value: "duration", threshold: "duration" },
          status: "ok",
        },
      ],
    },
  ],
  charts: [
    {
      id: "net-sales",
      title: "Net sales by day",
      kind: "line",
      unit: "money",
      currency: "CNY",
      x: days,
      series: [
        { name: "Net sales", values: [1_820_000, 1_950_050, null, 1_610_000, 2_240_000, 2_105_000, 1_274_000] },
        { name: "Gross sales", values: [2_100_000, 2_230_000, 2_050_000, null, 2_610_000, 2_480_000, 1_500_000] },
      ],
    },
    {
      id: "return-rate",
      title: "Return rate by category",
      kind: "bar",
      unit: "percent",
      x: ["Dresses", "Shoes", "Bags", "Accessories"],
      series: [
        { name: "This week", values: [0.21, 0.12, 0.05, 0.03] },
        { name: "Last week", values: [0.18, 0.14, null, 0.04] },
      ],
    },
  ],
  notes: ["Return rate = returned units / shipped units, by return-creation date."],
};

describe("HTML report in a real browser", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "merchops-html-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("renders tables and charts that Chromium paints", { timeout: 90_000 }, async () => {
    // Never skip: a missing browser must be visible as a failure with the fix in the message.
    if (findChromium() === null) throw new Error(MISSING_CHROMIUM);
    const htmlPath = join(dir, "report.html");
    const pngPath = join(dir, "report.png");
    await writeFile(htmlPath, renderHtml(doc), "utf8");
    await screenshot(htmlPath, pngPath);

    const first = CHART_PALETTE[0];
    const second = CHART_PALETTE[1];
    const stats = assertNotBlank(pngPath, { expectColours: [first, second], minColourPixels: 500 });

    // Series colours must span the chart area, not just a legend swatch.
    for (const hex of [first, second]) {
      const box = stats.colours[hex]?.box;
      expect(box, `no pixels of ${hex}`).not.toBeNull();
      if (!box) continue;
      expect(box.right - box.left, `${hex} spans only ${box.right - box.left}px`).toBeGreaterThan(stats.width * 0.4);
      expect(box.bottom - box.top, `${hex} spans only ${box.bottom - box.top}px tall`).toBeGreaterThan(100);
    }
  });
});

describe("merchops kpi report --format html in a real browser", () => {
  it("writes a report whose tables and charts Chromium paints", { timeout: 120_000 }, async () => {
    if (findChromium() === null) throw new Error(MISSING_CHROMIUM);
    const { runCli, tempDir } = await import("../helpers/cli.js");
    const { readFile } = await import("node:fs/promises");
    const tmp = tempDir();
    try {
      const htmlPath = join(tmp.dir, "kpi.html");
      const r = await runCli(["kpi", "report", "--period", "last-30-days", "--format", "html", "--out", htmlPath], { cwd: tmp.dir });
      expect(r.exitCode).toBe(0);
      const html = await readFile(htmlPath, "utf8");
      expect(html).toContain("<svg");
      expect(html).toContain("GMV per day");
      expect(html).not.toMatch(/https?:\/\//);
      const pngPath = join(tmp.dir, "kpi.png");
      await screenshot(htmlPath, pngPath, "1200,4200");
      const first = CHART_PALETTE[0];
      const stats = assertNotBlank(pngPath, { expectColours: [first], minColourPixels: 500 });
      const box = stats.colours[first]?.box;
      expect(box, "the GMV line is drawn").toBeTruthy();
      if (box) expect(box.right - box.left).toBeGreaterThan(stats.width * 0.4);
    } finally {
      tmp.cleanup();
    }
  });
});
