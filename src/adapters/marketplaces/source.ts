/**
 * A marketplace price source: asks one affiliate API for the keyword's offers, page by page in the
 * marketplace's own order (sales volume by default), until `limit` offers or the end. Rate limits
 * and platform failures the API reports inside HTTP 200 are retried by the HTTP client within the
 * source's retries (classify in the wire module), then reported as a remote failure (exit 5).
 */
import { msg } from "../../core/i18n/index.js";
import type { SourceOffer } from "../../core/pricing/snapshot.js";
import { AdapterError, createHttpClient, type HttpClientOptions } from "../../http/index.js";
import { AnswerShapeError, type MarketplaceCredentials, type MarketplaceSort, type MarketplaceWire } from "./types.js";

export interface MarketplaceSourceOptions {
  /** The configured source's name, for messages ("[taobao:tb] ..."). */
  name: string;
  wire: MarketplaceWire;
  credentials: MarketplaceCredentials;
  /** The router address; the platform's own by default (a fake on 127.0.0.1 in tests). */
  gateway?: string;
  sort: MarketplaceSort;
  /** Retries of a rate-limited or failed request, default 3. */
  retries?: number;
  now: () => Date;
  /** Pacing, private-address refusal, proxy, logging, abort: what every source's client gets. */
  http: Pick<HttpClientOptions, "log" | "signal" | "allowInsecure" | "blockPrivate" | "rateLimit" | "backoff" | "lookup">;
}

export interface MarketplaceSource {
  search(query: string, limit: number): Promise<SourceOffer[]>;
}

/** Pages never past this: a TOP10 needs one page; a wrong total must not loop for ever. */
const MAX_PAGES = 10;

export function openMarketplaceSource(opts: MarketplaceSourceOptions): MarketplaceSource {
  const { wire, credentials } = opts;
  const gateway = new URL(opts.gateway ?? wire.defaultGateway);
  const http = createHttpClient({
    ...opts.http,
    platform: wire.name,
    storeName: opts.name,
    baseURL: gateway.origin,
    retries: opts.retries ?? 3,
    // Never in a log or an error: the secret, and the key and ids that identify the account.
    secrets: [credentials.appSecret, credentials.appKey, credentials.adzoneId, credentials.pid].filter(
      (s): s is string => typeof s === "string" && s.length > 0,
    ),
    classify: (res) => wire.classify(res),
  });
  const path = `${gateway.pathname}${gateway.search}`;

  async function page(query: string, pageNo: number, pageSize: number, cursor: string | undefined) {
    const req = wire.request({ query, page: pageNo, pageSize, sort: opts.sort, ...(cursor ? { cursor } : {}) }, credentials, opts.now());
    // A search changes nothing: safe to send again after a timeout.
    const res = await http.post<unknown>(path, req.body, { headers: { "content-type": req.contentType }, idempotent: true });
    try {
      return wire.parse(res.data);
    } catch (e) {
      const problem =
        e instanceof AnswerShapeError ? msg("adapter.market.no_field", { field: e.field }) : e instanceof Error ? e.message : String(e);
      throw new AdapterError(msg("adapter.market.unexpected", { problem, label: wire.label }), {
        platform: wire.name,
        storeName: opts.name,
        hint: msg("adapter.market.unexpected_hint"),
      });
    }
  }

  return {
    async search(query, limit) {
      const pageSize = Math.min(wire.maxPageSize, Math.max(wire.minPageSize, limit));
      const out: SourceOffer[] = [];
      let cursor: string | undefined;
      for (let p = 1; p <= MAX_PAGES && out.length < limit; p++) {
        const answer = await page(query, p, pageSize, cursor);
        out.push(...answer.offers);
        cursor = answer.cursor;
        const seen = (p - 1) * pageSize + answer.offers.length;
        if (answer.offers.length < pageSize || (answer.total !== undefined && seen >= answer.total)) break;
      }
      return out.slice(0, limit);
    },
  };
}
