/**
 * The contract every marketplace price source's wire passes (src/adapters/marketplaces): the
 * signature covers exactly what is sent, a success answer is no error, and every offer it reads is
 * in the snapshot model's terms (integer minor units, CNY, a page URL that is not an affiliate click
 * URL, a coupon and a sales volume that are either stated or null).
 */
import { describe, expect, it } from "vitest";
import type { MarketplaceWire } from "../../src/adapters/marketplaces/index.js";

/** Hosts of the programmes' click-tracking links: never an offer's URL. */
const AFFILIATE_HOSTS = /(^|\.)(s\.click\.taobao\.com|uland\.taobao\.com|union-click\.jd\.com|u\.jd\.com|p\.pinduoduo\.com)$/;

function sentParams(body: string, contentType: string): Record<string, string> {
  if (contentType.startsWith("application/json")) return JSON.parse(body) as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(body));
}

export function marketplaceContract(wire: MarketplaceWire, answer: () => unknown): void {
  describe(`marketplace contract: ${wire.name}`, () => {
    const credentials = { appKey: "contract-key", appSecret: "contract-secret", adzoneId: "4242", pid: "1_2_3" };
    const request = wire.request({ query: "连衣裙", page: 1, pageSize: wire.minPageSize, sort: "sales" }, credentials, new Date(0));

    it("sends exactly the parameters it signed, all as strings", () => {
      const sent = sentParams(request.body, request.contentType);
      expect(sent).toEqual(request.params);
      expect(Object.values(sent).every((v) => typeof v === "string")).toBe(true);
      expect(sent.sign).toMatch(/^[0-9A-F]{32,64}$/);
    });

    it("the signature covers what is sent: any input that changes a parameter changes it", () => {
      const base = { query: "连衣裙", page: 1, pageSize: wire.minPageSize, sort: "sales" as const };
      const variations = [
        wire.request({ ...base, query: "半身裙" }, credentials, new Date(0)),
        wire.request({ ...base, page: 2 }, credentials, new Date(0)),
        wire.request({ ...base, pageSize: wire.minPageSize + 1 }, credentials, new Date(0)),
        wire.request({ ...base, sort: "price" }, credentials, new Date(0)),
        wire.request({ ...base, cursor: "next" }, credentials, new Date(0)),
        wire.request(base, credentials, new Date(60_000)),
        wire.request(base, { ...credentials, appKey: "other-key" }, new Date(0)),
        wire.request(base, { ...credentials, adzoneId: "4343", pid: "4_5_6" }, new Date(0)),
        wire.request(base, { ...credentials, appSecret: "other-secret" }, new Date(0)),
      ];
      for (const v of variations) {
        const changed = Object.keys({ ...v.params, ...request.params }).some((k) => k !== "sign" && v.params[k] !== request.params[k]);
        if (changed || v === variations[variations.length - 1]) expect(v.params.sign).not.toBe(request.params.sign);
        else expect(v.params.sign).toBe(request.params.sign);
      }
    });

    it("a success answer is no error, and every offer is in the snapshot model's terms", () => {
      const data = answer();
      expect(wire.classify({ status: 200, data })).toBeUndefined();
      const { offers } = wire.parse(data);
      expect(offers.length).toBeGreaterThan(0);
      for (const o of offers) {
        expect(o.currency).toBe("CNY");
        expect(o.title).not.toBe("");
        const url = new URL(o.url);
        expect(url.protocol).toBe("https:");
        expect(url.hostname).not.toMatch(AFFILIATE_HOSTS);
        for (const v of [o.price, o.compareAt, o.finalPrice ?? null]) if (v !== null) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
        // A marketplace always says whether there is a coupon: null, never undefined.
        expect(o.coupon === null || (o.coupon !== undefined && o.coupon.amount > 0 && o.coupon.threshold >= 0)).toBe(true);
        expect(o.sales === null || (o.sales !== undefined && Number.isSafeInteger(o.sales) && o.sales >= 0)).toBe(true);
      }
    });

    it("an error answer is never read as an empty result", () => {
      const refused = wire.classify({ status: 200, data: { error_response: { code: "25", error_code: 20004, msg: "Invalid signature" } } });
      expect(refused?.action).toBe("fail");
    });
  });
}
