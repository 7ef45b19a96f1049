/**
 * `catalog import`: supplier or platform spreadsheets -> standardized products -> a store.
 *
 * The check pass reads, standardizes and validates every row and plans each product against the
 * store; it decides whether the import may go ahead (`--max-errors`).
 *
 * A local store in a SQLite state is written during the check, inside one transaction that commits
 * only when the whole input passes (writer.atomically): nothing is left to do after the check but
 * the commit, nobody sees a row before it, and a refused, interrupted or killed import leaves no
 * trace. The check's lookups read the store as it was before the import (a second connection), so
 * its plan and its errors are the ones a dry run gives.
 *
 * Any other store (a remote platform, a PostgreSQL state) gets two passes: the check stages the
 * checked products, one JSON line each, in a temp file (a million variants do not fit in memory,
 * and re-reading the sheets would mean standardizing them twice), then the apply pass writes them
 * in batches, each journaled in the state store, so Ctrl-C or a crash loses at most the batch in
 * flight and `--resume` skips what was applied. Products the check pass found in the store are
 * looked up and planned again just before their batch is written: a remote store may have changed
 * in between.
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
import { type HeaderMapping, mapHeaders, planOptionsFor } from "../core/catalog/index.js";
import { IssueGroups } from "../core/catalog/issue-groups.js";
import { type PlanOptions, planProduct } from "../core/catalog/plan.js";
import { productUpdateNotInStore } from "../core/catalog/product-update.js";
import type { StandardizeMode } from "../core/catalog/standardize.js";
import type { CatalogDialect, CatalogField, CatalogIssue, CellRef, ImportMode, ProductPlan } from "../core/catalog/types.js";
import { boundEchoes, echoList } from "../core/echo.js";
import { formatLocation, InputError, type InputLocation, InterruptedError, UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import type { Product } from "../core/model.js";
import { checkDataInputSync } from "../io/input-path.js";
import { openTable, type ReadOptions } from "../io/read-table.js";
import { openRowsWriter, type RowsWriter } from "../io/writers/rows-file.js";
import { productFromValues } from "../store/catalog-rows.js";
import type { CatalogStoreWriter, CatalogWriteBatch, JournalEntry, NewProductRows } from "../store/catalog-writer.js";
import { catalogWriterFor } from "../store/catalog-writer-sqlite.js";
import { CHUNK_PRODUCTS, type CheckEnv, type CheckedProduct, catalogReadOptions, checkedChunks } from "./catalog-check.js";
import type { MappingQuestion } from "./catalog-mapping.js";
import type { RunContext } from "./context.js";

/**
 * Products per batch: a local store commits one transaction per batch (bigger ones write fewer
 * pages again and again); remote APIs take small ones.
 */
const DEFAULT_BATCH = { local: 2000, remote: 100 };
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
  askMapping?: (file: string, question: MappingQuestion) => Promise<Record<string, CatalogField>>;
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

/** The user's read options for a catalog file (see catalogReadOptions). */
function readOptionsFor(ctx: RunContext, dict: AttributeDictionary): ReadOptions {
  return catalogReadOptions(ctx.opts.readOptions ?? {}, dict);
}

interface FileInput {
  file: string;
  mapping: HeaderMapping;
}

function locationOf(i: CatalogIssue): InputLocation {
  return { file: i.at.file, row: i.at.row, ...(i.at.column ? { column: i.at.column } : {}) };
}

type Keyed = { handle: string; variants: readonly { sku?: string }[] };
type Lookup = Pick<PlatformAdapter, "lookupProducts">;

/** A local store's products are looked up through the state store's writer, like they are written. */
const writerLookup = (writer: CatalogStoreWriter): Lookup => ({
  lookupProducts: async ({ handles, skus }) => writer.existingProducts(handles, skus),
});

/** Finds the store's current version of each product: by handle, else by any of its SKUs. */
async function existingFor(adapter: Lookup, drafts: readonly Keyed[]): Promise<Map<string, Product>> {
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
function skuConflicts(checked: CheckedProduct, existing: Product | undefined, all: readonly Product[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  if (all.length === 0) return issues;
  for (const [i, raw] of checked.skus.entries()) {
    const sku = skuOf({ sku: raw });
    if (sku === undefined) continue;
    for (const other of all) {
      if (other === existing || other.handle === checked.handle) continue;
      if (other.variants.some((x) => skuOf(x) === sku)) {
        issues.push({
          severity: "error",
          at: { file: checked.at.file, row: checked.rows[i] as number, column: "sku" },
          message: `SKU ${sku} already belongs to product "${other.handle}" in the store`,
          hint: "give the variant a new SKU, or import it under that product's handle",
          handle: checked.handle,
          sku,
        });
      }
    }
  }
  return issues;
}

function newProductPlan(checked: CheckedProduct): ProductPlan {
  return {
    handle: checked.handle,
    action: "create",
    changes: [],
    variantCounts: { create: checked.rows.length, update: 0, unchanged: 0, delete: 0 },
  };
}

/** The checked product as a Product, whichever shape it travelled in. */
function productOf(checked: CheckedProduct): Product {
  if (checked.product) return checked.product;
  const values = checked.values as NonNullable<CheckedProduct["values"]>;
  return productFromValues(values.product, values.variants);
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
  if (opts.files.length === 0) throw new UsageError(msg("catalog.import.no_files"), msg("catalog.import.no_files_hint"));
  for (const f of opts.files) checkDataInputSync(f);
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
      ctx.log.info(msg("catalog.import.header_row", { file, row: table.headerRow, skipped: table.skippedAbove }));
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
        msg("catalog.import.unused_columns", {
          file,
          count: unused.length,
          dialect: msg(`catalog.dialect.${mapping.dialect}`),
          columns: unused.map((h) => `"${h}"`).join(", "),
        }),
      );
    }
    if (mapping.unmatched.length > 0) {
      if (!opts.askMapping) {
        throw new UsageError(
          msg("catalog.import.unmatched", { file, count: mapping.unmatched.length, columns: echoList(mapping.unmatched, "columns") }),
          msg("catalog.import.unmatched_hint"),
        );
      }
      const { mappingQuestion } = await import("./catalog-mapping.js");
      const question = await mappingQuestion(file, readOptionsFor(ctx, dict), mapping, ctx.opts.loaded.config.attributes);
      const answered = await opts.askMapping(file, question);
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
  let results: RowsWriter | undefined;
  // Pass 1 writes the results file too: it is the final one for a dry run or a refused import.
  if (opts.results) results = await openRowsWriter(opts.results, RESULT_HEADER);
  // A local store is read and written through the state store's writer; an empty one needs no lookups.
  const local = store.platform === "local";
  const writer = local || !opts.dryRun ? catalogWriterFor(await ctx.state(), store.name) : undefined;
  // A local SQLite store takes the import in one transaction, written as it is checked (see atomically).
  const atomic = !opts.dryRun && local ? writer?.atomically : undefined;
  const lookup: Lookup | undefined = local
    ? (await writer?.hasProducts())
      ? atomic
        ? { lookupProducts: async ({ handles, skus }) => (writer as CatalogStoreWriter).committedProducts?.(handles, skus) ?? [] }
        : writerLookup(writer as CatalogStoreWriter)
      : undefined
    : adapter;
  // Any other import keeps the checked products in a temp file until the whole input's verdict.
  const stage = opts.dryRun || atomic ? undefined : new Stage();
  const rowsOf = (c: CheckedProduct): [string, number, string][] => c.rows.map((row, i) => [c.at.file, row, c.skus[i] ?? ""]);
  const planOptions = inputs.map((i) => planOptionsFor(i.mapping));
  const env: CheckEnv = {
    inputs,
    ...(opts.standardize ? { standardize: opts.standardize } : {}),
    strictAttributes: opts.strictAttributes ?? false,
    attributes: ctx.opts.loaded.config.attributes,
    readOptions: ctx.opts.readOptions ?? {},
    currency: store.currency,
    timezone: store.timezone,
    target,
    keywords,
    chunkSize: CHUNK_PRODUCTS,
    shape: local ? "rows" : "products",
  };
  const refused = () => report.errorCount > opts.maxErrors || (report.errorCount > 0 && opts.maxErrors === 0);
  /** The atomic import's writes, once its run is open. */
  let direct: DirectWrites | undefined;

  const check = async (): Promise<void> => {
    ctx.progress.start(msg("progress.catalog.checking"));
    try {
      for await (const chunk of checkedChunks(env)) {
        ctx.checkInterrupted();
        const fi = chunk.fi;
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
        for (const issue of chunk.issues) onIssue(issue);
        if (chunk.rowsRead > 0) {
          report.rows += chunk.rowsRead;
          (report.files[fi] as { rows: number }).rows += chunk.rowsRead;
          ctx.progress.update(msg("progress.catalog.checking_rows", { n: report.rows }));
        }
        if (chunk.products.length === 0) continue;
        const existing = lookup
          ? await existingFor(
              lookup,
              chunk.products.map((c) => ({ handle: c.handle, variants: c.skus.map((sku) => ({ sku })) })),
            )
          : new Map<string, Product>();
        const found = [...new Set(existing.values())];
        // Once the import is refused, what is left is only checked: the transaction will be rolled back.
        const writing = direct !== undefined && !refused();
        const toWrite: DirectItem[] = [];
        for (const checked of chunk.products) {
          const before = report.errorCount;
          for (const issue of checked.issues) onIssue(issue);
          const current = existing.get(checked.handle);
          if (current) foundInStore.add(fileKey(checked.handle));
          else if (planOptions[fi]?.productUpdate && opts.mode !== "delete")
            onIssue(productUpdateNotInStore(checked.handle, checked.at, inputs[fi]?.mapping));
          for (const issue of skuConflicts(checked, current, found)) onIssue(issue);
          for (const issue of checked.seo) onIssue(issue);
          if (report.errorCount > before || badProducts.has(fileKey(checked.handle))) {
            report.products.error++;
            badProducts.add(fileKey(checked.handle));
            stage?.write({ fi, handle: checked.handle, at: checked.at, rows: rowsOf(checked) });
            if (writing) toWrite.push({ fi, checked, kind: "bad" });
            else if (results) writeBadRows(results, fi, checked, rowIssues);
            continue;
          }
          // A product the store does not hold needs no diff: spare a million-variant check the copies.
          const plan =
            current === undefined && (opts.mode === "upsert" || opts.mode === "create" || opts.mode === "replace")
              ? newProductPlan(checked)
              : planProduct(productOf(checked), current, opts.mode, planOptions[fi]);
          if (stage) stage.write({ fi, handle: checked.handle, at: checked.at, rows: rowsOf(checked), product: productOf(checked) });
          if (writing) {
            // Several files may hold the same handle: then every product is looked up again before it is written.
            const recheck = current !== undefined || plan.action !== "create" || inputs.length > 1 || !checked.values;
            toWrite.push({ fi, checked, kind: recheck ? "recheck" : "new" });
          }
          report.products[plan.action]++;
          report.variants.create += plan.variantCounts.create;
          report.variants.update += plan.variantCounts.update;
          report.variants.unchanged += plan.variantCounts.unchanged;
          report.variants.delete += plan.variantCounts.delete;
          if (plan.action === "update" && report.changes.length < REPORT_CHANGES) {
            report.changes.push({ handle: plan.desired?.handle ?? plan.handle, action: plan.action, changes: plan.changes });
          }
          if (results && !writing) {
            for (const [file, row, sku] of rowsOf(checked)) {
              results.write([file, row, checked.handle, sku, statusWord(plan.action, opts.dryRun), plan.reason ?? ""]);
            }
          }
        }
        if (writing) await direct?.write(toWrite);
        await results?.flush();
        await stage?.flush();
      }
      ctx.progress.done(msg("progress.catalog.checked", { n: report.rows }));
      for (const f of report.files) if (f.rows === 0) ctx.log.info(msg("catalog.import.no_rows", { file: f.file }));
      groups.finish();
      report.groupedIssues = groups.grouped;
    } catch (e) {
      ctx.progress.done();
      await results?.abort();
      if (e instanceof InterruptedError)
        throw new InterruptedError(msg("catalog.import.interrupted_check"), msg("catalog.import.run_again"));
      throw e;
    }
  };

  if (atomic) {
    // Checked and written in one transaction: it commits only when the input may go in, so a refused,
    // interrupted or killed import leaves nothing behind (its run included), and nothing waits for
    // a write pass after the check.
    const applied = await atomic(async () => {
      const runId = await beginRun(ctx, opts, report, writer as CatalogStoreWriter);
      direct = new DirectWrites({
        writer: writer as CatalogStoreWriter,
        runId,
        resuming: report.resumedRun !== undefined,
        results,
        rowIssues,
        planOptions,
        mode: opts.mode,
      });
      await check();
      if (refused()) return false;
      await (writer as CatalogStoreWriter).finishRun(runId, "finished", Date.now());
      return true;
    });
    if (applied && direct) {
      report.applied = true;
      report.products = { ...direct.outcome.products, error: badProducts.size };
      report.variants = direct.outcome.variants;
      report.resumedSkipped = direct.resumedSkipped;
    }
    if (results) {
      await results.commit();
      report.results = results.path;
    }
    report.elapsedMs = Date.now() - started;
    return report;
  }

  await check().catch(async (e) => {
    await stage?.remove();
    throw e;
  });
  if (opts.dryRun || refused()) {
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
      writer: writer as CatalogStoreWriter,
      local,
      lookUpAll: inputs.length > 1,
      files: inputs.map((i) => i.file),
      planOptions,
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

/** The results rows of a product with an error: each row's own error, else why it is left out. */
function writeBadRows(results: RowsWriter, fi: number, checked: CheckedProduct, rowIssues: ReadonlyMap<string, string>): void {
  for (const [i, row] of checked.rows.entries()) {
    const why = rowIssues.get(`${fi}:${row}`) ?? BAD_PRODUCT;
    results.write([checked.at.file, row, checked.handle, checked.skus[i] ?? "", "error", why]);
  }
}

/** A checked product of a chunk, for the atomic import: new (inserted as its rows), rechecked (planned again now), or bad. */
interface DirectItem {
  fi: number;
  checked: CheckedProduct;
  kind: "new" | "recheck" | "bad";
}

/** What really happened in an atomic import, counted as it is written. */
interface Outcome {
  products: ImportCounts;
  variants: ImportCatalogReport["variants"];
  errorCount: number;
  issues: CatalogIssue[];
}

/**
 * The writes of a local store's atomic import, chunk by chunk as the check hands them over: the
 * new products inserted as the rows the check made, the others (found in the store, another file's
 * handle) looked up in the store as the import has left it so far and planned again, as the apply
 * pass of a batched import does. The results file gets each row's real outcome, in input order.
 */
class DirectWrites {
  readonly outcome: Outcome = {
    products: emptyCounts(),
    variants: { create: 0, update: 0, unchanged: 0, delete: 0 },
    errorCount: 0,
    issues: [],
  };
  resumedSkipped = 0;

  constructor(
    private readonly env: {
      writer: CatalogStoreWriter;
      runId: number;
      /** An unfinished run of an earlier version, which journaled its batches as it went: what it wrote is skipped. */
      resuming: boolean;
      results: RowsWriter | undefined;
      rowIssues: ReadonlyMap<string, string>;
      planOptions: readonly PlanOptions[];
      mode: ImportMode;
    },
  ) {}

  async write(items: readonly DirectItem[]): Promise<void> {
    const { writer, runId } = this.env;
    const good = items.filter((it) => it.kind !== "bad");
    const done =
      this.env.resuming && good.length > 0
        ? await writer.journaled(
            runId,
            good.map((it) => it.checked.handle),
          )
        : undefined;
    const fresh: NewProductRows[] = [];
    const rechecks: { st: Staged; product: Product }[] = [];
    for (const it of good) {
      if (done?.has(it.checked.handle)) continue;
      const values = it.checked.values;
      if (it.kind === "new" && values) fresh.push(values);
      else rechecks.push({ st: stagedOf(it), product: productOf(it.checked) });
    }
    const existing =
      rechecks.length > 0
        ? await existingFor(
            writerLookup(writer),
            rechecks.map((t) => t.product),
          )
        : new Map<string, Product>();
    const plans = rechecks.map((t) => ({
      ...t,
      plan: planProduct(t.product, existing.get(t.product.handle), this.env.mode, this.env.planOptions[t.st.fi]),
    }));
    const local = localBatch(plans);
    if (fresh.length > 0) await (writer.insertNew as NonNullable<CatalogStoreWriter["insertNew"]>)(runId, fresh);
    // No journal rows: the transaction is all or nothing, so there is never anything to resume.
    if (plans.length > 0) await writer.writeBatch(runId, { ...local.batch, journal: [] });
    this.outcome.products.create += fresh.length;
    for (const f of fresh) this.outcome.variants.create += f.variants.length;
    for (const p of plans) countOutcome(this.outcome, p, outcomeOf(local.outcome, p));
    const results = this.env.results;
    if (!results) {
      this.resumedSkipped += done?.size ?? 0;
      return;
    }
    const planned = new Map(plans.map((p) => [p.st.handle, p]));
    for (const it of items) {
      const { checked, fi } = it;
      if (it.kind === "bad") {
        writeBadRows(results, fi, checked, this.env.rowIssues);
        continue;
      }
      const status = done?.get(checked.handle);
      const p = planned.get(checked.handle);
      const r = p ? outcomeOf(local.outcome, p) : undefined;
      if (status !== undefined) this.resumedSkipped++;
      const [word, message] =
        status !== undefined
          ? [status, "applied by the interrupted run"]
          : p
            ? [statusWord(r?.status ?? p.plan.action, false), r?.message ?? p.plan.reason ?? ""]
            : ["created", ""];
      for (const [i, row] of checked.rows.entries())
        results.write([checked.at.file, row, checked.handle, checked.skus[i] ?? "", word, message]);
    }
  }
}

const stagedOf = (it: DirectItem): Staged => ({
  fi: it.fi,
  handle: it.checked.handle,
  at: it.checked.at,
  rows: it.checked.rows.map((row, i) => [it.checked.at.file, row, it.checked.skus[i] ?? ""]),
});

interface ApplyEnv {
  /** Where pass 1 left the checked products. */
  stage: Stage;
  adapter: PlatformAdapter;
  /** The state store's side of the import: the journal, and a local store's catalog. */
  writer: CatalogStoreWriter;
  /** A local store: its products are written through the writer, with their journal, in one transaction. */
  local: boolean;
  badProducts: Set<string>;
  rowIssues: Map<string, string>;
  /** Products (file index + handle) the check pass found in the store. */
  foundInStore: Set<string>;
  /** Several files may hold the same handle: every product is looked up again before its batch. */
  lookUpAll: boolean;
  batchSize: number;
  /** The input files, by index. */
  files: readonly string[];
  /** What each input file says (a stock sheet gives no prices: the store's prices stay). */
  planOptions: readonly PlanOptions[];
}

type Planned = { st: Staged; product: Product; plan: ProductPlan };

function planFor(env: ApplyEnv, fi: number, product: Product, existing: Product | undefined, mode: ImportMode): ProductPlan {
  return planProduct(product, existing, mode, env.planOptions[fi]);
}

/** What the journal records of a product: the store's answer, else the plan's action. */
function journalEntry(p: Planned, r: UpsertResult | undefined): JournalEntry {
  return {
    key: p.plan.handle,
    status: statusWord(r?.status ?? p.plan.action, false),
    remoteId: r?.remoteId ?? null,
    message: r?.message ?? p.plan.reason ?? null,
  };
}

/** The outcome of one planned product, by the handle the adapter answers with. */
const outcomeOf = (outcome: Map<string, UpsertResult>, p: Planned) =>
  outcome.get(p.plan.desired?.handle ?? p.plan.handle) ?? outcome.get(p.plan.handle);

/** A local store's batch for planned products, and its outcome: the plan itself (a local write fails whole). */
function localBatch(plans: readonly Planned[]): { batch: CatalogWriteBatch; outcome: Map<string, UpsertResult> } {
  const outcome = new Map<string, UpsertResult>();
  const upserts: { product: Product; id: string; isNew: boolean }[] = [];
  const deletes: string[] = [];
  for (const p of plans) {
    const desired = p.plan.desired;
    if (p.plan.action === "create" && desired) {
      upserts.push({ product: desired, id: desired.handle, isNew: true });
      outcome.set(desired.handle, { key: desired.handle, status: "created", remoteId: desired.handle });
    } else if (p.plan.action === "update" && desired) {
      const id = desired.id || desired.handle;
      upserts.push({ product: desired, id, isNew: false });
      outcome.set(desired.handle, { key: desired.handle, status: "updated", remoteId: id });
    } else if (p.plan.action === "delete") {
      deletes.push(p.plan.handle);
      outcome.set(p.plan.handle, { key: p.plan.handle, status: "deleted" });
    }
  }
  return { batch: { upserts, deletes, journal: plans.map((p) => journalEntry(p, outcomeOf(outcome, p))) }, outcome };
}

/** A remote platform: the adapter writes, then its answers are journaled. */
async function writeRemote(
  adapter: PlatformAdapter,
  store: string,
  writer: CatalogStoreWriter,
  runId: number,
  plans: readonly Planned[],
): Promise<Map<string, UpsertResult>> {
  const toWrite = plans.filter((p) => p.plan.action === "create" || p.plan.action === "update");
  const toDelete = plans.filter((p) => p.plan.action === "delete");
  const outcome = new Map<string, UpsertResult>();
  if (toWrite.length > 0) {
    const res = await (adapter.upsertProducts as NonNullable<PlatformAdapter["upsertProducts"]>)(
      toWrite.map((p) => p.plan.desired as Product),
    );
    for (const r of res) outcome.set(r.key, r);
  }
  if (toDelete.length > 0) {
    if (!adapter.deleteProducts) throw new UsageError(msg("catalog.import.cannot_delete", { store }), msg("catalog.import.other_mode"));
    for (const r of await adapter.deleteProducts(toDelete.map((p) => p.plan.handle))) outcome.set(r.key, r);
  }
  await writer.journalBatch(
    runId,
    plans.map((p) => journalEntry(p, outcomeOf(outcome, p))),
  );
  return outcome;
}

/** Opens the run: continues an unfinished one with --resume, else starts one (telling of any left behind). */
async function beginRun(ctx: RunContext, opts: ImportCatalogOptions, report: ImportCatalogReport, writer: CatalogStoreWriter) {
  const print = await fingerprint(opts.files, opts.mode);
  const run = await writer.beginRun(
    { store: report.store, job: "catalog import", fingerprint: print, mode: opts.mode },
    opts.resume,
    Date.now(),
  );
  if (run.resumed) report.resumedRun = run.runId;
  else if (opts.resume) ctx.log.warn(msg("catalog.import.resume_nothing"));
  else if (run.unfinished !== undefined) ctx.log.info(msg("catalog.import.unfinished_redone", { run: run.unfinished }));
  return run.runId;
}

/** The apply pass's running state. */
interface ApplyRun {
  runId: number;
  resuming: boolean;
  results: RowsWriter | undefined;
  applied: number;
  t0: number;
}

/** Pass 2: applies the valid products in journaled batches. */
async function applyImport(ctx: RunContext, opts: ImportCatalogOptions, report: ImportCatalogReport, env: ApplyEnv): Promise<void> {
  const runId = await beginRun(ctx, opts, report, env.writer);
  // The plan counts become the outcome counts.
  report.products = emptyCounts();
  report.products.error = env.badProducts.size;
  report.variants = { create: 0, update: 0, unchanged: 0, delete: 0 };
  const run: ApplyRun = {
    runId,
    resuming: report.resumedRun !== undefined,
    results: opts.results ? await openRowsWriter(opts.results, RESULT_HEADER) : undefined,
    applied: 0,
    t0: Date.now(),
  };
  ctx.progress.start(msg("progress.catalog.writing"));
  try {
    await applyFromFile(ctx, opts, report, env, env.stage, run);
    await env.writer.finishRun(runId, "finished", Date.now());
    report.applied = true;
    ctx.progress.done(msg("progress.catalog.wrote", { n: run.applied }));
    if (run.results) {
      await run.results.commit();
      report.results = run.results.path;
    }
  } catch (e) {
    ctx.progress.done();
    await env.writer.finishRun(runId, e instanceof InterruptedError ? "interrupted" : "failed", Date.now());
    await run.results?.abort();
    if (e instanceof InterruptedError) {
      throw new InterruptedError(msg("catalog.import.interrupted_after", { count: run.applied }), msg("catalog.import.resume_hint"));
    }
    throw e;
  }
}

/** Between batches, never inside one: progress, and a pending Ctrl-C delivered (what was sent is journaled). */
async function afterBatch(ctx: RunContext, run: ApplyRun): Promise<void> {
  const rate = run.applied / Math.max(0.001, (Date.now() - run.t0) / 1000);
  ctx.progress.update(msg("progress.catalog.writing_rate", { n: run.applied, rate: Math.round(rate) }));
  await run.results?.flush();
  // The yield to the event loop lets a pending Ctrl-C be delivered: local writes never wait on I/O.
  await new Promise((resolve) => setImmediate(resolve));
  if (ctx.opts.signal?.aborted) {
    throw ctx.opts.signal.reason instanceof InterruptedError
      ? ctx.opts.signal.reason
      : new InterruptedError(msg("catalog.import.interrupted"));
  }
}

/** Counts planned products' outcomes and writes their results rows. */
function recordOutcomes(report: ImportCatalogReport, run: ApplyRun, plans: readonly Planned[], outcome: Map<string, UpsertResult>): void {
  for (const p of plans) {
    const r = outcomeOf(outcome, p);
    countOutcome(report, p, r);
    if (run.results) {
      for (const [file, row, sku] of p.st.rows)
        run.results.write([
          file,
          row,
          p.plan.handle,
          sku,
          statusWord(r?.status ?? p.plan.action, false),
          r?.message ?? p.plan.reason ?? "",
        ]);
    }
  }
}

const BAD_PRODUCT = "not imported: another row of this product has an error";

/** Pass 2 from the temp file: every product planned again in JavaScript, written by the adapter (or the writer). */
async function applyFromFile(
  ctx: RunContext,
  opts: ImportCatalogOptions,
  report: ImportCatalogReport,
  env: ApplyEnv,
  stage: Stage,
  run: ApplyRun,
): Promise<void> {
  const { writer, rowIssues } = env;
  const results = run.results;
  for await (const staged of stage.batches(env.batchSize)) {
    // A new run has journaled nothing yet: ask only when resuming.
    const done = run.resuming
      ? await writer.journaled(
          run.runId,
          staged.filter((st) => st.product).map((st) => st.handle),
        )
      : undefined;
    const todo: { st: Staged; product: Product }[] = [];
    for (const st of staged) {
      if (!st.product) {
        if (results)
          for (const [file, row, sku] of st.rows)
            results.write([file, row, st.handle, sku, "error", rowIssues.get(`${st.fi}:${row}`) ?? BAD_PRODUCT]);
        continue;
      }
      const status = done?.get(st.handle);
      if (status !== undefined) {
        report.resumedSkipped++;
        if (results)
          for (const [file, row, sku] of st.rows) results.write([file, row, st.handle, sku, status, "applied by the interrupted run"]);
        continue;
      }
      todo.push({ st, product: st.product });
    }
    if (todo.length === 0) continue;
    // Only what the check pass found in the store is looked up again: the rest is new (a remote
    // adapter still finds a product by handle or SKU before creating, so none is doubled).
    const known = env.lookUpAll ? todo : todo.filter((t) => env.foundInStore.has(`${t.st.fi}\0${t.product.handle}`));
    const existing =
      known.length > 0
        ? await existingFor(
            env.local ? writerLookup(writer) : env.adapter,
            known.map((t) => t.product),
          )
        : new Map<string, Product>();
    const plans = todo.map((t) => ({ ...t, plan: planFor(env, t.st.fi, t.product, existing.get(t.product.handle), opts.mode) }));
    let outcome: Map<string, UpsertResult>;
    if (env.local) {
      const local = localBatch(plans);
      await writer.writeBatch(run.runId, local.batch);
      outcome = local.outcome;
    } else outcome = await writeRemote(env.adapter, report.store, writer, run.runId, plans);
    recordOutcomes(report, run, plans, outcome);
    run.applied += plans.length;
    await afterBatch(ctx, run);
  }
}

/** Adds one applied product to the outcome counts (a refusal by the store is an error of the report). */
function countOutcome(report: Outcome, p: Planned, r: UpsertResult | undefined): void {
  const status = r ? r.status : p.plan.action === "skip" ? "skipped" : "unchanged";
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
    return;
  }
  report.errorCount++;
  keepIssue(report.issues, {
    severity: "error",
    at: p.st.at,
    message: r?.message ?? "the store refused the product",
    handle: p.plan.handle,
  });
}
