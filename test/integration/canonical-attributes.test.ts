/**
 * Canonical attributes travelling into remote stores, and SKU-less variants there (issue 11, items 1-2):
 * - Shopify: a variant's canonical colour goes to the standard `shopify.color-pattern` metafield as
 *   references to the store's own `shopify--color-pattern` entries; a colour the taxonomy lacks is left
 *   out and said once; the fake refuses what Shopify refuses (a wrong type, an unknown reference);
 * - WooCommerce: the canonical attributes ride as the `merchops_canonical` meta of each variation and
 *   come back on read; the display values stay the merchant's;
 * - variants without SKU are created, found again by product + option values, and stay SKU-less.
 */

import { afterAll, describe, expect, it } from "vitest";
import type { AdapterContext } from "../../src/adapters/platform.js";
import shopifyPlatform, { createShopifyAdapter, type ShopifyConfig } from "../../src/adapters/platforms/shopify/index.js";
import woocommerce from "../../src/adapters/platforms/woocommerce/index.js";
import { english } from "../../src/core/i18n/index.js";
import type { Product } from "../../src/core/model.js";
import { type FakeShopify, startFakeShopify } from "../fakes/shopify.js";
import { type FakeWoo, startFakeWooCommerce } from "../fakes/woocommerce.js";

const closers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c.close()));
});

function context(warnings: string[]): AdapterContext {
  return {
    storeName: "test",
    baseDir: process.cwd(),
    timezone: "UTC",
    currency: "USD",
    now: () => new Date("2026-11-25T12:00:00Z"),
    log: { info: () => {}, warn: (m) => warnings.push(english(m)), debug: () => {} },
    state: async () => {
      throw new Error("not needed");
    },
    readOptions: {},
  };
}

/** A tee in the merchant's own colour words, with the dictionary's canonical colours beside them. */
function tee(handle: string, withSkus: boolean): Product {
  const colours: [string, string][] = [
    ["Bark Grey", "grey"],
    ["Cherry", "red"],
    ["Lagoon", "teal"],
  ];
  return {
    id: "",
    handle,
    title: `Tee ${handle}`,
    status: "active",
    options: ["colour"],
    variants: colours.map(([display, canonical], i) => ({
      ...(withSkus ? { sku: `${handle.toUpperCase()}-${i}` } : {}),
      options: { colour: display },
      attributes: { colour: canonical },
      price: 1999,
      currency: "USD",
    })),
  };
}

async function shopify(
  colorPatterns: string[],
): Promise<{ f: FakeShopify; a: ReturnType<typeof createShopifyAdapter>; warnings: string[] }> {
  const f = await startFakeShopify({ bucket: { size: 1_000_000, restoreRate: 1_000_000 }, currency: "USD", colorPatterns });
  closers.push(f);
  const warnings: string[] = [];
  const config = (shopifyPlatform.configSchema as unknown as { parse(v: unknown): ShopifyConfig }).parse({
    platform: "shopify",
    shop: f.url,
    token: f.token,
    http: { timeoutMs: 5_000, retries: 2, backoffBaseMs: 1, backoffCapMs: 5 },
  });
  return { f, a: createShopifyAdapter(config, context(warnings)), warnings };
}

describe("shopify: the standard colour metafield", () => {
  it("references the store's Color taxonomy entries for the canonical colours, leaves out and names the others", async () => {
    const { f, a, warnings } = await shopify(["Gray", "Red", "Blue"]);
    const results = await a.upsertProducts?.([tee("tee", true), tee("polo", true)]);
    expect(results?.map((r) => r.status)).toEqual(["created", "created"]);
    const byLabel = new Map([
      ["Gray", "gid://shopify/Metaobject/9000"],
      ["Red", "gid://shopify/Metaobject/9001"],
    ]);
    for (const p of f.state.products.values()) {
      expect(p.metafields?.["shopify.color-pattern"]).toEqual({
        type: "list.metaobject_reference",
        value: JSON.stringify([byLabel.get("Gray"), byLabel.get("Red")]),
      });
      // The store shows the merchant's words.
      expect(p.options[0]?.values).toEqual(["Bark Grey", "Cherry", "Lagoon"]);
    }
    expect(warnings.filter((w) => /colour "teal" is not among this store's Color taxonomy values/.test(w))).toHaveLength(1);
    expect(f.stats.operations.ColorPatterns).toBe(1);
    const again = await a.upsertProducts?.([tee("tee", true), tee("polo", true)]);
    expect(again?.map((r) => r.status)).toEqual(["unchanged", "unchanged"]);
  });

  it("sends no metafield to a store whose taxonomy has no colours", async () => {
    const { f, a } = await shopify([]);
    expect((await a.upsertProducts?.([tee("tee", true)]))?.[0]?.status).toBe("created");
    expect([...f.state.products.values()][0]?.metafields).toBeUndefined();
  });

  it("the fake refuses what Shopify refuses: another type, a reference that is no colour entry", async () => {
    const { f } = await shopify(["Gray"]);
    const send = async (metafield: Record<string, string>) => {
      const res = await fetch(`${f.url}/admin/api/2025-07/graphql.json`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-shopify-access-token": f.token },
        body: JSON.stringify({
          operationName: "ProductSet",
          query: "mutation ProductSet { productSet { product { id } userErrors { field message } } }",
          variables: { synchronous: true, input: { handle: "x", title: "X", metafields: [metafield] } },
        }),
      });
      return ((await res.json()) as { data: { productSet: { userErrors: { message: string }[] } } }).data.productSet.userErrors;
    };
    const base = { namespace: "shopify", key: "color-pattern" };
    expect(await send({ ...base, type: "single_line_text_field", value: "grey" })).toMatchObject([
      { message: expect.stringMatching(/must be consistent with the definition's type/) },
    ]);
    expect(await send({ ...base, type: "list.metaobject_reference", value: '["gid://shopify/Metaobject/1"]' })).toMatchObject([
      { message: expect.stringMatching(/do not exist or are not of type 'shopify--color-pattern'/) },
    ]);
  });

  it("variants without SKU: created SKU-less, found again by product + options, unchanged on a repeat", async () => {
    const { f, a } = await shopify(["Gray"]);
    expect((await a.upsertProducts?.([tee("plain", false)]))?.[0]?.status).toBe("created");
    expect([...f.state.products.values()][0]?.variants.map((v) => v.sku)).toEqual(["", "", ""]);
    expect((await a.upsertProducts?.([tee("plain", false)]))?.[0]?.status).toBe("unchanged");
    const read = await a.lookupProducts?.({ handles: ["plain"], skus: [] });
    expect(read?.[0]?.variants.map((v) => v.sku)).toEqual([undefined, undefined, undefined]);
  });
});

async function woo(): Promise<{ f: FakeWoo; a: Awaited<ReturnType<typeof woocommerce.create>> }> {
  const f = await startFakeWooCommerce({ currency: "USD" });
  closers.push(f);
  const config = woocommerce.configSchema.parse({
    platform: "woocommerce",
    url: f.url,
    key: f.key.consumerKey,
    secret: f.key.consumerSecret,
    http: { timeoutMs: 5_000, retries: 2, backoffBaseMs: 1, backoffCapMs: 5 },
  });
  return { f, a: await woocommerce.create(config, context([])) };
}

describe("woocommerce: canonical attributes as variation meta", () => {
  it("writes them beside the display values, reads them back, and a repeat writes nothing", async () => {
    const { f, a } = await woo();
    expect((await a.upsertProducts?.([tee("tee", true)]))?.[0]?.status).toBe("created");
    const stored = f.dump()[0];
    expect(stored?.attributes[0]?.options).toEqual(["Bark Grey", "Cherry", "Lagoon"]);
    expect(stored?.variation_objects.map((v) => v.meta_data.find((m) => m.key === "merchops_canonical")?.value)).toEqual([
      '{"colour":"grey"}',
      '{"colour":"red"}',
      '{"colour":"teal"}',
    ]);
    const [read] = (await a.lookupProducts?.({ handles: ["tee"], skus: [] })) ?? [];
    expect(read?.variants.map((v) => [v.options.colour, v.attributes?.colour])).toEqual([
      ["Bark Grey", "grey"],
      ["Cherry", "red"],
      ["Lagoon", "teal"],
    ]);
    const writes = f.state.writes;
    expect((await a.upsertProducts?.([tee("tee", true)]))?.[0]?.status).toBe("unchanged");
    expect(f.state.writes).toBe(writes);
  });

  it("variants without SKU: created SKU-less, matched by options on a repeat, never given a SKU", async () => {
    const { f, a } = await woo();
    expect((await a.upsertProducts?.([tee("plain", false)]))?.[0]?.status).toBe("created");
    expect(f.dump()[0]?.variation_objects.map((v) => v.sku)).toEqual(["", "", ""]);
    expect((await a.upsertProducts?.([tee("plain", false)]))?.[0]?.status).toBe("unchanged");
    const [read] = (await a.lookupProducts?.({ handles: ["plain"], skus: [] })) ?? [];
    expect(read?.variants.map((v) => v.sku)).toEqual([undefined, undefined, undefined]);
  });
});

describe("shopify: answers in another shape", () => {
  it("a product without its handle, a variant without its price: exit 5 naming the operation and the field", async () => {
    const { f, a } = await shopify([]);
    await a.upsertProducts?.([tee("tee", true)]);
    f.setShapeFault({ omit: ["data.nodes[].handle"] });
    const e1 = await a.lookupProducts?.({ handles: ["tee"], skus: [] }).then(
      () => undefined,
      (e: Error & { exitCode?: number }) => e,
    );
    expect(e1?.exitCode).toBe(5);
    expect(e1?.message).toBe("[shopify:test] unexpected response from ProductsByIds: nodes[0].handle is missing");
    f.setShapeFault({ rename: { "data.nodes[].variants.nodes[].price": "amount" } });
    const e2 = await a.lookupProducts?.({ handles: ["tee"], skus: [] }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(e2?.message).toBe("[shopify:test] unexpected response from ProductsByIds: nodes[0].variants.nodes[0].price is missing");
  });
});
