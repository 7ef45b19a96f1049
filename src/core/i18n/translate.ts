/**
 * Renders catalog messages: ICU MessageFormat (plurals by Intl.PluralRules, numbers and dates by
 * Intl) through intl-messageformat. A zh-Hant string missing from its catalog falls back to
 * zh-Hans, then English; the catalog test keeps the first fallback from ever being needed.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { en, type MessageId } from "./catalog/en.js";
import { zhHans } from "./catalog/zh-Hans.js";
import { zhHant } from "./catalog/zh-Hant.js";
import { intlTag, type Locale } from "./locale.js";
import { isLocalized, isMessage, type Message, type MessageParams } from "./message.js";

export const CATALOGS: Record<Locale, Readonly<Partial<Record<MessageId, string>>>> = {
  en,
  "zh-Hans": zhHans,
  "zh-Hant": zhHant,
};

const compiled = new Map<string, IntlMessageFormat>();

function source(locale: Locale, id: MessageId): { text: string; locale: Locale } {
  const own = CATALOGS[locale][id];
  if (own !== undefined) return { text: own, locale };
  const hans = locale === "zh-Hant" ? zhHans[id] : undefined;
  if (hans !== undefined) return { text: hans, locale: "zh-Hans" };
  return { text: en[id], locale: "en" };
}

function format(locale: Locale, id: MessageId): IntlMessageFormat {
  const key = `${locale}\u0000${id}`;
  let f = compiled.get(key);
  if (!f) {
    const s = source(locale, id);
    // ignoreTag: messages talk about "<file>" and ">= 3"; nothing here is markup.
    f = new IntlMessageFormat(s.text, intlTag(s.locale), undefined, { ignoreTag: true });
    compiled.set(key, f);
  }
  return f;
}

/** Parameters as the formatter wants them: a missing figure shows as the catalog's n/a, never as 0. */
function prepare(locale: Locale, params: MessageParams | undefined): Record<string, string | number | Date> {
  const out: Record<string, string | number | Date> = {};
  if (!params) return out;
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) out[k] = format(locale, "common.na").format() as string;
    else if (isMessage(v)) out[k] = t(locale, v.id, v.params);
    else if (isLocalized(v)) out[k] = v.localized[locale];
    else out[k] = v;
  }
  return out;
}

export function t(locale: Locale, id: MessageId, params?: MessageParams): string {
  const text = format(locale, id).format(prepare(locale, params));
  return Array.isArray(text) ? text.join("") : String(text);
}

export interface Translator {
  readonly locale: Locale;
  (id: MessageId, params?: MessageParams): string;
  /** A message built elsewhere (an error, a warning), or a text that is already final. */
  text(m: Message | string): string;
}

export function translator(locale: Locale): Translator {
  const tr = ((id: MessageId, params?: MessageParams) => t(locale, id, params)) as Translator & { locale: Locale };
  Object.defineProperty(tr, "locale", { value: locale });
  tr.text = (m) => (isMessage(m) ? t(locale, m.id, m.params) : m);
  return tr;
}

/** English rendering: what Error.message and logs hold, so stacks and JSON stay greppable. */
export function english(m: Message | string): string {
  return isMessage(m) ? t("en", m.id, m.params) : m;
}

/** A figure in the run's language: grouping and digits from Intl. */
export function formatNumber(locale: Locale, n: number, opts: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(intlTag(locale), opts).format(n);
}
