/**
 * Sizes: clothing letter sizes (XXS..5XL), Chinese GB labels (170/88A), plain numeric sizes
 * (waist 28, kids' 110), shoe sizes with their system (EU 42, US 9, UK 8, CN 260 mm) and One Size.
 *
 * Decisions: 特大 (号/码) is XXL, as in the common 小/中/大/加大/特大 = S/M/L/XL/XXL tables. "42码"
 * stays the plain size "42": a sheet cannot tell shoes from shirt collars, so a shoe system is only
 * set when the cell names it (欧码42, EU42, US 9). A letter with a GB label ("L(170/88A)",
 * "L170/88A") is the letter: the letter is what shoppers choose from.
 */

import { msg } from "../i18n/index.js";
import { SIZE_HEADERS, SIZE_WORDS, withWords } from "./languages.js";
import { dropSuffix } from "./normalize.js";
import { type AttributeSpec, entry, type Labels, type ParseContext } from "./types.js";
import type { ParseFailure } from "./units.js";

export const LETTER_SIZES = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "3XL", "4XL", "5XL"] as const;
export const ONE_SIZE = "One Size";

const values = [
  entry("XXS", "XXS", "", ["2XS", "xx-small", "extra extra small", "xxsmall", "加加小", "加加小码"]),
  entry("XS", "XS", "", ["x-small", "extra small", "xsmall", "加小", "加小码", "加小號", "特小"]),
  entry("S", "S", "", ["small", "sm", "小", "小码", "小號", "小号", "小碼"]),
  entry("M", "M", "", ["medium", "med", "中", "中码", "中號", "中号", "中碼"]),
  entry("L", "L", "", ["large", "lg", "大", "大码", "大號", "大号", "大碼"]),
  entry("XL", "XL", "", ["x-large", "extra large", "xlarge", "1XL", "加大", "加大码", "加大號", "加大号", "加大碼"]),
  entry("XXL", "XXL", "", [
    "2XL",
    "xx-large",
    "extra extra large",
    "xxlarge",
    "加加大",
    "加加大码",
    "加加大號",
    "特大",
    "特大号",
    "特大码",
    "特大號",
  ]),
  entry("3XL", "3XL", "", ["XXXL", "xxx-large", "xxxlarge", "3X", "加加加大", "加加加大码"]),
  entry("4XL", "4XL", "", ["XXXXL", "4X"]),
  entry("5XL", "5XL", "", ["XXXXXL", "5X"]),
  entry(ONE_SIZE, "均码", "均碼", [
    "F",
    "Free",
    "Free Size",
    "Freesize",
    "One Size",
    "OneSize",
    "OS",
    "O/S",
    "OSFA",
    "One size fits all",
    "均号",
    "统一码",
    "通码",
    "通碼",
  ]),
];

const SIZE_SUFFIXES = ["码", "碼", "号", "號"];

type ShoeSystem = "EU" | "US" | "UK" | "CN";
const SHOE_RANGES: Record<ShoeSystem, [number, number]> = { EU: [15, 52], US: [1, 18], UK: [1, 16], CN: [100, 330] };
const SHOE_WORDS: [RegExp, ShoeSystem][] = [
  [/^(?:eu|eur|euro|欧|歐|欧洲|歐洲)[码碼]?(\d+(?:\.5)?)$|^(\d+(?:\.5)?)(?:eu|eur|欧|歐)$/, "EU"],
  [/^(?:us|usa|美|美国|美國)[码碼]?(\d+(?:\.5)?)$|^(\d+(?:\.5)?)(?:us|美)$/, "US"],
  [/^(?:uk|英|英国|英國)[码碼]?(\d+(?:\.5)?)$|^(\d+(?:\.5)?)(?:uk|英)$/, "UK"],
  [/^(?:cn|中国|中國|国标|國標)[码碼]?(\d{3})(?:mm)?$|^(\d{3})(?:mm|cn)$/, "CN"],
];
const SHOE_LABELS: Record<ShoeSystem, Labels> = {
  EU: { en: "EU ", zh: "欧码", "zh-Hant": "歐碼" },
  US: { en: "US ", zh: "美码", "zh-Hant": "美碼" },
  UK: { en: "UK ", zh: "英码", "zh-Hant": "英碼" },
  CN: { en: "CN ", zh: "中国码", "zh-Hant": "中國碼" },
};
const GB_LABEL = /^(\d{2,3})\/(\d{2,3})([abcy])?$/;
const LETTER_WITH_GB = /^([2-5]?x{0,4}[sml])\(?\d{2,3}\/\d{2,3}[abcy]?\)?$/;
const PLAIN_NUMBER = /^(\d{1,3}(?:\.\d)?)(?:cm)?$/;
/**
 * Children's sizes by age, as baby and kids' shops write them in their language: "0-3 months",
 * "3-6 meses", "6-12 mois", "12-18 Monate", "3M", "2 years", "4 años", "2T" (toddler). Canonical:
 * "0-3 months", "3 months", "2 years", "2-3 years". Ranked by age in months.
 */
const AGE_MONTHS =
  /^(\d{1,2})(?:-(\d{1,2}))?(?:months?|mths?|mos?|m|meses|mes|mois|monate?|mesi|maanden|miesięcy|miesiące|månader|måneder|ヶ月|か月|개월)$/;
const AGE_YEARS = /^(\d{1,2})(?:-(\d{1,2}))?(?:years?|yrs?|y|t|años|anos|ans|jahre|anni|jaar|lat|år|歳|세)$/;
const CANONICAL_AGE = /^(\d{1,2})(?:-(\d{1,2}))? (months|years)$/;

function parseAge(key: string): string | undefined {
  for (const [re, unit] of [
    [AGE_MONTHS, "months"],
    [AGE_YEARS, "years"],
  ] as const) {
    const m = re.exec(key);
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? undefined : Number(m[2]);
    if (to !== undefined && to <= from) return undefined;
    return to === undefined ? `${from} ${unit}` : `${from}-${to} ${unit}`;
  }
  return undefined;
}
const CANONICAL_NUMBER = /^\d+(\.\d)?$/;
const CANONICAL_SHOE = /^(EU|US|UK|CN) (\d+(?:\.5)?)$/;

function shoeSize(system: ShoeSystem, n: number): string | ParseFailure {
  const [min, max] = SHOE_RANGES[system];
  if (n < min || n > max) return { problem: msg("catalog.attr.shoe_size", { system, n, min, max }), suggestions: [] };
  return `${system} ${n}`;
}

function parseSize(key: string, { lookup }: ParseContext): string | ParseFailure | undefined {
  const gb = GB_LABEL.exec(key);
  if (gb) {
    const height = Number(gb[1]);
    const chest = Number(gb[2]);
    if (height < 50 || height > 220 || chest < 40 || chest > 150) return undefined;
    return `${height}/${chest}${(gb[3] ?? "").toUpperCase()}`;
  }
  for (const [pattern, system] of SHOE_WORDS) {
    const m = pattern.exec(key);
    if (m) return shoeSize(system, Number(m[1] ?? m[2]));
  }
  const age = parseAge(key);
  if (age !== undefined) return age;
  const plain = PLAIN_NUMBER.exec(key);
  if (plain) {
    const n = Number(plain[1]);
    return n > 0 && n <= 200 ? String(n) : undefined;
  }
  const letterWithGb = LETTER_WITH_GB.exec(key);
  if (letterWithGb?.[1] !== undefined) return lookup(letterWithGb[1]);
  return undefined;
}

const SHOE_GROUP: Record<ShoeSystem, number> = { EU: 3, US: 4, UK: 5, CN: 6 };

/** Letter sizes, then GB labels, plain numbers, EU, US, UK, CN shoe sizes, and One Size last. */
function rankSize(value: string): number[] | undefined {
  const letter = (LETTER_SIZES as readonly string[]).indexOf(value);
  if (letter >= 0) return [0, letter];
  if (value === ONE_SIZE) return [7];
  const gb = GB_LABEL.exec(value.toLowerCase());
  if (gb) return [1, Number(gb[1]), Number(gb[2]), gb[3] === undefined ? 0 : gb[3].charCodeAt(0)];
  const shoe = CANONICAL_SHOE.exec(value);
  if (shoe) return [SHOE_GROUP[shoe[1] as ShoeSystem], Number(shoe[2])];
  if (CANONICAL_NUMBER.test(value)) return [2, Number(value)];
  const age = CANONICAL_AGE.exec(value);
  if (age) return [8, Number(age[1]) * (age[3] === "years" ? 12 : 1), Number(age[2] ?? age[1]) * (age[3] === "years" ? 12 : 1)];
  return undefined;
}

/**
 * Which scale a canonical size belongs to, so sizes of different scales are never ranked on one
 * axis: letter sizes, GB labels and One Size are clothing; shoe sizes by their system; plain
 * numbers apart (waist 28 or shoe 42: the value alone cannot tell). Undefined for other values.
 */
export type SizeFamily = "clothing" | "number" | ShoeSystem;

export function sizeFamily(value: string): SizeFamily | undefined {
  const group = rankSize(value)?.[0];
  if (group === undefined) return undefined;
  if (group === 0 || group === 1 || group === 7) return "clothing";
  if (group === 2) return "number";
  return (Object.keys(SHOE_GROUP) as ShoeSystem[]).find((system) => SHOE_GROUP[system] === group);
}

function labelSize(value: string, lang: keyof Labels): string | undefined {
  const shoe = CANONICAL_SHOE.exec(value);
  if (!shoe) return undefined;
  const words = SHOE_LABELS[shoe[1] as ShoeSystem];
  return `${words[lang]}${shoe[2]}`;
}

export const SIZE: AttributeSpec = {
  name: "size",
  labels: { en: "Size", zh: "尺码", "zh-Hant": "尺碼" },
  headers: [
    ...["尺码", "尺寸", "尺碼", "码数", "碼數", "码", "碼", "尺码规格", "鞋码", "鞋碼", "size", "sizes", "clothing size", "shoe size"],
    ...SIZE_HEADERS,
  ],
  values: withWords(values, SIZE_WORDS),
  ordered: true,
  keyOf: (key) => dropSuffix(key, SIZE_SUFFIXES),
  parse: parseSize,
  rank: rankSize,
  label: labelSize,
};
