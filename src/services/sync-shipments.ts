/**
 * `shipments sync` and `shipments status`: every open shipment of a store tracked through its
 * courier's provider (batched to the provider's maximum, a number never asked again sooner than
 * the provider allows), events stored, status moved on (never back from delivered), and each
 * shipment held to its SLA rules: first scan after the label, delivery after shipping, no scan
 * for too long. The delayed shipments are the report.
 *
 * Instants are kept in the store's own frame; the demo store follows the clock (its fixture dates
 * are shown as if they ended yesterday), so "now" is moved into that frame for the SLA checks and
 * every instant shown is moved back out.
 */

import { join } from "node:path";
import type { CourierAdapter, CourierDefinition, TrackingRequest } from "../adapters/courier.js";
import { PACKAGE_ROOT } from "../config/load.js";
import { RemoteError, UsageError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";
import {
  deliveredOnTime,
  deriveStatus,
  evaluateSla,
  isOpen,
  mergeEvents,
  resolveSlaRules,
  type ShipmentStatus,
  type SlaBreach,
  type SlaConfig,
  shipmentTimes,
} from "../core/shipments/index.js";
import { type ShipmentRecord, ShipmentsData } from "../store/shipments-data.js";
import type { RunContext } from "./context.js";

export interface ShipmentsConfigSection {
  sla?: SlaConfig;
  /** Which configured provider tracks which courier: { default: kuaidi100, sf: sf-express }. */
  providers?: Record<string, string>;
}

export interface DelayedShipment {
  trackingNumber: string;
  orderId: string;
  courier: string;
  status: ShipmentStatus;
  destination?: string;
  shippedAt?: Date;
  lastEventAt?: Date;
  breaches: SlaBreach[];
  /** Its status changed in this sync (a parcel delivered late just now is news; one delivered late weeks ago is not). */
  changedNow: boolean;
}

/**
 * The delays worth an alert: parcels still open and late, and parcels that turned late or closed
 * late in this sync. `all` keeps every delayed parcel, closed ones included (the old behaviour).
 */
export function alertingDelays(report: ShipmentsReport, opts: { all?: boolean } = {}): DelayedShipment[] {
  if (opts.all) return report.delayed;
  return report.delayed.filter((d) => isOpen(d.status) || d.changedNow);
}

export interface ShipmentsReport {
  store: string;
  platform: string;
  /** The store's time zone: instants are shown in it. */
  timezone: string;
  /** "sync": tracked now; "status": from what the state store holds. */
  kind: "sync" | "status";
  total: number;
  open: number;
  tracked: number;
  /** Numbers left for a later run: asked too recently (provider's requery interval). */
  deferred: number;
  /** Numbers the provider could not find or refused, with its words. */
  /** error: a catalog message (rendered in the run's language; English in JSON) or the provider's own words. */
  failed: { trackingNumber: string; courier: string; error: string | Message }[];
  /** Numbers whose query failed on the provider's side (timeout, dropped, 5xx): the rest were still tracked; exit 5. */
  unreachable: string[];
  changed: number;
  /** Status updates the platform accepted (platforms that take them: Shopify fulfillment events). */
  pushed: number;
  byStatus: Record<string, number>;
  byCourier: { courier: string; total: number; open: number; delivered: number; delayed: number; onTime: number | null }[];
  delayed: DelayedShipment[];
  /** Delivered on time / delivered with known times; null when none (n/a, never 0). */
  onTimeRate: number | null;
  providers: { name: string; calls: number; numbers: number; maxBatch: number }[];
  generatedAt: Date;
}

const DEMO_EVENTS = join(PACKAGE_ROOT, "fixtures", "demo-store", "tracking-events.csv");

interface Provider {
  name: string;
  definition: CourierDefinition;
  adapter: CourierAdapter;
}

/** The provider for each courier: the configured mapping, else the one configured provider that tracks it. */
async function providersFor(
  ctx: RunContext,
  couriers: readonly string[],
  section: ShipmentsConfigSection,
  configured: Record<string, Record<string, unknown>>,
  where: { timezone: string; currency: string },
): Promise<Map<string, Provider>> {
  const opened = new Map<string, Provider>();
  const open = async (name: string, namedAt?: string[]): Promise<Provider> => {
    let p = opened.get(name);
    if (!p) {
      p = await ctx.openCourier(name, configured[name], where, namedAt);
      opened.set(name, p);
    }
    return p;
  };
  const out = new Map<string, Provider>();
  for (const courier of couriers) {
    const key = section.providers?.[courier] !== undefined ? courier : section.providers?.default !== undefined ? "default" : undefined;
    if (key) {
      out.set(courier, await open(section.providers?.[key] as string, ["shipments", "providers", key]));
      continue;
    }
    let chosen: Provider | undefined;
    for (const name of Object.keys(configured)) {
      const p = await open(name);
      if (p.definition.couriers.includes(courier)) {
        chosen = p;
        break;
      }
    }
    if (!chosen) {
      throw new UsageError(msg("shipments.no_provider", { courier }), msg("shipments.no_provider_hint", { courier }));
    }
    out.set(courier, chosen);
  }
  return out;
}

function breachesOf(s: ShipmentRecord, section: ShipmentsConfigSection, now: Date): SlaBreach[] {
  const rules = resolveSlaRules(section.sla, s.courier, s.destination);
  return evaluateSla(slaShipment(s), rules, now).breaches;
}

function slaShipment(s: ShipmentRecord) {
  return {
    courier: s.courier,
    status: s.status,
    ...(s.destination ? { destination: s.destination } : {}),
    ...(s.labelAt ? { labelAt: s.labelAt } : {}),
    ...(s.shippedAt ? { shippedAt: s.shippedAt } : {}),
    ...(s.firstScanAt ? { firstScanAt: s.firstScanAt } : {}),
    ...(s.deliveredAt ? { deliveredAt: s.deliveredAt } : {}),
    ...(s.lastEventAt ? { lastEventAt: s.lastEventAt } : {}),
  };
}

/** Tracks the open shipments (sync) or reads them as stored (status), then judges them against the SLA. */
export async function shipmentsReport(ctx: RunContext, opts: { store: string; track: boolean }): Promise<ShipmentsReport> {
  const store = await ctx.openStore(opts.store, []);
  const shift = store.adapter.clockShiftMs ?? 0;
  const now = new Date(ctx.now().getTime() - shift);
  const state = await ctx.state();
  const data = new ShipmentsData(state, store.name);
  const loaded = ctx.opts.loaded;
  const section = ((loaded.config as { shipments?: ShipmentsConfigSection }).shipments ?? {}) as ShipmentsConfigSection;
  let configured = (loaded.config.couriers ?? {}) as Record<string, Record<string, unknown>>;
  // The demo store tracks its parcels offline, through the file courier and the fixtures' events.
  if (Object.keys(configured).length === 0 && store.name === "demo" && loaded.file === undefined) {
    configured = { file: { file: DEMO_EVENTS, timezone: "Asia/Shanghai" } };
  }

  const report: ShipmentsReport = {
    store: store.name,
    platform: store.platform,
    timezone: store.timezone,
    kind: opts.track ? "sync" : "status",
    total: 0,
    open: 0,
    tracked: 0,
    deferred: 0,
    failed: [],
    unreachable: [],
    changed: 0,
    pushed: 0,
    byStatus: {},
    byCourier: [],
    delayed: [],
    onTimeRate: null,
    providers: [],
    generatedAt: ctx.now(),
  };

  // Consecutive batches the provider failed: past a few, it is down, not stuck on a number.
  const outage = { batches: 0 };
  // Parcels whose status this sync changed: their delay is news even when they are now closed.
  const changedNow = new Set<string>();
  if (opts.track) {
    const open = await data.open();
    if (open.length > 0) {
      const couriers = [...new Set(open.map((s) => s.courier))].sort();
      const providers = await providersFor(ctx, couriers, section, configured, { timezone: store.timezone, currency: store.currency });
      const byProvider = new Map<Provider, ShipmentRecord[]>();
      for (const s of open) {
        const p = providers.get(s.courier) as Provider;
        const list = byProvider.get(p);
        if (list) list.push(s);
        else byProvider.set(p, [s]);
      }
      ctx.progress.start(msg("progress.shipments.tracking", { n: open.length }));
      try {
        for (const [p, list] of byProvider) {
          const stats = { name: p.name, calls: 0, numbers: 0, maxBatch: 0 };
          report.providers.push(stats);
          // The provider's requery interval, kept across runs and hosts in the state store: each batch's
          // numbers are claimed (checked and stamped in one statement) right before they are asked,
          // so two hosts syncing at once never both ask about one number.
          const minMinutes = p.definition.minRequeryMinutes ?? 0;
          for (let i = 0; i < list.length; i += p.definition.maxBatch) {
            ctx.checkInterrupted();
            let batch = list.slice(i, i + p.definition.maxBatch);
            if (minMinutes > 0) {
              const claimedAt = ctx.now();
              const claimed = await data.claimQueries(
                p.name,
                batch.map((s) => s.trackingNumber),
                claimedAt,
                new Date(claimedAt.getTime() - minMinutes * 60_000),
              );
              report.deferred += batch.filter((s) => !claimed.has(s.trackingNumber)).length;
              batch = batch.filter((s) => claimed.has(s.trackingNumber));
              if (batch.length === 0) continue;
            }
            const requests: TrackingRequest[] = batch.map((s) => ({ trackingNumber: s.trackingNumber, courier: s.courier }));
            const results = await trackOrSkip(p, requests, report, outage);
            if (!results) continue;
            stats.calls++;
            stats.numbers += batch.length;
            stats.maxBatch = Math.max(stats.maxBatch, batch.length);
            const askedAt = ctx.now();
            const toPush: ShipmentRecord[] = [];
            const stored = await data.eventsOf(batch.map((s) => s.trackingNumber));
            await state.transaction(async () => {
              await data.recordQueries(
                p.name,
                requests.map((r) => r.trackingNumber),
                askedAt,
              );
              for (const [k, s] of batch.entries()) {
                const r = results[k];
                if (!r) continue;
                report.tracked++;
                if (r.error) {
                  report.failed.push({ trackingNumber: s.trackingNumber, courier: s.courier, error: r.error });
                  continue;
                }
                const before = stored.get(s.trackingNumber) ?? [];
                const merged = mergeEvents(before, r.events);
                if (merged.length > before.length)
                  await data.addEvents(
                    s.trackingNumber,
                    merged
                      .slice(0)
                      .filter((e) => !before.some((b) => b.at.getTime() === e.at.getTime() && b.description === e.description)),
                  );
                const status = deriveStatus(merged, s.status);
                const times = shipmentTimes(merged);
                const next: ShipmentRecord = { ...s, status, lastCheckedAt: askedAt };
                if (times.firstScanAt) next.firstScanAt = times.firstScanAt;
                if (times.deliveredAt) next.deliveredAt = times.deliveredAt;
                if (times.lastEventAt) next.lastEventAt = times.lastEventAt;
                if (status !== s.status || merged.length !== before.length) report.changed++;
                if (status !== s.status) changedNow.add(s.trackingNumber);
                if (status !== s.status && status !== (s.pushedStatus as ShipmentStatus | undefined)) toPush.push(next);
                await data.upsert([next], askedAt);
              }
            });
            // The platform hears of the new status where it accepts it, after the events are safe.
            const update = store.adapter.updateShipmentStatus?.bind(store.adapter);
            if (update) {
              for (const sh of toPush) {
                const r = await update(sh.orderId, {
                  trackingNumber: sh.trackingNumber,
                  status: sh.status,
                  at: new Date((sh.lastEventAt ?? askedAt).getTime() + shift),
                });
                if (r.status === "failed") {
                  report.failed.push({
                    trackingNumber: sh.trackingNumber,
                    courier: sh.courier,
                    error: msg("adapter.status_update_refused", { platform: store.platform, message: r.text ?? r.message ?? "" }),
                  });
                  continue;
                }
                if (r.status !== "unchanged") report.pushed++;
                await data.upsert([{ ...sh, pushedStatus: sh.status }], askedAt);
              }
            }
            ctx.progress.update(msg("progress.shipments.tracked", { done: report.tracked, n: open.length }));
          }
        }
      } finally {
        ctx.progress.done();
      }
    }
  }

  // Judge every shipment as it now stands.
  const all = await data.all();
  report.total = all.length;
  const courierRows = new Map<
    string,
    { courier: string; total: number; open: number; delivered: number; delayed: number; onTime: number; judged: number }
  >();
  let onTime = 0;
  let judged = 0;
  for (const s of all) {
    report.byStatus[s.status] = (report.byStatus[s.status] ?? 0) + 1;
    let row = courierRows.get(s.courier);
    if (!row) {
      row = { courier: s.courier, total: 0, open: 0, delivered: 0, delayed: 0, onTime: 0, judged: 0 };
      courierRows.set(s.courier, row);
    }
    row.total++;
    if (isOpen(s.status)) {
      row.open++;
      report.open++;
    }
    if (s.status === "delivered") row.delivered++;
    const rules = resolveSlaRules(section.sla, s.courier, s.destination);
    const ok = deliveredOnTime(slaShipment(s), rules);
    if (ok !== null) {
      judged++;
      row.judged++;
      if (ok) {
        onTime++;
        row.onTime++;
      }
    }
    const breaches = breachesOf(s, section, now);
    if (breaches.length > 0) {
      row.delayed++;
      report.delayed.push({
        trackingNumber: s.trackingNumber,
        orderId: s.orderId,
        courier: s.courier,
        status: s.status,
        ...(s.destination ? { destination: s.destination } : {}),
        ...(s.shippedAt ? { shippedAt: new Date(s.shippedAt.getTime() + shift) } : {}),
        ...(s.lastEventAt ? { lastEventAt: new Date(s.lastEventAt.getTime() + shift) } : {}),
        breaches,
        changedNow: changedNow.has(s.trackingNumber),
      });
    }
  }
  report.onTimeRate = judged > 0 ? onTime / judged : null;
  report.byCourier = [...courierRows.values()]
    .sort((a, b) => b.total - a.total || a.courier.localeCompare(b.courier))
    .map((r) => ({
      courier: r.courier,
      total: r.total,
      open: r.open,
      delivered: r.delivered,
      delayed: r.delayed,
      onTime: r.judged > 0 ? r.onTime / r.judged : null,
    }));
  return report;
}

/** Batches in a row a provider may fail on its side before the sync stops instead of asking on. */
const MAX_FAILED_BATCHES = 3;

/**
 * One batch asked of the provider. A failure on its side (a timeout, a dropped connection, a 5xx)
 * costs only this batch: its numbers are listed as failed and unreachable, and the sync goes on
 * with the rest. Anything else (a refused credential, a quota), or a provider failing batch after
 * batch, stops the run as before.
 */
async function trackOrSkip(
  p: Provider,
  requests: TrackingRequest[],
  report: ShipmentsReport,
  outage: { batches: number },
): Promise<Awaited<ReturnType<Provider["adapter"]["track"]>> | undefined> {
  try {
    const results = await p.adapter.track(requests);
    outage.batches = 0;
    return results;
  } catch (e) {
    if (!(e instanceof RemoteError) || !providerSideFailure(e) || ++outage.batches >= MAX_FAILED_BATCHES) throw e;
    for (const r of requests) {
      report.tracked++;
      report.failed.push({ trackingNumber: r.trackingNumber, courier: r.courier ?? "", error: e.text });
      report.unreachable.push(r.trackingNumber);
    }
    return undefined;
  }
}

/** The provider did not answer this request (network, timeout, its own 5xx): nothing about the account. */
function providerSideFailure(e: RemoteError): boolean {
  // The adapters' errors (http AdapterError) carry the HTTP status and the network or platform code.
  const { status, code } = e as RemoteError & { status?: unknown; code?: unknown };
  if (typeof status === "number") return status >= 500;
  return typeof code === "string" && (/^E[A-Z]+$/.test(code) || code === "DEADLINE");
}
