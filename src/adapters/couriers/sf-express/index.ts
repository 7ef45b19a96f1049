/**
 * The `sf-express` courier: SF Express's open platform (顺丰开放平台 / 丰桥) route query
 * EXP_RECE_SEARCH_ROUTES (couriers.md §4): a form POST to /std/service signed with msgDigest (Java
 * URLEncoder semantics, see wire.ts), up to 10 waybills per call, answers inside HTTP 200 as a gateway
 * envelope (apiResultCode) around a business result (apiResultData, a JSON string). Gateway refusals
 * (bad signature, no permission, IP not allowed) fail the whole call; an invalid waybill in a batch is
 * isolated by asking for the batch's numbers one by one.
 */

import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type Message, type MessageId, msg } from "../../../core/i18n/index.js";
import type { CourierCode } from "../../../core/shipments/couriers.js";
import { AdapterError, createHttpClient, type HttpClient } from "../../../http/index.js";
import { clockSkewRefusal } from "../../clock-skew.js";
import { type CourierAdapter, defineCourier, type TrackingEvent, type TrackingRequest, type TrackingResult } from "../../courier.js";
import type { AdapterContext } from "../../platform.js";
import { parseWire } from "../../wire-schema.js";
import {
  businessResultSchema,
  msgDigest,
  routeStatus,
  SF_BUSINESS,
  SF_CALLS_PER_SECOND,
  SF_GATEWAY,
  SF_MAX_NUMBERS,
  SF_SERVICE_ROUTES,
  type SfRoute,
} from "./wire.js";

export const SF_ENDPOINT = "https://bspgw.sf-express.com/std/service";
export const SF_SANDBOX_ENDPOINT = "https://sfapi-sbox.sf-express.com/std/service";

const httpSchema = z
  .object({
    timeoutMs: z.number().int().positive().optional(),
    /** One request's attempts and waits together (see HttpClientOptions.totalTimeoutMs). */
    totalTimeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(20).optional(),
    backoffBaseMs: z.number().int().min(0).optional(),
    backoffCapMs: z.number().int().min(0).optional(),
    concurrency: z.number().int().positive().max(64).optional(),
  })
  .strict();

const configSchema = z
  .object({
    /** 顾客编码 (partnerID) from the SF open platform console. */
    partnerId: z.string().min(1),
    /** The 校验码 checkWord, as `env:SF_CHECKWORD` (named `secret` so the config loader refuses a literal). */
    secret: z.string().min(1),
    /** Last 4 digits of the sender's or recipient's phone (checkPhoneNo), for accounts that validate it. */
    phone: z
      .string()
      .regex(/^\+?[\d\s-]{4,20}$/, "digits only: the sender's phone or its last 4 digits")
      .optional(),
    /** Service address, default the production gateway; the sandbox is https://sfapi-sbox.sf-express.com/std/service. */
    baseUrl: z.string().url().optional(),
    /** Route texts language, default zh-CN. */
    language: z.string().min(2).max(10).optional(),
    /** SF allows 30 calls a second per interface; merchops stays at 20 unless told otherwise. */
    requestsPerSecond: z.number().positive().max(SF_CALLS_PER_SECOND).optional(),
    http: httpSchema.optional(),
  })
  .strict();
export type SfExpressConfig = z.infer<typeof configSchema>;

interface GatewayAnswer {
  apiResultCode?: string;
  apiErrorMsg?: string;
  apiResponseID?: string;
  apiResultData?: unknown;
}

interface BusinessResult {
  success?: boolean;
  errorCode?: string;
  errorMsg?: string | null;
  msgData?: { routeResps?: Array<{ mailNo?: string; routes?: SfRoute[] }> } | null;
}

/** The next step for each gateway refusal (§4.1). */
const GATEWAY_HINTS: Readonly<Record<string, MessageId>> = {
  [SF_GATEWAY.badRequest]: "adapter.sf.hint.bad_request",
  [SF_GATEWAY.tokenExpired]: "adapter.sf.hint.token_expired",
  [SF_GATEWAY.ipNotAllowed]: "adapter.sf.hint.ip_not_allowed",
  [SF_GATEWAY.noPermission]: "adapter.sf.hint.no_permission",
  [SF_GATEWAY.badSignature]: "adapter.sf.hint.bad_signature",
  [SF_GATEWAY.sandbox]: "adapter.sf.hint.sandbox",
};
const RETRYABLE_GATEWAY = new Set<string>([SF_GATEWAY.rateLimited, SF_GATEWAY.targetFailed, SF_GATEWAY.systemError]);

/** SF times are Asia/Shanghai wall-clock strings ("2026-03-01 08:15:00"); China has no DST. */
function shanghaiTime(text: string | undefined): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec((text ?? "").trim());
  if (!m) return undefined;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}+08:00`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Events oldest first, without the repeats SF feeds carry (same opCode, time and remark). */
export function eventsOfRoutes(routes: readonly SfRoute[]): TrackingEvent[] {
  const seen = new Set<string>();
  const events: TrackingEvent[] = [];
  for (const route of routes) {
    const at = shanghaiTime(route.acceptTime);
    if (!at) continue;
    const key = `${route.opCode ?? ""}|${route.acceptTime}|${route.remark ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const event: TrackingEvent = { at, status: routeStatus(route), description: (route.remark ?? "").trim() };
    if (route.acceptAddress) event.location = route.acceptAddress;
    const op = route.opCode === undefined ? undefined : String(route.opCode);
    if (op !== undefined) event.rawStatus = route.reasonCode !== undefined && route.reasonCode !== "" ? `${op}+${route.reasonCode}` : op;
    events.push(event);
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The latest event's status, except that a delivered parcel only moves on into a return or an exception. */
function overallStatus(events: readonly TrackingEvent[]): TrackingResult["status"] {
  const latest = events.at(-1)?.status;
  if (latest === undefined) return "pending";
  const delivered = events.some((e) => e.status === "delivered");
  if (delivered && !["delivered", "returning", "returned", "exception"].includes(latest)) return "delivered";
  return latest;
}

type Outcome = { routes: SfRoute[] } | { error: Message };

function lastFourDigits(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  const digits = phone.replace(/\D/g, "");
  return digits.length >= 4 ? digits.slice(-4) : undefined;
}

export function createSfExpress(config: SfExpressConfig, ctx: AdapterContext): CourierAdapter {
  const phone = lastFourDigits(config.phone);
  const language = config.language ?? "zh-CN";
  const fail = (detail: Message, code: string, hint?: Message) =>
    new AdapterError(detail, { platform: "sf-express", code, ...(hint !== undefined ? { hint } : {}) });

  const http: HttpClient = createHttpClient({
    platform: "sf-express",
    baseURL: config.baseUrl ?? SF_ENDPOINT,
    secrets: [config.secret],
    timeoutMs: config.http?.timeoutMs ?? 20_000,
    ...(config.http?.totalTimeoutMs !== undefined ? { totalTimeoutMs: config.http.totalTimeoutMs } : {}),
    retries: config.http?.retries ?? 4,
    backoff: { baseMs: config.http?.backoffBaseMs ?? 500, capMs: config.http?.backoffCapMs ?? 10_000 },
    rateLimit: { requestsPerSecond: config.requestsPerSecond ?? 20, concurrency: config.http?.concurrency ?? 4 },
    log: ctx.log,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.network?.allowInsecure ? { allowInsecure: true } : {}),
    ...(ctx.network?.pacingClock ? { pacingClock: ctx.network.pacingClock } : {}),
    classify: ({ status, data }) => {
      if (status !== 200 || !data || typeof data !== "object") return undefined;
      const code = (data as GatewayAnswer).apiResultCode;
      if (code === undefined || code === SF_GATEWAY.ok) return undefined;
      const message = `${code} ${(data as GatewayAnswer).apiErrorMsg ?? ""}`.trim();
      const skew = clockSkewRefusal("SF Express", message, code);
      if (skew) return skew;
      if (RETRYABLE_GATEWAY.has(code))
        return { action: "retry", reason: message, ...(code === SF_GATEWAY.rateLimited ? { waitMs: 1_000 } : {}) };
      return { action: "fail", message, code, hint: msg(GATEWAY_HINTS[code] ?? "adapter.sf.hint.gateway") };
    },
  });

  async function call(numbers: readonly string[]): Promise<BusinessResult> {
    const msgData = JSON.stringify({
      language,
      trackingType: "1",
      trackingNumber: numbers,
      methodType: "1",
      ...(phone ? { checkPhoneNo: phone } : {}),
    });
    const timestamp = String(ctx.now().getTime());
    const form = new URLSearchParams({
      partnerID: config.partnerId,
      requestID: randomUUID(),
      serviceCode: SF_SERVICE_ROUTES,
      timestamp,
      msgDigest: msgDigest(msgData, timestamp, config.secret),
      msgData,
    });
    // A route query changes nothing, so a retry after a timeout is safe.
    const res = await http.post<GatewayAnswer>("", form.toString(), {
      headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" },
      idempotent: true,
    });
    const gateway = res.data;
    if (!gateway || typeof gateway !== "object" || gateway.apiResultCode !== SF_GATEWAY.ok) {
      throw fail(msg("adapter.sf.no_result_code"), "MALFORMED", msg("adapter.sf.hint.base_url"));
    }
    const raw = gateway.apiResultData;
    const business = (value: unknown) =>
      parseWire(businessResultSchema, value, `${SF_SERVICE_ROUTES} apiResultData`, { platform: "sf-express" }) as BusinessResult;
    if (raw && typeof raw === "object") return business(raw);
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(raw ?? ""));
    } catch {
      throw fail(msg("adapter.sf.malformed_result"), "MALFORMED_JSON", msg("adapter.sf.hint.unreadable"));
    }
    return business(parsed);
  }

  /** Routes per number for at most SF_MAX_NUMBERS distinct numbers. */
  async function routesOf(numbers: readonly string[]): Promise<Map<string, Outcome>> {
    const result = await call(numbers);
    const outcomes = new Map<string, Outcome>();
    if (result.success === false) {
      const code = result.errorCode ?? "";
      const text = `${code} ${result.errorMsg ?? ""}`.trim();
      if (code === SF_BUSINESS.invalidWaybill) {
        if (numbers.length === 1) {
          outcomes.set(numbers[0] as string, { error: msg("adapter.sf.unknown_waybill", { said: text }) });
          return outcomes;
        }
        // SF refuses the whole batch for one bad waybill; asking one by one tells which.
        for (const n of numbers) for (const [k, v] of await routesOf([n])) outcomes.set(k, v);
        return outcomes;
      }
      throw fail(msg("adapter.sf.route_refused", { said: text }), code || "BUSINESS", msg("adapter.sf.hint.contact"));
    }
    for (const resp of result.msgData?.routeResps ?? []) {
      if (resp.mailNo) outcomes.set(resp.mailNo.trim(), { routes: resp.routes ?? [] });
    }
    for (const n of numbers) if (!outcomes.has(n)) outcomes.set(n, { error: msg("adapter.sf.nothing") });
    return outcomes;
  }

  return {
    async track(batch: readonly TrackingRequest[]): Promise<TrackingResult[]> {
      const distinct = [...new Set(batch.map((r) => r.trackingNumber.trim()))];
      const chunks: string[][] = [];
      for (let i = 0; i < distinct.length; i += SF_MAX_NUMBERS) chunks.push(distinct.slice(i, i + SF_MAX_NUMBERS));
      const outcomes = new Map<string, Outcome>();
      for (const found of await Promise.all(chunks.map((chunk) => routesOf(chunk)))) for (const [k, v] of found) outcomes.set(k, v);
      return batch.map((request) => {
        const outcome = outcomes.get(request.trackingNumber.trim());
        if (!outcome || "error" in outcome) {
          return { ...request, status: "pending", events: [], error: outcome?.error ?? msg("adapter.sf.nothing") };
        }
        const events = eventsOfRoutes(outcome.routes);
        return { ...request, status: overallStatus(events), events };
      });
    },
  };
}

export default defineCourier<SfExpressConfig>({
  name: "sf-express",
  description: "SF Express (顺丰) open platform route query EXP_RECE_SEARCH_ROUTES, 10 waybills per call",
  couriers: ["sf"] satisfies CourierCode[],
  maxBatch: SF_MAX_NUMBERS,
  configSchema,
  create: (config, ctx) => createSfExpress(config, ctx),
});
