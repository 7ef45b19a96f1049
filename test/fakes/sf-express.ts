/**
 * A fake SF Express open platform (顺丰开放平台) on 127.0.0.1 (couriers.md §4, §8): `POST /std/service`,
 * form-encoded partnerID / requestID / serviceCode / timestamp / msgDigest / msgData, the msgDigest checked
 * with its own Java-URLEncoder implementation (independent of the adapter's), answers always HTTP 200 as
 * `{apiResultCode, apiErrorMsg, apiResponseID, apiResultData}` with apiResultData a JSON *string*, the
 * gateway's A1001 / A1004 / A1005 (30 calls a second per interface) / A1006, and the route query's business
 * codes 8003 (more than 10 numbers), 8013 (none) and 8247 (invalid waybill). Routes go out oldest first.
 * Calls, numbers per call and asks per number are counted for the tests.
 *
 * apiErrorMsg texts marked (inf) are not in any stored source; the codes are from the reference.
 */
import { createHash } from "node:crypto";
import { type FakeReply, type FakeRequest, type FakeServer, type Faults, startFakeServer } from "./lib/index.js";

export interface FakeSfRoute {
  acceptTime: string;
  acceptAddress?: string;
  remark: string;
  opCode: string;
  reasonCode?: string;
  firstStatusCode?: string;
  firstStatusName?: string;
  secondaryStatusCode?: string;
  secondaryStatusName?: string;
}

export interface FakeSfShipment {
  mailNo: string;
  /** Oldest first. */
  routes: FakeSfRoute[];
  /** When set, only a matching checkPhoneNo (last 4 digits) sees the routes; SF answers an empty list otherwise. */
  phone?: string;
}

export interface FakeSfOptions {
  partnerId?: string;
  checkword?: string;
  /** Calls a second per interface before A1005, default 30. */
  callsPerSecond?: number;
  /** What SF does with a waybill it does not know: refuse the call with 8247 (default) or leave it out. */
  unknownNumbers?: "reject" | "omit";
  /** Answer every call with this gateway code (e.g. "A1003" IP not allowed). */
  refuseWith?: string;
  faults?: Faults;
  /**
   * The clock the calls-a-second window runs by (default the wall clock), told of each arrival:
   * with the client's virtual pacing clock (test/helpers/virtual-clock.ts) the budget is counted.
   */
  clock?: { now(): number; arrived?(): void };
}

export interface FakeSf {
  /** The full service address: http://127.0.0.1:PORT/std/service */
  url: string;
  partnerId: string;
  checkword: string;
  addShipment(s: FakeSfShipment): void;
  /** n SF waybills with a picked-up -> sorted -> delivered route; returns their numbers. */
  seedShipments(n: number): string[];
  readonly stats: {
    calls: number;
    maxNumbersPerCall: number;
    rateLimited: number;
    badSignature: number;
    /** How often each number was asked about. */
    asked: Map<string, number>;
    /** The parsed msgData of every accepted call. */
    msgData: Record<string, unknown>[];
  };
  setRefuseWith(code: string | undefined): void;
  /** The next n answers: "body" = broken JSON, "resultData" = a gateway envelope around broken apiResultData. */
  garbleNext(n: number, kind: "body" | "resultData"): void;
  log: FakeServer["log"];
  setFaults(f: Faults): void;
  close(): Promise<void>;
}

const GATEWAY_TEXT: Record<string, string> = {
  A1001: "必传参数不可为空", // (inf)
  A1003: "IP无效", // (inf)
  A1004: "无对应服务权限", // (inf)
  A1005: "流量受限", // (inf)
  A1006: "数字签名无效", // (inf)
};

/** Java URLEncoder.encode(s, "UTF-8"), built on encodeURIComponent — deliberately not the adapter's code. */
export function javaUrlEncodeReference(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

export function referenceDigest(msgData: string, timestamp: string, checkword: string): string {
  return createHash("md5")
    .update(javaUrlEncodeReference(msgData + timestamp + checkword))
    .digest("base64");
}

let responseCounter = 0;

function gateway(code: string, resultData?: unknown, errorMsg?: string): FakeReply {
  return {
    json: {
      apiResultCode: code,
      apiErrorMsg: code === "A1000" ? "" : (errorMsg ?? GATEWAY_TEXT[code] ?? "系统异常"),
      apiResponseID: `0001${String(++responseCounter).padStart(12, "0")}`,
      apiResultData: resultData === undefined ? null : JSON.stringify(resultData),
    },
  };
}

function business(errorCode: string, errorMsg: string): FakeReply {
  return gateway("A1000", { success: false, errorCode, errorMsg, msgData: null });
}

export async function startFakeSfExpress(opts: FakeSfOptions = {}): Promise<FakeSf> {
  const partnerId = opts.partnerId ?? "SFPARTNER01";
  const checkword = opts.checkword ?? "fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci";
  const callsPerSecond = opts.callsPerSecond ?? 30;
  const unknownNumbers = opts.unknownNumbers ?? "reject";
  let refuseWith = opts.refuseWith;
  const shipments = new Map<string, FakeSfShipment>();
  const recentCalls: number[] = [];
  const clock = opts.clock ?? { now: () => Date.now() };
  let garble: { n: number; kind: "body" | "resultData" } = { n: 0, kind: "body" };
  const stats = {
    calls: 0,
    maxNumbersPerCall: 0,
    rateLimited: 0,
    badSignature: 0,
    asked: new Map<string, number>(),
    msgData: [] as Record<string, unknown>[],
  };

  function service(req: FakeRequest): FakeReply {
    clock.arrived?.();
    if (req.method !== "POST" || !/application\/x-www-form-urlencoded/i.test(String(req.headers["content-type"] ?? ""))) {
      return gateway("A1001");
    }
    const form = new URLSearchParams(req.rawBody);
    const fields = ["partnerID", "requestID", "serviceCode", "timestamp", "msgDigest", "msgData"] as const;
    const values = Object.fromEntries(fields.map((f) => [f, form.get(f) ?? ""])) as Record<(typeof fields)[number], string>;
    if (fields.some((f) => values[f] === "")) return gateway("A1001");
    if (refuseWith) return gateway(refuseWith);
    if (values.partnerID !== partnerId) return gateway("A1001", undefined, "partnerID 不存在"); // (inf)
    if (values.msgDigest !== referenceDigest(values.msgData, values.timestamp, checkword)) {
      stats.badSignature++;
      return gateway("A1006");
    }
    if (values.serviceCode !== "EXP_RECE_SEARCH_ROUTES") return gateway("A1004");
    const t = clock.now();
    while (recentCalls.length > 0 && t - (recentCalls[0] as number) >= 1000) recentCalls.shift();
    if (recentCalls.length >= callsPerSecond) {
      stats.rateLimited++;
      return gateway("A1005");
    }
    recentCalls.push(t);
    let msgData: Record<string, unknown>;
    try {
      msgData = JSON.parse(values.msgData) as Record<string, unknown>;
    } catch {
      return gateway("A1001", undefined, "msgData 格式错误"); // (inf)
    }
    stats.calls++;
    stats.msgData.push(msgData);
    const numbers = Array.isArray(msgData.trackingNumber) ? msgData.trackingNumber.map(String) : [];
    stats.maxNumbersPerCall = Math.max(stats.maxNumbersPerCall, numbers.length);
    if (numbers.length === 0) return business("8013", "未传入查询单号");
    if (numbers.length > 10) return business("8003", "查询单号超过最大数量限制");
    for (const n of numbers) stats.asked.set(n, (stats.asked.get(n) ?? 0) + 1);
    const unknown = numbers.filter((n) => !shipments.has(n));
    if (unknown.length > 0 && unknownNumbers === "reject") return business("8247", `运单号不合法: ${unknown[0]}`);
    const phone = typeof msgData.checkPhoneNo === "string" ? msgData.checkPhoneNo : undefined;
    const routeResps = numbers
      .filter((n) => shipments.has(n))
      .map((n) => {
        const s = shipments.get(n) as FakeSfShipment;
        const visible = !s.phone || (phone !== undefined && phone.length >= 4 && s.phone.endsWith(phone));
        return { mailNo: n, routes: visible ? s.routes : [] };
      });
    return gateway("A1000", { success: true, errorCode: "S0000", errorMsg: null, msgData: { routeResps } });
  }

  const server = await startFakeServer({
    route: (_method, path) =>
      path === "/std/service"
        ? (req) => {
            const reply = service(req);
            if (garble.n > 0) {
              garble.n--;
              if (garble.kind === "body") return { text: '{"apiResultCode":"A1000","apiResultData":"{' };
              return {
                json: {
                  apiResultCode: "A1000",
                  apiErrorMsg: "",
                  apiResponseID: "x",
                  apiResultData: '{"success":true,"msgData":{"routeResps":[',
                },
              };
            }
            return reply;
          }
        : undefined,
    ...(opts.faults ? { faults: opts.faults } : {}),
    faultBodies: { error5xx: () => ({ text: "<html><body>502 Bad Gateway</body></html>" }) },
  });

  return {
    url: `${server.url}/std/service`,
    partnerId,
    checkword,
    addShipment(s) {
      shipments.set(s.mailNo, s);
    },
    seedShipments(n) {
      const numbers: string[] = [];
      for (let i = 0; i < n; i++) {
        const mailNo = `SF${String(1_000_000_000_000 + i).padStart(13, "0")}`;
        const routes: FakeSfRoute[] = [
          { acceptTime: "2026-03-01 10:00:00", acceptAddress: "深圳市", remark: "顺丰速运 已收取快件", opCode: "50" },
          { acceptTime: "2026-03-01 18:20:00", acceptAddress: "深圳市", remark: "快件完成分拣,准备发往", opCode: "30" },
        ];
        if (i % 2 === 0) routes.push({ acceptTime: "2026-03-02 11:05:00", acceptAddress: "上海市", remark: "已签收", opCode: "80" });
        shipments.set(mailNo, { mailNo, routes });
        numbers.push(mailNo);
      }
      return numbers;
    },
    stats,
    setRefuseWith(code) {
      refuseWith = code;
    },
    garbleNext(n, kind) {
      garble = { n, kind };
    },
    log: server.log,
    setFaults: (f) => server.setFaults(f),
    close: () => server.close(),
  };
}
