/**
 * The merchops program: global options, the command list, and the one place that turns an
 * outcome into an exit code. Everything else throws typed errors (core/errors.ts).
 */
import { setMaxListeners } from "node:events";
import { Command, CommanderError, Option } from "commander";
import { COMMANDS } from "./commands/index.js";
import { setRunSignal } from "./commands/signal.js";
import { boundEchoes, neutralizeControls } from "./core/echo.js";
import { ExitCode, InputError, InterruptedError, isMerchopsError, ThresholdBreachedError } from "./core/errors.js";
import { LANG_CHOICES, msg } from "./core/i18n/index.js";
import { AdapterError } from "./http/errors.js";
import { writeFailure } from "./io/write-failures.js";
import { stateFailure } from "./store/failures.js";
import { credentialRefsFor } from "./ui/credentials.js";
import { localeFromArgv, localizeHelp, setLocale, tr } from "./ui/i18n.js";
import { hintLine, prefixedLine, redactKnownSecrets, stderrWidth } from "./ui/logger.js";

export function buildProgram(): Command {
  const program = new Command("merchops")
    .description("Command-line toolkit for e-commerce operations: KPI reports, return audits, catalog import, order and shipment sync")
    .version(process.env.npm_package_version ?? "0.1.0", "-V, --version")
    .addOption(new Option("--config <path>", "config file (default: ./merchops.config.yaml)").env("MERCHOPS_CONFIG"))
    .addOption(new Option("--store <name>", "store to use (default: defaultStore in config, else the demo store)").env("MERCHOPS_STORE"))
    .addOption(
      new Option("--format <format>", "output format").choices(["table", "json", "csv", "xlsx", "md", "html"]).env("MERCHOPS_FORMAT"),
    )
    .option("--json", "shorthand for --format json")
    .option("-o, --out <path>", "write the result to a file (atomically) instead of stdout, - for stdout; the extension picks the format")
    .option("-q, --quiet", "print nothing but the result and errors (with --fail-on-breach, one line summing up the breaches)")
    .option("-v, --verbose", "debug logs, and the stack trace of internal errors")
    .option("--no-color", "no colours (NO_COLOR is honoured too)")
    .option("--wide", "tables show every column at full width (default: fit the terminal, or COLUMNS, or 100)")
    .option("--no-input", "never prompt (implied when stdin is not a terminal or CI is set)")
    .addOption(
      new Option("--lang <lang>", "language: en, zh (Simplified), zh-Hant (Traditional); default MERCHOPS_LANG, the config, then LANG")
        .choices(LANG_CHOICES)
        .env("MERCHOPS_LANG"),
    )
    .addOption(new Option("--tz <zone>", "time zone for periods, e.g. Asia/Shanghai (default: the store's)").env("MERCHOPS_TZ"))
    .addOption(new Option("--now <datetime>", "pretend it is this instant (reproducible runs), ISO 8601").env("MERCHOPS_NOW"))
    .addOption(
      new Option(
        "--state <path|url>",
        "state store: a SQLite file (default .merchops/state.db beside the config), sqlite:path or postgres://user@host/db",
      ).env("MERCHOPS_STATE"),
    )
    .option("--encoding <name>", "encoding of CSV inputs (default: detected; e.g. gb18030, big5, utf-16le)")
    .option("--delimiter <char>", "delimiter of CSV inputs: , ; tab or | (default: detected)")
    .option("--sheet <name>", "worksheet of XLSX inputs (default: the first)")
    .addOption(
      new Option("--allow-insecure", "allow http:// (unencrypted) addresses for remote stores that are not on this machine").env(
        "MERCHOPS_ALLOW_INSECURE",
      ),
    )
    .addHelpText(
      "after",
      `
${tr("cli.examples")}
${tr("help.program.examples")}

${tr("cli.exit_codes")}`,
    )
    .showSuggestionAfterError(true)
    .exitOverride();
  for (const make of COMMANDS) program.addCommand(make());
  // commander exits by itself unless told otherwise, on every level: route all of it through main().
  const override = (c: Command) => {
    c.exitOverride();
    // A command's help lists the global options too: its examples use them (--store, --quiet, --json).
    c.configureHelp({ showGlobalOptions: true });
    for (const sub of c.commands) override(sub);
  };
  override(program);
  localizeHelp(program);
  return program;
}

/** Runs the program and returns the exit code; bin/merchops.js passes it to process.exit. */
export async function main(argv: string[] = process.argv): Promise<number> {
  // Help texts are set when the program is built: the language must be known first.
  setLocale(localeFromArgv(argv));
  const program = buildProgram();
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  const controller = new AbortController();
  // Every request in flight listens on the run's signal; above 10 at once Node would print a leak warning.
  setMaxListeners(0, controller.signal);
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write(`${tr("cli.stopping")}\n`);
      controller.abort(new InterruptedError(msg("cli.interrupted")));
    } else {
      process.exit(ExitCode.interrupted);
    }
  };
  setRunSignal(controller.signal);
  // `merchops ... | head`: the reader went away; that is the end of the output, not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(ExitCode.ok);
    throw e;
  });
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // Whether the command printed its result: a report that lists its own errors (an import with
  // rejected rows, a breached threshold) is then the JSON document, and no second one follows.
  let printed = false;
  const write = process.stdout.write;
  process.stdout.write = function (this: NodeJS.WriteStream, ...args: Parameters<typeof write>) {
    printed = true;
    return write.apply(this, args);
  } as typeof write;
  try {
    await program.parseAsync(argv);
    return controller.signal.aborted ? ExitCode.interrupted : ExitCode.ok;
  } catch (caught) {
    process.stdout.write = write;
    // A damaged, full, failing or locked state file or output disk is the user's to fix, not a bug.
    const e = stateFailure(caught) ?? writeFailure(caught) ?? caught;
    const code = exitCodeFor(e, verbose, stderrWidth(argv.includes("--wide")));
    printed ||= e instanceof ThresholdBreachedError || (isMerchopsError(e) && e.reported);
    if (wantsJson(argv) && !printed && !(e instanceof CommanderError && e.exitCode === 0)) {
      process.stdout.write(`${JSON.stringify(await errorJson(e, code), null, 2)}\n`);
    }
    return code;
  } finally {
    process.stdout.write = write;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** --json, --format json (or =json), or MERCHOPS_FORMAT=json: stdout must then hold a JSON document. */
function wantsJson(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json" || a === "--format=json") return true;
    if (a === "--format" && argv[i + 1] === "json") return true;
  }
  return process.env.MERCHOPS_FORMAT === "json" && !argv.some((a) => a === "--format" || a.startsWith("--format="));
}

/** The failure as a JSON document, for scripts that parse stdout: what stderr said, in fields (docs/schemas/error.schema.json). */
async function errorJson(e: unknown, exitCode: number): Promise<unknown> {
  // Loaded only on failure: a run that succeeds does not pay for the schemas here.
  const [{ conform }, { errorSchema }] = await Promise.all([import("./core/contract.js"), import("./services/schemas/index.js")]);
  const located = e instanceof InputError ? e.location : undefined;
  return conform(errorSchema, {
    ok: false,
    exit_code: exitCode,
    error: {
      type: isMerchopsError(e) ? e.name : e instanceof CommanderError ? "UsageError" : "InternalError",
      message: redactKnownSecrets(e instanceof Error ? e.message : String(e)),
      hint: isMerchopsError(e) ? (e.hint ?? null) : null,
      file: located?.file ?? null,
      row: located?.row ?? null,
      column: located?.column ?? null,
    },
  });
}

/** Reports the failure on stderr (lines wrapped at `width`) and returns its exit code. */
function exitCodeFor(e: unknown, verbose: boolean, width: number | undefined): number {
  if (e instanceof CommanderError) {
    // commander printed its message (or the help) already; --help and --version exit 0.
    return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  // Ctrl-C at an inquirer prompt.
  if (e instanceof Error && e.name === "ExitPromptError") {
    process.stderr.write(`${tr("cli.cancelled")}\n`);
    return ExitCode.interrupted;
  }
  // Whatever reaches the terminal passes the redactor: a secret in an error never gets out.
  // Neutralized too: a message quotes cells, and a cell may carry terminal escape codes.
  const say = (text: string) => process.stderr.write(neutralizeControls(boundEchoes(redactKnownSecrets(text))));
  if (e instanceof ThresholdBreachedError) {
    say(`${tr.text(e.text)}\n`);
    return e.exitCode;
  }
  if (isMerchopsError(e)) {
    say(`${prefixedLine("cli.error_line", tr.text(e.text), width)}\n`);
    if (e.hintText) say(`${hintLine(tr.text(e.hintText), width)}\n`);
    // A refused credential: which settings and variables hold it (names only, never values).
    if (e instanceof AdapterError && (e.status === 401 || e.status === 403 || e.code === "ACCESS_DENIED")) {
      const refs = credentialRefsFor(e.storeName, e.platform);
      if (refs.length > 0) say(`${hintLine(tr("hostile.credential_refs", { refs: refs.join(", ") }), width)}\n`);
    }
    if (verbose && e.stack) say(`${e.stack}\n`);
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  say(`${prefixedLine("cli.error_line", tr("cli.internal_error", { message: message.split("\n")[0] }), width)}\n`);
  if (verbose && e instanceof Error && e.stack) say(`${e.stack}\n`);
  else process.stderr.write(`${hintLine(tr("cli.internal_hint"), width)}\n`);
  return ExitCode.internal;
}
