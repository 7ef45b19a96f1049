/**
 * A fake Kuaidi100 (快递100) on 127.0.0.1 (couriers.md §1, §8): the real-time query `POST /poll/query.do`
 * (form fields customer / param / sign, sign = UPPER(MD5(param + key + customer)) checked exactly), string
 * JSON values, events newest first (or `order: "asc"`), advanced statusCode with resultv2=4, the phone that
 * SF and ZTO queries need, errors as `{result:false, returnCode, message}` inside HTTP 200, and the lock a
 * waybill gets when it is queried again within 30 minutes. Autonumber (`GET /autonumber/auto`) answers an
 * array of candidate companies. Every query is counted per number with the fake's (injectable) clock, so a
 * test can prove no number was asked twice within 30 minutes.
 *
 * Return codes: 400 / 500 / 503 are the reference's placeholders; those marked (inf) are not in any stored
 * source and are kept in one table so a real capture can correct them in one place.
 */
import { createHash } from "node:crypto";
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, type ShapeFault, startFakeServer } from "./lib/index.js";

export const KD100_ERRORS = {
  badParams: { returnCode: "400", message: "提交的数据不完整，或者贵公司没授权" },
  unknownCompany: { returnCode: "400", message: "找不到对应公司" },
  noResult: { returnCode: "500", message: "查询无结果，请隔段时间再查" },
  badSign: { returnCode: "503", message: "验证签名失败" },
  /** (inf) a waybill asked about again within 30 minutes. */
  locked: { returnCode: "501", message: "查询过于频繁，该单号已被锁定，请半小时后再查" },
  /** (inf) SF / ZTO queried without a phone. */
  phoneRequired: { returnCode: "400", message: "顺丰、中通单号需提供寄件人或收件人手机号(phone)" },
  /** (inf) autonumber with an unknown key. */
  badKey: { returnCode: "601", message: "POLL:KEY已过期或不存在" },
} as const;

export const LOCK_MS = 30 * 60_000;

export interface Kd100Event {
  /** Asia/Shanghai wall clock, "2026-03-01 08:15:00". */
  time: string;
  context: string;
  statusCode?: string;
  /** Status name (resultv2 >= 1), e.g. "在途", "签收". */
  status?: string;
  areaName?: string;
}

export interface Kd100Shipment {
  num: string;
  com: string;
  /** Main state ("0".."14"). */
  state: string;
  ischeck?: "0" | "1";
  /** Oldest first; the fake answers newest first as Kuaidi100 does. */
  events: Kd100Event[];
  /** Full phone of sender or recipient; the query must carry it or its last 4 digits. */
  phone?: string;
}

export interface FakeKuaidi100Options {
  customer?: string;
  key?: string;
  /** The fake's clock for the 30-minute lock (epoch ms), default Date.now. */
  now?: () => number;
  /**
   * The clock arrivals are counted by for maxPerSecond (default the wall clock), told of each
   * arrival: with the client's virtual pacing clock (test/helpers/virtual-clock.ts) the pace is counted.
   */
  pacingClock?: { now(): number; arrived?(): void };
  faults?: Faults;
}

export interface FakeKuaidi100 {
  url: string;
  /** Bend the shape of the answers (see lib ShapeFault). */
  setShapeFault(f: ShapeFault | undefined): void;
  customer: string;
  key: string;
  addShipment(s: Kd100Shipment): void;
  /** n delivered-or-moving YTO shipments with three events each; returns their numbers. */
  seedShipments(n: number, prefix?: string): string[];
  /** Fake-clock times of every query per number (locked ones included). */
  queriesOf(num: string): number[];
  /** Smallest gap between two queries of one number, Infinity when none was asked twice. */
  minRequeryGapMs(): number;
  readonly stats: {
    queries: number;
    locked: number;
    badSign: number;
    autonumber: number;
    /** The `param` JSON of every accepted query, in arrival order. */
    params: Record<string, unknown>[];
    /** Most queries that arrived within any 1,000 ms (of the pacing clock: real time unless a test gives one). */
    readonly maxPerSecond: number;
  };
  /** The next n answers are broken JSON. */
  garbleNext(n: number): void;
  /** Queries of this number are accepted and never answered (a backend stuck on it), counted in `stalled`. */
  stall(num: string): void;
  /** Queries that arrived for stalled numbers. */
  readonly stalled: number;
  log: FakeServer["log"];
  setFaults(f: Faults): void;
  close(): Promise<void>;
}

function md5Upper(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex").toUpperCase();
}

function failure(e: { returnCode: string; message: string }): FakeReply {
  return { json: { result: false, returnCode: e.returnCode, message: e.message } };
}

/** Candidate companies by number shape, most likely first (an aggregator's guess, like autonumber's). */
function guessCompanies(num: string): string[] {
  const n = num.toUpperCase();
  if (/^SF\d{13}$/.test(n)) return ["shunfeng"];
  if (/^YT\d{13}$/.test(n)) return ["yuantong"];
  if (/^JT\d{13}$/.test(n)) return ["jtexpress"];
  if (/^JD/.test(n)) return ["jd"];
  if (/^DPK\d{12}$/.test(n)) return ["debangkuaidi"];
  if (/^7\d{13,14}$/.test(n)) return ["zhongtong", "shentong"];
  if (/^[34]\d{14}$/.test(n)) return ["yunda", "zhongtong"];
  return [];
}

const COMPANY_NAMES: Record<string, string> = {
  shunfeng: "顺丰速运",
  yuantong: "圆通速递",
  zhongtong: "中通快递",
  shentong: "申通快递",
  yunda: "韵达快递",
  jtexpress: "极兔速递",
  jd: "京东物流",
  debangkuaidi: "德邦快递",
};

export async function startFakeKuaidi100(opts: FakeKuaidi100Options = {}): Promise<FakeKuaidi100> {
  const customer = opts.customer ?? "KD100CUSTOMERID01";
  const key = opts.key ?? "kd100-key-9f8e7d6c5b4a";
  const now = opts.now ?? Date.now;
  const shipments = new Map<string, Kd100Shipment>();
  const queries = new Map<string, number[]>();
  const arrivals: number[] = [];
  let garble = 0;
  const stats = {
    queries: 0,
    locked: 0,
    badSign: 0,
    autonumber: 0,
    params: [] as Record<string, unknown>[],
    get maxPerSecond() {
      let best = 0;
      let start = 0;
      for (let end = 0; end < arrivals.length; end++) {
        while ((arrivals[end] as number) - (arrivals[start] as number) >= 1000) start++;
        best = Math.max(best, end - start + 1);
      }
      return best;
    },
  };

  function answerOf(s: Kd100Shipment, param: Record<string, unknown>): FakeReply {
    const resultv2 = Number(param.resultv2 ?? 0);
    const rows = s.events.map((e) => ({
      time: e.time,
      ftime: e.time,
      context: e.context,
      ...(e.areaName ? { areaName: e.areaName, location: e.areaName } : {}),
      ...(resultv2 >= 1 && e.status ? { status: e.status } : {}),
      ...(resultv2 >= 4 && e.statusCode ? { statusCode: e.statusCode } : {}),
    }));
    const data = param.order === "asc" ? rows : rows.reverse();
    return {
      json: { message: "ok", nu: s.num, ischeck: s.ischeck ?? "0", condition: "F00", com: s.com, status: "200", state: s.state, data },
    };
  }

  function query(req: FakeRequest): FakeReply {
    if (req.method !== "POST") return failure(KD100_ERRORS.badParams);
    if (!/application\/x-www-form-urlencoded/i.test(String(req.headers["content-type"] ?? ""))) return failure(KD100_ERRORS.badParams);
    const form = new URLSearchParams(req.rawBody);
    const [formCustomer, sign, paramText] = [form.get("customer"), form.get("sign"), form.get("param")];
    if (!formCustomer || !sign || !paramText) return failure(KD100_ERRORS.badParams);
    if (formCustomer !== customer || sign !== md5Upper(paramText + key + customer)) {
      stats.badSign++;
      return failure(KD100_ERRORS.badSign);
    }
    let param: Record<string, unknown>;
    try {
      param = JSON.parse(paramText) as Record<string, unknown>;
    } catch {
      return failure(KD100_ERRORS.badParams);
    }
    const com = typeof param.com === "string" ? param.com : "";
    const num = typeof param.num === "string" ? param.num : "";
    if (!/^[a-z0-9]+$/.test(com) || num.length < 6 || num.length > 32) return failure(KD100_ERRORS.badParams);
    if (!(com in COMPANY_NAMES) && !["ems", "youzhengguonei", "ups", "fedex", "usps", "dhl"].includes(com)) {
      return failure(KD100_ERRORS.unknownCompany);
    }
    stats.queries++;
    stats.params.push(param);
    arrivals.push(opts.pacingClock ? opts.pacingClock.now() : Date.now());
    const t = now();
    const times = queries.get(num) ?? [];
    const last = times.at(-1);
    times.push(t);
    queries.set(num, times);
    if (last !== undefined && t - last < LOCK_MS) {
      stats.locked++;
      return failure(KD100_ERRORS.locked);
    }
    const phone = typeof param.phone === "string" ? param.phone : undefined;
    if (["shunfeng", "zhongtong"].includes(com) && !phone) return failure(KD100_ERRORS.phoneRequired);
    const s = shipments.get(num);
    if (!s || s.com !== com) return failure(KD100_ERRORS.noResult);
    if (s.phone && (!phone || !(phone.length >= 4 && s.phone.endsWith(phone)))) return failure(KD100_ERRORS.noResult);
    return answerOf(s, param);
  }

  function autonumber(req: FakeRequest): FakeReply {
    if (req.query.get("key") !== key) return failure(KD100_ERRORS.badKey);
    stats.autonumber++;
    const num = req.query.get("num") ?? "";
    const known = shipments.get(num)?.com;
    const coms = [...new Set([...(known ? [known] : []), ...guessCompanies(num)])];
    return {
      json: coms.map((comCode) => ({
        comCode,
        name: COMPANY_NAMES[comCode] ?? comCode,
        lengthPre: num.length,
        noPre: num.slice(0, 4),
        noCount: 100,
      })),
    };
  }

  const stalledNumbers = new Set<string>();
  let stalledCount = 0;
  const server = await startFakeServer({
    route: (method, path) => {
      const handler = path === "/poll/query.do" ? query : path === "/autonumber/auto" && method === "GET" ? autonumber : undefined;
      if (!handler) return undefined;
      return (req) => {
        // Every request that reached the fake, refused or not, lets the virtual clock wake the next start.
        opts.pacingClock?.arrived?.();
        const asked = new URLSearchParams(req.rawBody).get("param") ?? "";
        if ([...stalledNumbers].some((n) => asked.includes(`"${n}"`))) {
          stalledCount++;
          return new Promise<FakeReply>(() => {});
        }
        const reply = handler(req);
        if (garble > 0) {
          garble--;
          return { text: '{"message":"ok","data":[{"time":' };
        }
        return reply;
      };
    },
    ...(opts.faults ? { faults: opts.faults } : {}),
    faultBodies: { error5xx: () => ({ text: "<html><body><h1>502 Bad Gateway</h1></body></html>" }) },
  });

  return {
    url: server.url,
    setShapeFault: (f) => server.setShapeFault(f),
    customer,
    key,
    addShipment(s) {
      shipments.set(s.num, s);
    },
    seedShipments(n, prefix = "YT") {
      const numbers: string[] = [];
      for (let i = 0; i < n; i++) {
        const num = `${prefix}${String(8_000_000_000_000 + i).padStart(13, "0")}`;
        const delivered = i % 3 === 0;
        const events: Kd100Event[] = [
          { time: "2026-03-01 09:00:00", context: "【上海】已揽收", statusCode: "103", status: "揽收", areaName: "上海" },
          { time: "2026-03-02 06:30:00", context: "【杭州】已到达", statusCode: "1002", status: "在途", areaName: "杭州" },
        ];
        if (delivered) events.push({ time: "2026-03-02 15:10:00", context: "已签收，本人签收", statusCode: "301", status: "签收" });
        shipments.set(num, { num, com: "yuantong", state: delivered ? "3" : "0", ischeck: delivered ? "1" : "0", events });
        numbers.push(num);
      }
      return numbers;
    },
    queriesOf: (num) => [...(queries.get(num) ?? [])],
    minRequeryGapMs() {
      let min = Number.POSITIVE_INFINITY;
      for (const times of queries.values())
        for (let i = 1; i < times.length; i++) min = Math.min(min, (times[i] as number) - (times[i - 1] as number));
      return min;
    },
    stats,
    garbleNext(n) {
      garble = n;
    },
    stall(num) {
      stalledNumbers.add(num);
    },
    get stalled() {
      return stalledCount;
    },
    log: server.log,
    setFaults: (f) => server.setFaults(f),
    close: () => server.close(),
  };
}
