/**
 * A list of messages as one message ("a; b; c" / "a；b；c"), rendered in the run's language when
 * printed: messages carry no arrays, so the list nests pairs.
 */
import { type Message, msg } from "./message.js";

export function joinMessages(items: readonly (Message | string)[]): Message | string {
  const [first, ...rest] = items;
  if (first === undefined) return "";
  return rest.reduce<Message | string>((a, b) => msg("common.list_pair", { a, b }), first);
}
