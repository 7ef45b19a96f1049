/**
 * Return reasons, normalized. Customers write "尺码偏小", "太大了", "colour not as pictured";
 * platforms send codes (Shopify SIZE_TOO_SMALL). Both map onto one taxonomy, each category tied
 * to the operations guide's advice (a bad description, poor quality, wrong pricing, logistics).
 * Text that no rule matches stays "other" and is kept verbatim so a person can read it.
 */

export const REASON_CATEGORIES = [
  "not_as_described",
  "quality_defect",
  "too_small",
  "too_large",
  "size_unspecified",
  "changed_mind",
  "damaged_in_transit",
  "wrong_item",
  "late_delivery",
  "other",
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export interface ReasonInfo {
  label: string;
  labelZh: string;
  /** What to check, from the operations guide (seed 6.1). */
  advice: string;
}

export const REASONS: Record<ReasonCategory, ReasonInfo> = {
  not_as_described: { label: "Not as described", labelZh: "与描述不符", advice: "check the description and photos" },
  quality_defect: { label: "Quality / defect", labelZh: "质量问题", advice: "check quality with the supplier" },
  too_small: { label: "Too small", labelZh: "尺码偏小", advice: "check the size chart" },
  too_large: { label: "Too large", labelZh: "尺码偏大", advice: "check the size chart" },
  size_unspecified: { label: "Size (unspecified)", labelZh: "尺码不合适", advice: "check the size chart" },
  changed_mind: { label: "Changed mind", labelZh: "不想要了", advice: "check the pricing and the offer" },
  damaged_in_transit: { label: "Damaged in transit", labelZh: "运输破损", advice: "check the packaging and the courier" },
  wrong_item: { label: "Wrong item", labelZh: "发错货", advice: "check picking and packing in the warehouse" },
  late_delivery: { label: "Late delivery", labelZh: "物流太慢", advice: "check the courier's delivery times" },
  other: { label: "Other", labelZh: "其他", advice: "read the customers' own words" },
};

/** Platform reason codes (Shopify ReturnReason and common aggregator codes). */
const CODES: Record<string, ReasonCategory> = {
  SIZE_TOO_SMALL: "too_small",
  SIZE_TOO_LARGE: "too_large",
  DEFECTIVE: "quality_defect",
  NOT_AS_DESCRIBED: "not_as_described",
  COLOR: "not_as_described",
  STYLE: "changed_mind",
  UNWANTED: "changed_mind",
  WRONG_ITEM: "wrong_item",
  DAMAGED: "damaged_in_transit",
  LATE: "late_delivery",
};

/**
 * Keyword rules, tried in this order (specific before general: "发错颜色" is a wrong item, not a
 * colour complaint; "破损" in transit before "质量"). Matching is on lower-cased NFKC text.
 */
export const DEFAULT_RULES: [ReasonCategory, string[]][] = [
  // Phrases that would otherwise hit a broader rule below ("broken" in transit, "loose" fit).
  [
    "quality_defect",
    ["loose thread", "came loose", "zipper is broken", "broken zipper", "zip is broken", "broken zip", "stitching", "seam"],
  ],
  ["wrong_item", ["wrong colour sent", "wrong color sent", "sent the wrong colour", "sent the wrong color", "发错颜色", "发错尺码"]],
  ["size_unspecified", ["大小不合适"]],
  [
    "wrong_item",
    [
      "发错",
      "错发",
      "发成了",
      "少发",
      "漏发",
      "寄错",
      "wrong item",
      "wrong product",
      "not what i ordered",
      "received the wrong",
      "sent the wrong",
      "missing item",
    ],
  ],
  [
    "damaged_in_transit",
    [
      "破损",
      "压坏",
      "摔坏",
      "压扁",
      "快递损坏",
      "运输损坏",
      "外包装破",
      "arrived damaged",
      "damaged in transit",
      "damaged",
      "arrived broken",
      "broken on arrival",
      "broken in transit",
      "crushed",
      "shattered",
    ],
  ],
  [
    "too_small",
    [
      "偏小",
      "太小",
      "小了",
      "码小",
      "穿不下",
      "太紧",
      "偏紧",
      "too small",
      "runs small",
      "too tight",
      "tight fit",
      "is tight",
      "smaller than",
    ],
  ],
  [
    "too_large",
    [
      "偏大",
      "太大",
      "大了",
      "码大",
      "太肥",
      "宽松",
      "too big",
      "too large",
      "runs large",
      "too loose",
      "loose fit",
      "bigger than",
      "larger than",
    ],
  ],
  [
    "size_unspecified",
    [
      "尺码不合适",
      "尺码不对",
      "不合身",
      "尺寸不对",
      "wrong size",
      "size didn't fit",
      "doesn't fit",
      "didn't fit",
      "does not fit",
      "poor fit",
      "bad fit",
    ],
  ],
  [
    "quality_defect",
    [
      "质量",
      "开线",
      "起球",
      "掉色",
      "褪色",
      "瑕疵",
      "破洞",
      "做工",
      "脱胶",
      "次品",
      "线头",
      "异味",
      "污渍",
      "坏了",
      "拉链",
      "脏",
      "defect",
      "quality",
      "faulty",
      "ripped",
      "a hole",
      "holes",
      "stain",
      "pilling",
      "fading",
      "fell apart",
      "poorly made",
      "zipper",
      "zip broke",
    ],
  ],
  [
    "not_as_described",
    [
      "不符",
      "描述",
      "详情页",
      "色差",
      "图片",
      "实物",
      "颜色不一样",
      "和图不",
      "与图",
      "材质",
      "not as described",
      "as pictured",
      "different from",
      "looks different",
      "misleading",
      "colour",
      "color",
      "not like the photo",
    ],
  ],
  [
    "late_delivery",
    [
      "物流太慢",
      "物流慢",
      "发货慢",
      "太慢",
      "延误",
      "晚到",
      "迟到",
      "too slow",
      "late",
      "delayed",
      "took too long",
      "slow delivery",
      "slow shipping",
    ],
  ],
  [
    "changed_mind",
    [
      "不想要",
      "不要了",
      "不喜欢",
      "拍错",
      "买错",
      "多拍",
      "拍多",
      "买重复",
      "重复购买",
      "多买",
      "版型不好看",
      "上身效果",
      "不适合",
      "无理由",
      "改变主意",
      "不需要",
      "changed my mind",
      "change of mind",
      "no longer need",
      "don't want",
      "do not want",
      "ordered by mistake",
      "not needed",
      "unwanted",
      "found it cheaper",
      "cheaper",
      "doesn't suit",
      "does not suit",
      "not my style",
    ],
  ],
];

export interface ReasonRules {
  rules: [ReasonCategory, string[]][];
}

/** The default rules with the user's keywords (config `returns.reasons`) tried first. */
export function buildRules(extra: Partial<Record<ReasonCategory, string[]>> = {}): ReasonRules {
  const user = (Object.entries(extra) as [ReasonCategory, string[]][]).map(
    ([c, words]) => [c, words.map(normalizeText)] as [ReasonCategory, string[]],
  );
  return { rules: [...user, ...DEFAULT_RULES.map(([c, words]) => [c, words.map(normalizeText)] as [ReasonCategory, string[]])] };
}

/** Traditional characters found in return reasons, mapped to Simplified so one keyword list serves both. */
const TRADITIONAL = new Map<string, string>(
  "質质 問问 題题 開开 線线 綫线 發发 錯错 貨货 遞递 壓压 壞坏 顏颜 圖图 與与 實实 碼码 遲迟 誤误 運运 輸输 損损 變变 換换 長长 號号 髒脏 漬渍 鏈链 詳详 頁页 買买 歡欢 適适 舊旧 無无 這这 個个 來来 說说 緊紧 寬宽 鬆松 邊边 樣样 麼么 為为 沒没 帶带 單单 雙双 腳脚 襪袜 裝装 夠够 僅仅 顯显 較较 擇择 準准 確确 後后 離离 處处 幾几 現现 應应 費费 額额 訂订 談谈 產产 褲裤 條条 種种 過过 馬马 頭头 內内 廣广 製制 劑剂 價价 錢钱 貴贵 換换 灣湾"
    .split(" ")
    .map((pair) => [pair.charAt(0), pair.charAt(1)]),
);

export function normalizeText(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFKC").toLowerCase().trim()) out += TRADITIONAL.get(ch) ?? ch;
  return out;
}

export interface ClassifiedReason {
  category: ReasonCategory;
  /** How it was decided: the platform code, a keyword, or nothing matched. */
  by: "code" | "keyword" | "none";
}

/**
 * Classifies one return. A platform code wins (it was chosen by the customer from a list);
 * OTHER/UNKNOWN codes fall through to the text.
 */
export function classifyReason(text: string | undefined, code: string | undefined, rules: ReasonRules): ClassifiedReason {
  if (code) {
    const c =
      CODES[
        code
          .trim()
          .toUpperCase()
          .replace(/[\s-]+/g, "_")
      ];
    if (c) return { category: c, by: "code" };
  }
  if (text) {
    const t = normalizeText(text);
    for (const [category, words] of rules.rules) {
      if (words.some((w) => w.length > 0 && t.includes(w))) return { category, by: "keyword" };
    }
  }
  return { category: "other", by: "none" };
}
