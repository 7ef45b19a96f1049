/**
 * Round 3 of real catalog layouts (fixtures/catalog/real-world/README.md and fixtures/catalog/cn/README.md
 * say which real files each fixture stands for): WooCommerce's own templates and sample data, a
 * trimmed Shopify export, ERP and platform product exports from China.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errors, importCatalogFile, product, variantsOf, warnings } from "../helpers/catalog-file.js";
import { REPO } from "../helpers/cli.js";

const REAL = join(REPO, "fixtures", "catalog", "real-world");
const CN = join(REPO, "fixtures", "catalog", "cn");
const handles = (r: { products: { handle: string }[] }) => r.products.map((p) => p.handle);
const warned = (r: Parameters<typeof warnings>[0]) => warnings(r).map((i) => [i.at.row, i.message]);

describe("WooCommerce's own product templates: no ID, no SKU", () => {
  it("are read as WooCommerce; the unpriced product and the variable one without variations are left out with a warning", async () => {
    const r = await importCatalogFile(REAL, "woocommerce-template-no-id-sku.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["woocommerce", [], []]);
    expect(handles(r)).toEqual(["stoneware-mug", "glaze-recipe-book"]);
    expect(variantsOf(product(r, "stoneware-mug"))).toEqual([[null, {}, {}, 2400]]);
    expect(product(r, "stoneware-mug").variants[0]?.inventory).toBe(12);
    expect(variantsOf(product(r, "glaze-recipe-book"))).toEqual([[null, {}, {}, 950]]);
    expect(warned(r)).toEqual([
      [5, "this product has no price (Regular price and Sale price are empty): WooCommerce keeps it but cannot sell it; not imported"],
      [6, "external products are not imported"],
      [2, 'variable product "linen-apron" has no variation with a price in this file: WooCommerce cannot sell it; not imported'],
    ]);
  });
});

describe("WooCommerce sample data: products the shop keeps but cannot sell", () => {
  it("a simple product and a variation without price, a variable product without variations: warned, not imported", async () => {
    const r = await importCatalogFile(REAL, "woocommerce-sample-unpriced.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["woocommerce", [], []]);
    expect(handles(r)).toEqual(["bread-board", "napkin-set"]);
    // Sale price 30 under Regular price 36: sold at 30, 36 the compare-at price.
    expect(product(r, "bread-board").variants.map((v) => [v.sku, v.price, v.compareAtPrice, v.inventory])).toEqual([
      ["bread-board", 3000, 3600, 3],
    ]);
    expect(variantsOf(product(r, "napkin-set"))).toEqual([["napkin-set-sage", { colour: "Sage" }, {}, 1800]]);
    const notImported = warned(r).filter(([, m]) => String(m).includes("not imported"));
    expect(notImported.map(([row]) => row)).toEqual([3, 7, 2]);
    expect(notImported[1]?.[1]).toMatch(/^this variation has no price/);
  });
});

describe("a trimmed Shopify export (stock columns only)", () => {
  it("a product's first row with only its stock is its Default Title variant, without SKU", async () => {
    const r = await importCatalogFile(REAL, "shopify-trimmed-stock-only.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["shopify", [], []]);
    expect(r.products.map((p) => [p.handle, p.options, p.variants.map((v) => [v.sku ?? null, v.inventory])])).toEqual([
      ["oak-floor-classic", [], [["VH1001", 40]]],
      ["oak-floor-rustic", [], [["VH1002", 0]]],
      ["showroom-visit", [], [[null, 999999]]],
      ["wall-panel-oak", [], [["VH2001", 260]]],
    ]);
    // No price column: said on every variant row (one grouped line on screen), never a silent 0.00.
    expect(
      warnings(r)
        .filter((i) => i.message.startsWith("the file has no price column"))
        .map((i) => i.at.row),
    ).toEqual([2, 3, 4, 5]);
  });
});

describe("快麦 ERP 商品导出 (系统商品ID, 主商家编码, 规格商家编码, 69码, 成本价)", () => {
  it("knows every column (the platform's ids give way to the seller's codes) and is refused in one line: no selling price", async () => {
    const r = await importCatalogFile(CN, "kuaimai-goods-no-price.csv", "CNY");
    expect([r.dialect, r.unmatched, r.ignored]).toEqual(["native", [], ["系统商品ID", "系统规格ID"]]);
    expect(errors(r).map((i) => [i.at.row, i.message])).toEqual([[1, 'required column missing: "price" (or 售价 / 售價 / 价格)']]);
    expect(handles(r)).toEqual(["zz-01"]);
    expect(product(r, "zz-01").variants.map((v) => [v.sku, v.options.spec, v.barcode, v.cost])).toEqual([
      ["ZZ-01-G", "绿色粽子", "6970000000011", 250],
      ["ZZ-01-R", "红豆粽子", "6970000000028", 280],
    ]);
  });
});

describe("a platform's product export (商品ID, SKU ID, 规格名称, 可售库存, 上下架状态)", () => {
  it("groups SKUs by 商品ID; 商家编码 is the SKU (SKU ID gives way); 规格名称 is the spec; 已下架 is a draft", async () => {
    const r = await importCatalogFile(CN, "platform-goods-export.csv", "CNY");
    expect([r.dialect, r.unmatched, r.ignored, errors(r)]).toEqual(["native", [], ["SKU ID"], []]);
    expect(r.products.map((p) => [p.handle, p.title, p.status, p.category])).toEqual([
      ["3601", "夏季连衣裙", "active", "女装"],
      ["3602", "亚麻衬衫", "draft", "女装"],
    ]);
    expect(product(r, "3601").variants.map((v) => [v.sku ?? null, v.options, v.price, v.inventory])).toEqual([
      ["B001-M", { spec: "M码" }, 12900, 20],
      [null, { spec: "L码" }, 12900, 12],
    ]);
  });
});

describe("有赞 商品导出 (商品编码 beside 规格编码, 价格（元）)", () => {
  it("商品编码 names the product when a SKU-level code is beside it; the shop's own columns are known", async () => {
    const r = await importCatalogFile(CN, "youzan-goods-export.csv", "CNY");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["native", [], []]);
    expect(r.ignored).toEqual(["商品类型", "商品分组", "分享描述", "商品卖点", "累计销量", "会员折扣", "商品链接"]);
    expect(r.products.map((p) => [p.handle, p.title, p.options])).toEqual([
      ["t100", "纯棉T恤", ["spec"]],
      ["b200", "帆布袋", []],
    ]);
    expect(product(r, "t100").variants.map((v) => [v.sku, v.options.spec, v.price, v.cost, v.inventory])).toEqual([
      ["T100-W-M", "白色 M", 5900, 2000, 10],
      ["T100-W-L", "白色 L", 5900, 2000, 8],
    ]);
  });
});

describe("规格名 / 规格值 pairs (shop systems' product sheets)", () => {
  it("'颜色;尺码' beside '红色;XL' gives colour and size; no names gives the spec; lists that disagree are refused naming row and column", async () => {
    const r = await importCatalogFile(CN, "spec-name-value-pairs.csv", "CNY");
    expect([r.dialect, r.unmatched]).toEqual(["native", []]);
    // 商品成本价 (the product's) gives way to SKU成本价 (each SKU's).
    expect(r.ignored).toEqual(["供应商ID", "商品成本价", "原链接", "备注"]);
    const tee = product(r, "p-1001");
    expect(tee.options).toEqual(["colour", "size"]);
    // A supplier sheet is rewritten to the dictionary's values (issue 11: native sheets standardize).
    expect(variantsOf(tee)).toEqual([
      ["P-1001-RED-XL", { colour: "red", size: "XL" }, { colour: "red", size: "XL" }, 5990],
      ["P-1001-BLUE-L", { colour: "blue", size: "L" }, { colour: "blue", size: "L" }, 5590],
    ]);
    expect(tee.variants.map((v) => v.cost)).toEqual([1800, 1750]);
    expect(variantsOf(product(r, "p-1002"))).toEqual([["P-1002-1", { spec: "均码" }, { spec: "均码" }, 2900]]);
    expect(errors(r).map((i) => [i.at.row, i.at.column, i.message])).toEqual([
      [5, "规格值", '规格名 lists 2 names ("颜色;尺码") but 规格值 1 value ("卡其")'],
    ]);
  });
});

describe("Chinese platforms' product exports (京东, 小红书, 微信小店, 抖店)", () => {
  const variants = (r: Awaited<ReturnType<typeof importCatalogFile>>) =>
    r.products.map((p) => [p.handle, p.title, p.status, p.variants.map((v) => [v.sku ?? null, v.options, v.price, v.inventory])]);

  it("京东 POP SKU list: 商品编码 is the product beside SKUID; 货号 is the SKU; 销售属性 named pairs; 上柜 / 下柜", async () => {
    const r = await importCatalogFile(CN, "jd-pop-sku-export.csv", "CNY");
    expect([r.dialect, r.unmatched, r.ignored, errors(r)]).toEqual(["native", [], ["SKUID"], []]);
    expect(variants(r)).toEqual([
      [
        "10001234",
        "铁艺花架 三层",
        "active",
        [
          ["HJ-3B", { colour: "black", size: "三层" }, 12900, 15],
          ["HJ-3W", { colour: "white", size: "三层" }, 12900, 0],
        ],
      ],
      ["10001235", "落地花架", "draft", [[null, { colour: "black" }, 8900, 3]]],
    ]);
  });

  it("小红书: itemId groups the SKUs, 规格名称 is the value, 商家编码 the SKU", async () => {
    const r = await importCatalogFile(CN, "xiaohongshu-goods-export.xlsx", "CNY");
    expect([r.dialect, r.unmatched, r.ignored, errors(r)]).toEqual(["native", [], ["规格id", "商品类型"], []]);
    expect(variants(r)).toEqual([
      [
        "64e1b2",
        "铁艺花架",
        "active",
        [
          ["HJ-3B", { spec: "黑色" }, 12900, 15],
          ["HJ-3W", { spec: "白色" }, 12900, 0],
        ],
      ],
    ]);
  });

  it("微信小店: 商家编码(商品) names the product, 商家编码(SKU) the SKU; 商品ID and SKUID give way", async () => {
    const r = await importCatalogFile(CN, "weixin-shop-goods-export.xlsx", "CNY");
    expect([r.dialect, r.unmatched, r.ignored, errors(r)]).toEqual(["native", [], ["商品ID", "创建时间", "更新时间", "SKUID"], []]);
    expect(variants(r)).toEqual([
      [
        "hj",
        "铁艺花架",
        "active",
        [
          ["HJ-3B", { spec: "黑色" }, 12900, 15],
          ["HJ-3W", { spec: "白色" }, 12900, 0],
        ],
      ],
    ]);
  });

  it("抖店: 19-digit 商品ID kept as text, 商家SKU编码, 规格ID(SKUID) known, 现货可售 the stock", async () => {
    const r = await importCatalogFile(CN, "douyin-goods-export.xlsx", "CNY");
    expect([r.dialect, r.unmatched, r.ignored, errors(r)]).toEqual(["native", [], ["规格ID(SKUID)"], []]);
    expect(variants(r)).toEqual([
      [
        "3701234567890123456",
        "铁艺花架",
        "active",
        [
          ["HJ-3B", { spec: "黑色" }, 12900, 15],
          ["HJ-3W", { spec: "白色" }, 12900, 0],
        ],
      ],
    ]);
  });
});

describe("千牛 商品列表: a group header above the header, a row of notes under it", () => {
  it("finds the header on row 2, skips the notes row with a warning, reads 销售属性 named pairs", async () => {
    const r = await importCatalogFile(CN, "qianniu-goods-list.xlsx", "CNY");
    expect([r.dialect, r.headerRow, r.unmatched, r.ignored, errors(r)]).toEqual(["native", 2, [], ["skuId"], []]);
    expect(warned(r)).toEqual([[3, 'a row of notes under the header (its price cell reads "单位：元"), not a product: skipped']]);
    expect(r.products.map((p) => [p.handle, p.title, p.variants.map((v) => [v.sku ?? null, v.options, v.price, v.inventory])])).toEqual([
      [
        "720000000001",
        "纯棉短袖T恤",
        [
          ["T100-R-M", { colour: "red", size: "M" }, 5900, 10],
          ["T100-R-L", { colour: "red", size: "L" }, 5900, 0],
        ],
      ],
      ["720000000002", "帆布托特包", [["B200", {}, 2990, 4]]],
    ]);
  });
});

describe("a Shopify store exported by the Matrixify app", () => {
  it("Body HTML, Variant Weight in its own unit, Variant Cost, Category; the app's columns known; a DELETE row skipped", async () => {
    const r = await importCatalogFile(REAL, "shopify-matrixify-export.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["shopify", [], []]);
    expect(r.ignored).toEqual(
      expect.arrayContaining(["ID", "Tags Command", "Variant ID", "Metafield: title_tag [string]", "Inventory Available: Main Warehouse"]),
    );
    expect(warned(r)).toEqual([[4, "Command is DELETE: a row Matrixify would not import as a product; skipped"]]);
    expect(handles(r)).toEqual(["cedar-planter"]);
    const planter = product(r, "cedar-planter");
    expect(planter).toMatchObject({
      description: "<p>Untreated cedar.</p>",
      category: "Home & Garden > Lawn & Garden > Gardening > Pots & Planters",
      status: "active",
    });
    // 2.5 kg and 11 lb (11 × 453.592 g).
    expect(planter.variants.map((v) => [v.sku, v.options, v.price, v.compareAtPrice, v.cost, v.weightGrams, v.inventory])).toEqual([
      ["CP-S", { size: "Small" }, 4900, null, 2150, 2500, 4],
      ["CP-L", { size: "Large" }, 8900, 9900, 3800, 4989.516, 3],
    ]);
  });
});

describe("管家婆 商品档案: 商品编号 the only code", () => {
  it("商品编号 is the SKU (leading zeros kept), 商品全名 the title, 规格 a net weight", async () => {
    const r = await importCatalogFile(CN, "guanjiapo-goods.csv", "CNY");
    expect([r.dialect, r.unmatched, r.ignored, errors(r)]).toEqual(["native", [], ["简称", "型号", "基本单位", "产地"], []]);
    expect(r.products.map((p) => [p.title, p.vendor, p.variants.map((v) => [v.sku, v.options, v.attributes, v.price])])).toEqual([
      ["浓缩洗衣液 2kg", "洁净", [["0101001", { spec: "2kg" }, { spec: "2kg" }, 3990]]],
      ["浓缩洗衣液 500g", "洁净", [["0101002", { spec: "500g" }, { spec: "500g" }, 1250]]],
    ]);
  });
});

describe("a German WooCommerce export re-saved by Excel (semicolons, decimal commas)", () => {
  it("reads 0,35 in Gewicht (kg) as 350 g and 12,50 as 12.50; the variation's parent by SKU and by id:N", async () => {
    const r = await importCatalogFile(REAL, "woocommerce-de-excel-semicolon.csv", "EUR");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["woocommerce", [], []]);
    expect(
      r.products.map((p) => [p.handle, p.variants.map((v) => [v.sku, v.options, v.price, v.compareAtPrice, v.weightGrams, v.inventory])]),
    ).toEqual([
      ["becher", [["A-1", {}, 1250, null, 350, 4]]],
      [
        "shirt",
        [
          ["T-1-S", { size: "S" }, 1750, 1990, 200, 3],
          ["T-1-M", { size: "M" }, 1990, null, 200, 0],
        ],
      ],
    ]);
    // The shop's own attribute name stays as written: Größe is read as the size, and shown as Größe.
    expect(product(r, "shirt").optionNames).toEqual(["Größe"]);
  });
});
