/**
 * The `files` platform: a folder of spreadsheets a client exported (orders, order lines, returns,
 * traffic, tickets, products), CSV or XLSX, English or Chinese headers. Read-only. Each list
 * streams its file, so a million-order export is read in constant memory.
 */
import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { z } from "zod";
import { filesMappingSchema } from "../../../config/files-mapping.js";
import { InputError } from "../../../core/errors.js";
import { type Message, msg } from "../../../core/i18n/message.js";
import type { Order, Product, ReturnRecord, Ticket, TrafficDay } from "../../../core/model.js";
import { TICKET_CHANNEL_WORDS, TICKET_STATUS_WORDS, ticketChannel, ticketStatus, trafficSource } from "../../../core/vocabulary.js";
import type { SourceRow } from "../../../io/read-table.js";
import {
  type AdapterContext,
  type CheckResult,
  type DayRange,
  definePlatform,
  type InstantRange,
  type PlatformAdapter,
  type PlatformCapability,
} from "../../platform.js";
import { DATASETS, type DatasetName, normalizeHeader } from "./columns.js";
import { Dataset, type DatasetOptions, findDatasetFile } from "./dataset.js";
import { OrderIds } from "./order-ids.js";
import { buildOrder, checkSameOrder, customerKeys, orderRows, type ParsedOrder } from "./orders.js";
import { collect, ProblemLog } from "./problems.js";

const configSchema = z
  .object({
    platform: z.literal("files"),
    dir: z.string().min(1),
    /** File names per dataset when they differ from the known names. */
    files: z
      .object({
        orders: z.string().optional(),
        order_lines: z.string().optional(),
        returns: z.string().optional(),
        traffic: z.string().optional(),
        tickets: z.string().optional(),
        products: z.string().optional(),
      })
      .strict()
      .optional(),
    encoding: z.string().optional(),
    /** Column and status mapping per dataset, for exports no profile knows. */
    mapping: filesMappingSchema.optional(),
    timezone: z.string().optional(),
    currency: z.string().optional(),
  })
  .strict();
type FilesConfig = z.infer<typeof configSchema>;

const CAPABILITY_DATASET: [PlatformCapability, DatasetName][] = [
  ["orders.read", "orders"],
  ["returns.read", "returns"],
  ["traffic.read", "traffic"],
  ["support.read", "tickets"],
  ["catalog.read", "products"],
];

const inRange = (t: number, r: InstantRange) => (!r.since || t >= r.since.getTime()) && (!r.until || t < r.until.getTime());

export default definePlatform<FilesConfig>({
  name: "files",
  description: "A folder of exported spreadsheets (CSV/XLSX, English or Chinese headers); read-only",
  capabilities: ["orders.read", "returns.read", "traffic.read", "support.read", "catalog.read", "check"],
  configSchema,
  create(config, ctx) {
    return createFilesStore(config, ctx);
  },
});

export function createFilesStore(
  config: FilesConfig,
  ctx: AdapterContext,
): PlatformAdapter & { unavailable: Partial<Record<PlatformCapability, string>> } {
  const dir = resolve(ctx.baseDir, config.dir);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) {
    throw new InputError(
      { file: dir },
      msg("files.folder_not_found"),
      msg("files.folder_not_found_hint", { setting: `stores.${ctx.storeName}.dir` }),
    );
  }
  const files = new Map<DatasetName, string>();
  for (const name of Object.keys(DATASETS) as DatasetName[]) {
    const explicit = config.files?.[name];
    const found = findDatasetFile(dir, name, explicit, "error");
    if (explicit && found) {
      try {
        statSync(found);
      } catch {
        throw new InputError(
          { file: found },
          msg("io.not_found"),
          msg("files.check_setting", { setting: `stores.${ctx.storeName}.files.${name}` }),
        );
      }
    }
    if (found) files.set(name, found);
  }
  const opts: DatasetOptions = {
    timezone: ctx.timezone,
    currency: ctx.currency,
    ...((ctx.readOptions.encoding ?? config.encoding) ? { encoding: ctx.readOptions.encoding ?? config.encoding } : {}),
    ...(ctx.readOptions.sheet ? { sheet: ctx.readOptions.sheet } : {}),
    ...(ctx.readOptions.delimiter ? { delimiter: ctx.readOptions.delimiter } : {}),
    ...(ctx.readOptions.limits ? { limits: ctx.readOptions.limits } : {}),
  };
  const capabilities: PlatformCapability[] = [];
  const unavailable: Partial<Record<PlatformCapability, string>> = {};
  for (const [cap, ds] of CAPABILITY_DATASET) {
    // Refunds carried on an orders export are returns too.
    if (files.has(ds) || (cap === "returns.read" && files.has("orders"))) capabilities.push(cap);
    else {
      const names = DATASETS[ds].fileNames.slice(0, 3).map((n) => `${n}.csv`);
      unavailable[cap] = `no ${ds} file in ${dir} (looked for ${names.join(", ")}, .xlsx and .xls too)`;
    }
  }
  // `adapters check` opens every dataset file (see checkFiles).
  capabilities.push("check");
  const missing = new Set<string>();
  const optionalFields: Partial<Record<DatasetName, string[]>> = {
    returns: ["refunded_at"],
    tickets: ["first_response_at", "rating"],
  };
  const sources = new Map<DatasetName, string>();
  const open = async (name: DatasetName) => {
    const mapping = config.mapping?.[name];
    const ds = await Dataset.open(DATASETS[name], files.get(name) as string, { ...opts, ...(mapping ? { mapping } : {}) });
    for (const f of optionalFields[name] ?? []) if (!ds.has(f)) missing.add(`${name}.${f}`);
    if (name === "tickets" && !ds.has("status") && !ds.has("resolved_at")) missing.add("tickets.status");
    sources.set(
      name,
      `${name}: ${basename(ds.file)}${ds.profile ? ` (${ds.profile.label}${ds.profile.note ? `; ${ds.profile.note}` : ""})` : ""}`,
    );
    return ds;
  };

  const adapter: PlatformAdapter & { unavailable: typeof unavailable } = { capabilities, unavailable, missingFields: () => [...missing] };
  const reader: OrdersReader = { open, separateLines: files.has("order_lines"), ctx, missing };
  adapter.check = () => checkFiles(files, open);
  adapter.sources = () => [...sources.values()];
  if (files.has("orders")) adapter.listOrders = (range) => readOrders(reader, range);
  if (files.has("returns") || files.has("orders"))
    adapter.listReturns = (range) => readReturns(reader, files.has("returns"), files.has("orders"), range);
  if (files.has("traffic")) adapter.listTraffic = (range) => readTraffic(open, range);
  if (files.has("tickets")) adapter.listTickets = (range) => readTickets(open, range);
  if (files.has("products")) adapter.listProducts = () => readProducts(open);
  return adapter;
}

type Opener = (name: DatasetName) => Promise<Dataset>;

/** Rows read from each dataset by `adapters check`. */
const CHECK_SAMPLE_ROWS = 50;

/**
 * `adapters check` for a folder: every dataset file is really opened (headers mapped, required
 * columns present, dates readable) and a sample of rows read. Nothing readable is a failure.
 */
async function checkFiles(files: Map<DatasetName, string>, open: Opener): Promise<CheckResult> {
  const ok: string[] = [];
  const bad: string[] = [];
  for (const name of files.keys()) {
    try {
      const ds = await open(name);
      let rows = 0;
      try {
        for await (const batch of ds.batches()) {
          rows += Math.min(batch.length, CHECK_SAMPLE_ROWS);
          break;
        }
      } finally {
        await ds.close();
      }
      ok.push(`${name}: ${basename(ds.file)}${ds.profile ? ` (${ds.profile.label})` : ""}, ${rows} row(s) sampled`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bad.push(`${name}: ${e.message}`);
    }
  }
  const message = [...ok, ...bad].join("; ") || "no dataset file in the folder";
  return { reachable: ok.length > 0, authenticated: true, scopesGranted: [], scopesNeeded: {}, message, unreadable: ok.length === 0 };
}

/** What a complete pass over the orders file learns beside the orders: ids and carried returns. */
interface OrdersPass {
  /** Whether an id is an order the store counts (not an unpaid order or a credit note). */
  isOrder(id: string): boolean;
  returns: ReturnRecord[];
  /**
   * The export can carry refunds it does not date (a refunded amount, a refunded status): refunds
   * by refund date cannot be known from it, whether or not the period has any.
   */
  undatedRefunds?: boolean;
  /** The export says nothing of refunds (no refunded amount, status or negative lines): return figures are unknown. */
  noRefundInfo?: boolean;
}

interface OrdersReader {
  open: Opener;
  separateLines: boolean;
  ctx: AdapterContext;
  missing: Set<string>;
  /** Filled by the first complete pass, reused by listReturns (one read of a large export). */
  pass?: OrdersPass;
}

/**
 * Warnings about a file are said once per run: kpi report, returns audit and digest read the
 * same export more than once (orders, then the returns it carries, then the comparison period).
 */
const said = new WeakMap<AdapterContext["log"], Set<string>>();
function warnOnce(ctx: AdapterContext, message: string | Message): void {
  let seen = said.get(ctx.log);
  if (!seen) {
    seen = new Set();
    said.set(ctx.log, seen);
  }
  const key = typeof message === "string" ? message : JSON.stringify(message);
  if (seen.has(key)) return;
  seen.add(key);
  ctx.log.warn(message);
}

/** The orders file has money: a total, a subtotal, or lines with prices. */
function hasMoney(orders: Dataset, lines: Dataset | undefined): boolean {
  return orders.has("total") || orders.has("subtotal") || !!lines?.has("unit_price") || !!lines?.has("line_total");
}

/**
 * What an orders export says of refunds: nothing (return figures unknown), refunds without a date
 * (refunded amounts or statuses: Shopify, Tmall), or dated refunds (WooCommerce refund_items).
 */
function refundInfo(orders: Dataset, lines: Dataset | undefined): { undated: boolean; none: boolean } {
  if (orders.profile?.refundsNotRead) return { undated: false, none: true };
  if (orders.has("refund_items")) return { undated: false, none: false };
  const undated = orders.has("refunded_amount") || orders.has("status") || !!lines?.has("refunded_amount");
  const negative = (lines ?? orders).opts.mapping?.negativeLines === "returns";
  return { undated, none: !undated && !negative };
}

/** Headers of refunded money ("Refund Total", "Amount Refunded", 退款金额...), compared normalized. */
const REFUND_MONEY = /^(amount|total|order)?refund(s|ed)?(amount|total|value|sum)?$|^退款(金额|金額|总额|總額)/;

/**
 * An export with a refunded-amount column that nothing reads (no profile knows the layout and no
 * mapping names it) would report return rates from statuses alone, leaving partial refunds out:
 * refused, naming the column and the mapping line that reads it.
 */
function checkUnreadRefunds(orders: Dataset, lines: Dataset | undefined): void {
  if (orders.profile || orders.has("refunded_amount") || orders.has("refund_items") || lines?.has("refunded_amount")) return;
  const header = orders.table.header.find((h) => REFUND_MONEY.test(normalizeHeader(h)));
  if (header === undefined) return;
  throw new InputError(
    { file: orders.file, row: 1, column: header },
    msg("orders.refund_column_unread", { header }),
    msg("orders.refund_column_hint", { header }),
  );
}

/** Headers that say whether an order was paid (a custom sheet's "Payment Status", 付款状态). */
const PAYMENT_STATUS = /^(paymentstatus|financialstatus|paidstatus|paymentstate|付款状态|支付状态|付款狀態|支付狀態)$/;

/**
 * A layout no profile knows, with a column saying whether each order was paid that nothing
 * reads (status read from another column, or none): unpaid orders would be counted as sales.
 * Refused with the mapping line that reads it, as an unread refunds column is.
 */
function checkUnreadPaymentStatus(orders: Dataset): void {
  if (orders.profile) return;
  const read = orders.header("status");
  const header = orders.table.header.find((h) => h !== read && PAYMENT_STATUS.test(normalizeHeader(h)));
  if (header === undefined) return;
  throw new InputError(
    { file: orders.file, row: 1, column: header },
    msg("orders.payment_column_unread", { header, status: read ?? "—" }),
    msg("orders.payment_column_hint", { header }),
  );
}

/**
 * Orders left out as not paid, by word: `Financial Status: "pending" 94, "expired" 1`. Orders
 * awaiting payment (cash on delivery, a bank transfer) get the config line that counts them.
 */
function warnUnpaid(ctx: AdapterContext, orders: Dataset, n: number, words: Map<string, number>, awaiting: string | undefined): void {
  // Status words under their column ("Status: "Pending" ×1, "Pending Payment" ×1"); an empty
  // payment time ("Paid On Date ∅ ×1") is not a word of the file, so it is not quoted.
  const said = [...words].filter(([w]) => !w.endsWith(" ∅"));
  const empty = [...words].filter(([w]) => w.endsWith(" ∅")).map(([w, c]) => `${w} ×${c}`);
  const status = said.length > 0 ? [`${orders.header("status") ?? "status"}: ${said.map(([w, c]) => `"${w}" ×${c}`).join(", ")}`] : [];
  warnOnce(ctx, msg("orders.unpaid_left_out", { file: orders.file, n, words: [...status, ...empty].join("; ") }));
  if (awaiting !== undefined) warnOnce(ctx, msg("orders.awaiting_hint", { dataset: orders.spec.name, value: awaiting }));
}

function noteMissing(r: OrdersReader, orders: Dataset, lines: Dataset | undefined): void {
  if (!hasMoney(orders, lines)) r.missing.add("orders.total");
  if (!customerKeys(orders.opts.mapping).some((k) => orders.has(k))) r.missing.add("orders.customer_id");
}

/**
 * Orders with their lines. Three shapes: lines in a separate file (joined in one pass while both
 * files keep orders in the same sequence, as exports do; lines met early wait in a buffer), line
 * rows in the orders file (Shopify, JD, UCI: rows sharing an order id are one order), or one row
 * per order. Every problem of the file is collected and reported together at the end.
 */
async function* readOrders(r: OrdersReader, range: InstantRange): AsyncGenerator<Order> {
  const orders: Dataset = await r.open("orders");
  const problems = new ProblemLog();
  // Ids of counted orders: a Set for a separate lines file; in an export with line rows, the map of
  // first rows (kept anyway to find non-adjacent repeats) holds them, so a million ids are kept once.
  const produced = new Set<string>();
  const seenIds = new OrderIds();
  const pass: OrdersPass = { isOrder: (id) => produced.has(id) || seenIds.isOrder(id), returns: [] };
  let unpaid = 0;
  /** Left-out orders by the status word (or empty payment time) that left them out. */
  const unpaidWords = new Map<string, number>();
  let awaitingWord: string | undefined;
  let partial = 0;
  let pendingRefunds = 0;
  let afterSaleOpen = 0;
  let tests = 0;
  let linesDs: Dataset | undefined;
  const summaries = new SummaryRows();
  const take = (parsed: ParsedOrder | undefined): Order | undefined => {
    if (!parsed) return undefined;
    pass.returns.push(...parsed.returns);
    if (parsed.skipped === "unpaid") {
      unpaid++;
      const w = parsed.skippedWord ?? "";
      unpaidWords.set(w, (unpaidWords.get(w) ?? 0) + 1);
      if (parsed.awaiting && awaitingWord === undefined) awaitingWord = w;
    }
    if (parsed.partialRefund) partial++;
    // Said only where the profile recognized them (a test gateway): a store's own test column is its choice.
    if (parsed.order?.test && orders.profile?.testOrders) tests++;
    pendingRefunds += parsed.refundsPending ?? 0;
    afterSaleOpen += parsed.afterSaleOpen ?? 0;
    const o = parsed.order;
    if (o && r.separateLines) produced.add(o.id);
    return o && inRange(o.placedAt.getTime(), range) ? o : undefined;
  };
  try {
    if (!r.separateLines) {
      const lineMap = inlineLineColumns(orders) ? Dataset.remap(DATASETS.order_lines, orders) : undefined;
      checkUnreadRefunds(orders, lineMap);
      checkUnreadPaymentStatus(orders);
      noteMissing(r, orders, lineMap);
      const info = refundInfo(orders, lineMap);
      pass.undatedRefunds = info.undated;
      pass.noRefundInfo = info.none;
      const money = hasMoney(orders, lineMap);
      let group: SourceRow[] = [];
      let groupId: string | undefined;
      // An order's rows must be adjacent, as exports write them. Ids seen again whose first row
      // the bitsets do not keep are named after a second look at the file.
      const repeats = new Map<string, SourceRow>();
      const flush = (): Order | undefined => {
        const { first, lineRows, summary } = orderRows(orders, group);
        if (!first || groupId === undefined) return undefined;
        const id = groupId;
        const rows = group;
        const parsed = collect(problems, () => {
          // Under a summary row (eBay), the item rows' amounts are the items', not the order's.
          if (!summary) checkSameOrder(orders, id, rows);
          return buildOrder({ ds: orders, first, id, lineDs: lineMap, lineRows: lineMap ? lineRows : [], money });
        });
        if (!parsed?.order) seenIds.notCounted(id);
        return take(parsed);
      };
      for await (const batch of orders.batches()) {
        for (const row of batch) {
          if (summaries.take(orders, row)) continue;
          const id = collect(problems, () => orders.id(row, "order_id"));
          if (id === undefined) continue;
          if (id !== groupId) {
            const seen = seenIds.seen(id);
            if (seen) {
              if (seen.row === undefined) repeats.set(id, repeats.get(id) ?? row);
              else collect(problems, () => repeated(orders, row, id, seen.row as number));
              continue;
            }
            const o = flush();
            if (o) yield o;
            seenIds.add(id, row.row);
            group = [];
            groupId = id;
          }
          group.push(row);
        }
      }
      const o = flush();
      if (o) yield o;
      if (repeats.size > 0) await reportRepeats(r.open, repeats, problems);
    } else {
      linesDs = await r.open("order_lines");
      checkUnreadRefunds(orders, linesDs);
      checkUnreadPaymentStatus(orders);
      noteMissing(r, orders, linesDs);
      const info = refundInfo(orders, linesDs);
      pass.undatedRefunds = info.undated;
      pass.noRefundInfo = info.none;
      const money = hasMoney(orders, linesDs);
      const join = new LineJoin(linesDs);
      for await (const batch of orders.batches()) {
        for (const row of batch) {
          if (summaries.take(orders, row)) continue;
          const id = collect(problems, () => orders.id(row, "order_id"));
          if (id === undefined) continue;
          const taken = join.take(id);
          const lineRows = Array.isArray(taken) ? taken : await taken;
          const o = take(collect(problems, () => buildOrder({ ds: orders, first: row, id, lineDs: linesDs, lineRows, money })));
          if (o) yield o;
        }
      }
      await checkLeftovers(r, orders, linesDs, join, problems);
    }
    problems.throwIfAny();
    summaries.warn(r.ctx, orders.file);
    if (tests > 0) {
      const column = orders.profile?.testOrders?.header ?? "test";
      warnOnce(r.ctx, msg("orders.test_orders", { file: orders.file, n: tests, column }));
    }
    if (unpaid > 0) warnUnpaid(r.ctx, orders, unpaid, unpaidWords, awaitingWord);
    if (pendingRefunds > 0) {
      const col = linesDs?.header("refund_status") ?? orders.header("refund_status") ?? "refund status";
      warnOnce(
        r.ctx,
        `${linesDs?.file ?? orders.file}: ${pendingRefunds} line refund amount(s) whose ${col} does not say the refund was made (a request still open, or closed) were not counted as refunds`,
      );
    }
    if (afterSaleOpen > 0) {
      const column = linesDs?.header("refund_status") ?? Dataset.remap(DATASETS.order_lines, orders).header("refund_status") ?? "";
      warnOnce(r.ctx, msg("orders_zh.after_sale_open", { file: orders.file, n: afterSaleOpen, column }));
    }
    if (partial > 0) {
      warnOnce(
        r.ctx,
        `${orders.file}: ${partial} partial refund(s) do not say which units came back: they count in refunds but not in the units return rate`,
      );
    }
    r.pass = pass;
  } finally {
    await orders.close();
    await linesDs?.close();
  }
}

async function checkLeftovers(r: OrdersReader, orders: Dataset, linesDs: Dataset, join: LineJoin, problems: ProblemLog): Promise<void> {
  const left = await join.leftovers();
  if (left.size === 0) return;
  // Rare: read the orders' ids again to tell unknown orders from an ungrouped lines file.
  const again = await r.open("orders");
  try {
    for await (const batch of again.batches()) {
      for (const row of batch) {
        const id = collect(problems, () => again.id(row, "order_id"));
        const stray = id === undefined ? undefined : left.get(id);
        if (stray?.[0]) {
          const first = stray[0];
          collect(problems, () =>
            linesDs.fail(
              first,
              "order_id",
              `the lines of order ${id} are not together: this one comes after the order's other lines were read`,
              "sort the lines file by order id (as exports are), or put the line columns in the orders file",
            ),
          );
          left.delete(id as string);
        }
      }
    }
  } finally {
    await again.close();
  }
  let orphans = 0;
  for (const rows of left.values()) orphans += rows.length;
  if (orphans > 0)
    warnOnce(r.ctx, `${linesDs.file}: ${orphans} order line(s) name orders that are not in ${orders.file}; they were not counted`);
}

/** Words a spreadsheet's row of totals starts with (an edited export, a 合计 line at the bottom). */
const SUMMARY_WORDS = new Set(["total", "totals", "grand total", "subtotal", "sum", "合计", "总计", "小计", "合計", "總計", "小計"]);

/**
 * A note under the data ("12 record(s) downloaded", "Seller ID : shop"): one filled cell, words
 * with spaces, no date. An order id has no spaces, and an order row fills more than one cell.
 */
function isNoteRow(row: SourceRow, text: string): boolean {
  const filled = row.cells.filter((c) => c !== null && c !== undefined && String(c).trim() !== "").length;
  return filled === 1 && /\s/.test(text);
}

/**
 * eBay's footer, "45,record(s) downloaded,from Sep-01-26 to Sep-30-26": the count sits under the
 * order id and the words beside it, so it is not a one-cell note. Its words, or undefined.
 */
function downloadFooter(row: SourceRow): string | undefined {
  const cells = row.cells.map((c) => (c === null || c === undefined ? "" : String(c).trim())).filter((c) => c !== "");
  return cells.some((c) => /^record\(s\) downloaded/i.test(c)) ? cells.join(" ") : undefined;
}

/**
 * Rows of totals at the foot of an edited export: the order id cell says 合计 or Total and the
 * order has no date. They are not orders (read as one, GMV would count everything twice): left
 * out, and a warning says how many.
 */
class SummaryRows {
  private count = 0;
  private readonly words = new Set<string>();

  take(ds: Dataset, row: SourceRow): boolean {
    const text = ds.text(row, "order_id");
    if (text === undefined || ds.text(row, "placed_at") !== undefined) return false;
    const word = text.trim().replace(/[:：]$/, "");
    const footer = downloadFooter(row);
    if (!SUMMARY_WORDS.has(word.toLowerCase()) && !isNoteRow(row, word) && !footer) return false;
    this.count++;
    this.words.add(footer ?? word);
    return true;
  }

  warn(ctx: AdapterContext, file: string): void {
    if (this.count > 0) warnOnce(ctx, msg("orders.summary_rows", { file, n: this.count, words: [...this.words].join(", ") }));
  }
}

function repeated(orders: Dataset, row: SourceRow, id: string, first: number): never {
  return orders.fail(
    row,
    "order_id",
    `order ${id} appears again: its rows are not together (first seen on row ${first})`,
    "sort the export by order as the platform writes it, or give different orders different ids",
  );
}

/** Finds the first row of each repeated id (rare: read the ids again) and reports both rows. */
async function reportRepeats(open: Opener, repeats: Map<string, SourceRow>, problems: ProblemLog): Promise<void> {
  const again = await open("orders");
  const first = new Map<string, number>();
  // Bad ids were reported by the first read.
  const already = new ProblemLog();
  try {
    for await (const batch of again.batches()) {
      for (const row of batch) {
        const id = collect(already, () => again.id(row, "order_id"));
        if (id !== undefined && repeats.has(id) && !first.has(id)) first.set(id, row.row);
      }
    }
  } finally {
    await again.close();
  }
  for (const [id, row] of repeats) collect(problems, () => repeated(again, row, id, first.get(id) ?? 0));
}

/**
 * Whether the orders file's rows carry lines: a SKU (or a profile where it is optional) and a
 * quantity, with prices. Lines without prices are read only where the file has no money at all
 * (a trimmed Shopify export keeping Lineitem quantity but no price or total): every money figure
 * is n/a there already, and the quantities still give units sold and units returned.
 */
function inlineLineColumns(orders: Dataset): boolean {
  const probe = Dataset.remap(DATASETS.order_lines, orders);
  const priced = probe.has("unit_price") || probe.has("line_total");
  const skuOptional = orders.profile?.optionalLineColumns?.includes("sku") ?? false;
  const noMoney = !orders.has("total") && !orders.has("subtotal");
  return (probe.has("sku") || skuOptional) && probe.has("quantity") && (priced || noMoney);
}

/** Below this size the lines file is simply read into memory first: any row order works. */
const IN_MEMORY_JOIN_BYTES = 8 * 1024 * 1024;

/**
 * Joins order lines onto orders. A small lines file is read whole first. A large one is merged
 * in one pass, which needs each order's lines to be adjacent (exports write them so); lines met
 * before their order wait in a buffer. Lines still waiting at the end either name orders that do
 * not exist (a warning) or belong to orders already read, meaning the file was not grouped: that
 * is an error, never a silently wrong report.
 */
class LineJoin {
  private readonly pending = new Map<string, SourceRow[]>();
  private readonly iterator: AsyncIterator<SourceRow[]>;
  private batch: SourceRow[] = [];
  private at = 0;
  private done = false;
  private loaded = false;

  constructor(private readonly ds: Dataset) {
    this.iterator = ds.batches()[Symbol.asyncIterator]();
  }

  private async refill(): Promise<void> {
    const r = await this.iterator.next();
    if (r.done) this.done = true;
    else {
      this.batch = r.value;
      this.at = 0;
    }
  }

  private stash(id: string, row: SourceRow): void {
    const list = this.pending.get(id);
    if (list) list.push(row);
    else this.pending.set(id, [row]);
  }

  private async load(): Promise<void> {
    this.loaded = true;
    if (statSync(this.ds.file).size > IN_MEMORY_JOIN_BYTES) return;
    for (;;) {
      while (this.at < this.batch.length) {
        const row = this.batch[this.at++] as SourceRow;
        this.stash(this.ds.id(row, "order_id"), row);
      }
      if (this.done) return;
      await this.refill();
    }
  }

  /** The line rows of one order (empty when it has none); synchronous while the batch lasts. */
  take(orderId: string): SourceRow[] | Promise<SourceRow[]> {
    if (!this.loaded) return this.load().then(() => this.take(orderId));
    const waiting = this.pending.get(orderId);
    if (waiting) this.pending.delete(orderId);
    return this.scan(orderId, waiting ?? []);
  }

  /** Reads on while the file is on this order's lines, or on lines of orders still to come. */
  private scan(orderId: string, rows: SourceRow[]): SourceRow[] | Promise<SourceRow[]> {
    for (;;) {
      if (this.at >= this.batch.length) {
        if (this.done) return rows;
        return this.refill().then(() => this.scan(orderId, rows));
      }
      const row = this.batch[this.at] as SourceRow;
      const id = this.ds.id(row, "order_id");
      this.at++;
      if (id === orderId) {
        rows.push(row);
        continue;
      }
      this.stash(id, row);
      if (rows.length > 0) return rows;
    }
  }

  /** Line rows never joined, by order id (after every order was taken). */
  async leftovers(): Promise<Map<string, SourceRow[]>> {
    for (;;) {
      while (this.at < this.batch.length) {
        const row = this.batch[this.at++] as SourceRow;
        this.stash(this.ds.id(row, "order_id"), row);
      }
      if (this.done) return this.pending;
      await this.refill();
    }
  }
}

async function* readReturnsFile(open: Opener, problems: ProblemLog): AsyncGenerator<ReturnRecord> {
  const ds: Dataset = await open("returns");
  try {
    for await (const batch of ds.batches()) {
      for (const row of batch) {
        const r = collect(problems, () => parseReturn(ds, row));
        if (r) yield r;
      }
    }
  } finally {
    await ds.close();
  }
}

function parseReturn(ds: Dataset, row: SourceRow): ReturnRecord {
  const currency = ds.currency(row, "currency");
  const r: ReturnRecord = {
    id: ds.id(row, "return_id"),
    orderId: ds.id(row, "order_id"),
    quantity: ds.integer(row, "quantity", { min: 1 }),
    refundAmount: ds.money(row, "refund_amount", currency),
    currency,
    requestedAt: ds.dateTime(row, "requested_at"),
  };
  if (r.refundAmount < 0) ds.fail(row, "refund_amount", "is negative; write refunds as positive amounts");
  const sku = ds.optionalId(row, "sku");
  if (sku !== undefined) r.sku = sku;
  const refundedAt = ds.optionalDateTime(row, "refunded_at");
  if (refundedAt) r.refundedAt = refundedAt;
  const reason = ds.text(row, "reason");
  if (reason !== undefined) r.reason = reason;
  const code = ds.text(row, "reason_code");
  if (code !== undefined) r.reasonCode = code;
  const status = ds.text(row, "status");
  if (status !== undefined) r.status = status;
  return r;
}

/**
 * Returns: the returns file's, then those the orders export carries (refunds, negative lines)
 * for orders the returns file does not cover, so nothing is counted twice. One rule for both
 * `kpi report` and `returns audit`: a return whose order is not in the store is left out, with a
 * warning saying how many.
 */
async function* readReturns(
  r: OrdersReader,
  hasFile: boolean,
  hasOrders: boolean,
  range: InstantRange & { withUnknownOrders?: boolean },
): AsyncGenerator<ReturnRecord> {
  if (hasOrders && !r.pass) for await (const _ of readOrders(r, {})) void _;
  const pass = r.pass;
  const problems = new ProblemLog();
  const covered = new Set<string>();
  let orphans = 0;
  let orphanFile: string | undefined;
  const keep = (x: ReturnRecord) => {
    if (pass && !range.withUnknownOrders && !pass.isOrder(x.orderId)) {
      orphans++;
      return false;
    }
    return inRange(x.requestedAt.getTime(), range);
  };
  if (hasFile) {
    const fileReturns: ReturnRecord[] = [];
    for await (const x of readReturnsFile(r.open, problems)) {
      covered.add(x.orderId);
      if (keep(x)) fileReturns.push(x);
    }
    problems.throwIfAny();
    orphanFile = "the returns file";
    yield* fileReturns;
  }
  let undated = 0;
  for (const x of pass?.returns ?? []) {
    if (covered.has(x.orderId)) continue;
    if (!keep(x)) continue;
    if (!x.refundedAt) undated++;
    yield x;
  }
  // Refunds read from an orders export carry no refund date: the refunds metric is n/a, not 0,
  // also for a period without any (a refund paid in it may belong to an order placed before).
  if (undated > 0 || (!hasFile && pass?.undatedRefunds)) r.missing.add("orders.refunded_at");
  if (!hasFile && pass?.noRefundInfo) r.missing.add("orders.refunded_amount");
  if (orphans > 0) {
    warnOnce(
      r.ctx,
      `${orphans} return(s) name orders that are not in the store's orders${orphanFile ? ` (${orphanFile} or negative lines)` : " (negative lines)"}: left out of return rates and refunds in every report`,
    );
  }
}

async function* readTraffic(open: Opener, range: DayRange): AsyncGenerator<TrafficDay> {
  const ds: Dataset = await open("traffic");
  try {
    for await (const batch of ds.batches()) {
      for (const row of batch) {
        const date = ds.day(row, "date");
        if ((range.first && date < range.first) || (range.last && date > range.last)) continue;
        const sourceText = ds.text(row, "source");
        if (sourceText === undefined)
          ds.fail(row, "source", "is empty", "name the traffic source (organic_search, paid_search, social, direct, referral) or all");
        const currency = ds.currency(row, "currency");
        const t: TrafficDay = {
          date,
          source: trafficSource(sourceText),
          pageViews: ds.optionalInteger(row, "page_views"),
          visitors: ds.optionalInteger(row, "visitors"),
          sessions: ds.optionalInteger(row, "sessions"),
          adSpend: ds.optionalMoney(row, "ad_spend", currency),
        };
        if (t.adSpend !== null) t.currency = currency;
        yield t;
      }
    }
  } finally {
    await ds.close();
  }
}

async function* readTickets(open: Opener, range: InstantRange): AsyncGenerator<Ticket> {
  const ds: Dataset = await open("tickets");
  try {
    for await (const batch of ds.batches()) {
      for (const row of batch) {
        const createdAt = ds.dateTime(row, "created_at");
        if (!inRange(createdAt.getTime(), range)) continue;
        const channelText = ds.text(row, "channel");
        const channel = ticketChannel(channelText);
        if (!channel) ds.fail(row, "channel", `"${channelText}" is not a support channel`, `use ${TICKET_CHANNEL_WORDS}`);
        const firstResponseAt = ds.optionalDateTime(row, "first_response_at");
        const resolvedAt = ds.optionalDateTime(row, "resolved_at");
        if (firstResponseAt && firstResponseAt < createdAt) {
          ds.fail(row, "first_response_at", "is before the conversation was created", "check the time zones of the two columns");
        }
        const statusText = ds.text(row, "status");
        const status = ticketStatus(statusText, resolvedAt);
        if (!status) ds.fail(row, "status", `"${statusText}" is not a ticket status`, `use ${TICKET_STATUS_WORDS}`);
        const t: Ticket = {
          id: ds.id(row, "ticket_id"),
          channel,
          createdAt,
          firstResponseAt,
          resolvedAt,
          status,
          rating: ds.rating(row, "rating"),
        };
        const orderId = ds.optionalId(row, "order_id");
        if (orderId !== undefined) t.orderId = orderId;
        yield t;
      }
    }
  } finally {
    await ds.close();
  }
}

async function* readProducts(open: Opener): AsyncGenerator<Product> {
  const ds: Dataset = await open("products");
  const products = new Map<string, Product>();
  try {
    for await (const batch of ds.batches()) {
      for (const row of batch) {
        const id = ds.id(row, "product_id");
        let p = products.get(id);
        if (!p) {
          const statusText = ds.text(row, "status")?.toLowerCase();
          const status = statusText === "draft" || statusText === "archived" ? statusText : "active";
          p = { id, handle: id, title: ds.text(row, "title") ?? id, status, variants: [] };
          const category = ds.text(row, "category");
          if (category !== undefined) p.category = category;
          const vendor = ds.text(row, "vendor");
          if (vendor !== undefined) p.vendor = vendor;
          products.set(id, p);
        }
        const currency = ds.currency(row, "currency");
        const options: Record<string, string> = {};
        const size = ds.text(row, "size");
        const colour = ds.text(row, "colour");
        if (size !== undefined) options.size = size;
        if (colour !== undefined) options.colour = colour;
        p.variants.push({
          sku: ds.id(row, "sku"),
          options,
          price: ds.money(row, "price", currency),
          compareAtPrice: ds.optionalMoney(row, "compare_at_price", currency),
          currency,
          inventory: ds.optionalInteger(row, "inventory"),
        });
      }
    }
  } finally {
    await ds.close();
  }
  yield* products.values();
}
