/**
 * The store-independent half of `catalog import`'s check pass: read each file, standardize its
 * rows, assemble products, validate them (duplicate SKUs and SEO included) and make them
 * write-ready. It runs on a worker thread (catalog-check-worker.ts) for inputs big enough to pay
 * for one, so reading one file uses one core while the main thread plans and stages the products
 * it is handed; small inputs run it in-process. Everything here is plain data both ways: the
 * worker's chunks cross as structured clones.
 */
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { createAttributeDictionary } from "../core/attributes/index.js";
import { sizeMatrixExpander } from "../core/catalog/cn-size-matrix.js";
import {
  type AssembledProduct,
  catalogHeaderTest,
  createRowParser,
  draftToProduct,
  type HeaderMapping,
  mappingIsProductUpdate,
  ProductAssembler,
  SkuTracker,
  sharedSkuIssue,
  type ValidationTarget,
  validateProduct,
} from "../core/catalog/index.js";
import { seoWarnings } from "../core/catalog/seo.js";
import type { StandardizeMode } from "../core/catalog/standardize.js";
import { TaobaoExpander } from "../core/catalog/taobao.js";
import type { Cell } from "../core/catalog/text.js";
import type { CatalogIssue, CellRef, ProductDraft } from "../core/catalog/types.js";
import { ConfigError, InputError, InterruptedError, UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import type { Product } from "../core/model.js";
import { openTable, type ReadOptions } from "../io/read-table.js";
import { type ProductValues, productRow, type VariantValues, variantRows } from "../store/catalog-rows.js";

/** Inputs up to this size are grouped in memory (rows of a product may be anywhere in the file). */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;
/** Below this much input a worker costs more to start than it saves. */
const WORKER_MIN_BYTES = 2 * 1024 * 1024;
/** Chunks the worker may run ahead of the main thread: bounds the memory between them. */
const CHUNKS_IN_FLIGHT = 4;
/**
 * The worker's heap. Its live set is bounded by CHUNKS_IN_FLIGHT chunks plus the assembler's and
 * SKU tracker's indexes (about 55 MB at a million variants), so V8 has no reason to grow the old
 * generation; the ceiling is only there so a runaway input fails the worker, not the machine, and
 * is high enough that a bigger catalog is never refused for its size. The young generation is
 * 32 MB: with 16, what is live across a scavenge (the read batch, the chunks in flight) filled the
 * small semi-space, so each scavenge copied it and promoted much of it early (300k variants,
 * --single-threaded-gc: 352 scavenges and 43 mark-compacts, 7.8 s, against 175 and 8, 1.9 s, with
 * 32), and V8's GC helper threads took 4.6 s of CPU at a million variants (under 1 s each with 32),
 * CPU the two cores lack. It costs about 15 MB of peak RSS; V8's default (48 MB) costs more.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 32 };
/**
 * Products per chunk, and rows per read batch (below): small, so what is live between two
 * scavenges of the worker's young generation is small and little survives them. 200k variants,
 * 3 interleaved runs each on the loaded 2-core machine: 256 products / 500 rows cost the worker
 * 3.9 s of CPU and V8's GC helper threads 2.1 s; 64 / 128: 3.3 s and 1.2 s; 32 / 64 no better
 * (more messages for the main thread).
 */
export const CHUNK_PRODUCTS = 64;
const READ_BATCH_ROWS = 128;

export interface CheckInput {
  file: string;
  mapping: HeaderMapping;
}

/** What the check needs, all of it cloneable to a worker. */
export interface CheckEnv {
  inputs: CheckInput[];
  standardize?: StandardizeMode;
  strictAttributes: boolean;
  /** config `attributes:` (the dictionary is built again on the worker). */
  attributes: Parameters<typeof createAttributeDictionary>[0];
  readOptions: Omit<ReadOptions, "isHeaderRow">;
  currency: string;
  timezone: string;
  target: ValidationTarget;
  keywords: readonly string[];
  /** Products per chunk (small: a chunk is what crosses between the threads at once). */
  chunkSize: number;
  /** How products travel: table rows for a local store's stage, Product objects for everything else. */
  shape: "rows" | "products";
}

/** One checked product: where it came from, its issues, and the product itself in the asked shape. */
export interface CheckedProduct {
  handle: string;
  at: CellRef;
  /** Row of each variant in the file, and its SKU as written ("" for none). */
  rows: number[];
  skus: string[];
  /** Validation and duplicate-SKU issues, in the order they were found. */
  issues: CatalogIssue[];
  /** SEO warnings (listed after any store-dependent issue, as they always were). */
  seo: CatalogIssue[];
  values?: { product: ProductValues; variants: VariantValues[] };
  product?: Product;
}

export interface CheckedChunk {
  /** Index of the file in `inputs`. */
  fi: number;
  /** Rows read since the last chunk. */
  rowsRead: number;
  /** Issues of reading and assembling (before the products' own). */
  issues: CatalogIssue[];
  products: CheckedProduct[];
}

/**
 * The user's read options plus the catalog's header-row test (a title line above the header is
 * skipped). Header mapping refuses two columns for one field itself (mapHeaders), so two columns of
 * one name that nothing reads (a WooCommerce zh_CN export's 交叉销售 twice) do not stop the import.
 */
export function catalogReadOptions(
  base: Omit<ReadOptions, "isHeaderRow">,
  dict: ReturnType<typeof createAttributeDictionary>,
): ReadOptions {
  return { batchSize: READ_BATCH_ROWS, ...base, isHeaderRow: catalogHeaderTest(dict), duplicateHeaders: "allow" };
}

/** A file saved again while it was read: rows of two versions must not be mixed. */
function fileChanged(file: string, row?: number): InputError {
  return new InputError({ file, ...(row !== undefined ? { row } : {}) }, msg("hostile.file_changed"), msg("hostile.file_changed_hint"));
}

/** Reads one file through header mapping, row parsing and grouping; yields product drafts with the issues met on the way. */
async function* draftsOf(
  env: CheckEnv,
  input: CheckInput,
  dict: ReturnType<typeof createAttributeDictionary>,
): AsyncGenerator<{ drafts: ProductDraft[]; issues: CatalogIssue[]; rowsRead: number }> {
  // Two columns of one name that nothing reads do not stop the import: mapHeaders refuses two columns for one field.
  const before = statSync(input.file);
  const table = await openTable(input.file, catalogReadOptions(env.readOptions, dict));
  // The header was mapped from an earlier read: a file saved since with a column inserted would put values under the wrong fields.
  if (input.mapping.dialect !== "taobao" && input.mapping.columns.some((c) => table.header[c.index] !== c.header)) {
    await table.close();
    throw fileChanged(input.file, table.headerRow);
  }
  // A 淘宝助理 item row holds all its SKUs, a 1688 尺码 matrix row a colour's sizes: expanded to one row per SKU first.
  const taobao =
    input.mapping.dialect === "taobao"
      ? new TaobaoExpander(table.header, dict, input.file)
      : sizeMatrixExpander(input.mapping, table.header, input.file);
  const values = {
    ...(env.standardize ? { standardize: env.standardize } : {}),
    strictAttributes: env.strictAttributes,
  };
  const parser = createRowParser(taobao ? taobao.mapping : input.mapping, {
    file: input.file,
    currency: env.currency,
    dict,
    tz: env.timezone,
    ...values,
  });
  const streaming = statSync(input.file).size > WHOLE_FILE_BYTES;
  const assembler = new ProductAssembler({ dialect: input.mapping.dialect, streaming, dict, file: input.file, ...values });
  let pending: ProductDraft[] = [];
  let issues: CatalogIssue[] = [];
  const feed = (cells: readonly Cell[], row: number): void => {
    const parsed = parser.parse(cells, row);
    if (parsed === null) return;
    for (const issue of parsed.issues) issues.push(issue);
    for (const done of assembler.add(parsed)) pending.push(done);
  };
  try {
    for await (const batch of table.batches()) {
      for (const row of batch) {
        if (!taobao) {
          feed(row.cells, row.row);
          continue;
        }
        const expanded = taobao.expand(row.cells, row.row);
        for (const issue of expanded.issues) issues.push(issue);
        for (const cells of expanded.rows) feed(cells, row.row);
      }
      for (const issue of assembler.drainIssues()) issues.push(issue);
      let rowsRead = batch.length;
      while (pending.length >= env.chunkSize) {
        yield { drafts: pending.slice(0, env.chunkSize), issues, rowsRead };
        pending = pending.slice(env.chunkSize);
        issues = [];
        rowsRead = 0;
      }
      if (rowsRead > 0 || issues.length > 0) {
        yield { drafts: [], issues, rowsRead };
        issues = [];
      }
    }
    const after = statSync(input.file);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw fileChanged(input.file);
    // Whole-file mode hands over everything here: still in batches, so checkpoints stay small.
    for (const done of assembler.finish()) pending.push(done);
    for (const issue of assembler.drainIssues()) issues.push(issue);
    for (let i = 0; i < pending.length; i += env.chunkSize) {
      yield { drafts: pending.slice(i, i + env.chunkSize), issues, rowsRead: 0 };
      issues = [];
    }
    if (issues.length > 0) yield { drafts: [], issues, rowsRead: 0 };
  } finally {
    await table.close();
  }
}

/** The store-independent checks of one product, and the product in the shape asked for. */
function checkDraft(
  env: CheckEnv,
  draft: ProductDraft,
  ctx: { dict: ReturnType<typeof createAttributeDictionary>; skus: SkuTracker; input: CheckInput },
): CheckedProduct {
  const issues: CatalogIssue[] = [];
  const productUpdate = mappingIsProductUpdate(ctx.input.mapping);
  for (const issue of validateProduct(draft, { target: env.target, dict: ctx.dict, productUpdate }))
    issues.push({ ...issue, handle: issue.handle ?? draft.handle });
  const skuColumn = (draft as Partial<AssembledProduct>).fieldColumns?.get("sku");
  for (const v of draft.variants) {
    const dup = ctx.skus.see(v.sku, v.at);
    // The cell named only when there is something to say (not a new object per variant).
    if (dup)
      issues.push(
        sharedSkuIssue(
          skuColumn ? { ...dup, at: { ...v.at, column: skuColumn } } : dup,
          draft.handle,
          ctx.input.mapping.dialect,
          env.target,
        ),
      );
  }
  // An update sheet's missing columns keep the store's values: only the fields it gives are checked.
  const given = productUpdate ? new Set<string>(ctx.input.mapping.columns.map((c) => c.field)) : undefined;
  const warnings = seoWarnings(draft, { target: env.target, keywords: env.keywords }).filter((w) => given?.has(w.field) ?? true);
  const seo: CatalogIssue[] = warnings.map((w) => ({
    severity: "warning",
    at: { ...draft.at, column: w.field },
    message: w.message,
    text: w.text,
    handle: draft.handle,
  }));
  const product = draftToProduct(draft, env.currency);
  const checked: CheckedProduct = {
    handle: draft.handle,
    at: draft.at,
    rows: draft.variants.map((v) => v.at.row),
    skus: draft.variants.map((v) => v.sku),
    issues,
    seo,
  };
  if (env.shape === "rows") checked.values = { product: productRow(product, draft.handle), variants: variantRows(product, draft.handle) };
  else checked.product = product;
  return checked;
}

/** The whole check of every input, chunk by chunk, in this thread. */
export async function* checkInputs(env: CheckEnv): AsyncGenerator<CheckedChunk> {
  const dict = createAttributeDictionary(env.attributes);
  // One tracker across files: a SKU may appear once in the whole import.
  const skus = new SkuTracker();
  for (const [fi, input] of env.inputs.entries()) {
    for await (const part of draftsOf(env, input, dict)) {
      yield {
        fi,
        rowsRead: part.rowsRead,
        issues: part.issues,
        products: part.drafts.map((d) => checkDraft(env, d, { dict, skus, input })),
      };
    }
  }
}

/** A thrown error as data, so the worker's refusal is the same error (and exit code) on the main thread. */
export interface ErrorData {
  kind: string;
  message: string;
  hint?: string;
  props: Record<string, unknown>;
}

export function errorToData(e: unknown): ErrorData {
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    kind: err.constructor.name,
    message: err.message,
    ...("hint" in err && typeof err.hint === "string" ? { hint: err.hint } : {}),
    props: { ...err },
  };
}

const ERROR_CLASSES: Record<string, { prototype: Error }> = { InputError, UsageError, ConfigError, InterruptedError };

export function errorFromData(d: ErrorData): Error {
  const cls = ERROR_CLASSES[d.kind];
  const e = new Error(d.message);
  if (!cls) return e;
  // The class's own fields (exit code, location, hint) come back as they were set.
  Object.setPrototypeOf(e, cls.prototype);
  return Object.assign(e, d.props);
}

/**
 * A chunk of table-row products as it crosses from the worker: one flat array of primitives (the
 * rare issue lists stay objects). Structured clone writes every object's keys and every string
 * again, so the CheckedProduct objects cost the worker (the bottleneck) more to post than to build:
 * 290 bytes a variant, the file's path once per product. Flat, a variant is its row, its values,
 * and a 0 for the SKU and the product id when they are the ones already known. The main thread
 * builds the objects again (it waits on the worker most of the time). The flat values then cross
 * as WireValues (below), not as an array.
 */
export interface PackedChunk {
  fi: number;
  rowsRead: number;
  issues: CatalogIssue[];
  /** Products in order; per product: handle, at (row, or the CellRef when not in this file), variant count, issues or 0, seo or 0, the 12 product values; then per variant: row, SKU as written (0: the stored SKU, or "" when that is null), 15 variant values (product id 0: the product's). */
  data: WireValues;
  count: number;
}

/**
 * A flat array of values as it crosses between threads: a tag per value, the numbers in one
 * Float64Array, the strings as one text and their lengths, and the rare objects (issue lists, a
 * CellRef) as they are. Structured clone of an array visits every value (a quarter of the worker's
 * time at 17 values a variant); this is one string and three typed arrays, copied whole.
 */
export interface WireValues {
  tags: Uint8Array;
  numbers: Float64Array;
  lengths: Uint32Array;
  text: string;
  objects: unknown[];
}

const WIRE_STRING = 0;
const WIRE_NUMBER = 1;
const WIRE_NULL = 2;
const WIRE_UNDEFINED = 3;
const WIRE_OBJECT = 4;

/** Writes values straight into the wire arrays, sized up front (no intermediate array). */
class WireWriter {
  private readonly tags: Uint8Array;
  private readonly numbers: Float64Array;
  private readonly lengths: Uint32Array;
  private readonly texts: string[] = [];
  private readonly objects: unknown[] = [];
  private n = 0;

  constructor(size: number) {
    this.tags = new Uint8Array(size);
    this.numbers = new Float64Array(size);
    this.lengths = new Uint32Array(size);
  }

  put(v: unknown): void {
    const i = this.n++;
    if (typeof v === "string") {
      this.lengths[i] = v.length;
      this.texts.push(v);
    } else if (typeof v === "number") {
      this.tags[i] = WIRE_NUMBER;
      this.numbers[i] = v;
    } else if (v === null) this.tags[i] = WIRE_NULL;
    else if (v === undefined) this.tags[i] = WIRE_UNDEFINED;
    else {
      this.tags[i] = WIRE_OBJECT;
      this.objects.push(v);
    }
  }

  done(): WireValues {
    return { tags: this.tags, numbers: this.numbers, lengths: this.lengths, text: this.texts.join(""), objects: this.objects };
  }
}

export function toWire(values: readonly unknown[]): WireValues {
  const w = new WireWriter(values.length);
  for (const v of values) w.put(v);
  return w.done();
}

export function fromWire(wire: WireValues): unknown[] {
  const { tags, numbers, lengths, text, objects } = wire;
  const out: unknown[] = new Array(tags.length);
  let at = 0;
  let o = 0;
  for (let i = 0; i < tags.length; i++) {
    switch (tags[i]) {
      case WIRE_STRING: {
        const end = at + (lengths[i] as number);
        out[i] = text.slice(at, end);
        at = end;
        break;
      }
      case WIRE_NUMBER:
        out[i] = numbers[i];
        break;
      case WIRE_NULL:
        out[i] = null;
        break;
      case WIRE_UNDEFINED:
        out[i] = undefined;
        break;
      default:
        out[i] = objects[o++];
    }
  }
  return out;
}

/** Same as another value, in a packed chunk. */
const SAME = 0;

export function packChunk(chunk: CheckedChunk, file: string): PackedChunk | undefined {
  // Sized up front: growing arrays by push copied them again and again (134 MB per 300k variants).
  let size = 0;
  for (const p of chunk.products) {
    if (!p.values) return undefined;
    size += 5 + p.values.product.length;
    for (const v of p.values.variants) size += 2 + v.length;
  }
  const w = new WireWriter(size);
  for (const p of chunk.products) {
    const values = p.values as NonNullable<CheckedProduct["values"]>;
    const id = values.product[0];
    w.put(p.handle);
    w.put(p.at.file === file && p.at.column === undefined ? p.at.row : p.at);
    w.put(p.rows.length);
    w.put(p.issues.length > 0 ? p.issues : SAME);
    w.put(p.seo.length > 0 ? p.seo : SAME);
    for (const x of values.product) w.put(x);
    for (let i = 0; i < values.variants.length; i++) {
      const v = values.variants[i] as VariantValues;
      const written = p.skus[i] as string;
      w.put(p.rows[i]);
      w.put(written === (v[1] ?? "") ? SAME : written);
      for (let k = 0; k < v.length; k++) w.put(k === 2 && v[k] === id ? SAME : v[k]);
    }
  }
  return { fi: chunk.fi, rowsRead: chunk.rowsRead, issues: chunk.issues, data: w.done(), count: chunk.products.length };
}

const PRODUCT_WIDTH = 12;
const VARIANT_WIDTH = 15;

export function unpackChunk(packed: PackedChunk, file: string): CheckedChunk {
  const d = fromWire(packed.data);
  const products: CheckedProduct[] = [];
  let i = 0;
  for (let n = 0; n < packed.count; n++) {
    const handle = d[i++] as string;
    const at = d[i++] as number | CellRef;
    const nv = d[i++] as number;
    const issues = d[i++] as CatalogIssue[] | typeof SAME;
    const seo = d[i++] as CatalogIssue[] | typeof SAME;
    const product = d.slice(i, i + PRODUCT_WIDTH) as ProductValues;
    i += PRODUCT_WIDTH;
    const id = product[0];
    const rows: number[] = [];
    const skus: string[] = [];
    const variants: VariantValues[] = [];
    for (let k = 0; k < nv; k++) {
      rows.push(d[i++] as number);
      const written = d[i++] as string | typeof SAME;
      const v = d.slice(i, i + VARIANT_WIDTH) as VariantValues;
      i += VARIANT_WIDTH;
      if (v[2] === (SAME as unknown)) v[2] = id;
      skus.push(written === SAME ? (v[1] ?? "") : written);
      variants.push(v);
    }
    products.push({
      handle,
      at: typeof at === "number" ? { file, row: at } : at,
      rows,
      skus,
      issues: issues === SAME ? [] : issues,
      seo: seo === SAME ? [] : seo,
      values: { product, variants },
    });
  }
  return { fi: packed.fi, rowsRead: packed.rowsRead, issues: packed.issues, products };
}

/** Messages from the worker. */
export type WorkerMessage =
  | { type: "chunk"; chunk: CheckedChunk }
  | { type: "packed"; chunk: PackedChunk }
  | { type: "done" }
  | { type: "error"; error: ErrorData };

/** The check on a worker thread, as the same chunks; the worker waits when CHUNKS_IN_FLIGHT are unprocessed. */
async function* checkOnWorker(env: CheckEnv, workerUrl: URL): AsyncGenerator<CheckedChunk> {
  const worker = new Worker(workerUrl, { workerData: env, resourceLimits: WORKER_HEAP });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const arrived = () => {
    wake?.();
    wake = undefined;
  };
  worker.on("message", (m: WorkerMessage) => {
    queue.push(m);
    arrived();
  });
  worker.on("error", (e) => {
    failure = e;
    arrived();
  });
  worker.on("exit", (code) => {
    if (code !== 0) failure ??= new Error(`the catalog check worker stopped (exit code ${code})`);
    arrived();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((r) => {
          wake = r;
        });
        continue;
      }
      if (m.type === "done") return;
      if (m.type === "error") throw errorFromData(m.error);
      yield m.type === "packed" ? unpackChunk(m.chunk, (env.inputs[m.chunk.fi] as CheckInput).file) : m.chunk;
      // Processed: the worker may send one more.
      worker.postMessage("ack");
    }
  } finally {
    await worker.terminate();
  }
}

export { CHUNKS_IN_FLIGHT };

/**
 * Delimited text is read as it streams, so reading overlaps the main thread's staging. A workbook
 * is unzipped and parsed whole first: on the worker's small young generation that parse spends
 * most of its time in GC (100k rows: 25 s of CPU on the worker vs 17 s in-process), and nothing
 * overlaps it anyway.
 */
const STREAMED_TEXT = /\.(csv|tsv|txt)$/i;

/** The check, on a worker when the input is delimited text big enough (and the worker's module is there). */
export function checkedChunks(env: CheckEnv): AsyncGenerator<CheckedChunk> {
  const workerUrl = new URL("./catalog-check-worker.js", import.meta.url);
  const bytes = env.inputs.reduce((sum, i) => sum + statSync(i.file).size, 0);
  const streamed = env.inputs.every((i) => STREAMED_TEXT.test(i.file));
  const forced = process.env.MERCHOPS_CHECK_WORKER;
  const useWorker = forced === undefined || forced === "" ? streamed && bytes >= WORKER_MIN_BYTES : forced === "1";
  if (useWorker && workerExists(workerUrl)) return checkOnWorker(env, workerUrl);
  return checkInputs(env);
}

function workerExists(url: URL): boolean {
  try {
    return statSync(url).isFile();
  } catch {
    return false;
  }
}
