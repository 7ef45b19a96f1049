import type { enFaults } from "./en-faults.js";

/** 远程故障审查（第三轮）新增的消息（简体）。键与 en-faults.ts 一一对应。 */
export const zhHansFaults: Record<keyof typeof enFaults, string> = {
  "faults.http.html_page": "{method} {path} 返回的是 HTML 网页，不是 JSON",
  "faults.http.html_page_titled": "{method} {path} 返回的是 HTML 网页（“{title}”），不是 JSON",
  "faults.http.html_hint":
    "merchops 和 {platform} 之间有别的东西抢先作答（Wi-Fi 或代理的登录页、防火墙、维护页面）：请在这台电脑的浏览器里打开该地址看看，再重新运行",
  "faults.http.html_error": "返回的是 HTML 网页，不是接口的应答",
  "faults.http.html_error_titled": "返回的是 HTML 网页（“{title}”），不是接口的应答",
  "faults.http.challenge_hint":
    "网站前面的防火墙或人机验证（Cloudflare 之类）在请求到达 {platform} 之前就把它拦下了：请让网站的管理员放行这台机器（或接口路径）",
  "faults.http.json_cut_hint": "应答在传输途中中断或损坏（网络不稳定或经过了代理）；请重新运行",
  "faults.http.bad_compression": "压缩过的应答已损坏（{code}）",
  "faults.http.timeout_hint": "如果只是服务响应慢，请在它的配置里调大 http.timeoutMs（当前 {ms} 毫秒）；否则请检查网络",
  "faults.http.deadline": "已用完单个请求的总时限 {seconds} 秒（http.totalTimeoutMs），共尝试 {n, number} 次，放弃：{detail}",
  "faults.http.deadline_hint": "服务出错或太慢；请稍后再运行，或在它的配置里调大 http.totalTimeoutMs（当前 {ms} 毫秒）",
  "faults.digest.skipped": "{channel}（{type}）已在 {at} 收到今天的日报：不再重复发送（加 --resend 可再发一次）",
  "faults.email.temporary_hint":
    "邮件服务器暂时拒收（{code}：灰名单、邮箱已满或服务器繁忙）；请过几分钟再运行一次日报，只会发给还没收到的渠道",
  "faults.email.permanent_hint": "邮件服务器永久拒收（{code}）：请检查发件人、收件人地址和邮件大小；原样再发也不会成功",
  "faults.notify.html_page": "应答的是一个 HTML 网页，不是该服务",
  "faults.notify.html_page_titled": "应答的是一个 HTML 网页（“{title}”），不是该服务",
  "faults.paging.kept_shifting": "读取{what}期间数据一直在变（已读过的页里有记录被修改或删除；已重读 {n} 次）",
  "faults.paging.kept_shifting_hint": "已读到的数据会保留，下次运行从那里接着读；请在店铺不那么忙的时候再运行",
};
