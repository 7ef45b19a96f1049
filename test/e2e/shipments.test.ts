/**
 * `shipments sync` and `shipments status` end to end on the demo store, tracked offline through the
 * `file` courier: figures against fixtures/shipments/EXPECTED.json (the generator's planted delays)
 * and against the fixture CSVs; the on-time rate in `kpi report`; provider configuration errors.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { DEMO_DIR } from "../helpers/demo-data.js";
import { expectContract } from "../helpers/schemas.js";
import {
  errorLines,
  freshDir,
  loadExpected,
  onTimeFromFixtures,
  plantedDelays,
  readDemoShipments,
  recordsOf,
  type ShipmentsJson,
  STACK_FRAME,
  withState,
  worksheetRows,
} from "../helpers/shipments.js";

const expected = loadExpected();
const AS_OF = ["--now", expected.asOf];
const planted = plantedDelays(expected);
const OPEN = new Set([
  "pending",
  "info_received",
  "in_transit",
  "out_for_delivery",
  "available_for_pickup",
  "failed_attempt",
  "exception",
  "returning",
]);
const FILE_COURIER_MAX_BATCH = 1000;

const tmp = tempDir("merchops-shipments-");
afterAll(() => tmp.cleanup());

describe("shipments sync on the demo store at EXPECTED.asOf", () => {
  const cwd = freshDir(tmp.dir, "sync");
  let sync: ShipmentsJson;
  let exitCode: number;

  beforeAll(async () => {
    const r = await runCli(["shipments", "sync", ...AS_OF, "--json"], { cwd });
    exitCode = r.exitCode;
    expect(r.stderr).not.toMatch(/^error:/m);
    sync = expectContract<ShipmentsJson>("shipments", r.stdout);
  });

  it("exits 0 with the totals, statuses and open count the generator planted", () => {
    expect(exitCode).toBe(0);
    expect(sync.kind).toBe("sync");
    expect(sync.store).toBe("demo");
    expect(sync.total).toBe(expected.shipments);
    expect(sync.total).toBe(readDemoShipments().length);
    expect(sync.by_status).toEqual(expected.statusAtAsOf);
    expect(sync.open).toBe(expected.open);
    expect(sync.failed).toEqual([]);
    const byCourier = Object.fromEntries(sync.by_courier.map((c) => [c.courier, c.total]));
    expect(byCourier).toEqual(expected.byCourier);
  });

  it("reports exactly the planted delays, each with the one rule it breaks", () => {
    expect(sync.delayed).toHaveLength(expected.delayedShipments);
    const got = new Map(sync.delayed.map((d) => [d.tracking_number, d.breaches.map((b) => b.rule)]));
    expect([...got.keys()].sort()).toEqual([...planted.keys()].sort());
    for (const [number, rule] of planted) expect(got.get(number), number).toEqual([rule]);
    const perRule = { first_scan: 0, delivery: 0, stuck: 0 };
    for (const d of sync.delayed) for (const b of d.breaches) perRule[b.rule]++;
    expect(perRule).toEqual(expected.breaches);
    expect(sync.delayed.filter((d) => OPEN.has(d.status))).toHaveLength(expected.openDelayedShipments);
    // Returned parcels are closed: no breach.
    const returned = new Set(expected.planted.returned?.trackingNumbers);
    expect(sync.delayed.filter((d) => returned.has(d.tracking_number))).toEqual([]);
  });

  it("each breach is past its limit, and order and ship time are the fixture's", () => {
    const parcels = new Map(readDemoShipments().map((s) => [s.tracking_number, s]));
    const limits = { first_scan: expected.sla.firstScanHours, delivery: expected.sla.deliveryDays, stuck: expected.sla.stuckHours };
    for (const d of sync.delayed) {
      const p = parcels.get(d.tracking_number);
      expect(p, d.tracking_number).toBeDefined();
      expect(d.order_id).toBe(p?.order_id);
      expect(d.courier).toBe(p?.courier);
      expect(Date.parse(d.shipped_at ?? "")).toBe(Date.parse(p?.shipped_at ?? ""));
      for (const b of d.breaches) {
        expect(b.limit).toBe(limits[b.rule]);
        expect(b.actual).toBeGreaterThan(b.limit);
        expect(b.message).not.toBe("");
      }
    }
  });

  it("on-time delivery rate = EXPECTED onTimeDelivery", () => {
    const { delivered, onTime, rate } = expected.onTimeDelivery;
    expect(sync.on_time_rate).not.toBeNull();
    expect(sync.on_time_rate as number).toBeCloseTo(onTime / delivered, 12);
    expect(sync.on_time_rate as number).toBeCloseTo(rate, 4);
  });

  it("tracks through the file courier within its batch limit and stores every event once", () => {
    expect(sync.providers).toHaveLength(1);
    const [p] = sync.providers;
    expect(p?.name).toBe("file");
    expect(p?.numbers).toBe(expected.shipments); // the first sync asks about every seeded parcel
    expect(p?.max_batch).toBeGreaterThan(0);
    expect(p?.max_batch).toBeLessThanOrEqual(FILE_COURIER_MAX_BATCH);
    expect(p?.calls).toBe(Math.ceil(expected.shipments / FILE_COURIER_MAX_BATCH));
    const events = withState(
      cwd,
      (db) => (db.prepare("SELECT COUNT(*) AS n FROM shipment_events WHERE store = 'demo'").get() as { n: number }).n,
    );
    expect(events).toBe(expected.events);
  });

  it("shipments status gives the same figures without tracking", async () => {
    const r = await runCli(["shipments", "status", ...AS_OF, "--json"], { cwd });
    expect(r.exitCode).toBe(0);
    const status = expectContract<ShipmentsJson>("shipments", r.stdout);
    expect(status.kind).toBe("status");
    expect(status.providers).toEqual([]);
    expect(status.tracked).toBe(0);
    expect(status.total).toBe(expected.shipments);
    expect(status.open).toBe(expected.open);
    expect(status.by_status).toEqual(expected.statusAtAsOf);
    expect(status.on_time_rate).toBe(sync.on_time_rate);
    expect(status.delayed.map((d) => d.tracking_number).sort()).toEqual([...planted.keys()].sort());
  });

  it("--fail-on-breach exits 4 with a one-line message; the report is still printed", async () => {
    const r = await runCli(["shipments", "sync", ...AS_OF, "--json", "--fail-on-breach"], { cwd });
    const again = JSON.parse(r.stdout) as ShipmentsJson;
    // A second sync: only the parcels still open and late are news (--all: every delayed parcel).
    const closed = new Set(["delivered", "returned", "expired"]);
    const open = again.delayed.filter((d) => !closed.has(d.status));
    const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines).toHaveLength(open.length > 0 ? 1 : 0);
    if (open.length > 0) {
      expect(r.exitCode).toBe(4);
      expect(lines[0]).toMatch(new RegExp(`^${open.length} late parcels?: `));
    } else expect(r.exitCode).toBe(0);
    const all = await runCli(["shipments", "sync", ...AS_OF, "--json", "--fail-on-breach", "--all"], { cwd });
    expect(all.exitCode).toBe(4);
    const allLines = all.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(allLines).toHaveLength(1);
    expect(allLines[0]).toMatch(new RegExp(`^${expected.delayedShipments} late parcels?: `));
    expect([...planted.keys()].some((n) => allLines[0]?.includes(n))).toBe(true);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(again.delayed).toHaveLength(expected.delayedShipments);
    // A second sync only asks about the parcels still open.
    expect(again.providers[0]?.numbers).toBe(expected.open);
    expect(again.changed).toBe(0);
  });

  it("--format xlsx --out writes one row per delayed parcel on the Delayed shipments sheet", async () => {
    const out = join(cwd, "delays.xlsx");
    const r = await runCli(["shipments", "sync", ...AS_OF, "--format", "xlsx", "--out", out], { cwd });
    expect(r.exitCode).toBe(0);
    const rows = recordsOf(await worksheetRows(out, "Delayed shipments"));
    expect(rows).toHaveLength(expected.delayedShipments);
    expect(rows.map((row) => String(row["Tracking number"])).sort()).toEqual([...planted.keys()].sort());
    const label = { first_scan: "first scan", delivery: "delivery", stuck: "no scan (stuck)" };
    for (const row of rows) {
      const rule = planted.get(String(row["Tracking number"]));
      expect(row["Rule broken"], String(row["Tracking number"])).toBe(rule && label[rule]);
    }
  });
});

describe("kpi report: the on-time delivery rate", () => {
  const cwd = freshDir(tmp.dir, "kpi");
  interface KpiRow {
    id: string;
    value: number | null;
    status: string;
    note?: string;
  }
  const onTimeRow = async (period: string): Promise<KpiRow> => {
    const r = await runCli(["kpi", "report", ...AS_OF, "--period", period, "--json"], { cwd });
    expect(r.exitCode).toBe(0);
    const row = (JSON.parse(r.stdout) as { rows: KpiRow[] }).rows.find((m) => m.id === "on_time_delivery_rate");
    expect(row).toBeDefined();
    return row as KpiRow;
  };

  it("is n/a with a reason before any sync", async () => {
    const row = await onTimeRow("2026-10-01..2026-11-24");
    expect(row.value).toBeNull();
    expect(row.status).toBe("n/a");
    expect(row.note ?? "").not.toBe("");
  });

  it("after a sync equals the rate computed from the fixture CSVs, over the whole period and one week", async () => {
    const sync = await runCli(["shipments", "sync", ...AS_OF, "--json"], { cwd });
    expect(sync.exitCode).toBe(0);

    const whole = onTimeFromFixtures(expected.sla.deliveryDays, { first: "2026-10-01", last: "2026-11-24" });
    expect(whole.judged).toBe(expected.onTimeDelivery.delivered);
    expect(whole.onTime).toBe(expected.onTimeDelivery.onTime);
    expect((await onTimeRow("2026-10-01..2026-11-24")).value).toBeCloseTo(whole.onTime / whole.judged, 12);

    // A week: deliveries count on their delivery day, not their shipping day.
    const week = onTimeFromFixtures(expected.sla.deliveryDays, { first: "2026-11-12", last: "2026-11-18" });
    expect(week.judged).toBeGreaterThan(0);
    expect(week.onTime).toBeLessThan(week.judged);
    expect((await onTimeRow("2026-11-12..2026-11-18")).value).toBeCloseTo(week.onTime / week.judged, 12);
  });
});

describe("provider configuration errors", () => {
  const withConfig = (yaml: string): string => {
    const cwd = freshDir(tmp.dir, "config");
    writeFileSync(join(cwd, "merchops.config.yaml"), yaml);
    return cwd;
  };
  const expectUsageError = (r: { exitCode: number; stderr: string }) => {
    expect(r.exitCode).toBe(2);
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  };
  // The first courier (in name order) among the demo's open parcels is the one an error names.
  const firstCourier = [...new Set(readDemoShipments().map((s) => s.courier as string))].sort()[0] as string;

  it("an unknown provider under couriers: exit 2, naming it, listing the known ones", async () => {
    const r = await runCli(["shipments", "sync"], { cwd: withConfig("couriers:\n  nosuch: {}\n") });
    expectUsageError(r);
    const [e] = errorLines(r.stderr);
    expect(e?.error).toContain('"nosuch"');
    expect(e?.error).toContain("couriers.nosuch");
    expect(e?.next).toMatch(/^\s+→ .*kuaidi100/);
  });

  it("a misspelt provider: exit 2 with a did-you-mean", async () => {
    const r = await runCli(["shipments", "sync"], { cwd: withConfig("couriers:\n  kuaidi10: {}\n") });
    expectUsageError(r);
    expect(r.stderr).toContain('"kuaidi10"');
    expect(errorLines(r.stderr)[0]?.next).toMatch(/did you mean "kuaidi100"/);
  });

  it("a config with no tracking provider: exit 2 naming a courier with open parcels", async () => {
    const r = await runCli(["shipments", "sync"], { cwd: withConfig("defaultStore: demo\n") });
    expectUsageError(r);
    expect(errorLines(r.stderr)[0]?.error).toContain(`courier "${firstCourier}"`);
    expect(errorLines(r.stderr)[0]?.next).toContain(`shipments.providers.${firstCourier}`);
  });

  it("a provider that tracks SF only, and parcels of other couriers: exit 2 naming the courier", async () => {
    const yaml = 'couriers:\n  sf-express: { partnerId: P1, secret: "env:SF_CHECKWORD", baseUrl: "http://127.0.0.1:9" }\n';
    const r = await runCli(["shipments", "sync"], { cwd: withConfig(yaml), env: { SF_CHECKWORD: "test-check-word" } });
    expectUsageError(r);
    expect(firstCourier).not.toBe("sf");
    expect(errorLines(r.stderr)[0]?.error).toContain(`courier "${firstCourier}"`);
    expect(r.stderr).not.toContain("test-check-word");
  });

  it("an unknown provider named in shipments.providers: exit 2 pointing at that key", async () => {
    const events = join(DEMO_DIR, "tracking-events.csv");
    const yaml = `couriers:\n  file: { file: ${JSON.stringify(events)} }\nshipments:\n  providers: { default: nosuch }\n`;
    const r = await runCli(["shipments", "sync"], { cwd: withConfig(yaml) });
    expectUsageError(r);
    const [e] = errorLines(r.stderr);
    expect(e?.error).toContain('"nosuch"');
    // The user wrote shipments.providers.default; there is no couriers.nosuch to fix.
    expect(e?.error).toContain("shipments.providers.default");
  });
});
