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
