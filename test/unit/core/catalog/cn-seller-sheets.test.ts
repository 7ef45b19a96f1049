/**
 * Chinese sellers' sheets of the fifth round (fixtures/catalog/cn/README.md, files 37-44): a
 * supplier's 报价单 in GBK without BOM, prices and stock in words, POS and cross-border ERP lists,
 * an export seller's dollar-priced SKU catalogue, an office-supply 价格表. Each through the import's
 * read path, asserting products, variants, display and canonical values and every issue.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cnAmountText, cnStockWord, isTotalsWord } from "../../../../src/core/catalog/cn-values.js";
import { english, translator } from "../../../../src/core/i18n/index.js";
import { readCatalogFile } from "./taobao-file.js";

const problemOf = (raw: string): string => {
  const r = cnAmountText(raw);
  return "problem" in r ? english(r.problem) : "";
};
const CN = join(import.meta.dirname, "../../../../fixtures/catalog/cn");
const issuesOf = (r: Awaited<ReturnType<typeof readCatalogFile>>) =>
  r.issues.map((i) => [i.severity, i.at.row, i.at.column ?? null, i.message.split(":")[0]]);

describe("a supplier's 报价单 (GBK, no BOM): title rows, prices in words, stock in words, 合计", () => {
  it("reads ￥89.00, 199元, 45 元/件 and full-width ９９．００; 有货 is warned, 无货 is 0; the 合计 row is skipped", async () => {
    const r = await readCatalogFile(join(CN, "supplier-quote-gbk.csv"));
    expect(r.encoding).toBe("gb18030");
    expect(r.headerRow).toBe(3);
    expect(r.mapping.unmatched).toEqual([]);
    expect(issuesOf(r)).toEqual([
      ["warning", 4, "库存", 'inventory "有货" says there is stock but not how much'],
      ["warning", 8, "货号", 'a totals row ("合计" in column 货号), not a product'],
      ["warning", 4, "货号", '货号 "JX-8801" is on all 3 variants of "羊绒圆领毛衣"'],
    ]);
    expect(
      r.products.map((p) => [
        p.title,
        p.variants.map((v) => [v.sku, v.options.colour, v.options.size, v.attributes?.colour, v.price, v.cost, v.inventory ?? null]),
      ]),
    ).toEqual([
      [
        "羊绒圆领毛衣",
        [
          ["", "black", "M", "black", 19900, 8900, null],
          ["", "black", "L", "black", 19900, 8900, 12],
          ["", "grey", "M", "grey", 19900, 8900, 0],
        ],
      ],
      // 紅色 (traditional) is red; the sheet's own 均码 is One Size.
      ["针织围巾", [["JX-8802", "red", "One Size", "red", 9900, 4500, 30]]],
    ]);
  });

  it("says 有货 and 合计 in Chinese in a zh run", async () => {
    const r = await readCatalogFile(join(CN, "supplier-quote-gbk.csv"));
    const zh = translator("zh-Hans");
    const texts = r.issues.map((i) => zh.text(i.text ?? i.message));
    expect(texts[0]).toBe("库存“有货”只说明有货，没写数量：不导入库存数（店铺保留现有库存）");
    expect(texts[1]).toBe("合计行（货号 列为“合计”），不是商品：已跳过");
  });
});

describe("a 报价单 with 面议 and a price range", () => {
  it("refuses each cell naming row and column, saying what it holds", async () => {
    const r = await readCatalogFile(join(CN, "supplier-quote-unpriced.csv"));
    expect(r.issues.map((i) => [i.severity, i.at.row, i.at.column, i.message])).toEqual([
      ["error", 2, "零售价", 'price "面议" (price to be agreed) is no price: the variant cannot be sold at it'],
      ["error", 2, "批发价", 'cost "面议" (price to be agreed) is no price: the variant cannot be sold at it'],
      ["error", 3, "批发价", 'cost "39-59" is a price range, not one price: which price a variant has is not written'],
    ]);
    // The rest of the sheet is read as written.
    expect(r.products.at(-1)?.variants.map((v) => [v.sku, v.price, v.cost])).toEqual([["JX-9903", 6900, 2900]]);
  });
});

describe("a POS 商品列表 (.xls): barcodes stored as numbers, stock limits, 供货商, 电子称码, 商品介绍", () => {
  it("knows every column, keeps all 13 digits of the barcodes, and is refused in one line for its missing SKU column", async () => {
    const r = await readCatalogFile(join(CN, "pos-goods-list.xls"));
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.mapping.problems.map((p) => english(p.text ?? p.message))).toEqual([
      'required column missing: "SKU" (or 商家编码 / 商家編碼 / 货号)',
    ]);
    // The brand is the vendor; 供货商 beside it gives way.
    expect(r.mapping.columns.filter((c) => c.field === "vendor").map((c) => c.header)).toEqual(["品牌"]);
    expect(r.products[0]?.variants.map((v) => [v.barcode, v.price, v.cost])).toEqual([
      ["6970000000123", 2800, 2040],
      ["6970000000116", 200, 85],
    ]);
  });
});

describe("a cross-border ERP product list (店小秘 / 马帮 style): SPU, SKU, 中文 and 英文 names, 采购价(不含税)", () => {
  it("groups SKUs under their SPU with the Chinese name; refused in one line for the missing selling price", async () => {
    const r = await readCatalogFile(join(CN, "crossborder-erp-products.csv"));
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.mapping.problems.map((p) => english(p.text ?? p.message))).toEqual([
      'required column missing: "price" (or 售价 / 售價 / 价格)',
    ]);
    expect(r.products.map((p) => [p.handle, p.title, p.category, p.variants.map((v) => [v.sku, v.cost, v.inventory])])).toEqual([
      [
        "bt-01",
        "蓝牙耳机",
        "数码",
        [
          ["BT-01-BK", 3550, 120],
          ["BT-01-WH", 3550, 80],
        ],
      ],
    ]);
  });
});

describe("an export seller's SKU catalogue priced in dollars (建议售价($))", () => {
  it("imports into a USD store", async () => {
    const r = await readCatalogFile(join(CN, "export-sku-catalogue.csv"), "USD");
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.issues).toEqual([]);
    expect(r.products.map((p) => [p.title, p.category, p.variants.map((v) => [v.sku, v.price, v.options.spec])])).toEqual([
      ["多功能厨房剪刀", "厨房用品", [["KS-001", 1299, "21cm"]]],
      ["家禽骨剪", "厨房用品", [["KS-002", 1550, "25cm"]]],
    ]);
  });

  it("is never converted into a CNY store: each price is refused naming the column", async () => {
    const r = await readCatalogFile(join(CN, "export-sku-catalogue.csv"), "CNY");
    expect(r.issues.map((i) => [i.at.row, i.at.column, i.message])).toEqual([
      [2, "建议售价($)", 'column "建议售价($)" is in USD, the store\'s prices in CNY: amounts are never converted; not imported'],
      [3, "建议售价($)", 'column "建议售价($)" is in USD, the store\'s prices in CNY: amounts are never converted; not imported'],
    ]);
  });
});

describe("an office-supply 价格表: 名称 repeated per 规格, 编码 as the SKU (often empty), 单位 / 位置 / 备注", () => {
  it("one product per name, its 规格 the variants", async () => {
    const r = await readCatalogFile(join(CN, "stationery-price-list.xlsx"));
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.issues).toEqual([]);
    expect(r.products.map((p) => [p.title, p.variants.map((v) => [v.sku, v.options.spec ?? null, v.price])])).toEqual([
      ["网格拉链袋", [["A4-501", null, 500]]],
      [
        "快干印台",
        [
          ["NO.9864", "长方形", 2000],
          ["NO.9863", "圆形", 1000],
        ],
      ],
      [
        "抽杆夹",
        [
          ["", "小", 200],
          ["", "大", 500],
        ],
      ],
    ]);
  });
});

describe("cn-values: amounts and stock as Chinese sellers write them", () => {
  it("reads per-unit prices, refuses 面议 and ranges, leaves the rest to the money parser", () => {
    expect(cnAmountText("39.90 元/件")).toEqual({ text: "39.90" });
    expect(cnAmountText("12元／个")).toEqual({ text: "12" });
    expect(cnAmountText("39.9元")).toEqual({ text: "39.9元" });
    for (const raw of ["面议", "電議", "询价"]) expect(english(problemOf(raw))).toContain("price to be agreed");
    for (const raw of ["39-59", "39~59", "¥39-¥59", "39至59", "39.5—59"]) expect(english(problemOf(raw))).toContain("price range");
    // A negative amount is no range.
    expect(cnAmountText("-5")).toEqual({ text: "-5" });
  });

  it("stock words: 无货 is 0, 有货 is unknown, a number is not a word", () => {
    expect(cnStockWord("无货")).toEqual({ count: 0 });
    expect(cnStockWord("售罄")).toEqual({ count: 0 });
    expect(cnStockWord("有貨")).toHaveProperty("unknown");
    expect(cnStockWord("12")).toBeUndefined();
  });

  it("totals words", () => {
    for (const w of ["合计", "合 计", "總計：", "小计", "Total"]) expect(isTotalsWord(w)).toBe(true);
    for (const w of ["合计器", "T100", "总计划"]) expect(isTotalsWord(w)).toBe(false);
  });
});

describe("a 1688 尺码 matrix: one row per colour, the sizes as columns", () => {
  it("reads one variant per filled cell (the cell its stock), colour codes left off the sizes, the 合计 row skipped", async () => {
    const r = await readCatalogFile(join(CN, "supplier-1688-size-matrix.xlsx"));
    expect(r.headerRow).toBe(2);
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.mapping.problems).toEqual([]);
    // 货号 beside 商家编码 is the article number: it groups the colours.
    expect(r.mapping.columns.filter((c) => c.field === "handle").map((c) => c.header)).toEqual(["货号"]);
    expect(issuesOf(r)).toEqual([
      ["warning", 3, "商家编码", '商家编码 "JX-7701-BK" is on a row of several sizes, so it is no single variant\'s code'],
      ["warning", 3, "S / M / L / XL / 2XL", "sizes as columns (S, M, L, XL, 2XL)"],
      ["warning", 6, "货号", 'a totals row ("合计" in column 货号), not a product'],
    ]);
    expect(
      r.products.map((p) => [
        p.handle,
        p.title,
        p.variants.map((v) => [v.sku, v.options.colour, v.options.size, v.price, v.cost, v.inventory]),
      ]),
    ).toEqual([
      [
        "jx-7701",
        "加绒卫衣",
        [
          ["", "black", "S", 9900, 4500, 10],
          ["", "black", "M", 9900, 4500, 20],
          ["", "black", "L", 9900, 4500, 20],
          ["", "black", "XL", 9900, 4500, 5],
          ["", "grey", "S", 9900, 4500, 8],
          ["", "grey", "M", 9900, 4500, 0],
          ["", "grey", "L", 9900, 4500, 12],
        ],
      ],
      // One size only: the row's code is that variant's SKU.
      ["jx-7702", "纯棉T恤", [["JX-7702-WH", "white", "XXL", 3900, 1990, 6]]],
    ]);
  });

  it("is no matrix without a colour column, or beside a size or stock column of the sheet's own", async () => {
    const { mapHeaders } = await import("../../../../src/core/catalog/index.js");
    const { dict } = await import("./taobao-file.js");
    const fields = (h: string[]) => mapHeaders(h, { dict }).columns.map((c) => c.field);
    expect(fields(["货号", "品名", "颜色", "S", "M", "零售价"])).toContain("cn:sizeMatrix");
    expect(mapHeaders(["货号", "品名", "S", "M", "零售价"], { dict }).unmatched).toEqual(["S", "M"]);
    expect(mapHeaders(["货号", "品名", "颜色", "尺码", "S", "M", "零售价"], { dict }).unmatched).toEqual(["S", "M"]);
    expect(mapHeaders(["货号", "品名", "颜色", "S", "库存", "零售价"], { dict }).unmatched).toEqual(["S"]);
  });
});

describe("column names of Chinese sellers' sheets (cn-columns.ts)", () => {
  const fieldsOf = async (headers: string[]) => {
    const { mapHeaders } = await import("../../../../src/core/catalog/index.js");
    const { dict } = await import("./taobao-file.js");
    const m = mapHeaders(headers, { dict });
    return { unmatched: m.unmatched, fields: Object.fromEntries(m.columns.map((c) => [c.header, c.field])) };
  };

  it("拼多多: 商品外部编码 is the goods, SKU外部编码 each SKU, 拼单价 the price (单买价 known)", async () => {
    const r = await fieldsOf(["商品ID", "商品名称", "商品外部编码", "SKU外部编码", "规格", "拼单价", "单买价", "库存"]);
    expect(r.unmatched).toEqual([]);
    expect(r.fields).toMatchObject({ 商品外部编码: "handle", SKU外部编码: "sku", 拼单价: "price", 单买价: "ignore", 商品ID: "ignore" });
  });

  it("进销存 and 报价单 columns: 货品条码, 货品规格, 产品大类 / 小类, 商品货号, listing and logistics columns known", async () => {
    const r = await fieldsOf([
      "产品编号",
      "商品货号",
      "货品条码",
      "品名",
      "货品规格",
      "产品大类",
      "小类",
      "零售价",
      "促销价",
      "预警库存",
      "运费模板",
      "30天销量",
      "详情图",
      "是否上架",
    ]);
    expect(r.unmatched).toEqual([]);
    expect(r.fields).toMatchObject({
      产品编号: "handle",
      商品货号: "sku",
      货品条码: "barcode",
      货品规格: "attr:spec",
      产品大类: "category",
      小类: "ignore",
      零售价: "price",
      促销价: "ignore",
    });
  });

  it("产品编号 alone is the SKU (as 商品编号 is in 管家婆 sheets)", async () => {
    const r = await fieldsOf(["产品编号", "产品名称", "单价"]);
    expect(r.fields).toEqual({ 产品编号: "sku", 产品名称: "title", 单价: "price" });
  });
});
