import { describe, expect, it } from "vitest";
import type { Chart, ReportDocument, Table, Tile } from "../../../src/core/report.js";
import { escapeHtml, renderHtml } from "../../../src/ui/html.js";

const XSS = "<script>alert(1)</script>";
const XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

function doc(parts: Partial<ReportDocument> = {}): ReportDocument {
  return { title: "Report", meta: [], tables: [], charts: [], notes: [], ...parts };
}

const kpiTable: Table = {
  id: "kpis",
  title: "KPIs",
  columns: [
    { key: "kpi", label: "KPI", kind: "text" },
    { key: "value", label: "Value", kind: "number" },
    { key: "status", label: "Status", kind: "status" },
  ],
  rows: [
    { cells: { kpi: "Net sales", value: 129990, status: "ok" }, kinds: { value: "money" }, currency: "CNY", status: "ok" },
    { cells: { kpi: "AOV", value: 2599, status: "breach" }, kinds: { value: "money" }, currency: "USD", status: "breach" },
    { cells: { kpi: "Return rate", value: 0.032, status: "ok" }, kinds: { value: "percent" }, status: "ok" },
    { cells: { kpi: "Conversion", value: null, status: null }, kinds: { value: "percent" }, status: "n/a" },
  ],
};

function lineChart(values: (number | null)[], extra: Partial<Chart> = {}): Chart {
  return {
    id: "sales",
    title: "Sales",
    kind: "line",
    unit: "money",
    currency: "CNY",
    x: values.map((_, i) => `2024-01-0${i + 1}`),
    series: [{ name: "Net", values }],
    ...extra,
  };
}

/** The markup of one chart figure. */
function figure(html: string, id: string): string {
  const start = html.indexOf(`<figure class="chart`);
  const at = html.indexOf(`id="chart-${id}"`, start);
  expect(at, `chart ${id} not rendered`).toBeGreaterThan(-1);
  return html.slice(at, html.indexOf("</figure>", at));
}

function rowsOf(html: string): string[] {
  return [...html.matchAll(/<tr[^>]*>[\s\S]*?<\/tr>/g)].map((m) => m[0]);
}

describe("renderHtml document", () => {
  it("is an HTML5 document with charset, lang and title", () => {
    const html = renderHtml(doc({ title: "KPI report" }));
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<title>KPI report</title>");
    expect(renderHtml(doc(), { lang: "zh-Hans" })).toContain('<html lang="zh-Hans">');
    expect(renderHtml(doc(), { lang: "zh-Hant" })).toContain('<html lang="zh-Hant">');
  });

  it("sets Chinese pages in a CJK font stack, in the CSS and in the charts' SVG text", () => {
    const chart = { ...lineChart([1, 2, 3]), title: "每日成交额" };
    const zh = renderHtml(doc({ charts: [chart] }), { lang: "zh-Hans" });
    expect(zh).toMatch(/font: 14px\/1\.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei"/);
    expect(zh).toMatch(/font-family:'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei'/);
    expect(zh).toMatch(/sans-serif; }/);
    const hant = renderHtml(doc({ charts: [chart] }), { lang: "zh-Hant" });
    expect(hant).toContain('"Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei"');
    // English pages keep the Latin fonts first.
    expect(renderHtml(doc())).toMatch(/font: 14px\/1\.5 system-ui/);
  });

  it("says n/a, yes and no in the page's language", () => {
    const t = {
      id: "t",
      title: "T",
      columns: [
        { key: "a", label: "A", kind: "number" as const },
        { key: "b", label: "B", kind: "text" as const },
      ],
      rows: [{ cells: { a: null, b: true } }],
    };
    const zh = renderHtml(doc({ tables: [t] }), { lang: "zh-Hans" });
    expect(zh).toContain('<td class="num">无数据</td><td>是</td>');
    expect(renderHtml(doc({ tables: [t] }))).toContain('<td class="num">n/a</td><td>yes</td>');
  });

  it("is self-contained: no external resources, links or scripts", () => {
    const html = renderHtml(doc({ tables: [kpiTable], charts: [lineChart([1, 2, 3]), { ...lineChart([4, 5, 6]), id: "b", kind: "bar" }] }));
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    // url(#id) is a clip path inside the page's own SVG; any other url( would fetch something.
    expect(html).not.toMatch(/@import|url\((?!#)/i);
    expect(html).toContain("<style>");
    expect(html).toContain("@media print");
  });

  it("renders subtitle and meta as a definition list", () => {
    const html = renderHtml(doc({ subtitle: "Week 10", meta: [["Time zone", "Asia/Shanghai"]] }));
    expect(html).toContain('<p class="subtitle">Week 10</p>');
    expect(html).toContain('<dl class="meta"><dt>Time zone</dt><dd>Asia/Shanghai</dd></dl>');
  });

  it("renders notes as a list after tables and charts", () => {
    const html = renderHtml(doc({ tables: [kpiTable], charts: [lineChart([1, 2])], notes: ["AOV excludes tax", "n < 30"] }));
    expect(html).toMatch(/<ul>\s*<li>AOV excludes tax<\/li>\s*<li>n &lt; 30<\/li>\s*<\/ul>/);
    expect(html.indexOf('class="notes"')).toBeGreaterThan(html.lastIndexOf("</figure>"));
    expect(html.indexOf('class="notes"')).toBeGreaterThan(html.lastIndexOf("</table>"));
    expect(renderHtml(doc())).not.toContain('class="notes"');
  });
});

describe("escaping", () => {
  it("escapes the five HTML metacharacters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("shows script tags in every text position as text", () => {
    const html = renderHtml(
      doc({
        title: XSS,
        subtitle: XSS,
        meta: [[XSS, XSS]],
        tables: [
          {
            id: XSS,
            title: XSS,
            columns: [
              { key: "a", label: XSS, kind: "text" },
              { key: "s", label: "S", kind: "status" },
            ],
            rows: [{ cells: { a: XSS, s: XSS } }],
          },
        ],
        tiles: [{ id: XSS, label: XSS, value: 1, unit: "integer", status: "ok", threshold: XSS }],
        charts: [
          {
            ...lineChart([1, 2]),
            title: XSS,
            x: [XSS, "b"],
            series: [
              { name: XSS, values: [1, 2] },
              { name: "other", values: [2, 1] },
            ],
            markLines: [{ name: XSS, value: 1.5 }],
          },
        ],
        notes: [XSS],
      }),
    );
    expect(html).not.toContain("<script");
    // title (twice: <title> and h1), subtitle, meta dt+dd, table title, column, cell, status badge,
    // tile id, label and threshold, chart caption, aria-label, x label, legend (series and
    // threshold), threshold label, note.
    expect(html.split(XSS_ESCAPED).length - 1).toBeGreaterThanOrEqual(18);
  });

  it("escapes quotes inside attributes", () => {
    const html = renderHtml(doc({ charts: [{ ...lineChart([1, 2]), title: 'Sales "net" <b>' }] }));
    expect(html).toContain('aria-label="Sales &quot;net&quot; &lt;b&gt;"');
  });
});

describe("tables", () => {
  const html = renderHtml(doc({ tables: [kpiTable] }));
  const [header = "", netSales = "", aov = "", returnRate = "", conversion = ""] = rowsOf(html);

  it("has the column labels, numeric columns right-aligned", () => {
    expect(header).toBe('<tr><th scope="col">KPI</th><th scope="col" class="num">Value</th><th scope="col">Status</th></tr>');
  });

  it("formats money with the row currency, and percentages", () => {
    expect(netSales).toContain('<td class="num">¥1,299.90</td>');
    expect(aov).toContain('<td class="num">$25.99</td>');
    expect(returnRate).toContain('<td class="num">3.2%</td>');
    expect(html).not.toContain("129990");
  });

  it("shows null as n/a, never 0", () => {
    expect(conversion).toContain('<td class="num">n/a</td>');
    expect(conversion).not.toContain("0.0%");
  });

  it("renders statuses as badges and tints breach rows", () => {
    expect(aov).toMatch(/^<tr class="breach">/);
    expect(aov).toContain('<span class="badge badge-breach">breach</span>');
    expect(netSales).toMatch(/^<tr>/);
    expect(netSales).toContain('<span class="badge badge-ok">ok</span>');
    expect(conversion).toMatch(/^<tr>/);
    expect(conversion).toContain('<span class="badge badge-na">n/a</span>');
    expect(html.match(/<tr class="breach">/g)).toHaveLength(1);
  });

  it("tints a row whose status cell says breach even without row.status", () => {
    const table: Table = { ...kpiTable, rows: [{ cells: { kpi: "x", value: 1, status: "breach" } }] };
    expect(renderHtml(doc({ tables: [table] }))).toContain('<tr class="breach">');
  });

  it("translates badge text for zh but keeps the badge class", () => {
    const zh = renderHtml(doc({ tables: [kpiTable] }), { lang: "zh-Hans" });
    expect(zh).toContain('<span class="badge badge-breach">超限</span>');
  });

  it("says no data for a table without rows", () => {
    const empty = renderHtml(doc({ tables: [{ ...kpiTable, rows: [] }] }));
    expect(empty).toContain('<td class="empty" colspan="3">no data</td>');
  });
});

describe("charts", () => {
  // The charts themselves are ECharts' (test/unit/ui/charts.test.ts); here only how the page holds them.
  it("puts each chart in a figure with its title, the SVG inline and no script", () => {
    const html = renderHtml(doc({ charts: [lineChart([100, 200, 300])] }));
    const fig = figure(html, "sales");
    expect(fig).toContain("<h2>Sales</h2>");
    expect(fig).toContain('role="img" aria-label="Sales"');
    expect(fig).toMatch(/<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(html).not.toMatch(/<script\b/i);
  });

  it("says no data for empty and all-null series", () => {
    for (const chart of [lineChart([null, null]), { ...lineChart([]), series: [] }, lineChart([], { x: [] })]) {
      const html = renderHtml(doc({ charts: [chart] }));
      const fig = figure(html, "sales");
      expect(fig).toContain('<p class="no-data">no data</p>');
      expect(fig).not.toContain("<svg");
    }
  });

  it("names the time zone of a time axis under the title", () => {
    const chart = lineChart([100, 200], { x: ["2026-11-01T16:30:00Z", "2026-11-08T16:30:00Z"], xTime: { timeZone: "Asia/Shanghai" } });
    expect(figure(renderHtml(doc({ charts: [chart] })), "sales")).toContain('<p class="chart-note">Times in Asia/Shanghai</p>');
  });
});

describe("tiles and hints", () => {
  const tile = (over: Partial<Tile>): Tile => ({
    id: "gmv",
    label: "GMV",
    value: 129990,
    unit: "money",
    currency: "CNY",
    status: "ok",
    ...over,
  });

  it("shows value, change arrow and status, coloured by which way is good", () => {
    const html = renderHtml(
      doc({
        tiles: [
          tile({ change: 0.12, higherIsBetter: true, threshold: ">= ¥1,000" }),
          tile({ id: "rr", label: "Return rate", value: 0.18, unit: "percent", change: 0.05, higherIsBetter: false, status: "breach" }),
          tile({ id: "cv", label: "Conversion", value: null, unit: "percent", change: null, status: "n/a" }),
        ],
      }),
    );
    const tiles = [...html.matchAll(/<div class="tile [^"]*" id="tile-(\w+)">([\s\S]*?)\n<\/div>/g)].map((m) => [m[1], m[2] ?? ""]);
    expect(tiles.map((t) => t[0])).toEqual(["gmv", "rr", "cv"]);
    const [gmv, rr, cv] = tiles.map((t) => t[1] ?? "");
    expect(gmv).toContain('<div class="tile-value">¥1,299.90</div>');
    expect(gmv).toContain('<span class="change change-good"');
    expect(gmv).toContain("▲ +12.0%");
    expect(gmv).toContain("threshold &gt;= ¥1,000");
    expect(rr).toContain('<span class="change change-bad"');
    expect(rr).toContain('<span class="badge badge-breach">breach</span>');
    expect(cv).toContain('<div class="tile-value">n/a</div>');
    expect(cv).toContain("no previous value");
    expect(html.indexOf('class="tiles"')).toBeLessThan(html.indexOf("<table") === -1 ? Number.POSITIVE_INFINITY : html.indexOf("<table"));
  });

  it("leaves command-line hints out of the page", () => {
    const html = renderHtml(doc({ notes: ["A note"], hints: ["Run with --explain for each metric's definition."] }));
    expect(html).toContain("A note");
    expect(html).not.toContain("--explain");
  });
});
