/**
 * What the terminal allows: colour, spinners, prompts. Decided once from the streams and the
 * environment, following clig.dev and the NO_COLOR convention.
 */
export interface TerminalInfo {
  /** stderr is an interactive terminal: spinners allowed. */
  interactive: boolean;
  /** Colour allowed on stdout/stderr. */
  color: boolean;
  /** Prompts allowed: stdin is a TTY and neither --no-input nor CI says otherwise. */
  input: boolean;
  /** Display columns tables must fit; undefined with --wide (every column, full width). */
  width: number | undefined;
}

/** Tables fit this when neither the terminal nor COLUMNS says: wide enough for most reports, narrow enough for mail. */
export const DEFAULT_WIDTH = 100;

/** The terminal's width when stdout is one, else COLUMNS (cron, pipes, tests), else DEFAULT_WIDTH. */
export function terminalWidth(
  env: NodeJS.ProcessEnv = process.env,
  stdout: { isTTY?: boolean; columns?: number } = process.stdout,
): number {
  if (stdout.isTTY && stdout.columns !== undefined && stdout.columns > 0) return stdout.columns;
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return DEFAULT_WIDTH;
}

export function detectTerminal(
  flags: { color?: boolean; input?: boolean; wide?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): TerminalInfo {
  const ci = Boolean(env.CI && env.CI !== "false" && env.CI !== "0");
  const interactive = Boolean(process.stderr.isTTY) && !ci && env.TERM !== "dumb";
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const color =
    flags.color !== false && !noColor && env.TERM !== "dumb" && (Boolean(process.stdout.isTTY) || env.FORCE_COLOR !== undefined);
  const input = flags.input !== false && Boolean(process.stdin.isTTY) && !ci;
  return { interactive, color, input, width: flags.wide ? undefined : terminalWidth(env) };
}

const codes = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] } as const;

export function paint(enabled: boolean) {
  const wrap = (name: keyof typeof codes) => (s: string) => (enabled ? `\u001b[${codes[name][0]}m${s}\u001b[${codes[name][1]}m` : s);
  return { red: wrap("red"), green: wrap("green"), yellow: wrap("yellow"), dim: wrap("dim"), bold: wrap("bold") };
}
