/**
 * `catalog export`: a store's products as a spreadsheet in the merchops, Shopify or WooCommerce
 * layout. What it writes, `catalog import` reads back to the same products (the round trip the
 * tests hold it to). The header depends on every product's option axes, so the catalog is read
 * once for the axes and once for the rows rather than held in memory.
 */
import type { z } from "zod";
import { createAttributeDictionary } from "../core/attributes/index.js";
import { exportHeaders, orderAxes, productRows } from "../core/catalog/export-rows.js";
import { TaobaoExportError } from "../core/catalog/taobao-export.js";
import type { CatalogDialect } from "../core/catalog/types.js";
import { conform } from "../core/contract.js";
import { InputError, UsageError } from "../core/errors.js";
import type { Locale } from "../core/i18n/index.js";
import { msg } from "../core/i18n/index.js";
import { openCsvStreamWriter, openRowsWriter } from "../io/writers/rows-file.js";
import { openTaobaoWriter } from "../io/writers/taobao.js";
import type { RunContext } from "./context.js";
import { catalogExportSchema } from "./schemas/index.js";

export interface ExportCatalogOptions {
  store: string;
  dialect: CatalogDialect;
  /** A .csv or .xlsx path, or "-" for CSV on `stdout`. */
  out: string;
  lang: Locale;
  /** Where `-` writes (the command passes stdout). */
  stdout?: (text: string) => void;
}

export async function exportCatalog(
  ctx: RunContext,
  opts: ExportCatalogOptions,
): Promise<{ out: string; products: number; variants: number }> {
  if (opts.out === "-" && opts.dialect === "taobao") {
    throw new UsageError(msg("catalog.export.taobao_pipe"), msg("catalog.export.taobao_pipe_hint"));
  }
  const store = await ctx.openStore(opts.store, ["catalog.read"]);
  const list = store.adapter.listProducts as NonNullable<typeof store.adapter.listProducts>;
  const dict = createAttributeDictionary(ctx.opts.loaded.config.attributes);
  ctx.progress.start(msg("progress.catalog.reading"));
  const seen = new Set<string>();
  let widest = 0;
  for await (const p of list({})) {
    ctx.checkInterrupted();
    const axes = p.options ?? [];
    for (const a of axes) seen.add(a);
    widest = Math.max(widest, axes.length);
  }
  // WooCommerce numbers attribute slots per product; the others need one column per axis.
  const axes = opts.dialect === "woocommerce" ? Array.from({ length: widest }, (_, i) => `slot${i + 1}`) : orderAxes(seen, dict);
  const header = exportHeaders(opts.dialect, axes, opts.lang === "en" ? "en" : "zh", dict);
  const writer =
    opts.out === "-"
      ? openCsvStreamWriter(opts.stdout ?? ((t) => process.stdout.write(t)), header)
      : opts.dialect === "taobao"
        ? await openTaobaoWriter(opts.out)
        : await openRowsWriter(opts.out, header, "Products", "refuse");
  let products = 0;
  let variants = 0;
  try {
    for await (const p of list({})) {
      ctx.checkInterrupted();
      const rows = productRows(p, opts.dialect, {
        lang: opts.lang === "en" ? "en" : "zh",
        dict,
        currency: store.currency,
        ...(opts.dialect === "native" ? { axes } : {}),
      });
      for (const row of rows) writer.write(row);
      products++;
      variants += p.variants.length;
      if (products % 500 === 0) {
        ctx.progress.update(msg("progress.catalog.exporting", { file: opts.out, n: products }));
        await writer.flush();
      }
    }
    await writer.commit();
  } catch (e) {
    await writer.abort();
    // A value the layout cannot hold is the store's data refused for this layout, not a bug.
    if (e instanceof TaobaoExportError) throw new InputError({ file: opts.out }, e.problem, msg("hostile.taobao.hint"));
    throw e;
  } finally {
    ctx.progress.done();
  }
  return { out: opts.out, products, variants };
}

/** The JSON document (docs/schemas/catalog-export.schema.json). */
export function exportCatalogJson(
  r: { out: string; products: number; variants: number },
  opts: Pick<ExportCatalogOptions, "store" | "dialect">,
): z.output<typeof catalogExportSchema> {
  return conform(catalogExportSchema, { ...r, store: opts.store, format: opts.dialect });
}
