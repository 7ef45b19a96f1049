/**
 * A fake 京东开放平台 JOS router on 127.0.0.1 serving `jd.union.open.goods.query` (README.md next to
 * this file names the pages): form POST to /routerjson with the system parameters and
 * `360buy_param_json` = {"goodsReqDTO": {...}}, the signature checked here from the documentation
 * (UPPER(MD5(secret + sorted k+v + secret))), paging by pageIndex / pageSize (at most 30), sorting by
 * inOrderCount30Days or price, the answer under `jd_union_open_goods_query_responce` (sic) with the
 * result as a JSON string, and gateway errors as `error_response {code, zh_desc, en_desc}`.
 */
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, startFakeServer } from "../../lib/index.js";
import { type MarketGood, marketCatalog, searchGoods } from "../catalog.js";
import { type GatewayStats, newStats, requestParams, wrappedMd5 } from "../gateway.js";

/**
 * Gateway errors. Only "21" (Invalid app_key) is confirmed by a public capture; the others follow
 * the same envelope with codes marked (inf): no stored source gives their numbers.
 */
export const JOS_ERRORS = {
  invalidAppKey: { code: "21", zh_desc: "key=%s 信息无效", en_desc: "Invalid app_key" },
  /** (inf) */
  invalidSignature: { code: "19", zh_desc: "签名无效", en_desc: "Invalid signature" },
  /** (inf) */
  callLimited: { code: "61", zh_desc: "调用频率超过限制", en_desc: "Call frequency exceeds the limit" },
  /** (inf) */
  missingParameter: { code: "20", zh_desc: "缺少必选参数", en_desc: "Missing required parameter" },
} as const;

/** Business codes inside queryResult: 200 = success; 403 (no permission for the advanced API); (inf) pid. */
export const UNION_CODES = {
  noPermission: { code: 403, message: "无访问权限，请申请高级接口权限" },
  /** (inf) */
  invalidPid: { code: 2001402, message: "pid不合法或不属于当前联盟账号" },
} as const;

export interface FakeJdOptions {
  appKey?: string;
  appSecret?: string;
  /** The pids the union account owns; any other pid is refused. */
  pids?: string[];
  goods?: MarketGood[];
  faults?: Faults;
}

export interface FakeJd extends FakeServer {
  appKey: string;
  appSecret: string;
  goods: MarketGood[];
  rateLimitNext(n: number): void;
  /** While true, the goods query answers 403 (the advanced API not granted). */
  setNoPermission(v: boolean): void;
  readonly stats: GatewayStats;
}

function gatewayError(e: { code: string; zh_desc: string; en_desc: string }, appKey = ""): FakeReply {
  return { json: { error_response: { ...e, zh_desc: e.zh_desc.replace("%s", appKey) } } };
}

function answer(result: Record<string, unknown>): FakeReply {
  return { json: { jd_union_open_goods_query_responce: { code: "0", queryResult: JSON.stringify(result) } } };
}

function goodsResp(g: MarketGood): Record<string, unknown> {
  const coupon = g.coupon > 0;
  const usable = coupon && g.price >= g.threshold;
  return {
    skuId: g.id,
    skuName: g.title,
    spuid: g.id - 1,
    priceInfo: {
      price: g.price / 100,
      lowestPrice: g.price / 100,
      lowestPriceType: 1,
      ...(usable ? { lowestCouponPrice: (g.price - g.coupon) / 100 } : {}),
    },
    couponInfo: {
      couponList: coupon
        ? [
            {
              bindType: 1,
              discount: g.coupon / 100,
              quota: g.threshold / 100,
              isBest: 1,
              platformType: 0,
              link: `https://coupon.m.jd.com/coupons/show.action?key=fake${g.id}`,
            },
          ]
        : [],
    },
    shopInfo: { shopName: g.shop, shopId: 1000 + (g.id % 97) },
    inOrderCount30Days: g.sales,
    inOrderCount30DaysSku: Math.floor(g.sales / 2),
    comments: g.sales * 3,
    goodCommentsShare: 97,
    materialUrl: `item.jd.com/${g.id}.html`,
    owner: g.tmall ? "g" : "p",
  };
}

export async function startFakeJd(opts: FakeJdOptions = {}): Promise<FakeJd> {
  const appKey = opts.appKey ?? "jdappkey0123456789";
  const appSecret = opts.appSecret ?? "jd-secret-fedcba9876543210";
  const pids = new Set(opts.pids ?? ["1000001_2000002_3000003"]);
  const goods = opts.goods ?? marketCatalog("京", 2);
  const stats = newStats();
  let limited = 0;
  let noPermission = false;

  const handle = (req: FakeRequest): FakeReply => {
    stats.requests++;
    const params = requestParams(req);
    stats.params.push(params);
    for (const k of ["method", "app_key", "sign", "timestamp", "v", "360buy_param_json"])
      if (!params[k]) return gatewayError(JOS_ERRORS.missingParameter);
    if (params.app_key !== appKey) return gatewayError(JOS_ERRORS.invalidAppKey, params.app_key);
    if (wrappedMd5(appSecret, params) !== params.sign) {
      stats.badSign++;
      return gatewayError(JOS_ERRORS.invalidSignature);
    }
    if (limited > 0) {
      limited--;
      stats.rateLimited++;
      return gatewayError(JOS_ERRORS.callLimited);
    }
    if (noPermission) return answer({ ...UNION_CODES.noPermission, requestId: "fake-jd" });
    let dto: Record<string, unknown>;
    try {
      dto = (JSON.parse(params["360buy_param_json"] as string) as { goodsReqDTO?: Record<string, unknown> }).goodsReqDTO ?? {};
    } catch {
      return answer({ code: 400, message: "360buy_param_json 不是合法的JSON" });
    }
    if (typeof dto.pid === "string" && !pids.has(dto.pid)) return answer({ ...UNION_CODES.invalidPid, requestId: "fake-jd" });
    const pageIndex = Math.max(1, Number(dto.pageIndex ?? 1));
    const pageSize = Math.min(30, Math.max(1, Number(dto.pageSize ?? 20)));
    const sort = dto.sortName === "price" ? (dto.sort === "asc" ? "price_asc" : "price_desc") : "sales";
    const found = searchGoods(goods, String(dto.keyword ?? ""), sort);
    const page = found.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
    return answer({
      code: 200,
      message: "success",
      data: page.map(goodsResp),
      totalCount: found.length,
      requestId: `fake-jd-${stats.requests}`,
    });
  };

  const server = await startFakeServer({
    route: (method, path) => (path === "/routerjson" && (method === "POST" || method === "GET") ? handle : undefined),
    ...(opts.faults ? { faults: opts.faults } : {}),
  });
  return Object.assign(server, {
    appKey,
    appSecret,
    goods,
    stats,
    rateLimitNext(n: number) {
      limited = n;
    },
    setNoPermission(v: boolean) {
      noPermission = v;
    },
  });
}
