/**
 * Export profiles of Chinese platforms and ERPs added after the first round (profiles.ts keeps
 * Taobao/Tmall, JD, 抖店, 拼多多 and 有赞). Each layout is learned from public readers of real
 * exports, named beside it; fixtures/exports/README.md lists what was studied.
 *
 * Written `as const` without importing ExportProfile (profiles.ts imports this module, and a
 * circular import is refused by the dependency rules): PROFILES in profiles.ts types each of them.
 */
import { msg } from "../../../core/i18n/message.js";

/** Taobao/Tmall trade statuses as the seller centre prints them (订单报表 and 宝贝报表). */
export const TAOBAO_TRADE_STATUSES = {
  等待买家付款: "unpaid",
  买家已付款: "paid",
  "买家已付款，等待卖家发货": "paid",
  卖家部分发货: "paid",
  等待卖家发货: "paid",
  "卖家已发货，等待买家确认": "fulfilled",
  等待买家确认收货: "fulfilled",
  交易成功: "fulfilled",
  交易关闭: "cancelled",
  交易被淘宝关闭: "cancelled",
  "付款以后用户退款成功，交易自动关闭": "refunded",
} as const;

/*
 * Taobao/Tmall 宝贝报表 given as the orders file (renamed, or the one-file download that carries
 * 订单创建时间): one row per 子订单, each with its own 订单状态, 买家实际支付金额 (what the buyer paid
 * for that 子订单), 退款状态 and 退款金额. A public cleaning script reads this file as the shop's
 * orders (file id 34074784961: 主订单编号, 子订单编号, 买家应付货款, 标题, 订单状态, 订单创建时间, 物流单号,
 * 物流公司, 购买数量, 退款状态, 退款金额, 发货时间; 退款金额 written 无退款申请 when there is none). Without
 * this profile the file read as a generic sheet would add up list prices (价格 × 购买数量), not what
 * buyers paid. The order is the sum of its 子订单; 退款成功 lines are its refunds.
 */
const TMALL_ITEMS_AS_ORDERS = {
  id: "tmall-item-report-orders",
  label: "Taobao/Tmall 宝贝报表 as orders (one row per 子订单)",
  dataset: "orders",
  source: "Taobao/Tmall seller centre 已卖出的宝贝 > 批量导出 宝贝报表, given as the orders file",
  signature: ["主订单编号", "子订单编号", "标题", "购买数量", "订单创建时间"],
  anyOf: ["买家实际支付金额", "买家应付货款"],
  columns: {
    order_id: "主订单编号",
    line_id: "子订单编号",
    placed_at: "订单创建时间",
    paid_at: "订单付款时间",
    status: "订单状态",
    customer_id: "买家会员名",
    title: "标题",
    quantity: "购买数量",
    sku: "商家编码",
    options: "商品属性",
    line_total: ["买家实际支付金额", "买家应付货款"],
    // 价格 is the list price: no header is the unit price, so the line is what the buyer paid.
    unit_price: [],
    line_refunded_amount: "退款金额",
    line_refund_status: "退款状态",
  },
  statuses: TAOBAO_TRADE_STATUSES,
  unpaidWithoutPaidAt: true,
  closedWords: ["交易关闭"],
  statusPerLine: true,
  optionalLineColumns: ["sku"],
  lineRefundDone: ["退款成功"],
  missing: ["无退款申请"],
  note: "GMV is the sum of the 子订单's 买家实际支付金额 (what buyers paid)",
} as const;

/*
 * 快手小店 订单导出 (订单管理 > 批量导出), one row per order: a public data dictionary of 213,351
 * real rows in 10 downloads (file id 61522271937: 64 columns, 订单号 unique, "one order, one
 * SKU") and a public cleaning script (file id 34074784961: 实付款 written `¥1,299.90`, dates
 * `2024/03/01 10:00:00`, 交易关闭 with an empty 售后状态 is an order never paid, 待付款 left out).
 * 售后状态 moves 售后处理中 → 退款成功; a partial refund (退差价, 小额打款) is written only in 订单备注,
 * which is free text: not read (README: the 快手 decision).
 */
const KUAISHOU_ORDERS = {
  id: "kuaishou-order-export",
  label: "快手小店 order export",
  dataset: "orders",
  source: "快手小店 商家后台 订单管理 > 批量导出 (data dictionary of real downloads)",
  signature: ["订单号", "订单创建时间", "订单状态", "实付款", "成交数量"],
  columns: {
    order_id: "订单号",
    placed_at: "订单创建时间",
    paid_at: "订单支付时间",
    status: "订单状态",
    total: "实付款",
    shipping: "快递费",
    discount: "店铺优惠",
    product_id: "商品ID",
    sku: ["SKU编码", "商品ID"],
    title: "商品名称",
    quantity: "成交数量",
    unit_price: "商品单价",
    line_refund_status: "售后状态",
  },
  statuses: {
    待付款: "unpaid",
    待发货: "paid",
    已发货: "fulfilled",
    已收货: "fulfilled",
    交易成功: "fulfilled",
    交易关闭: "cancelled",
  },
  unpaidWithoutPaidAt: true,
  closedWords: ["交易关闭"],
  optionalLineColumns: ["sku"],
  // The dictionary's own rule for empty cells of the download.
  missing: ["-", "--", "—", "/"],
  afterSale: { refunded: ["退款成功"], open: ["售后处理中"], none: ["售后关闭", "售后失败"] },
  note: "GMV is what buyers paid (实付款), platform and streamer subsidies not included; partial refunds written only in 订单备注 are not read",
} as const;

/*
 * 旺店通 ERP 订单明细 (one row per goods line of an ERP order). A public reconciliation tool's
 * tests (file ids 70491496240, 70460770877): 订单编号 is the ERP's own JY number, and one JY order
 * merges several platform orders shipped together (合单: 子单原始单号 A and B under JY1), with 应收金额
 * the merged amount and 买家实付 each platform order's; 付款时间 empty on a merged line; 补发 orders.
 * Orders and GMV cannot be told without choosing which order is "the" order: refused, naming the
 * platform exports to give instead (or the mapping that decides).
 */
const WDT_ORDER_DETAILS = {
  id: "wangdiantong-order-details",
  label: "旺店通 订单明细 (ERP)",
  dataset: "orders",
  source: "旺店通 ERP 订单管理 > 订单明细导出",
  signature: ["订单编号", "子单原始单号", "订单状态", "应收金额"],
  columns: {},
  refuse: { problem: msg("orders_zh.erp_merged"), hint: msg("orders_zh.erp_merged_hint") },
} as const;

export const CN_PROFILES = [TMALL_ITEMS_AS_ORDERS, KUAISHOU_ORDERS, WDT_ORDER_DETAILS] as const;
