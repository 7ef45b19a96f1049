/**
 * `merchops digest`: what needs attention today, per store, from the report services that already
 * exist — the KPI report (breaches), the returns audit (findings), the shipments status (parcels
 * past their SLA), the prices report (a new cheapest competitor, our rank worse) and the orders
 * sync record (stale or failed). Each finding has a stable key; the digest memory in the state
 * store says which ones an earlier digest reported, so a finding is new once.
 *
 * A section a store cannot provide (no returns export, no shipments tracked, no price snapshots)
 * is n/a with the reason, never an empty "ok".
 */

import { createHash } from "node:crypto";
import {
  type DigestSection,
  type Finding,
  kpiFindings,
  priceFindings,
  returnsFindings,
  shipmentFindings,
  sortFindings,
  syncFinding,
} from "../core/digest/findings.js";
import { MerchopsError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";
import { DigestMemory, SyncRuns } from "../store/digest-memory.js";
import { ShipmentsData } from "../store/shipments-data.js";
import { auditReturns, type ReturnsAuditReport } from "./audit-returns.js";
import type { RunContext } from "./context.js";
import { type KpiReport, reportKpi } from "./report-kpi.js";
import { type PricesReport, reportPrices } from "./report-prices.js";
import { type ShipmentsReport, shipmentsReport } from "./sync-shipments.js";

const CLOSED = new Set(["delivered", "returned"]);

export interface DigestOptions {
  stores: string[];
  /** Period of the KPI section: yesterday by default. */
  period: string;
  /** A remote store's last successful orders sync older than this is stale. */
  syncMaxAgeHours: number;
}

/** A section's state; its note is a catalog message (or an error's final text), rendered in the run's language. */
export type SectionState = { section: DigestSection; status: "ok" | "findings" | "n/a"; note?: Message | string };

export interface StoreDigest {
  store: string;
  platform: string;
  timezone: string;
  currency: string;
  /** The KPI period ("2026-11-24"), when the KPI section ran. */
  period: { first: string; last: string; label: string } | null;
  findings: Finding[];
  sections: SectionState[];
  warnings: (Message | string)[];
  /** The full reports the sections came from (attached to e-mails, written beside the digest). */
  reports: { kpi?: KpiReport; returns?: ReturnsAuditReport; shipments?: ShipmentsReport; prices?: PricesReport };
}

export interface DigestReport {
  schemaVersion: 1;
  generatedAt: string;
  period: string;
  stores: StoreDigest[];
  counts: { new: number; stillOpen: number; bySection: Record<DigestSection, { new: number; stillOpen: number }> };
  /** Nothing needs attention: no finding at all, new or still open. */
  allClear: boolean;
  /** Stable id of this digest (store, period, new findings): the e-mail's Message-ID. */
  id: string;
}

/** Runs one section; an expected failure (a usage or input problem, a remote error) makes it n/a with the reason. */
async function section<T>(states: SectionState[], name: DigestSection, run: () => Promise<T | { na: Message }>): Promise<T | undefined> {
  try {
    const r = await run();
    if (r && typeof r === "object" && "na" in r) {
      states.push({ section: name, status: "n/a", note: (r as { na: Message }).na });
      return undefined;
    }
    return r as T;
  } catch (e) {
    if (!(e instanceof MerchopsError) || e.exitCode === 130) throw e;
    states.push({ section: name, status: "n/a", note: e.text });
    return undefined;
  }
}

async function digestStore(ctx: RunContext, name: string, opts: DigestOptions): Promise<StoreDigest> {
  const store = await ctx.openStore(name, []);
  const states: SectionState[] = [];
  const findings: Finding[] = [];
  const warnings: (Message | string)[] = [];
  const reports: StoreDigest["reports"] = {};
  const now = ctx.now();
  const config = ctx.opts.loaded.config;

  const kpi = await section(states, "kpi", () => reportKpi(ctx, { store: name, period: opts.period, compare: "previous" }));
  if (kpi) {
    reports.kpi = kpi;
    findings.push(...kpiFindings(name, kpi.period, kpi.breaches));
  }

  const returns = await section(states, "returns", async () => {
    const r = config.returns ?? {};
    return auditReturns(ctx, {
      store: name,
      period: r.period ?? "last-90-days",
      by: "sku",
      basis: r.basis ?? "cohort",
      threshold: r.threshold ?? 0.15,
      minUnits: r.minUnits ?? 30,
    });
  });
  if (returns) {
    reports.returns = returns;
    findings.push(...returnsFindings(name, returns.flags));
  }

  const shipments = await section(states, "shipments", async () => {
    const data = new ShipmentsData(await ctx.state(), name);
    if ((await data.count()) === 0) return { na: msg("kpi.missing.no_shipments", { store: name }) };
    // Statuses are only as fresh as the last `shipments sync`: never tracked means nothing to judge.
    if (!(await data.all()).some((s) => s.lastCheckedAt !== undefined))
      return { na: msg("kpi.missing.no_shipments_tracked", { store: name }) };
    return shipmentsReport(ctx, { store: name, track: false });
  });
  if (shipments) {
    reports.shipments = shipments;
    // Parcels still on their way and past an SLA rule; a parcel delivered late is history, in the full report.
    findings.push(
      ...shipmentFindings(
        name,
        shipments.delayed.filter((d) => !CLOSED.has(d.status)),
      ),
    );
  }

  const prices = await section(states, "prices", () => reportPrices(ctx, { store: name }));
  if (prices) {
    reports.prices = prices;
    warnings.push(...prices.warnings);
    findings.push(
      ...priceFindings(
        name,
        prices.queries.map((q) => ({
          query: q.query,
          product: q.ours?.title ?? null,
          currency: q.ours?.currency ?? prices.store.currency,
          latest: q.latest,
          baselineIndex: q.baselineIndex,
          index: q.index,
          cheapestPrice: q.index.min,
        })),
      ),
    );
  }

  if (store.remote) {
    const run = await new SyncRuns(await ctx.state()).get(name, "orders");
    const f = syncFinding(name, run, now, opts.syncMaxAgeHours);
    if (f) findings.push(f);
    else states.push({ section: "sync", status: "ok" });
  } else {
    states.push({ section: "sync", status: "n/a", note: msg("digest.sync.direct", { store: name, platform: store.platform }) });
  }

  const memory = new DigestMemory(await ctx.state(), name);
  const reported = await memory.reported(findings.map((f) => f.key));
  for (const f of findings) f.isNew = !reported.has(f.key);
  for (const s of ["kpi", "returns", "shipments", "prices", "sync"] as const) {
    if (states.some((x) => x.section === s)) continue;
    states.push({ section: s, status: findings.some((f) => f.section === s) ? "findings" : "ok" });
  }
  const order = ["kpi", "returns", "shipments", "prices", "sync"];
  states.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
  return {
    store: name,
    platform: store.platform,
    timezone: store.timezone,
    currency: store.currency,
    period: kpi ? { first: kpi.period.first, last: kpi.period.last, label: kpi.period.label } : null,
    findings: sortFindings(findings),
    sections: states,
    warnings,
    reports,
  };
}

export async function buildDigest(ctx: RunContext, opts: DigestOptions): Promise<DigestReport> {
  const stores: StoreDigest[] = [];
  for (const name of opts.stores) {
    ctx.checkInterrupted();
    stores.push(await digestStore(ctx, name, opts));
  }
  return summarize(stores, opts.stores, opts.period, ctx.now());
}

/** Counts, id and all-clear of a digest's stores: the same stores and findings always give the same id. */
function summarize(stores: StoreDigest[], storeNames: readonly string[], period: string, now: Date): DigestReport {
  const bySection = Object.fromEntries(
    (["kpi", "returns", "shipments", "prices", "sync"] as const).map((s) => [s, { new: 0, stillOpen: 0 }]),
  ) as DigestReport["counts"]["bySection"];
  let fresh = 0;
  let open = 0;
  const newKeys: string[] = [];
  for (const s of stores) {
    for (const f of s.findings) {
      if (f.isNew) {
        fresh++;
        bySection[f.section].new++;
        newKeys.push(findingId(s.store, f.key));
      } else {
        open++;
        bySection[f.section].stillOpen++;
      }
    }
  }
  const id = createHash("sha256")
    .update(JSON.stringify([storeNames, period, now.toISOString().slice(0, 10), newKeys.sort()]))
    .digest("hex")
    .slice(0, 24);
  return {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    period,
    stores,
    counts: { new: fresh, stillOpen: open, bySection },
    allClear: fresh + open === 0,
    id,
  };
}

/** "store/key": a finding's identity across the stores of one digest. */
export function findingId(store: string, key: string): string {
  return `${store}/${key}`;
}

/**
 * The digest as a channel that missed an earlier delivery should get it: the findings it never
 * received (`missed`, as findingId) are new to it again, though the memory already counts them
 * as reported (another channel got them).
 */
export function withNewAgain(report: DigestReport, missed: ReadonlySet<string>): DigestReport {
  if (missed.size === 0) return report;
  const stores = report.stores.map((s) => ({
    ...s,
    findings: s.findings.map((f) => (f.isNew || !missed.has(findingId(s.store, f.key)) ? f : { ...f, isNew: true })),
  }));
  return summarize(
    stores,
    report.stores.map((s) => s.store),
    report.period,
    new Date(report.generatedAt),
  );
}

/** The findings a digest shows as new, as findingId. */
export function newFindingIds(report: DigestReport): string[] {
  return report.stores.flatMap((s) => s.findings.filter((f) => f.isNew).map((f) => findingId(s.store, f.key)));
}

/** Marks the digest's findings as reported, so the next digest shows only what is new. */
export async function rememberDigest(ctx: RunContext, report: DigestReport): Promise<void> {
  const state = await ctx.state();
  const at = new Date(report.generatedAt);
  for (const s of report.stores) {
    const memory = new DigestMemory(state, s.store);
    const ran = s.sections.filter((x) => x.status !== "n/a").map((x) => x.section);
    // Remembered and forgotten together: a digest that dies half way leaves the memory as it was.
    await state.transaction(async () => {
      await memory.remember(s.findings, at);
      await memory.forgetResolved(
        ran,
        s.findings.map((f) => f.key),
      );
    });
  }
}
