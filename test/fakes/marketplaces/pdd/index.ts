/**
 * A fake 拼多多开放平台 gateway on 127.0.0.1 serving `pdd.ddk.goods.search` (README.md next to this file
 * names the pages): POST /api/router with a JSON body (or a form), the public parameters beside the
 * business ones, the signature checked here from the documentation (UPPER(MD5(client_secret + sorted
 * k+v + client_secret)), values as strings), timestamp in Unix seconds within 10 minutes of the
 * fake's clock when one is given, paging by page / page_size (10..100) with list_id, sort_type 6
 * (销量降序) / 3 (价格升序), prices in fen, and `error_response {error_code, error_msg, sub_code,
 * sub_msg, request_id}`.
 */
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, startFakeServer } from "../../lib/index.js";
import { type MarketGood, marketCatalog, searchGoods } from "../catalog.js";
import { type GatewayStats, newStats, requestParams, wrappedMd5 } from "../gateway.js";

/** Codes from the public error table of the 多多进宝 API docs; messages and (inf) codes are ours. */
export const PDD_ERRORS = {
  badBusinessParameter: { error_code: 10002, error_msg: "业务参数错误" },
  unknownClient: { error_code: 10016, error_msg: "client下线或者clientId不正确" },
  badSign: { error_code: 20004, error_msg: "签名校验失败" },
  rateLimited: { error_code: 52101, error_msg: "当前接口调用频率过高，请稍后重试" },
  timestampOutOfRange: { error_code: 10001, error_msg: "公共参数错误: timestamp 与服务器时间相差超过10分钟" },
  /** (inf) "未备案报 60001" is reported by integrators, not by the API docs. */
  pidNotRegistered: { error_code: 60001, error_msg: "推广位pid未备案或不属于当前账号" },
} as const;

export interface FakePddOptions {
  clientId?: string;
  clientSecret?: string;
  pids?: string[];
  goods?: MarketGood[];
  /** Omit goods_id as the current API does (goods_sign only). Default true. */
  signOnly?: boolean;
  /** The gateway's clock (ms) for the 10-minute timestamp check; no check when absent. */
  now?: () => number;
  faults?: Faults;
}

export interface FakePdd extends FakeServer {
  clientId: string;
  clientSecret: string;
  goods: MarketGood[];
  rateLimitNext(n: number): void;
  /** The first pid the account owns, for configs. */
  pid: string;
  readonly stats: GatewayStats;
}

function failure(e: { error_code: number; error_msg: string }): FakeReply {
  return { json: { error_response: { ...e, sub_code: String(e.error_code), sub_msg: "", request_id: "fake-pdd-req" } } };
}

const salesTip = (n: number) => (n >= 10000 ? `${Math.floor(n / 10000)}万+` : n >= 1000 ? `${Math.floor(n / 1000) * 1000}+` : String(n));

function goodsItem(g: MarketGood, signOnly: boolean): Record<string, unknown> {
  return {
    goods_name: g.title,
    goods_sign: `E9fake${g.id}_JQ`,
    ...(signOnly ? {} : { goods_id: g.id }),
    goods_desc: g.title,
    goods_thumbnail_url: `https://t00img.yangkeduo.com/goods/images/fake/${g.id}.jpeg`,
    min_group_price: g.price,
    min_normal_price: g.listPrice,
    has_coupon: g.coupon > 0,
    coupon_discount: g.coupon,
    coupon_min_order_amount: g.threshold,
    mall_name: g.shop,
    sales_tip: salesTip(g.sales),
    unified_tags: g.id % 2 === 0 ? ["退货包运费", "第二件半价"] : ["极速退款"],
    promotion_rate: 100,
    opt_name: "女装",
  };
}

export async function startFakePdd(opts: FakePddOptions = {}): Promise<FakePdd> {
  const clientId = opts.clientId ?? "pddclientid0123456789abcdef";
  const clientSecret = opts.clientSecret ?? "pdd-secret-0011223344556677";
  const pids = new Set(opts.pids ?? ["12345678_98765432"]);
  const goods = opts.goods ?? marketCatalog("拼", 3);
  const signOnly = opts.signOnly ?? true;
  const stats = newStats();
  let limited = 0;
  let lists = 0;

  const handle = (req: FakeRequest): FakeReply => {
    stats.requests++;
    const params = requestParams(req);
    stats.params.push(params);
    if (!params.type || !params.client_id || !params.timestamp || !params.sign) return failure(PDD_ERRORS.timestampOutOfRange);
    if (params.client_id !== clientId) return failure(PDD_ERRORS.unknownClient);
    if (wrappedMd5(clientSecret, params) !== params.sign) {
      stats.badSign++;
      return failure(PDD_ERRORS.badSign);
    }
    if (opts.now && Math.abs(opts.now() / 1000 - Number(params.timestamp)) > 600) return failure(PDD_ERRORS.timestampOutOfRange);
    if (limited > 0) {
      limited--;
      stats.rateLimited++;
      return failure(PDD_ERRORS.rateLimited);
    }
    if (params.type !== "pdd.ddk.goods.search") return failure(PDD_ERRORS.badBusinessParameter);
    if (params.pid !== undefined && !pids.has(params.pid)) return failure(PDD_ERRORS.pidNotRegistered);
    const page = Math.max(1, Number(params.page ?? 1));
    const pageSize = Number(params.page_size ?? 100);
    if (!Number.isInteger(pageSize) || pageSize < 10 || pageSize > 100) return failure(PDD_ERRORS.badBusinessParameter);
    const sort = params.sort_type === "3" ? "price_asc" : params.sort_type === "4" ? "price_desc" : "sales";
    const found = searchGoods(goods, params.keyword ?? "", sort);
    const listId = params.list_id ?? `fakelist${++lists}`;
    return {
      json: {
        goods_search_response: {
          goods_list: found.slice((page - 1) * pageSize, page * pageSize).map((g) => goodsItem(g, signOnly)),
          list_id: listId,
          search_id: `fakesearch${stats.requests}`,
          total_count: found.length,
          request_id: `fake-pdd-${stats.requests}`,
        },
      },
    };
  };

  const server = await startFakeServer({
    route: (method, path) => (path === "/api/router" && method === "POST" ? handle : undefined),
    ...(opts.faults ? { faults: opts.faults } : {}),
  });
  return Object.assign(server, {
    clientId,
    clientSecret,
    pid: [...pids][0] as string,
    goods,
    stats,
    rateLimitNext(n: number) {
      limited = n;
    },
  });
}
