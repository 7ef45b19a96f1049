import { Command, Option } from "commander";
import { UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import { PERIOD_SYNTAX } from "../core/period.js";

/** "15%", "15" (percent) or "0.15" (fraction) -> 0.15. */
export function parseThreshold(value: string): number {
  const s = value.trim();
  const n = Number(s.replace(/%$/, ""));
  if (!Number.isFinite(n) || n < 0) throw new UsageError(msg("returns.threshold_invalid", { value }), msg("returns.threshold_hint"));
  const fraction = s.endsWith("%") || n > 1 ? n / 100 : n;
  if (fraction > 1) throw new UsageError(msg("returns.threshold_above", { value }), msg("returns.threshold_hint"));
  return fraction;
}

export function returnsCommand(): Command {
  const returns = new Command("returns").description("Return-rate audits");
  returns.addHelpText(
    "after",
    "\nExamples:\n  $ merchops returns audit                         last 90 days by SKU\n  $ merchops returns audit --by courier            after shipments sync: return rates by courier\n  $ merchops returns audit --quiet --json --fail-on-breach",
  );
  returns
    .command("audit")
    .description(
      "Return rates by units, orders and value, grouped by SKU, variant, product, size, colour, category or reason, with findings",
    )
    .addOption(
      new Option("--period <period>", `orders (cohort) or returns (period basis) of this period: ${PERIOD_SYNTAX} (default last-90-days)`),
    )
    .addOption(
      new Option("--by <dimension>", "how to group").choices([
        "sku",
        "variant",
        "product",
        "size",
        "colour",
        "category",
        "reason",
        "courier",
      ]),
    )
    .addOption(
      new Option(
        "--basis <basis>",
        "cohort: returns of the orders placed in the period (default); period: returns requested in the period",
      ).choices(["cohort", "period"]),
    )
    .option("--threshold <rate>", "return rate above which a group is a finding, e.g. 15% (default 15%, returns.threshold in config)")
    .option("--min-units <n>", "units a group must have sold to be judged (default 30)")
    .option("--fail-on-breach", "exit 4 when a finding above the threshold exists (for cron and CI)")
    .option("--bom", "start CSV output with a UTF-8 BOM, for Excel")
    .addOption(new Option("--wait [seconds]", "if another audit runs on this store, wait for it instead of exiting 6"))
    .addHelpText(
      "after",
      `
Examples:
  $ merchops returns audit                                      last 90 days by SKU on the default store
  $ merchops returns audit --by size --period last-month
  $ merchops returns audit --store client --format xlsx --out audit.xlsx    Summary, By SKU, By size, By reason, Flags sheets
  $ merchops returns audit --basis period --threshold 10% --min-units 50
  $ merchops returns audit --json --fail-on-breach --quiet      for cron: exit 4 when a SKU is above the threshold`,
    )
    .action(
      async (
        options: {
          period?: string;
          by?: string;
          basis?: "cohort" | "period";
          threshold?: string;
          minUnits?: string;
          failOnBreach?: boolean;
          bom?: boolean;
          wait?: string | boolean;
        },
        cmd: Command,
      ) => {
        const { setup } = await import("./shared.js");
        const s = await setup(cmd);
        const { ThresholdBreachedError } = await import("../core/errors.js");
        const { auditReturns } = await import("../services/audit-returns.js");
        const { returnsBreachLine, returnsDocument, returnsJson, returnsVerdict } = await import("../services/present-returns.js");
        const { emit } = await import("../services/output.js");
        const { waitSeconds } = await import("./wait.js");
        const config = s.loaded.config.returns ?? {};
        const threshold = options.threshold !== undefined ? parseThreshold(options.threshold) : (config.threshold ?? 0.15);
        const minUnits = options.minUnits !== undefined ? Number(options.minUnits) : (config.minUnits ?? 30);
        if (!Number.isInteger(minUnits) || minUnits < 1)
          throw new UsageError(msg("returns.min_units_invalid", { value: options.minUnits }), msg("returns.min_units_hint"));
        const storeName = s.globals.store ?? s.loaded.defaultStore;
        const wait = waitSeconds(options.wait);
        try {
          const report = await s.ctx.withLock(storeName, "returns audit", wait === undefined ? {} : { waitSeconds: wait }, async () => {
            const r = await auditReturns(s.ctx, {
              store: storeName,
              period: options.period ?? config.period ?? "last-90-days",
              by: (options.by ?? "sku") as never,
              basis: options.basis ?? config.basis ?? "cohort",
              threshold,
              minUnits,
            });
            const doc = returnsDocument(r, { lang: s.lang });
            await emit(doc, returnsJson(r), {
              format: s.format,
              ...(s.globals.out ? { out: s.globals.out } : {}),
              color: s.terminal.color,
              width: s.terminal.width,
              bom: Boolean(options.bom),
              lang: s.lang,
              csvTable: r.by === "reason" ? "by-reason" : `by-${r.by}`,
              write: (t) => process.stdout.write(t),
            });
            return r;
          });
          for (const w of report.warnings) s.log.warn(w);
          if (s.globals.out) s.log.info(msg("common.wrote", { path: s.globals.out }));
          const breach = returnsBreachLine(report, s.lang);
          if (options.failOnBreach && breach) throw new ThresholdBreachedError(breach);
          // The table opens with the verdict; other formats say it on stderr (not under --quiet).
          if (s.format !== "table" || s.globals.out) s.log.info(returnsVerdict(report, s.lang));
        } finally {
          await s.ctx.close();
        }
      },
    );
  return returns;
}
