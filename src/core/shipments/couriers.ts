/**
 * Our courier codes: the shared vocabulary every courier adapter maps onto its provider's own
 * codes (Kuaidi100 `shunfeng`, AfterShip `sf-express`, 17TRACK 190766 ...). A warehouse sheet
 * names a courier however its author likes ("顺丰", "SF Express", "shunfeng", "ＳＦ"); resolveCourier
 * turns that into a code, or a problem with the closest names as suggestions.
 */
import { bilingualParts, lookupKey } from "../attributes/normalize.js";
import { suggest } from "../attributes/suggest.js";
import { type Locale, type Localized, localized, type Message, msg } from "../i18n/index.js";

export const COURIER_CODES = [
  "sf",
  "jd",
  "zto",
  "yto",
  "sto",
  "yunda",
  "ems",
  "chinapost",
  "jtexpress",
  "deppon",
  "ups",
  "fedex",
  "usps",
  "dhl",
  "yunexpress",
] as const;
export type CourierCode = (typeof COURIER_CODES)[number];

export interface CourierInfo {
  code: CourierCode;
  /** Simplified Chinese name, as the courier calls itself. */
  nameZh: string;
  nameEn: string;
  /** Other names people write in sheets (zh-Hans, zh-Hant, en, pinyin, provider codes). */
  synonyms: readonly string[];
  /** Domestic Chinese courier (SLA defaults differ from cross-border ones). */
  domestic: boolean;
}

export const COURIERS: readonly CourierInfo[] = [
  {
    code: "sf",
    nameZh: "顺丰速运",
    nameEn: "SF Express",
    synonyms: ["顺丰", "顺丰快递", "順豐", "順豐速運", "shunfeng", "sfexpress", "sf-express", "sf express", "顺丰快运"],
    domestic: true,
  },
  {
    code: "jd",
    nameZh: "京东物流",
    nameEn: "JD Logistics",
    synonyms: ["京东", "京东快递", "京東", "京東物流", "jdl", "jingdong", "jd logistics", "jdexpress"],
    domestic: true,
  },
  { code: "zto", nameZh: "中通快递", nameEn: "ZTO Express", synonyms: ["中通", "中通速递", "zhongtong", "zto-express"], domestic: true },
  {
    code: "yto",
    nameZh: "圆通速递",
    nameEn: "YTO Express",
    synonyms: ["圆通", "圆通快递", "圓通", "圓通速遞", "yuantong", "yto-express"],
    domestic: true,
  },
  { code: "sto", nameZh: "申通快递", nameEn: "STO Express", synonyms: ["申通", "申通速递", "shentong", "sto-express"], domestic: true },
  { code: "yunda", nameZh: "韵达快递", nameEn: "Yunda Express", synonyms: ["韵达", "韵达速递", "韻達", "yunda express"], domestic: true },
  {
    code: "ems",
    nameZh: "EMS",
    nameEn: "China EMS",
    synonyms: ["邮政EMS", "中国邮政EMS", "ems快递", "邮政特快专递", "郵政EMS", "china ems", "china-ems", "emsexpress"],
    domestic: true,
  },
  {
    code: "chinapost",
    nameZh: "中国邮政",
    nameEn: "China Post",
    synonyms: ["邮政", "邮政快递包裹", "邮政包裹", "中國郵政", "郵政", "youzhengguonei", "china post", "china-post", "chinapost"],
    domestic: true,
  },
  {
    code: "jtexpress",
    nameZh: "极兔速递",
    nameEn: "J&T Express",
    synonyms: ["极兔", "極兔", "极兔快递", "jt", "j&t", "jt express", "jtexpress"],
    domestic: true,
  },
  {
    code: "deppon",
    nameZh: "德邦快递",
    nameEn: "Deppon Express",
    synonyms: ["德邦", "德邦物流", "debang", "debangkuaidi", "deppon express"],
    domestic: true,
  },
  { code: "ups", nameZh: "UPS", nameEn: "UPS", synonyms: ["united parcel service", "联合包裹", "優比速"], domestic: false },
  { code: "fedex", nameZh: "联邦快递", nameEn: "FedEx", synonyms: ["federal express", "聯邦快遞", "fed ex"], domestic: false },
  {
    code: "usps",
    nameZh: "美国邮政",
    nameEn: "USPS",
    synonyms: ["united states postal service", "us postal service", "美國郵政"],
    domestic: false,
  },
  { code: "dhl", nameZh: "DHL", nameEn: "DHL Express", synonyms: ["敦豪", "dhl快递"], domestic: false },
  { code: "yunexpress", nameZh: "云途物流", nameEn: "YunExpress", synonyms: ["云途", "雲途", "yun express", "yuntu"], domestic: false },
];

const BY_CODE = new Map<string, CourierInfo>(COURIERS.map((c) => [c.code, c]));

export function isCourierCode(code: string): code is CourierCode {
  return BY_CODE.has(code);
}

/** The courier's description; throws on an unknown code (a bug: codes come from resolveCourier). */
export function courierInfo(code: CourierCode): CourierInfo {
  const info = BY_CODE.get(code);
  if (!info) throw new Error(`unknown courier code "${code}"`);
  return info;
}

/** "顺丰速运 SF Express" / "SF Express" for messages. */
export function courierLabel(code: CourierCode, lang: Locale = "en"): string {
  const info = courierInfo(code);
  return lang !== "en" ? info.nameZh : info.nameEn;
}

// "&" is kept by lookupKey: "j&t" stays distinct from "jt", so both are listed as synonyms.
const BY_KEY = new Map<string, CourierCode>();
const SUGGESTION_KEYS: { key: string; canonical: string }[] = [];
for (const c of COURIERS) {
  for (const name of [c.code, c.nameZh, c.nameEn, ...c.synonyms]) {
    const key = lookupKey(name);
    if (!BY_KEY.has(key)) BY_KEY.set(key, c.code);
    SUGGESTION_KEYS.push({ key, canonical: c.code });
  }
}

// Sheets add company suffixes freely: "中通快递有限公司", "SF Express Co., Ltd.".
const COMPANY_SUFFIXES = /(股份有限公司|有限责任公司|有限公司|集团|公司|co\.?,?ltd\.?|ltd\.?|inc\.?|company|corp\.?)$/u;

function knownName(key: string): CourierCode | undefined {
  const direct = BY_KEY.get(key);
  if (direct) return direct;
  const bare = key.replace(COMPANY_SUFFIXES, "");
  return bare !== key && bare !== "" ? BY_KEY.get(bare) : undefined;
}

export type CourierResolution = { code: CourierCode } | { problem: Message; suggestions: CourierCode[] };

/**
 * A courier named in a sheet: our code, its Chinese or English name, a synonym, in any case or
 * width. An unknown name comes back with up to three suggestions, closest first.
 */
export function resolveCourier(text: string): CourierResolution {
  const raw = text.trim();
  if (raw === "") return { problem: msg("courier.none"), suggestions: [] };
  const key = lookupKey(raw);
  const known = knownName(key);
  if (known) return { code: known };
  // "顺丰速运 / SF Express" (the template's drop-down), "中通 ZTO": every part that names a courier must name the same one.
  const parts = bilingualParts(raw);
  if (parts.length > 1) {
    const codes = new Set(parts.map((p) => knownName(lookupKey(p))));
    const [only] = codes;
    if (codes.size === 1 && only) return { code: only };
  }
  const suggestions = suggest(key, SUGGESTION_KEYS, 3) as CourierCode[];
  return { problem: msg("courier.unknown", { name: raw }), suggestions };
}

/** "sf (顺丰速运 / SF Express)" lines for hints; "`sf`（顺丰速运）" in Chinese, where the English name adds nothing. */
export function courierChoices(lang: Locale = "en"): string[] {
  return COURIERS.map((c) => zhOrEnChoice(c.code, lang));
}

function zhOrEnChoice(code: CourierCode, lang: Locale): string {
  const c = courierInfo(code);
  return lang === "en" ? `${c.code} (${c.nameZh} / ${c.nameEn})` : `\`${c.code}\`（${c.nameZh}）`;
}

/** Couriers as a hint lists them, in the run's language: "sf, jd" / "`sf`（顺丰速运）、`jd`（京东物流）". */
export function courierCodeList(codes: readonly CourierCode[], lang: { en: (code: CourierCode) => string }): Localized {
  const zh = codes.map((code) => zhOrEnChoice(code, "zh-Hans")).join("、");
  return localized({ en: codes.map(lang.en).join(", "), "zh-Hans": zh, "zh-Hant": zh });
}

/** The first `count` couriers as the "no courier" hint lists them. */
export function courierChoiceList(count: number): Localized {
  return courierCodeList(
    COURIERS.slice(0, count).map((c) => c.code),
    { en: (code) => zhOrEnChoice(code, "en") },
  );
}

/** A courier's name as a message parameter: English or Chinese, like courierLabel. */
export function courierName(code: CourierCode): Localized {
  const c = courierInfo(code);
  return localized({ en: c.nameEn, "zh-Hans": c.nameZh, "zh-Hant": c.nameZh });
}

/** "顺丰速运 / SF Express": how the template's drop-down lists a courier (resolveCourier reads it back). */
export function courierDisplayName(code: CourierCode): string {
  const c = courierInfo(code);
  return c.nameZh === c.nameEn ? c.nameEn : `${c.nameZh} / ${c.nameEn}`;
}
