/**
 * Materials: fibres and the common hard goods materials, and fibre compositions with percentages
 * ("95%棉 5%氨纶", "cotton 95% / spandex 5%") -> "cotton 95%, spandex 5%": largest share first,
 * shares adding up to 100%. A list without percentages ("棉/涤纶") keeps its order: "cotton, polyester".
 */

import { msg } from "../i18n/index.js";
import { MATERIAL_HEADERS, MATERIAL_WORDS, withWords } from "./languages.js";
import { type AttributeSpec, entry, type Labels, type ParseContext } from "./types.js";
import type { ParseFailure } from "./units.js";

const values = [
  entry("cotton", "棉", "", ["纯棉", "純棉", "全棉", "棉质", "棉質", "精梳棉", "长绒棉", "長絨棉", "有机棉", "有機棉", "棉布"]),
  entry("polyester", "涤纶", "滌綸", ["聚酯纤维", "聚酯纖維", "聚酯", "poly", "涤", "滌"]),
  entry("linen", "亚麻", "亞麻", ["麻", "苎麻", "苧麻", "flax", "ramie"]),
  entry("silk", "真丝", "真絲", ["桑蚕丝", "桑蠶絲", "蚕丝", "蠶絲", "丝", "絲", "mulberry silk"]),
  entry("wool", "羊毛", "", ["绵羊毛", "綿羊毛", "美利奴羊毛", "merino", "merino wool", "毛"]),
  entry("cashmere", "羊绒", "羊絨", ["山羊绒", "山羊絨", "开司米", "開司米"]),
  entry("mohair", "马海毛", "馬海毛", []),
  entry("alpaca", "羊驼毛", "羊駝毛", []),
  entry("leather", "真皮", "", ["皮革", "牛皮", "头层牛皮", "頭層牛皮", "羊皮", "genuine leather", "cowhide"]),
  entry("faux leather", "人造革", "", ["pu", "pu皮", "pu革", "合成革", "仿皮", "pu leather", "synthetic leather", "vegan leather"]),
  entry("suede", "麂皮", "", ["绒面革", "絨面革", "麂皮绒", "麂皮絨"]),
  entry("nylon", "锦纶", "錦綸", ["尼龙", "尼龍", "polyamide", "聚酰胺", "聚醯胺"]),
  entry("spandex", "氨纶", "氨綸", ["弹性纤维", "彈性纖維", "elastane", "lycra", "莱卡", "萊卡", "莱卡棉"]),
  entry("viscose", "粘纤", "黏纖", ["粘胶纤维", "黏膠纖維", "粘胶", "黏膠", "人造棉", "rayon", "人造丝", "人造絲"]),
  entry("modal", "莫代尔", "莫代爾", []),
  entry("lyocell", "莱赛尔", "萊賽爾", ["天丝", "天絲", "tencel"]),
  entry("acrylic", "腈纶", "腈綸", ["亚克力纤维", "压克力"]),
  entry("bamboo fibre", "竹纤维", "竹纖維", ["bamboo fiber", "竹纤"]),
  entry("down", "羽绒", "羽絨", ["鸭绒", "鴨絨", "鹅绒", "鵝絨", "duck down", "goose down"]),
  entry("denim", "牛仔布", "", ["牛仔"]),
  entry("canvas", "帆布", "", []),
  entry("velvet", "丝绒", "絲絨", ["天鹅绒", "天鵝絨"]),
  entry("fleece", "摇粒绒", "搖粒絨", ["抓绒", "抓絨", "polar fleece"]),
  entry("stainless steel", "不锈钢", "不鏽鋼", ["304不锈钢", "316不锈钢"]),
  entry("metal", "金属", "金屬", []),
  entry("alloy", "合金", "", ["锌合金", "鋅合金", "铝合金", "鋁合金"]),
  entry("aluminium", "铝", "鋁", ["aluminum"]),
  entry("plastic", "塑料", "塑膠", ["pp", "abs", "塑胶"]),
  entry("silicone", "硅胶", "矽膠", ["硅膠"]),
  entry("rubber", "橡胶", "橡膠", []),
  entry("glass", "玻璃", "", ["钢化玻璃", "鋼化玻璃"]),
  entry("ceramic", "陶瓷", "", ["瓷"]),
  entry("wood", "木", "", ["实木", "實木", "木质", "木質", "wooden", "solid wood"]),
  entry("bamboo", "竹", "", ["竹子", "竹制", "竹製"]),
  entry("paper", "纸", "紙", ["纸质", "紙質"]),
];

const PERCENT = /(\d+(?:\.\d+)?)%/g;
const EDGE_SEPARATORS = /^[,、/+;&和及]+|[,、/+;&和及]+$/g;
const LIST_SEPARATORS = /[,、/+;&]/;
const CANONICAL_PART = /^(.*) (\d+(?:\.\d+)?)%$/;

interface Share {
  material: string;
  percent: number;
}

function parseComposition(key: string, { lookup, suggest }: ParseContext): string | ParseFailure | undefined {
  const matches = [...key.matchAll(PERCENT)];
  if (matches.length === 0) {
    const parts = key.split(LIST_SEPARATORS).filter((p) => p !== "");
    if (parts.length < 2) return undefined;
    const materials: string[] = [];
    for (const part of parts) {
      const material = lookup(part);
      if (material === undefined) return unknownPart(part, suggest);
      if (!materials.includes(material)) materials.push(material);
    }
    return materials.join(", ");
  }
  const percentFirst = key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57;
  const shares: Share[] = [];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i] as RegExpExecArray;
    const from = percentFirst ? m.index + m[0].length : i === 0 ? 0 : (matches[i - 1]?.index ?? 0) + (matches[i - 1]?.[0].length ?? 0);
    const to = percentFirst ? (matches[i + 1]?.index ?? key.length) : m.index;
    const name = key.slice(from, to).replace(EDGE_SEPARATORS, "");
    const material = lookup(name);
    if (material === undefined) return unknownPart(name, suggest);
    const percent = Number(m[1]);
    const same = shares.find((s) => s.material === material);
    if (same) same.percent += percent;
    else shares.push({ material, percent });
  }
  // Text left after the last share (percent-last) or before the first (percent-first) is not part of any share.
  const last = matches[matches.length - 1] as RegExpExecArray;
  if (!percentFirst && key.slice(last.index + last[0].length).replace(EDGE_SEPARATORS, "") !== "") return undefined;
  const total = Math.round(shares.reduce((sum, s) => sum + s.percent, 0) * 100) / 100;
  if (total !== 100) return { problem: msg("catalog.attr.shares_total", { total }), suggestions: [] };
  shares.sort((a, b) => b.percent - a.percent);
  return shares.map((s) => `${s.material} ${Math.round(s.percent * 100) / 100}%`).join(", ");
}

function unknownPart(part: string, suggest: ParseContext["suggest"]): ParseFailure | undefined {
  return part === "" ? undefined : { problem: msg("catalog.attr.unknown_material", { value: part }), suggestions: suggest(part) };
}

const labelOf = new Map(values.map((v) => [v.value, v.labels]));

/** "cotton 95%, spandex 5%" -> "棉95%，氨纶5%" in Chinese. */
function labelComposition(value: string, lang: keyof Labels): string | undefined {
  if (lang === "en") return undefined;
  const parts = value.split(", ");
  if (parts.length < 2) return undefined;
  const labelled = parts.map((part) => {
    const m = CANONICAL_PART.exec(part);
    const material = m?.[1] ?? part;
    const name = labelOf.get(material)?.[lang] ?? material;
    return m ? `${name}${m[2]}%` : name;
  });
  return labelled.join("，");
}

/** Compositions sort by their main material's share, then by text. */
function rankComposition(value: string): number[] | undefined {
  const m = CANONICAL_PART.exec(value.split(", ")[0] ?? "");
  return m ? [-Number(m[2])] : undefined;
}

export const MATERIAL: AttributeSpec = {
  name: "material",
  labels: { en: "Material", zh: "材质", "zh-Hant": "材質" },
  headers: [
    "材质",
    "材質",
    "面料",
    "材料",
    "成分",
    "面料成分",
    "材质成分",
    "材質成分",
    "面料材质",
    "material",
    "materials",
    "fabric",
    "composition",
    ...MATERIAL_HEADERS,
  ],
  values: withWords(values, MATERIAL_WORDS),
  ordered: false,
  parse: parseComposition,
  rank: rankComposition,
  label: labelComposition,
};
