/**
 * The return-rate audit: one pass over a store's orders, with its returns indexed by order, gives
 * return rates by units, orders and value for any grouping (SKU, variant, product, size, colour,
 * category), reasons in a taxonomy, and the data problems found on the way. Pure: records in,
 * figures out.
 */
import { english, type Message, type MessageId, msg } from "../i18n/index.js";
import type { Order, OrderLine, ReturnRecord } from "../model.js";
import { COURIERS } from "../shipments/couriers.js";
import { dayOf } from "../time.js";
import { type ClassifiedReason, classifyReason, REASON_CATEGORIES, type ReasonCategory, type ReasonRules } from "./reasons.js";
import { wilsonInterval } from "./stats.js";

export const AUDIT_DIMENSIONS = ["sku", "variant", "product", "size", "colour", "category", "reason", "courier"] as const;
export type AuditDimension = (typeof AUDIT_DIMENSIONS)[number];
/** Dimensions a sold line belongs to (reason comes from the returns; courier from the order's shipment). */
export type LineDimension = Exclude<AuditDimension, "reason">;
export const LINE_DIMENSIONS: LineDimension[] = ["sku", "variant", "product", "size", "colour", "category", "courier"];

export type Basis = "cohort" | "period";

export interface AuditSettings {
  tz: string;
  period: { first: string; last: string };
  basis: Basis;
  currency: string;
  rules: ReasonRules;
  /** Which line dimensions to keep groups for. */
  dimensions: LineDimension[];
  /** The courier code of each order's shipment (the first one stored), for the courier dimension. */
  courierOf?: ReadonlyMap<string, string>;
}

export type IssueKind = "unknown_order" | "quantity_above_ordered" | "returned_before_order" | "sku_not_in_order" | "currency_mismatch";

export interface DataIssue {
  kind: IssueKind;
  returnId: string;
  orderId: string;
  sku?: string;
  quantity: number;
  /** English, for the JSON; `text` is the same as a catalog message for the report's language. */
  message: string;
  text: Message;
}

interface GroupAcc {
  label: string;
  productId: string | undefined;
  size: string | undefined;
  unitsSold: number;
  ordersSold: number;
  merchandise: number;
  returnedUnits: number;
  /** Orders with a counted return in this group (each order once: an order's returns arrive together). */
  returnedOrders: number;
  refundValue: number;
  currencies: Set<string>;
  reasons: Map<ReasonCategory, number>;
}

/** The group of lines without a value for the dimension (no size, no stored shipment). */
export const NO_VALUE = "(none)";
const NONE = NO_VALUE;

/**
 * What each line sold for after every discount: its own, plus its share (by value, largest
 * remainder, in whole minor units) of an order-level discount the lines do not carry. The KPI
 * report's merchandise (subtotal − discounts) and the audit's then agree.
 */
/** A return that names no line: a partial refund with no quantity, or a return of an order without lines. */
function isOrderLevel(r: ReturnRecord, o: Order): boolean {
  return r.sku === undefined && (o.lines.length === 0 || (r.quantity === 0 && o.lines.length !== 1));
}

export function lineNetValues(o: Order): number[] {
  const net = o.lines.map((l) => l.unitPrice * l.quantity - l.discount);
  const lineDiscounts = o.lines.reduce((sum, l) => sum + l.discount, 0);
  const extra = o.discountTotal - lineDiscounts;
  const base = net.reduce((sum, v) => sum + v, 0);
  if (extra <= 0 || base <= 0) return net;
  const shares = net.map((v) => (extra * v) / base);
  const floors = shares.map(Math.floor);
  let left = extra - floors.reduce((sum, v) => sum + v, 0);
  const order = shares.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  return net.map((v, i) => v - (floors[i] as number));
}

function optionsText(line: OrderLine): string {
  return line.options
    ? Object.entries(line.options)
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join(", ")
    : "";
}

/**
 * The group a line belongs to. Called for every line and dimension: no label, no objects.
 * `courier` is the courier of the line's order (NONE when it has no stored shipment).
 */
function keyOf(dim: LineDimension, line: OrderLine, courier: string): string {
  switch (dim) {
    case "courier":
      return courier;
    case "sku":
      return line.sku;
    case "variant":
      return `${line.productId ?? line.title ?? line.sku}|${optionsText(line)}`;
    case "product":
      return line.productId ?? line.title ?? line.sku;
    case "size":
      return line.options?.size ?? NONE;
    case "colour":
      return line.options?.colour ?? NONE;
    case "category":
      return line.category ?? NONE;
  }
}

/** A group's label, built once when the group is first met. */
function labelOf(dim: LineDimension, line: OrderLine, key: string): string {
  switch (dim) {
    case "sku":
      return line.title ? `${line.sku} ${line.title}` : line.sku;
    case "variant": {
      const opts = optionsText(line);
      return `${line.title ?? line.productId ?? line.sku}${opts ? ` (${opts})` : ""}`;
    }
    case "product":
      return line.title ? `${key} ${line.title}` : key;
    case "courier":
      return key === NONE ? "(no shipment stored)" : (COURIERS.find((c) => c.code === key)?.nameEn ?? key);
    default:
      return key;
  }
}

function newGroup(label: string, line: OrderLine): GroupAcc {
  return {
    label,
    productId: line.productId ?? line.title,
    size: line.options?.size,
    unitsSold: 0,
    ordersSold: 0,
    merchandise: 0,
    returnedUnits: 0,
    returnedOrders: 0,
    refundValue: 0,
    currencies: new Set(),
    reasons: new Map(),
  };
}

export interface ReasonTotal {
  category: ReasonCategory;
  units: number;
  returns: number;
  decidedBy: { code: number; keyword: number; none: number };
}

export class ReturnsAudit {
  private readonly groups = new Map<LineDimension, Map<string, GroupAcc>>();
  /** Per product, per size: for the size-skew check. */
  private readonly productSizes = new Map<string, Map<string, GroupAcc>>();
  private readonly returnsByOrder = new Map<string, ReturnRecord[]>();
  private readonly unseenOrders = new Set<string>();
  readonly issues: DataIssue[] = [];
  readonly reasonTotals = new Map<ReasonCategory, ReasonTotal>();
  /** Free text no rule matched, with how many returns said it. */
  readonly unmatchedText = new Map<string, number>();
  readonly totals = {
    orders: 0,
    unitsSold: 0,
    merchandise: 0,
    returnedUnits: 0,
    returns: 0,
    refundValue: 0,
    currencies: new Set<string>(),
  };
  private returnedOrders = 0;
  returnsRead = 0;
  ordersRead = 0;
  /** Cancelled (closed) orders that have returns: counted as refunded sales. */
  cancelledWithReturns = 0;

  constructor(private readonly s: AuditSettings) {
    for (const d of s.dimensions) this.groups.set(d, new Map());
  }

  private inPeriod(at: Date): boolean {
    const day = dayOf(at, this.s.tz);
    return day >= this.s.period.first && day <= this.s.period.last;
  }

  /** Every return first (they are few beside orders); then stream the orders. */
  addReturn(r: ReturnRecord): void {
    this.returnsRead++;
    let list = this.returnsByOrder.get(r.orderId);
    if (!list) {
      list = [];
      this.returnsByOrder.set(r.orderId, list);
      this.unseenOrders.add(r.orderId);
    }
    list.push(r);
  }

  private issue(kind: IssueKind, r: ReturnRecord, text: Message): void {
    const i: DataIssue = { kind, returnId: r.id, orderId: r.orderId, quantity: r.quantity, message: english(text), text };
    if (r.sku !== undefined) i.sku = r.sku;
    this.issues.push(i);
  }

  /** Checks an order's returns against it; returns the ones that can be counted, with their line. */
  private validReturns(o: Order, returns: ReturnRecord[]): { r: ReturnRecord; line: OrderLine }[] {
    const ordered = new Map<string, number>();
    for (const l of o.lines) ordered.set(l.sku, (ordered.get(l.sku) ?? 0) + l.quantity);
    const returned = new Map<string, number>();
    const out: { r: ReturnRecord; line: OrderLine }[] = [];
    for (const r of returns) {
      if (r.requestedAt.getTime() < o.placedAt.getTime()) {
        this.issue(
          "returned_before_order",
          r,
          msg("returns.data.before_order", {
            id: r.id,
            date: r.requestedAt.toISOString(),
            order: o.id,
            placed: o.placedAt.toISOString(),
          }),
        );
        continue;
      }
      if (r.currency !== o.currency) {
        this.issue(
          "currency_mismatch",
          r,
          msg("returns.data.currency", { id: r.id, currency: r.currency, order: o.id, orderCurrency: o.currency }),
        );
        continue;
      }
      const line = r.sku !== undefined ? o.lines.find((l) => l.sku === r.sku) : o.lines.length === 1 ? o.lines[0] : undefined;
      if (!line) {
        this.issue(
          "sku_not_in_order",
          r,
          r.sku !== undefined
            ? msg("returns.data.sku_not_in_order", { id: r.id, sku: r.sku, order: o.id })
            : msg("returns.data.no_sku", { id: r.id, order: o.id, lines: String(o.lines.length) }),
        );
        continue;
      }
      const already = returned.get(line.sku) ?? 0;
      const limit = ordered.get(line.sku) ?? 0;
      if (already + r.quantity > limit) {
        this.issue(
          "quantity_above_ordered",
          r,
          msg("returns.data.above_ordered", {
            id: r.id,
            sku: line.sku,
            order: o.id,
            total: String(already + r.quantity),
            ordered: String(limit),
          }),
        );
        continue;
      }
      returned.set(line.sku, already + r.quantity);
      out.push({ r, line });
    }
    return out;
  }

  addOrder(o: Order): void {
    this.ordersRead++;
    const returns = this.returnsByOrder.get(o.id);
    if (returns) this.unseenOrders.delete(o.id);
    if (o.test) return;
    // Taobao closes a trade (交易关闭 -> cancelled) after a full refund: a return proves the order
    // was paid, so such an order counts as refunded sales rather than vanishing with its returns.
    const cancelled = o.status === "cancelled" && !returns;
    if (o.status === "cancelled" && returns && this.inPeriod(o.placedAt)) this.cancelledWithReturns++;
    const counted = !cancelled && this.inPeriod(o.placedAt);
    if (counted) this.addSales(o);
    if (!returns) return;
    // Order-level refunds (an export's refunded amount, an order without lines) say no line: they
    // count in the store's totals, as the KPI report counts them, and in no group.
    const orderLevel = returns.filter((r) => isOrderLevel(r, o));
    for (const r of orderLevel) {
      if (!(this.s.basis === "cohort" ? counted : this.inPeriod(r.requestedAt))) continue;
      this.countReason(classifyReason(r.reason, r.reasonCode, this.s.rules), r);
      this.totals.returns++;
      this.totals.returnedUnits += r.quantity;
      this.totals.refundValue += r.refundAmount;
      this.totals.currencies.add(r.currency);
    }
    const valid = this.validReturns(o, orderLevel.length > 0 ? returns.filter((r) => !orderLevel.includes(r)) : returns);
    // All of an order's returns are counted here, together: distinct returned orders need no set.
    const groupsHit = new Set<GroupAcc>();
    let any = orderLevel.length > 0 && (this.s.basis === "cohort" ? counted : orderLevel.some((r) => this.inPeriod(r.requestedAt)));
    for (const { r, line } of valid) {
      const countIt = this.s.basis === "cohort" ? counted : this.inPeriod(r.requestedAt);
      if (countIt) {
        this.addCountedReturn(r, line, groupsHit);
        any = true;
      }
    }
    if (any) this.returnedOrders++;
    for (const g of groupsHit) g.returnedOrders++;
  }

  private addSales(o: Order): void {
    this.totals.orders++;
    this.totals.currencies.add(o.currency);
    // An order without lines (an order-level export) still has a sales value, as in the KPI report.
    if (o.lines.length === 0) this.totals.merchandise += o.subtotal - o.discountTotal;
    const net = lineNetValues(o);
    const lines = o.lines;
    const courier = this.courierOf(o.id);
    for (const [dim, groups] of this.groups) {
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as OrderLine;
        const key = keyOf(dim, line, courier);
        let g = groups.get(key);
        if (!g) {
          g = newGroup(labelOf(dim, line, key), line);
          groups.set(key, g);
        }
        g.unitsSold += line.quantity;
        g.merchandise += net[i] as number;
        g.currencies.add(o.currency);
        // Count the order once per group; orders have a handful of lines, so a scan beats a Set.
        let first = true;
        for (let j = 0; j < i; j++) if (keyOf(dim, lines[j] as OrderLine, courier) === key) first = false;
        if (first) g.ordersSold++;
      }
    }
    for (const [i, line] of o.lines.entries()) {
      this.totals.unitsSold += line.quantity;
      this.totals.merchandise += net[i] as number;
      const ps = this.productSize(line);
      if (ps) {
        ps.unitsSold += line.quantity;
        ps.merchandise += net[i] as number;
      }
    }
  }

  private courierOf(orderId: string): string {
    return this.s.courierOf?.get(orderId) ?? NONE;
  }

  private productSize(line: OrderLine): GroupAcc | undefined {
    const product = line.productId ?? line.title;
    const size = line.options?.size;
    if (!product || !size) return undefined;
    let sizes = this.productSizes.get(product);
    if (!sizes) {
      sizes = new Map();
      this.productSizes.set(product, sizes);
    }
    let g = sizes.get(size);
    if (!g) {
      g = newGroup(line.title ?? product, line);
      sizes.set(size, g);
    }
    return g;
  }

  private addCountedReturn(r: ReturnRecord, line: OrderLine, groupsHit: Set<GroupAcc>): void {
    const reason = classifyReason(r.reason, r.reasonCode, this.s.rules);
    this.countReason(reason, r);
    this.totals.returns++;
    this.totals.returnedUnits += r.quantity;
    this.totals.refundValue += r.refundAmount;
    this.totals.currencies.add(r.currency);
    const apply = (g: GroupAcc) => {
      g.returnedUnits += r.quantity;
      groupsHit.add(g);
      g.refundValue += r.refundAmount;
      g.currencies.add(r.currency);
      g.reasons.set(reason.category, (g.reasons.get(reason.category) ?? 0) + r.quantity);
    };
    const courier = this.courierOf(r.orderId);
    for (const [dim, groups] of this.groups) {
      const key = keyOf(dim, line, courier);
      let g = groups.get(key);
      if (!g) {
        // Period basis: the order was placed before the period, so its group may have no sales here.
        g = newGroup(labelOf(dim, line, key), line);
        groups.set(key, g);
      }
      apply(g);
    }
    const ps = this.productSize(line);
    if (ps) apply(ps);
  }

  private countReason(reason: ClassifiedReason, r: ReturnRecord): void {
    let t = this.reasonTotals.get(reason.category);
    if (!t) {
      t = { category: reason.category, units: 0, returns: 0, decidedBy: { code: 0, keyword: 0, none: 0 } };
      this.reasonTotals.set(reason.category, t);
    }
    t.units += r.quantity;
    t.returns++;
    t.decidedBy[reason.by]++;
    if (reason.by === "none" && r.reason) {
      const text = r.reason.trim();
      this.unmatchedText.set(text, (this.unmatchedText.get(text) ?? 0) + 1);
    }
  }

  /** Call once every order has been added: returns whose order never appeared are reported. */
  finish(): void {
    for (const orderId of this.unseenOrders) {
      for (const r of this.returnsByOrder.get(orderId) ?? []) {
        this.issue("unknown_order", r, msg("returns.data.unknown_order", { id: r.id, order: orderId }));
      }
    }
    this.unseenOrders.clear();
  }

  get returnedOrderCount(): number {
    return this.returnedOrders;
  }

  groupsOf(dim: LineDimension): Map<string, GroupAcc> {
    return this.groups.get(dim) ?? new Map();
  }

  sizesByProduct(): Map<string, Map<string, GroupAcc>> {
    return this.productSizes;
  }
}

export type GroupStatus = "breach" | "watch" | "ok" | "low_volume";

export interface GroupRow {
  key: string;
  label: string;
  unitsSold: number;
  ordersSold: number;
  returnedUnits: number;
  returnedOrders: number;
  merchandise: number;
  refundValue: number;
  rateUnits: number | null;
  rateOrders: number | null;
  /** null when the group mixes currencies or has no sales value. */
  rateValue: number | null;
  /** 95% Wilson interval of the units rate. */
  low: number | null;
  high: number | null;
  status: GroupStatus;
  topReason: { category: ReasonCategory; share: number } | null;
}

export interface FlagSettings {
  threshold: number;
  minUnits: number;
  /** A size is skewed when its rate is at least this many times the product's other sizes. */
  sizeSkewRatio: number;
  /** A reason is concentrated when it is at least this share of a group's returned units. */
  reasonShare: number;
}

function topReason(reasons: Map<ReasonCategory, number>, total: number): GroupRow["topReason"] {
  let best: ReasonCategory | undefined;
  let units = 0;
  for (const [c, n] of reasons) {
    if (n > units) {
      best = c;
      units = n;
    }
  }
  return best && total > 0 ? { category: best, share: units / total } : null;
}

export function groupRow(key: string, g: GroupAcc, f: FlagSettings): GroupRow {
  const rateUnits = g.unitsSold > 0 ? g.returnedUnits / g.unitsSold : null;
  const interval = g.unitsSold > 0 ? wilsonInterval(Math.min(g.returnedUnits, g.unitsSold), g.unitsSold) : null;
  let status: GroupStatus = "ok";
  if (g.unitsSold < f.minUnits) status = "low_volume";
  else if (interval && interval.low > f.threshold) status = "breach";
  else if (rateUnits !== null && rateUnits > f.threshold) status = "watch";
  return {
    key,
    label: g.label,
    unitsSold: g.unitsSold,
    ordersSold: g.ordersSold,
    returnedUnits: g.returnedUnits,
    returnedOrders: g.returnedOrders,
    merchandise: g.merchandise,
    refundValue: g.refundValue,
    rateUnits,
    rateOrders: g.ordersSold > 0 ? g.returnedOrders / g.ordersSold : null,
    rateValue: g.currencies.size > 1 || g.merchandise <= 0 ? null : g.refundValue / g.merchandise,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    status,
    topReason: topReason(g.reasons, g.returnedUnits),
  };
}

export type FlagKind = "high_return_rate" | "size_skew" | "reason_concentration";

export interface Flag {
  kind: FlagKind;
  dimension: string;
  key: string;
  label: string;
  /** English; `text` is the same as a catalog message for the report's language. */
  message: string;
  advice: string;
  text: Message;
  adviceText: Message;
  /** null where a figure is unbounded (a size returned while the other sizes are not). */
  figures: Record<string, number | null>;
}

const SIZE_REASONS: ReasonCategory[] = ["too_small", "too_large", "size_unspecified"];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Findings: groups whose return rate is above the threshold beyond doubt, and why. */
export function highRateFlags(dim: LineDimension, rows: GroupRow[], f: FlagSettings): Flag[] {
  const flags: Flag[] = [];
  for (const r of rows) {
    if (r.status !== "breach" || r.rateUnits === null || r.low === null) continue;
    const reason = r.topReason;
    const mixed = reason !== null && reason !== undefined && reason.share < f.reasonShare;
    const why = reason
      ? msg(mixed ? "returns.flag.why_mixed" : "returns.flag.why", {
          share: pct(reason.share),
          reason: msg(`returns.reason_lc.${reason.category}`),
        })
      : "";
    const adviceText = reason && reason.category !== "other" ? msg(`returns.advice.${reason.category}`) : msg("returns.advice.general");
    const text = msg("returns.flag.high_rate", {
      dim: msg(`returns.dim.${dim}` as MessageId),
      label: r.label,
      rate: pct(r.rateUnits),
      returned: String(r.returnedUnits),
      sold: String(r.unitsSold),
      low: pct(r.low),
      threshold: pct(f.threshold),
      why,
      advice: adviceText,
    });
    flags.push({
      kind: "high_return_rate",
      dimension: dim,
      key: r.key,
      label: r.label,
      message: english(text),
      advice: english(adviceText),
      text,
      adviceText,
      figures: {
        rate: r.rateUnits,
        low: r.low,
        high: r.high ?? r.rateUnits,
        unitsSold: r.unitsSold,
        returnedUnits: r.returnedUnits,
        threshold: f.threshold,
      },
    });
  }
  return flags;
}

/** Sizes of a product returned far more than the product's other sizes: the size chart. */
export function sizeSkewFlags(audit: ReturnsAudit, f: FlagSettings): Flag[] {
  const flags: Flag[] = [];
  for (const [product, sizes] of audit.sizesByProduct()) {
    if (sizes.size < 2) continue;
    let soldAll = 0;
    let returnedAll = 0;
    for (const g of sizes.values()) {
      soldAll += g.unitsSold;
      returnedAll += g.returnedUnits;
    }
    for (const [size, g] of sizes) {
      if (g.unitsSold < f.minUnits) continue;
      const restSold = soldAll - g.unitsSold;
      const restReturned = returnedAll - g.returnedUnits;
      if (restSold < f.minUnits || g.returnedUnits === 0) continue;
      const rate = g.returnedUnits / g.unitsSold;
      const rest = restReturned / restSold;
      // The other sizes may have no returns at all: the most extreme skew, not a case to skip.
      const ratio = rest > 0 ? rate / rest : Number.POSITIVE_INFINITY;
      // Beyond doubt: the size's 95% interval lies wholly above the other sizes' interval.
      const { low } = wilsonInterval(Math.min(g.returnedUnits, g.unitsSold), g.unitsSold);
      const { high: restHigh } = wilsonInterval(Math.min(restReturned, restSold), restSold);
      if (ratio < f.sizeSkewRatio || low <= restHigh) continue;
      let sizeUnits = 0;
      for (const c of SIZE_REASONS) sizeUnits += g.reasons.get(c) ?? 0;
      const sizeShare = g.returnedUnits > 0 ? sizeUnits / g.returnedUnits : 0;
      const top = topReason(g.reasons, g.returnedUnits);
      // The advice follows what customers said: a size chart problem only when they speak of size.
      const adviceText =
        sizeShare >= 0.4 || !top
          ? msg("returns.advice.too_small")
          : msg("returns.flag.size_advice_other", {
              advice: msg(`returns.advice.${top.category}`),
              reason: msg(`returns.reason_lc.${top.category}`),
            });
      const said = sizeUnits > 0 ? msg("returns.flag.size_said", { share: pct(sizeShare) }) : "";
      const params = { size, label: g.label, product, rate: pct(rate), rest: pct(rest), said, advice: adviceText };
      const text = Number.isFinite(ratio)
        ? msg("returns.flag.size_skew", { ...params, ratio: ratio.toFixed(1) })
        : msg("returns.flag.size_skew_alone", params);
      flags.push({
        kind: "size_skew",
        dimension: "size",
        key: `${product}|${size}`,
        label: `${g.label} (${product}) size ${size}`,
        message: english(text),
        advice: english(adviceText),
        text,
        adviceText,
        figures: {
          rate,
          otherSizesRate: rest,
          ratio: Number.isFinite(ratio) ? ratio : null,
          unitsSold: g.unitsSold,
          returnedUnits: g.returnedUnits,
          sizeReasonShare: sizeShare,
        },
      });
    }
  }
  const key = (f: Flag) => f.figures.ratio ?? Number.POSITIVE_INFINITY;
  return flags.sort((a, b) => (key(b) === key(a) ? 0 : key(b) > key(a) ? 1 : -1));
}

/** One reason making up most of the returns (store-wide, or of a flagged group). */
export function reasonConcentrationFlags(
  scope: { dimension: string; key: string; label: string; text?: Message },
  reasons: Map<ReasonCategory, number>,
  returnedUnits: number,
  f: FlagSettings,
): Flag[] {
  const top = topReason(reasons, returnedUnits);
  if (!top || top.category === "other" || top.share < f.reasonShare || returnedUnits < f.minUnits / 3) return [];
  const adviceText = msg(`returns.advice.${top.category}`);
  const text = msg("returns.flag.reason", {
    label: scope.text ?? scope.label,
    share: pct(top.share),
    reason: msg(`returns.reason_lc.${top.category}`),
    advice: adviceText,
  });
  return [
    {
      kind: "reason_concentration",
      dimension: scope.dimension,
      key: scope.key,
      label: scope.label,
      message: english(text),
      advice: english(adviceText),
      text,
      adviceText,
      figures: { share: top.share, returnedUnits },
    },
  ];
}

export function reasonMap(totals: Map<ReasonCategory, ReasonTotal>): Map<ReasonCategory, number> {
  const m = new Map<ReasonCategory, number>();
  for (const c of REASON_CATEGORIES) {
    const t = totals.get(c);
    if (t) m.set(c, t.units);
  }
  return m;
}

export function groupReasons(audit: ReturnsAudit, dim: LineDimension, key: string): Map<ReasonCategory, number> {
  return audit.groupsOf(dim).get(key)?.reasons ?? new Map();
}
