/**
 * The Shopify adapter against the fake Shopify server (test/fakes/shopify.ts): the shared platform
 * contract, a 2,000-product import through injected faults that must leave the shop exactly as the
 * input, idempotent re-runs, 20,000 orders across pages, cost-bucket pacing, fulfillments by
 * tracking number, refunds, the public storefront, and every failure mode a user can meet (bad
 * token, missing scope, malformed JSON, unreachable host) without a secret ever showing.
 */

import { afterAll, describe, expect, it } from "vitest";
import type { AdapterContext, PlatformDefinition } from "../../src/adapters/platform.js";
import shopifyPlatform, {
  createShopifyAdapter,
  type ShopifyAdapter,
  type ShopifyConfig,
} from "../../src/adapters/platforms/shopify/index.js";
import { toDecimal, toMinor } from "../../src/adapters/platforms/shopify/money.js";
import { canonicalOptionName, shopifyOptionName } from "../../src/adapters/platforms/shopify/products.js";
import { RemoteError, UsageError } from "../../src/core/errors.js";
import { english } from "../../src/core/i18n/index.js";
import type { Product } from "../../src/core/model.js";
import { AdapterError } from "../../src/http/index.js";
import { platformContract } from "../contract/platform-contract.js";
import { DEFAULT_TOKEN, type FakeShopify, startFakeShopify } from "../fakes/shopify.js";

const fakes: FakeShopify[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

async function fake(opts: Parameters<typeof startFakeShopify>[0] = {}): Promise<FakeShopify> {
  const f = await startFakeShopify({ bucket: { size: 1_000_000, restoreRate: 1_000_000 }, ...opts });
  fakes.push(f);
  return f;
}

interface Captured {
  lines: string[];
}

function context(over: Partial<AdapterContext> = {}): AdapterContext & Captured {
  const lines: string[] = [];
  return {
    storeName: "test",
    baseDir: process.cwd(),
    timezone: "UTC",
    currency: "USD",
    now: () => new Date("2026-11-25T12:00:00Z"),
    log: { info: (m) => lines.push(english(m)), warn: (m) => lines.push(english(m)), debug: (m) => lines.push(english(m)) },
    state: async () => {
      throw new Error("the shopify adapter should not need the state store");
    },
    readOptions: {},
    ...over,
    lines,
  };
}

const FAST_HTTP = { timeoutMs: 600, retries: 12, backoffBaseMs: 5, backoffCapMs: 40 };

function adapter(f: FakeShopify, over: Partial<ShopifyConfig> = {}, ctx = context()): ShopifyAdapter {
  const config = (shopifyPlatform.configSchema as unknown as { parse(v: unknown): ShopifyConfig }).parse({
    platform: "shopify",
    shop: f.url,
    token: f.token,
    http: FAST_HTTP,
    ...over,
  });
  return createShopifyAdapter(config, ctx);
}

async function collect<T>(it: AsyncIterable<T> | undefined): Promise<T[]> {
  if (!it) throw new Error("not implemented");
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
}

/** n products of 3 variants (colour x size), deterministic, every field filled in some of them. */
function catalog(n: number, prefix = "tee"): Product[] {
  const sizes = ["S", "M", "L"];
  return Array.from({ length: n }, (_, i) => {
    const base = 990 + ((i * 37) % 9000);
    const product: Product = {
      id: "",
      handle: `${prefix}-${i + 1}`,
      title: `Tee ${i + 1}${i % 7 === 0 ? " — édition 特别" : ""}`,
      status: i % 11 === 0 ? "draft" : "active",
      options: ["colour", "size"],
      variants: sizes.map((size, j) => ({
        sku: `${prefix.toUpperCase()}-${i + 1}-${size}`,
        options: { colour: i % 2 === 0 ? "Black" : "White", size },
        price: base + j * 100,
        compareAtPrice: j === 0 && i % 3 === 0 ? base + 500 : null,
        cost: i % 4 === 0 ? null : Math.floor(base / 2),
        currency: "USD",
        ...(i % 5 === 0 ? {} : { barcode: `40000${i}${j}` }),
        weightGrams: i % 6 === 0 ? null : 150 + j * 10,
        inventory: (i + j) % 13,
      })),
    };
    if (i % 2 === 0) product.description = `<p>Soft cotton tee ${i + 1}</p>`;
    if (i % 3 !== 0) product.vendor = i % 2 === 0 ? "Acme" : "Globex";
    if (i % 4 !== 1) product.category = "Apparel > Tops";
    if (i % 5 !== 2) product.tags = ["cotton", `drop-${i % 4}`];
    if (i % 8 === 0) product.images = [`https://img.example/${prefix}-${i + 1}.jpg`];
    return product;
  });
}

/** Cents -> "12.30": written here from scratch, not with the adapter's helper. */
const dollars = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/** What the fake must hold for an input product, in the fake's own (Shopify's) terms. */
function expectedInShop(p: Product) {
  const names: Record<string, string> = { colour: "Color", size: "Size" };
  return {
    handle: p.handle,
    title: p.title,
    descriptionHtml: p.description ?? "",
    vendor: p.vendor ?? "",
    productType: p.category ?? "",
    tags: p.tags ?? [],
    status: p.status.toUpperCase(),
    options: (p.options ?? []).map((axis) => ({ name: names[axis], values: [...new Set(p.variants.map((v) => v.options[axis]))] })),
    media: p.images ?? [],
    variants: p.variants.map((v) => ({
      sku: v.sku,
      barcode: v.barcode ?? null,
      price: dollars(v.price),
      compareAtPrice: v.compareAtPrice == null ? null : dollars(v.compareAtPrice),
      options: (p.options ?? []).map((axis) => ({ name: names[axis], value: v.options[axis] })),
      inventoryQuantity: v.inventory,
      cost: v.cost == null ? null : dollars(v.cost),
      weight: v.weightGrams == null ? null : { unit: "GRAMS", value: v.weightGrams },
    })),
  };
}

function shopHolds(f: FakeShopify) {
  return [...f.state.products.values()]
    .map((p) => ({
      handle: p.handle,
      title: p.title,
      descriptionHtml: p.descriptionHtml,
      vendor: p.vendor,
      productType: p.productType,
      tags: p.tags,
      status: p.status,
      options: p.options,
      media: p.media.map((m) => m.originalSource),
      variants: p.variants.map((v) => ({
        sku: v.sku,
        barcode: v.barcode,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        options: v.options,
        inventoryQuantity: v.inventoryQuantity,
        cost: v.cost,
        weight: v.weight,
      })),
    }))
    .sort((a, b) => a.handle.localeCompare(b.handle));
}

// --- the shared contract ---------------------------------------------------------------------

platformContract(
  "shopify (fake server)",
  async () => shopifyPlatform as PlatformDefinition,
  async () => {
    const f = await startFakeShopify({ bucket: { size: 1_000_000, restoreRate: 1_000_000 } });
    f.seedOrders(120, { start: new Date("2026-10-01T00:00:00Z"), days: 30 });
    f.seedProducts(5);
    return {
      adapter: adapter(f),
      orderRange: { since: new Date("2026-10-10T00:00:00Z"), until: new Date("2026-10-20T00:00:00Z") },
      cleanup: () => f.close(),
    };
  },
);

// --- small pieces ----------------------------------------------------------------------------

describe("shopify money and option names", () => {
  it("converts decimal strings to minor units digit by digit, and back", () => {
    expect(toMinor("19.99", "USD")).toBe(1999);
    expect(toMinor("19.9", "USD")).toBe(1990);
    expect(toMinor("19.0", "USD")).toBe(1900);
    expect(toMinor("0.1", "USD")).toBe(10);
    expect(toMinor("1000", "JPY")).toBe(1000);
    expect(toMinor("1.005", "USD")).toBe(101);
    expect(toMinor("-2.50", "USD")).toBe(-250);
    expect(toMinor("12,50", "USD")).toBeNull();
    expect(toMinor(null, "USD")).toBeNull();
    // 0.1 + 0.2 style float drift cannot happen: 1.15 is 115 exactly.
    expect(toMinor("1.15", "USD")).toBe(115);
    expect(toDecimal(1999, "USD")).toBe("19.99");
    expect(toDecimal(5, "USD")).toBe("0.05");
    expect(toDecimal(-5, "USD")).toBe("-0.05");
    expect(toDecimal(1000, "JPY")).toBe("1000");
    expect(toDecimal(1234, "KWD")).toBe("1.234");
  });

  it("maps canonical option axes to Shopify names and back", () => {
    expect(shopifyOptionName("colour")).toBe("Color");
    expect(shopifyOptionName("size")).toBe("Size");
    expect(shopifyOptionName("material")).toBe("Material");
    for (const name of ["Color", "Colour", "颜色", "color"]) expect(canonicalOptionName(name)).toBe("colour");
    for (const name of ["Size", "尺码"]) expect(canonicalOptionName(name)).toBe("size");
    expect(canonicalOptionName("Material")).toBe("material");
    expect(canonicalOptionName(shopifyOptionName("shoe_width"))).toBe("shoe_width");
  });
});

// --- catalog ---------------------------------------------------------------------------------

describe("shopify catalog", () => {
  // Volume kept (2,000 products meet every kind of fault many times); nothing is timed, so the
  // timeout is a hang guard sized for a loaded 2-core machine. Slow answers (800 ms) always outlast
  // the client's 600 ms timeout, whatever the load.
  it("imports 2,000 products x 3 variants through faults: the shop ends exactly as the input, and a re-run writes nothing", {
    timeout: 600_000,
  }, async () => {
    const f = await fake({
      faults: { error5xx: 0.1, rateLimit429: 0.05, drop: 0.02, slow: 0.01, slowMs: 800, retryAfterSeconds: 0, seed: 42 },
    });
    const a = adapter(f, { concurrency: 8 });
    const input = catalog(2000);
    const results = [];
    for (let i = 0; i < input.length; i += 100) results.push(...((await a.upsertProducts?.(input.slice(i, i + 100))) ?? []));
    expect(results.map((r) => r.key)).toEqual(input.map((p) => p.handle));
    expect(results.filter((r) => r.status === "failed")).toEqual([]);
    // Faults really happened, including answers lost after the write.
    expect(f.log.filter((e) => e.fault === "dropAfter").length).toBeGreaterThan(0);
    expect(f.log.filter((e) => e.fault === "slow").length).toBeGreaterThan(0);
    expect(f.state.products.size).toBe(2000);
    expect(f.stats.created).toBe(2000);
    expect(shopHolds(f)).toEqual(input.map(expectedInShop).sort((a, b) => a.handle.localeCompare(b.handle)));

    f.setFaults({});
    const writes = f.stats.writes;
    const again = [];
    for (let i = 0; i < input.length; i += 250) again.push(...((await a.upsertProducts?.(input.slice(i, i + 250))) ?? []));
    expect(again.every((r) => r.status === "unchanged")).toBe(true);
    expect(f.stats.writes).toBe(writes);

    // What the adapter reads back is what was written (images aside: Shopify re-hosts them).
    const read = await a.lookupProducts?.({ handles: input.slice(0, 40).map((p) => p.handle), skus: [] });
    const strip = (p: Product) => ({ ...p, id: "", updatedAt: undefined, images: undefined });
    const normal = (p: Product) => ({
      ...strip(p),
      variants: p.variants.map((v) => ({ ...v, barcode: v.barcode, compareAtPrice: v.compareAtPrice ?? null, cost: v.cost ?? null })),
    });
    expect((read ?? []).map(normal).sort((x, y) => x.handle.localeCompare(y.handle))).toEqual(
      input
        .slice(0, 40)
        .map(normal)
        .sort((x, y) => x.handle.localeCompare(y.handle)),
    );
  });

  it("updates what changed, keeps the variant set exact, finds a renamed product by SKU, and reports Shopify's userErrors", async () => {
    const f = await fake();
    const a = adapter(f);
    const [first, second, third] = catalog(3, "cap");
    if (!first || !second || !third) throw new Error("catalog too short");
    expect((await a.upsertProducts?.([first, second, third]))?.map((r) => r.status)).toEqual(["created", "created", "created"]);

    const cheaper: Product = { ...first, variants: first.variants.slice(0, 2).map((v) => ({ ...v, price: v.price - 100 })) };
    const renamed: Product = { ...second, handle: "cap-2-renamed" };
    const broken: Product = { ...third, variants: third.variants.map((v, i) => (i === 1 ? { ...v, price: -100 } : v)) };
    const results = await a.upsertProducts?.([cheaper, renamed, broken]);
    expect(results?.map((r) => r.status)).toEqual(["updated", "updated", "failed"]);
    expect(results?.[2]?.message).toContain("Price must be greater than or equal to 0");
    expect(f.state.products.size).toBe(3);
    const held = shopHolds(f);
    expect(held.find((p) => p.handle === "cap-1")?.variants.map((v) => v.price)).toEqual(cheaper.variants.map((v) => dollars(v.price)));
    expect(held.map((p) => p.handle)).toEqual(["cap-1", "cap-2-renamed", "cap-3"]);

    expect((await a.deleteProducts?.(["cap-3", "no-such-cap"]))?.map((r) => r.status)).toEqual(["deleted", "unchanged"]);
    expect(f.state.products.size).toBe(2);
  });

  it("lists products page by page, and only those changed since a moment", async () => {
    const f = await fake();
    const seeded = f.seedProducts(300, { variants: 4 });
    const a = adapter(f);
    const all = await collect(a.listProducts?.({}));
    expect(all.map((p) => p.handle)).toEqual(seeded.map((p) => p.handle));
    expect(all[0]?.variants).toHaveLength(4);
    expect(all[0]?.options).toEqual(["size"]);
    const v = seeded[0]?.variants[0];
    expect(all[0]?.variants[0]?.price).toBe(Math.round(Number(v?.price) * 100));
    await new Promise((r) => setTimeout(r, 5));
    const since = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const changed = (await a.lookupProducts?.({ handles: ["seeded-tee-7"], skus: ["SEED-9-1"] })) ?? [];
    expect(changed.map((p) => p.handle).sort()).toEqual(["seeded-tee-7", "seeded-tee-9"]);
    const seven = changed.find((p) => p.handle === "seeded-tee-7") as Product;
    await a.upsertProducts?.([{ ...seven, title: "Renamed seven" }]);
    expect((await collect(a.listProducts?.({ updatedSince: since }))).map((p) => p.title)).toEqual(["Renamed seven"]);
  });
});

// --- pacing ----------------------------------------------------------------------------------

describe("shopify cost-bucket pacing", () => {
  it("keeps THROTTLED from ever happening when the adapter is the bucket's only user", async () => {
    // Shopify's smallest bucket (1000 points), restoring fast enough for a quick test: 200 writes of
    // 10 points are twice the bucket, so the adapter must wait for the refill.
    const f = await fake({ bucket: { size: 1000, restoreRate: 2000 } });
    const a = adapter(f, { concurrency: 4 });
    const results = await a.upsertProducts?.(catalog(200, "paced"));
    expect(results?.every((r) => r.status === "created")).toBe(true);
    expect(f.stats.throttled).toBe(0);
    expect(a.stats.throttled).toBe(0);
    expect(a.stats.waitedMs).toBeGreaterThan(0);
  });

  it("absorbs THROTTLED (HTTP 200 or 429) when another client drains the same bucket", async () => {
    for (const throttleStatus of [200, 429] as const) {
      // The other app drains the bucket on a count of requests, not on a race, so throttles happen on any machine.
      const f = await fake({ bucket: { size: 1000, restoreRate: 2000, throttleStatus, drainEvery: 20 } });
      const ours = adapter(f, { concurrency: 4 });
      const other = adapter(f, { concurrency: 4 });
      const [x, y] = await Promise.all([ours.upsertProducts?.(catalog(150, "left")), other.upsertProducts?.(catalog(150, "right"))]);
      expect([...(x ?? []), ...(y ?? [])].every((r) => r.status === "created")).toBe(true);
      const operations = Object.values(f.stats.operations).reduce((s, n) => s + n, 0);
      expect(f.stats.throttled).toBeGreaterThanOrEqual(Math.floor((operations + f.stats.throttled) / 20));
      expect(ours.stats.throttled + other.stats.throttled).toBe(f.stats.throttled);
      expect(f.state.products.size).toBe(300);
    }
  }, 600_000);
});

// --- orders, returns, fulfillments -------------------------------------------------------------

describe("shopify orders", () => {
  it("syncs 20,000 orders across pages with updatedSince: each once, ascending by update", async () => {
    const f = await fake();
    f.seedOrders(20_000, { start: new Date("2026-06-01T00:00:00Z"), days: 120 });
    const a = adapter(f);
    const since = new Date("2026-06-20T00:00:00Z");
    const orders = await collect(a.listOrders?.({ updatedSince: since }));
    const expected = [...f.state.orders.values()].filter((o) => Date.parse(o.updatedAt) >= since.getTime()).map((o) => String(o.id));
    expect(expected.length).toBeGreaterThan(15_000);
    expect(orders.length).toBe(expected.length);
    expect(new Set(orders.map((o) => o.id))).toEqual(new Set(expected));
    for (let i = 1; i < orders.length; i++) {
      expect((orders[i]?.updatedAt?.getTime() ?? 0) >= (orders[i - 1]?.updatedAt?.getTime() ?? 0)).toBe(true);
    }
  });

  it("maps lines, discounts, shipping, tax, totals, status and the test flag", async () => {
    const f = await fake();
    const seeded = f.seedOrders(400);
    const a = adapter(f);
    const orders = new Map((await collect(a.listOrders?.({}))).map((o) => [o.id, o]));
    expect(orders.size).toBe(400);
    for (const s of seeded) {
      const o = orders.get(String(s.id));
      if (!o) throw new Error(`order ${s.id} missing`);
      const gross = s.lineItems.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
      const discounts = s.lineItems.reduce((sum, l) => sum + l.discount, 0);
      expect(o.number).toBe(s.name);
      expect(o.subtotal).toBe(gross);
      expect(o.discountTotal).toBe(discounts);
      expect(o.shippingTotal).toBe(s.shipping);
      expect(o.taxTotal).toBe(s.tax);
      expect(o.total).toBe(gross - discounts + s.shipping + s.tax);
      expect(o.test).toBe(s.test);
      expect(o.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.discount])).toEqual(
        s.lineItems.map((l) => [l.sku, l.quantity, l.unitPrice, l.discount]),
      );
      expect(o.lines[0]?.options?.colour).toBe(s.lineItems[0]?.options[0]?.value);
      const status = s.cancelledAt
        ? "cancelled"
        : s.financialStatus === "REFUNDED"
          ? "refunded"
          : s.fulfillmentStatus === "FULFILLED"
            ? "fulfilled"
            : s.financialStatus === "PENDING"
              ? "pending"
              : "paid";
      expect(o.status).toBe(status);
    }
  });

  it("lists refunded lines as returns in the range", async () => {
    const f = await fake();
    const seeded = f.seedOrders(600);
    const a = adapter(f);
    const since = new Date("2026-10-05T00:00:00Z");
    const until = new Date("2026-10-25T00:00:00Z");
    const returns = await collect(a.listReturns?.({ since, until }));
    const expected = seeded.flatMap((o) =>
      o.refunds
        .filter((r) => Date.parse(r.createdAt) >= since.getTime() && Date.parse(r.createdAt) < until.getTime())
        .flatMap((r) => r.lines.map((l) => ({ orderId: String(o.id), quantity: l.quantity, refundAmount: l.subtotal }))),
    );
    expect(expected.length).toBeGreaterThan(10);
    const key = (r: { orderId: string; quantity: number; refundAmount: number }) => `${r.orderId}:${r.quantity}:${r.refundAmount}`;
    expect(returns.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it("creates a fulfillment once per tracking number, even when answers are lost", async () => {
    const f = await fake();
    const seeded = f.seedOrders(200).filter((o) => o.fulfillmentStatus === "UNFULFILLED" && !o.cancelledAt && o.lineItems.length >= 2);
    const a = adapter(f);
    const [one, ...rest] = seeded;
    if (!one) throw new Error("no open order seeded");
    const sku = one.lineItems[0]?.sku as string;
    const qty = one.lineItems[0]?.quantity as number;
    const first = await a.createFulfillment?.(one.name, { courier: "ups", trackingNumber: "1Z999", lines: [{ sku, quantity: qty }] });
    expect(first?.status).toBe("created");
    expect((await a.createFulfillment?.(String(one.id), { courier: "ups", trackingNumber: "1Z999" }))?.status).toBe("unchanged");
    expect(one.fulfillments.map((x) => [x.company, x.number])).toEqual([["UPS", "1Z999"]]);
    expect(one.fulfillmentStatus).toBe("PARTIALLY_FULFILLED");

    f.setFaults({ drop: 0.3, error5xx: 0.1, seed: 5 });
    const batch = rest.slice(0, 15);
    for (const [i, o] of batch.entries()) {
      const r = await a.createFulfillment?.(o.name, { courier: "sf-express", trackingNumber: `SF${1000 + i}` });
      expect(["created", "unchanged"]).toContain(r?.status);
    }
    f.setFaults({});
    for (const [i, o] of batch.entries()) {
      expect(o.fulfillments.map((x) => x.number)).toEqual([`SF${1000 + i}`]);
      expect(o.fulfillmentStatus).toBe("FULFILLED");
    }
    expect((await a.createFulfillment?.("#999999", { courier: "ups", trackingNumber: "X" }))?.status).toBe("failed");
  });
});

// --- storefront ------------------------------------------------------------------------------

describe("shopify storefront", () => {
  it("searches the public products.json without a token, ranking title matches first", async () => {
    const f = await fake();
    const a = adapter(f);
    await a.upsertProducts?.([
      ...catalog(3, "plain"),
      {
        id: "",
        handle: "linen-shirt",
        title: "Linen shirt",
        status: "active",
        tags: ["summer"],
        options: ["size"],
        variants: [
          { sku: "LS-S", options: { size: "S" }, price: 4500, compareAtPrice: 6000, currency: "USD", inventory: 0 },
          { sku: "LS-M", options: { size: "M" }, price: 4900, currency: "USD", inventory: 3 },
        ],
      },
      {
        id: "",
        handle: "summer-hat",
        title: "Straw hat",
        status: "active",
        tags: ["summer", "linen band"],
        options: [],
        variants: [{ sku: "HAT", options: {}, price: 1999, currency: "USD", inventory: 0 }],
      },
    ]);
    const competitor = adapter(f, { token: undefined, currency: "USD" });
    expect(competitor.capabilities).toEqual(["storefront.read", "check"]);
    const found = (await competitor.searchPublicProducts?.({ query: "linen", limit: 10 })) ?? [];
    expect(found.map((p) => p.title)).toEqual(["Linen shirt", "Straw hat"]);
    expect(found[0]).toMatchObject({
      price: 4500,
      priceMax: 4900,
      compareAtPrice: 6000,
      inStock: true,
      rank: 1,
      currency: "USD",
      url: `${f.url}/products/linen-shirt`,
    });
    expect(found[1]).toMatchObject({ price: 1999, compareAtPrice: null, inStock: false, rank: 2 });
    expect(await competitor.searchPublicProducts?.({ query: "linen", limit: 1 })).toHaveLength(1);
    const check = await competitor.check?.();
    expect(check).toMatchObject({ reachable: true, authenticated: false });
  });
});

// --- failures a user meets ---------------------------------------------------------------------

describe("shopify failures", () => {
  it("a wrong token: exit 5, Shopify's 401 text and the next step, the token nowhere", async () => {
    const f = await fake();
    const secret = "shpat_wrong_but_secret_0123456789";
    const ctx = context();
    const a = adapter(f, { token: secret }, ctx);
    const e = await failure(collect(a.listOrders?.({})));
    expect(e).toBeInstanceOf(RemoteError);
    expect((e as RemoteError).exitCode).toBe(5);
    expect(e.message).toBe("[shopify:test] 401 [API] Invalid API key or access token (unrecognized login or wrong password)");
    expect((e as RemoteError).hint).toContain("token credential of store test");
    const check = await a.check?.();
    expect(check).toMatchObject({ reachable: true, authenticated: false });
    expect(check?.scopesNeeded["orders sync"]).toEqual(["read_orders"]);
    for (const text of [e.message, String((e as RemoteError).hint), JSON.stringify(e), String(e.stack), check?.message, ...ctx.lines]) {
      expect(text).not.toContain(secret);
    }
    expect(ctx.lines.some((l) => l.includes("graphql.json -> 401"))).toBe(true);
  });

  it("a missing scope is named; check lists what is granted", async () => {
    const f = await fake({ scopes: ["read_products"] });
    f.seedOrders(5);
    const a = adapter(f);
    const e = await failure(collect(a.listOrders?.({})));
    expect(e).toBeInstanceOf(AdapterError);
    expect(e.message).toContain("read_orders");
    expect((e as AdapterError).code).toBe("ACCESS_DENIED");
    expect((e as AdapterError).hint).toContain("read_orders");
    const check = await a.check?.();
    expect(check).toMatchObject({ reachable: true, authenticated: true, scopesGranted: ["read_products"] });
    const write = await failure(a.upsertProducts?.(catalog(1)) ?? Promise.resolve());
    expect(write.message).toMatch(/write_inventory|read_locations|write_products/);
  });

  it("malformed JSON from the server is an AdapterError, not a crash", async () => {
    const f = await fake();
    f.seedProducts(2);
    f.malformNext(10);
    const e = await failure(collect(adapter(f).listProducts?.({})));
    expect(e).toBeInstanceOf(AdapterError);
    expect(e.message).toMatch(/^\[shopify:test\] malformed JSON in response to POST \/admin\/api\/2025-07\/graphql\.json/);
  });

  it("an unreachable shop fails with exit 5 after retries", async () => {
    const f = await startFakeShopify();
    const url = f.url;
    await f.close();
    const a = createShopifyAdapter(
      (shopifyPlatform.configSchema as unknown as { parse(v: unknown): ShopifyConfig }).parse({
        platform: "shopify",
        shop: url,
        token: DEFAULT_TOKEN,
        http: { retries: 2, backoffBaseMs: 1, backoffCapMs: 5 },
      }),
      context(),
    );
    const e = await failure(collect(a.listOrders?.({})));
    expect(e).toBeInstanceOf(AdapterError);
    expect((e as AdapterError).exitCode).toBe(5);
    expect(e.message).toMatch(/unreachable after 3 attempts: connection refused/);
    expect((await a.check?.())?.reachable).toBe(false);
  });

  it("refuses an http:// shop that is not loopback, and warns when Shopify serves another API version", async () => {
    expect(() =>
      createShopifyAdapter(
        { platform: "shopify", shop: "http://shop.example", token: "x", apiVersion: "2025-07", concurrency: 1 },
        context(),
      ),
    ).toThrow(UsageError);
    const f = await fake();
    const ctx = context();
    const a = adapter(f, { apiVersion: "2024-01" }, ctx);
    expect((await a.check?.())?.authenticated).toBe(true);
    expect(ctx.lines.some((l) => l.includes("served API version 2025-01 instead of 2024-01"))).toBe(true);
    // The request log (--verbose) names every request, never the token.
    expect(ctx.lines.some((l) => l.includes("graphql.json -> 200"))).toBe(true);
    for (const line of ctx.lines) expect(line).not.toContain(f.token);
  });

  it("accepts a bare shop name or domain and rejects unknown config keys", () => {
    const parse = (v: unknown) => shopifyPlatform.configSchema.safeParse(v);
    expect(parse({ platform: "shopify", shop: "acme", token: "t" }).success).toBe(true);
    expect(parse({ platform: "shopify", shop: "acme", token: "t", tokn: "x" }).success).toBe(false);
    expect(parse({ platform: "shopify", shop: "acme", apiVersion: "2025-05" }).success).toBe(false);
  });
});
