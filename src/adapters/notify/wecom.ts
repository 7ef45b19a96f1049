/**
 * 企业微信 group robot: POST /cgi-bin/webhook/send?key=KEY with a markdown message, content at most
 * 4096 bytes of UTF-8 (errcode 40058 beyond). Errors come in a 200 body: 93000 invalid webhook
 * (a wrong key), 45009 the robot's limit of 20 messages a minute. No dedupe key.
 */
import { fitMessage, utf8Bytes } from "../../core/digest/message.js";
import { msg } from "../../core/i18n/index.js";
import { markdownMessage } from "./render.js";
import type { ChannelContext, Delivery, NotifyChannel, SendResult } from "./types.js";
import { refused, urlSecrets, WebhookSender } from "./webhook.js";

export const WECOM_LIMIT_BYTES = 4096;
const DEFAULT_ORIGIN = "https://qyapi.weixin.qq.com";

export interface WecomConfig {
  key?: string;
  webhook?: string;
  endpoint?: string;
  timeoutSeconds?: number;
}

export function wecomChannel(name: string, config: WecomConfig, ctx: ChannelContext): NotifyChannel {
  const url =
    config.webhook ??
    `${(config.endpoint ?? DEFAULT_ORIGIN).replace(/\/$/, "")}/cgi-bin/webhook/send?key=${encodeURIComponent(config.key ?? "")}`;
  const sender = new WebhookSender(
    {
      type: "wecom",
      name,
      url,
      secrets: urlSecrets(url, [config.key]),
      ...(config.timeoutSeconds ? { timeoutSeconds: config.timeoutSeconds } : {}),
      // 20 messages a minute per robot.
      rate: { requestsPerSecond: 20 / 60, burst: 20 },
      noDedupe: msg("adapter.notify.wecom.no_dedupe"),
      classify: ({ status, data }) => {
        if (status !== 200 || !data || typeof data !== "object") return undefined;
        const { errcode, errmsg } = data as { errcode?: number; errmsg?: string };
        if (errcode === undefined || errcode === 0) return undefined;
        if (errcode === 93000) return refused(errcode, msg("adapter.notify.wecom.unknown_robot"), msg("adapter.notify.wecom.key_hint"));
        if (errcode === 45009) return refused(errcode, msg("adapter.notify.wecom.limit"), msg("adapter.notify.wecom.limit_hint"));
        return refused(errcode, msg("adapter.notify.wecom.refused", { said: errmsg ?? "error" }));
      },
    },
    ctx,
  );
  return {
    name,
    type: "wecom",
    async send(d: Delivery): Promise<SendResult> {
      const fit = fitMessage(d.message(ctx.lang, ctx.top), (m) => markdownMessage(m, ctx.lang), utf8Bytes, WECOM_LIMIT_BYTES);
      await sender.post({ msgtype: "markdown", markdown: { content: fit.rendered } });
      return { shortened: fit.shortened, size: utf8Bytes(fit.rendered), limit: WECOM_LIMIT_BYTES, unit: "bytes" };
    },
  };
}
