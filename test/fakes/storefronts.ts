/**
 * Competitor storefronts for `prices snapshot` tests, public and credential-free, on 127.0.0.1:
 * a Shopify shop (`/products.json?limit=&page=`, decimal strings, compare_at_price), a WooCommerce
 * Store API (`/wp-json/wc/store/v1/products?search=&per_page=&page=`, minor-unit strings, on_sale,
 * X-WP-TotalPages) and a generic JSON search endpoint (`/api/search?q=`) with promotion text. Each
 * serves a catalog of 300 products whose prices, stock and promotions tests change between snapshots.
 */
import { type FakeReply, type FakeRequest, type FakeServer, type Handler, startFakeServer } from "./lib/index.js";

export interface StorefrontProduct {
  id: number;
  handle: string;
  title: string;
  /** Minor units (CNY). */
  price: number;
  compareAt: number | null;
  inStock: boolean;
  /** Promotion text (JSON endpoint only; Shopify shows none, WooCommerce shows on_sale). */
  promotion: string | null;
  /** A second variant's price (a range) when set. */
  priceMax?: number;
}

export interface FakeStorefront extends FakeServer {
  products: StorefrontProduct[];
  /**
   * Shopify only: whether the theme serves predictive search (`/search/suggest.json`); "off" answers
   * 404 as a shop without it does, "unsupported" 417 as Shopify does for a language it cannot search.
   */
  predictive: "on" | "off" | "unsupported";
  /** "ok", "malformed" (200 with an HTML body), "down" (503 always). */
  mode: "ok" | "malformed" | "down";
  find(handle: string): StorefrontProduct;
}

/** The three queries the tests use, and filler so a storefront has 300 products across pages. */
export const CATEGORIES = ["连衣裙", "跑步鞋", "羽绒服", "T恤", "牛仔裤", "帽子"] as const;
const STYLES = ["法式碎花", "夏季雪纺", "针织收腰", "轻量透气", "缓震", "复古", "加厚", "短款", "宽松", "修身"];

/** 300 products, 50 per category, deterministic; `shift` varies prices between competitors. */
export function storefrontCatalog(prefix: string, shift: number): StorefrontProduct[] {
  const out: StorefrontProduct[] = [];
  for (let i = 0; i < 300; i++) {
    const category = CATEGORIES[i % CATEGORIES.length] as string;
    const n = Math.floor(i / CATEGORIES.length);
    const base = category === "羽绒服" ? 59900 : category === "跑步鞋" ? 39900 : category === "连衣裙" ? 25900 : 9900;
    out.push({
      id: 1000 + i,
      handle: `${prefix}-${i}`,
      title: `${STYLES[n % STYLES.length]}${category} ${prefix.toUpperCase()}${n}`,
      price: base + ((n * 1700 + shift) % 9000),
      compareAt: null,
      inStock: n % 7 !== 3,
      promotion: null,
    });
  }
  return out;
}

function decimal(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

function startStorefront(
  products: StorefrontProduct[],
  route: (s: FakeStorefront) => (method: string, path: string) => Handler | undefined,
): Promise<FakeStorefront> {
  let self: FakeStorefront | undefined;
  const guard =
    (h: Handler): Handler =>
    (req: FakeRequest): FakeReply | Promise<FakeReply> => {
      if (self?.mode === "down") return { status: 503, json: { message: "Service Unavailable" } };
      if (self?.mode === "malformed")
        return { status: 200, headers: { "content-type": "text/html" }, text: "<html><body>Checking your browser…</body></html>" };
      return h(req);
    };
  return startFakeServer({
    route: (method, path) => {
      const h = self ? route(self)(method, path) : undefined;
      return h ? guard(h) : undefined;
    },
  }).then((server) => {
    const extra = {
      products,
      mode: "ok" as FakeStorefront["mode"],
      predictive: "on" as FakeStorefront["predictive"],
      find(handle: string): StorefrontProduct {
        const p = (self as FakeStorefront).products.find((x) => x.handle === handle);
        if (!p) throw new Error(`no product ${handle}`);
        return p;
      },
    };
    self = Object.assign(server, extra);
    return self;
  });
}

/**
 * Shopify predictive search (`/search/suggest.json?q=&resources[type]=product&resources[limit]=`, at
 * most 10): the shop's own top products for the query, prices as decimal strings, the product url with
 * Shopify's tracking parameters (_pos, _sid, _ss).
 */
function predictiveSearch(s: FakeStorefront, req: FakeRequest): FakeReply {
  if (s.predictive === "off") return { status: 404, json: { errors: "Not Found" } };
  if (s.predictive === "unsupported")
    return { status: 417, json: { status: 417, message: "Expectation Failed", description: "Unsupported language" } };
  if (req.query.get("resources[type]") !== "product") return { status: 422, json: { message: "resources[type] must include product" } };
  const limit = Math.min(10, Math.max(1, Number(req.query.get("resources[limit]") ?? "10")));
  const q = (req.query.get("q") ?? "").toLowerCase();
  const hits = s.products.filter((p) => p.title.toLowerCase().includes(q)).slice(0, limit);
  return {
    json: {
      resources: {
        results: {
          products: hits.map((p, i) => ({
            id: p.id,
            title: p.title,
            handle: p.handle,
            url: `/products/${p.handle}?_pos=${i + 1}&_sid=fake1&_ss=r`,
            available: p.inStock,
            vendor: "Rival brand",
            type: "Apparel",
            tags: [],
            price: decimal(p.price),
            price_min: decimal(p.price),
            price_max: decimal(p.priceMax ?? p.price),
            compare_at_price_min: decimal(p.compareAt ?? 0),
            compare_at_price_max: decimal(p.compareAt ?? 0),
          })),
        },
      },
    },
  };
}

/** Shopify: predictive search, and every published product through /products.json, 250 per page. */
export function startShopifyStorefront(products = storefrontCatalog("sh", 300)): Promise<FakeStorefront> {
  return startStorefront(products, (s) => (method, path) => {
    if (method === "GET" && path === "/search/suggest.json") return (req) => predictiveSearch(s, req);
    if (method !== "GET" || path !== "/products.json") return undefined;
    return (req) => {
      const limit = Math.min(250, Number(req.query.get("limit") ?? "30"));
      const page = Math.max(1, Number(req.query.get("page") ?? "1"));
      const slice = s.products.slice((page - 1) * limit, page * limit);
      return {
        json: {
          products: slice.map((p) => ({
            id: p.id,
            title: p.title,
            handle: p.handle,
            vendor: "Rival brand",
            product_type: "Apparel",
            tags: [],
            variants: [
              {
                id: p.id * 10,
                price: decimal(p.price),
                compare_at_price: p.compareAt === null ? null : decimal(p.compareAt),
                available: p.inStock,
              },
              ...(p.priceMax ? [{ id: p.id * 10 + 1, price: decimal(p.priceMax), compare_at_price: null, available: p.inStock }] : []),
            ],
          })),
        },
      };
    };
  });
}

/** WooCommerce Store API: search by name, minor-unit strings, on_sale with a regular price. */
export function startWooStorefront(products = storefrontCatalog("wc", 4100)): Promise<FakeStorefront> {
  return startStorefront(products, (s) => (method, path) => {
    if (method !== "GET" || path !== "/wp-json/wc/store/v1/products") return undefined;
    return (req) => {
      const search = (req.query.get("search") ?? "").toLowerCase();
      const perPage = Math.min(100, Number(req.query.get("per_page") ?? "10"));
      const page = Math.max(1, Number(req.query.get("page") ?? "1"));
      const hits = s.products.filter((p) => p.title.toLowerCase().includes(search));
      const slice = hits.slice((page - 1) * perPage, page * perPage);
      return {
        headers: { "x-wp-total": String(hits.length), "x-wp-totalpages": String(Math.max(1, Math.ceil(hits.length / perPage))) },
        json: slice.map((p) => ({
          id: p.id,
          name: p.title,
          slug: p.handle,
          permalink: `http://woo.invalid/product/${p.handle}/`,
          on_sale: p.compareAt !== null && p.compareAt > p.price,
          is_in_stock: p.inStock,
          prices: {
            currency_code: "CNY",
            currency_minor_unit: 2,
            price: String(p.price),
            regular_price: String(p.compareAt ?? p.price),
            sale_price: String(p.price),
            price_range: p.priceMax ? { min_amount: String(p.price), max_amount: String(p.priceMax) } : null,
          },
        })),
      };
    };
  });
}

/** A generic JSON search endpoint: text prices ("¥1,299.00"), promotion text, in_stock words. */
export function startJsonStorefront(products = storefrontCatalog("js", 5200)): Promise<FakeStorefront> {
  return startStorefront(products, (s) => (method, path) => {
    if (method !== "GET" || path !== "/api/search") return undefined;
    return (req) => {
      const q = (req.query.get("q") ?? "").toLowerCase();
      const hits = s.products.filter((p) => p.title.toLowerCase().includes(q)).slice(0, 20);
      return {
        json: {
          data: {
            items: hits.map((p) => ({
              name: p.title,
              link: `https://json.invalid/item/${p.handle}`,
              price: `¥${(p.price / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
              original_price: p.compareAt === null ? null : `¥${(p.compareAt / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
              stock: p.inStock ? "有货" : "缺货",
              promo: p.promotion,
            })),
          },
        },
      };
    };
  });
}
