/**
 * The aftership adapter against the fake AfterShip Tracking API: the courier contract; every tag
 * and subtag mapped (§6.2); list-then-create (one read for up to 50 numbers, one create per new
 * number, "already exists" read back); per-number refusals (4005, 4010, 4012); 1,000 numbers kept
 * within every endpoint's X-RateLimit budget; 429 with Retry-After or Reset; a bad key, 5xx and
 * broken JSON; courier detection; the webhook HMAC; the key never in an error or a log line.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { ShipmentStatus, TrackingRequest } from "../../src/adapters/courier.js";
import aftership, {
  type AfterShipAdapter,
  type AfterShipConfig,
  createAfterShip,
  createWindowBudget,
  verifyWebhookHmac,
} from "../../src/adapters/couriers/aftership/index.js";
import type { AdapterContext } from "../../src/adapters/platform.js";
import { AdapterError, type PacingClock } from "../../src/http/index.js";
import { courierContract } from "../contract/courier-contract.js";
import { type Bucket, type FakeAfterShip, type FakeAfterShipOptions, SUBTAGS, startFakeAfterShip } from "../fakes/aftership.js";
import { englishOf } from "../helpers/english.js";
import { type SteppedClock, steppedClock } from "../helpers/virtual-clock.js";

const logLines: string[] = [];
const errorTexts: string[] = [];
const keys = new Set<string>();
const fakes: FakeAfterShip[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  for (const key of keys) for (const line of [...logLines, ...errorTexts]) expect(line).not.toContain(key);
});

function context(pacingClock?: PacingClock): AdapterContext {
  const push = (m: string) => logLines.push(m);
  return {
    ...(pacingClock ? { network: { pacingClock } } : {}),
    storeName: "test",
    baseDir: process.cwd(),
    timezone: "UTC",
    currency: "USD",
    now: () => new Date("2026-03-05T00:00:00Z"),
    log: { info: push, warn: push, debug: push },
    state: async () => {
      throw new Error("the aftership adapter does not need the state store");
    },
    readOptions: {},
  };
}

async function fake(opts: FakeAfterShipOptions = {}): Promise<FakeAfterShip> {
  const f = await startFakeAfterShip({ windowMs: 100, ...opts });
  fakes.push(f);
  keys.add(f.apiKey);
  return f;
}

function adapter(f: FakeAfterShip, over: Partial<AfterShipConfig> = {}, pacingClock?: PacingClock): AfterShipAdapter {
  const config = aftership.configSchema.parse({
    apiKey: f.apiKey,
    baseUrl: f.apiBase,
    http: { timeoutMs: 2000, retries: 8, backoffBaseMs: 10, backoffCapMs: 200 },
    ...over,
  });
  return createAfterShip(config, context(pacingClock));
}

/**
 * A fake and adapters on one virtual clock that stands still while any of them has a call in flight:
 * every call reaches the fake in the window the client sent it in, so the budget is checked by
 * counting, whatever the machine's load.
 */
async function onVirtualTime(
  opts: FakeAfterShipOptions,
  clients = 1,
): Promise<{ f: FakeAfterShip; as: AfterShipAdapter[]; clock: SteppedClock }> {
  const as: AfterShipAdapter[] = [];
  const clock = steppedClock(() => as.some((a) => Object.values(a.pacing).some((p) => p.inFlight > 0)));
  const f = await fake({ ...opts, clock });
  for (let i = 0; i < clients; i++) as.push(adapter(f, {}, clock));
  return { f, as, clock };
}

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterError);
    const err = e as AdapterError;
    errorTexts.push(err.message, String(err.hint), String(err.stack), JSON.stringify(err));
    return err;
  }
  throw new Error("expected a failure");
}

const numbers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(13, "0")}`);
const BUCKETS: Bucket[] = ["POST /trackings", "GET /trackings", "GET /trackings/:id", "POST /couriers/detect"];

courierContract("aftership", async () => {
  const f = await fake();
  return {
    definition: aftership,
    adapter: adapter(f),
    known: { trackingNumber: "SF1385628716739", courier: "sf" },
    unknown: { trackingNumber: "ZZ000000000ZZ" },
  };
});

/** §6.2 written out independently of the adapter: AfterShip subtag -> our status. */
function expected(subtag: string): ShipmentStatus {
  if (subtag === "Exception_010") return "returning";
  if (subtag === "Exception_011") return "returned";
  if (subtag === "Exception_004") return "in_transit"; // customs hold: transit in our model
  const byTag: Record<string, ShipmentStatus> = {
    Pending: "pending",
    InfoReceived: "info_received",
    InTransit: "in_transit",
    OutForDelivery: "out_for_delivery",
    AvailableForPickup: "available_for_pickup",
    AttemptFail: "failed_attempt",
    Delivered: "delivered",
    Exception: "exception",
    Expired: "expired",
  };
  return byTag[subtag.split("_")[0] as string] as ShipmentStatus;
}

describe("aftership: status mapping", () => {
  it("maps every tag and subtag, keeps the raw subtag on the events, oldest first", async () => {
    const seeds = Object.fromEntries(SUBTAGS.map((subtag, i) => [`SF${String(i).padStart(13, "0")}`, { subtag }]));
    const f = await fake({ seeds });
    const batch: TrackingRequest[] = Object.keys(seeds).map((trackingNumber) => ({ trackingNumber }));
    const results = await adapter(f).track(batch);
    for (const [i, subtag] of SUBTAGS.entries()) {
      const r = results[i];
      expect(r?.trackingNumber).toBe(batch[i]?.trackingNumber);
      expect(r?.status, subtag).toBe(expected(subtag));
      expect(r?.error).toBeUndefined();
      expect(r?.courier).toBe("sf");
      if (subtag.startsWith("Pending")) {
        expect(r?.events).toEqual([]);
        continue;
      }
      expect(r?.events[0]?.status).toBe("info_received");
      expect(r?.events.at(-1)?.rawStatus).toBe(subtag);
      expect(r?.events.at(-1)?.status).toBe(expected(subtag));
    }
  });

  it("reads checkpoint times with and without an offset", async () => {
    const cp = (time: string, subtag: string, message: string) => ({
      checkpoint_time: time,
      created_at: "2026-03-03T00:00:00+00:00",
      slug: "sf-express",
      message,
      location: null,
      city: "Shenzhen",
      country_region: "CHN",
      tag: subtag.split("_")[0] as string,
      subtag,
      subtag_message: subtag,
      raw_tag: null,
    });
    const f = await fake({
      seeds: {
        SF3182998070266: {
          subtag: "Delivered_001",
          checkpoints: [cp("2026-03-01T09:00:00+08:00", "InTransit_002", "已揽收"), cp("2026-03-02T10:30:00", "Delivered_001", "已签收")],
        },
      },
    });
    const [r] = await adapter(f).track([{ trackingNumber: "SF3182998070266", courier: "sf" }]);
    expect(r?.events.map((e) => [e.at.toISOString(), e.description, e.location, e.status])).toEqual([
      ["2026-03-01T01:00:00.000Z", "已揽收", "Shenzhen, CHN", "in_transit"],
      ["2026-03-02T10:30:00.000Z", "已签收", "Shenzhen, CHN", "delivered"],
    ]);
  });
});

describe("aftership: list, then create", () => {
  it("reads 50 numbers in one call, creates only the new ones, and a second pass only reads", async () => {
    const existing = Object.fromEntries(numbers("SF", 10).map((n) => [n, { subtag: "InTransit_001" }]));
    const f = await fake({ existing });
    const a = adapter(f);
    const batch = [...numbers("SF", 50)].map((n) => ({ trackingNumber: n, courier: "sf" }));
    const results = await a.track(batch);
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(f.stats.calls["GET /trackings"]).toBe(1);
    expect(f.stats.calls["POST /trackings"]).toBe(40);
    expect(f.stats.maxNumbersPerList).toBe(50);
    expect(results.slice(0, 10).every((r) => r.status === "in_transit")).toBe(true);
    await a.track(batch);
    expect(f.stats.calls["GET /trackings"]).toBe(2);
    expect(f.stats.calls["POST /trackings"]).toBe(40);
    expect([...f.stats.createdByNumber.values()].every((n) => n === 1)).toBe(true);
  });

  it("reads a tracking back when creating it says it already exists (search index lag)", async () => {
    const f = await fake({ existing: { SF1385628716739: { subtag: "OutForDelivery_001" } }, unindexed: ["SF1385628716739"] });
    const [r] = await adapter(f).track([{ trackingNumber: "SF1385628716739", courier: "sf" }]);
    expect(f.stats.alreadyExists).toBe(1);
    expect(f.stats.calls["GET /trackings"]).toBe(2);
    expect(r?.error).toBeUndefined();
    expect(r?.status).toBe("out_for_delivery");
  });

  it("puts AfterShip's refusals on their own numbers, in order", async () => {
    const f = await fake();
    const a = adapter(f, { slugs: { jd: "no-such-slug" } });
    const batch: TrackingRequest[] = [
      { trackingNumber: "SF1385628716739", courier: "sf" },
      { trackingNumber: "ZZ000000000ZZ" },
      { trackingNumber: "AB!" },
      { trackingNumber: "JDX024407261700", courier: "jd" },
      { trackingNumber: " " },
    ];
    const results = await a.track(batch);
    expect(results.map((r) => r.trackingNumber)).toEqual(batch.map((b) => b.trackingNumber));
    expect(results[0]?.error).toBeUndefined();
    expect(englishOf(results[1]?.error)).toMatch(/Cannot detect courier.*4012/);
    expect(englishOf(results[2]?.error)).toMatch(/tracking_number` is invalid.*4005/);
    expect(englishOf(results[3]?.error)).toMatch(/slug` is invalid.*4010/);
    expect(englishOf(results[4]?.error)).toBe("empty tracking number");
  });
});

describe("aftership: rate limits", () => {
  it("keeps 1,000 numbers within every endpoint's budget per window", async () => {
    const { f, as, clock } = await onVirtualTime({ windowMs: 100 });
    const a = as[0] as AfterShipAdapter;
    const batch = numbers("SF", 1000).map((n) => ({ trackingNumber: n }));
    const results: unknown[] = [];
    for (let i = 0; i < batch.length; i += 50) results.push(...(await a.track(batch.slice(i, i + 50))));
    expect(results).toHaveLength(1000);
    expect(f.stats.calls["POST /trackings"]).toBe(1000);
    expect(f.stats.calls["GET /trackings"]).toBe(20);
    // Counted, not raced: no call over any window's budget, none refused.
    for (const b of BUCKETS) expect(f.stats.rateLimited[b], b).toBe(0);
    for (const b of BUCKETS) expect(f.stats.maxArrivalsPerWindow[b], b).toBeLessThanOrEqual(f.limits[b]);
    // The budget, not luck, kept it there: creates waited for resets, and 1,000 creates took their windows.
    expect(a.pacing.create.waits).toBeGreaterThan(0);
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(Math.floor(1000 / f.limits["POST /trackings"] - 1) * 100);
  }, 300_000);

  it("waits for the reset after a 429 when another client shares the key", async () => {
    const { f, as } = await onVirtualTime({ windowMs: 100, limits: { "POST /trackings": 5 } }, 2);
    const [one, two] = as as [AfterShipAdapter, AfterShipAdapter];
    const [r1, r2] = await Promise.all([
      one.track(numbers("SF", 40).map((n) => ({ trackingNumber: n }))),
      two.track(numbers("YT", 40).map((n) => ({ trackingNumber: n }))),
    ]);
    expect([...r1, ...r2].filter((r) => r.error)).toEqual([]);
    expect(f.stats.rateLimited["POST /trackings"]).toBeGreaterThan(0);
  }, 300_000);

  it("honours Retry-After on a 429", async () => {
    const { f, as, clock } = await onVirtualTime({ windowMs: 1000, limits: { "POST /trackings": 2 }, retryAfter: true }, 2);
    const [one, two] = as as [AfterShipAdapter, AfterShipAdapter];
    const [r1, r2] = await Promise.all([
      one.track(numbers("SF", 2).map((n) => ({ trackingNumber: n }))),
      two.track(numbers("YT", 2).map((n) => ({ trackingNumber: n }))),
    ]);
    expect([...r1, ...r2].filter((r) => r.error)).toEqual([]);
    expect(f.stats.rateLimited["POST /trackings"]).toBeGreaterThan(0);
    // Four creates under a 2-per-second budget cannot all fit in the first window.
    expect(f.log.filter((e) => e.method === "POST" && e.status === 201).length).toBe(4);
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(1000);
  }, 300_000);

  it("the budget gate holds calls at zero remaining until the reset", async () => {
    // The clock moves only when the test lets it: "still held" is a fact, not a race with a timer.
    let hold = true;
    const clock = steppedClock(() => hold);
    const start = clock.now();
    const budget = createWindowBudget(8, clock);
    await budget.acquire();
    budget.observe(2, 1, start + 500);
    budget.release();
    await budget.acquire(); // the one remaining
    budget.release();
    let passed = false;
    const waiting = budget.acquire().then(() => {
      passed = true;
    });
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(passed).toBe(false);
    hold = false;
    await waiting;
    expect(passed).toBe(true);
    expect(clock.now()).toBeGreaterThanOrEqual(start + 500);
    expect(budget.waits).toBe(1);
  });
});

describe("aftership: failures", () => {
  it("a tracking list without its trackings, or a tracking without its number: exit 5 naming the field", async () => {
    const f = await fake();
    f.setShapeFault({ path: /trackings$/, omit: ["data.trackings"] });
    const err = await failure(adapter(f).track([{ trackingNumber: "SF1385628716739" }]));
    expect(err.message).toBe("[aftership] unexpected response from GET /trackings: trackings is missing");
    expect(err.exitCode).toBe(5);
  });

  it("a bad key fails the call with AfterShip's message, exit 5, key not shown", async () => {
    const f = await fake();
    keys.add("asat_wrong_key_9876543210");
    const err = await failure(adapter(f, { apiKey: "asat_wrong_key_9876543210" }).track([{ trackingNumber: "SF1385628716739" }]));
    expect(err.message).toBe("[aftership] 401 Invalid API key. (meta.code 401)");
    expect(err.exitCode).toBe(5);
    expect(err.hint).toMatch(/couriers\.aftership\.apiKey/);
  });

  it("survives injected 5xx answers and dropped connections", async () => {
    const f = await fake({ faults: { error5xx: 0.15, drop: 0.1, seed: 3 } });
    const results = await adapter(f).track(numbers("SF", 50).map((n) => ({ trackingNumber: n })));
    expect(results.filter((r) => r.error)).toEqual([]);
    expect([...f.stats.createdByNumber.values()].every((n) => n === 1)).toBe(true);
  }, 300_000);

  it("retries one broken JSON answer, fails with a clear error when it persists", async () => {
    const f = await fake();
    const a = adapter(f);
    f.setMalformed(1);
    expect((await a.track([{ trackingNumber: "SF1385628716739" }]))[0]?.error).toBeUndefined();
    f.setMalformed(10);
    const err = await failure(a.track([{ trackingNumber: "SF1385628716740" }]));
    expect(err.code).toBe("MALFORMED_JSON");
  });

  it("rejects unknown config keys", () => {
    expect(() => aftership.configSchema.parse({ apiKey: "x", api_key: "y" })).toThrow();
  });
});

describe("aftership: detect and webhooks", () => {
  it("returns every candidate courier AfterShip detects, as our codes", async () => {
    const f = await fake();
    const a = adapter(f);
    expect(await a.detect?.("73610555582883")).toEqual(["zto", "yunda", "sto"]);
    expect(await a.detect?.("ZZ000000000ZZ")).toEqual([]);
    expect(f.stats.calls["POST /couriers/detect"]).toBe(2);
  });

  it("verifies the webhook HMAC (couriers.md §3.5 vector and the fake's pushes)", async () => {
    expect(verifyWebhookHmac('{"msg":{"tag":"Delivered"}}', "ZaoNeQUECLAKYERhQprU+7yJMvp11HK7MQF9i+JZr04=", "whsec_test")).toBe(true);
    expect(verifyWebhookHmac('{"msg":{"tag":"Delivered"} }', "ZaoNeQUECLAKYERhQprU+7yJMvp11HK7MQF9i+JZr04=", "whsec_test")).toBe(false);
    const f = await fake();
    await adapter(f).track([{ trackingNumber: "SF1385628716739" }]);
    const { rawBody, signature } = f.webhook("SF1385628716739", "whsec_other");
    expect(verifyWebhookHmac(rawBody, signature, "whsec_other")).toBe(true);
    expect(verifyWebhookHmac(rawBody, signature, "whsec_test")).toBe(false);
  });
});
