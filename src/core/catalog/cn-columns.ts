/**
 * Column names of Chinese sellers' sheets seen in the fifth round of real files (helper CZ; the
 * files are listed in fixtures/catalog/cn/README.md, files 37-44): POS 商品列表 exports,
 * cross-border ERP product lists (店小秘 / 马帮 style: SKU, SPU, 中文名称, 英文名称, 采购价(不含税)),
 * export sellers' SKU catalogues (中文名 / 英文名 / 建议售价($) / MOQ), 聚水潭 lists with 图 / 年份 /
 * 季节, office-supply 价格表 (名称, 规格, 编码, 价格, 单位, 位置). dialects.ts merges them into the
 * native dialect's tables; kept here so the western and the Chinese layouts grow apart.
 */
import { isCurrencyCode } from "../values.js";
import type { CatalogField } from "./types.js";

/** More names of catalog fields (added to the native table). */
export const CN_NATIVE_NAMES: readonly [CatalogField, readonly string[]][] = [
  // A cross-border ERP's product list groups its SKUs under an SPU (the style).
  // 拼多多 names the seller's code of the goods 商品外部编码 (each SKU's: SKU外部编码).
  ["handle", ["spu", "spu编码", "spu編碼", "商品spu", "产品spu", "產品spu", "产品编号", "產品編號", "商品外部编码", "商品外部編碼"]],
  [
    "title",
    [
      "中文名称",
      "中文名稱",
      "中文名",
      "产品中文名称",
      "產品中文名稱",
      "商品中文名称",
      "商品中文名稱",
      "产品名称",
      "產品名稱",
      "产品名",
      "產品名",
      "产品标题",
      "產品標題",
      "货品名",
      "貨品名",
    ],
  ],
  // 马帮 names the SKU 库存SKU; an office-supply 价格表 its item code 编码.
  [
    "sku",
    [
      "库存sku",
      "庫存sku",
      "编码",
      "編碼",
      "规格编号",
      "規格編號",
      "sku编号",
      "sku編號",
      "sku外部编码",
      "sku外部編碼",
      "规格外部编码",
      "規格外部編碼",
      "外部编码",
      "外部編碼",
      "商品货号",
      "商品貨號",
    ],
  ],
  ["barcode", ["货品条码", "貨品條碼", "产品条码", "產品條碼"]],
  ["description", ["商品介绍", "商品介紹", "产品描述", "產品描述", "产品介绍", "產品介紹", "商品简介", "商品簡介", "spu描述"]],
  ["vendor", ["供货商", "供貨商", "生产厂家", "生產廠家", "厂家", "廠家"]],
  [
    "category",
    [
      "产品分类",
      "產品分類",
      "一级类目",
      "一級類目",
      "品类大类",
      "品類大類",
      "品类",
      "品類",
      "产品大类",
      "產品大類",
      "大类",
      "大類",
      "商品类别",
      "商品類別",
      "货品类别",
      "貨品類別",
      "类别",
      "類別",
    ],
  ],
  ["status", ["产品状态", "產品狀態"]],
  [
    "price",
    [
      "建议售价",
      "建議售價",
      "建议零售价",
      "建議零售價",
      "单价",
      "單價",
      "销售单价",
      "銷售單價",
      "销售价格",
      "銷售價格",
      "报价",
      "報價",
      // 拼多多: the group price is what the goods sell at (单买价, the single-buy price, is known beside it).
      "拼单价",
      "拼單價",
    ],
  ],
  ["cost", ["拿货价", "拿貨價", "供货价", "供貨價", "出厂价", "出廠價"]],
  [
    "inventory",
    [
      "总库存",
      "總庫存",
      "现有库存",
      "現有庫存",
      "实际库存",
      "實際庫存",
      "库存数",
      "庫存數",
      "可用数量",
      "可用數量",
      "现货数量",
      "現貨數量",
    ],
  ],
  ["image", ["产品图片", "產品圖片", "商品图片", "商品圖片", "图", "圖"]],
];

/**
 * Known columns of those sheets that merchops has no field for: not imported, never "unknown"
 * (an English name beside the Chinese one, keywords, customs declarations, MOQ, shelf places,
 * stock limits, a scale's PLU code, the season of a 聚水潭 style ...).
 */
export const CN_IGNORED =
  /^(英文名称|英文名稱|英文名|产品英文名称|產品英文名稱|商品英文名称|商品英文名稱|系统编码|系統編碼|原sku|spu中文关键词|spu中文關鍵詞|spu英文关键词|spu英文關鍵詞|关键词|關鍵詞|中文关键词|英文关键词|keywords?|包装尺寸|包裝尺寸|侵权说明|侵權說明|已同步海外仓服务商|已同步海外倉服務商|供应链端负责人|供應鏈端負責人|运营端负责人|運營端負責人|开发员|開發員|采购员|採購員|业务员|業務員|负责人|負責人|是否组合商品|是否組合商品|生成资料时间|生成資料時間|操作|复选框|複選框|申报价值.*|申報價值.*|申报中文名.*|申報中文名.*|申报英文名.*|申報英文名.*|海关编码|海關編碼|库存上限|庫存上限|库存下限|庫存下限|电子称码|電子稱碼|电子秤码|電子秤碼|位置|货位|貨位|库位|庫位|年份|季节|季節|仓店|倉店|表面工艺|表面工藝|核心卖点|核心賣點|seo.*|alt text|meta description|meta描述|moq|起订量|起訂量|起批量|最小起订量|最小起訂量|二级分类|二級分類|二级类目|二級類目|三级类目|三級類目|子类|子類|价格带|價格帶|产品型号|產品型號|商品型号|商品型號|包材|箱规|箱規|装箱数|裝箱數|克重|单买价|單買價|促销价|促銷價|活动价|活動價|最低售价|最低售價|最低价|最低價|参考价|參考價|预警库存|預警庫存|上架时间|上架時間|下架时间|下架時間|详情图|詳情圖|轮播图|輪播圖|白底图|白底圖|视频|視頻|運費模板|运费模板|运费|運費|发货地|發貨地|是否包邮|是否包郵|限购|限購|每人限购|每人限購|月销量|月銷量|\d+天销量|\d+天銷量|评价数|評價數|收藏数|收藏數|款式|风格|風格|适用人群|適用人群|性别|性別|平台sku|库存单位|庫存單位|系列|商品系列|是否上架|小类|小類|中类|中類)$/;

/** Names that give way to a better one for the same field (dialects.ts NATIVE_RANK). */
export const CN_RANK: readonly [string, number][] = [
  // The brand is the vendor; a supplier or factory column beside it gives way.
  ...["供应商", "供應商", "厂商", "廠商", "供货商", "供貨商", "生产厂家", "生產廠家", "厂家", "廠家"].map(
    (h) => [h, 1] as [string, number],
  ),
  // A supplier's price to the seller is the cost only where no purchase or cost column is beside it.
  ...["拿货价", "拿貨價", "供货价", "供貨價", "出厂价", "出廠價"].map((h) => [h, 2] as [string, number]),
  // 马帮's 总库存 and a sheet's 可用: the available count is read first.
  ...["总库存", "總庫存"].map((h) => [h, 1] as [string, number]),
  // 编码 alone is the weakest name of the SKU.
  ...["编码", "編碼"].map((h) => [h, 1] as [string, number]),
];

/**
 * The currency a money column names in brackets ("建议售价($)", "价格（元）", "price (USD)"), as a
 * code; undefined when the note is no currency.
 */
const CURRENCY_NOTES = new Map<string, string>([
  ["元", "CNY"],
  ["人民币", "CNY"],
  ["人民幣", "CNY"],
  ["rmb", "CNY"],
  ["¥", "CNY"],
  ["$", "USD"],
  ["us$", "USD"],
  ["美元", "USD"],
  ["美金", "USD"],
  ["€", "EUR"],
  ["欧元", "EUR"],
  ["歐元", "EUR"],
  ["£", "GBP"],
  ["英镑", "GBP"],
  ["英鎊", "GBP"],
  ["港币", "HKD"],
  ["港幣", "HKD"],
  ["hk$", "HKD"],
  ["新台币", "TWD"],
  ["新台幣", "TWD"],
  ["nt$", "TWD"],
  ["日元", "JPY"],
  ["日圓", "JPY"],
]);

export function headerCurrency(note: string): string | undefined {
  const n = note.normalize("NFKC").trim().toLowerCase();
  if (isCurrencyCode(n.toUpperCase())) return n.toUpperCase();
  return CURRENCY_NOTES.get(n);
}
