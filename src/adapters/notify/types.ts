/**
 * The contract of a notification channel: where a digest is delivered (a WeCom, DingTalk or Feishu
 * group robot, a Slack incoming webhook, an e-mail). A channel draws the short message in its own
 * format, shortened to its size limit, and sends it once.
 *
 * Delivery is at most once. None of these APIs takes a dedupe key (the e-mail carries a stable
 * Message-ID, which mail clients may use), so a send whose outcome is unknown (a timeout or a
 * dropped connection after the request left) is never retried: the error says the message may
 * have been delivered. Sends that certainly did not arrive (connection refused, a rate limit the
 * server answered) follow each API's documented behaviour.
 *
 * ```ts
 * const channel = openChannel("ops", { type: "wecom", key: "…" }, ctx);
 * const r = await channel.send({ message, html, attachments, id });
 * // r = { shortened: false, size: 812, limit: 4096, unit: "bytes" }
 * ```
 */
import type { DigestMessage } from "../../core/digest/message.js";
import { RemoteError } from "../../core/errors.js";
import type { Locale, Message } from "../../core/i18n/index.js";
import type { Logger } from "../platform.js";

export interface Delivery {
  /** The short message in a language (a channel may be configured in another than the run's). */
  message(lang: Locale, top?: number): DigestMessage;
  /** The whole digest as an HTML page (the e-mail body). */
  html: string;
  /** The full reports (e-mail attachments). */
  attachments: { filename: string; content: string | Uint8Array; contentType: string }[];
  /** Stable id of this digest: the e-mail's Message-ID. */
  id: string;
}

export interface SendResult {
  /** The message was cut to fit the channel's limit. */
  shortened: boolean;
  /** Size of what was sent, in `unit`. */
  size: number;
  limit: number | null;
  unit: "bytes" | "characters" | null;
}

export interface NotifyChannel {
  name: string;
  type: string;
  send(delivery: Delivery): Promise<SendResult>;
  close?(): Promise<void>;
}

export interface ChannelContext {
  baseDir: string;
  log: Logger;
  now(): Date;
  signal?: AbortSignal;
  network?: { allowInsecure?: boolean };
  lang: Locale;
  /** Items listed in this channel's message (the channel's `top:`), else the digest's. */
  top?: number;
}

/**
 * A channel that failed. `outcome` says whether the message may have arrived: "not_sent" (the
 * service refused it or it never left), "unknown" (sent, no answer: not retried).
 */
export class NotifyError extends RemoteError {
  constructor(
    readonly channel: string,
    readonly outcome: "not_sent" | "unknown",
    message: string | Message,
    hint?: string | Message,
  ) {
    super(message, hint);
  }
}
