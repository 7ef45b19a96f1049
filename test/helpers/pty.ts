/**
 * Drives the built CLI in a pseudo-terminal, as a person at a keyboard would, through `script`
 * (util-linux on Linux: package bsdutils, Essential on Debian and Ubuntu, so present on every CI
 * image; BSD `script` on macOS). No native module: node-pty would need a compiler at install.
 *
 * Nothing here waits on time: each step waits until the screen shows what it expects (`waitFor`),
 * then types. A prompt that never comes fails the step with the screen so far, after a generous
 * limit that only a hang reaches.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { stripVTControlCharacters } from "node:util";
import { BIN, DEMO_NOW } from "./cli.js";

export const KEYS = { enter: "\r", down: "\u001b[B", up: "\u001b[A", backspace: "\u007f", ctrlU: "\u0015" } as const;

/**
 * Why pty tests cannot run on this machine (they are then skipped), or undefined when they can. On
 * CI they must run: a missing `script` there is an error, not a skip.
 */
export function ptyUnavailable(): string | undefined {
  const why =
    process.platform !== "linux" && process.platform !== "darwin"
      ? `no pty driver for ${process.platform}`
      : spawnSync("sh", ["-c", "command -v script"], { stdio: "ignore" }).status === 0
        ? undefined
        : "`script` not found: install util-linux / bsdutils (Debian: apt-get install bsdutils)";
  if (why && process.env.CI && process.env.CI !== "false") throw new Error(`pty tests cannot run on CI: ${why}`);
  return why;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface PtySession {
  /** Everything shown so far, escape sequences removed. */
  screen(): string;
  /** Resolves once `text` appears after the previous match; the next wait starts after it. */
  waitFor(text: string | RegExp, limitMs?: number): Promise<string>;
  type(text: string): void;
  press(key: keyof typeof KEYS): void;
  /** Waits for `prompt`, then types `text` (if any), waits for its echo, and presses Enter. */
  answer(prompt: string | RegExp, text?: string): Promise<void>;
  /** The exit code, once the CLI has exited. */
  exited: Promise<number>;
  kill(): void;
}

export function runInPty(
  args: string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; cols?: number; rows?: number },
): PtySession {
  const cols = opts.cols ?? 100;
  const rows = opts.rows ?? 40;
  // stty gives the terminal a size (script's own has none when its stdin is a pipe).
  const command = `stty cols ${cols} rows ${rows} 2>/dev/null; exec node ${[BIN, ...args].map(shellQuote).join(" ")}`;
  const argv = process.platform === "darwin" ? ["-q", "/dev/null", "sh", "-c", command] : ["-qfec", command, "/dev/null"];
  const env: Record<string, string | undefined> = { ...process.env, MERCHOPS_NOW: DEMO_NOW, TERM: "xterm-256color", ...opts.env };
  // CI turns prompts off (as it should for the real CI job); this test is a person at a terminal.
  delete env.CI;
  delete env.NO_COLOR;
  const child: ChildProcess = spawn("script", argv, { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
  let raw = "";
  let mark = 0;
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    raw += d.toString("utf8");
    for (const l of [...listeners]) l();
  };
  // Keys typed after the CLI has exited go nowhere; that is not an error of the test.
  child.stdin?.on("error", () => {});
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  let closed = false;
  void exited.then(() => {
    closed = true;
    for (const l of [...listeners]) l();
  });
  const screen = () => stripVTControlCharacters(raw);

  const session: PtySession = {
    screen,
    async answer(prompt, text) {
      await session.waitFor(prompt);
      if (text !== undefined) {
        session.type(text);
        await session.waitFor(text);
      }
      session.press("enter");
    },
    waitFor(text, limitMs = 60_000) {
      return new Promise<string>((resolve, reject) => {
        const check = () => {
          const s = screen();
          const rest = s.slice(mark);
          const at = typeof text === "string" ? rest.indexOf(text) : rest.search(text);
          if (at >= 0) {
            const matched = typeof text === "string" ? text : (rest.match(text)?.[0] ?? "");
            mark += at + matched.length;
            cleanup();
            resolve(rest.slice(0, at + matched.length));
          } else if (closed) {
            cleanup();
            reject(new Error(`the CLI exited before showing ${String(text)}; screen:\n${s}`));
          }
        };
        // The limit only ends a hung run; no step depends on how fast the machine is.
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${String(text)} did not appear; screen:\n${screen()}`));
        }, limitMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    type(text) {
      child.stdin?.write(text);
    },
    press(key) {
      child.stdin?.write(KEYS[key]);
    },
    exited,
    kill() {
      child.kill("SIGKILL");
    },
  };
  return session;
}
