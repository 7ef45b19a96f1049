/**
 * The built binary, run as a user or cron would: stdout, stderr and the exit code.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe("merchops on the demo store", () => {
  it("prints yesterday's KPI table and exits 0", async () => {
    const r = await runCli(["kpi", "report"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("KPI report");
    expect(r.stdout).toContain("2026-11-24 (yesterday)");
    expect(r.stdout).toMatch(/GMV\s.*¥[\d,]+\.\d\d/);
    expect(r.stdout).toMatch(/Conversion rate\s.*\d+\.\d%/);
    expect(r.stdout).not.toContain("\u001b["); // no colour codes when not a TTY
    expect(existsSync(join(tmp.dir, ".merchops", "state.db"))).toBe(true);
  });

  it("--json carries every metric with its definition id, value, threshold and status", async () => {
    const r = await runCli(["kpi", "report", "--json"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout) as {
      definitions: Record<string, { formula: string }>;
      rows: { id: string; value: unknown; threshold: unknown; status: string }[];
      breaches: string[];
    };
    expect(json.rows.length).toBeGreaterThanOrEqual(25);
    for (const row of json.rows) {
      expect(json.definitions[row.id]?.formula, row.id).toBeTruthy();
      expect(row).toHaveProperty("value");
      expect(row).toHaveProperty("threshold");
      expect(["ok", "breach", "n/a", "info"]).toContain(row.status);
    }
    expect(json.breaches.length).toBeGreaterThan(0);
  });

  it("--fail-on-breach exits 4 on a breach, 0 when the thresholds hold", async () => {
    const breach = await runCli(["kpi", "report", "--fail-on-breach", "--quiet"], { cwd: tmp.dir });
    expect(breach.exitCode).toBe(4);
    // Cron mails stderr: one line, in the table's labels and formatting ("ROAS (blended) 2.60 < 3", not roas 2.5999).
    expect(breach.stderr.trim().split("\n")).toHaveLength(1);
    expect(breach.stderr).toMatch(/^\d+ breach(es)?: .*ROAS \(blended\) \d+\.\d\d < 3/);
    const lenient = tempDir();
    try {
      writeFileSync(
        join(lenient.dir, "merchops.config.yaml"),
        [
          "kpi:",
          "  thresholds:",
          "    conversionRateMin: 0",
          "    organicShareMin: 0",
          "    roasMin: 0",
          "    returnRateMax: 1",
          "    csatMin: 0",
          "    chatFirstResponseMaxSeconds: 100000",
          "    ticketWithinTargetMin: 0",
          "    resolutionRateMin: 0",
          "",
        ].join("\n"),
      );
      const ok = await runCli(["kpi", "report", "--fail-on-breach"], { cwd: lenient.dir });
      expect(ok.stderr).not.toMatch(/breached/);
      expect(ok.exitCode).toBe(0);
    } finally {
      lenient.cleanup();
    }
  });

  it("writes an xlsx that opens, with the KPI sheet and breaches highlighted", async () => {
    const out = join(tmp.dir, "r.xlsx");
    const r = await runCli(["kpi", "report", "--format", "xlsx", "--out", out], { cwd: tmp.dir });
    expect(r.exitCode).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toMatch(/KPI/);
    expect(sheet?.rowCount).toBeGreaterThan(20);
    expect(readdirSync(tmp.dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("--help shows examples and exit codes; a command's help has examples", async () => {
    const top = await runCli(["--help"], { cwd: tmp.dir });
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toContain("Examples:");
    expect(top.stdout).toContain("Exit codes:");
    const kpi = await runCli(["kpi", "report", "--help"], { cwd: tmp.dir });
    expect(kpi.exitCode).toBe(0);
    expect(kpi.stdout).toContain("Examples:");
    const adapters = await runCli(["adapters", "list", "--help"], { cwd: tmp.dir });
    expect(adapters.stdout).toContain("Examples:");
  });

  it("an unknown flag is a usage error (2)", async () => {
    const r = await runCli(["kpi", "report", "--perod", "yesterday"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });

  it("a bad period is a usage error naming the syntax", async () => {
    const r = await runCli(["kpi", "report", "--period", "2026-02-30"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--period.*not a real day/);
  });

  it("adapters list shows the built-ins and their capabilities", async () => {
    const r = await runCli(["adapters", "list", "--json"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(0);
    const list = (JSON.parse(r.stdout) as { adapters: { name: string; capabilities: string[] }[] }).adapters;
    expect(list.map((a) => a.name)).toEqual(expect.arrayContaining(["local", "files"]));
    expect(list.find((a) => a.name === "files")?.capabilities).toContain("orders.read");
  });

  it("writes CSV with keys as headers and neutralized formulas", async () => {
    const r = await runCli(["kpi", "report", "--format", "csv"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(0);
    const [header] = r.stdout.split(/\r?\n/);
    expect(header).toContain("metric");
    expect(header).toContain("status");
    expect(r.stdout).toMatch(/\ngmv|,gmv/);
  });
});

describe("two concurrent runs on one store", () => {
  it("never interleave: both finish with --wait and the output file is whole", async () => {
    const out = join(tmp.dir, "concurrent.json");
    const [a, b] = await Promise.all([
      runCli(["kpi", "report", "--period", "last-30-days", "--wait", "60", "--out", out], { cwd: tmp.dir }),
      runCli(["kpi", "report", "--period", "last-30-days", "--wait", "60", "--out", out], { cwd: tmp.dir }),
    ]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    const json = JSON.parse(readFileSync(out, "utf8")) as { rows: unknown[] };
    expect(json.rows.length).toBeGreaterThan(20);
  });
});
