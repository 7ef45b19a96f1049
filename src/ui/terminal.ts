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
}

export function detectTerminal(flags: { color?: boolean; input?: boolean }, env: NodeJS.ProcessEnv = process.env): TerminalInfo {
  const ci = Boolean(env.CI && env.CI !== "false" && env.CI !== "0");
  const interactive = Boolean(process.stderr.isTTY) && !ci && env.TERM !== "dumb";
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const color =
    flags.color !== false && !noColor && env.TERM !== "dumb" && (Boolean(process.stdout.isTTY) || env.FORCE_COLOR !== undefined);
  const input = flags.input !== false && Boolean(process.stdin.isTTY) && !ci;
  return { interactive, color, input };
}

const codes = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] } as const;

export function paint(enabled: boolean) {
  const wrap = (name: keyof typeof codes) => (s: string) => (enabled ? `\u001b[${codes[name][0]}m${s}\u001b[${codes[name][1]}m` : s);
  return { red: wrap("red"), green: wrap("green"), yellow: wrap("yellow"), dim: wrap("dim"), bold: wrap("bold") };
}
