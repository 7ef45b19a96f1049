/**
 * How Chinese sellers' sheets write prices and stock where a number is expected (报价单, 1688 and
 * wholesale sheets, 进销存 exports): read what is exact, refuse what would be a guess with a
 * sentence saying what the cell holds. Pure; rows.ts calls these before the generic value parsers.
 */
import { type Message, msg } from "../i18n/index.js";

/**
 * A unit after the currency: "39.90 元/件", "12元/个", "8.5 元／双" (a per-piece price is the
 * piece's price). The unit is 1-3 letters or Han characters; the amount before it is read as is.
 */
const PER_UNIT = /^(.*?\d)\s*(?:元|块|rmb|cny)\s*\/\s*[\p{Script=Han}a-z]{1,3}$/iu;

/** "面议" and its kin: the seller writes no price on purpose (agreed per order). */
const NO_PRICE_WORDS = /^(面议|面議|电议|電議|议价|議價|询价|詢價|待定|另议|另議|私聊|咨询客服|諮詢客服|价格面议|價格面議)$/;

/** A price range: "39-59", "39~59", "39—59", "39至59", "¥39-¥59" (1688's 价格区间, a 报价单's span). */
const RANGE = /^[¥￥$]?\s*\d+(?:\.\d+)?\s*(?:元)?\s*(?:-|~|～|—|–|至|到)\s*[¥￥$]?\s*\d+(?:\.\d+)?\s*(?:元)?$/;

export type CnAmount = { text: string } | { problem: Message; hint: Message };

/**
 * An amount cell as a Chinese seller writes it -> the text the money parser reads, or why it is no
 * price. Cells that are none of these come back unchanged.
 */
/** A plain number, the common case on the import's hot path: nothing to look at. */
const PLAIN = /^\d[\d.,]*$/;

export function cnAmountText(raw: string): CnAmount {
  if (PLAIN.test(raw)) return { text: raw };
  const s = raw.normalize("NFKC").trim();
  const perUnit = PER_UNIT.exec(s);
  if (perUnit?.[1] !== undefined) return { text: perUnit[1] };
  if (NO_PRICE_WORDS.test(s))
    return { problem: msg("data_zh.price.to_agree", { value: raw.trim() }), hint: msg("data_zh.price.to_agree_hint") };
  if (RANGE.test(s)) return { problem: msg("data_zh.price.range", { value: raw.trim() }), hint: msg("data_zh.price.range_hint") };
  return { text: raw };
}

/** Stock written as a word: 有货 says there is stock but not how much; 无货 is none. */
const IN_STOCK_WORDS = /^(有货|有貨|现货|現貨|充足|库存充足|庫存充足|在售|有|in stock|available)$/i;
const OUT_OF_STOCK_WORDS = /^(无货|無貨|缺货|缺貨|售罄|断货|斷貨|没货|沒貨|无|無|out of stock|sold out)$/i;

export type CnStock = { count: number } | { unknown: Message } | undefined;

/**
 * A stock cell holding a word: a count (无货 -> 0), a note that the count is unknown (有货: the
 * store keeps its own count, never a made-up number), or undefined when it is not such a word.
 */
export function cnStockWord(raw: string): CnStock {
  if (PLAIN.test(raw)) return undefined;
  const s = raw.normalize("NFKC").trim();
  if (OUT_OF_STOCK_WORDS.test(s)) return { count: 0 };
  if (IN_STOCK_WORDS.test(s)) return { unknown: msg("data_zh.stock.word", { value: raw.trim() }) };
  return undefined;
}

/**
 * The words of a totals line under the data (报价单 and 进销存 sheets end with 合计): the whole cell,
 * optionally with a colon. A product is never called this.
 */
const TOTALS =
  /^(合\s*计|合\s*計|总\s*计|總\s*計|小\s*计|小\s*計|总\s*数|總\s*數|汇\s*总|匯\s*總|共\s*计|共\s*計|total|grand total|sub ?total)\s*[:：]?$/i;

export function isTotalsWord(text: string): boolean {
  return TOTALS.test(text.normalize("NFKC").trim());
}
