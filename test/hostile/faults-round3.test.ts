/**
 * Remote faults, round 3 (helper F): answers that are not what they claim, waits that are not worth
 * waiting, and deadlines. Against the one HTTP client every adapter uses, with a server on 127.0.0.1
 * answering as the real thing does when something sits in the way: a Wi-Fi login page with status
 * 200, Cloudflare's challenge (403, `cf-mitigated: challenge`), a maintenance page (503 HTML), a gzip
 * stream that is damaged or cut, JSON with a BOM, Retry-After as a float (Shopify's "2.0"), as an
 * HTTP-date and as a day; a server that accepts and never answers, one that drips. Every attempt is
 * counted by the server; no test waits on the machine's speed (a wait the client would sleep is read
 * from its log line, then the run is interrupted).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { ExitCode, InterruptedError } from "../../src/core/errors.js";
import { english } from "../../src/core/i18n/index.js";
import { AdapterError, createHttpClient, type HttpClientOptions } from "../../src/http/index.js";

type Raw = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A server answering every request with `raw`; `hits()` counts the requests that arrived. */
async function serve(raw: Raw): Promise<{ url: string; hits: () => number }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    n++;
    req.resume();
    req.on("end", () => raw(req, res, n));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => n };
}

function client(url: string, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ platform: "shop", baseURL: url, backoff: { baseMs: 1, capMs: 5 }, timeoutMs: 2_000, retries: 3, ...extra });
}

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AdapterError);
  expect((e as AdapterError).exitCode).toBe(ExitCode.remoteFailed);
  return e as AdapterError;
}

const page =
  (status: number, title: string, headers: Record<string, string> = {}): Raw =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "text/html; charset=UTF-8", ...headers });
    res.end(`<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>`);
  };

describe("an HTML page where JSON was asked for", () => {
  it("a Wi-Fi login page with status 200: exit 5 naming the page's title and what is in the way, retried once", async () => {
    const s = await serve(page(200, "Log in to Hotel Wi-Fi"));
    const e = await failure(client(s.url).get("/admin/orders.json"));
    expect(e.message).toBe('[shop] GET /admin/orders.json answered with an HTML page ("Log in to Hotel Wi-Fi") instead of JSON');
    expect(english(e.hintText ?? "")).toMatch(/Wi-Fi or proxy login page.*open the address in a browser/);
    expect(e.code).toBe("HTML_PAGE");
    expect(s.hits()).toBe(2);
  });

  it("Cloudflare's challenge (403): the firewall is named, not the credential's scopes", async () => {
    const s = await serve(page(403, "Just a moment...", { "cf-mitigated": "challenge" }));
    const e = await failure(client(s.url).get("/wp-json/wc/v3/orders"));
    expect(e.message).toBe('[shop] 403 an HTML page ("Just a moment...") instead of the API\'s answer');
    expect(english(e.hintText ?? "")).toMatch(/firewall or bot check .*Cloudflare/);
    expect(english(e.hintText ?? "")).not.toMatch(/scope|permission/);
    expect(s.hits()).toBe(1);
  });

  it("a maintenance page (503 HTML): retried, then the page's title in the message, no markup", async () => {
    const s = await serve(page(503, "Briefly unavailable for <b>scheduled</b> maintenance. Check back in a minute."));
    const e = await failure(client(s.url).get("/r"));
    expect(e.message).toBe(
      '[shop] 503 an HTML page ("Briefly unavailable for scheduled maintenance. Check back in a minute.") instead of the API\'s answer (after 4 attempts)',
    );
    expect(e.message).not.toMatch(/<b>|<html/);
    expect(s.hits()).toBe(4);
  });
});

describe("bodies damaged on the way", () => {
  const json = JSON.stringify({ orders: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `#${1000 + i}` })) });

  it("JSON with a byte-order mark is read", async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`\uFEFF${json}`);
    });
    const r = await client(s.url).get<{ orders: unknown[] }>("/r");
    expect(r.data.orders).toHaveLength(300);
  });

  it("a gzip stream that is not gzip: retried, then named as damaged compression (not a network mystery)", async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(Buffer.from(json));
    });
    const e = await failure(client(s.url).get("/r"));
    expect(e.message).toBe("[shop] unreachable after 4 attempts: the compressed answer is damaged (Z_DATA_ERROR)");
    expect(english(e.hintText ?? "")).toMatch(/broke off or was damaged on the way/);
    expect(s.hits()).toBe(4);
  });

  it("a gzip stream cut short: never taken as a complete answer; the hint says it broke off", async () => {
    const gz = zlib.gzipSync(json);
    const s = await serve((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gz.subarray(0, Math.floor(gz.length / 2)));
    });
    const e = await failure(client(s.url).get("/r"));
    expect(e.message).toMatch(/^\[shop\] (malformed JSON in response to GET \/r|unreachable after \d attempts: .*damaged)/);
    expect(english(e.hintText ?? "")).toMatch(/broke off or was damaged on the way/);
  });

  it("JSON cut at a chunk boundary (chunked, then the connection ends): the hint says it broke off, not 'a login page'", async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(json.slice(0, 4096));
    });
    const e = await failure(client(s.url).get("/r"));
    expect(e.message).toBe("[shop] malformed JSON in response to GET /r");
    expect(english(e.hintText ?? "")).toMatch(/broke off or was damaged/);
    expect(english(e.hintText ?? "")).not.toMatch(/login page/);
  });
});

/** Runs one GET that the server answers `status` + Retry-After, reads the wait the client announces, then interrupts it. */
async function announcedWait(retryAfter: string, status = 429): Promise<{ line: string | undefined; hits: number }> {
  const s = await serve((_q, res) => {
    res.writeHead(status, { "content-type": "application/json", "retry-after": retryAfter });
    res.end(
      JSON.stringify({ errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }),
    );
  });
  const stop = new AbortController();
  let line: string | undefined;
  const log = {
    debug: (m: string) => {
      if (!/; retry 1 of/.test(m)) return;
      line = m;
      stop.abort();
    },
    warn: () => {},
  };
  const e = await client(s.url, { log, signal: stop.signal })
    .get("/r")
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  expect(e).toBeInstanceOf(InterruptedError);
  return { line, hits: s.hits() };
}

describe("Retry-After as the services send it", () => {
  it("Shopify's float seconds ('2.0') are waited exactly", async () => {
    const { line, hits } = await announcedWait("2.0");
    expect(line).toMatch(/429 Exceeded 2 calls per second.*; retry 1 of 3 in 2\.0 s$/);
    expect(hits).toBe(1);
  });

  it("an HTTP-date (WordPress behind a proxy, 503) is waited until that moment", async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const { line } = await announcedWait(at, 503);
    const seconds = Number(/in ([\d.]+) s$/.exec(line ?? "")?.[1]);
    expect(seconds).toBeGreaterThan(25);
    expect(seconds).toBeLessThanOrEqual(30);
  });

  it("a day: one request, fail fast naming the wait in hours and when to run again, never sleep in a cron job", async () => {
    const s = await serve((_q, res) => {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "86400" });
      res.end(JSON.stringify({ errors: "Daily quota exceeded" }));
    });
    const e = await failure(client(s.url).get("/r"));
    expect(e.message).toBe("[shop] 429 Daily quota exceeded; the server asks to wait 24 h, longer than merchops waits");
    expect(e.code).toBe("RETRY_LATER");
    expect(english(e.hintText ?? "")).toMatch(/^run again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(s.hits()).toBe(1);
  });

  it("missing: bounded backoff, then the status and the count", async () => {
    const s = await serve((_q, res) => {
      res.writeHead(429, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: "rest_too_many_requests", message: "Too many requests." }));
    });
    const e = await failure(client(s.url).get("/r"));
    expect(e.message).toBe("[shop] 429 Too many requests. (after 4 attempts)");
    expect(s.hits()).toBe(4);
  });
});

describe("servers that never finish", () => {
  it("accepts and never answers: each attempt bounded by http.timeoutMs, named with its value", async () => {
    const s = await serve(() => {});
    const e = await failure(client(s.url, { timeoutMs: 150, retries: 1 }).get("/r"));
    expect(e.message).toBe("[shop] unreachable after 2 attempts: no response within 0.2 s (timeout)");
    expect(english(e.hintText ?? "")).toBe(
      "if the service is only slow, raise http.timeoutMs (now 150 ms) in its config; else check the network",
    );
    expect(s.hits()).toBe(2);
  });

  it("drips a byte at a time: the total deadline (http.totalTimeoutMs) ends the request whatever the retries left", async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      const drip = setInterval(() => (res.writableEnded ? clearInterval(drip) : res.write(" ")), 20);
      res.on("close", () => clearInterval(drip));
    });
    const e = await failure(client(s.url, { timeoutMs: 150, totalTimeoutMs: 400, retries: 50 }).get("/r"));
    expect(e.code).toBe("DEADLINE");
    expect(e.message).toMatch(
      /^\[shop\] gave up after 0\.\d s, the total time one request may take \(http\.totalTimeoutMs\), over \d attempts: no response within 0\.\d s \(timeout\)$/,
    );
    expect(english(e.hintText ?? "")).toMatch(/raise http\.totalTimeoutMs \(now 400 ms\)/);
    // 400 ms of 150-ms attempts: at most 3 of the 51 allowed.
    expect(s.hits()).toBeLessThanOrEqual(3);
  });

  it("a Retry-After that would pass the total deadline is not slept: it fails at once", async () => {
    const s = await serve((_q, res) => {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "30" });
      res.end("{}");
    });
    const e = await failure(client(s.url, { totalTimeoutMs: 10_000 }).get("/r"));
    expect(e.code).toBe("DEADLINE");
    expect(s.hits()).toBe(1);
  });
});
