/** The terminal layout engine and the table renderer built on it: what fits, what drops, what wraps. */
import { describe, expect, it } from "vitest";
import type { Column, ReportDocument, Table } from "../../../src/core/report.js";
import { displayWidth, type LayoutColumn, layoutColumns, oneLine, tableOverhead, wrapText } from "../../../src/ui/layout.js";
import { renderTable } from "../../../src/ui/table.js";

const widest = (text: string) => Math.max(...text.split("\n").map(displayWidth));

const col = (label: string, priority: number, nowrap = false): LayoutColumn => ({ label, priority, nowrap });

describe("layoutColumns", () => {
  const columns = [col("Metric", 1), col("Value", 1, true), col("Previous", 3, true), col("Note", 2)];
  const cells = [
    ["Conversion rate", "3.5%", "3.9%", "a long note that explains what is missing from the inputs of this metric"],
    ["GMV", "¥67,380.00", "¥73,964.00", ""],
  ];

  it("keeps natural widths when the table fits, and with no width (--wide)", () => {
    for (const width of [undefined, 500]) {
      const l = layoutColumns(columns, cells, width);
      expect(l.shown).toEqual([0, 1, 2, 3]);
      expect(l.hidden).toEqual([]);
      expect(l.widths).toEqual([15, 10, 10, 72]);
    }
  });

  it("drops detail columns before any other column wraps, then wraps text to fit", () => {
    const l = layoutColumns(columns, cells, 60);
    expect(l.hidden).toEqual([2]);
    expect(l.shown).toEqual([0, 1, 3]);
    expect(l.widths.reduce((a, b) => a + b, 0) + tableOverhead(l.shown.length)).toBeLessThanOrEqual(60);
    // The short columns get their whole width; the note takes what is left.
    expect(l.widths.slice(0, 2)).toEqual([15, 10]);
  });

  it("drops the highest priority number first, the rightmost among equals, never a priority-1 column", () => {
    const cols = [col("A", 1), col("B", 2), col("C", 2), col("D", 1)];
    const rows = [["a".repeat(30), "b".repeat(30), "c".repeat(30), "d".repeat(30)]];
    const l = layoutColumns(cols, rows, 50);
    expect(l.hidden).toEqual([1, 2]);
    expect(l.shown).toEqual([0, 3]);
    // Nothing else may go: the two priority-1 columns share the width, hard-wrapped.
    const tight = layoutColumns(cols, rows, 20);
    expect(tight.shown).toEqual([0, 3]);
    expect(tight.widths.reduce((a, b) => a + b, 0) + tableOverhead(2)).toBeLessThanOrEqual(20);
  });

  it("keeps figures on one line and wraps their header between words instead", () => {
    const l = layoutColumns([col("Group", 1), col("Units returned", 1, true)], [["x".repeat(60), "1,662"]], 35);
    expect(l.widths[1]).toBe("returned".length);
  });

  it("counts East Asian characters as two columns", () => {
    expect(displayWidth("女士针织收腰连衣裙")).toBe(18);
    const l = layoutColumns([col("商品", 1)], [["女士针织收腰连衣裙 女士高腰直筒牛仔裤"]], 20);
    expect(l.widths[0]).toBe(20 - tableOverhead(1));
    expect(widest(wrapText("女士针织收腰连衣裙女士高腰直筒牛仔裤", 16))).toBeLessThanOrEqual(16);
  });
});

describe("renderTable", () => {
  const columns: Column[] = [
    { key: "metric", label: "Metric", kind: "text", priority: 1 },
    { key: "value", label: "Value", kind: "percent", priority: 1 },
    { key: "previous", label: "Previous", kind: "percent", priority: 3 },
    { key: "detail", label: "Detail", kind: "text", priority: 2 },
    { key: "note", label: "Note", kind: "text", footnote: true },
  ];
  const table: Table = {
    id: "t",
    title: "KPIs",
    columns,
    rows: [
      { cells: { metric: "Conversion rate", value: 0.035, previous: 0.039, detail: "paying customers over visitors, per day", note: "" } },
      { cells: { metric: "On-time delivery", value: null, previous: null, detail: "delivered on time", note: "no shipments tracked yet" } },
      { cells: { metric: "Return rate", value: null, previous: 0.1, detail: "units", note: "no shipments tracked yet" } },
    ],
  };
  const doc = (tables: Table[], verdict?: string): ReportDocument => ({
    title: "Report",
    ...(verdict ? { verdict } : {}),
    meta: [["Period", "2026-11-24"]],
    tables,
    charts: [],
    notes: ["n/a: the inputs of that metric are missing; it is never shown as 0."],
  });

  it("fits 40, 80 and 200 columns; notes become numbered footnotes, one per distinct note", () => {
    for (const width of [40, 80, 200]) {
      const out = renderTable(doc([table], "1 breach: ROAS 2.60 < 3"), { width });
      expect(widest(out), `width ${width}`).toBeLessThanOrEqual(width);
      expect(out).toContain("[1] no shipments tracked yet");
      expect(out).not.toContain("[2]");
      expect(out).not.toMatch(/│ Note/);
    }
  });

  it("names the columns it hid in one line", () => {
    const out = renderTable(doc([table]), { width: 40 });
    expect(out).toMatch(/2 columns hidden \(Previous, Detail\);\s+--wide shows all/);
    expect(renderTable(doc([table]), {})).not.toMatch(/hidden/);
  });

  it("prints the verdict first", () => {
    expect(renderTable(doc([table], "1 breach: ROAS 2.60 < 3"), { width: 80 }).split("\n")[0]).toBe("1 breach: ROAS 2.60 < 3");
  });

  it("never prints an empty table: its one line, or nothing; an empty Note column never prints", () => {
    const empty: Table = { id: "u", title: "Updates planned", columns, rows: [], empty: "No updates planned." };
    const silent: Table = { id: "v", title: "Unmatched", columns, rows: [] };
    const out = renderTable(doc([empty, silent]), { width: 80 });
    expect(out).toContain("No updates planned.");
    expect(out).not.toContain("Updates planned\n");
    expect(out).not.toContain("Unmatched");
    expect(out).not.toContain("┌");
    const noNotes = renderTable(doc([{ ...table, rows: table.rows.map((r) => ({ cells: { ...r.cells, note: "" } })) }]), {});
    expect(noNotes).not.toMatch(/│ Note|\[1\]/);
  });

  it("wraps long text inside its column at 80 and keeps every word", () => {
    const long: Table = {
      id: "flags",
      title: "Flags",
      columns: [
        { key: "kind", label: "Finding", kind: "text", priority: 1 },
        { key: "message", label: "What and what to do", kind: "text", priority: 1 },
      ],
      rows: [
        {
          cells: {
            kind: "high return rate",
            message:
              "sku DR002-BEI-M 女士针织收腰连衣裙: 30.3% of units returned (66 of 218; at least 24.6% at 95% confidence), above 15.0%: check the description and photos",
          },
        },
      ],
    };
    const out = renderTable(doc([long]), { width: 80 });
    expect(widest(out)).toBeLessThanOrEqual(80);
    const text = out.replace(/[│┌┐└┘├┤┬┴┼─]/g, " ").replace(/\s+/g, " ");
    for (const word of ["DR002-BEI-M", "女士针织收腰连衣裙:", "confidence),", "photos"]) expect(text).toContain(word);
  });
});

describe("oneLine", () => {
  it("keeps whole items that fit, then an ellipsis; a line without items is cut", () => {
    const verdict = "6 breaches: ROAS (blended) 2.60 < 3, ROAS social 1.90 < 3, CSAT 81.0% < 95%";
    expect(oneLine(verdict, 200)).toBe(verdict);
    expect(oneLine(verdict, 60)).toBe("6 breaches: ROAS (blended) 2.60 < 3, ROAS social 1.90 < 3, …");
    expect(oneLine("店铺店铺店铺店铺", 9)).toBe("店铺店铺…");
  });
});
