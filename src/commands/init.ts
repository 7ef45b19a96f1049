import { Command, Option } from "commander";

interface InitFlags {
  storeName?: string;
  platform?: "files" | "local" | "shopify" | "woocommerce" | "youzan";
  dir?: string;
  address?: string;
  tokenEnv?: string;
  keyEnv?: string;
  secretEnv?: string;
  clientId?: string;
  kdtId?: string;
  timezone?: string;
  currency?: string;
  template?: "files-store" | "files-store-zh";
  force?: boolean;
}

export function initCommand(): Command {
  return new Command("init")
    .description("Write a merchops.config.yaml: asks on a terminal, or takes flags (cron, CI, scripts)")
    .option("--store-name <name>", "name of the store to configure (becomes defaultStore)")
    .addOption(new Option("--platform <platform>", "where the data is").choices(["files", "local", "shopify", "woocommerce", "youzan"]))
    .option("--dir <path>", "files store: the folder of exported spreadsheets")
    .option("--address <shop-or-url>", "shopify: the shop domain (acme.myshopify.com); woocommerce: the site (https://shop.example)")
    .option("--token-env <NAME>", "shopify: the env var holding the Admin API access token (default <STORE>_SHOPIFY_TOKEN)")
    .option("--key-env <NAME>", "woocommerce: the env var holding the consumer key (default <STORE>_WC_KEY)")
    .option("--secret-env <NAME>", "woocommerce: the env var holding the consumer secret; youzan: the client secret")
    .option("--client-id <id>", "youzan: the app's client id")
    .option("--kdt-id <id>", "youzan: the shop id (kdt_id) the app is authorised for")
    .option("--timezone <zone>", "IANA time zone for days and periods (default: this machine's)")
    .option("--currency <code>", "ISO 4217 currency (default CNY)")
    .addOption(
      new Option(
        "--template <name>",
        "files store: a folder that does not exist yet is created with this template's files (else empty)",
      ).choices(["files-store", "files-store-zh"]),
    )
    .option("--force", "replace an existing merchops.config.yaml")
    .addHelpText(
      "after",
      `
Examples:
  $ merchops init                                           asks on a terminal
  $ merchops init --store-name client --platform files --dir ./client-exports --timezone Asia/Shanghai --currency CNY
  $ merchops init --store-name shop --platform shopify --address acme.myshopify.com --token-env SHOP_TOKEN --currency USD --timezone America/New_York
  $ merchops init --store-name wc --platform woocommerce --address https://shop.example --key-env WC_KEY --secret-env WC_SECRET`,
    )
    .action(async (flags: InitFlags, cmd: Command) => {
      const { setup, contextFor } = await import("./shared.js");
      const s = await setup(cmd);
      const { UsageError } = await import("../core/errors.js");
      const { msg } = await import("../core/i18n/index.js");
      const { loadConfig } = await import("../config/load.js");
      const svc = await import("../services/init-config.js");
      try {
        let answers: InitAnswersInput = {
          storeName: flags.storeName,
          platform: flags.platform,
          dir: flags.dir,
          address: flags.address,
          tokenEnv: flags.tokenEnv,
          keyEnv: flags.keyEnv,
          secretEnv: flags.secretEnv,
          clientId: flags.clientId,
          kdtId: flags.kdtId,
          timezone: flags.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
          currency: flags.currency ?? "CNY",
        };
        const missing = [
          !answers.storeName && "--store-name",
          !answers.platform && "--platform",
          answers.platform === "files" && !answers.dir && "--dir",
          (answers.platform === "shopify" || answers.platform === "woocommerce") && !answers.address && "--address",
          answers.platform === "youzan" && !answers.clientId && "--client-id",
          answers.platform === "youzan" && !answers.kdtId && "--kdt-id",
        ].filter((x): x is string => Boolean(x));
        const force = Boolean(flags.force);
        // Before any question: an existing config would make every answer wasted.
        svc.configPathFor(process.cwd(), { force });
        if (missing.length > 0) {
          if (!s.terminal.input) {
            throw new UsageError(msg("init.needs_flags", { flags: missing.join(", ") }), msg("init.needs_flags_hint"));
          }
          const { askInit } = await import("../ui/prompts.js");
          answers = await askInit(answers, { color: s.terminal.color, ask: { timezone: !flags.timezone, currency: !flags.currency } });
        }
        const checked = svc.validateAnswers(answers as never);
        if (checked.platform === "files" && checked.dir && !svc.folderExists(process.cwd(), checked.dir)) {
          const { askFolderSetup } = await import("../ui/prompts.js");
          const choice = flags.template ?? (s.terminal.input ? await askFolderSetup(checked.dir) : "empty");
          const made = await svc.prepareExportsFolder(process.cwd(), checked.dir, choice);
          s.log.info(
            made.files.length > 0
              ? msg("init.created_with", { dir: made.dir, files: made.files.join(", ") })
              : msg("init.created_empty", { dir: made.dir }),
          );
        }
        const path = await svc.writeInitialConfig(process.cwd(), checked, { force });
        s.log.info(msg("common.wrote", { path }));
        const full = { ...svc.defaultEnvNames(checked), ...Object.fromEntries(Object.entries(checked).filter(([, v]) => v !== undefined)) };
        const unset = svc.envVarsFor(full as never).filter((v) => !process.env[v]);
        if (unset.length > 0) {
          // Nothing to check before the credentials exist; the check is the next step.
          s.log.info(
            msg("init.set_env", {
              names: unset.length === 2 ? msg("init.env_and", { a: unset[0], b: unset[1] }) : unset.join(", "),
              first: unset[0],
            }),
          );
          s.log.info(msg("init.then_check"));
          return;
        }
        const ctx = await contextFor(loadConfig({ path }), s.globals, s.log, s.terminal);
        try {
          const result = await svc.checkNewStore(ctx, checked);
          if (result.ok) s.log.info(msg("init.check_ok", { store: checked.storeName, platform: checked.platform }));
          else s.log.warn(msg("init.check_failed", { store: checked.storeName, problem: result.message }));
          for (const line of result.next) s.log.info(line);
        } finally {
          await ctx.close();
        }
      } finally {
        await s.ctx.close();
      }
    });
}

type InitAnswersInput = import("../ui/prompts.js").InitDefaults;
