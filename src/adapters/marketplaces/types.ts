/**
 * The contract of a marketplace price source (Taobao/Tmall, JD, Pinduoduo affiliate APIs): how one
 * page of a keyword search goes on the wire, how its answer reads, and which answers are errors. The
 * wire modules are pure (no I/O); source.ts sends, pages and retries.
 */
import type { SourceOffer } from "../../core/pricing/snapshot.js";
import type { ClassifyResult } from "../../http/index.js";
import type { TopSignMethod } from "./signing.js";

/** Thrown by a wire's parse(): the answer lacks the field that holds the result (a wrong gateway, an API change). */
export class AnswerShapeError extends Error {
  constructor(readonly field: string) {
    super(`the answer has no ${field}`);
  }
}

export type MarketplaceName = "taobao" | "jd" | "pdd";

/** Sales volume, highest first (the TOP10 the operations guide means), or price, lowest first. */
export type MarketplaceSort = "sales" | "price";

export interface MarketplaceCredentials {
  /** Taobao app_key, JD app_key, Pinduoduo client_id. */
  appKey: string;
  /** Taobao app secret, JD app secret, Pinduoduo client_secret. */
  appSecret: string;
  /** Taobao: the ad zone (推广位) id, the third part of mm_x_y_z. */
  adzoneId?: string;
  /** JD: the promotion position pid (联盟id_应用id_推广位id); Pinduoduo: the 推广位 pid. */
  pid?: string;
  /** Taobao only: md5 (default), hmac or hmac-sha256. */
  signMethod?: TopSignMethod;
}

export interface PageQuery {
  query: string;
  /** 1-based. */
  page: number;
  pageSize: number;
  sort: MarketplaceSort;
  /** What the previous page handed on (Pinduoduo's list_id). */
  cursor?: string;
}

/** One request, signed, ready for the HTTP client. */
export interface WireRequest {
  /** The parameters that were signed, sign included (for tests and the fakes' checks). */
  params: Record<string, string>;
  body: string;
  contentType: string;
}

export interface PageAnswer {
  offers: SourceOffer[];
  /** The platform's total for the query, when it says. */
  total?: number;
  cursor?: string;
}

export interface MarketplaceWire {
  name: MarketplaceName;
  /** For messages: "Taobao/Tmall (淘宝联盟)". */
  label: string;
  defaultGateway: string;
  /** Largest page the API serves, and the smallest it accepts. */
  maxPageSize: number;
  minPageSize: number;
  request(q: PageQuery, credentials: MarketplaceCredentials, now: Date): WireRequest;
  /** The offers of a successful answer; throws when the answer has not the documented shape. */
  parse(data: unknown): PageAnswer;
  /** Errors the platform puts inside HTTP 200 (all three do): retry (rate limits) or fail with its code. */
  classify(res: { status: number; data: unknown }): ClassifyResult;
}
