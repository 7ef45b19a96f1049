/**
 * Request signing of the three affiliate (CPS) programmes. All three sort the parameters by name
 * (ASCII), concatenate name+value with no separator, and hash that with the app secret; they differ
 * only in how the secret is applied:
 *
 * - Taobao TOP: `md5` = MD5(secret + s + secret); `hmac` = HMAC-MD5(secret, s); `hmac-sha256` =
 *   HMAC-SHA256(secret, s). Upper-case hex. (open.taobao.com docId 101617; platforms.md §5.)
 * - JD JOS (`routerjson`) and Pinduoduo: MD5(secret + s + secret), upper-case hex
 *   (open.jd.com dev-guide listId 2643; open.pinduoduo.com 签名算法).
 *
 * `sign` itself never takes part. The vectors in test/unit/marketplaces/signing.test.ts come from
 * the platforms' own documentation.
 */
import { createHash, createHmac } from "node:crypto";

export type TopSignMethod = "md5" | "hmac" | "hmac-sha256";

/** "k1v1k2v2...": every parameter but `sign`, names in ASCII order, undefined values left out. */
export function sortedConcat(params: Readonly<Record<string, string | undefined>>): string {
  return Object.keys(params)
    .filter((k) => k !== "sign" && params[k] !== undefined)
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join("");
}

const hex = (digest: Buffer) => digest.toString("hex").toUpperCase();

/** UPPER(MD5(secret + sorted + secret)): TOP's md5, JOS and PDD. */
export function md5Wrapped(secret: string, params: Readonly<Record<string, string | undefined>>): string {
  return hex(
    createHash("md5")
      .update(secret + sortedConcat(params) + secret, "utf8")
      .digest(),
  );
}

/** Taobao TOP's signature for the method named in `sign_method`. */
export function topSign(secret: string, params: Readonly<Record<string, string | undefined>>, method: TopSignMethod): string {
  if (method === "md5") return md5Wrapped(secret, params);
  const algorithm = method === "hmac" ? "md5" : "sha256";
  return hex(createHmac(algorithm, secret).update(sortedConcat(params), "utf8").digest());
}

/** "2026-12-07 20:13:01": the wall clock in Asia/Shanghai (GMT+8, no DST), as TOP and JOS expect. */
export function chinaTimestamp(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}
