/**
 * `catalog import`: supplier or platform spreadsheets -> standardized products -> a store.
 *
 * Two passes. The check pass reads, standardizes and validates every row and plans each product
 * against the store, writing nothing to it; it decides whether the import may go ahead
 * (`--max-errors`) and stages the checked products, one JSON line each, in a temp file (a million
 * variants do not fit in memory, and re-reading the sheets would mean standardizing them twice).
 * The apply pass writes the staged products in batches, each batch journaled in the state store,
 * so Ctrl-C or a crash loses at most the batch in flight and `--resume` skips what was applied.
 * Products the check pass found in the store are looked up and planned again just before their
 * batch is written: a remote store may have changed in between.
 */

import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, statSync, type WriteStream } from "node:fs";
import { open, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { PlatformAdapter, UpsertResult } from "../adapters/platform.js";
import { type AttributeDictionary, createAttributeDictionary } from "../core/attributes/index.js";
import { presentSkus, skuOf } from "../core/catalog/identity.js";
import {
  catalogHeaderTest,
  createRowParser,
  draftToProduct,
  type HeaderMapping,
  mapHeaders,
  ProductAssembler,
  SkuTracker,
  sharedSkuIssue,
  validateProduct,
} from "../core/catalog/index.js";
import { IssueGroups } from "../core/catalog/issue-groups.js";
import { planProduct } from "../core/catalog/plan.js";
import { seoWarnings } from "../core/catalog/seo.js";
import type { StandardizeMode } from "../core/catalog/standardize.js";
import { TaobaoExpander } from "../core/catalog/taobao.js";
import type { Cell } from "../core/catalog/text.js";
import type { CatalogDialect, CatalogField, CatalogIssue, CellRef, ImportMode, ProductDraft, ProductPlan } from "../core/catalog/types.js";
import { boundEchoes, echoList } from "../core/echo.js";
import { formatLocation, InputError, type InputLocation, InterruptedError, UsageError } from "../core/errors.js";
import type { Product } from "../core/model.js";
import { openTable, type ReadOptions } from "../io/read-table.js";
import { openRowsWriter, type RowsWriter } from "../io/writers/rows-file.js";
import type { RunContext } from "./context.js";

/** Inputs up to this size are grouped in memory (rows of a product may be anywhere in the file). */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;
/** Products per batch: a local store commits one transaction per batch; remote APIs take small ones. */
const DEFAULT_BATCH = { local: 500, remote: 100 };
/** How many issues and change descriptions a report carries; the counts are always complete. */
const REPORT_ISSUES = 500;

/**
 * Keeps at most REPORT_ISSUES issues for the report, errors first: an error arriving when the list
 * is full takes the place of the last warning kept, so a million warnings never hide the one error
 * that refused the file (issue 13: the error at row 999,999 was named only in --results).
 */
/** An issue whose message and hint quote input: bounded before it is kept anywhere. */
function boundedIssue(i: CatalogIssue): CatalogIssue {
  const message = boundEchoes(i.message);
  const hint = i.hint === undefined ? undefined : boundEchoes(i.hint);
  return message === i.message && hint === i.hint ? i : { ...i, message, ...(hint !== undefined ? { hint } : {}) };
}

export function keepIssue(issues: CatalogIssue[], issue: CatalogIssue): void {
  if (issues.length < REPORT_ISSUES) {
    issues.push(issue);
    return;
  }
  if (issue.severity !== "error") return;
  for (let k = issues.length - 1; k >= 0; k--) {
    if ((issues[k] as CatalogIssue).severity !== "error") {
      issues.splice(k, 1);
      issues.push(issue);
      return;
    }
  }
}
const REPORT_CHANGES = 200;

export interface ImportCatalogOptions {
  store: string;
  files: string[];
  mode: ImportMode;
  dryRun: boolean;
  /** One row per input row with its outcome (.csv or .xlsx). */
  results?: string;
  /** Errors tolerated: 0 rejects the whole import on any error; N applies the valid products when errors <= N. */
  maxErrors: number;
  resume: boolean;
  dialect?: CatalogDialect;
  /** Display values canonical ("values") or as written ("keep"); default by dialect: native values, platforms keep. */
  standardize?: StandardizeMode;
  /** Unknown attribute values are errors, not warnings. */
  strictAttributes?: boolean;
  /** Header -> field, from --mapping. */
  mapping?: Record<string, CatalogField>;
  /**
   * Asked when a file has headers that match nothing (only when a person can answer). Returns
   * the fields chosen for them; the command saves them with --save-mapping.
   */
  askMapping?: (file: string, unmatched: string[]) => Promise<Record<string, CatalogField>>;
  batchSize?: number;
}

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  delete: number;
  skip: number;
  error: number;
}

export interface ImportCatalogReport {
  store: string;
  platform: string;
  mode: ImportMode;
  dryRun: boolean;
  /** False when errors stopped the import before anything was written. */
  applied: boolean;
  files: { file: string; dialect: CatalogDialect; rows: number }[];
  products: ImportCounts;
  variants: { create: number; update: number; unchanged: number; delete: number };
  rows: number;
  errorCount: number;
  warningCount: number;
  /** Issues counted in a listed issue's group ("price is empty: 50 rows (2–51)") rather than listed. */
  groupedIssues: number;
  /** The first issues, in input order. */
  issues: CatalogIssue[];
  /** The first updates with their changed fields. */
  changes: { handle: string; action: string; changes: string[] }[];
  /** Header mapping used per file (for --save-mapping). */
  mappings: Record<string, Record<string, string>>;
  resumedRun?: number;
  resumedSkipped: number;
  elapsedMs: number;
  results?: string;
}

const emptyCounts = (): ImportCounts => ({ create: 0, update: 0, unchanged: 0, delete: 0, skip: 0, error: 0 });

/**
 * A stable identity of the input: a resumed run must be the same files and mode. Size, change
 * time and the first and last megabyte stand for the content: hashing a 200 MB file whole would
 * cost more than a second on every import, and an edited sheet changes its time and size.
 */
async function fingerprint(files: readonly string[], mode: ImportMode): Promise<string> {
  const h = createHash("sha256");
  h.update(mode);
  const EDGE = 1 << 20;
  for (const f of files) {
    const st = statSync(f);
    h.update(`\0${resolve(f)}\0${st.size}\0${st.mtimeMs}\0`);
    const fh = await open(f, "r");
    try {
      const buf = Buffer.alloc(Math.min(EDGE, st.size));
      await fh.read(buf, 0, buf.length, 0);
      h.update(buf);
      if (st.size > EDGE) {
        await fh.read(buf, 0, buf.length, Math.max(EDGE, st.size - EDGE));
        h.update(buf);
      }
    } finally {
      await fh.close();
    }
  }
  return h.digest("hex").slice(0, 32);
}

/** The user's read options plus the catalog's header-row test (a title line above the header is skipped). */
function readOptionsFor(ctx: RunContext, dict: AttributeDictionary): ReadOptions {
  return { ...(ctx.opts.readOptions ?? {}), isHeaderRow: catalogHeaderTest(dict) };
}

interface FileInput {
  file: string;
  mapping: HeaderMapping;
}

/** Reads one file through header mapping, row parsing and grouping; yields product drafts in batches. */
async function* draftsOf(
  ctx: RunContext,
  opts: Pick<ImportCatalogOptions, "standardize" | "strictAttributes">,
  input: FileInput,
  dict: AttributeDictionary,
  currency: string,
  timezone: string,
  batchSize: number,
  onIssue: (i: CatalogIssue) => void,
  onRows: (n: number) => void,
): AsyncGenerator<ProductDraft[]> {
  const table = await openTable(input.file, readOptionsFor(ctx, dict));
  // A 淘宝助理 item row holds all its SKUs: it is expanded to one row per SKU first.
  const taobao = input.mapping.dialect === "taobao" ? new TaobaoExpander(table.header, dict, input.file) : undefined;
  const values = {
    ...(opts.standardize ? { standardize: opts.standardize } : {}),
    strictAttributes: opts.strictAttributes ?? false,
  };
  const parser = createRowParser(taobao ? taobao.mapping : input.mapping, { file: input.file, currency, dict, tz: timezone, ...values });
  const streaming = statSync(input.file).size > WHOLE_FILE_BYTES;
  const assembler = new ProductAssembler({ dialect: input.mapping.dialect, streaming, dict, file: input.file, ...values });
  let pending: ProductDraft[] = [];
  const feed = (cells: readonly Cell[], row: number): void => {
    const parsed = parser.parse(cells, row);
    if (parsed === null) return;
    for (const issue of parsed.issues) onIssue(issue);
    for (const done of assembler.add(parsed)) pending.push(done);
  };
  try {
    for await (const batch of table.batches()) {
      ctx.checkInterrupted();
      for (const row of batch) {
        if (!taobao) {
          feed(row.cells, row.row);
          continue;
        }
        const expanded = taobao.expand(row.cells, row.row);
        for (const issue of expanded.issues) onIssue(issue);
        for (const cells of expanded.rows) feed(cells, row.row);
      }
      for (const issue of assembler.drainIssues()) onIssue(issue);
      onRows(batch.length);
      while (pending.length >= batchSize) {
        yield pending.slice(0, batchSize);
        pending = pending.slice(batchSize);
      }
    }
    // Whole-file mode hands over everything here: still in batches, so checkpoints stay small.
    for (const done of assembler.finish()) pending.push(done);
    for (const issue of assembler.drainIssues()) onIssue(issue);
    for (let i = 0; i < pending.length; i += batchSize) yield pending.slice(i, i + batchSize);
  } finally {
    await table.close();
  }
}

function locationOf(i: CatalogIssue): InputLocation {
  return { file: i.at.file, row: i.at.row, ...(i.at.column ? { column: i.at.column } : {}) };
}

type Keyed = { handle: string; variants: readonly { sku?: string }[] };

/** Finds the store's current version of each product: by handle, else by any of its SKUs. */
async function existingFor(adapter: PlatformAdapter, drafts: readonly Keyed[]): Promise<Map<string, Product>> {
  const out = new Map<string, Product>();
  if (!adapter.lookupProducts) return out;
  const found = await adapter.lookupProducts({
    handles: drafts.map((p) => p.handle),
    skus: drafts.flatMap((p) => presentSkus(p.variants)),
  });
  const byHandle = new Map(found.map((p) => [p.handle, p]));
  const bySku = new Map<string, Product>();
  for (const p of found) for (const sku of presentSkus(p.variants)) bySku.set(sku, p);
  for (const d of drafts) {
    const hit =
      byHandle.get(d.handle) ??
      presentSkus(d.variants)
        .map((sku) => bySku.get(sku))
        .find((x) => x !== undefined);
    if (hit) out.set(d.handle, hit);
  }
  return out;
}

/** SKUs of the input that the store holds on a different product: an error, not a silent move. */
function skuConflicts(draft: ProductDraft, existing: Product | undefined, all: readonly Product[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  if (all.length === 0) return issues;
  for (const v of draft.variants) {
    const sku = skuOf(v);
    if (sku === undefined) continue;
    for (const other of all) {
      if (other === existing || other.handle === draft.handle) continue;
      if (other.variants.some((x) => skuOf(x) === sku)) {
        issues.push({
          severity: "error",
          at: { ...v.at, column: "sku" },
          message: `SKU ${sku} already belongs to product "${other.handle}" in the store`,
          hint: "give the variant a new SKU, or import it under that product's handle",
          handle: draft.handle,
          sku,
        });
      }
    }
  }
  return issues;
}

function newProductPlan(draft: ProductDraft): ProductPlan {
  return {
    handle: draft.handle,
    action: "create",
    changes: [],
    variantCounts: { create: draft.variants.length, update: 0, unchanged: 0, delete: 0 },
  };
}

/**
 * What the check pass hands the apply pass, one JSON line per product in a temp file: reading
 * and standardizing a million rows twice would cost more than writing them once more.
 */
interface Staged {
  fi: number;
  handle: string;
  at: CellRef;
  /** [file, row, sku] per variant, for the results file. */
  rows: [string, number, string][];
  /** Absent when the product has an error: it is not written. */
  product?: Product;
}

class Stage {
  readonly path = join(tmpdir(), `merchops-import-${process.pid}-${randomBytes(6).toString("hex")}.ndjson`);
  private out: WriteStream | undefined = createWriteStream(this.path, { flags: "wx", mode: 0o600 });

  write(item: Staged): void {
    this.out?.write(`${JSON.stringify(item)}\n`);
  }

  async flush(): Promise<void> {
    const out = this.out;
    if (out?.writableNeedDrain) await new Promise<void>((r) => out.once("drain", () => r()));
  }

  async close(): Promise<void> {
    const out = this.out;
    this.out = undefined;
    if (out) await new Promise<void>((r, reject) => out.end((e?: Error | null) => (e ? reject(e) : r())));
  }

  async *batches(size: number): AsyncGenerator<Staged[]> {
    await this.close();
    const lines = createInterface({ input: createReadStream(this.path), crlfDelay: Number.POSITIVE_INFINITY });
    let batch: Staged[] = [];
    for await (const line of lines) {
      if (line === "") continue;
      batch.push(JSON.parse(line) as Staged);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async remove(): Promise<void> {
    await this.close().catch(() => undefined);
    await unlink(this.path).catch(() => undefined);
  }
}

const RESULT_HEADER = ["file", "row", "handle", "sku", "status", "message"];

function statusWord(action: ProductPlan["action"] | UpsertResult["status"], dryRun: boolean): string {
  const words: Record<string, [string, string]> = {
    create: ["created", "would create"],
    created: ["created", "would create"],
    update: ["updated", "would update"],
    updated: ["updated", "would update"],
    unchanged: ["unchanged", "unchanged"],
    delete: ["deleted", "would delete"],
    deleted: ["deleted", "would delete"],
    skip: ["skipped", "skipped"],
    failed: ["error", "error"],
  };
  const w = words[action] ?? [action, action];
  return dryRun ? w[1] : w[0];
}

export async function importCatalog(ctx: RunContext, opts: ImportCatalogOptions): Promise<ImportCatalogReport> {
  const started = Date.now();
  if (opts.files.length === 0)
    throw new UsageError("no input files", "give one or more spreadsheets: merchops catalog import products.xlsx");
  for (const f of opts.files) {
    try {
      if (!statSync(f).isFile()) throw new Error("not a file");
    } catch {
      throw new InputError({ file: f }, "file not found", "check the path");
    }
  }
  const needs = opts.dryRun ? [] : (["catalog.write"] as const);
  const store = await ctx.openStore(opts.store, needs);
  const adapter = store.adapter;
  const dict = createAttributeDictionary(ctx.opts.loaded.config.attributes);
  const target = (["shopify", "woocommerce", "youzan"] as const).find((t) => t === store.platform) ?? "local";
  const keywords = ctx.opts.loaded.config.catalog?.keywords ?? [];
  const batchSize = opts.batchSize ?? (store.remote ? DEFAULT_BATCH.remote : DEFAULT_BATCH.local);

  // Headers first, for every file: a mapping problem stops the run before any row is read.
  const inputs: FileInput[] = [];
  const mappings: Record<string, Record<string, string>> = {};
  for (const file of opts.files) {
    const table = await openTable(file, readOptionsFor(ctx, dict));
    await table.close();
    if (table.skippedAbove > 0) {
      ctx.log.info(
        `${file}: the header is on row ${table.headerRow}; ${table.skippedAbove} line(s) above it (a title or notes) are skipped`,
      );
    }
    let mapping = mapHeaders(table.header, {
      file,
      headerRow: table.headerRow,
      ...(opts.dialect ? { dialect: opts.dialect } : {}),
      dict,
      ...(opts.mapping ? { userMapping: opts.mapping } : {}),
    });
    const unused = mapping.columns.filter((c) => c.field === "ignore").map((c) => c.header);
    if (unused.length > 0) {
      ctx.log.info(
        `${file}: ${unused.length} ${mapping.dialect} column(s) merchops does not import: ${unused.map((h) => `"${h}"`).join(", ")}`,
      );
    }
    if (mapping.unmatched.length > 0) {
      if (!opts.askMapping) {
        throw new UsageError(
          `${file}: ${mapping.unmatched.length} column(s) match no catalog field: ${echoList(mapping.unmatched, "columns")}`,
          "map them in a YAML file (header: field, or header: ignore) and pass --mapping map.yaml; run in a terminal to be asked",
        );
      }
      const answered = await opts.askMapping(file, mapping.unmatched);
      mapping = mapHeaders(table.header, {
        file,
        headerRow: table.headerRow,
        ...(opts.dialect ? { dialect: opts.dialect } : {}),
        dict,
        userMapping: { ...(opts.mapping ?? {}), ...answered },
      });
    }
    const headerErrors = mapping.problems.filter((p) => p.severity === "error");
    if (headerErrors.length > 0) {
      const first = headerErrors[0] as CatalogIssue;
      // One line per missing or broken column: a sheet without prices and SKUs hears of both at once.
      const more = headerErrors.slice(1).map((p) => `\n${formatLocation(locationOf(p))}: ${p.message}`);
      throw new InputError(locationOf(first), `${first.message}${more.join("")}`, first.hint);
    }
    mappings[file] = Object.fromEntries(mapping.columns.map((c) => [c.header, c.field]));
    inputs.push({ file, mapping });
  }

  const report: ImportCatalogReport = {
    store: store.name,
    platform: store.platform,
    mode: opts.mode,
    dryRun: opts.dryRun,
    applied: false,
    files: inputs.map((i) => ({ file: i.file, dialect: i.mapping.dialect, rows: 0 })),
    products: emptyCounts(),
    variants: { create: 0, update: 0, unchanged: 0, delete: 0 },
    rows: 0,
    errorCount: 0,
    warningCount: 0,
    groupedIssues: 0,
    issues: [],
    changes: [],
    mappings,
    resumedSkipped: 0,
    elapsedMs: 0,
  };
  // The report lists each kind of problem once, with its row count and range (IssueGroups).
  const groups = new IssueGroups();
  const noteIssue = (i: CatalogIssue) => {
    if (i.severity === "error") report.errorCount++;
    else report.warningCount++;
    const listed = groups.add(i);
    if (listed) keepIssue(report.issues, boundedIssue(listed));
  };

  // Pass 1: read, validate, plan. Products with an error are remembered so pass 2 leaves them out.
  const badProducts = new Set<string>();
  const foundInStore = new Set<string>();
  /** file index + row -> the row's error messages, for the results file (bounded: a broken file can have a million). */
  const rowIssues = new Map<string, string>();
  const ROW_ISSUES_KEPT = 200_000;
  const skus = new SkuTracker();
  let results: RowsWriter | undefined;
  // Pass 1 writes the results file too: it is the final one for a dry run or a refused import.
  if (opts.results) results = await openRowsWriter(opts.results, RESULT_HEADER);
  const stage = opts.dryRun ? undefined : new Stage();
  const rowsOf = (d: ProductDraft): [string, number, string][] => d.variants.map((v) => [v.at.file, v.at.row, v.sku]);
  ctx.progress.start("checking the input");
  try {
    for (const [fi, input] of inputs.entries()) {
      const fileKey = (handle: string) => `${fi}\0${handle}`;
      const onIssue = (raw: CatalogIssue) => {
        // A 10 MB cell quoted in a message would be copied into the report and the results file.
        const i = boundedIssue(raw);
        noteIssue(i);
        if (i.severity === "error") {
          if (i.handle !== undefined) badProducts.add(fileKey(i.handle));
          const k = `${fi}:${i.at.row}`;
          if (opts.results && (rowIssues.has(k) || rowIssues.size < ROW_ISSUES_KEPT)) {
            rowIssues.set(k, rowIssues.has(k) ? `${rowIssues.get(k)}; ${i.message}` : i.message);
          }
        }
      };
      for await (const drafts of draftsOf(ctx, opts, input, dict, store.currency, store.timezone, batchSize, onIssue, (n) => {
        report.rows += n;
        (report.files[fi] as { rows: number }).rows += n;
        ctx.progress.update(`checking the input: ${report.rows.toLocaleString("en")} rows`);
      })) {
        const existing = await existingFor(adapter, drafts);
        const found = [...new Set(existing.values())];
        for (const draft of drafts) {
          const before = report.errorCount;
          for (const issue of validateProduct(draft, { target, dict })) onIssue({ ...issue, handle: issue.handle ?? draft.handle });
          const skuColumn = (draft as { fieldColumns?: ReadonlyMap<string, string> }).fieldColumns?.get("sku");
          for (const v of draft.variants) {
            const dup = skus.see(v.sku, skuColumn ? { ...v.at, column: skuColumn } : v.at);
            if (dup) onIssue(sharedSkuIssue(dup, draft.handle, input.mapping.dialect, target));
          }
          const current = existing.get(draft.handle);
          if (current) foundInStore.add(fileKey(draft.handle));
          for (const issue of skuConflicts(draft, current, found)) onIssue(issue);
          for (const w of seoWarnings(draft, { target, keywords }))
            onIssue({ severity: "warning", at: { ...draft.at, column: w.field }, message: w.message, handle: draft.handle });
          if (report.errorCount > before || badProducts.has(fileKey(draft.handle))) {
            report.products.error++;
            badProducts.add(fileKey(draft.handle));
            stage?.write({ fi, handle: draft.handle, at: draft.at, rows: rowsOf(draft) });
            if (results) {
              for (const v of draft.variants) {
                const why = rowIssues.get(`${fi}:${v.at.row}`) ?? "not imported: another row of this product has an error";
                results.write([v.at.file, v.at.row, draft.handle, v.sku, "error", why]);
              }
            }
            continue;
          }
          // A product the store does not hold needs no diff: spare a million-variant check the copies.
          const product = current === undefined && !stage ? undefined : draftToProduct(draft, store.currency);
          const plan =
            current === undefined && (opts.mode === "upsert" || opts.mode === "create" || opts.mode === "replace")
              ? newProductPlan(draft)
              : planProduct(product ?? draftToProduct(draft, store.currency), current, opts.mode);
          if (stage && product) stage.write({ fi, handle: draft.handle, at: draft.at, rows: rowsOf(draft), product });
          report.products[plan.action]++;
          report.variants.create += plan.variantCounts.create;
          report.variants.update += plan.variantCounts.update;
          report.variants.unchanged += plan.variantCounts.unchanged;
          report.variants.delete += plan.variantCounts.delete;
          if (plan.action === "update" && report.changes.length < REPORT_CHANGES) {
            report.changes.push({ handle: plan.desired?.handle ?? plan.handle, action: plan.action, changes: plan.changes });
          }
          if (results) {
            for (const v of draft.variants) {
              results.write([v.at.file, v.at.row, draft.handle, v.sku, statusWord(plan.action, opts.dryRun), plan.reason ?? ""]);
            }
          }
        }
        await results?.flush();
        await stage?.flush();
      }
    }
    ctx.progress.done(`checked ${report.rows.toLocaleString("en")} rows`);
    for (const f of report.files) if (f.rows === 0) ctx.log.info(`${f.file}: a header and no rows: 0 products`);
    groups.finish();
    report.groupedIssues = groups.grouped;
  } catch (e) {
    ctx.progress.done();
    await results?.abort();
    if (e instanceof InterruptedError)
      throw new InterruptedError("interrupted while checking the input; nothing was written", "run the same command again");
    throw e;
  }

  const tooMany = report.errorCount > opts.maxErrors;
  if (opts.dryRun || tooMany || (report.errorCount > 0 && opts.maxErrors === 0)) {
    // A dry run or a refused import: the check pass's results are the outcome.
    if (results) {
      await results.commit();
      report.results = results.path;
    }
    await stage?.remove();
    report.elapsedMs = Date.now() - started;
    return report;
  }
  // The import goes ahead: the apply pass writes the results file with what really happened.
  await results?.abort();
  try {
    await applyImport(ctx, opts, report, {
      stage: stage as Stage,
      adapter,
      badProducts,
      rowIssues,
      foundInStore,
      batchSize,
    });
  } finally {
    await stage?.remove();
  }
  report.elapsedMs = Date.now() - started;
  return report;
}

interface ApplyEnv {
  stage: Stage;
  adapter: PlatformAdapter;
  badProducts: Set<string>;
  rowIssues: Map<string, string>;
  /** Products (file index + handle) the check pass found in the store. */
  foundInStore: Set<string>;
  batchSize: number;
}

/** Pass 2: applies the valid products in journaled batches. */
async function applyImport(ctx: RunContext, opts: ImportCatalogOptions, report: ImportCatalogReport, env: ApplyEnv): Promise<void> {
  const state = await ctx.state();
  const db = state.db;
  const print = await fingerprint(opts.files, opts.mode);
  const job = "catalog import";
  let runId: number;
  const previous = db
    .prepare(
      "SELECT id FROM import_runs WHERE store = ? AND job = ? AND fingerprint = ? AND status IN ('running', 'interrupted', 'failed') ORDER BY id DESC LIMIT 1",
    )
    .get(report.store, job, print) as { id: number } | undefined;
  if (opts.resume && previous) {
    runId = previous.id;
    report.resumedRun = runId;
    db.prepare("UPDATE import_runs SET status = 'running' WHERE id = ?").run(runId);
  } else {
    if (opts.resume) ctx.log.warn("--resume: no unfinished import of these files for this store; starting from the beginning");
    else if (previous)
      ctx.log.info(`an earlier import of these files (run ${previous.id}) did not finish; it is redone (--resume would continue it)`);
    runId = Number(
      db
        .prepare("INSERT INTO import_runs (store, job, fingerprint, mode, started_at, status) VALUES (?, ?, ?, ?, ?, 'running')")
        .run(report.store, job, print, opts.mode, Date.now()).lastInsertRowid,
    );
  }
  const isDone = db.prepare("SELECT status FROM import_items WHERE run_id = ? AND key = ?");
  const resuming = report.resumedRun !== undefined;
  const journal = db.prepare(
    "INSERT INTO import_items (run_id, key, status, remote_id, message) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET status = excluded.status, remote_id = excluded.remote_id, message = excluded.message",
  );
  const setStatus = db.prepare("UPDATE import_runs SET status = ?, finished_at = ? WHERE id = ?");

  // The plan counts become the outcome counts.
  report.products = emptyCounts();
  report.products.error = env.badProducts.size;
  report.variants = { create: 0, update: 0, unchanged: 0, delete: 0 };
  let results: RowsWriter | undefined;
  if (opts.results) results = await openRowsWriter(opts.results, RESULT_HEADER);
  let applied = 0;
  ctx.progress.start("writing to the store");
  const t0 = Date.now();
  try {
    for await (const staged of env.stage.batches(env.batchSize)) {
      const todo: { st: Staged; product: Product }[] = [];
      for (const st of staged) {
        if (!st.product) {
          if (results)
            for (const [file, row, sku] of st.rows) {
              results.write([
                file,
                row,
                st.handle,
                sku,
                "error",
                env.rowIssues.get(`${st.fi}:${row}`) ?? "not imported: another row of this product has an error",
              ]);
            }
          continue;
        }
        // A new run has journaled nothing yet: ask only when resuming.
        const done = resuming ? (isDone.get(runId, st.handle) as { status: string } | undefined) : undefined;
        if (done) {
          report.resumedSkipped++;
          if (results)
            for (const [file, row, sku] of st.rows)
              results.write([file, row, st.handle, sku, done.status, "applied by the interrupted run"]);
          continue;
        }
        todo.push({ st, product: st.product });
      }
      if (todo.length === 0) continue;
      // Only what the check pass found in the store is looked up again: the rest is new (the
      // adapter still finds a product by handle or SKU before creating, so none is doubled).
      const known = todo.filter((t) => env.foundInStore.has(`${t.st.fi}\0${t.product.handle}`));
      const existing =
        known.length > 0
          ? await existingFor(
              env.adapter,
              known.map((t) => t.product),
            )
          : new Map<string, Product>();
      const plans = todo.map((t) => ({ ...t, plan: planProduct(t.product, existing.get(t.product.handle), opts.mode) }));
      const toWrite = plans.filter((p) => p.plan.action === "create" || p.plan.action === "update");
      const toDelete = plans.filter((p) => p.plan.action === "delete");
      const outcome = new Map<string, UpsertResult>();
      if (toWrite.length > 0) {
        const res = await (env.adapter.upsertProducts as NonNullable<PlatformAdapter["upsertProducts"]>)(
          toWrite.map((p) => p.plan.desired as Product),
        );
        for (const r of res) outcome.set(r.key, r);
      }
      if (toDelete.length > 0) {
        if (!env.adapter.deleteProducts) throw new UsageError(`store "${report.store}" cannot delete products`, "use another --mode");
        for (const r of await env.adapter.deleteProducts(toDelete.map((p) => p.plan.handle))) outcome.set(r.key, r);
      }
      await state.transaction(async () => {
        for (const p of plans) {
          // The adapter answers by the product it wrote: the store's handle when found by SKU.
          const r = outcome.get(p.plan.desired?.handle ?? p.plan.handle) ?? outcome.get(p.plan.handle);
          const status = r ? r.status : p.plan.action === "skip" ? "skipped" : "unchanged";
          journal.run(
            runId,
            p.plan.handle,
            statusWord(r?.status ?? p.plan.action, false),
            r?.remoteId ?? null,
            r?.message ?? p.plan.reason ?? null,
          );
          if (status === "failed") report.products.error++;
          else if (status === "created") report.products.create++;
          else if (status === "updated") report.products.update++;
          else if (status === "deleted") report.products.delete++;
          else if (status === "skipped") report.products.skip++;
          else report.products.unchanged++;
          if (status !== "failed") {
            report.variants.create += p.plan.variantCounts.create;
            report.variants.update += p.plan.variantCounts.update;
            report.variants.unchanged += p.plan.variantCounts.unchanged;
            report.variants.delete += p.plan.variantCounts.delete;
          } else {
            report.errorCount++;
            keepIssue(report.issues, {
              severity: "error",
              at: p.st.at,
              message: r?.message ?? "the store refused the product",
              handle: p.plan.handle,
            });
          }
          if (results) {
            for (const [file, row, sku] of p.st.rows)
              results.write([
                file,
                row,
                p.plan.handle,
                sku,
                statusWord(r?.status ?? p.plan.action, false),
                r?.message ?? p.plan.reason ?? "",
              ]);
          }
        }
      });
      applied += plans.length;
      const rate = applied / Math.max(0.001, (Date.now() - t0) / 1000);
      ctx.progress.update(`writing to the store: ${applied.toLocaleString("en")} products (${Math.round(rate).toLocaleString("en")}/s)`);
      await results?.flush();
      // Between batches, never inside one: what was sent is journaled before we stop. The yield
      // to the event loop lets a pending Ctrl-C be delivered: local writes never wait on I/O.
      await new Promise((resolve) => setImmediate(resolve));
      if (ctx.opts.signal?.aborted) {
        throw ctx.opts.signal.reason instanceof InterruptedError ? ctx.opts.signal.reason : new InterruptedError("interrupted");
      }
    }
    setStatus.run("finished", Date.now(), runId);
    report.applied = true;
    ctx.progress.done(`wrote ${applied.toLocaleString("en")} products`);
    if (results) {
      await results.commit();
      report.results = results.path;
    }
  } catch (e) {
    ctx.progress.done();
    setStatus.run(e instanceof InterruptedError ? "interrupted" : "failed", Date.now(), runId);
    await results?.abort();
    if (e instanceof InterruptedError) {
      throw new InterruptedError(
        `interrupted after ${applied.toLocaleString("en")} products; every finished batch is saved`,
        "run the same command again with --resume to continue",
      );
    }
    throw e;
  }
}
