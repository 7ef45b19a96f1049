import { describe, expect, it } from "vitest";
import {
  addDays,
  dayOf,
  daysBetween,
  eachDay,
  isoWeekday,
  isValidDay,
  isValidTimeZone,
  offsetMs,
  startOfDay,
  zonedToInstant,
} from "../../../src/core/time.js";

const HOUR = 3_600_000;
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => new Date(s).getTime();

/** Deterministic PRNG (mulberry32) so a failure names a reproducible instant. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The test's own offset: Intl's "longOffset" name ("GMT+05:45"), not the wall-clock difference src/ uses.
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
function intlOffset(ms: number, tz: string): number {
  let f = offsetFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" });
    offsetFormatters.set(tz, f);
  }
  const name = f.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "";
  const m = /^GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(name);
  if (!m) throw new Error(`unexpected offset name ${name}`);
  if (!m[1]) return 0;
  const sign = m[1] === "-" ? -1 : 1;
  return sign * ((Number(m[2]) * 60 + Number(m[3])) * MIN + Number(m[4] ?? 0) * 1000);
}

// The test's own calendar day: Intl's en-CA date format is YYYY-MM-DD.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function intlDay(ms: number, tz: string): string {
  let f = dayFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(tz, f);
  }
  return f.format(ms);
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(ms: number, tz: string): string {
  let f = wallFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallFormatters.set(tz, f);
  }
  const parts = f.formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
}

const ZONES = [
  "UTC",
  "Asia/Shanghai",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Europe/Berlin",
  "America/New_York",
  "America/Santiago",
  "America/St_Johns",
];

// dayOf puts an instant on the store's calendar day, whatever the zone's offset or DST state.
describe("dayOf", () => {
  it("Asia/Shanghai: the day turns at 16:00 UTC", () => {
    expect(dayOf(at("2026-11-24T15:59:59.999Z"), "Asia/Shanghai")).toBe("2026-11-24");
    expect(dayOf(at("2026-11-24T16:00:00.000Z"), "Asia/Shanghai")).toBe("2026-11-25");
    expect(dayOf(new Date("2026-11-25T09:00:00+08:00"), "Asia/Shanghai")).toBe("2026-11-25");
  });

  it("half- and quarter-hour zones turn the day at :30 and :15", () => {
    expect(dayOf(at("2026-11-24T18:29:59Z"), "Asia/Kolkata")).toBe("2026-11-24");
    expect(dayOf(at("2026-11-24T18:30:00Z"), "Asia/Kolkata")).toBe("2026-11-25");
    expect(dayOf(at("2026-11-24T18:14:59Z"), "Asia/Kathmandu")).toBe("2026-11-24");
    expect(dayOf(at("2026-11-24T18:15:00Z"), "Asia/Kathmandu")).toBe("2026-11-25");
  });

  it("Europe/Berlin across the spring and autumn changes", () => {
    expect(dayOf(at("2026-03-28T22:59:59Z"), "Europe/Berlin")).toBe("2026-03-28");
    expect(dayOf(at("2026-03-28T23:00:00Z"), "Europe/Berlin")).toBe("2026-03-29");
    expect(dayOf(at("2026-03-29T21:59:59Z"), "Europe/Berlin")).toBe("2026-03-29");
    expect(dayOf(at("2026-03-29T22:00:00Z"), "Europe/Berlin")).toBe("2026-03-30");
    expect(dayOf(at("2026-10-25T22:59:59Z"), "Europe/Berlin")).toBe("2026-10-25");
    expect(dayOf(at("2026-10-25T23:00:00Z"), "Europe/Berlin")).toBe("2026-10-26");
  });

  it("America/New_York across the autumn change (a 25-hour day)", () => {
    expect(dayOf(at("2026-11-01T03:59:59Z"), "America/New_York")).toBe("2026-10-31");
    expect(dayOf(at("2026-11-01T04:00:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(dayOf(at("2026-11-02T04:59:59Z"), "America/New_York")).toBe("2026-11-01");
    expect(dayOf(at("2026-11-02T05:00:00Z"), "America/New_York")).toBe("2026-11-02");
  });

  it("agrees with Intl's own calendar day on random instants in every zone", () => {
    const next = rng(20261124);
    const lo = at("1990-01-01T00:00:00Z");
    const hi = at("2040-01-01T00:00:00Z");
    for (let i = 0; i < 3000; i++) {
      const ms = Math.floor(lo + next() * (hi - lo));
      for (const tz of ZONES) expect(dayOf(ms, tz), `${iso(ms)} in ${tz}`).toBe(intlDay(ms, tz));
    }
  });
});

// offsetMs caches per quarter hour; the cached value must always equal a direct Intl computation.
describe("offsetMs", () => {
  it("knows the fixed and DST offsets of the awkward zones", () => {
    expect(offsetMs(at("2026-11-25T00:00:00Z"), "Asia/Shanghai")).toBe(8 * HOUR);
    expect(offsetMs(at("2026-11-25T00:00:00Z"), "Asia/Kolkata")).toBe(5.5 * HOUR);
    expect(offsetMs(at("2026-11-25T00:00:00Z"), "Asia/Kathmandu")).toBe(5.75 * HOUR);
    expect(offsetMs(at("2026-07-01T00:00:00Z"), "Australia/Lord_Howe")).toBe(10.5 * HOUR);
    expect(offsetMs(at("2026-01-01T00:00:00Z"), "Australia/Lord_Howe")).toBe(11 * HOUR);
    expect(offsetMs(at("2026-07-01T00:00:00Z"), "Pacific/Chatham")).toBe(12.75 * HOUR);
    expect(offsetMs(at("2026-01-01T00:00:00Z"), "America/New_York")).toBe(-5 * HOUR);
    expect(offsetMs(at("2026-07-01T00:00:00Z"), "America/New_York")).toBe(-4 * HOUR);
    expect(offsetMs(at("2026-07-01T00:00:00Z"), "UTC")).toBe(0);
  });

  it("is the same whichever instant of a cached slot came first", () => {
    // Fill the slot from its end, then ask at its start, and the other way round in another zone.
    const slot = at("2026-10-03T15:30:00Z"); // Lord Howe's spring change: +10:30 -> +11:00
    expect(offsetMs(slot + 14 * MIN, "Australia/Lord_Howe")).toBe(11 * HOUR);
    expect(offsetMs(slot, "Australia/Lord_Howe")).toBe(11 * HOUR);
    expect(offsetMs(slot - 1, "Australia/Lord_Howe")).toBe(10.5 * HOUR);
    expect(offsetMs(slot - 1, "Australia/Lord_Howe")).toBe(10.5 * HOUR);
  });

  it("matches Intl on random instants in zones with +5:30, +5:45, half-hour DST and :45 offsets", () => {
    const next = rng(42);
    const lo = at("1990-01-01T00:00:00Z");
    const hi = at("2040-01-01T00:00:00Z");
    for (let i = 0; i < 5000; i++) {
      const ms = Math.floor(lo + next() * (hi - lo));
      for (const tz of ZONES.filter((z) => z !== "America/St_Johns")) {
        // Ask twice: the second answer comes from the cache.
        expect(offsetMs(ms, tz), `${iso(ms)} in ${tz}`).toBe(intlOffset(ms, tz));
        expect(offsetMs(ms, tz)).toBe(intlOffset(ms, tz));
      }
    }
  });

  it("matches Intl minute by minute around every 2026 transition", () => {
    for (const tz of ZONES) {
      const transitions: number[] = [];
      for (let t = at("2026-01-01T00:00:00Z"); t < at("2027-01-01T00:00:00Z"); t += HOUR) {
        if (intlOffset(t, tz) !== intlOffset(t + HOUR, tz)) transitions.push(t);
      }
      if (["Australia/Lord_Howe", "Europe/Berlin", "America/New_York", "Pacific/Chatham"].includes(tz)) {
        expect(transitions.length, tz).toBe(2);
      }
      for (const t of transitions) {
        for (let ms = t - HOUR; ms <= t + 2 * HOUR; ms += MIN) {
          expect(offsetMs(ms, tz), `${iso(ms)} in ${tz}`).toBe(intlOffset(ms, tz));
          expect(offsetMs(ms + 59_999, tz), `${iso(ms + 59_999)} in ${tz}`).toBe(intlOffset(ms + 59_999, tz));
        }
      }
    }
  });

  it("stays right for a transition off the quarter hour (America/St_Johns changed at 00:01 local until 2011)", () => {
    // 2010-03-14 00:01 NST (-3:30) = 03:31 UTC became 01:01 NDT (-2:30).
    expect(intlOffset(at("2010-03-14T03:31:30Z"), "America/St_Johns")).toBe(-2.5 * HOUR);
    expect(offsetMs(at("2010-03-14T03:30:30Z"), "America/St_Johns")).toBe(-3.5 * HOUR);
    expect(offsetMs(at("2010-03-14T03:31:30Z"), "America/St_Johns")).toBe(-2.5 * HOUR);
  });
});

// zonedToInstant turns a wall clock into an instant: skipped times move forward, repeated ones take the first.
describe("zonedToInstant", () => {
  it("reads an ordinary wall clock in the zone, milliseconds included", () => {
    expect(iso(zonedToInstant(2026, 11, 3, 14, 5, 9, 250, "Asia/Shanghai"))).toBe("2026-11-03T06:05:09.250Z");
    expect(iso(zonedToInstant(2026, 11, 3, 14, 5, 9, 0, "Europe/Berlin"))).toBe("2026-11-03T13:05:09.000Z");
    expect(iso(zonedToInstant(2026, 7, 3, 14, 5, 9, 0, "Europe/Berlin"))).toBe("2026-07-03T12:05:09.000Z");
    expect(iso(zonedToInstant(2026, 11, 3, 0, 0, 0, 0, "Asia/Kathmandu"))).toBe("2026-11-02T18:15:00.000Z");
    expect(iso(zonedToInstant(2026, 11, 3))).toBe("2026-11-03T00:00:00.000Z");
  });

  it("a time skipped in spring lands after the gap, shown in the later offset (Europe/Berlin 02:30 -> 03:30 CEST)", () => {
    expect(iso(zonedToInstant(2026, 3, 29, 2, 30, 0, 0, "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(wallClock(zonedToInstant(2026, 3, 29, 2, 30, 0, 0, "Europe/Berlin"), "Europe/Berlin")).toBe("2026-03-29 03:30:00");
  });

  it("a time skipped in spring lands after the gap west of UTC too (America/New_York 02:30 -> 03:30 EDT)", () => {
    const t = zonedToInstant(2026, 3, 8, 2, 30, 0, 0, "America/New_York");
    expect(wallClock(t, "America/New_York")).toBe("2026-03-08 03:30:00");
    expect(iso(t)).toBe("2026-03-08T07:30:00.000Z");
  });

  it("a skipped half hour (Australia/Lord_Howe 02:15 -> 02:45 +11)", () => {
    expect(iso(zonedToInstant(2026, 10, 4, 2, 15, 0, 0, "Australia/Lord_Howe"))).toBe("2026-10-03T15:45:00.000Z");
  });

  it("a repeated hour resolves to its first occurrence west of UTC (America/New_York 01:30 EDT)", () => {
    expect(iso(zonedToInstant(2026, 11, 1, 1, 30, 0, 0, "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("a repeated hour resolves to its first occurrence east of UTC (Europe/Berlin 02:30 CEST)", () => {
    expect(iso(zonedToInstant(2026, 10, 25, 2, 30, 0, 0, "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
  });

  it("a repeated half hour resolves to its first occurrence (Australia/Lord_Howe 01:45 +11)", () => {
    expect(iso(zonedToInstant(2026, 4, 5, 1, 45, 0, 0, "Australia/Lord_Howe"))).toBe("2026-04-04T14:45:00.000Z");
  });

  it("round-trips random daytime wall clocks in every zone", () => {
    const next = rng(7);
    for (let i = 0; i < 1500; i++) {
      const y = 2000 + Math.floor(next() * 40);
      const mo = 1 + Math.floor(next() * 12);
      const d = 1 + Math.floor(next() * 28);
      const h = 4 + Math.floor(next() * 20); // transitions happen between 00:00 and 03:00 local
      const mi = Math.floor(next() * 60);
      const s = Math.floor(next() * 60);
      const want = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")} ${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
      for (const tz of ZONES) expect(wallClock(zonedToInstant(y, mo, d, h, mi, s, 0, tz), tz), tz).toBe(want);
    }
  });

  it("startOfDay is the first instant that dayOf puts on that day", () => {
    for (const tz of ZONES) {
      for (const day of ["2026-03-08", "2026-03-29", "2026-04-05", "2026-09-06", "2026-10-04", "2026-10-25", "2026-11-01", "2026-11-25"]) {
        const s = startOfDay(day, tz);
        expect(dayOf(s, tz), `${day} in ${tz}`).toBe(day);
        expect(dayOf(s - 1, tz), `${day} in ${tz}`).toBe(addDays(day, -1));
      }
    }
  });
});

// Calendar arithmetic without zones: leap years, ISO weekdays, day counts.
describe("calendar days", () => {
  it("validates, adds and counts days across months and leap years", () => {
    expect(isValidDay("2028-02-29")).toBe(true);
    expect(isValidDay("2026-02-29")).toBe(false);
    expect(isValidDay("2026-02-30")).toBe(false);
    expect(isValidDay("2026-2-3")).toBe(false);
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(daysBetween("2026-11-01", "2026-11-25")).toBe(24);
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
    expect(daysBetween("2026-11-25", "2026-11-01")).toBe(-24);
    expect(eachDay("2028-02-27", "2028-03-01")).toEqual(["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
    expect(eachDay("2026-11-02", "2026-11-01")).toEqual([]);
  });

  it("numbers weekdays Monday 1 to Sunday 7", () => {
    expect(isoWeekday("2026-11-23")).toBe(1);
    expect(isoWeekday("2026-11-25")).toBe(3);
    expect(isoWeekday("2026-11-29")).toBe(7);
    expect(isoWeekday("2028-02-29")).toBe(2);
  });

  it("knows which time zone names exist", () => {
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("Australia/Lord_Howe")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
