/**
 * What marketplaces (Taobao/Tmall, JD, Pinduoduo) add to an offer: the coupon a buyer can claim
 * (满X减Y), the price after it, and the sales volume as the marketplace shows it ("10万+").
 */
import { formatMinor } from "./parse.js";

/** `amount` off once the order reaches `threshold` (0 = no threshold, 无门槛), both minor units. */
export interface Coupon {
  amount: number;
  threshold: number;
}

/**
 * The price a buyer pays for one item with the coupon: price − amount when one item reaches the
 * threshold; the price itself when it does not (the coupon needs a bigger basket) or when there is
 * no coupon; null without a price. Never below 0.
 */
export function priceAfterCoupon(price: number | null, coupon: Coupon | null): number | null {
  if (price === null) return null;
  if (!coupon || coupon.amount <= 0 || price < coupon.threshold) return price;
  return Math.max(0, price - coupon.amount);
}

/** The coupon as the marketplace words it, so parsePromotion reads it: 满199减20, 立减5 (no threshold). */
export function couponText(coupon: Coupon, currency: string): string {
  const amount = trimZeros(formatMinor(coupon.amount, currency));
  if (coupon.threshold <= 0) return `券 立减${amount}`;
  return `券 满${trimZeros(formatMinor(coupon.threshold, currency))}减${amount}`;
}

function trimZeros(decimal: string): string {
  return decimal.includes(".") ? decimal.replace(/\.?0+$/, "") : decimal;
}

/**
 * Sales volume as shown: 475, "475", "1000+", "1.2万", "10万+", "3亿+" -> the number it says at
 * least (a lower bound); null when the text holds no number. The text itself is kept beside it.
 */
export function parseSalesVolume(shown: unknown): number | null {
  if (typeof shown === "number") return Number.isFinite(shown) && shown >= 0 ? Math.floor(shown) : null;
  if (typeof shown !== "string") return null;
  const m = /^\s*(?:已售|月销|销量)?\s*(\d+(?:\.\d+)?)\s*(万|w|亿)?\s*\+?\s*(?:件|人付款|人已买|笔)?\s*$/i.exec(shown.normalize("NFKC"));
  if (!m) return null;
  const unit = m[2] === "亿" ? 100_000_000 : m[2] ? 10_000 : 1;
  return Math.round(Number(m[1]) * unit);
}
