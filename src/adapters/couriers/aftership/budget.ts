/**
 * Pacing by the server's own X-RateLimit budget: AfterShip counts calls per endpoint in fixed
 * windows and says after every call how many are left and when the window resets. The gate lets
 * calls through while the budget lasts (counting the ones still in flight, which the last answer
 * could not see yet) and holds the rest until the reset, so a run spends each window's budget and
 * never asks for a 429. Before the first answer nothing is known and calls go through. The gate also
 * caps calls in flight: a permit must be spent at once, since one that queued for a connection
 * slot elsewhere could be sent after the reset and eat into the next window.
 */
import { interruptionOf, type PacingClock } from "../../../http/index.js";
import { abortableSleep } from "../../../http/retry.js";

/** The wall clock; tests give a virtual one (a window then resets when the test's clock says so). */
const WALL_CLOCK: PacingClock = { now: () => Date.now(), sleep: abortableSleep };

/** Waiting a hair past the reset keeps a call from landing in the window that is just closing. */
const RESET_MARGIN_MS = 2;
/** A reset further away than this is clock skew or a daily quota, not pacing: wait in slices and re-check. */
const MAX_SINGLE_WAIT_MS = 60_000;

export interface WindowBudget {
  /** Resolves when a call may start; every acquire must be followed by one release. */
  acquire(signal?: AbortSignal): Promise<void>;
  release(): void;
  /** Feeds an answer's X-RateLimit values (resetAt in ms since the epoch). */
  observe(limit: number, remaining: number, resetAt: number): void;
  /** A 429: nothing left until resetAt (or for a moment when the server did not say). */
  exhausted(resetAt?: number): void;
  /** Calls that waited for a reset, for tests and bench. */
  readonly waits: number;
  /** Calls acquired and not yet released. */
  readonly inFlight: number;
}

export function createWindowBudget(maxInFlight = 8, clock: PacingClock | undefined = WALL_CLOCK): WindowBudget {
  const pace = clock ?? WALL_CLOCK;
  const now = () => pace.now();
  let limit: number | undefined;
  let remaining: number | undefined;
  let resetAt: number | undefined;
  let inFlight = 0;
  let waits = 0;
  const wakers = new Set<() => void>();

  function wakeAll(): void {
    for (const wake of [...wakers]) wake();
  }

  /** Sleeps until `ms` pass on the clock or something changes (a call ends, an answer arrives). */
  function nap(ms: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(interruptionOf(signal));
        return;
      }
      // Ends the clock's sleep when a change wakes us first, so a virtual clock forgets the sleeper.
      const stopSleep = new AbortController();
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        wakers.delete(done);
        stopSleep.abort();
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        done();
        reject(interruptionOf(signal as AbortSignal));
      };
      if (ms !== undefined) pace.sleep(Math.max(1, ms), stopSleep.signal).then(done, () => {});
      wakers.add(done);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function rollOver(t: number): void {
    if (resetAt !== undefined && t >= resetAt) {
      remaining = limit;
      resetAt = undefined;
    }
  }

  return {
    async acquire(signal) {
      let waited = false;
      for (;;) {
        const t = now();
        rollOver(t);
        // Spent, every answer in, and none spoke of a window still open (they came after it closed): nothing will
        // tell more, so the budget is unknown again rather than zero forever.
        if (remaining !== undefined && remaining <= 0 && resetAt === undefined && inFlight === 0) remaining = undefined;
        const spent = remaining !== undefined && remaining <= 0;
        if (!spent && inFlight < maxInFlight) {
          if (remaining !== undefined) remaining--;
          inFlight++;
          if (waited) waits++;
          return;
        }
        if (spent) waited = true;
        // Spent with no reset known yet: the answers in flight will tell, or look again shortly.
        const untilReset = !spent ? undefined : resetAt === undefined ? 5 : Math.min(MAX_SINGLE_WAIT_MS, resetAt - t + RESET_MARGIN_MS);
        await nap(untilReset, signal);
      }
    },
    release() {
      inFlight = Math.max(0, inFlight - 1);
      wakeAll();
    },
    observe(newLimit, newRemaining, newResetAt) {
      limit = newLimit;
      // The server has not seen the other calls in flight yet; this call itself is still counted in inFlight.
      const usable = newRemaining - Math.max(0, inFlight - 1);
      if (resetAt === undefined || newResetAt > resetAt) {
        if (newResetAt <= now()) return; // an answer from a window that is already over
        resetAt = newResetAt;
        remaining = usable;
      } else if (newResetAt === resetAt) {
        remaining = Math.min(remaining ?? usable, usable);
      }
    },
    exhausted(newResetAt) {
      remaining = 0;
      const t = now();
      resetAt = newResetAt !== undefined && newResetAt > t ? newResetAt : t + 50;
    },
    get waits() {
      return waits;
    },
    get inFlight() {
      return inFlight;
    },
  };
}
