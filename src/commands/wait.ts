import { UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";

export const DEFAULT_WAIT_SECONDS = 600;

/** `--wait` alone waits the default; `--wait 30` waits 30 s; absent means do not wait. */
export function waitSeconds(value: string | boolean | undefined): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_WAIT_SECONDS;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(msg("usage.wait_invalid", { value: String(value) }), msg("usage.wait_hint"));
  return n;
}
