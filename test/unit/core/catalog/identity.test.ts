/** Variant identity: SKU when present, else handle + option values; pairing a file's variants with a store's. */
import { describe, expect, it } from "vitest";
import {
  matchVariants,
  optionsKey,
  presentSkus,
  sortedInPlace,
  variantIdentity,
  variantLabel,
} from "../../../../src/core/catalog/identity.js";
import { planProduct } from "../../../../src/core/catalog/plan.js";
import type { Product, Variant } from "../../../../src/core/model.js";
import { variantKey } from "../../../../src/store/catalog-rows.js";

const v = (options: Record<string, string>, sku?: string, price = 1000): Variant => ({
  ...(sku !== undefined ? { sku } : {}),
  options,
  price,
  currency: "USD",
});

describe("optionsKey", () => {
  it("orders the axes as sort() does (code units), whatever order they were written in", () => {
    const axes = ["size", "Colour", "material", "colour", "尺码", "_x", "Size"];
    const options = Object.fromEntries(axes.map((a) => [a, "V"]));
    expect(optionsKey(options)).toBe(
      [...axes]
        .sort()
        .map((a) => `${a}=v`)
        .join("\u0000"),
    );
    expect(optionsKey({})).toBe("");
  });

  it("variantKey joins by U+001F, and a U+0000 inside a value becomes U+001F too", () => {
    expect(variantKey({ options: { size: "M", colour: "Red" } })).toBe("opt:colour=red\u001fsize=m");
    expect(variantKey({ options: { colour: "a\u0000b" } })).toBe("opt:colour=a\u001fb");
  });

  it("sortedInPlace is stable, like sort()", () => {
    const items = [3, 1, 2, 1, 3].map((n, i) => ({ n, i }));
    expect(sortedInPlace([...items], (a, b) => a.n - b.n)).toEqual([...items].sort((a, b) => a.n - b.n));
  });
});

describe("variantIdentity", () => {
  it("is the SKU when there is one, else handle + option values (folded, any key order)", () => {
    expect(variantIdentity("tee", v({ colour: "Red" }, "T-1"))).toBe("sku:T-1");
    const a = variantIdentity("tee", v({ colour: "Bark Grey", size: "M" }));
    const b = variantIdentity("tee", v({ size: "m", colour: " bark grey " }));
    expect(a).toBe(b);
    expect(variantIdentity("hat", v({ colour: "Bark Grey", size: "M" }))).not.toBe(a);
    expect(variantIdentity("tee", v({ colour: "Red" }, "  "))).toBe(variantIdentity("tee", v({ colour: "red" })));
  });

  it("labels a SKU-less variant by its options", () => {
    expect(variantLabel(v({ colour: "Red", size: "M" }))).toBe("(colour Red, size M)");
    expect(variantLabel(v({}))).toBe("(default variant)");
    expect(variantLabel(v({}, "X"))).toBe("X");
    expect(presentSkus([v({}, "A"), v({}), v({}, " ")])).toEqual(["A"]);
  });
});

describe("matchVariants", () => {
  it("pairs by SKU first, then by options among the rest", () => {
    const store = [v({ size: "S" }, "A"), v({ size: "M" }), v({ size: "L" }, "C")];
    const file = [v({ size: "M" }), v({ size: "XL" }, "A"), v({ size: "L" })];
    // "A" pairs by SKU although its size changed; "M" and "L" by options (L: the file has no SKU).
    expect(matchVariants(store, file)).toEqual([1, 0, 2]);
  });

  it("a file SKU the store lacks pairs by options only with a SKU-less store variant", () => {
    const store = [v({ size: "S" }), v({ size: "M" }, "OLD")];
    expect(matchVariants(store, [v({ size: "S" }, "NEW"), v({ size: "M" }, "NEW2")])).toEqual([0, -1]);
  });

  it("never pairs two file variants with one store variant", () => {
    expect(matchVariants([v({ size: "S" })], [v({ size: "S" }), v({ size: "s" })])).toEqual([0, -1]);
  });
});

describe("planProduct with SKU-less variants", () => {
  const product = (variants: Variant[]): Product => ({
    id: "tee",
    handle: "tee",
    title: "Tee",
    status: "active",
    options: ["size"],
    variants,
  });

  it("re-importing the same SKU-less product is unchanged", () => {
    const p = product([v({ size: "S" }), v({ size: "M" })]);
    const plan = planProduct(product([v({ size: "M" }), v({ size: "S" })]), p, "upsert");
    expect(plan.action).toBe("unchanged");
    expect(plan.variantCounts).toEqual({ create: 0, update: 0, unchanged: 2, delete: 0 });
  });

  it("a price change on a SKU-less variant is an update named by its options", () => {
    const plan = planProduct(product([v({ size: "S" }, undefined, 900)]), product([v({ size: "S" })]), "upsert");
    expect(plan.action).toBe("update");
    expect(plan.changes).toEqual(["variant (size S): price 10.00 -> 9.00"]);
  });

  it("a file without SKUs keeps the store's SKU on the paired variant", () => {
    const plan = planProduct(product([v({ size: "S" })]), product([v({ size: "S" }, "T-S")]), "upsert");
    expect(plan.action).toBe("unchanged");
    expect(plan.desired?.variants[0]?.sku).toBe("T-S");
  });
});

describe("matchVariants with a SKU shared by several variants (Shopify allows it)", () => {
  it("pairs them by options, not by the shared SKU", () => {
    const store = [v({ size: "S" }, "TEE"), v({ size: "M" }, "TEE")];
    expect(matchVariants(store, [v({ size: "M" }, "TEE"), v({ size: "S" }, "TEE")])).toEqual([1, 0]);
  });
});
