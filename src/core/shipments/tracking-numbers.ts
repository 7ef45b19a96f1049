/**
 * Tracking numbers: normalization, validation against a courier's formats, and detection of the
 * couriers that could have issued a number. Detection returns candidates, never one guess:
 * Chinese domestic numbers are mostly bare digits with no public check digit and overlap freely
 * (reference/couriers.md §5.2), so a caller confirms with the courier or an aggregator.
 *
 * International formats and their checksums follow jkeen/tracking_number_data (MIT; §5.3): UPU S10
 * (weights 8,6,4,2,3,5,9,7 and a known issuing country), UPS 1Z (mod10), FedEx (sum-product mod 11
 * mod 10, mod10), USPS 20-digit and IMpb (mod10), DHL Express (mod7). Chinese formats are regexes
 * from BF-zh/Courier-Validation and public courier lists; they carry no checksum.
 */
import { type Message, msg } from "../i18n/index.js";
import { type CourierCode, courierName } from "./couriers.js";

export type TrackingConfidence = "checksum" | "pattern";

export interface CourierCandidate {
  courier: CourierCode;
  confidence: TrackingConfidence;
  /** The format that matched ("s10", "ups_1z", "sf", ...). */
  format: string;
}

export interface TrackingValidation {
  ok: boolean;
  normalized: string;
  /** Why the number cannot be right (set when ok is false). */
  problem?: Message;
  /** Couriers that could have issued it, most likely first (empty: an unknown format, a warning). */
  candidates: CourierCandidate[];
  /** Set when ok but doubtful: no known format matches (callers show it, they do not refuse the number). */
  warning?: Message;
}

type Checksum =
  | { name: "s10" }
  | { name: "mod10"; evensMultiplier: number; oddsMultiplier: number }
  | { name: "mod7" }
  | { name: "sum_product"; weightings: readonly number[]; modulo1: number; modulo2: number };

export interface TrackingFormat {
  id: string;
  /** Couriers that issue numbers of this format, most likely first. */
  couriers: readonly CourierCode[];
  /** Anchored; on a normalized number. Checksummed formats name the groups `serial` and `check`. */
  regex: RegExp;
  checksum?: Checksum;
  /** IMpb: the serial is checked with this prefix when it does not start with one already. */
  prependUnless?: { regex: RegExp; content: string };
  /**
   * Order among candidates, higher first: a checksum behind letters or a fixed prefix (5), a lettered
   * Chinese prefix (4), a Chinese digit prefix (3), a checksum on bare digits (2, one in 7 or 10
   * random numbers passes), bare digits of the right length (1).
   */
  rank: number;
  /** For messages: what a number of this format looks like. */
  shape: Message;
  /** Letters fix the format (S10, 1Z): a failed check digit is a typo, whatever the courier. */
  strict?: boolean;
}

const MOD10_3_1 = { name: "mod10", evensMultiplier: 3, oddsMultiplier: 1 } as const;
const MOD10_1_3 = { name: "mod10", evensMultiplier: 1, oddsMultiplier: 3 } as const;
const FEDEX_13 = { name: "sum_product", weightings: [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1], modulo1: 11, modulo2: 10 } as const;

export const TRACKING_FORMATS: readonly TrackingFormat[] = [
  // International postal (S10): the couriers are decided by the country and service letters below.
  {
    id: "s10",
    couriers: [
      "chinapost",
      "ems",
      "usps",
      "royalmail",
      "canadapost",
      "australiapost",
      "japanpost",
      "laposte",
      "correos",
      "postnl",
      "dhlpaket",
    ],
    regex: /^(?<service>[A-Z]{2})(?<serial>\d{8})(?<check>\d)(?<country>[A-Z]{2})$/,
    checksum: { name: "s10" },
    rank: 5,
    strict: true,
    shape: msg("tracking.shape.s10"),
  },
  {
    id: "ups_1z",
    couriers: ["ups"],
    regex: /^1Z(?<serial>[A-Z0-9]{15})(?<check>[A-Z0-9])$/,
    checksum: { name: "mod10", evensMultiplier: 1, oddsMultiplier: 2 },
    rank: 5,
    strict: true,
    shape: msg("tracking.shape.ups_1z"),
  },
  {
    id: "fedex_34",
    couriers: ["fedex"],
    regex: /^100\d{2}\d{10}\d{5}(?<serial>\d{13})(?<check>\d)$/,
    checksum: FEDEX_13,
    rank: 5,
    shape: msg("tracking.shape.fedex_34"),
  },
  {
    id: "fedex_ground_96",
    couriers: ["fedex"],
    regex: /^96\d{2}\d{3}(?<serial>\d{14})(?<check>\d)$/,
    checksum: MOD10_1_3,
    rank: 5,
    shape: msg("tracking.shape.fedex_ground_96"),
  },
  {
    id: "fedex_ground_gsn",
    couriers: ["fedex"],
    regex: /^96\d{2}\d{5}\d{10}\d(?<serial>\d{13})(?<check>\d)$/,
    checksum: FEDEX_13,
    rank: 5,
    shape: msg("tracking.shape.fedex_ground_gsn"),
  },
  {
    id: "usps_34v2",
    couriers: ["usps"],
    regex: /^420\d{5}\d{4}(?<serial>(?:9[2-5])?\d{8}\d{11})(?<check>\d)$/,
    checksum: MOD10_3_1,
    rank: 5,
    shape: msg("tracking.shape.usps_34v2"),
  },
  {
    id: "usps_impb",
    couriers: ["usps"],
    regex: /^(?:420\d{5})?(?<serial>(?:9[1-5])?\d{2}\d{2}\d{8}(?:\d{11}|\d{7}))(?<check>\d)$/,
    checksum: MOD10_3_1,
    prependUnless: { regex: /^9[1-5]/, content: "91" },
    rank: 5,
    shape: msg("tracking.shape.usps_impb"),
  },
  // Chinese couriers with letters: distinctive, no checksum.
  { id: "sf", couriers: ["sf"], regex: /^SF[A-Z0-9]\d{12}$/, rank: 4, shape: msg("tracking.shape.sf") },
  {
    id: "jd",
    couriers: ["jd"],
    regex: /^JD(?:[XK]\d{12}|V[A-Z]\d{11}|[A-Z0-9]{2}\d{11})$/,
    rank: 4,
    shape: msg("tracking.shape.jd"),
  },
  { id: "yto", couriers: ["yto"], regex: /^YT\d{13}$/, rank: 4, shape: msg("tracking.shape.yto") },
  { id: "yunexpress", couriers: ["yunexpress"], regex: /^YT\d{16}$/, rank: 4, shape: msg("tracking.shape.yunexpress") },
  { id: "jtexpress", couriers: ["jtexpress"], regex: /^JT\d{12,13}$/, rank: 4, shape: msg("tracking.shape.jtexpress") },
  { id: "deppon", couriers: ["deppon"], regex: /^DPK\d{12}$/, rank: 4, shape: msg("tracking.shape.deppon") },
  {
    id: "chinapost_parcel",
    couriers: ["chinapost", "ems"],
    regex: /^P[A-Z]\d{11}$/,
    rank: 4,
    shape: msg("tracking.shape.chinapost_parcel"),
  },
  // Chinese couriers, digits with a known prefix.
  { id: "zto", couriers: ["zto"], regex: /^7[3-68]\d{12}$/, rank: 3, shape: msg("tracking.shape.zto") },
  {
    id: "sto",
    couriers: ["sto"],
    regex: /^(?:(?:77|43)\d{12,15}|(?:88|99)\d{13})$/,
    rank: 3,
    shape: msg("tracking.shape.sto"),
  },
  {
    id: "yunda",
    couriers: ["yunda"],
    regex: /^(?:[34]\d{14}|5\d{12})$/,
    rank: 3,
    shape: msg("tracking.shape.yunda"),
  },
  {
    id: "ems",
    couriers: ["ems", "chinapost"],
    regex: /^(?:10|11|12|50|51|52|95|97|98|99)\d{11}$/,
    rank: 3,
    shape: msg("tracking.shape.ems"),
  },
  { id: "chinapost", couriers: ["chinapost", "ems"], regex: /^[981]\d{12}$/, rank: 3, shape: msg("tracking.shape.chinapost") },
  // couriers.md §4.4 (BF-zh CN.ts, secondary): which Cainiao service issues them is not said.
  { id: "cainiao", couriers: ["cainiao", "cainiaodirect"], regex: /^621\d{12}$/, rank: 3, shape: msg("tracking.shape.cainiao") },
  // Checksums on bare digits.
  {
    id: "fedex_express_12",
    couriers: ["fedex"],
    regex: /^(?<serial>\d{11})(?<check>\d)$/,
    checksum: { name: "sum_product", weightings: [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1], modulo1: 11, modulo2: 10 },
    rank: 2,
    shape: msg("tracking.shape.fedex_express_12"),
  },
  {
    id: "fedex_ground_15",
    couriers: ["fedex"],
    regex: /^(?<serial>\d{14})(?<check>\d)$/,
    checksum: MOD10_1_3,
    rank: 2,
    shape: msg("tracking.shape.fedex_ground_15"),
  },
  {
    id: "fedex_sscc18",
    couriers: ["fedex"],
    regex: /^\d{2}(?<serial>\d{15})(?<check>\d)$/,
    checksum: MOD10_3_1,
    rank: 2,
    shape: msg("tracking.shape.fedex_sscc18"),
  },
  {
    // FedEx SmartPost / Ground Economy: an IMpb serial checked with "92" in front; USPS delivers
    // them, and 22-digit 92... numbers are USPS IMpb as well (usps_impb, listed first).
    id: "fedex_smartpost",
    couriers: ["fedex"],
    regex: /^(?:92)?(?<serial>\d{19})(?<check>\d)$/,
    checksum: MOD10_3_1,
    prependUnless: { regex: /^92/, content: "92" },
    rank: 2,
    shape: msg("tracking.shape.fedex_smartpost"),
  },
  {
    id: "usps_20",
    couriers: ["usps"],
    regex: /^(?<serial>\d{19})(?<check>\d)$/,
    checksum: MOD10_3_1,
    rank: 2,
    shape: msg("tracking.shape.usps_20"),
  },
  {
    id: "dhl_express",
    couriers: ["dhl"],
    regex: /^(?<serial>\d{9,10})(?<check>\d)$/,
    checksum: { name: "mod7" },
    rank: 2,
    shape: msg("tracking.shape.dhl_express"),
  },
  { id: "dhl_piece_id", couriers: ["dhl"], regex: /^J[A-Z]{2,3}\d{9,10}$/, rank: 4, shape: msg("tracking.shape.dhl_piece_id") },
  {
    id: "dhl_ecommerce",
    couriers: ["dhl"],
    regex: /^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)\d{10,39}$/,
    rank: 4,
    shape: msg("tracking.shape.dhl_ecommerce"),
  },
  // SF's older numbers: 12 bare digits, nothing else to go on.
  { id: "sf_legacy", couriers: ["sf"], regex: /^\d{12}$/, rank: 1, shape: msg("tracking.shape.sf_legacy") },
];

// ISO 3166-1 alpha-2, officially assigned codes: an S10 number names its issuing postal operator
// by country, and "XX" or "ZZ" names none.
const ISO_3166_ALPHA2 = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
    "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
    "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
    "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
    "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

export function isS10CountryCode(code: string): boolean {
  return ISO_3166_ALPHA2.has(code);
}

const IGNORED_SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/g;

/** Trimmed, NFKC (full-width ＳＦ１２３ -> SF123), uppercase, spaces and dashes removed. */
export function normalizeTrackingNumber(raw: string): string {
  return raw.normalize("NFKC").toUpperCase().replace(IGNORED_SEPARATORS, "");
}

/** The S10 check digit of an 8-digit serial number. */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let total = 0;
  for (let i = 0; i < 8; i++) total += Number(serial[i]) * (weights[i] as number);
  const r = total % 11;
  return r === 0 ? 5 : r === 1 ? 0 : 11 - r;
}

/** jkeen mod10: letters count (ord - 3) % 10; multipliers by 0-based index parity. */
export function mod10Valid(serial: string, check: string, evensMultiplier: number, oddsMultiplier: number): boolean {
  let total = 0;
  for (let i = 0; i < serial.length; i++) {
    const c = serial.charCodeAt(i);
    let x = c >= 48 && c <= 57 ? c - 48 : (c - 3) % 10;
    x *= i % 2 === 1 ? oddsMultiplier : evensMultiplier;
    total += x;
  }
  const r = total % 10;
  return (r === 0 ? 0 : 10 - r) === Number(check);
}

export function mod7Valid(serial: string, check: string): boolean {
  return Number(BigInt(serial) % 7n) === Number(check);
}

export function sumProductValid(serial: string, check: string, weightings: readonly number[], modulo1: number, modulo2: number): boolean {
  let total = 0;
  for (let i = 0; i < serial.length && i < weightings.length; i++) total += Number(serial[i]) * (weightings[i] as number);
  return (total % modulo1) % modulo2 === Number(check);
}

type Match = { format: TrackingFormat; checksum: "passed" | "failed" | "none"; couriers: readonly CourierCode[] };

/** Why a strict format failed: the check digit, or (S10) an issuing country that does not exist. */
function failureReason(format: TrackingFormat, normalized: string): Message {
  const m = format.regex.exec(normalized);
  const country = m?.groups?.country;
  if (format.id === "s10" && country && !isS10CountryCode(country)) {
    return msg("tracking.not_a_country", { number: normalized, country });
  }
  return msg("tracking.bad_check_digit", { number: normalized, shape: format.shape });
}

function checksumPasses(format: TrackingFormat, groups: Record<string, string>): boolean {
  const cs = format.checksum;
  if (!cs) return true;
  let serial = groups.serial ?? "";
  const check = groups.check ?? "";
  if (format.prependUnless && !format.prependUnless.regex.test(serial)) serial = format.prependUnless.content + serial;
  switch (cs.name) {
    case "s10":
      return /^\d$/.test(check) && s10CheckDigit(serial) === Number(check) && isS10CountryCode(groups.country ?? "");
    case "mod10":
      return /^\d$/.test(check) && mod10Valid(serial, check, cs.evensMultiplier, cs.oddsMultiplier);
    case "mod7":
      return mod7Valid(serial, check);
    case "sum_product":
      return sumProductValid(serial, check, cs.weightings, cs.modulo1, cs.modulo2);
  }
}

/**
 * The postal operator an S10 number's country names (UPU S10: the last two letters are the issuing
 * operator's country), for the operators we know as couriers.
 */
const S10_OPERATORS: Readonly<Record<string, CourierCode>> = {
  US: "usps",
  GB: "royalmail",
  CA: "canadapost",
  AU: "australiapost",
  JP: "japanpost",
  FR: "laposte",
  ES: "correos",
  NL: "postnl",
  DE: "dhlpaket",
};

/** Postal operators: an S10 number issued by another country's post travels on with them (the destination's leg). */
export const POSTAL_COURIERS: ReadonlySet<CourierCode> = new Set<CourierCode>(["chinapost", "ems", ...Object.values(S10_OPERATORS)]);

/** S10 couriers by issuing country and service: China's EMS letters (E*) go to EMS first. */
function s10Couriers(groups: Record<string, string>): CourierCode[] {
  const country = groups.country ?? "";
  if (country === "CN") return groups.service?.startsWith("E") ? ["ems", "chinapost"] : ["chinapost", "ems"];
  const operator = S10_OPERATORS[country];
  return operator ? [operator] : [];
}

function matchFormats(normalized: string): Match[] {
  const matches: Match[] = [];
  for (const format of TRACKING_FORMATS) {
    const m = format.regex.exec(normalized);
    if (!m) continue;
    const groups = (m.groups ?? {}) as Record<string, string>;
    const checksum = format.checksum ? (checksumPasses(format, groups) ? "passed" : "failed") : "none";
    const couriers = format.id === "s10" ? s10Couriers(groups) : format.couriers;
    matches.push({ format, checksum, couriers });
  }
  return matches;
}

function candidatesOf(matches: readonly Match[], prefer: readonly CourierCode[]): CourierCandidate[] {
  const usable = matches.filter((m) => m.checksum !== "failed");
  const ranked = usable
    .flatMap((m, order) =>
      m.couriers.map((courier, within) => ({
        candidate: { courier, confidence: m.checksum === "passed" ? "checksum" : "pattern", format: m.format.id } as CourierCandidate,
        preferred: prefer.includes(courier) ? 0 : 1,
        rank: m.format.rank,
        order,
        within,
      })),
    )
    .sort((a, b) => a.preferred - b.preferred || b.rank - a.rank || a.order - b.order || a.within - b.within);
  const seen = new Set<CourierCode>();
  const result: CourierCandidate[] = [];
  for (const r of ranked) {
    if (seen.has(r.candidate.courier)) continue;
    seen.add(r.candidate.courier);
    result.push(r.candidate);
  }
  return result;
}

export interface DetectOptions {
  /** Couriers the store actually uses: listed first when they match at all. */
  prefer?: readonly CourierCode[];
}

/**
 * Couriers that could have issued `raw`, most likely first; [] for an unknown format (callers
 * warn, they do not fail). A checksum match says "checksum", a format match "pattern".
 */
export function detectCouriers(raw: string, options: DetectOptions = {}): CourierCandidate[] {
  return candidatesOf(matchFormats(normalizeTrackingNumber(raw)), options.prefer ?? []);
}

const ALLOWED = /^[A-Z0-9]+$/;

/**
 * Couriers whose every current number fits a format above (letters in front, or a checksum):
 * anything else given for them is malformed. Other couriers (ZTO, STO, Yunda, YTO's older numbers,
 * EMS, China Post, FedEx, USPS, DHL) issue formats no public list covers, so a mismatch is a warning.
 */
export const STRICT_COURIERS: ReadonlySet<CourierCode> = new Set<CourierCode>(["sf", "jd", "jtexpress", "deppon", "ups", "yunexpress"]);
export const MIN_TRACKING_LENGTH = 5;
export const MAX_TRACKING_LENGTH = 50;

/** " (expected A, or B)": up to two of the formats a courier issues, or nothing when none is known. */
function expectedShapes(courier: CourierCode): Message | string {
  const [a, b] = TRACKING_FORMATS.filter((f) => f.couriers.includes(courier)).map((f) => f.shape);
  if (!a) return "";
  return b ? msg("tracking.expected_two", { a, b }) : msg("tracking.expected_one", { a });
}

/**
 * Is `raw` a tracking number (of `courier`, when given)? Without a courier any plausible number is
 * ok, with its candidates (none: ok with a warning). With one, the number should match one of that
 * courier's formats: a failed check digit in one of them, another courier's lettered format, or any
 * mismatch for a STRICT_COURIERS courier is refused; other mismatches are ok with a warning. A number
 * whose letters fix its format (S10, 1Z) but whose check digit is wrong is refused either way.
 */
/** Services that print their parent's waybills: 顺丰快运 and 顺丰国际 SF numbers, 京东快运 JD ones. */
const WAYBILLS_OF: Readonly<Partial<Record<CourierCode, CourierCode>>> = { sffreight: "sf", sfintl: "sf", jdfreight: "jd" };

export function validateTrackingNumber(raw: string, service?: CourierCode): TrackingValidation {
  // Checked against the formats of the courier whose waybills the service prints.
  const courier = service === undefined ? undefined : (WAYBILLS_OF[service] ?? service);
  const normalized = normalizeTrackingNumber(raw);
  if (normalized === "") return { ok: false, normalized, problem: msg("tracking.none"), candidates: [] };
  if (!ALLOWED.test(normalized)) {
    return { ok: false, normalized, problem: msg("tracking.bad_characters", { raw: raw.trim() }), candidates: [] };
  }
  if (normalized.length < MIN_TRACKING_LENGTH || normalized.length > MAX_TRACKING_LENGTH) {
    return {
      ok: false,
      normalized,
      problem: msg("tracking.bad_length", {
        number: normalized,
        length: normalized.length,
        min: MIN_TRACKING_LENGTH,
        max: MAX_TRACKING_LENGTH,
      }),
      candidates: [],
    };
  }
  const matches = matchFormats(normalized);
  const candidates = candidatesOf(matches, courier ? [courier] : []);
  if (!courier) {
    const typo = matches.find((m) => m.checksum === "failed" && m.format.strict);
    if (candidates.length === 0 && typo) return { ok: false, normalized, problem: failureReason(typo.format, normalized), candidates };
    if (candidates.length === 0)
      return { ok: true, normalized, candidates, warning: msg("tracking.no_known_format", { number: normalized }) };
    return { ok: true, normalized, candidates };
  }
  if (candidates.some((c) => c.courier === courier)) return { ok: true, normalized, candidates };
  // An S10 number issued by another country's post still travels with the destination's post.
  const s10 = matches.find((m) => m.format.id === "s10" && m.checksum === "passed");
  if (s10 && POSTAL_COURIERS.has(courier)) return { ok: true, normalized, candidates };
  const names = { name: courierName(service ?? courier) };
  const own = matches.find((m) => m.format.couriers.includes(courier) && m.checksum === "failed");
  if (own)
    return {
      ok: false,
      normalized,
      problem: msg("tracking.for_courier", { problem: failureReason(own.format, normalized), ...names }),
      candidates,
    };
  const other = candidates[0];
  const otherMatch = other && matches.find((m) => m.format.id === other.format);
  const about = {
    number: normalized,
    ...names,
    expected: expectedShapes(courier),
    looksLike: other ? msg("tracking.looks_like", { name: courierName(other.courier) }) : "",
  };
  // A number in another courier's lettered format, or a courier whose formats we know completely: refused.
  // A service is strict only by itself: its parent's formats may not be all it prints.
  if ((otherMatch && otherMatch.format.rank >= 4) || STRICT_COURIERS.has(service ?? courier)) {
    return { ok: false, normalized, problem: msg("tracking.not_courier_number", about), candidates };
  }
  // Bare-digit couriers have formats no public list covers: doubt, not refusal.
  return { ok: true, normalized, candidates, warning: msg("tracking.matches_none", about) };
}
