/**
 * What an operator meets when a remote store is set up wrong, through the built CLI against each
 * fake platform: a wrong credential (exit 5, the platform's prefix, 401 and the next step), a
 * missing permission named by `adapters check` and by the import that needs it, an unreachable
 * host (exit 5 once the configured retries are spent), malformed answers (cut JSON, a PHP error
 * page), and an http:// address off this machine (refused with exit 2; with --allow-insecure the
 * requests go through a forward proxy on 127.0.0.1, so nothing ever leaves loopback). Every run is
 * --verbose and no secret may show in its output or in a file it wrote.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeNativeCatalogCsv } from "../../scripts/lib/catalog-bench-data.js";
import { proxyFor } from "../../src/http/proxy.js";
import type { CliResult } from "../helpers/cli.js";
import {
  cli,
  closedPort,
  leakedSecrets,
  REMOTE_PLATFORMS,
  type RemoteFake,
  type RemotePlatform,
  startLoopbackProxy,
  startRemote,
  writeConfig,
} from "../helpers/remote.js";

const FAST = { timeoutMs: 1_000, retries: 2, backoffBaseMs: 5, backoffCapMs: 20 };
const root = mkdtempSync(join(tmpdir(), "merchops-remote-bad-"));
const smallCsv = join(root, "small.csv");
const fakes: RemoteFake[] = [];

beforeAll(async () => {
  await writeNativeCatalogCsv(smallCsv, 30, 7);
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  rmSync(root, { recursive: true, force: true });
});

async function remote(platform: RemotePlatform, opts: Parameters<typeof startRemote>[1] = {}) {
  const f = await startRemote(platform, opts);
  fakes.push(f);
  return f;
}

/** A fresh config dir with the one store "shop"; returns a runner that always adds --verbose. */
function setUp(name: string, store: Record<string, unknown>, env: Record<string, string>) {
  const dir = mkdtempSync(join(root, `${name}-`));
  writeConfig(dir, { shop: store });
  const runs: CliResult[] = [];
  const run = async (...args: string[]) => {
    const r = await cli([...args, "--verbose"], { cwd: dir, env });
    runs.push(r);
    return r;
  };
  return { dir, runs, run };
}

/** A remote failure as the CLI prints it: exit 5, an error line with the platform's prefix, then the next step. */
function expectRemoteFailure(r: CliResult, platform: RemotePlatform, pattern: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(5);
  const lines = r.stderr.split("\n");
  const at = lines.findIndex((l) => l.startsWith("error: "));
  expect(lines[at] ?? "").toContain(`[${platform}:shop]`);
  expect(lines[at] ?? "").toMatch(pattern);
  expect(lines[at + 1] ?? "").toMatch(/^ {2}→ \S.+/);
  expect(r.stderr).not.toContain("internal error");
}

const STATUS_401: Record<RemotePlatform, RegExp> = {
  woocommerce: /\[woocommerce:shop\] 401 woocommerce_rest_authentication_error: Consumer secret is invalid/,
  youzan: /\[youzan:shop\] 401 .*Client 不存在/,
  shopify: /\[shopify:shop\] 401 .*Invalid API key or access token/,
};

/** Each platform's read-only credential (see startRemote's readOnly) lacks this permission for catalog import. */
const MISSING: Record<RemotePlatform, string> = {
  woocommerce: "write",
  youzan: "youzan.item.create",
  shopify: "write_products",
};
/** ... and the import says so in the platform's words. */
const REFUSED_WRITE: Record<RemotePlatform, RegExp> = {
  woocommerce: /401 .*does not have write permissions/,
  youzan: /youzan\.items?\.[a-z.]+.*无权限/,
  shopify: /403 .*write_products/,
};

const INSECURE_STORE: Record<RemotePlatform, Record<string, string>> = {
  woocommerce: { url: "http://shop.example" },
  youzan: { baseUrl: "http://open.youzan.example" },
  shopify: { shop: "http://acme.example" },
};

describe.each(REMOTE_PLATFORMS)("%s", (platform) => {
  it("a wrong credential: exit 5 with the platform's 401 and the next step, for sync, import and check", async () => {
    const f = await remote(platform, { wrongCredential: true });
    const { dir, runs, run } = setUp(`auth-${platform}`, f.store(FAST), f.env);
    expectRemoteFailure(await run("orders", "sync", "--store", "shop"), platform, STATUS_401[platform]);
    expectRemoteFailure(await run("catalog", "import", smallCsv, "--store", "shop"), platform, STATUS_401[platform]);
    const check = await run("adapters", "check", "shop", "--json");
    expect(check.exitCode).toBe(5);
    expect(JSON.parse(check.stdout)).toMatchObject({
      ok: false,
      stores: [{ store: "shop", reachable: true, authenticated: false, ok: false }],
    });
    expect(check.stderr).toMatch(/401/);
    expect(f.productCount()).toBe(0);
    expect(leakedSecrets(runs, dir, f.secrets())).toEqual([]);
  });

  it("a missing permission is named by adapters check, and the import that needs it stops with exit 5", async () => {
    const f = await remote(platform, { readOnly: true });
    const { dir, runs, run } = setUp(`scope-${platform}`, f.store(FAST), f.env);
    const check = await run("adapters", "check", "shop", "--json");
    expect(check.exitCode, check.stderr).toBe(5);
    const [result] = (JSON.parse(check.stdout) as { stores: { authenticated: boolean; missing: Record<string, string[]> }[] }).stores;
    expect(result?.authenticated).toBe(true);
    expect(result?.missing["catalog import"]).toContain(MISSING[platform]);
    // Only what is missing is named: orders sync needs nothing this credential lacks.
    expect.soft(result?.missing["orders sync"], "permissions named missing for orders sync").toBeUndefined();
    expect(check.stderr).toContain(`missing permission`);
    expect(check.stderr).toMatch(new RegExp(`\\b${MISSING[platform].replace(/\./g, "\\.")}\\b[^;\\n]*\\(for catalog import\\)`));

    const imported = await run("catalog", "import", smallCsv, "--store", "shop");
    expectRemoteFailure(imported, platform, REFUSED_WRITE[platform]);
    expect(f.productCount()).toBe(0);
    // Reading is allowed: the same credential syncs orders.
    const ids = f.seedOrders(50);
    const synced = await run("orders", "sync", "--store", "shop", "--json");
    expect(synced.exitCode, synced.stderr).toBe(0);
    // The orders a sync stores (WooCommerce's never-paid ones are seeded but are not orders).
    expect(JSON.parse(synced.stdout)).toMatchObject({ created: ids.length });
    expect(leakedSecrets(runs, dir, f.secrets())).toEqual([]);
  });

  it("an unreachable host: exit 5 once the configured retries are spent", async () => {
    const f = await remote(platform);
    const port = await closedPort();
    const address = `http://127.0.0.1:${port}`;
    const where = { woocommerce: { url: address }, youzan: { baseUrl: address }, shopify: { shop: address } }[platform];
    const { dir, runs, run } = setUp(`closed-${platform}`, f.store(FAST, where), f.env);
    const sync = await run("orders", "sync", "--store", "shop");
    expectRemoteFailure(sync, platform, new RegExp(`\\[${platform}:shop\\] unreachable after 3 attempts: connection refused`));
    // Two retries, logged under --verbose.
    expect(sync.stderr).toMatch(/retry 1 of 2/);
    expect(sync.stderr).toMatch(/retry 2 of 2/);
    const check = await run("adapters", "check", "shop", "--json");
    expect(check.exitCode).toBe(5);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: false, stores: [{ reachable: false, ok: false }] });
    expect(leakedSecrets(runs, dir, f.secrets())).toEqual([]);
  });

  it("malformed JSON from the server: exit 5 naming it, not a crash", async () => {
    const f = await remote(platform);
    f.seedOrders(30);
    const { dir, runs, run } = setUp(`json-${platform}`, f.store(FAST), f.env);
    f.breakResponses("json");
    const sync = await run("orders", "sync", "--store", "shop");
    expectRemoteFailure(sync, platform, new RegExp(`\\[${platform}:shop\\] malformed JSON in response to (GET|POST) /`));
    expect(leakedSecrets(runs, dir, f.secrets())).toEqual([]);
  });

  it("an http:// address off this machine is refused (exit 2) unless --allow-insecure", async () => {
    const f = await remote(platform);
    const ids = f.seedOrders(10);
    const proxy = await startLoopbackProxy(f.url);
    try {
      // Any request would go to the proxy on 127.0.0.1, never to the (reserved, unresolvable) .example host.
      const env = { ...f.env, HTTP_PROXY: proxy.url, http_proxy: proxy.url, NO_PROXY: "", no_proxy: "" };
      const target = Object.values(INSECURE_STORE[platform])[0] as string;
      expect(proxyFor(`${target}/any`, env)).toMatchObject({ host: "127.0.0.1", port: Number(new URL(proxy.url).port) });
      const { dir, runs, run } = setUp(`insecure-${platform}`, f.store(FAST, INSECURE_STORE[platform]), env);

      for (const args of [
        ["adapters", "check", "shop"],
        ["orders", "sync", "--store", "shop"],
      ]) {
        const refused = await run(...args);
        expect(refused.exitCode, refused.stderr).toBe(2);
        expect(refused.stderr).toMatch(/unencrypted|clear text/);
        expect(refused.stderr).toContain(new URL(target).hostname);
        expect(refused.stderr).toMatch(/^ {2}→ .*--allow-insecure/m);
      }
      expect(proxy.seen).toEqual([]);
      expect(f.server.log).toEqual([]);

      const allowed = await run("orders", "sync", "--store", "shop", "--json", "--allow-insecure");
      expect(allowed.exitCode, allowed.stderr).toBe(0);
      expect(JSON.parse(allowed.stdout)).toMatchObject({ created: ids.length, stored_total: ids.length });
      expect(proxy.seen.length).toBeGreaterThan(0);
      for (const url of proxy.seen) expect(url.startsWith(`${target}/`), url).toBe(true);
      expect(leakedSecrets(runs, dir, f.secrets())).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe("woocommerce error pages", () => {
  it("a PHP fatal error page instead of JSON: exit 5 with its gist and the next step", async () => {
    const f = await remote("woocommerce");
    const { dir, runs, run } = setUp("html-woocommerce", f.store(FAST), f.env);
    f.breakResponses("html");
    const sync = await run("orders", "sync", "--store", "shop");
    expectRemoteFailure(sync, "woocommerce", /\[woocommerce:shop\] 500 the site answered with a PHP fatal error page: Allowed memory size/);
    expect(sync.stderr).not.toMatch(/<html|<b>/i);
    expect(leakedSecrets(runs, dir, f.secrets())).toEqual([]);
  });
});
