/** Reading the values the three affiliate APIs send: yuan as strings or numbers, fen as integers, ids as either. */
import { parseMoney } from "../../core/values.js";

const CURRENCY = "CNY";

/** "88.00", 88, 59.9 (yuan) -> minor units; null for absent or unreadable. */
export function yuan(value: unknown): number | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  if (typeof value === "string" && value.trim() === "") return null;
  const minor = parseMoney(value, CURRENCY);
  return typeof minor === "number" && minor >= 0 ? minor : null;
}

/** Integer fen (Pinduoduo) -> minor units (CNY has 2 digits: the same number). */
export function fen(value: unknown): number | null {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function formBody(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}
