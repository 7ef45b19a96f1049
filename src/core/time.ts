/**
 * Calendar arithmetic in a store's time zone, with nothing but Intl: "yesterday" in Asia/Shanghai
 * is a different pair of instants than in Europe/Berlin, and a day is not always 24 hours.
 */

/** A calendar day, YYYY-MM-DD. */
export type Day = string;

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatterCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatterCache.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instantMs: number, tz: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(tz).formatToParts(instantMs)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

const offsetCache = new Map<string, Map<number, number>>();
const SLOT = 900_000;
/** Marks a cache slot inside which the offset changes: such instants are computed directly. */
const MIXED = Number.NaN;

/**
 * Offset of tz from UTC at an instant, in milliseconds (Asia/Shanghai: +8 h). Intl is slow enough
 * to dominate a million-row report, so offsets are cached per 15-minute slot; a slot whose two
 * ends disagree (a transition off the quarter hour, as St. John's had until 2011) is never cached.
 */
export function offsetMs(instantMs: number, tz: string): number {
  let zone = offsetCache.get(tz);
  if (!zone) {
    zone = new Map();
    offsetCache.set(tz, zone);
  }
  const slot = Math.floor(instantMs / SLOT);
  let off = zone.get(slot);
  if (off === undefined) {
    const start = computeOffset(slot * SLOT, tz);
    off = computeOffset(slot * SLOT + SLOT - 1000, tz) === start ? start : MIXED;
    zone.set(slot, off);
  }
  return Number.isNaN(off) ? computeOffset(instantMs, tz) : off;
}

function computeOffset(instantMs: number, tz: string): number {
  const w = wallClock(instantMs, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in tz shows the given local time. A time repeated by a DST
 * change gives its first occurrence; a time skipped by one is moved forward by the gap (02:30 on
 * a spring-forward night is 03:30), as calendar programs do.
 */
export function zonedToInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0, tz = "UTC"): number {
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Offsets a day either side bracket any transition near this wall-clock time.
  const before = offsetMs(local - 86_400_000, tz);
  const after = offsetMs(local + 86_400_000, tz);
  const fits = [local - before, local - after].filter((t) => t + offsetMs(t, tz) === local);
  if (fits.length > 0) return Math.min(...fits);
  return local - before;
}

/** The last day looked up per zone: records come in time order, so most lookups hit it. */
const lastDay = new Map<string, { from: number; to: number; day: Day }>();

/** The calendar day an instant falls on in tz. */
export function dayOf(instant: Date | number, tz: string): Day {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const hit = lastDay.get(tz);
  if (hit && ms >= hit.from && ms < hit.to) return hit.day;
  const day = new Date(ms + offsetMs(ms, tz)).toISOString().slice(0, 10);
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  lastDay.set(tz, { from: zonedToInstant(y, m, d, 0, 0, 0, 0, tz), to: zonedToInstant(y, m, d + 1, 0, 0, 0, 0, tz), day });
  return day;
}

export function parseDay(day: Day): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isValidDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Day arithmetic on the calendar (no time zone involved). */
export function addDays(day: Day, n: number): Day {
  const { year, month, day: d } = parseDay(day);
  return new Date(Date.UTC(year, month - 1, d + n)).toISOString().slice(0, 10);
}

/** Number of days from a to b (b − a). */
export function daysBetween(a: Day, b: Day): number {
  const pa = parseDay(a);
  const pb = parseDay(b);
  return Math.round((Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000);
}

/** 1 = Monday ... 7 = Sunday (ISO). */
export function isoWeekday(day: Day): number {
  const { year, month, day: d } = parseDay(day);
  const wd = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The first instant of a day in tz. */
export function startOfDay(day: Day, tz: string): number {
  const { year, month, day: d } = parseDay(day);
  return zonedToInstant(year, month, d, 0, 0, 0, 0, tz);
}

/** Every day from first to last, inclusive. */
export function eachDay(first: Day, last: Day): Day[] {
  const out: Day[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}
