/**
 * JD through 京东联盟 (JD Open Platform, JOS router `routerjson`): `jd.union.open.goods.query`, the
 * keyword goods query. System parameters (method, app_key, timestamp, format, v, sign_method) and one
 * business parameter, `360buy_param_json` = {"goodsReqDTO": {...}}, all signed (signing.ts).
 *
 * The answer is `{"jd_union_open_goods_query_responce" (sic): {"code": "0", "queryResult": "<JSON
 * string>"}}` whose inner JSON is `{"code": 200, "message", "data": [...], "totalCount"}`; a gateway
 * error is `{"error_response": {"code", "zh_desc", "en_desc"}}` (no msg field), inside HTTP 200.
 */

import { type MessageId, msg } from "../../core/i18n/index.js";
import { type Coupon, couponText } from "../../core/pricing/marketplace.js";
import type { SourceOffer } from "../../core/pricing/snapshot.js";
import type { ClassifyResult } from "../../http/index.js";
import { clockSkewRefusal } from "../clock-skew.js";
import { chinaTimestamp, md5Wrapped } from "./signing.js";
import { AnswerShapeError, type MarketplaceWire, type PageAnswer } from "./types.js";
import { formBody, list, record, text, yuan } from "./wire-values.js";

export const JD_METHOD = "jd.union.open.goods.query";
/** JD's own spelling; some gateways and SDK captures spell it "response" and name the field "result". */
const RESPONSE_KEYS = ["jd_union_open_goods_query_responce", "jd_union_open_goods_query_response"];

/** inOrderCount30Days: orders brought in the last 30 days (the union's sales measure). */
const SORT = {
  sales: { sortName: "inOrderCount30Days", sort: "desc" },
  price: { sortName: "price", sort: "asc" },
} as const;

const RATE_LIMIT = /频率|频繁|limit|too many|超过.*次数|流控/i;

/** The best coupon of the list: the one JD marks isBest, else the biggest one one item can use. */
function bestCoupon(coupons: unknown[], price: number | null): Coupon | null {
  const all = coupons
    .map((c) => record(c) ?? {})
    .map((c) => ({ amount: yuan(c.discount), threshold: yuan(c.quota) ?? 0, best: c.isBest === 1 }))
    .filter((c): c is { amount: number; threshold: number; best: boolean } => c.amount !== null && c.amount > 0);
  const marked = all.find((c) => c.best);
  const usable = all.filter((c) => price === null || c.threshold <= price).sort((a, b) => b.amount - a.amount);
  const pick = marked ?? usable[0] ?? all[0];
  return pick ? { amount: pick.amount, threshold: pick.threshold } : null;
}

function offerOf(item: Record<string, unknown>): SourceOffer | null {
  const sku = text(item.skuId);
  const title = text(item.skuName);
  if (!sku || !title) return null;
  const priceInfo = record(item.priceInfo) ?? {};
  const price = yuan(priceInfo.price);
  const coupon = bestCoupon(list(record(item.couponInfo)?.couponList), price);
  const sales = typeof item.inOrderCount30Days === "number" ? item.inOrderCount30Days : null;
  const shop = text(record(item.shopInfo)?.shopName);
  return {
    title,
    // materialUrl is "item.jd.com/<sku>.html": the item page itself, not a union click URL.
    url: `https://item.jd.com/${encodeURIComponent(sku)}.html`,
    price,
    compareAt: null,
    currency: "CNY",
    inStock: true,
    promotion: coupon ? couponText(coupon, "CNY") : null,
    ...(shop ? { competitor: shop } : {}),
    coupon,
    // JD's own figure after coupon (lowestCouponPrice) when it gives one.
    ...(yuan(priceInfo.lowestCouponPrice) !== null ? { finalPrice: yuan(priceInfo.lowestCouponPrice) } : {}),
    sales,
    salesText: sales !== null ? `30天引单 ${sales}` : null,
  };
}

function innerResult(data: unknown): Record<string, unknown> | undefined {
  const body = record(data);
  const outer = RESPONSE_KEYS.map((k) => record(body?.[k])).find((o) => o !== undefined);
  const raw = outer?.queryResult ?? outer?.result;
  if (typeof raw === "string") {
    try {
      return record(JSON.parse(raw));
    } catch {
      return undefined;
    }
  }
  return record(raw);
}

function parse(data: unknown): PageAnswer {
  const inner = innerResult(data);
  if (!inner) throw new AnswerShapeError(`${RESPONSE_KEYS[0]}.queryResult`);
  const offers = list(inner.data)
    .map((i) => offerOf(record(i) ?? {}))
    .filter((o): o is SourceOffer => o !== null);
  return { offers, ...(typeof inner.totalCount === "number" ? { total: inner.totalCount } : {}) };
}

function classify(res: { status: number; data: unknown }): ClassifyResult {
  const err = record(record(res.data)?.error_response);
  if (err) {
    const code = text(err.code);
    const said = [`code ${code}`, text(err.zh_desc), text(err.en_desc)].filter((s) => s !== "").join(", ");
    const skew = clockSkewRefusal("JD", said, code);
    if (skew) return skew;
    if (RATE_LIMIT.test(said)) return { action: "retry", reason: msg("adapter.market.rate_limited", { said }) };
    const sign = /sign|签名/i.test(said);
    const key = /app_?key|appkey/i.test(said);
    const refusal: MessageId = sign ? "adapter.jd.bad_sign" : key ? "adapter.jd.bad_app_key" : "adapter.jd.gateway_refused";
    return { action: "fail", code, message: msg(refusal, { said }), hint: msg("adapter.jd.credentials_hint") };
  }
  const inner = innerResult(res.data);
  if (!inner) return undefined;
  const code = text(inner.code);
  if (code === "" || code === "200") return undefined;
  const said = `code ${code}, ${text(inner.message)}`;
  if (RATE_LIMIT.test(said)) return { action: "retry", reason: msg("adapter.market.rate_limited", { said }) };
  if (code.startsWith("5")) return { action: "retry", reason: msg("adapter.market.platform_error", { said }) };
  const hint: MessageId =
    code === "403" ? "adapter.jd.advanced_api_hint" : /pid|推广位/i.test(said) ? "adapter.jd.pid_hint" : "adapter.jd.code_hint";
  return { action: "fail", code, message: msg("adapter.jd.query_refused", { said }), hint: msg(hint) };
}

export const jdWire: MarketplaceWire = {
  name: "jd",
  label: "JD (京东联盟)",
  defaultGateway: "https://api.jd.com/routerjson",
  maxPageSize: 30,
  minPageSize: 1,
  request(q, credentials, now) {
    const goodsReqDTO = {
      keyword: q.query,
      ...SORT[q.sort],
      pageIndex: q.page,
      pageSize: q.pageSize,
      ...(credentials.pid ? { pid: credentials.pid } : {}),
    };
    const unsigned: Record<string, string> = {
      method: JD_METHOD,
      app_key: credentials.appKey,
      timestamp: chinaTimestamp(now),
      format: "json",
      v: "1.0",
      sign_method: "md5",
      "360buy_param_json": JSON.stringify({ goodsReqDTO }),
    };
    const params = { ...unsigned, sign: md5Wrapped(credentials.appSecret, unsigned) };
    return { params, body: formBody(params), contentType: "application/x-www-form-urlencoded;charset=utf-8" };
  },
  parse,
  classify,
};
