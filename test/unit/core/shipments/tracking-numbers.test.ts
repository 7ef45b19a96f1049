/**
 * Tracking numbers: the vectors of reference/couriers.md §5 (UPU S10, every Chinese pattern, and
 * jkeen/tracking_number_data's test_numbers for UPS, FedEx, USPS, DHL, YunExpress), plus an S10
 * check digit computed here by hand from the weights, independently of the implementation.
 */
import { describe, expect, it } from "vitest";
import { english } from "../../../../src/core/i18n/index.js";
import {
  type CourierCode,
  detectCouriers,
  mod7Valid,
  mod10Valid,
  normalizeTrackingNumber,
  STRICT_COURIERS,
  s10CheckDigit,
  sumProductValid,
  validateTrackingNumber,
} from "../../../../src/core/shipments/index.js";

/** The validation with its problem and warning in English, as the tests below compare them. */
function validate(raw: string, courier?: CourierCode) {
  const v = validateTrackingNumber(raw, courier);
  return {
    ...v,
    ...(v.problem ? { problem: english(v.problem) } : {}),
    ...(v.warning ? { warning: english(v.warning) } : {}),
  };
}

const couriersOf = (n: string) => detectCouriers(n).map((c) => c.courier);

describe("normalizeTrackingNumber", () => {
  it("trims, uppercases, folds full width and drops spaces and dashes", () => {
    expect(normalizeTrackingNumber("  sf 1385-6287-16739 ")).toBe("SF1385628716739");
    expect(normalizeTrackingNumber("ＳＦ１３８５６２８７１６７３９")).toBe("SF1385628716739");
    expect(normalizeTrackingNumber("em263999513jp")).toBe("EM263999513JP");
  });
});

describe("UPU S10", () => {
  it("computes the check digit with weights 8,6,4,2,3,5,9,7 (12345678 -> 5)", () => {
    // 1*8 + 2*6 + 3*4 + 4*2 + 5*3 + 6*5 + 7*9 + 8*7 = 204; 204 mod 11 = 6; 11 - 6 = 5
    expect(s10CheckDigit("12345678")).toBe(5);
    // 29945598: 16+54+36+8+15+25+81+56 = 291; 291 mod 11 = 5; 11 - 5 = 6 (LX299455986CN)
    expect(s10CheckDigit("29945598")).toBe(6);
  });

  it.each([
    "RB123456785GB",
    "RB123456785US",
    "RB123456785CV",
    "RB123456785CF",
    " R B 1 2 3 4 5 6 7 8 5 C F ",
    "LX299455986CN",
    "CP337500215CN",
    "RB625669764US",
    "EM263999513JP",
    "em263999513jp",
    "RR123456785CN",
    "EE123456785CN",
  ])("accepts %s", (n) => {
    const v = validate(n);
    expect(v.ok).toBe(true);
    expect(v.problem).toBeUndefined();
  });

  it.each([
    ["RB123456786US", /check digit/],
    ["RB123456785XX", /XX.*no country code/],
    ["RR123456789CN", /check digit/],
  ])("refuses %s", (n, problem) => {
    const v = validate(n);
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(problem);
    expect(validate(n, "chinapost").ok).toBe(false);
  });

  it("maps China's numbers to China Post and EMS (EMS first for E* services), US ones to USPS", () => {
    expect(couriersOf("RR123456785CN")).toEqual(["chinapost", "ems"]);
    expect(couriersOf("EE123456785CN")).toEqual(["ems", "chinapost"]);
    expect(couriersOf("RB123456785US")).toEqual(["usps"]);
    expect(detectCouriers("LX299455986CN")[0]?.confidence).toBe("checksum");
    // A valid number from Japan Post: its own operator, and EMS carries it on from China.
    expect(couriersOf("EM263999513JP")).toEqual(["japanpost"]);
    expect(validate("EM263999513JP", "ems").ok).toBe(true);
  });
});

// reference/couriers.md §5.2: examples are valid for their courier; the invalid ones are near misses.
const CHINESE: { courier: CourierCode; valid: string[]; invalid: string[] }[] = [
  { courier: "sf", valid: ["SF1385628716739", "SF3182998070266"], invalid: ["SF138562871673", "SF13856287167390", "SX1385628716739"] },
  { courier: "jd", valid: ["JDX024407261700", "JDVA11408814483"], invalid: ["JDX02440726170", "JX024407261700"] },
  { courier: "zto", valid: ["73610555582883"], invalid: ["7361055558288", "70610555582883", "77610555582883X"] },
  { courier: "yto", valid: ["YT8962646785389", "YT6186594166532"], invalid: ["YT896264678538", "YY8962646785389"] },
  { courier: "sto", valid: ["773277027280336", "77316523125896"], invalid: ["7732770272", "66316523125896"] },
  { courier: "yunda", valid: ["463431409940372", "462598779470531", "5123456789012"], invalid: ["46343140994037", "6123456789012"] },
  { courier: "ems", valid: ["1207119765021", "1240921381750"], invalid: ["120711976502", "2207119765021"] },
  { courier: "jtexpress", valid: ["JT5261988016578", "JT0006968326954"], invalid: ["JT52619880165", "JX5261988016578"] },
  { courier: "deppon", valid: ["DPK202252612836", "DPK300585915441"], invalid: ["DPK20225261283", "DPX202252612836"] },
  { courier: "yunexpress", valid: ["YT2229521272164446"], invalid: ["YT123456789012345"] },
];

describe("Chinese courier patterns", () => {
  for (const { courier, valid, invalid } of CHINESE) {
    it(`${courier}: examples are candidates and validate; near misses do not`, () => {
      for (const n of valid) {
        expect(couriersOf(n), n).toContain(courier);
        const hit = detectCouriers(n).find((c) => c.courier === courier);
        expect(hit?.confidence, n).toBe("pattern");
        expect(validate(n, courier), n).toMatchObject({ ok: true });
      }
      for (const n of invalid) {
        expect(couriersOf(n), n).not.toContain(courier);
        const v = validate(n, courier);
        if (STRICT_COURIERS.has(courier)) {
          expect(v.ok, n).toBe(false);
          expect(v.problem, n).toMatch(/not a .* tracking number|check digit|characters/);
        } else {
          // Bare-digit couriers issue formats no public list covers: a warning, or refused when another courier's letters fit.
          expect(v.ok === false || v.warning !== undefined, n).toBe(true);
        }
      }
    });
  }

  it("returns every courier a bare number could belong to (collisions), not one guess", () => {
    expect(couriersOf("5123456789012")).toEqual(["yunda", "ems", "chinapost"]);
    expect(couriersOf("1207119765021")).toEqual(["ems", "chinapost"]);
    // A 15-digit STO number that happens to pass FedEx Ground's mod 10: both, the Chinese prefix first.
    expect(couriersOf("773277027280336")).toEqual(["sto", "fedex"]);
    // YT: YTO has 13 digits, YunExpress 16: the length decides.
    expect(couriersOf("YT8962646785389")).toEqual(["yto"]);
    expect(couriersOf("YT2229521272164446")).toEqual(["yunexpress"]);
  });

  it("prefers the store's couriers when asked", () => {
    expect(detectCouriers("773277027280336", { prefer: ["fedex"] }).map((c) => c.courier)).toEqual(["fedex", "sto"]);
  });

  it("says which courier a number looks like when it does not fit the one given", () => {
    const v = validate("73610555582883", "sf");
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/not a SF Express tracking number.*looks like ZTO Express/);
  });

  it("treats an unknown format as a warning (ok, no candidates), not a crash", () => {
    expect(validate("4309597495550")).toEqual({
      ok: true,
      normalized: "4309597495550",
      candidates: [],
      warning: '"4309597495550" matches no known tracking-number format',
    });
    // Yunda's php-demo number fits none of the public Yunda patterns: doubt, not refusal.
    expect(validate("3950055201640", "yunda")).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/Yunda Express's known formats/),
    });
    // A checksum failure in one of the courier's own formats is refused, strict or not.
    expect(validate("996578788855", "fedex").ok).toBe(false);
    expect(validate("3318810010", "dhl")).toMatchObject({ ok: false, problem: expect.stringMatching(/check digit/) });
    // Another courier's lettered number given for a lenient courier: refused.
    expect(validate("SF1385628716739", "zto")).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/looks like SF Express/),
    });
    expect(detectCouriers("hello world")).toEqual([]);
    expect(detectCouriers("")).toEqual([]);
  });

  it("refuses what cannot be a tracking number at all", () => {
    expect(validate("").problem).toBe("no tracking number");
    expect(validate("SF13856/28716739").problem).toMatch(/characters other than letters and digits/);
    expect(validate("SF1").problem).toMatch(/3 characters long/);
    expect(validate("A".repeat(51)).ok).toBe(false);
  });
});

// jkeen/tracking_number_data couriers/*.json test_numbers (reference/couriers.md §5.3).
const INTERNATIONAL: { courier: CourierCode; valid: string[]; invalid: string[] }[] = [
  {
    courier: "ups",
    valid: ["1Z5R89390357567127", "1Z879E930346834440", "1Z410E7W0392751591", "1Z8V92A70367203024"],
    invalid: ["2Z5R89390357567127", "1A5R89390357567127", "1Z1111111111111111"],
  },
  {
    courier: "fedex",
    valid: [
      "986578788855",
      "477179081230",
      "799531274483",
      "790535312317",
      " 7 9 0 5 3 5 3 1 2 3 1 7 ",
      "974367662710",
      "1001921334250001000300779017972697",
      "1001921380360001000300639585804382",
      "1001901781990001000300617767839437",
      "1002297871540001000300790695517286",
      "61299998820821171811",
      "9261292700768711948021",
      "0414 4176 0228 964",
      "5682 8361 0012 000",
      "5682 8361 0012 734",
      "00 0123 4500 0000 0027",
      "9611020987654312345672",
      "9622001900000000000000776632517510",
      "9622001560000000000000794808390594",
      "9622001560001234567100794808390594",
      "9632001560123456789900794808390594",
    ],
    invalid: [
      "996578788855",
      "1001901781990001000300617767839438",
      "9261292700768711948020",
      "5682 8361 0012 732",
      "000000000000000001",
      "9600000000000000000001",
      "9622001560001234567100794808390595",
      "9622001560001234567100794808390597",
    ],
  },
  {
    courier: "usps",
    valid: [
      "0307 1790 0005 2348 3741",
      "7112 3456 7891 2345 6787",
      "4201002334249200190132607600833457",
      "4201028200009261290113185417468510",
      "420 22153 9101026837331000039521",
      "7196 9010 7560 0307 7385",
      "9505 5110 6960 5048 6006 24",
      "9101 1234 5678 9000 0000 13",
      "92748931507708513018050063",
      "9400 1112 0108 0805 4830 16",
      "9361 2898 7870 0317 6337 95",
      "9405803699300124287899",
      "RB123456785US",
    ],
    invalid: [
      "0307 1790 0005 2348 3742",
      "4201028200009261290113185417468511",
      "9200000000000000000000",
      "420000000000000000000000000000",
      "420000009200000000000000000000",
    ],
  },
  {
    courier: "dhl",
    valid: [
      "3318810025",
      "73891051146",
      "8487135506",
      "1099255990",
      "3821724944",
      "3318810036",
      "3318810014",
      "JJD0099999999",
      "JVGL0999999990",
      "GM2951173225174494",
      "GM 2 9 5 117 32 25 1 7 44 9 4",
      "GM295117494011169042",
    ],
    invalid: ["3318810010", "3318810034", "3318810011", "XJD0099999998", "GS295117494011169041", "GR295117494011169045"],
  },
];

describe("UPS, FedEx, USPS, DHL (jkeen/tracking_number_data vectors)", () => {
  for (const { courier, valid, invalid } of INTERNATIONAL) {
    it(`${courier}: valid numbers are candidates; invalid ones are not`, () => {
      for (const n of valid) {
        expect(couriersOf(n), n).toContain(courier);
        expect(validate(n, courier).ok, n).toBe(true);
      }
      for (const n of invalid) {
        expect(couriersOf(n), n).not.toContain(courier);
        const v = validate(n, courier);
        if (STRICT_COURIERS.has(courier)) expect(v.ok, n).toBe(false);
        else expect(v.ok === false || v.warning !== undefined, n).toBe(true);
      }
    });
  }

  it("marks checksum matches as such", () => {
    expect(detectCouriers("1Z5R89390357567127")).toEqual([{ courier: "ups", confidence: "checksum", format: "ups_1z" }]);
    expect(detectCouriers("3318810025")[0]).toMatchObject({ courier: "dhl", confidence: "checksum" });
  });

  it("refuses a 1Z number with a wrong check digit even without a courier (a typo)", () => {
    expect(validate("1Z5R89390357567128")).toMatchObject({ ok: false, problem: expect.stringMatching(/check digit/) });
  });
});

describe("checksum primitives (hand-computed)", () => {
  it("mod10 with jkeen's letter values and index parity", () => {
    // UPS 1Z879E930346834440: serial 879E93034683444 (E counts (69 - 3) % 10 = 6), check digit 0.
    const serial = "879E93034683444";
    let total = 0;
    for (let i = 0; i < serial.length; i++) {
      const c = serial[i] as string;
      const v = /\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 3) % 10;
      total += i % 2 === 1 ? v * 2 : v;
    }
    const check = (10 - (total % 10)) % 10;
    expect(String(check)).toBe("0");
    expect(mod10Valid(serial, "0", 1, 2)).toBe(true);
    expect(mod10Valid(serial, "1", 1, 2)).toBe(false);
  });

  it("mod7 and sum-product", () => {
    expect(mod7Valid("331881002", "5")).toBe(331881002 % 7 === 5);
    expect(mod7Valid("331881002", String(331881002 % 7))).toBe(true);
    // FedEx 986578788855: serial 98657878885 weighted 3,1,7,... mod 11 mod 10 gives the last digit, 5.
    const digits = "98657878885";
    const w = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];
    const total = [...digits].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0);
    expect(sumProductValid(digits, String((total % 11) % 10), w, 11, 10)).toBe(true);
    expect(String((total % 11) % 10)).toBe("5");
  });
});
