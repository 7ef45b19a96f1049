/**
 * `catalog import` killed or interrupted midway, end to end: a generated native catalog of 20,000
 * variants goes into an empty local store. A local SQLite store takes the whole import in one
 * transaction, written as it is checked; the import is killed (SIGKILL) or interrupted (SIGINT) at
 * 30% of it (seen in its results file), and the store must then hold nothing of it, while `--resume` (or the same command again) imports all of it
 * without duplicates, leaving exactly the input in the store (checked against the generated file,
 * parsed here).
 */
import { readdirSync, readFileSync } from "node:fs";
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

const count = (cwd: string, table: string): number => {
  const db = new Database(stateDb(cwd), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/**
 * Starts the import with a results file and sends `signal` once the results' temp file holds 30% of
 * the input's rows: a local store's import writes each product's results row right after writing the
 * product in its transaction, so that far into the file the transaction is open and a third written.
 * Returns whether the signal went to a still-running import (false: it finished first).
 */
async function interruptAt30Percent(cwd: string, signal: "SIGKILL" | "SIGINT") {
  const child = execa("node", [BIN, "catalog", "import", BIG, "--json", "--results", "results.csv"], {
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
  const rowsWritten = () => {
    const temp = readdirSync(cwd).find((f) => f.startsWith(".results.csv.") && f.endsWith(".tmp"));
    if (temp === undefined) return 0;
    try {
      return readFileSync(join(cwd, temp), "utf8").split("\n").length - 2;
    } catch {
      return 0;
    }
  };
  while (!exited && rowsWritten() < VARIANTS * 0.3) await new Promise((r) => setTimeout(r, 5));
  const interrupted = !exited;
  if (interrupted) child.kill(signal);
  const r = await child;
  return { r, interrupted };
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

describe("catalog import killed or interrupted at 30% (20,000 variants, one transaction)", () => {
  it("SIGKILL at 30%: nothing of it is in the store; --resume imports it all, without duplicates", async () => {
    const t = localStores(["shop"]);
    try {
      const { r, interrupted } = await interruptAt30Percent(t.dir, "SIGKILL");
      expect(interrupted, "the import was still running at 30%").toBe(true);
      expect(r.signal).toBe("SIGKILL");
      // The transaction never committed: no product, no journal, not even the run.
      expect(storedVariants(t.dir, "shop").size).toBe(0);
      expect(count(t.dir, "import_items")).toBe(0);
      expect(count(t.dir, "import_runs")).toBe(0);

      const { r: again, json } = await importCatalog(t.dir, [BIG, "--resume"]);
      expect(again.exitCode, again.stderr).toBe(0);
      // Nothing to continue: said so, then the whole input, once.
      expect(again.stderr).toMatch(/warning:.*--resume/);
      expect(json?.resumed_run).toBeNull();
      expect(json?.products).toMatchObject({ create: products, update: 0, unchanged: 0, error: 0 });
      // An import in one transaction is never resumed: it journals no items.
      expect(count(t.dir, "import_items")).toBe(0);
      expectStoreHoldsInput(t.dir);
    } finally {
      t.cleanup();
    }
  });

  it("SIGINT at 30%: exit 130 saying nothing was written, the store untouched; the same command again imports it all", async () => {
    const t = localStores(["shop"]);
    try {
      const { r, interrupted } = await interruptAt30Percent(t.dir, "SIGINT");
      expect(interrupted, "the import was still running at 30%").toBe(true);
      expect(r.exitCode, r.stderr).toBe(130);
      expectOneErrorWithHint(r.stderr);
      expect(r.stderr).toContain("nothing was written");
      expect(storedVariants(t.dir, "shop").size).toBe(0);
      expect(count(t.dir, "import_runs")).toBe(0);

      const json = await importOk(t.dir, [BIG]);
      expect(json.resumed_run).toBeNull();
      expect(json.products).toMatchObject({ create: products, update: 0, unchanged: 0, error: 0 });
      expectStoreHoldsInput(t.dir);
    } finally {
      t.cleanup();
    }
  });

  it("--resume with no unfinished import of these files: a warning, then an ordinary import", async () => {
    const t = localStores(["shop"]);
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
