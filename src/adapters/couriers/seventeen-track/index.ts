/**
 * The `seventeen-track` courier: 17TRACK Tracking API v2.2 (couriers.md §2). Numbers must be
 * registered before 17TRACK tracks them, so a batch is `gettrackinfo`, then `register` for the
 * numbers it calls unregistered (-18019902) and `gettrackinfo` again for those; when most numbers of
 * the last batch were new, the next batch registers first (an "already registered" rejection is
 * harmless) to save a call. At most 40 numbers a call, paced under the key's 3 calls a second, and
 * the per-number `rejected` list inside HTTP 200 read number by number.
 */

import { z } from "zod";
import { type Message, msg } from "../../../core/i18n/index.js";
import { COURIER_CODES, type CourierCode, isCourierCode } from "../../../core/shipments/couriers.js";
import { AdapterError, abortableSleep, createHttpClient, type HttpClient, type PacingClock, parseRetryAfter } from "../../../http/index.js";
import { type CourierAdapter, defineCourier, type TrackingRequest, type TrackingResult } from "../../courier.js";
import type { AdapterContext } from "../../platform.js";
import { parseWire } from "../../wire-schema.js";
import {
  ACCOUNT_ERRORS,
  type AcceptedInfo,
  type AcceptedRegistration,
  CARRIER_KEYS,
  DEFAULT_BASE_URL,
  describeRejection,
  type Envelope,
  ERROR,
  envelopeSchema,
  eventsOf,
  type InfoItem,
  MAX_NUMBERS_PER_CALL,
  REQUESTS_PER_SECOND,
  type RegisterItem,
  type Rejected,
  statusOf,
} from "./wire.js";

export { verifyWebhookSign } from "./wire.js";

/** Pacing stays this far under the key's limit, so calls arriving a little unevenly still fit 17TRACK's window. */
const PACING_HEADROOM = 0.9;

/** 429s one call may meet before the run gives up. */
const MAX_RATE_LIMITED = 20;
const RATE_LIMITED = "RATE_LIMITED";

interface Pacer {
  /** Resolves when the next call may start. */
  next(): Promise<void>;
  /** After a 429: the next start waits `extraMs` more than the usual interval. */
  pushBack(extraMs: number): void;
}

/**
 * Starts calls at least `intervalMs` apart, measured between actual starts: a timer that fires late
 * pushes the next call back instead of letting it catch up (a token bucket would let it, and two
 * calls closer than the window allows earn a 429). FIFO.
 */
/** The wall clock; tests give a virtual one (ctx.network.pacingClock) so the pace is counted, not timed. */
const WALL_CLOCK: PacingClock = { now: () => Date.now(), sleep: abortableSleep };

function createPacer(intervalMs: number, signal: AbortSignal | undefined, clock: PacingClock = WALL_CLOCK): Pacer {
  let last = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  return {
    next() {
      const turn = queue.then(async () => {
        // Every start sleeps, 0 ms when its turn has come: a virtual clock sees each one.
        await clock.sleep(Math.max(0, last + intervalMs - clock.now()), signal);
        last = clock.now();
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    pushBack(extraMs) {
      last = Math.max(last, clock.now() + extraMs);
    },
  };
}

const httpSchema = z
  .object({
    timeoutMs: z.number().int().positive().optional(),
    /** One request's attempts and waits together (see HttpClientOptions.totalTimeoutMs). */
    totalTimeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(20).optional(),
    backoffBaseMs: z.number().int().min(0).optional(),
    backoffCapMs: z.number().int().min(0).optional(),
  })
  .strict();

const configSchema = z
  .object({
    /** The API key sent as the `17token` header, as `env:SEVENTEEN_TRACK_TOKEN`. */
    token: z.string().min(1),
    /** API base, default https://api.17track.net/track/v2.2 (tests point it at a fake on 127.0.0.1). */
    baseUrl: z.string().url().optional(),
    /** The key's limit in calls a second (17TRACK: 3); merchops paces 10% under it. */
    requestsPerSecond: z.number().positive().max(1000).optional(),
    /** 17TRACK carrier keys for our courier codes, over the built-in table (e.g. `{ yunda: 190xxx }`). */
    carriers: z.partialRecord(z.enum(COURIER_CODES), z.number().int().positive()).optional(),
    http: httpSchema.optional(),
  })
  .strict();
export type SeventeenTrackConfig = z.infer<typeof configSchema>;

const PLATFORM = "seventeen-track";

/** 17TRACK may echo a number in another case; matching goes by this key. */
const keyOf = (number: string) => number.trim().toUpperCase();

interface Outcome {
  info?: AcceptedInfo;
  error?: Message;
}

export function createSeventeenTrack(config: SeventeenTrackConfig, ctx: AdapterContext): CourierAdapter {
  const limit = config.requestsPerSecond ?? REQUESTS_PER_SECOND;
  const carrierKeys: Partial<Record<CourierCode, number>> = { ...CARRIER_KEYS, ...config.carriers };
  const courierOfKey = new Map<number, CourierCode>();
  for (const [code, key] of Object.entries(carrierKeys))
    if (key !== undefined && !courierOfKey.has(key)) courierOfKey.set(key, code as CourierCode);
  const intervalMs = 1000 / (limit * PACING_HEADROOM);
  const pacer = createPacer(intervalMs, ctx.signal, ctx.network?.pacingClock);
  const backoffBaseMs = config.http?.backoffBaseMs ?? 500;
  const backoffCapMs = config.http?.backoffCapMs ?? 20_000;
  let consecutive429 = 0;
  const credentialHint = msg("adapter.17track.credential_hint");

  const http: HttpClient = createHttpClient({
    platform: PLATFORM,
    baseURL: (config.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    headers: { "17token": config.token, "content-type": "application/json" },
    secrets: [config.token],
    timeoutMs: config.http?.timeoutMs ?? 30_000,
    ...(config.http?.totalTimeoutMs !== undefined ? { totalTimeoutMs: config.http.totalTimeoutMs } : {}),
    retries: config.http?.retries ?? 5,
    backoff: { baseMs: backoffBaseMs, capMs: backoffCapMs },
    // No pacing or concurrency cap here: the pacer spaces every call, and a slot wait after it would bunch calls up.
    log: ctx.log,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.network?.allowInsecure ? { allowInsecure: true } : {}),
    describeError: (_status, body) => {
      const first = (body as Envelope<unknown> | undefined)?.data?.errors?.[0];
      return first?.message ? { message: `${first.message} (${first.code})` } : undefined;
    },
    classify: ({ status, headers, data }) => {
      const body = data && typeof data === "object" ? (data as Envelope<unknown>) : undefined;
      const code = typeof body?.code === "number" ? body.code : undefined;
      if (status === 429 || code === 429) {
        // Not retried inside the client: the retry must wait its turn at the pacer, or it would bunch up with
        // the calls already paced and earn the next 429. 17TRACK sends no Retry-After; honour one if it comes.
        // Repeated 429s (another client on the key, or requestsPerSecond set too high) back off exponentially.
        const retryAfter = parseRetryAfter(headers["retry-after"]);
        const backoffMs = Math.min(backoffCapMs, backoffBaseMs * 2 ** consecutive429++);
        pacer.pushBack(retryAfter ?? Math.max(intervalMs, backoffMs));
        return { action: "fail", message: msg("adapter.17track.too_many", { limit }), code: RATE_LIMITED };
      }
      if (code === undefined || code === 0) return undefined;
      const first = body?.data?.errors?.[0];
      // 17TRACK's own words and code.
      const message = first?.message
        ? `${first.message.trim()} (${code})`
        : msg("adapter.courier.request_refused_code", { code: String(code) });
      if (code === ERROR.internal) return { action: "retry", reason: message };
      if (ACCOUNT_ERRORS.has(code)) return { action: "fail", message, hint: credentialHint, code: String(code) };
      if (code === ERROR.tooManyNumbers) {
        return {
          action: "fail",
          message,
          code: String(code),
          hint: msg("adapter.17track.too_many_numbers_hint"),
        };
      }
      return { action: "fail", message, code: String(code) };
    },
  });

  /** Numbers this instance knows 17TRACK has registered. */
  const registered = new Set<string>();
  /** Set when most of the last batch was new to 17TRACK: registering first then saves a call a batch. */
  let registerFirst = false;

  function carrierOf(request: TrackingRequest): number | undefined {
    const code = request.courier;
    return code !== undefined && isCourierCode(code) ? carrierKeys[code] : undefined;
  }

  async function call<A>(
    endpoint: "register" | "gettrackinfo",
    items: readonly (RegisterItem | InfoItem)[],
  ): Promise<{ accepted: A[]; rejected: Rejected[] }> {
    for (let refused = 0; ; refused++) {
      await pacer.next();
      try {
        // Registering twice is harmless and reading is read-only: both may be retried after a dropped connection.
        const res = await http.post<Envelope<A>>(endpoint, items, { idempotent: true });
        consecutive429 = 0;
        const { data } = parseWire(envelopeSchema, res.data, `POST /${endpoint}`, { platform: "17track" });
        return { accepted: data.accepted as A[], rejected: data.rejected as Rejected[] };
      } catch (error) {
        if (!(error instanceof AdapterError && error.code === RATE_LIMITED) || refused >= MAX_RATE_LIMITED) throw error;
      }
    }
  }

  /** Registers the numbers; those 17TRACK refuses (other than "already registered") get their error in `outcomes`. */
  async function register(
    numbers: readonly string[],
    byNumber: Map<string, TrackingRequest>,
    outcomes: Map<string, Outcome>,
  ): Promise<{ fresh: number; known: number }> {
    const items: RegisterItem[] = numbers.map((key) => {
      const request = byNumber.get(key) as TrackingRequest;
      const number = request.trackingNumber.trim();
      const carrier = carrierOf(request);
      return carrier !== undefined ? { number, carrier } : { number, auto_detection: true };
    });
    const { accepted, rejected } = await call<AcceptedRegistration>("register", items);
    let known = 0;
    for (const a of accepted) registered.add(keyOf(a.number));
    for (const r of rejected) {
      if (r.error?.code === ERROR.alreadyRegistered) {
        registered.add(keyOf(r.number));
        known++;
      } else outcomes.set(keyOf(r.number), { error: msg("adapter.17track.register_refused", { said: describeRejection(r) }) });
    }
    return { fresh: accepted.length, known };
  }

  /** Reads the numbers; returns those 17TRACK says are not registered, records the rest in `outcomes`. */
  async function read(
    numbers: readonly string[],
    byNumber: Map<string, TrackingRequest>,
    outcomes: Map<string, Outcome>,
  ): Promise<string[]> {
    if (numbers.length === 0) return [];
    const items: InfoItem[] = numbers.map((key) => {
      const request = byNumber.get(key) as TrackingRequest;
      const number = request.trackingNumber.trim();
      const carrier = carrierOf(request);
      return carrier !== undefined ? { number, carrier } : { number };
    });
    const { accepted, rejected } = await call<AcceptedInfo>("gettrackinfo", items);
    const unregistered: string[] = [];
    for (const a of accepted) {
      registered.add(keyOf(a.number));
      outcomes.set(keyOf(a.number), { info: a });
    }
    for (const r of rejected) {
      const key = keyOf(r.number);
      if (r.error?.code === ERROR.notRegistered) {
        registered.delete(key);
        if (byNumber.has(key)) unregistered.push(key);
      } else outcomes.set(key, { error: msg("adapter.17track.read_refused", { said: describeRejection(r) }) });
    }
    return unregistered;
  }

  async function trackChunk(chunk: readonly TrackingRequest[]): Promise<TrackingResult[]> {
    const byNumber = new Map<string, TrackingRequest>();
    const outcomes = new Map<string, Outcome>();
    for (const request of chunk) {
      const key = keyOf(request.trackingNumber);
      if (key === "") outcomes.set(key, { error: msg("adapter.courier.empty_number") });
      else if (!byNumber.has(key)) byNumber.set(key, request);
    }
    const numbers = [...byNumber.keys()];

    if (registerFirst) {
      const toRegister = numbers.filter((n) => !registered.has(n));
      if (toRegister.length > 0) {
        const { fresh, known } = await register(toRegister, byNumber, outcomes);
        registerFirst = fresh >= known;
      }
      const unregistered = await read(
        numbers.filter((n) => !outcomes.has(n)),
        byNumber,
        outcomes,
      );
      for (const n of unregistered) outcomes.set(n, { error: msg("adapter.17track.not_known_yet") });
    } else {
      const unregistered = await read(numbers, byNumber, outcomes);
      registerFirst = unregistered.length * 2 > numbers.length;
      if (unregistered.length > 0) {
        await register(unregistered, byNumber, outcomes);
        const still = await read(
          unregistered.filter((n) => !outcomes.has(n)),
          byNumber,
          outcomes,
        );
        for (const n of still) outcomes.set(n, { error: msg("adapter.17track.not_known_yet") });
      }
    }

    return chunk.map((request) => resultOf(request, outcomes.get(keyOf(request.trackingNumber))));
  }

  function resultOf(request: TrackingRequest, outcome: Outcome | undefined): TrackingResult {
    if (!outcome?.info) {
      return { ...request, status: "pending", events: [], error: outcome?.error ?? "17TRACK said nothing about this number" };
    }
    const info = outcome.info.track_info;
    const events = eventsOf(info);
    const latest = info?.latest_status;
    const status = statusOf(latest?.sub_status) ?? statusOf(latest?.status) ?? events.at(-1)?.status ?? "pending";
    const result: TrackingResult = { ...request, status, events };
    if (request.courier === undefined && outcome.info.carrier !== undefined) {
      const courier = courierOfKey.get(outcome.info.carrier);
      if (courier) result.courier = courier;
    }
    if (latest?.sub_status === "NotFound_InvalidCode") {
      result.error = msg("adapter.17track.invalid_code");
    }
    return result;
  }

  return {
    async track(batch) {
      const results: TrackingResult[] = [];
      for (let i = 0; i < batch.length; i += MAX_NUMBERS_PER_CALL) {
        results.push(...(await trackChunk(batch.slice(i, i + MAX_NUMBERS_PER_CALL))));
      }
      return results;
    },
  };
}

export default defineCourier<SeventeenTrackConfig>({
  name: "seventeen-track",
  description: "17TRACK Tracking API v2.2: 2,000+ carriers worldwide, 40 numbers a call, 3 calls a second per key",
  couriers: COURIER_CODES,
  maxBatch: MAX_NUMBERS_PER_CALL,
  configSchema,
  create: (config, ctx) => createSeventeenTrack(config, ctx),
});
