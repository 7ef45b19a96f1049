/**
 * Export profiles: the layouts platforms really export, recognized from their headers. A profile
 * names the header each merchops column sits under and the platform's status words; everything
 * here is a fact read in a real export or a public parser of one (the source is named beside
 * each profile; fixtures/exports/README.md lists what was studied).
 *
 * A profile never guesses: a column it does not name falls back to the column reference
 * (columns.ts), and a store's `mapping:` config wins over both.
 */
import { type Message, msg } from "../../../core/i18n/message.js";
import type { DatasetName } from "./columns.js";
import { normalizeHeader } from "./columns.js";
import { CN_PROFILES, TAOBAO_TRADE_STATUSES } from "./profiles-cn.js";

/**
 * Canonical statuses plus "unpaid" (never paid) and "awaiting" (waiting for its payment: cash on
 * delivery, a bank transfer, a card not captured): both are left out of every figure, as no money
 * was received. "pending" is the canonical status (an order placed, counted, not yet a paying one).
 */
export type ProfileStatus = "pending" | "paid" | "fulfilled" | "cancelled" | "refunded" | "unpaid" | "awaiting";

export interface ExportProfile {
  id: string;
  label: string;
  dataset: DatasetName;
  /** Where the layout was learned. */
  source: string;
  /** Every one of these headers is present. */
  signature: readonly string[];
  /** ... and at least one of these (when given). */
  anyOf?: readonly string[];
  /** merchops column -> header(s) as the platform writes them, tried in turn. */
  columns: Readonly<Record<string, string | readonly string[]>>;
  /** The platform's status words (matched case-insensitively). */
  statuses?: Readonly<Record<string, ProfileStatus>>;
  /** What an empty status cell means on this platform (Etsy: every row of Sold Orders is a sale). */
  emptyStatus?: ProfileStatus;
  /** An order without a payment time was never paid (Tmall, Youzan, JD, Douyin): left out. */
  unpaidWithoutPaidAt?: boolean;
  /** Status words that mean "closed": a refund when the order had been paid, else a cancellation. */
  closedWords?: readonly string[];
  /** Where the line columns are optional on a line row (Shopify custom items have no SKU). */
  optionalLineColumns?: readonly string[];
  /** Line refund states meaning the money went back (Tmall 退款状态 退款成功); other states with an amount are not refunds yet. */
  lineRefundDone?: readonly string[];
  /** The subtotal column is after discounts (Shopify): the pre-discount subtotal is it plus the discount. */
  subtotalAfterDiscount?: boolean;
  /**
   * The export's refund columns cannot be read without guessing (Etsy's Adjusted Order Total is 0
   * both with no refund and after a full one): refunds and return rates are n/a with a note.
   */
  refundsNotRead?: boolean;
  /** Values for columns the layout does not have (生意参谋: every row is the shop's total). */
  defaults?: Readonly<Record<string, string | number>>;
  /** Said in --explain and the run info when the figures have a platform-specific meaning. */
  note?: string;
  /**
   * A known layout that is not this dataset's export (Etsy's items download given as the orders):
   * refused with what it is and which file to give instead, unless the store maps its columns.
   */
  refuse?: { problem: Message; hint: Message };
  /** A column whose words mark a test order (Shopify's "(for testing) Bogus Gateway" payment method). */
  testOrders?: { header: string; pattern: RegExp };
  /**
   * A row of an order whose cell under this header is empty is the order's summary row, not an
   * item (eBay: a multi-item order is a summary row with the order's money, then one row per item).
   */
  summaryRowWithout?: string;
  /** Cell texts this platform writes for "nothing" (抖店 writes `-` in an empty time or after-sale cell). */
  missing?: readonly string[];
  /**
   * The after-sale column (refund_status: 拼多多/抖店 售后状态) read row by row: which words mean the
   * money went back, which a request still open, which no refund. A word in none of the lists is
   * refused naming the cell, as an unknown status is.
   */
  afterSale?: { refunded: readonly string[]; open: readonly string[]; none: readonly string[] };
  /**
   * The status column is each row's (抖店: one row per 子订单, a refunded 子订单 closed beside a
   * completed one): rows of one order may differ, and the order's status is its first row not closed.
   */
  statusPerLine?: boolean;
}

/*
 * Shopify orders export (Orders > Export). One row per line item; order columns filled on the
 * first row of each order. Studied: Steproac/Monfrere-Tactical-Audit orders_export_1.csv (2026,
 * 80 columns, custom items without SKU, exchange orders at 0.00), Diptargha/maison_maria_shopify_api
 * orders_export_1.csv (2025, `refunded` with a filled `Cancelled at`), zhangerson/shopify_parsing
 * orders_export.csv (COD orders `pending`), panalysis/d3js-test orders_export.csv (2014-2017,
 * trimmed to 10 columns, no line columns), and header generations without Outstanding Balance /
 * Employee / Location / Device ID, without Payment ID / Payment References (2019-2022) and
 * "Fulfillment Date" for "Fulfilled at". Financial statuses from Shopify's order API:
 * pending, authorized, partially_paid, paid, partially_refunded, refunded, voided, expired.
 */
const SHOPIFY: ExportProfile = {
  id: "shopify-orders",
  label: "Shopify orders export",
  dataset: "orders",
  source: "Shopify admin Orders > Export (orders_export.csv, orders_export_1.csv ...)",
  signature: ["Name", "Created at"],
  anyOf: ["Financial Status", "Lineitem quantity", "Subtotal", "Total"],
  columns: {
    order_id: "Name",
    placed_at: "Created at",
    status: "Financial Status",
    paid_at: "Paid at",
    cancelled_at: "Cancelled at",
    refunded_amount: "Refunded Amount",
    customer_id: "Email",
    email: "Email",
    currency: "Currency",
    subtotal: "Subtotal",
    discount: "Discount Amount",
    shipping: "Shipping",
    tax: "Taxes",
    total: "Total",
    coupon_code: "Discount Code",
    source: "Source",
    sku: "Lineitem sku",
    quantity: "Lineitem quantity",
    unit_price: "Lineitem price",
    line_discount: "Lineitem discount",
    title: "Lineitem name",
  },
  // pending (cash on delivery, bank deposit, manual methods: payment not received) and authorized
  // (card held, not captured) are orders placed: Shopify's own sales reports count them, and so does
  // the Shopify API adapter, so the export and the API give one GMV. Not paying customers yet.
  statuses: {
    pending: "pending",
    authorized: "pending",
    partially_paid: "paid",
    paid: "paid",
    partially_refunded: "paid",
    refunded: "refunded",
    voided: "cancelled",
    expired: "cancelled",
  },
  optionalLineColumns: ["sku"],
  // Orders paid through Shopify's test gateway are test orders (the API's test: true), which
  // Shopify's own reports leave out: creyox-dipen/test_repo's two orders, paid "(for testing) Bogus Gateway".
  testOrders: { header: "Payment Method", pattern: /bogus gateway/i },
  // #1058 of maison_maria: Subtotal 53.01, Discount Amount 4.00, one line at 57.01.
  subtotalAfterDiscount: true,
};

/*
 * WooCommerce "Customer/Order CSV Export" (SkyVerge) default order format, and the column names
 * of WooCommerce's order data (wc_get_order: order_total, refunded_total, customer_id 0 for
 * guests). No public export of this plugin was found with the search tools: built from the
 * plugin's documented default columns and WooCommerce's status slugs.
 *
 * The same columns are WebToffee's "Order Export & Order Import for WooCommerce" layout, read in
 * its exporter (wruw/telethon, wp-content/plugins/order-import-export-for-woocommerce/admin/modules/
 * order/export/export.php, 2.5.9): order_id, order_number, order_date, paid_date, status
 * (get_status(), no wc- prefix), ..., order_total, order_subtotal, order_currency, ...,
 * customer_email, ..., refund_items (`amount:X|reason:Y|date:Z` joined by `;`, Z written by PHP
 * date() under WordPress's UTC default: UTC), line_item_1 ... paid_date is WooCommerce's
 * WC_DateTime, written with its offset.
 */
const WOO_CSV_EXPORT: ExportProfile = {
  id: "woocommerce-order-csv",
  label: "WooCommerce Customer/Order CSV Export",
  dataset: "orders",
  source: "WooCommerce Customer/Order CSV Export plugin, default format (documentation; no public file found)",
  signature: ["order_id", "order_date", "status", "order_total"],
  columns: {
    order_id: ["order_number", "order_id"],
    placed_at: "order_date",
    paid_at: ["date_paid", "paid_date"],
    status: "status",
    customer_id: "customer_id",
    email: ["billing_email", "customer_email"],
    currency: "order_currency",
    shipping: "shipping_total",
    tax: "tax_total",
    discount: "discount_total",
    total: "order_total",
    // WooCommerce's get_subtotal(): the lines before discounts (WebToffee).
    subtotal: "order_subtotal",
    refunded_amount: "refunded_total",
    refund_items: "refund_items",
    coupon_code: "coupon_items",
  },
  // Slugs without the wc- prefix. WooCommerce Analytics leaves pending, failed and cancelled
  // out by default: pending is "Pending payment" (never paid).
  statuses: {
    pending: "unpaid",
    "pending payment": "unpaid",
    failed: "cancelled",
    // On hold (a bank transfer or cheque to confirm) is an order placed: WooCommerce Analytics counts
    // it (only pending, failed and cancelled are excluded by default). Not a paying customer yet.
    "on-hold": "pending",
    processing: "paid",
    completed: "fulfilled",
    cancelled: "cancelled",
    refunded: "refunded",
    "checkout-draft": "unpaid",
  },
};

/*
 * "Advanced Order Export For WooCommerce" (AlgolPlus), the most installed Woo export plugin, in its
 * default labels: one row per item with the order columns repeated. Studied: the header a public
 * Perl receipt printer documents ("Order Number","Order Status","Order Date","Customer Note",
 * "First Name (Billing)",...,"Email (Billing)",...,"Item #",SKU,Name,"Product Variation",Quantity,
 * "Quantity (- Refund)","Item Cost","Order Line (w/o tax)",...; file id 22715785678), importers
 * reading "Order Subtotal Amount", "Order Total Amount", "Order Shipping Amount", "Cart Discount
 * Amount", "Order Refund Amount", "Order Total Tax Amount" (file id 70134019980) and "Item Name".
 * Statuses are WooCommerce's slugs, as in the CSV export above: pending is pending payment.
 */
const WOO_ADVANCED_EXPORT: ExportProfile = {
  id: "woocommerce-advanced-export",
  label: "WooCommerce Advanced Order Export",
  dataset: "orders",
  source: "Advanced Order Export For WooCommerce (AlgolPlus), default field labels",
  signature: ["Order Number", "Order Status", "Order Date"],
  // The plugin's "(Billing)" labels: "Order Number, Order Status, Order Date" alone are any shop's words.
  anyOf: ["Email (Billing)", "First Name (Billing)", "Last Name (Billing)"],
  columns: {
    order_id: ["Order Number", "Order ID"],
    placed_at: "Order Date",
    status: "Order Status",
    customer_id: "Email (Billing)",
    email: "Email (Billing)",
    subtotal: "Order Subtotal Amount",
    discount: "Cart Discount Amount",
    shipping: "Order Shipping Amount",
    tax: "Order Total Tax Amount",
    total: "Order Total Amount",
    refunded_amount: "Order Refund Amount",
    currency: "Currency",
    sku: "SKU",
    quantity: "Quantity",
    unit_price: "Item Cost",
    title: ["Item Name", "Name"],
  },
  statuses: WOO_CSV_EXPORT.statuses as Record<string, ProfileStatus>,
  optionalLineColumns: ["sku"],
};

/*
 * WooCommerce Analytics > Orders, "Download" CSV. Headers from woocommerce-admin's orders
 * report table (client/analytics/report/orders/table.js): Date, Order #, Status, Customer,
 * Customer type, Product(s), Items sold, Coupon(s), Net sales.
 */
const WOO_ANALYTICS: ExportProfile = {
  id: "woocommerce-analytics-orders",
  label: "WooCommerce Analytics orders CSV",
  dataset: "orders",
  source: "woocommerce-admin orders report table columns",
  signature: ["Order #", "Date", "Status", "Net sales"],
  columns: {
    order_id: "Order #",
    placed_at: "Date",
    status: "Status",
    customer_id: "Customer",
    total: "Net sales",
    coupon_code: "Coupon(s)",
  },
  statuses: {
    "pending payment": "unpaid",
    failed: "cancelled",
    "on hold": "pending",
    processing: "paid",
    completed: "fulfilled",
    cancelled: "cancelled",
    refunded: "refunded",
  },
  note: "GMV is WooCommerce's Net sales (after coupons and refunds, before shipping and tax)",
};

/*
 * Taobao/Tmall 订单报表 (ExportOrderList*.csv, GBK). Header list as written in real exports quoted
 * by public parsers: 订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,
 * 返点积分,买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址,运送方式,联系电话,
 * 联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,物流单号,物流公司,订单备注,宝贝总数量,店铺Id,
 * 店铺名称,订单关闭原因,... (a Java reader's comment with a sample row; a PHP importer
 * mapping $val[0..8]; an R analysis reading 交易关闭 with a payment time as a refund).
 * Statuses are Taobao's trade statuses as the back office prints them.
 */
const TMALL_ORDERS: ExportProfile = {
  id: "tmall-order-report",
  label: "Taobao/Tmall 订单报表 (ExportOrderList)",
  dataset: "orders",
  source: "Taobao/Tmall seller centre 已卖出的宝贝 > 批量导出 订单报表",
  signature: ["订单编号", "买家会员名", "订单状态", "订单创建时间"],
  anyOf: ["总金额", "买家应付货款", "买家实际支付金额"],
  columns: {
    order_id: "订单编号",
    customer_id: "买家会员名",
    subtotal: "买家应付货款",
    shipping: "买家应付邮费",
    total: "总金额",
    status: "订单状态",
    placed_at: "订单创建时间",
    paid_at: "订单付款时间",
    refunded_amount: "退款金额",
  },
  statuses: TAOBAO_TRADE_STATUSES,
  unpaidWithoutPaidAt: true,
  closedWords: ["交易关闭"],
};

/*
 * Taobao/Tmall 宝贝报表 (ExportOrderDetailList*.csv): one row per 子订单. Columns as a Python
 * importer selects them: 子订单编号, 主订单编号, 标题, 价格, 购买数量, 外部系统编号, 商品属性, 套餐信息,
 * 备注, 订单状态, 商家编码, 支付单号, 买家应付货款, 买家实际支付金额, 退款状态, 退款金额 (older files
 * have 订单编号 instead of 主订单编号).
 */
const TMALL_ITEMS: ExportProfile = {
  id: "tmall-item-report",
  label: "Taobao/Tmall 宝贝报表 (ExportOrderDetailList)",
  dataset: "order_lines",
  source: "Taobao/Tmall seller centre 已卖出的宝贝 > 批量导出 宝贝报表",
  signature: ["标题", "价格", "购买数量", "商家编码"],
  anyOf: ["主订单编号", "订单编号"],
  columns: {
    order_id: ["主订单编号", "订单编号"],
    line_id: "子订单编号",
    title: "标题",
    unit_price: "价格",
    quantity: "购买数量",
    sku: "商家编码",
    options: "商品属性",
    refunded_amount: "退款金额",
    refund_status: "退款状态",
  },
  optionalLineColumns: ["sku"],
  // 退款状态 as the 宝贝报表 prints it: 没有申请退款, 买家已经申请退款，等待卖家同意, 卖家已经同意退款，等待买家退货,
  // 买家已经退货，等待卖家确认收货, 卖家拒绝退款, 退款关闭, 退款成功. Only the last one returned money.
  lineRefundDone: ["退款成功"],
};

/*
 * JD (京东) POP order export, one row per item with the order columns repeated. Field list from a
 * public collector (SaleJdOrderLineInfo: 订单号,商品ID,商品名称,订购数量,支付方式,下单时间,京东价,
 * 订单金额,结算金额,余额支付,应付金额,订单状态,订单类型,下单帐号,...,运费金额,付款确认时间,...,货号,
 * 订单完成时间,订单来源,订单渠道). No public export file was found; status words from JD's
 * order states as the merchant back office prints them.
 */
const JD_ORDERS: ExportProfile = {
  id: "jd-order-export",
  label: "京东 JD order export",
  dataset: "orders",
  source: "JD 商家后台 订单导出 (field list of a public collector)",
  signature: ["订单号", "商品ID", "订购数量", "下单时间", "应付金额"],
  columns: {
    order_id: "订单号",
    placed_at: "下单时间",
    paid_at: "付款确认时间",
    status: "订单状态",
    customer_id: "下单帐号",
    total: "应付金额",
    shipping: "运费金额",
    product_id: "商品ID",
    sku: ["货号", "商品ID"],
    title: "商品名称",
    quantity: "订购数量",
    unit_price: "京东价",
  },
  statuses: {
    等待付款: "unpaid",
    等待出库: "paid",
    等待确认收货: "fulfilled",
    完成: "fulfilled",
    已完成: "fulfilled",
    已取消: "cancelled",
    取消: "cancelled",
    // 锁定: a paid order locked while the buyer's cancellation request is reviewed.
    锁定: "paid",
    // Orders deleted before payment, as a public cleaning script of real exports drops them (file id 34074784961).
    "(删除)等待付款确认": "unpaid",
    "(删除)延迟付款确认": "unpaid",
  },
  unpaidWithoutPaidAt: true,
};

/*
 * 抖店 (Douyin shop) order export, one row per 子订单 with the 主订单 columns repeated. Columns as a
 * public importer selects them: 主订单编号, 子订单编号, 支付方式, 选购商品, 商品ID, 商家编码, 商品数量,
 * 商品金额, 订单提交时间, 支付完成时间, 订单完成时间, 订单状态, 发货时间, 订单应付金额, 运费, 优惠总金额, ...
 */
const DOUYIN_ORDERS: ExportProfile = {
  id: "douyin-order-export",
  label: "抖店 Douyin order export",
  dataset: "orders",
  source: "抖店 商家后台 订单管理 > 批量导出",
  signature: ["主订单编号", "子订单编号", "选购商品", "订单提交时间"],
  columns: {
    order_id: "主订单编号",
    line_id: "子订单编号",
    placed_at: "订单提交时间",
    paid_at: "支付完成时间",
    status: "订单状态",
    total: "订单应付金额",
    shipping: "运费",
    discount: "优惠总金额",
    product_id: "商品ID",
    sku: ["商家编码", "商品ID"],
    title: "选购商品",
    quantity: "商品数量",
    line_total: "商品金额",
    // Where the export has it (a public reader's usecols: 商品单价), the unit price is read first.
    unit_price: "商品单价",
    line_refund_status: "售后状态",
  },
  statuses: {
    待支付: "unpaid",
    待发货: "paid",
    部分发货: "paid",
    已发货: "fulfilled",
    已完成: "fulfilled",
    已关闭: "cancelled",
    已取消: "cancelled",
  },
  unpaidWithoutPaidAt: true,
  closedWords: ["已关闭"],
  // Real exports write `-` in every empty cell (订单完成时间, 售后状态, 发货时间) and a tab before ids.
  missing: ["-"],
  // 售后状态 words as public readers of real exports list them (file ids 34074784961, 70460770877):
  // 已关闭 with `-` is an order never paid; 已完成/已关闭 with 退款成功 a refunded 子订单.
  afterSale: {
    refunded: ["退款成功", "已全额退款", "同意退款，退款成功"],
    open: ["退款中", "待收退货", "售后待处理", "待退货", "待买家退货", "待商家处理", "待商家收货"],
    none: ["售后关闭", "售后失败"],
  },
  statusPerLine: true,
  optionalLineColumns: ["sku"],
};

/*
 * 拼多多 order export, one row per order (one SKU each). Headers from a public generator of the
 * export (商品,订单号,订单状态,商品总价(元),邮费(元),店铺优惠折扣(元),平台优惠折扣(元),多多支付立减金额(元),
 * 用户实付金额(元),商家实收金额(元),商品数量(件),发货时间,确认收货时间,商品id,商品规格,样式ID,商家编码-规格维度,
 * 商家编码-商品维度,商家备注,售后状态,快递单号,快递公司,订单成交时间,...) and pandas readers using 支付时间.
 */
const PDD_ORDERS: ExportProfile = {
  id: "pinduoduo-order-export",
  label: "拼多多 order export",
  dataset: "orders",
  source: "拼多多 商家后台 订单查询 > 导出",
  signature: ["订单号", "订单状态", "商品总价(元)", "商品数量(件)"],
  columns: {
    order_id: "订单号",
    placed_at: ["订单成交时间", "支付时间"],
    paid_at: "支付时间",
    status: "订单状态",
    subtotal: "商品总价(元)",
    shipping: "邮费(元)",
    discount: "店铺优惠折扣(元)",
    total: "用户实付金额(元)",
    product_id: "商品id",
    sku: ["商家编码-规格维度", "商品id"],
    title: "商品",
    quantity: "商品数量(件)",
    line_total: "商品总价(元)",
    line_refund_status: "售后状态",
  },
  statuses: {
    待支付: "unpaid",
    待发货: "paid",
    "已发货，待签收": "fulfilled",
    "已发货，待收货": "fulfilled",
    已发货: "fulfilled",
    已签收: "fulfilled",
    已收货: "fulfilled",
    已取消: "cancelled",
    "未发货，退款成功": "refunded",
    未发货退款成功: "refunded",
    "已发货，退款成功": "refunded",
    "已签收，退款成功": "refunded",
    "已取消，退款成功": "refunded",
  },
  // 售后状态 as public readers of real exports filter it (file ids 2407969479, 56276795188, 19304388881):
  // 无售后或售后取消, 售后处理中, 退款成功. The export has no refund amount: 退款成功 is read as the whole
  // 用户实付金额 returned (README: the 拼多多 decision).
  afterSale: { refunded: ["退款成功"], open: ["售后处理中"], none: ["无售后或售后取消", "无"] },
  // Many shops leave 商家编码 empty: the line is read without a SKU, as the back office shows it.
  optionalLineColumns: ["sku"],
  note: "GMV is what buyers paid (用户实付金额), platform subsidies not included",
};

/*
 * 有赞 order export (订单 > 导出 > 订单维度). Headers as a public loader selects them: 订单号, 买家昵称,
 * 订单状态, 订单创建时间, 买家付款时间, 交易成功时间, 全部商品名称, 商品种类数, 订单商品总件数, 运费,
 * 店铺优惠合计, 商品金额合计; the paid amount column is 订单实付金额.
 */
const YOUZAN_ORDERS: ExportProfile = {
  id: "youzan-order-export",
  label: "有赞 order export",
  dataset: "orders",
  source: "有赞 商家后台 订单 > 批量导出 (订单维度)",
  signature: ["订单号", "订单状态", "订单创建时间", "买家付款时间"],
  columns: {
    order_id: "订单号",
    customer_id: ["买家手机号", "买家昵称"],
    placed_at: "订单创建时间",
    paid_at: "买家付款时间",
    status: "订单状态",
    subtotal: "商品金额合计",
    shipping: "运费",
    discount: "店铺优惠合计",
    total: ["订单实付金额", "订单实付金额(元)"],
  },
  statuses: {
    待付款: "unpaid",
    待成团: "paid",
    待发货: "paid",
    已发货: "fulfilled",
    交易成功: "fulfilled",
    交易关闭: "cancelled",
    已关闭: "cancelled",
  },
  unpaidWithoutPaidAt: true,
  closedWords: ["交易关闭", "已关闭"],
};

/*
 * Etsy Sold Orders (Shop Manager > Settings > Options > Download Data > Orders: EtsySoldOrders<year>.csv),
 * one row per order. Studied: Epicrae/EtsyCompanion EtsySoldOrders2023.csv (1,605 orders, saved
 * tab-separated, Sale Date 12/31/2023, Status always empty, Adjusted Order Total 0 throughout) and
 * header lists in public importers (Sale Date,Order ID,Buyer User ID,Full Name,...,Currency,
 * Order Value,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,
 * Order Total,Status,Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing
 * Fees,Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU).
 * Order Total is what the buyer paid: in the studied file it is Order Value − Discount + Shipping
 * plus the sales tax Etsy collects as marketplace, which Sales Tax (the seller's) leaves out.
 */
const ETSY_ORDERS: ExportProfile = {
  id: "etsy-sold-orders",
  label: "Etsy Sold Orders",
  dataset: "orders",
  source: "Etsy Shop Manager > Download Data > Orders (EtsySoldOrders<year>.csv)",
  // A download shared with the buyer columns cut out (csharpconsultant/MIS500FinalProject
  // EtsySoldOrders2019.csv: no Buyer User ID, names or streets) is still this export: paying
  // customers are then n/a with a note.
  signature: ["Sale Date", "Order ID", "Order Value", "Order Total"],
  anyOf: ["Buyer User ID", "Card Processing Fees", "Order Net", "Adjusted Order Total"],
  columns: {
    order_id: "Order ID",
    placed_at: "Sale Date",
    customer_id: "Buyer User ID",
    currency: "Currency",
    subtotal: "Order Value",
    discount: "Discount Amount",
    // The British English download (rey1140/valutrk EtsySoldOrders2020.csv) says Delivery,
    // Delivery Discount, Delivery City, Sales tax, Order total.
    shipping: ["Shipping", "Delivery"],
    tax: "Sales Tax",
    total: "Order Total",
    coupon_code: "Coupon Code",
    status: "Status",
  },
  // Adjusted Order Total is 0 both without refund and after a full refund: which orders were
  // refunded cannot be told, so refunds and return rates are n/a rather than 0.
  // Status is empty on every row of the studied download: each row is a sale.
  emptyStatus: "paid",
  refundsNotRead: true,
  note: "GMV is Etsy's Order Total (what buyers paid, marketplace-collected sales tax included); refunds are not read from this export",
};

/*
 * Squarespace Commerce > Orders > Download CSV: Shopify's row shape (one row per line item, order
 * columns on the first row only) under other names: "Order ID" (a number, not Shopify's "#1001"
 * Name), "Amount Refunded", "Lineitem variant", "Private Notes", upper-case financial statuses
 * (PAID). Studied: a sample export embedded in a public React order viewer (file id 16423202072:
 * PAID/refunded orders, an order refunded in full with a filled "Cancelled at", line rows with
 * empty order columns, Excel-saved dates 7/25/2018 21:06, trailing rows of empty cells) and
 * Squarespace's order API fields (refundedTotal, fulfillmentStatus PENDING/FULFILLED/CANCELED).
 * Read generically, "Amount Refunded" went unread and partial refunds were lost.
 */
const SQUARESPACE: ExportProfile = {
  id: "squarespace-orders",
  label: "Squarespace orders export",
  dataset: "orders",
  source: "Squarespace Commerce > Orders > Download CSV",
  signature: ["Order ID", "Created at", "Financial Status", "Amount Refunded"],
  columns: {
    order_id: "Order ID",
    placed_at: "Created at",
    status: "Financial Status",
    paid_at: "Paid at",
    cancelled_at: "Cancelled at",
    refunded_amount: "Amount Refunded",
    customer_id: "Email",
    email: "Email",
    currency: "Currency",
    subtotal: "Subtotal",
    discount: "Discount Amount",
    shipping: "Shipping",
    tax: "Taxes",
    total: "Total",
    coupon_code: "Discount Code",
    sku: "Lineitem sku",
    quantity: "Lineitem quantity",
    unit_price: "Lineitem price",
    title: "Lineitem name",
    options: "Lineitem variant",
  },
  statuses: {
    paid: "paid",
    pending: "pending",
    partially_refunded: "paid",
    refunded: "refunded",
    canceled: "cancelled",
    cancelled: "cancelled",
  },
  optionalLineColumns: ["sku"],
};

/*
 * Amazon Seller Central "All Orders Report" (Reports > Fulfillment > All Orders, or the flat file
 * _GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_), tab-separated .txt, one row per item with the
 * order columns repeated. Studied: the header as public MWS clients check it (29 and 32 fields:
 * amazon-order-id, merchant-order-id, purchase-date, last-updated-date, order-status,
 * fulfillment-channel, sales-channel, order-channel, url, ship-service-level, product-name, sku,
 * asin, item-status, quantity, currency, item-price, item-tax, shipping-price, shipping-tax,
 * gift-wrap-price, gift-wrap-tax, item-promotion-discount, ship-promotion-discount, ship-city, ...)
 * and real FBA rows quoted in a public importer (file id 39162910752): purchase-date
 * 2020-02-18T05:05:21+00:00, item-price the line's amount (4 units: 103.96), item-tax apart. A
 * Pending order has no price yet: never paid, left out. No buyer column and no refunds: paying
 * customers and return figures are n/a with a note.
 */
const AMAZON_ALL_ORDERS: ExportProfile = {
  id: "amazon-all-orders",
  label: "Amazon All Orders Report",
  dataset: "orders",
  source: "Amazon Seller Central Reports > Fulfillment > All Orders (flat file, tab-separated)",
  signature: ["amazon-order-id", "purchase-date", "order-status", "item-price"],
  columns: {
    order_id: "amazon-order-id",
    placed_at: "purchase-date",
    status: "order-status",
    currency: "currency",
    sku: "sku",
    quantity: "quantity",
    line_total: "item-price",
    title: "product-name",
    product_id: "asin",
  },
  statuses: {
    pending: "unpaid",
    "pending - waiting for pick up": "unpaid",
    unshipped: "paid",
    "partially shipped": "paid",
    shipping: "paid",
    shipped: "fulfilled",
    "shipped - delivered to buyer": "fulfilled",
    "shipped - picked up": "fulfilled",
    "shipped - returned to seller": "fulfilled",
    "shipped - returning to seller": "fulfilled",
    "shipped - out for delivery": "fulfilled",
    "shipped - rejected by buyer": "fulfilled",
    complete: "fulfilled",
    cancelled: "cancelled",
    canceled: "cancelled",
  },
  refundsNotRead: true,
  note: "GMV is Amazon's ordered product sales (item-price: units × price, before promotions, without tax and shipping); the report carries no buyer and no refunds",
};

/*
 * TikTok Shop Seller Center > Orders > Export (CSV, UTF-8 with BOM): one row per SKU, the order's
 * columns (Order Amount, Shipping Fee After Discount, Order Refund Amount) repeated on every row of
 * the order. Studied: header lists and rows quoted by public importers (file ids 55679988294,
 * 52852245522, 52968610726): Order ID and dates written with a trailing tab ("583870900000000001\t",
 * to keep Excel from turning them into numbers), dates 10/05/2026 22:05:43 (day-first in a Thai
 * shop) or 03/01/2026 10:00:00 AM (month-first in a US one), Order Amount 238 on both rows of a
 * two-SKU order, an empty Paid Time on COD orders, statuses in the seller centre's language.
 */
const TIKTOK_SHOP: ExportProfile = {
  id: "tiktok-shop-orders",
  label: "TikTok Shop orders export",
  dataset: "orders",
  source: "TikTok Shop Seller Center > Orders > Export",
  signature: ["Order ID", "Order Status", "Order Substatus", "Created Time"],
  anyOf: ["Order Amount", "SKU Subtotal After Discount"],
  columns: {
    order_id: "Order ID",
    placed_at: "Created Time",
    status: "Order Status",
    paid_at: "Paid Time",
    cancelled_at: "Cancelled Time",
    refunded_amount: "Order Refund Amount",
    customer_id: "Buyer Username",
    total: "Order Amount",
    shipping: "Shipping Fee After Discount",
    tax: "Taxes",
    sku: "Seller SKU",
    quantity: "Quantity",
    unit_price: "SKU Unit Original Price",
    line_total: "SKU Subtotal Before Discount",
    title: "Product Name",
    product_id: "SKU ID",
  },
  statuses: {
    unpaid: "unpaid",
    "awaiting payment": "unpaid",
    // TikTok's ON_HOLD: paid, in the buyer's short cancellation window before it can ship.
    "on hold": "paid",
    "awaiting shipment": "paid",
    "to ship": "paid",
    "awaiting collection": "paid",
    shipped: "fulfilled",
    "in transit": "fulfilled",
    delivered: "fulfilled",
    completed: "fulfilled",
    cancelled: "cancelled",
    canceled: "cancelled",
  },
  optionalLineColumns: ["sku"],
  note: "GMV is TikTok Shop's Order Amount (what the buyer paid, shipping and tax included)",
};

/*
 * BigCommerce Orders > Export (default "Orders" template), one row per order, the items packed in
 * "Product Details". Studied: the header as public importers and migration scripts list it (file
 * ids 35031696211, 15566730795, 9140184992: Order ID, Customer ID, Customer Name, Customer Email,
 * ..., Order Date, Order Status, Subtotal (inc tax), Subtotal (ex tax), Tax Total, Shipping Cost
 * (inc tax), Shipping Cost (ex tax), ..., Order Total (inc tax), Order Total (ex tax), Payment
 * Method, Total Quantity, ..., Order Currency Code, ..., Product Details, Refund Amount; an R
 * reader taking Order Date month-first and stripping "$" from the totals). Guest orders have
 * Customer ID 0 (the e-mail is the key). Statuses are BigCommerce's order statuses: Pending and
 * Incomplete are checkouts never completed, Awaiting Payment is unpaid.
 */
const BIGCOMMERCE: ExportProfile = {
  id: "bigcommerce-orders",
  label: "BigCommerce orders export",
  dataset: "orders",
  source: "BigCommerce Orders > Export (default template)",
  signature: ["Order ID", "Order Date", "Order Status", "Order Total (inc tax)"],
  columns: {
    order_id: "Order ID",
    placed_at: "Order Date",
    status: "Order Status",
    customer_id: "Customer ID",
    email: ["Customer Email", "Billing Email"],
    currency: "Order Currency Code",
    subtotal: "Subtotal (ex tax)",
    shipping: "Shipping Cost (ex tax)",
    tax: "Tax Total",
    total: "Order Total (inc tax)",
    refunded_amount: "Refund Amount",
  },
  statuses: {
    pending: "unpaid",
    incomplete: "unpaid",
    "awaiting payment": "unpaid",
    "manual verification required": "awaiting",
    "awaiting fulfillment": "paid",
    "awaiting shipment": "paid",
    "awaiting pickup": "paid",
    "partially shipped": "paid",
    "partially refunded": "paid",
    disputed: "paid",
    shipped: "fulfilled",
    completed: "fulfilled",
    cancelled: "cancelled",
    declined: "cancelled",
    refunded: "refunded",
  },
  note: "GMV is BigCommerce's Order Total (inc tax)",
};

/*
 * eBay Seller Hub Orders report (Orders > Download, or Reports > Downloads > Orders), CSV. Studied:
 * eBay's official 80-column list of the US report as quoted in a public research note
 * (7thcapitalist/Hackhaton docs/sources/ebay.md: Sales Record Number, Order Number, Buyer Username,
 * ..., Item Number, Item Title, Custom Label, Sold Via Promoted Listings, Quantity, Sold For,
 * Shipping And Handling, ..., Seller Collected Tax, eBay Collected Tax, ..., Total Price, eBay
 * Collected Tax Included in Total, Payment Method, Commitment Date, Sale Date, Paid On Date, ...)
 * and two public parsers written against real files (file ids 69107193105, 70865526260): line 1
 * bare commas, the header on line 2, a padding row of empty cells, one row per order line, then
 * `45,record(s) downloaded,from ... to ...` and `Seller ID : ...`; a multi-item order is a summary
 * row (no Item Number, the order's money and buyer; its Sold For the sum of its items) followed by
 * one row per item; a commitment never paid has no Paid On Date; dates `Sep-30-26` in the seller's
 * time, money `$12.34`. The report has no status and no refunds, and cancelled orders are not
 * listed: refunds are n/a with a note. Total Price includes the tax eBay collects.
 */
const EBAY_ORDERS: ExportProfile = {
  id: "ebay-orders-report",
  label: "eBay Orders report",
  dataset: "orders",
  source: "eBay Seller Hub > Orders > Download report (Orders report CSV)",
  signature: ["Sales Record Number", "Order Number", "Item Number", "Sold For"],
  columns: {
    order_id: "Sales Record Number",
    customer_id: "Buyer Username",
    email: "Buyer Email",
    placed_at: "Sale Date",
    paid_at: "Paid On Date",
    shipping: ["Shipping And Handling", "Postage And Handling"],
    total: "Total Price",
    sku: "Custom Label",
    product_id: "Item Number",
    title: "Item Title",
    quantity: "Quantity",
    unit_price: "Sold For",
  },
  unpaidWithoutPaidAt: true,
  optionalLineColumns: ["sku"],
  summaryRowWithout: "Item Number",
  refundsNotRead: true,
  note: "GMV is eBay's Total Price (what buyers paid, tax eBay collects included); the report lists no refunds and no cancelled orders",
};

/*
 * Magento / Adobe Commerce admin Sales > Orders grid, Export > CSV: one row per order, the grid's
 * columns as its labels (Adobe's Experience League page of the grid: ID, Purchase Point, Purchase
 * Date, Bill-to Name, Ship-to Name, Grand Total (Base), Grand Total (Purchased), Status, Billing
 * Address, Shipping Address, Shipping Information, Customer Email, Customer Group, Subtotal,
 * Shipping and Handling, Customer Name, Payment Method, Total Refunded, ...; a public importer
 * reading columns 0-23 in that order, file id 17900165373, and a Python reader of the same file,
 * file id 12273897812). Dates as the admin shows them (`May 31, 2024 10:15:22 AM`, the admin's
 * time zone), money `$219.40`. Statuses are Magento's order states: Pending is an order not
 * invoiced (offline payments: not paid yet), Processing invoiced, Complete invoiced and shipped,
 * Closed refunded by credit memo, Pending Payment a gateway checkout never completed.
 */
const MAGENTO_ORDERS: ExportProfile = {
  id: "magento-order-grid",
  label: "Magento orders grid export",
  dataset: "orders",
  source: "Magento / Adobe Commerce admin Sales > Orders > Export (CSV)",
  signature: ["ID", "Purchase Date", "Grand Total (Purchased)", "Status"],
  columns: {
    order_id: "ID",
    placed_at: "Purchase Date",
    status: "Status",
    customer_id: "Customer Email",
    email: "Customer Email",
    subtotal: "Subtotal",
    shipping: "Shipping and Handling",
    total: "Grand Total (Purchased)",
    refunded_amount: "Total Refunded",
  },
  statuses: {
    pending: "awaiting",
    "pending payment": "unpaid",
    "payment review": "awaiting",
    "suspected fraud": "awaiting",
    processing: "paid",
    complete: "fulfilled",
    closed: "refunded",
    canceled: "cancelled",
    cancelled: "cancelled",
  },
  note: "GMV is Magento's Grand Total (Purchased), in the order's currency",
};

/*
 * Wix Stores Orders > Export (CSV): one row per item. Studied: the header as public importers'
 * tests write it (file ids 27351283398, 27432166569, 27615358416: Order number, Date created,
 * Time, Fulfill by, Total order quantity, Contact email, Note from customer, Additional checkout
 * info, Item, Variant, SKU, Qty, Quantity refunded, Price, ..., Payment status, Payment method,
 * Coupon code, Gift card amount, Shipping rate, Total tax, Total, Currency, Refunded amount, Net
 * amount, Additional fees, Fulfillment status, ...; the delivery address columns written twice),
 * dates `Dec 8, 2024` with the time in its own column (`9:15:51 AM`), and Wix's payment statuses
 * (Paid, Not paid, Pending, Partially paid, Partially refunded, Refunded). "Not paid" is an order
 * placed with an offline payment not received yet.
 */
const WIX_ORDERS: ExportProfile = {
  id: "wix-orders",
  label: "Wix Stores orders export",
  dataset: "orders",
  source: "Wix dashboard > Store Orders > Export (CSV)",
  signature: ["Order number", "Date created", "Payment status", "Fulfillment status"],
  anyOf: ["Total", "Net amount"],
  columns: {
    order_id: "Order number",
    placed_at: "Date created",
    status: "Payment status",
    customer_id: "Contact email",
    email: "Contact email",
    currency: "Currency",
    shipping: "Shipping rate",
    tax: "Total tax",
    total: "Total",
    refunded_amount: "Refunded amount",
    coupon_code: "Coupon code",
    sku: "SKU",
    quantity: "Qty",
    unit_price: "Price",
    title: "Item",
  },
  statuses: {
    paid: "paid",
    "partially paid": "paid",
    "partially refunded": "paid",
    refunded: "refunded",
    "fully refunded": "refunded",
    "not paid": "awaiting",
    unpaid: "awaiting",
    pending: "awaiting",
    authorized: "awaiting",
    canceled: "cancelled",
    cancelled: "cancelled",
  },
  optionalLineColumns: ["sku"],
  note: "GMV is Wix's Total (what the buyer pays, shipping and tax included)",
};

/*
 * 生意参谋 traffic exports (流量 > 流量总览 / 取数, .xls/.xlsx): a title row and the date range above
 * the header, one row per day; 访客数, 浏览量, 支付转化率, 支付买家数, 支付金额, 客单价 (definitions in
 * shared/reference/kpi-returns-pricing.md §1.3). No public file was found; a public R reader
 * selects 日期,访客数,浏览量,成交金额,客单价.
 */
const SYCM_TRAFFIC: ExportProfile = {
  id: "sycm-traffic",
  label: "生意参谋 traffic export",
  dataset: "traffic",
  source: "生意参谋 流量 > 流量总览 下载 (documentation; no public file found)",
  signature: ["访客数"],
  anyOf: ["统计日期", "日期"],
  columns: {
    date: ["统计日期", "日期"],
    visitors: "访客数",
    page_views: "浏览量",
  },
  defaults: { source: "all" },
  note: "traffic is the shop's daily total (all sources)",
};

/*
 * Etsy Sold Order Items (EtsySoldOrderItems<year>.csv): one row per item sold. Header lists in
 * public importers (Sale Date, Item Name, Buyer, Quantity, Price, Coupon Code, Coupon Details,
 * Discount Amount, Shipping Discount, Order Shipping, Order Sales Tax, Item Total, Currency,
 * Transaction ID, Listing ID, Date Paid, Date Shipped, ..., Order ID, Variations, ...) disagree on
 * whether Order Shipping and Order Sales Tax repeat on each item of an order, and no real file was
 * found: as the orders export it is refused, pointing at the Sold Orders download.
 */
const ETSY_ITEMS: ExportProfile = {
  id: "etsy-sold-order-items",
  label: "Etsy Sold Order Items",
  dataset: "orders",
  source: "Etsy Shop Manager > Download Data > Order Items (EtsySoldOrderItems<year>.csv)",
  signature: ["Sale Date", "Item Name", "Transaction ID", "Order Shipping"],
  columns: {},
  refuse: { problem: msg("orders.etsy_items"), hint: msg("orders.etsy_items_hint") },
};

/*
 * PrestaShop back office, Orders > Export (1.7.7+ and 8.x): the order list's columns, `;`-separated
 * (PrestaShop's CsvResponse), as OrderController::exportAction writes them (PrestaShop/PrestaShop
 * src/PrestaShopBundle/Controller/Admin/Sell/Order/OrderController.php, read with the search
 * tools): ID, Reference, New client, Delivery, Customer, Total (total_paid_tax_incl, formatted
 * with the order's currency), Payment, Status (the state's name in the employee's language), Date
 * (date_add, shop time), and Company when B2B is on. Labels are translated with the back office:
 * the English and the French generations are profiled. Customer is "J. DOE" (initial and last
 * name): two buyers can share it, so it is not a customer key (paying customers n/a, with a note).
 * Status names are PrestaShop's default order states (install-dev/langs/{en,fr}/data/order_state.xml):
 * PrestaShop's own statistics count only "logable" states (a payment received), so the states
 * waiting for a cheque, a bank wire, PayPal or a cash-on-delivery validation are left out as
 * awaiting payment, and a payment error as never paid.
 */
const PRESTASHOP_STATUSES: Readonly<Record<string, ProfileStatus>> = {
  "awaiting check payment": "awaiting",
  "awaiting cheque payment": "awaiting",
  "awaiting bank wire payment": "awaiting",
  "awaiting cash on delivery validation": "awaiting",
  "awaiting paypal payment": "awaiting",
  "on backorder (not paid)": "awaiting",
  "payment accepted": "paid",
  "remote payment accepted": "paid",
  "processing in progress": "paid",
  "on backorder (paid)": "paid",
  shipped: "fulfilled",
  delivered: "fulfilled",
  canceled: "cancelled",
  refunded: "refunded",
  "payment error": "unpaid",
  "en attente de paiement par chèque": "awaiting",
  "en attente de virement bancaire": "awaiting",
  "en attente de paiement paypal": "awaiting",
  "en attente de validation du paiement à la livraison": "awaiting",
  "en attente de réapprovisionnement (non payé)": "awaiting",
  "paiement accepté": "paid",
  "paiement à distance accepté": "paid",
  "en cours de préparation": "paid",
  "en attente de réapprovisionnement (payé)": "paid",
  expédié: "fulfilled",
  livré: "fulfilled",
  annulé: "cancelled",
  remboursé: "refunded",
  remboursement: "refunded",
  "erreur de paiement": "unpaid",
};

const PRESTASHOP_NOTE =
  "PrestaShop's Customer column is an initial and a last name, not a customer key: paying customers are not counted; Total is the order's total with tax";

const PRESTASHOP_ORDERS: ExportProfile = {
  id: "prestashop-orders",
  label: "PrestaShop orders export",
  dataset: "orders",
  source: "PrestaShop back office Orders > Export (OrderController::exportAction, 1.7.7+)",
  signature: ["ID", "Reference", "New client", "Delivery", "Customer", "Total", "Payment", "Status", "Date"],
  columns: { order_id: "ID", placed_at: "Date", status: "Status", total: "Total", customer_id: [], email: [] },
  statuses: PRESTASHOP_STATUSES,
  note: PRESTASHOP_NOTE,
};

const PRESTASHOP_ORDERS_FR: ExportProfile = {
  ...PRESTASHOP_ORDERS,
  id: "prestashop-orders-fr",
  label: "PrestaShop orders export (French back office)",
  signature: ["ID", "Référence", "Nouveau client", "Livraison", "Client", "Total", "Paiement", "État", "Date"],
  columns: { order_id: "ID", placed_at: "Date", status: "État", total: "Total", customer_id: [], email: [] },
};

/*
 * Files that list money movements, not orders, given as the orders file. Each is refused with
 * what it is (reading it would count refunds, fees and payouts as sales, on the day money moved),
 * unless the store maps its columns on purpose. Headers read with the search tools:
 * - Stripe's payments export (Payments > Export): id, Created date (UTC) (or Created (UTC)),
 *   Amount, Amount Refunded, Currency, Captured, Fee, Status, ... (public importers' fixtures,
 *   file ids 54100375878, 66491772309, 54560185429).
 * - PayPal's activity download and statement: Date, Time, TimeZone, Name, Type, Status,
 *   Currency, Gross, Fee, Net, From Email Address, ..., Transaction ID, ... (ledger importers'
 *   fixtures and rules, file ids 36231811029, 21176902459, 68363989391).
 * - Amazon's Date Range Reports (Payments > Reports Repository, "…CustomTransaction.csv"):
 *   seven lines of notes above date/time, settlement id, type, order id, sku, ..., product
 *   sales, ..., total; type Order, Refund, Service Fee, Transfer, ...: an order appears when it
 *   is charged (shipped), and pending or cancelled orders not at all.
 * - Square's Transactions and Item Sales downloads: one row per payment or refund (Event Type).
 * - Shopify Payments' transactions (payouts) export: Transaction Date, Type, Order, Payout Status, ...
 */
const NOT_ORDERS_HINT = msg("orders.not_orders_hint");

function moneyMovements(id: string, label: string, source: string, signature: readonly string[], anyOf?: readonly string[]): ExportProfile {
  return {
    id,
    label,
    dataset: "orders",
    source,
    signature,
    ...(anyOf ? { anyOf } : {}),
    columns: {},
    refuse: { problem: msg("orders.not_orders", { layout: label }), hint: NOT_ORDERS_HINT },
  };
}

const STRIPE_PAYMENTS = moneyMovements("stripe-payments", "Stripe payments export", "Stripe Dashboard > Payments > Export", [
  "id",
  "Amount",
  "Amount Refunded",
  "Captured",
]);

const PAYPAL_ACTIVITY = moneyMovements(
  "paypal-activity",
  "PayPal activity download",
  "PayPal Activity > Download (CSV), and the monthly statement CSV",
  ["Gross", "Fee", "Net", "Transaction ID"],
);

const AMAZON_DATE_RANGE: ExportProfile = {
  ...moneyMovements(
    "amazon-date-range",
    "Amazon Date Range Report",
    "Seller Central Payments > Reports Repository > Date Range Reports (transaction)",
    ["date/time", "settlement id", "type", "order id", "total"],
  ),
  refuse: { problem: msg("orders.amazon_date_range"), hint: msg("orders.amazon_date_range_hint") },
};

const SQUARE_TRANSACTIONS = moneyMovements(
  "square-transactions",
  "Square transactions download",
  "Square Dashboard > Transactions > Export",
  ["Transaction ID", "Payment ID", "Gross Sales", "Net Sales", "Event Type"],
);

// Longer than the transactions' signature, whose columns it also has: tried first.
const SQUARE_ITEMS = moneyMovements("square-item-sales", "Square item sales download", "Square Dashboard > Items sales > Export", [
  "Item",
  "Qty",
  "Gross Sales",
  "Net Sales",
  "Transaction ID",
  "Payment ID",
  "Event Type",
]);

const SHOPIFY_PAYOUTS = moneyMovements(
  "shopify-payments-transactions",
  "Shopify Payments transactions export",
  "Shopify admin Finances > Payouts > Export transactions",
  ["Transaction Date", "Type", "Order", "Payout Status"],
);

export const PROFILES: readonly ExportProfile[] = [
  SHOPIFY,
  WOO_CSV_EXPORT,
  WOO_ADVANCED_EXPORT,
  WOO_ANALYTICS,
  TMALL_ORDERS,
  TMALL_ITEMS,
  JD_ORDERS,
  DOUYIN_ORDERS,
  PDD_ORDERS,
  YOUZAN_ORDERS,
  ETSY_ORDERS,
  ETSY_ITEMS,
  SQUARESPACE,
  AMAZON_ALL_ORDERS,
  TIKTOK_SHOP,
  BIGCOMMERCE,
  EBAY_ORDERS,
  MAGENTO_ORDERS,
  WIX_ORDERS,
  SYCM_TRAFFIC,
  PRESTASHOP_ORDERS,
  PRESTASHOP_ORDERS_FR,
  STRIPE_PAYMENTS,
  PAYPAL_ACTIVITY,
  AMAZON_DATE_RANGE,
  SQUARE_TRANSACTIONS,
  SQUARE_ITEMS,
  SHOPIFY_PAYOUTS,
  ...CN_PROFILES,
];

export function profileById(id: string): ExportProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}

/** The profile whose signature the header carries, most specific (longest signature) first. */
export function detectProfile(dataset: DatasetName, header: readonly string[]): ExportProfile | undefined {
  const have = new Set(header.map(normalizeHeader));
  const fits = (p: ExportProfile) =>
    p.dataset === dataset &&
    p.signature.every((h) => have.has(normalizeHeader(h))) &&
    (!p.anyOf || p.anyOf.some((h) => have.has(normalizeHeader(h))));
  return [...PROFILES].sort((a, b) => b.signature.length - a.signature.length).find(fits);
}

/** A status word as profiles and config write it, for matching. */
export function statusKey(word: string): string {
  return word
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, " ");
}
