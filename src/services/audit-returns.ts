/**
 * `merchops returns audit`: where returns come from and why. Reads the store's returns (few),
 * then streams every order once, and reports return rates by units, orders and value for the
 * asked grouping, with findings tied to the operations guide's advice.
 */

import { InputError, UsageError } from "../core/errors.js";
import { type Message, type MessageId, msg } from "../core/i18n/index.js";
import { type Period, PeriodSyntaxError, parsePeriod, periodError, periodInstants } from "../core/period.js";
import {
  type AuditDimension,
  type Basis,
  type DataIssue,
  type Flag,
  type GroupRow,
  groupReasons,
  groupRow,
  highRateFlags,
  type IssueKind,
  LINE_DIMENSIONS,
  type LineDimension,
  ReturnsAudit,
  reasonConcentrationFlags,
  reasonMap,
  sizeSkewFlags,
} from "../core/returns/audit.js";
import { buildRules, REASONS, type ReasonCategory } from "../core/returns/reasons.js";
import { wilsonInterval } from "../core/returns/stats.js";
import { addDays, dayOf } from "../core/time.js";
import { ShipmentsData } from "../store/shipments-data.js";
import type { RunContext } from "./context.js";
import { syncedState } from "./sync-orders.js";

export interface ReturnsAuditOptions {
  store?: string;
  period: string;
  by: AuditDimension;
  basis: Basis;
  /** Fraction, e.g. 0.15. */
  threshold: number;
  minUnits: number;
}

export interface ReasonRow {
  category: ReasonCategory;
  label: string;
  labelZh: string;
  units: number;
  returns: number;
  /** Share of returned units. */
  share: number;
  /** Returned units with this reason / all units sold. */
  rate: number | null;
  advice: string;
  decidedBy: { code: number; keyword: number; none: number };
}

export interface ReturnsAuditReport {
  schemaVersion: 1;
  generatedAt: string;
  store: { name: string; platform: string };
  timezone: string;
  currency: string;
  period: Period;
  basis: Basis;
  basisText: string;
  by: AuditDimension;
  threshold: number;
  minUnits: number;
  returnWindowDays: number;
  summary: {
    orders: number;
    unitsSold: number;
    merchandise: number;
    returns: number;
    returnedUnits: number;
    returnedOrders: number;
    refundValue: number;
    rateUnits: number | null;
    rateOrders: number | null;
    rateValue: number | null;
    low: number | null;
    status: "ok" | "watch" | "breach" | "n/a";
  };
  rows: GroupRow[];
  bySize: GroupRow[];
  bySku: GroupRow[];
  reasons: ReasonRow[];
  unmatched: { text: string; returns: number }[];
  flags: Flag[];
  issues: DataIssue[];
  issueCounts: Record<string, number>;
  warnings: (Message | string)[];
  counts: { ordersRead: number; returnsRead: number };
}

const BASIS_TEXT: Record<Basis, string> = {
  cohort: "cohort: returns of the orders placed in the period, whenever they were requested",
  period: "period: returns requested in the period, against the sales of the period",
};

/**
 * Each order's courier, from the shipments `shipments sync` (or `shipments import`) stored: returns
 * join their parcels by order. The first parcel stored decides an order sent in several.
 */
async function couriersByOrder(ctx: RunContext, store: string): Promise<Map<string, string>> {
  const shipments = await new ShipmentsData(await ctx.state(), store).all();
  if (shipments.length === 0) {
    throw new UsageError(msg("returns.by_courier_none", { store }), msg("returns.by_courier_hint", { store }));
  }
  const byOrder = new Map<string, string>();
  for (const s of shipments) if (!byOrder.has(s.orderId)) byOrder.set(s.orderId, s.courier);
  return byOrder;
}

export async function auditReturns(ctx: RunContext, opts: ReturnsAuditOptions): Promise<ReturnsAuditReport> {
  const store = await ctx.openStore(opts.store, ["orders.read", "returns.read"], { syncedOrders: true });
  const courierOf = opts.by === "courier" ? await couriersByOrder(ctx, store.name) : undefined;
  const { adapter, timezone: tz, currency } = store;
  const config = ctx.opts.loaded.config.returns ?? {};
  const now = ctx.now();
  const today = dayOf(now, tz);
  let period: Period;
  try {
    period = parsePeriod(opts.period, today);
  } catch (e) {
    if (e instanceof PeriodSyntaxError) throw periodError(e);
    throw e;
  }
  if (store.remote) {
    // Refunds come from the state store, synced with their orders: a state synced before they travelled
    // with orders would read as "no returns", which is wrong, not zero.
    const { refundsFrom } = await syncedState(await ctx.state(), store.name);
    const from = new Date(periodInstants(period, tz).from);
    if (!refundsFrom || refundsFrom > from) {
      throw new UsageError(
        refundsFrom
          ? msg("returns.refunds_partial", { store: store.name, since: refundsFrom.toISOString(), first: period.first })
          : msg("returns.refunds_none", { store: store.name }),
        msg("returns.refunds_hint", { store: store.name, first: period.first }),
      );
    }
  }
  const dimensions = [
    ...new Set<LineDimension>(["sku", "size", ...(LINE_DIMENSIONS.includes(opts.by as LineDimension) ? [opts.by as LineDimension] : [])]),
  ];
  const audit = new ReturnsAudit({
    tz,
    period,
    basis: opts.basis,
    currency,
    rules: buildRules(config.reasons ?? {}),
    dimensions,
    ...(courierOf ? { courierOf } : {}),
  });

  ctx.progress.start(msg("progress.reading_returns"));
  // Returns of unknown orders come too: the audit lists them as data issues and counts them nowhere.
  for await (const r of adapter.listReturns?.({ withUnknownOrders: true }) ?? []) audit.addReturn(r);
  ctx.progress.done();
  ctx.progress.start(msg("progress.reading_orders"));
  let n = 0;
  for await (const o of adapter.listOrders?.({}) ?? []) {
    audit.addOrder(o);
    if (++n % 20_000 === 0) {
      ctx.progress.update(msg("progress.reading_orders_n", { n }));
      ctx.checkInterrupted();
    }
  }
  ctx.progress.done(msg("progress.read_orders", { n }));
  audit.finish();

  const flagSettings = {
    threshold: opts.threshold,
    minUnits: opts.minUnits,
    sizeSkewRatio: config.sizeSkewRatio ?? 2,
    reasonShare: config.reasonShare ?? 0.5,
  };
  const rowsOf = (dim: LineDimension) =>
    [...audit.groupsOf(dim)]
      .map(([k, g]) => groupRow(k, g, flagSettings))
      .sort((a, b) => b.returnedUnits - a.returnedUnits || (b.rateUnits ?? 0) - (a.rateUnits ?? 0));
  const bySku = rowsOf("sku");
  const bySize = rowsOf("size");
  const rows = opts.by === "reason" ? [] : opts.by === "sku" ? bySku : opts.by === "size" ? bySize : rowsOf(opts.by as LineDimension);

  const t = audit.totals;
  const mixed = t.currencies.size > 1;
  const rateUnits = t.unitsSold > 0 ? t.returnedUnits / t.unitsSold : null;
  const storeInterval = t.unitsSold > 0 ? wilsonInterval(Math.min(t.returnedUnits, t.unitsSold), t.unitsSold) : null;

  const reasons: ReasonRow[] = [...audit.reasonTotals.values()]
    .sort((a, b) => b.units - a.units)
    .map((r) => ({
      category: r.category,
      label: REASONS[r.category].label,
      labelZh: REASONS[r.category].labelZh,
      units: r.units,
      returns: r.returns,
      share: t.returnedUnits > 0 ? r.units / t.returnedUnits : 0,
      rate: t.unitsSold > 0 ? r.units / t.unitsSold : null,
      advice: REASONS[r.category].advice,
      decidedBy: r.decidedBy,
    }));

  const flags: Flag[] = [];
  const flagDims = [...new Set<LineDimension>(["sku", ...(opts.by !== "reason" && opts.by !== "sku" ? [opts.by as LineDimension] : [])])];
  for (const dim of flagDims) {
    const dimRows = dim === "sku" ? bySku : rows;
    const high = highRateFlags(dim, dimRows, flagSettings);
    flags.push(...high);
    for (const h of high) {
      const g = dimRows.find((r) => r.key === h.key);
      if (g)
        flags.push(
          ...reasonConcentrationFlags(
            {
              dimension: dim,
              key: h.key,
              label: `${dim} ${h.label}`,
              text: msg("returns.scope", { dim: msg(`returns.dim.${dim}` as MessageId), label: h.label }),
            },
            groupReasons(audit, dim, h.key),
            g.returnedUnits,
            flagSettings,
          ),
        );
    }
  }
  flags.push(...sizeSkewFlags(audit, flagSettings));
  flags.push(
    ...reasonConcentrationFlags(
      { dimension: "store", key: store.name, label: `store ${store.name}`, text: msg("returns.scope.store", { store: store.name }) },
      reasonMap(audit.reasonTotals),
      t.returnedUnits,
      flagSettings,
    ),
  );

  const warnings: (Message | string)[] = [];
  const windowDays = config.windowDays ?? 30;
  if (opts.basis === "cohort" && period.last >= addDays(today, -windowDays)) {
    warnings.push(msg("returns.warn.window", { last: period.last, days: String(windowDays), since: addDays(today, -windowDays) }));
  }
  const issueCounts: Record<string, number> = {};
  for (const i of audit.issues) issueCounts[i.kind] = (issueCounts[i.kind] ?? 0) + 1;
  if (audit.issues.length > 0) {
    const kinds = Object.entries(issueCounts).map(([k, v]) =>
      msg("returns.warn.kind_count", { count: v, kind: msg(`returns.issue.${k as IssueKind}`) }),
    );
    const list = kinds.reduce<Message | string>((a, b) => (a === "" ? b : msg("returns.warn.kinds_pair", { a, b })), "");
    warnings.push(msg("returns.warn.not_counted", { count: audit.issues.length, kinds: list }));
  }
  if (audit.cancelledWithReturns > 0) {
    warnings.push(msg("returns.warn.cancelled", { count: audit.cancelledWithReturns }));
  }
  if (mixed) warnings.push(msg("returns.warn.mixed", { currencies: [...t.currencies].join(", ") }));
  if (t.orders === 0) warnings.push(msg("returns.warn.no_orders", { first: period.first, last: period.last }));
  if (audit.returnsRead === 0) {
    throw new InputError({ file: `store "${store.name}"` }, msg("returns.no_returns"), msg("returns.no_returns_hint"));
  }

  return {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    store: { name: store.name, platform: store.platform },
    timezone: tz,
    currency,
    period,
    basis: opts.basis,
    basisText: BASIS_TEXT[opts.basis],
    by: opts.by,
    threshold: opts.threshold,
    minUnits: opts.minUnits,
    returnWindowDays: windowDays,
    summary: {
      orders: t.orders,
      unitsSold: t.unitsSold,
      merchandise: t.merchandise,
      returns: t.returns,
      returnedUnits: t.returnedUnits,
      returnedOrders: audit.returnedOrderCount,
      refundValue: t.refundValue,
      rateUnits,
      rateOrders: t.orders > 0 ? audit.returnedOrderCount / t.orders : null,
      rateValue: mixed || t.merchandise <= 0 ? null : t.refundValue / t.merchandise,
      low: storeInterval?.low ?? null,
      // The store is judged like any group: above the threshold beyond doubt, on enough volume.
      status:
        rateUnits === null
          ? "n/a"
          : t.unitsSold >= opts.minUnits && (storeInterval?.low ?? 0) > opts.threshold
            ? "breach"
            : rateUnits > opts.threshold
              ? "watch"
              : "ok",
    },
    rows,
    bySize,
    bySku,
    reasons,
    unmatched: [...audit.unmatchedText]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 50)
      .map(([text, returns]) => ({ text, returns })),
    flags,
    issues: audit.issues,
    issueCounts,
    warnings,
    counts: { ordersRead: audit.ordersRead, returnsRead: audit.returnsRead },
  };
}
