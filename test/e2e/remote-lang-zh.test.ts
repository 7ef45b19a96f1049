/**
 * Remote failures under --lang zh: the error line and its next step are Chinese, for each adapter
 * family, through the built CLI against the fakes on 127.0.0.1 (and, for the couriers, the adapter
 * with the zh translator). Only the remote side's own words stay as they were written (a platform's
 * error text, quoted), and ids, codes, paths and commands. Each case names those words.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeNativeCatalogCsv } from "../../scripts/lib/catalog-bench-data.js";
import kuaidi100 from "../../src/adapters/couriers/kuaidi100/index.js";
import type { AdapterContext } from "../../src/adapters/platform.js";
import { english, translator } from "../../src/core/i18n/index.js";
import { AdapterError } from "../../src/http/index.js";
import { startFakeKuaidi100 } from "../fakes/kuaidi100.js";
import type { FakeShopify } from "../fakes/shopify.js";
import type { CliResult } from "../helpers/cli.js";
import { offenders } from "../helpers/english-prose.js";
import { cli, closedPort, type RemoteFake, type RemotePlatform, startRemote, writeConfig } from "../helpers/remote.js";

const FAST = { timeoutMs: 1_000, retries: 2, backoffBaseMs: 5, backoffCapMs: 20 };
const root = mkdtempSync(join(tmpdir(), "merchops-remote-zh-"));
const smallCsv = join(root, "small.csv");
const closers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  await writeNativeCatalogCsv(smallCsv, 10, 7);
});
afterAll(async () => {
  await Promise.all(closers.map((f) => f.close()));
  rmSync(root, { recursive: true, force: true });
});

async function remote(platform: RemotePlatform, opts: Parameters<typeof startRemote>[1] = {}): Promise<RemoteFake> {
  const f = await startRemote(platform, opts);
  closers.push(f);
  return f;
}

/**
 * Spans of a remote failure that stay as written: the "[platform:store]" prefix, config keys as the
 * file spells them (stores.s1.token, couriers.kuaidi100.key, appSecret) and env:NAME references.
 */
const NAMES = [/\[[\w-]+(?::[\w-]+)?\]/g, /\b[a-z][\w-]*(?:\.[\w-]+)+/g, /\b[a-z]+[A-Z]\w*/g, /env:\w+/g];

let n = 0;
/** Runs merchops with --lang zh in a fresh folder whose config has the one store "s1". */
async function runZh(store: Record<string, unknown>, env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  const dir = mkdtempSync(join(root, `run${++n}-`));
  // A store name that is no English word: the checker would count "shop" as one.
  writeConfig(dir, { s1: store });
  return cli([...args, "--lang", "zh"], { cwd: dir, env });
}

/**
 * A remote failure printed in Chinese: exit 5, "错误：[platform:s1] …" then "  → …", and no English
 * on stderr but the remote side's own words (`quoted`).
 */
function expectChineseFailure(r: CliResult, prefix: string, quoted: RegExp[]): void {
  expect(r.exitCode, r.stderr).toBe(5);
  const lines = r.stderr.split("\n");
  const at = lines.findIndex((l) => l.startsWith("错误："));
  expect(lines[at] ?? "", r.stderr).toContain(prefix);
  expect(lines[at + 1] ?? "", r.stderr).toMatch(/^ {2}→ \S/);
  expect(offenders(r.stderr, [...quoted, ...NAMES]), r.stderr).toEqual([]);
}

describe("platforms", () => {
  it("a wrong token (Shopify 401): the next step is Chinese; Shopify's words stay as it wrote them", async () => {
    const f = await remote("shopify", { wrongCredential: true });
    const r = await runZh(f.store(FAST), f.env, "orders", "sync", "--store", "s1");
    expectChineseFailure(r, "[shopify:s1] 401", [/\[API\] Invalid API key or access token \([^)]*\)/]);
    expect(r.stderr).toContain("凭证");
  });

  it("a missing scope (Shopify 403 on write): what merchops was doing and the scope to grant, in Chinese", async () => {
    const f = await remote("shopify", { readOnly: true });
    const r = await runZh(f.store(FAST), f.env, "catalog", "import", smallCsv, "--store", "s1");
    // color-pattern is the metafield's name, in the warning before the error.
    expectChineseFailure(r, "[shopify:s1] 403", [/（[^（）]*Access denied[^（）]*）/, /color-pattern/]);
    expect(r.stderr).toMatch(/写入商品时被拒绝访问/);
  });

  it("429 until the retries are spent (WooCommerce): the attempts counted in Chinese", async () => {
    const f = await remote("woocommerce", { faults: { rateLimit429: 1, retryAfterSeconds: 0 } });
    const r = await runZh(f.store(FAST), f.env, "orders", "sync", "--store", "s1");
    expectChineseFailure(r, "[woocommerce:s1] 429", [/rate_limited: Too many requests\./]);
    expect(r.stderr).toMatch(/已尝试 3 次/);
    expect(r.stderr).toContain("限流");
  });

  it("5xx until the retries are spent (Youzan): Chinese error and next step", async () => {
    const f = await remote("youzan", { faults: { error5xx: 1 } });
    const r = await runZh(f.store(FAST), f.env, "orders", "sync", "--store", "s1");
    expectChineseFailure(r, "[youzan:s1]", [/injected server error/]);
    expect(r.stderr).toMatch(/已尝试 \d+ 次/);
  });

  it("a page cursor that comes back (Shopify orders): the loop is named in Chinese", async () => {
    const f = await remote("shopify");
    const fake = f.server as unknown as FakeShopify;
    fake.seedOrders(5);
    let first: string | null | undefined;
    fake.setShapeFault({
      rewrite: (body: unknown) => {
        const orders = (body as { data?: { orders?: { pageInfo?: { hasNextPage: boolean; endCursor: string | null } } } }).data?.orders;
        if (orders?.pageInfo) {
          first ??= orders.pageInfo.endCursor ?? "c1";
          orders.pageInfo = { hasNextPage: true, endCursor: first };
        }
        return body;
      },
    });
    const r = await runZh(f.store(FAST), f.env, "orders", "sync", "--store", "s1");
    expectChineseFailure(r, "[shopify:s1]", []);
    expect(r.stderr).toContain("订单列表");
    expect(r.stderr).toContain("循环翻页");
  });

  it("adapters check on a store whose remote is down: the table and the error are Chinese", async () => {
    const port = await closedPort();
    const store = { platform: "woocommerce", url: `http://127.0.0.1:${port}`, key: "env:K", secret: "env:S", http: FAST };
    const r = await runZh(store, { K: "ck_0123456789", S: "cs_0123456789" }, "adapters", "check", "s1");
    expect(r.exitCode, r.stderr).toBe(5);
    expect(r.stdout + r.stderr).toMatch(/连接被拒绝/);
    expect(offenders(r.stdout, NAMES), r.stdout).toEqual([]);
    expect(offenders(r.stderr, NAMES), r.stderr).toEqual([]);
  });
});

describe("marketplaces", () => {
  it("a refused signature (京东联盟): exit 5, the refusal and its next step in Chinese", async () => {
    const { startFakeJd } = await import("../fakes/marketplaces/jd/index.js");
    const jd = await startFakeJd();
    closers.push(jd);
    const dir = mkdtempSync(join(root, "jd-"));
    writeConfig(
      dir,
      {},
      {
        prices: {
          delayMs: 0,
          sources: { jd: { type: "jd", appKey: "env:JD_KEY", appSecret: "env:JD_SECRET", gateway: `${jd.url}/routerjson`, retries: 1 } },
        },
      },
    );
    const r = await cli(["prices", "snapshot", "--query", "连衣裙", "--allow-private", "--lang", "zh"], {
      cwd: dir,
      // Wide enough that no note wraps: the checker removes JD's quoted words, which a wrap would cut.
      env: { JD_KEY: jd.appKey, JD_SECRET: "wrong-jd-secret-value", COLUMNS: "400" },
    });
    expect(r.exitCode, r.stderr).toBe(5);
    expect(r.stdout + r.stderr).toContain("签名被拒");
    // JD's own code and words, quoted in （…）.
    const quoted = [/（code [^）]*）/, ...NAMES];
    expect(offenders(r.stderr, quoted), r.stderr).toEqual([]);
    expect(offenders(r.stdout, quoted), r.stdout).toEqual([]);
  });
});

describe("couriers", () => {
  const zh = translator("zh-Hans");
  const context = (): AdapterContext => ({
    storeName: "test",
    baseDir: process.cwd(),
    timezone: "Asia/Shanghai",
    currency: "CNY",
    now: () => new Date(),
    log: { info: () => undefined, warn: () => undefined, debug: () => undefined },
    state: async () => {
      throw new Error("kuaidi100 does not use the state store");
    },
    readOptions: {},
  });
  const adapter = async (over: Record<string, unknown> = {}) => {
    const f = await startFakeKuaidi100();
    closers.push(f);
    const config = kuaidi100.configSchema.parse({
      customer: f.customer,
      key: f.key,
      baseUrl: f.url,
      http: { timeoutMs: 2_000, retries: 1, backoffBaseMs: 5, backoffCapMs: 20 },
      ...over,
    });
    return kuaidi100.create(config, context());
  };

  it("an unknown courier is that number's error, in Chinese under zh (English unchanged)", async () => {
    const kd = await adapter();
    const [r] = await kd.track([{ trackingNumber: "YT1234567890123", courier: "pigeon" }]);
    expect(r?.error).toBeDefined();
    const error = r?.error ?? "";
    expect(english(error)).toMatch(/^kuaidi100 does not track courier "pigeon" \(known: /);
    expect(zh.text(error)).toMatch(/^快递100不支持查询快递公司“pigeon”/);
    // The known courier codes are ids.
    expect(offenders(zh.text(error), [/（支持：[^）]*）/])).toEqual([]);
  });

  it("a wrong key (Kuaidi100 refuses the account): the error and the next step in Chinese", async () => {
    const kd = await adapter({ key: "wrong-key-123456" });
    let caught: unknown;
    try {
      await kd.track([{ trackingNumber: "YT1234567890123", courier: "yto" }]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AdapterError);
    const err = caught as AdapterError;
    const printed = `${zh.text(err.text)}\n${err.hintText ? zh.text(err.hintText) : ""}`;
    expect(printed).toContain("[kuaidi100] ");
    expect(printed).toContain("快递100管理后台");
    // Kuaidi100's own words follow its code: "[kuaidi100] 30002 …".
    expect(offenders(printed, [/\] \d+ [^\n]*/, ...NAMES]), printed).toEqual([]);
  });
});
