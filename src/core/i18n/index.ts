/** One message catalog for every string a user sees; see locale.ts for how a run picks its language. */
export type { MessageId } from "./catalog/en.js";
export {
  intlTag,
  isChinese,
  LANG_CHOICES,
  LOCALES,
  type Locale,
  type LocaleSources,
  normalizeLocale,
  resolveLocale,
  toLocale,
} from "./locale.js";
export { isLocalized, isMessage, type Localized, localized, type Message, type MessageParam, type MessageParams, msg } from "./message.js";
export { messageOfSchemaText, schemaMessage } from "./schema-message.js";
export { CATALOGS, english, formatNumber, type Translator, t, translator } from "./translate.js";
