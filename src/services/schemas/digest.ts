/** `digest --json` (also digest.json beside the digest's files). */
import { z } from "zod";
import { count, day, minor, schemaVersion, timestamp } from "./common.js";

const base = {
  key: z.string().describe("Stable identity of the finding: a later digest reports the same key as still open"),
  store: z.string(),
  is_new: z.boolean().describe("No earlier digest reported this key"),
  text: z.string().describe("The finding in one English sentence"),
};

const kpiFinding = z.strictObject({
  section: z.literal("kpi"),
  ...base,
  metric: z.string(),
  label: z.string(),
  label_zh: z.string(),
  unit: z.enum(["integer", "money", "percent", "ratio", "duration"]),
  value: z.number().nullable(),
  threshold: z.strictObject({ op: z.enum([">=", "<="]), value: z.number() }),
  previous: z.number().nullable(),
  change: z.number().nullable(),
  period: z.strictObject({ first: day, last: day }),
});

const returnsFinding = z.strictObject({
  section: z.literal("returns"),
  ...base,
  kind: z.enum(["high_return_rate", "size_skew", "reason_concentration"]),
  dimension: z.string(),
  subject: z.string(),
  message: z.string(),
  advice: z.string(),
  rate: z.number().nullable(),
});

const shipmentFinding = z.strictObject({
  section: z.literal("shipments"),
  ...base,
  tracking_number: z.string(),
  order_id: z.string(),
  courier: z.string(),
  status: z.string(),
  rule: z.string(),
  message: z.string(),
});

const priceFinding = z.strictObject({
  section: z.literal("prices"),
  ...base,
  query: z.string(),
  product: z.string(),
  kind: z.enum(["new_cheapest", "rank_worse"]),
  competitor: z.string().optional(),
  price: minor.nullable().optional(),
  currency: z.string(),
  rank_before: z.number().int().nullable().optional(),
  rank_after: z.number().int().nullable().optional(),
  taken_at: timestamp,
});

const syncFinding = z.strictObject({
  section: z.literal("sync"),
  ...base,
  kind: z.enum(["stale", "failed", "never"]),
  last_success_at: timestamp.nullable(),
  age_hours: z.number().nullable(),
  max_age_hours: z.number(),
  error: z.string().optional(),
});

const sectionCounts = z.strictObject({ new: count, still_open: count });

export const digestSchema = z
  .strictObject({
    schema_version: schemaVersion,
    id: z.string().describe("Stable id of this digest (stores, period, new findings): the e-mail's Message-ID"),
    generated_at: timestamp,
    period: z.string(),
    all_clear: z.boolean().describe("No finding at all, new or still open"),
    counts: z.strictObject({
      new: count,
      still_open: count,
      by_section: z.strictObject({
        kpi: sectionCounts,
        returns: sectionCounts,
        shipments: sectionCounts,
        prices: sectionCounts,
        sync: sectionCounts,
      }),
    }),
    stores: z.array(
      z.strictObject({
        store: z.string(),
        platform: z.string(),
        timezone: z.string(),
        period: z.strictObject({ first: day, last: day, label: z.string() }).nullable(),
        sections: z.array(
          z.strictObject({
            section: z.enum(["kpi", "returns", "shipments", "prices", "sync"]),
            status: z.enum(["ok", "findings", "n/a"]),
            note: z.string().optional(),
          }),
        ),
        findings: z.array(z.discriminatedUnion("section", [kpiFinding, returnsFinding, shipmentFinding, priceFinding, syncFinding])),
        warnings: z.array(z.string()),
      }),
    ),
    delivery: z
      .array(
        z.strictObject({
          channel: z.string(),
          type: z.string(),
          status: z.enum(["delivered", "failed", "skipped"]).describe("skipped: this channel already got this digest today"),
          delivered_at: z.string().optional().describe("For skipped: when it was delivered"),
          outcome: z.enum(["not_sent", "unknown"]).optional(),
          error: z.string().optional(),
          hint: z.string().optional(),
          shortened: z.boolean().optional(),
          size: z.number().int().optional(),
          limit: z.number().int().nullable().optional(),
          unit: z.enum(["bytes", "characters"]).nullable().optional(),
        }),
      )
      .optional()
      .describe("With --notify: what each channel did"),
  })
  .meta({ title: "merchops digest --json" });
