/**
 * The `woocommerce` platform: a self-hosted WooCommerce site over REST v3 (`/wp-json/wc/v3`, basic
 * auth with a consumer key and secret over https), the Shipment Tracking extension for tracking
 * numbers (an order note when it is not installed), and the public Store API for competitor
 * storefronts (no credentials: a store block without key/secret only offers storefront.read).
 */
import { z } from "zod";
import { UsageError } from "../../../core/errors.js";
import { type Message, msg, schemaMessage } from "../../../core/i18n/index.js";
import { joinMessages } from "../../../core/i18n/join.js";
import type { Order, OrderLine, OrderStatus, ReturnRecord } from "../../../core/model.js";
import { storefrontClientOptions } from "../../../http/guard.js";
import { AdapterError, createHttpClient, type HttpClient, isLoopbackHost } from "../../../http/index.js";
import {
  type AdapterContext,
  type CheckResult,
  definePlatform,
  errorText,
  type FulfillmentRequest,
  type InstantRange,
  type PlatformAdapter,
  type PlatformCapability,
  type PublicProduct,
  resultFrom,
  resultWith,
  type UpsertResult,
} from "../../platform.js";
import { parseWire } from "../../wire-schema.js";
import { createCatalog, isFatal } from "./catalog.js";
import { createWooRest } from "./rest.js";
import {
  decodeEntities,
  gmtDate,
  gmtParam,
  storeAmountToMinor,
  toMinor,
  type WeightUnit,
  type WooOrderOut,
  type WooRefundOut,
  wooOrderSchema,
  wooRefundSchema,
} from "./wire.js";

const httpSchema = z
  .object({
    timeoutMs: z.number().int().positive().optional(),
    /** One request's attempts and waits together (see HttpClientOptions.totalTimeoutMs). */
    totalTimeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(20).optional(),
    backoffBaseMs: z.number().int().min(0).optional(),
    backoffCapMs: z.number().int().min(0).optional(),
    requestsPerSecond: z.number().positive().optional(),
    concurrency: z.number().int().positive().max(64).optional(),
  })
  .strict();

const configSchema = z
  .object({
    platform: z.literal("woocommerce"),
    /** Site address: "shop.example" (https implied), "https://shop.example/store" (sub-folder installs). */
    url: z.string().min(1),
    /** Consumer key (ck_...) and secret (cs_...), usually `env:WC_KEY` / `env:WC_SECRET`; omit both for a competitor's storefront. */
    key: z.string().min(1).optional(),
    secret: z.string().min(1).optional(),
    /** The store's currency when it differs from the global one. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    /** WooCommerce › Settings › Products › Weight unit (merchops supports g and kg); default kg. */
    weightUnit: z.enum(["g", "kg"]).optional(),
    /** Send the key and secret as query parameters (for hosts that strip the Authorization header); https only. */
    authInQuery: z.boolean().optional(),
    /** Mark an order completed when its tracking number is added (WooCommerce e-mails the customer); default true. */
    completeOrders: z.boolean().optional(),
    http: httpSchema.optional(),
  })
  .strict()
  // schemaMessage keeps the catalog message behind the text: config/load.ts prints it in the run's language.
  .refine((c) => (c.key === undefined) === (c.secret === undefined), { message: schemaMessage(msg("adapter.woo.key_secret_pair")) });
export type WooConfig = z.infer<typeof configSchema>;

const FULL_CAPABILITIES: PlatformCapability[] = [
  "catalog.read",
  "catalog.write",
  "orders.read",
  "returns.read",
  "fulfillments.write",
  "storefront.read",
  "check",
];

/** Key permission needed per command: WooCommerce keys are read, write or read_write. */
export const SCOPES_NEEDED: Record<string, string[]> = {
  "catalog import": ["read", "write"],
  "catalog export": ["read"],
  "orders sync": ["read"],
  "shipments import": ["read", "write"],
  "shipments sync": ["read", "write"],
  "returns audit": ["read"],
  "kpi report": ["read"],
  "prices snapshot": [],
};

/** "shop.example" -> "https://shop.example"; trailing slashes dropped. */
export function siteUrl(raw: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(msg("woo.url_not_address", { value: raw }), msg("woo.url_not_address_hint"));
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new UsageError(msg("woo.url_not_http", { value: raw }), msg("setup.site_use_https"));
  url.pathname = url.pathname.replace(/\/+$/, "");
  url.search = "";
  url.hash = "";
  return url;
}

/** Woo's own error text: `{code, message, data:{status}}` -> "code: message"; an HTML error page -> its gist. */
function describeWooError(
  status: number,
  body: unknown,
  credentialHint: Message,
): { message: string | Message; hint?: Message } | undefined {
  if (body && typeof body === "object" && typeof (body as { message?: unknown }).message === "string") {
    const { code, message } = body as { code?: string; message: string };
    const text = `${code ? `${code}: ` : ""}${decodeEntities(message)}`;
    if (status === 401 && /write permissions/.test(message)) {
      return {
        message: text,
        hint: msg("adapter.woo.read_only_hint"),
      };
    }
    if (status === 401 && /read permissions/.test(message)) {
      return {
        message: text,
        hint: msg("adapter.woo.write_only_hint"),
      };
    }
    if (status === 401 || status === 403) return { message: text, hint: credentialHint };
    if (code === "rest_no_route") return { message: text, hint: msg("adapter.woo.no_route_hint") };
    return { message: text };
  }
  if (typeof body === "string" && /<html|<body|<b>/i.test(body)) {
    const plain = body
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    const fatal = /Fatal error\s*:?\s*([^.]{0,160})/i.exec(plain)?.[1];
    return {
      message: fatal
        ? msg("adapter.woo.php_fatal", { page: fatal })
        : msg("adapter.woo.html_page", { page: decodeEntities(plain.slice(0, 120)) }),
      hint: msg("adapter.woo.site_failed_hint"),
    };
  }
  return undefined;
}

/*
 * WooCommerce's order statuses. "pending" (Pending payment: no payment received) and "checkout-draft"
 * (a block checkout never submitted) were never paid: they are not in ORDER_STATUS, and listOrders
 * leaves them out as the files store does and as WooCommerce Analytics does by default. "failed"
 * (payment declined) is read as cancelled, as in the files store: never GMV, counted as skipped.
 * "on-hold" (a bank transfer or cheque to confirm) is an order placed, counted by Analytics.
 */
const NEVER_PAID = new Set(["pending", "checkout-draft"]);

const ORDER_STATUS: Record<string, OrderStatus> = {
  "on-hold": "pending",
  processing: "paid",
  completed: "fulfilled",
  cancelled: "cancelled",
  failed: "cancelled",
  trash: "cancelled",
  refunded: "refunded",
};

const storeProductSchema = z.object({
  name: z.string(),
  permalink: z.string(),
  on_sale: z.boolean(),
  is_in_stock: z.boolean(),
  brands: z.array(z.object({ name: z.string() })).optional(),
  prices: z.object({
    currency_code: z.string(),
    currency_minor_unit: z.number(),
    price: z.string(),
    regular_price: z.string(),
    sale_price: z.string(),
    price_range: z.object({ min_amount: z.string(), max_amount: z.string() }).nullable().optional(),
  }),
});

const ATTRIBUTION_SOURCE: Record<string, string> = {
  typein: "direct",
  organic: "organic_search",
  referral: "referral",
  admin: "other",
  mobile_app: "other",
};

export default definePlatform<WooConfig>({
  name: "woocommerce",
  description: "A WooCommerce site (REST API v3, Shipment Tracking extension, public Store API)",
  capabilities: FULL_CAPABILITIES,
  configSchema,
  create(config, ctx) {
    return createWooCommerce(config, ctx);
  },
});

export function createWooCommerce(config: WooConfig, ctx: AdapterContext): PlatformAdapter {
  const site = siteUrl(config.url);
  const insecure = site.protocol === "http:";
  if (insecure && config.authInQuery) {
    throw new UsageError(msg("woo.auth_in_query_http", { store: ctx.storeName }), msg("woo.auth_in_query_http_hint"));
  }
  if (insecure && !isLoopbackHost(site.hostname) && !ctx.network?.allowInsecure) {
    throw new UsageError(msg("woo.insecure", { store: ctx.storeName, origin: site.origin }), msg("woo.insecure_hint"));
  }
  const currency = config.currency ?? ctx.currency;
  const weightUnit: WeightUnit = config.weightUnit ?? "kg";
  const h = config.http ?? {};
  const secrets = [config.key, config.secret].filter((s): s is string => !!s);
  const credentialHint = msg("adapter.woo.credential_hint", { store: ctx.storeName });
  const common = {
    platform: "woocommerce",
    storeName: ctx.storeName,
    log: ctx.log,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.network?.allowInsecure ? { allowInsecure: true } : {}),
    secrets,
    ...(h.timeoutMs !== undefined ? { timeoutMs: h.timeoutMs } : {}),
    ...(h.totalTimeoutMs !== undefined ? { totalTimeoutMs: h.totalTimeoutMs } : {}),
    ...(h.retries !== undefined ? { retries: h.retries } : {}),
    backoff: {
      ...(h.backoffBaseMs !== undefined ? { baseMs: h.backoffBaseMs } : {}),
      ...(h.backoffCapMs !== undefined ? { capMs: h.backoffCapMs } : {}),
    },
    rateLimit: {
      concurrency: h.concurrency ?? 4,
      ...(h.requestsPerSecond !== undefined ? { requestsPerSecond: h.requestsPerSecond } : {}),
    },
    describeError: (status: number, body: unknown) => describeWooError(status, body, credentialHint),
  };
  const apiBase = `${site.href.replace(/\/$/, "")}/wp-json/`;
  const storefront = createHttpClient({ ...common, ...storefrontClientOptions(ctx.network), baseURL: `${apiBase}wc/store/v1/` });
  const searchPublicProducts = (q: { query: string; limit: number }) => searchStorefront(storefront, q, ctx.storeName);

  if (!config.key || !config.secret) {
    return {
      capabilities: ["storefront.read", "check"],
      searchPublicProducts,
      check: async () => {
        try {
          await storefront.get("products", { per_page: 1 });
          return {
            reachable: true,
            authenticated: false,
            scopesGranted: [],
            scopesNeeded: { "prices snapshot": [] },
            message: msg("adapter.woo.storefront_only"),
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

  const http = createHttpClient({
    ...common,
    baseURL: apiBase,
    ...(config.authInQuery ? {} : { auth: { username: config.key, password: config.secret } }),
  });
  // Query-string credentials (https only, checked above) ride on every request through this wrapper.
  const api: HttpClient = config.authInQuery
    ? {
        ...http,
        stats: http.stats,
        request: (req) => http.request({ ...req, params: { ...req.params, consumer_key: config.key, consumer_secret: config.secret } }),
        get: (url, params) =>
          http.request({ method: "GET", url, params: { ...params, consumer_key: config.key, consumer_secret: config.secret } }),
        post: (url, data, opts) =>
          http.request({
            ...opts,
            method: "POST",
            url,
            data,
            params: { ...opts?.params, consumer_key: config.key, consumer_secret: config.secret },
          }),
      }
    : http;

  const rest = createWooRest(api, { platform: "woocommerce", storeName: ctx.storeName });
  const catalog = createCatalog({
    rest,
    currency,
    weightUnit,
    parallel: Math.max(1, h.concurrency ?? 4),
    warn: (m) => ctx.log.warn(msg("woo.tagged", { store: ctx.storeName, message: m })),
  });

  async function* listOrders(query: InstantRange & { updatedSince?: Date }): AsyncGenerator<Order> {
    const params: Record<string, string | number | boolean> = { order: "asc", dates_are_gmt: true };
    // WooCommerce compares after/before strictly; widen by a second and filter exactly here.
    if (query.updatedSince) {
      params.orderby = "modified";
      params.modified_after = gmtParam(new Date(query.updatedSince.getTime() - 1000));
    } else params.orderby = "date";
    if (query.since) params.after = gmtParam(new Date(query.since.getTime() - 1000));
    if (query.until) params.before = gmtParam(new Date(query.until.getTime() + 1000));
    const seen = new Set<number>();
    const unpaid = new Map<string, number>();
    for await (const page of rest.pages(wooOrderSchema, "wc/v3/orders", params, "order")) {
      const refunds = await refundsOf(page);
      for (const o of page) {
        if (seen.has(o.id)) continue;
        seen.add(o.id);
        const order = toOrder(o, refunds);
        if (query.since && order.placedAt < query.since) continue;
        if (query.until && order.placedAt >= query.until) continue;
        if (query.updatedSince && order.updatedAt && order.updatedAt < query.updatedSince) continue;
        if (NEVER_PAID.has(o.status)) {
          unpaid.set(o.status, (unpaid.get(o.status) ?? 0) + 1);
          continue;
        }
        yield order;
      }
    }
    if (unpaid.size) warnUnpaid(unpaid);
  }

  /** One warning per listing, counting the never-paid orders left out by status slug. */
  function warnUnpaid(unpaid: ReadonlyMap<string, number>): void {
    const n = [...unpaid.values()].reduce((a, b) => a + b, 0);
    const words = [...unpaid].map(([slug, count]) => `"${slug}" ×${count}`).join(", ");
    ctx.log.warn(msg("orders.woo_unpaid_left_out", { store: ctx.storeName, n, words }));
  }

  /** Whether the site has `GET /wc/v3/refunds` (WooCommerce 9.0+); learnt from the first answer. */
  let refundsRoute: boolean | undefined;

  /**
   * The refunds of one page of orders, by refund id. The order payload lists its refunds' ids and totals;
   * their dates and lines come from `/wc/v3/refunds?include=…` — one request per 100 refunds, never one
   * per order. A site older than 9.0 has no such route: then, and only then, each refunded order's own
   * `/orders/{id}/refunds` is read.
   */
  async function refundsOf(orders: readonly WooOrderOut[]): Promise<Map<number, WooRefundOut>> {
    const out = new Map<number, WooRefundOut>();
    const ids = orders.flatMap((o) => (o.refunds ?? []).map((r) => r.id));
    for (let i = 0; i < ids.length && refundsRoute !== false; i += 100) {
      const chunk = ids.slice(i, i + 100);
      try {
        const found = await rest.get(z.array(wooRefundSchema), "wc/v3/refunds", { include: chunk.join(","), per_page: 100 });
        refundsRoute = true;
        for (const r of found) out.set(r.id, r);
      } catch (e) {
        if (!(refundsRoute === undefined && e instanceof AdapterError && e.status === 404 && /rest_no_route/.test(e.message))) throw e;
        refundsRoute = false;
        ctx.log.warn(msg("woo.no_refunds_route", { store: ctx.storeName }));
      }
    }
    if (refundsRoute === false) {
      for (const o of orders) {
        if (!o.refunds?.length) continue;
        for await (const page of rest.pages(wooRefundSchema, `wc/v3/orders/${o.id}/refunds`, {}, "refund"))
          for (const r of page) out.set(r.id, r);
      }
    }
    return out;
  }

  function toOrder(o: WooOrderOut, refunds: ReadonlyMap<number, WooRefundOut>): Order {
    const cur = o.currency || currency;
    const m = (v: string) => toMinor(v, cur) ?? 0;
    const lines: OrderLine[] = o.line_items.map((l) => {
      const subtotal = m(l.subtotal);
      const line: OrderLine = {
        id: String(l.id),
        sku: l.sku ?? "",
        productId: String(l.variation_id || l.product_id),
        title: decodeEntities(l.name),
        quantity: l.quantity,
        unitPrice: l.quantity > 0 ? Math.round(subtotal / l.quantity) : subtotal,
        discount: subtotal - m(l.total),
      };
      return line;
    });
    const meta = new Map((o.meta_data ?? []).map((x) => [x.key, x.value]));
    const order: Order = {
      id: String(o.id),
      placedAt: gmtDate(o.date_created_gmt) ?? new Date(Number.NaN),
      currency: cur,
      status: ORDER_STATUS[o.status] ?? "pending",
      test: meta.get("_wcpay_mode") === "test",
      subtotal: o.line_items.reduce((s, l) => s + m(l.subtotal), 0),
      discountTotal: m(o.discount_total),
      shippingTotal: m(o.shipping_total),
      taxTotal: m(o.total_tax),
      total: m(o.total),
      lines,
    };
    if (o.number && o.number !== String(o.id)) order.number = o.number;
    const customer = o.customer_id ? String(o.customer_id) : o.billing?.email;
    if (customer) order.customerId = customer;
    const coupon = o.coupon_lines?.[0]?.code;
    if (coupon) order.couponCode = coupon;
    const updated = gmtDate(o.date_modified_gmt);
    if (updated) order.updatedAt = updated;
    // Listed on the order but gone by the time it was read (deleted meanwhile): the next sync settles it.
    if (o.refunds)
      order.refunds = o.refunds.flatMap((ref) => {
        const r = refunds.get(ref.id);
        const at = r ? gmtDate(r.date_created_gmt) : undefined;
        return r && at ? [...refundRecords(o, r, at)] : [];
      });
    const sourceType = meta.get("_wc_order_attribution_source_type");
    if (typeof sourceType === "string") {
      const medium = String(meta.get("_wc_order_attribution_utm_medium") ?? "").toLowerCase();
      order.source =
        sourceType === "utm"
          ? /cpc|ppc|paid/.test(medium)
            ? "paid_search"
            : /social/.test(medium)
              ? "social"
              : /mail/.test(medium)
                ? "email"
                : "other"
          : (ATTRIBUTION_SOURCE[sourceType] ?? "other");
    }
    return order;
  }

  async function* listReturns(query: InstantRange): AsyncGenerator<ReturnRecord> {
    // A refund changes its order, so orders modified since the range start hold every refund in it.
    const params: Record<string, string | number | boolean> = { order: "asc", orderby: "modified", dates_are_gmt: true };
    if (query.since) params.modified_after = gmtParam(new Date(query.since.getTime() - 1000));
    for await (const page of rest.pages(wooOrderSchema, "wc/v3/orders", params, "order")) {
      const refunds = await refundsOf(page);
      for (const o of page) {
        for (const ref of o.refunds ?? []) {
          const r = refunds.get(ref.id);
          const at = r ? gmtDate(r.date_created_gmt) : undefined;
          if (!r || !at || (query.since && at < query.since) || (query.until && at >= query.until)) continue;
          yield* refundRecords(o, r, at);
        }
      }
    }
  }

  function* refundRecords(o: WooOrderOut, r: WooRefundOut, at: Date): Generator<ReturnRecord> {
    const cur = o.currency || currency;
    const base = {
      orderId: String(o.id),
      currency: cur,
      requestedAt: at,
      refundedAt: at,
      status: "refunded",
      ...(r.reason ? { reason: r.reason } : {}),
    };
    const lines = r.line_items.filter((l) => l.quantity !== 0);
    if (!lines.length) {
      yield { ...base, id: String(r.id), quantity: 1, refundAmount: Math.abs(toMinor(r.amount, cur) ?? 0) };
      return;
    }
    for (const l of lines) {
      yield {
        ...base,
        id: `${r.id}-${l.id}`,
        ...(l.sku ? { sku: l.sku } : {}),
        quantity: Math.abs(l.quantity),
        refundAmount: Math.abs(toMinor(l.total, cur) ?? 0) + Math.abs(toMinor(l.total_tax, cur) ?? 0),
      };
    }
  }

  async function createFulfillment(orderId: string, request: FulfillmentRequest): Promise<UpsertResult> {
    const key = request.trackingNumber;
    if (!/^\d+$/.test(orderId)) return resultWith({ key, status: "failed" }, msg("adapter.woo.not_an_order_id", { order: orderId }));
    const trackingsUrl = `wc-shipment-tracking/v3/orders/${orderId}/shipment-trackings`;
    let added: "tracking" | "note" | undefined;
    for (let attempt = 0; attempt < 4 && !added; attempt++) {
      let existing: { tracking_number: string }[] | undefined;
      try {
        existing = await rest.get(z.array(z.object({ tracking_number: z.string() })), trackingsUrl);
      } catch (e) {
        if (!(e instanceof AdapterError && e.status === 404)) throw e;
        if (/woocommerce_rest_shop_order_invalid_id/.test(e.message)) return resultFrom({ key, status: "failed" }, e);
        existing = undefined; // no Shipment Tracking extension: fall back to a customer note
      }
      if (existing) {
        if (existing.some((t) => t.tracking_number === key)) return completeOrder(orderId, key, attempt === 0 ? "unchanged" : "created");
        try {
          await api.post(trackingsUrl, {
            custom_tracking_provider: request.courier,
            tracking_number: key,
            date_shipped: ctx.now().toISOString().slice(0, 10),
          });
          added = "tracking";
        } catch (e) {
          if (isFatal(e) || (e instanceof AdapterError && e.status !== undefined && e.status < 500 && e.status !== 408 && e.status !== 429))
            throw e;
          // Outcome unknown: list again before deciding to add it.
        }
        continue;
      }
      const notesUrl = `wc/v3/orders/${orderId}/notes`;
      const notes = await rest.get(z.array(z.object({ note: z.string() })), notesUrl, { type: "customer" });
      if (notes.some((n) => n.note.includes(key))) return completeOrder(orderId, key, attempt === 0 ? "unchanged" : "created");
      if (attempt === 0) ctx.log.warn(msg("woo.no_tracking_extension", { store: ctx.storeName, order: orderId }));
      try {
        await api.post(notesUrl, { note: `Shipped with ${request.courier}, tracking number ${key}`, customer_note: true });
        added = "note";
      } catch (e) {
        if (isFatal(e) || (e instanceof AdapterError && e.status !== undefined && e.status < 500 && e.status !== 408 && e.status !== 429))
          throw e;
      }
    }
    if (!added) return resultWith({ key, status: "failed" }, msg("adapter.woo.tracking_unconfirmed", { order: orderId }));
    return completeOrder(orderId, key, "created");
  }

  async function completeOrder(orderId: string, key: string, status: UpsertResult["status"]): Promise<UpsertResult> {
    if (config.completeOrders !== false) {
      const order = await rest.get(wooOrderSchema, `wc/v3/orders/${orderId}`);
      if (order.status === "processing" || order.status === "on-hold") {
        await api.request({ method: "PUT", url: `wc/v3/orders/${orderId}`, data: { status: "completed" } });
        if (status === "unchanged") status = "updated";
      }
    }
    return { key, status, remoteId: orderId };
  }

  async function check(): Promise<CheckResult> {
    const result: CheckResult = { reachable: false, authenticated: false, scopesGranted: [], scopesNeeded: SCOPES_NEEDED };
    const notes: Message[] = [];
    try {
      await api.get("wc/v3");
      result.reachable = true;
    } catch (e) {
      result.message = errorText(e);
      if (!(e instanceof AdapterError && e.status !== undefined)) return result;
      result.reachable = true;
    }
    try {
      await api.get("wc/v3/products", { per_page: 1 });
      result.authenticated = true;
      result.scopesGranted.push("read");
    } catch (e) {
      if (!(e instanceof AdapterError && e.status === 401)) {
        result.message = errorText(e);
        return result;
      }
      if (/read permissions/.test(e.message)) result.authenticated = true;
      else {
        result.message = errorText(e);
        return result;
      }
    }
    // An empty batch changes nothing, yet WooCommerce checks the key's write permission before routing it.
    try {
      await api.post("wc/v3/products/batch", {}, { idempotent: true });
      result.scopesGranted.push("write");
    } catch (e) {
      if (!(e instanceof AdapterError && e.status === 401)) notes.push(msg("woo.check.write_unknown", { detail: errorText(e) }));
    }
    try {
      await api.get("wc-shipment-tracking/v3");
      notes.push(msg("woo.check.tracking_installed"));
    } catch {
      notes.push(msg("woo.check.tracking_missing"));
    }
    result.message = joinMessages([result.message, ...notes].filter((n): n is Message | string => Boolean(n)));
    return result;
  }

  return {
    capabilities: FULL_CAPABILITIES,
    listProducts: (q) => catalog.listProducts(q),
    lookupProducts: (keys) => catalog.lookupProducts(keys),
    upsertProducts: (batch) => catalog.upsertProducts(batch),
    deleteProducts: (handles) => catalog.deleteProducts(handles),
    listOrders,
    listReturns,
    createFulfillment,
    searchPublicProducts,
    check,
  };
}

async function searchStorefront(http: HttpClient, q: { query: string; limit: number }, storeName: string): Promise<PublicProduct[]> {
  const out: PublicProduct[] = [];
  const perPage = Math.min(100, Math.max(1, q.limit));
  for (let page = 1; out.length < q.limit; page++) {
    const res = await http.get("products", { search: q.query, per_page: perPage, page });
    const items = parseWire(z.array(storeProductSchema), res.data, "GET /wc/store/v1/products", { platform: "woocommerce", storeName });
    for (const p of items) {
      if (out.length >= q.limit) break;
      const cur = p.prices.currency_code;
      const unit = p.prices.currency_minor_unit;
      const min = storeAmountToMinor(p.prices.price_range?.min_amount ?? p.prices.price, unit, cur);
      const max = storeAmountToMinor(p.prices.price_range?.max_amount, unit, cur);
      const regular = storeAmountToMinor(p.prices.regular_price, unit, cur);
      const product: PublicProduct = {
        title: decodeEntities(p.name),
        url: p.permalink,
        price: min,
        compareAtPrice: p.on_sale && regular !== null && min !== null && regular > min ? regular : null,
        currency: cur,
        inStock: p.is_in_stock,
        rank: out.length + 1,
      };
      if (max !== null && max !== min) product.priceMax = max;
      const brand = p.brands?.[0]?.name;
      if (brand) product.vendor = decodeEntities(brand);
      if (p.on_sale) product.promotion = "Sale";
      out.push(product);
    }
    if (items.length < perPage || page >= Number(res.headers["x-wp-totalpages"] ?? "1")) break;
  }
  return out;
}
