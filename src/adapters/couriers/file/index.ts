/**
 * The `file` courier: tracking events from a spreadsheet (CSV or XLSX) that a warehouse, a 3PL or
 * a courier's web portal exported, for stores with no tracking API contract. One row per event:
 * tracking number, time, status (words or one of our status names), description, location, and
 * optionally the courier. Headers in Chinese or English.
 *
 * ```yaml
 * couriers:
 *   file: { file: ./tracking-events.csv }   # relative to the config file
 * ```
 *
 * The file is read once per adapter (a sync run), on the first track() call. Rows that cannot be
 * used (no time, an unreadable time) are skipped with a warning; a number that is not in the file
 * comes back with an error, as a provider answers "not found".
 */
import { resolve } from "node:path";
import { z } from "zod";
import { headerKey } from "../../../core/attributes/normalize.js";
import { cellText, RESERVED_KEYS } from "../../../core/catalog/text.js";
import { InputError } from "../../../core/errors.js";
import { msg } from "../../../core/i18n/index.js";
import {
  COURIER_CODES,
  deriveStatus,
  detectCouriers,
  mergeEvents,
  normalizeTrackingNumber,
  type ShipmentEvent,
  statusFromText,
} from "../../../core/shipments/index.js";
import { isProblem, parseDateTime } from "../../../core/values.js";
import { openTable, type RawCell } from "../../../io/read-table.js";
import { type CourierAdapter, defineCourier, type TrackingResult } from "../../courier.js";
import type { AdapterContext } from "../../platform.js";

export const fileCourierConfigSchema = z
  .object({
    /** The events file, relative to the config file's directory. */
    file: z.string().min(1),
    /** Time zone of times written without an offset (default: the store's). */
    timezone: z.string().optional(),
    encoding: z.string().optional(),
    delimiter: z.string().optional(),
    sheet: z.string().optional(),
  })
  .strict();
export type FileCourierConfig = z.infer<typeof fileCourierConfigSchema>;

type EventColumn = "trackingNumber" | "courier" | "time" | "status" | "description" | "location";

const EVENT_HEADERS: Record<EventColumn, readonly string[]> = {
  trackingNumber: [
    "tracking number",
    "tracking no",
    "tracking",
    "waybill",
    "awb",
    "运单号",
    "快递单号",
    "物流单号",
    "運單號",
    "快遞單號",
    "物流單號",
  ],
  courier: ["courier", "carrier", "快递公司", "物流公司", "快遞公司", "承运商"],
  time: [
    "time",
    "event time",
    "date",
    "datetime",
    "at",
    "timestamp",
    "时间",
    "時間",
    "事件时间",
    "轨迹时间",
    "軌跡時間",
    "操作时间",
    "更新时间",
  ],
  status: ["status", "status code", "state", "状态", "狀態", "物流状态", "物流狀態", "状态码"],
  description: [
    "description",
    "details",
    "detail",
    "event",
    "message",
    "context",
    "描述",
    "详情",
    "詳情",
    "轨迹",
    "軌跡",
    "物流信息",
    "内容",
    "內容",
    "备注",
  ],
  location: ["location", "city", "place", "地点", "地點", "位置", "城市", "所在地"],
};

const HEADER_TO_COLUMN = new Map<string, EventColumn>();
for (const [column, headers] of Object.entries(EVENT_HEADERS) as [EventColumn, readonly string[]][]) {
  for (const h of headers) HEADER_TO_COLUMN.set(headerKey(h), column);
}

type Columns = Partial<Record<EventColumn, number>>;

function mapHeader(header: readonly string[], file: string): Columns {
  const columns: Columns = {};
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (RESERVED_KEYS.has(text))
      throw new InputError({ file, row: 1, column: text }, msg("io.not_a_column_name", { name: text }), msg("io.rename_column"));
    const column = HEADER_TO_COLUMN.get(headerKey(text));
    if (column && columns[column] === undefined) columns[column] = index;
  });
  if (columns.trackingNumber === undefined) {
    throw new InputError({ file, row: 1 }, msg("courier_file.no_tracking_column"), msg("courier_file.no_tracking_column_hint"));
  }
  if (columns.time === undefined)
    throw new InputError({ file, row: 1 }, msg("courier_file.no_time_column"), msg("courier_file.no_time_column_hint"));
  if (columns.status === undefined && columns.description === undefined) {
    throw new InputError({ file, row: 1 }, msg("courier_file.no_status_column"), msg("courier_file.no_status_column_hint"));
  }
  return columns;
}

async function loadEvents(path: string, config: FileCourierConfig, ctx: AdapterContext): Promise<Map<string, ShipmentEvent[]>> {
  const timeZone = config.timezone ?? ctx.timezone;
  const table = await openTable(path, {
    ...(config.encoding ? { encoding: config.encoding } : {}),
    ...(config.delimiter ? { delimiter: config.delimiter } : {}),
    ...(config.sheet ? { sheet: config.sheet } : {}),
    ...(ctx.readOptions.limits ? { limits: ctx.readOptions.limits } : {}),
  });
  const byNumber = new Map<string, ShipmentEvent[]>();
  const unknownWords = new Set<string>();
  let skipped = 0;
  try {
    const columns = mapHeader(table.header, path);
    const at = (cells: RawCell[], column: EventColumn): RawCell =>
      columns[column] === undefined ? null : (cells[columns[column]] ?? null);
    for await (const batch of table.batches()) {
      for (const { row, cells } of batch) {
        const number = normalizeTrackingNumber(cellText(at(cells, "trackingNumber")));
        if (number === "") continue;
        const timeCell = at(cells, "time");
        const time =
          cellText(timeCell) === "" ? { problem: msg("values.no_time") } : parseDateTime(timeCell as string | Date | number, timeZone);
        if (isProblem(time)) {
          if (skipped++ < 5) ctx.log.warn(msg("courier_file.event_skipped", { file: path, row, problem: time.problem }));
          continue;
        }
        const statusText = cellText(at(cells, "status"));
        const description = cellText(at(cells, "description"));
        let status = statusFromText(statusText) ?? statusFromText(description);
        if (!status) {
          // An event nobody can classify still proves the courier has the parcel.
          status = "in_transit";
          const word = statusText || description;
          if (!unknownWords.has(word) && unknownWords.size < 20) {
            unknownWords.add(word);
            ctx.log.warn(msg("courier_file.status_unknown", { file: path, row, status: word }));
          }
        }
        const event: ShipmentEvent = { at: time, status, description: description || statusText };
        const location = cellText(at(cells, "location"));
        if (location) event.location = location;
        if (statusText) event.rawStatus = statusText;
        const list = byNumber.get(number);
        if (list) list.push(event);
        else byNumber.set(number, [event]);
      }
    }
  } finally {
    await table.close();
  }
  if (skipped > 5) ctx.log.warn(msg("courier_file.events_skipped", { file: path, count: skipped }));
  for (const [number, events] of byNumber) byNumber.set(number, mergeEvents([], events));
  return byNumber;
}

export function createFileCourier(config: FileCourierConfig, ctx: AdapterContext): CourierAdapter {
  const path = resolve(ctx.baseDir, config.file);
  let loading: Promise<Map<string, ShipmentEvent[]>> | undefined;
  return {
    async track(batch) {
      loading ??= loadEvents(path, config, ctx);
      const events = await loading;
      return batch.map((request): TrackingResult => {
        const found = events.get(normalizeTrackingNumber(request.trackingNumber));
        if (!found || found.length === 0)
          return { ...request, status: "pending", events: [], error: msg("adapter.courier_file.not_in_file", { file: config.file }) };
        return { ...request, status: deriveStatus(found), events: found.map((e) => ({ ...e })) };
      });
    },
    async detect(trackingNumber) {
      return detectCouriers(trackingNumber).map((c) => c.courier);
    },
  };
}

export default defineCourier<FileCourierConfig>({
  name: "file",
  description: "Tracking events from a CSV/XLSX export (no API): 运单号, 时间, 状态, 描述, 地点",
  couriers: COURIER_CODES,
  maxBatch: 1000,
  configSchema: fileCourierConfigSchema,
  create: createFileCourier,
});
