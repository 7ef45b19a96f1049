/**
 * Messages added for real catalog files as the platforms and ERPs export them (helper RC): rows
 * the platform keeps but cannot sell, layouts read a platform's way. zh-Hans-data.ts has the same keys.
 */
export const enData = {
  "data.woo.simple_no_price":
    "this product has no price (Regular price and Sale price are empty): WooCommerce keeps it but cannot sell it; not imported",
  "data.woo.variation_no_price":
    "this variation has no price (Regular price and Sale price are empty): WooCommerce does not offer it; not imported",
  "data.woo.no_price_hint": "give it a Regular price to import it",
  "data.woo.no_variations":
    'variable product "{handle}" has no variation with a price in this file: WooCommerce cannot sell it; not imported',
  "data.woo.no_variations_hint": "add its variations (rows of Type variation whose Parent is its ID or SKU), with a price",
  "data.pairs.count":
    '{namesColumn} lists {names, plural, one {# name} other {# names}} ("{namesText}") but {valuesColumn} {values, plural, one {# value} other {# values}} ("{valuesText}")',
  "data.pairs.count_hint": "write one value per name, in the same order and with the same separator (颜色;尺码 beside 红色;XL)",
  "data.notes_row": 'a row of notes under the header (its price cell reads "{value}"), not a product: skipped',
  "data.matrixify.command": "Command is {command}: a row Matrixify would not import as a product; skipped",
  "data.shopify.no_price_column":
    "the file has no price column (Variant Price or Price): a variant already in the store keeps its price; a new one would be created at 0.00",
  "data.shopify.no_price_column_hint": "export the products with their prices to set prices or create products",
  "data.update_sheet.not_in_store":
    'product "{handle}" is not in the store: this sheet has product columns only (no SKU, price or option column), so it can only update products the store has',
  "data.update_sheet.not_in_store_hint":
    "check the {column} against the store's handles, or import the product's full rows (a product export with its variants) first",
  "data.shopify.on_hand_new":
    '{column} is "{value}": a new on-hand count for Shopify\'s inventory import; merchops reads the available stock beside it, so this count is not applied',
  "data.shopify.on_hand_new_hint": "import the file into Shopify to set on-hand counts, or put the stock to sell in the available column",
} as const;
