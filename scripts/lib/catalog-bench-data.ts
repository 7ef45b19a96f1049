/**
 * Bench inputs for `catalog import`: a native merchops catalog (English template headers, one row
 * per variant, three variants a product, a product's rows adjacent) as CSV for the million-variant
 * run and as xlsx for the 100,000-row run. Values are the kind a supplier sheet holds: Chinese and
 * English titles, colours and sizes in several spellings (so standardization does real work),
 * prices with and without a compare-at price, weights in g and kg, tags with commas.
 *
 * Both writers stream: rows are produced one at a time from a seeded generator and written in
 * chunks, so memory stays flat whatever the size. Same seed, same bytes (CSV).
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import { Rng } from "./demo-data.js";

export const BENCH_CATALOG_HEADERS = [
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
  "Colour",
  "Size",
] as const;

const VARIANTS_PER_PRODUCT = 3;

const NOUNS_ZH = [
  "纯棉T恤",
  "连帽卫衣",
  "休闲长裤",
  "针织开衫",
  "牛仔外套",
  "羽绒背心",
  "运动短裤",
  "衬衫",
  "连衣裙",
  "半身裙",
  "毛衣",
  "夹克",
];
const ADJECTIVES_ZH = ["男士", "女士", "宽松", "修身", "加厚", "春季", "夏季", "秋冬", "复古", "简约"];
const NOUNS_EN = [
  "Tee",
  "Hoodie",
  "Chinos",
  "Cardigan",
  "Denim Jacket",
  "Vest",
  "Shorts",
  "Oxford Shirt",
  "Dress",
  "Skirt",
  "Sweater",
  "Jacket",
];
const ADJECTIVES_EN = ["Classic", "Relaxed", "Slim", "Heavyweight", "Summer", "Winter", "Vintage", "Essential", "Organic", "Everyday"];
const CATEGORIES = [
  "服装 > 男装 > T恤",
  "服装 > 女装 > 连衣裙",
  "服装 > 男装 > 裤子",
  "服装 > 女装 > 毛衫",
  "Apparel > Men > Outerwear",
  "Apparel > Women > Tops",
];
const VENDORS = ["棉语", "北纬", "暖冬", "Northfield", "Harbour", ""];
const TAGS = ["", "新品", "new, summer", "热卖, 包邮", "basics"];
/** Canonical colour -> spellings; the first is canonical. */
const COLOURS: string[][] = [
  ["black", "黑色", "Black"],
  ["white", "白色", "WHITE"],
  ["red", "红色", "大红", "RED"],
  ["navy", "藏青", "Navy Blue"],
  ["grey", "灰色", "Gray"],
  ["burgundy", "酒红", "Burgundy"],
  ["khaki", "卡其色", "Khaki"],
  ["green", "绿色", "Green"],
];
/** Letter sizes in order, each with spellings. */
const SIZES: string[][] = [
  ["S", "小码", "Small"],
  ["M", "中码", "Medium"],
  ["L", "大码", "Large"],
  ["XL", "加大码", "X-Large"],
  ["XXL", "2XL", "加加大"],
];

/** One product's rows as arrays of cells (strings; money as decimal text). */
function* catalogRows(variants: number, seed: number): Generator<string[]> {
  const rng = Rng.stream(seed, "catalog-bench");
  const products = Math.ceil(variants / VARIANTS_PER_PRODUCT);
  let written = 0;
  for (let p = 0; p < products; p++) {
    const chinese = rng.chance(0.6);
    const title = chinese
      ? `${rng.pick(ADJECTIVES_ZH)}${rng.pick(NOUNS_ZH)} ${p}`
      : `${rng.pick(ADJECTIVES_EN)} ${rng.pick(NOUNS_EN)} ${p}`;
    const handle = `bench-${p.toString(36)}`;
    const description = rng.chance(0.8) ? (chinese ? "面料舒适，做工精细。" : "Soft fabric, careful finish.") : "";
    const vendor = rng.pick(VENDORS);
    const category = rng.pick(CATEGORIES);
    const tags = rng.pick(TAGS);
    const status = rng.chance(0.9) ? "active" : "draft";
    const priceFen = rng.int(29, 599) * 100 + (rng.chance(0.3) ? 90 : 0);
    const compareAt = rng.chance(0.4) ? priceFen + rng.int(1, 20) * 1000 : 0;
    const grams = rng.int(1, 12) * 50;
    // Three sizes of one colour, or one size in three colours: every combination unique.
    const byColour = rng.chance(0.3);
    const colourStart = rng.int(0, COLOURS.length - VARIANTS_PER_PRODUCT);
    const sizeStart = rng.int(0, SIZES.length - VARIANTS_PER_PRODUCT);
    const count = Math.min(VARIANTS_PER_PRODUCT, variants - written);
    for (let k = 0; k < count; k++) {
      const colour = COLOURS[byColour ? colourStart + k : colourStart] as string[];
      const size = SIZES[byColour ? sizeStart : sizeStart + k] as string[];
      const inventory = rng.int(0, 500);
      yield [
        handle,
        title,
        description,
        vendor,
        category,
        tags,
        status,
        `BENCH-${p.toString(36).toUpperCase()}-${k + 1}`,
        fen(priceFen),
        compareAt ? fen(compareAt) : "",
        rng.chance(0.5) ? fen(Math.floor(priceFen * 0.4)) : "",
        "CNY",
        rng.chance(0.3) ? ean13(`69${String(rng.int(0, 9_999_999_999)).padStart(10, "0")}`) : "",
        rng.chance(0.5) ? `${grams}g` : `${grams / 1000}kg`,
        String(inventory),
        rng.chance(0.2) ? `https://img.example.com/${handle}-${k + 1}.jpg` : "",
        rng.pick(colour),
        rng.pick(size),
      ];
      written++;
    }
  }
}

/** Twelve digits plus their EAN-13 check digit. */
function ean13(digits: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

const fen = (amount: number): string => `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, "0")}`;

const NEEDS_QUOTES = /[",\r\n]/;
const csvCell = (s: string): string => (NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** A native catalog CSV of `variants` rows (UTF-8 with BOM, CRLF), streamed to `path`. */
export async function writeNativeCatalogCsv(
  path: string,
  variants: number,
  seed: number,
): Promise<{ bytes: number; products: number; variants: number }> {
  const out = createWriteStream(path);
  let chunk = `\uFEFF${BENCH_CATALOG_HEADERS.join(",")}\r\n`;
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
    chunk = "";
  };
  for (const row of catalogRows(variants, seed)) {
    chunk += `${row.map(csvCell).join(",")}\r\n`;
    rows++;
    if (chunk.length > 1 << 20) await flush();
  }
  await flush();
  out.end();
  await finished(out);
  return { bytes, products: Math.ceil(variants / VARIANTS_PER_PRODUCT), variants: rows };
}

/** A native catalog xlsx of `rows` variant rows (sheet "Products"), through exceljs's streaming writer. */
export async function writeCatalogXlsx(path: string, rows: number, seed = 20261125): Promise<{ rows: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  wb.created = new Date("2026-01-01T00:00:00Z");
  wb.modified = wb.created;
  const ws = wb.addWorksheet("Products");
  ws.addRow([...BENCH_CATALOG_HEADERS]).commit();
  const price = BENCH_CATALOG_HEADERS.indexOf("price");
  const inventory = BENCH_CATALOG_HEADERS.indexOf("inventory");
  let written = 0;
  for (const row of catalogRows(rows, seed)) {
    // Spreadsheets hold prices and stock as numbers.
    const cells: (string | number)[] = [...row];
    cells[price] = Number(row[price]);
    cells[inventory] = Number(row[inventory]);
    ws.addRow(cells).commit();
    written++;
  }
  ws.commit();
  await wb.commit();
  return { rows: written };
}
