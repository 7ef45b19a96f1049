/** The import plan per mode, the merge rules, and the change lines a dry run prints. */
import { describe, expect, it } from "vitest";
import { planProduct, productChanges, productsEqual } from "../../../../src/core/catalog/plan.js";
import type { Product, Variant } from "../../../../src/core/model.js";

function variant(sku: string, colour: string, size: string, price: number, extra: Partial<Variant> = {}): Variant {
  return { sku, options: { colour, size }, price, currency: "CNY", ...extra };
}

/** The store's copy: three variants, a cost on each, tags and two images. */
function stored(): Product {
  return {
    id: "gid://shopify/Product/1",
    handle: "tee",
    title: "Cotton tee",
    description: "Soft cotton.",
    vendor: "Acme",
    category: "服装 > 男装 > T恤",
    tags: ["summer", "cotton"],
    status: "active",
    options: ["colour", "size"],
    images: ["https://img/1.jpg", "https://img/2.jpg"],
    updatedAt: new Date("2026-01-01T00:00:00Z"),
    variants: [
      variant("SUP-1", "red", "M", 12900, { cost: 5000, inventory: 10, barcode: "6901234567890" }),
      variant("SUP-2", "red", "L", 12900, { cost: 5000, inventory: 4 }),
      variant("SUP-3", "navy", "M", 12900, { cost: 5000, inventory: 0 }),
    ],
  };
}

/** What a supplier sheet makes of the same product: no id, no cost column, no images column. */
function fromFile(variants: Variant[], extra: Partial<Product> = {}): Product {
  return { id: "tee", handle: "tee", title: "Cotton tee", status: "active", options: ["colour", "size"], variants, ...extra };
}

describe("planProduct: modes", () => {
  const sheet = () => fromFile([variant("SUP-1", "red", "M", 11900), variant("SUP-9", "navy", "L", 12900)]);

  it("create: absent -> create with every variant; present -> skip with the way out", () => {
    const created = planProduct(sheet(), undefined, "create");
    expect(created.action).toBe("create");
    expect(created.desired).toEqual(sheet());
    expect(created.variantCounts).toEqual({ create: 2, update: 0, unchanged: 0, delete: 0 });
    const skipped = planProduct(sheet(), stored(), "create");
    expect(skipped).toMatchObject({ action: "skip", reason: "exists; use --mode upsert or update" });
    expect(skipped.desired).toBeUndefined();
  });

  it("update: absent -> skip; present -> merged like upsert", () => {
    expect(planProduct(sheet(), undefined, "update")).toMatchObject({
      action: "skip",
      reason: "not in the store; use --mode upsert or create",
    });
    const updated = planProduct(sheet(), stored(), "update");
    expect(updated.action).toBe("update");
    expect(updated.desired).toEqual(planProduct(sheet(), stored(), "upsert").desired);
  });

  it("delete: present -> delete counting the store's variants; absent -> skip", () => {
    expect(planProduct(sheet(), stored(), "delete")).toMatchObject({
      action: "delete",
      variantCounts: { create: 0, update: 0, unchanged: 0, delete: 3 },
    });
    expect(planProduct(sheet(), undefined, "delete")).toMatchObject({ action: "skip", reason: "not in the store" });
  });

  it("upsert absent -> create", () => {
    expect(planProduct(sheet(), undefined, "upsert").action).toBe("create");
    expect(planProduct(sheet(), undefined, "replace").action).toBe("create");
  });

  it("upsert present: the file's variants replace theirs by SKU, new SKUs join, the others stay", () => {
    const plan = planProduct(sheet(), stored(), "upsert");
    expect(plan.action).toBe("update");
    const desired = plan.desired as Product;
    // Kept from the store: id, description, vendor, category, tags, images (the sheet has none of them).
    expect(desired.id).toBe("gid://shopify/Product/1");
    expect(desired.description).toBe("Soft cotton.");
    expect(desired.vendor).toBe("Acme");
    expect(desired.tags).toEqual(["summer", "cotton"]);
    expect(desired.images).toEqual(["https://img/1.jpg", "https://img/2.jpg"]);
    const bySku = new Map(desired.variants.map((v) => [v.sku, v]));
    expect([...bySku.keys()].sort()).toEqual(["SUP-1", "SUP-2", "SUP-3", "SUP-9"]);
    // SUP-1: the new price, and the cost, stock and barcode the sheet does not carry are kept.
    expect(bySku.get("SUP-1")).toEqual(variant("SUP-1", "red", "M", 11900, { cost: 5000, inventory: 10, barcode: "6901234567890" }));
    expect(bySku.get("SUP-2")).toEqual(stored().variants[1]);
    expect(bySku.get("SUP-9")).toEqual(variant("SUP-9", "navy", "L", 12900));
    expect(plan.variantCounts).toEqual({ create: 1, update: 1, unchanged: 2, delete: 0 });
  });

  it("replace present: exactly the file's variants, the others counted as deleted", () => {
    const plan = planProduct(sheet(), stored(), "replace");
    expect(plan.action).toBe("update");
    expect(plan.desired?.variants).toEqual(sheet().variants);
    expect(plan.variantCounts).toEqual({ create: 1, update: 1, unchanged: 0, delete: 2 });
    expect(plan.changes).toContain("variant SUP-2: removed");
    expect(plan.changes).toContain("variant SUP-3: removed");
    // The file has no cost column: replace takes the file as it is.
    expect(plan.changes).toContain(
      "variant SUP-1: price 129.00 -> 119.00, cost 50.00 -> (none), barcode 6901234567890 -> (none), inventory 10 -> (none)",
    );
  });

  it("a sheet equal to the store is unchanged in every merging mode", () => {
    const same = fromFile(
      stored().variants.map((v) => ({ ...v })),
      { description: "Soft cotton.", vendor: "Acme" },
    );
    for (const mode of ["upsert", "update", "replace"] as const) {
      const plan = planProduct(same, stored(), mode);
      expect(plan.action, mode).toBe("unchanged");
      expect(plan.changes, mode).toEqual([]);
      expect(plan.variantCounts, mode).toEqual({ create: 0, update: 0, unchanged: 3, delete: 0 });
    }
  });

  it("a product found by SKU under another handle keeps the store's handle", () => {
    const renamed = fromFile(stored().variants, { handle: "cotton-tee-2" });
    const plan = planProduct(renamed, stored(), "upsert");
    expect(plan.desired?.handle).toBe("tee");
    expect(plan.action).toBe("unchanged");
  });

  it("skips a merge that would mix axes or repeat an option combination, pointing at replace", () => {
    const sizesOnly = fromFile([{ sku: "SUP-1", options: { size: "M" }, price: 12900, currency: "CNY" }], { options: ["size"] });
    const mixed = planProduct(sizesOnly, stored(), "upsert");
    expect(mixed.action).toBe("skip");
    expect(mixed.reason).toMatch(/options change from colour, size to size .*use --mode replace/);
    expect(planProduct(sizesOnly, stored(), "replace").action).toBe("update");

    const clash = fromFile([variant("SUP-7", "RED", "m", 12900)]);
    const twice = planProduct(clash, stored(), "upsert");
    expect(twice.action).toBe("skip");
    expect(twice.reason).toMatch(/variants SUP-7 and SUP-1 would have the same options \(colour red, size M\)/);
  });

  it("a sheet without option columns keeps the store's option values", () => {
    const pricesOnly = fromFile([{ sku: "SUP-2", options: {}, price: 9900, currency: "CNY" }], { options: [] });
    const plan = planProduct(pricesOnly, stored(), "upsert");
    expect(plan.action).toBe("update");
    expect(plan.desired?.options).toEqual(["colour", "size"]);
    expect(plan.desired?.variants.find((v) => v.sku === "SUP-2")?.options).toEqual({ colour: "red", size: "L" });
    expect(plan.changes).toEqual(["variant SUP-2: price 129.00 -> 99.00"]);
  });
});

describe("productChanges: the lines a dry run prints", () => {
  it("field by field, money in the currency's digits", () => {
    const after: Product = {
      ...stored(),
      title: "Organic cotton tee",
      vendor: undefined,
      status: "draft",
      tags: ["cotton", "sale"],
      images: ["https://img/2.jpg", "https://img/1.jpg"],
      variants: [
        variant("SUP-1", "red", "M", 11900, { cost: 5000, inventory: 10, barcode: "6901234567890", compareAtPrice: 15900 }),
        variant("SUP-2", "red", "XL", 12900, { cost: 5000, inventory: 4, weightGrams: 500 }),
        variant("SUP-9", "navy", "L", 12900),
      ],
    };
    expect(productChanges(stored(), after)).toEqual([
      'title: "Cotton tee" -> "Organic cotton tee"',
      'vendor: "Acme" -> (none)',
      "status: active -> draft",
      "tags: +sale, -summer",
      "images: main image changed",
      "variant SUP-1: price 129.00 -> 119.00, compare-at price (none) -> 159.00",
      "variant SUP-2: size L -> XL, weight (none) -> 500 g",
      "variant SUP-9: new",
      "variant SUP-3: removed",
    ]);
  });

  it("JPY has no minor digits; currencies with three print three", () => {
    const yen = (price: number): Product => ({ ...stored(), variants: [{ sku: "J", options: {}, price, currency: "JPY" }] });
    expect(productChanges(yen(1500), yen(1200))).toEqual(["variant J: price 1500 -> 1200"]);
    const dinar = (price: number): Product => ({ ...stored(), variants: [{ sku: "K", options: {}, price, currency: "KWD" }] });
    expect(productChanges(dinar(1500), dinar(25))).toEqual(["variant K: price 1.500 -> 0.025"]);
  });

  it("long descriptions are cut; option axes and images report what changed", () => {
    const long = "x".repeat(100);
    const lines = productChanges(stored(), { ...stored(), description: long, options: ["size"], images: ["https://img/3.jpg"] });
    expect(lines[0]).toBe(`description: "Soft cotton." -> "${"x".repeat(59)}…"`);
    expect(lines).toContain("options: colour, size -> size");
    expect(lines).toContain("images: 2 -> 1 (1 added, 2 removed)");
  });
});

describe("productsEqual", () => {
  it("ignores id, updatedAt, tag order, axis order, option key order, variant order and empty-vs-missing", () => {
    const a = stored();
    const b: Product = {
      ...stored(),
      id: "other",
      updatedAt: undefined,
      tags: ["cotton", "summer", "cotton"],
      options: ["size", "colour"],
      variants: [...stored().variants].reverse().map((v) => ({
        ...v,
        options: { size: v.options.size as string, colour: v.options.colour as string },
        compareAtPrice: null,
        weightGrams: undefined,
        image: "",
      })),
    };
    expect(productsEqual(a, b)).toBe(true);
    expect(productsEqual({ ...a, description: "" }, { ...a, description: undefined })).toBe(true);
    expect(productsEqual({ ...a, tags: [] }, { ...a, tags: undefined })).toBe(true);
  });

  it("sees one changed cent, a reordered image list, a changed case, and zero stock vs none", () => {
    const a = stored();
    const cent = stored();
    (cent.variants[2] as Variant).price = 12901;
    expect(productsEqual(a, cent)).toBe(false);
    expect(productsEqual(a, { ...a, images: ["https://img/2.jpg", "https://img/1.jpg"] })).toBe(false);
    expect(productsEqual(a, { ...a, title: "cotton tee" })).toBe(false);
    const noStock = stored();
    (noStock.variants[2] as Variant).inventory = null;
    expect(productsEqual(a, noStock)).toBe(false);
  });
});

describe("planProduct: a file without a price column", () => {
  // A stock sheet read as a Shopify export: every variant's price reads 0 (with a warning).
  const stockSheet = () => fromFile([variant("SUP-1", "red", "M", 0, { inventory: 3 }), variant("SUP-9", "navy", "L", 0)]);

  it("keeps the store's prices on the variants it updates, as a missing column does in Shopify's import", () => {
    const plan = planProduct(stockSheet(), stored(), "upsert", { pricesInFile: false });
    const updated = plan.desired?.variants.find((v) => v.sku === "SUP-1");
    expect(updated).toMatchObject({ price: 12900, inventory: 3, cost: 5000 });
    expect(plan.changes.join(" ")).not.toMatch(/129\.00 -> 0\.00|12900/);
  });

  it("a new variant has no store price to keep: it is created with the file's 0 (the reader warned)", () => {
    const plan = planProduct(stockSheet(), stored(), "upsert", { pricesInFile: false });
    expect(plan.desired?.variants.find((v) => v.sku === "SUP-9")?.price).toBe(0);
  });

  it("with a price column (the default), the file's price wins", () => {
    const plan = planProduct(stockSheet(), stored(), "upsert");
    expect(plan.desired?.variants.find((v) => v.sku === "SUP-1")?.price).toBe(0);
  });
});
