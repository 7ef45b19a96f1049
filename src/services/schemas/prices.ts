/** `prices snapshot --json` and `prices report --json`. Money is in integer minor units of each offer's currency. */
import { z } from "zod";
import { count, minor, schemaVersion, timestamp } from "./common.js";

const promotion = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("threshold"), threshold: minor, amount: minor, repeat: z.boolean().optional() }),
  z.strictObject({ kind: z.literal("percent"), percent_off: z.number() }),
  z.strictObject({ kind: z.literal("amount"), amount: minor }),
  z.strictObject({ kind: z.literal("nth_item"), n: z.number().int(), percent_off: z.number() }),
  z.strictObject({ kind: z.literal("bundle"), buy: z.number().int(), get: z.number().int() }),
  z.strictObject({ kind: z.literal("free_shipping") }),
]);

const entry = z.strictObject({
  rank: z.number().int().describe("1-based position in the merged top N"),
  source: z.string(),
  source_rank: z.number().int().nullable().describe("Position in the source's own order"),
  competitor: z.string(),
  title: z.string(),
  url: z.string(),
  price: minor.nullable(),
  price_max: minor.nullable().describe("Highest price of a range; null for a single price"),
  compare_at: minor.nullable(),
  currency: z.string(),
  in_stock: z.boolean(),
  promotion: z.string().nullable().describe("As shown"),
  promotion_parsed: z.array(promotion),
  coupon: z.strictObject({ amount: minor, threshold: minor }).nullable(),
  final_price: minor.nullable().describe("What one item costs after the coupon; null when the source states none"),
  sales: z.number().int().nullable().describe('Sales volume as a lower bound ("10万+" -> 100000)'),
  sales_text: z.string().nullable(),
});

export const pricesSnapshotSchema = z
  .strictObject({
    schema_version: schemaVersion,
    snapshots: z.array(
      z.strictObject({
        id: z.number().int(),
        query: z.string(),
        taken_at: timestamp,
        top: count,
        sources: z.array(z.string()),
        failures: z.array(
          z.strictObject({
            source: z.string(),
            message: z.string(),
            hint: z.string().optional(),
            kind: z.enum(["usage", "remote", "input"]),
          }),
        ),
        notes: z.array(z.string()),
        entries: z.array(entry),
      }),
    ),
    warnings: z.array(z.string()),
    partial: z.boolean().describe("At least one source failed for at least one query"),
  })
  .meta({ title: "merchops prices snapshot --json" });

const index = z.strictObject({
  offers: count.describe("In-stock offers with a price in our currency"),
  min: minor.nullable(),
  median: minor.nullable(),
  max: minor.nullable(),
  index_vs_median: z.number().nullable().describe("ours / median × 100: above 100 = we are dearer"),
  index_vs_min: z.number().nullable(),
  gap_to_min: z.number().nullable().describe("(ours − min) / min, a fraction"),
  our_rank: z.number().int().nullable(),
  cheapest: z.strictObject({ competitor: z.string(), title: z.string() }).nullable(),
  excluded: z.strictObject({ out_of_stock: count, no_price: count, other_currency: count }),
});

export const pricesReportSchema = z
  .strictObject({
    schema_version: schemaVersion,
    generated_at: timestamp,
    store: z.strictObject({ name: z.string(), platform: z.string(), currency: z.string() }),
    tz: z.string(),
    since: timestamp.nullable().describe("History from this instant (--since)"),
    queries: z.array(
      z.strictObject({
        query: z.string(),
        snapshots: count,
        latest: z.strictObject({ id: z.number().int(), taken_at: timestamp, failed_sources: z.array(z.string()) }),
        baseline: z.strictObject({ id: z.number().int(), taken_at: timestamp }).nullable(),
        ours: z
          .strictObject({
            handle: z.string(),
            title: z.string(),
            price: minor.nullable(),
            currency: z.string(),
            by: z.enum(["mapping", "sku", "title"]),
            confidence: z.number(),
          })
          .nullable(),
        no_match: z.string().optional(),
        index,
        best_seller: entry.nullable(),
        notes: z.array(z.string()),
        baseline_index: index.nullable(),
        changes: z.array(
          z.strictObject({
            kind: z.enum([
              "new_entrant",
              "dropped_out",
              "price_up",
              "price_down",
              "promotion_started",
              "promotion_ended",
              "promotion_changed",
            ]),
            source: z.string(),
            competitor: z.string(),
            title: z.string(),
            url: z.string(),
            before: minor.nullable(),
            after: minor.nullable(),
            change_pct: z.number().nullable().describe("(after − before) / before, a fraction"),
            promotion_before: z.string().nullable(),
            promotion_after: z.string().nullable(),
            rank_before: z.number().int().nullable(),
            rank_after: z.number().int().nullable(),
          }),
        ),
        entries: z.array(entry),
        history: z.array(
          z.strictObject({ taken_at: timestamp, offers: count, min: minor.nullable(), median: minor.nullable(), currency: z.string() }),
        ),
      }),
    ),
    warnings: z.array(z.string()),
  })
  .meta({ title: "merchops prices report --json" });
