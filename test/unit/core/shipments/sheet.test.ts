/** The warehouse sheet: headers in three languages, rows to shipments, and every bad row named by file, row and column. */
import { describe, expect, it } from "vitest";
import { InputError } from "../../../../src/core/errors.js";
import { english } from "../../../../src/core/i18n/index.js";
import { mapShipmentSheetHeader, parseShipmentSheet as parseSheet, type SheetRow } from "../../../../src/core/shipments/index.js";

const FILE = "发货.csv";
const OPTS = { file: FILE, timeZone: "Asia/Shanghai" };
/** The sheet's issues with their messages in English, as the tests below compare them. */
function parseShipmentSheet(...args: Parameters<typeof parseSheet>) {
  const r = parseSheet(...args);
  return {
    ...r,
    issues: r.issues.map((i) => ({ ...i, message: english(i.message), ...(i.hint ? { hint: english(i.hint) } : {}) })),
  };
}
const rows = (...cells: (string | number | Date | null)[][]): SheetRow[] => cells.map((c, i) => ({ row: i + 2, cells: c }));

describe("mapShipmentSheetHeader", () => {
  it("reads Simplified, Traditional and English headers", () => {
    expect(mapShipmentSheetHeader(["订单号", "快递公司", "运单号", "商家编码", "数量", "发货时间", "收货省份"], FILE)).toEqual({
      orderNumber: 0,
      courier: 1,
      trackingNumber: 2,
      sku: 3,
      quantity: 4,
      shippedAt: 5,
      destination: 6,
    });
    expect(mapShipmentSheetHeader(["訂單編號", "物流公司", "快遞單號"], FILE)).toEqual({ orderNumber: 0, courier: 1, trackingNumber: 2 });
    expect(mapShipmentSheetHeader(["Notes", "Order Number", "Carrier", "Tracking Number", "Shipped At", "Region"], FILE)).toEqual({
      orderNumber: 1,
      courier: 2,
      trackingNumber: 3,
      shippedAt: 4,
      destination: 5,
    });
    expect(mapShipmentSheetHeader(["order_number", "COURIER", "tracking-number", "*快递单号*"].slice(0, 3), FILE)).toMatchObject({
      trackingNumber: 2,
    });
  });

  it("refuses a missing required column, a repeated one, and __proto__", () => {
    expect(() => mapShipmentSheetHeader(["订单号", "快递公司"], FILE)).toThrow(/no tracking number column/);
    expect(() => mapShipmentSheetHeader(["订单号", "快递公司", "运单号", "快递单号"], FILE)).toThrow(/two columns mean the same thing/);
    try {
      mapShipmentSheetHeader(["订单号", "__proto__", "快递公司", "运单号"], FILE);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).location).toEqual({ file: FILE, row: 1, column: "__proto__" });
    }
  });
});

describe("parseShipmentSheet", () => {
  const header = ["订单号", "快递公司", "运单号", "商家编码", "数量", "发货时间", "收货省份"];

  it("turns rows into shipments: courier names resolved, numbers normalized, times in the store's zone", () => {
    const r = parseShipmentSheet(
      header,
      rows(
        ["O1001", "顺丰", "sf 1385628716739", "DR002-BEI-M", "2", "2026-11-24 10:30", "广东省"],
        ["O1002", "ZTO Express", "73610555582883", "", "", "", ""],
        ["", "", "", "", "", "", ""],
        ["O1003", "yunda", 463431409940372, null, null, new Date(Date.UTC(2026, 10, 24, 9, 0)), null],
      ),
      OPTS,
    );
    expect(r.issues).toEqual([]);
    expect(r.rowCount).toBe(3);
    expect(r.shipments).toEqual([
      {
        at: { file: FILE, row: 2 },
        rows: [2],
        orderNumber: "O1001",
        courier: "sf",
        trackingNumber: "SF1385628716739",
        lines: [{ sku: "DR002-BEI-M", quantity: 2 }],
        shippedAt: new Date("2026-11-24T02:30:00Z"),
        destination: "广东省",
        candidates: [{ courier: "sf", confidence: "pattern", format: "sf" }],
      },
      {
        at: { file: FILE, row: 3 },
        rows: [3],
        orderNumber: "O1002",
        courier: "zto",
        trackingNumber: "73610555582883",
        candidates: [{ courier: "zto", confidence: "pattern", format: "zto" }],
      },
      {
        at: { file: FILE, row: 5 },
        rows: [5],
        orderNumber: "O1003",
        courier: "yunda",
        trackingNumber: "463431409940372",
        // An xlsx Date cell holds the wall-clock time; it is read in the store's zone (09:00 +08:00).
        shippedAt: new Date("2026-11-24T01:00:00Z"),
        candidates: [{ courier: "yunda", confidence: "pattern", format: "yunda" }],
      },
    ]);
  });

  it("merges the rows of one parcel with several SKUs; SKU cells may list several", () => {
    const r = parseShipmentSheet(
      header,
      rows(
        ["O1001", "顺丰", "SF1385628716739", "A-1", "1", "", ""],
        ["O1001", "SF Express", "SF1385628716739", "B-2", "3", "", ""],
        ["O1002", "中通", "73610555582883", "C-1*2; D-1×1", "", "", ""],
      ),
      OPTS,
    );
    expect(r.issues).toEqual([]);
    expect(r.shipments.map((s) => [s.orderNumber, s.rows, s.lines])).toEqual([
      [
        "O1001",
        [2, 3],
        [
          { sku: "A-1", quantity: 1 },
          { sku: "B-2", quantity: 3 },
        ],
      ],
      [
        "O1002",
        [4],
        [
          { sku: "C-1", quantity: 2 },
          { sku: "D-1", quantity: 1 },
        ],
      ],
    ]);
  });

  it("names an unknown courier with suggestions", () => {
    const r = parseShipmentSheet(header, rows(["O1001", "顺风快递", "SF1385628716739", "", "", "", ""]), OPTS);
    expect(r.shipments).toEqual([]);
    expect(r.issues).toEqual([
      {
        level: "error",
        code: "unknown_courier",
        at: { file: FILE, row: 2, column: "快递公司" },
        message: 'unknown courier "顺风快递"',
        suggestions: expect.arrayContaining(["sf"]),
        hint: expect.stringMatching(/did you mean sf/),
      },
    ]);
  });

  it("names a malformed tracking number, and one that is not the courier's", () => {
    const r = parseShipmentSheet(
      header,
      rows(
        ["O1001", "顺丰", "SF12345", "", "", "", ""],
        ["O1002", "顺丰", "73610555582883", "", "", "", ""],
        ["O1003", "EMS", "RR123456789CN", "", "", "", ""],
      ),
      OPTS,
    );
    expect(r.shipments).toEqual([]);
    expect(r.issues.map((i) => [i.code, i.at.row, i.at.column])).toEqual([
      ["malformed_tracking_number", 2, "运单号"],
      ["malformed_tracking_number", 3, "运单号"],
      ["malformed_tracking_number", 4, "运单号"],
    ]);
    expect(r.issues[1]?.message).toMatch(/looks like ZTO/);
    expect(r.issues[2]?.message).toMatch(/check digit/);
  });

  it("refuses the same tracking number twice (both rows held back), naming the first row", () => {
    const r = parseShipmentSheet(
      header,
      rows(
        ["O1001", "顺丰", "SF1385628716739", "", "", "", ""],
        ["O1002", "中通", "73610555582883", "", "", "", ""],
        ["O1003", "顺丰", "SF 1385 6287 16739", "", "", "", ""],
      ),
      OPTS,
    );
    expect(r.shipments.map((s) => s.orderNumber)).toEqual(["O1002"]);
    expect(r.issues).toMatchObject([
      {
        level: "error",
        code: "duplicate_tracking_number",
        at: { file: FILE, row: 4, column: "运单号" },
        message: "tracking number SF1385628716739 is already on row 2",
      },
    ]);
    // The same order twice without SKUs is a repeated row, not a parcel with two lines.
    const again = parseShipmentSheet(
      header,
      rows(["O1001", "顺丰", "SF1385628716739", "", "", "", ""], ["O1001", "顺丰", "SF1385628716739", "", "", "", ""]),
      OPTS,
    );
    expect(again.issues.map((i) => i.code)).toEqual(["duplicate_tracking_number"]);
  });

  it("reports missing values, Excel-mangled numbers, bad quantities and times", () => {
    const r = parseShipmentSheet(
      header,
      rows(
        ["", "顺丰", "SF1385628716739", "", "", "", ""],
        ["O1002", "", "73610555582883", "", "", "", ""],
        ["O1003", "韵达", "4.63431E+14", "", "", "", ""],
        ["O1004", "韵达", "463431409940372", "A-1", "0", "", ""],
        ["O1005", "韵达", "462598779470531", "", "2", "", ""],
        ["O1006", "申通", "773277027280336", "", "", "yesterday", ""],
        ["O1007", "申通", 2 ** 54, "", "", "", ""],
      ),
      OPTS,
    );
    expect(r.shipments).toEqual([]);
    expect(r.issues.map((i) => [i.code, i.at.row, i.at.column])).toEqual([
      ["missing_value", 2, "订单号"],
      ["missing_value", 3, "快递公司"],
      ["malformed_tracking_number", 4, "运单号"],
      ["bad_quantity", 5, "数量"],
      ["bad_quantity", 6, "数量"],
      ["bad_shipped_at", 7, "发货时间"],
      ["malformed_tracking_number", 8, "运单号"],
    ]);
    expect(r.issues[2]?.message).toMatch(/scientific notation/);
    expect(r.issues[6]?.message).toMatch(/lost digits/);
  });

  it("refuses a number unfit for a strict courier; warns (and keeps the row) for a bare-digit courier", () => {
    const r = parseShipmentSheet(
      header,
      rows(["O1001", "ups", "ABC123456", "", "", "", ""], ["O1002", "韵达", "3950055201640", "", "", "", ""]),
      OPTS,
    );
    expect(r.issues.map((i) => [i.level, i.code, i.at.row])).toEqual([
      ["error", "malformed_tracking_number", 2],
      ["warning", "unknown_tracking_format", 3],
    ]);
    expect(r.shipments.map((s) => s.trackingNumber)).toEqual(["3950055201640"]);
  });

  it("never keys objects by the user's headers", () => {
    const r = parseShipmentSheet(["constructor", "订单号", "快递公司", "运单号"].slice(1), rows(["O1", "顺丰", "SF1385628716739"]), OPTS);
    expect(r.shipments).toHaveLength(1);
    expect(() => parseShipmentSheet(["constructor", "订单号", "快递公司", "运单号"], [], OPTS)).toThrow(InputError);
  });
});

describe("real dispatch sheets' quirks", () => {
  const opts = { file: "sheet.csv", timeZone: "Asia/Shanghai" };
  const parse = (header: string[], ...cells: (string | number | null)[][]) => parseShipmentSheet(header, rows(...cells), opts);

  it("prefers the platform's order column (原始单号, 线上订单号) over an ERP's own number; two plain ones stay an error", () => {
    expect(mapShipmentSheetHeader(["订单编号", "原始单号", "物流公司", "物流单号"], FILE)).toEqual({
      orderNumber: 1,
      courier: 2,
      trackingNumber: 3,
    });
    expect(mapShipmentSheetHeader(["线上订单号", "订单号", "物流公司", "物流单号"], FILE).orderNumber).toBe(0);
    expect(() => mapShipmentSheetHeader(["订单号", "订单编号", "物流公司", "物流单号"], FILE)).toThrow(InputError);
  });

  it("takes Amazon's carrier-name when carrier-code is Other, and warns when a filled name contradicts the code", () => {
    const header = ["order-id", "carrier-code", "carrier-name", "tracking-number"];
    const r = parse(
      header,
      ["A1", "Other", "Royal Mail", "RR314159268GB"],
      ["A2", "other", "", "RR141421354DE"],
      ["A3", "UPS", "FedEx", "1Z4X7W935203001840"],
    );
    expect(r.shipments.map((s) => [s.orderNumber, s.courier])).toEqual([
      ["A1", "royalmail"],
      ["A3", "ups"],
    ]);
    expect(r.issues.map((i) => [i.level, i.at.row, i.at.column, i.message])).toEqual([
      ["error", 3, "carrier-name", 'the courier is "other" but the name column is empty'],
      ["warning", 4, "carrier-name", 'the name "FedEx" says another courier than the code "UPS": UPS is used'],
    ]);
  });

  it("reads a sheet with only a name or service column as its courier column", () => {
    expect(mapShipmentSheetHeader(["Order Number", "Carrier Name", "Tracking Number"], FILE)).toEqual({
      orderNumber: 0,
      courier: 1,
      trackingNumber: 2,
    });
    const r = parse(
      ["Order - Number", "Shipment - Service", "Shipment - Tracking Number"],
      ["1001", "Royal Mail Tracked 48", "RR314159268GB"],
    );
    expect(r.shipments.map((s) => s.courier)).toEqual(["royalmail"]);
    expect(r.issues.map((i) => [i.level, i.code, i.message])).toEqual([
      ["warning", "courier_read_as", 'courier "Royal Mail Tracked 48" read as Royal Mail'],
    ]);
  });

  it("skips 合计 / Total rows and a header written again, and says which rows", () => {
    const header = ["订单号", "快递公司", "运单号", "数量"];
    const r = parse(
      header,
      ["O1", "顺丰", "SF1385628716739", null],
      ["订单号", "快递公司", "运单号", "数量"],
      ["合计：", "", "", 3],
      ["Total", null, null, null],
    );
    expect(r.shipments).toHaveLength(1);
    expect(r.skippedRows).toEqual([3, 4, 5]);
    expect(r.rowCount).toBe(1);
    expect(r.issues).toEqual([]);
  });

  it("reads a number out of a tracking link only when exactly one token has the courier's format", () => {
    const header = ["Order", "Carrier", "Tracking Number"];
    const r = parse(
      header,
      ["1", "UPS", "https://www.ups.com/track?loc=en_US&tracknum=1Z4X7W935203001840"],
      ["2", "UPS", "https://www.ups.com/track?loc=en_US"],
      ["3", "USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels=94001118992238554131,92055901649173127513"],
    );
    expect(r.shipments.map((s) => s.trackingNumber)).toEqual(["1Z4X7W935203001840"]);
    expect(r.issues.map((i) => [i.level, i.at.row, i.code])).toEqual([
      ["warning", 2, "number_from_link"],
      ["error", 3, "malformed_tracking_number"],
      ["error", 4, "malformed_tracking_number"],
    ]);
    expect(r.issues[1]?.message).toBe('"https://www.ups.com/track?loc=en_US" is a link, not a tracking number');
  });

  it("refuses several numbers in one cell (comma, 、, newline) but keeps a number printed in groups", () => {
    const r = parse(
      ["订单号", "快递公司", "快递单号"],
      ["O1", "顺丰", "SF1385628716739、SF3182998070266"],
      ["O2", "UPS", "1Z 4X7 W93 5203 0018 40"],
    );
    expect(r.shipments.map((s) => s.trackingNumber)).toEqual(["1Z4X7W935203001840"]);
    expect(r.issues.map((i) => [i.code, i.at.row, i.message])).toEqual([
      ["several_tracking_numbers", 2, "2 tracking numbers in one cell (SF1385628716739, SF3182998070266)"],
    ]);
  });

  it("reads slash dates when the day is clear and refuses the ambiguous ones", () => {
    const r = parse(
      ["Order", "Carrier", "Tracking Number", "Ship Date"],
      ["1", "UPS", "1Z4X7W935203001840", "11/24/2026 3:05 PM"],
      ["2", "UPS", "1Z9R4E510360009125", "24/11/2026"],
      ["3", "USPS", "94001118992238554131", "05/11/2026"],
    );
    expect(r.shipments.map((s) => s.shippedAt?.toISOString())).toEqual(["2026-11-24T07:05:00.000Z", "2026-11-23T16:00:00.000Z"]);
    expect(r.issues.map((i) => [i.code, i.at.row, i.message])).toEqual([
      ["bad_shipped_at", 4, '"05/11/2026": which is the month and which the day cannot be told'],
    ]);
  });
});
