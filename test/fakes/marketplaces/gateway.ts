/**
 * What the three fake gateways share, written from the platforms' documentation and never from
 * merchops' signer: the signing text (every parameter but `sign`, sorted by name, name+value with no
 * separator), MD5 upper-case hex, the parameters of a request (query string, form or JSON body, all
 * as strings), and the counters a test reads.
 */
import { createHash } from "node:crypto";
import type { FakeRequest } from "../lib/index.js";

/** "k1v1k2v2..." over every parameter but sign, names in ASCII order. */
export function signingText(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== "sign")
    .sort()
    .map((k) => k + params[k])
    .join("");
}

/** UPPER(MD5(secret + signingText + secret)): TOP md5, JOS, Pinduoduo. */
export function wrappedMd5(secret: string, params: Record<string, string>): string {
  return createHash("md5")
    .update(`${secret}${signingText(params)}${secret}`, "utf8")
    .digest("hex")
    .toUpperCase();
}

/** Query string, then a form or JSON body; every value as the string that was signed. */
export function requestParams(req: FakeRequest): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(req.query.entries());
  if (req.body && typeof req.body === "object")
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) params[k] = typeof v === "string" ? v : JSON.stringify(v);
  else if (typeof req.body === "string") for (const [k, v] of new URLSearchParams(req.body)) params[k] = v;
  return params;
}

export interface GatewayStats {
  requests: number;
  badSign: number;
  rateLimited: number;
  /** The parameters of every request, in arrival order. */
  params: Record<string, string>[];
}

export const newStats = (): GatewayStats => ({ requests: 0, badSign: 0, rateLimited: 0, params: [] });

/** The environment a config's env:NAME references point at, for the three fakes' accounts. */
export function credentialsEnv(
  tb: { appKey: string; appSecret: string; adzoneId: string },
  jd: { appKey: string; appSecret: string },
  pdd: { clientId: string; clientSecret: string; pid: string },
): Record<string, string> {
  return {
    TB_KEY: tb.appKey,
    TB_SECRET: tb.appSecret,
    TB_ADZONE: tb.adzoneId,
    JD_KEY: jd.appKey,
    JD_SECRET: jd.appSecret,
    PDD_ID: pdd.clientId,
    PDD_SECRET: pdd.clientSecret,
    PDD_PID: pdd.pid,
  };
}
