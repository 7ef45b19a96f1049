/**
 * The digest in words: a document (table, md, html), its JSON, and the short chat message (title,
 * counts, the top items, where the full report is). English and Chinese.
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import type { Finding } from "../core/digest/findings.js";
import { type DigestMessage, type MessageLine, TOP_ITEMS, topLines } from "../core/digest/message.js";
import { english, type Locale } from "../core/i18n/index.js";
import type { MetricUnit } from "../core/kpi/definitions.js";
import type { ColumnKind, ReportDocument, Row } from "../core/report.js";
import { formatMoney, formatPercent, formatValue } from "../io/format.js";
import type { DigestReport, StoreDigest } from "../services/digest.js";
import type { ChannelOutcome } from "../services/notify-digest.js";
import { digestSchema } from "../services/schemas/index.js";

type Lang = Locale;

const KIND: Record<MetricUnit, ColumnKind> = {
  integer: "integer",
  money: "money",
  percent: "percent",
  ratio: "number",
  duration: "duration",
};

const SECTION_LABEL: Record<Finding["section"], { en: [string, string]; zh: string }> = {
  kpi: { en: ["KPI breach", "KPI breaches"], zh: "项指标超阈值" },
  returns: { en: ["returns finding", "returns findings"], zh: "项退货问题" },
  shipments: { en: ["late parcel", "late parcels"], zh: "个包裹超时" },
  prices: { en: ["price change", "price changes"], zh: "项竞品价格变化" },
  sync: { en: ["sync problem", "sync problems"], zh: "项同步问题" },
};

const SECTION_NAME: Record<Finding["section"], { en: string; zh: string }> = {
  kpi: { en: "KPIs", zh: "指标" },
  returns: { en: "Returns", zh: "退货" },
  shipments: { en: "Shipments", zh: "物流" },
  prices: { en: "Competitor prices", zh: "竞品价格" },
  sync: { en: "Orders sync", zh: "订单同步" },
};

function kpiValue(value: number | null, unit: MetricUnit, currency: string): string {
  return formatValue(value, KIND[unit], { currency, digits: unit === "percent" ? 1 : 2 });
}

/** One finding as a sentence. */
export function findingText(f: Finding, currency: string, lang: Lang): string {
  const zh = lang !== undefined && lang !== "en";
  switch (f.section) {
    case "kpi": {
      const change = f.change === null ? "" : `, ${f.change >= 0 ? "+" : ""}${formatPercent(f.change)} ${zh ? "环比" : "vs previous"}`;
      const op = f.threshold.op === ">=" ? "≥" : "≤";
      return `${zh ? f.labelZh : f.label} ${kpiValue(f.value, f.unit, currency)} (${zh ? "阈值" : "threshold"} ${op} ${kpiValue(f.threshold.value, f.unit, currency)}${change})`;
    }
    case "returns":
      return f.message.split(": ").slice(0, -1).join(": ") || f.message;
    case "shipments":
      return `${f.courier} ${f.trackingNumber} (${zh ? "订单" : "order"} ${f.orderId}): ${f.message}`;
    case "prices":
      if (f.kind === "new_cheapest")
        return `"${f.query}" (${f.product}): ${zh ? "最低价竞品变为" : "new cheapest competitor"} ${f.competitor}${f.price !== null && f.price !== undefined ? ` ${zh ? "价格" : "at"} ${formatMoney(f.price, f.currency)}` : ""}`;
      return `"${f.query}" (${f.product}): ${zh ? "我方价格排名下降" : "our price rank worse"} ${f.rankBefore} → ${f.rankAfter}`;
    case "sync":
      if (f.kind === "never")
        return zh ? "订单从未成功同步（merchops orders sync）" : "orders never synced successfully (merchops orders sync)";
      return `${zh ? "最近一次成功同步订单在" : "last successful orders sync"} ${f.lastSuccessAt ?? "n/a"} (${f.ageHours} h ${zh ? "前，上限" : "ago, limit"} ${f.maxAgeHours} h)${f.error ? `; ${zh ? "最近失败" : "last failure"}: ${f.error}` : ""}`;
  }
}

function periodOf(report: DigestReport): string {
  const p = report.stores.find((s) => s.period)?.period;
  if (!p) return report.period;
  return p.first === p.last ? p.first : `${p.first}..${p.last}`;
}

export function digestTitle(report: DigestReport, lang: Lang): string {
  const stores = report.stores.map((s) => s.store).join(", ");
  const n = report.counts.new;
  if (lang !== undefined && lang !== "en") {
    const what = report.allClear ? "一切正常" : n > 0 ? `${n} 项新问题` : "无新问题";
    return `merchops 日报 ${periodOf(report)}（${stores}）：${what}`;
  }
  const what = report.allClear ? "all clear" : n > 0 ? `${n} new finding${n === 1 ? "" : "s"}` : "nothing new";
  return `merchops digest ${periodOf(report)} (${stores}): ${what}`;
}

function countLabel(section: Finding["section"], count: number, lang: Lang): string {
  const l = SECTION_LABEL[section];
  return lang !== undefined && lang !== "en" ? l.zh : l.en[count === 1 ? 0 : 1];
}

/** The short message for chats: new findings only, most urgent first, at most `top` listed. */
export function digestMessage(
  report: DigestReport,
  opts: { lang: Lang; top?: number; reportUrl?: string; reportPath?: string },
): DigestMessage {
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
  const counts = (["kpi", "returns", "shipments", "prices", "sync"] as const)
    .filter((k) => report.counts.bySection[k].new > 0)
    .map((k) => ({ label: countLabel(k, report.counts.bySection[k].new, opts.lang), count: report.counts.bySection[k].new }));
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
  const rows: Row[] = [];
  for (const s of stores) {
    for (const f of s.findings) {
      if (f.isNew !== isNew) continue;
      rows.push({
        cells: {
          store: s.store,
          section: SECTION_NAME[f.section][lang === "en" ? "en" : "zh"],
          finding: findingText(f, s.currency, lang),
          key: f.key,
        },
        status: "breach",
      });
    }
  }
  return rows;
}

export function digestDocument(report: DigestReport, lang: Lang): ReportDocument {
  const zh = lang !== undefined && lang !== "en";
  const findingColumns = [
    { key: "store", label: zh ? "店铺" : "Store", kind: "text" as const, priority: 2 },
    { key: "section", label: zh ? "类别" : "Section", kind: "text" as const, priority: 1 },
    { key: "finding", label: zh ? "问题" : "Finding", kind: "text" as const, priority: 1 },
    { key: "key", label: "key", kind: "text" as const, machineOnly: true },
  ];
  const newRows = findingRows(report.stores, true, lang);
  const openRows = findingRows(report.stores, false, lang);
  const sectionRows: Row[] = report.stores.flatMap((s) =>
    s.sections.map((x) => ({
      cells: {
        store: s.store,
        section: SECTION_NAME[x.section][lang === "en" ? "en" : "zh"],
        status: x.status === "findings" ? "breach" : x.status,
        new: s.findings.filter((f) => f.section === x.section && f.isNew).length,
        open: s.findings.filter((f) => f.section === x.section && !f.isNew).length,
        note: x.note ?? "",
      },
      status: x.status === "findings" ? ("breach" as const) : x.status === "n/a" ? ("n/a" as const) : ("ok" as const),
    })),
  );
  const notes = report.stores.flatMap((s) => s.warnings.map((w) => `${s.store}: ${english(w)}`));
  if (report.allClear) notes.unshift(zh ? "一切正常：今天没有需要处理的问题。" : "All clear: nothing needs attention today.");
  else if (report.counts.new === 0)
    notes.unshift(zh ? "没有新问题；仍未解决的问题见下表。" : "Nothing new since the last digest; the findings still open are listed.");
  return {
    title: digestTitle(report, lang),
    subtitle: zh ? "今天需要关注的问题（新问题只报告一次）" : "What needs attention today (a finding is new once)",
    meta: [
      [zh ? "店铺" : "Stores", report.stores.map((s) => `${s.store} (${s.platform})`).join(", ")],
      [zh ? "期间" : "Period", periodOf(report)],
      [zh ? "新问题" : "New", String(report.counts.new)],
      [zh ? "仍未解决" : "Still open", String(report.counts.stillOpen)],
      [zh ? "生成时间" : "Generated at", report.generatedAt],
    ],
    tables: [
      {
        id: "new",
        title: zh ? "新问题" : "New findings",
        columns: findingColumns,
        rows: newRows,
        empty: zh ? "没有新问题。" : "No new findings.",
      },
      {
        id: "still-open",
        title: zh ? "此前已报告、仍未解决" : "Still open (reported before)",
        columns: findingColumns,
        rows: openRows,
        textRowLimit: 20,
        empty: zh ? "没有仍未解决的问题。" : "Nothing still open.",
      },
      {
        id: "sections",
        title: zh ? "各部分" : "Sections",
        columns: [
          { key: "store", label: zh ? "店铺" : "Store", kind: "text", priority: 2 },
          { key: "section", label: zh ? "类别" : "Section", kind: "text", priority: 1 },
          { key: "status", label: zh ? "状态" : "Status", kind: "status", priority: 1 },
          { key: "new", label: zh ? "新" : "New", kind: "integer", priority: 1 },
          { key: "open", label: zh ? "未解决" : "Open", kind: "integer", priority: 1 },
          { key: "note", label: zh ? "说明" : "Note", kind: "text", footnote: true },
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
        findings: s.findings.map((f) => ({ ...f, text: findingText(f, s.currency, "en") })),
        warnings: s.warnings.map(english),
      })),
      ...(delivery !== undefined ? { delivery } : {}),
    },
    { tz: report.stores[0]?.timezone ?? "UTC" },
  );
}
