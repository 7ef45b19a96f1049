/**
 * Return reasons into the taxonomy (codes first, then keyword rules over Chinese and English free
 * text, unmatched text left as "other"), and the Wilson interval the findings rest on.
 */
import { describe, expect, it } from "vitest";
import {
  buildRules,
  classifyReason,
  normalizeText,
  REASON_CATEGORIES,
  REASONS,
  type ReasonCategory,
} from "../../../src/core/returns/reasons.js";
import { wilsonInterval } from "../../../src/core/returns/stats.js";

const rules = buildRules();
const byText = (text: string) => classifyReason(text, undefined, rules);

describe("classifyReason: Chinese free text", () => {
  const cases: [string, ReasonCategory][] = [
    ["尺码偏小", "too_small"],
    ["太大了", "too_large"],
    ["颜色和图片不一样", "not_as_described"],
    ["质量有问题，开线", "quality_defect"],
    ["质量有问题开线", "quality_defect"],
    ["发错货了", "wrong_item"],
    ["快递压坏了", "damaged_in_transit"],
    ["物流太慢", "late_delivery"],
    ["不想要了", "changed_mind"],
    ["拍多了", "changed_mind"],
    // Specific before general: a wrong colour sent is a picking error, not a colour complaint.
    ["发错颜色了", "wrong_item"],
    // "坏了" is a quality word, but crushed by the courier is transit damage.
    ["快递压坏了，质量也一般", "damaged_in_transit"],
    ["尺码不合适", "size_unspecified"],
    ["尺码不合适，小了", "too_small"],
    ["七天无理由退货", "changed_mind"],
  ];
  for (const [text, category] of cases) {
    it(`${text} -> ${category}`, () => {
      expect(byText(text)).toEqual({ category, by: "keyword" });
    });
  }
});

describe("classifyReason: Traditional Chinese (where the keywords share characters)", () => {
  const cases: [string, ReasonCategory][] = [
    ["尺碼偏小", "too_small"],
    ["太大了", "too_large"],
    ["與描述不符", "not_as_described"],
    ["物流太慢", "late_delivery"],
    ["不想要了", "changed_mind"],
    ["拍多了", "changed_mind"],
  ];
  for (const [text, category] of cases) {
    it(`${text} -> ${category}`, () => {
      expect(byText(text)).toEqual({ category, by: "keyword" });
    });
  }
});

describe("classifyReason: English free text", () => {
  const cases: [string, ReasonCategory][] = [
    ["too small", "too_small"],
    ["Too Small, need one size up", "too_small"],
    ["runs large", "too_large"],
    ["not as described", "not_as_described"],
    ["Colour not as pictured", "not_as_described"],
    ["arrived damaged", "damaged_in_transit"],
    ["wrong item", "wrong_item"],
    ["received the wrong item", "wrong_item"],
    ["changed my mind", "changed_mind"],
    ["CHANGED MY MIND", "changed_mind"],
    ["wrong size", "size_unspecified"],
    ["quality is poor", "quality_defect"],
  ];
  for (const [text, category] of cases) {
    it(`${text} -> ${category}`, () => {
      expect(byText(text)).toEqual({ category, by: "keyword" });
    });
  }

  it("full-width and padded text is normalized before matching", () => {
    expect(byText("  ＴＯＯ　ＳＭＡＬＬ  ")).toEqual({ category: "too_small", by: "keyword" });
    expect(normalizeText("  ＴＯＯ　ＳＭＡＬＬ  ")).toBe("too small");
  });
});

describe("classifyReason: the same complaint in English and Chinese lands in the same category", () => {
  const pairs: [string, string][] = [
    ["拉链坏了", "the zipper is broken"],
    ["线头多", "loose threads everywhere"],
    ["开线了", "the stitching came loose"],
    ["发错颜色了", "sent the wrong colour"],
    ["物流太慢", "slow delivery"],
  ];
  for (const [zh, en] of pairs) {
    it(`${zh} / ${en}`, () => {
      const a = byText(zh);
      expect(a.by).toBe("keyword");
      expect(byText(en)).toEqual(a);
    });
  }
});

describe("classifyReason: platform codes", () => {
  it("a code wins over text that says otherwise", () => {
    expect(classifyReason("too big", "SIZE_TOO_SMALL", rules)).toEqual({ category: "too_small", by: "code" });
    expect(classifyReason("太大了", "SIZE_TOO_SMALL", rules)).toEqual({ category: "too_small", by: "code" });
    expect(classifyReason("changed my mind", "DEFECTIVE", rules)).toEqual({ category: "quality_defect", by: "code" });
  });

  it("maps each known code", () => {
    const codes: [string, ReasonCategory][] = [
      ["SIZE_TOO_SMALL", "too_small"],
      ["SIZE_TOO_LARGE", "too_large"],
      ["DEFECTIVE", "quality_defect"],
      ["NOT_AS_DESCRIBED", "not_as_described"],
      ["COLOR", "not_as_described"],
      ["STYLE", "changed_mind"],
      ["UNWANTED", "changed_mind"],
      ["WRONG_ITEM", "wrong_item"],
    ];
    for (const [code, category] of codes) expect(classifyReason(undefined, code, rules), code).toEqual({ category, by: "code" });
  });

  it("codes are read case-insensitively, with spaces or hyphens for underscores", () => {
    expect(classifyReason(undefined, " size-too-small ", rules)).toEqual({ category: "too_small", by: "code" });
    expect(classifyReason(undefined, "size too large", rules)).toEqual({ category: "too_large", by: "code" });
  });

  it("OTHER (and unknown codes) fall through to the text", () => {
    expect(classifyReason("尺码偏小", "OTHER", rules)).toEqual({ category: "too_small", by: "keyword" });
    expect(classifyReason("arrived damaged", "SOMETHING_NEW", rules)).toEqual({ category: "damaged_in_transit", by: "keyword" });
    expect(classifyReason(undefined, "OTHER", rules)).toEqual({ category: "other", by: "none" });
  });
});

describe("classifyReason: nothing matches", () => {
  it("is other, decided by none", () => {
    expect(byText("其他")).toEqual({ category: "other", by: "none" });
    expect(byText("my dog ate it")).toEqual({ category: "other", by: "none" });
    expect(byText("")).toEqual({ category: "other", by: "none" });
    expect(classifyReason(undefined, undefined, rules)).toEqual({ category: "other", by: "none" });
  });
});

describe("buildRules", () => {
  it("tries the config's keywords before the built-in ones", () => {
    const text = "勒脚，质量也一般";
    expect(byText(text).category).toBe("quality_defect");
    const custom = buildRules({ too_small: ["勒脚"] });
    expect(classifyReason(text, undefined, custom)).toEqual({ category: "too_small", by: "keyword" });
  });

  it("a config keyword can classify text the built-in rules leave as other", () => {
    const custom = buildRules({ quality_defect: ["鞋底开胶"] });
    expect(byText("鞋底开胶了").category).toBe("other");
    expect(classifyReason("鞋底开胶了", undefined, custom)).toEqual({ category: "quality_defect", by: "keyword" });
  });

  it("normalizes the config's keywords like the text (full-width, case)", () => {
    const custom = buildRules({ quality_defect: ["ＬＩＮＴ"] });
    expect(classifyReason("covered in lint", undefined, custom)).toEqual({ category: "quality_defect", by: "keyword" });
  });

  it("keeps every built-in rule after the user's", () => {
    const custom = buildRules({ too_small: ["勒脚"] });
    expect(custom.rules[0]?.[0]).toBe("too_small");
    expect(custom.rules.length).toBe(buildRules().rules.length + 1);
    expect(classifyReason("arrived damaged", undefined, custom)).toEqual({ category: "damaged_in_transit", by: "keyword" });
  });

  it("every category has a label, a Chinese label and advice", () => {
    for (const c of REASON_CATEGORIES) {
      expect(REASONS[c].label.length, c).toBeGreaterThan(0);
      expect(REASONS[c].labelZh.length, c).toBeGreaterThan(0);
      expect(REASONS[c].advice.length, c).toBeGreaterThan(0);
    }
    expect(REASONS.too_small.advice).toBe("check the size chart");
  });
});

/**
 * The Wilson score interval written independently, in the closed form
 *   (2np + z² ± z·√(z² + 4np(1−p))) / (2(n + z²)),
 * algebraically equal to src's centre ± half-width form but computed differently.
 */
function wilsonReference(k: number, n: number, z = 1.959964): { low: number; high: number } {
  const p = k / n;
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + 4 * n * p * (1 - p));
  return { low: (2 * n * p + z2 - root) / (2 * (n + z2)), high: (2 * n * p + z2 + root) / (2 * (n + z2)) };
}

describe("wilsonInterval", () => {
  it("1 of 2 runs from about 9.45% to 90.55% (a 50% rate on 2 units proves nothing)", () => {
    const w = wilsonInterval(1, 2);
    expect(w.low).toBeCloseTo(0.0945, 4);
    expect(w.high).toBeCloseTo(0.9055, 4);
    const ref = wilsonReference(1, 2);
    expect(w.low).toBeCloseTo(ref.low, 12);
    expect(w.high).toBeCloseTo(ref.high, 12);
  });

  it("0 of 10: low 0, high z²/(n+z²)", () => {
    const w = wilsonInterval(0, 10);
    const z2 = 1.959964 ** 2;
    expect(w.low).toBeCloseTo(0, 12);
    expect(w.high).toBeCloseTo(z2 / (10 + z2), 12);
    expect(w.high).toBeCloseTo(0.2775, 4);
  });

  it("10 of 10: low n/(n+z²), high 1", () => {
    const w = wilsonInterval(10, 10);
    const z2 = 1.959964 ** 2;
    expect(w.low).toBeCloseTo(10 / (10 + z2), 12);
    expect(w.low).toBeCloseTo(0.7225, 4);
    expect(w.high).toBeCloseTo(1, 12);
  });

  it("n = 0 says nothing: [0, 1]", () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it("matches the reference over a range of counts, and holds the rate inside", () => {
    for (const [k, n] of [
      [66, 218],
      [24, 88],
      [3, 30],
      [1662, 21411],
      [50, 51],
    ] as [number, number][]) {
      const w = wilsonInterval(k, n);
      const ref = wilsonReference(k, n);
      expect(w.low, `${k}/${n}`).toBeCloseTo(ref.low, 12);
      expect(w.high, `${k}/${n}`).toBeCloseTo(ref.high, 12);
      expect(w.low).toBeLessThan(k / n);
      expect(w.high).toBeGreaterThan(k / n);
    }
  });

  it("a wider z gives a wider interval", () => {
    const narrow = wilsonInterval(20, 100, 1);
    const wide = wilsonInterval(20, 100, 2.575829);
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
    expect(narrow.low).toBeCloseTo(wilsonReference(20, 100, 1).low, 12);
  });
});
