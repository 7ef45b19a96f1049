/**
 * The seventeen-track adapter against the fake 17TRACK v2.2: the courier contract; every main and
 * sub status mapped (§6.2); register-then-read with the per-number `rejected` list inside HTTP 200;
 * at most 40 numbers a call and no 429 for 2,000 numbers; a bad key, 429s, 5xx and broken JSON;
 * the webhook signature; and the key never in an error or a log line.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { CourierAdapter, ShipmentStatus, TrackingRequest } from "../../src/adapters/courier.js";
import seventeenTrack, { type SeventeenTrackConfig, verifyWebhookSign } from "../../src/adapters/couriers/seventeen-track/index.js";
import type { AdapterContext } from "../../src/adapters/platform.js";
import { AdapterError, type PacingClock } from "../../src/http/index.js";
import { courierContract } from "../contract/courier-contract.js";
import {
  type FakeSeventeenTrack,
  type FakeSeventeenTrackOptions,
  SUB_STATUSES,
  startFakeSeventeenTrack,
} from "../fakes/seventeen-track.js";
import { englishOf } from "../helpers/english.js";
import { virtualClock } from "../helpers/virtual-clock.js";

const logLines: string[] = [];
const errorTexts: string[] = [];
const tokens = new Set<string>();
const fakes: FakeSeventeenTrack[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  for (const token of tokens) {
    for (const line of [...logLines, ...errorTexts]) expect(line).not.toContain(token);
  }
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
      throw new Error("the seventeen-track adapter does not need the state store");
    },
    readOptions: {},
  };
}

/** A window of 3 calls per 200 ms: 15 a second, so tests run fast with 17TRACK's shape of limit. */
const FAST_LIMIT = { requests: 3, windowMs: 200 };

async function fake(opts: FakeSeventeenTrackOptions = {}): Promise<FakeSeventeenTrack> {
  const f = await startFakeSeventeenTrack({ rateLimit: FAST_LIMIT, ...opts });
  fakes.push(f);
  tokens.add(f.token);
  return f;
}

async function adapter(
  f: FakeSeventeenTrack,
  over: Partial<SeventeenTrackConfig> = {},
  pacingClock?: PacingClock,
): Promise<CourierAdapter> {
  const config = seventeenTrack.configSchema.parse({
    token: f.token,
    baseUrl: f.apiBase,
    requestsPerSecond: (FAST_LIMIT.requests * 1000) / FAST_LIMIT.windowMs,
    http: { timeoutMs: 2000, retries: 8, backoffBaseMs: 20, backoffCapMs: 300 },
    ...over,
  });
  return seventeenTrack.create(config, context(pacingClock));
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

const numbers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(10, "0")}`);

courierContract("seventeen-track", async () => {
  const f = await fake();
  return {
    definition: seventeenTrack,
    adapter: await adapter(f),
    known: { trackingNumber: "SF1385628716739", courier: "sf" },
    unknown: { trackingNumber: "ZZ000000000ZZ" },
  };
});

/** §6.2 written out independently of the adapter's tables: 17TRACK sub status -> our status. */
const EXPECTED: Record<(typeof SUB_STATUSES)[number], ShipmentStatus> = {
  NotFound_Other: "pending",
  NotFound_InvalidCode: "pending",
  InfoReceived: "info_received",
  InTransit_PickedUp: "in_transit",
  InTransit_Other: "in_transit",
  InTransit_Departure: "in_transit",
  InTransit_Arrival: "in_transit",
  InTransit_CustomsProcessing: "in_transit",
  InTransit_CustomsReleased: "in_transit",
  InTransit_CustomsRequiringInformation: "in_transit",
  Expired_Other: "expired",
  AvailableForPickup_Other: "available_for_pickup",
  OutForDelivery_Other: "out_for_delivery",
  DeliveryFailure_Other: "failed_attempt",
  DeliveryFailure_NoBody: "failed_attempt",
  DeliveryFailure_Security: "failed_attempt",
  DeliveryFailure_Rejected: "exception",
  DeliveryFailure_InvalidAddress: "failed_attempt",
  Delivered_Other: "delivered",
  Exception_Other: "exception",
  Exception_Returning: "returning",
  Exception_Returned: "returned",
  Exception_NoBody: "exception",
  Exception_Security: "exception",
  Exception_Damage: "exception",
  Exception_Rejected: "exception",
  Exception_Delayed: "exception",
  Exception_Lost: "exception",
  Exception_Destroyed: "exception",
  Exception_Cancel: "exception",
};

describe("seventeen-track: status mapping", () => {
  it("maps every 17TRACK sub status and keeps the raw code on the events", async () => {
    const seeded = Object.fromEntries(
      SUB_STATUSES.map((sub, i) => [`ST${String(i).padStart(11, "0")}`, { subStatus: sub, carrier: 190766 }]),
    );
    const f = await fake({ shipments: seeded });
    const a = await adapter(f);
    const batch: TrackingRequest[] = Object.keys(seeded).map((n) => ({ trackingNumber: n }));
    const results = await a.track(batch);
    expect(results).toHaveLength(SUB_STATUSES.length);
    for (const [i, sub] of SUB_STATUSES.entries()) {
      const r = results[i];
      expect(r?.trackingNumber).toBe(batch[i]?.trackingNumber);
      expect(r?.status, sub).toBe(EXPECTED[sub]);
      expect(r?.courier, "carrier 190766 is SF").toBe("sf");
      if (sub.startsWith("NotFound")) {
        expect(r?.events).toEqual([]);
        if (sub === "NotFound_InvalidCode") expect(englishOf(r?.error)).toMatch(/does not recognise/);
        else expect(r?.error).toBeUndefined();
        continue;
      }
      expect(r?.error).toBeUndefined();
      const last = r?.events.at(-1);
      expect(last?.rawStatus).toBe(sub);
      expect(last?.status).toBe(EXPECTED[sub]);
      expect(r?.events[0]?.rawStatus).toBe("InfoReceived");
      expect(r?.events[0]?.status).toBe("info_received");
      const times = r?.events.map((e) => e.at.getTime()) ?? [];
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
  });

  it("reads event times from time_utc and keeps descriptions and locations", async () => {
    const f = await fake({
      shipments: {
        SF3182998070266: {
          subStatus: "Delivered_Other",
          events: [
            {
              time_iso: "2026-03-02T18:30:00+08:00",
              time_utc: "2026-03-02T10:30:00Z",
              description: "已签收",
              location: "上海",
              stage: "Delivered",
              sub_status: "Delivered_Other",
            },
            {
              time_iso: "2026-03-01T09:00:00+08:00",
              time_utc: "2026-03-01T01:00:00Z",
              description: "已揽收",
              location: "深圳",
              stage: "PickedUp",
              sub_status: null,
            },
          ],
        },
      },
    });
    const [r] = await (await adapter(f)).track([{ trackingNumber: "SF3182998070266", courier: "sf" }]);
    expect(r?.events.map((e) => [e.at.toISOString(), e.description, e.location, e.status, e.rawStatus])).toEqual([
      ["2026-03-01T01:00:00.000Z", "已揽收", "深圳", "in_transit", "PickedUp"],
      ["2026-03-02T10:30:00.000Z", "已签收", "上海", "delivered", "Delivered_Other"],
    ]);
    expect(r?.status).toBe("delivered");
  });
});

describe("seventeen-track: register, then gettrackinfo", () => {
  it("registers new numbers once, then reads them; a second pass only reads", async () => {
    const f = await fake();
    const a = await adapter(f);
    const first = numbers("SF", 40).map((n) => ({ trackingNumber: n, courier: "sf" }));
    const second = numbers("JT", 40).map((n) => ({ trackingNumber: n, courier: "jtexpress" }));
    expect((await a.track(first)).every((r) => r.error === undefined)).toBe(true);
    // First batch: read (all unregistered), register, read again.
    expect(f.stats.calls).toEqual({ register: 1, gettrackinfo: 2 });
    await a.track(second);
    // Most of the last batch was new, so this one registers first: one call saved.
    expect(f.stats.calls).toEqual({ register: 2, gettrackinfo: 3 });
    expect(f.registered.get(first[0]?.trackingNumber as string)).toBe(190766);
    expect(f.registered.get(second[0]?.trackingNumber as string)).toBe(190442);
    await a.track([...first, ...second]);
    expect(f.stats.calls).toEqual({ register: 2, gettrackinfo: 5 });
  });

  it("treats 'already registered' as success when another run registered the number", async () => {
    const f = await fake();
    const other = await adapter(f);
    const mine = await adapter(f);
    await mine.track(numbers("SF", 30).map((n) => ({ trackingNumber: n }))); // leaves `mine` registering first
    const known = numbers("YT", 20).map((n) => ({ trackingNumber: n }));
    await other.track(known);
    const before = { ...f.stats.calls };
    const results = await mine.track(known);
    expect(results.map((r) => r.error)).toEqual(known.map(() => undefined));
    expect(f.stats.calls.register - before.register).toBe(1);
    expect(f.stats.calls.gettrackinfo - before.gettrackinfo).toBe(1);
  });

  it("reports numbers 17TRACK rejects inside HTTP 200 on their own results, in order", async () => {
    const f = await fake();
    const a = await adapter(f);
    const batch: TrackingRequest[] = [
      { trackingNumber: "SF1385628716739", courier: "sf" },
      { trackingNumber: "AB1" },
      { trackingNumber: "ZZ000000000ZZ" },
      { trackingNumber: "  JDX024407261700  " },
      { trackingNumber: "" },
      { trackingNumber: "SF1385628716739", courier: "sf" },
    ];
    const results = await a.track(batch);
    expect(results.map((r) => r.trackingNumber)).toEqual(batch.map((b) => b.trackingNumber));
    expect(results[0]?.error).toBeUndefined();
    expect(englishOf(results[1]?.error)).toMatch(/format of 'AB1' is invalid.*-18010012/);
    expect(englishOf(results[2]?.error)).toMatch(/Carrier cannot be detected.*-18019903/);
    expect(results[3]?.error).toBeUndefined();
    expect(englishOf(results[4]?.error)).toBe("empty tracking number");
    expect(results[5]).toEqual(results[0]);
    for (const r of results.filter((x) => x.error)) expect(r.status).toBe("pending");
  });

  it("uses the carrier keys from config over the built-in table", async () => {
    const f = await fake();
    const a = await adapter(f, { carriers: { yunda: 190455 } });
    const [r] = await a.track([{ trackingNumber: "463431409940372", courier: "yunda" }]);
    expect(r?.error).toBeUndefined();
    expect(f.registered.get("463431409940372")).toBe(190455);
  });
});

describe("seventeen-track: limits", () => {
  // Counted, not timed: the pacer sleeps on a virtual clock the fake's window also reads, and each
  // start reaches the fake before the next is let go, so a loaded machine cannot bunch arrivals.
  it("tracks 2,000 numbers with at most 40 a call and no 429", async () => {
    const clock = virtualClock();
    const f = await fake({ clock });
    // Configured at the fake's own 15 a second: the pacer's headroom alone keeps it under.
    const a = await adapter(f, { requestsPerSecond: 15 }, clock);
    const batch = numbers("SF", 2000).map((n, i) => ({ trackingNumber: n, ...(i % 3 === 0 ? { courier: "sf" } : {}) }));
    const results = await a.track(batch);
    expect(results).toHaveLength(2000);
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    expect(results.map((r) => r.trackingNumber)).toEqual(batch.map((b) => b.trackingNumber));
    expect(f.stats.maxNumbersPerCall).toBe(40);
    expect(f.stats.tooManyNumbers).toBe(0);
    expect(f.stats.rateLimited).toBe(0);
    // 50 chunks: the first reads, registers and reads again; the other 49 register first.
    expect(f.stats.calls).toEqual({ register: 50, gettrackinfo: 51 });
    expect(f.stats.maxCallsPerWindow).toBeLessThanOrEqual(FAST_LIMIT.requests);
    expect(clock.starts).toBe(101);
  }, 300_000);

  it("the fake refuses more than 40 numbers with 17TRACK's own error", async () => {
    const f = await fake();
    const res = await fetch(`${f.apiBase}/gettrackinfo`, {
      method: "POST",
      headers: { "17token": f.token, "content-type": "application/json" },
      body: JSON.stringify(numbers("SF", 41).map((number) => ({ number }))),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { code: number }).code).toBe(-18010014);
    expect(f.stats.tooManyNumbers).toBe(1);
  });

  it("waits out 429s when paced faster than the key allows", async () => {
    const f = await fake();
    const a = await adapter(f, { requestsPerSecond: 1000, http: { retries: 12, backoffBaseMs: 20, backoffCapMs: 400 } });
    const results = await a.track(numbers("SF", 200).map((n) => ({ trackingNumber: n })));
    expect(results.every((r) => r.error === undefined && r.status !== undefined)).toBe(true);
    expect(f.stats.rateLimited).toBeGreaterThan(0);
  }, 300_000);

  it("survives injected 5xx answers and dropped connections", async () => {
    const f = await fake({ faults: { error5xx: 0.15, drop: 0.1, seed: 7 } });
    const a = await adapter(f);
    const results = await a.track(numbers("SF", 120).map((n) => ({ trackingNumber: n })));
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
  }, 300_000);
});

describe("seventeen-track: failures", () => {
  it("a bad key fails the whole call with 17TRACK's message, exit 5, key not shown", async () => {
    const f = await fake();
    const a = await adapter(f, { token: "17tk_wrong_key_abcdef" });
    tokens.add("17tk_wrong_key_abcdef");
    const err = await failure(a.track([{ trackingNumber: "SF1385628716739" }]));
    expect(err.message).toMatch(/^\[seventeen-track\] 401 Invalid security key\. \(-18010002\)/);
    expect(err.exitCode).toBe(5);
    expect(err.hint).toMatch(/couriers\.seventeen-track\.token/);
    expect(f.stats.unauthorized).toBe(1);
  });

  it("retries one broken JSON answer, fails with a clear error when it persists", async () => {
    const f = await fake();
    const a = await adapter(f);
    f.setMalformed(1);
    const [ok] = await a.track([{ trackingNumber: "SF1385628716739", courier: "sf" }]);
    expect(ok?.error).toBeUndefined();
    f.setMalformed(10);
    const err = await failure(a.track([{ trackingNumber: "SF1385628716740", courier: "sf" }]));
    expect(err.code).toBe("MALFORMED_JSON");
    expect(err.message).toMatch(/malformed JSON/);
  });

  it("a closed port is a remote failure, not a crash", async () => {
    const f = await fake();
    const a = await adapter(f, { baseUrl: "http://127.0.0.1:9/track/v2.2", http: { retries: 1, backoffBaseMs: 1, backoffCapMs: 2 } });
    const err = await failure(a.track([{ trackingNumber: "SF1385628716739" }]));
    expect(err.message).toMatch(/unreachable|refused/);
  });

  it("rejects unknown config keys", () => {
    expect(() => seventeenTrack.configSchema.parse({ token: "x", tokn: "y" })).toThrow();
    expect(() => seventeenTrack.configSchema.parse({ token: "x", carriers: { nosuch: 1 } })).toThrow();
  });
});

describe("seventeen-track: webhook signature", () => {
  it("matches the recomputed vector of couriers.md §2.3", () => {
    const body = '{"event":"TRACKING_STOPPED","data":{"number":"RR123456789CN","carrier":3011}}';
    expect(verifyWebhookSign(body, "27350719a69a113783d54e8f64c4dcfc5e1b030e8cc7ee404f464f6af1b71d1e", "TESTKEY")).toBe(true);
    expect(verifyWebhookSign(body, "27350719a69a113783d54e8f64c4dcfc5e1b030e8cc7ee404f464f6af1b71d1f", "TESTKEY")).toBe(false);
    expect(verifyWebhookSign(`${body} `, "27350719a69a113783d54e8f64c4dcfc5e1b030e8cc7ee404f464f6af1b71d1e", "TESTKEY")).toBe(false);
    expect(verifyWebhookSign(body, "not-hex", "TESTKEY")).toBe(false);
  });

  it("verifies what the fake pushes and refuses another key", async () => {
    const f = await fake();
    await (await adapter(f)).track([{ trackingNumber: "SF1385628716739", courier: "sf" }]);
    const { rawBody, sign } = f.webhook("SF1385628716739");
    expect(verifyWebhookSign(rawBody, sign, f.token)).toBe(true);
    expect(verifyWebhookSign(rawBody, sign, "another-key")).toBe(false);
  });
});
