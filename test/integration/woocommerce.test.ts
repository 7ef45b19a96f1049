/**
 * The woocommerce adapter against the fake WooCommerce site: the shared platform contract; a
 * 2,000-product import under faults that must leave the store exactly as the input (then a repeat
 * that writes nothing); 4,000 orders paged by modified date; refunds; tracking numbers through the
 * Shipment Tracking extension and the order-note fallback; the Store API; and the failures an
 * operator meets (wrong key, read-only key, PHP error pages, broken JSON, a closed port, http://),
 * with the key and secret never showing in any message or log line.
 */
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { AdapterContext, PlatformAdapter } from "../../src/adapters/platform.js";
import woocommerce, { type WooConfig } from "../../src/adapters/platforms/woocommerce/index.js";
import { gramsToWeight, toDecimal, toMinor, weightToGrams } from "../../src/adapters/platforms/woocommerce/wire.js";
import { english } from "../../src/core/i18n/index.js";
import type { Product, Variant } from "../../src/core/model.js";
import { AdapterError } from "../../src/http/index.js";
import { platformContract } from "../contract/platform-contract.js";
import { type FakeWoo, startFakeWooCommerce } from "../fakes/woocommerce.js";

const logLines: string[] = [];
const errorTexts: string[] = [];
const allSecrets = new Set<string>();
const fakes: FakeWoo[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

function context(over: Partial<AdapterContext> = {}): AdapterContext {
  const push = (m: string) => logLines.push(m);
  return {
    storeName: "test",
    baseDir: process.cwd(),
    timezone: "UTC",
    currency: "USD",
    now: () => new Date("2026-03-02T00:00:00Z"),
    log: { info: push, warn: push, debug: push },
    state: async () => {
      throw new Error("the woocommerce adapter does not need the state store");
    },
    readOptions: {},
    ...over,
  };
}

async function fake(opts: Parameters<typeof startFakeWooCommerce>[0] = {}): Promise<FakeWoo> {
  const f = await startFakeWooCommerce(opts);
  fakes.push(f);
  for (const k of f.state.keys) allSecrets.add(k.consumerKey).add(k.consumerSecret);
  return f;
}

const FAST_HTTP = { timeoutMs: 500, retries: 8, backoffBaseMs: 5, backoffCapMs: 50, concurrency: 16 };

async function adapter(f: FakeWoo, over: Partial<WooConfig> = {}, ctx = context()): Promise<PlatformAdapter> {
  const config = woocommerce.configSchema.parse({
    platform: "woocommerce",
    url: f.url,
    key: f.key.consumerKey,
    secret: f.key.consumerSecret,
    http: FAST_HTTP,
    ...over,
  });
  return woocommerce.create(config, ctx);
}

async function collect<T>(it: AsyncIterable<T> | undefined): Promise<T[]> {
  if (!it) throw new Error("not implemented");
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterError);
    const err = e as AdapterError;
    errorTexts.push(err.message, String(err.hint), String(err.stack), JSON.stringify(err));
    return err;
  }
  throw new Error("expected a failure");
}

const SIZES = ["S", "M", "L"];
const COLOURS = ["Red", "Blue", "Black", "White"];

/** Deterministic catalog: every product has 3 variants (size), some a colour axis too, with every field the adapter maps. */
function makeCatalog(n: number, prefix = "p"): Product[] {
  return Array.from({ length: n }, (_, i) => {
    const twoAxes = i % 3 === 0;
    const colour = COLOURS[i % COLOURS.length] as string;
    const product: Product = {
      id: "",
      handle: `${prefix}-${i}`,
      title: `Product ${i} & friends`,
      status: i % 10 === 0 ? "draft" : "active",
      options: twoAxes ? ["colour", "size"] : ["size"],
      variants: SIZES.map((size, k) => {
        const price = 1000 + ((i * 7 + k * 13) % 5000);
        const variant: Variant = {
          sku: `${prefix.toUpperCase()}-${i}-${size}`,
          options: twoAxes ? { colour, size } : { size },
          price,
          compareAtPrice: (i + k) % 4 === 0 ? price + 500 : null,
          currency: "USD",
          weightGrams: 100 + ((i + k) % 7) * 125,
          inventory: (i + k) % 5 === 0 ? null : (i * 3 + k) % 40,
        };
        if (k === 0) variant.barcode = `4006381${String(i).padStart(6, "0")}`;
        return variant;
      }),
    };
    if (i % 2 === 0) product.description = `<p>Description ${i}</p>`;
    if (i % 4 !== 3) product.category = i % 8 < 4 ? "Apparel > Tops" : "Apparel > Bottoms > Jeans";
    if (i % 3 !== 2) product.tags = i % 2 ? ["summer", "sale"] : ["basics"];
    if (i % 5 !== 4) product.vendor = i % 2 ? "Acme" : "Globex";
    if (i % 6 === 0) product.images = [`https://cdn.example/${i}.jpg`];
    return product;
  });
}

/** The fields a round trip through WooCommerce must keep, in a stable order. */
function comparable(p: Product) {
  return {
    handle: p.handle,
    title: p.title,
    description: p.description ?? "",
    vendor: p.vendor ?? null,
    category: p.category ?? null,
    tags: [...(p.tags ?? [])].sort(),
    status: p.status,
    options: p.options ?? [],
    images: p.images ?? [],
    variants: [...p.variants]
      .sort((a, b) => (a.sku ?? "").localeCompare(b.sku ?? ""))
      .map((v) => ({
        sku: v.sku,
        options: v.options,
        price: v.price,
        compareAtPrice: v.compareAtPrice != null && v.compareAtPrice > v.price ? v.compareAtPrice : null,
        barcode: v.barcode ?? null,
        weightGrams: v.weightGrams ?? null,
        inventory: v.inventory ?? null,
      })),
  };
}

describe("woocommerce wire helpers", () => {
  it("converts money and weights digit-wise", () => {
    expect(toMinor("19.99", "USD")).toBe(1999);
    expect(toMinor("0.10", "USD")).toBe(10);
    expect(toMinor("1999", "JPY")).toBe(1999);
    expect(toMinor("", "USD")).toBeNull();
    expect(toDecimal(1999, "USD")).toBe("19.99");
    expect(toDecimal(5, "USD")).toBe("0.05");
    expect(toDecimal(-1050, "USD")).toBe("-10.50");
    expect(toDecimal(1999, "JPY")).toBe("1999");
    for (const cents of [0, 1, 99, 100, 123456789]) expect(toMinor(toDecimal(cents, "USD"), "USD")).toBe(cents);
    expect(gramsToWeight(1500, "kg")).toBe("1.5");
    expect(gramsToWeight(250, "kg")).toBe("0.25");
    expect(gramsToWeight(1000, "kg")).toBe("1");
    expect(gramsToWeight(5, "kg")).toBe("0.005");
    expect(weightToGrams("0.2505", "kg")).toBe(251);
    expect(weightToGrams("1.5", "kg")).toBe(1500);
    expect(weightToGrams("", "kg")).toBeNull();
    for (const g of [0, 1, 125, 999, 1000, 12345]) expect(weightToGrams(gramsToWeight(g, "kg"), "kg")).toBe(g);
  });
});

platformContract(
  "woocommerce",
  async () => woocommerce as never,
  async () => {
    const f = await fake({ seed: 3 });
    f.seedOrders(120, { from: new Date("2026-01-01T00:00:00Z"), stepMinutes: 60 });
    return {
      adapter: await adapter(f),
      orderRange: { since: new Date("2026-01-02T00:00:00Z"), until: new Date("2026-01-04T00:00:00Z") },
    };
  },
);

describe("woocommerce catalog", () => {
  it("imports 2,000 products x 3 variants under faults exactly, then a repeat writes nothing", async () => {
    const f = await fake({ seed: 11 });
    // No answer is late on purpose and the timeout is roomy, so a loaded machine invents no faults of its own:
    // a lost answer after the write is `dropAfter` (counted by seed), the same to the client as a timeout.
    // The timing of slow answers past the client's timeout is measured in bench/woocommerce-faults.ts.
    const wc = await adapter(f, { http: { ...FAST_HTTP, timeoutMs: 30_000, retries: 12 } });
    const input = makeCatalog(2000);
    f.setFaults({ error5xx: 0.1, rateLimit429: 0.05, drop: 0.02, retryAfterSeconds: 0, seed: 5 });
    const results = [];
    for (let i = 0; i < input.length; i += 250) results.push(...((await wc.upsertProducts?.(input.slice(i, i + 250))) ?? []));
    f.setFaults({});
    expect(results.filter((r) => r.status === "failed")).toEqual([]);
    expect(results.map((r) => r.key)).toEqual(input.map((p) => p.handle));
    // Faults really happened, so the run proved something.
    expect(f.log.filter((l) => l.fault === "dropAfter").length).toBeGreaterThan(0);
    expect(f.log.filter((l) => l.fault === "error5xx").length).toBeGreaterThan(0);

    const raw = f.dump();
    expect(raw.length).toBe(2000);
    expect(new Set(raw.map((p) => p.slug))).toEqual(new Set(input.map((p) => p.handle)));
    expect(raw.reduce((n, p) => n + p.variation_objects.length, 0)).toBe(6000);
    // Wire format as WooCommerce wants it: prices as strings, sale price only below the regular one.
    const first = raw.find((p) => p.slug === "p-0");
    expect(first?.type).toBe("variable");
    expect(first?.attributes.map((a) => a.name)).toEqual(["Color", "Size"]);
    const v0 = first?.variation_objects.find((v) => v.sku === "P-0-S");
    expect(v0).toMatchObject({ regular_price: "15.00", sale_price: "10.00", weight: "0.1", global_unique_id: "4006381000000" });

    const readBack = await collect(wc.listProducts?.({}));
    const byHandle = new Map(readBack.map((p) => [p.handle, p]));
    expect(readBack.length).toBe(2000);
    for (const p of input) expect(comparable(byHandle.get(p.handle) as Product)).toEqual(comparable(p));

    const writesBefore = f.state.writes;
    const again = [];
    for (let i = 0; i < input.length; i += 250) again.push(...((await wc.upsertProducts?.(input.slice(i, i + 250))) ?? []));
    expect(again.every((r) => r.status === "unchanged")).toBe(true);
    expect(f.state.writes).toBe(writesBefore);
    // Heavy, not timed: its outcome depends on counted faults only, so a loaded machine may take its time.
  }, 600_000);

  it("updates what changed, switches simple <-> variable, deletes, and reports bad products per item", async () => {
    const f = await fake({ seed: 12 });
    const wc = await adapter(f);
    const [a, b] = makeCatalog(2, "u");
    const simple: Product = {
      id: "",
      handle: "mug",
      title: "Mug",
      status: "active",
      variants: [{ sku: "MUG-1", options: {}, price: 899, compareAtPrice: null, currency: "USD", weightGrams: 350, inventory: 12 }],
    };
    const first = await wc.upsertProducts?.([a as Product, b as Product, simple]);
    expect(first?.map((r) => r.status)).toEqual(["created", "created", "created"]);
    expect(f.dump().find((p) => p.slug === "mug")).toMatchObject({
      type: "simple",
      sku: "MUG-1",
      regular_price: "8.99",
      sale_price: "",
      weight: "0.35",
      stock_quantity: 12,
    });

    const changedA = structuredClone(a as Product);
    changedA.variants = changedA.variants.slice(0, 2);
    (changedA.variants[0] as { price: number }).price = 4321;
    const mugVariable: Product = {
      ...simple,
      options: ["size"],
      variants: [
        { ...(simple.variants[0] as Product["variants"][number]), options: { size: "S" } },
        { ...(simple.variants[0] as Product["variants"][number]), sku: "MUG-2", options: { size: "L" } },
      ],
    };
    const invalid: Product = { ...simple, handle: "broken", variants: [] };
    const second = await wc.upsertProducts?.([changedA, b as Product, mugVariable, invalid]);
    expect(second?.map((r) => r.status)).toEqual(["updated", "unchanged", "updated", "failed"]);
    expect(second?.[3]?.message).toMatch(/broken.*no variants/);
    const readBack = new Map((await collect(wc.listProducts?.({}))).map((p) => [p.handle, p]));
    expect(comparable(readBack.get(changedA.handle) as Product)).toEqual(comparable(changedA));
    expect(comparable(readBack.get("mug") as Product)).toEqual(comparable(mugVariable));
    expect(readBack.has("broken")).toBe(false);

    // A SKU another product holds is the store's refusal, reported for that product only.
    const clash: Product = {
      ...simple,
      handle: "clash",
      variants: [{ ...(simple.variants[0] as Product["variants"][number]), sku: "U-1-S" }],
    };
    const third = await wc.upsertProducts?.([clash]);
    expect(third?.[0]).toMatchObject({ status: "failed" });
    expect(third?.[0]?.message).toContain("product_invalid_sku");

    const found = await wc.lookupProducts?.({ handles: ["mug"], skus: [] });
    expect(found?.map((p) => p.handle)).toEqual(["mug"]);
    expect(await wc.deleteProducts?.(["mug", "nope"])).toEqual([
      { key: "mug", status: "deleted", remoteId: expect.any(String) },
      { key: "nope", status: "unchanged" },
    ]);
    expect(f.dump().some((p) => p.slug === "mug")).toBe(false);
  });
});

describe("woocommerce orders, returns, fulfilments, storefront", () => {
  // 4,000 orders over the same four months (about 2,000 since the date: 21 pages of 100) keep
  // "each once, ascending, across pages"; no slow answers are injected, so a roomy timeout keeps a
  // loaded machine from inventing faults, and the test timeout is a hang guard only.
  it("lists 4,000 orders changed since a date across pages, each once, ascending", { timeout: 180_000 }, async () => {
    const f = await fake({ seed: 21 });
    f.seedOrders(4_000, { from: new Date("2025-06-01T00:00:00Z"), stepMinutes: 45 });
    const wc = await adapter(f, { http: { ...FAST_HTTP, timeoutMs: 30_000 } });
    const since = new Date("2025-08-01T00:00:00Z");
    const changed = [...f.state.orders.values()].filter((o) => Date.parse(`${o.date_modified_gmt}Z`) >= since.getTime());
    // Pending payment was never paid: left out, as the files store and WooCommerce Analytics do.
    const neverPaid = changed.filter((o) => o.status === "pending");
    const expected = changed.filter((o) => o.status !== "pending").map((o) => String(o.id));
    f.setFaults({ error5xx: 0.05, drop: 0.02, seed: 9 });
    const before = logLines.length;
    const orders = await collect(wc.listOrders?.({ updatedSince: since }));
    f.setFaults({});
    expect(orders.length).toBe(expected.length);
    expect(neverPaid.length).toBeGreaterThan(100);
    const unpaidWarnings = logLines
      .slice(before)
      .map((l) => english(l))
      .filter((l) => l.includes("never paid"));
    expect(unpaidWarnings).toEqual([
      `[woocommerce:test] ${neverPaid.length} orders never paid left out of orders and GMV (status "pending" ×${neverPaid.length}), as WooCommerce Analytics leaves them out`,
    ]);
    expect(expected.length).toBeGreaterThan(1_500);
    // Across pages: at least one request per page of 100, more where a fault made it ask again.
    expect(f.log.filter((l) => l.path === "/wp-json/wc/v3/orders").length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 100));
    expect(new Set(orders.map((o) => o.id))).toEqual(new Set(expected));
    for (let i = 1; i < orders.length; i++) expect((orders[i]?.updatedAt as Date) >= (orders[i - 1]?.updatedAt as Date)).toBe(true);
    // Money checks against the wire values, independently.
    const sample = f.state.orders.get(Number(orders[0]?.id));
    const o = orders[0];
    expect(o?.total).toBe(toMinor(sample?.total, "USD"));
    expect(o?.subtotal).toBe(sample?.line_items.reduce((s, l) => s + (toMinor(l.subtotal, "USD") ?? 0), 0));
    expect(o?.lines.reduce((s, l) => s + l.discount, 0)).toBe(toMinor(sample?.discount_total, "USD"));
    const statusOf = new Map(orders.map((x) => [x.id, x.status]));
    for (const w of [...f.state.orders.values()].slice(0, 200)) {
      if (!statusOf.has(String(w.id))) continue;
      const want = {
        "on-hold": "pending",
        processing: "paid",
        completed: "fulfilled",
        cancelled: "cancelled",
        failed: "cancelled",
        refunded: "refunded",
      }[w.status];
      expect(statusOf.get(String(w.id))).toBe(want);
    }
  });

  it("reads refunds as returns", async () => {
    const f = await fake({ seed: 22 });
    f.seedOrders(300);
    const wc = await adapter(f);
    const returns = await collect(wc.listReturns?.({}));
    const refunded = [...f.state.refunds.values()].flat();
    expect(refunded.length).toBeGreaterThan(0);
    expect(returns.length).toBe(refunded.length);
    const r0 = refunded[0];
    const mine = returns.find((r) => r.id.startsWith(`${r0?.id}-`));
    expect(mine?.refundAmount).toBe(toMinor(r0?.amount, "USD"));
    expect(mine?.sku).toBe(r0?.line_items[0]?.sku);
  });

  it("adds a tracking number once, even when answers are dropped; falls back to a customer note", async () => {
    const f = await fake({ seed: 23 });
    const [order] = f.seedOrders(1);
    if (order) order.status = "processing";
    const id = String(order?.id);
    const wc = await adapter(f);
    f.setFaults({ drop: 0.3, seed: 4 });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await wc.createFulfillment?.(id, { courier: "UPS", trackingNumber: "1Z999" }));
    f.setFaults({});
    expect(results.every((r) => r?.status !== "failed")).toBe(true);
    expect(f.state.trackings.get(Number(id))?.map((t) => t.tracking_number)).toEqual(["1Z999"]);
    expect(f.state.orders.get(Number(id))?.status).toBe("completed");
    expect(results.at(-1)?.status).toBe("unchanged");

    const bare = await fake({ seed: 24, shipmentTracking: false });
    const [o2] = bare.seedOrders(1);
    const wc2 = await adapter(bare);
    const r1 = await wc2.createFulfillment?.(String(o2?.id), { courier: "DHL", trackingNumber: "JD0001" });
    const r2 = await wc2.createFulfillment?.(String(o2?.id), { courier: "DHL", trackingNumber: "JD0001" });
    expect([r1?.status, r2?.status]).toEqual(["created", "unchanged"]);
    const notes = bare.state.notes.get(Number(o2?.id)) ?? [];
    expect(notes.length).toBe(1);
    expect(notes[0]).toMatchObject({ customer_note: true });
    expect(notes[0]?.note).toContain("JD0001");
  });

  it("reads a public storefront through the Store API without credentials", async () => {
    const f = await fake({ seed: 25 });
    const wc = await adapter(f);
    await wc.upsertProducts?.(makeCatalog(3, "s"));
    const pub = await adapter(f, { key: undefined, secret: undefined });
    expect(pub.capabilities).toEqual(["storefront.read", "check"]);
    const found = await pub.searchPublicProducts?.({ query: "Product", limit: 10 });
    expect(found?.length).toBe(2); // s-0 is a draft
    const s1 = found?.find((p) => p.url.includes("/s-1/"));
    const prices = makeCatalog(3, "s")[1]?.variants.map((v) => v.price) ?? [];
    expect(s1).toMatchObject({
      title: "Product 1 & friends",
      currency: "USD",
      inStock: true,
      price: Math.min(...prices),
      priceMax: Math.max(...prices),
    });
    expect(f.log.filter((l) => l.path.startsWith("/wp-json/wc/store")).length).toBeGreaterThan(0);
  });
});

describe("woocommerce failures", () => {
  it("a wrong key or secret is exit 5 with WooCommerce's words and the next step", async () => {
    const f = await fake({ seed: 31 });
    const unknown = await adapter(f, { key: "ck_0000000000000000000000000000000000000000" });
    allSecrets.add("ck_0000000000000000000000000000000000000000");
    const e1 = await failure(collect(unknown.listOrders?.({})));
    expect(e1.exitCode).toBe(5);
    expect(e1.message).toBe("[woocommerce:test] 401 woocommerce_rest_cannot_view: Sorry, you cannot list resources.");
    expect(e1.hint).toContain("key and secret credentials of store test");
    const wrongSecret = await adapter(f, { secret: "cs_wrongwrongwrongwrongwrongwrongwrongwrong" });
    allSecrets.add("cs_wrongwrongwrongwrongwrongwrongwrongwrong");
    const e2 = await failure(collect(wrongSecret.listProducts?.({})));
    expect(e2.message).toContain("401 woocommerce_rest_authentication_error: Consumer secret is invalid.");
    const check = await unknown.check?.();
    expect(check).toMatchObject({ reachable: true, authenticated: false, scopesGranted: [] });
  });

  it("a read-only key is named as such; check() finds the permission without writing", async () => {
    const f = await fake({ seed: 32 });
    const ro = f.addKey("read");
    allSecrets.add(ro.consumerKey).add(ro.consumerSecret);
    const wc = await adapter(f, { key: ro.consumerKey, secret: ro.consumerSecret });
    const e = await failure(wc.upsertProducts?.(makeCatalog(1, "r")) as Promise<unknown>);
    expect(e.message).toContain("401 woocommerce_rest_authentication_error: The API key provided does not have write permissions.");
    expect(e.hint).toMatch(/read-only/);
    const writes = f.state.writes;
    expect(await wc.check?.()).toMatchObject({ reachable: true, authenticated: true, scopesGranted: ["read"] });
    const full = await adapter(f);
    const ok = await full.check?.();
    expect(ok?.scopesGranted).toEqual(["read", "write"]);
    expect(ok?.scopesNeeded["catalog import"]).toEqual(["read", "write"]);
    expect(f.state.products.size).toBe(0);
    expect(f.state.writes - writes).toBe(1); // the empty batch probe of the read_write key, which changes nothing
  });

  it("a PHP fatal error page and a cut JSON body become clear AdapterErrors", async () => {
    const f = await fake({ seed: 33, htmlErrors: "fatal500" });
    const wc = await adapter(f, { http: { ...FAST_HTTP, retries: 1 } });
    const e1 = await failure(collect(wc.listOrders?.({})));
    expect(e1.message).toMatch(/500 the site answered with a PHP fatal error page: Allowed memory size/);
    f.setHtmlErrors("brokenJson200");
    f.seedOrders(3);
    const e2 = await failure(collect(wc.listOrders?.({})));
    expect(e2.message).toMatch(/malformed JSON in response to GET \/wp-json\/wc\/v3\/orders/);
  });

  it("an unreachable host fails after retries; http:// to a remote host is refused", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const config = woocommerce.configSchema.parse({
      platform: "woocommerce",
      url: `http://127.0.0.1:${port}`,
      key: "ck_closedclosedclosedclosedclosed",
      secret: "cs_closedclosedclosedclosedclosed",
      http: { ...FAST_HTTP, retries: 2 },
    });
    allSecrets.add("ck_closedclosedclosedclosedclosed").add("cs_closedclosedclosedclosedclosed");
    const closed = await woocommerce.create(config, context());
    const e = await failure(collect(closed.listOrders?.({})));
    expect(e.exitCode).toBe(5);
    expect(e.message).toMatch(/unreachable after 3 attempts/);
    expect(() => woocommerce.create({ ...config, url: "http://shop.example" }, context())).toThrow(/unencrypted/);
    expect(() => woocommerce.create({ ...config, url: "http://127.0.0.1:1", authInQuery: true }, context())).toThrow(/authInQuery/);
    expect(woocommerce.configSchema.safeParse({ platform: "woocommerce", url: "x.example", key: "ck_only" }).success).toBe(false);
  });

  it("the fake refuses what WooCommerce refuses: per_page > 100, batches > 100 items", async () => {
    const f = await fake({ seed: 34 });
    const auth = `Basic ${Buffer.from(`${f.key.consumerKey}:${f.key.consumerSecret}`).toString("base64")}`;
    const r1 = await fetch(`${f.url}/wp-json/wc/v3/products?per_page=101`, { headers: { authorization: auth } });
    expect(r1.status).toBe(400);
    expect(((await r1.json()) as { code: string }).code).toBe("rest_invalid_param");
    const r2 = await fetch(`${f.url}/wp-json/wc/v3/products/batch`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ create: Array.from({ length: 101 }, (_, i) => ({ name: `x${i}` })) }),
    });
    expect(r2.status).toBe(413);
    expect(((await r2.json()) as { code: string }).code).toBe("woocommerce_rest_request_entity_too_large");
    const r3 = await fetch(`${f.url}/wp-json/wc/v3/products?page=5`, { headers: { authorization: auth } });
    expect(await r3.json()).toEqual([]);
    expect(r3.headers.get("x-wp-total")).toBe("0");
  });

  it("never lets the key or secret into a message, hint or log line", () => {
    expect(logLines.length).toBeGreaterThan(100);
    expect(errorTexts.length).toBeGreaterThan(5);
    const text = `${logLines.join("\n")}\n${errorTexts.join("\n")}`;
    for (const s of allSecrets) expect(text.includes(s), `secret ${s.slice(0, 5)}… leaked`).toBe(false);
  });
});
