/**
 * A catalog import's report as a document (table, md, html, xlsx, csv) and as JSON: what was (or
 * would be) created, updated, left unchanged, deleted or skipped, every issue with its file, row
 * and column, and the field changes of updated products.
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import { formatLocation } from "../core/errors.js";
import { ALWAYS, type ReportDocument } from "../core/report.js";
import { countOf, formatNumber } from "../io/format.js";
import type { ImportCatalogReport } from "./import-catalog.js";
import { catalogImportSchema } from "./schemas/index.js";

/** Whether the import would go ahead without --dry-run: the service's own rule (errors within --max-errors). */
function wouldApply(r: ImportCatalogReport, maxErrors: number): boolean {
  return r.errorCount === 0 || (maxErrors > 0 && r.errorCount <= maxErrors);
}

/** "Dry run: 3 products to create, 2 to update; 0 errors, 1 warning." */
export function importVerdict(r: ImportCatalogReport, maxErrors = 0): string {
  const p = r.products;
  const planned = r.dryRun || !r.applied;
  const done = [
    ...(p.create > 0 ? [`${countOf(p.create, "product")} ${planned ? "to create" : "created"}`] : []),
    ...(p.update > 0 ? [`${formatNumber(p.update)} ${planned ? "to update" : "updated"}`] : []),
    ...(p.delete > 0 ? [`${formatNumber(p.delete)} ${planned ? "to delete" : "deleted"}`] : []),
    ...(p.unchanged > 0 ? [`${formatNumber(p.unchanged)} unchanged`] : []),
  ];
  const what = done.join(", ") || "no product changes";
  const issues = `${countOf(r.errorCount, "error")}, ${countOf(r.warningCount, "warning")}`;
  if (r.dryRun) return `Dry run${wouldApply(r, maxErrors) ? "" : " (would be rejected)"}: ${what}; ${issues}.`;
  if (!r.applied) return `Rejected: nothing was written; ${issues}.`;
  return `Imported: ${what}; ${issues}.`;
}

function importNotes(r: ImportCatalogReport, maxErrors: number): string[] {
  const notes: string[] = [];
  const errors = countOf(r.errorCount, "error");
  if (r.dryRun) {
    notes.push(
      wouldApply(r, maxErrors)
        ? "Dry run: nothing was written. Run without --dry-run to apply."
        : `Dry run: nothing was written. As it stands the import would be rejected (${errors}, above --max-errors ${maxErrors}): fix them, or pass --max-errors N to import the valid products.`,
    );
  } else if (!r.applied) {
    notes.push(
      r.errorCount > 0
        ? `Nothing was written: ${errors}, above --max-errors. Fix them, or pass --max-errors N to import the valid products.`
        : "Nothing was written.",
    );
  } else if (r.errorCount > 0) notes.push(`${errors}: the products with errors were left out; the rest were written.`);
  const unlisted = r.errorCount + r.warningCount - r.issues.length - r.groupedIssues;
  if (unlisted > 0)
    notes.push(`${countOf(unlisted, "more issue is", "more issues are")} not listed: write them all with --results FILE.xlsx`);
  return notes;
}

/** `maxErrors`: the run's --max-errors, so a dry run can say whether the real run would go ahead. */
export function importDocument(r: ImportCatalogReport, opts: { maxErrors?: number } = {}): ReportDocument {
  const maxErrors = opts.maxErrors ?? 0;
  const verb = r.dryRun ? "Dry run" : r.applied ? "Imported" : "Rejected";
  const planned = r.dryRun || !r.applied;
  const p = r.products;
  const meta: [string, string][] = [
    ["Store", `${r.store} (${r.platform})`],
    ["Mode", r.mode],
    ["Files", r.files.map((f) => `${f.file} (${f.dialect}, ${countOf(f.rows, "row")})`).join("; ")],
    ["Errors", formatNumber(r.errorCount)],
    ["Warnings", formatNumber(r.warningCount)],
  ];
  if (r.resumedRun !== undefined) meta.push(["Resumed run", `${r.resumedRun} (${countOf(r.resumedSkipped, "product")} already applied)`]);
  if (r.results) meta.push(["Results file", r.results]);
  const notes = importNotes(r, maxErrors);
  return {
    title: `Catalog import — ${verb}`,
    verdict: importVerdict(r, maxErrors),
    meta,
    charts: [],
    notes,
    tables: [
      {
        id: "summary",
        title: "Summary",
        columns: [
          { key: "what", label: "", kind: "text", priority: ALWAYS },
          { key: "create", label: planned ? "To create" : "Created", kind: "integer", priority: ALWAYS },
          { key: "update", label: planned ? "To update" : "Updated", kind: "integer", priority: ALWAYS },
          { key: "unchanged", label: "Unchanged", kind: "integer", priority: ALWAYS },
          { key: "delete", label: planned ? "To delete" : "Deleted", kind: "integer", priority: ALWAYS },
          { key: "skip", label: "Skipped", kind: "integer", priority: ALWAYS },
          { key: "error", label: "With errors", kind: "integer", priority: ALWAYS },
        ],
        rows: [
          {
            cells: {
              what: "Products",
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
              what: "Variants",
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
        title: r.dryRun ? "Updates planned" : "Updates made",
        textRowLimit: 30,
        empty: r.dryRun ? "No updates planned." : "No updates made.",
        columns: [
          { key: "handle", label: "Product", kind: "text", priority: ALWAYS },
          { key: "changes", label: "Changes", kind: "text", priority: ALWAYS },
        ],
        rows: r.changes.map((c) => ({ cells: { handle: c.handle, changes: c.changes.join("; ") } })),
      },
      {
        id: "issues",
        title: "Errors and warnings",
        textRowLimit: 50,
        empty: "No errors or warnings.",
        columns: [
          { key: "severity", label: "Severity", kind: "text", priority: ALWAYS },
          { key: "where", label: "Where", kind: "text", priority: ALWAYS },
          { key: "message", label: "Problem", kind: "text", priority: ALWAYS },
          { key: "hint", label: "What to do", kind: "text" },
          { key: "file", label: "file", kind: "text", machineOnly: true },
          { key: "row", label: "row", kind: "integer", machineOnly: true },
          { key: "column", label: "column", kind: "text", machineOnly: true },
        ],
        // Errors first (they decide the run), then warnings, each in input order.
        rows: [...r.issues.filter((i) => i.severity === "error"), ...r.issues.filter((i) => i.severity !== "error")].map((i) => ({
          ...(i.severity === "error" ? { status: "error" as const } : {}),
          cells: {
            severity: i.severity,
            where: formatLocation({ file: i.at.file, row: i.at.row, ...(i.at.column ? { column: i.at.column } : {}) }),
            message: i.message,
            hint: i.hint ?? "",
            file: i.at.file,
            row: i.at.row,
            column: i.at.column ?? "",
          },
        })),
      },
    ],
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
