/**
 * A virtual clock for client-side pacing (src/http/rate-limit.ts PacingClock) shared with a fake
 * server, so a rate budget is checked by counting starts, not by how fast the machine runs.
 *
 * Time moves only when a pacing sleep ends. Sleepers wake one at a time, earliest first, and the
 * next wakes only once the fake has seen the woken one's request arrive (`arrived()`): the fake's
 * arrival stamp is then exactly the start the limiter scheduled, whatever the load. No real time
 * passes in a sleep. Every start goes through `sleep` (the limiter sleeps 0 ms when a token is
 * free), so this relay holds for every request the limiter lets through.
 */
import type { PacingClock } from "../../src/http/rate-limit.js";

export interface VirtualClock extends PacingClock {
  /** The fake calls this as each request arrives: the next sleeper may wake. */
  arrived(): void;
  /** Sleeps ended so far (each one a request start). */
  readonly starts: number;
}

export function virtualClock(startMs = Date.UTC(2026, 0, 1)): VirtualClock {
  let t = startMs;
  let starts = 0;
  let awaitingArrival = false;
  let seq = 0;
  const sleepers: { at: number; seq: number; wake: () => void }[] = [];

  function pump(): void {
    if (awaitingArrival || sleepers.length === 0) return;
    sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = sleepers.shift() as (typeof sleepers)[number];
    t = Math.max(t, next.at);
    starts++;
    awaitingArrival = true;
    next.wake();
  }

  return {
    now: () => t,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        sleepers.push({ at: t + Math.max(0, ms), seq: seq++, wake: resolve });
        // After the current turn: every caller that reserves in this turn is queued before one wakes.
        setImmediate(pump);
      });
    },
    arrived() {
      awaitingArrival = false;
      setImmediate(pump);
    },
    get starts() {
      return starts;
    },
  };
}

export interface SteppedClock extends PacingClock {
  /** Times the clock moved forward (each to the earliest sleeper's wake time). */
  readonly advances: number;
}

/**
 * A virtual clock for pacing that waits on a server's own budget (AfterShip's X-RateLimit windows):
 * time stands still while any call is in flight (`busy`), and when none is, it jumps to the earliest
 * sleeper's wake time and wakes every sleeper due then. A call therefore reaches the fake at the
 * very instant the client let it go, whatever the machine's load; only the test's duration depends
 * on speed. A sleep aborted by its caller (woken by something else first) is forgotten.
 */
export function steppedClock(busy: () => boolean, startMs = Date.UTC(2026, 0, 1)): SteppedClock {
  let t = startMs;
  let advances = 0;
  let scheduled = false;
  const sleepers = new Set<{ at: number; wake: () => void }>();

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  }

  function pump(): void {
    scheduled = false;
    if (sleepers.size === 0) return;
    // Calls in flight are answered in real time; look again once they may have ended.
    if (busy()) {
      setTimeout(schedule, 1);
      return;
    }
    const at = Math.min(...[...sleepers].map((s) => s.at));
    if (at > t) {
      t = at;
      advances++;
    }
    for (const s of [...sleepers]) {
      if (s.at > t) continue;
      sleepers.delete(s);
      s.wake();
    }
  }

  return {
    now: () => t,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const sleeper = { at: t + Math.max(0, ms), wake: resolve };
        sleepers.add(sleeper);
        signal?.addEventListener(
          "abort",
          () => {
            sleepers.delete(sleeper);
            reject(signal.reason);
          },
          { once: true },
        );
        schedule();
      });
    },
    get advances() {
      return advances;
    },
  };
}
