/**
 * Writes templates/files-store (English headers) and templates/files-store-zh (Chinese headers,
 * UTF-8 with BOM so Excel shows them): one header-only CSV per dataset of the files adapter,
 * ready to fill in. Also templates/catalog: the native catalog sheet for `catalog import`, as a
 * CSV (header and two example rows) and an xlsx with drop-down lists for colour and size, money and
 * text formats, and an instructions sheet in Chinese and English. templates/competitors: the hand-collected
 * sheet a `spreadsheet` price source reads (csv and xlsx). templates/shipments: the warehouse sheet for
 * `shipments import` (csv, and an xlsx with a courier drop-down). `npm run templates`; a test keeps
 * the committed files in step (the xlsx is byte-stable: fixed dates, pinned zip times).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";
import { DATASETS } from "../src/adapters/platforms/files/columns.js";
import { createAttributeDictionary } from "../src/core/attributes/index.js";
import { exportHeaders, NATIVE_HEADERS, productRows } from "../src/core/catalog/export-rows.js";
import type { Product } from "../src/core/model.js";
import { workbook, xlsxBytes } from "./generate-catalog-fixtures.js";
import { shipmentsTemplateCsv, shipmentsTemplateXlsx } from "./generate-shipment-fixtures.js";

const ROOT = resolve(import.meta.dirname, "..");
const CJK = /[\u4e00-\u9fff]/;

export function templateFiles(): Record<string, Record<string, string>> {
  const en: Record<string, string> = {};
  const zh: Record<string, string> = {};
  for (const ds of Object.values(DATASETS)) {
    en[`${ds.name}.csv`] = `${ds.columns.map((c) => c.key).join(",")}\r\n`;
    const zhHeaders = ds.columns.map((c) => c.headers.find((h) => CJK.test(h)) ?? c.key);
    const zhName = ds.fileNames.find((n) => CJK.test(n)) ?? ds.name;
    zh[`${zhName}.csv`] = `\uFEFF${zhHeaders.join(",")}\r\n`;
  }
  return {
    "files-store": en,
    "files-store-zh": zh,
    catalog: { "catalog.csv": catalogCsv() },
    competitors: { "competitors.csv": `\uFEFF${stringify(COMPETITOR_ROWS, { record_delimiter: "\r\n" })}` },
    shipments: { "shipments.csv": shipmentsTemplateCsv() },
  };
}

// --- Competitors (prices snapshot, spreadsheet source) ---------------------------------------------

/** The columns a spreadsheet price source reads (Chinese headers work too: 查询词, 排名, 竞品店铺, ...). */
const COMPETITOR_HEADER = ["query", "rank", "competitor", "title", "url", "price", "compare_at_price", "currency", "in_stock", "promotion"];
const COMPETITOR_ROWS: string[][] = [
  COMPETITOR_HEADER,
  [
    "夏季连衣裙",
    "1",
    "示例竞品店",
    "法式碎花雪纺连衣裙",
    "https://shop.example/item/1",
    "¥1,299.00",
    "¥1,599.00",
    "CNY",
    "yes",
    "满199减20",
  ],
  ["夏季连衣裙", "2", "另一家店", "针织收腰连衣裙", "https://other.example/p/2", "259", "", "CNY", "no", "第二件半价"],
];
const COMPETITOR_NOTES: [string, string, string][] = [
  ["query", "查询词：与 prices snapshot --query 完全一致", "The query, exactly as given to prices snapshot --query"],
  ["rank", "排名：1 为最靠前；留空按行顺序", "Position in the competitor's results, 1 = first; empty = row order"],
  ["competitor", "竞品店铺名称", "The competitor's shop"],
  ["title", "商品标题（必填）", "Product title (required)"],
  ["url", "商品链接（必填），同一查询内不重复", "Product URL (required), unique within a query"],
  ["price", "售价，照页面填写，如 ¥1,299.00、1.299,00 €、99-199（区间）", "Price as shown: ¥1,299.00, 1.299,00 €, 99-199 (a range)"],
  ["compare_at_price", "划线价（原价），可为空", "Compare-at (original) price; may be empty"],
  ["currency", "币种，ISO 代码如 CNY；留空为来源的币种", "Currency, an ISO code such as CNY; empty = the source's currency"],
  ["in_stock", "是否有货：yes/no、有货/缺货；留空视为有货", "In stock: yes/no; empty = yes"],
  ["promotion", "促销信息原文，如 满199减20、第二件半价、8折", "Promotion text as shown: 满199减20, 第二件半价, 8折, 20% off"],
];

/** The competitors template workbook: "Competitors" to fill in (prices as text, as shown) and "说明 Instructions". */
export async function competitorsTemplateXlsx(): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet("Competitors", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(COMPETITOR_HEADER).font = { bold: true };
  for (const r of COMPETITOR_ROWS.slice(1)) ws.addRow(r.map((cell, i) => (COMPETITOR_HEADER[i] === "rank" ? Number(cell) : cell)));
  COMPETITOR_HEADER.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = h === "title" || h === "url" ? 32 : Math.max(12, h.length + 4);
    if (h !== "rank") col.numFmt = "@";
  });
  const notes = wb.addWorksheet("说明 Instructions");
  notes.addRow(["列 Column", "说明", "Instructions"]).font = { bold: true };
  for (const n of COMPETITOR_NOTES) notes.addRow(n);
  notes.getColumn(1).width = 18;
  notes.getColumn(2).width = 60;
  notes.getColumn(3).width = 70;
  return xlsxBytes(wb);
}

// --- Catalog ---------------------------------------------------------------------------------------

/** The option axes the catalog template carries; other attributes are added as columns by name. */
const CATALOG_AXES = ["colour", "size"];

const EXAMPLE: Product = {
  id: "TEE-001",
  handle: "TEE-001",
  title: "纯棉圆领短袖T恤",
  description: "100%纯棉，亲肤透气。",
  vendor: "示例品牌",
  category: "服装 > 男装 > T恤",
  tags: ["新品", "夏季"],
  status: "active",
  options: CATALOG_AXES,
  variants: [
    {
      sku: "TEE-001-BLK-M",
      options: { colour: "black", size: "M" },
      price: 7900,
      compareAtPrice: 9900,
      cost: 3000,
      currency: "CNY",
      barcode: "6901234567892",
      weightGrams: 200,
      inventory: 50,
      image: "https://example.com/tee-001-black.jpg",
    },
    {
      sku: "TEE-001-BLK-L",
      options: { colour: "black", size: "L" },
      price: 7900,
      compareAtPrice: 9900,
      cost: 3000,
      currency: "CNY",
      barcode: "6901234567908",
      weightGrams: 220,
      inventory: 40,
      image: "https://example.com/tee-001-black.jpg",
    },
  ],
};

function catalogRows(): string[][] {
  const dict = createAttributeDictionary();
  return [
    exportHeaders("native", CATALOG_AXES, "en", dict),
    ...productRows(EXAMPLE, "native", { lang: "en", dict, currency: "CNY", axes: CATALOG_AXES }),
  ];
}

function catalogCsv(): string {
  return `\uFEFF${stringify(catalogRows(), { record_delimiter: "\r\n" })}`;
}

/** Each native column in Chinese and English: what goes in it, and whether it is required. */
const COLUMN_NOTES: Record<string, { zh: string; en: string; required?: boolean }> = {
  handle: {
    zh: "款号：同一商品的各规格填相同款号；留空时按商品名称归为一个商品",
    en: "Product code: the same on every row of a product; empty = rows with the same title form one product",
  },
  title: { zh: "商品名称（款号与商品名称至少填一个）", en: "Product title (fill in handle or title, or both)", required: true },
  description: { zh: "商品描述，可为空（为空时会有 SEO 提醒）", en: "Description; may be empty (an SEO warning then)" },
  vendor: { zh: "品牌或供应商", en: "Brand or vendor" },
  category: {
    zh: "类目路径，层级用 > 分隔，如 服装 > 男装 > T恤",
    en: "Category path, levels separated by >, e.g. Apparel > Men > T-shirts",
  },
  tags: { zh: "标签，用逗号分隔", en: "Tags, separated by commas" },
  status: { zh: "状态：active 上架 / draft 草稿 / archived 归档；留空为 active", en: "Status: active, draft or archived; empty = active" },
  sku: {
    zh: "商家编码，每行唯一（必填）；请保持文本格式，避免 Excel 改成科学计数法",
    en: "SKU, unique on every row (required); keep it as text so Excel does not turn it into 6.9E+12",
    required: true,
  },
  price: { zh: "售价，如 79.00（必填，大于 0）", en: "Price, e.g. 79.00 (required, above 0)", required: true },
  compare_at_price: { zh: "划线价（原价），不低于售价；可为空", en: "Compare-at price, not below the price; may be empty" },
  cost: { zh: "成本价，可为空", en: "Cost per item; may be empty" },
  currency: { zh: "币种，ISO 代码如 CNY；留空为店铺币种", en: "Currency, an ISO code such as CNY; empty = the store's currency" },
  barcode: { zh: "条码（EAN/UPC），文本格式", en: "Barcode (EAN/UPC), as text" },
  weight: { zh: "重量，如 200g、0.2kg、1斤", en: "Shipping weight, e.g. 200g, 0.2kg" },
  inventory: { zh: "库存数量，整数", en: "Stock on hand, a whole number" },
  image: { zh: "该规格的图片链接", en: "Image URL of this variant" },
  product_image: {
    zh: "商品主图链接（多张用空格分隔，可分布在同一商品的各行）",
    en: "Product image URL(s): one per row of the product, or several separated by spaces",
  },
};

/** The catalog template workbook: "Products" to fill in, "说明 Instructions", and the lists behind the drop-downs. */
export async function catalogTemplateXlsx(): Promise<Buffer> {
  const dict = createAttributeDictionary();
  const rows = catalogRows();
  const header = rows[0] as string[];
  const wb = workbook();
  const ws = wb.addWorksheet("Products", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  const column = (name: string) => header.indexOf(name) + 1;
  const letter = (name: string) => ws.getColumn(column(name)).letter;
  const moneyColumns = new Set(["price", "compare_at_price", "cost"]);
  for (const r of rows.slice(1)) {
    // Money and stock as numbers, the rest as text, the way someone filling the sheet would.
    ws.addRow(
      r.map((cell, i) => (cell !== "" && (moneyColumns.has(header[i] as string) || header[i] === "inventory") ? Number(cell) : cell)),
    );
  }
  header.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(12, h.length + 4);
  });
  ws.getColumn(column("title")).width = 28;
  ws.getColumn(column("description")).width = 28;
  ws.getColumn(column("category")).width = 24;
  ws.getColumn(column("image")).width = 36;
  for (const name of moneyColumns) ws.getColumn(column(name)).numFmt = "0.00";
  for (const name of ["sku", "barcode", "handle"]) ws.getColumn(column(name)).numFmt = "@";

  // Drop-downs read their values from a hidden sheet: an inline list stops at 255 characters.
  const lists = wb.addWorksheet("Lists", { state: "hidden" });
  const LAST_ROW = 5000;
  // exceljs has range validations (one sqref for a whole column) but its typings only know cells.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  CATALOG_AXES.forEach((axis, i) => {
    const values = dict.values(axis);
    const col = lists.getColumn(i + 1);
    col.values = [dict.attributeLabel(axis, "en"), ...values];
    const label = dict.attributeLabel(axis, "en");
    const range = `Lists!$${col.letter}$2:$${col.letter}$${values.length + 1}`;
    const target = letter(label);
    validations.add(`${target}2:${target}${LAST_ROW}`, {
      type: "list",
      allowBlank: true,
      formulae: [range],
      showErrorMessage: false,
      showInputMessage: true,
      promptTitle: `${label} ${dict.attributeLabel(axis, "zh")}`,
      prompt:
        "Pick a standard value, or type the supplier's word: import standardizes it. 可选标准值，也可填写供应商原文，导入时自动标准化。",
    });
  });

  const notes = wb.addWorksheet("说明 Instructions");
  notes.addRow(["列 Column", "中文列名（也可用）", "说明", "Instructions", "必填 Required"]).font = { bold: true };
  NATIVE_HEADERS.en.forEach((h, i) => {
    const note = COLUMN_NOTES[h];
    if (!note) throw new Error(`no instructions for column ${h}`);
    notes.addRow([h, NATIVE_HEADERS.zh[i], note.zh, note.en, note.required ? "是 yes" : ""]);
  });
  for (const axis of CATALOG_AXES) {
    const en = dict.attributeLabel(axis, "en");
    const zh = dict.attributeLabel(axis, "zh");
    notes.addRow([
      en,
      zh,
      `规格${zh}：从下拉列表选择，或填写供应商写法（如 加大码、酒红），导入时统一为标准值`,
      `Variant ${en.toLowerCase()}: pick from the list, or write the supplier's word (X-Large, Wine Red); import standardizes it`,
      "",
    ]);
  }
  notes.addRow([]);
  notes.addRow([
    "",
    "",
    "每行一个规格（SKU）。可增加其他规格列，如 材质、容量，列名用中文或英文。",
    "One row per variant (SKU). Add other attribute columns (Material, Capacity) by name, in Chinese or English.",
    "",
  ]);
  notes.getColumn(1).width = 18;
  notes.getColumn(2).width = 16;
  notes.getColumn(3).width = 60;
  notes.getColumn(4).width = 70;
  notes.getColumn(5).width = 14;
  return xlsxBytes(wb);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const [name, files] of Object.entries(templateFiles())) {
    const dir = join(ROOT, "templates", name);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    process.stdout.write(`templates/${name}: ${Object.keys(files).join(", ")}\n`);
  }
  writeFileSync(join(ROOT, "templates", "catalog", "catalog.xlsx"), await catalogTemplateXlsx());
  process.stdout.write("templates/catalog: catalog.xlsx\n");
  writeFileSync(join(ROOT, "templates", "competitors", "competitors.xlsx"), await competitorsTemplateXlsx());
  process.stdout.write("templates/competitors: competitors.xlsx\n");
  writeFileSync(join(ROOT, "templates", "shipments", "shipments.xlsx"), await shipmentsTemplateXlsx());
  process.stdout.write("templates/shipments: shipments.xlsx\n");
}
