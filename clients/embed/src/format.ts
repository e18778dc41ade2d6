// Texts and date formats of the embed, in Danish (default) and English. Times are always shown in
// Europe/Copenhagen, whatever the reader's own time zone, because that is where the activities are.
import type { Lang } from './labels.js';

export type { Lang };

const ZONE = 'Europe/Copenhagen';

const dateParts = {
  da: new Intl.DateTimeFormat('da-DK', {
    timeZone: ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
};

interface Parts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

function partsOf(lang: Lang, date: Date): Parts {
  const parts: Record<string, string> = {};
  for (const part of dateParts[lang].formatToParts(date)) parts[part.type] = part.value;
  return parts as unknown as Parts;
}

/**
 * "tirsdag 14. april kl. 10.00–12.00" (da) or "Tuesday 14 April, 10:00–12:00" (en), in
 * Copenhagen time. The year is added when it is not the year of `now`; an activity that ends on
 * another day gets that day in full.
 */
export function formatWhen(lang: Lang, startsAt: string, endsAt: string, now = new Date()): string {
  const start = partsOf(lang, new Date(startsAt));
  const end = partsOf(lang, new Date(endsAt));
  const thisYear = partsOf(lang, now).year;
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  if (lang === 'da') {
    const day = (p: Parts) => `${p.weekday} ${p.day}. ${p.month}${p.year === thisYear ? '' : ` ${p.year}`}`;
    const time = (p: Parts) => `${p.hour}.${p.minute}`;
    return sameDay
      ? `${day(start)} kl. ${time(start)}–${time(end)}`
      : `${day(start)} kl. ${time(start)} – ${day(end)} kl. ${time(end)}`;
  }
  const day = (p: Parts) => `${p.weekday} ${p.day} ${p.month}${p.year === thisYear ? '' : ` ${p.year}`}`;
  const time = (p: Parts) => `${p.hour}:${p.minute}`;
  return sameDay
    ? `${day(start)}, ${time(start)}–${time(end)}`
    : `${day(start)}, ${time(start)} – ${day(end)}, ${time(end)}`;
}

/** The UTC offset of Copenhagen at an instant, in minutes (60 in winter, 120 in summer). */
function copenhagenOffsetMinutes(instant: Date): number {
  const p = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(p.find((x) => x.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** Midnight at the start of a calendar day (YYYY-MM-DD) in Copenhagen, as an ISO instant. */
export function copenhagenMidnight(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d));
  const offset = copenhagenOffsetMinutes(new Date(guess.getTime() - 120 * 60_000));
  return new Date(guess.getTime() - offset * 60_000).toISOString();
}

/** The Monday (YYYY-MM-DD) of an ISO week. */
export function isoWeekMonday(isoYear: number, week: number): string {
  const jan4 = new Date(Date.UTC(isoYear, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/** The day after a calendar day (YYYY-MM-DD). */
export function nextDay(date: string, days = 1): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const TEXT = {
  da: {
    loading: 'Henter arrangementer …',
    slow: 'Det tager længere tid end normalt at hente arrangementerne …',
    down: 'Arrangementerne kan ikke hentes lige nu. Prøv igen om lidt.',
    retry: 'Prøv igen',
    more: 'Vis flere',
    none: 'Der er ingen arrangementer, der passer til valget.',
    noTheme: 'Temaet findes ikke.',
    noActivity: 'Arrangementet findes ikke.',
    shown: (shown: number, total: number) =>
      `Viser ${shown} af ${total} ${total === 1 ? 'arrangement' : 'arrangementer'}`,
    heading: (theme: string) => `Arrangementer: ${theme}`,
    cancelled: 'Aflyst',
    signup: 'Tilmelding',
    signupFor: (title: string) => `Tilmelding til ${title}`,
    free: 'Gratis',
    price: (dkk: number) => `${dkk.toLocaleString('da-DK')} kr.`,
    filters: 'Vælg arrangementer',
    audience: 'Målgruppe',
    week: 'Uge',
    weekOption: (week: number) => `Uge ${week}`,
    municipality: 'Kommune',
    all: 'Alle',
  },
  en: {
    loading: 'Loading activities …',
    slow: 'Loading the activities takes longer than usual …',
    down: 'The activities cannot be loaded right now. Please try again in a moment.',
    retry: 'Try again',
    more: 'Show more',
    none: 'No activities match the selection.',
    noTheme: 'The theme does not exist.',
    noActivity: 'The activity does not exist.',
    shown: (shown: number, total: number) => `Showing ${shown} of ${total} ${total === 1 ? 'activity' : 'activities'}`,
    heading: (theme: string) => `Activities: ${theme}`,
    cancelled: 'Cancelled',
    signup: 'Sign up',
    signupFor: (title: string) => `Sign up for ${title}`,
    free: 'Free',
    price: (dkk: number) => `DKK ${dkk.toLocaleString('en-GB')}`,
    filters: 'Choose activities',
    audience: 'Audience',
    week: 'Week',
    weekOption: (week: number) => `Week ${week}`,
    municipality: 'Municipality',
    all: 'All',
  },
} satisfies Record<Lang, unknown>;

export type Texts = (typeof TEXT)['da'];
