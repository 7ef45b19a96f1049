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
};
