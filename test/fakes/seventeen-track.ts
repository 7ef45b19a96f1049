/**
 * A fake 17TRACK Tracking API v2.2 on 127.0.0.1 (couriers.md §2, §8): POST /track/v2.2/register
 * and /gettrackinfo with the `17token` header, JSON arrays of at most 40 numbers (more: the whole
 * call refused with -18010014 inside HTTP 200), per-number `rejected` entries inside HTTP 200
 * (-18010012 bad format, -18019901 already registered, -18019902 not registered, -18019903 carrier
 * not detected, -18019910 unknown carrier key), 401 with `data.errors` for a bad key, 429 beyond
 * the key's calls per window (3 a second by default; tests and bench shrink the window), and
 * webhook bodies signed like 17TRACK's (`sign` = sha256(body + "/" + key)). Numbers starting "ZZ"
 * belong to no carrier; any other well-formed number gets a deterministic journey unless seeded.
 */
import { createHash } from "node:crypto";
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, startFakeServer } from "./lib/index.js";

export const SEVENTEEN_TRACK_PREFIX = "/track/v2.2";

export interface SeventeenEvent {
  time_iso: string;
  time_utc: string;
  description: string;
  location: string | null;
  stage: string | null;
  sub_status: string | null;
}

export interface SeededShipment {
  /** Carrier key 17TRACK detects for the number (default by number pattern). */
  carrier?: number;
  /** latest_status.sub_status, e.g. "Exception_Returning"; the main status is its prefix. */
  subStatus: string;
  /** Events newest first, as 17TRACK lists them; default: a journey that ends in subStatus. */
  events?: SeventeenEvent[];
}

export interface FakeSeventeenTrackOptions {
  token?: string;
  /** Calls a key may make per sliding window; default 3 per 1,000 ms. */
  rateLimit?: { requests: number; windowMs: number };
  /**
   * The clock the window runs by (default the wall clock), told of each arrival: with the client's
   * virtual pacing clock (test/helpers/virtual-clock.ts) the window counts calls, not races them.
   */
  clock?: { now(): number; arrived?(): void };
  shipments?: Record<string, SeededShipment>;
  faults?: Faults;
}

export interface SeventeenTrackStats {
  calls: { register: number; gettrackinfo: number };
  /** Numbers in the largest call received (refused ones included). */
  maxNumbersPerCall: number;
  /** Calls refused for carrying more than 40 numbers. */
  tooManyNumbers: number;
  /** Calls answered 429. */
  rateLimited: number;
  /** Calls refused for a wrong or missing 17token. */
  unauthorized: number;
  /** Largest number of calls that arrived within one window (429s included). */
  maxCallsPerWindow: number;
}

export interface FakeSeventeenTrack extends FakeServer {
  token: string;
  /** Base URL for the adapter's `baseUrl`. */
  apiBase: string;
  stats: SeventeenTrackStats;
  /** number -> carrier key it was registered with. */
  registered: Map<string, number>;
  /** Answers the next `count` calls with an HTML page instead of JSON. */
  setMalformed(count: number): void;
  /** A TRACKING_UPDATED webhook for a registered number, with its `sign` header. */
  webhook(number: string): { rawBody: string; sign: string };
}

export const MAX_NUMBERS = 40;
const NUMBER_FORMAT = /^[A-Za-z0-9]{5,50}$/;
const KNOWN_CARRIERS = new Set([3011, 3013, 100001, 100002, 100003, 21051, 190157, 190271, 190302, 190324, 190442, 190455, 190766]);

/** Every sub status 17TRACK v2.2 documents (9 main / 30 sub, §2.2). */
export const SUB_STATUSES = [
  "NotFound_Other",
  "NotFound_InvalidCode",
  "InfoReceived",
  "InTransit_PickedUp",
  "InTransit_Other",
  "InTransit_Departure",
  "InTransit_Arrival",
  "InTransit_CustomsProcessing",
  "InTransit_CustomsReleased",
  "InTransit_CustomsRequiringInformation",
  "Expired_Other",
  "AvailableForPickup_Other",
  "OutForDelivery_Other",
  "DeliveryFailure_Other",
  "DeliveryFailure_NoBody",
  "DeliveryFailure_Security",
  "DeliveryFailure_Rejected",
  "DeliveryFailure_InvalidAddress",
  "Delivered_Other",
  "Exception_Other",
  "Exception_Returning",
  "Exception_Returned",
  "Exception_NoBody",
  "Exception_Security",
  "Exception_Damage",
  "Exception_Rejected",
  "Exception_Delayed",
  "Exception_Lost",
  "Exception_Destroyed",
  "Exception_Cancel",
] as const;

function hash(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

function detectCarrier(number: string): number {
  if (/^SF/i.test(number)) return 190766;
  if (/^YT\d{13}$/i.test(number)) return 190157;
  if (/^JT/i.test(number)) return 190442;
  if (/^[A-Z]{2}\d{9}CN$/i.test(number)) return 3011;
  if (/^1Z/i.test(number)) return 100002;
  return 190455;
}

const BASE_TIME = Date.parse("2026-03-01T00:00:00Z");
const HOUR = 3_600_000;

function event(at: number, description: string, stage: string | null, subStatus: string | null, location: string | null): SeventeenEvent {
  const utc = new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
  const local = new Date(at + 8 * HOUR).toISOString().replace(/\.\d{3}Z$/, "+08:00");
  return { time_iso: local, time_utc: utc, description, location, stage, sub_status: subStatus };
}

/** A journey that ends in `subStatus`, newest first. */
export function journey(number: string, subStatus: string): SeventeenEvent[] {
  if (subStatus.startsWith("NotFound")) return [];
  const start = BASE_TIME + (hash(number) % 2000) * 60_000;
  const steps: SeventeenEvent[] = [event(start, "Shipment information received", "InfoReceived", "InfoReceived", "Shenzhen")];
  if (subStatus !== "InfoReceived") steps.push(event(start + 6 * HOUR, "Picked up", "PickedUp", "InTransit_PickedUp", "Shenzhen"));
  if (subStatus !== "InfoReceived" && subStatus !== "InTransit_PickedUp") {
    const main = subStatus.split("_")[0] ?? "";
    const stage = ["Delivered", "OutForDelivery", "AvailableForPickup"].includes(main) ? main : null;
    steps.push(event(start + 30 * HOUR, `Latest scan: ${subStatus}`, stage, subStatus, "Shanghai"));
  }
  return steps.reverse();
}

function envelopeError(code: number, message: string): unknown {
  return { code, data: { errors: [{ code, message }] } };
}

export async function startFakeSeventeenTrack(opts: FakeSeventeenTrackOptions = {}): Promise<FakeSeventeenTrack> {
  const token = opts.token ?? "17tk_fake_0123456789abcdef";
  const limit = opts.rateLimit ?? { requests: 3, windowMs: 1000 };
  const seeds = new Map(Object.entries(opts.shipments ?? {}).map(([n, s]) => [n.toUpperCase(), s]));
  const registered = new Map<string, number>();
  const stats: SeventeenTrackStats = {
    calls: { register: 0, gettrackinfo: 0 },
    maxNumbersPerCall: 0,
    tooManyNumbers: 0,
    rateLimited: 0,
    unauthorized: 0,
    maxCallsPerWindow: 0,
  };
  const acceptedAt: number[] = [];
  const arrivedAt: number[] = [];
  let malformed = 0;

  function isKnown(number: string): boolean {
    return seeds.has(number) || !/^ZZ/i.test(number);
  }

  function trackInfo(number: string): unknown {
    const seed = seeds.get(number);
    const subStatus =
      seed?.subStatus ?? (isKnown(number) ? (SUB_STATUSES[2 + (hash(number) % (SUB_STATUSES.length - 2))] as string) : "NotFound_Other");
    const events = seed?.events ?? (isKnown(number) ? journey(number, subStatus) : []);
    const carrier = registered.get(number) ?? 0;
    return {
      shipping_info: { shipper_address: { country: "CN" }, recipient_address: { country: "US" } },
      latest_status: { status: subStatus.split("_")[0], sub_status: subStatus, sub_status_descr: null },
      latest_event: events[0] ?? null,
      time_metrics: { days_after_order: 3, days_of_transit: 2, days_of_transit_done: 0, days_after_last_update: 1 },
      milestone: [],
      misc_info: { risk_factor: 0, service_type: null, weight_kg: null, pieces: null },
      tracking: {
        providers_hash: hash(number),
        providers:
          events.length === 0
            ? []
            : [{ provider: { key: carrier, name: "Fake carrier", country: "CN" }, latest_sync_status: "Success", events }],
      },
    };
  }

  /** Sliding window of accepted calls; also records how many arrived within one window. */
  function admit(now: number): boolean {
    arrivedAt.push(now);
    while (arrivedAt.length > 0 && (arrivedAt[0] as number) <= now - limit.windowMs) arrivedAt.shift();
    stats.maxCallsPerWindow = Math.max(stats.maxCallsPerWindow, arrivedAt.length);
    while (acceptedAt.length > 0 && (acceptedAt[0] as number) <= now - limit.windowMs) acceptedAt.shift();
    if (acceptedAt.length >= limit.requests) return false;
    acceptedAt.push(now);
    return true;
  }

  function handle(endpoint: "register" | "gettrackinfo", req: FakeRequest): FakeReply {
    if (req.method !== "POST") return { status: 404, text: "Not Found" };
    if (req.headers["17token"] !== token) {
      stats.unauthorized++;
      return { status: 401, json: envelopeError(-18010002, "Invalid security key.") };
    }
    if (!admit(opts.clock ? opts.clock.now() : Date.now())) {
      stats.rateLimited++;
      return { status: 429, json: envelopeError(429, "Access frequency exceeds limit.") };
    }
    stats.calls[endpoint]++;
    if (malformed > 0) {
      malformed--;
      // JSON cut short on the way (a proxy dropping the connection mid-body); an HTML page in the way
      // is a case of its own (test/hostile/faults-round3.test.ts).
      return { status: 200, text: '{"code":0,"data":{"accepted":[' };
    }
    const items = req.body;
    if (!Array.isArray(items)) return { json: envelopeError(-18010013, "Submitted data is invalid.") };
    stats.maxNumbersPerCall = Math.max(stats.maxNumbersPerCall, items.length);
    if (items.length > MAX_NUMBERS) {
      stats.tooManyNumbers++;
      return { json: envelopeError(-18010014, "The number of tracking numbers exceeds the limit of 40.") };
    }
    const accepted: unknown[] = [];
    const rejected: unknown[] = [];
    for (const raw of items) {
      const item = (raw ?? {}) as { number?: unknown; carrier?: unknown; tag?: unknown; auto_detection?: unknown };
      const number = typeof item.number === "string" ? item.number.toUpperCase() : "";
      const tag = typeof item.tag === "string" ? item.tag : null;
      const reject = (code: number, message: string) => rejected.push({ number: item.number ?? null, tag, error: { code, message } });
      if (!NUMBER_FORMAT.test(number)) {
        reject(-18010012, `The format of '${String(item.number ?? "")}' is invalid.`);
        continue;
      }
      const carrier = typeof item.carrier === "number" && item.carrier > 0 ? item.carrier : undefined;
      if (endpoint === "register") {
        if (registered.has(number))
          reject(-18019901, `The tracking number '${number}' has been registered, don't need to repeat registration.`);
        else if (carrier !== undefined && !KNOWN_CARRIERS.has(carrier) && seeds.get(number)?.carrier !== carrier)
          reject(-18019910, `Incorrect carrier code ${carrier}.`);
        else if (carrier === undefined && !isKnown(number)) reject(-18019903, "Carrier cannot be detected.");
        else {
          const key = carrier ?? seeds.get(number)?.carrier ?? detectCarrier(number);
          registered.set(number, key);
          accepted.push({ origin: carrier === undefined ? 2 : 1, number, carrier: key, email: null, tag, lang: null });
        }
      } else if (!registered.has(number)) {
        reject(-18019902, `The tracking number '${number}' does not register, please register first.`);
      } else {
        accepted.push({ number, carrier: registered.get(number), param: null, tag, track_info: trackInfo(number) });
      }
    }
    return { json: { code: 0, data: { accepted, rejected } } };
  }

  const server = await startFakeServer({
    route: (_method, path) => {
      const arrive = (endpoint: "register" | "gettrackinfo") => (req: FakeRequest) => {
        // Every request that reached the fake lets the virtual clock wake the next start.
        opts.clock?.arrived?.();
        return handle(endpoint, req);
      };
      if (path === `${SEVENTEEN_TRACK_PREFIX}/register`) return arrive("register");
      if (path === `${SEVENTEEN_TRACK_PREFIX}/gettrackinfo`) return arrive("gettrackinfo");
      return undefined;
    },
    ...(opts.faults ? { faults: opts.faults } : {}),
    faultBodies: {
      error5xx: () => ({ json: envelopeError(-18010003, "Internal service error, please retry later.") }),
      rateLimit429: () => ({ json: envelopeError(429, "Access frequency exceeds limit.") }),
    },
  });

  return Object.assign(server, {
    token,
    apiBase: `${server.url}${SEVENTEEN_TRACK_PREFIX}`,
    stats,
    registered,
    setMalformed(count: number) {
      malformed = count;
    },
    webhook(number: string) {
      const key = number.toUpperCase();
      const rawBody = JSON.stringify({
        event: "TRACKING_UPDATED",
        data: { number: key, carrier: registered.get(key) ?? 0, param: null, tag: null, track_info: trackInfo(key) },
      });
      return { rawBody, sign: createHash("sha256").update(`${rawBody}/${token}`).digest("hex") };
    },
  });
}
