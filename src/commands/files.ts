import { Command } from "commander";

export function filesCommand(): Command {
  const files = new Command("files").description("Look into a folder of exported spreadsheets before using it as a files store");
  files.addHelpText(
    "after",
    "\nExamples:\n  $ merchops files inspect ./client-exports       which dataset each file is, and which columns are read",
  );
  files
    .command("inspect <path>")
    .description("Show the datasets, export profiles and columns merchops recognizes, what it cannot map, and the first rows it will read")
    .option("--encoding <label>", "force the CSV encoding (gb18030, utf-8, ...)")
    .addHelpText(
      "after",
      `
Exit 3 when a file cannot be read as any dataset. With --store, the store's mapping from the config is applied.

Examples:
  $ merchops files inspect ./client-exports
  $ merchops files inspect ./client-exports/orders_export_1.csv --json`,
    )
    .action(async (path: string, options: { encoding?: string }, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { inspectFiles } = await import("../services/inspect-files.js");
      const { emit } = await import("../services/output.js");
      const { InputError } = await import("../core/errors.js");
      try {
        const config = s.ctx.opts.loaded.config;
        const storeName = s.globals.store;
        const store = storeName
          ? (config.stores?.[storeName] as { mapping?: unknown; currency?: string; timezone?: string } | undefined)
          : undefined;
        const result = await inspectFiles({
          path,
          timezone: store?.timezone ?? config.timezone ?? "UTC",
          currency: store?.currency ?? config.currency ?? "USD",
          ...(options.encoding ? { encoding: options.encoding } : {}),
          ...(store?.mapping ? { mapping: store.mapping as never } : {}),
          lang: s.lang,
        });
        await emit(result.document, result.json, {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          width: s.terminal.width,
          write: (t) => process.stdout.write(t),
        });
        if (result.datasets.length > 0 && result.datasets.every((d) => d.problem)) {
          const first = result.datasets[0];
          const { msg } = await import("../core/i18n/index.js");
          throw new InputError({ file: first?.file ?? path }, msg("files.inspect.nothing"), first?.hint ?? msg("files.inspect.see_notes"));
        }
      } finally {
        await s.ctx.close();
      }
    });
  return files;
}
