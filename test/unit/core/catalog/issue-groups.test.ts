import { describe, expect, it } from "vitest";
import { IssueGroups } from "../../../../src/core/catalog/issue-groups.js";
import type { CatalogIssue } from "../../../../src/core/catalog/types.js";
import { english, type Message } from "../../../../src/core/i18n/index.js";

const empty = (row: number, file = "a.csv"): CatalogIssue => ({
  severity: "error",
  at: { file, row, column: "售价" },
  message: "price is empty",
  hint: "every variant needs a price greater than 0",
  handle: `p${row}`,
});

describe("issues grouped by kind", () => {
  it("lists a repeated problem once with its row count and range", () => {
    const g = new IssueGroups();
    const listed: CatalogIssue[] = [];
    for (let row = 2; row <= 5647; row++) {
      const i = g.add(empty(row));
      if (i) listed.push(i);
    }
    g.finish();
    expect(listed).toEqual([
      {
        severity: "error",
        at: { file: "a.csv", row: 2, column: "售价" },
        message: "price is empty: 5,646 rows (2–5,647)",
        hint: "every variant needs a price greater than 0",
        // The same words as a message, so a zh run shows them in Chinese.
        text: { id: "catalog.issue.grouped", params: { problem: "price is empty", count: 5646, first: 2, last: 5647 } },
      },
    ]);
    expect(english((listed[0] as CatalogIssue).text as Message)).toBe("price is empty: 5,646 rows (2–5,647)");
    expect(g.grouped).toBe(5645);
  });

  it("keeps different files, columns, severities and messages apart", () => {
    const g = new IssueGroups();
    expect(g.add(empty(2))).toBeDefined();
    expect(g.add(empty(2, "b.csv"))).toBeDefined();
    expect(g.add({ ...empty(3), severity: "warning" })).toBeDefined();
    expect(g.add({ ...empty(4), message: 'price "abc" is not an amount' })).toBeDefined();
    expect(g.add(empty(9))).toBeUndefined();
    expect(g.grouped).toBe(1);
  });
});
