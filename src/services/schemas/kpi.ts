/** `kpi report --json` (with or without --explain: the definitions are always there). */
import { z } from "zod";
import { count, day, period, schemaVersion, storeRef, timestamp } from "./common.js";

const metricValue = z.number().nullable().describe("In the metric's unit (money: minor units; percent: a fraction); null: n/a");

export const kpiReportSchema = z
  .strictObject({
    schema_version: schemaVersion,
    generated_at: timestamp,
    store: storeRef,
    tz: z.string().describe("IANA time zone the days are counted in"),
    currency: z.string(),
    money_unit: z.literal("minor"),
    period,
    previous_period: period.nullable(),
    conversion_basis: z.enum(["buyers-per-visitor", "orders-per-session", "orders-per-visitor"]),
    definitions: z
      .record(
        z.string(),
        z.strictObject({ label: z.string(), label_zh: z.string(), unit: z.string(), formula: z.string(), basis: z.string() }),
      )
      .describe("Metric id -> its definition"),
    thresholds: z.strictObject({
      conversion_rate_min: z.number(),
      conversion_rate_max: z.number(),
      organic_share_min: z.number(),
      roas_min: z.number(),
      return_rate_max: z.number(),
      csat_min: z.number(),
      chat_first_response_max_seconds: z.number(),
      ticket_first_response_max_hours: z.number(),
      ticket_within_target_min: z.number(),
      resolution_rate_min: z.number(),
      on_time_delivery_min: z.number(),
    }),
    breaches: z.array(z.string()).describe("Ids of the metrics that breach their threshold"),
    rows: z.array(
      z.strictObject({
        id: z.string(),
        group: z.enum(["traffic", "sales", "returns", "marketing", "logistics", "support"]),
        unit: z.enum(["integer", "money", "percent", "ratio", "duration"]),
        value: metricValue,
        previous: metricValue,
        change: z.number().nullable().describe("(value − previous) / |previous|; null when either is missing or previous is 0"),
        threshold: z
          .strictObject({
            op: z.enum([">=", "<="]),
            value: z.number(),
            key: z.string().describe("The config key that sets it (kpi.thresholds.<key>)"),
          })
          .nullable(),
        status: z.enum(["ok", "breach", "n/a", "info"]),
        note: z.string().optional(),
      }),
    ),
    daily: z.array(
      z.strictObject({
        day,
        orders: count,
        gmv: z.number().int().nullable(),
        visitors: z.number().int().nullable(),
        conversion_rate: z.number().nullable(),
      }),
    ),
    sessions_by_source: z.array(
      z.strictObject({ source: z.string(), current: z.number().int().nullable(), previous: z.number().int().nullable() }),
    ),
    counts: z.strictObject({
      orders_read: count,
      test_orders_skipped: count,
      cancelled_orders_skipped: count,
      tickets_not_yet_due: count,
    }),
    data_source: z
      .strictObject({
        kind: z.literal("synced"),
        sync_completed_at: timestamp.nullable(),
        waited_for_sync: z.boolean(),
        note: z.string(),
      })
      .optional()
      .describe("Remote stores only: which synced state the report read"),
    warnings: z.array(z.string()),
  })
  .meta({ title: "merchops kpi report --json" });
