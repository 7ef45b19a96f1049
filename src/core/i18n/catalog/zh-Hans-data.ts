import type { enData } from "./en-data.js";

/** 真实平台与 ERP 导出文件相关的消息（简体）。键与 en-data.ts 一一对应。 */
export const zhHansData: Record<keyof typeof enData, string> = {
  "data.woo.simple_no_price": "这个商品没有价格（Regular price 和 Sale price 都为空）：WooCommerce 会保留它但无法售卖；未导入",
  "data.woo.variation_no_price": "这个变体没有价格（Regular price 和 Sale price 都为空）：WooCommerce 不会上架它；未导入",
  "data.woo.no_price_hint": "填上 Regular price 即可导入",
  "data.woo.no_variations": "可变商品“{handle}”在本文件中没有带价格的变体：WooCommerce 无法售卖；未导入",
  "data.woo.no_variations_hint": "补上它的变体（Type 为 variation、Parent 填它的 ID 或 SKU 的行），并填写价格",
  "data.pairs.count":
    "{namesColumn} 有 {names, plural, other {# 个规格名}}（“{namesText}”），{valuesColumn} 却有 {values, plural, other {# 个规格值}}（“{valuesText}”）",
  "data.pairs.count_hint": "每个规格名对应一个规格值，顺序和分隔符保持一致（如“颜色;尺码”对应“红色;XL”）",
  "data.notes_row": "表头下方的说明行（价格一栏为“{value}”），不是商品：已跳过",
  "data.matrixify.command": "Command 为 {command}：Matrixify 不会把这一行当作商品导入；已跳过",
  "data.shopify.no_price_column": "文件里没有价格列（Variant Price 或 Price）：店铺里已有的规格保留原价，新规格会以 0.00 创建",
  "data.shopify.no_price_column_hint": "要设置价格或新建商品，请连同价格一起导出商品",
  "data.update_sheet.not_in_store": "店铺里没有商品“{handle}”：这个表只有商品列（没有 SKU、价格或选项列），只能更新店铺里已有的商品",
  "data.update_sheet.not_in_store_hint": "核对 {column} 是否与店铺里的 handle 一致，或先导入这个商品的完整数据（含规格的商品导出表）",
  "data.shopify.on_hand_new":
    "{column} 填了“{value}”：这是给 Shopify 库存导入用的新现有库存；merchops 读取旁边的可售库存，这个数不会被采用",
  "data.shopify.on_hand_new_hint": "要设置现有库存请把文件导入 Shopify，或把可售数量填在可售库存一栏",
};
