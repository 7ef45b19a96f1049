/**
 * `catalog import --resume`, end to end: a generated native catalog of 20,000 variants goes into an
 * empty local store in batches of 50 products; the import is killed (SIGKILL) or interrupted
 * (SIGINT) once the state store shows a checkpointed batch, and `--resume` must finish it without
 * duplicates, leaving exactly the input in the store (checked against the generated file, parsed here).
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeNativeCatalogCsv } from "../../scripts/lib/catalog-bench-data.js";
import {
  expectOneErrorWithHint,
  gramsOf,
  importCatalog,
  importOk,
  localStores,
  minorUnits,
  readCsv,
  stateDb,
  storedVariants,
  writeCsv,
} from "../helpers/catalog.js";
import { BIN, DEMO_NOW, tempDir } from "../helpers/cli.js";

const VARIANTS = 20_000;
const SEED = 424242;
const BATCH = 50;

/** The bench generator's spellings of each canonical colour and size (its first spelling is canonical). */
const COLOUR_SPELLINGS: Record<string, string[]> = {
  black: ["黑色", "Black"],
  white: ["白色", "WHITE"],
  red: ["红色", "大红", "RED"],
  navy: ["藏青", "Navy Blue"],
  grey: ["灰色", "Gray"],
  burgundy: ["酒红", "Burgundy"],
  khaki: ["卡其色", "Khaki"],
  green: ["绿色", "Green"],
};
const SIZE_SPELLINGS: Record<string, string[]> = {
  S: ["小码", "Small"],
  M: ["中码", "Medium"],
  L: ["大码", "Large"],
  XL: ["加大码", "X-Large"],
  XXL: ["2XL", "加加大"],
};
const canonical = (spellings: Record<string, string[]>, raw: string): string => {
  for (const [value, others] of Object.entries(spellings)) if (raw === value || others.includes(raw)) return value;
  throw new Error(`the generator wrote a spelling this test does not know: ${raw}`);
};

interface InputVariant {
  handle: string;
  price: number;
  weightGrams: number | null;
  options: { colour: string; size: string };
}

const data = tempDir("merchops-catalog-resume-data-");
const BIG = join(data.dir, "big.csv");
/** The generated file as this test reads it: SKU -> what the store must hold. */
const input = new Map<string, InputVariant>();
let products = 0;
afterAll(() => data.cleanup());

beforeAll(async () => {
  const made = await writeNativeCatalogCsv(BIG, VARIANTS, SEED);
  expect(made.variants).toBe(VARIANTS);
  const table = readCsv(BIG);
  const col = (name: string) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new Error(`big.csv has no ${name} column`);
    return i;
  };
  const [sku, handle, price, weight, colour, size] = ["sku", "handle", "price", "weight", "Colour", "Size"].map(col) as number[];
  for (const row of table.rows) {
    const cell = (i: number | undefined) => row[i as number] ?? "";
    input.set(cell(sku), {
      handle: cell(handle),
      price: minorUnits(cell(price)) as number,
      weightGrams: gramsOf(cell(weight)),
      options: { colour: canonical(COLOUR_SPELLINGS, cell(colour)), size: canonical(SIZE_SPELLINGS, cell(size)) },
    });
  }
  expect(input.size).toBe(VARIANTS);
  products = new Set([...input.values()].map((v) => v.handle)).size;
});

const journaled = (cwd: string): number => {
  const db = new Database(stateDb(cwd), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM import_items").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/**
 * Starts the import and sends `signal` as soon as the state store shows a journaled batch. Returns
 * whether the signal went to a still-running import (false: it finished before any checkpoint showed).
 */
async function interruptOnceCheckpointed(cwd: string, signal: "SIGKILL" | "SIGINT") {
  const child = execa("node", [BIN, "catalog", "import", BIG, "--json"], {
    cwd,
    reject: false,
    stdin: "ignore",
    env: { NO_COLOR: "1", MERCHOPS_NOW: DEMO_NOW },
    timeout: 300_000,
  });
  let exited = false;
  void child.then(() => {
    exited = true;
  });
  let db: Database.Database | undefined;
  let seen = 0;
  try {
    while (!exited && seen === 0) {
      await new Promise((r) => setTimeout(r, 5));
      try {
        db ??= new Database(stateDb(cwd), { readonly: true, fileMustExist: true });
        seen = (db.prepare("SELECT COUNT(*) AS n FROM import_items").get() as { n: number }).n;
      } catch {
        // The state file or its tables do not exist yet.
      }
    }
  } finally {
    db?.close();
  }
  const interrupted = !exited;
  if (interrupted) child.kill(signal);
  const r = await child;
  return { r, interrupted, seen };
}

/** The store holds exactly the generated input: every SKU once, under its product, with its price, weight and canonical options. */
function expectStoreHoldsInput(cwd: string): void {
  const held = storedVariants(cwd, "shop");
  expect(held.size).toBe(VARIANTS);
  const handles = new Set<string>();
  for (const [sku, want] of input) {
    const got = held.get(sku);
    if (!got) throw new Error(`SKU ${sku} is missing from the store`);
    handles.add(got.handle);
    const same =
      got.handle === want.handle &&
      got.price === want.price &&
      got.weightGrams === want.weightGrams &&
      got.options.colour === want.options.colour &&
      got.options.size === want.options.size &&
      Object.keys(got.options).length === 2;
    if (!same) {
      expect({ sku, handle: got.handle, price: got.price, weightGrams: got.weightGrams, options: got.options }).toEqual({ sku, ...want });
    }
  }
  expect(handles.size).toBe(products);
}

describe("catalog import --resume after a crash or Ctrl-C (20,000 variants, batches of 50)", () => {
  it("SIGKILL mid-import, then --resume: finishes without duplicates, the store holds exactly the input", async () => {
    const t = localStores(["shop"], { batchSize: BATCH });
    try {
      const { r, interrupted, seen } = await interruptOnceCheckpointed(t.dir, "SIGKILL");
      expect(seen, `the first checkpoint seen covers a batch (${BATCH} products), not all ${products} at once`).toBeLessThan(products);
      expect(interrupted).toBe(true);
      expect(r.signal).toBe("SIGKILL");
      const done = journaled(t.dir);
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(products);
      expect(storedVariants(t.dir, "shop").size).toBeLessThan(VARIANTS);

      const json = await importOk(t.dir, [BIG, "--resume"]);
      expect(json.resumed_run).not.toBeNull();
      expect(json.resumed_skipped).toBe(done);
      expect(json.error_count).toBe(0);
      // A batch written but not yet journaled when the process died is found again and left unchanged.
      expect(json.products.update).toBe(0);
      expect(json.products.create + json.products.unchanged + json.resumed_skipped).toBe(products);
      expectStoreHoldsInput(t.dir);
    } finally {
      t.cleanup();
    }
  });

  it("SIGINT mid-import: the batch in flight is finished and checkpointed, exit 130 naming --resume; --resume finishes", async () => {
    const t = localStores(["shop"], { batchSize: BATCH });
    try {
      const { r, interrupted, seen } = await interruptOnceCheckpointed(t.dir, "SIGINT");
      expect(seen, `the first checkpoint seen covers a batch (${BATCH} products), not all ${products} at once`).toBeLessThan(products);
      expect(interrupted).toBe(true);
      expect(r.exitCode, r.stderr).toBe(130);
      expectOneErrorWithHint(r.stderr);
      expect(r.stderr).toContain("--resume");
      const done = journaled(t.dir);
      expect(done).toBeGreaterThan(0);
      // Everything written is journaled: no batch is left half-recorded by Ctrl-C.
      const held = storedVariants(t.dir, "shop");
      expect(new Set([...held.values()].map((v) => v.handle)).size).toBe(done);

      const json = await importOk(t.dir, [BIG, "--resume"]);
      expect(json.resumed_run).not.toBeNull();
      expect(json.resumed_skipped).toBe(done);
      expect(json.products).toMatchObject({ create: products - done, update: 0, unchanged: 0, error: 0 });
      expectStoreHoldsInput(t.dir);
    } finally {
      t.cleanup();
    }
  });

  it("--resume with no unfinished import of these files: a warning, then an ordinary import", async () => {
    const t = localStores(["shop"], { batchSize: BATCH });
    try {
      writeCsv(join(t.dir, "small.csv"), [
        ["handle", "title", "description", "sku", "price", "Colour", "Size"],
        ["one", "One", "The only product", "ONE-S", "10.00", "red", "S"],
      ]);
      const { r, json } = await importCatalog(t.dir, ["small.csv", "--resume"]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/warning:.*--resume/);
      expect(json?.resumed_run).toBeNull();
      expect(json?.products.create).toBe(1);
    } finally {
      t.cleanup();
    }
  });
});
