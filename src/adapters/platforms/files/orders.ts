/**
 * Orders from an orders export: one row per order, or one row per line with the order columns on
 * the first (Shopify) or on every row (JD, UCI). Statuses are read through the export's profile
 * and the store's mapping; refunds carried on orders and negative lines become return records.
 */
import type { DatasetMapping } from "../../../config/files-mapping.js";
import { msg } from "../../../core/i18n/message.js";
import type { Order, OrderLine, OrderStatus, ReturnRecord } from "../../../core/model.js";
import { lineNetValues } from "../../../core/returns/audit.js";
import { isProblem, parseDateTime, parseMoney } from "../../../core/values.js";
import { orderStatus, trafficSource } from "../../../core/vocabulary.js";
import type { SourceRow } from "../../../io/read-table.js";
import type { Dataset } from "./dataset.js";
import { type ProfileStatus, statusKey } from "./profiles.js";

/** What one order's rows give: the order (unless it was never paid) and the returns it carries. */
export interface ParsedOrder {
  order: Order | undefined;
  /** Why the order is left out, when it is: never paid, or waiting for its payment. */
  skipped?: "unpaid";
  /** The status word (or the empty payment time) that left it out, for the warning. */
  skippedWord?: string;
  /** Left out while waiting for its payment (pending, on-hold), not as never paid. */
  awaiting?: boolean;
  returns: ReturnRecord[];
  /** A refund whose quantity the export does not say. */
  partialRefund?: boolean;
  /** Line refunds still in progress (退款状态 other than done): not counted yet. */
  refundsPending?: number;
}

/** Order columns compared across an order's rows: a difference means two orders share an id. */
const ORDER_KEYS = ["placed_at", "status", "total", "subtotal", "customer_id", "currency"] as const;

const STATUS_HINT = (dataset: string, text: string) =>
  `add it to the config: mapping.${dataset}.statuses: { "${text}": paid }  (or pending, fulfilled, cancelled, refunded, unpaid, awaiting)`;

/**
 * Status words that say the order was never paid, whatever the layout: WooCommerce's "Pending
 * payment" (which its own Analytics leaves out), Shopify's expired authorizations, Taobao's
 * 等待买家付款, JD's 等待付款, 有赞's 待付款. Such orders are left out of orders and GMV (a
 * warning counts them).
 */
const NEVER_PAID = new Set(
  [
    "pending payment",
    "awaiting payment",
    "expired",
    "unpaid",
    "not paid",
    "等待买家付款",
    "等待付款",
    "待支付",
    "待付款",
    "未付款",
    "未支付",
    // Group-buy (拼团) orders of shop systems: a group not formed and not paid.
    "拼团中，未付款",
    "拼团中，待付款",
    "未成团，待付款",
  ].map(statusKey),
);

/**
 * Words whose meaning differs between platforms, so a file without a profile cannot be read by
 * guess: "pending" is awaiting payment on Shopify, WooCommerce, BigCommerce and Amazon, but a paid
 * order waiting to be packed on Lazada and in many back-office sheets; "on hold" is a paid order in
 * TikTok Shop's cancellation window but an unconfirmed bank transfer on WooCommerce.
 */
const AMBIGUOUS = new Set(["pending", "on hold", "on-hold", "hold", "authorized", "authorised"].map(statusKey));

/**
 * WooCommerce's post statuses as its database and WP All Export write them (wc-completed,
 * wc-on-hold ...): the prefix says whose words they are, so they are read as WooCommerce reads
 * them in any layout, with the rules of its profiles (pending payment and checkout drafts never
 * paid, on-hold an order placed, failed a cancellation).
 */
const WOO_POST_STATUSES: Readonly<Record<string, ProfileStatus>> = {
  "wc-pending": "unpaid",
  "wc-checkout-draft": "unpaid",
  "wc-on-hold": "pending",
  "wc-processing": "paid",
  "wc-completed": "fulfilled",
  "wc-cancelled": "cancelled",
  "wc-failed": "cancelled",
  "wc-refunded": "refunded",
};

/** Status words resolved once per export: a file has a handful of distinct statuses and a million rows. */
const statusMemo = new WeakMap<Dataset, Map<string, ProfileStatus>>();

export function statusOf(ds: Dataset, row: SourceRow): ProfileStatus {
  if (!ds.has("status")) return "paid";
  const text = ds.text(row, "status");
  if (text === undefined) return emptyStatus(ds, row);
  let memo = statusMemo.get(ds);
  if (!memo) {
    memo = new Map();
    statusMemo.set(ds, memo);
  }
  const hit = memo.get(text);
  if (hit) return hit;
  const st = resolveStatus(ds, row, text);
  memo.set(text, st);
  return st;
}

function resolveStatus(ds: Dataset, row: SourceRow, text: string): ProfileStatus {
  const k = statusKey(text);
  const configured = ds.opts.mapping?.statuses;
  if (configured) {
    for (const [word, st] of Object.entries(configured)) if (statusKey(word) === k) return st;
  }
  const profiled = ds.profile?.statuses;
  if (profiled) {
    for (const [word, st] of Object.entries(profiled)) if (statusKey(word) === k) return st;
  }
  const woo = WOO_POST_STATUSES[k];
  if (woo) return woo;
  if (NEVER_PAID.has(k)) return "unpaid";
  if (AMBIGUOUS.has(k) && !isNativeLayout(ds)) {
    ds.fail(
      row,
      "status",
      msg("orders.status_ambiguous", { value: text }),
      msg("orders.status_ambiguous_hint", { dataset: ds.spec.name, value: text }),
    );
  }
  const known = orderStatus(text);
  if (!known) ds.fail(row, "status", `"${text}" is not a known status`, STATUS_HINT(ds.spec.name, text));
  return known;
}

/**
 * An empty cell in the status column. Only a profile whose platform leaves it empty on every sold
 * order (Etsy's Sold Orders) or the store's config says what that means; otherwise the order
 * could be anything (a draft, a cancellation, a sale), and counting it as paid would be a guess.
 */
function emptyStatus(ds: Dataset, row: SourceRow): ProfileStatus {
  const st = ds.opts.mapping?.emptyStatus ?? ds.profile?.emptyStatus;
  if (st) return st;
  // merchops' own layout documents an empty status as paid (see `merchops templates`).
  if (isNativeLayout(ds)) return "paid";
  return ds.fail(row, "status", msg("orders.status_empty"), msg("orders.status_empty_hint", { dataset: ds.spec.name }));
}

/**
 * merchops' own orders layout (the column reference's names: order_id, placed_at, status), as the
 * templates and a local store's seed write it: its status words are merchops' canonical ones,
 * "pending" included (an order placed and counted, not yet paying), as the reference documents.
 */
function isNativeLayout(ds: Dataset): boolean {
  return !ds.profile && ds.header("order_id") === "order_id" && ds.header("placed_at") === "placed_at" && ds.header("status") === "status";
}

/** Whether the status word is one of the profile's "closed" words (Tmall/Youzan 交易关闭). */
function isClosedWord(ds: Dataset, text: string | undefined): boolean {
  const words = ds.profile?.closedWords;
  return !!words && text !== undefined && words.some((w) => statusKey(w) === statusKey(text));
}

/**
 * The customer key: the mapping's `customerKey` columns (default customer_id, then email) in
 * turn. WooCommerce writes 0 for a guest: not a customer, so the next column is tried.
 */
export function customerOf(ds: Dataset, row: SourceRow): string | undefined {
  for (const key of customerKeys(ds.opts.mapping)) {
    if (!ds.has(key)) continue;
    const v = ds.optionalId(row, key);
    if (v === undefined || v === "0") continue;
    return isEmailColumn(ds, key) ? v.toLowerCase() : v;
  }
  return undefined;
}

/**
 * E-mail addresses are one customer whatever their case (Shopify keys customers by e-mail
 * case-insensitively: Jane@x.com and jane@x.com are one buyer), also where the customer id is
 * read from the e-mail column (Shopify's profile reads customer_id from "Email").
 */
function isEmailColumn(ds: Dataset, key: string): boolean {
  if (key === "email") return true;
  const header = ds.header(key);
  return header !== undefined && header === ds.header("email");
}

export function customerKeys(mapping: DatasetMapping | undefined): string[] {
  return mapping?.customerKey ?? ["customer_id", "email"];
}

export interface LineResult {
  line?: OrderLine;
  /** A negative line read as a return (negativeLines: returns). */
  returned?: { sku: string; quantity: number; amount: number };
  /** Money refunded on this line (Tmall 宝贝报表 退款金额 with 退款状态 退款成功). */
  refunded?: number;
  /** The line has a refund amount whose refund is not done (a request waiting, or closed). */
  refundPending?: boolean;
  /** The line's amount as the export states it (line_total), exact where unit × quantity is rounded. */
  amount?: number;
}

/**
 * The refund carried on a line. Where the export says the refund's state (Tmall 退款状态), only
 * a finished one (the profile's `lineRefundDone` words, 退款成功) is money returned: a request
 * waiting for the seller, or one closed without refund, still shows its amount.
 */
function lineRefund(ds: Dataset, row: SourceRow, currency: string): Pick<LineResult, "refunded" | "refundPending"> {
  if (!ds.has("refunded_amount")) return {};
  const amount = ds.optionalMoney(row, "refunded_amount", currency);
  if (amount === null || amount <= 0) return {};
  const done = ds.profile?.lineRefundDone;
  if (done && ds.has("refund_status")) {
    const state = ds.text(row, "refund_status");
    if (state === undefined || !done.some((w) => statusKey(w) === statusKey(state))) return { refundPending: true };
  }
  return { refunded: amount };
}

/** `cancelled`: the line of a cancelled order, whose price may be empty (it counts in no sum). */
export function parseLine(ds: Dataset, row: SourceRow, currency: string, cancelled = false): LineResult {
  const mode = ds.opts.mapping?.negativeLines;
  const optionalSku = ds.profile?.optionalLineColumns?.includes("sku") ?? false;
  const quantity = ds.integer(row, "quantity", {
    // A cancelled order's line may say 0 units (Amazon: the item was cancelled before shipping).
    ...(mode === "returns" || mode === "adjustments" ? {} : { min: cancelled ? 0 : 1 }),
    negativeHint: `a negative quantity is a return or an adjustment: say which in the config, mapping.orders.negativeLines: returns (or adjustments)`,
  });
  const sku = optionalSku ? (ds.optionalId(row, "sku") ?? "") : ds.id(row, "sku");
  const { unitPrice, amount } = linePrice(ds, row, currency, Math.abs(quantity), cancelled);
  if (quantity < 0) {
    if (mode === "adjustments") return {};
    return { returned: { sku, quantity: -quantity, amount: Math.abs(unitPrice * quantity) } };
  }
  const line: OrderLine = { sku, quantity, unitPrice, discount: ds.optionalMoney(row, "discount", currency) ?? 0 };
  const refund = lineRefund(ds, row, currency);
  const id = ds.optionalId(row, "line_id");
  if (id !== undefined) line.id = id;
  const title = ds.text(row, "title");
  if (title !== undefined) line.title = title;
  const productId = ds.optionalId(row, "product_id");
  if (productId !== undefined) line.productId = productId;
  const category = ds.text(row, "category");
  if (category !== undefined) line.category = category;
  const size = ds.text(row, "size");
  const colour = ds.text(row, "colour");
  if (size !== undefined || colour !== undefined) {
    line.options = {};
    if (size !== undefined) line.options.size = size;
    if (colour !== undefined) line.options.colour = colour;
  }
  return { line, ...refund, ...(amount !== undefined ? { amount } : {}) };
}

/** Unit price from unit_price, else line_total / quantity (exports that print the line's amount). */
function linePrice(
  ds: Dataset,
  row: SourceRow,
  currency: string,
  quantity: number,
  cancelled: boolean,
): { unitPrice: number; amount?: number } {
  // No price column at all: read only where the file has no money (see inlineLineColumns), so no figure uses it.
  if (!ds.has("unit_price") && !ds.has("line_total")) return { unitPrice: 0 };
  const key = ds.has("unit_price") || !ds.has("line_total") ? "unit_price" : "line_total";
  if (cancelled && ds.text(row, key) === undefined) return { unitPrice: 0 };
  if (key === "unit_price") return { unitPrice: ds.money(row, "unit_price", currency) };
  const total = ds.money(row, "line_total", currency);
  // 10.00 for 3 units is 3.33 a unit, but the order's amount stays 10.00: the stated amount is kept.
  return { unitPrice: quantity > 0 ? Math.round(total / quantity) : total, amount: total };
}

/** Line shipping (Olist freight_value) summed, when the lines carry it. */
export function lineShipping(ds: Dataset | undefined, rows: SourceRow[], currency: string): number | null {
  if (!ds?.has("shipping")) return null;
  return rows.reduce((s, r) => s + (ds.optionalMoney(r, "shipping", currency) ?? 0), 0);
}

/** The profile's test-order marker is on the order's first row. */
function isTestOrder(ds: Dataset, first: SourceRow): boolean {
  const marker = ds.profile?.testOrders;
  if (!marker) return false;
  const text = ds.cellUnder(first, marker.header);
  return text !== undefined && marker.pattern.test(text);
}

/**
 * The row carrying the order's columns, and the item rows. eBay writes a multi-item order as a
 * summary row (no Item Number: the order's money, buyer and payment date) followed by one row per
 * item; the summary is not an item (its Sold For is the sum of the items'). Elsewhere the first
 * row is the order's, and every row is a line.
 */
export function orderRows(ds: Dataset, rows: SourceRow[]): { first: SourceRow | undefined; lineRows: SourceRow[]; summary: boolean } {
  const header = ds.profile?.summaryRowWithout;
  const summary = header && rows.length > 1 ? rows.find((r) => (ds.cellUnder(r, header) ?? "").trim() === "") : undefined;
  if (!summary) return { first: rows[0], lineRows: rows, summary: false };
  return { first: summary, lineRows: rows.filter((r) => r !== summary), summary: true };
}

/** The order has lines with prices (unit price or line total) to add up. */
function pricedLines(lineDs: Dataset | undefined, lines: readonly OrderLine[]): boolean {
  return lines.length > 0 && !!lineDs && (lineDs.has("unit_price") || lineDs.has("line_total"));
}

/** Rows after the first that carry an order column with another value: two orders under one id. */
export function checkSameOrder(ds: Dataset, id: string, rows: SourceRow[]): void {
  const first = rows[0];
  if (!first) return;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i] as SourceRow;
    for (const key of ORDER_KEYS) {
      if (!ds.has(key) || (key === "status" && ds.profile?.statusPerLine)) continue;
      const a = ds.rawText(first, key);
      const b = ds.rawText(r, key);
      if (a !== undefined && b !== undefined && a !== b) {
        ds.fail(
          r,
          key,
          `order ${id} has "${a}" here on row ${first.row} and "${b}" on row ${r.row}: two orders share the id, or the file was edited`,
          "give each order its own id; an order's rows carry the same order columns",
        );
      }
    }
  }
}

export interface OrderInput {
  ds: Dataset;
  first: SourceRow;
  id: string;
  lineDs: Dataset | undefined;
  lineRows: SourceRow[];
  /** The orders file has money (a total, a subtotal, or lines with prices). */
  money: boolean;
}

/**
 * The order's payment time, from its first row; where the order has a summary row (eBay), from
 * any of its rows: the parsers written against real eBay files take an order as paid when any of
 * its rows carries a Paid On Date.
 */
function paidTime(ds: Dataset, first: SourceRow, lineRows: SourceRow[]): Date | null {
  const own = ds.optionalDateTime(first, "paid_at");
  if (own !== null || !ds.profile?.summaryRowWithout) return own;
  for (const r of lineRows) {
    const at = ds.optionalDateTime(r, "paid_at");
    if (at !== null) return at;
  }
  return null;
}

/**
 * The row whose status is the order's. Where each row has its own (抖店 子订单), a refunded
 * 子订单 is closed beside the others: the order's status is its first row not closed.
 */
function statusRowOf(ds: Dataset, first: SourceRow, rows: SourceRow[]): SourceRow {
  if (!ds.profile?.statusPerLine || !ds.has("status")) return first;
  return rows.find((r) => !isClosedWord(ds, ds.text(r, "status"))) ?? first;
}

/**
 * A row's after-sale state (拼多多/抖店 售后状态) through the profile's words, or the store's
 * `statuses` mapping (refunded, or anything else for "no money went back"). Undefined where the
 * layout has no after-sale column; an unknown word is refused naming the cell.
 */
export function afterSaleOf(ds: Dataset, row: SourceRow): "refunded" | "open" | "none" | undefined {
  const words = ds.profile?.afterSale;
  if (!words || !ds.has("refund_status")) return undefined;
  const text = ds.text(row, "refund_status");
  if (text === undefined) return "none";
  const k = statusKey(text);
  const configured = Object.entries(ds.opts.mapping?.statuses ?? {}).find(([w]) => statusKey(w) === k);
  if (configured) return configured[1] === "refunded" ? "refunded" : "none";
  const has = (list: readonly string[]) => list.some((w) => statusKey(w) === k);
  if (has(words.refunded)) return "refunded";
  if (has(words.open)) return "open";
  if (has(words.none)) return "none";
  return ds.fail(
    row,
    "refund_status",
    msg("orders_zh.after_sale_unknown", { value: text }),
    msg("orders_zh.after_sale_unknown_hint", { dataset: ds.mappingName, value: text }),
  );
}

/** Builds one order from its rows; statuses, payment and cancellation decided here. */
export function buildOrder(input: OrderInput): ParsedOrder {
  const { ds, first, id, lineDs, lineRows } = input;
  const currency = ds.currency(first, "currency");
  const statusRow = statusRowOf(ds, first, lineRows);
  let status: ProfileStatus = statusOf(ds, statusRow);
  const paidAt = ds.has("paid_at") ? paidTime(ds, first, lineRows) : undefined;
  const cancelledAt = ds.has("cancelled_at") ? ds.optionalDateTime(first, "cancelled_at") : null;
  const profile = ds.profile;
  const word = ds.text(statusRow, "status");
  const afterSales = lineDs ? lineRows.map((r) => afterSaleOf(lineDs, r)) : [];
  const refundedRows = afterSales.filter((a) => a === "refunded").length;
  if (profile?.closedWords && isClosedWord(ds, word)) {
    // Tmall/Youzan close an order both when it was never paid and when it was refunded in full;
    // an after-sale column saying 退款成功 proves the payment where the export has no payment time (抖店).
    status = paidAt || refundedRows > 0 ? "refunded" : "cancelled";
  }
  // 拼多多 keeps 已签收 in 订单状态 and writes the refund in 售后状态: every row refunded is the order refunded.
  if (refundedRows > 0 && refundedRows === lineRows.length && (status === "paid" || status === "fulfilled" || status === "pending")) {
    status = "refunded";
  }
  let unpaidBy = word ?? "";
  if (
    profile?.unpaidWithoutPaidAt &&
    paidAt === null &&
    refundedRows === 0 &&
    status !== "cancelled" &&
    status !== "unpaid" &&
    status !== "awaiting"
  ) {
    status = "unpaid";
    unpaidBy = `${ds.header("paid_at") ?? "paid_at"} ∅`;
  }
  if (cancelledAt) status = "cancelled";

  // Never paid, or still waiting for the payment (Shopify pending/authorized, WooCommerce on-hold):
  // no money was received, so the order is not GMV. It counts nowhere and its lines are not read
  // (Amazon leaves a Pending order's prices empty); a warning says how many, by status word.
  if (status === "unpaid" || status === "awaiting") {
    return {
      order: undefined,
      skipped: "unpaid",
      skippedWord: unpaidBy,
      returns: [],
      ...(status === "awaiting" ? { awaiting: true } : {}),
    };
  }
  // Read only now: an order never paid counts nowhere, so its placing time is not needed (拼多多
  // leaves 订单成交时间 empty until the order is paid).
  const placedAt = ds.dateTime(first, "placed_at");

  const lines: OrderLine[] = [];
  /** Σ of the lines' stated amounts where the export states them, else unit × quantity. */
  let lineAmounts = 0;
  const returns: ReturnRecord[] = [];
  const lineRefunds: { line: OrderLine; amount: number }[] = [];
  let refundsPending = 0;
  let negative = 0;
  if (lineDs) {
    let n = 0;
    for (const r of lineRows) {
      const res = parseLine(lineDs, r, currency, status === "cancelled");
      const afterSale = afterSales[n];
      n++;
      if (res.line) {
        lines.push(res.line);
        lineAmounts += res.amount ?? res.line.unitPrice * res.line.quantity;
      } else negative++;
      if (res.line && res.refunded !== undefined) lineRefunds.push({ line: res.line, amount: res.refunded });
      else if (res.line && afterSale === "refunded" && status !== "refunded") {
        // One 子订单 of several refunded (抖店): the export gives no refund amount, so the line's own amount went back.
        lineRefunds.push({ line: res.line, amount: res.amount ?? res.line.unitPrice * res.line.quantity });
      }
      if (res.refundPending || afterSale === "open") refundsPending++;
      if (res.returned) {
        returns.push({
          id: `${id}/line-${n}`,
          orderId: id,
          ...(res.returned.sku ? { sku: res.returned.sku } : {}),
          quantity: res.returned.quantity,
          refundAmount: res.returned.amount,
          currency,
          requestedAt: placedAt,
          // A credit note is the refund itself.
          refundedAt: placedAt,
          reason: "negative line in the orders export",
        });
      }
    }
  }
  // A document made only of negative lines (a UCI "C" invoice) is a return or an adjustment, not an order.
  if (lines.length === 0 && negative > 0) return { order: undefined, returns };

  const lineSubtotal = lineAmounts;
  const lineDiscount = lines.reduce((s, l) => s + l.discount, 0);
  const discountTotal = ds.optionalMoney(first, "discount", currency) ?? lineDiscount;
  const statedSubtotal = ds.optionalMoney(first, "subtotal", currency);
  const subtotal =
    statedSubtotal === null ? lineSubtotal : profile?.subtotalAfterDiscount ? statedSubtotal + discountTotal : statedSubtotal;
  const shippingTotal = ds.optionalMoney(first, "shipping", currency) ?? lineShipping(lineDs, lineRows, currency) ?? 0;
  const taxTotal = ds.optionalMoney(first, "tax", currency) ?? 0;
  const stated = ds.optionalMoney(first, "total", currency);
  if (
    input.money &&
    status !== "cancelled" &&
    stated === null &&
    statedSubtotal === null &&
    ds.has("total") &&
    !pricedLines(lineDs, lines)
  ) {
    // An empty total with nothing to compute it from is an unknown amount, never 0 (Amazon leaves
    // the price of a Pending order empty; an edited sheet loses a cell).
    ds.fail(first, "total", msg("orders.total_empty", { id, status: ds.text(first, "status") ?? status }), msg("orders.total_empty_hint"));
  }
  const order: Order = {
    id,
    placedAt,
    currency,
    status: status as OrderStatus,
    test: ds.bool(first, "test") || isTestOrder(ds, first),
    subtotal: input.money ? subtotal : 0,
    discountTotal: input.money ? discountTotal : 0,
    shippingTotal: input.money ? shippingTotal : 0,
    taxTotal: input.money ? taxTotal : 0,
    // Without any money column the order is worth nothing known: GMV is n/a (see missingFields), never a negative sum of discounts.
    total: input.money ? (stated ?? subtotal - discountTotal + shippingTotal + taxTotal) : 0,
    lines,
  };
  const customer = customerOf(ds, first);
  if (customer !== undefined) order.customerId = customer;
  const source = ds.text(first, "source");
  if (source !== undefined) order.source = trafficSource(source);
  const coupon = ds.text(first, "coupon_code");
  if (coupon !== undefined) order.couponCode = coupon;

  let partialRefund = false;
  const dated = status !== "cancelled" && ds.has("refund_items") ? datedRefunds(ds, first, order) : undefined;
  if (dated) {
    returns.push(...dated.returns);
    partialRefund = dated.partial;
  } else if (status !== "cancelled" && lineRefunds.length > 0) {
    // The lines say what was refunded, line by line: they replace the order-level reading
    // (交易关闭 after payment, an order's refunded amount), which would count it twice.
    const res = lineRefundReturns(order, lineRefunds);
    returns.push(...res.returns);
    partialRefund = res.partial;
  } else if (status !== "cancelled") {
    const refunded = ds.has("refunded_amount") ? ds.optionalMoney(first, "refunded_amount", currency) : null;
    const amount = refunded ?? (status === "refunded" && input.money ? order.total : 0);
    if (amount > 0) {
      const full = status === "refunded" || (input.money && amount >= order.total);
      partialRefund = !full;
      const refundedAt = cancelledAt ?? undefined;
      returns.push(...refundReturns(order, amount, full, refundedAt));
    }
  }
  return { order, returns, ...(partialRefund ? { partialRefund } : {}), ...(refundsPending > 0 ? { refundsPending } : {}) };
}

/**
 * The refunds a WooCommerce order export lists in refund_items (`amount:12.00|reason:…|date:…`,
 * `;` between refunds), each with its own date (UTC, as the exporter writes it). Refunds adding up
 * to the order's total return every line; smaller ones say no quantity. Undefined when the cell is
 * empty (no refund): the order-level reading then applies (a `refunded` status).
 */
function datedRefunds(ds: Dataset, row: SourceRow, order: Order): { returns: ReturnRecord[]; partial: boolean } | undefined {
  const text = ds.text(row, "refund_items");
  if (text === undefined) return undefined;
  const refunds: { amount: number; at: Date; reason?: string }[] = [];
  for (const entry of text.split(";")) {
    if (entry.trim() === "") continue;
    const fields = new Map<string, string>();
    for (const part of entry.split("|")) {
      const colon = part.indexOf(":");
      if (colon > 0) fields.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
    }
    const amount = parseMoney(fields.get("amount") ?? "", order.currency);
    const at = parseDateTime(fields.get("date") ?? "", "UTC");
    if (isProblem(amount) || isProblem(at)) {
      ds.fail(
        row,
        "refund_items",
        `"${entry.trim()}" is not a refund as amount:…|reason:…|date:…`,
        "export the orders again, or remove the cell",
      );
    }
    const reason = fields.get("reason");
    refunds.push({ amount: Math.abs(amount), at, ...(reason ? { reason } : {}) });
  }
  if (refunds.length === 0) return undefined;
  const sum = refunds.reduce((s, r) => s + r.amount, 0);
  const last = new Date(Math.max(...refunds.map((r) => r.at.getTime())));
  if (order.total > 0 && sum >= order.total) {
    return { returns: refundReturns(order, sum, true, last).map((x) => ({ ...x, requestedAt: last })), partial: false };
  }
  const returns = refunds.map(
    (r, i): ReturnRecord => ({
      id: `${order.id}/refund-item/${i + 1}`,
      orderId: order.id,
      quantity: 0,
      refundAmount: r.amount,
      currency: order.currency,
      requestedAt: r.at,
      refundedAt: r.at,
      reason: r.reason ?? "partial refund (orders export)",
    }),
  );
  return { returns, partial: true };
}

/**
 * Return records of refunds carried on lines. A refund of the line's whole net value returns its
 * units; a smaller one (价保, a partial refund) says no quantity: its value counts, its units not.
 */
function lineRefundReturns(order: Order, refunds: { line: OrderLine; amount: number }[]): { returns: ReturnRecord[]; partial: boolean } {
  let partial = false;
  const returns = refunds.map(({ line, amount }, i): ReturnRecord => {
    const full = amount >= line.unitPrice * line.quantity - line.discount;
    if (!full) partial = true;
    return {
      id: `${order.id}/line-refund/${i + 1}`,
      orderId: order.id,
      ...(line.sku ? { sku: line.sku } : {}),
      quantity: full ? line.quantity : 0,
      refundAmount: amount,
      currency: order.currency,
      // The export has no refund date: dated by the order, like every refund read from an export.
      requestedAt: order.placedAt,
      reason: full ? "line refunded in full (orders export)" : "partial line refund (orders export)",
    };
  });
  return { returns, partial };
}

/**
 * The return records of a refund carried on an order. A full refund returns every line (the
 * amount split over the lines by their net value, so the audit can place each); a partial refund
 * says no line or quantity: one order-level record of its value.
 */
function refundReturns(order: Order, amount: number, full: boolean, refundedAt: Date | undefined): ReturnRecord[] {
  const base = (suffix: string, reason: string): ReturnRecord => ({
    id: `${order.id}/refund${suffix}`,
    orderId: order.id,
    quantity: 0,
    refundAmount: 0,
    currency: order.currency,
    // Exports carry no refund date: the refund is dated by its order (cohort of the order).
    requestedAt: order.placedAt,
    reason,
    ...(refundedAt ? { refundedAt } : {}),
  });
  if (!full || order.lines.length === 0) {
    const quantity = full ? order.lines.reduce((s, l) => s + l.quantity, 0) : 0;
    return [{ ...base("", full ? "refunded in full (orders export)" : "partial refund (orders export)"), quantity, refundAmount: amount }];
  }
  const net = lineNetValues(order).map((v) => Math.max(0, v));
  const totalNet = net.reduce((s, v) => s + v, 0);
  let left = amount;
  return order.lines.map((line, i) => {
    const last = i === order.lines.length - 1;
    const share = last
      ? left
      : totalNet > 0
        ? Math.round((amount * (net[i] as number)) / totalNet)
        : Math.round(amount / order.lines.length);
    left -= share;
    return {
      ...base(`/${i + 1}`, "refunded in full (orders export)"),
      ...(line.sku ? { sku: line.sku } : {}),
      quantity: line.quantity,
      refundAmount: share,
    };
  });
}
