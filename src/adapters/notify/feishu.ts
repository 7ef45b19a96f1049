/**
 * 飞书 / Lark custom bot: POST the webhook with an interactive card (a header and a lark_md
 * block). 签名校验: sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")),
 * timestamp in seconds, both in the body. The request body may be at most 20 KB. Errors come in
 * the body: 19021 sign / timestamp, 19022 IP not allowed, 19024 keyword not found, 9499 bad
 * request, 11232 rate limited (100 a minute, 5 a second per bot). No dedupe key.
 */
import { createHmac } from "node:crypto";
import { type DigestMessage, fitMessage, utf8Bytes } from "../../core/digest/message.js";
import { msg as message } from "../../core/i18n/index.js";
import { withKeyword } from "./dingtalk.js";
import { bodyText } from "./render.js";
import type { ChannelContext, Delivery, NotifyChannel, SendResult } from "./types.js";
import { refused, urlSecrets, WebhookSender } from "./webhook.js";

export const FEISHU_LIMIT_BYTES = 20 * 1024;

export interface FeishuConfig {
  webhook: string;
  secret?: string;
  keyword?: string;
  timeoutSeconds?: number;
}

export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

export function feishuChannel(name: string, config: FeishuConfig, ctx: ChannelContext): NotifyChannel {
  const sender = new WebhookSender(
    {
      type: "feishu",
      name,
      url: config.webhook,
      secrets: urlSecrets(config.webhook, [config.secret]),
      ...(config.timeoutSeconds ? { timeoutSeconds: config.timeoutSeconds } : {}),
      rate: { requestsPerSecond: 5, burst: 5 },
      noDedupe: message("adapter.notify.feishu.no_dedupe"),
      classify: ({ status, headers, data }) => {
        if (!data || typeof data !== "object") return undefined;
        const { code, msg } = data as { code?: number; msg?: string };
        if (code === undefined || code === 0) return undefined;
        if (code === 11232) {
          const reset = Number(headers["x-ogw-ratelimit-reset"]);
          // The bot's limit answered: nothing was posted, so waiting and sending again is safe.
          return {
            action: "retry",
            reason: message("adapter.notify.feishu.rate_limited", { said: msg ?? "frequency limited" }),
            waitMs: Number.isFinite(reset) ? reset * 1000 : 1000,
          };
        }
        if (code === 19021)
          return refused(
            code,
            message("adapter.notify.feishu.bad_sign", { said: msg ?? "sign match fail" }),
            message("adapter.notify.feishu.sign_hint"),
          );
        if (code === 19024)
          return refused(
            code,
            message("adapter.notify.feishu.no_keyword", { said: msg ?? "" }),
            message("adapter.notify.feishu.keyword_hint"),
          );
        if (code === 19022)
          return refused(code, message("adapter.notify.feishu.ip", { said: msg ?? "" }), message("adapter.notify.feishu.ip_hint"));
        const said = msg ?? "error";
        return refused(
          code,
          status !== 200
            ? message("adapter.notify.feishu.refused_http", { status, said })
            : message("adapter.notify.feishu.refused", { said }),
        );
      },
    },
    ctx,
  );
  const render = (m: DigestMessage, signed: Record<string, string>) => ({
    ...signed,
    msg_type: "interactive",
    card: {
      header: { title: { tag: "plain_text", content: m.title }, template: m.allClear ? "green" : "red" },
      elements: [{ tag: "div", text: { tag: "lark_md", content: bodyText(m, ctx.lang, "lark") } }],
    },
  });
  return {
    name,
    type: "feishu",
    async send(d: Delivery): Promise<SendResult> {
      const signed: Record<string, string> = {};
      if (config.secret) {
        const timestamp = Math.floor(ctx.now().getTime() / 1000);
        signed.timestamp = String(timestamp);
        signed.sign = feishuSign(timestamp, config.secret);
      }
      const fit = fitMessage(
        withKeyword(d.message(ctx.lang, ctx.top), config.keyword),
        (m) => render(m, signed),
        (b) => utf8Bytes(JSON.stringify(b)),
        FEISHU_LIMIT_BYTES,
      );
      await sender.post(fit.rendered);
      return { shortened: fit.shortened, size: utf8Bytes(JSON.stringify(fit.rendered)), limit: FEISHU_LIMIT_BYTES, unit: "bytes" };
    },
  };
}
