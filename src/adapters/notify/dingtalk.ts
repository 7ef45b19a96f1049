/**
 * 钉钉 custom robot: POST /robot/send?access_token=TOKEN[&timestamp=MS&sign=SIGN] with a markdown
 * message. 加签: sign = base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)), URL-encoded,
 * timestamp in milliseconds within an hour of DingTalk's clock. A robot with keyword security
 * drops messages without one of its keywords (errcode 310000, as for a bad sign or IP). A robot
 * sends at most 20 messages a minute; beyond, errcode 130101 and a 10-minute throttle, so a
 * refused send is not retried within the run. No dedupe key.
 */
import { createHmac } from "node:crypto";
import { type DigestMessage, fitMessage, utf8Bytes } from "../../core/digest/message.js";
import { msg } from "../../core/i18n/index.js";
import { bodyText, escapeMarkdown } from "./render.js";
import type { ChannelContext, Delivery, NotifyChannel, SendResult } from "./types.js";
import { refused, urlSecrets, WebhookSender } from "./webhook.js";

/** DingTalk documents no byte limit for markdown; 20,000 bytes is the figure its users report. */
export const DINGTALK_LIMIT_BYTES = 20_000;
const DEFAULT_ORIGIN = "https://oapi.dingtalk.com";

export interface DingtalkConfig {
  accessToken?: string;
  webhook?: string;
  secret?: string;
  keyword?: string;
  endpoint?: string;
  timeoutSeconds?: number;
}

export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`, "utf8").digest("base64");
}

/** The robot's keyword must be in the message: put it in the title when the title lacks it. */
export function withKeyword(msg: DigestMessage, keyword: string | undefined): DigestMessage {
  if (!keyword || msg.title.includes(keyword)) return msg;
  return { ...msg, title: `${keyword} · ${msg.title}` };
}

export function dingtalkChannel(name: string, config: DingtalkConfig, ctx: ChannelContext): NotifyChannel {
  const url =
    config.webhook ??
    `${(config.endpoint ?? DEFAULT_ORIGIN).replace(/\/$/, "")}/robot/send?access_token=${encodeURIComponent(config.accessToken ?? "")}`;
  const sender = new WebhookSender(
    {
      type: "dingtalk",
      name,
      url,
      secrets: urlSecrets(url, [config.accessToken, config.secret]),
      ...(config.timeoutSeconds ? { timeoutSeconds: config.timeoutSeconds } : {}),
      rate: { requestsPerSecond: 20 / 60, burst: 20 },
      noDedupe: msg("adapter.notify.dingtalk.no_dedupe"),
      classify: ({ status, data }) => {
        if (status !== 200 || !data || typeof data !== "object") return undefined;
        const { errcode, errmsg } = data as { errcode?: number; errmsg?: string };
        if (errcode === undefined || errcode === 0) return undefined;
        if (errcode === 130101)
          return refused(
            errcode,
            msg("adapter.notify.dingtalk.throttled", { said: errmsg ?? "send too fast" }),
            msg("adapter.notify.dingtalk.throttled_hint"),
          );
        if (errcode === 310000)
          return refused(
            errcode,
            msg("adapter.notify.dingtalk.security", { said: errmsg ?? "security check failed" }),
            msg(
              /keyword/i.test(errmsg ?? "")
                ? "adapter.notify.dingtalk.keyword_hint"
                : /sign|timestamp/i.test(errmsg ?? "")
                  ? "adapter.notify.dingtalk.sign_hint"
                  : "adapter.notify.dingtalk.security_hint",
            ),
          );
        if (errcode === 300001 || errcode === 300005)
          return refused(errcode, msg("adapter.notify.dingtalk.unknown_token", { said: errmsg ?? "" }));
        return refused(errcode, msg("adapter.notify.dingtalk.refused", { said: errmsg ?? "error" }));
      },
    },
    ctx,
  );
  const render = (m: DigestMessage) => ({
    msgtype: "markdown",
    markdown: { title: m.title, text: `## ${escapeMarkdown(m.title, "markdown")}\n${bodyText(m, ctx.lang, "markdown")}` },
  });
  return {
    name,
    type: "dingtalk",
    async send(d: Delivery): Promise<SendResult> {
      const fit = fitMessage(
        withKeyword(d.message(ctx.lang, ctx.top), config.keyword),
        render,
        (b) => utf8Bytes(b.markdown.text),
        DINGTALK_LIMIT_BYTES,
      );
      let params: Record<string, string> | undefined;
      if (config.secret) {
        const timestamp = ctx.now().getTime();
        params = { timestamp: String(timestamp), sign: dingtalkSign(timestamp, config.secret) };
      }
      await sender.post(fit.rendered, params);
      return { shortened: fit.shortened, size: utf8Bytes(fit.rendered.markdown.text), limit: DINGTALK_LIMIT_BYTES, unit: "bytes" };
    },
  };
}
