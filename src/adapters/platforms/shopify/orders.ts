/**
 * Orders and refunds from Shopify. Orders page by cursor, sorted by UPDATED_AT for an incremental
 * sync (or CREATED_AT for a range), with their lines, discount allocations, shipping, tax and the
 * `test` flag; refunds become return records. Shopify stops a cursor after 25,000 objects, so a
 * long walk starts a fresh query from the last timestamp it reached.
 *
 * Refunds come on the order itself (`refunds(first:)`), so a sync stores each order with its refunds and
 * no refund is fetched order by order; only an order with more refunds (or refund lines) than a page
 * holds is read again, alone.
 */
import { z } from "zod";
import { type Message, msg } from "../../../core/i18n/index.js";
import type { Order, OrderLine, OrderStatus, ReturnRecord } from "../../../core/model.js";
import { CursorTrail } from "../../pagination.js";
import type { InstantRange } from "../../platform.js";
import { toMinor } from "./money.js";
import { canonicalOptionName, legacyId } from "./products.js";
import { estimateCost, MAX_QUERY_COST, ORDER_LINES_PAGE, ORDER_REFUNDS, ORDERS, orderNodeCost } from "./queries.js";
import type { ShopifySession } from "./session.js";

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
type PageInfo = z.infer<typeof pageInfo>;
const moneyBag = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
type MoneyBag = z.infer<typeof moneyBag>;

const lineNode = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  name: z.string(),
  quantity: z.number(),
  variant: z.object({ id: z.string(), selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })) }).nullable(),
  product: z.object({ id: z.string(), productType: z.string().nullable() }).nullable(),
  originalUnitPriceSet: moneyBag,
  discountAllocations: z.array(z.object({ allocatedAmountSet: moneyBag })),
});
type LineNode = z.infer<typeof lineNode>;
const lineConnection = z.object({ nodes: z.array(lineNode), pageInfo });

const refundNode = z.object({
  id: z.string(),
  createdAt: z.string(),
  note: z.string().nullable(),
  refundLineItems: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean() }).optional(),
    nodes: z.array(
      z.object({
        quantity: z.number(),
        lineItem: z.object({ id: z.string(), sku: z.string().nullable() }).nullable(),
        subtotalSet: moneyBag,
      }),
    ),
  }),
});
type RefundNode = z.infer<typeof refundNode>;

const orderNode = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  test: z.boolean(),
  currencyCode: z.string(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string().nullable(),
  customer: z.object({ id: z.string() }).nullable(),
  discountCodes: z.array(z.string()),
  subtotalPriceSet: moneyBag.nullable(),
  totalDiscountsSet: moneyBag.nullable(),
  totalShippingPriceSet: moneyBag.nullable(),
  totalTaxSet: moneyBag.nullable(),
  totalPriceSet: moneyBag,
  lineItems: lineConnection,
  refunds: z.array(refundNode),
});
type OrderNode = z.infer<typeof orderNode>;
const ordersAnswer = z.object({ orders: z.object({ nodes: z.array(orderNode), pageInfo }) });
const orderLinesAnswer = z.object({ order: z.object({ lineItems: lineConnection }).nullable() });

const refundOrderNode = z.object({
  id: z.string(),
  name: z.string(),
  currencyCode: z.string(),
  updatedAt: z.string().optional(),
  refunds: z.array(refundNode),
});
const refundsAnswer = z.object({ orders: z.object({ nodes: z.array(refundOrderNode), pageInfo }) });

const LINES_FIRST = 10;
/** Refunds (and their lines) read with each order; an order with more is read again alone (ORDER_REFUNDS). */
const ORDER_REFUNDS_FIRST = 2;
const ORDER_REFUND_LINES_FIRST = 5;
const ORDERS_FIRST = Math.min(
  250,
  Math.floor((MAX_QUERY_COST - 2) / orderNodeCost(LINES_FIRST, ORDER_REFUNDS_FIRST, ORDER_REFUND_LINES_FIRST)),
);
/** For the rare order read again for all its refunds. */
const ALL_REFUNDS_FIRST = 10;
const ALL_REFUND_LINES_FIRST = 20;
const MORE_LINES_FIRST = 100;
const REFUNDS_FIRST = 3;
const REFUND_LINES_FIRST = 10;
const REFUND_ORDERS_FIRST = Math.max(1, Math.floor((MAX_QUERY_COST - 2) / (1 + REFUNDS_FIRST * (4 + REFUND_LINES_FIRST * 4))));
/** Objects one search walks before starting a fresh one (Shopify refuses past 25,000). */
const WALK_LIMIT = 10_000;

const searchDate = (d: Date | string) => `'${(typeof d === "string" ? d : d.toISOString()).replace(/\.\d{3}Z$/, "Z")}'`;

function money(bag: MoneyBag | null | undefined, currency: string): number {
  return toMinor(bag?.shopMoney.amount, bag?.shopMoney.currencyCode ?? currency) ?? 0;
}

export function orderStatus(node: Pick<OrderNode, "cancelledAt" | "displayFinancialStatus" | "displayFulfillmentStatus">): OrderStatus {
  if (node.cancelledAt) return "cancelled";
  if (node.displayFinancialStatus === "REFUNDED") return "refunded";
  // Voided (authorization released) and expired (never captured): no money was ever received.
  // The orders export's Financial Status reads them as cancelled too, shipped or not.
  if (node.displayFinancialStatus === "VOIDED" || node.displayFinancialStatus === "EXPIRED") return "cancelled";
  if (node.displayFulfillmentStatus === "FULFILLED") return "fulfilled";
  if (["PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED"].includes(node.displayFinancialStatus ?? "")) return "paid";
  return "pending";
}

function lineFrom(node: LineNode, currency: string): OrderLine {
  const line: OrderLine = {
    id: legacyId(node.id),
    sku: node.sku ?? "",
    title: node.name,
    quantity: node.quantity,
    unitPrice: money(node.originalUnitPriceSet, currency),
    discount: node.discountAllocations.reduce((s, a) => s + money(a.allocatedAmountSet, currency), 0),
  };
  if (node.product) line.productId = legacyId(node.product.id);
  if (node.product?.productType) line.category = node.product.productType;
  const options = (node.variant?.selectedOptions ?? []).filter((o) => !(o.name === "Title" && o.value === "Default Title"));
  if (options.length > 0) line.options = Object.fromEntries(options.map((o) => [canonicalOptionName(o.name), o.value]));
  return line;
}

/** A refund's lines as return records (a refund without lines is one record for its order). */
function refundRecords(orderId: string, currency: string, refund: RefundNode): ReturnRecord[] {
  const at = new Date(refund.createdAt);
  const out: ReturnRecord[] = [];
  for (const line of refund.refundLineItems.nodes) {
    if (line.quantity <= 0) continue;
    const record: ReturnRecord = {
      id: `${legacyId(refund.id)}-${line.lineItem ? legacyId(line.lineItem.id) : "0"}`,
      orderId,
      quantity: line.quantity,
      refundAmount: money(line.subtotalSet, currency),
      currency: line.subtotalSet?.shopMoney.currencyCode ?? currency,
      requestedAt: at,
      refundedAt: at,
      status: "refunded",
    };
    if (line.lineItem?.sku) record.sku = line.lineItem.sku;
    if (refund.note) record.reason = refund.note;
    out.push(record);
  }
  return out;
}

export function orderFrom(node: OrderNode, lines: LineNode[], refunds: RefundNode[] = node.refunds): Order {
  const currency = node.totalPriceSet?.shopMoney.currencyCode ?? node.currencyCode;
  const orderLines = lines.filter((l) => l.quantity > 0).map((l) => lineFrom(l, currency));
  const order: Order = {
    id: legacyId(node.id),
    number: node.name,
    placedAt: new Date(node.createdAt),
    currency,
    status: orderStatus(node),
    test: node.test === true,
    subtotal: orderLines.reduce((s, l) => s + l.unitPrice * l.quantity, 0),
    discountTotal: money(node.totalDiscountsSet, currency),
    shippingTotal: money(node.totalShippingPriceSet, currency),
    taxTotal: money(node.totalTaxSet, currency),
    total: money(node.totalPriceSet, currency),
    updatedAt: new Date(node.updatedAt),
    lines: orderLines,
    refunds: refunds.flatMap((r) => refundRecords(legacyId(node.id), node.currencyCode, r)),
  };
  if (node.customer) order.customerId = legacyId(node.customer.id);
  const code = node.discountCodes?.[0];
  if (code) order.couponCode = code;
  return order;
}

/**
 * Walks a search sorted by a timestamp, restarting from the last timestamp reached every
 * WALK_LIMIT objects; objects at that timestamp already seen are skipped.
 */
async function* walk<N extends { id: string }>(
  fetchPage: (search: string, after: string | null) => Promise<{ nodes: N[]; pageInfo: PageInfo }>,
  search: (from: string | undefined) => string,
  stampOf: (node: N) => string,
  trail: () => CursorTrail,
): AsyncGenerator<N> {
  let from: string | undefined;
  let seenAtFrom = new Set<string>();
  for (;;) {
    let after: string | null = null;
    // Each restart is a new search, with cursors of its own.
    const cursors = trail();
    let walked = 0;
    let lastStamp: string | undefined;
    let idsAtLast = new Set<string>();
    for (;;) {
      const page = await fetchPage(search(from), after);
      for (const node of page.nodes) {
        walked++;
        const stamp = stampOf(node);
        if (stamp !== lastStamp) {
          lastStamp = stamp;
          idsAtLast = new Set();
        }
        idsAtLast.add(node.id);
        if (from !== undefined && stamp === from && seenAtFrom.has(node.id)) continue;
        yield node;
      }
      if (!page.pageInfo.hasNextPage) return;
      after = cursors.next(page.pageInfo.endCursor);
      if (walked >= WALK_LIMIT && lastStamp !== undefined && lastStamp !== from) break;
    }
    if (lastStamp === from) for (const id of idsAtLast) seenAtFrom.add(id);
    else seenAtFrom = idsAtLast;
    from = lastStamp;
  }
}

export class ShopifyOrders {
  constructor(private readonly s: ShopifySession) {}

  private trail(what: Message): CursorTrail {
    return new CursorTrail({ platform: "shopify", storeName: this.s.storeName, what });
  }

  async *listOrders(query: InstantRange & { updatedSince?: Date }): AsyncGenerator<Order> {
    const incremental = query.updatedSince !== undefined;
    const sortKey = incremental ? "UPDATED_AT" : "CREATED_AT";
    const field = incremental ? "updated_at" : "created_at";
    const fixed: string[] = [];
    if (query.since) fixed.push(`created_at:>=${searchDate(query.since)}`);
    if (query.until) fixed.push(`created_at:<${searchDate(query.until)}`);
    const lower = incremental ? query.updatedSince : undefined;
    const search = (from: string | undefined) => {
      const terms = [...fixed];
      if (from !== undefined) terms.push(`${field}:>=${searchDate(from)}`);
      else if (lower) terms.push(`${field}:>=${searchDate(lower)}`);
      return terms.join(" AND ");
    };
    const fetchPage = async (q: string, after: string | null) => {
      const data = await this.s.gql.run<z.infer<typeof ordersAnswer>>(
        ORDERS,
        {
          first: ORDERS_FIRST,
          after,
          query: q || null,
          sortKey,
          linesFirst: LINES_FIRST,
          refundsFirst: ORDER_REFUNDS_FIRST,
          refundLinesFirst: ORDER_REFUND_LINES_FIRST,
        },
        {
          estimate: estimateCost.orders(ORDERS_FIRST, LINES_FIRST, ORDER_REFUNDS_FIRST, ORDER_REFUND_LINES_FIRST),
          shape: `Orders:${ORDERS_FIRST}:${LINES_FIRST}`,
          schema: ordersAnswer,
        },
      );
      return data.orders;
    };
    const since = query.since?.getTime();
    const until = query.until?.getTime();
    for await (const node of walk(
      fetchPage,
      search,
      (n) => (incremental ? n.updatedAt : n.createdAt),
      () => this.trail(msg("adapter.listing.orders")),
    )) {
      const order = orderFrom(node, await this.allLines(node), await this.allRefunds(node));
      const placed = order.placedAt.getTime();
      // Shopify's search compares whole seconds; the half-open range is ours to keep exactly.
      if ((since !== undefined && placed < since) || (until !== undefined && placed >= until)) continue;
      if (query.updatedSince && order.updatedAt && order.updatedAt < query.updatedSince) continue;
      yield order;
    }
  }

  private async allLines(node: OrderNode): Promise<LineNode[]> {
    const lines = [...node.lineItems.nodes];
    let page = node.lineItems.pageInfo;
    const trail = this.trail(msg("adapter.listing.lines_of", { id: node.id }));
    while (page.hasNextPage) {
      const data = await this.s.gql.run<z.infer<typeof orderLinesAnswer>>(
        ORDER_LINES_PAGE,
        { id: node.id, first: MORE_LINES_FIRST, after: trail.next(page.endCursor) },
        { estimate: estimateCost.orderLinesPage(MORE_LINES_FIRST), shape: `OrderLinesPage:${MORE_LINES_FIRST}`, schema: orderLinesAnswer },
      );
      if (!data.order) break;
      lines.push(...data.order.lineItems.nodes);
      page = data.order.lineItems.pageInfo;
    }
    return lines;
  }

  /** The order's refunds, read again alone only when the page may have cut them short. */
  private async allRefunds(node: OrderNode): Promise<RefundNode[]> {
    const cut = node.refunds.length >= ORDER_REFUNDS_FIRST || node.refunds.some((r) => r.refundLineItems.pageInfo?.hasNextPage === true);
    if (!cut) return node.refunds;
    const data = await this.s.gql.run<z.infer<typeof refundsAnswer>>(
      ORDER_REFUNDS,
      {
        first: 1,
        after: null,
        query: `id:${legacyId(node.id)}`,
        refundsFirst: ALL_REFUNDS_FIRST,
        refundLinesFirst: ALL_REFUND_LINES_FIRST,
      },
      {
        estimate: estimateCost.orderRefunds(1, ALL_REFUNDS_FIRST, ALL_REFUND_LINES_FIRST),
        shape: `OrderRefunds:1:${ALL_REFUNDS_FIRST}`,
        schema: refundsAnswer,
      },
    );
    return data.orders.nodes[0]?.refunds ?? node.refunds;
  }

  /** Refunded lines as return records, by refund date; only orders changed since the range began can hold one. */
  async *listReturns(query: InstantRange): AsyncGenerator<ReturnRecord> {
    const refunded = "(financial_status:refunded OR financial_status:partially_refunded)";
    const search = (from: string | undefined) => {
      const start = from ?? (query.since ? query.since.toISOString() : undefined);
      return start ? `updated_at:>=${searchDate(start)} AND ${refunded}` : refunded;
    };
    const fetchPage = async (q: string, after: string | null) => {
      const data = await this.s.gql.run<z.infer<typeof refundsAnswer>>(
        ORDER_REFUNDS,
        { first: REFUND_ORDERS_FIRST, after, query: q, refundsFirst: REFUNDS_FIRST, refundLinesFirst: REFUND_LINES_FIRST },
        {
          estimate: estimateCost.orderRefunds(REFUND_ORDERS_FIRST, REFUNDS_FIRST, REFUND_LINES_FIRST),
          shape: `OrderRefunds:${REFUND_ORDERS_FIRST}`,
          schema: refundsAnswer,
        },
      );
      return data.orders;
    };
    const since = query.since?.getTime();
    const until = query.until?.getTime();
    let after: string | null = null;
    const trail = this.trail(msg("adapter.listing.refunded_orders"));
    for (;;) {
      const page = await fetchPage(search(undefined), after);
      for (const order of page.nodes) {
        for (const refund of order.refunds) {
          const at = new Date(refund.createdAt).getTime();
          if ((since !== undefined && at < since) || (until !== undefined && at >= until)) continue;
          yield* refundRecords(legacyId(order.id), order.currencyCode, refund);
        }
      }
      if (!page.pageInfo.hasNextPage) return;
      after = trail.next(page.pageInfo.endCursor);
    }
  }
}
