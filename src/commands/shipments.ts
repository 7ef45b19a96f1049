import { Command, Option } from "commander";

export function shipmentsCommand(): Command {
  const shipments = new Command("shipments").description("Fulfilments from a warehouse sheet, courier tracking and SLA delays");
  shipments.addHelpText(
    "after",
    "\nExamples:\n  $ merchops shipments import shipments.xlsx --dry-run\n  $ merchops shipments sync                        track the demo store's parcels, offline\n  $ merchops shipments status --wide               the delayed parcels, every column",
  );
  shipments
    .command("import <file>")
    .description("A warehouse sheet (order, courier, tracking number, optional SKUs) -> fulfilments on the platform")
    .option("--dry-run", "check every row and print what would be sent; send nothing")
    .option("--results <file>", "write one row per sheet row with its outcome (.xlsx or .csv)")
    .addOption(
      new Option("--max-errors <n>", "errors tolerated: 0 sends nothing when any row has an error; N sends the valid rows").default(
        "0",
        "0",
      ),
    )
    .option("--resume", "continue the last interrupted import of the same sheet")
    .addOption(new Option("--wait [seconds]", "if another shipments job runs on this store, wait for it instead of exiting 6"))
    .addHelpText(
      "after",
      `
Couriers may be written by name in Chinese or English (顺丰, 中通快递, SF Express, J&T) or by code (sf, zto).

Examples:
  $ merchops templates copy shipments .                     the sheet, with a courier drop-down
  $ merchops shipments import 发货单.xlsx --dry-run
  $ merchops shipments import dispatch.csv --store shop --results results.xlsx`,
    )
    .action(
      async (
        file: string,
        options: { dryRun?: boolean; results?: string; maxErrors: string; resume?: boolean; wait?: string | boolean },
        cmd: Command,
      ) => {
        const { setup } = await import("./shared.js");
        const s = await setup(cmd);
        const { importShipments, importShipmentsError, assertMaxErrors } = await import("../services/import-shipments.js");
        const { importShipmentsDocument, importShipmentsJson } = await import("../services/present-shipments.js");
        const { emit, refuseOutputsOverInputs } = await import("../services/output.js");
        const { waitSeconds } = await import("./wait.js");
        // Before anything is read or written: an output over the sheet would replace the merchant's file.
        await refuseOutputsOverInputs([file], [options.results, s.globals.out]);
        const maxErrors = assertMaxErrors(options.maxErrors);
        const storeName = s.globals.store ?? s.loaded.defaultStore;
        const wait = waitSeconds(options.wait);
        try {
          const run = () =>
            importShipments(s.ctx, {
              store: storeName,
              file,
              dryRun: Boolean(options.dryRun),
              ...(options.results ? { results: options.results } : {}),
              maxErrors,
              resume: Boolean(options.resume),
            });
          const r = options.dryRun
            ? await run()
            : await s.ctx.withLock(storeName, "shipments", wait === undefined ? {} : { waitSeconds: wait }, run);
          await emit(importShipmentsDocument(r, { maxErrors, lang: s.lang }), importShipmentsJson(r), {
            format: s.format,
            ...(s.globals.out ? { out: s.globals.out } : {}),
            color: s.terminal.color,
            width: s.terminal.width,
            csvTable: "issues",
            write: (t) => process.stdout.write(t),
          });
          const err = importShipmentsError(r);
          if (err) throw err;
        } finally {
          await s.ctx.close();
        }
      },
    );

  const report =
    (kind: "sync" | "status") => async (options: { failOnBreach?: boolean; all?: boolean; wait?: string | boolean }, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { alertingDelays, shipmentsReport } = await import("../services/sync-shipments.js");
      const { lateParcelsLine, shipmentsDocument, shipmentsJson, shipmentsVerdict } = await import("../services/present-shipments.js");
      const { emit } = await import("../services/output.js");
      const { ThresholdBreachedError } = await import("../core/errors.js");
      const { msg } = await import("../core/i18n/index.js");
      const { waitSeconds } = await import("./wait.js");
      const storeName = s.globals.store ?? s.loaded.defaultStore;
      const wait = waitSeconds(options.wait);
      try {
        const run = () => shipmentsReport(s.ctx, { store: storeName, track: kind === "sync" });
        const r =
          kind === "sync"
            ? await s.ctx.withLock(storeName, "shipments", wait === undefined ? {} : { waitSeconds: wait }, run)
            : await run();
        await emit(shipmentsDocument(r, s.lang), shipmentsJson(r), {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          width: s.terminal.width,
          csvTable: "delayed",
          quietSummary: kind === "sync" && Boolean(s.globals.quiet),
          write: (t) => process.stdout.write(t),
        });
        if (s.globals.out) s.log.info(msg("common.wrote", { path: s.globals.out }));
        // Numbers the courier service never answered: the others are stored, the run still failed (exit 5).
        if (r.unreachable.length > 0) {
          const { RemoteError } = await import("../core/errors.js");
          throw new RemoteError(
            msg("faults.shipments.unreachable", {
              n: r.unreachable.length,
              numbers: r.unreachable.slice(0, 5).join(", ") + (r.unreachable.length > 5 ? ", …" : ""),
              tracked: r.tracked - r.unreachable.length,
            }),
            msg("faults.shipments.unreachable_hint"),
          );
        }
        // Cron fires on news: parcels still open and late, or late and closed by this sync; --all: every delay.
        const alerting = alertingDelays(r, { all: Boolean(options.all) });
        if (options.failOnBreach && alerting.length > 0) throw new ThresholdBreachedError(lateParcelsLine(alerting, 3, s.lang));
        // The table opens with the verdict; other formats say it on stderr (not under --quiet).
        if (s.format !== "table" || s.globals.out) s.log.info(shipmentsVerdict(r, s.lang));
      } finally {
        await s.ctx.close();
      }
    };

  shipments
    .command("sync")
    .description("Track every open shipment through its courier's provider, store the events, and report SLA delays")
    .option(
      "--fail-on-breach",
      "exit 4 when a parcel still open is past its SLA, or one this sync closed was late (for cron: a parcel delivered late weeks ago does not fire again)",
    )
    .option("--all", "with --fail-on-breach: exit 4 for every delayed parcel, delivered ones included")
    .addOption(new Option("--wait [seconds]", "if another shipments job runs on this store, wait for it instead of exiting 6"))
    .addHelpText(
      "after",
      `
SLA rules (config shipments.sla, per courier and destination region): first scan within N hours of the
label, delivery within N days of shipping, no scan for N hours = stuck. Defaults: 24 h, 5 days, 48 h.
Providers: couriers: { kuaidi100 | seventeen-track | aftership | sf-express | file: {...} }; with several,
map couriers to them under shipments.providers ({ default: kuaidi100, sf: sf-express }).

Examples:
  $ merchops shipments sync                                  the demo store's parcels, offline (file courier)
  $ merchops shipments sync --store shop --format xlsx --out delays.xlsx
  $ merchops shipments sync --store shop --quiet --json --fail-on-breach     cron: exit 4 when a parcel is late`,
    )
    .action(report("sync"));
  shipments
    .command("status")
    .description("Counts by status and courier, the on-time rate and the delayed shipments, from the last sync (no tracking calls)")
    .option("--fail-on-breach", "exit 4 when a parcel still open is past its SLA")
    .option("--all", "with --fail-on-breach: exit 4 for every delayed parcel, delivered ones included")
    .addHelpText("after", "\nExamples:\n  $ merchops shipments status\n  $ merchops shipments status --store shop --json")
    .action(report("status"));
  return shipments;
}
