/**
 * Shipment reports as documents and JSON: counts by status and courier, the on-time rate, the
 * delayed shipments with the rule each broke, tracking failures; and a shipments import's outcome.
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import { locationMessage } from "../core/errors.js";
import { english, type Locale, type Message, type MessageId, type Translator, translator } from "../core/i18n/index.js";
import { ALWAYS, type Chart, DETAIL, type ReportDocument, type Table } from "../core/report.js";
import { courierLabel as courierName, isCourierCode } from "../core/shipments/couriers.js";
import { isShipmentStatus } from "../core/shipments/status.js";
import { formatNumber, formatPercent } from "../io/format.js";
import type { ImportShipmentsReport } from "./import-shipments.js";
import { shipmentsImportSchema, shipmentsSchema } from "./schemas/index.js";
import type { ShipmentsReport } from "./sync-shipments.js";

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

/** One broken rule with its figure and limit: "first scan 495.7 h / 24 h". */
export function ruleAmountText(tr: Translator, b: { rule: string; actual: number; limit: number }): string {
  return tr("shipments.rule_amount", {
    rule: ruleLabel(tr, b.rule),
    actual: amount(tr, b.rule, b.actual),
    limit: amount(tr, b.rule, b.limit),
  });
}

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
  const rules = d.breaches.map((b) => ruleAmountText(tr, b));
  return tr("shipments.delay_item", {
    tracking: d.trackingNumber,
    courier: courierLabel(d.courier, tr),
    status: statusLabel(d.status, tr),
    rules: rules.join(SEP[tr.locale]),
  });
}

/** The one line a cron mail carries: "3 late parcels: SF… (SF Express, in transit): delivery 7.2 d / 5 d; …". */
export function lateParcelsLine(delays: readonly Delayed[], shown = 3, lang: Locale = "en"): string {
  const tr = translator(lang);
  const sorted = byLateness(delays);
  const more = sorted.length > shown ? tr("shipments.late_more", { count: sorted.length - shown }) : "";
  const items = sorted.slice(0, shown).map((d) => delayText(tr, d));
  // The items are rendered already (they carry the merchant's values): the line keeps them in its language.
  return tr("shipments.late_line", { count: sorted.length, items: items.join(lang === "en" ? "; " : "；"), more });
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

/** On-time delivery per courier (html): a courier with nothing delivered yet is a gap, not 0%. */
function onTimeChart(r: ShipmentsReport, tr: Translator): Chart[] {
  if (r.byCourier.length === 0) return [];
  return [
    {
      id: "on-time-by-courier",
      title: tr("shipments.chart.on_time"),
      kind: "bar",
      unit: "percent",
      x: r.byCourier.map((c) => courierLabel(c.courier, tr)),
      series: [{ name: tr("shipments.col.on_time"), values: r.byCourier.map((c) => c.onTime) }],
    },
  ];
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
    charts: onTimeChart(r, tr),
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
          { key: "on_time_rate", label: tr("shipments.col.on_time"), kind: "percent", priority: ALWAYS },
        ],
        rows: r.byCourier.map((c) => ({
          cells: {
            courier: courierLabel(c.courier, tr),
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
        title: tr("shipments.table.delayed"),
        textRowLimit: 50,
        empty: tr("shipments.empty.delayed"),
        columns: [
          { key: "tracking_number", label: tr("shipments.col.tracking_number"), kind: "text", priority: ALWAYS },
          { key: "order_id", label: tr("shipments.col.order"), kind: "text" },
          { key: "courier", label: tr("shipments.col.courier"), kind: "text", priority: ALWAYS },
          { key: "status", label: tr("shipments.col.status"), kind: "text" },
          { key: "rule", label: tr("shipments.col.rule"), kind: "text", priority: ALWAYS },
          { key: "late", label: tr("shipments.col.late"), kind: "text", priority: ALWAYS },
          {
            key: "last_event_at",
            label: tr("shipments.col.last_scan", { timezone: r.timezone }),
            kind: "date",
            timezone: r.timezone,
            priority: DETAIL,
          },
          { key: "destination", label: tr("shipments.col.destination"), kind: "text", priority: DETAIL },
          { key: "message", label: tr("shipments.col.why"), kind: "text", machineOnly: true },
        ],
        rows: byLateness(r.delayed).map((d) => ({
          cells: {
            tracking_number: d.trackingNumber,
            order_id: d.orderId,
            courier: courierLabel(d.courier, tr),
            status: statusLabel(d.status, tr),
            rule: d.breaches.map((b) => ruleLabel(tr, b.rule)).join(sep),
            late: d.breaches.map((b) => `${amount(tr, b.rule, b.actual)} / ${amount(tr, b.rule, b.limit)}`).join(sep),
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
              title: tr("shipments.table.failed"),
              sheetName: tr("shipments.sheet.not_found"),
              textRowLimit: 20,
              columns: [
                { key: "tracking_number", label: tr("shipments.col.tracking_number"), kind: "text" as const, priority: ALWAYS },
                { key: "courier", label: tr("shipments.col.courier"), kind: "text" as const },
                { key: "error", label: tr("shipments.col.provider_says"), kind: "text" as const, priority: ALWAYS },
              ],
              rows: r.failed.map((f) => ({
                cells: { tracking_number: f.trackingNumber, courier: courierLabel(f.courier, tr), error: tr.text(f.error) },
              })),
            },
          ]
        : []),
    ],
  };
}

/** The JSON document (docs/schemas/shipments.schema.json). */
export function shipmentsJson(r: ShipmentsReport): z.output<typeof shipmentsSchema> {
  return conform(
    shipmentsSchema,
    {
      ...r,
      byCourier: r.byCourier.map((c) => ({ ...c, on_time_rate: c.onTime })),
      failed: r.failed.map((f) => ({ ...f, error: english(f.error) })),
    },
    { tz: r.timezone },
  );
}

/** "Dry run: 12 shipments to send, 3 already imported; 0 errors." */
export function importShipmentsVerdict(r: ImportShipmentsReport, maxErrors = 0, lang: Locale = "en"): string {
  const tr = translator(lang);
  const unchanged = r.unchanged > 0 ? tr("shipments.import.verdict.unchanged", { count: r.unchanged }) : "";
  // The real run's rule: any error stops it, unless --max-errors tolerates that many.
  const wouldSend = r.errorCount === 0 || (maxErrors > 0 && r.errorCount <= maxErrors);
  if (r.dryRun)
    return tr(wouldSend ? "shipments.import.verdict.dry" : "shipments.import.verdict.dry_rejected", {
      created: r.created,
      unchanged,
      errors: r.errorCount,
    });
  if (!r.applied) return tr("shipments.import.verdict.rejected", { errors: r.errorCount });
  const refused = r.failed > 0 ? tr("shipments.import.verdict.refused", { count: r.failed }) : "";
  return tr("shipments.import.verdict.sent", { created: r.created, unchanged, refused, errors: r.errorCount });
}

/** `maxErrors`: the run's --max-errors, so a dry run can say whether the real run would go ahead. */
export function importShipmentsDocument(r: ImportShipmentsReport, opts: { maxErrors?: number; lang?: Locale } = {}): ReportDocument {
  const lang = opts.lang ?? "en";
  const tr = translator(lang);
  const planned = r.dryRun || !r.applied;
  return {
    locale: lang,
    title: tr("shipments.import.title", { outcome: r.dryRun ? "dry" : r.applied ? "sent" : "rejected" }),
    verdict: importShipmentsVerdict(r, opts.maxErrors ?? 0, lang),
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
  issues: readonly { level: string; file: string; row?: number; column?: string; message: Message | string; hint?: Message | string }[],
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
      ...(i.level === "error" ? { status: "error" as const } : {}),
      cells: {
        level: i.level === "error" || i.level === "warning" ? tr(`issues.level.${i.level}`) : i.level,
        where: tr.text(
          locationMessage({ file: i.file, ...(i.row !== undefined ? { row: i.row } : {}), ...(i.column ? { column: i.column } : {}) }),
        ),
        message: tr.text(i.message),
        hint: tr.text(i.hint ?? ""),
      },
    })),
  };
}

/** The JSON document (docs/schemas/shipments-import.schema.json). */
export function importShipmentsJson(r: ImportShipmentsReport): z.output<typeof shipmentsImportSchema> {
  // The JSON carries the English of each message (machine output: greppable, one language).
  const issues = r.issues.map((i) => ({ ...i, message: english(i.message), ...(i.hint !== undefined ? { hint: english(i.hint) } : {}) }));
  return conform(shipmentsImportSchema, { ...r, issues, results_file: r.results ?? null });
}
