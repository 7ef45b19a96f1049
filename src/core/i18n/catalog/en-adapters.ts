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
} as const;
