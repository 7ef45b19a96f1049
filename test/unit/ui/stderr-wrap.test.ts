/** stderr prose wrapped like the tables: at the width, under its text, never inside a path, URL or flag. */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { displayWidth, hangingLine, wrapProse } from "../../../src/ui/layout.js";
import { stderrWidth } from "../../../src/ui/logger.js";

const widest = (s: string) => Math.max(...s.split("\n").map(displayWidth));

describe("stderr lines", () => {
  it("English wraps at spaces, continuation lines under the text after the prefix", () => {
    const out = hangingLine(
      "warning: ",
      "the period ends 2026-12-07, within the 30-day return window: orders placed since 2026-11-08 can still be returned",
      60,
    );
    expect(out.split("\n")).toEqual([
      "warning: the period ends 2026-12-07, within the 30-day",
      "         return window: orders placed since 2026-11-08 can",
      "         still be returned",
    ]);
  });

  it("Chinese wraps between characters (CJK counted as 2), never before closing punctuation", () => {
    const out = hangingLine("警告：", "统计期截至 2026-12-07，仍在 30 天退货期内：2026-11-08 之后的订单仍可能退货，这些退货率还会上升", 40);
    expect(widest(out)).toBeLessThanOrEqual(40);
    for (const line of out.split("\n").slice(1)) {
      expect(line.startsWith("      ")).toBe(true);
      expect(line.trimStart()).not.toMatch(/^[，。：；、）”]/);
    }
    expect(out.replace(/\n +/g, "")).toBe(
      "警告：统计期截至 2026-12-07，仍在 30 天退货期内：2026-11-08 之后的订单仍可能退货，这些退货率还会上升",
    );
  });

  it("a path, a URL and a flag with its value are never broken, even when longer than the line", () => {
    const path = join(tmpdir(), "merchops-test-abcdef/run12/some/very/long/path/that/does/not/fit/at/all.csv");
    const out = wrapProse(`错误：${path}，第 4 行：see https://example.com/a/b/c or pass --max-errors 5 to go on`, 30);
    expect(out).toContain(`${path}，第 4`.slice(0, path.length + 1));
    expect(out.join("\n")).toContain("https://example.com/a/b/c");
    expect(out.some((l) => l.includes("--max-errors 5"))).toBe(true);
  });

  it("a word longer than the line that is not a path is cut at the width", () => {
    expect(wrapProse("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });

  it("the width: stderr's terminal, else COLUMNS; whole lines in a pipe without COLUMNS, and with --wide", () => {
    expect(stderrWidth(false, { COLUMNS: "80" }, { isTTY: false })).toBe(80);
    expect(stderrWidth(false, {}, { isTTY: true, columns: 120 })).toBe(120);
    expect(stderrWidth(false, {}, { isTTY: false })).toBeUndefined();
    expect(stderrWidth(true, { COLUMNS: "80" }, { isTTY: true, columns: 120 })).toBeUndefined();
    expect(hangingLine("warning: ", "a ".repeat(100).trim(), undefined)).toBe(`warning: ${"a ".repeat(100).trim()}`);
  });
});
