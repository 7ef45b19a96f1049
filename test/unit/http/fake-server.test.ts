/**
 * The fake-server toolkit (test/fakes/lib) itself: routing, bodies, and the fault semantics the
 * idempotency tests of every adapter rely on (drops before/after handling, slow answers after handling).
 */
import { afterEach, describe, expect, it } from "vitest";
import { type FakeServer, type Faults, type Handler, seededRandom, startFakeServer } from "../../fakes/lib/index.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function counting(faults?: Faults, extra: Parameters<typeof startFakeServer>[0]["faultBodies"] = undefined) {
  const state = { handled: 0 };
  const handler: Handler = (req) => {
    state.handled++;
    return { status: 201, json: { got: req.body, q: req.query.get("q"), method: req.method } };
  };
  const fake = await startFakeServer({
    route: (_m, path) => (path === "/items" ? handler : undefined),
    ...(faults ? { faults } : {}),
    ...(extra ? { faultBodies: extra } : {}),
  });
  servers.push(fake);
  return { fake, state };
}

/** fetch that turns a destroyed connection into "dropped". */
async function call(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: string } | "dropped"> {
  try {
    const res = await fetch(url, init);
    return { status: res.status, headers: res.headers, body: await res.text() };
  } catch {
    return "dropped";
  }
}

describe("seededRandom", () => {
  it("is deterministic per seed, uniform enough, in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});

describe("startFakeServer", () => {
  it("listens on 127.0.0.1, routes, parses JSON and raw bodies and the query, and 404s unknown routes as JSON", async () => {
    const { fake } = await counting();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const json = await call(`${fake.url}/items?q=shoes`, {
      method: "POST",
      body: JSON.stringify({ sku: "A" }),
      headers: { "content-type": "application/json" },
    });
    expect(json !== "dropped" && JSON.parse(json.body)).toEqual({ got: { sku: "A" }, q: "shoes", method: "POST" });
    const raw = await call(`${fake.url}/items`, { method: "PUT", body: "a=1&b=2" });
    expect(raw !== "dropped" && JSON.parse(raw.body).got).toBe("a=1&b=2");
    const missing = await call(`${fake.url}/nothing`);
    expect(missing !== "dropped" && missing.status).toBe(404);
    expect(missing !== "dropped" && missing.headers.get("content-type")).toMatch(/json/);
    expect(fake.log.map((e) => [e.method, e.path, e.status])).toEqual([
      ["POST", "/items", 201],
      ["PUT", "/items", 201],
      ["GET", "/nothing", 404],
    ]);
  });

  it("answers injected 5xx and 429 before handling, with the platform's bodies and Retry-After", async () => {
    const { fake, state } = await counting(
      { error5xx: 1, retryAfterSeconds: 7 },
      {
        error5xx: () => ({ json: { errors: "Internal error" } }),
        rateLimit429: () => ({ json: { errors: "Exceeded 2 calls per second" } }),
      },
    );
    for (let i = 0; i < 8; i++) {
      const res = await call(`${fake.url}/items`);
      expect(res !== "dropped" && [500, 502, 503, 504].includes(res.status)).toBe(true);
      expect(res !== "dropped" && res.body).toBe('{"errors":"Internal error"}');
    }
    fake.setFaults({ rateLimit429: 1, retryAfterSeconds: 7 });
    const limited = await call(`${fake.url}/items`);
    expect(limited !== "dropped" && [limited.status, limited.headers.get("retry-after"), limited.body]).toEqual([
      429,
      "7",
      '{"errors":"Exceeded 2 calls per second"}',
    ]);
    expect(state.handled).toBe(0);
    fake.setFaults({});
    expect(await call(`${fake.url}/items`)).not.toBe("dropped");
    expect(state.handled).toBe(1);
  });

  it("drops connections, handling the request first in about half the cases (state changes, no answer)", async () => {
    const { fake, state } = await counting({ drop: 1, seed: 5 });
    for (let i = 0; i < 40; i++) expect(await call(`${fake.url}/items`, { method: "POST", body: "{}" })).toBe("dropped");
    const after = fake.log.filter((e) => e.fault === "dropAfter").length;
    const before = fake.log.filter((e) => e.fault === "dropBefore").length;
    expect(after + before).toBe(40);
    expect(fake.log.every((e) => e.status === "dropped")).toBe(true);
    expect(state.handled).toBe(after);
    expect(after).toBeGreaterThan(5);
    expect(before).toBeGreaterThan(5);
  });

  it("answers slowly after handling, and close() does not wait for the slow answer", async () => {
    const { fake, state } = await counting({ slow: 1, slowMs: 60_000 });
    const controller = new AbortController();
    const pending = call(`${fake.url}/items`, { method: "POST", body: "{}", signal: controller.signal });
    while (state.handled === 0) await new Promise((r) => setTimeout(r, 5));
    expect(fake.log[0]?.fault).toBe("slow");
    expect(fake.log[0]?.status).toBe(0); // handled, not answered yet
    controller.abort();
    expect(await pending).toBe("dropped");
    await fake.close();
  });

  it("injects the same faults in the same order for the same seed", async () => {
    const faults: Faults = { error5xx: 0.2, rateLimit429: 0.1, drop: 0.1, seed: 99, retryAfterSeconds: 0 };
    const runs: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const { fake } = await counting(faults);
      for (let i = 0; i < 60; i++) await call(`${fake.url}/items`);
      runs.push(fake.log.map((e) => e.fault ?? "-"));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(new Set(runs[0])).toEqual(new Set(["-", "error5xx", "rateLimit429", "dropBefore", "dropAfter"]));
  });

  it("counts requests in flight", async () => {
    // Each answer waits until all four have arrived: four in flight at once, however slow the machine.
    const arrived = barrier(4);
    const slow: Handler = async () => {
      await arrived();
      return { json: {} };
    };
    const fake = await startFakeServer({ route: () => slow });
    servers.push(fake);
    await Promise.all(Array.from({ length: 4 }, () => call(`${fake.url}/x`)));
    expect(fake.maxInFlight).toBe(4);
  });
});

describe("holdWhen", () => {
  it("holds from the first request that arrives once the condition holds; a dropping release applies none of them", async () => {
    const { fake, state } = await counting();
    const stalled = fake.holdWhen(() => fake.log.length >= 3);
    const post = (i: number) => call(`${fake.url}/items`, { method: "POST", body: JSON.stringify({ i }) });
    expect(await post(1)).toMatchObject({ status: 201 });
    expect(await post(2)).toMatchObject({ status: 201 });
    const third = post(3);
    const release = await stalled;
    const fourth = post(4);
    // Both wait for the release (counted: the server has seen them, handled neither).
    while (fake.log.length < 4) await new Promise((r) => setImmediate(r));
    expect(state.handled).toBe(2);
    release({ drop: true });
    expect(await third).toBe("dropped");
    expect(await fourth).toBe("dropped");
    expect(state.handled).toBe(2);
    // The trigger fires once: later requests are answered as usual.
    expect(await post(5)).toMatchObject({ status: 201 });
    expect(state.handled).toBe(3);
  });

  it("a plain release answers the held requests", async () => {
    const { fake, state } = await counting();
    const stalled = fake.holdWhen(() => true);
    const first = call(`${fake.url}/items`, { method: "POST", body: "{}" });
    (await stalled)();
    expect(await first).toMatchObject({ status: 201 });
    expect(state.handled).toBe(1);
  });
});

/** A handler gate: each call waits until `n` calls have arrived, then all go on. */
function barrier(n: number): () => Promise<void> {
  let count = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return () => {
    if (++count >= n) open();
    return opened;
  };
}
