/**
 * The words platforms and back offices use for statuses, channels and traffic sources, mapped
 * onto merchops' canonical values. Chinese (Taobao/Youzan back offices), Shopify and WooCommerce
 * spellings side by side.
 */
import type { OrderStatus, TicketChannel, TicketStatus, TrafficSource } from "./model.js";

const key = (s: string) =>
  s
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [canonical, words] of Object.entries(entries) as [T, string[]][]) {
    m.set(key(canonical), canonical);
    for (const w of words) m.set(key(w), canonical);
  }
  return m;
}

const ORDER_STATUS = table<OrderStatus>({
  pending: ["待付款", "等待买家付款", "未付款", "authorized", "on hold", "pending payment", "unpaid", "待付款訂單", "未付款"],
  paid: [
    "已付款",
    "买家已付款",
    "待发货",
    "等待卖家发货",
    "processing",
    "partially paid",
    "partially refunded",
    "已付款待出貨",
    "待出貨",
    "付款成功",
  ],
  fulfilled: [
    "已发货",
    "卖家已发货",
    "交易成功",
    "已完成",
    "已签收",
    "completed",
    "shipped",
    "delivered",
    "已出貨",
    "已完成訂單",
    "交易完成",
  ],
  cancelled: ["已取消", "交易关闭", "交易關閉", "canceled", "voided", "failed", "已關閉", "取消"],
  refunded: ["已退款", "退款成功", "全额退款", "已退款訂單"],
});

export function orderStatus(raw: string | undefined): OrderStatus | undefined {
  if (raw === undefined) return "paid";
  return ORDER_STATUS.get(key(raw));
}
export const ORDER_STATUS_WORDS = "paid, pending, fulfilled, cancelled, refunded (or 已付款, 待付款, 交易成功, 交易关闭, 已退款)";

const TRAFFIC = table<TrafficSource | "all">({
  organic_search: ["organic", "organic search", "seo", "search", "自然搜索", "搜索", "免费搜索", "自然搜尋", "google organic", "baidu"],
  paid_search: [
    "paid",
    "paid search",
    "cpc",
    "ppc",
    "sem",
    "ads",
    "google ads",
    "直通车",
    "付费推广",
    "付费",
    "广告",
    "推广",
    "付費廣告",
    "付費搜尋",
  ],
  social: ["social", "social media", "社交", "社交媒体", "抖音", "小红书", "微信", "微博", "facebook", "instagram", "tiktok", "社群"],
  direct: ["direct", "(direct)", "直接访问", "直接", "直接訪問", "direct traffic"],
  referral: ["referral", "referrer", "外部链接", "外链", "推荐", "外部連結", "referral traffic"],
  email: ["email", "e-mail", "edm", "邮件", "短信", "郵件", "newsletter"],
  other: ["other", "其他", "unknown"],
  all: ["all", "total", "全部", "合计", "总计", "總計", "合計", "全部来源"],
});

/** A traffic source or order attribution word -> canonical source; unknown words -> "other". */
export function trafficSource(raw: string): TrafficSource | "all" {
  return TRAFFIC.get(key(raw)) ?? "other";
}

const CHANNEL = table<TicketChannel>({
  chat: ["live chat", "im", "在线咨询", "聊天", "在线客服", "旺旺", "咨询", "線上客服", "即時通訊", "messenger", "whatsapp"],
  ticket: ["工单", "工單", "form", "web", "售后工单"],
  email: ["e-mail", "mail", "邮件", "郵件", "電子郵件"],
  phone: ["call", "电话", "電話", "voice"],
});

export function ticketChannel(raw: string | undefined): TicketChannel | undefined {
  if (raw === undefined) return "ticket";
  return CHANNEL.get(key(raw));
}
export const TICKET_CHANNEL_WORDS = "chat, ticket, email, phone (or 在线咨询, 工单, 邮件, 电话)";

const TICKET_STATUS = table<TicketStatus>({
  open: ["new", "待处理", "未处理", "待處理", "新建"],
  pending: ["in progress", "on hold", "处理中", "處理中", "等待回复", "hold"],
  resolved: ["solved", "已解决", "已解決", "已处理", "done"],
  closed: ["已关闭", "已關閉", "完结", "已完结"],
});

export function ticketStatus(raw: string | undefined, resolvedAt: Date | null): TicketStatus | undefined {
  if (raw === undefined) return resolvedAt ? "resolved" : "open";
  return TICKET_STATUS.get(key(raw));
}
export const TICKET_STATUS_WORDS = "open, pending, resolved, closed (or 待处理, 处理中, 已解决, 已关闭)";
