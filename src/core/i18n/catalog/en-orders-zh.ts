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
} as const;
