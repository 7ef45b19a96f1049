/**
 * Import -> export -> import, per dialect (native, Shopify, WooCommerce), end to end: every good
 * fixture goes into an empty local store in one run; its export in dialect D feeds a second empty
 * store, which must then hold the same catalog; and the export imported back into the first store
 * must change nothing.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  catalogSnapshot,
  exportCatalog,
  fixture,
  GOOD_FIXTURES,
  importOk,
  loadExpected,
  localStores,
  MERGED_FORMULAS,
  parseCsv,
  storedVariants,
  withoutHandles,
  writeCsv,
} from "../helpers/catalog.js";

const DIALECTS = ["native", "shopify", "woocommerce"] as const;
type Dialect = (typeof DIALECTS)[number];

const expected = loadExpected();
const PRODUCTS = GOOD_FIXTURES.reduce((n, f) => n + (expected.files[f]?.products ?? Number.NaN), 0) + 1;
const VARIANTS = GOOD_FIXTURES.reduce((n, f) => n + (expected.files[f]?.variants ?? Number.NaN), 0) + MERGED_FORMULAS.variants.length;

const t = localStores(["source", ...DIALECTS.map((d) => `via-${d}`), "guarded", "guarded-copy", "multiline"]);
const cwd = t.dir;
afterAll(() => t.cleanup());

/**
 * WooCommerce's CSV has no handle column, so a store fed a WooCommerce export derives handles from
 * titles: for that dialect two stores are compared product by product (grouped by SKUs) without the
 * handle. The other dialects carry the handle and must match exactly.
 */
function sameCatalog(d: Dialect, a: string, b: string, columns?: { handle: string; sku: string }): void {
  if (d === "woocommerce") expect(withoutHandles(parseCsv(b), columns)).toEqual(withoutHandles(parseCsv(a), columns));
  else expect(b).toBe(a);
}
const SHOPIFY_KEYS = { handle: "URL handle", sku: "SKU" };

/** A Shopify export's images per variant row: handle, SKU, product image, its position, variant image. */
function imagesOf(csv: string): string[] {
  const t = parseCsv(csv);
  const at = ["URL handle", "SKU", "Product image URL", "Image position", "Variant image URL"].map((h) => t.header.indexOf(h));
  return t.rows.map((r) => at.map((i) => r[i] ?? "").join("|")).sort();
}

describe("catalog round trip: import -> export -> import", () => {
  let sourceNative: string;
  let sourceShopify: string;
  beforeAll(async () => {
    const json = await importOk(cwd, [...GOOD_FIXTURES.map(fixture), fixture(MERGED_FORMULAS.file), "--store", "source"]);
    expect(json.files).toHaveLength(GOOD_FIXTURES.length + 1);
    expect(json.products.create).toBe(PRODUCTS);
    expect(json.variants.create).toBe(VARIANTS);
    sourceNative = await exportCatalog(cwd, "source.csv", { store: "source" });
    sourceShopify = await exportCatalog(cwd, "source-shopify.csv", { store: "source", dialect: "shopify" });
  });

  describe.each(DIALECTS)("%s", (d) => {
    const exported = `export-${d}.csv`;
    // A native file is read as a supplier sheet: its values are standardized (Gray -> grey). The
    // store holds platform products whose own words must stay, so its native export goes back with
    // --standardize keep; platform exports keep their words by default.
    const keep = d === "native" ? ["--standardize", "keep"] : [];

    it("the export, imported into an empty store, gives the same catalog (native export of both)", async () => {
      await exportCatalog(cwd, exported, { store: "source", dialect: d });
      const json = await importOk(cwd, [exported, "--store", `via-${d}`, ...keep]);
      expect(json.error_count).toBe(0);
      expect(json.products.create).toBe(PRODUCTS);
      expect(json.variants.create).toBe(VARIANTS);
      sameCatalog(d, sourceNative, await exportCatalog(cwd, `via-${d}.csv`, { store: `via-${d}` }));
    });

    it("product images survive too (Shopify export of both)", async () => {
      const viaShopify = await exportCatalog(cwd, `via-${d}-shopify.csv`, { store: `via-${d}`, dialect: "shopify" });
      // The native layout names and orders attribute columns by the dictionary (Colour, then Size),
      // not by each store's options (Size, Color): through it only values and images are compared.
      if (d === "native") expect(imagesOf(viaShopify)).toEqual(imagesOf(sourceShopify));
      else sameCatalog(d, sourceShopify, viaShopify, SHOPIFY_KEYS);
    });

    it("the export imported back into the first store: every product unchanged, nothing written", async () => {
      const before = catalogSnapshot(cwd, "source");
      const json = await importOk(cwd, [exported, "--store", "source", ...keep]);
      expect(json.changes, "no field changes").toEqual([]);
      expect(json.products).toEqual({ create: 0, update: 0, unchanged: PRODUCTS, delete: 0, skip: 0, error: 0 });
      expect(json.variants).toEqual({ create: 0, update: 0, unchanged: VARIANTS, delete: 0 });
      expect(catalogSnapshot(cwd, "source")).toBe(before);
    });
  });

  it("text that looks like a formula (title '+Plus Tee', vendor '@home', tag '-sale') survives the round trip", async () => {
    writeCsv(join(cwd, "guarded.csv"), [
      ["handle", "title", "description", "vendor", "tags", "sku", "price", "Colour", "Size"],
      ["plus-tee", "+Plus Tee", "- 100% cotton", "@home", "-sale, new", "PLUS-S", "59.00", "red", "S"],
      ["plus-tee", "+Plus Tee", "- 100% cotton", "@home", "-sale, new", "PLUS-M", "59.00", "red", "M"],
    ]);
    await importOk(cwd, ["guarded.csv", "--store", "guarded"]);
    const first = await exportCatalog(cwd, "guarded-export.csv", { store: "guarded" });
    expect(first, "the export neutralizes the cells").toContain("'+Plus Tee");
    const back = await importOk(cwd, ["guarded-export.csv", "--store", "guarded", "--dry-run"]);
    expect(back.changes, "re-importing the export changes nothing").toEqual([]);
    expect(back.products).toMatchObject({ unchanged: 1, update: 0 });
    // A second store fed the export holds the original text, not the neutralized one.
    await importOk(cwd, ["guarded-export.csv", "--store", "guarded-copy"]);
    expect(storedVariants(cwd, "guarded-copy").get("PLUS-S")?.title).toBe("+Plus Tee");
  });

  it("a description with line breaks survives the round trip (the export quotes it)", async () => {
    const description = "Soft cotton.\nMachine wash cold.";
    writeCsv(join(cwd, "multiline.csv"), [
      ["handle", "title", "description", "sku", "price", "Colour", "Size"],
      ["ml-tee", "ML Tee", description, "ML-S", "59.00", "red", "S"],
      ["ml-tee", "ML Tee", description, "ML-M", "59.00", "red", "M"],
    ]);
    await importOk(cwd, ["multiline.csv", "--store", "multiline"]);
    const exported = await exportCatalog(cwd, "multiline-export.csv", { store: "multiline" });
    // RFC 4180: a field holding a line break is quoted (a bare LF in an unquoted field splits the row for most readers).
    expect(exported).toContain(`"${description}"`);
    const table = parseCsv(exported);
    expect(table.rows, "two variant rows").toHaveLength(2);
    for (const row of table.rows) expect(row[table.header.indexOf("description")]).toBe(description);
    const back = await importOk(cwd, ["multiline-export.csv", "--store", "multiline", "--dry-run"]);
    expect(back.products).toMatchObject({ unchanged: 1, update: 0, error: 0 });
  });
});
