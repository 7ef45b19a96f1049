/**
 * Our temp files beside an output: `.<name>.<pid>.<12 hex>.tmp`. A run killed with SIGKILL (or a
 * power cut) leaves one behind; the next write to the same output removes those whose process is
 * gone. Files of a live process (another run writing the same output) are left alone.
 */
import { randomBytes } from "node:crypto";
import { readdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A fresh temp path beside `abs` (an absolute path). */
export function tempPathFor(abs: string): string {
  return join(dirname(abs), `.${basename(abs)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes stale temp files of ours beside `abs`; returns the names removed. Never throws. */
export async function removeStaleTemps(abs: string): Promise<string[]> {
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(abs))}\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dirname(abs));
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    try {
      await unlink(join(dirname(abs), name));
      removed.push(name);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}
