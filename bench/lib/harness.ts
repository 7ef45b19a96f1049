/**
 * What the in-process bench runners (couriers, shopify-pacing, woocommerce-faults) share: an adapter
 * context that logs nothing and has no state store, and the test for "run alone from the command line".
 */
import { pathToFileURL } from "node:url";
import type { AdapterContext } from "../../src/adapters/platform.js";

/** An adapter context for a bench: UTC, USD, silent, no state store (the adapters under test need none). */
export function quietContext(): AdapterContext {
  return {
    storeName: "bench",
    baseDir: process.cwd(),
    timezone: "UTC",
    currency: "USD",
    now: () => new Date(),
    log: { info: () => {}, warn: () => {}, debug: () => {} },
    state: async () => {
      throw new Error("not needed");
    },
    readOptions: {},
  };
}

/** True when the module of `importMetaUrl` is the script node was started with (`npx tsx bench/x.ts`). */
export function runAlone(importMetaUrl: string): boolean {
  return importMetaUrl === pathToFileURL(process.argv[1] ?? "").href;
}
