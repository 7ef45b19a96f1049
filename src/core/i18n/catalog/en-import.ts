/**
 * Catalog import and export, the file readers, config errors, adapters, init and its prompts.
 * Keys here and in zh-Hans-import.ts must match (the type says so).
 */
export const enImport = {
  // catalog import: the report
  "catalog.import.title": "Catalog import — {outcome, select, dry {Dry run} applied {Imported} other {Rejected}}",
  "catalog.import.verdict.dry": "Dry run: {what}; {issues}.",
  "catalog.import.verdict.dry_rejected": "Dry run (would be rejected): {what}; {issues}.",
  "catalog.import.verdict.rejected": "Rejected: nothing was written; {issues}.",
  "catalog.import.verdict.applied": "Imported: {what}; {issues}.",
  "catalog.import.verdict.issues":
    "{errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}",
  "catalog.import.verdict.create": "{count, plural, one {# product} other {# products}} {planned, select, yes {to create} other {created}}",
  "catalog.import.verdict.update": "{count, number} {planned, select, yes {to update} other {updated}}",
  "catalog.import.verdict.delete": "{count, number} {planned, select, yes {to delete} other {deleted}}",
  "catalog.import.verdict.unchanged": "{count, number} unchanged",
  "catalog.import.verdict.none": "no product changes",
  "catalog.import.list_sep": ", ",
  "catalog.import.meta.store": "Store",
  "catalog.import.meta.mode": "Mode",
  "catalog.import.meta.files": "Files",
  "catalog.import.meta.file": "{file} ({dialect}, {rows, plural, one {# row} other {# rows}})",
  "catalog.import.meta.errors": "Errors",
  "catalog.import.meta.warnings": "Warnings",
  "catalog.import.meta.resumed": "Resumed run",
  "catalog.import.meta.resumed_value": "{run} ({count, plural, one {# product} other {# products}} already applied)",
  "catalog.import.meta.results": "Results file",
  "catalog.import.mode.upsert": "upsert",
  "catalog.import.mode.create": "create",
  "catalog.import.mode.update": "update",
  "catalog.import.mode.replace": "replace",
  "catalog.import.mode.delete": "delete",
  // English shows the --dialect value itself.
  "catalog.dialect.native": "native",
  "catalog.dialect.shopify": "shopify",
  "catalog.dialect.woocommerce": "woocommerce",
  "catalog.dialect.taobao": "taobao",
  "catalog.import.note.dry": "Dry run: nothing was written. Run without --dry-run to apply.",
  "catalog.import.note.dry_rejected":
    "Dry run: nothing was written. As it stands the import would be rejected ({errors, plural, one {# error} other {# errors}}, above --max-errors {max}): fix them, or pass --max-errors N to import the valid products.",
  "catalog.import.note.rejected":
    "Nothing was written: {errors, plural, one {# error} other {# errors}}, above --max-errors. Fix them, or pass --max-errors N to import the valid products.",
  "catalog.import.note.nothing": "Nothing was written.",
  "catalog.import.note.left_out":
    "{errors, plural, one {# error} other {# errors}}: the products with errors were left out; the rest were written.",
  "catalog.import.note.unlisted":
    "{count, plural, one {# more issue is} other {# more issues are}} not listed: write them all with --results FILE.xlsx",
  "catalog.import.table.summary": "Summary",
  "catalog.import.col.create": "{planned, select, yes {To create} other {Created}}",
  "catalog.import.col.update": "{planned, select, yes {To update} other {Updated}}",
  "catalog.import.col.unchanged": "Unchanged",
  "catalog.import.col.delete": "{planned, select, yes {To delete} other {Deleted}}",
  "catalog.import.col.skip": "Skipped",
  "catalog.import.col.error": "With errors",
  "catalog.import.row.products": "Products",
  "catalog.import.row.variants": "Variants",
  "catalog.import.table.changes": "{planned, select, yes {Updates planned} other {Updates made}}",
  "catalog.import.changes.empty": "{planned, select, yes {No updates planned.} other {No updates made.}}",
  "catalog.import.col.product": "Product",
  "catalog.import.col.changes": "Changes",
  // catalog import: the run
  "catalog.import.failed":
    "{first}{count, plural, one {# error} other {# errors}} in all; {applied, select, yes {the products with errors were left out} other {nothing was written}}",
  "catalog.import.failed_first": "{message} — ",
  "catalog.import.failed_hint_applied": "fix the rows listed above and import again",
  "catalog.import.failed_hint_rejected": "fix the rows listed above, or pass --max-errors N to import the valid products",
  "catalog.import.max_errors_bad": "--max-errors {value} is not a whole number",
  "catalog.import.max_errors_hint": "use e.g. --max-errors 0 or --max-errors 50",
  "catalog.import.answers_kept": "your column answers are kept in {file}: pass --mapping {file} next time",
  "catalog.import.mapping_saved": "saved the column mapping to {file}",
  // an issue that stands for many rows
  "catalog.issue.grouped": "{problem}: {count, plural, one {# row} other {# rows}} ({first, number}–{last, number})",
  // SEO and listing checks
  "catalog.seo.title_too_long":
    "title has {characters, number} characters; {platform} takes at most {limit, number}, so shorten it before publishing",
  "catalog.seo.title_too_wide":
    "title is {width, number} wide (Chinese characters count two); search results show about {limit, number}, so put the key words first",
  "catalog.seo.description_empty": "description is empty; add one so search engines and shoppers see what the product is",
  "catalog.seo.keywords_missing":
    "title and description lack the {count, plural, one {keyword} other {keywords}} {keywords}",
  "catalog.seo.local_store": "the local store",
  // catalog export
  "catalog.export.needs_out": "catalog export needs --out FILE.csv or FILE.xlsx, or -o - for CSV on stdout",
  "catalog.export.needs_out_hint": "e.g. merchops catalog export --out products.xlsx",
  "catalog.export.stdout_json": "-o - writes the CSV to stdout, where --json would print its summary",
  "catalog.export.stdout_json_hint": "drop --json, or export to a file",
  "catalog.export.wrote":
    "wrote {products, plural, one {# product} other {# products}} ({variants, plural, one {# variant} other {# variants}}) to {where}",
  "catalog.export.stdout": "stdout",
} as const;
