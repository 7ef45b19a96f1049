/**
 * What the chat-robot channels (WeCom, DingTalk, Feishu, Slack) share: one POST of a JSON body
 * through the project's HTTP client (timeouts, pacing, redaction), the service's own error codes
 * read out of a 200 body, and failures turned into a NotifyError that says whether the message
 * may have arrived.
 */
import { isMessage, type Message, msg } from "../../core/i18n/index.js";
import { AdapterError, type ClassifyResult, createHttpClient, type HttpClient, platformPrefix } from "../../http/index.js";
import { type ChannelContext, NotifyError } from "./types.js";

/** Network codes after which the request certainly never reached the server. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

export interface WebhookOptions {
  /** "wecom", "dingtalk", ... (error prefix "[wecom:ops]"). */
  type: string;
  name: string;
  url: string;
  /** Values never to show: the token, the whole URL, its path. */
  secrets: string[];
  timeoutSeconds?: number;
  /** Client-side pacing (the service's documented limit). */
  rate: { requestsPerSecond: number; burst: number };
  /** The service's error in a 200 (or 4xx) body: undefined = delivered. */
  classify(res: { status: number; headers: Record<string, string>; data: unknown }): ClassifyResult;
  /** What an unknown outcome means for this service, for the message. */
  noDedupe: string | Message;
  responseType?: "json" | "text";
}

export function urlSecrets(url: string, extra: (string | undefined)[] = []): string[] {
  const out = [url, ...extra.filter((s): s is string => Boolean(s))];
  try {
    const u = new URL(url);
    if (u.pathname.length > 1) out.push(u.pathname);
    for (const seg of u.pathname.split("/")) if (seg.length >= 8) out.push(seg);
    for (const v of u.searchParams.values()) if (v.length >= 4) out.push(v);
  } catch {
    // not a URL: the value itself is masked
  }
  return out;
}

export class WebhookSender {
  private readonly client: HttpClient;

  constructor(
    private readonly opts: WebhookOptions,
    ctx: ChannelContext,
  ) {
    const u = new URL(opts.url);
    this.client = createHttpClient({
      platform: opts.type,
      storeName: opts.name,
      baseURL: u.origin,
      timeoutMs: Math.round((opts.timeoutSeconds ?? 15) * 1000),
      // POSTs are retried by the client only when they certainly did not arrive or the server
      // asked (429 / 503 with Retry-After): never after a timeout.
      retries: 2,
      backoff: { baseMs: 200, capMs: 2000 },
      maxRetryAfterMs: 30_000,
      rateLimit: { requestsPerSecond: opts.rate.requestsPerSecond, burst: opts.rate.burst, concurrency: 1 },
      secrets: opts.secrets,
      log: ctx.log,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      allowInsecure: Boolean(ctx.network?.allowInsecure),
      classify: opts.classify,
    });
  }

  get stats() {
    return this.client.stats;
  }

  async post(body: unknown, params?: Record<string, string>): Promise<unknown> {
    const u = new URL(this.opts.url);
    const query: Record<string, string> = { ...Object.fromEntries(u.searchParams), ...(params ?? {}) };
    try {
      const res = await this.client.request({
        method: "POST",
        url: u.pathname,
        params: query,
        data: body,
        headers: { "content-type": "application/json; charset=utf-8" },
        idempotent: false,
        ...(this.opts.responseType ? { responseType: this.opts.responseType } : {}),
      });
      return res.data;
    } catch (e) {
      if (e instanceof AdapterError) throw this.notifyError(e);
      throw e;
    }
  }

  private notifyError(e: AdapterError): NotifyError {
    const networkCode = e.code && /^E[A-Z]+$/.test(e.code) ? e.code : undefined;
    // A 5xx answer to a POST says nothing of whether the message was posted (503 is retried by the
    // client and, when it persists, means the service took nothing).
    const serverFailed = e.status !== undefined && e.status >= 500 && e.status !== 503;
    if ((networkCode && !NOT_SENT.has(networkCode)) || serverFailed) {
      // The client's "not retried because the request may already have been applied" is said here in the channel's terms.
      const d = e.detail;
      const detail = isMessage(d) && d.id === "http.not_retried" ? msg("adapter.notify.request_failed", { ...d.params }) : d;
      const what = msg("adapter.error", { prefix: platformPrefix(e.platform, e.storeName), detail });
      return new NotifyError(
        this.opts.name,
        "unknown",
        msg("adapter.notify.maybe_delivered", { what, dedupe: this.opts.noDedupe }),
        msg("adapter.notify.maybe_delivered_hint"),
      );
    }
    return new NotifyError(this.opts.name, "not_sent", e.text, e.hintText);
  }
}

/** A 200 body's error code as a failure (the message was not posted). */
export function refused(code: string | number, text: string | Message, hint?: string | Message): ClassifyResult {
  return {
    action: "fail",
    message: msg("adapter.notify.refused", { text, code: String(code) }),
    code: String(code),
    ...(hint ? { hint } : {}),
  };
}
