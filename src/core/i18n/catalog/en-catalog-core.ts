/**
 * The catalog's row checks (core/catalog, core/attributes): row issues, header problems, the
 * dictionary's warnings. zh-Hans-catalog-core.ts has the same keys.
 */
export const enCatalogCore = {
  // The names of identifier columns inside messages.
  "catalog.id.sku": "SKU",
  "catalog.id.barcode": "barcode",
  "catalog.id.order_number": "order number",
  "catalog.id.tracking_number": "tracking number",
  "catalog.id.lost_digits": "{what} {value} lost digits: the spreadsheet stored it as a number and rounded it",
  "catalog.id.lost_digits_hint": "format the {what} column as Text, type or paste the original {what}s again, and save",
  "catalog.id.date": "{what} is a date ({day}) in the spreadsheet: the cell is formatted as a date, so the {what} typed there is not known",
  "catalog.id.invalid_date": "an invalid date",
  "catalog.id.scientific": '{what} "{value}" is in scientific notation: Excel rounded the number and its last digits are lost',
  "catalog.id.text_hint": "format the {what} column as Text in Excel (Format Cells > Text), enter the original {what}s again, and save",
  "catalog.row.id_ignored": "{problem}; the cell is ignored (the store keeps its {what})",

  // Dictionary: values it does not know.
  "catalog.dict.unknown":
    '{attr} "{value}" is not in the attribute dictionary: kept as written, with no canonical {attr} (add it under attributes.{attr} in merchops.config.yaml to standardize it)',
  "catalog.dict.did_you_mean": "did you mean {values}?",
  "catalog.dict.strict_hint": "or import without --strict-attributes to keep it as written",

  // Header row.
  "catalog.header.reserved": 'column name "{header}" is not allowed (column {index})',
  "catalog.header.reserved_hint": "rename the column",
  "catalog.header.duplicate": 'columns "{first}" (column {firstIndex}) and "{second}" (column {secondIndex}) both give {field}',
  "catalog.header.attribute_field": "the attribute {attr}",
  "catalog.header.duplicate_hint": "delete or rename one of them, or map one to ignore with --mapping",
  "catalog.header.missing": "required column missing: {column}",
  "catalog.header.missing_hint": "add the column to the header row, or map an existing column to it with --mapping",

  // One row.
  "catalog.row.no_product": "the row has no handle and no title, and no product row comes before it",
  "catalog.row.no_product_hint": "fill in the title (or handle) of the product",
  "catalog.row.handle_generated": '{column} is empty: the handle "{handle}" is generated from the title, as Shopify does',
  "catalog.row.handle_generated_hint": "write the handle if the product is already in the store under another one",
  "catalog.row.no_handle": "{handleColumn} and {titleColumn} are empty and no product row comes before",
  "catalog.row.no_handle_hint": "write the product's handle",
  "catalog.row.woo_type": 'Type "{value}" is not a WooCommerce product type',
  "catalog.row.woo_type_hint": "use simple, variable or variation",
  "catalog.row.woo_unsupported": "{type} products are not imported",
  "catalog.row.woo_unsupported_hint": "merchops imports simple and variable products; remove the row or import it by hand",
  "catalog.row.attr_name_empty": '{nameColumn} is empty but {valuesColumn} is "{value}"',
  "catalog.row.attr_name_empty_hint": "write the attribute name (e.g. Color)",
  "catalog.row.attr_name_bad": '"{name}" cannot be an attribute name',
  "catalog.row.attr_name_bad_hint": "rename the attribute",
  "catalog.row.no_parent": "the variation names no parent",
  "catalog.row.no_parent_hint": "write the parent product's SKU (or id:N) in the Parent column",
  "catalog.row.bad_amount": "{field} {problem}",
  "catalog.row.bad_amount_hint": "write a plain amount like 129.90 (no formulas, no scientific notation)",
  "catalog.row.compare_below": "compare-at price {compareAt} is below the price {price}: it is not sent (the store shows no sale)",
  "catalog.row.compare_below_hint": "leave the compare-at price empty when there is no discount",
  "catalog.row.bad_weight": "weight {problem}",
  "catalog.row.weight_unit_hint": "write a number of {unit}",
  "catalog.row.weight_hint": "write the weight with its unit, e.g. 500g or 0.5kg",
  "catalog.row.bad_inventory": "inventory {problem}",
  "catalog.row.bad_inventory_hint": "write a whole number of units",
  "catalog.row.inventory_rounded": "inventory {value} is not a whole number: rounded down to {rounded}",
  "catalog.row.inventory_rounded_hint": "write whole units if the stock is counted otherwise",
  "catalog.row.bad_cost": "cost {problem}",
  "catalog.row.bad_cost_hint": "write a plain amount like 12.50 (up to 4 decimals; no formulas, no scientific notation)",

  // Rows into products.
  "catalog.product.apart_one": 'the rows of product "{handle}" are not together: row {first}, then row {row} after other products',
  "catalog.product.apart_many": 'the rows of product "{handle}" are not together: rows {first}-{last}, then row {row} after other products',
  "catalog.product.apart_hint": "sort the sheet by handle so each product's rows are together",
  "catalog.product.article_number":
    '{column} "{code}" is on all {count, number} variants of "{handle}": read as the product\'s article number, its variants have no SKU and are told apart by their options',
  "catalog.product.article_number_hint": "give each variant its own code if stock or orders are tracked by SKU",
  "catalog.product.kept_written":
    '{attrs} of "{handle}" kept as written: "{first}" (row {firstRow}) and "{second}" (row {secondRow}) would both show as "{shownAs}"',
  "catalog.product.kept_written_hint": "nothing to do; to show one canonical value, give the variants values the dictionary tells apart",
  "catalog.product.option_name_bad": 'option name "{name}" cannot be used',
  "catalog.product.option_name_bad_hint": "rename the option",
  "catalog.product.option_twice": 'option names "{first}" ({firstColumn}) and "{second}" ({secondColumn}) are the same attribute ({attr})',
  "catalog.product.option_twice_hint": "a product can use each attribute once; rename or remove one option",
  "catalog.product.option_unnamed":
    'option value "{value}" has no option name: {nameColumn} is empty on the product\'s first row (row {first})',
  "catalog.product.option_unnamed_hint": "write the option's name (e.g. Size) in {nameColumn} on row {first}",
  "catalog.product.parent_simple": 'the variation\'s parent "{ref}" (row {row}) is a simple product, not a variable one',
  "catalog.product.parent_simple_hint": "set the parent's Type to variable",
  "catalog.product.parent_missing": 'the variation\'s parent "{ref}" is not in the file',
  "catalog.product.parent_missing_hint":
    "add the variable product's row (with that SKU or ID) to the file, or correct the Parent reference",
  "catalog.product.value_not_listed": '{attr} "{value}" is not among the values its parent (row {row}) lists in {column}',
  "catalog.product.value_not_listed_hint": "add the value to the parent's attribute list, or correct the variation",
  "catalog.product.variation_errors": 'product "{handle}" has a variation with errors (row {row})',
  "catalog.product.variation_errors_hint": "fix row {row}",

  // Attribute parsers (sizes, materials, quantities with units).
  "catalog.attr.bad_unit": '"{unit}" is not a {kind} unit; use {examples}',
  "catalog.attr.bad_pack": "a pack of {count} items is not possible",
  "catalog.attr.weight_zero": "a net weight must be more than 0 g",
  "catalog.attr.capacity_zero": "a capacity must be more than 0 ml",
  "catalog.attr.dimensions_no_unit": '"{value}" has no unit; write it as e.g. {value} cm',
  "catalog.attr.dimensions_zero": "every dimension must be more than 0",
  "catalog.attr.weight_number_bad": "{value} is not a weight; expected grams such as 500, or 0.5kg",
  "catalog.attr.weight_empty": "is empty; expected a weight such as 500g or 0.5kg",
  "catalog.attr.weight_bad": '"{value}" is not a weight; expected a number with {examples} (a bare number is grams)',
  "catalog.attr.shares_total": "the shares add up to {total}%, not 100%",
  "catalog.attr.unknown_material": '"{value}" is not a known material',
  "catalog.attr.shoe_size": "{system} {n} is not a shoe size ({system} sizes run {min} to {max})",

  // 淘宝助理 exports.
  "catalog.taobao.local_pictures":
    "{count, plural, one {# picture is a 淘宝助理 local image file} other {# pictures are 淘宝助理 local image files}}, not web addresses: not imported",
  "catalog.taobao.local_pictures_hint": "upload the pictures (淘宝助理 does it on publish) and export again, or add the image URLs",
  "catalog.taobao.bad_sku_props": '销售属性组合 "{token}" is neither price:quantity:商家编码:pid:vid nor pid:vid',
  "catalog.taobao.bad_sku_props_hint": "export the item again from 淘宝助理",
  "catalog.taobao.unnamed": "the file does not name the value(s) {values}: kept as their Taobao ids",
  "catalog.taobao.unnamed_hint": "give them names in 淘宝助理 (销售属性别名) and export again, or rename the variants after the import",
  "catalog.taobao.barcodes":
    "sku 条形码 lists {barcodes, plural, one {# barcode} other {# barcodes}} for {skus, plural, one {# SKU} other {# SKUs}} in 销售属性组合: which barcode is whose cannot be told, so none is imported",
  "catalog.taobao.barcodes_hint": "give one barcode per SKU, in the order of 销售属性组合, separated by commas",
} as const;
