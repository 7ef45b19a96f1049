/**
 * Helpers for the `catalog import` / `catalog export` end-to-end tests: the fixtures and their
 * oracle (fixtures/catalog/EXPECTED.json, written by the generator from its own decisions), local
 * stores in temp folders, the CLI's JSON and exports parsed, and the store read straight from the
 * SQLite state file. Money and weights are parsed here by string arithmetic, independently of src/.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { type CliResult, REPO, runCli, tempDir } from "./cli.js";

export const CATALOG_FIXTURES = join(REPO, "fixtures", "catalog");

export const fixture = (name: string): string => join(CATALOG_FIXTURES, name);

// --- The oracle ----------------------------------------------------------------------------------

export interface ExpectedVariant {
  row: number;
  /** Native and Shopify sheets: the product's handle. */
  handle?: string;
  /** WooCommerce variations: the variable parent's SKU (simple products have neither). */
  parentSku?: string;
  sku: string;
  options: Record<string, string>;
  /** Minor units (fen). */
  price: number;
  compareAtPrice: number | null;
  weightGrams: number;
  inventory: number;
  /** The cells as the sheet writes them (colour, size, ...): what a platform export's store shows. */
  raw: Record<string, string>;
}

export interface ExpectedFile {
  products: number;
  variants: number;
  currency: string;
  axes?: Record<string, string[]>;
  axesByParentSku?: Record<string, string[]>;
  samples: ExpectedVariant[];
}

export interface ExpectedBad {
  row?: number;
  column?: string;
  problem: string;
}

export interface CatalogExpectations {
  files: Record<string, ExpectedFile>;
  bad: Record<string, ExpectedBad>;
  /** What the platforms accept: imported, with a warning at row and column. */
  lenient: Record<string, ExpectedBad>;
}

export function loadExpected(): CatalogExpectations {
  return JSON.parse(readFileSync(fixture("EXPECTED.json"), "utf8")) as CatalogExpectations;
}

/** The fixtures that must import cleanly. */
export const GOOD_FIXTURES = [
  "supplier-zh-utf8.csv",
  "supplier-zh-gbk.csv",
  "supplier-zh-hant.xlsx",
  "supplier-en.xlsx",
  "shopify-products.csv",
  "woocommerce-products.csv",
] as const;

/**
 * bad/merged-formulas.xlsx as the generator builds it: title 合并标题T恤 merged over rows 2-4,
 * price = cost × 2 as formulas whose cached results are 90, 90, 100.
 */
export const MERGED_FORMULAS = {
  file: "bad/merged-formulas.xlsx",
  title: "合并标题T恤",
  variants: [
    { sku: "SUP-BAD-1", options: { colour: "red", size: "M" }, price: 9000, cost: 4500 },
    { sku: "SUP-BAD-2", options: { colour: "red", size: "L" }, price: 9000, cost: 4500 },
    { sku: "SUP-BAD-3", options: { colour: "black", size: "M" }, price: 10000, cost: 5000 },
  ],
} as const;

// --- Stores ----------------------------------------------------------------------------------------

/**
 * A temp folder with a merchops.config.yaml of empty local stores (the first is the default), so
 * no command seeds the demo store.
 */
export function localStores(stores: readonly string[], opts: { batchSize?: number } = {}): { dir: string; cleanup: () => void } {
  const t = tempDir("merchops-catalog-");
  const lines = ["stores:", ...stores.flatMap((s) => [`  ${s}:`, "    platform: local"]), `defaultStore: ${stores[0]}`];
  if (opts.batchSize !== undefined) lines.push("catalog:", `  batchSize: ${opts.batchSize}`);
  writeFileSync(join(t.dir, "merchops.config.yaml"), `${lines.join("\n")}\n`);
  return t;
}

export const stateDb = (cwd: string): string => join(cwd, ".merchops", "state.db");

function withDb<T>(cwd: string, fn: (db: Database.Database) => T, empty: T): T {
  const path = stateDb(cwd);
  if (!existsSync(path)) return empty;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Every product and variant row of one store, as text: equal before and after means nothing was written. */
export function catalogSnapshot(cwd: string, store: string): string {
  return withDb(
    cwd,
    (db) =>
      JSON.stringify({
        products: db.prepare("SELECT * FROM products WHERE store = ? ORDER BY id").all(store),
        variants: db.prepare("SELECT * FROM variants WHERE store = ? ORDER BY sku").all(store),
      }),
    "",
  );
}

export interface StoredVariant {
  handle: string;
  title: string;
  price: number;
  weightGrams: number | null;
  options: Record<string, string>;
}

/** The store's variants by SKU, read from the state file (no CLI involved). */
export function storedVariants(cwd: string, store: string): Map<string, StoredVariant> {
  return withDb(
    cwd,
    (db) => {
      const rows = db
        .prepare(
          "SELECT v.sku, p.handle, p.title, v.price, v.weight_grams, v.options FROM variants v JOIN products p ON p.store = v.store AND p.id = v.product_id WHERE v.store = ?",
        )
        .all(store) as { sku: string; handle: string; title: string; price: number; weight_grams: number | null; options: string }[];
      return new Map(
        rows.map((r) => [
          r.sku,
          {
            handle: r.handle,
            title: r.title,
            price: r.price,
            weightGrams: r.weight_grams,
            options: JSON.parse(r.options) as Record<string, string>,
          },
        ]),
      );
    },
    new Map(),
  );
}

/** The canonical attributes the store holds beside each variant's display values, by SKU. */
export function storedAttributes(cwd: string, store: string): Map<string, Record<string, string>> {
  return withDb(
    cwd,
    (db) => {
      const rows = db.prepare("SELECT sku, attributes FROM variants WHERE store = ? AND sku IS NOT NULL").all(store) as {
        sku: string;
        attributes: string | null;
      }[];
      return new Map(rows.map((r) => [r.sku, r.attributes === null ? {} : (JSON.parse(r.attributes) as Record<string, string>)]));
    },
    new Map(),
  );
}

// --- Running the CLI ---------------------------------------------------------------------------------

/** The JSON report of `catalog import --json` (the fields the tests read). */
export interface ImportJson {
  dry_run: boolean;
  applied: boolean;
  files: { file: string; dialect: string; rows: number }[];
  rows: number;
  products: { create: number; update: number; unchanged: number; delete: number; skip: number; error: number };
  variants: { create: number; update: number; unchanged: number; delete: number };
  error_count: number;
  warning_count: number;
  issues: { severity: string; file: string; row: number; column: string | null; message: string; hint: string | null }[];
  changes: { handle: string; action: string; changes: string[] }[];
  resumed_run: number | null;
  resumed_skipped: number;
  results_file: string | null;
}

/** `catalog import <args> --json`; the report is parsed when stdout holds one (exit 0 or 3). */
export async function importCatalog(
  cwd: string,
  args: string[],
  env?: Record<string, string | undefined>,
): Promise<{ r: CliResult; json: ImportJson | undefined }> {
  const r = await runCli(["catalog", "import", ...args, "--json"], { cwd, ...(env ? { env } : {}) });
  const text = r.stdout.trim();
  return { r, json: text.startsWith("{") ? (JSON.parse(text) as ImportJson) : undefined };
}

/** Like importCatalog, but the run must succeed (exit 0) and produce a report. */
export async function importOk(cwd: string, args: string[]): Promise<ImportJson> {
  const { r, json } = await importCatalog(cwd, args);
  expect(r.exitCode, `catalog import ${args.join(" ")}\n${r.stderr}`).toBe(0);
  expect(json, r.stdout).toBeDefined();
  return json as ImportJson;
}

/** `catalog export` into `out` (relative to cwd); fails the test unless it exits 0. Returns the file's text. */
export async function exportCatalog(
  cwd: string,
  out: string,
  opts: { store?: string; dialect?: "native" | "shopify" | "woocommerce" } = {},
): Promise<string> {
  const args = ["catalog", "export", "--out", out, "--quiet"];
  if (opts.store) args.push("--store", opts.store);
  if (opts.dialect) args.push("--to-format", opts.dialect);
  const r = await runCli(args, { cwd });
  expect(r.exitCode, `catalog export ${args.join(" ")}\n${r.stderr}`).toBe(0);
  return readFileSync(join(cwd, out), "utf8");
}

/** The stderr of a failed run: exactly one `error:` line, followed by an indented hint, and no stack trace. */
export function expectOneErrorWithHint(stderr: string): string {
  const lines = stderr.split("\n");
  const at = lines.findIndex((l) => l.startsWith("error:"));
  expect(at, stderr).toBeGreaterThanOrEqual(0);
  expect(lines.filter((l) => l.startsWith("error:")).length, stderr).toBe(1);
  expect(lines[at + 1] ?? "", `a hint line after the error\n${stderr}`).toMatch(/^\s+\S/);
  expect(stderr, "no stack trace").not.toMatch(/\n\s+at .*[(:]\d+/);
  return lines[at] as string;
}

// --- Reading files -----------------------------------------------------------------------------------

export interface Table {
  header: string[];
  rows: string[][];
}

export function parseCsv(text: string): Table {
  const all = parse(text, { bom: true, relax_column_count: true }) as string[][];
  return { header: all[0] ?? [], rows: all.slice(1) };
}

export const readCsv = (path: string): Table => parseCsv(readFileSync(path, "utf8"));

/** Cell by header name (exact); "" when the column or cell is missing. */
export function cellOf(table: Table, row: readonly string[], header: string): string {
  const i = table.header.indexOf(header);
  return i < 0 ? "" : (row[i] ?? "");
}

export function writeCsv(path: string, rows: (string | number)[][]): void {
  writeFileSync(path, stringify(rows));
}

/** The first worksheet of an xlsx: its name, header and rows as plain values (formulas reported). */
export async function readXlsx(path: string): Promise<{ sheet: string; header: string[]; rows: string[][]; formulas: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error(`${path}: no worksheet`);
  const rows: string[][] = [];
  let formulas = 0;
  ws.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      cells.push(cell.value === null || cell.value === undefined ? "" : String(cell.value));
    }
    rows.push(cells);
  });
  return { sheet: ws.name, header: rows[0] ?? [], rows: rows.slice(1), formulas };
}

// --- Values, parsed independently ----------------------------------------------------------------------

/** "129.90" -> 12990 (two minor digits), by string arithmetic; "" -> null. */
export function minorUnits(text: string): number | null {
  const s = text.trim();
  if (s === "") return null;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not a plain amount: ${JSON.stringify(text)}`);
  const v = Number(m[2]) * 100 + Number(((m[3] ?? "") + "00").slice(0, 2));
  return m[1] === "-" ? -v : v;
}

/** "350g", "0.35kg", "1 kg", "350" (grams) -> grams, by string arithmetic; "" -> null. */
export function gramsOf(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (s === "") return null;
  const m = /^(\d+)(?:\.(\d+))?\s*(g|kg)?$/.exec(s);
  if (!m) throw new Error(`not a weight: ${JSON.stringify(text)}`);
  if (m[3] === "kg") return Number(m[1]) * 1000 + Number(((m[2] ?? "") + "000").slice(0, 3));
  if (m[2] !== undefined && Number(m[2]) !== 0) throw new Error(`fractional grams: ${text}`);
  return Number(m[1]);
}

/**
 * The merchops template's own columns (and the product-image column a fixed export may add); every
 * other column of a native export is an option axis.
 */
const NATIVE_BASE = new Set([
  "product_image",
  "product_images",
  "handle",
  "title",
  "description",
  "vendor",
  "category",
  "tags",
  "status",
  "sku",
  "price",
  "compare_at_price",
  "cost",
  "currency",
  "barcode",
  "weight",
  "inventory",
  "image",
]);

/** An axis header as the attribute name the oracle uses ("Colour"/"Color" -> colour). */
export const axisName = (header: string): string => {
  const h = header.trim().toLowerCase();
  return h === "color" ? "colour" : h;
};

export interface ExportedVariant {
  handle: string;
  title: string;
  sku: string;
  price: number | null;
  compareAtPrice: number | null;
  cost: number | null;
  currency: string;
  weightGrams: number | null;
  inventory: number | null;
  options: Record<string, string>;
}

/** A native (English headers) export as variants by SKU. */
export function nativeVariants(table: Table): Map<string, ExportedVariant> {
  const axes = table.header.map((h, i) => [h, i] as const).filter(([h]) => !NATIVE_BASE.has(h));
  const out = new Map<string, ExportedVariant>();
  for (const row of table.rows) {
    const cell = (h: string) => cellOf(table, row, h);
    const options: Record<string, string> = {};
    for (const [h, i] of axes) if ((row[i] ?? "") !== "") options[axisName(h)] = row[i] as string;
    const sku = cell("sku");
    if (out.has(sku)) throw new Error(`SKU ${sku} exported twice`);
    out.set(sku, {
      handle: cell("handle"),
      title: cell("title"),
      sku,
      price: minorUnits(cell("price")),
      compareAtPrice: minorUnits(cell("compare_at_price")),
      cost: minorUnits(cell("cost")),
      currency: cell("currency"),
      weightGrams: gramsOf(cell("weight")),
      inventory: cell("inventory") === "" ? null : Number(cell("inventory")),
      options,
    });
  }
  return out;
}

/** A Shopify export's option axes per handle, from each product's first row ("Title" = no options). */
export function shopifyAxes(table: Table): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of table.rows) {
    const handle = cellOf(table, row, "URL handle");
    if (out.has(handle) || cellOf(table, row, "Title") === "") continue;
    const names = [1, 2, 3].map((n) => cellOf(table, row, `Option${n} name`)).filter((n) => n !== "");
    out.set(handle, names.length === 1 && names[0] === "Title" ? [] : names.map(axisName));
  }
  return out;
}

/**
 * An export (native: `handle`/`sku`; Shopify: `URL handle`/`SKU`) with the handle replaced by the
 * product's sorted SKU list, rows sorted: equal for two stores holding the same products under other
 * handles (WooCommerce has no handle column, so its import derives handles from titles). Shopify's
 * image-only rows (no SKU) count under their product.
 */
export function withoutHandles(table: Table, columns: { handle: string; sku: string } = { handle: "handle", sku: "sku" }): string[] {
  const h = table.header.indexOf(columns.handle);
  const s = table.header.indexOf(columns.sku);
  if (h < 0 || s < 0) throw new Error(`no ${columns.handle} / ${columns.sku} column in ${table.header.join(",")}`);
  const skusOf = new Map<string, string[]>();
  for (const row of table.rows) {
    if ((row[s] ?? "") !== "") skusOf.set(row[h] as string, [...(skusOf.get(row[h] as string) ?? []), row[s] as string]);
  }
  return table.rows
    .map((row) => {
      const copy = [...row];
      copy[h] = [...(skusOf.get(row[h] as string) ?? [])].sort().join("|");
      return JSON.stringify(copy);
    })
    .sort();
}
