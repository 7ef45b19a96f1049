/**
 * The digest in words: a document (table, md, html), its JSON, and the short chat message (title,
 * counts, the top items, where the full report is). English and Chinese.
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import type { Finding, ReturnsFinding } from "../core/digest/findings.js";
import { type DigestMessage, type MessageLine, TOP_ITEMS, topLines } from "../core/digest/message.js";
import { english, type Locale, type Translator, translator } from "../core/i18n/index.js";
import type { MetricUnit } from "../core/kpi/definitions.js";
import { type ColumnKind, KEY_COLUMN, type ReportDocument, type Row } from "../core/report.js";
import { formatInstant, formatMoney, formatNumber, formatPercent, formatValue } from "../io/format.js";
import type { DigestReport, SectionState, StoreDigest } from "../services/digest.js";
import type { ChannelOutcome } from "../services/notify-digest.js";
import { metricLabel } from "../services/present-kpi.js";
import { courierLabel, ruleAmountText, statusLabel } from "../services/present-shipments.js";
import { digestSchema } from "../services/schemas/index.js";

type Lang = Locale;

const KIND: Record<MetricUnit, ColumnKind> = {
  integer: "integer",
  money: "money",
  percent: "percent",
  ratio: "number",
  duration: "duration",
};

const SECTIONS = ["kpi", "returns", "shipments", "prices", "sync"] as const;

function kpiValue(value: number | null, unit: MetricUnit, currency: string): string {
  return formatValue(value, KIND[unit], { currency, digits: unit === "percent" ? 1 : 2 });
}

/** A returns flag without its advice: the digest says what is wrong, the full report what to check. */
function withoutAdvice(tr: Translator, f: ReturnsFinding): string {
  if (!f.text) return f.message.split(": ").slice(0, -1).join(": ") || f.message;
  const full = tr.text(f.text);
  const advice = f.adviceText ? tr.text(f.adviceText) : "";
  if (!advice || !full.endsWith(advice)) return full;
  return full.slice(0, -advice.length).replace(/(: |：)$/, "");
}

/** One finding as a sentence in the run's language. */
export function findingText(f: Finding, currency: string, lang: Lang): string {
  const tr = translator(lang);
  switch (f.section) {
    case "kpi": {
      const change = f.change === null ? "" : tr("digest.kpi_change", { change: `${f.change >= 0 ? "+" : ""}${formatPercent(f.change)}` });
      return tr("digest.kpi", {
        label: metricLabel(tr, { id: f.metric, label: f.label, labelZh: f.labelZh }),
        value: kpiValue(f.value, f.unit, currency),
        op: f.threshold.op === ">=" ? "≥" : "≤",
        limit: kpiValue(f.threshold.value, f.unit, currency),
        change,
      });
    }
    case "returns":
      return withoutAdvice(tr, f);
    case "shipments":
      return tr("digest.shipment", {
        courier: courierLabel(f.courier, tr),
        tracking: f.trackingNumber,
        order: f.orderId,
        status: statusLabel(f.status, tr),
        rules:
          f.actual !== undefined && f.limit !== undefined
            ? ruleAmountText(tr, { rule: f.rule, actual: f.actual, limit: f.limit })
            : f.message,
      });
    case "prices":
      if (f.kind === "new_cheapest")
        return tr("digest.price.new_cheapest", {
          query: f.query,
          product: f.product,
          competitor: f.competitor ?? "",
          price: f.price !== null && f.price !== undefined ? tr("digest.price.at", { price: formatMoney(f.price, f.currency) }) : "",
        });
      return tr("digest.price.rank_worse", { query: f.query, product: f.product, before: f.rankBefore, after: f.rankAfter });
    case "sync":
      if (f.kind === "never") return tr("digest.sync.never");
      return tr("digest.sync.stale", {
        at: f.lastSuccessAt,
        age: f.ageHours,
        limit: f.maxAgeHours,
        failure: f.error ? tr("digest.sync.failure", { error: f.error }) : "",
      });
  }
}

function periodOf(report: DigestReport): string {
  const p = report.stores.find((s) => s.period)?.period;
  if (!p) return report.period;
  return p.first === p.last ? p.first : `${p.first}..${p.last}`;
}

export function digestTitle(report: DigestReport, lang: Lang): string {
  const n = report.counts.new;
  return translator(lang)("digest.title", {
    period: periodOf(report),
    stores: report.stores.map((s) => s.store).join(lang === "en" ? ", " : "、"),
    state: report.allClear ? "clear" : n > 0 ? "new" : "none",
    count: n,
  });
}

/** The short message for chats: new findings only, most urgent first, at most `top` listed. */
export function digestMessage(
  report: DigestReport,
  opts: { lang: Lang; top?: number; reportUrl?: string; reportPath?: string },
): DigestMessage {
  const tr = translator(opts.lang);
  const multi = report.stores.length > 1;
  const bySection = new Map<string, MessageLine[]>();
  for (const s of report.stores) {
    for (const f of s.findings) {
      if (!f.isNew) continue;
      const text = findingText(f, s.currency, opts.lang);
      const list = bySection.get(f.section) ?? [];
      list.push({ text: multi ? `[${s.store}] ${text}` : text, section: f.section, store: s.store });
      bySection.set(f.section, list);
    }
  }
  // Taken in turns from each section, so the top items show every kind of problem, not five KPIs.
  const lines: MessageLine[] = [];
  const queues = [...bySection.values()];
  while (queues.some((q) => q.length > 0)) for (const q of queues) if (q.length > 0) lines.push(q.shift() as MessageLine);
  const counts = SECTIONS.filter((k) => report.counts.bySection[k].new > 0).map((k) => {
    const count = report.counts.bySection[k].new;
    return { label: tr(`digest.count.${k}`, { count }), count };
  });
  const msg: DigestMessage = {
    title: digestTitle(report, opts.lang),
    allClear: report.allClear,
    counts,
    lines,
    more: 0,
    stillOpen: report.counts.stillOpen,
    report: { ...(opts.reportUrl ? { url: opts.reportUrl } : {}), ...(opts.reportPath ? { path: opts.reportPath } : {}) },
  };
  return topLines(msg, opts.top ?? TOP_ITEMS);
}

function findingRows(stores: StoreDigest[], isNew: boolean, lang: Lang): Row[] {
  const tr = translator(lang);
  const rows: Row[] = [];
  for (const s of stores) {
    for (const f of s.findings) {
      if (f.isNew !== isNew) continue;
      rows.push({
        cells: {
          store: s.store,
          section: tr(`digest.section.${f.section}`),
          finding: findingText(f, s.currency, lang),
          key: f.key,
        },
        status: "breach",
      });
    }
  }
  return rows;
}

/** A section's note: a message in the run's language, or a text that is final (an error's). */
const noteText = (tr: Translator, note: SectionState["note"]): string => (note === undefined ? "" : tr.text(note));

export function digestDocument(report: DigestReport, lang: Lang): ReportDocument {
  const tr = translator(lang);
  const findingColumns = [
    { key: "store", label: tr("digest.col.store"), kind: "text" as const, priority: 2 },
    { key: "section", label: tr("digest.col.section"), kind: "text" as const, priority: 1 },
    { key: "finding", label: tr("digest.col.finding"), kind: "text" as const, priority: 1 },
    KEY_COLUMN,
  ];
  const newRows = findingRows(report.stores, true, lang);
  const openRows = findingRows(report.stores, false, lang);
  const sectionRows: Row[] = report.stores.flatMap((s) =>
    s.sections.map((x) => ({
      cells: {
        store: s.store,
        section: tr(`digest.section.${x.section}`),
        status: x.status === "findings" ? "breach" : x.status,
        new: s.findings.filter((f) => f.section === x.section && f.isNew).length,
        open: s.findings.filter((f) => f.section === x.section && !f.isNew).length,
        note: noteText(tr, x.note),
      },
      status: x.status === "findings" ? ("breach" as const) : x.status === "n/a" ? ("n/a" as const) : ("ok" as const),
    })),
  );
  const notes = report.stores.flatMap((s) => s.warnings.map((w) => tr("digest.warning", { store: s.store, warning: tr.text(w) })));
  if (report.allClear) notes.unshift(tr("digest.all_clear"));
  else if (report.counts.new === 0) notes.unshift(tr("digest.nothing_new"));
  return {
    locale: lang,
    title: digestTitle(report, lang),
    subtitle: tr("digest.subtitle"),
    meta: [
      [tr("digest.meta.stores"), report.stores.map((s) => `${s.store} (${s.platform})`).join(lang === "en" ? ", " : "、")],
      [tr("digest.meta.period"), periodOf(report)],
      [tr("digest.meta.new"), formatNumber(report.counts.new, 0)],
      [tr("digest.meta.still_open"), formatNumber(report.counts.stillOpen, 0)],
      [tr("digest.meta.generated"), formatInstant(report.generatedAt, report.stores[0]?.timezone ?? "UTC")],
    ],
    tables: [
      {
        id: "new",
        title: tr("digest.table.new"),
        columns: findingColumns,
        rows: newRows,
        empty: tr("digest.empty.new"),
      },
      {
        id: "still-open",
        title: tr("digest.table.still_open"),
        columns: findingColumns,
        rows: openRows,
        textRowLimit: 20,
        empty: tr("digest.empty.still_open"),
      },
      {
        id: "sections",
        title: tr("digest.table.sections"),
        columns: [
          { key: "store", label: tr("digest.col.store"), kind: "text", priority: 2 },
          { key: "section", label: tr("digest.col.section"), kind: "text", priority: 1 },
          { key: "status", label: tr("digest.col.status"), kind: "status", priority: 1 },
          { key: "new", label: tr("digest.col.new"), kind: "integer", priority: 1 },
          { key: "open", label: tr("digest.col.open"), kind: "integer", priority: 1 },
          { key: "note", label: tr("digest.col.note"), kind: "text", footnote: true },
        ],
        rows: sectionRows,
      },
    ],
    charts: [],
    notes,
  };
}

/** The JSON document (docs/schemas/digest.schema.json); `delivery` is what each --notify channel did. */
export function digestJson(report: DigestReport, delivery?: readonly ChannelOutcome[]): z.output<typeof digestSchema> {
  return conform(
    digestSchema,
    {
      ...report,
      stores: report.stores.map((s) => ({
        ...s,
        sections: s.sections.map((x) => (x.note === undefined ? x : { ...x, note: english(x.note) })),
        findings: s.findings.map((f) => ({ ...f, text: findingText(f, s.currency, "en") })),
        warnings: s.warnings.map(english),
      })),
      // The messages beside the English error and hint are for the screen only.
      ...(delivery !== undefined ? { delivery: delivery.map(({ errorText, hintText, ...o }) => o) } : {}),
    },
    { tz: report.stores[0]?.timezone ?? "UTC" },
  );
}
