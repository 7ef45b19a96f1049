/**
 * Hostile class: slow failures (issue 13 item 6). An oversize line is refused in linear time —
 * proven by counting the bytes Buffer.concat copies, not by a clock — and errors are never crowded
 * out of the import report by warnings.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { CatalogIssue } from "../../src/core/catalog/types.js";
import { InputError } from "../../src/core/errors.js";
import { openTable } from "../../src/io/read-table.js";
import { keepIssue } from "../../src/services/import-catalog.js";
import { tempDir } from "../helpers/cli.js";
import { longLine } from "./generators.js";

const t = tempDir("merchops-hostile-slow-");
afterAll(() => t.cleanup());

async function drain(path: string): Promise<unknown> {
  try {
    const table = await openTable(path);
    for await (const _ of table.batches()) {
      // drain
    }
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("oversize lines are refused in linear time", () => {
  it.each([
    ["a line without a line break", false],
    ["an unclosed quote", true],
  ])("%s: Buffer.concat copies O(file size), not O(size^2)", async (_name, quoted) => {
    const mb = 17;
    const p = join(t.dir, `long-${quoted}.csv`);
    writeFileSync(p, longLine(mb, quoted));
    let copied = 0;
    const spy = vi.spyOn(Buffer, "concat");
    const err = await drain(p);
    for (const r of spy.mock.results) if (r.type === "return") copied += (r.value as Buffer).length;
    spy.mockRestore();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/longer than 16 MB \(limits\.rowMB\)/);
    // Quadratic joining copied ~2.3 GB for this file; linear joins copy it a couple of times at most.
    expect(copied).toBeLessThan(3 * mb * 1024 * 1024);
  });
});

describe("errors are always named in the report", () => {
  const warning = (row: number): CatalogIssue => ({ severity: "warning", at: { file: "f.csv", row }, message: "w" });
  const error = (row: number): CatalogIssue => ({ severity: "error", at: { file: "f.csv", row }, message: "e" });

  it("an error after the cap is full of warnings takes a warning's place", () => {
    const kept: CatalogIssue[] = [];
    for (let row = 2; row < 1_000_000; row += 1000) keepIssue(kept, warning(row));
    for (let row = 2; row < 600; row++) keepIssue(kept, warning(row));
    keepIssue(kept, error(999_999));
    expect(kept).toHaveLength(500);
    expect(kept.filter((i) => i.severity === "error").map((i) => i.at.row)).toEqual([999_999]);
  });

  it("errors fill the cap before any warning", () => {
    const kept: CatalogIssue[] = [];
    for (let row = 2; row < 502; row++) keepIssue(kept, warning(row));
    for (let row = 1000; row < 1600; row++) keepIssue(kept, error(row));
    expect(kept.every((i) => i.severity === "error")).toBe(true);
    expect(kept).toHaveLength(500);
  });
});
