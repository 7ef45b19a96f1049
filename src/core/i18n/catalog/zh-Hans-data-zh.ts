import type { enDataZh } from "./en-data-zh.js";

/** 中国卖家商品表（报价单、1688 批发表、进销存与 ERP 导出）相关的消息（简体）。键与 en-data-zh.ts 一一对应。 */
export const zhHansDataZh: Record<keyof typeof enDataZh, string> = {
  "data_zh.price.to_agree": "“{value}”（价格面议）不是价格：这个规格无法按它售卖",
  "data_zh.price.to_agree_hint": "填写店铺实际售价，或把这个商品从表里去掉",
  "data_zh.price.range": "“{value}”是价格区间，不是一个价格：表里没写每个规格各卖多少",
  "data_zh.price.range_hint": "每个规格填一个价格（每个规格一行；如果按最低价卖，就填最低价）",
  "data_zh.stock.word": "库存“{value}”只说明有货，没写数量：不导入库存数（店铺保留现有库存）",
  "data_zh.stock.word_hint": "填写件数即可设置库存",
  "data_zh.totals_row": "合计行（{column} 列为“{value}”），不是商品：已跳过",
  "data_zh.column_currency": "“{column}”一列是 {named}，店铺价格用的是 {currency}：金额不会换算；未导入",
  "data_zh.column_currency_hint": "在表里把价格换算成 {currency}，或导入币种为 {named} 的店铺",
  "data_zh.matrix.read": "尺码横排（{sizes}）：每行按尺码拆成多个规格，格子里的数量作为库存；空格表示这个颜色没有该尺码",
  "data_zh.matrix.empty_row": "各尺码列（{sizes}）都没有数量：这一行不导入任何规格",
  "data_zh.matrix.row_code":
    "{column}“{code}”所在的行有多个尺码，不是某一个规格的编码：这些尺码不带 SKU 导入，按颜色和尺码区分（其他行同样处理）",
};
