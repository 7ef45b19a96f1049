/**
 * Machine output as a contract: every `--json` document is defined once as a zod schema (see
 * src/services/schemas) and produced THROUGH it. `conform` walks the schema, not the data: each
 * snake_case field of an object takes the value under that name or its camelCase twin, so a report
 * built with TypeScript's camelCase fields is published with the schema's snake_case keys, while
 * records (maps keyed by data: SKUs, statuses, metric ids) keep their keys as they are. Fields the
 * schema does not name are not published. Timestamps are written in one format: ISO 8601 with the
 * store's UTC offset, to the second. The result is then parsed by the same schema, so a document
 * that breaks its contract fails here, in the tests, never silently at the user's end.
 */
import { z } from "zod";
import { offsetMs } from "./time.js";

/** Bumped only when a published field is renamed, removed or changes meaning; adding fields keeps it. */
export const SCHEMA_VERSION = 1 as const;

export const schemaVersion = z.literal(SCHEMA_VERSION).describe("Version of this document's shape; see docs/schemas/README.md");

/** The one timestamp format of machine output. */
export const timestamp = z.iso
  .datetime({ offset: true, precision: 0 })
  .regex(/[+-]\d\d:\d\d$/, "an explicit UTC offset, not Z")
  .describe("ISO 8601 date-time to the second with the UTC offset of the store's time zone (2026-11-25T09:00:00+08:00)");

/** A calendar day in the store's time zone. */
export const day = z.iso.date().describe("A day (YYYY-MM-DD) in the store's time zone");

/** An amount of money in integer minor units (fen, cents) of the document's currency. */
export const minor = z.number().int().describe("Money in integer minor units of the currency (fen, cents)");

export const count = z.number().int().nonnegative();

/** A fraction 0..1 (or beyond, for change): never a percent string. */
export const fraction = z.number().describe("A fraction (0.032 = 3.2%)");

const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** 2026-11-25T01:00:00.123Z in Asia/Shanghai -> 2026-11-25T09:00:00+08:00. */
export function isoWithOffset(instant: Date | number | string, tz = "UTC"): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === "number" ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) return String(instant);
  const seconds = Math.floor(ms / 1000) * 1000;
  const off = offsetMs(seconds, tz);
  const local = new Date(seconds + off).toISOString().slice(0, 19);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}

export interface ConformOptions {
  /** Time zone of the timestamps' offsets (the store's); UTC when the document has no store. */
  tz?: string;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function conformValue(schema: z.ZodType, value: unknown, opts: ConformOptions): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "nullable":
      // Absent where the contract says "or null" is null: the field is there, saying n/a.
      if (value === undefined || value === null) return null;
      return conformValue(def.innerType as z.ZodType, value, opts);
    case "optional":
    case "default":
    case "readonly":
      if (value === undefined || value === null) return value;
      return conformValue(def.innerType as z.ZodType, value, opts);
    case "pipe":
      return conformValue(def.in as z.ZodType, value, opts);
    case "lazy":
      return conformValue((def.getter as () => z.ZodType)(), value, opts);
    case "object": {
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const v = conformValue(sub, key in value ? value[key] : value[camel(key)], opts);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case "record":
      if (!isPlainObject(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, conformValue(def.valueType as z.ZodType, v, opts)]));
    case "array":
      return Array.isArray(value) ? value.map((v) => conformValue(def.element as z.ZodType, v, opts)) : value;
    case "union": {
      // The first option the value fits, once conformed.
      for (const option of def.options as z.ZodType[]) {
        const c = conformValue(option, value, opts);
        if (option.safeParse(c).success) return c;
      }
      return value;
    }
    case "literal":
      // A constant of the contract (schema_version, money_unit) is the schema's to say.
      return value === undefined && (def.values as unknown[]).length === 1 ? (def.values as unknown[])[0] : value;
    case "string":
      if (def.format === "datetime" && (value instanceof Date || typeof value === "string" || typeof value === "number")) {
        return isoWithOffset(value, opts.tz);
      }
      return value instanceof Date ? value.toISOString() : value;
    default:
      return value;
  }
}

/** Builds the published document from a report: schema keys, one timestamp format, then checked by the schema. */
export function conform<S extends z.ZodType>(schema: S, value: unknown, opts: ConformOptions = {}): z.output<S> {
  return schema.parse(conformValue(schema, value, opts));
}
