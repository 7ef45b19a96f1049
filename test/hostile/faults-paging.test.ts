/**
 * Listings that change while they are read (helper F, round 3). WooCommerce pages by offset
 * (`?page=N&per_page=100`, ordered by change time for a sync): an order on a page already read that
 * changes (a status set in wp-admin) moves to the end, and one deleted takes its place away; every
 * later record slides one place towards the start, and the first record of the next page lands on
 * the page already read: never read, while the bookmark moves past it (lost for good). The fake
 * changes its own state between two page requests, counted, as the real site would.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { PlatformAdapter } from "../../src/adapters/platform.js";
import type { Order } from "../../src/core/model.js";
import type { FakeRequest } from "../fakes/lib/index.js";
import { type FakeWoo, startFakeWooCommerce } from "../fakes/woocommerce.js";
import { wooAdapter } from "../helpers/woo-adapter.js";

const fakes: FakeWoo[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

const adapterFor = async (f: FakeWoo): Promise<PlatformAdapter> => (await wooAdapter(f)).adapter;

async function collect(it: AsyncIterable<Order> | undefined): Promise<Order[]> {
  const out: Order[] = [];
  for await (const x of it ?? []) out.push(x);
  return out;
}

/** The ids of the fake's orders a sync reads: never-paid ones ("pending", "checkout-draft") are left out. */
function paidIds(f: FakeWoo): string[] {
  return [...f.state.orders.values()]
    .filter((o) => o.status !== "pending" && o.status !== "checkout-draft")
    .map((o) => String(o.id))
    .sort();
}

/** After the `after`-th order page has been answered, `change` runs once on the fake's state. */
async function shifting(n: number, after: number, change: (f: FakeWoo) => void): Promise<{ f: FakeWoo; pages: () => number }> {
  const f = await startFakeWooCommerce({});
  fakes.push(f);
  f.seedOrders(n);
  let pages = 0;
  f.setShapeFault({
    path: /\/orders$/,
    rewrite: (body: unknown, _req: FakeRequest) => {
      pages++;
      if (pages === after) change(f);
      return body;
    },
  });
  return { f, pages: () => pages };
}

describe("orders that change while the sync pages through them", () => {
  it("a paid order on page 1 completed after page 1 was read: none lost, and its new state is the one kept", async () => {
    let changed = 0;
    const { f, pages } = await shifting(250, 1, (fake) => {
      const first = [...fake.state.orders.values()].sort((a, b) => a.id - b.id).find((o) => o.status === "processing");
      if (first) {
        changed = first.id;
        first.status = "completed";
        first.date_modified_gmt = "2026-03-01T12:00:00";
        first.date_modified = "2026-03-01T12:00:00";
      }
    });
    const orders = await collect((await adapterFor(f)).listOrders?.({ updatedSince: new Date(0) }));
    const ids = orders.map((o) => o.id);
    expect([...new Set(ids)].sort()).toEqual(paidIds(f));
    // Read twice, as it was and as it is now, in that order: what is stored last is the completed order.
    expect(ids.filter((id) => id === String(changed))).toHaveLength(2);
    expect(orders.filter((o) => o.id === String(changed)).at(-1)?.status).toBe("fulfilled");
    expect(ids.length).toBe(paidIds(f).length + 1);
    // One pass of 3 pages met the moved order again on page 3; one more pass found the one it had slid past.
    expect(pages()).toBe(6);
  });

  it("an order on page 1 deleted after page 1 was read: the other 249 all read once", async () => {
    let deleted = 0;
    const { f } = await shifting(250, 1, (fake) => {
      const first = [...fake.state.orders.values()].sort((a, b) => a.id - b.id)[0];
      if (first) {
        fake.state.orders.delete(first.id);
        deleted = first.id;
      }
    });
    const orders = await collect((await adapterFor(f)).listOrders?.({ updatedSince: new Date(0) }));
    const ids = orders.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id !== String(deleted)).sort()).toEqual(paidIds(f));
  });

  it("a store that changes under every page: read again a bounded number of times, then exit 5 naming the listing", async () => {
    let minute = 0;
    const f = await startFakeWooCommerce({});
    fakes.push(f);
    f.seedOrders(250);
    let pages = 0;
    f.setShapeFault({
      path: /\/orders$/,
      rewrite: (body: unknown) => {
        pages++;
        // The oldest order changes again after every page (a busy store's status updates).
        const oldest = [...f.state.orders.values()].sort((a, b) => a.date_modified_gmt.localeCompare(b.date_modified_gmt))[0];
        if (oldest) {
          minute++;
          const at = `2026-03-01T13:${String(minute % 60).padStart(2, "0")}:${String(Math.floor(minute / 60)).padStart(2, "0")}`;
          oldest.date_modified_gmt = at;
          oldest.date_modified = at;
        }
        return body;
      },
    });
    const e = await collect((await adapterFor(f)).listOrders?.({ updatedSince: new Date(0) })).then(
      () => undefined,
      (err: unknown) => err as { exitCode?: number; message?: string; code?: string },
    );
    expect(e?.exitCode).toBe(5);
    expect(e?.code).toBe("PAGINATION_SHIFTING");
    expect(e?.message).toBe(
      "[woocommerce:wc] GET /orders kept changing while it was read (records changed or deleted on pages already read; read again 3 times)",
    );
    expect(pages).toBeLessThanOrEqual(12);
  });
});
