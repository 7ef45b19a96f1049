/**
 * src/http: the one HTTP client factory of merchops (axios underneath). Remote adapters import from here
 * only: createHttpClient for requests with retries, pacing, proxy and redaction; AdapterError for failures.
 */
export { htmlPageTitle } from "./answers.js";
export { createHttpClient } from "./client.js";
export { AdapterError, type AdapterErrorOptions, hintForStatus, platformPrefix } from "./errors.js";
export { isLoopbackHost, type ProxyConfig, proxyFor } from "./proxy.js";
export { createLimiter, type Limiter, type LimiterOptions, type PacingClock } from "./rate-limit.js";
export { isSecretParamName, MASK, redactMessage, redactText, redactUrl } from "./redact.js";
export { abortableSleep, fullJitterDelay, interruptionOf, parseRetryAfter } from "./retry.js";
export type { ClassifyResult, HttpClient, HttpClientOptions, HttpLogger, HttpRequest, HttpResponse, HttpStats } from "./types.js";
