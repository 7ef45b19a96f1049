/**
 * The `file` courier and the shipment fixtures: the courier contract on a small export; status
 * words in Chinese and English; an xlsx export with Traditional Chinese headers; bad files; then
 * the demo store's parcels tracked through the file courier and judged by the SLA rules, which
 * must find exactly the delays the generator planted (fixtures/shipments/EXPECTED.json), and the
 * sample warehouse sheets, good and bad.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { workbook, xlsxBytes } from "../../scripts/generate-catalog-fixtures.js";
import { buildShipmentFixtures } from "../../scripts/generate-shipment-fixtures.js";
import type { CourierAdapter, TrackingRequest, TrackingResult } from "../../src/adapters/courier.js";
import fileCourier, { type FileCourierConfig } from "../../src/adapters/couriers/file/index.js";
import type { AdapterContext } from "../../src/adapters/platform.js";
import { InputError } from "../../src/core/errors.js";
import { english } from "../../src/core/i18n/index.js";
import {
  COURIER_CODES,
  DEFAULT_SLA,
  deliveredOnTime,
  evaluateSla,
  isCourierCode,
  isOpen,
  parseShipmentSheet,
  resolveCourier,
  type SheetRow,
  shipmentTimes,
  validateTrackingNumber,
} from "../../src/core/shipments/index.js";
import { openTable } from "../../src/io/read-table.js";
import { courierContract } from "../contract/courier-contract.js";
import { REPO, tempDir } from "../helpers/cli.js";

const tmp = tempDir("merchops-file-courier-");
afterAll(() => tmp.cleanup());

const warnings: string[] = [];
function context(baseDir = tmp.dir): AdapterContext {
  return {
    storeName: "test",
    baseDir,
    timezone: "Asia/Shanghai",
    currency: "CNY",
    now: () => new Date("2026-11-25T00:00:00+08:00"),
    log: { info: () => {}, warn: (m) => warnings.push(english(m)), debug: () => {} },
    state: async () => {
      throw new Error("the file courier does not use the state store");
    },
    readOptions: {},
  };
}

async function courier(config: FileCourierConfig, ctx = context()): Promise<CourierAdapter> {
  return fileCourier.create(fileCourier.configSchema.parse(config), ctx);
}

const SMALL = [
  "运单号,快递公司,时间,状态,描述,地点",
  "SF1385628716739,顺丰速运,2026-11-20 18:00:00,已签收,快件已签收,广州",
  "SF1385628716739,顺丰速运,2026-11-19 08:00:00,已揽收,顺丰速运已收取快件,杭州",
  "SF1385628716739,顺丰速运,2026-11-20 09:00:00,派送中,快件正在派送,广州",
  "SF1385628716739,顺丰速运,2026-11-19 08:00:00,已揽收,顺丰速运已收取快件,杭州",
].join("\n");
writeFileSync(join(tmp.dir, "events.csv"), SMALL);

courierContract("file", async () => ({
  definition: fileCourier,
  adapter: await courier({ file: "events.csv" }),
  known: { trackingNumber: "SF1385628716739", courier: "sf" },
  unknown: { trackingNumber: "SF9999999999999", courier: "sf" },
}));

describe("file courier", () => {
  it("reads events oldest first, drops repeats, keeps the raw status, times in the store's zone", async () => {
    const [r] = await (await courier({ file: "events.csv" })).track([{ trackingNumber: "sf 1385 6287 16739", courier: "sf" }]);
    expect(r?.trackingNumber).toBe("sf 1385 6287 16739");
    expect(r?.status).toBe("delivered");
    expect(r?.error).toBeUndefined();
    expect(r?.events).toEqual([
      {
        at: new Date("2026-11-19T00:00:00Z"),
        status: "in_transit",
        description: "顺丰速运已收取快件",
        location: "杭州",
        rawStatus: "已揽收",
      },
      {
        at: new Date("2026-11-20T01:00:00Z"),
        status: "out_for_delivery",
        description: "快件正在派送",
        location: "广州",
        rawStatus: "派送中",
      },
      { at: new Date("2026-11-20T10:00:00Z"), status: "delivered", description: "快件已签收", location: "广州", rawStatus: "已签收" },
    ]);
  });

  it("maps status words (Chinese and English, or our own names) and falls back to the description", async () => {
    const cases: [string, string, string][] = [
      ["已签收", "", "delivered"],
      ["签收", "", "delivered"],
      ["派送中", "", "out_for_delivery"],
      ["派件", "", "out_for_delivery"],
      ["运输中", "", "in_transit"],
      ["到达", "", "in_transit"],
      ["离开", "", "in_transit"],
      ["已揽收", "", "in_transit"],
      ["揽件", "", "in_transit"],
      ["待取件", "", "available_for_pickup"],
      ["驿站", "", "available_for_pickup"],
      ["拒收", "", "exception"],
      ["异常", "", "exception"],
      ["破损", "", "exception"],
      ["退回", "", "returning"],
      ["退回签收", "", "returned"],
      ["投递失败", "", "failed_attempt"],
      ["Delivered", "", "delivered"],
      ["Out for delivery", "", "out_for_delivery"],
      ["In transit", "", "in_transit"],
      ["Picked up", "", "in_transit"],
      ["Ready for pickup", "", "available_for_pickup"],
      ["Exception", "", "exception"],
      ["Returned to sender", "", "returned"],
      ["Failed attempt", "", "failed_attempt"],
      ["info_received", "", "info_received"],
      ["", "快件已到达【广州转运中心】", "in_transit"],
      ["", "Delivered to the front desk", "delivered"],
    ];
    const lines = ["tracking number,time,status,description"];
    cases.forEach(([status, description], i) => {
      lines.push(`JT${String(5261988016000 + i)},2026-11-20 10:00:00,${status},${description}`);
    });
    writeFileSync(join(tmp.dir, "words.csv"), lines.join("\n"));
    const c = await courier({ file: "words.csv" });
    const results = await c.track(cases.map((_, i) => ({ trackingNumber: `JT${String(5261988016000 + i)}` })));
    expect(results.map((r) => r.status)).toEqual(cases.map(([, , status]) => status));
  });

  it("counts an unreadable status as in transit with a warning, and skips rows without a usable time", async () => {
    writeFileSync(
      join(tmp.dir, "odd.csv"),
      [
        "运单号,时间,状态",
        "YT8962646785389,2026-11-20 10:00:00,已揽收",
        "YT8962646785389,2026-11-21 10:00:00,谢谢惠顾",
        "YT8962646785389,yesterday,已签收",
        "YT8962646785389,,已签收",
      ].join("\n"),
    );
    warnings.length = 0;
    const [r] = await (await courier({ file: "odd.csv" })).track([{ trackingNumber: "YT8962646785389" }]);
    expect(r?.status).toBe("in_transit");
    expect(r?.events.map((e) => e.rawStatus)).toEqual(["已揽收", "谢谢惠顾"]);
    expect(warnings.join("\n")).toMatch(/row 3: status "谢谢惠顾" not recognised/);
    expect(warnings.join("\n")).toMatch(/row 4: .*yesterday/);
    expect(warnings.join("\n")).toMatch(/row 5: no time/);
  });

  it("reads an xlsx export with Traditional Chinese headers and date cells", async () => {
    const wb = workbook();
    const ws = wb.addWorksheet("軌跡");
    ws.addRow(["快遞單號", "時間", "狀態", "詳情", "地點"]);
    // Date cells hold wall-clock time (read in the configured zone).
    ws.addRow(["JDX024407261700", new Date(Date.UTC(2026, 10, 21, 9, 30)), "已簽收", "本人簽收", "台北"]);
    ws.addRow(["JDX024407261700", new Date(Date.UTC(2026, 10, 20, 8, 0)), "運輸中", "已到達轉運中心", "廈門"]);
    writeFileSync(join(tmp.dir, "export.xlsx"), await xlsxBytes(wb));
    const [r] = await (await courier({ file: "export.xlsx", timezone: "Asia/Taipei" })).track([
      { trackingNumber: "JDX024407261700", courier: "jd" },
    ]);
    expect(r?.status).toBe("delivered");
    expect(r?.events.map((e) => [e.at.toISOString(), e.status, e.location])).toEqual([
      ["2026-11-20T00:00:00.000Z", "in_transit", "廈門"],
      ["2026-11-21T01:30:00.000Z", "delivered", "台北"],
    ]);
  });

  it("refuses a missing file, missing columns and a __proto__ header with the file named (exit 3)", async () => {
    const missing = await courier({ file: "nope.csv" });
    await expect(missing.track([{ trackingNumber: "SF1385628716739" }])).rejects.toBeInstanceOf(InputError);
    writeFileSync(join(tmp.dir, "nocols.csv"), "运单号,备注\nSF1385628716739,x\n");
    await expect((await courier({ file: "nocols.csv" })).track([{ trackingNumber: "SF1385628716739" }])).rejects.toThrow(
      /nocols\.csv.*no time column/,
    );
    writeFileSync(join(tmp.dir, "proto.csv"), "运单号,时间,状态,__proto__\nSF1385628716739,2026-11-20 10:00:00,已签收,x\n");
    await expect((await courier({ file: "proto.csv" })).track([{ trackingNumber: "SF1385628716739" }])).rejects.toThrow(
      /proto\.csv.*"__proto__" is not allowed/,
    );
  });

  it("validates its config strictly and answers 1,000 numbers a call", () => {
    expect(fileCourier.configSchema.safeParse({ file: "x.csv", token: "t" }).success).toBe(false);
    expect(fileCourier.configSchema.safeParse({}).success).toBe(false);
    expect(fileCourier.maxBatch).toBe(1000);
    expect(fileCourier.couriers).toContain("sf");
  });

  it("detects candidate couriers", async () => {
    const c = await courier({ file: "events.csv" });
    expect(await c.detect?.("73610555582883")).toEqual(["zto"]);
  });
});

// --- The demo store's parcels against the planted delays ----------------------------------------------

interface ShipmentCsv {
  order_id: string;
  courier: string;
  tracking_number: string;
  label_at: string;
  shipped_at: string;
  destination: string;
}

const EXPECTED = JSON.parse(readFileSync(join(REPO, "fixtures", "shipments", "EXPECTED.json"), "utf8"));
const demoShipments = parse(readFileSync(join(REPO, "fixtures", "demo-store", "shipments.csv")), { columns: true }) as ShipmentCsv[];

describe("demo shipments (fixtures/demo-store)", () => {
  it("the committed fixtures are what the generator writes", async () => {
    const { files } = await buildShipmentFixtures();
    for (const [name, content] of files) {
      const committed = readFileSync(join(REPO, "fixtures", name));
      expect(committed.equals(Buffer.isBuffer(content) ? content : Buffer.from(content)), name).toBe(true);
    }
  });

  it("every tracking number fits its courier's format, with no doubt", () => {
    expect(demoShipments).toHaveLength(EXPECTED.shipments);
    for (const s of demoShipments) {
      expect(isCourierCode(s.courier), s.courier).toBe(true);
      const v = validateTrackingNumber(s.tracking_number, s.courier as never);
      expect(v, s.tracking_number).toMatchObject({ ok: true });
      expect(v.warning, s.tracking_number).toBeUndefined();
    }
    expect(new Set(demoShipments.map((s) => s.tracking_number)).size).toBe(demoShipments.length);
  });

  it("tracked through the file courier, the SLA rules find exactly the planted delays", async () => {
    const adapter = await courier({ file: "tracking-events.csv" }, context(join(REPO, "fixtures", "demo-store")));
    const asOf = new Date(EXPECTED.asOf);
    const requests: TrackingRequest[] = demoShipments.map((s) => ({ trackingNumber: s.tracking_number, courier: s.courier }));
    const results: TrackingResult[] = [];
    for (let i = 0; i < requests.length; i += fileCourier.maxBatch)
      results.push(...(await adapter.track(requests.slice(i, i + fileCourier.maxBatch))));
    expect(results.filter((r) => r.error)).toEqual([]);

    const statuses: Record<string, number> = {};
    const breachedBy: Record<string, string[]> = { first_scan: [], delivery: [], stuck: [] };
    const delayed = new Set<string>();
    const openDelayed = new Set<string>();
    let onTime = 0;
    let late = 0;
    let open = 0;
    demoShipments.forEach((s, i) => {
      const r = results[i];
      if (!r) throw new Error("missing result");
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (isOpen(r.status)) open++;
      const shipment = {
        courier: s.courier,
        destination: s.destination,
        labelAt: new Date(s.label_at),
        shippedAt: new Date(s.shipped_at),
        status: r.status,
        ...shipmentTimes(r.events),
      };
      for (const b of evaluateSla(shipment, DEFAULT_SLA, asOf).breaches) {
        breachedBy[b.rule]?.push(s.tracking_number);
        delayed.add(s.tracking_number);
        if (isOpen(r.status)) openDelayed.add(s.tracking_number);
      }
      const verdict = deliveredOnTime(shipment, DEFAULT_SLA);
      if (verdict === true) onTime++;
      if (verdict === false) late++;
    });

    expect(DEFAULT_SLA).toEqual(EXPECTED.sla);
    expect(statuses).toEqual(EXPECTED.statusAtAsOf);
    expect(open).toBe(EXPECTED.open);
    const p = EXPECTED.planted;
    expect(breachedBy.first_scan?.sort()).toEqual([...p.notFirstScanned.trackingNumbers, ...p.firstScanLate.trackingNumbers].sort());
    expect(breachedBy.stuck?.sort()).toEqual(p.stuck.trackingNumbers);
    expect(breachedBy.delivery?.sort()).toEqual(p.deliveredLate.trackingNumbers);
    expect({ first_scan: breachedBy.first_scan?.length, delivery: breachedBy.delivery?.length, stuck: breachedBy.stuck?.length }).toEqual(
      EXPECTED.breaches,
    );
    expect(delayed.size).toBe(EXPECTED.delayedShipments);
    expect(openDelayed.size).toBe(EXPECTED.openDelayedShipments);
    expect({ onTime, late }).toEqual({ onTime: EXPECTED.onTimeDelivery.onTime, late: EXPECTED.onTimeDelivery.late });
    expect(onTime + late).toBe(EXPECTED.onTimeDelivery.delivered);

    // The stuck ones are still stuck under a 72 h rule; nothing else is.
    const at72 = demoShipments.filter((s, i) => {
      const r = results[i];
      if (!r) return false;
      const shipment = {
        courier: s.courier,
        labelAt: new Date(s.label_at),
        shippedAt: new Date(s.shipped_at),
        status: r.status,
        ...shipmentTimes(r.events),
      };
      return evaluateSla(shipment, { ...DEFAULT_SLA, stuckHours: 72 }, asOf).breaches.some((b) => b.rule === "stuck");
    });
    expect(at72.map((s) => s.tracking_number).sort()).toEqual(p.stuck.trackingNumbers);
  });
});

// --- Warehouse sheets ------------------------------------------------------------------------------------

async function readSheet(name: string) {
  const file = join(REPO, "fixtures", "shipments", name);
  const table = await openTable(file);
  const rows: SheetRow[] = [];
  for await (const batch of table.batches()) rows.push(...batch);
  return parseShipmentSheet(table.header, rows, { file: name, timeZone: "Asia/Shanghai" });
}

describe("warehouse sheets (fixtures/shipments)", () => {
  it.each(["warehouse-zh.csv", "warehouse-en.xlsx"])("%s parses clean into the intended shipments", async (name) => {
    const want = EXPECTED.sheets[name];
    const r = await readSheet(name);
    expect(r.issues).toEqual([]);
    expect(r.rowCount).toBe(want.rows);
    expect(r.shipments.map((s) => s.orderNumber)).toEqual(want.orders);
    const couriers: Record<string, number> = {};
    for (const s of r.shipments) couriers[s.courier] = (couriers[s.courier] ?? 0) + 1;
    expect(couriers).toEqual(want.couriers);
    expect(r.shipments.reduce((n, s) => n + (s.lines?.length ?? 0), 0)).toBe(want.lines);
    expect(r.shipments.reduce((n, s) => n + (s.lines ?? []).reduce((u, l) => u + l.quantity, 0), 0)).toBe(want.units);
    for (const s of r.shipments) expect(s.shippedAt?.toISOString().slice(0, 10)).toBe("2026-11-25");
  });

  it.each(["bad-unknown-courier.csv", "bad-malformed-number.csv", "bad-duplicate-number.csv"])(
    "%s: the planted error, named by row and column",
    async (name) => {
      const want = EXPECTED.sheets[name];
      const r = await readSheet(name);
      expect(r.shipments).toHaveLength(want.validShipments);
      expect(r.issues.filter((i) => i.level === "error").map((i) => [i.code, i.at.row, i.at.column])).toEqual([
        [want.error.code, want.error.row, want.error.column],
      ]);
      if (want.error.suggestion) expect(r.issues[0]?.suggestions?.[0]).toBe(want.error.suggestion);
    },
  );

  it("bad-order-not-found.csv is a valid sheet: the order check belongs to the import", async () => {
    const r = await readSheet("bad-order-not-found.csv");
    expect(r.issues).toEqual([]);
    const want = EXPECTED.sheets["bad-order-not-found.csv"];
    expect(r.shipments.find((s) => s.at.row === want.error.row)?.orderNumber).toBe(want.error.value);
  });
});

describe("templates/shipments", () => {
  it.each(["shipments.csv", "shipments.xlsx"])(
    "%s: its example rows import clean (one parcel with two SKUs, one without)",
    async (name) => {
      const file = join(REPO, "templates", "shipments", name);
      const table = await openTable(file);
      const rows: SheetRow[] = [];
      for await (const batch of table.batches()) rows.push(...batch);
      const r = parseShipmentSheet(table.header, rows, { file: name, timeZone: "Asia/Shanghai" });
      expect(r.issues).toEqual([]);
      expect(r.shipments.map((s) => [s.orderNumber, s.courier, s.trackingNumber, s.lines?.length ?? 0])).toEqual([
        ["1001", "sf", "SF1385628716739", 2],
        ["1002", "zto", "73610555582883", 0],
      ]);
    },
  );

  it("the xlsx drop-down lists every courier in a form resolveCourier reads back", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(REPO, "templates", "shipments", "shipments.xlsx")) as unknown as ArrayBuffer);
    const lists = wb.getWorksheet("Lists");
    const names = (lists?.getColumn(1).values ?? []).slice(2).map(String);
    expect(names.map((n) => resolveCourier(n))).toEqual(COURIER_CODES.map((code) => ({ code })));
    const model = (
      wb.getWorksheet("发货 Shipments") as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }
    ).dataValidations.model;
    const courierRule = Object.entries(model).find(([, v]) => v.type === "list");
    expect(courierRule?.[1].formulae[0]).toBe(`Lists!$A$2:$A$${COURIER_CODES.length + 1}`);
  });
});
