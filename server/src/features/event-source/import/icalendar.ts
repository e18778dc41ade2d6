import ICAL from 'ical.js';
import { TIME_ZONE } from '../../../shared/dates.js';
import {
  DESCRIPTION_MAX,
  ImportFailure,
  MAX_EVENTS_PER_RUN,
  TITLE_MAX,
  absoluteUrl,
  isKnownTimeZone,
  plainText,
  wallTimeToInstant,
  wholeDays,
  type ImportedEvent,
  type ParsedEntry,
} from './mapping.js';

/**
 * iCalendar (RFC 5545) feeds, parsed with ical.js. Recurring events (RRULE, RDATE, EXDATE,
 * overridden occurrences) are expanded within `window`, each occurrence its own event with the
 * UID as series id. Times with a TZID are wall-clock times in that zone (converted with the
 * runtime's time-zone data rather than the feed's VTIMEZONE), floating times are Copenhagen's.
 */

export interface Window {
  from: Date;
  to: Date;
}

/** Occurrences of one recurring event expanded at most (a daily rule over a season is ~60). */
const MAX_OCCURRENCES_PER_EVENT = 1_000;

type Time = ICAL.Time;

const isUtc = (t: Time): boolean => t.zone?.tzid === 'UTC' || (t as unknown as { timezone?: string }).timezone === 'Z';

function instantOf(t: Time, tzid: string | null): Date | null {
  if (isUtc(t)) return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
  const zone = tzid && isKnownTimeZone(tzid) ? tzid : TIME_ZONE;
  return wallTimeToInstant(
    { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second },
    zone,
  );
}

const dateOf = (t: Time): string =>
  `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

function tzidOf(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstProperty(name)?.getParameter('tzid');
  return typeof value === 'string' ? value : null;
}

/** Start and end of one occurrence; all-day events become whole Copenhagen days. */
function period(start: Time, end: Time | null, item: ICAL.Component): { startsAt: Date; endsAt: Date } | string {
  if (start.isDate) {
    let last = dateOf(start);
    if (end && end.isDate && end.compare(start) > 0) {
      const inclusive = end.clone();
      inclusive.adjust(-1, 0, 0, 0);
      last = dateOf(inclusive);
    }
    return wholeDays(dateOf(start), last);
  }
  const startsAt = instantOf(start, tzidOf(item, 'dtstart'));
  if (!startsAt) return 'The start time (DTSTART) is not a date and time.';
  const hasEnd = item.hasProperty('dtend') || item.hasProperty('duration');
  if (!hasEnd || !end) return { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) };
  const endsAt = instantOf(end, tzidOf(item, 'dtend') ?? tzidOf(item, 'dtstart'));
  if (!endsAt) return 'The end time (DTEND) is not a date and time.';
  if (endsAt <= startsAt) return 'The event ends before it starts (DTEND is not after DTSTART).';
  return { startsAt, endsAt };
}

function textProperty(item: ICAL.Component, name: string): string | null {
  const value = item.getFirstPropertyValue(name);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function categoriesOf(item: ICAL.Component): string[] {
  return item
    .getAllProperties('categories')
    .flatMap((p) => p.getValues())
    .filter((v): v is string => typeof v === 'string' && !!v.trim())
    .map((v) => v.trim());
}

/** The source-owned content of a VEVENT (the master or an overridden occurrence). */
function contentOf(item: ICAL.Component): Omit<ImportedEvent, 'externalId' | 'seriesId' | 'startsAt' | 'endsAt'> {
  const location = textProperty(item, 'location');
  const locationUrl = absoluteUrl(location);
  const online = !!locationUrl || (location ?? '').trim().toLowerCase() === 'online';
  const geo = item.getFirstPropertyValue('geo') as unknown;
  const [latitude, longitude] = Array.isArray(geo) ? geo.map(Number) : [NaN, NaN];
  const hasGeo =
    Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude!) <= 90 && Math.abs(longitude!) <= 180;
  const venueName = location && !online ? plainText(location, 200) : '';
  return {
    title: plainText(textProperty(item, 'summary'), TITLE_MAX),
    description: plainText(textProperty(item, 'description'), DESCRIPTION_MAX),
    tags: categoriesOf(item),
    online,
    venue: venueName
      ? {
          name: venueName,
          address: null,
          postalCode: null,
          city: null,
          latitude: hasGeo ? latitude! : null,
          longitude: hasGeo ? longitude! : null,
        }
      : null,
    imageUrl: absoluteUrl(item.getFirstPropertyValue('image'), true),
    signupUrl: absoluteUrl(item.getFirstPropertyValue('url')) ?? locationUrl,
    priceDkk: null,
    capacity: null,
    cancelled: String(item.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
  };
}

/** Maps an iCalendar feed; recurring events are expanded within `window`. */
export function parseICalendar(body: string, window: Window): ParsedEntry[] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(body) as unknown as unknown[]);
  } catch {
    throw new ImportFailure('The source did not answer a valid iCalendar file (it does not parse as RFC 5545).');
  }
  if (root.name !== 'vcalendar')
    throw new ImportFailure('The source answered something other than an iCalendar VCALENDAR.');
  const vevents = root.getAllSubcomponents('vevent');
  if (vevents.length > MAX_EVENTS_PER_RUN)
    throw new ImportFailure(
      `The source lists ${vevents.length} events; at most ${MAX_EVENTS_PER_RUN} are imported per run.`,
    );

  const byUid = new Map<string, ICAL.Component[]>();
  const entries: ParsedEntry[] = [];
  for (const vevent of vevents) {
    const uid = textProperty(vevent, 'uid');
    if (!uid) {
      entries.push({
        rejected: {
          externalId: null,
          title: plainText(textProperty(vevent, 'summary'), TITLE_MAX) || null,
          tags: categoriesOf(vevent),
          reason: 'The event has no UID.',
        },
      });
      continue;
    }
    byUid.set(uid, [...(byUid.get(uid) ?? []), vevent]);
  }

  for (const [uid, components] of byUid) {
    const master = components.find((c) => !c.hasProperty('recurrence-id')) ?? components[0]!;
    const reject = (reason: string, externalId: string = uid) =>
      entries.push({
        rejected: {
          externalId,
          title: plainText(textProperty(master, 'summary'), TITLE_MAX) || null,
          tags: categoriesOf(master),
          reason,
        },
      });
    try {
      if (!master.hasProperty('dtstart')) {
        reject('The event has no start time (DTSTART).');
        continue;
      }
      const event = new ICAL.Event(master);
      for (const exception of components)
        if (exception !== master && exception.hasProperty('recurrence-id')) event.relateException(exception);
      if (!event.isRecurring()) {
        const when = period(event.startDate, event.endDate, master);
        if (typeof when === 'string') reject(when);
        else entries.push({ event: { ...contentOf(master), externalId: uid, seriesId: null, ...when } });
        continue;
      }
      const iterator = event.iterator();
      let count = 0;
      for (let next = iterator.next(); next; next = iterator.next()) {
        if (++count > MAX_OCCURRENCES_PER_EVENT) break;
        const details = event.getOccurrenceDetails(next);
        const externalId = `${uid}/${details.recurrenceId.toICALString()}`;
        const when = period(details.startDate, details.endDate, details.item.component);
        if (typeof when === 'string') {
          reject(when, externalId);
          continue;
        }
        if (when.startsAt >= window.to) break;
        if (when.endsAt <= window.from) continue;
        entries.push({ event: { ...contentOf(details.item.component), externalId, seriesId: uid, ...when } });
        if (entries.length > MAX_EVENTS_PER_RUN)
          throw new ImportFailure(
            `The source's events expand to more than ${MAX_EVENTS_PER_RUN} occurrences; at most ${MAX_EVENTS_PER_RUN} are imported per run.`,
          );
      }
    } catch (err) {
      if (err instanceof ImportFailure) throw err;
      reject('The dates of the event do not parse.');
    }
  }
  return entries;
}
