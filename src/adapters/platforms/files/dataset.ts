/**
 * Opens one dataset of a files store (orders.csv, 退货.xlsx, ...), maps its headers onto the
 * column reference and hands out typed cells. Every problem names the file, the row and the
 * column as the file calls it.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DatasetMapping } from "../../../config/files-mapping.js";
import { InputError } from "../../../core/errors.js";
import { type Message, msg } from "../../../core/i18n/message.js";
import {
  isCurrencyCode,
  isProblem,
  type NumericDateOrder,
  numericDateEvidence,
  type Problem,
  parseBoolean,
  parseDateTime,
  parseDay,
  parseIdentifier,
  parseInteger,
  parseMoney,
  parseRating,
  reorderNumericDate,
} from "../../../core/values.js";
import type { ReadLimits } from "../../../io/limits.js";
import { type OpenedTable, openTable, type RawCell, type ReadOptions, type SourceRow } from "../../../io/read-table.js";
import { type ColumnSpec, DATASETS, type DatasetName, type DatasetSpec, normalizeHeader } from "./columns.js";
import { monthNameDate } from "./month-names.js";
import { detectProfile, type ExportProfile, profileById } from "./profiles.js";

const EXTENSIONS = [".csv", ".xlsx", ".tsv", ".txt", ".xlsm", ".xls"];

/**
 * A browser saving a second download of the same name appends " (1)" (Chrome, Edge, Firefox):
 * `orders_export (1).csv`, `orders_export_1 (2) (1).csv`. Such a copy is the same export.
 */
const BROWSER_COPY = "(?: ?\\(\\d+\\))*";

/**
 * Finds a dataset's file in the folder: an explicit name from config, else the known names, each
 * also as a browser's numbered copy. `onAmbiguous: "error"` refuses a folder where one name
 * matches several files (orders_export_1.csv and orders_export_2.csv are two downloads, perhaps of
 * different months): reading either one alone would be a guess. Without it the first in sorted
 * order is taken (`files inspect` of one file).
 */
export function findDatasetFile(
  dir: string,
  name: DatasetName,
  explicit?: string,
  onAmbiguous: "first" | "error" = "first",
): string | undefined {
  if (explicit) return resolve(dir, explicit);
  const spec = DATASETS[name];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  const byNormalized = new Map(entries.map((e) => [e.normalize("NFC").toLowerCase(), e]));
  const names = [...byNormalized.keys()].sort();
  const ext = `(${EXTENSIONS.map(escapeRegExp).join("|")})`;
  for (const base of spec.fileNames) {
    const stem = escapeRegExp(base.normalize("NFC").toLowerCase()).replace("\\*", ".*");
    // The exact name first (orders.csv beside "orders (1).csv" is the original), then copies.
    for (const re of [new RegExp(`^${stem}${ext}$`), new RegExp(`^${stem}${BROWSER_COPY}${ext}$`)]) {
      const hits = names.filter((n) => re.test(n) && existsSync(join(dir, byNormalized.get(n) as string)));
      const first = hits[0];
      if (first === undefined) continue;
      if (hits.length > 1 && onAmbiguous === "error") {
        const list = hits.map((h) => byNormalized.get(h) as string);
        throw new InputError(
          { file: join(dir, list[0] as string) },
          msg("files.ambiguous", { count: list.length, dataset: name, files: list.join(", ") }),
          msg("files.ambiguous_hint", { dataset: name, file: list[0] }),
        );
      }
      return join(dir, byNormalized.get(first) as string);
    }
  }
  return undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface DatasetOptions {
  timezone: string;
  currency: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  limits?: Partial<ReadLimits>;
  /** The store's mapping for this dataset (config `mapping.<dataset>`). */
  mapping?: DatasetMapping;
}

/** Cell values that mean "no value" in exports written by R, pandas and spreadsheets. */
const DEFAULT_MISSING = ["NA", "N/A", "#N/A", "null", "NULL", "None"];

/** Line keys a Shopify-style orders profile names for its line columns; others stay order columns. */
const LINE_KEYS = new Set([
  "sku",
  "quantity",
  "unit_price",
  "title",
  "product_id",
  "line_id",
  "line_total",
  "options",
  "size",
  "colour",
  "category",
]);

interface Resolved {
  index: Record<string, number>;
  headerOf: Record<string, string>;
  /** Headers named in the config mapping that the file does not have. */
  unknown: { key: string; header: string }[];
}

function resolveColumns(
  spec: DatasetSpec,
  header: readonly string[],
  profile: ExportProfile | undefined,
  mapping: DatasetMapping | undefined,
  asLines: boolean,
): Resolved {
  const normalized = header.map(normalizeHeader);
  const index = Object.create(null) as Record<string, number>;
  const headerOf = Object.create(null) as Record<string, string>;
  const unknown: Resolved["unknown"] = [];
  const find = (names: string | readonly string[]) => {
    for (const n of typeof names === "string" ? [names] : names) {
      const at = normalized.indexOf(normalizeHeader(n));
      if (at >= 0) return at;
    }
    return -1;
  };
  const fromProfile = (key: string): string | readonly string[] | undefined => {
    if (!profile) return undefined;
    if (!asLines) return profile.columns[key];
    return profile.columns[`line_${key}`] ?? (LINE_KEYS.has(key) || profile.dataset === "order_lines" ? profile.columns[key] : undefined);
  };
  // Headers a profile gives to some column are not up for grabs by another column's synonyms
  // (抖店's 商品金额 is a line amount, not the order subtotal the reference's synonym would make it).
  const claimed = new Set<number>();
  for (const names of Object.values(profile?.columns ?? {})) {
    const at = find(names);
    if (at >= 0) claimed.add(at);
  }
  const findFree = (names: readonly string[]) => {
    for (const n of names) {
      const at = normalized.indexOf(normalizeHeader(n));
      if (at >= 0 && !claimed.has(at)) return at;
    }
    return -1;
  };
  for (const c of spec.columns) {
    let at = -1;
    const explicit = Object.hasOwn(mapping?.columns ?? {}, c.key) ? mapping?.columns?.[c.key] : undefined;
    if (explicit !== undefined) {
      at = find(explicit);
      if (at < 0) unknown.push({ key: c.key, header: typeof explicit === "string" ? explicit : explicit.join(" / ") });
    } else {
      const named = fromProfile(c.key);
      if (named !== undefined) at = find(named);
      // A profile that names a column decides it: its synonyms could pick another platform column.
      else if (!asLines || !profile || LINE_KEYS.has(c.key) || profile.dataset === "order_lines") at = findFree(c.headers);
    }
    index[c.key] = at;
    if (at >= 0) headerOf[c.key] = header[at] ?? c.key;
  }
  return { index, headerOf, unknown };
}

/**
 * A header that is one cell holding a whole comma-separated line ("Name,Email,Financial
 * Status,…;"): a spreadsheet opened the export as one column and saved it with its own delimiter
 * (a Spanish or German Excel: `;`), wrapping each data line in quotes. No column can be found in
 * it, and "order_id is missing" would send the user after the wrong cause: say what happened.
 */
async function refuseLineInOneCell(file: string, table: OpenedTable): Promise<void> {
  const filled = table.header.filter((h) => h.trim() !== "");
  const only = filled[0];
  if (filled.length !== 1 || only === undefined) return;
  const inner = [",", "\t", ";"].find((d) => d !== table.delimiter && only.split(d).length >= 4);
  if (inner === undefined) return;
  await table.close();
  throw new InputError(
    { file, row: table.headerRow },
    msg("orders.line_in_one_cell", {
      cell: `${only.slice(0, 40)}…`,
      delimiter: table.delimiter === "\t" ? "tab" : (table.delimiter ?? ""),
    }),
    msg("orders.line_in_one_cell_hint"),
  );
}

/** 04.03.2024 (10:00): a date written with dots. */
const DOTTED_DATE = /^\d{1,2}\.\d{1,2}\.\d{2,4}(\s|$)/;

/**
 * "1.234,56", "10,50", "€ 1.234,5", "1 249,90 €" (French: a narrow no-break space between
 * thousands, as PrestaShop's export writes it): an amount written with a decimal comma.
 */
const DECIMAL_COMMA = /^[^\d-]*-?\d{1,3}([.\u00a0\u202f ]\d{3})*,\d{1,2}[^\d]*$|^[^\d-]*-?\d+,\d{1,2}[^\d]*$/;

/** An open dataset: header mapping done, rows to come. */
export class Dataset {
  /** Column index per column key, -1 when the file lacks it. */
  private readonly index: Record<string, number>;
  private readonly headerOf: Record<string, string>;
  private readonly missingValues: Set<string>;
  /** How numeric dates (03/04/2024) of this file read; set from config or detected at open. */
  dateOrder: NumericDateOrder | undefined;
  /** The config section whose mapping this dataset reads: a Shopify file's line columns are set under orders. */
  mappingName: string;

  private constructor(
    readonly spec: DatasetSpec,
    readonly table: OpenedTable,
    readonly opts: DatasetOptions,
    readonly profile: ExportProfile | undefined,
    resolved: Resolved,
  ) {
    this.index = resolved.index;
    this.headerOf = resolved.headerOf;
    this.missingValues = new Set([...DEFAULT_MISSING, ...(profile?.missing ?? []), ...(opts.mapping?.missing ?? [])]);
    const order = opts.mapping?.dateOrder;
    this.dateOrder = order === "DMY" || order === "MDY" ? order : undefined;
    this.mappingName = spec.name;
  }

  static async open(spec: DatasetSpec, file: string, opts: DatasetOptions): Promise<Dataset> {
    const readOpts = {
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      ...(opts.sheet ? { sheet: opts.sheet } : {}),
      ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
    };
    // 生意参谋 prints the shop and the date range above the header, one filled cell each; order
    // exports saved by hand or by a report tool carry a title line too ("Orders report generated
    // 2024-04-01"): every dataset skips single-cell rows above its header, which has at least two
    // columns in any usable export.
    const isHeader = (cells: readonly string[]) => cells.filter((c) => c.trim() !== "").length >= 2;
    // Wix writes the delivery address columns twice: a repeated name is refused only where it is
    // a column merchops reads (which of the two to read would be a guess), see refuseReadTwice.
    const tableOpts: ReadOptions = { ...readOpts, isHeaderRow: isHeader, duplicateHeaders: "allow" };
    const table = await openTable(file, tableOpts);
    await refuseLineInOneCell(file, table);
    const profile = pickProfile(spec.name, table.header, opts.mapping);
    if (profile?.refuse && !opts.mapping?.columns) {
      await table.close();
      throw new InputError({ file, row: table.headerRow }, profile.refuse.problem, profile.refuse.hint);
    }
    const resolved = resolveColumns(spec, table.header, profile, opts.mapping, false);
    const ds = new Dataset(spec, table, opts, profile, resolved);
    try {
      ds.refuseReadTwice();
    } catch (e) {
      await table.close();
      throw e;
    }
    const where = `stores.<store>.mapping.${spec.name}.columns`;
    if (resolved.unknown.length > 0) {
      await table.close();
      const u = resolved.unknown[0] as { key: string; header: string };
      throw new InputError(
        { file, row: 1 },
        msg("files.mapping_unknown_header", { header: u.header, key: u.key }),
        msg("files.mapping_unknown_header_hint", {
          setting: `${where}.${u.key}`,
          headers: `${table.header.slice(0, 12).join(", ")}${table.header.length > 12 ? ", ..." : ""}`,
        }),
      );
    }
    const defaults = { ...profile?.defaults, ...opts.mapping?.defaults };
    const missing = spec.columns.filter((c) => c.required && ds.index[c.key] === -1 && !Object.hasOwn(defaults, c.key));
    if (missing.length > 0) {
      await table.close();
      const first = missing[0] as ColumnSpec;
      const names = missing.map((c) => `"${c.key}"`).join(", ");
      throw new InputError(
        { file, row: 1 },
        profile
          ? msg("files.missing_required_profile", { count: missing.length, names, dataset: spec.name, profile: profile.label })
          : msg("files.missing_required", { count: missing.length, names, dataset: spec.name }),
        msg("files.missing_required_hint", {
          setting: `${where}: { ${first.key}: "<header>" }`,
          also: first.headers.slice(1, 5).join(", "),
        }),
      );
    }
    if (!ds.dateOrder) await ds.detectDateOrder(tableOpts);
    return ds;
  }

  /** The same open file read through another dataset's columns (order lines on order rows). */
  static remap(spec: DatasetSpec, other: Dataset): Dataset {
    const ds = new Dataset(
      spec,
      other.table,
      other.opts,
      other.profile,
      resolveColumns(spec, other.table.header, other.profile, other.opts.mapping, true),
    );
    ds.dateOrder = other.dateOrder;
    ds.mappingName = other.mappingName;
    ds.refuseReadTwice();
    return ds;
  }

  /** A column merchops reads whose name the header carries twice: which one to read cannot be told. */
  private refuseReadTwice(): void {
    const header = this.table.header;
    for (const [key, at] of Object.entries(this.index)) {
      if (at < 0) continue;
      const name = normalizeHeader(header[at] ?? "");
      const second = header.findIndex((h, i) => i !== at && normalizeHeader(h) === name);
      if (second < 0) continue;
      throw new InputError(
        { file: this.file, row: 1, column: header[at] ?? key },
        msg("io.duplicate_column", {
          first: header[at] ?? key,
          firstColumn: `column ${Math.min(at, second) + 1}`,
          second: header[second] ?? key,
          secondColumn: `column ${Math.max(at, second) + 1}`,
        }),
        msg("io.duplicate_column_hint"),
      );
    }
  }

  /**
   * Reads the date columns once through when the first rows hold numeric dates (31/12/2023):
   * one cell with a first part above 12 makes the column day-first, one with a second part above
   * 12 month-first; both, or neither, is an error asking for `dateOrder`.
   */
  private async detectDateOrder(readOpts: ReadOptions): Promise<void> {
    const keys = this.spec.columns.filter((c) => (c.type === "datetime" || c.type === "date") && this.has(c.key)).map((c) => c.key);
    if (keys.length === 0) return;
    const scan = await openTable(this.file, readOpts);
    let dmy: { row: number; key: string } | undefined;
    let mdy: { row: number; key: string } | undefined;
    let dotted: { row: number; key: string } | undefined;
    let numeric = false;
    let rows = 0;
    try {
      for await (const batch of scan.batches()) {
        for (const row of batch) {
          rows++;
          for (const key of keys) {
            const v = row.cells[this.index[key] ?? -1];
            if (typeof v !== "string") continue;
            const e = numericDateEvidence(v);
            if (e === null) continue;
            numeric = true;
            if (e === "DMY") dmy ??= { row: row.row, key };
            if (e === "MDY") mdy ??= { row: row.row, key };
            if (e === "either" && DOTTED_DATE.test(v.trim())) dotted ??= { row: row.row, key };
          }
        }
        // Exports write one date style: when the first rows have none, the file has none.
        if (!numeric && rows >= 200) return;
        if (dmy && mdy) break;
      }
    } finally {
      await scan.close();
    }
    if (!numeric) return;
    const fix = msg("files.date_order_fix", { setting: `stores.<store>.mapping.${this.spec.name}.dateOrder` });
    if (dmy && mdy) {
      throw new InputError(
        { file: this.file, row: mdy.row, column: this.headerOf[mdy.key] ?? mdy.key },
        msg("files.dates_mixed", { row: dmy.row }),
        fix,
      );
    }
    // 04.03.2024 is day-first wherever dots are written (German, Russian, Polish, Swiss back
    // offices, Excel in those locales); month-first dates are written with slashes.
    if (!dmy && !mdy && dotted) dmy = dotted;
    if (!dmy && !mdy) {
      const key = keys[0] as string;
      throw new InputError({ file: this.file, column: this.headerOf[key] ?? key }, msg("files.dates_ambiguous"), fix);
    }
    this.dateOrder = dmy ? "DMY" : "MDY";
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

  /** The header this column key was read from (for messages and --explain). */
  header(key: string): string | undefined {
    return this.headerOf[key];
  }

  private raw(row: SourceRow, key: string): RawCell {
    const i = this.index[key] ?? -1;
    if (i < 0) {
      const d = this.opts.mapping?.defaults?.[key] ?? this.profile?.defaults?.[key];
      return d === undefined ? null : d;
    }
    const v = row.cells[i];
    if (v === undefined || v === null) return null;
    if (typeof v === "string") {
      // Shopify and Excel protect zip codes and ids with a leading apostrophe.
      let t = v.trim();
      // ="1930679858170647": Excel's text guard, as Taobao exports write order ids.
      if (t.startsWith('="') && t.endsWith('"') && t.length >= 3) t = t.slice(2, -1);
      if (t === "" || this.missingValues.has(t)) return null;
      return t;
    }
    return v;
  }

  /** The cell under a header no merchops column reads (a profile's test-order marker), as text. */
  cellUnder(row: SourceRow, header: string): string | undefined {
    const i = this.table.header.indexOf(header);
    const v = i < 0 ? undefined : row.cells[i];
    return v === undefined || v === null ? undefined : String(v);
  }

  /** The cell as text, for comparing an order's columns across its rows. */
  rawText(row: SourceRow, key: string): string | undefined {
    const v = this.raw(row, key);
    return v === null ? undefined : v instanceof Date ? v.toISOString() : String(v);
  }

  fail(row: SourceRow, key: string, problem: string | Message, hint?: string | Message): never {
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

  integer(row: SourceRow, key: string, opts: { min?: number; negativeHint?: string } = {}): number {
    const v = this.need(row, key);
    if (v instanceof Date || typeof v === "boolean") this.fail(row, key, `"${String(v)}" is not a whole number`);
    const n = this.check(row, key, parseInteger(v));
    if (opts.min !== undefined && n < opts.min) {
      if (opts.negativeHint && n < 0) this.fail(row, key, `${n} is negative`, opts.negativeHint);
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
    const decimalComma = this.opts.mapping?.decimalComma === true;
    const parsed = parseMoney(v, currency, decimalComma && typeof v === "string");
    if (isProblem(parsed) && !decimalComma && typeof v === "string" && DECIMAL_COMMA.test(v.trim())) {
      this.fail(row, key, parsed.problem, msg("orders.decimal_comma_hint", { dataset: this.mappingName }));
    }
    return this.check(row, key, parsed);
  }

  optionalMoney(row: SourceRow, key: string, currency: string): number | null {
    return this.raw(row, key) === null ? null : this.money(row, key, currency);
  }

  dateTime(row: SourceRow, key: string): Date {
    const v = this.need(row, key);
    if (typeof v === "boolean") this.fail(row, key, "is not a date-time");
    const named = typeof v === "string" ? monthNameDate(v) : undefined;
    if (named) return this.check(row, key, parseDateTime(named, this.opts.timezone));
    if (typeof v === "string" && this.dateOrder) {
      const iso = reorderNumericDate(v, this.dateOrder);
      if (iso) return this.check(row, key, parseDateTime(iso, this.opts.timezone), `dates are read ${this.dateOrder}`);
    }
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
    const named = typeof v === "string" ? monthNameDate(v) : undefined;
    if (named) return named.slice(0, 10);
    if (typeof v === "string" && this.dateOrder) {
      const iso = reorderNumericDate(v, this.dateOrder);
      if (iso) return iso.slice(0, 10);
    }
    return this.check(
      row,
      key,
      parseDay(typeof v === "string" ? v.replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, "") : v),
      "write days as 2026-11-03",
    );
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

function pickProfile(dataset: DatasetName, header: readonly string[], mapping: DatasetMapping | undefined): ExportProfile | undefined {
  const forced = mapping?.profile;
  if (forced === "none") return undefined;
  if (forced) {
    const p = profileById(forced);
    if (!p) throw new InputError({ file: "config" }, msg("files.not_a_profile", { profile: forced }), msg("files.not_a_profile_hint"));
    return p;
  }
  return detectProfile(dataset, header);
}
