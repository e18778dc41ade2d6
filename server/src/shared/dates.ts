/** Calendar logic for themes: ISO 8601 weeks and dates in Europe/Copenhagen. */

export const TIME_ZONE = 'Europe/Copenhagen';

const DAY_MS = 86_400_000;

/** A calendar date as YYYY-MM-DD. */
export type IsoDate = string;

function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function format(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** The Monday of ISO week 1: the week that contains 4 January. */
function mondayOfWeekOne(year: number): Date {
  const jan4 = utcDate(year, 1, 4);
  const isoDow = jan4.getUTCDay() || 7;
  return new Date(jan4.getTime() - (isoDow - 1) * DAY_MS);
}

/** 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOfDate(format(utcDate(year, 12, 28))).week;
}

/** First day (Monday) of an ISO week. */
export function isoWeekStart(year: number, week: number): IsoDate {
  return format(new Date(mondayOfWeekOne(year).getTime() + (week - 1) * 7 * DAY_MS));
}

/** Last day (Sunday) of an ISO week. */
export function isoWeekEnd(year: number, week: number): IsoDate {
  return format(new Date(mondayOfWeekOne(year).getTime() + ((week - 1) * 7 + 6) * DAY_MS));
}

/** The ISO week-numbering year and week of a calendar date. */
export function isoWeekOfDate(date: IsoDate): { year: number; week: number } {
  const d = new Date(`${date}T00:00:00Z`);
  const isoDow = d.getUTCDay() || 7;
  // The Thursday of the same week decides the year.
  const thursday = new Date(d.getTime() + (4 - isoDow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - mondayOfWeekOne(year).getTime()) / (7 * DAY_MS)) + 1;
  return { year, week };
}

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Copenhagen. */
export function copenhagenDate(instant: Date): IsoDate {
  return dateFormatter.format(instant);
}

/** The offset of Copenhagen from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function copenhagenOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a Copenhagen calendar day begins (local midnight). */
export function startOfCopenhagenDay(date: IsoDate): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // Midnight is never inside a DST gap in Denmark (changes happen at 02:00/03:00).
  const guess = new Date(utcMidnight.getTime() - copenhagenOffsetMinutes(utcMidnight) * 60_000);
  return new Date(utcMidnight.getTime() - copenhagenOffsetMinutes(guess) * 60_000);
}

/** The instant after the last moment of a Copenhagen calendar day. */
export function endOfCopenhagenDay(date: IsoDate): Date {
  const next = format(new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS));
  return startOfCopenhagenDay(next);
}

export type ThemeStatus = 'UPCOMING' | 'ACTIVE' | 'ENDED';

/** UPCOMING before the first day, ENDED after the last, ACTIVE in between (Copenhagen dates). */
export function themeStatus(startsOn: IsoDate, endsOn: IsoDate, now: Date = new Date()): ThemeStatus {
  const today = copenhagenDate(now);
  if (today < startsOn) return 'UPCOMING';
  if (today > endsOn) return 'ENDED';
  return 'ACTIVE';
}
