/**
 * merchops.config.yaml, as zod sees it. Top-level and section keys are strict: a typo is an error
 * naming the key, not a silently ignored setting. A store's own keys are checked by its adapter's
 * configSchema once the platform is known.
 */

import { z } from "zod";
import { attributesConfigSchema } from "../core/attributes/index.js";
import { digestConfigSchema, notifyConfigSchema, validPeriod } from "../core/digest/config.js";
import { LANG_CHOICES, msg, schemaMessage, toLocale } from "../core/i18n/index.js";
import { PERIOD_SYNTAX } from "../core/period.js";
import { pricesConfigSchema } from "../core/pricing/config.js";
import { REASON_CATEGORIES } from "../core/returns/reasons.js";
import { slaConfigSchema } from "../core/shipments/index.js";
import { isValidTimeZone } from "../core/time.js";

export const CONVERSION_BASES = ["buyers-per-visitor", "orders-per-session", "orders-per-visitor"] as const;

const fraction = z.number().min(0).max(1);

/** An IANA time zone, checked when the config is loaded (not when a report first needs it). */
const timeZoneSpec = z
  .string()
  .min(1)
  .refine((v) => isValidTimeZone(v), { message: schemaMessage(msg("values.config.time_zone")) });

/** A period expression, checked for its syntax (the days resolve at run time). */
const periodSpec = z.string().refine(validPeriod, { message: schemaMessage(msg("values.config.period", { syntax: PERIOD_SYNTAX })) });

export const thresholdsSchema = z
  .object({
    conversionRateMin: fraction,
    conversionRateMax: fraction,
    organicShareMin: fraction,
    roasMin: z.number().min(0),
    returnRateMax: fraction,
    csatMin: fraction,
    chatFirstResponseMaxSeconds: z.number().positive(),
    ticketFirstResponseMaxHours: z.number().positive(),
    ticketWithinTargetMin: fraction,
    resolutionRateMin: fraction,
    onTimeDeliveryMin: fraction,
  })
  .partial()
  .strict();

export const storeSchema = z.looseObject({
  platform: z.string().min(1),
  timezone: timeZoneSpec.optional(),
});

export const configSchema = z
  .object({
    defaultStore: z.string().min(1).optional(),
    /** IANA zone for "yesterday" and daily buckets, e.g. Asia/Shanghai. */
    timezone: timeZoneSpec.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, schemaMessage(msg("values.config.currency_code")))
      .optional(),
    lang: z.enum(LANG_CHOICES).transform(toLocale).optional(),
    /** Path of the state store (SQLite), relative to the config file. */
    state: z.string().min(1).optional(),
    plugins: z.array(z.string().min(1)).optional(),
    stores: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, schemaMessage(msg("values.config.store_name"))), storeSchema).optional(),
    couriers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    returns: z
      .object({
        period: periodSpec.optional(),
        basis: z.enum(["cohort", "period"]).optional(),
        /** Fraction: 0.15 = 15%. */
        threshold: fraction.optional(),
        minUnits: z.number().int().min(1).optional(),
        /** Days customers have to return: cohorts younger than this are immature. */
        windowDays: z.number().int().min(0).optional(),
        sizeSkewRatio: z.number().min(1).optional(),
        reasonShare: fraction.optional(),
        /** Extra keywords per reason category, tried before the built-in ones. */
        reasons: z.partialRecord(z.enum(REASON_CATEGORIES), z.array(z.string().min(1))).optional(),
      })
      .strict()
      .optional(),
    shipments: z
      .object({
        /** Delivery promises per courier and destination region (first scan, delivery, stuck). */
        sla: slaConfigSchema.optional(),
        /** Which configured tracking provider tracks which courier: { default: kuaidi100, sf: sf-express }. */
        providers: z.record(z.string().min(1), z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    /** Extensions of the variant attribute dictionaries: synonyms, new attributes, free-form ones. */
    attributes: attributesConfigSchema.optional(),
    catalog: z
      .object({
        /** SEO keywords a product's title or description should contain (warnings only). */
        keywords: z.array(z.string().min(1)).optional(),
        /** Products per write batch (and per journal checkpoint). */
        batchSize: z.number().int().min(1).max(5000).optional(),
        /** Attribute values the dictionary does not know are errors, not warnings (`--strict-attributes`). */
        strictAttributes: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** Competitor price monitoring: sources, query -> our product mapping, top N, per-host delay. */
    prices: pricesConfigSchema.optional(),
    /** Size limits for reading untrusted files (io/limits.ts; README "Limits"). */
    limits: z
      .object({
        xlsxExpandedMB: z.number().int().min(1).optional(),
        xlsxRatio: z.number().min(1).optional(),
        cellChars: z.number().int().min(1000).optional(),
        rowMB: z.number().int().min(1).max(1024).optional(),
        xlsxSheets: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    /** The morning digest: period and staleness limit. */
    digest: digestConfigSchema.optional(),
    /** Where digests are delivered: WeCom, DingTalk, Feishu, Slack, e-mail; secrets as env:NAME. */
    notify: notifyConfigSchema.optional(),
    kpi: z
      .object({
        period: periodSpec.optional(),
        compare: z.enum(["previous", "none"]).optional(),
        conversionBasis: z.enum(CONVERSION_BASES).optional(),
        thresholds: thresholdsSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type MerchopsConfig = z.infer<typeof configSchema>;
export type StoreConfig = z.infer<typeof storeSchema>;

/** Keys whose values are credentials: only `env:NAME` references are accepted for them. */
export const SECRET_KEY =
  /(token|secret|password|passwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|^key$|^sign(ing)?key$)/i;
export const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;
