/**
 * Input problems collected across a whole file, so one run shows everything to fix: up to 20
 * distinct problems, grouped by kind (`"invoiced" is not a known status: rows 160, 412 and 37
 * more`), each with the config line or edit that fixes it.
 */
import { InputError } from "../../../core/errors.js";
import { english, type Message, msg } from "../../../core/i18n/index.js";

const MAX_KINDS = 20;

interface Kind {
  file: string;
  column: string | undefined;
  problem: Message | string;
  hint: Message | string | undefined;
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
    const problem = e.problem;
    const key = `${file}\u0000${column ?? ""}\u0000${english(problem)}`;
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
    this.kinds.set(key, { file, column, problem, hint: e.hintText, rows: row === undefined ? [] : [row], count: 1, first: e });
  }

  get size(): number {
    return this.total;
  }

  /** Throws one InputError (exit 3) listing every kind; a single problem keeps its own message. */
  throwIfAny(): void {
    if (this.total === 0) return;
    const kinds = [...this.kinds.values()];
    if (this.total === 1 && kinds[0]) throw kinds[0].first;
    const lines: Message[] = [];
    for (const k of kinds) {
      const rows = rowsText(k.rows, k.count);
      lines.push(
        k.column !== undefined
          ? msg("files.problem_in_column", { column: k.column, problem: k.problem, rows })
          : msg("files.problem_line", { problem: k.problem, rows }),
      );
      if (k.hint) lines.push(msg("files.problem_fix", { hint: k.hint }));
    }
    if (this.overflow > 0) lines.push(msg("files.problems_more", { n: this.overflow }));
    const files = [...new Set(kinds.map((k) => k.file))];
    throw new InputError(
      { file: files.join(", ") },
      msg("files.problems", { count: this.total, kinds: `${kinds.length}${this.overflow > 0 ? "+" : ""}`, lines: linesOf(lines) }),
      msg("files.problems_hint"),
    );
  }
}

/** Lines as one message, each rendered in the run's language when printed. */
function linesOf(lines: readonly Message[]): Message | string {
  const [first, ...rest] = lines;
  if (first === undefined) return "";
  return rest.reduce<Message>((a, b) => msg("common.line_pair", { a, b }), first);
}

function rowsText(rows: number[], count: number): Message {
  if (rows.length === 0) return msg("files.rows.times", { n: count });
  if (count === 1) return msg("files.rows.one", { row: rows[0] ?? 0 });
  if (count === 2 && rows.length === 2) return msg("files.rows.two", { a: rows[0] ?? 0, b: rows[1] ?? 0 });
  return msg("files.rows.more", { rows: rows.join(", "), n: count - rows.length });
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
