import { Command, Option } from "commander";

interface InitFlags {
  storeName?: string;
  platform?: "files" | "local";
  dir?: string;
  timezone?: string;
  currency?: string;
  force?: boolean;
}

export function initCommand(): Command {
  return new Command("init")
    .description("Write a merchops.config.yaml: asks on a terminal, or takes flags (cron, CI, scripts)")
    .option("--store-name <name>", "name of the store to configure (becomes defaultStore)")
    .addOption(new Option("--platform <platform>", "where the data is").choices(["files", "local"]))
    .option("--dir <path>", "files store: the folder of exported spreadsheets")
    .option("--timezone <zone>", "IANA time zone for days and periods (default: this machine's)")
    .option("--currency <code>", "ISO 4217 currency (default CNY)")
    .option("--force", "replace an existing merchops.config.yaml")
    .addHelpText(
      "after",
      `
Examples:
  $ merchops init                                           asks on a terminal
  $ merchops init --store-name client --platform files --dir ./client-exports --timezone Asia/Shanghai --currency CNY`,
    )
    .action(async (flags: InitFlags, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { UsageError } = await import("../core/errors.js");
      const { writeInitialConfig } = await import("../services/init-config.js");
      const answers = {
        storeName: flags.storeName,
        platform: flags.platform,
        dir: flags.dir,
        timezone: flags.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        currency: flags.currency ?? "CNY",
      };
      const missing = [
        !answers.storeName && "--store-name",
        !answers.platform && "--platform",
        answers.platform === "files" && !answers.dir && "--dir",
      ].filter((x): x is string => Boolean(x));
      if (missing.length > 0) {
        if (!s.terminal.input) {
          throw new UsageError(
            `init needs ${missing.join(", ")} when it cannot ask (no terminal, --no-input or CI)`,
            "pass them as flags; see merchops init --help",
          );
        }
        const { askInit } = await import("../ui/prompts.js");
        Object.assign(answers, await askInit(answers));
      }
      try {
        const path = await writeInitialConfig(process.cwd(), answers as never, { force: Boolean(flags.force) });
        s.log.info(`wrote ${path}; try: merchops kpi report`);
      } finally {
        await s.ctx.close();
      }
    });
}
