/**
 * The `youzan` platform (有赞云 Open API, self-use app with silent auth): items with SKUs (catalog read
 * and upsert by 商家编码), trades sold (orders, incremental by update time), logistics online confirm
 * (发货), and a check. Wire format: shared/reference/platforms.md §4. Writes are made idempotent by
 * looking the item or the trade's shipments up first, and again after any answer that got lost.
 */
import { z } from "zod";
import { skuOf } from "../../../core/catalog/identity.js";
import { type Message, msg } from "../../../core/i18n/index.js";
import { joinMessages } from "../../../core/i18n/join.js";
import type { Order, Product } from "../../../core/model.js";
import { AdapterError } from "../../../http/index.js";
import { PageNumbers } from "../../pagination.js";
import {
  type AdapterContext,
  type CheckResult,
  definePlatform,
  errorText,
  type FulfillmentRequest,
  type InstantRange,
  type PlatformAdapter,
  type PlatformCapability,
  resultFrom,
  resultWith,
  type UpsertResult,
} from "../../platform.js";
import { parseWire, recordName } from "../../wire-schema.js";
import { createYouzanApi, type YouzanApi, YouzanApiError } from "./api.js";
import { axisLabel, beijingText, canonicalAxis, itemToProduct, originPrice, specPairs, tradeToOrder, YOUZAN_CURRENCY } from "./mapping.js";
import { toDecimal } from "./money.js";
import { itemSchema, itemsPageSchema, tradeGetSchema, tradeInfoSchema, tradesPageSchema } from "./wire.js";

const DEFAULT_BASE_URL = "https://open.youzanyun.com";
const ITEMS_PAGE_SIZE = 300; // the documented maximum of the item lists
const TRADES_PAGE_SIZE = 100;
/** A trades window holding more than this is split before paging, so one window fits in memory. */
const TRADES_WINDOW_MAX = 1000;
const MAX_AXES = 3; // Youzan items carry at most three specs

const V = {
  itemsOnSale: ["youzan.items.onsale.get", "3.0.0"],
  itemsInventory: ["youzan.items.inventory.get", "3.0.0"],
  itemGet: ["youzan.item.get", "3.0.0"],
  itemCreate: ["youzan.item.create", "3.0.0"],
  itemUpdate: ["youzan.item.update", "3.0.0"],
  tradesSold: ["youzan.trades.sold.get", "4.0.0"],
  tradeGet: ["youzan.trade.get", "4.0.0"],
  logisticsConfirm: ["youzan.logistics.online.confirm", "3.0.0"],
} as const satisfies Record<string, readonly [string, string]>;

const CAPABILITIES: readonly PlatformCapability[] = ["catalog.read", "catalog.write", "orders.read", "fulfillments.write", "check"];

/** What each command calls: Youzan grants APIs to an app by API group, so these are API names. */
export const YOUZAN_SCOPES_NEEDED: Record<string, string[]> = {
  "catalog export": [V.itemsOnSale[0], V.itemsInventory[0], V.itemGet[0]],
  "catalog import": [V.itemsOnSale[0], V.itemsInventory[0], V.itemGet[0], V.itemCreate[0], V.itemUpdate[0]],
  "orders sync": [V.tradesSold[0]],
  "kpi report": [V.tradesSold[0]],
  "shipments import": [V.tradeGet[0], V.logisticsConfirm[0]],
};

const httpSchema = z
  .object({
    timeoutMs: z.number().int().positive().optional(),
    /** One request's attempts and waits together (see HttpClientOptions.totalTimeoutMs). */
    totalTimeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(20).optional(),
    backoffBaseMs: z.number().int().min(0).optional(),
    backoffCapMs: z.number().int().min(0).optional(),
    requestsPerSecond: z.number().positive().optional(),
    concurrency: z.number().int().positive().max(32).optional(),
  })
  .strict();

const configSchema = z
  .object({
    platform: z.literal("youzan"),
    /** client_id of the self-use (自用型) app. */
    clientId: z.string().min(1),
    /** client_secret, as env:NAME in the file (resolved before create). */
    clientSecret: z.string().min(1),
    /** The shop's 店铺 ID (kdt_id), sent as grant_id. */
    kdtId: z.union([z.string().regex(/^\d+$/, "is the numeric 店铺 ID (kdt_id)"), z.number().int().positive()]),
    baseUrl: z.string().min(1).optional(),
    /** Spec names written to Youzan: 颜色/尺码 (zh, default) or Color/Size (en). Both are read. */
    optionLabels: z.enum(["zh", "en"]).optional(),
    /** Courier code or name -> Youzan express company id (out_stype, from youzan.logistics.express.get). */
    couriers: z.record(z.string(), z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])).optional(),
    http: httpSchema.optional(),
    timezone: z.string().optional(),
    currency: z.string().optional(),
  })
  .strict();
export type YouzanConfig = z.infer<typeof configSchema>;

function baseUrlOf(raw: string | undefined): string {
  const value = (raw ?? DEFAULT_BASE_URL).trim().replace(/\/+$/, "");
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
}

const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : undefined;

/** Lost answers: the request may or may not have been applied (everything but a refusal Youzan wrote). */
const isAmbiguous = (e: unknown) =>
  e instanceof AdapterError && !(e instanceof YouzanApiError) && (e.status === undefined || e.status >= 500);
/** Failures of one product that must not stop the batch: Youzan refused that product. */
// Gateway refusals (unknown API or version, bad request shape) are not about one item: they stop the batch.
const isItemRefusal = (e: unknown) => e instanceof YouzanApiError && e.kind === "business";

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: unknown;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && failed === undefined) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T, i);
      } catch (error) {
        failed ??= error;
      }
    }
  });
  await Promise.all(workers);
  if (failed !== undefined) throw failed;
  return out;
}

/** The normalized shape of an item, for "is it already as wanted?" comparisons. */
interface ItemShape {
  title: string;
  desc: string;
  display: 0 | 1;
  originPrice: number | null;
  /** No SKUs: the item's own price and stock. */
  price?: number;
  quantity?: number | undefined;
  skus: { code: string; price: number; quantity: number | undefined; specs: [string, string][] }[];
}

function desiredShape(p: Product): ItemShape {
  const axes = p.options ?? [];
  const compare = p.variants.find((v) => v.compareAtPrice !== undefined && v.compareAtPrice !== null)?.compareAtPrice ?? null;
  const base = { title: p.title, desc: p.description ?? "", display: (p.status === "active" ? 1 : 0) as 0 | 1, originPrice: compare };
  if (axes.length === 0) {
    const v = p.variants[0];
    return { ...base, price: v?.price ?? 0, quantity: v?.inventory ?? undefined, skus: [] };
  }
  return {
    ...base,
    skus: p.variants.map((v) => ({
      code: v.sku ?? "",
      price: v.price,
      quantity: v.inventory ?? undefined,
      specs: axes.map((a) => [a, v.options[a] ?? ""] as [string, string]),
    })),
  };
}

function existingShape(item: Record<string, unknown>): ItemShape {
  const skus = Array.isArray(item.skus) ? item.skus.map(rec) : [];
  const base = {
    title: String(item.title ?? ""),
    desc: String(item.desc ?? ""),
    display: (num(item.is_display) === 0 ? 0 : 1) as 0 | 1,
    originPrice: originPrice(item.origin_price),
  };
  if (skus.length === 0) return { ...base, price: num(item.price) ?? 0, quantity: num(item.quantity), skus: [] };
  return {
    ...base,
    skus: skus.map((s) => ({
      code: String(s.item_no ?? s.code ?? ""),
      price: num(s.price) ?? 0,
      quantity: num(s.quantity),
      specs: specPairs(s.properties_name_json ?? s.properties_name).map((p) => [canonicalAxis(p.k), p.v] as [string, string]),
    })),
  };
}

function sameShape(want: ItemShape, have: ItemShape): boolean {
  if (want.title !== have.title || want.desc !== have.desc || want.display !== have.display || want.originPrice !== have.originPrice)
    return false;
  if (want.skus.length !== have.skus.length) return false;
  if (want.skus.length === 0) return want.price === have.price && (want.quantity === undefined || want.quantity === have.quantity);
  const coded = have.skus.filter((s) => s.code !== "");
  if (new Set(coded.map((s) => s.code)).size !== coded.length) return false;
  const specsOf = (x: { specs: [string, string][] }) => JSON.stringify(x.specs);
  return want.skus.every((w) => {
    // A SKU with a 商家编码 is found by it; one without (a SKU-less variant) by its spec values.
    const h = w.code !== "" ? coded.find((s) => s.code === w.code) : have.skus.find((s) => specsOf(s) === specsOf(w));
    return (
      h !== undefined &&
      h.price === w.price &&
      (w.quantity === undefined || w.quantity === h.quantity) &&
      JSON.stringify(h.specs) === JSON.stringify(w.specs)
    );
  });
}

/** Why a product cannot be written to Youzan as given, or undefined. */
function unwritable(p: Product): string | undefined {
  if (!p.handle.trim()) return "the product has no handle (written as the item's 商家编码)";
  if (p.variants.length === 0) return "the product has no variants";
  const axes = p.options ?? [];
  if (axes.length > MAX_AXES) return `Youzan items have at most ${MAX_AXES} specs; this product has ${axes.length} (${axes.join(", ")})`;
  if (axes.length === 0 && p.variants.length > 1) return "several variants but no option axes: Youzan needs specs to tell SKUs apart";
  const skus = new Set<string>();
  for (const v of p.variants) {
    if (v.currency !== YOUZAN_CURRENCY) return `variant ${v.sku} is priced in ${v.currency}; Youzan shops sell in CNY`;
    if (!Number.isSafeInteger(v.price) || v.price < 0) return `variant ${v.sku} has no valid price`;
    const sku = v.sku ?? "";
    if (axes.length > 0 && sku !== "" && skus.has(sku)) return `SKU ${sku} appears twice`;
    skus.add(sku);
  }
  return undefined;
}

export default definePlatform<YouzanConfig>({
  name: "youzan",
  description: "有赞 Youzan shop through the 有赞云 Open API (self-use app): items, trades, logistics confirm",
  capabilities: CAPABILITIES,
  configSchema,
  create(config, ctx) {
    return createYouzanStore(config, ctx);
  },
});

export function createYouzanStore(config: YouzanConfig, ctx: AdapterContext): PlatformAdapter {
  const api: YouzanApi = createYouzanApi({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    kdtId: String(config.kdtId),
    baseUrl: baseUrlOf(config.baseUrl),
    storeName: ctx.storeName,
    ...(config.http ? { http: config.http } : {}),
    log: { debug: (m) => ctx.log.debug(m), warn: (m) => ctx.log.warn(m) },
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.network?.allowInsecure !== undefined ? { allowInsecure: ctx.network.allowInsecure } : {}),
    cache: () => ctx.state(),
  });
  const labels = config.optionLabels ?? "zh";
  const workers = Math.max(1, Math.min(config.http?.concurrency ?? 4, 16));
  const call = <T>(which: readonly [string, string], params: Record<string, unknown>, idempotent: boolean) =>
    api.call<T>(which[0], which[1], params, { idempotent });

  const wire = (which: readonly [string, string]) => `${which[0]} ${which[1]}`;
  const source = { platform: "youzan", storeName: ctx.storeName };

  // ---- catalog.read ----------------------------------------------------------------------------

  /** One page of an item list (on sale or in the warehouse). */
  async function itemsPage(which: readonly [string, string], page: number, params: Record<string, unknown>) {
    const raw = await call<unknown>(which, { page_no: page, page_size: ITEMS_PAGE_SIZE, ...params }, true);
    const data = parseWire(itemsPageSchema, raw, wire(which), source);
    return { count: num(data.count) ?? 0, items: (data.items ?? []).map(rec) };
  }

  /** Every listed item of both lists (on sale first), deduplicated, oldest first so new items append. */
  async function* listedItems(
    params: Record<string, unknown>,
  ): AsyncGenerator<{ item: Record<string, unknown>; status: Product["status"] }> {
    const seen = new Set<string>();
    for (const [which, status] of [
      [V.itemsOnSale, "active"],
      [V.itemsInventory, "draft"],
    ] as const) {
      const numbers = new PageNumbers({ platform: "youzan", storeName: ctx.storeName, what: wire(which) });
      for (let page = 1; ; page++) {
        const { count, items } = await itemsPage(which, page, { order_by: "created_time:asc", ...params });
        numbers.check(
          page,
          items.map((i) => (i.item_id === undefined || i.item_id === null ? undefined : String(i.item_id))),
          Math.ceil(count / ITEMS_PAGE_SIZE),
        );
        for (const item of items) {
          const id = String(item.item_id ?? "");
          if (!id || seen.has(id)) continue;
          seen.add(id);
          yield { item, status };
        }
        if (items.length < ITEMS_PAGE_SIZE || page * ITEMS_PAGE_SIZE >= count) break;
      }
    }
  }

  async function itemDetail(itemId: string | number): Promise<Record<string, unknown>> {
    const data = rec(await call<unknown>(V.itemGet, { item_id: Number(itemId) }, true));
    return parseWire(itemSchema, data.item, wire(V.itemGet), source, recordName("item", itemId, 1));
  }

  async function* listProducts(query: { updatedSince?: Date }): AsyncGenerator<Product> {
    const params = query.updatedSince ? { update_time_start: query.updatedSince.getTime() } : {};
    let page: { item: Record<string, unknown>; status: Product["status"] }[] = [];
    const flush = async () => {
      // The lists carry no SKUs: each item's detail is fetched, a few at a time, in list order.
      const details = await mapLimit(page, workers, ({ item }) => itemDetail(String(item.item_id)));
      const out = details.map((d, i) => itemToProduct(d, page[i]?.status));
      page = [];
      return out;
    };
    for await (const listed of listedItems(params)) {
      page.push(listed);
      if (page.length >= workers * 4) yield* await flush();
    }
    if (page.length) yield* await flush();
  }

  // ---- catalog.write ---------------------------------------------------------------------------

  /** 商家编码 -> item ids, loaded once from the lists and then kept current by this adapter's own writes. */
  let index: Map<string, number[]> | undefined;

  function remember(itemNo: string, itemId: number): void {
    if (!index || !itemNo) return;
    const ids = index.get(itemNo) ?? [];
    if (!ids.includes(itemId)) ids.push(itemId);
    ids.sort((a, b) => a - b);
    index.set(itemNo, ids);
  }

  /** Loads (or, with `sinceMs`, catches up) the index from the item lists. */
  async function refreshIndex(sinceMs?: number): Promise<void> {
    if (!index || sinceMs === undefined) index = new Map();
    const params = sinceMs !== undefined ? { update_time_start: sinceMs } : {};
    for await (const { item } of listedItems(params)) {
      const id = num(item.item_id);
      if (id !== undefined) remember(String(item.item_no ?? ""), id);
    }
  }

  function payloadOf(p: Product, existing?: Record<string, unknown>): Record<string, unknown> {
    const want = desiredShape(p);
    const axes = p.options ?? [];
    const body: Record<string, unknown> = {
      title: p.title,
      desc: p.description ?? "",
      item_no: p.handle,
      is_display: want.display,
      origin_price: want.originPrice === null ? "" : toDecimal(want.originPrice, YOUZAN_CURRENCY),
    };
    const have = existing ? existingShape(existing) : undefined;
    if (axes.length === 0) {
      body.price = want.price;
      body.quantity = want.quantity ?? have?.quantity ?? 0;
      return body;
    }
    // The shop's own SKU of a variant: by 商家编码 when the file has one, else by its spec values.
    const haveSku = (v: (typeof p.variants)[number]) =>
      have?.skus.find((s) =>
        skuOf(v) !== undefined ? s.code === skuOf(v) : s.specs.every(([axis, value]) => (v.options[axis] ?? "") === value),
      );
    const stocks = p.variants.map((v) => ({
      price: v.price,
      // Stock not given: keep what the shop has for that SKU.
      quantity: v.inventory ?? haveSku(v)?.quantity ?? 0,
      // No code in the file: keep the shop's (a SKU-less variant stays SKU-less).
      code: skuOf(v) ?? haveSku(v)?.code ?? "",
      skus: axes.map((a) => ({ k: axisLabel(a, labels), v: v.options[a] ?? "" })),
    }));
    body.sku_stocks = JSON.stringify(stocks);
    body.price = Math.min(...p.variants.map((v) => v.price));
    body.quantity = stocks.reduce((sum, s) => sum + s.quantity, 0);
    return body;
  }

  /** Makes one product as given; throws only what must stop the batch (or a lost answer, for reconciling). */
  async function upsertOne(p: Product, created: boolean): Promise<UpsertResult> {
    const ids = index?.get(p.handle);
    const itemId = ids?.[0];
    if (itemId === undefined) {
      const data = rec(await call<unknown>(V.itemCreate, payloadOf(p), false));
      const id = num(rec(data.item).item_id ?? data.item_id);
      if (id !== undefined) remember(p.handle, id);
      return { key: p.handle, status: "created", ...(id !== undefined ? { remoteId: String(id) } : {}) };
    }
    const existing = await itemDetail(itemId);
    const note =
      ids && ids.length > 1 ? `${ids.length} Youzan items share 商家编码 ${p.handle}; updated the oldest (${itemId})` : undefined;
    if (sameShape(desiredShape(p), existingShape(existing))) {
      return { key: p.handle, status: created ? "created" : "unchanged", remoteId: String(itemId), ...(note ? { message: note } : {}) };
    }
    // An update sets fields to values: repeating it is harmless, so it may be retried after a lost answer.
    await call(V.itemUpdate, { item_id: itemId, ...payloadOf(p, existing) }, true);
    return { key: p.handle, status: created ? "created" : "updated", remoteId: String(itemId), ...(note ? { message: note } : {}) };
  }

  async function upsertProducts(batch: readonly Product[]): Promise<UpsertResult[]> {
    const started = Date.now();
    if (!index) await refreshIndex();
    const results = new Array<UpsertResult | undefined>(batch.length);
    let pending: number[] = [];
    // Products whose create was sent: after a lost answer, finding the item means our create made it.
    const createSent = new Set<number>();
    const attempt = async (i: number) => {
      const p = batch[i] as Product;
      if (index?.get(p.handle) === undefined) createSent.add(i);
      try {
        results[i] = await upsertOne(p, createSent.has(i));
      } catch (error) {
        if (isItemRefusal(error)) results[i] = resultFrom({ key: p.handle, status: "failed" }, error);
        else if (isAmbiguous(error)) pending.push(i);
        else throw error;
      }
    };
    await mapLimit(
      batch.map((_, i) => i),
      workers,
      async (i) => {
        const problem = unwritable(batch[i] as Product);
        if (problem) results[i] = { key: (batch[i] as Product).handle, status: "failed", message: problem };
        else await attempt(i);
      },
    );
    // Lost answers: look at what the shop now holds before writing again, so nothing is created twice.
    for (let round = 0; pending.length > 0 && round < 5; round++) {
      const retry = pending;
      pending = [];
      await refreshIndex(started - 5 * 60_000);
      await mapLimit(retry, workers, attempt);
    }
    for (const i of pending) {
      results[i] = resultWith({ key: (batch[i] as Product).handle, status: "failed" }, msg("adapter.youzan.no_answer"));
    }
    return results.map((r, i) => r ?? resultWith({ key: (batch[i] as Product).handle, status: "failed" }, msg("adapter.not_processed")));
  }

  // ---- orders.read -----------------------------------------------------------------------------

  type TimeField = "created" | "update";

  async function tradesPage(page: number, bounds: Record<string, string>): Promise<{ total: number; infos: unknown[] }> {
    const raw = await call<unknown>(V.tradesSold, { page_no: page, page_size: TRADES_PAGE_SIZE, ...bounds }, true);
    const data = parseWire(tradesPageSchema, raw, wire(V.tradesSold), source);
    const list = data.full_order_info_list ?? [];
    return {
      total: num(data.total_results) ?? num(rec(data.paginator).total_count) ?? 0,
      infos: list.map((e, k) => {
        const info = rec(e).full_order_info ?? e;
        const tid = rec(rec(info).order_info).tid;
        const which = recordName("trade", typeof tid === "string" && tid ? tid : undefined, (page - 1) * TRADES_PAGE_SIZE + k + 1);
        return parseWire(tradeInfoSchema, info, wire(V.tradesSold), source, which);
      }),
    };
  }

  /**
   * Every trade matching `bounds`, each once. Pages are read last to first (page 1 read again at the end):
   * a trade that leaves the result while we page (updated meanwhile) then shifts others towards pages not
   * yet read instead of past the ones already read, so nothing is skipped; the id set drops repeats.
   */
  async function* tradesIn(bounds: Record<string, string>, seen: Set<string>, first?: { total: number; infos: unknown[] }) {
    const head = first ?? (await tradesPage(1, bounds));
    const pages = Math.ceil(head.total / TRADES_PAGE_SIZE);
    const emit = function* (infos: unknown[]) {
      for (const info of infos) {
        const order = tradeToOrder(info);
        if (order && !seen.has(order.id)) {
          seen.add(order.id);
          yield order;
        }
      }
    };
    if (pages <= 1) {
      yield* emit(head.infos);
      return;
    }
    for (let page = pages; page >= 2; page--) yield* emit((await tradesPage(page, bounds)).infos);
    yield* emit((await tradesPage(1, bounds)).infos);
  }

  /** Bounds of [fromMs, toMs) in Youzan's inclusive, whole-second parameters. */
  function windowBounds(field: TimeField, fromMs: number, toMs: number): Record<string, string> {
    const from = Math.ceil(fromMs / 1000) * 1000;
    const to = Math.ceil(toMs / 1000) * 1000 - 1000;
    return field === "created"
      ? { start_created: beijingText(from), end_created: beijingText(to) }
      : { start_update: beijingText(from), end_update: beijingText(to) };
  }

  /**
   * Trades with `field` in [fromMs, toMs), ascending by that time: the range is cut into windows small
   * enough to hold in memory (split when Youzan counts too many), each read whole and sorted.
   */
  async function* tradesAscending(field: TimeField, fromMs: number, toMs: number): AsyncGenerator<Order> {
    const windows: [number, number][] = [[fromMs, toMs]];
    const timeOf = (o: Order) => (field === "created" ? o.placedAt.getTime() : (o.updatedAt ?? o.placedAt).getTime());
    while (windows.length > 0) {
      const [a, b] = windows.shift() as [number, number];
      if (b <= a) continue;
      const bounds = windowBounds(field, a, b);
      const head = await tradesPage(1, bounds);
      if (head.total > TRADES_WINDOW_MAX && b - a > 2000) {
        const parts = Math.min(64, Math.ceil(head.total / (TRADES_WINDOW_MAX / 2)));
        const step = Math.max(1000, Math.ceil((b - a) / parts / 1000) * 1000);
        const pieces: [number, number][] = [];
        for (let s = a; s < b; s += step) pieces.push([s, Math.min(b, s + step)]);
        windows.unshift(...pieces);
        continue;
      }
      const seen = new Set<string>();
      const batch: Order[] = [];
      for await (const o of tradesIn(bounds, seen, head)) {
        const t = timeOf(o);
        if (t >= a && t < b) batch.push(o);
      }
      batch.sort((x, y) => timeOf(x) - timeOf(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      yield* batch;
    }
  }

  async function* listOrders(query: InstantRange & { updatedSince?: Date }): AsyncGenerator<Order> {
    const inPlaced = (o: Order) =>
      (!query.since || o.placedAt.getTime() >= query.since.getTime()) && (!query.until || o.placedAt.getTime() < query.until.getTime());
    // Windows end at the start of the run: trades changed while we read come in the next sync, not mid-way.
    const end = Date.now();
    if (query.updatedSince) {
      for await (const o of tradesAscending("update", query.updatedSince.getTime(), end + 1000)) if (inPlaced(o)) yield o;
      return;
    }
    if (query.since) {
      yield* tradesAscending("created", query.since.getTime(), query.until?.getTime() ?? end + 1000);
      return;
    }
    const bounds = query.until ? windowBounds("created", 0, query.until.getTime()) : {};
    if (query.until) delete bounds.start_created;
    for await (const o of tradesIn(bounds, new Set())) if (inPlaced(o)) yield o;
  }

  // ---- fulfillments.write ----------------------------------------------------------------------

  async function readTrade(tid: string) {
    const data = parseWire(tradeGetSchema, await call<unknown>(V.tradeGet, { tid }, true), wire(V.tradeGet), source);
    const info = rec(data.full_order_info);
    const status = String(rec(info.order_info).status ?? "");
    const tracking = new Set<string>();
    for (const d of Array.isArray(data.delivery_order) ? data.delivery_order.map(rec) : []) {
      for (const dist of Array.isArray(d.dists) ? d.dists.map(rec) : []) {
        const no = rec(dist.express_info).express_no;
        if (no !== undefined && no !== null && no !== "") tracking.add(String(no));
      }
    }
    return { info, status, tracking };
  }

  function expressId(courier: string): string | undefined {
    if (/^\d+$/.test(courier.trim())) return courier.trim();
    const map = config.couriers ?? {};
    const hit =
      map[courier] ?? map[courier.toLowerCase()] ?? Object.entries(map).find(([k]) => k.toLowerCase() === courier.toLowerCase())?.[1];
    return hit === undefined ? undefined : String(hit);
  }

  async function createFulfillment(orderId: string, request: FulfillmentRequest): Promise<UpsertResult> {
    const key = request.trackingNumber;
    const outStype = expressId(request.courier);
    if (!outStype) {
      return resultWith({ key, status: "failed" }, msg("adapter.youzan.no_express_id", { courier: request.courier, store: ctx.storeName }));
    }
    let trade: Awaited<ReturnType<typeof readTrade>>;
    try {
      trade = await readTrade(orderId);
    } catch (error) {
      if (isItemRefusal(error)) return resultFrom({ key, status: "failed", remoteId: orderId }, error);
      throw error;
    }
    if (trade.tracking.has(key)) return { key, status: "unchanged", remoteId: orderId };
    let oids: string | undefined;
    if (request.lines?.length) {
      const lines = Array.isArray(trade.info.orders) ? trade.info.orders.map(rec) : [];
      const wanted = new Set(request.lines.map((l) => l.sku));
      const matched = lines.filter((l) => wanted.has(String(l.outer_sku_id ?? "")) || wanted.has(String(l.outer_item_id ?? "")));
      if (matched.length === 0)
        return resultWith(
          { key, status: "failed", remoteId: orderId },
          msg("adapter.youzan.skus_not_in_trade", { skus: [...wanted].join(", "), trade: orderId }),
        );
      if (matched.length < lines.length) oids = matched.map((l) => String(l.oid)).join(",");
    }
    const params = { tid: orderId, out_stype: outStype, out_sid: key, is_no_express: 0, ...(oids ? { oids } : {}) };
    for (let round = 0; ; round++) {
      try {
        await call(V.logisticsConfirm, params, false);
        return { key, status: "created", remoteId: orderId };
      } catch (error) {
        if (isItemRefusal(error)) return resultFrom({ key, status: "failed", remoteId: orderId }, error);
        if (!isAmbiguous(error) || round >= 3) throw error;
        // The answer was lost: has the shipment been recorded?
        if ((await readTrade(orderId)).tracking.has(key)) return { key, status: "created", remoteId: orderId };
      }
    }
  }

  // ---- check -----------------------------------------------------------------------------------

  async function check(): Promise<CheckResult> {
    const result: CheckResult = { reachable: false, authenticated: false, scopesGranted: [], scopesNeeded: YOUZAN_SCOPES_NEEDED };
    let scope: string | undefined;
    try {
      scope = (await api.token()).scope;
      result.reachable = true;
      result.authenticated = true;
    } catch (error) {
      result.reachable = error instanceof AdapterError && error.status !== undefined;
      result.message = errorText(error);
      return result;
    }
    result.scopesGranted = (scope ?? "").split(/[\s,]+/).filter(Boolean);
    const refused: string[] = [];
    for (const [which, params] of [
      [V.itemsOnSale, { page_no: 1, page_size: 1 }],
      [V.tradesSold, { page_no: 1, page_size: 1 }],
    ] as const) {
      try {
        await call(which, params, true);
      } catch (error) {
        if (error instanceof YouzanApiError && error.kind === "permission") refused.push(which[0]);
        else {
          result.message = errorText(error);
          return result;
        }
      }
    }
    // scopesNeeded names APIs; Youzan grants API groups: report the needed APIs a granted group covers, minus any refused.
    const groups = new Set(result.scopesGranted);
    const groupOf = (name: string) =>
      /^youzan\.items?\./.test(name)
        ? "item"
        : /^youzan\.trades?\./.test(name)
          ? "trade"
          : /^youzan\.logistics\./.test(name)
            ? "logistics"
            : "shop";
    result.scopesGranted = [...new Set(Object.values(YOUZAN_SCOPES_NEEDED).flat())].filter(
      (name) => (groups.size === 0 || groups.has(groupOf(name))) && !refused.includes(name),
    );
    const notes: Message[] = [];
    if (refused.length) notes.push(msg("youzan.check.not_authorised", { apis: refused.join(", ") }));
    if (groups.size === 0) notes.push(msg("youzan.check.groups_unknown"));
    notes.push(msg("youzan.check.writes_untested"));
    result.message = joinMessages(notes);
    return result;
  }

  return {
    capabilities: CAPABILITIES,
    listProducts,
    upsertProducts,
    listOrders,
    createFulfillment,
    check,
  };
}
