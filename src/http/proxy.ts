/**
 * Which proxy, if any, a request goes through: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) from the
 * environment. Pure, so it is tested without a proxy. axios's own env handling is turned off
 * (`proxy: false`) and this decision passed instead, so https targets and NO_PROXY behave the same everywhere.
 */

export interface ProxyConfig {
  protocol: "http" | "https";
  host: string;
  port: number;
  auth?: { username: string; password: string };
}

/** 127.0.0.0/8, ::1 (bare or bracketed) and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  if (host === "localhost" || host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : 80;
}

/** NO_PROXY entries: `*`, host suffixes (`example.com`, `.example.com`, `*.example.com`), exact IPs, `host:port`. */
export function bypassesProxy(hostname: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    let entryPort: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1] ?? "";
      entryPort = bracketed[2] ? Number(bracketed[2]) : undefined;
    } else {
      const withPort = /^([^:]+):(\d+)$/.exec(entry);
      if (withPort) {
        entry = withPort[1] ?? "";
        entryPort = Number(withPort[2]);
      }
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    entry = entry.replace(/^\*?\./, "");
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The proxy for `targetUrl`, or undefined for a direct connection (loopback, NO_PROXY, no proxy set, unreadable proxy URL). */
export function proxyFor(targetUrl: string, env: NodeJS.ProcessEnv = process.env): ProxyConfig | undefined {
  let target: URL;
  try {
    target = new URL(targetUrl);
  } catch {
    return undefined;
  }
  if (isLoopbackHost(target.hostname)) return undefined;
  const raw =
    target.protocol === "https:" ? envValue(env, "https_proxy") : target.protocol === "http:" ? envValue(env, "http_proxy") : undefined;
  if (raw === undefined) return undefined;
  const port = target.port ? Number(target.port) : defaultPort(target.protocol);
  if (bypassesProxy(target.hostname, port, envValue(env, "no_proxy"))) return undefined;

  let proxy: URL;
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
  if (proxy.protocol !== "http:" && proxy.protocol !== "https:") return undefined;
  const config: ProxyConfig = {
    protocol: proxy.protocol === "https:" ? "https" : "http",
    host: proxy.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: proxy.port ? Number(proxy.port) : defaultPort(proxy.protocol),
  };
  if (proxy.username) config.auth = { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) };
  return config;
}
