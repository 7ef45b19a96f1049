/**
 * WooCommerce import under faults, timed: 2,000 products x 3 variants through the adapter against the
 * fake site with the fault mix, including answers that arrive only after the client's timeout
 * (the one fault that depends on wall-clock time, so it lives here and not in `npm test`).
 * Run alone: `npx tsx bench/woocommerce-faults.ts [products]`.
 */
import woocommerce from "../src/adapters/platforms/woocommerce/index.js";
import type { Product } from "../src/core/model.js";
import { startFakeWooCommerce } from "../test/fakes/woocommerce.js";
import { quietContext, runAlone } from "./lib/harness.js";

export interface WooFaultsResult {
  products: number;
  seconds: number;
  requests: number;
  slowAnswers: number;
  failed: number;
}

function catalog(n: number): Product[] {
  return Array.from({ length: n }, (_, i) => ({
    id: "",
    handle: `bench-${i}`,
    title: `Bench tee ${i}`,
    status: "active" as const,
    options: ["size"],
    variants: ["S", "M", "L"].map((size, k) => ({ sku: `BENCH-${i}-${size}`, options: { size }, price: 1990 + k * 100, currency: "USD" })),
  }));
}

export async function runWooFaultsBench(opts: { products: number }): Promise<WooFaultsResult> {
  const f = await startFakeWooCommerce({ seed: 11 });
  try {
    const ctx = quietContext();
    const config = woocommerce.configSchema.parse({
      platform: "woocommerce",
      url: f.url,
      key: f.key.consumerKey,
      secret: f.key.consumerSecret,
      http: { timeoutMs: 500, retries: 8, backoffBaseMs: 5, backoffCapMs: 50, concurrency: 16 },
    });
    const wc = await woocommerce.create(config, ctx);
    f.setFaults({ error5xx: 0.1, rateLimit429: 0.05, drop: 0.02, slow: 0.01, slowMs: 700, retryAfterSeconds: 0, seed: 5 });
    const input = catalog(opts.products);
    const started = performance.now();
    let failed = 0;
    for (let i = 0; i < input.length; i += 250) {
      const results = (await wc.upsertProducts?.(input.slice(i, i + 250))) ?? [];
      failed += results.filter((r) => r.status === "failed").length;
    }
    return {
      products: opts.products,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      requests: f.log.length,
      slowAnswers: f.log.filter((l) => l.fault === "slow").length,
      failed,
    };
  } finally {
    await f.close();
  }
}

if (runAlone(import.meta.url)) {
  const products = Number(process.argv[2] ?? 2000);
  console.log(JSON.stringify(await runWooFaultsBench({ products })));
}
