/**
 * The Youzan Open API transport: the silent-auth token (cached in the state store until shortly before
 * it expires, refreshed once when the gateway calls it invalid) and `POST /api/{api}/{version}
 * ?access_token=` calls whose errors arrive with HTTP 200, either as `gw_err_resp` (gateway) or as
 * `success:false` (business). Every such error becomes a YouzanApiError naming the API, the code and
 * Youzan's own words; throttling and "system busy" are retried by the http client.
 */
import { type Message, msg } from "../../../core/i18n/index.js";
import { AdapterError, createHttpClient, type HttpClient, redactMessage } from "../../../http/index.js";

export interface TokenCache {
  getMeta(store: string, key: string): Promise<string | undefined>;
  setMeta(store: string, key: string, value: string): Promise<void>;
}

export interface YouzanApiOptions {
  clientId: string;
  clientSecret: string;
  kdtId: string;
  baseUrl: string;
  storeName: string;
  http?: {
    timeoutMs?: number;
    totalTimeoutMs?: number;
    retries?: number;
    backoffBaseMs?: number;
    backoffCapMs?: number;
    requestsPerSecond?: number;
    concurrency?: number;
  };
  log?: { debug(message: string): void; warn(message: string): void };
  signal?: AbortSignal;
  allowInsecure?: boolean;
  /** The state store, for the token cache; undefined or failing -> the token lives in memory only. */
  cache?: () => Promise<TokenCache>;
}

interface Token {
  access_token: string;
  /** Epoch ms. */
  expires_at: number;
  obtained_at: number;
  scope?: string;
  client_id: string;
  kdt_id: string;
}

const TOKEN_META_KEY = "youzan.token";
const DEFAULT_TOKEN_LIFE_MS = 7 * 24 * 3600_000;

/**
 * Gateway codes that mean "get a new token": 4201 no token, 4203 unknown token (both documented), 4202
 * expired (inferred). Others are recognised by their text, since Youzan publishes the list behind a login.
 */
const TOKEN_CODES = new Set([4201, 4202, 4203]);
const TOKEN_TEXT = /token|凭证/i;
const PERMISSION_TEXT = /权限|未授权|未订购|not\s+authori[sz]ed|permission|forbidden/i;
const BUSY_TEXT = /频率|限流|繁忙|稍后重试|busy|too\s+many|frequen|rate\s*limit/i;

export type ErrorKind = "token" | "permission" | "busy" | "gateway" | "business";

/** An error Youzan answered (HTTP 200 with an error envelope): the request was refused, not lost. */
export class YouzanApiError extends AdapterError {
  readonly kind: ErrorKind;
  readonly youzanCode: number | undefined;
  readonly api: string;
  constructor(
    detail: string | Message,
    options: { storeName: string; status?: number; kind: ErrorKind; youzanCode?: number; api: string; hint?: string | Message },
  ) {
    super(detail, {
      platform: "youzan",
      storeName: options.storeName,
      ...(options.status !== undefined ? { status: options.status } : {}),
      ...(options.youzanCode !== undefined ? { code: String(options.youzanCode) } : {}),
      ...(options.hint !== undefined ? { hint: options.hint } : {}),
    });
    this.kind = options.kind;
    this.youzanCode = options.youzanCode;
    this.api = options.api;
  }
}

/** Youzan's own words with its code (and trace id) when it gives them. */
function said(message: string, code: number | undefined, traceId?: string): Message | string {
  if (code === undefined) return message;
  return traceId
    ? msg("adapter.youzan.said_trace", { message, code: String(code), trace: traceId })
    : msg("adapter.youzan.said", { message, code: String(code) });
}

interface Envelope {
  kind: ErrorKind;
  code: number | undefined;
  message: string;
  traceId: string | undefined;
}

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const asCode = (v: unknown): number | undefined =>
  typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : undefined;

/** The error a body carries, whichever envelope it uses; undefined for a success. */
export function envelopeError(body: unknown): Envelope | undefined {
  const b = asRecord(body);
  if (!b) return undefined;
  const gw = asRecord(b.gw_err_resp);
  // The 3.0-era envelope: {"error_response":{"code","msg"}}.
  const legacy = asRecord(b.error_response);
  if (gw || legacy) {
    const e = (gw ?? legacy) as Record<string, unknown>;
    const code = asCode(e.err_code ?? e.code);
    const message = String(e.err_msg ?? e.msg ?? e.message ?? "error without a message");
    const traceId = typeof (e.trace_id ?? b.trace_id) === "string" ? String(e.trace_id ?? b.trace_id) : undefined;
    let kind: ErrorKind = gw ? "gateway" : "business";
    if ((code !== undefined && TOKEN_CODES.has(code)) || (gw && TOKEN_TEXT.test(message) && !PERMISSION_TEXT.test(message))) kind = "token";
    else if (PERMISSION_TEXT.test(message)) kind = "permission";
    else if (BUSY_TEXT.test(message)) kind = "busy";
    return { kind, code, message, traceId };
  }
  const code = asCode(b.code);
  if (b.success === false || (code !== undefined && code !== 200 && b.success !== true)) {
    const message = String(b.message ?? "error without a message");
    const kind: ErrorKind = PERMISSION_TEXT.test(message) ? "permission" : BUSY_TEXT.test(message) ? "busy" : "business";
    return { kind, code, message, traceId: typeof b.trace_id === "string" ? b.trace_id : undefined };
  }
  return undefined;
}

/** The payload of a success: `data` (current envelope) or `response` (3.0-era). */
function payloadOf(body: unknown): unknown {
  const b = asRecord(body);
  if (!b) return undefined;
  return "data" in b ? b.data : "response" in b ? b.response : undefined;
}

/** A token's expiry from the token endpoint's answer: `expires` (epoch ms or s) or `expires_in` (s). */
function expiryOf(data: Record<string, unknown>, now: number): number {
  const expires = asCode(data.expires);
  if (expires !== undefined) {
    if (expires > 1e12) return expires;
    if (expires > 1e9) return expires * 1000;
    return now + expires * 1000;
  }
  const expiresIn = asCode(data.expires_in);
  return expiresIn !== undefined ? now + expiresIn * 1000 : now + DEFAULT_TOKEN_LIFE_MS;
}

export interface YouzanApi {
  readonly http: HttpClient;
  /** Calls `{api}/{version}` with business params; returns the payload (`data`). */
  call<T = unknown>(api: string, version: string, params: Record<string, unknown>, options?: { idempotent?: boolean }): Promise<T>;
  /** A valid token (from memory, the state store, or the token endpoint); never `refused` again. */
  token(refused?: string): Promise<Token>;
}

export function createYouzanApi(options: YouzanApiOptions): YouzanApi {
  const storeName = options.storeName;
  const grantId = /^\d+$/.test(options.kdtId) ? Number(options.kdtId) : options.kdtId;
  const issuedTokens: string[] = [];
  const secrets = () => [options.clientSecret, ...issuedTokens];
  const http = createHttpClient({
    platform: "youzan",
    storeName,
    baseURL: options.baseUrl,
    headers: { "content-type": "application/json;charset=UTF-8", accept: "application/json" },
    secrets: [options.clientSecret],
    ...(options.http?.timeoutMs !== undefined ? { timeoutMs: options.http.timeoutMs } : {}),
    ...(options.http?.totalTimeoutMs !== undefined ? { totalTimeoutMs: options.http.totalTimeoutMs } : {}),
    ...(options.http?.retries !== undefined ? { retries: options.http.retries } : {}),
    backoff: {
      ...(options.http?.backoffBaseMs !== undefined ? { baseMs: options.http.backoffBaseMs } : {}),
      ...(options.http?.backoffCapMs !== undefined ? { capMs: options.http.backoffCapMs } : {}),
    },
    rateLimit: {
      ...(options.http?.requestsPerSecond !== undefined ? { requestsPerSecond: options.http.requestsPerSecond } : {}),
      concurrency: options.http?.concurrency ?? 8,
    },
    ...(options.log ? { log: options.log } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.allowInsecure !== undefined ? { allowInsecure: options.allowInsecure } : {}),
    describeError(_status, body) {
      const e = envelopeError(body);
      return e ? { message: `${e.message}${e.code !== undefined ? ` (code ${e.code})` : ""}` } : undefined;
    },
    // Only throttling is decided here (retry even a create: a throttled request was not applied); every
    // other envelope error goes back to call(), which knows the API's name for the message.
    classify(res) {
      const e = res.status >= 200 && res.status < 300 ? envelopeError(res.data) : undefined;
      if (e?.kind === "busy") return { action: "retry", reason: `${e.message}${e.code !== undefined ? ` (code ${e.code})` : ""}` };
      return undefined;
    },
  });

  let current: Token | undefined;
  let pending: Promise<Token> | undefined;

  const usable = (t: Token | undefined): t is Token => {
    if (!t || t.client_id !== options.clientId || t.kdt_id !== options.kdtId) return false;
    const margin = Math.min(300_000, (t.expires_at - t.obtained_at) / 10);
    return Date.now() < t.expires_at - margin;
  };

  async function cache(): Promise<TokenCache | undefined> {
    if (!options.cache) return undefined;
    try {
      return await options.cache();
    } catch (error) {
      options.log?.debug(`youzan: no state store for the token cache (${(error as Error).message}); keeping it in memory`);
      return undefined;
    }
  }

  async function fetchToken(): Promise<Token> {
    const res = await http.post<unknown>(
      "/auth/token",
      { client_id: options.clientId, client_secret: options.clientSecret, authorize_type: "silent", grant_id: grantId, refresh: true },
      { idempotent: true },
    );
    const data = asRecord(payloadOf(res.data));
    const accessToken = typeof data?.access_token === "string" ? data.access_token : undefined;
    const failure = envelopeError(res.data);
    if (failure || !accessToken || !data) {
      const why = failure ? said(failure.message, failure.code) : msg("adapter.youzan.no_access_token");
      throw new YouzanApiError(redactMessage(msg("adapter.youzan.no_token", { why }), secrets()), {
        storeName,
        status: 401,
        kind: "token",
        ...(failure?.code !== undefined ? { youzanCode: failure.code } : {}),
        api: "auth/token",
        hint: msg("adapter.youzan.no_token_hint", { store: storeName }),
      });
    }
    issuedTokens.push(accessToken);
    const now = Date.now();
    return {
      access_token: accessToken,
      expires_at: expiryOf(data, now),
      obtained_at: now,
      ...(typeof data.scope === "string" ? { scope: data.scope } : {}),
      client_id: options.clientId,
      kdt_id: options.kdtId,
    };
  }

  async function token(refused?: string): Promise<Token> {
    if (usable(current) && current.access_token !== refused) return current;
    if (pending) return pending;
    pending = (async () => {
      const store = await cache();
      if (store) {
        try {
          const cached = JSON.parse((await store.getMeta(storeName, TOKEN_META_KEY)) ?? "null") as Token | null;
          if (usable(cached ?? undefined) && cached?.access_token !== refused) {
            issuedTokens.push((cached as Token).access_token);
            return cached as Token;
          }
        } catch {
          // A damaged cache entry is simply replaced.
        }
      }
      const fresh = await fetchToken();
      await store?.setMeta(storeName, TOKEN_META_KEY, JSON.stringify(fresh));
      return fresh;
    })();
    try {
      current = await pending;
      return current;
    } finally {
      pending = undefined;
    }
  }

  async function call<T>(
    api: string,
    version: string,
    params: Record<string, unknown>,
    callOptions: { idempotent?: boolean } = {},
  ): Promise<T> {
    let refused: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const t = await token(refused);
      const res = await http.request<unknown>({
        method: "POST",
        url: `/api/${api}/${version}`,
        params: { access_token: t.access_token },
        data: params,
        ...(callOptions.idempotent !== undefined ? { idempotent: callOptions.idempotent } : {}),
      });
      const e = envelopeError(res.data);
      if (!e) return payloadOf(res.data) as T;
      // A refused token: another process may have replaced it, or it expired early. One refresh, then report.
      if (e.kind === "token" && attempt === 0) {
        options.log?.debug(`youzan: ${api} refused the token (${e.message}); getting a new one`);
        refused = t.access_token;
        continue;
      }
      throw apiError(api, version, e);
    }
  }

  function apiError(api: string, version: string, e: Envelope): YouzanApiError {
    const message = said(e.message, e.code, e.traceId);
    const base = { storeName, kind: e.kind, api, ...(e.code !== undefined ? { youzanCode: e.code } : {}) };
    const text = (m: Message) => redactMessage(m, secrets());
    switch (e.kind) {
      case "token":
        return new YouzanApiError(text(msg("adapter.youzan.token_refused", { message })), {
          ...base,
          status: 401,
          hint: msg("adapter.youzan.token_refused_hint", { store: storeName }),
        });
      case "permission":
        return new YouzanApiError(text(msg("adapter.youzan.permission", { api, version, message })), {
          ...base,
          status: 403,
          hint: msg("adapter.youzan.permission_hint", { api, store: storeName }),
        });
      case "gateway":
        return new YouzanApiError(text(msg("adapter.youzan.gateway", { api, version, message })), {
          ...base,
          hint: msg("adapter.youzan.gateway_hint"),
        });
      default:
        return new YouzanApiError(text(msg("adapter.youzan.refused", { api, message })), base);
    }
  }

  return { http, call, token };
}
