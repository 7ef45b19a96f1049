/**
 * Dates written with an English month name, as some back offices print them: eBay's Orders report
 * (`Sep-30-26`, `Sep-30-26 23:45:00`), Magento's order grid (`May 31, 2024 10:15:22 AM`) and
 * UK-style sheets (`30-Sep-2026 10:00`, `30 Sep 2026`). A named month cannot be read the wrong way
 * round, so no day/month order is needed. Returns `YYYY-MM-DD HH:MM:SS` (no zone: the store's).
 */
const MONTHS = new Map(
  ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((m, i) => [m, i + 1] as const),
);

const MONTH = "([A-Za-z]{3,9})\\.?";
const TIME = "(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp][Mm])?)?";
/** Sep-30-26, Sep 30, 2024, September 30 2024 */
const MONTH_FIRST = new RegExp(`^${MONTH}[- ](\\d{1,2}),?[- ](\\d{2}|\\d{4})${TIME}$`);
/** 30-Sep-2026, 30 Sep 26 */
const DAY_FIRST = new RegExp(`^(\\d{1,2})[- ]${MONTH}[- ](\\d{2}|\\d{4})${TIME}$`);

function month(name: string): number | undefined {
  const m = MONTHS.get(name.slice(0, 3).toLowerCase());
  // "Sept" and full names are fine; "Mayo" or "Marzo" are not English months.
  if (m === undefined) return undefined;
  const full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][
    m - 1
  ] as string;
  const lower = name.toLowerCase();
  return full.startsWith(lower) || lower === "sept" ? m : undefined;
}

export function monthNameDate(raw: string): string | undefined {
  const text = raw.trim();
  let mon: string | undefined;
  let day: string | undefined;
  let year: string | undefined;
  let rest: (string | undefined)[] = [];
  const a = MONTH_FIRST.exec(text);
  if (a) [, mon, day, year, ...rest] = a;
  else {
    const b = DAY_FIRST.exec(text);
    if (!b) return undefined;
    [, day, mon, year, ...rest] = b;
  }
  const m = month(mon as string);
  const d = Number(day);
  if (m === undefined || d < 1 || d > 31) return undefined;
  const [h = "0", mi = "0", s = "0", ampm] = rest;
  let hour = Number(h);
  if (ampm) {
    const pm = ampm.toLowerCase() === "pm";
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  const y = (year as string).length === 2 ? `20${year}` : (year as string);
  const pad = (v: string | number) => String(v).padStart(2, "0");
  return `${y}-${pad(m)}-${pad(d)} ${pad(hour)}:${pad(mi)}:${pad(s)}`;
}
