/**
 * 17TRACK v2.2 on the wire (couriers.md §2): the request and answer shapes, its error codes, the
 * carrier keys behind our courier codes, and the 9 main / 30 sub statuses mapped onto the
 * normalized model (§6.2). Pure: no HTTP here.
 */

import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { CourierCode } from "../../../core/shipments/couriers.js";
import type { ShipmentStatus, TrackingEvent } from "../../courier.js";

export const DEFAULT_BASE_URL = "https://api.17track.net/track/v2.2";
/** Numbers per call on every endpoint; more is refused whole with -18010014. */
export const MAX_NUMBERS_PER_CALL = 40;
/** Documented limit per API key; more answers HTTP 429. */
export const REQUESTS_PER_SECOND = 3;

export const ERROR = {
  ipNotWhitelisted: -18010001,
  invalidKey: -18010002,
  internal: -18010003,
  accountDisabled: -18010004,
  unauthorized: -18010005,
  fieldRequired: -18010010,
  invalidValue: -18010011,
  invalidFormat: -18010012,
  invalidData: -18010013,
  tooManyNumbers: -18010014,
  alreadyRegistered: -18019901,
  notRegistered: -18019902,
  carrierNotDetected: -18019903,
  dailyLimit: -18019907,
  quotaExhausted: -18019908,
  wrongCarrier: -18019910,
} as const;

/** Whole-account failures: the key, its IP whitelist, the account, its quota. */
export const ACCOUNT_ERRORS: ReadonlySet<number> = new Set([
  ERROR.ipNotWhitelisted,
  ERROR.invalidKey,
  ERROR.accountDisabled,
  ERROR.unauthorized,
  ERROR.dailyLimit,
  ERROR.quotaExhausted,
]);

/**
 * Carrier keys from 17TRACK's carrier list (wksw/17track-golang-sdk 17track_carrier.go; the four
 * international keys as public clients use them). JD domestic, Yunda and Deppon have no key in that
 * list: those numbers go without `carrier` and 17TRACK detects it. `carriers` in config overrides.
 */
export const CARRIER_KEYS: Partial<Record<CourierCode, number>> = {
  sf: 190766,
  zto: 190455,
  yto: 190157,
  sto: 190324,
  ems: 3013,
  chinapost: 3011,
  jtexpress: 190442,
  ups: 100002,
  fedex: 100003,
  usps: 21051,
  dhl: 100001,
  // couriers.md §2.1: 菜鸟 190271; 顺丰速运's international listing 100012 (190766 is its CN one).
  cainiao: 190271,
  sfintl: 100012,
};

export interface RegisterItem {
  number: string;
  carrier?: number;
  auto_detection?: boolean;
  tag?: string;
}

export interface InfoItem {
  number: string;
  carrier?: number;
}

export interface Rejected {
  number: string;
  tag?: string | null;
  error?: { code?: number; message?: string };
}

export interface WireEvent {
  time_iso?: string | null;
  time_utc?: string | null;
  description?: string | null;
  location?: string | null;
  stage?: string | null;
  sub_status?: string | null;
}

export interface TrackInfo {
  latest_status?: { status?: string | null; sub_status?: string | null; sub_status_descr?: string | null } | null;
  tracking?: { providers?: Array<{ provider?: { key?: number; name?: string } | null; events?: WireEvent[] | null }> | null } | null;
}

export interface AcceptedInfo {
  number: string;
  carrier?: number;
  tag?: string | null;
  track_info?: TrackInfo | null;
}

export interface AcceptedRegistration {
  number: string;
  carrier?: number;
  origin?: number;
}

/** `{code:0, data:{accepted, rejected}}`; a whole-call failure: `{code:<negative>, data:{errors:[{code,message}]}}`. */
export interface Envelope<A> {
  code?: number;
  data?: { accepted?: A[]; rejected?: Rejected[]; errors?: Array<{ code?: number; message?: string }> } | null;
}

const MAIN_STATUS: Record<string, ShipmentStatus> = {
  NotFound: "pending",
  InfoReceived: "info_received",
  InTransit: "in_transit",
  Expired: "expired",
  AvailableForPickup: "available_for_pickup",
  OutForDelivery: "out_for_delivery",
  DeliveryFailure: "failed_attempt",
  Delivered: "delivered",
  Exception: "exception",
};

/** Sub statuses whose meaning differs from their main status (§6.2); the rest follow the main one. */
const SUB_STATUS: Record<string, ShipmentStatus> = {
  DeliveryFailure_Rejected: "exception",
  Exception_Returning: "returning",
  Exception_Returned: "returned",
};

/** Milestone stages that events carry instead of a sub status. */
const STAGE: Record<string, ShipmentStatus> = {
  InfoReceived: "info_received",
  PickedUp: "in_transit",
  Departure: "in_transit",
  Arrival: "in_transit",
  AvailableForPickup: "available_for_pickup",
  OutForDelivery: "out_for_delivery",
  Delivered: "delivered",
  Returning: "returning",
  Returned: "returned",
  Failure: "failed_attempt",
};

/** Our status for a 17TRACK sub status ("InTransit_CustomsProcessing") or main status ("InTransit"); undefined when unknown. */
export function statusOf(code: string | null | undefined): ShipmentStatus | undefined {
  if (!code) return undefined;
  const sub = SUB_STATUS[code];
  if (sub) return sub;
  return MAIN_STATUS[code.split("_")[0] ?? ""];
}

export function statusOfStage(stage: string | null | undefined): ShipmentStatus | undefined {
  return stage ? STAGE[stage] : undefined;
}

function timeOf(e: WireEvent): Date | undefined {
  for (const text of [e.time_utc, e.time_iso]) {
    if (!text) continue;
    const at = new Date(text);
    if (!Number.isNaN(at.getTime())) return at;
  }
  return undefined;
}

/**
 * Every provider's events (a cross-border parcel has one list per leg), oldest first. An event with
 * neither a sub status nor a stage is a scan on the way: in transit.
 */
export function eventsOf(info: TrackInfo | null | undefined): TrackingEvent[] {
  const events: TrackingEvent[] = [];
  for (const provider of info?.tracking?.providers ?? []) {
    // 17TRACK lists newest first; reversed, a stable sort keeps same-instant events in carrier order.
    for (const wire of [...(provider.events ?? [])].reverse()) {
      const at = timeOf(wire);
      if (!at) continue;
      const raw = wire.sub_status || wire.stage || undefined;
      const event: TrackingEvent = {
        at,
        status: statusOf(wire.sub_status) ?? statusOfStage(wire.stage) ?? "in_transit",
        description: (wire.description ?? "").trim(),
      };
      if (wire.location) event.location = wire.location;
      if (raw) event.rawStatus = raw;
      events.push(event);
    }
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** "The format of 'x' is invalid. (-18010012)" */
export function describeRejection(r: Rejected): string {
  const code = r.error?.code;
  const message = (r.error?.message ?? "rejected").trim();
  return code === undefined ? message : `${message} (${code})`;
}

/**
 * Webhook check (§2.3): header `sign` = lowercase hex SHA-256 of the raw body + "/" + the key.
 * Constant-time comparison; hash the bytes as received.
 */
export function verifyWebhookSign(rawBody: string | Buffer, sign: string, key: string): boolean {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  const expected = createHash("sha256")
    .update(Buffer.concat([body, Buffer.from(`/${key}`, "utf8")]))
    .digest();
  const given = Buffer.from(sign.trim().toLowerCase(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// --- answer shapes, checked before use (adapters/wire-schema.ts): strict on what we read, loose on the rest.
const numbered = z.looseObject({ number: z.string() });
const eventSchema = z.looseObject({ time_iso: z.string().nullish(), time_utc: z.string().nullish(), description: z.string().nullish() });
const acceptedSchema = z.looseObject({
  number: z.string(),
  track_info: z
    .looseObject({
      tracking: z.looseObject({ providers: z.array(z.looseObject({ events: z.array(eventSchema).nullish() })).nullish() }).nullish(),
    })
    .nullish(),
});
/** A success: `{code:0, data:{accepted, rejected}}` (whole-call failures are turned into errors before). */
export const envelopeSchema = z.looseObject({
  data: z.looseObject({ accepted: z.array(acceptedSchema), rejected: z.array(numbered) }),
});
