/**
 * What the parts of the Shopify adapter share for one store: the paced GraphQL transport, the
 * shop's currency and stock location (asked once), the write concurrency, and a bounded
 * parallel map that stops scheduling at the first failure.
 */

import type { Logger } from "../../platform.js";
import type { ShopifyGraphql } from "./graphql.js";
import { estimateCost, PRIMARY_LOCATION, SHOP_INFO } from "./queries.js";
import { locationAnswer, shopInfoAnswer } from "./wire.js";

export interface ShopifySession {
  gql: ShopifyGraphql;
  storeName: string;
  log: Logger;
  /** Requests in flight at once (the cost bucket is shared, so this only hides latency). */
  concurrency: number;
  /** The shop's currency: config, else asked once. */
  currency(): Promise<string>;
  /** Where inventory quantities are set: config, else the shop's primary location, asked once. */
  locationId(): Promise<string>;
}

export function createSession(init: {
  gql: ShopifyGraphql;
  storeName: string;
  log: Logger;
  concurrency: number;
  currency?: string;
  locationId?: string;
}): ShopifySession {
  let currency: Promise<string> | undefined = init.currency ? Promise.resolve(init.currency) : undefined;
  let location: Promise<string> | undefined = init.locationId ? Promise.resolve(init.locationId) : undefined;
  const once = <T>(make: () => Promise<T>) => {
    const p = make();
    p.catch(() => {});
    return p;
  };
  return {
    gql: init.gql,
    storeName: init.storeName,
    log: init.log,
    concurrency: init.concurrency,
    currency() {
      currency ??= once(async () => {
        const data = await init.gql.run<{ shop: { currencyCode: string } }>(
          SHOP_INFO,
          {},
          { schema: shopInfoAnswer, estimate: estimateCost.small() },
        );
        return data.shop.currencyCode;
      });
      // A failed ask is asked again next time rather than remembered.
      return currency.catch((e) => {
        currency = undefined;
        throw e;
      });
    },
    locationId() {
      location ??= once(async () => {
        const data = await init.gql.run<{ location: { id: string } | null }>(PRIMARY_LOCATION, {}, { schema: locationAnswer, estimate: 1 });
        if (!data.location) throw new Error("the shop has no location");
        return data.location.id;
      });
      return location.catch((e) => {
        location = undefined;
        throw e;
      });
    },
  };
}

/** Maps with at most `limit` calls in flight, results in input order; the first failure stops new calls and is rethrown. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}
