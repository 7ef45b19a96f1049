/**
 * Shipment reports as documents and JSON: counts by status and courier, the on-time rate, the
 * delayed shipments with the rule each broke, tracking failures; and a shipments import's outcome.
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import { formatLocation } from "../core/errors.js";
import { ALWAYS, type Chart, DETAIL, type ReportDocument } from "../core/report.js";
import { COURIERS } from "../core/shipments/couriers.js";
import { countOf, formatNumber, formatPercent } from "../io/format.js";
import type { ImportShipmentsReport } from "./import-shipments.js";
import { shipmentsImportSchema, shipmentsSchema } from "./schemas/index.js";
import type { ShipmentsReport } from "./sync-shipments.js";

const RULE_LABEL: Record<string, string> = { first_scan: "first scan", delivery: "delivery", stuck: "no scan (stuck)" };
const unitOf = (rule: string) => (rule === "delivery" ? "d" : "h");

const STATUS_LABEL: Record<string, string> = {
  pending: "pending",
  info_received: "label created",
  in_transit: "in transit",
  out_for_delivery: "out for delivery",
  available_for_pickup: "ready for pickup",
  failed_attempt: "delivery attempt failed",
  exception: "exception",
  returning: "returning to sender",
  returned: "returned to sender",
  delivered: "delivered",
  expired: "tracking expired",
};

/** A status as people say it: "in transit", not in_transit. */
export const statusLabel = (status: string): string => STATUS_LABEL[status] ?? status.replace(/_/g, " ");

/** A courier by its name ("SF Express"), not our code ("sf"); unknown codes as they are. */
export function courierLabel(code: string): string {
  return COURIERS.find((c) => c.code === code)?.nameEn ?? code;
}

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

/** One delay as the table shows it: "SF7030470061677 (SF Express, in transit): first scan 495.7h / 24h". */
function delayText(d: Delayed): string {
  const rules = d.breaches.map((b) => `${RULE_LABEL[b.rule] ?? b.rule} ${b.actual}${unitOf(b.rule)} / ${b.limit}${unitOf(b.rule)}`);
  return `${d.trackingNumber} (${courierLabel(d.courier)}, ${statusLabel(d.status)}): ${rules.join(", ")}`;
}

/** The one line a cron mail carries: "3 late parcels: SF… (SF Express, in transit): delivery 7.2d / 5d; …". */
export function lateParcelsLine(delays: readonly Delayed[], shown = 3): string {
  const sorted = byLateness(delays);
  const more = sorted.length > shown ? `; and ${formatNumber(sorted.length - shown)} more` : "";
  return `${countOf(sorted.length, "late parcel")}: ${sorted.slice(0, shown).map(delayText).join("; ")}${more}`;
}

/** "3 delayed shipments (2 still open); on-time delivery 92.3%." */
export function shipmentsVerdict(r: ShipmentsReport): string {
  const onTime = `on-time delivery ${r.onTimeRate === null ? "n/a" : formatPercent(r.onTimeRate)}`;
  const n = r.delayed.length;
  if (r.total === 0) return "No shipments stored yet.";
  if (n === 0) return `No delayed shipments among ${formatNumber(r.total)}; ${onTime}.`;
  const open = r.delayed.filter((d) => d.status !== "delivered" && d.status !== "returned" && d.status !== "expired").length;
  return `${formatNumber(n)} delayed shipment${n === 1 ? "" : "s"} (${formatNumber(open)} still open) of ${formatNumber(r.total)}; ${onTime}.`;
}

/** On-time delivery per courier (html): a courier with nothing delivered yet is a gap, not 0%. */
function onTimeChart(r: ShipmentsReport): Chart[] {
  if (r.byCourier.length === 0) return [];
  return [
    {
      id: "on-time-by-courier",
      title: "On-time delivery by courier",
      kind: "bar",
      unit: "percent",
      x: r.byCourier.map((c) => courierLabel(c.courier)),
      series: [{ name: "On time", values: r.byCourier.map((c) => c.onTime) }],
    },
  ];
}

export function shipmentsDocument(r: ShipmentsReport): ReportDocument {
  const meta: [string, string][] = [
    ["Store", `${r.store} (${r.platform})`],
    ["Shipments", `${formatNumber(r.total)} (${formatNumber(r.open)} open)`],
    ["Delayed", formatNumber(r.delayed.length)],
    ["On-time delivery", r.onTimeRate === null ? "n/a" : formatPercent(r.onTimeRate)],
  ];
  if (r.kind === "sync") {
    meta.push([
      "Tracked now",
      `${formatNumber(r.tracked)} (${formatNumber(r.changed)} changed, ${formatNumber(r.failed.length)} not found or refused, ${formatNumber(r.deferred)} left for later)`,
    ]);
    for (const p of r.providers)
      meta.push([
        `Provider ${p.name}`,
        `${countOf(p.calls, "call")}, ${countOf(p.numbers, "number")}, at most ${formatNumber(p.maxBatch)} per call`,
      ]);
  }
  const notes: string[] = [];
  if (r.deferred > 0)
    notes.push(
      `${countOf(r.deferred, "number")} ${r.deferred === 1 ? "was" : "were"} asked about too recently for their provider; the next run tracks them.`,
    );
  return {
    title: r.kind === "sync" ? "Shipments sync" : "Shipments status",
    verdict: shipmentsVerdict(r),
    meta,
    charts: onTimeChart(r),
    notes,
    tables: [
      {
        id: "by-status",
        title: "By status",
        columns: [
          { key: "status", label: "Status", kind: "text", priority: ALWAYS },
          { key: "count", label: "Shipments", kind: "integer", priority: ALWAYS },
        ],
        empty: "No shipments stored yet: run shipments sync.",
        rows: Object.entries(r.byStatus)
          .sort((a, b) => b[1] - a[1])
          .map(([status, count]) => ({ cells: { status: statusLabel(status), count } })),
      },
      {
        id: "by-courier",
        title: "By courier",
        columns: [
          { key: "courier", label: "Courier", kind: "text", priority: ALWAYS },
          { key: "total", label: "Shipments", kind: "integer", priority: ALWAYS },
          { key: "open", label: "Open", kind: "integer" },
          { key: "delivered", label: "Delivered", kind: "integer", priority: DETAIL },
          { key: "delayed", label: "Delayed", kind: "integer", priority: ALWAYS },
          { key: "on_time_rate", label: "On time", kind: "percent", priority: ALWAYS },
        ],
        rows: r.byCourier.map((c) => ({
          cells: {
            courier: courierLabel(c.courier),
            total: c.total,
            open: c.open,
            delivered: c.delivered,
            delayed: c.delayed,
            on_time_rate: c.onTime,
          },
        })),
      },
      {
        id: "delayed",
        title: "Delayed shipments",
        textRowLimit: 50,
        empty: "No delayed shipments.",
        columns: [
          { key: "tracking_number", label: "Tracking number", kind: "text", priority: ALWAYS },
          { key: "order_id", label: "Order", kind: "text" },
          { key: "courier", label: "Courier", kind: "text", priority: ALWAYS },
          { key: "status", label: "Status", kind: "text" },
          { key: "rule", label: "Rule broken", kind: "text", priority: ALWAYS },
          { key: "late", label: "Actual / limit", kind: "text", priority: ALWAYS },
          { key: "last_event_at", label: `Last scan (${r.timezone})`, kind: "date", timezone: r.timezone, priority: DETAIL },
          { key: "destination", label: "Destination", kind: "text", priority: DETAIL },
          { key: "message", label: "Why", kind: "text", machineOnly: true },
        ],
        rows: byLateness(r.delayed).map((d) => ({
          cells: {
            tracking_number: d.trackingNumber,
            order_id: d.orderId,
            courier: courierLabel(d.courier),
            status: statusLabel(d.status),
            rule: d.breaches.map((b) => RULE_LABEL[b.rule] ?? b.rule).join(", "),
            late: d.breaches.map((b) => `${b.actual}${unitOf(b.rule)} / ${b.limit}${unitOf(b.rule)}`).join(", "),
            last_event_at: d.lastEventAt ?? null,
            destination: d.destination ?? "",
            message: d.breaches.map((b) => b.message).join("; "),
          },
        })),
      },
      ...(r.failed.length > 0
        ? [
            {
              id: "failed",
              title: "Not found or refused by the provider",
              sheetName: "Not found",
              textRowLimit: 20,
              columns: [
                { key: "tracking_number", label: "Tracking number", kind: "text" as const, priority: ALWAYS },
                { key: "courier", label: "Courier", kind: "text" as const },
                { key: "error", label: "Provider says", kind: "text" as const, priority: ALWAYS },
              ],
              rows: r.failed.map((f) => ({
                cells: { tracking_number: f.trackingNumber, courier: courierLabel(f.courier), error: f.error },
              })),
            },
          ]
        : []),
    ],
  };
}

/** The JSON document (docs/schemas/shipments.schema.json). */
export function shipmentsJson(r: ShipmentsReport): z.output<typeof shipmentsSchema> {
  return conform(shipmentsSchema, { ...r, byCourier: r.byCourier.map((c) => ({ ...c, on_time_rate: c.onTime })) }, { tz: r.timezone });
}

/** "Dry run: 12 shipments to send, 3 already imported; 0 errors." */
export function importShipmentsVerdict(r: ImportShipmentsReport, maxErrors = 0): string {
  const errors = `${formatNumber(r.errorCount)} error${r.errorCount === 1 ? "" : "s"}`;
  const counts = `${formatNumber(r.created)} shipment${r.created === 1 ? "" : "s"}`;
  const unchanged = r.unchanged > 0 ? `, ${formatNumber(r.unchanged)} already imported` : "";
  // The real run's rule: any error stops it, unless --max-errors tolerates that many.
  const wouldSend = r.errorCount === 0 || (maxErrors > 0 && r.errorCount <= maxErrors);
  if (r.dryRun) return `Dry run${wouldSend ? "" : " (would be rejected)"}: ${counts} to send${unchanged}; ${errors}.`;
  if (!r.applied) return `Rejected: nothing was sent; ${errors}.`;
  const refused = r.failed > 0 ? `, ${formatNumber(r.failed)} refused by the platform` : "";
  return `Sent ${counts}${unchanged}${refused}; ${errors}.`;
}

/** `maxErrors`: the run's --max-errors, so a dry run can say whether the real run would go ahead. */
export function importShipmentsDocument(r: ImportShipmentsReport, opts: { maxErrors?: number } = {}): ReportDocument {
  const planned = r.dryRun || !r.applied;
  return {
    title: `Shipments import — ${r.dryRun ? "Dry run" : r.applied ? "Sent" : "Rejected"}`,
    verdict: importShipmentsVerdict(r, opts.maxErrors ?? 0),
    meta: [
      ["Store", `${r.store} (${r.platform})`],
      ["Rows", formatNumber(r.rows)],
      ["Errors", formatNumber(r.errorCount)],
      ["Warnings", formatNumber(r.warningCount)],
      ...(r.results ? ([["Results file", r.results]] as [string, string][]) : []),
    ],
    charts: [],
    notes: r.dryRun ? ["Dry run: nothing was sent."] : !r.applied ? ["Nothing was sent: fix the errors, or pass --max-errors N."] : [],
    tables: [
      {
        id: "summary",
        title: "Summary",
        columns: [
          { key: "shipments", label: "Shipments", kind: "integer", priority: ALWAYS },
          { key: "created", label: planned ? "To send" : "Sent", kind: "integer", priority: ALWAYS },
          { key: "unchanged", label: "Already imported", kind: "integer", priority: ALWAYS },
          { key: "failed", label: "Refused by the platform", kind: "integer", priority: ALWAYS },
        ],
        rows: [{ cells: { shipments: r.shipments, created: r.created, unchanged: r.unchanged, failed: r.failed } }],
      },
      {
        id: "issues",
        title: "Errors and warnings",
        textRowLimit: 50,
        empty: "No errors or warnings.",
        columns: [
          { key: "level", label: "Severity", kind: "text", priority: ALWAYS },
          { key: "where", label: "Where", kind: "text", priority: ALWAYS },
          { key: "message", label: "Problem", kind: "text", priority: ALWAYS },
          { key: "hint", label: "What to do", kind: "text" },
        ],
        rows: r.issues.map((i) => ({
          ...(i.level === "error" ? { status: "error" as const } : {}),
          cells: {
            level: i.level,
            where: formatLocation({ file: i.file, row: i.row, ...(i.column ? { column: i.column } : {}) }),
            message: i.message,
            hint: i.hint ?? "",
          },
        })),
      },
    ],
  };
}

/** The JSON document (docs/schemas/shipments-import.schema.json). */
export function importShipmentsJson(r: ImportShipmentsReport): z.output<typeof shipmentsImportSchema> {
  return conform(shipmentsImportSchema, { ...r, results_file: r.results ?? null });
}
