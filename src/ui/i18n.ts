/**
 * The run's language on the CLI side. The CLI decides it from argv and the environment before it
 * builds the program (help texts are set then), and setup() refines it once the config is read;
 * stderr lines (logger, errors) render messages through `tr`.
 */
import type { EventEmitter } from "node:events";
import type { Command, Help, Option } from "commander";
import {
  english,
  isMessage,
  type Locale,
  type Message,
  type MessageId,
  resolveLocale,
  type Translator,
  translator,
} from "../core/i18n/index.js";
import { CATALOGS } from "../core/i18n/translate.js";

let active: Translator = translator("en");

export function setLocale(locale: Locale): void {
  active = translator(locale);
}

export function currentLocale(): Locale {
  return active.locale;
}

/** The active translator: tr("id", params), tr.text(messageOrString). */
export const tr: Translator = Object.assign((id: MessageId, params?: Parameters<Translator>[1]) => active(id, params), {
  text: (m: Message | string) => active.text(m),
}) as Translator;
Object.defineProperty(tr, "locale", { get: () => active.locale });

/** --lang from argv (before commander has parsed it), else the environment; the config is read later. */
export function localeFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  let flag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--lang") flag = argv[i + 1];
    else if (a.startsWith("--lang=")) flag = a.slice("--lang=".length);
  }
  return resolveLocale({ flag, env });
}

/** The catalog id of a command's or option's help text: help.kpi.report, help.kpi.report.opt.period. */
export function helpKey(path: readonly string[], option?: string): string {
  const base = path.length ? `help.${path.join(".")}` : "help.program";
  return option ? `${base}.opt.${option}` : base;
}

function lookup(key: string): string | undefined {
  const id = key as MessageId;
  return CATALOGS.en[id] === undefined ? undefined : active(id);
}

/**
 * An option's help line with commander's extras in the run's language: "(choices: "a", "b",
 * default: "a")" / "（可选值："a"、"b"；默认："a"）". Which extras show follows commander's own rules.
 */
function optionDescription(o: Option): string {
  const extras: string[] = [];
  if (o.argChoices)
    extras.push(active("help.extra.choices", { values: o.argChoices.map((c) => JSON.stringify(c)).join(active("help.extra.list_sep")) }));
  const showDefault = o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === "boolean");
  if (o.defaultValue !== undefined && showDefault)
    extras.push(active("help.extra.default", { value: o.defaultValueDescription ?? JSON.stringify(o.defaultValue) }));
  if (o.presetArg !== undefined && o.optional) extras.push(active("help.extra.preset", { value: JSON.stringify(o.presetArg) }));
  if (o.envVar !== undefined) extras.push(active("help.extra.env", { name: o.envVar }));
  if (extras.length === 0) return o.description;
  const extra = active("help.extra.wrap", { extras: extras.join(active("help.extra.sep")) });
  // A full-width bracket needs no space before it.
  return o.description ? `${o.description}${active.locale === "en" ? " " : ""}${extra}` : extra;
}

/**
 * Puts the catalog's help texts on every command and option, and translates commander's headings.
 * The English in src/commands stays the source: a key the catalog lacks keeps the command's text.
 */
export function localizeHelp(program: Command): void {
  const titles: Record<string, MessageId> = {
    "Usage:": "help.title.usage",
    "Options:": "help.title.options",
    "Global Options:": "help.title.global_options",
    "Commands:": "help.title.commands",
    "Arguments:": "help.title.arguments",
  };
  const walk = (cmd: Command, path: string[]) => {
    const d = lookup(helpKey(path));
    if (d !== undefined) cmd.description(d);
    // The text after a command's help (examples, exit codes): the catalog's, in the run's language.
    const after = active.locale === "en" ? undefined : lookup(`${helpKey(path)}.after`);
    if (after !== undefined) {
      // commander's Command is an EventEmitter (addHelpText listens on "afterHelp"); its types do not say so.
      (cmd as unknown as EventEmitter).removeAllListeners("afterHelp");
      cmd.addHelpText("after", after);
    }
    for (const o of cmd.options) {
      const od = lookup(helpKey(path, o.attributeName()));
      if (od !== undefined) o.description = od;
    }
    cmd.helpOption("-h, --help", active("help.help"));
    if (cmd.commands.length > 0) cmd.helpCommand("help [command]", active("help.help"));
    cmd.configureHelp({
      ...cmd.configureHelp(),
      styleTitle: (s: string) => (titles[s] ? active(titles[s] as MessageId) : s),
      optionDescription: (o: Option) => optionDescription(o),
    } as Partial<Help>);
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
}

/** English for logs and JSON, whatever the run's language. */
export { english, isMessage };
