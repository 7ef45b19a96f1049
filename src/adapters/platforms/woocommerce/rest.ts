/**
 * The REST v3 calls of the WooCommerce adapter, each answer parsed through its schema (wire.ts) so a
 * missing or renamed field is a remote failure naming the request and the field, never a crash.
 */
import { z } from "zod";
import type { HttpClient, HttpRequest } from "../../../http/index.js";
import { PageNumbers, ShiftingListing } from "../../pagination.js";
import { parseWire, recordName, type WireSource } from "../../wire-schema.js";

type Params = Record<string, string | number | boolean | undefined>;

export interface WooRest {
  readonly http: HttpClient;
  get<S extends z.ZodType>(schema: S, url: string, params?: Params): Promise<z.output<S>>;
  post<S extends z.ZodType>(schema: S, url: string, data: unknown, opts?: Partial<HttpRequest>): Promise<z.output<S>>;
  /** Pages through a collection lazily: page/per_page until X-WP-TotalPages; each item parsed with `item`. */
  pages<S extends z.ZodType>(item: S, url: string, params: Params, noun?: string): AsyncGenerator<z.output<S>[]>;
}

const list = z.array(z.unknown());

/** "order 1234" by its id, else by its place in the listing. */

function recordId(raw: unknown): string | undefined {
  const id = raw && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "number" || typeof id === "string" ? String(id) : undefined;
}

/** "wc/v3/orders" -> "GET /orders", the way WooCommerce's docs name routes. */
export function routeName(method: string, url: string): string {
  return `${method} /${url.replace(/^wc\/v3\//, "")}`;
}

export function createWooRest(http: HttpClient, source: WireSource): WooRest {
  const parse = <S extends z.ZodType>(schema: S, data: unknown, method: string, url: string) =>
    parseWire(schema, data, routeName(method, url), source);
  return {
    http,
    async get(schema, url, params) {
      return parse(schema, (await http.get(url, params)).data, "GET", url);
    },
    async post(schema, url, data, opts) {
      return parse(schema, (await http.post(url, data, opts)).data, "POST", url);
    },
    async *pages(item, url, params, noun = "record") {
      const listing = { platform: source.platform, storeName: source.storeName, what: routeName("GET", url) };
      // Offset pages slide when a record read before changes or goes: then read again, skipping what was read.
      const shifts = new ShiftingListing(listing);
      for (;;) {
        const numbers = new PageNumbers(listing);
        shifts.startPass();
        let shifted = false;
        for (let page = 1; ; page++) {
          const res = await http.get(url, { ...params, per_page: 100, page });
          const raws = parse(list, res.data, "GET", url);
          const totalPages = Number(res.headers["x-wp-totalpages"] ?? "0");
          numbers.check(page, raws.map(recordId), totalPages);
          const total = res.headers["x-wp-total"] === undefined ? undefined : Number(res.headers["x-wp-total"]);
          const taken = shifts.take(
            raws.map((raw, k) => ({ raw, at: (page - 1) * 100 + k + 1 })),
            (r) => recordId(r.raw),
            total,
          );
          shifted ||= taken.shifted;
          // Each record on its own, so the error names the record and the field inside it.
          const items = taken.fresh.map(({ raw, at }) =>
            parseWire(item, raw, routeName("GET", url), source, recordName(noun, recordId(raw), at)),
          );
          if (items.length) yield items;
          if (raws.length === 0 || page >= totalPages) break;
        }
        if (!shifted) return;
        shifts.restart();
      }
    },
  };
}
