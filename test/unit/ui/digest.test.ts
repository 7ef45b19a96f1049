/**
 * The digest in words: "All clear" when nothing is open, the top items taken in turn from each
 * section, counts of what is left out, and the document's tables.
 */
import { describe, expect, it } from "vitest";
import { markdownMessage } from "../../../src/adapters/notify/render.js";
import type { Finding } from "../../../src/core/digest/findings.js";
import type { DigestReport } from "../../../src/services/digest.js";
import { digestDocument, digestMessage } from "../../../src/ui/digest.js";

const kpi = (metric: string, isNew = true): Finding => ({
  section: "kpi",
  key: `kpi:${metric}:2026-11-24..2026-11-24`,
  store: "demo",
  isNew,
  metric,
  label: metric.toUpperCase(),
  labelZh: metric,
  unit: "percent",
  value: 0.81,
  threshold: { op: ">=", value: 0.95 },
  previous: 0.9,
  change: -0.1,
  period: { first: "2026-11-24", last: "2026-11-24" },
});
const parcel = (n: string): Finding => ({
  section: "shipments",
  key: `shipments:${n}:stuck`,
  store: "demo",
  isNew: true,
  trackingNumber: n,
  orderId: "O1",
  courier: "sf",
  status: "in_transit",
  rule: "stuck",
  message: "no courier event for 91.2 h (limit 48 h)",
});

function report(findings: Finding[]): DigestReport {
  const bySection = {
    kpi: { new: 0, stillOpen: 0 },
    returns: { new: 0, stillOpen: 0 },
    shipments: { new: 0, stillOpen: 0 },
    prices: { new: 0, stillOpen: 0 },
    sync: { new: 0, stillOpen: 0 },
  };
  for (const f of findings) bySection[f.section][f.isNew ? "new" : "stillOpen"]++;
  const fresh = findings.filter((f) => f.isNew).length;
  return {
    schemaVersion: 1,
    generatedAt: "2026-11-25T01:00:00.000Z",
    period: "yesterday",
    stores: [
      {
        store: "demo",
        platform: "local",
        timezone: "Asia/Shanghai",
        currency: "CNY",
        period: { first: "2026-11-24", last: "2026-11-24", label: "yesterday" },
        findings,
        sections: [{ section: "kpi", status: findings.length ? "findings" : "ok" }],
        warnings: [],
        reports: {},
      },
    ],
    counts: { new: fresh, stillOpen: findings.length - fresh, bySection },
    allClear: findings.length === 0,
    id: "abc",
  };
}

describe("digestMessage", () => {
  it("all clear: one line saying so, in the run's language", () => {
    const m = digestMessage(report([]), { lang: "zh-Hans", reportPath: "d/index.html" });
    expect(m.title).toBe("merchops 日报 2026-11-24（demo）：一切正常");
    expect(markdownMessage(m, "zh-Hans")).toContain("一切正常：今天没有需要处理的问题。");
  });

  it("the top five are taken in turn from each section; the rest counted; thresholds as ≥ / ≤", () => {
    const m = digestMessage(report([kpi("a"), kpi("b"), kpi("c"), kpi("d"), parcel("SF1"), parcel("SF2"), kpi("old", false)]), {
      lang: "en",
    });
    expect(m.lines.map((l) => l.section)).toEqual(["kpi", "shipments", "kpi", "shipments", "kpi"]);
    expect(m.more).toBe(1);
    expect(m.stillOpen).toBe(1);
    expect(m.counts).toEqual([
      { label: "KPI breaches", count: 4 },
      { label: "late parcels", count: 2 },
    ]);
    expect(m.lines[0]?.text).toBe("A 81.0% (threshold ≥ 95.0%, -10.0% vs previous)");
  });

  it("the document lists new findings apart from those still open", () => {
    const doc = digestDocument(report([kpi("a"), kpi("old", false)]), "en");
    expect(doc.tables.map((t) => [t.id, t.rows.length])).toEqual([
      ["new", 1],
      ["still-open", 1],
      ["sections", 1],
    ]);
  });
});
