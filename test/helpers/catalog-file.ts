/**
 * The catalog import's check pass on one fixture, without a store: read (header-row detection, CSV
 * quirks), map, parse, assemble, validate. Shared by the real-world catalog tests.
 */
import { join } from "node:path";
import { createAttributeDictionary } from "../../src/core/attributes/index.js";
import {
  catalogHeaderTest,
  createRowParser,
  draftToProduct,
  mapHeaders,
  ProductAssembler,
  SkuTracker,
  sharedSkuIssue,
  validateProduct,
} from "../../src/core/catalog/index.js";
import type { CatalogIssue } from "../../src/core/catalog/types.js";
import type { Product } from "../../src/core/model.js";
import { openTable } from "../../src/io/read-table.js";

const dict = createAttributeDictionary();

export interface Imported {
  dialect: string;
  headerRow: number;
  unmatched: string[];
  ignored: string[];
  products: Product[];
  issues: CatalogIssue[];
}

/** The catalog import's check pass, without a store: read, map, parse, assemble, validate. */
export async function importCatalogFile(dir: string, name: string, currency = "USD"): Promise<Imported> {
  const file = join(dir, name);
  // As the catalog import opens files (services/import-catalog.ts readOptionsFor).
  const table = await openTable(file, { isHeaderRow: catalogHeaderTest(dict), duplicateHeaders: "allow" });
  const mapping = mapHeaders(table.header, { file: name, dict, headerRow: table.headerRow });
  const parser = createRowParser(mapping, { file: name, currency, dict });
  const assembler = new ProductAssembler({ dialect: mapping.dialect, streaming: false, dict });
  const issues: CatalogIssue[] = [...mapping.problems];
  for await (const batch of table.batches()) {
    for (const row of batch) {
      const parsed = parser.parse(row.cells, row.row);
      if (!parsed) continue;
      issues.push(...parsed.issues);
      assembler.add(parsed);
    }
  }
  const drafts = assembler.finish();
  issues.push(...assembler.drainIssues());
  const skus = new SkuTracker();
  for (const d of drafts) {
    issues.push(...validateProduct(d, { dict }));
    for (const v of d.variants) {
      const dup = skus.see(v.sku, v.at);
      if (dup) issues.push(sharedSkuIssue(dup, d.handle, mapping.dialect));
    }
  }
  return {
    dialect: mapping.dialect,
    headerRow: table.headerRow,
    unmatched: mapping.unmatched,
    ignored: mapping.columns.filter((c) => c.field === "ignore").map((c) => c.header),
    products: drafts.map((d) => draftToProduct(d, currency)),
    issues,
  };
}

export const errors = (r: Imported) => r.issues.filter((i) => i.severity === "error");
export const warnings = (r: Imported) => r.issues.filter((i) => i.severity === "warning" && !/description is empty/.test(i.message));
export const product = (r: Imported, handle: string): Product => {
  const p = r.products.find((x) => x.handle === handle);
  if (!p) throw new Error(`no ${handle} in ${r.products.map((x) => x.handle).join(", ")}`);
  return p;
};
export const variantsOf = (p: Product) => p.variants.map((v) => [v.sku ?? null, v.options, v.attributes ?? {}, v.price]);
