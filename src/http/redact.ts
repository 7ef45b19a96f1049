/**
 * Secret redaction for everything the HTTP layer logs or puts in an error: query parameters named like
 * credentials, and any listed secret value wherever it appears (also URL-encoded).
 */

import { isSecretParamName, MASK } from "../core/echo.js";
import { isMessage, type Message, type MessageParam } from "../core/i18n/index.js";

export { isSecretParamName, redactSecretParams } from "../core/echo.js";
export { MASK };

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // Longest first, so a secret containing another is masked whole.
  const values = [...new Set(secrets.filter((s) => typeof s === "string" && s.length > 0))].sort((a, b) => b.length - a.length);
  for (const secret of values) {
    out = out.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(MASK);
    const formEncoded = encoded.replace(/%20/g, "+");
    if (formEncoded !== encoded) out = out.split(formEncoded).join(MASK);
  }
  return out;
}

/** A message with every text param redacted (params may nest messages); a plain text like redactText. */
export function redactMessage<T extends Message | string>(m: T, secrets: readonly string[] = []): T {
  if (typeof m === "string") return redactText(m, secrets) as T;
  const message: Message = m;
  if (!message.params) return m;
  const params: Record<string, MessageParam> = {};
  for (const [name, value] of Object.entries(message.params))
    params[name] = typeof value === "string" || isMessage(value) ? redactMessage(value, secrets) : value;
  return { id: message.id, params } as T;
}

/** Values of credential-named query parameters of a URL (to mask them wherever a server echoes them). */
export function secretParamValues(url: string): string[] {
  const out: string[] = [];
  try {
    for (const [name, value] of new URL(url, "http://x").searchParams) if (isSecretParamName(name) && value.length >= 4) out.push(value);
  } catch {
    // not a URL: nothing to add
  }
  return out;
}

/** Masks credential-named query params (`?access_token=***`), user:password@ and every listed secret. Works on absolute or relative URLs. */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  const withoutUserinfo = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${MASK}@`);
  const masked = withoutUserinfo.replace(/([?&;])([^=&#;]+)=([^&#;]*)/g, (whole, sep: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // keep the raw name
    }
    return isSecretParamName(decoded) ? `${sep}${name}=${MASK}` : whole;
  });
  return redactText(masked, secrets);
}
