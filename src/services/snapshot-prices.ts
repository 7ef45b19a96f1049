/**
 * `merchops prices snapshot`: asks each configured competitor source for its top N offers per
 * query, merges them (core/pricing mergeTopN), and stores one dated snapshot per query in the state
 * store — history, never overwritten. A source that fails is recorded with its error and the others'
 * results are kept: the command prints and stores the partial snapshot, then exits 5.
 */

import { join, resolve } from "node:path";
import { MARKETPLACE_WIRES, openMarketplaceSource } from "../adapters/marketplaces/index.js";
import type { AdapterContext, PlatformAdapter, PublicProduct } from "../adapters/platform.js";
import { configIssue, PACKAGE_ROOT, resolveEnvRefs } from "../config/load.js";
import { zodParseOptions } from "../config/zod-locale.js";
import { boundEchoes } from "../core/echo.js";
import { ConfigError, InputError, InterruptedError, isMerchopsError, UsageError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";
import { isMarketplaceType, type MarketplaceType, type PriceSourceConfig, type PricesConfig } from "../core/pricing/config.js";
import { isPriceProblem, parsePriceText } from "../core/pricing/parse.js";
import { mergeTopN, parseInStock, readPath, type SnapshotEntry, type SourceOffer } from "../core/pricing/snapshot.js";
import { isCurrencyCode } from "../core/values.js";
import { DEFAULT_STOREFRONT_DELAY_MS, storefrontClientOptions } from "../http/guard.js";
import { createHttpClient } from "../http/index.js";
import { openTable, type RawCell } from "../io/read-table.js";
import type { StateStore } from "../store/state-store.js";
import type { RunContext } from "./context.js";

export interface SnapshotPricesOptions {
  queries: string[];
  /** Source names to ask; default all configured. */
  sources?: string[];
  top?: number;
}

export interface SourceFailure {
  source: string;
  /** English, stored with the snapshot; `text` and `hintText` are the same as messages for this run's language (not stored). */
  message: string;
  hint?: string;
  text?: Message | string;
  hintText?: Message | string;
  /** "usage" (refused by our own rules: a private address, a bad source config) or "remote" (the source failed). */
  kind: "usage" | "remote" | "input";
}

export interface QuerySnapshot {
  id: number;
  query: string;
  takenAt: string;
  top: number;
  sources: string[];
  failures: SourceFailure[];
  /** How sources searched, when it matters ("rival: Shopify predictive search"). */
  notes: string[];
  entries: SnapshotEntry[];
}

export interface SnapshotPricesResult {
  schemaVersion: 1;
  snapshots: QuerySnapshot[];
  warnings: (Message | string)[];
  /** At least one source failed for at least one query. */
  partial: boolean;
}

/** What one source answered for one query: its offers in its own order, and how it searched when that matters. */
interface SourceAnswer {
  offers: SourceOffer[];
  via?: string;
}

/** One configured source, ready to answer queries. */
interface OpenedSource {
  name: string;
  competitor: string;
  search(query: string, limit: number): Promise<SourceAnswer>;
  close(): Promise<void>;
}

function failureOf(source: string, e: unknown): SourceFailure {
  if (e instanceof InterruptedError || !isMerchopsError(e)) throw e;
  const kind = e instanceof UsageError || e instanceof ConfigError ? "usage" : e instanceof InputError ? "input" : "remote";
  // Stored in price_snapshots.failures and printed: never a credential a server echoed back.
  return {
    source,
    message: boundEchoes(e.message),
    ...(e.hint ? { hint: boundEchoes(e.hint) } : {}),
    kind,
    text: e.text,
    ...(e.hintText !== undefined ? { hintText: e.hintText } : {}),
  };
}

function fromPublic(p: PublicProduct): SourceOffer {
  return {
    title: p.title,
    url: p.url,
    price: p.price,
    priceMax: p.priceMax ?? null,
    compareAt: p.compareAtPrice,
    currency: p.currency,
    inStock: p.inStock,
    // p.vendor is the brand, not the shop: the competitor is the source.
    promotion: p.promotion ?? null,
  };
}

async function openStorefront(
  ctx: RunContext,
  name: string,
  source: PriceSourceConfig,
  delayMs: number,
  allowPrivate: boolean,
): Promise<OpenedSource> {
  await ctx.loadPlugins();
  const { loaded } = ctx.opts;
  const path = ["prices", "sources", name];
  const def = await ctx.registry.platform(source.type);
  const common = {
    ...(source.currency ? { currency: source.currency } : {}),
    ...(source.retries !== undefined ? { http: { retries: source.retries } } : {}),
  };
  const raw =
    source.type === "shopify"
      ? { platform: "shopify", shop: source.url, ...common }
      : { platform: "woocommerce", url: source.url, ...common };
  const parsed = def.configSchema.safeParse(raw, zodParseOptions(loaded.locale ?? "en"));
  if (!parsed.success) throw configIssue(parsed.error, def.configSchema, loaded.where, path);
  // AdapterContext.network carries delayMs to storefrontClientOptions (see http/guard.ts).
  const network: { allowInsecure: boolean; allowPrivate: boolean; delayMs: number } = {
    allowInsecure: Boolean(ctx.opts.network?.allowInsecure),
    allowPrivate,
    delayMs,
  };
  const adapterCtx: AdapterContext = {
    storeName: name,
    baseDir: loaded.baseDir,
    timezone: ctx.opts.timezone ?? loaded.config.timezone ?? "UTC",
    currency: source.currency ?? loaded.config.currency ?? "CNY",
    now: () => ctx.now(),
    log: ctx.log,
    state: () => ctx.state(),
    readOptions: {},
    ...(ctx.opts.signal ? { signal: ctx.opts.signal } : {}),
    network,
  };
  const adapter: PlatformAdapter = await def.create(parsed.data, adapterCtx);
  if (typeof adapter.searchPublicProducts !== "function") {
    throw new ConfigError(
      loaded.where([...path, "type"]),
      `${path.join(".")}.type`,
      msg("prices.source_no_storefront", { type: source.type }),
    );
  }
  return {
    name,
    competitor: source.competitor ?? name,
    search: async (query, limit) => {
      const found = (await adapter.searchPublicProducts?.({ query, limit })) ?? [];
      const via = found.find((p) => p.searchedBy)?.searchedBy;
      return { offers: found.map(fromPublic), ...(via ? { via } : {}) };
    },
    close: async () => {
      await adapter.close?.();
    },
  };
}

function cellText(v: RawCell | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

/** Header aliases of templates/competitors (English and Chinese). */
const SHEET_COLUMNS: Record<string, string[]> = {
  query: ["query", "keyword", "查询词", "关键词", "搜索词"],
  rank: ["rank", "position", "排名", "名次"],
  competitor: ["competitor", "shop", "seller", "竞品店铺", "店铺", "竞争对手"],
  title: ["title", "product", "标题", "商品名称", "商品"],
  url: ["url", "link", "链接", "商品链接"],
  price: ["price", "价格", "售价", "到手价"],
  compare_at_price: ["compare_at_price", "compare at price", "original price", "划线价", "原价"],
  currency: ["currency", "币种"],
  in_stock: ["in_stock", "in stock", "stock", "有货", "库存状态"],
  promotion: ["promotion", "promo", "促销", "促销信息", "活动"],
};

async function openSpreadsheet(ctx: RunContext, name: string, source: PriceSourceConfig): Promise<OpenedSource> {
  const file = resolve(ctx.opts.loaded.baseDir, source.file as string);
  return {
    name,
    competitor: source.competitor ?? name,
    async search(query, limit) {
      const table = await openTable(file, ctx.opts.readOptions ?? {});
      const header = table.header.map((h) => h.trim().toLowerCase());
      const col = (key: string) => header.findIndex((h) => (SHEET_COLUMNS[key] ?? []).includes(h));
      const at: Record<string, number> = Object.fromEntries(Object.keys(SHEET_COLUMNS).map((k) => [k, col(k)]));
      for (const required of ["query", "title", "url", "price"]) {
        if ((at[required] ?? -1) < 0) {
          await table.close();
          throw new InputError(
            { file: table.file },
            msg("prices.sheet_no_column", { column: required }),
            msg("prices.sheet_no_column_hint"),
          );
        }
      }
      const want = query.trim().toLowerCase();
      const rows: { rank: number; order: number; offer: SourceOffer }[] = [];
      for await (const batch of table.batches()) {
        for (const r of batch) {
          const get = (k: string) => ((at[k] ?? -1) >= 0 ? r.cells[at[k] as number] : null);
          if (cellText(get("query")).toLowerCase() !== want) continue;
          const currencyCell = cellText(get("currency")).toUpperCase();
          const currency = currencyCell || source.currency || ctx.opts.loaded.config.currency || "CNY";
          if (!isCurrencyCode(currency))
            throw new InputError(
              { file: table.file, row: r.row, column: "currency" },
              msg("config.bad_currency", { currency: currencyCell }),
              msg("config.bad_currency_hint"),
            );
          const hint = { currency, ...(source.decimal ? { decimal: source.decimal } : {}) };
          const priceCell = get("price");
          let price: number | null = null;
          let priceMax: number | null = null;
          if (cellText(priceCell) !== "") {
            const p = parsePriceText(priceCell as string | number, hint);
            if (isPriceProblem(p))
              throw new InputError({ file: table.file, row: r.row, column: "price" }, p.problem, msg("prices.sheet_price_hint"));
            price = p.min;
            priceMax = p.max !== p.min ? p.max : null;
          }
          const compareCell = get("compare_at_price");
          const compare = cellText(compareCell) === "" ? null : parsePriceText(compareCell as string | number, hint);
          if (compare !== null && isPriceProblem(compare))
            throw new InputError(
              { file: table.file, row: r.row, column: "compare_at_price" },
              compare.problem,
              msg("prices.sheet_compare_hint"),
            );
          const rank = Number(cellText(get("rank")));
          rows.push({
            rank: Number.isFinite(rank) && rank > 0 ? rank : Number.POSITIVE_INFINITY,
            order: rows.length,
            offer: {
              title: cellText(get("title")),
              url: cellText(get("url")),
              price,
              priceMax,
              compareAt: compare === null ? null : compare.min,
              currency,
              inStock: parseInStock(get("in_stock"), true),
              promotion: cellText(get("promotion")) || null,
              ...(cellText(get("competitor")) ? { competitor: cellText(get("competitor")) } : {}),
            },
          });
        }
      }
      rows.sort((a, b) => a.rank - b.rank || a.order - b.order);
      return { offers: rows.slice(0, limit).map((r) => r.offer) };
    },
    close: async () => {},
  };
}

function openJson(ctx: RunContext, name: string, source: PriceSourceConfig, delayMs: number, allowPrivate: boolean): OpenedSource {
  const template = source.url as string;
  const fields = source.fields as NonNullable<PriceSourceConfig["fields"]>;
  let origin: string;
  try {
    origin = new URL(template.replace(/\{query\}/g, "q")).origin;
  } catch {
    throw new ConfigError(
      ctx.opts.loaded.where(["prices", "sources", name, "url"]),
      `prices.sources.${name}.url`,
      msg("prices.source_bad_url", { url: template }),
    );
  }
  const http = createHttpClient({
    platform: "json",
    storeName: name,
    baseURL: origin,
    log: ctx.log,
    ...(ctx.opts.signal ? { signal: ctx.opts.signal } : {}),
    ...(ctx.opts.network?.allowInsecure ? { allowInsecure: true } : {}),
    retries: source.retries ?? 3,
    ...storefrontClientOptions({ allowPrivate, delayMs }),
  });
  return {
    name,
    competitor: source.competitor ?? name,
    async search(query, limit) {
      const url = template.replace(/\{query\}/g, encodeURIComponent(query));
      const res = await http.request<unknown>({ method: "GET", url });
      const list = readPath(res.data, fields.list);
      if (!Array.isArray(list)) {
        throw new InputError(
          { file: `prices.sources.${name}` },
          msg("prices.source_no_list", { path: fields.list ?? "(top level)" }),
          msg("prices.source_no_list_hint"),
        );
      }
      const out: SourceOffer[] = [];
      for (const item of list.slice(0, limit)) {
        const currencyValue = readPath(item, fields.currency);
        const currency =
          typeof currencyValue === "string" && isCurrencyCode(currencyValue.toUpperCase())
            ? currencyValue.toUpperCase()
            : (source.currency ?? ctx.opts.loaded.config.currency ?? "CNY");
        const hint = { currency, ...(source.decimal ? { decimal: source.decimal } : {}) };
        const parse = (v: unknown) => {
          if (typeof v !== "string" && typeof v !== "number") return null;
          const p = parsePriceText(v, hint);
          return isPriceProblem(p) ? null : p;
        };
        const price = parse(readPath(item, fields.price));
        const compare = parse(readPath(item, fields.compareAt));
        const title = readPath(item, fields.title);
        const link = readPath(item, fields.url);
        if (typeof title !== "string" || typeof link !== "string") continue;
        const promotion = readPath(item, fields.promotion);
        const competitor = readPath(item, fields.competitor);
        out.push({
          title,
          url: link,
          price: price?.min ?? null,
          priceMax: price && price.max !== price.min ? price.max : null,
          compareAt: compare?.min ?? null,
          currency: price?.currency ?? currency,
          inStock: parseInStock(readPath(item, fields.inStock), true),
          promotion: typeof promotion === "string" && promotion.trim() !== "" ? promotion.trim() : null,
          ...(typeof competitor === "string" && competitor !== "" ? { competitor } : {}),
        });
      }
      return { offers: out };
    },
    close: async () => {},
  };
}

/**
 * A Taobao, JD or Pinduoduo source: its credentials resolved from the environment (a missing
 * variable is a config error naming the key), requests signed and paced like any source's.
 */
function openMarketplace(
  ctx: RunContext,
  name: string,
  source: PriceSourceConfig & { type: MarketplaceType },
  delayMs: number,
  allowPrivate: boolean,
): OpenedSource {
  const path = ["prices", "sources", name];
  const value = (key: "appKey" | "appSecret" | "adzoneId" | "pid") =>
    source[key] === undefined ? undefined : String(resolveEnvRefs(source[key], [...path, key], ctx.opts.loaded));
  const credentials = {
    appKey: value("appKey") as string,
    appSecret: value("appSecret") as string,
    ...(source.adzoneId !== undefined ? { adzoneId: value("adzoneId") as string } : {}),
    ...(source.pid !== undefined ? { pid: value("pid") as string } : {}),
    ...(source.signMethod ? { signMethod: source.signMethod } : {}),
  };
  const { rateLimit, blockPrivate } = storefrontClientOptions({ allowPrivate, delayMs });
  const wire = MARKETPLACE_WIRES[source.type];
  const marketplace = openMarketplaceSource({
    name,
    wire,
    credentials,
    ...(source.gateway ? { gateway: source.gateway } : {}),
    sort: source.sort ?? "sales",
    ...(source.retries !== undefined ? { retries: source.retries } : {}),
    now: () => ctx.now(),
    http: {
      log: ctx.log,
      ...(ctx.opts.signal ? { signal: ctx.opts.signal } : {}),
      ...(ctx.opts.network?.allowInsecure ? { allowInsecure: true } : {}),
      ...(blockPrivate ? { blockPrivate } : {}),
      ...(rateLimit ? { rateLimit } : {}),
    },
  });
  const sortWords = source.sort === "price" ? "by price" : "by sales";
  return {
    name,
    // Each offer names its own shop; the source's name stands in only where a shop is missing.
    competitor: source.competitor ?? name,
    search: async (query, limit) => ({ offers: await marketplace.search(query, limit), via: `${wire.label}, ${sortWords}` }),
    close: async () => {},
  };
}

function insertSnapshot(
  state: StateStore,
  query: string,
  takenAt: Date,
  top: number,
  sources: string[],
  failures: SourceFailure[],
  notes: string[],
  entries: SnapshotEntry[],
): Promise<number> {
  // The snapshot and its entries land together: a report never reads half a snapshot.
  return state.transaction(async () => {
    const row = await state.sql.get<{ id: number }>(
      "INSERT INTO price_snapshots (query, taken_at, top, sources, failures, notes) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      [
        query,
        takenAt.getTime(),
        top,
        JSON.stringify(sources),
        failures.length ? JSON.stringify(failures.map(({ text: _text, hintText: _hint, ...f }) => f)) : null,
        notes.length ? JSON.stringify(notes) : null,
      ],
    );
    const id = Number(row?.id);
    await state.sql.runMany(
      `INSERT INTO price_entries (snapshot_id, rank, source, competitor, title, url, price, price_max, compare_at, currency, in_stock, promotion, promotion_parsed,
                                  coupon_amount, coupon_threshold, final_price, sales, sales_text, source_rank)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      entries.map((e) => [
        id,
        e.rank,
        e.source,
        e.competitor,
        e.title,
        e.url,
        e.price,
        e.priceMax,
        e.compareAt,
        e.currency,
        e.inStock ? 1 : 0,
        e.promotion,
        e.promotionParsed.length ? JSON.stringify(e.promotionParsed) : null,
        e.coupon?.amount ?? null,
        e.coupon?.threshold ?? null,
        e.finalPrice,
        e.sales,
        e.salesText,
        e.sourceRank,
      ]),
      { key: (r) => `${r[2]}\0${r[5]}` },
    );
    return id;
  });
}

/**
 * Without a config file the demo store is in use: its competitor source is a spreadsheet in
 * fixtures/demo-store, so `prices snapshot` and `prices report` work offline on a fresh clone.
 */
export const DEMO_PRICES: PricesConfig = {
  sources: {
    demo: { type: "spreadsheet", file: join(PACKAGE_ROOT, "fixtures", "demo-store", "competitors.csv"), currency: "CNY" },
  },
  mapping: { 夏季连衣裙: "DR001", 连衣裙: "DR002", 跑步鞋: "RN001", 羽绒服: "CW001" },
};

/** The prices block in use: the config's, or the demo store's when there is no config file. */
export function pricesSettings(ctx: RunContext): PricesConfig {
  const loaded = ctx.opts.loaded;
  return loaded.config.prices ?? (loaded.file === undefined ? DEMO_PRICES : {});
}

/** The prices config, with a usage error naming the next step when there is none. */
export function pricesConfig(ctx: RunContext): PricesConfig & { sources: NonNullable<PricesConfig["sources"]> } {
  const config = pricesSettings(ctx);
  const sources = config.sources ?? {};
  if (Object.keys(sources).length === 0) {
    throw new UsageError(msg("prices.no_sources"), msg("prices.no_sources_hint"));
  }
  return { ...config, sources };
}

export async function snapshotPrices(ctx: RunContext, opts: SnapshotPricesOptions): Promise<SnapshotPricesResult> {
  const config = pricesConfig(ctx);
  const names = opts.sources?.length ? [...new Set(opts.sources)] : Object.keys(config.sources);
  for (const n of names) {
    if (!Object.hasOwn(config.sources, n)) {
      throw new UsageError(
        msg("prices.unknown_source", { name: n, names: Object.keys(config.sources).join(", ") }),
        msg("prices.unknown_source_hint"),
      );
    }
  }
  const queries = [...new Set(opts.queries.map((q) => q.trim()).filter((q) => q !== ""))];
  if (queries.length === 0) throw new UsageError(msg("prices.query_empty"), msg("prices.query_empty_hint"));
  const top = opts.top ?? config.top ?? 10;
  const allowPrivate = ctx.opts.network?.allowPrivate === true;
  const state = await ctx.state();

  const opened = new Map<string, OpenedSource>();
  const openFailures = new Map<string, SourceFailure>();
  for (const name of names) {
    const source = config.sources[name] as PriceSourceConfig;
    const delayMs = source.delayMs ?? config.delayMs ?? DEFAULT_STOREFRONT_DELAY_MS;
    try {
      const s =
        source.type === "spreadsheet"
          ? await openSpreadsheet(ctx, name, source)
          : source.type === "json"
            ? openJson(ctx, name, source, delayMs, allowPrivate)
            : isMarketplaceType(source.type)
              ? openMarketplace(ctx, name, source as PriceSourceConfig & { type: MarketplaceType }, delayMs, allowPrivate)
              : await openStorefront(ctx, name, source, delayMs, allowPrivate);
      opened.set(name, s);
    } catch (e) {
      openFailures.set(name, failureOf(name, e));
    }
  }

  const snapshots: QuerySnapshot[] = [];
  const warnings: (Message | string)[] = [];
  try {
    for (const query of queries) {
      const bySource: { source: string; competitor: string; offers: SourceOffer[] }[] = [];
      const failures: SourceFailure[] = [];
      const notes: string[] = [];
      for (const name of names) {
        ctx.checkInterrupted();
        const early = openFailures.get(name);
        if (early) {
          failures.push(early);
          continue;
        }
        const s = opened.get(name) as OpenedSource;
        ctx.progress.start(msg("progress.prices.query", { source: name, query }));
        try {
          const { offers, via } = await s.search(query, top);
          bySource.push({ source: name, competitor: s.competitor, offers });
          if (via) notes.push(`${name}: ${via}`);
          ctx.progress.done(msg("progress.prices.query_done", { source: name, query, n: offers.length }));
        } catch (e) {
          ctx.progress.done();
          failures.push(failureOf(name, e));
        }
      }
      const entries = mergeTopN(bySource, top);
      const takenAt = ctx.now();
      const id = await insertSnapshot(state, query, takenAt, top, names, failures, notes, entries);
      snapshots.push({ id, query, takenAt: takenAt.toISOString(), top, sources: names, failures, notes, entries });
      if (entries.length === 0 && failures.length < names.length) {
        warnings.push(
          msg("prices.warn.no_offers", { query, sources: names.filter((n) => !failures.some((f) => f.source === n)).join(", ") }),
        );
      }
    }
  } finally {
    for (const s of opened.values()) await s.close();
  }
  return { schemaVersion: 1, snapshots, warnings, partial: snapshots.some((s) => s.failures.length > 0) };
}
