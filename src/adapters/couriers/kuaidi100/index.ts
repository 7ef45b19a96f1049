/**
 * The `kuaidi100` courier: Kuaidi100's real-time query (`POST /poll/query.do`, form fields customer /
 * param / sign with sign = UPPER(MD5(param + key + customer))) and its autonumber company detection
 * (couriers.md §1). One number per query. Kuaidi100 locks a waybill that is queried more often than
 * every 30 minutes, so the definition declares minRequeryMinutes (the sync service keeps that across
 * runs) and the adapter itself answers a repeat within 30 minutes from what it was told last time.
 */

import { z } from "zod";
import { type Message, msg } from "../../../core/i18n/index.js";
import { type CourierCode, isCourierCode } from "../../../core/shipments/couriers.js";
import { AdapterError, createHttpClient, type HttpClient } from "../../../http/index.js";
import { type CourierAdapter, defineCourier, type TrackingEvent, type TrackingRequest, type TrackingResult } from "../../courier.js";
import type { AdapterContext } from "../../platform.js";
import { parseWire } from "../../wire-schema.js";
import {
  COURIER_OF_COM,
  KUAIDI100_COM,
  overallStatus,
  PHONE_REQUIRED_COMS,
  queryAnswerSchema,
  querySign,
  statusOfCode,
  statusOfName,
} from "./wire.js";

export const KUAIDI100_QUERY_URL = "https://poll.kuaidi100.com";
/** The reference gives http://www.kuaidi100.com; merchops sends credentials over https only. */
export const KUAIDI100_AUTONUMBER_URL = "https://www.kuaidi100.com";
export const REQUERY_MINUTES = 30;

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
    /** 授权码 customer (company id) from the Kuaidi100 console. */
    customer: z.string().min(1),
    /** The API key (授权key), as `env:KD100_KEY`. */
    key: z.string().min(1),
    /**
     * The sender's phone (or its last 4 digits): Kuaidi100 needs it to query SF and ZTO waybills.
     * Only the last 4 digits are sent.
     */
    phone: z
      .string()
      .regex(/^\+?[\d\s-]{4,20}$/, "digits only: the sender's phone or its last 4 digits")
      .optional(),
    /** Query endpoint base, default https://poll.kuaidi100.com (tests point it at a fake on 127.0.0.1). */
    baseUrl: z.string().url().optional(),
    /** Autonumber endpoint base, default https://www.kuaidi100.com, or baseUrl when only that is set. */
    autonumberUrl: z.string().url().optional(),
    /** Language of the event texts: zh (default) or en. */
    lang: z.enum(["zh", "en"]).optional(),
    /** Kuaidi100 publishes no per-second limit; merchops stays at 5 queries a second unless told otherwise. */
    requestsPerSecond: z.number().positive().optional(),
    http: httpSchema.optional(),
  })
  .strict();
export type Kuaidi100Config = z.infer<typeof configSchema>;

/** A success answer (§1.1); every value is a string. */
interface QueryAnswer {
  message?: string;
  nu?: string;
  ischeck?: string;
  com?: string;
  status?: string;
  state?: string;
  data?: Array<{
    time?: string;
    ftime?: string;
    context?: string;
    areaName?: string;
    location?: string;
    status?: string;
    statusCode?: string;
  }>;
}

/** The failure shape: `{result:false, returnCode, message}` inside HTTP 200. */
interface FailureAnswer {
  result: false;
  returnCode?: string | number;
  message?: string;
}

function isFailure(data: unknown): data is FailureAnswer {
  if (!data || typeof data !== "object") return false;
  const d = data as Record<string, unknown>;
  return d.result === false || (d.returnCode !== undefined && String(d.returnCode) !== "200" && d.data === undefined);
}

/**
 * Answers that condemn the whole account rather than one number. 503 (bad signature) is the reference's
 * placeholder; 601 (key expired or out of balance) is inferred from Kuaidi100's console texts.
 */
const ACCOUNT_CODES = new Set(["503", "601"]);
const ACCOUNT_TEXT = /签名|sign|key|授权|过期|余额|customer/i;
const LOCK_TEXT = /锁|频繁|频率|too\s+(often|frequent)/i;

/** Kuaidi100 times are Asia/Shanghai wall-clock strings ("2026-03-01 08:15:00"); China has no DST. */
export function shanghaiTime(text: string | undefined): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec((text ?? "").trim());
  if (!m) return undefined;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}+08:00`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function lastFourDigits(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  const digits = phone.replace(/\D/g, "");
  return digits.length >= 4 ? digits.slice(-4) : undefined;
}

/** Events oldest first. Kuaidi100 sends newest first; reversing before a stable sort keeps same-minute events in order. */
function eventsOf(answer: QueryAnswer, overall: TrackingResult["status"]): TrackingEvent[] {
  const rows = [...(answer.data ?? [])].reverse();
  const events: TrackingEvent[] = [];
  for (const [i, row] of rows.entries()) {
    const at = shanghaiTime(row.ftime) ?? shanghaiTime(row.time);
    if (!at) continue;
    const isNewest = i === rows.length - 1;
    const status = statusOfCode(row.statusCode) ?? statusOfName(row.status) ?? (isNewest ? overall : "in_transit");
    const event: TrackingEvent = { at, status, description: (row.context ?? "").trim() };
    const location = row.areaName ?? row.location;
    if (location) event.location = location;
    const raw = row.statusCode ?? row.status;
    if (raw !== undefined && raw !== "") event.rawStatus = raw;
    events.push(event);
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function perNumberError(failure: FailureAnswer): Message {
  const code = failure.returnCode === undefined ? "" : `${failure.returnCode} `;
  // Kuaidi100's own code and words.
  const said = `${code}${failure.message ?? "no result"}`.trim();
  if (LOCK_TEXT.test(failure.message ?? "")) return msg("adapter.kuaidi100.locked", { said });
  if (String(failure.returnCode) === "500") return msg("adapter.kuaidi100.no_record", { said });
  return msg("adapter.kuaidi100.refused", { said });
}

interface Remembered {
  at: number;
  result: Promise<TrackingResult>;
}

export function createKuaidi100(config: Kuaidi100Config, ctx: AdapterContext): CourierAdapter {
  const queryBase = (config.baseUrl ?? KUAIDI100_QUERY_URL).replace(/\/+$/, "");
  const autonumberBase = (config.autonumberUrl ?? config.baseUrl ?? KUAIDI100_AUTONUMBER_URL).replace(/\/+$/, "");
  const phone = lastFourDigits(config.phone);
  const windowMs = REQUERY_MINUTES * 60_000;
  const credentialHint = msg("adapter.kuaidi100.credential_hint");

  const http: HttpClient = createHttpClient({
    platform: "kuaidi100",
    baseURL: queryBase,
    secrets: [config.key],
    timeoutMs: config.http?.timeoutMs ?? 20_000,
    ...(config.http?.totalTimeoutMs !== undefined ? { totalTimeoutMs: config.http.totalTimeoutMs } : {}),
    retries: config.http?.retries ?? 3,
    backoff: { baseMs: config.http?.backoffBaseMs ?? 500, capMs: config.http?.backoffCapMs ?? 10_000 },
    rateLimit: { requestsPerSecond: config.requestsPerSecond ?? 5, concurrency: config.http?.concurrency ?? 4 },
    ...(ctx.network?.pacingClock ? { pacingClock: ctx.network.pacingClock } : {}),
    log: ctx.log,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.network?.allowInsecure ? { allowInsecure: true } : {}),
    describeError: (_status, body) => (isFailure(body) ? { message: `${body.returnCode ?? ""} ${body.message ?? ""}`.trim() } : undefined),
    classify: ({ status, data }) => {
      if (status !== 200 || !isFailure(data)) return undefined;
      const code = String(data.returnCode ?? "");
      const message = (data.message ?? "").trim();
      if (ACCOUNT_CODES.has(code) || (code !== "500" && ACCOUNT_TEXT.test(message) && !LOCK_TEXT.test(message))) {
        const said = message ? `${code} ${message}`.trim() : msg("adapter.kuaidi100.refused_code", { code });
        return { action: "fail", message: said, hint: credentialHint, code };
      }
      return undefined;
    },
  });

  /** When each number was last asked about, and what Kuaidi100 said (also while the answer is in flight). */
  const remembered = new Map<string, Remembered>();
  let insertsSincePrune = 0;

  function prune(now: number): void {
    if (++insertsSincePrune < 1000) return;
    insertsSincePrune = 0;
    for (const [num, entry] of remembered) if (now - entry.at >= windowMs) remembered.delete(num);
  }

  async function detectComs(num: string): Promise<string[]> {
    const res = await http.request<unknown>({ method: "GET", url: `${autonumberBase}/autonumber/auto`, params: { num, key: config.key } });
    const data = res.data;
    if (!Array.isArray(data)) {
      const message = data && typeof data === "object" ? String((data as { message?: unknown }).message ?? "") : "";
      throw new AdapterError(msg(message ? "adapter.kuaidi100.autonumber_said" : "adapter.kuaidi100.autonumber", { message }), {
        platform: "kuaidi100",
        code: "AUTONUMBER",
        hint: msg("adapter.kuaidi100.autonumber_hint"),
      });
    }
    return data.map((c) => String((c as { comCode?: unknown }).comCode ?? "")).filter((c) => c !== "");
  }

  async function query(request: TrackingRequest, com: string): Promise<TrackingResult> {
    const num = request.trackingNumber.trim();
    const param = JSON.stringify({ com, num, ...(phone ? { phone } : {}), resultv2: "4", ...(config.lang ? { lang: config.lang } : {}) });
    const form = new URLSearchParams({ customer: config.customer, sign: querySign(param, config.key, config.customer), param });
    // Not idempotent for the client: a retry after a timeout would ask about the number again and risk the lock.
    const res = await http.post<unknown>("/poll/query.do", form.toString(), {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      idempotent: false,
    });
    const data = res.data;
    if (isFailure(data)) return { ...request, status: "pending", events: [], error: perNumberError(data) };
    if (!data || typeof data !== "object") {
      throw new AdapterError(msg("adapter.kuaidi100.not_object"), {
        platform: "kuaidi100",
        code: "MALFORMED_JSON",
        hint: msg("adapter.courier.check_base_url_hint"),
      });
    }
    const answer = parseWire(queryAnswerSchema, data, "POST /poll/query.do", { platform: "kuaidi100" }) as QueryAnswer;
    const newestFirst = answer.data ?? [];
    const status = newestFirst.length === 0 ? "pending" : overallStatus(answer.state, newestFirst[0]?.statusCode, answer.ischeck);
    return { ...request, status, events: eventsOf(answer, status) };
  }

  /** The company to ask for: ours mapped, or an error text; undefined when the request names no courier. */
  function comOf(request: TrackingRequest): string | { error: Message } | undefined {
    if (request.courier === undefined || request.courier === "") return undefined;
    const com = isCourierCode(request.courier) ? KUAIDI100_COM[request.courier] : undefined;
    return (
      com ?? { error: msg("adapter.kuaidi100.unknown_courier", { courier: request.courier, known: Object.keys(KUAIDI100_COM).join(", ") }) }
    );
  }

  function rememberedResult(request: TrackingRequest, now: number): Promise<TrackingResult> | undefined {
    const previous = remembered.get(request.trackingNumber.trim());
    if (!previous || now - previous.at >= windowMs) return undefined;
    // Echo this request (its courier may be absent), with what Kuaidi100 said last time.
    return previous.result.then(({ trackingNumber: _number, courier: _courier, ...answer }) => ({ ...request, ...answer }));
  }

  /** Registers the query before it is sent, synchronously, so a concurrent request for the same number waits for it. */
  function startQuery(request: TrackingRequest, com: string, now: number): Promise<TrackingResult> {
    const num = request.trackingNumber.trim();
    if (PHONE_REQUIRED_COMS.has(com) && !phone) {
      return Promise.resolve({
        ...request,
        status: "pending",
        events: [],
        error: msg("adapter.kuaidi100.phone_needed"),
      });
    }
    const pending = query(request, com);
    remembered.set(num, { at: now, result: pending });
    prune(now);
    return pending.catch((error: unknown) => {
      // A failed call says nothing about the number; the next run may ask again (the sync service keeps the clock across runs).
      if (remembered.get(num)?.result === pending) remembered.delete(num);
      throw error;
    });
  }

  async function trackOne(request: TrackingRequest): Promise<TrackingResult> {
    const now = ctx.now().getTime();
    const cached = rememberedResult(request, now);
    if (cached) return cached;
    let com = comOf(request);
    if (com === undefined) {
      const [first] = await detectComs(request.trackingNumber.trim());
      const afterDetect = rememberedResult(request, now);
      if (afterDetect) return afterDetect;
      com = first ?? { error: msg("adapter.kuaidi100.company_unknown") };
    }
    if (typeof com !== "string") return { ...request, status: "pending", events: [], error: com.error };
    return startQuery(request, com, now);
  }

  return {
    async track(batch) {
      return Promise.all(batch.map((request) => trackOne(request)));
    },
    async detect(trackingNumber) {
      const coms = await detectComs(trackingNumber.trim());
      const ours: CourierCode[] = [];
      for (const com of coms) {
        const code = COURIER_OF_COM[com];
        if (code && !ours.includes(code)) ours.push(code);
      }
      return ours;
    },
  };
}

export default defineCourier<Kuaidi100Config>({
  name: "kuaidi100",
  description: "Kuaidi100 (快递100) real-time query: Chinese and international couriers, one number per call, 30 minutes between queries",
  couriers: Object.keys(KUAIDI100_COM) as CourierCode[],
  maxBatch: 1,
  minRequeryMinutes: REQUERY_MINUTES,
  configSchema,
  create: (config, ctx) => createKuaidi100(config, ctx),
});
