/**
 * AdapterError: what every remote failure becomes (exit 5). Built only from redacted text and plain
 * values — never from an axios error, whose config carries the request headers (tokens).
 */
import { RemoteError } from "../core/errors.js";

export interface AdapterErrorOptions {
  platform: string;
  storeName?: string;
  status?: number;
  /** A network code (ECONNRESET, ETIMEDOUT, ...) or the platform's own error code. */
  code?: string;
  hint?: string;
}

/** "[shopify] " or "[shopify:main] ". */
export function platformPrefix(platform: string, storeName?: string): string {
  return `[${storeName ? `${platform}:${storeName}` : platform}] `;
}

export class AdapterError extends RemoteError {
  readonly platform: string;
  readonly storeName: string | undefined;
  readonly status: number | undefined;
  readonly code: string | undefined;

  /** `detail` is the text after the prefix: "401 Invalid API key or access token". Pass it already redacted. */
  constructor(detail: string, options: AdapterErrorOptions) {
    super(`${platformPrefix(options.platform, options.storeName)}${detail}`, options.hint);
    this.platform = options.platform;
    this.storeName = options.storeName;
    this.status = options.status;
    this.code = options.code;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, hint: this.hint, platform: this.platform, status: this.status, code: this.code };
  }
}

/** The next step for a refused request, by status; `undefined` when nothing better than the message can be said. */
export function hintForStatus(status: number, platform: string): string | undefined {
  if (status === 401) return `check the ${platform} credential in the env var your config names (the token may be revoked)`;
  if (status === 403) return "the credential lacks a permission (scope) — see `merchops adapters check`";
  if (status === 404) return "check the store address";
  if (status === 429) return "the platform is rate limiting this store; run again later";
  if (status >= 500) return "the platform failed; run again later";
  return undefined;
}
