/**
 * The pure pieces of src/http: redaction, Retry-After parsing, full-jitter backoff, abortable sleeps,
 * the proxy decision and the limiter (on a fake clock).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { InterruptedError } from "../../../src/core/errors.js";
import {
  abortableSleep,
  createLimiter,
  fullJitterDelay,
  isLoopbackHost,
  parseRetryAfter,
  proxyFor,
  redactText,
  redactUrl,
} from "../../../src/http/index.js";

describe("redactUrl / redactText", () => {
  it("masks credential-named query params, whatever their case, and keeps the others", () => {
    const url = "https://shop.example/api?page=2&access_token=abc123&Key=k1&consumer_secret=cs_9&sign=ff&limit=5";
    expect(redactUrl(url)).toBe("https://shop.example/api?page=2&access_token=***&Key=***&consumer_secret=***&sign=***&limit=5");
  });

  it("masks every named param of the list and not look-alikes", () => {
    for (const name of [
      "token",
      "access_token",
      "key",
      "secret",
      "signature",
      "sign",
      "password",
      "consumer_key",
      "consumer_secret",
      "client_secret",
    ]) {
      expect(redactUrl(`/p?${name}=v4lue`)).toBe(`/p?${name}=***`);
    }
    expect(redactUrl("/p?keyword=shoes&token_type=bearer")).toBe("/p?keyword=shoes&token_type=bearer");
  });

  it("masks listed secrets anywhere, also URL-encoded, and user:password@", () => {
    const secret = "s3cr3t/+value";
    const url = `https://admin:pw@shop.example/${encodeURIComponent(secret)}/x?q=${encodeURIComponent(secret)}`;
    const redacted = redactUrl(url, [secret]);
    expect(redacted).toBe("https://***@shop.example/***/x?q=***");
    expect(redactText(`token is ${secret}, again ${secret}`, [secret])).toBe("token is ***, again ***");
  });

  it("masks the longer of two overlapping secrets whole", () => {
    expect(redactText("abcdef and abc", ["abc", "abcdef"])).toBe("*** and ***");
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-03-01T10:00:00Z");
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  it("reads an HTTP-date, and a past date means no wait", () => {
    expect(parseRetryAfter("Sat, 01 Mar 2025 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 01 Mar 2025 09:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});

describe("fullJitterDelay", () => {
  it("spans 0 .. min(cap, base * 2^attempt)", () => {
    expect(fullJitterDelay(0, 500, 20_000, () => 0)).toBe(0);
    expect(fullJitterDelay(0, 500, 20_000, () => 0.999999)).toBe(499);
    expect(fullJitterDelay(3, 500, 20_000, () => 0.5)).toBe(2000); // ceiling 4000
    expect(fullJitterDelay(10, 500, 20_000, () => 0.5)).toBe(10_000); // capped at 20_000
    expect(fullJitterDelay(1000, 500, 20_000, () => 0.5)).toBe(10_000); // no overflow to Infinity
  });
});

describe("abortableSleep", () => {
  it("rejects at once with the signal's InterruptedError, or a new one for a plain abort", async () => {
    const controller = new AbortController();
    const reason = new InterruptedError("stopped by the user");
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);

    const plain = new AbortController();
    const sleeping2 = abortableSleep(60_000, plain.signal);
    plain.abort();
    await expect(sleeping2).rejects.toBeInstanceOf(InterruptedError);
    await expect(abortableSleep(10, plain.signal)).rejects.toBeInstanceOf(InterruptedError);
  });
});

describe("isLoopbackHost", () => {
  it("accepts 127.0.0.0/8, ::1 and localhost only", () => {
    for (const host of ["127.0.0.1", "127.255.0.9", "localhost", "LOCALHOST", "::1", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["128.0.0.1", "10.0.0.1", "127.0.0.1.example.com", "localhost.evil.com", "127.0.0.256", "::2", "example.com"]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});

describe("proxyFor", () => {
  it("uses HTTPS_PROXY for https and HTTP_PROXY for http targets, either case", () => {
    expect(proxyFor("https://shop.example/x", { HTTPS_PROXY: "http://proxy.corp:3128" })).toEqual({
      protocol: "http",
      host: "proxy.corp",
      port: 3128,
    });
    expect(proxyFor("https://shop.example/x", { https_proxy: "https://p.corp" })).toEqual({ protocol: "https", host: "p.corp", port: 443 });
    expect(proxyFor("http://shop.example/x", { HTTP_PROXY: "p.corp:8080" })).toEqual({ protocol: "http", host: "p.corp", port: 8080 });
    expect(proxyFor("http://shop.example/x", { HTTPS_PROXY: "http://p.corp:1" })).toBeUndefined();
    expect(proxyFor("https://shop.example/x", { HTTP_PROXY: "http://p.corp:1" })).toBeUndefined();
    expect(proxyFor("https://shop.example/x", {})).toBeUndefined();
  });

  it("passes proxy credentials, decoded", () => {
    expect(proxyFor("https://a.example", { HTTPS_PROXY: "http://us%40r:p%3Ass@p.corp:3128" })).toEqual({
      protocol: "http",
      host: "p.corp",
      port: 3128,
      auth: { username: "us@r", password: "p:ss" },
    });
  });

  it("never proxies loopback", () => {
    const env = { HTTPS_PROXY: "http://p.corp:3128", HTTP_PROXY: "http://p.corp:3128" };
    for (const url of ["http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]:9/x", "https://127.1.2.3/x"])
      expect(proxyFor(url, env)).toBeUndefined();
  });

  it("honours NO_PROXY: *, host suffixes, leading dots and wildcards, host:port", () => {
    const env = (noProxy: string) => ({ HTTPS_PROXY: "http://p.corp:3128", NO_PROXY: noProxy });
    expect(proxyFor("https://shop.example", env("*"))).toBeUndefined();
    expect(proxyFor("https://shop.example", env("other.org, shop.example"))).toBeUndefined();
    expect(proxyFor("https://a.shop.example", env("shop.example"))).toBeUndefined();
    expect(proxyFor("https://a.shop.example", env(".shop.example"))).toBeUndefined();
    expect(proxyFor("https://a.shop.example", env("*.shop.example"))).toBeUndefined();
    expect(proxyFor("https://myshop.example", env("shop.example"))).toBeDefined();
    expect(proxyFor("https://shop.example:8443", env("shop.example:8443"))).toBeUndefined();
    expect(proxyFor("https://shop.example", env("shop.example:8443"))).toBeDefined();
    expect(proxyFor("https://shop.example", env("shop.example:443"))).toBeUndefined();
    expect(proxyFor("https://shop.example", { HTTPS_PROXY: "http://p.corp:3128", no_proxy: "shop.example" })).toBeUndefined();
  });
});

describe("createLimiter", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("spaces starts at 1/requestsPerSecond with burst 1, and allows `burst` back-to-back starts", async () => {
    vi.useFakeTimers({ now: 0 });
    const starts: number[] = [];
    const limiter = createLimiter({ requestsPerSecond: 10 });
    const runs = Array.from({ length: 5 }, () => limiter.run(async () => void starts.push(Date.now())));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(runs);
    expect(starts).toEqual([0, 100, 200, 300, 400]);

    const burstStarts: number[] = [];
    const bursty = createLimiter({ requestsPerSecond: 10, burst: 3 });
    const t0 = Date.now();
    const runs2 = Array.from({ length: 5 }, () => bursty.run(async () => void burstStarts.push(Date.now() - t0)));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(runs2);
    expect(burstStarts).toEqual([0, 0, 0, 100, 200]);
  });

  it("never runs more than `concurrency` tasks at once, and frees the slot when a task fails", async () => {
    const limiter = createLimiter({ concurrency: 3 });
    let inFlight = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (i % 4 === 0) throw new Error(`task ${i} failed`);
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => limiter.run(task(i))));
    expect(peak).toBe(3);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(15);
    expect(limiter.inFlight).toBe(0);
  });

  it("drops a waiter whose signal aborts", async () => {
    const limiter = createLimiter({ concurrency: 1 });
    let release: () => void = () => {};
    const first = limiter.run(() => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    const second = limiter.run(async () => "ran", controller.signal);
    expect(limiter.waiting).toBe(1);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(InterruptedError);
    expect(limiter.waiting).toBe(0);
    release();
    await first;
    await expect(limiter.run(async () => "next")).resolves.toBe("next");
  });
});
