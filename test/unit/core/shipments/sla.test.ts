/** SLA rules: config schema, resolution order, the three breaches and the on-time input. */
import { describe, expect, it } from "vitest";
import { type Message, t as translate } from "../../../../src/core/i18n/index.js";
import {
  DEFAULT_SLA,
  DEFAULT_SLA_CROSS_BORDER,
  deliveredOnTime,
  evaluateSla as evaluateWithText,
  normalizeRegion,
  resolveSlaRules,
  type SlaShipment,
  shipmentsConfigSchema,
} from "../../../../src/core/shipments/index.js";

const t_ = (lang: "en" | "zh-Hans", m: Message | undefined) => (m ? translate(lang, m.id, m.params) : "");
const H = 3_600_000;
const T0 = Date.parse("2026-11-20T00:00:00+08:00");
const t = (hours: number) => new Date(T0 + hours * H);
const RULES = { firstScanHours: 24, deliveryDays: 5, stuckHours: 48 };
/** The breaches without their catalog message (its English is `message`, compared below). */
function evaluateSla(...args: Parameters<typeof evaluateWithText>) {
  return { breaches: evaluateWithText(...args).breaches.map(({ text: _text, ...b }) => b) };
}

describe("shipmentsConfigSchema", () => {
  it("accepts default, per-courier, per-region and per-courier-region rules", () => {
    const config = shipmentsConfigSchema.parse({
      sla: {
        default: { firstScanHours: 12, deliveryDays: 4, stuckHours: 36 },
        sf: { deliveryDays: 2, regions: { 新疆: { deliveryDays: 6 } } },
        regions: { 西藏自治区: { deliveryDays: 8, stuckHours: 96 } },
      },
    });
    expect(config.sla?.sf?.deliveryDays).toBe(2);
    expect(shipmentsConfigSchema.parse({})).toEqual({});
  });

  it.each([
    [{ sla: { shunfeng: { deliveryDays: 2 } } }, "unknown courier key"],
    [{ sla: { default: { deliveryDays: 0 } } }, "non-positive limit"],
    [{ sla: { default: { deliverDays: 3 } } }, "misspelt rule"],
    [{ sla: { default: { deliveryDays: "3" } } }, "a string"],
    [JSON.parse('{"sla":{"regions":{"__proto__":{"deliveryDays":3}}}}'), "__proto__ region"],
  ])("refuses %j (%s)", (value) => {
    expect(shipmentsConfigSchema.safeParse(value).success).toBe(false);
  });
});

describe("resolveSlaRules", () => {
  const config = shipmentsConfigSchema.parse({
    sla: {
      default: { firstScanHours: 12 },
      sf: { deliveryDays: 2, regions: { 新疆: { deliveryDays: 6 } } },
      regions: { 西藏: { deliveryDays: 8, stuckHours: 96 }, 新疆: { stuckHours: 72 } },
    },
  }).sla;

  it("takes each field from the most specific level that sets it", () => {
    expect(resolveSlaRules(config, "sf")).toEqual({ firstScanHours: 12, deliveryDays: 2, stuckHours: 48 });
    expect(resolveSlaRules(config, "sf", "新疆维吾尔自治区")).toEqual({ firstScanHours: 12, deliveryDays: 6, stuckHours: 72 });
    expect(resolveSlaRules(config, "zto", "西藏自治区")).toEqual({ firstScanHours: 12, deliveryDays: 8, stuckHours: 96 });
    expect(resolveSlaRules(config, "zto", "广东省")).toEqual({ firstScanHours: 12, deliveryDays: 5, stuckHours: 48 });
  });

  it("falls back to the built-in defaults: domestic for Chinese couriers, cross-border for the others", () => {
    expect(resolveSlaRules(undefined, "zto")).toEqual(DEFAULT_SLA);
    expect(resolveSlaRules(undefined, "ups")).toEqual(DEFAULT_SLA_CROSS_BORDER);
    expect(resolveSlaRules(undefined, "unknown-courier")).toEqual(DEFAULT_SLA);
  });

  it("compares regions without their administrative suffix", () => {
    expect(normalizeRegion("广东省")).toBe("广东");
    expect(normalizeRegion("上海市")).toBe("上海");
    expect(normalizeRegion("新疆维吾尔自治区")).toBe("新疆");
    expect(normalizeRegion(" Guangdong ")).toBe("guangdong");
  });
});

describe("evaluateSla", () => {
  const base: SlaShipment = { courier: "sf", labelAt: t(0), shippedAt: t(1), status: "in_transit" };

  it("reports nothing for a parcel on time", () => {
    const s = { ...base, firstScanAt: t(5), lastEventAt: t(30) };
    expect(evaluateSla(s, RULES, t(40)).breaches).toEqual([]);
  });

  it("first scan: not scanned 30 h after the label, or scanned too late", () => {
    const waiting = evaluateSla({ ...base, status: "info_received", lastEventAt: t(0) }, RULES, t(30)).breaches;
    expect(waiting).toEqual([
      { rule: "first_scan", limit: 24, actual: 30, message: "not scanned by the courier 30 h after the label (limit 24 h)" },
    ]);
    const late = evaluateSla({ ...base, firstScanAt: t(36.25), lastEventAt: t(40) }, RULES, t(41)).breaches;
    expect(late).toMatchObject([{ rule: "first_scan", actual: 36.3 }]);
    // Exactly at the limit is on time.
    expect(evaluateSla({ ...base, firstScanAt: t(24), lastEventAt: t(24) }, RULES, t(25)).breaches).toEqual([]);
    // Without a label or shipping time the rule does not apply.
    expect(evaluateSla({ courier: "sf", status: "info_received" }, RULES, t(100)).breaches).toEqual([]);
  });

  it("delivery: delivered after 6 days, or still open after 5.5", () => {
    const delivered = { ...base, firstScanAt: t(3), deliveredAt: t(1 + 6 * 24), lastEventAt: t(1 + 6 * 24), status: "delivered" as const };
    expect(evaluateSla(delivered, RULES, t(500)).breaches).toEqual([
      { rule: "delivery", limit: 5, actual: 6, message: "delivered 6 days after shipping (limit 5 days)" },
    ]);
    const open = { ...base, firstScanAt: t(3), lastEventAt: t(1 + 5.5 * 24 - 2) };
    expect(evaluateSla(open, RULES, t(1 + 5.5 * 24)).breaches).toEqual([
      { rule: "delivery", limit: 5, actual: 5.5, message: "not delivered 5.5 days after shipping (limit 5 days)" },
    ]);
    // Returned parcels are not late deliveries.
    expect(evaluateSla({ ...open, status: "returned" }, RULES, t(1000)).breaches).toEqual([]);
  });

  it("stuck: no event for more than 48 h while open; a delivered parcel is never stuck", () => {
    const s = { ...base, firstScanAt: t(3), lastEventAt: t(10) };
    expect(evaluateSla(s, RULES, t(70)).breaches).toEqual([
      { rule: "stuck", limit: 48, actual: 60, message: "no courier event for 60 h (limit 48 h)" },
    ]);
    expect(evaluateSla({ ...s, status: "delivered", deliveredAt: t(10) }, RULES, t(70)).breaches).toEqual([]);
    // Not scanned yet: that is a first-scan problem, not a stuck parcel.
    expect(evaluateSla({ ...base, status: "info_received", lastEventAt: t(0), labelAt: t(50) }, RULES, t(60)).breaches).toEqual([]);
  });

  it("words each breach in the run's language", () => {
    const [breach] = evaluateWithText(
      { courier: "sf", status: "in_transit", shippedAt: t(0), firstScanAt: t(1), lastEventAt: t(2) },
      RULES,
      t(60),
    ).breaches;
    expect(t_("zh-Hans", breach?.text)).toBe("已 58 小时没有物流更新（上限 48 小时）");
    expect(t_("en", breach?.text)).toBe(breach?.message);
  });

  it("reports several breaches at once", () => {
    const s = { ...base, firstScanAt: t(30), lastEventAt: t(40) };
    expect(evaluateSla(s, RULES, t(1 + 6 * 24)).breaches.map((b) => b.rule)).toEqual(["first_scan", "delivery", "stuck"]);
  });
});

describe("deliveredOnTime", () => {
  it("is null unless delivered with a shipping (or label) time: n/a, never late", () => {
    expect(deliveredOnTime({ courier: "sf", status: "in_transit", shippedAt: t(0) }, RULES)).toBeNull();
    expect(deliveredOnTime({ courier: "sf", status: "delivered", deliveredAt: t(10) }, RULES)).toBeNull();
    expect(deliveredOnTime({ courier: "sf", status: "delivered", shippedAt: t(0), deliveredAt: t(120) }, RULES)).toBe(true);
    expect(deliveredOnTime({ courier: "sf", status: "delivered", shippedAt: t(0), deliveredAt: t(120.5) }, RULES)).toBe(false);
    expect(deliveredOnTime({ courier: "sf", status: "delivered", labelAt: t(0), deliveredAt: t(100) }, RULES)).toBe(true);
  });
});
