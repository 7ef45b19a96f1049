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
      const { stateStatusDocument, stateStatusJson } = await import("../services/present-state.js");
      const { emit } = await import("../services/output.js");
      try {
        const r = await stateStatus(s.ctx);
        // The state serves every store: its times are shown in the configured zone, else this machine's.
        const tz = s.ctx.opts.timezone ?? s.loaded.config.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
        await emit(stateStatusDocument(r, s.lang, tz), stateStatusJson(r, tz), {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          width: s.terminal.width,
          write: (t) => process.stdout.write(t),
        });
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
      const { stateMigrateJson, stateMigrateText } = await import("../services/present-state.js");
      try {
        const r = await stateMigrate(s.ctx);
        process.stdout.write(
          s.format === "json" ? `${JSON.stringify(stateMigrateJson(r), null, 2)}\n` : `${stateMigrateText(r, s.lang)}\n`,
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
      const { stateCopyDocument, stateCopyJson } = await import("../services/present-state.js");
      const { emit } = await import("../services/output.js");
      try {
        const r = await stateCopy(s.ctx, options);
        await emit(stateCopyDocument(r, s.lang), stateCopyJson(r), {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          width: s.terminal.width,
          write: (t) => process.stdout.write(t),
        });
      } finally {
        await s.ctx.close();
      }
    });
  return state;
}
