/**
 * The normalized shipment status model (reference/couriers.md §6) and the rules that keep a
 * shipment's history sane: events merged without duplicates and kept oldest first, the status
 * taken from the latest event, and a delivered parcel never sliding back to "in transit" because a
 * provider re-sent an old scan. Only an explicit return flow (returning, returned) follows delivered.
 *
 * The adapters' contract (src/adapters/courier.ts) re-exports this list: one model everywhere.
 */

export const SHIPMENT_STATUSES = [
  "pending",
  "info_received",
  "in_transit",
  "out_for_delivery",
  "available_for_pickup",
  "failed_attempt",
  "exception",
  "returning",
  "returned",
  "delivered",
  "expired",
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

/**
 * How far along the journey a status is, for sorting and summaries: pending 0, info_received 1,
 * in_transit 2, the last-mile states 3 (out_for_delivery, available_for_pickup, failed_attempt,
 * exception), the return flow 4-5, delivered 6, expired 7 (tracking gave up).
 */
export const STATUS_RANK: Readonly<Record<ShipmentStatus, number>> = {
  pending: 0,
  info_received: 1,
  in_transit: 2,
  out_for_delivery: 3,
  available_for_pickup: 3,
  failed_attempt: 3,
  exception: 3,
  returning: 4,
  returned: 5,
  delivered: 6,
  expired: 7,
};

export function statusRank(status: ShipmentStatus): number {
  return STATUS_RANK[status];
}

const CLOSED: ReadonlySet<ShipmentStatus> = new Set(["delivered", "returned", "expired"]);

/** Still worth tracking: not delivered, returned or expired. */
export function isOpen(status: ShipmentStatus): boolean {
  return !CLOSED.has(status);
}

/** Same shape as TrackingEvent in src/adapters/courier.ts. */
export interface ShipmentEvent {
  at: Date;
  status: ShipmentStatus;
  description: string;
  location?: string;
  rawStatus?: string;
}

function eventKey(e: ShipmentEvent): string {
  return `${e.at.getTime()}\u0000${e.description.trim()}`;
}

/**
 * Known events plus newly fetched ones: duplicates (same time and description; providers re-send
 * whole histories and webhooks repeat) dropped, the first copy kept, oldest first. Events at the
 * same instant keep their arrival order.
 */
export function mergeEvents(existing: readonly ShipmentEvent[], incoming: readonly ShipmentEvent[]): ShipmentEvent[] {
  const seen = new Set<string>();
  const merged: ShipmentEvent[] = [];
  for (const e of [...existing, ...incoming]) {
    if (Number.isNaN(e.at.getTime())) continue;
    const key = eventKey(e);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(e);
  }
  // Array.prototype.sort is stable: ties keep arrival order.
  return merged.sort((a, b) => a.at.getTime() - b.at.getTime());
}

const RETURN_FLOW: ReadonlySet<ShipmentStatus> = new Set(["returning", "returned"]);

/** The status after `next` is reported to a shipment in `current`: delivered yields only to a return. */
export function nextStatus(current: ShipmentStatus, next: ShipmentStatus): ShipmentStatus {
  if (current === "delivered" && !RETURN_FLOW.has(next)) return "delivered";
  return next;
}

/**
 * The status a history says, oldest first: the latest event wins, except that nothing but a
 * return flow follows delivered (here or in `previous`, the stored status). No events: `previous`,
 * or pending.
 */
export function deriveStatus(events: readonly ShipmentEvent[], previous?: ShipmentStatus): ShipmentStatus {
  let status: ShipmentStatus = previous ?? "pending";
  for (const e of events) status = nextStatus(status, e.status);
  return status;
}

export interface ShipmentTimes {
  /** First carrier scan: the first event past pending / info_received. */
  firstScanAt?: Date;
  lastEventAt?: Date;
  /** First delivered event. */
  deliveredAt?: Date;
}

/** The instants the SLA rules need, from a history sorted oldest first. */
export function shipmentTimes(events: readonly ShipmentEvent[]): ShipmentTimes {
  const times: ShipmentTimes = {};
  for (const e of events) {
    if (!times.firstScanAt && e.status !== "pending" && e.status !== "info_received") times.firstScanAt = e.at;
    if (!times.deliveredAt && e.status === "delivered") times.deliveredAt = e.at;
  }
  const last = events[events.length - 1];
  if (last) times.lastEventAt = last.at;
  return times;
}

// Status words in event text, for providers (and spreadsheets) that give no code. Order matters:
// the first rule that matches wins, so "退回签收" is a return and "派送失败" a failed attempt, not
// out for delivery, and "待揽收" (waiting for pick-up) is no pick-up. Chinese first (zh-Hans and zh-Hant), then English.
const TEXT_RULES: readonly [RegExp, ShipmentStatus][] = [
  [/退签|已退回|退回签收|退件签收|退回成功|returned to (sender|shipper)|^returned$/i, "returned"],
  [/退回|退件|返回寄件|退货中|return(ing|ed)? to sender|^returning$|being returned/i, "returning"],
  [/拒收|拒签|異常|异常|破损|破損|丢失|遺失|遗失|问题件|問題件|滞留|滯留|exception|damaged|lost|refused|rejected/i, "exception"],
  [
    /投递失败|投遞失敗|派送失败|派送失敗|派件失败|未妥投|无法联系|無法聯繫|failed attempt|delivery fail|attempt fail|undeliverable|failure/i,
    "failed_attempt",
  ],
  [/已签收|已簽收|签收|簽收|妥投|已送达|已送達|delivered/i, "delivered"],
  [
    /待取件|待取|驿站|驛站|快递柜|快遞櫃|丰巢|豐巢|自提|available for pick ?up|ready for pick ?up|pick ?up point|parcel locker/i,
    "available_for_pickup",
  ],
  [/派送中|派件中|派件|派送|投递中|投遞中|out for delivery|on vehicle for delivery/i, "out_for_delivery"],
  [
    /已下单|已下單|待揽收|待攬收|已打单|电子面单|label created|info(rmation)? received|shipment information|order processed|pre-?shipment/i,
    "info_received",
  ],
  [
    /运输中|運輸中|在途|到达|到達|离开|離開|发往|發往|中转|中轉|转运|轉運|清关|清關|分拣|分揀|已揽收|已攬收|揽收|攬收|揽件|攬件|收件|已收寄|in transit|transit|arrived|departed|picked up|pickup scan|customs|processed|sorting|shipped/i,
    "in_transit",
  ],
  [/超时|超時|停止跟踪|expired/i, "expired"],
  [/待处理|查无|查無|no (tracking )?information|not found|pending/i, "pending"],
];

/**
 * A status from words ("已签收", "派送中", "Out for delivery", or one of our own status names),
 * or undefined when no rule matches. A fallback for providers and sheets without codes.
 */
export function statusFromText(text: string): ShipmentStatus | undefined {
  const t = text.normalize("NFKC").trim();
  if (t === "") return undefined;
  const lowered = t.toLowerCase().replace(/[\s-]+/g, "_");
  if (isShipmentStatus(lowered)) return lowered;
  if (lowered === "picked_up" || lowered === "customs") return "in_transit";
  if (lowered === "delivery_failed") return "failed_attempt";
  if (lowered === "not_found") return "pending";
  for (const [pattern, status] of TEXT_RULES) if (pattern.test(t)) return status;
  return undefined;
}
