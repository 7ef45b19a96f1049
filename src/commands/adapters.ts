import { Command } from "commander";

export function adaptersCommand(): Command {
  const adapters = new Command("adapters").description("The platform and courier adapters merchops can use");
  adapters
    .command("list")
    .description("List platform and courier adapters (built-in and from config plugins) with their capabilities")
    .addHelpText("after", "\nExamples:\n  $ merchops adapters list\n  $ merchops adapters list --json")
    .action(async (_options: unknown, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { listAdapters } = await import("../services/list-adapters.js");
      const { emit } = await import("../services/output.js");
      try {
        const result = await listAdapters(s.ctx);
        await emit(result.document, result.json, {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          write: (t) => process.stdout.write(t),
        });
      } finally {
        await s.ctx.close();
      }
    });
  return adapters;
}
