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
  "orders.unpaid_left_out": "{file}：{n, plural, other {# 个未付款订单}}未计入订单数和 GMV（{words}）",
  "orders.awaiting_hint":
    "等待付款的订单（“{value}”：货到付款、银行转账、未请款的信用卡）付款前不计入 GMV；如仍要计入：mapping.{dataset}.statuses: '{' \"{value}\": paid '}'",
  "orders.status_ambiguous":
    "“{value}”在不同平台含义不同（Shopify、WooCommerce 表示等待付款，Lazada 和很多表格表示已付款待打包）：不按猜测读取",
  "orders.status_ambiguous_hint":
    "请说明它在此导出中的含义：mapping.{dataset}.statuses: '{' \"{value}\": awaiting '}'（等待付款，不计入），或 paid",
  "orders.status_empty": "为空：该订单可能是成交、草稿或已取消，不按猜测计入",
  "orders.status_empty_hint":
    "请填写订单状态，或说明空状态在此导出中的含义：mapping.{dataset}.emptyStatus: paid（或 awaiting、cancelled、unpaid）",
  "orders.payment_column_unread": "列“{header}”标明了每个订单是否已付款，但没有被读取（状态：{status}）：未付款的订单会被算作成交",
  "orders.payment_column_hint": "请把它作为订单状态读取：mapping.orders.columns: '{' status: \"{header}\" '}'（其中的状态词照常映射）",
  "orders.woo_unpaid_left_out":
    "[woocommerce:{store}] {n, plural, other {# 个未付款订单}}未计入订单数和 GMV（状态 {words}），与 WooCommerce 统计分析的口径一致",
};
