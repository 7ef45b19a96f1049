/**
 * The youzan adapter against the fake 有赞云 API: the shared platform contract, the silent-auth token
 * cache and refresh, catalog upsert under injected faults (final shop state equals the input), a repeat
 * upsert that writes nothing, 20,000 trades read incrementally each once, logistics confirm, and the
 * failures a user meets (bad credentials, an API not authorised, malformed JSON, an unreachable host) —
 * with no secret in any message or log line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AdapterContext, PlatformAdapter, PlatformDefinition } from "../../src/adapters/platform.js";
import youzanPlatform, { type YouzanConfig } from "../../src/adapters/platforms/youzan/index.js";
import { english } from "../../src/core/i18n/index.js";
import type { Order, Product } from "../../src/core/model.js";
import { AdapterError } from "../../src/http/index.js";
import { StateStore } from "../../src/store/state-store.js";
import { platformContract } from "../contract/platform-contract.js";
import { type FakeYouzan, type FakeYouzanOptions, fromBeijing, startFakeYouzan, type YzItem } from "../fakes/youzan.js";

const CLIENT_SECRET = "yz-secret-Qm9xLzk3NDE2";
const root = mkdtempSync(join(tmpdir(), "merchops-youzan-"));
const stores: StateStore[] = [];
const fakes: FakeYouzan[] = [];
/** Every line any adapter logged in this file, debug included: checked for secrets at the end. */
const allLogLines: string[] = [];
const allErrors: string[] = [];

afterAll(async () => {
  for (const f of fakes) await f.close();
  for (const s of stores) s.close();
  rmSync(root, { recursive: true, force: true });
});

let storeSeq = 0;
function stateStore(): StateStore {
  const s = StateStore.openSqlite(join(root, `state${++storeSeq}.db`));
  stores.push(s);
  return s;
}

function context(state: StateStore = stateStore()): AdapterContext & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => {
    lines.push(m);
    allLogLines.push(m);
  };
  return {
    storeName: "test",
    baseDir: root,
    timezone: "Asia/Shanghai",
    currency: "CNY",
    now: () => new Date(),
    log: { info: push, warn: push, debug: push },
    state: async () => state,
    readOptions: {},
    lines,
  };
}

async function fake(opts: FakeYouzanOptions = {}): Promise<FakeYouzan> {
  const f = await startFakeYouzan({ clientSecret: CLIENT_SECRET, ...opts });
  fakes.push(f);
  return f;
}

const FAST_HTTP = { timeoutMs: 2_000, retries: 8, backoffBaseMs: 2, backoffCapMs: 40, concurrency: 8 };

function config(f: FakeYouzan, over: Partial<YouzanConfig> = {}): YouzanConfig {
  return {
    platform: "youzan",
    clientId: "yz-client-id",
    clientSecret: CLIENT_SECRET,
    kdtId: "44001234",
    baseUrl: f.url,
    couriers: { sf: "7" },
    http: FAST_HTTP,
    ...over,
  };
}

async function adapter(f: FakeYouzan, over: Partial<YouzanConfig> = {}, ctx = context()): Promise<PlatformAdapter> {
  return youzanPlatform.create(youzanPlatform.configSchema.parse(config(f, over)), ctx);
}

async function collect<T>(it: AsyncIterable<T> | undefined): Promise<T[]> {
  if (!it) throw new Error("the adapter does not implement this list");
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AdapterError);
    const e = error as AdapterError;
    allErrors.push(`${e.message}\n${e.hint ?? ""}`);
    return e;
  }
  throw new Error("expected a failure");
}

const SIZES = ["S", "M", "L"];
function products(count: number, variant = 0): Product[] {
  return Array.from({ length: count }, (_, i) => {
    const handle = `YZ-${String(i + 1).padStart(5, "0")}`;
    const compareAt = i % 3 === 0 ? 19_900 + i : null;
    return {
      id: "",
      handle,
      title: `测试商品 ${i + 1} "经典款"`,
      description: `<p>第 ${i + 1} 号 & 描述${variant ? ` v${variant}` : ""}</p>`,
      status: i % 4 === 3 ? "draft" : "active",
      options: ["colour", "size"],
      variants: SIZES.map((size, j) => ({
        sku: `${handle}-${size}`,
        options: { colour: i % 2 ? "红色" : "黑色", size },
        price: 1_000 + i * 10 + j + variant,
        compareAtPrice: compareAt,
        currency: "CNY",
        inventory: (i * 7 + j) % 50,
      })),
    };
  });
}

/** The fake's items in the same terms as the input, computed from the fake's raw state. */
function shopState(f: FakeYouzan) {
  return [...f.state.items.values()]
    .map((item: YzItem) => ({
      handle: item.item_no,
      title: item.title,
      description: item.desc,
      status: item.is_display === 1 ? "active" : "draft",
      originPrice: item.origin_price,
      skus: item.skus.map((s) => ({
        sku: s.item_no,
        price: s.price,
        quantity: s.quantity,
        specs: s.properties.map((p) => `${p.k}=${p.v}`),
      })),
    }))
    .sort((a, b) => a.handle.localeCompare(b.handle));
}

function expectedState(list: Product[]) {
  return list
    .map((p) => {
      const compare = p.variants[0]?.compareAtPrice;
      return {
        handle: p.handle,
        title: p.title,
        description: p.description ?? "",
        status: p.status,
        originPrice: compare ? `${Math.floor(compare / 100)}.${String(compare % 100).padStart(2, "0")}` : "",
        skus: p.variants.map((v) => ({
          sku: v.sku,
          price: v.price,
          quantity: v.inventory,
          specs: [`颜色=${v.options.colour}`, `尺码=${v.options.size}`],
        })),
      };
    })
    .sort((a, b) => a.handle.localeCompare(b.handle));
}

platformContract(
  "youzan",
  async () => youzanPlatform as PlatformDefinition,
  async () => {
    const f = await fake({ seed: 11 });
    f.seedItems(12);
    f.seedTrades(60);
    return {
      adapter: await adapter(f),
      orderRange: { since: new Date("2024-10-15T00:00:00+08:00"), until: new Date("2024-11-10T00:00:00+08:00") },
    };
  },
);

describe("youzan adapter", () => {
  it("caches the silent-auth token in the state store and refreshes it once when Youzan refuses it", async () => {
    const f = await fake();
    const state = stateStore();
    f.seedItems(3);
    expect((await collect((await adapter(f, {}, context(state))).listProducts?.({}))).length).toBe(3);
    expect(f.tokensIssued()).toBe(1);
    const cached = JSON.parse((await state.getMeta("test", "youzan.token")) ?? "{}") as { access_token?: string; expires_at?: number };
    expect(f.state.tokens.has(cached.access_token ?? "")).toBe(true);
    expect(cached.expires_at).toBeGreaterThan(Date.now());

    // A second process (a new adapter on the same state store) reuses the token.
    const second = await adapter(f, {}, context(state));
    expect((await collect(second.listProducts?.({}))).length).toBe(3);
    expect(f.tokensIssued()).toBe(1);

    // The gateway calls it expired: one new token, the call goes through.
    f.expireTokens();
    expect((await collect(second.listProducts?.({}))).length).toBe(3);
    expect(f.tokensIssued()).toBe(2);
  });

  it("gets a new token before a short-lived one runs out", async () => {
    const f = await fake({ tokenLifeSeconds: 1 });
    f.seedItems(1);
    const a = await adapter(f);
    await collect(a.listProducts?.({}));
    // Life 1 s, refreshed 10% before the end: the second read, 1.1 s later, needs a fresh token.
    await new Promise((r) => setTimeout(r, 1_100));
    await collect(a.listProducts?.({}));
    expect(f.tokensIssued()).toBe(2);
  });

  it("reads items with their SKUs as products: handle = 商家编码, specs as canonical axes, prices in fen", async () => {
    const f = await fake();
    const [onSale, inStock] = f.seedItems(2) as [YzItem, YzItem];
    const listed = await collect((await adapter(f)).listProducts?.({}));
    const byHandle = new Map(listed.map((p) => [p.handle, p]));
    const p = byHandle.get(onSale.item_no) as Product;
    expect(p.status).toBe("active");
    expect(byHandle.get(inStock.item_no)?.status).toBe("draft");
    expect(p.options).toEqual(["colour", "size"]);
    expect(p.description).toBe(onSale.desc);
    expect(p.variants.map((v) => [v.sku, v.price, v.inventory, v.options.colour, v.options.size])).toEqual(
      onSale.skus.map((s) => [s.item_no, s.price, s.quantity, s.properties[0]?.v, s.properties[1]?.v]),
    );
    expect(p.updatedAt?.getTime()).toBe(Math.floor(onSale.update_ms / 1000) * 1000);
  });

  // Volume kept (2,000 products meet every kind of fault many times); nothing is timed, so the
  // timeout is a hang guard sized for a loaded 2-core machine. Slow answers (700 ms) always outlast
  // the client's 400 ms timeout, whatever the load.
  it("upserts 2,000 products x 3 variants through 5xx, 429, dropped and slow answers: the shop ends up exactly as the input", {
    timeout: 600_000,
  }, async () => {
    const f = await fake({
      faults: { error5xx: 0.1, rateLimit429: 0.05, drop: 0.02, slow: 0.01, slowMs: 700, retryAfterSeconds: 0, seed: 5 },
    });
    const input = products(2_000);
    const a = await adapter(f, { http: { ...FAST_HTTP, timeoutMs: 400 } });
    const results: Awaited<ReturnType<NonNullable<PlatformAdapter["upsertProducts"]>>> = [];
    for (let i = 0; i < input.length; i += 250) results.push(...((await a.upsertProducts?.(input.slice(i, i + 250))) ?? []));
    expect(results.map((r) => r.key)).toEqual(input.map((p) => p.handle));
    expect(results.filter((r) => r.status !== "created")).toEqual([]);
    expect(f.server.log.some((e) => e.fault === "dropAfter" && e.path.includes("item.create"))).toBe(true);
    expect(f.state.items.size).toBe(2_000);
    expect(shopState(f)).toEqual(expectedState(input));

    // The same batch again, faults off: nothing to write.
    f.server.setFaults({});
    const writesBefore = (f.calls["youzan.item.create"] ?? 0) + (f.calls["youzan.item.update"] ?? 0);
    const again = await adapter(f);
    const second = await again.upsertProducts?.(input);
    expect(second?.every((r) => r.status === "unchanged")).toBe(true);
    expect((f.calls["youzan.item.create"] ?? 0) + (f.calls["youzan.item.update"] ?? 0)).toBe(writesBefore);

    // A changed price and title are updated in place, not duplicated.
    const changed = products(3, 5);
    const third = await again.upsertProducts?.(changed);
    expect(third?.map((r) => r.status)).toEqual(["updated", "updated", "updated"]);
    expect(f.state.items.size).toBe(2_000);
    expect(shopState(f).slice(0, 3)).toEqual(expectedState(changed));
  });

  it("reports a product Youzan cannot hold as failed without stopping the batch", async () => {
    const f = await fake();
    const [good, bad] = products(2);
    const usd = { ...(bad as Product), variants: (bad as Product).variants.map((v) => ({ ...v, currency: "USD" })) };
    const results = await (await adapter(f)).upsertProducts?.([good as Product, usd]);
    expect(results?.map((r) => r.status)).toEqual(["created", "failed"]);
    expect(results?.[1]?.message).toMatch(/USD.*CNY/);
  });

  it("reads 20,000 trades changed since a bookmark, each once, ascending by update time", async () => {
    const f = await fake({ seed: 3 });
    f.seedItems(20);
    f.seedTrades(20_000);
    const since = new Date("2024-10-20T00:00:00+08:00");
    const orders = await collect((await adapter(f)).listOrders?.({ updatedSince: since }));
    const expected = [...f.state.trades.values()].filter((t) => t.update_ms >= since.getTime()).map((t) => t.tid);
    expect(expected.length).toBeGreaterThan(10_000);
    expect(expected.length).toBeLessThan(20_000);
    expect(orders.length).toBe(expected.length);
    expect(new Set(orders.map((o) => o.id))).toEqual(new Set(expected));
    for (let i = 1; i < orders.length; i++) {
      expect((orders[i] as Order).updatedAt?.getTime()).toBeGreaterThanOrEqual((orders[i - 1] as Order).updatedAt?.getTime() ?? 0);
    }
    // Nothing changed since the last order's update time (+1 s): an incremental sync finds nothing new.
    const last = (orders.at(-1) as Order).updatedAt as Date;
    expect(await collect((await adapter(f)).listOrders?.({ updatedSince: new Date(last.getTime() + 1_000) }))).toEqual([]);
  });

  it("maps a trade's money (yuan strings) to minor units and its status from the trade and refund state", async () => {
    const f = await fake({ seed: 9 });
    f.seedItems(5);
    f.seedTrades(200);
    const orders = new Map((await collect((await adapter(f)).listOrders?.({}))).map((o) => [o.id, o]));
    expect(orders.size).toBe(200);
    for (const t of f.state.trades.values()) {
      const o = orders.get(t.tid) as Order;
      const subtotal = t.lines.reduce((s, l) => s + l.price * l.num, 0);
      expect(o.subtotal).toBe(subtotal);
      expect(o.shippingTotal).toBe(t.post_fee);
      expect(o.total).toBe(t.payment);
      expect(o.discountTotal).toBe(subtotal + t.post_fee - t.payment);
      expect(o.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.discount])).toEqual(
        t.lines.map((l) => [l.outer_sku_id, l.num, l.price, l.price * l.num - l.payment]),
      );
      expect(o.placedAt.getTime()).toBe(t.created_ms);
      const want =
        t.status === "WAIT_BUYER_PAY"
          ? "pending"
          : t.status === "WAIT_SELLER_SEND_GOODS"
            ? t.refund_state === 12
              ? "refunded"
              : "paid"
            : t.status === "TRADE_CLOSE"
              ? t.pay_ms
                ? "refunded"
                : "cancelled"
              : "fulfilled";
      expect(o.status).toBe(want);
    }
  });

  it("confirms shipment (发货) once per tracking number, also when its answer is lost", async () => {
    const f = await fake({ seed: 4 });
    f.seedItems(3);
    const trades = f.seedTrades(40).filter((t) => t.status === "WAIT_SELLER_SEND_GOODS");
    const [first, second] = trades as [(typeof trades)[0], (typeof trades)[0]];
    const a = await adapter(f);
    expect(await a.createFulfillment?.(first.tid, { courier: "sf", trackingNumber: "SF1234567890" })).toMatchObject({ status: "created" });
    expect(await a.createFulfillment?.(first.tid, { courier: "sf", trackingNumber: "SF1234567890" })).toMatchObject({
      status: "unchanged",
    });
    expect(f.state.trades.get(first.tid)?.deliveries).toHaveLength(1);
    expect(f.state.trades.get(first.tid)?.status).toBe("WAIT_BUYER_CONFIRM_GOODS");

    // The confirm is applied but its answer comes after the client's timeout: the re-read finds the shipment.
    f.answerLate("youzan.logistics.online.confirm", 600);
    const slow = await adapter(f, { http: { ...FAST_HTTP, timeoutMs: 300 } });
    expect(await slow.createFulfillment?.(second.tid, { courier: "7", trackingNumber: "SF999" })).toMatchObject({ status: "created" });
    expect(f.state.trades.get(second.tid)?.deliveries).toHaveLength(1);
    expect(f.state.trades.get(second.tid)?.deliveries[0]).toMatchObject({ out_stype: "7", out_sid: "SF999" });
    expect(f.calls["youzan.logistics.online.confirm"]).toBe(2);

    expect(await a.createFulfillment?.(second.tid, { courier: "dhl", trackingNumber: "X1" })).toMatchObject({
      status: "failed",
      message: expect.stringContaining("stores.test.couriers"),
    });
  });

  it("says 401 with Youzan's words and the next step for bad credentials, and check() reports it", async () => {
    const f = await fake();
    const a = await adapter(f, { clientSecret: "wrong-secret-value-123" });
    const e = await failure(collect(a.listOrders?.({})));
    expect(e.exitCode).toBe(5);
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/^\[youzan:test\] 401 .*Client 不存在 \(code 1103\)/);
    expect(e.hint).toMatch(/clientSecret/);
    expect(e.message).not.toContain("wrong-secret-value-123");
    const checked = await a.check?.();
    expect(checked).toMatchObject({ reachable: true, authenticated: false });
    expect(english(checked?.message ?? "")).toMatch(/401/);
  });

  it("names the API that is not authorised, in errors and in check()", async () => {
    const f = await fake({ deniedApis: ["youzan.trades.sold.get"] });
    const a = await adapter(f);
    const e = await failure(collect(a.listOrders?.({})));
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/youzan\.trades\.sold\.get.*无权限/);
    expect(e.hint).toMatch(/authorise the API youzan\.trades\.sold\.get/);
    const checked = await a.check?.();
    // Youzan grants API groups; check() reports the needed APIs those groups cover, minus the refused one.
    expect(checked).toMatchObject({ reachable: true, authenticated: true });
    expect(checked?.scopesGranted).toContain("youzan.items.onsale.get");
    expect(checked?.scopesGranted).not.toContain("youzan.trades.sold.get");
    expect(english(checked?.message ?? "")).toMatch(/not authorised: youzan\.trades\.sold\.get/);
    expect(checked?.scopesNeeded["orders sync"]).toEqual(["youzan.trades.sold.get"]);
  });

  it("reports malformed JSON after one retry of a read", async () => {
    const f = await fake();
    const a = await adapter(f);
    await collect(a.listOrders?.({})); // token first
    f.breakNextResponses(2);
    const e = await failure(collect(a.listOrders?.({})));
    expect(e.message).toMatch(/malformed JSON in response to POST \/api\/youzan\.trades\.sold\.get/);
  });

  it("retries a throttled gateway answer instead of failing", async () => {
    const f = await fake({ throttleEvery: 3 });
    f.seedItems(4);
    f.seedTrades(250);
    expect((await collect((await adapter(f)).listOrders?.({}))).length).toBe(250);
  });

  it("gives up on an unreachable host after its retries with an exit-5 error", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const ctx = context();
    const a = await youzanPlatform.create(
      youzanPlatform.configSchema.parse({
        ...config({ url: `http://127.0.0.1:${port}` } as FakeYouzan),
        http: { ...FAST_HTTP, retries: 2 },
      }),
      ctx,
    );
    const e = await failure(collect(a.listProducts?.({})));
    expect(e.exitCode).toBe(5);
    expect(e.message).toMatch(/^\[youzan:test\] unreachable after 3 attempts: connection refused/);
    expect(await a.check?.()).toMatchObject({ reachable: false, authenticated: false });
  });

  it("rejects a config without platform fields or with unknown keys", () => {
    expect(youzanPlatform.configSchema.safeParse({ platform: "youzan", clientId: "a", clientSecret: "b" }).success).toBe(false);
    expect(
      youzanPlatform.configSchema.safeParse({ platform: "youzan", clientId: "a", clientSecret: "b", kdtId: 1, shop: "x" }).success,
    ).toBe(false);
    expect(youzanPlatform.configSchema.safeParse({ platform: "youzan", clientId: "a", clientSecret: "b", kdtId: "12" }).success).toBe(true);
  });

  it("the fake refuses page sizes above Youzan's caps, as success:false with HTTP 200", async () => {
    const f = await fake();
    const token = (
      (await (
        await fetch(`${f.url}/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ client_id: "yz-client-id", client_secret: CLIENT_SECRET, authorize_type: "silent", grant_id: 44001234 }),
        })
      ).json()) as { data: { access_token: string } }
    ).data.access_token;
    const res = await fetch(`${f.url}/api/youzan.trades.sold.get/4.0.0?access_token=${token}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ page_no: 1, page_size: 101 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: false, message: expect.stringContaining("page_size") });
    expect(fromBeijing("2024-11-03 10:00:00")).toBe(Date.parse("2024-11-03T02:00:00Z"));
  });

  it("never puts the client secret or a token in a message or log line", () => {
    const tokens = fakes.flatMap((f) => [...f.state.tokens.keys()]);
    expect(tokens.length).toBeGreaterThan(5);
    expect(allLogLines.some((l) => l.includes("access_token=***"))).toBe(true);
    for (const line of [...allLogLines, ...allErrors]) {
      expect(line).not.toContain(CLIENT_SECRET);
      for (const t of tokens) expect(line).not.toContain(t);
    }
  });
});

describe("youzan: variants without SKU", () => {
  it("are created without a 商家编码, matched by spec values on a repeat, and read back without a SKU", async () => {
    const f = await fake();
    const yz = await adapter(f);
    const product: Product = {
      id: "",
      handle: "plain-tee",
      title: "Plain tee",
      status: "active",
      options: ["size"],
      variants: ["S", "M"].map((size) => ({ options: { size }, attributes: { size }, price: 9900, currency: "CNY" })),
    };
    expect((await yz.upsertProducts?.([product]))?.[0]?.status).toBe("created");
    expect((await yz.upsertProducts?.([product]))?.[0]?.status).toBe("unchanged");
    const read = (await collect(yz.listProducts?.({}))).find((p) => p.handle === "plain-tee");
    expect(read?.variants.map((v) => [v.sku, v.options.size])).toEqual([
      [undefined, "S"],
      [undefined, "M"],
    ]);
  });
});
