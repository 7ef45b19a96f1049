/**
 * `catalog import` refusing bad input, end to end: each fixture under fixtures/catalog/bad exits 3
 * with one `error:` line naming the file, row and column EXPECTED.json gives, a hint line, no stack
 * trace, and a store left exactly as it was; then --max-errors, --results (xlsx and csv, dry and
 * real), unmatched headers (exit 2 without a terminal, --mapping) and reserved header names.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  catalogSnapshot,
  expectOneErrorWithHint,
  fixture,
  importCatalog,
  importOk,
  loadExpected,
  localStores,
  readCsv,
  readXlsx,
  storedVariants,
  writeCsv,
} from "../helpers/catalog.js";

const expected = loadExpected();
const STORES = [
  "shop",
  "mixed",
  "strict",
  "dryres",
  "real-xlsx",
  "real-csv",
  "rejres",
  "mapped",
  "lenient-unknown-size",
  "lenient-barcode-scientific",
  "lenient-compare-at-below-price",
];
const t = localStores(STORES);
const cwd = t.dir;
afterAll(() => t.cleanup());

/** What each refusal must mention besides file, row and column: the offending values, in EXPECTED's words. */
const MENTIONS: Record<string, RegExp[]> = {
  "bad/duplicate-sku.csv": [/SUP-BAD-2/, /\b3\b/],
  "bad/duplicate-axis-combination.csv": [/\bred\b/, /\bL\b/, /\b3\b/],
  "bad/missing-axis.csv": [/size|尺码/],
  "bad/price-abc.csv": [/"abc"/],
  "bad/negative-price.csv": [/-129/],
  "bad/woocommerce-missing-parent.csv": [/sup-woo-ghost/],
  "bad/shopify-option-value-without-name.csv": [/Option1 Name/i],
  "bad/proto-header.csv": [/__proto__/],
  "bad/empty.csv": [/empty/i],
  "bad/random.csv": [],
};

const located = Object.entries(expected.bad).filter(([, e]) => e.row !== undefined);
const unlocated = Object.entries(expected.bad).filter(([name, e]) => e.row === undefined && name !== "bad/merged-formulas.xlsx");

describe("catalog import: bad input is refused, nothing written", () => {
  let before: string;
  beforeAll(async () => {
    // A store with a product in it, so "nothing written" also means "nothing changed or deleted".
    writeCsv(join(cwd, "seed.csv"), [
      ["handle", "title", "description", "sku", "price", "Colour", "Size"],
      ["seed-tee", "Seed Tee", "Already in the store", "SEED-1", "10.00", "red", "M"],
    ]);
    await importOk(cwd, ["seed.csv", "--store", "shop"]);
    before = catalogSnapshot(cwd, "shop");
    expect(storedVariants(cwd, "shop").size).toBe(1);
  });

  it("EXPECTED.json covers every bad fixture this file checks", () => {
    expect(Object.keys(MENTIONS).sort()).toEqual(
      Object.keys(expected.bad)
        .filter((n) => n !== "bad/merged-formulas.xlsx")
        .sort(),
    );
  });

  it.each(located)("%s: exit 3 at the row and column EXPECTED gives", async (name, e) => {
    const { r, json } = await importCatalog(cwd, [fixture(name), "--store", "shop"]);
    expect(r.exitCode, r.stderr).toBe(3);
    const line = expectOneErrorWithHint(r.stderr);
    expect(line).toContain(basename(name));
    expect(line).toMatch(new RegExp(`row ${e.row}\\b`));
    if (e.column) expect(line).toContain(`"${e.column}"`);
    for (const m of MENTIONS[name] ?? []) expect(r.stderr, `${name}: ${e.problem}`).toMatch(m);
    // Header problems stop the run before a report exists (--json then prints an error document
    // naming the same row); row problems are also listed in the JSON report.
    const doc = json as unknown as { ok?: boolean; error?: { row: number | null } } | undefined;
    if (doc?.ok === false) expect(doc.error?.row).toBe(e.row ?? null);
    else if (json) {
      expect(json.applied).toBe(false);
      const errors = json.issues.filter((i) => i.severity === "error");
      expect(
        errors.some((i) => i.row === e.row && (e.column === undefined || i.column === e.column)),
        JSON.stringify(errors),
      ).toBe(true);
    }
    expect(catalogSnapshot(cwd, "shop"), "nothing written").toBe(before);
  });

  it.each(unlocated)("%s: exit 3 naming the file, no stack trace", async (name, e) => {
    const { r } = await importCatalog(cwd, [fixture(name), "--store", "shop"]);
    expect(r.exitCode, r.stderr).toBe(3);
    const line = expectOneErrorWithHint(r.stderr);
    expect(line).toContain(basename(name));
    expect(line.length, `${e.problem}: one short line`).toBeLessThan(400);
    for (const m of MENTIONS[name] ?? []) expect(line).toMatch(m);
    expect(catalogSnapshot(cwd, "shop"), "nothing written").toBe(before);
  });

  it("a bad file among good ones: the whole run is refused", async () => {
    const { r } = await importCatalog(cwd, [fixture("supplier-zh-utf8.csv"), fixture("bad/price-abc.csv"), "--store", "shop"]);
    expect(r.exitCode).toBe(3);
    expect(expectOneErrorWithHint(r.stderr)).toContain("price-abc.csv");
    expect(catalogSnapshot(cwd, "shop")).toBe(before);
  });

  it("a missing file: exit 3 naming it", async () => {
    const { r } = await importCatalog(cwd, ["no-such-file.csv", "--store", "shop"]);
    expect(r.exitCode).toBe(3);
    expect(expectOneErrorWithHint(r.stderr)).toContain("no-such-file.csv");
    expect(catalogSnapshot(cwd, "shop")).toBe(before);
  });
});

// --- What the platforms accept ------------------------------------------------------------------------------

describe("catalog import: what the platforms accept is imported with a warning at the cell", () => {
  const lenient = Object.entries(expected.lenient);

  it("EXPECTED.json lists the lenient fixtures", () => {
    expect(lenient.map(([name]) => name).sort()).toEqual([
      "lenient/barcode-scientific.csv",
      "lenient/compare-at-below-price.csv",
      "lenient/unknown-size.csv",
    ]);
  });

  it.each(lenient)("%s: exit 0, both variants stored, a warning at the row and column EXPECTED gives", async (name, e) => {
    const store = `lenient-${basename(name, ".csv")}`;
    const json = await importOk(cwd, [fixture(name), "--store", store]);
    expect(json.error_count).toBe(0);
    expect(
      json.issues.some((i) => i.severity === "warning" && i.row === e.row && i.column === e.column),
      `${e.problem}: ${JSON.stringify(json.issues)}`,
    ).toBe(true);
    const held = storedVariants(cwd, store);
    expect([...held.keys()].sort()).toEqual(["SUP-BAD-1", "SUP-BAD-2"]);
    if (name.includes("unknown-size")) expect(held.get("SUP-BAD-2")?.options.size).toBe("XLL");
  });
});

// --- --max-errors and --results --------------------------------------------------------------------------

const HEADER = ["handle", "title", "description", "sku", "price", "inventory", "Colour", "Size"];
/** Two valid products (alpha, gamma: 3 variants) and two with errors (beta: price "abc" on row 4; delta: price -49.00 on row 7). */
const MIXED: (string | number)[][] = [
  HEADER,
  ["alpha", "Alpha Tee", "Alpha", "ALPHA-S", "59.00", 1, "red", "S"],
  ["alpha", "Alpha Tee", "Alpha", "ALPHA-M", "59.00", 2, "red", "M"],
  ["beta", "Beta Tee", "Beta", "BETA-S", "abc", 3, "red", "S"],
  ["beta", "Beta Tee", "Beta", "BETA-M", "59.00", 4, "red", "M"],
  // A SKU that a spreadsheet would run as a formula: the results file must neutralize it.
  ["gamma", "Gamma Tee", "Gamma", "=SUM(A1:A2)", "39.00", 5, "blue", "S"],
  ["delta", "Delta Tee", "Delta", "DELTA-S", "-49.00", 6, "green", "XL"],
];
const VALID_PRICES = { "ALPHA-S": 5900, "ALPHA-M": 5900, "=SUM(A1:A2)": 3900 };
/** Input row -> what a results row must say: status (dry, real) and, for errors, the problem. */
const OUTCOME: Record<number, { dry: string; real: string; problem?: RegExp; sku: string }> = {
  2: { dry: "would create", real: "created", sku: "ALPHA-S" },
  3: { dry: "would create", real: "created", sku: "ALPHA-M" },
  4: { dry: "error", real: "error", problem: /abc/, sku: "BETA-S" },
  5: { dry: "error", real: "error", sku: "BETA-M" },
  6: { dry: "would create", real: "created", sku: "=SUM(A1:A2)" },
  7: { dry: "error", real: "error", problem: /-49/, sku: "DELTA-S" },
};

interface ResultRow {
  file: string;
  row: number;
  handle: string;
  sku: string;
  status: string;
  message: string;
}

async function readResults(path: string): Promise<{ rows: ResultRow[]; formulas: number }> {
  const table = path.endsWith(".xlsx") ? await readXlsx(path) : { ...readCsv(path), formulas: 0 };
  expect(table.header.slice(0, 6)).toEqual(["file", "row", "handle", "sku", "status", "message"]);
  const rows = table.rows.map((c) => ({
    file: c[0] ?? "",
    row: Number(c[1]),
    handle: c[2] ?? "",
    sku: c[3] ?? "",
    status: c[4] ?? "",
    message: c[5] ?? "",
  }));
  return { rows, formulas: table.formulas };
}

/** One results row per input row, each with the status (and, for the first error rows, the problem) expected. */
async function expectResults(path: string, run: "dry" | "real"): Promise<void> {
  expect(existsSync(path), `${path} was written`).toBe(true);
  const { rows, formulas } = await readResults(path);
  expect(formulas, "no formula cells").toBe(0);
  expect(rows.map((r) => r.row).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
  for (const r of rows) {
    const want = OUTCOME[r.row];
    expect(want).toBeDefined();
    expect(basename(r.file)).toBe("mixed.csv");
    expect(r.status, `row ${r.row}`).toBe(want?.[run]);
    if (want?.problem) expect(r.message, `row ${r.row}: the results file says what is wrong`).toMatch(want.problem);
    // Formula-looking cells are neutralized: never a leading = + - @ that a spreadsheet would run.
    for (const cell of [r.handle, r.sku, r.status, r.message]) expect(cell, `row ${r.row}`).not.toMatch(/^[=+\-@\t\r]/);
    expect(r.sku.replace(/^'/, ""), `row ${r.row}: the SKU, quoted only to neutralize it`).toBe(want?.sku);
  }
}

describe("catalog import: --max-errors and --results", () => {
  beforeAll(() => writeCsv(join(cwd, "mixed.csv"), MIXED));

  it("--max-errors 2 with 2 errors: the valid products are imported, the others left out, exit 3", async () => {
    const { r, json } = await importCatalog(cwd, ["mixed.csv", "--store", "mixed", "--max-errors", "2"]);
    expect(r.exitCode, r.stderr).toBe(3);
    expect(expectOneErrorWithHint(r.stderr)).toMatch(/mixed\.csv, row 4/);
    expect(json?.applied).toBe(true);
    expect(json?.error_count).toBe(2);
    expect(json?.products).toMatchObject({ create: 2, error: 2 });
    const held = storedVariants(cwd, "mixed");
    expect(Object.fromEntries([...held].map(([sku, v]) => [sku, v.price]))).toEqual(VALID_PRICES);
  });

  it("--max-errors 1 with 2 errors: nothing is written, exit 3", async () => {
    const { r, json } = await importCatalog(cwd, ["mixed.csv", "--store", "strict", "--max-errors", "1"]);
    expect(r.exitCode).toBe(3);
    expect(expectOneErrorWithHint(r.stderr)).toMatch(/nothing was written/);
    expect(json?.applied).toBe(false);
    expect(storedVariants(cwd, "strict").size).toBe(0);
  });

  it("--max-errors must be a whole number (exit 2)", async () => {
    const { r } = await importCatalog(cwd, ["mixed.csv", "--store", "strict", "--max-errors", "many"]);
    expect(r.exitCode).toBe(2);
    expect(expectOneErrorWithHint(r.stderr)).toMatch(/--max-errors/);
  });

  it.each(["xlsx", "csv"])("--dry-run --results out.%s: one row per input row with its status and problem", async (ext) => {
    const out = join(cwd, `dry-results.${ext}`);
    const { r, json } = await importCatalog(cwd, ["mixed.csv", "--store", "dryres", "--dry-run", "--max-errors", "2", "--results", out]);
    expect(r.exitCode).toBe(3);
    expect(json?.results_file).toBeTruthy();
    await expectResults(out, "dry");
    expect(storedVariants(cwd, "dryres").size, "a dry run writes nothing").toBe(0);
  });

  it.each(["xlsx", "csv"])("real run --max-errors 2 --results out.%s: created and error rows, each error with its problem", async (ext) => {
    const out = join(cwd, `real-results.${ext}`);
    const { r } = await importCatalog(cwd, ["mixed.csv", "--store", `real-${ext}`, "--max-errors", "2", "--results", out]);
    expect(r.exitCode).toBe(3);
    await expectResults(out, "real");
    expect(storedVariants(cwd, `real-${ext}`).size).toBe(3);
  });

  it("a real run refused for its errors still writes the results file, saying which rows are wrong", async () => {
    const out = join(cwd, "rejected-results.csv");
    const { r } = await importCatalog(cwd, ["mixed.csv", "--store", "rejres", "--results", out]);
    expect(r.exitCode).toBe(3);
    expect(storedVariants(cwd, "rejres").size).toBe(0);
    expect(existsSync(out), "--results is written for a refused run too").toBe(true);
    const { rows } = await readResults(out);
    expect(rows.map((x) => x.row).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    for (const x of rows) if (OUTCOME[x.row]?.problem) expect(x.message).toMatch(OUTCOME[x.row]?.problem as RegExp);
  });
});

// --- Headers -------------------------------------------------------------------------------------------------

describe("catalog import: headers merchops does not know", () => {
  beforeAll(() => {
    writeCsv(join(cwd, "odd.csv"), [
      ["handle", "Kurztext", "sku", "price", "Colour", "Size", "Bemerkung"],
      ["odd-tee", "Odd Tee", "ODD-1", "19.90", "black", "M", "call the supplier"],
    ]);
  });

  it("without a terminal: exit 2 naming the unmatched columns and --mapping, nothing written", async () => {
    const before = catalogSnapshot(cwd, "mapped");
    const { r } = await importCatalog(cwd, ["odd.csv", "--store", "mapped"]);
    expect(r.exitCode).toBe(2);
    const line = expectOneErrorWithHint(r.stderr);
    expect(line).toContain("odd.csv");
    expect(line).toContain("Kurztext");
    expect(line).toContain("Bemerkung");
    expect(r.stderr).toContain("--mapping");
    expect(catalogSnapshot(cwd, "mapped")).toBe(before);
  });

  it("with --mapping map.yaml the import works and the mapped column feeds its field", async () => {
    writeFileSync(join(cwd, "map.yaml"), 'Kurztext: title\n"Bemerkung": ignore\n');
    const json = await importOk(cwd, ["odd.csv", "--store", "mapped", "--mapping", "map.yaml"]);
    expect(json.products.create).toBe(1);
    expect(storedVariants(cwd, "mapped").get("ODD-1")).toMatchObject({
      title: "Odd Tee",
      price: 1990,
      options: { colour: "black", size: "M" },
    });
  });

  it("a __proto__ key in the mapping file is refused with a clear error, not a crash", async () => {
    writeFileSync(join(cwd, "proto-map.yaml"), "__proto__: title\nBemerkung: ignore\n");
    const before = catalogSnapshot(cwd, "mapped");
    const { r } = await importCatalog(cwd, ["odd.csv", "--store", "mapped", "--mapping", "proto-map.yaml"]);
    expect([2, 3]).toContain(r.exitCode);
    expect(expectOneErrorWithHint(r.stderr)).toContain("__proto__");
    expect(catalogSnapshot(cwd, "mapped")).toBe(before);
  });

  it("a __proto__ column header is refused at row 1 even among valid rows (exit 3)", async () => {
    const file = join(cwd, "proto.csv");
    writeFileSync(file, `${readFileSync(join(cwd, "odd.csv"), "utf8").replace("Bemerkung", "__proto__")}`);
    const { r } = await importCatalog(cwd, ["proto.csv", "--store", "mapped", "--mapping", "map.yaml"]);
    expect(r.exitCode).toBe(3);
    const line = expectOneErrorWithHint(r.stderr);
    expect(line).toMatch(/proto\.csv, row 1, column "__proto__"/);
  });
});
