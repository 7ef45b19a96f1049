/**
 * createHttpClient against a real fake server (test/fakes/lib) on 127.0.0.1: which failures are retried
 * for which requests, Retry-After, pacing, redaction, refusal of http://, malformed JSON, interruption
 * and the platform hooks.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { InterruptedError, RemoteError, UsageError } from "../../../src/core/errors.js";
import { isMessage } from "../../../src/core/i18n/index.js";
import { AdapterError, createHttpClient, type HttpClientOptions } from "../../../src/http/index.js";
import { type FakeReply, type FakeServer, type Faults, type Handler, startFakeServer } from "../../fakes/lib/index.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A fake with one route, /r, whose handler answers the scripted replies in turn (then the last one forever). */
async function scripted(replies: FakeReply[], faults?: Faults): Promise<{ fake: FakeServer; handled: () => number }> {
  let calls = 0;
  const handler: Handler = () => {
    const reply = replies[Math.min(calls, replies.length - 1)] ?? { json: {} };
    calls++;
    return reply;
  };
  const fake = await startFakeServer({ route: (_m, path) => (path === "/r" ? handler : undefined), ...(faults ? { faults } : {}) });
  servers.push(fake);
  return { fake, handled: () => calls };
}

function client(fake: FakeServer, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ platform: "test", baseURL: fake.url, backoff: { baseMs: 5, capMs: 20 }, timeoutMs: 2_000, ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  return error as AdapterError;
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("retries for reads", () => {
  it("retries a GET through 500, 502, 503 and 504 and returns the answer", async () => {
    const { fake } = await scripted([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }, { json: { ok: 1 } }]);
    const c = client(fake);
    const res = await c.get<{ ok: number }>("/r");
    expect(res.data).toEqual({ ok: 1 });
    expect(fake.log.map((e) => e.status)).toEqual([500, 502, 503, 504, 200]);
    expect(c.stats).toMatchObject({ requests: 1, attempts: 5, retries: 4, byStatus: { "500": 1, "502": 1, "503": 1, "504": 1, "200": 1 } });
  });

  it("retries a GET after dropped connections (seeded), and gives up naming the cause after `retries`", async () => {
    const { fake, handled } = await scripted([{ json: { ok: true } }], { drop: 0.6, seed: 7 });
    const c = client(fake);
    for (let i = 0; i < 5; i++) expect((await c.get("/r")).data).toEqual({ ok: true });
    const drops = fake.log.filter((e) => e.status === "dropped").length;
    expect(drops).toBeGreaterThan(0);
    expect(c.stats.retries).toBe(drops);
    expect(handled()).toBeGreaterThanOrEqual(5); // drops after handling ran the handler too

    fake.setFaults({ drop: 1 });
    const error = await rejection(client(fake, { retries: 2 }).get("/r"));
    expect(error.message).toMatch(/^\[test\] unreachable after 3 attempts: connection dropped/);
    expect(error.code).toBe("ECONNRESET");
    expect(error.hint).toBe("check the address and your network; run again later");
  });

  it("retries a GET that times out (a server that answers too late)", async () => {
    // The server never answers in time (60 s), so the outcome does not hang on how fast this machine is.
    const { fake } = await scripted([{ json: { ok: true } }], { slow: 1, slowMs: 60_000 });
    const c = client(fake, { timeoutMs: 100, retries: 1 });
    const error = await rejection(c.get("/r"));
    expect(error.message).toMatch(/unreachable after 2 attempts: no response within 0\.1 s \(timeout\)/);
    expect(error.code).toBe("ETIMEDOUT");
    // Counted on the client: on a loaded machine an attempt may time out before the server logs it.
    expect(c.stats.attempts).toBe(2);
  });

  it("times out a server that trickles its body forever (the hard per-attempt guard)", async () => {
    const timers = new Set<NodeJS.Timeout>();
    const trickler = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const timer = setInterval(() => res.write("1,"), 20);
      timers.add(timer);
    });
    await new Promise<void>((r) => trickler.listen(0, "127.0.0.1", r));
    const { port } = trickler.address() as AddressInfo;
    try {
      const c = createHttpClient({ platform: "test", baseURL: `http://127.0.0.1:${port}`, timeoutMs: 300, retries: 0 });
      const error = await rejection(c.get("/stream"));
      expect(error.message).toBe("[test] unreachable after 1 attempt: no response within 0.3 s (timeout)");
    } finally {
      for (const t of timers) clearInterval(t);
      trickler.closeAllConnections();
      await new Promise<void>((r) => trickler.close(() => r()));
    }
  });

  it("gives the last HTTP error when 5xx outlast the retries", async () => {
    const { fake } = await scripted([{ status: 502, json: { message: "bad gateway upstream" } }]);
    const error = await rejection(client(fake, { retries: 1 }).get("/r"));
    expect(error.message).toBe("[test] 502 bad gateway upstream (after 2 attempts)");
    expect(error.status).toBe(502);
    expect(fake.log).toHaveLength(2);
  });
});

describe("retries for writes", () => {
  it("does not repeat a POST after a dropped connection, unless idempotent: true", async () => {
    const { fake } = await scripted([{ status: 201, json: { id: 1 } }], { drop: 1 });
    const error = await rejection(client(fake).post("/r", { sku: "A" }));
    expect(error.message).toMatch(
      /^\[test\] POST \/r: connection dropped .*not retried because the request may already have been applied$/,
    );
    expect(error.hint).toMatch(/check on the platform/);
    expect(fake.log).toHaveLength(1);

    const error2 = await rejection(client(fake, { retries: 2 }).post("/r", { sku: "A" }, { idempotent: true }));
    expect(error2.message).toMatch(/unreachable after 3 attempts/);
    expect(fake.log).toHaveLength(4);
  });

  it("does not repeat a POST after a timeout (the server handled it once)", async () => {
    const { fake, handled } = await scripted([{ status: 201, json: { id: 1 } }], { slow: 1, slowMs: 1_000 });
    const error = await rejection(client(fake, { timeoutMs: 100 }).post("/r", {}));
    expect(error.code).toBe("ETIMEDOUT");
    expect(handled()).toBe(1);
    expect(fake.log).toHaveLength(1);
  });

  it("repeats a POST on 429 (the server did not take it)", async () => {
    const { fake, handled } = await scripted([
      { status: 429, headers: { "retry-after": "0" } },
      { status: 201, json: { id: 9 } },
    ]);
    const res = await client(fake).post("/r", { sku: "A" });
    expect(res).toMatchObject({ status: 201, data: { id: 9 } });
    expect(handled()).toBe(2);
  });

  it("does not repeat a POST on a plain 500, nor on 503 without Retry-After; does on 503 with it", async () => {
    const first = await scripted([{ status: 500 }, { status: 201 }]);
    expect((await rejection(client(first.fake).post("/r", {}))).message).toBe("[test] 500 Internal Server Error");
    expect(first.handled()).toBe(1);

    const second = await scripted([{ status: 503 }, { status: 201 }]);
    expect((await rejection(client(second.fake).post("/r", {}))).status).toBe(503);
    expect(second.handled()).toBe(1);

    const third = await scripted([
      { status: 503, headers: { "retry-after": "0" } },
      { status: 201, json: {} },
    ]);
    expect((await client(third.fake).post("/r", {})).status).toBe(201);
    expect(third.handled()).toBe(2);
  });

  it("repeats a POST when the connection is refused (nothing was sent)", async () => {
    const port = await freePort();
    const c = createHttpClient({ platform: "test", baseURL: `http://127.0.0.1:${port}`, retries: 2, backoff: { baseMs: 5, capMs: 10 } });
    const error = await rejection(c.post("/r", {}));
    expect(error.message).toBe("[test] unreachable after 3 attempts: connection refused");
    expect(c.stats.byStatus.ECONNREFUSED).toBe(3);
  });
});

describe("Retry-After", () => {
  it("waits at least the server's Retry-After before the retry", async () => {
    const { fake } = await scripted([{ status: 429, headers: { "retry-after": "1" } }, { json: { ok: true } }]);
    await client(fake).get("/r");
    const [refused, retried] = fake.log;
    expect(refused?.status).toBe(429);
    expect(retried?.status).toBe(200);
    // generous margin for timer granularity; the backoff alone (<= 20 ms) could never get near it
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("gives up at once, saying when to retry, when Retry-After exceeds the cap", async () => {
    const { fake } = await scripted([{ status: 429, headers: { "retry-after": "3600" }, json: { errors: "Exceeded 2 calls per second" } }]);
    const before = Date.now();
    const error = await rejection(client(fake).get("/r"));
    expect(error.message).toBe("[test] 429 Exceeded 2 calls per second; the server asks to wait 60 min, longer than merchops waits");
    const retryAt = Date.parse(error.hint?.replace("run again after ", "") ?? "");
    expect(retryAt).toBeGreaterThanOrEqual(before + 3_599_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 3_601_000);
    expect(fake.log).toHaveLength(1);
  });
});

describe("rate limit", () => {
  it("never has more than `concurrency` requests in flight at the server", async () => {
    // Answers go out in groups: each request waits until its group of `size` has arrived (or the
    // last one has), so overlap is certain when the client allows it, not a matter of timing.
    const grouped = (size: number, total: number): Handler => {
      let arrived = 0;
      let waiting: Array<() => void> = [];
      return async () => {
        arrived++;
        await new Promise<void>((r) => {
          waiting.push(r);
          if (arrived % size === 0 || arrived === total) {
            for (const w of waiting) w();
            waiting = [];
          }
        });
        return { json: { ok: true } };
      };
    };
    const limitedHandler = grouped(2, 10);
    const fake = await startFakeServer({ route: () => limitedHandler });
    servers.push(fake);
    const limited = client(fake, { rateLimit: { concurrency: 2 } });
    await Promise.all(Array.from({ length: 10 }, () => limited.get("/any")));
    expect(fake.maxInFlight).toBe(2);

    // the control: the same load without the limiter does overlap more
    const freeHandler = grouped(3, 10);
    const fake2 = await startFakeServer({ route: () => freeHandler });
    servers.push(fake2);
    await Promise.all(Array.from({ length: 10 }, () => client(fake2).get("/any")));
    expect(fake2.maxInFlight).toBeGreaterThan(2);
  });
});

describe("redaction", () => {
  it("keeps tokens out of log lines, error messages, hints, stacks and JSON", async () => {
    const queryToken = "qtok-8c1f2e9d";
    const headerToken = "shpat_hdr_77aa99bb";
    const password = "wc-secret-5511";
    const handler: Handler = (req) => ({
      status: 401,
      // a platform that echoes what it got, as some do
      json: {
        errors: `Invalid token ${req.query.get("access_token")} / ${req.headers["x-shopify-access-token"]} / ${req.headers.authorization}`,
      },
    });
    const fake = await startFakeServer({ route: () => handler });
    servers.push(fake);
    const lines: string[] = [];
    const c = createHttpClient({
      platform: "shopify",
      storeName: "main",
      baseURL: fake.url,
      headers: { "X-Shopify-Access-Token": headerToken },
      auth: { username: "ck_user_1234", password },
      secrets: [queryToken],
      log: { debug: (m) => lines.push(m), warn: (m) => lines.push(m) },
    });
    const error = await rejection(c.get("/admin/x.json", { access_token: queryToken, page: 2 }));
    expect(error.message).toBe("[shopify:main] 401 Invalid token *** / *** / Basic ***");
    expect(error.hint).toMatch(/credential/);
    expect(lines[0]).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/admin\/x\.json\?access_token=\*\*\*&page=2 -> 401 in \d+ ms$/);

    const basic = Buffer.from(`ck_user_1234:${password}`).toString("base64");
    const everything = [
      error.message,
      error.hint,
      error.stack,
      JSON.stringify(error),
      String(error),
      ...lines,
      JSON.stringify(error.cause ?? null),
    ].join("\n");
    for (const secret of [queryToken, headerToken, password, basic]) expect(everything).not.toContain(secret);
    expect(error.cause).toBeUndefined();
  });

  it("masks a per-request token (credential-named param or header) the client was not told about", async () => {
    const handler: Handler = (req) => ({
      status: 400,
      json: { message: `bad ${req.query.get("access_token")} and ${req.headers["x-sign"]}` },
    });
    const fake = await startFakeServer({ route: () => handler });
    servers.push(fake);
    const error = await rejection(
      client(fake).request({
        method: "GET",
        url: "/api",
        params: { access_token: "rotating-tok-123" },
        headers: { "X-Sign": "sig-abcdef99" },
      }),
    );
    expect(error.message).toBe("[test] 400 bad *** and ***");
  });

  it("keeps tokens out of network errors too (no axios error inside)", async () => {
    const port = await freePort();
    const token = "tok-net-123456";
    const c = createHttpClient({
      platform: "x",
      baseURL: `http://127.0.0.1:${port}`,
      headers: { Authorization: `Bearer ${token}` },
      retries: 0,
    });
    const error = await rejection(c.get("/p", { token }));
    const everything = [error.message, error.hint, error.stack, JSON.stringify(error), JSON.stringify(Object.entries(error))].join("\n");
    expect(everything).not.toContain(token);
    // Only plain data inside: the catalog messages of the text and hint (id and params), never an axios error.
    expect(Object.values(error).some((v) => v && typeof v === "object" && !isMessage(v))).toBe(false);
    expect(JSON.stringify([error.text, error.hintText])).not.toContain(token);
  });
});

describe("addresses", () => {
  it("refuses http:// to a non-loopback host unless allowInsecure", async () => {
    const make = (baseURL: string, allowInsecure?: boolean) => () =>
      createHttpClient({ platform: "woo", baseURL, ...(allowInsecure ? { allowInsecure } : {}) });
    expect(make("http://shop.example")).toThrow(UsageError);
    expect(make("http://shop.example")).toThrow(/^\[woo\] refusing the unencrypted address http:\/\/shop\.example/);
    expect(make("http://10.0.0.5:8080")).toThrow(UsageError);
    expect(make("http://shop.example", true)).not.toThrow();
    for (const ok of ["https://shop.example", "http://localhost:9", "http://127.0.0.9", "http://[::1]:9"]) expect(make(ok)).not.toThrow();

    try {
      make("http://shop.example")();
    } catch (e) {
      expect((e as UsageError).hint).toBe("use https:// or pass --allow-insecure");
    }
    // an absolute URL in a request is checked too
    const c = createHttpClient({ platform: "woo", baseURL: "https://shop.example" });
    await expect(c.get("http://evil.example/x")).rejects.toBeInstanceOf(UsageError);
    expect(c.stats.attempts).toBe(0);
  });
});

describe("response bodies", () => {
  const html = { headers: { "content-type": "application/json" }, text: "<html>login</html>" };

  it("reports an HTML page instead of JSON as an AdapterError, retrying a GET once and a POST never", async () => {
    const { fake } = await scripted([html]);
    const error = await rejection(client(fake).get("/r", { page: 1 }));
    expect(error.message).toBe("[test] GET /r answered with an HTML page instead of JSON");
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.exitCode).toBe(5);
    expect(fake.log).toHaveLength(2);

    const second = await scripted([html]);
    expect((await rejection(client(second.fake).post("/r", {}))).message).toBe("[test] POST /r answered with an HTML page instead of JSON");
    expect(second.fake.log).toHaveLength(1);
  });

  it("returns undefined for an empty body, and the raw text with responseType text", async () => {
    const { fake } = await scripted([{ status: 204 }, { text: "plain words" }]);
    const c = client(fake);
    expect((await c.request({ method: "DELETE", url: "/r" })).data).toBeUndefined();
    expect((await c.request({ method: "GET", url: "/r", responseType: "text" })).data).toBe("plain words");
    await expect(c.get("/r")).rejects.toThrow(/malformed JSON/);
  });

  it("reports a redirect with its (redacted) target instead of following it with the credentials", async () => {
    const { fake } = await scripted([{ status: 301, headers: { location: "https://www.shop.example/wp-json/wc/v3?consumer_key=ck_1" } }]);
    const error = await rejection(client(fake).get("/r"));
    expect(error.message).toBe(
      "[test] 301 the server redirects to https://www.shop.example/wp-json/wc/v3?consumer_key=*** instead of answering",
    );
    expect(error.status).toBe(301);
    expect(fake.log).toHaveLength(1);
  });

  it("gives the status of the last refusal when 429s outlast the retries", async () => {
    const { fake } = await scripted([{ status: 429, headers: { "retry-after": "0" }, json: { errors: "Throttled" } }]);
    const error = await rejection(client(fake, { retries: 0 }).get("/r"));
    expect(error.message).toBe("[test] 429 Throttled (after 1 attempt)");
    expect(error.status).toBe(429);
  });

  it("does not retry 4xx and gives the status's next step", async () => {
    const { fake } = await scripted([{ status: 404, json: {} }]);
    const error = await rejection(client(fake).get("/r"));
    expect(error.message).toBe("[test] 404 Not Found");
    expect(error.hint).toBe("check the store address");
    expect(fake.log).toHaveLength(1);
    const forbidden = await scripted([{ status: 403, json: {} }]);
    expect((await rejection(client(forbidden.fake).get("/r"))).hint).toMatch(/lacks a permission \(scope\)/);
  });
});

describe("interruption", () => {
  it("stops a backoff sleep as soon as the signal aborts, throwing its InterruptedError", async () => {
    const { fake } = await scripted([{ status: 503, headers: { "retry-after": "30" } }]);
    const controller = new AbortController();
    const reason = new InterruptedError("interrupted by Ctrl-C");
    const started = Date.now();
    const pending = client(fake, { signal: controller.signal }).get("/r");
    while (fake.log.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(10_000); // a 30 s wait was cut short
    expect(fake.log).toHaveLength(1);
  });

  it("aborts a request in flight and sleep()", async () => {
    const { fake } = await scripted([{ json: {} }], { slow: 1, slowMs: 5_000 });
    const controller = new AbortController();
    const c = client(fake, { signal: controller.signal, timeoutMs: 20_000 });
    const pending = c.get("/r");
    const sleeping = c.sleep(60_000);
    while (fake.log.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    await expect(sleeping).rejects.toBeInstanceOf(InterruptedError);
    expect(fake.log).toHaveLength(1);
  });
});

describe("platform hooks", () => {
  it("uses describeError for the platform's own message and hint", async () => {
    const { fake } = await scripted([
      { status: 401, json: { code: "woocommerce_rest_authentication_error", message: "Consumer key is invalid.", data: { status: 401 } } },
    ]);
    const c = client(fake, {
      platform: "woocommerce",
      storeName: "wc",
      describeError: (status, body) => {
        const b = body as { code?: string; message?: string };
        return b.message ? { message: `${b.message} (${b.code})`, hint: `status ${status}: regenerate the REST key` } : undefined;
      },
    });
    const error = await rejection(c.get("/r"));
    expect(error.message).toBe("[woocommerce:wc] 401 Consumer key is invalid. (woocommerce_rest_authentication_error)");
    expect(error.hint).toBe("status 401: regenerate the REST key");
    expect(error).toMatchObject({ platform: "woocommerce", status: 401 });
  });

  it("lets classify retry an error hidden in a 2xx (THROTTLED) and fail on an envelope", async () => {
    const throttled = { json: { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }] } };
    const { fake } = await scripted([throttled, throttled, { json: { data: { shop: { name: "acme" } } } }]);
    const seen: number[] = [];
    const c = client(fake, {
      classify: ({ status, data }) => {
        seen.push(status);
        const codes = (data as { errors?: { extensions?: { code?: string } }[] }).errors?.map((e) => e.extensions?.code);
        return codes?.includes("THROTTLED") ? { action: "retry", waitMs: 5, reason: "THROTTLED" } : undefined;
      },
    });
    const res = await c.post("/r", { query: "{ shop { name } }" });
    expect(res.data).toEqual({ data: { shop: { name: "acme" } } });
    expect(c.stats.retries).toBe(2);
    expect(seen).toEqual([200, 200, 200]);

    const envelope = await scripted([{ json: { gw_err_resp: { err_code: 4203, err_msg: "access_token invalid" } } }]);
    const youzan = client(envelope.fake, {
      platform: "youzan",
      classify: ({ data }) => {
        const err = (data as { gw_err_resp?: { err_code: number; err_msg: string } }).gw_err_resp;
        return err ? { action: "fail", message: err.err_msg, code: String(err.err_code), hint: "refresh the token" } : undefined;
      },
    });
    const error = await rejection(youzan.get("/r"));
    expect(error.message).toBe("[youzan] access_token invalid");
    expect(error).toMatchObject({ status: 200, code: "4203", hint: "refresh the token" });
    expect(envelope.fake.log).toHaveLength(1);
  });
});

describe("proxy", () => {
  it("sends to the proxy named by HTTP_PROXY (an http target with allowInsecure)", async () => {
    // the "proxy" is a fake on 127.0.0.1: a forward proxy receives the absolute target URL
    let sawPath = "";
    const proxy = http.createServer((req, res) => {
      sawPath = req.url ?? "";
      res.writeHead(200, { "content-type": "application/json" }).end('{"via":"proxy"}');
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    const { port } = proxy.address() as AddressInfo;
    try {
      const c = createHttpClient({
        platform: "t",
        baseURL: "http://shop.invalid",
        allowInsecure: true,
        retries: 0,
        env: { HTTP_PROXY: `http://127.0.0.1:${port}` },
      });
      const res = await c.get("/products", { page: 1 });
      expect(res.data).toEqual({ via: "proxy" });
      expect(sawPath).toBe("http://shop.invalid/products?page=1");
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});
