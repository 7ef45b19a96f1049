import type { enHostile } from "./en-hostile.js";

/** 异常输入与远程故障审查新增的消息（简体）。键与 en-hostile.ts 一一对应。 */
export const zhHansHostile: Record<keyof typeof enHostile, string> = {
  "hostile.path.not_found": "找不到文件",
  "hostile.path.not_found_hint": "请检查路径和文件名（相对路径从当前目录算起）",
  "hostile.path.directory": "这是一个文件夹，不是文件",
  "hostile.path.directory_hint": "请传入 .csv 或 .xlsx 文件的路径",
  "hostile.path.special": "不是普通文件（管道、套接字或设备）；merchops 只读取磁盘上的表格文件",
  "hostile.path.special_hint": "请先把数据保存为文件，再传入该文件的路径",
  "hostile.path.loop": "路径陷入了符号链接的循环",
  "hostile.path.loop_hint": "请让链接指向真实的文件",
  "hostile.path.unreadable": "无法读取（{code}）",
  "hostile.path.unreadable_hint": "请检查路径和文件权限",
  "hostile.path.permission": "没有权限",
  "hostile.path.permission_hint": "请检查文件的权限",
  "hostile.columns.too_many": "一行有 {cells, number} 个单元格，超过表格最多的列数（{max, number}，即 Excel 的 XFD 列）",
  "hostile.columns.too_many_hint": "如果分隔符识别错了，请用 --delimiter 指定；否则这个文件不是 merchops 能读取的表格",
  "hostile.credential_refs": "该凭证来自 {refs}",
  "hostile.file_changed": "merchops 读取文件期间，文件被修改了",
  "hostile.file_changed_hint": "请等写入它的程序完成（在 Excel 或 WPS 中关闭它），再重新导入",
  "hostile.taobao.separator_value": "商品 {handle}：{axis}「{value}」含有「{char}」，淘宝助理用它分隔销售属性；未写出任何文件",
  "hostile.taobao.separator_sku": "商品 {handle}：SKU「{sku}」含有「{char}」，淘宝助理在销售属性组合里用它作分隔符；未写出任何文件",
  "hostile.taobao.no_value": "商品 {handle}：SKU {sku} 没有{axis}值，淘宝助理要求每个 SKU 都有；未写出任何文件",
  "hostile.taobao.axes": "商品 {handle}：规格维度（{axes}）超过了淘宝助理可用的销售属性数（{max, number} 个）；未写出任何文件",
  "hostile.taobao.hint": "请在店铺（或导入表格）里改掉这个值后再导出；用 --to-format native、shopify 或 woocommerce 导出可原样保留",
};
