/**
 * The `local` platform: products, orders, returns, traffic and tickets kept in the embedded state
 * store. The `demo` store is a local store seeded on first use from fixtures/demo-store and
 * shown as if its data ended yesterday (`followClock`), so every command works on a fresh clone.
 */

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { presentSkus } from "../../../core/catalog/identity.js";
import { productsEqual } from "../../../core/catalog/plan.js";
import { InputError } from "../../../core/errors.js";
import { msg } from "../../../core/i18n/index.js";
import type { Order, Product, ReturnRecord, Ticket, TrafficDay } from "../../../core/model.js";
import { addDays, dayOf, daysBetween } from "../../../core/time.js";
import { openTable } from "../../../io/read-table.js";
import { LocalData } from "../../../store/local-data.js";
import { type ShipmentRecord, ShipmentsData } from "../../../store/shipments-data.js";
import type { StateStore } from "../../../store/state-store.js";
import { type AdapterContext, definePlatform, type PlatformAdapter, resultWith, type UpsertResult } from "../../platform.js";
import { createFilesStore } from "../files/index.js";

const configSchema = z
  .object({
    platform: z.literal("local"),
    /** A folder of spreadsheets (files-adapter layout) loaded into the store on first use. */
    seed: z.string().optional(),
    /** Show the data as if its last day were yesterday (the demo store). */
    followClock: z.boolean().optional(),
    timezone: z.string().optional(),
    currency: z.string().optional(),
  })
  .strict();
type LocalConfig = z.infer<typeof configSchema>;

async function collect<T>(it: AsyncIterable<T> | undefined): Promise<T[]> {
  const out: T[] = [];
  if (it) for await (const x of it) out.push(x);
  return out;
}

/** Loads a seed folder into an empty local store, once, even when two processes start together. */
async function seedIfEmpty(state: StateStore, store: string, seedDir: string, ctx: AdapterContext): Promise<void> {
  if ((await state.getMeta(store, "seeded_from")) !== undefined) return;
  const files = createFilesStore({ platform: "files", dir: seedDir }, { ...ctx, baseDir: seedDir, readOptions: {} });
  // Read everything first: the transaction then holds the store only while it writes; seeds are small.
  const [orders, returns, traffic, tickets, products] = await Promise.all([
    collect<Order>(files.listOrders?.({})),
    collect<ReturnRecord>(files.listReturns?.({})),
    collect<TrafficDay>(files.listTraffic?.({})),
    collect<Ticket>(files.listTickets?.({})),
    collect<Product>(files.listProducts?.({})),
  ]);
  let endDay: string | undefined;
  const manifest = join(seedDir, "manifest.json");
  if (existsSync(manifest)) {
    endDay = (JSON.parse(readFileSync(manifest, "utf8")) as { endDate?: string }).endDate;
  }
  if (!endDay) {
    let last = 0;
    for (const o of orders) last = Math.max(last, o.placedAt.getTime());
    endDay = last > 0 ? dayOf(last, ctx.timezone) : dayOf(ctx.now(), ctx.timezone);
  }
  const shipments = await readSeedShipments(seedDir);
  await state.transaction(async () => {
    if ((await state.getMeta(store, "seeded_from")) !== undefined) return;
    const data = new LocalData(state, store);
    if (shipments.length > 0) await new ShipmentsData(state, store).upsert(shipments, ctx.now());
    await data.clear();
    await data.insertProducts(products);
    await data.insertOrders(orders);
    await data.insertReturns(returns);
    await data.insertTraffic(traffic);
    await data.insertTickets(tickets);
    await state.setMeta(store, "seeded_from", seedDir);
    await state.setMeta(store, "data_end_day", endDay as string);
  });
  ctx.log.info(
    msg("store.seeded", {
      store,
      orders: orders.length,
      returns: returns.length,
      traffic: traffic.length,
      tickets: tickets.length,
      dir: seedDir,
    }),
  );
}

/** shipments.csv of a seed folder (the demo's parcels), when there is one. */
async function readSeedShipments(seedDir: string): Promise<ShipmentRecord[]> {
  const file = join(seedDir, "shipments.csv");
  if (!existsSync(file)) return [];
  const table = await openTable(file);
  const col = (name: string) => table.header.indexOf(name);
  const [order, courier, number, label, shipped, destination] = [
    col("order_id"),
    col("courier"),
    col("tracking_number"),
    col("label_at"),
    col("shipped_at"),
    col("destination"),
  ];
  const when = (v: unknown) => {
    const t = typeof v === "string" && v !== "" ? Date.parse(v) : Number.NaN;
    return Number.isNaN(t) ? undefined : new Date(t);
  };
  const out: ShipmentRecord[] = [];
  for await (const batch of table.batches()) {
    for (const r of batch) {
      const cell = (i: number) => (i >= 0 ? String(r.cells[i] ?? "") : "");
      const rec: ShipmentRecord = { trackingNumber: cell(number), courier: cell(courier), orderId: cell(order), status: "info_received" };
      const l = when(r.cells[label]);
      const sh = when(r.cells[shipped]);
      if (l) rec.labelAt = l;
      if (sh) rec.shippedAt = sh;
      if (cell(destination)) rec.destination = cell(destination);
      if (rec.trackingNumber) out.push(rec);
    }
  }
  return out;
}

export default definePlatform<LocalConfig>({
  name: "local",
  description: "Products, orders, returns, traffic and tickets in the embedded state store",
  capabilities: ["catalog.read", "catalog.write", "orders.read", "fulfillments.write", "returns.read", "traffic.read", "support.read"],
  configSchema,
  async create(config, ctx): Promise<PlatformAdapter> {
    const state = await ctx.state();
    if (config.seed) {
      const seedDir = resolve(ctx.baseDir, config.seed);
      if (!existsSync(seedDir)) {
        throw new InputError({ file: seedDir }, msg("store.seed_missing"), msg("store.seed_missing_hint", { store: ctx.storeName }));
      }
      await seedIfEmpty(state, ctx.storeName, seedDir, ctx);
    }
    let shiftDays = 0;
    if (config.followClock) {
      const end = await state.getMeta(ctx.storeName, "data_end_day");
      if (end) shiftDays = daysBetween(end, addDays(dayOf(ctx.now(), ctx.timezone), -1));
    }
    const data = new LocalData(state, ctx.storeName, shiftDays);
    const upsertProducts = async (batch: readonly Product[]): Promise<UpsertResult[]> =>
      // One transaction per batch: a crash or Ctrl-C leaves whole batches, never half a product.
      state.transaction(async () => {
        const existing = await data.lookupProducts(
          batch.map((p) => p.handle),
          batch.flatMap((p) => presentSkus(p.variants)),
        );
        const byHandle = new Map(existing.map((p) => [p.handle, p]));
        const bySku = new Map<string, Product>();
        for (const p of existing) for (const sku of presentSkus(p.variants)) bySku.set(sku, p);
        const writes: { product: Product; id: string; isNew: boolean }[] = [];
        const results = batch.map((p): UpsertResult => {
          const found =
            byHandle.get(p.handle) ??
            presentSkus(p.variants)
              .map((sku) => bySku.get(sku))
              .find((x) => x !== undefined);
          if (found && productsEqual(found, p)) return { key: p.handle, status: "unchanged", remoteId: found.id };
          const id = found?.id ?? p.handle;
          writes.push({ product: p, id, isNew: !found });
          return { key: p.handle, status: found ? "updated" : "created", remoteId: id };
        });
        await data.writeProducts(writes);
        return results;
      });
    return {
      capabilities: ["catalog.read", "catalog.write", "orders.read", "fulfillments.write", "returns.read", "traffic.read", "support.read"],
      clockShiftMs: shiftDays * 86_400_000,
      // A local store has no courier to tell: the parcel is recorded by `shipments import`; here the
      // order becomes fulfilled. Doing it twice changes nothing.
      createFulfillment: async (orderId) => {
        const r = await state.transaction(() => data.markFulfilled(orderId));
        if (!r.found) return resultWith({ key: orderId, status: "failed" }, msg("adapter.local.no_order", { order: orderId }));
        if (r.status === "cancelled" || r.status === "refunded")
          return resultWith({ key: orderId, status: "failed" }, msg("adapter.local.order_closed", { order: orderId, status: r.status }));
        return { key: orderId, status: r.status === "paid" ? "updated" : "unchanged", remoteId: orderId };
      },
      lookupProducts: async ({ handles, skus }) => data.lookupProducts(handles, skus),
      upsertProducts,
      deleteProducts: async (handles) =>
        state.transaction(async () => {
          const out: UpsertResult[] = [];
          for (const h of handles) out.push({ key: h, status: (await data.deleteProduct(h)) ? "deleted" : "unchanged" });
          return out;
        }),
      listOrders: (range) => data.orders(range),
      listReturns: (range) => data.returns(range),
      listTraffic: (range) => data.traffic(range),
      listTickets: (range) => data.tickets(range),
      listProducts: () => data.products(),
    };
  },
});

export { LocalData };
