/**
 * The GraphQL Admin API documents this adapter sends. Every operation is named (the fake server
 * and Shopify's own logs recognise them by name) and every page size is a variable, so the
 * requested cost can be estimated before sending: connection = 2 + first x (cost of a node),
 * object = 1, mutation = 10. Shopify's own figure (`requestedQueryCost`) replaces the estimate
 * once it has been seen for an operation of that shape.
 */

import type { MessageId } from "../../../core/i18n/index.js";

export interface Operation {
  name: string;
  document: string;
  /** What the operation is for, as a catalog message id, for error messages ("listing orders"). */
  purpose: MessageId;
}

const op = (name: string, purpose: MessageId, document: string): Operation => ({ name, purpose, document: document.trim() });

/** The most Shopify lets a single query cost. */
export const MAX_QUERY_COST = 1000;
/** Largest `first` of any connection. */
export const MAX_PAGE = 250;

const MONEY = "shopMoney { amount currencyCode }";

const PRODUCT_FIELDS = `
fragment ProductFields on Product {
  id handle title descriptionHtml vendor productType tags status updatedAt
  options { name position }
  colorPattern: metafield(namespace: "shopify", key: "color-pattern") { value }
  media(first: $mediaFirst) { nodes { ... on MediaImage { image { url } } } }
  variants(first: $variantsFirst) {
    pageInfo { hasNextPage endCursor }
    nodes { ...VariantFields }
  }
}`;

const VARIANT_FIELDS = `
fragment VariantFields on ProductVariant {
  id sku barcode price compareAtPrice inventoryQuantity position
  selectedOptions { name value }
  inventoryItem { unitCost { amount currencyCode } measurement { weight { unit value } } }
}`;

/** The store's Color taxonomy values in use: the entries a `shopify.color-pattern` metafield may reference. */
export const COLOR_PATTERNS = op(
  "ColorPatterns",
  "adapter.shopify.purpose.color_patterns",
  `query ColorPatterns($type: String!, $first: Int!, $after: String) {
  metaobjects(type: $type, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id handle label: field(key: "label") { value } }
  }
}`,
);

export const SHOP_INFO = op(
  "ShopInfo",
  "adapter.shopify.purpose.shop_info",
  `query ShopInfo { shop { name currencyCode } currentAppInstallation { accessScopes { handle } } }`,
);

/** Ids and handles matching a search, cheaply: which products exist, before fetching them whole. */
export const PRODUCT_KEYS = op(
  "ProductKeys",
  "adapter.shopify.purpose.product_keys",
  `query ProductKeys($first: Int!, $after: String, $query: String, $sortKey: ProductSortKeys) {
  products(first: $first, after: $after, query: $query, sortKey: $sortKey) {
    pageInfo { hasNextPage endCursor }
    nodes { id handle updatedAt variantsCount { count } }
  }
}`,
);

export const PRODUCTS_BY_IDS = op(
  "ProductsByIds",
  "adapter.shopify.purpose.products_by_ids",
  `query ProductsByIds($ids: [ID!]!, $variantsFirst: Int!, $mediaFirst: Int!) {
  nodes(ids: $ids) { ... on Product { ...ProductFields } }
}
${PRODUCT_FIELDS}
${VARIANT_FIELDS}`,
);

export const PRODUCT_VARIANTS_PAGE = op(
  "ProductVariantsPage",
  "adapter.shopify.purpose.product_variants_page",
  `query ProductVariantsPage($id: ID!, $first: Int!, $after: String) {
  product(id: $id) {
    variants(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...VariantFields }
    }
  }
}
${VARIANT_FIELDS}`,
);

export const PRIMARY_LOCATION = op(
  "PrimaryLocation",
  "adapter.shopify.purpose.primary_location",
  `query PrimaryLocation { location { id name } }`,
);

export const PRODUCT_SET = op(
  "ProductSet",
  "adapter.shopify.purpose.product_set",
  `mutation ProductSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers, $synchronous: Boolean!) {
  productSet(input: $input, identifier: $identifier, synchronous: $synchronous) {
    product { id }
    userErrors { code field message }
  }
}`,
);

export const PRODUCT_DELETE = op(
  "ProductDelete",
  "adapter.shopify.purpose.product_delete",
  `mutation ProductDelete($input: ProductDeleteInput!) {
  productDelete(input: $input) { deletedProductId userErrors { field message } }
}`,
);

const ORDER_FIELDS = `
fragment OrderFields on Order {
  id name createdAt updatedAt cancelledAt test currencyCode
  displayFinancialStatus displayFulfillmentStatus
  customer { id }
  discountCodes
  subtotalPriceSet { ${MONEY} }
  totalDiscountsSet { ${MONEY} }
  totalShippingPriceSet { ${MONEY} }
  totalTaxSet { ${MONEY} }
  totalPriceSet { ${MONEY} }
  lineItems(first: $linesFirst) {
    pageInfo { hasNextPage endCursor }
    nodes { ...LineFields }
  }
  refunds(first: $refundsFirst) {
    id createdAt note
    refundLineItems(first: $refundLinesFirst) {
      pageInfo { hasNextPage }
      nodes { quantity lineItem { id sku } subtotalSet { ${MONEY} } }
    }
  }
}`;

const LINE_FIELDS = `
fragment LineFields on LineItem {
  id sku name quantity
  variant { id selectedOptions { name value } }
  product { id productType }
  originalUnitPriceSet { ${MONEY} }
  discountAllocations { allocatedAmountSet { ${MONEY} } }
}`;

export const ORDERS = op(
  "Orders",
  "adapter.shopify.purpose.orders",
  `query Orders($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys!, $linesFirst: Int!, $refundsFirst: Int!, $refundLinesFirst: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: $sortKey) {
    pageInfo { hasNextPage endCursor }
    nodes { ...OrderFields }
  }
}
${ORDER_FIELDS}
${LINE_FIELDS}`,
);

export const ORDER_LINES_PAGE = op(
  "OrderLinesPage",
  "adapter.shopify.purpose.order_lines_page",
  `query OrderLinesPage($id: ID!, $first: Int!, $after: String) {
  order(id: $id) {
    lineItems(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...LineFields }
    }
  }
}
${LINE_FIELDS}`,
);

export const ORDER_REFUNDS = op(
  "OrderRefunds",
  "adapter.shopify.purpose.order_refunds",
  `query OrderRefunds($first: Int!, $after: String, $query: String, $refundsFirst: Int!, $refundLinesFirst: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name currencyCode
      refunds(first: $refundsFirst) {
        id createdAt note
        totalRefundedSet { ${MONEY} }
        refundLineItems(first: $refundLinesFirst) {
          nodes { quantity lineItem { id sku } subtotalSet { ${MONEY} } }
        }
      }
    }
  }
}`,
);

export const ORDER_BY_NAME = op(
  "OrderByName",
  "adapter.shopify.purpose.order_by_name",
  `query OrderByName($query: String!) { orders(first: 1, query: $query) { nodes { id name } } }`,
);

export const ORDER_FULFILLMENT = op(
  "OrderFulfillment",
  "adapter.shopify.purpose.order_fulfillment",
  `query OrderFulfillment($id: ID!, $fulfillmentsFirst: Int!, $ordersFirst: Int!, $linesFirst: Int!) {
  order(id: $id) {
    id name
    fulfillments(first: $fulfillmentsFirst) { id status trackingInfo { company number } }
    fulfillmentOrders(first: $ordersFirst) {
      nodes {
        id status
        lineItems(first: $linesFirst) { nodes { id remainingQuantity lineItem { id sku } } }
      }
    }
  }
}`,
);

export const FULFILLMENT_CREATE = op(
  "FulfillmentCreate",
  "adapter.shopify.purpose.fulfillment_create",
  `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo { company number } }
    userErrors { field message }
  }
}`,
);

/** The order's fulfillments with their latest tracking events (newest first): what the customer is shown. */
export const ORDER_FULFILLMENT_EVENTS = op(
  "OrderFulfillmentEvents",
  "adapter.shopify.purpose.order_fulfillment_events",
  `query OrderFulfillmentEvents($id: ID!, $fulfillmentsFirst: Int!, $eventsFirst: Int!) {
  order(id: $id) {
    id name
    fulfillments(first: $fulfillmentsFirst) {
      id status displayStatus trackingInfo { company number }
      events(first: $eventsFirst, sortKey: HAPPENED_AT, reverse: true) { nodes { id status happenedAt } }
    }
  }
}`,
);

export const FULFILLMENT_EVENT_CREATE = op(
  "FulfillmentEventCreate",
  "adapter.shopify.purpose.fulfillment_event_create",
  `mutation FulfillmentEventCreate($fulfillmentEvent: FulfillmentEventInput!) {
  fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
    fulfillmentEvent { id status happenedAt }
    userErrors { field message }
  }
}`,
);

/** Requested-cost estimates, the same rule for every operation (see the header). */
export const estimateCost = {
  productKeys: (first: number) => 2 + first * 2,
  productsByIds: (ids: number, variantsFirst: number, mediaFirst: number) => ids * productNodeCost(variantsFirst, mediaFirst),
  productVariantsPage: (first: number) => 1 + 2 + first * VARIANT_NODE_COST,
  orders: (first: number, linesFirst: number, refundsFirst: number, refundLinesFirst: number) =>
    2 + first * orderNodeCost(linesFirst, refundsFirst, refundLinesFirst),
  orderLinesPage: (first: number) => 1 + 2 + first * LINE_NODE_COST,
  orderRefunds: (first: number, refundsFirst: number, refundLinesFirst: number) =>
    2 + first * (1 + refundsFirst * (2 + 2 + refundLinesFirst * REFUND_LINE_COST)),
  orderFulfillment: (fulfillmentsFirst: number, ordersFirst: number, linesFirst: number) =>
    1 + fulfillmentsFirst * 2 + 2 + ordersFirst * (1 + 2 + linesFirst * 2),
  orderFulfillmentEvents: (fulfillmentsFirst: number, eventsFirst: number) => 1 + fulfillmentsFirst * (1 + 1 + 2 + eventsFirst),
  mutation: () => 10,
  small: () => 2,
};

/** A variant: itself, inventoryItem, unitCost, measurement, weight. */
const VARIANT_NODE_COST = 5;
/** A line: itself, variant, product, the unit price MoneyBag and its shopMoney. */
const LINE_NODE_COST = 5;
const REFUND_LINE_COST = 4;

export function productNodeCost(variantsFirst: number, mediaFirst: number): number {
  // The product, its variants and media, and the color-pattern metafield.
  return 1 + (2 + variantsFirst * VARIANT_NODE_COST) + (2 + mediaFirst * 2) + 1;
}

export function orderNodeCost(linesFirst: number, refundsFirst: number, refundLinesFirst: number): number {
  // The order, customer, five MoneyBags with their shopMoney, the lines, and the refunds with their lines.
  return 1 + 1 + 10 + (2 + linesFirst * LINE_NODE_COST) + refundsFirst * (2 + 2 + refundLinesFirst * REFUND_LINE_COST);
}
