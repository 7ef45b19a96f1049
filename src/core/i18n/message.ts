/**
 * A message as data: a catalog id and its parameters. Core and services build these; the layer
 * that prints renders them in the run's language (translate.ts), so core stays free of language.
 */
import type { MessageId } from "./catalog/en.js";

/** A parameter may itself be a message (a location inside an error): it is rendered in the same language. */
export type MessageParam = string | number | Date | null | undefined | Message;
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
