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
  "orders.not_orders":
    "这是{layout}：每行是一笔收款、退款、手续费或转账，日期是资金变动的日期，并非每行一个订单；若当作订单读取，会把退款、手续费和提现都算成销售额",
  "orders.not_orders_hint":
    '请提供店铺自己的订单导出作为订单文件（Shopify 订单 > 导出、WooCommerce、eBay、Etsy Sold Orders 等）；若确要读取此文件，请映射其列：mapping.orders.columns: \'{\' order_id: "<列名>", placed_at: "<列名>", total: "<列名>" \'}\'',
  "orders.amazon_date_range":
    "这是亚马逊的日期范围报告（按结算列出的交易）：订单在扣款（发货）时才出现，手续费和退款各占一行，待处理或已取消的订单不会出现：无法据此按下单日期统计订单数和 GMV",
  "orders.amazon_date_range_hint": "请提供“所有订单”报告作为订单文件（卖家平台 > 报告 > 库存和销售报告 > 所有订单，制表符分隔的 .txt）",
  "orders.line_in_one_cell":
    '表头只有一个单元格，装着整行内容（"{cell}"），与其余部分以 "{delimiter}" 分隔：这份导出被表格软件当作一列打开后又另存，每行都被套上了引号，因此读不出任何列',
  "orders.line_in_one_cell_hint":
    "请提供平台导出的原始文件（重新下载），或在表格软件中用“数据 > 从文本/CSV”打开并选择逗号作为分隔符，再另存为 CSV",
};
