import { Command, Option } from "commander";
import type { Locale } from "../core/i18n/index.js";
import { PERIOD_SYNTAX } from "../core/period.js";

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function digestCommand(): Command {
  return new Command("digest")
    .description("What needs attention today, per store: KPI breaches, returns findings, late parcels, competitor prices, stale syncs")
    .addOption(new Option("--store <name>", "a store to include (repeat for several; default the default store)").argParser(collect))
    .addOption(new Option("--period <period>", `KPI period: ${PERIOD_SYNTAX} (default yesterday, or digest.period)`))
    .addOption(
      new Option("--notify <name>", "deliver to a channel or group under notify: in config (repeat for several)").argParser(collect),
    )
    .option("--sync-max-age <hours>", "a remote store's last successful orders sync older than this is stale (default 24)")
    .option("--resend", "with --notify: send again to channels that already got today's digest (a re-run sends only to the others)")
    .addHelpText(
      "after",
      `
Exit codes: 0 nothing new, 4 new findings (a breach), 5 a channel failed (the others were still delivered).
Run again after a 5 (a cron retry): only the channels that did not get the digest are sent to, with what they missed.

Examples:
  $ merchops digest                                        the default store, as a table
  $ merchops digest --store shop --store client --format html --out digest.html
  $ merchops digest --store client --notify team --quiet   for cron: one line per store`,
    )
    .action(
      async (options: { store?: string[]; period?: string; notify?: string[]; syncMaxAge?: string; resend?: boolean }, cmd: Command) => {
        const { setup } = await import("./shared.js");
        const s = await setup(cmd);
        const { UsageError, ThresholdBreachedError, RemoteError } = await import("../core/errors.js");
        const { msg, translator } = await import("../core/i18n/index.js");
        const { buildDigest, rememberDigest } = await import("../services/digest.js");
        const { digestDocument, digestJson, digestMessage } = await import("../ui/digest.js");
        const { emit } = await import("../services/output.js");
        const config = s.loaded.config;
        const stores = options.store?.length ? [...new Set(options.store)] : [s.globals.store ?? s.loaded.defaultStore];
        const syncMaxAgeHours = options.syncMaxAge !== undefined ? Number(options.syncMaxAge) : (config.digest?.syncMaxAgeHours ?? 24);
        if (!Number.isFinite(syncMaxAgeHours) || syncMaxAgeHours <= 0)
          throw new UsageError(msg("digest.sync_max_age_invalid", { value: options.syncMaxAge }), msg("digest.sync_max_age_hint"));
        const period = options.period ?? config.digest?.period ?? "yesterday";
        try {
          const { validPeriod } = await import("../core/digest/config.js");
          if (!validPeriod(period))
            throw new UsageError(msg("digest.period_invalid", { value: period }), msg("digest.period_hint", { syntax: PERIOD_SYNTAX }));
          // Channels are opened (names, config, env secrets) before any work: a mistake sends nothing.
          const notifyService = options.notify?.length ? await import("../services/notify-digest.js") : undefined;
          const channels = notifyService?.openChannels(s.ctx, notifyService.resolveChannelNames(s.ctx, options.notify ?? []), s.lang) ?? [];
          const report = await lockAll(s.ctx, stores, () => buildDigest(s.ctx, { stores, period, syncMaxAgeHours }));
          let outcomes: import("../services/notify-digest.js").ChannelOutcome[] | undefined;
          let sent: (typeof report)[] = [];
          if (notifyService) {
            const { writeDigestFiles } = await import("../services/digest-files.js");
            const written = new Map<string, Awaited<ReturnType<typeof writeDigestFiles>>>();
            const send = async (r: typeof report, to: readonly import("../adapters/notify/index.js").NotifyChannel[]) => {
              const files = written.get(r.id) ?? (await writeDigestFiles(s.ctx, r, s.lang));
              written.set(r.id, files);
              const message = (lang: Locale, top?: number) =>
                digestMessage(r, {
                  lang,
                  ...((top ?? config.digest?.top) ? { top: top ?? config.digest?.top } : {}),
                  ...(files.url ? { reportUrl: files.url } : { reportPath: files.shownPath }),
                });
              return notifyService.deliver(to, {
                message,
                html: files.index.content,
                attachments: files.files.map((f) => ({ filename: f.filename, content: f.content, contentType: f.contentType })),
                id: r.id,
              });
            };
            const done = await notifyService.deliverOncePerDay(
              s.ctx,
              channels,
              report,
              { stores, period, resend: Boolean(options.resend) },
              send,
            );
            outcomes = done.outcomes;
            sent = done.sent;
            for (const files of written.values()) s.log.info(msg("digest.full_report", { where: files.url ?? files.shownPath }));
          }
          // With --notify the message is the output; the document is printed only when asked for.
          const printDocument = !notifyService || s.globals.out || s.globals.format || s.globals.json;
          if (printDocument) {
            await emit(digestDocument(report, s.lang), digestJson(report, outcomes), {
              format: s.format,
              ...(s.globals.out ? { out: s.globals.out } : {}),
              color: s.terminal.color,
              width: s.terminal.width,
              lang: s.lang,
              csvTable: "new",
              write: (t) => process.stdout.write(t),
            });
          }
          const failed = outcomes?.filter((o) => o.status === "failed") ?? [];
          const delivered = outcomes?.filter((o) => o.status === "delivered") ?? [];
          for (const o of delivered) {
            const size = o.limit
              ? msg("digest.delivered_size", { size: o.size, limit: o.limit, unit: o.unit, shortened: o.shortened ? "yes" : "no" })
              : "";
            s.log.info(msg("digest.delivered", { channel: o.channel, type: o.type, size }));
          }
          for (const o of outcomes?.filter((x) => x.status === "skipped") ?? [])
            s.log.info(msg("faults.digest.skipped", { channel: o.channel, type: o.type, at: o.delivered_at ?? "" }));
          const say = translator(s.lang).text;
          for (const o of failed) {
            const hint = o.hintText ?? o.hint;
            s.log.error(`${say(o.errorText ?? o.error ?? "")}${hint !== undefined ? `\n  ${say(hint)}` : ""}`);
          }
          // Findings become "reported" once someone may have read them: printed, or delivered (or
          // possibly delivered) to at least one channel. If every channel refused, they stay new.
          const reached = !outcomes || outcomes.some((o) => o.status !== "failed" || o.outcome === "unknown");
          if (reached) await rememberDigest(s.ctx, report);
          else s.log.warn(msg("digest.not_received"));
          if (failed.length > 0) {
            const names = (list: typeof failed) => list.map((o) => o.channel).join(", ");
            throw new RemoteError(
              msg("digest.not_delivered", {
                failed: names(failed),
                delivered: delivered.length ? msg("digest.not_delivered_but", { channels: names(delivered) }) : "",
              }),
              msg(failed.some((o) => o.outcome === "unknown") ? "digest.unknown_hint" : "digest.fix_hint"),
            );
          }
          // New findings, or findings a channel missed on an earlier run and got now: a breach.
          const breach = report.counts.new > 0 ? report : sent.find((r) => r.counts.new > 0);
          if (breach) {
            // The parts are words of the run's language: the error line is printed in it.
            const tr = translator(s.lang);
            const sections = (["kpi", "returns", "shipments", "prices", "sync"] as const)
              .filter((k) => breach.counts.bySection[k].new > 0)
              .map((k) => tr("digest.breach_part", { count: breach.counts.bySection[k].new, section: tr(`digest.section.${k}`) }));
            throw new ThresholdBreachedError(
              msg("digest.breach", { count: breach.counts.new, sections: sections.join(s.lang === "en" ? ", " : "，") }),
            );
          }
        } finally {
          await s.ctx.close();
        }
      },
    );
}

/** Holds the digest lock of every store while fn runs (two digests of a store would both report a finding as new). */
async function lockAll<T>(ctx: import("../services/context.js").RunContext, stores: string[], fn: () => Promise<T>): Promise<T> {
  const [first, ...rest] = stores;
  if (first === undefined) return fn();
  return ctx.withLock(first, "digest", {}, () => lockAll(ctx, rest, fn));
}
