/**
 * The state store contract: every store operation the services use, run against each backend
 * (SQLite file, PostgreSQL database) by test/integration/state-store.test.ts. A backend passes when
 * it reads back exactly what was written, rolls back what a failed transaction wrote, and claims a
 * courier query for exactly one of two racing connections.
 */
import { describe, expect, it } from "vitest";
import { LockHeldError } from "../../src/core/errors.js";
import type { Order, Product } from "../../src/core/model.js";
import { DigestMemory, SyncRuns } from "../../src/store/digest-memory.js";
import { ImportJournal } from "../../src/store/import-journal.js";
import { LocalData } from "../../src/store/local-data.js";
import { acquireLock, heldLocks } from "../../src/store/lock.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { ShipmentsData } from "../../src/store/shipments-data.js";
import type { StateStore } from "../../src/store/state-store.js";

const T0 = Date.parse("2026-11-01T00:00:00Z");

export function order(i: number, extra: Partial<Order> = {}): Order {
  return {
    id: `o${String(i).padStart(5, "0")}`,
    number: `#${1000 + i}`,
    placedAt: new Date(T0 + i * 60_000),
    currency: "CNY",
    status: "paid",
    test: false,
    customerId: `c${i % 7}`,
    subtotal: 10_000 + i,
    discountTotal: 100,
    shippingTotal: 800,
    taxTotal: 0,
    total: 10_700 + i,
    updatedAt: new Date(T0 + i * 60_000 + 5),
    lines: [
      { sku: `SKU-${i % 3}`, quantity: 1, unitPrice: 5_000, discount: 50, options: { size: "M" }, title: "T 恤" },
      { sku: "SKU-X", quantity: 2, unitPrice: 2_500 + i, discount: 50 },
    ],
    ...extra,
  };
}

function product(handle: string, skus: string[]): Product {
  return {
    id: handle,
    handle,
    title: `Title ${handle}`,
    status: "active",
    tags: ["新品"],
    options: ["size"],
    variants: skus.map((sku, k) => ({
      sku,
      options: { size: ["S", "M", "L", "XL"][k] as string },
      price: 9_900 + k,
      compareAtPrice: null,
      cost: 3_000,
      costDecimal: "30.0045",
      currency: "CNY",
      weightGrams: 200,
      inventory: 5,
    })),
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export interface ContractBackend {
  /** A fresh, migrated, empty state store. */
  open(): Promise<StateStore>;
  /** A second connection to the same state (another "host"). */
  reopen(state: StateStore): Promise<StateStore>;
}

export function stateStoreContract(name: string, backend: ContractBackend): void {
  describe(`state store contract: ${name}`, () => {
    it("is at the latest schema version, with nothing pending", async () => {
      const state = await backend.open();
      try {
        expect(await state.status()).toMatchObject({ version: MIGRATIONS.length, pending: 0 });
      } finally {
        await state.close();
      }
    });

    it("meta and bookmarks: read back what was written, the last write wins", async () => {
      const state = await backend.open();
      try {
        expect(await state.getMeta("s", "k")).toBeUndefined();
        await state.setMeta("s", "k", "one");
        await state.setMeta("s", "k", "二");
        expect(await state.getMeta("s", "k")).toBe("二");
        await state.setBookmark("s", "orders", JSON.stringify({ at: "2026-11-01T00:00:00.000Z", ids: ["a"] }));
        expect(JSON.parse((await state.getBookmark("s", "orders")) as string)).toEqual({ at: "2026-11-01T00:00:00.000Z", ids: ["a"] });
        expect(await state.getBookmark("other", "orders")).toBeUndefined();
      } finally {
        await state.close();
      }
    });

    it("a transaction that throws leaves nothing behind; one that returns lands whole", async () => {
      const state = await backend.open();
      const data = new LocalData(state, "shop");
      try {
        await expect(
          state.transaction(async () => {
            await data.insertOrders([order(1)]);
            await state.setBookmark("shop", "orders", "{}");
            throw new Error("boom");
          }),
        ).rejects.toThrow("boom");
        expect(await data.orderCount()).toBe(0);
        expect(await state.getBookmark("shop", "orders")).toBeUndefined();
        await state.transaction(async () => {
          await data.insertOrders([order(1)]);
          await state.setBookmark("shop", "orders", "{}");
        });
        expect(await data.orderCount()).toBe(1);
        expect(await state.getBookmark("shop", "orders")).toBe("{}");
      } finally {
        await state.close();
      }
    });

    it("orders: stored with lines and refunds, paged back in time order, found by id or number", async () => {
      const state = await backend.open();
      const data = new LocalData(state, "shop");
      try {
        expect(await data.isEmpty()).toBe(true);
        const orders = Array.from({ length: 2_300 }, (_, i) => order(i));
        // An order listed twice in one batch (changed while paging): the last version wins.
        orders.push(order(5, { status: "refunded", refunds: [] }));
        orders[7] = order(7, {
          refunds: [
            {
              id: "r7",
              orderId: "o00007",
              sku: "SKU-1",
              quantity: 1,
              refundAmount: 5_000,
              currency: "CNY",
              requestedAt: new Date(T0 + 7 * 60_000 + 1_000),
              reason: "尺码偏小",
            },
          ],
        });
        await state.transaction(async () => {
          await data.insertOrders(orders);
        });
        expect(await data.isEmpty()).toBe(false);
        expect(await data.orderCount()).toBe(2_300);
        const back = await collect(data.orders({}));
        expect(back).toHaveLength(2_300);
        expect(back.map((o) => o.id)).toEqual(orders.slice(0, 2_300).map((o) => o.id));
        const o1 = back[1] as Order;
        expect(o1).toMatchObject({ id: "o00001", number: "#1001", total: 10_701, customerId: "c1", status: "paid" });
        expect(o1.lines).toEqual([
          { sku: "SKU-1", quantity: 1, unitPrice: 5_000, discount: 50, options: { size: "M" }, title: "T 恤" },
          { sku: "SKU-X", quantity: 2, unitPrice: 2_501, discount: 50 },
        ]);
        expect(back[5]?.status).toBe("refunded");
        const range = await collect(data.orders({ since: new Date(T0 + 10 * 60_000), until: new Date(T0 + 20 * 60_000) }));
        expect(range.map((o) => o.id)).toEqual(Array.from({ length: 10 }, (_, i) => `o${String(10 + i).padStart(5, "0")}`));
        const refunds = await collect(data.returns({}));
        expect(refunds).toEqual([expect.objectContaining({ id: "r7", orderId: "o00007", refundAmount: 5_000, reason: "尺码偏小" })]);
        expect([...(await data.knownOrderIds(["o00001", "nope"]))]).toEqual(["o00001"]);
        const found = await data.findOrders(["#1003", "o00004", "#9999"]);
        expect(found.get("#1003")).toEqual({ id: "o00003", number: "#1003", status: "paid" });
        expect(found.get("o00004")?.id).toBe("o00004");
        expect(found.has("#9999")).toBe(false);
        expect(await state.transaction(() => data.markFulfilled("o00003"))).toEqual({ found: true, status: "paid" });
        expect((await data.findOrders(["o00003"])).get("o00003")?.status).toBe("fulfilled");
        expect(await data.markFulfilled("nope")).toEqual({ found: false });
      } finally {
        await state.close();
      }
    });

    it("traffic and tickets read back as written", async () => {
      const state = await backend.open();
      const data = new LocalData(state, "shop");
      try {
        await data.insertTraffic([
          { date: "2026-11-02", source: "paid_search", pageViews: 10, visitors: 5, sessions: 6, adSpend: 1_234, currency: "CNY" },
          { date: "2026-11-01", source: "all", pageViews: 100, visitors: 50, sessions: null, adSpend: null },
        ]);
        await data.insertTickets([
          {
            id: "t1",
            channel: "chat",
            createdAt: new Date(T0),
            firstResponseAt: new Date(T0 + 60_000),
            resolvedAt: null,
            status: "open",
            rating: 5,
            orderId: "o00001",
          },
        ]);
        expect(await collect(data.traffic({ first: "2026-11-01", last: "2026-11-30" }))).toEqual([
          { date: "2026-11-01", source: "all", pageViews: 100, visitors: 50, sessions: null, adSpend: null },
          { date: "2026-11-02", source: "paid_search", pageViews: 10, visitors: 5, sessions: 6, adSpend: 1_234, currency: "CNY" },
        ]);
        expect(await collect(data.tickets({}))).toEqual([
          {
            id: "t1",
            channel: "chat",
            createdAt: new Date(T0),
            firstResponseAt: new Date(T0 + 60_000),
            resolvedAt: null,
            status: "open",
            rating: 5,
            orderId: "o00001",
          },
        ]);
      } finally {
        await state.close();
      }
    });

    it("catalog: products with variants written, looked up by handle or SKU, pruned, deleted", async () => {
      const state = await backend.open();
      const data = new LocalData(state, "shop");
      try {
        await state.transaction(() => data.writeProducts([{ product: product("tee", ["T-S", "T-M", "T-L"]), id: "tee", isNew: true }]));
        await data.insertProducts([product("cap", ["C-1"])]);
        expect(await data.catalogCounts()).toEqual({ products: 2, variants: 4 });
        const bySku = await data.lookupProducts([], ["T-M"]);
        expect(bySku.map((p) => p.handle)).toEqual(["tee"]);
        expect(bySku[0]?.variants.map((v) => v.sku)).toEqual(["T-S", "T-M", "T-L"]);
        expect(bySku[0]?.variants[0]).toMatchObject({ costDecimal: "30.0045", price: 9_900, options: { size: "S" } });
        expect(bySku[0]?.tags).toEqual(["新品"]);
        expect((await data.lookupProducts(["cap", "nope"], [])).map((p) => p.handle)).toEqual(["cap"]);
        // Rewritten with two variants: the third is pruned.
        await data.writeProduct(product("tee", ["T-S", "T-M"]), "tee");
        expect(await data.catalogCounts()).toEqual({ products: 2, variants: 3 });
        expect((await collect(data.products())).map((p) => [p.handle, p.variants.length])).toEqual([
          ["cap", 1],
          ["tee", 2],
        ]);
        expect(await data.deleteProduct("cap")).toBe(true);
        expect(await data.deleteProduct("cap")).toBe(false);
        await data.clear();
        expect(await data.catalogCounts()).toEqual({ products: 0, variants: 0 });
      } finally {
        await state.close();
      }
    });

    it("shipments: upserted, events kept once, open and all listed in order", async () => {
      const state = await backend.open();
      const data = new ShipmentsData(state, "shop");
      const now = new Date(T0);
      try {
        await data.upsert(
          [
            { trackingNumber: "SF1", courier: "sf", orderId: "o1", status: "in_transit", lines: [{ sku: "A", quantity: 1 }] },
            { trackingNumber: "SF2", courier: "sf", orderId: "o2", status: "delivered", deliveredAt: new Date(T0 + 1) },
          ],
          now,
        );
        expect(await data.count()).toBe(2);
        expect((await data.open()).map((s) => s.trackingNumber)).toEqual(["SF1"]);
        expect((await data.get(["SF2", "nope"])).get("SF2")).toMatchObject({ status: "delivered", deliveredAt: new Date(T0 + 1) });
        const ev = { at: new Date(T0 + 5), status: "in_transit" as const, description: "到达【深圳转运中心】", location: "深圳" };
        await data.addEvents("SF1", [ev, ev]);
        await data.addEvents("SF1", [ev, { at: new Date(T0 + 9), status: "out_for_delivery" as const, description: "派送中" }]);
        expect(await data.events("SF1")).toEqual([ev, { at: new Date(T0 + 9), status: "out_for_delivery", description: "派送中" }]);
        expect((await data.all()).map((s) => s.lines ?? null)).toEqual([[{ sku: "A", quantity: 1 }], null]);
      } finally {
        await state.close();
      }
    });

    it("courier query guard: checked and taken in one statement, exactly once across two connections", async () => {
      const a = await backend.open();
      const b = await backend.reopen(a);
      try {
        const numbers = Array.from({ length: 200 }, (_, i) => `KD${i}`);
        const at = new Date(T0);
        const notAfter = new Date(T0 - 30 * 60_000);
        const [x, y] = await Promise.all([
          new ShipmentsData(a, "shop").claimQueries("kuaidi100", numbers, at, notAfter),
          new ShipmentsData(b, "shop").claimQueries("kuaidi100", numbers, at, notAfter),
        ]);
        expect(x.size + y.size).toBe(200);
        for (const n of numbers) expect(x.has(n) !== y.has(n)).toBe(true);
        // 29 minutes later: nothing is due; 30 minutes later: everything is.
        const later = (min: number) => new Date(T0 + min * 60_000);
        const data = new ShipmentsData(a, "shop");
        expect((await data.claimQueries("kuaidi100", numbers, later(29), later(-1))).size).toBe(0);
        expect((await data.claimQueries("kuaidi100", numbers, later(30), later(0))).size).toBe(200);
        expect((await data.queriedAt("kuaidi100", ["KD1"])).get("KD1")).toEqual(later(30));
        await data.recordQueries("kuaidi100", ["KD1"], later(31));
        expect((await data.queriedAt("kuaidi100", ["KD1"])).get("KD1")).toEqual(later(31));
        // Another provider has its own clock.
        expect((await data.claimQueries("other", ["KD1"], later(30), later(0))).size).toBe(1);
      } finally {
        await b.close();
        await a.close();
      }
    });

    it("import journal: a run, its items, found again while unfinished", async () => {
      const state = await backend.open();
      const journal = new ImportJournal(state);
      try {
        const run = await journal.start("shop", "catalog import", "fp", "upsert");
        expect(await journal.unfinished("shop", "catalog import", "fp")).toBe(run);
        await journal.record(run, [
          { key: "tee", status: "created", remoteId: "tee" },
          { key: "cap", status: "error", message: "refused" },
        ]);
        expect(await journal.done(run, ["tee", "cap", "new"])).toEqual(
          new Map([
            ["tee", { status: "created", message: null }],
            ["cap", { status: "error", message: "refused" }],
          ]),
        );
        await journal.finish(run, "interrupted");
        expect(await journal.unfinished("shop", "catalog import", "fp")).toBe(run);
        await journal.reopen(run);
        await journal.finish(run, "finished");
        expect(await journal.unfinished("shop", "catalog import", "fp")).toBeUndefined();
        expect(await journal.start("shop", "catalog import", "fp", "upsert")).toBeGreaterThan(run);
      } finally {
        await state.close();
      }
    });

    it("digest memory and sync runs", async () => {
      const state = await backend.open();
      try {
        const memory = new DigestMemory(state, "shop");
        await memory.remember([{ key: "k1", section: "kpi" }], new Date(T0));
        expect([...(await memory.reported(["k1", "k2"]))]).toEqual(["k1"]);
        expect(await memory.lastDigestAt()).toEqual(new Date(T0));
        expect(await memory.forgetResolved(["kpi"], [])).toBe(1);
        const runs = new SyncRuns(state);
        await runs.succeeded("shop", "orders", new Date(T0));
        await runs.failed("shop", "orders", new Date(T0 + 1), "boom");
        expect(await runs.get("shop", "orders")).toEqual({
          lastSuccessAt: new Date(T0),
          lastFailureAt: new Date(T0 + 1),
          lastError: "boom",
          runStartedAt: null,
          runCompletedAt: new Date(T0),
        });
        // A run that starts and dies: started, not completed; the last success stays.
        await runs.started("shop", "orders", new Date(T0 + 2));
        expect(await runs.get("shop", "orders")).toMatchObject({
          lastSuccessAt: new Date(T0),
          runStartedAt: new Date(T0 + 2),
          runCompletedAt: null,
        });
      } finally {
        await state.close();
      }
    });

    it("locks: one holder per store and job, named to the second; free again once released", async () => {
      const a = await backend.open();
      const b = await backend.reopen(a);
      try {
        const lock = await acquireLock(a, "shop", "orders sync", { command: "merchops orders sync (first)" });
        const err = await acquireLock(b, "shop", "orders sync", { command: "merchops orders sync (second)" }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(LockHeldError);
        expect((err as LockHeldError).message).toContain(`pid ${process.pid}`);
        expect((err as LockHeldError).message).toContain("(first)");
        expect((await heldLocks(b)).map((l) => [l.store, l.job, l.command])).toEqual([
          ["shop", "orders sync", "merchops orders sync (first)"],
        ]);
        const other = await acquireLock(b, "shop", "kpi report", { command: "merchops kpi report" });
        await other.release();
        await lock.release();
        expect(await heldLocks(b)).toEqual([]);
        const again = await acquireLock(b, "shop", "orders sync", { command: "merchops orders sync (second)" });
        await again.release();
      } finally {
        await b.close();
        await a.close();
      }
    });
  });
}
