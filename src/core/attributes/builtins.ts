/**
 * The remaining built-in attributes — flavour, capacity, net weight, dimensions — and the list of
 * all of them.
 *
 * Decisions: flavour is free-form (a shop can sell 榴莲味 tomorrow), but the common flavours still
 * map to one canonical value each, and a trailing 味 / 口味 never matters. The net-weight attribute
 * answers only explicit net-weight headers (净含量, Net weight): a plain "重量"/"Weight" column is the
 * variant's shipping weight, read with parseWeightGrams. Bare numbers are grams / millilitres.
 */
import { COLOUR } from "./colour.js";
import { MATERIAL } from "./material.js";
import { dropSuffix } from "./normalize.js";
import { SIZE } from "./size.js";
import { SPEC } from "./spec.js";
import { type AttributeSpec, entry } from "./types.js";
import { dimensionsRank, quantityRank, standardizeCapacity, standardizeDimensions, standardizeWeight } from "./units.js";

const FLAVOUR_SUFFIXES = ["口味", "味道", "味"];

export const FLAVOUR: AttributeSpec = {
  name: "flavour",
  labels: { en: "Flavour", zh: "口味", "zh-Hant": "口味" },
  headers: ["口味", "味道", "风味", "風味", "flavour", "flavor", "flavours", "flavors", "taste"],
  values: [
    entry("original", "原味", "", ["经典原味", "經典原味", "plain", "classic"]),
    entry("spicy", "香辣", "", ["辣", "辣味", "麻辣", "hot", "spicy hot"]),
    entry("mild spicy", "微辣", "", ["mild", "小辣"]),
    entry("extra spicy", "特辣", "", ["超辣", "变态辣", "變態辣", "extra hot"]),
    entry("sweet", "甜味", "", ["甜"]),
    entry("salty", "咸味", "鹹味", ["咸", "鹹", "海盐", "海鹽", "sea salt"]),
    entry("sweet and sour", "酸甜", "", ["糖醋", "sweet & sour"]),
    entry("salt and pepper", "椒盐", "椒鹽", ["salt & pepper"]),
    entry("barbecue", "烧烤", "燒烤", ["bbq", "烤肉"]),
    entry("five spice", "五香", "", []),
    entry("cumin", "孜然", "", []),
    entry("garlic", "蒜香", "", ["蒜"]),
    entry("seaweed", "海苔", "", []),
    entry("tomato", "番茄", "", ["西红柿", "西紅柿", "茄汁"]),
    entry("cheese", "芝士", "", ["奶酪", "起司", "乳酪"]),
    entry("chocolate", "巧克力", "", ["可可", "cocoa"]),
    entry("vanilla", "香草", "", []),
    entry("strawberry", "草莓", "", []),
    entry("matcha", "抹茶", "", ["green tea"]),
    entry("milk", "牛奶", "", ["奶香"]),
    entry("honey", "蜂蜜", "", []),
    entry("lemon", "柠檬", "檸檬", []),
    entry("mango", "芒果", "", []),
    entry("coffee", "咖啡", "", []),
    entry("mixed", "混合", "", ["什锦", "什錦", "综合", "綜合", "assorted", "mixed flavours", "多口味"]),
  ],
  ordered: false,
  keyOf: (key) => dropSuffix(key, FLAVOUR_SUFFIXES),
  freeForm: true,
};

export const CAPACITY: AttributeSpec = {
  name: "capacity",
  labels: { en: "Capacity", zh: "容量", "zh-Hant": "容量" },
  headers: ["容量", "容積", "容积", "规格容量", "capacity", "volume", "net volume", "net content"],
  values: [],
  ordered: false,
  parse: standardizeCapacity,
  rank: quantityRank,
};

export const WEIGHT: AttributeSpec = {
  name: "weight",
  labels: { en: "Net weight", zh: "净含量", "zh-Hant": "淨含量" },
  headers: ["净含量", "淨含量", "净重", "淨重", "净重量", "淨重量", "net weight", "net wt", "net wt.", "nett weight"],
  values: [],
  ordered: false,
  parse: standardizeWeight,
  rank: quantityRank,
};

export const DIMENSIONS: AttributeSpec = {
  name: "dimensions",
  labels: { en: "Dimensions", zh: "规格尺寸", "zh-Hant": "規格尺寸" },
  headers: [
    "规格尺寸",
    "規格尺寸",
    "外形尺寸",
    "外觀尺寸",
    "外观尺寸",
    "产品尺寸",
    "產品尺寸",
    "商品尺寸",
    "长宽高",
    "長寬高",
    "长x宽x高",
    "dimensions",
    "dimension",
    "product dimensions",
    "size (l x w x h)",
  ],
  values: [],
  ordered: false,
  parse: standardizeDimensions,
  rank: dimensionsRank,
};

/** Every built-in attribute, in the order names() lists them. */
export const BUILT_IN_SPECS: readonly AttributeSpec[] = [COLOUR, SIZE, MATERIAL, FLAVOUR, CAPACITY, WEIGHT, DIMENSIONS, SPEC];
