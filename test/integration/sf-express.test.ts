/**
 * The sf-express courier against the fake SF open platform: the courier contract, msgDigest with Java
 * URLEncoder semantics against the reference vector and an independent encoder, every opCode / status code
 * of couriers.md §4.3 and §6.2, batches of at most 10 waybills (the fake's own 8003 beyond), an invalid
 * waybill isolated inside a batch, 2,000 numbers within SF's 30 calls a second, and the gateway's refusals
 * (A1006 bad signature, A1003, A1005 throttling, malformed JSON) — with the checkWord never in a message or log.
 */
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import sfExpress, { type SfExpressConfig } from "../../src/adapters/couriers/sf-express/index.js";
import {
  javaUrlEncode,
  KNOWN_OP_CODES,
  KNOWN_SECONDARY_CODES,
  msgDigest,
  routeStatus,
} from "../../src/adapters/couriers/sf-express/wire.js";
import type { AdapterContext } from "../../src/adapters/platform.js";
import { AdapterError, type PacingClock } from "../../src/http/index.js";
import { courierContract } from "../contract/courier-contract.js";
import { type FakeSf, type FakeSfRoute, javaUrlEncodeReference, referenceDigest, startFakeSfExpress } from "../fakes/sf-express.js";
import { englishOf } from "../helpers/english.js";
import { virtualClock } from "../helpers/virtual-clock.js";

const logLines: string[] = [];
const errorTexts: string[] = [];
const fakes: FakeSf[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  const secrets = fakes.map((f) => f.checkword);
  for (const text of [...logLines, ...errorTexts]) for (const secret of secrets) expect(text).not.toContain(secret);
});

function context(pacingClock?: PacingClock): AdapterContext {
  const push = (m: string) => logLines.push(m);
  return {
    ...(pacingClock ? { network: { pacingClock } } : {}),
    storeName: "test",
    baseDir: process.cwd(),
    timezone: "Asia/Shanghai",
    currency: "CNY",
    now: () => new Date(),
    log: { info: push, warn: push, debug: push },
    state: async () => {
      throw new Error("sf-express does not use the state store");
    },
    readOptions: {},
  };
}

async function fake(opts: Parameters<typeof startFakeSfExpress>[0] = {}): Promise<FakeSf> {
  const f = await startFakeSfExpress(opts);
  fakes.push(f);
  return f;
}

async function adapterFor(f: FakeSf, over: Partial<SfExpressConfig> = {}, pacingClock?: PacingClock) {
  const config = sfExpress.configSchema.parse({
    partnerId: f.partnerId,
    secret: f.checkword,
    baseUrl: f.url,
    requestsPerSecond: 25,
    http: { timeoutMs: 2000, retries: 4, backoffBaseMs: 5, backoffCapMs: 20, concurrency: 8 },
    ...over,
  });
  return sfExpress.create(config, context(pacingClock));
}

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterError);
    const err = e as AdapterError;
    errorTexts.push(err.message, String(err.hint), String(err.stack), JSON.stringify(err));
    return err;
  }
  throw new Error("expected a failure");
}

/** A hand-signed raw call to the fake, to check what the fake itself enforces. */
async function rawCall(
  f: FakeSf,
  msgData: object,
  checkword = f.checkword,
): Promise<{ apiResultCode: string; apiResultData: string | null }> {
  const data = JSON.stringify(msgData);
  const timestamp = String(Date.now());
  const body = new URLSearchParams({
    partnerID: f.partnerId,
    requestID: "req-1",
    serviceCode: "EXP_RECE_SEARCH_ROUTES",
    timestamp,
    msgDigest: referenceDigest(data, timestamp, checkword),
    msgData: data,
  });
  const res = await fetch(f.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  return (await res.json()) as { apiResultCode: string; apiResultData: string | null };
}

courierContract("sf-express", async () => {
  const f = await fake();
  const [known] = f.seedShipments(1);
  return {
    definition: sfExpress as never,
    adapter: await adapterFor(f),
    known: { trackingNumber: known as string, courier: "sf" },
    unknown: { trackingNumber: "SF9999999999999", courier: "sf" },
  };
});

describe("sf-express msgDigest (Java URLEncoder semantics)", () => {
  it("matches the reference's verified vector", () => {
    expect(msgDigest('{"language":"zh-CN","orderId":"QIAO-20200618-004"}', "12312334453453", "fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci")).toBe(
      "IIKJtuLVzoFTu4kHI8M8vA==",
    );
    // Encoding matters for this input: the digest of the raw text differs.
    const input = '{"language":"zh-CN","orderId":"QIAO-20200618-004"}12312334453453fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci';
    expect(createHash("md5").update(input).digest("base64")).not.toBe("IIKJtuLVzoFTu4kHI8M8vA==");
  });

  it("encodes like java.net.URLEncoder: space as +, * - . _ kept, everything else %XX upper case", () => {
    expect(javaUrlEncode("a b*c-d.e_f!~'()中")).toBe("a+b*c-d.e_f%21%7E%27%28%29%E4%B8%AD");
    expect(javaUrlEncode('{"k":"v/1?x=&y"}')).toBe("%7B%22k%22%3A%22v%2F1%3Fx%3D%26y%22%7D");
    expect(javaUrlEncode("顺丰 😀")).toBe("%E9%A1%BA%E4%B8%B0+%F0%9F%98%80");
    expect(javaUrlEncode("ok\uD800")).toBe("ok%3F");
  });

  it("agrees with an independent encoder on payloads full of the characters where encodeURIComponent differs", () => {
    const alphabet = ` !"#$%&'()*+,-./0123456789:;<=>?@AZaz[\\]^_\`{|}~中文顺丰é€😀\n\t`;
    let seed = 17;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 300; i++) {
      const chars = Array.from(alphabet);
      const text = Array.from({ length: 1 + (next() % 40) }, () => chars[next() % chars.length]).join("");
      expect(javaUrlEncode(text)).toBe(javaUrlEncodeReference(text));
      expect(msgDigest(text, "1700000000000", "cw")).toBe(referenceDigest(text, "1700000000000", "cw"));
    }
  });
});

describe("sf-express status mapping (couriers.md §4.3, §6.2)", () => {
  // Written from the reference tables: [route fields, expected status].
  const OP_EXPECTED: Array<[string, string]> = [
    ["50", "in_transit"],
    ["54", "in_transit"],
    ["30", "in_transit"],
    ["31", "in_transit"],
    ["310", "in_transit"],
    ["36", "in_transit"],
    ["105", "in_transit"],
    ["106", "in_transit"],
    ["44", "in_transit"],
    ["204", "out_for_delivery"],
    ["125", "available_for_pickup"],
    ["642", "available_for_pickup"],
    ["70", "failed_attempt"],
    ["80", "delivered"],
    ["8000", "delivered"],
    ["631", "returned"],
    ["648", "returning"],
    ["99", "exception"],
  ];
  const SECONDARY_EXPECTED: Array<[string, string]> = [
    ["101", "in_transit"],
    ["201", "in_transit"],
    ["204", "in_transit"],
    ["205", "in_transit"],
    ["301", "out_for_delivery"],
    ["1301", "failed_attempt"],
    ["401", "delivered"],
  ];

  it("covers every code the adapter knows", () => {
    expect([...KNOWN_OP_CODES].sort()).toEqual(OP_EXPECTED.map(([c]) => c).sort());
    expect([...KNOWN_SECONDARY_CODES].sort()).toEqual(SECONDARY_EXPECTED.map(([c]) => c).sort());
  });

  it("maps opCodes, reason codes, secondary codes, first status names and remarks", () => {
    for (const [opCode, status] of OP_EXPECTED) expect({ opCode, status: routeStatus({ opCode }) }).toEqual({ opCode, status });
    for (const [code, status] of SECONDARY_EXPECTED) {
      expect({ code, status: routeStatus({ opCode: "1", secondaryStatusCode: code }) }).toEqual({ code, status });
    }
    expect(routeStatus({ opCode: "8000", reasonCode: "6" })).toBe("exception");
    expect(routeStatus({ opCode: "8000", reasonCode: "2" })).toBe("exception");
    expect(routeStatus({ opCode: "99", reasonCode: "2" })).toBe("returned");
    expect(routeStatus({ opCode: "70", firstStatusName: "派送中", secondaryStatusCode: "301" })).toBe("failed_attempt");
    expect(routeStatus({ opCode: "1", firstStatusName: "已签收" })).toBe("delivered");
    expect(routeStatus({ opCode: "1", firstStatusName: "派送中" })).toBe("out_for_delivery");
    expect(routeStatus({ remark: "快件已放入丰巢柜，请及时取件" })).toBe("available_for_pickup");
    expect(routeStatus({ remark: "快件已退回" })).toBe("returned");
    expect(routeStatus({ remark: "something new" })).toBe("in_transit");
  });

  it("tracks each opCode end to end, events oldest first in UTC, repeats dropped, raw codes kept", async () => {
    const f = await fake();
    const sf = await adapterFor(f);
    const numbers = OP_EXPECTED.map(([opCode], i) => {
      const mailNo = `SF${String(2_000_000_000_000 + i)}`;
      const routes: FakeSfRoute[] = [
        { acceptTime: "2026-03-01 10:00:00", acceptAddress: "深圳市", remark: "顺丰速运 已收取快件", opCode: "54" },
        { acceptTime: "2026-03-01 10:00:00", acceptAddress: "深圳市", remark: "顺丰速运 已收取快件", opCode: "54" },
        { acceptTime: "2026-03-02 12:00:00", acceptAddress: "上海市", remark: `op ${opCode}`, opCode },
      ];
      f.addShipment({ mailNo, routes });
      return mailNo;
    });
    const results = await sf.track(numbers.map((n) => ({ trackingNumber: n, courier: "sf" })));
    for (const [i, [opCode, status]] of OP_EXPECTED.entries()) {
      const r = results[i];
      expect({ opCode, status: r?.status, last: r?.events.at(-1)?.status, raw: r?.events.at(-1)?.rawStatus }).toEqual({
        opCode,
        status,
        last: status,
        raw: opCode,
      });
      expect(r?.events.map((e) => e.at.toISOString())).toEqual(["2026-03-01T02:00:00.000Z", "2026-03-02T04:00:00.000Z"]);
    }
    expect(results[0]?.events[0]).toMatchObject({ description: "顺丰速运 已收取快件", location: "深圳市", rawStatus: "54" });
  });

  it("keeps a delivered parcel delivered after a stray later scan, and reads no routes as pending", async () => {
    const f = await fake();
    f.addShipment({
      mailNo: "SF3182998070266",
      routes: [
        { acceptTime: "2026-03-01 10:00:00", remark: "已签收", opCode: "80" },
        { acceptTime: "2026-03-01 12:00:00", remark: "快件到达", opCode: "31" },
      ],
    });
    f.addShipment({ mailNo: "SF3182998070267", routes: [] });
    const [delivered, empty] = await (await adapterFor(f)).track([
      { trackingNumber: "SF3182998070266" },
      { trackingNumber: "SF3182998070267" },
    ]);
    expect(delivered?.status).toBe("delivered");
    expect(empty).toMatchObject({ status: "pending", events: [] });
    expect(empty?.error).toBeUndefined();
  });
});

describe("sf-express requests and batches", () => {
  it("sends EXP_RECE_SEARCH_ROUTES with the waybills, trackingType 1 and the phone's last 4 digits", async () => {
    const f = await fake();
    f.addShipment({
      mailNo: "SF1385628716739",
      phone: "13812345678",
      routes: [{ acceptTime: "2026-03-01 10:00:00", remark: "已签收", opCode: "80" }],
    });
    const [hidden] = await (await adapterFor(f)).track([{ trackingNumber: "SF1385628716739" }]);
    expect(hidden?.status).toBe("pending");
    const [seen] = await (await adapterFor(f, { phone: "138-1234-5678" })).track([{ trackingNumber: "SF1385628716739" }]);
    expect(seen?.status).toBe("delivered");
    expect(f.stats.msgData.at(-1)).toEqual({
      language: "zh-CN",
      trackingType: "1",
      trackingNumber: ["SF1385628716739"],
      methodType: "1",
      checkPhoneNo: "5678",
    });
  });

  it("never sends more than 10 waybills a call; the fake refuses 11 with SF's 8003", async () => {
    const f = await fake();
    const numbers = f.seedShipments(25);
    const results = await (await adapterFor(f)).track(numbers.map((n) => ({ trackingNumber: n })));
    expect(results.map((r) => r.trackingNumber)).toEqual(numbers);
    expect(f.stats.calls).toBe(3);
    expect(f.stats.maxNumbersPerCall).toBe(10);
    expect(sfExpress.maxBatch).toBe(10);

    const refused = await rawCall(f, { language: "zh-CN", trackingType: "1", trackingNumber: numbers.slice(0, 11), methodType: "1" });
    expect(refused.apiResultCode).toBe("A1000");
    expect(JSON.parse(refused.apiResultData ?? "{}")).toMatchObject({ success: false, errorCode: "8003" });
  });

  it("isolates an invalid waybill inside a batch: its own error, routes for the rest", async () => {
    const f = await fake();
    const numbers = f.seedShipments(4);
    const batch = [...numbers.slice(0, 2), "SF0000000000000", ...numbers.slice(2)].map((n) => ({ trackingNumber: n, courier: "sf" }));
    const results = await (await adapterFor(f)).track(batch);
    expect(results.map((r) => r.trackingNumber)).toEqual(batch.map((b) => b.trackingNumber));
    expect(englishOf(results[2]?.error)).toBe("SF does not know this waybill (8247 运单号不合法: SF0000000000000)");
    expect(results.filter((r) => r.error)).toHaveLength(1);
    expect(results[0]?.status).toBe("delivered");
    expect(results[1]?.status).toBe("in_transit");
  });

  it("reports a waybill SF leaves out of its answer as that number's error", async () => {
    const f = await fake({ unknownNumbers: "omit" });
    const [known] = f.seedShipments(1);
    const results = await (await adapterFor(f)).track([{ trackingNumber: known as string }, { trackingNumber: "SF0000000000001" }]);
    expect(results[0]?.error).toBeUndefined();
    expect(englishOf(results[1]?.error)).toBe("SF answered nothing for this waybill");
  });

  // Counted, not timed: the client paces by a virtual clock the fake's 1 s window also reads, and
  // each start reaches the fake before the next is let go, so the window sees exactly the schedule
  // the limiter made (a loaded machine used to bunch real starts into a window and trip A1005).
  it("tracks 2,000 waybills in 200 calls of 10 without tripping SF's 30 calls a second", async () => {
    const clock = virtualClock();
    const start = clock.now();
    const f = await fake({ callsPerSecond: 30, clock });
    const numbers = f.seedShipments(2000);
    const sf = await adapterFor(
      f,
      { requestsPerSecond: 28, http: { timeoutMs: 30_000, retries: 4, backoffBaseMs: 5, backoffCapMs: 20, concurrency: 8 } },
      clock,
    );
    // The sync service hands over maxBatch numbers per track() call, several calls at a time.
    const batches: string[][] = [];
    for (let i = 0; i < numbers.length; i += 100) batches.push(numbers.slice(i, i + 100));
    const results = (await Promise.all(batches.map((b) => sf.track(b.map((n) => ({ trackingNumber: n })))))).flat();
    expect(results.map((r) => r.trackingNumber)).toEqual(numbers);
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results.filter((r) => r.status === "delivered")).toHaveLength(1000);
    expect(f.stats.calls).toBe(200);
    expect(f.stats.maxNumbersPerCall).toBe(10);
    expect(f.stats.rateLimited).toBe(0);
    expect([...f.stats.asked.values()].every((n) => n === 1)).toBe(true);
    // Every call was paced (and only those), and 200 calls at 28 a second span over 7 virtual seconds.
    expect(clock.starts).toBe(200);
    expect(clock.now() - start).toBeGreaterThanOrEqual(Math.floor((199 * 1000) / 28));
  }, 300_000);
});

describe("sf-express failures", () => {
  it("a wrong checkWord: SF's A1006 envelope -> AdapterError (exit 5) with SF's message, the secret nowhere", async () => {
    const f = await fake();
    const [n] = f.seedShipments(1);
    const sf = await adapterFor(f, { secret: "not-the-checkword-123" });
    const err = await failure(sf.track([{ trackingNumber: n as string }]));
    expect(err.message).toBe("[sf-express] A1006 数字签名无效");
    expect(err.code).toBe("A1006");
    expect(err.exitCode).toBe(5);
    expect(err.hint).toMatch(/checkWord/);
    expect(f.stats.badSignature).toBe(1);
    expect(JSON.stringify(err)).not.toContain("not-the-checkword-123");
  });

  it("gateway refusals name the code and the next step", async () => {
    const f = await fake({ refuseWith: "A1003" });
    const [n] = f.seedShipments(1);
    const err = await failure((await adapterFor(f)).track([{ trackingNumber: n as string }]));
    expect(err.message).toBe("[sf-express] A1003 IP无效");
    expect(err.hint).toMatch(/allow-list/);
    f.setRefuseWith("A1004");
    const noPermission = await failure((await adapterFor(f)).track([{ trackingNumber: n as string }]));
    expect(noPermission.hint).toMatch(/sandbox vs production/);
  });

  it("A1005 throttling inside a 200 is waited out and retried", async () => {
    const f = await fake({ callsPerSecond: 5 });
    const numbers = f.seedShipments(80);
    const sf = await adapterFor(f, { requestsPerSecond: 30 });
    const results = await sf.track(numbers.map((n) => ({ trackingNumber: n })));
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(f.stats.rateLimited).toBeGreaterThan(0);
    expect(f.stats.calls).toBe(8);
  });

  it("malformed JSON, in the body or inside apiResultData, is an AdapterError", async () => {
    const f = await fake();
    const [n] = f.seedShipments(1);
    const sf = await adapterFor(f);
    f.garbleNext(2, "body");
    expect((await failure(sf.track([{ trackingNumber: n as string }]))).code).toBe("MALFORMED_JSON");
    f.garbleNext(1, "resultData");
    const err = await failure(sf.track([{ trackingNumber: n as string }]));
    expect(err.message).toBe("[sf-express] malformed JSON in apiResultData");
    // One garbled body is retried (the query changes nothing), so the next call goes through.
    f.garbleNext(1, "body");
    const [ok] = await sf.track([{ trackingNumber: n as string }]);
    expect(ok?.status).toBe("delivered");
  });

  it("rides out 5xx answers and dropped connections", async () => {
    const f = await fake({ callsPerSecond: 1000 });
    const numbers = f.seedShipments(400);
    const sf = await adapterFor(f, { requestsPerSecond: 30 });
    f.setFaults({ error5xx: 0.15, drop: 0.1, seed: 3 });
    const results = await sf.track(numbers.map((n) => ({ trackingNumber: n })));
    f.setFaults({});
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(f.log.some((l) => l.status === "dropped")).toBe(true);
  });

  it("the config refuses more than SF's 30 calls a second and unknown keys", () => {
    expect(() => sfExpress.configSchema.parse({ partnerId: "p", secret: "s", requestsPerSecond: 31 })).toThrow();
    expect(() => sfExpress.configSchema.parse({ partnerId: "p", secret: "s", checkword: "x" })).toThrow();
  });
});
