/**
 * A message as data: a catalog id and its parameters. Core and services build these; the layer
 * that prints renders them in the run's language (translate.ts), so core stays free of language.
 */
import type { MessageId } from "./catalog/en.js";
import type { Locale } from "./locale.js";

/**
 * A text the caller already has in each language (an attribute's dictionary label, a list of them):
 * not a catalog entry, but still rendered in the run's language.
 */
export interface Localized {
  readonly localized: Readonly<Record<Locale, string>>;
}

export function localized(texts: Readonly<Record<Locale, string>>): Localized {
  return { localized: texts };
}

export function isLocalized(v: unknown): v is Localized {
  return typeof v === "object" && v !== null && typeof (v as { localized?: unknown }).localized === "object";
}

/**
 * A parameter may itself be a message (a location inside an error) or a localized text: either is
 * rendered in the same language as the sentence around it.
 */
export type MessageParam = string | number | Date | null | undefined | Message | Localized;
export type MessageParams = Readonly<Record<string, MessageParam>>;

export interface Message {
  readonly id: MessageId;
  readonly params?: MessageParams;
}

export function msg(id: MessageId, params?: MessageParams): Message {
  return params ? { id, params } : { id };
}

export function isMessage(v: unknown): v is Message {
  return typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "string" && !(v instanceof Error);
}
