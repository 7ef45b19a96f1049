/**
 * For the shipments e2e tests: the generator's oracle (fixtures/shipments/EXPECTED.json), the demo's
 * parcels and tracking events read as plain rows, the warehouse sheets, and read-only looks into a
 * run's state store. Figures computed here use the fixtures only, never src/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { REPO } from "./cli.js";
import { DEMO_DIR } from "./demo-data.js";

export const SHIPMENTS_DIR = join(REPO, "fixtures", "shipments");
export const shipmentsFixture = (name: string): string => join(SHIPMENTS_DIR, name);

export type SlaRule = "first_scan" | "delivery" | "stuck";

export interface PlantedKind {
  rule: SlaRule | null;
  count: number;
  couriers: Record<string, number>;
  trackingNumbers: string[];
}

export interface GoodSheet {
  rows: number;
  shipments: number;
  orders: string[];
  couriers: Record<string, number>;
  lines: number;
  units: number;
}

export interface BadSheet {
  validShipments: number;
  error: { row: number; column: string; code: string; value: string; suggestion?: string; firstRow?: number; orderNumber?: string };
}

export interface ShipmentsExpected {
  asOf: string;
  sla: { firstScanHours: number; deliveryDays: number; stuckHours: number };
  shipments: number;
  events: number;
  byCourier: Record<string, number>;
  statusAtAsOf: Record<string, number>;
  open: number;
  planted: Record<string, PlantedKind>;
  breaches: Record<SlaRule, number>;
  delayedShipments: number;
  openDelayedShipments: number;
  onTimeDelivery: { delivered: number; onTime: number; late: number; rate: number };
  sheets: Record<string, GoodSheet | BadSheet>;
}

export function loadExpected(): ShipmentsExpected {
  return JSON.parse(readFileSync(join(SHIPMENTS_DIR, "EXPECTED.json"), "utf8")) as ShipmentsExpected;
}

export function goodSheet(expected: ShipmentsExpected, name: string): GoodSheet {
  const s = expected.sheets[name];
  if (!s || !("orders" in s)) throw new Error(`EXPECTED.json has no good sheet ${name}`);
  return s;
}

export function badSheet(expected: ShipmentsExpected, name: string): BadSheet {
  const s = expected.sheets[name];
  if (!s || !("error" in s)) throw new Error(`EXPECTED.json has no bad sheet ${name}`);
  return s;
}

/** Every planted delay: tracking number -> the one rule it breaks (the returned parcels break none). */
export function plantedDelays(expected: ShipmentsExpected): Map<string, SlaRule> {
  const out = new Map<string, SlaRule>();
  for (const kind of Object.values(expected.planted)) {
    if (kind.rule === null) continue;
    for (const n of kind.trackingNumbers) out.set(n, kind.rule);
  }
  return out;
}

export type CsvRow = Record<string, string>;

function readCsv(path: string): CsvRow[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as CsvRow[];
}

/** fixtures/demo-store/shipments.csv: order_id, courier, tracking_number, label_at, shipped_at, destination. */
export const readDemoShipments = (): CsvRow[] => readCsv(join(DEMO_DIR, "shipments.csv"));
/** fixtures/demo-store/tracking-events.csv: tracking_number, courier, time (Shanghai wall clock), status (Chinese), ... */
export const readDemoEvents = (): CsvRow[] => readCsv(join(DEMO_DIR, "tracking-events.csv"));
/** A CSV warehouse sheet (header in Chinese) as rows keyed by header. */
export const readSheetCsv = (name: string): CsvRow[] => readCsv(shipmentsFixture(name));

/** "2026-11-09 00:31:17" or "2026-11-25 09:00" read on a Shanghai wall clock (UTC+8 all year) -> epoch ms. */
export function shanghaiMs(wallClock: string): number {
  const [day, time = "00:00"] = wallClock.trim().split(/[ T]/);
  const ms = Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`);
  if (Number.isNaN(ms)) throw new Error(`not a wall-clock time: ${wallClock}`);
  return ms;
}

/** The Shanghai calendar day (YYYY-MM-DD) of an instant. */
export const shanghaiDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The on-time delivery rate from the fixture CSVs: each parcel delivered (a 已签收 event) whose
 * delivery day in Shanghai falls in [first, last], on time when delivered - shipped_at <= deliveryDays x 24 h.
 */
export function onTimeFromFixtures(deliveryDays: number, range?: { first: string; last: string }): { judged: number; onTime: number } {
  const deliveredAt = new Map<string, number>();
  for (const e of readDemoEvents()) {
    if (e.status !== "已签收") continue;
    const at = shanghaiMs(e.time as string);
    const before = deliveredAt.get(e.tracking_number as string);
    if (before === undefined || at < before) deliveredAt.set(e.tracking_number as string, at);
  }
  let judged = 0;
  let onTime = 0;
  for (const s of readDemoShipments()) {
    const at = deliveredAt.get(s.tracking_number as string);
    if (at === undefined) continue;
    if (range) {
      const day = shanghaiDay(at);
      if (day < range.first || day > range.last) continue;
    }
    judged++;
    if (at - Date.parse(s.shipped_at as string) <= deliveryDays * 86_400_000) onTime++;
  }
  return { judged, onTime };
}

/** A worksheet as arrays of cell values (1-based rows; exceljs's leading empty slot dropped). */
export async function worksheetRows(file: string, sheetName?: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = sheetName === undefined ? wb.worksheets[0] : wb.getWorksheet(sheetName);
  if (!ws)
    throw new Error(`${basename(file)} has no sheet ${sheetName ?? "(first)"}; it has ${wb.worksheets.map((w) => w.name).join(", ")}`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v && typeof v === "object" && "richText" in v ? String(v) : v)));
  });
  return rows;
}

/** Header + rows as records keyed by header text. */
export function recordsOf(rows: unknown[][]): Record<string, unknown>[] {
  const [header = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? null])));
}

/** A wall-clock Date written in an xlsx cell (exceljs gives its fields as UTC) -> the Shanghai instant. */
export const xlsxShanghaiMs = (d: Date): number => d.getTime() - 8 * 3_600_000;

/** Tracking numbers as couriers print them with spaces ("7843 3000 1571 11") compare without. */
export const compactNumber = (n: unknown): string => String(n).replace(/[\s-]/g, "").toUpperCase();

let dirs = 0;
/** A fresh cwd under `root`: its own state store, its own demo seed. */
export function freshDir(root: string, label = "run"): string {
  const dir = join(root, `${label}${++dirs}`);
  mkdirSync(dir);
  return dir;
}

/** Reads the run's state store (.merchops/state.db under cwd) read-only. */
export function withState<T>(cwd: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(cwd, ".merchops", "state.db"), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Order id -> status in the state store, for store "demo". */
export function orderStatuses(cwd: string, ids: readonly string[]): Map<string, string> {
  return withState(cwd, (db) => {
    const stmt = db.prepare("SELECT status FROM orders WHERE store = 'demo' AND id = ?");
    const out = new Map<string, string>();
    for (const id of ids) {
      const row = stmt.get(id) as { status: string } | undefined;
      if (row) out.set(id, row.status);
    }
    return out;
  });
}

export function countOrdersWithStatus(cwd: string, status: string): number {
  return withState(
    cwd,
    (db) => (db.prepare("SELECT COUNT(*) AS n FROM orders WHERE store = 'demo' AND status = ?").get(status) as { n: number }).n,
  );
}

export interface StoredShipment {
  tracking_number: string;
  courier: string;
  order_id: string;
  status: string;
  lines: string | null;
  destination: string | null;
  shipped_at: number | null;
}

export function storedShipments(cwd: string, trackingNumbers: readonly string[]): Map<string, StoredShipment> {
  return withState(cwd, (db) => {
    const stmt = db.prepare(
      "SELECT tracking_number, courier, order_id, status, lines, destination, shipped_at FROM shipments WHERE store = 'demo' AND tracking_number = ?",
    );
    const out = new Map<string, StoredShipment>();
    for (const n of trackingNumbers) {
      const row = stmt.get(n) as StoredShipment | undefined;
      if (row) out.set(n, row);
    }
    return out;
  });
}

/** What `shipments sync|status --json` prints (the fields the tests read). */
export interface ShipmentsJson {
  kind: "sync" | "status";
  store: string;
  total: number;
  open: number;
  tracked: number;
  changed: number;
  on_time_rate: number | null;
  by_status: Record<string, number>;
  by_courier: { courier: string; total: number; open: number; delivered: number; delayed: number; on_time_rate: number | null }[];
  delayed: {
    tracking_number: string;
    order_id: string;
    courier: string;
    status: string;
    shipped_at: string | null;
    breaches: { rule: SlaRule; limit: number; actual: number; message: string }[];
  }[];
  failed: { tracking_number: string; courier: string; error: string }[];
  providers: { name: string; calls: number; numbers: number; max_batch: number }[];
}

/** What `shipments import --json` prints. */
export interface ImportJson {
  dry_run: boolean;
  applied: boolean;
  rows: number;
  shipments: number;
  created: number;
  unchanged: number;
  failed: number;
  error_count: number;
  issues: { level: string; file: string; row: number; column?: string; message: string; hint?: string }[];
  results_file: string | null;
}

/** stderr lines that are errors ("error: ...") and the line right after each (the hint). */
export function errorLines(stderr: string): { error: string; next: string | undefined }[] {
  const lines = stderr.split("\n");
  return lines.flatMap((l, i) => (l.startsWith("error:") ? [{ error: l, next: lines[i + 1] }] : []));
}

/** A stack frame in output means an expected error was handled as a crash. */
export const STACK_FRAME = /^\s+at .+(\(|:\d+:\d+)/m;
