/**
 * The `shopify` platform: a Shopify shop through the GraphQL Admin API (version pinned in the
 * config), paced by its cost bucket so THROTTLED never reaches the user; plus the public
 * storefront (`/products.json`), which needs no token, for competitor snapshots.
 *
 * ```yaml
 * stores:
 *   main:
 *     platform: shopify
 *     shop: acme.myshopify.com          # or https://acme.myshopify.com
 *     token: env:SHOPIFY_TOKEN          # Admin API access token (shpat_...)
 *     apiVersion: "2025-07"             # optional
 * ```
 */
import { z } from "zod";
import { UsageError } from "../../../core/errors.js";
import { type Message, type MessageId, msg } from "../../../core/i18n/index.js";
import { storefrontClientOptions } from "../../../http/guard.js";
import { AdapterError, createHttpClient, type HttpClient } from "../../../http/index.js";
import {
  type AdapterContext,
  type CheckResult,
  definePlatform,
  errorText,
  type PlatformAdapter,
  type PlatformCapability,
} from "../../platform.js";
import { ShopifyCatalog } from "./catalog.js";
import { ShopifyFulfillments } from "./fulfillment.js";
import { ShopifyGraphql } from "./graphql.js";
import { ShopifyOrders } from "./orders.js";
import { CostPacer } from "./pacing.js";
import { SHOP_INFO } from "./queries.js";
import { createSession } from "./session.js";
import { searchStorefront } from "./storefront.js";

/** productSet with `identifier` (upsert by handle) exists from 2025-04. */
export const DEFAULT_API_VERSION = "2025-07";

const httpSchema = z
  .object({
    /** Per-attempt timeout. */
    timeoutMs: z.number().int().min(100).optional(),
    /** One request's attempts and waits together (see HttpClientOptions.totalTimeoutMs). */
    totalTimeoutMs: z.number().int().positive().optional(),
    /** Retries after the first attempt. */
    retries: z.number().int().min(0).max(20).optional(),
    backoffBaseMs: z.number().int().min(0).optional(),
    backoffCapMs: z.number().int().min(0).optional(),
  })
  .strict();

const configSchema = z
  .object({
    platform: z.literal("shopify"),
    /** The shop: "acme", "acme.myshopify.com" or a full URL. */
    shop: z.string().min(1),
    /** Admin API access token; without one only the public storefront is read. */
    token: z.string().min(1).optional(),
    apiVersion: z
      .string()
      .regex(/^(\d{4}-(01|04|07|10)|unstable)$/, 'a Shopify API version like "2025-07"')
      .default(DEFAULT_API_VERSION),
    /** The public storefront's address when it is not the shop's (a custom domain). */
    storefront: z.string().min(1).optional(),
    /** The shop's currency (ISO 4217); asked from Shopify when absent. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    /** Where catalog imports set stock (gid://shopify/Location/...); default the shop's primary location. */
    locationId: z.string().min(1).optional(),
    /** Requests in flight at once; the cost bucket paces them all. */
    concurrency: z.number().int().min(1).max(8).default(4),
    http: httpSchema.optional(),
  })
  .strict();
export type ShopifyConfig = z.infer<typeof configSchema>;

const ALL_CAPABILITIES: PlatformCapability[] = [
  "catalog.read",
  "catalog.write",
  "orders.read",
  "fulfillments.write",
  "returns.read",
  "storefront.read",
  "check",
];

/** Which access scopes each command needs (write_X implies read_X). */
export const SCOPES_NEEDED: Record<string, string[]> = {
  "catalog import": ["write_products", "write_inventory", "read_locations"],
  "catalog export": ["read_products"],
  "orders sync": ["read_orders"],
  "shipments import": ["read_orders", "write_merchant_managed_fulfillment_orders"],
  "shipments sync": ["read_orders", "write_fulfillments"],
  "returns audit": ["read_orders"],
  "kpi report": ["read_orders"],
  "prices snapshot": [],
};

/** "acme" -> https://acme.myshopify.com; "acme.myshopify.com" -> https://…; a URL keeps its scheme and host. */
export function shopAddress(raw: string, storeName: string, key = "shop"): string {
  const text = raw.trim().replace(/\/+$/, "");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text
    : /^[a-z0-9][a-z0-9-]*$/i.test(text)
      ? `https://${text}.myshopify.com`
      : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(
      msg("shopify.not_shop_address", { store: storeName, key, value: raw }),
      msg("shopify.not_shop_address_hint", { setting: `stores.${storeName}.${key}` }),
    );
  }
  return url.origin;
}

function describeShopifyError(storeName: string) {
  return (status: number, body: unknown): { message: string; hint?: Message } | undefined => {
    const errors = body && typeof body === "object" ? (body as { errors?: unknown }).errors : undefined;
    let message: string | undefined;
    if (typeof errors === "string") message = errors;
    else if (Array.isArray(errors))
      message = errors.map((e) => (typeof e === "string" ? e : ((e as { message?: string })?.message ?? ""))).join("; ");
    else if (errors && typeof errors === "object") {
      message = Object.entries(errors as Record<string, unknown>)
        .map(([field, msgs]) => `${field} ${Array.isArray(msgs) ? msgs.join(", ") : String(msgs)}`)
        .join("; ");
    }
    const hints: Record<number, MessageId> = {
      401: "adapter.shopify.hint.401",
      402: "adapter.shopify.hint.402",
      403: "adapter.shopify.hint.403",
      404: "adapter.shopify.hint.404",
      423: "adapter.shopify.hint.423",
    };
    const hint = hints[status];
    if (message === undefined && hint === undefined) return undefined;
    // Shopify's own words, or the bare status.
    return { message: message ?? `HTTP ${status}`, ...(hint ? { hint: msg(hint, { store: storeName }) } : {}) };
  };
}

export default definePlatform<ShopifyConfig>({
  name: "shopify",
  description: "A Shopify shop (GraphQL Admin API, paced by its cost bucket); the public storefront without a token",
  capabilities: ALL_CAPABILITIES,
  configSchema,
  create(config, ctx) {
    return createShopifyAdapter(config, ctx);
  },
});

export interface ShopifyAdapter extends PlatformAdapter {
  /** Counters for tests and the bench. */
  readonly stats: { throttled: number; operations: number; waitedMs: number; http: HttpClient["stats"] | undefined };
}

export function createShopifyAdapter(config: ShopifyConfig, ctx: AdapterContext): ShopifyAdapter {
  const storeName = ctx.storeName;
  const base = shopAddress(config.shop, storeName);
  const storefrontBase = config.storefront ? shopAddress(config.storefront, storeName, "storefront") : base;
  const common = {
    platform: "shopify",
    storeName,
    log: ctx.log,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.network?.allowInsecure ? { allowInsecure: true } : {}),
    ...(config.http?.timeoutMs !== undefined ? { timeoutMs: config.http.timeoutMs } : {}),
    ...(config.http?.totalTimeoutMs !== undefined ? { totalTimeoutMs: config.http.totalTimeoutMs } : {}),
    ...(config.http?.retries !== undefined ? { retries: config.http.retries } : {}),
    backoff: {
      ...(config.http?.backoffBaseMs !== undefined ? { baseMs: config.http.backoffBaseMs } : {}),
      ...(config.http?.backoffCapMs !== undefined ? { capMs: config.http.backoffCapMs } : {}),
    },
    describeError: describeShopifyError(storeName),
  };
  const publicHttp = createHttpClient({
    ...common,
    ...storefrontClientOptions(ctx.network),
    baseURL: storefrontBase,
    secrets: config.token ? [config.token] : [],
  });
  const storefrontCurrency = config.currency ?? ctx.currency;
  const searchPublicProducts = (query: { query: string; limit: number }) =>
    searchStorefront(publicHttp, storefrontBase, storefrontCurrency, query);

  if (!config.token) {
    return {
      capabilities: ["storefront.read", "check"],
      stats: { throttled: 0, operations: 0, waitedMs: 0, http: undefined },
      searchPublicProducts,
      async check(): Promise<CheckResult> {
        try {
          await publicHttp.get("/products.json", { limit: 1 });
          return {
            reachable: true,
            authenticated: false,
            scopesGranted: [],
            scopesNeeded: { "prices snapshot": [] },
            message: msg("adapter.shopify.storefront_only"),
          };
        } catch (e) {
          return {
            reachable: false,
            authenticated: false,
            scopesGranted: [],
            scopesNeeded: { "prices snapshot": [] },
            message: errorText(e),
          };
        }
      },
    };
  }

  let pacer: CostPacer | undefined;
  const http = createHttpClient({
    ...common,
    baseURL: base,
    headers: { "X-Shopify-Access-Token": config.token, "Content-Type": "application/json", Accept: "application/json" },
    secrets: [config.token],
    classify: ShopifyGraphql.classifier(() => pacer),
  });
  pacer = new CostPacer({
    sleep: (ms) => http.sleep(ms),
    onWait: (ms) => {
      if (ms >= 1000) ctx.log.debug(`[shopify:${storeName}] waiting ${(ms / 1000).toFixed(1)} s for the API cost bucket to refill`);
    },
  });
  const gql = new ShopifyGraphql({
    http,
    pacer,
    apiVersion: config.apiVersion,
    platform: "shopify",
    storeName,
    warn: (m) => ctx.log.warn(m),
  });
  const session = createSession({
    gql,
    storeName,
    log: ctx.log,
    concurrency: config.concurrency,
    ...(config.currency ? { currency: config.currency } : {}),
    ...(config.locationId ? { locationId: config.locationId } : {}),
  });
  const catalog = new ShopifyCatalog(session);
  const orders = new ShopifyOrders(session);
  const fulfillments = new ShopifyFulfillments(session);
  const bucket = pacer;

  return {
    capabilities: ALL_CAPABILITIES,
    get stats() {
      return { throttled: gql.stats.throttled, operations: gql.stats.operations, waitedMs: bucket.totalWaitMs, http: http.stats };
    },
    listProducts: (q) => catalog.listProducts(q),
    lookupProducts: (keys) => catalog.lookupProducts(keys),
    upsertProducts: (batch) => catalog.upsertProducts(batch),
    deleteProducts: (handles) => catalog.deleteProducts(handles),
    listOrders: (q) => orders.listOrders(q),
    listReturns: (q) => orders.listReturns(q),
    createFulfillment: (orderId, request) => fulfillments.createFulfillment(orderId, request),
    updateShipmentStatus: (orderId, update) => fulfillments.updateShipmentStatus(orderId, update),
    searchPublicProducts,
    async check(): Promise<CheckResult> {
      const result: CheckResult = { reachable: false, authenticated: false, scopesGranted: [], scopesNeeded: SCOPES_NEEDED };
      try {
        const data = await gql.run<{
          shop: { name: string; currencyCode: string };
          currentAppInstallation: { accessScopes: { handle: string }[] };
        }>(SHOP_INFO, {}, { estimate: 3 });
        result.reachable = true;
        result.authenticated = true;
        result.scopesGranted = data.currentAppInstallation.accessScopes.map((s) => s.handle).sort();
        result.message = `${data.shop.name} (${data.shop.currencyCode}), API ${config.apiVersion}`;
      } catch (e) {
        if (e instanceof AdapterError && e.status !== undefined) result.reachable = true;
        result.message = errorText(e);
      }
      return result;
    },
  };
}
