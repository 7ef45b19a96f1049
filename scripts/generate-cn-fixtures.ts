/**
 * Writes fixtures/catalog/cn/ (`npx tsx scripts/generate-cn-fixtures.ts [dir]`): Chinese sellers'
 * catalogs in the layouts studied for issue 19 (fixtures/catalog/cn/README.md lists the real files
 * and what each taught). The contents are our own; only the layouts and quirks are copied:
 * 淘宝助理 exports of three generations and three encodings, an ERP (聚水潭-style) export with a
 * title row, an English wholesale sheet with `Size:M` cells and required-markers, a grocery sheet
 * whose 规格 holds weights, volumes and counts, a 进销存 legacy .xls, and a sheet with no prices.
 * No clock, no randomness: the same bytes every run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as XLSX from "@e965/xlsx";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";

const ROOT = resolve(import.meta.dirname, "..");

// --- 淘宝助理 ---------------------------------------------------------------------------------------

/** The 5.6 generation's field line (WirelessItemAssistant VER560 + TaobaoCsvDataGenerateBO T_HEAD1). */
const V5_FIELDS = [
  "title",
  "cid",
  "seller_cids",
  "stuff_status",
  "location_state",
  "location_city",
  "item_type",
  "price",
  "auction_increment",
  "num",
  "valid_thru",
  "freight_payer",
  "post_fee",
  "ems_fee",
  "express_fee",
  "has_invoice",
  "has_warranty",
  "approve_status",
  "has_showcase",
  "list_time",
  "description",
  "cateProps",
  "postage_id",
  "has_discount",
  "modified",
  "upload_fail_msg",
  "picture_status",
  "auction_point",
  "picture",
  "video",
  "skuProps",
  "inputPids",
  "inputValues",
  "outer_id",
  "propAlias",
  "auto_fill",
  "num_id",
  "local_cid",
  "navigation_type",
  "user_name",
  "syncStatus",
  "is_lighting_consigment",
  "is_xinpin",
  "foodparame",
  "features",
  "buyareatype",
  "global_stock_type",
  "global_stock_country",
  "sub_stock_type",
  "item_size",
  "item_weight",
  "sell_promise",
  "custom_design_flag",
  "wireless_desc",
  "barcode",
  "sku_barcode",
  "newprepay",
  "subtitle",
  "cpv_memo",
  "input_custom_cpv",
  "qualification",
  "add_qualification",
  "o2o_bind_service",
]; // prettier-ignore
const V5_CHINESE = [
  "宝贝名称",
  "宝贝类目",
  "店铺类目",
  "新旧程度",
  "省",
  "城市",
  "出售方式",
  "宝贝价格",
  "加价幅度",
  "宝贝数量",
  "有效期",
  "运费承担",
  "平邮",
  "EMS",
  "快递",
  "发票",
  "保修",
  "放入仓库",
  "橱窗推荐",
  "开始时间",
  "宝贝描述",
  "宝贝属性",
  "邮费模版ID",
  "会员打折",
  "修改时间",
  "上传状态",
  "图片状态",
  "返点比例",
  "新图片",
  "视频",
  "销售属性组合",
  "用户输入ID串",
  "用户输入名-值对",
  "商家编码",
  "销售属性别名",
  "代充类型",
  "数字ID",
  "本地ID",
  "宝贝分类",
  "用户名称",
  "宝贝状态",
  "闪电发货",
  "新品",
  "食品专项",
  "尺码库",
  "采购地",
  "库存类型",
  "国家地区",
  "库存计数",
  "物流体积",
  "物流重量",
  "退换货承诺",
  "定制工具",
  "无线详情",
  "商品条形码",
  "sku 条形码",
  "7天退货",
  "宝贝卖点",
  "属性值备注",
  "自定义属性值",
  "商品资质",
  "增加商品资质",
  "关联线下服务",
]; // prettier-ignore

/** The newest generation (TaobaoExportService): 80 fields, 物流体积 twice in the Chinese line. */
const V6_EXTRA_FIELDS = [
  "departure_place",
  "car_cascade",
  "legal_customs",
  "exSkuProps",
  "deliveryTimeType",
  "tbDeliveryTime",
  "nutrientTable",
  "exFoodParam",
  "item_volumn",
  "image_video_type",
  "shopping_title",
  "ysbCheckTask",
  "subStock",
  "multiDiscountPromotion",
  "shopping_title2",
  "useSizeMapping",
  "sizeMapping",
  "shippingArea",
]; // prettier-ignore
const V6_EXTRA_CHINESE = [
  "发货地",
  "汽车品牌",
  "报关方式",
  "扩展Sku",
  "发货时效",
  "预售时间",
  "成份表",
  "扩展食品安全",
  "物流体积",
  "主图视频比例",
  "导购标题",
  "商品预检",
  "拍下减库存",
  "多件优惠",
  "导购标题2",
  "使用商品尺寸表",
  "商品尺寸表",
  "新发货地",
]; // prettier-ignore

/** 4.x (ECShop "Taobao Assistant V4.6" export): Chinese line only, no version line. */
const V4_CHINESE = [
  "宝贝名称",
  "宝贝类目",
  "店铺类目",
  "新旧程度",
  "省",
  "城市",
  "出售方式",
  "宝贝价格",
  "加价幅度",
  "宝贝数量",
  "有效期",
  "运费承担",
  "平邮",
  "EMS",
  "快递",
  "付款方式",
  "支付宝",
  "发票",
  "保修",
  "自动重发",
  "放入仓库",
  "橱窗推荐",
  "发布时间",
  "心情故事",
  "宝贝描述",
  "宝贝图片",
  "宝贝属性",
  "团购价",
  "最小团购件数",
  "邮费模版ID",
  "会员打折",
  "修改时间",
  "上传状态",
  "图片状态",
  "返点比例",
  "新图片",
  "视频",
  "销售属性组合",
  "用户输入ID串",
  "用户输入名-值对",
  "商家编码",
  "销售属性别名",
  "代充类型",
  "宝贝编号",
  "数字ID",
]; // prettier-ignore

type Item = Record<string, string>;

/** The items every 淘宝助理 fixture holds (by English field name). */
const ITEMS: Item[] = [
  {
    // Standard colour ids, one renamed by 销售属性别名; standard sizes; one SKU without 商家编码.
    title: "男士连帽冲锋衣 防风防水",
    cid: "50011167",
    price: "299.00",
    num: "23",
    approve_status: "0",
    description: '<p style="color:#333">三层压胶 防水指数 10000mm</p>\n<p>尺码偏大 建议拍小一码</p>',
    cateProps: "20000:29534;1627207:28320;1627207:28341;20509:28315;20509:28316;",
    picture:
      "b1f0c1a2d3e4:1:0:|https://img.example.cn/jacket/main.jpg;c2a0d9e8f7a6:1:1:|https://img.example.cn/jacket/back.jpg;d3c9b8a7f6e5:2:0:1627207:28341|https://img.example.cn/jacket/black.jpg;",
    skuProps:
      "299.00:5:JK-W-M:1627207:28320;20509:28315;299.00:6:JK-W-L:1627207:28320;20509:28316;319.00:8:JK-B-M:1627207:28341;20509:28315;319.00:4::1627207:28341;20509:28316;",
    outer_id: "JK-2024",
    // sku 条形码: one per SKU in 销售属性组合's order (Taobao's item API), the third SKU without one.
    sku_barcode: "6901234567001,6901234567002,,6901234567004",
    propAlias: "1627207:28341:曜石黑;",
    num_id: "612345678901",
    subtitle: "三层压胶",
  },
  {
    // No sale properties: one variant, its SKU is the item's 商家编码.
    title: "手账本 A5 点阵",
    cid: "50012345",
    price: "39.90",
    num: "10",
    approve_status: "1",
    description: "120页 100g 道林纸",
    outer_id: "NB-A5-DOT",
    barcode: "6901234567892",
    picture: "e4d3c2b1a0f9:1:0:|https://img.example.cn/notebook.jpg;",
    num_id: "612345678902",
  },
  {
    // Seller-defined values (negative vids) named by 自定义属性值, a picture given only as a local
    // .tbi name, a size the item's 用户输入 pairs name.
    title: "羊毛围巾 冬季加厚",
    cid: "50007003",
    price: "128.00",
    num: "12",
    approve_status: "0",
    description: "70%羊毛",
    picture: "f9e8d7c6b5a4:1:0:|;",
    skuProps: "128.00:7:SC-FOG:1627207:-1001;20509:-1001;138.00:5:SC-CRM:1627207:-1002;20509:-1001;",
    inputPids: "20509",
    inputValues: "均码",
    outer_id: "SC-WOOL",
    // Three barcodes for two SKUs: which is whose cannot be told.
    sku_barcode: "6901234567101,6901234567102,6901234567103",
    input_custom_cpv: "1627207:-1001:雾霾蓝;1627207:-1002:奶油白;",
    num_id: "612345678903",
  },
];

function itemRow(fields: readonly string[], item: Item): string[] {
  return fields.map((f) => item[f] ?? "");
}

/** Tab-separated, text fields quoted as 淘宝助理 quotes them, CRLF. */
function tsv(rows: string[][]): string {
  return stringify(rows, { delimiter: "\t", record_delimiter: "\r\n", quoted_match: /[^\d.]/ });
}

function bare(cells: readonly string[]): string {
  return `${cells.join("\t")}\r\n`;
}

function utf16(text: string, be: boolean): Buffer {
  const le = Buffer.from(`\ufeff${text}`, "utf16le");
  if (!be) return le;
  const out = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    out[i] = le[i + 1] as number;
    out[i + 1] = le[i] as number;
  }
  return out;
}

function taobaoFiles(dir: string): void {
  const v5 = bare(["version 1.00"]) + bare(V5_FIELDS) + bare(V5_CHINESE) + tsv(ITEMS.map((i) => itemRow(V5_FIELDS, i)));
  writeFileSync(join(dir, "taobao-v5-utf16le.csv"), utf16(v5, false));
  writeFileSync(join(dir, "taobao-v5-utf16be.csv"), utf16(v5, true));

  // Newest generation, with the Chinese line above the English one and 物流体积 twice; UTF-8.
  const v6Fields = [...V5_FIELDS, ...V6_EXTRA_FIELDS];
  const v6 =
    bare(["version 1.00", "Csv由Tbup理货员导出", ...new Array<string>(v6Fields.length - 2).fill("")]) +
    bare([...V5_CHINESE, ...V6_EXTRA_CHINESE]) +
    bare(v6Fields) +
    tsv(ITEMS.map((i) => itemRow(v6Fields, i)));
  writeFileSync(join(dir, "taobao-v6-zh-first-utf8.csv"), `\ufeff${v6}`);

  // 4.x: Chinese line only, GBK, no version line.
  const zhToField = new Map(V5_CHINESE.map((zh, i) => [zh, V5_FIELDS[i] as string]));
  const v4Fields = V4_CHINESE.map((zh) => zhToField.get(zh) ?? `(${zh})`);
  // 4.x has no 自定义属性值: seller-defined values are named in 销售属性别名 there.
  const v4Items = ITEMS.map((i) => (i.input_custom_cpv ? { ...i, propAlias: `${i.propAlias ?? ""}${i.input_custom_cpv}` } : i));
  const v4 = bare(V4_CHINESE) + tsv(v4Items.map((i) => itemRow(v4Fields, i)));
  writeFileSync(join(dir, "taobao-v4-gbk.csv"), iconv.encode(v4, "gbk"));
}

// --- ERP and supplier sheets ---------------------------------------------------------------------

function erpFiles(dir: string): void {
  // 聚水潭-style 商品资料 export: a title row above the header, 款式编码 / 商品编码, 颜色及规格,
  // 基本售价, 市场|吊牌价, 国标码, 进货价 with 3-4 decimals, 库存量, a （必填） marker.
  const erp = [
    ["商品资料导出 2024-09-01（共 4 条）"],
    ["款式编码（必填）", "商品编码", "名称", "颜色", "尺码", "基本售价", "市场|吊牌价", "进货价", "国标码", "库存量"],
    ["DR-101", "DR-101-RD-M", "真丝连衣裙", "酒红", "M", "459", "899", "182.714", "6970000000017", "12"],
    ["DR-101", "DR-101-RD-L", "真丝连衣裙", "酒红", "L", "459", "899", "182.714", "6970000000024", "10.8"],
    ["DR-101", "DR-101-BK-M", "真丝连衣裙", "musta", "M", "459", "899", "182.7145", "6970000000031", "3"],
  ];
  writeFileSync(join(dir, "erp-jushuitan.csv"), `\ufeff${stringify(erp, { record_delimiter: "\r\n" })}`);

  // English wholesale sheet: required-markers, Size:M cells, Wholesale / Retail price, Available stock.
  const en = [
    ["Product code*", "Name (必填)", "Variant", "Colour", "Wholesale price", "Retail price", "Available stock", "【必填】Barcode"],
    ["TEE-01-S", "Organic cotton tee", "Size:S", "White", "3.714", "19.90", "40", "4006381333931"],
    ["TEE-01-M", "Organic cotton tee", "Size:M", "White", "3.714", "19.90", "25", "4006381333948"],
    ["TEE-01-L", "Organic cotton tee", "Size: L", "Bark Grey", "3.9", "21.90", "0", "4006381333955"],
  ];
  writeFileSync(join(dir, "supplier-en-wholesale.csv"), stringify(en));

  // Grocery sheet: 规格 holds weights, volumes and counts, not sizes.
  const grocery = [
    ["商品编码", "商品名称", "规格", "售价", "库存"],
    ["NUT-400", "每日坚果", "400g", "59.9", "100"],
    ["NUT-500", "每日坚果", "0.5kg", "69.9", "80"],
    ["RICE-2", "五常大米", "2斤", "29.9", "50"],
    ["OIL-500", "山茶油", "500ml", "88", "30"],
    ["TEA-15", "压片糖", "5.8g*15支", "19.9", "60"],
    ["PEN-15", "中性笔", "15支", "12", "200"],
    ["TEE-M", "文化衫", "M", "39", "10"],
    ["FRM-208", "公路车架", "20.8", "2280", "2"],
  ];
  writeFileSync(join(dir, "grocery-spec.csv"), `\ufeff${stringify(grocery)}`);

  // A sheet with titles and SKUs but no prices at all.
  const noPrice = [["商品编码", "商品名称", "颜色", "库存"]];
  for (let i = 1; i <= 30; i++) noPrice.push([`NP-${String(i).padStart(3, "0")}`, `样品 ${i}`, "黑色", "1"]);
  writeFileSync(join(dir, "no-prices.csv"), `\ufeff${stringify(noPrice)}`);

  // 进销存 商品资料.xls (JXCServier): numbers stored as text, 货号 empty, blank formatted rows after.
  const jxc: (string | null)[][] = [
    ["条码", "名称", "货号", "规格", "型号", "进价", "售价", "单位", "备注一"],
    ["CLY-02-CAS-01", "Colony Castaway车架", "", "20.8", "", "0", "2280", "只", ""],
    ["CLY-02-SWE-05", "Colony Sweet车架", "", "19.8", "", "1580.5", "2780", "只", "黑色"],
  ];
  for (let i = 0; i < 40; i++) jxc.push([null, null, null, null, null, null, null, null, null]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(jxc), "Sheet1");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), "Sheet2");
  writeFileSync(join(dir, "jxc-goods.xls"), XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer);

  // 聚水潭 商品资料 as the ERP exports it (xlsx, all 45 columns, header on row 1): 颜色及规格 is
  // 颜色 + ";" + 规格 on every row, 成本价 and 采购价 side by side, 商品标签, 商品状态 启用, 颜色 无,
  // and a paint range whose shades (中灰色, 灰色) the dictionary files under one colour.
  const jstHeader = [
    "图片",
    "款式编码",
    "商品编码",
    "商品名称",
    "商品简称",
    "颜色及规格",
    "颜色",
    "规格",
    "基本售价",
    "成本价",
    "采购价",
    "市场|吊牌价",
    "品牌",
    "分类",
    "虚拟分类",
    "商品标签",
    "国标码",
    "供应商名称",
    "采购特征",
    "建议采购数",
    "重量",
    "长",
    "宽",
    "高",
    "体积",
    "单位",
    "商品状态",
    "库存同步",
    "备注",
    "订单留言备注",
    "库容下限",
    "库容上限",
    "溢出数量",
    "标准装箱数量",
    "标准装箱体积",
    "主仓位",
    "其它价格1",
    "其它价格2",
    "其它价格3",
    "其它属性1",
    "其它属性2",
    "其它属性3",
    "修改时间",
    "创建时间",
    "创建人",
  ];
  const jstRow = (style: string, sku: string, name: string, colour: string, spec: string, price: string, cost: string, buy: string) => {
    const r = new Array<string | number>(jstHeader.length).fill("");
    const set = (h: string, v: string | number) => {
      r[jstHeader.indexOf(h)] = v;
    };
    set("款式编码", style);
    set("商品编码", sku);
    set("商品名称", name);
    set("颜色及规格", [colour, spec].filter((x) => x !== "").join(";"));
    set("颜色", colour);
    set("规格", spec);
    set("基本售价", price);
    set("成本价", cost);
    set("采购价", buy);
    set("品牌", "漆匠");
    set("商品标签", "喷漆");
    set("建议采购数", 0);
    set("单位", "瓶");
    set("商品状态", "启用");
    set("库存同步", "开启");
    set("修改时间", "2026/04/30 13:59:29");
    set("创建时间", "2026/04/30 13:59:29");
    set("创建人", "店长");
    return r;
  };
  const jst = [
    jstHeader,
    jstRow("PQ-88", "PQ-88-22", "自动喷漆 22 中灰色 400mL", "中灰色", "400ml", "18.5", "7.2", "7.15"),
    jstRow("PQ-88", "PQ-88-301", "自动喷漆 301 灰色 400mL", "灰色", "400ml", "18.5", "7.2", "7.15"),
    jstRow("PQ-88", "PQ-88-05", "自动喷漆 05 大红 400mL", "大红", "400ml", "18.5", "7.2", "7.15"),
    jstRow("RJQ-20", "RJQ-20-KG", "内墙乳胶漆 20kg", "无", "20kg", "399", "210.5", "208"),
    jstRow("RJQ-20", "RJQ-5-KG", "内墙乳胶漆 5kg", "无", "5kg", "119", "61", "60.5"),
  ];
  const jstBook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(jstBook, XLSX.utils.aoa_to_sheet(jst), "Sheet1");
  writeFileSync(join(dir, "erp-jushuitan-full.xlsx"), XLSX.write(jstBook, { type: "buffer", bookType: "xlsx" }) as Buffer);

  // 聚水潭 SKU list: only 颜色及规格, "颜色;规格" (a value with no ";" says not which of the two it is).
  const jstSkus = [
    ["款式编码", "商品编码", "商品名称", "颜色及规格", "基本售价", "库存"],
    ["2503", "202425030137", "帆布鞋", "绿野仙踪/青橙;37", "299", "25"],
    ["2503", "202425030138", "帆布鞋", "绿野仙踪/青橙;38", "299", "18"],
    ["2503", "202425030237", "帆布鞋", "黑色;37", "299", "4"],
    ["2611", "202426110001", "棒球帽", "均码", "89", "12"],
  ];
  writeFileSync(join(dir, "erp-jushuitan-sku-list.csv"), `\ufeff${stringify(jstSkus)}`);

  // 1688-style wholesale sheet: the article number (货号) on every colour and size row of it, and a
  // 规格 column naming colour and size together without their names ("红色/XL", "黑色,均码").
  const wholesale = [
    ["货号", "商品名称", "颜色", "尺码", "批发价", "零售价", "库存"],
    ["K-8801", "纯棉T恤", "白色", "M", "18.5", "39", "100"],
    ["K-8801", "纯棉T恤", "白色", "L", "18.5", "39", "80"],
    ["K-8801", "纯棉T恤", "黑色", "M", "18.5", "39", "60"],
    ["K-9902", "连帽卫衣", "灰色", "均码", "45", "99", "30"],
  ];
  writeFileSync(join(dir, "supplier-1688-article-no.csv"), `\ufeff${stringify(wholesale)}`);
  const specPairs = [
    ["商品编码", "商品名称", "规格", "售价", "库存"],
    ["A-1", "T恤", "红色/XL", "¥39.90", "5"],
    ["A-2", "T恤", "红色/L", "39.9元", "5"],
    ["B-1", "卫衣", "黑色,均码", "59", "5"],
    ["B-2", "卫衣", "白色,加大", "59", "5"],
    ["C-1", "帽", "红色/蓝色", "19", "5"],
  ];
  writeFileSync(join(dir, "spec-colour-size.csv"), `\ufeff${stringify(specPairs)}`);

  // An ERP's goods stock export: 款式编号 / 款式名称 is the product, 货品编号 / 货品名称 each goods item
  // (货品名称 gives way to 款式名称 as the title), 规格型号 "红/M", 分类1-3, 批次 and 金额 beside.
  const goods = [
    [
      "款式编号",
      "款式名称",
      "货品编号",
      "货品名称",
      "供应商",
      "仓库",
      "数量",
      "成本价",
      "金额",
      "单位",
      "分类1",
      "分类2",
      "分类3",
      "批次",
      "销售价",
      "规格型号",
    ],
    ["S-1", "羊毛衫", "G-1", "羊毛衫 红 M", "某厂", "主仓", "10", "80", "800", "件", "服装", "毛衫", "", "B1", "199", "红/M"],
    ["S-1", "羊毛衫", "G-2", "羊毛衫 红 L", "某厂", "主仓", "5", "80", "400", "件", "服装", "毛衫", "", "B1", "199", "红/L"],
  ];
  writeFileSync(join(dir, "erp-goods-stock.csv"), `\ufeff${stringify(goods)}`);

  // POS / 进销存 商品资料 (Simple_Shop): （必填） markers, 进货价 and 批发价 both, 毛利率 ... 拼音码, and
  // no SKU column at all (条码 is the barcode): refused in one line naming the missing column.
  const pos = [
    [
      "名称（必填）",
      "分类（必填）",
      "条码",
      "库存量",
      "进货价（必填）",
      "销售价（必填）",
      "毛利率",
      "批发价",
      "会员价",
      "会员折扣",
      "积分商品",
      "生产日期",
      "保质期",
      "拼音码",
      "创建日期",
    ],
    ["虾片 番茄味", "零食", "6900000000011", 0, 9.8, 13, "24.62%", 13, 13, "是", "是", "", "", "xpfqw", "2025-02-11 20:37:48"],
    ["虾片 原味", "零食", "6900000000028", 5, 5.2, 8, "35.00%", 8, 8, "是", "是", "", "", "xpyw", "2025-02-11 20:38:35"],
  ];
  const posBook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(posBook, XLSX.utils.aoa_to_sheet(pos), "Sheet1");
  writeFileSync(join(dir, "pos-goods-no-sku.xlsx"), XLSX.write(posBook, { type: "buffer", bookType: "xlsx" }) as Buffer);
}

/** Round 3: ERP and platform product exports (fixtures/catalog/cn/README.md, files 29-30). */
function exportFiles(dir: string): void {
  // 快麦 ERP 商品导出: the platform's ids (系统商品ID, 系统规格ID) beside the seller's codes (主商家编码 for
  // the item, 规格商家编码 per SKU), 69码, 成本价 and no selling price: refused in one header line.
  const kuaimai = [
    ["系统商品ID", "系统规格ID", "主商家编码", "规格商家编码", "商品名称", "规格", "69码", "成本价"],
    ["70011", "90011", "ZZ-01", "ZZ-01-G", "粽子礼盒", "绿色粽子", "6970000000011", "2.50"],
    ["70011", "90012", "ZZ-01", "ZZ-01-R", "粽子礼盒", "红豆粽子", "6970000000028", "2.80"],
  ];
  writeFileSync(join(dir, "kuaimai-goods-no-price.csv"), `\ufeff${stringify(kuaimai)}`);
  // A platform's product export (抖店-style): 商品ID groups the SKU rows, SKU ID gives way to 商家编码
  // (empty on one row: a SKU-less variant), 规格名称 "M码", 可售库存, 商品类目, 上下架状态 销售中 / 已下架.
  const platform = [
    ["商品ID", "商品名称", "SKU ID", "规格名称", "销售价", "可售库存", "商品类目", "上下架状态", "商家编码"],
    ["3601", "夏季连衣裙", "880001", "M码", "129.00", "20", "女装", "销售中", "B001-M"],
    ["3601", "夏季连衣裙", "880002", "L码", "129.00", "12", "女装", "销售中", ""],
    ["3602", "亚麻衬衫", "880003", "均码", "89.90", "0", "女装", "已下架", "B002"],
  ];
  writeFileSync(join(dir, "platform-goods-export.csv"), `\ufeff${stringify(platform)}`);
  // 有赞 商品导出: 商品编码 is the product's code beside 规格编码 (each SKU's), 商品规格 "白色 M",
  // 价格（元） / 成本价（元） with the unit in full-width brackets, 商品类型 ... 商品链接 known, not imported.
  const youzan = [
    [
      "商品名称",
      "商品规格",
      "商品编码",
      "规格编码",
      "商品类型",
      "商品分组",
      "分享描述",
      "商品卖点",
      "价格（元）",
      "成本价（元）",
      "库存",
      "累计销量",
      "会员折扣",
      "商品链接",
    ],
    [
      "纯棉T恤",
      "白色 M",
      "T100",
      "T100-W-M",
      "实物商品",
      "夏季新品",
      "好穿",
      "透气",
      "59.00",
      "20.00",
      "10",
      "3",
      "",
      "https://shop.example/t100",
    ],
    [
      "纯棉T恤",
      "白色 L",
      "T100",
      "T100-W-L",
      "实物商品",
      "夏季新品",
      "好穿",
      "透气",
      "59.00",
      "20.00",
      "8",
      "0",
      "",
      "https://shop.example/t100",
    ],
    ["帆布袋", "", "B200", "B200", "实物商品", "", "", "", "29.90", "9.5", "4", "12", "", "https://shop.example/b200"],
  ];
  writeFileSync(join(dir, "youzan-goods-export.csv"), `\ufeff${stringify(youzan)}`);
  // Shop systems' product sheets with a 规格名 / 规格值 pair ("颜色;尺码" beside "红色;XL"), 商品成本价
  // giving way to SKU成本价, follow-on rows with only the product code; one row whose lists disagree.
  const pairs = [
    [
      "商品编码",
      "商品标题",
      "类目",
      "供应商ID",
      "商品成本价",
      "原链接",
      "SKU编码",
      "规格名",
      "规格值",
      "SKU成本价",
      "售价",
      "库存",
      "备注",
    ],
    [
      "P-1001",
      "圆领短袖T恤",
      "女装/上装/T恤",
      "1",
      "18.00",
      "https://example.com/p1",
      "P-1001-RED-XL",
      "颜色;尺码",
      "红色;XL",
      "18.00",
      "59.90",
      "200",
      "多规格用分号分隔",
    ],
    ["P-1001", "", "", "", "", "", "P-1001-BLUE-L", "颜色;尺码", "蓝色;L", "17.50", "55.90", "150", ""],
    ["P-1002", "帆布包", "箱包", "1", "9", "", "P-1002-1", "", "均码", "", "29", "5", ""],
    ["P-1003", "渔夫帽", "配饰", "1", "9", "", "P-1003-1", "颜色;尺码", "卡其", "", "39", "5", ""],
  ];
  writeFileSync(join(dir, "spec-name-value-pairs.csv"), `\ufeff${stringify(pairs)}`);
  platformExports(dir);
  // 管家婆 商品档案: 商品编号 the only code (the SKU), 商品全名 beside 简称, 基本单位, 产地, 品牌名称.
  const gjp = [
    ["商品编号", "商品全名", "简称", "规格", "型号", "基本单位", "产地", "品牌名称", "零售价"],
    ["0101001", "浓缩洗衣液 2kg", "洗衣液", "2kg", "", "瓶", "广州", "洁净", "39.90"],
    ["0101002", "浓缩洗衣液 500g", "洗衣液", "500g", "", "瓶", "广州", "洁净", "12.50"],
  ];
  writeFileSync(join(dir, "guanjiapo-goods.csv"), `\ufeff${stringify(gjp)}`);
}

function xlsxFile(dir: string, name: string, rows: unknown[][]): void {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), "Sheet1");
  writeFileSync(join(dir, name), XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
}

/**
 * The product exports of 京东, 小红书, 微信小店 and 抖店 (file 35: a seller's multi-platform importer
 * names each export and the columns it reads by position). Only the columns it names are here.
 */
function platformExports(dir: string): void {
  // 京东 导出商品普通POP-SKU信息 (CSV): SKUID, 商品编码 (the product), 货号 (the seller's code), 销售属性
  // "颜色:黑色;尺寸:三层", 京东价, 可用库存, 上柜 / 下柜.
  const jd = [
    ["SKUID", "商品编码", "商品名称", "商品状态", "销售属性", "货号", "京东价", "可用库存"],
    ["100012345601", "10001234", "铁艺花架 三层", "上柜", "颜色:黑色;尺寸:三层", "HJ-3B", "129.00", "15"],
    ["100012345602", "10001234", "铁艺花架 三层", "上柜", "颜色:白色;尺寸:三层", "HJ-3W", "129.00", "0"],
    ["100012345701", "10001235", "落地花架", "下柜", "颜色:黑色", "", "89.00", "3"],
  ];
  writeFileSync(join(dir, "jd-pop-sku-export.csv"), `\ufeff${stringify(jd)}`);
  // 小红书 商品导出 (xlsx): 规格id, itemId (the product), 商品标题, 规格名称 (the value), 库存, 售价, 商家编码.
  xlsxFile(dir, "xiaohongshu-goods-export.xlsx", [
    ["规格id", "itemId", "商品类型", "商品标题", "规格名称", "库存", "售价", "划线价", "上架状态", "商家编码"],
    ["65f0a1", "64e1b2", "普通商品", "铁艺花架", "黑色", 15, 129, 199, "上架", "HJ-3B"],
    ["65f0a2", "64e1b2", "普通商品", "铁艺花架", "白色", 0, 129, 199, "上架", "HJ-3W"],
  ]);
  // 微信小店 商品数据导出 (xlsx): 商家编码(商品) beside 商家编码(SKU), SKUID giving way, SKU名称.
  xlsxFile(dir, "weixin-shop-goods-export.xlsx", [
    [
      "商品ID",
      "商品标题",
      "商家编码(商品)",
      "类目",
      "状态",
      "创建时间",
      "更新时间",
      "SKUID",
      "SKU名称",
      "SKU图片",
      "商家编码(SKU)",
      "价格",
      "库存",
    ],
    ["10000001", "铁艺花架", "HJ", "家居", "上架", "2026-09-01 10:00:00", "2026-09-02 10:00:00", "20000001", "黑色", "", "HJ-3B", 129, 15],
    ["10000001", "铁艺花架", "HJ", "家居", "上架", "2026-09-01 10:00:00", "2026-09-02 10:00:00", "20000002", "白色", "", "HJ-3W", 129, 0],
  ]);
  // 千牛 商品列表 (xlsx): a group header above the header (merged cells), a row of notes under it, data
  // after; 商品Id groups the SKUs, skuId gives way to 商家编码, 销售属性 "颜色分类:红色;尺码:M".
  const qianniu = XLSX.utils.aoa_to_sheet([
    ["商品信息", "", "", "SKU信息", "", "", ""],
    ["商品Id", "宝贝标题", "商家编码", "销售属性", "skuId", "价格", "库存"],
    ["商品的唯一标识，不可修改", "最多60个汉字", "商家自定义编码", "属性名:属性值", "SKU的唯一标识", "单位：元", "可售数量"],
    ["720000000001", "纯棉短袖T恤", "T100-R-M", "颜色分类:红色;尺码:M", "5100000000001", "59.00", "10"],
    ["720000000001", "纯棉短袖T恤", "T100-R-L", "颜色分类:红色;尺码:L", "5100000000002", "59.00", "0"],
    ["720000000002", "帆布托特包", "B200", "", "", "29.90", "4"],
  ]);
  qianniu["!merges"] = [XLSX.utils.decode_range("A1:C1"), XLSX.utils.decode_range("D1:G1")];
  const qianniuBook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(qianniuBook, qianniu, "商品列表");
  writeFileSync(join(dir, "qianniu-goods-list.xlsx"), XLSX.write(qianniuBook, { type: "buffer", bookType: "xlsx" }) as Buffer);
  // 抖店 商品信息 (xlsx): 商品ID, 商家SKU编码, 规格ID(SKUID), 商品规格, 商品价格, 现货可售; the 19-digit ids
  // stored as text (a number would lose digits).
  xlsxFile(dir, "douyin-goods-export.xlsx", [
    ["商品ID", "商品名称", "商家SKU编码", "规格ID(SKUID)", "商品规格", "商品价格", "现货可售"],
    ["3701234567890123456", "铁艺花架", "HJ-3B", "1800000000000000001", "黑色", "129", "15"],
    ["3701234567890123456", "铁艺花架", "HJ-3W", "1800000000000000002", "白色", "129", "0"],
  ]);
}

/**
 * Fifth round (README files 37-44): a supplier's 报价单 as a GBK CSV without BOM (title and contact
 * rows, prices as ￥89.00 / 199元 / 45 元/件 / full-width digits, stock 有货 / 无货, traditional
 * 顏色, a 合计 row), one with 面议 and a price range, a POS 商品列表 .xls with 13-digit barcodes
 * stored as numbers, a cross-border ERP product list, an export seller's SKU catalogue priced in
 * dollars, and an office-supply 价格表 xlsx.
 */
function sellerSheets(dir: string): void {
  const quote = [
    ["锦绣服饰 2026秋冬批发报价单", "", "", "", "", "", ""],
    ["联系人：王经理 138-0000-0000（价格含税，量大可议）", "", "", "", "", "", ""],
    ["货号", "品名", "顏色", "尺码", "批发价", "零售价", "库存"],
    ["JX-8801", "羊绒圆领毛衣", "黑色", "M", "￥89.00", "199元", "有货"],
    ["JX-8801", "羊绒圆领毛衣", "黑色", "L", "￥89.00", "199元", "12"],
    ["JX-8801", "羊绒圆领毛衣", "灰色", "M", "￥89.00", "199元", "无货"],
    ["JX-8802", "针织围巾", "紅色", "均码", "45 元/件", "９９．００", "30"],
    ["合计", "", "", "", "", "", "42"],
  ];
  writeFileSync(join(dir, "supplier-quote-gbk.csv"), iconv.encode(stringify(quote, { record_delimiter: "\r\n" }), "gbk"));

  const unpriced = [
    ["货号", "品名", "颜色", "尺码", "批发价", "零售价"],
    ["JX-9901", "羽绒服", "黑色", "M", "面议", "面议"],
    ["JX-9902", "棉服", "白色", "L", "39-59", "99"],
    ["JX-9903", "马甲", "灰色", "XL", "29", "69"],
  ];
  writeFileSync(join(dir, "supplier-quote-unpriced.csv"), `\ufeff${stringify(unpriced)}`);

  // A POS 商品列表 (Ans1998/findShopImg): 条码 as numbers (Excel shows 6.90103E+12, the cell keeps all
  // 13 digits), one item in two units (条 and 包), and no SKU column.
  const pos: (string | number)[][] = [
    [
      "名称",
      "分类",
      "条码",
      "单位",
      "品牌",
      "库存",
      "成本价",
      "批发价",
      "销售价",
      "库存上限",
      "库存下限",
      "供货商",
      "生产日期",
      "保质期",
      "拼音码",
      "电子称码",
      "商品状态",
      "商品介绍",
    ],
    ["矿泉水(550ml)", "饮料_箱", 6970000000123, "箱", "某泉", 3, 20.4, 24, 28, 10, 0, "某泉水厂", "2026-01-05", 365, "KQS", "", 1, ""],
    ["矿泉水(550ml)", "饮料", 6970000000116, "瓶", "某泉", 40, 0.85, 1, 2, 100, 5, "某泉水厂", "2026-01-05", 365, "KQS", "", 1, ""],
  ];
  const posBook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(posBook, XLSX.utils.aoa_to_sheet(pos), "score");
  writeFileSync(join(dir, "pos-goods-list.xls"), XLSX.write(posBook, { type: "buffer", bookType: "biff8" }) as Buffer);

  // A cross-border ERP's product list (店小秘 / 马帮 style, kte-erp field list): SPU and SKU, the
  // Chinese and the English name, 总库存, 采购价(不含税), and no selling price.
  const crossBorder = [
    [
      "产品图片",
      "产品中文名称",
      "产品英文名称",
      "系统编码",
      "SKU",
      "SPU",
      "SPU中文关键词",
      "SPU英文关键词",
      "包装尺寸",
      "侵权说明",
      "原SKU",
      "总库存",
      "产品状态",
      "产品分类",
      "供应商名称",
      "采购价(不含税)",
    ],
    [
      "https://img.example.com/bt01.jpg",
      "蓝牙耳机",
      "Bluetooth earphones",
      "S0001",
      "BT-01-BK",
      "BT-01",
      "耳机",
      "earphones",
      "10*8*4",
      "无",
      "",
      "120",
      "在售",
      "数码",
      "某电子厂",
      "35.5",
    ],
    [
      "https://img.example.com/bt01.jpg",
      "蓝牙耳机",
      "Bluetooth earphones",
      "S0002",
      "BT-01-WH",
      "BT-01",
      "耳机",
      "earphones",
      "10*8*4",
      "无",
      "",
      "80",
      "在售",
      "数码",
      "某电子厂",
      "35.5",
    ],
  ];
  writeFileSync(join(dir, "crossborder-erp-products.csv"), `\ufeff${stringify(crossBorder)}`);

  // An export seller's SKU catalogue: 中文名称 beside 英文名称, SEO columns, the price in dollars.
  const catalogue = [
    ["SKU", "品类大类", "子类", "中文名称", "英文名称", "材质", "规格", "表面工艺", "核心卖点", "SEO页面标题", "META描述", "建议售价($)"],
    [
      "KS-001",
      "厨房用品",
      "剪刀",
      "多功能厨房剪刀",
      "Kitchen Scissors",
      "不锈钢",
      "21cm",
      "镜面",
      "可拆洗",
      "Kitchen Scissors",
      "Detachable blades",
      "12.99",
    ],
    [
      "KS-002",
      "厨房用品",
      "剪刀",
      "家禽骨剪",
      "Poultry Shears",
      "不锈钢",
      "25cm",
      "拉丝",
      "省力",
      "Poultry Shears",
      "Spring loaded",
      "15.50",
    ],
  ];
  writeFileSync(join(dir, "export-sku-catalogue.csv"), `\ufeff${stringify(catalogue)}`);

  // A 1688 wholesale 尺码 matrix (brief item 2): a merged title row, one row per colour, the sizes as
  // columns with the quantity in each cell (empty: not offered in that colour; 0: out of stock), a
  // per-colour 商家编码, and a 合计 row of column totals.
  const matrix = XLSX.utils.aoa_to_sheet([
    ["锦绣服饰 1688 现货尺码表", "", "", "", "", "", "", "", "", "", ""],
    ["货号", "商家编码", "品名", "颜色", "S", "M", "L", "XL", "2XL", "批发价", "建议零售价"],
    ["JX-7701", "JX-7701-BK", "加绒卫衣", "黑色", 10, 20, 20, 5, "", 45, 99],
    ["JX-7701", "JX-7701-GY", "加绒卫衣", "灰色", 8, 0, 12, "", "", 45, 99],
    ["JX-7702", "JX-7702-WH", "纯棉T恤", "白色", "", "", "", "", 6, 19.9, 39],
    ["合计", "", "", "", 18, 20, 32, 5, 6, "", ""],
  ]);
  matrix["!merges"] = [XLSX.utils.decode_range("A1:K1")];
  const matrixBook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(matrixBook, matrix, "现货");
  writeFileSync(join(dir, "supplier-1688-size-matrix.xlsx"), XLSX.write(matrixBook, { type: "buffer", bookType: "xlsx" }) as Buffer);

  // An office-supply 价格表 (cfytx): 名称 repeated on the rows of one item's 规格, 编码 often empty,
  // a price with a trailing space, 单位 / 位置 / 备注.
  xlsxFile(dir, "stationery-price-list.xlsx", [
    ["名称", "规格", "编码", "价格", "单位", "位置", "备注"],
    ["网格拉链袋", "", "A4-501", "5", "个", "1-1", ""],
    ["快干印台", "长方形", "NO.9864", "20", "个", "1-4", ""],
    ["快干印台", "圆形", "NO.9863", "10", "个", "1-4", ""],
    ["抽杆夹", "小", "", "2 ", "个", "1-3", ""],
    ["抽杆夹", "大", "", "5", "个", "1-3", "蓝/红"],
  ]);
}

const dir = resolve(process.argv[2] ?? join(ROOT, "fixtures", "catalog", "cn"));
mkdirSync(dir, { recursive: true });
taobaoFiles(dir);
erpFiles(dir);
exportFiles(dir);
sellerSheets(dir);
console.log(`wrote ${dir}`);
