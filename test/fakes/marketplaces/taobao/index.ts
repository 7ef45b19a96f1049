/**
 * A fake 淘宝开放平台 (TOP) router on 127.0.0.1 serving `taobao.tbk.dg.material.optional`, as documented
 * (README.md next to this file names the pages): form POST (or GET) to /router/rest, the signature
 * checked here from the documentation (MD5(secret + sorted k+v + secret), HMAC-MD5 or HMAC-SHA256 of
 * the sorted k+v, upper-case hex), paging by page_no / page_size, sort total_sales_des / price_asc /
 * price_des, and TOP's error_response inside HTTP 200.
 */
import { createHmac } from "node:crypto";
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, startFakeServer } from "../../lib/index.js";
import { type MarketGood, marketCatalog, searchGoods, yuanText } from "../catalog.js";
import { type GatewayStats, newStats, requestParams, signingText, wrappedMd5 } from "../gateway.js";

/** TOP platform errors (docId 114: 常见平台级错误码); (inf) = a sub_code seen in public code, not in the docs we read. */
export const TOP_ERRORS = {
  appCallLimited: { code: 7, msg: "App Call Limited", sub_code: "accesscontrol.limited-by-app-access-count" },
  invalidMethod: { code: 22, msg: "Invalid method" },
  invalidSignature: { code: 25, msg: "Invalid signature" },
  invalidSession: { code: 27, msg: "Invalid session", sub_code: "invalid-sessionkey" },
  invalidAppKey: { code: 29, msg: "Invalid app Key", sub_code: "isv.appkey-not-exists" },
  missingParameter: { code: 40, msg: "Missing required arguments" },
  /** (inf) an ad zone the account does not own. */
  invalidAdzone: { code: 15, msg: "Remote service error", sub_code: "isv.adzone-not-exist", sub_msg: "推广位不存在或不属于当前账户" },
} as const;

export interface FakeTaobaoOptions {
  appKey?: string;
  appSecret?: string;
  adzoneId?: string;
  goods?: MarketGood[];
  faults?: Faults;
}

export interface FakeTaobao extends FakeServer {
  appKey: string;
  appSecret: string;
  adzoneId: string;
  goods: MarketGood[];
  /** The next `n` requests are refused with code 7 (the ban lasting `seconds`). */
  rateLimitNext(n: number, seconds?: number): void;
  /** While true, every signed request answers code 27 (the app's session revoked). */
  setSessionInvalid(v: boolean): void;
  readonly stats: GatewayStats;
}

function topSignature(secret: string, params: Record<string, string>, method: string): string | undefined {
  if (method === "md5") return wrappedMd5(secret, params);
  if (method === "hmac") return createHmac("md5", secret).update(signingText(params), "utf8").digest("hex").toUpperCase();
  if (method === "hmac-sha256") return createHmac("sha256", secret).update(signingText(params), "utf8").digest("hex").toUpperCase();
  return undefined;
}

function errorReply(e: { code: number; msg: string; sub_code?: string; sub_msg?: string }): FakeReply {
  return { json: { error_response: { ...e, request_id: "fake-top-req" } } };
}

function mapData(g: MarketGood, adzoneId: string): Record<string, unknown> {
  const host = g.tmall ? "detail.tmall.com" : "item.taobao.com";
  return {
    item_id: g.id,
    title: g.title,
    short_title: g.title.slice(0, 10),
    zk_final_price: yuanText(g.price),
    reserve_price: yuanText(g.listPrice),
    ...(g.coupon > 0
      ? {
          coupon_amount: String(g.coupon / 100),
          coupon_start_fee: yuanText(g.threshold),
          coupon_info: `满${yuanText(g.threshold)}元减${g.coupon / 100}元`,
          coupon_share_url: `//uland.taobao.com/coupon/edetail?e=fake${g.id}&pid=mm_1_2_${adzoneId}`,
        }
      : {}),
    volume: g.sales,
    shop_title: g.shop,
    nick: g.shop,
    user_type: g.tmall ? 1 : 0,
    item_url: `https://${host}/item.htm?id=${g.id}`,
    // The affiliate click URL: never what a report should link to.
    url: `//s.click.taobao.com/t?e=fake${g.id}&pid=mm_1_2_${adzoneId}`,
    pict_url: `https://img.alicdn.com/fake/${g.id}.jpg`,
    provcity: "浙江 杭州",
  };
}

export async function startFakeTaobao(opts: FakeTaobaoOptions = {}): Promise<FakeTaobao> {
  const appKey = opts.appKey ?? "23456789";
  const appSecret = opts.appSecret ?? "tb-secret-0123456789abcdef";
  const adzoneId = opts.adzoneId ?? "109876543210";
  const goods = opts.goods ?? marketCatalog("淘", 1);
  const stats = newStats();
  let limited = 0;
  let banSeconds = 0;
  const state = { sessionInvalid: false };

  const handle = (req: FakeRequest): FakeReply => {
    stats.requests++;
    const params = requestParams(req);
    stats.params.push(params);
    for (const k of ["method", "app_key", "sign", "sign_method", "timestamp", "v"])
      if (!params[k]) return errorReply({ ...TOP_ERRORS.missingParameter, sub_code: `isv.missing-parameter:${k}` });
    if (params.app_key !== appKey) return errorReply(TOP_ERRORS.invalidAppKey);
    const expected = topSignature(appSecret, params, params.sign_method as string);
    if (expected === undefined || expected !== params.sign) {
      stats.badSign++;
      return errorReply(TOP_ERRORS.invalidSignature);
    }
    if (limited > 0) {
      limited--;
      stats.rateLimited++;
      return errorReply({ ...TOP_ERRORS.appCallLimited, sub_msg: `This ban will last for ${banSeconds} more seconds` });
    }
    if (state.sessionInvalid) return errorReply(TOP_ERRORS.invalidSession);
    if (params.method !== "taobao.tbk.dg.material.optional") return errorReply(TOP_ERRORS.invalidMethod);
    if (!params.adzone_id) return errorReply({ ...TOP_ERRORS.missingParameter, sub_code: "isv.missing-parameter:adzone_id" });
    if (params.adzone_id !== adzoneId) return errorReply(TOP_ERRORS.invalidAdzone);
    const pageNo = Math.max(1, Number(params.page_no ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(params.page_size ?? 20)));
    const sort = params.sort === "price_asc" ? "price_asc" : params.sort === "price_des" ? "price_desc" : "sales";
    const found = searchGoods(goods, params.q ?? "", sort);
    const page = found.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return {
      json: {
        tbk_dg_material_optional_response: {
          total_results: found.length,
          result_list: { map_data: page.map((g) => mapData(g, adzoneId)) },
          request_id: `fake-top-${stats.requests}`,
        },
      },
    };
  };

  const server = await startFakeServer({
    route: (method, path) => (path === "/router/rest" && (method === "POST" || method === "GET") ? handle : undefined),
    ...(opts.faults ? { faults: opts.faults } : {}),
  });
  return Object.assign(server, {
    appKey,
    appSecret,
    adzoneId,
    goods,
    stats,
    rateLimitNext(n: number, seconds = 0) {
      limited = n;
      banSeconds = seconds;
    },
    setSessionInvalid(v: boolean) {
      state.sessionInvalid = v;
    },
  });
}
