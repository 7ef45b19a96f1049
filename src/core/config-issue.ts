/**
 * Zod refinements of the config whose text is a catalog message. Zod keeps `params` on custom
 * issues (refine, superRefine), so the message travels with the issue and configIssue renders it
 * in the run's language; `message` stays the English for logs and for code reading zod's issues.
 */
import { english, isMessage, type Message } from "./i18n/index.js";

export function issueText(m: Message): { message: string; params: { i18n: Message } } {
  return { message: english(m), params: { i18n: m } };
}

/** The catalog message a refinement carried, if any; a record key's issue nests the key's own issues. */
export function issueMessage(issue: object): Message | undefined {
  const { params, issues } = issue as { params?: { i18n?: unknown }; issues?: unknown };
  if (isMessage(params?.i18n)) return params.i18n;
  const [inner] = Array.isArray(issues) ? (issues as object[]) : [];
  return inner ? issueMessage(inner) : undefined;
}
