/**
 * Shipment reports as documents and JSON: counts by status and courier, the on-time rate, the
 * delayed shipments with the rule each broke, tracking failures; and a shipments import's outcome.
 */
import { locationMessage } from "../core/errors.js";
import { type Locale, type Message, type MessageId, msg, type Translator, translator } from "../core/i18n/index.js";
import { ALWAYS, DETAIL, type ReportDocument, type Table } from "../core/report.js";
import { courierLabel as courierName, isCourierCode } from "../core/shipments/couriers.js";
import { isShipmentStatus } from "../core/shipments/status.js";
import { formatLocalTime, formatNumber, formatPercent } from "../io/format.js";
import type { ImportShipmentsReport } from "./import-shipments.js";
import type { ShipmentsReport } from "./sync-shipments.js";

/** An instant as the store's wall clock: "2026-11-21 04:48" (the column header names the zone). */
const localTime = (d: Date | undefined, timeZone: string): string => (d ? formatLocalTime(d, timeZone) : "");

const SEP: Record<Locale, string> = { en: ", ", "zh-Hans": "、", "zh-Hant": "、" };

/** A status as people say it: "in transit" / 运输中, not in_transit; a code we do not know as it is. */
export function statusLabel(status: string, tr: Translator = translator("en")): string {
  return isShipmentStatus(status) ? tr(`shipments.status.${status}` as MessageId) : status.replace(/_/g, " ");
}

/** A courier by its name ("SF Express" / 顺丰速运), not our code ("sf"); unknown codes as they are. */
export function courierLabel(code: string, tr: Translator = translator("en")): string {
  return isCourierCode(code) ? courierName(code, tr.locale) : code;
}

function ruleLabel(tr: Translator, rule: string): string {
  return rule === "first_scan" || rule === "delivery" || rule === "stuck" ? tr(`shipments.rule.${rule}`) : rule;
}

/** "12 h" / "12 小时"; a delivery limit counts in days. */
const amount = (tr: Translator, rule: string, n: number) => tr(rule === "delivery" ? "shipments.unit.d" : "shipments.unit.h", { n });

type Delayed = ShipmentsReport["delayed"][number];

/** Hours past the most-broken limit (a delivery limit counts in days): the sort key "how late". */
export function hoursLate(d: Delayed): number {
  let worst = 0;
  for (const b of d.breaches) worst = Math.max(worst, (b.actual - b.limit) * (b.rule === "delivery" ? 24 : 1));
  return worst;
}

/** Most late first; ties by tracking number so the order is stable. */
export function byLateness(delayed: readonly Delayed[]): Delayed[] {
  return [...delayed].sort((a, b) => hoursLate(b) - hoursLate(a) || a.trackingNumber.localeCompare(b.trackingNumber));
}

/** One delay as the table shows it: "SF7030470061677 (SF Express, in transit): first scan 495.7 h / 24 h". */
function delayText(tr: Translator, d: Delayed): string {
  const rules = d.breaches.map((b) =>
    tr("shipments.rule_amount", { rule: ruleLabel(tr, b.rule), actual: amount(tr, b.rule, b.actual), limit: amount(tr, b.rule, b.limit) }),
  );
  return tr("shipments.delay_item", {
    tracking: d.trackingNumber,
    courier: courierLabel(d.courier, tr),
    status: statusLabel(d.status, tr),
    rules: rules.join(SEP[tr.locale]),
  });
}

/** The one line a cron mail carries: "3 late parcels: SF… (SF Express, in transit): delivery 7.2 d / 5 d; …". */
export function lateParcelsLine(delays: readonly Delayed[], shown = 3, lang: Locale = "en"): Message {
  const tr = translator(lang);
  const sorted = byLateness(delays);
  const more = sorted.length > shown ? tr("shipments.late_more", { count: sorted.length - shown }) : "";
  const items = sorted.slice(0, shown).map((d) => delayText(tr, d));
  // The items are rendered already (they carry the merchant's values): the line keeps them in its language.
  return msg("shipments.late_line", { count: sorted.length, items: items.join(lang === "en" ? "; " : "；"), more });
}

/** "3 delayed shipments (2 still open); on-time delivery 92.3%." */
export function shipmentsVerdict(r: ShipmentsReport, lang: Locale = "en"): string {
  const tr = translator(lang);
  const onTime = r.onTimeRate === null ? tr("common.na") : formatPercent(r.onTimeRate);
  const n = r.delayed.length;
  if (r.total === 0) return tr("shipments.verdict.none");
  if (n === 0) return tr("shipments.verdict.ok", { total: r.total, onTime });
  const open = r.delayed.filter((d) => d.status !== "delivered" && d.status !== "returned" && d.status !== "expired").length;
  return tr("shipments.verdict.delayed", { count: n, open, total: r.total, onTime });
}

export function shipmentsDocument(r: ShipmentsReport, lang: Locale = "en"): ReportDocument {
  const tr = translator(lang);
  const sep = SEP[lang];
  const meta: [string, string][] = [
    [tr("shipments.meta.store"), `${r.store} (${r.platform})`],
    [tr("shipments.meta.shipments"), tr("shipments.meta.shipments_value", { total: r.total, open: r.open })],
    [tr("shipments.meta.delayed"), formatNumber(r.delayed.length)],
    [tr("shipments.meta.on_time"), r.onTimeRate === null ? tr("common.na") : formatPercent(r.onTimeRate)],
  ];
  if (r.kind === "sync") {
    meta.push([
      tr("shipments.meta.tracked"),
      tr("shipments.meta.tracked_value", { tracked: r.tracked, changed: r.changed, failed: r.failed.length, deferred: r.deferred }),
    ]);
    for (const p of r.providers)
      meta.push([
        tr("shipments.meta.provider", { name: p.name }),
        tr("shipments.meta.provider_value", { calls: p.calls, numbers: p.numbers, maxBatch: p.maxBatch }),
      ]);
  }
  const notes: string[] = [];
  if (r.deferred > 0) notes.push(tr("shipments.note.deferred", { deferred: r.deferred }));
  return {
    locale: lang,
    title: r.kind === "sync" ? tr("shipments.title.sync") : tr("shipments.title.status"),
    verdict: shipmentsVerdict(r, lang),
    meta,
    charts: [],
    notes,
    tables: [
      {
        id: "by-status",
        title: tr("shipments.table.by_status"),
        columns: [
          { key: "status", label: tr("shipments.col.status"), kind: "text", priority: ALWAYS },
          { key: "count", label: tr("shipments.col.shipments"), kind: "integer", priority: ALWAYS },
        ],
        empty: tr("shipments.empty.none"),
        rows: Object.entries(r.byStatus)
          .sort((a, b) => b[1] - a[1])
          .map(([status, count]) => ({ cells: { status: statusLabel(status, tr), count } })),
      },
      {
        id: "by-courier",
        title: tr("shipments.table.by_courier"),
        columns: [
          { key: "courier", label: tr("shipments.col.courier"), kind: "text", priority: ALWAYS },
          { key: "total", label: tr("shipments.col.shipments"), kind: "integer", priority: ALWAYS },
          { key: "open", label: tr("shipments.col.open"), kind: "integer" },
          { key: "delivered", label: tr("shipments.col.delivered"), kind: "integer", priority: DETAIL },
          { key: "delayed", label: tr("shipments.col.delayed"), kind: "integer", priority: ALWAYS },
          { key: "onTime", label: tr("shipments.col.on_time"), kind: "percent", priority: ALWAYS },
        ],
        rows: r.byCourier.map((c) => ({ cells: { ...c, courier: courierLabel(c.courier, tr) } })),
      },
      {
        id: "delayed",
        title: tr("shipments.table.delayed"),
        textRowLimit: 50,
        empty: tr("shipments.empty.delayed"),
        columns: [
          { key: "trackingNumber", label: tr("shipments.col.tracking_number"), kind: "text", priority: ALWAYS },
          { key: "orderId", label: tr("shipments.col.order"), kind: "text" },
          { key: "courier", label: tr("shipments.col.courier"), kind: "text", priority: ALWAYS },
          { key: "status", label: tr("shipments.col.status"), kind: "text" },
          { key: "rule", label: tr("shipments.col.rule"), kind: "text", priority: ALWAYS },
          { key: "late", label: tr("shipments.col.late"), kind: "text", priority: ALWAYS },
          { key: "lastEventAt", label: tr("shipments.col.last_scan", { timezone: r.timezone }), kind: "text", priority: DETAIL },
          { key: "destination", label: tr("shipments.col.destination"), kind: "text", priority: DETAIL },
          { key: "message", label: tr("shipments.col.why"), kind: "text", machineOnly: true },
        ],
        rows: byLateness(r.delayed).map((d) => ({
          cells: {
            trackingNumber: d.trackingNumber,
            orderId: d.orderId,
            courier: courierLabel(d.courier, tr),
            status: statusLabel(d.status, tr),
            rule: d.breaches.map((b) => ruleLabel(tr, b.rule)).join(sep),
            late: d.breaches.map((b) => `${amount(tr, b.rule, b.actual)} / ${amount(tr, b.rule, b.limit)}`).join(sep),
            lastEventAt: localTime(d.lastEventAt, r.timezone),
            destination: d.destination ?? "",
            message: d.breaches.map((b) => b.message).join("; "),
          },
        })),
      },
      ...(r.failed.length > 0
        ? [
            {
              id: "failed",
              title: tr("shipments.table.failed"),
              textRowLimit: 20,
              columns: [
                { key: "trackingNumber", label: tr("shipments.col.tracking_number"), kind: "text" as const, priority: ALWAYS },
                { key: "courier", label: tr("shipments.col.courier"), kind: "text" as const },
                { key: "error", label: tr("shipments.col.provider_says"), kind: "text" as const, priority: ALWAYS },
              ],
              rows: r.failed.map((f) => ({ cells: { ...f, courier: courierLabel(f.courier, tr) } })),
            },
          ]
        : []),
    ],
  };
}

export function shipmentsJson(r: ShipmentsReport): unknown {
  return {
    schema_version: 1,
    kind: r.kind,
    store: r.store,
    platform: r.platform,
    generated_at: r.generatedAt.toISOString(),
    total: r.total,
    open: r.open,
    tracked: r.tracked,
    changed: r.changed,
    pushed: r.pushed,
    deferred: r.deferred,
    on_time_rate: r.onTimeRate,
    by_status: r.byStatus,
    by_courier: r.byCourier.map((c) => ({
      courier: c.courier,
      total: c.total,
      open: c.open,
      delivered: c.delivered,
      delayed: c.delayed,
      on_time_rate: c.onTime,
    })),
    delayed: r.delayed.map((d) => ({
      tracking_number: d.trackingNumber,
      order_id: d.orderId,
      courier: d.courier,
      status: d.status,
      destination: d.destination ?? null,
      shipped_at: d.shippedAt?.toISOString() ?? null,
      last_event_at: d.lastEventAt?.toISOString() ?? null,
      breaches: d.breaches,
    })),
    failed: r.failed.map((f) => ({ tracking_number: f.trackingNumber, courier: f.courier, error: f.error })),
    providers: r.providers.map((p) => ({ name: p.name, calls: p.calls, numbers: p.numbers, max_batch: p.maxBatch })),
  };
}

/** "Dry run: 12 shipments to send, 3 already imported; 0 errors." */
export function importShipmentsVerdict(r: ImportShipmentsReport, lang: Locale = "en"): string {
  const tr = translator(lang);
  const unchanged = r.unchanged > 0 ? tr("shipments.import.verdict.unchanged", { count: r.unchanged }) : "";
  if (r.dryRun) return tr("shipments.import.verdict.dry", { created: r.created, unchanged, errors: r.errorCount });
  if (!r.applied) return tr("shipments.import.verdict.rejected", { errors: r.errorCount });
  const refused = r.failed > 0 ? tr("shipments.import.verdict.refused", { count: r.failed }) : "";
  return tr("shipments.import.verdict.sent", { created: r.created, unchanged, refused, errors: r.errorCount });
}

export function importShipmentsDocument(r: ImportShipmentsReport, lang: Locale = "en"): ReportDocument {
  const tr = translator(lang);
  const planned = r.dryRun || !r.applied;
  return {
    locale: lang,
    title: tr("shipments.import.title", { outcome: r.dryRun ? "dry" : r.applied ? "sent" : "rejected" }),
    verdict: importShipmentsVerdict(r, lang),
    meta: [
      [tr("shipments.meta.store"), `${r.store} (${r.platform})`],
      [tr("shipments.import.meta.rows"), formatNumber(r.rows)],
      [tr("shipments.import.meta.errors"), formatNumber(r.errorCount)],
      [tr("shipments.import.meta.warnings"), formatNumber(r.warningCount)],
      ...(r.results ? ([[tr("shipments.import.meta.results"), r.results]] as [string, string][]) : []),
    ],
    charts: [],
    notes: r.dryRun ? [tr("shipments.import.note.dry")] : !r.applied ? [tr("shipments.import.note.rejected")] : [],
    tables: [
      {
        id: "summary",
        title: tr("shipments.import.table.summary"),
        columns: [
          { key: "shipments", label: tr("shipments.col.shipments"), kind: "integer", priority: ALWAYS },
          {
            key: "created",
            label: planned ? tr("shipments.import.col.to_send") : tr("shipments.import.col.sent"),
            kind: "integer",
            priority: ALWAYS,
          },
          { key: "unchanged", label: tr("shipments.import.col.unchanged"), kind: "integer", priority: ALWAYS },
          { key: "failed", label: tr("shipments.import.col.failed"), kind: "integer", priority: ALWAYS },
        ],
        rows: [{ cells: { shipments: r.shipments, created: r.created, unchanged: r.unchanged, failed: r.failed } }],
      },
      issuesTable(tr, r.issues),
    ],
  };
}

/** The rows an import refused or warned about, in the run's language around the merchant's values. */
export function issuesTable(
  tr: Translator,
  issues: readonly { level: string; file: string; row?: number; column?: string; message: string; hint?: string }[],
): Table {
  return {
    id: "issues",
    title: tr("issues.table"),
    textRowLimit: 50,
    empty: tr("issues.empty"),
    columns: [
      { key: "level", label: tr("issues.col.level"), kind: "text", priority: ALWAYS },
      { key: "where", label: tr("issues.col.where"), kind: "text", priority: ALWAYS },
      { key: "message", label: tr("issues.col.problem"), kind: "text", priority: ALWAYS },
      { key: "hint", label: tr("issues.col.hint"), kind: "text" },
    ],
    rows: issues.map((i) => ({
      cells: {
        level: i.level === "error" || i.level === "warning" ? tr(`issues.level.${i.level}`) : i.level,
        where: tr.text(
          locationMessage({ file: i.file, ...(i.row !== undefined ? { row: i.row } : {}), ...(i.column ? { column: i.column } : {}) }),
        ),
        message: i.message,
        hint: i.hint ?? "",
      },
    })),
  };
}

export function importShipmentsJson(r: ImportShipmentsReport): unknown {
  return {
    schema_version: 1,
    store: r.store,
    platform: r.platform,
    dry_run: r.dryRun,
    applied: r.applied,
    rows: r.rows,
    shipments: r.shipments,
    created: r.created,
    unchanged: r.unchanged,
    failed: r.failed,
    error_count: r.errorCount,
    warning_count: r.warningCount,
    issues: r.issues,
    resumed_skipped: r.resumedSkipped,
    results_file: r.results ?? null,
  };
}
