/**
 * A fake 有赞云 (Youzan) Open API on 127.0.0.1, reproducing the wire behaviour of
 * shared/reference/platforms.md §4: the silent-auth token endpoint (JSON only), `POST /api/{api}/{version}
 * ?access_token=` calls answered with HTTP 200 whatever happens, gateway errors as `gw_err_resp`, business
 * errors as `success:false`, page_no/page_size paging with the platform's caps, items with SKUs in 分,
 * trades in yuan strings with Beijing-time stamps, and logistics confirm. Faults come from the toolkit.
 *
 * Codes marked (inf) are not in the reference (Youzan documents them only behind a login); they follow the
 * documented 4xxx gateway range and are kept in one table so a real capture can correct them in one place.
 */
import { type FakeServer, type Faults, seededRandom, startFakeServer } from "./lib/index.js";

/** Gateway (`gw_err_resp`) codes. */
export const YZ_GATEWAY = {
  noVersion: { err_code: 4001, err_msg: "非法请求地址" },
  unknownApi: { err_code: 4005, err_msg: "非法的API" },
  badContentType: { err_code: 4007, err_msg: "非法的请求姿势" },
  noToken: { err_code: 4201, err_msg: "非法的请求凭证" },
  /** (inf) an expired token; the reference only shows 4203 for an unknown one. */
  tokenExpired: { err_code: 4202, err_msg: "Token 已过期" },
  tokenUnknown: { err_code: 4203, err_msg: "Token 不存在" },
  /** (inf) the app has not been granted the API's group. */
  notAuthorised: { err_code: 4204, err_msg: "无权限调用该API, 请先订购或授权" },
  /** (inf) gateway throttling. */
  throttled: { err_code: 4301, err_msg: "接口调用频率超限, 请稍后重试" },
} as const;

/** Business (`success:false`) codes. Token ones are documented (1000, 1103); the rest are (inf). */
export const YZ_BUSINESS = {
  formEncoded: { code: 1000, message: "Content type 'application/x-www-form-urlencoded;charset=UTF-8' not supported" },
  clientUnknown: { code: 1103, message: "Client 不存在" },
  badParam: { code: 101, message: "参数错误" },
  notFound: { code: 141500101, message: "商品不存在" },
  tradeNotFound: { code: 101100101, message: "订单不存在" },
  tradeNotShippable: { code: 101100207, message: "订单状态不允许发货" },
} as const;

export const YZ_ITEMS_MAX_PAGE_SIZE = 300;
export const YZ_TRADES_MAX_PAGE_SIZE = 100;

export interface YzSkuProperty {
  k: string;
  kid: number;
  v: string;
  vid: number;
}

export interface YzSku {
  sku_id: number;
  /** 商家编码 of the SKU (`code` on create, `item_no` when read). */
  item_no: string;
  /** 分. */
  price: number;
  quantity: number;
  properties: YzSkuProperty[];
}

export interface YzItem {
  item_id: number;
  alias: string;
  title: string;
  desc: string;
  /** 商家编码 of the item. */
  item_no: string;
  /** 分: the lowest SKU price when there are SKUs. */
  price: number;
  /** 划线价 as the merchant typed it (yuan text). */
  origin_price: string;
  quantity: number;
  is_display: 0 | 1;
  created_ms: number;
  update_ms: number;
  skus: YzSku[];
}

export interface YzTradeLine {
  oid: string;
  item_id: number;
  sku_id: number;
  outer_item_id: string;
  outer_sku_id: string;
  title: string;
  num: number;
  /** Unit price in 分. */
  price: number;
  /** What the buyer pays for this line after all discounts, 分. */
  payment: number;
  properties: { k: string; v: string }[];
}

export interface YzTrade {
  tid: string;
  status: "WAIT_BUYER_PAY" | "WAIT_SELLER_SEND_GOODS" | "WAIT_BUYER_CONFIRM_GOODS" | "TRADE_SUCCESS" | "TRADE_CLOSE";
  /** 0 none, 2 partly refunded, 12 fully refunded (inf). */
  refund_state: number;
  created_ms: number;
  update_ms: number;
  pay_ms?: number;
  buyer_id: number;
  yz_open_id: string;
  /** 分. */
  post_fee: number;
  /** 分: what the buyer pays in total. */
  payment: number;
  lines: YzTradeLine[];
  deliveries: { out_stype: string; out_sid: string; oids: string[]; at_ms: number }[];
}

export interface FakeYouzanOptions {
  faults?: Faults;
  clientId?: string;
  clientSecret?: string;
  kdtId?: number;
  /** Life of an issued token, seconds (Youzan: 7 days). */
  tokenLifeSeconds?: number;
  /** Scope string the token endpoint reports. */
  scope?: string;
  /** APIs the app is not authorised for (answered with the gateway's permission error). */
  deniedApis?: string[];
  /** Every n-th API call is throttled by the gateway (0: never). */
  throttleEvery?: number;
  seed?: number;
}

export interface FakeYouzan {
  server: FakeServer;
  url: string;
  state: {
    items: Map<number, YzItem>;
    trades: Map<string, YzTrade>;
    tokens: Map<string, { expiresAtMs: number }>;
  };
  /** Counters by API name (successful business calls only). */
  calls: Record<string, number>;
  /** Tokens issued so far. */
  tokensIssued(): number;
  /** Answer these APIs only after `ms`, having applied them (a client timing out loses the answer). */
  answerLate(api: string, ms: number): void;
  /** Next API responses are malformed JSON (count). */
  breakNextResponses(count: number): void;
  /** Expire every issued token now (the next call with one gets the expired-token error). */
  expireTokens(): void;
  /** Items with two SKUs each (颜色 x 尺码), half on sale; for orders to refer to. */
  seedItems(count: number): YzItem[];
  seedTrades(count: number, opts?: { startMs?: number; spanMs?: number }): YzTrade[];
  close(): Promise<void>;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** "2024-11-03 10:00:00" in Beijing time (UTC+8, no DST since 1991). */
export function beijing(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

export function fromBeijing(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - BEIJING_OFFSET_MS;
}

/** 12990 -> "129.90". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const KNOWN_APIS: Record<string, string[]> = {
  "youzan.items.onsale.get": ["3.0.0"],
  "youzan.items.inventory.get": ["3.0.0"],
  "youzan.item.get": ["3.0.0"],
  "youzan.item.create": ["3.0.0", "3.0.1"],
  "youzan.item.update": ["3.0.0", "3.0.1"],
  "youzan.trades.sold.get": ["4.0.0", "4.0.1", "4.0.2", "4.0.3", "4.0.4"],
  "youzan.trade.get": ["4.0.0", "4.0.1", "4.0.2"],
  "youzan.logistics.online.confirm": ["3.0.0"],
};

type Body = Record<string, unknown>;
type Reply = { status?: number; headers?: Record<string, string>; json?: unknown; text?: string };

export async function startFakeYouzan(opts: FakeYouzanOptions = {}): Promise<FakeYouzan> {
  const clientId = opts.clientId ?? "yz-client-id";
  const clientSecret = opts.clientSecret ?? "yz-client-secret-0123456789";
  const kdtId = opts.kdtId ?? 44_001_234;
  const tokenLifeMs = (opts.tokenLifeSeconds ?? 7 * 24 * 3600) * 1000;
  const random = seededRandom(opts.seed ?? 7);
  const items = new Map<number, YzItem>();
  const trades = new Map<string, YzTrade>();
  const tokens = new Map<string, { expiresAtMs: number }>();
  const calls: Record<string, number> = {};
  let nextItemId = 600_000_001;
  let nextSkuId = 36_000_001;
  let nextVid = 1001;
  const kids = new Map<string, number>();
  const vids = new Map<string, number>();
  let issued = 0;
  let apiCalls = 0;
  let malformed = 0;
  const late = new Map<string, number>();
  let lastWriteMs = 0;
  let traceSeq = 0;

  const traceId = () => `yz7-0a3e${(++traceSeq).toString(16).padStart(6, "0")}-${Date.now()}`;
  /** Update stamps strictly increase, as a database's would under a single writer. */
  const stamp = () => {
    lastWriteMs = Math.max(Date.now(), lastWriteMs + 1);
    return lastWriteMs;
  };
  const gateway = (err: { err_code: number; err_msg: string }): Reply => ({ json: { gw_err_resp: { trace_id: traceId(), ...err } } });
  const business = (err: { code: number; message: string }, detail?: string): Reply => ({
    json: { success: false, code: err.code, message: detail ? `${err.message}: ${detail}` : err.message, trace_id: traceId() },
  });
  const ok = (data: unknown): Reply => ({ json: { success: true, code: 200, message: "successful", data, trace_id: traceId() } });

  const num = (v: unknown): number | undefined => {
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v);
    return undefined;
  };
  const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

  function propertyOf(k: string, v: string): YzSkuProperty {
    let kid = kids.get(k);
    if (kid === undefined) {
      kid = kids.size + 1;
      kids.set(k, kid);
    }
    let vid = vids.get(`${k}\u0000${v}`);
    if (vid === undefined) {
      vid = nextVid++;
      vids.set(`${k}\u0000${v}`, vid);
    }
    return { k, kid, v, vid };
  }

  /** Parses `sku_stocks` (a JSON string, as the real API wants) into SKUs, reusing ids of SKUs with the same code. */
  function parseSkuStocks(raw: unknown, previous: YzSku[]): YzSku[] | string {
    if (raw === undefined) return previous;
    if (typeof raw !== "string") return "sku_stocks 必须是 JSON 字符串";
    let list: unknown;
    try {
      list = JSON.parse(raw);
    } catch {
      return "sku_stocks 不是合法的 JSON";
    }
    if (!Array.isArray(list)) return "sku_stocks 必须是数组";
    const out: YzSku[] = [];
    for (const entry of list as Body[]) {
      const price = num(entry.price);
      const quantity = num(entry.quantity) ?? 0;
      const code = str(entry.code) ?? "";
      const skus = Array.isArray(entry.skus) ? (entry.skus as Body[]) : undefined;
      if (price === undefined || price < 0 || !Number.isInteger(price)) return "sku_stocks.price 必须是以分为单位的整数";
      if (!skus || skus.length === 0 || skus.length > 3) return "sku_stocks.skus 必须有 1 到 3 个规格";
      const properties: YzSkuProperty[] = [];
      for (const p of skus) {
        const k = str(p.k);
        const v = str(p.v);
        if (!k || !v) return "sku_stocks.skus 的 k 和 v 不能为空";
        properties.push(propertyOf(k, v));
      }
      const old = previous.find((s) => code !== "" && s.item_no === code);
      out.push({ sku_id: old?.sku_id ?? nextSkuId++, item_no: code, price, quantity, properties });
    }
    return out;
  }

  function applyItemFields(item: YzItem, body: Body): string | undefined {
    if (body.title !== undefined) {
      const title = str(body.title);
      if (!title || title.length > 100) return "title 不能为空且不超过 100 个字";
      item.title = title;
    }
    if (body.desc !== undefined) item.desc = str(body.desc) ?? "";
    if (body.item_no !== undefined) item.item_no = str(body.item_no) ?? "";
    if (body.origin_price !== undefined) item.origin_price = str(body.origin_price) ?? "";
    if (body.is_display !== undefined) item.is_display = num(body.is_display) === 0 ? 0 : 1;
    const skus = parseSkuStocks(body.sku_stocks, item.skus);
    if (typeof skus === "string") return skus;
    item.skus = skus;
    if (skus.length > 0) {
      item.price = Math.min(...skus.map((s) => s.price));
      item.quantity = skus.reduce((sum, s) => sum + s.quantity, 0);
    } else {
      if (body.price !== undefined) {
        const price = num(body.price);
        if (price === undefined || price < 0) return "price 必须是以分为单位的整数";
        item.price = price;
      }
      if (body.quantity !== undefined) item.quantity = num(body.quantity) ?? 0;
    }
    return undefined;
  }

  function listItem(item: YzItem) {
    return {
      item_id: item.item_id,
      alias: item.alias,
      title: item.title,
      item_no: item.item_no,
      price: item.price,
      quantity: item.quantity,
      created_time: beijing(item.created_ms),
      update_time: beijing(item.update_ms),
      detail_url: `https://h5.youzan.com/v2/goods/${item.alias}`,
    };
  }

  function itemDetail(item: YzItem) {
    return {
      ...listItem(item),
      desc: item.desc,
      origin_price: item.origin_price,
      is_display: item.is_display,
      skus: item.skus.map((s) => ({
        sku_id: s.sku_id,
        item_id: item.item_id,
        item_no: s.item_no,
        price: s.price,
        quantity: s.quantity,
        properties_name_json: JSON.stringify(s.properties),
      })),
    };
  }

  /** page_no/page_size checks shared by the lists. */
  function paging(body: Body, max: number, defaultSize: number): { page: number; size: number } | Reply {
    const page = num(body.page_no) ?? 1;
    const size = num(body.page_size) ?? defaultSize;
    if (page < 1) return business(YZ_BUSINESS.badParam, "page_no 必须大于 0");
    if (size < 1 || size > max) return business(YZ_BUSINESS.badParam, `page_size 不能大于 ${max}`);
    return { page, size };
  }

  function itemsList(body: Body, onSale: boolean): Reply {
    const p = paging(body, YZ_ITEMS_MAX_PAGE_SIZE, 20);
    if (!("page" in p)) return p;
    const start = num(body.update_time_start);
    const end = num(body.update_time_end);
    const q = str(body.q);
    const [field = "created_time", dir = "desc"] = (str(body.order_by) ?? "created_time:desc").split(":");
    const key = (i: YzItem) => (field === "update_time" ? i.update_ms : field === "price" ? i.price : i.created_ms);
    const list = [...items.values()]
      .filter((i) => (i.is_display === 1) === onSale)
      .filter((i) => (start === undefined || i.update_ms >= start) && (end === undefined || i.update_ms <= end))
      .filter((i) => !q || i.title.includes(q))
      .sort((a, b) => (dir === "asc" ? key(a) - key(b) || a.item_id - b.item_id : key(b) - key(a) || b.item_id - a.item_id));
    const slice = list.slice((p.page - 1) * p.size, p.page * p.size);
    return ok({ count: list.length, items: slice.map(listItem) });
  }

  function fullOrderInfo(t: YzTrade) {
    const totalFee = t.lines.reduce((sum, l) => sum + l.price * l.num, 0);
    return {
      order_info: {
        tid: t.tid,
        status: t.status,
        type: 0,
        created: beijing(t.created_ms),
        update_time: beijing(t.update_ms),
        pay_time: t.pay_ms ? beijing(t.pay_ms) : "",
        refund_state: t.refund_state,
        order_tags: { is_payed: t.pay_ms !== undefined },
      },
      buyer_info: { buyer_id: t.buyer_id, yz_open_id: t.yz_open_id },
      pay_info: { total_fee: yuan(totalFee), post_fee: yuan(t.post_fee), payment: yuan(t.payment) },
      orders: t.lines.map((l) => ({
        oid: l.oid,
        item_id: l.item_id,
        sku_id: l.sku_id,
        outer_item_id: l.outer_item_id,
        outer_sku_id: l.outer_sku_id,
        title: l.title,
        num: l.num,
        price: yuan(l.price),
        total_fee: yuan(l.price * l.num),
        payment: yuan(l.payment),
        sku_properties_name: JSON.stringify(l.properties),
      })),
    };
  }

  function tradesSold(body: Body): Reply {
    const p = paging(body, YZ_TRADES_MAX_PAGE_SIZE, 20);
    if (!("page" in p)) return p;
    const bound = (name: string): number | undefined | Reply => {
      const raw = body[name];
      if (raw === undefined || raw === "") return undefined;
      const ms = typeof raw === "string" ? fromBeijing(raw) : undefined;
      return ms ?? business(YZ_BUSINESS.badParam, `${name} 格式应为 yyyy-MM-dd HH:mm:ss`);
    };
    const bounds: Record<string, number | undefined> = {};
    for (const name of ["start_created", "end_created", "start_update", "end_update"]) {
      const b = bound(name);
      if (typeof b === "object") return b;
      bounds[name] = b;
    }
    const status = str(body.status);
    const within = (ms: number, lo?: number, hi?: number) => (lo === undefined || ms >= lo) && (hi === undefined || ms <= hi + 999);
    const list = [...trades.values()]
      .filter((t) => !status || t.status === status)
      .filter((t) => within(t.created_ms, bounds.start_created, bounds.end_created))
      .filter((t) => within(t.update_ms, bounds.start_update, bounds.end_update))
      .sort((a, b) => b.created_ms - a.created_ms || (a.tid < b.tid ? 1 : -1));
    const slice = list.slice((p.page - 1) * p.size, p.page * p.size);
    return ok({ full_order_info_list: slice.map((t) => ({ full_order_info: fullOrderInfo(t) })), total_results: list.length });
  }

  function tradeGet(body: Body): Reply {
    const t = trades.get(str(body.tid) ?? "");
    if (!t) return business(YZ_BUSINESS.tradeNotFound);
    return ok({
      full_order_info: fullOrderInfo(t),
      delivery_order: t.deliveries.map((d) => ({
        express_state: 1,
        oids: d.oids.map((oid) => ({ oid })),
        dists: [
          { express_info: { express_id: Number(d.out_stype), express_no: d.out_sid }, dist_info: { dist_id: `${t.tid}-${d.out_sid}` } },
        ],
      })),
    });
  }

  function logisticsConfirm(body: Body): Reply {
    const t = trades.get(str(body.tid) ?? "");
    if (!t) return business(YZ_BUSINESS.tradeNotFound);
    const noExpress = num(body.is_no_express) === 1;
    const outStype = str(body.out_stype);
    const outSid = str(body.out_sid);
    if (!noExpress && (!outStype || !outSid)) return business(YZ_BUSINESS.badParam, "out_stype 和 out_sid 不能为空");
    if (t.status !== "WAIT_SELLER_SEND_GOODS") return business(YZ_BUSINESS.tradeNotShippable);
    const oids = (str(body.oids) ?? "").split(",").filter(Boolean);
    t.deliveries.push({
      out_stype: outStype ?? "",
      out_sid: outSid ?? "",
      oids: oids.length ? oids : t.lines.map((l) => l.oid),
      at_ms: Date.now(),
    });
    t.status = "WAIT_BUYER_CONFIRM_GOODS";
    t.update_ms = stamp();
    return ok({ is_success: true });
  }

  function itemCreate(body: Body): Reply {
    const created = stamp();
    const item: YzItem = {
      item_id: nextItemId++,
      alias: `2x${(nextItemId * 7919).toString(36)}`,
      title: "",
      desc: "",
      item_no: "",
      price: 0,
      origin_price: "",
      quantity: 0,
      is_display: 1,
      created_ms: created,
      update_ms: created,
      skus: [],
    };
    if (body.title === undefined) return business(YZ_BUSINESS.badParam, "title 不能为空");
    if (body.price === undefined && body.sku_stocks === undefined) return business(YZ_BUSINESS.badParam, "price 不能为空");
    const problem = applyItemFields(item, body);
    if (problem) return business(YZ_BUSINESS.badParam, problem);
    items.set(item.item_id, item);
    return ok({ item: { item_id: item.item_id, alias: item.alias } });
  }

  function itemUpdate(body: Body): Reply {
    const item = items.get(num(body.item_id) ?? -1);
    if (!item) return business(YZ_BUSINESS.notFound);
    const copy: YzItem = { ...item, skus: [...item.skus] };
    const problem = applyItemFields(copy, body);
    if (problem) return business(YZ_BUSINESS.badParam, problem);
    copy.update_ms = stamp();
    items.set(item.item_id, copy);
    return ok({ is_success: true });
  }

  function itemGet(body: Body): Reply {
    const id = num(body.item_id);
    const alias = str(body.alias);
    const item = id !== undefined ? items.get(id) : [...items.values()].find((i) => i.alias === alias);
    if (!item) return business(YZ_BUSINESS.notFound);
    return ok({ item: itemDetail(item) });
  }

  function tokenEndpoint(req: { headers: Record<string, string | string[] | undefined>; body: unknown }): Reply {
    const type = String(req.headers["content-type"] ?? "");
    if (!type.includes("application/json")) return business(YZ_BUSINESS.formEncoded);
    const body = (req.body ?? {}) as Body;
    if (str(body.authorize_type) !== "silent") return business(YZ_BUSINESS.badParam, "authorize_type 不支持");
    if (str(body.client_id) !== clientId || str(body.client_secret) !== clientSecret || num(body.grant_id) !== kdtId) {
      return { json: { success: false, code: YZ_BUSINESS.clientUnknown.code, data: null, message: YZ_BUSINESS.clientUnknown.message } };
    }
    issued++;
    const token = `yzt${issued.toString(36)}${Math.floor(random() * 36 ** 10).toString(36)}f0e1d2c3b4a5`;
    const expires = Date.now() + tokenLifeMs;
    tokens.set(token, { expiresAtMs: expires });
    return {
      json: {
        success: true,
        code: 200,
        message: null,
        data: { access_token: token, expires, scope: opts.scope ?? "item trade logistics shop", authority_id: String(kdtId) },
      },
    };
  }

  async function api(req: {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: Record<string, string | string[] | undefined>;
    body: unknown;
  }): Promise<Reply> {
    const parts = req.path.split("/").filter(Boolean); // api, name, version
    const name = parts[1] ?? "";
    const version = parts[2];
    if (req.method !== "POST" || !version || !/^\d+\.\d+\.\d+$/.test(version)) return gateway(YZ_GATEWAY.noVersion);
    if (!KNOWN_APIS[name]?.includes(version)) return gateway(YZ_GATEWAY.unknownApi);
    if (!String(req.headers["content-type"] ?? "").includes("application/json")) return gateway(YZ_GATEWAY.badContentType);
    const token = req.query.get("access_token");
    if (!token) return gateway(YZ_GATEWAY.noToken);
    const known = tokens.get(token);
    if (!known) return gateway(YZ_GATEWAY.tokenUnknown);
    if (known.expiresAtMs <= Date.now()) return gateway(YZ_GATEWAY.tokenExpired);
    if (opts.deniedApis?.includes(name)) return gateway(YZ_GATEWAY.notAuthorised);
    apiCalls++;
    if (opts.throttleEvery && apiCalls % opts.throttleEvery === 0) return gateway(YZ_GATEWAY.throttled);
    if (malformed > 0) {
      malformed--;
      return { headers: { "content-type": "application/json;charset=UTF-8" }, text: '{"success":true,"code":200,"data":{"items":[' };
    }
    const body = (req.body && typeof req.body === "object" ? req.body : {}) as Body;
    let reply: Reply;
    switch (name) {
      case "youzan.items.onsale.get":
        reply = itemsList(body, true);
        break;
      case "youzan.items.inventory.get":
        reply = itemsList(body, false);
        break;
      case "youzan.item.get":
        reply = itemGet(body);
        break;
      case "youzan.item.create":
        reply = itemCreate(body);
        break;
      case "youzan.item.update":
        reply = itemUpdate(body);
        break;
      case "youzan.trades.sold.get":
        reply = tradesSold(body);
        break;
      case "youzan.trade.get":
        reply = tradeGet(body);
        break;
      default:
        reply = logisticsConfirm(body);
    }
    if ((reply.json as { success?: boolean } | undefined)?.success) calls[name] = (calls[name] ?? 0) + 1;
    const delay = late.get(name);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    return reply;
  }

  const server = await startFakeServer({
    ...(opts.faults ? { faults: opts.faults } : {}),
    route(method, path) {
      if (path === "/auth/token") return method === "POST" ? tokenEndpoint : () => business(YZ_BUSINESS.badParam, "请使用 POST");
      if (path.startsWith("/api/")) return api;
      return undefined;
    },
  });

  function seedItems(count: number): YzItem[] {
    const out: YzItem[] = [];
    for (let i = 0; i < count; i++) {
      const created = stamp();
      const n = items.size + 1;
      const price = 5_000 + Math.floor(random() * 20_000);
      const skus: YzSku[] = ["S", "M"].map((size, j) => ({
        sku_id: nextSkuId++,
        item_no: `SEED-${n}-${size}`,
        price: price + j * 500,
        quantity: Math.floor(random() * 40),
        properties: [propertyOf("颜色", n % 2 ? "红" : "黑"), propertyOf("尺码", size)],
      }));
      const item: YzItem = {
        item_id: nextItemId++,
        alias: `3s${(nextItemId * 7919).toString(36)}`,
        title: `种子商品 ${n}`,
        desc: `<p>种子商品 ${n}</p>`,
        item_no: `SEED-${n}`,
        price,
        origin_price: n % 3 === 0 ? yuan(price + 3_000) : "",
        quantity: skus.reduce((sum, s) => sum + s.quantity, 0),
        is_display: n % 2 ? 1 : 0,
        created_ms: created,
        update_ms: created,
        skus,
      };
      items.set(item.item_id, item);
      out.push(item);
    }
    return out;
  }

  function seedTrades(count: number, o: { startMs?: number; spanMs?: number } = {}): YzTrade[] {
    const start = o.startMs ?? Date.UTC(2024, 9, 1) - BEIJING_OFFSET_MS;
    const span = o.spanMs ?? 60 * 86_400_000;
    const catalog = [...items.values()];
    const statuses: YzTrade["status"][] = [
      "WAIT_BUYER_PAY",
      "WAIT_SELLER_SEND_GOODS",
      "WAIT_BUYER_CONFIRM_GOODS",
      "TRADE_SUCCESS",
      "TRADE_CLOSE",
    ];
    const out: YzTrade[] = [];
    const base = trades.size;
    for (let i = 0; i < count; i++) {
      const created = start + Math.floor((random() * span) / 1000) * 1000;
      const updated = created + Math.floor(random() * 3 * 86_400) * 1000;
      const status = statuses[Math.floor(random() * statuses.length)] as YzTrade["status"];
      const paid = status !== "WAIT_BUYER_PAY" && !(status === "TRADE_CLOSE" && random() < 0.5);
      const lines: YzTradeLine[] = [];
      const lineCount = 1 + Math.floor(random() * 3);
      for (let j = 0; j < lineCount; j++) {
        const item = catalog.length ? catalog[Math.floor(random() * catalog.length)] : undefined;
        const sku = item?.skus.length ? item.skus[Math.floor(random() * item.skus.length)] : undefined;
        const price = sku?.price ?? item?.price ?? 1000 + Math.floor(random() * 50_000);
        const qty = 1 + Math.floor(random() * 3);
        const discount = random() < 0.3 ? Math.floor(random() * price * qty * 0.2) : 0;
        lines.push({
          oid: `${3_000_000_000 + (base + i) * 4 + j}`,
          item_id: item?.item_id ?? 0,
          sku_id: sku?.sku_id ?? 0,
          outer_item_id: item?.item_no ?? `ITEM-${j}`,
          outer_sku_id: sku?.item_no ?? item?.item_no ?? `SKU-${base + i}-${j}`,
          title: item?.title ?? `商品 ${j + 1}`,
          num: qty,
          price,
          payment: price * qty - discount,
          properties: sku?.properties.map((p) => ({ k: p.k, v: p.v })) ?? [],
        });
      }
      const postFee = random() < 0.5 ? 0 : 1000;
      const trade: YzTrade = {
        tid: `E${beijing(created).replace(/\D/g, "")}${String(base + i).padStart(9, "0")}`,
        status,
        refund_state: status === "TRADE_CLOSE" && paid ? 12 : status === "TRADE_SUCCESS" && random() < 0.1 ? 2 : 0,
        created_ms: created,
        update_ms: updated,
        ...(paid ? { pay_ms: created + 60_000 } : {}),
        buyer_id: 10_000 + Math.floor(random() * 500),
        yz_open_id: `open${Math.floor(random() * 500)}`,
        post_fee: postFee,
        payment: lines.reduce((sum, l) => sum + l.payment, 0) + postFee,
        lines,
        deliveries: [],
      };
      trades.set(trade.tid, trade);
      out.push(trade);
    }
    return out;
  }

  return {
    server,
    url: server.url,
    state: { items, trades, tokens },
    calls,
    tokensIssued: () => issued,
    answerLate(apiName, ms) {
      late.set(apiName, ms);
    },
    breakNextResponses(count) {
      malformed = count;
    },
    expireTokens() {
      for (const t of tokens.values()) t.expiresAtMs = 0;
    },
    seedItems,
    seedTrades,
    close: () => server.close(),
  };
}
