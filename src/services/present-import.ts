/**
 * A catalog import's report as a document (table, md, html, xlsx, csv) and as JSON: what was (or
 * would be) created, updated, left unchanged, deleted or skipped, every issue with its file, row
 * and column, and the field changes of updated products.
 */
import type { z } from "zod";
import { conform } from "../core/contract.js";
import { formatLocation } from "../core/errors.js";
import type { ReportDocument } from "../core/report.js";
import type { ImportCatalogReport } from "./import-catalog.js";
import { catalogImportSchema } from "./schemas/index.js";

export function importDocument(r: ImportCatalogReport): ReportDocument {
  const verb = r.dryRun ? "Dry run" : r.applied ? "Imported" : "Rejected";
  const planned = r.dryRun || !r.applied;
  const p = r.products;
  const meta: [string, string][] = [
    ["Store", `${r.store} (${r.platform})`],
    ["Mode", r.mode],
    ["Files", r.files.map((f) => `${f.file} (${f.dialect}, ${f.rows} rows)`).join("; ")],
    ["Errors", String(r.errorCount)],
    ["Warnings", String(r.warningCount)],
  ];
  if (r.resumedRun !== undefined) meta.push(["Resumed run", `${r.resumedRun} (${r.resumedSkipped} products already applied)`]);
  if (r.results) meta.push(["Results file", r.results]);
  const notes: string[] = [];
  if (r.dryRun) notes.push("Dry run: nothing was written. Run without --dry-run to apply.");
  else if (!r.applied) {
    notes.push(
      r.errorCount > 0
        ? `Nothing was written: ${r.errorCount} error(s)${r.errorCount > 0 ? ", above --max-errors" : ""}. Fix them, or pass --max-errors N to import the valid products.`
        : "Nothing was written.",
    );
  } else if (r.errorCount > 0) notes.push(`${r.errorCount} error(s): the products with errors were left out; the rest were written.`);
  const unlisted = r.errorCount + r.warningCount - r.issues.length - r.groupedIssues;
  if (unlisted > 0) notes.push(`${unlisted} more issue(s) are not listed: write them all with --results FILE.xlsx`);
  return {
    title: `Catalog import — ${verb}`,
    meta,
    charts: [],
    notes,
    tables: [
      {
        id: "summary",
        title: "Summary",
        columns: [
          { key: "what", label: "", kind: "text" },
          { key: "create", label: planned ? "To create" : "Created", kind: "integer" },
          { key: "update", label: planned ? "To update" : "Updated", kind: "integer" },
          { key: "unchanged", label: "Unchanged", kind: "integer" },
          { key: "delete", label: planned ? "To delete" : "Deleted", kind: "integer" },
          { key: "skip", label: "Skipped", kind: "integer" },
          { key: "error", label: "With errors", kind: "integer" },
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
        columns: [
          { key: "handle", label: "Product", kind: "text" },
          { key: "changes", label: "Changes", kind: "text" },
        ],
        rows: r.changes.map((c) => ({ cells: { handle: c.handle, changes: c.changes.join("; ") } })),
      },
      {
        id: "issues",
        title: "Errors and warnings",
        textRowLimit: 50,
        columns: [
          { key: "severity", label: "Severity", kind: "text" },
          { key: "where", label: "Where", kind: "text" },
          { key: "message", label: "Problem", kind: "text" },
          { key: "hint", label: "What to do", kind: "text" },
          { key: "file", label: "file", kind: "text", machineOnly: true },
          { key: "row", label: "row", kind: "integer", machineOnly: true },
          { key: "column", label: "column", kind: "text", machineOnly: true },
        ],
        // Errors first (they decide the run), then warnings, each in input order.
        rows: [...r.issues.filter((i) => i.severity === "error"), ...r.issues.filter((i) => i.severity !== "error")].map((i) => ({
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
