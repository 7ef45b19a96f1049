/**
 * Chinese sellers' ERP and supplier sheets (issue 19), from fixtures/catalog/cn/: each fixture
 * through the import's read path, asserting products, variants, display and canonical values.
 * fixtures/catalog/cn/README.md says which real file each one stands for.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogFile } from "./taobao-file.js";

const CN = join(import.meta.dirname, "../../../../fixtures/catalog/cn");
const row = (v: { sku: string; price: number | null; cost: number | null; costDecimal?: string; inventory: number | null }) => [
  v.sku,
  v.price,
  v.cost,
  v.costDecimal ?? null,
  v.inventory,
];

describe("ERP export (聚水潭 商品资料): title row, 款式编码 / 商品编码, （必填）, 3-4 decimal costs, fractional stock", () => {
  it("imports with warnings only", async () => {
    const r = await readCatalogFile(join(CN, "erp-jushuitan.csv"));
    expect(r.headerRow).toBe(2);
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.mapping.columns.map((c) => c.field)).toEqual([
      "handle",
      "sku",
      "title",
      "attr:colour",
      "attr:size",
      "price",
      "compareAtPrice",
      "cost",
      "barcode",
      "inventory",
    ]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.issues.map((i) => [i.at.row, i.at.column, i.message.split(":")[0]])).toEqual([
      [4, "库存量", "inventory 10.8 is not a whole number"],
      [5, "颜色", 'colour "musta" is not in the attribute dictionary'],
    ]);
    expect(r.products).toHaveLength(1);
    const [dress] = r.products;
    expect(dress).toMatchObject({ handle: "dr-101", title: "真丝连衣裙", options: ["colour", "size"] });
    expect(dress?.variants.map(row)).toEqual([
      ["DR-101-RD-M", 45900, 18271, "182.714", 12],
      ["DR-101-RD-L", 45900, 18271, "182.714", 10],
      ["DR-101-BK-M", 45900, 18271, "182.7145", 3],
    ]);
    expect(dress?.variants.map((v) => [v.compareAtPrice, v.barcode])).toEqual([
      [89900, "6970000000017"],
      [89900, "6970000000024"],
      [89900, "6970000000031"],
    ]);
    // A supplier sheet shows canonical values (酒红 -> burgundy); a Finnish "musta" is kept, never "mustard".
    expect(dress?.variants.map((v) => [v.options, v.attributes])).toEqual([
      [
        { colour: "burgundy", size: "M" },
        { colour: "burgundy", size: "M" },
      ],
      [
        { colour: "burgundy", size: "L" },
        { colour: "burgundy", size: "L" },
      ],
      [{ colour: "musta", size: "M" }, { size: "M" }],
    ]);
    expect(r.issues[1]?.hint).toBeUndefined();
  });
});

describe("English wholesale sheet: required-markers, Size:M cells, Wholesale / Retail price, Available stock", () => {
  it("splits Size:M into the size and keeps the wholesale price's decimals", async () => {
    const r = await readCatalogFile(join(CN, "supplier-en-wholesale.csv"));
    expect(r.mapping.columns.map((c) => [c.header, c.field])).toEqual([
      ["Product code*", "sku"],
      ["Name (必填)", "title"],
      ["Variant", "attr:spec"],
      ["Colour", "attr:colour"],
      ["Wholesale price", "cost"],
      ["Retail price", "price"],
      ["Available stock", "inventory"],
      ["【必填】Barcode", "barcode"],
    ]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    const [tee] = r.products;
    expect(tee).toMatchObject({ handle: "organic-cotton-tee", options: ["colour", "size"] });
    expect(tee?.variants.map(row)).toEqual([
      ["TEE-01-S", 1990, 371, "3.714", 40],
      ["TEE-01-M", 1990, 371, "3.714", 25],
      ["TEE-01-L", 2190, 390, null, 0],
    ]);
    expect(tee?.variants.map((v) => [v.options.size, v.options.colour, v.attributes?.colour])).toEqual([
      ["S", "white", "white"],
      ["M", "white", "white"],
      ["L", "Bark Grey", "grey"],
    ]);
  });
});

describe("grocery sheet: 规格 holds weights, volumes and counts", () => {
  it("keeps each 规格 as written, with net weight, capacity, pack size or size beside it", async () => {
    const r = await readCatalogFile(join(CN, "grocery-spec.csv"));
    expect(r.issues).toEqual([]);
    const specs = r.products.flatMap((p) => p.variants.map((v) => [v.sku, v.options.spec, v.attributes]));
    expect(specs).toEqual([
      ["NUT-400", "400g", { spec: "400g", weight: "400 g" }],
      ["NUT-500", "0.5kg", { spec: "0.5kg", weight: "500 g" }],
      ["RICE-2", "2斤", { spec: "2斤", weight: "1000 g" }],
      ["OIL-500", "500ml", { spec: "500ml", capacity: "500 ml" }],
      ["TEA-15", "5.8g*15支", { spec: "5.8g*15支", weight: "5.8 g", "pack size": "15" }],
      ["PEN-15", "15支", { spec: "15支", "pack size": "15" }],
      ["TEE-M", "M", { spec: "M", size: "M" }],
      ["FRM-208", "20.8", { spec: "20.8" }],
    ]);
    expect(r.products.map((p) => p.handle)).toEqual(["每日坚果", "五常大米", "山茶油", "压片糖", "中性笔", "文化衫", "公路车架"]);
  });
});

describe("进销存 商品资料.xls (legacy BIFF8): numbers as text, 货号 empty, 单位 / 型号 / 备注 columns", () => {
  it("imports SKU-less variants by title, the text prices as prices", async () => {
    const r = await readCatalogFile(join(CN, "jxc-goods.xls"));
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.mapping.columns.filter((c) => c.field === "ignore").map((c) => c.header)).toEqual(["型号", "单位", "备注一"]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.products.map((p) => [p.handle, p.variants.map((v) => [v.sku, v.price, v.cost, v.barcode, v.options.spec])])).toEqual([
      ["colony-castaway车架", [["", 228000, 0, "CLY-02-CAS-01", "20.8"]]],
      ["colony-sweet车架", [["", 278000, 158050, "CLY-02-SWE-05", "19.8"]]],
    ]);
  });
});

describe("a sheet with titles and SKUs but no prices", () => {
  it("is refused by one header line naming the missing column", async () => {
    const r = await readCatalogFile(join(CN, "no-prices.csv"));
    const errors = r.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => [i.at.row, i.message])).toEqual([[1, 'required column missing: "price" (or 售价 / 售價 / 价格)']]);
  });
});

describe("聚水潭 商品资料 as exported (45 columns): 颜色及规格 = 颜色;规格, 成本价 and 采购价, shades alike", () => {
  it("needs no mapping; reads 成本价 as the cost; keeps two greys of one product as written", async () => {
    const r = await readCatalogFile(join(CN, "erp-jushuitan-full.xlsx"));
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.mapping.problems).toEqual([]);
    const field = (h: string) => r.mapping.columns.find((c) => c.header === h)?.field;
    // 颜色及规格 repeats 颜色 and 规格; 采购价 gives way to 成本价; 商品标签 are the tags.
    expect(["颜色及规格", "采购价", "成本价", "商品标签", "颜色", "规格"].map(field)).toEqual([
      "ignore",
      "ignore",
      "cost",
      "tags",
      "attr:colour",
      "attr:spec",
    ]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.issues.map((i) => [i.at.row, i.at.column, i.message.split(":")[0]])).toEqual([
      [5, "颜色", 'colour "无" is not in the attribute dictionary'],
      [3, "颜色", 'colour of "pq-88" kept as written'],
    ]);
    const [paint, latex] = r.products;
    // 中灰色 and 灰色 are both grey to the dictionary: that product's colours are all shown as written
    // (大红 too, so one product is in one voice), the canonical value kept beside each.
    expect(paint?.variants.map((v) => [v.sku, v.options.colour, v.attributes?.colour, v.options.spec, v.price, v.cost])).toEqual([
      ["PQ-88-22", "中灰色", "grey", "400ml", 1850, 720],
      ["PQ-88-301", "灰色", "grey", "400ml", 1850, 720],
      ["PQ-88-05", "大红", "red", "400ml", 1850, 720],
    ]);
    expect(paint?.tags).toEqual(["喷漆"]);
    expect(latex?.variants.map((v) => [v.sku, v.options.colour, v.options.spec, v.attributes?.weight])).toEqual([
      ["RJQ-20-KG", "无", "20kg", "20000 g"],
      ["RJQ-5-KG", "无", "5kg", "5000 g"],
    ]);
  });
});

describe("聚水潭 SKU list with only 颜色及规格", () => {
  it("splits 颜色;规格 at the first ';' and keeps a value without one as the spec", async () => {
    const r = await readCatalogFile(join(CN, "erp-jushuitan-sku-list.csv"));
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.products.map((p) => [p.handle, p.options, p.variants.map((v) => [v.sku, v.options.colour ?? null, v.options.spec])])).toEqual([
      [
        "2503",
        ["colour", "spec"],
        [
          ["202425030137", "绿野仙踪/青橙", "37"],
          ["202425030138", "绿野仙踪/青橙", "38"],
          ["202425030237", "black", "37"],
        ],
      ],
      ["2611", ["spec"], [["202426110001", null, "均码"]]],
    ]);
  });
});

describe("POS 商品资料 (名称（必填）, 进货价 and 批发价, 毛利率 ... 拼音码) without a SKU column", () => {
  it("knows every column and is refused by one header line: no SKU column", async () => {
    const r = await readCatalogFile(join(CN, "pos-goods-no-sku.xlsx"));
    expect(r.mapping.unmatched).toEqual([]);
    const field = (h: string) => r.mapping.columns.find((c) => c.header === h)?.field;
    expect(["进货价（必填）", "批发价", "拼音码"].map(field)).toEqual(["cost", "ignore", "ignore"]);
    const errors = r.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => [i.at.row, i.message])).toEqual([[1, 'required column missing: "SKU" (or 商家编码 / 商家編碼 / 货号)']]);
  });
});

describe("1688-style wholesale sheet: 货号 on every colour and size row of the article", () => {
  it("reads the shared 货号 as the article's number: its variants have no SKU, with a warning", async () => {
    const r = await readCatalogFile(join(CN, "supplier-1688-article-no.csv"));
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.issues.map((i) => [i.severity, i.at.row, i.at.column, i.message.split(":")[0]])).toEqual([
      ["warning", 2, "货号", '货号 "K-8801" is on all 3 variants of "纯棉t恤"'],
    ]);
    expect(r.products.map((p) => [p.handle, p.variants.map((v) => [v.sku, v.options.colour, v.options.size, v.price, v.cost])])).toEqual([
      [
        "纯棉t恤",
        [
          ["", "white", "M", 3900, 1850],
          ["", "white", "L", 3900, 1850],
          ["", "black", "M", 3900, 1850],
        ],
      ],
      // One variant: its 货号 is its SKU.
      ["连帽卫衣", [["K-9902", "grey", "One Size", 9900, 4500]]],
    ]);
  });
});

describe("规格 naming a colour and a size without their names", () => {
  it("keeps 红色/XL as the spec and records colour and size beside it, only when each part is one of them", async () => {
    const r = await readCatalogFile(join(CN, "spec-colour-size.csv"));
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.products.flatMap((p) => p.variants.map((v) => [v.sku, v.options.spec, v.attributes]))).toEqual([
      ["A-1", "红色/XL", { spec: "红色/XL", colour: "red", size: "XL" }],
      ["A-2", "红色/L", { spec: "红色/L", colour: "red", size: "L" }],
      ["B-1", "黑色,均码", { spec: "黑色,均码", colour: "black", size: "One Size" }],
      ["B-2", "白色,加大", { spec: "白色,加大", colour: "white", size: "XL" }],
      // Two colours: no guess.
      ["C-1", "红色/蓝色", { spec: "红色/蓝色" }],
    ]);
  });
});

describe("ERP goods stock export: 款式 and 货品, 规格型号, 分类1-3, 批次, 金额", () => {
  it("the style is the product (款式名称 the title), each 货品编号 a variant; the other columns known", async () => {
    const r = await readCatalogFile(join(CN, "erp-goods-stock.csv"));
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.mapping.problems).toEqual([]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(
      r.products.map((p) => [
        p.handle,
        p.title,
        p.vendor,
        p.variants.map((v) => [v.sku, v.options.spec, v.attributes?.size, v.price, v.cost, v.inventory]),
      ]),
    ).toEqual([
      [
        "s-1",
        "羊毛衫",
        "某厂",
        [
          ["G-1", "红/M", "M", 19900, 8000, 10],
          ["G-2", "红/L", "L", 19900, 8000, 5],
        ],
      ],
    ]);
  });
});
