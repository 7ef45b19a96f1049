/**
 * The catalog fixtures generator: same bytes every run, the committed fixtures are its output, and
 * EXPECTED.json agrees with the sheets' own text (counts, SKUs, the messy spellings it promises).
 * Whether the import standardizes them to EXPECTED.json is the catalog import's test, not this one.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { parse } from "csv-parse/sync";
import { execa } from "execa";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCatalogFixtures } from "../../../scripts/generate-catalog-fixtures.js";
import { REPO } from "../../helpers/cli.js";

const COMMITTED = join(REPO, "fixtures", "catalog");
let first: string;
let second: string;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

beforeAll(async () => {
  first = await mkdtemp(join(tmpdir(), "merchops-catalog-a-"));
  second = await mkdtemp(join(tmpdir(), "merchops-catalog-b-"));
  await writeCatalogFixtures(first);
  await writeCatalogFixtures(second);
});
afterAll(async () => {
  await rm(first, { recursive: true, force: true });
  await rm(second, { recursive: true, force: true });
});

interface Sample {
  row: number;
  sku: string;
  raw: Record<string, string>;
}
interface ExpectedFile {
  products: number;
  variants: number;
  samples: Sample[];
}
const expected = () =>
  JSON.parse(readFileSync(join(COMMITTED, "EXPECTED.json"), "utf8")) as {
    files: Record<string, ExpectedFile>;
    bad: Record<string, unknown>;
  };

describe("generate-catalog-fixtures", () => {
  it("writes the same bytes twice (CSV and xlsx alike), and the committed fixtures are its output", async () => {
    const names = await listFiles(first);
    expect(await listFiles(second)).toEqual(names);
    // real-world/ holds hand-written fixtures of real export layouts, not the generator's; cn/ is
    // written by scripts/generate-cn-fixtures.ts (checked below).
    expect((await listFiles(COMMITTED)).filter((n) => !n.startsWith(`real-world${sep}`) && !n.startsWith(`cn${sep}`))).toEqual(names);
    for (const name of names) {
      const a = await readFile(join(first, name));
      expect(a.equals(await readFile(join(second, name))), `${name} differs between runs`).toBe(true);
      expect(a.equals(await readFile(join(COMMITTED, name))), `${name}: run npx tsx scripts/generate-catalog-fixtures.ts`).toBe(true);
    }
  });

  it("keeps fixtures small, except the 3 MB of random bytes", async () => {
    for (const name of await listFiles(COMMITTED)) {
      const size = (await readFile(join(COMMITTED, name))).length;
      if (name === join("bad", "random.csv")) expect(size).toBe(3 * 1024 * 1024);
      else if (name === join("bad", "empty.csv")) expect(size).toBe(0);
      else expect(size, name).toBeLessThan(100 * 1024);
    }
  });

  it("EXPECTED.json matches the CSV sheets' rows: counts, rows, SKUs and the raw spellings", () => {
    const files = expected().files;
    const demoSkus = new Set(
      (parse(readFileSync(join(REPO, "fixtures", "demo-store", "products.csv")), { columns: true }) as { sku: string }[]).map((r) => r.sku),
    );
    const sheets: [string, string, string][] = [
      ["supplier-zh-utf8.csv", "utf8", "商家编码"],
      ["supplier-zh-gbk.csv", "gbk", "货号"],
      ["shopify-products.csv", "utf8", "SKU"],
      ["woocommerce-products.csv", "utf8", "SKU"],
    ];
    for (const [name, encoding, skuHeader] of sheets) {
      const bytes = readFileSync(join(COMMITTED, name));
      const text = encoding === "gbk" ? iconv.decode(bytes, "gbk") : bytes.toString("utf8");
      const rows = parse(text, { bom: true }) as string[][];
      const header = rows[0] as string[];
      const skuColumn = header.indexOf(skuHeader);
      const spec = files[name] as ExpectedFile;
      expect(spec.samples, name).toHaveLength(spec.variants);
      for (const s of spec.samples) {
        const row = rows[s.row - 1] as string[];
        expect(row[skuColumn], `${name} row ${s.row}`).toBe(s.sku);
        for (const value of Object.values(s.raw)) expect(row, `${name} row ${s.row}`).toContain(value);
        expect(s.sku.startsWith("SUP-"), s.sku).toBe(true);
        expect(demoSkus.has(s.sku), s.sku).toBe(false);
      }
      expect(new Set(spec.samples.map((s) => s.sku)).size, name).toBe(spec.variants);
    }
  });

  it("writes the spellings suppliers use: BOM UTF-8, GBK that is not UTF-8, messy Chinese and English values", () => {
    const utf8 = readFileSync(join(COMMITTED, "supplier-zh-utf8.csv"));
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.toString("utf8");
    for (const word of [
      "商品名称",
      "款号",
      "商家编码",
      "颜色",
      "尺码",
      "售价",
      "划线价",
      "库存",
      "重量",
      "红色",
      "大红",
      "酒红",
      "藏青",
      "加大码",
      "均码",
      "XL",
      "0.5kg",
      "500g",
    ]) {
      expect(text, word).toContain(word);
    }
    const gbk = readFileSync(join(COMMITTED, "supplier-zh-gbk.csv"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(gbk)).toThrow();
    expect(iconv.decode(gbk, "gbk")).toContain("颜色分类");
    const all = expected();
    expect(Object.keys(all.files).sort()).toEqual([
      "shopify-products.csv",
      "supplier-en.xlsx",
      "supplier-zh-gbk.csv",
      "supplier-zh-hant.xlsx",
      "supplier-zh-utf8.csv",
      "woocommerce-products.csv",
    ]);
    const raws = all.files["supplier-en.xlsx"]?.samples.flatMap((s) => Object.values(s.raw)) ?? [];
    for (const word of ["X-Large", "RED", "Navy Blue"]) expect(raws, word).toContain(word);
    // Three former refusals are what the platforms accept (issue 11): lenient/, imported with a warning.
    expect(Object.keys(all.bad)).toHaveLength(11);
    expect(Object.keys((all as unknown as { lenient: Record<string, unknown> }).lenient)).toHaveLength(3);
  });
});

describe("generate-cn-fixtures", () => {
  it("writes the same bytes as the committed fixtures/catalog/cn", async () => {
    const dir = await mkdtemp(join(tmpdir(), "merchops-cn-fixtures-"));
    try {
      await execa("npx", ["tsx", join(REPO, "scripts", "generate-cn-fixtures.ts"), dir], { cwd: REPO });
      const committed = join(COMMITTED, "cn");
      const names = await listFiles(dir);
      expect((await listFiles(committed)).filter((n) => n !== "README.md")).toEqual(names);
      for (const name of names) {
        const a = await readFile(join(dir, name));
        expect(a.equals(await readFile(join(committed, name))), `cn/${name}: run npx tsx scripts/generate-cn-fixtures.ts`).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
