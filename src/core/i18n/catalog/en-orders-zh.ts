/**
 * Messages of Chinese platforms' order exports (helper OZ: 拼多多/抖店 after-sale columns, ERP
 * and 1688 layouts). Kept in their own part so parallel branches do not collide; zh-Hans-orders-zh.ts
 * has the same keys.
 */
export const enOrdersZh = {
  "orders_zh.after_sale_unknown":
    '"{value}" is not an after-sale state this export is known to write: whether the money went back cannot be told, so it is not read by guess',
  "orders_zh.after_sale_unknown_hint":
    "say what it means: mapping.{dataset}.statuses: '{' \"{value}\": refunded '}' (the money went back), or paid (no refund)",
  "orders_zh.erp_merged":
    "this is an ERP's order details (旺店通 订单明细): one ERP order (订单编号) merges several platform orders shipped together, so which one is an order cannot be told",
  "orders_zh.erp_merged_hint":
    'give each platform\'s own order export (淘宝/天猫, 抖店, 拼多多, 快手...), or say which columns to read: mapping.orders.columns: \'{\' order_id: "子单原始单号", placed_at: "交易时间", total: "买家实付" \'}\'',
} as const;
