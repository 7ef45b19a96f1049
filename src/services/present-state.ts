/** The state store's upkeep (status, migrate, copy) as documents, JSON and one-line results. */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import { type Locale, translator } from "../core/i18n/index.js";
import { ALWAYS, DETAIL, type ReportDocument } from "../core/report.js";
import { formatInstant } from "../io/format.js";
import { stateCopySchema, stateMigrateSchema, stateStatusSchema } from "./schemas/index.js";
import type { StateCopyReport, StateMigrateReport, StateStatusReport } from "./state-admin.js";

export function stateStatusDocument(r: StateStatusReport, lang: Locale, tz: string): ReportDocument {
  const tr = translator(lang);
  return {
    locale: lang,
    title: tr("state.status.title"),
    meta: [
      [tr("state.meta.backend"), r.backend],
      [tr("state.meta.location"), r.location],
      [tr("state.meta.version"), tr("state.version_of", { version: r.version, latest: r.latest })],
      [tr("state.meta.pending"), String(r.pending)],
      ...(r.lockReleaseBoundSeconds !== null
        ? [[tr("state.meta.lock_release"), tr("state.seconds", { n: r.lockReleaseBoundSeconds })] as [string, string]]
        : []),
    ],
    charts: [],
    notes: r.pending > 0 ? [tr("state.note.pending")] : [],
    tables: [
      {
        id: "locks",
        title: tr("state.locks.title"),
        empty: tr("state.locks.none"),
        columns: [
          { key: "store", label: tr("state.col.store"), kind: "text", priority: ALWAYS },
          { key: "job", label: tr("state.col.job"), kind: "text", priority: ALWAYS },
          { key: "host", label: tr("state.col.host"), kind: "text", priority: ALWAYS },
          { key: "pid", label: "PID", kind: "integer" },
          { key: "command", label: tr("state.col.command"), kind: "text", priority: DETAIL },
          { key: "since", label: tr("state.col.since"), kind: "text" },
        ],
        rows: r.locks.map((l) => ({
          cells: { store: l.store, job: l.job, host: l.host, pid: l.pid, command: l.command, since: formatInstant(l.acquiredAt, tz) },
        })),
      },
    ],
  };
}

export function stateStatusJson(r: StateStatusReport, tz: string): z.output<typeof stateStatusSchema> {
  return conform(stateStatusSchema, r, { tz });
}

export function stateMigrateText(r: StateMigrateReport, lang: Locale): string {
  const tr = translator(lang);
  return r.applied.length === 0
    ? tr("state.migrate.up_to_date", { location: r.location, version: r.to })
    : tr("state.migrate.applied", { migrations: r.applied.join(", "), location: r.location, from: r.from, to: r.to });
}

export function stateMigrateJson(r: StateMigrateReport): z.output<typeof stateMigrateSchema> {
  return conform(stateMigrateSchema, r);
}

export function stateCopyDocument(r: StateCopyReport, lang: Locale): ReportDocument {
  const tr = translator(lang);
  return {
    locale: lang,
    title: tr("state.copy.title"),
    meta: [
      [tr("state.meta.from"), r.from],
      [tr("state.meta.to"), r.to],
    ],
    charts: [],
    notes: [tr("state.copy.verified")],
    tables: [
      {
        id: "tables",
        title: tr("state.copy.tables"),
        columns: [
          { key: "table", label: tr("state.col.table"), kind: "text", priority: ALWAYS },
          { key: "rows", label: tr("state.col.rows"), kind: "integer", priority: ALWAYS },
          { key: "checksum", label: tr("state.col.checksum"), kind: "text", priority: DETAIL },
          { key: "copied", label: tr("state.col.copied"), kind: "text", priority: ALWAYS },
        ],
        rows: r.tables.map((t) => ({
          cells: {
            table: t.table,
            rows: t.rows,
            checksum: t.checksum,
            copied: tr(t.skipped ? "state.copied.earlier" : "state.copied.now"),
          },
        })),
      },
    ],
  };
}

export function stateCopyJson(r: StateCopyReport): z.output<typeof stateCopySchema> {
  return conform(stateCopySchema, { ...r, tables: r.tables.map((t) => ({ ...t, resumed: t.skipped })) });
}
