/**
 * DST in the store's zone (America/New_York): 2026-03-08 has 23 hours, 2026-11-01 has 25. Orders
 * written as wall-clock times (the files-store export way) at each edge, in the spring gap (02:30
 * never happens) and the autumn overlap (01:30 happens twice, once with its offset written): every
 * order is counted on exactly one day, the days add up to the period, none is lost or doubled.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

const t = tempDir("merchops-hostile-dst-");
afterAll(() => t.cleanup());

const ORDERS: [string, string][] = [
  ["A1", "2026-03-07 23:59:59"],
  ["A2", "2026-03-08 00:00:00"],
  ["A3", "2026-03-08 01:59:59"],
  ["A4", "2026-03-08 02:30:00"], // in the gap: clocks jump from 02:00 to 03:00
  ["A5", "2026-03-08 03:00:00"],
  ["A6", "2026-03-08 23:59:59"],
  ["A7", "2026-03-09 00:00:00"],
  ["B1", "2026-11-01 00:30:00"],
  ["B2", "2026-11-01 01:30:00"], // in the overlap: 01:00-02:00 happens twice
  ["B3", "2026-11-01 01:30:00-05:00"], // the second 01:30, its offset written
  ["B4", "2026-11-01 23:59:59"],
  ["B5", "2026-11-02 00:00:00"],
];

beforeAll(() => {
  mkdirSync(join(t.dir, "exp"));
  writeFileSync(
    join(t.dir, "exp", "orders.csv"),
    `order_id,placed_at,status,currency,total\n${ORDERS.map(([id, at]) => `${id},${at},paid,USD,10.00`).join("\n")}\n`,
  );
  writeFileSync(
    join(t.dir, "merchops.config.yaml"),
    "timezone: America/New_York\ncurrency: USD\nstores:\n  c: { platform: files, dir: ./exp }\ndefaultStore: c\n",
  );
});

async function orders(period: string): Promise<number> {
  const r = await runCli(["kpi", "report", "--period", period, "--now", "2026-12-01T00:00:00Z", "--format", "json"], { cwd: t.dir });
  expect(r.exitCode, r.stderr).toBe(0);
  const rows = (JSON.parse(r.stdout) as { rows: { id: string; value: number | null }[] }).rows;
  return rows.find((x) => x.id === "orders")?.value ?? Number.NaN;
}

describe("KPI days across DST", () => {
  it("the 23-hour day and its neighbours: 1 + 5 + 1 = the three days' 7", async () => {
    expect([await orders("2026-03-07"), await orders("2026-03-08"), await orders("2026-03-09")]).toEqual([1, 5, 1]);
    expect(await orders("2026-03-07..2026-03-09")).toBe(7);
  }, 300_000);

  it("the 25-hour day holds both 01:30s: 0 + 4 + 1 = the three days' 5", async () => {
    expect([await orders("2026-10-31"), await orders("2026-11-01"), await orders("2026-11-02")]).toEqual([0, 4, 1]);
    expect(await orders("2026-10-31..2026-11-02")).toBe(5);
  }, 300_000);
});
