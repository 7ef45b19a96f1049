import { Command } from "commander";

export function templatesCommand(): Command {
  const templates = new Command("templates").description("The spreadsheet templates users fill in");
  templates.addHelpText("after", "\nExamples:\n  $ merchops templates list\n  $ merchops templates copy catalog .");
  templates
    .command("list")
    .description("List the templates")
    .addHelpText("after", "\nExamples:\n  $ merchops templates list")
    .action(async (_o: unknown, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { listTemplates, templatesJson } = await import("../services/templates.js");
      const { emit } = await import("../services/output.js");
      const list = listTemplates();
      await emit(
        {
          title: "Templates",
          meta: [],
          charts: [],
          notes: ["Copy one with: merchops templates copy <name> [folder]"],
          tables: [
            {
              id: "templates",
              // The document's title already says "Templates": the table has none of its own.
              title: "",
              empty: "No templates are installed.",
              columns: [
                { key: "name", label: "Name", kind: "text", priority: 1 },
                { key: "files", label: "Files", kind: "text", priority: 3 },
                { key: "description", label: "Description", kind: "text", priority: 1 },
              ],
              rows: list.map((t) => ({ cells: { name: t.name, files: t.files.join(", "), description: t.description } })),
            },
          ],
        },
        templatesJson(list),
        {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          width: s.terminal.width,
          write: (t) => process.stdout.write(t),
        },
      );
    });
  templates
    .command("copy <name> [folder]")
    .description("Copy a template's files into a folder (default: ./<name>)")
    .option("--force", "replace files that already exist there")
    .addHelpText(
      "after",
      "\nExamples:\n  $ merchops templates copy files-store-zh ./client-exports\n  $ merchops templates copy files-store",
    )
    .action(async (name: string, folder: string | undefined, options: { force?: boolean }, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { copyTemplate } = await import("../services/templates.js");
      const { msg } = await import("../core/i18n/index.js");
      const { dir, files } = await copyTemplate(name, folder ?? name, { force: Boolean(options.force) });
      s.log.info(msg("templates.copied", { files: files.join(", "), dir }));
    });
  return templates;
}
