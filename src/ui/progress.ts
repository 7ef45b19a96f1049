/**
 * Progress on stderr: an ora spinner on an interactive terminal, otherwise a plain line at most
 * every few seconds (cron logs stay short), nothing at all with --quiet.
 */
import type { Message } from "../core/i18n/index.js";
import type { Progress } from "../services/context.js";
import { tr } from "./i18n.js";

const say = (m: Message): string => tr.text(m);

const PLAIN_EVERY_MS = 5000;

export async function createProgress(opts: { interactive: boolean; quiet: boolean; write?: (s: string) => void }): Promise<Progress> {
  if (opts.quiet) return { start() {}, update() {}, done() {} };
  if (opts.interactive) {
    const { default: ora } = await import("ora");
    const spinner = ora({ stream: process.stderr });
    return {
      start: (text) => {
        spinner.start(say(text));
      },
      update: (text) => {
        spinner.text = say(text);
      },
      done: (text) => {
        if (text) spinner.succeed(say(text));
        else spinner.stop();
      },
    };
  }
  const write = opts.write ?? ((s: string) => process.stderr.write(s));
  let last = 0;
  let current = "";
  return {
    start: (text) => {
      current = say(text);
      last = Date.now();
    },
    update: (text) => {
      current = say(text);
      if (Date.now() - last >= PLAIN_EVERY_MS) {
        last = Date.now();
        write(`${current}\n`);
      }
    },
    done: (text) => {
      if (text && Date.now() - last >= PLAIN_EVERY_MS) write(`${say(text)}\n`);
    },
  };
}
