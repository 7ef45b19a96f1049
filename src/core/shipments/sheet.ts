/**
 * The warehouse sheet: one row per parcel (or per parcel line) saying which order left with which
 * courier under which tracking number, optionally with SKUs and quantities, the shipping time and
 * the destination province. Headers may be Simplified or Traditional Chinese or English; courier
 * names anything resolveCourier knows.
 *
 * Rows stay arrays of cells and columns are found by index: no object is ever keyed by a user's
 * header. Every problem names the file, row and column. Rows of one parcel with several SKUs
 * (same order, courier and tracking number, each with a SKU) become one shipment with several
 * lines; any other repeat of a tracking number is an error.
 */
import { headerKey } from "../attributes/normalize.js";
import { type Cell, cellText, identifierCell, RESERVED_KEYS } from "../catalog/text.js";
import { InputError, type InputLocation } from "../errors.js";
import { type Localized, localized, type Message, msg } from "../i18n/index.js";
import { isProblem, parseDateTime, parseInteger } from "../values.js";
import { type CourierCode, courierChoiceList, courierCodeList, courierName, resolveCourier } from "./couriers.js";
import { type CourierCandidate, validateTrackingNumber } from "./tracking-numbers.js";

export type SheetColumn =
  | "orderNumber"
  | "courier"
  | "courierName"
  | "trackingNumber"
  | "trackingUrl"
  | "orderItemId"
  | "sku"
  | "quantity"
  | "shippedAt"
  | "destination";

interface SheetColumnSpec {
  required: boolean;
  headers: readonly string[];
  /**
   * Headers that win over `headers` when a sheet has both: an ERP export names its own number
   * 订单编号 and the platform's 原始单号 / 线上订单号, and the store knows the platform's.
   */
  preferred?: readonly string[];
}

/**
 * Header synonyms per column (compared by headerKey: case, width, spaces, "_" and "-" ignored), as
 * the platforms' bulk-ship templates and the shipping tools' exports name them (fixtures/shipments/README.md).
 */
export const SHEET_COLUMNS: Readonly<Record<SheetColumn, SheetColumnSpec>> = {
  orderNumber: {
    required: true,
    headers: [
      "order number",
      "order no",
      "order #",
      "order",
      "order id",
      "order name",
      "订单号",
      "订单编号",
      "订单",
      "订单id",
      "订单编码",
      "訂單編號",
      "訂單號",
      "訂單",
    ],
    preferred: [
      "外部订单号",
      "线上订单号",
      "原始单号",
      "平台单号",
      "平台订单号",
      "主订单编号",
      "主订单号",
      "平台订单编号",
      "線上訂單號",
      "原始單號",
    ],
  },
  courier: {
    required: true,
    headers: [
      "courier",
      "carrier",
      "carrier code",
      "courier code",
      "shipping carrier",
      "shipping carrier used",
      "shipping company",
      "logistics company",
      "tracking company",
      "shipment carrier",
      "快递公司",
      "物流公司",
      "快递",
      "承运商",
      "承运公司",
      "配送公司",
      "快递公司编码",
      "物流公司编码",
      "快遞公司",
      "物流",
      "快遞",
    ],
  },
  // Amazon's carrier-name: read only when carrier-code says Other (or is empty); alone, it is the courier.
  courierName: {
    required: false,
    headers: ["carrier name", "courier name", "other carrier", "快递公司名称", "物流公司名称", "快遞公司名稱", "物流公司名稱"],
  },
  trackingNumber: {
    required: true,
    headers: [
      "tracking number",
      "tracking no",
      "tracking #",
      "tracking",
      "tracking code",
      "tracking id",
      "shipment tracking number",
      "waybill",
      "waybill number",
      "awb",
      "运单号",
      "快递单号",
      "物流单号",
      "运单编号",
      "运单号码",
      "快递单号码",
      "物流单号码",
      "面单号",
      "电子面单号",
      "運單號",
      "快遞單號",
      "物流單號",
      "運單編號",
    ],
  },
  trackingUrl: { required: false, headers: ["tracking url", "tracking link", "物流链接", "查件链接", "物流鏈接"] },
  orderItemId: { required: false, headers: ["order item id", "订单商品编号"] },
  sku: {
    required: false,
    headers: [
      "sku",
      "skus",
      "item sku",
      "seller sku",
      "商家编码",
      "商品编码",
      "商家編碼",
      "货号",
      "貨號",
      "sku编码",
      "规格编码",
      "商家sku",
    ],
  },
  quantity: {
    required: false,
    headers: ["quantity", "qty", "item qty", "item quantity", "quantity shipped", "数量", "數量", "发货数量", "發貨數量"],
  },
  shippedAt: {
    required: false,
    headers: [
      "shipped at",
      "shipped",
      "ship date",
      "shipped date",
      "date shipped",
      "date - shipped date",
      "shipping time",
      "shipped time",
      "发货时间",
      "發貨時間",
      "发货日期",
      "發貨日期",
      "出库时间",
    ],
  },
  destination: {
    required: false,
    headers: [
      "region",
      "province",
      "state",
      "ship state",
      "ship to state",
      "destination",
      "destination region",
      "省份",
      "收货省份",
      "收貨省份",
      "省",
      "目的地",
      "收件省份",
    ],
  },
};

export type SheetColumnIndexes = { [K in SheetColumn]?: number } & { orderNumber: number; courier: number; trackingNumber: number };

// A service ("USPS Priority Mail", ShipStation's "Shipment - Service") names its carrier first:
// the last resort for the courier's name.
const SERVICE_HEADERS = ["shipment service", "shipping service", "ship method", "shipping method"];

interface HeaderMeaning {
  column: SheetColumn;
  /** 2: a preferred header; 1: a plain one; 0: a service column, read as the courier's name. */
  tier: number;
}

const HEADER_TO_COLUMN = new Map<string, HeaderMeaning>();
for (const [column, spec] of Object.entries(SHEET_COLUMNS) as [SheetColumn, SheetColumnSpec][]) {
  for (const h of spec.headers) HEADER_TO_COLUMN.set(headerKey(h), { column, tier: 1 });
  for (const h of spec.preferred ?? []) HEADER_TO_COLUMN.set(headerKey(h), { column, tier: 2 });
}
for (const h of SERVICE_HEADERS) HEADER_TO_COLUMN.set(headerKey(h), { column: "courierName", tier: 0 });

const isChineseHeader = (h: string) => /[\u4e00-\u9fff]/.test(h);

/** A column by its first English header, or its first Chinese one in Chinese. */
function headerName(headers: readonly string[]): Localized {
  const zh = headers.find(isChineseHeader) ?? headers[0] ?? "";
  return localized({ en: headers[0] ?? "", "zh-Hans": zh, "zh-Hant": zh });
}

/** The headers a missing column was looked for by: three English and one Chinese, or three Chinese in Chinese. */
function lookedFor(headers: readonly string[]): Localized {
  const zh = headers.filter(isChineseHeader).slice(0, 3).join("、");
  return localized({ en: `${headers.slice(0, 3).join(", ")}, ${headers.find(isChineseHeader)}`, "zh-Hans": zh, "zh-Hant": zh });
}

type Found = { [K in SheetColumn]?: { index: number; tier: number } };

function findColumns(header: readonly string[], file: string): Found {
  const found: Found = {};
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (RESERVED_KEYS.has(text)) {
      throw new InputError({ file, row: 1, column: text }, msg("io.not_a_column_name", { name: text }), msg("io.rename_column"));
    }
    const meaning = HEADER_TO_COLUMN.get(headerKey(text));
    if (!meaning) return;
    const earlier = found[meaning.column];
    if (earlier === undefined || meaning.tier > earlier.tier) {
      found[meaning.column] = { index, tier: meaning.tier };
      return;
    }
    if (meaning.tier < earlier.tier) return;
    throw new InputError(
      { file, row: 1, column: text },
      msg("shipments.sheet.same_meaning", { first: header[earlier.index], second: text }),
      msg("shipments.sheet.delete_or_rename"),
    );
  });
  return found;
}

function missingRequired(found: Found): SheetColumn | undefined {
  for (const [column, spec] of Object.entries(SHEET_COLUMNS) as [SheetColumn, SheetColumnSpec][]) {
    // A sheet with only Amazon's carrier-name (or a service column) names its courier there.
    if (column === "courier" && found.courierName !== undefined) continue;
    if (spec.required && found[column] === undefined) return column;
  }
  return undefined;
}

/**
 * Is this row a dispatch sheet's header? For the readers' `isHeaderRow`: title rows above the
 * header (Amazon's TemplateType line, a 批量发货 template's instructions) are passed over.
 */
export function isShipmentSheetHeader(cells: readonly string[]): boolean {
  try {
    return missingRequired(findColumns(cells, "")) === undefined;
  } catch {
    return false;
  }
}

/** Which cell holds what. Throws InputError for a missing required column, a repeated one or a reserved header. */
export function mapShipmentSheetHeader(header: readonly string[], file: string): SheetColumnIndexes {
  const found = findColumns(header, file);
  const missing = missingRequired(found);
  if (missing) {
    const spec = SHEET_COLUMNS[missing];
    throw new InputError(
      { file, row: 1 },
      msg("shipments.sheet.no_column", { column: headerName(spec.headers), looked: lookedFor(spec.headers) }),
      msg("shipments.sheet.use_template"),
    );
  }
  const indexes: { [K in SheetColumn]?: number } = {};
  for (const [column, at] of Object.entries(found) as [SheetColumn, { index: number }][]) indexes[column] = at.index;
  // Only a name column: it is the courier column.
  if (indexes.courier === undefined) {
    indexes.courier = indexes.courierName;
    delete indexes.courierName;
  }
  return indexes as SheetColumnIndexes;
}

export type SheetCell = Cell;
/** Structurally SourceRow from src/io (core may not import io). */
export interface SheetRow {
  row: number;
  cells: readonly SheetCell[];
}

export type SheetIssueCode =
  | "missing_value"
  | "unknown_courier"
  | "malformed_tracking_number"
  | "unknown_tracking_format"
  | "duplicate_tracking_number"
  | "bad_sku"
  | "bad_quantity"
  | "bad_shipped_at"
  | "courier_read_as"
  | "courier_name_differs"
  | "number_from_link"
  | "several_tracking_numbers"
  | "order_item_id";

export interface SheetIssue {
  level: "error" | "warning";
  code: SheetIssueCode;
  at: InputLocation & { row: number };
  message: Message;
  hint?: Message;
  /** unknown_courier: our courier codes closest to what was written. */
  suggestions?: string[];
}

export interface ShipmentSheetRow {
  /** The first sheet row of this shipment. */
  at: { file: string; row: number };
  /** Every sheet row merged into this shipment (several when one parcel carries several SKUs). */
  rows: number[];
  orderNumber: string;
  courier: CourierCode;
  /** Normalized: uppercase, no spaces or dashes. */
  trackingNumber: string;
  lines?: { sku: string; quantity: number }[];
  shippedAt?: Date;
  destination?: string;
  /** Couriers the number's format suggests (empty: an unknown format, warned about). */
  candidates: CourierCandidate[];
}

export interface SheetParseOptions {
  file: string;
  /** For shipping times written without an offset (the store's time zone). */
  timeZone: string;
}

export interface ShipmentSheetResult {
  /** Shipments whose every row was valid, in sheet order. */
  shipments: ShipmentSheetRow[];
  issues: SheetIssue[];
  /** Data rows seen (blank rows, totals rows and repeated headers excluded). */
  rowCount: number;
  /** Rows that are no parcel: a 合计 / Total row, or the header written again (sheets pasted together). */
  skippedRows: number[];
}

export interface ShipmentSheetParser {
  readonly columns: SheetColumnIndexes;
  /** Feeds one batch of data rows (in sheet order). */
  push(rows: readonly SheetRow[]): void;
  readonly errorCount: number;
  finish(): ShipmentSheetResult;
}

const SKU_SEPARATORS = /[;,，；、\n|]+/;
/** Between two tracking numbers in one cell; never a space: UPS and others print numbers in groups ("1Z 999 AA1 ..."). */
const NUMBER_SEPARATORS = /[\n\r,，;；、|]+/;
const LINK = /^(?:https?:\/\/|www\.)/i;
/** 合计 / Total rows under the data (a sheet's own sums). */
const TOTAL_LABEL = /^(?:合计|总计|小计|合計|總計|小計|total|totals|grand total|subtotal)\s*(?:[:：].*)?$/i;
/** What Amazon's carrier-code (and people) write when the name column says who it is. */
const OTHER_COURIER = /^(?:other|others|其他|其它|其他快递|其他物流)$/i;

const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/**
 * "11/24/2026 3:05 PM" (ShipStation, Shippo and other US tools) or "24/11/2026" (European sheets) as
 * "2026-11-24 15:05:00"; "ambiguous" when both parts could be the month (05/11/2026), since reading
 * it the wrong way would shift the ship date by months.
 */
function slashDate(text: string): string | undefined | "ambiguous" {
  const m = SLASH_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, a = "", b = "", year = "", h = "0", mi = "0", se = "0", half] = m;
  const first = Number(a);
  const second = Number(b);
  let month: number;
  let day: number;
  if (first > 12 && second <= 12) [day, month] = [first, second];
  else if (second > 12 && first <= 12) [month, day] = [first, second];
  else if (first === second) [month, day] = [first, second];
  else return "ambiguous";
  let hour = Number(h);
  if (half) hour = (hour % 12) + (half.toLowerCase() === "pm" ? 12 : 0);
  const two = (n: number | string) => String(n).padStart(2, "0");
  return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(mi)}:${two(se)}`;
}

/** The parts of a link a tracking number can sit in: query values, path segments, the fragment. */
function linkTokens(text: string): string[] {
  let url: URL;
  try {
    url = new URL(/^www\./i.test(text) ? `https://${text}` : text);
  } catch {
    return [];
  }
  const parts = [...url.pathname.split("/"), ...[...url.searchParams.values()], url.hash.replace(/^#/, "")];
  return parts.flatMap((p) => p.split(/[/,;=&?#]/)).filter((p) => /^[A-Za-z0-9]{8,40}$/.test(p));
}
const SKU_QUANTITY = /^(.*?)\s*[*×]\s*(\d+)$/;

export function createShipmentSheetParser(header: readonly string[], options: SheetParseOptions): ShipmentSheetParser {
  const columns = mapShipmentSheetHeader(header, options.file);
  const file = options.file;
  const issues: SheetIssue[] = [];
  const shipments: ShipmentSheetRow[] = [];
  const byNumber = new Map<string, ShipmentSheetRow>();
  const failedNumbers = new Set<string>();
  const skippedRows: number[] = [];
  let errorCount = 0;
  let rowCount = 0;

  const columnName = (column: SheetColumn): string => {
    const index = columns[column];
    return index === undefined ? column : (header[index] ?? column).trim();
  };
  const issue = (
    level: SheetIssue["level"],
    code: SheetIssueCode,
    row: number,
    column: SheetColumn,
    message: Message,
    extra: Partial<SheetIssue> = {},
  ) => {
    if (level === "error") errorCount++;
    issues.push({ level, code, at: { file, row, column: columnName(column) }, message, ...extra });
  };
  const cell = (r: SheetRow, column: SheetColumn): SheetCell => {
    const index = columns[column];
    return index === undefined ? null : (r.cells[index] ?? null);
  };

  function parseLines(r: SheetRow): { sku: string; quantity: number }[] | undefined | "error" {
    const skuText = columns.sku === undefined ? "" : cellText(cell(r, "sku"));
    const quantityCell = cell(r, "quantity");
    const quantityText = cellText(quantityCell);
    if (skuText === "") {
      if (quantityText !== "") {
        issue("error", "bad_quantity", r.row, "quantity", msg("shipments.sheet.qty_without_sku", { quantity: quantityText }), {
          hint: msg("shipments.sheet.qty_without_sku_hint"),
        });
        return "error";
      }
      return undefined;
    }
    const parts = skuText
      .split(SKU_SEPARATORS)
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const lines: { sku: string; quantity: number }[] = [];
    for (const part of parts) {
      const m = SKU_QUANTITY.exec(part);
      const sku = (m ? m[1] : part)?.trim() ?? "";
      if (sku === "" || RESERVED_KEYS.has(sku)) {
        issue("error", "bad_sku", r.row, "sku", msg("shipments.sheet.not_a_sku", { text: part }));
        return "error";
      }
      let quantity = m ? Number(m[2]) : 1;
      if (!m && parts.length === 1 && quantityText !== "") {
        const q = parseInteger(typeof quantityCell === "number" ? quantityCell : quantityText);
        if (isProblem(q) || q < 1) {
          issue(
            "error",
            "bad_quantity",
            r.row,
            "quantity",
            isProblem(q) ? q.problem : msg("shipments.sheet.qty_below_one", { quantity: q }),
          );
          return "error";
        }
        quantity = q;
      } else if (parts.length > 1 && quantityText !== "") {
        issue("error", "bad_quantity", r.row, "quantity", msg("shipments.sheet.one_qty_many_skus", { count: parts.length }), {
          hint: msg("shipments.sheet.one_qty_many_skus_hint"),
        });
        return "error";
      }
      if (quantity < 1) {
        issue("error", "bad_quantity", r.row, "sku", msg("shipments.sheet.sku_qty_below_one", { quantity, sku }));
        return "error";
      }
      lines.push({ sku, quantity });
    }
    return lines;
  }

  /** A totals row (合计 / Total in its first filled cell) or the header written again: not a parcel. */
  function notAParcel(r: SheetRow): boolean {
    const first = r.cells.map(cellText).find((t) => t !== "");
    if (first !== undefined && TOTAL_LABEL.test(first)) return true;
    return (Object.entries(columns) as [SheetColumn, number][]).every(
      ([, index]) => headerKey(cellText(r.cells[index] ?? null)) === headerKey(header[index] ?? ""),
    );
  }

  function readCourier(r: SheetRow): CourierCode | undefined {
    const codeText = cellText(cell(r, "courier"));
    const nameText = columns.courierName === undefined ? "" : cellText(cell(r, "courierName"));
    // Amazon: carrier-name counts only when carrier-code is Other (or empty).
    const byName = columns.courierName !== undefined && (codeText === "" || OTHER_COURIER.test(codeText));
    const text = byName ? nameText : codeText;
    const column: SheetColumn = byName ? "courierName" : "courier";
    if (text === "") {
      if (codeText !== "") {
        issue("error", "missing_value", r.row, "courierName", msg("shipments.sheet.other_without_name", { value: codeText }), {
          hint: msg("shipments.sheet.other_without_name_hint", { column: columnName("courierName") }),
        });
        return undefined;
      }
      issue("error", "missing_value", r.row, "courier", msg("shipments.sheet.no_courier"), {
        hint: msg("shipments.sheet.no_courier_hint", { choices: courierChoiceList(4) }),
      });
      return undefined;
    }
    const resolved = resolveCourier(text);
    if (!("code" in resolved)) {
      issue("error", "unknown_courier", r.row, column, resolved.problem, {
        suggestions: resolved.suggestions,
        hint: resolved.suggestions.length
          ? msg("shipments.sheet.courier_did_you_mean", { names: courierCodeList(resolved.suggestions, { en: (code) => code }) })
          : msg("shipments.sheet.courier_hint"),
      });
      return undefined;
    }
    if (resolved.readAs !== undefined) {
      issue(
        "warning",
        "courier_read_as",
        r.row,
        column,
        msg("shipments.sheet.courier_read_as", { text, name: courierName(resolved.code) }),
        {
          hint: msg("shipments.sheet.courier_read_as_hint"),
        },
      );
    }
    if (!byName && nameText !== "") {
      const other = resolveCourier(nameText);
      if ("code" in other && other.code !== resolved.code) {
        issue(
          "warning",
          "courier_name_differs",
          r.row,
          "courierName",
          msg("shipments.sheet.courier_name_differs", { name: nameText, code: codeText, courier: courierName(resolved.code) }),
          { hint: msg("shipments.sheet.courier_name_differs_hint") },
        );
      }
    }
    return resolved.code;
  }

  /** The number in a tracking link: the one token of it in a format `courier` issues. */
  function numberInLink(r: SheetRow, column: SheetColumn, url: string, courier: CourierCode | undefined): string | undefined {
    const found = new Set<string>();
    if (courier) {
      for (const token of linkTokens(url)) {
        const v = validateTrackingNumber(token, courier);
        if (v.ok && !v.warning && v.candidates.some((c) => c.courier === courier)) found.add(v.normalized);
      }
    }
    const [only] = found;
    if (found.size === 1 && only) {
      issue("warning", "number_from_link", r.row, column, msg("shipments.sheet.number_from_link", { number: only, url }));
      return only;
    }
    issue("error", "malformed_tracking_number", r.row, column, msg("shipments.sheet.link_not_number", { url }), {
      hint: msg("shipments.sheet.link_not_number_hint"),
    });
    return undefined;
  }

  /** The row's tracking number as written (a link read, several refused), or undefined after an error. */
  function readNumberText(r: SheetRow, courier: CourierCode | undefined): string | undefined {
    const numberCell = identifierCell(cell(r, "trackingNumber"), "tracking number");
    if ("problem" in numberCell) {
      issue("error", "malformed_tracking_number", r.row, "trackingNumber", numberCell.problem, { hint: numberCell.hint });
      return undefined;
    }
    let column: SheetColumn = "trackingNumber";
    let text = numberCell.value;
    if (text === "" && columns.trackingUrl !== undefined) {
      column = "trackingUrl";
      text = cellText(cell(r, "trackingUrl"));
    }
    if (text === "") {
      issue("error", "missing_value", r.row, "trackingNumber", msg("tracking.none"));
      return undefined;
    }
    if (LINK.test(text)) return numberInLink(r, column, text, courier);
    const several = text
      .split(NUMBER_SEPARATORS)
      .map((p) => p.trim())
      .filter((p) => p !== "");
    if (several.length > 1) {
      // One fulfilment per tracking number: which parcel carries what is for the sheet to say.
      issue(
        "error",
        "several_tracking_numbers",
        r.row,
        column,
        msg("shipments.sheet.several_numbers", { count: several.length, numbers: several.join(", ") }),
        { hint: msg("shipments.sheet.several_numbers_hint") },
      );
      return undefined;
    }
    return text;
  }

  function parseRow(r: SheetRow): void {
    if (r.cells.every((c) => cellText(c) === "")) return;
    if (notAParcel(r)) {
      skippedRows.push(r.row);
      return;
    }
    rowCount++;
    const errorsBefore = errorCount;

    const order = identifierCell(cell(r, "orderNumber"), "order number");
    let orderNumber = "";
    if ("problem" in order) issue("error", "missing_value", r.row, "orderNumber", order.problem, { hint: order.hint });
    else if (order.value === "") issue("error", "missing_value", r.row, "orderNumber", msg("shipments.sheet.no_order"));
    else orderNumber = order.value;

    const itemId = columns.orderItemId === undefined ? "" : cellText(cell(r, "orderItemId"));
    if (itemId !== "") {
      issue("error", "order_item_id", r.row, "orderItemId", msg("shipments.sheet.order_item_id", { id: itemId }), {
        hint: msg("shipments.sheet.order_item_id_hint", { column: columnName("orderItemId") }),
      });
    }

    const courier = readCourier(r);

    let trackingNumber = "";
    let candidates: CourierCandidate[] = [];
    const numberText = readNumberText(r, courier);
    if (numberText !== undefined) {
      const v = validateTrackingNumber(numberText, courier);
      trackingNumber = v.normalized;
      candidates = v.candidates;
      if (!v.ok) {
        issue("error", "malformed_tracking_number", r.row, "trackingNumber", v.problem ?? msg("shipments.sheet.not_tracking"), {
          hint: msg("shipments.sheet.check_label_digit"),
        });
      } else if (v.warning) {
        issue("warning", "unknown_tracking_format", r.row, "trackingNumber", v.warning, { hint: msg("shipments.sheet.check_label") });
      }
    }

    const lines = parseLines(r);

    let shippedAt: Date | undefined;
    const shippedCell = cell(r, "shippedAt");
    if (cellText(shippedCell) !== "") {
      const slashed = typeof shippedCell === "string" ? slashDate(shippedCell) : undefined;
      const parsed =
        slashed === "ambiguous"
          ? { problem: msg("shipments.sheet.day_or_month", { value: cellText(shippedCell) }) }
          : parseDateTime(slashed ?? (shippedCell as string | number | Date), options.timeZone);
      if (isProblem(parsed))
        issue("error", "bad_shipped_at", r.row, "shippedAt", parsed.problem, { hint: msg("shipments.sheet.shipped_at_hint") });
      else shippedAt = parsed;
    }
    const destination = cellText(cell(r, "destination")) || undefined;

    if (trackingNumber !== "" && errorCount > errorsBefore) failedNumbers.add(trackingNumber);
    if (errorCount > errorsBefore || !courier || trackingNumber === "" || lines === "error") return;

    const earlier = byNumber.get(trackingNumber);
    if (earlier) {
      // Rows of one parcel: same order and courier, each row naming its SKU.
      if (earlier.orderNumber === orderNumber && earlier.courier === courier && earlier.lines && lines) {
        earlier.lines.push(...lines);
        earlier.rows.push(r.row);
        return;
      }
      issue(
        "error",
        "duplicate_tracking_number",
        r.row,
        "trackingNumber",
        msg("shipments.sheet.number_repeated", { number: trackingNumber, row: earlier.at.row }),
        {
          hint:
            earlier.orderNumber === orderNumber
              ? msg("shipments.sheet.number_repeated_hint")
              : msg("shipments.sheet.number_two_orders_hint", { a: earlier.orderNumber, b: orderNumber }),
        },
      );
      failedNumbers.add(trackingNumber);
      return;
    }
    const shipment: ShipmentSheetRow = { at: { file, row: r.row }, rows: [r.row], orderNumber, courier, trackingNumber, candidates };
    if (lines) shipment.lines = lines;
    if (shippedAt) shipment.shippedAt = shippedAt;
    if (destination) shipment.destination = destination;
    byNumber.set(trackingNumber, shipment);
    shipments.push(shipment);
  }

  return {
    columns,
    push(rows) {
      for (const r of rows) parseRow(r);
    },
    get errorCount() {
      return errorCount;
    },
    finish() {
      // A parcel with one bad row is held back whole: pushing only some of its lines would be wrong.
      return {
        shipments: shipments.filter((s) => !failedNumbers.has(s.trackingNumber)),
        issues: [...issues],
        rowCount,
        skippedRows: [...skippedRows],
      };
    },
  };
}

/** The whole sheet at once (tests, small files). */
export function parseShipmentSheet(header: readonly string[], rows: readonly SheetRow[], options: SheetParseOptions): ShipmentSheetResult {
  const parser = createShipmentSheetParser(header, options);
  parser.push(rows);
  return parser.finish();
}

/**
 * The other way a store may hold an order number: Shopify keeps an order's name with its "#"
 * ("#1001", the adapter stores `name`), while warehouse sheets often drop it ("1001"), and the
 * reverse. Looked up only when the number as written matches no order.
 */
export function alternativeOrderNumber(orderNumber: string): string | undefined {
  if (/^#\S/.test(orderNumber)) return orderNumber.slice(1);
  return /^[\p{L}\p{N}]/u.test(orderNumber) ? `#${orderNumber}` : undefined;
}
