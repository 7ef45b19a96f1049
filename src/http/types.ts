/**
 * The public types of the HTTP client every remote adapter uses (see src/http/index.ts). Kept apart from
 * the implementation so adapters can read the contract in one place.
 */

import type { Message } from "../core/i18n/index.js";

/** http is a leaf: it cannot import the adapters' Logger, so it names the two methods it needs. */
export interface HttpLogger {
  debug(message: string): void;
  warn(message: string): void;
}

/** Texts below are catalog messages (rendered in the run's language) or final texts such as the platform's own words. */
export type ClassifyResult =
  | { action: "retry"; waitMs?: number; reason: string | Message }
  | { action: "fail"; message: string | Message; hint?: string | Message; code?: string }
  | undefined;

export interface HttpClientOptions {
  /** Platform prefix for errors and logs: "shopify" -> messages start "[shopify] ". */
  platform: string;
  /** Store name for messages ("[shopify:main] ..."), optional. */
  storeName?: string;
  baseURL: string;
  headers?: Record<string, string>;
  /** HTTP basic auth (WooCommerce over https). */
  auth?: { username: string; password: string };
  /** Per-attempt timeout, default 30_000 ms. */
  timeoutMs?: number;
  /**
   * Total time one request may take, its attempts, backoff and Retry-After waits together, default
   * 300_000 ms: a server that never answers, or answers 503 for ever, cannot hold a cron job for hours.
   */
  totalTimeoutMs?: number;
  /** Largest response body read (after decompression), default 64 MB: a hostile server cannot fill memory. */
  maxResponseBytes?: number;
  /** Retries after the first attempt, default 5. */
  retries?: number;
  /** Full-jitter exponential backoff: delay = random(0, min(cap, base * 2^attempt)). Defaults 500 / 20_000 ms. */
  backoff?: { baseMs?: number; capMs?: number };
  /** Cap on a server's Retry-After wait, default 60_000 ms (longer -> give up with a RemoteError saying when to retry). */
  maxRetryAfterMs?: number;
  /**
   * Client-side pacing per client instance: at most `requestsPerSecond` starts per second, at most `concurrency` in flight.
   * `burst` (default 1) starts may go back to back before the pacing sets in.
   */
  rateLimit?: { requestsPerSecond?: number; concurrency?: number; burst?: number };
  /** The clock rateLimit paces by (default the wall clock; tests give a virtual one). */
  pacingClock?: import("./rate-limit.js").PacingClock;
  /** Values that must never appear in logs or errors (tokens, keys, secrets). Query params named like token/key/secret are masked too. */
  secrets?: string[];
  /** Request log under --verbose: one debug line per attempt: "GET https://host/path?access_token=*** -> 200 in 123 ms" (redacted). */
  log?: HttpLogger;
  /** Aborts requests in flight and backoff sleeps (Ctrl-C). Abort -> throws the signal's reason (an InterruptedError) or an InterruptedError. */
  signal?: AbortSignal;
  /** http:// is refused unless the host is loopback (127.0.0.0/8, ::1, localhost) or allowInsecure is true. */
  allowInsecure?: boolean;
  /**
   * Reads the platform's own error out of a response body (JSON already parsed, or a string) for the error
   * message: e.g. Woo {code,message,data:{status}}, Shopify {errors:"..."}. Return undefined to use a generic text.
   */
  describeError?(status: number, body: unknown): { message: string | Message; hint?: string | Message } | undefined;
  /**
   * Decides retryability beyond the defaults, and can flag errors hidden in a 2xx body (Shopify THROTTLED,
   * Youzan gw_err_resp). Return "retry" (optionally with waitMs), "fail" (with message/hint), or undefined
   * for the default rules.
   */
  classify?(res: { status: number; headers: Record<string, string>; data: unknown }): ClassifyResult;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured from process.env by default; tests may pass env explicitly. */
  env?: NodeJS.ProcessEnv;
  /**
   * Refuse to connect to private, loopback, link-local, CGNAT, unique-local and cloud-metadata addresses
   * (see guard.ts): checked when connecting (DNS rebinding cannot slip through) and on every redirect.
   * A refusal is a UsageError naming `--allow-private`. Default false.
   */
  blockPrivate?: boolean;
  /**
   * Redirects to follow (GET/HEAD semantics for 303), default 0: a 3xx is then reported with its target.
   * A redirect to another origin carries no credentials (auth, credential-named headers).
   */
  followRedirects?: number;
  /** Resolver used by blockPrivate (tests point a name at a private address); default dns.lookup. */
  lookup?: typeof import("node:dns").lookup;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path relative to baseURL, or absolute URL (same rules for http://). */
  url: string;
  params?: Record<string, string | number | boolean | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
  /**
   * Safe to repeat? Default: true for GET/PUT/DELETE, false for POST/PATCH. A non-idempotent request is
   * retried ONLY when it certainly did not reach the server (connection refused / DNS failure) or the
   * server said so (429, 503) — never after a timeout or a dropped connection.
   */
  idempotent?: boolean;
  /** Override the per-attempt timeout for this call. */
  timeoutMs?: number;
  /** "json" (default): a 2xx body must be JSON (empty -> undefined). "text": data is the raw body string. */
  responseType?: "json" | "text";
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

export interface HttpStats {
  requests: number;
  attempts: number;
  retries: number;
  byStatus: Record<string, number>;
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  get<T = unknown>(url: string, params?: HttpRequest["params"]): Promise<HttpResponse<T>>;
  post<T = unknown>(url: string, data: unknown, opts?: Partial<HttpRequest>): Promise<HttpResponse<T>>;
  /** Waits (abortably) — adapters use it for their own pacing (e.g. Shopify's cost bucket). */
  sleep(ms: number): Promise<void>;
  /** Counters for tests and bench: requests (calls), attempts, retries, attempts by status ("200", "429", "network"). */
  readonly stats: HttpStats;
}
