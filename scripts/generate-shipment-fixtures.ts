/**
 * Writes the demo store's shipments (`npx tsx scripts/generate-shipment-fixtures.ts`):
 *
 * - fixtures/demo-store/shipments.csv: one parcel per sampled fulfilled order of the last 20 days
 *   (order_id, courier, tracking_number, label_at, shipped_at, destination);
 * - fixtures/demo-store/tracking-events.csv: the courier events of every parcel up to the demo's
 *   end (2026-11-25 00:00 Asia/Shanghai), what the `file` courier reads;
 * - fixtures/shipments/: warehouse sheets for `shipments import` (Chinese CSV, English xlsx) and one
 *   small sheet per bad input, and EXPECTED.json.
 *
 * Delays are planted on purpose and disjoint, each breaking exactly one SLA rule at the demo's end
 * under the built-in domestic defaults (first scan 24 h, delivery 5 days, stuck 48 h): SF and ZTO
 * parcels never scanned 32-89 h after their label, SF and ZTO parcels first scanned 28-40 h after
 * it (then delivered on time), parcels silent for more than 72 h in transit, and parcels delivered
 * 6-9 days after shipping. Every other parcel keeps its events at most ~20 h apart and is delivered
 * within 3.5 days. EXPECTED.json states these counts from the generator's intent, never by running
 * merchops' own SLA code: it is the oracle the tests and `shipments sync` are checked against.
 * Seeded, no clock: the same bytes every run.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { COURIERS, type CourierCode, courierDisplayName } from "../src/core/shipments/couriers.js";
import { workbook, xlsxBytes } from "./generate-catalog-fixtures.js";
import { Rng } from "./lib/demo-data.js";

const ROOT = resolve(import.meta.dirname, "..");
const SEED = 20261126;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR; // Asia/Shanghai, no daylight saving
/** The demo's end (manifest endDate 2026-11-24, end of day in Asia/Shanghai): the instant the figures hold at. */
export const AS_OF = Date.parse("2026-11-25T00:00:00+08:00");
const WINDOW_START = AS_OF - 20 * DAY;
/** Share of the window's other fulfilled orders that get a tracked parcel (keeps the fixture small). */
const SAMPLE = 0.12;
/** The SLA limits the planted delays are designed against (core DEFAULT_SLA, restated: the oracle must not import it). */
const SLA = { firstScanHours: 24, deliveryDays: 5, stuckHours: 48 };

const NAME_ZH = new Map(COURIERS.map((c) => [c.code, c.nameZh]));

const REGIONS: { province: string; city: string; en: string; weight: number }[] = [
  { province: "广东省", city: "广州", en: "Guangdong", weight: 16 },
  { province: "浙江省", city: "杭州", en: "Zhejiang", weight: 12 },
  { province: "江苏省", city: "南京", en: "Jiangsu", weight: 11 },
  { province: "上海市", city: "上海", en: "Shanghai", weight: 9 },
  { province: "北京市", city: "北京", en: "Beijing", weight: 8 },
  { province: "四川省", city: "成都", en: "Sichuan", weight: 6 },
  { province: "湖北省", city: "武汉", en: "Hubei", weight: 5 },
  { province: "山东省", city: "济南", en: "Shandong", weight: 6 },
  { province: "福建省", city: "福州", en: "Fujian", weight: 5 },
  { province: "河南省", city: "郑州", en: "Henan", weight: 4 },
  { province: "湖南省", city: "长沙", en: "Hunan", weight: 4 },
  { province: "陕西省", city: "西安", en: "Shaanxi", weight: 3 },
  { province: "重庆市", city: "重庆", en: "Chongqing", weight: 3 },
  { province: "辽宁省", city: "沈阳", en: "Liaoning", weight: 3 },
  { province: "云南省", city: "昆明", en: "Yunnan", weight: 2 },
  { province: "新疆维吾尔自治区", city: "乌鲁木齐", en: "Xinjiang", weight: 1 },
];
const HUBS = ["杭州", "上海", "南京", "武汉", "郑州", "广州", "长沙", "济南"];
const ORIGIN = "杭州";

const COURIER_WEIGHTS: [CourierCode, number][] = [
  ["sf", 28],
  ["zto", 20],
  ["yto", 12],
  ["sto", 10],
  ["yunda", 10],
  ["jd", 8],
  ["ems", 5],
  ["jtexpress", 5],
  ["deppon", 2],
];

function weightedPick<T>(rng: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.float() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items[items.length - 1] as [T, number])[0];
}

// --- Tracking numbers, each in its courier's format (core/shipments/tracking-numbers.ts checks it) ---

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join("");

function trackingNumber(rng: Rng, courier: CourierCode): string {
  switch (courier) {
    case "sf":
      return `SF${rng.int(1, 9)}${digits(rng, 12)}`;
    case "zto":
      return `7${rng.pick([3, 4, 5, 6, 8])}${digits(rng, 12)}`;
    case "yto":
      return `YT${rng.int(1, 9)}${digits(rng, 12)}`;
    case "sto":
      return `77${digits(rng, 13)}`;
    case "yunda":
      return `4${digits(rng, 14)}`;
    case "jd":
      return `JDX${digits(rng, 12)}`;
    case "ems":
      return `${rng.pick(["10", "11", "50", "97"])}${digits(rng, 11)}`;
    case "jtexpress":
      return `JT${rng.int(1, 9)}${digits(rng, 12)}`;
    case "deppon":
      return `DPK${rng.int(1, 9)}${digits(rng, 11)}`;
    default:
      throw new Error(`no number format for ${courier}`);
  }
}

const usedNumbers = new Set<string>();
function uniqueNumber(rng: Rng, courier: CourierCode): string {
  for (;;) {
    const n = trackingNumber(rng, courier);
    if (!usedNumbers.has(n)) {
      usedNumbers.add(n);
      return n;
    }
  }
}

// --- Time formats -------------------------------------------------------------------------------------

const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
/** "2026-11-20T10:05:09+08:00" */
const isoLocal = (ms: number) => `${new Date(toSecond(ms) + OFFSET).toISOString().slice(0, 19)}+08:00`;
/** "2026-11-20 10:05:09": how couriers' portals export times (no offset, Asia/Shanghai). */
const wallLocal = (ms: number) => new Date(toSecond(ms) + OFFSET).toISOString().slice(0, 19).replace("T", " ");

// --- Parcels ------------------------------------------------------------------------------------------

type Status =
  | "info_received"
  | "in_transit"
  | "out_for_delivery"
  | "available_for_pickup"
  | "exception"
  | "returning"
  | "returned"
  | "delivered";
type Kind = "ok" | "notScanned" | "firstScanLate" | "stuck" | "deliveredLate" | "returned";

interface PlannedEvent {
  at: number;
  status: Status;
  statusText: string;
  description: string;
  location: string;
}

interface Parcel {
  orderId: string;
  courier: CourierCode;
  number: string;
  labelAt: number;
  shippedAt: number;
  region: (typeof REGIONS)[number];
  kind: Kind;
  events: PlannedEvent[];
}

const STATUS_TEXT: Record<Status, string> = {
  info_received: "已下单",
  in_transit: "运输中",
  out_for_delivery: "派送中",
  available_for_pickup: "待取件",
  exception: "拒收",
  returning: "退回中",
  returned: "退回签收",
  delivered: "已签收",
};

function event(at: number, status: Status, description: string, location: string, statusText = STATUS_TEXT[status]): PlannedEvent {
  return { at: toSecond(at), status, statusText, description, location };
}

/** Transit scans between two instants, at most `maxGapHours` apart. */
function transits(rng: Rng, from: number, to: number, dest: string, maxGapHours = 16): PlannedEvent[] {
  const span = to - from;
  const n = Math.max(1, Math.ceil(span / (maxGapHours * HOUR)));
  const out: PlannedEvent[] = [];
  let hub = ORIGIN;
  for (let i = 1; i <= n; i++) {
    const at = from + (span * i) / (n + 1) + rng.uniform(-1.5, 1.5) * HOUR;
    const next = i === n ? dest : rng.pick(HUBS.filter((h) => h !== hub));
    out.push(
      i % 2 === 1
        ? event(at, "in_transit", `快件已从【${hub}】发出，下一站【${next}转运中心】`, hub)
        : event(at, "in_transit", `快件已到达【${next}转运中心】`, next),
    );
    hub = next;
  }
  return out;
}

function labelled(at: number): PlannedEvent {
  return event(at, "info_received", "商家已打单，等待快递员揽收", ORIGIN);
}
function pickedUp(at: number, courier: CourierCode): PlannedEvent {
  return event(at, "in_transit", `【${ORIGIN}】${NAME_ZH.get(courier)}快递员已揽收`, ORIGIN, "已揽收");
}

function deliveryLeg(rng: Rng, firstScan: number, deliveredAt: number, courier: CourierCode, city: string): PlannedEvent[] {
  const out: PlannedEvent[] = [pickedUp(firstScan, courier)];
  if (rng.chance(0.1)) {
    const ready = deliveredAt - rng.uniform(6, 18) * HOUR;
    out.push(...transits(rng, firstScan, ready, city));
    out.push(event(ready, "available_for_pickup", `快件已放至【${city}】菜鸟驿站，请及时取件`, city));
    out.push(event(deliveredAt, "delivered", "快件已取出，已签收", city));
  } else {
    const outAt = deliveredAt - rng.uniform(2, 6) * HOUR;
    out.push(...transits(rng, firstScan, outAt, city));
    out.push(event(outAt, "out_for_delivery", `快件已到达【${city}】，正在派送`, city));
    out.push(event(deliveredAt, "delivered", "快件已签收，签收人：本人", city));
  }
  return out;
}

function plan(rng: Rng, orderId: string, placedAt: number, courier: CourierCode, kind: Kind): Parcel | undefined {
  const region = weightedPick(
    rng,
    REGIONS.map((r) => [r, r.weight]),
  );
  const city = region.city;
  let labelAt: number;
  let shippedAt: number;
  let events: PlannedEvent[];
  switch (kind) {
    case "ok": {
      labelAt = placedAt + rng.uniform(1, 20) * HOUR;
      if (labelAt > AS_OF - 0.5 * HOUR) return undefined; // not shipped by the demo's end
      shippedAt = labelAt + rng.uniform(0.5, 2) * HOUR;
      const firstScan = Math.max(labelAt + rng.uniform(2, 12) * HOUR, shippedAt + 0.5 * HOUR);
      const deliveredAt = shippedAt + (courier === "sf" ? rng.uniform(1, 2.5) : rng.uniform(1.5, 3.5)) * DAY;
      events = [labelled(labelAt), ...deliveryLeg(rng, firstScan, deliveredAt, courier, city)];
      break;
    }
    case "notScanned": {
      labelAt = placedAt + rng.uniform(1, 8) * HOUR;
      shippedAt = labelAt + rng.uniform(0.5, 2) * HOUR;
      events = [labelled(labelAt)];
      break;
    }
    case "firstScanLate": {
      labelAt = placedAt + rng.uniform(1, 8) * HOUR;
      shippedAt = labelAt + rng.uniform(0.5, 2) * HOUR;
      const firstScan = labelAt + rng.uniform(28, 40) * HOUR;
      const deliveredAt = firstScan + rng.uniform(1.2, 2) * DAY;
      events = [labelled(labelAt), ...deliveryLeg(rng, firstScan, deliveredAt, courier, city)];
      break;
    }
    case "stuck": {
      labelAt = placedAt + rng.uniform(1, 3) * HOUR;
      shippedAt = labelAt + rng.uniform(0.5, 2) * HOUR;
      let at = Math.max(labelAt + rng.uniform(2, 6) * HOUR, shippedAt + 0.25 * HOUR);
      events = [labelled(labelAt), pickedUp(at, courier)];
      const hops = rng.int(1, 2);
      for (let i = 0; i < hops; i++) {
        at += rng.uniform(3, 6) * HOUR;
        const hub = HUBS[(i + 1) % HUBS.length] as string;
        events.push(event(at, "in_transit", `快件已到达【${hub}转运中心】`, hub));
      }
      break;
    }
    case "deliveredLate": {
      labelAt = placedAt + rng.uniform(1, 8) * HOUR;
      shippedAt = labelAt + rng.uniform(0.5, 2) * HOUR;
      const firstScan = Math.max(labelAt + rng.uniform(2, 10) * HOUR, shippedAt + 0.5 * HOUR);
      const deliveredAt = shippedAt + rng.uniform(6, 9) * DAY;
      events = [labelled(labelAt), ...deliveryLeg(rng, firstScan, deliveredAt, courier, city)];
      break;
    }
    case "returned": {
      labelAt = placedAt + rng.uniform(1, 8) * HOUR;
      shippedAt = labelAt + rng.uniform(0.5, 2) * HOUR;
      const firstScan = Math.max(labelAt + rng.uniform(2, 10) * HOUR, shippedAt + 0.5 * HOUR);
      const outAt = firstScan + rng.uniform(30, 48) * HOUR;
      const refused = outAt + rng.uniform(1, 4) * HOUR;
      const back = refused + rng.uniform(2, 8) * HOUR;
      const returnedAt = back + rng.uniform(2, 4) * DAY;
      events = [
        labelled(labelAt),
        pickedUp(firstScan, courier),
        ...transits(rng, firstScan, outAt, city),
        event(outAt, "out_for_delivery", `快件已到达【${city}】，正在派送`, city),
        event(refused, "exception", "收件人拒收", city),
        event(back, "returning", "快件正在退回寄件人", city),
        ...transits(rng, back, returnedAt, ORIGIN),
        event(returnedAt, "returned", "寄件人已签收退件", ORIGIN),
      ];
      break;
    }
  }
  // Only what had happened by the demo's end.
  events = events.filter((e) => e.at <= AS_OF).sort((a, b) => a.at - b.at);
  return {
    orderId,
    courier,
    number: uniqueNumber(rng, courier),
    labelAt: toSecond(labelAt),
    shippedAt: toSecond(shippedAt),
    region,
    kind,
    events,
  };
}

// --- Orders ---------------------------------------------------------------------------------------------

interface OrderRow {
  order_id: string;
  placed_at: string;
  status: string;
  test: string;
}

function readCsv<T>(path: string): T[] {
  return parse(readFileSync(path), { columns: true, bom: true }) as T[];
}

interface PlantSpec {
  kind: Exclude<Kind, "ok">;
  couriers: CourierCode[];
  /** Placed-at window, hours before AS_OF. */
  placedHoursAgo: [number, number];
}

// The windows keep each planted parcel breaking exactly its one rule (see the header comment).
const PLANTS: PlantSpec[] = [
  { kind: "notScanned", couriers: ["sf", "sf", "sf", "sf", "sf", "sf", "sf", "zto", "zto", "zto", "zto", "zto"], placedHoursAgo: [90, 40] },
  { kind: "firstScanLate", couriers: ["sf", "sf", "sf", "zto", "zto", "zto"], placedHoursAgo: [15 * 24, 6 * 24] },
  { kind: "stuck", couriers: ["sf", "sf", "zto", "zto", "yto", "yto", "sto", "sto", "yunda", "jd"], placedHoursAgo: [115, 100] },
  {
    kind: "deliveredLate",
    couriers: ["sf", "zto", "yto", "sto", "yunda", "jd", "ems", "jtexpress", "sf", "zto", "yto", "sto", "yunda", "zto", "sf"],
    placedHoursAgo: [20 * 24, 10 * 24],
  },
  { kind: "returned", couriers: ["zto", "yunda", "sto"], placedHoursAgo: [18 * 24, 8 * 24] },
];

function buildParcels(orders: OrderRow[]): Parcel[] {
  const rng = Rng.stream(SEED, "shipments");
  const eligible = orders
    .filter((o) => o.status === "fulfilled" && o.test !== "true")
    .map((o) => ({ id: o.order_id, placedAt: Date.parse(o.placed_at) }))
    .filter((o) => o.placedAt >= WINDOW_START && o.placedAt < AS_OF);
  const taken = new Set<string>();
  const parcels: Parcel[] = [];
  for (const spec of PLANTS) {
    const [from, to] = spec.placedHoursAgo;
    const pool = eligible.filter((o) => !taken.has(o.id) && o.placedAt >= AS_OF - from * HOUR && o.placedAt <= AS_OF - to * HOUR);
    for (const courier of spec.couriers) {
      const pickable = pool.filter((o) => !taken.has(o.id));
      if (pickable.length === 0) throw new Error(`no order left to plant ${spec.kind}`);
      const o = rng.pick(pickable);
      taken.add(o.id);
      const p = plan(rng, o.id, o.placedAt, courier, spec.kind);
      if (!p) throw new Error(`planted ${spec.kind} parcel not shipped`);
      parcels.push(p);
    }
  }
  for (const o of eligible) {
    if (taken.has(o.id) || !rng.chance(SAMPLE)) continue;
    const p = plan(rng, o.id, o.placedAt, weightedPick(rng, COURIER_WEIGHTS), "ok");
    if (p) parcels.push(p);
  }
  return parcels.sort((a, b) => a.orderId.localeCompare(b.orderId));
}

function statusOf(p: Parcel): Status {
  return (p.events[p.events.length - 1] as PlannedEvent).status;
}

// --- Warehouse sheets -------------------------------------------------------------------------------------

interface LineRow {
  order_id: string;
  sku: string;
  quantity: string;
}

interface SheetParcel {
  orderId: string;
  courier: CourierCode;
  number: string;
  lines: { sku: string; quantity: number }[];
  shippedAt: number;
  region: (typeof REGIONS)[number];
}

const ZH_NAMES: Partial<Record<CourierCode, string[]>> = {
  sf: ["顺丰", "顺丰速运"],
  zto: ["中通快递", "中通"],
  yto: ["圆通速递"],
  sto: ["申通"],
  yunda: ["韵达"],
  jd: ["京东物流"],
  ems: ["邮政EMS"],
  jtexpress: ["极兔速递"],
};
const EN_NAMES: Partial<Record<CourierCode, string>> = {
  sf: "SF Express",
  zto: "ZTO Express",
  yto: "YTO Express",
  sto: "STO Express",
  yunda: "Yunda Express",
  jd: "JD Logistics",
  ems: "China EMS",
  jtexpress: "J&T Express",
};

function sheetParcels(
  rng: Rng,
  orderIds: string[],
  lines: Map<string, { sku: string; quantity: number }[]>,
  firstShip: number,
): SheetParcel[] {
  return orderIds.map((orderId, i) => {
    const courier = weightedPick(
      rng,
      COURIER_WEIGHTS.filter(([c]) => c !== "deppon"),
    );
    return {
      orderId,
      courier,
      number: uniqueNumber(rng, courier),
      lines: lines.get(orderId) ?? [],
      shippedAt: firstShip + i * 7 * 60_000,
      region: weightedPick(
        rng,
        REGIONS.map((r) => [r, r.weight]),
      ),
    };
  });
}

const ZH_HEADER = ["订单号", "快递公司", "快递单号", "商家编码", "数量", "发货时间", "收货省份"];

function zhRows(rng: Rng, parcels: SheetParcel[]): string[][] {
  const rows: string[][] = [];
  for (const p of parcels) {
    const names = ZH_NAMES[p.courier] as string[];
    for (const line of p.lines) {
      rows.push([
        p.orderId,
        rng.pick(names),
        p.number,
        line.sku,
        String(line.quantity),
        wallLocal(p.shippedAt).slice(0, 16),
        p.region.province,
      ]);
    }
  }
  return rows;
}

const csvText = (rows: string[][]) => `\uFEFF${stringify(rows, { record_delimiter: "\r\n" })}`;

async function enXlsx(parcels: SheetParcel[]): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet("Shipments");
  ws.addRow(["Order Number", "Carrier", "Tracking Number", "SKU", "Quantity", "Shipped At", "Region"]).font = { bold: true };
  parcels.forEach((p, i) => {
    // Warehouses paste numbers the way labels print them: some with spaces.
    const number = i % 4 === 1 ? p.number.replace(/(.{4})/g, "$1 ").trim() : p.number;
    for (const line of p.lines) {
      // A date cell holds the wall-clock time (Excel has no time zones).
      ws.addRow([p.orderId, EN_NAMES[p.courier], number, line.sku, line.quantity, new Date(p.shippedAt + OFFSET), p.region.en]);
    }
  });
  ws.getColumn(3).numFmt = "@";
  ws.getColumn(6).numFmt = "yyyy-mm-dd hh:mm";
  for (const [i, w] of [14, 16, 22, 16, 10, 18, 12].entries()) ws.getColumn(i + 1).width = w;
  return xlsxBytes(wb);
}

// --- The warehouse sheet template (templates/shipments, written by scripts/generate-templates.ts) -----------

const TEMPLATE_HEADER = ZH_HEADER;
const TEMPLATE_ROWS: string[][] = [
  ["1001", "顺丰速运", "SF1385628716739", "TEE-001-BLK-M", "1", "2026-11-25 09:30", "广东省"],
  ["1001", "顺丰速运", "SF1385628716739", "TEE-001-BLK-L", "2", "2026-11-25 09:30", "广东省"],
  ["1002", "中通快递", "73610555582883", "", "", "2026-11-25 10:05", "浙江省"],
];
const TEMPLATE_NOTES: [string, string, string, string, string][] = [
  ["订单号", "order number, 訂單編號", "平台订单号（必填），与店铺中的订单号一致", "The store's order number (required)", "是 yes"],
  [
    "快递公司",
    "courier, carrier, 物流公司",
    "从下拉列表选择，或填写中文名、英文名或代码（顺丰、SF Express、sf）",
    "Pick from the list, or write the courier's Chinese or English name or code (顺丰, SF Express, sf)",
    "是 yes",
  ],
  [
    "快递单号",
    "tracking number, 运单号, 快遞單號",
    "运单号（必填），保持文本格式；同一包裹多个商品时每行填相同单号",
    "Tracking number (required), kept as text; a parcel with several SKUs repeats it on each row",
    "是 yes",
  ],
  ["商家编码", "SKU, 商家編碼", "发出的 SKU，可为空（为空表示整单发货）", "SKU shipped; empty = the whole order", ""],
  ["数量", "quantity, qty, 數量", "该 SKU 的发货数量，整数，默认 1", "Units of that SKU, a whole number (default 1)", ""],
  [
    "发货时间",
    "shipped at, 發貨時間",
    "交给快递的时间，如 2026-11-25 09:30（店铺时区）",
    "Handed to the courier, e.g. 2026-11-25 09:30 (store time zone)",
    "",
  ],
  ["收货省份", "region, province, 省份", "收货省份，用于按地区的时效规则", "Destination province, for per-region SLA rules", ""],
];

export function shipmentsTemplateCsv(): string {
  return csvText([TEMPLATE_HEADER, ...TEMPLATE_ROWS]);
}

/** The template workbook: "发货 Shipments" (courier drop-down, text formats) and "说明 Instructions". */
export async function shipmentsTemplateXlsx(): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet("发货 Shipments", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(TEMPLATE_HEADER).font = { bold: true };
  for (const r of TEMPLATE_ROWS) ws.addRow(r.map((cell, i) => (i === 4 && cell !== "" ? Number(cell) : cell)));
  for (const [i, w] of [14, 22, 22, 18, 8, 18, 12].entries()) ws.getColumn(i + 1).width = w;
  for (const c of [1, 3, 4]) ws.getColumn(c).numFmt = "@";

  const lists = wb.addWorksheet("Lists", { state: "hidden" });
  const names = COURIERS.map((c) => courierDisplayName(c.code));
  lists.getColumn(1).values = ["快递公司 Courier", ...names];
  const LAST_ROW = 5000;
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: unknown): void } }).dataValidations;
  validations.add(`B2:B${LAST_ROW}`, {
    type: "list",
    allowBlank: true,
    formulae: [`Lists!$A$2:$A$${names.length + 1}`],
    showErrorMessage: false,
    showInputMessage: true,
    promptTitle: "快递公司 Courier",
    prompt: "选择快递公司，或填写其名称/代码。Pick a courier, or type its name or code.",
  });
  validations.add(`E2:E${LAST_ROW}`, {
    type: "whole",
    operator: "greaterThanOrEqual",
    allowBlank: true,
    formulae: [1],
    showErrorMessage: true,
    errorTitle: "数量 Quantity",
    error: "数量为正整数 / a whole number of at least 1",
  });

  const notes = wb.addWorksheet("说明 Instructions");
  notes.addRow(["列 Column", "也可用 Also accepted", "说明", "Instructions", "必填 Required"]).font = { bold: true };
  for (const n of TEMPLATE_NOTES) notes.addRow(n);
  notes.addRow([]);
  notes.addRow([
    "",
    "",
    "每行一个包裹（或包裹中的一个 SKU）。导入：merchops shipments import 文件名 --dry-run 先检查。",
    "One row per parcel (or per SKU in a parcel). Import with: merchops shipments import <file> (--dry-run checks first).",
    "",
  ]);
  notes.addRow([
    "",
    "",
    `快递公司代码：${COURIERS.map((c) => c.code).join(", ")}`,
    `Courier codes: ${COURIERS.map((c) => c.code).join(", ")}`,
    "",
  ]);
  for (const [i, w] of [12, 30, 60, 70, 14].entries()) notes.getColumn(i + 1).width = w;
  return xlsxBytes(wb);
}

// --- Main --------------------------------------------------------------------------------------------------

export async function buildShipmentFixtures(): Promise<{ files: Map<string, string | Buffer>; expected: Record<string, unknown> }> {
  usedNumbers.clear();
  const demo = join(ROOT, "fixtures", "demo-store");
  const orders = readCsv<OrderRow>(join(demo, "orders.csv"));
  const parcels = buildParcels(orders);
  const files = new Map<string, string | Buffer>();

  files.set(
    "demo-store/shipments.csv",
    stringify(
      [
        ["order_id", "courier", "tracking_number", "label_at", "shipped_at", "destination"],
        ...parcels.map((p) => [p.orderId, p.courier, p.number, isoLocal(p.labelAt), isoLocal(p.shippedAt), p.region.province]),
      ],
      { record_delimiter: "\n" },
    ),
  );
  const eventRng = Rng.stream(SEED, "event-order");
  const eventRows: string[][] = [["tracking_number", "courier", "time", "status", "description", "location"]];
  for (const p of parcels) {
    // Kuaidi100-style exports list newest first: a third of the parcels come that way.
    const ordered = eventRng.chance(1 / 3) ? [...p.events].reverse() : p.events;
    for (const e of ordered)
      eventRows.push([p.number, NAME_ZH.get(p.courier) as string, wallLocal(e.at), e.statusText, e.description, e.location]);
  }
  files.set("demo-store/tracking-events.csv", stringify(eventRows, { record_delimiter: "\n" }));

  // Warehouse sheets: paid orders of the last day, not yet shipped.
  const lineRows = readCsv<LineRow>(join(demo, "order_lines.csv"));
  const lines = new Map<string, { sku: string; quantity: number }[]>();
  for (const l of lineRows) {
    const list = lines.get(l.order_id) ?? [];
    list.push({ sku: l.sku, quantity: Number(l.quantity) });
    lines.set(l.order_id, list);
  }
  const paid = orders
    .filter((o) => o.status === "paid" && o.test !== "true" && o.placed_at.startsWith("2026-11-24"))
    .map((o) => o.order_id);
  const sheetRng = Rng.stream(SEED, "sheets");
  const ship = Date.parse("2026-11-25T09:00:00+08:00");
  const zhParcels = sheetParcels(sheetRng, paid.slice(0, 12), lines, ship);
  const enParcels = sheetParcels(sheetRng, paid.slice(12, 24), lines, ship + 2 * HOUR);
  files.set("shipments/warehouse-zh.csv", csvText([ZH_HEADER, ...zhRows(sheetRng, zhParcels)]));
  files.set("shipments/warehouse-en.xlsx", await enXlsx(enParcels));

  // Bad sheets: two good rows around one bad one (rows 2-4; the header is row 1).
  const badParcels = sheetParcels(sheetRng, paid.slice(24, 36), lines, ship + 4 * HOUR).map((p) => ({
    ...p,
    lines: (p.lines[0] ? [p.lines[0]] : []) as SheetParcel["lines"],
  }));
  const row = (p: SheetParcel, over: Partial<Record<"order" | "courier" | "number", string>> = {}) => [
    over.order ?? p.orderId,
    over.courier ?? ((ZH_NAMES[p.courier] as string[])[0] as string),
    over.number ?? p.number,
    p.lines[0]?.sku ?? "",
    String(p.lines[0]?.quantity ?? ""),
    wallLocal(p.shippedAt).slice(0, 16),
    p.region.province,
  ];
  const bad = (i: number): SheetParcel => {
    const p = badParcels[i];
    if (!p) throw new Error("not enough paid orders for the bad sheets");
    return p;
  };
  const firstName = (c: CourierCode) => (ZH_NAMES[c] as string[])[0] as string;
  files.set("shipments/bad-unknown-courier.csv", csvText([ZH_HEADER, row(bad(0)), row(bad(1), { courier: "顺风快递" }), row(bad(2))]));
  const malformedOwner = bad(3);
  files.set(
    "shipments/bad-malformed-number.csv",
    csvText([ZH_HEADER, row(bad(4)), row(malformedOwner, { courier: "顺丰", number: "SF12345678" }), row(bad(5))]),
  );
  files.set("shipments/bad-order-not-found.csv", csvText([ZH_HEADER, row(bad(6)), row(bad(7)), row(bad(8), { order: "O999999" })]));
  const dupFirst = bad(9);
  files.set(
    "shipments/bad-duplicate-number.csv",
    csvText([ZH_HEADER, row(dupFirst), row(bad(10)), row(bad(11), { number: dupFirst.number, courier: firstName(dupFirst.courier) })]),
  );

  // --- The oracle, from intent ---
  const byKind = (kind: Kind) => parcels.filter((p) => p.kind === kind);
  const count = <K extends string>(keys: K[]) => {
    const out: Record<string, number> = {};
    for (const k of [...keys].sort()) out[k] = (out[k] ?? 0) + 1;
    return out;
  };
  const delivered = parcels.filter((p) => statusOf(p) === "delivered");
  const late = byKind("deliveredLate");
  const planted = (kind: Kind, rule: string, note: string) => {
    const list = byKind(kind);
    return {
      rule,
      note,
      count: list.length,
      couriers: count(list.map((p) => p.courier)),
      trackingNumbers: list.map((p) => p.number).sort(),
    };
  };
  const sheetSummary = (ps: SheetParcel[]) => ({
    rows: ps.reduce((s, p) => s + p.lines.length, 0),
    shipments: ps.length,
    orders: ps.map((p) => p.orderId),
    couriers: count(ps.map((p) => p.courier)),
    lines: ps.reduce((s, p) => s + p.lines.length, 0),
    units: ps.reduce((s, p) => s + p.lines.reduce((u, l) => u + l.quantity, 0), 0),
  });
  const expected = {
    generator: "scripts/generate-shipment-fixtures.ts (npx tsx scripts/generate-shipment-fixtures.ts)",
    seed: SEED,
    asOf: isoLocal(AS_OF),
    note: "Figures hold at asOf (run with --now 2026-11-25T00:00:00+08:00) under the SLA below, the built-in domestic defaults; the planted delays are disjoint and each breaks exactly one rule.",
    sla: SLA,
    shipments: parcels.length,
    events: parcels.reduce((s, p) => s + p.events.length, 0),
    byCourier: count(parcels.map((p) => p.courier)),
    statusAtAsOf: count(parcels.map(statusOf)),
    open: parcels.filter((p) => !["delivered", "returned"].includes(statusOf(p))).length,
    planted: {
      notFirstScanned: planted("notScanned", "first_scan", "label printed 32-89 h before asOf, no courier scan yet (open)"),
      firstScanLate: planted("firstScanLate", "first_scan", "first scan 28-40 h after the label, then delivered within 5 days"),
      stuck: planted(
        "stuck",
        "stuck",
        "scanned, then no event for more than 72 h (78+ h) while in transit; shipped under 5 days before asOf",
      ),
      deliveredLate: planted("deliveredLate", "delivery", "delivered 6-9 days after shipping"),
      returned: { ...planted("returned", "none", "refused, returned to the sender: closed, no breach"), rule: null },
    },
    breaches: {
      first_scan: byKind("notScanned").length + byKind("firstScanLate").length,
      delivery: late.length,
      stuck: byKind("stuck").length,
    },
    delayedShipments: byKind("notScanned").length + byKind("firstScanLate").length + late.length + byKind("stuck").length,
    openDelayedShipments: byKind("notScanned").length + byKind("stuck").length,
    onTimeDelivery: {
      delivered: delivered.length,
      onTime: delivered.length - late.length,
      late: late.length,
      rate: Math.round(((delivered.length - late.length) / delivered.length) * 10000) / 10000,
      basis: "delivered parcels with deliveredAt - shippedAt <= 5 days / delivered parcels (open and returned parcels are n/a)",
    },
    sheets: {
      "warehouse-zh.csv": sheetSummary(zhParcels),
      "warehouse-en.xlsx": sheetSummary(enParcels),
      "bad-unknown-courier.csv": {
        validShipments: 2,
        error: { row: 3, column: "快递公司", code: "unknown_courier", value: "顺风快递", suggestion: "sf" },
      },
      "bad-malformed-number.csv": {
        validShipments: 2,
        error: { row: 3, column: "快递单号", code: "malformed_tracking_number", value: "SF12345678", orderNumber: malformedOwner.orderId },
      },
      "bad-order-not-found.csv": {
        validShipments: 2,
        note: "the sheet itself is valid: the import finds that the order does not exist",
        error: { row: 4, column: "订单号", code: "order_not_found", value: "O999999" },
      },
      "bad-duplicate-number.csv": {
        validShipments: 1,
        note: "rows 2 and 4 carry the same number for two orders: both are held back",
        error: { row: 4, column: "快递单号", code: "duplicate_tracking_number", value: dupFirst.number, firstRow: 2 },
      },
    },
  };
  files.set("shipments/EXPECTED.json", `${JSON.stringify(expected, null, 2)}\n`);
  return { files, expected };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { files } = await buildShipmentFixtures();
  for (const [name, content] of files) {
    const path = join(ROOT, "fixtures", name);
    mkdirSync(resolve(path, ".."), { recursive: true });
    writeFileSync(path, content);
    process.stdout.write(`fixtures/${name}\n`);
  }
}
