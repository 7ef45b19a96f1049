/**
 * What may be echoed back to the user from hostile input: bounded values, summarized lists, and
 * credential-looking query parameters masked. Used by every message that quotes input, and as a
 * last net by cli.ts on whatever reaches the terminal (issue 13: a 2 MB line naming 199,994
 * columns, a 10 MB config value, a feed's api_key echoed by an error body).
 */

export const MASK = "***";

/** About how many characters of one input value a message quotes. */
export const ECHO_CHARS = 80;

/**
 * Credential-looking parameter names: key, api_key, apikey, token, access_token, sig, signature,
 * sign, secret, password, passwd, pwd, auth, credential, and any of them after a prefix
 * (consumer_key, client_secret, x-amz-signature, app_key).
 */
const SECRET_PARAM =
  /^(?:[a-z0-9]+[_.-])*(?:key|apikey|appkey|token|secret|sig|sign|signature|password|passwd|pwd|auth|authorization|credentials?)$/i;

export function isSecretParamName(name: string): boolean {
  return SECRET_PARAM.test(name);
}

/**
 * Masks the values of credential-named query parameters wherever they appear in free text (an
 * error body echoing the request URL, a message quoting it): `...&api_key=abc` -> `...&api_key=***`.
 */
export function redactSecretParams(text: string): string {
  return text.replace(/([?&;]|\b)([A-Za-z0-9_.-]+)=([^&#\s"'<>;,]+)/g, (whole, sep: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // keep the raw name
    }
    return isSecretParamName(decoded) ? `${sep}${name}=${MASK}` : whole;
  });
}

/** One value as a message quotes it: at most ECHO_CHARS characters, the rest counted. */
export function echoValue(value: string, max = ECHO_CHARS): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max)}… (${value.length.toLocaleString("en-US")} characters)`;
}

/** A list as a message names it: all of a short list, a count and the first few of a long one. */
export function echoList(items: readonly string[], noun: string, shown = 5): string {
  const quoted = items.slice(0, shown).map((i) => `"${echoValue(i, 40)}"`);
  if (items.length <= shown) return quoted.join(", ");
  return `${items.length.toLocaleString("en-US")} ${noun}, e.g. ${quoted.join(", ")} …`;
}

// C0 and C1 controls but newline: ESC starts terminal escape sequences (colours, cursor moves, window
// titles, OSC 8 links), CR and BS overwrite what was printed. And the bidirectional embeddings,
// overrides and isolates, which reorder what is shown (Trojan Source, CVE-2021-42574).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from input made safe to print on a terminal: a TAB becomes a space, CRLF and a lone CR a
 * newline, every other control or bidi-control character U+FFFD, which shows that something was there.
 */
export function neutralizeControls(text: string): string {
  return text.replace(/\t/g, " ").replace(/\r\n?/g, "\n").replace(UNSAFE_FOR_TERMINAL, "\uFFFD");
}

/** Longest message cli.ts prints; anything longer was built from input that escaped echoValue. */
const MESSAGE_CHARS = 2000;

/**
 * The last net for terminal output: every run of more than ECHO_CHARS non-space characters is
 * cut, the message is bounded, credential-named query values are masked.
 */
export function boundEchoes(text: string): string {
  let out = redactSecretParams(text).replace(new RegExp(`[^\\s]{${ECHO_CHARS * 2 + 1},}`, "g"), (run) => echoValue(run, ECHO_CHARS));
  if (out.length > MESSAGE_CHARS) out = `${out.slice(0, MESSAGE_CHARS)}… (${out.length.toLocaleString("en-US")} characters)`;
  return out;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const PATH_ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A file name as a message shows it: Linux allows any byte but "/" and NUL in a name, so a newline,
 * ESC or a bidi override in it is written as an escape (`\n`, `\u{1B}`): one name stays on one
 * line, cannot fake another message line, and can still be told apart from its neighbours.
 */
export function shownPath(path: string): string {
  return path.replace(UNSAFE_IN_PATH, (c) => PATH_ESCAPES[c] ?? `\\u{${(c.codePointAt(0) as number).toString(16).toUpperCase()}}`);
}
