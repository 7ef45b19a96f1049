/** The taobao / jd / pdd source configs: credentials only as env:NAME, the ids each programme needs. */
import { describe, expect, it } from "vitest";
import { priceSourceSchema } from "../../../src/core/pricing/config.js";

const issues = (source: unknown) => {
  const r = priceSourceSchema.safeParse(source);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("marketplace source config", () => {
  it("accepts each programme's credentials as env references", () => {
    expect(issues({ type: "taobao", appKey: "env:TB_KEY", appSecret: "env:TB_SECRET", adzoneId: "env:TB_ADZONE" })).toEqual([]);
    expect(issues({ type: "jd", appKey: "env:JD_KEY", appSecret: "env:JD_SECRET", sort: "price" })).toEqual([]);
    expect(issues({ type: "pdd", appKey: "env:PDD_ID", appSecret: "env:PDD_SECRET", pid: "12345_678" })).toEqual([]);
    expect(issues({ type: "taobao", appKey: "env:K", appSecret: "env:S", adzoneId: "1", signMethod: "hmac-sha256" })).toEqual([]);
  });
  it("refuses a key or secret written in the file, and names what is missing", () => {
    expect(issues({ type: "jd", appKey: "abc123", appSecret: "env:JD_SECRET" })).toEqual([
      "appKey: must be an env:NAME reference; export the value as NAME",
    ]);
    expect(issues({ type: "taobao", appKey: "env:K", appSecret: "env:S" })).toEqual([
      "adzoneId: a taobao source needs adzoneId (the third number of your pid mm_x_y_z)",
    ]);
    expect(issues({ type: "pdd", appKey: "env:K" })).toEqual(["appSecret: a pdd source needs appSecret (as env:NAME)"]);
  });
  it("marketplace keys on other sources, and signMethod off Taobao, are mistakes", () => {
    expect(issues({ type: "shopify", url: "https://x.example", sort: "sales" })).toEqual([
      "sort: only taobao, jd and pdd sources take sort",
    ]);
    expect(issues({ type: "jd", appKey: "env:K", appSecret: "env:S", signMethod: "hmac" })).toEqual([
      "signMethod: only a taobao source takes signMethod",
    ]);
  });
});
