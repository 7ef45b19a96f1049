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
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { UsageError } = await import("../core/errors.js");
      const { writeInitialConfig, envVarsFor, defaultEnvNames } = await import("../services/init-config.js");
      const answers = {
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
        const full = {
          ...(answers.storeName && answers.platform ? defaultEnvNames(answers as never) : {}),
          ...Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)),
        };
        const vars = envVarsFor(full as never);
        s.log.info(`wrote ${path}`);
        if (vars.length > 0) {
          s.log.info(`set ${vars.join(" and ")} in the environment (never in the file), e.g. export ${vars[0]}=...`);
          s.log.info("then check the connection: merchops adapters check");
        } else s.log.info("try: merchops kpi report");
      } finally {
        await s.ctx.close();
      }
    });
}
