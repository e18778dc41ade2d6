/**
 * Calendar helpers for the seed: ISO weeks and Europe/Copenhagen wall-clock times written as
 * RFC 3339 strings with their offset (+01:00 in winter, +02:00 in summer), without relying on
 * the ICU time-zone data of the machine that seeds.
 */

/** A calendar date (no time zone). */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;

function utcDate(d: LocalDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

function fromUtc(date: Date): LocalDate {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return fromUtc(new Date(utcDate(d).getTime() + days * DAY_MS));
}

/** The Monday of ISO week `week` of ISO year `year`. */
export function isoWeekMonday(year: number, week: number): LocalDate {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Weekday = jan4.getUTCDay() || 7;
  const week1Monday = jan4.getTime() - (jan4Weekday - 1) * DAY_MS;
  return fromUtc(new Date(week1Monday + (week - 1) * 7 * DAY_MS));
}

/** Day `weekday` (1 = Monday … 7 = Sunday) of ISO week `week`. */
export function isoWeekDay(year: number, week: number, weekday: number): LocalDate {
  return addDays(isoWeekMonday(year, week), weekday - 1);
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** EU summer time: from the last Sunday of March, 02:00, to the last Sunday of October, 03:00. */
function isSummerTime(d: LocalDate, hour: number): boolean {
  const start = lastSunday(d.year, 3);
  const end = lastSunday(d.year, 10);
  if (d.month > 3 && d.month < 10) return true;
  if (d.month < 3 || d.month > 10) return false;
  if (d.month === 3) return d.day > start || (d.day === start && hour >= 2);
  return d.day < end || (d.day === end && hour < 3);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatDate(d: LocalDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** Copenhagen wall-clock time as an RFC 3339 string with offset, e.g. `2020-04-14T19:00:00+02:00`. */
export function copenhagen(d: LocalDate, hour: number, minute = 0, second = 0): string {
  const offset = isSummerTime(d, hour) ? '+02:00' : '+01:00';
  return `${formatDate(d)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`;
}
