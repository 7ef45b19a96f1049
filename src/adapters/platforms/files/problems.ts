/**
 * Input problems collected across a whole file, so one run shows everything to fix: up to 20
 * distinct problems, grouped by kind (`"invoiced" is not a known status: rows 160, 412 and 37
 * more`), each with the config line or edit that fixes it.
 */
import { formatLocation, InputError } from "../../../core/errors.js";
import { msg } from "../../../core/i18n/index.js";

const MAX_KINDS = 20;

interface Kind {
  file: string;
  column: string | undefined;
  problem: string;
  hint: string | undefined;
  rows: number[];
  count: number;
  first: InputError;
}

export class ProblemLog {
  private readonly kinds = new Map<string, Kind>();
  /** Problems of kinds beyond the first 20. */
  private overflow = 0;
  total = 0;

  add(e: InputError): void {
    this.total++;
    const { file, row, column } = e.location;
    const prefix = `${formatLocation(e.location)}: `;
    const problem = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
    const key = `${file}\u0000${column ?? ""}\u0000${problem}`;
    const kind = this.kinds.get(key);
    if (kind) {
      kind.count++;
      if (row !== undefined && kind.rows.length < 2) kind.rows.push(row);
      return;
    }
    if (this.kinds.size >= MAX_KINDS) {
      this.overflow++;
      return;
    }
    this.kinds.set(key, { file, column, problem, hint: e.hint, rows: row === undefined ? [] : [row], count: 1, first: e });
  }

  get size(): number {
    return this.total;
  }

  /** Throws one InputError (exit 3) listing every kind; a single problem keeps its own message. */
  throwIfAny(): void {
    if (this.total === 0) return;
    const kinds = [...this.kinds.values()];
    if (this.total === 1 && kinds[0]) throw kinds[0].first;
    const lines: string[] = [];
    for (const k of kinds) {
      const where = k.column !== undefined ? `column "${k.column}": ` : "";
      lines.push(`  ${where}${k.problem}: ${rowsText(k.rows, k.count)}`);
      if (k.hint) lines.push(`    fix: ${k.hint}`);
    }
    if (this.overflow > 0) lines.push(`  and ${this.overflow} more problem(s) of other kinds`);
    const files = [...new Set(kinds.map((k) => k.file))];
    throw new InputError(
      { file: files.join(", ") },
      msg("files.problems", { count: this.total, kinds: `${kinds.length}${this.overflow > 0 ? "+" : ""}`, lines: lines.join("\n") }),
      msg("files.problems_hint"),
    );
  }
}

function rowsText(rows: number[], count: number): string {
  if (rows.length === 0) return count === 1 ? "1 time" : `${count} times`;
  if (count === 1) return `row ${rows[0]}`;
  if (count === 2 && rows.length === 2) return `rows ${rows[0]} and ${rows[1]}`;
  return `rows ${rows.join(", ")} and ${count - rows.length} more`;
}

/** Runs one record's parse; an input problem is logged and the record skipped. */
export function collect<T>(log: ProblemLog, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (e) {
    if (e instanceof InputError) {
      log.add(e);
      return undefined;
    }
    throw e;
  }
}
