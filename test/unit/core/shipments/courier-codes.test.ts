/** The providers' codes for our couriers: only those the reference gives; the rest are couriers the adapter says it cannot track. */
import { describe, expect, it } from "vitest";
import { SLUGS } from "../../../../src/adapters/couriers/aftership/wire.js";
import { COURIER_OF_COM, KUAIDI100_COM } from "../../../../src/adapters/couriers/kuaidi100/wire.js";
import { CARRIER_KEYS } from "../../../../src/adapters/couriers/seventeen-track/wire.js";
import { detectCouriers, validateTrackingNumber } from "../../../../src/core/shipments/index.js";

describe("provider codes of the added couriers", () => {
  it("Kuaidi100: 百世 is huitongkuaidi, 顺丰快运 shunfengkuaiyun; couriers without a code in the reference have none", () => {
    expect(KUAIDI100_COM.best).toBe("huitongkuaidi");
    expect(KUAIDI100_COM.sffreight).toBe("shunfengkuaiyun");
    expect(COURIER_OF_COM.shunfengkuaiyun).toBe("sffreight");
    for (const code of ["fengwang", "zhongyou", "4px", "yanwen", "royalmail", "yamato"] as const)
      expect(KUAIDI100_COM[code]).toBeUndefined();
  });

  it("17TRACK: 菜鸟 190271 and SF's international listing 100012; AfterShip gets no slug written from memory", () => {
    expect(CARRIER_KEYS.cainiao).toBe(190271);
    expect(CARRIER_KEYS.sfintl).toBe(100012);
    expect(CARRIER_KEYS.sf).toBe(190766);
    expect(SLUGS.royalmail).toBeUndefined();
    expect(SLUGS.best).toBeUndefined();
  });
});

describe("tracking numbers of the added couriers", () => {
  it("S10 numbers name their issuing post", () => {
    expect(detectCouriers("RR314159268GB").map((c) => c.courier)).toEqual(["royalmail"]);
    expect(detectCouriers("RR141421354DE").map((c) => c.courier)).toEqual(["dhlpaket"]);
    // A Chinese S10 number delivered by the destination's post: fine for that post.
    expect(validateTrackingNumber("LX161803397CN", "royalmail")).toMatchObject({ ok: true });
    expect(validateTrackingNumber("RR314159267GB", "royalmail")).toMatchObject({ ok: false });
  });

  it("SF Freight and SF International print SF waybills; JD Freight JD's; a 621 number may be Cainiao's", () => {
    expect(validateTrackingNumber("SF3182998070266", "sffreight")).toMatchObject({ ok: true });
    expect(validateTrackingNumber("SF3182998070266", "sfintl")).toMatchObject({ ok: true });
    expect(validateTrackingNumber("JDX024407261700", "jdfreight")).toMatchObject({ ok: true });
    expect(validateTrackingNumber("SF3182998070266", "sffreight").warning).toBeUndefined();
    // Their candidates stay the parent's: detection does not triple every SF number.
    expect(detectCouriers("SF3182998070266").map((c) => c.courier)).toEqual(["sf"]);
    expect(detectCouriers("621234567890123").map((c) => c.courier)).toContain("cainiao");
  });

  it("a courier with no known format is a warning, never a refusal", () => {
    const v = validateTrackingNumber("YWCN2611240017", "yanwen");
    expect(v.ok).toBe(true);
    expect(v.warning).toBeDefined();
  });
});
