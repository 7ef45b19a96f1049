/**
 * The platform adapter contract. A platform adapter is where products and orders live: a SaaS
 * store (Shopify, Youzan), a self-built one (WooCommerce), the embedded `local` store, or a folder
 * of exported spreadsheets (`files`). Services ask the registry for a store and the capability
 * they need, and never learn which platform answered.
 *
 * @example A minimal third-party adapter (a local file named in config `plugins`):
 * ```js
 * import { z } from "zod";
 * export default {
 *   kind: "platform",
 *   name: "my-erp",
 *   description: "Orders from our ERP's nightly JSON dump",
 *   capabilities: ["orders.read"],
 *   configSchema: z.object({ platform: z.literal("my-erp"), path: z.string() }).strict(),
 *   create(config, ctx) {
 *     return {
 *       capabilities: ["orders.read"],
 *       async *listOrders({ since, until }) { ... yield order; },
 *     };
 *   },
 * };
 * ```
 */

import type { z } from "zod";
import { MerchopsError } from "../core/errors.js";
import { english, type Message } from "../core/i18n/index.js";
import type { Order, Product, ReturnRecord, Ticket, TrafficDay } from "../core/model.js";
import type { Day } from "../core/time.js";
import type { ReadLimits } from "../io/limits.js";

export const PLATFORM_CAPABILITIES = [
  "catalog.read",
  "catalog.write",
  "orders.read",
  "fulfillments.write",
  "returns.read",
  "traffic.read",
  "support.read",
  "storefront.read",
  "check",
] as const;
export type PlatformCapability = (typeof PLATFORM_CAPABILITIES)[number];

/** Which method each capability obliges an adapter to implement. */
export const CAPABILITY_METHODS: Record<PlatformCapability, keyof PlatformAdapter> = {
  "catalog.read": "listProducts",
  "catalog.write": "upsertProducts",
  "orders.read": "listOrders",
  "fulfillments.write": "createFulfillment",
  "returns.read": "listReturns",
  "traffic.read": "listTraffic",
  "support.read": "listTickets",
  "storefront.read": "searchPublicProducts",
  check: "check",
};

/** Half-open instant range [since, until); either end may be open. */
export interface InstantRange {
  since?: Date;
  until?: Date;
}

/** Inclusive range of calendar days in the store's time zone. */
export interface DayRange {
  first?: Day;
  last?: Day;
}

export interface UpsertResult {
  key: string;
  status: "created" | "updated" | "unchanged" | "deleted" | "failed";
  remoteId?: string;
  /** Why, in English (journals, JSON, results files); `text` is the same as a catalog message. */
  message?: string;
  /** `message` as a catalog message, rendered in the run's language where a person reads it. */
  text?: Message;
}

/** What an error says: its catalog message when it carries one (every MerchopsError), else its text. */
export function errorText(error: unknown): Message | string {
  if (error instanceof MerchopsError) return error.text;
  return error instanceof Error ? error.message : String(error);
}

/** A result that failed (or was refused) with this error, its words kept for both English and the run's language. */
export function resultFrom(result: Omit<UpsertResult, "message" | "text">, error: unknown): UpsertResult {
  const text = errorText(error);
  return typeof text === "string" ? { ...result, message: text } : resultWith(result, text);
}

/** A result that says why: `message` keeps the English for journals and JSON, `text` the catalog message. */
export function resultWith(result: Omit<UpsertResult, "message" | "text">, text: Message): UpsertResult {
  return { ...result, message: english(text), text };
}

export interface FulfillmentRequest {
  courier: string;
  trackingNumber: string;
  lines?: { sku: string; quantity: number }[];
}

export interface PublicProduct {
  title: string;
  url: string;
  /** Lowest variant price, minor units; null when the storefront shows none. */
  price: number | null;
  /** Highest variant price when variants differ (a price range), minor units. */
  priceMax?: number | null;
  compareAtPrice: number | null;
  currency: string;
  inStock: boolean;
  /** Position in the storefront's own relevance order, 1-based. */
  rank?: number;
  vendor?: string;
  /** Promotion text as shown (a badge, a sale label), verbatim. */
  promotion?: string;
  /** How the storefront was searched, when it can be done more than one way ("Shopify predictive search"). */
  searchedBy?: string;
}

export interface CheckResult {
  reachable: boolean;
  authenticated: boolean;
  scopesGranted: string[];
  scopesNeeded: Record<string, string[]>;
  /** Why something failed, in words for the operator (a catalog message, rendered in the run's language). */
  message?: Message | string;
  /** Local files that cannot be read: an input problem (exit 3), not a remote failure. */
  unreadable?: boolean;
}

/**
 * What `create()` returns. Lists are async iterables paged by the adapter, so a million orders
 * stream through in constant memory. Every capability in `capabilities` has its method.
 */
export interface PlatformAdapter {
  readonly capabilities: readonly PlatformCapability[];
  /** Products with their variants. */
  listProducts?(query: { updatedSince?: Date }): AsyncIterable<Product>;
  /**
   * Products whose handle or any variant SKU is among the keys (catalog.read, optional): lets an
   * import compare a batch with the store without listing the whole catalog.
   */
  lookupProducts?(keys: { handles: readonly string[]; skus: readonly string[] }): Promise<Product[]>;
  /**
   * Makes each product in the batch exactly as given (its fields and its set of variants), keyed
   * by handle, finding an existing product by handle or by any of its SKUs first. Idempotent:
   * running the same batch twice creates nothing the second time and reports "unchanged".
   * One result per product, in batch order, `key` = handle; a failure of one product is a
   * "failed" result, not an exception (exceptions mean the whole batch failed).
   */
  upsertProducts?(batch: readonly Product[]): Promise<UpsertResult[]>;
  /** Deletes products by handle (catalog.write, optional). Missing handles are "unchanged". */
  deleteProducts?(handles: readonly string[]): Promise<UpsertResult[]>;
  /**
   * Orders with their lines: placed in [since, until), or when `updatedSince` is given, changed
   * at or after it (the incremental sync), ascending by placedAt (or updatedAt) where the
   * source allows.
   */
  listOrders?(query: InstantRange & { updatedSince?: Date }): AsyncIterable<Order>;
  /** Idempotent by tracking number. */
  createFulfillment?(orderId: string, request: FulfillmentRequest): Promise<UpsertResult>;
  /**
   * Tells the platform where a parcel is (fulfillments.write, optional: only platforms that
   * accept it, e.g. Shopify's fulfillment events). Idempotent: a status the platform already
   * shows is "unchanged".
   */
  updateShipmentStatus?(
    orderId: string,
    update: {
      trackingNumber: string;
      status: import("../core/shipments/index.js").ShipmentStatus;
      at: Date;
      location?: string;
      message?: string;
    },
  ): Promise<UpsertResult>;
  /** Returns requested in the range. */
  /**
   * Returns requested in the range. A return whose order the store does not have is left out
   * (stores that can tell, with a warning) unless `withUnknownOrders` asks for it: the returns
   * audit takes them to list as data issues, counted nowhere, so both reports agree.
   */
  listReturns?(query: InstantRange & { withUnknownOrders?: boolean }): AsyncIterable<ReturnRecord>;
  /** Daily traffic per source for the days in the range. */
  listTraffic?(query: DayRange): AsyncIterable<TrafficDay>;
  /** Support conversations created in the range. */
  listTickets?(query: InstantRange): AsyncIterable<Ticket>;
  /** What the public storefront shows for a search, in its relevance order; no credentials. */
  searchPublicProducts?(query: { query: string; limit: number }): Promise<PublicProduct[]>;
  /**
   * Where the records came from, for the report's run info: "orders: orders_export_1.csv
   * (Shopify orders export)". Files stores name each file and the export profile read.
   */
  sources?(): string[];
  /** Reports instead of throwing: a failed check is a result, not an exception. */
  check?(): Promise<CheckResult>;
  /**
   * Fields the source did not carry in what was listed so far, as "dataset.field" (for example
   * "returns.refunded_at" when an export has no refund-date column). Metrics built on them are
   * n/a, never 0.
   */
  missingFields?(): string[];
  /**
   * The store shows its data shifted in time by this much (the demo store follows the clock: its
   * fixture dates are shown as if they ended yesterday). Services that keep their own records of
   * the store's data (shipments) shift them alike. Absent = 0.
   */
  readonly clockShiftMs?: number;
  /** Releases files, sockets, database handles. */
  close?(): Promise<void>;
}

/** Lines for stderr: a message from the catalog (rendered in the run's language) or a final text. */
export interface Logger {
  info(message: Message | string): void;
  warn(message: Message | string): void;
  debug(message: Message | string): void;
}

/** What an adapter gets from merchops: no globals, everything injected. */
export interface AdapterContext {
  /** The configured store's name, for messages ("[files:client] ..."). */
  storeName: string;
  /** Directory of the config file (or the working directory): relative paths resolve here. */
  baseDir: string;
  timezone: string;
  currency: string;
  now(): Date;
  log: Logger;
  /** The embedded state store, opened on first use. */
  state(): Promise<import("../store/state-store.js").StateStore>;
  /** Reader overrides the user gave on the command line (`--encoding`, `--sheet`). */
  readOptions: { encoding?: string; delimiter?: string; sheet?: string; limits?: Partial<ReadLimits> };
  /** Aborted on Ctrl-C / SIGTERM: requests in flight and backoff waits stop early. */
  signal?: AbortSignal;
  /**
   * Network switches from the command line: `--allow-insecure` permits http:// to a non-loopback
   * host; `--allow-private` permits storefront URLs on private addresses.
   */
  network?: {
    allowInsecure?: boolean;
    allowPrivate?: boolean;
    delayMs?: number;
    /** The clock client-side pacing runs by: never set by the CLI (wall clock); tests give a virtual one. */
    pacingClock?: import("../http/rate-limit.js").PacingClock;
  };
}

export interface PlatformDefinition<C = unknown> {
  kind: "platform";
  name: string;
  description: string;
  capabilities: readonly PlatformCapability[];
  /**
   * The data lives behind a remote API (Shopify, WooCommerce, Youzan): reports read the orders
   * that `orders sync` stored in the state store instead of paging the API on every run.
   */
  remote?: boolean;
  /** Validates the store's config block (including `platform`) before create() sees it. */
  configSchema: z.ZodType<C>;
  create(config: C, ctx: AdapterContext): PlatformAdapter | Promise<PlatformAdapter>;
}

/** Identity function that gives a definition its types. */
export function definePlatform<C>(def: Omit<PlatformDefinition<C>, "kind">): PlatformDefinition<C> {
  return { kind: "platform", ...def };
}
