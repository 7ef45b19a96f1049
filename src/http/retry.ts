/**
 * Retry timing: full-jitter exponential backoff, Retry-After parsing (delta-seconds or HTTP-date), and
 * sleeps that end early when the run is interrupted.
 */
import { InterruptedError, MerchopsError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";

/** delay = random(0, min(cap, base * 2^attempt)); attempt counts from 0 (the first retry). */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** Milliseconds to wait from a Retry-After header value, or undefined when absent or unreadable. Past dates wait 0. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // An HTTP-date always names a weekday and a GMT zone; anything else (e.g. "-5", "soon") is unreadable.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The error an aborted signal stands for: its reason when that is one of ours, else an InterruptedError. */
export function interruptionOf(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof MerchopsError) return reason;
  return new InterruptedError(msg("cli.interrupted"), msg("http.interrupted_hint"));
}

/** Resolves after `ms`, or rejects with the interruption as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(interruptionOf(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(interruptionOf(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
