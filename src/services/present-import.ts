/**
 * A catalog import's report as a document (table, md, html, xlsx, csv) and as JSON: what was (or
 * would be) created, updated, left unchanged, deleted or skipped, every issue with its file, row
 * and column, and the field changes of updated products.
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import { shownPath } from "../core/echo.js";
import { locationMessage } from "../core/errors.js";
import { type Locale, type MessageId, type Translator, translator } from "../core/i18n/index.js";
import { ALWAYS, type ReportDocument, type Table } from "../core/report.js";
import { formatNumber } from "../io/format.js";
import type { ImportCatalogReport } from "./import-catalog.js";
import { catalogImportSchema } from "./schemas/index.js";

/** Whether the import would go ahead without --dry-run: the service's own rule (errors within --max-errors). */
function wouldApply(r: ImportCatalogReport, maxErrors: number): boolean {
  return r.errorCount === 0 || (maxErrors > 0 && r.errorCount <= maxErrors);
}

const yesNo = (b: boolean) => (b ? "yes" : "no");

/** "Dry run: 3 products to create, 2 to update; 0 errors, 1 warning." */
export function importVerdict(r: ImportCatalogReport, maxErrors = 0, lang: Locale = "en"): string {
  const tr = translator(lang);
  const p = r.products;
  const planned = yesNo(r.dryRun || !r.applied);
  const done = [
    ...(p.create > 0 ? [tr("catalog.import.verdict.create", { count: p.create, planned })] : []),
    ...(p.update > 0 ? [tr("catalog.import.verdict.update", { count: p.update, planned })] : []),
    ...(p.delete > 0 ? [tr("catalog.import.verdict.delete", { count: p.delete, planned })] : []),
    ...(p.unchanged > 0 ? [tr("catalog.import.verdict.unchanged", { count: p.unchanged })] : []),
  ];
  const what = done.join(tr("catalog.import.list_sep")) || tr("catalog.import.verdict.none");
  const issues = tr("catalog.import.verdict.issues", { errors: r.errorCount, warnings: r.warningCount });
  if (r.dryRun)
    return tr(wouldApply(r, maxErrors) ? "catalog.import.verdict.dry" : "catalog.import.verdict.dry_rejected", { what, issues });
  if (!r.applied) return tr("catalog.import.verdict.rejected", { issues });
  return tr("catalog.import.verdict.applied", { what, issues });
}

function importNotes(tr: Translator, r: ImportCatalogReport, maxErrors: number): string[] {
  const notes: string[] = [];
  const errors = r.errorCount;
  if (r.dryRun) {
    notes.push(
      wouldApply(r, maxErrors) ? tr("catalog.import.note.dry") : tr("catalog.import.note.dry_rejected", { errors, max: maxErrors }),
    );
  } else if (!r.applied) {
    notes.push(errors > 0 ? tr("catalog.import.note.rejected", { errors }) : tr("catalog.import.note.nothing"));
  } else if (errors > 0) notes.push(tr("catalog.import.note.left_out", { errors }));
  const unlisted = r.errorCount + r.warningCount - r.issues.length - r.groupedIssues;
  if (unlisted > 0) notes.push(tr("catalog.import.note.unlisted", { count: unlisted }));
  return notes;
}

const MODES = new Set(["upsert", "create", "update", "replace", "delete"]);
const DIALECTS = new Set(["native", "shopify", "woocommerce", "taobao"]);

/** `maxErrors`: the run's --max-errors, so a dry run can say whether the real run would go ahead. */
export function importDocument(r: ImportCatalogReport, opts: { maxErrors?: number; lang?: Locale } = {}): ReportDocument {
  const lang = opts.lang ?? "en";
  const tr = translator(lang);
  const maxErrors = opts.maxErrors ?? 0;
  const planned = yesNo(r.dryRun || !r.applied);
  const p = r.products;
  const dialect = (d: string) => (DIALECTS.has(d) ? tr(`catalog.dialect.${d}` as MessageId) : d);
  const meta: [string, string][] = [
    [tr("catalog.import.meta.store"), `${r.store} (${r.platform})`],
    [tr("catalog.import.meta.mode"), MODES.has(r.mode) ? tr(`catalog.import.mode.${r.mode}` as MessageId) : r.mode],
    [
      tr("catalog.import.meta.files"),
      r.files.map((f) => tr("catalog.import.meta.file", { file: shownPath(f.file), dialect: dialect(f.dialect), rows: f.rows })).join("; "),
    ],
    [tr("catalog.import.meta.errors"), formatNumber(r.errorCount)],
    [tr("catalog.import.meta.warnings"), formatNumber(r.warningCount)],
  ];
  if (r.resumedRun !== undefined)
    meta.push([tr("catalog.import.meta.resumed"), tr("catalog.import.meta.resumed_value", { run: r.resumedRun, count: r.resumedSkipped })]);
  if (r.results) meta.push([tr("catalog.import.meta.results"), r.results]);
  return {
    locale: lang,
    title: tr("catalog.import.title", { outcome: r.dryRun ? "dry" : r.applied ? "applied" : "rejected" }),
    verdict: importVerdict(r, maxErrors, lang),
    meta,
    charts: [],
    notes: importNotes(tr, r, maxErrors),
    tables: [
      {
        id: "summary",
        title: tr("catalog.import.table.summary"),
        columns: [
          { key: "what", label: "", kind: "text", priority: ALWAYS },
          { key: "create", label: tr("catalog.import.col.create", { planned }), kind: "integer", priority: ALWAYS },
          { key: "update", label: tr("catalog.import.col.update", { planned }), kind: "integer", priority: ALWAYS },
          { key: "unchanged", label: tr("catalog.import.col.unchanged"), kind: "integer", priority: ALWAYS },
          { key: "delete", label: tr("catalog.import.col.delete", { planned }), kind: "integer", priority: ALWAYS },
          { key: "skip", label: tr("catalog.import.col.skip"), kind: "integer", priority: ALWAYS },
          { key: "error", label: tr("catalog.import.col.error"), kind: "integer", priority: ALWAYS },
        ],
        rows: [
          {
            cells: {
              what: tr("catalog.import.row.products"),
              create: p.create,
              update: p.update,
              unchanged: p.unchanged,
              delete: p.delete,
              skip: p.skip,
              error: p.error,
            },
          },
          {
            cells: {
              what: tr("catalog.import.row.variants"),
              create: r.variants.create,
              update: r.variants.update,
              unchanged: r.variants.unchanged,
              delete: r.variants.delete,
              skip: null,
              error: null,
            },
          },
        ],
      },
      {
        id: "changes",
        title: tr("catalog.import.table.changes", { planned: yesNo(r.dryRun) }),
        textRowLimit: 30,
        empty: tr("catalog.import.changes.empty", { planned: yesNo(r.dryRun) }),
        columns: [
          { key: "handle", label: tr("catalog.import.col.product"), kind: "text", priority: ALWAYS },
          { key: "changes", label: tr("catalog.import.col.changes"), kind: "text", priority: ALWAYS },
        ],
        rows: r.changes.map((c) => ({ cells: { handle: c.handle, changes: c.changes.join("; ") } })),
      },
      issuesTable(tr, r),
    ],
  };
}

/** Every issue with its file, row and column: the words around the merchant's values in the run's language. */
function issuesTable(tr: Translator, r: ImportCatalogReport): Table {
  return {
    id: "issues",
    title: tr("issues.table"),
    textRowLimit: 50,
    empty: tr("issues.empty"),
    columns: [
      { key: "severity", label: tr("issues.col.level"), kind: "text", priority: ALWAYS },
      { key: "where", label: tr("issues.col.where"), kind: "text", priority: ALWAYS },
      { key: "message", label: tr("issues.col.problem"), kind: "text", priority: ALWAYS },
      { key: "hint", label: tr("issues.col.hint"), kind: "text" },
      // Machine formats only: CSV headers are the keys; these labels head the xlsx columns.
      { key: "file", label: tr("catalog.import.col.file"), kind: "text", machineOnly: true },
      { key: "row", label: tr("catalog.import.col.row"), kind: "integer", machineOnly: true },
      { key: "column", label: tr("catalog.import.col.column"), kind: "text", machineOnly: true },
    ],
    // Errors first (they decide the run), then warnings, each in input order.
    rows: [...r.issues.filter((i) => i.severity === "error"), ...r.issues.filter((i) => i.severity !== "error")].map((i) => ({
      ...(i.severity === "error" ? { status: "error" as const } : {}),
      cells: {
        severity: tr(i.severity === "error" ? "issues.level.error" : "issues.level.warning"),
        where: tr.text(locationMessage({ file: i.at.file, row: i.at.row, ...(i.at.column ? { column: i.at.column } : {}) })),
        message: tr.text(i.text ?? i.message),
        hint: i.hintText ? tr.text(i.hintText) : (i.hint ?? ""),
        file: i.at.file,
        row: i.at.row,
        column: i.at.column ?? "",
      },
    })),
  };
}

/** The JSON document (docs/schemas/catalog-import.schema.json). */
export function importJson(r: ImportCatalogReport): z.output<typeof catalogImportSchema> {
  return conform(catalogImportSchema, {
    ...r,
    // Errors first, as in the table: they decide the run.
    issues: [...r.issues.filter((i) => i.severity === "error"), ...r.issues.filter((i) => i.severity !== "error")].map((i) => ({
      ...i,
      ...i.at,
      column: i.at.column ?? null,
      hint: i.hint ?? null,
      handle: i.handle ?? null,
      sku: i.sku ?? null,
    })),
    resumed_run: r.resumedRun ?? null,
    results_file: r.results ?? null,
  });
}
