/**
 * The woocommerce adapter pointed at a fake site, as the integration and fault tests build it: a
 * fixed clock, fast retries, and the warnings it logs collected in English.
 */
import type { AdapterContext, PlatformAdapter } from "../../src/adapters/platform.js";
import woocommerce from "../../src/adapters/platforms/woocommerce/index.js";
import { english } from "../../src/core/i18n/index.js";
import type { FakeWoo } from "../fakes/woocommerce.js";

export async function wooAdapter(f: FakeWoo): Promise<{ adapter: PlatformAdapter; warnings: string[] }> {
  const warnings: string[] = [];
  const ctx: AdapterContext = {
    storeName: "wc",
    baseDir: process.cwd(),
    timezone: "UTC",
    currency: "USD",
    now: () => new Date("2026-03-02T00:00:00Z"),
    log: { info: () => {}, warn: (m) => warnings.push(english(m)), debug: () => {} },
    state: async () => {
      throw new Error("not needed");
    },
    readOptions: {},
  };
  const config = woocommerce.configSchema.parse({
    platform: "woocommerce",
    url: f.url,
    key: f.key.consumerKey,
    secret: f.key.consumerSecret,
    http: { timeoutMs: 2_000, retries: 1, backoffBaseMs: 1, backoffCapMs: 5 },
  });
  return { adapter: await woocommerce.create(config, ctx), warnings };
}
