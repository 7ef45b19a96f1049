/**
 * A store's product as one 淘宝助理 item row, in the 5.x layout the importer reads (taobao.ts):
 * the `version 1.00` line, the English field-name line and the Chinese line, then one row per
 * item. Variants go to 销售属性组合 with seller-defined value ids (-1001, -1002 ... per property)
 * named in 销售属性别名 and 自定义属性值, so every display value comes back as written; colour and
 * size use Taobao's own properties (1627207 颜色分类, 20509 尺码), other axes one property each
 * from a fixed list. The file opens in 淘宝助理; a product whose category is a Taobao category
 * id (as imported from 宝贝类目) keeps it, else the seller picks the category before publishing.
 */
import { type Message, msg } from "../i18n/index.js";
import type { Product } from "../model.js";
import { minorToDecimal } from "../values.js";
import { TAOBAO_FIELDS } from "./taobao-fields.js";

/** The fields written, in order: the 5.6 generation plus its last additions (自定义属性值). */
export const TAOBAO_EXPORT_FIELDS: readonly string[] = TAOBAO_FIELDS.slice(
  0,
  TAOBAO_FIELDS.findIndex(([f]) => f === "o2o_bind_service") + 1,
).map(([f]) => f);

const CHINESE = new Map(TAOBAO_FIELDS.map(([f, zh]) => [f, zh[0] ?? f]));

/** The three lines above the items. */
export function taobaoPreamble(): string[][] {
  return [["version 1.00"], [...TAOBAO_EXPORT_FIELDS], TAOBAO_EXPORT_FIELDS.map((f) => CHINESE.get(f) ?? f)];
}

// Property ids for axes: Taobao's colour and size; the others take ids no standard property uses
// in the categories studied, so a re-import keeps them apart.
const AXIS_PIDS: ReadonlyMap<string, string> = new Map([
  ["colour", "1627207"],
  ["size", "20509"],
]);
const OTHER_PIDS = ["122216343", "122216586", "122216347", "122276111"];

/** Characters 销售属性组合 and 销售属性别名 use as separators: a value holding one cannot be written. */
const SEPARATORS = /[:;,\t\r\n]/;

/** A product 淘宝助理's layout cannot hold; `problem` names the product and the value (the service adds the file). */
export class TaobaoExportError extends Error {
  constructor(readonly problem: Message) {
    super(problem.id);
  }
}

/** The separator `value` holds, spelled so it shows (a tab or line break is invisible). */
function separatorIn(value: string): string {
  const ch = SEPARATORS.exec(value)?.[0] ?? "";
  return ({ "\t": "TAB", "\r": "CR", "\n": "LF" } as Record<string, string>)[ch] ?? ch;
}

const COLUMN = new Map(TAOBAO_EXPORT_FIELDS.map((f, i) => [f, i]));

/** One item row aligned with TAOBAO_EXPORT_FIELDS. Throws TaobaoExportError for a value 淘宝助理 cannot hold. */
export function taobaoRow(p: Product, currency: string): string[] {
  const row = new Array<string>(TAOBAO_EXPORT_FIELDS.length).fill("");
  const set = (field: string, value: string) => {
    const i = COLUMN.get(field);
    if (i !== undefined) row[i] = value;
  };
  set("title", p.title);
  set("description", p.description ?? "");
  set("approve_status", p.status === "active" ? "0" : "1");
  set("outer_id", p.handle);
  // A category that is a Taobao category id (read from 宝贝类目) goes back to it: the item keeps its category.
  if (p.category && /^\d+$/.test(p.category)) set("cid", p.category);
  const prices = p.variants.map((v) => v.price);
  set("price", prices.length > 0 ? minorToDecimal(Math.min(...prices), currency) : "");
  // An untracked stock stays empty, so a re-import does not start counting it.
  const tracked = p.variants.filter((v) => typeof v.inventory === "number");
  set("num", tracked.length === 0 ? "" : String(tracked.reduce((n, v) => n + Math.max(0, v.inventory ?? 0), 0)));
  const pictures = (p.images ?? []).map((url, i) => `:1:${i}:|${url}`);

  const axes = p.options ?? [];
  if (axes.length === 0 && p.variants.length <= 1) {
    const v = p.variants[0];
    // A single-variant item: its SKU is the item's 商家编码 when it has one.
    if (v?.sku) set("outer_id", v.sku);
    if (v?.barcode) set("barcode", v.barcode);
    set("picture", pictures.map((s) => `${s};`).join(""));
    return row;
  }

  const pids = new Map<string, string>();
  let other = 0;
  for (const axis of axes) {
    const pid = AXIS_PIDS.get(axis) ?? OTHER_PIDS[other++];
    if (pid === undefined)
      throw new TaobaoExportError(
        msg("hostile.taobao.axes", { handle: p.handle, axes: axes.join(", "), max: OTHER_PIDS.length + AXIS_PIDS.size }),
      );
    pids.set(axis, pid);
  }
  // One seller-defined value id per property and display value, in order of first use.
  const vids = new Map<string, string>();
  const names: string[] = [];
  const vidOf = (pid: string, value: string): string => {
    const key = `${pid}\u0000${value}`;
    let vid = vids.get(key);
    if (vid === undefined) {
      vid = String(-1001 - [...vids.keys()].filter((k) => k.startsWith(`${pid}\u0000`)).length);
      vids.set(key, vid);
      names.push(`${pid}:${vid}:${value};`);
    }
    return vid;
  };
  const skus: string[] = [];
  const valuePictures: string[] = [];
  for (const v of p.variants) {
    if (v.sku && SEPARATORS.test(v.sku))
      throw new TaobaoExportError(msg("hostile.taobao.separator_sku", { handle: p.handle, sku: v.sku, char: separatorIn(v.sku) }));
    const props: string[] = [];
    for (const axis of axes) {
      const value = v.options[axis] ?? "";
      if (value === "") throw new TaobaoExportError(msg("hostile.taobao.no_value", { handle: p.handle, axis, sku: v.sku ?? "" }));
      if (SEPARATORS.test(value))
        throw new TaobaoExportError(msg("hostile.taobao.separator_value", { handle: p.handle, axis, value, char: separatorIn(value) }));
      const pid = pids.get(axis) as string;
      const vid = vidOf(pid, value);
      props.push(`${pid}:${vid}`);
      if (v.image && axis === axes[0] && !valuePictures.some((s) => s.includes(`:${pid}:${vid}|`))) {
        valuePictures.push(`:2:0:${pid}:${vid}|${v.image}`);
      }
    }
    const qty = typeof v.inventory === "number" ? String(Math.max(0, v.inventory)) : "";
    skus.push(`${minorToDecimal(v.price, currency)}:${qty}:${v.sku ?? ""}:${props.join(";")};`);
  }
  set("skuProps", skus.join(""));
  // One barcode per SKU in 销售属性组合's order (see taobao.ts skuBarcodes), when any has one.
  if (p.variants.some((v) => v.barcode)) set("sku_barcode", p.variants.map((v) => v.barcode ?? "").join(","));
  set("propAlias", names.join(""));
  set("input_custom_cpv", names.join(""));
  set("picture", [...pictures, ...valuePictures].map((s) => `${s};`).join(""));
  return row;
}
