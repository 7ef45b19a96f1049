/** Reads the demo fixtures as plain rows, for tests that compute figures independently. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { REPO } from "./cli.js";

export const DEMO_DIR = join(REPO, "fixtures", "demo-store");

export type CsvRow = Record<string, string>;

export function readDemo(name: "orders" | "order_lines" | "returns" | "traffic" | "tickets" | "products"): CsvRow[] {
  return parse(readFileSync(join(DEMO_DIR, `${name}.csv`)), { columns: true, skip_empty_lines: true }) as CsvRow[];
}

/** "129.90" -> 12990, by string arithmetic (the test's own, independent of src/). */
export function cents(s: string | undefined): number {
  if (!s) return 0;
  const neg = s.startsWith("-");
  const [i = "0", f = ""] = s.replace("-", "").split(".");
  const v = Number(i) * 100 + Number((f + "00").slice(0, 2));
  return neg ? -v : v;
}
