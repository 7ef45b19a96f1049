import { Command, Option } from "commander";
import type { MappingQuestion } from "../services/catalog-mapping.js";

export function catalogCommand(): Command {
  const catalog = new Command("catalog").description("Bulk catalog import and export with standardized variant attributes");
  catalog.addHelpText(
    "after",
    "\nExamples:\n  $ merchops catalog import supplier.xlsx --dry-run   the plan: what would be created, updated, left alone\n  $ merchops catalog import supplier.xlsx --results results.xlsx\n  $ merchops catalog export -o catalog.csv",
  );
  catalog
    .command("import <files...>")
    .description(
      "Spreadsheets (merchops template, Shopify or WooCommerce product CSV, supplier sheets) -> standardized products -> a store",
    )
    .addOption(
      new Option("--mode <mode>", "how to treat products already in the store")
        .choices(["upsert", "create", "update", "replace", "delete"])
        .default("upsert"),
    )
    .option("--dry-run", "check everything and print the plan; write nothing")
    .option("--results <file>", "write one row per input row with its outcome (.xlsx or .csv)")
    .addOption(
      new Option(
        "--max-errors <n>",
        "errors tolerated: 0 rejects the whole import on any error; N imports the valid products when there are at most N",
      ).default("0", "0"),
    )
    .option("--resume", "continue the last interrupted import of the same files into the same store")
    .addOption(
      new Option("--dialect <dialect>", "the input's layout (default: detected from the headers)").choices([
        "native",
        "shopify",
        "woocommerce",
        "taobao",
      ]),
    )
    .addOption(
      new Option(
        "--standardize <how>",
        "option values the store shows: canonical values (values) or as written (keep); default: values for supplier sheets, keep for Shopify and WooCommerce exports",
      ).choices(["values", "keep"]),
    )
    .option("--strict-attributes", "an option value the attribute dictionary does not know is an error (default: kept, with a warning)")
    .option("--mapping <file>", "YAML of header: field for columns merchops does not recognise (field may be `ignore`)")
    .option("--save-mapping <file>", "save the header mapping chosen interactively, for --mapping next time")
    .addOption(new Option("--wait [seconds]", "if another import runs on this store, wait for it instead of exiting 6"))
    .addHelpText(
      "after",
      `
Modes: upsert creates new products and updates existing ones (variants not in the file are kept);
replace also deletes variants not in the file; create only adds; update only changes; delete removes
the products listed. Products are matched by handle, then by SKU; variants by SKU, then (a variant
without a SKU) by option values, as Shopify does.

Option values: each variant keeps the value the store shows and the canonical attribute beside it
("Bark Grey" -> colour grey). Supplier sheets show canonical values (加大码 -> XL); Shopify and
WooCommerce exports keep theirs as written (--standardize overrides). A value the dictionary does
not know is kept with a warning (--strict-attributes or catalog.strictAttributes: an error).

Examples:
  $ merchops catalog import supplier.xlsx --dry-run              the plan: what would be created, updated, left alone
  $ merchops catalog import supplier.xlsx --results results.xlsx
  $ merchops catalog import shopify-export.csv --store shop --mode replace
  $ merchops catalog import a.csv b.csv --max-errors 20          import the valid products, list the rest (exit 3)
  $ merchops catalog import big.csv --resume                     after Ctrl-C or a crash: continue where it stopped
  $ merchops catalog import odd-headers.csv --mapping map.yaml   map.yaml:  "货品名": title   "备注": ignore`,
    )
    .action(
      async (
        files: string[],
        options: {
          mode: "upsert" | "create" | "update" | "replace" | "delete";
          dryRun?: boolean;
          results?: string;
          maxErrors: string;
          resume?: boolean;
          dialect?: "native" | "shopify" | "woocommerce" | "taobao";
          standardize?: "values" | "keep";
          strictAttributes?: boolean;
          mapping?: string;
          saveMapping?: string;
          wait?: string | boolean;
        },
        cmd: Command,
      ) => {
        const { setup } = await import("./shared.js");
        const s = await setup(cmd);
        const { UsageError, InputError } = await import("../core/errors.js");
        const { msg } = await import("../core/i18n/index.js");
        const { importCatalog } = await import("../services/import-catalog.js");
        const { readMapping, writeMapping } = await import("../services/catalog-mapping.js");
        const { importDocument, importJson } = await import("../services/present-import.js");
        const { emit, refuseOutputsOverInputs } = await import("../services/output.js");
        const { waitSeconds } = await import("./wait.js");
        // Before anything is read or written: an output over an input would replace the merchant's file.
        await refuseOutputsOverInputs(files, [options.results, s.globals.out, options.saveMapping]);
        const maxErrors = Number(options.maxErrors);
        if (!Number.isInteger(maxErrors) || maxErrors < 0) {
          throw new UsageError(msg("catalog.import.max_errors_bad", { value: options.maxErrors }), msg("catalog.import.max_errors_hint"));
        }
        const mapping = options.mapping ? readMapping(options.mapping) : undefined;
        let asked: Record<string, string> = {};
        const storeName = s.globals.store ?? s.loaded.defaultStore;
        const wait = waitSeconds(options.wait);
        try {
          const run = () =>
            importCatalog(s.ctx, {
              store: storeName,
              files,
              mode: options.mode,
              dryRun: Boolean(options.dryRun),
              ...(options.results ? { results: options.results } : {}),
              maxErrors,
              resume: Boolean(options.resume),
              ...(options.dialect ? { dialect: options.dialect } : {}),
              ...(options.standardize ? { standardize: options.standardize } : {}),
              strictAttributes: Boolean(options.strictAttributes ?? s.loaded.config.catalog?.strictAttributes),
              ...(mapping ? { mapping } : {}),
              ...(s.loaded.config.catalog?.batchSize ? { batchSize: s.loaded.config.catalog.batchSize } : {}),
              ...(s.terminal.interactive
                ? {
                    askMapping: async (file: string, question: MappingQuestion) => {
                      const { askColumnMapping } = await import("../ui/prompts.js");
                      const answer = await askColumnMapping(file, question);
                      asked = { ...asked, ...answer };
                      return answer as never;
                    },
                  }
                : {}),
            });
          // A dry run writes nothing to the store: no lock needed, so it can run beside a real import.
          let report: Awaited<ReturnType<typeof run>>;
          try {
            report = options.dryRun
              ? await run()
              : await s.ctx.withLock(storeName, "catalog import", wait === undefined ? {} : { waitSeconds: wait }, run);
          } catch (e) {
            // The answers given are kept even when the run stops (a required column still missing).
            if (Object.keys(asked).length > 0) {
              const { existsSync } = await import("node:fs");
              let kept = options.saveMapping ?? "merchops-mapping.yaml";
              for (let n = 2; !options.saveMapping && existsSync(kept); n++) kept = `merchops-mapping-${n}.yaml`;
              await writeMapping(kept, { ...(mapping ?? {}), ...asked });
              s.log.info(msg("catalog.import.answers_kept", { file: kept }));
            }
            throw e;
          }
          if (options.saveMapping) {
            await writeMapping(options.saveMapping, { ...(mapping ?? {}), ...asked });
            s.log.info(msg("catalog.import.mapping_saved", { file: options.saveMapping }));
          }
          await emit(importDocument(report, { maxErrors, lang: s.lang }), importJson(report), {
            format: s.format,
            ...(s.globals.out ? { out: s.globals.out } : {}),
            color: s.terminal.color,
            width: s.terminal.width,
            lang: s.lang,
            csvTable: "issues",
            write: (t) => process.stdout.write(t),
          });
          if (report.errorCount > 0) {
            const first = report.issues.find((i) => i.severity === "error");
            const failed = new InputError(
              first
                ? { file: first.at.file, row: first.at.row, ...(first.at.column ? { column: first.at.column } : {}) }
                : { file: files.join(", ") },
              msg("catalog.import.failed", {
                first: first ? msg("catalog.import.failed_first", { message: first.text ?? first.message }) : "",
                count: report.errorCount,
                applied: report.applied ? "yes" : "no",
              }),
              first?.hintText ??
                first?.hint ??
                msg(report.applied ? "catalog.import.failed_hint_applied" : "catalog.import.failed_hint_rejected"),
            );
            failed.reported = true;
            throw failed;
          }
        } finally {
          await s.ctx.close();
        }
      },
    );

  catalog
    .command("export")
    .description("A store's products -> a spreadsheet in the merchops, Shopify or WooCommerce layout")
    .addOption(
      new Option("--to-format <dialect>", "layout of the file").choices(["native", "shopify", "woocommerce", "taobao"]).default("native"),
    )
    .addHelpText(
      "after",
      `
Examples:
  $ merchops catalog export --out products.xlsx                    the merchops template layout
  $ merchops catalog export --to-format shopify --out shopify.csv  ready for Shopify's product import
  $ merchops catalog export --store wc --to-format woocommerce --out wc.csv --lang zh
  $ merchops catalog export --to-format taobao --out taobao.csv     淘宝助理 (UTF-16, tab-separated, version 1.00)
  $ merchops catalog export -o - | head                            CSV on stdout`,
    )
    .action(async (options: { toFormat: "native" | "shopify" | "woocommerce" | "taobao" }, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { UsageError } = await import("../core/errors.js");
      const { msg } = await import("../core/i18n/index.js");
      const { exportCatalog, exportCatalogJson } = await import("../services/export-catalog.js");
      if (!s.globals.out) throw new UsageError(msg("catalog.export.needs_out"), msg("catalog.export.needs_out_hint"));
      if (s.globals.out === "-" && s.format === "json")
        throw new UsageError(msg("catalog.export.stdout_json"), msg("catalog.export.stdout_json_hint"));
      try {
        const opts = {
          store: s.globals.store ?? s.loaded.defaultStore,
          dialect: options.toFormat,
          out: s.globals.out,
          lang: s.lang,
          stdout: (t: string) => process.stdout.write(t),
        };
        const r = await exportCatalog(s.ctx, opts);
        // The file is the export; --json adds a summary of it on stdout for scripts.
        if (s.format === "json") process.stdout.write(`${JSON.stringify(exportCatalogJson(r, opts), null, 2)}\n`);
        const where = r.out === "-" ? msg("catalog.export.stdout") : r.out;
        s.log.info(msg("catalog.export.wrote", { products: r.products, variants: r.variants, where }));
      } finally {
        await s.ctx.close();
      }
    });
  return catalog;
}
