/**
 * Shipment reports as documents and JSON: counts by status and courier, the on-time rate, the
 * delayed shipments with the rule each broke, tracking failures; and a shipments import's outcome.
 */
import { locationMessage } from "../core/errors.js";
import { type Locale, type Message, type MessageId, type Translator, translator } from "../core/i18n/index.js";
import type { ReportDocument } from "../core/report.js";
import { type CourierCode, courierLabel, isCourierCode } from "../core/shipments/couriers.js";
import { isShipmentStatus } from "../core/shipments/status.js";
import type { ImportShipmentsReport } from "./import-shipments.js";
import type { ShipmentsReport } from "./sync-shipments.js";

/** An instant as the store's wall clock: "2026-11-21 04:48". */
function localTime(d: Date | undefined, timeZone: string): string {
  if (!d) return "";
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);
}

/** A status code as words; a code we do not know (a plugin's) is shown as it is. */
function statusText(tr: Translator, status: string): string {
  return isShipmentStatus(status) ? tr(`shipments.status.${status}` as MessageId) : status;
}

/** A courier code as its name in the run's language ("sf" -> 顺丰速运 / SF Express). */
function courierText(tr: Translator, code: string): string {
  return isCourierCode(code) ? courierLabel(code as CourierCode, tr.locale) : code;
}

function ruleText(tr: Translator, rule: string): string {
  return rule === "first_scan" || rule === "delivery" || rule === "stuck" ? tr(`shipments.rule.${rule}`) : rule;
}

const amount = (tr: Translator, rule: string, n: number) => tr(rule === "delivery" ? "shipments.unit.d" : "shipments.unit.h", { n });

export function shipmentsDocument(r: ShipmentsReport, lang: Locale = "en"): ReportDocument {
  const tr = translator(lang);
  const sep = lang === "en" ? ", " : "、";
  const meta: [string, string][] = [
    [tr("shipments.meta.store"), `${r.store} (${r.platform})`],
    [tr("shipments.meta.shipments"), tr("shipments.meta.shipments_value", { total: r.total, open: r.open })],
    [tr("shipments.meta.delayed"), String(r.delayed.length)],
    [tr("shipments.meta.on_time"), r.onTimeRate === null ? tr("common.na") : `${(r.onTimeRate * 100).toFixed(1)}%`],
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
    title: r.kind === "sync" ? tr("shipments.title.sync") : tr("shipments.title.status"),
    meta,
    charts: [],
    notes,
    tables: [
      {
        id: "by-status",
        title: tr("shipments.table.by_status"),
        columns: [
          { key: "status", label: tr("shipments.col.status"), kind: "text" },
          { key: "count", label: tr("shipments.col.shipments"), kind: "integer" },
        ],
        rows: Object.entries(r.byStatus)
          .sort((a, b) => b[1] - a[1])
          .map(([status, count]) => ({ cells: { status: statusText(tr, status), count } })),
      },
      {
        id: "by-courier",
        title: tr("shipments.table.by_courier"),
        columns: [
          { key: "courier", label: tr("shipments.col.courier"), kind: "text" },
          { key: "total", label: tr("shipments.col.shipments"), kind: "integer" },
          { key: "open", label: tr("shipments.col.open"), kind: "integer" },
          { key: "delivered", label: tr("shipments.col.delivered"), kind: "integer" },
          { key: "delayed", label: tr("shipments.col.delayed"), kind: "integer" },
          { key: "onTime", label: tr("shipments.col.on_time"), kind: "percent" },
        ],
        rows: r.byCourier.map((c) => ({ cells: { ...c, courier: courierText(tr, c.courier) } })),
      },
      {
        id: "delayed",
        title: tr("shipments.table.delayed"),
        textRowLimit: 50,
        columns: [
          { key: "trackingNumber", label: tr("shipments.col.tracking_number"), kind: "text" },
          { key: "orderId", label: tr("shipments.col.order"), kind: "text" },
          { key: "courier", label: tr("shipments.col.courier"), kind: "text" },
          { key: "status", label: tr("shipments.col.status"), kind: "text" },
          { key: "rule", label: tr("shipments.col.rule"), kind: "text" },
          { key: "late", label: tr("shipments.col.late"), kind: "text" },
          { key: "lastEventAt", label: tr("shipments.col.last_scan", { timezone: r.timezone }), kind: "text" },
          { key: "destination", label: tr("shipments.col.destination"), kind: "text" },
          { key: "message", label: tr("shipments.col.why"), kind: "text", machineOnly: true },
        ],
        rows: r.delayed.map((d) => ({
          cells: {
            trackingNumber: d.trackingNumber,
            orderId: d.orderId,
            courier: courierText(tr, d.courier),
            status: statusText(tr, d.status),
            rule: d.breaches.map((b) => ruleText(tr, b.rule)).join(sep),
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
                { key: "trackingNumber", label: tr("shipments.col.tracking_number"), kind: "text" as const },
                { key: "courier", label: tr("shipments.col.courier"), kind: "text" as const },
                { key: "error", label: tr("shipments.col.provider_says"), kind: "text" as const },
              ],
              rows: r.failed.map((f) => ({ cells: { ...f, courier: courierText(tr, f.courier) } })),
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

export function importShipmentsDocument(r: ImportShipmentsReport, lang: Locale = "en"): ReportDocument {
  const tr = translator(lang);
  const planned = r.dryRun || !r.applied;
  return {
    title: tr("shipments.import.title", { outcome: r.dryRun ? "dry" : r.applied ? "sent" : "rejected" }),
    meta: [
      [tr("shipments.meta.store"), `${r.store} (${r.platform})`],
      [tr("shipments.import.meta.rows"), String(r.rows)],
      [tr("shipments.import.meta.errors"), String(r.errorCount)],
      [tr("shipments.import.meta.warnings"), String(r.warningCount)],
      ...(r.results ? ([[tr("shipments.import.meta.results"), r.results]] as [string, string][]) : []),
    ],
    charts: [],
    notes: r.dryRun ? [tr("shipments.import.note.dry")] : !r.applied ? [tr("shipments.import.note.rejected")] : [],
    tables: [
      {
        id: "summary",
        title: tr("shipments.import.table.summary"),
        columns: [
          { key: "shipments", label: tr("shipments.col.shipments"), kind: "integer" },
          { key: "created", label: planned ? tr("shipments.import.col.to_send") : tr("shipments.import.col.sent"), kind: "integer" },
          { key: "unchanged", label: tr("shipments.import.col.unchanged"), kind: "integer" },
          { key: "failed", label: tr("shipments.import.col.failed"), kind: "integer" },
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
  issues: readonly {
    level: string;
    file: string;
    row?: number;
    column?: string;
    message: string;
    hint?: string;
    text?: Message;
    hintText?: Message;
  }[],
): ReportDocument["tables"][number] {
  return {
    id: "issues",
    title: tr("issues.table"),
    textRowLimit: 50,
    columns: [
      { key: "level", label: tr("issues.col.level"), kind: "text" },
      { key: "where", label: tr("issues.col.where"), kind: "text" },
      { key: "message", label: tr("issues.col.problem"), kind: "text" },
      { key: "hint", label: tr("issues.col.hint"), kind: "text" },
    ],
    rows: issues.map((i) => ({
      cells: {
        level: i.level === "error" || i.level === "warning" ? tr(`issues.level.${i.level}`) : i.level,
        where: tr.text(
          locationMessage({ file: i.file, ...(i.row !== undefined ? { row: i.row } : {}), ...(i.column ? { column: i.column } : {}) }),
        ),
        message: i.text ? tr.text(i.text) : i.message,
        hint: i.hintText ? tr.text(i.hintText) : (i.hint ?? ""),
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
