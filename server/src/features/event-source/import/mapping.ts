import { convert } from 'html-to-text';
import { TIME_ZONE, startOfCopenhagenDay } from '../../../shared/dates.js';

/**
 * What the DPL CMS and iCalendar mappers produce: one event occurrence in Temahub's terms, with
 * only plain text and absolute instants. The fields here are the ones the source owns.
 */
export interface ImportedEvent {
  /** The source's id of the occurrence (DPL CMS `uuid`; iCalendar `UID`, plus the occurrence for recurring events). */
  externalId: string;
  /** Occurrences of one recurring event share it (DPL CMS `series.uuid`; the iCalendar `UID`). */
  seriesId: string | null;
  title: string;
  description: string;
  /** Categories and tags as the source wrote them: for theme matching and the keyword table. */
  tags: string[];
  startsAt: Date;
  endsAt: Date;
  online: boolean;
  venue: ImportedVenue | null;
  imageUrl: string | null;
  signupUrl: string | null;
  priceDkk: number | null;
  capacity: number | null;
  cancelled: boolean;
}

export interface ImportedVenue {
  name: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** An entry of the source that cannot become an activity, and why. */
export interface RejectedEvent {
  externalId: string | null;
  title: string | null;
  tags: string[];
  reason: string;
}

export type ParsedEntry = { event: ImportedEvent } | { rejected: RejectedEvent };

/** The whole run fails with this message (it is stored on the run and shown to the library). */
export class ImportFailure extends Error {}

/** At most this many events (occurrences) are read from one source in one run. */
export const MAX_EVENTS_PER_RUN = 5_000;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;

/** Plain text from HTML: no markup, entities decoded, scripts and styles dropped, links as text. */
export function plainText(html: unknown, max: number): string {
  if (typeof html !== 'string' || !html.trim()) return '';
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
      { selector: 'h5', options: { uppercase: false } },
      { selector: 'h6', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  })
    // NUL and other control characters cannot be stored or shown.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** An absolute http(s) URL, or null. `httpsOnly` for images (shown on partners' https pages). */
export function absoluteUrl(value: unknown, httpsOnly = false): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol === 'https:' || (!httpsOnly && url.protocol === 'http:')) return url.toString();
  } catch {
    /* not a URL */
  }
  return null;
}

/** Case- and accent-insensitive form of a tag: "Vores Natür" and "vores natur" are equal. */
export function normalizeTag(tag: string): string {
  return tag
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

function offsetMinutes(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
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

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Whether `zone` is a time zone the runtime knows (IANA name). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a wall-clock time denotes in a time zone (Europe/Copenhagen unless given), right
 * across daylight-saving changes: a time in the spring gap counts as the offset before the
 * change (02:30 on the last Sunday of March is 03:30 CEST), an ambiguous autumn time as the
 * first of its two instants. Null when the fields are not a calendar date and time.
 */
export function wallTimeToInstant(t: WallTime, zone: string = TIME_ZONE): Date | null {
  const naive = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const check = new Date(naive);
  if (
    Number.isNaN(naive) ||
    check.getUTCFullYear() !== t.year ||
    check.getUTCMonth() !== t.month - 1 ||
    check.getUTCDate() !== t.day ||
    t.hour > 23 ||
    t.minute > 59 ||
    t.second > 60
  ) {
    return null;
  }
  const before = offsetMinutes(new Date(naive - 12 * 3_600_000), zone);
  const after = offsetMinutes(new Date(naive + 12 * 3_600_000), zone);
  // The earlier offset first: in the autumn overlap that gives the first instant.
  const first = new Date(naive - before * 60_000);
  if (offsetMinutes(first, zone) === before) return first;
  const second = new Date(naive - after * 60_000);
  if (offsetMinutes(second, zone) === after) return second;
  // In the spring gap: the offset before the change.
  return first;
}

/** The whole Copenhagen days from `firstDay` to `lastDay` (both included), as [start, end). */
export function wholeDays(firstDay: string, lastDay: string): { startsAt: Date; endsAt: Date } {
  const next = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { startsAt: startOfCopenhagenDay(firstDay), endsAt: startOfCopenhagenDay(next) };
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 date-time as DPL CMS sends it: with an offset it is that instant; without one it
 * is a wall-clock time in Europe/Copenhagen. Null when it does not parse.
 */
export function parseDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const wall: WallTime = {
    year: +m[1]!,
    month: +m[2]!,
    day: +m[3]!,
    hour: +(m[4] ?? 0),
    minute: +(m[5] ?? 0),
    second: +(m[6] ?? 0),
  };
  const local = wallTimeToInstant(wall, 'UTC');
  if (!local) return null;
  const offset = m[7];
  if (!offset) return wallTimeToInstant(wall);
  if (offset === 'Z') return local;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  if (Math.abs(minutes) > 14 * 60) return null;
  return new Date(local.getTime() - minutes * 60_000);
}

/** A Danish keyword and what an event carrying it (in a category or tag) is for or is. */
export interface ImportKeywordRule {
  keyword: string;
  audience?: string;
  format?: string;
}

/**
 * The Danish keyword table: categories and tags of imported events → audiences and format.
 * A tag word matches a keyword when it is the keyword, or (for keywords of four letters or
 * more) begins or ends with it, so that compounds count: "børneteater" → children,
 * "naturvandring" → walk. Short keywords ("tur", "ung") match whole words only, so that "natur"
 * is no walk. Without a match: everyone, and format other. Shown to coordinators and staff as
 * `eventImportKeywords`.
 */
export const IMPORT_KEYWORDS: readonly ImportKeywordRule[] = [
  { keyword: 'børn', audience: 'CHILDREN' },
  { keyword: 'barn', audience: 'CHILDREN' },
  { keyword: 'baby', audience: 'CHILDREN' },
  { keyword: 'familie', audience: 'FAMILIES' },
  { keyword: 'unge', audience: 'YOUTH' },
  { keyword: 'ung', audience: 'YOUTH' },
  { keyword: 'teenager', audience: 'YOUTH' },
  { keyword: 'voksne', audience: 'ADULTS' },
  { keyword: 'voksen', audience: 'ADULTS' },
  { keyword: 'senior', audience: 'SENIORS' },
  { keyword: 'ældre', audience: 'SENIORS' },
  { keyword: 'skoleklasse', audience: 'SCHOOL_CLASSES' },
  { keyword: 'skoletjeneste', audience: 'SCHOOL_CLASSES', format: 'SCHOOL_PROGRAM' },
  { keyword: 'undervisning', format: 'SCHOOL_PROGRAM' },
  { keyword: 'foredrag', format: 'TALK' },
  { keyword: 'forfattermøde', format: 'TALK' },
  { keyword: 'oplæsning', format: 'READING' },
  { keyword: 'højtlæsning', format: 'READING' },
  { keyword: 'læsekreds', format: 'READING' },
  { keyword: 'vandring', format: 'WALK' },
  { keyword: 'tur', format: 'WALK' },
  { keyword: 'værksted', format: 'WORKSHOP' },
  { keyword: 'workshop', format: 'WORKSHOP' },
  { keyword: 'udstilling', format: 'EXHIBITION' },
  { keyword: 'debat', format: 'DEBATE' },
  { keyword: 'webinar', format: 'DIGITAL' },
  { keyword: 'online', format: 'DIGITAL' },
];

function wordsOf(tags: string[]): string[] {
  return tags
    .flatMap((t) =>
      t
        .toLowerCase()
        .normalize('NFC')
        .split(/[^\p{L}\p{N}]+/u),
    )
    .filter(Boolean);
}

function matches(word: string, keyword: string): boolean {
  if (word === keyword) return true;
  return keyword.length >= 4 && (word.startsWith(keyword) || word.endsWith(keyword));
}

/** Audiences and format from categories and tags through the keyword table, with the fallbacks. */
export function classify(tags: string[]): { audiences: string[]; format: string } {
  const words = wordsOf(tags);
  const audiences = new Set<string>();
  let format: string | undefined;
  for (const rule of IMPORT_KEYWORDS) {
    if (!words.some((w) => matches(w, rule.keyword))) continue;
    if (rule.audience) audiences.add(rule.audience);
    if (rule.format && !format) format = rule.format;
  }
  return { audiences: audiences.size ? [...audiences] : ['EVERYONE'], format: format ?? 'OTHER' };
}
