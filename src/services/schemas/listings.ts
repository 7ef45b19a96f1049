/** The small listings: `orders sync`, `templates list`, `adapters list|check`, `files inspect`, and the error document. */
import { z } from "zod";
import { count, located, schemaVersion, timestamp } from "./common.js";

export const ordersSyncSchema = z
  .strictObject({
    schema_version: schemaVersion,
    store: z.string(),
    platform: z.string(),
    fetched: count,
    created: count,
    updated: count,
    stored_total: count,
    from: timestamp.nullable().describe("Orders changed since this instant were read; null: from the beginning"),
    bookmark: timestamp.nullable().describe("Where the next sync starts"),
    elapsed_ms: count,
  })
  .meta({ title: "merchops orders sync --json" });

export const templatesListSchema = z
  .strictObject({
    schema_version: schemaVersion,
    templates: z.array(z.strictObject({ name: z.string(), files: z.array(z.string()), description: z.string() })),
  })
  .meta({ title: "merchops templates list --json" });

export const adaptersListSchema = z
  .strictObject({
    schema_version: schemaVersion,
    default_store: z.string(),
    stores: z.array(z.strictObject({ name: z.string(), platform: z.string() })),
    adapters: z.array(
      z.strictObject({
        kind: z.enum(["platform", "courier"]),
        name: z.string(),
        origin: z.string().describe('"built-in", or the plugin module it came from'),
        description: z.string(),
        capabilities: z.array(z.string()),
      }),
    ),
  })
  .meta({ title: "merchops adapters list --json" });

export const adaptersCheckSchema = z
  .strictObject({
    schema_version: schemaVersion,
    ok: z.boolean().describe("Every store checked is usable"),
    stores: z.array(
      z.strictObject({
        store: z.string(),
        platform: z.string(),
        ok: z.boolean(),
        reachable: z.boolean(),
        authenticated: z.boolean(),
        granted: z.array(z.string()),
        missing: z.record(z.string(), z.array(z.string())).describe("Command -> permissions it needs that are not granted"),
        excess: z.array(z.string()).describe("Granted permissions no command needs"),
        message: z.string(),
      }),
    ),
  })
  .meta({ title: "merchops adapters check --json" });

export const filesInspectSchema = z
  .strictObject({
    schema_version: schemaVersion,
    path: z.string(),
    datasets: z.array(
      z.strictObject({
        dataset: z.string(),
        file: z.string(),
        profile: z.strictObject({ id: z.string(), label: z.string(), note: z.string().optional() }).optional(),
        columns: z.array(z.strictObject({ key: z.string(), header: z.string().nullable(), required: z.boolean() })),
        unused: z.array(z.string()).describe("Headers no column reads"),
        problem: z.string().optional(),
        hint: z.string().optional(),
        suggestion: z.string().optional().describe("Config lines that would map what is missing"),
        preview: z.array(z.record(z.string(), z.string())).describe("Up to 5 rows: column key -> the cell as read"),
      }),
    ),
  })
  .meta({ title: "merchops files inspect --json" });

export const errorSchema = z
  .strictObject({
    schema_version: schemaVersion,
    ok: z.literal(false),
    exit_code: z.number().int(),
    error: z.strictObject({
      type: z.string(),
      message: z.string(),
      hint: z.string().nullable(),
      ...located,
    }),
  })
  .meta({ title: "merchops <any command> --json, when the command fails before printing its result" });
