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
  "adapter.paging.page_ignored": "the {what} listing answered page {page} with the same records as page {previous}: the page number is ignored",
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
  "adapter.wire.unexpected_hint": "the platform answered in a shape merchops does not know (a plugin or proxy changing the API, or an API version merchops does not support); run with --verbose and report it",
  "adapter.wire.the_answer": "the answer",
  "adapter.wire.missing": "{subject} is missing",
  "adapter.wire.is_not_expected": "{subject} is {kind}, expected {expected}",
  "adapter.wire.unreadable": "{subject} is {kind}, not a value merchops can read",
  "adapter.wire.other": "{subject}: {message}",
  "adapter.wire.kind": "{kind, select, null {null} list {a list} object {an object} html {an HTML page} text {text} number {a number} boolean {a boolean} true_false {true/false} other {{kind}}}",
  "adapter.wire.record": "{noun, select, order {order} product {product} refund {refund} item {item} trade {trade} other {{noun}}} {id}",
  "adapter.wire.record_at": "{noun, select, order {order} product {product} refund {refund} item {item} trade {trade} other {{noun}}} #{n} of the listing",

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
  "adapter.taobao.setup.11": "the app lacks the permission for this API (Insufficient isv permissions): apply for 淘宝客 API access ({said})",
  "adapter.taobao.setup.25": "the signature was refused (Invalid signature): check the app secret ({said})",
  "adapter.taobao.setup.26": "the session key is missing ({said})",
  "adapter.taobao.setup.27": "the session key is invalid or expired (Invalid session): authorise the app again ({said})",
  "adapter.taobao.setup.28": "the app key is missing ({said})",
  "adapter.taobao.setup.29": "the app key is unknown (Invalid app Key): check appKey ({said})",
  "adapter.taobao.search_refused": "the API refused the search ({said})",
  "adapter.taobao.credentials_hint": "see the README section on 淘宝联盟 credentials",
  "adapter.taobao.adzone_hint": "check adzoneId: the third number of your pid mm_x_y_z",
  "adapter.taobao.sub_code_hint": "see the sub_code in the 淘宝开放平台 error list",
} as const;
