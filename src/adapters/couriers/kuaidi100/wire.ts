/**
 * Kuaidi100's wire vocabulary (couriers.md §1): the query signature, the `com` company codes for our
 * courier codes, and the `state` / advanced `statusCode` values mapped to the normalized status model
 * (§6.2). Pure: no I/O, so the fake and the tests can use the same tables as references to check against.
 */

import { createHash } from "node:crypto";
import { z } from "zod";
import type { CourierCode } from "../../../core/shipments/couriers.js";
import type { ShipmentStatus } from "../../courier.js";

/** sign = UPPER(hex(MD5(param + key + customer))), no separators (§1.1). */
export function querySign(param: string, key: string, customer: string): string {
  return createHash("md5")
    .update(param + key + customer, "utf8")
    .digest("hex")
    .toUpperCase();
}

/**
 * Our courier code -> Kuaidi100 `com` (java-demo CompanyConstant and the codes seen in §1.3). Couriers
 * without a code in the reference (YunExpress, 丰网, 众邮, 4PX, Royal Mail ...) are left out: Kuaidi100
 * then says it cannot track them, rather than querying a guessed code.
 */
export const KUAIDI100_COM: Readonly<Partial<Record<CourierCode, string>>> = {
  sf: "shunfeng",
  jd: "jd",
  zto: "zhongtong",
  yto: "yuantong",
  sto: "shentong",
  yunda: "yunda",
  ems: "ems",
  chinapost: "youzhengguonei",
  jtexpress: "jtexpress",
  deppon: "debangkuaidi",
  ups: "ups",
  fedex: "fedex",
  usps: "usps",
  dhl: "dhl",
  best: "huitongkuaidi",
  sffreight: "shunfengkuaiyun",
};

/** Kuaidi100 `com` -> our courier code, including the service variants autonumber may suggest. */
export const COURIER_OF_COM: Readonly<Record<string, CourierCode>> = {
  ...(Object.fromEntries(Object.entries(KUAIDI100_COM).map(([ours, com]) => [com, ours])) as Record<string, CourierCode>),
  shunfenglengyun: "sf",
  zhongtongkuaiyun: "zto",
};

/** Companies whose queries need the sender's or recipient's phone (or its last 4 digits) (§1.1). */
export const PHONE_REQUIRED_COMS: ReadonlySet<string> = new Set(["shunfeng", "shunfengkuaiyun", "shunfenglengyun", "zhongtong"]);

interface CodeMeaning {
  status: ShipmentStatus;
  /** The main `state` an advanced statusCode belongs to. */
  group: string;
}

/**
 * Main `state` values and the advanced `statusCode` values of resultv2=4 (§1.2), mapped per §6.2:
 * picked-up and customs fold into in_transit; 201/202 (overdue, no update) are expired; 204/206 are failed
 * attempts; the other 疑难 codes, 13 (customs problem) and 14 (refused) are exceptions.
 */
const CODES: Readonly<Record<string, CodeMeaning>> = {
  "0": { status: "in_transit", group: "0" },
  "1001": { status: "in_transit", group: "0" },
  "1002": { status: "in_transit", group: "0" },
  "1003": { status: "in_transit", group: "0" },
  "1": { status: "in_transit", group: "1" },
  "101": { status: "info_received", group: "1" },
  "102": { status: "info_received", group: "1" },
  "103": { status: "in_transit", group: "1" },
  "2": { status: "exception", group: "2" },
  "201": { status: "expired", group: "2" },
  "202": { status: "expired", group: "2" },
  "203": { status: "exception", group: "2" },
  "204": { status: "failed_attempt", group: "2" },
  "205": { status: "exception", group: "2" },
  "206": { status: "failed_attempt", group: "2" },
  "207": { status: "exception", group: "2" },
  "208": { status: "exception", group: "2" },
  "209": { status: "exception", group: "2" },
  "210": { status: "exception", group: "2" },
  "3": { status: "delivered", group: "3" },
  "301": { status: "delivered", group: "3" },
  "302": { status: "delivered", group: "3" },
  "303": { status: "delivered", group: "3" },
  "304": { status: "delivered", group: "3" },
  "4": { status: "returned", group: "4" },
  "401": { status: "returned", group: "4" },
  "5": { status: "out_for_delivery", group: "5" },
  "501": { status: "available_for_pickup", group: "5" },
  "6": { status: "returning", group: "6" },
  "7": { status: "in_transit", group: "7" },
  "8": { status: "in_transit", group: "8" },
  "10": { status: "in_transit", group: "8" },
  "11": { status: "in_transit", group: "8" },
  "12": { status: "in_transit", group: "8" },
  "13": { status: "exception", group: "8" },
  "14": { status: "exception", group: "14" },
};

/** Every code the table knows, for tests and the fake. */
export const KNOWN_STATUS_CODES: readonly string[] = Object.keys(CODES);

export function statusOfCode(code: string | undefined): ShipmentStatus | undefined {
  return code === undefined ? undefined : CODES[code.trim()]?.status;
}

function groupOf(code: string | undefined): string | undefined {
  return code === undefined ? undefined : CODES[code.trim()]?.group;
}

/** The per-event status names of resultv2>=1, for events that carry a name but no code. */
const NAMES: ReadonlyArray<[RegExp, ShipmentStatus]> = [
  [/退签|已退回|退回签收/, "returned"],
  [/退回/, "returning"],
  [/拒签|拒收/, "exception"],
  [/签收/, "delivered"],
  [/待取|驿站|投柜|自提/, "available_for_pickup"],
  [/派件|派送/, "out_for_delivery"],
  [/疑难|异常|破损|滞留/, "exception"],
  [/揽收|揽件|收件/, "in_transit"],
  [/在途|运输|到达|离开|转运|转投|清关|干线/, "in_transit"],
  [/下单|待揽/, "info_received"],
];

export function statusOfName(name: string | undefined): ShipmentStatus | undefined {
  if (!name) return undefined;
  for (const [pattern, status] of NAMES) if (pattern.test(name)) return status;
  return undefined;
}

/**
 * The shipment's status from the answer's main `state`, refined by the newest event's advanced code
 * when that code belongs to the same main state (state 5 with event code 501 is a parcel in a locker);
 * `ischeck = "1"` means signed, which only a return flow or an exception can override.
 */
export function overallStatus(state: string | undefined, latestCode: string | undefined, ischeck: string | undefined): ShipmentStatus {
  let status = statusOfCode(state) ?? statusOfCode(latestCode) ?? "pending";
  if (latestCode !== undefined && state !== undefined && groupOf(latestCode) === groupOf(state)) {
    status = statusOfCode(latestCode) ?? status;
  }
  if (ischeck === "1" && !["returned", "returning", "exception"].includes(status)) status = "delivered";
  return status;
}

// --- answer shapes, checked before use (adapters/wire-schema.ts): strict on what we read, loose on the rest.
const codeText = z.union([z.string(), z.number()]).transform(String).optional();
/** A success answer of /poll/query.do: events newest first, each with its time and text. */
export const queryAnswerSchema = z.looseObject({
  state: codeText,
  ischeck: codeText,
  data: z
    .array(
      z.looseObject({
        time: z.string(),
        ftime: z.string().optional(),
        context: z.string(),
        status: z.string().optional(),
        statusCode: codeText,
      }),
    )
    .optional(),
});
