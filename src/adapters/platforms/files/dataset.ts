/**
 * Opens one dataset of a files store (orders.csv, 退货.xlsx, ...), maps its headers onto the
 * column reference and hands out typed cells. Every problem names the file, the row and the
 * column as the file calls it.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../../../core/errors.js";
import {
  isCurrencyCode,
  isProblem,
  type Problem,
  parseBoolean,
  parseDateTime,
  parseDay,
  parseIdentifier,
  parseInteger,
  parseMoney,
  parseRating,
} from "../../../core/values.js";
import type { ReadLimits } from "../../../io/limits.js";
import { type OpenedTable, openTable, type RawCell, type SourceRow } from "../../../io/read-table.js";
import { type ColumnSpec, DATASETS, type DatasetName, type DatasetSpec, normalizeHeader } from "./columns.js";

const EXTENSIONS = [".csv", ".xlsx", ".tsv", ".txt", ".xlsm", ".xls"];

/** Finds a dataset's file in the folder: an explicit name from config, else the known names. */
export function findDatasetFile(dir: string, name: DatasetName, explicit?: string): string | undefined {
  if (explicit) return resolve(dir, explicit);
  const spec = DATASETS[name];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  const byNormalized = new Map(entries.map((e) => [e.normalize("NFC").toLowerCase(), e]));
  for (const base of spec.fileNames) {
    for (const ext of EXTENSIONS) {
      const hit = byNormalized.get(`${base}${ext}`.normalize("NFC").toLowerCase());
      if (hit && existsSync(join(dir, hit))) return join(dir, hit);
    }
  }
  return undefined;
}

export interface DatasetOptions {
  timezone: string;
  currency: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  limits?: Partial<ReadLimits>;
}

/** An open dataset: header mapping done, rows to come. */
export class Dataset {
  /** Column index per column key, -1 when the file lacks it. */
  private readonly index: Record<string, number>;
  private readonly headerOf: Record<string, string>;

  private constructor(
    readonly spec: DatasetSpec,
    readonly table: OpenedTable,
    readonly opts: DatasetOptions,
  ) {
    this.index = Object.create(null) as Record<string, number>;
    this.headerOf = Object.create(null) as Record<string, string>;
    const normalized = table.header.map(normalizeHeader);
    for (const c of spec.columns) {
      const synonyms = c.headers.map(normalizeHeader);
      const at = normalized.findIndex((h) => synonyms.includes(h));
      this.index[c.key] = at;
      if (at >= 0) this.headerOf[c.key] = table.header[at] ?? c.key;
    }
  }

  static async open(spec: DatasetSpec, file: string, opts: DatasetOptions): Promise<Dataset> {
    const readOpts = {
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      ...(opts.sheet ? { sheet: opts.sheet } : {}),
      ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
    };
    const table = await openTable(file, readOpts);
    const ds = new Dataset(spec, table, opts);
    const missing = spec.columns.filter((c) => c.required && ds.index[c.key] === -1);
    if (missing.length > 0) {
      await table.close();
      const first = missing[0] as ColumnSpec;
      const names = missing.map((c) => `"${c.key}"`).join(", ");
      throw new InputError(
        { file, row: 1 },
        `missing required column${missing.length > 1 ? "s" : ""} ${names} for ${spec.name}`,
        `add a column headed "${first.key}" (also accepted: ${first.headers.slice(1, 5).join(", ")}); see "Files adapter columns" in the README`,
      );
    }
    return ds;
  }

  /** The same open file read through another dataset's columns (order lines on order rows). */
  static remap(spec: DatasetSpec, other: Dataset): Dataset {
    return new Dataset(spec, other.table, other.opts);
  }

  get file(): string {
    return this.table.file;
  }

  has(key: string): boolean {
    return (this.index[key] ?? -1) >= 0;
  }

  batches(): AsyncIterable<SourceRow[]> {
    return this.table.batches();
  }

  close(): Promise<void> {
    return this.table.close();
  }

  private raw(row: SourceRow, key: string): RawCell {
    const i = this.index[key] ?? -1;
    if (i < 0) return null;
    const v = row.cells[i];
    if (v === undefined || v === null) return null;
    if (typeof v === "string") {
      const t = v.trim();
      return t === "" ? null : t;
    }
    return v;
  }

  fail(row: SourceRow, key: string, problem: string, hint?: string): never {
    throw new InputError({ file: this.file, row: row.row, column: this.headerOf[key] ?? key }, problem, hint);
  }

  private check<T>(row: SourceRow, key: string, v: T | Problem, hint?: string): T {
    if (isProblem(v)) this.fail(row, key, v.problem, hint);
    return v as T;
  }

  private need(row: SourceRow, key: string): Exclude<RawCell, null> {
    const v = this.raw(row, key);
    if (v === null) this.fail(row, key, "is empty", `fill in the ${key} for every row`);
    return v;
  }

  text(row: SourceRow, key: string): string | undefined {
    const v = this.raw(row, key);
    if (v === null) return undefined;
    if (v instanceof Date) return v.toISOString();
    return String(v);
  }

  id(row: SourceRow, key: string): string {
    const v = this.need(row, key);
    if (v instanceof Date || typeof v === "boolean") this.fail(row, key, `"${String(v)}" is not an identifier`);
    return this.check(row, key, parseIdentifier(v));
  }

  optionalId(row: SourceRow, key: string): string | undefined {
    const v = this.raw(row, key);
    if (v === null) return undefined;
    if (v instanceof Date || typeof v === "boolean") this.fail(row, key, `"${String(v)}" is not an identifier`);
    return this.check(row, key, parseIdentifier(v));
  }

  integer(row: SourceRow, key: string, opts: { min?: number } = {}): number {
    const v = this.need(row, key);
    if (v instanceof Date || typeof v === "boolean") this.fail(row, key, `"${String(v)}" is not a whole number`);
    const n = this.check(row, key, parseInteger(v));
    if (opts.min !== undefined && n < opts.min) {
      this.fail(
        row,
        key,
        n < 0 ? `${n} is negative; expected a whole number of at least ${opts.min}` : `${n} is below ${opts.min}`,
        "fix the quantity in the file; returns belong in the returns file, not as negative quantities",
      );
    }
    return n;
  }

  optionalInteger(row: SourceRow, key: string): number | null {
    return this.raw(row, key) === null ? null : this.integer(row, key, { min: 0 });
  }

  money(row: SourceRow, key: string, currency: string): number {
    const v = this.need(row, key);
    if (v instanceof Date || typeof v === "boolean") this.fail(row, key, `"${String(v)}" is not an amount`);
    return this.check(row, key, parseMoney(v, currency));
  }

  optionalMoney(row: SourceRow, key: string, currency: string): number | null {
    return this.raw(row, key) === null ? null : this.money(row, key, currency);
  }

  dateTime(row: SourceRow, key: string): Date {
    const v = this.need(row, key);
    if (typeof v === "boolean") this.fail(row, key, "is not a date-time");
    return this.check(
      row,
      key,
      parseDateTime(v, this.opts.timezone),
      "write dates as 2026-11-03 14:05:09 (store time zone) or ISO 8601 with an offset",
    );
  }

  optionalDateTime(row: SourceRow, key: string): Date | null {
    return this.raw(row, key) === null ? null : this.dateTime(row, key);
  }

  day(row: SourceRow, key: string): string {
    const v = this.need(row, key);
    if (typeof v === "boolean") this.fail(row, key, "is not a date");
    return this.check(row, key, parseDay(v), "write days as 2026-11-03");
  }

  bool(row: SourceRow, key: string): boolean {
    const v = this.raw(row, key);
    if (v === null) return false;
    if (v instanceof Date) this.fail(row, key, "is a date, not yes/no");
    return this.check(row, key, parseBoolean(v));
  }

  rating(row: SourceRow, key: string): number | null {
    const v = this.raw(row, key);
    if (v === null) return null;
    if (v instanceof Date || typeof v === "boolean") this.fail(row, key, "is not a rating from 1 to 5");
    return this.check(row, key, parseRating(v));
  }

  currency(row: SourceRow, key: string): string {
    const v = this.text(row, key);
    if (v === undefined) return this.opts.currency;
    const code = v.trim().toUpperCase();
    const alias: Record<string, string> = { RMB: "CNY", 人民币: "CNY", "¥": "CNY", 元: "CNY", 美元: "USD", 港币: "HKD", 新台币: "TWD" };
    const c = alias[code] ?? code;
    if (!isCurrencyCode(c)) this.fail(row, key, `"${v}" is not a currency code`, "use an ISO 4217 code such as CNY or USD");
    return c;
  }
}
