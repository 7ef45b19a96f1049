/**
 * Writes a result in the format asked for: to stdout, or atomically to --out. Heavy writers
 * (exceljs) load only when used.
 */

import { extname } from "node:path";
import { UsageError } from "../core/errors.js";
import type { Locale } from "../core/i18n/index.js";
import { msg } from "../core/i18n/index.js";
import type { ReportDocument } from "../core/report.js";
import { writeFileAtomic } from "../io/atomic-write.js";

export { refuseOutputsOverInputs } from "../io/input-path.js";

export const FORMATS = ["table", "json", "csv", "xlsx", "md", "html"] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = {
  ".json": "json",
  ".csv": "csv",
  ".xlsx": "xlsx",
  ".md": "md",
  ".markdown": "md",
  ".html": "html",
  ".htm": "html",
  ".txt": "table",
};

/** --format wins; else the --out extension says; else a table. */
export function chooseFormat(format: string | undefined, out: string | undefined): Format {
  if (format) {
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(msg("usage.format_unknown", { format }), msg("usage.format_hint", { formats: FORMATS.join(", ") }));
    }
    return format as Format;
  }
  if (out) {
    const f = BY_EXTENSION[extname(out).toLowerCase()];
    if (f) return f;
  }
  return "table";
}

export interface EmitOptions {
  format: Format;
  out?: string;
  color: boolean;
  /** Display columns a table fits (the terminal's); undefined prints every column in full (--wide). */
  width?: number | undefined;
  bom?: boolean;
  lang?: Locale;
  /** The table CSV output carries (CSV holds one table); default the first. */
  csvTable?: string;
  /** Where text goes when there is no --out (stdout). */
  write: (text: string) => void;
  /**
   * The result sums up a job done (a sync, a snapshot) rather than being the report asked for, and
   * the run is --quiet: the summary table is not printed, so a cron line that went well mails
   * nothing. JSON, other formats and --out are still written: they were asked for.
   */
  quietSummary?: boolean;
}

export async function emit(doc: ReportDocument, json: unknown, options: EmitOptions): Promise<void> {
  // `--out -` is stdout, as with most command-line tools.
  const { out, ...rest } = options;
  const opts: EmitOptions = out === undefined || out === "-" ? rest : options;
  if (opts.quietSummary && opts.format === "table" && !opts.out) return;
  let data: string | Uint8Array;
  switch (opts.format) {
    case "json":
      data = `${JSON.stringify(json, null, 2)}\n`;
      break;
    case "csv":
      data = (await import("../io/writers/csv.js")).renderCsv(doc, {
        bom: opts.bom ?? false,
        ...(opts.csvTable ? { tableId: opts.csvTable } : {}),
      });
      break;
    case "md":
      data = (await import("../io/writers/markdown.js")).renderMarkdown(doc);
      break;
    case "html":
      data = (await import("../ui/html.js")).renderHtml(doc, { lang: opts.lang ?? "en" });
      break;
    case "xlsx":
      if (!opts.out) throw new UsageError(msg("usage.xlsx_needs_out"), msg("usage.xlsx_needs_out_hint"));
      data = await (await import("../ui/xlsx.js")).renderXlsx(doc);
      break;
    default:
      data = (await import("../ui/table.js")).renderTable(doc, {
        color: opts.color && !opts.out,
        ...(opts.width !== undefined && !opts.out ? { width: opts.width } : {}),
      });
  }
  if (opts.out) await writeFileAtomic(opts.out, data);
  else opts.write(typeof data === "string" ? data : Buffer.from(data).toString("utf8"));
}
