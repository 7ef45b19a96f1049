/**
 * Fakes of the chat services a digest is delivered to, on 127.0.0.1, checking what the real
 * services check (see test/fakes/notify-README.md for the documents they follow):
 *
 * - WeCom group robot: the `key`, a markdown message of at most 4096 bytes (errcode 40058),
 *   20 messages a minute (errcode 45009), an unknown key (errcode 93000).
 * - DingTalk robot: the access_token (300001), the 加签 signature computed here from the docs
 *   (HMAC-SHA256 keyed by the secret over timestamp + "\n" + secret, base64, URL-encoded; the
 *   timestamp within an hour), keywords (310000 "keywords not in content"), 20 a minute (130101).
 * - Feishu custom bot: the hook token, the signature computed here from the docs (HMAC-SHA256
 *   keyed by timestamp + "\n" + secret over an empty message, base64; seconds), keywords (19024),
 *   bodies of at most 20 KB and a known msg_type (9499).
 * - Slack incoming webhook: the path token (403 invalid_token), the payload shape (400
 *   invalid_payload / no_text / invalid_blocks: header <= 150, section <= 3000, <= 50 blocks),
 *   429 with Retry-After when asked to.
 *
 * Rate windows count accepted messages (no clock): a test sets `sentThisMinute` to put a robot at
 * its limit. Every accepted message is kept in `messages`.
 */
import { createHmac } from "node:crypto";
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, startFakeServer } from "./lib/index.js";

export interface ChatFake {
  server: FakeServer;
  url: string;
  /** Accepted messages, in order. */
  messages: unknown[];
  /** Requests that reached the handler (accepted or refused). */
  handled: FakeRequest[];
  /** Messages counted in the current minute; at 20 the robot refuses. */
  sentThisMinute: number;
  close(): Promise<void>;
}

function chatFake(server: FakeServer, state: { messages: unknown[]; handled: FakeRequest[]; sentThisMinute: number }): ChatFake {
  return Object.assign(state, { server, url: server.url, close: () => server.close() }) as ChatFake;
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

export async function startWecomFake(opts: { key: string; faults?: Faults }): Promise<ChatFake> {
  const state = { messages: [] as unknown[], handled: [] as FakeRequest[], sentThisMinute: 0 };
  const server = await startFakeServer({
    ...(opts.faults ? { faults: opts.faults } : {}),
    route: (method, path) =>
      method === "POST" && path === "/cgi-bin/webhook/send"
        ? (req): FakeReply => {
            state.handled.push(req);
            if (req.query.get("key") !== opts.key)
              return { json: { errcode: 93000, errmsg: "invalid webhook url, hint: [fake], from ip: 127.0.0.1" } };
            const body = req.body as { msgtype?: string; markdown?: { content?: unknown } } | undefined;
            if (body?.msgtype !== "markdown" || typeof body.markdown?.content !== "string")
              return { json: { errcode: 40008, errmsg: "invalid message type" } };
            if (bytes(body.markdown.content) > 4096)
              return { json: { errcode: 40058, errmsg: "markdown.content exceed max length 4096. invalid Request Parameter" } };
            if (state.sentThisMinute >= 20) return { json: { errcode: 45009, errmsg: "api freq out of limit" } };
            state.sentThisMinute++;
            state.messages.push(body);
            return { json: { errcode: 0, errmsg: "ok" } };
          }
        : undefined,
  });
  return chatFake(server, state);
}

/** The DingTalk signature as its docs define it, written here independently of src/. */
export function dingtalkDocSign(timestamp: string, secret: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(Buffer.from(`${timestamp}\n${secret}`, "utf8"))
    .digest("base64");
}

export async function startDingtalkFake(opts: {
  accessToken: string;
  secret?: string;
  keywords?: string[];
  now: () => number;
  faults?: Faults;
}): Promise<ChatFake> {
  const state = { messages: [] as unknown[], handled: [] as FakeRequest[], sentThisMinute: 0 };
  const server = await startFakeServer({
    ...(opts.faults ? { faults: opts.faults } : {}),
    route: (method, path) =>
      method === "POST" && path === "/robot/send"
        ? (req): FakeReply => {
            state.handled.push(req);
            if (req.query.get("access_token") !== opts.accessToken) return { json: { errcode: 300001, errmsg: "token is not exist" } };
            if (opts.secret) {
              const ts = req.query.get("timestamp") ?? "";
              const sign = req.query.get("sign") ?? "";
              if (!/^\d+$/.test(ts) || Math.abs(opts.now() - Number(ts)) > 3_600_000)
                return { json: { errcode: 310000, errmsg: "invalid timestamp" } };
              if (sign !== dingtalkDocSign(ts, opts.secret)) return { json: { errcode: 310000, errmsg: "sign not match" } };
            }
            const body = req.body as { msgtype?: string; markdown?: { title?: unknown; text?: unknown } } | undefined;
            if (body?.msgtype !== "markdown" || typeof body.markdown?.title !== "string" || typeof body.markdown?.text !== "string")
              return { json: { errcode: 40035, errmsg: "缺少参数 json" } };
            const content = `${body.markdown.title}\n${body.markdown.text}`;
            if (opts.keywords && !opts.keywords.some((k) => content.includes(k)))
              return { json: { errcode: 310000, errmsg: "keywords not in content" } };
            if (state.sentThisMinute >= 20) return { json: { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" } };
            state.sentThisMinute++;
            state.messages.push(body);
            return { json: { errcode: 0, errmsg: "ok" } };
          }
        : undefined,
  });
  return chatFake(server, state);
}

/** The Feishu signature as its docs define it: the key is timestamp + "\n" + secret, the message empty. */
export function feishuDocSign(timestamp: string, secret: string): string {
  return createHmac("sha256", Buffer.from(`${timestamp}\n${secret}`, "utf8"))
    .update(Buffer.alloc(0))
    .digest("base64");
}

export async function startFeishuFake(opts: {
  token: string;
  secret?: string;
  keywords?: string[];
  now: () => number;
  faults?: Faults;
}): Promise<ChatFake & { hookPath: string; rateLimitNext: number }> {
  const state = { messages: [] as unknown[], handled: [] as FakeRequest[], sentThisMinute: 0, rateLimitNext: 0 };
  const hookPrefix = "/open-apis/bot/v2/hook/";
  const server = await startFakeServer({
    ...(opts.faults ? { faults: opts.faults } : {}),
    route: (method, path) =>
      method === "POST" && path.startsWith(hookPrefix)
        ? (req): FakeReply => {
            state.handled.push(req);
            if (path.slice(hookPrefix.length) !== opts.token)
              return { status: 200, json: { code: 19001, msg: "param invalid: incoming webhook access token invalid", data: {} } };
            if (bytes(req.rawBody) > 20 * 1024) return { json: { code: 9499, msg: "Bad Request", data: {} } };
            const body = req.body as
              | { msg_type?: string; timestamp?: string; sign?: string; card?: unknown; content?: unknown }
              | undefined;
            if (!body || typeof body !== "object") return { json: { code: 9499, msg: "Bad Request", data: {} } };
            if (opts.secret) {
              const ts = String(body.timestamp ?? "");
              if (!/^\d+$/.test(ts) || Math.abs(opts.now() / 1000 - Number(ts)) > 3600 || body.sign !== feishuDocSign(ts, opts.secret))
                return { json: { code: 19021, msg: "sign match fail or timestamp is not within one hour from current time", data: {} } };
            }
            if (!["text", "post", "image", "share_chat", "interactive"].includes(body.msg_type ?? ""))
              return { json: { code: 9499, msg: "Bad Request", data: {} } };
            if (body.msg_type === "interactive" && (!body.card || typeof body.card !== "object"))
              return { json: { code: 9499, msg: "Bad Request", data: {} } };
            if (opts.keywords) {
              const texts = JSON.stringify(body.card ?? body.content ?? "");
              if (!opts.keywords.some((k) => texts.includes(k))) return { json: { code: 19024, msg: "Key Words Not Found", data: {} } };
            }
            if (state.sentThisMinute >= 100 || state.rateLimitNext > 0) {
              state.rateLimitNext = Math.max(0, state.rateLimitNext - 1);
              return {
                headers: { "x-ogw-ratelimit-reset": "0" },
                json: { code: 11232, msg: "frequency limited psm[lark.oapi.app_platform_runtime]appID[1]", data: {} },
              };
            }
            state.sentThisMinute++;
            state.messages.push(body);
            return { json: { StatusCode: 0, StatusMessage: "success", code: 0, data: {}, msg: "success" } };
          }
        : undefined,
  });
  return Object.assign(chatFake(server, state), { hookPath: `${hookPrefix}${opts.token}` }) as ChatFake & {
    hookPath: string;
    rateLimitNext: number;
  };
}

type SlackBlock = { type?: string; text?: { type?: string; text?: unknown } };

function slackPayloadError(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return "invalid_payload";
  const p = body as { text?: unknown; blocks?: unknown };
  if (p.blocks !== undefined) {
    if (!Array.isArray(p.blocks) || p.blocks.length > 50) return "invalid_blocks";
    for (const b of p.blocks as SlackBlock[]) {
      if (b.type === "header") {
        if (b.text?.type !== "plain_text" || typeof b.text.text !== "string" || [...b.text.text].length > 150) return "invalid_blocks";
      } else if (b.type === "section") {
        if (!b.text || !["mrkdwn", "plain_text"].includes(b.text.type ?? "") || typeof b.text.text !== "string") return "invalid_blocks";
        if ([...b.text.text].length > 3000 || b.text.text.length === 0) return "invalid_blocks";
      } else if (b.type !== "divider" && b.type !== "context") return "invalid_blocks";
    }
  }
  if ((typeof p.text !== "string" || p.text === "") && !(Array.isArray(p.blocks) && p.blocks.length > 0)) return "no_text";
  return undefined;
}

export async function startSlackFake(opts: { path: string; faults?: Faults }): Promise<ChatFake & { rateLimitNext: number }> {
  const state = { messages: [] as unknown[], handled: [] as FakeRequest[], sentThisMinute: 0, rateLimitNext: 0 };
  const server = await startFakeServer({
    ...(opts.faults ? { faults: opts.faults } : {}),
    route: (method, path) =>
      method === "POST" && path.startsWith("/services/")
        ? (req): FakeReply => {
            state.handled.push(req);
            if (path !== opts.path) return { status: 403, text: "invalid_token" };
            if (state.rateLimitNext > 0) {
              state.rateLimitNext--;
              return { status: 429, headers: { "retry-after": "0" }, text: "rate_limited" };
            }
            if (!String(req.headers["content-type"] ?? "").includes("application/json")) return { status: 400, text: "invalid_payload" };
            const error = slackPayloadError(req.body);
            if (error) return { status: 400, text: error };
            state.messages.push(req.body);
            return { status: 200, text: "ok" };
          }
        : undefined,
  });
  return Object.assign(chatFake(server, state), { rateLimitNext: 0 }) as ChatFake & { rateLimitNext: number };
}
