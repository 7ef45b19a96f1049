/**
 * Faults round 2: the disk and the state store fail under a run. A report that does not fit (a
 * file-size limit, as a full disk) leaves no file and exits 3 naming it; a device or pipe given as
 * --out is written into, never replaced by a file; a damaged state file, one another program keeps
 * locked, and a full disk under the state store are each said as such (exit 3, 6, 3), never
 * "internal error". No test depends on speed: the lock test waits out SQLite's own 5 s busy timeout.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  createReadStream,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../helpers/cli.js";

const t = tempDir("merchops-hostile-faults-");
afterAll(() => t.cleanup());
const state = join(t.dir, ".merchops", "state.db");
const pristine = join(t.dir, "pristine.db");

beforeAll(async () => {
  const r = await runCli(["kpi", "report", "--quiet"], { cwd: t.dir });
  expect(r.exitCode, r.stderr).toBe(0);
  // One file, no WAL beside it: a copy of it is the whole store.
  const db = new Database(state);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  copyFileSync(state, pristine);
}, 300_000);

/** Puts the pristine store back, without the WAL and shared-memory files of a previous case. */
function freshState(): void {
  for (const f of readdirSync(join(t.dir, ".merchops")))
    if (f.startsWith("state.db-")) rmSync(join(t.dir, ".merchops", f), { force: true });
  copyFileSync(pristine, state);
}

/** The CLI under `ulimit -f` (512-byte blocks): a write past it fails with EFBIG, as on a full disk. */
function cliWithFileLimit(blocks: number, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", `ulimit -f ${blocks}; exec node "$0" "$@"`, BIN, ...args], {
      cwd: t.dir,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MERCHOPS_"))),
        NO_COLOR: "1",
        LANG: "C.UTF-8",
        MERCHOPS_NOW: "2026-11-25T09:00:00+08:00",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("the disk refuses a report", () => {
  it("a report larger than the file-size limit: exit 3 naming it, no file and no temp file left, the old one intact", async () => {
    writeFileSync(join(t.dir, "kpi.html"), "old report\n");
    const r = await cliWithFileLimit(40, ["kpi", "report", "--state", ":memory:", "--out", "kpi.html", "--quiet"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/kpi\.html: no room to write the file \(EFBIG/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readdirSync(t.dir).filter((f) => f.includes("kpi.html"))).toEqual(["kpi.html"]);
    expect(readFileSync(join(t.dir, "kpi.html"), "utf8")).toBe("old report\n");
  }, 300_000);

  it("a pipe given as --out is written into, and stays a pipe", async () => {
    const fifo = join(t.dir, "report.pipe");
    execFileSync("mkfifo", [fifo]);
    const got: Buffer[] = [];
    const reader = new Promise<string>((resolve) => {
      createReadStream(fifo)
        .on("data", (c) => got.push(c as Buffer))
        .on("end", () => resolve(Buffer.concat(got).toString()));
    });
    const r = await runCli(["kpi", "report", "--format", "csv", "--out", fifo, "--quiet"], { cwd: t.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await reader).toMatch(/^metric,value/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(t.dir).filter((f) => f.startsWith(".report.pipe"))).toEqual([]);
  }, 300_000);
});

describe("the state store fails", () => {
  it("a damaged page found mid-report: exit 3 naming the state file, with .recover and backup advice", async () => {
    freshState();
    // Twenty pages of 0xFF in the middle of the file: the header is fine, so opening it succeeds.
    const fd = openSync(state, "r+");
    writeSync(fd, Buffer.alloc(4096 * 20, 0xff), 0, 4096 * 20, 4096 * 50);
    closeSync(fd);
    const r = await runCli(["kpi", "report", "--quiet"], { cwd: t.dir });
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stderr).toContain(`${state}: the state store is damaged (database disk image is malformed)`);
    expect(r.stderr).toContain(".recover");
    expect(r.stderr).not.toMatch(/internal error|a bug in merchops/);
  }, 300_000);

  it("another program keeps it locked: exit 6 naming the file once SQLite's busy timeout runs out", async () => {
    freshState();
    const holder = new Database(state);
    holder.exec("BEGIN EXCLUSIVE");
    try {
      const r = await runCli(["kpi", "report", "--quiet"], { cwd: t.dir });
      expect(r.exitCode, r.stderr).toBe(6);
      expect(r.stderr).toContain(`${state}: another program kept the state store locked`);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    const after = await runCli(["kpi", "report", "--quiet"], { cwd: t.dir });
    expect(after.exitCode, after.stderr).toBe(0);
  }, 300_000);

  it("a full disk under the state store: exit 3 saying so, and never advising to move the file away", async () => {
    freshState();
    const big = await cliWithFileLimit(1, ["kpi", "report", "--quiet"]);
    expect(big.code, big.stderr).toBe(3);
    expect(big.stderr).toMatch(/the disk refused the state store .*full, over a size limit or failing/);
    expect(big.stderr).toMatch(/keep the state file/);
    expect(big.stderr).not.toMatch(/move it away|internal error/);
    expect(existsSync(state)).toBe(true);
  }, 300_000);
});
