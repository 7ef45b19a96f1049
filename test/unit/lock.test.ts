import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ExitCode, InputError, LockHeldError } from "../../src/core/errors.js";
import { acquireLock, type HeldLock } from "../../src/store/lock.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { StateStore } from "../../src/store/state-store.js";

const root = mkdtempSync(join(tmpdir(), "merchops-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let seq = 0;
const opened: StateStore[] = [];
const held: HeldLock[] = [];
afterEach(async () => {
  for (const l of held.splice(0)) await l.release();
  for (const s of opened.splice(0)) await s.close();
});

function freshPath(): string {
  return join(root, `s${++seq}`, "state.db");
}
function open(path = freshPath()): StateStore {
  const s = StateStore.openSqlite(path);
  opened.push(s);
  return s;
}
async function take(
  state: StateStore,
  store: string,
  job: string,
  opts: Parameters<typeof acquireLock>[3] = { command: "merchops orders sync" },
): Promise<HeldLock> {
  const lock = await acquireLock(state, store, job, opts);
  held.push(lock);
  return lock;
}
async function lockError(p: Promise<unknown>): Promise<LockHeldError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LockHeldError);
  return e as LockHeldError;
}

/** A pid that surely belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  expect(r.pid).toBeGreaterThan(0);
  return r.pid as number;
}

function plantLock(
  state: StateStore,
  store: string,
  job: string,
  row: { pid: number; host: string; heartbeatAgoMs: number; command?: string },
): void {
  const now = Date.now();
  state.db
    .prepare(
      "INSERT INTO locks (store, job, holder_pid, holder_host, holder_cmd, acquired_at, heartbeat_at, token) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      store,
      job,
      row.pid,
      row.host,
      row.command ?? "merchops orders sync",
      now - row.heartbeatAgoMs,
      now - row.heartbeatAgoMs,
      "planted",
    );
}

// One run per (store, job): a second is refused with exit 6, naming who holds it.
describe("acquireLock", () => {
  it("refuses a second holder of the same (store, job), naming pid and command", async () => {
    const state = open();
    const first = await take(state, "demo", "orders-sync", { command: "merchops orders sync --since 2026-11-01" });
    expect(first.holder.pid).toBe(process.pid);
    const e = await lockError(acquireLock(state, "demo", "orders-sync", { command: "merchops orders sync" }));
    expect(e.exitCode).toBe(ExitCode.locked);
    expect(e.exitCode).toBe(6);
    expect(e.message).toContain(`pid ${process.pid}`);
    expect(e.message).toContain("merchops orders sync --since 2026-11-01");
    expect(e.message).toContain(hostname());
    expect(e.hint).toMatch(/--wait/);
  });

  it("sees the lock from a second connection to the same file (another process's view)", async () => {
    const path = freshPath();
    const a = open(path);
    const b = open(path);
    await take(a, "demo", "kpi-report");
    await lockError(acquireLock(b, "demo", "kpi-report", { command: "merchops kpi report" }));
  });

  it("lets a different job or a different store through", async () => {
    const state = open();
    await take(state, "demo", "orders-sync");
    await expect(take(state, "demo", "shipments-sync")).resolves.toBeDefined();
    await expect(take(state, "main", "orders-sync")).resolves.toBeDefined();
    expect((state.db.prepare("SELECT COUNT(*) AS n FROM locks").get() as { n: number }).n).toBe(3);
  });

  it("can be taken again once released; releasing twice is harmless", async () => {
    const state = open();
    const lock = await take(state, "demo", "orders-sync");
    await lock.release();
    await lock.release();
    expect((state.db.prepare("SELECT COUNT(*) AS n FROM locks").get() as { n: number }).n).toBe(0);
    await expect(take(state, "demo", "orders-sync")).resolves.toBeDefined();
  });

  it("with waitSeconds, waits for the holder to release and tells once who it waits for", async () => {
    const state = open();
    const first = await take(state, "demo", "orders-sync", { command: "merchops orders sync (first)" });
    const waitedFor: string[] = [];
    // The holder finishes once the second run says it waits: an event, not a timer racing the poll.
    const second = await take(state, "demo", "orders-sync", {
      command: "merchops orders sync (second)",
      waitSeconds: 60,
      onWait: (h) => {
        waitedFor.push(h.command);
        first.release();
      },
    });
    expect(second.holder.command).toBe("merchops orders sync (second)");
    expect(waitedFor).toEqual(["merchops orders sync (first)"]);
  });

  it("with waitSeconds, gives up with exit 6 when the holder outlasts the wait", async () => {
    const state = open();
    await take(state, "demo", "orders-sync");
    const started = Date.now();
    const e = await lockError(acquireLock(state, "demo", "orders-sync", { command: "x", waitSeconds: 0.4 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(e.exitCode).toBe(6);
    expect(e.hint).toMatch(/raise --wait/);
  });

  it("takes over a lock whose holder died on this host", async () => {
    const state = open();
    const pid = deadPid();
    plantLock(state, "demo", "orders-sync", { pid, host: hostname(), heartbeatAgoMs: 0 });
    const lock = await take(state, "demo", "orders-sync");
    expect(lock.holder.pid).toBe(process.pid);
    const row = state.db.prepare("SELECT holder_pid FROM locks WHERE store = 'demo' AND job = 'orders-sync'").get() as {
      holder_pid: number;
    };
    expect(row.holder_pid).toBe(process.pid);
  });

  it("takes over a lock from another host whose heartbeat stopped, but not one that is still beating", async () => {
    const state = open();
    plantLock(state, "demo", "orders-sync", { pid: 4242, host: "other-host.example", heartbeatAgoMs: 10 * 60_000 });
    await expect(take(state, "demo", "orders-sync")).resolves.toBeDefined();
    plantLock(state, "demo", "kpi-report", {
      pid: 4242,
      host: "other-host.example",
      heartbeatAgoMs: 5_000,
      command: "merchops kpi report",
    });
    const e = await lockError(acquireLock(state, "demo", "kpi-report", { command: "merchops kpi report" }));
    expect(e.message).toContain("pid 4242 on other-host.example");
  });

  it("a holder that was taken over cannot release its successor's lock", async () => {
    const state = open();
    const old = await take(state, "demo", "orders-sync");
    // The old holder is presumed dead (as if its pid had gone) and a new run takes over.
    state.db.prepare("UPDATE locks SET holder_pid = ? WHERE store = 'demo' AND job = 'orders-sync'").run(deadPid());
    await take(state, "demo", "orders-sync", { command: "successor" });
    await old.release();
    const e = await lockError(acquireLock(state, "demo", "orders-sync", { command: "third" }));
    expect(e.message).toContain("successor");
  });
});

// The state store's schema version follows the migrations, and a newer file is refused.
describe("StateStore migrations", () => {
  it("a fresh file (in a folder that does not exist yet) gets every migration", async () => {
    const path = freshPath();
    const s = open(path);
    expect(existsSync(path)).toBe(true);
    expect(await s.schemaVersion()).toBe(MIGRATIONS.length);
    expect(s.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    const tables = (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(["meta", "locks", "orders", "order_lines", "returns", "traffic", "tickets", "products", "variants"]),
    );
  });

  it("opening an existing file again changes nothing and keeps the data", async () => {
    const path = freshPath();
    const a = StateStore.openSqlite(path);
    await a.setMeta("demo", "seeded_from", "fixtures/demo-store");
    a.close();
    const b = open(path);
    expect(await b.schemaVersion()).toBe(MIGRATIONS.length);
    expect(await b.getMeta("demo", "seeded_from")).toBe("fixtures/demo-store");
    const c = open(path); // a second connection at the same time
    expect(await c.schemaVersion()).toBe(MIGRATIONS.length);
  });

  it("refuses a file written by a newer merchops (InputError naming the versions)", () => {
    const path = freshPath();
    StateStore.openSqlite(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    let err: unknown;
    try {
      open(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(ExitCode.inputRejected);
    expect((err as InputError).message).toContain(`schema version ${MIGRATIONS.length + 1}`);
    expect((err as InputError).hint).toMatch(/upgrade/);
  });

  it("a path it cannot create is an InputError, not a crash", () => {
    const blocker = join(root, `file${++seq}`);
    StateStore.openSqlite(join(blocker, "x.db")).close(); // creates blocker/ as a folder...
    const asFile = join(blocker, "x.db", "nested", "state.db"); // ...and x.db is a file, so this cannot be a folder
    expect(() => StateStore.openSqlite(asFile)).toThrow(InputError);
  });
});
