/**
 * The contract every platform adapter passes: declared capabilities have their methods and vice
 * versa, lists honour their ranges, records are well-formed (integer money, real dates), and
 * reading twice gives the same data. Each adapter's test file runs it against its own fixture.
 */
import { describe, expect, it } from "vitest";
import { CAPABILITY_METHODS, type PlatformAdapter, type PlatformCapability, type PlatformDefinition } from "../../src/adapters/platform.js";

export interface ContractFixture {
  adapter: PlatformAdapter;
  /** A range that holds some but not all of the fixture's orders. */
  orderRange: { since: Date; until: Date };
  cleanup?: () => Promise<void> | void;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const isMinor = (n: unknown) => typeof n === "number" && Number.isSafeInteger(n);

export function platformContract(name: string, definition: () => Promise<PlatformDefinition>, make: () => Promise<ContractFixture>): void {
  describe(`platform contract: ${name}`, () => {
    it("declares only known capabilities, each with its method", async () => {
      const def = await definition();
      const f = await make();
      try {
        for (const cap of f.adapter.capabilities) {
          expect(def.capabilities).toContain(cap);
          expect(typeof f.adapter[CAPABILITY_METHODS[cap]], `${cap} needs ${CAPABILITY_METHODS[cap]}()`).toBe("function");
        }
        for (const [cap, method] of Object.entries(CAPABILITY_METHODS) as [PlatformCapability, keyof PlatformAdapter][]) {
          if (typeof f.adapter[method] === "function") expect(f.adapter.capabilities, `${method}() without ${cap}`).toContain(cap);
        }
      } finally {
        await f.cleanup?.();
      }
    });

    it("lists well-formed orders inside the asked range, the same way twice", async () => {
      const f = await make();
      try {
        if (!f.adapter.listOrders) return expect(f.adapter.capabilities).not.toContain("orders.read");
        const all = await collect(f.adapter.listOrders({}));
        expect(all.length).toBeGreaterThan(0);
        const ids = new Set<string>();
        for (const o of all) {
          expect(o.placedAt).toBeInstanceOf(Date);
          expect(Number.isNaN(o.placedAt.getTime())).toBe(false);
          expect(ids.has(o.id), `duplicate order ${o.id}`).toBe(false);
          ids.add(o.id);
          for (const m of [o.subtotal, o.discountTotal, o.shippingTotal, o.taxTotal, o.total]) expect(isMinor(m)).toBe(true);
          expect(o.currency).toMatch(/^[A-Z]{3}$/);
          for (const l of o.lines) {
            expect(l.quantity).toBeGreaterThan(0);
            expect(isMinor(l.unitPrice) && isMinor(l.discount)).toBe(true);
            expect(typeof l.sku).toBe("string");
          }
        }
        const { since, until } = f.orderRange;
        const ranged = await collect(f.adapter.listOrders({ since, until }));
        const expected = all
          .filter((o) => o.placedAt >= since && o.placedAt < until)
          .map((o) => o.id)
          .sort();
        expect(ranged.map((o) => o.id).sort()).toEqual(expected);
        expect(expected.length).toBeGreaterThan(0);
        expect(expected.length).toBeLessThan(all.length);
        const again = await collect(f.adapter.listOrders({ since, until }));
        expect(again).toEqual(ranged);
      } finally {
        await f.cleanup?.();
      }
    });

    it("lists well-formed returns, traffic and tickets", async () => {
      const f = await make();
      try {
        if (f.adapter.listReturns) {
          for (const r of await collect(f.adapter.listReturns({}))) {
            expect(r.quantity).toBeGreaterThan(0);
            expect(isMinor(r.refundAmount)).toBe(true);
            expect(r.requestedAt).toBeInstanceOf(Date);
          }
        }
        if (f.adapter.listTraffic) {
          const rows = await collect(f.adapter.listTraffic({}));
          for (const t of rows) {
            expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            if (t.adSpend !== null) expect(isMinor(t.adSpend)).toBe(true);
          }
          const first = rows[0]?.date;
          if (first) {
            const oneDay = await collect(f.adapter.listTraffic({ first, last: first }));
            expect(oneDay.every((t) => t.date === first)).toBe(true);
            expect(oneDay.length).toBe(rows.filter((t) => t.date === first).length);
          }
        }
        if (f.adapter.listTickets) {
          for (const t of await collect(f.adapter.listTickets({}))) {
            expect(t.createdAt).toBeInstanceOf(Date);
            if (t.firstResponseAt) expect(t.firstResponseAt.getTime()).toBeGreaterThanOrEqual(t.createdAt.getTime());
            if (t.rating !== null) expect([1, 2, 3, 4, 5]).toContain(t.rating);
          }
        }
      } finally {
        await f.cleanup?.();
      }
    });
  });
}
