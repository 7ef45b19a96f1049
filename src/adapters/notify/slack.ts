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
import { type ClassifyResult, htmlPageTitle } from "../../http/index.js";
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

/**
 * A 2xx is delivered when Slack says so: "ok" from an incoming webhook, `{"ok":true}` from a
 * workflow trigger. `{"ok":false,"error":"..."}` (Slack's Web API envelope, which answers 200) is
 * a refusal, and an HTML page (a proxy or Wi-Fi login) is not Slack at all: neither posted anything.
 */
function delivered(status: number, body: unknown): ClassifyResult {
  // The client hands over JSON parsed, any other answer as its text.
  const title = typeof body === "string" ? htmlPageTitle(body) : undefined;
  if (title !== undefined)
    return refused(status, title ? msg("faults.notify.html_page_titled", { title }) : msg("faults.notify.html_page"));
  if (!body || typeof body !== "object" || (body as { ok?: unknown }).ok !== false) return undefined;
  const error = (body as { error?: unknown }).error;
  const said = typeof error === "string" && error ? error.slice(0, 80) : "ok: false";
  return refused(
    said,
    msg("adapter.notify.slack.refused", { said }),
    HINTED.has(said) ? msg(`adapter.notify.slack.hint.${said}` as MessageId) : undefined,
  );
}

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
        if (status >= 200 && status < 300) return delivered(status, data);
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
