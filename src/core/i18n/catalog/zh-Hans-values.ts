import type { enValues } from "./en-values.js";

/** 单元格取值的消息（简体）：金额、整数、日期、标识符，以及配置里属性词典的检查。键与 en-values.ts 一一对应。 */
export const zhHansValues: Record<keyof typeof enValues, string> = {
  "values.other_currency": "“{value}”是 {named} 金额，而这一列的币种是 {currency}",
  "values.other_symbol": "“{value}”带有货币符号 {symbol}，不是 {currency}；这一列的币种是 {currency}",
  "values.amount_empty": "为空；应填写金额，例如 129.90",
  "values.amount_scientific": "“{value}”是科学计数法；应填写金额，例如 129.90",
  "values.not_amount": "“{value}”不是金额；应填写数字，例如 129.90",
  "values.too_many_decimals": "“{value}”的小数位超过了 {currency} 允许的 {digits} 位",
  "values.too_large": "“{value}”太大了",
  "values.not_whole_number": "“{value}”不是整数",
  "values.not_whole_number_cell": "{value} 不是整数",
  "values.cost_decimals": "“{value}”的小数超过 {max} 位；成本最多保留 {max} 位小数",
  "values.not_boolean": "“{value}”不是“是/否”；应填写 是 或 否（true/false）",
  "values.not_rating": "“{value}”不是 1 到 5 的评分",
  "values.invalid_date": "不是有效日期",
  "values.no_time": "没有时间",
  "values.number_not_datetime": "{value} 是数字，不是日期时间；应写成 2026-11-03 14:05:09",
  "values.not_real_datetime": "“{value}”不是真实存在的日期时间",
  "values.bad_utc_offset": "“{value}”的 UTC 时差不可能存在",
  "values.not_datetime": "“{value}”不是日期时间；应写成 2026-11-03 14:05:09 或 ISO 8601 格式",
  "values.number_not_day": "{value} 是数字，不是日期；应写成 2026-11-03",
  "values.not_day": "“{value}”不是日期；应写成 2026-11-03",
  "values.id_lost_digits": "{value} 在表格里被存成了数字，已丢失位数；请把该列设为“文本”格式后重新导出",
  "values.id_scientific": "“{value}”是科学计数法：Excel 把这个编号转成了数字，末尾几位已丢失；请把该列设为“文本”格式后重新导出",

  "values.column_number": "第 {n} 列",
  "values.column_letter": "{letter} 列",

  "values.config.empty": "不能为空",
  "values.config.time_zone": "不是时区；请使用 IANA 时区名，例如 Asia/Shanghai 或 Europe/Berlin",
  "values.config.period": "不是有效的时间段；可用 `{syntax}`",
  "values.config.currency_code": "应为 ISO 4217 币种代码，例如 CNY",
  "values.config.store_name": "店铺名只能用字母、数字、- 和 _",
  "values.config.column_key": "列键应为 merchops 的列名，例如 order_id 或 placed_at",

  "values.attr.reserved_word": "是保留字（__proto__、constructor、prototype），不能使用",
  "values.attr.bad_name": "属性名只能用小写字母、数字、- 和 _（例如 fit、sleeve_length）",
  "values.attr.needs_values": "新属性“{name}”需要取值（列表或同义词映射），或者写 freeForm: true",
  "values.attr.reserved_key": "“{key}”是保留字，不能用作键名",
};
