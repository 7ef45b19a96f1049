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
import { type CourierCode, courierChoiceList, courierCodeList, resolveCourier } from "./couriers.js";
import { type CourierCandidate, validateTrackingNumber } from "./tracking-numbers.js";

export type SheetColumn = "orderNumber" | "courier" | "trackingNumber" | "sku" | "quantity" | "shippedAt" | "destination";

/** Header synonyms per column (compared by headerKey: case, width, spaces, "_" and "-" ignored). */
export const SHEET_COLUMNS: Readonly<Record<SheetColumn, { required: boolean; headers: readonly string[] }>> = {
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
      "訂單編號",
      "訂單號",
      "訂單",
      "外部订单号",
    ],
  },
  courier: {
    required: true,
    headers: [
      "courier",
      "carrier",
      "shipping carrier",
      "shipping company",
      "logistics company",
      "快递公司",
      "物流公司",
      "快递",
      "承运商",
      "快遞公司",
      "物流",
      "快遞",
    ],
  },
  trackingNumber: {
    required: true,
    headers: [
      "tracking number",
      "tracking no",
      "tracking",
      "tracking code",
      "waybill",
      "waybill number",
      "awb",
      "运单号",
      "快递单号",
      "物流单号",
      "运单编号",
      "運單號",
      "快遞單號",
      "物流單號",
      "運單編號",
    ],
  },
  sku: { required: false, headers: ["sku", "skus", "商家编码", "商家編碼", "货号", "貨號", "sku编码", "规格编码"] },
  quantity: { required: false, headers: ["quantity", "qty", "数量", "數量", "发货数量", "發貨數量"] },
  shippedAt: {
    required: false,
    headers: ["shipped at", "shipped", "ship date", "shipping time", "shipped time", "发货时间", "發貨時間", "发货日期", "發貨日期"],
  },
  destination: {
    required: false,
    headers: [
      "region",
      "province",
      "state",
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

const HEADER_TO_COLUMN = new Map<string, SheetColumn>();
for (const [column, spec] of Object.entries(SHEET_COLUMNS) as [SheetColumn, (typeof SHEET_COLUMNS)[SheetColumn]][]) {
  for (const h of spec.headers) HEADER_TO_COLUMN.set(headerKey(h), column);
}

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

/** Which cell holds what. Throws InputError for a missing required column, a repeated one or a reserved header. */
export function mapShipmentSheetHeader(header: readonly string[], file: string): SheetColumnIndexes {
  const found: { [K in SheetColumn]?: number } = {};
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (RESERVED_KEYS.has(text)) {
      throw new InputError({ file, row: 1, column: text }, msg("io.not_a_column_name", { name: text }), msg("io.rename_column"));
    }
    const column = HEADER_TO_COLUMN.get(headerKey(text));
    if (!column) return;
    const earlier = found[column];
    if (earlier !== undefined) {
      throw new InputError(
        { file, row: 1, column: text },
        msg("shipments.sheet.same_meaning", { first: header[earlier], second: text }),
        msg("shipments.sheet.delete_or_rename"),
      );
    }
    found[column] = index;
  });
  for (const [column, spec] of Object.entries(SHEET_COLUMNS) as [SheetColumn, (typeof SHEET_COLUMNS)[SheetColumn]][]) {
    if (spec.required && found[column] === undefined) {
      throw new InputError(
        { file, row: 1 },
        msg("shipments.sheet.no_column", { column: headerName(spec.headers), looked: lookedFor(spec.headers) }),
        msg("shipments.sheet.use_template"),
      );
    }
  }
  return found as SheetColumnIndexes;
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
  | "bad_shipped_at";

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
  /** Data rows seen (blank rows excluded). */
  rowCount: number;
}

export interface ShipmentSheetParser {
  readonly columns: SheetColumnIndexes;
  /** Feeds one batch of data rows (in sheet order). */
  push(rows: readonly SheetRow[]): void;
  readonly errorCount: number;
  finish(): ShipmentSheetResult;
}

const SKU_SEPARATORS = /[;,，；、\n|]+/;
const SKU_QUANTITY = /^(.*?)\s*[*×]\s*(\d+)$/;

export function createShipmentSheetParser(header: readonly string[], options: SheetParseOptions): ShipmentSheetParser {
  const columns = mapShipmentSheetHeader(header, options.file);
  const file = options.file;
  const issues: SheetIssue[] = [];
  const shipments: ShipmentSheetRow[] = [];
  const byNumber = new Map<string, ShipmentSheetRow>();
  const failedNumbers = new Set<string>();
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

  function parseRow(r: SheetRow): void {
    if (r.cells.every((c) => cellText(c) === "")) return;
    rowCount++;
    const errorsBefore = errorCount;

    const order = identifierCell(cell(r, "orderNumber"), "order number");
    let orderNumber = "";
    if ("problem" in order) issue("error", "missing_value", r.row, "orderNumber", order.problem, { hint: order.hint });
    else if (order.value === "") issue("error", "missing_value", r.row, "orderNumber", msg("shipments.sheet.no_order"));
    else orderNumber = order.value;

    const courierText = cellText(cell(r, "courier"));
    let courier: CourierCode | undefined;
    if (courierText === "") {
      issue("error", "missing_value", r.row, "courier", msg("shipments.sheet.no_courier"), {
        hint: msg("shipments.sheet.no_courier_hint", { choices: courierChoiceList(4) }),
      });
    } else {
      const resolved = resolveCourier(courierText);
      if ("code" in resolved) courier = resolved.code;
      else {
        issue("error", "unknown_courier", r.row, "courier", resolved.problem, {
          suggestions: resolved.suggestions,
          hint: resolved.suggestions.length
            ? msg("shipments.sheet.courier_did_you_mean", { names: courierCodeList(resolved.suggestions, { en: (code) => code }) })
            : msg("shipments.sheet.courier_hint"),
        });
      }
    }

    const numberCell = identifierCell(cell(r, "trackingNumber"), "tracking number");
    let trackingNumber = "";
    let candidates: CourierCandidate[] = [];
    if ("problem" in numberCell)
      issue("error", "malformed_tracking_number", r.row, "trackingNumber", numberCell.problem, { hint: numberCell.hint });
    else if (numberCell.value === "") issue("error", "missing_value", r.row, "trackingNumber", msg("tracking.none"));
    else {
      const v = validateTrackingNumber(numberCell.value, courier);
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
      const parsed = parseDateTime(shippedCell as string | number | Date, options.timeZone);
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
      return { shipments: shipments.filter((s) => !failedNumbers.has(s.trackingNumber)), issues: [...issues], rowCount };
    },
  };
}

/** The whole sheet at once (tests, small files). */
export function parseShipmentSheet(header: readonly string[], rows: readonly SheetRow[], options: SheetParseOptions): ShipmentSheetResult {
  const parser = createShipmentSheetParser(header, options);
  parser.push(rows);
  return parser.finish();
}
