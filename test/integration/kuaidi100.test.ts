/**
 * The kuaidi100 courier against the fake Kuaidi100: the courier contract, the query signature against the
 * reference vector, every state / statusCode of couriers.md §6.2, the 30-minute rule (no number asked twice
 * within 30 minutes, proven by the fake's per-number query clock), the phone SF and ZTO need, autonumber
 * detection, 2,000 numbers within the configured pace, and the failures: a bad signature (AdapterError,
 * exit 5, Kuaidi100's own words), a locked number, malformed JSON — with the key never in a message or log.
 */
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { TrackingRequest } from "../../src/adapters/courier.js";
import kuaidi100, { type Kuaidi100Config, shanghaiTime } from "../../src/adapters/couriers/kuaidi100/index.js";
import { KNOWN_STATUS_CODES, querySign } from "../../src/adapters/couriers/kuaidi100/wire.js";
import type { AdapterContext } from "../../src/adapters/platform.js";
import { AdapterError } from "../../src/http/index.js";
import { courierContract } from "../contract/courier-contract.js";
import { type FakeKuaidi100, LOCK_MS, startFakeKuaidi100 } from "../fakes/kuaidi100.js";
import { englishOf } from "../helpers/english.js";
import { type VirtualClock, virtualClock } from "../helpers/virtual-clock.js";

const logLines: string[] = [];
const errorTexts: string[] = [];
const fakes: FakeKuaidi100[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  // Nothing the adapter logged or threw may carry the key.
  const keys = fakes.map((f) => f.key);
  for (const text of [...logLines, ...errorTexts]) for (const key of keys) expect(text).not.toContain(key);
});

/** One clock for the adapter and the fake, moved by the test. */
function manualClock(start = Date.parse("2026-03-05T00:00:00Z")) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

function context(now: () => number, over: Partial<AdapterContext> = {}): AdapterContext {
  const push = (m: string) => logLines.push(m);
  return {
    storeName: "test",
    baseDir: process.cwd(),
    timezone: "Asia/Shanghai",
    currency: "CNY",
    now: () => new Date(now()),
    log: { info: push, warn: push, debug: push },
    state: async () => {
      throw new Error("kuaidi100 does not use the state store");
    },
    readOptions: {},
    ...over,
  };
}

async function fake(now: () => number, pacingClock?: VirtualClock): Promise<FakeKuaidi100> {
  const f = await startFakeKuaidi100({ now, ...(pacingClock ? { pacingClock } : {}) });
  fakes.push(f);
  return f;
}

function adapterFor(f: FakeKuaidi100, now: () => number, over: Partial<Kuaidi100Config> = {}, pacingClock?: VirtualClock) {
  const config = kuaidi100.configSchema.parse({
    customer: f.customer,
    key: f.key,
    baseUrl: f.url,
    requestsPerSecond: 1000,
    http: { timeoutMs: 2000, retries: 3, backoffBaseMs: 5, backoffCapMs: 20, concurrency: 8 },
    ...over,
  });
  return kuaidi100.create(config, context(now, pacingClock ? { network: { pacingClock } } : {})) as ReturnType<
    typeof kuaidi100.create
  > & {};
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

courierContract("kuaidi100", async () => {
  const clock = manualClock();
  const f = await fake(clock.now);
  const [number] = f.seedShipments(1);
  return {
    definition: kuaidi100 as never,
    adapter: await adapterFor(f, clock.now),
    known: { trackingNumber: number as string, courier: "yto" },
    unknown: { trackingNumber: "YT9999999999999", courier: "yto" },
  };
});

describe("kuaidi100 wire", () => {
  it("signs a query as UPPER(MD5(param + key + customer)), matching the reference vector", () => {
    const param = '{"com":"yuantong","num":"YT8962646785389"}';
    expect(querySign(param, "testkey", "TESTCUSTOMER")).toBe("D6C607A63B0C9C94349D11B943F25548");
    const independent = createHash("md5").update(`${param}mykeyCUST`).digest("hex").toUpperCase();
    expect(querySign(param, "mykey", "CUST")).toBe(independent);
  });

  it("reads Asia/Shanghai wall-clock times", () => {
    expect(shanghaiTime("2026-03-01 08:15:00")?.toISOString()).toBe("2026-03-01T00:15:00.000Z");
    expect(shanghaiTime("not a time")).toBeUndefined();
  });

  it("declares one number per call, the 30-minute rule and strict config with the key as a secret name", () => {
    expect(kuaidi100.maxBatch).toBe(1);
    expect(kuaidi100.minRequeryMinutes).toBe(30);
    expect(kuaidi100.couriers).toEqual(expect.arrayContaining(["sf", "zto", "yto", "sto", "yunda", "ems", "jd", "jtexpress", "deppon"]));
    expect(() => kuaidi100.configSchema.parse({ customer: "c", key: "k", extra: 1 })).toThrow();
  });
});

describe("kuaidi100 status mapping (couriers.md §6.2)", () => {
  // Written from the reference table, not from the adapter's: state or statusCode -> expected status.
  const EXPECTED: Array<[code: string, state: string, status: string]> = [
    ["0", "0", "in_transit"],
    ["1001", "0", "in_transit"],
    ["1002", "0", "in_transit"],
    ["1003", "0", "in_transit"],
    ["1", "1", "in_transit"],
    ["101", "1", "info_received"],
    ["102", "1", "info_received"],
    ["103", "1", "in_transit"],
    ["2", "2", "exception"],
    ["201", "2", "expired"],
    ["202", "2", "expired"],
    ["203", "2", "exception"],
    ["204", "2", "failed_attempt"],
    ["205", "2", "exception"],
    ["206", "2", "failed_attempt"],
    ["207", "2", "exception"],
    ["208", "2", "exception"],
    ["209", "2", "exception"],
    ["210", "2", "exception"],
    ["3", "3", "delivered"],
    ["301", "3", "delivered"],
    ["302", "3", "delivered"],
    ["303", "3", "delivered"],
    ["304", "3", "delivered"],
    ["4", "4", "returned"],
    ["401", "4", "returned"],
    ["5", "5", "out_for_delivery"],
    ["501", "5", "available_for_pickup"],
    ["6", "6", "returning"],
    ["7", "7", "in_transit"],
    ["8", "8", "in_transit"],
    ["10", "10", "in_transit"],
    ["11", "11", "in_transit"],
    ["12", "12", "in_transit"],
    ["13", "13", "exception"],
    ["14", "14", "exception"],
  ];

  it("covers every code the adapter knows", () => {
    expect([...KNOWN_STATUS_CODES].sort()).toEqual(EXPECTED.map(([code]) => code).sort());
  });

  it("maps every state and advanced statusCode, per event and for the shipment", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const kd = await adapterFor(f, clock.now);
    const requests: TrackingRequest[] = EXPECTED.map(([code, state], i) => {
      const num = `YT${String(7_000_000_000_000 + i)}`;
      f.addShipment({
        num,
        com: "yuantong",
        state,
        events: [
          { time: "2026-03-01 09:00:00", context: "已揽收", statusCode: "103" },
          { time: "2026-03-02 10:00:00", context: `code ${code}`, statusCode: code },
        ],
      });
      return { trackingNumber: num, courier: "yto" };
    });
    const results = await Promise.all(requests.map((r) => kd.track([r])));
    for (const [i, [code, , status]] of EXPECTED.entries()) {
      const [r] = results[i] ?? [];
      expect({ code, status: r?.status, event: r?.events.at(-1)?.status, raw: r?.events.at(-1)?.rawStatus }).toEqual({
        code,
        status,
        event: status,
        raw: code,
      });
      expect(r?.events[0]?.status).toBe("in_transit");
    }
  });

  it("turns ischeck=1 into delivered, falls back to status names, and reads an empty answer as pending", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const kd = await adapterFor(f, clock.now);
    f.addShipment({
      num: "YT1000000000001",
      com: "yuantong",
      state: "0",
      ischeck: "1",
      events: [{ time: "2026-03-01 09:00:00", context: "已签收", status: "签收" }],
    });
    f.addShipment({
      num: "YT1000000000002",
      com: "yuantong",
      state: "5",
      events: [
        { time: "2026-03-01 09:00:00", context: "到达", status: "在途" },
        { time: "2026-03-01 11:00:00", context: "派件中", status: "派件" },
      ],
    });
    f.addShipment({ num: "YT1000000000003", com: "yuantong", state: "0", events: [] });
    const [a] = await kd.track([{ trackingNumber: "YT1000000000001", courier: "yto" }]);
    const [b] = await kd.track([{ trackingNumber: "YT1000000000002", courier: "yto" }]);
    const [c] = await kd.track([{ trackingNumber: "YT1000000000003", courier: "yto" }]);
    expect(a?.status).toBe("delivered");
    expect(b?.events.map((e) => e.status)).toEqual(["in_transit", "out_for_delivery"]);
    expect(b?.status).toBe("out_for_delivery");
    expect(c).toMatchObject({ status: "pending", events: [] });
    expect(c?.error).toBeUndefined();
  });

  it("orders events oldest first although Kuaidi100 sends newest first, in UTC", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const kd = await adapterFor(f, clock.now);
    const [num] = f.seedShipments(3).slice(0, 1);
    const [r] = await kd.track([{ trackingNumber: num as string, courier: "yto" }]);
    expect(r?.events.map((e) => e.at.toISOString())).toEqual([
      "2026-03-01T01:00:00.000Z",
      "2026-03-01T22:30:00.000Z",
      "2026-03-02T07:10:00.000Z",
    ]);
    expect(r?.events[0]).toMatchObject({ description: "【上海】已揽收", location: "上海", rawStatus: "103" });
    // What went over the wire: the company code and the number, advanced status requested.
    expect(f.stats.params[0]).toMatchObject({ com: "yuantong", num, resultv2: "4" });
  });
});

describe("kuaidi100 30-minute rule", () => {
  it("never asks about one number twice within 30 minutes, and asks again after", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const kd = await adapterFor(f, clock.now);
    const numbers = f.seedShipments(50);
    const requests = numbers.map((n) => ({ trackingNumber: n, courier: "yto" }));
    const first = await Promise.all(requests.map((r) => kd.track([r])));
    expect(f.stats.queries).toBe(50);

    for (const minutes of [10, 19, 0.98]) {
      clock.advance(minutes * 60_000);
      const again = await Promise.all(requests.map((r) => kd.track([r])));
      expect(again).toEqual(first);
    }
    // 29 min 58.8 s after the first run: still nothing asked.
    expect(f.stats.queries).toBe(50);
    clock.advance(1_200);
    await Promise.all(requests.map((r) => kd.track([r])));
    expect(f.stats.queries).toBe(100);
    expect(f.stats.locked).toBe(0);
    expect(f.minRequeryGapMs()).toBeGreaterThanOrEqual(LOCK_MS);
    for (const n of numbers) expect(f.queriesOf(n)).toHaveLength(2);
  });

  it("asks once when the same number is tracked twice at the same time", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const kd = await adapterFor(f, clock.now);
    const [n] = f.seedShipments(1);
    const request = { trackingNumber: n as string, courier: "yto" };
    const [a, b] = await Promise.all([kd.track([request]), kd.track([request, request])]);
    expect(f.queriesOf(n as string)).toHaveLength(1);
    expect(b).toEqual([a?.[0], a?.[0]]);
  });

  it("reports Kuaidi100's lock (another process asked too soon) as that number's error", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const [n] = f.seedShipments(1);
    const request = { trackingNumber: n as string, courier: "yto" };
    await (await adapterFor(f, clock.now)).track([request]);
    clock.advance(5 * 60_000);
    const [r] = await (await adapterFor(f, clock.now)).track([request]);
    expect(f.stats.locked).toBe(1);
    expect(r).toMatchObject({ trackingNumber: n, status: "pending", events: [] });
    expect(englishOf(r?.error)).toMatch(/locked.*501 查询过于频繁/);
  });
});

describe("kuaidi100 phone, detection and company codes", () => {
  it("needs the sender's phone for SF and ZTO, and sends only its last 4 digits", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    f.addShipment({
      num: "SF1385628716739",
      com: "shunfeng",
      state: "3",
      ischeck: "1",
      phone: "13812345678",
      events: [
        { time: "2026-03-01 09:00:00", context: "顺丰速运 已收取快件", statusCode: "103" },
        { time: "2026-03-02 09:00:00", context: "已签收", statusCode: "301" },
      ],
    });
    const request = { trackingNumber: "SF1385628716739", courier: "sf" };
    const [without] = await (await adapterFor(f, clock.now)).track([request]);
    expect(englishOf(without?.error)).toMatch(/couriers\.kuaidi100\.phone/);
    expect(f.stats.queries).toBe(0);

    const [wrong] = await (await adapterFor(f, clock.now, { phone: "0000" })).track([request]);
    expect(englishOf(wrong?.error)).toMatch(/500/);
    clock.advance(LOCK_MS);
    const [right] = await (await adapterFor(f, clock.now, { phone: "+86 138-1234-5678" })).track([request]);
    expect(right).toMatchObject({ status: "delivered", courier: "sf" });
    expect(f.stats.params.at(-1)).toMatchObject({ com: "shunfeng", phone: "5678" });
  });

  it("maps our courier codes to Kuaidi100 companies", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const kd = await adapterFor(f, clock.now, { phone: "5678" });
    const pairs: Array<[string, string]> = [
      ["sf", "shunfeng"],
      ["zto", "zhongtong"],
      ["yto", "yuantong"],
      ["sto", "shentong"],
      ["yunda", "yunda"],
      ["jd", "jd"],
      ["jtexpress", "jtexpress"],
      ["deppon", "debangkuaidi"],
      ["ems", "ems"],
      ["chinapost", "youzhengguonei"],
    ];
    for (const [i, [ours]] of pairs.entries()) await kd.track([{ trackingNumber: `NUM${100000 + i}`, courier: ours }]);
    expect(f.stats.params.map((p) => p.com)).toEqual(pairs.map(([, com]) => com));
    const [unknown] = await kd.track([{ trackingNumber: "NUM999999", courier: "pigeon" }]);
    expect(englishOf(unknown?.error)).toMatch(/does not track courier "pigeon"/);
  });

  it("detects candidate couriers through autonumber, and tracks a number given without a courier", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const kd = await adapterFor(f, clock.now);
    const [n] = f.seedShipments(1);
    expect(await kd.detect?.("73610555582883")).toEqual(["zto", "sto"]);
    expect(await kd.detect?.("ZZ12")).toEqual([]);
    const [r] = await kd.track([{ trackingNumber: n as string }]);
    expect(r?.courier).toBeUndefined();
    expect(r?.status).toBe("delivered");
    expect(f.stats.autonumber).toBe(3);
    // The key travels in autonumber's query string; the request log masks it.
    expect(logLines.some((l) => l.includes("/autonumber/auto?") && l.includes("key=***"))).toBe(true);
  });
});

describe("kuaidi100 failures", () => {
  it("an event without its text (a changed answer shape): exit 5 naming the field, not a crash", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const [n] = f.seedShipments(1);
    const kd = await adapterFor(f, clock.now);
    f.setShapeFault({ path: /query\.do$/, rename: { "data[].context": "desc" } });
    const err = await failure(kd.track([{ trackingNumber: n as string, courier: "yto" }]));
    expect(err.message).toBe("[kuaidi100] unexpected response from POST /poll/query.do: data[0].context is missing");
    expect(err.exitCode).toBe(5);
  });

  it("a wrong key: AdapterError with Kuaidi100's message, exit 5, the key nowhere", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const [n] = f.seedShipments(1);
    const kd = await adapterFor(f, clock.now, { key: "wrong-key-123456" });
    const err = await failure(kd.track([{ trackingNumber: n as string, courier: "yto" }]));
    expect(err.message).toBe("[kuaidi100] 503 验证签名失败");
    expect(err.exitCode).toBe(5);
    expect(err.hint).toMatch(/customer and key/);
    expect(f.stats.badSign).toBe(1);
    expect(`${err.message} ${err.hint}`).not.toContain("wrong-key-123456");
    const detectErr = await failure(kd.detect?.(n as string) ?? Promise.resolve());
    expect(detectErr.message).toMatch(/^\[kuaidi100\] 601 POLL:KEY/);
  });

  it("an unknown number is that number's error, not an exception", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const [r] = await (await adapterFor(f, clock.now)).track([{ trackingNumber: "YT5555555555555", courier: "yto" }]);
    expect(englishOf(r?.error)).toBe("Kuaidi100 has no record of this number yet (500 查询无结果，请隔段时间再查)");
  });

  it("malformed JSON is an AdapterError, not retried (a retry would ask about the number again)", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const [n] = f.seedShipments(1);
    const kd = await adapterFor(f, clock.now);
    f.garbleNext(1);
    const err = await failure(kd.track([{ trackingNumber: n as string, courier: "yto" }]));
    expect(err.code).toBe("MALFORMED_JSON");
    expect(f.stats.queries).toBe(1);
  });

  it("survives 429s with Retry-After and still asks each number once", async () => {
    const clock = manualClock();
    const f = await fake(clock.now);
    const numbers = f.seedShipments(60);
    const kd = await adapterFor(f, clock.now);
    f.setFaults({ rateLimit429: 0.2, retryAfterSeconds: 0, seed: 7 });
    const results = await Promise.all(numbers.map((n) => kd.track([{ trackingNumber: n, courier: "yto" }])));
    f.setFaults({});
    expect(results.flat().filter((r) => r.error)).toEqual([]);
    expect(f.log.filter((l) => l.status === 429).length).toBeGreaterThan(0);
    for (const n of numbers) expect(f.queriesOf(n)).toHaveLength(1);
  });
});

describe("kuaidi100 under load", () => {
  // Counted, not timed: the client paces by a virtual clock the fake counts arrivals by, and each
  // start reaches the fake before the next is let go (a loaded machine used to bunch real starts).
  it("tracks 2,000 numbers one per call, within the configured pace, each asked once", async () => {
    const clock = manualClock();
    const pace = virtualClock();
    const f = await fake(clock.now, pace);
    const numbers = f.seedShipments(2000);
    const kd = await adapterFor(f, clock.now, { requestsPerSecond: 500 }, pace);
    const results = await Promise.all(numbers.map((n) => kd.track([{ trackingNumber: n, courier: "yto" }])));
    expect(results.flat().map((r) => r.trackingNumber)).toEqual(numbers);
    expect(results.flat().filter((r) => r.error)).toEqual([]);
    expect(results.flat().filter((r) => r.status === "delivered")).toHaveLength(Math.ceil(2000 / 3));
    expect(f.stats.queries).toBe(2000);
    expect(f.minRequeryGapMs()).toBe(Number.POSITIVE_INFINITY);
    // Starts are spaced 2 ms apart by the client: at most 500 in any second, and every call was paced.
    expect(f.stats.maxPerSecond).toBeLessThanOrEqual(500);
    expect(pace.starts).toBe(2000);
  });
});
