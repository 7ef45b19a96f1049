/**
 * Tracking numbers onto Shopify orders: the order's open fulfillment orders -> fulfillmentCreate
 * with trackingInfo. Idempotent by tracking number: an order already holding a fulfillment with
 * that number is "unchanged", and after an ambiguous failure (timeout, dropped answer, 5xx) the
 * order is read again before anything is sent twice.
 *
 * Shipment statuses onto those fulfillments: fulfillmentEventCreate on the fulfillment that holds
 * the tracking number, so the order status page shows where the parcel is. Idempotent by status:
 * a status the fulfillment already shows (its newest event) is "unchanged", and so is an update
 * older than what Shopify already shows, so a late answer never moves a parcel backwards.
 */

import { type Message, msg } from "../../../core/i18n/index.js";
import { AdapterError } from "../../../http/index.js";
import type { ShipmentStatus } from "../../courier.js";
import { type FulfillmentRequest, resultWith, type UpsertResult } from "../../platform.js";
import { formatUserErrors, searchValue } from "./catalog.js";
import { legacyId } from "./products.js";
import {
  estimateCost,
  FULFILLMENT_CREATE,
  FULFILLMENT_EVENT_CREATE,
  ORDER_BY_NAME,
  ORDER_FULFILLMENT,
  ORDER_FULFILLMENT_EVENTS,
} from "./queries.js";
import type { ShopifySession } from "./session.js";
import {
  fulfillmentCreateAnswer,
  fulfillmentEventCreateAnswer,
  orderByNameAnswer,
  orderEventsAnswer,
  orderFulfillmentAnswer,
} from "./wire.js";

interface FulfillmentOrderNode {
  id: string;
  status: string;
  lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { id: string; sku: string | null } }[] };
}
interface OrderFulfillmentNode {
  id: string;
  name: string;
  fulfillments: { id: string; status: string; trackingInfo: { company: string | null; number: string | null }[] }[];
  fulfillmentOrders: { nodes: FulfillmentOrderNode[] };
}

interface FulfillmentEventsNode {
  id: string;
  status: string;
  displayStatus: string | null;
  trackingInfo: { company: string | null; number: string | null }[];
  events: { nodes: { id: string; status: string; happenedAt: string }[] };
}
interface OrderEventsNode {
  id: string;
  name: string;
  fulfillments: FulfillmentEventsNode[];
}

/** Shopify's FulfillmentEventStatus values (Admin API 2025-01 and later). */
export type ShopifyEventStatus =
  | "LABEL_PRINTED"
  | "LABEL_PURCHASED"
  | "CONFIRMED"
  | "IN_TRANSIT"
  | "OUT_FOR_DELIVERY"
  | "READY_FOR_PICKUP"
  | "ATTEMPTED_DELIVERY"
  | "DELAYED"
  | "FAILURE"
  | "DELIVERED";

/**
 * Our shipment status -> the event Shopify shows, with the words sent along when the status alone
 * would mislead. null: Shopify has no such state, nothing is sent.
 * - exception -> DELAYED, not FAILURE: most courier exceptions (customs hold, address query,
 *   weather) resolve and the parcel moves on, and FAILURE tells the customer it will not arrive.
 * - returning / returned -> FAILURE with a message: Shopify's enum has no return-to-sender
 *   state in the supported versions, and for the customer the delivery has failed either way.
 * - pending (no scan yet) and expired (the courier stopped tracking) say nothing new about the
 *   parcel: the fulfillment keeps what it shows.
 */
// eventText is written into the shop's fulfillment event (its customers read it on the order status page), not
// printed by merchops: it stays in the shop's words, whatever language the run speaks.
export const SHOPIFY_EVENT_STATUS: Record<ShipmentStatus, { status: ShopifyEventStatus; eventText?: string } | null> = {
  pending: null,
  info_received: { status: "CONFIRMED" },
  in_transit: { status: "IN_TRANSIT" },
  out_for_delivery: { status: "OUT_FOR_DELIVERY" },
  available_for_pickup: { status: "READY_FOR_PICKUP" },
  failed_attempt: { status: "ATTEMPTED_DELIVERY" },
  exception: { status: "DELAYED" },
  returning: { status: "FAILURE", eventText: "Returning to sender" },
  returned: { status: "FAILURE", eventText: "Returned to sender" },
  delivered: { status: "DELIVERED" },
  expired: null,
};

const FULFILLMENTS_FIRST = 50;
/** Newest events per fulfillment read before an update: the first one decides; the rest confirm a lost answer. */
const EVENTS_FIRST = 5;
const FULFILLMENT_ORDERS_FIRST = 10;
const FO_LINES_FIRST = 40;
const ATTEMPTS = 4;

/** Carrier names as Shopify lists them (case matters: it links tracking pages for these). */
const SHOPIFY_CARRIERS: Record<string, string> = {
  ups: "UPS",
  usps: "USPS",
  fedex: "FedEx",
  dhl: "DHL Express",
  "dhl-express": "DHL Express",
  sf: "SF Express",
  "sf-express": "SF Express",
  sfexpress: "SF Express",
  "china-post": "China Post",
  chinapost: "China Post",
  ems: "China EMS (ePacket)",
  yunexpress: "YunExpress",
  "4px": "4PX",
  "royal-mail": "Royal Mail",
  "canada-post": "Canada Post",
  "australia-post": "Australia Post",
  // merchops courier codes of the same carriers (core/shipments/couriers.ts).
  sfintl: "SF Express",
  royalmail: "Royal Mail",
  canadapost: "Canada Post",
  australiapost: "Australia Post",
};

export function carrierName(courier: string): string {
  return SHOPIFY_CARRIERS[courier.trim().toLowerCase()] ?? courier;
}

/** Could the request have been applied although we got no answer? */
function ambiguous(e: unknown): boolean {
  if (!(e instanceof AdapterError)) return false;
  if (e.code === "ACCESS_DENIED" || e.code === "MAX_COST_EXCEEDED") return false;
  return e.status === undefined || e.status >= 500;
}

export class ShopifyFulfillments {
  constructor(private readonly s: ShopifySession) {}

  /** "gid://shopify/Order/1", "5123456789012" (an id) or "#1001" / "1001" (the order's name). */
  private async orderGid(orderId: string): Promise<string | undefined> {
    const ref = orderId.trim();
    if (ref.startsWith("gid://shopify/Order/")) return ref;
    if (/^\d{10,}$/.test(ref)) return `gid://shopify/Order/${ref}`;
    const name = ref.startsWith("#") ? ref : `#${ref}`;
    const data = await this.s.gql.run<{ orders: { nodes: { id: string }[] } }>(
      ORDER_BY_NAME,
      { query: `name:${searchValue(name)}` },
      { schema: orderByNameAnswer, estimate: estimateCost.small() + 1 },
    );
    return data.orders.nodes[0]?.id;
  }

  private async read(id: string): Promise<OrderFulfillmentNode | null> {
    const data = await this.s.gql.run<{ order: OrderFulfillmentNode | null }>(
      ORDER_FULFILLMENT,
      { id, fulfillmentsFirst: FULFILLMENTS_FIRST, ordersFirst: FULFILLMENT_ORDERS_FIRST, linesFirst: FO_LINES_FIRST },
      {
        schema: orderFulfillmentAnswer,
        estimate: estimateCost.orderFulfillment(FULFILLMENTS_FIRST, FULFILLMENT_ORDERS_FIRST, FO_LINES_FIRST),
      },
    );
    return data.order;
  }

  async createFulfillment(orderId: string, request: FulfillmentRequest): Promise<UpsertResult> {
    const key = request.trackingNumber;
    const id = await this.orderGid(orderId);
    if (!id) return resultWith({ key, status: "failed" }, msg("adapter.shopify.order_not_found", { order: orderId }));
    for (let attempt = 1; ; attempt++) {
      const order = await this.read(id);
      if (!order) return resultWith({ key, status: "failed" }, msg("adapter.shopify.order_not_found", { order: orderId }));
      const existing = order.fulfillments.find((f) => f.trackingInfo.some((t) => t.number === request.trackingNumber));
      if (existing) return { key, status: attempt === 1 ? "unchanged" : "created", remoteId: legacyId(existing.id) };
      const plan = this.plan(order, request);
      if ("problem" in plan) return resultWith({ key, status: "failed" }, plan.problem);
      try {
        const data = await this.s.gql.run<{
          fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: { field?: string[] | null; message: string }[] };
        }>(
          FULFILLMENT_CREATE,
          {
            fulfillment: {
              lineItemsByFulfillmentOrder: plan.groups,
              trackingInfo: { company: carrierName(request.courier), number: request.trackingNumber },
              notifyCustomer: false,
            },
          },
          { schema: fulfillmentCreateAnswer, estimate: estimateCost.mutation(), idempotent: false },
        );
        const payload = data.fulfillmentCreate;
        if (payload.userErrors.length > 0 || !payload.fulfillment) {
          const said = formatUserErrors(payload.userErrors);
          // Shopify's own words when it gives some.
          return said
            ? { key, status: "failed", message: said }
            : resultWith({ key, status: "failed" }, msg("adapter.shopify.no_fulfillment"));
        }
        return { key, status: "created", remoteId: legacyId(payload.fulfillment.id) };
      } catch (e) {
        // The fulfillment may exist although the answer was lost: read the order again before resending.
        if (!ambiguous(e) || attempt >= ATTEMPTS) throw e;
        this.s.log.debug(
          `[shopify:${this.s.storeName}] fulfillment for ${order.name} unconfirmed (${(e as Error).message}); checking the order again`,
        );
      }
    }
  }

  /** Tells Shopify where the parcel with this tracking number is (see SHOPIFY_EVENT_STATUS). */
  async updateShipmentStatus(
    orderId: string,
    update: { trackingNumber: string; status: ShipmentStatus; at: Date; location?: string; message?: string },
  ): Promise<UpsertResult> {
    const key = update.trackingNumber;
    const target = SHOPIFY_EVENT_STATUS[update.status];
    if (!target) {
      return resultWith({ key, status: "unchanged" }, msg("adapter.shopify.no_event_status", { status: update.status }));
    }
    const id = await this.orderGid(orderId);
    if (!id) return resultWith({ key, status: "failed" }, msg("adapter.shopify.order_not_found", { order: orderId }));
    // Shopify keeps whole seconds: compare with what it will give back.
    const happenedAt = new Date(Math.floor(update.at.getTime() / 1000) * 1000).toISOString();
    const message = [target.eventText, update.message?.trim()].filter((m): m is string => !!m).join(": ");
    for (let attempt = 1; ; attempt++) {
      const data = await this.s.gql.run<{ order: OrderEventsNode | null }>(
        ORDER_FULFILLMENT_EVENTS,
        { id, fulfillmentsFirst: FULFILLMENTS_FIRST, eventsFirst: EVENTS_FIRST },
        { schema: orderEventsAnswer, estimate: estimateCost.orderFulfillmentEvents(FULFILLMENTS_FIRST, EVENTS_FIRST) },
      );
      const order = data.order;
      if (!order) return resultWith({ key, status: "failed" }, msg("adapter.shopify.order_not_found", { order: orderId }));
      const holding = order.fulfillments.filter((f) => f.trackingInfo.some((t) => t.number === update.trackingNumber));
      const fulfillment = holding.find((f) => f.status !== "CANCELLED");
      if (!fulfillment) {
        const why = holding.length > 0 ? "adapter.shopify.fulfillment_cancelled" : "adapter.shopify.no_fulfillment_for";
        return resultWith({ key, status: "failed" }, msg(why, { order: order.name, tracking: key }));
      }
      const remoteId = legacyId(fulfillment.id);
      const sent = fulfillment.events.nodes.find((e) => e.status === target.status && Date.parse(e.happenedAt) === Date.parse(happenedAt));
      // A retry that finds its own event: the lost answer had been applied.
      if (attempt > 1 && sent) return { key, status: "updated", remoteId };
      const latest = fulfillment.events.nodes[0];
      const shown = latest?.status ?? fulfillment.displayStatus;
      if (shown === target.status) return { key, status: "unchanged", remoteId };
      if (latest && Date.parse(latest.happenedAt) > Date.parse(happenedAt)) {
        return resultWith(
          { key, status: "unchanged", remoteId },
          msg("adapter.shopify.later_status", { shown: latest.status, shownAt: latest.happenedAt, status: target.status, at: happenedAt }),
        );
      }
      try {
        const result = await this.s.gql.run<{
          fulfillmentEventCreate: { fulfillmentEvent: { id: string } | null; userErrors: { field?: string[] | null; message: string }[] };
        }>(
          FULFILLMENT_EVENT_CREATE,
          {
            fulfillmentEvent: {
              fulfillmentId: fulfillment.id,
              status: target.status,
              happenedAt,
              ...(update.location?.trim() ? { city: update.location.trim() } : {}),
              ...(message ? { message } : {}),
            },
          },
          { schema: fulfillmentEventCreateAnswer, estimate: estimateCost.mutation(), idempotent: false },
        );
        const payload = result.fulfillmentEventCreate;
        if (payload.userErrors.length > 0 || !payload.fulfillmentEvent) {
          const said = formatUserErrors(payload.userErrors);
          return said
            ? { key, status: "failed", remoteId, message: said }
            : resultWith({ key, status: "failed", remoteId }, msg("adapter.shopify.no_fulfillment_event"));
        }
        return { key, status: "updated", remoteId };
      } catch (e) {
        // The event may exist although the answer was lost: read the fulfillment again before resending.
        if (!ambiguous(e) || attempt >= ATTEMPTS) throw e;
        this.s.log.debug(
          `[shopify:${this.s.storeName}] status ${target.status} for ${key} unconfirmed (${(e as Error).message}); checking the fulfillment again`,
        );
      }
    }
  }

  /** Which fulfillment-order lines to fulfil: the requested SKUs and quantities, or everything still open. */
  private plan(
    order: OrderFulfillmentNode,
    request: FulfillmentRequest,
  ): { groups: { fulfillmentOrderId: string; fulfillmentOrderLineItems: { id: string; quantity: number }[] }[] } | { problem: Message } {
    const open = order.fulfillmentOrders.nodes.filter((fo) => fo.status === "OPEN" || fo.status === "IN_PROGRESS");
    const groups = new Map<string, { id: string; quantity: number }[]>();
    const add = (foId: string, lineId: string, quantity: number) => {
      const list = groups.get(foId) ?? [];
      list.push({ id: lineId, quantity });
      groups.set(foId, list);
    };
    if (!request.lines || request.lines.length === 0) {
      for (const fo of open) for (const l of fo.lineItems.nodes) if (l.remainingQuantity > 0) add(fo.id, l.id, l.remainingQuantity);
    } else {
      for (const wanted of request.lines) {
        let left = wanted.quantity;
        for (const fo of open) {
          for (const l of fo.lineItems.nodes) {
            if (left <= 0 || l.lineItem.sku !== wanted.sku || l.remainingQuantity <= 0) continue;
            const take = Math.min(left, l.remainingQuantity);
            add(fo.id, l.id, take);
            left -= take;
          }
        }
        if (left > 0)
          return {
            problem: msg("adapter.shopify.too_few_left", {
              order: order.name,
              sku: wanted.sku,
              left: String(wanted.quantity - left),
              asked: String(wanted.quantity),
            }),
          };
      }
    }
    if (groups.size === 0) return { problem: msg("adapter.shopify.nothing_left", { order: order.name }) };
    return {
      groups: [...groups].map(([fulfillmentOrderId, fulfillmentOrderLineItems]) => ({ fulfillmentOrderId, fulfillmentOrderLineItems })),
    };
  }
}
