/** The checks init applies to each answer, as typed and as flags: accept, normalize case, or refuse with a suggestion. */
import { describe, expect, it } from "vitest";
import { english } from "../../../src/core/i18n/index.js";
import * as checks from "../../../src/core/setup-checks.js";

/** The checks with their refusals rendered in English, as the assertions below read them. */
const inEnglish =
  <A extends unknown[]>(f: (...a: A) => checks.Check) =>
  (...a: A) => {
    const c = f(...a);
    return c.ok ? c : { ...c, error: english(c.error), hint: english(c.hint) };
  };
const checkCurrency = inEnglish(checks.checkCurrency);
const checkEnvName = inEnglish(checks.checkEnvName);
const checkKdtId = inEnglish(checks.checkKdtId);
const checkShopifyDomain = inEnglish(checks.checkShopifyDomain);
const checkSiteUrl = inEnglish(checks.checkSiteUrl);
const checkStoreName = inEnglish(checks.checkStoreName);
const checkTimeZone = inEnglish(checks.checkTimeZone);

const suggestionOf = (c: ReturnType<typeof checkTimeZone>) => (c.ok ? undefined : c.suggestion);

describe("time zone", () => {
  it("accepts IANA names and aliases Intl knows, in Intl's spelling", () => {
    expect(checkTimeZone("Asia/Shanghai")).toEqual({ ok: true, value: "Asia/Shanghai" });
    expect(checkTimeZone(" asia/shanghai ")).toEqual({ ok: true, value: "Asia/Shanghai" });
    expect(checkTimeZone("UTC")).toEqual({ ok: true, value: "UTC" });
  });

  it("suggests the zone a typo, a city or a common word means", () => {
    expect(checkTimeZone("Asia/Shanghia")).toMatchObject({
      ok: false,
      error: 'unknown time zone "Asia/Shanghia"',
      suggestion: "Asia/Shanghai",
    });
    expect(suggestionOf(checkTimeZone("Europe/Londn"))).toBe("Europe/London");
    expect(suggestionOf(checkTimeZone("New York"))).toBe("America/New_York");
    expect(suggestionOf(checkTimeZone("Shangai"))).toBe("Asia/Shanghai");
    expect(suggestionOf(checkTimeZone("Beijing"))).toBe("Asia/Shanghai");
    expect(suggestionOf(checkTimeZone("北京"))).toBe("Asia/Shanghai");
  });

  it("refuses without a guess when nothing is close", () => {
    const c = checkTimeZone("Mars/Olympus");
    expect(c).toMatchObject({ ok: false, hint: "use an IANA name such as Asia/Shanghai" });
    expect(suggestionOf(c)).toBeUndefined();
    expect(checkTimeZone("")).toMatchObject({ ok: false, error: "the time zone is empty" });
  });
});

describe("currency", () => {
  it("accepts ISO 4217 codes in any case, written in capitals", () => {
    expect(checkCurrency("CNY")).toEqual({ ok: true, value: "CNY" });
    expect(checkCurrency("usd")).toEqual({ ok: true, value: "USD" });
  });

  it("offers the code for the words and signs people type", () => {
    for (const [typed, code] of [
      ["rmb", "CNY"],
      ["RMB", "CNY"],
      ["人民币", "CNY"],
      ["¥", "CNY"],
      ["NT$", "TWD"],
      ["€", "EUR"],
      ["港币", "HKD"],
    ] as const) {
      expect(checkCurrency(typed), typed).toMatchObject({ ok: false, suggestion: code, hint: `did you mean ${code}?` });
    }
  });

  it("refuses an unknown code without a guess", () => {
    expect(checkCurrency("XYZ")).toEqual({ ok: false, error: '"XYZ" is not an ISO 4217 currency code', hint: "use e.g. CNY or USD" });
  });
});

describe("store name (a YAML key and a --store value)", () => {
  it("accepts letters, digits, - and _", () => {
    expect(checkStoreName("shop_cn-2")).toEqual({ ok: true, value: "shop_cn-2" });
  });
  it("offers a slug for spaces and punctuation, nothing for a name with no Latin letters", () => {
    expect(checkStoreName("my shop")).toMatchObject({ ok: false, suggestion: "my-shop", hint: "did you mean my-shop?" });
    expect(checkStoreName("Café Lumière!")).toMatchObject({ suggestion: "Cafe-Lumiere" });
    expect(suggestionOf(checkStoreName("我的店"))).toBeUndefined();
  });
  it('refuses "demo" (the built-in store) and an empty name', () => {
    expect(checkStoreName("demo")).toMatchObject({ ok: false, error: '"demo" is the built-in demo store' });
    expect(checkStoreName(" ")).toMatchObject({ ok: false, error: "the store name is empty" });
  });
});

describe("shop address", () => {
  it("shopify: the myshopify.com domain, with or without https:// and a trailing slash", () => {
    expect(checkShopifyDomain("acme.myshopify.com")).toEqual({ ok: true, value: "acme.myshopify.com" });
    expect(checkShopifyDomain("https://Acme.myshopify.com/")).toEqual({ ok: true, value: "acme.myshopify.com" });
  });
  it("shopify: a bare shop name is offered back as its domain; a custom domain and an empty answer are refused", () => {
    expect(checkShopifyDomain("acme")).toMatchObject({ ok: false, suggestion: "acme.myshopify.com" });
    expect(checkShopifyDomain("shop.acme.com")).toMatchObject({ ok: false, error: '"shop.acme.com" is not a myshopify.com domain' });
    expect(checkShopifyDomain("")).toMatchObject({ ok: false, error: "the shop domain is empty" });
    expect(checkShopifyDomain("https://acme.myshopify.com/admin")).toMatchObject({ ok: false });
  });
  it("shopify: a local address (a test double) is taken as given", () => {
    expect(checkShopifyDomain("http://127.0.0.1:8080")).toEqual({ ok: true, value: "http://127.0.0.1:8080" });
  });
  it("woocommerce: an http(s) address; a bare host is offered back with https://", () => {
    expect(checkSiteUrl("https://shop.example/")).toEqual({ ok: true, value: "https://shop.example" });
    expect(checkSiteUrl("shop.example")).toMatchObject({ ok: false, suggestion: "https://shop.example" });
    expect(checkSiteUrl("ftp://shop.example")).toMatchObject({ ok: false, hint: "use https://" });
    expect(checkSiteUrl("")).toMatchObject({ ok: false });
  });
});

describe("identifiers", () => {
  it("env var names: offered in capitals with _", () => {
    expect(checkEnvName("SHOP_TOKEN")).toEqual({ ok: true, value: "SHOP_TOKEN" });
    expect(checkEnvName("shop token")).toMatchObject({ ok: false, suggestion: "SHOP_TOKEN" });
    expect(suggestionOf(checkEnvName("1"))).toBeUndefined();
  });
  it("youzan kdt_id: digits", () => {
    expect(checkKdtId("44001234")).toEqual({ ok: true, value: "44001234" });
    expect(checkKdtId("shop-1")).toMatchObject({ ok: false });
  });
});
