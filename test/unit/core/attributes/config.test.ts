import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type AttributesConfig, attributesConfigSchema, createAttributeDictionary } from "../../../../src/core/attributes/index.js";

/** Parses YAML the way the config loader does, then the attributes schema. */
function load(yaml: string): AttributesConfig {
  return attributesConfigSchema.parse(parse(yaml));
}
function issuesOf(yaml: string): string[] {
  const result = attributesConfigSchema.safeParse(parse(yaml));
  expect(result.success, "the schema should reject this").toBe(false);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const EXAMPLE = `
size:
  headers: ["码"]
  values: { "加肥": "xxl", "加肥加大": "XXL+" }
fit:
  labels: { en: Fit, zh: 版型 }
  headers: ["版型", "Fit"]
  values: ["slim", "regular", "loose"]
  synonyms: { "修身": "slim", "宽松": "loose" }
  order: ["slim", "regular", "loose"]
style:
  freeForm: true
  headers: ["款式"]
color:
  synonyms: { "姨妈红": "burgundy" }
`;

describe("attributes config", () => {
  const dict = createAttributeDictionary(load(EXAMPLE));

  it("extends a built-in attribute with headers and value synonyms", () => {
    expect(dict.attributeForHeader("码")).toBe("size");
    expect(dict.standardize("size", "加肥")).toEqual({ ok: true, value: "XXL" });
    expect(dict.standardize("size", "XL")).toEqual({ ok: true, value: "XL" });
    expect(dict.standardize("colour", "姨妈红色")).toEqual({ ok: true, value: "burgundy" });
  });

  it("adds a new canonical value to a built-in attribute, after the ranked ones", () => {
    expect(dict.standardize("size", "加肥加大")).toEqual({ ok: true, value: "XXL+" });
    expect(dict.standardize("size", "XXL+")).toEqual({ ok: true, value: "XXL+" });
    expect(dict.values("size").at(-1)).toBe("XXL+");
  });

  it("adds a new attribute with labels, headers, synonyms and order", () => {
    expect(dict.names()).toContain("fit");
    expect(dict.attributeForHeader("版型")).toBe("fit");
    expect(dict.attributeForHeader("FIT")).toBe("fit");
    expect(dict.attributeLabel("fit", "zh")).toBe("版型");
    expect(dict.attributeLabel("fit", "zh-Hant")).toBe("版型");
    expect(dict.standardize("fit", "修身")).toEqual({ ok: true, value: "slim" });
    expect(dict.standardize("fit", "Slim")).toEqual({ ok: true, value: "slim" });
    expect(["loose", "slim", "regular"].sort((a, b) => dict.compare("fit", a, b))).toEqual(["slim", "regular", "loose"]);
    expect(dict.values("fit")).toEqual(["slim", "regular", "loose"]);
    const tight = dict.standardize("fit", "slimm");
    expect(tight).toMatchObject({ ok: false, suggestions: ["slim"] });
  });

  it("accepts any value of a free-form attribute, trimmed and collapsed", () => {
    expect(dict.isFreeForm("style")).toBe(true);
    expect(dict.attributeForHeader("款式")).toBe("style");
    expect(dict.attributeLabel("style", "en")).toBe("Style");
    expect(dict.standardize("style", "  复古   风 ")).toEqual({ ok: true, value: "复古 风" });
  });

  it("lets a user header win over a built-in one (规格 meaning net weight in a food shop)", () => {
    const food = createAttributeDictionary(load("weight:\n  headers: [规格]\n"));
    expect(food.attributeForHeader("规格")).toBe("weight");
    expect(food.standardize("weight", "1斤")).toEqual({ ok: true, value: "500 g" });
    expect(createAttributeDictionary().attributeForHeader("规格")).toBe("spec");
  });

  it("can make a built-in attribute free-form", () => {
    const open = createAttributeDictionary(load("colour:\n  freeForm: true\n"));
    expect(open.standardize("colour", "星空紫")).toEqual({ ok: true, value: "星空紫" });
    expect(open.standardize("colour", "红色")).toEqual({ ok: true, value: "red" });
  });

  it("lets `order` put the listed values first", () => {
    const custom = createAttributeDictionary(load("size:\n  order: [L, M, S]\n"));
    expect(["S", "XL", "M", "L"].sort((a, b) => custom.compare("size", a, b))).toEqual(["L", "M", "S", "XL"]);
  });
});

describe("attributesConfigSchema", () => {
  it("rejects unknown keys", () => {
    expect(issuesOf("size:\n  synonym: { a: b }\n")).toEqual([expect.stringContaining('Unrecognized key: "synonym"')]);
    expect(issuesOf("fit:\n  labels: { fr: Coupe }\n  freeForm: true\n")[0]).toContain("fr");
  });

  it("rejects __proto__, constructor and prototype anywhere", () => {
    expect(issuesOf("__proto__:\n  freeForm: true\n")[0]).toContain("__proto__");
    expect(issuesOf("size:\n  values:\n    __proto__: XL\n")[0]).toMatch(/^size\.values\.__proto__: .*reserved/);
    expect(issuesOf("size:\n  synonyms:\n    constructor: XL\n")[0]).toContain("constructor");
    expect(issuesOf("prototype:\n  freeForm: true\n")[0]).toContain("prototype");
    expect(Object.prototype).not.toHaveProperty("freeForm");
  });

  it("rejects a new attribute without values that is not free-form", () => {
    expect(issuesOf("fit:\n  headers: [版型]\n")[0]).toContain("needs values");
  });

  it("rejects attribute names that are not lowercase words", () => {
    expect(issuesOf("Fit Type:\n  freeForm: true\n")[0]).toContain("lowercase");
  });

  it("accepts an empty section", () => {
    expect(load("{}")).toEqual({});
  });
});
