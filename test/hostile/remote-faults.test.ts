/**
 * Hostile class: remote answers broken below and inside JSON (helper H). The wire faults of the
 * fakes' shared lib (garbage instead of HTTP, headers then nothing, a reset mid-body, JSON cut
 * short) against the one HTTP client every adapter uses: a read is retried a bounded number of
 * times and succeeds when the fault passes, or fails with a RemoteError (exit 5) saying what
 * happened; a write is never repeated when it may have landed. And a Shopify listing whose page
 * cursor loops, or that claims more pages without a cursor, stops (exit 5) instead of paging for
 * ever. Faults are counted per request, never timed.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { AdapterContext } from "../../src/adapters/platform.js";
import shopifyPlatform, { createShopifyAdapter, type ShopifyConfig } from "../../src/adapters/platforms/shopify/index.js";
import woocommerce from "../../src/adapters/platforms/woocommerce/index.js";
import { ExitCode } from "../../src/core/errors.js";
import { english } from "../../src/core/i18n/index.js";
import { AdapterError, createHttpClient } from "../../src/http/index.js";
import { type FakeServer, startFakeServer, type WireFault } from "../fakes/lib/index.js";
import { startFakeShopify } from "../fakes/shopify.js";
import { startFakeWooCommerce } from "../fakes/woocommerce.js";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<FakeServer> {
  const page = { items: Array.from({ length: 50 }, (_, i) => ({ id: i, title: `Item ${i}` })) };
  const fake = await startFakeServer({ route: (_m, path) => (path === "/r" ? () => ({ json: page }) : undefined) });
  servers.push(fake);
  return fake;
}

const client = (fake: FakeServer, retries = 3) =>
  createHttpClient({ platform: "test", baseURL: fake.url, backoff: { baseMs: 1, capMs: 5 }, timeoutMs: 400, retries });

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AdapterError);
  expect((e as AdapterError).exitCode).toBe(ExitCode.remoteFailed);
  return e as AdapterError;
}

const KINDS: readonly [WireFault["kind"], RegExp][] = [
  ["garbage", /unreachable after 4 attempts: .*(parse|HPE_|invalid)/i],
  ["headersOnly", /unreachable after 4 attempts: no response within 0\.4 s \(timeout\)/],
  ["resetMidBody", /unreachable after 4 attempts: connection dropped before a complete response/],
  ["truncatedJson", /malformed JSON in response to GET \/r/],
];

describe("wire faults against the HTTP client", () => {
  it.each(KINDS)("%s once: the GET is retried and succeeds", async (kind) => {
    const fake = await server();
    fake.setWireFault({ kind, times: 1 });
    const c = client(fake);
    const res = await c.get<{ items: unknown[] }>("/r");
    expect(res.data.items).toHaveLength(50);
    expect(c.stats.attempts).toBe(2);
  });

  it.each(KINDS)("%s every time: a bounded number of attempts, then a RemoteError saying what happened", async (kind, said) => {
    const fake = await server();
    fake.setWireFault({ kind });
    const c = client(fake);
    const err = await failure(c.get("/r"));
    expect(err.message).toMatch(/^\[test\] /);
    expect(err.message).toMatch(said);
    expect(err.message.length).toBeLessThan(400);
    // A malformed answer is retried once (the same server sends the same page); the rest up to `retries`.
    expect(fake.log.length).toBe(kind === "truncatedJson" ? 2 : 4);
  });

  it.each(["resetMidBody", "headersOnly"] as const)(
    "%s on a POST: not repeated, the message says it may have been applied",
    async (kind) => {
      const fake = await server();
      fake.setWireFault({ kind });
      const err = await failure(client(fake).post("/r", { title: "new" }));
      expect(err.message).toContain("not retried because the request may already have been applied");
      expect(fake.log.length).toBe(1);
    },
  );
});

function pagingContext(): AdapterContext {
  const say = (m: unknown) => void english(m as never);
  return {
    storeName: "main",
    baseDir: process.cwd(),
    timezone: "UTC",
    currency: "USD",
    now: () => new Date("2026-11-25T12:00:00Z"),
    log: { info: say, warn: say, debug: say },
    state: async () => {
      throw new Error("not needed");
    },
    readOptions: {},
  };
}

describe("names that do not resolve", () => {
  it("a DNS failure: retried a bounded number of times, then a RemoteError saying the host name was not found", async () => {
    let asked = 0;
    const lookup = ((_host: string, _opts: unknown, cb: (e: NodeJS.ErrnoException | null) => void) => {
      asked++;
      const e = Object.assign(new Error("getaddrinfo ENOTFOUND shop.invalid"), { code: "ENOTFOUND" });
      cb(e);
    }) as unknown as typeof import("node:dns").lookup;
    const c = createHttpClient({
      platform: "test",
      baseURL: "http://shop.invalid",
      allowInsecure: true,
      lookup,
      backoff: { baseMs: 1, capMs: 5 },
      retries: 2,
    });
    const err = await failure(c.get("/r"));
    expect(err.message).toBe("[test] unreachable after 3 attempts: host name not found (ENOTFOUND)");
    expect(asked).toBe(3);
  });
});

describe("paging that never ends", () => {
  async function shopify() {
    const f = await startFakeShopify({ bucket: { size: 1_000_000, restoreRate: 1_000_000 } });
    servers.push(f);
    const config = (shopifyPlatform.configSchema as unknown as { parse(v: unknown): ShopifyConfig }).parse({
      platform: "shopify",
      shop: f.url,
      token: f.token,
      http: { timeoutMs: 2_000, retries: 2, backoffBaseMs: 1, backoffCapMs: 5 },
    });
    const adapter = createShopifyAdapter(config, pagingContext());
    return { f, adapter };
  }

  /** Every products page says another follows, with the first page's cursor again ("loop") or none. */
  const productPages = (cursor: "loop" | null) => {
    let first: string | null | undefined;
    return {
      rewrite: (body: unknown) => {
        const products = (body as { data?: { products?: { pageInfo?: { hasNextPage: boolean; endCursor: string | null } } } }).data
          ?.products;
        if (products?.pageInfo) {
          first ??= products.pageInfo.endCursor;
          products.pageInfo = { hasNextPage: true, endCursor: cursor === "loop" ? first : null };
        }
        return body;
      },
    };
  };

  it("a cursor that comes back: stopped at the second page with a RemoteError (exit 5), no endless requests", async () => {
    const { f, adapter } = await shopify();
    f.seedProducts(3);
    f.setShapeFault(productPages("loop"));
    const products = adapter.listProducts?.({});
    const err = await failure(
      (async () => {
        for await (const _ of products ?? []) {
          // reading
        }
      })(),
    );
    expect(err.message).toBe("[shopify:main] the products listing repeats a page cursor after 2 pages: the server is paging in a loop");
    expect(err.code).toBe("PAGINATION_LOOP");
    expect(f.log.length).toBeLessThan(10);
  });

  it("more pages claimed without a cursor: stopped with a RemoteError instead of stopping silently or starting over", async () => {
    const { f, adapter } = await shopify();
    f.setShapeFault(productPages(null));
    const err = await failure(
      (async () => {
        for await (const _ of adapter.listProducts?.({}) ?? []) {
          // reading
        }
      })(),
    );
    expect(err.message).toBe("[shopify:main] the products listing says more pages follow page 1 but gives no cursor to ask for them");
    expect(err.code).toBe("PAGINATION_BROKEN");
  });
});

describe("page numbers that are ignored or lie", () => {
  async function woo() {
    const f = await startFakeWooCommerce();
    servers.push(f);
    f.seedOrders(250);
    const config = woocommerce.configSchema.parse({
      platform: "woocommerce",
      url: f.url,
      key: f.key.consumerKey,
      secret: f.key.consumerSecret,
      http: { timeoutMs: 2_000, retries: 2, backoffBaseMs: 1, backoffCapMs: 5 },
    });
    const adapter = await woocommerce.create(config, { ...pagingContext(), storeName: "wc" });
    const read = async () => {
      for await (const _ of adapter.listOrders?.({}) ?? []) {
        // reading
      }
    };
    return { f, read };
  }

  it("a cache that ignores ?page= (every page is page 1): stopped at page 2 (exit 5), naming the likely cause", async () => {
    const { f, read } = await woo();
    let page1: unknown;
    f.setShapeFault({ path: /\/orders$/, rewrite: (body) => (page1 ??= body) });
    const err = await failure(read());
    expect(err.message).toBe(
      "[woocommerce:wc] the GET /orders listing answered page 2 with the same records as page 1: the page number is ignored",
    );
    expect(err.hint).toMatch(/cache/);
  });

  it("wrong types and nulls in an order: a RemoteError (exit 5) naming the order and the field, nothing guessed", async () => {
    const { f, read } = await woo();
    f.setShapeFault({
      path: /\/orders$/,
      rewrite: (body) => {
        const [first] = body as Record<string, unknown>[];
        if (first) {
          first.total = { amount: 1 };
          first.line_items = null;
        }
        return body;
      },
    });
    const err = await failure(read());
    expect(err.message).toMatch(/^\[woocommerce:wc\] unexpected response from GET \/orders: (total|line_items) .*\(order \d+\)$/);
  });

  it("an empty page before the last page claimed: stopped (exit 5) instead of returning part of the orders", async () => {
    const { f, read } = await woo();
    let pages = 0;
    f.setShapeFault({ path: /\/orders$/, rewrite: (body) => (++pages === 2 ? [] : body) });
    const err = await failure(read());
    expect(err.message).toBe("[woocommerce:wc] the GET /orders listing answered page 2 empty but claims 3 pages");
    expect(err.code).toBe("PAGINATION_BROKEN");
  });
});
