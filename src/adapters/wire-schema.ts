/**
 * Every answer a remote system sends is read through a zod schema before an adapter touches it.
 * The schemas are lenient on what we do not use (extra fields are dropped, never refused) and strict on
 * what we do: a field that is missing, renamed or of another type gives one clear remote failure (exit 5)
 * naming the request and the field — `[woocommerce:wc] unexpected response from GET /orders:
 * line_items[0].name is missing` — instead of a TypeError deep inside a mapper (exit 1, "internal error").
 */
import type { z } from "zod";
import { type Message, msg } from "../core/i18n/index.js";
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

/** What a value is, as the message's select names it ("list", "html", "number"). */
function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "object";
  if (typeof v === "string") return /^\s*</.test(v) ? "html" : "text";
  return typeof v;
}

/** zod's expected type, as the message's select names it. */
const EXPECTED: Record<string, string> = {
  string: "text",
  number: "number",
  boolean: "true_false",
  array: "list",
  object: "object",
};

/** One readable sentence for a schema's first complaint: "line_items[0].name is missing". */
export function describeIssue(data: unknown, issue: z.core.$ZodIssue): Message {
  const path = formatPath(issue.path);
  const subject = path === "" ? msg("adapter.wire.the_answer") : path;
  if (issue.code === "invalid_type") {
    const at = valueAt(data, issue.path);
    if (!at.found || at.value === undefined) return msg("adapter.wire.missing", { subject });
    const expected = msg("adapter.wire.kind", { kind: EXPECTED[issue.expected] ?? issue.expected });
    return msg("adapter.wire.is_not_expected", { subject, kind: msg("adapter.wire.kind", { kind: kindOf(at.value) }), expected });
  }
  if (issue.code === "invalid_union") {
    const at = valueAt(data, issue.path);
    if (!at.found || at.value === undefined) return msg("adapter.wire.missing", { subject });
    return msg("adapter.wire.unreadable", { subject, kind: msg("adapter.wire.kind", { kind: kindOf(at.value) }) });
  }
  // zod's own sentence for the rarer checks (a refinement, a pattern).
  return msg("adapter.wire.other", { subject, message: issue.message });
}

/** "order 1234", or "order #7 of the listing" when the record has no id: which record of a list an issue is in. */
export function recordName(noun: string, id: unknown, position: number): Message {
  return typeof id === "number" || typeof id === "string"
    ? msg("adapter.wire.record", { noun, id: String(id) })
    : msg("adapter.wire.record_at", { noun, n: position });
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
  /** Which record of a list this is, e.g. "order 1234" (see recordName): the field path is then relative to it. */
  record?: Message,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // The first complaint is enough to act on; the others are usually the same field on the next lines.
  const first = result.error.issues[0] as z.core.$ZodIssue;
  const problem = describeIssue(data, first);
  const detail = record ? msg("adapter.wire.unexpected_in", { what, problem, record }) : msg("adapter.wire.unexpected", { what, problem });
  throw new AdapterError(detail, {
    platform: source.platform,
    ...(source.storeName !== undefined ? { storeName: source.storeName } : {}),
    code: "UNEXPECTED_RESPONSE",
    hint: msg("adapter.wire.unexpected_hint"),
  });
}
