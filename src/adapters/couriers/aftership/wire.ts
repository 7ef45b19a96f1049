/**
 * AfterShip Tracking API on the wire (couriers.md §3): the `{meta, data}` envelope, tracking and
 * checkpoint shapes, meta codes, slugs behind our courier codes, the tag / subtag statuses mapped
 * onto the normalized model (§6.2), and the X-RateLimit-* headers. Pure: no HTTP here.
 */

import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { CourierCode } from "../../../core/shipments/couriers.js";
import type { ShipmentStatus, TrackingEvent } from "../../courier.js";

export const DEFAULT_BASE_URL = "https://api.aftership.com/tracking/2025-01";
/** GET /trackings takes up to 50 comma-separated numbers in `tracking_numbers`. */
export const MAX_NUMBERS_PER_LIST = 50;
/** Most trackings one page of GET /trackings returns. */
export const PAGE_LIMIT = 200;

export const META = {
  invalidJson: 4001,
  alreadyExists: 4003,
  notFound: 4004,
  numberInvalid: 4005,
  slugInvalid: 4010,
  cannotDetect: 4012,
  numberFormatInvalid: 4017,
  unauthorized: 401,
  tooManyRequests: 429,
} as const;

/**
 * AfterShip slugs (couriers.md §3; `slugs` in config overrides or adds any of them). Couriers
 * without one here are sent without a slug, and AfterShip detects the courier itself: no slug is
 * written from memory, a wrong one would track the number with the wrong carrier.
 */
export const SLUGS: Readonly<Partial<Record<CourierCode, string>>> = {
  sf: "sf-express",
  jd: "jd",
  zto: "zto-express",
  yto: "yto",
  sto: "sto",
  yunda: "yunda",
  ems: "china-ems",
  chinapost: "china-post",
  jtexpress: "jtexpress-cn",
  deppon: "deppon",
  ups: "ups",
  fedex: "fedex",
  usps: "usps",
  dhl: "dhl",
  yunexpress: "yunexpress",
};

export interface Envelope<T> {
  meta?: { code?: number; message?: string; type?: string };
  data?: T;
}

export interface Checkpoint {
  checkpoint_time?: string | null;
  message?: string | null;
  location?: string | null;
  city?: string | null;
  state?: string | null;
  country_region?: string | null;
  tag?: string | null;
  subtag?: string | null;
  raw_tag?: string | null;
}

export interface Tracking {
  id?: string;
  tracking_number: string;
  slug?: string | null;
  tag?: string | null;
  subtag?: string | null;
  checkpoints?: Checkpoint[] | null;
}

export interface TrackingsPage {
  pagination?: { total?: number; next_cursor?: string | null; has_next_page?: boolean };
  trackings?: Tracking[];
}

const TAG: Record<string, ShipmentStatus> = {
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

/** Subtags whose meaning differs from their tag (§6.2): the return flow, and a customs hold, which our model counts as transit. */
const SUBTAG: Record<string, ShipmentStatus> = {
  Exception_004: "in_transit",
  Exception_010: "returning",
  Exception_011: "returned",
};

/** Our status for a tag + subtag; the subtag wins when it says more ("Exception_010" -> returning). */
export function statusOf(tag: string | null | undefined, subtag?: string | null): ShipmentStatus | undefined {
  if (subtag) {
    const special = SUBTAG[subtag];
    if (special) return special;
    const fromSubtag = TAG[subtag.split("_")[0] ?? ""];
    if (fromSubtag && !tag) return fromSubtag;
  }
  return tag ? TAG[tag] : undefined;
}

/** AfterShip gives checkpoint times in the checkpoint's zone, with or without an offset; a bare time is read as UTC. */
export function checkpointTime(text: string | null | undefined): Date | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const at = new Date(hasZone ? trimmed : `${trimmed}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Checkpoints oldest first; a checkpoint without a tag is a scan on the way. */
export function eventsOf(tracking: Tracking): TrackingEvent[] {
  const events: TrackingEvent[] = [];
  for (const cp of tracking.checkpoints ?? []) {
    const at = checkpointTime(cp.checkpoint_time);
    if (!at) continue;
    const event: TrackingEvent = { at, status: statusOf(cp.tag, cp.subtag) ?? "in_transit", description: (cp.message ?? "").trim() };
    const location = cp.location || [cp.city, cp.state, cp.country_region].filter(Boolean).join(", ");
    if (location) event.location = location;
    const raw = cp.subtag || cp.tag;
    if (raw) event.rawStatus = raw;
    events.push(event);
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** X-RateLimit-Limit / -Remaining / -Reset (unix seconds, possibly fractional) from lower-cased headers. */
export function rateLimitOf(headers: Record<string, string>): { limit: number; remaining: number; resetAt: number } | undefined {
  const limit = Number(headers["x-ratelimit-limit"]);
  const remaining = Number(headers["x-ratelimit-remaining"]);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (![limit, remaining, reset].every((n) => Number.isFinite(n)) || headers["x-ratelimit-reset"] === undefined) return undefined;
  return { limit, remaining, resetAt: reset * 1000 };
}

/** Webhook check (§3.5): `aftership-hmac-sha256` = Base64(HMAC-SHA256(secret, raw body)), compared in constant time. */
export function verifyWebhookHmac(rawBody: string | Buffer, signature: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(signature.trim(), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// --- answer shapes, checked before use (adapters/wire-schema.ts): strict on what we read, loose on the rest.
const nullableText = z.string().nullish();
const checkpointSchema = z.looseObject({
  checkpoint_time: nullableText,
  message: nullableText,
  tag: nullableText,
  subtag: nullableText,
});
export const trackingSchema = z.looseObject({
  tracking_number: z.string(),
  slug: nullableText,
  tag: nullableText,
  subtag: nullableText,
  checkpoints: z.array(checkpointSchema).nullish(),
});
export const trackingsPageSchema = z.looseObject({
  pagination: z.looseObject({ next_cursor: nullableText, has_next_page: z.boolean().optional() }).optional(),
  trackings: z.array(trackingSchema),
});
/** A create answers the tracking itself, or (older versions) wrapped as `{tracking}`. */
export const createdSchema = z.union([trackingSchema, z.looseObject({ tracking: trackingSchema })]);
