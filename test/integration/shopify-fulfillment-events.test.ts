/**
 * Shipment statuses onto Shopify fulfillments (updateShipmentStatus -> fulfillmentEventCreate)
 * against the fake Shopify server: the status mapping, the fulfillment found by tracking number,
 * idempotency (a status already shown, a stale update, a lost answer never makes two events),
 * failures as results (unknown order, number or cancelled fulfillment) and the write_fulfillments scope.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { ShipmentStatus } from "../../src/adapters/courier.js";
import { SHIPMENT_STATUSES } from "../../src/adapters/courier.js";
import type { AdapterContext } from "../../src/adapters/platform.js";
import shopifyPlatform, {
  createShopifyAdapter,
  type ShopifyAdapter,
  type ShopifyConfig,
} from "../../src/adapters/platforms/shopify/index.js";
import { AdapterError } from "../../src/http/index.js";
import { type FakeFulfillment, type FakeOrder, type FakeShopify, startFakeShopify } from "../fakes/shopify.js";

const fakes: FakeShopify[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

async function fake(opts: Parameters<typeof startFakeShopify>[0] = {}): Promise<FakeShopify> {
  const f = await startFakeShopify({ bucket: { size: 1_000_000, restoreRate: 1_000_000 }, ...opts });
  fakes.push(f);
  return f;
}

function context(): AdapterContext {
  return {
    storeName: "test",
    baseDir: process.cwd(),
    timezone: "UTC",
    currency: "USD",
    now: () => new Date("2026-11-25T12:00:00Z"),
    log: { info: () => {}, warn: () => {}, debug: () => {} },
    state: async () => {
      throw new Error("the shopify adapter should not need the state store");
    },
    readOptions: {},
  };
}

function adapter(f: FakeShopify, over: Partial<ShopifyConfig> = {}): ShopifyAdapter {
  const config = (shopifyPlatform.configSchema as unknown as { parse(v: unknown): ShopifyConfig }).parse({
    platform: "shopify",
    shop: f.url,
    token: f.token,
    http: { timeoutMs: 600, retries: 12, backoffBaseMs: 5, backoffCapMs: 40 },
    ...over,
  });
  return createShopifyAdapter(config, context());
}

let nextFulfillmentId = 4_400_000_001;
/** Gives the order a shipped fulfillment carrying the tracking number, as fulfillmentCreate would have. */
function ship(order: FakeOrder, number: string, over: Partial<FakeFulfillment> = {}): FakeFulfillment {
  const fulfillment: FakeFulfillment = {
    id: nextFulfillmentId++,
    status: "SUCCESS",
    company: "UPS",
    number,
    createdAt: "2026-11-20T08:00:00Z",
    ...over,
  };
  order.fulfillments.push(fulfillment);
  return fulfillment;
}

const sends = (f: FakeShopify) => f.stats.operations.FulfillmentEventCreate ?? 0;
const at = (iso: string) => new Date(iso);

/** What Shopify should show for each of our statuses, written out from the brief (not from the adapter's table). */
const EXPECTED: Record<ShipmentStatus, { status: string; message?: string } | null> = {
  pending: null,
  info_received: { status: "CONFIRMED" },
  in_transit: { status: "IN_TRANSIT" },
  out_for_delivery: { status: "OUT_FOR_DELIVERY" },
  available_for_pickup: { status: "READY_FOR_PICKUP" },
  failed_attempt: { status: "ATTEMPTED_DELIVERY" },
  exception: { status: "DELAYED" },
  returning: { status: "FAILURE", message: "Returning to sender" },
  returned: { status: "FAILURE", message: "Returned to sender" },
  delivered: { status: "DELIVERED" },
  expired: null,
};

describe("shopify updateShipmentStatus", () => {
  it("maps every shipment status, accepted by the oldest API version the fake serves", async () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...SHIPMENT_STATUSES].sort());
    const f = await fake();
    const orders = f.seedOrders(SHIPMENT_STATUSES.length);
    const a = adapter(f, { apiVersion: "2025-01" });
    for (const [i, status] of SHIPMENT_STATUSES.entries()) {
      const order = orders[i] as FakeOrder;
      const fulfillment = ship(order, `1ZMAP${i}`);
      const before = sends(f);
      const r = await a.updateShipmentStatus?.(order.name, { trackingNumber: `1ZMAP${i}`, status, at: at("2026-11-21T10:00:00Z") });
      const expected = EXPECTED[status];
      if (expected === null) {
        expect(r).toMatchObject({ key: `1ZMAP${i}`, status: "unchanged" });
        expect(r?.message).toContain(status);
        expect(sends(f)).toBe(before);
        expect(fulfillment.events ?? []).toEqual([]);
      } else {
        expect(r).toEqual({ key: `1ZMAP${i}`, status: "updated", remoteId: String(fulfillment.id) });
        expect(fulfillment.events?.map((e) => [e.status, e.message])).toEqual([[expected.status, expected.message ?? null]]);
      }
    }
  });

  it("sends status, time, city and message to the fulfillment holding the number; the same update again is unchanged", async () => {
    const f = await fake();
    const [order] = f.seedOrders(1);
    if (!order) throw new Error("no order seeded");
    const other = ship(order, "1ZFIRST");
    const target = ship(order, "1ZSECOND", { company: "DHL Express" });
    const a = adapter(f);
    const update = {
      trackingNumber: "1ZSECOND",
      status: "in_transit" as const,
      at: at("2026-11-21T09:15:42.789Z"),
      location: "Leipzig",
      message: "Departed hub",
    };
    const r = await a.updateShipmentStatus?.(order.name, update);
    expect(r).toEqual({ key: "1ZSECOND", status: "updated", remoteId: String(target.id) });
    expect(other.events ?? []).toEqual([]);
    expect(target.events).toHaveLength(1);
    expect(target.events?.[0]).toMatchObject({
      status: "IN_TRANSIT",
      happenedAt: "2026-11-21T09:15:42Z",
      city: "Leipzig",
      message: "Departed hub",
    });
    expect(sends(f)).toBe(1);
    // By numeric id and by GID as well as by name: all the same order, nothing sent twice.
    for (const ref of [String(order.id), `gid://shopify/Order/${order.id}`, order.name.slice(1)]) {
      expect((await a.updateShipmentStatus?.(ref, update))?.status).toBe("unchanged");
    }
    expect(sends(f)).toBe(1);
    expect(target.events).toHaveLength(1);
  });

  it("follows a parcel to delivery and never moves it backwards", async () => {
    const f = await fake();
    const [order] = f.seedOrders(1);
    if (!order) throw new Error("no order seeded");
    const fulfillment = ship(order, "SF1234567890");
    const a = adapter(f);
    const steps: [ShipmentStatus, string][] = [
      ["info_received", "2026-11-20T10:00:00Z"],
      ["in_transit", "2026-11-21T10:00:00Z"],
      ["out_for_delivery", "2026-11-22T07:00:00Z"],
      ["delivered", "2026-11-22T15:30:00Z"],
    ];
    for (const [status, when] of steps) {
      const r = await a.updateShipmentStatus?.(order.name, { trackingNumber: "SF1234567890", status, at: at(when) });
      expect(r?.status).toBe("updated");
    }
    expect(fulfillment.events?.map((e) => [e.status, e.happenedAt])).toEqual(steps.map(([s, when]) => [EXPECTED[s]?.status, when]));
    // A late answer from the courier (in transit, before the delivery) changes nothing.
    const late = await a.updateShipmentStatus?.(order.name, {
      trackingNumber: "SF1234567890",
      status: "in_transit",
      at: at("2026-11-21T18:00:00Z"),
    });
    expect(late).toMatchObject({ status: "unchanged", remoteId: String(fulfillment.id) });
    expect(late?.message).toContain("DELIVERED");
    expect(fulfillment.events).toHaveLength(steps.length);
    expect(sends(f)).toBe(steps.length);
  });

  it("exceptions are DELAYED; returns are FAILURE with words, one event for returning and returned", async () => {
    const f = await fake();
    const [order] = f.seedOrders(1);
    if (!order) throw new Error("no order seeded");
    const fulfillment = ship(order, "YT2400000001");
    const a = adapter(f);
    const push = (status: ShipmentStatus, when: string, message?: string) =>
      a.updateShipmentStatus?.(order.name, { trackingNumber: "YT2400000001", status, at: at(when), ...(message ? { message } : {}) });
    expect((await push("exception", "2026-11-21T10:00:00Z", "Customs inspection"))?.status).toBe("updated");
    expect((await push("returning", "2026-11-23T10:00:00Z", "Refused by recipient"))?.status).toBe("updated");
    // Shopify has one FAILURE for both: the parcel coming back is already shown.
    expect((await push("returned", "2026-11-28T10:00:00Z"))?.status).toBe("unchanged");
    expect(fulfillment.events?.map((e) => [e.status, e.message])).toEqual([
      ["DELAYED", "Customs inspection"],
      ["FAILURE", "Returning to sender: Refused by recipient"],
    ]);
  });

  it("an unknown order, an unknown tracking number or a cancelled fulfillment is a failed result, nothing sent", async () => {
    const f = await fake();
    const [order] = f.seedOrders(1);
    if (!order) throw new Error("no order seeded");
    ship(order, "1ZLIVE");
    ship(order, "1ZVOID", { status: "CANCELLED" });
    const a = adapter(f);
    const update = (trackingNumber: string) => ({ trackingNumber, status: "in_transit" as const, at: at("2026-11-21T10:00:00Z") });

    const noOrder = await a.updateShipmentStatus?.("#999999", update("1ZLIVE"));
    expect(noOrder).toMatchObject({ key: "1ZLIVE", status: "failed" });
    expect(noOrder?.message).toContain("#999999");

    const noNumber = await a.updateShipmentStatus?.(order.name, update("1ZNOWHERE"));
    expect(noNumber).toMatchObject({ key: "1ZNOWHERE", status: "failed" });
    expect(noNumber?.message).toContain(order.name);
    expect(noNumber?.message).toContain("1ZNOWHERE");

    const cancelled = await a.updateShipmentStatus?.(order.name, update("1ZVOID"));
    expect(cancelled).toMatchObject({ status: "failed" });
    expect(cancelled?.message).toContain("cancelled");
    expect(sends(f)).toBe(0);
  });

  it("a fulfillment gone between read and write: the fake's userError comes back as a failed result", async () => {
    const f = await fake();
    const [order] = f.seedOrders(1);
    if (!order) throw new Error("no order seeded");
    const fulfillment = ship(order, "1ZGONE");
    // The read sees the fulfillment's id once; after that it answers to another id, as if it had been deleted meanwhile.
    const originalId = fulfillment.id;
    let reads = 0;
    Object.defineProperty(fulfillment, "id", { get: () => (reads++ === 0 ? originalId : originalId + 1_000_000) });
    const a = adapter(f);
    const r = await a.updateShipmentStatus?.(order.name, { trackingNumber: "1ZGONE", status: "delivered", at: at("2026-11-22T10:00:00Z") });
    expect(r).toMatchObject({ key: "1ZGONE", status: "failed", remoteId: String(originalId) });
    expect(r?.message).toBe("fulfillmentEvent.fulfillmentId: Fulfillment does not exist.");
    expect(sends(f)).toBe(1);
    expect(fulfillment.events ?? []).toEqual([]);
  });

  it("lost answers and server errors never make two events", async () => {
    const f = await fake();
    const orders = f.seedOrders(15);
    const fulfillments = orders.map((o, i) => ship(o, `JD00${1000 + i}`));
    const a = adapter(f);
    f.setFaults({ drop: 0.3, error5xx: 0.1, seed: 9 });
    for (const [i, o] of orders.entries()) {
      const r = await a.updateShipmentStatus?.(o.name, {
        trackingNumber: `JD00${1000 + i}`,
        status: "out_for_delivery",
        at: at("2026-11-22T07:00:00Z"),
      });
      expect(r?.status).toBe("updated");
    }
    f.setFaults({});
    expect(f.log.filter((e) => e.fault === "dropAfter").length).toBeGreaterThan(3);
    // Each event was applied exactly once: a dropped answer was found by reading, never resent.
    expect(sends(f)).toBe(orders.length);
    for (const fulfillment of fulfillments) {
      expect(fulfillment.events?.map((e) => e.status)).toEqual(["OUT_FOR_DELIVERY"]);
    }
  });

  it("needs write_fulfillments, named by the error and by check", async () => {
    const f = await fake({ scopes: ["read_orders", "write_merchant_managed_fulfillment_orders"] });
    const [order] = f.seedOrders(1);
    if (!order) throw new Error("no order seeded");
    ship(order, "1ZSCOPE");
    const a = adapter(f);
    let error: unknown;
    try {
      await a.updateShipmentStatus?.(order.name, { trackingNumber: "1ZSCOPE", status: "delivered", at: at("2026-11-22T10:00:00Z") });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).code).toBe("ACCESS_DENIED");
    expect((error as AdapterError).message).toContain("write_fulfillments");
    const check = await a.check?.();
    expect(check?.scopesNeeded["shipments sync"]).toContain("write_fulfillments");
    expect(check?.scopesGranted).not.toContain("write_fulfillments");
  });
});
