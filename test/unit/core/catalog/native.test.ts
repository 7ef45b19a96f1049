import { describe, expect, it } from "vitest";
import { createRowParser } from "../../../../src/core/catalog/index.js";
import { dict, errors, product, runSheet } from "./sheet.js";

describe("native sheets", () => {
  it("zh-Hans: standardizes sizes and colours, money, weight, tags, category and status", () => {
    const r = runSheet(
      [
        "款号,商品名称,类目,标签,状态,商家编码,颜色,尺码,售价,原价,成本价,条形码,重量,库存",
        "TS-001,纯棉T恤,服装>男装＞T恤,夏季、新品，纯棉,上架,TS-001-R-XL,大红,加大码,129.90,199,45.5,6901234567892,0.5kg,12",
        "TS-001,,,,,TS-001-R-M,红色,M,129.9,,,,500g,3",
        'TS-001,,,,,TS-001-B-M,Navy,m,"1,299.00",,,,1斤,0',
      ].join("\n"),
    );
    expect(r.issues).toEqual([]);
    expect(r.products).toHaveLength(1);
    const p = product(r, "ts-001");
    expect(p).toMatchObject({
      title: "纯棉T恤",
      category: "服装 > 男装 > T恤",
      tags: ["夏季", "新品", "纯棉"],
      status: "active",
      options: ["colour", "size"],
    });
    expect(p.variants.map((v) => [v.sku, v.options, v.price, v.compareAtPrice, v.cost, v.weightGrams, v.inventory])).toEqual([
      ["TS-001-R-XL", { colour: "red", size: "XL" }, 12990, 19900, 4550, 500, 12],
      ["TS-001-R-M", { colour: "red", size: "M" }, 12990, null, null, 500, 3],
      ["TS-001-B-M", { colour: "navy", size: "M" }, 129900, null, null, 500, 0],
    ]);
    expect(p.variants[0]?.barcode).toBe("6901234567892");
    expect(p.variants.every((v) => v.currency === "CNY")).toBe(true);
  });

  it("zh-Hant: groups rows by title when there is no handle, keeping Chinese in the handle", () => {
    const r = runSheet(
      [
        "商品名稱,商家編碼,尺碼,顏色,售價,狀態",
        "棉質 T恤,A1,S,紅色,100,下架",
        "棉質 T恤,A2,L,紅色,100,",
        "羊毛衫,B1,均碼,藏青,300,歸檔",
        "棉質 T恤,A3,XL,紅色,100,",
      ].join("\n"),
    );
    expect(errors(r.issues)).toEqual([]);
    expect(r.products.map((p) => [p.handle, p.status, p.variants.map((v) => v.sku)])).toEqual([
      ["棉質-t恤", "draft", ["A1", "A2", "A3"]],
      ["羊毛衫", "archived", ["B1"]],
    ]);
    expect(product(r, "羊毛衫").variants[0]?.options).toEqual({ colour: "navy", size: "One Size" });
  });

  it("en: continues the previous product on rows that leave handle and title blank", () => {
    const r = runSheet(["title,sku,size,price", "Hoodie,H-S,S,50", ",H-M,M,50", ",H-L,L,55", "Cap,C-1,,20"].join("\n"), {
      currency: "USD",
    });
    expect(errors(r.issues)).toEqual([]);
    expect(r.products.map((p) => [p.handle, p.options, p.variants.map((v) => v.options.size ?? "-")])).toEqual([
      ["hoodie", ["size"], ["S", "M", "L"]],
      ["cap", [], ["-"]],
    ]);
  });

  it("reports cell problems with file, row and column", () => {
    const r = runSheet(
      [
        "handle,title,sku,size,price,compare at price,barcode,inventory,weight,status",
        "p1,Tee,S1,XLL,abc,,6.90123E+12,2.5,heavy,maybe",
        "p1,,6.9E+12,M,-5,,,,,",
        "p1,,,L,10,1e3,,,,",
      ].join("\n"),
      { file: "supplier.csv" },
    );
    const byCell = errors(r.issues).map((i) => [i.at.file, i.at.row, i.at.column, i.message]);
    expect(byCell).toEqual([
      ["supplier.csv", 2, "status", 'status "maybe" is not a status'],
      ["supplier.csv", 2, "price", expect.stringContaining('"abc" is not an amount')],
      ["supplier.csv", 2, "weight", expect.stringContaining('"heavy" is not a weight')],
      ["supplier.csv", 3, "price", "price -5 is negative"],
      ["supplier.csv", 4, "compare at price", expect.stringContaining("scientific notation")],
    ]);
    // What the platforms accept is a warning: an unknown size is kept, a lost barcode or SKU is
    // ignored (the store keeps its own), an empty SKU is no problem at all.
    const warnings = r.issues.filter((i) => i.severity === "warning").map((i) => [i.at.row, i.at.column, i.message]);
    expect(warnings).toEqual([
      [2, "size", expect.stringContaining('size "XLL" is not in the attribute dictionary: kept as written')],
      [2, "barcode", expect.stringMatching(/scientific notation: Excel rounded .*; the cell is ignored \(the store keeps its barcode\)/)],
      // Fractional stock is what wholesale sheets have: rounded down (issue 19).
      [2, "inventory", "inventory 2.5 is not a whole number: rounded down to 2"],
      [3, "sku", expect.stringMatching(/SKU "6.9E\+12" is in scientific notation/)],
    ]);
    const size = r.issues.find((i) => i.at.column === "size");
    expect(size?.hint).toBe('did you mean "XL", "XXL"?');
    const barcode = r.issues.find((i) => i.at.column === "barcode");
    expect(barcode?.hint).toMatch(/format the barcode column as Text/);
    expect(size?.handle).toBe("p1");
    expect(size?.sku).toBe("S1");
    const p1 = product(r, "p1");
    expect(p1.variants.map((v) => [v.sku, v.barcode ?? null, v.options.size])).toEqual([
      ["S1", null, "XLL"],
      ["", null, "M"],
      ["", null, "L"],
    ]);
  });

  it("reads spreadsheet numbers: barcodes and SKUs as exact digits, a rounded one refused", () => {
    const r = runSheet("sku,title,price,barcode\nX,T,1,1\n");
    expect(r.rows[0]?.variant?.barcode).toBe("1");
    // xlsx cells arrive typed: numbers for SKUs, prices and barcodes.
    const p = createRowParser(r.mapping, { file: "x.xlsx", currency: "CNY", dict });
    const ok = p.parse([1001, "Tee", 129.9, 6901234567892], 2);
    expect(ok?.variant).toMatchObject({ sku: "1001", price: 12990, barcode: "6901234567892" });
    const bad = p.parse(["A", "Tee", 10, 2 ** 60], 3);
    expect(bad?.issues.map((i) => [i.at.column, i.message])).toEqual([["barcode", expect.stringContaining("lost digits")]]);
    expect(p.parse(["", " ", null, undefined], 4)).toBeNull();
  });

  it("refuses a currency other than the store's", () => {
    const r = runSheet("sku,title,price,currency\nA,T,10,USD\nB,T,10,rmb\n");
    expect(errors(r.issues).map((i) => [i.at.row, i.message])).toEqual([[2, "prices are in USD but the store sells in CNY"]]);
  });

  it("streaming: emits a product when the next one starts, refuses rows that come back later", () => {
    const csv = ["handle,title,sku,price", "a,A,A1,1", "a,,A2,1", "b,B,B1,1", "a,,A3,1", "c,C,C1,1"].join("\n");
    const r = runSheet(csv, { streaming: true });
    expect(r.emitted).toEqual([
      { handle: "a", afterRow: 4 },
      { handle: "b", afterRow: 6 },
      { handle: "c", afterRow: Number.POSITIVE_INFINITY },
    ]);
    expect(product(r, "a").variants.map((v) => v.sku)).toEqual(["A1", "A2"]);
    expect(errors(r.issues)).toEqual([
      expect.objectContaining({
        at: { file: "sheet.csv", row: 5 },
        handle: "a",
        message: 'the rows of product "a" are not together: rows 2-3, then row 5 after other products',
        hint: expect.stringContaining("sort the sheet by handle"),
      }),
    ]);
    // Whole-file mode takes the same sheet in any order.
    const whole = runSheet(csv);
    expect(errors(whole.issues)).toEqual([]);
    expect(product(whole, "a").variants.map((v) => v.sku)).toEqual(["A1", "A2", "A3"]);
  });
});
