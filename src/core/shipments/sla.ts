/**
 * Delivery SLA rules and their evaluation (reference/couriers.md §7). Three rules, each a limit
 * in config under `shipments.sla`:
 *
 * - firstScanHours: the label is printed (or the parcel handed over) and the courier has not
 *   scanned it within N hours ("not picked up");
 * - deliveryDays: delivered more than N days (N x 24 h) after shipping; an open parcel past that
 *   is already late;
 * - stuckHours: an open parcel the courier has scanned has had no event for N hours.
 *
 * Rules resolve most specific first: courier + region, region, courier, default, then the built-in
 * defaults below (domestic China vs cross-border).
 *
 * ```yaml
 * shipments:
 *   sla:
 *     default: { firstScanHours: 24, deliveryDays: 5, stuckHours: 48 }
 *     sf: { deliveryDays: 3, regions: { 新疆: { deliveryDays: 6 } } }
 *     regions: { 西藏: { deliveryDays: 8, stuckHours: 96 } }
 * ```
 */
import { z } from "zod";
import { lookupKey } from "../attributes/normalize.js";
import { english, type Message, msg, schemaMessage } from "../i18n/index.js";
import { COURIER_CODES, type CourierCode, courierInfo, isCourierCode } from "./couriers.js";
import { isOpen, type ShipmentStatus } from "./status.js";

export interface SlaRules {
  firstScanHours: number;
  deliveryDays: number;
  stuckHours: number;
}

/**
 * Domestic China: first scan within 24 h of the label and no 48 h silence in transit (§7's
 * suggestions); delivery within 5 days covers the slowest standard domestic services to remote
 * provinces (express couriers such as SF usually deliver in 1-3: tighten per courier).
 */
export const DEFAULT_SLA: Readonly<SlaRules> = { firstScanHours: 24, deliveryDays: 5, stuckHours: 48 };
/** Cross-border (UPS, FedEx, USPS, DHL, YunExpress): 72 h to a first scan, 7-day line-haul silences, 15 days door to door. */
export const DEFAULT_SLA_CROSS_BORDER: Readonly<SlaRules> = { firstScanHours: 72, deliveryDays: 15, stuckHours: 168 };

const hours = z
  .number()
  .positive()
  .max(24 * 365);
const days = z.number().positive().max(365);

const ruleFields = {
  firstScanHours: hours.optional(),
  deliveryDays: days.optional(),
  stuckHours: hours.optional(),
};
/** One set of limits; every field optional (missing ones come from the next, broader level). */
export const slaRulesSchema = z.object(ruleFields).strict();
export type SlaRule = z.infer<typeof slaRulesSchema>;

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
// z.record silently drops a "__proto__" key: refuse reserved names on the raw input, before it does.
const regionsSchema = z
  .unknown()
  .superRefine((raw, ctx) => {
    if (typeof raw !== "object" || raw === null) return;
    for (const key of Object.keys(raw)) {
      if (RESERVED.has(key) || key.trim() === "")
        ctx.addIssue({ code: "custom", message: schemaMessage(msg("sla.not_region", { key })), path: [key] });
    }
  })
  .pipe(z.record(z.string(), slaRulesSchema))
  .optional();

const courierRulesSchema = z.object({ ...ruleFields, regions: regionsSchema }).strict();

const slaShape: Record<string, z.ZodType> = { default: slaRulesSchema.optional(), regions: regionsSchema };
for (const code of COURIER_CODES) slaShape[code] = courierRulesSchema.optional();

export const slaConfigSchema = z.object(slaShape).strict() as unknown as z.ZodType<SlaConfig>;

export type SlaConfig = {
  default?: SlaRule;
  regions?: Record<string, SlaRule>;
} & { [K in CourierCode]?: SlaRule & { regions?: Record<string, SlaRule> } };

/** The `shipments:` key of merchops.config.yaml. */
export const shipmentsConfigSchema = z.object({ sla: slaConfigSchema.optional() }).strict() as unknown as z.ZodType<ShipmentsConfig>;
export type ShipmentsConfig = { sla?: SlaConfig };

const REGION_SUFFIXES =
  /(维吾尔自治区|維吾爾自治區|壮族自治区|壯族自治區|回族自治区|回族自治區|特别行政区|特別行政區|自治区|自治區|省|市)$/u;

/** "新疆维吾尔自治区" -> "新疆", "广东省" -> "广东", " Guangdong " -> "guangdong": how regions compare. */
export function normalizeRegion(region: string): string {
  const key = lookupKey(region);
  const bare = key.replace(REGION_SUFFIXES, "");
  return bare === "" ? key : bare;
}

function regionRule(regions: Record<string, SlaRule> | undefined, region: string | undefined): SlaRule | undefined {
  if (!regions || region === undefined) return undefined;
  const wanted = normalizeRegion(region);
  for (const [name, rule] of Object.entries(regions)) if (normalizeRegion(name) === wanted) return rule;
  return undefined;
}

/** The limits for one shipment: courier + region, region, courier, default, built-in (first set wins per field). */
export function resolveSlaRules(config: SlaConfig | undefined, courier: string, destination?: string): SlaRules {
  const code = isCourierCode(courier) ? courier : undefined;
  const builtIn = code && !courierInfo(code).domestic ? DEFAULT_SLA_CROSS_BORDER : DEFAULT_SLA;
  const courierConfig = code ? config?.[code] : undefined;
  const levels: (SlaRule | undefined)[] = [
    regionRule(courierConfig?.regions, destination),
    regionRule(config?.regions, destination),
    courierConfig,
    config?.default,
  ];
  const pick = (field: keyof SlaRules): number => {
    for (const level of levels) {
      const v = level?.[field];
      if (v !== undefined) return v;
    }
    return builtIn[field];
  };
  return { firstScanHours: pick("firstScanHours"), deliveryDays: pick("deliveryDays"), stuckHours: pick("stuckHours") };
}

export interface SlaShipment {
  courier: string;
  destination?: string;
  /** Label printed / shipment information sent to the courier. */
  labelAt?: Date;
  /** Handed over to the courier (the warehouse's 发货时间). */
  shippedAt?: Date;
  firstScanAt?: Date;
  deliveredAt?: Date;
  lastEventAt?: Date;
  status: ShipmentStatus;
}

export type SlaRuleName = "first_scan" | "delivery" | "stuck";

export interface SlaBreach {
  rule: SlaRuleName;
  /** In the rule's unit: hours for first_scan and stuck, days for delivery. */
  limit: number;
  /** Same unit, one decimal. */
  actual: number;
  /** English, for the machine columns (CSV, JSON); `text` is the same as a catalog message. */
  message: string;
  text: Message;
}

export interface SlaEvaluation {
  breaches: SlaBreach[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const oneDecimal = (n: number): number => Math.round(n * 10) / 10;
/** As text: the figures read as computed ("80.5"), not regrouped by the catalog's number format. */
const amounts = (actual: number, limit: number) => ({ actual: String(actual), limit: String(limit) });

/**
 * The rules a shipment breaks at `now`. Missing timestamps make a rule not apply (never a breach):
 * first_scan needs labelAt (or shippedAt), delivery needs shippedAt (or labelAt), stuck needs a
 * first scan and a last event. A rule is only broken strictly past its limit.
 */
export function evaluateSla(shipment: SlaShipment, rules: SlaRules, now: Date): SlaEvaluation {
  const breaches: SlaBreach[] = [];
  const open = isOpen(shipment.status);
  const nowMs = now.getTime();

  const labelAt = shipment.labelAt ?? shipment.shippedAt;
  if (labelAt) {
    const scannedAt = shipment.firstScanAt?.getTime() ?? (open ? nowMs : undefined);
    if (scannedAt !== undefined) {
      const waited = (scannedAt - labelAt.getTime()) / HOUR;
      if (waited > rules.firstScanHours) {
        const actual = oneDecimal(waited);
        const text = msg(shipment.firstScanAt ? "sla.first_scan" : "sla.not_scanned", amounts(actual, rules.firstScanHours));
        breaches.push({ rule: "first_scan", limit: rules.firstScanHours, actual, message: english(text), text });
      }
    }
  }

  const shippedAt = shipment.shippedAt ?? shipment.labelAt;
  if (shippedAt) {
    // Delivered: judged by the delivery time; still open: by now; returned or expired undelivered: not a delivery.
    const endMs = shipment.deliveredAt?.getTime() ?? (open ? nowMs : undefined);
    if (endMs !== undefined) {
      const took = (endMs - shippedAt.getTime()) / DAY;
      if (took > rules.deliveryDays) {
        const actual = oneDecimal(took);
        const text = msg(shipment.deliveredAt ? "sla.delivered_late" : "sla.not_delivered", amounts(actual, rules.deliveryDays));
        breaches.push({ rule: "delivery", limit: rules.deliveryDays, actual, message: english(text), text });
      }
    }
  }

  if (open && shipment.firstScanAt && shipment.lastEventAt) {
    const silent = (nowMs - shipment.lastEventAt.getTime()) / HOUR;
    if (silent > rules.stuckHours) {
      const actual = oneDecimal(silent);
      const text = msg("sla.stuck", amounts(actual, rules.stuckHours));
      breaches.push({ rule: "stuck", limit: rules.stuckHours, actual, message: english(text), text });
    }
  }
  return { breaches };
}

/**
 * For the on-time delivery rate: true when delivered within deliveryDays of shipping (labelAt when
 * shippedAt is missing); null when not delivered or the timestamps are missing, which the rate
 * leaves out (n/a, never counted as late).
 */
export function deliveredOnTime(shipment: SlaShipment, rules: SlaRules): boolean | null {
  if (shipment.status !== "delivered" || !shipment.deliveredAt) return null;
  const shippedAt = shipment.shippedAt ?? shipment.labelAt;
  if (!shippedAt) return null;
  return shipment.deliveredAt.getTime() - shippedAt.getTime() <= rules.deliveryDays * DAY;
}
