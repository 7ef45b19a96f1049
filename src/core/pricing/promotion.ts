/**
 * Promotion text as storefronts show it, to structured offers: 满199减20 (spend 199, save 20),
 * 第二件半价 (second item half price), 8折 / 8.5折 (pay 80% / 85%), "20% off", "buy 2 get 1",
 * 立减20, 包邮. Text that parses to nothing keeps only its words; one text may hold several offers
 * ("满199减20，第二件半价").
 */
import { english, type Message, msg } from "../i18n/index.js";
import { minorDigits } from "../values.js";
import { formatMinor } from "./parse.js";

export type Promotion =
  /** Spend `threshold`, save `amount` (minor units); `repeat`: 每满 (every full threshold). */
  | { kind: "threshold"; threshold: number; amount: number; repeat?: boolean }
  /** `percentOff` of the price (8折 = 20, "20% off" = 20). */
  | { kind: "percent"; percentOff: number }
  /** A fixed amount off (立减20, "$5 off"), minor units. */
  | { kind: "amount"; amount: number }
  /** The n-th item at `percentOff` (第二件半价 = n 2, 50). */
  | { kind: "nth_item"; n: number; percentOff: number }
  /** Buy `buy`, get `get` more free (买二送一, "buy 2 get 1"). */
  | { kind: "bundle"; buy: number; get: number }
  | { kind: "free_shipping" };

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function count(token: string): number {
  return /^\d+$/.test(token) ? Number(token) : (CN_DIGITS[token] ?? Number.NaN);
}

/** "199" / "199.5" in the currency -> minor units, digit by digit. */
function money(text: string, currency: string): number {
  const digits = minorDigits(currency);
  const [int = "0", frac = ""] = text.split(".");
  return Number(int) * 10 ** digits + Number((frac + "0".repeat(digits)).slice(0, digits) || "0");
}

/** 8 -> 20, 8.5 -> 15, 85 -> 15, 9.5 -> 5 (折 counts tenths paid; two digits are hundredths). */
function zheToPercentOff(text: string): number | undefined {
  const n = Number(text);
  // 10折 is the full price, not "pay 10%".
  if (!Number.isFinite(n) || n <= 0 || n === 10) return undefined;
  const paidPercent = /^\d{2}$/.test(text) ? n : n * 10;
  if (paidPercent >= 100) return undefined;
  return Math.round((100 - paidPercent) * 100) / 100;
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const CUR = "[¥￥$€£]?";

/** Every offer the text states, in the order they appear; [] when none parses. */
export function parsePromotion(text: string | null | undefined, currency: string): Promotion[] {
  if (!text) return [];
  const s = text.normalize("NFKC");
  const found: { at: number; end: number; promotion: Promotion }[] = [];
  const add = (m: RegExpMatchArray, promotion: Promotion) => {
    const at = m.index ?? 0;
    const end = at + m[0].length;
    // The first reading of a stretch of text wins: "$10 off" inside "spend $100, get $10 off" is not a second offer.
    if (!found.some((f) => at < f.end && end > f.at)) found.push({ at, end, promotion });
  };

  for (const m of s.matchAll(new RegExp(String.raw`(每)?满\s*${CUR}${NUM}\s*元?\s*[减-]\s*${CUR}${NUM}\s*元?`, "g"))) {
    add(m, {
      kind: "threshold",
      threshold: money(m[2] ?? "0", currency),
      amount: money(m[3] ?? "0", currency),
      ...(m[1] ? { repeat: true } : {}),
    });
  }
  for (const m of s.matchAll(
    new RegExp(String.raw`\b(?:spend|buy)\s+${CUR}${NUM}\s*(?:\+|or more)?\s*,?\s*(?:get|save)\s+${CUR}${NUM}\s+off\b`, "gi"),
  )) {
    add(m, { kind: "threshold", threshold: money(m[1] ?? "0", currency), amount: money(m[2] ?? "0", currency) });
  }
  for (const m of s.matchAll(/第([二两三四五2-5])件\s*(半价|免费|0元|(\d+(?:\.\d+)?)折)/g)) {
    const n = count(m[1] ?? "");
    const percentOff = m[2] === "半价" ? 50 : m[2] === "免费" || m[2] === "0元" ? 100 : zheToPercentOff(m[3] ?? "");
    if (Number.isFinite(n) && percentOff !== undefined) add(m, { kind: "nth_item", n, percentOff });
  }
  // 8折 / 8.5折 / 85折, but not the 折 already read as 第二件8折.
  for (const m of s.matchAll(/(?<!第[二两三四五2-5]件\s*)(\d+(?:\.\d+)?)\s*折/g)) {
    const percentOff = zheToPercentOff(m[1] ?? "");
    if (percentOff !== undefined) add(m, { kind: "percent", percentOff });
  }
  for (const m of s.matchAll(/(?:-\s*)?(\d+(?:\.\d+)?)\s*%\s*(?:off|折扣|优惠)?/gi)) {
    const explicitOff = /off|折扣|优惠/i.test(m[0]) || m[0].trim().startsWith("-");
    const n = Number(m[1]);
    if (explicitOff && n > 0 && n < 100) add(m, { kind: "percent", percentOff: n });
  }
  for (const m of s.matchAll(/\bbuy\s+(\d+|one|two|three)\s*,?\s*get\s+(\d+|one|two)\b(?!\s*%)(?!\s*[¥￥$€£])/gi)) {
    const words: Record<string, number> = { one: 1, two: 2, three: 3 };
    const buy = Number(m[1]) || words[(m[1] ?? "").toLowerCase()] || Number.NaN;
    const get = Number(m[2]) || words[(m[2] ?? "").toLowerCase()] || Number.NaN;
    if (Number.isFinite(buy) && Number.isFinite(get)) add(m, { kind: "bundle", buy, get });
  }
  for (const m of s.matchAll(/买\s*([一二两三四五\d]+)\s*[送赠]\s*([一二两三\d]+)/g)) {
    const buy = count(m[1] ?? "");
    const get = count(m[2] ?? "");
    if (Number.isFinite(buy) && Number.isFinite(get)) add(m, { kind: "bundle", buy, get });
  }
  for (const m of s.matchAll(new RegExp(String.raw`(?:立减|直降|下单减)\s*${CUR}${NUM}\s*元?`, "g"))) {
    add(m, { kind: "amount", amount: money(m[1] ?? "0", currency) });
  }
  for (const m of s.matchAll(new RegExp(String.raw`(?<![\d.%])[¥￥$€£]${NUM}\s+off\b`, "gi"))) {
    add(m, { kind: "amount", amount: money(m[1] ?? "0", currency) });
  }
  for (const m of s.matchAll(/包邮|免运费|free shipping/gi)) add(m, { kind: "free_shipping" });

  return found.sort((a, b) => a.at - b.at).map((f) => f.promotion);
}

/** A discount as Chinese shops write it: 20% off is 8折, 15% off 8.5折. */
const zhe = (percentOff: number): string => String(Number(((100 - percentOff) / 10).toFixed(2)));

/** One promotion as a catalog message: "spend 199.00 save 20.00" / 满199.00减20.00, "20% off" / 8折. */
export function promotionMessage(p: Promotion, currency: string): Message {
  const amount = (minor: number) => formatMinor(minor, currency);
  switch (p.kind) {
    case "threshold":
      return msg("prices.promo.threshold", { repeat: p.repeat ? "yes" : "no", threshold: amount(p.threshold), amount: amount(p.amount) });
    case "percent":
      return msg("prices.promo.percent", { percent: p.percentOff, zhe: zhe(p.percentOff) });
    case "amount":
      return msg("prices.promo.amount", { amount: amount(p.amount) });
    case "nth_item":
      return p.percentOff === 100
        ? msg("prices.promo.nth_free", { n: p.n })
        : msg("prices.promo.nth_item", { n: p.n, percent: p.percentOff, zhe: zhe(p.percentOff) });
    case "bundle":
      return msg("prices.promo.bundle", { buy: p.buy, get: p.get });
    case "free_shipping":
      return msg("prices.promo.free_shipping");
  }
}

/** One line a person reads, in English: "spend 199.00 save 20.00", "20% off", "item 2 50% off". */
export function describePromotion(p: Promotion, currency: string): string {
  return english(promotionMessage(p, currency));
}
