/**
 * Our courier codes: the shared vocabulary every courier adapter maps onto its provider's own
 * codes (Kuaidi100 `shunfeng`, AfterShip `sf-express`, 17TRACK 190766 ...). A warehouse sheet
 * names a courier however its author likes ("顺丰", "SF Express", "shunfeng", "ＳＦ"); resolveCourier
 * turns that into a code, or a problem with the closest names as suggestions.
 */
import { bilingualParts, lookupKey, withoutBracketedNotes } from "../attributes/normalize.js";
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
  // Domestic Chinese couriers sellers write beside the big ones.
  "best",
  "fengwang",
  "zhongyou",
  "ane",
  "kuayue",
  "uc",
  "ttk",
  "jdfreight",
  "sffreight",
  "cainiaodirect",
  "danniao",
  // Cross-border and the destination countries' carriers.
  "cainiao",
  "4px",
  "yanwen",
  "sfintl",
  "royalmail",
  "evri",
  "dpd",
  "gls",
  "postnl",
  "laposte",
  "correos",
  "dhlpaket",
  "canadapost",
  "australiapost",
  "japanpost",
  "yamato",
  "sagawa",
  "aramex",
  "tnt",
  "purolator",
  "ontrac",
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
    // 顺丰快运 (SF Freight) and 顺丰国际 are their own entries: other services, other tracking codes.
    synonyms: ["顺丰", "顺丰快递", "順豐", "順豐速運", "shunfeng", "sfexpress", "sf-express", "sf express", "顺丰速递"],
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
    // ePacket (国际e邮宝) is an EMS product; Shopify lists it as "China EMS (ePacket)".
    synonyms: [
      "邮政EMS",
      "中国邮政EMS",
      "ems快递",
      "邮政特快专递",
      "郵政EMS",
      "china ems",
      "china-ems",
      "emsexpress",
      "中国邮政速递物流",
      "EMS经济快递",
      "e邮宝",
      "国际e邮宝",
      "epacket",
      "China EMS (ePacket)",
    ],
    domestic: true,
  },
  {
    code: "chinapost",
    nameZh: "中国邮政",
    nameEn: "China Post",
    synonyms: [
      "邮政",
      "邮政快递包裹",
      "邮政包裹",
      "中國郵政",
      "郵政",
      "youzhengguonei",
      "china post",
      "china-post",
      "chinapost",
      "邮政国内包裹",
      "邮政国内小包",
      "中国邮政小包",
      "中国邮政挂号小包",
      "china post registered air mail",
    ],
    domestic: true,
  },
  {
    code: "jtexpress",
    nameZh: "极兔速递",
    nameEn: "J&T Express",
    synonyms: ["极兔", "極兔", "极兔快递", "極兔速遞", "jt", "j&t", "jt express", "j&t express", "jtexpress", "jtexpress-cn"],
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
  {
    code: "best",
    nameZh: "百世快递",
    nameEn: "Best Express",
    synonyms: ["百世", "百世汇通", "汇通", "汇通快递", "百世快遞", "huitongkuaidi", "htky", "bestexpress"],
    domestic: true,
  },
  { code: "fengwang", nameZh: "丰网速运", nameEn: "Fengwang Express", synonyms: ["丰网", "丰网快递", "豐網"], domestic: true },
  { code: "zhongyou", nameZh: "众邮快递", nameEn: "Zhongyou Express", synonyms: ["众邮", "眾郵"], domestic: true },
  { code: "ane", nameZh: "安能物流", nameEn: "ANE Logistics", synonyms: ["安能", "安能快递", "安能快运", "ane express"], domestic: true },
  { code: "kuayue", nameZh: "跨越速运", nameEn: "Kuayue Express", synonyms: ["跨越", "跨越快递", "kye", "ky express"], domestic: true },
  { code: "uc", nameZh: "优速快递", nameEn: "UC Express", synonyms: ["优速", "優速", "优速物流", "uc56", "ucexpress"], domestic: true },
  { code: "ttk", nameZh: "天天快递", nameEn: "TTK Express", synonyms: ["天天", "tiantian", "ttkd", "ttk express"], domestic: true },
  { code: "jdfreight", nameZh: "京东快运", nameEn: "JD Freight", synonyms: ["京東快運", "jd freight"], domestic: true },
  { code: "sffreight", nameZh: "顺丰快运", nameEn: "SF Freight", synonyms: ["順豐快運", "shunfengkuaiyun", "sf freight"], domestic: true },
  {
    code: "cainiaodirect",
    nameZh: "菜鸟直送",
    nameEn: "Cainiao Direct",
    synonyms: ["菜鸟速递", "菜鳥直送", "菜鸟直送快递", "cainiao direct"],
    domestic: true,
  },
  { code: "danniao", nameZh: "丹鸟", nameEn: "Danniao", synonyms: ["丹鸟快递", "丹鸟物流", "丹鳥"], domestic: true },
  {
    code: "cainiao",
    nameZh: "菜鸟国际",
    nameEn: "Cainiao",
    // A bare 菜鸟 is left out on purpose: a domestic seller means 菜鸟直送, a cross-border one Cainiao.
    synonyms: ["cainiao network", "cainiao global", "菜鸟无忧物流", "aliexpress standard shipping"],
    domestic: false,
  },
  {
    code: "4px",
    nameZh: "递四方",
    nameEn: "4PX",
    synonyms: ["递四方速递", "遞四方", "4px express", "4px worldwide express"],
    domestic: false,
  },
  { code: "yanwen", nameZh: "燕文物流", nameEn: "Yanwen", synonyms: ["燕文", "yanwen logistics", "yw56"], domestic: false },
  {
    code: "sfintl",
    nameZh: "顺丰国际",
    nameEn: "SF International",
    synonyms: ["顺丰国际快递", "順豐國際", "sf express international", "sf intl"],
    domestic: false,
  },
  {
    code: "royalmail",
    nameZh: "英国皇家邮政",
    nameEn: "Royal Mail",
    synonyms: ["royal-mail", "parcelforce", "英國皇家郵政"],
    domestic: false,
  },
  { code: "evri", nameZh: "Evri", nameEn: "Evri", synonyms: ["hermes", "hermes uk", "myhermes", "evri (hermes)"], domestic: false },
  { code: "dpd", nameZh: "DPD", nameEn: "DPD", synonyms: ["dpd uk", "dpd de", "dpd local"], domestic: false },
  { code: "gls", nameZh: "GLS", nameEn: "GLS", synonyms: ["general logistics systems"], domestic: false },
  { code: "postnl", nameZh: "荷兰邮政", nameEn: "PostNL", synonyms: ["post nl", "荷蘭郵政"], domestic: false },
  {
    code: "laposte",
    nameZh: "法国邮政",
    nameEn: "La Poste (Colissimo)",
    synonyms: ["la poste", "colissimo", "法國郵政"],
    domestic: false,
  },
  {
    code: "correos",
    nameZh: "西班牙邮政",
    nameEn: "Correos",
    synonyms: ["correos de españa", "correos express", "西班牙郵政"],
    domestic: false,
  },
  {
    code: "dhlpaket",
    nameZh: "德国邮政",
    nameEn: "Deutsche Post DHL Paket",
    synonyms: ["deutsche post", "dhl paket", "dhl parcel de", "德國郵政", "dhl-deutsche-post"],
    domestic: false,
  },
  {
    code: "canadapost",
    nameZh: "加拿大邮政",
    nameEn: "Canada Post",
    synonyms: ["canada-post", "postes canada", "加拿大郵政"],
    domestic: false,
  },
  {
    code: "australiapost",
    nameZh: "澳大利亚邮政",
    nameEn: "Australia Post",
    synonyms: ["australia-post", "auspost", "澳洲邮政", "澳洲郵政"],
    domestic: false,
  },
  {
    code: "japanpost",
    nameZh: "日本邮政",
    nameEn: "Japan Post",
    synonyms: ["日本郵便", "日本郵政", "ゆうパック", "yu-pack"],
    domestic: false,
  },
  {
    code: "yamato",
    nameZh: "大和运输",
    nameEn: "Yamato Transport",
    synonyms: ["ヤマト運輸", "クロネコヤマト", "黑猫宅急便", "宅急便", "kuroneko"],
    domestic: false,
  },
  { code: "sagawa", nameZh: "佐川急便", nameEn: "Sagawa Express", synonyms: ["佐川"], domestic: false },
  { code: "aramex", nameZh: "Aramex", nameEn: "Aramex", synonyms: ["阿联酋快递"], domestic: false },
  { code: "tnt", nameZh: "TNT", nameEn: "TNT", synonyms: ["tnt express", "天地快运"], domestic: false },
  { code: "purolator", nameZh: "Purolator", nameEn: "Purolator", synonyms: [], domestic: false },
  { code: "ontrac", nameZh: "OnTrac", nameEn: "OnTrac", synonyms: [], domestic: false },
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

/**
 * A known courier, or a problem with suggestions. `readAs` is set when only the start of the text
 * named the courier ("USPS Priority Mail", "顺丰标快"): a service name, most likely, but the sheet
 * warns so that a wrong reading is seen.
 */
export type CourierResolution = { code: CourierCode; readAs?: string } | { problem: Message; suggestions: CourierCode[] };

// Marks carriers put in their service names ("UPS® Ground", "FedEx Home Delivery™").
const TRADEMARKS = /[®™©]/g;
const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The courier a service name starts with: its longest leading words (or CJK characters) that name one. */
function leadingName(raw: string): { code: CourierCode; readAs: string } | undefined {
  const words = raw.split(/\s+/).filter((w) => w !== "");
  for (let n = words.length - 1; n >= 1; n--) {
    const readAs = words.slice(0, n).join(" ");
    const code = knownName(lookupKey(readAs));
    if (code) return { code, readAs };
  }
  if (words.length > 1 || !CJK.test(raw)) return undefined;
  // "顺丰标快", "中通快运": Chinese service names are written without spaces.
  const chars = [...raw];
  for (let n = chars.length - 1; n >= 2; n--) {
    const readAs = chars.slice(0, n).join("");
    const code = CJK.test(readAs) ? knownName(lookupKey(readAs)) : undefined;
    if (code) return { code, readAs };
  }
  return undefined;
}

/**
 * A courier named in a sheet: our code, its Chinese or English name, a synonym, in any case or
 * width, with a bracketed note or a trademark sign. A service name that starts with a courier's
 * name is read as that courier, flagged with `readAs`. An unknown name comes back with up to three
 * suggestions, closest first.
 */
export function resolveCourier(text: string): CourierResolution {
  const raw = text.replace(TRADEMARKS, "").trim();
  if (raw === "") return { problem: msg("courier.none"), suggestions: [] };
  const key = lookupKey(raw);
  const known = knownName(key);
  if (known) return { code: known };
  const bare = withoutBracketedNotes(raw)?.trim();
  const noted = bare ? knownName(lookupKey(bare)) : undefined;
  if (noted) return { code: noted };
  // "顺丰速运 / SF Express" (the template's drop-down), "中通 ZTO": every part that names a courier must name the same one.
  const parts = bilingualParts(raw);
  const named = new Set(parts.map((p) => knownName(lookupKey(p))).filter((c) => c !== undefined));
  const [only] = named;
  if (parts.length > 1 && named.size === 1 && only && parts.every((p) => knownName(lookupKey(p)) === only)) return { code: only };
  // Two couriers named ("顺丰 / 中通") is no service name: unknown.
  const leading = named.size > 1 ? undefined : leadingName(bare ?? raw);
  if (leading) return leading;
  const suggestions = suggest(key, SUGGESTION_KEYS, 3) as CourierCode[];
  return { problem: msg("courier.unknown", { name: text.trim() }), suggestions };
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
