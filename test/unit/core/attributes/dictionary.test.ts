import { describe, expect, it } from "vitest";
import { type AttributeDictionary, createAttributeDictionary } from "../../../../src/core/attributes/index.js";
import { english } from "../../../../src/core/i18n/index.js";

const dict = createAttributeDictionary();

/** The canonical value of an accepted cell (fails the test when it was rejected). */
function canonicalOf(d: AttributeDictionary, attribute: string, raw: string): string {
  const r = d.standardize(attribute, raw);
  expect(r, `${attribute} "${raw}"`).toMatchObject({ ok: true });
  return r.ok ? r.value : "";
}
/** The rejection of a cell (fails the test when it was accepted). */
function rejectionOf(d: AttributeDictionary, attribute: string, raw: string): { ok: false; problem: string; suggestions: string[] } {
  const r = d.standardize(attribute, raw);
  expect(r.ok, `${attribute} "${raw}" should be rejected, got ${JSON.stringify(r)}`).toBe(false);
  // The problem in English, as the JSON document carries it.
  return r.ok ? { ok: false, problem: "", suggestions: [] } : { ...r, problem: english(r.problem) };
}

describe("attributeForHeader", () => {
  it.each([
    ["尺码", "size"],
    ["尺寸", "size"],
    ["尺碼", "size"],
    ["規格", "spec"],
    ["规格", "spec"],
    ["码数", "size"],
    ["Size", "size"],
    ["Clothing size", "size"],
    ["  SIZE ", "size"],
    ["尺码：", "size"],
    ["尺码(必填)", "size"],
    ["颜色", "colour"],
    ["顏色", "colour"],
    ["色", "colour"],
    ["颜色分类", "colour"],
    ["Color", "colour"],
    ["Colour:", "colour"],
    ["ＣＯＬＯＲ", "colour"],
    ["*颜色", "colour"],
    ["材质", "material"],
    ["材質", "material"],
    ["Fabric", "material"],
    ["口味", "flavour"],
    ["Flavor", "flavour"],
    ["容量", "capacity"],
    ["容積", "capacity"],
    ["Volume", "capacity"],
    ["净含量", "weight"],
    ["淨含量", "weight"],
    ["Net weight", "weight"],
    ["规格尺寸", "dimensions"],
    ["外形尺寸", "dimensions"],
    ["长宽高", "dimensions"],
    ["Dimensions", "dimensions"],
  ])("%s -> %s", (header, attribute) => {
    expect(dict.attributeForHeader(header)).toBe(attribute);
  });

  it("knows every attribute by its own labels", () => {
    for (const attribute of dict.names()) {
      for (const lang of ["en", "zh", "zh-Hant"] as const)
        expect(dict.attributeForHeader(dict.attributeLabel(attribute, lang))).toBe(attribute);
    }
  });

  it("leaves other columns alone, including a plain shipping weight", () => {
    for (const header of ["价格", "SKU", "重量", "Weight", "标题", "Option1 Name", ""])
      expect(dict.attributeForHeader(header)).toBeUndefined();
  });
});

describe("size", () => {
  it.each([
    ["加大码", "XL"],
    ["加大", "XL"],
    ["X-Large", "XL"],
    ["x large", "XL"],
    ["xl", "XL"],
    ["ＸＬ", "XL"],
    ["XL码", "XL"],
    ["Extra Large", "XL"],
    ["加加大", "XXL"],
    ["2XL", "XXL"],
    ["特大号", "XXL"],
    ["XXXL", "3XL"],
    ["小码", "S"],
    ["中码", "M"],
    ["中號", "M"],
    ["大码", "L"],
    ["Medium", "M"],
    ["均码", "One Size"],
    ["均碼", "One Size"],
    ["F", "One Size"],
    ["Free Size", "One Size"],
    ["one size", "One Size"],
    ["OS", "One Size"],
    ["170/88A", "170/88A"],
    ["170/88a", "170/88A"],
    ["165/84", "165/84"],
    ["L(170/88A)", "L"],
    ["L 170/88A", "L"],
    ["42码", "42"],
    ["29", "29"],
    ["110cm", "110"],
    ["EU 42", "EU 42"],
    ["eu42", "EU 42"],
    ["EU-42", "EU 42"],
    ["欧码42", "EU 42"],
    ["42欧码", "EU 42"],
    ["EU 42.5", "EU 42.5"],
    ["US 9", "US 9"],
    ["美码9.5", "US 9.5"],
    ["UK 8", "UK 8"],
    ["CN 260", "CN 260"],
    ["260mm", "CN 260"],
    ["中国码260", "CN 260"],
  ])("%s -> %s", (raw, canonical) => {
    expect(canonicalOf(dict, "size", raw)).toBe(canonical);
  });

  it("rejects shoe sizes outside their system's range, and two sizes in one cell", () => {
    expect(rejectionOf(dict, "size", "EU 60").problem).toContain("EU sizes run 15 to 52");
    expect(rejectionOf(dict, "size", "S/M").suggestions).toContain("S");
  });

  it("orders letter sizes, then numbers, shoe systems, and One Size last", () => {
    const expected = [
      "XXS",
      "XS",
      "S",
      "M",
      "L",
      "XL",
      "XXL",
      "3XL",
      "4XL",
      "5XL",
      "160/84A",
      "170/88A",
      "170/92A",
      "8",
      "28",
      "110",
      "EU 39",
      "EU 42",
      "US 9",
      "US 10.5",
      "One Size",
    ];
    const shuffled = [...expected].reverse();
    shuffled.push(shuffled.splice(3, 1)[0] as string);
    expect(shuffled.sort((a, b) => dict.compare("size", a, b))).toEqual(expected);
  });

  it("lists the letter sizes and One Size for drop-downs, in order", () => {
    expect(dict.values("size")).toEqual(["XXS", "XS", "S", "M", "L", "XL", "XXL", "3XL", "4XL", "5XL", "One Size"]);
  });

  it("labels shoe sizes and One Size in Chinese", () => {
    expect(dict.valueLabel("size", "One Size", "zh")).toBe("均码");
    expect(dict.valueLabel("size", "One Size", "zh-Hant")).toBe("均碼");
    expect(dict.valueLabel("size", "EU 42", "zh")).toBe("欧码42");
    expect(dict.valueLabel("size", "XL", "en")).toBe("XL");
  });
});

describe("colour", () => {
  it.each([
    ["酒红", "burgundy"],
    ["酒红色", "burgundy"],
    ["酒紅色", "burgundy"],
    ["藏青", "navy"],
    ["藏青色", "navy"],
    ["Navy Blue", "navy"],
    ["大红", "red"],
    ["红色", "red"],
    ["紅色", "red"],
    ["红", "red"],
    ["RED", "red"],
    ["Red", "red"],
    ["米白", "cream"],
    ["米色", "beige"],
    ["卡其", "khaki"],
    ["卡其色", "khaki"],
    ["浅灰", "light grey"],
    ["Light Gray", "light grey"],
    ["灰色", "grey"],
    ["gray", "grey"],
    ["天蓝色", "sky blue"],
    ["军绿色", "olive"],
    ["黑色系", "black"],
    ["如图", "as pictured"],
    ["红色/Red", "red"],
    ["黑色 Black", "black"],
    ["红色（现货）", "red"],
    ["白色【预售】", "white"],
  ])("%s -> %s", (raw, canonical) => {
    expect(canonicalOf(dict, "colour", raw)).toBe(canonical);
  });

  it("has about forty canonical colours, all lowercase English", () => {
    const colours = dict.values("colour");
    expect(colours.length).toBeGreaterThanOrEqual(38);
    for (const c of colours) expect(c).toMatch(/^[a-z]+( [a-z]+)*$/);
  });

  it("rejects two different colours in one cell", () => {
    expect(rejectionOf(dict, "colour", "红色/Blue").problem).toContain("not a known colour");
  });

  it("orders colours by name (they have no natural order)", () => {
    expect(["white", "black", "red"].sort((a, b) => dict.compare("colour", a, b))).toEqual(["black", "red", "white"]);
  });
});

describe("material", () => {
  it.each([
    ["棉", "cotton"],
    ["纯棉", "cotton"],
    ["全棉", "cotton"],
    ["涤纶", "polyester"],
    ["聚酯纤维", "polyester"],
    ["亚麻", "linen"],
    ["桑蚕丝", "silk"],
    ["羊绒", "cashmere"],
    ["尼龙", "nylon"],
    ["锦纶", "nylon"],
    ["氨纶", "spandex"],
    ["95%棉 5%氨纶", "cotton 95%, spandex 5%"],
    ["棉95% 氨纶5%", "cotton 95%, spandex 5%"],
    ["5%氨纶，95%棉", "cotton 95%, spandex 5%"],
    ["Cotton 95% / Spandex 5%", "cotton 95%, spandex 5%"],
    ["95% cotton, 5% elastane", "cotton 95%, spandex 5%"],
    ["１００％棉", "cotton 100%"],
    ["60%棉 35%涤纶 5%氨纶", "cotton 60%, polyester 35%, spandex 5%"],
    ["棉/涤纶", "cotton, polyester"],
  ])("%s -> %s", (raw, canonical) => {
    expect(canonicalOf(dict, "material", raw)).toBe(canonical);
  });

  it("rejects shares that do not add up to 100%, and unknown fibres with a suggestion", () => {
    expect(rejectionOf(dict, "material", "90%棉 5%氨纶").problem).toContain("95%");
    const typo = rejectionOf(dict, "material", "95%棉 5%涤轮");
    expect(typo.problem).toContain("涤轮");
    expect(typo.suggestions).toContain("polyester");
  });
});

describe("flavour", () => {
  it("maps the common flavours and accepts any other (free-form)", () => {
    expect(canonicalOf(dict, "flavour", "原味")).toBe("original");
    expect(canonicalOf(dict, "flavour", "香辣味")).toBe("spicy");
    expect(canonicalOf(dict, "flavour", "麻辣")).toBe("spicy");
    expect(canonicalOf(dict, "flavour", "  榴莲   味 ")).toBe("榴莲 味");
    expect(dict.isFreeForm("flavour")).toBe(true);
    expect(dict.isFreeForm("size")).toBe(false);
  });
});

describe("quantities", () => {
  it.each([
    ["weight", "500g", "500 g"],
    ["weight", "0.5kg", "500 g"],
    ["weight", "0.5 KG", "500 g"],
    ["weight", "1斤", "500 g"],
    ["weight", "2两", "100 g"],
    ["weight", "500", "500 g"],
    ["weight", "1 lb", `${Math.round(453.59237)} g`],
    ["weight", "12.5g", "12.5 g"],
    ["weight", "250g*4袋", "250 g × 4"],
    ["capacity", "500ml", "500 ml"],
    ["capacity", "1.5L", "1500 ml"],
    ["capacity", "1.5升", "1500 ml"],
    ["capacity", "12 fl oz", `${Math.round(12 * 29.5735295625)} ml`],
    ["capacity", "330ml×6罐", "330 ml × 6"],
    ["dimensions", "30x20x10cm", "300 × 200 × 100 mm"],
    ["dimensions", "300*200*100mm", "300 × 200 × 100 mm"],
    ["dimensions", "12 x 8 in", `${Math.round(12 * 25.4)} × ${Math.round(8 * 25.4)} mm`],
    ["dimensions", "长30cm×宽20cm×高10cm", "300 × 200 × 100 mm"],
    ["dimensions", "L30 x W20 x H10 cm", "300 × 200 × 100 mm"],
  ])("%s %s -> %s", (attribute, raw, canonical) => {
    expect(canonicalOf(dict, attribute, raw)).toBe(canonical);
  });

  it("rejects unknown units, zero, and dimensions without a unit (suggesting centimetres)", () => {
    expect(rejectionOf(dict, "weight", "5 stone").problem).toContain("stone");
    expect(rejectionOf(dict, "weight", "0g").problem).toContain("more than 0");
    // A minus or a range must not lose its "-" on the way to a lookup key.
    expect(rejectionOf(dict, "weight", "-5g").ok).toBe(false);
    expect(rejectionOf(dict, "weight", "1-2kg").ok).toBe(false);
    expect(rejectionOf(dict, "capacity", "500ml apple").problem).toContain("use ml, L or fl oz");
    expect(rejectionOf(dict, "capacity", "a lot").problem).toContain("not a known capacity");
    expect(rejectionOf(dict, "dimensions", "30x20x10")).toMatchObject({
      problem: expect.stringContaining("no unit"),
      suggestions: ["300 × 200 × 100 mm"],
    });
  });

  it("orders quantities numerically, not as text", () => {
    const weights = ["1000 g", "250 g", "500 g × 2", "500 g", "50 g"];
    expect(weights.sort((a, b) => dict.compare("weight", a, b))).toEqual(["50 g", "250 g", "500 g", "500 g × 2", "1000 g"]);
    const sizes = ["1500 ml", "330 ml", "1000 ml"];
    expect(sizes.sort((a, b) => dict.compare("capacity", a, b))).toEqual(["330 ml", "1000 ml", "1500 ml"]);
  });
});

describe("unknown values", () => {
  it("is an error with the closest canonical values, never a pass-through", () => {
    const lx = rejectionOf(dict, "size", "Lx");
    expect(lx.problem).toContain('"Lx" is not a known size');
    expect(lx.problem).toContain("attributes.size");
    expect(lx.suggestions.slice(0, 2).sort()).toEqual(["L", "XL"]);
    expect(rejectionOf(dict, "size", "XXXXXXL").suggestions[0]).toBe("5XL");
    expect(rejectionOf(dict, "colour", "gery").suggestions[0]).toBe("grey");
    expect(rejectionOf(dict, "colour", "红红色").suggestions[0]).toBe("red");
    expect(rejectionOf(dict, "colour", "宝石红").suggestions).toContain("red");
    expect(rejectionOf(dict, "colour", "深酒红").suggestions[0]).toBe("burgundy");
  });

  it("gives at most three suggestions", () => {
    for (const raw of ["浅红", "XXXXXXL", "qwerty", "紫罗兰"])
      expect(rejectionOf(dict, "colour", raw).suggestions.length).toBeLessThanOrEqual(3);
  });

  it('reports an empty cell as the problem "empty"', () => {
    expect(dict.standardize("size", "   ")).toEqual({ ok: false, problem: "empty", suggestions: [] });
  });

  it("reports an unknown attribute", () => {
    expect(rejectionOf(dict, "sleeve", "long").problem).toContain("not an attribute");
  });
});

describe("canonical values are fixed points", () => {
  const structured: Record<string, string[]> = {
    size: ["170/88A", "165/84", "42", "42.5", "EU 42", "EU 36.5", "US 9", "UK 8", "CN 260"],
    material: ["cotton 95%, spandex 5%", "cotton 100%", "cotton, polyester", "stainless steel 100%"],
    capacity: ["500 ml", "1500 ml", "355 ml", "0.5 ml", "330 ml × 6"],
    weight: ["500 g", "454 g", "12.5 g", "0.05 g", "250 g × 4"],
    dimensions: ["300 × 200 × 100 mm", "305 × 203 mm", "12.5 × 8 mm"],
    spec: ["400g", "5.8g*15支", "A4 80g 500张"],
  };

  for (const attribute of dict.names()) {
    it(`${attribute}: standardize(v) = v and standardize(label(v)) = v in every language`, () => {
      const values = [...dict.values(attribute), ...(structured[attribute] ?? [])];
      expect(values.length).toBeGreaterThan(0);
      for (const v of values) {
        expect(canonicalOf(dict, attribute, v), `fixed point ${v}`).toBe(v);
        for (const lang of ["en", "zh", "zh-Hant"] as const) {
          const label = dict.valueLabel(attribute, v, lang);
          expect(canonicalOf(dict, attribute, label), `${lang} label "${label}" of ${v}`).toBe(v);
        }
      }
    });
  }

  it("labels values in Chinese", () => {
    expect(dict.valueLabel("colour", "burgundy", "zh")).toBe("酒红色");
    expect(dict.valueLabel("colour", "burgundy", "zh-Hant")).toBe("酒紅色");
    expect(dict.valueLabel("colour", "sky blue", "en")).toBe("Sky blue");
    expect(dict.valueLabel("material", "cotton 95%, spandex 5%", "zh")).toBe("棉95%，氨纶5%");
  });
});

describe("attributes", () => {
  it("puts colour before size, then the others alphabetically", () => {
    const axes = ["weight", "size", "material", "colour", "flavour"];
    expect(axes.sort((a, b) => dict.compareAttributes(a, b))).toEqual(["colour", "size", "flavour", "material", "weight"]);
  });

  it("labels attributes in three scripts", () => {
    expect(dict.attributeLabel("size", "en")).toBe("Size");
    expect(dict.attributeLabel("size", "zh")).toBe("尺码");
    expect(dict.attributeLabel("size", "zh-Hant")).toBe("尺碼");
    expect(dict.attributeLabel("colour", "zh")).toBe("颜色");
  });

  it("names the eight built-in attributes", () => {
    expect(dict.names().sort()).toEqual(["capacity", "colour", "dimensions", "flavour", "material", "size", "spec", "weight"]);
  });

  it("accepts the US spelling of an attribute name", () => {
    expect(canonicalOf(dict, "color", "红色")).toBe("red");
  });

  it("remembers results without sharing state between dictionaries", () => {
    const a = createAttributeDictionary({ size: { values: { 加肥: "XXL" } } });
    expect(canonicalOf(a, "size", "加肥")).toBe("XXL");
    expect(canonicalOf(a, "size", "加肥")).toBe("XXL");
    expect(dict.standardize("size", "加肥").ok).toBe(false);
  });
});
