/**
 * Slack incoming webhook: POST the webhook URL with Block Kit blocks (a header of at most 150
 * characters, a section of at most 3000) and a `text` fallback for notifications. Slack answers
 * 200 "ok", or an error word in the body: 400 invalid_payload / no_text / invalid_blocks, 403
 * action_prohibited / invalid_token, 404 channel_not_found / no_service, 410 channel_is_archived;
 * 429 with Retry-After past about one message a second (the request was refused, so the client
 * waits and sends it again). No dedupe key.
 */
import { clip, type DigestMessage, fitMessage } from "../../core/digest/message.js";
import { bodyText, escapeMarkdown } from "./render.js";
import type { ChannelContext, Delivery, NotifyChannel, SendResult } from "./types.js";
import { refused, urlSecrets, WebhookSender } from "./webhook.js";

export const SLACK_SECTION_LIMIT = 3000;
export const SLACK_HEADER_LIMIT = 150;

const HINTS: Record<string, string> = {
  invalid_payload: "merchops sent a payload Slack could not read: report this as a bug",
  invalid_blocks: "merchops sent blocks Slack refused: report this as a bug",
  no_text: "merchops sent an empty message: report this as a bug",
  action_prohibited: "an admin restricted this webhook; ask the workspace admin",
  invalid_token: "the webhook was revoked: create a new one and put it in the env var your config names",
  no_service: "the webhook was removed or disabled: create a new one",
  channel_not_found: "the webhook's channel was deleted: create a webhook for another channel",
  channel_is_archived: "the webhook's channel is archived: unarchive it or use another channel",
};

export interface SlackConfig {
  webhook: string;
  timeoutSeconds?: number;
}

const codePoints = (s: string) => [...s].length;

export function slackChannel(name: string, config: SlackConfig, ctx: ChannelContext): NotifyChannel {
  const sender = new WebhookSender(
    {
      type: "slack",
      name,
      url: config.webhook,
      secrets: urlSecrets(config.webhook),
      ...(config.timeoutSeconds ? { timeoutSeconds: config.timeoutSeconds } : {}),
      rate: { requestsPerSecond: 1, burst: 1 },
      noDedupe: "Slack incoming webhooks take no dedupe key",
      responseType: "text",
      classify: ({ status, data }) => {
        const word = typeof data === "string" ? data.trim().slice(0, 80) : "";
        if (status >= 200 && status < 300) return undefined;
        if (status === 429 || status >= 500) return undefined;
        return refused(status, `Slack refused the message: ${word || `HTTP ${status}`}`, HINTS[word]);
      },
    },
    ctx,
  );
  const render = (m: DigestMessage) => ({
    text: clip(m.title, SLACK_HEADER_LIMIT),
    blocks: [
      { type: "header", text: { type: "plain_text", text: clip(m.title, SLACK_HEADER_LIMIT), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: bodyText({ ...m, title: escapeMarkdown(m.title, "slack") }, ctx.lang, "slack") } },
    ],
  });
  return {
    name,
    type: "slack",
    async send(d: Delivery): Promise<SendResult> {
      const fit = fitMessage(d.message(ctx.lang, ctx.top), render, (b) => codePoints(b.blocks[1]?.text.text ?? ""), SLACK_SECTION_LIMIT);
      await sender.post(fit.rendered);
      return {
        shortened: fit.shortened,
        size: codePoints(fit.rendered.blocks[1]?.text.text ?? ""),
        limit: SLACK_SECTION_LIMIT,
        unit: "characters",
      };
    },
  };
}
