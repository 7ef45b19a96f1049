/** `merchops state status|migrate|copy --json`: the state store's upkeep, as documents. */
import { z } from "zod";
import { count, schemaVersion, timestamp } from "./common.js";

const backend = z.enum(["sqlite", "postgres"]);

export const stateStatusSchema = z
  .strictObject({
    schema_version: schemaVersion,
    backend,
    location: z.string().describe("The SQLite path, or the Postgres URL without its password"),
    version: count.describe("Schema version of the store"),
    latest: count.describe("Schema version this merchops writes"),
    pending: count.describe("Migrations not applied yet (Postgres: run `merchops state migrate`)"),
    lock_release_bound_seconds: count.nullable().describe("Postgres: a vanished host's locks are released within this many seconds"),
    locks: z.array(
      z.strictObject({ store: z.string(), job: z.string(), host: z.string(), pid: count, command: z.string(), acquired_at: timestamp }),
    ),
  })
  .meta({ title: "merchops state status --json" });

export const stateMigrateSchema = z
  .strictObject({
    schema_version: schemaVersion,
    backend,
    location: z.string(),
    from: count.describe("Schema version before"),
    to: count.describe("Schema version after"),
    applied: z.array(count).describe("The migrations this run applied (empty: already up to date)"),
  })
  .meta({ title: "merchops state migrate --json" });

export const stateCopySchema = z
  .strictObject({
    schema_version: schemaVersion,
    from: z.string(),
    to: z.string(),
    tables: z.array(
      z.strictObject({
        table: z.string(),
        rows: count,
        checksum: z.string().describe("Checksum of the table's rows, read back from the target"),
        resumed: z.boolean().describe("Copied by an earlier run of the same copy"),
      }),
    ),
    elapsed_ms: count,
  })
  .meta({ title: "merchops state copy --json" });
