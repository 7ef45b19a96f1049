/**
 * `merchops init`: writes a starting merchops.config.yaml from a few answers. Plain data in
 * (the answers), a file out; prompting is the command's business.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { stringify } from "yaml";
import { loadConfig } from "../config/load.js";
import { UsageError } from "../core/errors.js";
import { isValidTimeZone } from "../core/time.js";
import { isCurrencyCode } from "../core/values.js";
import { writeFileAtomic } from "../io/atomic-write.js";

export interface InitAnswers {
  storeName: string;
  platform: "files" | "local";
  /** For a files store: the folder of exports. */
  dir?: string;
  timezone: string;
  currency: string;
}

export function validateAnswers(a: InitAnswers): void {
  if (!/^[A-Za-z0-9_-]+$/.test(a.storeName))
    throw new UsageError(`store name "${a.storeName}" has characters other than letters, digits, - and _`, "e.g. --store-name client");
  if (a.storeName === "demo") throw new UsageError('"demo" is the built-in demo store', "pick another --store-name");
  if (a.platform === "files" && !a.dir) throw new UsageError("a files store needs the folder of exports", "pass --dir ./client-exports");
  if (!isValidTimeZone(a.timezone)) throw new UsageError(`unknown time zone "${a.timezone}"`, "use an IANA name such as Asia/Shanghai");
  if (!isCurrencyCode(a.currency)) throw new UsageError(`"${a.currency}" is not an ISO 4217 currency code`, "use e.g. CNY or USD");
}

export function configText(a: InitAnswers): string {
  const store: Record<string, unknown> = { platform: a.platform };
  if (a.platform === "files") store.dir = a.dir;
  const body = stringify(
    { defaultStore: a.storeName, timezone: a.timezone, currency: a.currency, stores: { [a.storeName]: store } },
    { lineWidth: 0 },
  );
  return `# merchops configuration (see the README's Config section).
# Secrets never go in this file: write token: env:NAME and export NAME in the environment.
${body}
# kpi:
#   thresholds: { conversionRateMin: 0.03, roasMin: 3, csatMin: 0.95 }
# returns:
#   threshold: 0.15
#   windowDays: 30
`;
}

/** Writes the config atomically and checks it loads; returns the path written. */
export async function writeInitialConfig(cwd: string, answers: InitAnswers, opts: { force: boolean }): Promise<string> {
  validateAnswers(answers);
  const path = resolve(cwd, "merchops.config.yaml");
  if (existsSync(path) && !opts.force) throw new UsageError(`${path} already exists`, "pass --force to replace it, or edit it by hand");
  await writeFileAtomic(path, configText(answers));
  loadConfig({ path, cwd });
  return path;
}
