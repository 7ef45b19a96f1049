/**
 * Writes fixtures/catalog/ (`npx tsx scripts/generate-catalog-fixtures.ts [dir]`): supplier sheets
 * the way suppliers send them (Simplified Chinese CSV in UTF-8 and GBK, Traditional Chinese and
 * English xlsx), a Shopify and a WooCommerce product CSV, one small file per bad input of the
 * catalog import, and EXPECTED.json.
 *
 * Every product is first decided in canonical form (colour "burgundy", size "XL", 12900 fen, 500 g),
 * then written the messy ways suppliers write it (酒红, 加大码, X-Large, "¥129", "0.5kg"), cycling
 * through each value's spellings so every spelling appears. EXPECTED.json states the canonical
 * decisions, written from this script's intent and never by running the parser: it is what the
 * import must find. Seeded, no clock: the same bytes every run (xlsx zip timestamps are pinned).
 * SKUs start with "SUP-" so they never meet the demo store's.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { Rng } from "./lib/demo-data.js";

const ROOT = resolve(import.meta.dirname, "..");
const SEED = 20261125;
/** Workbook dates and zip entry times: fixed, so the xlsx files are byte-stable. */
export const FIXED_DATE = new Date("2026-01-01T00:00:00Z");

// --- The canonical decisions -----------------------------------------------------------------------

type Script = "zh" | "hant" | "en";

interface ProductSpec {
  handle: string;
  title: string;
  category: string;
  vendor: string;
  description: string;
  /** Minor units (fen). */
  price: number;
  compareAt?: number;
  weightGrams: number;
  colours: string[];
  sizes: string[];
  materials?: string[];
  tags?: string[];
  images?: number;
}

interface VariantSpec {
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  weightGrams: number;
  inventory: number;
}

const COLOUR_CODE: Record<string, string> = {
  red: "RED",
  burgundy: "BUR",
  navy: "NAV",
  black: "BLK",
  white: "WHT",
  grey: "GRY",
  khaki: "KHA",
  pink: "PNK",
  blue: "BLU",
  green: "GRN",
  beige: "BEI",
};
const MATERIAL_CODE: Record<string, string> = { cotton: "CO", linen: "LI" };

/** How suppliers spell each canonical value, per script. Every spelling gets used. */
const SPELLINGS: Record<"colour" | "size" | "material", Record<Script, Record<string, string[]>>> = {
  colour: {
    zh: {
      red: ["红色", "大红", "红"],
      burgundy: ["酒红", "酒红色"],
      navy: ["藏青", "藏青色"],
      black: ["黑色", "黑"],
      white: ["白色", "白"],
      grey: ["灰色", "灰"],
      khaki: ["卡其色", "卡其"],
      pink: ["粉色", "粉红色"],
      blue: ["蓝色"],
      green: ["绿色"],
      beige: ["米色"],
    },
    hant: {
      red: ["紅色", "大紅"],
      burgundy: ["酒紅", "酒紅色"],
      navy: ["藏青", "藏青色"],
      black: ["黑色"],
      white: ["白色"],
      grey: ["灰色"],
      khaki: ["卡其色"],
      pink: ["粉色"],
      blue: ["藍色"],
      green: ["綠色"],
      beige: ["米色"],
    },
    en: {
      red: ["RED", "Red", "red"],
      burgundy: ["Burgundy", "Wine Red"],
      navy: ["Navy Blue", "NAVY", "Navy"],
      black: ["Black", "BLACK"],
      white: ["White"],
      grey: ["Grey", "Gray"],
      khaki: ["Khaki"],
      pink: ["Pink"],
      blue: ["Blue"],
      green: ["Green"],
      beige: ["Beige"],
    },
  },
  size: {
    zh: {
      S: ["S", "小码"],
      M: ["M", "中码"],
      L: ["大码", "L"],
      XL: ["加大码", "XL", "xl"],
      XXL: ["XXL", "2XL", "加加大"],
      "One Size": ["均码", "F"],
    },
    hant: {
      S: ["S", "小碼"],
      M: ["M", "中碼"],
      L: ["L", "大碼"],
      XL: ["加大碼", "XL"],
      XXL: ["XXL", "2XL"],
      "One Size": ["均碼"],
    },
    en: {
      S: ["Small", "S"],
      M: ["Medium", "M"],
      L: ["Large", "L"],
      XL: ["X-Large", "XL", "xl"],
      XXL: ["XX-Large", "2XL"],
      "One Size": ["One Size", "Free Size"],
    },
  },
  material: {
    zh: { cotton: ["纯棉", "棉", "全棉"], linen: ["亚麻"] },
    hant: { cotton: ["純棉", "棉"], linen: ["亞麻"] },
    en: { cotton: ["Cotton", "cotton"], linen: ["Linen"] },
  },
};

/** Round-robin over each value's spellings, so a file uses all of them. */
class Speller {
  private readonly used = new Map<string, number>();
  constructor(private readonly script: Script) {}
  write(attribute: "colour" | "size" | "material", value: string): string {
    const list = SPELLINGS[attribute][this.script][value];
    if (!list) throw new Error(`no ${this.script} spelling for ${attribute} ${value}`);
    return this.next(`${attribute}:${value}`, list);
  }
  next(key: string, list: readonly string[]): string {
    const n = this.used.get(key) ?? 0;
    this.used.set(key, n + 1);
    return list[n % list.length] as string;
  }
}

/** Colours × sizes (× materials), SKUs from the handle and value codes. */
function variantsOf(p: ProductSpec, skuStem: string, rng: Rng): VariantSpec[] {
  const out: VariantSpec[] = [];
  for (const colour of p.colours) {
    for (const size of p.sizes) {
      for (const material of p.materials ?? [undefined]) {
        const options: Record<string, string> = { colour, size };
        if (material) options.material = material;
        const parts = [skuStem, COLOUR_CODE[colour], size === "One Size" ? "OS" : size, material ? MATERIAL_CODE[material] : undefined];
        out.push({
          sku: parts.filter(Boolean).join("-"),
          options,
          price: p.price,
          compareAtPrice: p.compareAt ?? null,
          weightGrams: p.weightGrams,
          inventory: rng.chance(0.1) ? 0 : rng.int(1, 120),
        });
      }
    }
  }
  return out;
}

// --- Messy cells -----------------------------------------------------------------------------------

/** 12900 -> "129", "129.00", "¥129.00", "129元" ... (GBK has no "¥": its sheets use "￥"). */
function messyPrice(fen: number, speller: Speller, gbk = false): string {
  const yuan = fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
  const fixed = (fen / 100).toFixed(2);
  return speller.next("price", [yuan, fixed, `${gbk ? "￥" : "¥"}${fixed}`, `${yuan}元`]);
}

/** 500 -> "500g", "0.5kg", "500克", "1斤" (斤 only where it is a whole number). */
function messyWeight(grams: number, speller: Speller, script: Script): string {
  const kg = String(grams / 1000);
  const forms = script === "en" ? [`${grams} g`, `${kg} kg`, `${grams}g`] : [`${grams}g`, `${kg}kg`, `${grams}克`];
  if (script !== "en" && grams % 500 === 0) forms.push(`${grams / 500}斤`);
  if (script === "hant") forms.push(`${kg}公斤`);
  return speller.next(`weight:${grams}`, forms);
}

// --- Expected results ------------------------------------------------------------------------------

interface ExpectedVariant {
  row: number;
  handle?: string;
  /** WooCommerce variations: the SKU of their variable product (also when the row names it as id:N). */
  parentSku?: string;
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  weightGrams: number | null;
  inventory: number | null;
  /** The cells as written, for failure messages. */
  raw: Record<string, string>;
}

interface ExpectedFile {
  products: number;
  variants: number;
  currency: string;
  /** Handle -> option axes in canonical order (colour, size, then others), where the file names handles. */
  axes?: Record<string, string[]>;
  /** WooCommerce names no handles: the variable product's SKU (its variations' Parent) -> option axes. */
  axesByParentSku?: Record<string, string[]>;
  samples: ExpectedVariant[];
}

interface ExpectedBad {
  /** Where the import must point; row 1 is the header. */
  row?: number;
  column?: string;
  problem: string;
}

const axesOf = (p: ProductSpec): string[] => ["colour", "size", ...(p.materials ? ["material"] : [])];

// --- The supplier sheets ---------------------------------------------------------------------------

const ZH_UTF8: ProductSpec[] = [
  {
    handle: "ZU-101",
    title: "女士纯棉短袖T恤",
    category: "服装 > 女装 > T恤",
    vendor: "棉语",
    description: "100%纯棉，亲肤透气。",
    price: 5900,
    compareAt: 7900,
    weightGrams: 200,
    colours: ["red", "burgundy", "navy"],
    sizes: ["S", "M", "L", "XL"],
  },
  {
    handle: "ZU-102",
    title: "男士连帽卫衣",
    category: "服装 > 男装 > 卫衣",
    vendor: "北纬",
    description: "加绒加厚，秋冬保暖。",
    price: 15900,
    compareAt: 19900,
    weightGrams: 600,
    colours: ["black", "grey", "navy"],
    sizes: ["M", "L", "XL", "XXL"],
  },
  {
    handle: "ZU-103",
    title: "女士针织开衫",
    category: "服装 > 女装 > 毛衫",
    vendor: "棉语",
    description: "",
    price: 12900,
    weightGrams: 350,
    colours: ["burgundy", "khaki"],
    sizes: ["S", "M", "L"],
  },
  {
    handle: "ZU-104",
    title: "夏季渔夫帽",
    category: "配饰 > 帽子",
    vendor: "北纬",
    description: "可折叠，防晒。",
    price: 3900,
    weightGrams: 100,
    colours: ["black", "khaki", "red"],
    sizes: ["One Size"],
  },
  {
    handle: "ZU-105",
    title: "男士休闲长裤",
    category: "服装 > 男装 > 裤子",
    vendor: "北纬",
    description: "弹力面料，直筒版型。",
    price: 13900,
    compareAt: 16900,
    weightGrams: 500,
    colours: ["black", "khaki", "navy"],
    sizes: ["M", "L", "XL"],
  },
  {
    handle: "ZU-106",
    title: "女士碎花连衣裙",
    category: "服装 > 女装 > 连衣裙",
    vendor: "棉语",
    description: "雪纺碎花，收腰设计。",
    price: 19900,
    compareAt: 25900,
    weightGrams: 300,
    colours: ["red", "white"],
    sizes: ["S", "M", "L"],
  },
  {
    handle: "ZU-107",
    title: "羊毛围巾",
    category: "配饰 > 围巾",
    vendor: "暖冬",
    description: "澳洲羊毛，柔软不扎。",
    price: 9900,
    weightGrams: 250,
    colours: ["burgundy", "grey", "navy"],
    sizes: ["One Size"],
  },
  {
    handle: "ZU-108",
    title: "男士牛津纺衬衫",
    category: "服装 > 男装 > 衬衫",
    vendor: "北纬",
    description: "免烫，商务休闲两穿。",
    price: 11900,
    weightGrams: 300,
    colours: ["white", "navy"],
    sizes: ["M", "L", "XL"],
  },
  {
    handle: "ZU-109",
    title: "女士羽绒背心",
    category: "服装 > 女装 > 羽绒服",
    vendor: "暖冬",
    description: "90%白鸭绒。",
    price: 23900,
    compareAt: 29900,
    weightGrams: 500,
    colours: ["black", "red"],
    sizes: ["S", "M", "L", "XL"],
  },
  {
    handle: "ZU-110",
    title: "运动速干短裤",
    category: "服装 > 男装 > 裤子",
    vendor: "北纬",
    description: "速干透气，带内衬。",
    price: 6900,
    weightGrams: 200,
    colours: ["black", "grey"],
    sizes: ["M", "L", "XL"],
  },
  {
    handle: "ZU-111",
    title: "针织保暖手套",
    category: "配饰 > 手套",
    vendor: "暖冬",
    description: "触屏指尖。",
    price: 2900,
    weightGrams: 100,
    colours: ["red", "grey"],
    sizes: ["One Size"],
  },
  {
    handle: "ZU-112",
    title: "男士中长款羽绒服",
    category: "服装 > 男装 > 羽绒服",
    vendor: "暖冬",
    description: "连帽可拆，防风防泼水。",
    price: 49900,
    compareAt: 59900,
    weightGrams: 1000,
    colours: ["black", "navy"],
    sizes: ["L", "XL", "XXL"],
  },
];

const ZH_GBK: ProductSpec[] = [
  {
    handle: "ZG-201",
    title: "亚麻宽松衬衫",
    category: "服装 > 女装 > 衬衫",
    vendor: "麻间",
    description: "天然亚麻，越洗越软。",
    price: 16900,
    compareAt: 21900,
    weightGrams: 250,
    colours: ["white", "khaki"],
    sizes: ["M", "L", "XL"],
    materials: ["linen"],
  },
  {
    handle: "ZG-202",
    title: "纯棉睡衣套装",
    category: "服装 > 家居服",
    vendor: "麻间",
    description: "长袖长裤两件套。",
    price: 12900,
    weightGrams: 500,
    colours: ["pink", "blue"],
    sizes: ["M", "L", "XL"],
    materials: ["cotton"],
  },
  {
    handle: "ZG-203",
    title: "基础圆领T恤",
    category: "服装 > 男装 > T恤",
    vendor: "本白",
    description: "",
    price: 4900,
    weightGrams: 200,
    colours: ["white", "black"],
    sizes: ["M", "L"],
    materials: ["cotton", "linen"],
  },
  {
    handle: "ZG-204",
    title: "棉麻阔腿裤",
    category: "服装 > 女装 > 裤子",
    vendor: "麻间",
    description: "高腰垂感。",
    price: 13900,
    compareAt: 15900,
    weightGrams: 350,
    colours: ["black", "beige"],
    sizes: ["S", "M", "L"],
    materials: ["linen"],
  },
  {
    handle: "ZG-205",
    title: "男士休闲短袖衬衫",
    category: "服装 > 男装 > 衬衫",
    vendor: "本白",
    description: "透气亚麻混纺。",
    price: 9900,
    weightGrams: 250,
    colours: ["blue", "white"],
    sizes: ["L", "XL", "XXL"],
    materials: ["cotton", "linen"],
  },
  {
    handle: "ZG-206",
    title: "全棉浴袍",
    category: "家居 > 浴袍",
    vendor: "本白",
    description: "吸水速干。",
    price: 19900,
    weightGrams: 1000,
    colours: ["white", "grey"],
    sizes: ["One Size"],
    materials: ["cotton"],
  },
  {
    handle: "ZG-207",
    title: "亚麻围裙",
    category: "家居 > 厨房",
    vendor: "麻间",
    description: "可调节肩带。",
    price: 5900,
    weightGrams: 150,
    colours: ["khaki", "green"],
    sizes: ["One Size"],
    materials: ["linen"],
  },
  {
    handle: "ZG-208",
    title: "纯棉运动袜",
    category: "配饰 > 袜子",
    vendor: "本白",
    description: "五双装。",
    price: 3900,
    weightGrams: 100,
    colours: ["black", "white", "grey"],
    sizes: ["M", "L"],
    materials: ["cotton"],
  },
  {
    handle: "ZG-209",
    title: "女士棉质吊带背心",
    category: "服装 > 女装 > 背心",
    vendor: "本白",
    description: "",
    price: 3900,
    weightGrams: 100,
    colours: ["black", "white", "pink"],
    sizes: ["S", "M"],
    materials: ["cotton"],
  },
  {
    handle: "ZG-210",
    title: "男士亚麻休闲裤",
    category: "服装 > 男装 > 裤子",
    vendor: "麻间",
    description: "九分裤型。",
    price: 17900,
    compareAt: 19900,
    weightGrams: 500,
    colours: ["khaki", "navy"],
    sizes: ["L", "XL"],
    materials: ["linen"],
  },
];

const ZH_HANT: ProductSpec[] = [
  {
    handle: "ZT-301",
    title: "女裝針織毛衣",
    category: "服裝 > 女裝 > 毛衣",
    vendor: "綿織",
    description: "柔軟保暖。",
    price: 15900,
    compareAt: 18900,
    weightGrams: 400,
    colours: ["burgundy", "beige"],
    sizes: ["S", "M", "L"],
  },
  {
    handle: "ZT-302",
    title: "男裝POLO衫",
    category: "服裝 > 男裝 > POLO衫",
    vendor: "綿織",
    description: "珠地網眼布。",
    price: 12900,
    weightGrams: 250,
    colours: ["navy", "white", "red"],
    sizes: ["M", "L", "XL"],
  },
  {
    handle: "ZT-303",
    title: "格紋圍巾",
    category: "配飾 > 圍巾",
    vendor: "暖冬",
    description: "",
    price: 8900,
    weightGrams: 200,
    colours: ["red", "grey"],
    sizes: ["One Size"],
  },
  {
    handle: "ZT-304",
    title: "女裝牛仔外套",
    category: "服裝 > 女裝 > 外套",
    vendor: "綿織",
    description: "水洗做舊。",
    price: 29900,
    compareAt: 35900,
    weightGrams: 800,
    colours: ["blue", "black"],
    sizes: ["S", "M", "L", "XL"],
  },
  {
    handle: "ZT-305",
    title: "男裝連帽外套",
    category: "服裝 > 男裝 > 外套",
    vendor: "北緯",
    description: "防風防潑水。",
    price: 39900,
    weightGrams: 700,
    colours: ["black", "navy", "khaki"],
    sizes: ["L", "XL", "XXL"],
  },
  {
    handle: "ZT-306",
    title: "棒球帽",
    category: "配飾 > 帽子",
    vendor: "北緯",
    description: "可調節後扣。",
    price: 4900,
    weightGrams: 100,
    colours: ["black", "white", "navy"],
    sizes: ["One Size"],
  },
  {
    handle: "ZT-307",
    title: "女裝百褶裙",
    category: "服裝 > 女裝 > 半身裙",
    vendor: "綿織",
    description: "高腰A字。",
    price: 15900,
    weightGrams: 300,
    colours: ["black", "khaki"],
    sizes: ["S", "M", "L"],
  },
  {
    handle: "ZT-308",
    title: "男裝休閒短褲",
    category: "服裝 > 男裝 > 褲子",
    vendor: "北緯",
    description: "純棉斜紋。",
    price: 9900,
    compareAt: 12900,
    weightGrams: 300,
    colours: ["khaki", "navy", "grey"],
    sizes: ["M", "L", "XL"],
  },
  {
    handle: "ZT-309",
    title: "女裝羽絨外套",
    category: "服裝 > 女裝 > 羽絨服",
    vendor: "暖冬",
    description: "輕薄保暖。",
    price: 59900,
    compareAt: 69900,
    weightGrams: 1000,
    colours: ["black", "burgundy"],
    sizes: ["S", "M", "L"],
  },
  {
    handle: "ZT-310",
    title: "保暖毛線帽",
    category: "配飾 > 帽子",
    vendor: "暖冬",
    description: "雙層加厚。",
    price: 5900,
    weightGrams: 100,
    colours: ["red", "grey", "black"],
    sizes: ["One Size"],
  },
];

const EN: ProductSpec[] = [
  {
    handle: "merino-crew-sweater",
    title: "Merino Crew Sweater",
    category: "Apparel > Men > Knitwear",
    vendor: "Northfield",
    description: "Fine merino wool, ribbed cuffs.",
    price: 39900,
    compareAt: 45900,
    weightGrams: 350,
    colours: ["navy", "grey", "burgundy"],
    sizes: ["S", "M", "L", "XL"],
  },
  {
    handle: "oxford-shirt",
    title: "Classic Oxford Shirt",
    category: "Apparel > Men > Shirts",
    vendor: "Northfield",
    description: "Button-down collar.",
    price: 21900,
    weightGrams: 300,
    colours: ["white", "blue"],
    sizes: ["M", "L", "XL", "XXL"],
  },
  {
    handle: "canvas-tote",
    title: "Canvas Tote Bag",
    category: "Accessories > Bags",
    vendor: "Harbour",
    description: "",
    price: 7900,
    weightGrams: 400,
    colours: ["beige", "black", "navy"],
    sizes: ["One Size"],
  },
  {
    handle: "rain-jacket",
    title: "Packable Rain Jacket",
    category: "Apparel > Women > Outerwear",
    vendor: "Harbour",
    description: "Waterproof, folds into its pocket.",
    price: 45900,
    compareAt: 55900,
    weightGrams: 500,
    colours: ["red", "navy", "black"],
    sizes: ["S", "M", "L"],
  },
  {
    handle: "chino-shorts",
    title: "Chino Shorts",
    category: "Apparel > Men > Shorts",
    vendor: "Northfield",
    description: "Stretch cotton twill.",
    price: 15900,
    weightGrams: 250,
    colours: ["khaki", "navy"],
    sizes: ["M", "L", "XL"],
  },
  {
    handle: "wool-beanie",
    title: "Wool Beanie",
    category: "Accessories > Hats",
    vendor: "Harbour",
    description: "Double-layer knit.",
    price: 6900,
    weightGrams: 100,
    colours: ["red", "grey", "black"],
    sizes: ["One Size"],
  },
  {
    handle: "linen-dress",
    title: "Linen Midi Dress",
    category: "Apparel > Women > Dresses",
    vendor: "Harbour",
    description: "Relaxed fit, side pockets.",
    price: 32900,
    compareAt: 38900,
    weightGrams: 300,
    colours: ["white", "green"],
    sizes: ["S", "M", "L", "XL"],
  },
  {
    handle: "hooded-sweatshirt",
    title: "Hooded Sweatshirt",
    category: "Apparel > Men > Sweatshirts",
    vendor: "Northfield",
    description: "Brushed fleece inside.",
    price: 25900,
    weightGrams: 600,
    colours: ["grey", "black", "red"],
    sizes: ["M", "L", "XL"],
  },
  {
    handle: "leather-belt",
    title: "Leather Belt",
    category: "Accessories > Belts",
    vendor: "Harbour",
    description: "Full-grain leather.",
    price: 19900,
    weightGrams: 200,
    colours: ["black", "burgundy"],
    sizes: ["M", "L"],
  },
  {
    handle: "running-tee",
    title: "Running Tee",
    category: "Apparel > Women > Activewear",
    vendor: "Northfield",
    description: "Quick-dry mesh.",
    price: 12900,
    compareAt: 14900,
    weightGrams: 150,
    colours: ["pink", "black", "blue"],
    sizes: ["S", "M", "L"],
  },
];

interface Built {
  files: Map<string, Buffer>;
  expected: Record<string, ExpectedFile>;
  bad: Record<string, ExpectedBad>;
}

/** One native supplier sheet: header names per script, rows of cells with the messy spellings. */
function supplierSheet(
  name: string,
  specs: ProductSpec[],
  script: Script,
  headers: Record<string, string>,
  rng: Rng,
  opts: { gbk?: boolean; numericPrices?: boolean } = {},
): { header: string[]; rows: (string | number)[][]; expected: ExpectedFile } {
  const speller = new Speller(script);
  const hasMaterial = specs.some((p) => p.materials);
  const order = [
    "handle",
    "title",
    "sku",
    "colour",
    "size",
    ...(hasMaterial ? ["material"] : []),
    "price",
    "compareAt",
    "inventory",
    "weight",
    "vendor",
    "category",
    "description",
  ];
  const header = order.map((k) => headers[k] as string);
  const rows: (string | number)[][] = [];
  const samples: ExpectedVariant[] = [];
  const axes: Record<string, string[]> = {};
  for (const p of specs) {
    const handle = p.handle.toLowerCase();
    axes[handle] = axesOf(p);
    for (const v of variantsOf(p, `SUP-${p.handle}`, rng)) {
      const money = (fen: number) => (opts.numericPrices && rng.chance(0.7) ? fen / 100 : messyPrice(fen, speller, opts.gbk));
      const cells: Record<string, string | number> = {
        handle: p.handle,
        title: p.title,
        sku: v.sku,
        colour: speller.write("colour", v.options.colour as string),
        size: speller.write("size", v.options.size as string),
        material: v.options.material ? speller.write("material", v.options.material) : "",
        price: money(v.price),
        compareAt: v.compareAtPrice === null ? "" : money(v.compareAtPrice),
        inventory: opts.numericPrices ? v.inventory : String(v.inventory),
        weight: messyWeight(v.weightGrams, speller, script),
        vendor: p.vendor,
        category: p.category,
        description: p.description,
      };
      rows.push(order.map((k) => cells[k] as string | number));
      const raw: Record<string, string> = { colour: String(cells.colour), size: String(cells.size) };
      if (v.options.material) raw.material = String(cells.material);
      samples.push({ row: rows.length + 1, handle, ...v, raw });
    }
  }
  const expected: ExpectedFile = { products: specs.length, variants: samples.length, currency: "CNY", axes, samples };
  if (samples.length < 30 || name === "") throw new Error(`${name}: too few variants`);
  return { header, rows, expected };
}

const ZH_HEADERS = {
  handle: "款号",
  title: "商品名称",
  sku: "商家编码",
  colour: "颜色",
  size: "尺码",
  material: "材质",
  price: "售价",
  compareAt: "划线价",
  inventory: "库存",
  weight: "重量",
  vendor: "品牌",
  category: "类目",
  description: "商品描述",
};
/** The GBK sheet comes from another supplier's ERP: other words for the same columns. */
const GBK_HEADERS = {
  handle: "商品编号",
  title: "商品标题",
  sku: "货号",
  colour: "颜色分类",
  size: "尺寸",
  material: "材质",
  price: "价格",
  compareAt: "市场价",
  inventory: "数量",
  weight: "毛重",
  vendor: "品牌",
  category: "分类",
  description: "详情",
};
const HANT_HEADERS = {
  handle: "款號",
  title: "商品名稱",
  sku: "商家編碼",
  colour: "顏色",
  size: "尺碼",
  material: "材質",
  price: "售價",
  compareAt: "原價",
  inventory: "庫存",
  weight: "重量",
  vendor: "品牌",
  category: "類目",
  description: "商品描述",
};
const EN_HEADERS = {
  handle: "Handle",
  title: "Title",
  sku: "SKU",
  colour: "Colour",
  size: "Size",
  material: "Material",
  price: "Price",
  compareAt: "Compare at price",
  inventory: "Stock",
  weight: "Weight",
  vendor: "Vendor",
  category: "Category",
  description: "Description",
};

// --- Shopify and WooCommerce ------------------------------------------------------------------------

/** Shopify's current product CSV header (2024+), as its template writes it. */
const SHOPIFY_HEADER =
  "Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Inventory tracker,Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,SEO title,SEO description,Color (product.metafields.shopify.color-pattern),Google Shopping / Google product category,Google Shopping / Gender,Google Shopping / Age group,Google Shopping / Manufacturer part number (MPN),Google Shopping / Ad group name,Google Shopping / Ads labels,Google Shopping / Condition,Google Shopping / Custom product,Google Shopping / Custom label 0,Google Shopping / Custom label 1,Google Shopping / Custom label 2,Google Shopping / Custom label 3,Google Shopping / Custom label 4".split(
    ",",
  );

const SHOPIFY_PRODUCTS: ProductSpec[] = [
  {
    handle: "sup-linen-shirt",
    title: "Linen Camp Shirt",
    category: "Shirts",
    vendor: "Harbour",
    description: "<p>Breezy linen, camp collar.</p>",
    price: 25900,
    compareAt: 29900,
    weightGrams: 250,
    colours: ["white", "navy"],
    sizes: ["S", "M", "L", "XL"],
    tags: ["summer", "linen"],
    images: 3,
  },
  {
    handle: "sup-knit-polo",
    title: "Knit Polo",
    category: "Shirts",
    vendor: "Harbour",
    description: "<p>Fine-gauge cotton knit.</p>",
    price: 19900,
    weightGrams: 200,
    colours: ["burgundy", "black", "white"],
    sizes: ["M", "L", "XL"],
    tags: ["knitwear"],
    images: 1,
  },
  {
    handle: "sup-utility-trousers",
    title: "Utility Trousers",
    category: "Trousers",
    vendor: "Northfield",
    description: "<p>Six pockets, tapered leg.</p>",
    price: 29900,
    weightGrams: 600,
    colours: ["khaki", "black"],
    sizes: ["M", "L", "XL"],
    materials: ["cotton", "linen"],
    tags: ["workwear"],
    images: 2,
  },
  {
    handle: "sup-bucket-hat",
    title: "Bucket Hat",
    category: "Hats",
    vendor: "Harbour",
    description: "<p>Reversible.</p>",
    price: 8900,
    weightGrams: 100,
    colours: ["beige", "navy", "red"],
    sizes: ["One Size"],
    tags: ["accessories"],
    images: 1,
  },
  {
    handle: "sup-fleece-jacket",
    title: "Fleece Jacket",
    category: "Outerwear",
    vendor: "Northfield",
    description: "<p>Recycled polyester fleece.</p>",
    price: 39900,
    compareAt: 49900,
    weightGrams: 700,
    colours: ["grey", "green"],
    sizes: ["S", "M", "L", "XL", "XXL"],
    tags: ["outdoor", "winter"],
    images: 2,
  },
  {
    handle: "sup-summer-dress",
    title: "Summer Wrap Dress",
    category: "Dresses",
    vendor: "Harbour",
    description: "<p>Tie waist, midi length.</p>",
    price: 35900,
    weightGrams: 300,
    colours: ["red", "pink", "blue"],
    sizes: ["S", "M", "L"],
    materials: ["cotton", "linen"],
    tags: ["summer"],
    images: 1,
  },
  {
    handle: "sup-gift-box",
    title: "Gift Box",
    category: "Gifts",
    vendor: "Harbour",
    description: "<p>Wrapped and ready.</p>",
    price: 4900,
    weightGrams: 300,
    colours: [],
    sizes: [],
    tags: ["gift"],
    images: 1,
  },
];

function shopifySheet(rng: Rng): { text: string; expected: ExpectedFile } {
  const speller = new Speller("en");
  const col = new Map(SHOPIFY_HEADER.map((h, i) => [h, i]));
  const rows: string[][] = [];
  const samples: ExpectedVariant[] = [];
  const axes: Record<string, string[]> = {};
  let variants = 0;
  const row = (cells: Record<string, string>): string[] => {
    const r = new Array<string>(SHOPIFY_HEADER.length).fill("");
    for (const [h, v] of Object.entries(cells)) {
      const i = col.get(h);
      if (i === undefined) throw new Error(`no Shopify column ${h}`);
      r[i] = v;
    }
    return r;
  };
  for (const p of SHOPIFY_PRODUCTS) {
    const noOptions = p.colours.length === 0;
    const specAxes = noOptions ? [] : axesOf(p);
    axes[p.handle] = specAxes;
    const vs: VariantSpec[] = noOptions
      ? [{ sku: "SUP-SH-GIFT", options: {}, price: p.price, compareAtPrice: null, weightGrams: p.weightGrams, inventory: 40 }]
      : variantsOf(p, `SUP-SH-${p.handle.slice(4).toUpperCase()}`, rng);
    // Shopify shows options in the merchant's order: size first here, colour second.
    const optionOrder = specAxes.length > 0 ? ["size", "colour", ...specAxes.slice(2)] : [];
    const optionName: Record<string, string> = { size: "Size", colour: "Color", material: "Material" };
    vs.forEach((v, i) => {
      const cells: Record<string, string> = {
        "URL handle": p.handle,
        SKU: v.sku,
        Price: (v.price / 100).toFixed(2),
        "Compare-at price": v.compareAtPrice === null ? "" : (v.compareAtPrice / 100).toFixed(2),
        "Charge tax": "TRUE",
        "Inventory tracker": "shopify",
        "Inventory quantity": String(v.inventory),
        "Continue selling when out of stock": "DENY",
        "Weight value (grams)": String(v.weightGrams),
        "Weight unit for display": "g",
        "Requires shipping": "TRUE",
        "Fulfillment service": "manual",
      };
      const raw: Record<string, string> = {};
      if (noOptions) {
        cells["Option1 value"] = "Default Title";
        if (i === 0) cells["Option1 name"] = "Title";
      }
      optionOrder.forEach((axis, n) => {
        const written = speller.write(axis as "colour" | "size" | "material", v.options[axis] as string);
        cells[`Option${n + 1} value`] = written;
        raw[axis] = written;
        if (i === 0) cells[`Option${n + 1} name`] = optionName[axis] as string;
      });
      if (i === 0) {
        Object.assign(cells, {
          Title: p.title,
          Description: p.description,
          Vendor: p.vendor,
          Type: p.category,
          Tags: (p.tags ?? []).join(", "),
          "Published on online store": "TRUE",
          Status: "active",
          "Gift card": "FALSE",
          "Product image URL": `https://cdn.example.com/${p.handle}/1.jpg`,
          "Image position": "1",
        });
      }
      rows.push(row(cells));
      variants++;
      samples.push({ row: rows.length + 1, handle: p.handle, ...v, raw });
    });
    for (let n = 2; n <= (p.images ?? 1); n++) {
      rows.push(
        row({ "URL handle": p.handle, "Product image URL": `https://cdn.example.com/${p.handle}/${n}.jpg`, "Image position": String(n) }),
      );
    }
  }
  return {
    text: `${stringify([SHOPIFY_HEADER, ...rows], { record_delimiter: "\n" })}`,
    expected: { products: SHOPIFY_PRODUCTS.length, variants, currency: "CNY", axes, samples },
  };
}

/** WooCommerce's exporter header (sample_products.csv layout, kg/cm store units). */
const WOO_HEADER = [
  "ID",
  "Type",
  "SKU",
  "Name",
  "Published",
  "Is featured?",
  "Visibility in catalog",
  "Short description",
  "Description",
  "Date sale price starts",
  "Date sale price ends",
  "Tax status",
  "Tax class",
  "In stock?",
  "Stock",
  "Backorders allowed?",
  "Sold individually?",
  "Weight (kg)",
  "Length (cm)",
  "Width (cm)",
  "Height (cm)",
  "Allow customer reviews?",
  "Purchase note",
  "Sale price",
  "Regular price",
  "Categories",
  "Tags",
  "Shipping class",
  "Images",
  "Download limit",
  "Download expiry days",
  "Parent",
  "Grouped products",
  "Upsells",
  "Cross-sells",
  "External URL",
  "Button text",
  "Position",
  "Attribute 1 name",
  "Attribute 1 value(s)",
  "Attribute 1 visible",
  "Attribute 1 global",
  "Attribute 2 name",
  "Attribute 2 value(s)",
  "Attribute 2 visible",
  "Attribute 2 global",
  "Meta: _wpcom_is_markdown",
];

interface WooProduct {
  id: number;
  spec: ProductSpec;
  /** How the variations name their parent. */
  parentBy: "sku" | "id";
  /** Variations written before the parent row (WooCommerce does not order its exports). */
  variationsFirst?: boolean;
  onSale?: boolean;
}

const WOO_VARIABLE: WooProduct[] = [
  {
    id: 5001,
    parentBy: "sku",
    onSale: true,
    spec: {
      handle: "sup-woo-hoodie",
      title: "Organic Hoodie",
      category: "Clothing > Hoodies",
      vendor: "",
      description: "Organic cotton fleece.",
      price: 27900,
      compareAt: 32900,
      weightGrams: 600,
      colours: ["grey", "navy", "burgundy"],
      sizes: ["S", "M", "L", "XL"],
    },
  },
  {
    id: 5011,
    parentBy: "id",
    spec: {
      handle: "sup-woo-vneck",
      title: "V-Neck Tee",
      category: "Clothing > Tshirts",
      vendor: "",
      description: "Slim fit.",
      price: 8900,
      weightGrams: 200,
      colours: ["red", "white", "black"],
      sizes: ["M", "L"],
    },
  },
  {
    id: 5021,
    parentBy: "sku",
    variationsFirst: true,
    spec: {
      handle: "sup-woo-cardigan",
      title: "Wool Cardigan",
      category: "Clothing > Knitwear",
      vendor: "",
      description: "Lambswool blend.",
      price: 36900,
      weightGrams: 450,
      colours: ["beige", "navy"],
      sizes: ["S", "M", "L"],
    },
  },
  {
    id: 5031,
    parentBy: "sku",
    onSale: true,
    spec: {
      handle: "sup-woo-scarf",
      title: "Striped Scarf",
      category: "Accessories > Scarves",
      vendor: "",
      description: "",
      price: 9900,
      compareAt: 12900,
      weightGrams: 150,
      colours: ["red", "green", "blue"],
      sizes: ["One Size"],
    },
  },
];

const WOO_SIMPLE = [
  {
    id: 5101,
    sku: "SUP-WOO-MUG",
    title: "Enamel Mug",
    category: "Home > Kitchen",
    price: 5900,
    compareAt: null,
    weightGrams: 300,
    inventory: 25,
  },
  {
    id: 5102,
    sku: "SUP-WOO-CANDLE",
    title: "Soy Candle",
    category: "Home > Decor",
    price: 7900,
    compareAt: 9900,
    weightGrams: 400,
    inventory: 12,
  },
  {
    id: 5103,
    sku: "SUP-WOO-KEYRING",
    title: "Leather Keyring",
    category: "Accessories",
    price: 3900,
    compareAt: null,
    weightGrams: 50,
    inventory: 0,
  },
];

function wooSheet(rng: Rng): { text: string; expected: ExpectedFile } {
  const speller = new Speller("en");
  const col = new Map(WOO_HEADER.map((h, i) => [h, i]));
  const rows: string[][] = [];
  const samples: ExpectedVariant[] = [];
  let variants = 0;
  const row = (cells: Record<string, string>): string[] => {
    const r = new Array<string>(WOO_HEADER.length).fill("");
    for (const [h, v] of Object.entries(cells)) {
      const i = col.get(h);
      if (i === undefined) throw new Error(`no WooCommerce column ${h}`);
      r[i] = v;
    }
    r[col.get("Meta: _wpcom_is_markdown") ?? -1] = "1";
    return r;
  };
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const kg = (g: number) => String(g / 1000);
  const common = {
    Published: "1",
    "Is featured?": "0",
    "Visibility in catalog": "visible",
    "Tax status": "taxable",
    "Backorders allowed?": "0",
    "Sold individually?": "0",
  };
  const pending: { row: string[]; sample: Omit<ExpectedVariant, "row"> }[] = [];
  const flush = () => {
    for (const p of pending) {
      rows.push(p.row);
      samples.push({ row: rows.length + 1, ...p.sample });
    }
    pending.length = 0;
  };
  for (const w of WOO_VARIABLE) {
    const p = w.spec;
    const vs = variantsOf(p, `SUP-WOO-${p.handle.slice(8).toUpperCase()}`, rng);
    const label = (axis: "colour" | "size", value: string) => speller.write(axis, value);
    const parent = row({
      ...common,
      ID: String(w.id),
      Type: "variable",
      SKU: p.handle,
      Name: p.title,
      Description: p.description,
      "In stock?": "1",
      Categories: p.category,
      Images: `https://shop.example.com/wp-content/uploads/${p.handle}.jpg`,
      "Allow customer reviews?": "1",
      Position: "0",
      "Attribute 1 name": "Color",
      "Attribute 1 value(s)": p.colours.map((c) => SPELLINGS.colour.en[c]?.[0]).join(", "),
      "Attribute 1 visible": "1",
      "Attribute 1 global": "1",
      "Attribute 2 name": "Size",
      "Attribute 2 value(s)": p.sizes.map((s) => SPELLINGS.size.en[s]?.[0]).join(", "),
      "Attribute 2 visible": "1",
      "Attribute 2 global": "1",
    });
    if (!w.variationsFirst) rows.push(parent);
    vs.forEach((v, i) => {
      const colour = label("colour", v.options.colour as string);
      const size = label("size", v.options.size as string);
      // On sale: regular = the compare-at price, sale = the price.
      const sale = w.onSale && v.compareAtPrice !== null;
      const cells = {
        ...common,
        ID: String(w.id + 1 + i),
        Type: "variation",
        SKU: v.sku,
        Name: `${p.title} - ${colour}, ${size}`,
        "Tax class": "parent",
        "In stock?": v.inventory > 0 ? "1" : "0",
        Stock: String(v.inventory),
        "Weight (kg)": kg(v.weightGrams),
        "Allow customer reviews?": "0",
        "Sale price": sale ? yuan(v.price) : "",
        "Regular price": sale ? yuan(v.compareAtPrice as number) : yuan(v.price),
        Parent: w.parentBy === "id" ? `id:${w.id}` : p.handle,
        Position: String(i + 1),
        "Attribute 1 name": "Color",
        "Attribute 1 value(s)": colour,
        "Attribute 1 global": "1",
        "Attribute 2 name": "Size",
        "Attribute 2 value(s)": size,
        "Attribute 2 global": "1",
      };
      variants++;
      const compareAtPrice = sale ? v.compareAtPrice : null;
      pending.push({
        row: row(cells),
        sample: {
          parentSku: p.handle,
          sku: v.sku,
          options: v.options,
          price: v.price,
          compareAtPrice,
          weightGrams: v.weightGrams,
          inventory: v.inventory,
          raw: { colour, size, parent: cells.Parent },
        },
      });
    });
    flush();
    if (w.variationsFirst) rows.push(parent);
  }
  for (const s of WOO_SIMPLE) {
    const sale = s.compareAt !== null;
    rows.push(
      row({
        ...common,
        ID: String(s.id),
        Type: "simple",
        SKU: s.sku,
        Name: s.title,
        Description: `${s.title}.`,
        "In stock?": s.inventory > 0 ? "1" : "0",
        Stock: String(s.inventory),
        "Weight (kg)": kg(s.weightGrams),
        "Allow customer reviews?": "1",
        "Sale price": sale ? yuan(s.price) : "",
        "Regular price": sale ? yuan(s.compareAt as number) : yuan(s.price),
        Categories: s.category,
        Position: "0",
      }),
    );
    variants++;
    samples.push({
      row: rows.length + 1,
      sku: s.sku,
      options: {},
      price: s.price,
      compareAtPrice: s.compareAt,
      weightGrams: s.weightGrams,
      inventory: s.inventory,
      raw: {},
    });
  }
  // Parent rows reordered by variationsFirst: recompute the sample rows from the final row order.
  const rowOfSku = new Map(rows.map((r, i) => [r[col.get("SKU") ?? -1], i + 2]));
  for (const s of samples) s.row = rowOfSku.get(s.sku) ?? -1;
  const axesByParentSku: Record<string, string[]> = Object.fromEntries(WOO_VARIABLE.map((w) => [w.spec.handle, ["colour", "size"]]));
  return {
    text: stringify([WOO_HEADER, ...rows], { record_delimiter: "\n" }),
    expected: { products: WOO_VARIABLE.length + WOO_SIMPLE.length, variants, currency: "CNY", axesByParentSku, samples },
  };
}

// --- Bad inputs ----------------------------------------------------------------------------------

const BAD_HEADER = ["款号", "商品名称", "商家编码", "颜色", "尺码", "售价", "划线价", "库存", "条码"];

function badNative(rows: string[][]): Buffer {
  return csvBytes([BAD_HEADER, ...rows], true);
}

const good = (sku: string, colour: string, size: string): string[] => ["BAD-1", "测试T恤", sku, colour, size, "129.00", "", "10", ""];

async function badFiles(
  rng: Rng,
): Promise<{ files: Map<string, Buffer>; bad: Record<string, ExpectedBad>; lenient: Record<string, ExpectedBad> }> {
  const files = new Map<string, Buffer>();
  const bad: Record<string, ExpectedBad> = {};
  const lenient: Record<string, ExpectedBad> = {};
  const add = (name: string, bytes: Buffer, expected: ExpectedBad) => {
    files.set(`bad/${name}`, bytes);
    bad[`bad/${name}`] = expected;
  };
  // What the platforms accept (issue 11): imported, with a warning at the cell.
  const addLenient = (name: string, bytes: Buffer, expected: ExpectedBad) => {
    files.set(`lenient/${name}`, bytes);
    lenient[`lenient/${name}`] = expected;
  };
  add(
    "duplicate-sku.csv",
    badNative([
      good("SUP-BAD-1", "红色", "M"),
      good("SUP-BAD-2", "红色", "L"),
      good("SUP-BAD-3", "黑色", "M"),
      good("SUP-BAD-2", "黑色", "L"),
    ]),
    {
      row: 5,
      column: "商家编码",
      problem: "SKU SUP-BAD-2 is also on row 3",
    },
  );
  add(
    "duplicate-axis-combination.csv",
    badNative([good("SUP-BAD-1", "红色", "M"), good("SUP-BAD-2", "红色", "L"), good("SUP-BAD-3", "大红", "大码")]),
    { row: 4, problem: "same colour red and size L as row 3 (大红 = 红色, 大码 = L)" },
  );
  add("missing-axis.csv", badNative([good("SUP-BAD-1", "红色", "M"), good("SUP-BAD-2", "红色", "L"), good("SUP-BAD-3", "黑色", "")]), {
    row: 4,
    column: "尺码",
    problem: "the variant has no size while the product's other variants do",
  });
  addLenient("unknown-size.csv", badNative([good("SUP-BAD-1", "红色", "M"), good("SUP-BAD-2", "红色", "XLL")]), {
    row: 3,
    column: "尺码",
    problem: 'unknown size "XLL" is kept as written; suggestions include XL',
  });
  const sci = good("SUP-BAD-1", "红色", "M");
  sci[8] = "6.9E+12";
  addLenient("barcode-scientific.csv", badNative([sci, good("SUP-BAD-2", "红色", "L")]), {
    row: 2,
    column: "条码",
    problem: "barcode 6.9E+12 is in scientific notation (Excel rounded it): the cell is ignored",
  });
  const abc = good("SUP-BAD-2", "红色", "L");
  abc[5] = "abc";
  add("price-abc.csv", badNative([good("SUP-BAD-1", "红色", "M"), abc]), { row: 3, column: "售价", problem: '"abc" is not an amount' });
  const negative = good("SUP-BAD-1", "红色", "M");
  negative[5] = "-129";
  add("negative-price.csv", badNative([negative, good("SUP-BAD-2", "红色", "L")]), {
    row: 2,
    column: "售价",
    problem: "price must be greater than 0",
  });
  const below = good("SUP-BAD-1", "红色", "M");
  below[6] = "99.00";
  addLenient("compare-at-below-price.csv", badNative([below, good("SUP-BAD-2", "红色", "L")]), {
    row: 2,
    column: "划线价",
    problem: "compare-at price 99.00 is below the price 129.00: not sent",
  });

  const wooHead = [
    "ID",
    "Type",
    "SKU",
    "Name",
    "Published",
    "Regular price",
    "Sale price",
    "Stock",
    "Parent",
    "Attribute 1 name",
    "Attribute 1 value(s)",
    "Attribute 1 visible",
    "Attribute 1 global",
  ];
  add(
    "woocommerce-missing-parent.csv",
    csvBytes(
      [
        wooHead,
        ["6001", "variable", "sup-woo-bad-tee", "Tee", "1", "", "", "", "", "Color", "Red, Black", "1", "0"],
        ["6002", "variation", "SUP-WOO-BAD-RED", "Tee - Red", "1", "89.00", "", "5", "sup-woo-bad-tee", "Color", "Red", "", "0"],
        ["6003", "variation", "SUP-WOO-BAD-GHOST", "Ghost - Red", "1", "89.00", "", "5", "sup-woo-ghost", "Color", "Red", "", "0"],
      ],
      false,
    ),
    { row: 4, column: "Parent", problem: 'the parent "sup-woo-ghost" is not in the file' },
  );
  const shopHead = ["Handle", "Title", "Option1 Name", "Option1 Value", "Variant SKU", "Variant Price", "Status"];
  add(
    "shopify-option-value-without-name.csv",
    csvBytes(
      [
        shopHead,
        ["sup-bad-cap", "Cap", "", "Red", "SUP-SH-BAD-RED", "49.00", "active"],
        ["sup-bad-cap", "", "", "Black", "SUP-SH-BAD-BLK", "49.00", ""],
      ],
      false,
    ),
    { row: 2, problem: "Option1 Value is set but Option1 Name is empty on the product's first row" },
  );
  add(
    "proto-header.csv",
    csvBytes(
      [
        ["商品名称", "商家编码", "售价", "__proto__"],
        ["测试T恤", "SUP-BAD-1", "129.00", "x"],
      ],
      true,
    ),
    {
      row: 1,
      column: "__proto__",
      problem: "column name __proto__ is not allowed",
    },
  );
  add("empty.csv", Buffer.alloc(0), { problem: "the file is empty" });
  add("merged-formulas.xlsx", await mergedFormulasXlsx(), {
    problem:
      "title merged over rows 2-4, prices are formulas (cached results 90, 90, 100): one product of 3 variants priced from the cached results, or a refusal naming the cells",
  });
  const random = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < random.length; i += 4) random.writeUInt32LE(Math.floor(rng.float() * 0x100000000), i);
  add("random.csv", random, { problem: "not a spreadsheet: 3 MB of random bytes" });
  return { files, bad, lenient };
}

/** Title merged down over its three variant rows, price = cost × 2 as formulas with cached results. */
async function mergedFormulasXlsx(): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet("商品");
  ws.addRow(["商品名称", "商家编码", "颜色", "尺码", "成本价", "售价"]);
  const rows: [string, string, string, number][] = [
    ["SUP-BAD-1", "红色", "M", 45],
    ["SUP-BAD-2", "红色", "L", 45],
    ["SUP-BAD-3", "黑色", "M", 50],
  ];
  rows.forEach(([sku, colour, size, cost], i) => {
    const r = i + 2;
    ws.addRow([i === 0 ? "合并标题T恤" : null, sku, colour, size, cost]);
    ws.getCell(`F${r}`).value = { formula: `E${r}*2`, result: cost * 2 };
  });
  ws.mergeCells("A2:A4");
  return xlsxBytes(wb);
}

// --- Writing ---------------------------------------------------------------------------------------

function csvBytes(rows: (string | number)[][], bom: boolean): Buffer {
  const text = stringify(rows, { record_delimiter: "\r\n" });
  return Buffer.from(bom ? `\uFEFF${text}` : text, "utf8");
}

export function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "merchops";
  wb.lastModifiedBy = "merchops";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

/** The workbook as bytes with every zip entry's DOS time pinned to FIXED_DATE (JSZip stamps "now"). */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** Rewrites the modification time and date of every local header and central directory entry. */
export function pinZipTimes(zip: Buffer, at: Date = FIXED_DATE): Buffer {
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1);
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const out = Buffer.from(zip);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && i + 30 <= out.length) {
      out.writeUInt16LE(time, i + 10);
      out.writeUInt16LE(date, i + 12);
      i += 29;
    } else if (sig === 0x02014b50 && i + 46 <= out.length) {
      out.writeUInt16LE(time, i + 12);
      out.writeUInt16LE(date, i + 14);
      i += 45;
    }
  }
  return out;
}

async function sheetXlsx(sheetName: string, header: string[], rows: (string | number)[][], textColumns: string[]): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  for (const h of textColumns) ws.getColumn(header.indexOf(h) + 1).numFmt = "@";
  return xlsxBytes(wb);
}

/** Every fixture as path -> bytes, EXPECTED.json included. */
export async function buildCatalogFixtures(): Promise<Map<string, Buffer>> {
  const rng = (name: string) => Rng.stream(SEED, name);
  const built: Built = { files: new Map(), expected: {}, bad: {} };

  const utf8 = supplierSheet("supplier-zh-utf8.csv", ZH_UTF8, "zh", ZH_HEADERS, rng("zh-utf8"));
  built.files.set("supplier-zh-utf8.csv", csvBytes([utf8.header, ...utf8.rows], true));
  built.expected["supplier-zh-utf8.csv"] = utf8.expected;

  const gbk = supplierSheet("supplier-zh-gbk.csv", ZH_GBK, "zh", GBK_HEADERS, rng("zh-gbk"), { gbk: true });
  const gbkText = stringify([gbk.header, ...gbk.rows], { record_delimiter: "\r\n" });
  const gbkBytes = iconv.encode(gbkText, "gbk");
  if (iconv.decode(gbkBytes, "gbk") !== gbkText) throw new Error("supplier-zh-gbk.csv: a character GBK cannot hold");
  built.files.set("supplier-zh-gbk.csv", gbkBytes);
  built.expected["supplier-zh-gbk.csv"] = gbk.expected;

  const hant = supplierSheet("supplier-zh-hant.xlsx", ZH_HANT, "hant", HANT_HEADERS, rng("zh-hant"), { numericPrices: true });
  built.files.set("supplier-zh-hant.xlsx", await sheetXlsx("商品", hant.header, hant.rows, ["商家編碼", "款號"]));
  built.expected["supplier-zh-hant.xlsx"] = hant.expected;

  const en = supplierSheet("supplier-en.xlsx", EN, "en", EN_HEADERS, rng("en"), { numericPrices: true });
  built.files.set("supplier-en.xlsx", await sheetXlsx("Products", en.header, en.rows, ["SKU"]));
  built.expected["supplier-en.xlsx"] = en.expected;

  const shopify = shopifySheet(rng("shopify"));
  built.files.set("shopify-products.csv", Buffer.from(shopify.text, "utf8"));
  built.expected["shopify-products.csv"] = shopify.expected;

  const woo = wooSheet(rng("woocommerce"));
  built.files.set("woocommerce-products.csv", Buffer.from(woo.text, "utf8"));
  built.expected["woocommerce-products.csv"] = woo.expected;

  const bad = await badFiles(rng("bad"));
  for (const [name, bytes] of bad.files) built.files.set(name, bytes);

  const expected = {
    note: "Written by scripts/generate-catalog-fixtures.ts from its canonical decisions, not by running the parser. Money in minor units (fen); weights in grams. bad: where the import must point (row 1 is the header) and what is wrong, in words, not the exact message. lenient: what the platforms accept: imported, with a warning at that row and column.",
    files: built.expected,
    bad: bad.bad,
    lenient: bad.lenient,
  };
  built.files.set("EXPECTED.json", Buffer.from(expectedJson(expected), "utf8"));
  return built.files;
}

/** Indented JSON with one line per sample and per product's axes, so the file stays small and diffs stay readable. */
function expectedJson(value: unknown): string {
  const text = JSON.stringify(
    value,
    (key, v) => {
      if (key === "samples" && Array.isArray(v)) return v.map((s) => `\u0000${JSON.stringify(s)}`);
      if ((key === "axes" || key === "axesByParentSku") && v && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([h, a]) => [h, `\u0000${JSON.stringify(a)}`]));
      return v;
    },
    2,
  );
  return `${text.replace(/"\\u0000((?:[^"\\]|\\.)*)"/g, (_, inner: string) => JSON.parse(`"${inner}"`) as string)}\n`;
}

export async function writeCatalogFixtures(dir: string): Promise<string[]> {
  const files = await buildCatalogFixtures();
  for (const [name, bytes] of files) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  return [...files.keys()];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = resolve(process.argv[2] ?? join(ROOT, "fixtures", "catalog"));
  const names = await writeCatalogFixtures(dir);
  process.stdout.write(`${dir}: ${names.length} files\n`);
}
