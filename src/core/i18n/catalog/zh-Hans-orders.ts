import type { enOrders } from "./en-orders.js";

/** 订单导出（文件店铺）的消息；见 en-orders.ts。 */
export const zhHansOrders: Record<keyof typeof enOrders, string> = {
  "orders.total_empty": "订单 {id}（{status}）的金额为空，导出中也没有小计或带价格的明细：金额未知，无法汇总 GMV",
  "orders.total_empty_hint": "请填写订单金额；若该订单从未付款，请映射其状态：mapping.orders.statuses: '{' \"<状态>\": unpaid '}'",
  "orders.summary_rows": "{file}：已跳过 {n, plural, other {# 行}}合计或备注行（{words}）：它们不是订单",
  "orders.refund_column_unread": "列“{header}”看起来是退款金额，但没有被读取：退货指标会漏掉这些退款",
  "orders.refund_column_hint": "请映射它：mapping.orders.columns: '{' refunded_amount: \"{header}\" '}'",
  "orders.etsy_items": "这是 Etsy 的已售订单商品下载（每件商品一行）：它没有给出每个订单的实付总额",
  "orders.etsy_items_hint":
    "请把已售订单下载（Shop Manager > Settings > Options > Download Data > Orders：EtsySoldOrders<年份>.csv）作为订单文件",
  "orders.decimal_comma_hint": "金额使用小数逗号书写：请在配置中说明，mapping.{dataset}.decimalComma: true",
  "orders.test_orders": "{file}：{n, plural, other {# 个测试订单}}（“{column}”列）未计入任何指标",
};
