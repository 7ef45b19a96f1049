/**
 * The ECharts charts as SVG strings: what a reader must be able to see without a browser.
 * test/e2e/html-chromium.test.ts checks the same pages painted by Chromium.
 */
import { describe, expect, it } from "vitest";
import { sizeFamily } from "../../../src/core/attributes/index.js";
import type { Chart } from "../../../src/core/report.js";
import { CHART_PALETTE, chartSvg, MARK_LINE_COLOUR, wallClock } from "../../../src/ui/charts.js";

function svgOf(chart: Chart): string {
  const svg = chartSvg(chart);
  if (svg === null) throw new Error("no chart drawn");
  return svg;
}

/**
 * Data marks: one path per bar or line symbol, tagged by ECharts with series and data index
 * (legend swatches are "legend"; mark lines are "silent").
 */
function marks(svg: string, series = 0): number[] {
  return [...svg.matchAll(/ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"(?! ecmeta_silent)/g)]
    .filter((m) => Number(m[1]) === series)
    .map((m) => Number(m[2]));
}

/** The text elements, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
}

const bar = (over: Partial<Chart>): Chart => ({
  id: "b",
  title: "Return rate by SKU",
  kind: "bar",
  unit: "percent",
  x: ["A", "B", "C"],
  series: [{ name: "Return rate", values: [0.05, 0.1, 0.2] }],
  ...over,
});

describe("ECharts server-side SVG", () => {
  it("is a bare SVG: no script, no namespace URL, no animation", () => {
    const svg = svgOf(bar({}));
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg).not.toMatch(/<script|https?:\/\/|<animate/i);
  });

  it("draws a threshold as a dashed mark line, not as a second series of bars", () => {
    const svg = svgOf(bar({ markLines: [{ name: "Threshold", value: 0.15 }] }));
    expect(marks(svg, 0)).toEqual([0, 1, 2]);
    expect(marks(svg, 1)).toEqual([]);
    expect(svg).toMatch(new RegExp(`<path d="M[\\d.]+ ([\\d.]+)L[\\d.]+ \\1"[^>]*stroke="${MARK_LINE_COLOUR}"[^>]*stroke-dasharray`));
    expect(texts(svg)).toContain("Threshold 15.0%");
  });

  it("reaches a threshold above every bar", () => {
    const svg = svgOf(
      bar({ series: [{ name: "Return rate", values: [0.02, 0.03, 0.04] }], markLines: [{ name: "Threshold", value: 0.15 }] }),
    );
    const ticks = texts(svg).filter((t) => /^\d+(\.\d+)?%$/.test(t));
    expect(Math.max(...ticks.map((t) => Number.parseFloat(t)))).toBeGreaterThanOrEqual(15);
  });

  it("keeps round ticks when the data reach past the threshold", () => {
    const svg = svgOf(
      bar({ series: [{ name: "Return rate", values: [0.02, 0.183, 0.07] }], markLines: [{ name: "Threshold", value: 0.15 }] }),
    );
    // Axis ticks are whole percentages evenly spaced (value labels carry one decimal: 18.3%).
    const ticks = texts(svg)
      .filter((t) => /^\d+%$/.test(t))
      .map((t) => Number.parseInt(t, 10));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(18.3);
    const steps = new Set(ticks.slice(1).map((t, i) => t - (ticks[i] ?? 0)));
    expect(steps.size).toBe(1);
  });

  it("pulls a floating axis down to our price when it is below every competitor", () => {
    const svg = svgOf({
      id: "p",
      title: "Price",
      kind: "line",
      unit: "money",
      currency: "CNY",
      x: ["a", "b"],
      series: [{ name: "min", values: [25_900, 26_500] }],
      markLines: [{ name: "ours", value: 19_900 }],
      floatingY: true,
    });
    const ticks = texts(svg)
      .filter((t) => /^¥[\d,]+$/.test(t))
      .map((t) => Number(t.replace(/[¥,]/g, "")));
    expect(Math.min(...ticks)).toBeLessThanOrEqual(199);
    expect(Math.min(...ticks)).toBeGreaterThan(0);
  });

  it("labels every bar with its value and starts the axis at zero", () => {
    const svg = svgOf(bar({ series: [{ name: "Orders", values: [120, 130, 125] }], unit: "integer" }));
    const t = texts(svg);
    for (const v of ["120", "130", "125", "A", "B", "C", "0"]) expect(t).toContain(v);
  });

  it("shows long category labels whole, with horizontal bars", () => {
    const x = ["Quality / defect", "Not as described", "Damaged in transit", "Size (unspecified)", "Too small", "Changed mind"];
    const x2 = [...x, "Wrong item", "Late delivery", "Other", "做工质量问题（开线）"];
    const svg = svgOf(bar({ x: x2, series: [{ name: "Share", values: x2.map((_, i) => (i + 1) / 100) }] }));
    const t = texts(svg);
    for (const label of x2) expect(t).toContain(label);
    expect(t.join("|")).not.toContain("…");
    // Horizontal: the category axis is vertical, so the bars' widths differ, not their heights.
    const widths = [...svg.matchAll(/<path d="M[\d.]+ [\d.]+l([\d.]+) 0l0 ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(new Set(widths).size).toBeGreaterThan(5);
  });

  it("turns short labels that do not fit side by side instead of skipping any", () => {
    const x = Array.from({ length: 30 }, (_, i) => `11-${String(i + 1).padStart(2, "0")}`);
    const svg = svgOf(bar({ x, unit: "integer", series: [{ name: "Orders", values: x.map((_, i) => 100 + i) }] }));
    const t = texts(svg);
    for (const label of x) expect(t).toContain(label);
    expect(svg).toMatch(/transform="matrix\(0\.707,-0\.707,0\.707,0\.707,[^"]*"[^>]*>11-01</);
  });

  it("lets a price line float but keeps additive money from zero", () => {
    const line = (floatingY: boolean): Chart => ({
      id: "p",
      title: "Price",
      kind: "line",
      unit: "money",
      currency: "CNY",
      x: ["a", "b", "c"],
      series: [{ name: "min", values: [25_900, 26_500, 25_500] }],
      floatingY,
    });
    expect(texts(svgOf(line(false)))).toContain("¥0");
    expect(texts(svgOf(line(true)))).not.toContain("¥0");
  });

  it("breaks a line at a null and keeps a dot for every value", () => {
    const svg = svgOf({
      id: "l",
      title: "GMV",
      kind: "line",
      unit: "money",
      currency: "CNY",
      x: ["1", "2", "3", "4", "5"],
      series: [{ name: "GMV", values: [100_00, 200_00, null, 300_00, 400_00] }],
    });
    expect(marks(svg)).toEqual([0, 1, 3, 4]);
    const line = /<path d="(M[^"]+)" fill="none"[^>]*stroke="#0072B2"/.exec(svg)?.[1] ?? "";
    expect(line.match(/M/g)).toHaveLength(2);
    expect(svg).toContain(`stroke="${CHART_PALETTE[0]}"`);
  });

  it("puts instants on a time axis in the store's zone", () => {
    // 16:30 UTC is 00:30 the next day in Shanghai: the label says the 2nd, not the 1st.
    expect(new Date(wallClock("2026-11-01T16:30:00Z", "Asia/Shanghai") ?? 0).toISOString()).toBe("2026-11-02T00:30:00.000Z");
    expect(new Date(wallClock("2026-07-01T16:30:00Z", "America/New_York") ?? 0).toISOString()).toBe("2026-07-01T12:30:00.000Z");
    const svg = svgOf({
      id: "h",
      title: "Price history",
      kind: "line",
      unit: "money",
      currency: "CNY",
      x: ["2026-11-01T16:30:00Z", "2026-11-08T16:30:00Z", "2026-11-15T16:30:00Z"],
      xTime: { timeZone: "Asia/Shanghai" },
      series: [{ name: "min", values: [19_900, 18_900, 19_500] }],
      floatingY: true,
    });
    const t = texts(svg);
    expect(t.some((s) => /^11-\d\d$/.test(s))).toBe(true);
    expect(t.join("|")).not.toMatch(/T\d\d:|Z\b/);
  });

  it("gives back null when no series has a value", () => {
    expect(chartSvg(bar({ series: [{ name: "x", values: [null, Number.NaN, null] }] }))).toBeNull();
    expect(chartSvg(bar({ x: [], series: [] }))).toBeNull();
  });
});

describe("size scales", () => {
  it("keeps clothing, plain numbers and each shoe system apart", () => {
    expect(["XS", "M", "3XL", "170/88A", "One Size"].map(sizeFamily)).toEqual(["clothing", "clothing", "clothing", "clothing", "clothing"]);
    expect(["38", "42.5"].map(sizeFamily)).toEqual(["number", "number"]);
    expect(["EU 42", "US 9", "UK 8", "CN 260"].map(sizeFamily)).toEqual(["EU", "US", "UK", "CN"]);
    expect(sizeFamily("red")).toBeUndefined();
  });
});
