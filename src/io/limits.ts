/**
 * Size limits for reading untrusted files: what stops a zip bomb, a runaway cell or an unclosed
 * quote before it exhausts memory. Every limit has a config key (`limits:` in merchops.config.yaml)
 * and every refusal names the limit and that key, so a merchant with a genuinely big file can raise
 * it. The README's "Limits" section lists them.
 */

export interface ReadLimits {
  /** XLSX: total size of all parts once decompressed, in MB. */
  xlsxExpandedMB: number;
  /** XLSX: decompressed / compressed size of one part above `RATIO_GRACE_BYTES`. */
  xlsxRatio: number;
  /** XLSX: characters in one cell (Excel itself stops at 32,767). */
  cellChars: number;
  /** CSV and XLSX: one row (record) in MB. */
  rowMB: number;
  /**
   * XLSX: worksheets in one workbook. merchops reads one, but a streaming reader passes every
   * sheet stored before it (and, in Excel's part order, spools them all until the shared strings
   * arrive): 3,000 tiny sheets took 23-46 s.
   */
  xlsxSheets: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  // 1 GiB: a million-row order export is ~300 MB of sheet XML.
  xlsxExpandedMB: 1024,
  // Excel's own XML compresses 5-20x; highly repetitive sheets reach ~100x. Bombs are 1000x and more.
  xlsxRatio: 200,
  cellChars: 1_000_000,
  rowMB: 16,
  // Excel workbooks carry a handful; a sheet per day of a year still fits.
  xlsxSheets: 500,
};

/** Parts smaller than this once expanded are never refused for their ratio (nothing to fear). */
export const RATIO_GRACE_BYTES = 4 * 1024 * 1024;
/**
 * Columns in one header: Excel's own limit (column XFD). A wider "header" is a wrong delimiter or
 * a hostile file, and reading a million columns took two minutes and 650 MB before this check.
 */
export const MAX_COLUMNS = 16_384;
/** Entries in one workbook; Excel writes a few dozen. */
export const MAX_ZIP_ENTRIES = 10_000;

export const LIMIT_KEYS: Record<keyof ReadLimits, string> = {
  xlsxExpandedMB: "limits.xlsxExpandedMB",
  xlsxRatio: "limits.xlsxRatio",
  cellChars: "limits.cellChars",
  rowMB: "limits.rowMB",
  xlsxSheets: "limits.xlsxSheets",
};

export function resolveLimits(partial: Partial<ReadLimits> | undefined): ReadLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}

export const MB = 1024 * 1024;

/** The hint of every limit refusal: how to raise it. */
export function limitHint(key: keyof ReadLimits, value: number): string {
  return `if the file is genuine, raise ${LIMIT_KEYS[key]} (now ${value}) in merchops.config.yaml; if it came from a stranger, do not open it`;
}

/** 1234567890 -> "1.15 GB" (decimal, as file managers show sizes). */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} bytes`;
}
