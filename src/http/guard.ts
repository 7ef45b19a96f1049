/**
 * Refusing private addresses (reliability.md §3.3): a competitor URL from a config or a sheet must
 * not reach the cloud metadata service, the router or a database on the LAN. The check runs AT
 * CONNECT TIME, in the `lookup` of the agents the client connects through, so a name that resolves
 * to a public address when checked and a private one when connecting (DNS rebinding) cannot slip
 * through; IP literals, which never go through a lookup, are checked before connecting.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import { isIP, type LookupFunction } from "node:net";
import type { HttpClientOptions } from "./types.js";

export const PRIVATE_ADDRESS_CODE = "ERR_PRIVATE_ADDRESS";

/** What a refused connection fails with; the client turns it into a usage error naming --allow-private. */
export class PrivateAddressError extends Error {
  readonly code = PRIVATE_ADDRESS_CODE;
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(host === address ? `${address} is a ${reason} address` : `${host} resolves to ${address}, a ${reason} address`);
  }
}

function ipv4Octets(ip: string): number[] | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/**
 * Addresses no request may reach, whatever the flags (--allow-private, --allow-insecure): the
 * cloud instance metadata services, which hand out credentials to whoever asks from the machine.
 * Documented addresses: AWS/GCP/Azure/OpenStack/Huawei/DigitalOcean 169.254.169.254, AWS ECS task
 * metadata 169.254.170.2, AWS time/DNS 169.254.169.123/.253, Tencent Cloud 169.254.0.23, Alibaba
 * Cloud 100.100.100.200, Oracle Cloud (legacy) 192.0.0.192, Azure WireServer 168.63.129.16, AWS
 * IPv6 IMDS fd00:ec2::254 (and its DNS fd00:ec2::253). The whole IPv4 link-local range 169.254/16
 * goes with them: nothing a merchant needs lives there.
 */
function ipv4MetadataReason(o: number[]): string | undefined {
  const [a = 0, b = 0, c = 0, d = 0] = o;
  if (a === 100 && b === 100 && c === 100 && d === 200) return "cloud metadata";
  if (a === 192 && b === 0 && c === 0 && d === 192) return "cloud metadata";
  if (a === 168 && b === 63 && c === 129 && d === 16) return "cloud metadata";
  if (a === 169 && b === 254) return c === 169 || c === 170 || (c === 0 && d === 23) ? "cloud metadata" : "link-local";
  return undefined;
}

function ipv4Reason(o: number[]): string | undefined {
  const [a = 0, b = 0, c = 0] = o;
  const always = ipv4MetadataReason(o);
  if (always) return always;
  if (a === 0) return "unspecified";
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 100 && b >= 64 && b <= 127) return "carrier-grade NAT";
  if (a === 192 && b === 0 && c === 0) return "reserved";
  if (a === 198 && (b === 18 || b === 19)) return "benchmarking";
  if (a >= 224) return "multicast or reserved";
  return undefined;
}

/** Eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function ipv6Groups(ip: string): number[] | undefined {
  let s = ip.toLowerCase().replace(/^\[|\]$/g, "");
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (isIP(s) !== 6) return undefined;
  // An embedded IPv4 tail (::ffff:127.0.0.1) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4?.[1]) {
    const o = ipv4Octets(v4[1]);
    if (!o) return undefined;
    s = `${s.slice(0, -v4[1].length)}${((o[0] as number) * 256 + (o[1] as number)).toString(16)}:${((o[2] as number) * 256 + (o[3] as number)).toString(16)}`;
  }
  const [head = "", tail] = s.split("::");
  const h = head === "" ? [] : head.split(":");
  const t = tail === undefined || tail === "" ? [] : tail.split(":");
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...Array(Math.max(0, fill)).fill("0"), ...t].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

const octets = (hi: number, lo: number): number[] => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];

/**
 * The IPv4 address an IPv6 address carries, for every form that routes to it: mapped
 * (::ffff:a.b.c.d), compatible (::a.b.c.d, deprecated but still parsed), SIIT-translated
 * (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48), 6to4 (2002:AABB:CCDD::/16),
 * Teredo (2001:0::/32, client address inverted in the last 32 bits) and ISATAP (…:0:5efe:a.b.c.d).
 */
export function embeddedIpv4(g: readonly number[]): number[] | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeros4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (zeros4 && g4 === 0 && (g5 === 0xffff || g5 === 0)) return octets(g6, g7);
  if (zeros4 && g4 === 0xffff && g5 === 0) return octets(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && (g2 === 0 || g2 === 1)) return octets(g6, g7);
  if (g0 === 0x2002) return octets(g1, g2);
  if (g0 === 0x2001 && g1 === 0) return octets(g6 ^ 0xffff, g7 ^ 0xffff);
  if ((g4 === 0 || g4 === 0x200) && g5 === 0x5efe) return octets(g6, g7);
  return undefined;
}

const isAwsImds = (g: readonly number[]): boolean =>
  g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && (g[7] === 0x254 || g[7] === 0x253 || g[7] === 0x23);

/**
 * Why an address may never be connected to, even with --allow-private: a metadata service or
 * link-local, also when wrapped in an IPv6 form that carries an IPv4 address.
 */
export function alwaysBlockedReason(address: string): string | undefined {
  const v4 = ipv4Octets(address);
  if (v4) return ipv4MetadataReason(v4);
  const g = ipv6Groups(address);
  if (!g) return undefined;
  if (isAwsImds(g)) return "cloud metadata";
  if (((g[0] as number) & 0xffc0) === 0xfe80) return "link-local";
  const inner = embeddedIpv4(g);
  return inner ? ipv4MetadataReason(inner) : undefined;
}

/** Why an address may not be connected to ("loopback", "private", "cloud metadata", ...), or undefined for a public one. */
export function blockedAddressReason(address: string): string | undefined {
  const v4 = ipv4Octets(address);
  if (v4) return ipv4Reason(v4);
  const g = ipv6Groups(address);
  if (!g) return undefined;
  const always = alwaysBlockedReason(address);
  if (always) return always;
  const [g0 = 0, g7 = 0] = [g[0], g[7]];
  if (g.slice(0, 7).every((x) => x === 0) && g7 <= 1) return g7 === 1 ? "loopback" : "unspecified";
  const inner = embeddedIpv4(g);
  if (inner) return ipv4Reason(inner);
  if ((g0 & 0xfe00) === 0xfc00) return "unique-local";
  if ((g0 & 0xffc0) === 0xfec0) return "site-local";
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  return undefined;
}

/** Which addresses a guard refuses: every non-public one, or (with --allow-private) only those never allowed. */
export type GuardMode = "private" | "metadata";

function reasonFor(address: string, mode: GuardMode): string | undefined {
  return mode === "private" ? blockedAddressReason(address) : alwaysBlockedReason(address);
}

/** Throws a PrivateAddressError for a host that is a blocked IP literal; names go through the lookup. */
export function assertPublicLiteral(hostname: string, mode: GuardMode = "private"): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) === 0) return;
  const reason = reasonFor(host, mode);
  if (reason) throw new PrivateAddressError(host, host, reason);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/http agents that resolves as usual, then refuses if ANY address the name
 * resolves to is blocked (a name with one public and one private address could connect to either).
 */
export function guardedLookup(resolve: typeof dns.lookup = dns.lookup, mode: GuardMode = "private"): LookupFunction {
  const lookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : "", undefined);
      const list = addresses as dns.LookupAddress[];
      for (const a of list) {
        const reason = reasonFor(a.address, mode);
        if (reason) {
          const refused = new PrivateAddressError(hostname, a.address, reason) as unknown as NodeJS.ErrnoException;
          return callback(refused, options.all ? [] : "", undefined);
        }
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname}: no address`), { code: "ENOTFOUND" }), "", undefined);
      callback(null, first.address, first.family);
    });
  };
  return lookup as unknown as LookupFunction;
}

/** Agents whose every connection is checked by guardedLookup. */
export function guardedAgents(
  resolve?: typeof dns.lookup,
  mode: GuardMode = "private",
): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  const lookup = guardedLookup(resolve, mode);
  // No keepAlive: pooled sockets made paced clients (SF Express, 30 calls/s) trip rate limits.
  return {
    httpAgent: new http.Agent({ lookup }),
    httpsAgent: new https.Agent({ lookup }),
  };
}

/** A best-effort check of a name before a request goes through a proxy (the proxy, not us, connects to it). */
export async function assertPublicHost(
  hostname: string,
  resolve: typeof dns.lookup = dns.lookup,
  mode: GuardMode = "private",
): Promise<void> {
  assertPublicLiteral(hostname, mode);
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return;
  const addresses = await new Promise<dns.LookupAddress[]>((done, fail) =>
    resolve(host, { all: true }, (err, list) => (err ? fail(err) : done(list as dns.LookupAddress[]))),
  );
  for (const a of addresses) {
    const reason = reasonFor(a.address, mode);
    if (reason) throw new PrivateAddressError(host, a.address, reason);
  }
}

function packageVersion(): string {
  try {
    // src/http and dist/http are both two levels below package.json.
    return (createRequire(import.meta.url)("../../package.json") as { version?: string }).version ?? "0";
  } catch {
    return "0";
  }
}

/** What a competitor's web server sees in its logs: who we are and why we ask. */
export const STOREFRONT_USER_AGENT = `merchops/${packageVersion()} (+https://github.com/merchops; price monitoring)`;

/** Default pause between two requests to one storefront host. */
export const DEFAULT_STOREFRONT_DELAY_MS = 1000;

/**
 * Client options for reading a competitor's public storefront politely and safely: one request at a
 * time with `delayMs` between starts (429/Retry-After is honoured by the client anyway), an honest
 * User-Agent, a few redirects (storefronts move between www and bare domains), and private
 * addresses refused when the caller said `allowPrivate: false` (prices snapshot does unless
 * --allow-private).
 */
export function storefrontClientOptions(
  network: { allowPrivate?: boolean; delayMs?: number } | undefined,
): Pick<HttpClientOptions, "blockPrivate" | "followRedirects" | "headers" | "rateLimit"> {
  const delayMs = network?.delayMs ?? DEFAULT_STOREFRONT_DELAY_MS;
  return {
    ...(network?.allowPrivate === false ? { blockPrivate: true } : {}),
    followRedirects: 3,
    headers: { "User-Agent": STOREFRONT_USER_AGENT },
    rateLimit: { concurrency: 1, ...(delayMs > 0 ? { requestsPerSecond: 1000 / delayMs } : {}) },
  };
}
