import { Command } from "commander";

export function stateCommand(): Command {
  const state = new Command("state").description("The state store: status, migrations (team mode on PostgreSQL), copying a state");
  state.addHelpText(
    "after",
    `
The state store is a SQLite file by default (.merchops/state.db). Team mode keeps it on PostgreSQL:
  state: postgres://merchops@db.internal:5432/merchops?password=env:MERCHOPS_PG_PASSWORD&sslmode=verify-full
in merchops.config.yaml, or MERCHOPS_STATE / --state. See the README's "Team mode" section.`,
  );

  state
    .command("status")
    .description("Backend, schema version, pending migrations and the locks held now")
    .action(async (_o: unknown, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { stateStatus } = await import("../services/state-admin.js");
      const { emit } = await import("../services/output.js");
      try {
        const r = await stateStatus(s.ctx);
        await emit(
          {
            title: "State store",
            meta: [
              ["Backend", r.backend],
              ["Location", r.location],
              ["Schema version", `${r.version} of ${r.latest}`],
              ["Pending migrations", String(r.pending)],
              ...(r.lockReleaseBoundSeconds !== null
                ? [["Lock of a vanished host released within", `${r.lockReleaseBoundSeconds} s`] as [string, string]]
                : []),
            ],
            charts: [],
            notes: r.pending > 0 ? ["Run `merchops state migrate` to apply the pending migrations."] : [],
            tables: [
              {
                id: "locks",
                title: "Locks held",
                columns: [
                  { key: "store", label: "Store", kind: "text" },
                  { key: "job", label: "Job", kind: "text" },
                  { key: "host", label: "Host", kind: "text" },
                  { key: "pid", label: "PID", kind: "integer" },
                  { key: "command", label: "Command", kind: "text" },
                  { key: "since", label: "Since", kind: "text" },
                ],
                rows: r.locks.map((l) => ({
                  cells: { store: l.store, job: l.job, host: l.host, pid: l.pid, command: l.command, since: l.acquiredAt.toISOString() },
                })),
              },
            ],
          },
          {
            schema_version: 1,
            backend: r.backend,
            location: r.location,
            version: r.version,
            latest: r.latest,
            pending: r.pending,
            lock_release_bound_seconds: r.lockReleaseBoundSeconds,
            locks: r.locks.map((l) => ({
              store: l.store,
              job: l.job,
              host: l.host,
              pid: l.pid,
              command: l.command,
              acquired_at: l.acquiredAt.toISOString(),
            })),
          },
          {
            format: s.format,
            ...(s.globals.out ? { out: s.globals.out } : {}),
            color: s.terminal.color,
            write: (t) => process.stdout.write(t),
          },
        );
      } finally {
        await s.ctx.close();
      }
    });

  state
    .command("migrate")
    .description("Apply the pending schema migrations (PostgreSQL; a SQLite file migrates itself when opened)")
    .addHelpText(
      "after",
      `
Run it once after upgrading merchops, from one host: a second host running it at the same time
waits for the first (a migration lock) and then finds nothing to do. Until it ran, merchops refuses
a PostgreSQL state that is behind (exit 2, naming this command).`,
    )
    .action(async (_o: unknown, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { stateMigrate } = await import("../services/state-admin.js");
      try {
        const r = await stateMigrate(s.ctx);
        const json = { schema_version: 1, backend: r.backend, location: r.location, from: r.from, to: r.to, applied: r.applied };
        if (s.format === "json") process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        else
          process.stdout.write(
            r.applied.length === 0
              ? `The state store at ${r.location} is up to date (schema version ${r.to}).\n`
              : `Applied migrations ${r.applied.join(", ")} to ${r.location}: schema version ${r.from} -> ${r.to}.\n`,
          );
      } finally {
        await s.ctx.close();
      }
    });

  state
    .command("copy")
    .description("Copy a whole state into an empty one: a SQLite file into PostgreSQL (team mode), or back")
    .requiredOption("--from <state>", "the state to copy: a SQLite path, sqlite:path or postgres://...")
    .requiredOption("--to <state>", "the empty state to fill: postgres://... or a SQLite path (migrated first)")
    .addHelpText(
      "after",
      `
Each table is copied in one transaction and checked by its row count and a checksum read back from
the target. Stopped half way (Ctrl-C, a lost connection), run the same command again: it goes on
with the first table not done. Stop the cron jobs while it runs.

Examples:
  $ merchops state copy --from .merchops/state.db --to "postgres://merchops@db:5432/merchops?password=env:PGPW"
  $ merchops state copy --from "postgres://merchops@db/merchops" --to backup/state.db`,
    )
    .action(async (options: { from: string; to: string }, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { stateCopy } = await import("../services/state-admin.js");
      const { emit } = await import("../services/output.js");
      try {
        const r = await stateCopy(s.ctx, options);
        await emit(
          {
            title: "State copy",
            meta: [
              ["From", r.from],
              ["To", r.to],
            ],
            charts: [],
            notes: ["Every table's row count and checksum match the source."],
            tables: [
              {
                id: "tables",
                title: "Tables",
                columns: [
                  { key: "table", label: "Table", kind: "text" },
                  { key: "rows", label: "Rows", kind: "integer" },
                  { key: "checksum", label: "Checksum", kind: "text" },
                  { key: "copied", label: "Copied", kind: "text" },
                ],
                rows: r.tables.map((t) => ({
                  cells: { table: t.table, rows: t.rows, checksum: t.checksum, copied: t.skipped ? "by an earlier run" : "now" },
                })),
              },
            ],
          },
          {
            schema_version: 1,
            from: r.from,
            to: r.to,
            tables: r.tables.map((t) => ({ table: t.table, rows: t.rows, checksum: t.checksum, resumed: t.skipped })),
            elapsed_ms: r.elapsedMs,
          },
          {
            format: s.format,
            ...(s.globals.out ? { out: s.globals.out } : {}),
            color: s.terminal.color,
            write: (t) => process.stdout.write(t),
          },
        );
      } finally {
        await s.ctx.close();
      }
    });
  return state;
}
