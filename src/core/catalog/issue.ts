/**
 * A catalog issue from catalog messages: English in `message`/`hint` (the JSON document and the
 * results file carry it), the messages themselves in `text`/`hintText` (rendered in the run's language).
 */
import { english, type Message } from "../i18n/index.js";
import type { CatalogIssue, CellRef } from "./types.js";

export function catalogIssue(
  severity: CatalogIssue["severity"],
  at: CellRef,
  message: string | Message,
  hint?: string | Message,
): CatalogIssue {
  const i: CatalogIssue = { severity, at, message: english(message) };
  if (typeof message !== "string") i.text = message;
  if (hint) {
    i.hint = english(hint);
    if (typeof hint !== "string") i.hintText = hint;
  }
  return i;
}
