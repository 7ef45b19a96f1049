import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock } from "../../src/store/lock.js";
import { StateStore } from "../../src/store/state-store.js";
import { runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Resolves when the child has written `text` to stderr. */
function saidOnStderr(child: { stderr: NodeJS.ReadableStream | null }, text: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stderr?.on("data", (d: Buffer) => {
      seen += d.toString("utf8");
      if (text.test(seen)) resolve();
    });
    child.stderr?.on("end", () => reject(new Error(`the run ended without saying ${text}: ${seen}`)));
  });
}

describe("the per-store, per-job lock", () => {
  it("a second run exits 6 naming the holder; with --wait it runs once the holder is done", async () => {
    const state = StateStore.openSqlite(join(tmp.dir, ".merchops", "state.db"));
    const lock = await acquireLock(state, "demo", "kpi report", { command: "merchops kpi report (test holder)" });
    try {
      const r = await runCli(["kpi", "report"], { cwd: tmp.dir });
      expect(r.exitCode).toBe(6);
      expect(r.stderr).toContain(`pid ${process.pid}`);
      expect(r.stderr).toContain("test holder");
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");

      const { execa } = await import("execa");
      const { BIN, DEMO_NOW } = await import("../helpers/cli.js");
      const waiting = execa("node", [BIN, "kpi", "report", "--wait", "30"], {
        cwd: tmp.dir,
        reject: false,
        env: { MERCHOPS_NOW: DEMO_NOW, NO_COLOR: "1" },
      });
      // Released once the run says it waits (an event, not a guess at how long node takes to start).
      await saidOnStderr(waiting, /waiting for the lock/);
      await lock.release();
      const w = await waiting;
      expect(w.exitCode).toBe(0);
      expect(w.stdout).toContain("KPI report");
    } finally {
      await lock.release();
      await state.close();
    }
  });

  it("SIGTERM while waiting for the lock stops at once with exit 130", async () => {
    const { execa } = await import("execa");
    const { BIN, DEMO_NOW } = await import("../helpers/cli.js");
    const state = StateStore.openSqlite(join(tmp.dir, ".merchops", "state.db"));
    const lock = await acquireLock(state, "demo", "kpi report", { command: "merchops kpi report (test holder)" });
    try {
      const started = Date.now();
      const child = execa("node", [BIN, "kpi", "report", "--wait", "60"], {
        cwd: tmp.dir,
        reject: false,
        env: { MERCHOPS_NOW: DEMO_NOW, NO_COLOR: "1" },
      });
      await saidOnStderr(child, /waiting for the lock/);
      child.kill("SIGTERM");
      const r = await child;
      expect(r.exitCode).toBe(130);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(String(r.stderr)).toMatch(/interrupted while waiting/);
    } finally {
      await lock.release();
      await state.close();
    }
  });

  it("a lock left by a dead process is taken over", async () => {
    const state = StateStore.openSqlite(join(tmp.dir, ".merchops", "state.db"));
    state.db
      .prepare("INSERT OR REPLACE INTO locks VALUES ('demo', 'kpi report', 999999, ?, 'dead', 0, 0, 'x')")
      .run((await import("node:os")).hostname());
    state.close();
    const r = await runCli(["kpi", "report", "--quiet"], { cwd: tmp.dir });
    expect(r.exitCode).toBe(0);
  });
});
