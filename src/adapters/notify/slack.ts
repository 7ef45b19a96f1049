/**
 * Slack incoming webhook: POST the webhook URL with Block Kit blocks (a header of at most 150
 * characters, a section of at most 3000) and a `text` fallback for notifications. Slack answers
 * 200 "ok", or an error word in the body: 400 invalid_payload / no_text / invalid_blocks, 403
 * action_prohibited / invalid_token, 404 channel_not_found / no_service, 410 channel_is_archived;
 * 429 with Retry-After past about one message a second (the request was refused, so the client
 * waits and sends it again). No dedupe key.
 */
import { clip, type DigestMessage, fitMessage } from "../../core/digest/message.js";
import { type MessageId, msg } from "../../core/i18n/index.js";
import { bodyText, escapeMarkdown } from "./render.js";
import type { ChannelContext, Delivery, NotifyChannel, SendResult } from "./types.js";
import { refused, urlSecrets, WebhookSender } from "./webhook.js";

export const SLACK_SECTION_LIMIT = 3000;
export const SLACK_HEADER_LIMIT = 150;

/** Slack's error words that have a next step of their own (adapter.notify.slack.hint.<word>). */
const HINTED = new Set([
  "invalid_payload",
  "invalid_blocks",
  "no_text",
  "action_prohibited",
  "invalid_token",
  "no_service",
  "channel_not_found",
  "channel_is_archived",
]);

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
      noDedupe: msg("adapter.notify.slack.no_dedupe"),
      responseType: "text",
      classify: ({ status, data }) => {
        const word = typeof data === "string" ? data.trim().slice(0, 80) : "";
        if (status >= 200 && status < 300) return undefined;
        if (status === 429 || status >= 500) return undefined;
        const hint = HINTED.has(word) ? msg(`adapter.notify.slack.hint.${word}` as MessageId) : undefined;
        return refused(status, msg("adapter.notify.slack.refused", { said: word || `HTTP ${status}` }), hint);
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
