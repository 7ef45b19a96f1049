/**
 * A zod schema's own message as a catalog message. zod keeps a check's message as a string (a regex
 * or min() check has nowhere else to put it), so the schema gets the English text and the message
 * behind it is remembered here: whoever turns the zod issue into an error (config/load.ts) looks
 * the text up and gets the message back, to print in the run's language.
 */
import type { Message } from "./message.js";
import { english } from "./translate.js";

const byText = new Map<string, Message>();

/** The English text for the schema; the message is kept to translate it later. */
export function schemaMessage(m: Message): string {
  const text = english(m);
  byText.set(text, m);
  return text;
}

/** The message a schema text was made from; undefined for zod's own phrases. */
export function messageOfSchemaText(text: string): Message | undefined {
  return byText.get(text);
}
