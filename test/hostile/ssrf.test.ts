/**
 * Hostile class: SSRF (issue 13 item 2). Pure address judging for every IPv6 form that carries an
 * IPv4 address, and the client refusing the metadata services whatever the flags: directly, by a
 * name that resolves to them, and through redirects from a shop on 127.0.0.1 that --allow-private
 * lets us reach. No socket to a non-loopback address is ever opened: refusals happen before connect.
 */
import type dns from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { createHttpClient } from "../../src/http/client.js";
import { alwaysBlockedReason, blockedAddressReason } from "../../src/http/guard.js";
import { METADATA_LITERALS } from "./generators.js";

describe("address judging: every IPv6 form embedding IPv4 is judged by its IPv4", () => {
  it.each([
    ["::127.0.0.1", "loopback"], // IPv4-compatible
    ["::7f00:1", "loopback"],
    ["::a9fe:a9fe", "cloud metadata"],
    ["::169.254.169.254", "cloud metadata"],
    ["::ffff:0:a9fe:a9fe", "cloud metadata"], // SIIT
    ["64:ff9b::a9fe:a9fe", "cloud metadata"], // NAT64
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b:1::a64:6464", "private"], // local-use NAT64 carrying 10.100.100.100
    ["2002:a9fe:a9fe::1", "cloud metadata"], // 6to4
    ["2002:7f00:1::", "loopback"],
    ["2002:c0a8:101::1", "private"],
    ["2001:0:4136:e378:8000:63bf:5601:5601", "cloud metadata"], // Teredo: the client address 169.254.169.254, inverted
    ["fe80::5efe:a9fe:a9fe", "link-local"], // ISATAP in link-local
    ["2001:db8::5efe:7f00:1", "loopback"], // ISATAP
    ["::ffff:100.100.100.200", "cloud metadata"],
    ["64:ff9b::6464:64c8", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"],
    ["fd00:ec2::23", "cloud metadata"],
  ])("%s is %s", (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });

  it.each(METADATA_LITERALS)("%s is never allowed, even with --allow-private", (address) => {
    // As the client sees it: the WHATWG URL parser turns decimal, hex and octal IPv4 into dotted quads.
    const host = new URL(`http://${address}/`).hostname.replace(/^\[|\]$/g, "");
    expect(alwaysBlockedReason(host)).toBeDefined();
  });

  it.each(["8.8.8.8", "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808", "2001:4860:4860::8888", "10.0.0.1", "127.0.0.1", "::1"])(
    "%s is not a metadata address (private ones are still refused without --allow-private)",
    (address) => {
      expect(alwaysBlockedReason(address)).toBeUndefined();
    },
  );
});

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function resolver(table: Record<string, string>): typeof dns.lookup {
  return ((host: string, _o: unknown, cb: (e: Error | null, a: dns.LookupAddress[]) => void) => {
    const address = table[host];
    if (!address) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" }), []);
    cb(null, [{ address, family: address.includes(":") ? 6 : 4 }]);
  }) as unknown as typeof dns.lookup;
}

describe("the client never reaches a metadata service, whatever the flags", () => {
  it.each(METADATA_LITERALS)("directly: http://%s/ with --allow-private and --allow-insecure", async (host) => {
    const client = createHttpClient({ platform: "prices", baseURL: `http://${host}`, allowInsecure: true, retries: 0 });
    const err = await client.get("/latest/meta-data/").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toMatch(/refusing to connect: .*(cloud metadata|link-local)/);
    expect((err as UsageError).hint).toMatch(/never/);
  });

  it("through redirects from a private test shop (allowed by --allow-private): literal, IPv6 forms and a name", async () => {
    const targets = [
      "http://169.254.169.254/",
      "http://[::a9fe:a9fe]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://[64:ff9b::6464:64c8]/",
      "http://meta.test/",
    ];
    const shop = await serve((req, res) => {
      const i = Number((req.url ?? "").slice(1));
      res.writeHead(302, { location: targets[i] ?? "/" }).end();
    });
    const client = createHttpClient({
      platform: "prices",
      baseURL: shop.url,
      allowInsecure: true,
      followRedirects: 3,
      retries: 0,
      lookup: resolver({ "meta.test": "169.254.169.254" }),
    });
    for (let i = 0; i < targets.length; i++) {
      const err = await client.get(`/${i}`).catch((e: unknown) => e);
      expect(err, targets[i]).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(/cloud metadata/);
    }
    expect(shop.seen).toHaveLength(targets.length);
  });
});

describe("response size cap", () => {
  it("a flood (also gzip-compressed) is refused at maxResponseBytes and not retried", async () => {
    const { gzipSync } = await import("node:zlib");
    const flood = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const s = await serve((req, res) => {
      if (req.url === "/gz") res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(flood);
      else res.writeHead(200, { "content-type": "application/json" }).end(Buffer.alloc(3 * 1024 * 1024, 0x20));
    });
    const client = createHttpClient({ platform: "prices", baseURL: s.url, maxResponseBytes: 1024 * 1024, retries: 3 });
    for (const path of ["/plain", "/gz"]) {
      const err = await client.get(path).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/larger than 1 MB; refused/);
    }
    expect(s.seen).toEqual(["/plain", "/gz"]);
  });
});
