/**
 * Every machine-output document, by the file name of its JSON Schema in docs/schemas
 * (`npm run schemas` writes them; a test fails when the committed files differ).
 */
import type { z } from "zod";
import { catalogExportSchema, catalogImportSchema } from "./catalog.js";
import { digestSchema } from "./digest.js";
import { kpiReportSchema } from "./kpi.js";
import {
  adaptersCheckSchema,
  adaptersListSchema,
  errorSchema,
  filesInspectSchema,
  ordersSyncSchema,
  templatesListSchema,
} from "./listings.js";
import { pricesReportSchema, pricesSnapshotSchema } from "./prices.js";
import { returnsAuditSchema } from "./returns.js";
import { shipmentsImportSchema, shipmentsSchema } from "./shipments.js";
import { stateCopySchema, stateMigrateSchema, stateStatusSchema } from "./state.js";

export const OUTPUT_SCHEMAS = {
  "adapters-check": adaptersCheckSchema,
  "adapters-list": adaptersListSchema,
  "catalog-export": catalogExportSchema,
  "catalog-import": catalogImportSchema,
  digest: digestSchema,
  error: errorSchema,
  "files-inspect": filesInspectSchema,
  "kpi-report": kpiReportSchema,
  "orders-sync": ordersSyncSchema,
  "prices-report": pricesReportSchema,
  "prices-snapshot": pricesSnapshotSchema,
  "returns-audit": returnsAuditSchema,
  "shipments-import": shipmentsImportSchema,
  shipments: shipmentsSchema,
  "state-copy": stateCopySchema,
  "state-migrate": stateMigrateSchema,
  "state-status": stateStatusSchema,
  "templates-list": templatesListSchema,
} as const satisfies Record<string, z.ZodType>;

export type OutputName = keyof typeof OUTPUT_SCHEMAS;

export {
  adaptersCheckSchema,
  adaptersListSchema,
  catalogExportSchema,
  catalogImportSchema,
  digestSchema,
  errorSchema,
  filesInspectSchema,
  kpiReportSchema,
  ordersSyncSchema,
  pricesReportSchema,
  pricesSnapshotSchema,
  returnsAuditSchema,
  shipmentsImportSchema,
  shipmentsSchema,
  stateCopySchema,
  stateMigrateSchema,
  stateStatusSchema,
  templatesListSchema,
};
