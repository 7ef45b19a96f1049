/**
 * End-to-end plumbing for the built CLI against the fake platform servers: one `RemoteFake` per
 * platform (the fake, the store block that points merchops.config.yaml at it with every secret as
 * an env:NAME reference, the env carrying those secrets, and the fake's catalog read back in plain
 * terms), the catalog a native CSV should produce (parsed here with csv-parse, independently of
 * merchops), a child CLI that can be SIGKILLed at a counted point of progress, and the
 * secret sweep over every stream and file a run leaves behind.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { execa, type ResultPromise } from "execa";
import { stringify } from "yaml";
import type { FakeServer, Faults } from "../fakes/lib/index.js";
import { startFakeShopify } from "../fakes/shopify.js";
import { startFakeWooCommerce } from "../fakes/woocommerce.js";
import { startFakeYouzan } from "../fakes/youzan.js";
import { BIN, type CliResult, DEMO_NOW } from "./cli.js";

export type RemotePlatform = "woocommerce" | "youzan" | "shopify";
export const REMOTE_PLATFORMS: readonly RemotePlatform[] = ["woocommerce", "youzan", "shopify"];

/** A variant as every platform can be compared: SKU and money in minor units. */
export interface ShopVariant {
  sku: string;
  price: number;
  compareAt: number | null;
}

export interface ShopProduct {
  handle: string;
  title: string;
  status: "active" | "draft";
  /** Sorted by SKU. */
  variants: ShopVariant[];
}

/** The store-level http settings of a store block (every adapter accepts these keys). */
export interface HttpSettings {
  timeoutMs?: number;
  retries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

export interface RemoteFake {
  platform: RemotePlatform;
  url: string;
  server: FakeServer;
  /** The store block for merchops.config.yaml; secrets are env:NAME references. */
  store(http?: HttpSettings, over?: Record<string, unknown>): Record<string, unknown>;
  /** The environment the child needs for those references. */
  env: Record<string, string>;
  /** Every credential value that must never be printed, tokens the fake issued included. */
  secrets(): string[];
  /** The fake's products, in plain terms, sorted by handle. */
  products(): ShopProduct[];
  /** How many products the fake holds (cheap: for polling). */
  productCount(): number;
  /**
   * Adds n orders placed from 2025-07 to 2026-10; returns the ids of those a sync stores, as merchops
   * stores them: WooCommerce's never-paid orders (pending payment) are seeded but are not orders.
   */
  seedOrders(n: number): string[];
  /** Every later API answer is malformed: JSON cut short (all), or a PHP fatal error page (WooCommerce only). */
  breakResponses(kind: "json" | "html"): void;
  close(): Promise<void>;
}

export interface RemoteOptions {
  seed?: number;
  faults?: Faults;
  /** A credential that may read but not write products: a WooCommerce read key, a Youzan app without the item APIs, read scopes on Shopify. */
  readOnly?: boolean;
  /** Give the child a wrong credential (the fake still knows the right one). */
  wrongCredential?: boolean;
  /** WooCommerce only: the version the fake site runs (default its newest). */
  wooVersion?: string;
}

/**
 * The issue's fault mix: 10% 5xx, 5% 429, 2% dropped connections, 1% answered only after the
 * client's timeout (FAULT_HTTP: 500 ms; the answer comes 100 ms later). The slow answers are kept
 * short because each one stalls a write batch for a whole timeout. Retry-After 0 keeps the 429s
 * from turning into plain waiting; honouring a real one is the http client's unit tests' job.
 */
export const faultMix = (seed: number): Faults => ({
  error5xx: 0.1,
  rateLimit429: 0.05,
  drop: 0.02,
  slow: 0.01,
  slowMs: 600,
  retryAfterSeconds: 0,
  seed,
});
export const FAULT_HTTP: HttpSettings = { timeoutMs: 500, retries: 10, backoffBaseMs: 5, backoffCapMs: 60 };
/** No faults injected: a roomy timeout, so a loaded CI machine does not invent some. */
export const CALM_HTTP: HttpSettings = { timeoutMs: 5_000, retries: 4, backoffBaseMs: 5, backoffCapMs: 60 };

/** Digit-wise "129.90" -> 12990 (two decimals, as every fake here uses): never through a float. */
export function decimalToMinor(text: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal amount: "${text}"`);
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

const byHandle = (a: ShopProduct, b: ShopProduct) => (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0);
const bySku = (a: ShopVariant, b: ShopVariant) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);

/** Seeded orders: sixteen months of history up to 2026-10-24, a month before the CLI's fixed "now". */
const START = Date.UTC(2025, 6, 1);
const SPAN_DAYS = 480;

export async function startRemote(platform: RemotePlatform, opts: RemoteOptions = {}): Promise<RemoteFake> {
  const faults = opts.faults ?? {};
  if (platform === "woocommerce") {
    const f = await startFakeWooCommerce({
      seed: opts.seed ?? 7,
      currency: "CNY",
      faults,
      ...(opts.wooVersion ? { version: opts.wooVersion } : {}),
    });
    const key = opts.readOnly ? f.addKey("read") : f.key;
    const given = opts.wrongCredential ? { ...key, consumerSecret: `cs_${"0badc0de".repeat(5)}` } : key;
    const env = { E2E_WC_KEY: given.consumerKey, E2E_WC_SECRET: given.consumerSecret };
    return {
      platform,
      url: f.url,
      server: f,
      env,
      store: (httpSettings = {}, over = {}) => ({
        platform: "woocommerce",
        url: f.url,
        key: "env:E2E_WC_KEY",
        secret: "env:E2E_WC_SECRET",
        currency: "CNY",
        http: { concurrency: 8, ...httpSettings },
        ...over,
      }),
      secrets: () => {
        const out = [];
        for (const k of [...f.state.keys, given]) {
          out.push(k.consumerKey, k.consumerSecret, Buffer.from(`${k.consumerKey}:${k.consumerSecret}`).toString("base64"));
        }
        return out;
      },
      products: () =>
        f
          .dump()
          .map((p) => ({
            handle: p.slug,
            title: p.name,
            status: (p.status === "publish" ? "active" : "draft") as ShopProduct["status"],
            variants: (p.type === "variable" ? p.variation_objects : [p])
              .map((v) => ({
                sku: v.sku,
                price: decimalToMinor(v.price),
                compareAt: v.on_sale && v.regular_price !== "" ? decimalToMinor(v.regular_price) : null,
              }))
              .sort(bySku),
          }))
          .sort(byHandle),
      productCount: () => f.state.products.size,
      seedOrders: (n) =>
        f
          .seedOrders(n, { from: new Date(START), stepMinutes: Math.floor((SPAN_DAYS * 1440) / n) || 1 })
          .filter((o) => o.status !== "pending" && o.status !== "checkout-draft")
          .map((o) => String(o.id)),
      breakResponses: (kind) => f.setHtmlErrors(kind === "html" ? "fatal500" : "brokenJson200"),
      close: () => f.close(),
    };
  }

  if (platform === "youzan") {
    const clientSecret = "yz-e2e-secret-K7q2Vw9Zp4";
    const f = await startFakeYouzan({
      seed: opts.seed ?? 7,
      clientSecret,
      faults,
      // Read-only here: the app was not granted the item group, so every item API is refused.
      ...(opts.readOnly
        ? {
            scope: "trade logistics shop",
            deniedApis: [
              "youzan.items.onsale.get",
              "youzan.items.inventory.get",
              "youzan.item.get",
              "youzan.item.create",
              "youzan.item.update",
            ],
          }
        : {}),
    });
    const given = opts.wrongCredential ? "yz-e2e-wrong-Hq3Lm8Rt5" : clientSecret;
    return {
      platform,
      url: f.url,
      server: f.server,
      env: { E2E_YZ_SECRET: given },
      store: (httpSettings = {}, over = {}) => ({
        platform: "youzan",
        clientId: "yz-client-id",
        clientSecret: "env:E2E_YZ_SECRET",
        kdtId: "44001234",
        baseUrl: f.url,
        http: { concurrency: 8, ...httpSettings },
        ...over,
      }),
      secrets: () => [clientSecret, given, ...f.state.tokens.keys()],
      products: () =>
        [...f.state.items.values()]
          .map((item) => {
            const compareAt = item.origin_price === "" ? null : decimalToMinor(item.origin_price);
            return {
              handle: item.item_no,
              title: item.title,
              status: (item.is_display === 1 ? "active" : "draft") as ShopProduct["status"],
              variants: item.skus.map((s) => ({ sku: s.item_no, price: s.price, compareAt })).sort(bySku),
            };
          })
          .sort(byHandle),
      productCount: () => f.state.items.size,
      seedOrders: (n) => {
        f.seedItems(20);
        return f.seedTrades(n, { startMs: START, spanMs: SPAN_DAYS * 86_400_000 }).map((t) => t.tid);
      },
      breakResponses: (kind) => {
        if (kind === "html") throw new Error("the Youzan fake has no HTML error pages");
        f.breakNextResponses(1_000_000);
      },
      close: () => f.close(),
    };
  }

  const token = "shpat_e2e5ecret0f1e2d3c4b5a69788";
  const f = await startFakeShopify({
    token,
    currency: "CNY",
    faults,
    // A roomy bucket: pacing has its own bench; here the faults are the point.
    bucket: { size: 1_000_000, restoreRate: 1_000_000 },
    ...(opts.readOnly ? { scopes: ["read_products", "read_orders", "read_locations"] } : {}),
  });
  const given = opts.wrongCredential ? "shpat_e2ewrong00000000000000000" : token;
  return {
    platform,
    url: f.url,
    server: f,
    env: { E2E_SHOPIFY_TOKEN: given },
    store: (httpSettings = {}, over = {}) => ({
      platform: "shopify",
      shop: f.url,
      token: "env:E2E_SHOPIFY_TOKEN",
      currency: "CNY",
      http: httpSettings,
      ...over,
    }),
    secrets: () => [token, given],
    products: () =>
      [...f.state.products.values()]
        .map((p) => ({
          handle: p.handle,
          title: p.title,
          status: (p.status === "ACTIVE" ? "active" : "draft") as ShopProduct["status"],
          variants: p.variants
            .map((v) => ({
              sku: v.sku,
              price: decimalToMinor(v.price),
              compareAt: v.compareAtPrice === null ? null : decimalToMinor(v.compareAtPrice),
            }))
            .sort(bySku),
        }))
        .sort(byHandle),
    productCount: () => f.state.products.size,
    seedOrders: (n) => f.seedOrders(n, { start: new Date(START), days: SPAN_DAYS }).map((o) => String(o.id)),
    breakResponses: (kind) => {
      if (kind === "html") throw new Error("the Shopify fake has no HTML error pages");
      f.malformNext(1_000_000);
    },
    close: () => f.close(),
  };
}

/** What a native merchops catalog CSV asks for, read with csv-parse: one entry per handle, variants by SKU. */
export function expectedCatalog(csvPath: string): ShopProduct[] {
  const rows = parse(readFileSync(csvPath), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const products = new Map<string, ShopProduct>();
  for (const row of rows) {
    const handle = row.handle as string;
    let p = products.get(handle);
    if (!p) {
      p = { handle, title: row.title as string, status: row.status === "draft" ? "draft" : "active", variants: [] };
      products.set(handle, p);
    }
    const compare = (row.compare_at_price ?? "").trim();
    p.variants.push({
      sku: row.sku as string,
      price: decimalToMinor(row.price as string),
      compareAt: compare ? decimalToMinor(compare) : null,
    });
  }
  return [...products.values()].map((p) => ({ ...p, variants: p.variants.sort(bySku) })).sort(byHandle);
}

/** Writes merchops.config.yaml into dir; returns its path. */
export function writeConfig(dir: string, stores: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}): string {
  const path = join(dir, "merchops.config.yaml");
  writeFileSync(path, stringify({ timezone: "Asia/Shanghai", currency: "CNY", stores, ...extra }));
  return path;
}

export const statePath = (dir: string) => join(dir, ".merchops", "state.db");

/** Reads the child's state store read-only; `fallback` while the file or the table does not exist yet. */
export function readState<T>(dbPath: string, read: (db: Database.Database) => T, fallback: T): T {
  if (!existsSync(dbPath)) return fallback;
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 2000");
    return read(db);
  } catch (e) {
    if (/no such table/.test(String(e))) return fallback;
    throw e;
  } finally {
    db?.close();
  }
}

/** One number from the child's state store (0 before it exists). */
export function queryCount(dbPath: string, sql: string, ...params: unknown[]): number {
  return readState(
    dbPath,
    (db) => {
      const row = db.prepare(sql).get(...params) as Record<string, number> | undefined;
      return row ? Number(Object.values(row)[0] ?? 0) : 0;
    },
    0,
  );
}

/** Starts the built CLI as a cron job would: no TTY, a fixed "now", secrets only through env. */
export function spawnCli(args: string[], opts: { cwd: string; env: Record<string, string> }): ResultPromise<{ reject: false }> {
  return execa("node", [BIN, ...args], {
    cwd: opts.cwd,
    reject: false,
    env: { NO_COLOR: "1", MERCHOPS_NOW: DEMO_NOW, ...opts.env },
    extendEnv: true,
    stdin: "ignore",
    // A hang guard only, sized for a loaded machine: the tests stop children by counted events.
    timeout: 480_000,
    maxBuffer: 256 * 1024 * 1024,
  }) as ResultPromise<{ reject: false }>;
}

export async function cli(args: string[], opts: { cwd: string; env: Record<string, string> }): Promise<CliResult> {
  const r = await spawnCli(args, opts);
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * Runs the CLI and SIGKILLs it at a counted point, never a timed one: the fake holds every request
 * from the first that arrives once `stallWhen()` is true (its own state, or requests counted), so
 * the child can go no further however fast or slow the machine is; then, once `progress()` (what
 * the child settled from the answers it had) reaches `atLeast`, the child is killed and the held
 * requests are dropped unanswered. Returns whether the kill landed before the child ended and the
 * progress measured after it died.
 */
export async function killMidway(
  args: string[],
  opts: { cwd: string; env: Record<string, string> },
  stall: { fake: FakeServer; when: (req: { method: string; path: string }) => boolean },
  progress: () => number,
  atLeast: number,
): Promise<{ killed: boolean; progressAfter: number; result: CliResult }> {
  const stalled = stall.fake.holdWhen(stall.when);
  const child = spawnCli(args, opts);
  let finished = false;
  void child.finally(() => {
    finished = true;
  });
  const release = await Promise.race([stalled, child.then(() => undefined)]);
  let killed = false;
  if (release) {
    // The child is stuck on a held request: this waits for its state, it does not race it.
    while (!finished && progress() < atLeast) await new Promise((r) => setTimeout(r, 15));
    killed = !finished && child.kill("SIGKILL");
  }
  const r = await child;
  release?.({ drop: true });
  return {
    killed: killed && r.signal === "SIGKILL",
    progressAfter: progress(),
    result: { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) },
  };
}

/** A port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * An HTTP forward proxy on 127.0.0.1 that never reaches the network: every request it receives
 * (absolute-form, "GET http://host/path") is answered by the fake at `target`, and its URL kept.
 */
export async function startLoopbackProxy(target: string): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    const incoming = new URL(req.url ?? "/", "http://invalid.invalid");
    const out = http.request(
      `${target}${incoming.pathname}${incoming.search}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  server.on("connect", (req, socket) => {
    // An https:// target would tunnel; nothing here should ask for one.
    seen.push(`CONNECT ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every file under dir, except the state store (which holds the Youzan token cache by design). */
export function writtenFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/state\.db(-wal|-shm|-journal)?$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Which secrets show in the run's output or in the files under dir: "stream: first characters…". */
export function leakedSecrets(results: readonly CliResult[], dir: string, secrets: readonly string[]): string[] {
  const texts: [string, string][] = results.flatMap((r, i) => [
    [`run ${i} stdout`, r.stdout],
    [`run ${i} stderr`, r.stderr],
  ]);
  for (const f of writtenFiles(dir)) texts.push([f, readFileSync(f).toString("latin1") + readFileSync(f, "utf8")]);
  const leaks: string[] = [];
  for (const s of new Set(secrets)) {
    if (s.length < 6) throw new Error(`secret too short to search for: ${s.length} characters`);
    for (const [where, text] of texts) if (text.includes(s)) leaks.push(`${where}: ${s.slice(0, 4)}…`);
  }
  return leaks;
}
