/**
 * The full reports behind a digest, written where the message says they are (notify.reportDir,
 * published at notify.reportUrl when set): the digest itself and, per store, the KPI report, the
 * returns audit, the shipments status and the prices report it came from, as HTML, plus the
 * digest's JSON. The same files are the e-mail's attachments.
 */
import { mkdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Locale } from "../core/i18n/index.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { digestDocument, digestJson } from "../ui/digest.js";
import { renderHtml } from "../ui/html.js";
import type { RunContext } from "./context.js";
import type { DigestReport } from "./digest.js";
import { kpiDocument } from "./present-kpi.js";
import { pricesDocument } from "./present-prices.js";
import { returnsDocument } from "./present-returns.js";
import { shipmentsDocument } from "./present-shipments.js";

export interface DigestFile {
  filename: string;
  path: string;
  content: string;
  contentType: string;
}

export interface DigestFiles {
  dir: string;
  /** The digest page: what the message points to. */
  index: DigestFile;
  /** Everything written (the index first). */
  files: DigestFile[];
  /** The index as notify.reportUrl publishes it, when set. */
  url?: string;
  /** The index relative to the working directory (shorter in a message), else absolute. */
  shownPath: string;
}

export async function writeDigestFiles(ctx: RunContext, report: DigestReport, lang: Locale): Promise<DigestFiles> {
  const loaded = ctx.opts.loaded;
  const notify = loaded.config.notify ?? {};
  const base = resolve(loaded.baseDir, notify.reportDir ?? join(".merchops", "digests"));
  // Named by the day reported on (the KPI period's last day), as the team reads it, not UTC.
  const day = report.stores.find((s) => s.period)?.period?.last ?? report.generatedAt.slice(0, 10);
  const folder = `digest-${day}-${report.id.slice(0, 8)}`;
  const dir = join(base, folder);
  const html = (name: string, content: string): DigestFile => ({
    filename: name,
    path: join(dir, name),
    content,
    contentType: "text/html; charset=utf-8",
  });
  const index = html("index.html", renderHtml(digestDocument(report, lang), { lang }));
  const files: DigestFile[] = [index];
  for (const s of report.stores) {
    const r = s.reports;
    if (r.kpi) files.push(html(`kpi-${s.store}.html`, renderHtml(kpiDocument(r.kpi, { lang }), { lang })));
    if (r.returns) files.push(html(`returns-${s.store}.html`, renderHtml(returnsDocument(r.returns, { lang }), { lang })));
    if (r.shipments) files.push(html(`shipments-${s.store}.html`, renderHtml(shipmentsDocument(r.shipments, lang), { lang })));
    if (r.prices) files.push(html(`prices-${s.store}.html`, renderHtml(pricesDocument(r.prices, lang), { lang })));
  }
  files.push({
    filename: "digest.json",
    path: join(dir, "digest.json"),
    content: `${JSON.stringify(digestJson(report), null, 2)}\n`,
    contentType: "application/json",
  });
  await mkdir(dir, { recursive: true });
  for (const f of files) await writeFileAtomic(f.path, f.content);
  const rel = relative(process.cwd(), index.path);
  return {
    dir,
    index,
    files,
    ...(notify.reportUrl ? { url: `${notify.reportUrl.replace(/\/$/, "")}/${folder}/index.html` } : {}),
    shownPath: rel && !rel.startsWith("..") ? rel : index.path,
  };
}
