/**
 * The text after each command's help: explanations, exit codes and examples, keyed
 * help.<command path>.after. The English must equal the command's own addHelpText (a test compares
 * them; literal braces are quoted the ICU way); under zh the catalog's text replaces it.
 */
export const enHelpAfter = {
  "help.init.after":
    "\nExamples:\n  $ merchops init                                           asks on a terminal\n  $ merchops init --store-name client --platform files --dir ./client-exports --timezone Asia/Shanghai --currency CNY\n  $ merchops init --store-name shop --platform shopify --address acme.myshopify.com --token-env SHOP_TOKEN --currency USD --timezone America/New_York\n  $ merchops init --store-name wc --platform woocommerce --address https://shop.example --key-env WC_KEY --secret-env WC_SECRET",
  "help.catalog.after":
    "\nExamples:\n  $ merchops catalog import supplier.xlsx --dry-run   the plan: what would be created, updated, left alone\n  $ merchops catalog import supplier.xlsx --results results.xlsx\n  $ merchops catalog export -o catalog.csv",
  "help.catalog.import.after":
    '\nModes: upsert creates new products and updates existing ones (variants not in the file are kept);\nreplace also deletes variants not in the file; create only adds; update only changes; delete removes\nthe products listed. Products are matched by handle, then by SKU; variants by SKU, then (a variant\nwithout a SKU) by option values, as Shopify does.\n\nOption values: each variant keeps the value the store shows and the canonical attribute beside it\n("Bark Grey" -> colour grey). Supplier sheets show canonical values (加大码 -> XL); Shopify and\nWooCommerce exports keep theirs as written (--standardize overrides). A value the dictionary does\nnot know is kept with a warning (--strict-attributes or catalog.strictAttributes: an error).\n\nExamples:\n  $ merchops catalog import supplier.xlsx --dry-run              the plan: what would be created, updated, left alone\n  $ merchops catalog import supplier.xlsx --results results.xlsx\n  $ merchops catalog import shopify-export.csv --store shop --mode replace\n  $ merchops catalog import a.csv b.csv --max-errors 20          import the valid products, list the rest (exit 3)\n  $ merchops catalog import big.csv --resume                     after Ctrl-C or a crash: continue where it stopped\n  $ merchops catalog import odd-headers.csv --mapping map.yaml   map.yaml:  "货品名": title   "备注": ignore',
  "help.catalog.export.after":
    "\nExamples:\n  $ merchops catalog export --out products.xlsx                    the merchops template layout\n  $ merchops catalog export --to-format shopify --out shopify.csv  ready for Shopify's product import\n  $ merchops catalog export --store wc --to-format woocommerce --out wc.csv --lang zh\n  $ merchops catalog export --to-format taobao --out taobao.csv     淘宝助理 (UTF-16, tab-separated, version 1.00)\n  $ merchops catalog export -o - | head                            CSV on stdout",
  "help.orders.after":
    "\nExamples:\n  $ merchops orders sync --store shop             new and changed orders (and refunds) since the last sync\n  $ merchops orders sync --store shop --since 2026-10-01",
  "help.orders.sync.after":
    "\nEach run reads only what changed since the last one (the bookmark is kept per store in the state\nstore, and moves only after the orders are stored: a killed run loses nothing). kpi report and\nreturns audit on a remote store read the synced orders.\n\nExamples:\n  $ merchops orders sync --store shop\n  $ merchops orders sync --store shop --since 2026-10-01        backfill October\n  $ 15 * * * *  cd /srv/merchops && npx merchops orders sync --store shop --quiet     (crontab: hourly)",
  "help.shipments.after":
    "\nExamples:\n  $ merchops shipments import shipments.xlsx --dry-run\n  $ merchops shipments sync                        track the demo store's parcels, offline\n  $ merchops shipments status --wide               the delayed parcels, every column",
  "help.shipments.import.after":
    "\nCouriers may be written by name in Chinese or English (顺丰, 中通快递, SF Express, J&T) or by code (sf, zto).\n\nExamples:\n  $ merchops templates copy shipments .                     the sheet, with a courier drop-down\n  $ merchops shipments import 发货单.xlsx --dry-run\n  $ merchops shipments import dispatch.csv --store shop --results results.xlsx",
  "help.shipments.sync.after":
    "\nSLA rules (config shipments.sla, per courier and destination region): first scan within N hours of the\nlabel, delivery within N days of shipping, no scan for N hours = stuck. Defaults: 24 h, 5 days, 48 h.\nProviders: couriers: '{' kuaidi100 | seventeen-track | aftership | sf-express | file: '{'...'}' '}'; with several,\nmap couriers to them under shipments.providers ('{' default: kuaidi100, sf: sf-express '}').\n\nExamples:\n  $ merchops shipments sync                                  the demo store's parcels, offline (file courier)\n  $ merchops shipments sync --store shop --format xlsx --out delays.xlsx\n  $ merchops shipments sync --store shop --quiet --json --fail-on-breach     cron: exit 4 when a parcel is late",
  "help.shipments.status.after": "\nExamples:\n  $ merchops shipments status\n  $ merchops shipments status --store shop --json",
  "help.prices.after":
    "\nExamples:\n  $ merchops prices snapshot --query 连衣裙 --query 跑步鞋     the demo store reads a competitor sheet, offline\n  $ merchops prices report                         where our prices stand, and what changed",
  "help.prices.snapshot.after":
    '\nSources are configured under prices.sources: shopify (the shop\'s predictive search, else public /products.json),\nwoocommerce (public Store API), spreadsheet (templates/competitors), json (any endpoint, with a field mapping),\ntaobao, jd, pdd (the 淘宝联盟 / 京东联盟 / 多多进宝 affiliate APIs: TOP10 by sales, coupons, price after coupon;\ncredentials as env:NAME, see the README).\n\nExit codes: 0 all sources answered; 5 at least one source failed (a marketplace error, or a rate limit past\nits retries): the snapshot is still stored and printed with the other sources\' offers (partial); 2 a source was refused (a private address without --allow-private, a bad source config).\n\nExamples:\n  $ merchops prices snapshot                        every query under prices.mapping (the demo store maps 4)\n  $ merchops prices snapshot --query "夏季连衣裙"\n  $ merchops prices snapshot --query 连衣裙 --query 跑步鞋 --query 羽绒服 --top 10\n  $ merchops prices snapshot --query "running shoes" --source rival --json\n  $ merchops prices snapshot --query 连衣裙 --allow-private          a test storefront on 127.0.0.1\n  crontab (Mondays 06:00):  0 6 * * 1  cd /srv/shop && merchops prices snapshot --query 连衣裙 --query 跑步鞋 --quiet',
  "help.prices.report.after":
    "\nOur price comes from the store's catalog (--store, default the demo store): the product named in prices.mapping\nfor the query, else a SKU equal to the query, else the closest title (the confidence is shown).\n\nExamples:\n  $ merchops prices report\n  $ merchops prices report --query 跑步鞋 --json\n  $ merchops prices report --since 2026-11-01 --format html --out prices.html     price-history chart per query\n  $ merchops prices report --format xlsx --out prices.xlsx                        Summary, Changes, Offers sheets",
  "help.kpi.after":
    "\nExamples:\n  $ merchops kpi report                            yesterday on the default store, as a table\n  $ merchops kpi report --period last-7-days --format html --out kpi.html\n  $ merchops kpi report --quiet --json --fail-on-breach    for cron: exit 4 and one line on a breach",
  "help.kpi.report.after":
    "\nExamples:\n  $ merchops kpi report                                   yesterday on the default store, as a table\n  $ merchops kpi report --period last-7-days --format html --out kpi.html\n  $ merchops kpi report --store client --period 2026-10-01..2026-10-31 --format xlsx --out october.xlsx\n  $ merchops kpi report --json --fail-on-breach --quiet  for cron: JSON on stdout, exit 4 on a breach\n  $ merchops kpi report --explain                         each metric's formula and date basis",
  "help.digest.after":
    "\nExit codes: 0 nothing new, 4 new findings (a breach), 5 a channel failed (the others were still delivered).\nRun again after a 5 (a cron retry): only the channels that did not get the digest are sent to, with what they missed.\n\nExamples:\n  $ merchops digest                                        the default store, as a table\n  $ merchops digest --store shop --store client --format html --out digest.html\n  $ merchops digest --store client --notify team --quiet   for cron: one line per store",
  "help.returns.after":
    "\nExamples:\n  $ merchops returns audit                         last 90 days by SKU\n  $ merchops returns audit --by courier            after shipments sync: return rates by courier\n  $ merchops returns audit --quiet --json --fail-on-breach",
  "help.returns.audit.after":
    "\nExamples:\n  $ merchops returns audit                                      last 90 days by SKU on the default store\n  $ merchops returns audit --by size --period last-month\n  $ merchops returns audit --store client --format xlsx --out audit.xlsx    Summary, By SKU, By size, By reason, Flags sheets\n  $ merchops returns audit --basis period --threshold 10% --min-units 50\n  $ merchops returns audit --json --fail-on-breach --quiet      for cron: exit 4 when a SKU is above the threshold",
  "help.adapters.after":
    "\nExamples:\n  $ merchops adapters list                         the adapters and what each can do\n  $ merchops adapters check --store shop           credentials, permissions and reachability of a store",
  "help.adapters.list.after": "\nExamples:\n  $ merchops adapters list\n  $ merchops adapters list --json",
  "help.adapters.check.after":
    "\nExit 0 when every store checked is usable, 5 when one is unreachable, refuses the credential or lacks a\npermission a command needs. Permissions granted beyond what merchops needs are warned about: give the\ntoken only what its jobs need.\n\nExamples:\n  $ merchops adapters check\n  $ merchops adapters check shop --json",
  "help.files.after":
    "\nExamples:\n  $ merchops files inspect ./client-exports       which dataset each file is, and which columns are read",
  "help.files.inspect.after":
    "\nExit 3 when a file cannot be read as any dataset. With --store, the store's mapping from the config is applied.\n\nExamples:\n  $ merchops files inspect ./client-exports\n  $ merchops files inspect ./client-exports/orders_export_1.csv --json",
  "help.templates.after": "\nExamples:\n  $ merchops templates list\n  $ merchops templates copy catalog .",
  "help.templates.list.after": "\nExamples:\n  $ merchops templates list",
  "help.templates.copy.after":
    "\nExamples:\n  $ merchops templates copy files-store-zh ./client-exports\n  $ merchops templates copy files-store",
  "help.state.after":
    '\nThe state store is a SQLite file by default (.merchops/state.db). Team mode keeps it on PostgreSQL:\n  state: postgres://merchops@db.internal:5432/merchops?password=env:MERCHOPS_PG_PASSWORD&sslmode=verify-full\nin merchops.config.yaml, or MERCHOPS_STATE / --state. See the README\'s "Team mode" section.',
  "help.state.migrate.after":
    "\nRun it once after upgrading merchops, from one host: a second host running it at the same time\nwaits for the first (a migration lock) and then finds nothing to do. Until it ran, merchops refuses\na PostgreSQL state that is behind (exit 2, naming this command).",
  "help.state.copy.after":
    '\nEach table is copied in one transaction and checked by its row count and a checksum read back from\nthe target. Stopped half way (Ctrl-C, a lost connection), run the same command again: it goes on\nwith the first table not done. Stop the cron jobs while it runs.\n\nExamples:\n  $ merchops state copy --from .merchops/state.db --to "postgres://merchops@db:5432/merchops?password=env:PGPW"\n  $ merchops state copy --from "postgres://merchops@db/merchops" --to backup/state.db',
  // commander's extras after an option's description
  "help.extra.choices": "choices: {values}",
  "help.extra.default": "default: {value}",
  "help.extra.preset": "preset: {value}",
  "help.extra.env": "env: {name}",
  "help.extra.sep": ", ",
  "help.extra.list_sep": ", ",
  "help.extra.wrap": "({extras})",
  "help.program.examples":
    "  $ merchops kpi report                                  yesterday's KPIs on the demo store\n  $ merchops kpi report --period last-7-days --format html --out kpi.html\n  $ merchops adapters list",
} as const;
