/**
 * 规格 (spec): the generic column of grocery, beauty and industrial sheets. It is not a size:
 * it holds 400g, 500ml, 5.8g*15支, M, or a model's own words. The value is kept as written (the
 * attribute is free-form) and read value by value for the canonical attributes beside it:
 * - a weight (400g, 0.5kg, 2斤) -> net weight;
 * - a volume (500ml, 1.5L) -> capacity;
 * - a count (15支) -> pack size; a weight or volume times a count (5.8g*15支) -> pack size plus
 *   the unit weight or volume;
 * - a clothing size (M, 加大码) -> size;
 * - anything else (a bare 20.8, "A4 80g 500张") -> nothing: kept as written, no guess.
 */
import { lookupKey } from "./normalize.js";
import type { AttributeSpec } from "./types.js";
import { isParseFailure, standardizeCapacity, standardizeWeight } from "./units.js";

export const SPEC: AttributeSpec = {
  name: "spec",
  labels: { en: "Spec", zh: "规格", "zh-Hant": "規格" },
  // Generic variant columns too: their "Size:M" cells are split into the attribute they name.
  headers: [
    "规格",
    "規格",
    "spec",
    "specs",
    "specification",
    "specifications",
    "规格型号",
    "規格型號",
    "型号规格",
    "商品规格",
    "商品規格",
    // Industrial and grocery product lists (a real 产品目录 of paints and lubricants): 产品规格.
    "产品规格",
    "產品規格",
    "货品规格",
    "貨品規格",
    "销售属性",
    "銷售屬性",
    "规格属性",
    "規格屬性",
    // Platform and ERP exports: 规格名称 (抖店-style product export), SKU名称 (a SKU list), 规格别名 (快麦).
    "规格名称",
    "規格名稱",
    "规格名",
    "規格名",
    "sku名称",
    "sku名稱",
    "规格别名",
    "規格別名",
    "variant title",
    "variant",
    "variation",
    "option",
    "options",
  ],
  values: [],
  ordered: false,
  freeForm: true,
};

/** The counting words a bare count may end in (15支, 6瓶, 12 pcs). */
const COUNT = /^(\d+)(支|个|個|只|片|条|條|粒|瓶|袋|包|盒|罐|听|聽|桶|杯|枚|件|pcs?|packs?|bottles?|cans?|bags?|boxes?)$/;
const HAS_UNIT = /\d\s*[^\d\s.,*x×]/;
const PACK = / × (\d+)$/;
const BARE_NUMBER = /^\d+(\.\d+)?$/;

/** Decides what a size value is; the dictionary's own size reading. */
export type SizeReader = (raw: string) => string | undefined;

/** Canonical attributes a spec value stands for (attribute -> canonical value); {} when none. */
export function readSpec(raw: string, size: SizeReader): Record<string, string> {
  const key = lookupKey(raw);
  if (key === "") return {};
  const count = COUNT.exec(key);
  if (count) return { "pack size": String(Number(count[1])) };
  // A bare number (20.8) names no unit: weight, volume or a frame size are all possible.
  if (HAS_UNIT.test(key)) {
    for (const [attr, read] of [
      ["weight", standardizeWeight],
      ["capacity", standardizeCapacity],
    ] as const) {
      const v = read(key);
      if (v === undefined || isParseFailure(v)) continue;
      const pack = PACK.exec(v);
      return pack ? { [attr]: v.replace(PACK, ""), "pack size": pack[1] as string } : { [attr]: v };
    }
  }
  // A bare number could be a shoe size, a frame size or a model number: no guess.
  if (BARE_NUMBER.test(key)) return {};
  const s = size(raw);
  return s === undefined ? {} : { size: s };
}
