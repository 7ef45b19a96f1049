/** How a Chinese back office words the demo data: status and traffic-source words, local times. */
export const STATUS_ZH: Record<string, string> = {
  fulfilled: "交易成功",
  paid: "已付款",
  cancelled: "交易关闭",
  pending: "待付款",
  refunded: "已退款",
};

export const SOURCE_ZH: Record<string, string> = {
  organic_search: "自然搜索",
  paid_search: "付费推广",
  social: "社交媒体",
  direct: "直接访问",
  referral: "外部链接",
  email: "邮件",
};

/** "2026-11-03T14:05:09+08:00" -> "2026/11/3 14:05:09": store time, as the back office writes it. */
export function localTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})\+08:00$/.exec(iso);
  if (!m) throw new Error(`unexpected timestamp ${iso}`);
  return `${m[1]}/${Number(m[2])}/${Number(m[3])} ${m[4]}`;
}
