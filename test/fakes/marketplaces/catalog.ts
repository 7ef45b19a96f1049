/**
 * The goods the three fake affiliate APIs sell: deterministic, varied (prices, coupons with and
 * without a threshold a single item reaches, sales volumes), so a TOP10 by sales and by price differ.
 * Each fake words them in its platform's fields.
 */
export interface MarketGood {
  /** Numeric id (Taobao item_id, JD skuId, Pinduoduo goods_id). */
  id: number;
  title: string;
  shop: string;
  /** The price shown, fen. */
  price: number;
  /** The list price, fen (Taobao reserve_price, Pinduoduo min_normal_price). */
  listPrice: number;
  /** Coupon, fen; 0 = none. */
  coupon: number;
  /** Coupon threshold, fen; 0 = no threshold. */
  threshold: number;
  /** Sales volume (30 days for Taobao and JD; all time for Pinduoduo's sales_tip). */
  sales: number;
  tmall: boolean;
}

const KINDS = ["连衣裙", "跑步鞋", "羽绒服"] as const;
const STYLES = ["法式碎花", "夏季雪纺", "针织收腰", "复古方领", "宽松显瘦", "高腰A字", "小黑裙", "吊带长裙"];

/** `n` goods per kind; `seed` shifts prices and sales between marketplaces. */
export function marketCatalog(prefix: string, seed: number, n = 30): MarketGood[] {
  const out: MarketGood[] = [];
  let id = 100000 + seed * 10000;
  for (const kind of KINDS) {
    for (let i = 0; i < n; i++) {
      const price = 9900 + ((i * 3700 + seed * 1300) % 30000);
      const withCoupon = i % 3 !== 2;
      const threshold = i % 3 === 0 ? 0 : Math.floor(price / 10000) * 10000 - (i % 4 === 1 ? -10000 : 100);
      out.push({
        id: id++,
        title: `${STYLES[i % STYLES.length]}${kind} ${prefix}${i}`,
        shop: `${prefix}${["旗舰店", "专营店", "女装店", "优选"][i % 4]}${i % 5}`,
        price,
        listPrice: price + 10000,
        coupon: withCoupon ? 1000 + (i % 4) * 500 : 0,
        threshold: withCoupon ? Math.max(0, threshold) : 0,
        sales: ((i * 7919 + seed * 104729) % 50000) + 10,
        tmall: i % 2 === 0,
      });
    }
  }
  return out;
}

/** The goods matching a keyword, in the order asked: sales (highest first) or price (lowest first). */
export function searchGoods(goods: readonly MarketGood[], keyword: string, sort: "sales" | "price_asc" | "price_desc"): MarketGood[] {
  const found = goods.filter((g) => g.title.includes(keyword.trim()));
  return found.sort((a, b) =>
    sort === "sales" ? b.sales - a.sales || a.id - b.id : sort === "price_asc" ? a.price - b.price || a.id - b.id : b.price - a.price,
  );
}

export const yuanText = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
