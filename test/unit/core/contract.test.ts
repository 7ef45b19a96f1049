/** conform: the schema decides the published keys, timestamps and constants; the data is checked by it. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conform, isoWithOffset, schemaVersion, timestamp } from "../../../src/core/contract.js";

describe("conform", () => {
  const schema = z.strictObject({
    schema_version: schemaVersion,
    money_unit: z.literal("minor"),
    orders_read: z.number().int(),
    generated_at: timestamp,
    last_event_at: timestamp.nullable(),
    by_status: z.record(z.string(), z.number()),
    rows: z.array(z.strictObject({ tracking_number: z.string(), on_time: z.number().nullable().optional() })),
    finding: z.discriminatedUnion("section", [
      z.strictObject({ section: z.literal("kpi"), metric: z.string() }),
      z.strictObject({ section: z.literal("shipments"), order_id: z.string() }),
    ]),
  });
  const report = {
    ordersRead: 12,
    generatedAt: new Date("2026-11-25T01:00:00.123Z"),
    lastEventAt: null,
    byStatus: { in_transit: 2, outForDelivery: 1 },
    rows: [{ trackingNumber: "SF1", onTime: 0.5, internal: "not published" }],
    finding: { section: "shipments", orderId: "#1001", isNew: true },
    notInTheContract: 1,
  };

  it("publishes the schema's snake_case keys, reading their camelCase twins, and drops what the schema does not name", () => {
    const doc = conform(schema, report, { tz: "Asia/Shanghai" });
    expect(doc).toEqual({
      schema_version: 1,
      money_unit: "minor",
      orders_read: 12,
      generated_at: "2026-11-25T09:00:00+08:00",
      last_event_at: null,
      by_status: { in_transit: 2, outForDelivery: 1 },
      rows: [{ tracking_number: "SF1", on_time: 0.5 }],
      finding: { section: "shipments", order_id: "#1001" },
    });
  });

  it("a nullable field the report leaves out is published as null, not dropped", () => {
    expect(conform(schema, { ...report, lastEventAt: undefined }).last_event_at).toBeNull();
  });

  it("keeps the keys of records: they are data (SKUs, statuses), not field names", () => {
    expect(conform(schema, report).by_status).toHaveProperty("outForDelivery", 1);
  });

  it("refuses a document that breaks its contract (a missing field, a wrong type): never silently wrong", () => {
    expect(() => conform(schema, { ...report, ordersRead: undefined })).toThrow(/orders_read/);
    expect(() => conform(schema, { ...report, rows: [{ trackingNumber: 5 }] })).toThrow(/tracking_number/);
  });
});

describe("isoWithOffset: one timestamp format, to the second, with the zone's offset", () => {
  it.each([
    ["2026-11-25T01:00:00.999Z", "Asia/Shanghai", "2026-11-25T09:00:00+08:00"],
    ["2026-11-25T01:00:00Z", "UTC", "2026-11-25T01:00:00+00:00"],
    ["2026-07-01T12:00:00Z", "America/New_York", "2026-07-01T08:00:00-04:00"],
    ["2026-01-01T12:00:00Z", "Asia/Kolkata", "2026-01-01T17:30:00+05:30"],
    ["2026-11-25T09:00:00+08:00", "Europe/Berlin", "2026-11-25T02:00:00+01:00"],
  ])("%s in %s -> %s", (instant, tz, expected) => {
    expect(isoWithOffset(instant, tz)).toBe(expected);
    expect(Date.parse(isoWithOffset(instant, tz))).toBe(Math.floor(Date.parse(instant) / 1000) * 1000);
  });
});
