/** `catalog import --json` and `catalog export --json`. */
import { z } from "zod";
import { count, located, schemaVersion } from "./common.js";

export const catalogImportSchema = z
  .strictObject({
    schema_version: schemaVersion,
    store: z.string(),
    platform: z.string(),
    mode: z.enum(["upsert", "create", "update", "replace", "delete"]),
    dry_run: z.boolean(),
    applied: z.boolean().describe("False when errors stopped the import before anything was written"),
    files: z.array(z.strictObject({ file: z.string(), dialect: z.string(), rows: count })),
    rows: count,
    products: z.strictObject({ create: count, update: count, unchanged: count, delete: count, skip: count, error: count }),
    variants: z.strictObject({ create: count, update: count, unchanged: count, delete: count }),
    error_count: count,
    warning_count: count,
    issues: z
      .array(
        z.strictObject({
          severity: z.enum(["error", "warning"]),
          ...located,
          message: z.string(),
          hint: z.string().nullable(),
          handle: z.string().nullable(),
          sku: z.string().nullable(),
        }),
      )
      .describe("The first issues, errors first"),
    changes: z
      .array(z.strictObject({ handle: z.string(), action: z.string(), changes: z.array(z.string()) }))
      .describe("The first updates with their changed fields"),
    resumed_run: z.number().int().nullable(),
    resumed_skipped: count,
    results_file: z.string().nullable(),
    elapsed_ms: count,
  })
  .meta({ title: "merchops catalog import --json" });

export const catalogExportSchema = z
  .strictObject({
    schema_version: schemaVersion,
    store: z.string(),
    format: z.enum(["native", "shopify", "woocommerce", "taobao"]),
    out: z.string(),
    products: count,
    variants: count,
  })
  .meta({ title: "merchops catalog export --json" });
