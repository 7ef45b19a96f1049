/**
 * Catalog sheet dialects: which one a header row is (native merchops template, Shopify product CSV
 * in its 2019, 2023 and 2024+ header sets, WooCommerce product CSV) and which column feeds which
 * field. Headers are compared after NFKC, trimming, lowercasing and collapsing spaces, "_" and "-",
 * so "Compare-at price", "compare_at_price" and "ＳＫＵ" all match. Nothing here builds an object
 * keyed by a header: lookups go through Maps and results are arrays.
 */
import type { AttributeDictionary } from "../attributes/index.js";
import { type Message, msg } from "../i18n/index.js";
import { CN_IGNORED, CN_NATIVE_NAMES, CN_RANK, colonCurrencyNote, headerCurrency, withoutValueLegend } from "./cn-columns.js";
import { SIZE_MATRIX_FIELD, sizeMatrixColumns } from "./cn-size-columns.js";
import { EUROPEAN_NATIVE_HEADERS } from "./european-headers.js";
import { catalogIssue } from "./issue.js";
import type { PlanOptions } from "./plan.js";
import { isTaobaoHeader, isTaobaoHeaderRow, taobaoField } from "./taobao-fields.js";
import { RESERVED_KEYS } from "./text.js";
import type { CatalogDialect, CatalogField, CatalogIssue } from "./types.js";
import { WOO_HEADER_TRANSLATIONS } from "./woo-header-translations.js";

/** Columns only one dialect has: Shopify option name/value pairs, WooCommerce type/parent/attribute slots. */
export type DialectField =
  | "shopify:type"
  | "shopify:published"
  /** Matrixify's "Variant Weight Unit" beside its "Variant Weight" (Shopify's own export has grams). */
  | "shopify:weightUnit"
  /** Matrixify's row "Command": DELETE and IGNORE rows are not products to import. */
  | "shopify:command"
  /** Shopify's inventory export: "On hand (new)", the stock a merchant types to set it (not read: see rows.ts). */
  | "shopify:onHandNew"
  | `shopify:option${1 | 2 | 3}Name`
  | `shopify:option${1 | 2 | 3}Value`
  /** Option4 Value and beyond: Shopify allows 3 options, so a value there is refused by the row parser. */
  | `shopify:extraOption${number}`
  /** 聚水潭 颜色及规格 ("颜色;规格") in a sheet without its own 颜色 and 规格 columns. */
  | "jst:colourAndSpec"
  /** Shop systems' 规格名 / 规格值 pair: "颜色;尺码" beside "红色;XL", names and values in parallel lists. */
  | "spec:names"
  | "spec:values"
  | "woo:id"
  | "woo:type"
  | "woo:parent"
  | "woo:published"
  /** "Visibility in catalog": hidden on a published product is the unlisted status. */
  | "woo:visibility"
  | "woo:regularPrice"
  | "woo:salePrice"
  | "woo:images"
  | `woo:attrName:${number}`
  | `woo:attrValues:${number}`
  /** A 1688 尺码 matrix's size columns (cn-size-matrix.ts: read through SizeMatrixExpander). */
  | "cn:sizeMatrix";

export type ColumnField = CatalogField | DialectField;

export interface MappedColumn {
  /** 0-based index of the column in the row's cells. */
  index: number;
  header: string;
  field: ColumnField;
  /** A unit the header names, e.g. "kg" for "Weight (kg)" or "重量(斤)": applies to bare numbers. */
  unit?: string;
}

export interface HeaderMapping {
  dialect: CatalogDialect;
  /** Every named column that maps to something, "ignore" included, in sheet order. */
  columns: MappedColumn[];
  /** Headers that match nothing: the service asks the user (or refuses without a TTY). */
  unmatched: string[];
  /** Header errors: reserved names, two columns for one field, required columns missing. */
  problems: CatalogIssue[];
}

/**
 * Whether the file gives prices: a column read as the price (WooCommerce: the regular or sale
 * price; 淘宝助理: 宝贝价格 or 销售属性组合). A file without one (a stock or SKU sheet) leaves the store's prices as they are, as a
 * missing column does in Shopify's own import.
 */
export function mappingGivesPrices(mapping: HeaderMapping): boolean {
  const priceFields: readonly string[] =
    mapping.dialect === "woocommerce"
      ? ["woo:regularPrice", "woo:salePrice"]
      : mapping.dialect === "taobao"
        ? ["price", "skuProps"] // 销售属性组合 carries each SKU's price
        : ["price"];
  return mapping.columns.some((c) => priceFields.includes(c.field));
}

/** Fields a variant row gives: a file with none of them only updates product fields. */
const VARIANT_FIELDS: ReadonlySet<string> = new Set([
  "sku",
  "price",
  "compareAtPrice",
  "cost",
  "barcode",
  "weight",
  "inventory",
  "image",
  "shopify:option1Value",
  "shopify:option2Value",
  "shopify:option3Value",
]);

/**
 * A Shopify update sheet: product columns only (`Handle,Title,Body (HTML)`, `Handle,Tags`,
 * `Handle,Vendor,Type`). Shopify's importer, with "overwrite products with matching handles",
 * updates the given columns of the products it has and leaves every column the file lacks as it
 * is (reference/reliability.md: a missing column is kept); it has nothing to create a product
 * from, so such a file only updates products the store holds, and never touches their variants.
 */
export function mappingIsProductUpdate(mapping: HeaderMapping): boolean {
  return (
    mapping.dialect === "shopify" &&
    mapping.columns.some((c) => c.field === "handle") &&
    !mapping.columns.some((c) => VARIANT_FIELDS.has(c.field) || c.field.startsWith("shopify:extraOption"))
  );
}

/**
 * Whether the file says each product's status (a Status or Published column, WooCommerce's
 * visibility, 淘宝助理's own fields). Without one, the store's status stays: a stock or tags
 * sheet never puts an archived product back on sale.
 */
export function mappingGivesStatus(mapping: HeaderMapping): boolean {
  if (mapping.dialect === "taobao") return true;
  const statusFields: readonly string[] = ["status", "shopify:published", "woo:published", "woo:visibility"];
  return mapping.columns.some((c) => statusFields.includes(c.field));
}

/** What the plan needs to know of a file's columns (see PlanOptions). */
export function planOptionsFor(mapping: HeaderMapping): PlanOptions {
  return {
    pricesInFile: mappingGivesPrices(mapping),
    statusInFile: mappingGivesStatus(mapping),
    productUpdate: mappingIsProductUpdate(mapping),
  };
}

export interface MapHeadersOptions {
  /** Forced dialect (`--format`); detected from the headers when absent. */
  dialect?: CatalogDialect;
  dict: AttributeDictionary;
  /**
   * Header -> field from `--mapping map.yaml`; wins over detection. Dialect fields (as a saved
   * mapping of `columns` holds them) are accepted too.
   */
  userMapping?: Readonly<Record<string, ColumnField>>;
  /** The file, for the issues' locations. */
  file?: string;
  /** The row the header is on (default 1), for the issues' locations. */
  headerRow?: number;
}

/**
 * The comparison form of a header: NFKC, trimmed, lowercase, runs of space/_/- as one space, without
 * the required-markers templates put on mandatory columns ("*SKU", "价格*", "名称（必填）",
 * "【必填】条码", "Barcode (required)").
 */
export function headerKey(header: string): string {
  return stripRequiredMarkers(header.normalize("NFKC"))
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

// NFKC has already turned （） into (); 【】 have no compatibility form.
const REQUIRED_MARKER =
  /^\s*\*+|\*+\s*$|\(\s*(必填|必须|必須|required)\s*\)|【\s*(必填|必须|必須)\s*】|\[\s*(必填|必须|必須|required)\s*\]/gi;

/** A header without its required-markers, for messages and dictionary look-ups. */
export function stripRequiredMarkers(header: string): string {
  return header.replace(REQUIRED_MARKER, "").trim();
}

const UNIT_SUFFIX = /^(.*?)\s*\(([^()]*)\)$/;

function table(entries: [ColumnField, string[]][]): Map<string, ColumnField> {
  const m = new Map<string, ColumnField>();
  for (const [field, headers] of entries) for (const h of headers) m.set(headerKey(h), field);
  return m;
}

// The merchops template and the words Chinese supplier sheets use. "商品编号" is the style number
// (款号) in most ERP exports, so it names the product (handle); the variant's code is "商家编码".
const NATIVE = table([
  [
    "handle",
    [
      "handle",
      "款号",
      "款號",
      "商品编号",
      "商品編號",
      "款式编号",
      "款式編號",
      "款式编码",
      "款式編碼",
      "style no",
      "style code",
      "product handle",
      // ERP exports: 快麦's 主商家编码 (the item's code; 规格商家编码 is each SKU's), a SKU list's 所属商品编码.
      "主商家编码",
      "主商家編碼",
      "所属商品编码",
      "所屬商品編碼",
      // Platform product exports (抖店 and the like: 商品ID, SKU ID, 规格名称 ...): the platform's product id.
      "商品id",
      "系统商品id",
      "系統商品id",
      "product id",
      // 小红书 (itemId), 微信小店 (商家编码(商品): the seller's code of the product, beside 商家编码(SKU)).
      "itemid",
      "item id",
      "商家编码(商品)",
      "商家編碼(商品)",
    ],
  ],
  [
    "title",
    [
      "title",
      "name",
      "product name",
      "product title",
      "商品名称",
      "商品名稱",
      "标题",
      "標題",
      "商品标题",
      "商品標題",
      "品名",
      "名称",
      "名稱",
      "商品名",
      "款式名称",
      "款式名稱",
      "货品名称",
      "貨品名稱",
      "item name",
      "所属商品名称",
      "所屬商品名稱",
      // 千牛 商品列表 and other Taobao seller-centre exports name the item 宝贝.
      "宝贝标题",
      "寶貝標題",
      "宝贝名称",
      "寶貝名稱",
      // 管家婆 商品档案: 商品全名 beside 简称.
      "商品全名",
      "商品全稱",
    ],
  ],
  ["description", ["description", "商品描述", "描述", "商品详情", "商品詳情", "详情", "詳情"]],
  ["vendor", ["vendor", "brand", "品牌", "品牌名称", "品牌名稱", "供应商", "供應商", "厂商", "廠商"]],
  ["category", ["category", "类目", "類目", "分类", "分類", "商品分类", "商品分類", "商品类目", "商品類目", "category path"]],
  ["tags", ["tags", "tag", "标签", "標籤", "標簽", "商品标签", "商品標籤"]],
  ["status", ["status", "状态", "狀態", "商品状态", "商品狀態", "上下架状态", "上下架狀態", "上架状态", "上架狀態"]],
  // 商品编码 is the SKU's code in ERP exports (聚水潭: 款式编码 is the style, 商品编码 the SKU).
  [
    "sku",
    [
      "sku",
      "商家编码",
      "商家編碼",
      "货号",
      "貨號",
      "sku编码",
      "sku編碼",
      "sku code",
      "规格编码",
      "規格編碼",
      "商品编码",
      "商品編碼",
      "货品编号",
      "貨品編號",
      "货品编码",
      "貨品編碼",
      "product code",
      "item code",
      "variant sku",
      "规格商家编码",
      "規格商家編碼",
      "sku商家编码",
      "sku商家編碼",
      "sku id",
      "skuid",
      "商家编码(sku)",
      "商家編碼(sku)",
      "商家sku编码",
      "商家sku編碼",
    ],
  ],
  [
    "price",
    [
      "price",
      "售价",
      "售價",
      "价格",
      "價格",
      "销售价",
      "銷售價",
      "一口价",
      "一口價",
      "基本售价",
      "基本售價",
      "商品价格",
      "商品價格",
      "零售价",
      "零售價",
      "retail price",
      "sale price",
      "selling price",
      "variant price",
      "京东价",
      "京東價",
    ],
  ],
  [
    "compareAtPrice",
    [
      "compare at price",
      "原价",
      "原價",
      "划线价",
      "劃線價",
      "市场价",
      "市場價",
      "吊牌价",
      "吊牌價",
      "市场|吊牌价",
      "市場|吊牌價",
      "msrp",
      "rrp",
    ],
  ],
  [
    "cost",
    [
      "cost",
      "成本",
      "成本价",
      "成本價",
      "进价",
      "進價",
      "进货价",
      "進貨價",
      "采购价",
      "採購價",
      "批发价",
      "批發價",
      "wholesale price",
      "purchase price",
      "purchase cost",
      "unit cost",
      "sku成本价",
      "sku成本價",
      "商品成本价",
      "商品成本價",
    ],
  ],
  ["currency", ["currency", "币种", "幣別", "幣種", "货币", "貨幣"]],
  [
    "barcode",
    [
      "barcode",
      "条码",
      "条形码",
      "條碼",
      "條形碼",
      "国标码",
      "國標碼",
      "国际码",
      "國際碼",
      "商品条码",
      "商品條碼",
      "ean",
      "upc",
      "gtin",
      "ean13",
      "69码",
      "69碼",
      "sku条码",
      "sku條碼",
    ],
  ],
  ["weight", ["weight", "重量", "毛重", "商品重量", "shipping weight"]],
  [
    "inventory",
    [
      "inventory",
      "stock",
      "qty",
      "quantity",
      "库存",
      "庫存",
      "数量",
      "數量",
      "商品数量",
      "商品數量",
      "库存量",
      "庫存量",
      "库存数量",
      "庫存數量",
      "可用库存",
      "可用庫存",
      "实际库存数",
      "實際庫存數",
      "available stock",
      "stock qty",
      "opening stock",
      "可售库存",
      "可售庫存",
      "现货可售",
      "現貨可售",
      "实际可用数",
      "實際可用數",
    ],
  ],
  ["image", ["image", "图片", "圖片", "image url", "图片链接", "圖片連結", "variant image", "sku图片", "sku圖片"]],
  ["productImage", ["主图", "主圖", "main image", "product image", "商品主图", "商品主圖"]],
  // Chinese sellers' further layouts (cn-columns.ts).
  ...CN_NATIVE_NAMES.map(([field, names]): [ColumnField, string[]] => [field, [...names]]),
  // Supplier price lists in European languages (european-headers.ts).
  ...EUROPEAN_NATIVE_HEADERS.map(([field, headers]): [ColumnField, string[]] => [field, [...headers]]),
]);

/**
 * Columns ERP, 进销存 and wholesale sheets carry beside the catalog that merchops has no field for:
 * known, not imported (a sheet is not refused for its 单位 or 备注 column).
 */
const NATIVE_IGNORED =
  /^(单位|單位|计量单位|計量單位|备注.*|備註.*|备忘.*|序号|序號|行号|行號|型号|型號|图片路径|圖片路徑|供应商编码|供應商編碼|仓库|倉庫|仓位|倉位|安全库存|安全庫存|锁定库存|鎖定庫存|在途数量|在途數量|创建时间|創建時間|修改时间|修改時間|unit|uom|remarks?|notes?|memo|model|model no\.?|no\.?|#|batch number|expiry date.*|low stock alert|company|supplier code|created( at)?|updated( at)?)$/;

/**
 * The other columns of real ERP and shop-system catalog exports, known and not imported, so that a
 * sheet exported as it is needs no mapping:
 * - 聚水潭 商品资料 (45 columns: 商品简称, 虚拟分类, 采购特征, 库容上限, 其它价格1 ... 创建人);
 * - POS / 进销存 商品资料 (毛利率, 会员价, 会员折扣, 积分商品, 生产日期, 保质期, 拼音码, 创建日期);
 * - the instructions column import templates carry beside the data (导入说明, 填写说明);
 * - a shop system's 排序号 (Hishop's product export: 排序号, 商品名称, 商家编码, 库存, 状态, 市场价, 成本价, 一口价, 采购价);
 * - ERP goods and stock exports (货品编号, 货品名称, 规格型号, 标准单位, 采购价, 销售价; 款式编号, 款式名称 ...
 *   分类1-3, 批次, 金额);
 * - 快麦 ERP product and stock exports (系统商品ID, 系统规格ID, 主商家编码, 规格商家编码, 69码, 规格别名, 7天销量,
 *   实际可用数 ...), platform product exports (商品ID, SKU ID, 规格名称, 可售库存, 上下架状态), an inventory
 *   system's 预警阈值 and 位置编码;
 * - 有赞's product export (商品类型, 商品分组, 分享描述, 商品卖点, 累计销量) and shop systems' import sheets
 *   (原链接, 供应商ID).
 */
const ERP_IGNORED =
  /^(商品简称|商品簡稱|虚拟分类|虛擬分類|供应商名称|供應商名稱|采购特征|採購特徵|建议采购数|建議採購數|长|長|宽|寬|高|体积|體積|库存同步|庫存同步|订单留言备注|訂單留言備註|库容下限|庫容下限|库容上限|庫容上限|溢出数量|溢出數量|标准装箱数量|標準裝箱數量|标准装箱体积|標準裝箱體積|主仓位|主倉位|其它价格\d*|其它價格\d*|其它属性\d*|其它屬性\d*|其他价格\d*|其他價格\d*|其他属性\d*|其他屬性\d*|创建人|創建人|修改人|毛利率|毛利|会员价|會員價|会员折扣|會員折扣|积分商品|積分商品|生产日期|生產日期|保质期|保質期|拼音码|拼音碼|助记码|助記碼|创建日期|創建日期|修改日期|导入说明|導入說明|填写说明|填寫說明|说明|說明|排序号|排序號|排序|显示顺序|顯示順序|标准单位|標準單位|批次|批次号|批次號|金额|金額|分类\d|分類\d|系统规格id|系統規格id|规格id|規格id|预警阈值|預警閾值|位置编码|位置編碼|7天销量|7天銷量|可售天数|可售天數|规格备注|規格備註|实际总库存|實際總庫存|实际锁定数|實際鎖定數|次品数|次品數|库存状态|庫存狀態|警戒状态|警戒狀態|商品链接|商品連結|variant id|location ids|创建时间|創建時間|更新时间|更新時間|简称|簡稱|产地|產地|基本单位|基本單位|记录id|記錄id|商品类型|商品類型|商品分组|商品分組|分享描述|商品卖点|商品賣點|宝贝卖点|寶貝賣點|累计销量|累計銷量|销量|銷量|原链接|原連結|供应商id|供應商id)$/;

/**
 * 聚水潭's 颜色及规格 is its 颜色 and 规格 joined by ";" (in a real 5,646-row 商品资料 export every
 * row is exactly that). With a 颜色 or 规格 column beside it, it repeats them and is not imported.
 */
const COLOUR_AND_SPEC = new Set(["颜色及规格", "顏色及規格", "颜色规格", "顏色規格"].map((h) => h.toLowerCase()));

/**
 * Synonyms that give way: when a sheet has two columns for one field, the column under the better
 * name is read and the other is known, not imported (a 聚水潭 export has 成本价 and 采购价, a POS
 * sheet 进货价 and 批发价, a wholesale template Purchase Cost and Wholesale Price). Rank 0, the
 * default, is the field's own name; two columns of the same rank are still an error.
 */
const NATIVE_RANK = new Map<string, number>([
  ...["purchase cost", "purchase price", "进价", "進價", "进货价", "進貨價", "采购价", "採購價"].map((h) => [h, 1] as const),
  ...["批发价", "批發價", "wholesale price"].map((h) => [h, 2] as const),
  ...["数量", "數量", "商品数量", "商品數量", "qty", "quantity"].map((h) => [h, 1] as const),
  // ERP stock exports name the style (款式名称) and each goods item (货品名称): the product is the style.
  ...["货品名称", "貨品名稱"].map((h) => [h, 1] as const),
  // A platform's ids give way to the seller's own codes: 商品ID to 款式编码 / 主商家编码, SKU ID to 商家编码.
  ...["商品id", "product id"].map((h) => [h, 1] as const),
  ...["itemid", "item id"].map((h) => [h, 1] as const),
  ...["系统商品id", "系統商品id"].map((h) => [h, 2] as const),
  ...["sku id", "skuid"].map((h) => [h, 1] as const),
  // 快麦 writes both the platform's 规格属性 and the seller's 规格别名 for it: the property is read.
  ...["规格别名", "規格別名"].map((h) => [h, 1] as const),
  // A product's cost gives way to each SKU's (商品成本价 beside SKU成本价).
  ...["商品成本价", "商品成本價"].map((h) => [h, 1] as const),
  ...CN_RANK,
]);

const SHOPIFY = table([
  ["handle", ["Handle", "URL handle"]],
  ["title", ["Title"]],
  // "Body HTML", "Variant Weight", "Variant Cost", "Category": the Matrixify app's export of a Shopify store.
  ["description", ["Body (HTML)", "Description", "Body HTML"]],
  ["vendor", ["Vendor"]],
  // 2021-2023 exports: Shopify's taxonomy type ("Standard" or "Standardized") and the merchant's own type.
  ["category", ["Product Category", "Standardized Product Type", "Standard Product Type", "Category"]],
  ["shopify:type", ["Type", "Custom Product Type"]],
  ["tags", ["Tags"]],
  ["shopify:published", ["Published", "Published on online store"]],
  ["status", ["Status"]],
  ["sku", ["Variant SKU", "SKU"]],
  ["barcode", ["Variant Barcode", "Barcode"]],
  ["price", ["Variant Price", "Price"]],
  ["compareAtPrice", ["Variant Compare At Price", "Compare-at price"]],
  ["cost", ["Cost per item", "Variant Cost"]],
  ["weight", ["Variant Grams", "Weight value (grams)", "Variant Weight"]],
  ["shopify:weightUnit", ["Variant Weight Unit"]],
  ["shopify:command", ["Command"]],
  // Shopify's inventory export (one row per variant and location): what is available to sell.
  ["inventory", ["Variant Inventory Qty", "Inventory quantity", "Available (not editable)"]],
  ["shopify:onHandNew", ["On hand (new)"]],
  ["productImage", ["Image Src", "Product image URL"]],
  ["image", ["Variant Image", "Variant image URL"]],
  ["shopify:option1Name", ["Option1 Name"]],
  ["shopify:option1Value", ["Option1 Value"]],
  ["shopify:option2Name", ["Option2 Name"]],
  ["shopify:option2Value", ["Option2 Value"]],
  ["shopify:option3Name", ["Option3 Name"]],
  ["shopify:option3Value", ["Option3 Value"]],
  [
    "ignore",
    [
      "Option1 Linked To",
      "Option2 Linked To",
      "Option3 Linked To",
      "Image Position",
      "Image Alt Text",
      "Gift Card",
      "SEO Title",
      "SEO Description",
      "Variant Inventory Tracker",
      "Variant Inventory Policy",
      "Variant Fulfillment Service",
      "Variant Requires Shipping",
      "Variant Taxable",
      "Variant Tax Code",
      "Charge tax",
      "Tax code",
      "Inventory tracker",
      "Continue selling when out of stock",
      "Weight unit for display",
      "Requires shipping",
      "Fulfillment service",
      "Unit price total measure",
      "Unit price total measure unit",
      "Unit price base measure",
      "Unit price base measure unit",
      // Matrixify's own columns (ids, commands, timestamps, collections, image sizes, stock adjustments).
      "ID",
      "Tags Command",
      "Created At",
      "Updated At",
      "Published At",
      "Published Scope",
      "Template Suffix",
      "URL",
      "Total Inventory Qty",
      "Row #",
      "Top Row",
      "Category: ID",
      "Category: Name",
      "Custom Collections",
      "Smart Collections",
      "Image Type",
      "Image Command",
      "Image Width",
      "Image Height",
      "Variant Inventory Item ID",
      "Variant ID",
      "Variant Command",
      "Variant Position",
      "Variant Inventory Adjust",
      "Variant HS Code",
      "Variant Country of Origin",
      "Variant Province of Origin",
      // Shopify's export for cross-border (customs) data: Handle, Title, SKU, options, COO, HS Code;
      // its inventory export adds the location and the stock states beside what is available.
      "COO",
      "HS Code",
      "Location",
      "Bin name",
      "Incoming (not editable)",
      "Unavailable (not editable)",
      "Committed (not editable)",
      "On hand (current)",
    ],
  ],
]);
/** "Option4 Name", "Option5 value", "Option4 Linked To": Shopify's layout continued past its 3 options. */
const SHOPIFY_EXTRA_OPTION = /^option ?([4-9]|\d{2,}) (name|value|linked to)$/;
/** Market, Google Shopping and metafield columns: known Shopify columns merchops does not import. */
const SHOPIFY_IGNORED =
  /^(google shopping \/|included \/|price \/|compare at price \/|(variant )?metafield: |inventory available( adjust)?: )|\((product|variant)\.metafields\./;

// The exporter's names, and the importer's own field keys ("stock_quantity", "parent_id"), which
// WooCommerce's importer maps as they are: sheets generated for it by scripts use them.
const WOO = table([
  ["woo:id", ["ID"]],
  ["woo:type", ["Type"]],
  ["sku", ["SKU"]],
  ["title", ["Name"]],
  ["woo:published", ["Published"]],
  ["woo:visibility", ["Visibility in catalog", "Visibility in catalogue", "catalog_visibility"]],
  ["description", ["Description"]],
  ["woo:salePrice", ["Sale price"]],
  ["woo:regularPrice", ["Regular price"]],
  ["category", ["Categories", "category_ids"]],
  ["tags", ["Tags", "tag_ids"]],
  ["woo:images", ["Images"]],
  ["woo:parent", ["Parent", "parent_id"]],
  ["inventory", ["Stock", "stock_quantity"]],
  ["vendor", ["Brands"]],
  ["barcode", ["GTIN, UPC, EAN, or ISBN", "global_unique_id"]],
  ["cost", ["Cost of goods"]],
  [
    "ignore",
    [
      "featured",
      "sold_individually",
      "stock_status",
      "manage_stock",
      "backorders",
      "low_stock_amount",
      "reviews_allowed",
      "date_on_sale_from",
      "date_on_sale_to",
      "shipping_class_id",
      "download_expiry",
      "upsell_ids",
      "cross_sell_ids",
      "product_url",
      "menu_order",
      "tag_ids_spaces",
      // A weight, length, width or height without a unit is in the shop's own units, which the file does not say.
      "weight",
      "length",
      "width",
      "height",
      "Is featured?",
      "Short description",
      "Date sale price starts",
      "Date sale price ends",
      "Tax status",
      "Tax class",
      "In stock?",
      "Backorders allowed?",
      "Low stock amount",
      "Sold individually?",
      "Allow customer reviews?",
      "Purchase note",
      "Shipping class",
      "Download limit",
      "Download expiry days",
      "Upsells",
      "Cross-sells",
      "Grouped products",
      "External URL",
      "Button text",
      "Position",
      "Commodity code (HS code)",
      "Country of origin",
      "Customs description",
    ],
  ],
]);
const WOO_ATTRIBUTE = /^attribute (\d{1,3}) (name|value\(s\)|values|value|visible|global|default)$/;
// GTIN8 ... MPN: the per-standard code columns a GTIN/EAN plugin adds to the exporter (a real
// export of 2025 has them beside WooCommerce's own "GTIN, UPC, EAN, or ISBN", which is the barcode).
const WOO_IGNORED =
  /^(download \d+ (id|name|url)|meta: .*|(length|width|height) \(.*\)|gtin ?(8|12|13|14)( \/ (upc|ean|itf ?14))?|isbn|mpn)$/;
const WOO_WEIGHT = /^weight \((.*)\)$/;

const SHOPIFY_MARKERS = ["option1 name", "variant sku", "variant price", "body (html)", "variant grams", "option1 value"].map(headerKey);
const WOO_MARKERS = [
  "type",
  "parent",
  "regular price",
  "sale price",
  "attribute 1 name",
  "attribute 1 value(s)",
  "in stock?",
  "is featured?",
].map(headerKey);

/**
 * A header row in WooCommerce's English names (or translated back to them). The exporter always
 * writes ID and SKU; WooCommerce's own product templates (src/Admin/API/Templates/*_product.csv)
 * have neither, only Type, Name and the rest, which its importer takes as new products.
 */
function isWooHeader(keys: ReadonlySet<string>): boolean {
  const markers = WOO_MARKERS.filter((k) => keys.has(k)).length;
  if (keys.has("sku") || keys.has("id")) return markers >= 2;
  return markers >= 4 && keys.has("name") && keys.has("type");
}

/** A header key in a site language -> the English exporter name's key ("artikelnummer" -> "sku"). */
type WooTranslator = (key: string) => string | undefined;

interface WooLocaleTable {
  locale: string;
  exact: Map<string, string>;
  /** Names with a number or a unit: "attribut 1 wert(e)" -> "attribute 1 value(s)", "gewicht (kg)" -> "weight (kg)". */
  patterns: { re: RegExp; english: string }[];
}

const PLACEHOLDER = /%[ds]/g;

/** The exporter's names in each language, as lookups on header keys (see woo-header-translations.ts). */
const WOO_LOCALES: readonly WooLocaleTable[] = Object.entries(WOO_HEADER_TRANSLATIONS).map(([locale, names]) => {
  const exact = new Map<string, string>();
  const patterns: WooLocaleTable["patterns"] = [];
  for (const [english, translations] of Object.entries(names)) {
    for (const t of translations) {
      const key = headerKey(t);
      if (!key.includes("%")) {
        exact.set(key, headerKey(english));
        continue;
      }
      const source = key
        .split(PLACEHOLDER)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .reduce(
          (acc, part, i) => (i === 0 ? part : `${acc}${key.match(PLACEHOLDER)?.[i - 1] === "%d" ? "(\\d{1,3})" : "(.+?)"}${part}`),
          "",
        );
      patterns.push({ re: new RegExp(`^${source}$`), english });
    }
  }
  return { locale, exact, patterns };
});

function translateWith(table: WooLocaleTable): WooTranslator {
  return (key) => {
    const hit = table.exact.get(key);
    if (hit !== undefined) return hit;
    for (const { re, english } of table.patterns) {
      const m = re.exec(key);
      if (!m) continue;
      let i = 1;
      return headerKey(english.replace(PLACEHOLDER, () => m[i++] ?? ""));
    }
    return undefined;
  };
}

/**
 * The language of a WooCommerce export whose column names are translated: the locale whose names
 * translate the most headers into a WooCommerce header row. Undefined for an English header.
 */
export function wooHeaderLocale(headers: readonly string[]): string | undefined {
  const keys = headers.map(headerKey).filter((k) => k !== "");
  let best: { locale: string; hits: number } | undefined;
  for (const table of WOO_LOCALES) {
    const translate = translateWith(table);
    let hits = 0;
    const english = new Set<string>();
    for (const k of keys) {
      const e = translate(k);
      if (e !== undefined && e !== k) hits++;
      english.add(e ?? k);
    }
    if (hits >= 2 && isWooHeader(english) && (!best || hits > best.hits)) best = { locale: table.locale, hits };
  }
  return best?.locale;
}

function wooTranslator(headers: readonly string[]): WooTranslator {
  const locale = wooHeaderLocale(headers);
  const table = locale === undefined ? undefined : WOO_LOCALES.find((t) => t.locale === locale);
  return table ? translateWith(table) : () => undefined;
}

/** The dialect a header row is written in; native when neither platform's columns are there. */
export function detectDialect(headers: readonly string[]): CatalogDialect {
  if (isTaobaoHeader(headers)) return "taobao";
  const keys = new Set(headers.map(headerKey));
  if (keys.has("url handle")) return "shopify";
  if (keys.has("handle") && SHOPIFY_MARKERS.some((k) => keys.has(k))) return "shopify";
  if (isShopifyUpdateHeader(keys)) return "shopify";
  if (isWooHeader(keys)) return "woocommerce";
  // WooCommerce translates its export's column names into the shop's language.
  if (wooHeaderLocale(headers) !== undefined) return "woocommerce";
  return "native";
}

/**
 * `Handle,Tags`, `Handle,Vendor,Type`: a Handle and nothing but Shopify's product columns, without
 * the SKU and price a supplier sheet has (a native `handle,title,sku,price` sheet stays native).
 */
function isShopifyUpdateHeader(keys: ReadonlySet<string>): boolean {
  if (!keys.has("handle") || keys.size < 2) return false;
  for (const k of keys) {
    if (k === "") continue;
    const field = SHOPIFY.get(k);
    if (field === undefined && !SHOPIFY_IGNORED.test(k)) return false;
    if (field === "sku" || field === "price") return false;
  }
  return true;
}

/** Fields that name a product or a variant: a header row has at least one of them. */
const IDENTIFYING = new Set<ColumnField>(["handle", "title", "sku"]);

/**
 * Whether a row of cells is a catalog header row, for files with a title line or notes above the
 * header (`isHeaderRow` of the readers). A platform's header (Shopify, WooCommerce) always is; a
 * supplier sheet's is when at least two cells are column names this dictionary knows, one of
 * them naming the product or variant (handle, title or SKU, in any language the tables hold). A
 * title line ("2024 春季新品") or a note never has two such cells.
 */
export function catalogHeaderTest(dict: AttributeDictionary): (cells: readonly string[]) => boolean {
  return (cells) => {
    if (cells.filter((c) => c !== "").length < 2) return false;
    if (isTaobaoHeader(cells)) return isTaobaoHeaderRow(cells);
    if (detectDialect(cells) !== "native") return true;
    let known = 0;
    let identifying = false;
    for (const cell of cells) {
      if (cell === "") continue;
      const key = headerKey(cell);
      const field = NATIVE.get(key) ?? NATIVE.get((UNIT_SUFFIX.exec(key)?.[1] ?? "").trim());
      if (field !== undefined) {
        known++;
        if (IDENTIFYING.has(field)) identifying = true;
      } else if (dict.attributeForHeader(stripRequiredMarkers(cell.normalize("NFKC"))) !== undefined) known++;
    }
    return identifying && known >= 2;
  };
}

/**
 * The field a cell names as a column (a price, a code, an attribute), or undefined: how a second
 * header row under the first reads (价格 over 批发价 / 零售价 in a 报价单 whose header spans two rows).
 */
export function catalogColumnField(cell: string, dict: AttributeDictionary): ColumnField | undefined {
  const key = headerKey(cell);
  if (key === "") return undefined;
  const field = NATIVE.get(key) ?? NATIVE.get((UNIT_SUFFIX.exec(key)?.[1] ?? "").trim());
  if (field !== undefined) return field;
  const attr = dict.attributeForHeader(stripRequiredMarkers(cell.normalize("NFKC")));
  return attr === undefined ? undefined : `attr:${attr}`;
}

/** What the user can type for a field, for "required column missing" hints. */
const REQUIRED_HINTS: Record<string, string> = {
  sku: '"SKU" (or 商家编码 / 商家編碼 / 货号)',
  price: '"price" (or 售价 / 售價 / 价格)',
  titleOrHandle: '"title" or "handle" (or 商品名称 / 商品名稱 / 款号)',
  handle: '"Handle" (2024+ exports: "URL handle")',
  wooTypeOrName: '"Type" or "Name"',
};

/** The list of values of a 规格名 / 规格值 pair (有赞-style and shop-system product sheets). */
const SPEC_VALUES = new Set(["规格值", "規格值", "属性值", "屬性值", "sku属性值", "sku屬性值", "spec values", "option values"]);
/** Its names: 规格名称 names the values only beside a 规格值 column; alone it holds the values itself. */
const SPEC_NAMES = new Set([
  "规格名",
  "規格名",
  "规格名称",
  "規格名稱",
  "属性名",
  "屬性名",
  "属性名称",
  "屬性名稱",
  "spec names",
  "option names",
]);
/** A SKU-level code: beside it, a 商品编码 names the product (有赞, shop systems), not the SKU (聚水潭). */
const SKU_CODES = new Set([
  "规格编码",
  "規格編碼",
  "sku编码",
  "sku編碼",
  "sku code",
  "规格商家编码",
  "規格商家編碼",
  "sku商家编码",
  "sku商家編碼",
  // 京东's SKU list: SKUID beside 商品编码 (the product's number) and 货号 (the seller's code).
  "sku id",
  "skuid",
]);
const ITEM_NUMBERS = new Set(["商品编号", "商品編號", "产品编号", "產品編號"]);
const ARTICLE_NUMBERS = new Set(["货号", "貨號", "商品货号", "商品貨號"]);
const PRODUCT_CODES = new Set(["商品编码", "商品編碼", "产品编码", "產品編碼", "product code"]);

/**
 * Native headers whose field depends on the columns beside them (header key -> field):
 * - 规格名 / 规格名称 and 规格值 together are a name list and a value list;
 * - 商品编码 with a SKU-level code (规格编码, SKU编码) and no style column is the product's code;
 * - 商品编号 (a style number where a SKU column is beside it) is the SKU when no column gives one.
 */
function nativeContext(keys: readonly string[]): Map<string, ColumnField> {
  const out = new Map<string, ColumnField>();
  if (keys.some((k) => SPEC_VALUES.has(k))) {
    for (const k of keys) {
      if (SPEC_VALUES.has(k)) out.set(k, "spec:values");
      else if (SPEC_NAMES.has(k)) out.set(k, "spec:names");
    }
  }
  // 管家婆 and 进销存 商品档案 have one code, 商品编号, and no SKU column: it is the SKU there.
  if (!keys.some((k) => NATIVE.get(k) === "sku" || out.get(k) === "sku")) {
    for (const k of keys) if (ITEM_NUMBERS.has(k)) out.set(k, "sku");
  }
  // A price list names each item in its one text column ("Part Number, Description, List Price"):
  // with no name column beside it, that description is the title.
  if (!keys.some((k) => NATIVE.get(k) === "title" || NATIVE.get(k) === "handle")) {
    const texts = keys.filter((k) => NATIVE.get(k) === "description");
    if (texts.length === 1) out.set(texts[0] as string, "title");
  }
  const hasHandle = keys.some((k) => NATIVE.get(k) === "handle" && (NATIVE_RANK.get(k) ?? 0) === 0 && out.get(k) === undefined);
  // 商品编码 beside a SKU-level code (京东 POP's SKU list) is the product: 货号 there is the SKU.
  const productCodeIsHandle = !hasHandle && keys.some((k) => SKU_CODES.has(k)) && keys.some((k) => PRODUCT_CODES.has(k));
  // 货号 beside 商家编码 (1688 and wholesale sheets): the article number groups the variants.
  if (
    !hasHandle &&
    !productCodeIsHandle &&
    keys.some((k) => ARTICLE_NUMBERS.has(k)) &&
    keys.some((k) => NATIVE.get(k) === "sku" && !ARTICLE_NUMBERS.has(k) && (NATIVE_RANK.get(k) ?? 0) === 0)
  ) {
    for (const k of keys) if (ARTICLE_NUMBERS.has(k)) out.set(k, "handle");
  }
  if (productCodeIsHandle) {
    for (const k of keys) if (PRODUCT_CODES.has(k)) out.set(k, "handle");
  }
  return out;
}

export function mapHeaders(headers: readonly string[], opts: MapHeadersOptions): HeaderMapping {
  const dialect = opts.dialect ?? detectDialect(headers);
  const file = opts.file ?? "";
  const headerRow = opts.headerRow ?? 1;
  const user = new Map<string, ColumnField>();
  if (opts.userMapping) for (const [h, f] of Object.entries(opts.userMapping)) user.set(headerKey(h), f);
  const context = dialect === "native" ? nativeContext(headers.map(headerKey)) : new Map<string, ColumnField>();

  let columns: MappedColumn[] = [];
  let unmatched: string[] = [];
  const unmatchedAt: number[] = [];
  const problems: CatalogIssue[] = [];
  const firstByField = new Map<ColumnField, MappedColumn>();
  const translate = dialect === "woocommerce" ? wooTranslator(headers) : undefined;

  for (let index = 0; index < headers.length; index++) {
    const header = (headers[index] ?? "").trim();
    if (header === "") continue;
    if (RESERVED_KEYS.has(header.toLowerCase())) {
      problems.push(
        catalogIssue(
          "error",
          { file, row: headerRow, column: header },
          msg("catalog.header.reserved", { header, index: index + 1 }),
          msg("catalog.header.reserved_hint"),
        ),
      );
      continue;
    }
    const key = headerKey(header);
    const contextual = context.get(key);
    const column = user.has(key)
      ? withUnit({ index, header, field: user.get(key) as ColumnField }, key)
      : contextual !== undefined
        ? { index, header, field: contextual }
        : mapOne(dialect, index, header, translate?.(key) ?? key, opts.dict);
    if (!column) {
      // WooCommerce's importer offers a column it does not know as "Do not import" and goes on:
      // a plugin's own column (swatches, SEO, feeds) in a real export is not a reason to refuse it.
      if (dialect === "woocommerce") columns.push({ index, header, field: "ignore" });
      else {
        unmatched.push(header);
        unmatchedAt.push(index);
      }
      continue;
    }
    if (column.field !== "ignore") {
      const earlier = firstByField.get(column.field);
      const yielding = earlier && dialect === "native" ? yieldingColumn(earlier, column) : undefined;
      if (yielding === column) {
        columns.push({ index, header, field: "ignore" });
        continue;
      }
      if (earlier && yielding === earlier) {
        columns[columns.indexOf(earlier)] = { index: earlier.index, header: earlier.header, field: "ignore" };
        firstByField.set(column.field, column);
        columns.push(column);
        continue;
      }
      if (earlier) {
        problems.push(
          catalogIssue(
            "error",
            { file, row: headerRow, column: header },
            msg("catalog.header.duplicate", {
              first: earlier.header,
              firstIndex: earlier.index + 1,
              second: header,
              secondIndex: index + 1,
              field: fieldLabel(column.field),
            }),
            msg("catalog.header.duplicate_hint"),
          ),
        );
        continue;
      }
      firstByField.set(column.field, column);
    }
    columns.push(column);
  }

  // A 1688 尺码 matrix: sizes as columns beside a colour column.
  if (dialect === "native" && unmatchedAt.length >= 2) {
    const fieldAt = new Map(columns.map((c) => [c.index, c.field as string]));
    const matrix = new Set(sizeMatrixColumns(headers, (i) => fieldAt.get(i), opts.dict));
    if (matrix.size > 0) {
      unmatched = unmatched.filter((_, k) => !matrix.has(unmatchedAt[k] as number));
      for (const index of matrix) columns.push({ index, header: (headers[index] ?? "").trim(), field: SIZE_MATRIX_FIELD });
      columns = columns.sort((a, b) => a.index - b.index);
      firstByField.set(SIZE_MATRIX_FIELD, columns.find((c) => c.field === SIZE_MATRIX_FIELD) as MappedColumn);
    }
  }
  // 颜色及规格 beside 颜色 or 规格 repeats them.
  const combined = firstByField.get("jst:colourAndSpec");
  if (combined && (firstByField.has("attr:colour") || firstByField.has("attr:spec"))) {
    columns[columns.indexOf(combined)] = { index: combined.index, header: combined.header, field: "ignore" };
    firstByField.delete("jst:colourAndSpec");
  }
  const has = (f: ColumnField) => firstByField.has(f);
  const missing: string[] = [];
  if (dialect === "native") {
    if (!has("sku")) missing.push(REQUIRED_HINTS.sku as string);
    if (!has("price")) missing.push(REQUIRED_HINTS.price as string);
    if (!has("title") && !has("handle")) missing.push(REQUIRED_HINTS.titleOrHandle as string);
  } else if (dialect === "shopify") {
    if (!has("handle")) missing.push(REQUIRED_HINTS.handle as string);
  } else if (dialect === "taobao") {
    const fields = new Set(headers.map((h) => taobaoField(h)));
    if (!fields.has("title")) missing.push('"title" (宝贝名称)');
    if (!fields.has("price") && !fields.has("skuProps")) missing.push('"price" (宝贝价格) or "skuProps" (销售属性组合)');
  } else {
    // WooCommerce's importer creates products from rows without ID or SKU (its own templates have neither).
    if (!has("woo:type") && !has("title")) missing.push(REQUIRED_HINTS.wooTypeOrName as string);
  }
  for (const m of missing) {
    problems.push(
      catalogIssue("error", { file, row: headerRow }, msg("catalog.header.missing", { column: m }), msg("catalog.header.missing_hint")),
    );
  }
  return { dialect, columns, unmatched, problems };
}

function mapOne(dialect: CatalogDialect, index: number, header: string, key: string, dict: AttributeDictionary): MappedColumn | undefined {
  // 淘宝助理 files are read through TaobaoExpander; here every column of the format is known.
  // A column a later 淘宝助理 generation adds is theirs too: nothing in it is imported.
  if (dialect === "taobao") return { index, header, field: "ignore" };
  if (dialect === "shopify") {
    const field = SHOPIFY.get(key);
    // Shopify's own exports weigh in grams; Matrixify's "Variant Weight" is in its "Variant Weight Unit".
    if (field) return { index, header, field, ...(field === "weight" && key !== "variant weight" ? { unit: "g" } : {}) };
    if (SHOPIFY_IGNORED.test(key)) return { index, header, field: "ignore" };
    const extra = SHOPIFY_EXTRA_OPTION.exec(key);
    if (extra) return { index, header, field: extra[2] === "value" ? `shopify:extraOption${Number(extra[1])}` : "ignore" };
  } else if (dialect === "woocommerce") {
    const field = WOO.get(key);
    if (field) return { index, header, field };
    const attribute = WOO_ATTRIBUTE.exec(key);
    if (attribute) {
      const n = Number(attribute[1]);
      const part = attribute[2];
      if (part === "name") return { index, header, field: `woo:attrName:${n}` };
      if (part === "value(s)" || part === "values" || part === "value") return { index, header, field: `woo:attrValues:${n}` };
      return { index, header, field: "ignore" };
    }
    const weight = WOO_WEIGHT.exec(key);
    if (weight) return { index, header, field: "weight", unit: (weight[1] as string).trim() };
    if (WOO_IGNORED.test(key)) return { index, header, field: "ignore" };
  } else {
    const native = NATIVE.get(key);
    if (native) return { index, header, field: native };
    if (NATIVE_IGNORED.test(key) || ERP_IGNORED.test(key) || CN_IGNORED.test(key)) return { index, header, field: "ignore" };
    if (COLOUR_AND_SPEC.has(key)) return { index, header, field: "jst:colourAndSpec" };
    // "重量(kg)", "price (CNY)": the same names with a unit or note in brackets.
    const bare = UNIT_SUFFIX.exec(key);
    if (bare) {
      const name = (bare[1] as string).trim();
      const field = NATIVE.get(name);
      if (field) return { index, header, field, ...unitOf(field, (bare[2] as string).trim()) };
      // "规格ID(SKUID)" (抖店): a known column with a note in brackets.
      if (NATIVE_IGNORED.test(name) || ERP_IGNORED.test(name) || CN_IGNORED.test(name)) return { index, header, field: "ignore" };
    }
    const noted = cnNotedColumn(index, header, key);
    if (noted) return noted;
  }
  const attr = dict.attributeForHeader(stripRequiredMarkers(header.normalize("NFKC")));
  if (attr !== undefined && !RESERVED_KEYS.has(attr)) return { index, header, field: `attr:${attr}` };
  return undefined;
}

/**
 * Chinese sheets' other notes on a header: a legend of coded values ("商品类型 0:普通 1:分销": known
 * columns only, the codes are no values merchops reads) and a currency after a colon ("采购价：人民币").
 */
function cnNotedColumn(index: number, header: string, key: string): MappedColumn | undefined {
  const legend = withoutValueLegend(key);
  if (legend !== key && (NATIVE_IGNORED.test(legend) || ERP_IGNORED.test(legend) || CN_IGNORED.test(legend))) {
    return { index, header, field: "ignore" };
  }
  const colon = colonCurrencyNote(key);
  const field = colon ? NATIVE.get(colon[0]) : undefined;
  if (colon && (field === "price" || field === "compareAtPrice" || field === "cost")) return { index, header, field, unit: colon[1] };
  return undefined;
}

/**
 * The unit a bracketed note gives a column: a weight's unit, or the currency of a money column
 * ("建议售价($)"), which rows.ts compares with the store's currency (amounts are never converted).
 */
function unitOf(field: ColumnField, note: string): { unit?: string } {
  if (field === "weight") return { unit: note };
  if (field === "price" || field === "compareAtPrice" || field === "cost") {
    const currency = headerCurrency(note);
    return currency ? { unit: currency } : {};
  }
  return {};
}

/** Of two columns for one field, the one under the lesser synonym (NATIVE_RANK); undefined when they rank alike. */
function yieldingColumn(a: MappedColumn, b: MappedColumn): MappedColumn | undefined {
  const rank = (c: MappedColumn) => {
    const key = headerKey(c.header);
    return (
      NATIVE_RANK.get(key) ??
      NATIVE_RANK.get((UNIT_SUFFIX.exec(key)?.[1] ?? "").trim()) ??
      NATIVE_RANK.get(colonCurrencyNote(key)?.[0] ?? "") ??
      0
    );
  };
  const ra = rank(a);
  const rb = rank(b);
  if (ra === rb) return undefined;
  return ra > rb ? a : b;
}

function withUnit(column: MappedColumn, key: string): MappedColumn {
  if (column.field !== "weight") return column;
  const unit = UNIT_SUFFIX.exec(key)?.[2]?.trim();
  return unit ? { ...column, unit } : column;
}

function fieldLabel(field: ColumnField): Message | string {
  if (field.startsWith("attr:")) return msg("catalog.header.attribute_field", { attr: field.slice(5) });
  return field;
}
