/** Test helper: a catalog file through the import's read path (openTable, header mapping, 淘宝助理 expansion, rows, assembly). */
import { createAttributeDictionary } from "../../../../src/core/attributes/index.js";
import { sizeMatrixExpander } from "../../../../src/core/catalog/cn-size-matrix.js";
import {
  type AssembledProduct,
  catalogHeaderTest,
  createRowParser,
  type HeaderMapping,
  mapHeaders,
  ProductAssembler,
} from "../../../../src/core/catalog/index.js";
import { TaobaoExpander } from "../../../../src/core/catalog/taobao.js";
import type { Cell } from "../../../../src/core/catalog/text.js";
import type { CatalogIssue } from "../../../../src/core/catalog/types.js";
import { openTable } from "../../../../src/io/read-table.js";

export const dict = createAttributeDictionary();

export interface FileResult {
  mapping: HeaderMapping;
  header: string[];
  headerRow: number;
  encoding: string | undefined;
  issues: CatalogIssue[];
  products: AssembledProduct[];
}

export async function readCatalogFile(file: string, currency = "CNY"): Promise<FileResult> {
  const table = await openTable(file, { isHeaderRow: catalogHeaderTest(dict) });
  const mapping = mapHeaders(table.header, { dict, file, headerRow: table.headerRow });
  const taobao =
    mapping.dialect === "taobao" ? new TaobaoExpander(table.header, dict, file) : sizeMatrixExpander(mapping, table.header, file);
  const parser = createRowParser(taobao ? taobao.mapping : mapping, { file, currency, dict });
  const assembler = new ProductAssembler({ dialect: mapping.dialect, streaming: false, dict });
  const issues: CatalogIssue[] = [...mapping.problems];
  const feed = (cells: readonly Cell[], row: number) => {
    const parsed = parser.parse(cells, row);
    if (!parsed) return;
    issues.push(...parsed.issues);
    assembler.add(parsed);
  };
  for await (const batch of table.batches()) {
    for (const row of batch) {
      if (!taobao) {
        feed(row.cells, row.row);
        continue;
      }
      const expanded = taobao.expand(row.cells, row.row);
      issues.push(...expanded.issues);
      for (const cells of expanded.rows) feed(cells, row.row);
    }
  }
  const products = assembler.finish() as AssembledProduct[];
  issues.push(...assembler.drainIssues());
  return { mapping, header: table.header, headerRow: table.headerRow, encoding: table.encoding, issues, products };
}
