/**
 * Every answer a remote system sends is read through a zod schema before an adapter touches it.
 * The schemas are lenient on what we do not use (extra fields are dropped, never refused) and strict on
 * what we do: a field that is missing, renamed or of another type gives one clear remote failure (exit 5)
 * naming the request and the field — `[woocommerce:wc] unexpected response from GET /orders:
 * line_items[0].name is missing` — instead of a TypeError deep inside a mapper (exit 1, "internal error").
 */
import type { z } from "zod";
import { AdapterError } from "../http/index.js";

export interface WireSource {
  platform: string;
  storeName?: string;
}

/** `["line_items", 0, "name"]` -> "line_items[0].name". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, key as string)) return { found: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: cur };
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return /^\s*</.test(v) ? "an HTML page" : "text";
  return `a ${typeof v}`;
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true/false",
  array: "a list",
  object: "an object",
};

/** One readable sentence for a schema's first complaint: "line_items[0].name is missing". */
export function describeIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  const subject = path === "" ? "the answer" : path;
  if (issue.code === "invalid_type") {
    const at = valueAt(data, issue.path);
    if (!at.found || at.value === undefined) return `${subject} is missing`;
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    return `${subject} is ${kindOf(at.value)}, expected ${expected}`;
  }
  if (issue.code === "invalid_union") {
    const at = valueAt(data, issue.path);
    if (!at.found || at.value === undefined) return `${subject} is missing`;
    return `${subject} is ${kindOf(at.value)}, not a value merchops can read`;
  }
  return `${subject}: ${issue.message}`;
}

/**
 * Parses `data` with `schema`, or throws an AdapterError (exit 5) naming `what` ("GET /orders") and the
 * first offending field.
 */
export function parseWire<S extends z.ZodType>(
  schema: S,
  data: unknown,
  what: string,
  source: WireSource,
  /** Which record of a list this is, e.g. "order 1234": the field path is then relative to it. */
  record?: string,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // The first complaint is enough to act on; the others are usually the same field on the next lines.
  const first = result.error.issues[0] as z.core.$ZodIssue;
  const which = record ? ` (${record})` : "";
  throw new AdapterError(`unexpected response from ${what}: ${describeIssue(data, first)}${which}`, {
    platform: source.platform,
    ...(source.storeName !== undefined ? { storeName: source.storeName } : {}),
    code: "UNEXPECTED_RESPONSE",
    hint: "the platform answered in a shape merchops does not know (a plugin or proxy changing the API, or an API version merchops does not support); run with --verbose and report it",
  });
}
