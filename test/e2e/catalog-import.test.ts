/**
 * `catalog import` end to end, against the built bin: every good fixture into the demo store, dry
 * and for real, checked against fixtures/catalog/EXPECTED.json (the generator's own decisions:
 * canonical options, prices in fen, grams, stock); then the import modes on a small sheet.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  catalogSnapshot,
  type ExpectedFile,
  type ExportedVariant,
  exportCatalog,
  fixture,
  GOOD_FIXTURES,
  type ImportJson,
  importOk,
  loadExpected,
  localStores,
  MERGED_FORMULAS,
  nativeVariants,
  parseCsv,
  shopifyAxes,
  storedAttributes,
  storedVariants,
  writeCsv,
} from "../helpers/catalog.js";
import { runCli, tempDir } from "../helpers/cli.js";

const expected = loadExpected();
const PLATFORM_EXPORTS = new Set(["shopify-products.csv", "woocommerce-products.csv"]);

const expectedOf = (name: string): ExpectedFile => {
  const e = expected.files[name];
  if (!e) throw new Error(`EXPECTED.json has no entry for ${name}`);
  return e;
};

/** The product a sample belongs to: its handle, or its WooCommerce parent, or (a simple product) its SKU. */
const productKey = (s: { handle?: string; parentSku?: string; sku: string }): string => s.handle ?? s.parentSku ?? `simple:${s.sku}`;

describe("catalog import: the good fixtures into the demo store", () => {
  const tmp = tempDir("merchops-catalog-import-");
  const cwd = tmp.dir;
  let beforeExport: string;
  let beforeDb: string;
  afterAll(() => tmp.cleanup());

  beforeAll(async () => {
    // The first command seeds the demo store; its catalog export is the baseline.
    beforeExport = await exportCatalog(cwd, "before.csv");
    beforeDb = catalogSnapshot(cwd, "demo");
    expect(beforeDb).not.toBe("");
  });

  const dryRuns = new Map<string, ImportJson>();

  it.each(GOOD_FIXTURES)("%s --dry-run: plans every product and variant as new and writes nothing", async (name) => {
    const e = expectedOf(name);
    const json = await importOk(cwd, [fixture(name), "--dry-run"]);
    dryRuns.set(name, json);
    expect(json.dry_run).toBe(true);
    expect(json.applied).toBe(false);
    expect(json.error_count, JSON.stringify(json.issues.filter((i) => i.severity === "error"))).toBe(0);
    // The demo store holds none of the fixtures' SUP- SKUs: everything is new.
    expect(json.products).toEqual({ create: e.products, update: 0, unchanged: 0, delete: 0, skip: 0, error: 0 });
    expect(json.variants).toEqual({ create: e.variants, update: 0, unchanged: 0, delete: 0 });
    expect(json.files).toHaveLength(1);
    expect(json.files[0]?.dialect).toBe(name.startsWith("shopify") ? "shopify" : name.startsWith("woocommerce") ? "woocommerce" : "native");
    expect(catalogSnapshot(cwd, "demo"), "a dry run writes nothing").toBe(beforeDb);
  });

  it("bad/merged-formulas.xlsx --dry-run: one product of three variants, nothing written", async () => {
    const json = await importOk(cwd, [fixture(MERGED_FORMULAS.file), "--dry-run"]);
    expect(json.products.create).toBe(1);
    expect(json.variants.create).toBe(3);
    expect(catalogSnapshot(cwd, "demo")).toBe(beforeDb);
  });

  it("after every dry run the demo catalog exports byte for byte as before", async () => {
    expect(await exportCatalog(cwd, "after-dry.csv")).toBe(beforeExport);
  });

  it.each(GOOD_FIXTURES)("%s: imports for real, creating what the dry run planned", async (name) => {
    const e = expectedOf(name);
    const json = await importOk(cwd, [fixture(name)]);
    expect(json.applied).toBe(true);
    expect(json.error_count).toBe(0);
    expect(json.products).toEqual({ create: e.products, update: 0, unchanged: 0, delete: 0, skip: 0, error: 0 });
    expect(json.variants).toEqual({ create: e.variants, update: 0, unchanged: 0, delete: 0 });
    const dry = dryRuns.get(name);
    if (dry) expect(json.products, "the outcome is what the dry run planned").toEqual(dry.products);
  });

  it("bad/merged-formulas.xlsx: imports for real", async () => {
    const json = await importOk(cwd, [fixture(MERGED_FORMULAS.file)]);
    expect(json.products.create).toBe(1);
    expect(json.variants.create).toBe(3);
  });

  describe("the store then holds the standardized values", () => {
    let exported: Map<string, ExportedVariant>;
    let axes: Map<string, string[]>;
    let attributes: Map<string, Record<string, string>>;
    beforeAll(async () => {
      attributes = storedAttributes(cwd, "demo");
      exported = nativeVariants(parseCsv(await exportCatalog(cwd, "all.csv")));
      axes = shopifyAxes(parseCsv(await exportCatalog(cwd, "all-shopify.csv", { dialect: "shopify" })));
    });

    it.each(GOOD_FIXTURES)("%s: each variant's canonical options, price, compare-at, weight and stock", (name) => {
      const e = expectedOf(name);
      expect(e.samples.length, "EXPECTED lists every variant").toBe(e.variants);
      for (const s of e.samples) {
        const v = exported.get(s.sku);
        expect(v, `${name} row ${s.row}: SKU ${s.sku} is in the store`).toBeDefined();
        const got = v as ExportedVariant;
        const where = `${name} row ${s.row} (${s.sku})`;
        // The canonical values sit beside the display values. Supplier sheets show the canonical
        // values; platform exports keep their own words (issue 11: a store's export is not renamed).
        expect(attributes.get(s.sku), `${where}: canonical attributes`).toEqual(s.options);
        if (PLATFORM_EXPORTS.has(name)) {
          const shown = Object.fromEntries(Object.keys(s.options).map((k) => [k, s.raw[k]]));
          expect(got.options, `${where}: display values as written`).toEqual(shown);
        } else expect(got.options, `${where}: options`).toEqual(s.options);
        expect(got.price, `${where}: price`).toBe(s.price);
        expect(got.compareAtPrice, `${where}: compare-at price`).toBe(s.compareAtPrice);
        expect(got.weightGrams, `${where}: weight`).toBe(s.weightGrams);
        expect(got.inventory, `${where}: stock`).toBe(s.inventory);
        expect(got.currency, `${where}: currency`).toBe(e.currency);
        if (s.handle) expect(got.handle, `${where}: handle`).toBe(s.handle);
      }
    });

    it.each(GOOD_FIXTURES)("%s: variants grouped into the expected products, option axes in canonical order", (name) => {
      const e = expectedOf(name);
      const groups = new Map<string, string[]>();
      for (const s of e.samples) groups.set(productKey(s), [...(groups.get(productKey(s)) ?? []), s.sku]);
      expect(groups.size).toBe(e.products);
      const handles = new Set<string>();
      for (const [key, skus] of groups) {
        const handle = exported.get(skus[0] as string)?.handle as string;
        expect(handle, `${name}: product ${key}`).toBeTruthy();
        handles.add(handle);
        for (const sku of skus) expect(exported.get(sku)?.handle, `${name}: ${sku} belongs with ${skus[0]}`).toBe(handle);
        // No variant from elsewhere under this handle: the product is exactly the file's variants.
        const under = [...exported.values()].filter((v) => v.handle === handle).map((v) => v.sku);
        expect(under.sort(), `${name}: variants of ${handle}`).toEqual([...skus].sort());
        const wanted = e.axes?.[key] ?? e.axesByParentSku?.[key] ?? [];
        // A Shopify export keeps its own option order (Option1, Option2): an export writes them back in place.
        if (name === "shopify-products.csv")
          expect([...(axes.get(handle) ?? [])].sort(), `${name}: option axes of ${handle}`).toEqual([...wanted].sort());
        else expect(axes.get(handle), `${name}: option axes of ${handle}`).toEqual(wanted);
      }
      expect(handles.size, `${name}: one handle per product`).toBe(e.products);
    });

    it("bad/merged-formulas.xlsx: one product of 3 variants, the merged title on each, prices from the cached formula results", () => {
      const handles = new Set<string>();
      for (const want of MERGED_FORMULAS.variants) {
        const v = exported.get(want.sku);
        expect(v, want.sku).toBeDefined();
        handles.add(v?.handle as string);
        expect(v?.title).toBe(MERGED_FORMULAS.title);
        expect(v?.options).toEqual(want.options);
        expect(v?.price).toBe(want.price);
        expect(v?.cost).toBe(want.cost);
      }
      expect(handles.size).toBe(1);
      const handle = [...handles][0] as string;
      expect([...exported.values()].filter((v) => v.handle === handle)).toHaveLength(3);
    });

    it("the demo store's own products are untouched", () => {
      const before = nativeVariants(parseCsv(beforeExport));
      expect(before.size).toBeGreaterThan(0);
      for (const [sku, v] of before) expect(exported.get(sku), sku).toEqual(v);
      const added = GOOD_FIXTURES.reduce((n, f) => n + expectedOf(f).variants, 0) + MERGED_FORMULAS.variants.length;
      expect(exported.size).toBe(before.size + added);
    });
  });
});

describe("catalog import: modes, keyed by handle then SKU", () => {
  const MODES = ["upsert", "create", "update", "replace", "delete"] as const;
  const t = localStores([...MODES, "renamed", "stock"]);
  const cwd = t.dir;
  afterAll(() => t.cleanup());

  const header = ["handle", "title", "description", "sku", "price", "inventory", "Colour", "Size"];
  beforeAll(async () => {
    writeCsv(join(cwd, "base.csv"), [
      header,
      ["tee", "Basic Tee", "Cotton tee", "TEE-RED-S", "59.00", 10, "红色", "S"],
      ["tee", "Basic Tee", "Cotton tee", "TEE-RED-M", "59.00", 11, "red", "中码"],
      ["cap", "Cap", "A cap", "CAP-1", "29.00", 5, "black", "均码"],
    ]);
    // tee: S changes price, M is absent; mug is new; cap is not mentioned.
    writeCsv(join(cwd, "change.csv"), [
      header,
      ["tee", "Basic Tee", "Cotton tee", "TEE-RED-S", "69.00", 10, "Red", "Small"],
      ["mug", "Mug", "A mug", "MUG-1", "39.00", 3, "white", "One Size"],
    ]);
    // One store per case, each starting from base.csv; different stores, so the runs may overlap.
    const runs = await Promise.all([...MODES, "renamed", "stock"].map((store) => importOk(cwd, ["base.csv", "--store", store])));
    for (const json of runs) expect(json.products.create).toBe(2);
  });

  /** SKU -> price (fen) of what a store holds after base.csv then change.csv in each mode. */
  const after: Record<(typeof MODES)[number], Record<string, number>> = {
    upsert: { "TEE-RED-S": 6900, "TEE-RED-M": 5900, "CAP-1": 2900, "MUG-1": 3900 },
    create: { "TEE-RED-S": 5900, "TEE-RED-M": 5900, "CAP-1": 2900, "MUG-1": 3900 },
    update: { "TEE-RED-S": 6900, "TEE-RED-M": 5900, "CAP-1": 2900 },
    replace: { "TEE-RED-S": 6900, "CAP-1": 2900, "MUG-1": 3900 },
    delete: { "CAP-1": 2900 },
  };
  const counts: Record<(typeof MODES)[number], Partial<ImportJson["products"]>> = {
    upsert: { create: 1, update: 1, skip: 0, delete: 0 },
    create: { create: 1, update: 0, skip: 1, delete: 0 },
    update: { create: 0, update: 1, skip: 1, delete: 0 },
    replace: { create: 1, update: 1, skip: 0, delete: 0 },
    delete: { create: 0, update: 0, skip: 1, delete: 1 },
  };

  it.each(MODES)("--mode %s: the plan, the outcome and what the store holds", async (mode) => {
    expect(storedVariants(cwd, mode).get("TEE-RED-S")?.options).toEqual({ colour: "red", size: "S" });
    const snapshot = catalogSnapshot(cwd, mode);

    const dry = await importOk(cwd, ["change.csv", "--store", mode, "--mode", mode, "--dry-run"]);
    expect(dry.products).toMatchObject(counts[mode]);
    expect(catalogSnapshot(cwd, mode), "the dry run wrote nothing").toBe(snapshot);

    const real = await importOk(cwd, ["change.csv", "--store", mode, "--mode", mode]);
    expect(real.products).toMatchObject(counts[mode]);
    expect(real.products, "the outcome is the plan").toEqual(dry.products);

    const held = storedVariants(cwd, mode);
    expect(Object.fromEntries([...held].map(([sku, v]) => [sku, v.price]))).toEqual(after[mode]);
    if (mode === "replace") expect(real.variants.delete, "replace deleted the variant absent from the file").toBe(1);
    if (mode === "delete") expect(real.variants.delete, "both variants of the deleted product").toBe(2);
  });

  it("a product found by SKU under another handle keeps its handle and is counted as updated", async () => {
    writeCsv(join(cwd, "renamed.csv"), [header, ["tee-v2", "Basic Tee", "Cotton tee", "TEE-RED-S", "79.00", 10, "red", "S"]]);
    const json = await importOk(cwd, ["renamed.csv", "--store", "renamed"]);
    const held = storedVariants(cwd, "renamed");
    expect(held.get("TEE-RED-S")).toMatchObject({ handle: "tee", price: 7900 });
    expect(held.get("TEE-RED-M")).toMatchObject({ handle: "tee", price: 5900 });
    expect(json.variants.update).toBe(1);
    expect(json.products, "the product whose price changed was updated, not unchanged").toMatchObject({ update: 1, unchanged: 0 });
  });

  it("a Shopify stock sheet (no price column) updates stock and keeps the store's prices, never 0.00", async () => {
    writeCsv(join(cwd, "stock.csv"), [
      ["Handle", "Title", "Variant SKU", "Variant Inventory Qty"],
      ["tee", "Basic Tee", "TEE-RED-S", 7],
      ["cap", "Cap", "CAP-1", 2],
    ]);
    const json = await importOk(cwd, ["stock.csv", "--store", "stock"]);
    expect(json.warning_count, "the missing price column is said").toBeGreaterThan(0);
    expect(json.variants, "the stock of two variants changed").toMatchObject({ update: 2, create: 0, delete: 0 });
    const held = storedVariants(cwd, "stock");
    expect(held.get("TEE-RED-S")?.price).toBe(5900);
    expect(held.get("CAP-1")?.price).toBe(2900);
    expect(held.get("TEE-RED-M")?.price).toBe(5900);
  });

  it("running the same import twice leaves the store as the first run left it", async () => {
    const snapshot = catalogSnapshot(cwd, "upsert");
    const json = await importOk(cwd, ["change.csv", "--store", "upsert"]);
    expect(json.products).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    expect(json.variants).toMatchObject({ create: 0, update: 0, delete: 0 });
    // updated_at may move only if something changed; nothing did.
    expect(catalogSnapshot(cwd, "upsert")).toBe(snapshot);
  });

  it("an unknown --mode is a usage error (exit 2)", async () => {
    const r = await runCli(["catalog", "import", "change.csv", "--mode", "merge"], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/merge/);
  });
});
