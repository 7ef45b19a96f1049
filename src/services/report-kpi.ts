/**
 * `merchops kpi report`: one streaming pass over a store's orders, returns, traffic and tickets,
 * then every metric for the period and the one before it. Plain data in, plain data out.
 */

import { type Message, msg } from "../core/i18n/index.js";
import { KpiAccumulator } from "../core/kpi/accumulator.js";
import { computeMetrics, METRICS_OF_FIELD, type MetricResult } from "../core/kpi/compute.js";
import { type ConversionBasis, DEFAULT_THRESHOLDS, type Thresholds } from "../core/kpi/definitions.js";
import { type Period, PeriodSyntaxError, parsePeriod, periodError, periodInstants, previousPeriod } from "../core/period.js";
import { deliveredOnTime, resolveSlaRules } from "../core/shipments/index.js";
import { addDays, type Day, dayOf, eachDay } from "../core/time.js";
import { ShipmentsData } from "../store/shipments-data.js";
import type { RunContext } from "./context.js";
import { type SyncedState, syncedState } from "./sync-orders.js";

export interface KpiReportOptions {
  store?: string;
  /** Period expression: yesterday, last-7-days, 2026-11-01..2026-11-07, ... */
  period: string;
  compare: "previous" | "none";
  /** A remote store's `orders sync` running: wait this long for it to finish (default 600 s), then exit 6. */
  syncWaitSeconds?: number;
}

/** Where a remote store's figures came from: the state `orders sync` left, said in words. */
export interface DataSource {
  kind: "synced";
  /** When the sync the report reads completed (null: the last one did not complete). */
  syncCompletedAt: string | null;
  /** The report found a sync running and waited for it to finish. */
  waitedForSync: boolean;
  note: string;
}

export interface DailyPoint {
  day: Day;
  orders: number;
  gmv: number | null;
  visitors: number | null;
  conversionRate: number | null;
}

export interface KpiReport {
  schemaVersion: 1;
  generatedAt: string;
  store: { name: string; platform: string };
  timezone: string;
  currency: string;
  period: Period;
  previousPeriod: Period | null;
  conversionBasis: ConversionBasis;
  thresholds: Thresholds;
  metrics: MetricResult[];
  breaches: MetricResult[];
  daily: DailyPoint[];
  /** Traffic sessions by source, current and previous, for the traffic-mix chart. */
  sessionsBySource: { source: string; current: number | null; previous: number | null }[];
  counts: { ordersRead: number; testOrdersSkipped: number; cancelledOrdersSkipped: number; ticketsNotYetDue: number };
  /** Remote stores only: which synced state the report read. */
  dataSource?: DataSource;
  warnings: (Message | string)[];
  /** Files read and the export profile of each (files stores). */
  sources?: string[];
}

/** Refunds land in the period they are paid; look this far back for their return requests. */
const REFUND_LOOKBACK_DAYS = 120;
const MIN_TREND_DAYS = 14;
const MAX_TREND_DAYS = 92;

export async function reportKpi(ctx: RunContext, opts: KpiReportOptions): Promise<KpiReport> {
  const store = await ctx.openStore(opts.store, ["orders.read"], { syncedOrders: true });
  if (!store.remote) return buildReport(ctx, store, opts);
  // Never a half-synced state: an `orders sync` of this store running now is waited for, and none starts
  // while the report reads (it holds the sync's lock; a sync run with --wait queues behind it).
  let waitedForSync = false;
  return ctx.withLock(
    store.name,
    "orders sync",
    { waitSeconds: opts.syncWaitSeconds ?? 600, command: "merchops kpi report", onWait: () => (waitedForSync = true) },
    async () => buildReport(ctx, store, opts, { synced: await syncedState(await ctx.state(), store.name), waitedForSync }),
  );
}

/** The words for the synced state a report reads. */
function describeSource(synced: SyncedState, waitedForSync: boolean): DataSource {
  const run = synced.lastRun;
  const completed = run?.completedAt ?? null;
  const note = !run
    ? "orders and refunds as stored by an orders sync of an earlier merchops version"
    : completed
      ? `orders and refunds as of the orders sync completed at ${completed}${waitedForSync ? " (the report waited for it to finish)" : ""}`
      : `the last orders sync (started ${run.startedAt}) did not complete: orders and refunds up to its last stored batch; run orders sync again`;
  return { kind: "synced", syncCompletedAt: completed, waitedForSync, note };
}

async function buildReport(
  ctx: RunContext,
  store: Awaited<ReturnType<RunContext["openStore"]>>,
  opts: KpiReportOptions,
  remote?: { synced: SyncedState; waitedForSync: boolean },
): Promise<KpiReport> {
  const { adapter, timezone: tz, currency } = store;
  const kpiConfig = ctx.opts.loaded.config.kpi ?? {};
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...(kpiConfig.thresholds ?? {}) };
  const conversionBasis: ConversionBasis = kpiConfig.conversionBasis ?? "buyers-per-visitor";
  const now = ctx.now();
  const today = dayOf(now, tz);

  let period: Period;
  try {
    period = parsePeriod(opts.period, today);
  } catch (e) {
    if (e instanceof PeriodSyntaxError) throw periodError(e);
    throw e;
  }
  const previous = opts.compare === "previous" ? previousPeriod(period) : null;
  const trendFirst = (() => {
    const span = Math.min(MAX_TREND_DAYS, Math.max(MIN_TREND_DAYS, eachDay(period.first, period.last).length));
    return addDays(period.last, 1 - span);
  })();
  const firstDay = [period.first, previous?.first ?? period.first, trendFirst].sort()[0] as Day;
  const window = { from: periodInstants({ first: firstDay, last: period.last, label: "" }, tz).from, to: periodInstants(period, tz).to };

  const acc = new KpiAccumulator({
    tz,
    current: period,
    previous: previous ?? undefined,
    trend: { first: trendFirst, last: period.last },
    ticketTargetSeconds: thresholds.ticketFirstResponseMaxHours * 3600,
    nowMs: now.getTime(),
  });

  const warnings: (Message | string)[] = [];
  const has = (cap: string) => adapter.capabilities.includes(cap as never);
  const why = (cap: string, what: "returns" | "traffic" | "support") =>
    (adapter as { unavailable?: Record<string, string> }).unavailable?.[cap] ??
    msg("kpi.missing.store_has_no", { store: store.name, platform: store.platform, what });
  const unavailable: Partial<Record<"traffic" | "returns" | "support" | "logistics", Message | string>> = {};

  // All order history up to the period's end: a customer is new when their first order ever
  // falls in the period, which only the whole history can tell.
  const step = 20_000;
  ctx.progress.start(msg("progress.reading_orders"));
  let n = 0;
  for await (const order of adapter.listOrders?.({ until: new Date(window.to) }) ?? []) {
    acc.addOrder(order);
    if (++n % step === 0) {
      ctx.progress.update(msg("progress.reading_orders_n", { n }));
      ctx.checkInterrupted();
    }
  }
  ctx.progress.done(msg("progress.read_orders", { n }));

  const refundsSince = new Date(window.from - REFUND_LOOKBACK_DAYS * 86_400_000);
  const refundsFrom = remote ? remote.synced.refundsFrom : null;
  if (remote && has("returns.read") && (!refundsFrom || refundsFrom > refundsSince)) {
    // Stored before refunds travelled with orders: what is there would read as "no returns", which is wrong.
    const since = refundsSince.toISOString().slice(0, 10);
    unavailable.returns = refundsFrom
      ? msg("kpi.missing.refunds_partial", { since_at: refundsFrom.toISOString(), store: store.name, since })
      : msg("kpi.missing.no_refunds", { store: store.name, since });
  } else if (has("returns.read") && adapter.listReturns) {
    ctx.progress.start(msg("progress.reading_returns"));
    const since = refundsSince;
    for await (const r of adapter.listReturns({ since, until: new Date(window.to) })) acc.addReturn(r);
    ctx.progress.done();
  } else unavailable.returns = why("returns.read", "returns");

  if (has("traffic.read") && adapter.listTraffic) {
    ctx.progress.start(msg("progress.reading_traffic"));
    for await (const t of adapter.listTraffic({ first: firstDay, last: period.last })) acc.addTraffic(t);
    ctx.progress.done();
  } else unavailable.traffic = why("traffic.read", "traffic");

  if (has("support.read") && adapter.listTickets) {
    ctx.progress.start(msg("progress.reading_tickets"));
    for await (const t of adapter.listTickets({ since: new Date(window.from), until: new Date(window.to) })) acc.addTicket(t);
    ctx.progress.done();
  } else unavailable.support = why("support.read", "support");

  // Deliveries tracked by `shipments sync`, judged against the courier's SLA.
  const shipmentsData = new ShipmentsData(await ctx.state(), store.name);
  const shipments = await shipmentsData.all();
  const tracked = shipments.some((s) => s.lastCheckedAt !== undefined || s.status !== "info_received");
  if (tracked) {
    const sla = ctx.opts.loaded.config.shipments?.sla;
    const shift = adapter.clockShiftMs ?? 0;
    for (const s of shipments) {
      if (s.status !== "delivered" || !s.deliveredAt) continue;
      const ok = deliveredOnTime(
        {
          courier: s.courier,
          status: s.status,
          deliveredAt: s.deliveredAt,
          ...(s.shippedAt ? { shippedAt: s.shippedAt } : {}),
          ...(s.labelAt ? { labelAt: s.labelAt } : {}),
          ...(s.firstScanAt ? { firstScanAt: s.firstScanAt } : {}),
          ...(s.destination ? { destination: s.destination } : {}),
        },
        resolveSlaRules(sla, s.courier, s.destination),
      );
      if (ok !== null) acc.addDelivery(new Date(s.deliveredAt.getTime() + shift), ok);
    }
  } else {
    unavailable.logistics =
      shipments.length > 0
        ? msg("kpi.missing.no_shipments_tracked", { store: store.name })
        : msg("kpi.missing.no_shipments", { store: store.name });
  }

  acc.finish();

  const paidChannels = new Set<string>();
  for (const b of [acc.current, acc.previous]) {
    for (const [source, s] of b.bySource) if (s.hasAdSpend && s.adSpend > 0) paidChannels.add(source);
  }
  const unavailableMetrics: Record<string, Message | string> = {};
  for (const field of adapter.missingFields?.() ?? []) {
    const [dataset = field, column = ""] = field.split(".");
    for (const id of METRICS_OF_FIELD[field] ?? []) unavailableMetrics[id] = msg("kpi.missing.export_column", { dataset, column });
  }
  const computeOpts = { thresholds, conversionBasis, currency, paidChannels: [...paidChannels].sort(), unavailable, unavailableMetrics };
  const metrics = computeMetrics(acc.current, previous ? acc.previous : null, computeOpts);

  const daily: DailyPoint[] = eachDay(trendFirst, period.last).map((day) => {
    const b = acc.daily.get(day);
    if (!b) return { day, orders: 0, gmv: 0, visitors: null, conversionRate: null };
    const traffic = b.trafficTotals();
    const visitors = traffic?.hasVisitors ? traffic.visitors : null;
    const foreign = [...b.currencies].some((c) => c !== currency);
    return {
      day,
      orders: b.orders,
      gmv: foreign ? null : b.gmv,
      visitors,
      conversionRate: dailyConversion(
        conversionBasis,
        b.orders,
        b.payingCustomers.size,
        visitors,
        traffic?.hasSessions ? traffic.sessions : null,
      ),
    };
  });

  const sources = new Set<string>([...acc.current.bySource.keys(), ...acc.previous.bySource.keys()]);
  const sessionsOf = (b: typeof acc.current, s: string) => {
    const t = b.bySource.get(s);
    if (!t) return null;
    return t.hasSessions ? t.sessions : t.hasVisitors ? t.visitors : null;
  };
  const sessionsBySource = [...sources].sort().map((source) => ({
    source,
    current: sessionsOf(acc.current, source),
    previous: previous ? sessionsOf(acc.previous, source) : null,
  }));

  if (acc.current.orders === 0 && acc.ordersRead > 0)
    warnings.push(msg("kpi.warn.no_orders_in_period", { first: period.first, last: period.last }));
  if (acc.ordersRead === 0) warnings.push(msg("kpi.warn.no_orders_at_all", { store: store.name }));
  const foreign = [...acc.current.currencies].filter((c) => c !== currency);
  if (foreign.length > 0) warnings.push(msg("kpi.warn.foreign_currency", { foreign: foreign.join(", "), currency }));

  const report: KpiReport = {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    store: { name: store.name, platform: store.platform },
    timezone: tz,
    currency,
    period,
    previousPeriod: previous,
    conversionBasis,
    thresholds,
    metrics,
    breaches: metrics.filter((m) => m.status === "breach"),
    daily,
    sessionsBySource,
    counts: {
      ordersRead: acc.ordersRead,
      testOrdersSkipped: acc.skippedTestOrders,
      cancelledOrdersSkipped: acc.skippedCancelledOrders,
      ticketsNotYetDue: acc.ticketsNotYetDue,
    },
    ...(remote ? { dataSource: describeSource(remote.synced, remote.waitedForSync) } : {}),
    warnings,
    ...(adapter.sources ? { sources: adapter.sources() } : {}),
  };
  await recordHistory(ctx, report);
  return report;
}

function dailyConversion(
  basis: ConversionBasis,
  orders: number,
  payers: number,
  visitors: number | null,
  sessions: number | null,
): number | null {
  if (basis === "orders-per-session") return sessions ? orders / sessions : null;
  if (!visitors) return null;
  return (basis === "orders-per-visitor" ? orders : payers) / visitors;
}

/** Keeps each run's figures in the state store, so later reports can show longer trends. */
async function recordHistory(ctx: RunContext, report: KpiReport): Promise<void> {
  const state = await ctx.state();
  const at = Date.parse(report.generatedAt);
  await state.sql.runMany(
    `INSERT INTO kpi_history (store, period_first, period_last, metric, value, generated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (store, period_first, period_last, metric) DO UPDATE SET value = excluded.value, generated_at = excluded.generated_at`,
    report.metrics.map((m) => [report.store.name, report.period.first, report.period.last, m.id, m.value, at]),
    { key: (r) => String(r[3]) },
  );
}
