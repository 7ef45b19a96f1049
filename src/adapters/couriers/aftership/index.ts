/**
 * The `aftership` courier: AfterShip Tracking API 2025-01 (couriers.md §3) with the `as-api-key`
 * header. A batch is one `GET /trackings?tracking_numbers=...` (up to 50 numbers); the numbers
 * AfterShip does not track yet are created with `POST /trackings` (one each; the answer is the new
 * tracking, so no second read), and a "tracking already exists" (4003) is read back instead.
 * AfterShip limits each endpoint separately and reports the budget in X-RateLimit-Limit /
 * -Remaining / -Reset on every answer: each endpoint gets its own gate that spends the window's
 * budget and waits for the reset, so a 429 stays rare; one that comes anyway waits for
 * Retry-After or the reset and is retried. `detect` asks POST /couriers/detect.
 */

import { z } from "zod";
import { isMessage, type Message, type MessageParam, msg } from "../../../core/i18n/index.js";
import { COURIER_CODES, type CourierCode, isCourierCode } from "../../../core/shipments/couriers.js";
import { AdapterError, createHttpClient, type HttpClient, type HttpRequest, parseRetryAfter } from "../../../http/index.js";
import { type CourierAdapter, defineCourier, type TrackingRequest, type TrackingResult } from "../../courier.js";
import { CursorTrail } from "../../pagination.js";
import type { AdapterContext } from "../../platform.js";
import { parseWire } from "../../wire-schema.js";
import { createWindowBudget, type WindowBudget } from "./budget.js";
import {
  createdSchema,
  DEFAULT_BASE_URL,
  type Envelope,
  eventsOf,
  MAX_NUMBERS_PER_LIST,
  META,
  PAGE_LIMIT,
  rateLimitOf,
  SLUGS,
  statusOf,
  type Tracking,
  type TrackingsPage,
  trackingsPageSchema,
} from "./wire.js";

export { createWindowBudget, type WindowBudget } from "./budget.js";
export { verifyWebhookHmac } from "./wire.js";

const httpSchema = z
  .object({
    timeoutMs: z.number().int().positive().optional(),
    /** One request's attempts and waits together (see HttpClientOptions.totalTimeoutMs). */
    totalTimeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(20).optional(),
    backoffBaseMs: z.number().int().min(0).optional(),
    backoffCapMs: z.number().int().min(0).optional(),
    /** Calls in flight per endpoint, default 8. */
    concurrency: z.number().int().positive().max(64).optional(),
  })
  .strict();

const configSchema = z
  .object({
    /** The API key sent as `as-api-key`, as `env:AFTERSHIP_API_KEY`. */
    apiKey: z.string().min(1),
    /** API base with its version, default https://api.aftership.com/tracking/2025-01 (tests point it at a fake on 127.0.0.1). */
    baseUrl: z.string().url().optional(),
    /** AfterShip slugs for our courier codes, over the built-in table (e.g. `{ jtexpress: "jtexpress" }`). */
    slugs: z.partialRecord(z.enum(COURIER_CODES), z.string().min(1)).optional(),
    http: httpSchema.optional(),
  })
  .strict();
export type AfterShipConfig = z.infer<typeof configSchema>;

const PLATFORM = "aftership";
const RATE_LIMITED = "RATE_LIMITED";
/** 429s one call may meet before the run gives up (each waits for the window to reset). */
const MAX_RATE_LIMITED = 20;
type Endpoint = "list" | "create" | "detect";

/** AfterShip may echo a number in another case; matching goes by this key. */
const keyOf = (number: string) => number.trim().toUpperCase();

/** 4xx meta codes that concern one number (bad format, unknown slug, courier not detected), not the account. */
function isPerNumberRefusal(error: unknown): error is AdapterError {
  return error instanceof AdapterError && (error.status === 400 || error.status === 422) && error.code !== String(META.invalidJson);
}

export interface AfterShipAdapter extends CourierAdapter {
  /** Calls per endpoint and how many waited for a rate-limit reset, for tests and bench. */
  readonly pacing: Record<Endpoint, { calls: number; waits: number; inFlight: number }>;
}

/** AfterShip's words in a refusal, without the HTTP status in front ("4005 …" rather than "400 4005 …"). */
function withoutStatus(detail: string | Message): MessageParam {
  return isMessage(detail) && detail.id === "http.with_status" ? detail.params?.message : detail;
}

export function createAfterShip(config: AfterShipConfig, ctx: AdapterContext): AfterShipAdapter {
  const slugs: Partial<Record<CourierCode, string>> = { ...SLUGS, ...config.slugs };
  const courierOfSlug = new Map<string, CourierCode>();
  for (const [code, slug] of Object.entries(slugs)) if (slug && !courierOfSlug.has(slug)) courierOfSlug.set(slug, code as CourierCode);
  const credentialHint = msg("adapter.aftership.credential_hint");
  const baseURL = (config.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");

  function client(budget: WindowBudget): HttpClient {
    return createHttpClient({
      platform: PLATFORM,
      baseURL,
      headers: { "as-api-key": config.apiKey, "content-type": "application/json" },
      secrets: [config.apiKey],
      timeoutMs: config.http?.timeoutMs ?? 30_000,
      ...(config.http?.totalTimeoutMs !== undefined ? { totalTimeoutMs: config.http.totalTimeoutMs } : {}),
      retries: config.http?.retries ?? 5,
      backoff: { baseMs: config.http?.backoffBaseMs ?? 500, capMs: config.http?.backoffCapMs ?? 20_000 },
      // Concurrency is the gate's: a permit queued for a slot here could be spent after the window resets.
      log: ctx.log,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.network?.allowInsecure ? { allowInsecure: true } : {}),
      describeError: (_status, body) => {
        const meta = (body as Envelope<unknown> | undefined)?.meta;
        return meta?.message ? { message: msg("adapter.aftership.said", { message: meta.message, code: String(meta.code) }) } : undefined;
      },
      classify: ({ status, headers, data }) => {
        const window = rateLimitOf(headers);
        if (window) budget.observe(window.limit, window.remaining, window.resetAt);
        const meta = data && typeof data === "object" ? (data as Envelope<unknown>).meta : undefined;
        if (status === 429) {
          // Not retried inside the client: the retry must queue at the gate with everyone else, or the
          // retries of one window would pile onto the next window's budget.
          const retryAfter = parseRetryAfter(headers["retry-after"]);
          budget.exhausted(retryAfter !== undefined ? (ctx.network?.pacingClock?.now() ?? Date.now()) + retryAfter : window?.resetAt);
          return { action: "fail", message: meta?.message ?? msg("adapter.courier.too_many_requests"), code: RATE_LIMITED };
        }
        if (status >= 400 && status < 500 && meta?.code !== undefined) {
          const said = meta.message ?? meta.type;
          const message = said
            ? msg("adapter.aftership.said", { message: said, code: String(meta.code) })
            : msg("adapter.aftership.refused_code", { code: String(meta.code) });
          const hint = status === 401 || status === 403 ? credentialHint : undefined;
          return { action: "fail", message, code: String(meta.code), ...(hint ? { hint } : {}) };
        }
        return undefined;
      },
    });
  }

  // The clock the budgets pace by: the wall clock, or a test's virtual one.
  const clock = ctx.network?.pacingClock;
  const budgets: Record<Endpoint, WindowBudget> = {
    list: createWindowBudget(8, clock),
    create: createWindowBudget(8, clock),
    detect: createWindowBudget(8, clock),
  };
  const clients: Record<Endpoint, HttpClient> = {
    list: client(budgets.list),
    create: client(budgets.create),
    detect: client(budgets.detect),
  };
  const calls: Record<Endpoint, number> = { list: 0, create: 0, detect: 0 };

  async function send<T>(endpoint: Endpoint, req: HttpRequest): Promise<T | undefined> {
    const budget = budgets[endpoint];
    for (let refused = 0; ; refused++) {
      await budget.acquire(ctx.signal);
      calls[endpoint]++;
      try {
        return (await clients[endpoint].request<Envelope<T>>(req)).data?.data;
      } catch (error) {
        if (!(error instanceof AdapterError && error.code === RATE_LIMITED) || refused >= MAX_RATE_LIMITED) throw error;
      } finally {
        budget.release();
      }
    }
  }

  function slugOf(request: TrackingRequest): string | undefined {
    const code = request.courier;
    return code !== undefined && isCourierCode(code) ? slugs[code] : undefined;
  }

  /** Every tracking AfterShip holds for these numbers, by number key. */
  async function list(numbers: readonly string[]): Promise<Map<string, Tracking[]>> {
    const found = new Map<string, Tracking[]>();
    let cursor: string | undefined;
    const trail = new CursorTrail({ platform: "aftership", storeName: ctx.storeName, what: msg("adapter.listing.trackings") });
    for (let page = 0; page < 100; page++) {
      const raw = await send<unknown>("list", {
        method: "GET",
        url: "trackings",
        params: { tracking_numbers: numbers.join(","), limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) },
      });
      const data = parseWire(trackingsPageSchema, raw, "GET /trackings", { platform: "aftership" }) as TrackingsPage;
      for (const t of data?.trackings ?? []) {
        const key = keyOf(t.tracking_number ?? "");
        found.set(key, [...(found.get(key) ?? []), t]);
      }
      if (!data?.pagination?.has_next_page) break;
      cursor = trail.next(data.pagination.next_cursor);
    }
    return found;
  }

  /**
   * The tracking that answers this request: the one under its slug when the courier is known, else the
   * first (AfterShip may have detected a sibling slug; a second tracking under ours would only duplicate it).
   */
  function pick(request: TrackingRequest, trackings: readonly Tracking[] | undefined): Tracking | undefined {
    if (!trackings || trackings.length === 0) return undefined;
    const slug = slugOf(request);
    return (slug ? trackings.find((t) => t.slug === slug) : undefined) ?? trackings[0];
  }

  async function create(request: TrackingRequest): Promise<Tracking | "exists" | { error: Message }> {
    const slug = slugOf(request);
    try {
      const raw = await send<unknown>("create", {
        method: "POST",
        url: "trackings",
        data: { tracking_number: request.trackingNumber.trim(), ...(slug ? { slug } : {}) },
        // Creating twice only earns a 4003, so a call lost to a dropped connection may be sent again.
        idempotent: true,
      });
      const data = parseWire(createdSchema, raw, "POST /trackings", { platform: "aftership" }) as Tracking | { tracking: Tracking };
      return "tracking" in data ? data.tracking : data;
    } catch (error) {
      if (error instanceof AdapterError && error.code === String(META.alreadyExists)) return "exists";
      if (isPerNumberRefusal(error)) return { error: msg("adapter.aftership.number_refused", { detail: withoutStatus(error.detail) }) };
      throw error;
    }
  }

  function resultOf(request: TrackingRequest, tracking: Tracking): TrackingResult {
    const events = eventsOf(tracking);
    const status = statusOf(tracking.tag, tracking.subtag) ?? events.at(-1)?.status ?? "pending";
    const result: TrackingResult = { ...request, status, events };
    if (request.courier === undefined && tracking.slug) {
      const courier = courierOfSlug.get(tracking.slug);
      if (courier) result.courier = courier;
    }
    return result;
  }

  async function trackChunk(chunk: readonly TrackingRequest[]): Promise<TrackingResult[]> {
    const keys = [...new Set(chunk.map((r) => keyOf(r.trackingNumber)).filter((k) => k !== ""))];
    const found =
      keys.length > 0
        ? await list(keys.map((k) => chunk.find((r) => keyOf(r.trackingNumber) === k)?.trackingNumber.trim() ?? k))
        : new Map();
    const answers = new Map<TrackingRequest, Tracking | { error: Message }>();
    const missing = chunk.filter((r) => keyOf(r.trackingNumber) !== "" && !pick(r, found.get(keyOf(r.trackingNumber))));
    // One create per distinct number + slug; duplicates in the batch share it.
    const creations = new Map<string, Promise<Tracking | "exists" | { error: Message }>>();
    for (const r of missing) {
      const id = `${keyOf(r.trackingNumber)}\u0000${slugOf(r) ?? ""}`;
      if (!creations.has(id)) creations.set(id, create(r));
    }
    // All awaited together: a failure rejects at once and leaves no other rejection unhandled.
    const created = new Map<string, Tracking | "exists" | { error: Message }>();
    await Promise.all([...creations].map(async ([id, pending]) => created.set(id, await pending)));
    const reread: TrackingRequest[] = [];
    for (const r of missing) {
      const outcome = created.get(`${keyOf(r.trackingNumber)}\u0000${slugOf(r) ?? ""}`);
      if (outcome === "exists") reread.push(r);
      else if (outcome !== undefined) answers.set(r, outcome);
    }
    if (reread.length > 0) {
      const again = await list([...new Set(reread.map((r) => r.trackingNumber.trim()))]);
      for (const r of reread) {
        const tracking = pick(r, again.get(keyOf(r.trackingNumber)));
        answers.set(r, tracking ?? { error: msg("adapter.aftership.exists_unlisted") });
      }
    }
    return chunk.map((request) => {
      if (keyOf(request.trackingNumber) === "")
        return { ...request, status: "pending", events: [], error: msg("adapter.courier.empty_number") };
      const answer = answers.get(request) ?? pick(request, found.get(keyOf(request.trackingNumber)));
      if (!answer) return { ...request, status: "pending", events: [], error: msg("adapter.aftership.nothing_said") };
      if ("error" in answer) return { ...request, status: "pending", events: [], error: answer.error };
      return resultOf(request, answer);
    });
  }

  return {
    async track(batch) {
      const results: TrackingResult[] = [];
      for (let i = 0; i < batch.length; i += MAX_NUMBERS_PER_LIST) {
        results.push(...(await trackChunk(batch.slice(i, i + MAX_NUMBERS_PER_LIST))));
      }
      return results;
    },
    async detect(trackingNumber) {
      const data = await send<{ total?: number; couriers?: Array<{ slug?: string }> }>("detect", {
        method: "POST",
        url: "couriers/detect",
        data: { tracking_number: trackingNumber.trim() },
        idempotent: true,
      });
      const ours: string[] = [];
      for (const c of data?.couriers ?? []) {
        const code = c.slug ? courierOfSlug.get(c.slug) : undefined;
        if (code && !ours.includes(code)) ours.push(code);
      }
      return ours;
    },
    get pacing() {
      return {
        list: { calls: calls.list, waits: budgets.list.waits, inFlight: budgets.list.inFlight },
        create: { calls: calls.create, waits: budgets.create.waits, inFlight: budgets.create.inFlight },
        detect: { calls: calls.detect, waits: budgets.detect.waits, inFlight: budgets.detect.inFlight },
      };
    },
  };
}

export default defineCourier<AfterShipConfig>({
  name: "aftership",
  description: "AfterShip Tracking API: 1,000+ carriers, 50 numbers a read, paced by its X-RateLimit headers",
  couriers: COURIER_CODES,
  maxBatch: MAX_NUMBERS_PER_LIST,
  configSchema,
  create: (config, ctx) => createAfterShip(config, ctx),
});
