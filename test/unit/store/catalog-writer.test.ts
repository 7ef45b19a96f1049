/**
 * The catalog import's seam to the state store (src/store/catalog-writer.ts), on SQLite and on
 * PostgreSQL (the test cluster): runs are
 * opened and resumed by their input, a batch lands with its journal or not at all, and the local
 * catalog reads back what was written, variants in order.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Product } from "../../../src/core/model.js";
import { productRow, type VariantValues, variantRows } from "../../../src/store/catalog-rows.js";
import type { CatalogStoreWriter, ImportRunKey } from "../../../src/store/catalog-writer.js";
import { catalogWriterFor } from "../../../src/store/catalog-writer-sqlite.js";
import { LocalData } from "../../../src/store/local-data.js";
import { parseStateLocation } from "../../../src/store/location.js";
import { StateStore } from "../../../src/store/state-store.js";
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

// Only SQLite's writer stages products in the database (the writer over SQL has no stage).
describe("SQLite catalog writer: the stage", () => {
  const open = async (): Promise<Opened> => (BACKENDS[0] as [string, () => Promise<Opened>])[1]();
  {
    const staged = (fi: number, p: Product, state: "new" | "recheck" | "bad") => ({
      fi,
      handle: p.handle,
      state,
      values: { product: productRow(p, p.handle), variants: variantRows(p, p.handle) },
      rows: p.variants.map((_, i) => 10 + i),
    });

    it("applies a batch of new products with their journal; nothing is in the catalog before", async () => {
      const { state, writer } = await open();
      const stage = await (writer.openStage as NonNullable<CatalogStoreWriter["openStage"]>)();
      const a = product("a", ["A-1", "A-2"]);
      const b = product("b", ["B-1"]);
      const c = product("c", ["C-1", "C-2", "C-3"]);
      await stage.add([staged(0, a, "new"), staged(0, b, "bad"), staged(0, c, "new")]);
      expect(await stage.size()).toBe(3);
      expect(await new LocalData(state, "shop").catalogCounts()).toEqual({ products: 0, variants: 0 });
      const { runId } = await writer.beginRun(KEY, false, 1);
      // The bad one is left out; its neighbours' variants are not mixed up with its own.
      expect(await stage.apply(runId, 1, 3, { upserts: [], deletes: [], journal: [] })).toEqual({ products: 2, variants: 5 });
      const stored = await writer.existingProducts(["a", "b", "c"], []);
      expect(stored.map((p) => [p.handle, p.variants.map((v) => v.sku)])).toEqual([
        ["a", ["A-1", "A-2"]],
        ["c", ["C-1", "C-2", "C-3"]],
      ]);
      expect(await writer.journaled(runId, ["a", "b", "c"])).toEqual(
        new Map([
          ["a", "created"],
          ["c", "created"],
        ]),
      );
    });

    it("applies a variant staged under another product's id with the foreign key checked: one naming no product is refused, nothing written", async () => {
      const { state, writer } = await open();
      const stage = await (writer.openStage as NonNullable<CatalogStoreWriter["openStage"]>)();
      const a = staged(0, product("a", ["A-1"]), "new");
      const stray = (a.values.variants[0] as VariantValues).slice() as VariantValues;
      stray[2] = "nowhere";
      await stage.add([{ ...a, values: { product: a.values.product, variants: [stray] } }]);
      const { runId } = await writer.beginRun(KEY, false, 1);
      await expect(Promise.resolve().then(() => stage.apply(runId, 1, 1, { upserts: [], deletes: [], journal: [] }))).rejects.toThrow(
        /FOREIGN KEY/,
      );
      expect(await new LocalData(state, "shop").catalogCounts()).toEqual({ products: 0, variants: 0 });
      expect((await writer.journaled(runId, ["a"])).size).toBe(0);
    });

    it("reads back every staged product for the results, the rechecked one as a Product, the journaled one with its status", async () => {
      const { writer } = await open();
      const stage = await (writer.openStage as NonNullable<CatalogStoreWriter["openStage"]>)();
      const a = product("a", ["A-1"]);
      const b = product("b", ["B-1", "B-2"], 500);
      await stage.add([staged(0, a, "new"), staged(1, b, "recheck")]);
      const { runId } = await writer.beginRun(KEY, false, 1);
      await writer.journalBatch(runId, [{ key: "a", status: "created", remoteId: "a", message: null }]);
      expect(await stage.markJournaled(runId, 1, 2)).toBe(1);
      const records = await stage.records(runId, 1, 2, true);
      expect(records.map((r) => [r.seq, r.fi, r.handle, r.state, r.rows, r.skus, r.status])).toEqual([
        [1, 0, "a", "journaled", [10], ["A-1"], "created"],
        [2, 1, "b", "recheck", [10, 11], ["B-1", "B-2"], undefined],
      ]);
      expect(records[1]?.product?.variants.map((v) => [v.sku, v.price, v.options])).toEqual([
        ["B-1", 500, { size: "S0" }],
        ["B-2", 501, { size: "S1" }],
      ]);
      // Without `all`, only the products that are not plain new ones.
      expect((await stage.records(runId, 1, 2, false)).map((r) => r.handle)).toEqual(["a", "b"]);
      // A journaled product is not written again; the rechecked one is the caller's to write.
      expect(await stage.apply(runId, 1, 2, { upserts: [], deletes: [], journal: [] })).toEqual({ products: 0, variants: 0 });
    });
  }
});
