/** The one-line verdicts and breach lines: the tables' labels and formatting, and honest about what a real run would do. */
import { describe, expect, it } from "vitest";
import { msg } from "../../../src/core/i18n/index.js";
import type { MetricResult } from "../../../src/core/kpi/compute.js";
import type { ImportCatalogReport } from "../../../src/services/import-catalog.js";
import { importDocument } from "../../../src/services/present-import.js";
import { breachText } from "../../../src/services/present-kpi.js";
import { byLateness, courierLabel, lateParcelsLine, statusLabel } from "../../../src/services/present-shipments.js";
import type { DelayedShipment } from "../../../src/services/sync-shipments.js";

const metric = (over: Partial<MetricResult>): MetricResult =>
  ({
    id: "x",
    label: "X",
    labelZh: "X",
    unit: "ratio",
    group: "ads",
    value: 1,
    previous: null,
    change: null,
    threshold: null,
    status: "breach",
    formula: "",
    basis: "",
    ...over,
  }) as MetricResult;

describe("KPI breach text", () => {
  it("uses the label and the table's formatting, with the broken side of the threshold", () => {
    expect(breachText(metric({ label: "ROAS (blended)", value: 2.5999, threshold: { op: ">=", value: 3, key: "roasMin" } }), "CNY")).toBe(
      "ROAS (blended) 2.60 < 3",
    );
    expect(
      breachText(
        metric({
          label: "Return rate (units)",
          unit: "percent",
          value: 0.8571,
          threshold: { op: "<=", value: 0.15, key: "returnRateMax" },
        }),
        "CNY",
      ),
    ).toBe("Return rate (units) 85.7% > 15%");
    expect(
      breachText(
        metric({ label: "CSAT", labelZh: "满意度", unit: "percent", value: 0.81, threshold: { op: ">=", value: 0.95, key: "csatMin" } }),
        "CNY",
        "zh-Hans",
      ),
    ).toBe("满意度 81.0% < 95%");
  });
});

describe("catalog import dry run", () => {
  const report = (errorCount: number): ImportCatalogReport =>
    ({
      store: "demo",
      platform: "local",
      mode: "upsert",
      dryRun: true,
      applied: false,
      files: [{ file: "a.csv", dialect: "native", rows: 1200 }],
      products: { create: 3, update: 1, unchanged: 0, delete: 0, skip: 0, error: errorCount },
      variants: { create: 9, update: 2, unchanged: 0, delete: 0 },
      rows: 1200,
      errorCount,
      warningCount: 1,
      groupedIssues: 0,
      issues: [],
      changes: [],
      resumedSkipped: 0,
      elapsedMs: 1,
    }) as unknown as ImportCatalogReport;

  it("says 'run without --dry-run to apply' only when the real run would go ahead", () => {
    const ok = importDocument(report(0));
    expect(ok.verdict).toBe("Dry run: 3 products to create, 1 to update; 0 errors, 1 warning.");
    expect(ok.notes.join("\n")).toContain("Run without --dry-run to apply");
    const bad = importDocument(report(2));
    expect(bad.verdict).toMatch(/^Dry run \(would be rejected\)/);
    expect(bad.notes.join("\n")).not.toContain("Run without --dry-run to apply");
    expect(bad.notes.join("\n")).toContain("2 errors, above --max-errors 0");
    expect(importDocument(report(2), { maxErrors: 5 }).notes.join("\n")).toContain("Run without --dry-run to apply");
  });

  it("prints no empty update box: the table says there is none", () => {
    const doc = importDocument(report(0));
    expect(doc.tables.find((t) => t.id === "changes")?.empty).toBe("No updates planned.");
    expect(doc.meta.find(([k]) => k === "Files")?.[1]).toBe("a.csv (native, 1,200 rows)");
  });
});

describe("delayed shipments", () => {
  const d = (trackingNumber: string, status: DelayedShipment["status"], breaches: [string, number, number][]): DelayedShipment => ({
    trackingNumber,
    orderId: "O1",
    courier: "sf",
    status,
    breaches: breaches.map(([rule, actual, limit]) => ({ rule: rule as "delivery", actual, limit, message: "", text: msg("sla.stuck") })),
    changedNow: false,
  });

  it("sorts by how late (days count 24 hours), readable status and courier names", () => {
    const list = [
      d("A", "in_transit", [["stuck", 60, 48]]),
      d("B", "delivered", [["delivery", 6, 5]]),
      d("C", "pending", [["first_scan", 30, 24]]),
    ];
    expect(byLateness(list).map((x) => x.trackingNumber)).toEqual(["B", "A", "C"]);
    expect(statusLabel("in_transit")).toBe("in transit");
    expect(courierLabel("sf")).toBe("SF Express");
    expect(courierLabel("unknown-co")).toBe("unknown-co");
    expect(lateParcelsLine(list, 1)).toBe("3 late parcels: B (SF Express, delivered): delivery 6d / 5d; and 2 more");
  });
});
