/**
 * The seeded demo store: a clothing and shoe shop selling in CNY from Asia/Shanghai, 90 days of
 * orders, order lines, returns, traffic and support conversations, written as the files adapter's
 * six CSVs. The same generator writes the committed demo (scripts/generate-fixtures.ts) and the
 * benchmark's large stores (bench/generate-files-store.ts): it yields rows in small batches, so a
 * million orders never sit in memory at once.
 *
 * Everything is drawn from seeded mulberry32 streams (no Math.random, no clock), money is integer
 * fen formatted only when a row is written, and every instant is written with the store's fixed
 * +08:00 offset. A few problems are planted on purpose (a SKU returned for "not as pictured", a
 * size that runs small, a social channel below the ROAS target, slow chat replies, a holiday
 * support backlog); `DemoStats` measures them from the rows written so the manifest states the
 * figures a report should find. No invalid data is planted: bad input is tested elsewhere.
 */

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import { DATASETS, type DatasetName } from "../../src/adapters/platforms/files/columns.js";

// --- Options ---------------------------------------------------------------------------------

export interface StoreOptions {
  seed: number;
  /** The data's last calendar day (store time zone), YYYY-MM-DD. */
  endDate: string;
  days: number;
  /** Total orders over all days (test and cancelled orders included). */
  orders: number;
}

export const DEMO_STORE = {
  name: "demo",
  seed: 20261124,
  endDate: "2026-11-24",
  days: 90,
  orders: 14_000,
  timezone: "Asia/Shanghai",
  utcOffset: "+08:00",
  currency: "CNY",
} as const;

/** The order volume the per-day calibrations (tickets per day, customers) are written for. */
const DEMO_ORDERS_PER_DAY = DEMO_STORE.orders / DEMO_STORE.days;

/** File order: products first, so a reader streaming the folder sees the catalog first. */
export const DATASET_ORDER: readonly DatasetName[] = ["products", "orders", "order_lines", "returns", "traffic", "tickets"];

export type Row = Record<string, string>;

/** The header of a dataset's file: its column keys, in the order the column spec lists them. */
export function columnKeys(dataset: DatasetName): string[] {
  return DATASETS[dataset].columns.map((c) => c.key);
}

// --- Seeded randomness -----------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for synthetic data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for an independent stream, so drawing more tickets never shifts the orders. */
function streamSeed(seed: number, stream: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  static stream(seed: number, name: string): Rng {
    return new Rng(streamSeed(seed, name));
  }
  /** [0, 1) */
  float(): number {
    return this.next();
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  /** Index into a cumulative weight table (last entry = total). */
  weighted(cumulative: Float64Array): number {
    const x = this.next() * (cumulative[cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Log-normal with the given median; p90 = median * exp(1.2816 * sigma). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

// --- Calendar and formatting -----------------------------------------------------------------
// Instants are "wall-clock milliseconds": Date.UTC of the store's local wall time. The store's
// offset is fixed (Asia/Shanghai has no DST), so the ISO string is that wall time plus +08:00.

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function dayStartMs(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) throw new Error(`bad day ${day}`);
  const ms = Date.UTC(y, m - 1, d);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new Error(`bad day ${day}`);
  return ms;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}${DEMO_STORE.utcOffset}`;
}

/** Integer fen as decimal yuan: 12900 -> "129.00". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`money must be integer fen, got ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "129.00" -> 12900, without float arithmetic. */
export function parseFen(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not a money amount: "${text}"`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -fen : fen;
}

/** Splits `total` over `weights` in proportion, exactly (largest remainder, ties to the first). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => ({ i, frac: (total * w) % sum })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    rest--;
  }
  return shares;
}

// --- Catalog ---------------------------------------------------------------------------------

const COLOUR_CODES: Record<string, string> = {
  black: "BLK",
  white: "WHT",
  red: "RED",
  navy: "NVY",
  grey: "GRY",
  beige: "BEI",
  khaki: "KHA",
  pink: "PNK",
  blue: "BLU",
  green: "GRN",
  brown: "BRN",
};

const MEN = ["S", "M", "L", "XL", "XXL"] as const;
const WOMEN = ["XS", "S", "M", "L", "XL"] as const;
const UNISEX = ["XS", "S", "M", "L", "XL", "XXL"] as const;
const shoeSizes = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

interface ProductDef {
  id: string;
  title: string;
  category: string;
  sizes: readonly string[];
  colours: readonly string[];
  /** Yuan; converted to fen once. */
  price: number;
  compareAt?: number;
  vendor: string;
  /** Relative sales weight of the product. */
  popularity: number;
  status?: "draft";
  /** Sizing of the shoppers: women's letter sizes lean small. */
  fit?: "women";
}

const V_MUMIAN = "木棉生活";
const V_SHIGUANG = "拾光服饰";
const V_BEIWEI = "北纬三十度";
const V_RUNKO = "跑客运动";
const V_SUJIAN = "素简";
const V_TUYE = "途野户外";

const M_SHOES = shoeSizes(39, 45);
const W_SHOES = shoeSizes(36, 40);

/** ~60 products. Order and values are part of the seeded output: append, don't reorder. */
// biome-ignore format: one product per line reads as a table
const PRODUCT_DEFS: readonly ProductDef[] = [
  // 男装
  { id: "TS001", title: "男士纯棉圆领短袖T恤", category: "服装 > 男装 > T恤", sizes: MEN, colours: ["black", "white", "navy"], price: 79, vendor: V_MUMIAN, popularity: 3.0 },
  { id: "TS002", title: "男士重磅宽松短袖T恤", category: "服装 > 男装 > T恤", sizes: MEN, colours: ["black", "white"], price: 99, compareAt: 129, vendor: V_MUMIAN, popularity: 1.8 },
  { id: "TS003", title: "男士速干运动短袖T恤", category: "服装 > 男装 > T恤", sizes: MEN, colours: ["black", "grey"], price: 69, vendor: V_RUNKO, popularity: 1.2 },
  { id: "TS004", title: "男士条纹长袖T恤", category: "服装 > 男装 > T恤", sizes: MEN, colours: ["navy", "white"], price: 99, vendor: V_MUMIAN, popularity: 0.6 },
  { id: "PL001", title: "男士商务休闲Polo衫", category: "服装 > 男装 > Polo衫", sizes: MEN, colours: ["navy", "white"], price: 149, vendor: V_BEIWEI, popularity: 1.0 },
  { id: "SH001", title: "男士免烫长袖衬衫", category: "服装 > 男装 > 衬衫", sizes: MEN, colours: ["white", "blue"], price: 169, vendor: V_BEIWEI, popularity: 1.2 },
  { id: "SH002", title: "男士牛津纺休闲衬衫", category: "服装 > 男装 > 衬衫", sizes: MEN, colours: ["white", "blue"], price: 189, compareAt: 259, vendor: V_BEIWEI, popularity: 0.8 },
  { id: "SH003", title: "男士亚麻短袖衬衫", category: "服装 > 男装 > 衬衫", sizes: MEN, colours: ["beige"], price: 159, vendor: V_SUJIAN, popularity: 0.4 },
  { id: "HD001", title: "男士加绒连帽卫衣", category: "服装 > 男装 > 卫衣", sizes: MEN, colours: ["black", "grey"], price: 199, compareAt: 269, vendor: V_MUMIAN, popularity: 1.6 },
  { id: "HD002", title: "男士圆领套头卫衣", category: "服装 > 男装 > 卫衣", sizes: MEN, colours: ["grey", "green"], price: 169, vendor: V_MUMIAN, popularity: 0.9 },
  { id: "JK001", title: "男士轻薄羽绒服", category: "服装 > 男装 > 外套", sizes: MEN, colours: ["black", "navy"], price: 499, compareAt: 799, vendor: V_BEIWEI, popularity: 1.0 },
  { id: "JK002", title: "男士防风夹克", category: "服装 > 男装 > 外套", sizes: MEN, colours: ["black", "khaki"], price: 329, vendor: V_TUYE, popularity: 0.7 },
  { id: "JK003", title: "男士羊毛双面呢大衣", category: "服装 > 男装 > 外套", sizes: MEN, colours: ["grey"], price: 899, compareAt: 1299, vendor: V_BEIWEI, popularity: 0.3 },
  { id: "JN001", title: "男士修身弹力牛仔裤", category: "服装 > 男装 > 裤装", sizes: MEN, colours: ["blue", "black"], price: 239, vendor: V_BEIWEI, popularity: 1.2 },
  { id: "PT001", title: "男士休闲工装裤", category: "服装 > 男装 > 裤装", sizes: MEN, colours: ["khaki", "black"], price: 199, vendor: V_TUYE, popularity: 0.8 },
  { id: "PT002", title: "男士运动束脚卫裤", category: "服装 > 男装 > 裤装", sizes: MEN, colours: ["black", "grey"], price: 139, vendor: V_RUNKO, popularity: 1.0 },
  { id: "PT003", title: "男士垂感直筒西裤", category: "服装 > 男装 > 裤装", sizes: MEN, colours: ["black", "grey"], price: 269, vendor: V_BEIWEI, popularity: 0.5 },
  { id: "SW001", title: "男士圆领针织毛衣", category: "服装 > 男装 > 毛衣", sizes: MEN, colours: ["grey", "navy"], price: 259, vendor: V_SUJIAN, popularity: 0.8 },
  // 女装
  { id: "TW001", title: "女士纯棉修身短袖T恤", category: "服装 > 女装 > T恤", sizes: WOMEN, colours: ["white", "black"], price: 69, vendor: V_MUMIAN, popularity: 2.2, fit: "women" },
  { id: "TW002", title: "女士宽松落肩短袖T恤", category: "服装 > 女装 > T恤", sizes: WOMEN, colours: ["white", "beige"], price: 89, vendor: V_MUMIAN, popularity: 1.2, fit: "women" },
  { id: "TW003", title: "女士短款修身针织背心", category: "服装 > 女装 > T恤", sizes: WOMEN, colours: ["white", "black"], price: 59, vendor: V_SHIGUANG, popularity: 0.8, fit: "women" },
  { id: "DR001", title: "女士法式碎花雪纺连衣裙", category: "服装 > 女装 > 连衣裙", sizes: WOMEN, colours: ["blue", "red"], price: 259, compareAt: 359, vendor: V_SHIGUANG, popularity: 1.3, fit: "women" },
  { id: "DR002", title: "女士针织收腰连衣裙", category: "服装 > 女装 > 连衣裙", sizes: WOMEN, colours: ["beige", "black"], price: 299, vendor: V_SHIGUANG, popularity: 2.0, fit: "women" },
  { id: "DR003", title: "女士缎面吊带连衣裙", category: "服装 > 女装 > 连衣裙", sizes: WOMEN, colours: ["black", "red"], price: 329, vendor: V_SHIGUANG, popularity: 0.7, fit: "women" },
  { id: "DR004", title: "女士衬衫式长款连衣裙", category: "服装 > 女装 > 连衣裙", sizes: WOMEN, colours: ["white", "blue"], price: 279, vendor: V_SUJIAN, popularity: 0.8, fit: "women" },
  { id: "DR005", title: "女士针织毛衣裙", category: "服装 > 女装 > 连衣裙", sizes: WOMEN, colours: ["grey"], price: 359, vendor: V_SUJIAN, popularity: 0.4, fit: "women" },
  { id: "BL001", title: "女士雪纺衬衫", category: "服装 > 女装 > 衬衫", sizes: WOMEN, colours: ["white", "pink"], price: 159, vendor: V_SHIGUANG, popularity: 1.0, fit: "women" },
  { id: "BL002", title: "女士垂感醋酸衬衫", category: "服装 > 女装 > 衬衫", sizes: WOMEN, colours: ["white", "black"], price: 229, vendor: V_SUJIAN, popularity: 0.6, fit: "women" },
  { id: "SK001", title: "女士高腰A字半身裙", category: "服装 > 女装 > 半身裙", sizes: WOMEN, colours: ["black", "khaki"], price: 179, vendor: V_SHIGUANG, popularity: 0.9, fit: "women" },
  { id: "SK002", title: "女士百褶中长半身裙", category: "服装 > 女装 > 半身裙", sizes: WOMEN, colours: ["grey", "navy"], price: 199, vendor: V_SHIGUANG, popularity: 0.6, fit: "women" },
  { id: "JW001", title: "女士高腰直筒牛仔裤", category: "服装 > 女装 > 裤装", sizes: WOMEN, colours: ["blue", "black"], price: 229, vendor: V_BEIWEI, popularity: 2.5, fit: "women" },
  { id: "PW001", title: "女士垂感阔腿西装裤", category: "服装 > 女装 > 裤装", sizes: WOMEN, colours: ["black", "beige"], price: 219, vendor: V_SUJIAN, popularity: 0.9, fit: "women" },
  { id: "PW002", title: "女士高腰瑜伽裤", category: "服装 > 女装 > 运动服", sizes: WOMEN, colours: ["black", "grey"], price: 129, vendor: V_RUNKO, popularity: 1.3, fit: "women" },
  { id: "HW001", title: "女士宽松连帽卫衣", category: "服装 > 女装 > 卫衣", sizes: WOMEN, colours: ["grey", "pink"], price: 189, vendor: V_MUMIAN, popularity: 1.0, fit: "women" },
  { id: "CW001", title: "女士短款白鸭绒羽绒服", category: "服装 > 女装 > 外套", sizes: WOMEN, colours: ["black", "white"], price: 599, compareAt: 899, vendor: V_BEIWEI, popularity: 0.9, fit: "women" },
  { id: "CW002", title: "女士双面羊绒大衣", category: "服装 > 女装 > 外套", sizes: WOMEN, colours: ["beige", "grey"], price: 899, compareAt: 1599, vendor: V_SUJIAN, popularity: 0.3, fit: "women" },
  { id: "CW003", title: "女士复古牛仔外套", category: "服装 > 女装 > 外套", sizes: WOMEN, colours: ["blue"], price: 269, vendor: V_SHIGUANG, popularity: 0.6, fit: "women" },
  { id: "KW001", title: "女士圆领开衫毛衣", category: "服装 > 女装 > 毛衣", sizes: WOMEN, colours: ["beige", "black"], price: 239, vendor: V_SUJIAN, popularity: 0.8, fit: "women" },
  { id: "KW002", title: "女士高领羊毛打底衫", category: "服装 > 女装 > 毛衣", sizes: WOMEN, colours: ["black", "white"], price: 259, vendor: V_SUJIAN, popularity: 0.9, fit: "women" },
  // 中性 / 家居 / 户外
  { id: "HU001", title: "情侣款纯棉家居服套装", category: "服装 > 内衣 > 家居服", sizes: UNISEX, colours: ["grey", "pink"], price: 159, vendor: V_MUMIAN, popularity: 0.7 },
  { id: "OD001", title: "户外三合一防水冲锋衣", category: "服装 > 运动户外 > 冲锋衣", sizes: MEN, colours: ["black", "navy"], price: 699, compareAt: 999, vendor: V_TUYE, popularity: 0.6 },
  { id: "OD002", title: "户外速干软壳裤", category: "服装 > 运动户外 > 户外裤", sizes: MEN, colours: ["black", "khaki"], price: 259, vendor: V_TUYE, popularity: 0.4 },
  // 鞋靴
  { id: "RN001", title: "男士轻量透气跑步鞋", category: "鞋靴 > 运动鞋", sizes: M_SHOES, colours: ["black", "white"], price: 399, compareAt: 499, vendor: V_RUNKO, popularity: 1.4 },
  { id: "RN002", title: "女士缓震跑步鞋", category: "鞋靴 > 运动鞋", sizes: W_SHOES, colours: ["white", "pink"], price: 429, vendor: V_RUNKO, popularity: 1.0, fit: "women" },
  { id: "RN003", title: "复古厚底老爹鞋", category: "鞋靴 > 运动鞋", sizes: shoeSizes(36, 44), colours: ["white"], price: 359, vendor: V_RUNKO, popularity: 0.9 },
  { id: "SN001", title: "经典低帮帆布鞋", category: "鞋靴 > 帆布鞋", sizes: shoeSizes(36, 44), colours: ["white", "black"], price: 129, vendor: V_MUMIAN, popularity: 1.3 },
  { id: "SN002", title: "男士百搭小白鞋", category: "鞋靴 > 休闲鞋", sizes: M_SHOES, colours: ["white"], price: 299, vendor: V_BEIWEI, popularity: 0.8 },
  { id: "SN003", title: "女士厚底小白鞋", category: "鞋靴 > 休闲鞋", sizes: W_SHOES, colours: ["white", "beige"], price: 269, vendor: V_SHIGUANG, popularity: 0.9, fit: "women" },
  { id: "LF001", title: "男士真皮乐福鞋", category: "鞋靴 > 皮鞋", sizes: M_SHOES, colours: ["black", "brown"], price: 499, vendor: V_BEIWEI, popularity: 0.5 },
  { id: "LF002", title: "女士尖头平底单鞋", category: "鞋靴 > 单鞋", sizes: W_SHOES, colours: ["black", "beige"], price: 239, vendor: V_SHIGUANG, popularity: 0.6, fit: "women" },
  { id: "BT001", title: "女士切尔西短靴", category: "鞋靴 > 靴子", sizes: W_SHOES, colours: ["black", "brown"], price: 459, compareAt: 699, vendor: V_SHIGUANG, popularity: 0.8, fit: "women" },
  { id: "BT002", title: "男士工装马丁靴", category: "鞋靴 > 靴子", sizes: M_SHOES, colours: ["black", "brown"], price: 559, vendor: V_TUYE, popularity: 0.6 },
  { id: "BT003", title: "女士加绒雪地靴", category: "鞋靴 > 靴子", sizes: W_SHOES, colours: ["beige", "grey"], price: 329, vendor: V_MUMIAN, popularity: 0.9, fit: "women" },
  { id: "SD001", title: "男士户外沙滩凉鞋", category: "鞋靴 > 凉鞋", sizes: M_SHOES, colours: ["black"], price: 189, vendor: V_TUYE, popularity: 0.3 },
  { id: "SD002", title: "女士一字带凉鞋", category: "鞋靴 > 凉鞋", sizes: W_SHOES, colours: ["beige"], price: 159, vendor: V_SHIGUANG, popularity: 0.3, fit: "women" },
  { id: "HK001", title: "户外防水徒步鞋", category: "鞋靴 > 户外鞋", sizes: shoeSizes(36, 45), colours: ["grey"], price: 599, vendor: V_TUYE, popularity: 0.5 },
  { id: "SL001", title: "居家毛绒保暖拖鞋", category: "鞋靴 > 拖鞋", sizes: shoeSizes(36, 43), colours: ["pink", "grey"], price: 59, vendor: V_MUMIAN, popularity: 0.9 },
  // Drafts: next season, not on sale yet.
  { id: "CW004", title: "女士羊毛混纺格纹大衣", category: "服装 > 女装 > 外套", sizes: WOMEN, colours: ["grey", "beige"], price: 799, vendor: V_SUJIAN, popularity: 0, status: "draft", fit: "women" },
  { id: "SN004", title: "男士复古德训鞋", category: "鞋靴 > 休闲鞋", sizes: M_SHOES, colours: ["white"], price: 329, vendor: V_BEIWEI, popularity: 0, status: "draft" },
  { id: "KW003", title: "女士针织开衫马甲", category: "服装 > 女装 > 毛衣", sizes: WOMEN, colours: ["beige"], price: 169, vendor: V_SUJIAN, popularity: 0, status: "draft", fit: "women" },
];

/**
 * The planted return problems (see the manifest). Return draws are random, so the probabilities
 * are tuned until this seed measures the intended figures; the manifest states what was measured.
 */
export const PLANTED = {
  highReturnSku: {
    sku: "DR002-BEI-M",
    productId: "DR002",
    intendedRate: 0.3,
    /** Probability a unit is returned; some returns fall after the end of the data. */
    unitReturnProbability: 0.32,
    /** Its variant sells this many times its ordinary weight, to get well past 150 units. */
    demandBoost: 2,
  },
  sizeSkew: {
    productId: "JW001",
    size: "S",
    /** Unit return rate of the size relative to the product's other sizes. */
    intendedRatio: 3,
    /** The product's other sizes come back like any pair of jeans. */
    baseProbability: 0.105,
    probabilityFactor: 2.1,
  },
} as const;

const LETTER_SIZE_WEIGHTS: Record<string, number> = { XS: 0.05, S: 0.17, M: 0.3, L: 0.27, XL: 0.15, XXL: 0.06 };
const WOMEN_SIZE_WEIGHTS: Record<string, number> = { XS: 0.08, S: 0.26, M: 0.32, L: 0.22, XL: 0.12 };
const COLOUR_RANK_WEIGHTS = [1, 0.7, 0.45];

export interface Variant {
  sku: string;
  productId: string;
  title: string;
  category: string;
  size: string;
  colour: string;
  price: number;
  compareAt: number | null;
  vendor: string;
  status: "active" | "draft";
  inventory: number;
  /** Relative sales weight (0 for drafts). */
  demand: number;
  /** Probability that a sold unit is returned. */
  returnProbability: number;
}

export interface Catalog {
  variants: Variant[];
  /** Variants on sale, with a cumulative demand table for picking. */
  sellable: Variant[];
  sellableCumulative: Float64Array;
  productCount: number;
}

function baseReturnProbability(category: string): number {
  if (category.includes("连衣裙")) return 0.1;
  if (category.includes("裤装") || category.includes("半身裙")) return 0.095;
  if (category.startsWith("鞋靴")) return 0.09;
  if (category.includes("外套") || category.includes("冲锋衣")) return 0.085;
  if (category.includes("T恤") || category.includes("家居服")) return 0.065;
  return 0.075;
}

function sizeWeight(def: ProductDef, size: string, index: number): number {
  if (/^\d+$/.test(size)) {
    // Shoe sizes: a bell around the middle of the run.
    const mid = (def.sizes.length - 1) / 2;
    const z = (index - mid) / Math.max(1, def.sizes.length / 4);
    return Math.exp(-0.5 * z * z);
  }
  const table = def.fit === "women" ? WOMEN_SIZE_WEIGHTS : LETTER_SIZE_WEIGHTS;
  return table[size] ?? 0.1;
}

export function buildCatalog(seed: number): Catalog {
  const rng = Rng.stream(seed, "catalog");
  const variants: Variant[] = [];
  for (const def of PRODUCT_DEFS) {
    // Products differ a little in how often they come back (fabric, fit, photos).
    const productReturn = baseReturnProbability(def.category) * rng.uniform(0.85, 1.15);
    def.colours.forEach((colour, ci) => {
      const code = COLOUR_CODES[colour];
      if (!code) throw new Error(`no colour code for ${colour}`);
      def.sizes.forEach((size, si) => {
        const sku = `${def.id}-${code}-${size}`;
        let demand = def.popularity * (COLOUR_RANK_WEIGHTS[ci] ?? 0.3) * sizeWeight(def, size, si);
        let returnProbability = productReturn;
        if (sku === PLANTED.highReturnSku.sku) {
          demand *= PLANTED.highReturnSku.demandBoost;
          returnProbability = PLANTED.highReturnSku.unitReturnProbability;
        } else if (def.id === PLANTED.sizeSkew.productId) {
          // The product's own rate is ordinary; one size runs small.
          returnProbability = PLANTED.sizeSkew.baseProbability * (size === PLANTED.sizeSkew.size ? PLANTED.sizeSkew.probabilityFactor : 1);
        }
        const draft = def.status === "draft";
        variants.push({
          sku,
          productId: def.id,
          title: def.title,
          category: def.category,
          size,
          colour,
          price: def.price * 100,
          compareAt: def.compareAt ? def.compareAt * 100 : null,
          vendor: def.vendor,
          status: draft ? "draft" : "active",
          inventory: rng.chance(draft ? 0 : 0.04) ? 0 : rng.int(draft ? 40 : 5, draft ? 120 : 320),
          demand: draft ? 0 : demand,
          returnProbability,
        });
      });
    });
  }
  const sellable = variants.filter((v) => v.demand > 0);
  return {
    variants,
    sellable,
    sellableCumulative: cumulative(sellable.map((v) => v.demand)),
    productCount: PRODUCT_DEFS.length,
  };
}

export function productRow(v: Variant): Row {
  return {
    product_id: v.productId,
    title: v.title,
    sku: v.sku,
    price: formatFen(v.price),
    compare_at_price: v.compareAt === null ? "" : formatFen(v.compareAt),
    currency: DEMO_STORE.currency,
    size: v.size,
    colour: v.colour,
    category: v.category,
    vendor: v.vendor,
    status: v.status,
    inventory: String(v.inventory),
  };
}

// --- Return reasons --------------------------------------------------------------------------

export const REASON_CODES = [
  "SIZE_TOO_SMALL",
  "SIZE_TOO_LARGE",
  "DEFECTIVE",
  "NOT_AS_DESCRIBED",
  "COLOR",
  "STYLE",
  "UNWANTED",
  "WRONG_ITEM",
  "OTHER",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What customers type, by the code a platform would file it under. Some carry commas and quotes. */
export const REASON_TEXTS: Record<ReasonCode, readonly string[]> = {
  SIZE_TOO_SMALL: [
    "尺码偏小",
    "偏小一码",
    "穿着太紧了",
    "too small",
    "wrong size",
    "尺码不合适，小了",
    "too small, need one size up",
    'said "true to size" but it runs small',
  ],
  SIZE_TOO_LARGE: ["太大了", "尺码偏大", "too big", "too large", "肩宽太大，不合身"],
  DEFECTIVE: ["质量有问题，开线", "quality is poor", "有污渍", "arrived damaged", "拉链坏了", "洗一次就起球"],
  NOT_AS_DESCRIBED: ["与描述不符", "实物和图片差别很大", "面料和详情页写的不一样", "not as described"],
  COLOR: ["颜色和图片不一样", "色差太大", "colour not as pictured", "颜色偏黄，和图片不一样"],
  STYLE: ["款式不喜欢", "上身效果不好", "doesn't suit me", "版型不好看"],
  UNWANTED: ["不想要了", "changed my mind", "拍多了", "买重复了", "七天无理由退货"],
  WRONG_ITEM: ["发错货了", "发错颜色了", "received the wrong item", "发错尺码了"],
  OTHER: ["物流太慢", "late delivery", "其他"],
};

const BASE_REASON_WEIGHTS: Record<ReasonCode, number> = {
  SIZE_TOO_SMALL: 0.2,
  SIZE_TOO_LARGE: 0.17,
  DEFECTIVE: 0.12,
  NOT_AS_DESCRIBED: 0.09,
  COLOR: 0.07,
  STYLE: 0.07,
  UNWANTED: 0.16,
  WRONG_ITEM: 0.04,
  OTHER: 0.08,
};
const BASE_REASON_CUMULATIVE = cumulative(REASON_CODES.map((c) => BASE_REASON_WEIGHTS[c]));

/** The audit bucket operators act on ("expectation" = listing and photos). */
export function reasonBucket(code: ReasonCode): "fit" | "quality" | "expectation" | "fulfilment" | "remorse" | "other" {
  switch (code) {
    case "SIZE_TOO_SMALL":
    case "SIZE_TOO_LARGE":
      return "fit";
    case "DEFECTIVE":
      return "quality";
    case "NOT_AS_DESCRIBED":
    case "COLOR":
    case "STYLE":
      return "expectation";
    case "WRONG_ITEM":
      return "fulfilment";
    case "UNWANTED":
      return "remorse";
    default:
      return "other";
  }
}

/** Every reason text maps back to one code; the fixture test classifies rows with it. */
export function reasonCodeOfText(text: string): ReasonCode | undefined {
  return REASON_CODES.find((code) => REASON_TEXTS[code].includes(text));
}

// --- The generator ---------------------------------------------------------------------------

export const TRAFFIC_ROW_SOURCES = ["organic_search", "paid_search", "social", "direct", "referral"] as const;
const ORDER_SOURCES = ["organic_search", "paid_search", "social", "direct", "referral", "email"] as const;
const ORDER_SOURCE_CUMULATIVE = cumulative([0.24, 0.22, 0.15, 0.22, 0.07, 0.1]);

/** Per traffic source: share of visitors, sessions per visitor, page views per session. */
const TRAFFIC_SHAPE: Record<(typeof TRAFFIC_ROW_SOURCES)[number], { share: number; spv: number; pps: number }> = {
  organic_search: { share: 0.245, spv: 1.25, pps: 4.2 },
  paid_search: { share: 0.19, spv: 1.15, pps: 3.6 },
  social: { share: 0.23, spv: 1.2, pps: 2.8 },
  direct: { share: 0.235, spv: 1.45, pps: 5.4 },
  referral: { share: 0.1, spv: 1.2, pps: 3.9 },
};

/** Target ROAS per paid source: paid search earns its keep, social does not (target 3). */
export const ROAS_TARGETS = { paid_search: 4, social: 2 } as const;
/** Paying customers / visitors on an ordinary day (promotion days convert better). */
const DAILY_CONVERSION = 0.0375;

// Hour-of-day shapes, store time.
const ORDER_HOURS = cumulative([
  0.6, 0.35, 0.2, 0.12, 0.1, 0.12, 0.25, 0.5, 0.8, 1.0, 1.15, 1.2, 1.25, 1.15, 1.05, 1.05, 1.0, 1.0, 1.05, 1.25, 1.5, 1.65, 1.45, 1.0,
]);
const CHAT_HOURS = cumulative([
  0.3, 0.1, 0.05, 0.03, 0.03, 0.05, 0.1, 0.3, 0.7, 1.1, 1.3, 1.3, 1.1, 1.2, 1.3, 1.3, 1.2, 1.1, 1.0, 1.2, 1.4, 1.5, 1.3, 0.8,
]);
const TICKET_HOURS = cumulative([
  0.4, 0.25, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.2, 1.2, 1.1, 1.0, 1.1, 1.1, 1.1, 1.0, 0.9, 0.8, 0.9, 1.0, 1.0, 0.9, 0.6,
]);

const WEEKDAY_FACTOR = [1.12, 1.05, 1.0, 0.98, 0.97, 0.9, 0.95]; // Sun..Sat
const PROMO_FACTOR = 1.8;

/** The calendar the generator lays out, derived from the options only. */
export interface StoreCalendar {
  firstDay: string;
  lastDay: string;
  startMs: number;
  /** The last instant of the data: 23:59:59 on endDate. */
  endMs: number;
  /** Day indexes of the promotion weekend (Sat, Sun). */
  promoDays: [number, number];
  /** Day indexes [from, to] of the support backlog week. */
  backlog: [number, number];
}

export function storeCalendar(opts: StoreOptions): StoreCalendar {
  if (!Number.isInteger(opts.days) || opts.days < 21) throw new Error("days must be an integer >= 21");
  const lastMs = dayStartMs(opts.endDate);
  const startMs = lastMs - (opts.days - 1) * DAY_MS;
  // The promotion weekend: the last Saturday at least 16 days before the end (2026-11-07/08).
  let sat = lastMs - 16 * DAY_MS;
  while (new Date(sat).getUTCDay() !== 6) sat -= DAY_MS;
  const promo = Math.round((sat - startMs) / DAY_MS);
  // The backlog week: seven days starting 54 days before the end (2026-10-01..07, 国庆).
  const backlogStart = Math.max(0, opts.days - 55);
  return {
    firstDay: formatDay(startMs),
    lastDay: opts.endDate,
    startMs,
    endMs: lastMs + DAY_MS - 1000,
    promoDays: [promo, promo + 1],
    backlog: [backlogStart, Math.min(opts.days - 1, backlogStart + 6)],
  };
}

/** Orders per day: weekday rhythm, a mild upward trend, the promotion weekend, noise; sums to `total`. */
export function dailyOrderCounts(opts: StoreOptions, cal: StoreCalendar): number[] {
  const rng = Rng.stream(opts.seed, "daily-counts");
  const weights: number[] = [];
  for (let d = 0; d < opts.days; d++) {
    const weekday = new Date(cal.startMs + d * DAY_MS).getUTCDay();
    let w = (WEEKDAY_FACTOR[weekday] ?? 1) * (0.92 + (0.16 * d) / opts.days) * Math.exp(0.06 * rng.normal());
    if (d === cal.promoDays[0] || d === cal.promoDays[1]) w *= PROMO_FACTOR;
    if (d >= cal.backlog[0] && d <= cal.backlog[1]) w *= 0.92; // holiday week: people travel
    weights.push(w);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let acc = 0;
  let prev = 0;
  for (const w of weights) {
    acc += w;
    const upTo = Math.round((acc / total) * opts.orders);
    counts.push(upTo - prev);
    prev = upTo;
  }
  return counts;
}

interface PendingReturn {
  requestedMs: number;
  orderNo: number;
  sku: string;
  quantity: number;
  refund: number;
  code: ReasonCode;
}

export interface Batch {
  orders: Row[];
  order_lines: Row[];
  returns: Row[];
  traffic: Row[];
  tickets: Row[];
}

const emptyBatch = (): Batch => ({ orders: [], order_lines: [], returns: [], traffic: [], tickets: [] });

export const orderId = (no: number): string => `O${100000 + no}`;
export const customerId = (index: number): string => `C${String(index + 1).padStart(6, "0")}`;
export const TEST_CUSTOMER = "STAFF-TEST";

/** Orders are generated and yielded at most this many at a time. */
const ORDERS_PER_BATCH = 2000;

/**
 * Yields the store's rows day by day, in batches of at most ORDERS_PER_BATCH orders (plus their
 * lines), then the day's returns, traffic and tickets. Memory: one batch, the returns waiting
 * for their request day (at most 20 days) and a few per-day numbers.
 */
export function* generateStore(opts: StoreOptions, catalog: Catalog = buildCatalog(opts.seed)): Generator<Batch> {
  const cal = storeCalendar(opts);
  const counts = dailyOrderCounts(opts, cal);
  const scale = opts.orders / opts.days / DEMO_ORDERS_PER_DAY;
  const orderRng = Rng.stream(opts.seed, "orders");
  // Which units come back draws from its own stream, so tuning one rate never reshuffles the others.
  const returnRng = Rng.stream(opts.seed, "returns");
  const returnDetailRng = Rng.stream(opts.seed, "return-details");
  const trafficRng = Rng.stream(opts.seed, "traffic");
  const ticketRng = Rng.stream(opts.seed, "tickets");

  // Customers: a base who bought before the window, and new ones arriving with a quarter of orders.
  let knownCustomers = Math.max(1, Math.round(1500 * scale));
  const NEW_CUSTOMER_SHARE = 0.25;

  const dayFirstOrder: number[] = [];
  const pendingReturns: PendingReturn[][] = Array.from({ length: opts.days }, () => []);
  let nextOrderNo = 1;
  let nextReturnNo = 1;
  let nextTicketNo = 1;

  for (let d = 0; d < opts.days; d++) {
    const dayMs = cal.startMs + d * DAY_MS;
    const promo = d === cal.promoDays[0] || d === cal.promoDays[1];
    const n = counts[d] ?? 0;
    dayFirstOrder.push(nextOrderNo);

    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const hour = orderRng.weighted(ORDER_HOURS);
      times.push(dayMs + hour * HOUR_MS + orderRng.int(0, 3599) * 1000);
    }
    times.sort((a, b) => a - b);

    const payingCustomers = new Set<number>();
    const paidRevenue = { paid_search: 0, social: 0 };
    let batch = emptyBatch();

    for (let i = 0; i < n; i++) {
      const placedMs = times[i] ?? dayMs;
      const no = nextOrderNo++;
      const id = orderId(no);
      const test = orderRng.chance(0.003);

      let customer: number;
      let newCustomer = false;
      if (orderRng.chance(NEW_CUSTOMER_SHARE)) {
        customer = knownCustomers++;
        newCustomer = true;
      } else {
        customer = orderRng.int(0, knownCustomers - 1);
      }
      const source = test ? "direct" : (ORDER_SOURCES[orderRng.weighted(ORDER_SOURCE_CUMULATIVE)] ?? "direct");

      // Lines: mostly one, distinct SKUs.
      const lineCount = orderRng.float() < 0.72 ? 1 : orderRng.float() < 0.78 ? 2 : 3;
      const lines: { v: Variant; qty: number }[] = [];
      for (let attempt = 0; lines.length < lineCount && attempt < 10; attempt++) {
        const v = catalog.sellable[orderRng.weighted(catalog.sellableCumulative)];
        if (!v || lines.some((l) => l.v.sku === v.sku)) continue;
        const r = orderRng.float();
        lines.push({ v, qty: r < 0.86 ? 1 : r < 0.97 ? 2 : 3 });
      }
      const gross = lines.map((l) => l.v.price * l.qty);
      const subtotal = gross.reduce((a, b) => a + b, 0);

      let coupon = "";
      let discount = 0;
      if (newCustomer && !test && orderRng.chance(0.55)) {
        coupon = "NEW10";
        discount = 1000;
      } else if (promo && subtotal >= 39900 && orderRng.chance(0.8)) {
        coupon = "FULL399-50";
        discount = 5000;
      } else if (subtotal >= 19900 && orderRng.chance(promo ? 0.85 : 0.45)) {
        coupon = "FULL199-20";
        discount = 2000;
      }
      const shipping = subtotal - discount >= 9900 ? 0 : 800;
      const total = subtotal - discount + shipping;
      const lineDiscounts = allocate(discount, gross);

      let status: string;
      if (test) status = "paid";
      else if (orderRng.chance(0.03)) status = "cancelled";
      else if (orderRng.chance(d >= opts.days - 2 ? 0.04 : 0.0005)) status = "pending";
      else status = d <= opts.days - 3 ? "fulfilled" : "paid";

      batch.orders.push({
        order_id: id,
        placed_at: formatInstant(placedMs),
        status,
        currency: DEMO_STORE.currency,
        customer_id: test ? TEST_CUSTOMER : customerId(customer),
        source,
        subtotal: formatFen(subtotal),
        discount: formatFen(discount),
        shipping: formatFen(shipping),
        tax: "0.00",
        total: formatFen(total),
        coupon_code: coupon,
        test: test ? "true" : "false",
      });
      lines.forEach((l, li) => {
        batch.order_lines.push({
          order_id: id,
          sku: l.v.sku,
          quantity: String(l.qty),
          unit_price: formatFen(l.v.price),
          discount: formatFen(lineDiscounts[li] ?? 0),
          title: l.v.title,
          product_id: l.v.productId,
          size: l.v.size,
          colour: l.v.colour,
          category: l.v.category,
        });
      });

      if (!test && (status === "paid" || status === "fulfilled")) {
        payingCustomers.add(customer);
        if (source === "paid_search" || source === "social") paidRevenue[source] += total;
      } else if (!test && status === "pending" && (source === "paid_search" || source === "social")) {
        paidRevenue[source] += total; // counted in GMV (only cancelled and test orders are not)
      }

      if (status === "fulfilled") {
        lines.forEach((l, li) => {
          let k = 0;
          for (let u = 0; u < l.qty; u++) if (returnRng.chance(l.v.returnProbability)) k++;
          if (k === 0) return;
          // Requested 2-20 days after the order, mostly within the first ten.
          const delay = (2 + 18 * returnDetailRng.float() ** 1.6) * DAY_MS;
          const requestedMs = placedMs + Math.round(delay / 1000) * 1000;
          if (requestedMs > cal.endMs) return; // not requested yet when the data ends
          const paid = (gross[li] ?? 0) - (lineDiscounts[li] ?? 0);
          const refund = k === l.qty ? paid : Math.floor((paid * k) / l.qty);
          const code = pickReasonCode(returnDetailRng, l.v);
          const dayIndex = Math.floor((requestedMs - cal.startMs) / DAY_MS);
          pendingReturns[dayIndex]?.push({ requestedMs, orderNo: no, sku: l.v.sku, quantity: k, refund, code });
        });
      }

      if (batch.orders.length >= ORDERS_PER_BATCH) {
        yield batch;
        batch = emptyBatch();
      }
    }

    // Returns requested today, in request order.
    const todays = pendingReturns[d] ?? [];
    pendingReturns[d] = [];
    todays.sort((a, b) => a.requestedMs - b.requestedMs || a.orderNo - b.orderNo || (a.sku < b.sku ? -1 : 1));
    for (const r of todays) {
      const refundedMs = r.requestedMs + Math.round(returnDetailRng.uniform(1, 5) * 86_400) * 1000;
      const refunded = refundedMs <= cal.endMs;
      const text = returnDetailRng.pick(REASON_TEXTS[r.code]);
      batch.returns.push({
        return_id: `R${String(nextReturnNo++).padStart(6, "0")}`,
        order_id: orderId(r.orderNo),
        sku: r.sku,
        quantity: String(r.quantity),
        refund_amount: formatFen(r.refund),
        currency: DEMO_STORE.currency,
        requested_at: formatInstant(r.requestedMs),
        refunded_at: refunded ? formatInstant(refundedMs) : "",
        reason: text,
        reason_code: returnDetailRng.chance(0.45) ? r.code : "",
        status: refunded ? "refunded" : "processing",
      });
    }

    batch.traffic.push(...trafficRows(trafficRng, dayMs, promo, payingCustomers.size, paidRevenue));

    // Support conversations.
    const backlog = d >= cal.backlog[0] && d <= cal.backlog[1];
    const volume = (n / opts.orders) * opts.days * scale * trafficRng.uniform(0.9, 1.1) * (backlog ? 1.25 : 1);
    const convs: { ms: number; channel: "chat" | "ticket" | "email" }[] = [];
    const add = (count: number, channel: "chat" | "ticket" | "email", hours: Float64Array) => {
      for (let i = 0; i < count; i++) {
        convs.push({ ms: dayMs + ticketRng.weighted(hours) * HOUR_MS + ticketRng.int(0, 3599) * 1000, channel });
      }
    };
    add(Math.round(30 * volume), "chat", CHAT_HOURS);
    add(Math.round(6 * volume), "ticket", TICKET_HOURS);
    add(Math.round(4 * volume), "email", TICKET_HOURS);
    convs.sort((a, b) => a.ms - b.ms || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
    for (const c of convs) {
      const relatedOrder = () => {
        // About a third of chats and two thirds of tickets are about an order from the last 10 days.
        if (!ticketRng.chance(c.channel === "chat" ? 0.3 : 0.65)) return "";
        const from = d - ticketRng.int(1, 10);
        if (from < 0) return "";
        const first = dayFirstOrder[from] ?? 1;
        const count = counts[from] ?? 0;
        return count > 0 ? orderId(first + ticketRng.int(0, count - 1)) : "";
      };
      const id = `T${String(nextTicketNo++).padStart(6, "0")}`;
      batch.tickets.push(ticketRow(ticketFacts(ticketRng, id, c.ms, c.channel, backlog, cal, relatedOrder)));
    }

    yield batch;
  }
}

function pickReasonCode(rng: Rng, v: Variant): ReasonCode {
  if (v.sku === PLANTED.highReturnSku.sku && rng.chance(0.75)) {
    return rng.chance(0.55) ? "NOT_AS_DESCRIBED" : "COLOR";
  }
  if (v.productId === PLANTED.sizeSkew.productId && v.size === PLANTED.sizeSkew.size && rng.chance(0.6)) {
    return "SIZE_TOO_SMALL";
  }
  return REASON_CODES[rng.weighted(BASE_REASON_CUMULATIVE)] ?? "OTHER";
}

function trafficRows(
  rng: Rng,
  dayMs: number,
  promo: boolean,
  payingCustomers: number,
  paidRevenue: { paid_search: number; social: number },
): Row[] {
  const conversion = DAILY_CONVERSION * (promo ? 1.25 : 1) * rng.uniform(0.92, 1.08);
  const visitors = Math.max(50, Math.round(payingCustomers / conversion));
  const shares = TRAFFIC_ROW_SOURCES.map((s) => TRAFFIC_SHAPE[s].share * rng.uniform(0.9, 1.1));
  const shareSum = shares.reduce((a, b) => a + b, 0);
  return TRAFFIC_ROW_SOURCES.map((source, i) => {
    const shape = TRAFFIC_SHAPE[source];
    const v = Math.max(1, Math.round((visitors * (shares[i] ?? 0)) / shareSum));
    const sessions = Math.max(v + 1, Math.round(v * shape.spv * rng.uniform(0.95, 1.05)));
    const pageViews = Math.max(sessions + 1, Math.round(sessions * shape.pps * rng.uniform(0.9, 1.1)));
    let adSpend = "";
    if (source === "paid_search" || source === "social") {
      // Spend follows the day's attributed revenue at the channel's ROAS, +-15%.
      const spend = Math.round(paidRevenue[source] / (ROAS_TARGETS[source] * rng.uniform(0.85, 1.15)));
      adSpend = formatFen(Math.max(5000, spend));
    }
    return {
      date: formatDay(dayMs),
      source,
      page_views: String(pageViews),
      visitors: String(v),
      sessions: String(sessions),
      ad_spend: adSpend,
      currency: adSpend ? DEMO_STORE.currency : "",
    };
  });
}

const GOOD_RATINGS = cumulative([0.018, 0.012, 0.035, 0.165, 0.77]); // 1..5
const LATE_RATINGS = cumulative([0.1, 0.08, 0.14, 0.26, 0.42]);

interface TicketFacts {
  id: string;
  channel: "chat" | "ticket" | "email";
  createdMs: number;
  firstMs: number | null;
  resolvedMs: number | null;
  status: "open" | "pending" | "resolved" | "closed";
  rating: number | null;
  orderId: string;
}

function ticketFacts(
  rng: Rng,
  id: string,
  createdMs: number,
  channel: "chat" | "ticket" | "email",
  backlog: boolean,
  cal: StoreCalendar,
  relatedOrder: () => string,
): TicketFacts {
  let responseMs: number;
  let late: boolean;
  if (channel === "chat") {
    // Median ~15 s with a long tail: p90 ~50 s against a 30 s target.
    const seconds = Math.min(1800, Math.max(3, Math.round(rng.logNormal(backlog ? 22 : 15, 0.95))));
    responseMs = seconds * 1000;
    late = seconds > 60;
  } else {
    // ~9 in 10 answered within 24 h; in the backlog week most are not.
    const hours = backlog ? rng.logNormal(36, 0.6) : rng.logNormal(channel === "email" ? 6 : 4.5, 1.05);
    responseMs = Math.max(60, Math.round(hours * 3600)) * 1000;
    late = hours > 24;
  }
  const base = { id, channel, createdMs, orderId: relatedOrder() };
  const firstMs = createdMs + responseMs;
  if (firstMs > cal.endMs) return { ...base, firstMs: null, resolvedMs: null, status: "open", rating: null };
  const unresolved = rng.chance(channel === "chat" ? 0.025 : 0.07);
  const resolveMs = channel === "chat" ? Math.round(rng.logNormal(360, 0.8)) * 1000 : Math.round(rng.logNormal(8 * 3600, 1.0)) * 1000;
  const resolvedMs = firstMs + Math.max(30_000, resolveMs);
  if (unresolved || resolvedMs > cal.endMs) return { ...base, firstMs, resolvedMs: null, status: "pending", rating: null };
  // ~60% rate; a late reply makes a bad rating far likelier.
  const rating = rng.chance(0.625) ? 1 + rng.weighted(late ? LATE_RATINGS : GOOD_RATINGS) : null;
  const status = channel === "chat" || rng.chance(0.5) ? "resolved" : "closed";
  return { ...base, firstMs, resolvedMs, status, rating };
}

function ticketRow(t: TicketFacts): Row {
  return {
    ticket_id: t.id,
    channel: t.channel,
    created_at: formatInstant(t.createdMs),
    first_response_at: t.firstMs === null ? "" : formatInstant(t.firstMs),
    resolved_at: t.resolvedMs === null ? "" : formatInstant(t.resolvedMs),
    status: t.status,
    rating: t.rating === null ? "" : String(t.rating),
    order_id: t.orderId,
  };
}

// --- Streaming CSV files ---------------------------------------------------------------------

class CsvFile {
  private readonly stream: WriteStream;
  private readonly keys: string[];
  private pending: string[][] = [];
  rows = 0;

  constructor(path: string, dataset: DatasetName) {
    this.keys = columnKeys(dataset);
    this.stream = createWriteStream(path, { encoding: "utf8" });
    this.pending.push(this.keys);
  }

  add(row: Row): void {
    if (this.rows === 0) {
      // Rows of a dataset share one shape; check the first against the column spec.
      for (const key of Object.keys(row)) {
        if (!this.keys.includes(key)) throw new Error(`column "${key}" is not in the dataset's spec`);
      }
    }
    this.pending.push(this.keys.map((k) => row[k] ?? ""));
    this.rows++;
  }

  /** Writes what is buffered, waiting for the stream to drain when it asks to. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = stringify(this.pending);
    this.pending = [];
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

export interface StoreCounts {
  products: number;
  orders: number;
  lines: number;
  returns: number;
  trafficRows: number;
  tickets: number;
}

/** Every row written, in file order; lets a caller measure the data without reading it back. */
export type RowObserver = (dataset: DatasetName, row: Row) => void;

/** Writes the six CSV files into `dir` (created if needed), streaming batch by batch. */
export async function writeStoreFiles(dir: string, opts: StoreOptions, observe?: RowObserver): Promise<StoreCounts> {
  await mkdir(dir, { recursive: true });
  const catalog = buildCatalog(opts.seed);
  const files = Object.fromEntries(DATASET_ORDER.map((name) => [name, new CsvFile(join(dir, `${name}.csv`), name)])) as Record<
    DatasetName,
    CsvFile
  >;
  try {
    for (const v of catalog.variants) {
      const r = productRow(v);
      observe?.("products", r);
      files.products.add(r);
    }
    await files.products.flush();
    for (const batch of generateStore(opts, catalog)) {
      for (const name of ["orders", "order_lines", "returns", "traffic", "tickets"] as const) {
        const file = files[name];
        for (const r of batch[name]) {
          observe?.(name, r);
          file.add(r);
        }
        await file.flush();
      }
    }
  } finally {
    for (const name of DATASET_ORDER) await files[name].close();
  }
  return {
    products: files.products.rows,
    orders: files.orders.rows,
    lines: files.order_lines.rows,
    returns: files.returns.rows,
    trafficRows: files.traffic.rows,
    tickets: files.tickets.rows,
  };
}

// --- Measuring what was written --------------------------------------------------------------

/** Nearest-rank percentile of a sorted array (the KPI registry's definition). */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : round4(a / b));

interface Tally {
  sold: number;
  returned: number;
}

/**
 * Measures the figures the manifest promises from the rows as they are written: the planted
 * problems, the calibrated KPIs and the shape of the data. Holds per-order facts, so it is for
 * demo-sized stores, not the benchmark's.
 */
export class DemoStats {
  private readonly cal: StoreCalendar;
  private readonly orderInfo = new Map<string, { countable: boolean; day: string }>();
  private readonly ordersPerDay = new Map<string, number>();
  private readonly payingByDay = new Map<string, Set<string>>();
  private readonly visitorsByDay = new Map<string, number>();
  private readonly gmvBySource = new Map<string, number>();
  private readonly spendBySource = new Map<string, number>();
  private readonly sessionsBySource = new Map<string, number>();
  private readonly bySku = new Map<string, Tally>();
  private readonly skewSizes = { size: { sold: 0, returned: 0 }, others: { sold: 0, returned: 0 } };
  private readonly highSkuReasons = { expectation: 0, all: 0 };
  private readonly skewSizeReasons = { fit: 0, all: 0 };
  private readonly customers = new Set<string>();
  private readonly productIds = new Set<string>();
  private variants = 0;
  private draftVariants = 0;
  private orders = 0;
  private lines = 0;
  private cancelled = 0;
  private testOrders = 0;
  private pendingOrders = 0;
  private couponOrders = new Map<string, number>();
  private unitsSold = 0;
  private unitsReturned = 0;
  private returnRows = 0;
  private openReturns = 0;
  private chatSeconds: number[] = [];
  private ticketDue = 0;
  private ticketOnTime = 0;
  private backlogDue = 0;
  private backlogOnTime = 0;
  private conversations = 0;
  private chats = 0;
  private resolved = 0;
  private unanswered = 0;
  private ratings = 0;
  private goodRatings = 0;

  /** The data's last instant as a real epoch, comparable with Date.parse of a written row. */
  private readonly endInstant: number;
  private readonly backlogDays: [string, string];

  constructor(private readonly opts: StoreOptions) {
    this.cal = storeCalendar(opts);
    this.endInstant = Date.parse(formatInstant(this.cal.endMs));
    this.backlogDays = [
      formatDay(this.cal.startMs + this.cal.backlog[0] * DAY_MS),
      formatDay(this.cal.startMs + this.cal.backlog[1] * DAY_MS),
    ];
  }

  private tally(sku: string): Tally {
    let t = this.bySku.get(sku);
    if (!t) {
      t = { sold: 0, returned: 0 };
      this.bySku.set(sku, t);
    }
    return t;
  }

  private readonly skewSkus = new Set<string>();

  observe: RowObserver = (dataset, r) => {
    switch (dataset) {
      case "products": {
        this.variants++;
        this.productIds.add(r.product_id ?? "");
        if (r.status === "draft") this.draftVariants++;
        if (r.product_id === PLANTED.sizeSkew.productId && r.size === PLANTED.sizeSkew.size) this.skewSkus.add(r.sku ?? "");
        return;
      }
      case "orders": {
        this.orders++;
        const day = (r.placed_at ?? "").slice(0, 10);
        this.ordersPerDay.set(day, (this.ordersPerDay.get(day) ?? 0) + 1);
        const test = r.test === "true";
        const status = r.status ?? "";
        if (test) this.testOrders++;
        if (status === "cancelled") this.cancelled++;
        if (status === "pending") this.pendingOrders++;
        const countable = !test && status !== "cancelled";
        this.orderInfo.set(r.order_id ?? "", { countable, day });
        if (countable) {
          const source = r.source ?? "";
          this.gmvBySource.set(source, (this.gmvBySource.get(source) ?? 0) + parseFen(r.total ?? "0"));
          if (r.coupon_code) this.couponOrders.set(r.coupon_code, (this.couponOrders.get(r.coupon_code) ?? 0) + 1);
        }
        if (countable && status !== "pending") {
          const c = r.customer_id ?? "";
          this.customers.add(c);
          let set = this.payingByDay.get(day);
          if (!set) {
            set = new Set();
            this.payingByDay.set(day, set);
          }
          set.add(c);
        }
        return;
      }
      case "order_lines": {
        this.lines++;
        if (!this.orderInfo.get(r.order_id ?? "")?.countable) return;
        const qty = Number(r.quantity);
        this.unitsSold += qty;
        this.tally(r.sku ?? "").sold += qty;
        if (r.product_id === PLANTED.sizeSkew.productId) {
          (r.size === PLANTED.sizeSkew.size ? this.skewSizes.size : this.skewSizes.others).sold += qty;
        }
        return;
      }
      case "returns": {
        this.returnRows++;
        const qty = Number(r.quantity);
        this.unitsReturned += qty;
        if (!r.refunded_at) this.openReturns++;
        const sku = r.sku ?? "";
        this.tally(sku).returned += qty;
        const code = (r.reason_code || reasonCodeOfText(r.reason ?? "")) as ReasonCode | undefined;
        if (sku === PLANTED.highReturnSku.sku) {
          this.highSkuReasons.all++;
          if (code && reasonBucket(code) === "expectation") this.highSkuReasons.expectation++;
        }
        if (sku.startsWith(`${PLANTED.sizeSkew.productId}-`)) {
          (this.skewSkus.has(sku) ? this.skewSizes.size : this.skewSizes.others).returned += qty;
          if (this.skewSkus.has(sku)) {
            this.skewSizeReasons.all++;
            if (code === "SIZE_TOO_SMALL") this.skewSizeReasons.fit++;
          }
        }
        return;
      }
      case "traffic": {
        const day = r.date ?? "";
        const source = r.source ?? "";
        this.visitorsByDay.set(day, (this.visitorsByDay.get(day) ?? 0) + Number(r.visitors));
        this.sessionsBySource.set(source, (this.sessionsBySource.get(source) ?? 0) + Number(r.sessions));
        if (r.ad_spend) this.spendBySource.set(source, (this.spendBySource.get(source) ?? 0) + parseFen(r.ad_spend));
        return;
      }
      case "tickets": {
        this.conversations++;
        const created = Date.parse(r.created_at ?? "");
        const first = r.first_response_at ? Date.parse(r.first_response_at) : null;
        if (r.status === "resolved" || r.status === "closed") this.resolved++;
        if (first === null) this.unanswered++;
        if (r.rating) {
          this.ratings++;
          if (Number(r.rating) >= 4) this.goodRatings++;
        }
        if (r.channel === "chat") {
          this.chats++;
          if (first !== null) this.chatSeconds.push((first - created) / 1000);
          return;
        }
        // Tickets and e-mails: on time = first reply within 24 h; only those whose 24 h have passed count.
        if (created + 24 * HOUR_MS > this.endInstant) return;
        const onTime = first !== null && first - created <= 24 * HOUR_MS;
        this.ticketDue++;
        if (onTime) this.ticketOnTime++;
        const day = (r.created_at ?? "").slice(0, 10);
        if (day >= this.backlogDays[0] && day <= this.backlogDays[1]) {
          this.backlogDue++;
          if (onTime) this.backlogOnTime++;
        }
        return;
      }
    }
  };

  /** Conversion over the last `n` days: distinct paying customers / Σ daily visitors. */
  private conversionOver(n: number): number {
    const days = [...this.visitorsByDay.keys()].sort().slice(-n);
    const customers = new Set<string>();
    let visitors = 0;
    for (const day of days) {
      for (const c of this.payingByDay.get(day) ?? []) customers.add(c);
      visitors += this.visitorsByDay.get(day) ?? 0;
    }
    return ratio(customers.size, visitors);
  }

  figures() {
    const high = this.tally(PLANTED.highReturnSku.sku);
    const sizeRate = ratio(this.skewSizes.size.returned, this.skewSizes.size.sold);
    const otherRate = ratio(this.skewSizes.others.returned, this.skewSizes.others.sold);
    let dailyPaying = 0;
    let dailyVisitors = 0;
    for (const [day, visitors] of this.visitorsByDay) {
      dailyPaying += this.payingByDay.get(day)?.size ?? 0;
      dailyVisitors += visitors;
    }
    const sessions = [...this.sessionsBySource.values()].reduce((a, b) => a + b, 0);
    const chat = [...this.chatSeconds].sort((a, b) => a - b);
    const perDay = [...this.ordersPerDay.values()];
    const fmtRoas = (s: string) => ratio(this.gmvBySource.get(s) ?? 0, this.spendBySource.get(s) ?? 0);
    const skusOver15 = [...this.bySku.entries()]
      .filter(([, t]) => t.sold >= 30 && t.returned / t.sold > 0.15)
      .map(([sku, t]) => ({ sku, sold: t.sold, returned: t.returned, rate: ratio(t.returned, t.sold) }))
      .sort((a, b) => b.rate * b.returned - a.rate * a.returned);
    return {
      shape: {
        products: this.productIds.size,
        variants: this.variants,
        draftVariants: this.draftVariants,
        orders: this.orders,
        orderLines: this.lines,
        ordersPerDay: { min: Math.min(...perDay), max: Math.max(...perDay), mean: round4(this.orders / perDay.length) },
        payingCustomers: this.customers.size,
        cancelledShare: ratio(this.cancelled, this.orders),
        testOrders: this.testOrders,
        pendingOrders: this.pendingOrders,
        couponOrders: Object.fromEntries([...this.couponOrders.entries()].sort()),
        returns: this.returnRows,
        openReturns: this.openReturns,
        conversations: this.conversations,
        chats: this.chats,
      },
      highReturnSku: {
        unitsSold: high.sold,
        unitsReturned: high.returned,
        rate: ratio(high.returned, high.sold),
        expectationReasonShare: ratio(this.highSkuReasons.expectation, this.highSkuReasons.all),
      },
      sizeSkew: {
        sizeUnitsSold: this.skewSizes.size.sold,
        sizeUnitsReturned: this.skewSizes.size.returned,
        sizeRate,
        otherSizesUnitsSold: this.skewSizes.others.sold,
        otherSizesUnitsReturned: this.skewSizes.others.returned,
        otherSizesRate: otherRate,
        ratio: round4(
          this.skewSizes.size.returned / this.skewSizes.size.sold / (this.skewSizes.others.returned / this.skewSizes.others.sold),
        ),
        tooSmallReasonShare: ratio(this.skewSizeReasons.fit, this.skewSizeReasons.all),
      },
      returnRateUnits: ratio(this.unitsReturned, this.unitsSold),
      skusOver15: skusOver15.slice(0, 10),
      conversion: {
        daily: ratio(dailyPaying, dailyVisitors),
        last7Days: this.conversionOver(7),
        last30Days: this.conversionOver(30),
        allDays: this.conversionOver(this.opts.days),
      },
      organicSearchShare: ratio(this.sessionsBySource.get("organic_search") ?? 0, sessions),
      roas: { paid_search: fmtRoas("paid_search"), social: fmtRoas("social") },
      chatFirstResponse: { medianSeconds: nearestRank(chat, 0.5), p90Seconds: nearestRank(chat, 0.9) },
      ticketWithin24h: ratio(this.ticketOnTime, this.ticketDue),
      backlogWithin24h: ratio(this.backlogOnTime, this.backlogDue),
      resolutionRate: ratio(this.resolved, this.conversations),
      unanswered: this.unanswered,
      ratedShare: ratio(this.ratings, this.conversations),
      csat: ratio(this.goodRatings, this.ratings),
    };
  }
}

export type DemoFigures = ReturnType<DemoStats["figures"]>;

// --- The demo store --------------------------------------------------------------------------

export function demoManifest(opts: StoreOptions, counts: StoreCounts, f: DemoFigures) {
  const cal = storeCalendar(opts);
  const catalog = buildCatalog(opts.seed);
  const highVariant = catalog.variants.find((v) => v.sku === PLANTED.highReturnSku.sku);
  const skewVariant = catalog.variants.find((v) => v.productId === PLANTED.sizeSkew.productId);
  const day = (i: number) => formatDay(cal.startMs + i * DAY_MS);
  return {
    name: DEMO_STORE.name,
    endDate: opts.endDate,
    days: opts.days,
    timezone: DEMO_STORE.timezone,
    currency: DEMO_STORE.currency,
    seed: opts.seed,
    firstDate: cal.firstDay,
    generator: "scripts/generate-fixtures.ts (npm run fixtures)",
    files: {
      "products.csv": counts.products,
      "orders.csv": counts.orders,
      "order_lines.csv": counts.lines,
      "returns.csv": counts.returns,
      "traffic.csv": counts.trafficRows,
      "tickets.csv": counts.tickets,
    },
    planted: {
      highReturnSku: {
        sku: PLANTED.highReturnSku.sku,
        productId: PLANTED.highReturnSku.productId,
        title: highVariant?.title,
        size: highVariant?.size,
        colour: highVariant?.colour,
        metric: "return_rate_units",
        basis: "units returned (all returns rows) / units sold (order lines of orders that are not cancelled or test)",
        intended: PLANTED.highReturnSku.intendedRate,
        actual: f.highReturnSku.rate,
        unitsSold: f.highReturnSku.unitsSold,
        unitsReturned: f.highReturnSku.unitsReturned,
        reasons: "mostly 与描述不符 / 颜色和图片不一样 (NOT_AS_DESCRIBED, COLOR)",
        expectationReasonShare: f.highReturnSku.expectationReasonShare,
      },
      sizeSkew: {
        productId: PLANTED.sizeSkew.productId,
        title: skewVariant?.title,
        size: PLANTED.sizeSkew.size,
        metric: "return_rate_units of the size / return_rate_units of the product's other sizes",
        intended: PLANTED.sizeSkew.intendedRatio,
        actual: f.sizeSkew.ratio,
        sizeRate: f.sizeSkew.sizeRate,
        otherSizesRate: f.sizeSkew.otherSizesRate,
        sizeUnitsSold: f.sizeSkew.sizeUnitsSold,
        sizeUnitsReturned: f.sizeSkew.sizeUnitsReturned,
        reasons: "mostly 尺码偏小 / too small (SIZE_TOO_SMALL)",
        tooSmallReasonShare: f.sizeSkew.tooSmallReasonShare,
      },
      socialRoas: {
        source: "social",
        metric: "roas:social",
        basis: "GMV (order total) of orders with source social, not cancelled or test / social ad spend",
        target: 3,
        intended: ROAS_TARGETS.social,
        actual: f.roas.social,
      },
      chatFirstResponse: {
        metric: "chat_first_response_p90",
        targetSeconds: 30,
        intendedMedianSeconds: 15,
        intendedP90Seconds: "40-60",
        medianSeconds: f.chatFirstResponse.medianSeconds,
        p90Seconds: f.chatFirstResponse.p90Seconds,
      },
      csat: {
        metric: "csat",
        basis: "ratings of 4 or 5 / all ratings",
        target: 0.95,
        intended: "0.90-0.93",
        actual: f.csat,
        ratedShare: f.ratedShare,
      },
      ticketFirstResponse: {
        metric: "ticket_first_response_within_target",
        basis: "tickets and e-mails answered within 24 h / those created at least 24 h before the end",
        target: 0.95,
        intended: "0.85-0.92",
        actual: f.ticketWithin24h,
      },
      supportBacklog: {
        from: day(cal.backlog[0]),
        to: day(cal.backlog[1]),
        label: "National Day holiday week (国庆): more tickets, slow first replies",
        ticketsWithin24h: f.backlogWithin24h,
      },
      promotionWeekend: {
        from: day(cal.promoDays[0]),
        to: day(cal.promoDays[1]),
        label: "双11 warm-up weekend: ~1.8x orders, FULL399-50 and more FULL199-20 coupons",
      },
      invalidData: "none: every row is valid; bad-input cases are tested with their own fixtures",
    },
    kpis: {
      note: "Measured on the rows written; a report over a sub-period will differ.",
      conversion: {
        basis: "distinct paying customers / Σ daily visitors (buyers-per-visitor)",
        intended: 0.035,
        daily: f.conversion.daily,
        last7Days: f.conversion.last7Days,
        last30Days: f.conversion.last30Days,
        allDays: f.conversion.allDays,
      },
      organicSearchShare: { intended: "0.22-0.26", target: 0.2, actual: f.organicSearchShare },
      roasPaidSearch: { intended: ROAS_TARGETS.paid_search, target: 3, actual: f.roas.paid_search },
      returnRateUnits: { intended: "0.06-0.09", target: 0.15, actual: f.returnRateUnits },
      skusOver15PercentReturned: {
        basis: "SKUs with >= 30 units sold and a unit return rate above 15%, by rate x units returned",
        skus: f.skusOver15,
      },
      resolutionRate: { intended: 0.96, target: 0.98, actual: f.resolutionRate },
    },
    shape: f.shape,
  };
}

export type DemoManifest = ReturnType<typeof demoManifest>;

export interface DemoStoreResult {
  counts: StoreCounts;
  figures: DemoFigures;
  manifest: DemoManifest;
}

/** Writes the demo store: the six CSVs and manifest.json. */
export async function writeDemoStore(dir: string, overrides: Partial<StoreOptions> = {}): Promise<DemoStoreResult> {
  const opts: StoreOptions = {
    seed: overrides.seed ?? DEMO_STORE.seed,
    endDate: overrides.endDate ?? DEMO_STORE.endDate,
    days: overrides.days ?? DEMO_STORE.days,
    orders: overrides.orders ?? DEMO_STORE.orders,
  };
  const stats = new DemoStats(opts);
  const counts = await writeStoreFiles(dir, opts, stats.observe);
  const figures = stats.figures();
  const manifest = demoManifest(opts, counts, figures);
  await writeFile(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`, "utf8");
  return { counts, figures, manifest };
}
