import { Command, Option } from "commander";

export function ordersCommand(): Command {
  const orders = new Command("orders").description("Order sync from remote stores into the state store");
  orders.addHelpText(
    "after",
    "\nExamples:\n  $ merchops orders sync --store shop             new and changed orders (and refunds) since the last sync\n  $ merchops orders sync --store shop --since 2026-10-01",
  );
  orders
    .command("sync")
    .description("Pull new and changed orders from a remote store (Shopify, WooCommerce, Youzan) into the state store; incremental")
    .option("--since <datetime>", "re-read orders changed since this date or instant (a backfill), e.g. 2026-10-01")
    .addOption(new Option("--wait [seconds]", "if another sync of this store runs, wait for it instead of exiting 6"))
    .addHelpText(
      "after",
      `
Each run reads only what changed since the last one (the bookmark is kept per store in the state
store, and moves only after the orders are stored: a killed run loses nothing). kpi report and
returns audit on a remote store read the synced orders.

Examples:
  $ merchops orders sync --store shop
  $ merchops orders sync --store shop --since 2026-10-01        backfill October
  $ 15 * * * *  cd /srv/merchops && npx merchops orders sync --store shop --quiet     (crontab: hourly)`,
    )
    .action(async (options: { since?: string; wait?: string | boolean }, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { UsageError } = await import("../core/errors.js");
      const { msg } = await import("../core/i18n/index.js");
      const { syncOrders, syncOrdersJson } = await import("../services/sync-orders.js");
      const { syncOrdersDocument } = await import("../services/present-orders.js");
      const { emit } = await import("../services/output.js");
      const { waitSeconds } = await import("./wait.js");
      let since: Date | undefined;
      if (options.since !== undefined) {
        const raw = options.since.trim();
        const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
        if (Number.isNaN(t)) throw new UsageError(msg("usage.since_invalid", { value: options.since }), msg("usage.since_hint"));
        since = new Date(t);
      }
      const storeName = s.globals.store ?? s.loaded.defaultStore;
      const wait = waitSeconds(options.wait);
      try {
        const r = await s.ctx.withLock(storeName, "orders sync", wait === undefined ? {} : { waitSeconds: wait }, () =>
          syncOrders(s.ctx, { store: storeName, ...(since ? { since } : {}) }),
        );
        await emit(syncOrdersDocument(r, s.lang), syncOrdersJson(r), {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          width: s.terminal.width,
          write: (t) => process.stdout.write(t),
          quietSummary: Boolean(s.globals.quiet),
        });
      } finally {
        await s.ctx.close();
      }
    });
  return orders;
}
