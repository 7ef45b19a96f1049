/**
 * The `digest:` and `notify:` blocks of merchops.config.yaml. Webhook URLs carry their token, so
 * they are secrets like any other: only `env:NAME` references are accepted for them (the loader
 * refuses literals before this schema runs).
 *
 * ```yaml
 * digest:
 *   period: yesterday
 *   syncMaxAgeHours: 24      # a remote store's last successful orders sync older than this is stale
 * notify:
 *   reportUrl: https://reports.example.com/merchops   # where reportDir is published (optional)
 *   reportDir: ./digests                              # full reports are written here (default .merchops/digests)
 *   channels:
 *     ops-wecom:  { type: wecom, key: env:WECOM_BOT_KEY }
 *     ops-ding:   { type: dingtalk, accessToken: env:DING_TOKEN, secret: env:DING_SECRET, keyword: 日报 }
 *     ops-feishu: { type: feishu, webhook: env:FEISHU_HOOK_URL, secret: env:FEISHU_SECRET }
 *     ops-slack:  { type: slack, webhook: env:SLACK_WEBHOOK_URL }
 *     boss-mail:  { type: email, host: smtp.example.com, port: 587, user: env:SMTP_USER, password: env:SMTP_PASSWORD,
 *                   from: merchops@example.com, to: [boss@example.com] }
 *   groups:
 *     team: [ops-wecom, boss-mail]
 * ```
 */

import { z } from "zod";
import { LANG_CHOICES, msg, schemaMessage, toLocale } from "../i18n/index.js";
import { PERIOD_SYNTAX, parsePeriod } from "../period.js";

// Refinements rather than .regex(): zod keeps a refinement's params (its catalog message), not a regex check's.
const envRef = z.string().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, schemaMessage(msg("digest.config.env_ref")));

/** An API origin for tests and proxies: scheme, host and port only, so no token can hide in it. */
const endpoint = z.string().regex(/^https?:\/\/[^/?#@\s]+\/?$/, schemaMessage(msg("digest.config.origin")));

const common = {
  /** Per-request timeout, default 15 s. */
  timeoutSeconds: z.number().positive().max(300).optional(),
  /** Items listed in the message, default 5. */
  top: z.number().int().min(1).max(20).optional(),
  lang: z.enum(LANG_CHOICES).transform(toLocale).optional(),
};

const wecom = z
  .object({
    type: z.literal("wecom"),
    /** The robot's key (the `key=` of its webhook URL), or the whole webhook URL. */
    key: envRef.optional(),
    webhook: envRef.optional(),
    endpoint: endpoint.optional(),
    ...common,
  })
  .strict()
  .refine((c) => (c.key === undefined) !== (c.webhook === undefined), { message: schemaMessage(msg("digest.config.key_or_webhook")) });

const dingtalk = z
  .object({
    type: z.literal("dingtalk"),
    /** The robot's access_token, or the whole webhook URL. */
    accessToken: envRef.optional(),
    webhook: envRef.optional(),
    /** 加签 secret (SEC...): requests are signed with HMAC-SHA256 of timestamp + "\n" + secret. */
    secret: envRef.optional(),
    /** A custom keyword of the robot's security settings: every message carries it. */
    keyword: z.string().min(1).optional(),
    endpoint: endpoint.optional(),
    ...common,
  })
  .strict()
  .refine((c) => (c.accessToken === undefined) !== (c.webhook === undefined), {
    message: schemaMessage(msg("digest.config.token_or_webhook")),
  });

const feishu = z
  .object({
    type: z.literal("feishu"),
    webhook: envRef,
    /** 签名校验 secret. */
    secret: envRef.optional(),
    keyword: z.string().min(1).optional(),
    ...common,
  })
  .strict();

const slack = z
  .object({
    type: z.literal("slack"),
    webhook: envRef,
    ...common,
  })
  .strict();

const email = z
  .object({
    type: z.literal("email"),
    host: z.string().min(1),
    /** 587 (submission, STARTTLS) by default; 465 is implicit TLS. */
    port: z.number().int().min(1).max(65535).optional(),
    /** Require STARTTLS on a plain port (default true): the password never crosses in clear. */
    starttls: z.boolean().optional(),
    user: z.string().min(1).optional(),
    password: envRef.optional(),
    from: z.string().min(3),
    to: z.array(z.string().min(3)).min(1),
    cc: z.array(z.string().min(3)).optional(),
    /** A PEM file of the CA that signed the server's certificate (a company relay), relative to the config. */
    caFile: z.string().min(1).optional(),
    ...common,
  })
  .strict();

export const notifyChannelSchema = z.discriminatedUnion("type", [wecom, dingtalk, feishu, slack, email]);
export type NotifyChannelConfig = z.infer<typeof notifyChannelSchema>;
export type NotifyChannelType = NotifyChannelConfig["type"];

const channelName = z.string().regex(/^[A-Za-z0-9_-]+$/, schemaMessage(msg("digest.config.channel_name")));

export const notifyConfigSchema = z
  .object({
    reportUrl: z.string().url().optional(),
    reportDir: z.string().min(1).optional(),
    channels: z.record(channelName, notifyChannelSchema).optional(),
    groups: z.record(channelName, z.array(channelName).min(1)).optional(),
  })
  .strict();
export type NotifyConfig = z.infer<typeof notifyConfigSchema>;

/** A period expression's syntax (its days resolve at run time). */
export function validPeriod(v: string): boolean {
  try {
    parsePeriod(v, "2000-01-15");
    return true;
  } catch {
    return false;
  }
}

export const digestConfigSchema = z
  .object({
    period: z
      .string()
      .refine(validPeriod, { message: schemaMessage(msg("values.config.period", { syntax: PERIOD_SYNTAX })) })
      .optional(),
    syncMaxAgeHours: z.number().positive().optional(),
    top: z.number().int().min(1).max(20).optional(),
  })
  .strict();
export type DigestConfig = z.infer<typeof digestConfigSchema>;

/** Webhook-looking URLs whose token would sit in the config file in clear. */
export function literalWebhookToken(value: string): boolean {
  return (
    /[?&](key|access_token|token|sign)=/i.test(value) ||
    /hooks\.slack\.com\/services\//i.test(value) ||
    /\/open-apis\/bot\/v2\/hook\//i.test(value) ||
    /qyapi\.weixin\.qq\.com\/cgi-bin\/webhook/i.test(value) ||
    /oapi\.dingtalk\.com\/robot\/send/i.test(value)
  );
}
