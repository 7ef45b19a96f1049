/**
 * core/catalog: spreadsheet rows of any supported dialect (native merchops template, Shopify
 * product CSV, WooCommerce product CSV) -> standardized product drafts -> validated -> Product.
 *
 * Flow for one file: `mapHeaders(header)` -> `createRowParser(mapping, ctx)` -> `parse(cells, row)`
 * per row (row.issues holds the cell problems) -> `ProductAssembler.add(row)` (completed products)
 * -> `finish()` -> `validateProduct(draft)` + `SkuTracker.see(...)` per variant -> `draftToProduct`.
 */

export { type AssembledProduct, ProductAssembler, type ProductAssemblerOptions } from "./assemble.js";
export {
  type ColumnField,
  catalogHeaderTest,
  type DialectField,
  detectDialect,
  type HeaderMapping,
  type MappedColumn,
  mapHeaders,
  mappingGivesPrices,
  mappingGivesStatus,
  mappingIsProductUpdate,
  planOptionsFor,
} from "./dialects.js";
export { matchVariants, optionsKey, presentSkus, skuOf, variantIdentity, variantLabel } from "./identity.js";
export { createRowParser, type ParsedRow, type ProductFields, type RowParser, type RowParserContext } from "./rows.js";
export { handleFromText } from "./text.js";
export { draftToProduct, SkuTracker, sharedSkuIssue, type ValidationTarget, validateProduct } from "./validate.js";
