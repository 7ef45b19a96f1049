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
 *   mapping:
 *     "跑步鞋": RN001
 * ```
 */
import { z } from "zod";

/** A dotted path into a JSON document ("data.items", "price.amount"); no prototype keys. */
const jsonPath = z
  .string()
  .min(1)
  .refine((p) => !p.split(".").some((k) => k === "__proto__" || k === "constructor" || k === "prototype"), {
    message: "must not name __proto__, constructor or prototype",
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

const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY");

export const priceSourceSchema = z
  .object({
    type: z.enum(["shopify", "woocommerce", "spreadsheet", "json"]),
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
    /** The competitor's name in reports; default the source's name. */
    competitor: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.type === "shopify" || s.type === "woocommerce" || s.type === "json") && !s.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: `a ${s.type} source needs url` });
    if (s.type === "spreadsheet" && !s.file) ctx.addIssue({ code: "custom", path: ["file"], message: "a spreadsheet source needs file" });
    if (s.type === "json" && !s.fields)
      ctx.addIssue({ code: "custom", path: ["fields"], message: "a json source needs fields (at least title, url, price)" });
  });

export const pricesConfigSchema = z
  .object({
    sources: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, "source names use letters, digits, - and _"), priceSourceSchema).optional(),
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
