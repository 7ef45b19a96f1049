/** `returns audit --json`. */
import { z } from "zod";
import { count, minor, period, schemaVersion, storeRef, timestamp } from "./common.js";

const rate = z.number().nullable().describe("A fraction; null when nothing it divides by is known (n/a, never 0)");
const reasonCategory = z.string().describe("not_as_described, quality_defect, too_small, too_large, size_unspecified, ...");

const groupRow = z.strictObject({
  key: z.string(),
  label: z.string(),
  units_sold: count,
  orders_sold: count,
  returned_units: count,
  returned_orders: count,
  merchandise: minor,
  refund_value: minor,
  rate_units: rate,
  rate_orders: rate,
  rate_value: rate.describe("null when the group mixes currencies or has no sales value"),
  low: rate.describe("95% Wilson interval of the units rate: lower bound"),
  high: rate.describe("95% Wilson interval of the units rate: upper bound"),
  status: z.enum(["breach", "watch", "ok", "low_volume"]),
  top_reason: z.strictObject({ category: reasonCategory, share: z.number() }).nullable(),
});

const figure = z.number().nullable().optional();

export const returnsAuditSchema = z
  .strictObject({
    schema_version: schemaVersion,
    generated_at: timestamp,
    store: storeRef,
    tz: z.string(),
    currency: z.string(),
    money_unit: z.literal("minor"),
    period,
    basis: z.enum(["cohort", "period"]),
    basis_text: z.string(),
    by: z.string().describe("The grouping of rows: sku, variant, product, size, colour, category or reason"),
    threshold: z.number(),
    min_units: count,
    return_window_days: count,
    summary: z.strictObject({
      orders: count,
      units_sold: count,
      merchandise: minor,
      returns: count,
      returned_units: count,
      returned_orders: count,
      refund_value: minor,
      rate_units: rate,
      rate_orders: rate,
      rate_value: rate,
      low: rate,
      status: z.enum(["ok", "watch", "breach", "n/a"]),
    }),
    rows: z.array(groupRow),
    by_sku: z.array(groupRow),
    by_size: z.array(groupRow),
    reasons: z.array(
      z.strictObject({
        category: reasonCategory,
        label: z.string(),
        label_zh: z.string(),
        units: count,
        returns: count,
        share: z.number().describe("Share of returned units"),
        rate: rate.describe("Returned units with this reason / all units sold"),
        advice: z.string(),
        decided_by: z.strictObject({ code: count, keyword: count, none: count }),
      }),
    ),
    unmatched_reasons: z.array(z.strictObject({ text: z.string(), returns: count })),
    flags: z.array(
      z.strictObject({
        kind: z.enum(["high_return_rate", "size_skew", "reason_concentration"]),
        dimension: z.string(),
        key: z.string(),
        label: z.string(),
        message: z.string(),
        advice: z.string(),
        figures: z
          .strictObject({
            rate: figure,
            low: figure,
            high: figure,
            threshold: figure,
            share: figure,
            ratio: figure.describe("null: the other sizes are not returned at all"),
            other_sizes_rate: figure,
            size_reason_share: figure,
            units_sold: figure,
            returned_units: figure,
          })
          .describe("The figures behind the flag; which ones depends on its kind"),
      }),
    ),
    issues: z.array(
      z.strictObject({
        kind: z.enum(["unknown_order", "quantity_above_ordered", "returned_before_order", "sku_not_in_order", "currency_mismatch"]),
        return_id: z.string(),
        order_id: z.string(),
        sku: z.string().optional(),
        quantity: z.number(),
        message: z.string(),
      }),
    ),
    issue_counts: z.record(z.string(), count).describe("Issue kind -> how many"),
    warnings: z.array(z.string()),
    counts: z.strictObject({ orders_read: count, returns_read: count }),
  })
  .meta({ title: "merchops returns audit --json" });
