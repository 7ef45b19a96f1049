/**
 * 淘宝助理 item CSV column names: the English field names and the Chinese headers of every studied
 * generation, and how a header line of either is recognised. Kept apart from the reader
 * (taobao.ts) so header mapping (dialects.ts) can use it without a cycle.
 */

/** English field name and the Chinese header(s) every studied generation uses for it. */
export const TAOBAO_FIELDS: readonly (readonly [string, readonly string[]])[] = [
  ["title", ["宝贝名称"]],
  ["cid", ["宝贝类目"]],
  ["seller_cids", ["店铺类目"]],
  ["stuff_status", ["新旧程度"]],
  ["location_state", ["省"]],
  ["location_city", ["城市"]],
  ["item_type", ["出售方式"]],
  ["price", ["宝贝价格"]],
  ["auction_increment", ["加价幅度"]],
  ["num", ["宝贝数量"]],
  ["valid_thru", ["有效期"]],
  ["freight_payer", ["运费承担"]],
  ["post_fee", ["平邮"]],
  ["ems_fee", ["EMS"]],
  ["express_fee", ["快递"]],
  ["has_invoice", ["发票"]],
  ["has_warranty", ["保修"]],
  ["approve_status", ["放入仓库"]],
  ["has_showcase", ["橱窗推荐", "橱柜推荐"]],
  ["list_time", ["开始时间", "发布时间"]],
  ["description", ["宝贝描述"]],
  ["cateProps", ["宝贝属性"]],
  ["postage_id", ["邮费模版ID", "邮费模板ID"]],
  ["has_discount", ["会员打折"]],
  ["modified", ["修改时间"]],
  ["upload_fail_msg", ["上传状态"]],
  ["picture_status", ["图片状态"]],
  ["auction_point", ["返点比例"]],
  ["picture", ["新图片"]],
  ["video", ["视频"]],
  ["skuProps", ["销售属性组合"]],
  ["inputPids", ["用户输入ID串"]],
  ["inputValues", ["用户输入名-值对"]],
  ["outer_id", ["商家编码"]],
  ["propAlias", ["销售属性别名"]],
  ["auto_fill", ["代充类型"]],
  ["num_id", ["数字ID", "宝贝编号"]],
  ["local_cid", ["本地ID"]],
  ["navigation_type", ["宝贝分类"]],
  ["user_name", ["用户名称"]],
  ["syncStatus", ["宝贝状态"]],
  ["is_lighting_consigment", ["闪电发货"]],
  ["is_xinpin", ["新品"]],
  ["foodparame", ["食品专项"]],
  ["features", ["尺码库"]],
  ["buyareatype", ["采购地"]],
  ["global_stock_type", ["库存类型"]],
  ["global_stock_country", ["国家地区"]],
  ["sub_stock_type", ["库存计数"]],
  ["item_size", ["物流体积"]],
  ["item_weight", ["物流重量"]],
  ["sell_promise", ["退换货承诺"]],
  ["custom_design_flag", ["定制工具"]],
  ["wireless_desc", ["无线详情"]],
  ["barcode", ["商品条形码"]],
  ["sku_barcode", ["sku 条形码"]],
  ["newprepay", ["7天退货"]],
  ["subtitle", ["宝贝卖点"]],
  ["cpv_memo", ["属性值备注"]],
  ["input_custom_cpv", ["自定义属性值"]],
  ["qualification", ["商品资质"]],
  ["add_qualification", ["增加商品资质"]],
  ["o2o_bind_service", ["关联线下服务"]],
  ["departure_place", ["发货地"]],
  ["car_cascade", ["汽车品牌"]],
  ["legal_customs", ["报关方式"]],
  ["exSkuProps", ["扩展Sku"]],
  ["deliveryTimeType", ["发货时效"]],
  ["tbDeliveryTime", ["预售时间"]],
  ["nutrientTable", ["成份表"]],
  ["exFoodParam", ["扩展食品安全"]],
  ["item_volumn", []],
  ["image_video_type", ["主图视频比例"]],
  ["shopping_title", ["导购标题"]],
  ["ysbCheckTask", ["商品预检"]],
  ["subStock", ["拍下减库存"]],
  ["multiDiscountPromotion", ["多件优惠"]],
  ["shopping_title2", ["导购标题2"]],
  ["useSizeMapping", ["使用商品尺寸表"]],
  ["sizeMapping", ["商品尺寸表"]],
  ["shippingArea", ["新发货地"]],
  // 4.x generations (Chinese line only): columns later dropped.
  ["pay_type", ["付款方式"]],
  ["allow_alipay", ["支付宝"]],
  ["auto_repost", ["自动重发"]],
  ["story", ["心情故事"]],
  ["picture_old", ["宝贝图片"]],
  ["group_buy", ["团购价"]],
  ["group_buy_num", ["最小团购件数"]],
];

/** Comparison form of a 淘宝助理 column name: NFKC, no spaces or "-" / "_", lowercase. */
export function taobaoKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\s_-]+/g, "")
    .toLowerCase();
}

const BY_KEY = new Map<string, string>();
for (const [field, zh] of TAOBAO_FIELDS) {
  BY_KEY.set(taobaoKey(field), field);
  for (const h of zh) BY_KEY.set(taobaoKey(h), field);
}

/** The 淘宝助理 field a column name is (English or Chinese), or undefined. */
export function taobaoField(name: string): string | undefined {
  return BY_KEY.get(taobaoKey(name));
}

/** The English field-name line of a 5.x export. */
export function isTaobaoFieldLine(cells: readonly string[]): boolean {
  const keys = new Set(cells.map(taobaoKey));
  return keys.has("title") && keys.has("cid") && keys.has("num") && (keys.has("skuprops") || keys.has("outerid"));
}

/** The Chinese header line of any generation. */
export function isTaobaoChineseLine(cells: readonly string[]): boolean {
  const keys = new Set(cells.map(taobaoKey));
  return keys.has(taobaoKey("宝贝名称")) && (keys.has(taobaoKey("宝贝类目")) || keys.has(taobaoKey("宝贝价格")));
}

export function isTaobaoHeader(cells: readonly string[]): boolean {
  return isTaobaoFieldLine(cells) || isTaobaoChineseLine(cells);
}

/**
 * Whether a row may be the header row of a 淘宝助理 file. The newest Chinese line names 物流体积
 * twice, which no reader accepts as a header: it is passed over for the English line beside it.
 */
export function isTaobaoHeaderRow(cells: readonly string[]): boolean {
  if (isTaobaoFieldLine(cells)) return true;
  if (!isTaobaoChineseLine(cells)) return false;
  const seen = new Set<string>();
  for (const c of cells) {
    if (c === "") continue;
    const k = c.trim().toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}
