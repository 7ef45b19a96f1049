import type { enAdapters } from "./en-adapters.js";

/** 适配器与其下 HTTP 客户端的消息；见 en-adapters.ts。平台原话作为参数原样保留。 */
export const zhHansAdapters: Record<keyof typeof enAdapters, string> = {
  "adapter.error": "{prefix}{detail}",

  "http.with_status": "{status} {message}",
  "http.after_attempts": "{detail}（已尝试 {n, number} 次）",
  "http.unexpected_response": "无法识别的响应",
  "http.net.timeout": "{seconds} 秒内没有响应（超时）",
  "http.net.refused": "连接被拒绝",
  "http.net.reset": "响应未完整返回，连接就断开了（ECONNRESET）",
  "http.net.not_found": "找不到主机名（{code}）",
  "http.unreachable": "尝试 {n, number} 次仍无法连接：{description}",
  "http.not_retried": "{method} {path}：{description}；请求可能已经生效，因此没有重试",
  "http.wait_too_long": "{detail}；服务器要求等待 {wait}，超过 merchops 愿意等待的时间",
  "http.malformed_json": "{method} {path} 的响应不是有效的 JSON",
  "http.malformed_reason": "响应不是有效的 JSON",
  "http.redirects": "{status} 服务器没有作答，而是重定向到别处",
  "http.redirects_to": "{status} 服务器没有作答，而是重定向到 {url}",
  "http.redirect_invalid": "{status} 服务器重定向到一个无效地址",
  "http.too_large": "响应超过 {mb} MB，已拒收",
  "http.hint.401": "请检查配置中指定的环境变量里的 {platform} 凭证（令牌可能已被撤销）",
  "http.hint.403": "凭证缺少某项权限（scope）——见 `merchops adapters check`",
  "http.hint.404": "请检查店铺地址",
  "http.hint.429": "平台正在对本店铺限流；请稍后再运行",
  "http.hint.5xx": "平台出错；请稍后再运行",
  "http.hint.run_after": "请在 {at} 之后再运行",
  "http.hint.network": "请检查地址和网络；稍后再运行",
  "http.hint.check_applied": "再次运行前，请先到平台上确认这次更改是否已经生效",
  "http.hint.malformed_json": "服务器返回的不是 JSON：请检查店铺地址（中间是否有登录页或代理？）后再运行",
  "http.hint.redirect": "请把它重定向到的地址（https://，带不带 www 以店铺实际使用为准）写进配置",
  "http.hint.too_large": "服务器返回的数据远超此 API 一页的容量；请检查地址",
};
