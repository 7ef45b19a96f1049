/**
 * AdapterError: what every remote failure becomes (exit 5). Built only from redacted text and plain
 * values — never from an axios error, whose config carries the request headers (tokens).
 */
import { RemoteError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";

export interface AdapterErrorOptions {
  platform: string;
  storeName?: string;
  status?: number;
  /** A network code (ECONNRESET, ETIMEDOUT, ...) or the platform's own error code. */
  code?: string;
  /** The next step: a catalog message (rendered in the run's language) or a final text. */
  hint?: string | Message;
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
  /** What follows the prefix, as given: a catalog message or the platform's own words. */
  readonly detail: string | Message;

  /**
   * `detail` is what follows the prefix: "401 Invalid API key or access token", or a catalog message whose
   * params quote the platform's own words. Pass it already redacted.
   */
  constructor(detail: string | Message, options: AdapterErrorOptions) {
    super(msg("adapter.error", { prefix: platformPrefix(options.platform, options.storeName), detail }), options.hint);
    this.platform = options.platform;
    this.storeName = options.storeName;
    this.status = options.status;
    this.code = options.code;
    this.detail = detail;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, hint: this.hint, platform: this.platform, status: this.status, code: this.code };
  }
}

/** The next step for a refused request, by status; `undefined` when nothing better than the message can be said. */
export function hintForStatus(status: number, platform: string): Message | undefined {
  if (status === 401) return msg("http.hint.401", { platform });
  if (status === 403) return msg("http.hint.403");
  if (status === 404) return msg("http.hint.404");
  if (status === 429) return msg("http.hint.429");
  if (status >= 500) return msg("http.hint.5xx");
  return undefined;
}
