/**
 * Shopify pacing bench: N product writes (productSet, 10 points each) against the fake Shopify
 * server with a 2,000-point bucket restoring 100 points/s, through our adapter (cost-bucket
 * pacing) and through a naive client (mutations back to back; on THROTTLED sleep 1 s and retry,
 * like a typical hand-written script). The bound: the bucket's initial burst plus the restore
 * rate, i.e. N writes cannot take less than (N x 10 - bucket) / restoreRate seconds.
 *
 * Time is scaled so the bench does not take 8 minutes for 5,000 writes: with scale k the bucket
 * holds 2,000k points and restores 100k/s (the same 20:1 ratio, so the same shape), and the naive
 * client's 1 s sleep becomes 1/k s. The default k keeps each run near 30 s of bound time
 * (k = N / 500). Run alone: `npx tsx bench/shopify-pacing.ts 500` (N, optional k).
 */
import { createShopifyAdapter } from "../src/adapters/platforms/shopify/index.js";
import { productSetInput } from "../src/adapters/platforms/shopify/products.js";
import { PRODUCT_SET } from "../src/adapters/platforms/shopify/queries.js";
import type { Product } from "../src/core/model.js";
import { startFakeShopify } from "../test/fakes/shopify.js";
import { quietContext, runAlone } from "./lib/harness.js";

const COST_PER_WRITE = 10;
const BASE_BUCKET = 2000;
const BASE_RESTORE = 100;
const API_VERSION = "2025-07";

export interface PacingFigures {
  seconds: number;
  throttled: number;
  writesPerSec: number;
}

export interface PacingResult {
  ours: PacingFigures & { ofBound: number };
  naive: PacingFigures & { ofBound: number };
  /** N / ((N x cost - bucket) / restoreRate): the best any client can do, burst included. */
  boundWritesPerSec: number;
  /** restoreRate / cost: the bound once the burst is spent. */
  sustainedBoundWritesPerSec: number;
  timeScale: number;
  bucket: { size: number; restoreRate: number };
}

function products(n: number, prefix: string): Product[] {
  return Array.from({ length: n }, (_, i) => ({
    id: "",
    handle: `${prefix}-${i + 1}`,
    title: `Bench tee ${i + 1}`,
    status: "active" as const,
    options: ["size"],
    variants: ["S", "M", "L"].map((size, j) => ({
      sku: `${prefix.toUpperCase()}-${i + 1}-${size}`,
      options: { size },
      price: 1990 + j * 100,
      currency: "USD",
    })),
  }));
}

async function runOurs(n: number, bucket: { size: number; restoreRate: number }): Promise<PacingFigures> {
  const fake = await startFakeShopify({ bucket, currency: "USD" });
  try {
    const adapter = createShopifyAdapter(
      { platform: "shopify", shop: fake.url, token: fake.token, apiVersion: API_VERSION, concurrency: 4, currency: "USD" },
      quietContext(),
    );
    const input = products(n, "ours");
    const started = performance.now();
    for (let i = 0; i < n; i += 250) {
      const results = await adapter.upsertProducts?.(input.slice(i, i + 250));
      const bad = results?.find((r) => r.status !== "created");
      if (bad) throw new Error(`ours: ${bad.key} ${bad.status} ${bad.message ?? ""}`);
    }
    const seconds = (performance.now() - started) / 1000;
    if (fake.state.products.size !== n) throw new Error(`ours: the shop holds ${fake.state.products.size} products, not ${n}`);
    return { seconds, throttled: fake.stats.throttled, writesPerSec: n / seconds };
  } finally {
    await fake.close();
  }
}

async function runNaive(n: number, bucket: { size: number; restoreRate: number }, sleepMs: number): Promise<PacingFigures> {
  const fake = await startFakeShopify({ bucket, currency: "USD" });
  try {
    const url = `${fake.url}/admin/api/${API_VERSION}/graphql.json`;
    const input = products(n, "naive");
    const started = performance.now();
    let throttled = 0;
    for (const product of input) {
      const body = JSON.stringify({
        query: PRODUCT_SET.document,
        operationName: PRODUCT_SET.name,
        variables: {
          input: productSetInput(product, { currency: "USD", withImages: false }),
          identifier: { handle: product.handle },
          synchronous: true,
        },
      });
      for (;;) {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-shopify-access-token": fake.token },
          body,
        });
        const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
        if (res.status === 429 || json.errors?.some((e) => e.extensions?.code === "THROTTLED")) {
          throttled++;
          await new Promise((r) => setTimeout(r, sleepMs));
          continue;
        }
        if (json.errors) throw new Error(`naive: ${JSON.stringify(json.errors)}`);
        break;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    if (fake.state.products.size !== n) throw new Error(`naive: the shop holds ${fake.state.products.size} products, not ${n}`);
    return { seconds, throttled, writesPerSec: n / seconds };
  } finally {
    await fake.close();
  }
}

export async function runShopifyPacingBench(opts: { products: number; timeScale?: number }): Promise<PacingResult> {
  const n = opts.products;
  const k = opts.timeScale ?? Math.max(1, Math.round(n / 500));
  const bucket = { size: BASE_BUCKET * k, restoreRate: BASE_RESTORE * k };
  const boundSeconds = Math.max(0, n * COST_PER_WRITE - bucket.size) / bucket.restoreRate;
  const boundWritesPerSec = boundSeconds > 0 ? n / boundSeconds : Number.POSITIVE_INFINITY;
  const ours = await runOurs(n, bucket);
  const naive = await runNaive(n, bucket, 1000 / k);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const figures = (f: PacingFigures) => ({
    seconds: round(f.seconds),
    throttled: f.throttled,
    writesPerSec: round(f.writesPerSec),
    ofBound: round(f.writesPerSec / boundWritesPerSec),
  });
  return {
    ours: figures(ours),
    naive: figures(naive),
    boundWritesPerSec: round(boundWritesPerSec),
    sustainedBoundWritesPerSec: round(bucket.restoreRate / COST_PER_WRITE),
    timeScale: k,
    bucket,
  };
}

if (runAlone(import.meta.url)) {
  const n = Number(process.argv[2] ?? 5000);
  const k = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  if (!Number.isInteger(n) || n < 1) throw new Error("usage: npx tsx bench/shopify-pacing.ts <products> [timeScale]");
  const result = await runShopifyPacingBench({ products: n, ...(k !== undefined ? { timeScale: k } : {}) });
  process.stdout.write(`${JSON.stringify({ figure: "shopify_pacing", products: n, ...result })}\n`);
}
