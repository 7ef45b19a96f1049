/**
 * Pinduoduo through 多多进宝 (Pinduoduo Open Platform, gateway /api/router): `pdd.ddk.goods.search`.
 * A JSON POST of the public parameters (type, client_id, timestamp in Unix seconds, data_type) and
 * the business ones (keyword, sort_type, page, page_size, pid, list_id) side by side, signed over all
 * of them as strings (signing.ts).
 *
 * The answer is `{"goods_search_response": {"goods_list": [...], "list_id", "search_id",
 * "total_count"}}`, prices in fen; an error is `{"error_response": {"error_code", "error_msg",
 * "sub_code", "sub_msg", "request_id"}}`. Per the official FAQ the price after coupon is
 * min_group_price − coupon_discount.
 */

import { type MessageId, msg } from "../../core/i18n/index.js";
import { couponText, parseSalesVolume } from "../../core/pricing/marketplace.js";
import { parsePromotion } from "../../core/pricing/promotion.js";
import type { SourceOffer } from "../../core/pricing/snapshot.js";
import type { ClassifyResult } from "../../http/index.js";
import { clockSkewRefusal } from "../clock-skew.js";
import { md5Wrapped } from "./signing.js";
import { AnswerShapeError, type MarketplaceWire, type PageAnswer } from "./types.js";
import { fen, list, record, text } from "./wire-values.js";

export const PDD_TYPE = "pdd.ddk.goods.search";
const RESPONSE_KEY = "goods_search_response";

/** sort_type: 6 = 按销量降序 (sales, highest first), 3 = 按价格升序. */
const SORT = { sales: "6", price: "3" } as const;

/** Error codes of the public error table (多多进宝 API docs) and what they mean for us. */
const RATE_LIMITED = new Set(["52101", "70031"]);
const PLATFORM_DOWN = new Set(["50000", "50001", "50002", "52001", "52002", "52102", "52103", "70033"]);
const SETUP: Record<string, MessageId> = {
  "20004": "adapter.pdd.setup.20004",
  "20005": "adapter.pdd.setup.20005",
  "20031": "adapter.pdd.setup.20031",
  "10016": "adapter.pdd.setup.10016",
  "10019": "adapter.pdd.setup.10019",
  "70036": "adapter.pdd.setup.70036",
};

/** The goods page itself: goods_id when the API still gives it, else the 多多进宝 goods page by goods_sign. */
function cleanUrl(item: Record<string, unknown>): string {
  const id = text(item.goods_id);
  if (id) return `https://mobile.yangkeduo.com/goods.html?goods_id=${encodeURIComponent(id)}`;
  return `https://jinbao.pinduoduo.com/goods-detail?s=${encodeURIComponent(text(item.goods_sign))}`;
}

function offerOf(item: Record<string, unknown>): SourceOffer | null {
  const title = text(item.goods_name);
  if (!title || (!text(item.goods_id) && !text(item.goods_sign))) return null;
  // min_group_price: the 拼团 price every buyer sees first. min_normal_price (buying alone) is no
  // crossed-out price of a sale: it stays out of compare-at, so no "-30%" is implied from it.
  const price = fen(item.min_group_price);
  const amount = item.has_coupon === false ? null : fen(item.coupon_discount);
  const coupon = amount !== null && amount > 0 ? { amount, threshold: fen(item.coupon_min_order_amount) ?? 0 } : null;
  const tags = list(item.unified_tags)
    .map(text)
    .filter((t) => parsePromotion(t, "CNY").length > 0);
  const promotion = [...(coupon ? [couponText(coupon, "CNY")] : []), ...tags].join("，");
  const shown = text(item.sales_tip);
  return {
    title,
    url: cleanUrl(item),
    price,
    compareAt: null,
    currency: "CNY",
    inStock: true,
    promotion: promotion || null,
    ...(text(item.mall_name) ? { competitor: text(item.mall_name) } : {}),
    coupon,
    sales: parseSalesVolume(shown),
    salesText: shown || null,
  };
}

function parse(data: unknown): PageAnswer {
  const body = record(record(data)?.[RESPONSE_KEY]);
  if (!body) throw new AnswerShapeError(RESPONSE_KEY);
  const offers = list(body.goods_list)
    .map((i) => offerOf(record(i) ?? {}))
    .filter((o): o is SourceOffer => o !== null);
  return {
    offers,
    ...(typeof body.total_count === "number" ? { total: body.total_count } : {}),
    ...(text(body.list_id) ? { cursor: text(body.list_id) } : {}),
  };
}

function classify(res: { status: number; data: unknown }): ClassifyResult {
  const err = record(record(res.data)?.error_response);
  if (!err) return undefined;
  const code = text(err.error_code);
  const said = [`error_code ${code}`, text(err.error_msg), text(err.sub_code), text(err.sub_msg)].filter((s) => s !== "").join(", ");
  const skew = clockSkewRefusal("Pinduoduo", said, code);
  if (skew) return skew;
  if (RATE_LIMITED.has(code)) return { action: "retry", reason: msg("adapter.market.rate_limited", { said }) };
  if (PLATFORM_DOWN.has(code)) return { action: "retry", reason: msg("adapter.market.platform_error", { said }) };
  const pid = /pid|推广位|备案/i.test(said);
  return {
    action: "fail",
    code,
    message: msg(SETUP[code] ?? "adapter.pdd.search_refused", { said }),
    hint: msg(pid ? "adapter.pdd.pid_hint" : "adapter.pdd.credentials_hint"),
  };
}

export const pddWire: MarketplaceWire = {
  name: "pdd",
  label: "Pinduoduo (多多进宝)",
  defaultGateway: "https://gw-api.pinduoduo.com/api/router",
  maxPageSize: 100,
  minPageSize: 10,
  request(q, credentials, now) {
    const unsigned: Record<string, string> = {
      type: PDD_TYPE,
      client_id: credentials.appKey,
      timestamp: String(Math.floor(now.getTime() / 1000)),
      data_type: "JSON",
      keyword: q.query,
      sort_type: SORT[q.sort],
      page: String(q.page),
      page_size: String(q.pageSize),
      ...(credentials.pid ? { pid: credentials.pid } : {}),
      ...(q.cursor ? { list_id: q.cursor } : {}),
    };
    const params = { ...unsigned, sign: md5Wrapped(credentials.appSecret, unsigned) };
    return { params, body: JSON.stringify(params), contentType: "application/json;charset=utf-8" };
  },
  parse,
  classify,
};
