/**
 * Real dispatch-sheet layouts (fixtures/shipments/real-world, our own files with invented numbers
 * reproducing each platform's or tool's layout; README.md there lists what each was modelled on):
 * read as `shipments import` reads them, title rows passed over, and each asserted shipment by shipment.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { english } from "../../src/core/i18n/index.js";
import { isShipmentSheetHeader, parseShipmentSheet, type SheetRow } from "../../src/core/shipments/index.js";
import { openTable } from "../../src/io/read-table.js";

const DIR = join("fixtures", "shipments", "real-world");

async function readSheet(name: string) {
  const table = await openTable(join(DIR, name), { isHeaderRow: isShipmentSheetHeader });
  const rows: SheetRow[] = [];
  try {
    for await (const batch of table.batches()) rows.push(...batch);
  } finally {
    await table.close();
  }
  const sheet = parseShipmentSheet(table.header, rows, { file: name, timeZone: "Asia/Shanghai" });
  return {
    headerRow: table.headerRow,
    rowCount: sheet.rowCount,
    skippedRows: sheet.skippedRows,
    shipments: sheet.shipments.map((s) => ({
      row: s.at.row,
      order: s.orderNumber,
      courier: s.courier,
      number: s.trackingNumber,
      ...(s.lines ? { lines: s.lines } : {}),
      ...(s.shippedAt ? { shippedAt: s.shippedAt.toISOString() } : {}),
    })),
    issues: sheet.issues.map((i) => `${i.level} ${i.at.row} ${i.at.column}: ${english(i.message)}`),
  };
}

describe("western platforms' and tools' sheets", () => {
  it("Amazon's ship-confirm flat file: TemplateType row passed over, carrier-name used when carrier-code is Other", async () => {
    const s = await readSheet("amazon-ship-confirm.txt");
    expect(s.headerRow).toBe(2);
    expect(s.shipments).toEqual([
      { row: 3, order: "114-3941689-8772232", courier: "ups", number: "1Z9R4E510360009125", shippedAt: "2026-11-23T16:00:00.000Z" },
      { row: 4, order: "114-5518034-1127401", courier: "usps", number: "94001118992238554131", shippedAt: "2026-11-23T16:00:00.000Z" },
      { row: 5, order: "114-0027761-5530217", courier: "yanwen", number: "YWCN2611240017", shippedAt: "2026-11-23T16:00:00.000Z" },
      { row: 6, order: "114-8840213-0093361", courier: "dhlpaket", number: "RR141421354DE", shippedAt: "2026-11-24T16:00:00.000Z" },
    ]);
    // Yanwen publishes no format: a doubt, not a refusal.
    expect(s.issues).toEqual(['warning 5 tracking-number: "YWCN2611240017" matches none of Yanwen\'s known formats']);
  });

  it("Amazon Japan's: the Japanese label row above the keys is passed over too; an order-item-id is refused", async () => {
    const s = await readSheet("amazon-ship-confirm-jp.txt");
    expect(s.headerRow).toBe(3);
    expect(s.shipments.map((x) => [x.order, x.courier, x.number])).toEqual([
      ["250-1234567-7654321", "yamato", "448512345671"],
      ["250-7654321-1234567", "japanpost", "RR223606791JP"],
    ]);
    expect(s.issues).toContain("error 6 order-item-id: order item 54893022101234: order lines are matched by SKU");
    expect(s.issues).toContain("error 6 quantity: a quantity (1) without a SKU");
  });

  it("Shopify bulk tracking uploads: #1001 kept as written, numbers read from tracking links", async () => {
    const s = await readSheet("shopify-bulk-tracking.csv");
    expect(s.shipments.map((x) => [x.order, x.courier, x.number])).toEqual([
      ["#1001", "ups", "1Z4X7W935203001840"],
      ["#1002", "usps", "92055901649173127513"],
      ["1003", "dhl", "1045283610"],
      ["#1004", "royalmail", "RR314159268GB"],
      ["#1005", "chinapost", "LX161803397CN"],
    ]);
    expect(s.issues).toEqual([
      "warning 5 Tracking URL: tracking number RR314159268GB read from the link https://www.royalmail.com/track-your-item#/tracking-results/RR314159268GB",
      "warning 6 Tracking Number: tracking number LX161803397CN read from the link https://t.17track.net/en#nums=LX161803397CN",
    ]);
  });

  it("ShipStation's shipment export: the service names its carrier (with a warning), US dates, SKU and quantity", async () => {
    const s = await readSheet("shipstation-shipments.csv");
    expect(s.shipments).toEqual([
      {
        row: 2,
        order: "100231",
        courier: "usps",
        number: "94001118992238554131",
        lines: [{ sku: "TEE-BLK-M", quantity: 2 }],
        shippedAt: "2026-11-23T16:00:00.000Z",
      },
      {
        row: 3,
        order: "100232",
        courier: "ups",
        number: "1Z9R4E510360009125",
        lines: [{ sku: "MUG-WHT", quantity: 1 }],
        shippedAt: "2026-11-23T16:00:00.000Z",
      },
    ]);
    expect(s.issues).toEqual([
      'warning 2 Shipment - Service: courier "USPS Priority Mail" read as USPS',
      'warning 3 Shipment - Service: courier "UPS® Ground" read as UPS',
      'warning 4 Shipment - Service: courier "FedEx Home Delivery" read as FedEx',
      "error 4 Shipment - Tracking Number: no tracking number",
    ]);
  });
});

describe("Chinese platforms' bulk-ship templates and ERP exports", () => {
  it("拼多多 批量发货 (订单号, 快递公司, 快递单号) with 极兔, 百世 and 邮政快递包裹", async () => {
    const s = await readSheet("pdd-batch-ship.csv");
    expect(s.shipments.map((x) => [x.order, x.courier, x.number])).toEqual([
      ["231124-517384920163728", "jtexpress", "JT5261988016578"],
      ["231124-517384920163729", "zto", "73610555582883"],
      ["231124-517384920163730", "yunda", "463431409940372"],
      ["231124-517384920163731", "best", "557012345678"],
      ["231124-517384920163732", "chinapost", "9812345678901"],
    ]);
    expect(s.issues).toEqual([
      'warning 5 快递单号: "557012345678" matches none of Best Express\'s known formats; it looks like SF Express',
    ]);
  });

  it("抖店 批量发货: the template's title and instruction rows above the header are passed over", async () => {
    const s = await readSheet("doudian-batch-ship.csv");
    expect(s.headerRow).toBe(3);
    expect(s.shipments.map((x) => [x.row, x.order, x.courier])).toEqual([
      [4, "6930162745589599991", "sf"],
      [5, "6930162745589599992", "yto"],
      [6, "6930162745589599993", "sto"],
    ]);
    expect(s.issues).toEqual([]);
  });

  it("聚水潭: the platform's 线上订单号 over the ERP's own number, 商品编码 as the SKU, the 合计 row skipped", async () => {
    const s = await readSheet("jushuitan-shipments.csv");
    expect(s.shipments.map((x) => [x.order, x.courier, x.number, x.lines])).toEqual([
      ["3521408827360617281", "zto", "73610555582884", [{ sku: "TEE-BLK-M", quantity: 1 }]],
      ["3521408827360617282", "jd", "JDX024407261700", [{ sku: "MUG-WHT", quantity: 1 }]],
      ["3521408827360617283", "deppon", "DPK202252612836", [{ sku: "CAP-RED", quantity: 1 }]],
    ]);
    expect(s.skippedRows).toEqual([5]);
    expect(s.rowCount).toBe(3);
    expect(s.issues).toEqual([]);
  });

  it("旺店通: 原始单号 over 订单编号; 顺丰快运 is SF Freight, not SF Express", async () => {
    const s = await readSheet("wangdiantong-shipments.csv");
    expect(s.shipments).toEqual([
      { row: 2, order: "2611241553372836012", courier: "jtexpress", number: "JT0006968326954", shippedAt: "2026-11-24T07:02:11.000Z" },
      { row: 3, order: "2611241553372836013", courier: "sffreight", number: "SF3182998070266", shippedAt: "2026-11-24T07:05:40.000Z" },
    ]);
    expect(s.issues).toEqual([]);
  });

  it("天猫 exported items: 主订单编号 is the order, one parcel's rows become one shipment with both SKUs", async () => {
    const s = await readSheet("tmall-exported-items.csv");
    expect(s.shipments).toEqual([
      {
        row: 2,
        order: "5113837045333047041",
        courier: "sf",
        number: "SF1385628716739",
        lines: [
          { sku: "PK02-S2", quantity: 1 },
          { sku: "PK02-S3", quantity: 1 },
        ],
      },
    ]);
  });

  it("有赞 批量发货 (订单ID, 物流公司, 物流单号)", async () => {
    const s = await readSheet("youzan-batch-ship.csv");
    expect(s.shipments.map((x) => [x.order, x.courier, x.number])).toEqual([
      ["E20261124153030012345", "sf", "SF3182998070266"],
      ["E20261124153030012346", "chinapost", "1207119765021"],
    ]);
  });

  it("Excel's scientific notation and several numbers in one cell are refused, naming row and column", async () => {
    const s = await readSheet("excel-mangled-and-multi.csv");
    expect(s.shipments).toEqual([]);
    expect(s.issues).toEqual([
      'error 2 订单号: order number "1.93068E+15" is in scientific notation: Excel rounded the number and its last digits are lost',
      'error 3 快递单号: tracking number "7.36106E+13" is in scientific notation: Excel rounded the number and its last digits are lost',
      "error 4 快递单号: 2 tracking numbers in one cell (SF1385628716739, SF3182998070266)",
      "error 5 快递单号: 2 tracking numbers in one cell (463431409940372, 462598779470531)",
    ]);
  });
});
