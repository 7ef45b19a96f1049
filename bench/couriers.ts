/**
 * Courier pacing bench: N open shipments tracked through the seventeen-track and aftership adapters
 * against their fakes, with each fake's documented limit kept in shape but its window shrunk so a
 * 10,000-shipment run takes seconds, not hours (17TRACK: 3 calls per window, sliding; AfterShip: 20
 * creates and 6 reads per fixed window). Two passes per provider: the first sync (every number new:
 * 17TRACK registers and reads, AfterShip lists and creates) and a resync of the same numbers (reads
 * only). The bound is the least time the limit allows for the fewest calls that pass can make:
 *   17TRACK  (calls - 3) / 3 windows, calls = register + read per 40 numbers (resync: read only);
 *   AfterShip the busier endpoint's (calls - 1) / limit whole windows, creates one per number.
 * Each line reports wall time, the bound, their ratio (the issue wants <= 1.2), calls made, the
 * most numbers in one call, and 429s. Run alone: `npx tsx bench/couriers.ts 2000`.
 */
import type { TrackingRequest } from "../src/adapters/courier.js";
import aftership, { createAfterShip } from "../src/adapters/couriers/aftership/index.js";
import seventeenTrack from "../src/adapters/couriers/seventeen-track/index.js";
import { type Bucket, startFakeAfterShip } from "../test/fakes/aftership.js";
import { startFakeSeventeenTrack } from "../test/fakes/seventeen-track.js";
import { quietContext, runAlone } from "./lib/harness.js";

const SEVENTEEN_WINDOW_MS = 150;
const SEVENTEEN_CALLS_PER_WINDOW = 3;
const AFTERSHIP_WINDOW_MS = 80;

export interface PassFigures {
  pass: "first-sync" | "resync";
  seconds: number;
  boundSeconds: number;
  /** seconds / boundSeconds. */
  ratio: number;
  calls: Record<string, number>;
  maxNumbersPerCall: number;
  rateLimited: number;
  errors: number;
}

export interface CourierBenchResult {
  shipments: number;
  providers: Record<"seventeen-track" | "aftership", { limit: string; passes: PassFigures[] }>;
}

/** Tracking numbers the fakes know, a third with their courier given (as a warehouse sheet would). */
function shipments(n: number, prefix: string, courier: string): TrackingRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    trackingNumber: `${prefix}${String(i).padStart(13, "0")}`,
    ...(i % 3 === 0 ? { courier } : {}),
  }));
}

/** The sync service's way: one maxBatch after another; returns seconds and how many numbers came back with an error. */
async function trackAll(track: (batch: TrackingRequest[]) => Promise<{ error?: unknown }[]>, all: TrackingRequest[], maxBatch: number) {
  const started = performance.now();
  let errors = 0;
  for (let i = 0; i < all.length; i += maxBatch) {
    for (const r of await track(all.slice(i, i + maxBatch))) if (r.error !== undefined) errors++;
  }
  return { seconds: (performance.now() - started) / 1000, errors };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function benchSeventeenTrack(n: number): Promise<{ limit: string; passes: PassFigures[] }> {
  const fake = await startFakeSeventeenTrack({ rateLimit: { requests: SEVENTEEN_CALLS_PER_WINDOW, windowMs: SEVENTEEN_WINDOW_MS } });
  try {
    const adapter = await seventeenTrack.create(
      seventeenTrack.configSchema.parse({
        token: fake.token,
        baseUrl: fake.apiBase,
        requestsPerSecond: (SEVENTEEN_CALLS_PER_WINDOW * 1000) / SEVENTEEN_WINDOW_MS,
      }),
      quietContext(),
    );
    const all = shipments(n, "SF", "sf");
    const chunks = Math.ceil(n / seventeenTrack.maxBatch);
    const passes: PassFigures[] = [];
    for (const pass of ["first-sync", "resync"] as const) {
      const before = { ...fake.stats.calls, rateLimited: fake.stats.rateLimited };
      const { seconds, errors } = await trackAll((b) => adapter.track(b), all, seventeenTrack.maxBatch);
      const minCalls = pass === "first-sync" ? 2 * chunks : chunks;
      const boundSeconds = (Math.max(0, minCalls - SEVENTEEN_CALLS_PER_WINDOW) / SEVENTEEN_CALLS_PER_WINDOW) * (SEVENTEEN_WINDOW_MS / 1000);
      passes.push({
        pass,
        seconds: round(seconds),
        boundSeconds: round(boundSeconds),
        ratio: round(seconds / boundSeconds),
        calls: { register: fake.stats.calls.register - before.register, gettrackinfo: fake.stats.calls.gettrackinfo - before.gettrackinfo },
        maxNumbersPerCall: fake.stats.maxNumbersPerCall,
        rateLimited: fake.stats.rateLimited - before.rateLimited,
        errors,
      });
    }
    return {
      limit: `${SEVENTEEN_CALLS_PER_WINDOW} calls per ${SEVENTEEN_WINDOW_MS} ms sliding (17TRACK: 3 per second), 40 numbers a call`,
      passes,
    };
  } finally {
    await fake.close();
  }
}

async function benchAfterShip(n: number): Promise<{ limit: string; passes: PassFigures[] }> {
  const fake = await startFakeAfterShip({ windowMs: AFTERSHIP_WINDOW_MS });
  try {
    const adapter = createAfterShip(aftership.configSchema.parse({ apiKey: fake.apiKey, baseUrl: fake.apiBase }), quietContext());
    const all = shipments(n, "SF", "sf");
    const lists = Math.ceil(n / aftership.maxBatch);
    const buckets: Bucket[] = ["POST /trackings", "GET /trackings"];
    const passes: PassFigures[] = [];
    for (const pass of ["first-sync", "resync"] as const) {
      const before = Object.fromEntries(buckets.map((b) => [b, { calls: fake.stats.calls[b], limited: fake.stats.rateLimited[b] }]));
      const { seconds, errors } = await trackAll((b) => adapter.track(b), all, aftership.maxBatch);
      const windows = (calls: number, limit: number) => Math.floor(Math.max(0, calls - 1) / limit);
      const boundWindows = Math.max(
        pass === "first-sync" ? windows(n, fake.limits["POST /trackings"]) : 0,
        windows(lists, fake.limits["GET /trackings"]),
      );
      const boundSeconds = (boundWindows * AFTERSHIP_WINDOW_MS) / 1000;
      const calls = Object.fromEntries(buckets.map((b) => [b, fake.stats.calls[b] - (before[b]?.calls ?? 0)]));
      passes.push({
        pass,
        seconds: round(seconds),
        boundSeconds: round(boundSeconds),
        ratio: round(seconds / boundSeconds),
        calls,
        maxNumbersPerCall: fake.stats.maxNumbersPerList,
        rateLimited: buckets.reduce((sum, b) => sum + fake.stats.rateLimited[b] - (before[b]?.limited ?? 0), 0),
        errors,
      });
    }
    return {
      limit: `per ${AFTERSHIP_WINDOW_MS} ms fixed window: ${fake.limits["POST /trackings"]} creates, ${fake.limits["GET /trackings"]} reads (AfterShip: per second), 50 numbers a read`,
      passes,
    };
  } finally {
    await fake.close();
  }
}

export async function runCourierBench(opts: { shipments: number }): Promise<CourierBenchResult> {
  const n = opts.shipments;
  return {
    shipments: n,
    providers: { "seventeen-track": await benchSeventeenTrack(n), aftership: await benchAfterShip(n) },
  };
}

if (runAlone(import.meta.url)) {
  const n = Number(process.argv[2] ?? 10_000);
  if (!Number.isInteger(n) || n < 1) throw new Error("usage: npx tsx bench/couriers.ts [shipments]");
  const result = await runCourierBench({ shipments: n });
  for (const [provider, figures] of Object.entries(result.providers)) {
    for (const pass of figures.passes) {
      process.stdout.write(`${JSON.stringify({ figure: "courier_pacing", provider, shipments: n, limit: figures.limit, ...pass })}\n`);
    }
  }
}
