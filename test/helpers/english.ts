/** A value that may be a catalog message, in English (undefined stays undefined): for tests that compare the words. */
import { english, type Message } from "../../src/core/i18n/index.js";

export function englishOf(value: Message | string | undefined): string | undefined {
  return value === undefined ? undefined : english(value);
}
