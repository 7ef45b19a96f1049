/**
 * The state store contract (test/contract/state-store-contract.ts) on both backends: a SQLite file
 * and a PostgreSQL database on the test cluster (test/pg-global-setup.ts). Also what only Postgres
 * has: explicit migrations under a lock, and the refusal of a database behind on them.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ExitCode, UsageError } from "../../src/core/errors.js";
import { SyncRuns } from "../../src/store/digest-memory.js";
import { parseStateLocation } from "../../src/store/location.js";
import { MIGRATIONS, type Migration, migrationSql } from "../../src/store/migrations.js";
import { StateStore } from "../../src/store/state-store.js";
import { stateStoreContract } from "../contract/state-store-contract.js";
import { freshDatabase } from "../helpers/pg.js";

const root = mkdtempSync(join(tmpdir(), "merchops-state-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

stateStoreContract("SQLite", {
  open: async () => StateStore.openSqlite(join(root, `s${++seq}`, "state.db")),
  reopen: async (s) => StateStore.openSqlite(s.where),
});

async function migratedPostgres(): Promise<StateStore> {
  const url = await freshDatabase("contract");
  const fresh = await StateStore.open(parseStateLocation(url, root), { migrations: "none" });
  await fresh.migrate("test");
  await fresh.close();
  return StateStore.open(parseStateLocation(url, root));
}

stateStoreContract("PostgreSQL", {
  open: migratedPostgres,
  reopen: (s) => StateStore.open(s.location),
});

describe("PostgreSQL migrations", () => {
  it("a database behind on migrations is refused with the command to run; two hosts migrating at once apply each once", async () => {
    const url = await freshDatabase("migrate");
    const location = parseStateLocation(url, root);
    const err = await StateStore.open(location).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(ExitCode.usage);
    expect((err as UsageError).message).toContain(`schema version 0; this merchops needs ${MIGRATIONS.length}`);
    expect((err as UsageError).hint).toContain("merchops state migrate");

    const [a, b] = await Promise.all([
      StateStore.open(location, { migrations: "none" }),
      StateStore.open(location, { migrations: "none" }),
    ]);
    const [ra, rb] = await Promise.all([a.migrate("host-a"), b.migrate("host-b")]);
    expect([...ra.applied, ...rb.applied].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(await a.status()).toMatchObject({ backend: "postgres", version: MIGRATIONS.length, pending: 0 });
    const rows = await a.sql.all<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    await a.close();
    await b.close();
    const ok = await StateStore.open(location);
    expect(await ok.schemaVersion()).toBe(MIGRATIONS.length);
    await ok.close();
  });
});

describe("migration 12: the orders.run bookmark becomes the store's sync_runs record", () => {
  const bookmark = JSON.stringify({ startedAt: "2026-11-25T01:00:00.123Z", completedAt: "2026-11-25T01:02:03.456Z" });
  const expectCarried = async (state: StateStore) => {
    expect(await new SyncRuns(state).get("shop", "orders")).toMatchObject({
      runStartedAt: new Date("2026-11-25T01:00:00.123Z"),
      runCompletedAt: new Date("2026-11-25T01:02:03.456Z"),
      lastSuccessAt: new Date("2026-11-24T00:00:00Z"),
    });
    expect(await state.getBookmark("shop", "orders.run")).toBeUndefined();
  };

  it("SQLite: a file at version 11 is carried over on open", async () => {
    const path = join(root, "m12", "state.db");
    mkdirSync(join(root, "m12"));
    const raw = new Database(path);
    for (let v = 0; v < 11; v++) raw.exec(migrationSql(MIGRATIONS[v] as Migration, "sqlite"));
    raw.pragma("user_version = 11");
    raw.prepare("INSERT INTO sync_bookmarks VALUES ('shop', 'orders.run', ?, 0)").run(bookmark);
    raw
      .prepare("INSERT INTO sync_runs (store, stream, last_success_at) VALUES ('shop', 'orders', ?)")
      .run(Date.parse("2026-11-24T00:00:00Z"));
    raw.close();
    const state = StateStore.openSqlite(path);
    await expectCarried(state);
    await state.close();
  });

  it("PostgreSQL: a database at version 11 is carried over by state migrate", async () => {
    const url = await freshDatabase("m12");
    const state = await StateStore.open(parseStateLocation(url, root), { migrations: "none" });
    await state.sql.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_by TEXT NOT NULL)",
    );
    for (let v = 0; v < 11; v++) {
      await state.sql.exec(migrationSql(MIGRATIONS[v] as Migration, "postgres"));
      await state.sql.run("INSERT INTO schema_migrations (version, applied_by) VALUES (?, 'test')", [v + 1]);
    }
    await state.sql.run("INSERT INTO sync_bookmarks VALUES ('shop', 'orders.run', ?, 0)", [bookmark]);
    await state.sql.run("INSERT INTO sync_runs (store, stream, last_success_at) VALUES ('shop', 'orders', ?)", [
      Date.parse("2026-11-24T00:00:00Z"),
    ]);
    expect((await state.migrate("test")).applied).toEqual(MIGRATIONS.slice(11).map((_, i) => 12 + i));
    await expectCarried(state);
    await state.close();
  });
});

describe("the state setting", () => {
  it("reads postgres URLs with the password only as env:NAME; sqlite:path and plain paths are SQLite", () => {
    expect(parseStateLocation("sqlite:state/x.db", "/base")).toEqual({ backend: "sqlite", path: "/base/state/x.db" });
    expect(parseStateLocation("/abs/state.db", "/base")).toEqual({ backend: "sqlite", path: "/abs/state.db" });
    const pg = parseStateLocation(
      "postgres://ops@db.example:5432/merchops?password=env:PGPW&sslmode=verify-full&sslrootcert=/etc/ca.pem",
      "/b",
      {
        PGPW: "s3cret",
      },
    );
    expect(pg).toMatchObject({ backend: "postgres", password: "s3cret" });
    expect(pg.backend === "postgres" && pg.display).toBe(
      "postgres://ops@db.example:5432/merchops?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem",
    );
    expect(parseStateLocation("postgres://ops:env:PGPW@db/m", "/b", { PGPW: "x" })).toMatchObject({ password: "x" });
    expect(() => parseStateLocation("postgres://ops:hunter2@db/m", "/b", {})).toThrow(/only accepts it as an env:NAME/);
    expect(() => parseStateLocation("postgres://ops@db/m?password=env:MISSING", "/b", {})).toThrow(/MISSING, which is not set/);
  });
});
