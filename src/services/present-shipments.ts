/**
 * Shipment reports as documents and JSON: counts by status and courier, the on-time rate, the
 * delayed shipments with the rule each broke, tracking failures; and a shipments import's outcome.
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import { formatLocation } from "../core/errors.js";
import type { ReportDocument } from "../core/report.js";
import type { ImportShipmentsReport } from "./import-shipments.js";
import { shipmentsImportSchema, shipmentsSchema } from "./schemas/index.js";
import type { ShipmentsReport } from "./sync-shipments.js";

const RULE_LABEL: Record<string, string> = { first_scan: "first scan", delivery: "delivery", stuck: "no scan (stuck)" };
const unitOf = (rule: string) => (rule === "delivery" ? "d" : "h");

export function shipmentsDocument(r: ShipmentsReport): ReportDocument {
  const meta: [string, string][] = [
    ["Store", `${r.store} (${r.platform})`],
    ["Shipments", `${r.total} (${r.open} open)`],
    ["Delayed", String(r.delayed.length)],
    ["On-time delivery", r.onTimeRate === null ? "n/a" : `${(r.onTimeRate * 100).toFixed(1)}%`],
  ];
  if (r.kind === "sync") {
    meta.push([
      "Tracked now",
      `${r.tracked} (${r.changed} changed, ${r.failed.length} not found or refused, ${r.deferred} left for later)`,
    ]);
    for (const p of r.providers)
      meta.push([`Provider ${p.name}`, `${p.calls} calls, ${p.numbers} numbers, at most ${p.maxBatch} per call`]);
  }
  const notes: string[] = [];
  if (r.deferred > 0) notes.push(`${r.deferred} number(s) were asked about too recently for their provider; the next run tracks them.`);
  return {
    title: r.kind === "sync" ? "Shipments sync" : "Shipments status",
    meta,
    charts: [],
    notes,
    tables: [
      {
        id: "by-status",
        title: "By status",
        columns: [
          { key: "status", label: "Status", kind: "text" },
          { key: "count", label: "Shipments", kind: "integer" },
        ],
        rows: Object.entries(r.byStatus)
          .sort((a, b) => b[1] - a[1])
          .map(([status, count]) => ({ cells: { status, count } })),
      },
      {
        id: "by-courier",
        title: "By courier",
        columns: [
          { key: "courier", label: "Courier", kind: "text" },
          { key: "total", label: "Shipments", kind: "integer" },
          { key: "open", label: "Open", kind: "integer" },
          { key: "delivered", label: "Delivered", kind: "integer" },
          { key: "delayed", label: "Delayed", kind: "integer" },
          { key: "on_time_rate", label: "On time", kind: "percent" },
        ],
        rows: r.byCourier.map((c) => ({
          cells: { courier: c.courier, total: c.total, open: c.open, delivered: c.delivered, delayed: c.delayed, on_time_rate: c.onTime },
        })),
      },
      {
        id: "delayed",
        title: "Delayed shipments",
        textRowLimit: 50,
        columns: [
          { key: "tracking_number", label: "Tracking number", kind: "text" },
          { key: "order_id", label: "Order", kind: "text" },
          { key: "courier", label: "Courier", kind: "text" },
          { key: "status", label: "Status", kind: "text" },
          { key: "rule", label: "Rule broken", kind: "text" },
          { key: "late", label: "Actual / limit", kind: "text" },
          { key: "last_event_at", label: `Last scan (${r.timezone})`, kind: "date", timezone: r.timezone },
          { key: "destination", label: "Destination", kind: "text" },
          { key: "message", label: "Why", kind: "text", machineOnly: true },
        ],
        rows: r.delayed.map((d) => ({
          cells: {
            tracking_number: d.trackingNumber,
            order_id: d.orderId,
            courier: d.courier,
            status: d.status,
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
              textRowLimit: 20,
              columns: [
                { key: "tracking_number", label: "Tracking number", kind: "text" as const },
                { key: "courier", label: "Courier", kind: "text" as const },
                { key: "error", label: "Provider says", kind: "text" as const },
              ],
              rows: r.failed.map((f) => ({ cells: { tracking_number: f.trackingNumber, courier: f.courier, error: f.error } })),
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

export function importShipmentsDocument(r: ImportShipmentsReport): ReportDocument {
  const planned = r.dryRun || !r.applied;
  return {
    title: `Shipments import — ${r.dryRun ? "Dry run" : r.applied ? "Sent" : "Rejected"}`,
    meta: [
      ["Store", `${r.store} (${r.platform})`],
      ["Rows", String(r.rows)],
      ["Errors", String(r.errorCount)],
      ["Warnings", String(r.warningCount)],
      ...(r.results ? ([["Results file", r.results]] as [string, string][]) : []),
    ],
    charts: [],
    notes: r.dryRun ? ["Dry run: nothing was sent."] : !r.applied ? ["Nothing was sent: fix the errors, or pass --max-errors N."] : [],
    tables: [
      {
        id: "summary",
        title: "Summary",
        columns: [
          { key: "shipments", label: "Shipments", kind: "integer" },
          { key: "created", label: planned ? "To send" : "Sent", kind: "integer" },
          { key: "unchanged", label: "Already imported", kind: "integer" },
          { key: "failed", label: "Refused by the platform", kind: "integer" },
        ],
        rows: [{ cells: { shipments: r.shipments, created: r.created, unchanged: r.unchanged, failed: r.failed } }],
      },
      {
        id: "issues",
        title: "Errors and warnings",
        textRowLimit: 50,
        columns: [
          { key: "level", label: "Severity", kind: "text" },
          { key: "where", label: "Where", kind: "text" },
          { key: "message", label: "Problem", kind: "text" },
          { key: "hint", label: "What to do", kind: "text" },
        ],
        rows: r.issues.map((i) => ({
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
