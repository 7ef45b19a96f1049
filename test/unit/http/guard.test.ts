/**
 * The private-address guard: which addresses are refused, that the refusal happens when connecting
 * (the lookup of the agents, so a rebinding name cannot slip through) and on every redirect, and
 * that redirects to another origin carry no credentials.
 */
import type dns from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import { createHttpClient } from "../../../src/http/client.js";
import { blockedAddressReason, guardedLookup, PRIVATE_ADDRESS_CODE } from "../../../src/http/guard.js";

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A resolver for tests: names -> fixed addresses, counting calls; nothing reaches a DNS server. */
function fakeResolver(table: Record<string, string[] | (() => string[])>): { lookup: typeof dns.lookup; calls: string[] } {
  const calls: string[] = [];
  const lookup = ((host: string, _opts: unknown, cb: (e: Error | null, a: dns.LookupAddress[]) => void) => {
    calls.push(host);
    const entry = table[host];
    const list = typeof entry === "function" ? entry() : entry;
    if (!list) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" }), []);
    cb(
      null,
      list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  }) as unknown as typeof dns.lookup;
  return { lookup, calls };
}

const json = (res: http.ServerResponse, body: unknown) =>
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));

describe("blockedAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.254", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "cloud metadata"],
    ["100.100.100.200", "cloud metadata"],
    ["169.254.10.1", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["fd00:ec2::254", "cloud metadata"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "cloud metadata"],
    ["64:ff9b::10.0.0.1", "private"],
  ])("refuses %s (%s)", (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });

  it.each([
    "8.8.8.8",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "203.0.113.9",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "shop.example",
  ])("lets %s through", (address) => {
    expect(blockedAddressReason(address)).toBeUndefined();
  });
});

describe("guardedLookup", () => {
  it("checks on every connection: a name that turns private (rebinding) is refused the second time", async () => {
    let answers = 0;
    const { lookup } = fakeResolver({ "shop.test": () => (answers++ === 0 ? ["203.0.113.7"] : ["127.0.0.1"]) });
    const guarded = guardedLookup(lookup);
    const ask = () =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((r) =>
        (guarded as unknown as (h: string, o: object, cb: (e: NodeJS.ErrnoException | null, a: unknown) => void) => void)(
          "shop.test",
          {},
          (err, address) => r({ err, address }),
        ),
      );
    expect(await ask()).toEqual({ err: null, address: "203.0.113.7" });
    const second = await ask();
    expect(second.err?.code).toBe(PRIVATE_ADDRESS_CODE);
    expect(second.err?.message).toBe("shop.test resolves to 127.0.0.1, a loopback address");
  });

  it("refuses a name with one public and one private address", async () => {
    const { lookup } = fakeResolver({ "two.test": ["203.0.113.7", "10.0.0.8"] });
    const err = await new Promise<NodeJS.ErrnoException | null>((r) =>
      (guardedLookup(lookup) as unknown as (h: string, o: object, cb: (e: NodeJS.ErrnoException | null) => void) => void)(
        "two.test",
        { all: true },
        r,
      ),
    );
    expect(err?.message).toMatch(/10\.0\.0\.8, a private address/);
  });
});

describe("createHttpClient blockPrivate", () => {
  it("refuses a loopback IP literal before connecting, with a hint naming --allow-private", async () => {
    const s = await serve((_req, res) => json(res, { ok: true }));
    const client = createHttpClient({ platform: "prices", storeName: "rival", baseURL: s.url, blockPrivate: true, retries: 0 });
    const err = await client.get("/products.json").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe("[prices:rival] refusing to connect: 127.0.0.1 is a loopback address");
    expect((err as UsageError).hint).toMatch(/--allow-private/);
    expect(s.seen).toHaveLength(0);
  });

  it("refuses at connect time a name that resolves to a private address, and never retries it", async () => {
    const s = await serve((_req, res) => json(res, { ok: true }));
    const port = new URL(s.url).port;
    const { lookup, calls } = fakeResolver({ "rival.test": ["127.0.0.1"] });
    const client = createHttpClient({
      platform: "prices",
      baseURL: `http://rival.test:${port}`,
      blockPrivate: true,
      lookup,
      allowInsecure: true,
    });
    const err = await client.get("/x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/rival\.test resolves to 127\.0\.0\.1, a loopback address/);
    expect(calls).toEqual(["rival.test"]);
    expect(s.seen).toHaveLength(0);
    expect(client.stats.retries).toBe(0);
  });

  it("without blockPrivate the same name connects (the lookup is ours only when guarding)", async () => {
    const s = await serve((_req, res) => json(res, { ok: true }));
    const client = createHttpClient({ platform: "prices", baseURL: s.url, retries: 0 });
    expect((await client.get("/x")).data).toEqual({ ok: true });
  });

  it("checks every redirect: a public storefront redirecting to the metadata address or a private name is refused", async () => {
    // The "public" storefront is reached through a proxy on 127.0.0.1 (the proxy connects, not us), so the
    // first hop passes the check and the redirect's target is what gets refused.
    const proxy = await serve((req, res) => {
      if ((req.url ?? "").includes("/to-metadata")) res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      else if ((req.url ?? "").includes("/to-intranet")) res.writeHead(301, { location: "http://intranet.test/admin" }).end();
      else json(res, { reached: req.url });
    });
    const { lookup } = fakeResolver({ "shop.test": ["203.0.113.7"], "intranet.test": ["10.0.0.5"] });
    const client = createHttpClient({
      platform: "prices",
      baseURL: "http://shop.test",
      allowInsecure: true,
      blockPrivate: true,
      followRedirects: 3,
      lookup,
      retries: 0,
      env: { HTTP_PROXY: proxy.url },
    });
    expect((await client.get("/ok")).data).toEqual({ reached: "http://shop.test/ok" });
    const toMetadata = await client.get("/to-metadata").catch((e: unknown) => e);
    expect((toMetadata as Error).message).toMatch(/169\.254\.169\.254 is a cloud metadata address/);
    const toIntranet = await client.get("/to-intranet").catch((e: unknown) => e);
    expect((toIntranet as Error).message).toMatch(/intranet\.test resolves to 10\.0\.0\.5, a private address/);
    expect(proxy.seen.map((r) => r.url)).toEqual(["http://shop.test/ok", "http://shop.test/to-metadata", "http://shop.test/to-intranet"]);
  });
});

describe("createHttpClient followRedirects", () => {
  it("default 0 reports a redirect instead of following it", async () => {
    const s = await serve((_req, res) => res.writeHead(302, { location: "/b" }).end());
    const client = createHttpClient({ platform: "prices", baseURL: s.url, retries: 0 });
    await expect(client.get("/a")).rejects.toThrow(/302 the server redirects to \/b/);
  });

  it("follows up to N hops, then reports", async () => {
    const s = await serve((req, res) => {
      const n = Number((req.url ?? "").replace(/\D/g, "") || "0");
      if (n < 3) res.writeHead(302, { location: `/hop${n + 1}` }).end();
      else json(res, { at: req.url });
    });
    const three = createHttpClient({ platform: "prices", baseURL: s.url, followRedirects: 3, retries: 0 });
    expect((await three.get("/hop0")).data).toEqual({ at: "/hop3" });
    const two = createHttpClient({ platform: "prices", baseURL: s.url, followRedirects: 2, retries: 0 });
    await expect(two.get("/hop0")).rejects.toThrow(/302 the server redirects/);
  });

  it("keeps credentials on the same origin and drops them on another", async () => {
    const other = await serve((_req, res) => json(res, { other: true }));
    const origin = await serve((req, res) => {
      if (req.url === "/same") res.writeHead(307, { location: "/final" }).end();
      else if (req.url === "/away") res.writeHead(302, { location: `${other.url}/landing` }).end();
      else json(res, { final: true });
    });
    const client = createHttpClient({
      platform: "prices",
      baseURL: origin.url,
      auth: { username: "ck_user", password: "cs_secret_value" },
      headers: { "X-Api-Token": "tok_0123456789", "User-Agent": "merchops/test" },
      followRedirects: 2,
      retries: 0,
    });
    await client.get("/same");
    const final = origin.seen.find((r) => r.url === "/final");
    expect(final?.headers.authorization).toMatch(/^Basic /);
    expect(final?.headers["x-api-token"]).toBe("tok_0123456789");

    expect((await client.get("/away")).data).toEqual({ other: true });
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.headers["x-api-token"]).toBeUndefined();
    expect(other.seen[0]?.headers["user-agent"]).toBe("merchops/test");
  });
});
