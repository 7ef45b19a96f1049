/**
 * CSV numbers at the precision they mean (no 17-digit floats), dates in the one timestamp format,
 * and Markdown escaped with backslashes: what the raw file shows is what the reader meant.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ReportDocument, Row } from "../../../src/core/report.js";
import { formatCell } from "../../../src/io/format.js";
import { renderCsv, roundedNumber } from "../../../src/io/writers/csv.js";
import { escapeBlock, escapeCell, renderMarkdown } from "../../../src/io/writers/markdown.js";

function kpis(rows: Row[]): ReportDocument {
  return {
    title: "KPIs",
    meta: [],
    charts: [],
    notes: [],
    tables: [
      {
        id: "kpis",
        title: "KPIs",
        columns: [
          { key: "id", label: "Id", kind: "text" },
          { key: "value", label: "Value", kind: "number" },
          { key: "change", label: "Change", kind: "percent" },
          { key: "last_scan", label: "Last scan", kind: "date", timezone: "Asia/Shanghai" },
        ],
        rows,
      },
    ],
  };
}

describe("CSV numbers", () => {
  const csv = renderCsv(
    kpis([
      { cells: { id: "conversion_rate", value: 0.03520478601012425, change: -0.10041417395306027 }, kinds: { value: "percent" } },
      { cells: { id: "roas", value: 2.5999134, change: 0.00046040515653775324 } },
      { cells: { id: "gmv", value: 6738000, change: 0 }, kinds: { value: "money" }, currency: "CNY" },
      { cells: { id: "gmv_jpy", value: 673800, change: null }, kinds: { value: "money" }, currency: "JPY" },
      { cells: { id: "gmv_kwd", value: 1234567, change: null }, kinds: { value: "money" }, currency: "KWD" },
      { cells: { id: "orders", value: 163.0000001, change: -0.0000001 }, kinds: { value: "integer" } },
      {
        cells: { id: "p90", value: 69.04999, change: null, last_scan: new Date("2026-11-20T20:48:10.500Z") },
        kinds: { value: "duration" },
      },
    ]),
  );
  const rows = parse(csv) as string[][];
  const byId = new Map(rows.slice(1).map((r) => [r[0], r]));

  it("rates are fractions to 4 decimals; money has the currency's minor digits (Intl); counts are integers", () => {
    expect(byId.get("conversion_rate")?.slice(1, 3)).toEqual(["0.0352", "-0.1004"]);
    expect(byId.get("roas")?.slice(1, 3)).toEqual(["2.6", "0.0005"]);
    expect(byId.get("gmv")?.[1]).toBe("67380.00");
    expect(byId.get("gmv_jpy")?.[1]).toBe("673800");
    expect(byId.get("gmv_kwd")?.[1]).toBe("1234.567");
    expect(byId.get("orders")?.slice(1, 3)).toEqual(["163", "0"]);
    expect(byId.get("p90")?.[1]).toBe("69");
  });

  it("no number has more than 4 decimals, none is written with an exponent or as -0", () => {
    for (const r of rows.slice(1)) for (const cell of r.slice(1, 3)) expect(cell, r[0]).toMatch(/^(-?\d+(\.\d{1,4})?)?$/);
    expect(roundedNumber(-0.00001, 4)).toBe("0");
    expect(roundedNumber(1e-7, 4)).toBe("0");
    expect(roundedNumber(123456789.123456, 2)).toBe("123456789.12");
  });

  it("dates are ISO 8601 with the column zone's offset, to the second; people read the wall time there", () => {
    expect(byId.get("p90")?.[3]).toBe("2026-11-21T04:48:10+08:00");
    const column = { key: "at", label: "At", kind: "date" as const, timezone: "Asia/Shanghai" };
    expect(formatCell({ cells: { at: new Date("2026-11-20T20:48:10.500Z") } }, column)).toBe("2026-11-21 04:48");
  });

  it("booleans are true/false", () => {
    const doc = kpis([]);
    const table = doc.tables[0];
    if (table) {
      table.columns = [{ key: "in_stock", label: "In stock", kind: "text" }];
      table.rows = [{ cells: { in_stock: true } }, { cells: { in_stock: false } }];
    }
    expect(renderCsv(doc)).toBe("in_stock\r\ntrue\r\nfalse\r\n");
  });
});

describe("Markdown escaping", () => {
  it("threshold text stays readable: no &gt;= in the raw file", () => {
    expect(escapeCell(">= 20%")).toBe(">= 20%");
    expect(escapeCell("≤ 30 s")).toBe("≤ 30 s");
  });

  it("escapes what Markdown would read as syntax: pipes, emphasis, code, links, raw HTML, entities", () => {
    expect(escapeCell("a | b")).toBe("a \\| b");
    expect(escapeCell("*bold* _it_ `code` ~x~")).toBe("\\*bold\\* \\_it\\_ \\`code\\` \\~x\\~");
    expect(escapeCell("[link](http://x)")).toBe("\\[link\\](http://x)");
    expect(escapeCell("<img src=x onerror=alert(1)>")).toBe("\\<img src=x onerror=alert(1)>");
    expect(escapeCell("&amp; C:\\path")).toBe("\\&amp; C:\\\\path");
    expect(escapeCell("two\nlines")).toBe("two<br>lines");
  });

  it("a note or title that starts like a block (quote, heading, list) stays text", () => {
    expect(escapeBlock("> quoted")).toBe("\\> quoted");
    expect(escapeBlock("# not a heading")).toBe("\\# not a heading");
    expect(escapeBlock("- not a list")).toBe("\\- not a list");
    expect(escapeBlock("1. not a list")).toBe("1\\. not a list");
    // A negative number in a cell is no list marker: cells are never escaped for it.
    expect(escapeCell("-9.2%")).toBe("-9.2%");
  });

  it("a whole report: notes and cells escaped, the table's pipes intact", () => {
    const doc = kpis([{ cells: { id: "roas_*", value: 2.6, change: -0.1 } }]);
    doc.notes = ["> 15% is a breach", "Threshold >= 3"];
    const md = renderMarkdown(doc);
    expect(md).toContain("| roas\\_\\* | 2.60 | -10.0% |");
    expect(md).toContain("- \\> 15% is a breach\n- Threshold >= 3");
    expect(md).not.toMatch(/&(gt|lt|amp);/);
  });
});
