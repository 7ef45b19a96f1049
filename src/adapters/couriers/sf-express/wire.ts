/**
 * SF Express (顺丰开放平台) wire vocabulary (couriers.md §4): the msgDigest signature with Java URLEncoder
 * semantics, the gateway (apiResultCode) and business (errorCode) codes, and the route opCodes / status
 * codes mapped to the normalized status model (§6.2). Pure, so tests can check it against vectors.
 */

import { createHash } from "node:crypto";
import { z } from "zod";
import type { ShipmentStatus } from "../../courier.js";

const UNRESERVED = /[A-Za-z0-9.\-*_]/;

/**
 * java.net.URLEncoder.encode(text, "UTF-8"): letters, digits and `. - * _` stay, a space becomes `+`,
 * every other UTF-8 byte becomes %XX in upper case. A lone surrogate becomes "?" (%3F), as Java's
 * UTF-8 encoder replaces malformed input. encodeURIComponent differs (%20, and it keeps ! ' ( ) ~).
 */
export function javaUrlEncode(text: string): string {
  let out = "";
  for (const char of text) {
    if (char === " ") out += "+";
    else if (UNRESERVED.test(char)) out += char;
    else {
      const code = char.codePointAt(0) ?? 0;
      const isLoneSurrogate = code >= 0xd800 && code <= 0xdfff;
      for (const byte of Buffer.from(isLoneSurrogate ? "?" : char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

/** msgDigest = Base64(MD5(URLEncoder.encode(msgData + timestamp + checkWord, "UTF-8"))) (§4.2). */
export function msgDigest(msgData: string, timestamp: string, checkWord: string): string {
  return createHash("md5")
    .update(javaUrlEncode(msgData + timestamp + checkWord), "utf8")
    .digest("base64");
}

export const SF_SERVICE_ROUTES = "EXP_RECE_SEARCH_ROUTES";
/** Most numbers one route query may carry; more -> business error 8003 (§4.1, §4.3). */
export const SF_MAX_NUMBERS = 10;
/** Per interface, in the 丰桥 test environment (§4.1 A1005). */
export const SF_CALLS_PER_SECOND = 30;

/** Gateway codes (§4.1). */
export const SF_GATEWAY = {
  ok: "A1000",
  badRequest: "A1001",
  tokenExpired: "A1002",
  ipNotAllowed: "A1003",
  noPermission: "A1004",
  rateLimited: "A1005",
  badSignature: "A1006",
  duplicate: "A1007",
  decryptFailed: "A1008",
  targetFailed: "A1009",
  sandbox: "A1010",
  systemError: "A1099",
} as const;

/** Business codes of the route query (§4.1). */
export const SF_BUSINESS = { ok: "S0000", tooManyNumbers: "8003", noNumber: "8013", invalidWaybill: "8247" } as const;

export interface SfRoute {
  acceptTime?: string;
  acceptAddress?: string;
  remark?: string;
  opCode?: string | number;
  reasonCode?: string | number;
  firstStatusCode?: string | number;
  firstStatusName?: string;
  secondaryStatusCode?: string | number;
  secondaryStatusName?: string;
}

/** opCode -> status (§4.3 table, triangulated): picked up and hub scans are in transit. */
const OP_CODES: Readonly<Record<string, ShipmentStatus>> = {
  "50": "in_transit",
  "54": "in_transit",
  "30": "in_transit",
  "31": "in_transit",
  "310": "in_transit",
  "36": "in_transit",
  "105": "in_transit",
  "106": "in_transit",
  "44": "in_transit",
  "204": "out_for_delivery",
  "125": "available_for_pickup",
  "642": "available_for_pickup",
  "70": "failed_attempt",
  "80": "delivered",
  "8000": "delivered",
  "631": "returned",
  "648": "returning",
  "99": "exception",
};

/** secondaryStatusCode -> status (eagle1 statusCodeMap): 204/205 are customs, in transit for us. */
const SECONDARY_CODES: Readonly<Record<string, ShipmentStatus>> = {
  "101": "in_transit",
  "201": "in_transit",
  "204": "in_transit",
  "205": "in_transit",
  "301": "out_for_delivery",
  "1301": "failed_attempt",
  "401": "delivered",
};

const FIRST_STATUS_NAMES: Readonly<Record<string, ShipmentStatus>> = {
  已揽收: "in_transit",
  运送中: "in_transit",
  派送中: "out_for_delivery",
  已签收: "delivered",
};

/** Remark texts, the fallback when a route carries no code we know. */
const REMARKS: ReadonlyArray<[RegExp, ShipmentStatus]> = [
  [/已退回|退回成功/, "returned"],
  [/退回|转寄退回/, "returning"],
  [/拒收|遗失|破损|销毁/, "exception"],
  [/签收|已妥投/, "delivered"],
  [/丰巢|快递柜|驿站|待取件|自取/, "available_for_pickup"],
  [/派送失败|无人|未能派送|滞留/, "failed_attempt"],
  [/派送|派件/, "out_for_delivery"],
  [/收件|揽收|分拣|到达|离开|发往|运输|清关|转运/, "in_transit"],
];

/** Every opCode and secondary code the tables know, for tests and the fake. */
export const KNOWN_OP_CODES: readonly string[] = Object.keys(OP_CODES);
export const KNOWN_SECONDARY_CODES: readonly string[] = Object.keys(SECONDARY_CODES);

const str = (v: string | number | undefined): string | undefined => (v === undefined || v === null ? undefined : String(v).trim());

/** opCodes more precise than any status name SF sends with them (a locker, a failed attempt, a return). */
const SPECIFIC_OP_CODES = new Set(["70", "125", "642", "631", "648", "99"]);

/**
 * One route's status: the opCodes whose reasonCode turns them around first (8000 + 6 lost, 8000 + 2
 * destroyed, 99 + 2 returned), then the specific opCodes, the secondary code, the first status name,
 * the other opCodes, and the remark text last.
 */
export function routeStatus(route: SfRoute): ShipmentStatus {
  const op = str(route.opCode);
  const reason = str(route.reasonCode);
  if (op === "8000" && (reason === "6" || reason === "2")) return "exception";
  if (op === "99" && reason === "2") return "returned";
  if (op !== undefined && SPECIFIC_OP_CODES.has(op)) return OP_CODES[op] ?? "exception";
  const secondary = SECONDARY_CODES[str(route.secondaryStatusCode) ?? ""];
  if (secondary) return secondary;
  const first = FIRST_STATUS_NAMES[(route.firstStatusName ?? "").trim()];
  if (first) return first;
  const byOp = OP_CODES[op ?? ""];
  if (byOp) return byOp;
  for (const [pattern, status] of REMARKS) if (pattern.test(route.remark ?? "")) return status;
  return "in_transit";
}

// --- answer shapes, checked before use (adapters/wire-schema.ts): strict on what we read, loose on the rest.
const code = z.union([z.string(), z.number()]).optional();
const routeSchema = z.looseObject({ acceptTime: z.string(), remark: z.string().optional(), opCode: code });
/** apiResultData once decoded: `{success, errorCode, errorMsg, msgData:{routeResps:[{mailNo, routes}]}}`. */
export const businessResultSchema = z.looseObject({
  success: z.boolean(),
  errorCode: z.string().nullish(),
  errorMsg: z.string().nullish(),
  msgData: z.looseObject({ routeResps: z.array(z.looseObject({ mailNo: z.string(), routes: z.array(routeSchema).nullish() })) }).nullish(),
});
