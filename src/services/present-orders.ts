/** An orders sync's outcome as a document: what was read, from when, and where the bookmark is now. */
import { type Locale, translator } from "../core/i18n/index.js";
import { ALWAYS, type ReportDocument } from "../core/report.js";
import { formatInstant } from "../io/format.js";
import type { SyncOrdersReport } from "./sync-orders.js";

export function syncOrdersDocument(r: SyncOrdersReport, lang: Locale = "en"): ReportDocument {
  const tr = translator(lang);
  const when = (at: string | null, none: string) => (at ? formatInstant(at, r.timezone) : none);
  return {
    locale: lang,
    title: tr("orders.sync.title"),
    verdict: tr("orders.sync.verdict", { fetched: r.fetched, created: r.created, updated: r.updated }),
    meta: [
      [tr("orders.sync.meta.store"), `${r.store} (${r.platform})`],
      [tr("orders.sync.meta.from"), when(r.from, tr("orders.sync.from_beginning"))],
      [tr("orders.sync.meta.bookmark"), when(r.bookmark, tr("common.none"))],
    ],
    charts: [],
    notes: [],
    tables: [
      {
        id: "sync",
        title: tr("orders.sync.table"),
        columns: [
          { key: "fetched", label: tr("orders.sync.col.fetched"), kind: "integer", priority: ALWAYS },
          { key: "created", label: tr("orders.sync.col.created"), kind: "integer", priority: ALWAYS },
          { key: "updated", label: tr("orders.sync.col.updated"), kind: "integer", priority: ALWAYS },
          { key: "stored", label: tr("orders.sync.col.stored"), kind: "integer", priority: ALWAYS },
        ],
        rows: [{ cells: { fetched: r.fetched, created: r.created, updated: r.updated, stored: r.storedTotal } }],
      },
    ],
  };
}
