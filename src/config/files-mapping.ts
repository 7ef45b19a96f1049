/**
 * The column and status mapping a `files` store can carry per dataset, for exports no built-in
 * profile knows (Olist, UCI Online Retail, an ERP's own layout):
 *
 *   mapping:
 *     orders:
 *       columns: { order_id: InvoiceNo, placed_at: InvoiceDate, customer_id: CustomerID }
 *       statuses: { unavailable: cancelled, invoiced: paid }
 *       emptyStatus: paid               # what an empty status cell means
 *       dateOrder: MDY
 *       negativeLines: returns
 *       customerKey: [customer_id, email]
 *       missing: [NA, "N/A", "-", "null"]
 *       decimalComma: true              # 1.234,56
 *     order_lines:
 *       columns: { sku: product_id, unit_price: price, shipping: freight_value }
 *       defaults: { quantity: 1 }
 */
import { z } from "zod";
import { msg, schemaMessage } from "../core/i18n/index.js";

export const DATE_ORDERS = ["DMY", "MDY", "YMD"] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export const NEGATIVE_LINES = ["returns", "adjustments", "error"] as const;
export type NegativeLines = (typeof NEGATIVE_LINES)[number];

/** "unpaid" (never paid) and "awaiting" (waiting for its payment) leave the order out of every figure. */
const CANONICAL_STATUSES = ["pending", "paid", "fulfilled", "cancelled", "refunded", "unpaid", "awaiting"] as const;

/** Keys are merchops column keys (order_id, placed_at, ...), values the export's header. */
const columnKey = z.string().regex(/^[a-z_]+$/, schemaMessage(msg("values.config.column_key")));

export const datasetMappingSchema = z
  .object({
    /** merchops column -> the export's header; one header, or several tried in turn. */
    columns: z.record(columnKey, z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).optional(),
    /** The export's status word -> merchops status ("unpaid" and "awaiting" leave the order out: no money received). */
    statuses: z.record(z.string().min(1), z.enum(CANONICAL_STATUSES)).optional(),
    /** What an empty cell in the status column means (Etsy leaves it empty on sold orders). Default: an error naming the cell. */
    emptyStatus: z.enum(CANONICAL_STATUSES).optional(),
    /** How to read 03/04/2024: DMY, MDY or YMD. Default: detected across the column, an error when it cannot be told. */
    dateOrder: z.enum(DATE_ORDERS).optional(),
    /** A line with a negative quantity: a return (default when set), an adjustment kept off the lines, or an error. */
    negativeLines: z.enum(NEGATIVE_LINES).optional(),
    /** Columns tried in turn for the customer key (a guest id 0 or an empty cell falls through to the next). */
    customerKey: z.array(columnKey).min(1).optional(),
    /** Amounts are written with a decimal comma (1.234,56; 10,50), as European back offices export them. */
    decimalComma: z.boolean().optional(),
    /** Cell values that mean "no value" in this export. */
    missing: z.array(z.string()).optional(),
    /** Values for columns the export does not have (order_items rows of one unit each: quantity 1). */
    defaults: z.record(columnKey, z.union([z.string(), z.number()])).optional(),
    /** Force a profile by its id (see `merchops files inspect`), or "none" to use the column reference only. */
    profile: z.string().min(1).optional(),
  })
  .strict();
export type DatasetMapping = z.infer<typeof datasetMappingSchema>;

export const filesMappingSchema = z
  .object({
    orders: datasetMappingSchema.optional(),
    order_lines: datasetMappingSchema.optional(),
    returns: datasetMappingSchema.optional(),
    traffic: datasetMappingSchema.optional(),
    tickets: datasetMappingSchema.optional(),
    products: datasetMappingSchema.optional(),
  })
  .strict();
export type FilesMapping = z.infer<typeof filesMappingSchema>;
