/**
 * One line per kind of problem, not one per row: a sheet with no prices has 5,646 rows saying
 * "price is empty", and the person fixing it needs "price is empty: 5,646 rows (2–5,647)" once,
 * with the fix. Issues with the same severity, file, column and message are one group; the group
 * keeps the first row as its location. The counts of errors and warnings still count every row.
 */
import { msg } from "../i18n/message.js";
import type { CatalogIssue } from "./types.js";

interface Group {
  issue: CatalogIssue;
  message: string;
  text: CatalogIssue["text"];
  count: number;
  first: number;
  last: number;
}

export class IssueGroups {
  private readonly groups = new Map<string, Group>();
  /** Issues that joined an earlier one's group instead of being listed on their own. */
  grouped = 0;

  /**
   * The issue to list for `i`: a new entry (returned, the caller lists it) or undefined when it
   * joined the group of an entry already listed. Call `finish()` once all are added: it writes
   * the counts into the listed entries (cheap per issue: a million "description is empty" cost
   * one Map look-up each).
   */
  add(i: CatalogIssue): CatalogIssue | undefined {
    const key = `${i.severity}\u0000${i.at.file}\u0000${i.at.column ?? ""}\u0000${i.message}`;
    const g = this.groups.get(key);
    if (g === undefined) {
      const issue: CatalogIssue = { ...i, at: { ...i.at } };
      this.groups.set(key, { issue, message: i.message, text: i.text, count: 1, first: i.at.row, last: i.at.row });
      return issue;
    }
    g.count++;
    this.grouped++;
    if (i.at.row < g.first) g.first = i.at.row;
    if (i.at.row > g.last) g.last = i.at.row;
    return undefined;
  }

  /** Writes each group's row count and range into its listed entry. Idempotent. */
  finish(): void {
    for (const g of this.groups.values()) {
      if (g.count < 2) continue;
      g.issue.at.row = g.first;
      g.issue.message = `${g.message}: ${g.count.toLocaleString("en")} rows (${g.first.toLocaleString("en")}–${g.last.toLocaleString("en")})`;
      g.issue.text = msg("catalog.issue.grouped", { problem: g.text ?? g.message, count: g.count, first: g.first, last: g.last });
      // One product's name does not describe a group of rows from many products.
      delete g.issue.handle;
      delete g.issue.sku;
    }
  }
}
