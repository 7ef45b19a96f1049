/**
 * Excel date serials -> Date carrying the wall-clock time in its UTC fields (as exceljs does).
 *
 * The 1900 date system counts 1900-01-01 as day 1 and then, copying Lotus 1-2-3, a 1900-02-29
 * that never existed as day 60; from day 61 on the usual epoch 1899-12-30 is right. exceljs and
 * SheetJS apply that epoch to every serial, which puts days 1-59 one day early and day 60 on
 * 1900-02-28. A serial below zero shows as ##### in Excel and one past 9999-12-31 is no date
 * either. Such a cell is refused with its place rather than read as a plausible wrong date.
 * Serials between 0 and 1 are a time of day without a date (a "hh:mm" column) and kept so.
 */
import { type Message, msg } from "../core/i18n/index.js";

const MS_PER_DAY = 86_400_000;
/** Days between 1899-12-30 and 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** The 1904 system's day 0 is 1904-01-01, 1,462 days after the 1900 system's epoch. */
const DAYS_1904 = 1_462;
/** 9999-12-31, Excel's last date, in each system. */
const LAST_SERIAL_1900 = 2_958_465;
const LAST_SERIAL_1904 = LAST_SERIAL_1900 - DAYS_1904;

/** The Date for `serial`, or the problem with it. */
export function excelSerialToDate(serial: number, date1904: boolean): Date | { problem: Message } {
  const last = date1904 ? LAST_SERIAL_1904 : LAST_SERIAL_1900;
  if (!Number.isFinite(serial) || serial < 0) return { problem: msg("hostile.date.serial_negative", { serial: String(serial) }) };
  if (serial >= last + 1) return { problem: msg("hostile.date.serial_too_large", { serial: String(serial) }) };
  if (date1904) return fromDays(serial + DAYS_1904 - UNIX_EPOCH_SERIAL);
  if (serial >= 60 && serial < 61) return { problem: msg("hostile.date.serial_phantom", { serial: String(serial) }) };
  // Days 1-59 count from 1899-12-31 (day 1 = 1900-01-01); the time-only fraction below 1 keeps the usual epoch.
  return fromDays(serial >= 1 && serial < 60 ? serial - UNIX_EPOCH_SERIAL + 1 : serial - UNIX_EPOCH_SERIAL);
}

/** The serial exceljs converted `d` from (it uses the 1899-12-30 epoch for every serial). */
export function serialOfExceljsDate(d: Date, date1904: boolean): number {
  return d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DAYS_1904 : 0);
}

function fromDays(days: number): Date {
  return new Date(Math.round(days * MS_PER_DAY));
}
