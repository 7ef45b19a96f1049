/**
 * `orders sync`: a platform's orders -> the state store, incrementally.
 *
 * One bookmark per store: the last change time seen, with the ids changed at that very instant.
 * The adapter lists orders changed at or after it, in ascending change order; each batch is
 * stored and the bookmark moved in one transaction, so a run killed at any point resumes from
 * the last stored batch and never skips an order (Singer's rule: a bookmark is saved only after
 * the data it covers). The ids at the bookmark instant keep a second run from counting the last
 * order again. `--since` reads from an earlier time (a backfill) without moving the bookmark back.
 *
 * Refunds come with their orders (WooCommerce and Shopify carry them on the order) and are stored in the
 * same transaction, so a report never sees an order without its refunds. Reports learn what the synced
 * data covers from the store's sync_runs record (when the last run started and whether it completed; the
 * digest reads the same record) and the `refunds` bookmark (the change time from which every refund is
 * stored: a state synced before refunds travelled with orders holds none older).
 */

import type { z } from "zod";
import { conform } from "../core/contract.js";
import { UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import type { Order } from "../core/model.js";
import { SyncRuns } from "../store/digest-memory.js";
import { LocalData } from "../store/local-data.js";
import type { StateStore } from "../store/state-store.js";
import type { RunContext } from "./context.js";
import { ordersSyncSchema } from "./schemas/index.js";

const STREAM = "orders";
export const REFUNDS_STREAM = "refunds";
const BATCH = 500;

/** What the last `orders sync` run of a store did, for reports to say what their data covers. */
export interface SyncRun {
  startedAt: string;
  /** Null while it runs, or when it was killed. */
  completedAt: string | null;
}

/** Refunds are stored for every order changed at or after `from` (ISO; the epoch = all of them). */
export interface RefundsCoverage {
  from: string;
}

export interface SyncOrdersOptions {
  store: string;
  /** Re-read orders changed since this instant (backfill). */
  since?: Date;
}

export interface SyncOrdersReport {
  store: string;
  platform: string;
  /** Orders the platform returned. */
  fetched: number;
  /** New to the state store. */
  created: number;
  /** Already stored, and changed (or re-read by a backfill). */
  updated: number;
  /** Read from this instant (null: from the beginning). */
  from: string | null;
  /** The bookmark after the run. */
  bookmark: string | null;
  storedTotal: number;
  elapsedMs: number;
  /** The store's time zone: the JSON's instants carry its offset. */
  timezone: string;
}

interface Bookmark {
  /** ISO instant of the last change stored. */
  at: string;
  /** Orders changed exactly at `at`, already stored. */
  ids: string[];
}

const changeTime = (o: Order): number => (o.updatedAt ?? o.placedAt).getTime();

export async function syncOrders(ctx: RunContext, opts: SyncOrdersOptions): Promise<SyncOrdersReport> {
  const started = Date.now();
  const store = await ctx.openStore(opts.store, ["orders.read"]);
  if (!store.remote) {
    throw new UsageError(
      msg("orders.sync.not_remote", { store: store.name, platform: store.platform }),
      msg("orders.sync.not_remote_hint"),
    );
  }
  const state = await ctx.state();
  const data = new LocalData(state, store.name);
  const saved = await state.getBookmark(store.name, STREAM);
  let bookmark: Bookmark | undefined = saved ? (JSON.parse(saved) as Bookmark) : undefined;
  const from = opts.since ?? (bookmark ? new Date(bookmark.at) : undefined);
  const skipAtBookmark = opts.since === undefined && bookmark ? new Set(bookmark.ids) : new Set<string>();
  const savedCoverage = await state.getBookmark(store.name, REFUNDS_STREAM);
  /** The coverage only ever widens: a backfill from earlier moves `from` back, an incremental run keeps it. */
  const noteRefundsCoverage = async (fromIso: string) => {
    const known = savedCoverage ? (JSON.parse(savedCoverage) as RefundsCoverage).from : undefined;
    if (known !== undefined && known <= fromIso) return;
    await state.setBookmark(store.name, REFUNDS_STREAM, JSON.stringify({ from: fromIso } satisfies RefundsCoverage));
  };
  const report: SyncOrdersReport = {
    store: store.name,
    platform: store.platform,
    fetched: 0,
    created: 0,
    updated: 0,
    from: from ? from.toISOString() : null,
    bookmark: bookmark?.at ?? null,
    storedTotal: 0,
    elapsedMs: 0,
    timezone: store.timezone,
  };

  const list = store.adapter.listOrders as NonNullable<typeof store.adapter.listOrders>;
  const run: SyncRun = { startedAt: ctx.now().toISOString(), completedAt: null };
  const runs = new SyncRuns(state);
  await runs.started(store.name, STREAM, new Date(Date.parse(run.startedAt)));
  // Refunds travel with orders from this run on: orders changed since `from` get them now.
  const refundsFrom = (from ?? new Date(0)).toISOString();
  let refundsNoted = false;
  let batch: Order[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // An order listed twice (it changed while the listing was read): once, in its last state, counted once.
    const orders = [...new Map(batch.map((o) => [o.id, o])).values()];
    batch = [];
    const known = await data.knownOrderIds(orders.map((o) => o.id));
    const carriesRefunds = orders.some((o) => o.refunds !== undefined);
    await state.transaction(async () => {
      await data.insertOrders(orders);
      if (carriesRefunds && !refundsNoted) {
        await noteRefundsCoverage(refundsFrom);
        refundsNoted = true;
      }
      // The source lists in change order, so the batch's last change is the new high-water mark;
      // a backfill (--since) never moves the bookmark back.
      for (const o of orders) {
        const t = changeTime(o);
        const at = bookmark ? Date.parse(bookmark.at) : Number.NEGATIVE_INFINITY;
        if (t > at) bookmark = { at: new Date(t).toISOString(), ids: [o.id] };
        else if (t === at && bookmark && !bookmark.ids.includes(o.id)) bookmark.ids.push(o.id);
      }
      if (bookmark) await state.setBookmark(store.name, STREAM, JSON.stringify(bookmark));
    });
    for (const o of orders) {
      if (known.has(o.id)) report.updated++;
      else report.created++;
    }
    ctx.progress.update(msg("progress.orders.syncing_n", { store: store.name, n: report.fetched }));
  };

  ctx.progress.start(msg("progress.orders.syncing", { store: store.name }));
  try {
    // Always by change time, ascending (the bookmark needs that order), on the first run too.
    for await (const o of list({ updatedSince: from ?? new Date(0) })) {
      if (from && changeTime(o) === from.getTime() && skipAtBookmark.has(o.id)) continue;
      report.fetched++;
      batch.push(o);
      if (batch.length >= BATCH) {
        await flush();
        ctx.checkInterrupted();
      }
    }
    await flush();
  } catch (e) {
    // The digest reports a store whose last sync failed, with the reason.
    await runs.failed(store.name, STREAM, ctx.now(), (e as Error).message).catch(() => undefined);
    throw e;
  } finally {
    ctx.progress.done();
  }
  run.completedAt = ctx.now().toISOString();
  await runs.succeeded(store.name, STREAM, new Date(Date.parse(run.completedAt)));
  report.bookmark = bookmark?.at ?? null;
  report.storedTotal = await data.orderCount();
  report.elapsedMs = Date.now() - started;
  return report;
}

/** What a report built from the synced state can say about it (see SyncRun and RefundsCoverage). */
export interface SyncedState {
  lastRun: SyncRun | null;
  refundsFrom: Date | null;
}

export async function syncedState(state: StateStore, store: string): Promise<SyncedState> {
  const run = await new SyncRuns(state).get(store, STREAM);
  const refunds = await state.getBookmark(store, REFUNDS_STREAM);
  return {
    lastRun: run?.runStartedAt
      ? { startedAt: run.runStartedAt.toISOString(), completedAt: run.runCompletedAt ? run.runCompletedAt.toISOString() : null }
      : null,
    refundsFrom: refunds ? new Date((JSON.parse(refunds) as RefundsCoverage).from) : null,
  };
}

/** The JSON document (docs/schemas/orders-sync.schema.json). */
export function syncOrdersJson(r: SyncOrdersReport): z.output<typeof ordersSyncSchema> {
  return conform(ordersSyncSchema, r, { tz: r.timezone });
}
