/** `shipments sync|status --json` and `shipments import --json`. */
import { z } from "zod";
import { count, schemaVersion, timestamp } from "./common.js";

const rate = z.number().nullable().describe("A fraction 0..1; null when nothing it divides by is known (n/a, never 0)");

export const shipmentsSchema = z
  .strictObject({
    schema_version: schemaVersion,
    kind: z.enum(["sync", "status"]).describe("sync: tracked now; status: what the state store holds"),
    store: z.string(),
    platform: z.string(),
    generated_at: timestamp,
    total: count,
    open: count,
    tracked: count,
    changed: count,
    pushed: count.describe("Status updates the platform accepted"),
    deferred: count.describe("Numbers left for a later run (asked too recently)"),
    on_time_rate: rate,
    by_status: z.record(z.string(), count).describe("Shipments per status code (delivered, in_transit, ...)"),
    by_courier: z.array(
      z.strictObject({ courier: z.string(), total: count, open: count, delivered: count, delayed: count, on_time_rate: rate }),
    ),
    delayed: z.array(
      z.strictObject({
        tracking_number: z.string(),
        order_id: z.string(),
        courier: z.string(),
        status: z.string(),
        destination: z.string().nullable(),
        shipped_at: timestamp.nullable(),
        last_event_at: timestamp.nullable(),
        breaches: z.array(
          z.strictObject({
            rule: z.string(),
            limit: z.number().describe("The courier's limit, in the rule's unit (days or hours)"),
            actual: z.number(),
            message: z.string(),
          }),
        ),
      }),
    ),
    failed: z.array(z.strictObject({ tracking_number: z.string(), courier: z.string(), error: z.string() })),
    providers: z.array(z.strictObject({ name: z.string(), calls: count, numbers: count, max_batch: count })),
  })
  .meta({ title: "merchops shipments sync|status --json" });

export const shipmentsImportSchema = z
  .strictObject({
    schema_version: schemaVersion,
    store: z.string(),
    platform: z.string(),
    dry_run: z.boolean(),
    applied: z.boolean(),
    rows: count,
    shipments: count,
    created: count,
    unchanged: count,
    failed: count,
    error_count: count,
    warning_count: count,
    issues: z.array(
      z.strictObject({
        level: z.enum(["error", "warning"]),
        file: z.string(),
        row: z.number().int(),
        column: z.string().optional(),
        message: z.string(),
        hint: z.string().optional(),
      }),
    ),
    resumed_skipped: count,
    results_file: z.string().nullable(),
  })
  .meta({ title: "merchops shipments import --json" });
