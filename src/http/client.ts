/**
 * createHttpClient: one axios instance per adapter instance, wrapped in the retry loop. Every attempt is
 * paced by the limiter, bounded by a hard timeout, logged (redacted) and classified; every failure leaves
 * as an AdapterError built from plain, redacted values — an axios error never escapes, because its config
 * carries the request headers (tokens).
 */
import { STATUS_CODES } from "node:http";
import axios, { type AxiosInstance, type AxiosRequestConfig } from "axios";
import { UsageError } from "../core/errors.js";
import { english, type Message, msg } from "../core/i18n/index.js";
import { htmlPageTitle, isCompressionFailure, isFirewallPage, looksLikeCutJson } from "./answers.js";
import { AdapterError, hintForStatus, platformPrefix } from "./errors.js";
import {
  assertPublicHost,
  assertPublicLiteral,
  type GuardMode,
  guardedAgents,
  PRIVATE_ADDRESS_CODE,
  PrivateAddressError,
} from "./guard.js";
import { isLoopbackHost, proxyFor } from "./proxy.js";
import { createLimiter } from "./rate-limit.js";
import { isSecretParamName, redactMessage, redactText, redactUrl, secretParamValues } from "./redact.js";
import { abortableSleep, fullJitterDelay, interruptionOf, parseRetryAfter } from "./retry.js";
import type { ClassifyResult, HttpClient, HttpClientOptions, HttpRequest, HttpResponse, HttpStats } from "./types.js";

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Failures where the request certainly never reached the server, so even a POST may be sent again. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
const SECRET_HEADER = /authorization|cookie|token|secret|key|password|signature|sign/i;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

type Attempt =
  | { kind: "response"; status: number; headers: Record<string, string>; text: string; elapsedMs: number }
  | { kind: "network"; code: string; message: string; timedOut: boolean; elapsedMs: number };

type Decision =
  | { kind: "done"; response: HttpResponse }
  /** `exhausted` builds the error to throw when no retry is left. */
  | { kind: "retry"; waitMs?: number; reason: string | Message; malformed?: boolean; exhausted: (attempts: number) => AdapterError }
  | { kind: "fail"; error: AdapterError };

function secretsOf(options: HttpClientOptions): string[] {
  const secrets = [...(options.secrets ?? [])];
  if (options.auth) {
    const { username, password } = options.auth;
    // axios sends "Authorization: Basic base64(user:password)"; a server echoing it must not leak it.
    secrets.push(password, username, Buffer.from(`${username}:${password}`).toString("base64"));
  }
  secrets.push(...headerSecrets(options.headers));
  return usableSecrets(secrets);
}

/** Values of credential-looking headers; for "Bearer abc" also the credential alone. */
function headerSecrets(headers: Record<string, string> | undefined): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!SECRET_HEADER.test(name) || !value) continue;
    secrets.push(value);
    const credential = /^\S+\s+(\S{6,})$/.exec(value)?.[1];
    if (credential) secrets.push(credential);
  }
  return secrets;
}

/** Very short values would mask innocent text everywhere and are not credentials anyway. */
function usableSecrets(values: unknown[]): string[] {
  return values.filter((s): s is string => typeof s === "string" && s.length >= 4);
}

/** What one request adds to the client's secrets: its credential headers and credential-named params (a rotating token). */
function requestSecrets(clientSecrets: string[], req: HttpRequest): string[] {
  const extra = [...headerSecrets(req.headers)];
  for (const [name, value] of Object.entries(req.params ?? {}))
    if (isSecretParamName(name) && value !== undefined) extra.push(String(value));
  return extra.length === 0 ? clientSecrets : [...clientSecrets, ...usableSecrets(extra)];
}

type ErrorFactory = (detail: string | Message, extra: { status?: number; code?: string; hint?: string | Message }) => AdapterError;

interface RequestContext {
  req: HttpRequest;
  idempotent: boolean;
  /** The redacted path, for messages. */
  path: string;
  malformedRetried: boolean;
  timeoutMs: number;
  secrets: string[];
  error: ErrorFactory;
}

function plainHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === "object") {
    const source = typeof (headers as { toJSON?: unknown }).toJSON === "function" ? (headers as { toJSON(): object }).toJSON() : headers;
    for (const [name, value] of Object.entries(source)) {
      if (value === undefined || value === null) continue;
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    }
  }
  return out;
}

/** The network code of an axios error, without keeping the error (its config holds the headers). */
/** 5 minutes: one request's attempts, waits and Retry-After pauses together (a cron job must end). */
const DEFAULT_TOTAL_TIMEOUT_MS = 300_000;
/** 64 MB: a page of any platform API is a few hundred kB. */
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

function networkCodeOf(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  let code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : "ENETWORK";
  const message = typeof e?.message === "string" ? e.message : "network error";
  if (code === "ERR_BAD_RESPONSE" || code === "ERR_NETWORK") {
    if (/socket hang up|aborted|ECONNRESET/i.test(message)) code = "ECONNRESET";
  }
  return { code, message };
}

function describeNetwork(attempt: Extract<Attempt, { kind: "network" }>, timeoutMs: number): string | Message {
  if (attempt.timedOut) return msg("http.net.timeout", { seconds: String(Math.round(timeoutMs / 100) / 10) });
  switch (attempt.code) {
    case "ECONNREFUSED":
      return msg("http.net.refused");
    case "ECONNRESET":
      return msg("http.net.reset");
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return msg("http.net.not_found", { code: attempt.code });
    default:
      if (isCompressionFailure(attempt.code, attempt.message)) return msg("faults.http.bad_compression", { code: attempt.code });
      // The system's own words, as Node gives them.
      return `${attempt.code}: ${attempt.message}`;
  }
}

function networkHint(attempt: Extract<Attempt, { kind: "network" }>, timeoutMs: number): Message {
  if (attempt.timedOut) return msg("faults.http.timeout_hint", { ms: String(timeoutMs) });
  if (isCompressionFailure(attempt.code, attempt.message)) return msg("faults.http.json_cut_hint");
  return msg("http.hint.network");
}

/** A platform's message from a body when describeError has none: common shapes, else the status text. */
function genericMessage(status: number, body: unknown): string | Message {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    for (const field of ["message", "error_description", "error", "errors"]) {
      const value = b[field];
      if (typeof value === "string" && value.trim() !== "") return value.trim().slice(0, 300);
    }
  }
  // The HTTP reason phrase ("Internal Server Error") is the protocol's own text, like the status code.
  return STATUS_CODES[status] ?? msg("http.unexpected_response");
}

/** 'an HTML page ("Down for maintenance") instead of the API's answer': the page's title is all it says. */
function htmlErrorMessage(title: string): Message {
  return title ? msg("faults.http.html_error_titled", { title }) : msg("faults.http.html_error");
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** "401 Invalid token", but no status before a message found in a 2xx body (an error envelope). */
function withStatus(status: number, message: string | Message): string | Message {
  return status >= 200 && status < 300 ? message : msg("http.with_status", { status: String(status), message });
}

/** "… (after 3 attempts)": what a retried request finally failed with. */
function afterAttempts(detail: string | Message, n: number): Message {
  return msg("http.after_attempts", { detail, n });
}

function formatWait(ms: number): string {
  // A day's wait reads as hours, not "86400.0 s".
  if (ms >= 2 * 3600_000) return `${Math.round(ms / 360_000) / 10} h`;
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} min`;
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const platform = options.platform;
  const storeName = options.storeName;
  const secrets = secretsOf(options);
  const env = options.env ?? process.env;
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const maxRetries = Math.max(0, options.retries ?? 5);
  const baseMs = options.backoff?.baseMs ?? 500;
  const capMs = options.backoff?.capMs ?? 20_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const limiter = createLimiter(options.rateLimit ?? {}, options.pacingClock);
  const stats: HttpStats = { requests: 0, attempts: 0, retries: 0, byStatus: {} };
  const prefix = platformPrefix(platform, storeName);
  const guardMode: GuardMode = options.blockPrivate ? "private" : "metadata";
  const errorFactory =
    (secretList: string[]): ErrorFactory =>
    (detail, extra) =>
      new AdapterError(redactMessage(detail, secretList), {
        platform,
        ...(storeName !== undefined ? { storeName } : {}),
        ...extra,
        ...(extra.hint !== undefined ? { hint: redactMessage(extra.hint, secretList) } : {}),
      });

  function assertAllowedUrl(url: string, secretList: string[] = secrets, checkPrivate = true): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(msg("http.bad_address", { prefix, url: redactUrl(url, secretList) }), msg("http.bad_address_hint"));
    }
    if (parsed.protocol === "http:" && !options.allowInsecure && !isLoopbackHost(parsed.hostname)) {
      throw new UsageError(msg("http.insecure", { prefix, url: redactUrl(url, secretList) }), msg("http.insecure_hint"));
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new UsageError(msg("http.unsupported", { prefix, url: redactUrl(url, secretList) }), msg("http.unsupported_hint"));
    }
    if (checkPrivate) {
      try {
        assertPublicLiteral(parsed.hostname, guardMode);
      } catch (e) {
        throw privateRefusal(e as PrivateAddressError, secretList);
      }
    }
    return parsed;
  }

  function privateRefusal(e: { message: string }, secretList: string[]): UsageError {
    const never = /cloud metadata|link-local/.test(e.message);
    return new UsageError(
      msg("http.refused", { prefix, reason: redactText(e.message, secretList) }),
      msg(never ? "http.never_hint" : "http.private_hint"),
    );
  }

  // A private base address is refused when a request is made, so constructing an adapter never fails on it.
  assertAllowedUrl(options.baseURL, secrets, false);
  const baseOrigin = new URL(options.baseURL).origin;
  const maxRedirects = Math.max(0, options.followRedirects ?? 0);
  // Every connection made for a direct request goes through the guarded lookup (see guard.ts):
  // without blockPrivate it still refuses the metadata services, which are never allowed.
  const agents = guardedAgents(options.lookup, guardMode);

  const instanceConfig = (credentials: boolean): AxiosRequestConfig => ({
    baseURL: options.baseURL,
    ...(options.headers
      ? {
          headers: credentials
            ? { ...options.headers }
            : Object.fromEntries(Object.entries(options.headers).filter(([n]) => !SECRET_HEADER.test(n))),
        }
      : {}),
    ...(credentials && options.auth ? { auth: { ...options.auth } } : {}),
    responseType: "text",
    // Keep the raw text: we parse it ourselves so malformed JSON is reported, not silently returned as a string.
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    // Counted on the decompressed stream, which axios aborts at the limit (a gzip bomb too).
    maxContentLength: maxResponseBytes,
    proxy: false,
    // axios would carry custom credential headers (X-Shopify-Access-Token, ...) to wherever a redirect points:
    // redirects are followed (followRedirects) by request() below, which drops credentials across origins.
    maxRedirects: 0,
  });
  const instance: AxiosInstance = axios.create(instanceConfig(true));
  // For redirects to another origin: no auth, no credential headers.
  let bareInstance: AxiosInstance | undefined;

  async function attemptOnce(
    config: AxiosRequestConfig,
    timeoutMs: number,
    secretList: string[],
    through: AxiosInstance = instance,
  ): Promise<Attempt> {
    const started = Date.now();
    // axios's timeout is an idle timer on the socket; a server trickling its body would never trip it.
    const guard = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      guard.abort();
    }, timeoutMs);
    // A listener per attempt, removed after: AbortSignal.any on the run's long-lived signal would pile up.
    const onRunAbort = () => guard.abort();
    options.signal?.addEventListener("abort", onRunAbort, { once: true });
    try {
      const res = await through.request({ ...config, timeout: timeoutMs, signal: guard.signal });
      return {
        kind: "response",
        status: res.status,
        headers: plainHeaders(res.headers),
        text: typeof res.data === "string" ? res.data : res.data === undefined || res.data === null ? "" : String(res.data),
        elapsedMs: Date.now() - started,
      };
    } catch (error) {
      if (options.signal?.aborted) throw interruptionOf(options.signal);
      const { code, message } = networkCodeOf(error);
      const isTimeout = timedOut || code === "ECONNABORTED" || code === "ETIMEDOUT";
      return {
        kind: "network",
        code: isTimeout ? "ETIMEDOUT" : code,
        message: redactText(message, secretList),
        timedOut: isTimeout,
        elapsedMs: Date.now() - started,
      };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onRunAbort);
    }
  }

  function retryAfterDecision(ctx: RequestContext, status: number, headers: Record<string, string>, reason: string | Message): Decision {
    const adapterError = ctx.error;
    const waitMs = parseRetryAfter(headers["retry-after"]);
    const detail = withStatus(status, reason);
    const exhausted = (attempts: number) =>
      adapterError(afterAttempts(detail, attempts), { status, hint: hintForStatus(status, platform) });
    if (waitMs === undefined) return { kind: "retry", reason: detail, exhausted };
    if (waitMs > maxRetryAfterMs) {
      const at = new Date(Date.now() + waitMs).toISOString().replace(/\.\d{3}Z$/, "Z");
      return {
        kind: "fail",
        error: adapterError(msg("http.wait_too_long", { detail, wait: formatWait(waitMs) }), {
          status,
          code: "RETRY_LATER",
          hint: msg("http.hint.run_after", { at }),
        }),
      };
    }
    return { kind: "retry", waitMs, reason: detail, exhausted };
  }

  /** A 2xx that does not parse: an HTML page in the way, or JSON cut short or damaged on the way. */
  function malformedError(ctx: RequestContext, status: number, text: string, headers: Record<string, string>): AdapterError {
    const where = { method: ctx.req.method, path: ctx.path };
    const title = htmlPageTitle(text);
    if (title !== undefined) {
      const detail = title ? msg("faults.http.html_page_titled", { ...where, title }) : msg("faults.http.html_page", where);
      return ctx.error(detail, { status, code: "HTML_PAGE", hint: htmlHint(status, headers, title) });
    }
    return ctx.error(msg("http.malformed_json", where), {
      status,
      code: "MALFORMED_JSON",
      hint: looksLikeCutJson(text) ? msg("faults.http.json_cut_hint") : msg("http.hint.malformed_json"),
    });
  }

  /** The next step when a page answered instead of the API; undefined for statuses whose own hint fits (5xx). */
  function htmlHint(status: number, headers: Record<string, string>, title: string): Message | undefined {
    if (isFirewallPage(headers, title)) return msg("faults.http.challenge_hint", { platform });
    if (status < 300 || status === 401 || status === 403 || status === 404) return msg("faults.http.html_hint", { platform });
    return undefined;
  }

  function decide(ctx: RequestContext, attempt: Attempt): Decision {
    const { req, idempotent, path: pathForMessages, malformedRetried, timeoutMs, error: adapterError } = ctx;
    if (attempt.kind === "network") {
      const description = describeNetwork(attempt, timeoutMs);
      if (idempotent || NOT_SENT_CODES.has(attempt.code)) {
        const exhausted = (attempts: number) =>
          adapterError(msg("http.unreachable", { n: attempts, description }), {
            code: attempt.code,
            hint: networkHint(attempt, timeoutMs),
          });
        return { kind: "retry", reason: description, exhausted };
      }
      return {
        kind: "fail",
        error: adapterError(msg("http.not_retried", { method: req.method, path: pathForMessages, description }), {
          code: attempt.code,
          hint: msg("http.hint.check_applied"),
        }),
      };
    }

    const { status, headers, text } = attempt;
    const parsed = parseBody(text);
    const data = parsed.ok ? parsed.value : text;
    const classified: ClassifyResult = options.classify?.({ status, headers, data });
    if (classified?.action === "retry") {
      if (classified.waitMs !== undefined && classified.waitMs > maxRetryAfterMs) {
        return retryAfterDecision(ctx, status, { "retry-after": String(Math.ceil(classified.waitMs / 1000)) }, classified.reason);
      }
      const reason = withStatus(status, classified.reason);
      return {
        kind: "retry",
        ...(classified.waitMs !== undefined ? { waitMs: classified.waitMs } : {}),
        reason,
        exhausted: (attempts) => adapterError(afterAttempts(reason, attempts), { status, hint: hintForStatus(status, platform) }),
      };
    }
    if (classified?.action === "fail") {
      return {
        kind: "fail",
        error: adapterError(withStatus(status, classified.message), {
          status,
          ...(classified.code !== undefined ? { code: classified.code } : {}),
          hint: classified.hint ?? hintForStatus(status, platform),
        }),
      };
    }

    if (status >= 200 && status < 300) {
      if (!parsed.ok && req.responseType !== "text") {
        const malformed = malformedError(ctx, status, text, headers);
        if (idempotent && !malformedRetried)
          return { kind: "retry", reason: msg("http.malformed_reason"), malformed: true, exhausted: () => malformed };
        return { kind: "fail", error: malformed };
      }
      return { kind: "done", response: { status, headers, data: req.responseType === "text" ? text : data } };
    }

    const described = options.describeError?.(status, data);
    const page = described || parsed.ok ? undefined : htmlPageTitle(text);
    const message = described?.message ?? (page !== undefined ? htmlErrorMessage(page) : genericMessage(status, data));
    if (status === 429 || (status === 503 && (idempotent || headers["retry-after"] !== undefined))) {
      return retryAfterDecision(ctx, status, headers, message);
    }
    const hint = described?.hint ?? (page !== undefined ? htmlHint(status, headers, page) : undefined) ?? hintForStatus(status, platform);
    if (RETRYABLE_STATUS.has(status) && idempotent) {
      const reason = withStatus(status, message);
      return {
        kind: "retry",
        reason,
        exhausted: (attempts) => adapterError(afterAttempts(reason, attempts), { status, hint }),
      };
    }
    if (status >= 300 && status < 400) {
      const detail = headers.location
        ? msg("http.redirects_to", { status: String(status), url: redactUrl(headers.location, ctx.secrets) })
        : msg("http.redirects", { status: String(status) });
      return {
        kind: "fail",
        error: adapterError(detail, { status, hint: msg("http.hint.redirect") }),
      };
    }
    return { kind: "fail", error: adapterError(withStatus(status, message), { status, hint }) };
  }

  async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    stats.requests++;
    const idempotent = req.idempotent ?? !(req.method === "POST" || req.method === "PATCH");
    const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
    const config: AxiosRequestConfig = {
      method: req.method,
      url: req.url,
      ...(req.params ? { params: Object.fromEntries(Object.entries(req.params).filter(([, v]) => v !== undefined)) } : {}),
      ...(req.data !== undefined ? { data: req.data } : {}),
      ...(req.headers ? { headers: req.headers } : {}),
    };
    let fullUrl = instance.getUri(config);
    // Credentials written into the URL itself (a prices feed's ?api_key=...) are secrets too.
    const secretList = [...requestSecrets(secrets, req), ...secretParamValues(fullUrl)];
    const target = assertAllowedUrl(fullUrl, secretList);
    let through = instance;
    let loggedUrl = redactUrl(fullUrl, secretList);
    /** Where the next attempt goes: proxy or direct (through the guarded agents), checked for private addresses. */
    const route = async () => {
      const proxy = proxyFor(fullUrl, env);
      config.proxy = proxy ?? false;
      if (agents) {
        if (proxy) {
          // The proxy connects to the target, not us: check the name now (best effort), and connect to the proxy plainly.
          try {
            await assertPublicHost(new URL(fullUrl).hostname, options.lookup, guardMode);
          } catch (e) {
            if (e instanceof PrivateAddressError) throw privateRefusal(e, secretList);
            // An unresolvable name fails below as the network error it is.
          }
          delete config.httpAgent;
          delete config.httpsAgent;
        } else {
          config.httpAgent = agents.httpAgent;
          config.httpsAgent = agents.httpsAgent;
        }
      }
    };
    await route();
    let redirects = 0;
    const ctx: RequestContext = {
      req,
      idempotent,
      path: redactUrl(target.pathname, secretList),
      malformedRetried: false,
      timeoutMs,
      secrets: secretList,
      error: errorFactory(secretList),
    };

    const startedAt = Date.now();
    const deadline = startedAt + totalTimeoutMs;
    for (let attemptNo = 0; ; attemptNo++) {
      if (options.signal?.aborted) throw interruptionOf(options.signal);
      // No attempt may run past the request's total deadline.
      const attemptTimeoutMs = Math.max(1, Math.min(timeoutMs, deadline - Date.now()));
      const attempt = await limiter.run(() => attemptOnce(config, attemptTimeoutMs, secretList, through), options.signal);
      stats.attempts++;
      const outcome = attempt.kind === "response" ? String(attempt.status) : attempt.code;
      stats.byStatus[outcome] = (stats.byStatus[outcome] ?? 0) + 1;
      options.log?.debug(`${req.method} ${loggedUrl} -> ${outcome} in ${attempt.elapsedMs} ms`);
      if (attempt.kind === "network" && attempt.code === PRIVATE_ADDRESS_CODE) throw privateRefusal(attempt, secretList);
      if (attempt.kind === "network" && /maxContentLength/.test(attempt.message)) {
        // Not retried: the same server would send the same flood.
        throw ctx.error(msg("http.too_large", { mb: String(Math.round(maxResponseBytes / 1024 / 1024)) }), {
          code: "RESPONSE_TOO_LARGE",
          hint: msg("http.hint.too_large"),
        });
      }

      if (attempt.kind === "response" && REDIRECT_STATUS.has(attempt.status) && attempt.headers.location && redirects < maxRedirects) {
        redirects++;
        let next: URL;
        try {
          next = new URL(attempt.headers.location, fullUrl);
        } catch {
          throw ctx.error(msg("http.redirect_invalid", { status: String(attempt.status) }), { status: attempt.status });
        }
        assertAllowedUrl(next.href, secretList);
        fullUrl = next.href;
        loggedUrl = redactUrl(fullUrl, secretList);
        config.url = fullUrl;
        delete config.params;
        if (attempt.status === 303 || ((attempt.status === 301 || attempt.status === 302) && req.method === "POST")) {
          config.method = "GET";
          delete config.data;
        }
        if (next.origin !== baseOrigin) {
          bareInstance ??= axios.create(instanceConfig(false));
          through = bareInstance;
          if (config.headers) {
            config.headers = Object.fromEntries(
              Object.entries(config.headers as Record<string, string>).filter(([n]) => !SECRET_HEADER.test(n)),
            );
          }
        }
        await route();
        // A redirect is not a retry: the attempt budget stays as it was.
        attemptNo--;
        continue;
      }

      const decision = decide(ctx, attempt);
      if (decision.kind === "done") return decision.response as HttpResponse<T>;
      if (decision.kind === "fail") throw decision.error;

      if (decision.malformed) ctx.malformedRetried = true;
      if (attemptNo >= maxRetries) throw decision.exhausted(attemptNo + 1);
      const waitMs = decision.waitMs ?? fullJitterDelay(attemptNo, baseMs, capMs);
      if (Date.now() + waitMs >= deadline) throw deadlineError(ctx, decision, attemptNo + 1, startedAt);
      stats.retries++;
      options.log?.debug(
        `${req.method} ${loggedUrl}: ${redactText(english(decision.reason), secretList)}; retry ${attemptNo + 1} of ${maxRetries} in ${formatWait(waitMs)}`,
      );
      await abortableSleep(waitMs, options.signal);
    }
  }

  /** The total deadline reached (or a wait that would pass it): the last failure, the time spent and the setting. */
  function deadlineError(
    ctx: RequestContext,
    decision: Extract<Decision, { kind: "retry" }>,
    attempts: number,
    startedAt: number,
  ): AdapterError {
    const last = decision.exhausted(attempts);
    const seconds = String(Math.round((Date.now() - startedAt) / 100) / 10);
    return ctx.error(msg("faults.http.deadline", { seconds, n: attempts, detail: decision.reason }), {
      ...(last.status !== undefined ? { status: last.status } : {}),
      code: "DEADLINE",
      hint: msg("faults.http.deadline_hint", { ms: String(totalTimeoutMs) }),
    });
  }

  return {
    request,
    get: <T>(url: string, params?: HttpRequest["params"]) => request<T>({ method: "GET", url, ...(params ? { params } : {}) }),
    post: <T>(url: string, data: unknown, opts?: Partial<HttpRequest>) => request<T>({ ...opts, method: "POST", url, data }),
    sleep: (ms: number) => abortableSleep(ms, options.signal),
    stats,
  };
}
