/**
 * zod's own phrases ("expected string, received undefined") in the run's language, for one parse:
 * the schema's messages are catalog messages already (schemaMessage), zod's come from its locale.
 */
import { z } from "zod";
import type { Locale } from "../core/i18n/index.js";

type ErrorMap = NonNullable<z.core.ParseContext<z.core.$ZodIssue>["error"]>;
const maps = new Map<Locale, ErrorMap>();

/** The per-parse options: English is zod's default, Chinese its zh-CN / zh-TW locale. */
export function zodParseOptions(locale: Locale): { error?: ErrorMap } {
  if (locale === "en") return {};
  let map = maps.get(locale);
  if (!map) {
    map = (locale === "zh-Hant" ? z.locales.zhTW() : z.locales.zhCN()).localeError as ErrorMap;
    maps.set(locale, map);
  }
  return { error: map };
}

/** zod's "Invalid input: " lead-in, in each locale: the config error says where, so the rest is enough. */
export const ZOD_INVALID_INPUT = /^(Invalid input: |无效输入：|無效的輸入值：)/;
