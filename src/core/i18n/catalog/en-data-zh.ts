/**
 * Messages for Chinese sellers' catalogs as they are (helper CZ): 报价单 and 1688 wholesale sheets,
 * 进销存 and ERP exports. zh-Hans-data-zh.ts has the same keys.
 */
export const enDataZh = {
  "data_zh.price.to_agree": '"{value}" (price to be agreed) is no price: the variant cannot be sold at it',
  "data_zh.price.to_agree_hint": "write the price the shop sells at, or leave the product out of the sheet",
  "data_zh.price.range": '"{value}" is a price range, not one price: which price a variant has is not written',
  "data_zh.price.range_hint": "write one price per variant (one row per variant, or the lowest price if that is the price you sell at)",
  "data_zh.stock.word": 'inventory "{value}" says there is stock but not how much: no count is imported (the store keeps the count it has)',
  "data_zh.stock.word_hint": "write the number of units to set the stock",
  "data_zh.totals_row": 'a totals row ("{value}" in column {column}), not a product: skipped',
  "data_zh.column_currency":
    'column "{column}" is in {named}, the store\'s prices in {currency}: amounts are never converted; not imported',
  "data_zh.column_currency_hint": "convert the prices to {currency} in the sheet, or import into a store whose currency is {named}",
  "data_zh.matrix.read":
    "sizes as columns ({sizes}): each row is read as one variant per size with a quantity in its cell, the quantity as the stock; an empty cell is a size that colour is not offered in",
  "data_zh.matrix.empty_row": "no quantity under any size column ({sizes}): no variant of this row is imported",
  "data_zh.matrix.row_code":
    '{column} "{code}" is on a row of several sizes, so it is no single variant\'s code: the sizes are imported without SKU, told apart by colour and size (the same for the other rows)',
} as const;
