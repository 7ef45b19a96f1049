/**
 * `merchops files inspect <dir|file>`: what a files store would read, as a report document.
 */

import type { z } from "zod";
import { type DatasetInspection, inspectPath } from "../adapters/platforms/files/inspect.js";
import type { FilesMapping } from "../config/files-mapping.js";
import { conform } from "../core/contract.js";
import { type Locale, translator } from "../core/i18n/index.js";
import type { ReportDocument, Table } from "../core/report.js";
import { filesInspectSchema } from "./schemas/index.js";

export interface InspectFilesOptions {
  path: string;
  timezone: string;
  currency: string;
  encoding?: string;
  mapping?: FilesMapping;
  lang?: Locale;
}

export async function inspectFiles(
  opts: InspectFilesOptions,
): Promise<{ document: ReportDocument; datasets: DatasetInspection[]; json: z.output<typeof filesInspectSchema> }> {
  const found = await inspectPath(opts.path, {
    timezone: opts.timezone,
    currency: opts.currency,
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
  });
  const tr = translator(opts.lang ?? "en");
  const tables: Table[] = [];
  const notes: string[] = [];
  for (const d of found) {
    const title = `${d.dataset}: ${d.file}${d.profile ? ` (${d.profile.label})` : ""}`;
    if (d.problem) {
      notes.push(`${d.dataset}: ${d.problem}${d.hint ? ` — ${d.hint}` : ""}`);
    } else {
      tables.push({
        id: `${d.dataset}-columns`,
        title,
        columns: [
          { key: "column", label: "merchops column", kind: "text", priority: 1 },
          { key: "header", label: "Read from", kind: "text", priority: 1 },
          { key: "required", label: "Required", kind: "text", priority: 1 },
        ],
        rows: d.columns.map((c) => ({
          cells: { column: c.key, header: c.header ?? "—", required: c.required },
          ...(c.required && !c.header ? { status: "breach" as const } : {}),
        })),
      });
      const keys = [...new Set(d.preview.flatMap((r) => Object.keys(r)))].slice(0, 8);
      if (d.preview.length > 0) {
        tables.push({
          id: `${d.dataset}-preview`,
          title: `${d.dataset}: first ${d.preview.length} rows as read`,
          columns: keys.map((k) => ({ key: k, label: k, kind: "text" as const })),
          rows: d.preview.map((r) => ({ cells: Object.fromEntries(keys.map((k) => [k, r[k] ?? ""])) })),
        });
      }
      if (d.unused.length > 0) notes.push(tr("files.inspect.unused", { dataset: d.dataset, headers: d.unused.join(", ") }));
      if (d.profile?.note) notes.push(`${d.dataset}: ${d.profile.note}`);
    }
    if (d.suggestion) notes.push(tr("files.inspect.suggestion", { dataset: d.dataset, lines: d.suggestion }));
  }
  if (found.length === 0) notes.push(tr("files.inspect.none", { path: opts.path }));
  return {
    document: { title: "Files inspect", meta: [["Path", opts.path]], tables, charts: [], notes },
    datasets: found,
    json: conform(filesInspectSchema, { path: opts.path, datasets: found }),
  };
}
