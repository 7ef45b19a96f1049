/** Test helper: an inline CSV through the whole catalog pipeline (header mapping, rows, assembly). */
import { parse } from "csv-parse/sync";
import { createAttributeDictionary } from "../../../../src/core/attributes/index.js";
import {
  type AssembledProduct,
  createRowParser,
  type HeaderMapping,
  mapHeaders,
  type ParsedRow,
  ProductAssembler,
} from "../../../../src/core/catalog/index.js";
import type { CatalogDialect, CatalogIssue } from "../../../../src/core/catalog/types.js";

export const dict = createAttributeDictionary();

export interface SheetResult {
  mapping: HeaderMapping;
  rows: ParsedRow[];
  /** Row issues, then assembler issues. */
  issues: CatalogIssue[];
  products: AssembledProduct[];
  /** Products in the order the assembler returned them, with the row count seen when each came out. */
  emitted: { handle: string; afterRow: number }[];
}

export function runSheet(
  csv: string,
  opts: { file?: string; currency?: string; dialect?: CatalogDialect; streaming?: boolean; userMapping?: Record<string, string> } = {},
): SheetResult {
  const file = opts.file ?? "sheet.csv";
  const records = parse(csv, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  const [header = [], ...data] = records;
  const mapping = mapHeaders(header, {
    dict,
    file,
    ...(opts.dialect ? { dialect: opts.dialect } : {}),
    ...(opts.userMapping ? { userMapping: opts.userMapping as never } : {}),
  });
  const parser = createRowParser(mapping, { file, currency: opts.currency ?? "CNY", dict });
  const assembler = new ProductAssembler({ dialect: mapping.dialect, streaming: opts.streaming ?? false, dict });
  const rows: ParsedRow[] = [];
  const issues: CatalogIssue[] = [];
  const products: AssembledProduct[] = [];
  const emitted: { handle: string; afterRow: number }[] = [];
  data.forEach((cells, i) => {
    const parsed = parser.parse(cells, i + 2);
    if (!parsed) return;
    rows.push(parsed);
    issues.push(...parsed.issues);
    for (const p of assembler.add(parsed)) {
      products.push(p as AssembledProduct);
      emitted.push({ handle: p.handle, afterRow: i + 2 });
    }
    issues.push(...assembler.drainIssues());
  });
  for (const p of assembler.finish()) {
    products.push(p as AssembledProduct);
    emitted.push({ handle: p.handle, afterRow: Number.POSITIVE_INFINITY });
  }
  issues.push(...assembler.drainIssues());
  return { mapping, rows, issues, products, emitted };
}

export const errors = (issues: readonly CatalogIssue[]) => issues.filter((i) => i.severity === "error");

export function product(result: SheetResult, handle: string): AssembledProduct {
  const p = result.products.find((x) => x.handle === handle);
  if (!p) throw new Error(`no product ${handle}; have ${result.products.map((x) => x.handle).join(", ")}`);
  return p;
}
