/**
 * The `files` platform: a folder of spreadsheets a client exported (orders, order lines, returns,
 * traffic, tickets, products), CSV or XLSX, English or Chinese headers. Read-only. Each list
 * streams its file, so a million-order export is read in constant memory.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { InputError } from "../../../core/errors.js";
import type { Order, OrderLine, Product, ReturnRecord, Ticket, TrafficDay } from "../../../core/model.js";
import {
  ORDER_STATUS_WORDS,
  orderStatus,
  TICKET_CHANNEL_WORDS,
  TICKET_STATUS_WORDS,
  ticketChannel,
  ticketStatus,
  trafficSource,
} from "../../../core/vocabulary.js";
import type { SourceRow } from "../../../io/read-table.js";
import {
  type AdapterContext,
  type DayRange,
  definePlatform,
  type InstantRange,
  type PlatformAdapter,
  type PlatformCapability,
} from "../../platform.js";
import { DATASETS, type DatasetName } from "./columns.js";
import { Dataset, type DatasetOptions, findDatasetFile } from "./dataset.js";

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
  capabilities: ["orders.read", "returns.read", "traffic.read", "support.read", "catalog.read"],
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
      "folder not found",
      `check stores.${ctx.storeName}.dir in the config (relative paths start at the config file's folder)`,
    );
  }
  const files = new Map<DatasetName, string>();
  for (const name of Object.keys(DATASETS) as DatasetName[]) {
    const explicit = config.files?.[name];
    const found = findDatasetFile(dir, name, explicit);
    if (explicit && found) {
      try {
        statSync(found);
      } catch {
        throw new InputError({ file: found }, "file not found", `check stores.${ctx.storeName}.files.${name} in the config`);
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
    if (files.has(ds)) capabilities.push(cap);
    else {
      const names = DATASETS[ds].fileNames.slice(0, 3).map((n) => `${n}.csv`);
      unavailable[cap] = `no ${ds} file in ${dir} (looked for ${names.join(", ")}, .xlsx and .xls too)`;
    }
  }
  const missing = new Set<string>();
  const optionalFields: Partial<Record<DatasetName, string[]>> = {
    returns: ["refunded_at"],
    tickets: ["first_response_at", "rating"],
  };
  const open = async (name: DatasetName) => {
    const ds = await Dataset.open(DATASETS[name], files.get(name) as string, opts);
    for (const f of optionalFields[name] ?? []) if (!ds.has(f)) missing.add(`${name}.${f}`);
    if (name === "tickets" && !ds.has("status") && !ds.has("resolved_at")) missing.add("tickets.status");
    return ds;
  };

  const adapter: PlatformAdapter & { unavailable: typeof unavailable } = { capabilities, unavailable, missingFields: () => [...missing] };
  if (files.has("orders")) adapter.listOrders = (range) => readOrders(open, files.has("order_lines"), range, ctx);
  if (files.has("returns")) adapter.listReturns = (range) => readReturns(open, range);
  if (files.has("traffic")) adapter.listTraffic = (range) => readTraffic(open, range);
  if (files.has("tickets")) adapter.listTickets = (range) => readTickets(open, range);
  if (files.has("products")) adapter.listProducts = () => readProducts(open);
  return adapter;
}

type Opener = (name: DatasetName) => Promise<Dataset>;

function parseLine(ds: Dataset, row: SourceRow, currency: string): OrderLine {
  const line: OrderLine = {
    sku: ds.id(row, "sku"),
    quantity: ds.integer(row, "quantity", { min: 1 }),
    unitPrice: ds.money(row, "unit_price", currency),
    discount: ds.optionalMoney(row, "discount", currency) ?? 0,
  };
  const title = ds.text(row, "title");
  if (title !== undefined) line.title = title;
  const productId = ds.optionalId(row, "product_id");
  if (productId !== undefined) line.productId = productId;
  const category = ds.text(row, "category");
  if (category !== undefined) line.category = category;
  const size = ds.text(row, "size");
  const colour = ds.text(row, "colour");
  if (size !== undefined || colour !== undefined) {
    line.options = {};
    if (size !== undefined) line.options.size = size;
    if (colour !== undefined) line.options.colour = colour;
  }
  return line;
}

function parseOrder(ds: Dataset, row: SourceRow, lines: OrderLine[]): Order {
  const id = ds.id(row, "order_id");
  const currency = ds.currency(row, "currency");
  const statusText = ds.text(row, "status");
  const status = orderStatus(statusText);
  if (!status) ds.fail(row, "status", `"${statusText}" is not an order status`, `use ${ORDER_STATUS_WORDS}`);
  const lineSubtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const lineDiscount = lines.reduce((s, l) => s + l.discount, 0);
  const subtotal = ds.optionalMoney(row, "subtotal", currency) ?? lineSubtotal;
  const discountTotal = ds.optionalMoney(row, "discount", currency) ?? lineDiscount;
  const shippingTotal = ds.optionalMoney(row, "shipping", currency) ?? 0;
  const taxTotal = ds.optionalMoney(row, "tax", currency) ?? 0;
  const order: Order = {
    id,
    placedAt: ds.dateTime(row, "placed_at"),
    currency,
    status,
    test: ds.bool(row, "test"),
    subtotal,
    discountTotal,
    shippingTotal,
    taxTotal,
    total: ds.optionalMoney(row, "total", currency) ?? subtotal - discountTotal + shippingTotal + taxTotal,
    lines,
  };
  const customer = ds.optionalId(row, "customer_id");
  if (customer !== undefined) order.customerId = customer;
  const source = ds.text(row, "source");
  if (source !== undefined) order.source = trafficSource(source);
  const coupon = ds.text(row, "coupon_code");
  if (coupon !== undefined) order.couponCode = coupon;
  return order;
}

/**
 * Orders with their lines. Three shapes: lines in a separate file (joined in one pass while both
 * files keep orders in the same sequence, as exports do; lines met early wait in a buffer),
 * line columns on the orders rows (Shopify style, one row per line, order columns on the first),
 * or no lines at all.
 */
async function* readOrders(open: Opener, separateLines: boolean, range: InstantRange, ctx: AdapterContext): AsyncGenerator<Order> {
  const orders: Dataset = await open("orders");
  let linesDs: Dataset | undefined;
  const inlineLines = orders.table.header.length > 0 && !separateLines && inlineLineColumns(orders);
  const lineMap = inlineLines ? Dataset.remap(DATASETS.order_lines, orders) : undefined;
  try {
    if (inlineLines && lineMap) {
      let group: SourceRow[] = [];
      let groupId: string | undefined;
      const flush = (): Order | undefined => {
        const first = group[0];
        if (!first) return undefined;
        const placedAt = orders.dateTime(first, "placed_at").getTime();
        if (!inRange(placedAt, range)) return undefined;
        const currency = orders.currency(first, "currency");
        return parseOrder(
          orders,
          first,
          group.map((r) => parseLine(lineMap, r, currency)),
        );
      };
      // An order's rows must be adjacent, as exports write them; one seen again later is an error,
      // never a second order with the same id.
      const done = new Set<string>();
      for await (const batch of orders.batches()) {
        for (const row of batch) {
          // Shopify leaves the order columns blank on an order's second and later line rows.
          const id = orders.id(row, "order_id");
          if (id !== groupId) {
            if (done.has(id)) {
              orders.fail(
                row,
                "order_id",
                `the rows of order ${id} are not together: it appeared earlier in the file`,
                "sort the export by order (as platforms export it)",
              );
            }
            const o = flush();
            if (o) yield o;
            if (groupId !== undefined) done.add(groupId);
            group = [];
            groupId = id;
          }
          group.push(row);
        }
      }
      const o = flush();
      if (o) yield o;
      return;
    }
    if (!separateLines) {
      for await (const batch of orders.batches()) {
        for (const row of batch) {
          const placedAt = orders.dateTime(row, "placed_at").getTime();
          if (inRange(placedAt, range)) yield parseOrder(orders, row, []);
        }
      }
      return;
    }
    linesDs = await open("order_lines");
    const join = new LineJoin(linesDs);
    for await (const batch of orders.batches()) {
      for (const row of batch) {
        const id = orders.id(row, "order_id");
        const taken = join.take(id);
        const lineRows = Array.isArray(taken) ? taken : await taken;
        const placedAt = orders.dateTime(row, "placed_at").getTime();
        if (!inRange(placedAt, range)) continue;
        const currency = orders.currency(row, "currency");
        yield parseOrder(
          orders,
          row,
          lineRows.map((r) => parseLine(linesDs as Dataset, r, currency)),
        );
      }
    }
    const left = await join.leftovers();
    if (left.size > 0) {
      // Rare: read the orders' ids again to tell unknown orders from an ungrouped lines file.
      const again = await open("orders");
      try {
        for await (const batch of again.batches()) {
          for (const row of batch) {
            const id = again.id(row, "order_id");
            const stray = left.get(id);
            if (stray?.[0]) {
              linesDs.fail(
                stray[0],
                "order_id",
                `the lines of order ${id} are not together: this one comes after the order's other lines were read`,
                "sort the lines file by order id (as exports are), or put the line columns in the orders file",
              );
            }
          }
        }
      } finally {
        await again.close();
      }
      let orphans = 0;
      for (const rows of left.values()) orphans += rows.length;
      ctx.log.warn(`${linesDs.file}: ${orphans} order line(s) name orders that are not in ${orders.file}; they were not counted`);
    }
  } finally {
    await orders.close();
    await linesDs?.close();
  }
}

function inlineLineColumns(orders: Dataset): boolean {
  const probe = Dataset.remap(DATASETS.order_lines, orders);
  return probe.has("sku") && probe.has("quantity") && probe.has("unit_price");
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

async function* readReturns(open: Opener, range: InstantRange): AsyncGenerator<ReturnRecord> {
  const ds: Dataset = await open("returns");
  try {
    for await (const batch of ds.batches()) {
      for (const row of batch) {
        const requestedAt = ds.dateTime(row, "requested_at");
        if (!inRange(requestedAt.getTime(), range)) continue;
        const currency = ds.currency(row, "currency");
        const r: ReturnRecord = {
          id: ds.id(row, "return_id"),
          orderId: ds.id(row, "order_id"),
          quantity: ds.integer(row, "quantity", { min: 1 }),
          refundAmount: ds.money(row, "refund_amount", currency),
          currency,
          requestedAt,
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
        yield r;
      }
    }
  } finally {
    await ds.close();
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
