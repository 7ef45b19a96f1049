/**
 * Taobao/Tmall through 淘宝联盟 (Taobao Open Platform, TOP): `taobao.tbk.dg.material.optional`, the
 * material search of the affiliate programme. A TOP request is a form POST to the router with the
 * system parameters (method, app_key, timestamp in GMT+8, format, v, sign_method) and the business
 * ones (adzone_id, q, sort, page_no, page_size), signed over all of them (signing.ts).
 *
 * The answer is `{"tbk_dg_material_optional_response": {"total_results", "result_list": {"map_data":
 * [...]}}}`; an error is `{"error_response": {"code", "msg", "sub_code", "sub_msg", "request_id"}}`
 * inside HTTP 200. Code 7 (App Call Limited, sub_code accesscontrol.limited-by-*) says how long the
 * ban lasts ("This ban will last for 1 more seconds"): retried after that wait.
 */

import { type MessageId, msg } from "../../core/i18n/index.js";
import { couponText } from "../../core/pricing/marketplace.js";
import type { SourceOffer } from "../../core/pricing/snapshot.js";
import type { ClassifyResult } from "../../http/index.js";
import { clockSkewRefusal } from "../clock-skew.js";
import { chinaTimestamp, topSign } from "./signing.js";
import { AnswerShapeError, type MarketplaceWire, type PageAnswer } from "./types.js";
import { formBody, list, record, text, yuan } from "./wire-values.js";

export const TAOBAO_METHOD = "taobao.tbk.dg.material.optional";
const RESPONSE_KEY = "tbk_dg_material_optional_response";

/** Our sort -> TOP's `sort` values (total_sales_des: 30-day sales, highest first). */
const SORT = { sales: "total_sales_des", price: "price_asc" } as const;

/** TOP platform error codes that mean our credentials or setup are wrong (not worth retrying). */
const SETUP_CODES: Record<string, MessageId> = {
  "11": "adapter.taobao.setup.11",
  "25": "adapter.taobao.setup.25",
  "26": "adapter.taobao.setup.26",
  "27": "adapter.taobao.setup.27",
  "28": "adapter.taobao.setup.28",
  "29": "adapter.taobao.setup.29",
};

/** 12345 -> the item page on Tmall (user_type 1) or Taobao, without affiliate parameters. */
function cleanItemUrl(item: Record<string, unknown>): string {
  const id = text(item.item_id ?? item.num_iid);
  const shown = text(item.item_url);
  try {
    const u = new URL(shown.startsWith("//") ? `https:${shown}` : shown);
    const shownId = u.searchParams.get("id");
    if (shownId && /(^|\.)(taobao|tmall)\.com$/.test(u.hostname)) return `https://${u.hostname}${u.pathname}?id=${shownId}`;
  } catch {
    // no usable item_url: built from the id below
  }
  const host = text(item.user_type) === "1" ? "detail.tmall.com" : "item.taobao.com";
  return `https://${host}/item.htm?id=${encodeURIComponent(id)}`;
}

function offerOf(item: Record<string, unknown>): SourceOffer | null {
  const title = text(item.title);
  if (!title || !text(item.item_id ?? item.num_iid)) return null;
  // zk_final_price is the price shown (after the seller's own discount); reserve_price the list price.
  const price = yuan(item.zk_final_price);
  const reserve = yuan(item.reserve_price);
  const amount = yuan(item.coupon_amount);
  const coupon = amount !== null && amount > 0 ? { amount, threshold: yuan(item.coupon_start_fee) ?? 0 } : null;
  const volume = typeof item.volume === "number" ? item.volume : null;
  return {
    title,
    url: cleanItemUrl(item),
    price,
    compareAt: reserve !== null && price !== null && reserve > price ? reserve : null,
    currency: "CNY",
    // The search lists what can be bought; sold-out items do not appear.
    inStock: true,
    promotion: coupon ? couponText(coupon, "CNY") : null,
    ...(text(item.shop_title) || text(item.nick) ? { competitor: text(item.shop_title) || text(item.nick) } : {}),
    coupon,
    sales: volume,
    salesText: volume !== null ? `30天销量 ${volume}` : null,
  };
}

function parse(data: unknown): PageAnswer {
  const body = record(record(data)?.[RESPONSE_KEY]);
  if (!body) throw new AnswerShapeError(RESPONSE_KEY);
  const items = list(record(body.result_list)?.map_data);
  const offers = items.map((i) => offerOf(record(i) ?? {})).filter((o): o is SourceOffer => o !== null);
  return { offers, ...(typeof body.total_results === "number" ? { total: body.total_results } : {}) };
}

/** "This ban will last for 12 more seconds" -> 12000. */
function banMs(subMsg: string): number | undefined {
  const m = /last for (\d+) more seconds?/i.exec(subMsg);
  return m ? Number(m[1]) * 1000 : undefined;
}

function classify(res: { status: number; data: unknown }): ClassifyResult {
  const err = record(record(res.data)?.error_response);
  if (!err) return undefined;
  const code = text(err.code);
  const subCode = text(err.sub_code);
  const subMsg = text(err.sub_msg);
  const said = [`code ${code}`, text(err.msg), subCode, subMsg].filter((s) => s !== "").join(", ");
  const skew = clockSkewRefusal("Taobao", said, code);
  if (skew) return skew;
  if (code === "7" || subCode.startsWith("accesscontrol.limited-by")) {
    const waitMs = banMs(subMsg);
    return { action: "retry", ...(waitMs !== undefined ? { waitMs } : {}), reason: msg("adapter.market.rate_limited", { said }) };
  }
  // isp.* sub codes are the platform's own failures; worth another try.
  if (subCode.startsWith("isp.")) return { action: "retry", reason: msg("adapter.market.platform_error", { said }) };
  const setup = SETUP_CODES[code];
  const hint: MessageId = setup
    ? "adapter.taobao.credentials_hint"
    : subCode.includes("adzone") || /推广位|adzone/i.test(subMsg)
      ? "adapter.taobao.adzone_hint"
      : "adapter.taobao.sub_code_hint";
  return { action: "fail", code: subCode || code, message: msg(setup ?? "adapter.taobao.search_refused", { said }), hint: msg(hint) };
}

export const taobaoWire: MarketplaceWire = {
  name: "taobao",
  label: "Taobao/Tmall (淘宝联盟)",
  defaultGateway: "https://eco.taobao.com/router/rest",
  maxPageSize: 100,
  minPageSize: 1,
  request(q, credentials, now) {
    const unsigned: Record<string, string> = {
      method: TAOBAO_METHOD,
      app_key: credentials.appKey,
      timestamp: chinaTimestamp(now),
      format: "json",
      v: "2.0",
      sign_method: credentials.signMethod ?? "md5",
      adzone_id: credentials.adzoneId ?? "",
      q: q.query,
      sort: SORT[q.sort],
      page_no: String(q.page),
      page_size: String(q.pageSize),
    };
    const params = { ...unsigned, sign: topSign(credentials.appSecret, unsigned, credentials.signMethod ?? "md5") };
    return { params, body: formBody(params), contentType: "application/x-www-form-urlencoded;charset=utf-8" };
  },
  parse,
  classify,
};
