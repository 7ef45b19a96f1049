/**
 * The domain records every adapter produces and every service consumes.
 *
 * Money is always integer minor units (fen, cents) beside an ISO 4217 currency code; a float never
 * holds money. Instants are `Date` (absolute time); calendar days that a platform reports per day
 * (traffic) are `YYYY-MM-DD` strings in the store's time zone.
 */

/** Integer amount in minor units (e.g. 12990 = ¥129.90 when the currency is CNY). */
export type Minor = number;

export interface Money {
  amount: Minor;
  currency: string;
}

export type OrderStatus = "pending" | "paid" | "fulfilled" | "cancelled" | "refunded";

export interface OrderLine {
  /** Identifier of the line within its order, when the source has one. */
  id?: string;
  sku: string;
  productId?: string;
  title?: string;
  /** Standardized variant attributes, e.g. { size: "M", colour: "red" }. */
  options?: Record<string, string>;
  category?: string;
  quantity: number;
  /** Unit price before discounts, minor units. */
  unitPrice: Minor;
  /** Discount allocated to this line (all units), minor units. */
  discount: Minor;
}

export interface Order {
  id: string;
  /** The human order number ("#1001", "E20241103001") when it differs from the id. */
  number?: string;
  placedAt: Date;
  currency: string;
  status: OrderStatus;
  /** Test orders never count in any metric. */
  test: boolean;
  /** Stable customer key (id, or e-mail when the export has no id). */
  customerId?: string;
  /** Marketing channel the order is attributed to (traffic source id, e.g. "paid_search"). */
  source?: string;
  /** Σ unit price × quantity before discounts. */
  subtotal: Minor;
  discountTotal: Minor;
  shippingTotal: Minor;
  taxTotal: Minor;
  /** What the customer pays: subtotal − discounts + shipping + tax. */
  total: Minor;
  couponCode?: string;
  /** Last change on the platform (payment, refund, fulfilment): the bookmark of `orders sync`. */
  updatedAt?: Date;
  lines: OrderLine[];
  /**
   * Every refund of the order, as return records, when the platform carries them on the order
   * (WooCommerce, Shopify): `orders sync` stores them with the order, in the same transaction, so a
   * report never sees an order without its refunds. Undefined: the source does not say.
   */
  refunds?: ReturnRecord[];
}

export interface ReturnRecord {
  id: string;
  orderId: string;
  sku?: string;
  quantity: number;
  /** Refunded amount for this return, minor units (0 for an exchange). */
  refundAmount: Minor;
  currency: string;
  /** When the return was requested or received: the date basis of return metrics. */
  requestedAt: Date;
  refundedAt?: Date;
  /** The customer's words, kept verbatim ("尺码偏小", "colour not as pictured"). */
  reason?: string;
  /** A platform reason code when the export has one (Shopify SIZE_TOO_SMALL, ...). */
  reasonCode?: string;
  status?: string;
}

/** Canonical traffic sources. Exports name them many ways; adapters map onto these. */
export const TRAFFIC_SOURCES = ["organic_search", "paid_search", "social", "direct", "referral", "email", "other"] as const;
export type TrafficSource = (typeof TRAFFIC_SOURCES)[number];

/** One day of traffic from one source, as a platform's back office or analytics exports it. */
export interface TrafficDay {
  /** Calendar day in the store's time zone. */
  date: string;
  /** "all" marks a row with the day's de-duplicated totals over every source. */
  source: TrafficSource | "all";
  pageViews: number | null;
  /** Unique visitors that day from that source (访客数). */
  visitors: number | null;
  sessions: number | null;
  /** Ad spend on that day for that source, minor units; null when the source is not paid. */
  adSpend: Minor | null;
  currency?: string;
}

export type TicketChannel = "chat" | "ticket" | "email" | "phone";
export type TicketStatus = "open" | "pending" | "resolved" | "closed";

export interface Ticket {
  id: string;
  channel: TicketChannel;
  createdAt: Date;
  /** First public reply by an agent; null when nobody has answered yet. */
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  status: TicketStatus;
  /** Customer satisfaction rating on a 1-5 scale, null when not rated. */
  rating: number | null;
  orderId?: string;
}

/**
 * One sellable variant. Its identity within a store is its SKU when it has one, else its
 * product's handle plus its option values, the way Shopify itself matches CSV rows
 * (`variantIdentity` in core/catalog/identity.ts).
 */
export interface Variant {
  /** Absent when the merchant never set one: Shopify and WooCommerce do not require SKUs. */
  sku?: string;
  /**
   * The option values as the store shows them, keyed by canonical attribute name
   * ({ colour: "Bark Grey", size: "M" }). Platform exports keep the merchant's words here;
   * supplier sheets (native dialect) are rewritten to the canonical value (加大码 -> "XL").
   */
  options: Record<string, string>;
  /**
   * The canonical value of each option the attribute dictionary recognises, beside the display
   * value ({ colour: "grey" } for "Bark Grey"). Reports, filters and the returns audit read these;
   * an option the dictionary does not know has no entry. Absent on records that predate it.
   */
  attributes?: Record<string, string>;
  price: Minor;
  compareAtPrice?: Minor | null;
  cost?: Minor | null;
  /**
   * The cost as the supplier wrote it when it has more decimals than the currency's minor unit
   * (wholesale prices of small parts: "0.714", "182.7145"; at most 4). `cost` is it rounded to the
   * minor unit for sums; this keeps the precision it came with.
   */
  costDecimal?: string;
  currency: string;
  barcode?: string;
  weightGrams?: number | null;
  inventory?: number | null;
  /** Image URL of this variant, when it has its own. */
  image?: string;
}

export interface Product {
  id: string;
  handle: string;
  title: string;
  description?: string;
  vendor?: string;
  /** Category path, levels joined by " > " ("服装 > 男装 > T恤"). */
  category?: string;
  tags?: string[];
  /** unlisted: Shopify's status (2025) for a product sold by its link but hidden from search and collections. */
  status: "active" | "draft" | "archived" | "unlisted";
  /**
   * The option axes every variant carries, in display order, as canonical attribute names
   * ("colour", "size"). Each variant's `options` has exactly these keys.
   */
  options?: string[];
  /**
   * The store's own names of the option axes, same order as `options` ("Color", "Size", "Farbe"),
   * so an export to the same platform writes them back unchanged. Absent: the dictionary's label.
   */
  optionNames?: string[];
  /** Product image URLs, first is the main image. */
  images?: string[];
  /** Last change on the platform, when it says. */
  updatedAt?: Date;
  variants: Variant[];
}
