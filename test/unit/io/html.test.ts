import { describe, expect, it } from "vitest";
import type { Chart, ReportDocument, Table } from "../../../src/core/report.js";
import { CHART_PALETTE, escapeHtml, renderHtml } from "../../../src/ui/html.js";

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

function polylines(markup: string): string[][] {
  return [...markup.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((m) => (m[1] ?? "").split(" "));
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
    expect(renderHtml(doc(), { lang: "zh" })).toContain('<html lang="zh-CN">');
  });

  it("is self-contained: no external resources, links or scripts", () => {
    const html = renderHtml(doc({ tables: [kpiTable], charts: [lineChart([1, 2, 3]), { ...lineChart([4, 5, 6]), id: "b", kind: "bar" }] }));
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
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
        charts: [{ ...lineChart([1, 2]), title: XSS, x: [XSS, "b"], series: [{ name: XSS, values: [1, 2] }] }],
        notes: [XSS],
      }),
    );
    expect(html).not.toContain("<script");
    // title (twice: <title> and h1), subtitle, meta dt+dd, table title, column, cell, status badge,
    // chart caption, svg <title>, aria-label, x label, legend, series attribute, point tooltip, note.
    expect(html.split(XSS_ESCAPED).length - 1).toBeGreaterThanOrEqual(16);
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
    const zh = renderHtml(doc({ tables: [kpiTable] }), { lang: "zh" });
    expect(zh).toContain('<span class="badge badge-breach">超限</span>');
  });

  it("says no data for a table without rows", () => {
    const empty = renderHtml(doc({ tables: [{ ...kpiTable, rows: [] }] }));
    expect(empty).toContain('<td class="empty" colspan="3">no data</td>');
  });
});

describe("charts", () => {
  it("draws one polyline per series with a chart title and legend", () => {
    const chart: Chart = {
      ...lineChart([100, 200, 300]),
      series: [
        { name: "Net", values: [100, 200, 300] },
        { name: "Gross", values: [150, 250, 350] },
      ],
    };
    const svg = figure(renderHtml(doc({ charts: [chart] })), "sales");
    expect(svg).toContain("<title>Sales</title>");
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(polylines(svg)).toHaveLength(2);
    expect(svg).toContain(`stroke="${CHART_PALETTE[0]}"`);
    expect(svg).toContain(`stroke="${CHART_PALETTE[1]}"`);
    expect(svg).toMatch(/<ul class="legend"><li>.*Net<\/li><li>.*Gross<\/li><\/ul>/);
  });

  it("breaks the line at a null instead of drawing 0", () => {
    const svg = figure(renderHtml(doc({ charts: [lineChart([100_00, 200_00, null, 300_00, 400_00])] })), "sales");
    const lines = polylines(svg);
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.length)).toEqual([2, 2]);
    expect(svg.match(/<circle/g)).toHaveLength(4);
    // The y domain follows the data: nothing is pulled down to a zero baseline.
    expect(svg).not.toMatch(/>¥0</);
  });

  it("gives an isolated point a dot but no line", () => {
    const svg = figure(renderHtml(doc({ charts: [lineChart([100, null, 300])] })), "sales");
    expect(polylines(svg)).toHaveLength(0);
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });

  it("labels y gridlines in the chart unit", () => {
    const money = figure(renderHtml(doc({ charts: [lineChart([1_000_000, 2_500_000, 4_000_000])] })), "sales");
    const labels = [...money.matchAll(/class="y-label"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(labels.length).toBeLessThanOrEqual(6);
    expect(labels).toContain("¥20,000");
    for (const l of labels) expect(l).toMatch(/^¥[\d,]+$/);

    const pct = figure(renderHtml(doc({ charts: [lineChart([0.02, 0.05, 0.08], { unit: "percent" })] })), "sales");
    expect(pct).toMatch(/class="y-label"[^>]*>\d+(\.\d)?%</);
  });

  it("says no data for empty and all-null series", () => {
    for (const chart of [lineChart([null, null]), { ...lineChart([]), series: [] }, lineChart([], { x: [] })]) {
      const html = renderHtml(doc({ charts: [chart] }));
      const fig = figure(html, "sales");
      expect(fig).toContain('<p class="no-data">no data</p>');
      expect(fig).not.toContain("<svg");
    }
  });

  it("handles a single x point, identical values and negative values without NaN", () => {
    const charts: Chart[] = [
      lineChart([5000], { id: "single" }),
      lineChart([7, 7, 7], { id: "flat", unit: "integer" }),
      lineChart([0, 0], { id: "zeros", kind: "bar", unit: "integer" }),
      {
        id: "neg",
        title: "Margin",
        kind: "bar",
        unit: "money",
        currency: "USD",
        x: ["Jan", "Feb"],
        series: [{ name: "margin", values: [-120000, 230000] }],
      },
    ];
    const html = renderHtml(doc({ charts }));
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(figure(html, "single").match(/<circle/g)).toHaveLength(1);
    expect(figure(html, "flat").match(/<circle/g)).toHaveLength(3);
    const neg = figure(html, "neg");
    expect(neg).toMatch(/class="y-label"[^>]*>-\$1,000</);
    expect(neg).toContain('class="zero"');
    const heights = [...neg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(2);
    for (const h of heights) expect(h).toBeGreaterThan(0);
  });

  it("draws grouped bars and skips null bars", () => {
    const chart: Chart = {
      id: "returns",
      title: "Returns",
      kind: "bar",
      unit: "percent",
      x: ["A", "B", "C"],
      series: [
        { name: "this week", values: [0.2, 0.1, 0.05] },
        { name: "last week", values: [0.18, null, 0.04] },
      ],
    };
    const svg = figure(renderHtml(doc({ charts: [chart] })), "returns");
    expect(svg.match(/<rect /g)).toHaveLength(5);
    expect(svg.match(new RegExp(`fill="${CHART_PALETTE[1]}"`, "g"))).toHaveLength(2);
    expect(svg).toContain(">0%<");
  });

  it("thins x labels on long series", () => {
    const x = Array.from({ length: 90 }, (_, i) => `day-${String(i + 1).padStart(3, "0")}`);
    const svg = figure(
      renderHtml(
        doc({
          charts: [
            lineChart(
              x.map((_, i) => i),
              { x, unit: "integer" },
            ),
          ],
        }),
      ),
      "sales",
    );
    const shown = svg.match(/class="x-label"/g) ?? [];
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.length).toBeLessThan(20);
    expect(svg).toContain(">day-001<");
  });
});
