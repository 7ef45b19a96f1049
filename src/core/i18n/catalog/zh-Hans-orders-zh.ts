import type { enOrdersZh } from "./en-orders-zh.js";

/** 国内平台订单导出（拼多多/抖店售后状态、ERP、1688）的消息；见 en-orders-zh.ts。 */
export const zhHansOrdersZh: Record<keyof typeof enOrdersZh, string> = {
  "orders_zh.after_sale_unknown": "售后状态“{value}”不在该导出已知的取值中：无法判断钱是否已退回，不按猜测读取",
  "orders_zh.after_sale_unknown_hint":
    "请说明它的含义：mapping.{dataset}.statuses: '{' \"{value}\": refunded '}'（已退款），或 paid（未退款）",
};
