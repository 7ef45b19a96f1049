/**
 * Shopify update sheets (`Handle,Title,Body (HTML)`, `Handle,Tags`, `Handle,Vendor,Type`): product
 * columns only. They update the given fields of products the store has and keep everything else
 * (variants, prices, status); a handle the store lacks is an error naming file, row and column.
 */
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellOf, exportCatalog, importCatalog, importOk, parseCsv } from "../helpers/catalog.js";
import { REPO, tempDir } from "../helpers/cli.js";

const REAL = join(REPO, "fixtures", "catalog", "real-world");
const real = (name: string) => join(REAL, name);

describe("Shopify update sheets against a store that has the products", () => {
  const tmp = tempDir("merchops-update-sheets-");
  const cwd = tmp.dir;
  afterAll(() => tmp.cleanup());
  beforeAll(async () => {
    await importOk(cwd, [real("shopify-2024-current.csv")]);
  });

  const tee = async () => {
    const t = parseCsv(await exportCatalog(cwd, "now.csv", { dialect: "shopify" }));
    const rows = t.rows.filter((r) => cellOf(t, r, "URL handle") === "the-tour-tee");
    const first = rows[0] as string[];
    return {
      title: cellOf(t, first, "Title"),
      description: cellOf(t, first, "Description"),
      vendor: cellOf(t, first, "Vendor"),
      tags: cellOf(t, first, "Tags"),
      status: cellOf(t, first, "Status"),
      variants: rows.map((r) => [cellOf(t, r, "SKU"), cellOf(t, r, "Price")]),
    };
  };

  it("Handle,Tags: read as Shopify; only the tags change, the variants and the status stay", async () => {
    const before = await tee();
    const json = await importOk(cwd, [real("shopify-update-tags.csv")]);
    expect(json.files[0]?.dialect).toBe("shopify");
    // tour-ebook's empty Tags cell changes nothing (blank means no change).
    expect([json.products.update, json.products.unchanged, json.error_count, json.warning_count]).toEqual([1, 1, 0, 0]);
    expect(json.variants).toEqual({ create: 0, update: 0, unchanged: 5, delete: 0 });
    const after = await tee();
    expect(after.tags.split(", ").sort()).toEqual(["sale", "summer", "tee"]);
    expect({ ...after, tags: "" }).toEqual({ ...before, tags: "" });
  });

  it("Handle,Vendor,Type (BOM, CRLF): the vendor changes, nothing else is touched", async () => {
    const json = await importOk(cwd, [real("shopify-update-vendor-type.csv")]);
    expect([json.products.update, json.error_count, json.warning_count]).toEqual([1, 0, 0]);
    expect(json.variants.delete + json.variants.create).toBe(0);
    expect((await tee()).vendor).toBe("Road Crew Merch");
  });

  it("Handle,Title,Body (HTML): a handle the store lacks is refused naming file, row and column; --max-errors lets the rest through", async () => {
    const { r, json } = await importCatalog(cwd, [real("shopify-update-description.csv"), "--dry-run"]);
    expect(r.exitCode).toBe(3);
    expect(json?.issues.filter((i) => i.severity === "error").map((i) => [basename(i.file), i.row, i.column, i.message])).toEqual([
      [
        "shopify-update-description.csv",
        4,
        "Handle",
        'product "not-in-this-store" is not in the store: this sheet has product columns only (no SKU, price or option column), so it can only update products the store has',
      ],
    ]);
    const done = await importCatalog(cwd, [real("shopify-update-description.csv"), "--max-errors", "1"]);
    // Imported with one product left out: exit 3, as any import with errors.
    expect([done.r.exitCode, done.json?.applied, done.json?.products.update, done.json?.products.error]).toEqual([3, true, 2, 1]);
    const after = await tee();
    expect([after.title, after.description]).toEqual(["The Tour Tee (2026)", "<p>Heavy cotton, printed front and back.</p>"]);
    expect(after.variants).toHaveLength(3);
  });

  it("--mode replace does not take the sheet's (absent) variants: the store's stay", async () => {
    const json = await importOk(cwd, [real("shopify-update-tags.csv"), "--mode", "replace", "--dry-run"]);
    expect(json.variants.delete).toBe(0);
  });
});

describe("Shopify update sheets against an empty store", () => {
  const tmp = tempDir("merchops-update-sheets-empty-");
  afterAll(() => tmp.cleanup());
  it("every product is an error: nothing to create a product from", async () => {
    const { r, json } = await importCatalog(tmp.dir, [real("shopify-update-tags.csv"), "--dry-run", "--store", "demo"]);
    expect(r.exitCode).toBe(3);
    expect(json?.products.error).toBe(2);
  });
});
