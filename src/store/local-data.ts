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

  constructor(
    private readonly state: StateStore,
    readonly store: string,
    private readonly shiftDays = 0,
  ) {
    this.shiftMs = shiftDays * DAY_MS;
  }

  private bounds(range: LocalRange): [number, number] {
    return [
      range.since ? range.since.getTime() - this.shiftMs : Number.MIN_SAFE_INTEGER,
      range.until ? range.until.getTime() - this.shiftMs : Number.MAX_SAFE_INTEGER,
    ];
  }

  /** Orders found by id or by order number (the shown "#1001"), with their status. */
  findOrders(keys: readonly string[]): Map<string, { id: string; number?: string; status: OrderStatus }> {
    const rows = this.state.db
      .prepare(
        `SELECT o.id, o.number, o.status, j.value AS k FROM json_each(@keys) j CROSS JOIN orders o WHERE o.store = @store AND o.id = j.value
         UNION ALL
         SELECT o.id, o.number, o.status, j.value AS k FROM json_each(@keys) j CROSS JOIN orders o WHERE o.store = @store AND o.number = j.value`,
      )
      .all({ keys: JSON.stringify(keys), store: this.store }) as { id: string; number: string | null; status: OrderStatus; k: string }[];
    const out = new Map<string, { id: string; number?: string; status: OrderStatus }>();
    for (const r of rows)
      if (!out.has(r.k)) out.set(r.k, { id: r.id, ...(r.number !== null ? { number: r.number } : {}), status: r.status });
    return out;
  }

  /** Marks a paid order fulfilled; false when the order is not there. */
  markFulfilled(orderId: string): { found: boolean; status?: OrderStatus } {
    const row = this.state.db.prepare("SELECT status FROM orders WHERE store = ? AND id = ?").get(this.store, orderId) as
      | { status: OrderStatus }
      | undefined;
    if (!row) return { found: false };
    if (row.status === "paid")
      this.state.db.prepare("UPDATE orders SET status = 'fulfilled' WHERE store = ? AND id = ?").run(this.store, orderId);
    return { found: true, status: row.status };
  }

  /** Which of these order ids the store already holds. */
  knownOrderIds(ids: readonly string[]): Set<string> {
    const rows = this.state.db
      .prepare("SELECT id FROM orders WHERE store = ? AND id IN (SELECT value FROM json_each(?))")
      .all(this.store, JSON.stringify(ids)) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  orderCount(): number {
    return (this.state.db.prepare("SELECT COUNT(*) AS n FROM orders WHERE store = ?").get(this.store) as { n: number }).n;
  }

  isEmpty(): boolean {
    const row = this.state.db.prepare("SELECT EXISTS (SELECT 1 FROM orders WHERE store = ?) AS any").get(this.store) as { any: number };
    return row.any === 0;
  }

  /** Deletes everything of this store (a re-seed or a test reset). */
  clear(): void {
    for (const t of ["order_lines", "orders", "returns", "traffic", "tickets", "variants", "products"]) {
      this.state.db.prepare(`DELETE FROM ${t} WHERE store = ?`).run(this.store);
    }
  }

  insertOrders(orders: Iterable<Order>): number {
    const insertOrder = this.state.db.prepare(
      `INSERT INTO orders (store, id, number, placed_at, currency, status, test, customer_id, source, subtotal, discount, shipping, tax, total, coupon_code, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, id) DO UPDATE SET number = excluded.number, placed_at = excluded.placed_at, currency = excluded.currency,
         status = excluded.status, test = excluded.test, customer_id = excluded.customer_id, source = excluded.source,
         subtotal = excluded.subtotal, discount = excluded.discount, shipping = excluded.shipping, tax = excluded.tax,
         total = excluded.total, coupon_code = excluded.coupon_code, updated_at = excluded.updated_at`,
    );
    const deleteLines = this.state.db.prepare("DELETE FROM order_lines WHERE store = ? AND order_id = ?");
    const deleteRefunds = this.state.db.prepare("DELETE FROM returns WHERE store = ? AND order_id = ?");
    const insertLine = this.state.db.prepare(
      `INSERT INTO order_lines (store, order_id, line_no, sku, product_id, title, options, category, quantity, unit_price, discount)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (const o of orders) {
      insertOrder.run(
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
      );
      deleteLines.run(this.store, o.id);
      o.lines.forEach((l, i) => {
        insertLine.run(
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
        );
      });
      // Refunds travel with their order: the order's current list replaces the stored one.
      if (o.refunds) {
        deleteRefunds.run(this.store, o.id);
        this.insertReturns(o.refunds);
      }
      n++;
    }
    return n;
  }

  insertReturns(returns: Iterable<ReturnRecord>): number {
    const stmt = this.state.db.prepare(
      `INSERT OR REPLACE INTO returns (store, id, order_id, sku, quantity, refund_amount, currency, requested_at, refunded_at, reason, reason_code, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (const r of returns) {
      stmt.run(
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
      );
      n++;
    }
    return n;
  }

  insertTraffic(rows: Iterable<TrafficDay>): number {
    const stmt = this.state.db.prepare(
      `INSERT OR REPLACE INTO traffic (store, day, source, page_views, visitors, sessions, ad_spend, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (const t of rows) {
      stmt.run(this.store, addDays(t.date, -this.shiftDays), t.source, t.pageViews, t.visitors, t.sessions, t.adSpend, t.currency ?? null);
      n++;
    }
    return n;
  }

  insertTickets(rows: Iterable<Ticket>): number {
    const stmt = this.state.db.prepare(
      `INSERT OR REPLACE INTO tickets (store, id, channel, created_at, first_response_at, resolved_at, status, rating, order_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (const t of rows) {
      stmt.run(
        this.store,
        t.id,
        t.channel,
        t.createdAt.getTime() - this.shiftMs,
        t.firstResponseAt ? t.firstResponseAt.getTime() - this.shiftMs : null,
        t.resolvedAt ? t.resolvedAt.getTime() - this.shiftMs : null,
        t.status,
        t.rating,
        t.orderId ?? null,
      );
      n++;
    }
    return n;
  }

  insertProducts(products: Iterable<Product>): number {
    let n = 0;
    for (const prod of products) {
      this.writeProduct(prod, prod.id || prod.handle);
      n++;
    }
    return n;
  }

  /**
   * Makes the stored product `id` exactly `p`: its fields and its set of variants, in order
   * (variants of the product whose option values are not in `p` are deleted). Which file variant
   * is which store variant the plan decided (by SKU, then options): here they are rows.
   * The caller runs it inside a transaction.
   */
  writeProduct(p: Product, id: string, isNew = false): void {
    const st = this.catalogStatements();
    st.product.run(this.store, ...productRow(p, id));
    const rows = variantRows(p, id);
    // A product just created has no variants to prune.
    if (!isNew) st.prune.run(this.store, id, JSON.stringify(rows.map((r) => r[0])));
    for (const r of rows) st.variant.run(this.store, ...r);
  }

  private statements: ReturnType<LocalData["prepareCatalog"]> | undefined;
  private catalogStatements() {
    this.statements ??= this.prepareCatalog();
    return this.statements;
  }

  private prepareCatalog() {
    const db = this.state.db;
    const product = db.prepare(
      `INSERT INTO products (store, id, handle, title, description, vendor, category, tags, status, options, images, updated_at, option_names)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, id) DO UPDATE SET handle = excluded.handle, title = excluded.title, description = excluded.description,
         vendor = excluded.vendor, category = excluded.category, tags = excluded.tags, status = excluded.status,
         options = excluded.options, images = excluded.images, updated_at = excluded.updated_at, option_names = excluded.option_names`,
    );
    const prune = db.prepare("DELETE FROM variants WHERE store = ? AND product_id = ? AND okey NOT IN (SELECT value FROM json_each(?))");
    const variant = db.prepare(
      `INSERT INTO variants (store, okey, sku, product_id, position, options, attributes, price, compare_at, cost, currency, barcode, weight_grams, inventory, image, cost_decimal)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, product_id, okey) DO UPDATE SET sku = excluded.sku, position = excluded.position,
         options = excluded.options, attributes = excluded.attributes, price = excluded.price,
         compare_at = excluded.compare_at, cost = excluded.cost, currency = excluded.currency, barcode = excluded.barcode,
         weight_grams = excluded.weight_grams, inventory = excluded.inventory, image = excluded.image, cost_decimal = excluded.cost_decimal`,
    );
    return { product, prune, variant };
  }

  /** Deletes a product and its variants; false when no product has that handle. */
  deleteProduct(handle: string): boolean {
    const row = this.state.db.prepare("SELECT id FROM products WHERE store = ? AND handle = ?").get(this.store, handle) as
      | { id: string }
      | undefined;
    if (!row) return false;
    this.state.db.prepare("DELETE FROM variants WHERE store = ? AND product_id = ?").run(this.store, row.id);
    this.state.db.prepare("DELETE FROM products WHERE store = ? AND id = ?").run(this.store, row.id);
    return true;
  }

  /** Products whose handle, or any of whose variants' SKUs, is among the keys. */
  lookupProducts(handles: readonly string[], skus: readonly string[]): Product[] {
    // Two indexed lookups joined by UNION: an OR across them would scan the whole catalog.
    const rows = this.state.db
      .prepare(
        `SELECT p.* FROM json_each(@handles) h CROSS JOIN products p INDEXED BY products_by_handle
          WHERE p.store = @store AND p.handle = h.value
         UNION
         SELECT p.* FROM json_each(@skus) s CROSS JOIN variants v CROSS JOIN products p
          WHERE v.store = @store AND v.sku = s.value AND p.store = v.store AND p.id = v.product_id
         ORDER BY id`,
      )
      .all({ store: this.store, handles: JSON.stringify(handles), skus: JSON.stringify(skus) }) as ProductRow[];
    return this.withVariants(rows);
  }

  private withVariants(rows: ProductRow[]): Product[] {
    if (rows.length === 0) return [];
    const variants = this.state.db
      .prepare(
        "SELECT * FROM variants WHERE store = ? AND product_id IN (SELECT value FROM json_each(?)) ORDER BY product_id, position, okey",
      )
      .all(this.store, JSON.stringify(rows.map((r) => r.id))) as VariantRow[];
    const byProduct = new Map<string, VariantRow[]>();
    for (const v of variants) {
      const list = byProduct.get(v.product_id);
      if (list) list.push(v);
      else byProduct.set(v.product_id, [v]);
    }
    return rows.map((p) => toProduct(p, byProduct.get(p.id) ?? []));
  }

  *orders(range: LocalRange): Generator<Order> {
    const [from, to] = this.bounds(range);
    const page = this.state.db.prepare(
      `SELECT * FROM orders WHERE store = ? AND placed_at >= ? AND placed_at < ? AND (placed_at, id) > (?, ?)
       ORDER BY placed_at, id LIMIT ${PAGE}`,
    );
    const lines = this.state.db.prepare(
      `SELECT * FROM order_lines WHERE store = ? AND order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, line_no`,
    );
    let afterAt = Number.MIN_SAFE_INTEGER;
    let afterId = "";
    for (;;) {
      const rows = page.all(this.store, from, to, afterAt, afterId) as OrderRow[];
      if (rows.length === 0) return;
      const lineRows = lines.all(this.store, JSON.stringify(rows.map((r) => r.id))) as LineRow[];
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

  *returns(range: LocalRange): Generator<ReturnRecord> {
    const [from, to] = this.bounds(range);
    const page = this.state.db.prepare(
      `SELECT * FROM returns WHERE store = ? AND requested_at >= ? AND requested_at < ? AND (requested_at, id) > (?, ?)
       ORDER BY requested_at, id LIMIT ${PAGE}`,
    );
    let afterAt = Number.MIN_SAFE_INTEGER;
    let afterId = "";
    for (;;) {
      const rows = page.all(this.store, from, to, afterAt, afterId) as {
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

  *traffic(range: { first?: Day; last?: Day }): Generator<TrafficDay> {
    const first = range.first ? addDays(range.first, -this.shiftDays) : "0000-01-01";
    const last = range.last ? addDays(range.last, -this.shiftDays) : "9999-12-31";
    const rows = this.state.db
      .prepare("SELECT * FROM traffic WHERE store = ? AND day >= ? AND day <= ? ORDER BY day, source")
      .all(this.store, first, last) as {
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

  *tickets(range: LocalRange): Generator<Ticket> {
    const [from, to] = this.bounds(range);
    const page = this.state.db.prepare(
      `SELECT * FROM tickets WHERE store = ? AND created_at >= ? AND created_at < ? AND (created_at, id) > (?, ?)
       ORDER BY created_at, id LIMIT ${PAGE}`,
    );
    let afterAt = Number.MIN_SAFE_INTEGER;
    let afterId = "";
    for (;;) {
      const rows = page.all(this.store, from, to, afterAt, afterId) as {
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
  *products(): Generator<Product> {
    const page = this.state.db.prepare(`SELECT * FROM products WHERE store = ? AND id > ? ORDER BY id LIMIT ${PAGE}`);
    let after = "";
    for (;;) {
      const rows = page.all(this.store, after) as ProductRow[];
      if (rows.length === 0) return;
      yield* this.withVariants(rows);
      after = rows[rows.length - 1]?.id ?? after;
    }
  }

  /** How many products and variants the store holds. */
  catalogCounts(): { products: number; variants: number } {
    const p = this.state.db.prepare("SELECT COUNT(*) AS n FROM products WHERE store = ?").get(this.store) as { n: number };
    const v = this.state.db.prepare("SELECT COUNT(*) AS n FROM variants WHERE store = ?").get(this.store) as { n: number };
    return { products: p.n, variants: v.n };
  }
}
