/**
 * A fake Shopify store on 127.0.0.1, close to the real Admin API where an adapter can tell the
 * difference (reference: platforms.md §1): `POST /admin/api/{version}/graphql.json` with the
 * `X-Shopify-Access-Token` header, the version echoed in `X-Shopify-API-Version` (old versions fall
 * forward), a per-token leaky cost bucket (2000 points, +100/s by default) reported in
 * `extensions.cost` on every answer and THROTTLED (HTTP 200, or 429 when asked) when a query's
 * requested cost exceeds what is left, MAX_COST_EXCEEDED above 1000, the real 401 body for a bad
 * token, ACCESS_DENIED for a scope the token lacks, `userErrors` for invalid input, cursor
 * pagination with `pageInfo`, Shopify's search syntax in `query:`, and the public storefront
 * `/products.json?limit=&page=`. Faults come from the toolkit (test/fakes/lib).
 *
 * It is no GraphQL engine: operations are recognised by name (the adapter names them) and answered
 * from their variables. Costs follow one plausible rule: object 1, connection 2 + first x node,
 * mutation 10; the requested cost is charged up front and the difference to the actual refunded.
 */
import { createHash } from "node:crypto";
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, seededRandom, startFakeServer } from "./lib/index.js";
import { compileSearch, equalityTerms } from "./shopify-search.js";

// --- the store's data ----------------------------------------------------------------------------

export interface FakeVariant {
  id: number;
  sku: string;
  barcode: string | null;
  /** Decimal strings with the shop currency's two decimals, as Shopify's Money scalar prints them. */
  price: string;
  compareAtPrice: string | null;
  options: { name: string; value: string }[];
  inventoryQuantity: number;
  tracked: boolean;
  cost: string | null;
  weight: { unit: string; value: number } | null;
}

export interface FakeMedia {
  /** The URL the product was given; Shopify re-hosts the image under `url`. */
  originalSource: string;
  url: string;
}

export interface FakeProduct {
  id: number;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  options: { name: string; values: string[] }[];
  variants: FakeVariant[];
  media: FakeMedia[];
  createdAt: string;
  updatedAt: string;
}

export interface FakeLineItem {
  id: number;
  sku: string;
  name: string;
  quantity: number;
  /** Minor units of the shop currency. */
  unitPrice: number;
  discount: number;
  productId: number | null;
  productType: string;
  variantId: number | null;
  options: { name: string; value: string }[];
}

export interface FakeRefund {
  id: number;
  createdAt: string;
  note: string | null;
  lines: { lineItemId: number; quantity: number; subtotal: number }[];
  total: number;
}

export interface FakeFulfillmentOrder {
  id: number;
  status: "OPEN" | "IN_PROGRESS" | "CLOSED" | "CANCELLED";
  lines: { id: number; lineItemId: number; remainingQuantity: number }[];
}

export interface FakeFulfillment {
  id: number;
  status: "SUCCESS" | "CANCELLED";
  company: string | null;
  number: string | null;
  createdAt: string;
  /** Tracking events (fulfillmentEventCreate), in the order they were created. */
  events?: FakeFulfillmentEvent[];
}

export interface FakeFulfillmentEvent {
  id: number;
  status: string;
  /** ISO instant, whole seconds (Shopify's DateTime keeps no milliseconds). */
  happenedAt: string;
  createdAt: string;
  city: string | null;
  message: string | null;
}

export interface FakeOrder {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  test: boolean;
  financialStatus: "PENDING" | "AUTHORIZED" | "PAID" | "PARTIALLY_PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "VOIDED";
  fulfillmentStatus: "UNFULFILLED" | "PARTIALLY_FULFILLED" | "FULFILLED";
  customerId: number | null;
  discountCodes: string[];
  lineItems: FakeLineItem[];
  shipping: number;
  tax: number;
  refunds: FakeRefund[];
  fulfillmentOrders: FakeFulfillmentOrder[];
  fulfillments: FakeFulfillment[];
}

export interface FakeShopState {
  shopName: string;
  currency: string;
  products: Map<number, FakeProduct>;
  orders: Map<number, FakeOrder>;
  locationId: number;
}

export interface BucketSettings {
  size?: number;
  restoreRate?: number;
  /** HTTP status of a THROTTLED answer: 200 (usual) or 429 (also seen). */
  throttleStatus?: 200 | 429;
  /**
   * Another app on the same bucket, by count rather than by speed: every n-th GraphQL request finds the
   * bucket emptied just before it is costed (so it is THROTTLED whatever the machine's speed).
   */
  drainEvery?: number;
}

export interface StartFakeShopifyOptions {
  faults?: Faults;
  token?: string;
  /** Granted access scopes; default: every scope the adapter may need. */
  scopes?: string[];
  bucket?: BucketSettings;
  currency?: string;
  shopName?: string;
}

export interface FakeShopifyStats {
  /** THROTTLED answers sent. */
  throttled: number;
  /** GraphQL operations answered, by name (throttled ones not included). */
  operations: Record<string, number>;
  /** Mutations that changed the store. */
  writes: number;
  /** Products created by productSet (a duplicate would show here). */
  created: number;
}

export interface FakeShopify extends FakeServer {
  readonly token: string;
  readonly state: FakeShopState;
  readonly stats: FakeShopifyStats;
  setScopes(scopes: string[]): void;
  /** Resets the bucket to full with the new size / rate. */
  setBucket(settings: BucketSettings): void;
  /** The next `count` GraphQL answers are cut off mid-JSON (status 200). */
  malformNext(count: number): void;
  /** Adds products (as Shopify would hold them) and returns them. */
  seedProducts(count: number, opts?: { variants?: number; seed?: number }): FakeProduct[];
  /** Adds `count` orders placed over `days` days from `start`; deterministic by seed. */
  seedOrders(count: number, opts?: { start?: Date; days?: number; seed?: number }): FakeOrder[];
}

export const DEFAULT_TOKEN = "shpat_fake0123456789abcdef0123456789";
export const ALL_SCOPES = [
  "write_products",
  "write_inventory",
  "read_locations",
  "read_orders",
  "read_returns",
  "write_merchant_managed_fulfillment_orders",
  "write_fulfillments",
];
const SUPPORTED_VERSIONS = ["2025-01", "2025-04", "2025-07", "2025-10", "2026-01"];
/** FulfillmentEventStatus as of 2025-01; CARRIER_PICKED_UP came in 2025-10, PICKED_UP is only in unstable. */
const EVENT_STATUSES = [
  "ATTEMPTED_DELIVERY",
  "CONFIRMED",
  "DELAYED",
  "DELIVERED",
  "FAILURE",
  "IN_TRANSIT",
  "LABEL_PRINTED",
  "LABEL_PURCHASED",
  "OUT_FOR_DELIVERY",
  "READY_FOR_PICKUP",
];
function eventStatusesOf(version: string): string[] {
  if (version === "unstable") return [...EVENT_STATUSES, "CARRIER_PICKED_UP", "PICKED_UP"].sort();
  return version >= "2025-10" ? [...EVENT_STATUSES, "CARRIER_PICKED_UP"].sort() : EVENT_STATUSES;
}
const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");
const INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)";
const MAX_COST = 1000;
const MAX_PAGE = 250;

// --- helpers -----------------------------------------------------------------------------------

const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;
function idOf(value: unknown, type: string): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(value);
  return m ? Number(m[1]) : undefined;
}

/** Minor units -> "12.5" / "12.0" / "12.99": how MoneyV2.amount (a Decimal) prints. */
function decimalAmount(minor: number): string {
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const cents = String(abs % 100).padStart(2, "0");
  const frac = cents.endsWith("0") ? cents.slice(0, 1) : cents;
  return `${negative ? "-" : ""}${Math.floor(abs / 100)}.${frac}`;
}
const moneyBag = (minor: number, currency: string) => ({ shopMoney: { amount: decimalAmount(minor), currencyCode: currency } });

/** A Money scalar input ("19.9", 19.9, "19.90") -> "19.90", or null when it is no amount. */
function moneyScalar(value: unknown): string | null {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const m = /^(-?)(\d+)(?:\.(\d{1,2})\d*)?$/.exec(text);
  if (!m) return null;
  return `${m[1]}${Number(m[2])}.${(m[3] ?? "").padEnd(2, "0")}`;
}

const encodeCursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
function decodeCursor(c: unknown): unknown {
  if (typeof c !== "string") return undefined;
  try {
    return JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

class GraphqlFailure extends Error {
  constructor(readonly errors: Record<string, unknown>[]) {
    super(String(errors[0]?.message));
  }
}
const fail = (message: string, code: string, extra: Record<string, unknown> = {}) =>
  new GraphqlFailure([{ message, extensions: { code, ...extra } }]);

function checkFirst(value: unknown, connection: string): number {
  if (typeof value !== "number" || !Number.isInteger(value))
    throw fail(`Variable first of type Int! was provided invalid value`, "INVALID_VARIABLE");
  if (value < 0 || value > MAX_PAGE) {
    throw fail(`The ${connection} connection's first argument must be between 0 and ${MAX_PAGE} (got ${value}).`, "BAD_REQUEST");
  }
  return value;
}

interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Cursor pagination over an already sorted list: the cursor names the last item's sort key and id. */
function paginate<T>(
  sorted: T[],
  keyOf: (t: T) => [string | number, number],
  first: number,
  after: unknown,
  match: (t: T) => boolean,
): Page<T> {
  let start = 0;
  const cursor = decodeCursor(after) as [string | number, number] | undefined;
  if (after !== undefined && after !== null) {
    if (!Array.isArray(cursor)) throw fail("Invalid cursor for current pagination sort.", "BAD_REQUEST");
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const [k, id] = keyOf(sorted[mid] as T);
      const [ck, cid] = cursor;
      if (k < ck || (k === ck && id <= cid)) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items: T[] = [];
  let i = start;
  for (; i < sorted.length && items.length < first; i++) if (match(sorted[i] as T)) items.push(sorted[i] as T);
  let hasNextPage = false;
  for (; i < sorted.length; i++) {
    if (match(sorted[i] as T)) {
      hasNextPage = true;
      break;
    }
  }
  const last = items[items.length - 1];
  return { items, hasNextPage, endCursor: last === undefined ? null : encodeCursor(keyOf(last)) };
}

// --- the server --------------------------------------------------------------------------------

export async function startFakeShopify(opts: StartFakeShopifyOptions = {}): Promise<FakeShopify> {
  const token = opts.token ?? DEFAULT_TOKEN;
  let scopes = new Set(opts.scopes ?? ALL_SCOPES);
  const state: FakeShopState = {
    shopName: opts.shopName ?? "Fake Outfitters",
    currency: opts.currency ?? "USD",
    products: new Map(),
    orders: new Map(),
    locationId: 71_000_001,
  };
  const stats: FakeShopifyStats = { throttled: 0, operations: {}, writes: 0, created: 0 };
  const bucket = {
    size: 2000,
    restoreRate: 100,
    available: 2000,
    at: performance.now(),
    throttleStatus: 200 as 200 | 429,
    drainEvery: 0,
    costed: 0,
  };
  const setBucket = (b: BucketSettings) => {
    bucket.size = b.size ?? bucket.size;
    bucket.restoreRate = b.restoreRate ?? bucket.restoreRate;
    bucket.throttleStatus = b.throttleStatus ?? bucket.throttleStatus;
    bucket.drainEvery = b.drainEvery ?? 0;
    bucket.costed = 0;
    bucket.available = bucket.size;
    bucket.at = performance.now();
  };
  if (opts.bucket) setBucket(opts.bucket);
  let malformed = 0;
  let nextId = 1_000_000_001;
  const newId = () => nextId++;
  const byHandle = new Map<string, number>();
  /** Sorted order lists per sort key, rebuilt after a change. */
  let orderVersion = 0;
  const sortedOrders = new Map<string, { version: number; list: FakeOrder[] }>();

  const hasScope = (needed: string) => scopes.has(needed) || (needed.startsWith("read_") && scopes.has(`write_${needed.slice(5)}`));
  function requireScope(needed: string, field: string) {
    if (hasScope(needed)) return;
    throw new GraphqlFailure([
      {
        message: `Access denied for ${field} field. Required access: \`${needed}\` access scope.`,
        locations: [{ line: 2, column: 3 }],
        path: [field],
        extensions: {
          code: "ACCESS_DENIED",
          documentation: "https://shopify.dev/api/usage/access-scopes",
          requiredAccess: `\`${needed}\` access scope.`,
        },
      },
    ]);
  }

  function refill() {
    const now = performance.now();
    bucket.available = Math.min(bucket.size, bucket.available + ((now - bucket.at) / 1000) * bucket.restoreRate);
    bucket.at = now;
  }
  const throttleStatus = () => ({
    maximumAvailable: bucket.size,
    currentlyAvailable: Math.floor(bucket.available),
    restoreRate: bucket.restoreRate,
  });

  // --- products ----------------------------------------------------------------------------------

  const productSorted = (sortKey: unknown): FakeProduct[] => {
    const list = [...state.products.values()];
    if (sortKey === "UPDATED_AT") return list.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id);
    if (sortKey === "TITLE") return list.sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
    return list.sort((a, b) => a.id - b.id);
  };
  const productKey =
    (sortKey: unknown) =>
    (p: FakeProduct): [string | number, number] =>
      sortKey === "UPDATED_AT" ? [p.updatedAt, p.id] : sortKey === "TITLE" ? [p.title, p.id] : [p.id, p.id];

  const PRODUCT_FIELDS = new Set([
    "handle",
    "sku",
    "updated_at",
    "created_at",
    "title",
    "status",
    "product_type",
    "vendor",
    "tag",
    "id",
    "barcode",
  ]);
  const readProduct = (p: FakeProduct, field: string): (string | number | boolean | null)[] => {
    switch (field) {
      case "handle":
        return [p.handle];
      case "sku":
        return p.variants.map((v) => v.sku);
      case "barcode":
        return p.variants.map((v) => v.barcode);
      case "updated_at":
        return [p.updatedAt];
      case "created_at":
        return [p.createdAt];
      case "title":
        return [p.title];
      case "status":
        return [p.status.toLowerCase()];
      case "product_type":
        return [p.productType];
      case "vendor":
        return [p.vendor];
      case "tag":
        return p.tags;
      case "id":
        return [p.id];
      default:
        return [p.title, ...p.tags, p.productType, p.vendor];
    }
  };

  /** Products matching a search; a plain OR of handle/sku terms is answered from indexes. */
  function productMatcher(query: unknown, warnings: string[]): (p: FakeProduct) => boolean {
    if (typeof query !== "string") return () => true;
    const terms = equalityTerms(query);
    if (terms && [...terms.keys()].every((k) => k === "handle" || k === "sku")) {
      const handles = new Set(terms.get("handle") ?? []);
      const skus = new Set(terms.get("sku") ?? []);
      return (p) => handles.has(p.handle) || (skus.size > 0 && p.variants.some((v) => skus.has(v.sku)));
    }
    return compileSearch(query, readProduct, PRODUCT_FIELDS, warnings);
  }

  function variantNode(v: FakeVariant, position: number) {
    return {
      id: gid("ProductVariant", v.id),
      sku: v.sku,
      barcode: v.barcode,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      inventoryQuantity: v.inventoryQuantity,
      position,
      selectedOptions: v.options.map((o) => ({ name: o.name, value: o.value })),
      inventoryItem: {
        unitCost: v.cost === null ? null : { amount: v.cost, currencyCode: state.currency },
        measurement: { weight: v.weight ? { ...v.weight } : null },
      },
    };
  }

  function variantsPage(p: FakeProduct, first: number, after: unknown) {
    const indexed = p.variants.map((v, i) => ({ v, i }));
    const page = paginate(
      indexed,
      (x) => [x.i, x.i],
      first,
      after,
      () => true,
    );
    return {
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      nodes: page.items.map((x) => variantNode(x.v, x.i + 1)),
    };
  }

  function productNode(p: FakeProduct, variantsFirst: number, mediaFirst: number) {
    return {
      __typename: "Product",
      id: gid("Product", p.id),
      handle: p.handle,
      title: p.title,
      descriptionHtml: p.descriptionHtml,
      vendor: p.vendor,
      productType: p.productType,
      tags: [...p.tags],
      status: p.status,
      updatedAt: p.updatedAt,
      options: p.options.map((o, i) => ({ name: o.name, position: i + 1 })),
      media: { nodes: p.media.slice(0, mediaFirst).map((m) => ({ image: { url: m.url } })) },
      variants: variantsPage(p, variantsFirst, null),
    };
  }

  function indexProduct(p: FakeProduct) {
    byHandle.set(p.handle, p.id);
  }

  type UserError = { field: string[]; message: string; code?: string };

  function validateProductSet(input: Record<string, unknown>, existing: FakeProduct | undefined): UserError[] {
    const errors: UserError[] = [];
    const title = input.title ?? existing?.title;
    if (typeof title !== "string" || title.trim() === "")
      errors.push({ field: ["input", "title"], message: "Title can't be blank", code: "INVALID" });
    const options = (input.productOptions as { name?: string; values?: { name?: string }[] }[] | undefined) ?? undefined;
    if (options && options.length > 3)
      errors.push({ field: ["input", "productOptions"], message: "Can only specify a maximum of 3 options", code: "OPTIONS_OVER_LIMIT" });
    const variants = input.variants as Record<string, unknown>[] | undefined;
    if (variants && variants.length > 2048)
      errors.push({ field: ["input", "variants"], message: "Can only specify a maximum of 2048 variants", code: "VARIANTS_OVER_LIMIT" });
    if (variants) {
      const optionNames = (options ?? existing?.options ?? []).map((o) => o.name);
      const seen = new Set<string>();
      variants.forEach((v, i) => {
        const at = ["input", "variants", String(i)];
        const values = (v.optionValues as { optionName?: string; name?: string }[] | undefined) ?? [];
        const names = values.map((o) => o.optionName);
        if (names.length !== optionNames.length || optionNames.some((n) => !names.includes(n))) {
          const missing = optionNames.find((n) => !names.includes(n)) ?? optionNames[0] ?? "Title";
          errors.push({ field: [...at, "optionValues"], message: `You need to add option values for ${missing}`, code: "INVALID_VARIANT" });
        }
        const combination = values.map((o) => o.name).join(" / ");
        if (seen.has(combination))
          errors.push({ field: at, message: `The variant '${combination}' already exists.`, code: "INVALID_VARIANT" });
        seen.add(combination);
        for (const field of ["price", "compareAtPrice"]) {
          const raw = v[field];
          if (raw === undefined || raw === null) continue;
          const money = moneyScalar(raw);
          if (money === null)
            errors.push({
              field: [...at, field],
              message: `${field === "price" ? "Price" : "Compare at price"} is invalid`,
              code: "INVALID_VARIANT",
            });
          else if (money.startsWith("-")) {
            errors.push({
              field: [...at, field],
              message: `${field === "price" ? "Price" : "Compare at price"} must be greater than or equal to 0`,
              code: "INVALID_VARIANT",
            });
          }
        }
        const quantities = v.inventoryQuantities as { locationId?: string }[] | undefined;
        for (const q of quantities ?? []) {
          if (idOf(q.locationId, "Location") !== state.locationId) {
            errors.push({
              field: [...at, "inventoryQuantities"],
              message: "The specified location could not be found",
              code: "INVALID_VARIANT",
            });
          }
        }
      });
    }
    return errors;
  }

  function applyProductSet(input: Record<string, unknown>, existing: FakeProduct | undefined, handle: string): FakeProduct {
    const now = new Date().toISOString();
    const product: FakeProduct = existing ?? {
      id: newId(),
      handle,
      title: "",
      descriptionHtml: "",
      vendor: "",
      productType: "",
      tags: [],
      status: "ACTIVE",
      options: [],
      variants: [],
      media: [],
      createdAt: now,
      updatedAt: now,
    };
    if (existing && existing.handle !== handle) byHandle.delete(existing.handle);
    product.handle = handle;
    if (typeof input.title === "string") product.title = input.title;
    if (typeof input.descriptionHtml === "string") product.descriptionHtml = input.descriptionHtml;
    if (typeof input.vendor === "string") product.vendor = input.vendor;
    if (typeof input.productType === "string") product.productType = input.productType;
    if (Array.isArray(input.tags)) product.tags = [...new Set((input.tags as string[]).map((t) => t.trim()).filter((t) => t !== ""))];
    if (typeof input.status === "string") product.status = input.status as FakeProduct["status"];
    if (Array.isArray(input.productOptions)) {
      product.options = (input.productOptions as { name: string; values?: { name: string }[] }[]).map((o) => ({
        name: o.name,
        values: (o.values ?? []).map((v) => v.name),
      }));
    }
    if (Array.isArray(input.files)) {
      product.media = (input.files as { originalSource: string }[]).map((f) => ({
        originalSource: f.originalSource,
        url: `https://cdn.shopify.example/s/files/1/${createHash("sha1").update(f.originalSource).digest("hex").slice(0, 12)}.jpg`,
      }));
    }
    if (Array.isArray(input.variants)) {
      const previous = new Map(product.variants.map((v) => [v.options.map((o) => `${o.name}=${o.value}`).join("|"), v]));
      product.variants = (input.variants as Record<string, unknown>[]).map((v) => {
        const options = ((v.optionValues as { optionName: string; name: string }[]) ?? []).map((o) => ({
          name: o.optionName,
          value: o.name,
        }));
        // Shopify keeps a variant (and its id) whose option values stay the same; input order wins.
        const ordered = product.options.map((po) => options.find((o) => o.name === po.name) ?? { name: po.name, value: "" });
        const old = previous.get(ordered.map((o) => `${o.name}=${o.value}`).join("|"));
        const item = (v.inventoryItem as Record<string, unknown> | undefined) ?? {};
        const measurement = item.measurement as { weight?: { unit: string; value: number } | null } | undefined;
        const quantities = v.inventoryQuantities as { quantity: number }[] | undefined;
        return {
          id: old?.id ?? newId(),
          sku: typeof v.sku === "string" ? v.sku : (old?.sku ?? ""),
          barcode: v.barcode === undefined ? (old?.barcode ?? null) : (v.barcode as string | null) || null,
          price: moneyScalar(v.price) ?? old?.price ?? "0.00",
          compareAtPrice: v.compareAtPrice === undefined ? (old?.compareAtPrice ?? null) : moneyScalar(v.compareAtPrice),
          options: ordered,
          inventoryQuantity: quantities?.[0]?.quantity ?? old?.inventoryQuantity ?? 0,
          tracked: typeof item.tracked === "boolean" ? item.tracked : (old?.tracked ?? true),
          cost: item.cost === undefined ? (old?.cost ?? null) : moneyScalar(item.cost),
          weight:
            measurement === undefined
              ? (old?.weight ?? null)
              : measurement.weight
                ? { unit: measurement.weight.unit, value: measurement.weight.value }
                : null,
        };
      });
    }
    product.updatedAt = now;
    if (!existing) stats.created++;
    state.products.set(product.id, product);
    indexProduct(product);
    return product;
  }

  // --- orders ------------------------------------------------------------------------------------

  const ORDER_SORT_KEYS = new Set(["CREATED_AT", "UPDATED_AT", "ID", "PROCESSED_AT"]);
  function ordersSorted(sortKey: string): FakeOrder[] {
    const cached = sortedOrders.get(sortKey);
    if (cached && cached.version === orderVersion) return cached.list;
    const key = orderKey(sortKey);
    const list = [...state.orders.values()].sort((a, b) => {
      const [ka, ia] = key(a);
      const [kb, ib] = key(b);
      return ka < kb ? -1 : ka > kb ? 1 : ia - ib;
    });
    sortedOrders.set(sortKey, { version: orderVersion, list });
    return list;
  }
  const orderKey =
    (sortKey: string) =>
    (o: FakeOrder): [string | number, number] =>
      sortKey === "UPDATED_AT" ? [o.updatedAt, o.id] : sortKey === "ID" ? [o.id, o.id] : [o.createdAt, o.id];

  const ORDER_FIELDS = new Set([
    "created_at",
    "updated_at",
    "processed_at",
    "name",
    "financial_status",
    "fulfillment_status",
    "status",
    "test",
    "id",
    "sku",
  ]);
  const readOrder = (o: FakeOrder, field: string): (string | number | boolean | null)[] => {
    switch (field) {
      case "created_at":
      case "processed_at":
        return [o.createdAt];
      case "updated_at":
        return [o.updatedAt];
      case "name":
        return [o.name, o.name.replace(/^#/, "")];
      case "financial_status":
        return [o.financialStatus.toLowerCase()];
      case "fulfillment_status":
        return [o.fulfillmentStatus.toLowerCase()];
      case "status":
        return ["any", o.cancelledAt ? "cancelled" : o.fulfillmentStatus === "FULFILLED" ? "closed" : "open"];
      case "test":
        return [o.test];
      case "id":
        return [o.id];
      case "sku":
        return o.lineItems.map((l) => l.sku);
      default:
        return [o.name];
    }
  };

  const lineTotal = (o: FakeOrder) => o.lineItems.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const discountTotal = (o: FakeOrder) => o.lineItems.reduce((s, l) => s + l.discount, 0);

  function lineNode(l: FakeLineItem) {
    return {
      id: gid("LineItem", l.id),
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      variant: l.variantId === null ? null : { id: gid("ProductVariant", l.variantId), selectedOptions: l.options.map((o) => ({ ...o })) },
      product: l.productId === null ? null : { id: gid("Product", l.productId), productType: l.productType },
      originalUnitPriceSet: moneyBag(l.unitPrice, state.currency),
      discountAllocations: l.discount > 0 ? [{ allocatedAmountSet: moneyBag(l.discount, state.currency) }] : [],
    };
  }

  function linesPage(o: FakeOrder, first: number, after: unknown) {
    const indexed = o.lineItems.map((l, i) => ({ l, i }));
    const page = paginate(
      indexed,
      (x) => [x.i, x.i],
      first,
      after,
      () => true,
    );
    return { pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, nodes: page.items.map((x) => lineNode(x.l)) };
  }

  function orderNode(o: FakeOrder, linesFirst: number) {
    const subtotal = lineTotal(o) - discountTotal(o);
    return {
      id: gid("Order", o.id),
      name: o.name,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      cancelledAt: o.cancelledAt,
      test: o.test,
      currencyCode: state.currency,
      displayFinancialStatus: o.financialStatus,
      displayFulfillmentStatus: o.fulfillmentStatus,
      customer: o.customerId === null ? null : { id: gid("Customer", o.customerId) },
      discountCodes: [...o.discountCodes],
      subtotalPriceSet: moneyBag(subtotal, state.currency),
      totalDiscountsSet: moneyBag(discountTotal(o), state.currency),
      totalShippingPriceSet: moneyBag(o.shipping, state.currency),
      totalTaxSet: moneyBag(o.tax, state.currency),
      totalPriceSet: moneyBag(subtotal + o.shipping + o.tax, state.currency),
      lineItems: linesPage(o, linesFirst, null),
    };
  }

  function findOrders(variables: Record<string, unknown>, sortKey: string, warnings: string[]): Page<FakeOrder> {
    const first = checkFirst(variables.first, "orders");
    const match = compileSearch(variables.query as string | undefined, readOrder, ORDER_FIELDS, warnings);
    return paginate(ordersSorted(sortKey), orderKey(sortKey), first, variables.after, match);
  }

  function touchOrder(o: FakeOrder) {
    o.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    orderVersion++;
  }

  // --- operations --------------------------------------------------------------------------------

  interface Operation {
    mutation?: boolean;
    requested(v: Record<string, unknown>): number;
    /** Answers the operation: its data, the actual cost, search warnings. */
    run(v: Record<string, unknown>, version: string): { data: Record<string, unknown>; actual: number; warnings?: string[] };
  }
  const num = (v: unknown, fallback = 0) => (typeof v === "number" ? v : fallback);
  const productCost = (vf: number, mf: number) => 1 + (2 + vf * 5) + (2 + mf * 2);
  const orderCost = (lf: number) => 1 + 1 + 10 + (2 + lf * 5);
  /** Order.refunds(first:) is a list of Refund, each with a refundLineItems connection. */
  const refundsCost = (o: FakeOrder, rf: number, rlf: number) =>
    o.refunds.slice(0, rf).reduce((s, r) => s + 4 + Math.min(rlf, r.lines.length) * 4, 0);
  function refundNodes(o: FakeOrder, rf: number, rlf: number, withPageInfo: boolean) {
    return o.refunds.slice(0, rf).map((r) => ({
      id: gid("Refund", r.id),
      createdAt: r.createdAt,
      note: r.note,
      totalRefundedSet: moneyBag(r.total, state.currency),
      refundLineItems: {
        ...(withPageInfo ? { pageInfo: { hasNextPage: r.lines.length > rlf } } : {}),
        nodes: r.lines.slice(0, rlf).map((l) => {
          const line = o.lineItems.find((x) => x.id === l.lineItemId);
          return {
            quantity: l.quantity,
            lineItem: { id: gid("LineItem", l.lineItemId), sku: line?.sku ?? null },
            subtotalSet: moneyBag(l.subtotal, state.currency),
          };
        }),
      },
    }));
  }

  const operations: Record<string, Operation> = {
    ShopInfo: {
      requested: () => 3,
      run: () => ({
        data: {
          shop: { name: state.shopName, currencyCode: state.currency },
          currentAppInstallation: { accessScopes: [...scopes].map((handle) => ({ handle })) },
        },
        actual: 3,
      }),
    },
    ProductKeys: {
      requested: (v) => 2 + num(v.first) * 2,
      run: (v) => {
        requireScope("read_products", "products");
        const first = checkFirst(v.first, "products");
        const warnings: string[] = [];
        const page = paginate(productSorted(v.sortKey), productKey(v.sortKey), first, v.after, productMatcher(v.query, warnings));
        return {
          data: {
            products: {
              pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
              nodes: page.items.map((p) => ({
                id: gid("Product", p.id),
                handle: p.handle,
                updatedAt: p.updatedAt,
                variantsCount: { count: p.variants.length, precision: "EXACT" },
              })),
            },
          },
          actual: 2 + page.items.length * 2,
          warnings,
        };
      },
    },
    ProductsByIds: {
      requested: (v) => (Array.isArray(v.ids) ? v.ids.length : 0) * productCost(num(v.variantsFirst), num(v.mediaFirst)),
      run: (v) => {
        requireScope("read_products", "nodes");
        const ids = Array.isArray(v.ids) ? v.ids : [];
        if (ids.length > MAX_PAGE) throw fail(`The ids argument accepts at most ${MAX_PAGE} ids (got ${ids.length}).`, "BAD_REQUEST");
        const vf = checkFirst(v.variantsFirst, "variants");
        const mf = checkFirst(v.mediaFirst, "media");
        let actual = 0;
        const nodes = ids.map((id) => {
          const p = state.products.get(idOf(id, "Product") ?? -1);
          if (!p) return null;
          actual += productCost(Math.min(vf, p.variants.length), Math.min(mf, p.media.length));
          return productNode(p, vf, mf);
        });
        return { data: { nodes }, actual: Math.max(1, actual) };
      },
    },
    ProductVariantsPage: {
      requested: (v) => 3 + num(v.first) * 5,
      run: (v) => {
        requireScope("read_products", "product");
        const first = checkFirst(v.first, "variants");
        const p = state.products.get(idOf(v.id, "Product") ?? -1);
        const page = p ? variantsPage(p, first, v.after) : null;
        return { data: { product: page ? { variants: page } : null }, actual: 3 + (page?.nodes.length ?? 0) * 5 };
      },
    },
    PrimaryLocation: {
      requested: () => 1,
      run: () => {
        requireScope("read_locations", "location");
        return { data: { location: { id: gid("Location", state.locationId), name: "Main warehouse" } }, actual: 1 };
      },
    },
    ProductSet: {
      mutation: true,
      requested: () => 10,
      run: (v, version) => {
        requireScope("write_products", "productSet");
        const input = (v.input ?? {}) as Record<string, unknown>;
        const identifier = v.identifier as { handle?: string; id?: string } | undefined | null;
        if (identifier && version < "2025-04") {
          throw new GraphqlFailure([
            {
              message: "Field 'productSet' doesn't accept argument 'identifier'",
              extensions: { code: "argumentNotAccepted", name: "productSet", typeName: "Field", argumentName: "identifier" },
            },
          ]);
        }
        if (typeof v.synchronous !== "boolean")
          throw fail("Variable $synchronous of type Boolean! was provided invalid value", "INVALID_VARIABLE");
        if (input.status !== undefined && !["ACTIVE", "DRAFT", "ARCHIVED"].includes(input.status as string)) {
          throw fail(
            `Variable $input of type ProductSetInput! was provided invalid value for status (Expected "${String(input.status)}" to be one of: ACTIVE, ARCHIVED, DRAFT)`,
            "INVALID_VARIABLE",
          );
        }
        const variants = input.variants as Record<string, unknown>[] | undefined;
        if (variants?.some((x) => Array.isArray(x.inventoryQuantities) && x.inventoryQuantities.length > 0))
          requireScope("write_inventory", "inventoryQuantities");
        let existing: FakeProduct | undefined;
        if (identifier?.id !== undefined) {
          existing = state.products.get(idOf(identifier.id, "Product") ?? -1);
          if (!existing) {
            return {
              data: {
                productSet: {
                  product: null,
                  productSetOperation: null,
                  userErrors: [{ field: ["identifier", "id"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }],
                },
              },
              actual: 10,
            };
          }
        } else if (identifier?.handle !== undefined) {
          const id = byHandle.get(identifier.handle);
          existing = id === undefined ? undefined : state.products.get(id);
        } else if (typeof input.id === "string") {
          existing = state.products.get(idOf(input.id, "Product") ?? -1);
        }
        const handle =
          (typeof input.handle === "string" && input.handle) ||
          existing?.handle ||
          identifier?.handle ||
          slug(String(input.title ?? "product"));
        const errors = validateProductSet(input, existing);
        const owner = byHandle.get(handle);
        if (owner !== undefined && owner !== existing?.id)
          errors.push({
            field: ["input", "handle"],
            message: `Handle '${handle}' already in use. Please provide a new handle.`,
            code: "HANDLE_NOT_UNIQUE",
          });
        if (errors.length > 0)
          return { data: { productSet: { product: null, productSetOperation: null, userErrors: errors } }, actual: 10 };
        const product = applyProductSet(input, existing, handle);
        stats.writes++;
        const node = v.synchronous ? { id: gid("Product", product.id) } : null;
        const operation = v.synchronous ? null : { id: `gid://shopify/ProductSetOperation/${newId()}`, status: "COMPLETE", userErrors: [] };
        return { data: { productSet: { product: node, productSetOperation: operation, userErrors: [] } }, actual: 10 };
      },
    },
    ProductDelete: {
      mutation: true,
      requested: () => 10,
      run: (v) => {
        requireScope("write_products", "productDelete");
        const input = (v.input ?? {}) as { id?: string };
        const p = state.products.get(idOf(input.id, "Product") ?? -1);
        if (!p)
          return {
            data: { productDelete: { deletedProductId: null, userErrors: [{ field: ["id"], message: "Product does not exist" }] } },
            actual: 10,
          };
        state.products.delete(p.id);
        byHandle.delete(p.handle);
        stats.writes++;
        return { data: { productDelete: { deletedProductId: gid("Product", p.id), userErrors: [] } }, actual: 10 };
      },
    },
    Orders: {
      requested: (v) =>
        2 + num(v.first) * (orderCost(num(v.linesFirst)) + num(v.refundsFirst) * (4 + num(v.refundLinesFirst) * 4)),
      run: (v) => {
        requireScope("read_orders", "orders");
        if (typeof v.sortKey !== "string" || !ORDER_SORT_KEYS.has(v.sortKey)) {
          throw fail(`Variable $sortKey of type OrderSortKeys! was provided invalid value`, "INVALID_VARIABLE");
        }
        const lf = checkFirst(v.linesFirst, "lineItems");
        // Documents that ask for refunds declare both page sizes (Int!); older ones ask for none.
        const withRefunds = v.refundsFirst !== undefined;
        const rf = withRefunds ? checkFirst(v.refundsFirst, "refunds") : 0;
        const rlf = withRefunds ? checkFirst(v.refundLinesFirst, "refundLineItems") : 0;
        const warnings: string[] = [];
        const page = findOrders(v, v.sortKey, warnings);
        const actual =
          2 + page.items.reduce((s, o) => s + orderCost(Math.min(lf, o.lineItems.length)) + refundsCost(o, rf, rlf), 0);
        return {
          data: {
            orders: {
              pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
              nodes: page.items.map((o) => ({ ...orderNode(o, lf), ...(withRefunds ? { refunds: refundNodes(o, rf, rlf, true) } : {}) })),
            },
          },
          actual,
          warnings,
        };
      },
    },
    OrderLinesPage: {
      requested: (v) => 3 + num(v.first) * 5,
      run: (v) => {
        requireScope("read_orders", "order");
        const first = checkFirst(v.first, "lineItems");
        const o = state.orders.get(idOf(v.id, "Order") ?? -1);
        const page = o ? linesPage(o, first, v.after) : null;
        return { data: { order: page ? { lineItems: page } : null }, actual: 3 + (page?.nodes.length ?? 0) * 5 };
      },
    },
    OrderRefunds: {
      requested: (v) => 2 + num(v.first) * (1 + num(v.refundsFirst) * (4 + num(v.refundLinesFirst) * 4)),
      run: (v) => {
        requireScope("read_orders", "orders");
        const rf = num(v.refundsFirst);
        const rlf = checkFirst(v.refundLinesFirst, "refundLineItems");
        const warnings: string[] = [];
        const page = findOrders(v, "UPDATED_AT", warnings);
        let actual = 2;
        const nodes = page.items.map((o) => {
          actual += 1 + refundsCost(o, rf, rlf);
          return { id: gid("Order", o.id), name: o.name, currencyCode: state.currency, refunds: refundNodes(o, rf, rlf, false) };
        });
        return { data: { orders: { pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, nodes } }, actual, warnings };
      },
    },
    OrderByName: {
      requested: () => 3,
      run: (v) => {
        requireScope("read_orders", "orders");
        const page = findOrders({ ...v, first: 1 }, "ID", []);
        return { data: { orders: { nodes: page.items.map((o) => ({ id: gid("Order", o.id), name: o.name })) } }, actual: 3 };
      },
    },
    OrderFulfillment: {
      requested: (v) => 1 + num(v.fulfillmentsFirst) * 2 + 2 + num(v.ordersFirst) * (3 + num(v.linesFirst) * 2),
      run: (v) => {
        requireScope("read_orders", "order");
        requireScope("read_merchant_managed_fulfillment_orders", "fulfillmentOrders");
        const o = state.orders.get(idOf(v.id, "Order") ?? -1);
        if (!o) return { data: { order: null }, actual: 1 };
        const ff = num(v.fulfillmentsFirst);
        const of = checkFirst(v.ordersFirst, "fulfillmentOrders");
        const lf = checkFirst(v.linesFirst, "lineItems");
        return {
          data: {
            order: {
              id: gid("Order", o.id),
              name: o.name,
              fulfillments: o.fulfillments.slice(0, ff).map((f) => ({
                id: gid("Fulfillment", f.id),
                status: f.status,
                trackingInfo: f.number ? [{ company: f.company, number: f.number }] : [],
              })),
              fulfillmentOrders: {
                nodes: o.fulfillmentOrders.slice(0, of).map((fo) => ({
                  id: gid("FulfillmentOrder", fo.id),
                  status: fo.status,
                  lineItems: {
                    nodes: fo.lines.slice(0, lf).map((l) => ({
                      id: gid("FulfillmentOrderLineItem", l.id),
                      remainingQuantity: l.remainingQuantity,
                      lineItem: { id: gid("LineItem", l.lineItemId), sku: o.lineItems.find((x) => x.id === l.lineItemId)?.sku ?? null },
                    })),
                  },
                })),
              },
            },
          },
          actual: 5 + o.fulfillments.length * 2 + o.fulfillmentOrders.length * 5,
        };
      },
    },
    OrderFulfillmentEvents: {
      requested: (v) => 1 + num(v.fulfillmentsFirst) * (4 + num(v.eventsFirst)),
      run: (v) => {
        requireScope("read_orders", "order");
        const o = state.orders.get(idOf(v.id, "Order") ?? -1);
        if (!o) return { data: { order: null }, actual: 1 };
        const ff = num(v.fulfillmentsFirst);
        const ef = checkFirst(v.eventsFirst, "events");
        const fulfillments = o.fulfillments.slice(0, ff);
        return {
          data: {
            order: {
              id: gid("Order", o.id),
              name: o.name,
              fulfillments: fulfillments.map((f) => ({
                id: gid("Fulfillment", f.id),
                status: f.status,
                displayStatus: displayStatusOf(f),
                trackingInfo: f.number ? [{ company: f.company, number: f.number }] : [],
                events: {
                  nodes: newestEvents(f)
                    .slice(0, ef)
                    .map((e) => ({ id: gid("FulfillmentEvent", e.id), status: e.status, happenedAt: e.happenedAt })),
                },
              })),
            },
          },
          actual: 1 + fulfillments.reduce((sum, f) => sum + 4 + Math.min(ef, f.events?.length ?? 0), 0),
        };
      },
    },
    FulfillmentEventCreate: {
      mutation: true,
      requested: () => 10,
      run: (v, version) => {
        requireScope("write_fulfillments", "fulfillmentEventCreate");
        const input = (v.fulfillmentEvent ?? {}) as Record<string, unknown>;
        const statuses = eventStatusesOf(version);
        if (typeof input.status !== "string" || !statuses.includes(input.status)) {
          throw fail(
            `Variable $fulfillmentEvent of type FulfillmentEventInput! was provided invalid value for status (Expected "${String(input.status)}" to be one of: ${statuses.join(", ")})`,
            "INVALID_VARIABLE",
          );
        }
        const happened = input.happenedAt === undefined || input.happenedAt === null ? Date.now() : Date.parse(String(input.happenedAt));
        if (!Number.isFinite(happened)) {
          throw fail(
            `Variable $fulfillmentEvent of type FulfillmentEventInput! was provided invalid value for happenedAt (invalid DateTime)`,
            "INVALID_VARIABLE",
          );
        }
        const wanted = idOf(input.fulfillmentId, "Fulfillment");
        let found: { order: FakeOrder; fulfillment: FakeFulfillment } | undefined;
        for (const order of state.orders.values()) {
          const fulfillment = order.fulfillments.find((f) => f.id === wanted);
          if (fulfillment) {
            found = { order, fulfillment };
            break;
          }
        }
        if (!found) {
          return {
            data: {
              fulfillmentEventCreate: {
                fulfillmentEvent: null,
                userErrors: [{ field: ["fulfillmentEvent", "fulfillmentId"], message: "Fulfillment does not exist." }],
              },
            },
            actual: 10,
          };
        }
        const event: FakeFulfillmentEvent = {
          id: newId(),
          status: input.status,
          happenedAt: wholeSeconds(happened),
          createdAt: wholeSeconds(Date.now()),
          city: typeof input.city === "string" ? input.city : null,
          message: typeof input.message === "string" ? input.message : null,
        };
        found.fulfillment.events = [...(found.fulfillment.events ?? []), event];
        touchOrder(found.order);
        stats.writes++;
        return {
          data: {
            fulfillmentEventCreate: {
              fulfillmentEvent: { id: gid("FulfillmentEvent", event.id), status: event.status, happenedAt: event.happenedAt },
              userErrors: [],
            },
          },
          actual: 10,
        };
      },
    },
    FulfillmentCreate: {
      mutation: true,
      requested: () => 10,
      run: (v) => {
        requireScope("write_merchant_managed_fulfillment_orders", "fulfillmentCreate");
        const input = (v.fulfillment ?? {}) as {
          lineItemsByFulfillmentOrder?: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] }[];
          trackingInfo?: { company?: string; number?: string };
        };
        const groups = input.lineItemsByFulfillmentOrder ?? [];
        const invalid = (message: string) => ({
          data: { fulfillmentCreate: { fulfillment: null, userErrors: [{ field: ["fulfillment"], message }] } },
          actual: 10,
        });
        if (groups.length === 0) return invalid("Line items by fulfillment order can't be blank");
        let order: FakeOrder | undefined;
        const moves: { line: FakeFulfillmentOrder["lines"][number]; quantity: number }[] = [];
        for (const g of groups) {
          const foId = idOf(g.fulfillmentOrderId, "FulfillmentOrder");
          for (const o of state.orders.values()) {
            const fo = o.fulfillmentOrders.find((x) => x.id === foId);
            if (!fo) continue;
            if (order && order !== o) return invalid("All fulfillment orders must belong to the same order");
            order = o;
            if (fo.status !== "OPEN" && fo.status !== "IN_PROGRESS")
              return invalid("Invalid fulfillment order line item quantity requested.");
            const wanted =
              g.fulfillmentOrderLineItems ??
              fo.lines.map((l) => ({ id: gid("FulfillmentOrderLineItem", l.id), quantity: l.remainingQuantity }));
            for (const w of wanted) {
              const line = fo.lines.find((l) => l.id === idOf(w.id, "FulfillmentOrderLineItem"));
              if (!line || w.quantity <= 0 || w.quantity > line.remainingQuantity)
                return invalid("Invalid fulfillment order line item quantity requested.");
              moves.push({ line, quantity: w.quantity });
            }
          }
          if (!order) return invalid("Fulfillment order does not exist.");
        }
        if (!order) return invalid("Fulfillment order does not exist.");
        for (const m of moves) m.line.remainingQuantity -= m.quantity;
        for (const fo of order.fulfillmentOrders) {
          const left = fo.lines.reduce((s, l) => s + l.remainingQuantity, 0);
          if (left === 0) fo.status = "CLOSED";
          else if (left < fo.lines.length) fo.status = "IN_PROGRESS";
        }
        const open = order.fulfillmentOrders.some((fo) => fo.status !== "CLOSED");
        order.fulfillmentStatus = open ? "PARTIALLY_FULFILLED" : "FULFILLED";
        const fulfillment: FakeFulfillment = {
          id: newId(),
          status: "SUCCESS",
          company: input.trackingInfo?.company ?? null,
          number: input.trackingInfo?.number ?? null,
          createdAt: new Date().toISOString(),
        };
        order.fulfillments.push(fulfillment);
        touchOrder(order);
        stats.writes++;
        return {
          data: {
            fulfillmentCreate: {
              fulfillment: {
                id: gid("Fulfillment", fulfillment.id),
                status: fulfillment.status,
                trackingInfo: [{ company: fulfillment.company, number: fulfillment.number }],
              },
              userErrors: [],
            },
          },
          actual: 10,
        };
      },
    },
  };

  /** Events newest first, as `events(sortKey: HAPPENED_AT, reverse: true)` lists them. */
  function newestEvents(f: FakeFulfillment): FakeFulfillmentEvent[] {
    return [...(f.events ?? [])].sort((a, b) => Date.parse(b.happenedAt) - Date.parse(a.happenedAt) || b.id - a.id);
  }
  /** Fulfillment.displayStatus: the newest event's status, else what the fulfillment itself is. */
  function displayStatusOf(f: FakeFulfillment): string {
    if (f.status === "CANCELLED") return "CANCELED";
    return newestEvents(f)[0]?.status ?? "FULFILLED";
  }

  function servedVersion(requested: string): string | undefined {
    if (requested === "unstable") return requested;
    if (!/^\d{4}-\d{2}$/.test(requested)) return undefined;
    const oldest = SUPPORTED_VERSIONS[0] as string;
    if (requested < oldest) return oldest;
    return [...SUPPORTED_VERSIONS].reverse().find((v) => v <= requested) ?? oldest;
  }

  function graphql(req: FakeRequest): FakeReply {
    const requestedVersion = decodeURIComponent(req.path.split("/")[3] ?? "");
    const version = servedVersion(requestedVersion);
    if (!version) return { status: 404, json: { errors: "Not Found" } };
    const headers = { "x-shopify-api-version": version };
    if (req.headers["x-shopify-access-token"] !== token) return { status: 401, headers, json: { errors: INVALID_TOKEN } };
    const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (!body || typeof body !== "object" || typeof body.query !== "string") {
      return { status: 400, headers, json: { errors: { query: "Required parameter missing or invalid" } } };
    }
    const name = (typeof body.operationName === "string" && body.operationName) || /\b(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1];
    const operation = name ? operations[name] : undefined;
    if (!name || !operation) {
      return {
        headers,
        json: { errors: [{ message: `Unknown operation ${name ?? "(anonymous)"}`, extensions: { code: "undefinedField" } }] },
      };
    }
    const variables = (body.variables && typeof body.variables === "object" ? body.variables : {}) as Record<string, unknown>;
    const requested = operation.requested(variables);
    refill();
    if (requested > MAX_COST) {
      return {
        headers,
        json: {
          errors: [
            {
              message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.`,
              extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_COST },
            },
          ],
        },
      };
    }
    bucket.costed++;
    if (bucket.drainEvery > 0 && bucket.costed % bucket.drainEvery === 0) bucket.available = 0;
    if (requested > bucket.available) {
      stats.throttled++;
      return {
        status: bucket.throttleStatus,
        headers,
        json: {
          errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
          extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
        },
      };
    }
    bucket.available -= requested;
    stats.operations[name] = (stats.operations[name] ?? 0) + 1;
    let reply: Record<string, unknown>;
    let actual = 1;
    try {
      const result = operation.run(variables, version);
      actual = Math.min(requested, result.actual);
      reply = { data: result.data };
      if (result.warnings && result.warnings.length > 0) {
        reply.extensions = {
          search: [
            {
              path: [name],
              query: variables.query,
              warnings: result.warnings.map((field) => ({ field, message: "Invalid search field for this query." })),
            },
          ],
        };
      }
    } catch (error) {
      if (!(error instanceof GraphqlFailure)) throw error;
      reply = { errors: error.errors, data: null };
    }
    bucket.available += requested - actual;
    reply.extensions = {
      ...(reply.extensions as Record<string, unknown> | undefined),
      cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() },
    };
    if (malformed > 0) {
      malformed--;
      return { headers: { ...headers, "content-type": "application/json; charset=utf-8" }, text: JSON.stringify(reply).slice(0, 25) };
    }
    return { headers, json: reply };
  }

  // --- the public storefront ---------------------------------------------------------------------

  function storefront(req: FakeRequest): FakeReply {
    const limit = Math.min(MAX_PAGE, Math.max(1, Number(req.query.get("limit") ?? 30) || 30));
    const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
    const published = [...state.products.values()].filter((p) => p.status === "ACTIVE").sort((a, b) => a.id - b.id);
    const slice = published.slice((page - 1) * limit, page * limit);
    return {
      json: {
        products: slice.map((p) => ({
          id: p.id,
          title: p.title,
          handle: p.handle,
          body_html: p.descriptionHtml,
          published_at: p.createdAt,
          created_at: p.createdAt,
          updated_at: p.updatedAt,
          vendor: p.vendor,
          product_type: p.productType,
          tags: [...p.tags],
          variants: p.variants.map((v, i) => ({
            id: v.id,
            title: v.options.map((o) => o.value).join(" / "),
            option1: v.options[0]?.value ?? null,
            option2: v.options[1]?.value ?? null,
            option3: v.options[2]?.value ?? null,
            sku: v.sku,
            requires_shipping: true,
            taxable: true,
            featured_image: null,
            available: !v.tracked || v.inventoryQuantity > 0,
            price: v.price,
            grams: v.weight?.unit === "GRAMS" ? Math.round(v.weight.value) : 0,
            compare_at_price: v.compareAtPrice,
            position: i + 1,
            product_id: p.id,
            created_at: p.createdAt,
            updated_at: p.updatedAt,
          })),
          images: p.media.map((m, i) => ({
            id: p.id * 10 + i,
            position: i + 1,
            product_id: p.id,
            variant_ids: [],
            src: m.url,
            width: 800,
            height: 800,
          })),
          options: p.options.map((o, i) => ({ name: o.name, position: i + 1, values: [...o.values] })),
        })),
      },
    };
  }

  // --- seeding -----------------------------------------------------------------------------------

  function seedProducts(count: number, o: { variants?: number; seed?: number } = {}): FakeProduct[] {
    const random = seededRandom(o.seed ?? 7);
    const sizes = ["S", "M", "L", "XL"];
    const colours = ["Black", "White", "Navy"];
    const out: FakeProduct[] = [];
    const start = state.products.size;
    for (let n = 0; n < count; n++) {
      const index = start + n + 1;
      const variants = Math.max(1, o.variants ?? 3);
      const cents = 500 + Math.floor(random() * 20000);
      const product = applyProductSet(
        {
          title: `Seeded tee ${index}`,
          descriptionHtml: `<p>Tee number ${index}</p>`,
          vendor: index % 2 === 0 ? "Acme" : "Globex",
          productType: "Apparel > Tops",
          tags: ["seed", `batch-${index % 5}`],
          status: index % 10 === 0 ? "DRAFT" : "ACTIVE",
          productOptions: [{ name: "Size", values: sizes.slice(0, variants).map((s) => ({ name: s })) }],
          variants: Array.from({ length: variants }, (_, i) => ({
            sku: `SEED-${index}-${i + 1}`,
            price: decimalAmount(cents + i * 100),
            compareAtPrice: i === 0 ? decimalAmount(cents + 1000) : null,
            optionValues: [{ optionName: "Size", name: sizes[i % sizes.length] ?? `S${i}` }],
            inventoryItem: {
              tracked: true,
              cost: decimalAmount(Math.floor(cents / 2)),
              measurement: { weight: { unit: "GRAMS", value: 200 + i * 10 } },
            },
            inventoryQuantities: [
              { locationId: gid("Location", state.locationId), name: "available", quantity: Math.floor(random() * 20) },
            ],
            barcode: colours[i % colours.length] === "Navy" ? null : `0${String(index).padStart(7, "0")}${i}`,
          })),
        },
        undefined,
        `seeded-tee-${index}`,
      );
      out.push(product);
    }
    stats.created -= count;
    return out;
  }

  function seedOrders(count: number, o: { start?: Date; days?: number; seed?: number } = {}): FakeOrder[] {
    const random = seededRandom(o.seed ?? 11);
    const start = (o.start ?? new Date("2026-10-01T00:00:00Z")).getTime();
    const spanMs = (o.days ?? 30) * 86_400_000;
    const out: FakeOrder[] = [];
    let lineId = 90_000_000 + state.orders.size * 10;
    let foLineId = 95_000_000 + state.orders.size * 10;
    const iso = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");
    for (let n = 0; n < count; n++) {
      const number = 1001 + state.orders.size;
      const created = start + Math.floor(random() * spanMs);
      // Updates cluster on whole minutes, so many orders share an updated_at: cursors must break ties.
      const updated = Math.floor((created + random() * 3 * 86_400_000) / 60_000) * 60_000;
      const lineCount = 1 + Math.floor(random() * 4);
      const lineItems: FakeLineItem[] = [];
      for (let i = 0; i < lineCount; i++) {
        const skuNo = 1 + Math.floor(random() * 40);
        const unitPrice = 500 + Math.floor(random() * 12000);
        const quantity = 1 + Math.floor(random() * 3);
        lineItems.push({
          id: ++lineId,
          sku: `SKU-${String(skuNo).padStart(3, "0")}`,
          name: `Item ${skuNo}`,
          quantity,
          unitPrice,
          discount: random() < 0.2 ? Math.floor(unitPrice * quantity * 0.1) : 0,
          productId: 1000 + skuNo,
          productType: skuNo % 2 === 0 ? "Apparel > Tops" : "Apparel > Bottoms",
          variantId: 5000 + skuNo,
          options: [
            { name: "Color", value: skuNo % 3 === 0 ? "Black" : "White" },
            { name: "Size", value: ["S", "M", "L"][skuNo % 3] ?? "M" },
          ],
        });
      }
      const roll = random();
      const financialStatus: FakeOrder["financialStatus"] =
        roll < 0.05 ? "PENDING" : roll < 0.08 ? "REFUNDED" : roll < 0.13 ? "PARTIALLY_REFUNDED" : "PAID";
      const fulfilled = financialStatus !== "PENDING" && random() < 0.5;
      const subtotal = lineItems.reduce((s, l) => s + l.unitPrice * l.quantity - l.discount, 0);
      const order: FakeOrder = {
        id: 5_000_000_000_000 + state.orders.size + 1,
        name: `#${number}`,
        createdAt: iso(created),
        updatedAt: iso(Math.max(updated, created)),
        cancelledAt: random() < 0.03 ? iso(created + 3_600_000) : null,
        test: random() < 0.02,
        financialStatus,
        fulfillmentStatus: fulfilled ? "FULFILLED" : "UNFULFILLED",
        customerId: random() < 0.9 ? 7_000_000 + Math.floor(random() * 3000) : null,
        discountCodes: lineItems.some((l) => l.discount > 0) ? ["SAVE10"] : [],
        lineItems,
        shipping: random() < 0.5 ? 599 : 0,
        tax: Math.round(subtotal * 0.08),
        refunds: [],
        fulfillmentOrders: [
          {
            id: 6_000_000_000 + state.orders.size + 1,
            status: fulfilled ? "CLOSED" : "OPEN",
            lines: lineItems.map((l) => ({ id: ++foLineId, lineItemId: l.id, remainingQuantity: fulfilled ? 0 : l.quantity })),
          },
        ],
        fulfillments: [],
      };
      if (financialStatus === "REFUNDED" || financialStatus === "PARTIALLY_REFUNDED") {
        const lines = (financialStatus === "REFUNDED" ? lineItems : lineItems.slice(0, 1)).map((l) => ({
          lineItemId: l.id,
          quantity: l.quantity,
          subtotal: l.unitPrice * l.quantity - l.discount,
        }));
        order.refunds.push({
          id: 8_000_000 + state.orders.size,
          createdAt: iso(Math.max(updated, created)),
          note: random() < 0.5 ? "Size too small" : null,
          lines,
          total: lines.reduce((s, l) => s + l.subtotal, 0),
        });
      }
      state.orders.set(order.id, order);
      out.push(order);
    }
    orderVersion++;
    return out;
  }

  const server = await startFakeServer({
    ...(opts.faults ? { faults: opts.faults } : {}),
    route(method, path) {
      if (method === "POST" && /^\/admin\/api\/[^/]+\/graphql\.json$/.test(path)) return graphql;
      if (method === "GET" && path === "/products.json") return storefront;
      if (path.startsWith("/admin/")) return () => ({ status: 404, json: { errors: "Not Found" } });
      return undefined;
    },
    faultBodies: {
      error5xx: () => ({ json: { errors: "Internal Server Error" } }),
      rateLimit429: () => ({
        json: { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." },
      }),
    },
  });

  return Object.assign(server, {
    token,
    state,
    stats,
    setScopes(next: string[]) {
      scopes = new Set(next);
    },
    setBucket,
    malformNext(n: number) {
      malformed = n;
    },
    seedProducts,
    seedOrders,
  });
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "product"
  );
}
