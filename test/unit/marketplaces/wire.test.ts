/**
 * What merchops reads from each affiliate API's answer (our own fixtures reproducing the real
 * layouts: test/fixtures/marketplaces/README.md), and how each platform's errors are classified.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jdWire } from "../../../src/adapters/marketplaces/jd.js";
import { pddWire } from "../../../src/adapters/marketplaces/pdd.js";
import { taobaoWire } from "../../../src/adapters/marketplaces/taobao.js";
import type { MarketplaceWire } from "../../../src/adapters/marketplaces/types.js";
import { english } from "../../../src/core/i18n/index.js";
import { REPO } from "../../helpers/cli.js";

/** A wire's verdict with its texts in English (they are catalog messages). */
function classify(wire: MarketplaceWire, res: { status: number; data: unknown }) {
  const r = wire.classify(res);
  if (r?.action === "fail") return { ...r, message: english(r.message), ...(r.hint ? { hint: english(r.hint) } : {}) };
  if (r?.action === "retry") return { ...r, reason: english(r.reason) };
  return r;
}

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(REPO, "test", "fixtures", "marketplaces", name), "utf8"));

describe("taobao answers", () => {
  const { offers, total } = taobaoWire.parse(fixture("taobao-material-optional.json"));
  it("reads prices, coupon, sales and shop; the clean item URL, never the click URL", () => {
    expect(total).toBe(3);
    expect(offers[0]).toMatchObject({
      title: "法式碎花连衣裙女夏季新款",
      url: "https://detail.tmall.com/item.htm?id=612345678901",
      price: 25900,
      compareAt: 39900,
      competitor: "某某旗舰店",
      coupon: { amount: 2000, threshold: 19900 },
      sales: 12034,
      promotion: "券 满199减20",
    });
    // Protocol-relative item_url with a tracking parameter: the page itself.
    expect(offers[1]?.url).toBe("https://item.taobao.com/item.htm?id=623456789012");
    expect(offers[1]?.coupon).toEqual({ amount: 3000, threshold: 29900 });
  });
  it("no coupon is a stated null; no shop_title falls back to the nick; 0 sales is 0, not unknown", () => {
    expect(offers[2]).toMatchObject({ coupon: null, competitor: "无券店", sales: 0, compareAt: null });
  });
  it("errors: code 7 is retried after the ban, 25 and 27 fail with what to check", () => {
    const err = (e: Record<string, unknown>) => classify(taobaoWire, { status: 200, data: { error_response: e } });
    expect(
      err({
        code: 7,
        msg: "App Call Limited",
        sub_code: "accesscontrol.limited-by-app-access-count",
        sub_msg: "This ban will last for 3 more seconds",
      }),
    ).toMatchObject({ action: "retry", waitMs: 3000 });
    expect(err({ code: 25, msg: "Invalid signature" })).toMatchObject({ action: "fail", code: "25" });
    expect(err({ code: 27, msg: "Invalid session" })).toMatchObject({ action: "fail", message: expect.stringMatching(/authorise/) });
    expect(err({ code: 15, msg: "Remote service error", sub_code: "isp.top-remote-connection-timeout" })).toMatchObject({
      action: "retry",
    });
    expect(classify(taobaoWire, { status: 200, data: fixture("taobao-material-optional.json") })).toBeUndefined();
  });
});

describe("jd answers", () => {
  const { offers, total } = jdWire.parse(fixture("jd-goods-query.json"));
  it("reads the JSON-string queryResult; JD's own price after coupon; the coupon marked best", () => {
    expect(total).toBe(2);
    expect(offers[0]).toMatchObject({
      url: "https://item.jd.com/100012345678.html",
      price: 29900,
      finalPrice: 25900,
      coupon: { amount: 4000, threshold: 29900 },
      competitor: "某品牌京东自营旗舰店",
      sales: 5300,
    });
    expect(offers[1]).toMatchObject({ price: 8990, coupon: null, sales: 12 });
    expect(offers[1]?.finalPrice).toBeUndefined();
  });
  it("accepts the response / result spelling some gateways use", () => {
    const raw = fixture("jd-goods-query.json") as Record<string, { queryResult: string }>;
    const alt = { jd_union_open_goods_query_response: { code: "0", result: raw.jd_union_open_goods_query_responce?.queryResult } };
    expect(jdWire.parse(alt).offers).toHaveLength(2);
  });
  it("errors: gateway error_response by words, inner codes; 403 names the advanced API", () => {
    expect(
      classify(jdWire, { status: 200, data: { error_response: { code: "21", zh_desc: "key=x 信息无效", en_desc: "Invalid app_key" } } }),
    ).toMatchObject({ action: "fail", message: expect.stringMatching(/app key is unknown/) });
    expect(classify(jdWire, { status: 200, data: { error_response: { code: "61", zh_desc: "调用频率超过限制" } } })).toMatchObject({
      action: "retry",
    });
    const inner = (code: number, message: string) => ({
      jd_union_open_goods_query_responce: { code: "0", queryResult: JSON.stringify({ code, message }) },
    });
    expect(classify(jdWire, { status: 200, data: inner(403, "无访问权限") })).toMatchObject({
      action: "fail",
      hint: expect.stringMatching(/advanced API/),
    });
    expect(classify(jdWire, { status: 200, data: inner(200, "success") })).toBeUndefined();
  });
});

describe("pdd answers", () => {
  const { offers, cursor } = pddWire.parse(fixture("pdd-goods-search.json"));
  it("reads fen, the coupon with its threshold, sales_tip as shown and as a lower bound", () => {
    expect(cursor).toBe("ourownlist");
    expect(offers[0]).toMatchObject({
      url: "https://jinbao.pinduoduo.com/goods-detail?s=E9H2ourOwnSignA_JQ",
      price: 4990,
      compareAt: null,
      coupon: { amount: 1000, threshold: 200 },
      competitor: "冰美人时尚女装",
      sales: 475,
      salesText: "475",
      // 满51返3 is a rebate, not a discount the parser reads: left out.
      promotion: "券 满2减10",
    });
  });
  it("an item with goods_id links to its goods page; has_coupon false is no coupon; 10万+ is 100000", () => {
    expect(offers[1]).toMatchObject({
      url: "https://mobile.yangkeduo.com/goods.html?goods_id=174901340835",
      coupon: null,
      sales: 100000,
      salesText: "10万+",
      promotion: "第二件半价",
    });
  });
  it("errors: 52101 retried, 20004 and 60001 fail with what to check", () => {
    const err = (error_code: number, error_msg: string) =>
      classify(pddWire, { status: 200, data: { error_response: { error_code, error_msg } } });
    expect(err(52101, "调用频率过高")).toMatchObject({ action: "retry" });
    expect(err(20004, "签名校验失败")).toMatchObject({ action: "fail", message: expect.stringMatching(/signature/) });
    expect(err(60001, "推广位pid未备案")).toMatchObject({ action: "fail", hint: expect.stringMatching(/check pid/) });
  });
});

describe("signed requests", () => {
  const now = new Date("2026-12-07T02:00:00Z");
  it("taobao: sorted by 30-day sales, GMT+8 timestamp, adzone_id; the signature over what is sent", () => {
    const r = taobaoWire.request(
      { query: "连衣裙", page: 1, pageSize: 10, sort: "sales" },
      { appKey: "k", appSecret: "s", adzoneId: "9" },
      now,
    );
    expect(r.params).toMatchObject({ sort: "total_sales_des", timestamp: "2026-12-07 10:00:00", adzone_id: "9", q: "连衣裙" });
    expect(Object.fromEntries(new URLSearchParams(r.body))).toEqual(r.params);
  });
  it("jd: goodsReqDTO in 360buy_param_json, inOrderCount30Days desc or price asc", () => {
    const r = jdWire.request({ query: "连衣裙", page: 2, pageSize: 30, sort: "price" }, { appKey: "k", appSecret: "s" }, now);
    expect(JSON.parse(r.params["360buy_param_json"] as string)).toEqual({
      goodsReqDTO: { keyword: "连衣裙", sortName: "price", sort: "asc", pageIndex: 2, pageSize: 30 },
    });
  });
  it("pdd: sort_type 6, Unix seconds, list_id handed on, JSON body of strings", () => {
    const r = pddWire.request(
      { query: "连衣裙", page: 2, pageSize: 10, sort: "sales", cursor: "L1" },
      { appKey: "c", appSecret: "s", pid: "1_2" },
      now,
    );
    expect(JSON.parse(r.body)).toMatchObject({ sort_type: "6", timestamp: "1796608800", list_id: "L1", pid: "1_2", page: "2" });
  });
});
