/**
 * The woocommerce adapter against sites that answer differently from the docs' newest version:
 * - answers bent by a plugin or proxy (optional fields left out, a field renamed, an HTML page with
 *   200): optional fields change nothing, a used field missing is an AdapterError naming the route,
 *   the record and the field;
 * - WooCommerce 9.4 (no brands taxonomy): a catalog with brands imports, the brand as a "Brand"
 *   attribute, the missing route asked once and said once;
 * - refunds synced with their orders: one `/refunds?include=` request per page of orders, never one
 *   per order (counted on the fake); before 9.0, per refunded order, and said once.
 */

import { afterAll, describe, expect, it } from "vitest";
import type { Order, Product } from "../../src/core/model.js";
import { AdapterError } from "../../src/http/index.js";
import { type FakeWoo, startFakeWooCommerce } from "../fakes/woocommerce.js";
import { wooAdapter } from "../helpers/woo-adapter.js";

const fakes: FakeWoo[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

async function fake(opts: Parameters<typeof startFakeWooCommerce>[0] = {}): Promise<FakeWoo> {
  const f = await startFakeWooCommerce(opts);
  fakes.push(f);
  return f;
}

const setUp = wooAdapter;

async function collect<T>(it: AsyncIterable<T> | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it ?? []) out.push(x);
  return out;
}

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AdapterError);
  return e as AdapterError;
}

const requests = (f: FakeWoo, re: RegExp) => f.log.filter((e) => re.test(e.path)).length;

describe("answers in another shape", () => {
  it("optional fields left out change nothing", async () => {
    const f = await fake();
    f.seedOrders(40);
    const { adapter } = await setUp(f);
    const plain = await collect(adapter.listOrders?.({}));
    f.setShapeFault({
      path: /\/orders$/,
      omit: ["[].number", "[].billing", "[].coupon_lines", "[].meta_data", "[].line_items[].sku", "[].date_modified_gmt"],
    });
    const bent = await collect(adapter.listOrders?.({}));
    expect(bent.map((o) => [o.id, o.total, o.lines.length])).toEqual(plain.map((o) => [o.id, o.total, o.lines.length]));
    expect(bent.every((o) => o.lines.every((l) => l.sku === ""))).toBe(true);
  });

  it("a line item without its name: exit 5 naming the route, the order and the field", async () => {
    const f = await fake();
    const [first] = f.seedOrders(5);
    const { adapter } = await setUp(f);
    f.setShapeFault({ path: /\/orders$/, omit: ["[].line_items[].name"] });
    const e = await failure(collect(adapter.listOrders?.({})));
    expect(e.exitCode).toBe(5);
    expect(e.message).toBe(`[woocommerce:wc] unexpected response from GET /orders: line_items[0].name is missing (order ${first?.id})`);
    expect(e.hint).toMatch(/shape/);
  });

  it("a renamed field is named as missing; a field of another type says what came", async () => {
    const f = await fake();
    f.seedOrders(3);
    const { adapter } = await setUp(f);
    f.setShapeFault({ path: /\/orders$/, rename: { "[].total": "order_total" } });
    expect((await failure(collect(adapter.listOrders?.({})))).message).toMatch(/GET \/orders: total is missing \(order \d+\)$/);
    f.setShapeFault({ path: /\/products$/, rename: { "[].slug": "permalink_slug" } });
    await adapter.upsertProducts?.([product("tee", "Acme")]).catch(() => undefined);
    expect((await failure(collect(adapter.listProducts?.({})))).message).toMatch(/GET \/products: slug is missing \(product \d+\)/);
  });

  it("an HTML page with status 200 (a cache or login wall): exit 5 naming the route, no markup echoed", async () => {
    const f = await fake();
    f.seedOrders(3);
    const { adapter } = await setUp(f);
    f.setShapeFault({ path: /\/orders$/, html: true });
    const e = await failure(collect(adapter.listOrders?.({})));
    expect(e.exitCode).toBe(5);
    expect(e.message).toMatch(/^\[woocommerce:wc\] GET \/.*\/orders answered with an HTML page .*instead of JSON/);
    expect(e.message).not.toMatch(/<html|<h1/i);
  });
});

function product(handle: string, vendor: string): Product {
  return {
    id: "",
    handle,
    title: `Product ${handle}`,
    vendor,
    status: "active",
    options: ["size"],
    variants: ["S", "M"].map((size) => ({ sku: `${handle}-${size}`, options: { size }, price: 1999, currency: "USD" })),
  };
}

describe("WooCommerce before 9.6 (no brands)", () => {
  it("takes a catalog with brands: the brand becomes a Brand attribute, the missing route is asked once and said once", async () => {
    const f = await fake({ version: "9.4" });
    const { adapter, warnings } = await setUp(f);
    const batch = [product("tee", "Acme"), product("cap", "Zenith"), { ...product("mug", "Acme"), options: [], variants: [] }];
    batch[2] = { ...product("mug", "Acme"), options: [] };
    batch[2].variants = [{ sku: "mug-1", options: {}, price: 900, currency: "USD" }];
    const results = await adapter.upsertProducts?.(batch);
    expect(results?.map((r) => r.status)).toEqual(["created", "created", "created"]);
    expect(requests(f, /\/products\/brands$/)).toBe(1);
    expect(warnings.filter((w) => /no brands \(added in 9\.6\)/.test(w))).toHaveLength(1);
    for (const p of f.dump()) {
      expect(p.brands).toBeUndefined();
      const brand = p.attributes.find((a) => a.name === "Brand");
      expect(brand).toMatchObject({ variation: false, visible: true });
    }
    const read = await collect(adapter.listProducts?.({}));
    expect(Object.fromEntries(read.map((p) => [p.handle, p.vendor]))).toEqual({ tee: "Acme", cap: "Zenith", mug: "Acme" });
    expect(read.find((p) => p.handle === "tee")?.options).toEqual(["size"]);
    const again = await adapter.upsertProducts?.(batch);
    expect(again?.map((r) => r.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
  });

  it("on 9.6+ the brand goes to the brands taxonomy, as before", async () => {
    const f = await fake();
    const { adapter, warnings } = await setUp(f);
    expect((await adapter.upsertProducts?.([product("tee", "Acme")]))?.[0]?.status).toBe("created");
    expect(f.dump()[0]?.brands?.map((b) => b.name)).toEqual(["Acme"]);
    expect(warnings).toEqual([]);
  });
});

describe("refunds synced with their orders", () => {
  const refundedIn = (orders: Order[]) => orders.filter((o) => (o.refunds?.length ?? 0) > 0);

  it("one /refunds request per page of orders, none per order", async () => {
    const f = await fake();
    const seeded = f.seedOrders(450);
    const { adapter } = await setUp(f);
    f.log.length = 0;
    const orders = await collect(adapter.listOrders?.({ updatedSince: new Date(0) }));
    // Pending payment was never paid: not an order (as in the files store and WooCommerce Analytics).
    expect(orders).toHaveLength(seeded.filter((o) => o.status !== "pending").length);
    const refunded = refundedIn(orders);
    expect(refunded.length).toBeGreaterThan(20);
    const orderPages = requests(f, /\/wc\/v3\/orders$/);
    expect(requests(f, /\/orders\/\d+\/refunds$/)).toBe(0);
    expect(requests(f, /\/wc\/v3\/refunds$/)).toBeLessThanOrEqual(orderPages);
    // Every order the fake refunded carries its refund, dated and by line.
    for (const o of refunded) {
      const stored = f.state.refunds.get(Number(o.id))?.[0];
      expect(o.refunds?.[0]).toMatchObject({
        orderId: o.id,
        requestedAt: new Date(`${stored?.date_created_gmt}Z`),
        sku: stored?.line_items[0]?.sku,
        status: "refunded",
      });
    }
    expect(orders.filter((o) => o.status === "refunded").length).toBe(refunded.length);
  });

  it("before 9.0 (no /refunds route): read per refunded order only, and said once", async () => {
    const f = await fake({ version: "8.9" });
    f.seedOrders(250);
    const { adapter, warnings } = await setUp(f);
    f.log.length = 0;
    const orders = await collect(adapter.listOrders?.({ updatedSince: new Date(0) }));
    const refunded = refundedIn(orders);
    expect(requests(f, /\/wc\/v3\/refunds$/)).toBe(1);
    expect(requests(f, /\/orders\/\d+\/refunds$/)).toBe(refunded.length);
    expect(warnings.filter((w) => /no \/refunds route/.test(w))).toHaveLength(1);
  });
});
