/**
 * Which language a run speaks. Pure: the caller passes the flag, the environment and the config.
 *
 * Order: --lang, then MERCHOPS_LANG, then the config's `lang`, then the system locale (LC_ALL,
 * LC_MESSAGES, LANG, as POSIX orders them), then English. The config comes before the system
 * locale because LANG is set on nearly every machine (en_US.UTF-8 on most servers): it is a hint,
 * while `lang:` in merchops.config.yaml is the merchant's explicit choice.
 */

export const LOCALES = ["en", "zh-Hans", "zh-Hant"] as const;
export type Locale = (typeof LOCALES)[number];

/** What --lang, MERCHOPS_LANG and the config accept (besides the locale names themselves). */
export const LANG_CHOICES = ["en", "zh", "zh-Hans", "zh-Hant", "zh-CN", "zh-SG", "zh-TW", "zh-HK", "zh-MO"] as const;

const HANT_REGIONS = new Set(["TW", "HK", "MO"]);

/**
 * A language tag or POSIX locale to one of ours: zh, zh_CN, zh-SG, zh_Hans -> zh-Hans; zh_TW, zh-HK,
 * zh_Hant -> zh-Hant; en, en_US.UTF-8, C, POSIX -> en. Undefined for what we do not speak (fr_FR),
 * so resolution goes on to the next source.
 */
export function normalizeLocale(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  // POSIX: language[_territory][.codeset][@modifier]; BCP 47: language[-script][-region].
  const base = tag.trim().split(/[.@]/)[0] ?? "";
  if (base === "" || base === "C" || base === "POSIX") return "en";
  const parts = base.split(/[-_]/);
  const language = (parts[0] ?? "").toLowerCase();
  if (language === "en") return "en";
  if (language !== "zh") return undefined;
  const rest = parts.slice(1).map((p) => p.toLowerCase());
  if (rest.includes("hant")) return "zh-Hant";
  if (rest.includes("hans")) return "zh-Hans";
  if (rest.some((p) => HANT_REGIONS.has(p.toUpperCase()))) return "zh-Hant";
  return "zh-Hans";
}

/** One of LANG_CHOICES (validated already) to its locale. */
export function toLocale(choice: (typeof LANG_CHOICES)[number]): Locale {
  return normalizeLocale(choice) ?? "en";
}

export interface LocaleSources {
  flag?: string | undefined;
  config?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
}

export function resolveLocale(sources: LocaleSources): Locale {
  const env = sources.env ?? {};
  const explicit = [sources.flag, env.MERCHOPS_LANG, sources.config];
  for (const tag of explicit) {
    const l = normalizeLocale(tag);
    if (l) return l;
  }
  // POSIX: the first of LC_ALL, LC_MESSAGES, LANG that is set decides; an unknown language means English.
  const system = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "");
  return normalizeLocale(system) ?? "en";
}

/** True for both Chinese scripts: code that only cares whether labels are Chinese. */
export function isChinese(locale: Locale): boolean {
  return locale !== "en";
}

/** The tag for Intl formatters and HTML lang attributes. */
export function intlTag(locale: Locale): string {
  return locale === "zh-Hans" ? "zh-CN" : locale === "zh-Hant" ? "zh-TW" : "en";
}
