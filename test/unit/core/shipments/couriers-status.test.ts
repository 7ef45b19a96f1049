/** Courier names -> codes (with suggestions), and the status model: merge, derive, never regress after delivered. */
import { describe, expect, it } from "vitest";
import { english, type Message, msg } from "../../../../src/core/i18n/index.js";
import {
  COURIER_CODES,
  COURIERS,
  courierDisplayName,
  deriveStatus,
  isOpen,
  mergeEvents,
  resolveCourier,
  SHIPMENT_STATUSES,
  type ShipmentEvent,
  type ShipmentStatus,
  shipmentTimes,
  statusFromText,
} from "../../../../src/core/shipments/index.js";

describe("resolveCourier", () => {
  it.each([
    ["sf", "sf"],
    ["顺丰", "sf"],
    ["顺丰速运", "sf"],
    ["順豐", "sf"],
    ["SF Express", "sf"],
    ["sf-express", "sf"],
    ["ＳＦ", "sf"],
    ["shunfeng", "sf"],
    ["京东物流", "jd"],
    ["JD", "jd"],
    ["中通", "zto"],
    ["中通快递有限公司", "zto"],
    ["圆通", "yto"],
    ["申通快递", "sto"],
    ["韵达", "yunda"],
    ["邮政", "chinapost"],
    ["中国邮政", "chinapost"],
    ["EMS", "ems"],
    ["邮政EMS", "ems"],
    ["极兔", "jtexpress"],
    ["J&T Express", "jtexpress"],
    ["德邦", "deppon"],
    ["UPS", "ups"],
    ["FedEx", "fedex"],
    ["联邦快递", "fedex"],
    ["USPS", "usps"],
    ["DHL", "dhl"],
    ["云途", "yunexpress"],
    ["  Yunda Express ", "yunda"],
    ["顺丰速运 / SF Express", "sf"],
    ["中通 ZTO Express", "zto"],
    ["EMS / China EMS", "ems"],
  ])("%s -> %s", (text, code) => {
    expect(resolveCourier(text)).toEqual({ code });
  });

  it("suggests the closest couriers for an unknown name (at most three)", () => {
    const r = resolveCourier("顺风快递");
    expect(english((r as { problem: Message }).problem)).toBe('unknown courier "顺风快递"');
    expect("suggestions" in r && r.suggestions[0]).toBe("sf");
    const typo = resolveCourier("Fedx");
    expect("suggestions" in typo && typo.suggestions).toContain("fedex");
    const none = resolveCourier("carrier pigeon");
    expect("suggestions" in none && none.suggestions.length).toBeLessThanOrEqual(3);
    expect(resolveCourier("")).toEqual({ problem: msg("courier.none"), suggestions: [] });
  });

  it("does not accept two names of different couriers", () => {
    expect(resolveCourier("顺丰 / 中通")).toMatchObject({ problem: { id: "courier.unknown" } });
  });

  it("has one entry per code, with a Chinese and an English name", () => {
    expect(COURIERS.map((c) => c.code)).toEqual([...COURIER_CODES]);
    for (const c of COURIERS) {
      expect(c.nameZh.length).toBeGreaterThan(0);
      expect(c.nameEn.length).toBeGreaterThan(0);
      expect(resolveCourier(c.nameZh)).toEqual({ code: c.code });
      expect(resolveCourier(c.nameEn)).toEqual({ code: c.code });
      expect(resolveCourier(courierDisplayName(c.code))).toEqual({ code: c.code });
    }
  });
});

describe("couriers people write", () => {
  it("knows the smaller Chinese couriers and keeps the freight and international services apart", () => {
    const cases: [string, string][] = [
      ["百世快递", "best"],
      ["百世汇通", "best"],
      ["丰网速运", "fengwang"],
      ["众邮快递", "zhongyou"],
      ["安能物流", "ane"],
      ["跨越速运", "kuayue"],
      ["优速快递", "uc"],
      ["天天快递", "ttk"],
      ["京东快运", "jdfreight"],
      ["京东快递", "jd"],
      ["顺丰快运", "sffreight"],
      ["顺丰速运", "sf"],
      ["顺丰国际", "sfintl"],
      ["菜鸟直送", "cainiaodirect"],
      ["丹鸟", "danniao"],
      ["邮政快递包裹", "chinapost"],
      ["中国邮政", "chinapost"],
      ["邮政EMS", "ems"],
      ["国际e邮宝", "ems"],
      ["J&T Express", "jtexpress"],
    ];
    for (const [name, code] of cases) expect(resolveCourier(name), name).toEqual({ code });
  });

  it("knows the cross-border lines and the destination countries' carriers", () => {
    const cases: [string, string][] = [
      ["Cainiao", "cainiao"],
      ["4PX", "4px"],
      ["递四方", "4px"],
      ["Yanwen", "yanwen"],
      ["YunExpress", "yunexpress"],
      ["SF International", "sfintl"],
      ["Royal Mail", "royalmail"],
      ["Hermes", "evri"],
      ["Evri", "evri"],
      ["DPD", "dpd"],
      ["GLS", "gls"],
      ["PostNL", "postnl"],
      ["Colissimo", "laposte"],
      ["La Poste", "laposte"],
      ["Correos", "correos"],
      ["Deutsche Post", "dhlpaket"],
      ["DHL Paket", "dhlpaket"],
      ["DHL Express", "dhl"],
      ["Canada Post", "canadapost"],
      ["Australia Post", "australiapost"],
      ["Japan Post", "japanpost"],
      ["日本郵便", "japanpost"],
      ["ヤマト運輸", "yamato"],
      ["佐川急便", "sagawa"],
      ["Aramex", "aramex"],
      ["TNT", "tnt"],
      ["Purolator", "purolator"],
      ["OnTrac", "ontrac"],
    ];
    for (const [name, code] of cases) expect(resolveCourier(name), name).toEqual({ code });
  });

  it("reads a service name by the courier it starts with, and says so", () => {
    expect(resolveCourier("USPS Priority Mail")).toEqual({ code: "usps", readAs: "USPS" });
    expect(resolveCourier("UPS® Ground")).toEqual({ code: "ups", readAs: "UPS" });
    expect(resolveCourier("DHL Express Worldwide")).toEqual({ code: "dhl", readAs: "DHL Express" });
    expect(resolveCourier("顺丰标快")).toEqual({ code: "sf", readAs: "顺丰" });
    // A bracketed note is no service: the name is exact.
    expect(resolveCourier("中通快递（电子面单）")).toEqual({ code: "zto" });
    // A bare 菜鸟 could be either Cainiao: not guessed.
    expect(resolveCourier("菜鸟")).toMatchObject({ problem: { id: "courier.unknown" } });
    expect(resolveCourier("Pigeon Post")).toMatchObject({ problem: { id: "courier.unknown" } });
  });
});

const at = (iso: string) => new Date(iso);
const ev = (iso: string, status: ShipmentStatus, description: string = status): ShipmentEvent => ({ at: at(iso), status, description });

describe("status model", () => {
  it("merges events without duplicates (same time and description), oldest first", () => {
    const existing = [ev("2026-11-20T02:00:00Z", "in_transit", "到达杭州"), ev("2026-11-20T01:00:00Z", "in_transit", "已揽收")];
    const incoming = [
      ev("2026-11-20T01:00:00Z", "in_transit", "已揽收"),
      ev("2026-11-21T08:00:00Z", "out_for_delivery", "派送中"),
      ev("2026-11-20T02:00:00Z", "in_transit", "到达杭州 "),
    ];
    const merged = mergeEvents(existing, incoming);
    expect(merged.map((e) => e.description)).toEqual(["已揽收", "到达杭州", "派送中"]);
    expect(mergeEvents([], [])).toEqual([]);
  });

  it("takes the latest event's status, but nothing except a return follows delivered", () => {
    expect(deriveStatus([])).toBe("pending");
    expect(deriveStatus([], "in_transit")).toBe("in_transit");
    expect(deriveStatus([ev("2026-11-20T01:00:00Z", "in_transit"), ev("2026-11-21T01:00:00Z", "out_for_delivery")])).toBe(
      "out_for_delivery",
    );
    // A provider re-sends an old scan after the delivery.
    const late = [
      ev("2026-11-20T01:00:00Z", "in_transit"),
      ev("2026-11-21T01:00:00Z", "delivered"),
      ev("2026-11-21T02:00:00Z", "in_transit"),
    ];
    expect(deriveStatus(late)).toBe("delivered");
    expect(deriveStatus([ev("2026-11-22T01:00:00Z", "exception")], "delivered")).toBe("delivered");
    // The return flow may follow.
    expect(deriveStatus([...late, ev("2026-11-23T01:00:00Z", "returning")])).toBe("returning");
    expect(deriveStatus([ev("2026-11-25T01:00:00Z", "returned")], "delivered")).toBe("returned");
    // An exception before delivery is just the latest status.
    expect(deriveStatus([ev("2026-11-20T01:00:00Z", "exception"), ev("2026-11-21T01:00:00Z", "in_transit")])).toBe("in_transit");
  });

  it("is open until delivered, returned or expired", () => {
    const open = SHIPMENT_STATUSES.filter(isOpen);
    expect(open).toEqual([
      "pending",
      "info_received",
      "in_transit",
      "out_for_delivery",
      "available_for_pickup",
      "failed_attempt",
      "exception",
      "returning",
    ]);
  });

  it("finds the first scan, last event and delivery", () => {
    const events = [
      ev("2026-11-19T10:00:00Z", "info_received"),
      ev("2026-11-20T01:00:00Z", "in_transit"),
      ev("2026-11-21T01:00:00Z", "delivered"),
      ev("2026-11-21T05:00:00Z", "delivered", "again"),
    ];
    expect(shipmentTimes(events)).toEqual({
      firstScanAt: at("2026-11-20T01:00:00Z"),
      deliveredAt: at("2026-11-21T01:00:00Z"),
      lastEventAt: at("2026-11-21T05:00:00Z"),
    });
    expect(shipmentTimes([])).toEqual({});
  });

  it.each([
    ["已签收", "delivered"],
    ["已簽收", "delivered"],
    ["签收", "delivered"],
    ["派送中", "out_for_delivery"],
    ["派件", "out_for_delivery"],
    ["运输中", "in_transit"],
    ["快件已到达【杭州转运中心】", "in_transit"],
    ["离开【广州】", "in_transit"],
    ["已揽收", "in_transit"],
    ["揽件", "in_transit"],
    ["待揽收", "info_received"],
    ["已下单", "info_received"],
    ["待取件", "available_for_pickup"],
    ["已放至菜鸟驿站", "available_for_pickup"],
    ["拒收", "exception"],
    ["派件异常", "exception"],
    ["破损", "exception"],
    ["退回中", "returning"],
    ["快件退回", "returning"],
    ["退回签收", "returned"],
    ["投递失败", "failed_attempt"],
    ["Delivered", "delivered"],
    ["Out for delivery", "out_for_delivery"],
    ["In transit", "in_transit"],
    ["Picked up", "in_transit"],
    ["Available for pickup", "available_for_pickup"],
    ["Failed attempt", "failed_attempt"],
    ["Returned to sender", "returned"],
    ["Label created", "info_received"],
    ["out_for_delivery", "out_for_delivery"],
    ["picked_up", "in_transit"],
    ["customs", "in_transit"],
    ["not_found", "pending"],
  ])("reads %s as %s", (text, status) => {
    expect(statusFromText(text)).toBe(status);
  });

  it("leaves text it cannot read undefined", () => {
    expect(statusFromText("")).toBeUndefined();
    expect(statusFromText("谢谢惠顾")).toBeUndefined();
  });
});
