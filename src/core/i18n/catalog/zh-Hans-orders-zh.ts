import type { enOrdersZh } from "./en-orders-zh.js";

/** 国内平台订单导出（拼多多/抖店售后状态、ERP、1688）的消息；见 en-orders-zh.ts。 */
export const zhHansOrdersZh: Record<keyof typeof enOrdersZh, string> = {
  "orders_zh.after_sale_unknown": "售后状态“{value}”不在该导出已知的取值中：无法判断钱是否已退回，不按猜测读取",
  "orders_zh.after_sale_unknown_hint":
    "请说明它的含义：mapping.{dataset}.statuses: '{' \"{value}\": refunded '}'（已退款），或 paid（未退款）",
  "orders_zh.erp_merged": "这是 ERP 的订单明细（旺店通）：一个 ERP 订单（订单编号）合并了一起发货的多个平台订单，无法判断哪个才算一个订单",
  "orders_zh.erp_merged_hint":
    '请使用各平台自己的订单导出（淘宝/天猫、抖店、拼多多、快手……），或指定要读取的列：mapping.orders.columns: \'{\' order_id: "子单原始单号", placed_at: "交易时间", total: "买家实付" \'}\'',
  "orders_zh.after_sale_open": "{file}：{n, plural, other {# 个}}售后申请仍在处理中（{column}），暂不计为退款",
  "orders_zh.1688_list":
    "这是 1688 的订单列表（有买家公司名和卖家公司名）：买家的采购单列的是向供应商的采购，不是店铺的销售，而文件本身看不出是从哪一方导出的",
  "orders_zh.1688_list_hint":
    '请使用店铺自己的销售订单导出；若要把 1688 卖家的已卖出货品当作销售读取，请指定列：mapping.orders.columns: \'{\' order_id: "订单编号", placed_at: "订单创建时间", paid_at: "订单付款时间", total: "实付款(元)" \'}\'',
};
