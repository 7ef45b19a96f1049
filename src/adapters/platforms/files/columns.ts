/**
 * The files adapter's column reference: for each dataset, the file names it is found under and
 * each column's header synonyms (English, Simplified and Traditional Chinese), as platform back
 * offices export them. Header matching ignores case, surrounding spaces, full-width forms and the
 * characters " _-:：()（）" so "Order ID", "order_id" and "订单编号" all match.
 *
 * The README's files-adapter column reference is written from this table.
 */

export type ColumnType =
  | "string"
  | "integer"
  /** A decimal amount in major units ("129.90", "¥1,299.00"), stored as minor units. */
  | "money"
  /** An instant: ISO 8601 with offset, or a local date-time read in the store's time zone. */
  | "datetime"
  /** A calendar day: YYYY-MM-DD, YYYY/M/D or a spreadsheet date. */
  | "date"
  | "boolean"
  | "rating";

export interface ColumnSpec {
  key: string;
  type: ColumnType;
  required: boolean;
  headers: readonly string[];
  description: string;
}

export interface DatasetSpec {
  name: DatasetName;
  /** Base names tried in the folder, each with .csv, .tsv, .txt, .xlsx and .xls. */
  fileNames: readonly string[];
  /** Required unless the dataset is optional for the store as a whole. */
  columns: readonly ColumnSpec[];
  description: string;
}

export type DatasetName = "products" | "orders" | "order_lines" | "returns" | "traffic" | "tickets";

const col = (key: string, type: ColumnType, required: boolean, headers: string[], description: string): ColumnSpec => ({
  key,
  type,
  required,
  headers: [key, ...headers],
  description,
});

export const DATASETS: Record<DatasetName, DatasetSpec> = {
  orders: {
    name: "orders",
    // Shopify numbers repeated downloads (orders_export_1.csv); Taobao stamps the time (ExportOrderList202401011200.csv).
    fileNames: [
      "orders",
      "订单",
      "訂單",
      "order_export",
      "orders_export",
      "orders_export_*",
      "ExportOrderList*",
      "订单报表*",
      "EtsySoldOrders*",
      // eBay Seller Hub's Orders report download: eBay-OrdersReport-Sep-30-2026-12%3A34%3A56-0700-123.csv
      "eBay-OrdersReport*",
      // PrestaShop's Orders > Export: order_2024-03-31_101512.csv (order_ and the date and time).
      "order_2*",
    ],
    description:
      "One row per order. A Shopify-style export with one row per line item also works: rows sharing an order id are one order, and line columns (sku, quantity, unit_price) on those rows become its lines.",
    columns: [
      col(
        "order_id",
        "string",
        true,
        ["order id", "order number", "order no", "id", "order", "name", "订单编号", "订单号", "主订单编号", "訂單編號", "訂單號碼"],
        "Order identifier; joins order lines and returns.",
      ),
      col(
        "placed_at",
        "datetime",
        true,
        ["created at", "created_at", "order date", "date", "下单时间", "创建时间", "订单创建时间", "下單時間", "訂單時間", "建立時間"],
        "When the order was placed.",
      ),
      col(
        "status",
        "string",
        false,
        ["financial status", "order status", "订单状态", "訂單狀態", "payment status", "付款状态", "支付状态"],
        "paid, pending, fulfilled, cancelled or refunded (交易成功/已付款/已发货/交易关闭/已取消/已退款 accepted; 待付款 and unpaid words leave the order out). Default paid in this layout; in another export an empty cell, pending or on hold is refused until mapping.orders.statuses or emptyStatus says what it means.",
      ),
      col("currency", "string", false, ["币种", "货币", "幣別", "幣種"], "ISO 4217 code; default: the store's currency."),
      col(
        "customer_id",
        "string",
        false,
        ["customer id", "customer", "email", "buyer", "买家会员名", "买家id", "客户id", "会员id", "顧客id", "買家帳號"],
        "Stable customer key; needed for paying customers, 客单价 and CAC. A guest id 0 falls back to email.",
      ),
      col(
        "email",
        "string",
        false,
        ["e-mail", "billing email", "billing_email", "customer email", "邮箱", "電子郵件"],
        "Customer e-mail: the customer key when there is no customer id.",
      ),
      col(
        "paid_at",
        "datetime",
        false,
        ["paid at", "date paid", "paid date", "付款时间", "订单付款时间", "支付时间", "买家付款时间", "付款時間"],
        "When the order was paid. Where a platform leaves it empty until payment (Tmall, Youzan, JD), an empty cell means never paid.",
      ),
      col(
        "cancelled_at",
        "datetime",
        false,
        ["cancelled at", "canceled at", "取消时间", "取消時間"],
        "A filled cell marks a cancelled order.",
      ),
      col(
        "refunded_amount",
        "money",
        false,
        [
          "refunded amount",
          "refunded total",
          "refunded_total",
          "amount refunded",
          "total refunded",
          "refund amount",
          "退款金额",
          "退款金額",
        ],
        "Amount refunded on the order: becomes a return record when the store has no returns file for it.",
      ),
      col(
        "refund_items",
        "string",
        false,
        [],
        "The order's refunds as WooCommerce order exports write them: amount:12.00|reason:…|date:2024-03-05 10:00:00 (UTC), separated by ;. Each is a dated refund.",
      ),
      col(
        "source",
        "string",
        false,
        ["channel", "utm_source", "traffic source", "referring site", "来源", "来源渠道", "流量来源", "渠道", "來源", "流量來源"],
        "Marketing channel the order is attributed to (organic_search, paid_search, social, direct, referral, email).",
      ),
      col(
        "subtotal",
        "money",
        false,
        ["商品总额", "商品金额", "商品總額"],
        "Σ unit price × quantity before discounts; default: from the lines.",
      ),
      col(
        "discount",
        "money",
        false,
        ["discount amount", "discounts", "优惠金额", "折扣金额", "優惠金額", "折扣金額"],
        "Order-level discounts. Default 0.",
      ),
      col("shipping", "money", false, ["shipping amount", "运费", "運費"], "Shipping charged. Default 0."),
      col("tax", "money", false, ["taxes", "税费", "税额", "稅金", "稅額"], "Tax charged. Default 0."),
      col(
        "total",
        "money",
        false,
        [
          "total amount",
          "order total",
          "order_total",
          "order total amount",
          "总金额",
          "实付金额",
          "订单金额",
          "买家实付",
          "實付金額",
          "訂單金額",
        ],
        "What the customer paid; default subtotal − discount + shipping + tax.",
      ),
      col("coupon_code", "string", false, ["discount code", "coupon", "优惠券", "优惠码", "優惠券"], "Coupon or discount code used."),
      col(
        "test",
        "boolean",
        false,
        ["is test", "test order", "测试订单", "測試訂單"],
        "true/yes/是 marks a test order; test orders are ignored.",
      ),
    ],
  },
  order_lines: {
    name: "order_lines",
    fileNames: ["order_lines", "order_items", "line_items", "订单明细", "訂單明細", "宝贝明细", "ExportOrderDetailList*", "宝贝报表*"],
    description:
      "One row per order line. Lines of one order may be anywhere in the file, but exports keep them together and in the orders file's order, which lets merchops read both files in one pass.",
    columns: [
      col(
        "order_id",
        "string",
        true,
        ["order id", "order", "name", "订单编号", "订单号", "主订单编号", "訂單編號"],
        "The order this line belongs to.",
      ),
      col(
        "sku",
        "string",
        true,
        ["lineitem sku", "variant sku", "商家编码", "sku编码", "货号", "商品编码", "商品編號", "貨號"],
        "Variant SKU (kept as text: leading zeros survive).",
      ),
      col("line_id", "string", false, ["line id", "order item id", "子订单编号", "子订单号"], "The line's own id within its order."),
      col("quantity", "integer", true, ["qty", "lineitem quantity", "数量", "购买数量", "數量"], "Units ordered (> 0; see negativeLines)."),
      col(
        "unit_price",
        "money",
        false,
        ["price", "lineitem price", "单价", "价格", "商品单价", "單價", "價格"],
        "Unit price before discounts; or give line_total.",
      ),
      col("line_total", "money", false, ["line total", "商品总价", "小计"], "Price of all units of the line, when there is no unit price."),
      col(
        "shipping",
        "money",
        false,
        ["freight value", "freight_value", "line shipping"],
        "Shipping charged on this line (Olist freight_value): summed onto the order when it has no shipping column.",
      ),
      col(
        "options",
        "string",
        false,
        ["商品属性", "销售属性", "variant"],
        "Option text as the platform prints it (颜色分类:黑色;尺码:XL).",
      ),
      col("refunded_amount", "money", false, ["退款金额", "refunded amount"], "Amount refunded on this line."),
      col(
        "refund_status",
        "string",
        false,
        ["退款状态", "refund status"],
        "State of the line's refund; where the export has it, only a finished refund (退款成功) counts.",
      ),
      col(
        "discount",
        "money",
        false,
        ["line discount", "lineitem discount", "优惠", "优惠分摊", "折扣", "優惠"],
        "Discount on this line (all units). Default 0.",
      ),
      col("title", "string", false, ["lineitem name", "product", "product title", "商品名称", "宝贝标题", "商品名稱"], "Product title."),
      col("product_id", "string", false, ["product id", "商品id", "宝贝id", "商品編號id"], "Product identifier."),
      col("size", "string", false, ["尺码", "尺寸", "尺碼"], "Size option value."),
      col("colour", "string", false, ["color", "颜色", "颜色分类", "顏色"], "Colour option value."),
      col(
        "category",
        "string",
        false,
        ["product category", "product type", "type", "类目", "分类", "類別", "分類"],
        "Category path (服装 > 男装 > T恤).",
      ),
    ],
  },
  returns: {
    name: "returns",
    fileNames: ["returns", "refunds", "退货", "退款", "售后", "退貨", "退款單"],
    description: "One row per return (or per returned SKU of a return).",
    columns: [
      col(
        "return_id",
        "string",
        true,
        ["return id", "refund id", "id", "退款编号", "退货单号", "售后单号", "退款編號", "退貨單號"],
        "Return identifier.",
      ),
      col("order_id", "string", true, ["order id", "order", "订单编号", "订单号", "訂單編號"], "The order returned from."),
      col("sku", "string", false, ["商家编码", "货号", "sku编码", "商品編號", "貨號"], "Returned SKU."),
      col("quantity", "integer", true, ["qty", "returned quantity", "退货数量", "退款数量", "数量", "退貨數量"], "Units returned (> 0)."),
      col(
        "refund_amount",
        "money",
        true,
        ["refund", "refunded amount", "amount", "退款金额", "退款金額"],
        "Amount refunded (0 for an exchange).",
      ),
      col("currency", "string", false, ["币种", "幣別"], "ISO 4217 code; default: the store's currency."),
      col(
        "requested_at",
        "datetime",
        true,
        ["created at", "return date", "date", "申请时间", "退款申请时间", "退货时间", "申請時間"],
        "When the return was requested: the date basis of return metrics.",
      ),
      col("refunded_at", "datetime", false, ["refund date", "退款时间", "退款完结时间", "退款時間"], "When the money went back."),
      col(
        "reason",
        "string",
        false,
        ["return reason", "reason note", "退款原因", "退货原因", "售后原因", "退貨原因", "退款原因說明"],
        "The customer's words, verbatim.",
      ),
      col(
        "reason_code",
        "string",
        false,
        ["return reason code", "原因代码", "原因代碼"],
        "Platform reason code (SIZE_TOO_SMALL, DEFECTIVE, ...).",
      ),
      col("status", "string", false, ["退款状态", "退货状态", "狀態"], "Return status as exported."),
    ],
  },
  traffic: {
    name: "traffic",
    fileNames: ["traffic", "流量", "流量来源", "流量來源", "sessions"],
    description:
      'One row per day and traffic source, as the back office or analytics exports it. A row with source "all" (全部) gives that day\'s de-duplicated totals; without one, the sources are summed.',
    columns: [
      col("date", "date", true, ["day", "日期", "统计日期", "統計日期"], "Calendar day in the store's time zone."),
      col(
        "source",
        "string",
        true,
        ["channel", "traffic source", "流量来源", "来源", "渠道", "流量來源", "來源"],
        "organic_search, paid_search, social, direct, referral, email, other or all (自然搜索, 付费推广, 社交, 直接访问, 外部链接, 全部 accepted).",
      ),
      col("page_views", "integer", false, ["pageviews", "pv", "views", "浏览量", "瀏覽量"], "Page views (PV)."),
      col("visitors", "integer", false, ["uv", "users", "unique visitors", "访客数", "訪客數"], "Unique visitors (UV)."),
      col("sessions", "integer", false, ["visits", "访问次数", "会话数", "訪問次數", "工作階段"], "Sessions (visits)."),
      col(
        "ad_spend",
        "money",
        false,
        ["spend", "cost", "ad cost", "推广花费", "广告花费", "花费", "廣告花費"],
        "Ad spend that day on that source; blank for unpaid sources.",
      ),
      col("currency", "string", false, ["币种", "幣別"], "ISO 4217 code of ad_spend; default: the store's currency."),
    ],
  },
  tickets: {
    name: "tickets",
    fileNames: ["tickets", "support", "chats", "工单", "客服", "會話", "工單"],
    description: "One row per support conversation: live chats and tickets/e-mails.",
    columns: [
      col(
        "ticket_id",
        "string",
        true,
        ["ticket id", "conversation id", "id", "工单编号", "会话id", "工單編號", "會話id"],
        "Ticket or chat identifier.",
      ),
      col(
        "channel",
        "string",
        false,
        ["type", "渠道", "类型", "類型"],
        "chat, ticket, email or phone (在线咨询/聊天 = chat, 工单 = ticket, 邮件 = email). Default ticket.",
      ),
      col("created_at", "datetime", true, ["created", "opened at", "创建时间", "咨询时间", "建立時間"], "When the customer wrote."),
      col(
        "first_response_at",
        "datetime",
        false,
        ["first reply at", "first response", "首次响应时间", "首次回复时间", "首次回覆時間"],
        "First public reply by an agent; blank if unanswered.",
      ),
      col("resolved_at", "datetime", false, ["solved at", "closed at", "解决时间", "完结时间", "解決時間"], "When it was resolved."),
      col(
        "status",
        "string",
        false,
        ["状态", "狀態"],
        "open, pending, resolved or closed (待处理, 处理中, 已解决, 已关闭 accepted). Default: resolved if resolved_at is set, else open.",
      ),
      col(
        "rating",
        "rating",
        false,
        ["csat", "satisfaction", "评分", "满意度", "評分", "滿意度"],
        "Customer rating 1-5; blank if not rated.",
      ),
      col("order_id", "string", false, ["订单编号", "訂單編號"], "Related order."),
    ],
  },
  products: {
    name: "products",
    fileNames: ["products", "商品", "宝贝", "商品列表"],
    description: "One row per variant.",
    columns: [
      col(
        "product_id",
        "string",
        true,
        ["product id", "handle", "商品id", "宝贝id", "商品編號"],
        "Product identifier; rows sharing it are one product's variants.",
      ),
      col("title", "string", true, ["name", "product title", "商品名称", "宝贝标题", "商品名稱"], "Product title."),
      col("sku", "string", true, ["variant sku", "商家编码", "sku编码", "货号", "貨號"], "Variant SKU."),
      col("price", "money", true, ["variant price", "售价", "价格", "一口价", "售價", "價格"], "Selling price."),
      col("compare_at_price", "money", false, ["variant compare at price", "原价", "划线价", "原價"], "Compare-at (original) price."),
      col("currency", "string", false, ["币种", "幣別"], "ISO 4217 code; default: the store's currency."),
      col("size", "string", false, ["尺码", "尺寸", "尺碼"], "Size option value."),
      col("colour", "string", false, ["color", "颜色", "颜色分类", "顏色"], "Colour option value."),
      col("category", "string", false, ["product type", "类目", "分类", "類別"], "Category path."),
      col("vendor", "string", false, ["brand", "品牌", "供应商", "供應商"], "Brand or supplier."),
      col("status", "string", false, ["状态", "狀態"], "active, draft or archived. Default active."),
      col("inventory", "integer", false, ["stock", "库存", "庫存"], "Units in stock."),
    ],
  },
};

/** Normalizes a header for matching: NFKC (full-width -> ASCII), lower case, no separators. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-:()（）：./]+/g, "");
}
