/**
 * `merchops prices snapshot|report`: competitor top-N price snapshots with history, price index
 * and change detection. Thin: flags in, one service, a document out.
 */
import { Command, Option } from "commander";

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function pricesCommand(): Command {
  const prices = new Command("prices").description("Competitor price snapshots: top N offers per query, price index, changes");
  prices.addHelpText(
    "after",
    "\nExamples:\n  $ merchops prices snapshot --query 连衣裙 --query 跑步鞋     the demo store reads a competitor sheet, offline\n  $ merchops prices report                         where our prices stand, and what changed",
  );
  prices
    .command("snapshot")
    .description("Take a dated snapshot of the top N competitor offers for each query from the configured sources (stored as history)")
    .option(
      "--query <text>",
      "what a shopper would search for; repeat for several queries (default: every query under prices.mapping)",
      collect,
    )
    .option("--source <name>", "ask only this source (from prices.sources in the config); repeatable", collect)
    .option("--top <n>", "offers per query (default prices.top, else 10)")
    .option("--allow-private", "allow sources on private, loopback or link-local addresses (an intranet test shop)")
    .addOption(new Option("--wait [seconds]", "if another snapshot runs, wait for it instead of exiting 6"))
    .addHelpText(
      "after",
      `
Sources are configured under prices.sources: shopify (the shop's predictive search, else public /products.json),
woocommerce (public Store API), spreadsheet (templates/competitors), json (any endpoint, with a field mapping),
taobao, jd, pdd (the 淘宝联盟 / 京东联盟 / 多多进宝 affiliate APIs: TOP10 by sales, coupons, price after coupon;
credentials as env:NAME, see the README).

Exit codes: 0 all sources answered; 5 at least one source failed (a marketplace error, or a rate limit past
its retries): the snapshot is still stored and printed with the other sources' offers (partial); 2 a source was refused (a private address without --allow-private, a bad source config).

Examples:
  $ merchops prices snapshot                        every query under prices.mapping (the demo store maps 4)
  $ merchops prices snapshot --query "夏季连衣裙"
  $ merchops prices snapshot --query 连衣裙 --query 跑步鞋 --query 羽绒服 --top 10
  $ merchops prices snapshot --query "running shoes" --source rival --json
  $ merchops prices snapshot --query 连衣裙 --allow-private          a test storefront on 127.0.0.1
  crontab (Mondays 06:00):  0 6 * * 1  cd /srv/shop && merchops prices snapshot --query 连衣裙 --query 跑步鞋 --quiet`,
    )
    .action(
      async (
        options: { query?: string[]; source?: string[]; top?: string; allowPrivate?: boolean; wait?: string | boolean },
        cmd: Command,
      ) => {
        const { setup } = await import("./shared.js");
        const s = await setup(cmd);
        const { UsageError, RemoteError } = await import("../core/errors.js");
        const { msg } = await import("../core/i18n/index.js");
        const { pricesSettings, snapshotPrices } = await import("../services/snapshot-prices.js");
        const { snapshotDocument, snapshotJson } = await import("../services/present-prices.js");
        const { emit } = await import("../services/output.js");
        const { waitSeconds } = await import("./wait.js");
        let top: number | undefined;
        if (options.top !== undefined) {
          top = Number(options.top);
          if (!Number.isInteger(top) || top < 1 || top > 100)
            throw new UsageError(msg("prices.top_invalid", { value: options.top }), msg("prices.top_hint"));
        }
        if (options.allowPrivate) {
          s.ctx.opts.network = { ...(s.ctx.opts.network ?? {}), allowPrivate: true };
        }
        // Without --query, the queries the config maps to our products: a cron line need not repeat them.
        const queries = options.query ?? Object.keys(pricesSettings(s.ctx).mapping ?? {});
        if (queries.length === 0) throw new UsageError(msg("prices.no_query"), msg("prices.no_query_hint"));
        const wait = waitSeconds(options.wait);
        try {
          const result = await s.ctx.withLock("prices", "prices snapshot", wait === undefined ? {} : { waitSeconds: wait }, async () => {
            const r = await snapshotPrices(s.ctx, {
              queries,
              ...(options.source ? { sources: options.source } : {}),
              ...(top ? { top } : {}),
            });
            await emit(snapshotDocument(r, s.lang), snapshotJson(r, s.ctx.opts.timezone ?? s.loaded.config.timezone), {
              format: s.format,
              ...(s.globals.out ? { out: s.globals.out } : {}),
              color: s.terminal.color,
              width: s.terminal.width,
              lang: s.lang,
              csvTable: "offers",
              quietSummary: Boolean(s.globals.quiet),
              write: (t) => process.stdout.write(t),
            });
            return r;
          });
          for (const w of result.warnings) s.log.warn(w);
          if (s.globals.out) s.log.info(msg("common.wrote", { path: s.globals.out }));
          const failures = result.snapshots.flatMap((x) => x.failures.map((f) => ({ ...f, query: x.query })));
          const failedSources = [...new Set(failures.map((f) => f.source))];
          if (failures.length > 0) {
            const first = failures[0] as (typeof failures)[number];
            const asked = new Set(result.snapshots.flatMap((x) => x.sources)).size;
            const message = msg("prices.failed_sources", {
              failed: failedSources.length,
              asked,
              sources: failedSources.join(", "),
              first: first.source,
              message: first.text ?? first.message,
            });
            const hint = first.hintText ?? first.hint;
            // A source refused by our own rules (a private address, a bad config) is a usage error; a remote failure is exit 5.
            if (failures.every((f) => f.kind === "usage")) throw new UsageError(message, hint);
            throw new RemoteError(message, hint ?? msg("prices.failed_hint"));
          }
        } finally {
          await s.ctx.close();
        }
      },
    );

  prices
    .command("report")
    .description(
      "Our matched product against the latest competitor offers: price index, rank, changes since the previous snapshot, history",
    )
    .option("--query <text>", "only this query (default: every query with snapshots)")
    .option("--since <date>", "history from this day (YYYY-MM-DD, store time zone); changes against the first snapshot since")
    .addHelpText(
      "after",
      `
Our price comes from the store's catalog (--store, default the demo store): the product named in prices.mapping
for the query, else a SKU equal to the query, else the closest title (the confidence is shown).

Examples:
  $ merchops prices report
  $ merchops prices report --query 跑步鞋 --json
  $ merchops prices report --since 2026-11-01 --format html --out prices.html     price-history chart per query
  $ merchops prices report --format xlsx --out prices.xlsx                        Summary, Changes, Offers sheets`,
    )
    .action(async (options: { query?: string; since?: string }, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { reportPrices } = await import("../services/report-prices.js");
      const { pricesDocument, pricesJson } = await import("../services/present-prices.js");
      const { emit } = await import("../services/output.js");
      const { msg } = await import("../core/i18n/index.js");
      try {
        const r = await reportPrices(s.ctx, {
          ...(s.globals.store ? { store: s.globals.store } : {}),
          ...(options.query !== undefined ? { query: options.query } : {}),
          ...(options.since !== undefined ? { since: options.since } : {}),
        });
        await emit(pricesDocument(r, s.lang), pricesJson(r), {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          width: s.terminal.width,
          lang: s.lang,
          csvTable: "summary",
          write: (t) => process.stdout.write(t),
        });
        for (const w of r.warnings) s.log.warn(w);
        if (s.globals.out) s.log.info(msg("common.wrote", { path: s.globals.out }));
      } finally {
        await s.ctx.close();
      }
    });
  return prices;
}
