/**
 * Shopify update sheets (`Handle,Title,Body (HTML)`, `Handle,Tags`, `Handle,Vendor,Type`): product
 * columns without a variant column. They update products the store has (mappingIsProductUpdate);
 * a handle the store does not have is an error naming its cell, since the sheet holds nothing to
 * create a product from (no variant, no price).
 */
import { msg } from "../i18n/index.js";
import type { HeaderMapping } from "./dialects.js";
import { catalogIssue } from "./issue.js";
import type { CatalogIssue, CellRef } from "./types.js";

export function productUpdateNotInStore(handle: string, at: CellRef, mapping: HeaderMapping | undefined): CatalogIssue {
  const column = mapping?.columns.find((c) => c.field === "handle")?.header ?? "Handle";
  const issue = catalogIssue(
    "error",
    { file: at.file, row: at.row, column },
    msg("data.update_sheet.not_in_store", { handle, column }),
    msg("data.update_sheet.not_in_store_hint", { column }),
  );
  issue.handle = handle;
  return issue;
}
