import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import type { ReportDocument } from "../../../src/core/report.js";
import { neutralizeFormula } from "../../../src/io/formula-guard.js";
import { renderCsv } from "../../../src/io/writers/csv.js";
import { renderMarkdown } from "../../../src/io/writers/markdown.js";
import { renderTable } from "../../../src/ui/table.js";
import { renderXlsx, sheetNamer } from "../../../src/ui/xlsx.js";

const TRIGGERS = ["=1+2", "+SUM(A1:A2)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'];
const SAFE = ["hello", "-12.5", "+86", "-3.2%", "1e5", "", "a=b", "0.032"];

function doc(): ReportDocument {
  return {
    title: "Weekly KPIs",
    subtitle: "Store demo",
    meta: [
      ["Period", "2024-03-01 .. 2024-03-07"],
      ["Time zone", "Asia/Shanghai"],
    ],
    tables: [
      {
        id: "kpis",
        title: "KPIs",
        columns: [
          { key: "metric", label: "Metric", kind: "text" },
          { key: "value", label: "Value", kind: "money", currency: "CNY" },
          { key: "status", label: "Status", kind: "status" },
        ],
        rows: [
          { cells: { metric: "GMV", value: 129990, status: "ok" }, status: "ok" },
          { cells: { metric: "Return rate", value: 0.032, status: "breach" }, kinds: { value: "percent" }, status: "breach" },
          { cells: { metric: "US GMV", value: 1250, status: "ok" }, currency: "USD" },
          { cells: { metric: "JP GMV", value: 1300, status: null }, currency: "JPY" },
          { cells: { metric: "First response", value: 90, status: "n/a" }, kinds: { value: "duration" } },
          { cells: { metric: "Orders", value: 1234, status: "ok" }, kinds: { value: "integer" } },
        ],
      },
      {
        id: "skus",
        title: "Top SKUs: [week]/*?",
        columns: [
          { key: "sku", label: "SKU", kind: "text" },
          { key: "note", label: "Note", kind: "text" },
          { key: "delta", label: "Delta", kind: "number" },
          { key: "at", label: "Last order", kind: "date" },
          { key: "active", label: "Active", kind: "text" },
        ],
        rows: [
          { cells: { sku: "00123", note: "a | b\nsecond line", delta: -5, at: new Date("2024-03-05T08:30:00Z"), active: true } },
          { cells: { sku: "=1+2", note: "-12.5", delta: 1.5, at: null, active: false } },
        ],
      },
    ],
    charts: [],
    notes: ["Return rate = returned units / shipped units.", "Times in UTC."],
  };
}

function guardDoc(): ReportDocument {
  return {
    title: "Guard",
    meta: [],
    tables: [
      {
        id: "g",
        title: "Guard",
        columns: [
          { key: "text", label: "Text", kind: "text" },
          { key: "n", label: "N", kind: "number" },
        ],
        rows: [...TRIGGERS, ...SAFE].map((s, i) => ({ cells: { text: s, n: -i } })),
      },
    ],
    charts: [],
    notes: [],
  };
}

describe("formula guard", () => {
  it("prefixes a quote on every trigger", () => {
    for (const s of TRIGGERS) expect(neutralizeFormula(s)).toBe(`'${s}`);
    expect(neutralizeFormula("\0x")).toBe("'\0x");
    expect(neutralizeFormula("+86 138 0013 8000")).toBe("'+86 138 0013 8000");
  });

  it("leaves plain text and plain (negative) number strings alone", () => {
    for (const s of SAFE) expect(neutralizeFormula(s)).toBe(s);
  });
});

describe("renderTable", () => {
  it("renders title, meta, tables and notes with formatted cells and no colour codes", () => {
    const out = renderTable(doc());
    expect(out).not.toContain("\x1b");
    expect(out.split("\n")[0]).toBe("Weekly KPIs");
    expect(out).toContain("Period: 2024-03-01 .. 2024-03-07");
    expect(out).toContain("¥1,299.90");
    expect(out).toContain("3.2%"); // per-row kind override
    expect(out).toContain("$12.50"); // per-row currency
    expect(out).toContain("¥1,300"); // JPY has no minor digits
    expect(out).toContain("90 s"); // duration override
    expect(out).toContain("1,234");
    expect(out).toContain("n/a");
    expect(out).toMatch(/Notes\n- Return rate = returned units/);
  });

  it("colours status cells only when asked", () => {
    const out = renderTable(doc(), { color: true });
    expect(out).toContain("\x1b[31mbreach\x1b[39m");
    expect(out).toContain("\x1b[32mok\x1b[39m");
    expect(out).toContain("\x1b[2mn/a\x1b[22m");
  });

  it("never passes terminal escapes from data through", () => {
    const d = doc();
    const first = d.tables[0]?.rows[0];
    if (first) first.cells.metric = "\x1b[31mevil\x1b]0;title\x07";
    const out = renderTable(d);
    expect(out).not.toContain("\x1b");
    expect(out).not.toContain("\x07");
  });

  it("fits a width", () => {
    const d = doc();
    const row = d.tables[1]?.rows[0];
    if (row) row.cells.note = "a very long note ".repeat(20);
    const out = renderTable(d, { width: 80 });
    for (const line of out.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(
      renderTable(d)
        .split("\n")
        .some((l) => l.length > 80),
    ).toBe(true);
  });
});

describe("renderMarkdown", () => {
  it("renders a GitHub markdown report with escaped cells", () => {
    const md = renderMarkdown(doc());
    expect(md.startsWith("# Weekly KPIs\n")).toBe(true);
    expect(md).toContain("- **Period:** 2024-03-01 .. 2024-03-07");
    expect(md).toContain("## KPIs");
    expect(md).toContain("| Metric | Value | Status |");
    expect(md).toContain("| --- | ---: | --- |");
    expect(md).toContain("| Return rate | 3.2% | **breach** |");
    expect(md).toContain("| US GMV | $12.50 | ok |");
    expect(md).toContain("a \\| b<br>second line");
    expect(md).toContain("## Notes\n\n- Return rate = returned units / shipped units.");
    // every table line has the same number of unescaped pipes
    const lines = md.split("\n").filter((l) => l.startsWith("| 00123") || l.startsWith("| SKU"));
    const pipes = lines.map((l) => l.replace(/\\\|/g, "").split("|").length);
    expect(new Set(pipes).size).toBe(1);
  });

  it("escapes HTML in data the Markdown way, with backslashes, not entities", () => {
    const d = doc();
    const first = d.tables[0]?.rows[0];
    if (first) first.cells.metric = "<script>alert(1)</script>";
    const md = renderMarkdown(d);
    expect(md).toContain("\\<script>alert(1)\\</script>");
    expect(md).not.toContain("&lt;");
  });
});

describe("renderCsv", () => {
  it("writes raw machine values under column keys, RFC 4180", () => {
    const csv = renderCsv(doc());
    expect(csv.startsWith("metric,value,status\r\n")).toBe(true);
    const rows = parse(csv) as string[][];
    expect(rows).toEqual([
      ["metric", "value", "status"],
      ["GMV", "1299.90", "ok"],
      ["Return rate", "0.032", "breach"],
      ["US GMV", "12.50", "ok"],
      ["JP GMV", "1300", ""],
      ["First response", "90", "n/a"],
      ["Orders", "1234", "ok"],
    ]);
  });

  it("selects a table by id, quotes newlines, writes ISO dates and booleans", () => {
    const csv = renderCsv(doc(), { tableId: "skus" });
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual(["sku", "note", "delta", "at", "active"]);
    expect(rows[1]).toEqual(["00123", "a | b\nsecond line", "-5", "2024-03-05T08:30:00+00:00", "true"]);
    expect(rows[2]).toEqual(["'=1+2", "-12.5", "1.5", "", "false"]);
    expect(() => renderCsv(doc(), { tableId: "nope" })).toThrow(UsageError);
  });

  it("adds a UTF-8 BOM only when asked", () => {
    expect(renderCsv(doc(), { bom: true }).charCodeAt(0)).toBe(0xfeff);
    expect(renderCsv(doc()).charCodeAt(0)).not.toBe(0xfeff);
  });

  it("formula-guards every string cell but never numbers (read back)", () => {
    const rows = parse(renderCsv(guardDoc())) as string[][];
    const body = rows.slice(1);
    TRIGGERS.forEach((s, i) => {
      expect(body[i]?.[0]).toBe(`'${s}`);
    });
    SAFE.forEach((s, i) => {
      expect(body[TRIGGERS.length + i]?.[0]).toBe(s);
    });
    body.forEach((r, i) => {
      expect(r[1]).toBe(String(-i));
    });
  });
});

async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe("renderXlsx", () => {
  it("writes one sheet per table plus Run info, frozen header and autofilter", async () => {
    const wb = await loadXlsx(await renderXlsx(doc()));
    expect(wb.creator).toBe("merchops");
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toHaveLength(3);
    expect(names[0]).toBe("KPIs");
    expect(names[1]).not.toMatch(/[[\]:*?/\\]/);
    expect(names[2]).toBe("Run info");
    for (const ws of wb.worksheets.slice(0, 2)) {
      const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
      expect(view?.state).toBe("frozen");
      expect(view?.ySplit).toBe(1);
      expect(ws.autoFilter).toBeTruthy();
    }
    expect(wb.worksheets[0]?.autoFilter).toEqual("A1:C1");
    const header = wb.worksheets[0]?.getRow(1);
    expect(header?.getCell(1).value).toBe("Metric");
    expect(header?.getCell(1).font?.bold).toBe(true);
    for (let c = 1; c <= 3; c++) expect(wb.worksheets[0]?.getColumn(c).width ?? 0).toBeGreaterThanOrEqual(8);
  });

  it("writes numbers as numbers with formats, honouring per-row kinds and currency", async () => {
    const wb = await loadXlsx(await renderXlsx(doc()));
    const ws = wb.getWorksheet("KPIs");
    if (!ws) throw new Error("no KPIs sheet");
    const gmv = ws.getCell("B2");
    expect(gmv.value).toBe(1299.9);
    expect(gmv.numFmt).toContain("¥");
    expect(gmv.numFmt).toContain("0.00");
    const rate = ws.getCell("B3");
    expect(rate.value).toBe(0.032);
    expect(rate.numFmt).toBe("0.0%");
    expect(ws.getCell("B4").value).toBe(12.5);
    expect(ws.getCell("B4").numFmt).toContain("$");
    expect(ws.getCell("B5").value).toBe(1300);
    expect(ws.getCell("B5").numFmt).not.toContain(".");
    expect(ws.getCell("B6").value).toBe(90);
    expect(ws.getCell("B6").numFmt).toContain('" s"');
    expect(ws.getCell("B7").value).toBe(1234);
    const skus = wb.worksheets[1];
    expect(skus?.getCell("A2").value).toBe("00123");
    expect(skus?.getCell("C2").value).toBe(-5);
    expect(skus?.getCell("D2").value).toEqual(new Date("2024-03-05T08:30:00Z"));
    expect(skus?.getCell("E2").value).toBe(true);
  });

  it("highlights breach rows and colours status cells", async () => {
    const wb = await loadXlsx(await renderXlsx(doc()));
    const ws = wb.getWorksheet("KPIs");
    if (!ws) throw new Error("no KPIs sheet");
    const fill = (addr: string) => (ws.getCell(addr).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
    expect(fill("A3")).toBe("FFFFC7CE");
    expect(fill("B3")).toBe("FFFFC7CE");
    expect(fill("A2")).toBeUndefined();
    expect(ws.getCell("C3").font?.color?.argb).toBe("FF9C0006");
    expect(ws.getCell("C2").font?.color?.argb).toBe("FF006100");
  });

  it("formula-guards string cells and never writes formulas (read back)", async () => {
    const wb = await loadXlsx(await renderXlsx(guardDoc()));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error("no sheet");
    TRIGGERS.forEach((s, i) => {
      const cell = ws.getCell(i + 2, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML has no bare CR: a CR is written (and read back) as a line feed
      expect(cell.value).toBe(`'${s}`.replace(/\r/g, "\n"));
    });
    SAFE.forEach((s, i) => {
      const cell = ws.getCell(TRIGGERS.length + i + 2, 1);
      expect(cell.value ?? "").toBe(s);
    });
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    expect(ws.getCell(3, 2).value).toBe(-1);
  });

  it("puts title, meta and notes on the Run info sheet", async () => {
    const wb = await loadXlsx(await renderXlsx(doc()));
    const info = wb.getWorksheet("Run info");
    if (!info) throw new Error("no Run info sheet");
    const values: string[] = [];
    info.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
    expect(values).toContain("Weekly KPIs");
    expect(values).toContain("Time zone");
    expect(values).toContain("Asia/Shanghai");
    expect(values).toContain("Return rate = returned units / shipped units.");
  });

  it("sanitises sheet names: allowed characters, at most 31, unique", () => {
    const name = sheetNamer(["Run info"]);
    const a = name("Q1/Q2: [returns]*? by reason and channel and more");
    expect(a).not.toMatch(/[[\]:*?/\\]/);
    expect(a.length).toBeLessThanOrEqual(31);
    const b = name("Q1/Q2: [returns]*? by reason and channel and more");
    expect(b).not.toBe(a);
    expect(b.length).toBeLessThanOrEqual(31);
    expect(name("run info")).not.toBe("run info");
    expect(name("'quoted'")).toBe("quoted");
    expect(name("")).toBe("Sheet");
  });
});
