/**
 * Which columns of a header are a 1688 尺码 matrix's sizes (cn-size-matrix.ts reads such sheets).
 * Apart from the expander so that header mapping can use it without an import cycle.
 */
import type { AttributeDictionary } from "../attributes/index.js";

/** The field the size columns of a matrix are mapped to (the row parser reads them through the expander). */
export const SIZE_MATRIX_FIELD = "cn:sizeMatrix";

/**
 * The indices of a size matrix's columns in a header, or [] when the sheet has none. `fieldOf`
 * is the field each header maps to without the matrix (undefined: unknown).
 */
export function sizeMatrixColumns(
  headers: readonly string[],
  fieldOf: (index: number) => string | undefined,
  dict: AttributeDictionary,
): number[] {
  const fields = headers.map((_, i) => fieldOf(i));
  if (!fields.includes("attr:colour") || fields.includes("attr:size") || fields.includes("inventory")) return [];
  let best: number[] = [];
  let run: number[] = [];
  const isSize = (i: number) => {
    const h = (headers[i] ?? "").trim();
    return h !== "" && fields[i] === undefined && dict.standardize("size", h).ok;
  };
  for (let i = 0; i <= headers.length; i++) {
    if (i < headers.length && isSize(i)) {
      run.push(i);
      continue;
    }
    if (run.length > best.length) best = run;
    run = [];
  }
  return best.length >= 2 ? best : [];
}
