/**
 * The data of `local` stores inside the state store. Reads are paged (keyset pagination, one
 * short query per page) rather than held open as cursors, so other statements on the same
 * connection, such as a lock heartbeat, never find it busy.
 *
 * `shiftMs` moves every instant (and `shiftDays` every traffic day) on read: the demo store keeps
 * its fixture dates and is shown as if its last day were yesterday.
 */

import type {
  Order,
  OrderLine,
  OrderStatus,
  Product,
  ReturnRecord,
  Ticket,
  TicketChannel,
  TicketStatus,
  TrafficDay,
} from "../core/model.js";
import { addDays, type Day } from "../core/time.js";
import { type ProductRow, productRow, toProduct, type VariantRow, variantRows } from "./catalog-rows.js";
import type { Sql } from "./sql/types.js";
import type { StateStore } from "./state-store.js";

const PAGE = 2000;
const DAY_MS = 86_400_000;

export interface LocalRange {
  since?: Date;
  until?: Date;
}

interface OrderRow {
  id: string;
  number: string | null;
  placed_at: number;
  currency: string;
  status: OrderStatus;
  test: number;
  customer_id: string | null;
  source: string | null;
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  coupon_code: string | null;
}

interface LineRow {
  order_id: string;
  line_no: number;
  sku: string;
  product_id: string | null;
  title: string | null;
  options: string | null;
  category: string | null;
  quantity: number;
  unit_price: number;
  discount: number;
}

export class LocalData {
  private readonly shiftMs: number;

  private readonly sql: Sql;

  constructor(
    state: StateStore,
    readonly store: string,
    private readonly shiftDays = 0,
  ) {
    this.shiftMs = shiftDays * DAY_MS;
    this.sql = state.sql;
  }

  private bounds(range: LocalRange): [number, number] {
    return [
      range.since ? range.since.getTime() - this.shiftMs : Number.MIN_SAFE_INTEGER,
      range.until ? range.until.getTime() - this.shiftMs : Number.MAX_SAFE_INTEGER,
    ];
  }

  /** Orders found by id or by order number (the shown "#1001"), with their status. */
  async findOrders(keys: readonly string[]): Promise<Map<string, { id: string; number?: string; status: OrderStatus }>> {
    const list = JSON.stringify(keys);
    const rows = await this.sql.all<{ id: string; number: string | null; status: OrderStatus; k: string }>(
      `SELECT o.id, o.number, o.status, j.value AS k FROM json_each(?) j CROSS JOIN orders o WHERE o.store = ? AND o.id = j.value
       UNION ALL
       SELECT o.id, o.number, o.status, j.value AS k FROM json_each(?) j CROSS JOIN orders o WHERE o.store = ? AND o.number = j.value`,
      [list, this.store, list, this.store],
    );
    const out = new Map<string, { id: string; number?: string; status: OrderStatus }>();
    for (const r of rows)
      if (!out.has(r.k)) out.set(r.k, { id: r.id, ...(r.number !== null ? { number: r.number } : {}), status: r.status });
    return out;
  }

  /** Marks a paid order fulfilled; false when the order is not there. */
  async markFulfilled(orderId: string): Promise<{ found: boolean; status?: OrderStatus }> {
    const row = await this.sql.get<{ status: OrderStatus }>("SELECT status FROM orders WHERE store = ? AND id = ?", [this.store, orderId]);
    if (!row) return { found: false };
    if (row.status === "paid")
      await this.sql.run("UPDATE orders SET status = 'fulfilled' WHERE store = ? AND id = ?", [this.store, orderId]);
    return { found: true, status: row.status };
  }

  /** Which of these order ids the store already holds. */
  async knownOrderIds(ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.sql.all<{ id: string }>("SELECT id FROM orders WHERE store = ? AND id IN (SELECT value FROM json_each(?))", [
      this.store,
      JSON.stringify(ids),
    ]);
    return new Set(rows.map((r) => r.id));
  }

  async orderCount(): Promise<number> {
    return (await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM orders WHERE store = ?", [this.store]))?.n ?? 0;
  }

  /** Whether the store holds any product (cheap: one index probe). */
  async hasProducts(): Promise<boolean> {
    return (await this.sql.get<{ id: string }>("SELECT id FROM products WHERE store = ? LIMIT 1", [this.store])) !== undefined;
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.sql.get<{ id: string }>("SELECT id FROM orders WHERE store = ? LIMIT 1", [this.store]);
    return row === undefined;
  }

  /** Deletes everything of this store (a re-seed or a test reset). */
  async clear(): Promise<void> {
    for (const t of ["order_lines", "orders", "returns", "traffic", "tickets", "variants", "products"]) {
      await this.sql.run(`DELETE FROM ${t} WHERE store = ?`, [this.store]);
    }
  }

  /**
   * Stores orders with their lines (and refunds, when the order carries them): the order's current
   * lines and refunds replace the stored ones. Batch statements: one per table, not one per row.
   */
  async insertOrders(orders: Iterable<Order>): Promise<number> {
    const list = [...orders];
    if (list.length === 0) return 0;
    const ids = JSON.stringify(list.map((o) => o.id));
    await this.sql.runMany(
      `INSERT INTO orders (store, id, number, placed_at, currency, status, test, customer_id, source, subtotal, discount, shipping, tax, total, coupon_code, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, id) DO UPDATE SET number = excluded.number, placed_at = excluded.placed_at, currency = excluded.currency,
         status = excluded.status, test = excluded.test, customer_id = excluded.customer_id, source = excluded.source,
         subtotal = excluded.subtotal, discount = excluded.discount, shipping = excluded.shipping, tax = excluded.tax,
         total = excluded.total, coupon_code = excluded.coupon_code, updated_at = excluded.updated_at`,
      list.map((o) => [
        this.store,
        o.id,
        o.number ?? null,
        o.placedAt.getTime() - this.shiftMs,
        o.currency,
        o.status,
        o.test ? 1 : 0,
        o.customerId ?? null,
        o.source ?? null,
        o.subtotal,
        o.discountTotal,
        o.shippingTotal,
        o.taxTotal,
        o.total,
        o.couponCode ?? null,
        o.updatedAt ? o.updatedAt.getTime() : null,
      ]),
      { key: (r) => String(r[1]) },
    );
    // An order listed twice in one batch (changed while paging): its last version wins, lines included.
    const last = new Map(list.map((o) => [o.id, o]));
    await this.sql.run("DELETE FROM order_lines WHERE store = ? AND order_id IN (SELECT value FROM json_each(?))", [this.store, ids]);
    await this.sql.runMany(
      `INSERT INTO order_lines (store, order_id, line_no, sku, product_id, title, options, category, quantity, unit_price, discount)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...last.values()].flatMap((o) =>
        o.lines.map((l, i) => [
          this.store,
          o.id,
          i + 1,
          l.sku,
          l.productId ?? null,
          l.title ?? null,
          l.options ? JSON.stringify(l.options) : null,
          l.category ?? null,
          l.quantity,
          l.unitPrice,
          l.discount,
        ]),
      ),
    );
    // Refunds travel with their order: the order's current list replaces the stored one.
    const withRefunds = [...last.values()].filter((o) => o.refunds);
    if (withRefunds.length > 0) {
      await this.sql.run("DELETE FROM returns WHERE store = ? AND order_id IN (SELECT value FROM json_each(?))", [
        this.store,
        JSON.stringify(withRefunds.map((o) => o.id)),
      ]);
      await this.insertReturns(withRefunds.flatMap((o) => o.refunds ?? []));
    }
    return list.length;
  }

  async insertReturns(returns: Iterable<ReturnRecord>): Promise<number> {
    const rows = [...returns].map((r) => [
      this.store,
      r.id,
      r.orderId,
      r.sku ?? null,
      r.quantity,
      r.refundAmount,
      r.currency,
      r.requestedAt.getTime() - this.shiftMs,
      r.refundedAt ? r.refundedAt.getTime() - this.shiftMs : null,
      r.reason ?? null,
      r.reasonCode ?? null,
      r.status ?? null,
    ]);
    await this.sql.runMany(
      `INSERT INTO returns (store, id, order_id, sku, quantity, refund_amount, currency, requested_at, refunded_at, reason, reason_code, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, id) DO UPDATE SET order_id = excluded.order_id, sku = excluded.sku, quantity = excluded.quantity,
         refund_amount = excluded.refund_amount, currency = excluded.currency, requested_at = excluded.requested_at,
         refunded_at = excluded.refunded_at, reason = excluded.reason, reason_code = excluded.reason_code, status = excluded.status`,
      rows,
      { key: (r) => String(r[1]) },
    );
    return rows.length;
  }

  async insertTraffic(rows: Iterable<TrafficDay>): Promise<number> {
    const params = [...rows].map((t) => [
      this.store,
      addDays(t.date, -this.shiftDays),
      t.source,
      t.pageViews,
      t.visitors,
      t.sessions,
      t.adSpend,
      t.currency ?? null,
    ]);
    await this.sql.runMany(
      `INSERT INTO traffic (store, day, source, page_views, visitors, sessions, ad_spend, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, day, source) DO UPDATE SET page_views = excluded.page_views, visitors = excluded.visitors,
         sessions = excluded.sessions, ad_spend = excluded.ad_spend, currency = excluded.currency`,
      params,
      { key: (r) => `${r[1]}\0${r[2]}` },
    );
    return params.length;
  }

  async insertTickets(rows: Iterable<Ticket>): Promise<number> {
    const params = [...rows].map((t) => [
      this.store,
      t.id,
      t.channel,
      t.createdAt.getTime() - this.shiftMs,
      t.firstResponseAt ? t.firstResponseAt.getTime() - this.shiftMs : null,
      t.resolvedAt ? t.resolvedAt.getTime() - this.shiftMs : null,
      t.status,
      t.rating,
      t.orderId ?? null,
    ]);
    await this.sql.runMany(
      `INSERT INTO tickets (store, id, channel, created_at, first_response_at, resolved_at, status, rating, order_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, id) DO UPDATE SET channel = excluded.channel, created_at = excluded.created_at,
         first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at, status = excluded.status,
         rating = excluded.rating, order_id = excluded.order_id`,
      params,
      { key: (r) => String(r[1]) },
    );
    return params.length;
  }

  async insertProducts(products: Iterable<Product>): Promise<number> {
    const list = [...products];
    await this.writeProducts(list.map((p) => ({ product: p, id: p.id || p.handle, isNew: false })));
    return list.length;
  }

  /**
   * Makes each stored product `id` exactly `p`: its fields and its set of variants, in order
   * (variants of the product whose option values are not in `p` are deleted). Which file variant
   * is which store variant the plan decided (by SKU, then options): here they are rows.
   * The caller runs it inside a transaction. One statement per table for the whole batch.
   */
  async writeProducts(items: readonly { product: Product; id: string; isNew: boolean }[]): Promise<void> {
    if (items.length === 0) return;
    await this.sql.runMany(
      `INSERT INTO products (store, id, handle, title, description, vendor, category, tags, status, options, images, updated_at, option_names)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, id) DO UPDATE SET handle = excluded.handle, title = excluded.title, description = excluded.description,
         vendor = excluded.vendor, category = excluded.category, tags = excluded.tags, status = excluded.status,
         options = excluded.options, images = excluded.images, updated_at = excluded.updated_at, option_names = excluded.option_names`,
      items.map(({ product, id }) => [this.store, ...productRow(product, id)]),
      { key: (r) => String(r[1]) },
    );
    const variants: unknown[][] = [];
    for (const { product, id, isNew } of items) {
      const rows = variantRows(product, id);
      // A product just created has no variants to prune.
      if (!isNew)
        await this.sql.run("DELETE FROM variants WHERE store = ? AND product_id = ? AND okey NOT IN (SELECT value FROM json_each(?))", [
          this.store,
          id,
          JSON.stringify(rows.map((r) => r[0])),
        ]);
      for (const r of rows) variants.push([this.store, ...r]);
    }
    await this.sql.runMany(
      `INSERT INTO variants (store, okey, sku, product_id, position, options, attributes, price, compare_at, cost, currency, barcode, weight_grams, inventory, image, cost_decimal)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, product_id, okey) DO UPDATE SET sku = excluded.sku, position = excluded.position,
         options = excluded.options, attributes = excluded.attributes, price = excluded.price,
         compare_at = excluded.compare_at, cost = excluded.cost, currency = excluded.currency, barcode = excluded.barcode,
         weight_grams = excluded.weight_grams, inventory = excluded.inventory, image = excluded.image, cost_decimal = excluded.cost_decimal`,
      variants,
      { key: (r) => `${r[3]}\0${r[1]}` },
    );
  }

  /** One product (see writeProducts). */
  writeProduct(p: Product, id: string, isNew = false): Promise<void> {
    return this.writeProducts([{ product: p, id, isNew }]);
  }

  /** Deletes a product and its variants; false when no product has that handle. */
  async deleteProduct(handle: string): Promise<boolean> {
    const row = await this.sql.get<{ id: string }>("SELECT id FROM products WHERE store = ? AND handle = ?", [this.store, handle]);
    if (!row) return false;
    await this.sql.run("DELETE FROM variants WHERE store = ? AND product_id = ?", [this.store, row.id]);
    await this.sql.run("DELETE FROM products WHERE store = ? AND id = ?", [this.store, row.id]);
    return true;
  }

  /** Products whose handle, or any of whose variants' SKUs, is among the keys. */
  async lookupProducts(handles: readonly string[], skus: readonly string[]): Promise<Product[]> {
    // Two indexed lookups joined by UNION: an OR across them would scan the whole catalog.
    const rows = await this.sql.all<ProductRow>(
      `SELECT p.* FROM json_each(?) h CROSS JOIN products p INDEXED BY products_by_handle
        WHERE p.store = ? AND p.handle = h.value
       UNION
       SELECT p.* FROM json_each(?) s CROSS JOIN variants v CROSS JOIN products p
        WHERE v.store = ? AND v.sku = s.value AND p.store = v.store AND p.id = v.product_id
       ORDER BY id`,
      [JSON.stringify(handles), this.store, JSON.stringify(skus), this.store],
    );
    return this.withVariants(rows);
  }

  private async withVariants(rows: ProductRow[]): Promise<Product[]> {
    if (rows.length === 0) return [];
    const variants = await this.sql.all<VariantRow>(
      "SELECT * FROM variants WHERE store = ? AND product_id IN (SELECT value FROM json_each(?)) ORDER BY product_id, position, okey",
      [this.store, JSON.stringify(rows.map((r) => r.id))],
    );
    const byProduct = new Map<string, VariantRow[]>();
    for (const v of variants) {
      const list = byProduct.get(v.product_id);
      if (list) list.push(v);
      else byProduct.set(v.product_id, [v]);
    }
    return rows.map((p) => toProduct(p, byProduct.get(p.id) ?? []));
  }

  async *orders(range: LocalRange): AsyncGenerator<Order> {
    const [from, to] = this.bounds(range);
    const page = `SELECT * FROM orders WHERE store = ? AND placed_at >= ? AND placed_at < ? AND (placed_at, id) > (?, ?)
       ORDER BY placed_at, id LIMIT ${PAGE}`;
    const lines = "SELECT * FROM order_lines WHERE store = ? AND order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, line_no";
    let afterAt = Number.MIN_SAFE_INTEGER;
    let afterId = "";
    for (;;) {
      const rows = await this.sql.all<OrderRow>(page, [this.store, from, to, afterAt, afterId]);
      if (rows.length === 0) return;
      const lineRows = await this.sql.all<LineRow>(lines, [this.store, JSON.stringify(rows.map((r) => r.id))]);
      const byOrder = new Map<string, OrderLine[]>();
      for (const l of lineRows) {
        let list = byOrder.get(l.order_id);
        if (!list) {
          list = [];
          byOrder.set(l.order_id, list);
        }
        const line: OrderLine = { sku: l.sku, quantity: l.quantity, unitPrice: l.unit_price, discount: l.discount };
        if (l.product_id !== null) line.productId = l.product_id;
        if (l.title !== null) line.title = l.title;
        if (l.options !== null) line.options = JSON.parse(l.options) as Record<string, string>;
        if (l.category !== null) line.category = l.category;
        list.push(line);
      }
      for (const r of rows) {
        const o: Order = {
          id: r.id,
          placedAt: new Date(r.placed_at + this.shiftMs),
          currency: r.currency,
          status: r.status,
          test: r.test === 1,
          subtotal: r.subtotal,
          discountTotal: r.discount,
          shippingTotal: r.shipping,
          taxTotal: r.tax,
          total: r.total,
          lines: byOrder.get(r.id) ?? [],
        };
        if (r.number !== null) o.number = r.number;
        if (r.customer_id !== null) o.customerId = r.customer_id;
        if (r.source !== null) o.source = r.source;
        if (r.coupon_code !== null) o.couponCode = r.coupon_code;
        yield o;
      }
      const last = rows[rows.length - 1] as OrderRow;
      afterAt = last.placed_at;
      afterId = last.id;
    }
  }

  async *returns(range: LocalRange): AsyncGenerator<ReturnRecord> {
    const [from, to] = this.bounds(range);
    const page = `SELECT * FROM returns WHERE store = ? AND requested_at >= ? AND requested_at < ? AND (requested_at, id) > (?, ?)
       ORDER BY requested_at, id LIMIT ${PAGE}`;
    let afterAt = Number.MIN_SAFE_INTEGER;
    let afterId = "";
    for (;;) {
      const rows = (await this.sql.all(page, [this.store, from, to, afterAt, afterId])) as {
        id: string;
        order_id: string;
        sku: string | null;
        quantity: number;
        refund_amount: number;
        currency: string;
        requested_at: number;
        refunded_at: number | null;
        reason: string | null;
        reason_code: string | null;
        status: string | null;
      }[];
      if (rows.length === 0) return;
      for (const r of rows) {
        const rec: ReturnRecord = {
          id: r.id,
          orderId: r.order_id,
          quantity: r.quantity,
          refundAmount: r.refund_amount,
          currency: r.currency,
          requestedAt: new Date(r.requested_at + this.shiftMs),
        };
        if (r.sku !== null) rec.sku = r.sku;
        if (r.refunded_at !== null) rec.refundedAt = new Date(r.refunded_at + this.shiftMs);
        if (r.reason !== null) rec.reason = r.reason;
        if (r.reason_code !== null) rec.reasonCode = r.reason_code;
        if (r.status !== null) rec.status = r.status;
        yield rec;
      }
      const last = rows[rows.length - 1];
      if (!last) return;
      afterAt = last.requested_at;
      afterId = last.id;
    }
  }

  async *traffic(range: { first?: Day; last?: Day }): AsyncGenerator<TrafficDay> {
    const first = range.first ? addDays(range.first, -this.shiftDays) : "0000-01-01";
    const last = range.last ? addDays(range.last, -this.shiftDays) : "9999-12-31";
    const rows = (await this.sql.all("SELECT * FROM traffic WHERE store = ? AND day >= ? AND day <= ? ORDER BY day, source", [
      this.store,
      first,
      last,
    ])) as {
      day: string;
      source: TrafficDay["source"];
      page_views: number | null;
      visitors: number | null;
      sessions: number | null;
      ad_spend: number | null;
      currency: string | null;
    }[];
    for (const r of rows) {
      const t: TrafficDay = {
        date: addDays(r.day, this.shiftDays),
        source: r.source,
        pageViews: r.page_views,
        visitors: r.visitors,
        sessions: r.sessions,
        adSpend: r.ad_spend,
      };
      if (r.currency !== null) t.currency = r.currency;
      yield t;
    }
  }

  async *tickets(range: LocalRange): AsyncGenerator<Ticket> {
    const [from, to] = this.bounds(range);
    const page = `SELECT * FROM tickets WHERE store = ? AND created_at >= ? AND created_at < ? AND (created_at, id) > (?, ?)
       ORDER BY created_at, id LIMIT ${PAGE}`;
    let afterAt = Number.MIN_SAFE_INTEGER;
    let afterId = "";
    for (;;) {
      const rows = (await this.sql.all(page, [this.store, from, to, afterAt, afterId])) as {
        id: string;
        channel: TicketChannel;
        created_at: number;
        first_response_at: number | null;
        resolved_at: number | null;
        status: TicketStatus;
        rating: number | null;
        order_id: string | null;
      }[];
      if (rows.length === 0) return;
      for (const r of rows) {
        const t: Ticket = {
          id: r.id,
          channel: r.channel,
          createdAt: new Date(r.created_at + this.shiftMs),
          firstResponseAt: r.first_response_at === null ? null : new Date(r.first_response_at + this.shiftMs),
          resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at + this.shiftMs),
          status: r.status,
          rating: r.rating,
        };
        if (r.order_id !== null) t.orderId = r.order_id;
        yield t;
      }
      const last = rows[rows.length - 1];
      if (!last) return;
      afterAt = last.created_at;
      afterId = last.id;
    }
  }

  /** Every product with its variants, paged by id. */
  async *products(): AsyncGenerator<Product> {
    const page = `SELECT * FROM products WHERE store = ? AND id > ? ORDER BY id LIMIT ${PAGE}`;
    let after = "";
    for (;;) {
      const rows = await this.sql.all<ProductRow>(page, [this.store, after]);
      if (rows.length === 0) return;
      yield* await this.withVariants(rows);
      after = rows[rows.length - 1]?.id ?? after;
    }
  }

  /** How many products and variants the store holds. */
  async catalogCounts(): Promise<{ products: number; variants: number }> {
    const p = await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM products WHERE store = ?", [this.store]);
    const v = await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM variants WHERE store = ?", [this.store]);
    return { products: p?.n ?? 0, variants: v?.n ?? 0 };
  }
}
