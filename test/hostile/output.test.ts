/**
 * Hostile OUTPUT: a store whose titles, categories, return reasons and competitor offers are
 * attacks (HOSTILE_TEXT), reported by kpi, returns audit and prices report in every file format.
 * Spreadsheets hold no live formula and numbers stay numbers; HTML runs nothing in Chromium;
 * Markdown shows the attacks as text.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { hostileConfig, hostileSeed, liveCsvCells, probeInjection, scanWorkbook } from "./output-helpers.js";

const t = tempDir("merchops-hostile-out-");
afterAll(() => t.cleanup());
const NOW = "2026-11-25T00:00:00+08:00";
const REPORTS: Record<string, string[]> = {
  kpi: ["kpi", "report", "--period", "last-30-days"],
  returns: ["returns", "audit", "--by", "category"],
  "returns-product": ["returns", "audit", "--by", "product"],
  prices: ["prices", "report"],
};
const FORMATS = ["html", "md", "csv", "xlsx"] as const;
const out = (report: string, format: string) => join(t.dir, `${report}.${format}`);

beforeAll(async () => {
  const seed = hostileSeed(t.dir);
  writeFileSync(join(t.dir, "merchops.config.yaml"), hostileConfig(seed));
  const cli = (args: string[]) => runCli([...args, "--now", NOW, "--quiet"], { cwd: t.dir });
  const snap = await cli(["prices", "snapshot", "--query", "夏季连衣裙", "--query", "跑步鞋"]);
  expect(snap.exitCode, snap.stderr).toBe(0);
  for (const [name, args] of Object.entries(REPORTS)) {
    for (const format of FORMATS) {
      const r = await cli([...args, "--out", out(name, format)]);
      expect([0, 4], `${name} ${format}\n${r.stderr}`).toContain(r.exitCode);
    }
  }
}, 300_000);

describe("hostile merchant text in reports", () => {
  it.each(Object.keys(REPORTS))("%s: CSV cells never start a formula; the attack text is kept", (name) => {
    expect(liveCsvCells(out(name, "csv"))).toEqual([]);
  });

  it("the attacks reach the files (the test would prove nothing otherwise)", () => {
    const all = Object.keys(REPORTS)
      .map((n) => readFileSync(out(n, "csv"), "utf8"))
      .join("\n");
    expect(all).toContain("'=HYPERLINK(");
    expect(all).toContain("'@SUM(1+1)");
    expect(all).toContain("<script>alert(1)</script>");
  });

  it.each(Object.keys(REPORTS))("%s: XLSX holds no formula and no trigger-led text; numbers are numbers", async (name) => {
    const scan = await scanWorkbook(out(name, "xlsx"));
    expect(scan.live).toEqual([]);
    expect(scan.numbers).toBeGreaterThan(0);
    // A negative amount or a rate is written as a number, never as text a formula guard quoted.
    expect(scan.strings.filter((s) => /^'[+-]?\d+(?:\.\d+)?%?$/.test(s))).toEqual([]);
  });

  it.each(Object.keys(REPORTS))("%s: Markdown shows the attacks as text", (name) => {
    const md = readFileSync(out(name, "md"), "utf8");
    expect(md).not.toMatch(/(?<!\\)<(script|img|svg|\/style|\/title|javascript:|!channel)/i);
    expect(md).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(javascript:/i);
    // Every table line keeps its column count: no pipe from the data ends a cell.
    for (const table of md.split(/\n\n/).filter((b) => b.startsWith("| "))) {
      const widths = new Set(table.split("\n").map((l) => l.replace(/\\\|/g, "").split("|").length));
      expect(widths.size, table.slice(0, 200)).toBe(1);
    }
  });

  it.each(Object.keys(REPORTS))(
    "%s: HTML runs nothing in headless Chromium",
    async (name) => {
      const probe = await probeInjection(out(name, "html"));
      expect(probe.calls).toEqual([]);
      expect(probe.injected).toEqual([]);
      expect(probe.title).not.toMatch(/<|alert/);
    },
    90_000,
  );
});

it("the browser probe sees an injection when there is one", async () => {
  const dir = join(t.dir, "probe");
  mkdirSync(dir);
  const page = join(dir, "bad.html");
  writeFileSync(
    page,
    `<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p><img src=x onerror="alert(2)"><a href="javascript:1">l</a></body></html>`,
  );
  const probe = await probeInjection(page);
  expect(probe.calls).toEqual(["alert:2"]);
  expect(probe.injected).toEqual(expect.arrayContaining(["IMG", "IMG@onerror", "A@href=javascript:"]));
}, 90_000);
