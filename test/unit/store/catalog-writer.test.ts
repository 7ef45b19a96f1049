/**
 * The catalog import's seam to the state store (src/store/catalog-writer.ts), on SQLite and on
 * PostgreSQL (the test cluster): runs are
 * opened and resumed by their input, a batch lands with its journal or not at all, and the local
 * catalog reads back what was written, variants in order.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Product } from "../../../src/core/model.js";
import { productRow, type VariantValues, variantRows } from "../../../src/store/catalog-rows.js";
import type { CatalogStoreWriter, ImportRunKey } from "../../../src/store/catalog-writer.js";
import { catalogWriterFor } from "../../../src/store/catalog-writer-sqlite.js";
import { LocalData } from "../../../src/store/local-data.js";
import { parseStateLocation } from "../../../src/store/location.js";
import { StateStore } from "../../../src/store/state-store.js";
import { tempDir } from "../../helpers/cli.js";
import { freshDatabase } from "../../helpers/pg.js";

const KEY: ImportRunKey = { store: "shop", job: "catalog import", fingerprint: "abc", mode: "upsert" };

const product = (handle: string, skus: string[], price = 1000): Product => ({
  id: "",
  handle,
  title: `Title of ${handle}`,
  status: "active",
  options: ["size"],
  variants: skus.map((sku, i) => ({ sku, options: { size: `S${i}` }, price: price + i, currency: "CNY" })),
});

type Opened = { state: StateStore; writer: CatalogStoreWriter };

// The same seam on both backends: SQLite's own writer, and the one over SQL that a PostgreSQL state uses.
const BACKENDS: [string, () => Promise<Opened>][] = [
  [
    "SQLite",
    async () => {
      const state = StateStore.openSqlite(":memory:");
      return { state, writer: catalogWriterFor(state, "shop") };
    },
  ],
  [
    "PostgreSQL",
    async () => {
      const location = parseStateLocation(await freshDatabase("writer"), "/");
      const fresh = await StateStore.open(location, { migrations: "none" });
      await fresh.migrate("test");
      return { state: fresh, writer: catalogWriterFor(fresh, "shop") };
    },
  ],
];

describe.each(BACKENDS)("%s catalog writer", (_name, openBackend) => {
  const opened: StateStore[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close();
  });
  const open = async (): Promise<Opened> => {
    const o = await openBackend();
    opened.push(o.state);
    return o;
  };
  it("opens a new run, and with --resume the newest unfinished run of the same input", async () => {
    const { writer } = await open();
    const first = await writer.beginRun(KEY, false, 1);
    expect(first).toEqual({ runId: 1, resumed: false });
    await writer.finishRun(first.runId, "interrupted", 2);
    // Without --resume: a new run, naming the one left behind.
    expect(await writer.beginRun(KEY, false, 3)).toEqual({ runId: 2, resumed: false, unfinished: 1 });
    await writer.finishRun(2, "failed", 4);
    expect(await writer.beginRun(KEY, true, 5)).toEqual({ runId: 2, resumed: true });
    await writer.finishRun(2, "finished", 6);
    // Another input is another run.
    expect(await writer.beginRun({ ...KEY, fingerprint: "other" }, true, 7)).toEqual({ runId: 3, resumed: false });
  });

  it("writes a batch with its journal; the journal answers what the run applied", async () => {
    const { state, writer } = await open();
    expect(await writer.hasProducts()).toBe(false);
    const { runId } = await writer.beginRun(KEY, false, 1);
    await writer.writeBatch(runId, {
      upserts: [
        { product: product("tee", ["T-1", "T-2", "T-3"]), id: "tee", isNew: true },
        { product: product("cap", ["C-1"]), id: "cap", isNew: true },
      ],
      deletes: [],
      journal: [
        { key: "tee", status: "created", remoteId: "tee", message: null },
        { key: "cap", status: "created", remoteId: "cap", message: null },
      ],
    });
    expect(await writer.hasProducts()).toBe(true);
    expect(await writer.journaled(runId, ["tee", "cap", "mug"])).toEqual(
      new Map([
        ["tee", "created"],
        ["cap", "created"],
      ]),
    );
    const found = await writer.existingProducts([], ["T-2"]);
    expect(found.map((p) => [p.handle, p.variants.map((v) => v.sku)])).toEqual([["tee", ["T-1", "T-2", "T-3"]]]);
    expect(await new LocalData(state, "shop").catalogCounts()).toEqual({ products: 2, variants: 4 });

    // An update replaces the variants; a delete removes the product; both journaled.
    await writer.writeBatch(runId, {
      upserts: [{ product: product("tee", ["T-3", "T-1"], 2000), id: "tee", isNew: false }],
      deletes: ["cap"],
      journal: [
        { key: "tee", status: "updated", remoteId: "tee", message: null },
        { key: "cap", status: "deleted", remoteId: null, message: null },
      ],
    });
    const [tee] = await writer.existingProducts(["tee"], []);
    expect(tee?.variants.map((v) => [v.sku, v.price])).toEqual([
      ["T-3", 2000],
      ["T-1", 2001],
    ]);
    expect(await writer.existingProducts(["cap"], [])).toEqual([]);
    expect((await writer.journaled(runId, ["tee", "cap"])).get("cap")).toBe("deleted");
  });

  it("a batch that fails leaves neither products nor journal entries", async () => {
    const { writer } = await open();
    const { runId } = await writer.beginRun(KEY, false, 1);
    const broken = { ...product("bad", ["B-1"]), title: null as unknown as string };
    await expect(
      Promise.resolve().then(() =>
        writer.writeBatch(runId, {
          upserts: [
            { product: product("good", ["G-1"]), id: "good", isNew: true },
            { product: broken, id: "bad", isNew: true },
          ],
          deletes: [],
          journal: [{ key: "good", status: "created", remoteId: "good", message: null }],
        }),
      ),
    ).rejects.toThrow();
    expect(await writer.hasProducts()).toBe(false);
    expect((await writer.journaled(runId, ["good"])).size).toBe(0);
  });

  it("journals a remote batch on its own", async () => {
    const { writer } = await open();
    const { runId } = await writer.beginRun(KEY, false, 1);
    await writer.journalBatch(runId, [{ key: "tee", status: "failed", remoteId: null, message: "429" }]);
    await writer.journalBatch(runId, [{ key: "tee", status: "created", remoteId: "gid://1", message: null }]);
    expect(await writer.journaled(runId, ["tee"])).toEqual(new Map([["tee", "created"]]));
  });
});

// Only SQLite's writer (on a file: a second connection reads what is committed) runs a whole import in one transaction.
describe("SQLite catalog writer: the import in one transaction", () => {
  const tmp = tempDir("merchops-writer-atomic-");
  afterAll(() => tmp.cleanup());
  let n = 0;
  const open = () => {
    const state = StateStore.openSqlite(join(tmp.dir, `state-${++n}.db`));
    const writer = catalogWriterFor(state, "shop");
    return {
      state,
      writer,
      atomically: writer.atomically as NonNullable<CatalogStoreWriter["atomically"]>,
      insertNew: (writer.insertNew as NonNullable<CatalogStoreWriter["insertNew"]>).bind(writer),
      committed: (writer.committedProducts as NonNullable<CatalogStoreWriter["committedProducts"]>).bind(writer),
    };
  };
  const rows = (p: Product) => ({ product: productRow(p, p.handle), variants: variantRows(p, p.handle) });
  const runs = (state: StateStore) => (state.db.prepare("SELECT count(*) AS n FROM import_runs").get() as { n: number }).n;

  it("new products land together at the commit, with no journal rows; until then the check's lookups see the store as it was", async () => {
    const { state, writer, atomically, insertNew, committed } = open();
    const cacheBefore = state.db.pragma("cache_size", { simple: true });
    await writer.writeBatch((await writer.beginRun({ ...KEY, fingerprint: "before" }, false, 1)).runId, {
      upserts: [{ product: product("old", ["O-1"]), id: "old", isNew: true }],
      deletes: [],
      journal: [],
    });
    let runId = 0;
    const applied = await atomically(async () => {
      runId = (await writer.beginRun(KEY, false, 2)).runId;
      await insertNew(runId, [rows(product("a", ["A-1", "A-2"])), rows(product("c", ["C-1", "C-2", "C-3"]))]);
      // The import's own connection sees its rows; the check's lookups do not.
      expect((await writer.existingProducts(["a"], [])).map((p) => p.handle)).toEqual(["a"]);
      expect(await committed(["a", "old"], ["C-1"])).toMatchObject([{ handle: "old" }]);
      await writer.finishRun(runId, "finished", 3);
      return true;
    });
    expect(applied).toBe(true);
    const stored = await writer.existingProducts(["a", "c"], []);
    expect(stored.map((p) => [p.handle, p.variants.map((v) => v.sku)])).toEqual([
      ["a", ["A-1", "A-2"]],
      ["c", ["C-1", "C-2", "C-3"]],
    ]);
    // No journal rows: a transaction that commits whole is never resumed.
    expect((await writer.journaled(runId, ["a", "c"])).size).toBe(0);
    // The foreign key is on again after the import, and the page cache its usual size.
    expect(state.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(state.db.pragma("cache_size", { simple: true })).toBe(cacheBefore);
    await state.close();
  });

  it("a refused or failing import is rolled back whole: no product, no run", async () => {
    const { state, writer, atomically, insertNew } = open();
    const refused = await atomically(async () => {
      const { runId } = await writer.beginRun(KEY, false, 1);
      await insertNew(runId, [rows(product("a", ["A-1"]))]);
      await writer.writeBatch(runId, { upserts: [{ product: product("b", ["B-1"]), id: "b", isNew: true }], deletes: [], journal: [] });
      return false;
    });
    expect(refused).toBe(false);
    await expect(
      atomically(async () => {
        const { runId } = await writer.beginRun(KEY, false, 1);
        await insertNew(runId, [rows(product("a", ["A-1"]))]);
        throw new Error("interrupted");
      }),
    ).rejects.toThrow("interrupted");
    expect(await new LocalData(state, "shop").catalogCounts()).toEqual({ products: 0, variants: 0 });
    expect(runs(state)).toBe(0);
    await state.close();
  });

  it("refuses a new product's variant that names another product (the foreign key is off during the import): nothing written", async () => {
    const { state, writer, atomically, insertNew } = open();
    const a = rows(product("a", ["A-1"]));
    const stray = (a.variants[0] as VariantValues).slice() as VariantValues;
    stray[2] = "nowhere";
    await expect(
      atomically(async () => {
        await insertNew((await writer.beginRun(KEY, false, 1)).runId, [{ product: a.product, variants: [stray] }]);
        return true;
      }),
    ).rejects.toThrow(/names product "nowhere"/);
    expect(await new LocalData(state, "shop").catalogCounts()).toEqual({ products: 0, variants: 0 });
    await state.close();
  });

  it("is not offered for an in-memory state, which no second connection can read", () => {
    expect(catalogWriterFor(StateStore.openSqlite(":memory:"), "shop").atomically).toBeUndefined();
  });
});
