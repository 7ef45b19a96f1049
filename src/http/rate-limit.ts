/**
 * Client-side pacing: a token bucket for request starts per second and a semaphore for requests in
 * flight. Small on purpose (see reliability.md §4.2 for why not Bottleneck or p-queue). FIFO: each
 * caller reserves its start time when it asks, so nobody starves.
 */
import { abortableSleep, interruptionOf } from "./retry.js";

export interface LimiterOptions {
  /** Starts per second (may be fractional); undefined = unlimited. */
  requestsPerSecond?: number;
  /** Requests in flight at once; undefined = unlimited. */
  concurrency?: number;
  /** Starts allowed back to back before pacing sets in, default 1 (evenly spaced starts). */
  burst?: number;
}

/**
 * The time the limiter paces by. The default is the wall clock; a test gives a virtual one so a
 * rate budget is checked by counting starts, not by how fast the machine is.
 */
export interface PacingClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const WALL_CLOCK: PacingClock = { now: () => Date.now(), sleep: abortableSleep };

export interface Limiter {
  /** Runs `task` once a start token and a concurrency slot are free; the slot is held until the task settles. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly inFlight: number;
  readonly waiting: number;
}

export function createLimiter(options: LimiterOptions = {}, clock: PacingClock = WALL_CLOCK): Limiter {
  const now = () => clock.now();
  const rate = options.requestsPerSecond !== undefined && options.requestsPerSecond > 0 ? options.requestsPerSecond : undefined;
  const capacity = Math.max(1, options.burst ?? 1);
  const maxInFlight =
    options.concurrency !== undefined && options.concurrency > 0 ? Math.floor(options.concurrency) : Number.POSITIVE_INFINITY;

  let tokens = capacity;
  let refilledAt = now();
  let inFlight = 0;
  const queue: Array<() => void> = [];

  /** Takes a token (possibly going into debt) and returns how long to wait for it. */
  function reserveStart(): number {
    if (rate === undefined) return 0;
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - refilledAt) * rate) / 1000);
    refilledAt = t;
    tokens -= 1;
    return tokens >= 0 ? 0 : Math.ceil((-tokens * 1000) / rate);
  }

  function acquireSlot(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(interruptionOf(signal));
    if (inFlight < maxInFlight) {
      inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        inFlight++;
        resolve();
      };
      const onAbort = () => {
        const i = queue.indexOf(grant);
        if (i >= 0) queue.splice(i, 1);
        reject(interruptionOf(signal as AbortSignal));
      };
      queue.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function releaseSlot(): void {
    inFlight--;
    const next = queue.shift();
    if (next) next();
  }

  return {
    async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      await acquireSlot(signal);
      try {
        await clock.sleep(reserveStart(), signal);
        return await task();
      } finally {
        releaseSlot();
      }
    },
    get inFlight() {
      return inFlight;
    },
    get waiting() {
      return queue.length;
    },
  };
}
