/**
 * Checks for the answers `merchops init` takes (store name, time zone, currency, shop address, env
 * var names), shared by the prompts (checked as the user types) and the flags (checked before the
 * file is written). Each check either accepts, returning the value to write (only case or framing
 * normalized: "usd" -> USD, "https://acme.myshopify.com/" -> acme.myshopify.com), or refuses with
 * a reason and, when one candidate is close, a suggestion the prompt offers as the next default.
 * A suggestion is never applied silently: the user confirms it.
 */
import { editDistance } from "./attributes/suggest.js";
import { type Message, msg } from "./i18n/index.js";

/** A refusal's reason and hint are catalog messages: the prompt and the flag error render them in the run's language. */
export type Check = { ok: true; value: string } | { ok: false; error: Message; hint: Message; suggestion?: string };

const ok = (value: string): Check => ({ ok: true, value });
const didYouMean = (value: string) => msg("setup.did_you_mean", { value });
function refuse(error: Message, hint: Message, suggestion?: string): Check {
  return suggestion === undefined ? { ok: false, error, hint } : { ok: false, error, hint, suggestion };
}

/** The closest candidate within `max` edits (case-insensitive), or undefined when none or a tie. */
function closest(word: string, candidates: readonly string[], max: number): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = max + 1;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return best !== undefined && !tie ? best : undefined;
}

// ---- store name -------------------------------------------------------------------------------

const STORE_NAME = /^[A-Za-z0-9_-]+$/;

/** A store name is a YAML key and a --store flag value: letters, digits, - and _. */
export function checkStoreName(raw: string): Check {
  const name = raw.trim();
  if (name === "") return refuse(msg("setup.store_empty"), msg("setup.store_example"));
  if (name === "demo") return refuse(msg("setup.store_demo"), msg("setup.store_demo_hint"), "main");
  if (STORE_NAME.test(name)) return ok(name);
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return refuse(
    msg("setup.store_chars", { name }),
    slug ? didYouMean(slug) : msg("setup.store_example"),
    slug && slug !== "demo" ? slug : undefined,
  );
}

// ---- time zone --------------------------------------------------------------------------------

/** Names people type that are not IANA zones, and the zone they mean. */
const ZONE_WORDS = new Map<string, string>([
  ["beijing", "Asia/Shanghai"],
  ["北京", "Asia/Shanghai"],
  ["上海", "Asia/Shanghai"],
  ["china", "Asia/Shanghai"],
  ["中国", "Asia/Shanghai"],
  ["prc", "Asia/Shanghai"],
  ["hongkong", "Asia/Hong_Kong"],
  ["香港", "Asia/Hong_Kong"],
  ["台北", "Asia/Taipei"],
  ["臺北", "Asia/Taipei"],
  ["东京", "Asia/Tokyo"],
  ["東京", "Asia/Tokyo"],
  ["新加坡", "Asia/Singapore"],
]);

let zones: string[] | undefined;

/** The canonical spelling Intl resolves a zone to ("asia/shanghai" -> Asia/Shanghai), or undefined when unknown. */
function resolveZone(tz: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A time zone is one Intl knows (IANA names and their aliases). */
export function checkTimeZone(raw: string): Check {
  const tz = raw.trim();
  if (tz === "") return refuse(msg("setup.tz_empty"), msg("setup.tz_hint"));
  const resolved = resolveZone(tz);
  if (resolved) return ok(resolved);
  zones ??= Intl.supportedValuesOf("timeZone");
  const key = tz.replace(/\s+/g, "_");
  const word = ZONE_WORDS.get(key.toLowerCase().replace(/_/g, ""));
  // A city alone ("shanghai", "New York") names its zone; otherwise the nearest name by spelling.
  const cityOf = (z: string) => z.split("/").pop() ?? z;
  const byCity = zones.filter((z) => cityOf(z).toLowerCase() === key.toLowerCase());
  let full = word ?? (byCity.length === 1 ? byCity[0] : undefined) ?? closest(key, zones, Math.max(2, Math.floor(key.length / 5)));
  if (full === undefined && !key.includes("/")) {
    const city = closest(key, zones.map(cityOf), 2);
    full = city === undefined ? undefined : zones.find((z) => cityOf(z) === city);
  }
  return refuse(msg("setup.tz_unknown", { tz }), full ? didYouMean(full) : msg("setup.tz_hint"), full);
}

// ---- currency ---------------------------------------------------------------------------------

/** Words and signs people type for a currency, and its ISO 4217 code. ¥ is read as CNY: merchops' users are mostly in China. */
const CURRENCY_WORDS = new Map<string, string>([
  ["rmb", "CNY"],
  ["renminbi", "CNY"],
  ["yuan", "CNY"],
  ["人民币", "CNY"],
  ["人民幣", "CNY"],
  ["元", "CNY"],
  ["¥", "CNY"],
  ["￥", "CNY"],
  ["cnh", "CNY"],
  ["us$", "USD"],
  ["美元", "USD"],
  ["€", "EUR"],
  ["欧元", "EUR"],
  ["歐元", "EUR"],
  ["£", "GBP"],
  ["英镑", "GBP"],
  ["英鎊", "GBP"],
  ["hk$", "HKD"],
  ["港币", "HKD"],
  ["港幣", "HKD"],
  ["nt$", "TWD"],
  ["ntd", "TWD"],
  ["新台币", "TWD"],
  ["新臺幣", "TWD"],
  ["yen", "JPY"],
  ["円", "JPY"],
  ["日元", "JPY"],
]);

let currencies: Set<string> | undefined;

/** A currency is an ISO 4217 code Intl knows; lower case is the same code. */
export function checkCurrency(raw: string): Check {
  const text = raw.trim();
  if (text === "") return refuse(msg("setup.currency_empty"), msg("setup.currency_hint"));
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  const code = text.toUpperCase();
  if (/^[A-Z]{3}$/i.test(text) && currencies.has(code)) return ok(code);
  const suggestion = CURRENCY_WORDS.get(text.toLowerCase());
  return refuse(
    msg("config.bad_currency", { currency: text }),
    suggestion ? didYouMean(suggestion) : msg("setup.currency_example"),
    suggestion,
  );
}

// ---- shop address -----------------------------------------------------------------------------

const MYSHOPIFY = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Shopify's Admin API answers on the shop's permanent myshopify.com domain, not on a custom one; a
 * local address (a test double, a tunnel) is taken as given.
 */
export function checkShopifyDomain(raw: string): Check {
  const text = raw.trim();
  const hint = msg("setup.shop_hint");
  if (text === "") return refuse(msg("setup.shop_empty"), msg("setup.shop_example", { hint }));
  const url = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  if (url && LOOPBACK.test(url.hostname) && /^[a-z]+:\/\//i.test(text)) return ok(text.replace(/\/+$/, ""));
  const host = url?.hostname ?? text;
  if (MYSHOPIFY.test(host) && (url?.pathname ?? "/").replace(/\/+$/, "") === "") return ok(host.toLowerCase());
  if (/^[a-z0-9][a-z0-9-]*$/i.test(text)) {
    const s = `${text.toLowerCase()}.myshopify.com`;
    return refuse(msg("setup.shop_not_domain", { text }), didYouMean(s), s);
  }
  return refuse(msg("setup.shop_not_myshopify", { text }), hint);
}

/** A WooCommerce site is an http(s) address; a bare host name is offered back with https://. */
export function checkSiteUrl(raw: string): Check {
  const text = raw.trim();
  if (text === "") return refuse(msg("setup.site_empty"), msg("setup.site_example"));
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? parseUrl(text) : undefined;
  if (url && (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "") return ok(text.replace(/\/+$/, ""));
  if (url) return refuse(msg("setup.site_not_http", { text }), msg("setup.site_use_https"));
  const guess = parseUrl(`https://${text}`);
  if (guess?.hostname.includes(".")) {
    const s = `https://${text.replace(/\/+$/, "")}`;
    return refuse(msg("setup.site_no_https", { text }), didYouMean(s), s);
  }
  return refuse(msg("setup.site_not_address", { text }), msg("setup.site_example"));
}

// ---- identifiers --------------------------------------------------------------------------------

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The name of an environment variable (never the secret itself). */
export function checkEnvName(raw: string): Check {
  const name = raw.trim();
  if (ENV_NAME.test(name)) return ok(name);
  const s = name
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const suggestion = s && /^[A-Z_]/.test(s) ? s : undefined;
  return refuse(
    name === "" ? msg("setup.env_empty") : msg("setup.env_bad", { name }),
    suggestion ? didYouMean(suggestion) : msg("setup.env_hint"),
    suggestion,
  );
}

/** Youzan's shop id (kdt_id) is a number. */
export function checkKdtId(raw: string): Check {
  const id = raw.trim();
  if (/^\d+$/.test(id)) return ok(id);
  return refuse(id === "" ? msg("setup.kdt_empty") : msg("setup.kdt_bad", { id }), msg("setup.kdt_hint"));
}

/** Something must be typed; `what` names it ("folder", "client id"). */
export function checkPresent(what: "folder" | "client_id", example: string): (raw: string) => Check {
  return (raw) => (raw.trim() === "" ? refuse(msg("setup.present_empty", { what }), msg("setup.example", { example })) : ok(raw.trim()));
}
