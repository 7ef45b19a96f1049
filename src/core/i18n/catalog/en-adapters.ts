/**
 * Messages of the adapters and of the HTTP client under them: remote failures, their next steps, and
 * the per-record refusals a platform answers. The platform's own words stay as it wrote them, as a
 * param ({said}, {message}). Kept in their own part so parallel branches do not collide.
 */
export const enAdapters = {
  // An AdapterError: "[shopify:main] " then what failed.
  "adapter.error": "{prefix}{detail}",

  // The HTTP client (src/http): what a request finally failed with, and the next step.
  "http.with_status": "{status} {message}",
  "http.after_attempts": "{detail} (after {n, plural, one {# attempt} other {# attempts}})",
  "http.unexpected_response": "unexpected response",
  "http.net.timeout": "no response within {seconds} s (timeout)",
  "http.net.refused": "connection refused",
  "http.net.reset": "connection dropped before a complete response (ECONNRESET)",
  "http.net.not_found": "host name not found ({code})",
  "http.unreachable": "unreachable after {n, plural, one {# attempt} other {# attempts}}: {description}",
  "http.not_retried": "{method} {path}: {description}; not retried because the request may already have been applied",
  "http.wait_too_long": "{detail}; the server asks to wait {wait}, longer than merchops waits",
  "http.malformed_json": "malformed JSON in response to {method} {path}",
  "http.malformed_reason": "malformed JSON",
  "http.redirects": "{status} the server redirects instead of answering",
  "http.redirects_to": "{status} the server redirects to {url} instead of answering",
  "http.redirect_invalid": "{status} the server redirects to an invalid address",
  "http.too_large": "the response is larger than {mb} MB; refused",
  "http.hint.401": "check the {platform} credential in the env var your config names (the token may be revoked)",
  "http.hint.403": "the credential lacks a permission (scope) — see `merchops adapters check`",
  "http.hint.404": "check the store address",
  "http.hint.429": "the platform is rate limiting this store; run again later",
  "http.hint.5xx": "the platform failed; run again later",
  "http.hint.run_after": "run again after {at}",
  "http.hint.network": "check the address and your network; run again later",
  "http.hint.check_applied": "check on the platform whether the change was made before running again",
  "http.hint.malformed_json":
    "the server did not answer with JSON: check the store address (a login page or proxy in between?) and run again",
  "http.hint.redirect": "put the address it redirects to (https://, with or without www, as the store uses it) in the config",
  "http.hint.too_large": "the server sent far more than any page of this API holds; check the address",

  // Paged listings that would never end or stop with part of the data (pagination.ts).
  "adapter.paging.no_cursor": "the {what} listing says more pages follow page {pages} but gives no cursor to ask for them",
  "adapter.paging.no_cursor_hint":
    "the platform (or a proxy in between) answered inconsistently; run again later, and report it to the platform if it persists",
  "adapter.paging.cursor_loop": "the {what} listing repeats a page cursor after {pages} pages: the server is paging in a loop",
  "adapter.paging.cursor_loop_hint":
    "the platform (or a cache in between) keeps answering the same page; run again later, and report it to the platform if it persists",
  "adapter.paging.empty_page": "the {what} listing answered page {page} empty but claims {claimed} pages",
  "adapter.paging.empty_page_hint":
    "the platform (or a cache in between) answered inconsistently, so the data would be partial; run again later",
  "adapter.paging.page_ignored":
    "the {what} listing answered page {page} with the same records as page {previous}: the page number is ignored",
  "adapter.paging.page_ignored_hint":
    "a cache or proxy in front of the store probably ignores the query string; exclude the API (/wp-json/) from caching",
  "adapter.listing.products": "products",
  "adapter.listing.variants_of": "variants of {id}",
  "adapter.listing.products_by_key": "products found by handle and SKU",
  "adapter.listing.colour_metaobjects": "colour metaobjects",
  "adapter.listing.orders": "orders",
  "adapter.listing.lines_of": "lines of {id}",
  "adapter.listing.refunded_orders": "refunded orders",
  "adapter.listing.trackings": "trackings",

  // Answers of a shape merchops does not know (wire-schema.ts).
  "adapter.wire.unexpected": "unexpected response from {what}: {problem}",
  "adapter.wire.unexpected_in": "unexpected response from {what}: {problem} ({record})",
  "adapter.wire.unexpected_hint":
    "the platform answered in a shape merchops does not know (a plugin or proxy changing the API, or an API version merchops does not support); run with --verbose and report it",
  "adapter.wire.the_answer": "the answer",
  "adapter.wire.missing": "{subject} is missing",
  "adapter.wire.is_not_expected": "{subject} is {kind}, expected {expected}",
  "adapter.wire.unreadable": "{subject} is {kind}, not a value merchops can read",
  "adapter.wire.other": "{subject}: {message}",
  "adapter.wire.kind":
    "{kind, select, null {null} list {a list} object {an object} html {an HTML page} text {text} number {a number} boolean {a boolean} true_false {true/false} other {{kind}}}",
  "adapter.wire.record": "{noun, select, order {order} product {product} refund {refund} item {item} trade {trade} other {{noun}}} {id}",
  "adapter.wire.record_at":
    "{noun, select, order {order} product {product} refund {refund} item {item} trade {trade} other {{noun}}} #{n} of the listing",

  // Marketplace price sources (淘宝联盟, 京东联盟, 多多进宝): {said} is the platform's own code and words.
  "adapter.market.unexpected": "{problem}; unexpected answer to {label} search",
  "adapter.market.no_field": "the answer has no {field}",
  "adapter.market.unexpected_hint": "check the gateway address in the source config (the platform's router by default)",
  "adapter.market.rate_limited": "rate limited ({said})",
  "adapter.market.platform_error": "platform error ({said})",
  "adapter.jd.bad_sign": "the signature was refused: check the app secret ({said})",
  "adapter.jd.bad_app_key": "the app key is unknown: check appKey ({said})",
  "adapter.jd.gateway_refused": "the gateway refused the request ({said})",
  "adapter.jd.credentials_hint": "see the README section on 京东联盟 credentials",
  "adapter.jd.query_refused": "the goods query was refused ({said})",
  "adapter.jd.advanced_api_hint": "jd.union.open.goods.query is an advanced API: apply for it in 京东联盟 (see the README)",
  "adapter.jd.pid_hint": "check pid (联盟id_应用id_推广位id)",
  "adapter.jd.code_hint": "see the error code in the 京东联盟 API documentation",
  "adapter.pdd.setup.20004": "the signature was refused: check the client secret ({said})",
  "adapter.pdd.setup.20005": "this machine's IP is not on the app's IP whitelist (安全中心 → IP白名单) ({said})",
  "adapter.pdd.setup.20031": "the app lacks the 多多客 permission package for pdd.ddk.goods.search ({said})",
  "adapter.pdd.setup.10016": "the client_id is unknown or offline: check appKey ({said})",
  "adapter.pdd.setup.10019": "the access token has expired ({said})",
  "adapter.pdd.setup.70036": "the app is still in test status and used up its test calls: submit it for release ({said})",
  "adapter.pdd.search_refused": "the search was refused ({said})",
  "adapter.pdd.pid_hint": "check pid: a 推广位 of this client_id's 多多进宝 account, registered (备案) for promotion",
  "adapter.pdd.credentials_hint": "see the README section on 多多进宝 credentials",
  "adapter.taobao.setup.11":
    "the app lacks the permission for this API (Insufficient isv permissions): apply for 淘宝客 API access ({said})",
  "adapter.taobao.setup.25": "the signature was refused (Invalid signature): check the app secret ({said})",
  "adapter.taobao.setup.26": "the session key is missing ({said})",
  "adapter.taobao.setup.27": "the session key is invalid or expired (Invalid session): authorise the app again ({said})",
  "adapter.taobao.setup.28": "the app key is missing ({said})",
  "adapter.taobao.setup.29": "the app key is unknown (Invalid app Key): check appKey ({said})",
  "adapter.taobao.search_refused": "the API refused the search ({said})",
  "adapter.taobao.credentials_hint": "see the README section on 淘宝联盟 credentials",
  "adapter.taobao.adzone_hint": "check adzoneId: the third number of your pid mm_x_y_z",
  "adapter.taobao.sub_code_hint": "see the sub_code in the 淘宝开放平台 error list",

  // Shopify: what merchops was doing when an operation failed (queries.ts).
  "adapter.shopify.purpose.color_patterns": "reading the store's colour taxonomy",
  "adapter.shopify.purpose.shop_info": "reading the shop",
  "adapter.shopify.purpose.product_keys": "looking up products",
  "adapter.shopify.purpose.products_by_ids": "reading products",
  "adapter.shopify.purpose.product_variants_page": "reading product variants",
  "adapter.shopify.purpose.primary_location": "finding the stock location",
  "adapter.shopify.purpose.product_set": "writing a product",
  "adapter.shopify.purpose.product_delete": "deleting a product",
  "adapter.shopify.purpose.orders": "listing orders",
  "adapter.shopify.purpose.order_lines_page": "reading order lines",
  "adapter.shopify.purpose.order_refunds": "listing refunds",
  "adapter.shopify.purpose.order_by_name": "finding the order",
  "adapter.shopify.purpose.order_fulfillment": "reading the order's fulfillments",
  "adapter.shopify.purpose.fulfillment_create": "creating a fulfillment",
  "adapter.shopify.purpose.order_fulfillment_events": "reading the order's shipment statuses",
  "adapter.shopify.purpose.fulfillment_event_create": "updating the shipment status",

  // Shopify: refusals, fulfillments and per-product results. {message} is Shopify's own words.
  "adapter.not_processed": "not processed",
  "adapter.shopify.throttled": "THROTTLED: requested {requested} points, {available} of {maximum} available",
  "adapter.shopify.throttled_hint": "another app is using this store's API budget heavily; run again later",
  "adapter.shopify.over_budget": "{operation} asks for {requested} points, more than this store's whole API budget ({budget})",
  "adapter.shopify.bug_hint": "this is a merchops bug: please report it",
  "adapter.shopify.version_served":
    "Shopify served API version {served} instead of {asked} (no longer supported); set apiVersion in the store's config to a supported version",
  "adapter.shopify.not_graphql": "malformed response to {operation}: not a GraphQL answer",
  "adapter.shopify.no_data": "malformed response to {operation}: no data",
  "adapter.shopify.check_address_hint": "check the shop address and run again",
  "adapter.shopify.unknown_error": "unknown error",
  "adapter.shopify.access_denied_scope": "403 access denied while {purpose}: the app's token lacks the {scope} scope ({message})",
  "adapter.shopify.access_denied": "403 access denied while {purpose}: the app's token lacks a scope ({message})",
  "adapter.shopify.grant_scope_hint":
    "grant {scope} to the app in the Shopify admin (Settings > Apps > Develop apps > Configuration), reinstall it, and update the token; `merchops adapters check` lists what each command needs",
  "adapter.shopify.grant_hint":
    "grant the scope to the app in the Shopify admin (Settings > Apps > Develop apps > Configuration), reinstall it, and update the token; `merchops adapters check` lists what each command needs",
  "adapter.shopify.too_expensive": "query too expensive while {purpose}: {message}",
  "adapter.shopify.op_failed": "{operation} failed while {purpose}: {message}",
  "adapter.shopify.op_failed_code": "{operation} failed while {purpose}: {message} ({code})",
  "adapter.shopify.op_failed_hint": "run again later; if it persists, check the store in the Shopify admin",
  "adapter.shopify.storefront_only": "no token configured: only the public storefront is read",
  "adapter.shopify.order_not_found": "order {order} not found in the shop",
  "adapter.shopify.no_fulfillment": "Shopify returned no fulfillment",
  "adapter.shopify.no_fulfillment_event": "Shopify returned no fulfillment event",
  "adapter.shopify.no_event_status": 'Shopify has no shipment status for "{status}": nothing sent',
  "adapter.shopify.fulfillment_cancelled": "order {order}: the fulfillment with tracking number {tracking} is cancelled",
  "adapter.shopify.no_fulfillment_for": "order {order} has no fulfillment with tracking number {tracking}",
  "adapter.shopify.later_status": "Shopify already shows a later status ({shown} at {shownAt}); {status} at {at} not sent",
  "adapter.shopify.too_few_left": "order {order}: SKU {sku} has {left} left to fulfil, {asked} asked",
  "adapter.shopify.nothing_left": "order {order} has nothing left to fulfil (already fulfilled or cancelled)",
  "adapter.shopify.handle_twice": "handle {handle} appears twice in the batch",
  "adapter.shopify.foreign_currency": "variant {variant} is priced in {currency}, but the shop sells in {shop}",
  "adapter.shopify.sku_elsewhere": "SKU {sku} belongs to another Shopify product ({handle}); change the SKU or the handle",
  "adapter.shopify.no_product": "Shopify returned no product",
  "adapter.shopify.not_in_shop": "not in the shop",

  // Youzan and WooCommerce. {message} is the platform's own words.
  "adapter.youzan.said": "{message} (code {code})",
  "adapter.youzan.said_trace": "{message} (code {code}, trace {trace})",
  "adapter.youzan.no_access_token": "no access_token in the answer",
  "adapter.youzan.no_token": "401 no token from Youzan: {why}",
  "adapter.youzan.no_token_hint":
    "check the clientId, clientSecret and kdtId (授权店铺 ID) of store {store}: the app must be a self-use (自用型) app authorised for that shop",
  "adapter.youzan.token_refused": "401 {message}",
  "adapter.youzan.token_refused_hint":
    "Youzan refused a fresh token: check that the app of store {store} is still authorised for the shop (kdtId)",
  "adapter.youzan.permission": "403 {api} {version}: {message}",
  "adapter.youzan.permission_hint":
    "authorise the API {api} (its API group) for the app in the Youzan developer console, then run again — see `merchops adapters check {store}`",
  "adapter.youzan.gateway": "{api} {version}: {message}",
  "adapter.youzan.gateway_hint": "the Youzan gateway refused the call: check baseUrl and that merchops supports this API version",
  "adapter.youzan.refused": "{api}: {message}",
  "adapter.youzan.no_answer": "no answer from Youzan after several attempts; run again to reconcile",
  "adapter.youzan.no_express_id":
    'courier "{courier}" has no Youzan express id: add it under stores.{store}.couriers (e.g. {courier}: 7), ids from youzan.logistics.express.get',
  "adapter.youzan.skus_not_in_trade": "none of the SKUs {skus} is in trade {trade}",
  "adapter.woo.key_secret_pair": "key and secret go together: give both or neither",
  "adapter.woo.read_only_hint":
    "the API key is read-only: create a key with Read/Write permission (WooCommerce › Settings › Advanced › REST API)",
  "adapter.woo.write_only_hint": "the API key is write-only: give it Read/Write permission (WooCommerce › Settings › Advanced › REST API)",
  "adapter.woo.no_route_hint": "check the store address and that WooCommerce (and pretty permalinks) are enabled",
  "adapter.woo.php_fatal": "the site answered with a PHP fatal error page: {page}",
  "adapter.woo.html_page": "the site answered with an HTML page instead of JSON: {page}",
  "adapter.woo.site_failed_hint": "the WordPress site failed (see its PHP error log); run again later",
  "adapter.woo.credential_hint":
    "check the key and secret credentials of store {store} (WooCommerce › Settings › Advanced › REST API; the key may be revoked)",
  "adapter.woo.storefront_only": "no key/secret: storefront only",
  "adapter.woo.not_an_order_id": 'order id "{order}" is not a WooCommerce order id',
  "adapter.woo.tracking_unconfirmed": "order {order}: the tracking number could not be confirmed after several attempts",
  "adapter.woo.no_brands":
    'this WooCommerce has no brands (added in 9.6): each product\'s brand is written as a "{attribute}" attribute instead',
  "adapter.woo.no_handle": "has no handle",
  "adapter.woo.no_variants": "has no variants",
  "adapter.woo.foreign_currency": "variant {variant} is in {currency}; the store sells in {shop}",
  "adapter.woo.option_missing": "variant {variant} lacks a value for {axes}",
  "adapter.woo.options_shared": "two variants share the options {options}",
  "adapter.woo.no_axes": "has several variants but no option axes to tell them apart",
  "adapter.woo.product_refused": "product {handle}: {problem}",
  "adapter.woo.not_confirmed": "not confirmed after several attempts",

  // The local store.
  "adapter.local.no_order": "order {order} is not in the store",
  "adapter.local.order_closed": "order {order} is {status, select, cancelled {cancelled} refunded {refunded} other {{status}}}",
} as const;
