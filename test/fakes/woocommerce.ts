/**
 * A fake WooCommerce site on 127.0.0.1: REST v3 (`/wp-json/wc/v3`) products, variations, product
 * terms (categories, tags, brands), batch endpoints, orders, refunds, notes; the Shipment Tracking
 * extension (`/wp-json/wc-shipment-tracking/v3`); the public Store API (`/wp-json/wc/store/v1`).
 * It answers the way WooCommerce does (platforms.md §3): page/per_page with X-WP-Total(Pages) and
 * Link headers, per_page > 100 -> 400 rest_invalid_param, batches > 100 items -> 413, per-item batch
 * errors inline, duplicate SKU -> product_invalid_sku, unique slugs by suffix, term_exists with
 * resource_id, and WC_REST_Authentication's answers for unknown keys, wrong secrets and keys without
 * read or write permission. Deterministic: every id, date and seeded record comes from counters and
 * a seeded RNG.
 */
import {
  type FakeReply,
  type FakeRequest,
  type FakeServer,
  type Faults,
  type Handler,
  seededRandom,
  startFakeServer,
} from "./lib/index.js";

export interface WooTerm {
  id: number;
  name: string;
  slug: string;
  parent: number;
}
export type Taxonomy = "categories" | "tags" | "brands";

export interface WooAttribute {
  id: number;
  name: string;
  position: number;
  visible: boolean;
  variation: boolean;
  options: string[];
}

export interface WooVariation {
  id: number;
  parent_id: number;
  sku: string;
  global_unique_id: string;
  regular_price: string;
  sale_price: string;
  price: string;
  on_sale: boolean;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: string;
  weight: string;
  image: { id: number; src: string } | null;
  attributes: { id: number; name: string; option: string }[];
  meta_data: { id: number; key: string; value: unknown }[];
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
}

export interface WooProduct {
  id: number;
  name: string;
  slug: string;
  permalink: string;
  type: "simple" | "variable";
  status: string;
  description: string;
  short_description: string;
  sku: string;
  global_unique_id: string;
  price: string;
  regular_price: string;
  sale_price: string;
  on_sale: boolean;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: string;
  weight: string;
  categories: { id: number; name: string; slug: string }[];
  tags: { id: number; name: string; slug: string }[];
  /** Absent before WooCommerce 9.6. */
  brands?: { id: number; name: string; slug: string }[];
  images: { id: number; src: string; name: string; alt: string }[];
  attributes: WooAttribute[];
  variations: number[];
  meta_data: { id: number; key: string; value: unknown }[];
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
}

export interface WooLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  sku: string;
  price: number;
}

export interface WooRefund {
  id: number;
  date_created: string;
  date_created_gmt: string;
  amount: string;
  reason: string;
  refunded_by: number;
  refunded_payment: boolean;
  line_items: (WooLineItem & { refund_total: number })[];
}

export interface WooOrder {
  id: number;
  parent_id: number;
  number: string;
  order_key: string;
  created_via: string;
  status: string;
  currency: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  total: string;
  total_tax: string;
  customer_id: number;
  billing: { email: string; first_name: string; last_name: string };
  payment_method: string;
  line_items: WooLineItem[];
  shipping_lines: { id: number; method_id: string; method_title: string; total: string }[];
  coupon_lines: { id: number; code: string; discount: string }[];
  refunds: { id: number; reason: string; total: string }[];
  meta_data: { id: number; key: string; value: unknown }[];
}

export interface WooNote {
  id: number;
  author: string;
  date_created: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
}

export interface WooTracking {
  tracking_id: string;
  tracking_provider: string;
  custom_tracking_provider: string;
  custom_tracking_link: string;
  tracking_link: string;
  tracking_number: string;
  date_shipped: string;
}

export interface WooKey {
  consumerKey: string;
  consumerSecret: string;
  permissions: "read" | "write" | "read_write";
}

export interface WooState {
  products: Map<number, WooProduct>;
  variations: Map<number, WooVariation>;
  terms: Record<Taxonomy, Map<number, WooTerm>>;
  orders: Map<number, WooOrder>;
  refunds: Map<number, WooRefund[]>;
  notes: Map<number, WooNote[]>;
  trackings: Map<number, WooTracking[]>;
  keys: WooKey[];
  currency: string;
  /** Mutating requests that reached a handler (after auth), for "no writes on a repeat" checks. */
  writes: number;
}

export interface FakeWooOptions {
  faults?: Faults;
  seed?: number;
  currency?: string;
  /** Install the Shipment Tracking extension routes (default true). */
  shipmentTracking?: boolean;
  /** Answer every request with a PHP fatal error page (text/html 500), or only 2xx bodies cut to invalid JSON. */
  htmlErrors?: "fatal500" | "brokenJson200";
  /** The site's "now" for date_created/date_modified of writes; advances 1 s per write. */
  start?: Date;
  /**
   * The WooCommerce version the site runs (default "9.8"). Before 9.6 there is no brands taxonomy: no
   * `/products/brands` routes (404 rest_no_route), no `brands` on products, a `brands` key in a write is
   * ignored as WordPress ignores unknown keys. Before 9.0 there is no `/refunds` route.
   */
  version?: string;
}

export interface FakeWoo extends FakeServer {
  state: WooState;
  /** A read_write key pair, the one tests normally use. */
  key: WooKey;
  addKey(permissions: WooKey["permissions"]): WooKey;
  seedOrders(n: number, opts?: { from?: Date; stepMinutes?: number }): WooOrder[];
  setHtmlErrors(mode: FakeWooOptions["htmlErrors"] | undefined): void;
  /** Products as plain objects with their variations inline, ordered by id. */
  dump(): (WooProduct & { variation_objects: WooVariation[] })[];
}

const REST = "/wp-json/wc/v3";
const TRACKING = "/wp-json/wc-shipment-tracking/v3";
const STORE = "/wp-json/wc/store/v1";

class WpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const errorReply = (e: WpError): FakeReply => ({
  status: e.status,
  json: { code: e.code, message: e.message, data: { status: e.status, ...e.extra } },
});

/** "2026-03-01T10:00:00" the way WooCommerce writes dates: no zone, `_gmt` twins in UTC. */
const wpDate = (d: Date) => d.toISOString().slice(0, 19);

function sanitizeTitle(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-");
}

function money(v: unknown, field: string): string {
  if (v === undefined || v === null || v === "") return "";
  if (typeof v !== "string" || !/^\d+(\.\d+)?$/.test(v)) {
    throw new WpError(400, "rest_invalid_param", `Invalid parameter(s): ${field}`, {
      params: { [field]: `${field} is not of type string.` },
    });
  }
  return v;
}

/** Smaller of two non-empty decimal strings (prices here have at most 2 decimals). */
function cents(v: string): number {
  const [i = "0", f = ""] = v.split(".");
  return Number(i) * 100 + Number(`${f}00`.slice(0, 2));
}

function priceOf(regular: string, sale: string): { price: string; on_sale: boolean } {
  const onSale = sale !== "" && (regular === "" || cents(sale) < cents(regular));
  return { price: onSale ? sale : regular, on_sale: onSale };
}

export async function startFakeWooCommerce(opts: FakeWooOptions = {}): Promise<FakeWoo> {
  const rng = seededRandom(opts.seed ?? 7);
  const token = (prefix: string) => `${prefix}_${Array.from({ length: 40 }, () => "0123456789abcdef"[Math.floor(rng() * 16)]).join("")}`;
  const state: WooState = {
    products: new Map(),
    variations: new Map(),
    terms: { categories: new Map(), tags: new Map(), brands: new Map() },
    orders: new Map(),
    refunds: new Map(),
    notes: new Map(),
    trackings: new Map(),
    keys: [],
    currency: opts.currency ?? "USD",
    writes: 0,
  };
  let nextId = 100;
  let clock = (opts.start ?? new Date("2026-03-01T00:00:00Z")).getTime();
  const tick = () => {
    clock += 1000;
    return new Date(clock);
  };
  let htmlErrors = opts.htmlErrors;
  const [major = 0, minor = 0] = (opts.version ?? "9.8").split(".").map(Number);
  const atLeast = (ma: number, mi: number) => major > ma || (major === ma && minor >= mi);
  const hasBrands = atLeast(9, 6);
  const hasRefundsRoute = atLeast(9, 0);
  const tracking = opts.shipmentTracking ?? true;

  const addKey = (permissions: WooKey["permissions"]): WooKey => {
    const k = { consumerKey: token("ck"), consumerSecret: token("cs"), permissions };
    state.keys.push(k);
    return k;
  };
  const key = addKey("read_write");

  // --- auth (WC_REST_Authentication): unknown key = not logged in; wrong secret and missing permission are errors.
  type Auth = { user: WooKey | null; error?: WpError };
  function authenticate(req: FakeRequest): Auth {
    let ck = req.query.get("consumer_key") ?? "";
    let cs = req.query.get("consumer_secret") ?? "";
    const header = String(req.headers.authorization ?? "");
    if ((!ck || !cs) && header.startsWith("Basic ")) {
      const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      ck = decoded.slice(0, colon);
      cs = decoded.slice(colon + 1);
    }
    if (!ck || !cs) return { user: null };
    const user = state.keys.find((k) => k.consumerKey === ck);
    if (!user) return { user: null };
    if (user.consumerSecret !== cs)
      return { user: null, error: new WpError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.") };
    const write = req.method !== "GET" && req.method !== "HEAD";
    if (write && user.permissions === "read") {
      return {
        user: null,
        error: new WpError(401, "woocommerce_rest_authentication_error", "The API key provided does not have write permissions."),
      };
    }
    if (!write && user.permissions === "write") {
      return {
        user: null,
        error: new WpError(401, "woocommerce_rest_authentication_error", "The API key provided does not have read permissions."),
      };
    }
    return { user };
  }
  const CANNOT: Record<string, [string, string]> = {
    list: ["woocommerce_rest_cannot_view", "Sorry, you cannot list resources."],
    view: ["woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."],
    create: ["woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."],
    edit: ["woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."],
    delete: ["woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource."],
    batch: ["woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource."],
  };

  /** A route handler behind authentication; `action` names the permission_callback's refusal. */
  const authed =
    (action: keyof typeof CANNOT, fn: (req: FakeRequest, m: RegExpMatchArray) => FakeReply) =>
    (m: RegExpMatchArray): Handler =>
    (req) => {
      if (htmlErrors === "fatal500") {
        return {
          status: 500,
          headers: { "content-type": "text/html; charset=UTF-8" },
          text: "<html><head><title>WordPress &rsaquo; Error</title></head><body><p>There has been a critical error on this website.</p><br />\n<b>Fatal error</b>: Allowed memory size of 134217728 bytes exhausted in /var/www/html/wp-includes/class-wpdb.php on line 2349</body></html>",
        };
      }
      const auth = authenticate(req);
      if (auth.error) return errorReply(auth.error);
      if (!auth.user) {
        const [code, message] = CANNOT[action] as [string, string];
        return errorReply(new WpError(401, code, message));
      }
      try {
        if (req.method !== "GET") state.writes++;
        const reply = fn(req, m);
        if (htmlErrors === "brokenJson200" && (reply.status ?? 200) < 300) {
          return {
            status: reply.status ?? 200,
            headers: { ...reply.headers, "content-type": "application/json; charset=UTF-8" },
            text: `${JSON.stringify(reply.json).slice(0, 40)}<br />\n<b>Warning</b>`,
          };
        }
        return reply;
      } catch (e) {
        if (e instanceof WpError) return errorReply(e);
        throw e;
      }
    };

  // --- pagination (WP_REST_Controller::get_collection_params)
  function paginate<T>(req: FakeRequest, all: T[], path: string): FakeReply {
    const perPageRaw = req.query.get("per_page");
    const pageRaw = req.query.get("page");
    const perPage = perPageRaw === null ? 10 : Number(perPageRaw);
    const page = pageRaw === null ? 1 : Number(pageRaw);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      throw new WpError(400, "rest_invalid_param", "Invalid parameter(s): per_page", {
        params: { per_page: "per_page must be between 1 (inclusive) and 100 (inclusive)" },
        details: {
          per_page: { code: "rest_out_of_bounds", message: "per_page must be between 1 (inclusive) and 100 (inclusive)", data: null },
        },
      });
    }
    if (!Number.isInteger(page) || page < 1) {
      throw new WpError(400, "rest_invalid_param", "Invalid parameter(s): page", {
        params: { page: "page must be greater than or equal to 1" },
      });
    }
    const offset = req.query.get("offset") !== null ? Number(req.query.get("offset")) : (page - 1) * perPage;
    const total = all.length;
    const totalPages = Math.ceil(total / perPage);
    const base = `${server.url}${path}`;
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(req.query);
      q.set("page", String(p));
      return `<${base}?${q}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, "prev"));
    if (page < totalPages) links.push(link(page + 1, "next"));
    return {
      status: 200,
      headers: { "X-WP-Total": String(total), "X-WP-TotalPages": String(totalPages), ...(links.length ? { Link: links.join(", ") } : {}) },
      json: all.slice(offset, offset + perPage),
    };
  }

  const ordered = <T>(all: Iterable<T>, key: (x: T) => string | number, desc: boolean) => {
    const arr = [...all];
    arr.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : 0;
      return desc ? -c : c;
    });
    return arr;
  };

  /** Date filters: naive dates are the site's time (UTC here) unless dates_are_gmt; both compare the same. */
  function dateFilter(req: FakeRequest, param: string): ((d: string) => boolean) | undefined {
    const raw = req.query.get(param);
    if (raw === null) return undefined;
    const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw}Z`);
    if (Number.isNaN(t))
      throw new WpError(400, "rest_invalid_param", `Invalid parameter(s): ${param}`, { params: { [param]: "Invalid date." } });
    const after = param.endsWith("after");
    return (d) => (after ? Date.parse(`${d}Z`) > t : Date.parse(`${d}Z`) < t);
  }

  // --- products
  const allSkus = () => {
    const skus = new Map<string, number>();
    for (const p of state.products.values()) if (p.sku) skus.set(p.sku, p.id);
    for (const v of state.variations.values()) if (v.sku) skus.set(v.sku, v.id);
    return skus;
  };
  function checkSku(sku: string, selfId: number) {
    if (!sku) return;
    const owner = allSkus().get(sku);
    if (owner !== undefined && owner !== selfId) {
      throw new WpError(400, "product_invalid_sku", "Invalid or duplicated SKU.", { resource_id: owner, unique_sku: `${sku}-1` });
    }
  }
  function uniqueSlug(wanted: string, selfId: number): string {
    const base = sanitizeTitle(wanted) || "product";
    const taken = new Set([...state.products.values()].filter((p) => p.id !== selfId).map((p) => p.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
  function termRefs(tax: Taxonomy, refs: unknown): { id: number; name: string; slug: string }[] {
    if (!Array.isArray(refs)) return [];
    return refs.flatMap((r) => {
      const t = state.terms[tax].get(Number((r as { id?: unknown }).id));
      return t ? [{ id: t.id, name: t.name, slug: t.slug }] : [];
    });
  }
  function applyStock(
    target: { manage_stock: boolean; stock_quantity: number | null; stock_status: string },
    body: Record<string, unknown>,
  ) {
    if (body.manage_stock !== undefined) target.manage_stock = Boolean(body.manage_stock);
    if (body.stock_quantity !== undefined) target.stock_quantity = body.stock_quantity === null ? null : Number(body.stock_quantity);
    if (!target.manage_stock) target.stock_quantity = null;
    if (body.stock_status !== undefined) target.stock_status = String(body.stock_status);
    if (target.manage_stock) target.stock_status = (target.stock_quantity ?? 0) > 0 ? "instock" : "outofstock";
  }

  function writeProduct(body: Record<string, unknown>, existing?: WooProduct): WooProduct {
    const now = tick();
    const id = existing?.id ?? nextId++;
    const p: WooProduct = existing
      ? structuredClone(existing)
      : {
          id,
          name: "",
          slug: "",
          permalink: "",
          type: "simple",
          status: "publish",
          description: "",
          short_description: "",
          sku: "",
          global_unique_id: "",
          price: "",
          regular_price: "",
          sale_price: "",
          on_sale: false,
          manage_stock: false,
          stock_quantity: null,
          stock_status: "instock",
          weight: "",
          categories: [],
          tags: [],
          ...(hasBrands ? { brands: [] } : {}),
          images: [],
          attributes: [],
          variations: [],
          meta_data: [],
          date_created: wpDate(now),
          date_created_gmt: wpDate(now),
          date_modified: wpDate(now),
          date_modified_gmt: wpDate(now),
        };
    if (body.type !== undefined) {
      if (body.type !== "simple" && body.type !== "variable") {
        throw new WpError(400, "rest_invalid_param", "Invalid parameter(s): type", {
          params: { type: "type is not one of simple, grouped, external and variable." },
        });
      }
      p.type = body.type;
    }
    for (const f of ["name", "description", "short_description", "status", "global_unique_id", "weight"] as const) {
      if (body[f] !== undefined) p[f] = String(body[f] ?? "");
    }
    if (body.sku !== undefined) {
      const sku = String(body.sku ?? "").trim();
      checkSku(sku, id);
      p.sku = sku;
    }
    if (body.slug !== undefined || !existing) p.slug = uniqueSlug(String(body.slug ?? body.name ?? ""), id);
    if (body.regular_price !== undefined) p.regular_price = money(body.regular_price, "regular_price");
    if (body.sale_price !== undefined) p.sale_price = money(body.sale_price, "sale_price");
    applyStock(p, body);
    if (body.categories !== undefined) p.categories = termRefs("categories", body.categories);
    if (body.tags !== undefined) p.tags = termRefs("tags", body.tags);
    // Before 9.6 `brands` is no field of a product: WordPress ignores unknown keys in a request body.
    if (body.brands !== undefined && hasBrands) p.brands = termRefs("brands", body.brands);
    if (Array.isArray(body.images)) {
      p.images = body.images.map((im: { src?: string; name?: string; alt?: string }, i) => ({
        id: id * 100 + i,
        src: String(im.src ?? ""),
        name: String(im.name ?? ""),
        alt: String(im.alt ?? ""),
      }));
    }
    if (Array.isArray(body.attributes)) {
      p.attributes = body.attributes.map((a: Partial<WooAttribute>, i) => ({
        id: 0,
        name: String(a.name ?? ""),
        position: a.position ?? i,
        visible: a.visible ?? false,
        variation: a.variation ?? false,
        options: (a.options ?? []).map(String),
      }));
    }
    if (Array.isArray(body.meta_data)) {
      for (const m of body.meta_data as { key: string; value: unknown }[]) {
        const found = p.meta_data.find((x) => x.key === m.key);
        if (found) found.value = m.value;
        else p.meta_data.push({ id: nextId++, key: m.key, value: m.value });
      }
    }
    if (p.type === "variable") {
      p.regular_price = "";
      p.sale_price = "";
      const prices = p.variations.map((v) => state.variations.get(v)?.price ?? "").filter((x) => x !== "");
      p.price = prices.sort((a, b) => cents(a) - cents(b))[0] ?? "";
      p.on_sale = p.variations.some((v) => state.variations.get(v)?.on_sale);
    } else Object.assign(p, priceOf(p.regular_price, p.sale_price));
    p.permalink = `${server.url}/product/${p.slug}/`;
    p.date_modified = wpDate(now);
    p.date_modified_gmt = wpDate(now);
    state.products.set(id, p);
    return p;
  }

  function writeVariation(parent: WooProduct, body: Record<string, unknown>, existing?: WooVariation): WooVariation {
    const now = tick();
    const id = existing?.id ?? nextId++;
    const v: WooVariation = existing
      ? structuredClone(existing)
      : {
          id,
          parent_id: parent.id,
          sku: "",
          global_unique_id: "",
          regular_price: "",
          sale_price: "",
          price: "",
          on_sale: false,
          manage_stock: false,
          stock_quantity: null,
          stock_status: "instock",
          weight: "",
          image: null,
          attributes: [],
          meta_data: [],
          date_created: wpDate(now),
          date_created_gmt: wpDate(now),
          date_modified: wpDate(now),
          date_modified_gmt: wpDate(now),
        };
    if (body.sku !== undefined) {
      const sku = String(body.sku ?? "").trim();
      checkSku(sku, id);
      v.sku = sku;
    }
    for (const f of ["global_unique_id", "weight"] as const) if (body[f] !== undefined) v[f] = String(body[f] ?? "");
    if (body.regular_price !== undefined) v.regular_price = money(body.regular_price, "regular_price");
    if (body.sale_price !== undefined) v.sale_price = money(body.sale_price, "sale_price");
    Object.assign(v, priceOf(v.regular_price, v.sale_price));
    applyStock(v, body);
    if (body.image !== undefined) {
      const im = body.image as { src?: string } | null;
      v.image = im?.src ? { id: id * 100, src: im.src } : null;
    }
    if (Array.isArray(body.attributes)) {
      v.attributes = (body.attributes as { name?: string; option?: string }[])
        .filter((a) => parent.attributes.some((pa) => pa.variation && pa.name.toLowerCase() === String(a.name ?? "").toLowerCase()))
        .map((a) => ({ id: 0, name: String(a.name), option: String(a.option ?? "") }));
    }
    v.date_modified = wpDate(now);
    v.date_modified_gmt = wpDate(now);
    state.variations.set(id, v);
    if (!parent.variations.includes(id)) parent.variations.push(id);
    writeProduct({}, parent); // a variation change touches the parent (price, date_modified), as WC_Product_Variable::sync does
    return v;
  }

  function deleteProduct(id: number): WooProduct {
    const p = state.products.get(id);
    if (!p) throw new WpError(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
    for (const v of p.variations) state.variations.delete(v);
    state.products.delete(id);
    return p;
  }
  function deleteVariation(parent: WooProduct, id: number): WooVariation {
    const v = state.variations.get(id);
    if (!v || v.parent_id !== parent.id) throw new WpError(404, "woocommerce_rest_product_variation_invalid_id", "Invalid ID.");
    state.variations.delete(id);
    parent.variations = parent.variations.filter((x) => x !== id);
    writeProduct({}, state.products.get(parent.id) ?? parent);
    return v;
  }

  const productOr404 = (id: string | undefined) => {
    const p = state.products.get(Number(id));
    if (!p) throw new WpError(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
    return p;
  };
  const objectBody = (req: FakeRequest): Record<string, unknown> => {
    if (req.body === undefined || req.body === null || req.body === "") return {};
    if (typeof req.body !== "object" || Array.isArray(req.body)) throw new WpError(400, "rest_invalid_json", "Invalid JSON body passed.");
    return req.body as Record<string, unknown>;
  };

  /** WC_REST_Controller::batch_items: 100 items at most; one failing item never fails the batch. */
  function batch<T>(
    req: FakeRequest,
    ops: {
      create: (b: Record<string, unknown>) => T;
      update: (b: Record<string, unknown>) => T;
      remove: (id: number, force: boolean) => T;
    },
  ): FakeReply {
    const body = objectBody(req);
    const create = Array.isArray(body.create) ? body.create : [];
    const update = Array.isArray(body.update) ? body.update : [];
    const del = Array.isArray(body.delete) ? body.delete : [];
    if (create.length + update.length + del.length > 100) {
      throw new WpError(413, "woocommerce_rest_request_entity_too_large", "Unable to accept more than 100 items for this request.");
    }
    const itemError = (id: number, e: unknown) => {
      if (!(e instanceof WpError)) throw e;
      return { id, error: { code: e.code, message: e.message, data: { status: e.status, ...e.extra } } };
    };
    const out: Record<string, unknown[]> = {};
    if (create.length)
      out.create = create.map((b) => {
        try {
          return ops.create(b as Record<string, unknown>);
        } catch (e) {
          return itemError(0, e);
        }
      });
    if (update.length)
      out.update = update.map((b) => {
        const id = Number((b as { id?: unknown }).id ?? 0);
        try {
          return ops.update(b as Record<string, unknown>);
        } catch (e) {
          return itemError(id, e);
        }
      });
    if (del.length)
      out.delete = del.map((raw) => {
        const id = Number(typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : raw);
        try {
          return ops.remove(id, true);
        } catch (e) {
          return itemError(id, e);
        }
      });
    return { status: 200, json: out };
  }

  function listProducts(req: FakeRequest): FakeReply {
    let all = [...state.products.values()];
    const q = req.query;
    const slug = q.get("slug");
    if (slug !== null) all = all.filter((p) => p.slug === slug);
    const sku = q.get("sku");
    if (sku !== null) {
      // WC matches product-level SKUs only (post_type product), the comma list and the whole string.
      const skus = new Set([...sku.split(","), sku]);
      all = all.filter((p) => p.sku && skus.has(p.sku));
    }
    const type = q.get("type");
    if (type) all = all.filter((p) => p.type === type);
    const status = q.get("status");
    if (status && status !== "any") all = all.filter((p) => p.status === status);
    const include = q.get("include");
    if (include) {
      const ids = new Set(include.split(",").map(Number));
      all = all.filter((p) => ids.has(p.id));
    }
    const search = q.get("search");
    if (search) all = all.filter((p) => p.name.toLowerCase().includes(search.toLowerCase()));
    for (const param of ["modified_after", "modified_before"]) {
      const f = dateFilter(req, param);
      if (f) all = all.filter((p) => f(p.date_modified_gmt));
    }
    const orderby = q.get("orderby") ?? "date";
    const desc = (q.get("order") ?? "desc") === "desc";
    const key =
      orderby === "id"
        ? (p: WooProduct) => p.id
        : orderby === "modified"
          ? (p: WooProduct) => `${p.date_modified_gmt}|${String(p.id).padStart(12, "0")}`
          : (p: WooProduct) => `${p.date_created_gmt}|${String(p.id).padStart(12, "0")}`;
    return paginate(req, ordered(all, key, desc), req.path);
  }

  // --- terms
  function listTerms(tax: Taxonomy, req: FakeRequest): FakeReply {
    let all = [...state.terms[tax].values()];
    const search = req.query.get("search");
    if (search) all = all.filter((t) => t.name.toLowerCase().includes(search.toLowerCase()));
    const slug = req.query.get("slug");
    if (slug) all = all.filter((t) => t.slug === slug);
    const parent = req.query.get("parent");
    if (parent !== null) all = all.filter((t) => t.parent === Number(parent));
    return paginate(
      req,
      ordered(all, (t) => t.id, false).map((t) => ({ ...t, count: 0 })),
      req.path,
    );
  }
  function createTerm(tax: Taxonomy, req: FakeRequest): FakeReply {
    const body = objectBody(req);
    const name = String(body.name ?? "").trim();
    if (!name) throw new WpError(400, "rest_missing_callback_param", "Missing parameter(s): name", { params: ["name"] });
    const parent = tax === "tags" ? 0 : Number(body.parent ?? 0);
    const same = [...state.terms[tax].values()].find((t) => t.name === name && t.parent === parent);
    if (same)
      throw new WpError(400, "term_exists", "A term with the name provided already exists with this parent.", {
        resource_id: same.id,
        term_id: same.id,
      });
    let slug = sanitizeTitle(name) || "term";
    const taken = new Set([...state.terms[tax].values()].map((t) => t.slug));
    if (taken.has(slug))
      for (let n = 2; ; n++)
        if (!taken.has(`${slug}-${n}`)) {
          slug = `${slug}-${n}`;
          break;
        }
    const term: WooTerm = { id: nextId++, name, slug, parent };
    state.terms[tax].set(term.id, term);
    return { status: 201, json: { ...term, count: 0 } };
  }

  // --- orders
  function listOrders(req: FakeRequest): FakeReply {
    let all = [...state.orders.values()];
    const statuses = req.query.getAll("status").flatMap((s) => s.split(","));
    if (statuses.length && !statuses.includes("any")) all = all.filter((o) => statuses.includes(o.status));
    for (const [param, field] of [
      ["after", "date_created_gmt"],
      ["before", "date_created_gmt"],
      ["modified_after", "date_modified_gmt"],
      ["modified_before", "date_modified_gmt"],
    ] as const) {
      const f = dateFilter(req, param);
      if (f) all = all.filter((o) => f(o[field]));
    }
    const orderby = req.query.get("orderby") ?? "date";
    if (!["date", "id", "include", "title", "slug", "modified"].includes(orderby)) {
      throw new WpError(400, "rest_invalid_param", "Invalid parameter(s): orderby", {
        params: { orderby: "orderby is not one of date, id, include, title, slug, and modified." },
      });
    }
    const desc = (req.query.get("order") ?? "desc") === "desc";
    const key =
      orderby === "id"
        ? (o: WooOrder) => o.id
        : orderby === "modified"
          ? (o: WooOrder) => `${o.date_modified_gmt}|${String(o.id).padStart(12, "0")}`
          : (o: WooOrder) => `${o.date_created_gmt}|${String(o.id).padStart(12, "0")}`;
    return paginate(req, ordered(all, key, desc), req.path);
  }
  /** `GET /refunds` (9.0+): every refund, `parent_id` added; `include` narrows to ids; newest first by default. */
  function listRefunds(req: FakeRequest): FakeReply {
    let all = [...state.refunds.entries()].flatMap(([orderId, list]) => list.map((r) => ({ parent_id: orderId, ...r })));
    const include = req.query.get("include");
    if (include) {
      const ids = new Set(include.split(",").map(Number));
      all = all.filter((r) => ids.has(r.id));
    }
    const desc = (req.query.get("order") ?? "desc") === "desc";
    return paginate(req, ordered(all, (r) => `${r.date_created_gmt}|${String(r.id).padStart(12, "0")}`, desc), req.path);
  }
  const orderOr404 = (id: string | undefined) => {
    const o = state.orders.get(Number(id));
    if (!o) throw new WpError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
    return o;
  };
  const touchOrder = (o: WooOrder) => {
    const now = tick();
    o.date_modified = wpDate(now);
    o.date_modified_gmt = wpDate(now);
  };

  function seedOrders(n: number, o: { from?: Date; stepMinutes?: number } = {}): WooOrder[] {
    const from = (o.from ?? new Date("2026-01-01T00:00:00Z")).getTime();
    const step = (o.stepMinutes ?? 7) * 60_000;
    const statuses = ["processing", "completed", "completed", "completed", "on-hold", "pending", "cancelled", "refunded", "failed"];
    const made: WooOrder[] = [];
    const fmt = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
    for (let i = 0; i < n; i++) {
      const id = nextId++;
      const created = new Date(from + i * step + Math.floor(rng() * 60) * 1000);
      const modified = new Date(created.getTime() + Math.floor(rng() * 3 * 86_400) * 1000);
      const lines: WooLineItem[] = [];
      const lineCount = 1 + Math.floor(rng() * 3);
      let itemsSubtotal = 0;
      let itemsTotal = 0;
      for (let l = 0; l < lineCount; l++) {
        const qty = 1 + Math.floor(rng() * 3);
        const unit = 500 + Math.floor(rng() * 9500);
        const sub = unit * qty;
        const disc = rng() < 0.3 ? Math.floor(sub * 0.1) : 0;
        itemsSubtotal += sub;
        itemsTotal += sub - disc;
        lines.push({
          id: nextId++,
          name: `Item ${l}`,
          product_id: 1,
          variation_id: 0,
          quantity: qty,
          subtotal: fmt(sub),
          subtotal_tax: "0.00",
          total: fmt(sub - disc),
          total_tax: "0.00",
          sku: `SKU-${1 + Math.floor(rng() * 50)}`,
          price: unit / 100,
        });
      }
      const shipping = rng() < 0.5 ? 500 : 0;
      const tax = Math.floor((itemsTotal * 8) / 100);
      const status = statuses[Math.floor(rng() * statuses.length)] as string;
      const customer = Math.floor(rng() * 400);
      const order: WooOrder = {
        id,
        parent_id: 0,
        number: String(id),
        order_key: `wc_order_${id}`,
        created_via: "checkout",
        status,
        currency: state.currency,
        date_created: wpDate(created),
        date_created_gmt: wpDate(created),
        date_modified: wpDate(modified),
        date_modified_gmt: wpDate(modified),
        discount_total: fmt(itemsSubtotal - itemsTotal),
        discount_tax: "0.00",
        shipping_total: fmt(shipping),
        shipping_tax: "0.00",
        total: fmt(itemsTotal + shipping + tax),
        total_tax: fmt(tax),
        customer_id: customer,
        billing: { email: `buyer${customer}@example.com`, first_name: "A", last_name: "B" },
        payment_method: "bacs",
        line_items: lines,
        shipping_lines: shipping ? [{ id: nextId++, method_id: "flat_rate", method_title: "Flat rate", total: fmt(shipping) }] : [],
        coupon_lines: itemsSubtotal > itemsTotal ? [{ id: nextId++, code: "save10", discount: fmt(itemsSubtotal - itemsTotal) }] : [],
        refunds: [],
        meta_data: rng() < 0.02 ? [{ id: nextId++, key: "_wcpay_mode", value: "test" }] : [],
      };
      if (status === "refunded") {
        const line = lines[0] as WooLineItem;
        const refundDate = new Date(created.getTime() + 86_400_000);
        const amount = line.total;
        const refund: WooRefund = {
          id: nextId++,
          date_created: wpDate(refundDate),
          date_created_gmt: wpDate(refundDate),
          amount,
          reason: rng() < 0.5 ? "Size too small" : "",
          refunded_by: 1,
          refunded_payment: true,
          line_items: [
            {
              ...line,
              id: nextId++,
              quantity: -line.quantity,
              subtotal: `-${line.subtotal}`,
              total: `-${line.total}`,
              refund_total: Number(line.total),
            },
          ],
        };
        order.refunds.push({ id: refund.id, reason: refund.reason, total: `-${amount}` });
        state.refunds.set(id, [refund]);
      }
      state.orders.set(id, order);
      made.push(order);
    }
    return made;
  }

  // --- Store API (public)
  function storeProducts(req: FakeRequest): FakeReply {
    const search = (req.query.get("search") ?? "").toLowerCase();
    const digits = state.currency === "JPY" ? 0 : 2;
    const minor = (d: string) => {
      if (d === "") return "";
      const [i = "0", f = ""] = d.split(".");
      return String(Number(i) * 10 ** digits + Number(`${f}${"0".repeat(digits)}`.slice(0, digits) || "0"));
    };
    const items = ordered(
      [...state.products.values()].filter((p) => p.status === "publish" && (!search || p.name.toLowerCase().includes(search))),
      (p) => p.id,
      false,
    ).map((p) => {
      const vars = p.variations.map((v) => state.variations.get(v)).filter((v): v is WooVariation => !!v);
      const prices = p.type === "variable" ? vars.map((v) => v.price).filter((x) => x) : [p.price];
      const sortedPrices = prices.map(minor).sort((a, b) => Number(a) - Number(b));
      const regular =
        p.type === "variable"
          ? minor(vars.map((v) => v.regular_price).sort((a, b) => cents(a) - cents(b))[0] ?? "")
          : minor(p.regular_price);
      const range =
        p.type === "variable" && sortedPrices.length && sortedPrices[0] !== sortedPrices[sortedPrices.length - 1]
          ? { min_amount: sortedPrices[0], max_amount: sortedPrices[sortedPrices.length - 1] }
          : null;
      const inStock = p.type === "variable" ? vars.some((v) => v.stock_status === "instock") : p.stock_status === "instock";
      return {
        id: p.id,
        name: p.name,
        slug: p.slug,
        parent: 0,
        type: p.type,
        variation: "",
        permalink: p.permalink,
        sku: p.sku,
        short_description: p.short_description,
        description: p.description,
        on_sale: p.on_sale,
        prices: {
          price: sortedPrices[0] ?? "",
          regular_price: regular,
          sale_price: sortedPrices[0] ?? "",
          price_range: range,
          currency_code: state.currency,
          currency_symbol: "$",
          currency_minor_unit: digits,
          currency_decimal_separator: ".",
          currency_thousand_separator: ",",
          currency_prefix: "$",
          currency_suffix: "",
        },
        is_in_stock: inStock,
        is_purchasable: true,
        has_options: p.type === "variable",
        images: p.images.map((im) => ({ id: im.id, src: im.src, thumbnail: im.src, name: im.name, alt: im.alt })),
        categories: p.categories.map((c) => ({ ...c, link: `${server.url}/product-category/${c.slug}/` })),
        tags: [],
        brands: p.brands ?? [],
        attributes: [],
        variations: vars.map((v) => ({ id: v.id, attributes: v.attributes.map((a) => ({ name: a.name, value: a.option })) })),
      };
    });
    return paginate(req, items, req.path);
  }

  // --- routing
  type Route = [method: string, pattern: RegExp, make: (m: RegExpMatchArray) => Handler];
  const routes: Route[] = [
    ["GET", /^\/wp-json\/wc\/v3\/?$/, () => () => ({ json: { namespace: "wc/v3", routes: {} } })],
    ["GET", /^\/wp-json\/wc\/v3\/products$/, authed("list", listProducts)],
    ["POST", /^\/wp-json\/wc\/v3\/products$/, authed("create", (req) => ({ status: 201, json: writeProduct(objectBody(req)) }))],
    [
      "POST",
      /^\/wp-json\/wc\/v3\/products\/batch$/,
      authed("batch", (req) =>
        batch(req, {
          create: (b) => writeProduct(b),
          update: (b) => writeProduct(b, productOr404(String(b.id))),
          remove: (id) => deleteProduct(id),
        }),
      ),
    ],
    ...(hasBrands ? (["categories", "tags", "brands"] as const) : (["categories", "tags"] as const)).flatMap((tax): Route[] => [
      ["GET", new RegExp(`^/wp-json/wc/v3/products/${tax}$`), authed("list", (req) => listTerms(tax, req))],
      ["POST", new RegExp(`^/wp-json/wc/v3/products/${tax}$`), authed("create", (req) => createTerm(tax, req))],
    ]),
    ["GET", /^\/wp-json\/wc\/v3\/products\/(\d+)$/, authed("view", (_req, m) => ({ json: productOr404(m[1]) }))],
    [
      "PUT",
      /^\/wp-json\/wc\/v3\/products\/(\d+)$/,
      authed("edit", (req, m) => ({ json: writeProduct(objectBody(req), productOr404(m[1])) })),
    ],
    [
      "DELETE",
      /^\/wp-json\/wc\/v3\/products\/(\d+)$/,
      authed("delete", (req, m) => {
        if (req.query.get("force") !== "true") {
          const p = productOr404(m[1]);
          return { json: writeProduct({ status: "trash" }, p) };
        }
        return { json: deleteProduct(Number(m[1])) };
      }),
    ],
    [
      "GET",
      /^\/wp-json\/wc\/v3\/products\/(\d+)\/variations$/,
      authed("list", (req, m) => {
        const p = productOr404(m[1]);
        let vars = p.variations.map((v) => state.variations.get(v)).filter((v): v is WooVariation => !!v);
        const sku = req.query.get("sku");
        if (sku) vars = vars.filter((v) => v.sku === sku);
        return paginate(
          req,
          ordered(vars, (v) => v.id, (req.query.get("order") ?? "desc") === "desc"),
          req.path,
        );
      }),
    ],
    [
      "POST",
      /^\/wp-json\/wc\/v3\/products\/(\d+)\/variations$/,
      authed("create", (req, m) => ({ status: 201, json: writeVariation(productOr404(m[1]), objectBody(req)) })),
    ],
    [
      "POST",
      /^\/wp-json\/wc\/v3\/products\/(\d+)\/variations\/batch$/,
      authed("batch", (req, m) => {
        const parent = productOr404(m[1]);
        const own = (id: unknown) => {
          const v = state.variations.get(Number(id));
          if (!v || v.parent_id !== parent.id) throw new WpError(404, "woocommerce_rest_product_variation_invalid_id", "Invalid ID.");
          return v;
        };
        return batch(req, {
          create: (b) => writeVariation(productOr404(m[1]), b),
          update: (b) => writeVariation(productOr404(m[1]), b, own(b.id)),
          remove: (id) => deleteVariation(productOr404(m[1]), id),
        });
      }),
    ],
    ["GET", /^\/wp-json\/wc\/v3\/orders$/, authed("list", listOrders)],
    ["GET", /^\/wp-json\/wc\/v3\/orders\/(\d+)$/, authed("view", (_req, m) => ({ json: orderOr404(m[1]) }))],
    [
      "PUT",
      /^\/wp-json\/wc\/v3\/orders\/(\d+)$/,
      authed("edit", (req, m) => {
        const o = orderOr404(m[1]);
        const body = objectBody(req);
        if (typeof body.status === "string" && body.status !== o.status) {
          o.status = body.status;
          touchOrder(o);
        }
        return { json: o };
      }),
    ],
    ...(hasRefundsRoute ? ([["GET", /^\/wp-json\/wc\/v3\/refunds$/, authed("list", listRefunds)]] as Route[]) : []),
    [
      "GET",
      /^\/wp-json\/wc\/v3\/orders\/(\d+)\/refunds$/,
      authed("list", (req, m) => paginate(req, state.refunds.get(orderOr404(m[1]).id) ?? [], req.path)),
    ],
    [
      "GET",
      /^\/wp-json\/wc\/v3\/orders\/(\d+)\/notes$/,
      authed("list", (_req, m) => ({ json: [...(state.notes.get(orderOr404(m[1]).id) ?? [])].reverse() })),
    ],
    [
      "POST",
      /^\/wp-json\/wc\/v3\/orders\/(\d+)\/notes$/,
      authed("create", (req, m) => {
        const o = orderOr404(m[1]);
        const body = objectBody(req);
        if (!body.note) throw new WpError(400, "rest_missing_callback_param", "Missing parameter(s): note", { params: ["note"] });
        const now = tick();
        const note: WooNote = {
          id: nextId++,
          author: "WooCommerce",
          date_created: wpDate(now),
          date_created_gmt: wpDate(now),
          note: String(body.note),
          customer_note: Boolean(body.customer_note),
        };
        state.notes.set(o.id, [...(state.notes.get(o.id) ?? []), note]);
        return { status: 201, json: note };
      }),
    ],
    ...(tracking
      ? ([
          ["GET", /^\/wp-json\/wc-shipment-tracking\/v3\/?$/, () => () => ({ json: { namespace: "wc-shipment-tracking/v3", routes: {} } })],
          [
            "GET",
            /^\/wp-json\/wc-shipment-tracking\/v3\/orders\/(\d+)\/shipment-trackings$/,
            authed("list", (_req, m) => ({ json: state.trackings.get(orderOr404(m[1]).id) ?? [] })),
          ],
          [
            "POST",
            /^\/wp-json\/wc-shipment-tracking\/v3\/orders\/(\d+)\/shipment-trackings$/,
            authed("create", (req, m) => {
              const o = orderOr404(m[1]);
              const body = objectBody(req);
              const number = String(body.tracking_number ?? "").trim();
              if (!number)
                throw new WpError(400, "rest_missing_callback_param", "Missing parameter(s): tracking_number", {
                  params: ["tracking_number"],
                });
              const item: WooTracking = {
                tracking_id: token("t").slice(2, 34),
                tracking_provider: String(body.tracking_provider ?? ""),
                custom_tracking_provider: String(body.custom_tracking_provider ?? ""),
                custom_tracking_link: String(body.custom_tracking_link ?? ""),
                tracking_link: String(body.custom_tracking_link ?? ""),
                tracking_number: number,
                date_shipped: String(body.date_shipped ?? wpDate(new Date(clock)).slice(0, 10)),
              };
              state.trackings.set(o.id, [...(state.trackings.get(o.id) ?? []), item]);
              touchOrder(o);
              return {
                status: 201,
                headers: { Location: `${server.url}${TRACKING}/orders/${o.id}/shipment-trackings/${item.tracking_id}` },
                json: item,
              };
            }),
          ],
        ] as Route[])
      : []),
    [
      "GET",
      /^\/wp-json\/wc\/store\/v1\/products$/,
      () => (req) => {
        try {
          return storeProducts(req);
        } catch (e) {
          if (e instanceof WpError) return errorReply(e);
          throw e;
        }
      },
    ],
  ];

  const noRoute: Handler = () => ({
    status: 404,
    json: { code: "rest_no_route", message: "No route was found matching the URL and request method.", data: { status: 404 } },
  });
  const wooError = (status: number, code: string, message: string) => (): FakeReply => ({
    status,
    json: { code, message, data: { status } },
  });
  const server = await startFakeServer({
    route(method, path) {
      for (const [m, re, make] of routes) {
        if (m !== method) continue;
        const match = path.match(re);
        if (match) return make(match);
      }
      return path.startsWith("/wp-json/") ? noRoute : undefined;
    },
    faults: opts.faults,
    faultBodies: {
      // A host's WAF or PHP-FPM overload, not WooCommerce: plain bodies.
      error5xx: () => ({
        status: 503,
        headers: { "content-type": "text/html" },
        text: "<html><body><h1>503 Service Unavailable</h1></body></html>",
      }),
      rateLimit429: wooError(429, "rate_limited", "Too many requests."),
    },
  });

  return Object.assign(server, {
    state,
    key,
    addKey,
    seedOrders,
    setHtmlErrors(mode: FakeWooOptions["htmlErrors"] | undefined) {
      htmlErrors = mode;
    },
    dump() {
      return ordered(state.products.values(), (p) => p.id, false).map((p) => ({
        ...p,
        variation_objects: p.variations.map((v) => state.variations.get(v)).filter((v): v is WooVariation => !!v),
      }));
    },
  });
}

export { REST as WOO_REST_PREFIX, STORE as WOO_STORE_PREFIX, TRACKING as WOO_TRACKING_PREFIX };
