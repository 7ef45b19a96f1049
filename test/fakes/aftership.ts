/**
 * A fake AfterShip Tracking API (2025-01) on 127.0.0.1 (couriers.md §3, §8): `as-api-key` auth,
 * the `{meta, data}` envelope, POST /trackings (4003 already exists, 4005 invalid number, 4010
 * invalid slug, 4012 courier not detected), GET /trackings with `tracking_numbers` (at most 50) and
 * cursor pages, GET /trackings/:id, POST /couriers/detect `{total, couriers}`. Every endpoint has
 * its own budget per fixed window (20 / 6 / 5 / 3 calls a second, as documented; tests and bench
 * shrink the window), reported on every answer as X-RateLimit-Limit / -Remaining / -Reset (unix
 * seconds, fractional when the window is not whole seconds); over budget: 429 with AfterShip's
 * TooManyRequests meta (and Retry-After when asked). It counts calls and 429s per endpoint and the
 * most calls that arrived in one window. Numbers starting "ZZ" belong to no courier.
 */
import { createHash, createHmac } from "node:crypto";
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, startFakeServer } from "./lib/index.js";

export const AFTERSHIP_PREFIX = "/tracking/2025-01";

export type Bucket = "POST /trackings" | "GET /trackings" | "GET /trackings/:id" | "POST /couriers/detect";
export const DOCUMENTED_LIMITS: Record<Bucket, number> = {
  "POST /trackings": 20,
  "GET /trackings": 6,
  "GET /trackings/:id": 5,
  "POST /couriers/detect": 3,
};

export interface FakeCheckpoint {
  checkpoint_time: string;
  created_at: string;
  slug: string;
  message: string;
  location: string | null;
  city: string | null;
  country_region: string | null;
  tag: string;
  subtag: string;
  subtag_message: string;
  raw_tag: string | null;
}

export interface FakeTracking {
  id: string;
  tracking_number: string;
  slug: string;
  active: boolean;
  tag: string;
  subtag: string;
  subtag_message: string;
  title: string;
  created_at: string;
  updated_at: string;
  checkpoints: FakeCheckpoint[];
}

export interface SeededTracking {
  /** Slug AfterShip detects for the number (default by pattern). */
  slug?: string;
  subtag: string;
  /** Oldest first, as AfterShip lists them; default: a journey ending in subtag. */
  checkpoints?: FakeCheckpoint[];
}

export interface FakeAfterShipOptions {
  apiKey?: string;
  /** Calls per endpoint per window; default the documented per-second limits. */
  limits?: Partial<Record<Bucket, number>>;
  /** Window length, default 1,000 ms. */
  windowMs?: number;
  /** Send Retry-After (whole seconds, at least 1) with a 429. */
  retryAfter?: boolean;
  /**
   * The clock the windows run by (default the wall clock). With the client's virtual pacing clock
   * (test/helpers/virtual-clock.ts steppedClock) each window's calls are counted, not raced.
   */
  clock?: { now(): number };
  /** Numbers that already have a tracking before the test starts. */
  existing?: Record<string, SeededTracking>;
  /**
   * Existing numbers whose trackings GET /trackings does not show yet (AfterShip's search index lags
   * behind creation) until a create for them has met "already exists".
   */
  unindexed?: string[];
  /** What AfterShip will find for these numbers once they are created. */
  seeds?: Record<string, SeededTracking>;
  faults?: Faults;
}

export interface AfterShipStats {
  calls: Record<Bucket, number>;
  rateLimited: Record<Bucket, number>;
  /** Most calls that arrived within one window per endpoint (429s included): above the limit means the client overspent. */
  maxArrivalsPerWindow: Record<Bucket, number>;
  /** Numbers in the largest `tracking_numbers` list received. */
  maxNumbersPerList: number;
  /** POST /trackings answered 201, per number (upper case). */
  createdByNumber: Map<string, number>;
  /** POST /trackings answered 4003. */
  alreadyExists: number;
  unauthorized: number;
}

export interface FakeAfterShip extends FakeServer {
  apiKey: string;
  apiBase: string;
  stats: AfterShipStats;
  trackings: Map<string, FakeTracking>;
  readonly limits: Record<Bucket, number>;
  readonly windowMs: number;
  setMalformed(count: number): void;
  /** A webhook body for a tracking with its `aftership-hmac-sha256` header under `secret`. */
  webhook(number: string, secret: string): { rawBody: string; signature: string };
}

export const MAX_NUMBERS_PER_LIST = 50;

/** The subtags AfterShip documents (§3.3), each tag at least once. */
export const SUBTAGS = [
  "Pending_001",
  "InfoReceived_001",
  "InTransit_001",
  "InTransit_002",
  "InTransit_007",
  "OutForDelivery_001",
  "OutForDelivery_003",
  "AvailableForPickup_001",
  "AttemptFail_001",
  "AttemptFail_002",
  "Delivered_001",
  "Delivered_002",
  "Delivered_003",
  "Delivered_004",
  "Exception_001",
  "Exception_002",
  "Exception_003",
  "Exception_004",
  "Exception_005",
  "Exception_006",
  "Exception_007",
  "Exception_008",
  "Exception_009",
  "Exception_010",
  "Exception_011",
  "Exception_012",
  "Exception_013",
  "Expired_001",
] as const;

const KNOWN_SLUGS = new Set([
  "sf-express",
  "jd",
  "zto-express",
  "yto",
  "sto",
  "yunda",
  "china-ems",
  "china-post",
  "jtexpress-cn",
  "deppon",
  "ups",
  "fedex",
  "usps",
  "dhl",
  "yunexpress",
]);

function hash(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

function detectSlugs(number: string): string[] {
  if (/^ZZ/i.test(number)) return [];
  if (/^SF\d/i.test(number)) return ["sf-express"];
  if (/^JD/i.test(number)) return ["jd"];
  if (/^YT\d{16}$/i.test(number)) return ["yunexpress"];
  if (/^YT\d{13}$/i.test(number)) return ["yto"];
  if (/^JT/i.test(number)) return ["jtexpress-cn"];
  if (/^1Z/i.test(number)) return ["ups"];
  if (/^[A-Z]{2}\d{9}CN$/i.test(number)) return ["china-post", "china-ems"];
  if (/^\d{12,15}$/.test(number)) return ["zto-express", "yunda", "sto"];
  return ["china-post"];
}

const BASE_TIME = Date.parse("2026-03-01T00:00:00Z");
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");

function checkpoint(at: number, slug: string, subtag: string, message: string, city: string): FakeCheckpoint {
  // AfterShip gives the carrier's local time; half the journey carries an offset, half a bare local time.
  const local = new Date(at + 8 * HOUR).toISOString().replace(/\.\d{3}Z$/, "");
  return {
    checkpoint_time: hash(message) % 2 === 0 ? `${local}+08:00` : iso(at).replace("+00:00", ""),
    created_at: iso(at + 60_000),
    slug,
    message,
    location: null,
    city,
    country_region: "CHN",
    tag: subtag.split("_")[0] ?? "InTransit",
    subtag,
    subtag_message: subtag,
    raw_tag: null,
  };
}

/** A journey that ends in `subtag`, oldest first. */
export function journey(number: string, slug: string, subtag: string): FakeCheckpoint[] {
  if (subtag.startsWith("Pending")) return [];
  const start = BASE_TIME + (hash(number) % 2000) * 60_000;
  const steps = [checkpoint(start, slug, "InfoReceived_001", `Label created for ${number}`, "Shenzhen")];
  if (!subtag.startsWith("InfoReceived")) {
    steps.push(checkpoint(start + 6 * HOUR, slug, "InTransit_002", "Picked up by courier", "Shenzhen"));
    steps.push(checkpoint(start + 30 * HOUR, slug, subtag, `Latest: ${subtag}`, "Shanghai"));
  }
  return steps;
}

function meta(code: number, message: string, type: string): { meta: { code: number; message: string; type: string } } {
  return { meta: { code, message, type } };
}

export async function startFakeAfterShip(opts: FakeAfterShipOptions = {}): Promise<FakeAfterShip> {
  const apiKey = opts.apiKey ?? "asat_fake_0123456789abcdef0123";
  const windowMs = opts.windowMs ?? 1000;
  const limits: Record<Bucket, number> = { ...DOCUMENTED_LIMITS, ...opts.limits };
  const seeds = new Map(Object.entries(opts.seeds ?? {}).map(([n, s]) => [n.toUpperCase(), s]));
  const trackings = new Map<string, FakeTracking>();
  const zero = (): Record<Bucket, number> => ({
    "POST /trackings": 0,
    "GET /trackings": 0,
    "GET /trackings/:id": 0,
    "POST /couriers/detect": 0,
  });
  const stats: AfterShipStats = {
    calls: zero(),
    rateLimited: zero(),
    maxArrivalsPerWindow: zero(),
    maxNumbersPerList: 0,
    createdByNumber: new Map(),
    alreadyExists: 0,
    unauthorized: 0,
  };
  const unindexed = new Set((opts.unindexed ?? []).map((n) => n.toUpperCase()));
  const windows = new Map<Bucket, { start: number; used: number; arrived: number }>();
  let malformed = 0;
  let nextId = 1;

  function build(number: string, slug: string, seed: SeededTracking | undefined): FakeTracking {
    const subtag = seed?.subtag ?? (SUBTAGS[hash(number) % SUBTAGS.length] as string);
    const checkpoints = seed?.checkpoints ?? journey(number, slug, subtag);
    const created = iso(BASE_TIME - HOUR);
    return {
      id: `as${String(nextId++).padStart(10, "0")}`,
      tracking_number: number,
      slug,
      active: !/^(Delivered|Expired)/.test(subtag),
      tag: subtag.split("_")[0] ?? "Pending",
      subtag,
      subtag_message: subtag,
      title: number,
      created_at: created,
      updated_at: created,
      checkpoints,
    };
  }

  for (const [number, seed] of Object.entries(opts.existing ?? {})) {
    const key = number.toUpperCase();
    const slug = seed.slug ?? detectSlugs(key)[0] ?? "china-post";
    trackings.set(`${key}|${slug}`, build(key, slug, seed));
  }

  function rateHeaders(bucket: Bucket, start: number, used: number): Record<string, string> {
    const resetMs = start + windowMs;
    const reset = windowMs % 1000 === 0 ? String(resetMs / 1000) : (resetMs / 1000).toFixed(3);
    return {
      "x-ratelimit-limit": String(limits[bucket]),
      "x-ratelimit-remaining": String(Math.max(0, limits[bucket] - used)),
      "x-ratelimit-reset": reset,
    };
  }

  /** Fixed windows per endpoint; returns the headers to send, or a 429. */
  function admit(bucket: Bucket): { headers: Record<string, string>; refused?: FakeReply } {
    const now = opts.clock ? opts.clock.now() : Date.now();
    const start = Math.floor(now / windowMs) * windowMs;
    let w = windows.get(bucket);
    if (!w || w.start !== start) {
      w = { start, used: 0, arrived: 0 };
      windows.set(bucket, w);
    }
    w.arrived++;
    stats.maxArrivalsPerWindow[bucket] = Math.max(stats.maxArrivalsPerWindow[bucket], w.arrived);
    if (w.used >= limits[bucket]) {
      stats.rateLimited[bucket]++;
      const headers = rateHeaders(bucket, start, w.used);
      if (opts.retryAfter) headers["retry-after"] = String(Math.max(1, Math.ceil((start + windowMs - now) / 1000)));
      return {
        headers,
        refused: {
          status: 429,
          headers,
          json: {
            ...meta(429, "You have exceeded the API call rate limit. The default limit is 10 requests per second.", "TooManyRequests"),
            data: {},
          },
        },
      };
    }
    w.used++;
    stats.calls[bucket]++;
    return { headers: rateHeaders(bucket, start, w.used) };
  }

  function listTrackings(req: FakeRequest): FakeReply {
    const numbersParam = req.query.get("tracking_numbers");
    const numbers = numbersParam ? numbersParam.split(",").map((n) => n.trim().toUpperCase()) : undefined;
    if (numbers) stats.maxNumbersPerList = Math.max(stats.maxNumbersPerList, numbers.length);
    if (numbers && numbers.length > MAX_NUMBERS_PER_LIST) {
      return {
        status: 400,
        json: { ...meta(4008, "The value of `tracking_numbers` is invalid: at most 50 numbers.", "BadRequest"), data: {} },
      };
    }
    const limit = Number(req.query.get("limit") ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      return { status: 400, json: { ...meta(4008, "The value of `limit` is invalid.", "BadRequest"), data: {} } };
    }
    const wanted = numbers ? new Set(numbers) : undefined;
    const all = [...trackings.values()]
      .filter((t) => (!wanted || wanted.has(t.tracking_number)) && !unindexed.has(t.tracking_number))
      .reverse();
    const offset = Number(Buffer.from(req.query.get("cursor") ?? "", "base64").toString("utf8") || 0);
    const page = all.slice(offset, offset + limit);
    const hasNext = offset + limit < all.length;
    return {
      json: {
        ...meta(200, "OK", "OK"),
        data: {
          pagination: {
            total: all.length,
            next_cursor: hasNext ? Buffer.from(String(offset + limit)).toString("base64") : null,
            has_next_page: hasNext,
          },
          trackings: page,
        },
      },
    };
  }

  function createTracking(req: FakeRequest): FakeReply {
    const body = (req.body ?? {}) as { tracking_number?: unknown; slug?: unknown };
    if (typeof req.body !== "object" || req.body === null)
      return { status: 400, json: { ...meta(4001, "Invalid JSON data.", "BadRequest"), data: {} } };
    const number = typeof body.tracking_number === "string" ? body.tracking_number.trim().toUpperCase() : "";
    if (number === "") return { status: 400, json: { ...meta(4007, "`tracking_number` is required.", "BadRequest"), data: {} } };
    if (!/^[A-Z0-9\-._/]{4,100}$/.test(number)) {
      return { status: 400, json: { ...meta(4005, "The value of `tracking_number` is invalid.", "BadRequest"), data: {} } };
    }
    let slug: string;
    if (body.slug !== undefined) {
      if (typeof body.slug !== "string" || !KNOWN_SLUGS.has(body.slug)) {
        return { status: 400, json: { ...meta(4010, "The value of `slug` is invalid.", "BadRequest"), data: {} } };
      }
      slug = body.slug;
    } else {
      const detected = seeds.get(number)?.slug ?? detectSlugs(number)[0];
      if (!detected)
        return {
          status: 400,
          json: {
            ...meta(4012, "Cannot detect courier. Activate courier at https://admin.aftership.com/settings/couriers.", "BadRequest"),
            data: {},
          },
        };
      slug = detected;
    }
    const key = `${number}|${slug}`;
    const existing = trackings.get(key);
    if (existing) {
      stats.alreadyExists++;
      unindexed.delete(number);
      return {
        status: 400,
        json: { ...meta(4003, "Tracking already exists.", "BadRequest"), data: { id: existing.id, tracking_number: number, slug } },
      };
    }
    const tracking = build(number, slug, seeds.get(number));
    trackings.set(key, tracking);
    stats.createdByNumber.set(number, (stats.createdByNumber.get(number) ?? 0) + 1);
    return { status: 201, json: { ...meta(201, "Created", "Created"), data: tracking } };
  }

  function getById(id: string): FakeReply {
    const t = [...trackings.values()].find((x) => x.id === id);
    return t
      ? { json: { ...meta(200, "OK", "OK"), data: t } }
      : { status: 404, json: { ...meta(4004, "Tracking does not exist.", "NotFound"), data: {} } };
  }

  function detect(req: FakeRequest): FakeReply {
    const body = (req.body ?? {}) as { tracking_number?: unknown };
    const number = typeof body.tracking_number === "string" ? body.tracking_number.trim().toUpperCase() : "";
    if (number === "") return { status: 400, json: { ...meta(4007, "`tracking_number` is required.", "BadRequest"), data: {} } };
    const couriers = detectSlugs(number).map((slug) => ({ slug, name: slug, required_fields: [], optional_fields: [] }));
    return { json: { ...meta(200, "OK", "OK"), data: { total: couriers.length, couriers } } };
  }

  function guarded(bucket: Bucket, handler: (req: FakeRequest) => FakeReply) {
    return (req: FakeRequest): FakeReply => {
      if (req.headers["as-api-key"] !== apiKey) {
        stats.unauthorized++;
        return { status: 401, json: { ...meta(401, "Invalid API key.", "Unauthorized"), data: {} } };
      }
      const { headers, refused } = admit(bucket);
      if (refused) return refused;
      if (malformed > 0) {
        malformed--;
        return { status: 200, headers, text: '{"meta":{"code":200},"data":{"trackings":[' };
      }
      const reply = handler(req);
      return { ...reply, headers: { ...headers, ...reply.headers } };
    };
  }

  const server = await startFakeServer({
    route: (method, path) => {
      if (!path.startsWith(`${AFTERSHIP_PREFIX}/`)) return undefined;
      const rest = path.slice(AFTERSHIP_PREFIX.length);
      if (rest === "/trackings" && method === "POST") return guarded("POST /trackings", createTracking);
      if (rest === "/trackings" && method === "GET") return guarded("GET /trackings", listTrackings);
      const byId = /^\/trackings\/([^/]+)$/.exec(rest);
      if (byId && method === "GET") return guarded("GET /trackings/:id", () => getById(decodeURIComponent(byId[1] ?? "")));
      if (rest === "/couriers/detect" && method === "POST") return guarded("POST /couriers/detect", detect);
      return undefined;
    },
    ...(opts.faults ? { faults: opts.faults } : {}),
    faultBodies: {
      error5xx: () => ({ json: { ...meta(500, "Something went wrong on AfterShip's end.", "InternalError"), data: {} } }),
      rateLimit429: () => ({
        json: {
          ...meta(429, "You have exceeded the API call rate limit. The default limit is 10 requests per second.", "TooManyRequests"),
          data: {},
        },
      }),
    },
  });

  return Object.assign(server, {
    apiKey,
    apiBase: `${server.url}${AFTERSHIP_PREFIX}`,
    stats,
    trackings,
    limits,
    windowMs,
    setMalformed(count: number) {
      malformed = count;
    },
    webhook(number: string, secret: string) {
      const key = number.toUpperCase();
      const tracking = [...trackings.values()].find((t) => t.tracking_number === key);
      const rawBody = JSON.stringify({ event: "tracking_update", msg: tracking ?? { tracking_number: key, tag: "Pending" } });
      return { rawBody, signature: createHmac("sha256", secret).update(rawBody).digest("base64") };
    },
  });
}
