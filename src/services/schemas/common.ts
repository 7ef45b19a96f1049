/**
 * Pieces shared by the machine-output schemas: the envelope every document starts with, and the
 * value kinds (timestamps, days, money in minor units) each document uses the same way.
 */
import { z } from "zod";
import { count, day, minor, schemaVersion, timestamp } from "../../core/contract.js";

export { count, day, minor, schemaVersion, timestamp };

export const period = z.strictObject({
  first: day,
  last: day,
  label: z.string().describe('How the period was asked for ("yesterday", "last-7-days", "2026-11-01..2026-11-07")'),
});

export const storeRef = z.strictObject({ name: z.string(), platform: z.string() });

/** A problem in an input file, located so a person can find it. */
export const located = {
  file: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
};
