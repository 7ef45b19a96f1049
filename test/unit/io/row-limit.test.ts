/** Long tables: text formats show the first rows and say how many more there are; CSV keeps all. */
import { describe, expect, it } from "vitest";
import type { ReportDocument } from "../../../src/core/report.js";
import { renderCsv } from "../../../src/io/writers/csv.js";
import { renderMarkdown } from "../../../src/io/writers/markdown.js";
import { renderHtml } from "../../../src/ui/html.js";
import { renderTable } from "../../../src/ui/table.js";

const doc: ReportDocument = {
  title: "Long",
  meta: [],
  charts: [],
  notes: [],
  tables: [
    {
      id: "t",
      title: "Rows",
      textRowLimit: 3,
      columns: [
        { key: "name", label: "Name", kind: "text" },
        { key: "key", label: "key", kind: "text", machineOnly: true },
      ],
      rows: Array.from({ length: 10 }, (_, i) => ({ cells: { name: `row-${i}`, key: `k${i}` } })),
    },
  ],
};

describe("textRowLimit and machine-only columns", () => {
  it("table, md and html show 3 rows, say 7 more, and hide the key column", () => {
    for (const text of [renderTable(doc), renderMarkdown(doc), renderHtml(doc)]) {
      expect(text).toContain("row-2");
      expect(text).not.toContain("row-3");
      expect(text).toContain("7 more rows");
      expect(text).not.toContain("k0");
    }
  });

  it("csv keeps every row and the key column", () => {
    const csv = renderCsv(doc);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(11);
    expect(csv).toContain("row-9");
    expect(csv).toContain("k9");
  });
});
