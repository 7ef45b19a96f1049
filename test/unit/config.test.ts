import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_STORE, type LoadedConfig, loadConfig, resolveEnvRefs } from "../../src/config/load.js";
import { ConfigError, ExitCode } from "../../src/core/errors.js";
import { translator } from "../../src/core/i18n/index.js";

const root = mkdtempSync(join(tmpdir(), "merchops-config-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let seq = 0;
/** A fresh folder holding merchops.config.yaml (or the given file name) with this text. */
function folder(text?: string, name = "merchops.config.yaml"): string {
  const dir = join(root, `c${++seq}`);
  mkdirSync(dir);
  if (text !== undefined) writeFileSync(join(dir, name), text);
  return dir;
}

function load(text: string): LoadedConfig {
  return loadConfig({ cwd: folder(text) });
}

/** The ConfigError loading this text throws (fails the test when it loads). */
function refused(text: string): ConfigError {
  try {
    load(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).exitCode).toBe(ExitCode.usage);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError, but the config loaded");
}

// Without a config file merchops runs on the embedded demo store.
describe("defaults", () => {
  it("no file: the demo store, seeded from the package's fixtures", () => {
    const cwd = folder();
    const l = loadConfig({ cwd });
    expect(l.file).toBeUndefined();
    expect(l.baseDir).toBe(cwd);
    expect(l.defaultStore).toBe("demo");
    expect(Object.keys(l.stores)).toEqual(["demo"]);
    expect(l.stores.demo).toEqual(DEMO_STORE);
    expect(DEMO_STORE).toMatchObject({ platform: "local", timezone: "Asia/Shanghai", currency: "CNY", followClock: true });
    expect(DEMO_STORE.seed).toMatch(/fixtures[\\/]demo-store$/);
  });

  it("an empty file is the defaults too, with its folder as the base", () => {
    const cwd = folder("# nothing yet\n");
    const l = loadConfig({ cwd });
    expect(l.file).toBe(join(cwd, "merchops.config.yaml"));
    expect(l.defaultStore).toBe("demo");
    expect(l.stores.demo).toEqual(DEMO_STORE);
  });

  it("finds merchops.config.yml and keeps the demo store beside configured ones", () => {
    const cwd = folder("stores:\n  shop:\n    platform: files\n    dir: ./exports\ndefaultStore: shop\n", "merchops.config.yml");
    const l = loadConfig({ cwd });
    expect(l.file).toBe(join(cwd, "merchops.config.yml"));
    expect(l.defaultStore).toBe("shop");
    expect(Object.keys(l.stores).sort()).toEqual(["demo", "shop"]);
    expect(l.stores.shop).toEqual({ platform: "files", dir: "./exports" });
  });

  it("--config names a file relative to the working directory; relative paths then start at its folder", () => {
    const cwd = folder();
    mkdirSync(join(cwd, "conf"));
    writeFileSync(join(cwd, "conf", "shop.yaml"), "timezone: Europe/Berlin\n");
    const l = loadConfig({ cwd, path: "conf/shop.yaml" });
    expect(l.file).toBe(join(cwd, "conf", "shop.yaml"));
    expect(l.baseDir).toBe(join(cwd, "conf"));
    expect(l.config.timezone).toBe("Europe/Berlin");
  });

  it("--config naming a missing file is an error naming the path", () => {
    const cwd = folder();
    const e = (() => {
      try {
        loadConfig({ cwd, path: "missing.yaml" });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).file).toBe("missing.yaml");
    expect((e as ConfigError).message).toMatch(/missing\.yaml: config file not found/);
  });
});

// Typos are errors naming the file, the line and the key, with a suggestion.
describe("unknown keys and wrong types", () => {
  it("an unknown top-level key: file:line, the key and a did-you-mean", () => {
    const e = refused("stores:\n  shop: { platform: local }\ndefaultStore: shop\nstors: 1\n");
    expect(e.file).toBe("merchops.config.yaml:4");
    expect(e.key).toBe("stors");
    expect(e.message).toContain('unknown key "stors"');
    expect(e.hint).toBe('did you mean "stores"?');
  });

  it("an unknown key under kpi (kpi.thresholdz)", () => {
    const e = refused("kpi:\n  period: last-7-days\n  thresholdz: {csatMin: 0.9}\n");
    expect(e.file).toBe("merchops.config.yaml:3");
    expect(e.key).toBe("kpi.thresholdz");
    expect(e.hint).toBe('did you mean "thresholds"?');
  });

  it("an unknown key two levels down (kpi.thresholds.csatMn)", () => {
    const e = refused("kpi:\n  thresholds:\n    returnRateMax: 0.2\n    csatMn: 0.9\n");
    expect(e.file).toBe("merchops.config.yaml:4");
    expect(e.key).toBe("kpi.thresholds.csatMn");
    expect(e.message).toContain('unknown key "csatMn"');
    expect(e.hint).toBe('did you mean "csatMin"?');
  });

  it("an unknown key whose value is a block map points at the key's own line", () => {
    expect(refused("storez:\n  a:\n    platform: local\n").file).toBe("merchops.config.yaml:1");
    expect(refused("kpi:\n  thresholdz:\n    csatMin: 0.9\n").file).toBe("merchops.config.yaml:2");
  });

  it("a key nothing resembles gets no guess", () => {
    const e = refused("colourScheme: dark\n");
    expect(e.key).toBe("colourScheme");
    expect(e.hint).not.toMatch(/did you mean/);
  });

  it("a wrong type names the key and what was expected", () => {
    const e = refused("kpi:\n  thresholds:\n    csatMin: high\n");
    expect(e.file).toBe("merchops.config.yaml:3");
    expect(e.key).toBe("kpi.thresholds.csatMin");
    expect(e.message).toMatch(/expected number/);
  });

  it("an out-of-range value and a bad enum are refused", () => {
    expect(refused("kpi:\n  thresholds:\n    returnRateMax: 15\n").key).toBe("kpi.thresholds.returnRateMax");
    expect(refused("kpi:\n  compare: last-year\n").key).toBe("kpi.compare");
    expect(refused("currency: rmb\n").key).toBe("currency");
  });

  it("a file that is not a mapping is refused", () => {
    expect(refused("- a\n- b\n").message).toMatch(/must be a mapping/);
  });
});

// YAML syntax errors carry the line they are on.
describe("invalid YAML", () => {
  it.each([
    ["bad indentation", "stores:\n  main:\n    platform: local\n   bad: [x\n", 4],
    ["a duplicated key", "timezone: Asia/Shanghai\ntimezone: UTC\n", 2],
    ["a tab as indentation", "kpi:\n  period: last-7-days\n\tcompare: none\n", 3],
  ])("%s -> the line number", (_, text, line) => {
    const e = refused(text);
    expect(e.message).toMatch(/not valid YAML/);
    expect(e.file).toBe(`merchops.config.yaml:${line}`);
  });
});

// Secrets live in the environment: a literal one is refused without echoing it.
describe("secrets", () => {
  it.each([
    [
      "stores.main.token",
      "stores:\n  main:\n    platform: shopify\n    shop: acme.myshopify.com\n    token: shpat_0123456789abcdef\n",
      "shpat_0123456789abcdef",
      5,
    ],
    [
      "stores.wc.secret",
      "stores:\n  wc:\n    platform: woocommerce\n    key: env:WC_KEY\n    secret: cs_live_abcdef987654\n",
      "cs_live_abcdef987654",
      5,
    ],
    ["stores.erp.apiKey", "stores:\n  erp:\n    platform: my-erp\n    apiKey: AKIA1234567890ZZ\n", "AKIA1234567890ZZ", 4],
    [
      "stores.db.auth.password",
      "stores:\n  db:\n    platform: my-erp\n    auth:\n      user: ops\n      password: hunter2-but-longer\n",
      "hunter2-but-longer",
      6,
    ],
    ["couriers.kuaidi100.key", "couriers:\n  kuaidi100:\n    customer: ABC123\n    key: kd100-literal-key\n", "kd100-literal-key", 4],
    ["couriers.track17.apiKey", "couriers:\n  track17:\n    apiKey: 17track-literal\n", "17track-literal", 3],
  ])("%s written literally is refused", (key, text, secret, line) => {
    const e = refused(text);
    expect(e.key).toBe(key);
    expect(e.file).toBe(`merchops.config.yaml:${line}`);
    expect(e.message).toMatch(/env:NAME/);
    expect(e.message).not.toContain(secret);
    expect(e.hint ?? "").not.toContain(secret);
    expect(e.hint).toMatch(/env:[A-Z0-9_]+/);
  });

  it("env:NAME references are accepted and kept unresolved until used", () => {
    const l = load(
      "stores:\n  main:\n    platform: shopify\n    token: env:SHOPIFY_TOKEN\ncouriers:\n  kuaidi100:\n    customer: env:KD100_CUSTOMER\n    key: env:KD100_KEY\n",
    );
    expect(l.stores.main).toEqual({ platform: "shopify", token: "env:SHOPIFY_TOKEN" });
    expect(l.config.couriers?.kuaidi100).toEqual({ customer: "env:KD100_CUSTOMER", key: "env:KD100_KEY" });
  });

  it("resolveEnvRefs swaps in a set variable and names the variable and key of an unset one, never a value", () => {
    const l = load(
      "stores:\n  main:\n    platform: shopify\n    shop: acme.myshopify.com\n    token: env:MERCHOPS_TEST_TOKEN\n    secret: env:MERCHOPS_TEST_SECRET\n",
    );
    const env = { MERCHOPS_TEST_TOKEN: "tok-value-1234", MERCHOPS_TEST_SECRET: "sec-value-5678" };
    expect(resolveEnvRefs(l.stores.main, ["stores", "main"], l, env)).toEqual({
      platform: "shopify",
      shop: "acme.myshopify.com",
      token: "tok-value-1234",
      secret: "sec-value-5678",
    });
    let err: unknown;
    try {
      resolveEnvRefs(l.stores.main, ["stores", "main"], l, { MERCHOPS_TEST_TOKEN: "tok-value-1234" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.key).toBe("stores.main.secret");
    expect(e.file).toBe("merchops.config.yaml:6");
    expect(e.message).toContain("MERCHOPS_TEST_SECRET");
    expect(e.message).not.toContain("tok-value-1234");
    expect(e.hint ?? "").not.toContain("tok-value-1234");
    // An empty variable is as good as unset.
    expect(() => resolveEnvRefs(l.stores.main, ["stores", "main"], l, { ...env, MERCHOPS_TEST_TOKEN: "" })).toThrow(
      /MERCHOPS_TEST_TOKEN is not set/,
    );
  });
});

// Store references and prototype keys.
describe("structure", () => {
  it("defaultStore naming an unknown store is refused, listing the configured ones", () => {
    const e = refused("stores:\n  shop: { platform: local }\ndefaultStore: shpo\n");
    expect(e.key).toBe("defaultStore");
    expect(e.file).toBe("merchops.config.yaml:3");
    expect(e.message).toContain('"shpo"');
    expect(e.hint).toMatch(/demo, shop/);
  });

  it.each(["__proto__", "constructor", "prototype"])("a top-level %s key is refused", (k) => {
    const e = refused(`${k}:\n  polluted: true\n`);
    expect(e.key).toBe(k);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a __proto__ key deeper down (a store named __proto__) is refused, not silently dropped", () => {
    const e = refused("stores:\n  __proto__:\n    platform: local\n");
    expect(e.key).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).platform).toBeUndefined();
  });

  it("a store name with spaces is refused", () => {
    expect(refused("stores:\n  my shop:\n    platform: local\n").key).toMatch(/^stores/);
  });
});

// zod's own phrases and the schema's messages in the run's language: the language is decided before
// validation (flag, MERCHOPS_LANG, the file's own lang:, then LANG), and only that parse uses it.
describe("config errors in the run's language", () => {
  function refusedIn(text: string, lang: { flag?: string; env?: Record<string, string> }): { e: ConfigError; heard: string[] } {
    const heard: string[] = [];
    try {
      loadConfig({ cwd: folder(text), lang, onLocale: (l) => heard.push(l) });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return { e: e as ConfigError, heard };
    }
    throw new Error("expected a ConfigError, but the config loaded");
  }
  const zh = translator("zh-Hans");
  const BAD_TYPE = "stores:\n  shop:\n    platform: local\n    timezone: 12\n";

  it("zod's phrase is Chinese under --lang zh, Traditional under zh-Hant, English otherwise; the path stays as written", () => {
    const { e, heard } = refusedIn(BAD_TYPE, { flag: "zh" });
    expect(heard).toEqual(["zh-Hans"]);
    expect(zh.text(e.text)).toBe("merchops.config.yaml:4：stores.shop.timezone：期望 string，实际接收 数字");
    const hant = refusedIn(BAD_TYPE, { flag: "zh-Hant" }).e;
    expect(translator("zh-Hant").text(hant.text)).toContain("stores.shop.timezone：預期為 string");
    const en = refusedIn(BAD_TYPE, { flag: "en" }).e;
    expect(en.message).toBe("merchops.config.yaml:4: stores.shop.timezone: expected string, received number");
    // Without a language the English phrase is unchanged.
    expect(refused(BAD_TYPE).message).toBe(en.message);
  });

  it("the file's own lang: decides when neither --lang nor MERCHOPS_LANG does, before LANG", () => {
    const own = refusedIn(`lang: zh\n${BAD_TYPE}`, { env: { LANG: "en_US.UTF-8" } });
    expect(own.heard).toEqual(["zh-Hans"]);
    expect(zh.text(own.e.text)).toContain("期望 string");
    const flagWins = refusedIn(`lang: zh\n${BAD_TYPE}`, { flag: "en", env: { LANG: "zh_CN.UTF-8" } });
    expect(flagWins.heard).toEqual(["en"]);
    expect(flagWins.e.message).toContain("expected string, received number");
    const envWins = refusedIn(`lang: en\n${BAD_TYPE}`, { env: { MERCHOPS_LANG: "zh-TW" } });
    expect(envWins.heard).toEqual(["zh-Hant"]);
  });

  it("the schema's own messages (attributes, currency) are catalog messages", () => {
    const attr = refusedIn("attributes:\n  fit: {}\n", { flag: "zh" }).e;
    expect(attr.message).toContain('new attribute "fit" needs values (a list or a synonym map) or freeForm: true');
    expect(zh.text(attr.text)).toBe(
      "merchops.config.yaml:2：attributes.fit：新属性“fit”需要取值（列表或同义词映射），或者写 freeForm: true",
    );
    const name = refusedIn("attributes:\n  Fit: { freeForm: true }\n", { flag: "zh" }).e;
    expect(zh.text(name.text)).toContain("属性名只能用小写字母、数字、- 和 _");
    const currency = refusedIn("currency: rmb\n", { flag: "zh" }).e;
    expect(currency.message).toContain("must be an ISO 4217 code such as CNY");
    expect(zh.text(currency.text)).toContain("currency：应为 ISO 4217 币种代码，例如 CNY");
  });
});
