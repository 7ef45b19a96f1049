/**
 * Export profiles are recognized from the header sets of real exports (header lists as found in
 * public repositories; see fixtures/exports/README.md), and only from them.
 */
import { describe, expect, it } from "vitest";
import { detectProfile } from "../../../src/adapters/platforms/files/profiles.js";

const SHOPIFY_2026 =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References";
const SHOPIFY_FULFILLMENT_DATE =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfillment Date,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Id,Tags,Risk Level,Source,Lineitem discount";
const SHOPIFY_SHORT =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing City,Billing Province Name,Billing Phone,Shipping Name,Shipping City,Shipping Province Name,Shipping Phone,Notes,Payment Method,Payment Reference,Refunded Amount,Id,Tags,Risk Level,Source";
const SHOPIFY_TRIMMED = "Name,Subtotal,Shipping,Taxes,Total,Created at,Billing City,Billing Zip,Billing Province,Billing Country";
const MAGENTO_NAMED_LIKE_SHOPIFY =
  "SalesOrderNo,OrderDate,EmailAddress,ARDivisionNo,PaymentType,BillToName,BillToAddress1,BillToCity,BillToState,BillToZipCode,BillToCountryCode";
const TMALL =
  "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话 ,联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类 ,物流单号 ,物流公司,订单备注,宝贝总数量,店铺Id,店铺名称,订单关闭原因";
const PDD =
  "商品,订单号,订单状态,商品总价(元),邮费(元),店铺优惠折扣(元),平台优惠折扣(元),多多支付立减金额(元),用户实付金额(元),商家实收金额(元),商品数量(件),发货时间,确认收货时间,商品id";

const id = (dataset: "orders" | "order_lines" | "traffic", header: string) => detectProfile(dataset, header.split(","))?.id;

describe("export profiles", () => {
  it("recognize every Shopify header generation, trimmed ones too", () => {
    for (const h of [SHOPIFY_2026, SHOPIFY_FULFILLMENT_DATE, SHOPIFY_SHORT, SHOPIFY_TRIMMED])
      expect(id("orders", h)).toBe("shopify-orders");
  });
  it("recognize eBay's Orders report, Magento's orders grid and Wix's orders export (fourth round), and nothing else as them", () => {
    expect(
      id(
        "orders",
        "Sales Record Number,Order Number,Buyer Username,Buyer Name,Buyer Email,Item Number,Item Title,Custom Label,Quantity,Sold For,Shipping And Handling,Total Price,Sale Date,Paid On Date",
      ),
    ).toBe("ebay-orders-report");
    expect(
      id(
        "orders",
        "ID,Purchase Point,Purchase Date,Bill-to Name,Ship-to Name,Grand Total (Base),Grand Total (Purchased),Status,Billing Address,Shipping Address,Shipping Information,Customer Email,Customer Group,Subtotal,Shipping and Handling,Customer Name,Payment Method,Total Refunded",
      ),
    ).toBe("magento-order-grid");
    expect(
      id(
        "orders",
        "Order number,Date created,Time,Contact email,Item,SKU,Qty,Price,Payment status,Total,Currency,Refunded amount,Fulfillment status",
      ),
    ).toBe("wix-orders");
    // An eBay seller's own sheet without Item Number / Sold For is not the Orders report.
    expect(id("orders", "Sales Record Number,Order Number,Item Title,Custom Label,Quantity")).toBeUndefined();
  });
  it("do not claim a file that only has Shopify's file name", () => {
    expect(id("orders", MAGENTO_NAMED_LIKE_SHOPIFY)).toBeUndefined();
  });
  it("recognize the Chinese platforms' headers (spaces after names included)", () => {
    expect(id("orders", TMALL)).toBe("tmall-order-report");
    expect(id("orders", PDD)).toBe("pinduoduo-order-export");
    expect(id("order_lines", "子订单编号,主订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码")).toBe(
      "tmall-item-report",
    );
    expect(id("traffic", "统计日期,访客数,浏览量,支付买家数,支付转化率")).toBe("sycm-traffic");
  });
  it("leave the merchops column reference alone", () => {
    expect(id("orders", "order_id,placed_at,status,customer_id,total")).toBeUndefined();
  });
});
