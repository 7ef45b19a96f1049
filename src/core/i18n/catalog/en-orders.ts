/**
 * Messages of the files store's order exports (helper RO: real order exports read right). Kept in
 * their own part so parallel branches do not collide; spread into en.ts like en-help.ts.
 */
export const enOrders = {
  "orders.total_empty":
    "is empty on order {id} ({status}), and the export gives no subtotal or priced lines: its amount is unknown, so GMV cannot be added up",
  "orders.total_empty_hint":
    "fill in the total; if the order was never paid, map its status: mapping.orders.statuses: '{' \"<word>\": unpaid '}'",
  "orders.summary_rows":
    "{file}: {n, plural, one {# row of totals or notes} other {# rows of totals or notes}} ({words}) left out: they are not orders",
  "orders.refund_column_unread":
    'the column "{header}" looks like refunded amounts, and nothing reads it: return figures would leave those refunds out',
  "orders.refund_column_hint": "map it: mapping.orders.columns: '{' refunded_amount: \"{header}\" '}'",
  "orders.etsy_items": "this is Etsy's Sold Order Items download (one row per item): it does not say what each order was paid in total",
  "orders.etsy_items_hint":
    "give the Sold Orders download (Shop Manager > Settings > Options > Download Data > Orders: EtsySoldOrders<year>.csv) as the orders file",
  "orders.decimal_comma_hint": "the amounts are written with a decimal comma: say so in the config, mapping.{dataset}.decimalComma: true",
  "orders.test_orders": "{file}: {n, plural, one {# test order} other {# test orders}} ({column}) left out of every figure",
  "orders.unpaid_left_out": "{file}: {n, plural, one {# order} other {# orders}} not paid left out of orders and GMV ({words})",
  "orders.awaiting_hint":
    "orders waiting for their payment (\"{value}\": cash on delivery, a bank transfer, a card not yet captured) are not GMV until paid; to count them anyway: mapping.{dataset}.statuses: '{' \"{value}\": paid '}'",
  "orders.status_ambiguous":
    '"{value}" means different things on different platforms (waiting for payment on Shopify and WooCommerce, paid and waiting to be packed on Lazada and in many sheets): it is not read by guess',
  "orders.status_ambiguous_hint":
    "say what it means in this export: mapping.{dataset}.statuses: '{' \"{value}\": awaiting '}' (waiting for payment: not counted), or paid",
  "orders.status_empty": "is empty: the order could be a sale, a draft or a cancellation, so it is not counted by guess",
  "orders.status_empty_hint":
    "fill in the status, or say what an empty one means in this export: mapping.{dataset}.emptyStatus: paid (or awaiting, cancelled, unpaid)",
  "orders.payment_column_unread":
    'the column "{header}" says whether each order was paid, and nothing reads it (status: {status}): orders not paid would be counted as sales',
  "orders.payment_column_hint":
    "read it as the status: mapping.orders.columns: '{' status: \"{header}\" '}' (its words are then mapped like any status)",
  "orders.woo_unpaid_left_out":
    "[woocommerce:{store}] {n, plural, one {# order} other {# orders}} never paid left out of orders and GMV (status {words}), as WooCommerce Analytics leaves them out",
  "orders.not_orders":
    "this is a {layout}: one row per payment, refund, fee or transfer, dated when the money moved, not one per order: read as orders it would count refunds, fees and payouts as sales",
  "orders.not_orders_hint":
    'give the shop\'s own orders export as the orders file (Shopify Orders > Export, WooCommerce, eBay, Etsy Sold Orders ...); to read this file anyway, map its columns: mapping.orders.columns: \'{\' order_id: "<header>", placed_at: "<header>", total: "<header>" \'}\'',
  "orders.amazon_date_range":
    "this is Amazon's Date Range Report (transactions by settlement): an order appears when it was charged, with its fees and refunds as rows of their own, and orders pending or cancelled do not appear: orders and GMV by order date cannot be read from it",
  "orders.amazon_date_range_hint":
    "give the All Orders report as the orders file (Seller Central > Reports > Fulfillment > All Orders, a tab-separated .txt)",
  "orders.line_in_one_cell":
    'the header is one cell holding a whole line ("{cell}"), separated from the rest by "{delimiter}": the export was opened by a spreadsheet as one column and saved again, each line wrapped in quotes, so no column can be read',
  "orders.line_in_one_cell_hint":
    "give the file as the platform exported it (download it again), or open it with Data > From Text/CSV choosing the comma as separator, then save it as CSV",
} as const;
