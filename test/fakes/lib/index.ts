/**
 * The toolkit every fake platform server is built on: a node:http server on 127.0.0.1 (ephemeral port)
 * that routes requests to handlers and injects faults — 5xx and 429 before handling, dropped connections
 * before or after handling (state changed, no answer), and slow answers after handling. The drops and
 * slow answers after handling are what prove a client's writes are idempotent. Deterministic by seed.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Faults {
  /** Probability of answering a 5xx before handling. */
  error5xx?: number;
  /** Probability of answering 429 with Retry-After before handling. */
  rateLimit429?: number;
  /** Probability of destroying the connection without an answer (half before handling, half after). */
  drop?: number;
  /** Probability of handling, then answering only after `slowMs`. */
  slow?: number;
  /** Delay of a slow answer, default 2_000 ms (make it longer than the client's timeout in tests). */
  slowMs?: number;
  /** Retry-After of an injected 429, default 1 s. */
  retryAfterSeconds?: number;
  /** Seed of the fault dice, default 1. */
  seed?: number;
}

/**
 * Answers that are well-formed HTTP but not the shape the docs promise: what a plugin, a proxy or an API
 * change does to a real platform. Applied to 2xx JSON answers of matching requests.
 * Field paths: dot-separated keys, `[]` for every element of a list: "[].line_items[].name" is the
 * name of every line of every order in a list answer.
 */
export interface ShapeFault {
  /** Only requests whose path matches (default: all). */
  path?: RegExp;
  /** Fields to delete. */
  omit?: string[];
  /** Fields to rename: { "[].line_items[].name": "title" }. */
  rename?: Record<string, string>;
  /** Answer 200 with an HTML page (a cache or login wall) instead of JSON. */
  html?: boolean;
  /**
   * Rewrite the answer's JSON (after omit and rename): wrong types, nulls, a page cursor that loops,
   * an empty page that claims more. Gets a copy; returns the body to send.
   */
  rewrite?: (body: unknown, req: FakeRequest) => unknown;
}

/**
 * Answers broken below JSON, on the wire (helper H's fault scenarios). Applied, after `skip` matching
 * requests, to the next `times` (default: every one), counted, never timed:
 * - `garbage`: bytes that are not HTTP (a TLS handshake on a plain port, a proxy's junk), then close;
 * - `headersOnly`: a 200 with its headers and Content-Length, then nothing (slow loris) until the client gives up;
 * - `resetMidBody`: the request is handled, half the body is sent, then the connection is reset;
 * - `truncatedJson`: the request is handled and the first half of the JSON is sent as the whole body.
 */
export interface WireFault {
  kind: "garbage" | "headersOnly" | "resetMidBody" | "truncatedJson";
  path?: RegExp;
  /** Matching requests answered normally before the fault starts (a fault mid-run). */
  skip?: number;
  times?: number;
}

/** Every object a field path reaches (its parent objects) with the last key. */
function reach(root: unknown, fieldPath: string): { parents: Record<string, unknown>[]; key: string } {
  const tokens = fieldPath.split(/\.|(?=\[\])/).filter(Boolean);
  const key = tokens.pop() as string;
  let current: unknown[] = [root];
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const c of current) {
      if (t === "[]") {
        if (Array.isArray(c)) next.push(...c);
      } else if (c && typeof c === "object" && t in c) next.push((c as Record<string, unknown>)[t]);
    }
    current = next;
  }
  return { parents: current.filter((c): c is Record<string, unknown> => !!c && typeof c === "object" && !Array.isArray(c)), key };
}

export function applyShapeFault(body: unknown, fault: ShapeFault): unknown {
  const copy = structuredClone(body);
  for (const f of fault.omit ?? []) {
    const { parents, key } = reach(copy, f);
    for (const p of parents) delete p[key];
  }
  for (const [f, to] of Object.entries(fault.rename ?? {})) {
    const { parents, key } = reach(copy, f);
    for (const p of parents) {
      if (!(key in p)) continue;
      p[to] = p[key];
      delete p[key];
    }
  }
  return copy;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or the raw string when it is not JSON; undefined when empty. */
  body: unknown;
  rawBody: string;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

export type Handler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

export type FaultKind = "error5xx" | "rateLimit429" | "dropBefore" | "dropAfter" | "slow";

export interface FakeLogEntry {
  method: string;
  path: string;
  status: number | "dropped";
  /** When the request arrived (Date.now()). */
  at: number;
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
}

/**
 * Lets held requests go: answered as usual, or with `{ drop: true }` dropped unanswered and unapplied
 * (the client that sent them was killed: nothing it asked for may land after its death).
 */
export type Release = (how?: { drop?: boolean }) => void;

export interface FakeServer {
  /** "http://127.0.0.1:PORT" */
  url: string;
  /** Change faults mid-test; a given seed restarts the dice. */
  setFaults(f: Faults): void;
  /** Bend the shape of 2xx JSON answers (undefined: answer as documented). */
  setShapeFault(f: ShapeFault | undefined): void;
  /** Break answers on the wire (undefined: none). */
  setWireFault(f: WireFault | undefined): void;
  /**
   * Holds every request arriving from now on (logged, not answered) until the returned function is
   * called: lets a test order events between processes by counting, never by timing.
   */
  hold(): Release;
  /**
   * Holds the first request arriving once `when()` is true (checked at each arrival) and every later
   * one, until released: the client process stops at a counted point of progress however fast or slow
   * the machine is. Resolves with the release function when that first request is held.
   */
  holdWhen(when: (req: { method: string; path: string }) => boolean): Promise<Release>;
  /** Every request seen, in arrival order. */
  readonly log: FakeLogEntry[];
  /** Most requests being handled at once so far (arrival to answer or drop). */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  route: (method: string, path: string) => Handler | undefined;
  faults?: Faults;
  /** Status + body to send for an injected 5xx / 429 — each platform has its own error bodies. */
  faultBodies?: { error5xx?: (req: FakeRequest) => FakeReply; rateLimit429?: (req: FakeRequest) => FakeReply };
}

/** Deterministic uniform [0, 1) generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INJECTED_5XX = [500, 502, 503, 504] as const;

function parseBody(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function send(res: http.ServerResponse, reply: FakeReply): number {
  const status = reply.status ?? 200;
  const headers: Record<string, string> = {};
  let body = "";
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers["content-type"] = "application/json; charset=utf-8";
  } else if (reply.text !== undefined) {
    body = reply.text;
    headers["content-type"] = "text/plain; charset=utf-8";
  }
  Object.assign(headers, reply.headers);
  headers["content-length"] = String(Buffer.byteLength(body));
  if (!res.writableEnded && !res.destroyed) res.writeHead(status, headers).end(body);
  return status;
}

export async function startFakeServer(opts: FakeServerOptions): Promise<FakeServer> {
  let faults: Faults = { ...opts.faults };
  let random = seededRandom(faults.seed ?? 1);
  const log: FakeLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  let shapeFault: ShapeFault | undefined;
  let wireFault: WireFault | undefined;
  let gate: Promise<"answer" | "drop"> | undefined;
  let holdTrigger: { when: (req: { method: string; path: string }) => boolean; held: (release: Release) => void } | undefined;

  /** The reply as the shape fault bends it, when it applies to this request. */
  function bend(fake: FakeRequest, reply: FakeReply): FakeReply {
    const status = reply.status ?? 200;
    if (!shapeFault || status < 200 || status >= 300 || reply.json === undefined) return reply;
    if (shapeFault.path && !shapeFault.path.test(fake.path)) return reply;
    if (shapeFault.html) {
      return {
        status,
        headers: { "content-type": "text/html; charset=UTF-8" },
        text: "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h1>Checking your browser</h1></body></html>",
      };
    }
    const bent = applyShapeFault(reply.json, shapeFault);
    return { ...reply, json: shapeFault.rewrite ? shapeFault.rewrite(bent, fake) : bent };
  }

  /** The wire fault for this request, counted down. */
  function takeWireFault(path: string): WireFault["kind"] | undefined {
    if (!wireFault || (wireFault.path && !wireFault.path.test(path))) return undefined;
    if (wireFault.skip !== undefined && wireFault.skip > 0) {
      wireFault.skip--;
      return undefined;
    }
    if (wireFault.times !== undefined) {
      if (wireFault.times <= 0) return undefined;
      wireFault.times--;
    }
    return wireFault.kind;
  }

  /** Sends `reply` broken the way `kind` says. */
  function sendBroken(req: http.IncomingMessage, res: http.ServerResponse, reply: FakeReply, kind: WireFault["kind"]): void {
    const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
    const half = body.slice(0, Math.floor(body.length / 2));
    const headers = { "content-type": "application/json; charset=utf-8", ...reply.headers };
    if (kind === "truncatedJson") {
      res.writeHead(reply.status ?? 200, { ...headers, "content-length": String(Buffer.byteLength(half)) }).end(half);
      return;
    }
    res.writeHead(reply.status ?? 200, { ...headers, "content-length": String(Buffer.byteLength(body)) });
    if (kind === "headersOnly") {
      res.flushHeaders();
      return; // the client's own timeout ends it; close() destroys the socket
    }
    res.write(half, () => req.socket.destroy());
  }

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /** Always rolls every die, so one fault's probability does not shift the others' sequence. */
  function rollFault(): FaultKind | undefined {
    const [r5xx, r429, rDrop, rDropWhen, rSlow] = [random(), random(), random(), random(), random()];
    if (r5xx < (faults.error5xx ?? 0)) return "error5xx";
    if (r429 < (faults.rateLimit429 ?? 0)) return "rateLimit429";
    if (rDrop < (faults.drop ?? 0)) return rDropWhen < 0.5 ? "dropBefore" : "dropAfter";
    if (rSlow < (faults.slow ?? 0)) return "slow";
    return undefined;
  }

  async function handle(fake: FakeRequest, handler: Handler | undefined): Promise<FakeReply> {
    if (!handler) return { status: 404, json: { error: `no route for ${fake.method} ${fake.path}` } };
    try {
      return bend(fake, await handler(fake));
    } catch (error) {
      return { status: 500, json: { error: `fake handler failed: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, entry: FakeLogEntry): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (gate && (await gate) === "drop") {
      entry.status = "dropped";
      req.socket.destroy();
      return;
    }
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const fake: FakeRequest = {
      method: entry.method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(rawBody),
      rawBody,
    };
    const handler = opts.route(fake.method, fake.path);
    const wire = takeWireFault(fake.path);
    if (wire === "garbage") {
      entry.status = "dropped";
      // A TLS ClientHello's first bytes and junk: no HTTP status line.
      req.socket.end(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0a, 0x0d, 0x0a]));
      return;
    }
    if (wire !== undefined) {
      const reply = await handle(fake, handler);
      entry.status = wire === "truncatedJson" ? (reply.status ?? 200) : "dropped";
      sendBroken(req, res, reply, wire);
      return;
    }
    const fault = rollFault();
    if (fault) entry.fault = fault;

    const drop = () => {
      entry.status = "dropped";
      req.socket.destroy();
    };
    switch (fault) {
      case "error5xx": {
        const status = INJECTED_5XX[Math.floor(random() * INJECTED_5XX.length)] ?? 500;
        const reply = opts.faultBodies?.error5xx?.(fake) ?? { json: { error: "injected server error" } };
        entry.status = send(res, { status, ...reply });
        return;
      }
      case "rateLimit429": {
        const reply = opts.faultBodies?.rateLimit429?.(fake) ?? { json: { error: "too many requests" } };
        const headers = { "retry-after": String(faults.retryAfterSeconds ?? 1), ...reply.headers };
        entry.status = send(res, { status: 429, ...reply, headers });
        return;
      }
      case "dropBefore":
        drop();
        return;
      case "dropAfter":
        await handle(fake, handler);
        drop();
        return;
      case "slow": {
        const reply = await handle(fake, handler);
        await delay(faults.slowMs ?? 2_000);
        entry.status = send(res, reply);
        return;
      }
      default:
        entry.status = send(res, await handle(fake, handler));
    }
  }

  const server = http.createServer((req, res) => {
    const entry: FakeLogEntry = {
      method: (req.method ?? "GET").toUpperCase(),
      path: new URL(req.url ?? "/", "http://127.0.0.1").pathname,
      status: 0,
      at: Date.now(),
    };
    log.push(entry);
    if (holdTrigger?.when(entry)) {
      const { held } = holdTrigger;
      holdTrigger = undefined;
      held(api.hold());
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    serve(req, res, entry)
      .catch(() => {
        entry.status = "dropped";
        req.socket.destroy();
      })
      .finally(() => {
        inFlight--;
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const api: FakeServer = {
    url: `http://127.0.0.1:${port}`,
    setShapeFault(f: ShapeFault | undefined) {
      shapeFault = f;
    },
    setWireFault(f: WireFault | undefined) {
      wireFault = f ? { ...f } : undefined;
    },
    holdWhen(when) {
      return new Promise((held) => {
        holdTrigger = { when, held };
      });
    },
    hold() {
      let open: (how: "answer" | "drop") => void = () => {};
      gate = new Promise((resolve) => {
        open = resolve;
      });
      return (how) => {
        gate = undefined;
        open(how?.drop ? "drop" : "answer");
      };
    },
    setFaults(f: Faults) {
      faults = { ...f };
      if (f.seed !== undefined) random = seededRandom(f.seed);
    },
    log,
    get maxInFlight() {
      return maxInFlight;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
