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
import type { Order, Product, ReturnRecord, Ticket, TrafficDay } from "../core/model.js";
import type { Day } from "../core/time.js";

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
  status: "created" | "updated" | "unchanged" | "failed";
  remoteId?: string;
  message?: string;
}

export interface FulfillmentRequest {
  courier: string;
  trackingNumber: string;
  lines?: { sku: string; quantity: number }[];
}

export interface PublicProduct {
  title: string;
  url: string;
  price: number;
  compareAtPrice: number | null;
  currency: string;
  inStock: boolean;
}

export interface CheckResult {
  reachable: boolean;
  authenticated: boolean;
  scopesGranted: string[];
  scopesNeeded: Record<string, string[]>;
  /** Why something failed, in words for the operator. */
  message?: string;
}

/**
 * What `create()` returns. Lists are async iterables paged by the adapter, so a million orders
 * stream through in constant memory. Every capability in `capabilities` has its method.
 */
export interface PlatformAdapter {
  readonly capabilities: readonly PlatformCapability[];
  /** Products with their variants. */
  listProducts?(query: { updatedSince?: Date }): AsyncIterable<Product>;
  /** Idempotent by SKU / handle: running the same batch twice changes nothing the second time. */
  upsertProducts?(batch: readonly Product[]): Promise<UpsertResult[]>;
  /** Orders placed in the range, with their lines; ascending by placedAt where the source allows. */
  listOrders?(query: InstantRange): AsyncIterable<Order>;
  /** Idempotent by tracking number. */
  createFulfillment?(orderId: string, request: FulfillmentRequest): Promise<UpsertResult>;
  /** Returns requested in the range. */
  listReturns?(query: InstantRange): AsyncIterable<ReturnRecord>;
  /** Daily traffic per source for the days in the range. */
  listTraffic?(query: DayRange): AsyncIterable<TrafficDay>;
  /** Support conversations created in the range. */
  listTickets?(query: InstantRange): AsyncIterable<Ticket>;
  searchPublicProducts?(query: { query: string; limit: number }): Promise<PublicProduct[]>;
  /** Reports instead of throwing: a failed check is a result, not an exception. */
  check?(): Promise<CheckResult>;
  /**
   * Fields the source did not carry in what was listed so far, as "dataset.field" (for example
   * "returns.refunded_at" when an export has no refund-date column). Metrics built on them are
   * n/a, never 0.
   */
  missingFields?(): string[];
  /** Releases files, sockets, database handles. */
  close?(): Promise<void>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
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
  readOptions: { encoding?: string; delimiter?: string; sheet?: string };
}

export interface PlatformDefinition<C = unknown> {
  kind: "platform";
  name: string;
  description: string;
  capabilities: readonly PlatformCapability[];
  /** Validates the store's config block (including `platform`) before create() sees it. */
  configSchema: z.ZodType<C>;
  create(config: C, ctx: AdapterContext): PlatformAdapter | Promise<PlatformAdapter>;
}

/** Identity function that gives a definition its types. */
export function definePlatform<C>(def: Omit<PlatformDefinition<C>, "kind">): PlatformDefinition<C> {
  return { kind: "platform", ...def };
}
