/**
 * Shipments and their tracking events in the state store, per store. Instants are epoch
 * milliseconds in the store's own frame (the demo store keeps its fixture dates; services shift
 * them for display as they do orders).
 */
import type { ShipmentStatus } from "../core/shipments/index.js";
import type { Sql } from "./sql/types.js";
import type { StateStore } from "./state-store.js";

export interface ShipmentRecord {
  trackingNumber: string;
  courier: string;
  orderId: string;
  status: ShipmentStatus;
  lines?: { sku: string; quantity: number }[];
  destination?: string;
  labelAt?: Date;
  shippedAt?: Date;
  firstScanAt?: Date;
  deliveredAt?: Date;
  lastEventAt?: Date;
  lastCheckedAt?: Date;
  pushedAt?: Date;
  remoteId?: string;
  pushedStatus?: string;
}

export interface StoredEvent {
  at: Date;
  status: ShipmentStatus;
  description: string;
  location?: string;
  rawStatus?: string;
}

interface ShipmentRow {
  tracking_number: string;
  courier: string;
  order_id: string;
  status: ShipmentStatus;
  lines: string | null;
  destination: string | null;
  label_at: number | null;
  shipped_at: number | null;
  first_scan_at: number | null;
  delivered_at: number | null;
  last_event_at: number | null;
  last_checked_at: number | null;
  pushed_at: number | null;
  remote_id: string | null;
  pushed_status: string | null;
}

const ms = (d: Date | undefined): number | null => (d ? d.getTime() : null);
const date = (n: number | null): Date | undefined => (n === null ? undefined : new Date(n));

function toRecord(r: ShipmentRow): ShipmentRecord {
  const rec: ShipmentRecord = { trackingNumber: r.tracking_number, courier: r.courier, orderId: r.order_id, status: r.status };
  if (r.lines !== null) rec.lines = JSON.parse(r.lines) as { sku: string; quantity: number }[];
  if (r.destination !== null) rec.destination = r.destination;
  const times: [keyof ShipmentRecord, number | null][] = [
    ["labelAt", r.label_at],
    ["shippedAt", r.shipped_at],
    ["firstScanAt", r.first_scan_at],
    ["deliveredAt", r.delivered_at],
    ["lastEventAt", r.last_event_at],
    ["lastCheckedAt", r.last_checked_at],
    ["pushedAt", r.pushed_at],
  ];
  for (const [k, v] of times) {
    const d = date(v);
    if (d) (rec as unknown as Record<string, Date>)[k] = d;
  }
  if (r.remote_id !== null) rec.remoteId = r.remote_id;
  if (r.pushed_status !== null) rec.pushedStatus = r.pushed_status;
  return rec;
}

const CLOSED = "('delivered', 'returned', 'expired')";

export class ShipmentsData {
  private readonly sql: Sql;

  constructor(
    state: StateStore,
    readonly store: string,
  ) {
    this.sql = state.sql;
  }

  /** Inserts or replaces shipments (by tracking number). */
  async upsert(records: Iterable<ShipmentRecord>, now: Date): Promise<number> {
    const rows = [...records].map((r) => [
      this.store,
      r.trackingNumber,
      r.courier,
      r.orderId,
      r.status,
      r.lines ? JSON.stringify(r.lines) : null,
      r.destination ?? null,
      ms(r.labelAt),
      ms(r.shippedAt),
      ms(r.firstScanAt),
      ms(r.deliveredAt),
      ms(r.lastEventAt),
      ms(r.lastCheckedAt),
      ms(r.pushedAt),
      r.remoteId ?? null,
      r.pushedStatus ?? null,
      now.getTime(),
    ]);
    await this.sql.runMany(
      `INSERT INTO shipments (store, tracking_number, courier, order_id, status, lines, destination, label_at, shipped_at, first_scan_at,
         delivered_at, last_event_at, last_checked_at, pushed_at, remote_id, pushed_status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store, tracking_number) DO UPDATE SET courier = excluded.courier, order_id = excluded.order_id, status = excluded.status,
         lines = excluded.lines, destination = excluded.destination, label_at = excluded.label_at, shipped_at = excluded.shipped_at,
         first_scan_at = excluded.first_scan_at, delivered_at = excluded.delivered_at, last_event_at = excluded.last_event_at,
         last_checked_at = excluded.last_checked_at, pushed_at = excluded.pushed_at, remote_id = excluded.remote_id,
         pushed_status = excluded.pushed_status`,
      rows,
      { key: (r) => String(r[1]) },
    );
    return rows.length;
  }

  async get(trackingNumbers: readonly string[]): Promise<Map<string, ShipmentRecord>> {
    const rows = await this.sql.all<ShipmentRow>(
      "SELECT s.* FROM json_each(?) j CROSS JOIN shipments s WHERE s.store = ? AND s.tracking_number = j.value",
      [JSON.stringify(trackingNumbers), this.store],
    );
    return new Map(rows.map((r) => [r.tracking_number, toRecord(r)]));
  }

  /** Shipments still on their way (not delivered, returned or expired), oldest first. */
  async open(): Promise<ShipmentRecord[]> {
    const rows = await this.sql.all<ShipmentRow>(
      `SELECT * FROM shipments WHERE store = ? AND status NOT IN ${CLOSED} ORDER BY created_at, tracking_number`,
      [this.store],
    );
    return rows.map(toRecord);
  }

  /** Every shipment (for status and SLA reports). */
  async all(): Promise<ShipmentRecord[]> {
    return (
      await this.sql.all<ShipmentRow>("SELECT * FROM shipments WHERE store = ? ORDER BY created_at, tracking_number", [this.store])
    ).map(toRecord);
  }

  async count(): Promise<number> {
    return (await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM shipments WHERE store = ?", [this.store]))?.n ?? 0;
  }

  /** The stored events of these numbers, each list in time order. */
  async eventsOf(trackingNumbers: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const rows = await this.sql.all<{
      tracking_number: string;
      at: number;
      status: ShipmentStatus;
      description: string;
      location: string | null;
      raw_status: string | null;
    }>(
      `SELECT e.* FROM json_each(?) j CROSS JOIN shipment_events e WHERE e.store = ? AND e.tracking_number = j.value
       ORDER BY e.tracking_number, e.at, e.description`,
      [JSON.stringify(trackingNumbers), this.store],
    );
    const out = new Map<string, StoredEvent[]>(trackingNumbers.map((n) => [n, []]));
    for (const r of rows) {
      const e: StoredEvent = { at: new Date(r.at), status: r.status, description: r.description };
      if (r.location !== null) e.location = r.location;
      if (r.raw_status !== null) e.rawStatus = r.raw_status;
      out.get(r.tracking_number)?.push(e);
    }
    return out;
  }

  async events(trackingNumber: string): Promise<StoredEvent[]> {
    return (await this.eventsOf([trackingNumber])).get(trackingNumber) ?? [];
  }

  async addEvents(trackingNumber: string, events: readonly StoredEvent[]): Promise<void> {
    await this.sql.runMany(
      `INSERT OR IGNORE INTO shipment_events (store, tracking_number, at, status, description, location, raw_status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      events.map((e) => [this.store, trackingNumber, e.at.getTime(), e.status, e.description, e.location ?? null, e.rawStatus ?? null]),
      { key: (r) => `${r[2]}\0${r[4]}` },
    );
  }

  /** When each number was last asked of a provider. */
  async queriedAt(provider: string, numbers: readonly string[]): Promise<Map<string, Date>> {
    const rows = await this.sql.all<{ tracking_number: string; queried_at: number }>(
      "SELECT q.tracking_number, q.queried_at FROM json_each(?) j CROSS JOIN courier_queries q WHERE q.provider = ? AND q.tracking_number = j.value",
      [JSON.stringify(numbers), provider],
    );
    return new Map(rows.map((r) => [r.tracking_number, new Date(r.queried_at)]));
  }

  /**
   * Checks and takes the right to ask `provider` about each number now, in ONE statement: a number
   * never asked, or last asked at or before `notAfter`, is stamped `at` and returned; the others
   * are left alone. Two hosts claiming at once: the database serializes the rows, so exactly one
   * of them gets each number (Postgres: the second one's conflict sees the first one's stamp).
   */
  async claimQueries(provider: string, numbers: readonly string[], at: Date, notAfter: Date): Promise<Set<string>> {
    if (numbers.length === 0) return new Set();
    const rows = await this.sql.all<{ tracking_number: string }>(
      `INSERT INTO courier_queries (provider, tracking_number, queried_at)
       SELECT CAST(? AS TEXT), value, CAST(? AS BIGINT) FROM json_each(?) WHERE true
       ON CONFLICT (provider, tracking_number) DO UPDATE SET queried_at = excluded.queried_at
       WHERE courier_queries.queried_at <= ?
       RETURNING tracking_number`,
      [provider, at.getTime(), JSON.stringify([...new Set(numbers)]), notAfter.getTime()],
    );
    return new Set(rows.map((r) => r.tracking_number));
  }

  async recordQueries(provider: string, numbers: readonly string[], at: Date): Promise<void> {
    await this.sql.runMany(
      `INSERT INTO courier_queries (provider, tracking_number, queried_at) VALUES (?, ?, ?)
       ON CONFLICT (provider, tracking_number) DO UPDATE SET queried_at = excluded.queried_at`,
      numbers.map((n) => [provider, n, at.getTime()]),
      { key: (r) => String(r[1]) },
    );
  }
}
