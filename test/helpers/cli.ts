/** Runs the built binary the way a user or cron does: a child process, no TTY. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execa } from "execa";

export const REPO = resolve(import.meta.dirname, "..", "..");
export const BIN = join(REPO, "bin", "merchops.js");
/** A fixed "now" for reproducible reports: the demo data's last day (2026-11-24) is yesterday. */
export const DEMO_NOW = "2026-11-25T09:00:00+08:00";

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; input?: string },
): Promise<CliResult> {
  const r = await execa("node", [BIN, ...args], {
    cwd: opts.cwd,
    reject: false,
    // The language is English unless a test asks: the machine's own locale must not decide.
    env: {
      NO_COLOR: "1",
      MERCHOPS_NOW: DEMO_NOW,
      LANG: "C.UTF-8",
      LC_ALL: undefined,
      LC_MESSAGES: undefined,
      MERCHOPS_LANG: undefined,
      ...opts.env,
    },
    extendEnv: true,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: "ignore" }),
    timeout: 120_000,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function tempDir(prefix = "merchops-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
