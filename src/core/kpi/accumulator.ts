/**
 * One streaming pass over a store's records feeds every KPI of the report period, the comparison
 * period and the daily trend. Records are routed by date into buckets; nothing is kept per order
 * but the customer keys needed for distinct counts and first-order detection.
 */
import type { Order, ReturnRecord, Ticket, TrafficDay } from "../model.js";
import { type Day, dayOf } from "../time.js";

const PAID_STATUSES = new Set(["paid", "fulfilled", "refunded"]);

export interface TrafficTotals {
  pageViews: number;
  visitors: number;
  sessions: number;
  /** Which fields at least one counted row carried: a metric whose field never came is n/a. */
  hasPageViews: boolean;
  hasVisitors: boolean;
  hasSessions: boolean;
}

export interface SourceTotals {
  sessions: number;
  visitors: number;
  hasSessions: boolean;
  hasVisitors: boolean;
  adSpend: number;
  hasAdSpend: boolean;
}

/** A set of small non-negative integers (customer indexes) as a bitset: 1 bit per customer. */
export class IndexSet {
  private bits = new Uint8Array(256);
  size = 0;

  add(i: number): void {
    const byte = i >> 3;
    if (byte >= this.bits.length) {
      let n = this.bits.length * 2;
      while (n <= byte) n *= 2;
      const grown = new Uint8Array(n);
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (i & 7);
    if (((this.bits[byte] as number) & mask) === 0) {
      this.bits[byte] = (this.bits[byte] as number) | mask;
      this.size++;
    }
  }
}

/** Distinct payers: known customers by index, orders without a customer by their order id. */
export class PayerSet {
  private readonly customers = new IndexSet();
  private readonly anonymous = new Set<string>();

  add(payer: number | string): void {
    if (typeof payer === "number") this.customers.add(payer);
    else this.anonymous.add(payer);
  }

  get size(): number {
    return this.customers.size + this.anonymous.size;
  }

  /** Paid orders without a customer key, each counted as one payer. */
  get anonymousCount(): number {
    return this.anonymous.size;
  }
}

export class Bucket {
  orders = 0;
  gmv = 0;
  /** subtotal − discounts: the denominator of the value return rate. */
  merchandise = 0;
  units = 0;
  paidGmv = 0;
  payingCustomers = new PayerSet();
  /** Distinct paying customers per day: summed, the numerator that matches UV summed over days. */
  payingCustomersByDay = new Map<Day, PayerSet>();

  /** Σ over days of that day's distinct paying customers. */
  payerDays(): number {
    let n = 0;
    for (const s of this.payingCustomersByDay.values()) n += s.size;
    return n;
  }
  ordersWithSource = 0;
  ordersWithCustomer = 0;
  revenueBySource = new Map<string, number>();
  newCustomersBySource = new Map<string, number>();
  newCustomers = 0;
  currencies = new Set<string>();

  /** Shipments delivered in the bucket that could be judged against their SLA, and those on time. */
  deliveriesJudged = 0;
  deliveriesOnTime = 0;

  returnedUnits = 0;
  returnedValue = 0;
  returns = 0;
  refunds = 0;

  trafficDays = new Set<Day>();
  /** Per day: totals from an "all" row, and the sum of the sources, kept apart until finish. */
  trafficAllRows = new Map<Day, TrafficTotals>();
  trafficSourceRows = new Map<Day, TrafficTotals>();
  bySource = new Map<string, SourceTotals>();
  adCurrencies = new Set<string>();

  chatResponseSeconds: number[] = [];
  chats = 0;
  ticketsDue = 0;
  ticketsWithinTarget = 0;
  conversations = 0;
  resolved = 0;
  ratings = 0;
  satisfied = 0;

  /** Totals per traffic day: the day's "all" row wins over the sum of its sources. */
  trafficTotals(): TrafficTotals | null {
    if (this.trafficDays.size === 0) return null;
    const t: TrafficTotals = emptyTotals();
    for (const day of this.trafficDays) {
      const d = this.trafficAllRows.get(day) ?? this.trafficSourceRows.get(day);
      if (!d) continue;
      addTotals(t, d);
    }
    return t;
  }
}

function emptyTotals(): TrafficTotals {
  return { pageViews: 0, visitors: 0, sessions: 0, hasPageViews: false, hasVisitors: false, hasSessions: false };
}

function addTotals(into: TrafficTotals, from: TrafficTotals): void {
  into.pageViews += from.pageViews;
  into.visitors += from.visitors;
  into.sessions += from.sessions;
  into.hasPageViews ||= from.hasPageViews;
  into.hasVisitors ||= from.hasVisitors;
  into.hasSessions ||= from.hasSessions;
}

export interface AccumulatorWindows {
  tz: string;
  current: { first: Day; last: Day };
  previous?: { first: Day; last: Day } | undefined;
  /** Days for which a daily bucket is kept (the trend chart). */
  trend: { first: Day; last: Day };
  ticketTargetSeconds: number;
  /** The instant the report is made: a ticket not yet due is not late. */
  nowMs: number;
}

export class KpiAccumulator {
  readonly current = new Bucket();
  readonly previous = new Bucket();
  readonly daily = new Map<Day, Bucket>();
  /*
   * Customers by index, with their first order ever seen in parallel arrays: a million orders'
   * worth of customers in tens of megabytes rather than hundreds.
   */
  private readonly customerIndex = new Map<string, number>();
  private readonly firstAt: number[] = [];
  private readonly firstSource: (string | undefined)[] = [];
  /** (customer, day) of every order in a bucket: new customers are known only at the end. */
  private readonly orderDayCustomer: number[] = [];
  private readonly orderDayDay: Day[] = [];
  ordersRead = 0;
  skippedTestOrders = 0;
  skippedCancelledOrders = 0;
  ticketsNotYetDue = 0;
  unansweredChats = 0;

  constructor(private readonly w: AccumulatorWindows) {}

  private bucketsFor(day: Day): Bucket[] {
    const out: Bucket[] = [];
    if (day >= this.w.current.first && day <= this.w.current.last) out.push(this.current);
    if (this.w.previous && day >= this.w.previous.first && day <= this.w.previous.last) out.push(this.previous);
    if (day >= this.w.trend.first && day <= this.w.trend.last) {
      let b = this.daily.get(day);
      if (!b) {
        b = new Bucket();
        this.daily.set(day, b);
      }
      out.push(b);
    }
    return out;
  }

  addOrder(o: Order): void {
    this.ordersRead++;
    if (o.test) {
      this.skippedTestOrders++;
      return;
    }
    if (o.status === "cancelled") {
      this.skippedCancelledOrders++;
      return;
    }
    const at = o.placedAt.getTime();
    let customer: number | undefined;
    if (o.customerId) {
      customer = this.customerIndex.get(o.customerId);
      if (customer === undefined) {
        customer = this.firstAt.length;
        this.customerIndex.set(o.customerId, customer);
        this.firstAt.push(at);
        this.firstSource.push(o.source);
      } else if (at < (this.firstAt[customer] as number)) {
        this.firstAt[customer] = at;
        this.firstSource[customer] = o.source;
      }
    }
    const day = dayOf(at, this.w.tz);
    const buckets = this.bucketsFor(day);
    if (buckets.length === 0) return;
    if (customer !== undefined) {
      this.orderDayCustomer.push(customer);
      this.orderDayDay.push(day);
    }
    let units = 0;
    for (const line of o.lines) units += line.quantity;
    const paid = PAID_STATUSES.has(o.status);
    const payer: number | string = customer ?? `o:${o.id}`;
    for (const b of buckets) {
      b.orders++;
      b.gmv += o.total;
      b.merchandise += o.subtotal - o.discountTotal;
      b.units += units;
      b.currencies.add(o.currency);
      if (paid) {
        b.paidGmv += o.total;
        b.payingCustomers.add(payer);
        let daySet = b.payingCustomersByDay.get(day);
        if (!daySet) {
          daySet = new PayerSet();
          b.payingCustomersByDay.set(day, daySet);
        }
        daySet.add(payer);
      }
      if (customer !== undefined) b.ordersWithCustomer++;
      if (o.source) {
        b.ordersWithSource++;
        b.revenueBySource.set(o.source, (b.revenueBySource.get(o.source) ?? 0) + o.total);
      }
    }
  }

  addReturn(r: ReturnRecord): void {
    for (const b of this.bucketsFor(dayOf(r.requestedAt, this.w.tz))) {
      b.returns++;
      b.returnedUnits += r.quantity;
      b.returnedValue += r.refundAmount;
      b.currencies.add(r.currency);
    }
    if (r.refundedAt) {
      for (const b of this.bucketsFor(dayOf(r.refundedAt, this.w.tz))) {
        b.refunds += r.refundAmount;
        b.currencies.add(r.currency);
      }
    }
  }

  addTraffic(t: TrafficDay | (Omit<TrafficDay, "source"> & { source: "all" })): void {
    for (const b of this.bucketsFor(t.date)) {
      b.trafficDays.add(t.date);
      const target = t.source === "all" ? b.trafficAllRows : b.trafficSourceRows;
      let d = target.get(t.date);
      if (!d) {
        d = emptyTotals();
        target.set(t.date, d);
      }
      addTotals(d, {
        pageViews: t.pageViews ?? 0,
        visitors: t.visitors ?? 0,
        sessions: t.sessions ?? 0,
        hasPageViews: t.pageViews !== null,
        hasVisitors: t.visitors !== null,
        hasSessions: t.sessions !== null,
      });
      if (t.source === "all") continue;
      let s = b.bySource.get(t.source);
      if (!s) {
        s = { sessions: 0, visitors: 0, hasSessions: false, hasVisitors: false, adSpend: 0, hasAdSpend: false };
        b.bySource.set(t.source, s);
      }
      s.sessions += t.sessions ?? 0;
      s.visitors += t.visitors ?? 0;
      s.hasSessions ||= t.sessions !== null;
      s.hasVisitors ||= t.visitors !== null;
      if (t.adSpend !== null) {
        s.adSpend += t.adSpend;
        s.hasAdSpend = true;
        if (t.currency) b.adCurrencies.add(t.currency);
      }
    }
  }

  /** A shipment delivered at `deliveredAt`, judged on time or late against its courier's SLA. */
  addDelivery(deliveredAt: Date, onTime: boolean): void {
    for (const b of this.bucketsFor(dayOf(deliveredAt.getTime(), this.w.tz))) {
      b.deliveriesJudged++;
      if (onTime) b.deliveriesOnTime++;
    }
  }

  addTicket(t: Ticket): void {
    const created = t.createdAt.getTime();
    const buckets = this.bucketsFor(dayOf(created, this.w.tz));
    if (buckets.length === 0) return;
    const responded = t.firstResponseAt ? (t.firstResponseAt.getTime() - created) / 1000 : null;
    let due = false;
    let within = false;
    if (t.channel !== "chat") {
      if (responded !== null && responded <= this.w.ticketTargetSeconds) {
        due = true;
        within = true;
      } else if (responded !== null || this.w.nowMs - created > this.w.ticketTargetSeconds * 1000) {
        due = true;
      } else {
        this.ticketsNotYetDue++;
      }
    } else if (responded === null) {
      this.unansweredChats++;
    }
    for (const b of buckets) {
      b.conversations++;
      if (t.status === "resolved" || t.status === "closed") b.resolved++;
      if (t.rating !== null) {
        b.ratings++;
        if (t.rating >= 4) b.satisfied++;
      }
      if (t.channel === "chat") {
        b.chats++;
        if (responded !== null) b.chatResponseSeconds.push(responded);
      } else if (due) {
        b.ticketsDue++;
        if (within) b.ticketsWithinTarget++;
      }
    }
  }

  /**
   * Call once every order has been added: attributes new customers to the buckets of their first
   * order (orders may arrive in any order, so this cannot be decided while streaming).
   */
  finish(): void {
    const counted = new Uint8Array(this.firstAt.length);
    for (let i = 0; i < this.orderDayCustomer.length; i++) {
      const customer = this.orderDayCustomer[i] as number;
      const day = this.orderDayDay[i] as Day;
      if (counted[customer] === 1 || dayOf(this.firstAt[customer] as number, this.w.tz) !== day) continue;
      counted[customer] = 1;
      const src = this.firstSource[customer] ?? "unknown";
      for (const b of this.bucketsFor(day)) {
        b.newCustomers++;
        b.newCustomersBySource.set(src, (b.newCustomersBySource.get(src) ?? 0) + 1);
      }
    }
    this.orderDayCustomer.length = 0;
    this.orderDayDay.length = 0;
  }
}
