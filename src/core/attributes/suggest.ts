/**
 * "Did you mean": the canonical values closest to an unknown value. Edit distance with
 * transpositions catches English typos ("Lx" -> XL, "gery" -> grey); ties go to the candidate
 * sharing more characters, then the longer shared start and end. For Chinese, where one character
 * is a whole word, only the shared end counts (the head noun: 红 in 宝石红), and any shared character
 * makes a candidate at all.
 */
import { hasCjk } from "./normalize.js";

let scratch = new Int32Array(256);

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), over UTF-16 code units. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  if (scratch.length < rows * cols) scratch = new Int32Array(rows * cols * 2);
  const d = scratch;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const cb = b.charCodeAt(j - 1);
      let best = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + (ca === cb ? 0 : 1),
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

function sharedCharacters(a: string, b: string): number {
  const pool = b.split("");
  let shared = 0;
  for (const c of a) {
    const at = pool.indexOf(c);
    if (at >= 0) {
      shared++;
      pool.splice(at, 1);
    }
  }
  return shared;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

const MAX_KEY_LENGTH = 40;

export interface Candidate {
  /** Lookup key of a synonym or canonical value. */
  key: string;
  canonical: string;
}

/** Up to `limit` distinct canonical values, best first; candidates keep their listing order on ties. */
export function suggest(key: string, candidates: readonly Candidate[], limit = 3): string[] {
  // Nothing is close to a paragraph; and the table below is quadratic in the length.
  if (key.length > MAX_KEY_LENGTH) return [];
  const wanted = key;
  const cjk = hasCjk(key);
  const scored: { canonical: string; distance: number; shared: number; affix: number; index: number }[] = [];
  candidates.forEach((candidate, index) => {
    const chars = candidate.key;
    const limitDistance = Math.max(1, Math.floor(Math.max(wanted.length, chars.length) / 2));
    const sharesCjk = cjk && hasCjk(chars);
    // The distance is at least the difference in length: skip the table when that already rules it out.
    if (!sharesCjk && Math.abs(wanted.length - chars.length) > limitDistance) return;
    const shared = sharedCharacters(wanted, chars);
    if (sharesCjk && shared === 0 && Math.abs(wanted.length - chars.length) > limitDistance) return;
    const distance = editDistance(wanted, chars);
    if (distance > limitDistance && !(sharesCjk && shared > 0)) return;
    const affix = cjk ? commonSuffix(wanted, chars) : commonPrefix(wanted, chars) + commonSuffix(wanted, chars);
    scored.push({ canonical: candidate.canonical, distance, shared, affix, index });
  });
  scored.sort((x, y) => x.distance - y.distance || y.shared - x.shared || y.affix - x.affix || x.index - y.index);
  const result: string[] = [];
  for (const s of scored) {
    if (!result.includes(s.canonical)) result.push(s.canonical);
    if (result.length === limit) break;
  }
  return result;
}
