/**
 * 淘宝助理 item CSVs (issue 19): the field syntaxes on their own, then every fixture generation in
 * fixtures/catalog/cn/ through the import's read path, asserting products, variants, display
 * values and canonical values.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePictures, parseSkuProps, parseValueNames, TaobaoExpander, taobaoField } from "../../../../src/core/catalog/taobao.js";
import { english } from "../../../../src/core/i18n/index.js";
import { dict, readCatalogFile } from "./taobao-file.js";

const CN = join(import.meta.dirname, "../../../../fixtures/catalog/cn");

describe("淘宝助理 field syntax", () => {
  it("销售属性组合: price:quantity:商家编码:pid:vid then pid:vid pairs; empty 商家编码 is normal", () => {
    expect(parseSkuProps("299.00:5:JK-W-M:1627207:28320;20509:28315;319.00:4::1627207:28341;20509:28316;")).toEqual({
      skus: [
        {
          price: "299.00",
          quantity: "5",
          outerId: "JK-W-M",
          props: [
            { pid: "1627207", vid: "28320" },
            { pid: "20509", vid: "28315" },
          ],
        },
        {
          price: "319.00",
          quantity: "4",
          outerId: "",
          props: [
            { pid: "1627207", vid: "28341" },
            { pid: "20509", vid: "28316" },
          ],
        },
      ],
    });
    expect(parseSkuProps("").skus).toEqual([]);
    expect(parseSkuProps("88:3:1627207:28320;20509:28315;").skus).toEqual([
      {
        price: "88",
        quantity: "3",
        outerId: "",
        props: [
          { pid: "1627207", vid: "28320" },
          { pid: "20509", vid: "28315" },
        ],
      },
    ]);
    expect(english(parseSkuProps("12:3").problem ?? "")).toContain('"12:3"');
  });

  it("销售属性别名 and 自定义属性值: pid:vid:name", () => {
    const names = parseValueNames("1627207:28341:曜石黑;1627207:-1001:雾霾蓝;bad;");
    expect([...names]).toEqual([
      ["1627207:28341", "曜石黑"],
      ["1627207:-1001", "雾霾蓝"],
    ]);
  });

  it("新图片: item pictures by position, value pictures by pid:vid, local .tbi names counted", () => {
    const p = parsePictures(
      "b:1:1:|https://img.example.cn/2.jpg;a:1:0:|https://img.example.cn/1.jpg;c:2:0:1627207:28341|https://img.example.cn/black.jpg;d:1:2:|;https://img.example.cn/x.jpg:1:3:;",
    );
    expect(p.main).toEqual(["https://img.example.cn/1.jpg", "https://img.example.cn/2.jpg", "https://img.example.cn/x.jpg"]);
    expect([...p.byValue]).toEqual([["1627207:28341", "https://img.example.cn/black.jpg"]]);
    expect(p.local).toBe(1);
  });

  it("skips the Chinese line under the English one even when a Western code page garbled it", () => {
    const x = new TaobaoExpander(["title", "cid", "price", "num", "outer_id", "skuProps"], dict, "t.csv");
    // 宝贝名称 宝贝类目 宝贝价格 宝贝数量 商家编码 销售属性组合, read as Windows-1252.
    expect(x.expand(["±¦±´ÃûÖÆ", "±¦±´ÀàÄ¿", "±¦±´¼Û¸ñ", "±¦±´ÊýÁ¿", "ÉÌ¼Ò±àÂë", "ÏúÊÛÊôÐÔ×éºÏ"], 3).rows).toEqual([]);
    expect(x.expand(["手账本", "50012345", "39.90", "10", "NB-1", ""], 4).rows).toHaveLength(1);
  });

  it("knows the field names of every generation, English or Chinese, with or without spaces", () => {
    expect(taobaoField("skuProps")).toBe("skuProps");
    expect(taobaoField("销售属性组合")).toBe("skuProps");
    expect(taobaoField("用户输入名 - 值对")).toBe("inputValues");
    expect(taobaoField("宝贝图片")).toBe("picture_old");
    expect(taobaoField("Option1 Name")).toBeUndefined();
  });
});

describe.each([
  ["taobao-v5-utf16le.csv", "utf-16le", 2],
  ["taobao-v5-utf16be.csv", "utf-16be", 2],
  ["taobao-v6-zh-first-utf8.csv", "utf-8", 3],
])("淘宝助理 %s", (name, encoding, headerRow) => {
  it("reads the English field line as the header and imports every item", async () => {
    const r = await readCatalogFile(join(CN, name));
    expect(r.encoding).toBe(encoding);
    expect(r.headerRow).toBe(headerRow);
    expect(r.mapping.dialect).toBe("taobao");
    expect(r.mapping.unmatched).toEqual([]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.issues.filter((i) => i.at.column === "sku 条形码").map((i) => [i.severity, i.message])).toEqual([
      ["warning", "sku 条形码 lists 3 barcodes for 2 SKUs in 销售属性组合: which barcode is whose cannot be told, so none is imported"],
    ]);
    expectItems(r.products);
  });
});

describe("淘宝助理 4.x (GBK, Chinese header only)", () => {
  it("reads the Chinese line as the header", async () => {
    const r = await readCatalogFile(join(CN, "taobao-v4-gbk.csv"));
    expect(r.encoding).toBe("gb18030");
    expect(r.headerRow).toBe(1);
    expect(r.mapping.dialect).toBe("taobao");
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    // 4.x has no 商品条形码 column.
    expectItems(r.products, false);
  });
});

type Products = Awaited<ReturnType<typeof readCatalogFile>>["products"];

function expectItems(products: Products, hasBarcode = true): void {
  expect(products.map((p) => p.handle)).toEqual(["jk-2024", "nb-a5-dot", "sc-wool"]);
  const [jacket, notebook, scarf] = products;
  expect(jacket).toMatchObject({ title: "男士连帽冲锋衣 防风防水", status: "active", options: ["colour", "size"] });
  expect(jacket?.description).toContain('<p style="color:#333">');
  expect(jacket?.images).toEqual(["https://img.example.cn/jacket/main.jpg", "https://img.example.cn/jacket/back.jpg"]);
  expect(jacket?.variants.map((v) => [v.sku, v.price, v.inventory, v.image ?? null])).toEqual([
    ["JK-W-M", 29900, 5, null],
    ["JK-W-L", 29900, 6, null],
    ["JK-B-M", 31900, 8, "https://img.example.cn/jacket/black.jpg"],
    ["", 31900, 4, "https://img.example.cn/jacket/black.jpg"],
  ]);
  // 宝贝类目 (cid) is kept as the category; sku 条形码 gives each SKU its barcode, in order.
  expect([jacket?.category, notebook?.category, scarf?.category]).toEqual(["50011167", "50012345", "50007003"]);
  expect(jacket?.variants.map((v) => v.barcode)).toEqual(
    hasBarcode ? ["6901234567001", "6901234567002", undefined, "6901234567004"] : [undefined, undefined, undefined, undefined],
  );
  // Three barcodes for two SKUs: none imported.
  expect(scarf?.variants.map((v) => v.barcode)).toEqual([undefined, undefined]);
  // 28320 is Taobao's 白色; 28341 (黑色) was renamed 曜石黑 by the seller; 28315/28316 are M and L.
  const jacketValues = jacket?.variants.map((v) => [v.options.colour, v.options.size]);
  expect(jacketValues?.map(([, size]) => size)).toEqual(["M", "L", "M", "L"]);
  // A platform export keeps its words; the canonical colour is recorded beside them.
  expect(jacketValues?.[0]?.[0]).toBe("白色");
  expect(jacketValues?.[2]?.[0]).toBe("曜石黑");
  expect(jacket?.variants.map((v) => v.attributes)).toEqual([
    { colour: "white", size: "M" },
    { colour: "white", size: "L" },
    { colour: "black", size: "M" },
    { colour: "black", size: "L" },
  ]);

  expect(notebook).toMatchObject({ title: "手账本 A5 点阵", status: "draft", options: [] });
  expect(notebook?.variants.map((v) => [v.sku, v.price, v.inventory, v.barcode])).toEqual([
    ["NB-A5-DOT", 3990, 10, hasBarcode ? "6901234567892" : undefined],
  ]);

  expect(scarf?.images ?? []).toEqual([]);
  expect(scarf?.variants.map((v) => [v.sku, v.price, v.inventory, v.options.colour, v.options.size])).toEqual([
    ["SC-FOG", 12800, 7, "雾霾蓝", "均码"],
    ["SC-CRM", 13800, 5, "奶油白", "均码"],
  ]);
}
