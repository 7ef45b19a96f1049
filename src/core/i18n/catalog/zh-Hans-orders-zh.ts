import type { enOrdersZh } from "./en-orders-zh.js";

/** 国内平台订单导出（拼多多/抖店售后状态、ERP、1688）的消息；见 en-orders-zh.ts。 */
export const zhHansOrdersZh: Record<keyof typeof enOrdersZh, string> = {
  "orders_zh.after_sale_unknown": "售后状态“{value}”不在该导出已知的取值中：无法判断钱是否已退回，不按猜测读取",
  "orders_zh.after_sale_unknown_hint":
    "请说明它的含义：mapping.{dataset}.statuses: '{' \"{value}\": refunded '}'（已退款），或 paid（未退款）",
  "orders_zh.erp_merged": "这是 ERP 的订单明细（旺店通）：一个 ERP 订单（订单编号）合并了一起发货的多个平台订单，无法判断哪个才算一个订单",
  "orders_zh.erp_merged_hint":
    '请使用各平台自己的订单导出（淘宝/天猫、抖店、拼多多、快手……），或指定要读取的列：mapping.orders.columns: \'{\' order_id: "子单原始单号", placed_at: "交易时间", total: "买家实付" \'}\'',
};
