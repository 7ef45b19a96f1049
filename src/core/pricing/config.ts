/**
 * The `prices:` block of merchops.config.yaml: named competitor sources, the query -> our product
 * mapping, the default top N and the per-host delay.
 *
 * ```yaml
 * prices:
 *   top: 10
 *   delayMs: 1000
 *   sources:
 *     rival:   { type: shopify, url: https://rival.example, currency: CNY }
 *     wooshop: { type: woocommerce, url: https://woo.example }
 *     manual:  { type: spreadsheet, file: ./competitors.xlsx, currency: CNY }
 *     feed:
 *       type: json
 *       url: https://feed.example/search?q={query}
 *       currency: CNY
 *       fields: { list: data.items, title: name, url: link, price: price, compareAt: original_price, inStock: in_stock, promotion: promo }
 *     tb:  { type: taobao, appKey: env:TAOBAO_APP_KEY, appSecret: env:TAOBAO_APP_SECRET, adzoneId: env:TAOBAO_ADZONE_ID }
 *     jd:  { type: jd, appKey: env:JD_APP_KEY, appSecret: env:JD_APP_SECRET }
 *     pdd: { type: pdd, appKey: env:PDD_CLIENT_ID, appSecret: env:PDD_CLIENT_SECRET, pid: env:PDD_PID, sort: sales }
 *   mapping:
 *     "跑步鞋": RN001
 * ```
 */
import { z } from "zod";
import { type Message, msg, schemaMessage } from "../i18n/index.js";

/** A dotted path into a JSON document ("data.items", "price.amount"); no prototype keys. */
const jsonPath = z
  .string()
  .min(1)
  .refine((p) => !p.split(".").some((k) => k === "__proto__" || k === "constructor" || k === "prototype"), {
    message: schemaMessage(msg("prices.config.reserved_path")),
  });

export const jsonFieldsSchema = z
  .object({
    /** Where the list of products is; empty or absent = the document itself is the list. */
    list: z.string().optional(),
    title: jsonPath,
    url: jsonPath,
    price: jsonPath,
    compareAt: jsonPath.optional(),
    currency: jsonPath.optional(),
    inStock: jsonPath.optional(),
    promotion: jsonPath.optional(),
    competitor: jsonPath.optional(),
  })
  .strict();

const currencyCode = z.string().regex(/^[A-Z]{3}$/, schemaMessage(msg("prices.config.currency_code")));

/** The affiliate-API marketplaces (Taobao/Tmall, JD, Pinduoduo). */
export const MARKETPLACE_TYPES = ["taobao", "jd", "pdd"] as const;
export type MarketplaceType = (typeof MARKETPLACE_TYPES)[number];

export function isMarketplaceType(type: string): type is MarketplaceType {
  return (MARKETPLACE_TYPES as readonly string[]).includes(type);
}

/** A credential: only an env:NAME reference, never the value in the file. */
const envRef = z.string().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, schemaMessage(msg("prices.config.env_ref")));
/** An account id (ad zone, pid): written as is, or as env:NAME. */
const accountId = z.string().min(1);

export const priceSourceSchema = z
  .object({
    type: z.enum(["shopify", "woocommerce", "spreadsheet", "json", ...MARKETPLACE_TYPES]),
    /** Storefront address (shopify, woocommerce) or the JSON endpoint; `{query}` is replaced by the URL-encoded query. */
    url: z.string().min(1).optional(),
    /** The spreadsheet (spreadsheet sources), relative to the config file. */
    file: z.string().min(1).optional(),
    fields: jsonFieldsSchema.optional(),
    /** The source's currency when its prices do not say (Shopify /products.json never does). */
    currency: currencyCode.optional(),
    /** Decimal mark of text prices when they are ambiguous ("1.299" in a German shop). */
    decimal: z.enum([".", ","]).optional(),
    /** Milliseconds between two requests to this source's host (overrides prices.delayMs). */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    /** Retries of a failed request (default 3 for json; the adapter's default, 5, for storefronts). */
    retries: z.number().int().min(0).max(10).optional(),
    /** The competitor's name in reports; default the source's name (marketplaces: each offer's shop). */
    competitor: z.string().min(1).optional(),
    /** Marketplaces: app key (Taobao app_key, JD app_key, Pinduoduo client_id), as env:NAME. */
    appKey: envRef.optional(),
    /** Marketplaces: app secret (Pinduoduo client_secret), as env:NAME. */
    appSecret: envRef.optional(),
    /** Taobao: the ad zone id (the third number of the pid mm_x_y_z). */
    adzoneId: accountId.optional(),
    /** Optional: JD 联盟id_应用id_推广位id; Pinduoduo the 推广位 pid (optional in pdd.ddk.goods.search, recommended). */
    pid: accountId.optional(),
    /** Marketplaces: rank by sales volume (default, the marketplace's TOP10) or by price, lowest first. */
    sort: z.enum(["sales", "price"]).optional(),
    /** Taobao: the signature method, md5 (default), hmac or hmac-sha256. */
    signMethod: z.enum(["md5", "hmac", "hmac-sha256"]).optional(),
    /** Marketplaces: the API router, default the platform's own (a test double's address in tests). */
    gateway: z.string().url().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const refuse = (key: string, text: Message) => ctx.addIssue({ code: "custom", path: [key], message: schemaMessage(text) });
    if ((s.type === "shopify" || s.type === "woocommerce" || s.type === "json") && !s.url)
      refuse("url", msg("prices.config.needs_url", { type: s.type }));
    if (s.type === "spreadsheet" && !s.file) refuse("file", msg("prices.config.needs_file"));
    if (s.type === "json" && !s.fields) refuse("fields", msg("prices.config.needs_fields"));
    if (isMarketplaceType(s.type)) {
      for (const key of ["appKey", "appSecret"] as const)
        if (!s[key]) refuse(key, msg("prices.config.needs_credential", { type: s.type, key }));
      if (s.type === "taobao" && !s.adzoneId) refuse("adzoneId", msg("prices.config.needs_adzone"));
    } else {
      for (const key of ["appKey", "appSecret", "adzoneId", "pid", "sort", "signMethod", "gateway"] as const)
        if (s[key] !== undefined) refuse(key, msg("prices.config.marketplace_only", { key }));
    }
    if (s.signMethod !== undefined && s.type !== "taobao") refuse("signMethod", msg("prices.config.taobao_only"));
  });

export const pricesConfigSchema = z
  .object({
    sources: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, schemaMessage(msg("prices.config.source_name"))), priceSourceSchema).optional(),
    /** Query -> our product's handle or SKU; beats the title match. */
    mapping: z.record(z.string(), z.string().min(1)).optional(),
    top: z.number().int().min(1).max(100).optional(),
    /** Milliseconds between two requests to one host, default 1000. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();

export type PriceSourceConfig = z.infer<typeof priceSourceSchema>;
export type PricesConfig = z.infer<typeof pricesConfigSchema>;
export type JsonFields = z.infer<typeof jsonFieldsSchema>;
