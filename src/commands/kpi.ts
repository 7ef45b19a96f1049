import { Command, Option } from "commander";
import { msg } from "../core/i18n/index.js";
import { PERIOD_SYNTAX } from "../core/period.js";

export function kpiCommand(): Command {
  const kpi = new Command("kpi").description("Key performance indicators with thresholds and period comparison");
  kpi.addHelpText(
    "after",
    "\nExamples:\n  $ merchops kpi report                            yesterday on the default store, as a table\n  $ merchops kpi report --period last-7-days --format html --out kpi.html\n  $ merchops kpi report --quiet --json --fail-on-breach    for cron: exit 4 and one line on a breach",
  );
  kpi
    .command("report")
    .description("Report PV, UV, conversion, GMV, AOV, refunds, return rate, ROAS, CAC and support KPIs for a period")
    .addOption(
      new Option("--period <period>", `the period: ${PERIOD_SYNTAX} (default yesterday, or kpi.period in config)`).env("MERCHOPS_PERIOD"),
    )
    .addOption(new Option("--compare <mode>", "compare with the previous period of the same length, or not").choices(["previous", "none"]))
    .option("--explain", "add each metric's definition (formula and date basis)")
    .option("--fail-on-breach", "exit 4 when any metric breaches its threshold (for cron and CI)")
    .option("--bom", "start CSV output with a UTF-8 BOM, so Excel shows Chinese text correctly")
    .addOption(
      new Option(
        "--wait [seconds]",
        "if another kpi report runs on this store, wait for it (default 600 s) instead of exiting 6; a running orders sync of a remote store is always waited for (600 s, or this many)",
      ),
    )
    .addHelpText(
      "after",
      `
Examples:
  $ merchops kpi report                                   yesterday on the default store, as a table
  $ merchops kpi report --period last-7-days --format html --out kpi.html
  $ merchops kpi report --store client --period 2026-10-01..2026-10-31 --format xlsx --out october.xlsx
  $ merchops kpi report --json --fail-on-breach --quiet  for cron: JSON on stdout, exit 4 on a breach
  $ merchops kpi report --explain                         each metric's formula and date basis`,
    )
    .action(
      async (
        options: {
          period?: string;
          compare?: "previous" | "none";
          explain?: boolean;
          failOnBreach?: boolean;
          bom?: boolean;
          wait?: string | boolean;
        },
        cmd: Command,
      ) => {
        const { setup } = await import("./shared.js");
        const s = await setup(cmd);
        const { reportKpi } = await import("../services/report-kpi.js");
        const { kpiBreachLine, kpiDocument, kpiJson, kpiVerdict } = await import("../services/present-kpi.js");
        const { emit } = await import("../services/output.js");
        const { waitSeconds } = await import("./wait.js");
        const kpiConfig = s.loaded.config.kpi ?? {};
        const storeName = s.globals.store ?? s.loaded.defaultStore;
        const wait = waitSeconds(options.wait);
        try {
          const report = await s.ctx.withLock(storeName, "kpi report", wait === undefined ? {} : { waitSeconds: wait }, async () => {
            const r = await reportKpi(s.ctx, {
              store: storeName,
              period: options.period ?? kpiConfig.period ?? "yesterday",
              compare: options.compare ?? kpiConfig.compare ?? "previous",
              ...(wait !== undefined ? { syncWaitSeconds: wait } : {}),
            });
            await emit(kpiDocument(r, { explain: Boolean(options.explain), lang: s.lang }), kpiJson(r), {
              format: s.format,
              ...(s.globals.out ? { out: s.globals.out } : {}),
              color: s.terminal.color,
              width: s.terminal.width,
              bom: Boolean(options.bom),
              lang: s.lang,
              write: (t) => process.stdout.write(t),
            });
            return r;
          });
          if (s.globals.out) s.log.info(msg("common.wrote", { path: s.globals.out }));
          if (options.failOnBreach && report.breaches.length > 0) {
            const { ThresholdBreachedError } = await import("../core/errors.js");
            // One line, as the table says it: "6 breaches: ROAS 2.60 < 3, …".
            throw new ThresholdBreachedError(kpiBreachLine(report, s.lang));
          }
          // The table opens with the verdict; other formats say it on stderr (not under --quiet).
          if (s.format !== "table" || s.globals.out) s.log.info(kpiVerdict(report, s.lang));
        } finally {
          await s.ctx.close();
        }
      },
    );
  return kpi;
}
