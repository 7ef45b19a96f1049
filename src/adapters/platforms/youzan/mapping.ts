/**
 * Youzan records <-> merchops records: items with their SKUs (prices in 分) <-> Product, trades (yuan
 * strings, Beijing wall-clock times) -> Order, and the option-axis names (颜色/尺码 <-> colour/size).
 */
import type { Order, OrderLine, OrderStatus, Product, Variant } from "../../../core/model.js";
import { isProblem, parseDateTime } from "../../../core/values.js";
import { toMinor } from "./money.js";

/** Youzan shops sell in CNY and stamp everything in Beijing time, whatever the store's report zone. */
export const YOUZAN_CURRENCY = "CNY";
export const YOUZAN_TIMEZONE = "Asia/Shanghai";
const BEIJING_OFFSET_MS = 8 * 3600_000;

const AXIS_LABELS: Record<string, { zh: string; en: string }> = {
  colour: { zh: "颜色", en: "Color" },
  size: { zh: "尺码", en: "Size" },
  material: { zh: "材质", en: "Material" },
  flavour: { zh: "口味", en: "Flavor" },
  capacity: { zh: "容量", en: "Capacity" },
  weight: { zh: "重量", en: "Weight" },
};

const LABEL_TO_AXIS = new Map<string, string>([
  ["color", "colour"],
  ["colour", "colour"],
  ["颜色", "colour"],
  ["顏色", "colour"],
  ["颜色分类", "colour"],
  ["size", "size"],
  ["尺码", "size"],
  ["尺碼", "size"],
  ["尺寸", "size"],
  ["material", "material"],
  ["材质", "material"],
  ["材質", "material"],
  ["flavor", "flavour"],
  ["flavour", "flavour"],
  ["口味", "flavour"],
  ["capacity", "capacity"],
  ["容量", "capacity"],
  ["weight", "weight"],
  ["重量", "weight"],
]);

/** The Youzan spec name (`k`) for a canonical axis: 颜色 / Color, else the axis Title-cased. */
export function axisLabel(axis: string, language: "zh" | "en"): string {
  const known = AXIS_LABELS[axis];
  if (known) return known[language];
  return axis.charAt(0).toUpperCase() + axis.slice(1);
}

/** A spec name as Youzan shows it -> the canonical axis ("颜色" -> colour, "Size" -> size, else lowercased). */
export function canonicalAxis(label: string): string {
  const trimmed = label.trim();
  return LABEL_TO_AXIS.get(trimmed.toLowerCase()) ?? trimmed.toLowerCase();
}

/** Epoch ms -> "2024-11-03 10:00:00" in Beijing time, the format of every Youzan time parameter. */
export function beijingText(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

export function parseBeijing(raw: unknown): Date | undefined {
  if (typeof raw === "number" && raw > 1e11) return new Date(raw);
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const parsed = parseDateTime(raw, YOUZAN_TIMEZONE);
  return isProblem(parsed) ? undefined : parsed;
}

const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const int = (v: unknown): number | undefined => {
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
};

/** Spec k/v pairs from a JSON string or an array: `[{"k":"颜色","v":"红"}]`. */
export function specPairs(raw: unknown): { k: string; v: string }[] {
  let list: unknown = raw;
  if (typeof raw === "string") {
    try {
      list = raw.trim() === "" ? [] : JSON.parse(raw);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return list.map((p) => ({ k: text(rec(p).k), v: text(rec(p).v) })).filter((p) => p.k !== "");
}

/** 划线价 as Youzan stores it (merchant text, normally yuan like "199.00") -> minor units, or null. */
export function originPrice(raw: unknown): number | null {
  const t = text(raw).replace(/[¥￥元\s]/g, "");
  if (t === "") return null;
  return toMinor(t, YOUZAN_CURRENCY) ?? null;
}

/** An item as `youzan.item.get` returns it -> Product. The handle is the item's 商家编码 (item_no), else its alias. */
export function itemToProduct(raw: unknown, listedStatus: Product["status"] | undefined): Product {
  const item = rec(raw);
  const handle = text(item.item_no) || text(item.alias) || text(item.item_id);
  const compareAt = originPrice(item.origin_price);
  const display = int(item.is_display);
  const status: Product["status"] = display === undefined ? (listedStatus ?? "active") : display === 1 ? "active" : "draft";
  const skus = Array.isArray(item.skus) ? item.skus.map(rec) : [];
  let axes: string[] = [];
  const variants: Variant[] = [];
  for (const sku of skus) {
    const pairs = specPairs(sku.properties_name_json ?? sku.properties_name ?? sku.skus);
    if (variants.length === 0) axes = pairs.map((p) => canonicalAxis(p.k));
    const options: Record<string, string> = {};
    for (const p of pairs) options[canonicalAxis(p.k)] = p.v;
    const quantity = int(sku.quantity ?? sku.stock_num);
    // Only the merchant's own code is a SKU; Youzan's internal sku_id is not (a SKU-less variant stays so).
    const code = text(sku.item_no) || text(sku.code) || text(sku.outer_id);
    variants.push({
      ...(code ? { sku: code } : {}),
      options,
      price: int(sku.price) ?? 0,
      compareAtPrice: compareAt,
      currency: YOUZAN_CURRENCY,
      ...(quantity !== undefined ? { inventory: quantity } : {}),
    });
  }
  if (variants.length === 0) {
    const quantity = int(item.quantity);
    variants.push({
      sku: handle,
      options: {},
      price: int(item.price) ?? 0,
      compareAtPrice: compareAt,
      currency: YOUZAN_CURRENCY,
      ...(quantity !== undefined ? { inventory: quantity } : {}),
    });
  }
  const updatedAt = parseBeijing(item.update_time);
  const description = text(item.desc);
  return {
    id: text(item.item_id),
    handle,
    title: text(item.title),
    ...(description !== "" ? { description } : {}),
    status,
    options: axes,
    ...(updatedAt ? { updatedAt } : {}),
    variants,
  };
}

/** Youzan trade status (+ refund state) -> canonical status. */
export function tradeStatus(status: string, refundState: number | undefined, paid: boolean): OrderStatus {
  // refund_state 12 = 全额退款成功 (inf: the 0/1/2/11/12 scale seen in trade payloads).
  if (refundState === 12) return "refunded";
  switch (status) {
    case "WAIT_BUYER_PAY":
    case "TRADE_NO_CREATE_PAY":
      return "pending";
    case "WAIT_CONFIRM":
    case "TRADE_PAID":
    case "WAIT_SELLER_SEND_GOODS":
    case "WAIT_GROUP":
      return "paid";
    case "WAIT_BUYER_CONFIRM_GOODS":
    case "TRADE_BUYER_SIGNED":
    case "TRADE_SUCCESS":
      return "fulfilled";
    case "TRADE_CLOSE":
    case "TRADE_CLOSED":
    case "TRADE_CLOSED_BY_USER":
      return paid || (refundState ?? 0) > 0 ? "refunded" : "cancelled";
    default:
      return paid ? "paid" : "pending";
  }
}

/** One `full_order_info` -> Order; undefined when it has no tid or creation time. */
export function tradeToOrder(raw: unknown, currency = YOUZAN_CURRENCY): Order | undefined {
  const info = rec(raw);
  const orderInfo = rec(info.order_info);
  const payInfo = rec(info.pay_info);
  const buyer = rec(info.buyer_info);
  const tid = text(orderInfo.tid);
  const placedAt = parseBeijing(orderInfo.created);
  if (!tid || !placedAt) return undefined;
  const money = (v: unknown): number => (v === undefined || v === null || v === "" ? 0 : (toMinor(text(v), currency) ?? 0));
  const lines: OrderLine[] = [];
  for (const l of Array.isArray(info.orders) ? info.orders.map(rec) : []) {
    const quantity = int(l.num) ?? 0;
    if (quantity <= 0) continue;
    const unitPrice = money(l.price);
    const gross = unitPrice * quantity;
    // `payment` is what the buyer pays for the line after item and order discounts.
    const paidForLine =
      l.payment !== undefined && l.payment !== "" ? money(l.payment) : l.total_fee !== undefined ? money(l.total_fee) : gross;
    const options: Record<string, string> = {};
    for (const p of specPairs(l.sku_properties_name)) options[canonicalAxis(p.k)] = p.v;
    const title = text(l.title);
    lines.push({
      ...(text(l.oid) ? { id: text(l.oid) } : {}),
      sku: text(l.outer_sku_id) || text(l.outer_item_id) || text(l.sku_id) || text(l.item_id),
      ...(text(l.item_id) ? { productId: text(l.item_id) } : {}),
      ...(title ? { title } : {}),
      ...(Object.keys(options).length ? { options } : {}),
      quantity,
      unitPrice,
      discount: Math.max(0, gross - paidForLine),
    });
  }
  const subtotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const shippingTotal = money(payInfo.post_fee);
  const total =
    payInfo.payment !== undefined ? money(payInfo.payment) : subtotal + shippingTotal - lines.reduce((s, l) => s + l.discount, 0);
  const paid = text(orderInfo.pay_time) !== "" || rec(orderInfo.order_tags).is_payed === true;
  const updatedAt = parseBeijing(orderInfo.update_time);
  const customer = text(buyer.yz_open_id) || text(buyer.buyer_id) || text(buyer.fans_id);
  return {
    id: tid,
    placedAt,
    currency,
    status: tradeStatus(text(orderInfo.status), int(orderInfo.refund_state), paid),
    test: false,
    ...(customer ? { customerId: customer } : {}),
    subtotal,
    discountTotal: subtotal + shippingTotal - total,
    shippingTotal,
    taxTotal: 0,
    total,
    ...(updatedAt ? { updatedAt } : {}),
    lines,
  };
}
