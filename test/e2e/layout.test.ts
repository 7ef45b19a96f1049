/**
 * What people see in an 80-column terminal and in a cron mail, through the built CLI on the demo
 * store: no line wider than the terminal (CJK counted as 2), the verdict first, and a quiet run on
 * a good day prints nothing to stderr.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/ui/layout.js";
import { REPO, runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir("merchops-layout-");
afterAll(() => tmp.cleanup());

const widest = (text: string) => Math.max(0, ...text.split("\n").map(displayWidth));
const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, { cwd: tmp.dir, env });

// Prices and shipments need a snapshot and a sync first: both offline on the demo store.
beforeAll(async () => {
  const snap = await cli(["prices", "snapshot", "--query", "连衣裙", "--query", "跑步鞋", "--query", "羽绒服", "--quiet"]);
  expect(snap.exitCode, snap.stderr).toBe(0);
  expect(snap.stderr).toBe("");
  const sync = await cli(["shipments", "sync", "--quiet"]);
  expect(sync.exitCode, sync.stderr).toBe(0);
  expect(sync.stderr).toBe("");
}, 300_000);

const COMMANDS: [name: string, args: string[], widths: number[]][] = [
  ["kpi report", ["kpi", "report"], [80, 100, 200]],
  ["kpi report --explain", ["kpi", "report", "--explain"], [80, 100, 200]],
  ["returns audit", ["returns", "audit"], [80, 100, 200]],
  ["prices report", ["prices", "report"], [80, 100, 200]],
  ["adapters list", ["adapters", "list"], [80, 200]],
  ["templates list", ["templates", "list"], [80, 200]],
  ["shipments status", ["shipments", "status"], [80]],
];

describe("tables fit the terminal", () => {
  // stdout and stderr alike (a warning wraps under its text), in English and in Chinese.
  for (const [name, args, widths] of COMMANDS) {
    it(`${name}: no line of stdout or stderr wider than COLUMNS=${widths.join(", ")}, en and zh`, async () => {
      for (const lang of ["en", "zh"]) {
        for (const columns of widths) {
          const r = await cli([...args, "--lang", lang], { COLUMNS: String(columns) });
          expect(r.exitCode, r.stderr).toBe(0);
          for (const [stream, text] of [
            ["stdout", r.stdout],
            ["stderr", r.stderr],
          ] as const) {
            const over = text.split("\n").filter((l) => displayWidth(l) > columns);
            expect(over, `${name} --lang ${lang} at ${columns}: ${stream}`).toEqual([]);
          }
          expect(r.stdout).not.toMatch(/\(no rows\)/);
        }
      }
    }, 300_000);
  }

  it("the returns audit's window warning wraps under its text at 80, en and zh", async () => {
    const en = await cli(["returns", "audit"], { COLUMNS: "80" });
    expect(en.stderr).toMatch(/^warning: the period ends [^\n]*\n {9}\S/);
    const zh = await cli(["returns", "audit", "--lang", "zh"], { COLUMNS: "80" });
    expect(zh.stderr).toMatch(/^警告：统计期截至[^\n]*\n {6}\S/);
    // Without a terminal or COLUMNS (a log file, a cron mail) the warning stays one line.
    const piped = await cli(["returns", "audit"], { COLUMNS: undefined });
    expect(piped.stderr.trim().split("\n")).toHaveLength(1);
  }, 300_000);

  it("--wide prints every column at full width; COLUMNS=80 names what it hid", async () => {
    const narrow = await cli(["returns", "audit"], { COLUMNS: "80" });
    expect(narrow.stdout).toMatch(/\d+ columns? hidden \([\s\S]*?Refunds[\s\S]*?\);\s+--wide\s+shows\s+all/);
    const wide = await cli(["returns", "audit", "--wide"], { COLUMNS: "80" });
    expect(widest(wide.stdout)).toBeGreaterThan(80);
    expect(wide.stdout).not.toMatch(/hidden/);
    expect(wide.stdout).toMatch(/│ Refunds/);
  }, 300_000);

  it("the returns audit's Flags table is readable at 80: each finding whole, its advice kept", async () => {
    const r = await cli(["returns", "audit"], { COLUMNS: "80" });
    const flags = r.stdout.slice(r.stdout.indexOf("\nFlags\n"));
    expect(flags).toMatch(/│ Finding\s+│ What and what to do/);
    const text = flags.replace(/[│┌┐└┘├┤┬┴┼─]/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("high return rate SKU DR002-BEI-M 女士针织收腰连衣裙: 30.3% of units returned");
    expect(text).toContain("check the description and photos");
  }, 300_000);

  it("the KPI table's notes are numbered footnotes, and the verdict comes first in the table's words", async () => {
    // A store without synced parcels: on-time delivery is n/a, with a note saying why.
    const fresh = tempDir("merchops-notes-");
    const r = await runCli(["kpi", "report"], { cwd: fresh.dir, env: { COLUMNS: "80" } }).finally(fresh.cleanup);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^\d+ breaches: ROAS \(blended\) \d+\.\d\d < 3, /);
    expect(lines[0]).not.toMatch(/roas|0\.\d{4}/);
    expect(r.stdout).not.toMatch(/│ Note/);
    expect(r.stdout).toMatch(/│ On-time delivery \[1\]/);
    expect(r.stdout).toMatch(/\n\[1\] /);
  }, 300_000);
});

describe("cron", () => {
  it("the README's cron lines, run quiet on the demo store without --fail-on-breach, print nothing at all", async () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    expect(readme).toContain("kpi report --store client --quiet --format html");
    const runs = [
      ["kpi", "report", "--quiet", "--format", "html", "--out", "kpi.html"],
      ["kpi", "report", "--quiet", "--json", "--out", "kpi.json"],
      ["returns", "audit", "--quiet", "--format", "xlsx", "--out", "returns.xlsx"],
      ["shipments", "sync", "--quiet"],
      ["prices", "snapshot", "--query", "连衣裙", "--query", "跑步鞋", "--quiet"],
      ["prices", "report", "--quiet", "--format", "html", "--out", "prices.html"],
    ];
    for (const args of runs) {
      const r = await cli(args);
      expect(r.exitCode, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(r.stderr, args.join(" ")).toBe("");
      // cron mails stdout too: a sync or a snapshot that went well says nothing under --quiet.
      expect(r.stdout, args.join(" ")).toBe("");
    }
  }, 300_000);

  it("--quiet keeps a summary the user asked for in a format: JSON on stdout", async () => {
    const r = await cli(["shipments", "sync", "--quiet", "--json"]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe(416);
  }, 300_000);

  it("--fail-on-breach under --quiet: exit 4 and one line, in the tables' labels and formatting", async () => {
    const kpi = await cli(["kpi", "report", "--quiet", "--json", "--fail-on-breach", "--out", "k.json"]);
    expect(kpi.exitCode).toBe(4);
    expect(kpi.stderr.trim().split("\n")).toHaveLength(1);
    expect(kpi.stderr).toMatch(/CSAT \d+\.\d% < 95%/);
    const returns = await cli(["returns", "audit", "--quiet", "--json", "--fail-on-breach", "--out", "r.json"]);
    expect(returns.exitCode).toBe(4);
    expect(returns.stderr.trim().split("\n")).toHaveLength(1);
    expect(returns.stderr).toMatch(/^2 SKUs above the 15\.0% return threshold: DR002-BEI-M 女士针织收腰连衣裙 30\.3%/);
  }, 300_000);

  it("shipments sync --fail-on-breach fires for parcels still open and late, not for those delivered late before; --all for all", async () => {
    const json = await cli(["shipments", "status", "--json"]);
    const status = JSON.parse(json.stdout) as { delayed: { status: string }[] };
    const closed = new Set(["delivered", "returned", "expired"]);
    const open = status.delayed.filter((d) => !closed.has(d.status)).length;
    expect(status.delayed.length).toBeGreaterThan(open);
    const again = await cli(["shipments", "sync", "--quiet", "--fail-on-breach"]);
    const all = await cli(["shipments", "sync", "--quiet", "--fail-on-breach", "--all"]);
    const count = (stderr: string) => Number(/^([\d,]+) late parcels?:/.exec(stderr)?.[1]?.replace(/,/g, ""));
    if (open === 0) expect(again.exitCode).toBe(0);
    else {
      expect(again.exitCode).toBe(4);
      expect(count(again.stderr)).toBe(open);
    }
    expect(all.exitCode).toBe(4);
    expect(count(all.stderr)).toBe(status.delayed.length);
    expect(all.stderr).toMatch(/\((SF Express|ZTO Express|YTO Express|STO Express|JD Logistics)[^)]*, (delivered|in transit)/);
  }, 300_000);
});

describe("the noise list", () => {
  it("returns audit --by courier joins returns to the synced parcels by order", async () => {
    const r = await cli(["returns", "audit", "--by", "courier", "--json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: Record<string, unknown>[] }).rows;
    expect(rows.map((x) => x.label)).toEqual(expect.arrayContaining(["SF Express", "ZTO Express", "(no shipment stored)"]));
    const sf = rows.find((x) => x.label === "SF Express") ?? {};
    expect(Number(sf.unitsSold ?? sf.units_sold)).toBeGreaterThan(0);
  }, 300_000);

  it("catalog export -o - writes CSV to stdout", async () => {
    const r = await cli(["catalog", "export", "-o", "-", "--quiet"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split("\r\n")[0]).toMatch(/^handle,title,/);
    expect(r.stdout).toContain("DR002-BEI-M");
    expect(r.stderr).toBe("");
  }, 300_000);

  it("the demo store's competitor source: prices report matches our products offline", async () => {
    const r = await cli(["prices", "report", "--json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const q = (JSON.parse(r.stdout) as { queries: { query: string; ours: { handle: string } | null }[] }).queries;
    expect(Object.fromEntries(q.map((x) => [x.query, x.ours?.handle]))).toMatchObject({
      连衣裙: "DR002",
      跑步鞋: "RN001",
      羽绒服: "CW001",
    });
  }, 300_000);

  it("help: group help has examples, command help the global options, --max-errors its default once", async () => {
    for (const group of ["kpi", "returns", "shipments", "prices", "catalog"]) {
      expect((await cli([group, "--help"])).stdout, group).toContain("Examples:");
    }
    const report = await cli(["kpi", "report", "--help"]);
    expect(report.stdout).toMatch(/Global Options:[\s\S]*--quiet[\s\S]*--wide/);
    const imp = await cli(["catalog", "import", "--help"]);
    const option = imp.stdout.slice(imp.stdout.indexOf("--max-errors <n>"), imp.stdout.indexOf("--resume"));
    expect(option.match(/default/g)).toHaveLength(1);
    expect(option).toMatch(/\(default: 0\)/);
  }, 300_000);
});
